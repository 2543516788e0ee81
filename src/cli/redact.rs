//! `lianluo redact [SITE] [--write]`: show, as a diff, the masks the privacy guard suggests
//! for every piece of personal data in suggestion and activity text, and apply them to the
//! source files only with `--write`. Each hit is replaced at the bytes the build found it at
//! (a number split over lines or disguised with Markdown included), so `--write` masks
//! whatever the build refuses. The diff's removed lines are themselves masked, so the
//! terminal log never shows the data either.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::Failure;
use crate::model::guard::{self, Hit};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The site folder (with site.yaml)
    site: Option<PathBuf>,
    /// Apply the masks to the files (without it, only show them)
    #[arg(long)]
    write: bool,
}

pub fn run(args: Args) -> Result<(), Failure> {
    let site = super::site_dir(args.site);
    let (sources, _) = crate::sources::load(&site).map_err(|d| {
        super::print(&site, &d);
        Failure::Content(d)
    })?;
    let extra: Vec<String> = sources
        .site
        .raw
        .privacy
        .allow
        .iter()
        .map(|t| t.0.clone())
        .collect();
    let allow = guard::allow_list(&sources, &extra);
    let hits = guard::hits(&sources, &allow);
    let mut by_file: BTreeMap<Arc<Path>, Vec<Hit>> = BTreeMap::new();
    for h in hits {
        by_file.entry(Arc::clone(&h.span.file)).or_default().push(h);
    }
    let mut changed = 0;
    let mut applied = 0;
    for (file, hits) in &by_file {
        let path = site.join(&**file);
        let text = std::fs::read_to_string(&path)
            .map_err(|e| Failure::Other(format!("{}: {e}", path.display())))?;
        let (new_text, lines) = apply(&text, hits);
        if lines.is_empty() {
            continue;
        }
        changed += 1;
        println!("--- {}\n+++ {} (masked)", file.display(), file.display());
        for (n, old, new) in &lines {
            println!("@@ line {n} @@\n-{}\n+{new}", mask_line(old));
        }
        applied += hits.len();
        if args.write {
            std::fs::write(&path, new_text)
                .map_err(|e| Failure::Other(format!("{}: {e}", path.display())))?;
        }
    }
    let verb = if args.write { "masked" } else { "would mask" };
    eprintln!(
        "{verb} {applied} pieces of personal data in {changed} files{}",
        if args.write || applied == 0 {
            ""
        } else {
            "; run with --write to apply"
        }
    );
    Ok(())
}

/// Replace each hit at its place in `text`. Returns the new text and the changed lines
/// (number, old, new).
fn apply(text: &str, hits: &[Hit]) -> (String, Vec<(u32, String, String)>) {
    let line_starts: Vec<usize> = std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .collect();
    // Byte ranges to replace, found near each hit's line and column.
    let mut edits: Vec<(usize, usize, &str)> = Vec::new();
    for h in hits {
        if let Some(r) = &h.source
            && text.get(r.clone()).is_some()
        {
            edits.push((r.start, r.end, &h.replacement));
            continue;
        }
        let Some(&start) = line_starts.get(h.span.line.saturating_sub(1) as usize) else {
            continue;
        };
        let end = line_starts
            .get(h.span.line as usize)
            .copied()
            .unwrap_or(text.len());
        let line = &text[start..end];
        let near = line
            .char_indices()
            .nth((h.span.col as usize).saturating_sub(4))
            .map_or(0, |(i, _)| i);
        let at = line[near..]
            .find(&h.matched)
            .map(|i| near + i)
            .or_else(|| line.find(&h.matched));
        if let Some(i) = at {
            edits.push((start + i, start + i + h.matched.len(), &h.replacement));
        }
    }
    edits.sort_unstable();
    edits.dedup_by(|b, a| b.0 < a.1);
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for (s, e, r) in &edits {
        out.push_str(&text[last..*s]);
        out.push_str(r);
        last = *e;
    }
    out.push_str(&text[last..]);
    let old_lines: Vec<&str> = text.lines().collect();
    let new_lines: Vec<&str> = out.lines().collect();
    let changed = old_lines
        .iter()
        .zip(&new_lines)
        .enumerate()
        .filter(|(_, (a, b))| a != b)
        .map(|(i, (a, b))| (i as u32 + 1, (*a).to_owned(), (*b).to_owned()))
        .collect();
    (out, changed)
}

fn mask_line(line: &str) -> String {
    crate::diag::mask_line(line)
}
