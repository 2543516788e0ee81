//! The command line: one args struct and one `run()` per command; exit codes and the
//! printing of diagnostics live here and nowhere else.
//!
//! Exit codes: 0 success, 1 the content (or writing it) failed, 2 wrong usage.

mod build;
mod check;
mod new;
mod progress;
mod redact;
mod serve;

pub use build::globals;

use std::collections::HashMap;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use jiff::civil::Date;

use crate::diag::{Diagnostic, Diagnostics};

#[derive(Debug, Parser)]
#[command(
    name = "lianluo",
    version,
    about = "联络 — a static site generator for people's congresses: who represents every resident, and when to meet them"
)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Build the site into a folder of static files
    Build(build::Args),
    /// Check the content and report every problem, writing nothing
    Check(check::Args),
    /// Serve the site on this computer, rebuilding and reloading the browser on every save
    Serve(serve::Args),
    /// Create a new site, or a new deputy, station, activity or page from a template
    New(new::Args),
    /// Show the masks for personal data in suggestion and activity text; apply them with --write
    Redact(redact::Args),
}

/// What a command's failure means for the exit code.
#[derive(Debug)]
pub enum Failure {
    /// Problems in the content, already collected.
    Content(Diagnostics),
    /// Anything else (a file that cannot be written): one message.
    Other(String),
    /// A request lianluo refuses (an output folder it may not write to): one message,
    /// exit code 2, nothing touched.
    Usage(String),
}

impl From<Diagnostics> for Failure {
    fn from(d: Diagnostics) -> Self {
        Failure::Content(d)
    }
}

/// Run the program; the binary's `main` is only this.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    let result = match cli.command {
        Command::Build(args) => build::run(args),
        Command::Check(args) => check::run(args),
        Command::Serve(args) => serve::run(args),
        Command::New(args) => new::run(args),
        Command::Redact(args) => redact::run(args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Content(d)) => {
            let d = d.sorted();
            eprintln!("{}", summary_line(&d));
            ExitCode::from(1)
        }
        Err(Failure::Other(msg)) => {
            eprintln!("error: {}", crate::escape::terminal(&msg));
            ExitCode::from(1)
        }
        Err(Failure::Usage(msg)) => {
            eprintln!("error: {}", crate::escape::terminal(&msg));
            ExitCode::from(2)
        }
    }
}

/// `1 warning`, `3 warnings`.
pub fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

fn summary_line(d: &Diagnostics) -> String {
    let (e, w) = (d.error_count(), d.warning_count());
    if e > 0 {
        format!(
            "error: the site has {} and {}; nothing was written",
            plural(e, "error", "errors"),
            plural(w, "warning", "warnings")
        )
    } else {
        format!("{} ", plural(w, "warning", "warnings"))
    }
}

/// Print diagnostics to stderr, sorted, with source snippets (colour on a terminal).
pub fn print(site: &Path, diags: &Diagnostics) {
    let styled = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let sorted = diags.clone().sorted();
    // Warnings that say the same thing (a schedule of every station reaching a year with no
    // holiday calendar) are shown in full a few times, then as one list of places.
    let mut same: HashMap<(&str, Option<&str>), Vec<&crate::diag::Diagnostic>> = HashMap::new();
    for d in sorted.iter() {
        if d.is_error() {
            eprintln!("{}\n", d.render(site, styled));
            continue;
        }
        let seen = same.entry((&d.message, d.hint.as_deref())).or_default();
        seen.push(d);
        if seen.len() <= SAME_WARNING_IN_FULL {
            eprintln!("{}\n", d.render(site, styled));
        }
    }
    let mut groups: Vec<_> = same
        .into_values()
        .filter(|g| g.len() > SAME_WARNING_IN_FULL)
        .collect();
    groups.sort_by_key(|g| g[0].span.to_string());
    for g in groups {
        let rest = &g[SAME_WARNING_IN_FULL..];
        let places: Vec<String> = rest
            .iter()
            .take(SAME_WARNING_PLACES)
            .map(|d| d.span.to_string())
            .collect();
        let more = rest.len().saturating_sub(SAME_WARNING_PLACES);
        let line = format!(
            "warning: {} more like the one at {}: {}{}\n",
            rest.len(),
            g[0].span,
            places.join(", "),
            if more > 0 {
                format!(" and {more} more (`lianluo check` counts them all)")
            } else {
                String::new()
            }
        );
        eprintln!("{}", crate::escape::terminal(&line));
    }
}

/// Warnings with the same message shown in full before the rest are listed by place.
const SAME_WARNING_IN_FULL: usize = 3;
/// Places listed for the rest.
const SAME_WARNING_PLACES: usize = 10;

/// The build's as-of date: `--as-of`, else `SOURCE_DATE_EPOCH`, else today in the site's zone.
pub fn as_of(flag: Option<&str>, tz: &jiff::tz::TimeZone) -> Result<Date, Failure> {
    if let Some(s) = flag {
        return crate::model::check::parse_date(s).ok_or_else(|| {
            Failure::Other(format!("--as-of `{s}` is not a date: write YYYY-MM-DD"))
        });
    }
    if let Some(v) = std::env::var_os("SOURCE_DATE_EPOCH") {
        let v = v.to_string_lossy();
        let secs: i64 = v.trim().parse().map_err(|_| {
            Failure::Other(format!(
                "SOURCE_DATE_EPOCH `{v}` is not a number of seconds"
            ))
        })?;
        let ts = jiff::Timestamp::from_second(secs)
            .map_err(|e| Failure::Other(format!("SOURCE_DATE_EPOCH `{v}`: {e}")))?;
        return Ok(ts.to_zoned(tz.clone()).date());
    }
    Ok(jiff::Zoned::now().with_time_zone(tz.clone()).date())
}

/// The site's time zone (`timezone:` in site.yaml, else Asia/Shanghai).
pub fn timezone(sources: &crate::sources::Sources) -> jiff::tz::TimeZone {
    sources
        .site
        .raw
        .timezone
        .as_ref()
        .and_then(|t| jiff::tz::TimeZone::get(t.value.as_str()).ok())
        .unwrap_or_else(|| {
            jiff::tz::TimeZone::get("Asia/Shanghai").unwrap_or(jiff::tz::TimeZone::UTC)
        })
}

/// A loaded, validated site and how long each half took.
#[derive(Debug)]
pub struct Loaded {
    pub model: crate::model::Model,
    pub warnings: Diagnostics,
    /// Reading and parsing every file.
    pub parse: std::time::Duration,
    /// Validating into the model (with who-represents-whom, schedules, privacy scan).
    pub validate: std::time::Duration,
}

/// Load and validate a site: the shared first half of `check` and `build`.
pub fn load(site: &Path, as_of_flag: Option<&str>) -> Result<Loaded, Failure> {
    let start = std::time::Instant::now();
    let (sources, broken, warnings) = match crate::sources::load_partial(site) {
        Ok(v) => v,
        Err(d) => {
            print(site, &d);
            return Err(d.into());
        }
    };
    let parse = start.elapsed();
    let tz = timezone(&sources);
    let as_of = as_of(as_of_flag, &tz)?;
    let start = std::time::Instant::now();
    match crate::model::build_partial(&sources, &broken, as_of) {
        Ok((model, more)) => {
            let mut more = more.without_lines_of(&warnings);
            more.extend(warnings);
            // A loading error that left no item broken (a link out of the site) still
            // stops the build.
            if more.has_errors() {
                print(site, &more);
                return Err(more.into());
            }
            Ok(Loaded {
                model,
                warnings: more,
                parse,
                validate: start.elapsed(),
            })
        }
        Err(d) => {
            let mut d = d.without_lines_of(&warnings);
            d.extend(warnings);
            print(site, &d);
            Err(d.into())
        }
    }
}

pub fn site_dir(site: Option<PathBuf>) -> PathBuf {
    site.unwrap_or_else(|| PathBuf::from("."))
}

pub fn one(d: Diagnostic) -> Diagnostics {
    std::iter::once(d).collect()
}
