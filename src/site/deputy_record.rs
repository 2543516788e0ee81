//! The deputy record (履职档案) on a deputy's page: receptions served, activities by kind,
//! the suggestions the deputy raised with their outcomes and figures, and whether the
//! deputy has reported back to voters (述职) this term.
//!
//! Receptions served are the past scheduled receptions with the deputy on duty (see
//! [`crate::model::record`] for the window) and the deputy's reception activities in the
//! same window; a reception reported as an activity on the day and at the station of a
//! scheduled one counts once. "This term" is the deputy's term when site.yaml gives its
//! dates ([`crate::model::terms::of_deputy`]), else the five years (one term of a people's
//! congress) up to the as-of date: [`this_term`], the one place that says so (the
//! `/report-backs/` page and its download use it too).

use std::collections::BTreeMap;

use jiff::civil::Date;
use serde::Serialize;

use super::cards::{self, ActivityCard};
use super::figures::{self, FiguresView};
use super::urls;
use crate::model::{Model, terms};
use crate::vocab::ActivityKind;

/// How many served receptions the page lists (all are counted).
const SHOWN: usize = 20;
/// The length of a term, in years.
const TERM_YEARS: i16 = 5;

/// Deputy `d`'s term (本届) as a window of dates, both ends included, never past the as-of
/// date: the dates site.yaml gives the deputy's term, else the five years up to the as-of
/// date.
pub fn this_term(model: &Model, d: u32) -> (Date, Date) {
    if let Some(term) = crate::model::terms::of_deputy(model, d)
        && let Some(start) = term.start
    {
        let end = term.end.map_or(model.as_of, |e| e.min(model.as_of));
        return (start, end);
    }
    let start = model
        .as_of
        .checked_sub(jiff::Span::new().years(TERM_YEARS))
        .unwrap_or(Date::MIN);
    (start.tomorrow().unwrap_or(start), model.as_of)
}

/// The latest report-back of deputy `d` in the current term, if any.
pub fn reported_this_term(model: &Model, d: u32) -> Option<u32> {
    let (from, to) = this_term(model, d);
    // `deputy_activities` is newest first.
    model
        .links
        .deputy_activities
        .get(d as usize)
        .map_or(&[][..], Vec::as_slice)
        .iter()
        .copied()
        .find(|&a| {
            let act = &model.activities[a as usize];
            act.kind == ActivityKind::ReportBack && from <= act.date && act.date <= to
        })
}

/// One category of an evaluation with its count.
#[derive(Debug, Serialize)]
pub struct CategoryCount<'a> {
    pub category: &'a str,
    pub count: u32,
    pub satisfied: bool,
}

/// An evaluation (测评) as pages show it: the counts, and the share satisfied
/// (satisfied categories ÷ participants) with its raw numbers.
#[derive(Debug, Serialize)]
pub struct EvaluationView<'a> {
    pub participants: u32,
    pub counts: Vec<CategoryCount<'a>>,
    pub satisfied: u32,
    /// `95.8%`
    pub share: String,
}

pub fn evaluation_view<'a>(
    model: &'a Model,
    e: &crate::model::activities::Evaluation,
) -> EvaluationView<'a> {
    let cats = &model.config.evaluation_categories;
    let counts: Vec<CategoryCount<'a>> = cats
        .iter()
        .zip(&e.counts)
        .map(|(c, &n)| CategoryCount {
            category: c,
            count: n,
            satisfied: model.config.evaluation_satisfied.contains(c),
        })
        .collect();
    let satisfied: u32 = counts.iter().filter(|c| c.satisfied).map(|c| c.count).sum();
    EvaluationView {
        participants: e.participants,
        satisfied,
        share: share(satisfied, e.participants),
        counts,
    }
}

/// `num ÷ den` as a percentage with one decimal (`95.8%`), computed in integers so every
/// platform prints the same.
pub fn share(num: u32, den: u32) -> String {
    if den == 0 {
        return "—".to_owned();
    }
    let tenths = (u64::from(num) * 1000 + u64::from(den) / 2) / u64::from(den);
    format!("{}.{}%", tenths / 10, tenths % 10)
}

/// A report-back of the deputy, with its evaluation if it has one.
#[derive(Debug, Serialize)]
pub struct ReportBackView<'a> {
    pub activity: ActivityCard<'a>,
    pub evaluation: Option<EvaluationView<'a>>,
}

#[derive(Debug, Serialize)]
pub struct ServedView<'a> {
    pub date: String,
    pub station: Option<&'a str>,
    pub station_url: Option<String>,
    /// The activity report of this reception, if there is one.
    pub activity_url: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct KindCount {
    pub kind: ActivityKind,
    pub count: usize,
}

#[derive(Debug, Serialize)]
pub struct DeputyRecord<'a> {
    pub window_from: Option<String>,
    pub window_to: Option<String>,
    pub served_total: usize,
    pub served: Vec<ServedView<'a>>,
    /// Constituents received, from the reception activities in the window.
    pub people_received: u32,
    pub kinds: Vec<KindCount>,
    /// Figures of the suggestions the deputy raised (listed by the page itself).
    pub figures: Option<FiguresView<'a>>,
    /// The latest report-back activity this term.
    pub reported_back: Option<ActivityCard<'a>>,
    /// Every report-back of the deputy, newest first, with its evaluation.
    pub report_backs: Vec<ReportBackView<'a>>,
    /// Whether one of them has an evaluation (the page then defines the share).
    pub evaluated: bool,
}

pub fn record(model: &Model, d: u32) -> DeputyRecord<'_> {
    let acts = model
        .links
        .deputy_activities
        .get(d as usize)
        .map_or(&[][..], Vec::as_slice);
    let fallback = crate::model::record::window(model.as_of);
    let window = terms::window(model, d, fallback);
    let in_window = |day: Date| window.is_some_and(|(a, b)| a <= day && day <= b);
    // (date, station) → the activity reporting it, newest first when reversed.
    let mut served: BTreeMap<(Date, Option<u32>), Option<u32>> = BTreeMap::new();
    for &(day, s) in model.accountability.past.of(d) {
        if in_window(day) {
            served.insert((day, Some(s)), None);
        }
    }
    let mut people = 0;
    let mut kinds = vec![0usize; ActivityKind::ALL.len()];
    let mut report_backs = Vec::new();
    for &a in acts {
        let act = &model.activities[a as usize];
        if act.date > model.as_of {
            continue;
        }
        if let Some(k) = ActivityKind::ALL.iter().position(|&k| k == act.kind) {
            kinds[k] += 1;
        }
        if act.kind == ActivityKind::Reception && in_window(act.date) {
            served.insert((act.date, act.station), Some(a));
            people += act.received.unwrap_or(0);
        }
        if act.kind == ActivityKind::ReportBack && act.date <= model.as_of {
            report_backs.push(ReportBackView {
                activity: cards::activity(model, a),
                evaluation: act.evaluation.as_ref().map(|e| evaluation_view(model, e)),
            });
        }
    }
    DeputyRecord {
        window_from: window.map(|w| w.0.to_string()),
        window_to: window.map(|w| w.1.to_string()),
        served_total: served.len(),
        served: served
            .iter()
            .rev()
            .take(SHOWN)
            .map(|(&(day, s), &a)| {
                let st = s.map(|s| &model.stations[s as usize]);
                ServedView {
                    date: day.to_string(),
                    station: st.map(|st| st.name.as_str()),
                    station_url: st.map(|st| urls::item("stations", &st.id)),
                    activity_url: a
                        .map(|a| urls::item("activities", &model.activities[a as usize].id)),
                }
            })
            .collect(),
        people_received: people,
        kinds: ActivityKind::ALL
            .iter()
            .zip(kinds)
            .filter(|(_, n)| *n > 0)
            .map(|(&kind, count)| KindCount { kind, count })
            .collect(),
        figures: model
            .accountability
            .stats
            .deputies
            .get(d)
            .map(|f| figures::view(model, f)),
        reported_back: reported_this_term(model, d).map(|a| cards::activity(model, a)),
        evaluated: report_backs.iter().any(|r| r.evaluation.is_some()),
        report_backs,
    }
}

/// A deputy page's context with the record beside it.
#[derive(Debug, Serialize)]
pub struct WithRecord<'a, T: Serialize> {
    #[serde(flatten)]
    pub page: T,
    pub record: DeputyRecord<'a>,
}

#[cfg(test)]
mod tests {
    use super::share;

    #[test]
    fn shares_round_to_one_decimal_in_integers() {
        assert_eq!(share(46, 48), "95.8%");
        assert_eq!(share(1, 3), "33.3%");
        assert_eq!(share(2, 3), "66.7%");
        assert_eq!(share(0, 5), "0.0%");
        assert_eq!(share(5, 5), "100.0%");
        assert_eq!(share(1, 0), "—");
    }
}
