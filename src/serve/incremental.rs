//! Incremental rebuilds: after an edit, write only the output files that changed.
//!
//! The [`Builder`] keeps the site's parsed sources ([`Live`]) and, for every file in the
//! output folder, what it was made from: for a page, the fingerprint of its template and
//! context (a hash of the serialised context, see [`Renderer::fingerprints`]); for every
//! other generated file, a hash of its bytes; for a static file, its size and time. A
//! rebuild re-reads the changed files, validates the whole model again (linear and fast),
//! fingerprints every page without rendering it and renders only the pages whose
//! fingerprint changed — a deputy's page, the lists and areas that show the deputy, and so
//! on, whatever the page shows. Pages that no longer exist are deleted. A change of theme
//! or of the site-wide template data re-renders everything. Together with the search index,
//! which [`super::search`] writes afterwards, the folder ends up byte for byte what
//! `lianluo build` writes.

use std::collections::{HashMap, HashSet};
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime};

use rayon::prelude::*;

use crate::diag::Diagnostics;
use crate::model::Model;
use crate::output::{self, WriteError};
use crate::render::{Renderer, Theme};
use crate::site;
use crate::sources::live::Live;

/// Why a rebuild wrote nothing: problems in the content, or a failure to render or write.
#[derive(Debug)]
pub enum Failed {
    Content(Diagnostics),
    Other(String),
}

/// What a successful rebuild did.
#[derive(Debug)]
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
    /// How long each step took.
    pub phases: Vec<(&'static str, Duration)>,
    /// What was built, for the search index (built after the reload).
    pub model: Arc<Model>,
    pub theme: Arc<Theme>,
}

impl Report {
    /// Whether the output folder changed.
    pub fn changed(&self) -> bool {
        self.written + self.removed > 0
    }
}

/// Counts of one [`Builder::write`].
#[derive(Debug, Default)]
struct Written {
    rendered: usize,
    written: usize,
    removed: usize,
}

/// Records how long each step of a rebuild takes.
#[derive(Debug)]
struct Clock {
    last: Instant,
    phases: Vec<(&'static str, Duration)>,
}

impl Clock {
    fn new() -> Self {
        Clock {
            last: Instant::now(),
            phases: Vec::new(),
        }
    }

    fn lap(&mut self, name: &'static str) {
        let now = Instant::now();
        self.phases.push((name, now - self.last));
        self.last = now;
    }
}

/// Size and modification time of a static file, to copy it again only when it changed.
type Stamp = (PathBuf, u64, Option<SystemTime>);

/// Keeps an output folder equal to a full build of a site, edit after edit.
#[derive(Debug)]
pub struct Builder {
    site: PathBuf,
    out: PathBuf,
    as_of: Option<String>,
    opts: output::Options,
    live: Live,
    /// Whether the next refresh must re-read every file.
    fresh: bool,
    /// Fingerprint of the theme and template globals the pages on disk were made with.
    epoch: Option<u64>,
    /// Output path → fingerprint, for every page on disk.
    pages: HashMap<String, String>,
    /// Output path → hash of the bytes, for every other generated file on disk.
    files: HashMap<String, u64>,
    /// Output path → stamp of the source, for every static file on disk.
    statics: HashMap<String, Stamp>,
}

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
            epoch: None,
            pages: HashMap::new(),
            files: HashMap::new(),
            statics: HashMap::new(),
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

    /// Bring the output up to date after `changed` files changed (any path; only content
    /// files matter). On failure the output keeps its last good state.
    pub fn rebuild(&mut self, changed: &HashSet<PathBuf>) -> Result<Report, Failed> {
        let start = Instant::now();
        let mut clock = Clock::new();
        let read = self.live.refresh((!self.fresh).then_some(changed));
        self.fresh = false;
        clock.lap("read");
        let problems = self.live.diagnostics();
        if problems.has_errors() {
            return Err(Failed::Content(problems));
        }
        let as_of = self.as_of.clone();
        let built = self
            .live
            .with(|s| {
                let tz = crate::cli::timezone(s);
                let as_of = crate::cli::as_of(as_of.as_deref(), &tz).map_err(|f| match f {
                    crate::cli::Failure::Content(d) => Failed::Content(d),
                    crate::cli::Failure::Other(m) => Failed::Other(m),
                })?;
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
        clock.lap("model");
        let one = |d| Failed::Content(std::iter::once(d).collect());
        let theme =
            crate::render::theme::load(&self.site, &model.config.theme, model.config.language)
                .map_err(one)?;
        let globals = crate::cli::globals(&model);
        let renderer = Renderer::new(&theme, &globals).map_err(one)?;
        let epoch = epoch(&theme, &globals, self.opts.minify);
        drop(globals);
        clock.lap("theme");
        let all = self.epoch != Some(epoch);
        let (pages, w) = self.write(&model, &renderer, &theme, all, &mut clock)?;
        self.epoch = Some(epoch);
        Ok(Report {
            read,
            pages,
            rendered: w.rendered,
            written: w.written,
            removed: w.removed,
            warnings,
            elapsed: start.elapsed(),
            phases: clock.phases,
            model: Arc::new(model),
            theme: Arc::new(theme),
        })
    }

    /// Write what changed for `model` (every page when `all`) and delete what is gone.
    fn write(
        &mut self,
        model: &Model,
        renderer: &Renderer,
        theme: &Theme,
        all: bool,
        clock: &mut Clock,
    ) -> Result<(usize, Written), Failed> {
        let jobs = site::jobs(model);
        let fp = Renderer::fingerprints(theme);
        let prints: Vec<(site::Job, String, String)> = jobs
            .par_iter()
            .map(|&job| site::render(model, &fp, job).map(|(path, f)| (job, path, f)))
            .collect::<Result<_, _>>()
            .map_err(Failed::Other)?;
        clock.lap("fingerprints");
        let stale: Vec<&(site::Job, String, String)> = prints
            .iter()
            .filter(|(_, path, f)| all || self.pages.get(path) != Some(f))
            .collect();
        let out = &self.out;
        let results: Vec<Result<(String, String), WriteError>> = stale
            .par_iter()
            .map(|(job, path, f)| {
                let (rel, data) = output::page(model, renderer, *job, self.opts)?;
                put(out, &rel, &data)?;
                Ok((path.clone(), f.clone()))
            })
            .collect();
        let mut report = Written::default();
        let mut first_error = None;
        for r in results {
            match r {
                Ok((path, f)) => {
                    self.pages.insert(path, f);
                    report.rendered += 1;
                }
                Err(e) => first_error = first_error.or(Some(e.0)),
            }
        }
        report.written = report.rendered;
        if let Some(e) = first_error {
            return Err(Failed::Other(e));
        }
        clock.lap("pages");

        let hashes = Mutex::new(Vec::new());
        let known = &self.files;
        output::files(model, renderer, theme, &jobs, &|rel, data| {
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
        let hashes = hashes.into_inner().unwrap_or_default();
        let mut files = HashMap::with_capacity(hashes.len());
        for (rel, h) in hashes {
            if self.files.get(&rel) != Some(&h) {
                report.written += 1;
            }
            files.insert(rel, h);
        }

        let mut statics = HashMap::with_capacity(model.statics.len());
        for s in &model.statics {
            let rel = format!("static/{}", s.rel);
            let meta = std::fs::metadata(&s.path)
                .map_err(|e| Failed::Other(format!("{}: {e}", s.path.display())))?;
            let stamp = (s.path.clone(), meta.len(), meta.modified().ok());
            if self.statics.get(&rel) != Some(&stamp) {
                let (rel, data) = output::static_file(s).map_err(|e| Failed::Other(e.0))?;
                put(out, &rel, &data).map_err(|e| Failed::Other(e.0))?;
                report.written += 1;
            }
            statics.insert(rel, stamp);
        }

        let pages: HashSet<&str> = prints.iter().map(|(_, p, _)| p.as_str()).collect();
        let mut gone: Vec<String> = self
            .pages
            .keys()
            .filter(|p| !pages.contains(p.as_str()))
            .chain(self.files.keys().filter(|p| !files.contains_key(*p)))
            .chain(self.statics.keys().filter(|p| !statics.contains_key(*p)))
            .filter(|p| {
                !pages.contains(p.as_str()) && !files.contains_key(*p) && !statics.contains_key(*p)
            })
            .cloned()
            .collect();
        gone.sort();
        gone.dedup();
        for rel in &gone {
            remove(out, rel).map_err(|e| Failed::Other(e.0))?;
        }
        report.removed = gone.len();
        self.pages.retain(|p, _| pages.contains(p.as_str()));
        self.files = files;
        self.statics = statics;
        clock.lap("files");
        Ok((jobs.len(), report))
    }
}

/// The hash of everything every page depends on besides its own context.
fn epoch(theme: &Theme, globals: &crate::render::Globals<'_>, minify: bool) -> u64 {
    let mut h = std::hash::DefaultHasher::new();
    theme.templates.hash(&mut h);
    theme.assets.hash(&mut h);
    theme.strings.to_string().hash(&mut h);
    serde_json::to_string(globals)
        .unwrap_or_default()
        .hash(&mut h);
    minify.hash(&mut h);
    h.finish()
}

fn hash_bytes(data: &[u8]) -> u64 {
    let mut h = std::hash::DefaultHasher::new();
    data.hash(&mut h);
    h.finish()
}

fn io(path: &Path, e: std::io::Error) -> WriteError {
    WriteError(format!("{}: {e}", path.display()))
}

/// Write `rel` below `out` through a temporary file and a rename, so the server never
/// sends half a file.
pub(super) fn put(out: &Path, rel: &str, data: &[u8]) -> Result<(), WriteError> {
    let path = out.join(rel);
    let parent = path.parent().unwrap_or(out);
    std::fs::create_dir_all(parent).map_err(|e| io(parent, e))?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = parent.join(format!(".{name}.lianluo-part"));
    std::fs::write(&tmp, data).map_err(|e| io(&tmp, e))?;
    std::fs::rename(&tmp, &path).map_err(|e| io(&path, e))
}

/// Delete `rel` below `out`, and the folders it leaves empty.
pub(super) fn remove(out: &Path, rel: &str) -> Result<(), WriteError> {
    let path = out.join(rel);
    match std::fs::remove_file(&path) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(io(&path, e)),
    }
    let mut dir = path.parent();
    while let Some(d) = dir {
        if d == out || !d.starts_with(out) || std::fs::remove_dir(d).is_err() {
            break;
        }
        dir = d.parent();
    }
    Ok(())
}
