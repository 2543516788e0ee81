//! One search record per findable page, built from the model's small summaries (never from
//! rendered HTML): the words to index, the metadata a result shows (kind, level, area,
//! next reception) and the filters (kind, level, township).
//!
//! The title and the pinyin keys open the indexed text with pagefind's weight markers (the
//! title weighs like a page's `<h1>`), so a query matching a name ranks that record above
//! records that merely mention it. The results page shows excerpts only for records with
//! running text (activities, suggestions, pages), which have no pinyin keys.

use rayon::prelude::*;
use serde_json::Value;

use super::builder::{Builder, plain_text};
pub use super::builder::{Labels, Record};
use super::pinyin::Reading;
use crate::model::{Model, Seat};
use crate::site::urls;
use crate::vocab::AreaKind;

/// What a record is made from: one item of the model.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Item {
    Area(u32),
    Unit(u32),
    Deputy(u32),
    Station(u32),
    Activity(u32),
    Suggestion(u32),
    Page(u32),
}

/// A record before it is built: its item and the area whose subtree it belongs to (the
/// `area` its [`Record`] will carry). Eight bytes and a tag, so the scopes of a national
/// site can be planned before any record text exists.
#[derive(Debug, Clone, Copy)]
pub struct Key {
    pub item: Item,
    pub area: Option<u32>,
}

/// The key of every record of the site, in a fixed order.
pub fn keys(model: &Model) -> Vec<Key> {
    let key = |item, area| Key { item, area };
    let mut out = Vec::with_capacity(super::scope::record_count(model));
    out.extend((0..model.places.areas.len() as u32).map(|a| key(Item::Area(a), Some(a))));
    out.extend((0..model.places.units.len() as u32).map(|u| key(Item::Unit(u), None)));
    out.extend(
        (0..model.deputies.len() as u32).map(|d| key(Item::Deputy(d), deputy_home(model, d))),
    );
    out.extend(
        (0..model.stations.len() as u32)
            .map(|s| key(Item::Station(s), Some(model.stations[s as usize].area))),
    );
    out.extend(
        (0..model.activities.len() as u32)
            .map(|a| key(Item::Activity(a), activity_place(model, a))),
    );
    out.extend(
        (0..model.suggestions.len() as u32)
            .map(|s| key(Item::Suggestion(s), suggestion_place(model, s))),
    );
    out.extend((0..model.pages.len() as u32).map(|p| key(Item::Page(p), None)));
    out
}

/// The record of one item.
pub fn build(model: &Model, t: &Labels<'_>, item: Item) -> Record {
    match item {
        Item::Area(a) => area(model, t, a),
        Item::Unit(u) => unit(model, t, u),
        Item::Deputy(d) => deputy(model, t, d),
        Item::Station(s) => station(model, t, s),
        Item::Activity(a) => activity(model, t, a),
        Item::Suggestion(s) => suggestion(model, t, s),
        Item::Page(p) => page(model, t, p),
    }
}

/// Every record of the site, in the order of [`keys`].
pub fn all(model: &Model, t: &Labels<'_>) -> Vec<Record> {
    keys(model)
        .par_iter()
        .map(|k| build(model, t, k.item))
        .collect()
}

/// The area a deputy's record belongs to: the first area of the constituency, the electing
/// area; none for an electing unit.
fn deputy_home(model: &Model, d: u32) -> Option<u32> {
    match model.deputies[d as usize].seat {
        Seat::Constituency(c) => model.places.constituencies[c as usize]
            .covers
            .first()
            .copied(),
        Seat::Area(a) => Some(a),
        Seat::Unit(_) => None,
    }
}

/// Where an activity took place: its area, else its station's.
fn activity_place(model: &Model, a: u32) -> Option<u32> {
    let act = &model.activities[a as usize];
    act.area
        .or_else(|| act.station.map(|s| model.stations[s as usize].area))
}

/// Where a suggestion was raised: its area, else its station's.
fn suggestion_place(model: &Model, s: u32) -> Option<u32> {
    let sg = &model.suggestions[s as usize];
    sg.area
        .or_else(|| sg.station.map(|st| model.stations[st as usize].area))
}

/// The township an area lies in (or is), if any.
pub fn township_of(model: &Model, a: u32) -> Option<u32> {
    model
        .places
        .chain(a)
        .find(|&x| model.places.areas[x as usize].kind == AreaKind::Township)
}

fn townships(model: &Model, areas: impl IntoIterator<Item = u32>) -> Vec<String> {
    let mut v: Vec<String> = Vec::new();
    for a in areas {
        if let Some(t) = township_of(model, a) {
            let id = model.places.areas[t as usize].id.clone();
            if !v.contains(&id) {
                v.push(id);
            }
        }
    }
    v
}

/// `示例县 › 凤鸣镇` for an area's ancestors (largest first), without the area itself.
fn parents(model: &Model, a: u32) -> String {
    let mut names: Vec<&str> = model
        .places
        .chain(a)
        .skip(1)
        .map(|x| model.places.areas[x as usize].name.as_str())
        .collect();
    names.reverse();
    names.join(" › ")
}

/// The next reception of a list of occurrences, as `12月5日 星期五 09:00 城关镇联络站`.
fn next_reception(model: &Model, t: &Labels<'_>, first: Option<(u32, u32)>) -> String {
    let Some(r) = first else {
        return String::new();
    };
    let o = model.schedules.get(r);
    let date = crate::site::strings::date_in(
        t.0,
        "date_format",
        o.date.year(),
        o.date.month(),
        o.date.day(),
    );
    let wd = o.date.weekday().to_monday_one_offset();
    let weekday =
        t.0.get("weekday")
            .and_then(|w| w.get(wd as usize))
            .and_then(Value::as_str)
            .unwrap_or("");
    format!(
        "{date} {weekday} {:02}:{:02} {}",
        o.start.hour(),
        o.start.minute(),
        model.stations[r.0 as usize].name
    )
}

fn area(model: &Model, t: &Labels<'_>, a: u32) -> Record {
    let ar = &model.places.areas[a as usize];
    let path = parents(model, a);
    let mut b = Builder::new(urls::item("areas", &ar.id), "area", &ar.name, Some(a));
    b.text(&path.replace(" › ", " "))
        .text(t.sub("area_kind", ar.division.as_str()))
        .meta("area", path)
        .meta("level", t.sub("area_kind", ar.division.as_str()))
        .filter("township", townships(model, [a]));
    for r in Reading::place(&ar.name, ar.pinyin.as_deref()) {
        b.pinyin(&r);
    }
    let stations = model.links.stations_serving(&model.places, a);
    for &s in stations.iter().take(3) {
        b.text(&model.stations[s as usize].name);
    }
    let first = stations
        .iter()
        .filter_map(|&s| {
            model.schedules.by_station[s as usize]
                .first()
                .map(|o| ((o.date, o.start, s), (s, 0)))
        })
        .min()
        .map(|(_, r)| r);
    b.meta("next", next_reception(model, t, first));
    b.done()
}

fn unit(model: &Model, t: &Labels<'_>, u: u32) -> Record {
    let un = &model.places.units[u as usize];
    let mut b = Builder::new(urls::item("units", &un.id), "unit", &un.name, None);
    b.text(t.get("elected_by_area"))
        .meta("level", t.get("elected_by_area"))
        .pinyin(&Reading::of(&un.name, un.pinyin.as_deref()));
    b.done()
}

fn deputy(model: &Model, t: &Labels<'_>, d: u32) -> Record {
    let dep = &model.deputies[d as usize];
    let (seat, covers): (&str, Vec<u32>) = match dep.seat {
        Seat::Constituency(c) => {
            let con = &model.places.constituencies[c as usize];
            (&con.name, con.covers.clone())
        }
        Seat::Area(a) => (&model.places.areas[a as usize].name, vec![a]),
        Seat::Unit(u) => (&model.places.units[u as usize].name, Vec::new()),
    };
    let home = deputy_home(model, d);
    let level = t.sub("level", dep.level.as_str());
    let mut b = Builder::new(urls::item("deputies", &dep.id), "deputy", &dep.name, home);
    b.text(level).text(seat);
    let covered: Vec<&str> = covers
        .iter()
        .map(|&a| model.places.areas[a as usize].name.as_str())
        .collect();
    let mut area = if matches!(dep.seat, Seat::Constituency(_)) && !covered.is_empty() {
        let list = crate::site::strings::list_in(t.0, &covered);
        format!(
            "{seat}{}{list}{}",
            t.get("paren_open"),
            t.get("paren_close")
        )
    } else {
        seat.to_owned()
    };
    // A namesake elected by the same seat is told apart by occupation or term too.
    if let Some(note) = crate::site::cards::distinction(model, d)
        && let Some(more) = note.strip_prefix(seat)
    {
        area.push_str(more);
    }
    for name in &covered {
        b.text(name);
    }
    // Searchable, but not result metadata: the results page shows no occupation, and
    // pagefind indexes every metadata field as words of its own (`benches/README.md`,
    // "Search index: CPU per record").
    if let Some(o) = &dep.occupation {
        b.text(o);
    }
    for &s in &dep.stations {
        b.text(&model.stations[s as usize].name);
    }
    // Deputies elected by an area's congress sit above any township; a constituency's
    // villages name theirs.
    let towns = match dep.seat {
        Seat::Constituency(_) => townships(model, covers.iter().copied()),
        _ => Vec::new(),
    };
    b.meta("level", level)
        .meta("area", area)
        .filter("level", vec![dep.level.as_str().to_owned()])
        .filter("township", towns)
        // In a tree that shows names in pinyin, the keys come from the Chinese name.
        .pinyin(&Reading::person(
            dep.also_known_as().first().unwrap_or(&dep.name),
            dep.pinyin(),
        ))
        .pinyin(&Reading::of(
            dep.also_known_as().first().unwrap_or(&dep.name),
            dep.pinyin(),
        ));
    if let Some(native) = dep.name_native() {
        b.text(&native.text);
    }
    for other in dep.also_known_as() {
        b.text(other);
    }
    if dep.is_active() {
        b.meta(
            "next",
            next_reception(
                model,
                t,
                model.schedules.by_deputy[d as usize].first().copied(),
            ),
        );
    } else {
        b.meta("ended", t.get("ended_notice"));
    }
    b.done()
}

fn station(model: &Model, t: &Labels<'_>, s: u32) -> Record {
    let st = &model.stations[s as usize];
    let area_name = &model.places.areas[st.area as usize].name;
    let mut b = Builder::new(
        urls::item("stations", &st.id),
        "station",
        &st.name,
        Some(st.area),
    );
    b.text(t.sub("station_kind", st.kind.as_str()))
        .text(area_name);
    for &a in &st.serves {
        b.text(&model.places.areas[a as usize].name);
    }
    // Searchable, not shown in results (as a deputy's occupation).
    if let Some(addr) = &st.address {
        b.text(addr);
    }
    let mut towns = townships(model, [st.area]);
    for tw in townships(model, st.serves.iter().copied()) {
        if !towns.contains(&tw) {
            towns.push(tw);
        }
    }
    let first = (!model.schedules.by_station[s as usize].is_empty()).then_some((s, 0));
    b.meta("level", t.sub("station_kind", st.kind.as_str()))
        .meta("area", format!("{} › {area_name}", parents(model, st.area)))
        .meta("next", next_reception(model, t, first))
        .filter("township", towns);
    for r in Reading::place(&st.name, st.pinyin.as_deref()) {
        b.pinyin(&r);
    }
    b.done()
}

fn activity(model: &Model, t: &Labels<'_>, a: u32) -> Record {
    let act = &model.activities[a as usize];
    let place = activity_place(model, a);
    let mut b = Builder::new(
        urls::item("activities", &act.id),
        "activity",
        &act.title,
        place,
    );
    b.text(t.sub("activity_kind", act.kind.as_str()));
    for &d in &act.deputies {
        b.text(&model.deputies[d as usize].name);
    }
    if let Some(s) = act.station {
        b.text(&model.stations[s as usize].name);
    }
    if let Some(p) = place {
        b.text(&model.places.areas[p as usize].name)
            .meta("area", model.places.areas[p as usize].name.as_str());
    }
    b.text(&plain_text(&act.body_html, 200))
        .meta("level", t.sub("activity_kind", act.kind.as_str()))
        .meta("date", act.date.to_string())
        .filter("township", townships(model, place));
    b.done()
}

fn suggestion(model: &Model, t: &Labels<'_>, s: u32) -> Record {
    let sg = &model.suggestions[s as usize];
    let place = suggestion_place(model, s);
    let title = format!("{} {}", t.get("suggestion"), sg.id);
    let mut b = Builder::new(
        urls::item("suggestions", &sg.id),
        "suggestion",
        &title,
        place,
    );
    b.text(&sg.summary);
    if let Some(c) = &sg.category {
        b.text(c);
    }
    for &d in &sg.deputies {
        b.text(&model.deputies[d as usize].name);
    }
    if let Some(h) = sg.handler {
        b.text(&model.handlers[h as usize].name);
    }
    if let Some(p) = place {
        b.text(&model.places.areas[p as usize].name)
            .meta("area", model.places.areas[p as usize].name.as_str());
    }
    b.meta("level", t.sub("status", sg.derived.status.as_str()))
        .meta("date", sg.received.to_string())
        .filter("township", townships(model, place));
    b.done()
}

fn page(model: &Model, t: &Labels<'_>, p: u32) -> Record {
    let pg = &model.pages[p as usize];
    let mut b = Builder::new(format!("{}/index.html", pg.path), "page", &pg.title, None);
    if let Some(d) = &pg.description {
        b.text(d);
    }
    b.text(&plain_text(&pg.body_html, 2000))
        .meta("level", t.sub("search_kind", "page"));
    b.done()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Regression: renaming the model's parameter once turned the date pattern's `{m}` into
    /// `{model}`, and every "next reception" in the search results read `{model}月5日`.
    #[test]
    fn the_next_reception_in_search_results_is_a_date_not_a_pattern() {
        let site = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
        let as_of = jiff::civil::date(2026, 11, 23);
        let model =
            match crate::sources::load(&site).map(|(s, _)| crate::model::build_from(&s, as_of)) {
                Ok(Ok((model, _))) => model,
                _ => panic!("the demo site loads"),
            };
        let strings: Value =
            serde_saphyr::from_str(include_str!("../../../themes/default/i18n/zh-Hans.yaml"))
                .expect("the UI strings parse");
        let labels = Labels(&strings);
        let first = (0..model.stations.len())
            .find(|&s| {
                model
                    .schedules
                    .by_station
                    .get(s)
                    .is_some_and(|o| !o.is_empty())
            })
            .map(|s| (s as u32, 0));
        let text = next_reception(&model, &labels, first);
        assert!(text.contains('月') && text.contains('日'), "{text}");
        assert!(!text.contains('{'), "{text}");
    }
}
