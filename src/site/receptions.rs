//! Views of upcoming receptions for pages: the date as text and as a machine-readable
//! `datetime`, the station and its address, the duty deputies with links. Receptions an
//! exception cancelled are listed too, marked and with their note, so what the editor wrote
//! reaches residents; `next` is always a reception that takes place.

use serde::Serialize;

use super::urls;
use crate::model::Model;
use crate::model::schedules::OccRef;
use crate::schedule::{Occurrence, Shift};

#[derive(Debug, Clone, Serialize)]
pub struct Person<'a> {
    pub name: &'a str,
    pub url: String,
    /// For a namesake: what tells them apart.
    pub note: Option<String>,
}

/// A guest as pages show it: the name and the office (the level's deputy role when only a
/// level is given; the template words it).
#[derive(Debug, Clone, Serialize)]
pub struct GuestView {
    pub name: String,
    pub role: Option<String>,
    pub level: Option<crate::vocab::Level>,
}

pub fn guest_views(guests: &[crate::model::activities::Guest]) -> Vec<GuestView> {
    guests
        .iter()
        .map(|g| GuestView {
            name: g.name.clone(),
            role: g.role.clone(),
            level: g.level,
        })
        .collect()
}

/// The guests of an occurrence: those of its rule.
pub fn occurrence_guests(model: &Model, station: u32, rule: usize) -> Vec<GuestView> {
    model.stations[station as usize]
        .rule_guests
        .get(rule)
        .map(|g| guest_views(g))
        .unwrap_or_default()
}

#[derive(Debug, Clone, Serialize)]
pub struct OccurrenceView<'a> {
    /// `2025-10-09`
    pub date: String,
    pub year: i16,
    pub month: i8,
    pub day: i8,
    /// 1 = Monday … 7 = Sunday
    pub weekday: i8,
    pub start: String,
    pub end: String,
    /// `2025-10-09T09:00`, for `<time datetime>`
    pub datetime: String,
    pub station: &'a str,
    pub station_url: String,
    pub address: Option<&'a str>,
    pub deputies: Vec<Person<'a>>,
    /// Participants who are not deputies of this site, marked as guests.
    pub guests: Vec<GuestView>,
    pub topic: Option<&'a str>,
    pub note: Option<&'a str>,
    /// Set when the date differs from the rule's (a holiday shift or a move).
    pub scheduled: Option<String>,
    /// Why it was moved, a holiday's name or nothing.
    pub shift: Option<&'static str>,
    pub holiday: Option<&'a str>,
    /// Cancelled by an exception: shown struck out, with its note.
    pub cancelled: bool,
}

pub fn view(model: &Model, r: OccRef) -> OccurrenceView<'_> {
    view_of(model, r.0, model.schedules.get(r))
}

/// The view of occurrence `o` of station `s` (held or cancelled).
pub fn view_of<'a>(model: &'a Model, s: u32, o: &'a Occurrence) -> OccurrenceView<'a> {
    let st = &model.stations[s as usize];
    let hm = |t: jiff::civil::Time| format!("{:02}:{:02}", t.hour(), t.minute());
    OccurrenceView {
        date: o.date.to_string(),
        year: o.date.year(),
        month: o.date.month(),
        day: o.date.day(),
        weekday: o.date.weekday().to_monday_one_offset(),
        start: hm(o.start),
        end: hm(o.end),
        datetime: format!("{}T{}", o.date, hm(o.start)),
        station: &st.name,
        station_url: urls::item("stations", &st.id),
        address: st.address.as_deref(),
        deputies: o
            .deputies
            .iter()
            .map(|&d| {
                let dep = &model.deputies[d as usize];
                Person {
                    name: &dep.name,
                    url: urls::item("deputies", &dep.id),
                    note: super::cards::distinction(model, d),
                }
            })
            .collect(),
        guests: occurrence_guests(model, s, o.rule),
        topic: o.topic.as_deref(),
        note: o.note.as_deref(),
        scheduled: (o.scheduled != o.date).then(|| o.scheduled.to_string()),
        shift: match &o.shifted {
            Some(Shift::Holiday { .. }) => Some("holiday"),
            Some(Shift::Moved) => Some("moved"),
            None => None,
        },
        holiday: match &o.shifted {
            Some(Shift::Holiday { name }) => name.as_deref(),
            _ => None,
        },
        cancelled: o.cancelled,
    }
}

/// The first reception of `list` that takes place.
pub fn next<'a>(list: &[OccurrenceView<'a>]) -> Option<OccurrenceView<'a>> {
    list.iter().find(|o| !o.cancelled).cloned()
}

/// The cancelled occurrences of stations `stations` (all when `None`) on which `deputy`
/// (any when `None`) would have been on duty. Filed lists are walked, never every station
/// for each page.
fn cancelled<'a>(
    model: &'a Model,
    stations: Option<&[u32]>,
    deputy: Option<u32>,
) -> Vec<(u32, &'a Occurrence)> {
    let of = |(s, o): (u32, u32)| (s, &model.schedules.cancelled[s as usize][o as usize]);
    let at = |s: u32| {
        let n = model
            .schedules
            .cancelled
            .get(s as usize)
            .map_or(0, Vec::len) as u32;
        (0..n).map(move |o| of((s, o)))
    };
    match (stations, deputy) {
        (_, Some(d)) => model
            .schedules
            .cancelled_by_deputy
            .get(d as usize)
            .map_or(&[][..], Vec::as_slice)
            .iter()
            .map(|&r| of(r))
            .filter(|(s, _)| stations.is_none_or(|v| v.contains(s)))
            .collect(),
        (Some(list), None) => list.iter().flat_map(|&s| at(s)).collect(),
        (None, None) => (0..model.schedules.cancelled.len() as u32)
            .flat_map(at)
            .collect(),
    }
}

/// `held` with `cancelled` merged in by date, time and station, the first `limit`.
fn merged<'a>(
    model: &'a Model,
    held: impl Iterator<Item = OccRef>,
    cancelled: Vec<(u32, &'a Occurrence)>,
    limit: usize,
) -> Vec<OccurrenceView<'a>> {
    let mut all: Vec<(u32, &Occurrence)> = held
        .map(|r| (r.0, model.schedules.get(r)))
        .chain(cancelled)
        .collect();
    all.sort_by_key(|(s, o)| (o.date, o.start, *s, o.rule));
    all.into_iter()
        .take(limit)
        .map(|(s, o)| view_of(model, s, o))
        .collect()
}

pub fn upcoming_all(model: &Model, limit: usize) -> Vec<OccurrenceView<'_>> {
    merged(
        model,
        model.schedules.all.iter().copied(),
        cancelled(model, None, None),
        limit,
    )
}

pub fn upcoming_at<'a>(
    model: &'a Model,
    stations: &[u32],
    limit: usize,
) -> Vec<OccurrenceView<'a>> {
    let held = stations.iter().flat_map(|&s| {
        (0..model.schedules.by_station[s as usize].len() as u32).map(move |o| (s, o))
    });
    merged(model, held, cancelled(model, Some(stations), None), limit)
}

pub fn upcoming_for_station(model: &Model, s: u32) -> Vec<OccurrenceView<'_>> {
    upcoming_at(model, &[s], usize::MAX)
}

pub fn upcoming_for_deputy(model: &Model, d: u32, limit: usize) -> Vec<OccurrenceView<'_>> {
    merged(
        model,
        model.schedules.by_deputy[d as usize].iter().copied(),
        cancelled(model, None, Some(d)),
        limit,
    )
}
