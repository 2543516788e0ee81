//! Browser tests: builds the demo into a temporary folder and runs the Node tests in
//! `tests/browser/` (Debian's chromium driven by playwright-core) against it, with the
//! folder in `LIANLUO_SITE`; the fixture `tests/cases/search-readings` (names and places
//! with special readings, namesakes) is built into `LIANLUO_SITE_READINGS`.
//!
//! When chromium, node or the npm packages are missing the test says so and passes,
//! unless `LIANLUO_REQUIRE_BROWSER` is set (as `scripts/test` does after installing them),
//! in which case it fails.

mod common;

use std::io::Write;
use std::path::Path;
use std::process::Command;

const CHROMIUM: &str = "/usr/bin/chromium";

/// What is missing to run the browser tests, if anything.
fn missing(dir: &Path) -> Option<String> {
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| CHROMIUM.into());
    if !Path::new(&chromium).exists() {
        return Some(format!(
            "{chromium} is not installed (apt-get install chromium)"
        ));
    }
    if Command::new("node").arg("--version").output().is_err() {
        return Some("node is not installed".into());
    }
    for pkg in ["playwright-core", "axe-core"] {
        if !dir.join("node_modules").join(pkg).is_dir() {
            return Some(format!(
                "tests/browser/node_modules/{pkg} is missing (npm ci --prefix tests/browser)"
            ));
        }
    }
    None
}

#[test]
fn browser_tests_pass_against_the_built_demo() {
    let dir = common::repo().join("tests").join("browser");
    if let Some(why) = missing(&dir) {
        if std::env::var_os("LIANLUO_REQUIRE_BROWSER").is_some() {
            panic!("LIANLUO_REQUIRE_BROWSER is set but the browser tests cannot run: {why}");
        }
        // Written to the stream itself: the test harness would swallow `println!`.
        let _ = writeln!(
            std::io::stderr(),
            "SKIPPED browser tests: {why}; set LIANLUO_REQUIRE_BROWSER=1 to make this an error"
        );
        return;
    }
    let built = common::build(&common::demo(), "2026-11-23");
    // The demo in the other UI languages and as a bilingual site, for languages.test.mjs.
    let in_language = |languages: &str| {
        let tmp = common::tempdir();
        let site = tmp.path().join("site");
        common::copy_dir(&common::demo(), &site);
        let yaml = std::fs::read_to_string(site.join("site.yaml")).expect("site.yaml");
        std::fs::write(
            site.join("site.yaml"),
            yaml.replace("language: zh-Hans", languages),
        )
        .expect("write site.yaml");
        (common::build(&site, "2026-11-23"), tmp)
    };
    let (hant, _hant_tmp) = in_language("language: zh-Hant");
    let (en, _en_tmp) = in_language("language: en");
    let (bilingual, _bilingual_tmp) = in_language("languages: [zh-Hans, en]");
    let readings = common::build(&common::case("search-readings"), "2025-09-20");
    // The test files are named one by one: node's `--test DIR` differs between versions.
    let mut tests: Vec<_> = std::fs::read_dir(&dir)
        .expect("list tests/browser")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.to_string_lossy().ends_with(".test.mjs"))
        .collect();
    tests.sort();
    assert!(!tests.is_empty(), "tests/browser has no *.test.mjs file");
    let out = Command::new("node")
        .arg("--test")
        .arg("--test-reporter=spec")
        .args(&tests)
        .env("LIANLUO_SITE", &built.out)
        .env("LIANLUO_SITE_ZH_HANT", &hant.out)
        .env("LIANLUO_SITE_EN", &en.out)
        .env("LIANLUO_SITE_BILINGUAL", &bilingual.out)
        .env("LIANLUO_SITE_READINGS", &readings.out)
        .env("LIANLUO_BIN", env!("CARGO_BIN_EXE_lianluo"))
        .current_dir(common::repo())
        .output()
        .expect("run node --test");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    println!("{stdout}");
    eprintln!("{stderr}");
    assert!(
        out.status.success(),
        "the browser tests failed ({}):\n{stdout}\n{stderr}",
        out.status
    );
}
