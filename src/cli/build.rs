//! `lianluo build [SITE] [--out DIR] [--as-of DATE]`: the whole pipeline, to disk.

use std::path::PathBuf;
use std::time::Instant;

use super::Failure;
use crate::sources::cache::Place;
use crate::{output, pipeline};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The site folder (with site.yaml)
    site: Option<PathBuf>,
    /// Where to write the site (default: SITE/public)
    #[arg(long)]
    out: Option<PathBuf>,
    /// The date schedules and deadlines are computed for (YYYY-MM-DD; default: SOURCE_DATE_EPOCH, else today)
    #[arg(long)]
    as_of: Option<String>,
    /// Write pages as rendered, without minifying them
    #[arg(long)]
    no_minify: bool,
    /// Build afresh into a new folder that replaces the old one, instead of writing only
    /// the files that changed since the last build into it
    #[arg(long)]
    clean: bool,
    /// Print where the time went: parsing, validating, rendering, minifying, writing, search
    #[arg(long)]
    timings: bool,
}

pub fn run(args: Args, hooks: super::Hooks) -> Result<(), Failure> {
    let start = Instant::now();
    let site = super::site_dir(args.site.clone());
    let out = args.out.clone().unwrap_or_else(|| site.join("public"));
    let destination = output::target::check(&out, &site).map_err(|r| Failure::Usage(r.0))?;
    let binary = output::incremental::binary();
    if !args.clean && output::incremental::made_by(&destination.path, &binary) {
        (hooks.builds_on_last)();
    }
    // The deputies' files as the last build parsed them (`--clean`: all parsed again); the
    // new cache is put in place only if the whole build succeeds.
    let cache = Place::beside(&destination.path, binary, !args.clean);
    let new_cache = build(args, hooks, start, &site, &out, destination, cache.as_ref())?;
    if let (Some(place), Some(file)) = (cache, new_cache) {
        place.install(file);
    }
    Ok(())
}

fn build(
    args: Args,
    hooks: super::Hooks,
    start: Instant,
    site: &std::path::Path,
    out: &std::path::Path,
    destination: output::target::Destination,
    cache: Option<&Place>,
) -> Result<Option<tempfile::NamedTempFile>, Failure> {
    // The last build (its manifest, and a walk of the output folder) is read while the
    // sources load and validate: at 100,000 deputies, seconds of a one-edit build. If no
    // thread can be started, it is read after loading, as before.
    let ahead = if args.clean {
        None
    } else {
        let out = destination.path.clone();
        std::thread::Builder::new()
            .name("lianluo-ahead".into())
            .spawn(move || output::incremental::Ahead::read(&out, &output::incremental::binary()))
            .ok()
    };
    let pipeline::Loaded {
        model,
        warnings,
        parse,
        validate,
        cached,
        new_cache,
    } = super::load_cached(site, args.as_of.as_deref(), cache)?;
    let (theme, renderer) = pipeline::renderer(site, &model).map_err(|d| {
        super::print(site, &super::one(d.clone()));
        Failure::Content(super::one(d))
    })?;
    let further = pipeline::further_languages(site, &model).map_err(Failure::Other)?;
    let mut trees = vec![pipeline::Tree {
        model: &model,
        renderer: &renderer,
        theme: &theme,
    }];
    trees.extend(
        further
            .iter()
            .map(|(model, theme, renderer)| pipeline::Tree {
                model,
                renderer,
                theme,
            }),
    );
    let waiting = Instant::now();
    let ahead = ahead.and_then(|reading| reading.join().ok());
    let waited = waiting.elapsed();
    let walked = ahead.as_ref().and_then(output::incremental::Ahead::walked);
    let progress = super::progress::Progress::for_stderr();
    let summary = pipeline::write_trees(
        &trees,
        destination,
        output::Options {
            minify: !args.no_minify,
            pages_begin: hooks.pages_begin,
        },
        args.clean,
        ahead,
        &|total| progress.page(total),
        &|| eprintln!("waiting for another build into {} to finish", out.display()),
    );
    progress.finish();
    let summary = summary.map_err(|e| Failure::Other(e.0))?;
    super::print(site, &warnings);
    let written = if summary.incremental {
        format!(
            "; {} written, {} removed, {} unchanged",
            summary.written, summary.removed, summary.kept
        )
    } else {
        String::new()
    };
    eprintln!(
        "built {} pages ({} files{written}, {:.1} MB written) into {} in {:.2} s{}",
        summary.pages,
        summary.files,
        summary.bytes as f64 / 1e6,
        out.display(),
        start.elapsed().as_secs_f64(),
        if warnings.is_empty() {
            String::new()
        } else {
            format!(
                ", {}",
                super::plural(warnings.warning_count(), "warning", "warnings")
            )
        }
    );
    if args.timings {
        let t = summary.times;
        let s = |d: std::time::Duration| format!("{:.2} s", d.as_secs_f64());
        eprintln!(
            "timings: parse {}, validate {}; pages (summed over threads): render {}, minify {}, write {}; other files {}; search index {} (alongside the pages)",
            s(parse),
            s(validate),
            s(t.render),
            s(t.minify),
            s(t.write),
            s(t.other),
            s(t.search)
        );
        if let Some(walked) = walked {
            eprintln!(
                "last build: its manifest read and its folder walked in {} alongside parse and validate, then waited for {}",
                s(walked),
                s(waited)
            );
        }
        if let Some((taken, parsed)) = cached {
            eprintln!(
                "parse cache: {taken} of {} deputies' files unchanged since the last build, {parsed} parsed",
                taken + parsed
            );
        }
    }
    Ok(new_cache)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    static BUILT_ON_LAST: AtomicUsize = AtomicUsize::new(0);

    fn succeeds(result: Result<(), Failure>) {
        if let Err(e) = result {
            panic!("the build failed: {e:?}");
        }
    }

    fn args(out: &std::path::Path, clean: bool) -> Args {
        Args {
            site: Some(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content")),
            out: Some(out.to_path_buf()),
            as_of: Some("2026-06-01".into()),
            no_minify: true,
            clean,
            timings: false,
        }
    }

    /// The binary keeps mimalloc's default purge delay in an incremental build only: a
    /// full build (into an empty folder, with `--clean`, or after an upgrade) is the one
    /// whose peak is measured.
    #[test]
    fn only_a_build_into_an_earlier_builds_folder_says_it_builds_on_it() {
        let hooks = crate::cli::Hooks {
            pages_begin: || {},
            builds_on_last: || {
                BUILT_ON_LAST.fetch_add(1, Ordering::Relaxed);
            },
        };
        let dir = tempfile::tempdir().expect("a temporary folder");
        let out = dir.path().join("public");
        let calls = || BUILT_ON_LAST.load(Ordering::Relaxed);
        succeeds(run(args(&out, false), hooks));
        assert_eq!(calls(), 0, "the first build has no earlier one");
        succeeds(run(args(&out, false), hooks));
        assert_eq!(
            calls(),
            1,
            "the second build writes into the first one's folder"
        );
        succeeds(run(args(&out, true), hooks));
        assert_eq!(calls(), 1, "--clean builds afresh");
        // A manifest of another binary (an upgrade): everything is made again.
        let manifest = output::incremental::manifest_path(&out);
        let text = std::fs::read_to_string(&manifest).expect("the manifest");
        let (head, rest) = text.split_once("\nbinary ").expect("a binary line");
        let rest = rest.split_once('\n').map_or("", |(_, r)| r);
        std::fs::write(&manifest, format!("{head}\nbinary 0.0.0+other\n{rest}")).expect("written");
        succeeds(run(args(&out, false), hooks));
        assert_eq!(calls(), 1, "another binary's folder is built afresh");
        succeeds(run(args(&out, false), hooks));
        assert_eq!(calls(), 2);
    }
}
