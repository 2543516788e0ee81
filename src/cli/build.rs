//! `lianluo build [SITE] [--out DIR] [--as-of DATE]`: the whole pipeline, to disk.

use std::path::PathBuf;
use std::time::Instant;

use super::Failure;
use crate::model::Model;
use crate::output;
use crate::render::{Globals, MenuItem, Renderer, SiteInfo};

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
    /// Print where the time went: parsing, validating, rendering, minifying, writing, search
    #[arg(long)]
    timings: bool,
}

/// The template globals of a model: site data and the menu of free pages.
pub fn globals(m: &Model) -> Globals<'_> {
    let mut pages: Vec<&crate::model::Page> =
        m.pages.iter().filter(|p| p.weight.is_some()).collect();
    pages.sort_by(|a, b| (a.weight, &a.path).cmp(&(b.weight, &b.path)));
    Globals {
        site: SiteInfo {
            title: &m.config.title,
            base_url: &m.config.base_url,
            publisher: &m.config.publisher,
            language: m.config.language.as_str(),
            data_license: m.config.data_license.as_deref(),
            as_of: m.as_of.to_string(),
            extra: &m.config.extra,
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

pub fn run(args: Args) -> Result<(), Failure> {
    let start = Instant::now();
    let site = super::site_dir(args.site);
    let out = args.out.unwrap_or_else(|| site.join("public"));
    let destination = output::target::check(&out, &site).map_err(|r| Failure::Usage(r.0))?;
    let super::Loaded {
        model,
        warnings,
        parse,
        validate,
    } = super::load(&site, args.as_of.as_deref())?;
    let fail = |d: crate::diag::Diagnostic| {
        super::print(&site, &super::one(d.clone()));
        Failure::Content(super::one(d))
    };
    let theme = crate::render::theme::load(&site, &model.config.theme, model.config.language)
        .map_err(fail)?;
    let renderer = Renderer::new(&theme, &globals(&model)).map_err(fail)?;
    let progress = super::progress::Progress::for_stderr();
    let summary = output::write(
        &model,
        &renderer,
        &theme,
        destination,
        output::Options {
            minify: !args.no_minify,
        },
        &|total| progress.page(total),
        &|| eprintln!("waiting for another build into {} to finish", out.display()),
    );
    progress.finish();
    let summary = summary.map_err(|e| Failure::Other(e.0))?;
    super::print(&site, &warnings);
    eprintln!(
        "built {} pages ({} files, {:.1} MB) into {} in {:.2} s{}",
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
    }
    Ok(())
}
