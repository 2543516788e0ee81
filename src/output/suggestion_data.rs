//! Open data of suggestion outcomes under `/data/`: every record with its derived status
//! as JSON and CSV, and the accountability figures as JSON.
//!
//! - `data/suggestions.json`: `{"as_of": …, "records": [...]}`, one record per line.
//! - `data/suggestions.csv`: UTF-8 with a byte order mark (so spreadsheet programs detect
//!   it), the same columns in the same order as the JSON records; list cells are joined
//!   with `;` as in the content format, an absent value is an empty cell.
//! - `data/suggestion-stats.json`: `overall`, `years`, `handlers`, `categories`, `areas`,
//!   `stations` and `deputies`, each group with its raw counts and median days to reply;
//!   the same figures as a workbook, `data/suggestion-stats.xlsx` ([`stats_workbook`]).
//!
//! Each is written as it is made ([`json`], [`csv`], [`stats_json`]): the records one at a
//! time, never all of them in memory.
//! Records are in id order ([`order`]); every map is sorted by key, so the bytes depend on the content only.

use std::collections::BTreeMap;
use std::io::Write;

use serde::Serialize;

use crate::model::Model;
use crate::model::stats::{Figures, Groups, Stats};
use crate::site::urls;

/// The files of [`json`], [`csv`] and [`stats_json`], below the site root: records as JSON,
/// as CSV, and the figures.
pub use crate::site::files::SUGGESTION_DATA as PATHS;

/// One published record: its fields, then what is derived from them.
#[derive(Debug, Serialize)]
pub struct RecordOut<'a> {
    pub id: &'a str,
    pub received: String,
    pub channel: &'static str,
    pub deputies: Vec<&'a str>,
    pub station: Option<&'a str>,
    pub area: Option<&'a str>,
    pub category: Option<&'a str>,
    pub summary: &'a str,
    pub handler: Option<&'a str>,
    pub transferred: Option<String>,
    /// The first reply.
    pub replied: Option<String>,
    pub reply: Option<&'a str>,
    pub priority: bool,
    pub extended: bool,
    pub status: &'static str,
    pub deadline: Option<String>,
    pub overdue: bool,
    pub replied_late: bool,
    pub days_to_reply: Option<i32>,
    /// The final outcome class (after any history step).
    pub outcome: Option<&'a str>,
    /// The final satisfaction.
    pub satisfaction: Option<&'static str>,
    pub url: String,
}

/// The column names of the CSV, in the order of [`RecordOut`]'s fields.
pub const COLUMNS: [&str; 22] = [
    "id",
    "received",
    "channel",
    "deputies",
    "station",
    "area",
    "category",
    "summary",
    "handler",
    "transferred",
    "replied",
    "reply",
    "priority",
    "extended",
    "status",
    "deadline",
    "overdue",
    "replied_late",
    "days_to_reply",
    "outcome",
    "satisfaction",
    "url",
];

/// The suggestions' positions in id order, the order of the downloads.
pub(crate) fn order(model: &Model) -> Vec<usize> {
    let mut order: Vec<usize> = (0..model.suggestions.len()).collect();
    order.sort_unstable_by(|&a, &b| model.suggestions[a].id.cmp(&model.suggestions[b].id));
    order
}

/// The record of the suggestion at `i` as the downloads publish it.
fn record(model: &Model, i: usize) -> RecordOut<'_> {
    let ds = |d: Option<jiff::civil::Date>| d.map(|d| d.to_string());
    let s = &model.suggestions[i];
    let d = &s.derived;
    RecordOut {
        id: &s.id,
        received: s.received.to_string(),
        channel: s.channel.as_str(),
        deputies: s
            .deputies
            .iter()
            .map(|&x| model.deputies[x as usize].id.as_str())
            .collect(),
        station: s.station.map(|x| model.stations[x as usize].id.as_str()),
        area: s.area.map(|x| model.places.areas[x as usize].id.as_str()),
        category: s.category.as_deref(),
        summary: &s.summary,
        handler: s.handler.map(|x| model.handlers[x as usize].id.as_str()),
        transferred: ds(s.transferred),
        replied: ds(d.first_reply),
        reply: s.reply.as_deref(),
        priority: s.priority,
        extended: s.extended,
        status: d.status.as_str(),
        deadline: ds(d.deadline),
        overdue: d.overdue,
        replied_late: d.replied_late,
        days_to_reply: d.days_to_reply,
        outcome: d.outcome.map(|o| model.config.outcomes[o].0.as_str()),
        satisfaction: d.satisfaction.map(|x| x.as_str()),
        url: format!(
            "{}{}",
            model.config.base_url,
            urls::pretty(&urls::item("suggestions", &s.id))
        ),
    }
}

/// `data/suggestions.json` into `out`, one record a line, in `order`.
pub(crate) fn json(model: &Model, order: &[usize], out: &mut dyn Write) -> std::io::Result<()> {
    write!(out, "{{\"as_of\":\"{}\",\"records\":[", model.as_of)?;
    for (n, &i) in order.iter().enumerate() {
        out.write_all(if n == 0 { b"\n" } else { b",\n" })?;
        serde_json::to_writer(&mut *out, &record(model, i))?;
    }
    out.write_all(b"\n]}\n")
}

/// `data/suggestions.csv` into `out`, in `order`.
pub(crate) fn csv(model: &Model, order: &[usize], out: &mut dyn Write) -> Result<(), csv::Error> {
    let mut w = super::sheet::Sheet::new(out)?;
    w.row(COLUMNS)?;
    let opt = |v: Option<&str>| v.unwrap_or_default().to_owned();
    for &i in order {
        let r = record(model, i);
        w.row([
            r.id.to_owned(),
            r.received,
            r.channel.to_owned(),
            r.deputies.join(";"),
            opt(r.station),
            opt(r.area),
            opt(r.category),
            r.summary.to_owned(),
            opt(r.handler),
            opt(r.transferred.as_deref()),
            opt(r.replied.as_deref()),
            opt(r.reply),
            r.priority.to_string(),
            r.extended.to_string(),
            r.status.to_owned(),
            opt(r.deadline.as_deref()),
            r.overdue.to_string(),
            r.replied_late.to_string(),
            r.days_to_reply.map(|d| d.to_string()).unwrap_or_default(),
            opt(r.outcome),
            opt(r.satisfaction),
            r.url,
        ])?;
    }
    w.finish().map(drop)
}

/// One group's figures in the stats file.
#[derive(Debug, Serialize)]
pub struct GroupOut<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<&'a str>,
    pub received: u32,
    pub transferred: u32,
    pub replied: u32,
    pub rated: u32,
    /// Satisfied plus basically satisfied.
    pub satisfied: u32,
    pub closed: u32,
    pub solved: u32,
    pub overdue: u32,
    pub on_time: u32,
    pub due: u32,
    pub median_days_to_reply: Option<f64>,
    /// Closed records per outcome class.
    pub outcomes: BTreeMap<&'a str, u32>,
}

fn group<'a>(model: &'a Model, name: Option<&'a str>, f: &Figures) -> GroupOut<'a> {
    let c = f.counts;
    GroupOut {
        name,
        received: c.received,
        transferred: c.transferred,
        replied: c.replied,
        rated: c.rated,
        satisfied: c.satisfied,
        closed: c.closed,
        solved: c.solved,
        overdue: c.overdue,
        on_time: c.on_time,
        due: c.due,
        median_days_to_reply: f.median_days(),
        outcomes: model
            .config
            .outcomes
            .iter()
            .enumerate()
            .map(|(i, (k, _))| (k.as_str(), f.outcomes.get(i).copied().unwrap_or(0)))
            .collect(),
    }
}

/// The figures of groups with records, keyed by id, each with its name, in key order: each
/// group's [`GroupOut`] is made as it is written, never all at once (a national site has
/// figures for hundreds of thousands of deputies, areas and stations).
#[derive(Debug)]
pub struct GroupMap<'a> {
    model: &'a Model,
    /// Key, name and figures of each group, by key.
    entries: Vec<(&'a str, Option<&'a str>, &'a Figures)>,
}

impl<'a> GroupMap<'a> {
    /// Each group's key, name (if it has one) and figures, by key.
    pub fn iter(&self) -> impl Iterator<Item = (&'a str, GroupOut<'a>)> + '_ {
        self.entries
            .iter()
            .map(|&(key, name, f)| (key, group(self.model, name, f)))
    }
}

impl Serialize for GroupMap<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.iter())
    }
}

/// The groups with records, keyed by id, each with its name.
fn by<'a>(model: &'a Model, g: &'a Groups, id: impl Fn(u32) -> (&'a str, &'a str)) -> GroupMap<'a> {
    let mut entries: Vec<_> = g
        .iter()
        .map(|(i, f)| {
            let (key, name) = id(i);
            (key, Some(name), f)
        })
        .collect();
    entries.sort_unstable_by_key(|&(key, ..)| key);
    GroupMap { model, entries }
}

#[derive(Debug, Serialize)]
pub struct StatsOut<'a> {
    pub as_of: String,
    pub definitions: BTreeMap<&'static str, &'static str>,
    pub overall: GroupOut<'a>,
    pub years: BTreeMap<String, GroupOut<'a>>,
    pub handlers: GroupMap<'a>,
    pub categories: GroupMap<'a>,
    pub areas: GroupMap<'a>,
    pub stations: GroupMap<'a>,
    pub deputies: GroupMap<'a>,
}

pub fn stats(model: &Model) -> StatsOut<'_> {
    let st: &Stats = &model.accountability.stats;
    StatsOut {
        as_of: model.as_of.to_string(),
        definitions: [
            ("completion", "replied / transferred"),
            (
                "satisfaction",
                "satisfied (incl. basically satisfied) / rated",
            ),
            ("solved", "solved / closed"),
            ("on_time", "on_time / due (replied or overdue)"),
        ]
        .into_iter()
        .collect(),
        overall: group(model, None, &st.overall),
        years: st
            .years
            .iter()
            .map(|(y, f)| (y.to_string(), group(model, None, f)))
            .collect(),
        handlers: by(model, &st.handlers, |i| {
            let h = &model.handlers[i as usize];
            (&h.id, &h.name)
        }),
        categories: {
            let mut entries: Vec<_> = st
                .categories
                .iter()
                .map(|(c, f)| (c.as_str(), None, f))
                .collect();
            entries.sort_unstable_by_key(|&(key, ..)| key);
            GroupMap { model, entries }
        },
        areas: by(model, &st.areas, |i| {
            let a = &model.places.areas[i as usize];
            (&a.id, &a.name)
        }),
        stations: by(model, &st.stations, |i| {
            let s = &model.stations[i as usize];
            (&s.id, &s.name)
        }),
        deputies: by(model, &st.deputies, |i| {
            let d = &model.deputies[i as usize];
            (&d.id, &d.name)
        }),
    }
}

/// The columns of each sheet of [`stats_workbook`] before the outcome classes.
const STATS_COLUMNS: [&str; 13] = [
    "key",
    "name",
    "received",
    "transferred",
    "replied",
    "rated",
    "satisfied",
    "closed",
    "solved",
    "overdue",
    "on_time",
    "due",
    "median_days_to_reply",
];

/// The figures of [`stats`] as a workbook: a sheet per group of `suggestion-stats.json`
/// (`overall`, `years`, `handlers`, `categories`, `areas`, `stations`, `deputies`) with one
/// row per key and the same counts (numbers as numbers), closed records per outcome class
/// in `outcome_<class>` columns, and a sheet `definitions` of the rates.
pub fn stats_workbook(model: &Model, scratch: Option<&std::path::Path>) -> Result<Vec<u8>, String> {
    use super::xlsx::{Book, Style};
    let st = stats(model);
    let mut header: Vec<String> = STATS_COLUMNS.iter().map(|c| (*c).to_owned()).collect();
    let classes: Vec<&str> = model
        .config
        .outcomes
        .iter()
        .map(|(k, _)| k.as_str())
        .collect();
    header.extend(classes.iter().map(|class| format!("outcome_{class}")));
    let row = |key: &str, g: &GroupOut<'_>| -> Result<Vec<String>, String> {
        let mut cells = vec![key.to_owned(), g.name.unwrap_or_default().to_owned()];
        cells.extend(
            [
                g.received,
                g.transferred,
                g.replied,
                g.rated,
                g.satisfied,
                g.closed,
                g.solved,
                g.overdue,
                g.on_time,
                g.due,
            ]
            .map(|n| n.to_string()),
        );
        cells.push(
            g.median_days_to_reply
                .map(|m| m.to_string())
                .unwrap_or_default(),
        );
        cells.extend(
            classes
                .iter()
                .map(|c| g.outcomes.get(c).copied().unwrap_or(0).to_string()),
        );
        Ok(cells)
    };
    let figures = Style {
        numbers: true,
        widths: &[],
    };
    let mut book = Book::new(model.as_of, scratch)?;
    book.sheet(
        "overall",
        &header,
        std::iter::once(row("overall", &st.overall)),
        figures,
    )?;
    book.sheet(
        "years",
        &header,
        st.years.iter().map(|(k, g)| row(k, g)),
        figures,
    )?;
    for (name, groups) in [
        ("handlers", &st.handlers),
        ("categories", &st.categories),
        ("areas", &st.areas),
        ("stations", &st.stations),
        ("deputies", &st.deputies),
    ] {
        book.sheet(
            name,
            &header,
            groups.iter().map(|(k, g)| row(k, &g)),
            figures,
        )?;
    }
    book.sheet(
        "definitions",
        &vec!["figure".to_owned(), "definition".to_owned()],
        st.definitions
            .iter()
            .map(|(k, v)| Ok(vec![(*k).to_owned(), (*v).to_owned()])),
        Style {
            numbers: false,
            widths: &[14.0, 48.0],
        },
    )?;
    book.finish()
}

/// `data/suggestion-stats.json` into `out`: [`stats`], indented.
pub(crate) fn stats_json(model: &Model, out: &mut dyn Write) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, &stats(model))?;
    out.write_all(b"\n")
}
