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
        stderr.contains("the site has 12 errors and 2 warnings"),
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
