//! Output: render every page in parallel, minify, write, drop — into a temporary folder
//! beside the destination that replaces it only when everything succeeded, so a failed
//! build leaves the previous site untouched ([`target`] says which folders may be
//! replaced, and how).

mod feeds;
pub mod ics;
pub mod opendata;
mod sheet;
mod strip;
pub mod suggestion_data;
pub mod target;
pub mod timings;

use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

use rayon::prelude::*;

use crate::model::Model;
use crate::render::{Renderer, Theme};
use crate::site::{self, Job};
use timings::Phase;

/// What a build wrote.
#[derive(Debug, Default, Clone, Copy)]
pub struct Summary {
    pub pages: usize,
    pub files: usize,
    pub bytes: u64,
    pub times: timings::Times,
}

/// Everything that can go wrong while writing; the message names the file.
#[derive(Debug)]
pub struct WriteError(pub String);

fn io(path: &Path, e: std::io::Error) -> WriteError {
    WriteError(format!("{}: {e}", path.display()))
}

/// Options that change the bytes written.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    pub minify: bool,
}

/// Minify a rendered page. minify-html's one-pass variant was about three times as fast,
/// but its output is not conforming HTML (no space between attributes, `&LT` for `&lt;`,
/// `=` in unquoted values: the Nu checker rejects it), so this is minify-html with its
/// spec-compliant defaults (`benches/README.md`).
fn minify(html: String) -> Vec<u8> {
    let cfg = minify_html::Cfg {
        // Pages carry no inline CSS and only a few bytes of inline script (the theme's
        // stylesheet and scripts are files): running the CSS and JS minifiers on every
        // page cost more than half of all minifying time for nothing.
        minify_css: false,
        minify_js: false,
        keep_closing_tags: true,
        keep_html_and_head_opening_tags: true,
        ..minify_html::Cfg::default()
    };
    minify_html::minify(html.as_bytes(), &cfg)
}

/// Write the whole site for `model` into `destination` (checked by [`target::check`]),
/// calling `on_page(total_pages)` after each page is written (for a progress bar) and
/// `on_wait()` if another build into the same folder has to finish first.
pub fn write(
    model: &Model,
    renderer: &Renderer,
    theme: &Theme,
    destination: target::Destination,
    opts: Options,
    on_page: &(dyn Fn(usize) + Sync),
    on_wait: &dyn Fn(),
) -> Result<Summary, WriteError> {
    let build = target::Build::start(destination, on_wait)?;
    let summary = write_into(model, renderer, theme, build.dir(), opts, on_page)?;
    build.finish()?;
    Ok(summary)
}

fn put(dir: &Path, rel: &str, bytes: &[u8]) -> Result<u64, WriteError> {
    let path = dir.join(rel);
    // Most files go into a folder that exists already (a deputy's folder holds four): try
    // the write first and make the folders only when it fails for want of them, which saves
    // the kernel two path walks per file (millions at national size).
    match std::fs::write(&path, bytes) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent).map_err(|e| io(parent, e))?;
            }
            std::fs::write(&path, bytes).map_err(|e| io(&path, e))?;
        }
        r => r.map_err(|e| io(&path, e))?,
    }
    Ok(bytes.len() as u64)
}

/// Render one page and minify it: its output path and bytes.
pub fn page(
    model: &Model,
    renderer: &Renderer,
    job: Job,
    opts: Options,
) -> Result<(String, Vec<u8>), WriteError> {
    let (path, html) = site::render(model, renderer, job).map_err(WriteError)?;
    Ok((path, finish(html, opts)))
}

/// A rendered page's bytes as written: minified unless `--no-minify`.
fn finish(html: String, opts: Options) -> Vec<u8> {
    if opts.minify {
        minify(html)
    } else {
        html.into_bytes()
    }
}

/// Where a build writes: the folder, the bytes written so far and the phase times, shared
/// by every thread.
struct Sink<'a> {
    dir: &'a Path,
    bytes: AtomicU64,
    clock: timings::Clock,
}

impl Sink<'_> {
    fn put(&self, rel: &str, data: &[u8]) -> Result<(), WriteError> {
        self.bytes
            .fetch_add(put(self.dir, rel, data)?, Ordering::Relaxed);
        Ok(())
    }
}

fn write_into(
    model: &Model,
    renderer: &Renderer,
    theme: &Theme,
    dir: &Path,
    opts: Options,
    on_page: &(dyn Fn(usize) + Sync),
) -> Result<Summary, WriteError> {
    let jobs = site::jobs(model);
    let sink = Sink {
        dir,
        bytes: AtomicU64::new(0),
        clock: timings::Clock::default(),
    };
    // The search index is built on a thread of its own while the pages are written: much
    // of pagefind's work runs on one thread, and would otherwise leave a core idle.
    let pages_done = AtomicBool::new(false);
    let (files, search) = std::thread::scope(|s| {
        let search = s.spawn(|| {
            let start = std::time::Instant::now();
            let mut to_disk = |rel: &str, data: &[u8]| sink.put(rel, data).map_err(|e| e.0);
            let more = || pages_done.load(Ordering::Relaxed);
            let r = crate::search::write(model, theme, &mut to_disk, &more);
            sink.clock.lap(Phase::Search, start);
            r
        });
        let files = write_pages(model, renderer, theme, opts, &jobs, &sink, on_page);
        pages_done.store(true, Ordering::Relaxed);
        let search = search
            .join()
            .unwrap_or_else(|_| Err("search index: the indexer stopped unexpectedly".into()));
        (files, search)
    });
    let files = files? + search.map_err(WriteError)?;
    Ok(Summary {
        pages: jobs.len(),
        files,
        bytes: sink.bytes.into_inner(),
        times: sink.clock.times(),
    })
}

/// The pages, `static/` and every other file but the search index; returns the number of
/// files written.
fn write_pages(
    model: &Model,
    renderer: &Renderer,
    theme: &Theme,
    opts: Options,
    jobs: &[Job],
    sink: &Sink<'_>,
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
    let others = self::files(model, renderer, theme, jobs, &|rel, data| {
        sink.put(rel, data)
    })?;
    clock.lap(Phase::Other, start);
    jobs.par_iter().try_for_each(|&job: &Job| {
        let start = std::time::Instant::now();
        let (path, html) = site::render(model, renderer, job).map_err(WriteError)?;
        let start = clock.lap(Phase::Render, start);
        let data = finish(html, opts);
        let start = clock.lap(Phase::Minify, start);
        sink.put(&path, &data)?;
        clock.lap(Phase::Write, start);
        on_page(jobs.len());
        Ok::<(), WriteError>(())
    })?;
    Ok(jobs.len() + model.statics.len() + others)
}

/// Where [`files`] sends each file: its path below the output folder and its bytes.
pub type Put<'a> = dyn Fn(&str, &[u8]) -> Result<(), WriteError> + Sync + 'a;

/// Every file besides the pages, `static/` and the search index (`search::files`): theme
/// assets, feeds, downloads, calendars … each passed to `put` (from several threads) with
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
    // The /data/ downloads (also the suggestion data, feed.xml and calendar.ics), cards
    // and per-item feeds.
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

#[cfg(test)]
mod tests {
    use super::minify;

    #[test]
    fn minify_keeps_conforming_html() {
        // What minify-html-onepass got wrong (see `minify`): attributes run together after a
        // quoted value, `&lt;` shortened to `&LT`, `=` left in an unquoted value.
        let page = "<!doctype html>\n<html lang=\"zh-Hans\">\n<body>\n  <nav class=\"wrap site-nav\" aria-label=\"栏目\">\n<p>/deputies/&lt;id&gt;/</p>\n<a href=\"https://example.org/?a=1&amp;b=2\">地图</a></nav>\n</body>\n</html>\n";
        let out = String::from_utf8(minify(page.to_owned())).expect("UTF-8");
        assert!(out.len() < page.len(), "{out}");
        assert!(
            out.contains("class=\"wrap site-nav\" aria-label=栏目>"),
            "{out}"
        );
        assert!(out.contains("&lt;id>"), "{out}");
        assert!(out.contains("href=\"https://example.org/?a=1&"), "{out}");
    }
}
