//! Spreadsheets as sources: a site kept in the office's workbooks (tests/cases/sheets/,
//! written by its make.py the way offices make them) builds into the same pages, byte for
//! byte, as the same site in YAML and Markdown (tests/cases/sheets-yaml/); and every
//! mistake in a workbook is reported at its `file › sheet › cell`, all in one run
//! (tests/cases/sheets-errors/).

mod common;

use common::*;

#[test]
fn a_spreadsheet_site_builds_into_the_same_pages_as_its_yaml_twin() {
    let sheets = build(&case("sheets"), AS_OF);
    let yaml = build(&case("sheets-yaml"), AS_OF);
    let differences = diff(&snapshot(&sheets.out), &snapshot(&yaml.out));
    assert!(
        differences.is_empty(),
        "{differences:#?}\n{}",
        sheets.stderr
    );
    // What the workbooks hold did reach the pages: a deputy of a sheet without an ID
    // column, at the id its name's pinyin gives after its namesake's.
    assert!(sheets.exists("deputies/wang-wei-2/index.html"));
    assert!(sheets.exists("activities/xi-meeting-0829/index.html"));
    // The .ods's 区号, merged over both stations' rows, belongs to the second one too.
    assert!(
        sheets
            .text("stations/xi-station/index.html")
            .contains("0917-8200002")
    );
    // The areas and constituencies came from areas.xlsx.
    assert!(!case("sheets").join("areas.yaml").exists());
    assert!(sheets.exists("areas/xicun/index.html"));
}

/// Every mistake of tests/cases/sheets-areas-errors/areas.xlsx at its cell.
const AREA_MISTAKES: &[(&str, &str)] = &[
    (
        "error: areas.xlsx › 区划 › A3: ",
        "`Dong Zhen` is not a valid id",
    ),
    (
        "error: areas.xlsx › 区划 › C4: ",
        "`公社` is not a kind of area",
    ),
    (
        "error: areas.xlsx › 区划 › D5: ",
        "there is no area with the id `南镇`",
    ),
    (
        "error: areas.xlsx › 区划 › A6: ",
        "the area id `dongcun` is used twice",
    ),
    (
        "error: areas.xlsx › 区划 › B7: ",
        "the cell `名称` is empty in this row",
    ),
    (
        "error: areas.xlsx › 选区 › C2: ",
        "a constituency elects county or township deputies, not `city`",
    ),
    (
        "error: areas.xlsx › 选区 › D3: ",
        "the constituency `c2` covers no area",
    ),
    (
        "error: areas.xlsx › 选区 › D4: ",
        "there is no area with the id `北村`",
    ),
    (
        "error: areas.xlsx › 选区 › C5: ",
        "`未知` is not one of the values this column takes",
    ),
];

#[test]
fn every_mistake_in_an_areas_workbook_is_named_by_its_cell_in_one_run() {
    let out = lianluo()
        .arg("check")
        .arg(case("sheets-areas-errors"))
        .arg("--as-of")
        .arg(AS_OF)
        .output()
        .expect("run lianluo");
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    let reported: Vec<&str> = stderr
        .lines()
        .filter(|l| l.starts_with("error: ") || l.starts_with("warning: "))
        .filter(|l| !l.starts_with("error: the site has"))
        .collect();
    for (place, message) in AREA_MISTAKES {
        assert!(
            reported
                .iter()
                .any(|l| l.starts_with(place) && l.contains(message)),
            "{place}{message} is not reported:\n{stderr}"
        );
    }
    assert_eq!(reported.len(), AREA_MISTAKES.len(), "{stderr}");
    // The cell's header and text, as for every other sheet.
    assert!(
        stderr.contains("note: the cell under `上级` reads `南镇`"),
        "{stderr}"
    );
    assert!(
        stderr.contains("help: check the spelling: area ids come from areas.xlsx"),
        "{stderr}"
    );
    // The fix is said as a workbook's, not as YAML.
    assert!(stderr.contains("help: write 县 or 乡镇"), "{stderr}");
    assert!(!stderr.contains("covers: ["), "{stderr}");
}

#[test]
fn areas_come_from_one_file_an_areas_workbook_beside_areas_yaml_is_an_error() {
    let tmp = tempdir();
    let site = tmp.path().join("site");
    copy_dir(&case("sheets-yaml"), &site);
    std::fs::copy(case("sheets").join("areas.xlsx"), site.join("areas.xlsx")).expect("copy");
    let out = lianluo()
        .arg("check")
        .arg(&site)
        .arg("--as-of")
        .arg(AS_OF)
        .output()
        .expect("run lianluo");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{stderr}");
    assert!(
        stderr.contains(
            "error: areas.xlsx: the areas are read from one file, areas.yaml: areas.xlsx is not read"
        ),
        "{stderr}"
    );
}

#[test]
fn a_sheet_without_an_id_column_is_warned_about_once() {
    let built = build(&case("sheets"), AS_OF);
    let warnings: Vec<&str> = built
        .stderr
        .lines()
        .filter(|l| l.starts_with("warning: "))
        .collect();
    assert_eq!(
        warnings,
        [
            "warning: deputies/名册.xlsx › 乡镇代表 › row 3: this sheet has no ID column: deputy ids (and so web addresses) are made from the names' pinyin, and change when namesakes are reordered"
        ],
        "{}",
        built.stderr
    );
}

/// Every mistake of tests/cases/sheets-errors/ at its cell, with a piece of its message.
const MISTAKES: &[(&str, &str)] = &[
    (
        "error: activities/坏文件.xlsx: ",
        "cannot read the workbook",
    ),
    (
        "error: activities/活动.xlsx › 2025 › F2: ",
        "手机号码 in the report",
    ),
    (
        "warning: deputies/名册.xlsx › 县代表 › L3: ",
        "`**` will be shown as typed",
    ),
    (
        "warning: deputies/名册.xlsx › 县代表 › H2: ",
        "columns not read: H `政治面膜`",
    ),
    (
        "error: deputies/名册.xlsx › 县代表 › I2: ",
        "the column `选举单位` says the same as column E",
    ),
    (
        "warning: deputies/名册.xlsx › 县代表 › G4: ",
        "the leading 0 of the area code is missing",
    ),
    (
        "error: deputies/名册.xlsx › 县代表 › J4: ",
        "`name_native` is not in the Uyghur, Tibetan or Mongolian script",
    ),
    (
        "error: deputies/名册.xlsx › 县代表 › C5: ",
        "the cell `姓名` is empty in this row",
    ),
    (
        "error: deputies/名册.xlsx › 县代表 › D6: ",
        "`未知` is not one of the values",
    ),
    (
        "error: deputies/名册.xlsx › 县代表 › E6: ",
        "there is no constituency with the id `东镇第九选区`",
    ),
    (
        "error: deputies/名册.xlsx › 县代表 › row 7: ",
        "the deputy id `zhao-min` is used twice",
    ),
    (
        "error: stations/站.xlsx › 联络站 › E2: ",
        "`王伟` is the name of more than one deputy: wang-wei, wang-wei-b",
    ),
    (
        "error: stations/站.xlsx › 联络站 › D3: ",
        "`不定期` names no time",
    ),
    (
        "error: suggestions/台账.xlsx › 2025 › B2: ",
        "`2025-02-30` is not a valid date",
    ),
    (
        "error: suggestions/台账.xlsx › 2025 › D2: ",
        "手机号码 in the summary: `138****5678` is personal data",
    ),
    (
        "error: suggestions/台账.xlsx › 2025 › C3: ",
        "`电报` is not one of the values",
    ),
    (
        "error: suggestions/台账.xlsx › 2025 › B4: ",
        "the cell holds the spreadsheet error `#N/A`",
    ),
];

fn check_errors() -> String {
    let out = lianluo()
        .arg("check")
        .arg(case("sheets-errors"))
        .arg("--as-of")
        .arg(AS_OF)
        .output()
        .expect("run lianluo");
    assert!(!out.status.success());
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn every_mistake_in_a_workbook_is_named_by_its_cell_in_one_run() {
    let stderr = check_errors();
    let reported: Vec<&str> = stderr
        .lines()
        .filter(|l| (l.starts_with("error: ") || l.starts_with("warning: ")) && l.contains(": "))
        .filter(|l| !l.starts_with("error: the site has"))
        .collect();
    for (place, message) in MISTAKES {
        assert!(
            reported
                .iter()
                .any(|l| l.starts_with(place) && l.contains(message)),
            "{place}{message} is not reported:\n{stderr}"
        );
    }
    assert_eq!(reported.len(), MISTAKES.len(), "{stderr}");
    assert!(
        stderr.contains("the site has 14 errors and 3 warnings"),
        "{stderr}"
    );
}

#[test]
fn a_cells_problem_shows_its_header_its_text_and_the_fix() {
    let stderr = check_errors();
    assert!(
        stderr.contains("note: the cell under `选区` reads `东镇第九选区`"),
        "{stderr}"
    );
    assert!(
        stderr.contains("note: the cell under `姓名` is empty"),
        "{stderr}"
    );
    assert!(stderr.contains("help: write one of: 男, 女"), "{stderr}");
    // The privacy guard's finding is masked in the cell's text too.
    assert!(
        stderr.contains(
            "note: the cell under `群众反映` reads `来电人电话138****5678，反映路灯不亮。`"
        ),
        "{stderr}"
    );
    assert!(!stderr.contains("13812345678"), "{stderr}");
}

#[test]
fn every_csv_download_is_also_a_workbook_with_the_same_bytes_on_every_build() {
    let a = build(&case("sheets"), AS_OF);
    let b = build(&case("sheets"), AS_OF);
    for name in ["deputies", "stations", "areas", "activities", "suggestions"] {
        let rel = format!("data/{name}.xlsx");
        assert!(a.exists(&rel), "{rel} is missing");
        assert_eq!(a.bytes(&rel), b.bytes(&rel), "{rel} differs between builds");
        let listed = format!("data-path=\"{rel}\"");
        assert!(
            a.text("data/index.html").contains(&listed),
            "{rel} is not on /data/"
        );
    }
}

/// data/areas.xlsx held only the areas: an office that put it back as its areas.xlsx lost
/// its constituencies and electing units, and every deputy's seat with them.
#[test]
fn the_exported_areas_workbook_builds_again_as_the_areas_source() {
    let tmp = tempdir();
    let site = tmp.path().join("site");
    copy_dir(&case("sheets-yaml"), &site);
    let areas = site.join("areas.yaml");
    let mut yaml = std::fs::read_to_string(&areas)
        .expect("areas.yaml")
        .replace("name: 西村,", "name: 西村, pinyin: Xicun,");
    assert!(yaml.contains("pinyin: Xicun"), "{yaml}");
    yaml.push_str(
        "units:\n  - { id: pla, name: 中国人民解放军, pinyin: Zhongguo Renmin Jiefangjun }\n",
    );
    std::fs::write(&areas, yaml).expect("write areas.yaml");
    let built = build(&site, AS_OF);

    use calamine::{Reader, Xlsx};
    let bytes = built.bytes("data/areas.xlsx");
    let wb: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes.clone())).expect("the workbook opens");
    assert_eq!(wb.sheet_names(), ["areas", "constituencies", "units"]);

    std::fs::remove_file(&areas).expect("remove areas.yaml");
    std::fs::write(site.join("areas.xlsx"), &bytes).expect("write areas.xlsx");
    let again = build(&site, AS_OF);
    assert!(!again.stderr.contains("warning"), "{}", again.stderr);
    // The same areas, constituencies and units, in the same order, came back.
    for rel in ["data/areas.csv", "data/areas.xlsx", "data/deputies.csv"] {
        assert_eq!(again.bytes(rel), built.bytes(rel), "{rel} differs");
    }
    assert!(again.exists("units/pla/index.html"));
    // An area's pinyin is among them (data/areas.csv has a column for it).
    assert!(
        again.text("data/areas.csv").contains(",Xicun,"),
        "{}",
        again.text("data/areas.csv")
    );
    assert_eq!(
        again.text("deputies/zhao-min/index.html"),
        built.text("deputies/zhao-min/index.html")
    );
}

#[test]
fn what_an_office_exports_builds_again_as_a_source() {
    let built = build(&case("sheets-yaml"), AS_OF);
    let tmp = tempdir();
    let site = tmp.path().join("site");
    copy_dir(&case("sheets-yaml"), &site);
    for name in ["deputies", "stations", "activities", "suggestions"] {
        let folder = site.join(name);
        std::fs::remove_dir_all(&folder).expect("remove the folder");
        std::fs::create_dir_all(&folder).expect("make the folder");
        let rel = format!("data/{name}.xlsx");
        std::fs::write(folder.join(format!("{name}.xlsx")), built.bytes(&rel)).expect("write");
    }
    // The areas too, with an electing units sheet that has only its header (no units).
    std::fs::remove_file(site.join("areas.yaml")).expect("remove areas.yaml");
    std::fs::write(site.join("areas.xlsx"), built.bytes("data/areas.xlsx")).expect("write");
    let out = lianluo()
        .arg("check")
        .arg(&site)
        .arg("--as-of")
        .arg(AS_OF)
        .output()
        .expect("run lianluo");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr.contains("ok: 5 deputies, 2 stations, 4 activities, 2 suggestions"),
        "{stderr}"
    );
    assert!(!stderr.contains("warning"), "{stderr}");
}

/// `name_native` was left out of data/deputies.csv and .xlsx: an office that exported its
/// roster and put it back lost its deputies' names in their own script.
#[test]
fn the_name_in_the_deputys_own_script_is_exported_and_comes_back() {
    let built = build(&case("sheets-yaml"), AS_OF);
    let csv = built.text("data/deputies.csv");
    let csv = csv.trim_start_matches('\u{feff}');
    assert!(csv.starts_with("id,name,name_native,level,"), "{csv}");
    assert!(
        csv.lines()
            .any(|l| l.starts_with("zhao-min,赵敏,ژاۋ مىن,county,")),
        "{csv}"
    );
    // Popolo has it as one of the person's other names.
    let popolo: serde_json::Value =
        serde_json::from_slice(&built.bytes("data/popolo.json")).expect("popolo.json");
    let person = popolo["persons"]
        .as_array()
        .expect("persons")
        .iter()
        .find(|p| p["id"] == "deputies/zhao-min")
        .expect("zhao-min");
    assert_eq!(person["other_names"][0]["name"], "ژاۋ مىن", "{person}");
    // The workbook put back as the roster gives the page the same name, in its script.
    let tmp = tempdir();
    let site = tmp.path().join("site");
    copy_dir(&case("sheets-yaml"), &site);
    let folder = site.join("deputies");
    std::fs::remove_dir_all(&folder).expect("remove the folder");
    std::fs::create_dir_all(&folder).expect("make the folder");
    std::fs::write(
        folder.join("deputies.xlsx"),
        built.bytes("data/deputies.xlsx"),
    )
    .expect("write");
    let again = build(&site, AS_OF);
    let native = |b: &Built| {
        let page = b.page("deputies/zhao-min/index.html");
        let span = page
            .select(&sel("h1 .name-native"))
            .next()
            .expect("the name in its own script");
        (text(span), span.value().attr("lang").map(str::to_owned))
    };
    assert_eq!(
        native(&again),
        ("ژاۋ مىن".to_owned(), Some("ug".to_owned()))
    );
    assert_eq!(native(&again), native(&built));
}

#[test]
fn the_roster_template_with_one_filled_row_builds() {
    use calamine::{Data, Reader, Xlsx, open_workbook};
    let tmp = tempdir();
    let site = tmp.path().join("site");
    copy_dir(&case("sheets-yaml"), &site);
    let roster = site.join("deputies/名册.xlsx");
    lianluo()
        .args(["new", "roster"])
        .arg(&roster)
        .assert()
        .success();
    // A second run never overwrites it.
    lianluo()
        .args(["new", "roster"])
        .arg(&roster)
        .assert()
        .failure();
    // The template alone builds (no rows, no warnings).
    build(&site, AS_OF);

    let mut wb: Xlsx<_> = open_workbook(&roster).expect("the template opens");
    assert_eq!(wb.sheet_names(), ["代表名册", "说明"]);
    let range = wb.worksheet_range("代表名册").expect("the roster sheet");
    let notes = wb.worksheet_range("说明").expect("the notes sheet");
    let explained = notes
        .rows()
        .any(|r| matches!(r.first(), Some(Data::String(h)) if h == "民族文字姓名"));
    let headers: Vec<String> = range
        .rows()
        .next()
        .expect("a header row")
        .iter()
        .map(|d| match d {
            Data::String(s) => s.clone(),
            _ => String::new(),
        })
        .collect();
    let filled = [
        ("编号", "chen-jing"),
        ("姓名", "陈静"),
        ("代表层级", "县"),
        ("选区", "西镇第一选区"),
        ("性别", "女"),
        ("联络站", "西镇代表之家"),
        ("民族文字姓名", "ئابدۇللا"),
    ];
    let mut out = rust_xlsxwriter::Workbook::new();
    let ws = out.add_worksheet();
    for (c, h) in headers.iter().enumerate() {
        let c = u16::try_from(c).expect("few columns");
        ws.write_string(0, c, h).expect("write");
        if let Some((_, v)) = filled.iter().find(|(k, _)| k == h) {
            ws.write_string(1, c, *v).expect("write");
        }
    }
    std::fs::remove_file(&roster).expect("remove");
    out.save(&roster).expect("save");
    let built = build(&site, AS_OF);
    assert!(
        built.exists("deputies/chen-jing/index.html"),
        "{}",
        built.stderr
    );
    assert!(!built.stderr.contains("warning"), "{}", built.stderr);
    // The column of the name in the deputy's own script is read, and explained.
    assert!(
        built
            .text("deputies/chen-jing/index.html")
            .contains("ئابدۇللا")
    );
    assert!(explained, "民族文字姓名 is not explained on 说明");
}

/// A roster with one stray value in the last cell of the sheet (XFD1048576) aborted the
/// program: calamine allocated the whole rectangle, 17 billion cells, before we saw it.
#[test]
fn a_value_typed_into_xfd1048576_no_longer_aborts_the_program() {
    let tmp = tempdir();
    let site = tmp.path().join("site");
    copy_dir(&case("sheets-yaml"), &site);
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("代表名册").expect("name");
    for (c, (header, value)) in [
        ("姓名", "陈静"),
        ("代表层级", "县"),
        ("选区", "西镇第一选区"),
    ]
    .iter()
    .enumerate()
    {
        let c = u16::try_from(c).expect("few columns");
        sheet.write_string(0, c, *header).expect("write");
        sheet.write_string(1, c, *value).expect("write");
    }
    sheet.write_string(1_048_575, 16_383, "x").expect("write");
    book.save(site.join("deputies/名册.xlsx")).expect("save");
    let out = lianluo()
        .arg("check")
        .arg(&site)
        .args(["--as-of", AS_OF])
        .output()
        .expect("run lianluo");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("deputies/名册.xlsx › 代表名册 › XFD1048576")
            && stderr.contains("delete it"),
        "{stderr}"
    );
}

#[test]
fn the_suggestion_figures_are_also_a_workbook_with_the_counts_of_the_json() {
    use calamine::{Data, Reader, Xlsx};
    let a = build(&case("sheets"), AS_OF);
    let b = build(&case("sheets"), AS_OF);
    let rel = "data/suggestion-stats.xlsx";
    assert_eq!(a.bytes(rel), b.bytes(rel), "{rel} differs between builds");
    assert!(
        a.text("data/index.html")
            .contains(&format!("data-path=\"{rel}\""))
    );
    // The suggestions overview links it beside the JSON, and the records' workbook too.
    let overview = a.text("suggestions/index.html");
    assert!(
        overview.contains("data/suggestion-stats.xlsx"),
        "{overview}"
    );
    assert!(overview.contains("data/suggestions.xlsx"), "{overview}");

    let json: serde_json::Value =
        serde_json::from_slice(&a.bytes("data/suggestion-stats.json")).expect("stats JSON");
    let mut wb: Xlsx<_> =
        Xlsx::new(std::io::Cursor::new(a.bytes(rel))).expect("the workbook opens");
    assert_eq!(
        wb.sheet_names(),
        [
            "overall",
            "years",
            "handlers",
            "categories",
            "areas",
            "stations",
            "deputies",
            "definitions"
        ]
    );
    let cell = |range: &calamine::Range<Data>, row: usize, header: &str| -> Data {
        let col = range
            .rows()
            .next()
            .expect("a header row")
            .iter()
            .position(|d| matches!(d, Data::String(s) if s == header))
            .unwrap_or_else(|| panic!("no column {header}"));
        range.get((row, col)).cloned().unwrap_or(Data::Empty)
    };
    let overall = wb.worksheet_range("overall").expect("overall");
    for key in ["received", "transferred", "replied", "closed"] {
        let expected = json["overall"][key].as_f64().expect("a count");
        assert_eq!(cell(&overall, 1, key), Data::Float(expected), "{key}");
    }
    // One row per handler with records, keyed by id, as in the JSON.
    let handlers = wb.worksheet_range("handlers").expect("handlers");
    let keys: Vec<String> = (1..handlers.height())
        .map(|r| cell(&handlers, r, "key").to_string())
        .collect();
    let expected: Vec<String> = json["handlers"]
        .as_object()
        .expect("handlers")
        .keys()
        .cloned()
        .collect();
    assert_eq!(keys, expected);
    // An outcome class per column.
    assert!(matches!(cell(&overall, 0, "outcome_A"), Data::String(_)));
}
