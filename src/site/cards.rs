//! Small per-item summaries for list and index pages. A list never carries an item's
//! body, only what its card shows, so index pages stay small however big the site is.

use serde::Serialize;

use super::urls;
use crate::model::{Model, Seat};
use crate::vocab::{ActivityKind, AreaKind, Level, StationKind};

#[derive(Debug, Serialize)]
pub struct DeputyCard<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub level: Level,
    pub url: String,
    pub photo: Option<String>,
    pub occupation: Option<&'a str>,
    /// The constituency, area or unit that elected the deputy.
    pub seat: &'a str,
    pub active: bool,
}

pub fn deputy(m: &Model, d: u32) -> DeputyCard<'_> {
    let dep = &m.deputies[d as usize];
    DeputyCard {
        id: &dep.id,
        name: &dep.name,
        level: dep.level,
        url: urls::item("deputies", &dep.id),
        photo: dep.photo.as_ref().map(|p| format!("static/{p}")),
        occupation: dep.occupation.as_deref(),
        seat: seat_name(m, dep.seat),
        active: dep.is_active(),
    }
}

pub fn seat_name(m: &Model, seat: Seat) -> &str {
    match seat {
        Seat::Constituency(c) => &m.places.constituencies[c as usize].name,
        Seat::Area(a) => &m.places.areas[a as usize].name,
        Seat::Unit(u) => &m.places.units[u as usize].name,
    }
}

#[derive(Debug, Serialize)]
pub struct AreaCard<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub kind: AreaKind,
    pub url: String,
}

pub fn area(m: &Model, a: u32) -> AreaCard<'_> {
    let ar = &m.places.areas[a as usize];
    AreaCard {
        id: &ar.id,
        name: &ar.name,
        kind: ar.kind,
        url: urls::item("areas", &ar.id),
    }
}

#[derive(Debug, Serialize)]
pub struct StationCard<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub kind: StationKind,
    pub url: String,
    pub address: Option<&'a str>,
    pub phone: Option<&'a str>,
    pub area: &'a str,
}

pub fn station(m: &Model, s: u32) -> StationCard<'_> {
    let st = &m.stations[s as usize];
    StationCard {
        id: &st.id,
        name: &st.name,
        kind: st.kind,
        url: urls::item("stations", &st.id),
        address: st.address.as_deref(),
        phone: st.phone.as_deref(),
        area: &m.places.areas[st.area as usize].name,
    }
}

#[derive(Debug, Serialize)]
pub struct ActivityCard<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub date: String,
    pub kind: ActivityKind,
    pub url: String,
}

pub fn activity(m: &Model, a: u32) -> ActivityCard<'_> {
    let act = &m.activities[a as usize];
    ActivityCard {
        id: &act.id,
        title: &act.title,
        date: act.date.to_string(),
        kind: act.kind,
        url: urls::item("activities", &act.id),
    }
}

#[derive(Debug, Serialize)]
pub struct SuggestionCard<'a> {
    pub id: &'a str,
    pub summary: &'a str,
    pub received: String,
    pub category: Option<&'a str>,
    pub status: &'static str,
    pub outcome: Option<&'a str>,
    pub overdue: bool,
    pub priority: bool,
    pub handler: Option<&'a str>,
    pub url: String,
}

pub fn suggestion(m: &Model, s: u32) -> SuggestionCard<'_> {
    let sg = &m.suggestions[s as usize];
    SuggestionCard {
        id: &sg.id,
        summary: &sg.summary,
        received: sg.received.to_string(),
        category: sg.category.as_deref(),
        status: sg.derived.status.as_str(),
        outcome: sg.derived.outcome.map(|o| m.config.outcomes[o].0.as_str()),
        overdue: sg.derived.overdue,
        priority: sg.priority,
        handler: sg.handler.map(|h| m.handlers[h as usize].name.as_str()),
        url: urls::item("suggestions", &sg.id),
    }
}

/// Cards grouped by level, highest first, skipping empty levels.
#[derive(Debug, Serialize)]
pub struct LevelGroup<'a> {
    pub level: Level,
    pub deputies: Vec<DeputyCard<'a>>,
}

pub fn by_level<'a>(m: &'a Model, deputies: &[u32]) -> Vec<LevelGroup<'a>> {
    Level::ALL
        .iter()
        .filter_map(|&level| {
            let cards: Vec<DeputyCard<'a>> = deputies
                .iter()
                .filter(|&&d| m.deputies[d as usize].level == level)
                .map(|&d| deputy(m, d))
                .collect();
            (!cards.is_empty()).then_some(LevelGroup {
                level,
                deputies: cards,
            })
        })
        .collect()
}
