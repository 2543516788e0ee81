//! Views of upcoming receptions for pages: the date as text and as a machine-readable
//! `datetime`, the station and its address, the duty deputies with links.

use serde::Serialize;

use super::urls;
use crate::model::Model;
use crate::model::schedules::OccRef;
use crate::schedule::Shift;

#[derive(Debug, Clone, Serialize)]
pub struct Person<'a> {
    pub name: &'a str,
    pub url: String,
    /// For a namesake: what tells them apart.
    pub note: Option<String>,
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
    pub topic: Option<&'a str>,
    pub note: Option<&'a str>,
    /// Set when the date differs from the rule's (a holiday shift or a move).
    pub scheduled: Option<String>,
    pub holiday: Option<&'a str>,
}

pub fn view(model: &Model, r: OccRef) -> OccurrenceView<'_> {
    let o = model.schedules.get(r);
    let st = &model.stations[r.0 as usize];
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
        topic: o.topic.as_deref(),
        note: o.note.as_deref(),
        scheduled: (o.scheduled != o.date).then(|| o.scheduled.to_string()),
        holiday: match &o.shifted {
            Some(Shift::Holiday { name }) => name.as_deref(),
            _ => None,
        },
    }
}

pub fn upcoming_all(model: &Model, limit: usize) -> Vec<OccurrenceView<'_>> {
    model
        .schedules
        .all
        .iter()
        .take(limit)
        .map(|&r| view(model, r))
        .collect()
}

pub fn upcoming_at<'a>(
    model: &'a Model,
    stations: &[u32],
    limit: usize,
) -> Vec<OccurrenceView<'a>> {
    let mut refs: Vec<OccRef> = stations
        .iter()
        .flat_map(|&s| {
            (0..model.schedules.by_station[s as usize].len() as u32).map(move |o| (s, o))
        })
        .collect();
    refs.sort_by_key(|&r| {
        let o = model.schedules.get(r);
        (o.date, o.start, r.0)
    });
    refs.into_iter()
        .take(limit)
        .map(|r| view(model, r))
        .collect()
}

pub fn upcoming_for_station(model: &Model, s: u32) -> Vec<OccurrenceView<'_>> {
    (0..model.schedules.by_station[s as usize].len() as u32)
        .map(|o| view(model, (s, o)))
        .collect()
}

pub fn upcoming_for_deputy(model: &Model, d: u32, limit: usize) -> Vec<OccurrenceView<'_>> {
    model.schedules.by_deputy[d as usize]
        .iter()
        .take(limit)
        .map(|&r| view(model, r))
        .collect()
}
