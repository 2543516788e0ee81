//! `lianluo check [SITE]`: validate everything, report every problem, write nothing.

use std::path::PathBuf;

use super::Failure;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The site folder (with site.yaml)
    site: Option<PathBuf>,
    /// The date schedules and deadlines are computed for (YYYY-MM-DD)
    #[arg(long)]
    as_of: Option<String>,
}

pub fn run(args: Args) -> Result<(), Failure> {
    let site = super::site_dir(args.site);
    let crate::pipeline::Loaded {
        model, warnings, ..
    } = super::load(&site, args.as_of.as_deref())?;
    // Rendering is part of checking: a broken theme or template is a problem too, as it
    // would be for `build`.
    crate::pipeline::renderer(&site, &model).map_err(|d| {
        super::print(&site, &super::one(d.clone()));
        Failure::Content(super::one(d))
    })?;
    super::print(&site, &warnings);
    eprintln!(
        "ok: {} deputies, {} stations, {} activities, {} suggestions, {} pages checked{}",
        model.deputies.len(),
        model.stations.len(),
        model.activities.len(),
        model.suggestions.len(),
        model.pages.len(),
        if warnings.is_empty() {
            String::new()
        } else {
            format!(
                " ({})",
                super::plural(warnings.warning_count(), "warning", "warnings")
            )
        }
    );
    Ok(())
}
