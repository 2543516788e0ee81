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
    for s in &sources.stations {
        if let Some(p) = &s.raw.phone {
            allow.number(p.value.as_str());
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
}

impl Hit {
    fn diagnostic(&self) -> Diagnostic {
        let f = &self.field;
        Diagnostic::error(self.span.clone(), format!("{} in {f}: `{}` is personal data and must not be published", self.kind.label_zh(), privacy::mask_for_log(&self.matched, self.kind)))
            .hint(format!(
                "replace it with `{}`{}, or run `lianluo redact --write`; if you have checked it and it must be published as it is, add `privacy: {{ reviewed: true, reason: \"…\" }}` to this record",
                self.replacement,
                match self.kind {
                    Kind::Name => " (keep the surname, write 某 for the given name)",
                    Kind::Address => " (cut the address to the village, community or road)",
                    _ => "",
                }
            ))
            .sensitive()
    }
}

/// What scanning one record gives: hits, or the editor's accepted review.
#[derive(Debug)]
enum Outcome {
    Hit(Hit),
    Accepted(Span, String),
}

fn hit(span: Span, text: &str, f: &privacy::Finding, field: &'static str) -> Outcome {
    Outcome::Hit(Hit {
        span,
        kind: f.kind,
        matched: text[f.start..f.end].to_owned(),
        replacement: f.replacement.clone(),
        field,
    })
}

/// Findings in a YAML value, located at the match's line and column.
fn scan_value(
    allow: &Allow,
    origin: &Origin,
    at: &At<Text>,
    field: &'static str,
    out: &mut Vec<Outcome>,
) {
    let text = at.value.as_str();
    for f in privacy::scan(text, allow) {
        let (line, col) = line_col(text, f.start);
        let span = if line == 1 {
            origin.line(at.line, at.col + col - 1)
        } else {
            origin.line(at.line + line - 1, col)
        };
        out.push(hit(span, text, &f, field));
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

fn suggestion(allow: &Allow, doc: &Doc<RawSuggestion>) -> Vec<Outcome> {
    let r = &doc.raw;
    if let Some(reason) = reviewed(r.privacy.as_ref()) {
        return vec![Outcome::Accepted(doc.origin.at(&r.id), reason)];
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

fn activity(allow: &Allow, item: &Item<RawActivity>) -> Vec<Outcome> {
    let r = &item.raw;
    if let Some(reason) = reviewed(r.privacy.as_ref()) {
        return vec![Outcome::Accepted(item.origin.start(), reason)];
    }
    let mut out = Vec::new();
    scan_value(allow, &item.origin, &r.title, "the title", &mut out);
    let body = &item.body.text;
    for f in privacy::scan(body, allow) {
        let (line, col) = line_col(body, f.start);
        let span = Span::new(&item.origin.file, item.body.line + line - 1, col);
        out.push(hit(span, body, &f, "the report"));
    }
    out
}

fn outcomes(sources: &Sources, allow: &Allow) -> Vec<Outcome> {
    let mut out: Vec<Outcome> = sources
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

/// Every piece of personal data in the site's published texts (reviewed records excepted).
pub fn hits(sources: &Sources, allow: &Allow) -> Vec<Hit> {
    outcomes(sources, allow)
        .into_iter()
        .filter_map(|o| match o {
            Outcome::Hit(h) => Some(h),
            Outcome::Accepted(..) => None,
        })
        .collect()
}

/// Scan every published free text of the site: an error per hit, and a warning listing each
/// accepted review so every build shows them.
pub fn scan(sources: &Sources, allow: &Allow) -> Vec<Diagnostic> {
    outcomes(sources, allow)
        .into_iter()
        .map(|o| match o {
            Outcome::Hit(h) => h.diagnostic(),
            Outcome::Accepted(span, reason) => Diagnostic::warning(
                span,
                format!("privacy review accepted: published as written ({reason})"),
            )
            .hint("remove the `privacy:` review once the text is masked"),
        })
        .collect()
}
