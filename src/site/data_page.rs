//! The `/data/` page: every download with its format, size and last change, the licence
//! line of site.yaml, and the per-item files (cards, feeds, calendars) by pattern.
//!
//! Sizes come from the list of downloads the output stage wrote before the pages (see
//! [`Download`]), so the page is right without making anything twice.

use serde::Serialize;

use crate::model::Model;
use crate::site::files::{self, Download};
use crate::vocab::AreaKind;

#[derive(Debug, Serialize)]
pub struct FileView {
    /// Below the site root (`data/popolo.json`).
    pub path: String,
    /// The key of its title in the theme's `data_files` strings.
    pub key: &'static str,
    pub format: &'static str,
    pub bytes: u64,
    /// `812 B`, `12.3 KB`, `4.5 MB` (1 KB = 1024 bytes, one decimal).
    pub size: String,
    /// Last change, `YYYY-MM-DD`.
    pub updated: String,
}

/// Files made once per deputy, station or township.
#[derive(Debug, Serialize)]
pub struct PerItem {
    /// The key of its description in the theme's `data_per_item` strings.
    pub key: &'static str,
    pub pattern: &'static str,
    pub count: usize,
    /// One existing file of the pattern, to link as an example.
    pub example: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct DataPage {
    pub files: Vec<FileView>,
    pub per_item: Vec<PerItem>,
}

/// `812 B`, `12.3 KB`, `4.5 MB`: one decimal, rounded half up.
pub fn human_size(bytes: u64) -> String {
    const KB: u64 = 1024;
    let (unit, div) = match bytes {
        b if b < KB => return format!("{b} B"),
        b if b < KB * KB => ("KB", KB),
        _ => ("MB", KB * KB),
    };
    let tenths = (bytes * 10 + div / 2) / div;
    format!("{}.{} {unit}", tenths / 10, tenths % 10)
}

pub fn context(model: &Model, downloads: &[Download]) -> DataPage {
    let listed = downloads
        .iter()
        .map(|f| FileView {
            path: f.path.clone(),
            key: f.key,
            format: f.format,
            bytes: f.size,
            size: human_size(f.size),
            updated: f.updated.to_string(),
        })
        .collect();
    let carded = model.deputies.iter().find(|d| files::has_card(d));
    let first_st = model.stations.first();
    let towns: Vec<&str> = model
        .places
        .areas
        .iter()
        .filter(|a| a.kind == AreaKind::Township)
        .map(|a| a.id.as_str())
        .collect();
    let per_item = vec![
        PerItem {
            key: "vcard",
            pattern: "deputies/<id>/contact.vcf",
            count: model.deputies.iter().filter(|d| files::has_card(d)).count(),
            example: carded.map(|d| files::card_path(&d.id)),
        },
        PerItem {
            key: "deputy_feed",
            pattern: "deputies/<id>/feed.xml",
            count: (0..model.deputies.len())
                .filter(|&d| files::has_feed(model, d))
                .count(),
            example: (0..model.deputies.len())
                .find(|&d| files::has_feed(model, d))
                .map(|d| files::feed_path("deputies", &model.deputies[d].id)),
        },
        PerItem {
            key: "station_feed",
            pattern: "stations/<id>/feed.xml",
            count: model.stations.len(),
            example: first_st.map(|s| files::feed_path("stations", &s.id)),
        },
        PerItem {
            key: "township_feed",
            pattern: "areas/<id>/feed.xml",
            count: towns.len(),
            example: towns.first().map(|id| files::feed_path("areas", id)),
        },
        PerItem {
            key: "deputy_calendar",
            pattern: "deputies/<id>/calendar.ics",
            count: (0..model.deputies.len())
                .filter(|&d| files::has_calendar(model, d))
                .count(),
            example: (0..model.deputies.len())
                .find(|&d| files::has_calendar(model, d))
                .map(|d| files::deputy_calendar_path(&model.deputies[d].id)),
        },
        PerItem {
            key: "station_calendar",
            pattern: "stations/<id>/calendar.ics",
            count: model.stations.len(),
            example: first_st.map(|s| files::station_calendar_path(&s.id)),
        },
    ];
    DataPage {
        files: listed,
        per_item,
    }
}

#[cfg(test)]
mod tests {
    use super::human_size;

    #[test]
    fn sizes_read_in_bytes_kilobytes_and_megabytes() {
        assert_eq!(human_size(0), "0 B");
        assert_eq!(human_size(1023), "1023 B");
        assert_eq!(human_size(1024), "1.0 KB");
        assert_eq!(human_size(1024 + 51), "1.0 KB");
        assert_eq!(human_size(1024 + 52), "1.1 KB");
        assert_eq!(human_size(3 * 1024 * 1024 / 2), "1.5 MB");
    }
}
