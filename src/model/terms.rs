//! Terms (届) of each level's congress, from `terms:` in site.yaml, and the one lookup every
//! later stage uses: which term a deputy serves and the dates "this term" (本届) covers.
//!
//! A level's terms are either a name alone (`county: 十八届`: the current term, no dates, as
//! before terms had dates) or a list with `start`, `end` and at most one `current: true`;
//! without a mark the term that starts last is current. Dates must be real, end after they
//! start and not overlap; every problem is reported at its place in site.yaml.

use std::collections::BTreeMap;

use jiff::civil::Date;

use super::Model;
use super::check::Checker;
use crate::diag::Diagnostic;
use crate::sources::At;
use crate::sources::raw::RawTerms;
use crate::vocab::Level;

/// One term of a level's congress.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    pub name: String,
    /// The first day; `None` for a term given by name alone.
    pub start: Option<Date>,
    /// The last day; `None` while open-ended.
    pub end: Option<Date>,
    pub current: bool,
}

impl Term {
    /// Whether `day` lies in the term (a term without dates holds every day).
    pub fn holds(&self, day: Date) -> bool {
        self.start.is_none_or(|s| s <= day) && self.end.is_none_or(|e| day <= e)
    }
}

/// Every level's terms, in date order.
pub type Terms = BTreeMap<Level, Vec<Term>>;

/// Validate `terms:` of site.yaml.
pub fn validate(raw: &indexmap::IndexMap<Level, At<RawTerms>>, ck: &mut Checker<'_>) -> Terms {
    let mut out = Terms::new();
    for (&level, terms) in raw {
        let list = match &terms.value {
            RawTerms::Name(name) => vec![Term {
                name: name.0.trim().to_owned(),
                start: None,
                end: None,
                current: true,
            }],
            RawTerms::List(list) => {
                let mut v: Vec<(Term, &At<crate::sources::Text>)> = Vec::new();
                let mut marked = 0;
                for t in list {
                    let name = ck.named(&t.name);
                    if v.iter().any(|(x, _)| x.name == name) {
                        ck.error(
                            &t.name,
                            format!("the {} term `{name}` is listed twice", level.as_str()),
                            "give every term its own name (十二届, 十三届 …)",
                        );
                        continue;
                    }
                    let start = ck.date(&t.start);
                    let end = t.end.as_ref().and_then(|e| ck.date(e));
                    if let (Some(s), Some(e), Some(at)) = (start, end, t.end.as_ref())
                        && e <= s
                    {
                        ck.error(
                            at,
                            format!("the term `{name}` ends on {e}, before it starts on {s}"),
                            "a term's `end:` is its last day, after `start:`",
                        );
                    }
                    let current = t.current.as_ref().is_some_and(|c| c.value);
                    if current {
                        marked += 1;
                        if marked > 1
                            && let Some(at) = &t.current
                        {
                            ck.error(
                                at,
                                format!("two {} terms are marked `current: true`", level.as_str()),
                                "mark only the term now sitting as current",
                            );
                        }
                    }
                    v.push((
                        Term {
                            name,
                            start,
                            end,
                            current: current && marked == 1,
                        },
                        &t.start,
                    ));
                }
                v.sort_by_key(|(t, _)| t.start);
                for w in v.windows(2) {
                    let (a, b) = (&w[0].0, &w[1].0);
                    if let (Some(b_start), true) = (b.start, a.start.is_some())
                        && a.end.is_none_or(|e| b_start <= e)
                    {
                        ck.push(
                            Diagnostic::error(
                                ck.span(w[1].1),
                                format!(
                                    "the {} terms `{}` and `{}` overlap",
                                    level.as_str(),
                                    a.name,
                                    b.name
                                ),
                            )
                            .hint(format!(
                                "`{}` must end before `{}` starts: give `{}` an `end:` before {b_start}",
                                a.name, b.name, a.name
                            )),
                        );
                    }
                }
                let mut v: Vec<Term> = v.into_iter().map(|(t, _)| t).collect();
                if marked == 0
                    && let Some(last) = v.last_mut()
                {
                    last.current = true;
                }
                v
            }
        };
        if list.is_empty() {
            ck.error(
                terms,
                format!("the {} terms are an empty list", level.as_str()),
                "list the terms, or leave the level out",
            );
        }
        out.insert(level, list);
    }
    out
}

/// The current term of a level.
pub fn current(terms: &Terms, level: Level) -> Option<&Term> {
    terms.get(&level)?.iter().find(|t| t.current)
}

/// A level's term by name.
pub fn named<'a>(terms: &'a Terms, level: Level, name: &str) -> Option<&'a Term> {
    terms.get(&level)?.iter().find(|t| t.name == name)
}

/// The term deputy `d` serves (or served): the one its `term:` names, else the current one.
pub fn of_deputy(model: &Model, d: u32) -> Option<&Term> {
    let dep = model.deputies.get(d as usize)?;
    match &dep.term {
        Some(name) => named(&model.config.terms, dep.level, name),
        None => current(&model.config.terms, dep.level),
    }
}

/// The days "this term" (本届) covers for a deputy's figures, both included, up to the day
/// before the as-of date: the term's dates when it has them, `fallback` (the fixed window of
/// a site without term dates) otherwise. `None` when the term starts after the as-of date.
pub fn window(model: &Model, d: u32, fallback: Option<(Date, Date)>) -> Option<(Date, Date)> {
    let Some(term) = of_deputy(model, d) else {
        return fallback;
    };
    term_window(term, model.as_of, fallback)
}

/// The current term's window of a level (what a site "this term" means for that level).
pub fn current_window(
    model: &Model,
    level: Level,
    fallback: Option<(Date, Date)>,
) -> Option<(Date, Date)> {
    match current(&model.config.terms, level) {
        Some(t) => term_window(t, model.as_of, fallback),
        None => fallback,
    }
}

fn term_window(term: &Term, as_of: Date, fallback: Option<(Date, Date)>) -> Option<(Date, Date)> {
    let Some(start) = term.start else {
        return fallback;
    };
    let yesterday = as_of.yesterday().ok()?;
    let end = term.end.map_or(yesterday, |e| e.min(yesterday));
    (start <= end).then_some((start, end))
}

/// Whether a deputy's term has ended: such deputies stay published as an archive but are
/// nobody's current representative.
pub fn is_archived(terms: &Terms, level: Level, term: Option<&str>) -> bool {
    let Some(name) = term else { return false };
    named(terms, level, name).is_some_and(|t| !t.current)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        s.parse().expect("a date")
    }

    #[test]
    fn a_window_is_clamped_to_the_day_before_the_as_of_date() {
        let t = Term {
            name: "十二届".into(),
            start: Some(d("2013-03-05")),
            end: Some(d("2018-03-04")),
            current: false,
        };
        assert_eq!(
            term_window(&t, d("2025-09-20"), None),
            Some((d("2013-03-05"), d("2018-03-04")))
        );
        assert_eq!(
            term_window(&t, d("2015-01-01"), None),
            Some((d("2013-03-05"), d("2014-12-31")))
        );
        assert_eq!(term_window(&t, d("2013-03-05"), None), None);
        let named = Term {
            name: "十八届".into(),
            start: None,
            end: None,
            current: true,
        };
        let fallback = Some((d("2023-09-20"), d("2025-09-19")));
        assert_eq!(term_window(&named, d("2025-09-20"), fallback), fallback);
    }
}
