//! The CSV downloads: `data/deputies.csv`, `data/stations.csv`, `data/areas.csv`,
//! `data/activities.csv`, one row per item, and `data/report-backs.csv`: one row per
//! serving deputy, by congress (level, area) then id, with whether and when the deputy
//! reported back to voters this term and that report-back's evaluation.
//!
//! Like `data/suggestions.csv`: UTF-8 with a byte order mark (spreadsheet programs then
//! read the Chinese text right), CRLF line ends, a header row of fixed column names in a
//! fixed order (the `*_COLUMNS` constants), the content format's own words for closed
//! vocabularies (`county`, `female`, `inspection`), ids for references, lists joined with
//! `;` (an `other` contact channel as `label: value`), and an empty cell for an absent value. Deputies, stations and activities are in id
//! order (activities by date, then id); areas in the order of `areas.yaml`. The
//! constituencies and the electing units have no CSV of their own: [`constituencies`] and
//! [`units`] are the further sheets of the workbook `data/areas.xlsx`.

use super::by_id;
use crate::model::{Model, Seat};
use crate::output::sheet::Sheet;
use crate::site::Strings;
use crate::site::congress::{self, Congress};
use crate::site::urls;
use crate::vocab::ContactKind;

pub const DEPUTY_COLUMNS: [&str; 28] = [
    "id",
    "name",
    "name_native",
    "level",
    "role",
    "congress",
    "term",
    "status",
    "ended",
    "ended_reason",
    "seat_kind",
    "seat",
    "seat_name",
    "covers",
    "gender",
    "ethnicity",
    "occupation",
    "group",
    "stations",
    "phone",
    "mobile",
    "fax",
    "email",
    "wechat",
    "website",
    "mailbox",
    "other",
    "url",
];

pub const STATION_COLUMNS: [&str; 14] = [
    "id",
    "name",
    "kind",
    "area",
    "area_name",
    "serves",
    "address",
    "lat",
    "lon",
    "phone",
    "accessibility",
    "deputies",
    "url",
    "calendar",
];

pub const AREA_COLUMNS: [&str; 11] = [
    "id",
    "name",
    "kind",
    "code",
    "pinyin",
    "parent",
    "parent_name",
    "ancestors",
    "constituencies",
    "stations",
    "url",
];

/// The columns of the constituencies sheet of `data/areas.xlsx` (not a CSV of its own):
/// headers the constituency sheets of `areas.xlsx` read, so the workbook builds again.
pub const CONSTITUENCY_COLUMNS: [&str; 4] = ["id", "name", "level", "covers"];

/// The columns of the electing units sheet of `data/areas.xlsx`, likewise.
pub const UNIT_COLUMNS: [&str; 4] = ["id", "name", "pinyin", "url"];

pub const ACTIVITY_COLUMNS: [&str; 12] = [
    "id",
    "date",
    "kind",
    "title",
    "deputies",
    "deputy_names",
    "station",
    "station_name",
    "area",
    "area_name",
    "received",
    "url",
];

/// Where a CSV download goes as it is made: a file of the build's folder, or memory.
pub type Out<'a> = &'a mut dyn std::io::Write;

fn writer(out: Out<'_>) -> Result<Sheet<Out<'_>>, csv::Error> {
    Ok(Sheet::new(out)?)
}

fn finish(w: Sheet<Out<'_>>) -> Result<(), csv::Error> {
    w.finish().map(drop)
}

fn page(model: &Model, section: &str, id: &str) -> String {
    format!(
        "{}{}",
        model.config.base_url,
        urls::pretty(&urls::item(section, id))
    )
}

fn join<'a>(items: impl Iterator<Item = &'a str>) -> String {
    items.collect::<Vec<_>>().join(";")
}

pub fn deputies(model: &Model, strings: &Strings, out: Out<'_>) -> Result<(), csv::Error> {
    let mut w = writer(out)?;
    w.row(DEPUTY_COLUMNS)?;
    let opt = |v: Option<&str>| v.unwrap_or_default().to_owned();
    for d in by_id(&model.deputies, |d| &d.id) {
        let dep = &model.deputies[d];
        let (seat_kind, seat, seat_name, covers) = match dep.seat {
            Seat::Constituency(c) => {
                let con = &model.places.constituencies[c as usize];
                let covers = join(
                    con.covers
                        .iter()
                        .map(|&a| model.places.areas[a as usize].id.as_str()),
                );
                ("constituency", &con.id, &con.name, covers)
            }
            Seat::Area(a) => {
                let ar = &model.places.areas[a as usize];
                ("area", &ar.id, &ar.name, String::new())
            }
            Seat::Unit(u) => {
                let un = &model.places.units[u as usize];
                ("unit", &un.id, &un.name, String::new())
            }
        };
        let channel = |k: ContactKind| {
            join(
                dep.contacts
                    .iter()
                    .filter(|c| c.kind == k)
                    .map(|c| c.value.as_str()),
            )
        };
        let mut stations: Vec<&str> = dep
            .stations
            .iter()
            .map(|&s| model.stations[s as usize].id.as_str())
            .collect();
        stations.sort_unstable();
        stations.dedup();
        let (ended, reason) = match dep.ended() {
            Some((d, r)) => (d.map(|d| d.to_string()), r.as_deref()),
            None => (None, None),
        };
        w.row([
            dep.id.clone(),
            dep.name.clone(),
            dep.name_native()
                .map(|n| n.text.clone())
                .unwrap_or_default(),
            dep.level.as_str().to_owned(),
            congress::role(strings, dep),
            Congress::of(model, dep).name(model, strings),
            opt(congress::term(model, dep)),
            if dep.is_active() { "active" } else { "ended" }.to_owned(),
            ended.unwrap_or_default(),
            opt(reason),
            seat_kind.to_owned(),
            seat.clone(),
            seat_name.clone(),
            covers,
            opt(dep.gender.map(|g| g.as_str())),
            opt(dep.ethnicity.as_deref()),
            opt(dep.occupation.as_deref()),
            opt(dep.group.as_deref()),
            stations.join(";"),
            channel(ContactKind::Phone),
            channel(ContactKind::Mobile),
            channel(ContactKind::Fax),
            channel(ContactKind::Email),
            channel(ContactKind::Wechat),
            channel(ContactKind::Website),
            channel(ContactKind::Mailbox),
            dep.contacts
                .iter()
                .filter(|c| c.kind == ContactKind::Other)
                .map(|c| format!("{}: {}", c.label.as_deref().unwrap_or_default(), c.value))
                .collect::<Vec<_>>()
                .join(";"),
            page(model, "deputies", &dep.id),
        ])?;
    }
    finish(w)
}

pub fn stations(model: &Model, out: Out<'_>) -> Result<(), csv::Error> {
    let mut w = writer(out)?;
    w.row(STATION_COLUMNS)?;
    let area = |a: u32| &model.places.areas[a as usize];
    for s in by_id(&model.stations, |s| &s.id) {
        let st = &model.stations[s];
        let (lat, lon) = st
            .location
            .map_or((String::new(), String::new()), |(a, o)| {
                (a.to_string(), o.to_string())
            });
        w.row([
            st.id.clone(),
            st.name.clone(),
            st.kind.as_str().to_owned(),
            area(st.area).id.clone(),
            area(st.area).name.clone(),
            join(st.serves.iter().map(|&a| area(a).id.as_str())),
            st.address.clone().unwrap_or_default(),
            lat,
            lon,
            st.phone.clone().unwrap_or_default(),
            join(st.accessibility.iter().map(|a| a.as_str())),
            join(
                model.links.station_deputies[s]
                    .iter()
                    .map(|&d| model.deputies[d as usize].id.as_str()),
            ),
            page(model, "stations", &st.id),
            format!(
                "{}{}",
                model.config.base_url,
                crate::output::ics::station_path(&st.id)
            ),
        ])?;
    }
    finish(w)
}

pub fn areas(model: &Model, out: Out<'_>) -> Result<(), csv::Error> {
    let mut w = writer(out)?;
    w.row(AREA_COLUMNS)?;
    let places = &model.places;
    // The constituencies covering each area directly, in file order.
    let mut covering: Vec<Vec<&str>> = vec![Vec::new(); places.areas.len()];
    for c in &places.constituencies {
        for &a in &c.covers {
            covering[a as usize].push(&c.id);
        }
    }
    for (a, ar) in places.areas.iter().enumerate() {
        let parent = ar.parent.map(|p| &places.areas[p as usize]);
        let mut ancestors: Vec<&str> = places
            .chain(a as u32)
            .skip(1)
            .map(|x| places.areas[x as usize].id.as_str())
            .collect();
        ancestors.reverse();
        w.row([
            ar.id.clone(),
            ar.name.clone(),
            ar.division.as_str().to_owned(),
            ar.code.clone().unwrap_or_default(),
            ar.pinyin.clone().unwrap_or_default(),
            parent.map(|p| p.id.clone()).unwrap_or_default(),
            parent.map(|p| p.name.clone()).unwrap_or_default(),
            ancestors.join(";"),
            covering[a].join(";"),
            join(
                model.links.area_stations[a]
                    .iter()
                    .map(|&s| model.stations[s as usize].id.as_str()),
            ),
            page(model, "areas", &ar.id),
        ])?;
    }
    finish(w)
}

/// The constituencies, in the order of `areas.yaml`: the second sheet of `data/areas.xlsx`.
pub fn constituencies(model: &Model, out: Out<'_>) -> Result<(), csv::Error> {
    let mut w = writer(out)?;
    w.row(CONSTITUENCY_COLUMNS)?;
    let places = &model.places;
    for c in &places.constituencies {
        w.row([
            c.id.clone(),
            c.name.clone(),
            c.level.as_str().to_owned(),
            join(
                c.covers
                    .iter()
                    .map(|&a| places.areas[a as usize].id.as_str()),
            ),
        ])?;
    }
    finish(w)
}

/// The electing units, in the order of `areas.yaml`: the third sheet of `data/areas.xlsx`.
pub fn units(model: &Model, out: Out<'_>) -> Result<(), csv::Error> {
    let mut w = writer(out)?;
    w.row(UNIT_COLUMNS)?;
    for u in &model.places.units {
        w.row([
            u.id.clone(),
            u.name.clone(),
            u.pinyin.clone().unwrap_or_default(),
            page(model, "units", &u.id),
        ])?;
    }
    finish(w)
}

pub fn activities(model: &Model, out: Out<'_>) -> Result<(), csv::Error> {
    let mut w = writer(out)?;
    w.row(ACTIVITY_COLUMNS)?;
    // `activities_newest` is by date then id, newest first: reversed, oldest first.
    for &a in model.links.activities_newest.iter().rev() {
        let act = &model.activities[a as usize];
        let station = act.station.map(|s| &model.stations[s as usize]);
        let area = act.area.map(|x| &model.places.areas[x as usize]);
        w.row([
            act.id.clone(),
            act.date.to_string(),
            act.kind.as_str().to_owned(),
            act.title.clone(),
            join(
                act.deputies
                    .iter()
                    .map(|&d| model.deputies[d as usize].id.as_str()),
            ),
            join(
                act.deputies
                    .iter()
                    .map(|&d| model.deputies[d as usize].name.as_str()),
            ),
            station.map(|s| s.id.clone()).unwrap_or_default(),
            station.map(|s| s.name.clone()).unwrap_or_default(),
            area.map(|x| x.id.clone()).unwrap_or_default(),
            area.map(|x| x.name.clone()).unwrap_or_default(),
            act.received.map(|n| n.to_string()).unwrap_or_default(),
            page(model, "activities", &act.id),
        ])?;
    }
    finish(w)
}

pub const REPORT_BACK_COLUMNS: [&str; 13] = [
    "level",
    "congress",
    "area",
    "area_name",
    "id",
    "name",
    "reported",
    "date",
    "activity",
    "participants",
    "satisfied",
    "share_satisfied",
    "url",
];

pub fn report_backs(model: &Model, strings: &Strings, out: Out<'_>) -> Result<(), csv::Error> {
    use crate::site::deputy_record::{evaluation_view, share};
    let mut w = writer(out)?;
    w.row(REPORT_BACK_COLUMNS)?;
    for (c, ds) in crate::site::report_backs::by_congress(model) {
        let congress = c.name(model, strings);
        let area = c.area.map(|a| &model.places.areas[a as usize]);
        for (d, reported) in ds {
            let dep = &model.deputies[d as usize];
            let act = reported.map(|a| &model.activities[a as usize]);
            let ev = act
                .and_then(|a| a.evaluation.as_ref())
                .map(|e| evaluation_view(model, e));
            w.row([
                c.level.as_str().to_owned(),
                congress.clone(),
                area.map(|a| a.id.clone()).unwrap_or_default(),
                area.map(|a| a.name.clone()).unwrap_or_default(),
                dep.id.clone(),
                dep.name.clone(),
                if act.is_some() { "yes" } else { "no" }.to_owned(),
                act.map(|a| a.date.to_string()).unwrap_or_default(),
                act.map(|a| a.id.clone()).unwrap_or_default(),
                ev.as_ref()
                    .map(|e| e.participants.to_string())
                    .unwrap_or_default(),
                ev.as_ref()
                    .map(|e| e.satisfied.to_string())
                    .unwrap_or_default(),
                ev.as_ref()
                    .map(|e| share(e.satisfied, e.participants))
                    .unwrap_or_default(),
                page(model, "deputies", &dep.id),
            ])?;
        }
    }
    finish(w)
}
