//! Output: render every page in parallel, minify, write, drop — into a temporary folder
//! beside the destination that replaces it only when everything succeeded, so a failed
//! build leaves the previous site untouched ([`target`] says which folders may be
//! replaced, and how). A build into a folder an earlier build wrote is incremental
//! ([`incremental`]): only the pages whose fingerprint changed are rendered, and only the
//! files whose bytes changed are written.

mod feeds;
pub mod ics;
pub mod incremental;
mod minify;
pub mod opendata;
pub(crate) mod runs;
mod sheet;
mod strip;
pub mod suggestion_data;
pub mod target;
pub mod timings;
pub(crate) mod xlsx;

use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};

use rayon::prelude::*;

use crate::model::Model;
use crate::render::{Renderer, Theme};
use crate::site::files::Download;
use crate::site::{self, Job};
pub use timings::Phase;

/// What a build wrote.
#[derive(Debug, Default, Clone, Copy)]
pub struct Summary {
    pub pages: usize,
    pub files: usize,
    pub bytes: u64,
    pub times: timings::Times,
    /// Whether the build went into the old folder (only changed files written).
    pub incremental: bool,
    /// Files written (all of them in a clean build), removed, and kept as they were.
    pub written: usize,
    pub removed: usize,
    pub kept: usize,
}

/// One file the build produced: its path, what the manifest keeps of it, and whether it
/// was written (`false`: the file on disk already had these bytes).
#[derive(Debug)]
pub struct Made {
    pub rel: String,
    pub entry: incremental::Entry,
    pub written: bool,
}

/// Where the files a [`Sink`] produced are reported, one [`Made`] each.
pub type Ledger = std::sync::mpsc::Sender<Made>;

/// Everything that can go wrong while writing; the message names the file.
#[derive(Debug)]
pub struct WriteError(pub String);

fn io(path: &Path, e: std::io::Error) -> WriteError {
    WriteError(format!("{}: {e}", path.display()))
}

/// How the files are written.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// Minify the pages (changes their bytes).
    pub minify: bool,
    /// Called when the pages begin, after the other files ([`write_site`], and `serve`'s
    /// pages): where the binary tells its allocator to keep freed memory a while
    /// (`src/main.rs`).
    pub pages_begin: fn(),
}

fn put(dir: &Path, rel: &str, bytes: &[u8]) -> Result<u64, WriteError> {
    let path = dir.join(rel);
    std::io::Write::write_all(&mut create(&path)?, bytes).map_err(|e| io(&path, e))?;
    Ok(bytes.len() as u64)
}

/// Create the file `path` (emptied if it is there). Most files go into a folder that exists
/// already (a deputy's folder holds four): the file is created first and the folders made
/// only when that fails for want of them, which saves the kernel two path walks per file
/// (millions at national size).
fn create(path: &Path) -> Result<std::fs::File, WriteError> {
    match std::fs::File::create(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent).map_err(|e| io(parent, e))?;
            }
            std::fs::File::create(path)
        }
        r => r,
    }
    .map_err(|e| io(path, e))
}

/// Render one page and minify it: its output path and bytes.
pub fn page(
    model: &Model,
    renderer: &Renderer,
    job: Job,
    downloads: &[Download],
    opts: Options,
) -> Result<(String, Vec<u8>), WriteError> {
    let (path, html) = site::render(model, renderer, job, downloads).map_err(WriteError)?;
    Ok((path, finish(html, opts)))
}

/// A rendered page's bytes as written: minified unless `--no-minify`.
fn finish(html: String, opts: Options) -> Vec<u8> {
    if opts.minify {
        minify::minify(&html)
    } else {
        html.into_bytes()
    }
}

/// Where a build writes: the folder, the bytes written so far and the phase times, shared
/// by every thread (the search index is written through it too). In an incremental build
/// (`previous`), a file whose bytes are those in the destination is not written, and a
/// page whose fingerprint is unchanged not even rendered; every file produced is reported
/// to `made`, for the manifest and the commit.
#[derive(Debug)]
pub struct Sink<'a> {
    dir: &'a Path,
    /// Put before every path: `en/` for the tree of a further language, else empty.
    prefix: String,
    bytes: AtomicU64,
    clock: timings::Clock,
    previous: Option<(&'a incremental::Previous, &'a Path)>,
    epoch: u64,
    made: Ledger,
}

impl<'a> Sink<'a> {
    /// A sink writing every file into `dir`.
    pub fn new(dir: &'a Path, epoch: u64, made: Ledger) -> Self {
        Sink {
            dir,
            prefix: String::new(),
            bytes: AtomicU64::new(0),
            clock: timings::Clock::default(),
            previous: None,
            epoch,
            made,
        }
    }

    /// A sink writing into `dir` only the files that differ from those in `out`, which an
    /// earlier build described in `previous`.
    pub fn incremental(
        dir: &'a Path,
        epoch: u64,
        made: Ledger,
        previous: &'a incremental::Previous,
        out: &'a Path,
    ) -> Self {
        Sink {
            previous: Some((previous, out)),
            ..Sink::new(dir, epoch, made)
        }
    }

    /// A sink into the same folder that writes every file under `prefix` (`en/`).
    pub fn under(&self, prefix: &str) -> Sink<'a> {
        Sink {
            dir: self.dir,
            prefix: format!("{}{prefix}", self.prefix),
            bytes: AtomicU64::new(0),
            clock: timings::Clock::default(),
            previous: self.previous,
            epoch: self.epoch,
            made: self.made.clone(),
        }
    }

    /// What is put before every path (`en/` in the tree of a further language).
    pub fn prefix(&self) -> &str {
        &self.prefix
    }

    /// Count what `other` (a sink [`Sink::under`] this one) wrote as written by this one.
    pub fn absorb(&self, other: Sink<'_>) {
        self.bytes
            .fetch_add(other.bytes.into_inner(), Ordering::Relaxed);
    }

    /// Write `data` to `rel` below the folder.
    pub fn put(&self, rel: &str, data: &[u8]) -> Result<(), WriteError> {
        self.put_print(rel, data, incremental::Mark::None)
    }

    /// Write `data` to `rel`, a file of the search index whose hash is `index`.
    pub fn put_search(&self, rel: &str, data: &[u8], index: u64) -> Result<(), WriteError> {
        self.put_print(rel, data, incremental::Mark::Search(index))
    }

    /// Report the file `rel` of the destination as kept as it is (`entry`: what the
    /// previous manifest says of it). `rel` is a path of the whole destination, as the
    /// manifest has it: no prefix is put before it.
    pub fn keep(&self, rel: &str, entry: incremental::Entry) {
        let _ = self.made.send(Made {
            rel: rel.to_owned(),
            entry,
            written: false,
        });
    }

    /// Write `data` to `rel`, a page whose template and context have fingerprint `print`
    /// or a file of the search index (`mark`).
    fn put_print(&self, rel: &str, data: &[u8], mark: incremental::Mark) -> Result<(), WriteError> {
        let full;
        let rel = if self.prefix.is_empty() {
            rel
        } else {
            full = format!("{}{rel}", self.prefix);
            full.as_str()
        };
        let hash = incremental::hash_bytes(data);
        let written = match self.previous {
            Some((previous, out)) if incremental::unchanged(previous, out, rel, data, hash) => {
                false
            }
            _ => {
                self.bytes
                    .fetch_add(put(self.dir, rel, data)?, Ordering::Relaxed);
                true
            }
        };
        let entry = incremental::Entry {
            hash,
            size: data.len() as u64,
            mark,
        };
        // The receiver lives as long as the build: a send cannot fail.
        let _ = self.made.send(Made {
            rel: rel.to_owned(),
            entry,
            written,
        });
        Ok(())
    }

    /// Write the file `rel` as `write` makes it, straight into the build's folder, never
    /// whole in memory (a national site's `data/popolo.json` is 2.3 GB); returns its size,
    /// hash and the copy written, to be read again. Its hash is taken as it is written
    /// ([`incremental::Streamed`]); when the destination already holds these bytes the
    /// file is kept there and the copy removed once the caller drops it. Unlike a page, an
    /// unchanged file is thus still written once into the build's folder (the room it
    /// takes is needed for a moment even when nothing changed).
    pub fn put_streamed(
        &self,
        rel: &str,
        write: &mut dyn FnMut(&mut dyn std::io::Write) -> std::io::Result<()>,
    ) -> Result<opendata::StreamedFile, WriteError> {
        let rel = format!("{}{rel}", self.prefix);
        let path = self.dir.join(&rel);
        let file = create(&path)?;
        // The buffer in front: the hash sees a few large parts, not every quote and comma.
        let mut out = std::io::BufWriter::with_capacity(1 << 20, incremental::Streamed::new(file));
        write(&mut out).map_err(|e| io(&path, e))?;
        let streamed = out.into_inner().map_err(|e| io(&path, e.into_error()))?;
        let (hash, size) = streamed.finish().map_err(|e| io(&path, e))?;
        let written = match self.previous {
            Some((previous, dest))
                if incremental::unchanged_file(previous, dest, &rel, &path, hash, size) =>
            {
                false
            }
            _ => {
                self.bytes.fetch_add(size, Ordering::Relaxed);
                true
            }
        };
        let entry = incremental::Entry {
            hash,
            size,
            mark: incremental::Mark::None,
        };
        // The receiver lives as long as the build: a send cannot fail.
        let _ = self.made.send(Made {
            rel,
            entry,
            written,
        });
        Ok(opendata::StreamedFile::new(size, hash, path, !written))
    }

    /// Whether the page `rel` with fingerprint `print` is in the destination as it would
    /// render (then it is reported as kept, and need not be rendered).
    fn known_page(&self, rel: &str, print: incremental::Print) -> bool {
        let Some((previous, _)) = self.previous else {
            return false;
        };
        let rel = &format!("{}{rel}", self.prefix);
        let Some(entry) = incremental::known_page(previous, self.epoch, rel, print) else {
            return false;
        };
        self.keep(rel, *entry);
        true
    }

    /// The size of the file `rel` if the destination holds it as made from inputs with
    /// fingerprint `print` (then it is reported as kept, and need not be made): the same
    /// test as for a page ([`incremental::known_page`]).
    fn known_file(&self, rel: &str, print: &str) -> Option<u64> {
        let (previous, _) = self.previous?;
        let rel = &format!("{}{rel}", self.prefix);
        let print = incremental::Print::parse(print)?;
        let entry = incremental::known_page(previous, self.epoch, rel, print)?;
        self.keep(rel, *entry);
        Some(entry.size)
    }

    /// Add the time since `start` to `phase`; returns now.
    pub fn lap(&self, phase: Phase, start: std::time::Instant) -> std::time::Instant {
        self.clock.lap(phase, start)
    }

    /// What was written: `pages` pages, `files` files in all.
    pub fn summary(self, pages: usize, files: usize) -> Summary {
        Summary {
            pages,
            files,
            bytes: self.bytes.into_inner(),
            times: self.clock.times(),
            incremental: self.previous.is_some(),
            ..Summary::default()
        }
    }
}

/// Write the site for `model` but its search index into `sink`: `static/`, the downloads
/// (whose list the `/data/` page shows), the other files, then every page, rendered,
/// minified, written and dropped in parallel, calling `on_page(total_pages)` after each.
/// Returns the number of files written.
#[allow(clippy::too_many_arguments)]
pub fn write_site(
    model: &Model,
    renderer: &Renderer,
    fingerprints: &Renderer,
    theme: &Theme,
    jobs: &[Job],
    sink: &Sink<'_>,
    opts: Options,
    on_page: &(dyn Fn(usize) + Sync),
) -> Result<usize, WriteError> {
    let clock = &sink.clock;
    // The other files first: the downloads among them are written and dropped before the
    // `/data/` page, which shows their sizes, renders.
    let start = std::time::Instant::now();
    model.statics.par_iter().try_for_each(|s| {
        let (rel, data) = static_file(s)?;
        sink.put(&rel, &data)
    })?;
    let put = |rel: &str, data: &[u8]| sink.put(rel, data);
    // The downloads and the other files side by side: each is made mostly on one thread
    // (the workbooks, the feeds), and in an incremental build they are most of the work
    // before the pages.
    let known = |rel: &str, print: &str| sink.known_file(rel, print);
    let put_made = |rel: &str, data: &[u8], print: String| {
        let mark = incremental::Print::parse(&print)
            .map_or(incremental::Mark::None, incremental::Mark::Print);
        sink.put_print(rel, data, mark)
    };
    let streamed =
        |rel: &str, write: &mut dyn FnMut(&mut dyn std::io::Write) -> std::io::Result<()>| {
            sink.put_streamed(rel, write)
        };
    let memo = opendata::Memo {
        known: &known,
        put: &put_made,
        scratch: Some(sink.dir),
        streamed: Some(&streamed),
    };
    let (downloads, others) = rayon::join(
        || opendata::write_downloads(model, renderer.strings(), &put, &memo),
        || self::files(model, renderer, theme, jobs, &put),
    );
    let (downloads, others) = (downloads?, others?);
    clock.lap(Phase::Other, start);
    (opts.pages_begin)();
    jobs.par_iter().try_for_each(|&job: &Job| {
        let start = std::time::Instant::now();
        // The fingerprint of the page's template and context: kept in the manifest, so the
        // next build renders only the pages whose fingerprint changed.
        let (path, print) =
            site::render(model, fingerprints, job, &downloads).map_err(WriteError)?;
        let print = incremental::Print::parse(&print);
        if let Some(print) = print
            && sink.known_page(&path, print)
        {
            clock.lap(Phase::Render, start);
            on_page(jobs.len());
            return Ok(());
        }
        let (path, html) = site::render(model, renderer, job, &downloads).map_err(WriteError)?;
        let start = clock.lap(Phase::Render, start);
        let data = finish(html, opts);
        let start = clock.lap(Phase::Minify, start);
        let mark = print.map_or(incremental::Mark::None, incremental::Mark::Print);
        sink.put_print(&path, &data, mark)?;
        clock.lap(Phase::Write, start);
        on_page(jobs.len());
        Ok::<(), WriteError>(())
    })?;
    Ok(jobs.len() + model.statics.len() + downloads.len() + others)
}

/// Make the `/data/` downloads, pass each to `put` as it is made, and return their list
/// (path, size, last change) for the `/data/` page.
pub fn downloads(
    model: &Model,
    renderer: &Renderer,
    put: &Put<'_>,
) -> Result<Vec<Download>, WriteError> {
    let memo = opendata::Memo {
        known: &|_, _| None,
        put: &|rel, data, _| put(rel, data),
        scratch: None,
        streamed: None,
    };
    opendata::write_downloads(model, renderer.strings(), put, &memo)
}

/// Where [`files`] sends each file: its path below the output folder and its bytes.
pub type Put<'a> = dyn Fn(&str, &[u8]) -> Result<(), WriteError> + Sync + 'a;

/// Every file besides the pages, `static/`, the downloads ([`downloads`]) and the search
/// index (`search::files`): theme assets, feeds, cards, calendars … each passed to `put`
/// (from several threads) with
/// its path below the output folder. Returns how many files there were. `serve` writes only
/// the changed ones, and builds the search index after the browser has reloaded.
pub fn files(
    model: &Model,
    renderer: &Renderer,
    theme: &Theme,
    jobs: &[Job],
    put: &Put<'_>,
) -> Result<usize, WriteError> {
    let mut files = 0;
    for (rel, data) in &theme.assets {
        put(&format!("assets/{rel}"), data)?;
        files += 1;
    }
    for (rel, data) in feeds::all(model, jobs) {
        put(&rel, data.as_bytes())?;
        files += 1;
    }
    // Cards and per-item feeds.
    files += opendata::files(model, renderer.strings(), &theme.strings, put)?;
    files += ics::write_all(model, renderer.strings(), |rel, data| {
        put(rel, data.as_bytes())?;
        Ok::<(), WriteError>(())
    })?;
    Ok(files)
}

/// A file of `static/` as published: its path below the output folder and its bytes.
pub fn static_file(s: &crate::sources::StaticFile) -> Result<(String, Vec<u8>), WriteError> {
    let data = strip::publishable(&s.rel, std::fs::read(&s.path).map_err(|e| io(&s.path, e))?);
    Ok((format!("static/{}", s.rel), data))
}
