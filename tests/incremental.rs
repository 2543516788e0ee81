//! Incremental `lianluo build`: a build into the folder an earlier build wrote writes only
//! the files whose bytes change, and the folder ends up byte for byte what a clean build
//! writes — after every kind of edit of every kind of source and theme file. Files whose
//! bytes did not change keep their modification time; a build with content errors changes
//! nothing; a build killed at any moment is repaired by the next one.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, SystemTime};

use common::{diff, lianluo, snapshot};

/// `lianluo build SITE --out OUT --as-of AS_OF`, to add to and run.
fn build_command(site: &Path, out: &Path) -> assert_cmd::Command {
    let mut command = lianluo();
    command
        .arg("build")
        .arg(site)
        .arg("--out")
        .arg(out)
        .args(["--as-of", common::AS_OF]);
    command
}

/// Build `site` into `out` (with `extra` flags); panics unless it succeeds. Returns stderr.
fn build(site: &Path, out: &Path, extra: &[&str]) -> String {
    let output = build_command(site, out)
        .args(extra)
        .output()
        .expect("run lianluo build");
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(output.status.success(), "build failed:\n{stderr}");
    stderr
}

/// Whether a build of `site` into `out` succeeds (nothing asserted of it).
fn succeeds(site: &Path, out: &Path) -> bool {
    build_command(site, out)
        .output()
        .expect("run lianluo build")
        .status
        .success()
}

/// A clean build of `site` into a new folder below `tmp`, as a snapshot (every file
/// parsed: `--clean` reads no parse cache).
fn clean(site: &Path, tmp: &Path) -> BTreeMap<String, Vec<u8>> {
    let full = tmp.join("full");
    let _ = std::fs::remove_dir_all(&full);
    build(site, &full, &["--clean"]);
    let snap = snapshot(&full);
    std::fs::remove_dir_all(&full).expect("remove the clean build");
    snap
}

/// Every file below `dir` with its modification time.
fn times(dir: &Path) -> BTreeMap<String, SystemTime> {
    common::files(dir)
        .into_iter()
        .map(|rel| {
            let t = std::fs::metadata(dir.join(&rel))
                .and_then(|m| m.modified())
                .expect("mtime");
            (rel, t)
        })
        .collect()
}

/// The `N written, N removed, N unchanged` of a build's summary line.
fn counts(stderr: &str) -> (usize, usize, usize) {
    let re = regex::Regex::new(r"(\d+) written, (\d+) removed, (\d+) unchanged").expect("regex");
    let c = re
        .captures(stderr)
        .unwrap_or_else(|| panic!("no counts in:\n{stderr}"));
    let n = |i: usize| c[i].parse::<usize>().expect("a number");
    (n(1), n(2), n(3))
}

fn edit(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).expect("read the file");
    assert!(text.contains(from), "{} has no {from:?}", path.display());
    std::fs::write(path, text.replace(from, to)).expect("write the file");
}

/// One edit: what it does to the site folder.
type Edit = Box<dyn Fn(&Path)>;

fn write(rel: &'static str, text: String) -> Edit {
    Box::new(move |site| {
        let path = site.join(rel);
        std::fs::create_dir_all(path.parent().expect("a parent")).expect("mkdir");
        std::fs::write(path, &text).expect("write");
    })
}

fn change(rel: &'static str, from: &'static str, to: &'static str) -> Edit {
    Box::new(move |site| edit(&site.join(rel), from, to))
}

fn rename(from: &'static str, to: &'static str) -> Edit {
    Box::new(move |site| {
        let to = site.join(to);
        std::fs::create_dir_all(to.parent().expect("a parent")).expect("mkdir");
        std::fs::rename(site.join(from), to).expect("rename");
    })
}

fn delete(rel: &'static str) -> Edit {
    Box::new(move |site| {
        let p = site.join(rel);
        if p.is_dir() {
            std::fs::remove_dir_all(p).expect("delete");
        } else {
            std::fs::remove_file(p).expect("delete");
        }
    })
}

const DEPUTY: &str = "---\nname: 孙新代\nlevel: county\nconstituency: ceshi-c02\noccupation: 西河村村委会主任\n---\n新代表的简介。\n";
const STATION: &str = "---\nname: 柳林村代表工作室\nkind: studio\narea: liulin\naddress: 柳林村村委会\nreceptions:\n  - every: month\n    weekday: monday\n    nth: 2\n    time: \"09:00-11:00\"\n    deputies: [zhou-xian]\n---\n每月第二个周一接待。\n";
const ACTIVITY: &str = "---\ntitle: 代表调研柳林村饮水工程\ndate: 2025-06-18\nkind: research\ndeputies: [zhou-xian, li-xian]\narea: liulin\n---\n代表们走访了柳林村。\n";
const PAGE: &str = "---\ntitle: 代表履职指南\nweight: 30\n---\n代表履职的基本要求。\n";
const SUGGESTIONS: &str = "- id: 2025-090\n  received: 2025-08-01\n  channel: letter\n  deputies: [zhou-xian]\n  area: liulin\n  category: 教育\n  summary: 柳林村小学操场需要翻修。\n  handler: zhujian\n  transferred: 2025-08-05\n";
const CSV_ROW: &str = "2025-091,2025-08-11,online,li-xian,,heping,城市管理,和平社区路灯不亮。,zhujian,2025-08-12,,,,,,\n";
const SVG: &str = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"2\" height=\"2\"/>\n";
const STRINGS: &str = "not_found: 这个页面不存在了\n";

/// A built-in theme file with `from` replaced by `to`: an override of it.
fn theme_file(rel: &str, from: &str, to: &str) -> String {
    let text = std::fs::read_to_string(common::repo().join("themes/default").join(rel))
        .expect("read the built-in theme");
    assert!(text.contains(from), "{rel} has no {from:?}");
    text.replacen(from, to, 1)
}

/// Every kind of edit of every kind of source and theme file (the list of
/// tests/serve_incremental.rs, with template and asset overrides), in order.
fn edits() -> Vec<(&'static str, Edit)> {
    let csv_add: Edit = Box::new(|site| {
        let p = site.join("suggestions/2025-q3.csv");
        let mut text = std::fs::read_to_string(&p).expect("read");
        text.push_str(CSV_ROW);
        std::fs::write(p, text).expect("write");
    });
    let s = str::to_owned;
    vec![
        ("add a deputy", write("deputies/sun-xin.md", s(DEPUTY))),
        (
            "change a deputy",
            change("deputies/sun-xin.md", "孙新代", "孙新岱"),
        ),
        (
            "change a listed deputy",
            change("deputies/li-xian.md", "name: 李县英", "name: 李县华"),
        ),
        (
            "rename a deputy",
            rename("deputies/sun-xin.md", "deputies/sun-xin-2.md"),
        ),
        ("delete a deputy", delete("deputies/sun-xin-2.md")),
        (
            "add a station",
            write("stations/liulin-studio.md", s(STATION)),
        ),
        (
            "change a station",
            change("stations/liulin-studio.md", "nth: 2", "nth: 3"),
        ),
        (
            "rename a station",
            rename("stations/liulin-studio.md", "stations/liulin-home.md"),
        ),
        ("delete a station", delete("stations/liulin-home.md")),
        (
            "add an activity",
            write("activities/2025/liulin-water.md", s(ACTIVITY)),
        ),
        (
            "change an activity",
            change("activities/2025/liulin-water.md", "饮水工程", "自来水工程"),
        ),
        (
            "move an activity",
            rename(
                "activities/2025/liulin-water.md",
                "activities/2026/liulin-water-2.md",
            ),
        ),
        ("delete an activity", delete("activities/2026")),
        ("add a page", write("pages/guide/duties.md", s(PAGE))),
        (
            "change a page",
            change("pages/guide/duties.md", "基本要求", "基本要求和方法"),
        ),
        (
            "rename a page",
            rename("pages/guide/duties.md", "pages/duties.md"),
        ),
        ("delete a page", delete("pages/duties.md")),
        (
            "add suggestions",
            write("suggestions/letters.yaml", s(SUGGESTIONS)),
        ),
        (
            "change a suggestion",
            change("suggestions/letters.yaml", "操场", "操场和围墙"),
        ),
        (
            "rename a suggestion file",
            rename("suggestions/letters.yaml", "suggestions/2025-letters.yaml"),
        ),
        (
            "delete a suggestion file",
            delete("suggestions/2025-letters.yaml"),
        ),
        ("add a CSV row", csv_add),
        (
            "change an area",
            change("areas.yaml", "name: 柳林村", "name: 柳林新村"),
        ),
        (
            "change the site",
            change(
                "site.yaml",
                "title: 测试县人大代表联络网",
                "title: 测试县人大代表之家",
            ),
        ),
        ("add a static file", write("static/photos/new.svg", s(SVG))),
        (
            "change a static file",
            write("static/photos/new.svg", SVG.replace("2\"", "3\"")),
        ),
        (
            "rename a static file",
            rename("static/photos/new.svg", "static/new/renamed.svg"),
        ),
        ("delete a static file", delete("static/new")),
        (
            "override a theme string",
            write("themes/default/i18n/zh-Hans.yaml", s(STRINGS)),
        ),
        (
            "override a template",
            write(
                "themes/default/templates/404.html",
                theme_file(
                    "templates/404.html",
                    "{% endblock content %}",
                    "<p>改过</p>{% endblock content %}",
                ),
            ),
        ),
        (
            "override an asset",
            write(
                "themes/default/static/style.css",
                theme_file("static/style.css", "", ".changed { color: red }\n"),
            ),
        ),
        (
            "rename an asset override",
            rename(
                "themes/default/static/style.css",
                "themes/default/static/extra.css",
            ),
        ),
        ("drop the overrides", delete("themes")),
    ]
}

#[test]
fn incremental_builds_equal_a_clean_build_after_every_edit() {
    let tmp = common::tempdir();
    let site = tmp.path().join("site");
    let out = tmp.path().join("out");
    common::copy_dir(&common::case("valid"), &site);
    let first = build(&site, &out, &[]);
    assert!(
        !first.contains(" written, "),
        "a first build is clean:\n{first}"
    );
    // Nothing changed: nothing is written, every file keeps its time.
    let before = (snapshot(&out), times(&out));
    let again = build(&site, &out, &[]);
    let (written, removed, kept) = counts(&again);
    assert_eq!((written, removed), (0, 0), "{again}");
    assert_eq!(
        kept,
        before.0.len() - 1,
        "every file but the marker: {again}"
    );
    assert_eq!(times(&out), before.1);

    for (name, step) in edits() {
        let (bytes, mtimes) = (snapshot(&out), times(&out));
        step(&site);
        let said = build(&site, &out, &[]);
        let after = snapshot(&out);
        let differs = diff(&after, &clean(&site, tmp.path()));
        assert!(
            differs.is_empty(),
            "{name}: the incremental build differs from a clean one: {differs:?}\n{said}"
        );
        // Files with the same bytes were left alone; the counts say what changed.
        let now = times(&out);
        let mut changed = 0;
        for (rel, data) in &after {
            match bytes.get(rel) {
                Some(old) if old == data => {
                    assert_eq!(now[rel], mtimes[rel], "{name}: {rel} was rewritten");
                }
                _ => changed += 1,
            }
        }
        let gone = bytes.keys().filter(|rel| !after.contains_key(*rel)).count();
        let (written, removed, kept) = counts(&said);
        assert_eq!((written, removed), (changed, gone), "{name}: {said}");
        assert_eq!(written + kept, after.len() - 1, "{name}: {said}");
    }
}

#[test]
fn a_build_with_content_errors_changes_nothing() {
    let tmp = common::tempdir();
    let site = tmp.path().join("site");
    let out = tmp.path().join("out");
    common::copy_dir(&common::case("valid"), &site);
    build(&site, &out, &[]);
    let manifest = tmp.path().join(".out.lianluo-manifest");
    let before = (snapshot(&out), times(&out), std::fs::read(&manifest).ok());
    edit(
        &site.join("deputies/li-xian.md"),
        "level: county",
        "level: [county",
    );
    assert!(!succeeds(&site, &out));
    assert_eq!(
        (snapshot(&out), times(&out), std::fs::read(&manifest).ok()),
        before
    );
}

#[test]
fn clean_rebuilds_every_file_and_gives_the_same_folder() {
    let tmp = common::tempdir();
    let site = tmp.path().join("site");
    let out = tmp.path().join("out");
    common::copy_dir(&common::case("valid"), &site);
    build(&site, &out, &[]);
    let before = (snapshot(&out), times(&out));
    std::thread::sleep(Duration::from_millis(20));
    let said = build(&site, &out, &["--clean"]);
    assert!(!said.contains(" written, "), "{said}");
    assert_eq!(snapshot(&out), before.0);
    let now = times(&out);
    assert!(
        before.1.iter().all(|(rel, t)| now[rel] != *t),
        "a clean build writes every file"
    );
    // And the next build builds on it.
    let (written, removed, _) = counts(&build(&site, &out, &[]));
    assert_eq!((written, removed), (0, 0));
}

/// The manifest of the folder `out`, beside it.
fn manifest(out: &Path) -> PathBuf {
    out.with_file_name(".out.lianluo-manifest")
}

/// The parse cache of the deputies' files beside the folder.
fn parse_cache(out: &Path) -> PathBuf {
    out.with_file_name(".out.lianluo-parsed")
}

/// The warnings of a build's stderr (its summary lines left out).
fn warnings(stderr: &str) -> String {
    stderr
        .lines()
        .filter(|l| {
            !l.starts_with("built ")
                && !l.starts_with("timings: ")
                && !l.starts_with("parse cache: ")
                && !l.starts_with("last build: ")
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The `parse cache: N of M … K parsed` of a build with `--timings`: (N, M, K).
fn cache_counts(stderr: &str) -> (usize, usize, usize) {
    let re = regex::Regex::new(
        r"parse cache: (\d+) of (\d+) deputies' files unchanged since the last build, (\d+) parsed",
    )
    .expect("regex");
    let c = re
        .captures(stderr)
        .unwrap_or_else(|| panic!("no parse cache line:\n{stderr}"));
    let n = |i: usize| c[i].parse::<usize>().expect("a number");
    (n(1), n(2), n(3))
}

#[test]
fn a_deputy_edited_keeping_its_size_and_modification_time_is_parsed_again() {
    let tmp = common::tempdir();
    let site = tmp.path().join("site");
    let out = tmp.path().join("out");
    common::copy_dir(&common::case("valid"), &site);
    // A deputy in a YAML file (no body) beside the Markdown ones.
    std::fs::write(
        site.join("deputies/ma-xian.yaml"),
        "name: 马县英\nlevel: county\nconstituency: ceshi-c02\noccupation: 西河村村医\n",
    )
    .expect("write");
    let first = build(&site, &out, &["--timings"]);
    let deputies = cache_counts(&first).2;
    assert_eq!(cache_counts(&first), (0, deputies, deputies), "{first}");
    let cached = std::fs::read(parse_cache(&out)).expect("the parse cache");
    let has = |bytes: &[u8], what: &str| bytes.windows(what.len()).any(|w| w == what.as_bytes());
    assert!(has(&cached, "deputies/li-xian.md") && has(&cached, "东城镇和平社区党委书记"));
    assert!(has(&cached, "deputies/ma-xian.yaml"));

    // Built again at once: every file from the cache, the same warnings (at the same
    // lines and columns) as a build that parses every file, the same folder.
    let again = build(&site, &out, &["--timings"]);
    assert_eq!(cache_counts(&again), (deputies, deputies, 0), "{again}");
    // The walk of the last build's folder is timed only when there was a last build.
    let walked = "last build: its manifest read and its folder walked in ";
    assert!(
        !first.contains(walked) && again.contains(walked),
        "{first}\n{again}"
    );
    let full = tmp.path().join("full");
    let parsed = build(&site, &full, &["--clean"]);
    assert_eq!(warnings(&again), warnings(&parsed));
    assert!(diff(&snapshot(&out), &snapshot(&full)).is_empty());
    std::fs::remove_dir_all(&full).expect("remove");

    // The same number of bytes, and the modification time put back as it was, right
    // away: only the bytes differ.
    let file = site.join("deputies/li-xian.md");
    let before = std::fs::metadata(&file).expect("metadata");
    edit(&file, "党委书记", "党委主任");
    std::fs::File::options()
        .write(true)
        .open(&file)
        .and_then(|f| f.set_modified(before.modified().expect("mtime")))
        .expect("set the modification time back");
    let after = std::fs::metadata(&file).expect("metadata");
    assert_eq!(
        (after.len(), after.modified().ok()),
        (before.len(), before.modified().ok())
    );
    let said = build(&site, &out, &["--timings"]);
    assert_eq!(cache_counts(&said), (deputies - 1, deputies, 1), "{said}");
    let page = std::fs::read_to_string(out.join("deputies/li-xian/index.html")).expect("page");
    assert!(page.contains("东城镇和平社区党委主任"), "{said}");
    assert!(!page.contains("党委书记"), "{said}");
    let differs = diff(&snapshot(&out), &clean(&site, tmp.path()));
    assert!(differs.is_empty(), "{differs:?}\n{said}");

    // A build with content errors leaves the cache as it was, and nothing else beside
    // the folder; the next good build reads the mended file again.
    let cached = std::fs::read(parse_cache(&out)).expect("the parse cache");
    edit(
        &site.join("deputies/zhou-xian.md"),
        "level: county",
        "level: [county",
    );
    assert!(!succeeds(&site, &out));
    assert_eq!(std::fs::read(parse_cache(&out)).ok(), Some(cached));
    let names: Vec<String> = std::fs::read_dir(tmp.path())
        .expect("list")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".out.lianluo-parsed"))
        .collect();
    assert_eq!(names, [".out.lianluo-parsed"]);
    edit(
        &site.join("deputies/zhou-xian.md"),
        "level: [county",
        "level: county",
    );
    build(&site, &out, &[]);
    let differs = diff(&snapshot(&out), &clean(&site, tmp.path()));
    assert!(differs.is_empty(), "{differs:?}");

    // A damaged cache is passed over where it is damaged: the same folder.
    let mut bytes = std::fs::read(parse_cache(&out)).expect("the parse cache");
    let at = bytes.len() / 2;
    bytes[at] ^= 0x20;
    std::fs::write(parse_cache(&out), bytes).expect("write");
    edit(&file, "党委主任", "党委书记");
    let said = build(&site, &out, &["--timings"]);
    assert!(cache_counts(&said).2 > 1, "{said}");
    let differs = diff(&snapshot(&out), &clean(&site, tmp.path()));
    assert!(differs.is_empty(), "{differs:?}\n{said}");
}

#[test]
fn another_binary_or_a_damaged_manifest_means_a_clean_build() {
    let tmp = common::tempdir();
    let site = tmp.path().join("site");
    let out = tmp.path().join("out");
    common::copy_dir(&common::case("valid"), &site);
    build(&site, &out, &[]);
    let reference = snapshot(&out);
    let text = std::fs::read_to_string(manifest(&out)).expect("a manifest beside the output");
    let line = text.lines().nth(1).expect("the binary line");
    assert!(line.starts_with("binary "), "{text}");
    std::fs::write(manifest(&out), text.replacen(line, "binary 0.0.1+older", 1)).expect("write");
    let said = build(&site, &out, &[]);
    assert!(
        !said.contains(" written, "),
        "another binary: clean\n{said}"
    );
    std::fs::write(manifest(&out), "not a manifest\n").expect("write");
    let said = build(&site, &out, &[]);
    assert!(
        !said.contains(" written, "),
        "a damaged manifest: clean\n{said}"
    );
    assert_eq!(snapshot(&out), reference);
}

/// Regression (issue 21, session 7): the manifest's format changed (fingerprints of 128 bits
/// kept as numbers, version 2). A manifest of the earlier version, even one naming this very
/// binary and the folder's true files, is not read: the build is a clean one, and the folder
/// is what a clean build writes; the build after it is incremental again.
#[test]
fn a_manifest_of_the_earlier_format_means_a_clean_build() {
    let tmp = common::tempdir();
    let site = tmp.path().join("site");
    let out = tmp.path().join("out");
    common::copy_dir(&common::case("valid"), &site);
    build(&site, &out, &[]);
    let reference = snapshot(&out);
    let text = std::fs::read_to_string(manifest(&out)).expect("a manifest beside the output");
    assert!(text.starts_with("lianluo-manifest 2\n"), "{text}");
    // The same manifest as version 1 wrote it: `@search:HASH` for a search file.
    let old = text
        .replacen("lianluo-manifest 2", "lianluo-manifest 1", 1)
        .replace(" @", " @search:");
    std::fs::write(manifest(&out), old).expect("write");
    std::fs::write(out.join("index.html"), "stale").expect("write");
    let said = build(&site, &out, &[]);
    assert!(
        !said.contains(" written, "),
        "a manifest of version 1: clean\n{said}"
    );
    assert_eq!(snapshot(&out), reference);
    let (written, removed, _) = counts(&build(&site, &out, &[]));
    assert_eq!((written, removed), (0, 0));
}

#[test]
fn a_file_deleted_or_replaced_by_a_link_behind_the_builds_back_is_written_again() {
    let tmp = common::tempdir();
    let site = tmp.path().join("site");
    let out = tmp.path().join("out");
    common::copy_dir(&common::case("valid"), &site);
    build(&site, &out, &[]);
    let reference = snapshot(&out);
    std::fs::remove_file(out.join("deputies/li-xian/index.html")).expect("delete");
    // A link in place of the home page, to a file outside the site: replaced, never
    // followed (the file it points to stays as it was).
    let outside = tmp.path().join("outside.html");
    std::fs::write(&outside, "not lianluo's").expect("write");
    std::fs::remove_file(out.join("index.html")).expect("delete");
    std::os::unix::fs::symlink(&outside, out.join("index.html")).expect("link");
    let (written, removed, _) = counts(&build(&site, &out, &[]));
    assert_eq!((written, removed), (2, 0));
    assert_eq!(snapshot(&out), reference);
    assert!(
        !std::fs::symlink_metadata(out.join("index.html"))
            .expect("the home page")
            .is_symlink()
    );
    assert_eq!(
        std::fs::read_to_string(&outside).expect("read"),
        "not lianluo's"
    );
}

/// The walk of the output folder reads its folders' entries, not each file's size (at
/// national size the sizes were two thirds of a one-edit build): a file another program
/// changed in place, its name kept, is kept by the next build as it is (documented in the
/// README), and `--clean` puts it right.
#[test]
fn a_file_changed_in_place_behind_the_builds_back_is_put_right_by_a_clean_build() {
    let tmp = common::tempdir();
    let site = tmp.path().join("site");
    let out = tmp.path().join("out");
    common::copy_dir(&common::case("valid"), &site);
    build(&site, &out, &[]);
    let reference = snapshot(&out);
    std::fs::write(out.join("index.html"), "changed by hand").expect("write");
    let (written, removed, _) = counts(&build(&site, &out, &[]));
    assert_eq!((written, removed), (0, 0));
    assert_eq!(
        std::fs::read_to_string(out.join("index.html")).expect("read"),
        "changed by hand"
    );
    build(&site, &out, &["--clean"]);
    assert_eq!(snapshot(&out), reference);
}

#[test]
fn an_interrupted_commit_is_repaired_by_the_next_build() {
    // What a build killed while renaming its files into place leaves: the manifest marked
    // unsure, some files new, some old, a temporary file, a file no longer produced.
    let tmp = common::tempdir();
    let site = tmp.path().join("site");
    let out = tmp.path().join("out");
    common::copy_dir(&common::case("valid"), &site);
    build(&site, &out, &[]);
    edit(
        &site.join("deputies/li-xian.md"),
        "name: 李县英",
        "name: 李县华",
    );
    let unsure = out.with_file_name(".out.lianluo-manifest-unsure");
    std::fs::rename(manifest(&out), &unsure).expect("rename");
    std::fs::write(out.join("index.html"), "half of the new site").expect("write");
    std::fs::write(out.join("deputies/.x.html.lianluo-part"), "half").expect("write");
    std::fs::write(out.join("deputies/stale.html"), "gone").expect("write");
    let staging = tmp.path().join(".out.lianluo-tmp-999999");
    std::fs::create_dir(&staging).expect("mkdir");
    std::fs::write(staging.join(".lianluo-output"), "marker").expect("write");
    let said = build(&site, &out, &["--timings"]);
    let (_, removed, _) = counts(&said);
    assert!(removed >= 2, "{said}");
    // The unsure manifest read ahead is read again under the lock: no time is given for
    // the reading ahead.
    assert!(!said.contains("last build: "), "{said}");
    assert_eq!(snapshot(&out), clean(&site, tmp.path()));
    assert!(manifest(&out).is_file() && !unsure.exists() && !staging.exists());
    let (written, removed, _) = counts(&build(&site, &out, &[]));
    assert_eq!((written, removed), (0, 0));
}

#[test]
fn a_build_killed_at_any_moment_is_repaired_by_the_next_one() {
    let tmp = common::tempdir();
    let site = tmp.path().join("site");
    let out = tmp.path().join("out");
    common::copy_dir(&common::case("valid"), &site);
    build(&site, &out, &[]);
    let names = ["李县英", "李县华"];
    // Kill builds after spread delays (whatever moment each lands on: loading, rendering,
    // writing, committing, writing the manifest); after each, a build repairs the folder.
    for (round, delay) in [0u64, 5, 15, 30, 50, 80, 120, 170, 250, 400]
        .into_iter()
        .enumerate()
    {
        let (from, to) = (names[round % 2], names[(round + 1) % 2]);
        edit(
            &site.join("deputies/li-xian.md"),
            &format!("name: {from}"),
            &format!("name: {to}"),
        );
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_lianluo"))
            .arg("build")
            .arg(&site)
            .arg("--out")
            .arg(&out)
            .args(["--as-of", common::AS_OF])
            .env_remove("SOURCE_DATE_EPOCH")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start a build");
        std::thread::sleep(Duration::from_millis(delay));
        let _ = child.kill();
        let _ = child.wait();
        // Every file in the folder is whole: an old version or a new one.
        build(&site, &out, &[]);
        let differs = diff(&snapshot(&out), &clean(&site, tmp.path()));
        assert!(differs.is_empty(), "killed after {delay} ms: {differs:?}");
    }
}

/// Build with `LIANLUO_SEARCH_STATS=1`: whether a search index was made (its statistics
/// line says so; indexes kept as they were do not count).
fn indexed(site: &Path, out: &Path) -> bool {
    let output = build_command(site, out)
        .env("LIANLUO_SEARCH_STATS", "1")
        .output()
        .expect("run lianluo build");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    let re = regex::Regex::new(r"search: .*\((?:\d+) indexed; (\d+) indexes built").expect("regex");
    re.captures(&stderr)
        .is_some_and(|c| c[1].parse::<usize>().expect("a number") > 0)
}

#[test]
fn the_search_index_is_made_again_only_when_its_records_change() {
    let tmp = common::tempdir();
    let site = tmp.path().join("site");
    let out = tmp.path().join("out");
    common::copy_dir(&common::case("valid"), &site);
    assert!(indexed(&site, &out), "a first build indexes");
    assert!(!indexed(&site, &out), "nothing changed");
    std::fs::write(site.join("static/photos/new.svg"), SVG).expect("write");
    assert!(!indexed(&site, &out), "a static file is not searched");
    edit(
        &site.join("deputies/li-xian.md"),
        "name: 李县英",
        "name: 李县华",
    );
    assert!(indexed(&site, &out), "a deputy's name is searched");
    assert_eq!(snapshot(&out), clean(&site, tmp.path()));
    // A search file lost behind the build's back: indexed again.
    let some = common::files(&out.join("pagefind"))
        .into_iter()
        .next()
        .expect("a search file");
    std::fs::remove_file(out.join("pagefind").join(some)).expect("remove");
    assert!(indexed(&site, &out));
    assert_eq!(snapshot(&out), clean(&site, tmp.path()));
}

/// Regression (issue 21): on a site whose search is split by place, one edited deputy made
/// the build index every place again. Now only the index holding the deputy is built; the
/// others are kept, and the folder is still what a clean build writes.
#[test]
fn on_a_split_site_only_the_index_of_the_edited_record_is_built_again() {
    let split = [
        ("LIANLUO_SEARCH_SPLIT_AT", "40"),
        ("LIANLUO_SEARCH_STATS", "1"),
    ];
    let run = |site: &Path, out: &Path| -> (usize, usize) {
        let output = build_command(site, out)
            .envs(split)
            .output()
            .expect("run lianluo build");
        let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
        assert!(output.status.success(), "{stderr}");
        let re = regex::Regex::new(r"(\d+) indexes built, (\d+) kept").expect("regex");
        let c = re
            .captures(&stderr)
            .unwrap_or_else(|| panic!("no search line:\n{stderr}"));
        (c[1].parse().expect("n"), c[2].parse().expect("n"))
    };
    let tmp = common::tempdir();
    let site = tmp.path().join("site");
    let out = tmp.path().join("out");
    common::copy_dir(&common::demo(), &site);
    let (built, kept) = run(&site, &out);
    assert!(built > 3 && kept == 0, "{built} built, {kept} kept");
    let deputy = common::files(&site.join("deputies"))
        .into_iter()
        .find(|f| {
            std::fs::read_to_string(site.join("deputies").join(f))
                .is_ok_and(|t| t.contains("level: township") && t.contains("\noccupation: "))
        })
        .expect("a township deputy with an occupation");
    edit(
        &site.join("deputies").join(&deputy),
        "\noccupation: ",
        "\noccupation: 兼职",
    );
    let (again, kept) = run(&site, &out);
    assert!(
        again >= 1 && again < built && kept == built - again,
        "{again} built, {kept} kept of {built}"
    );
    let full = tmp.path().join("full");
    run(&site, &full);
    let differs = diff(&snapshot(&out), &snapshot(&full));
    assert!(differs.is_empty(), "{differs:?}");
}

/// A bilingual site (`languages: [zh-Hans, en]`) has one manifest for both trees: a build
/// with nothing changed writes nothing and removes nothing under `/en/`, and after an edit
/// the folder is the clean build's, both trees and both search indexes.
#[test]
fn a_bilingual_site_builds_incrementally_both_trees_in_one_manifest() {
    let tmp = common::tempdir();
    let site = tmp.path().join("site");
    common::copy_dir(&common::demo(), &site);
    let yaml = std::fs::read_to_string(site.join("site.yaml")).expect("site.yaml");
    let yaml = yaml.replace("language: zh-Hans", "languages: [zh-Hans, en]");
    std::fs::write(site.join("site.yaml"), yaml).expect("write site.yaml");
    let out = tmp.path().join("out");
    build(&site, &out, &[]);
    assert!(
        out.join("en/index.html").is_file(),
        "the English tree is built"
    );
    let said = build(&site, &out, &[]);
    let (written, removed, _) = counts(&said);
    assert_eq!((written, removed), (0, 0), "nothing changed:\n{said}");
    let page = site.join("deputies/li-xiuying.md");
    let mut text = std::fs::read_to_string(&page).expect("read the deputy");
    text.push_str("\n新增的一段简介。\n");
    std::fs::write(&page, text).expect("edit the deputy");
    let said = build(&site, &out, &[]);
    let (written, removed, _) = counts(&said);
    assert!(written >= 2 && removed == 0, "both trees' pages:\n{said}");
    let differences = diff(&snapshot(&out), &clean(&site, tmp.path()));
    assert!(differences.is_empty(), "{differences:#?}");
}

/// The workbooks (`data/*.xlsx`) are made from their CSV, and an incremental build keeps a
/// workbook whose CSV, sheet and as-of date are those of the last build without making it
/// again: an edited deputy's name must still change `deputies.xlsx` (and leave
/// `stations.xlsx` alone), and another as-of date every workbook's creation date (a
/// workbook whose CSV is kept is made from the copy the build wrote, then removed). After
/// each the folder is the clean build's.
#[test]
fn workbooks_follow_their_csv_and_as_of_date_in_incremental_builds() {
    let tmp = common::tempdir();
    let site = tmp.path().join("site");
    let out = tmp.path().join("out");
    common::copy_dir(&common::case("valid"), &site);
    build(&site, &out, &[]);
    let (bytes, mtimes) = (snapshot(&out), times(&out));
    for book in ["data/deputies.xlsx", "data/stations.xlsx"] {
        assert!(bytes.contains_key(book), "{book} is made");
    }
    edit(
        &site.join("deputies/li-xian.md"),
        "name: 李县英",
        "name: 李县华",
    );
    build(&site, &out, &[]);
    let after = snapshot(&out);
    assert_ne!(
        after["data/deputies.xlsx"], bytes["data/deputies.xlsx"],
        "the deputies' workbook names the deputy"
    );
    assert_eq!(
        times(&out)["data/stations.xlsx"],
        mtimes["data/stations.xlsx"],
        "the stations' workbook was kept"
    );
    let differs = diff(&after, &clean(&site, tmp.path()));
    assert!(differs.is_empty(), "{differs:?}");

    // Another as-of date: every workbook is dated anew, as in a clean build of that date.
    let at = |out: &Path| {
        let output = lianluo()
            .arg("build")
            .arg(&site)
            .arg("--out")
            .arg(out)
            .args(["--as-of", "2025-12-31"])
            .output()
            .expect("run lianluo build");
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
    };
    let before = times(&out);
    at(&out);
    let later = snapshot(&out);
    assert_ne!(later["data/stations.xlsx"], after["data/stations.xlsx"]);
    // Its CSV did not change: it was kept, the workbook made from the build's copy.
    assert_eq!(later["data/stations.csv"], after["data/stations.csv"]);
    assert_eq!(
        times(&out)["data/stations.csv"],
        before["data/stations.csv"],
        "the stations' CSV was kept"
    );
    let full = tmp.path().join("full-later");
    at(&full);
    let differs = diff(&later, &snapshot(&full));
    assert!(differs.is_empty(), "{differs:?}");
}

/// Files that no build produced (put into the output folder by hand, at any depth) are
/// removed by the next incremental build, as a clean build would not have them.
#[test]
fn files_put_into_the_output_folder_are_removed_by_the_next_build() {
    let tmp = common::tempdir();
    let site = tmp.path().join("site");
    let out = tmp.path().join("out");
    common::copy_dir(&common::case("valid"), &site);
    build(&site, &out, &[]);
    let reference = snapshot(&out);
    let strays = [
        "stray.txt",
        "deputies/li-xian/notes.txt",
        "deputies/li-xian/more/deeper.html",
        "new-folder/a/b/c.txt",
    ];
    for rel in strays {
        let path = out.join(rel);
        std::fs::create_dir_all(path.parent().expect("a parent")).expect("mkdir");
        std::fs::write(path, "not from the build").expect("write");
    }
    let (written, removed, _) = counts(&build(&site, &out, &[]));
    assert_eq!((written, removed), (0, strays.len()));
    assert_eq!(snapshot(&out), reference);
    assert!(!out.join("new-folder").exists(), "emptied folders go too");
}

/// Translations (`name: { zh-Hans: …, en: … }`, `<file>.en.md`) added, changed and removed
/// between incremental builds of a bilingual site: after each, the folder is the clean
/// build's, the `lang` marks of the untranslated texts included.
#[test]
fn translations_added_changed_and_removed_build_incrementally_like_a_clean_build() {
    let tmp = common::tempdir();
    let site = tmp.path().join("site");
    common::copy_dir(&common::case("translated"), &site);
    let out = tmp.path().join("out");
    build(&site, &out, &[]);
    let steps: Vec<(&str, Edit)> = vec![
        (
            "translate an area",
            change(
                "areas.yaml",
                "name: 西河乡,",
                "name: { zh-Hans: 西河乡, en: Xihe Township },",
            ),
        ),
        (
            "add a translated body",
            write(
                "stations/xihe-home.en.md",
                "Receptions on Tuesdays.\n".into(),
            ),
        ),
        (
            "change a translated body",
            change("stations/xihe-home.en.md", "Tuesdays", "Tuesday afternoons"),
        ),
        (
            "remove a translated body",
            delete("stations/xihe-home.en.md"),
        ),
        (
            "remove a translation",
            change(
                "areas.yaml",
                "name: { zh-Hans: 西河乡, en: Xihe Township },",
                "name: 西河乡,",
            ),
        ),
        (
            "translate a handler",
            change(
                "handlers.yaml",
                "name: 县住房和城乡建设局,",
                "name: { zh-Hans: 县住房和城乡建设局, en: County Housing Bureau },",
            ),
        ),
        (
            "remove a group's translation",
            change(
                "groups.yaml",
                "name: { zh-Hans: 东城镇代表小组, en: Dongcheng Town Deputies' Group }",
                "name: 东城镇代表小组",
            ),
        ),
    ];
    for (name, step) in steps {
        step(&site);
        build(&site, &out, &[]);
        let differences = diff(&snapshot(&out), &clean(&site, tmp.path()));
        assert!(differences.is_empty(), "{name}: {differences:#?}");
    }
}
