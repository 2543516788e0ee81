//! A site too large for one search index: the index is split by place, down to places small
//! enough, small places packed together, and the search page offers every such place with
//! the index that holds it.

mod common;

use std::collections::BTreeSet;

use common::*;
use scraper::{Html, Selector};

#[test]
fn a_split_index_has_one_folder_per_place_the_search_page_offers() {
    let tmp = tempdir();
    let out = tmp.path().join("site");
    build_to(&demo(), &out, AS_OF, &[("LIANLUO_SEARCH_SPLIT_AT", "40")]);

    let page = Html::parse_document(
        &std::fs::read_to_string(out.join("search/index.html")).expect("search page"),
    );
    let option = Selector::parse("#search-scope option").expect("selector");
    let places: BTreeSet<String> = page
        .select(&option)
        .filter_map(|o| o.value().attr("value"))
        .filter(|v| !v.is_empty())
        .map(str::to_owned)
        .collect();
    // Each place names the index that holds it; small places share one.
    let offered: BTreeSet<String> = page
        .select(&option)
        .filter(|o| o.value().attr("value").is_some_and(|v| !v.is_empty()))
        .map(|o| o.value().attr("data-index").expect("data-index").to_owned())
        .collect();
    assert!(
        offered.len() < places.len(),
        "small places share indexes: {} indexes for {} places",
        offered.len(),
        places.len()
    );
    let groups = Selector::parse("#search-scope optgroup").expect("selector");
    assert!(
        page.select(&groups).next().is_some(),
        "a township too large for one index is offered village by village, under its name"
    );

    let mut built = BTreeSet::new();
    for e in std::fs::read_dir(out.join("pagefind")).expect("pagefind/") {
        let e = e.expect("entry");
        if e.path().join("pagefind-entry.json").is_file() {
            built.insert(e.file_name().to_string_lossy().into_owned());
        }
    }
    assert!(
        out.join("pagefind/pagefind-entry.json").is_file(),
        "site-wide index"
    );
    assert!(offered.len() > 1 && places.len() > 5, "{offered:?}");
    assert_eq!(offered, built, "offered places and built indexes differ");

    // The service worker's cache version names every index's metadata.
    let sw = std::fs::read_to_string(out.join("search/sw.js")).expect("sw.js");
    let version = sw.lines().next().unwrap_or_default();
    for place in &built {
        assert!(
            version.contains(&format!("pagefind/{place}/pagefind.")),
            "{place} missing from {version}"
        );
    }
}

/// Regression: the two indexers shared one thread pool, and a pool thread waiting inside one
/// index's tokio runtime could steal the other indexer's job and start a runtime within a
/// runtime, which tokio refuses with a panic (6 builds in 10 of the split demo failed so).
/// The race is timing-dependent, so the split demo is built several times over.
#[test]
fn two_indexers_never_start_a_runtime_within_a_runtime() {
    let tmp = tempdir();
    for n in 0..4 {
        let out = tmp.path().join(format!("site-{n}"));
        let stderr = build_to(&demo(), &out, AS_OF, &[("LIANLUO_SEARCH_SPLIT_AT", "40")]);
        assert!(!stderr.contains("panicked"), "{stderr}");
    }
}
