//! A site too large for one search index: the index is split by place, down to places small
//! enough, and the search page offers exactly the places that have an index.

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
    let offered: BTreeSet<String> = page
        .select(&option)
        .filter_map(|o| o.value().attr("value"))
        .filter(|v| !v.is_empty())
        .map(str::to_owned)
        .collect();
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
    assert!(offered.len() > 5, "{offered:?}");
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
