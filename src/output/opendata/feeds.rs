//! Atom feeds (RFC 4287) of activity reports for one deputy (`deputies/<id>/feed.xml`),
//! one station (`stations/<id>/feed.xml`), one township (`areas/<id>/feed.xml`) and one
//! liaison group (`groups/<id>/feed.xml`: the activities naming the group); the
//! site-wide feed (`feed.xml`) is written by `output::feeds` in the same shape.
//!
//! A deputy's feed holds the activities naming them; a station's, those held at it; a
//! township's, those whose `area` or whose station's area is the township or a place in it.
//! Each feed holds the newest 50, newest first, and exists also when empty (its page links
//! to it). Everything comes from the content: the feed's `id` and alternate link are its
//! page's address, `updated` is the newest entry's date (the as-of date for an empty feed),
//! and each entry's `id` is the activity page's address — the same content and as-of date
//! give the same bytes.

use rayon::prelude::*;

use crate::escape::markup;
use crate::model::Model;
use crate::output::{Put, WriteError};
use crate::site::Strings;
use crate::site::congress::ui;
use crate::site::urls;
use crate::vocab::AreaKind;

/// Entries per feed, as in the site-wide feed.
const ENTRIES: usize = 50;

/// The path of the feed beside a page (`deputies/<id>/feed.xml`).
pub use crate::site::files::feed_path as path;

/// The feed of `page` (a page path below the root) titled `title`, with the activities
/// `entries` (newest first).
pub fn atom(model: &Model, title: &str, page: &str, entries: &[u32]) -> String {
    let base = &model.config.base_url;
    let alt = format!("{base}{}", urls::pretty(page));
    let own = format!("{alt}feed.xml");
    let updated = entries.first().map_or_else(
        || model.as_of.to_string(),
        |&a| model.activities[a as usize].date.to_string(),
    );
    let author = if model.config.publisher.is_empty() {
        &model.config.title
    } else {
        &model.config.publisher
    };
    let mut s = format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n<title>{}</title>\n<id>{}</id>\n<link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n<link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>\n<updated>{updated}T00:00:00Z</updated>\n<author><name>{}</name></author>\n",
        model.config.language.as_str(),
        markup(title),
        markup(&alt),
        markup(&alt),
        markup(&own),
        markup(author),
    );
    for &a in entries.iter().take(ENTRIES) {
        let act = &model.activities[a as usize];
        let url = format!("{base}{}", urls::pretty(&urls::item("activities", &act.id)));
        s.push_str(&format!(
            "<entry><title>{}</title><id>{}</id><link rel=\"alternate\" type=\"text/html\" href=\"{}\"/><updated>{}T00:00:00Z</updated><category term=\"{}\"/><content type=\"html\">{}</content></entry>\n",
            markup(&act.title),
            markup(&url),
            markup(&url),
            act.date,
            act.kind.as_str(),
            markup(&act.body_html)
        ));
    }
    s.push_str("</feed>\n");
    s
}

/// Per area: the township it is in (itself for a township), if any.
fn townships(model: &Model) -> Vec<Option<u32>> {
    let areas = &model.places.areas;
    let mut out: Vec<Option<u32>> = vec![None; areas.len()];
    // Parents before children is not guaranteed by file order, so walk each chain; the
    // tree is shallow (at most six kinds of place), so this stays linear.
    for (a, slot) in out.iter_mut().enumerate() {
        *slot = model
            .places
            .chain(a as u32)
            .find(|&x| areas[x as usize].kind == AreaKind::Township);
    }
    out
}

/// Per township (by area index): its activities, newest first.
pub fn township_activities(model: &Model) -> Vec<Vec<u32>> {
    let town = townships(model);
    let mut out: Vec<Vec<u32>> = vec![Vec::new(); model.places.areas.len()];
    for &a in &model.links.activities_newest {
        let act = &model.activities[a as usize];
        let by_area = act.area.and_then(|x| town[x as usize]);
        let by_station = act
            .station
            .and_then(|s| town[model.stations[s as usize].area as usize]);
        for t in [by_area, by_station].into_iter().flatten() {
            let list = &mut out[t as usize];
            if list.last() != Some(&a) {
                list.push(a);
            }
        }
    }
    out
}

/// Writes every deputy's, station's and township's feed through `put`; returns how many.
pub fn write_all(model: &Model, strings: &Strings, put: &Put<'_>) -> Result<usize, WriteError> {
    let pattern = ui(strings, "feed_title_of", "{name} · 履职活动");
    let title = |name: &str| pattern.replace("{name}", name);
    // A deputy's feed only when the deputy has activities (`site::files::has_feed`).
    let with_feed: Vec<usize> = (0..model.deputies.len())
        .filter(|&d| crate::site::files::has_feed(model, d))
        .collect();
    with_feed.par_iter().try_for_each(|&d| {
        let dep = &model.deputies[d];
        let page = urls::item("deputies", &dep.id);
        let xml = atom(
            model,
            &title(&dep.name),
            &page,
            &model.links.deputy_activities[d],
        );
        put(&path("deputies", &dep.id), xml.as_bytes())
    })?;
    (0..model.stations.len())
        .into_par_iter()
        .try_for_each(|s| {
            let st = &model.stations[s];
            let page = urls::item("stations", &st.id);
            let xml = atom(
                model,
                &title(&st.name),
                &page,
                &model.links.station_activities[s],
            );
            put(&path("stations", &st.id), xml.as_bytes())
        })?;
    let by_town = township_activities(model);
    let towns: Vec<usize> = (0..model.places.areas.len())
        .filter(|&a| model.places.areas[a].kind == AreaKind::Township)
        .collect();
    towns.par_iter().try_for_each(|&a| {
        let ar = &model.places.areas[a];
        let page = urls::item("areas", &ar.id);
        let xml = atom(model, &title(&ar.name), &page, &by_town[a]);
        put(&path("areas", &ar.id), xml.as_bytes())
    })?;
    let groups = &model.groups;
    (0..groups.list.len()).into_par_iter().try_for_each(|g| {
        let gr = &groups.list[g];
        let page = urls::item("groups", &gr.id);
        let xml = atom(model, &title(&gr.name), &page, &groups.activities[g]);
        put(&path("groups", &gr.id), xml.as_bytes())
    })?;
    Ok(with_feed.len() + model.stations.len() + towns.len() + groups.list.len())
}
