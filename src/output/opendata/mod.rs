//! Open data: every fact on the site in the formats civic tools already read.
//!
//! - [`popolo`]: `data/popolo.json` (people, congresses, stations, handlers, places, seats);
//! - [`csv`]: `data/deputies.csv`, `data/stations.csv`, `data/areas.csv`,
//!   `data/activities.csv`, `data/report-backs.csv`; each also as a workbook
//!   (`data/deputies.xlsx` …, see `output::xlsx`), as is `data/suggestions.csv`;
//!   `data/areas.xlsx` has two sheets more, the constituencies and the electing units, so
//!   it is an `areas.xlsx` source as it is;
//! - [`vcard`]: the contact cards `deputies/<id>/contact.vcf`;
//! - [`feeds`]: Atom feeds of activities per deputy, station and township;
//!
//! The `/data/` page lists every download with its size. [`write_downloads`] makes each
//! download, writes it and drops it, and returns only what the page shows (a
//! [`Download`]: path, format, size, last change); a build calls it before the pages and
//! hands the list to them, so at most the downloads being made are held in memory (at
//! national size Popolo alone is about 2 GB).
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

pub mod csv;
pub mod feeds;
pub mod popolo;
pub mod vcard;

use jiff::civil::Date;
use rayon::prelude::*;

use super::{Put, WriteError, ics, suggestion_data};
use crate::model::Model;
use crate::site::Strings;
use crate::site::files::Download;

/// The downloads of this module, in page order.
pub const PATHS: [&str; 6] = [
    "data/popolo.json",
    "data/deputies.csv",
    "data/stations.csv",
    "data/areas.csv",
    "data/activities.csv",
    crate::site::report_backs::CSV_PATH,
];

/// Makes every download and passes it to `put` as soon as it is made (so at most the
/// downloads being made are in memory); returns the list of what was written (path,
/// format, size, last change), which the `/data/` page shows.
pub fn write_downloads(
    model: &Model,
    strings: &Strings,
    put: &Put<'_>,
    memo: &Memo<'_>,
) -> Result<Vec<Download>, WriteError> {
    make(model, strings, put, memo).map_err(WriteError)
}

/// Files made from inputs that are cheap to hash but costly to turn into the file (the
/// workbooks: a zip of XML made from a CSV download). An incremental build asks [`Memo::known`]
/// with the file's path and a fingerprint of its inputs: `Some(size)` when the output folder
/// holds the file made from the same inputs by this binary (it is kept as it is, not made);
/// otherwise the file is made and passed to [`Memo::put`] with the fingerprint, which the
/// manifest keeps for the next build.
pub struct Memo<'a> {
    pub known: &'a (dyn Fn(&str, &str) -> Option<u64> + Sync),
    pub put: &'a PutMade<'a>,
    /// Where a workbook keeps its rows while it is made (the build's own temporary folder,
    /// beside the output); `None`: the system's temporary folder.
    pub scratch: Option<&'a std::path::Path>,
    /// Where a download too big to hold in memory is written as it is made
    /// (`data/popolo.json`); `None`: it is made in memory and passed to `put`.
    pub streamed: Option<&'a PutStreamed<'a>>,
}

/// Writes the file at a path as the function given makes it; returns its size.
pub type PutStreamed<'a> = dyn Fn(
        &str,
        &mut dyn FnMut(&mut dyn std::io::Write) -> std::io::Result<()>,
    ) -> Result<u64, WriteError>
    + Sync
    + 'a;

/// Where [`Memo`] sends a file it made: its path, bytes and the fingerprint of its inputs.
pub type PutMade<'a> = dyn Fn(&str, &[u8], String) -> Result<(), WriteError> + Sync + 'a;

impl std::fmt::Debug for Memo<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Memo")
    }
}

/// The fingerprint of a workbook's inputs: each sheet's CSV bytes and name, and the as-of
/// date (its creation date), as 32 hex digits (two hashes with different keys).
fn workbook_print(sheets: &[(&[u8], &str)], as_of: Date) -> String {
    use std::hash::{Hash, Hasher};
    let (mut a, mut b) = (
        std::hash::DefaultHasher::new(),
        std::hash::DefaultHasher::new(),
    );
    b.write_u64(0x786c_7378_0000_0001);
    for h in [&mut a, &mut b] {
        "xlsx".hash(h);
        as_of.to_string().hash(h);
        for (csv, sheet) in sheets {
            sheet.hash(h);
            csv.hash(h);
        }
    }
    format!("{:016x}{:016x}", a.finish(), b.finish())
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

fn make(
    model: &Model,
    strings: &Strings,
    put: &Put<'_>,
    memo: &Memo<'_>,
) -> Result<Vec<Download>, String> {
    let as_of = model.as_of;
    let activity = newest(model.activities.iter().map(|a| a.date), as_of);
    let suggestion = newest(
        model.suggestions.iter().flat_map(|s| {
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
        report_backs_path,
    ] = PATHS;
    // Each file is written and dropped as soon as it is made.
    let d = |path: &str, key, format, made: Result<Vec<u8>, String>, updated| {
        let bytes = made.map_err(|e| format!("{path}: {e}"))?;
        put(path, &bytes).map_err(|e| e.0)?;
        Ok::<_, String>(Download {
            path: path.to_owned(),
            key,
            format,
            size: bytes.len() as u64,
            updated,
        })
    };
    fn e(e: impl std::fmt::Display) -> String {
        e.to_string()
    }
    // Each CSV download also as a workbook (`data/deputies.xlsx` …), listed after it, with
    // the `more` sheets after the CSV's (the areas' constituencies and electing units).
    // A workbook whose CSVs, sheets and date are those of the last build is kept, not made.
    let with_more_xlsx =
        |path: &str,
         key,
         made: Result<Vec<u8>, String>,
         updated,
         sheet: &str,
         more: Vec<(&'static str, Result<Vec<u8>, String>)>| {
            let bytes = made.map_err(|e| format!("{path}: {e}"))?;
            let xlsx_path = format!("{}.xlsx", path.trim_end_matches(".csv"));
            let mut more_bytes = Vec::new();
            for (name, made) in more {
                more_bytes.push((made.map_err(|e| format!("{xlsx_path}: {e}"))?, name));
            }
            let mut sheets: Vec<(&[u8], &str)> = vec![(&bytes, sheet)];
            sheets.extend(more_bytes.iter().map(|(b, n)| (b.as_slice(), *n)));
            let print = workbook_print(&sheets, as_of);
            let xlsx = Download {
                path: xlsx_path.clone(),
                key,
                format: "Excel (XLSX)",
                size: 0,
                updated,
            };
            let xlsx = match (memo.known)(&xlsx_path, &print) {
                Some(size) => Download { size, ..xlsx },
                None => {
                    let workbook = super::xlsx::from_csvs(&sheets, as_of, memo.scratch)
                        .map_err(|e| format!("{xlsx_path}: {e}"))?;
                    (memo.put)(&xlsx_path, &workbook, print).map_err(|e| e.0)?;
                    Download {
                        size: workbook.len() as u64,
                        ..xlsx
                    }
                }
            };
            Ok::<_, String>([d(path, key, "CSV", Ok(bytes), updated)?, xlsx])
        };
    let with_xlsx = |path: &str, key, made, updated, sheet: &str| {
        with_more_xlsx(path, key, made, updated, sheet, Vec::new())
    };
    // Popolo is the biggest; the CSVs are made meanwhile.
    let (popolo, csvs) = rayon::join(
        || match memo.streamed {
            Some(streamed) => {
                let size = streamed(popolo_path, &mut |out| {
                    popolo::write(model, strings, out).map_err(std::io::Error::from)
                })
                .map_err(|e| e.0)?;
                Ok(Download {
                    path: popolo_path.to_owned(),
                    key: "popolo",
                    format: "JSON (Popolo)",
                    size,
                    updated: as_of,
                })
            }
            None => d(
                popolo_path,
                "popolo",
                "JSON (Popolo)",
                popolo::json(model, strings).map_err(e),
                as_of,
            ),
        },
        || {
            Ok::<_, String>([
                with_xlsx(
                    deputies_path,
                    "deputies",
                    csv::deputies(model, strings).map_err(e),
                    as_of,
                    "deputies",
                )?,
                with_xlsx(
                    stations_path,
                    "stations",
                    csv::stations(model).map_err(e),
                    as_of,
                    "stations",
                )?,
                with_more_xlsx(
                    areas_path,
                    "areas",
                    csv::areas(model).map_err(e),
                    as_of,
                    "areas",
                    vec![
                        ("constituencies", csv::constituencies(model).map_err(e)),
                        ("units", csv::units(model).map_err(e)),
                    ],
                )?,
                with_xlsx(
                    activities_path,
                    "activities",
                    csv::activities(model).map_err(e),
                    activity,
                    "activities",
                )?,
                with_xlsx(
                    report_backs_path,
                    "report_backs",
                    csv::report_backs(model, strings).map_err(e),
                    as_of,
                    "report-backs",
                )?,
            ])
        },
    );
    let mut out = vec![popolo?];
    out.extend(csvs?.into_iter().flatten());
    for (path, bytes) in suggestion_data::files(model)? {
        let (key, format) = match path.rsplit('/').next() {
            Some("suggestions.csv") => ("suggestions_csv", "CSV"),
            Some("suggestion-stats.json") => ("suggestion_stats", "JSON"),
            _ => ("suggestions_json", "JSON"),
        };
        if format == "CSV" {
            out.extend(with_xlsx(&path, key, Ok(bytes), suggestion, "suggestions")?);
        } else {
            out.push(d(&path, key, format, Ok(bytes), suggestion)?);
        }
        // The figures also as a workbook, listed after their JSON.
        if key == "suggestion_stats" {
            out.push(d(
                crate::site::files::SUGGESTION_STATS_XLSX,
                key,
                "Excel (XLSX)",
                suggestion_data::stats_workbook(model),
                suggestion,
            )?);
        }
    }
    let feed = super::feeds::atom(model).into_bytes();
    out.push(d("feed.xml", "feed", "Atom", Ok(feed), activity)?);
    let calendar = ics::site_calendar(model, strings).into_bytes();
    out.push(d(
        ics::SITE_PATH,
        "calendar",
        "iCalendar",
        Ok(calendar),
        as_of,
    )?);
    Ok(out)
}

/// Writes the deputies' cards and the feeds of deputies, stations and townships through
/// `put` (the downloads are [`write_downloads`]'); returns how many files there were.
pub fn files(
    model: &Model,
    strings: &Strings,
    labels: &serde_json::Value,
    put: &Put<'_>,
) -> Result<usize, WriteError> {
    let cards: Vec<usize> = (0..model.deputies.len())
        .filter(|&d| vcard::has_card(&model.deputies[d]))
        .collect();
    cards.par_iter().try_for_each(|&d| {
        let card = vcard::card(model, strings, labels, d);
        put(&vcard::path(&model.deputies[d].id), card.as_bytes())
    })?;
    let feeds = feeds::write_all(model, strings, put)?;
    Ok(cards.len() + feeds)
}

#[cfg(test)]
mod tests {
    use super::workbook_print;
    use jiff::civil::date;

    #[test]
    fn a_workbooks_fingerprint_follows_its_csv_sheet_and_date() {
        let day = date(2025, 9, 20);
        let one: &[u8] = b"id,name\na,1\n";
        let base = workbook_print(&[(one, "deputies")], day);
        assert_eq!(base.len(), 32);
        assert_eq!(base, workbook_print(&[(one, "deputies")], day));
        assert_ne!(
            base,
            workbook_print(&[(b"id,name\na,2\n", "deputies")], day)
        );
        assert_ne!(base, workbook_print(&[(one, "stations")], day));
        assert_ne!(
            base,
            workbook_print(&[(one, "deputies")], date(2025, 9, 21))
        );
        // A further sheet, and its name, count too.
        let two = workbook_print(&[(one, "areas"), (b"id\n", "units")], day);
        assert_ne!(two, workbook_print(&[(one, "areas")], day));
        assert_ne!(
            two,
            workbook_print(&[(one, "areas"), (b"id\n", "other")], day)
        );
    }
}
