//! Live sources: a site's parsed files kept in memory between edits, for `lianluo serve`.
//!
//! [`Live::refresh`] lists the site's content folders again (a directory walk, no reading)
//! and re-reads only the files that are new or were reported changed, dropping the ones
//! that are gone. Every file keeps its own problems, so a broken file stays reported until
//! it is fixed while every other file keeps its last parse. [`Live::with`] lends the whole
//! site out as the same [`Sources`] that [`load`](super::load) would have returned, in the
//! same order, so the model and the pages built from it are the same as a full build's.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::de::DeserializeOwned;

use super::raw::*;
use super::{Doc, Item, Sources, StaticFile};
use crate::diag::{Diagnostic, Diagnostics, Span, display_path};

use super::layout::{self, FILES as SINGLES};

/// Parsed items of one content folder, by full path (so in the order `load` reads them).
type Files<T> = BTreeMap<PathBuf, Item<T>>;
/// Translated bodies (`x.en.md`) by the file of their item (`x.md`).
type Bodies = HashMap<PathBuf, Vec<(PathBuf, crate::vocab::Language)>>;

/// A site folder's sources, kept up to date file by file.
#[derive(Debug)]
pub struct Live {
    root: PathBuf,
    site: Option<Doc<RawSite>>,
    areas: Option<Doc<RawAreasFile>>,
    handlers: Option<Doc<RawHandlersFile>>,
    groups: Option<Doc<RawGroupsFile>>,
    holidays: Option<Doc<Vec<RawHoliday>>>,
    deputies: Files<RawDeputy>,
    stations: Files<RawStation>,
    activities: Files<RawActivity>,
    pages: Files<RawPage>,
    suggestions: BTreeMap<PathBuf, Vec<Doc<RawSuggestion>>>,
    statics: Vec<StaticFile>,
    /// Problems (errors and warnings) of each file, by full path.
    problems: BTreeMap<PathBuf, Vec<Diagnostic>>,
    /// Every content file read last time.
    known: BTreeSet<PathBuf>,
    /// The whole site, loaded as `load` does, when it has a workbook: the rows of a
    /// workbook are many items whose ids depend on each other (namesakes), so a site with
    /// one is read again in full after each change.
    whole: Option<Result<(Sources, Diagnostics), Diagnostics>>,
}

/// Which folder (or single file) a content file belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Site,
    Areas,
    Handlers,
    Groups,
    Holidays,
    Deputy,
    Station,
    Activity,
    Page,
    Suggestions,
}

impl Live {
    /// An empty site at `root`; the first [`refresh`](Live::refresh) reads everything.
    pub fn new(root: &Path) -> Self {
        Live {
            root: root.to_path_buf(),
            site: None,
            areas: None,
            handlers: None,
            groups: None,
            holidays: None,
            deputies: Files::new(),
            stations: Files::new(),
            activities: Files::new(),
            pages: Files::new(),
            suggestions: BTreeMap::new(),
            statics: Vec::new(),
            problems: BTreeMap::new(),
            known: BTreeSet::new(),
            whole: None,
        }
    }

    /// After a refresh: load the whole site when it has a workbook (see [`Live::whole`]).
    fn load_whole(&mut self) {
        self.whole = self
            .known
            .iter()
            .any(|p| super::sheet::is_workbook(p))
            .then(|| super::load_partial(&self.root).map(|(sources, _, diags)| (sources, diags)));
    }

    /// Bring the sources up to date. `changed` names the paths reported changed (`None`:
    /// look at everything). Only those are looked at, unless one is a folder (created or
    /// moved in), which makes the whole site be listed again. Returns how many files were read.
    pub fn refresh(&mut self, changed: Option<&HashSet<PathBuf>>) -> usize {
        let exact = changed.filter(|ch| !ch.iter().any(|p| p.is_dir()));
        let Some(changed) = exact else {
            return self.relist(changed);
        };
        let mut dirty = Vec::new();
        for path in changed {
            if self.listed(path) {
                dirty.push(path.clone());
                self.known.insert(path.clone());
            } else {
                // Gone, or no longer a content file: so is everything below it.
                let gone: Vec<PathBuf> = self
                    .known
                    .range(path.clone()..)
                    .take_while(|k| k.starts_with(path))
                    .cloned()
                    .collect();
                for g in gone {
                    // A translation gone: its item is read again without it.
                    if let Some((main, _)) = super::translation_of(&g)
                        && self.listed(&main)
                    {
                        dirty.push(main);
                    }
                    self.forget(&g);
                    self.known.remove(&g);
                }
            }
        }
        for path in &dirty {
            self.forget(path);
        }
        self.read(&dirty);
        if changed
            .iter()
            .any(|p| p.starts_with(self.root.join(layout::STATIC)))
        {
            self.statics = super::list_statics(&self.root, &mut Diagnostics::new());
        }
        self.load_whole();
        dirty.len()
    }

    /// List every content file again; read the new ones and those in `changed` (all of
    /// them when `None`), drop the ones that are gone.
    fn relist(&mut self, changed: Option<&HashSet<PathBuf>>) -> usize {
        let listed = self.list_all();
        let gone: Vec<PathBuf> = self.known.difference(&listed).cloned().collect();
        for path in &gone {
            self.forget(path);
        }
        let dirty: Vec<PathBuf> = listed
            .iter()
            .filter(|p| match changed {
                None => true,
                Some(ch) => !self.known.contains(*p) || ch.contains(*p),
            })
            .cloned()
            .collect();
        for path in &dirty {
            self.forget(path);
        }
        self.read(&dirty);
        self.statics = super::list_statics(&self.root, &mut Diagnostics::new());
        self.known = listed;
        self.load_whole();
        dirty.len()
    }

    /// Whether `load` would read the file at `path` (the rules of [`list_all`](Self::list_all)).
    fn listed(&self, path: &Path) -> bool {
        let Some(kind) = self.kind(path) else {
            return false;
        };
        if super::sheet::is_lock_file(path) {
            return false;
        }
        let Ok(rel) = path.strip_prefix(&self.root) else {
            return false;
        };
        let parts: Vec<String> = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        let shape = match kind {
            Kind::Site | Kind::Areas | Kind::Handlers | Kind::Groups | Kind::Holidays => {
                parts.len() == 1
            }
            Kind::Deputy | Kind::Station => parts.len() == 2,
            Kind::Activity | Kind::Page | Kind::Suggestions => parts.len() >= 2,
        };
        shape && !parts[1..].iter().any(|p| p.starts_with('.')) && path.is_file()
    }

    /// Every problem of every file, errors and warnings.
    pub fn diagnostics(&self) -> Diagnostics {
        let site = self.root.join("site.yaml");
        if !site.is_file() {
            let file = display_path(&self.root, &site);
            return std::iter::once(
                Diagnostic::error(
                    Span::file(&file),
                    format!("no site.yaml in {}", self.root.display()),
                )
                .hint(
                    "run lianluo in a site folder, or give its path: `lianluo serve path/to/site`",
                ),
            )
            .collect();
        }
        match &self.whole {
            Some(Ok((_, diags)) | Err(diags)) => diags.clone(),
            None => self.problems.values().flatten().cloned().collect(),
        }
    }

    /// Lend the sources to `f` as one [`Sources`]; `None` when a file could not be read.
    pub fn with<R>(&mut self, f: impl FnOnce(&Sources) -> R) -> Option<R> {
        if self.diagnostics().has_errors() {
            return None;
        }
        if let Some(Ok((sources, _))) = &self.whole {
            return Some(f(sources));
        }
        let site = self.site.take()?;
        let (dk, deputies) = unzip(std::mem::take(&mut self.deputies));
        let (sk, stations) = unzip(std::mem::take(&mut self.stations));
        let (ak, activities) = unzip(std::mem::take(&mut self.activities));
        let (pk, pages) = unzip(std::mem::take(&mut self.pages));
        let mut counts = Vec::with_capacity(self.suggestions.len());
        let mut suggestions = Vec::new();
        for (path, docs) in std::mem::take(&mut self.suggestions) {
            counts.push((path, docs.len()));
            suggestions.extend(docs);
        }
        let sources = Sources {
            root: self.root.clone(),
            site,
            areas: self.areas.take(),
            handlers: self.handlers.take(),
            groups: self.groups.take(),
            holidays: self.holidays.take(),
            deputies,
            unread_deputies: None,
            stations,
            activities,
            suggestions,
            pages,
            statics: self.statics.clone(),
        };
        let out = f(&sources);
        self.site = Some(sources.site);
        self.areas = sources.areas;
        self.handlers = sources.handlers;
        self.groups = sources.groups;
        self.holidays = sources.holidays;
        self.deputies = dk.into_iter().zip(sources.deputies).collect();
        self.stations = sk.into_iter().zip(sources.stations).collect();
        self.activities = ak.into_iter().zip(sources.activities).collect();
        self.pages = pk.into_iter().zip(sources.pages).collect();
        let mut docs = sources.suggestions.into_iter();
        for (path, n) in counts {
            self.suggestions
                .insert(path, docs.by_ref().take(n).collect());
        }
        Some(out)
    }

    fn kind(&self, path: &Path) -> Option<Kind> {
        let rel = path.strip_prefix(&self.root).ok()?;
        let first = rel.components().next()?.as_os_str().to_str()?;
        Some(match first {
            "site.yaml" => Kind::Site,
            "areas.yaml" => Kind::Areas,
            n if layout::AREA_WORKBOOKS.contains(&n) => Kind::Areas,
            "handlers.yaml" => Kind::Handlers,
            "groups.yaml" => Kind::Groups,
            "holidays.yaml" => Kind::Holidays,
            layout::DEPUTIES => Kind::Deputy,
            layout::STATIONS => Kind::Station,
            layout::ACTIVITIES => Kind::Activity,
            layout::PAGES => Kind::Page,
            layout::SUGGESTIONS => Kind::Suggestions,
            _ => return None,
        })
    }

    /// Every content file as `load` would list it.
    fn list_all(&self) -> BTreeSet<PathBuf> {
        let root = &self.root;
        let mut out: BTreeSet<PathBuf> = SINGLES
            .iter()
            .chain(&layout::AREA_WORKBOOKS)
            .map(|s| root.join(s))
            .filter(|p| p.is_file())
            .collect();
        for (folder, recursive) in layout::FOLDERS {
            out.extend(super::list(
                root,
                folder,
                recursive,
                &mut Diagnostics::new(),
            ));
        }
        out
    }

    /// Drop everything read from `path`.
    fn forget(&mut self, path: &Path) {
        self.problems.remove(path);
        if super::translation_of(path).is_some() {
            return;
        }
        match self.kind(path) {
            Some(Kind::Site) => self.site = None,
            // A workbook (areas.xlsx) is read with the whole site, never into `areas`.
            Some(Kind::Areas) if !super::sheet::is_workbook(path) => self.areas = None,
            Some(Kind::Handlers) => self.handlers = None,
            Some(Kind::Groups) => self.groups = None,
            Some(Kind::Holidays) => self.holidays = None,
            Some(Kind::Deputy) => drop(self.deputies.remove(path)),
            Some(Kind::Station) => drop(self.stations.remove(path)),
            Some(Kind::Activity) => drop(self.activities.remove(path)),
            Some(Kind::Page) => drop(self.pages.remove(path)),
            Some(Kind::Suggestions) => drop(self.suggestions.remove(path)),
            Some(Kind::Areas) | None => {}
        }
    }

    /// Read `paths` (in parallel per folder) and file what they hold.
    fn read(&mut self, paths: &[PathBuf]) {
        let root = self.root.clone();
        let given = paths;
        // Workbooks are read with the whole site (see `Live::whole`); a translated body
        // (`x.en.md`) is read with its item (`x.md`).
        let mut paths: Vec<PathBuf> = paths
            .iter()
            .filter(|p| !super::sheet::is_workbook(p))
            .map(|p| match super::translation_of(p) {
                Some((main, _)) if main.is_file() => main,
                _ => p.clone(),
            })
            .filter(|p| super::translation_of(p).is_none())
            .collect();
        paths.sort();
        paths.dedup();
        for p in &paths {
            self.forget(p);
        }
        // The translated bodies there are, by their item's file (from the files listed, not
        // by asking the disk for every item).
        let mut bodies: Bodies = HashMap::new();
        for t in self.known.iter().chain(given) {
            if let Some((main, lang)) = super::translation_of(t)
                && t.is_file()
            {
                let list = bodies.entry(main).or_default();
                if !list.iter().any(|(p, _)| p == t) {
                    list.push((t.clone(), lang));
                }
            }
        }
        let paths = paths.as_slice();
        let of = |k: Kind| -> Vec<&PathBuf> {
            paths.iter().filter(|p| self.kind(p) == Some(k)).collect()
        };
        let (dep, sta, act, pag, sug) = (
            of(Kind::Deputy),
            of(Kind::Station),
            of(Kind::Activity),
            of(Kind::Page),
            of(Kind::Suggestions),
        );
        let singles: Vec<(Kind, &PathBuf)> = paths
            .iter()
            .filter_map(|p| self.kind(p).map(|k| (k, p)))
            .filter(|(k, _)| {
                matches!(
                    k,
                    Kind::Site | Kind::Areas | Kind::Handlers | Kind::Groups | Kind::Holidays
                )
            })
            .collect();
        let mut problems: Vec<(PathBuf, Vec<Diagnostic>)> = Vec::new();
        for (kind, path) in singles {
            let r = match kind {
                Kind::Site => super::load_yaml(&root, path, None).map(|d| self.site = Some(d)),
                Kind::Areas => super::load_yaml(&root, path, Some(RawAreasFile::default))
                    .map(|d| self.areas = Some(d)),
                Kind::Handlers => super::load_yaml(&root, path, Some(RawHandlersFile::default))
                    .map(|d| self.handlers = Some(d)),
                Kind::Groups => super::load_yaml(&root, path, Some(RawGroupsFile::default))
                    .map(|d| self.groups = Some(d)),
                _ => super::load_yaml(&root, path, Some(Vec::<RawHoliday>::new))
                    .map(|d| self.holidays = Some(d)),
            };
            if let Err(d) = r {
                problems.push((path.clone(), d));
            }
        }
        let d = items(&root, layout::DEPUTIES, &dep, &bodies, &mut problems);
        let s = items(&root, layout::STATIONS, &sta, &bodies, &mut problems);
        let a = items(&root, layout::ACTIVITIES, &act, &bodies, &mut problems);
        let p = items(&root, layout::PAGES, &pag, &bodies, &mut problems);
        self.deputies.extend(d);
        self.stations.extend(s);
        self.activities.extend(a);
        self.pages.extend(p);
        let parsed: Vec<_> = sug
            .par_iter()
            .map(|path| (PathBuf::clone(path), super::suggestion_file(&root, path)))
            .collect();
        for (path, (docs, ds)) in parsed {
            if ds.iter().any(Diagnostic::is_error) {
                problems.push((path, ds));
            } else {
                self.suggestions.insert(path.clone(), docs);
                if !ds.is_empty() {
                    problems.push((path, ds));
                }
            }
        }
        for (path, ds) in problems {
            self.problems.entry(path).or_default().extend(ds);
        }
    }
}

/// Parse the items at `paths` of one folder; failures go to `problems`.
fn items<T: DeserializeOwned + Send>(
    root: &Path,
    folder: &str,
    paths: &[&PathBuf],
    bodies: &Bodies,
    problems: &mut Vec<(PathBuf, Vec<Diagnostic>)>,
) -> Vec<(PathBuf, Item<T>)> {
    let dir = root.join(folder);
    let results: Vec<_> = paths
        .par_iter()
        .map(|path| {
            let bodies = bodies.get(*path).map_or(&[][..], Vec::as_slice);
            (
                PathBuf::clone(path),
                super::load_item::<T>(root, &dir, path, bodies),
            )
        })
        .collect();
    let mut out = Vec::with_capacity(results.len());
    for (path, (item, found)) in results {
        if !found.is_empty() {
            problems.push((path.clone(), found));
        }
        if let Some(item) = item {
            out.push((path, item));
        }
    }
    out
}

fn unzip<T>(files: Files<T>) -> (Vec<PathBuf>, Vec<Item<T>>) {
    files.into_iter().unzip()
}

#[cfg(test)]
#[path = "live_tests.rs"]
mod tests;
