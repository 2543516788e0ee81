//! Where the site's files other than pages live: the per-item files (a deputy's card,
//! calendar and feed; a station's calendar and feed; a township's feed) and the
//! downloads of `/data/`. Pages link to them and the output stage writes them, so their
//! names — and whether a deputy has them at all ([`has_card`], [`has_calendar`],
//! [`has_feed`]: only when they have content) — are decided here, once.

use jiff::civil::Date;

use crate::model::{Deputy, Model};

/// A deputy's contact card.
pub fn card_path(id: &str) -> String {
    format!("deputies/{id}/contact.vcf")
}

/// Whether the deputy gets a card: only deputies in office.
pub fn has_card(deputy: &Deputy) -> bool {
    deputy.is_active()
}

/// The Atom feed of the item `id` of `section` (`deputies`, `stations`, `areas`).
pub fn feed_path(section: &str, id: &str) -> String {
    format!("{section}/{id}/feed.xml")
}

/// A station's calendar.
pub fn station_calendar_path(id: &str) -> String {
    format!("stations/{id}/calendar.ics")
}

/// A deputy's calendar.
pub fn deputy_calendar_path(id: &str) -> String {
    format!("deputies/{id}/calendar.ics")
}

/// Whether deputy `d` gets a calendar (written and linked): only a deputy in office with
/// receptions in the schedules' window — an empty calendar is not a file worth making.
pub fn has_calendar(model: &Model, d: usize) -> bool {
    let any = |filed: &[Vec<crate::model::schedules::OccRef>]| {
        filed.get(d).is_some_and(|v| !v.is_empty())
    };
    model.deputies[d].is_active()
        && (any(&model.schedules.by_deputy) || any(&model.schedules.cancelled_by_deputy))
}

/// Whether deputy `d` gets a feed (written and linked): only with at least one activity.
pub fn has_feed(model: &Model, d: usize) -> bool {
    model
        .links
        .deputy_activities
        .get(d)
        .is_some_and(|v| !v.is_empty())
}

/// The suggestion data: records as JSON and CSV, and the figures.
pub const SUGGESTION_DATA: [&str; 3] = [
    "data/suggestions.json",
    "data/suggestions.csv",
    "data/suggestion-stats.json",
];

/// The figures of `data/suggestion-stats.json` as a workbook, a sheet per group.
pub const SUGGESTION_STATS_XLSX: &str = "data/suggestion-stats.xlsx";

/// One file of the `/data/` page as it was written (its bytes are written and dropped):
/// the output stage returns the list, and the `/data/` page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Download {
    /// Below the site root: `data/popolo.json`.
    pub path: String,
    /// The key of its title in the theme's `data_files` strings.
    pub key: &'static str,
    pub format: &'static str,
    /// Its size in bytes.
    pub size: u64,
    /// Last change.
    pub updated: Date,
}
