//! The deputy record (履职档案) on a deputy's page: receptions served, activities by kind,
//! the suggestions the deputy raised with their outcomes and figures, and whether the
//! deputy has reported back to voters (述职) this term.
//!
//! Receptions served are the past scheduled receptions with the deputy on duty (see
//! [`crate::model::record`] for the window) and the deputy's reception activities in the
//! same window; a reception reported as an activity on the day and at the station of a
//! scheduled one counts once. "This term" is the deputy's term when site.yaml gives its
//! dates ([`crate::model::terms::window`]); without dates the receptions window is the
//! fixed past window and report-back looks five years (one term) back.

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
    let mut reported: Option<u32> = None;
    let dated = terms::of_deputy(model, d).and_then(|t| t.start.map(|s| (s, t.end)));
    let (term_start, term_end) = match dated {
        Some((start, end)) => (
            start.yesterday().unwrap_or(Date::MIN),
            end.map_or(model.as_of, |e| e.min(model.as_of)),
        ),
        None => (
            model
                .as_of
                .checked_sub(jiff::Span::new().years(TERM_YEARS))
                .unwrap_or(Date::MIN),
            model.as_of,
        ),
    };
    for &a in acts {
        let act = &model.activities[a as usize];
        if let Some(k) = ActivityKind::ALL.iter().position(|&k| k == act.kind) {
            kinds[k] += 1;
        }
        if act.kind == ActivityKind::Reception && in_window(act.date) {
            served.insert((act.date, act.station), Some(a));
            people += act.received.unwrap_or(0);
        }
        // `acts` is newest first: the first report-back in the term is the latest.
        if act.kind == ActivityKind::ReportBack
            && reported.is_none()
            && act.date > term_start
            && act.date <= term_end
        {
            reported = Some(a);
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
        reported_back: reported.map(|a| cards::activity(model, a)),
    }
}

/// A deputy page's context with the record beside it.
#[derive(Debug, Serialize)]
pub struct WithRecord<'a, T: Serialize> {
    #[serde(flatten)]
    pub page: T,
    pub record: DeputyRecord<'a>,
}
