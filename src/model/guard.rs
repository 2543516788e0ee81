//! The privacy guard: the build refuses to publish personal data in suggestion or activity
//! text. Every published free text is scanned by [`crate::privacy`]; each finding becomes an
//! error at its place, with the match masked (the log must not leak it either) and the
//! replacement to use. A record with `privacy: { reviewed: true, reason }` is published as
//! it is, and listed as an accepted review in every build.

use rayon::prelude::*;

use crate::diag::{Diagnostic, Span};
use crate::markdown::line_col;
use crate::privacy::{self, Allow, Kind};
use crate::sources::raw::{RawActivity, RawSuggestion};
use crate::sources::{At, Doc, Item, Origin, Sources, Text};

/// What may be published: the published numbers of deputies and stations, site.yaml's
/// `privacy.allow`, and the deputies' own names.
pub fn allow_list(sources: &Sources, extra: &[String]) -> Allow {
    let mut allow = Allow::new();
    for w in extra {
        allow.word(w);
        if w.chars().filter(char::is_ascii_digit).count() >= 5 {
            allow.number(w);
        }
    }
    for d in &sources.deputies {
        allow.person(d.raw.name.value.as_str());
        if let Some(c) = &d.raw.contact {
            for v in [&c.phone, &c.mobile, &c.fax].into_iter().flatten() {
                for n in v.value.clone().into_vec() {
                    allow.number(n.as_str());
                }
            }
            for o in &c.other {
                allow.number(o.value.value.as_str());
            }
        }
    }
    for s in &sources.stations {
        if let Some(p) = &s.raw.phone {
            allow.number(p.value.as_str());
        }
    }
    allow
}

fn finding_diag(span: Span, text: &str, f: &privacy::Finding, field: &str) -> Diagnostic {
    let matched = &text[f.start..f.end];
    Diagnostic::error(span, format!("{} in {field}: `{}` is personal data and must not be published", f.kind.label_zh(), privacy::mask_for_log(matched, f.kind)))
        .hint(format!(
            "replace it with `{}`{}; if you have checked it and it must be published as it is, add `privacy: {{ reviewed: true, reason: \"…\" }}` to this record",
            f.replacement,
            match f.kind {
                Kind::Name => " (keep the surname, write 某 for the given name)",
                Kind::Address => " (cut the address to the village, community or road)",
                _ => "",
            }
        ))
        .sensitive()
}

/// Findings in a one-line YAML value, located at the value's line and the match's column.
fn scan_value(
    allow: &Allow,
    origin: &Origin,
    at: &At<Text>,
    field: &str,
    out: &mut Vec<Diagnostic>,
) {
    let text = at.value.as_str();
    for f in privacy::scan(text, allow) {
        let (line, col) = line_col(text, f.start);
        let span = if line == 1 {
            origin.line(at.line, at.col + col - 1)
        } else {
            origin.line(at.line + line - 1, col)
        };
        out.push(finding_diag(span, text, &f, field));
    }
}

fn accepted(span: Span, reason: &str) -> Diagnostic {
    Diagnostic::warning(
        span,
        format!("privacy review accepted: published as written ({reason})"),
    )
    .hint("remove the `privacy:` review once the text is masked")
}

fn suggestion(allow: &Allow, doc: &Doc<RawSuggestion>) -> Vec<Diagnostic> {
    let r = &doc.raw;
    if let Some(p) = &r.privacy
        && p.value.reviewed
    {
        let reason = p.value.reason.as_ref().map_or("", |t| t.as_str());
        return vec![accepted(doc.origin.at(&r.id), reason)];
    }
    let mut out = Vec::new();
    scan_value(allow, &doc.origin, &r.summary, "the summary", &mut out);
    if let Some(reply) = &r.reply {
        scan_value(allow, &doc.origin, reply, "the reply", &mut out);
    }
    for h in &r.history {
        if let Some(note) = &h.value.note {
            scan_value(allow, &doc.origin, note, "a history note", &mut out);
        }
    }
    out
}

fn activity(allow: &Allow, item: &Item<RawActivity>) -> Vec<Diagnostic> {
    let r = &item.raw;
    if let Some(p) = &r.privacy
        && p.value.reviewed
    {
        let reason = p.value.reason.as_ref().map_or("", |t| t.as_str());
        return vec![accepted(item.origin.start(), reason)];
    }
    let mut out = Vec::new();
    scan_value(allow, &item.origin, &r.title, "the title", &mut out);
    let body = &item.body.text;
    for f in privacy::scan(body, allow) {
        let (line, col) = line_col(body, f.start);
        let span = Span::new(&item.origin.file, item.body.line + line - 1, col);
        out.push(finding_diag(span, body, &f, "the report"));
    }
    out
}

/// Scan every published free text of the site.
pub fn scan(sources: &Sources, allow: &Allow) -> Vec<Diagnostic> {
    let mut out: Vec<Diagnostic> = sources
        .suggestions
        .par_iter()
        .flat_map_iter(|d| suggestion(allow, d))
        .collect();
    out.extend(
        sources
            .activities
            .par_iter()
            .flat_map_iter(|i| activity(allow, i))
            .collect::<Vec<_>>(),
    );
    out
}
