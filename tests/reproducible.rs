//! Reproducible builds: the same content and as-of date give the same bytes, whether the
//! date comes from `--as-of` or from `SOURCE_DATE_EPOCH`, whatever order the parallel
//! stages finish in and whatever the output folder is called.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use common::{AS_OF, build, demo, diff, lianluo, snapshot};

/// 2025-09-20T00:00:00Z, which is 08:00 on 2025-09-20 in Asia/Shanghai.
const EPOCH_2025_09_20: &str = "1758326400";

fn assert_same(a: &BTreeMap<String, Vec<u8>>, b: &BTreeMap<String, Vec<u8>>, what: &str) {
    assert!(a.len() > 100, "only {} files", a.len());
    let changes = diff(a, b);
    assert!(
        changes.is_empty(),
        "{what}: {} differences:\n{}",
        changes.len(),
        changes.join("\n")
    );
}

fn build_with_epoch(site: &Path, out: &Path) {
    let output = lianluo()
        .env("SOURCE_DATE_EPOCH", EPOCH_2025_09_20)
        .arg("build")
        .arg(site)
        .arg("--out")
        .arg(out)
        .output()
        .expect("run lianluo");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn rebuilding_the_demo_with_the_same_as_of_gives_identical_bytes() {
    let first = build(&demo(), AS_OF);
    let second = build(&demo(), AS_OF);
    assert_same(
        &snapshot(&first.out),
        &snapshot(&second.out),
        "two builds with --as-of",
    );
}

#[test]
fn source_date_epoch_gives_identical_bytes_and_the_same_as_its_as_of_date() {
    let tmp = common::tempdir();
    let (one, two) = (tmp.path().join("one"), tmp.path().join("other-name"));
    build_with_epoch(&demo(), &one);
    build_with_epoch(&demo(), &two);
    let first = snapshot(&one);
    assert_same(&first, &snapshot(&two), "two builds with SOURCE_DATE_EPOCH");
    let flagged = build(&demo(), AS_OF);
    assert_same(
        &first,
        &snapshot(&flagged.out),
        "SOURCE_DATE_EPOCH=2025-09-20 and --as-of 2025-09-20",
    );
}
