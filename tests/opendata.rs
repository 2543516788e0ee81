//! The open data of the demo (`--as-of 2026-11-23`), read back two ways: by standard
//! parsers nobody here wrote — Python's `jsonschema` with the Popolo schemas, `vobject`,
//! `feedparser` and `csv`, in `tests/opendata_check.py` — and here in Rust: Popolo counts
//! against the pages, CSV rows, a contact card per serving deputy, JSON-LD `@type`s, and
//! the sizes on the `/data/` page.
//!
//! Without the Python packages the Python check is skipped with a note, unless `CI` is set,
//! where it fails.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use common::{build_to, demo, sel};
use scraper::Html;
use serde_json::Value;

const AS_OF: &str = "2026-11-23";

/// The demo, built once for every test of this file.
fn site() -> &'static Path {
    static OUT: OnceLock<PathBuf> = OnceLock::new();
    OUT.get_or_init(|| {
        let out = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("opendata-demo");
        let _ = std::fs::remove_dir_all(&out);
        build_to(&demo(), &out, AS_OF, &[]);
        out
    })
}

fn read(rel: &str) -> String {
    std::fs::read_to_string(site().join(rel)).unwrap_or_else(|e| panic!("read {rel}: {e}"))
}

fn page(rel: &str) -> Html {
    Html::parse_document(&read(rel))
}

/// The ids of `<section>/<id>/index.html` (not paginated list pages).
fn page_ids(section: &str) -> Vec<String> {
    let dir = site().join(section);
    let mut ids: Vec<String> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("list {}: {e}", dir.display()))
        .filter_map(Result::ok)
        .filter(|e| e.path().join("index.html").is_file())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n != "page")
        .collect();
    ids.sort();
    ids
}

fn popolo() -> Value {
    serde_json::from_str(&read("data/popolo.json")).expect("popolo.json is JSON")
}

fn ids_with(v: &Value, key: &str, prefix: &str) -> Vec<String> {
    let mut out: Vec<String> = v[key]
        .as_array()
        .unwrap_or_else(|| panic!("popolo.json has no {key}"))
        .iter()
        .filter_map(|i| i["id"].as_str())
        .filter_map(|id| id.strip_prefix(prefix))
        .map(str::to_owned)
        .collect();
    out.sort();
    out
}

/// The JSON-LD blocks of a page, parsed.
fn jsonld(rel: &str) -> Vec<Value> {
    page(rel)
        .select(&sel("script[type=\"application/ld+json\"]"))
        .map(|s| {
            serde_json::from_str(&s.text().collect::<String>())
                .unwrap_or_else(|e| panic!("{rel}: JSON-LD is not JSON: {e}"))
        })
        .collect()
}

#[test]
fn python_readers_accept_every_export_and_agree_with_the_pages() {
    let ready = Command::new("python3")
        .args(["-c", "import jsonschema, vobject, feedparser"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !ready {
        let msg = "the Python check of the open data needs `python3 -m pip install jsonschema vobject feedparser` (scripts/test installs them)";
        assert!(std::env::var_os("CI").is_none(), "{msg}");
        eprintln!("NOTE: skipping: {msg}");
        return;
    }
    let res = Command::new("python3")
        .arg(common::repo().join("tests/opendata_check.py"))
        .arg(site())
        .output()
        .expect("run python3");
    let stdout = String::from_utf8_lossy(&res.stdout);
    assert!(
        res.status.success(),
        "opendata_check.py:\n{stdout}{}",
        String::from_utf8_lossy(&res.stderr)
    );
    for what in ["popolo", "csv", "vcard", "atom", "json-ld", "data page"] {
        assert!(
            stdout.lines().any(|l| l.starts_with(&format!("ok {what}"))),
            "no `ok {what}` line:\n{stdout}"
        );
    }
}

#[test]
fn popolo_has_one_item_per_page_and_each_deputy_sits_in_a_congress() {
    let v = popolo();
    assert_eq!(ids_with(&v, "persons", "deputies/"), page_ids("deputies"));
    assert_eq!(ids_with(&v, "areas", "areas/"), page_ids("areas"));
    assert_eq!(
        ids_with(&v, "organizations", "stations/"),
        page_ids("stations")
    );
    assert_eq!(
        ids_with(&v, "organizations", "handlers/"),
        page_ids("handlers")
    );
    assert_eq!(ids_with(&v, "organizations", "units/"), page_ids("units"));
    let orgs = v["organizations"].as_array().expect("organizations");
    let county = orgs
        .iter()
        .find(|o| o["name"] == "示例县人民代表大会")
        .expect("the county congress is an organization");
    assert_eq!(county["classification"], "legislature");
    assert_eq!(county["area_id"], "areas/shiyi");
    let seats: Vec<&Value> = v["memberships"]
        .as_array()
        .expect("memberships")
        .iter()
        .filter(|m| {
            m["organization_id"]
                .as_str()
                .is_some_and(|o| o.starts_with("congresses/"))
        })
        .collect();
    assert_eq!(
        seats.len(),
        page_ids("deputies").len(),
        "one seat per deputy"
    );
    let li = seats
        .iter()
        .find(|m| m["person_id"] == "deputies/li-xiuying")
        .expect("李秀英 sits");
    assert_eq!(li["organization_id"], "congresses/county/shiyi");
    assert_eq!(li["post_id"], "posts/county/constituencies/shiyi-c01");
    assert_eq!(li["role"], "县人大代表");
    assert_eq!(li["term"], "十八届");
    let qin = seats
        .iter()
        .find(|m| m["person_id"] == "deputies/qin-lei")
        .expect("秦磊 sat");
    assert!(
        qin["end_date"].as_str().is_some(),
        "an ended deputy's seat has an end date"
    );
    let constituencies = ids_with(&v, "areas", "constituencies/");
    assert!(constituencies.contains(&"shiyi-c01".to_owned()));
}

#[test]
fn csv_downloads_have_a_bom_a_header_and_one_row_per_page() {
    for (file, section) in [
        ("deputies", "deputies"),
        ("stations", "stations"),
        ("areas", "areas"),
        ("activities", "activities"),
    ] {
        let bytes = std::fs::read(site().join(format!("data/{file}.csv"))).expect("read csv");
        assert!(bytes.starts_with(b"\xef\xbb\xbf"), "{file}.csv has a BOM");
        let mut reader = csv::Reader::from_reader(&bytes[3..]);
        assert_eq!(
            reader.headers().expect("a header").get(0),
            Some("id"),
            "{file}.csv starts with the id column"
        );
        let mut ids: Vec<String> = reader
            .records()
            .map(|r| r.expect("a row parses")[0].to_owned())
            .collect();
        ids.sort();
        assert_eq!(ids, page_ids(section), "{file}.csv: one row per page");
    }
}

#[test]
fn every_serving_deputy_has_a_contact_card_linked_from_the_profile() {
    let mut cards = 0;
    for id in page_ids("deputies") {
        let profile = page(&format!("deputies/{id}/index.html"));
        let ended = profile.select(&sel("p.notice")).next().is_some();
        let linked = profile.select(&sel("a[href=\"contact.vcf\"]")).next();
        let exists = site().join(format!("deputies/{id}/contact.vcf")).is_file();
        assert_eq!(exists, !ended, "{id}: a card exactly while serving");
        assert_eq!(linked.is_some(), exists, "{id}: the profile links its card");
        if let Some(a) = linked {
            assert!(a.text().collect::<String>().contains("保存到手机"));
            let card = read(&format!("deputies/{id}/contact.vcf"));
            assert!(card.starts_with("BEGIN:VCARD\r\nVERSION:4.0\r\n"), "{id}");
            assert!(card.ends_with("END:VCARD\r\n"), "{id}");
            cards += 1;
        }
    }
    assert!(cards > 50, "{cards} cards");
    let li = read("deputies/li-xiuying/contact.vcf");
    for line in [
        "FN:李秀英",
        "N:李;秀英;;;",
        "ORG:示例县人民代表大会",
        "TITLE:县人大代表",
        "TEL;TYPE=voice:0917-8212345",
        "EMAIL:lixiuying@example.gov.cn",
    ] {
        assert!(
            li.contains(&format!("{line}\r\n")),
            "李秀英's card has {line}"
        );
    }
}

fn types(v: &Value) -> Vec<&str> {
    match &v["@type"] {
        Value::String(s) => vec![s.as_str()],
        Value::Array(a) => a.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    }
}

#[test]
fn json_ld_blocks_carry_the_expected_types() {
    let home = jsonld("index.html");
    assert!(
        home.iter()
            .any(|v| types(v).contains(&"GovernmentOrganization"))
    );
    for id in page_ids("deputies") {
        let blocks = jsonld(&format!("deputies/{id}/index.html"));
        let person = blocks
            .iter()
            .find(|v| types(v).contains(&"Person"))
            .unwrap_or_else(|| panic!("{id}: no Person"));
        let role = &person["memberOf"];
        assert_eq!(types(role), ["Role"], "{id}: memberOf is a Role");
        assert!(role["roleName"].as_str().is_some(), "{id}: a roleName");
        assert_eq!(types(&role["memberOf"]), ["GovernmentOrganization"], "{id}");
    }
    let li = jsonld("deputies/li-xiuying/index.html");
    assert_eq!(li[0]["memberOf"]["memberOf"]["name"], "示例县人民代表大会");
    for id in page_ids("activities") {
        let blocks = jsonld(&format!("activities/{id}/index.html"));
        assert!(
            blocks.iter().any(|v| types(v).contains(&"Event")),
            "{id}: an Event"
        );
    }
    for id in page_ids("stations") {
        let blocks = jsonld(&format!("stations/{id}/index.html"));
        assert!(
            blocks
                .iter()
                .any(|v| types(v).contains(&"GovernmentOffice"))
        );
    }
}

#[test]
fn the_data_page_lists_every_download_with_its_size_and_licence() {
    let data = page("data/index.html");
    let rows: Vec<(String, u64)> = data
        .select(&sel("tr[data-path]"))
        .map(|tr| {
            let path = tr.value().attr("data-path").expect("a path").to_owned();
            let bytes = tr
                .select(&sel("data"))
                .next()
                .and_then(|d| d.value().attr("value"))
                .and_then(|v| v.parse().ok())
                .expect("a size in bytes");
            (path, bytes)
        })
        .collect();
    // Every CSV download is followed by the same as a workbook, and so are the suggestion
    // figures.
    let mut expected: Vec<String> = Vec::new();
    for path in lianluo::output::opendata::PATHS
        .into_iter()
        .chain(lianluo::output::suggestion_data::PATHS)
        .chain(["feed.xml", "calendar.ics"])
    {
        expected.push(path.to_owned());
        if let Some(stem) = path.strip_suffix(".csv") {
            expected.push(format!("{stem}.xlsx"));
        }
        if path == "data/suggestion-stats.json" {
            expected.push("data/suggestion-stats.xlsx".to_owned());
        }
    }
    let listed: Vec<&str> = rows.iter().map(|(p, _)| p.as_str()).collect();
    assert_eq!(listed, expected);
    for (path, bytes) in &rows {
        let size = std::fs::metadata(site().join(path))
            .expect("the file exists")
            .len();
        assert_eq!(*bytes, size, "{path}");
    }
    let text = read("data/index.html");
    assert!(
        text.contains("署名 4.0 国际 (CC BY 4.0)"),
        "the licence line"
    );
    let footer = page("index.html");
    assert!(
        footer
            .select(&sel("footer a[href=\"data/index.html\"]"))
            .next()
            .is_some(),
        "the footer links the data page"
    );
}

#[test]
fn feeds_exist_per_deputy_station_and_township_and_pages_link_them() {
    let announces = |html: &scraper::Html| {
        html.select(&sel(
            "link[rel=alternate][type=\"application/atom+xml\"][href=\"feed.xml\"]",
        ))
        .next()
        .is_some()
    };
    for (section, ids) in [
        ("stations", page_ids("stations")),
        ("areas", vec!["chengguan".to_owned(), "fengming".to_owned()]),
    ] {
        for id in ids {
            let feed = read(&format!("{section}/{id}/feed.xml"));
            assert!(feed.contains("<feed xmlns=\"http://www.w3.org/2005/Atom\""));
            let html = page(&format!("{section}/{id}/index.html"));
            assert!(announces(&html), "{section}/{id} announces its feed");
        }
    }
    // A deputy's feed is written, announced and linked only when it has an entry.
    let (mut with, mut without) = (0, 0);
    for id in page_ids("deputies") {
        let path = site().join(format!("deputies/{id}/feed.xml"));
        let html = page(&format!("deputies/{id}/index.html"));
        let linked = html.select(&sel("a[href=\"feed.xml\"]")).next().is_some();
        assert_eq!(announces(&html), path.is_file(), "deputies/{id}");
        assert_eq!(linked, path.is_file(), "deputies/{id}");
        if path.is_file() {
            assert!(
                read(&format!("deputies/{id}/feed.xml")).contains("<entry>"),
                "{id}"
            );
            with += 1;
        } else {
            without += 1;
        }
    }
    assert!(
        with > 0 && without > 0,
        "{with} with a feed, {without} without"
    );
    // A village has no feed of its own.
    assert!(!site().join("areas/xinhua/feed.xml").exists());
}

/// A deputy's calendar is written and linked only when it has a reception: no empty
/// `calendar.ics` for a deputy without duty or out of office, and no link to one.
#[test]
fn a_deputy_calendar_exists_and_is_linked_only_with_receptions() {
    let (mut with, mut without) = (0, 0);
    for id in page_ids("deputies") {
        let path = site().join(format!("deputies/{id}/calendar.ics"));
        let html = page(&format!("deputies/{id}/index.html"));
        let linked = html
            .select(&sel("a[href$=\"calendar.ics\"]"))
            .next()
            .is_some();
        assert_eq!(linked, path.is_file(), "deputies/{id}");
        if path.is_file() {
            assert!(
                read(&format!("deputies/{id}/calendar.ics")).contains("BEGIN:VEVENT"),
                "{id}: a calendar without an event"
            );
            with += 1;
        } else {
            without += 1;
        }
    }
    assert!(
        with > 0 && without > 0,
        "{with} with a calendar, {without} without"
    );
}
