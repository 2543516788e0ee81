//! Contexts of the pages about people and places: home, areas, deputies, electing units.

use std::ops::Range;

use serde::Serialize;

use super::cards::{
    self, ActivityCard, AreaCard, DeputyCard, LevelGroup, StationCard, SuggestionCard,
};
use super::receptions::{self, OccurrenceView};
use super::urls;
use crate::model::{Model, Seat};
use crate::vocab::{ContactKind, Gender, Level};

#[derive(Debug, Serialize)]
pub struct DirectoryEntry<'a> {
    pub area: AreaCard<'a>,
    /// The first [`DIRECTORY_CHILDREN`] places inside it; the rest are on its page.
    pub children: Vec<AreaCard<'a>>,
    /// How many more places are inside it than listed.
    pub more: usize,
}

/// Places listed under each entry of `/areas/` (the home page lists [`HOME_CHILDREN`]).
pub const DIRECTORY_CHILDREN: usize = 60;
/// Places listed under each entry of the home page's place chooser.
pub const HOME_CHILDREN: usize = 12;
/// Stations listed on the home page (all are on `/stations/`).
pub const HOME_STATIONS: usize = 12;
/// Entries of the home page's place chooser (a national site's 34 provinces fit); past
/// them the home page links `/areas/`, which lists them all.
pub const HOME_ENTRIES: usize = 40;
/// Electing units listed on the home page (all are on `/areas/`).
pub const HOME_UNITS: usize = 40;
/// Links on one page of `/areas/` (an entry counts one plus its places listed, a unit
/// one): at about 100 bytes a link, a page stays far below the page bound (250 KB).
pub const DIRECTORY_PAGE_LINKS: usize = 1500;

#[derive(Debug, Serialize)]
pub struct Home<'a> {
    /// The places above the directory that the site has only one of (示例省 › 示例市 › 示例县).
    pub trail: Vec<AreaCard<'a>>,
    pub directory: Vec<DirectoryEntry<'a>>,
    /// All entries of the directory (the home page lists the first [`HOME_ENTRIES`], a
    /// page of `/areas/` its share).
    pub directory_total: usize,
    /// The pages of `/areas/` (the home page has one).
    pub pager: super::records::Pager,
    pub upcoming: Vec<OccurrenceView<'a>>,
    pub stations: Vec<StationCard<'a>>,
    /// All stations of the site (the home page lists the first [`HOME_STATIONS`]).
    pub stations_total: usize,
    pub latest: Vec<ActivityCard<'a>>,
    pub counts: Counts,
    /// Electing units that are not places (the armed forces' delegation), each with the
    /// number of its deputies.
    pub units: Vec<UnitLink<'a>>,
    /// All electing units (a page lists its share).
    pub units_total: usize,
}

/// An electing unit in a list: its name, page and number of current deputies.
#[derive(Debug, Serialize)]
pub struct UnitLink<'a> {
    pub name: &'a str,
    pub url: String,
    pub count: usize,
}

/// Every electing unit, in file order.
pub fn unit_links(model: &Model) -> Vec<UnitLink<'_>> {
    model
        .places
        .units
        .iter()
        .enumerate()
        .map(|(u, unit)| UnitLink {
            name: &unit.name,
            url: urls::item("units", &unit.id),
            count: model
                .links
                .seats
                .of_unit(u as u32)
                .iter()
                .filter(|&&d| model.deputies[d as usize].is_active())
                .count(),
        })
        .collect()
}

#[derive(Debug, Serialize)]
pub struct Counts {
    pub deputies: usize,
    pub stations: usize,
    pub activities: usize,
    pub suggestions: usize,
}

/// The area tree from the first level with a choice: single roots and single children are
/// collapsed into a trail, so a village is at most two clicks below the home page.
pub fn directory(model: &Model) -> (Vec<u32>, Vec<u32>) {
    let mut trail = Vec::new();
    let mut level: Vec<u32> = model.places.roots().collect();
    while level.len() == 1 {
        let only = level[0];
        let children = &model.places.areas[only as usize].children;
        if children.is_empty() {
            break;
        }
        trail.push(only);
        level = children.clone();
    }
    (trail, level)
}

/// The home page's context (a short way in: the place chooser lists the first
/// [`HOME_ENTRIES`] entries with [`HOME_CHILDREN`] places under each, and the first
/// [`HOME_UNITS`] electing units).
pub fn home(model: &Model) -> Home<'_> {
    let (_, top) = directory(model);
    let units = model.places.units.len();
    directory_page(
        model,
        HOME_CHILDREN,
        0..top.len().min(HOME_ENTRIES),
        0..units.min(HOME_UNITS),
    )
}

/// Which entries of the directory and which electing units each page of `/areas/` lists:
/// the units first (so the first page has them, as the home page does), then the entries
/// in order, until a page holds [`DIRECTORY_PAGE_LINKS`] links. Always at least one page.
pub fn area_pages(model: &Model) -> Vec<(Range<usize>, Range<usize>)> {
    let (_, top) = directory(model);
    let units = model.places.units.len();
    let mut pages = Vec::new();
    let (mut entry, mut unit) = (0, 0);
    loop {
        let (first_entry, first_unit) = (entry, unit);
        let mut links = 0;
        while unit < units && links < DIRECTORY_PAGE_LINKS {
            links += 1;
            unit += 1;
        }
        while unit == units && entry < top.len() {
            let cost = 1 + model.places.areas[top[entry] as usize]
                .children
                .len()
                .min(DIRECTORY_CHILDREN);
            if links > 0 && links + cost > DIRECTORY_PAGE_LINKS {
                break;
            }
            links += cost;
            entry += 1;
        }
        pages.push((first_entry..entry, first_unit..unit));
        if entry == top.len() && unit == units {
            return pages;
        }
    }
}

/// Page `n` (from 1) of `/areas/`: its share of the entries, each with up to
/// [`DIRECTORY_CHILDREN`] places under it, and of the electing units.
pub fn area_directory(model: &Model, n: usize) -> Home<'_> {
    let pages = area_pages(model);
    let (entries, units) = pages.get(n - 1).cloned().unwrap_or((0..0, 0..0));
    let mut page = directory_page(model, DIRECTORY_CHILDREN, entries, units);
    page.pager = super::records::pager("areas", n, pages.len());
    page
}

fn directory_page(
    model: &Model,
    shown: usize,
    entries: Range<usize>,
    units: Range<usize>,
) -> Home<'_> {
    let (trail, top) = directory(model);
    let mut unit_list = unit_links(model);
    let units_total = unit_list.len();
    unit_list.truncate(units.end);
    unit_list.drain(..units.start);
    Home {
        trail: trail.iter().map(|&a| cards::area(model, a)).collect(),
        directory: top[entries]
            .iter()
            .map(|&a| {
                let children = &model.places.areas[a as usize].children;
                DirectoryEntry {
                    area: cards::area(model, a),
                    children: children
                        .iter()
                        .take(shown)
                        .map(|&c| cards::area(model, c))
                        .collect(),
                    more: children.len().saturating_sub(shown),
                }
            })
            .collect(),
        directory_total: top.len(),
        pager: super::records::pager("areas", 1, 1),
        upcoming: receptions::upcoming_all(model, 8),
        stations: (0..model.stations.len() as u32)
            .take(HOME_STATIONS)
            .map(|s| cards::station(model, s))
            .collect(),
        stations_total: model.stations.len(),
        latest: model
            .links
            .activities_newest
            .iter()
            .take(6)
            .map(|&a| cards::activity(model, a))
            .collect(),
        counts: Counts {
            deputies: model.deputies.iter().filter(|d| d.is_active()).count(),
            stations: model.stations.len(),
            // So far: what is dated after the as-of date has not happened yet.
            activities: model
                .activities
                .iter()
                .filter(|a| a.date <= model.as_of)
                .count(),
            suggestions: model
                .suggestions
                .iter()
                .filter(|s| s.received <= model.as_of)
                .count(),
        },
        units: unit_list,
        units_total,
    }
}

#[derive(Debug, Serialize)]
pub struct AreaPage<'a> {
    pub area: AreaCard<'a>,
    pub code: Option<&'a str>,
    /// From the largest place down to this one's parent.
    pub breadcrumb: Vec<AreaCard<'a>>,
    pub representatives: Vec<LevelGroup<'a>>,
    pub stations: Vec<StationCard<'a>>,
    pub next: Option<OccurrenceView<'a>>,
    pub upcoming: Vec<OccurrenceView<'a>>,
    pub children: Vec<AreaCard<'a>>,
    /// Liaison groups formed for this place or meeting at a station in it.
    pub groups: Vec<super::groups::GroupCard<'a>>,
}

pub fn area(model: &Model, a: u32) -> AreaPage<'_> {
    let ar = &model.places.areas[a as usize];
    let mut breadcrumb: Vec<AreaCard<'_>> = model
        .places
        .chain(a)
        .skip(1)
        .map(|x| cards::area(model, x))
        .collect();
    breadcrumb.reverse();
    let reps = model
        .links
        .seats
        .representatives(&model.places, &model.deputies, a);
    let stations = model.links.stations_serving(&model.places, a);
    let upcoming = receptions::upcoming_at(model, &stations, 12);
    // The place's own stations: those serving the nearest place (itself, else its township …)
    // that has any. "Next reception" is theirs when they have one in the window.
    let own: Vec<u32> = model
        .places
        .chain(a)
        .map(|x| &model.links.area_stations[x as usize])
        .find(|v| !v.is_empty())
        .cloned()
        .unwrap_or_default();
    let next = receptions::next(&receptions::upcoming_at(model, &own, usize::MAX))
        .or_else(|| receptions::next(&upcoming));
    // Nearest level first: township, county, city, provincial, national.
    // A level listed in full on the page of the place that elects it (a village's
    // provincial deputies on their city's page) is linked there, not repeated on every page
    // below: at national size those lists were 8.3 of the site's 54.6 GB.
    let mut representatives = cards::by_level_or_linked(model, &reps, |level| {
        let at = model.links.seats.listed_at(&model.places, a, level)?;
        (at != a).then(|| {
            let place = &model.places.areas[at as usize];
            cards::ListedAt {
                name: &place.name,
                url: format!(
                    "{}#level-{}",
                    urls::item("areas", &place.id),
                    level.as_str()
                ),
            }
        })
    });
    representatives.reverse();
    AreaPage {
        area: cards::area(model, a),
        code: ar.code.as_deref(),
        breadcrumb,
        representatives,
        stations: stations.iter().map(|&s| cards::station(model, s)).collect(),
        next,
        upcoming,
        children: ar.children.iter().map(|&c| cards::area(model, c)).collect(),
        groups: super::groups::at_area(model, a),
    }
}

#[derive(Debug, Serialize)]
pub struct ContactView<'a> {
    pub kind: ContactKind,
    pub label: Option<&'a str>,
    pub value: &'a str,
    /// `tel:`, `mailto:` or web link where the channel has one.
    pub href: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct SeatView<'a> {
    pub name: &'a str,
    /// `constituency`, `area` or `unit`.
    pub kind: &'static str,
    pub url: Option<String>,
    /// For a constituency: the areas it covers.
    pub covers: Vec<AreaCard<'a>>,
}

#[derive(Debug, Serialize)]
pub struct DeputyPage<'a> {
    pub deputy: DeputyCard<'a>,
    /// The name as written in Chinese, when the page shows it in pinyin (with `lang`).
    pub name_original: Option<&'a str>,
    /// The name in the deputy's own script (`lang`, `dir`).
    pub name_native: Option<&'a crate::model::deputies::NativeName>,
    pub seat: SeatView<'a>,
    pub term: Option<&'a str>,
    /// The term's first and last day, when site.yaml gives them.
    pub term_from: Option<String>,
    pub term_to: Option<String>,
    pub gender: Option<Gender>,
    pub ethnicity: Option<&'a str>,
    pub group: Option<&'a str>,
    /// The liaison groups the deputy belongs to, with the deputy's role.
    pub groups: Vec<super::groups::Membership<'a>>,
    pub ended: Option<String>,
    pub ended_reason: Option<&'a str>,
    pub contacts: Vec<ContactView<'a>>,
    pub stations: Vec<StationCard<'a>>,
    pub next: Option<OccurrenceView<'a>>,
    pub upcoming: Vec<OccurrenceView<'a>>,
    pub calendar: urls::CalendarLinks,
    /// The congress office's number and its `tel:` link, for a deputy with no published
    /// channel and no station phone (site.yaml `office_phone`).
    pub office_phone: Option<Phone<'a>>,
    /// The phones of the deputy's stations, for the contact block.
    pub station_phones: Vec<StationPhone<'a>>,
    pub activities: Vec<ActivityCard<'a>>,
    pub suggestions: Vec<SuggestionCard<'a>>,
    pub reported_back: bool,
    pub body: &'a str,
    /// Whether the deputy has a calendar (`calendar.ics`) and a feed (`feed.xml`) beside
    /// the page: only when they have content.
    pub has_calendar: bool,
    pub feed: bool,
}

/// A station's phone in a deputy's contact block.
#[derive(Debug, Serialize)]
pub struct StationPhone<'a> {
    pub station: &'a str,
    pub url: String,
    pub phone: Phone<'a>,
}

/// A phone number as shown and its `tel:` link.
#[derive(Debug, Serialize)]
pub struct Phone<'a> {
    pub value: &'a str,
    pub href: Option<String>,
}

pub fn tel_href(s: &str) -> Option<String> {
    // The number the text starts with: not an extension (转8001) or a second number.
    let digits: String = s
        .trim()
        .chars()
        .take_while(|c| c.is_ascii_digit() || matches!(c, '+' | '-' | ' ' | '(' | ')'))
        .filter(|c| c.is_ascii_digit() || *c == '+')
        .collect();
    (digits.len() >= 3).then(|| format!("tel:{digits}"))
}

/// The `tel:` link of a free-text channel (an "other" hotline) that is a phone number: one
/// that starts with at least seven digits.
pub fn phone_like(s: &str) -> Option<String> {
    tel_href(s).filter(|h| h.chars().filter(char::is_ascii_digit).count() >= 7)
}

pub fn deputy<'a>(model: &'a Model, d: u32, body: &'a str) -> DeputyPage<'a> {
    let dep = &model.deputies[d as usize];
    let seat = match dep.seat {
        Seat::Constituency(c) => {
            let con = &model.places.constituencies[c as usize];
            SeatView {
                name: &con.name,
                kind: "constituency",
                url: None,
                covers: con.covers.iter().map(|&a| cards::area(model, a)).collect(),
            }
        }
        Seat::Area(a) => SeatView {
            name: &model.places.areas[a as usize].name,
            kind: "area",
            url: Some(urls::item("areas", &model.places.areas[a as usize].id)),
            covers: Vec::new(),
        },
        Seat::Unit(u) => SeatView {
            name: &model.places.units[u as usize].name,
            kind: "unit",
            url: Some(urls::item("units", &model.places.units[u as usize].id)),
            covers: Vec::new(),
        },
    };
    let contacts = dep
        .contacts
        .iter()
        .map(|c| ContactView {
            kind: c.kind,
            label: c.label.as_deref(),
            value: &c.value,
            href: match c.kind {
                ContactKind::Phone | ContactKind::Mobile => tel_href(&c.value),
                ContactKind::Email => Some(format!("mailto:{}", c.value)),
                ContactKind::Website => Some(c.value.clone()),
                ContactKind::Other => phone_like(&c.value),
                _ => None,
            },
        })
        .collect();
    let activities = &model.links.deputy_activities[d as usize];
    let upcoming = receptions::upcoming_for_deputy(model, d, usize::MAX);
    let mut station_phones: Vec<StationPhone<'_>> = Vec::new();
    for &s in &dep.stations {
        let st = &model.stations[s as usize];
        // A station phone the deputy published as their own is shown once, as theirs.
        if let Some(p) = &st.phone
            && !station_phones.iter().any(|x| x.phone.value == p)
            && !dep.contacts.iter().any(|c| &c.value == p)
        {
            station_phones.push(StationPhone {
                station: &st.name,
                url: urls::item("stations", &st.id),
                phone: Phone {
                    value: p,
                    href: tel_href(p),
                },
            });
        }
    }
    DeputyPage {
        name_original: dep.also_known_as().first().map(String::as_str),
        name_native: dep.name_native(),
        deputy: cards::deputy(model, d),
        seat,
        term: dep.term.as_deref(),
        term_from: crate::model::terms::of_deputy(model, d)
            .and_then(|t| t.start)
            .map(|s| s.to_string()),
        term_to: crate::model::terms::of_deputy(model, d)
            .and_then(|t| t.end)
            .map(|s| s.to_string()),
        gender: dep.gender,
        ethnicity: dep.ethnicity.as_deref(),
        group: dep.group.as_deref(),
        groups: super::groups::of_deputy(model, d),
        ended: dep.ended().and_then(|(d, _)| d.map(|d| d.to_string())),
        ended_reason: dep.ended().and_then(|(_, r)| r.as_deref()),
        contacts,
        stations: dep
            .stations
            .iter()
            .map(|&s| cards::station(model, s))
            .collect(),
        next: receptions::next(&upcoming),
        upcoming,
        calendar: urls::calendar_links(
            &model.config.base_url,
            &super::files::deputy_calendar_path(&dep.id),
        ),
        office_phone: model
            .config
            .office_phone
            .as_deref()
            .filter(|_| {
                dep.contacts.is_empty()
                    && !dep
                        .stations
                        .iter()
                        .any(|&s| model.stations[s as usize].phone.is_some())
            })
            .map(|p| Phone {
                value: p,
                href: tel_href(p),
            }),
        station_phones,
        activities: activities
            .iter()
            .map(|&a| cards::activity(model, a))
            .collect(),
        suggestions: model.links.deputy_suggestions[d as usize]
            .iter()
            .map(|&s| cards::suggestion(model, s))
            .collect(),
        reported_back: activities
            .iter()
            .any(|&a| model.activities[a as usize].kind == crate::vocab::ActivityKind::ReportBack),
        body,
        has_calendar: super::files::has_calendar(model, d as usize),
        feed: super::files::has_feed(model, d as usize),
    }
}

/// One level on `/deputies/`: listed there, or linked to its own list.
#[derive(Debug, Serialize)]
pub struct IndexLevel<'a> {
    pub level: Level,
    pub count: usize,
    pub group: Option<LevelGroup<'a>>,
    pub url: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct DeputyIndex<'a> {
    pub levels: Vec<IndexLevel<'a>>,
    pub units: Vec<UnitLink<'a>>,
}

pub fn deputy_index(model: &Model) -> DeputyIndex<'_> {
    let levels = Level::ALL
        .iter()
        .map(|&level| {
            let all = &model.links.deputies_by_level[level as usize];
            let inline = all.len() <= LEVEL_INLINE;
            IndexLevel {
                level,
                count: all.len(),
                group: if inline {
                    cards::by_level(model, all).pop()
                } else {
                    None
                },
                url: (!inline).then(|| urls::section(&format!("levels/{}", level.as_str()))),
            }
        })
        .filter(|l| l.count > 0)
        .collect();
    DeputyIndex {
        levels,
        units: unit_links(model),
    }
}

/// Past this many deputies a level gets its own paginated list instead of being listed on
/// `/deputies/` (a national site has millions).
pub const LEVEL_INLINE: usize = 500;
/// Names per page of a level's own list.
pub const LEVEL_PAGE: usize = 500;

/// The pages of a level's own list (0 when it is listed inline on `/deputies/`).
pub fn level_pages(model: &Model, level: Level) -> usize {
    let n = model.links.deputies_by_level[level as usize].len();
    if n <= LEVEL_INLINE {
        0
    } else {
        n.div_ceil(LEVEL_PAGE)
    }
}

#[derive(Debug, Serialize)]
pub struct LevelList<'a> {
    pub level: Level,
    pub count: usize,
    pub names: Vec<cards::NameLink<'a>>,
    pub pager: super::records::Pager,
}

pub fn level_list(model: &Model, level: Level, page: usize) -> LevelList<'_> {
    let all = &model.links.deputies_by_level[level as usize];
    let names = all
        .iter()
        .skip((page - 1) * LEVEL_PAGE)
        .take(LEVEL_PAGE)
        .map(|&d| cards::name_link(model, d))
        .collect();
    let section = format!("levels/{}", level.as_str());
    LevelList {
        level,
        count: all.len(),
        names,
        pager: super::records::pager(&section, page, level_pages(model, level)),
    }
}

#[derive(Debug, Serialize)]
pub struct UnitPage<'a> {
    pub name: &'a str,
    pub deputies: Vec<LevelGroup<'a>>,
}

pub fn unit(model: &Model, u: u32) -> UnitPage<'_> {
    UnitPage {
        name: &model.places.units[u as usize].name,
        deputies: cards::by_level(model, model.links.seats.of_unit(u)),
    }
}
