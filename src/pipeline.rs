//! The pipeline, start to end, as one library module: `build`, `check` and `serve` all go
//! through here, so they read a site the same way and say the same things about it.
//!
//! [`load`] reads the sources and validates them into the model (sources → model); the
//! as-of date is resolved once, from the flag, `SOURCE_DATE_EPOCH` or today in the site's
//! time zone ([`as_of`]). [`renderer`] loads the theme and makes the renderer (render).
//! [`write`] writes the site (output) and, on a thread of its own, its search index
//! (search) into a fresh folder that replaces the destination when both succeeded. Nothing
//! here prints: the command line decides what the user sees and the exit code.

use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use jiff::civil::Date;
use jiff::tz::TimeZone;

use crate::diag::{Diagnostic, Diagnostics};
use crate::model::Model;
use crate::output::{self, Phase, Summary, WriteError, target};
use crate::render::{Globals, MenuItem, Renderer, SiteInfo, Theme};

/// A loaded, validated site and how long each half took.
#[derive(Debug)]
pub struct Loaded {
    pub model: Model,
    /// Warnings of loading and validation (no errors: those fail [`load`]).
    pub warnings: Diagnostics,
    /// Reading and parsing every file.
    pub parse: Duration,
    /// Validating into the model (with who-represents-whom, schedules, privacy scan).
    pub validate: Duration,
}

/// Why a site could not be loaded.
#[derive(Debug)]
pub enum LoadError {
    /// Problems in the content: every error and warning found.
    Content(Diagnostics),
    /// The as-of date given cannot be used (a message for the user).
    AsOf(String),
}

/// Read and validate the site at `site` as of `as_of_flag` (or see [`as_of`]): the shared
/// first half of `check`, `build` and `serve`. Every problem of every file is collected.
pub fn load(site: &Path, as_of_flag: Option<&str>) -> Result<Loaded, LoadError> {
    let start = Instant::now();
    let (sources, broken, loading) =
        crate::sources::load_partial(site).map_err(LoadError::Content)?;
    let parse = start.elapsed();
    let tz = crate::model::config::timezone(&sources.site.raw);
    let as_of = as_of(as_of_flag, &tz).map_err(LoadError::AsOf)?;
    let start = Instant::now();
    let (model, validation) = match crate::model::build_partial(&sources, &broken, as_of) {
        Ok((model, found)) => (Some(model), found),
        Err(found) => (None, found),
    };
    // What validation says of a line that did not parse (and was repaired to go on) is
    // a consequence of that mistake, not another one.
    let mut found = validation.without_lines_of(&loading);
    found.extend(loading);
    match model {
        // A loading error that left no item broken (a link out of the site) still stops.
        Some(model) if !found.has_errors() => Ok(Loaded {
            model,
            warnings: found,
            parse,
            validate: start.elapsed(),
        }),
        _ => Err(LoadError::Content(found)),
    }
}

/// The as-of date: `flag` (YYYY-MM-DD), else the `SOURCE_DATE_EPOCH` environment variable,
/// else today in `tz`. `Err`: a message saying which of them is not a date.
pub fn as_of(flag: Option<&str>, tz: &TimeZone) -> Result<Date, String> {
    if let Some(s) = flag {
        return crate::model::check::parse_date(s)
            .ok_or_else(|| format!("--as-of `{s}` is not a date: write YYYY-MM-DD"));
    }
    if let Some(v) = std::env::var_os("SOURCE_DATE_EPOCH") {
        let v = v.to_string_lossy();
        let secs: i64 = v
            .trim()
            .parse()
            .map_err(|_| format!("SOURCE_DATE_EPOCH `{v}` is not a number of seconds"))?;
        let ts = jiff::Timestamp::from_second(secs)
            .map_err(|e| format!("SOURCE_DATE_EPOCH `{v}`: {e}"))?;
        return Ok(ts.to_zoned(tz.clone()).date());
    }
    Ok(jiff::Zoned::now().with_time_zone(tz.clone()).date())
}

/// The template globals of a model: site data and the menu of free pages.
pub fn globals(model: &Model) -> Globals<'_> {
    let mut pages: Vec<&crate::model::Page> =
        model.pages.iter().filter(|p| p.weight.is_some()).collect();
    pages.sort_by(|a, b| (a.weight, &a.path).cmp(&(b.weight, &b.path)));
    Globals {
        site: SiteInfo {
            title: &model.config.title,
            base_url: &model.config.base_url,
            publisher: &model.config.publisher,
            language: model.config.language.as_str(),
            data_license: model.config.data_license.as_deref(),
            as_of: model.as_of.to_string(),
            extra: &model.config.extra,
        },
        menu: pages
            .iter()
            .map(|p| MenuItem {
                title: &p.title,
                url: format!("{}/index.html", p.path),
            })
            .collect(),
    }
}

/// The site's theme (the built-in one with the site's overrides) and a renderer for it.
pub fn renderer(site: &Path, model: &Model) -> Result<(Theme, Renderer), Diagnostic> {
    let theme = crate::render::theme::load(site, &model.config.theme, model.config.language)?;
    let renderer = Renderer::new(&theme, &globals(model))?;
    Ok((theme, renderer))
}

/// Write the whole site for `model` into `destination` (checked by [`target::check`]):
/// the pages and other files, and alongside them on a thread of its own the search index
/// (much of pagefind's work runs on one thread, and would otherwise leave a core idle).
///
/// A first build, a `clean` one, or one into a folder that another binary wrote, writes
/// into a fresh folder that replaces the destination when everything succeeded. Otherwise
/// the build is incremental ([`output::incremental`]): only the files whose bytes change
/// are written (into the temporary folder first, then renamed into place), the files no
/// longer produced are removed, and the others are left alone. Either way the manifest
/// beside the folder is written last. Calls `on_page(total_pages)` after each page, and
/// `on_wait()` if another build into the same folder has to finish first.
#[allow(clippy::too_many_arguments)]
pub fn write(
    model: &Model,
    renderer: &Renderer,
    theme: &Theme,
    destination: target::Destination,
    opts: output::Options,
    clean: bool,
    on_page: &(dyn Fn(usize) + Sync),
    on_wait: &dyn Fn(),
) -> Result<Summary, WriteError> {
    use output::incremental;
    let build = target::Build::start(destination, on_wait)?;
    let binary = incremental::binary();
    let previous = if clean {
        None
    } else {
        incremental::previous(build.out(), &binary)
    };
    let epoch = incremental::epoch(theme, &globals(model), opts.minify);
    let fingerprints = Renderer::fingerprints(theme);
    let jobs = crate::site::jobs(model);
    let (ledger, made) = std::sync::mpsc::channel();
    let sink = match &previous {
        Some(previous) => {
            output::Sink::incremental(build.dir(), epoch, ledger, previous, build.out())
        }
        None => output::Sink::new(build.dir(), epoch, ledger),
    };
    // The search index is made again only when what it is made from changed.
    let search_input = crate::search::input_hash(model, theme);
    let known_search = previous
        .as_ref()
        .and_then(|p| incremental::known_search(p, search_input, build.out()));
    // Otherwise each index whose records are unchanged is kept.
    let indexes = previous
        .as_ref()
        .map(incremental::search_indexes)
        .unwrap_or_default();
    let out = build.out();
    let sink_ref = &sink;
    let reuse = |_dir: &str, hash: u64| -> Option<Vec<(String, usize)>> {
        let files = indexes.get(&hash)?;
        if !incremental::all_on_disk(out, files) {
            return None;
        }
        Some(
            files
                .iter()
                .map(|(rel, e)| {
                    sink_ref.keep(rel, (*e).clone());
                    ((*rel).clone(), e.size as usize)
                })
                .collect(),
        )
    };
    let pages_done = AtomicBool::new(false);
    let (files, search) = std::thread::scope(|s| {
        let search = s.spawn(|| {
            let start = Instant::now();
            if let Some(known) = &known_search {
                for (rel, entry) in known {
                    sink.keep(rel, (*entry).clone());
                }
                return Ok(known.len());
            }
            let mut to_disk = |rel: &str, data: &[u8], index: u64| {
                sink.put_search(rel, data, index).map_err(|e| e.0)
            };
            let more = || pages_done.load(Ordering::Relaxed);
            let written = crate::search::write(model, theme, &mut to_disk, &more, &reuse);
            sink.lap(Phase::Search, start);
            written
        });
        let files = output::write_site(
            model,
            renderer,
            &fingerprints,
            theme,
            &jobs,
            &sink,
            opts,
            on_page,
        );
        pages_done.store(true, Ordering::Relaxed);
        let search = search
            .join()
            .unwrap_or_else(|_| Err("search index: the indexer stopped unexpectedly".into()));
        (files, search)
    });
    let files = files? + search.map_err(WriteError)?;
    let mut summary = sink.summary(jobs.len(), files);
    let mut manifest = incremental::Manifest {
        binary,
        epoch,
        search: search_input,
        files: std::collections::HashMap::with_capacity(files),
    };
    let mut staged = Vec::new();
    for made in made.try_iter() {
        if made.written {
            staged.push(made.rel.clone());
        }
        manifest.files.insert(made.rel, made.entry);
    }
    summary.written = staged.len();
    let out = build.out().to_path_buf();
    if previous.is_some() {
        let gone = incremental::gone(&out, &|rel| manifest.files.contains_key(rel));
        summary.removed = gone.len();
        summary.kept = manifest.files.len() - staged.len();
        build.commit(&staged, &gone)?;
    } else {
        build.finish()?;
    }
    incremental::settle(&out, &manifest)?;
    Ok(summary)
}
