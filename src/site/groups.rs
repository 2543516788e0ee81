//! Contexts of the liaison group pages: `/groups/` (every group, by the area of the congress
//! that formed it) and `/groups/<id>/` (leaders, members by level, sub-groups, home station,
//! the group's activities and meetings, meetings held this year against the number the
//! site expects, and the suggestions raised at its meetings), plus the small views other
//! pages show of a group (a deputy's groups and role, a place's or station's groups).

use serde::Serialize;

use super::Strings;
use super::cards::{
    self, ActivityCard, AreaCard, DeputyCard, LevelGroup, NameLink, StationCard, SuggestionCard,
};
use super::congress::Congress;
use super::urls;
use crate::model::Model;
use crate::model::groups::Role;
use crate::vocab::{ActivityKind, Level};

#[derive(Debug, Serialize)]
pub struct GroupCard<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub url: String,
    pub level: Option<Level>,
    pub leader: Option<NameLink<'a>>,
    pub members: usize,
}

fn name_link(model: &Model, d: u32) -> NameLink<'_> {
    super::cards::name_link(model, d)
}

pub fn card(model: &Model, g: u32) -> GroupCard<'_> {
    let gr = &model.groups.list[g as usize];
    GroupCard {
        id: &gr.id,
        name: &gr.name,
        url: urls::item("groups", &gr.id),
        level: gr.level,
        leader: gr.leader.map(|d| name_link(model, d)),
        members: gr.members.len(),
    }
}

/// The groups of one area on `/groups/` (`area` none: groups made by deputies' names).
#[derive(Debug, Serialize)]
pub struct AreaGroups<'a> {
    pub area: Option<AreaCard<'a>>,
    pub groups: Vec<GroupCard<'a>>,
    /// All groups of the area (a page may list only some).
    pub count: usize,
}

#[derive(Debug, Serialize)]
pub struct GroupIndex<'a> {
    pub areas: Vec<AreaGroups<'a>>,
    pub total: usize,
    /// The list is split into pages of [`super::LIST_PAGE`] groups; an area whose groups
    /// run over a page break is headed again on the next page.
    pub pager: super::records::Pager,
}

/// Page `page` (from 1) of every group, by the area of its congress in the order of
/// areas.yaml; groups without one last. Within an area, in the order they were written.
pub fn index(model: &Model, page: usize) -> GroupIndex<'_> {
    let mut by_area: Vec<Vec<u32>> = vec![Vec::new(); model.places.areas.len() + 1];
    let none = model.places.areas.len();
    for (g, gr) in model.groups.list.iter().enumerate() {
        by_area[gr.area.map_or(none, |a| a as usize)].push(g as u32);
    }
    let total = model.groups.list.len();
    let shown = (page - 1) * super::LIST_PAGE..(page * super::LIST_PAGE).min(total);
    let mut areas: Vec<AreaGroups<'_>> = Vec::new();
    let mut at = 0;
    for (a, v) in by_area.into_iter().enumerate() {
        let here = at..at + v.len();
        at = here.end;
        let (from, to) = (here.start.max(shown.start), here.end.min(shown.end));
        if from >= to {
            continue;
        }
        areas.push(AreaGroups {
            area: (a != none).then(|| cards::area(model, a as u32)),
            groups: v[from - here.start..to - here.start]
                .iter()
                .map(|&g| card(model, g))
                .collect(),
            count: v.len(),
        });
    }
    GroupIndex {
        areas,
        total,
        pager: super::records::pager("groups", page, super::list_pages(total)),
    }
}

#[derive(Debug, Serialize)]
pub struct SubGroupView<'a> {
    pub name: &'a str,
    pub leader: Option<NameLink<'a>>,
    pub members: Vec<NameLink<'a>>,
}

#[derive(Debug, Serialize)]
pub struct GroupPage<'a> {
    pub group: GroupCard<'a>,
    /// The congress that formed the group (示例县人民代表大会).
    pub congress: Option<String>,
    pub area: Option<AreaCard<'a>>,
    pub leader: Option<DeputyCard<'a>>,
    pub deputy_leaders: Vec<DeputyCard<'a>>,
    pub members: Vec<LevelGroup<'a>>,
    pub subgroups: Vec<SubGroupView<'a>>,
    pub station: Option<StationCard<'a>>,
    pub meetings: Vec<ActivityCard<'a>>,
    pub activities: Vec<ActivityCard<'a>>,
    /// The as-of date's year, and the meetings held in it up to that date.
    pub year: i16,
    pub meetings_this_year: usize,
    pub meetings_expected: Option<u32>,
    /// Suggestions raised at the group's meetings.
    pub suggestions: Vec<SuggestionCard<'a>>,
}

pub fn page<'a>(model: &'a Model, strings: &Strings, g: u32) -> GroupPage<'a> {
    let gr = &model.groups.list[g as usize];
    let acts = &model.groups.activities[g as usize];
    let (meetings, others): (Vec<u32>, Vec<u32>) = acts
        .iter()
        .partition(|&&a| model.activities[a as usize].kind == ActivityKind::GroupMeeting);
    let mut suggestions: Vec<u32> = Vec::new();
    for &a in &meetings {
        for &s in &model.activities[a as usize].suggestions {
            if !suggestions.contains(&s) {
                suggestions.push(s);
            }
        }
    }
    GroupPage {
        group: card(model, g),
        congress: gr
            .level
            .map(|level| Congress {
                level,
                area: gr.area,
            })
            .map(|c| c.name(model, strings)),
        area: gr.area.map(|a| cards::area(model, a)),
        leader: gr.leader.map(|d| cards::deputy(model, d)),
        deputy_leaders: gr
            .deputy_leaders
            .iter()
            .map(|&d| cards::deputy(model, d))
            .collect(),
        members: cards::by_level(model, &gr.members),
        subgroups: gr
            .subgroups
            .iter()
            .map(|s| SubGroupView {
                name: &s.name,
                leader: s.leader.map(|d| name_link(model, d)),
                members: s.members.iter().map(|&d| name_link(model, d)).collect(),
            })
            .collect(),
        station: gr.station.map(|s| cards::station(model, s)),
        meetings: meetings
            .iter()
            .map(|&a| cards::activity(model, a))
            .collect(),
        activities: others.iter().map(|&a| cards::activity(model, a)).collect(),
        year: model.as_of.year(),
        meetings_this_year: model
            .groups
            .meetings_in_year(g, &model.activities, model.as_of),
        meetings_expected: model.config.meetings_per_year,
        suggestions: suggestions
            .iter()
            .map(|&s| cards::suggestion(model, s))
            .collect(),
    }
}

/// A deputy's group and role in it, for the deputy's page.
#[derive(Debug, Serialize)]
pub struct Membership<'a> {
    pub name: &'a str,
    pub url: String,
    pub role: Role,
}

pub fn of_deputy(model: &Model, d: u32) -> Vec<Membership<'_>> {
    model
        .groups
        .of_deputy
        .get(d as usize)
        .map_or(&[][..], Vec::as_slice)
        .iter()
        .map(|&g| {
            let gr = &model.groups.list[g as usize];
            Membership {
                name: &gr.name,
                url: urls::item("groups", &gr.id),
                role: gr.role(d).unwrap_or(Role::Member),
            }
        })
        .collect()
}

/// The groups that work at a place: formed for it, or with their home station there.
pub fn at_area(model: &Model, a: u32) -> Vec<GroupCard<'_>> {
    model
        .groups
        .by_area
        .get(a as usize)
        .map_or(&[][..], Vec::as_slice)
        .iter()
        .map(|&g| card(model, g))
        .collect()
}

/// The groups whose home station is `s`.
pub fn at_station(model: &Model, s: u32) -> Vec<GroupCard<'_>> {
    model
        .groups
        .by_station
        .get(s as usize)
        .map_or(&[][..], Vec::as_slice)
        .iter()
        .map(|&g| card(model, g))
        .collect()
}
