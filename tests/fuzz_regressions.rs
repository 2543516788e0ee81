//! Regression tests for what the fuzz targets in `fuzz/` found (see `fuzz/README.md`): each
//! test is named after the bug it pins and replays the minimised input through the same
//! `lianluo::fuzzing` entry point the target runs. The first tests check that the harness
//! itself reaches the code it means to fuzz, so a target that quietly stopped at an error
//! for every input would be noticed.

mod common;

use std::path::Path;

use lianluo::fuzzing::PageSite;

/// A private copy of `tests/cases/valid` for the page target, inside `tmp`.
fn page_site(tmp: &Path) -> PageSite {
    PageSite::new(&common::case("valid"), tmp).expect("copy tests/cases/valid")
}

/// The page target's input for `file` of the valid case, under the byte of its kind.
fn page_input(kind: u8, file: &str) -> Vec<u8> {
    let mut data = vec![kind];
    data.extend(std::fs::read(common::case("valid").join(file)).expect("read the case file"));
    data
}

#[test]
fn page_target_renders_each_kind_of_file_of_the_valid_site() {
    let tmp = common::tempdir();
    let site = page_site(tmp.path());
    for (kind, file, page) in [
        (b'd', "deputies/li-xian.md", "deputies/fuzz-item/index.html"),
        (
            b's',
            "stations/xihe-home.md",
            "stations/fuzz-item/index.html",
        ),
        (
            b'a',
            "activities/2025/2025-05-12-daolu-shicha.md",
            "activities/fuzz-item/index.html",
        ),
        (b'p', "pages/about.md", "fuzz-item/index.html"),
        (b'y', "site.yaml", "index.html"),
    ] {
        let pages = site.run(&page_input(kind, file));
        let paths: Vec<&str> = pages.iter().map(|(p, _)| p.as_str()).collect();
        assert!(
            paths.contains(&page),
            "{file} as `{}` rendered {paths:?}, not {page}",
            kind as char
        );
        assert!(
            pages
                .iter()
                .all(|(_, html)| html.to_ascii_lowercase().starts_with(b"<!doctype html>"))
        );
    }
}

#[test]
fn page_target_renders_the_suggestions_of_a_csv_file() {
    let tmp = common::tempdir();
    let site = page_site(tmp.path());
    // The valid case's own CSV again, under other ids (the same ids twice are an error).
    let csv = String::from_utf8(page_input(b'c', "suggestions/2025-q3.csv")).expect("UTF-8");
    let csv = csv.replace("\n2025-", "\nfuzz-2025-");
    let pages = site.run(csv.as_bytes());
    assert!(
        pages.len() > 1,
        "only {:?}",
        pages.iter().map(|p| &p.0).collect::<Vec<_>>()
    );
}

#[test]
fn page_target_renders_nothing_for_a_broken_file_and_restores_the_site() {
    let tmp = common::tempdir();
    let site = page_site(tmp.path());
    assert!(site.run(b"d---\nname: [\n---\n").is_empty());
    assert!(site.run(b"y\xff").is_empty());
    // The next input starts from the valid site again.
    assert!(
        !site
            .run(&page_input(b'd', "deputies/li-xian.md"))
            .is_empty()
    );
}
