//! Overdue flips exactly at the deadline as the as-of date moves: on the deadline day a
//! record without a reply is not overdue, the day after it is — on its page, in the lists
//! and in the open data. Fixture: `tests/cases/suggestions-outcomes/`.

mod common;

use common::{Built, build, case, sel};
use serde_json::Value;

fn at(as_of: &str) -> Built {
    build(&case("suggestions-outcomes"), as_of)
}

/// Whether `id` is overdue in a build: (its page, the overdue list, the JSON record).
fn overdue(site: &Built, id: &str) -> (bool, bool, bool) {
    let page = site.page(&format!("suggestions/{id}/index.html"));
    let on_page = page
        .select(&sel("main [data-field=\"overdue\"]"))
        .next()
        .is_some();
    let list = site.page("suggestions/status/overdue/index.html");
    let in_list = list
        .select(&sel("main ul.suggestion-list > li > a"))
        .any(|a| a.text().collect::<String>() == id);
    let json: Value = serde_json::from_slice(&site.bytes("data/suggestions.json")).expect("JSON");
    let in_json = json["records"]
        .as_array()
        .and_then(|rs| rs.iter().find(|r| r["id"] == id))
        .map(|r| r["overdue"] == true)
        .expect("the record is in the JSON");
    (on_page, in_list, in_json)
}

fn overall_overdue(site: &Built) -> u64 {
    let stats: Value =
        serde_json::from_slice(&site.bytes("data/suggestion-stats.json")).expect("stats JSON");
    stats["overall"]["overdue"].as_u64().unwrap_or(u64::MAX)
}

#[test]
fn a_never_replied_record_is_overdue_from_the_day_after_its_deadline() {
    // 2025-002: transferred 2025-03-05, + 90 days = 2025-06-03 (26 + 30 + 31 + 3).
    let site = at("2025-06-03");
    assert_eq!(overdue(&site, "2025-002"), (false, false, false));
    assert_eq!(overall_overdue(&site), 0);
    let site = at("2025-06-04");
    assert_eq!(overdue(&site, "2025-002"), (true, true, true));
    assert_eq!(overall_overdue(&site), 1);
}

#[test]
fn an_extended_record_has_180_days() {
    // 2025-003: transferred 2025-04-10, extended, + 180 days = 2025-10-07.
    let site = at("2025-10-07");
    assert_eq!(overdue(&site, "2025-003"), (false, false, false));
    let site = at("2025-10-08");
    assert_eq!(overdue(&site, "2025-003"), (true, true, true));
    // 2025-002 has been overdue all along; together: 2.
    assert_eq!(overall_overdue(&site), 2);
}
