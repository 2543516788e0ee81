//! Open data: every fact on the site in the formats civic tools already read.
//!
//! - [`popolo`]: `data/popolo.json` (people, congresses, stations, handlers, places, seats);
//! - [`csv`]: `data/deputies.csv`, `data/stations.csv`, `data/areas.csv`,
//!   `data/activities.csv`;
//! - [`vcard`]: the contact cards `deputies/<id>/contact.vcf`;
//! - [`feeds`]: Atom feeds of activities per deputy, station and township;
//! - [`congress`]: which congress each deputy sits in, shared with the JSON-LD of the pages.
//!
//! The `/data/` page lists every download with its size, so the downloads are made before
//! that page renders: [`downloads`] makes them once per model (kept in `Model::downloads`)
//! and both the page (`site::data_page`) and [`files`], which writes them, read that copy.
//! The downloads are this module's files, the suggestion data (`suggestion_data`), the
//! site-wide Atom feed and the site-wide calendar; the per-item files (cards, feeds,
//! calendars of one deputy or station) are not listed one by one and are made as they are
//! written.
//!
//! **Last change** of a download, as the page shows it, is the newest date the file holds,
//! never after the as-of date: the newest activity for the activity list and the feed, the
//! newest received / transferred / replied / history date for the suggestion data; files
//! that describe the state as of the build (deputies, stations, areas, Popolo, the calendar
//! of upcoming receptions) show the as-of date. So it is the same on every build of the same
//! content and as-of date.

pub mod congress;
pub mod csv;
pub mod feeds;
pub mod popolo;
pub mod vcard;

use jiff::civil::Date;
use rayon::prelude::*;

use super::{Put, WriteError, ics, suggestion_data};
use crate::model::Model;
use crate::render::Strings;

/// One file of the `/data/` page.
#[derive(Debug)]
pub struct Download {
    /// Below the site root: `data/popolo.json`.
    pub path: String,
    /// The key of its title in the theme's `data_files` strings.
    pub key: &'static str,
    pub format: &'static str,
    pub bytes: Vec<u8>,
    /// Last change (see the module documentation).
    pub updated: Date,
}

/// The downloads of this module, in page order.
pub const PATHS: [&str; 5] = [
    "data/popolo.json",
    "data/deputies.csv",
    "data/stations.csv",
    "data/areas.csv",
    "data/activities.csv",
];

/// The downloads of the site, made on first use and kept with the model.
pub fn downloads<'m>(m: &'m Model, t: &Strings) -> Result<&'m [Download], String> {
    m.downloads
        .get_or_init(|| make(m, t))
        .as_deref()
        .map_err(Clone::clone)
}

/// Positions of `items` sorted by the id `key` gives.
pub fn by_id<T>(items: &[T], key: impl Fn(&T) -> &str) -> Vec<usize> {
    let mut order: Vec<usize> = (0..items.len()).collect();
    order.sort_unstable_by(|&a, &b| key(&items[a]).cmp(key(&items[b])));
    order
}

fn newest(dates: impl Iterator<Item = Date>, as_of: Date) -> Date {
    dates.filter(|&d| d <= as_of).max().unwrap_or(as_of)
}

fn make(m: &Model, t: &Strings) -> Result<Vec<Download>, String> {
    let as_of = m.as_of;
    let activity = newest(m.activities.iter().map(|a| a.date), as_of);
    let suggestion = newest(
        m.suggestions.iter().flat_map(|s| {
            [Some(s.received), s.transferred, s.replied]
                .into_iter()
                .flatten()
                .chain(s.history.iter().map(|h| h.date))
        }),
        as_of,
    );
    let [
        popolo_path,
        deputies_path,
        stations_path,
        areas_path,
        activities_path,
    ] = PATHS;
    fn at(path: &str) -> impl Fn(String) -> String + '_ {
        move |e| format!("{path}: {e}")
    }
    // Popolo is the biggest; the CSVs are made meanwhile.
    let (popolo, csvs) = rayon::join(
        || popolo::json(m, t).map_err(|e| at(popolo_path)(e.to_string())),
        || {
            Ok::<_, String>((
                csv::deputies(m, t).map_err(|e| at(deputies_path)(e.to_string()))?,
                csv::stations(m).map_err(|e| at(stations_path)(e.to_string()))?,
                csv::areas(m).map_err(|e| at(areas_path)(e.to_string()))?,
                csv::activities(m).map_err(|e| at(activities_path)(e.to_string()))?,
            ))
        },
    );
    let (deputies, stations, areas, activities) = csvs?;
    let d = |path: &str, key, format, bytes, updated| Download {
        path: path.to_owned(),
        key,
        format,
        bytes,
        updated,
    };
    let mut out = vec![
        d(popolo_path, "popolo", "JSON (Popolo)", popolo?, as_of),
        d(deputies_path, "deputies", "CSV", deputies, as_of),
        d(stations_path, "stations", "CSV", stations, as_of),
        d(areas_path, "areas", "CSV", areas, as_of),
        d(activities_path, "activities", "CSV", activities, activity),
    ];
    for (path, bytes) in suggestion_data::files(m)? {
        let (key, format) = match path.rsplit('/').next() {
            Some("suggestions.csv") => ("suggestions_csv", "CSV"),
            Some("suggestion-stats.json") => ("suggestion_stats", "JSON"),
            _ => ("suggestions_json", "JSON"),
        };
        out.push(d(&path, key, format, bytes, suggestion));
    }
    out.push(d(
        "feed.xml",
        "feed",
        "Atom",
        super::feeds::atom(m).into_bytes(),
        activity,
    ));
    out.push(d(
        ics::SITE_PATH,
        "calendar",
        "iCalendar",
        ics::site_calendar(m, t).into_bytes(),
        as_of,
    ));
    Ok(out)
}

/// Writes the downloads, the deputies' cards and the feeds of deputies, stations and
/// townships through `put`; returns how many files there were.
pub fn files(
    m: &Model,
    t: &Strings,
    labels: &serde_json::Value,
    put: &Put<'_>,
) -> Result<usize, WriteError> {
    let list = downloads(m, t).map_err(WriteError)?;
    list.par_iter().try_for_each(|f| put(&f.path, &f.bytes))?;
    let cards: Vec<usize> = (0..m.deputies.len())
        .filter(|&d| vcard::has_card(&m.deputies[d]))
        .collect();
    cards.par_iter().try_for_each(|&d| {
        let card = vcard::card(m, t, labels, d);
        put(&vcard::path(&m.deputies[d].id), card.as_bytes())
    })?;
    let feeds = feeds::write_all(m, t, put)?;
    Ok(list.len() + cards.len() + feeds)
}
