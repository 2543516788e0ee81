//! Where the site's files other than pages live: the per-item files (a deputy's card,
//! calendar and feed; a station's calendar and feed; a township's feed) and the
//! downloads of `/data/`. Pages link to them and the output stage writes them, so their
//! names are decided here, once.

use jiff::civil::Date;

use crate::model::Deputy;

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

/// The suggestion data: records as JSON and CSV, and the figures.
pub const SUGGESTION_DATA: [&str; 3] = [
    "data/suggestions.json",
    "data/suggestions.csv",
    "data/suggestion-stats.json",
];

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
