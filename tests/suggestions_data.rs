//! The open data of suggestions: `data/suggestions.csv` and `data/suggestions.json` parse
//! with standard readers (Rust's `csv` and `serde_json` here, Python's `csv` and `json` in
//! `tests/suggestions_check.py`), have the same columns and values, and agree with the
//! pages; a malformed row of a suggestions CSV is reported with its row and column.

mod common;

use std::process::Command;

use common::{Built, build, case, copy_dir, lianluo, printed, repo, sel, text};
use indexmap::IndexMap;
use serde_json::Value;

/// `data/suggestions.json`, each record's keys in file order.
#[derive(Debug, serde::Deserialize)]
struct Data {
    as_of: String,
    records: Vec<IndexMap<String, Value>>,
}

fn site() -> Built {
    build(&case("suggestions-outcomes"), "2025-09-20")
}

/// A JSON value as the CSV writes it.
fn cell(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        Value::Array(a) => a
            .iter()
            .filter_map(Value::as_str)
            .collect::<Vec<_>>()
            .join(";"),
        other => other.to_string(),
    }
}

#[test]
fn csv_and_json_parse_with_standard_readers_and_agree_with_each_other_and_the_pages() {
    let site = site();
    let bytes = site.bytes("data/suggestions.csv");
    assert!(
        bytes.starts_with(b"\xef\xbb\xbf"),
        "the CSV starts with a BOM"
    );
    let mut reader = csv::Reader::from_reader(&bytes[3..]);
    let head: Vec<String> = reader
        .headers()
        .expect("a header row")
        .iter()
        .map(str::to_owned)
        .collect();
    let rows: Vec<csv::StringRecord> = reader
        .records()
        .collect::<Result<_, _>>()
        .expect("every row parses");
    let json: Data = serde_json::from_slice(&site.bytes("data/suggestions.json")).expect("JSON");
    assert_eq!(json.as_of, "2025-09-20");
    let records = &json.records;
    assert_eq!(rows.len(), records.len());
    assert_eq!(records.len(), 8);
    for (row, rec) in rows.iter().zip(records) {
        let keys: Vec<&String> = rec.keys().collect();
        assert_eq!(
            keys,
            head.iter().collect::<Vec<_>>(),
            "same columns, same order"
        );
        for (col, value) in head.iter().zip(row.iter()) {
            assert_eq!(value, cell(&rec[col]), "{} {col}", rec["id"]);
        }
        // The record's page shows the same status and summary.
        let id = rec["id"].as_str().expect("an id");
        let page = site.page(&format!("suggestions/{id}/index.html"));
        let status = page
            .select(&sel("main [data-field=\"status\"]"))
            .next()
            .and_then(|e| e.value().attr("data-value").map(str::to_owned));
        assert_eq!(status.as_deref(), rec["status"].as_str(), "{id}");
        let summary = page.select(&sel("p.summary")).next().map(text);
        assert_eq!(summary.as_deref(), rec["summary"].as_str(), "{id}");
    }
    // A summary with a comma survives the round trip through CSV quoting.
    let r = rows.iter().find(|r| &r[0] == "2024-010").expect("2024-010");
    assert_eq!(&r[7], "县城公交线路少,末班车早。");
    assert_eq!(&r[3], "li-xian");
    let r = rows.iter().find(|r| &r[0] == "2025-002").expect("2025-002");
    assert_eq!(&r[3], "li-xian;wang-tui");
    // The record count on /suggestions/ agrees with the data.
    let index = site.page("suggestions/index.html");
    let total = index.select(&sel("#all-h + p")).next().map(text);
    assert_eq!(total.as_deref(), Some("共 8 件"));
}

#[test]
fn python_reads_the_csv_and_json_and_finds_them_equal() {
    let site = site();
    let res = match Command::new("python3")
        .arg(repo().join("tests/suggestions_check.py"))
        .arg(&site.out)
        .output()
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!("NOTE: skipping the Python check of the open data: python3: {e}");
            return;
        }
    };
    let stdout = String::from_utf8_lossy(&res.stdout);
    assert!(
        res.status.success(),
        "suggestions_check.py:\n{stdout}{}",
        String::from_utf8_lossy(&res.stderr)
    );
    assert_eq!(stdout.trim(), "ok 8 records");
}

#[test]
fn the_open_data_is_the_same_on_every_build() {
    let (a, b) = (site(), site());
    for rel in [
        "data/suggestions.json",
        "data/suggestions.csv",
        "data/suggestion-stats.json",
        "suggestions/index.html",
        "handlers/index.html",
    ] {
        assert!(a.bytes(rel) == b.bytes(rel), "{rel} differs between builds");
    }
}

/// Check the fixture with `files` added under `suggestions/`: the `(place, message)` of
/// every diagnostic printed; the check must fail.
fn reported(files: &[(&str, &str)]) -> (Vec<(String, String)>, String) {
    let tmp = common::tempdir();
    let src = tmp.path().join("site");
    copy_dir(&case("suggestions-outcomes"), &src);
    for (name, text) in files {
        std::fs::write(src.join("suggestions").join(name), text).expect("write the CSV");
    }
    let out = lianluo()
        .arg("check")
        .arg(&src)
        .arg("--as-of")
        .arg("2025-09-20")
        .output()
        .expect("run lianluo");
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    let places = printed(&stderr)
        .into_iter()
        .filter_map(|p| Some((p.place?, p.message)))
        .collect();
    (places, stderr)
}

fn message_at(reported: &(Vec<(String, String)>, String), place: &str) -> String {
    let (places, stderr) = reported;
    places
        .iter()
        .find(|(p, _)| p == place)
        .map(|(_, m)| m.clone())
        .unwrap_or_else(|| panic!("nothing reported at {place}:\n{stderr}"))
}

#[test]
fn a_malformed_csv_row_is_reported_with_its_row_and_column() {
    let bad = reported(&[(
        "bad.csv",
        "id,received,channel,summary\n\
         2025-901,2025-09-01,hotline\n\
         2025-903,2025-09-02,phone,路面破损\n",
    )]);
    // Row 2 has three cells for four columns: the row, from its first column.
    assert!(message_at(&bad, "suggestions/bad.csv:2:1").contains("3 cells"));
    // Row 3: the channel in the third column starts at character 21.
    assert!(message_at(&bad, "suggestions/bad.csv:3:21").contains("phone"));
    // A well-formed row with a date that does not exist, in column `received` from
    // character 10 (validation runs once every file parses).
    let dates = reported(&[(
        "dates.csv",
        "id,received,channel,summary\n2025-902,2025-13-40,hotline,路灯不亮\n",
    )]);
    assert!(message_at(&dates, "suggestions/dates.csv:2:10").contains("2025-13-40"));
}

/// Excel and WPS on Chinese Windows save "CSV (逗号分隔)" in GBK: such a register was
/// refused as "not UTF-8" although nothing in it was wrong.
#[test]
fn a_csv_saved_in_gbk_by_excel_is_read_with_a_warning() {
    let tmp = common::tempdir();
    let src = tmp.path().join("site");
    copy_dir(&case("suggestions-outcomes"), &src);
    let path = src.join("suggestions/more.csv");
    let utf8 = std::fs::read_to_string(&path).expect("read the CSV");
    let utf8 = utf8.strip_prefix('\u{feff}').unwrap_or(&utf8);
    let (gbk, _, lossy) = encoding_rs::GBK.encode(utf8);
    assert!(
        !lossy && std::str::from_utf8(&gbk).is_err(),
        "a real GBK file"
    );
    std::fs::write(&path, &gbk).expect("write the GBK CSV");
    let built = build(&src, "2025-09-20");
    assert!(
        built.stderr.contains("more.csv") && built.stderr.contains("GBK"),
        "a warning names the file and the encoding:\n{}",
        built.stderr
    );
    // The same records as from the UTF-8 file, character for character.
    let json = String::from_utf8(built.bytes("data/suggestions.json")).expect("UTF-8");
    assert!(json.contains("西河乡小学缺少体育老师。"), "{json}");
    assert_eq!(
        built.bytes("data/suggestions.json"),
        site().bytes("data/suggestions.json")
    );
}

#[test]
fn a_csv_in_neither_utf8_nor_gbk_is_refused_at_the_first_bad_byte() {
    let tmp = common::tempdir();
    let src = tmp.path().join("site");
    copy_dir(&case("suggestions-outcomes"), &src);
    std::fs::write(
        src.join("suggestions/bad.csv"),
        b"id,received,channel,summary\n2025-901,2025-09-01,hotline,\xff\xff\n",
    )
    .expect("write");
    let out = lianluo()
        .arg("check")
        .arg(&src)
        .arg("--as-of")
        .arg("2025-09-20")
        .output()
        .expect("run lianluo");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("suggestions/bad.csv:2:29") && stderr.contains("not UTF-8"),
        "{stderr}"
    );
}
