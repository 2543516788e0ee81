//! Helpers shared by the integration tests: the real `lianluo` binary, fixture paths,
//! snapshots of folders, HTML parsing and the parsing of printed diagnostics.
//!
//! Every test file includes this module with `mod common;` and uses only part of it.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use scraper::{Html, Selector};
use tempfile::TempDir;

/// The as-of date the tests build with: schedules and deadlines depend on it.
pub const AS_OF: &str = "2025-09-20";

/// The `lianluo` binary, with an environment that does not change its output.
pub fn lianluo() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_lianluo"));
    cmd.env_remove("SOURCE_DATE_EPOCH").env("NO_COLOR", "1");
    cmd
}

/// The repository root.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A fixture site under `tests/cases/`.
pub fn case(name: &str) -> PathBuf {
    repo().join("tests").join("cases").join(name)
}

/// The demo site.
pub fn demo() -> PathBuf {
    repo().join("content")
}

pub fn tempdir() -> TempDir {
    tempfile::tempdir().expect("create a temporary folder")
}

/// A built site: the output folder lives inside `_tmp` and goes with it.
#[derive(Debug)]
pub struct Built {
    pub _tmp: TempDir,
    pub out: PathBuf,
    pub stderr: String,
}

impl Built {
    /// The bytes of an output file.
    pub fn bytes(&self, rel: &str) -> Vec<u8> {
        std::fs::read(self.out.join(rel)).unwrap_or_else(|e| panic!("read {rel}: {e}"))
    }

    /// An output file as text.
    pub fn text(&self, rel: &str) -> String {
        String::from_utf8(self.bytes(rel)).unwrap_or_else(|e| panic!("{rel} is not UTF-8: {e}"))
    }

    /// An output page, parsed.
    pub fn page(&self, rel: &str) -> Html {
        Html::parse_document(&self.text(rel))
    }

    pub fn exists(&self, rel: &str) -> bool {
        self.out.join(rel).is_file()
    }
}

/// Build `site` with `--as-of as_of` into a fresh temporary folder; panics with the
/// binary's stderr if the build fails.
pub fn build(site: &Path, as_of: &str) -> Built {
    let tmp = tempdir();
    let out = tmp.path().join("site");
    let stderr = build_to(site, &out, as_of, &[]);
    Built {
        _tmp: tmp,
        out,
        stderr,
    }
}

/// Build `site` into `out` with `env` set; fails the test unless the build succeeds.
/// Returns what the build printed.
pub fn build_to(site: &Path, out: &Path, as_of: &str, env: &[(&str, &str)]) -> String {
    let output = lianluo()
        .envs(env.iter().copied())
        .arg("build")
        .arg(site)
        .arg("--out")
        .arg(out)
        .arg("--as-of")
        .arg(as_of)
        .output()
        .expect("run lianluo");
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(
        output.status.success(),
        "building {} failed ({}):\n{stderr}",
        site.display(),
        output.status
    );
    stderr
}

/// Every file below `dir`, by path relative to it (with `/`), sorted.
pub fn files(dir: &Path) -> Vec<String> {
    fn walk(base: &Path, dir: &Path, out: &mut Vec<String>) {
        let entries =
            std::fs::read_dir(dir).unwrap_or_else(|e| panic!("list {}: {e}", dir.display()));
        for entry in entries {
            let path = entry.expect("read a folder entry").path();
            if path.is_dir() {
                walk(base, &path, out);
            } else {
                let rel = path.strip_prefix(base).expect("below the base folder");
                out.push(rel.to_string_lossy().replace('\\', "/"));
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out);
    out.sort();
    out
}

/// Every file below `dir` with its bytes: compare two of these to compare two folders.
pub fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    files(dir)
        .into_iter()
        .map(|rel| {
            let bytes = std::fs::read(dir.join(&rel)).unwrap_or_else(|e| panic!("read {rel}: {e}"));
            (rel, bytes)
        })
        .collect()
}

/// The differences between two snapshots, one line each (empty when equal).
pub fn diff(a: &BTreeMap<String, Vec<u8>>, b: &BTreeMap<String, Vec<u8>>) -> Vec<String> {
    let mut out = Vec::new();
    for (rel, bytes) in a {
        match b.get(rel) {
            None => out.push(format!("only in the first: {rel}")),
            Some(other) if other != bytes => out.push(format!("differs: {rel}")),
            Some(_) => {}
        }
    }
    for rel in b.keys() {
        if !a.contains_key(rel) {
            out.push(format!("only in the second: {rel}"));
        }
    }
    out
}

/// Copy the folder `from` to `to` (created).
pub fn copy_dir(from: &Path, to: &Path) {
    for rel in files(from) {
        let dest = to.join(&rel);
        if let Some(parent) = dest.parent() {
            std::fs::create_dir_all(parent).expect("create a folder");
        }
        std::fs::copy(from.join(&rel), &dest).unwrap_or_else(|e| panic!("copy {rel}: {e}"));
    }
}

/// The HTML files of a built site, relative to it.
pub fn html_files(out: &Path) -> Vec<String> {
    files(out)
        .into_iter()
        .filter(|f| f.ends_with(".html"))
        .collect()
}

pub fn sel(css: &str) -> Selector {
    Selector::parse(css).unwrap_or_else(|e| panic!("bad selector {css}: {e}"))
}

/// The text of an element, whitespace collapsed.
pub fn text(el: scraper::ElementRef<'_>) -> String {
    el.text()
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Write `text` to `path`, making its folders.
pub fn write_file(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().expect("a parent")).expect("create a folder");
    std::fs::write(path, text).expect("write a file");
}

/// The `href`s of the elements matching `css` below `el`.
pub fn hrefs(el: scraper::ElementRef<'_>, css: &str) -> Vec<String> {
    el.select(&sel(css))
        .filter_map(|a| a.value().attr("href"))
        .map(str::to_owned)
        .collect()
}

/// One diagnostic as printed on stderr.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Printed {
    /// `error` or `warning`.
    pub severity: String,
    pub message: String,
    /// `file:line:col` from the ` --> ` line, if the diagnostic has one.
    pub place: Option<String>,
    pub help: Option<String>,
}

/// The diagnostics printed on stderr, in order, without the closing summary line.
pub fn printed(stderr: &str) -> Vec<Printed> {
    let mut out: Vec<Printed> = Vec::new();
    for line in stderr.lines() {
        let head = line
            .strip_prefix("error: ")
            .map(|m| ("error", m))
            .or_else(|| line.strip_prefix("warning: ").map(|m| ("warning", m)));
        if let Some((severity, message)) = head {
            if message.starts_with("the site has ") {
                continue;
            }
            out.push(Printed {
                severity: severity.to_owned(),
                message: message.to_owned(),
                place: None,
                help: None,
            });
            continue;
        }
        let Some(last) = out.last_mut() else { continue };
        let trimmed = line.trim_start();
        if let Some(place) = trimmed.strip_prefix("--> ") {
            if last.place.is_none() {
                last.place = Some(place.trim().to_owned());
            }
        } else if let Some(help) = trimmed.strip_prefix("help: ") {
            last.help = Some(help.to_owned());
        }
    }
    out
}

/// The closing line of a failed run: `error: the site has N errors and M warnings; …`.
pub fn summary(stderr: &str) -> Option<String> {
    stderr
        .lines()
        .find(|l| l.starts_with("error: the site has "))
        .map(str::to_owned)
}
