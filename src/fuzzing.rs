//! Entry points for the coverage-guided fuzz targets in `fuzz/` (cargo-afl) and for the
//! regression tests of what they found (`tests/fuzz_regressions.rs`).
//!
//! Each function takes arbitrary bytes and runs the real code path a file of a site goes
//! through; any result, error or not, is fine, and none of them may panic, abort or hang.
//! They are not part of lianluo's interface.
//!
//! - [`front_matter`]: a content Markdown file: front matter split, its YAML read as each
//!   kind of item, the body checked against the limits, rendered and linted.
//! - [`suggestions_csv`]: a CSV file under `suggestions/` (there is no spreadsheet loader:
//!   offices export CSV).
//! - [`site_yaml`]: `site.yaml`, parsed and validated into the configuration.
//! - [`PageSite::run`]: the whole check → render path on one page: the input is written
//!   into a copy of a real site as one file, the site is loaded and validated, every
//!   diagnostic is rendered as `lianluo check` prints it, and the page(s) of that file are
//!   rendered and minified as `lianluo build` writes them.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use jiff::civil::Date;

use crate::diag::Diagnostics;
use crate::markdown;
use crate::model::check::Checker;
use crate::site::{self, Job};
use crate::sources::raw::{RawActivity, RawDeputy, RawPage, RawSite, RawStation};
use crate::sources::{Doc, Origin, parse_yaml};

fn origin(file: &str, line_offset: u32) -> Origin {
    Origin::new(Arc::from(Path::new(file)), line_offset)
}

/// The text of a file as the loader reads it: UTF-8 or nothing.
fn text(data: &[u8]) -> Option<&str> {
    std::str::from_utf8(data).ok()
}

/// A content Markdown file (`deputies/x.md`, `stations/`, `activities/`, `pages/`): split
/// at its fences, the YAML read as every kind of item, the body as the model treats it.
pub fn front_matter(data: &[u8]) {
    let Some(text) = text(data) else { return };
    let Some(split) = crate::sources::frontmatter::split(text) else {
        return;
    };
    let origin = origin("activities/fuzz.md", 1);
    let _ = parse_yaml::<RawDeputy>(split.yaml, &origin);
    let _ = parse_yaml::<RawStation>(split.yaml, &origin);
    let _ = parse_yaml::<RawActivity>(split.yaml, &origin);
    let _ = parse_yaml::<RawPage>(split.yaml, &origin);
    // As `model::validate_items`: a body over the limits never reaches the renderers.
    if markdown::limits(split.body, split.body_line, &[], &origin).is_none() {
        let _ = markdown::render(split.body);
        let _ = markdown::lint(split.body, split.body_line, &[], &origin);
    }
}

/// A CSV file of suggestion records.
pub fn suggestions_csv(data: &[u8]) {
    let Some(text) = text(data) else { return };
    let file: Arc<Path> = Arc::from(Path::new("suggestions/fuzz.csv"));
    let _ = crate::sources::csv::suggestions(&file, text);
}

/// `site.yaml`: parsed, then validated into the configuration.
pub fn site_yaml(data: &[u8]) {
    let Some(text) = text(data) else { return };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let origin = origin("site.yaml", 0);
    let Ok(raw) = parse_yaml::<RawSite>(text, &origin) else {
        return;
    };
    let doc = Doc { origin, raw };
    let mut ck = Checker::new(&doc.origin);
    let _ = crate::model::config::validate(&doc, &mut ck);
}

/// The date the page target builds for (that of the integration tests).
const AS_OF: Date = jiff::civil::date(2025, 9, 20);

/// The name of the file the page target writes.
const ID: &str = "fuzz-item";

/// Which file of the site an input of [`PageSite::run`] becomes: its first byte says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Activity,
    Deputy,
    Station,
    Page,
    Site,
    Suggestions,
}

impl Kind {
    fn of(byte: u8) -> Kind {
        match byte {
            b'd' => Kind::Deputy,
            b's' => Kind::Station,
            b'p' => Kind::Page,
            b'y' => Kind::Site,
            b'c' => Kind::Suggestions,
            _ => Kind::Activity,
        }
    }

    /// Where the input goes, relative to the site.
    fn rel(self) -> String {
        match self {
            Kind::Activity => format!("activities/{ID}.md"),
            Kind::Deputy => format!("deputies/{ID}.md"),
            Kind::Station => format!("stations/{ID}.md"),
            Kind::Page => format!("pages/{ID}.md"),
            Kind::Site => "site.yaml".to_owned(),
            Kind::Suggestions => format!("suggestions/{ID}.csv"),
        }
    }
}

/// A private copy of a site that inputs are written into, one file at a time.
#[derive(Debug)]
pub struct PageSite {
    root: PathBuf,
    site_yaml: Vec<u8>,
}

impl PageSite {
    /// Copy the site at `template` (a working site such as `tests/cases/valid`) into a new
    /// folder `lianluo-fuzz-<pid>-<n>` under `parent`.
    pub fn new(template: &Path, parent: &Path) -> std::io::Result<PageSite> {
        use std::sync::atomic::{AtomicUsize, Ordering};
        static N: AtomicUsize = AtomicUsize::new(0);
        let n = N.fetch_add(1, Ordering::Relaxed);
        let root = parent.join(format!("lianluo-fuzz-{}-{n}", std::process::id()));
        if root.exists() {
            std::fs::remove_dir_all(&root)?;
        }
        copy_dir(template, &root)?;
        let site_yaml = std::fs::read(root.join("site.yaml"))?;
        Ok(PageSite { root, site_yaml })
    }

    /// The site's folder.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Write `data` into the site as the file its first byte names (`d` a deputy, `s` a
    /// station, `p` a free page, `y` site.yaml, `c` a suggestions CSV, anything else an
    /// activity; the rest of the bytes are the file), then check the site and render the
    /// file's pages. Returns the pages rendered (path and minified bytes); none when the
    /// site has errors, which is a fine outcome for any input.
    pub fn run(&self, data: &[u8]) -> Vec<(String, Vec<u8>)> {
        let Some((&first, content)) = data.split_first() else {
            return Vec::new();
        };
        let kind = Kind::of(first);
        // Undo the previous input: at most one file of the site is the fuzzer's.
        for k in [
            Kind::Activity,
            Kind::Deputy,
            Kind::Station,
            Kind::Page,
            Kind::Suggestions,
        ] {
            let _ = std::fs::remove_file(self.root.join(k.rel()));
        }
        let site = if kind == Kind::Site {
            content
        } else {
            &self.site_yaml
        };
        let written = std::fs::write(self.root.join("site.yaml"), site).and_then(|()| {
            if kind == Kind::Site {
                Ok(())
            } else {
                std::fs::write(self.root.join(kind.rel()), content)
            }
        });
        if written.is_err() {
            return Vec::new();
        }
        self.check_and_render(kind)
    }

    /// `lianluo check` (load, validate, print every diagnostic) and then the pages of the
    /// fuzzer's file as `lianluo build` writes them.
    fn check_and_render(&self, kind: Kind) -> Vec<(String, Vec<u8>)> {
        let root = &self.root;
        let (sources, broken, warnings) = match crate::sources::load_partial(root) {
            Ok(v) => v,
            Err(d) => {
                self.print(&d);
                return Vec::new();
            }
        };
        let model = match crate::model::build_partial(&sources, &broken, AS_OF) {
            Ok((model, mut more)) => {
                more.extend(warnings);
                self.print(&more);
                if more.has_errors() {
                    return Vec::new();
                }
                model
            }
            Err(mut d) => {
                d.extend(warnings);
                self.print(&d);
                return Vec::new();
            }
        };
        let Ok((_theme, renderer)) = crate::pipeline::renderer(root, &model) else {
            return Vec::new();
        };
        // The downloads are made as a build makes them (and dropped): the /data/ page
        // shows their list.
        let Ok(downloads) = crate::output::downloads(&model, &renderer, &|_, _| Ok(())) else {
            return Vec::new();
        };
        let jobs: Vec<Job> = match kind {
            Kind::Site => vec![Job::Home, Job::NotFound],
            Kind::Suggestions => {
                let file = Path::new("suggestions").join(format!("{ID}.csv"));
                let ids: Vec<&str> = sources
                    .suggestions
                    .iter()
                    .filter(|s| *s.origin.file == *file)
                    .map(|s| s.raw.id.value.as_str())
                    .collect();
                let mut jobs = vec![Job::Suggestions(1)];
                jobs.extend(
                    (0..model.suggestions.len() as u32)
                        .filter(|&i| ids.contains(&model.suggestions[i as usize].id.as_str()))
                        .take(4)
                        .map(Job::Suggestion),
                );
                jobs
            }
            _ => site::jobs(&model)
                .into_iter()
                .filter(|&job| site::path(&model, job).split('/').any(|seg| seg == ID))
                .collect(),
        };
        let opts = crate::output::Options {
            minify: true,
            pages_begin: || {},
        };
        jobs.into_iter()
            .filter_map(|job| crate::output::page(&model, &renderer, job, &downloads, opts).ok())
            .collect()
    }

    /// Render every diagnostic as the terminal shows it (into nothing).
    fn print(&self, diags: &Diagnostics) {
        for d in diags.clone().sorted().iter() {
            let _ = d.render(&self.root, false);
        }
    }
}

impl Drop for PageSite {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.root);
    }
}

fn copy_dir(from: &Path, to: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_dir(&entry.path(), &target)?;
        } else {
            std::fs::copy(entry.path(), &target)?;
        }
    }
    Ok(())
}
