//! The privacy guard: the build refuses to publish personal data in suggestion or activity
//! text. Every published free text is scanned by [`crate::privacy`] — a suggestion's
//! category, summary, reply and history notes, an activity's title and report (as typed and
//! as Markdown renders it), and the strings of both records' `extra` data —; each finding
//! becomes an error at its place, with the match masked (the log must not leak it either)
//! and the replacement to use. The place is found in the file itself, so a hit inside a
//! folded (`>`) or continued YAML string, or split over lines, is reported on its own line
//! and `redact --write` masks exactly the bytes the build refused. A record with
//! `privacy: { reviewed: true, reason }` is published as it is, and listed as an accepted
//! review in every build.

use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

use rayon::prelude::*;

use crate::diag::{Diagnostic, Span};
use crate::markdown::line_col;
use crate::privacy::{self, Allow, Kind};
use crate::sources::raw::{RawActivity, RawDeputy, RawGuest, RawStation, RawSuggestion};
use crate::sources::{At, Doc, Item, Origin, Sources, Text};

/// What may be published: the published numbers of deputies and stations, site.yaml's
/// `privacy.allow`, the deputies' own names, the names of guests with their office (public
/// office holders at receptions and activities), and the stations' own addresses.
pub fn allow_list(sources: &Sources, extra: &[String]) -> Allow {
    let mut allow = Allow::new();
    for d in &sources.deputies {
        allow_deputy(&mut allow, &d.raw);
    }
    allow_others(sources, extra, allow)
}

/// Allow what a deputy publishes: the name in every language, and each number and address
/// of the contact. Called as each deputy is converted (the model holds no list of raw
/// deputies to read them from afterwards).
pub(crate) fn allow_deputy(allow: &mut Allow, d: &RawDeputy) {
    for name in d.name.value.texts() {
        allow.person(name);
    }
    if let Some(c) = &d.contact {
        for v in [&c.phone, &c.mobile, &c.fax].into_iter().flatten() {
            for n in v.value.clone().into_vec() {
                allow.number(n.as_str());
            }
        }
        for v in [&c.email, &c.wechat, &c.website, &c.mailbox]
            .into_iter()
            .flatten()
        {
            for w in v.value.clone().into_vec() {
                allow.word(w.as_str());
            }
        }
        for o in &c.other {
            allow.word(o.value.value.as_str());
        }
    }
}

/// [`allow_list`] but for the deputies, already in `allow` ([`allow_deputy`]).
pub(crate) fn allow_others(sources: &Sources, extra: &[String], mut allow: Allow) -> Allow {
    for w in extra {
        allow.word(w);
        if w.chars().filter(char::is_ascii_digit).count() >= 5 {
            allow.number(w);
        }
    }
    // Guests are public office holders named with their office: their names are published.
    let guests = sources.activities.iter().flat_map(|a| &a.raw.guests).chain(
        sources
            .stations
            .iter()
            .flat_map(|s| &s.raw.receptions)
            .flat_map(|r| &r.value.guests),
    );
    for g in guests {
        if g.value.role.is_some() || g.value.level.is_some() {
            allow.person(g.value.name.value.as_str());
        }
    }
    for s in &sources.stations {
        if let Some(p) = &s.raw.phone {
            allow.number(p.value.as_str());
        }
        if let Some(a) = &s.raw.address {
            for a in a.value.texts() {
                allow.address(a);
            }
        }
    }
    allow
}

/// One piece of personal data found in a published text.
#[derive(Debug, Clone)]
pub struct Hit {
    pub span: Span,
    pub kind: Kind,
    pub matched: String,
    pub replacement: String,
    pub field: &'static str,
    /// The bytes of the file that hold the match, when they could be found.
    pub source: Option<Range<usize>>,
}

impl Hit {
    fn diagnostic(&self) -> Diagnostic {
        let f = &self.field;
        if self.span.cell.is_some() {
            return Diagnostic::error(self.span.clone(), format!("{} in {f}: `{}` is personal data and must not be published", self.kind.label_zh(), privacy::mask_for_log(&self.matched, self.kind)))
                .hint(format!(
                    "{} in the cell; if you have checked it and it must be published as it is, write 是 in a column `隐私已审核` and the reason in a column `审核说明`",
                    if self.replacement.is_empty() {
                        "delete it".to_string()
                    } else {
                        format!("replace it with `{}`", self.replacement)
                    }
                ))
                .sensitive();
        }
        Diagnostic::error(self.span.clone(), format!("{} in {f}: `{}` is personal data and must not be published", self.kind.label_zh(), privacy::mask_for_log(&self.matched, self.kind)))
            .hint(format!(
                "{}{}, or run `lianluo redact --write`; if you have checked it and it must be published as it is, add `privacy: {{ reviewed: true, reason: \"…\" }}` to this record",
                if self.replacement.is_empty() {
                    "delete it".to_string()
                } else {
                    format!("replace it with `{}`", self.replacement)
                },
                match self.kind {
                    Kind::Name => " (keep the surname, write 某 for the given name)",
                    Kind::Address => " (cut the address to the village, community or road)",
                    _ => "",
                }
            ))
            .sensitive()
    }
}

/// What scanning one record gives: hits (not yet placed in their file), or the editor's
/// accepted review.
#[derive(Debug)]
enum Outcome {
    Hit(Unplaced),
    Accepted(Span, String),
}

/// A finding in a text, before it is placed in its file: where the text starts, the text
/// and the finding.
#[derive(Debug)]
struct Unplaced {
    file: Arc<Path>,
    line: u32,
    col: u32,
    text: String,
    finding: privacy::Finding,
    field: &'static str,
    /// A spreadsheet cell: the place is the cell itself, there are no bytes to look for.
    cell: Option<Span>,
}

/// The files that hold hits, each read once (after the scan, which finds them), to place
/// the hits in them.
#[derive(Default)]
struct Files {
    read: std::collections::HashMap<Arc<Path>, Arc<str>>,
}

impl Files {
    fn read(root: &Path, names: impl Iterator<Item = Arc<Path>>) -> Self {
        let mut read = std::collections::HashMap::new();
        for name in names {
            if read.contains_key(&name) {
                continue;
            }
            if let Ok(text) = std::fs::read_to_string(root.join(&*name)) {
                read.insert(name, Arc::from(text));
            }
        }
        Files { read }
    }

    fn get(&self, file: &Arc<Path>) -> Option<Arc<str>> {
        self.read.get(file).cloned()
    }
}

/// Where a text of a record sits: its file and the 1-based line and column it starts at.
struct Place<'a> {
    file: &'a Arc<Path>,
    line: u32,
    col: u32,
}

/// The byte offset of the 1-based `line`, `col` in `source`.
fn offset_of(source: &str, line: u32, col: u32) -> Option<usize> {
    let mut start = 0;
    for _ in 1..line {
        start += source.get(start..)?.find('\n')? + 1;
    }
    let skip = col.saturating_sub(1) as usize;
    let line_text = source.get(start..)?;
    Some(start + line_text.char_indices().nth(skip).map_or(0, |(i, _)| i))
}

/// The bytes of `source`, from `from` on, that hold `value[start..end]`: the value is
/// walked alongside the source, a space in the value taking any run of spaces and line
/// breaks (a folded line), other characters skipping at most a few of YAML's own (quotes,
/// escapes, the `>` or `|` of a block).
fn align(source: &str, from: usize, value: &str, start: usize, end: usize) -> Option<Range<usize>> {
    let mut p = from;
    let mut found_start = None;
    for (k, v) in value.char_indices() {
        if k >= end {
            break;
        }
        let tail = source.get(p..)?;
        if v.is_whitespace() && tail.starts_with(char::is_whitespace) {
            let n = tail
                .find(|c: char| !c.is_whitespace())
                .unwrap_or(tail.len());
            if k == start {
                found_start = Some(p);
            }
            p += n;
            continue;
        }
        let (skip, c) = tail.char_indices().take(8).find(|(_, c)| *c == v)?;
        if k == start {
            found_start = Some(p + skip);
        }
        p += skip + c.len_utf8();
    }
    Some(found_start?..p)
}

/// Whether two texts differ only in whitespace.
fn same_but_spaces(a: &str, b: &str) -> bool {
    a.chars()
        .filter(|c| !c.is_whitespace())
        .eq(b.chars().filter(|c| !c.is_whitespace()))
}

/// A finding `f` in `text`, to be placed in its file once the scan is done.
fn unplaced(place: &Place<'_>, text: &str, f: &privacy::Finding, field: &'static str) -> Outcome {
    Outcome::Hit(Unplaced {
        file: Arc::clone(place.file),
        line: place.line,
        col: place.col,
        text: text.to_owned(),
        finding: f.clone(),
        field,
        cell: None,
    })
}

/// A hit placed in its file.
fn place_hit(files: &Files, hit: Unplaced) -> Hit {
    let Unplaced {
        file,
        line,
        col,
        text,
        finding,
        field,
        cell,
    } = hit;
    let (text, f) = (text.as_str(), &finding);
    if let Some(span) = cell {
        return Hit {
            span,
            kind: f.kind,
            matched: text[f.start..f.end].to_owned(),
            replacement: f.replacement.clone(),
            field,
            source: None,
        };
    }
    let place = Place {
        file: &file,
        line,
        col,
    };
    let matched = &text[f.start..f.end];
    let source = files.get(place.file).and_then(|src| {
        let from = offset_of(&src, place.line, place.col)?;
        let range = align(&src, from, text, f.start, f.end)
            .filter(|r| {
                src.get(r.clone())
                    .is_some_and(|s| same_but_spaces(s, matched))
            })
            .or_else(|| {
                let k = src.get(from..)?.find(matched)?;
                Some(from + k..from + k + matched.len())
            })?;
        let (line, col) = line_col(&src, range.start);
        Some((range, line, col))
    });
    let (span, source) = match source {
        Some((range, line, col)) => (Span::new(place.file, line, col), Some(range)),
        None => {
            let (line, col) = line_col(text, f.start);
            let col = if line == 1 { place.col + col - 1 } else { col };
            (Span::new(place.file, place.line + line - 1, col), None)
        }
    };
    Hit {
        span,
        kind: f.kind,
        matched: matched.to_owned(),
        replacement: f.replacement.clone(),
        field,
        source,
    }
}

/// What one record's texts are scanned with.
struct Scan<'a> {
    allow: &'a Allow,
}

impl Scan<'_> {
    /// Findings in a YAML value, located at the match's line and column.
    fn value(&self, origin: &Origin, at: &At<Text>, field: &'static str, out: &mut Vec<Outcome>) {
        let text = at.value.as_str();
        let found = privacy::scan(text, self.allow);
        if found.is_empty() {
            return;
        }
        let start = origin.at(at);
        if start.cell.is_some() {
            for f in found {
                out.push(Outcome::Hit(Unplaced {
                    file: Arc::clone(&origin.file),
                    line: start.line,
                    col: start.col,
                    text: text.to_owned(),
                    finding: f,
                    field,
                    cell: Some(start.clone()),
                }));
            }
            return;
        }
        let place = Place {
            file: &origin.file,
            line: start.line,
            col: start.col,
        };
        for f in found {
            out.push(unplaced(&place, text, &f, field));
        }
    }

    /// Findings in the strings of a record's `extra` data, looked for from the record's start.
    fn extra(&self, origin: &Origin, extra: Option<&serde_json::Value>, out: &mut Vec<Outcome>) {
        let Some(extra) = extra else { return };
        let start = origin.start();
        let place = Place {
            file: &origin.file,
            line: start.line,
            col: 1,
        };
        let mut stack = vec![extra];
        while let Some(v) = stack.pop() {
            match v {
                serde_json::Value::String(text) => {
                    for f in privacy::scan(text, self.allow) {
                        out.push(unplaced(&place, text, &f, "the extra data"));
                    }
                }
                serde_json::Value::Array(a) => stack.extend(a),
                serde_json::Value::Object(o) => stack.extend(o.values()),
                _ => {}
            }
        }
    }
}

fn reviewed(p: Option<&At<crate::sources::raw::RawPrivacyReview>>) -> Option<String> {
    let p = p?;
    p.value.reviewed.then(|| {
        p.value
            .reason
            .as_ref()
            .map_or_else(String::new, |t| t.as_str().to_owned())
    })
}

fn suggestion(scan: &Scan<'_>, doc: &Doc<RawSuggestion>) -> Vec<Outcome> {
    let r = &doc.raw;
    if let Some(reason) = reviewed(r.privacy.as_ref()) {
        return vec![Outcome::Accepted(doc.origin.at(&r.id), reason)];
    }
    let mut out = Vec::new();
    let o = &doc.origin;
    if let Some(category) = &r.category {
        scan.value(o, category, "the category", &mut out);
    }
    scan.value(o, &r.summary, "the summary", &mut out);
    if let Some(reply) = &r.reply {
        scan.value(o, reply, "the reply", &mut out);
    }
    for h in &r.history {
        if let Some(note) = &h.value.note {
            scan.value(o, note, "a history note", &mut out);
        }
    }
    scan.extra(o, r.extra.as_ref(), &mut out);
    out
}

fn activity(scan: &Scan<'_>, item: &Item<RawActivity>) -> Vec<Outcome> {
    let r = &item.raw;
    if let Some(reason) = reviewed(r.privacy.as_ref()) {
        return vec![Outcome::Accepted(item.origin.start(), reason)];
    }
    let mut out = Vec::new();
    for title in r.title.value.texts() {
        let at = At::new(Text(title.to_owned()), r.title.line, r.title.col);
        scan.value(&item.origin, &at, "the title", &mut out);
    }
    let body = &item.body.text;
    let place = Place {
        file: &item.origin.file,
        line: item.body.line,
        col: 1,
    };
    for f in privacy::scan_markdown(body, scan.allow) {
        match &item.origin.row {
            // A report read from a spreadsheet cell: the place is the cell.
            Some(row) => {
                let cell = item.body.cells.first().map_or_else(
                    || item.origin.start(),
                    |&(_, col)| item.origin.line(row.row, col),
                );
                out.push(Outcome::Hit(Unplaced {
                    file: Arc::clone(&item.origin.file),
                    line: item.body.line,
                    col: 1,
                    text: body.to_owned(),
                    finding: f,
                    field: "the report",
                    cell: Some(cell),
                }))
            }
            None => out.push(unplaced(&place, body, &f, "the report")),
        }
    }
    // The report in other languages (`<file>.en.md`) is published too.
    for (_, translated) in &item.bodies {
        let place = Place {
            file: translated.file.as_ref().unwrap_or(&item.origin.file),
            line: translated.line,
            col: 1,
        };
        for f in privacy::scan_markdown(&translated.text, scan.allow) {
            out.push(unplaced(&place, &translated.text, &f, "the report"));
        }
    }
    guests(scan, &item.origin, &r.guests, &mut out);
    scan.extra(&item.origin, r.extra.as_ref(), &mut out);
    out
}

/// The texts of a `Localized` value, each at the value's place.
fn each_text(value: &At<crate::sources::Localized>) -> impl Iterator<Item = At<Text>> + '_ {
    value
        .value
        .texts()
        .into_iter()
        .map(|text| At::new(Text(text.to_owned()), value.line, value.col))
}

/// Guests' offices (`role:`, in every language), published on pages, posters and calendars.
fn guests(scan: &Scan<'_>, origin: &Origin, guests: &[At<RawGuest>], out: &mut Vec<Outcome>) {
    for guest in guests {
        if let Some(role) = &guest.value.role {
            for text in each_text(role) {
                scan.value(origin, &text, "a guest's office", out);
            }
        }
    }
}

/// A station's reception topics, guests' offices and exception notes (the rest of a station
/// is the office's own published data: its name, address and telephone).
fn station(scan: &Scan<'_>, item: &Item<RawStation>) -> Vec<Outcome> {
    let mut out = Vec::new();
    for rule in &item.raw.receptions {
        if let Some(topic) = &rule.value.topic {
            for text in each_text(topic) {
                scan.value(&item.origin, &text, "a reception's topic", &mut out);
            }
        }
        guests(scan, &item.origin, &rule.value.guests, &mut out);
    }
    for exception in &item.raw.exceptions {
        if let Some(note) = &exception.value.note {
            let at = At::new(note.clone(), exception.line, exception.col);
            scan.value(&item.origin, &at, "an exception's note", &mut out);
        }
    }
    out
}

fn outcomes(sources: &Sources, allow: &Allow) -> Vec<Outcome> {
    let scan = Scan { allow };
    let mut out: Vec<Outcome> = sources
        .suggestions
        .par_iter()
        .flat_map_iter(|d| suggestion(&scan, d))
        .collect();
    out.extend(
        sources
            .activities
            .par_iter()
            .flat_map_iter(|i| activity(&scan, i))
            .collect::<Vec<_>>(),
    );
    out.extend(
        sources
            .stations
            .par_iter()
            .flat_map_iter(|i| station(&scan, i))
            .collect::<Vec<_>>(),
    );
    out
}

/// What the scan found, each hit placed in its file (each file that holds one read once).
fn found(sources: &Sources, allow: &Allow) -> Vec<Result<Hit, (Span, String)>> {
    let outcomes = outcomes(sources, allow);
    let files = Files::read(
        &sources.root,
        outcomes.iter().filter_map(|o| match o {
            Outcome::Hit(h) if h.cell.is_none() => Some(Arc::clone(&h.file)),
            Outcome::Hit(_) | Outcome::Accepted(..) => None,
        }),
    );
    outcomes
        .into_iter()
        .map(|o| match o {
            Outcome::Hit(h) => Ok(place_hit(&files, h)),
            Outcome::Accepted(span, reason) => Err((span, reason)),
        })
        .collect()
}

/// Every piece of personal data in the site's published texts (reviewed records excepted).
pub fn hits(sources: &Sources, allow: &Allow) -> Vec<Hit> {
    found(sources, allow)
        .into_iter()
        .filter_map(Result::ok)
        .collect()
}

/// Scan every published free text of the site: an error per hit, and a warning listing each
/// accepted review so every build shows them.
pub fn scan(sources: &Sources, allow: &Allow) -> Vec<Diagnostic> {
    found(sources, allow)
        .into_iter()
        .map(|o| match o {
            Ok(h) => h.diagnostic(),
            Err((span, reason)) => Diagnostic::warning(
                span,
                format!("privacy review accepted: published as written ({reason})"),
            )
            .hint("remove the `privacy:` review once the text is masked"),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hit_in_a_folded_string_is_placed_on_its_own_line() {
        let src = "- id: a\n  summary: >\n    路灯不亮，\n    来电人电话138\n    1234 5678。\n";
        let value = "路灯不亮， 来电人电话138 1234 5678。";
        let start = value.find("138").unwrap_or(0);
        let end = value.find('。').unwrap_or(0);
        let from = offset_of(src, 2, 12).unwrap_or(0);
        let range = align(src, from, value, start, end).expect("aligned");
        assert_eq!(&src[range.clone()], "138\n    1234 5678");
        assert_eq!(line_col(src, range.start).0, 4);
    }

    #[test]
    fn offsets_of_lines_and_columns() {
        let src = "ab\n电话x\n";
        assert_eq!(offset_of(src, 2, 2), Some(6));
        assert_eq!(offset_of(src, 9, 1), None);
        assert!(same_but_spaces("138 1234", "138\n  1234"));
    }
}
