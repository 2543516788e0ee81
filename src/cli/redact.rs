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
        if h.span.cell.is_some() {
            // A spreadsheet is not text: the office masks the cell in Excel or WPS.
            eprintln!(
                "{}: {} — mask it in the spreadsheet itself",
                crate::escape::terminal(&h.span.to_string()),
                crate::privacy::mask_for_log(&h.matched, h.kind)
            );
            continue;
        }
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
            println!("@@ line {n} @@");
            for l in old.lines() {
                println!("-{}", mask_line(l));
            }
            for l in new.lines() {
                println!("+{l}");
            }
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

/// A byte range of the file and what replaces it.
type Edit<'a> = (usize, usize, &'a str);

/// Replace each hit at its place in `text`. Returns the new text and the changed lines as
/// hunks (first line number, old lines, new lines): a hit split over lines makes one hunk.
fn apply(text: &str, hits: &[Hit]) -> (String, Vec<(u32, String, String)>) {
    let line_starts: Vec<usize> = std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .collect();
    // Byte ranges to replace, found near each hit's line and column.
    let mut edits: Vec<Edit<'_>> = Vec::new();
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
    let line_of = |at: usize| line_starts.partition_point(|&s| s <= at) - 1;
    let line_end = |line: usize| {
        line_starts
            .get(line + 1)
            .map_or(text.len(), |&next| next - 1)
    };
    // Hunks: runs of edits whose lines touch, each with the lines it spans.
    let mut hunks: Vec<(usize, usize, Vec<Edit<'_>>)> = Vec::new();
    for &(s, e, r) in &edits {
        let (first, last) = (line_of(s), line_of(e.saturating_sub(1).max(s)));
        match hunks.last_mut() {
            Some((_, hunk_last, list)) if first <= *hunk_last => {
                *hunk_last = (*hunk_last).max(last);
                list.push((s, e, r));
            }
            _ => hunks.push((first, last, vec![(s, e, r)])),
        }
    }
    let mut out = String::with_capacity(text.len());
    let mut changed = Vec::new();
    let mut last = 0;
    for (first, last_line, list) in &hunks {
        let (from, to) = (line_starts[*first], line_end(*last_line));
        let mut new = String::new();
        let mut at = from;
        for (s, e, r) in list {
            new.push_str(&text[at..*s]);
            new.push_str(r);
            at = *e;
        }
        new.push_str(&text[at..to]);
        out.push_str(&text[last..from]);
        out.push_str(&new);
        last = to;
        changed.push((*first as u32 + 1, text[from..to].to_owned(), new));
    }
    out.push_str(&text[last..]);
    (out, changed)
}

fn mask_line(line: &str) -> String {
    crate::diag::mask_line(line)
}
