//! The `/calendar/` page: every upcoming reception of the site, grouped by month, and
//! per township for residents who only care about their own.

use serde::Serialize;

use super::cards::{self, AreaCard};
use super::receptions::{self, OccurrenceView};
use crate::model::Model;
use crate::model::schedules::OccRef;
use crate::vocab::AreaKind;

#[derive(Debug, Serialize)]
pub struct Month<'a> {
    pub year: i16,
    pub month: i8,
    pub receptions: Vec<OccurrenceView<'a>>,
}

#[derive(Debug, Serialize)]
pub struct Township<'a> {
    pub area: AreaCard<'a>,
    /// Upcoming receptions in the township; listed below only on a small site.
    pub count: usize,
    pub receptions: Vec<OccurrenceView<'a>>,
}

#[derive(Debug, Serialize)]
pub struct Calendar<'a> {
    pub from: Option<String>,
    pub until: Option<String>,
    pub months: Vec<Month<'a>>,
    /// Upcoming receptions not listed on this page (see [`LIMIT`]).
    pub more: usize,
    /// The first [`TOWNSHIPS`] townships with upcoming receptions, in the order of areas.
    pub townships: Vec<Township<'a>>,
    /// Townships with upcoming receptions not listed (their places' pages list them).
    pub townships_more: usize,
    pub calendar: super::urls::CalendarLinks,
}

fn months(views: Vec<OccurrenceView<'_>>) -> Vec<Month<'_>> {
    let mut out: Vec<Month<'_>> = Vec::new();
    for v in views {
        match out.last_mut() {
            Some(last) if last.year == v.year && last.month == v.month => last.receptions.push(v),
            _ => out.push(Month {
                year: v.year,
                month: v.month,
                receptions: vec![v],
            }),
        }
    }
    out
}

/// The township a station belongs to: its own area or the nearest township above it.
fn township_of(model: &Model, station: u32) -> Option<u32> {
    model
        .places
        .chain(model.stations[station as usize].area)
        .find(|&a| model.places.areas[a as usize].kind == AreaKind::Township)
}

/// Past this many upcoming receptions the page lists only the soonest and links each
/// township's page for the rest: a national site has hundreds of thousands.
pub const LIMIT: usize = 300;

/// Townships listed (twice: as links at the top and as headings) on the page; a city's
/// site has a few hundred, a national one tens of thousands, whose receptions the places'
/// own pages list.
pub const TOWNSHIPS: usize = 200;

pub fn calendar(model: &Model) -> Calendar<'_> {
    let mut by_township: std::collections::BTreeMap<u32, Vec<OccRef>> =
        std::collections::BTreeMap::new();
    for &r in &model.schedules.all {
        if let Some(t) = township_of(model, r.0) {
            by_township.entry(t).or_default().push(r);
        }
    }
    let total = model.schedules.all.len();
    let townships_more = by_township.len().saturating_sub(TOWNSHIPS);
    let listed = total.min(LIMIT);
    Calendar {
        from: model.schedules.window.map(|w| w.0.to_string()),
        until: model.schedules.window.map(|w| w.1.to_string()),
        // The soonest `listed` receptions, with the cancelled ones (marked) among them.
        months: months(receptions::upcoming_all(
            model,
            listed
                + model
                    .schedules
                    .cancelled
                    .iter()
                    .map(Vec::len)
                    .sum::<usize>(),
        )),
        more: total - listed,
        calendar: super::urls::calendar_links(&model.config.base_url, "calendar.ics"),
        townships_more,
        townships: by_township
            .into_iter()
            .take(TOWNSHIPS)
            .map(|(a, refs)| Township {
                area: cards::area(model, a),
                count: refs.len(),
                receptions: if total <= LIMIT {
                    refs.into_iter()
                        .map(|r| receptions::view(model, r))
                        .collect()
                } else {
                    Vec::new()
                },
            })
            .collect(),
    }
}
