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
    pub receptions: Vec<OccurrenceView<'a>>,
}

#[derive(Debug, Serialize)]
pub struct Calendar<'a> {
    pub from: Option<String>,
    pub until: Option<String>,
    pub months: Vec<Month<'a>>,
    pub townships: Vec<Township<'a>>,
}

fn months<'a>(m: &'a Model, refs: &[OccRef]) -> Vec<Month<'a>> {
    let mut out: Vec<Month<'a>> = Vec::new();
    for &r in refs {
        let v = receptions::view(m, r);
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
fn township_of(m: &Model, station: u32) -> Option<u32> {
    m.places
        .chain(m.stations[station as usize].area)
        .find(|&a| m.places.areas[a as usize].kind == AreaKind::Township)
}

pub fn calendar(m: &Model) -> Calendar<'_> {
    let mut townships: Vec<(u32, Vec<OccRef>)> = Vec::new();
    for &r in &m.schedules.all {
        let Some(t) = township_of(m, r.0) else {
            continue;
        };
        match townships.iter_mut().find(|(a, _)| *a == t) {
            Some((_, v)) => v.push(r),
            None => townships.push((t, vec![r])),
        }
    }
    townships.sort_by_key(|(a, _)| *a);
    Calendar {
        from: m.schedules.window.map(|w| w.0.to_string()),
        until: m.schedules.window.map(|w| w.1.to_string()),
        months: months(m, &m.schedules.all),
        townships: townships
            .into_iter()
            .map(|(a, refs)| Township {
                area: cards::area(m, a),
                receptions: refs.into_iter().map(|r| receptions::view(m, r)).collect(),
            })
            .collect(),
    }
}
