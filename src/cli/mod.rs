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

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::diag::{Diagnostic, Diagnostics};
use crate::pipeline;

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

/// What the binary does at points of a build that only it can act on: its allocator's
/// settings (`src/main.rs`; the library has no unsafe code).
#[derive(Debug, Clone, Copy)]
pub struct Hooks {
    /// Called when a build's pages begin (for each language's tree, and each time `serve`
    /// renders pages): the loading and the first tree's downloads, where memory freed on
    /// one thread is made on another, are over (`output::Options::pages_begin`).
    pub pages_begin: fn(),
    /// Called, before anything loads, when a build writes into the output folder of an
    /// earlier build of this binary (its manifest is there, and not `--clean`): such a
    /// build makes and drops most of what a full build does but writes little. (Its peak
    /// is higher for it; the memory target is a full build's.)
    pub builds_on_last: fn(),
}

impl Default for Hooks {
    fn default() -> Self {
        Hooks {
            pages_begin: || {},
            builds_on_last: || {},
        }
    }
}

/// Run the program.
pub fn main() -> ExitCode {
    main_with(Hooks::default())
}

/// Run the program with the binary's [`Hooks`]; the binary's `main` is only this.
pub fn main_with(hooks: Hooks) -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    let result = match cli.command {
        Command::Build(args) => build::run(args, hooks),
        Command::Check(args) => check::run(args),
        Command::Serve(args) => serve::run(args, hooks),
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

pub use crate::report::print;

/// Load and validate a site ([`pipeline::load`]), printing every problem found.
pub fn load(site: &Path, as_of_flag: Option<&str>) -> Result<pipeline::Loaded, Failure> {
    load_cached(site, as_of_flag, None)
}

/// [`load`] through a parse cache (`build`).
pub fn load_cached(
    site: &Path,
    as_of_flag: Option<&str>,
    cache: Option<&crate::sources::cache::Place>,
) -> Result<pipeline::Loaded, Failure> {
    pipeline::load_cached(site, as_of_flag, cache).map_err(|e| match e {
        pipeline::LoadError::Content(found) => {
            print(site, &found);
            Failure::Content(found)
        }
        pipeline::LoadError::AsOf(message) => Failure::Other(message),
    })
}

pub fn site_dir(site: Option<PathBuf>) -> PathBuf {
    site.unwrap_or_else(|| PathBuf::from("."))
}

pub fn one(d: Diagnostic) -> Diagnostics {
    std::iter::once(d).collect()
}
