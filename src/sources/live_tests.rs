//! [`Live`] against [`load`](super::super::load): after any refresh, the sources it lends
//! out are exactly what a fresh load of the folder gives.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use super::Live;

fn copy(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from)
        .into_iter()
        .filter_map(Result::ok)
    {
        let rel = entry.path().strip_prefix(from).expect("below");
        let dest = to.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&dest).expect("mkdir");
        } else {
            std::fs::copy(entry.path(), &dest).expect("copy");
        }
    }
}

/// The debug text of a fresh load and of `live`, to compare.
fn both(root: &Path, live: &mut Live) -> (String, String) {
    let (fresh, _) = crate::sources::load(root).expect("the site loads");
    let lent = live.with(|s| format!("{s:?}")).expect("no errors");
    (format!("{fresh:?}"), lent)
}

#[test]
fn refreshed_sources_equal_a_fresh_load() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let root = tmp.path().join("site");
    copy(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases/valid"),
        &root,
    );
    let mut live = Live::new(&root);
    assert!(live.refresh(None) > 10);
    let (a, b) = both(&root, &mut live);
    assert_eq!(a, b);

    // A changed file, a new one in a new folder, a deleted one, a broken one.
    let deputy = root.join("deputies/li-xian.md");
    let text = std::fs::read_to_string(&deputy).expect("read");
    std::fs::write(&deputy, text.replace("李县英", "李县华")).expect("write");
    let new_dir = root.join("activities/2030");
    std::fs::create_dir_all(&new_dir).expect("mkdir");
    std::fs::write(
        new_dir.join("x.md"),
        "---\ntitle: 测试\ndate: 2025-01-02\nkind: other\ndeputies: [li-xian]\n---\n正文\n",
    )
    .expect("write");
    let page = root.join("pages/about.md");
    std::fs::remove_file(&page).expect("delete");
    let changed: HashSet<PathBuf> = [deputy.clone(), new_dir.clone(), page]
        .into_iter()
        .collect();
    live.refresh(Some(&changed));
    let (a, b) = both(&root, &mut live);
    assert_eq!(a, b);

    // Only the named files are read when no folder is among them.
    std::fs::write(&deputy, "---\nname: [\n---\n").expect("write");
    let changed: HashSet<PathBuf> = std::iter::once(deputy.clone()).collect();
    assert_eq!(live.refresh(Some(&changed)), 1);
    assert!(live.diagnostics().has_errors());
    assert!(live.with(|_| ()).is_none());
    std::fs::write(&deputy, text).expect("write");
    live.refresh(Some(&changed));
    assert!(!live.diagnostics().has_errors());

    // A removed folder takes its files along.
    std::fs::remove_dir_all(&new_dir).expect("delete");
    let changed: HashSet<PathBuf> = std::iter::once(new_dir).collect();
    live.refresh(Some(&changed));
    let (a, b) = both(&root, &mut live);
    assert_eq!(a, b);
}

#[test]
fn a_new_or_changed_groups_yaml_is_read_like_a_fresh_load() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let root = tmp.path().join("site");
    copy(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases/valid"),
        &root,
    );
    let mut live = Live::new(&root);
    live.refresh(None);
    let groups = root.join("groups.yaml");
    std::fs::write(
        &groups,
        "groups:\n  - { id: g1, name: 第一组, level: township, area: dongcheng, members: [li-xian] }\n",
    )
    .expect("write");
    let changed: HashSet<PathBuf> = std::iter::once(groups.clone()).collect();
    assert_eq!(live.refresh(Some(&changed)), 1);
    let lent = live
        .with(|s| s.groups.as_ref().map(|g| g.raw.groups.len()))
        .expect("no errors");
    assert_eq!(lent, Some(1));
    let (a, b) = both(&root, &mut live);
    assert_eq!(a, b);
    std::fs::remove_file(&groups).expect("delete");
    live.refresh(Some(&changed));
    assert_eq!(live.with(|s| s.groups.is_none()), Some(true));
}

#[test]
fn a_site_with_workbooks_is_refreshed_as_a_fresh_load() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let root = tmp.path().join("site");
    copy(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases/sheets"),
        &root,
    );
    let mut live = Live::new(&root);
    live.refresh(None);
    let (a, b) = both(&root, &mut live);
    assert_eq!(a, b);
    assert!(b.contains("wang-wei-2"), "the workbook's rows are lent out");
    assert!(b.contains("东镇人民政府一楼"), "and the stations' rows");

    // Excel's lock file while the roster is open is no content; a workbook removed is.
    let lock = root.join("deputies/~$名册.xlsx");
    std::fs::write(&lock, b"lock").expect("write");
    let ods = root.join("stations/联络站.ods");
    std::fs::remove_file(&ods).expect("remove");
    let changed: HashSet<PathBuf> = [lock, ods].into_iter().collect();
    live.refresh(Some(&changed));
    assert!(live.diagnostics().iter().all(|d| !d.is_error()));
    let (a, b) = both(&root, &mut live);
    assert_eq!(a, b);
    assert!(
        !b.contains("东镇人民政府一楼"),
        "the stations' workbook is gone"
    );
}
