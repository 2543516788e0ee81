//! Content that once crashed or exhausted the build, or passed silently with an implausible
//! value: each is now a located error from `check` and `build` alike (exit 1, never a
//! panic or a signal), found by an attack on the release binary.

mod common;

use std::path::{Path, PathBuf};

use common::{AS_OF, case, copy_dir, lianluo, tempdir};

/// A copy of the `valid` fixture with `edit` applied to one of its files.
fn site_with(dir: &Path, file: &str, edit: impl Fn(&str) -> String) -> PathBuf {
    let site = dir.join("site");
    copy_dir(&case("valid"), &site);
    let path = site.join(file);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{file}: {e}"));
    let edited = edit(&text);
    assert_ne!(edited, text, "the edit of {file} changed nothing");
    std::fs::write(&path, edited).expect("write");
    site
}

/// Run `check` and `build`: both must fail with exit code 1 and print `expected`; their
/// stderr is returned (check's).
fn refused(site: &Path, expected: &str) -> String {
    let mut printed = String::new();
    for command in ["check", "build"] {
        let mut cmd = lianluo();
        cmd.arg(command).arg(site).args(["--as-of", AS_OF]);
        if command == "build" {
            cmd.arg("--out").arg(site.join("public"));
        }
        let output = cmd.output().expect("run lianluo");
        let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
        assert_eq!(output.status.code(), Some(1), "{command}: {stderr}");
        assert!(stderr.contains(expected), "{command}: {stderr}");
        if command == "check" {
            printed = stderr;
        }
    }
    assert!(
        !site.join("public").exists(),
        "a refused build wrote nothing"
    );
    printed
}

const ACTIVITY: &str = "activities/2025/2025-03-07-dongcheng-jiedai.md";

#[test]
fn blockquotes_nested_2300_deep_no_longer_abort_the_build() {
    let tmp = tempdir();
    let site = site_with(tmp.path(), ACTIVITY, |t| {
        format!("{t}\n{}x\n", "> ".repeat(2300))
    });
    let stderr = refused(&site, "nested more than");
    assert!(stderr.contains(&format!("{ACTIVITY}:13:")), "{stderr}");
}

#[test]
fn a_hundred_thousand_divs_are_refused_at_once() {
    let tmp = tempdir();
    let site = site_with(tmp.path(), "pages/about.md", |t| {
        format!("{t}\n{}\n", "<div>".repeat(100_000))
    });
    refused(&site, "nested more than");
}

#[test]
fn a_three_megabyte_body_is_refused_with_the_limit() {
    let tmp = tempdir();
    let site = site_with(tmp.path(), "pages/about.md", |t| {
        format!(
            "{t}\n{}\n",
            "[链接](https://example.org/a) ".repeat(100_000)
        )
    });
    refused(&site, "pages take at most 512 KB");
}

#[test]
fn reply_deadline_days_7304485_no_longer_panics() {
    let tmp = tempdir();
    let site = site_with(tmp.path(), "site.yaml", |t| {
        t.replace("reply_deadline_days: 90", "reply_deadline_days: 7304485")
    });
    refused(&site, "reply_deadline_days must be between 1 and 730");
}

#[test]
fn an_empty_name_is_an_error() {
    let tmp = tempdir();
    let site = site_with(tmp.path(), "deputies/li-xian.md", |t| {
        t.replace("name: 李县英", "name: \"\"")
    });
    let stderr = refused(&site, "the name is empty");
    assert!(stderr.contains("deputies/li-xian.md:2:"), "{stderr}");
}

#[test]
fn a_reception_moved_to_9999_is_an_error() {
    let tmp = tempdir();
    let site = site_with(tmp.path(), "stations/dongcheng-station.md", |t| {
        t.replace(
            "{ date: 2025-11-07, cancelled: true, note: 代表集中学习 }",
            "{ date: 2025-11-07, moved_to: 9999-12-31 }",
        )
    });
    refused(&site, "`9999-12-31` is not a plausible date");
}

#[test]
fn day_31_in_february_only_is_an_error() {
    let tmp = tempdir();
    let site = site_with(tmp.path(), "stations/dongcheng-station.md", |t| {
        t.replace(
            "    weekday: friday\n    nth: 1\n",
            "    day: 31\n    months: [2]\n",
        )
    });
    refused(&site, "this reception never occurs");
}

#[test]
fn twenty_million_people_received_is_an_error() {
    let tmp = tempdir();
    let site = site_with(tmp.path(), ACTIVITY, |t| {
        t.replace("received: 12", "received: 20000000")
    });
    refused(&site, "is not plausible");
}

#[test]
fn a_csv_with_two_summary_columns_names_both() {
    let tmp = tempdir();
    let site = site_with(tmp.path(), "suggestions/2025-q3.csv", |t| {
        let mut lines: Vec<String> = t.lines().map(|l| format!("{l},")).collect();
        lines[0] = lines[0].replace("extended,", "extended,summary");
        lines.join("\n") + "\n"
    });
    let stderr = refused(&site, "the column `summary` appears twice: columns H and Q");
    assert!(stderr.contains("suggestions/2025-q3.csv:1:"), "{stderr}");
}

#[test]
fn ansi_escapes_in_a_file_name_and_a_value_are_never_printed_raw() {
    let tmp = tempdir();
    let site = site_with(tmp.path(), "deputies/li-xian.md", |t| {
        t.replace("level: county", "level: \"\\e[2J\\e[31mcounty\"")
    });
    std::fs::write(
        site.join("deputies/evil\u{1b}[2Jname.md"),
        "---\nname: 某\nlevel: county\n---\n",
    )
    .expect("write");
    for command in ["check", "build"] {
        let output = lianluo()
            .arg(command)
            .arg(&site)
            .args(["--as-of", AS_OF])
            .output()
            .expect("run lianluo");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(1), "{command}: {stderr}");
        assert!(
            !stderr.contains('\u{1b}'),
            "{command}: raw escape in {stderr:?}"
        );
        assert!(stderr.contains("\\u{1b}[2J"), "{command}: {stderr}");
    }
}
