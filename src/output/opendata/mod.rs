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
//! The `/data/` page lists every download with its size. [`write_downloads`] writes each
//! download as it is made, straight into the build's folder ([`Memo::streamed`]; each
//! workbook is then made from its CSV as written), and returns only what the page shows
//! (a [`Download`]: path, format, size, last change); a build calls it before the pages
//! and hands the list to them. So no CSV or JSON download is ever whole in memory (at
//! national size Popolo is 2.3 GB, the deputies' CSV 0.9 GB); the workbooks, the site's
//! feed and its calendar are made whole. `serve`, which keeps its site in memory, makes
//! each download in memory instead.
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

use std::io::{Read, Write};
use std::path::PathBuf;

use jiff::civil::Date;
use rayon::prelude::*;

use super::{Put, WriteError, ics, incremental, suggestion_data};
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

/// Makes every download: writes it as it is made through [`Memo::streamed`], or, without
/// one, makes it in memory and passes it to `put`; returns the list of what was written
/// (path, format, size, last change), which the `/data/` page shows.
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
    /// Where the downloads are written as they are made, never whole in memory (at
    /// national size Popolo is 2.3 GB, the deputies' CSV 0.9 GB); `None`: each is made in
    /// memory and passed to `put`. The workbooks, the site's feed and calendar are made
    /// whole either way.
    pub streamed: Option<&'a PutStreamed<'a>>,
}

/// Writes the file at a path as the function given makes it.
pub type PutStreamed<'a> = dyn Fn(
        &str,
        &mut dyn FnMut(&mut dyn Write) -> std::io::Result<()>,
    ) -> Result<StreamedFile, WriteError>
    + Sync
    + 'a;

/// A file [`PutStreamed`] wrote: its size, its hash as [`incremental::Streamed`] takes it,
/// and its copy in the build's folder, which can be read again (the workbook of a CSV is
/// made from it). When the destination held these bytes already, the file is kept there
/// and this copy is only a copy: it is removed when this value is dropped.
#[derive(Debug)]
pub struct StreamedFile {
    pub size: u64,
    pub hash: u64,
    pub at: PathBuf,
    spare: bool,
}

impl StreamedFile {
    /// The file at `at`; `spare`: a copy of a file the destination keeps.
    pub fn new(size: u64, hash: u64, at: PathBuf, spare: bool) -> Self {
        StreamedFile {
            size,
            hash,
            at,
            spare,
        }
    }
}

impl Drop for StreamedFile {
    fn drop(&mut self) {
        // A copy left behind (the removal failed) goes with the build's folder.
        if self.spare {
            let _ = std::fs::remove_file(&self.at);
        }
    }
}

/// Where [`Memo`] sends a file it made: its path, bytes and the fingerprint of its inputs.
pub type PutMade<'a> = dyn Fn(&str, &[u8], String) -> Result<(), WriteError> + Sync + 'a;

impl std::fmt::Debug for Memo<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Memo")
    }
}

/// The fingerprint of a workbook's inputs: each sheet's CSV (its hash and size as
/// written: the 64 bits that also decide whether the CSV itself is kept) and name, and the
/// as-of date (its creation date), as 32 hex digits (two hashes with different keys).
fn workbook_print(sheets: &[(u64, u64, &str)], as_of: Date) -> String {
    use std::hash::{Hash, Hasher};
    let (mut a, mut b) = (
        std::hash::DefaultHasher::new(),
        std::hash::DefaultHasher::new(),
    );
    b.write_u64(0x786c_7378_0000_0001);
    for h in [&mut a, &mut b] {
        "xlsx".hash(h);
        as_of.to_string().hash(h);
        for (hash, size, sheet) in sheets {
            sheet.hash(h);
            hash.hash(h);
            size.hash(h);
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

/// Where a download can be read again while the build runs: its workbook is made from it.
enum Readable {
    Memory(Vec<u8>),
    File(StreamedFile),
}

/// A download as written: its size, its hash (as [`incremental::Streamed`] takes it) and
/// its copy.
struct Written {
    size: u64,
    hash: u64,
    copy: Readable,
}

impl Written {
    /// The bytes again, from the start.
    fn reader(&self) -> Result<Box<dyn Read + '_>, String> {
        Ok(match &self.copy {
            Readable::Memory(bytes) => Box::new(bytes.as_slice()),
            Readable::File(file) => Box::new(
                std::fs::File::open(&file.at)
                    .map_err(|e| format!("cannot read {} again: {e}", file.at.display()))?,
            ),
        })
    }
}

/// What makes a download, into the writer it is given.
type Make<'m> = dyn FnMut(&mut dyn Write) -> std::io::Result<()> + 'm;

/// Make a file in memory (a further sheet of a workbook, or a download when nothing
/// streams): its bytes and their hash, as [`incremental::Streamed`] takes it.
fn in_memory(path: &str, make: &mut Make<'_>) -> Result<(Vec<u8>, u64), String> {
    let failed = |e: std::io::Error| format!("{path}: {e}");
    let mut out = std::io::BufWriter::new(incremental::Streamed::new(Vec::new()));
    make(&mut out).map_err(failed)?;
    let streamed = out.into_inner().map_err(|e| failed(e.into_error()))?;
    let (bytes, hash, _) = streamed.into_parts().map_err(failed)?;
    Ok((bytes, hash))
}

/// [`in_memory`], as a sheet to read again.
fn sheet_in_memory(path: &str, make: &mut Make<'_>) -> Result<Written, String> {
    let (bytes, hash) = in_memory(path, make)?;
    Ok(Written {
        size: bytes.len() as u64,
        hash,
        copy: Readable::Memory(bytes),
    })
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
    // A download written as it is made: straight into the build's folder when the build
    // streams, else in memory and passed to `put`.
    let write = |path: &str, make: &mut Make<'_>| -> Result<Written, String> {
        match memo.streamed {
            Some(streamed) => {
                let file = streamed(path, make).map_err(|e| e.0)?;
                Ok(Written {
                    size: file.size,
                    hash: file.hash,
                    copy: Readable::File(file),
                })
            }
            None => {
                let (bytes, hash) = in_memory(path, make)?;
                put(path, &bytes).map_err(|e| e.0)?;
                Ok(Written {
                    size: bytes.len() as u64,
                    hash,
                    copy: Readable::Memory(bytes),
                })
            }
        }
    };
    let listed = |path: &str, key, format, written: &Written, updated| Download {
        path: path.to_owned(),
        key,
        format,
        size: written.size,
        updated,
    };
    // A small file made whole (the site's feed and calendar, a workbook of figures).
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
    // Each CSV download also as a workbook (`data/deputies.xlsx` …), listed after it, with
    // the `more` sheets after the CSV's (the areas' constituencies and electing units, made
    // in memory: they are not downloads of their own). The workbook is made from the CSV
    // as written (the build's copy, even of a CSV the destination keeps); one whose CSVs,
    // sheets and date are those of the last build is kept.
    let with_more_xlsx = |path: &str,
                          key,
                          updated,
                          sheet: &str,
                          make: &mut Make<'_>,
                          more: Vec<(&'static str, &mut Make<'_>)>| {
        let csv = write(path, make)?;
        let xlsx_path = format!("{}.xlsx", path.trim_end_matches(".csv"));
        let mut sheets = vec![(csv, sheet)];
        for (name, make) in more {
            sheets.push((sheet_in_memory(&xlsx_path, make)?, name));
        }
        let print = workbook_print(
            &sheets
                .iter()
                .map(|(w, name)| (w.hash, w.size, *name))
                .collect::<Vec<_>>(),
            as_of,
        );
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
                let readers = sheets
                    .iter()
                    .map(|(w, name)| Ok((w.reader()?, *name)))
                    .collect::<Result<Vec<_>, String>>()
                    .map_err(|e| format!("{xlsx_path}: {e}"))?;
                let workbook = super::xlsx::from_csvs(readers, as_of, memo.scratch)
                    .map_err(|e| format!("{xlsx_path}: {e}"))?;
                (memo.put)(&xlsx_path, &workbook, print).map_err(|e| e.0)?;
                Download {
                    size: workbook.len() as u64,
                    ..xlsx
                }
            }
        };
        Ok::<_, String>([listed(path, key, "CSV", &sheets[0].0, updated), xlsx])
    };
    let with_xlsx = |path: &str, key, updated, sheet: &str, make: &mut Make<'_>| {
        with_more_xlsx(path, key, updated, sheet, make, Vec::new())
    };
    // Popolo is the biggest; the CSVs are made meanwhile.
    let (popolo, csvs) = rayon::join(
        || {
            let written = write(popolo_path, &mut |out| {
                popolo::write(model, strings, out).map_err(std::io::Error::from)
            })?;
            Ok::<_, String>(listed(
                popolo_path,
                "popolo",
                "JSON (Popolo)",
                &written,
                as_of,
            ))
        },
        || {
            let sheet = |made: Result<(), ::csv::Error>| made.map_err(std::io::Error::from);
            Ok::<_, String>([
                with_xlsx(deputies_path, "deputies", as_of, "deputies", &mut |out| {
                    sheet(csv::deputies(model, strings, out))
                })?,
                with_xlsx(stations_path, "stations", as_of, "stations", &mut |out| {
                    sheet(csv::stations(model, out))
                })?,
                with_more_xlsx(
                    areas_path,
                    "areas",
                    as_of,
                    "areas",
                    &mut |out| sheet(csv::areas(model, out)),
                    vec![
                        ("constituencies", &mut |out| {
                            sheet(csv::constituencies(model, out))
                        }),
                        ("units", &mut |out| sheet(csv::units(model, out))),
                    ],
                )?,
                with_xlsx(
                    activities_path,
                    "activities",
                    activity,
                    "activities",
                    &mut |out| sheet(csv::activities(model, out)),
                )?,
                with_xlsx(
                    report_backs_path,
                    "report_backs",
                    as_of,
                    "report-backs",
                    &mut |out| sheet(csv::report_backs(model, strings, out)),
                )?,
            ])
        },
    );
    let mut out = vec![popolo?];
    out.extend(csvs?.into_iter().flatten());
    let [json_path, csv_path, stats_path] = suggestion_data::PATHS;
    let order = suggestion_data::order(model);
    let json = write(json_path, &mut |out| {
        suggestion_data::json(model, &order, out)
    })?;
    out.push(listed(
        json_path,
        "suggestions_json",
        "JSON",
        &json,
        suggestion,
    ));
    out.extend(with_xlsx(
        csv_path,
        "suggestions_csv",
        suggestion,
        "suggestions",
        &mut |out| suggestion_data::csv(model, &order, out).map_err(std::io::Error::from),
    )?);
    drop(order);
    let stats = write(stats_path, &mut |out| {
        suggestion_data::stats_json(model, out)
    })?;
    out.push(listed(
        stats_path,
        "suggestion_stats",
        "JSON",
        &stats,
        suggestion,
    ));
    // The figures also as a workbook, listed after their JSON.
    out.push(d(
        crate::site::files::SUGGESTION_STATS_XLSX,
        "suggestion_stats",
        "Excel (XLSX)",
        suggestion_data::stats_workbook(model, memo.scratch),
        suggestion,
    )?);
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
        let base = workbook_print(&[(7, 12, "deputies")], day);
        assert_eq!(base.len(), 32);
        assert_eq!(base, workbook_print(&[(7, 12, "deputies")], day));
        assert_ne!(base, workbook_print(&[(8, 12, "deputies")], day));
        assert_ne!(base, workbook_print(&[(7, 13, "deputies")], day));
        assert_ne!(base, workbook_print(&[(7, 12, "stations")], day));
        assert_ne!(
            base,
            workbook_print(&[(7, 12, "deputies")], date(2025, 9, 21))
        );
        // A further sheet, and its name, count too.
        let two = workbook_print(&[(7, 12, "areas"), (1, 4, "units")], day);
        assert_ne!(two, workbook_print(&[(7, 12, "areas")], day));
        assert_ne!(
            two,
            workbook_print(&[(7, 12, "areas"), (1, 4, "other")], day)
        );
    }
}
