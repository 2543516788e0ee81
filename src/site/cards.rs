//! Small per-item summaries for list and index pages. A list never carries an item's
//! body, only what its card shows, so index pages stay small however big the site is.

use serde::Serialize;

use super::urls;
use crate::model::{Model, Seat};
use crate::vocab::{ActivityKind, AreaKind, Division, Level, StationKind};

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
    /// Of a term that has ended: kept as an archive (the term's name).
    pub archived: Option<&'a str>,
    /// For a namesake: what tells them apart ([`distinction`]).
    pub note: Option<String>,
}

pub fn deputy(model: &Model, d: u32) -> DeputyCard<'_> {
    let dep = &model.deputies[d as usize];
    DeputyCard {
        id: &dep.id,
        name: &dep.name,
        level: dep.level,
        url: urls::item("deputies", &dep.id),
        photo: dep.photo().map(|p| format!("static/{p}")),
        occupation: dep.occupation.as_deref(),
        seat: seat_name(model, dep.seat),
        active: dep.is_active(),
        archived: dep.archived.then_some(dep.term.as_deref().unwrap_or("")),
        note: distinction(model, d),
    }
}

pub fn seat_name(model: &Model, seat: Seat) -> &str {
    match seat {
        Seat::Constituency(c) => &model.places.constituencies[c as usize].name,
        Seat::Area(a) => &model.places.areas[a as usize].name,
        Seat::Unit(u) => &model.places.units[u as usize].name,
    }
}

#[derive(Debug, Serialize)]
pub struct AreaCard<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub kind: AreaKind,
    /// The real kind (自治州, 市辖区 …), shown on pages.
    pub division: Division,
    pub url: String,
}

pub fn area(model: &Model, a: u32) -> AreaCard<'_> {
    let ar = &model.places.areas[a as usize];
    AreaCard {
        id: &ar.id,
        name: &ar.name,
        kind: ar.kind,
        division: ar.division,
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

pub fn station(model: &Model, s: u32) -> StationCard<'_> {
    let st = &model.stations[s as usize];
    StationCard {
        id: &st.id,
        name: &st.name,
        kind: st.kind,
        url: urls::item("stations", &st.id),
        address: st.address.as_deref(),
        phone: st.phone.as_deref(),
        area: &model.places.areas[st.area as usize].name,
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

pub fn activity(model: &Model, a: u32) -> ActivityCard<'_> {
    let act = &model.activities[a as usize];
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

pub fn suggestion(model: &Model, s: u32) -> SuggestionCard<'_> {
    let sg = &model.suggestions[s as usize];
    SuggestionCard {
        id: &sg.id,
        summary: &sg.summary,
        received: sg.received.to_string(),
        category: sg.category.as_deref(),
        status: sg.derived.status.as_str(),
        outcome: sg
            .derived
            .outcome
            .map(|o| model.config.outcomes[o].0.as_str()),
        overdue: sg.derived.overdue,
        priority: sg.priority,
        handler: sg.handler.map(|h| model.handlers[h as usize].name.as_str()),
        url: urls::item("suggestions", &sg.id),
    }
}

/// Past this many deputies a level is listed by name only: a village page may have hundreds
/// of national and provincial representatives, and full cards would make every area page
/// of a national site a hundred kilobytes.
pub const CARD_LIMIT: usize = 24;

/// A deputy's name and page, for compact lists.
#[derive(Debug, Serialize)]
pub struct NameLink<'a> {
    pub name: &'a str,
    pub url: String,
    /// For a namesake: what tells them apart ([`distinction`]).
    pub note: Option<String>,
}

/// A deputy's name link for compact lists, with the namesake note.
pub fn name_link(model: &Model, d: u32) -> NameLink<'_> {
    let dep = &model.deputies[d as usize];
    NameLink {
        name: &dep.name,
        url: urls::item("deputies", &dep.id),
        note: distinction(model, d),
    }
}

/// What tells a deputy apart from others of the same name: the constituency, area or unit
/// that elected them, and their occupation (or term) when a namesake shares that too.
/// `None` for a name nobody else bears.
pub fn distinction(model: &Model, d: u32) -> Option<String> {
    use crate::model::Namesake;
    let dep = &model.deputies[d as usize];
    let seat = seat_name(model, dep.seat);
    let more = match model.links.namesakes[d as usize] {
        Namesake::Unique => return None,
        Namesake::Seat => None,
        Namesake::SeatAndOccupation => dep.occupation.as_deref(),
        Namesake::SeatAndTerm => dep.term.as_deref(),
    };
    Some(match more {
        Some(more) => format!("{seat} · {more}"),
        None => seat.to_owned(),
    })
}

/// Deputies of one level, highest level first, skipping empty levels: full cards for a few,
/// names only for many (see [`CARD_LIMIT`]), or, for many whose names another page lists,
/// a link there ([`ListedAt`]).
#[derive(Debug, Serialize)]
pub struct LevelGroup<'a> {
    pub level: Level,
    pub count: usize,
    pub deputies: Vec<DeputyCard<'a>>,
    pub names: Vec<NameLink<'a>>,
    pub listed_at: Option<ListedAt<'a>>,
}

/// The page that lists a level's names, when a page links there instead of repeating them:
/// a place's page links the list on the page of the place that elects them.
#[derive(Debug, Serialize)]
pub struct ListedAt<'a> {
    /// The listing place's name.
    pub name: &'a str,
    /// Its page, with the level's section as the fragment (`…/index.html#level-provincial`).
    pub url: String,
}

pub fn by_level<'a>(model: &'a Model, deputies: &[u32]) -> Vec<LevelGroup<'a>> {
    by_level_or_linked(model, deputies, |_| None)
}

/// As [`by_level`], but a level of more than [`CARD_LIMIT`] deputies for which `listed_at`
/// names another page gets a link to that page instead of its names.
pub fn by_level_or_linked<'a>(
    model: &'a Model,
    deputies: &[u32],
    listed_at: impl Fn(Level) -> Option<ListedAt<'a>>,
) -> Vec<LevelGroup<'a>> {
    let mut groups: Vec<Vec<u32>> = vec![Vec::new(); Level::ALL.len()];
    for &d in deputies {
        groups[model.deputies[d as usize].level as usize].push(d);
    }
    Level::ALL
        .iter()
        .zip(groups)
        .filter(|(_, ds)| !ds.is_empty())
        .map(|(&level, mut ds)| {
            let count = ds.len();
            let mut group = LevelGroup {
                level,
                count,
                deputies: Vec::new(),
                names: Vec::new(),
                listed_at: None,
            };
            if count > CARD_LIMIT {
                group.listed_at = listed_at(level);
                if group.listed_at.is_some() {
                    return group;
                }
            }
            // Every list of deputies is in the site's order of names (姓氏笔画 by default).
            ds.sort_by_key(|&d| {
                let dep = &model.deputies[d as usize];
                (!dep.is_active(), dep.order, d)
            });
            if count <= CARD_LIMIT {
                group.deputies = ds.iter().map(|&d| deputy(model, d)).collect();
            } else {
                group.names = ds.iter().map(|&d| name_link(model, d)).collect();
            }
            group
        })
        .collect()
}
