//! Incremental rebuilds: after an edit, write only the output files that changed, the
//! page being edited first.
//!
//! The [`Builder`] keeps the site's parsed sources ([`Live`]) and, for every file in the
//! output folder, what it was made from: for a page, the fingerprint of its template and
//! context (a hash of the serialised context, see [`Renderer::fingerprints`]) and of the
//! theme and site-wide template data; for every other generated file, a hash of its bytes;
//! for a static file, its size and time. A page whose fingerprint is unchanged renders to
//! the same bytes, so only the others are rendered — a deputy's page, the lists and areas
//! that show the deputy, and so on, whatever the page shows.
//!
//! A rebuild has two steps. [`Builder::rebuild`] re-reads the changed files, validates the
//! whole model again (linear and fast) and renders the pages of the items whose files
//! changed: then the browser can reload. [`Builder::complete`] fingerprints every page, in
//! chunks, stopping early (keeping what it did) when another edit arrives; renders the
//! changed ones; writes the other files and deletes what is gone. Together with the search
//! index, which [`super::search`] writes last, the folder ends up byte for byte what
//! `lianluo build` writes.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime};

use rayon::prelude::*;

use crate::diag::Diagnostics;
use crate::model::Model;
use crate::output;
use crate::output::incremental::{epoch, hash_bytes, remove, replace as put};
use crate::render::{Renderer, Theme};
use crate::site::{self, Job};
use crate::sources::live::Live;

/// Why a rebuild wrote nothing: problems in the content, or a failure to render or write.
#[derive(Debug)]
pub enum Failed {
    Content(Diagnostics),
    Other(String),
}

/// What one step of a rebuild did.
#[derive(Debug, Default)]
pub struct Report {
    /// Content files read.
    pub read: usize,
    /// Pages in the site, and how many were rendered.
    pub pages: usize,
    pub rendered: usize,
    /// Files written (pages included) and deleted.
    pub written: usize,
    pub removed: usize,
    pub warnings: Diagnostics,
    pub elapsed: Duration,
    /// How long each part took.
    pub phases: Vec<(&'static str, Duration)>,
}

impl Report {
    /// Whether the output folder changed.
    pub fn changed(&self) -> bool {
        self.written + self.removed > 0
    }

    fn lap(&mut self, name: &'static str, since: &mut Instant) {
        let now = Instant::now();
        self.phases.push((name, now - *since));
        *since = now;
    }
}

/// Size and modification time of a static file, to copy it again only when it changed.
type Stamp = (PathBuf, u64, Option<SystemTime>);

/// The last model that validated, with what renders it.
struct Good {
    model: Arc<Model>,
    theme: Arc<Theme>,
    renderer: Renderer,
    fingerprints: Renderer,
    /// The `/data/` downloads as written for this model, and their paths and hashes.
    downloads: Vec<crate::site::files::Download>,
    download_files: Vec<(String, u64)>,
    /// Fingerprint of the theme and the template globals.
    epoch: u64,
}

/// Keeps an output folder equal to a full build of a site, edit after edit.
pub struct Builder {
    site: PathBuf,
    out: PathBuf,
    as_of: Option<String>,
    opts: output::Options,
    live: Live,
    /// Whether the next refresh must look at every file.
    fresh: bool,
    good: Option<Good>,
    /// Whether the output is complete for `good`.
    complete: bool,
    /// Output path → (epoch, fingerprint), for every page on disk.
    pages: HashMap<String, (u64, String)>,
    /// Output path → hash of the bytes, for every other generated file on disk.
    files: HashMap<String, u64>,
    /// Output path → stamp of the source, for every static file on disk.
    statics: HashMap<String, Stamp>,
    /// The trees of the site's further languages last written (`en/`, its model and theme),
    /// for the search index.
    further: Vec<(String, Arc<Model>, Arc<Theme>)>,
}

impl std::fmt::Debug for Builder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Builder")
            .field("site", &self.site)
            .field("out", &self.out)
            .field("pages", &self.pages.len())
            .finish_non_exhaustive()
    }
}

/// Pages fingerprinted (and rendered) at a time by [`Builder::complete`].
const CHUNK: usize = 512;

impl Builder {
    /// A builder for `site` writing into the (empty or missing) folder `out`.
    pub fn new(site: &Path, out: &Path, as_of: Option<String>, opts: output::Options) -> Self {
        Builder {
            site: site.to_path_buf(),
            out: out.to_path_buf(),
            as_of,
            opts,
            live: Live::new(site),
            fresh: true,
            good: None,
            complete: true,
            pages: HashMap::new(),
            files: HashMap::new(),
            statics: HashMap::new(),
            further: Vec::new(),
        }
    }

    pub fn site(&self) -> &Path {
        &self.site
    }

    /// Forget what was read (not what was written): the next rebuild re-reads every file.
    pub fn rescan(&mut self) {
        self.live = Live::new(&self.site);
        self.fresh = true;
    }

    /// Whether [`complete`](Self::complete) has work to do.
    pub fn incomplete(&self) -> bool {
        self.good.is_some() && !self.complete
    }

    /// The model and theme of the last good build (for the search index).
    pub fn built(&self) -> Option<(Arc<Model>, Arc<Theme>)> {
        self.good
            .as_ref()
            .map(|g| (Arc::clone(&g.model), Arc::clone(&g.theme)))
    }

    /// The trees of the further languages of the last complete build: folder, model, theme.
    pub fn further_trees(&self) -> Vec<(String, Arc<Model>, Arc<Theme>)> {
        self.further
            .iter()
            .map(|(p, m, t)| (p.clone(), Arc::clone(m), Arc::clone(t)))
            .collect()
    }

    /// Read what `changed` (any paths; only content files matter), validate, and render the
    /// pages of the items whose files changed. On failure the output stays as it was, and
    /// the problems are what `check` prints (see [`Builder::as_check_says`]).
    pub fn rebuild(&mut self, changed: &HashSet<PathBuf>) -> Result<Report, Failed> {
        match self.rebuild_live(changed) {
            Err(Failed::Content(found)) => Err(Failed::Content(self.as_check_says(found))),
            other => other,
        }
    }

    /// The problems of the site as `check` finds them, through the same loader: the live
    /// reader stops at the files that do not parse, while `check` reports their mistakes
    /// together with what validation finds in every other file. `found` when that loader
    /// finds nothing (a problem of the theme).
    fn as_check_says(&self, found: Diagnostics) -> Diagnostics {
        match crate::pipeline::load(&self.site, self.as_of.as_deref()) {
            Err(crate::pipeline::LoadError::Content(all)) if all.has_errors() => all,
            _ => found,
        }
    }

    fn rebuild_live(&mut self, changed: &HashSet<PathBuf>) -> Result<Report, Failed> {
        let start = Instant::now();
        let mut lap = start;
        let mut report = Report {
            read: self.live.refresh((!self.fresh).then_some(changed)),
            ..Report::default()
        };
        self.fresh = false;
        report.lap("read", &mut lap);
        let problems = self.live.diagnostics();
        if problems.has_errors() {
            return Err(Failed::Content(problems));
        }
        let as_of = self.as_of.clone();
        let built = self
            .live
            .with(|s| {
                let tz = crate::model::config::timezone(&s.site.raw);
                let as_of = crate::pipeline::as_of(as_of.as_deref(), &tz).map_err(Failed::Other)?;
                crate::model::build_from(s, as_of).map_err(Failed::Content)
            })
            .ok_or_else(|| Failed::Content(self.live.diagnostics()))?;
        let (model, mut warnings) = match built {
            Ok(v) => v,
            Err(Failed::Content(mut d)) => {
                d.extend(problems);
                return Err(Failed::Content(d));
            }
            Err(e) => return Err(e),
        };
        warnings.extend(problems);
        report.warnings = warnings;
        report.lap("model", &mut lap);
        let one = |d| Failed::Content(std::iter::once(d).collect());
        let theme =
            crate::render::theme::load(&self.site, &model.config.theme, model.config.language)
                .map_err(one)?;
        let globals = crate::pipeline::globals(&model);
        let renderer = Renderer::new(&theme, &globals).map_err(one)?;
        let epoch = epoch(&theme, &globals, self.opts.minify);
        drop(globals);
        // The downloads are made (and written where they changed) once per edit, before
        // the pages: the `/data/` page shows their list.
        let (downloads, download_files) = write_changed(&self.files, &self.out, |put| {
            output::downloads(&model, &renderer, put)
        })?;
        for (rel, h) in &download_files {
            self.files.insert(rel.clone(), *h);
        }
        self.good = Some(Good {
            downloads,
            download_files,
            fingerprints: Renderer::fingerprints(&theme),
            model: Arc::new(model),
            theme: Arc::new(theme),
            renderer,
            epoch,
        });
        self.complete = false;
        report.lap("theme", &mut lap);

        // The pages of the items whose files changed: a path segment is the item's id (of a
        // translated body `li-xian.en.md`, its item's: `li-xian`).
        let ids: HashSet<String> = changed
            .iter()
            .filter(|p| p.extension().is_some_and(|e| e == "md" || e == "yaml"))
            .filter_map(|p| p.file_stem()?.to_str().map(str::to_owned))
            .map(|stem| match stem.rsplit_once('.') {
                Some((id, code)) if crate::vocab::Language::parse(code).is_some() => id.to_owned(),
                _ => stem,
            })
            .collect();
        if let Some(good) = &self.good
            && !ids.is_empty()
        {
            let jobs: Vec<Job> = site::jobs(&good.model)
                .into_iter()
                .filter(|&job| {
                    site::path(&good.model, job)
                        .split('/')
                        .any(|seg| ids.contains(seg))
                })
                .collect();
            report.pages = jobs.len();
            let (rendered, _) = self.pages(&jobs)?;
            report.rendered = rendered;
            report.written = rendered;
        }
        report.lap("pages", &mut lap);
        report.elapsed = start.elapsed();
        Ok(report)
    }

    /// Fingerprint `jobs` of the good model, render and write the stale ones. Returns how
    /// many were rendered and the paths of all.
    fn pages(&mut self, jobs: &[Job]) -> Result<(usize, Vec<String>), Failed> {
        let Some(good) = &self.good else {
            return Ok((0, Vec::new()));
        };
        (self.opts.pages_begin)();
        let prints: Vec<(Job, String, String)> = jobs
            .par_iter()
            .map(|&job| {
                site::render(&good.model, &good.fingerprints, job, &good.downloads)
                    .map(|(path, f)| (job, path, f))
            })
            .collect::<Result<_, _>>()
            .map_err(Failed::Other)?;
        let known = &self.pages;
        let (out, opts) = (&self.out, self.opts);
        let results: Vec<Result<(String, String), String>> = prints
            .par_iter()
            .filter(|(_, path, f)| known.get(path) != Some(&(good.epoch, f.clone())))
            .map(|(job, path, f)| {
                let (rel, data) =
                    output::page(&good.model, &good.renderer, *job, &good.downloads, opts)
                        .map_err(|e| e.0)?;
                put(out, &rel, &data).map_err(|e| e.0)?;
                Ok((path.clone(), f.clone()))
            })
            .collect();
        let mut rendered = 0;
        let mut first_error = None;
        for r in results {
            match r {
                Ok((path, f)) => {
                    self.pages.insert(path, (good.epoch, f));
                    rendered += 1;
                }
                Err(e) => first_error = first_error.or(Some(e)),
            }
        }
        match first_error {
            Some(e) => Err(Failed::Other(e)),
            None => Ok((rendered, prints.into_iter().map(|(_, p, _)| p).collect())),
        }
    }

    /// Bring every other file up to date for the last good model. `Ok(None)` when there is
    /// none yet, or `interrupted()` said to stop (the pages done so far stay done).
    pub fn complete(&mut self, interrupted: &dyn Fn() -> bool) -> Result<Option<Report>, Failed> {
        let start = Instant::now();
        let mut lap = start;
        let mut report = Report::default();
        let Some(model) = self.good.as_ref().map(|g| Arc::clone(&g.model)) else {
            return Ok(None);
        };
        // Whatever happens now, do not try again before the next change.
        self.complete = true;
        let jobs = site::jobs(&model);
        report.pages = jobs.len();
        let mut paths: HashSet<String> = HashSet::with_capacity(jobs.len());
        for chunk in jobs.chunks(CHUNK) {
            if interrupted() {
                self.complete = false;
                return Ok(None);
            }
            let (rendered, done) = self.pages(chunk)?;
            report.rendered += rendered;
            paths.extend(done);
        }
        report.written = report.rendered;
        report.lap("pages", &mut lap);
        if interrupted() {
            self.complete = false;
            return Ok(None);
        }
        let (written, mut files) = self.files(&model, &jobs)?;
        report.written += written;
        let (written, statics) = self.statics(&model)?;
        report.written += written;
        let (rendered, written, done, further_files) = self.further_languages(&model)?;
        report.rendered += rendered;
        report.written += written;
        paths.extend(done);
        files.extend(further_files);
        let mut gone: Vec<String> = self
            .pages
            .keys()
            .chain(self.files.keys())
            .chain(self.statics.keys())
            .filter(|p| {
                !paths.contains(p.as_str()) && !files.contains_key(*p) && !statics.contains_key(*p)
            })
            .cloned()
            .collect();
        gone.sort();
        gone.dedup();
        for rel in &gone {
            remove(&self.out, rel).map_err(|e| Failed::Other(e.0))?;
        }
        report.removed = gone.len();
        self.pages.retain(|p, _| paths.contains(p.as_str()));
        self.files = files;
        self.statics = statics;
        report.lap("files", &mut lap);
        report.elapsed = start.elapsed();
        Ok(Some(report))
    }

    /// The trees of the site's further languages (`languages: [zh-Hans, en]`: `en/`) for
    /// `model`, made as `build` makes them (`pipeline::further_languages`): their pages
    /// whose fingerprint changed and their other files whose bytes changed are written
    /// under the tree's folder. Returns the pages rendered, the files written, the pages'
    /// paths and every other file's hash.
    #[allow(clippy::type_complexity)]
    fn further_languages(
        &mut self,
        model: &Model,
    ) -> Result<(usize, usize, Vec<String>, HashMap<String, u64>), Failed> {
        self.further.clear();
        if model.config.languages.len() < 2 {
            return Ok((0, 0, Vec::new(), HashMap::new()));
        }
        let trees = crate::pipeline::further_languages(&self.site, model).map_err(Failed::Other)?;
        let (mut rendered, mut written) = (0, 0);
        let mut paths = Vec::new();
        let mut hashes: HashMap<String, u64> = HashMap::new();
        for (m, theme, renderer) in trees {
            let prefix = format!("{}/", m.config.language.as_str());
            let epoch = epoch(&theme, &crate::pipeline::globals(&m), self.opts.minify);
            let jobs = site::jobs(&m);
            let (downloads, mut made) = write_changed(&self.files, &self.out, |put| {
                for s in &m.statics {
                    let (rel, data) = output::static_file(s)?;
                    put(&format!("{prefix}{rel}"), &data)?;
                }
                let under = |rel: &str, data: &[u8]| put(&format!("{prefix}{rel}"), data);
                let downloads = output::downloads(&m, &renderer, &under)?;
                output::files(&m, &renderer, &theme, &jobs, &under)?;
                Ok(downloads)
            })?;
            written += made
                .iter()
                .filter(|(rel, h)| self.files.get(rel) != Some(h))
                .count();
            hashes.extend(made.drain(..));
            let fingerprints = Renderer::fingerprints(&theme);
            let (known, out, opts) = (&self.pages, &self.out, self.opts);
            let results: Vec<Result<(String, String, bool), String>> = jobs
                .par_iter()
                .map(|&job| {
                    let (path, f) = site::render(&m, &fingerprints, job, &downloads)?;
                    let key = format!("{prefix}{path}");
                    if known.get(&key) == Some(&(epoch, f.clone())) {
                        return Ok((key, f, false));
                    }
                    let (rel, data) =
                        output::page(&m, &renderer, job, &downloads, opts).map_err(|e| e.0)?;
                    put(out, &format!("{prefix}{rel}"), &data).map_err(|e| e.0)?;
                    Ok((key, f, true))
                })
                .collect();
            for r in results {
                let (key, f, fresh) = r.map_err(Failed::Other)?;
                if fresh {
                    rendered += 1;
                    written += 1;
                }
                self.pages.insert(key.clone(), (epoch, f));
                paths.push(key);
            }
            self.further.push((prefix, Arc::new(m), Arc::new(theme)));
        }
        Ok((rendered, written, paths, hashes))
    }

    /// Write the changed files besides pages, statics and search; returns how many were
    /// written and the hashes of all.
    fn files(&self, model: &Model, jobs: &[Job]) -> Result<(usize, HashMap<String, u64>), Failed> {
        let Some(good) = &self.good else {
            return Ok((0, HashMap::new()));
        };
        let known = &self.files;
        let (_, mut hashes) = write_changed(known, &self.out, |put| {
            output::files(model, &good.renderer, &good.theme, jobs, put)
        })?;
        // The downloads were written with the model; they are files of the output too.
        hashes.extend(good.download_files.iter().cloned());
        let written = hashes
            .iter()
            .filter(|(rel, h)| known.get(rel) != Some(h))
            .count();
        Ok((written, hashes.into_iter().collect()))
    }

    /// Copy the static files that changed; returns how many and the stamps of all.
    fn statics(&self, model: &Model) -> Result<(usize, HashMap<String, Stamp>), Failed> {
        let mut written = 0;
        let mut stamps = HashMap::with_capacity(model.statics.len());
        for s in &model.statics {
            let rel = format!("static/{}", s.rel);
            let meta = std::fs::metadata(&s.path)
                .map_err(|e| Failed::Other(format!("{}: {e}", s.path.display())))?;
            let stamp = (s.path.clone(), meta.len(), meta.modified().ok());
            if self.statics.get(&rel) != Some(&stamp) {
                let (rel, data) = output::static_file(s).map_err(|e| Failed::Other(e.0))?;
                put(&self.out, &rel, &data).map_err(|e| Failed::Other(e.0))?;
                written += 1;
            }
            stamps.insert(rel, stamp);
        }
        Ok((written, stamps))
    }
}

/// Run `make` with a `put` that writes into `out` only the files whose hash is not the one
/// in `known`; returns what `make` returned and the path and hash of every file it made.
fn write_changed<T>(
    known: &HashMap<String, u64>,
    out: &Path,
    make: impl FnOnce(&output::Put<'_>) -> Result<T, output::WriteError>,
) -> Result<(T, Vec<(String, u64)>), Failed> {
    let hashes = Mutex::new(Vec::new());
    let made = make(&|rel: &str, data: &[u8]| {
        let h = hash_bytes(data);
        if known.get(rel) != Some(&h) {
            put(out, rel, data)?;
        }
        if let Ok(mut v) = hashes.lock() {
            v.push((rel.to_owned(), h));
        }
        Ok(())
    })
    .map_err(|e| Failed::Other(e.0))?;
    Ok((made, hashes.into_inner().unwrap_or_default()))
}
