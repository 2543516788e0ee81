//! `lianluo serve`'s incremental rebuilds against full builds: after each of a series of
//! edits (add, change, rename and delete of every kind of content, the site settings, a
//! static file, a theme override, a broken file and its fix), the folder `serve` keeps up
//! to date is byte for byte what `lianluo build` writes.

mod common;
mod live;

use std::path::Path;
use std::time::Duration;

use live::Server;

const WAIT: Duration = Duration::from_secs(30);

fn edit(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).expect("read the file");
    assert!(text.contains(from), "{} has no {from:?}", path.display());
    std::fs::write(path, text.replace(from, to)).expect("write the file");
}

/// One edit of the incremental test: what it does to the site folder.
type Edit = Box<dyn Fn(&Path)>;

fn write(rel: &'static str, text: &'static str) -> Edit {
    Box::new(move |site| {
        let path = site.join(rel);
        std::fs::create_dir_all(path.parent().expect("a parent")).expect("mkdir");
        std::fs::write(path, text).expect("write");
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

/// Five saves of one file, 30 ms apart.
fn burst() -> Edit {
    Box::new(|site| {
        let p = site.join("deputies/li-xian.md");
        for i in 0..5 {
            let text = std::fs::read_to_string(&p).expect("read");
            std::fs::write(&p, format!("{text}\n第{i}次补充。\n")).expect("write");
            std::thread::sleep(Duration::from_millis(30));
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

#[test]
fn incremental_rebuilds_equal_a_full_build_after_every_edit() {
    let tmp = common::tempdir();
    let site = tmp.path().join("site");
    let out = tmp.path().join("out");
    common::copy_dir(&common::case("valid"), &site);
    let bin = live::binary(tmp.path());
    let server = Server::start_with(&bin, &site, &out, &tmp.path().join("serve.log"));
    let mut events = server.events();
    let full = tmp.path().join("full");
    let csv_add: Edit = Box::new(|site| {
        let p = site.join("suggestions/2025-q3.csv");
        let mut text = std::fs::read_to_string(&p).expect("read");
        text.push_str(CSV_ROW);
        std::fs::write(p, text).expect("write");
    });
    // (name, edit, whether the output surely changes)
    let steps: Vec<(&str, Edit, bool)> = vec![
        ("add a deputy", write("deputies/sun-xin.md", DEPUTY), true),
        (
            "change a deputy",
            change("deputies/sun-xin.md", "孙新代", "孙新岱"),
            true,
        ),
        (
            "change a listed deputy",
            change("deputies/li-xian.md", "name: 李县英", "name: 李县华"),
            true,
        ),
        (
            "rename a deputy",
            rename("deputies/sun-xin.md", "deputies/sun-xin-2.md"),
            true,
        ),
        ("delete a deputy", delete("deputies/sun-xin-2.md"), true),
        (
            "add a station",
            write("stations/liulin-studio.md", STATION),
            true,
        ),
        (
            "change a station",
            change("stations/liulin-studio.md", "nth: 2", "nth: 3"),
            true,
        ),
        (
            "rename a station",
            rename("stations/liulin-studio.md", "stations/liulin-home.md"),
            true,
        ),
        ("delete a station", delete("stations/liulin-home.md"), true),
        (
            "add an activity",
            write("activities/2025/liulin-water.md", ACTIVITY),
            true,
        ),
        (
            "change an activity",
            change("activities/2025/liulin-water.md", "饮水工程", "自来水工程"),
            true,
        ),
        (
            "move an activity",
            rename(
                "activities/2025/liulin-water.md",
                "activities/2026/liulin-water-2.md",
            ),
            true,
        ),
        ("delete an activity", delete("activities/2026"), true),
        ("add a page", write("pages/guide/duties.md", PAGE), true),
        (
            "change a page",
            change("pages/guide/duties.md", "基本要求", "基本要求和方法"),
            true,
        ),
        (
            "rename a page",
            rename("pages/guide/duties.md", "pages/duties.md"),
            true,
        ),
        ("delete a page", delete("pages/duties.md"), true),
        (
            "add suggestions",
            write("suggestions/letters.yaml", SUGGESTIONS),
            true,
        ),
        (
            "change a suggestion",
            change("suggestions/letters.yaml", "操场", "操场和围墙"),
            true,
        ),
        (
            "rename a suggestion file",
            rename("suggestions/letters.yaml", "suggestions/2025-letters.yaml"),
            false,
        ),
        (
            "delete a suggestion file",
            delete("suggestions/2025-letters.yaml"),
            true,
        ),
        ("add a CSV row", csv_add, true),
        (
            "change an area",
            change("areas.yaml", "name: 柳林村", "name: 柳林新村"),
            true,
        ),
        (
            "change the site",
            change(
                "site.yaml",
                "title: 测试县人大代表联络网",
                "title: 测试县人大代表之家",
            ),
            true,
        ),
        (
            "add a static file",
            write("static/photos/new.svg", SVG),
            true,
        ),
        (
            "delete a static file",
            delete("static/photos/new.svg"),
            true,
        ),
        (
            "override a theme string",
            write("themes/default/i18n/zh-Hans.yaml", STRINGS),
            true,
        ),
        ("drop the override", delete("themes"), true),
        ("a burst of saves", burst(), true),
        (
            "break a deputy",
            change("deputies/li-xian.md", "level: county", "level: [county"),
            true,
        ),
        (
            "fix it with a change",
            change(
                "deputies/li-xian.md",
                "level: [county\nconstituency: ceshi-c01\ngender: female",
                "level: county\nconstituency: ceshi-c01\ngender: male",
            ),
            true,
        ),
    ];
    for (name, step, changes) in steps {
        step(&site);
        // An edit that may leave the output as it was (renaming a list of records) has no
        // reload; its `settled` event still says the rebuild is done.
        if changes {
            assert!(
                events.reload(WAIT),
                "{name}: no reload event; log:\n{}",
                server.log()
            );
        }
        if name.starts_with("break") {
            // The reload just seen may be a late one of the saves before (a burst's saves can
            // arrive in several batches): wait for the errors themselves.
            let deadline = std::time::Instant::now() + WAIT;
            while !server.get("/").text().contains("lianluo-errors") {
                assert!(
                    std::time::Instant::now() < deadline,
                    "{name}: no errors shown; log:\n{}",
                    server.log()
                );
                std::thread::sleep(Duration::from_millis(50));
            }
            continue;
        }
        let generation = events.generation;
        let mut tries = 0;
        loop {
            // The rest of the site (search index last) is written after the reload: wait for it.
            assert!(
                events.wait_for("settled", generation, WAIT),
                "{name}: no settled event; log:\n{}",
                server.log()
            );
            live::build(&bin, &site, &full);
            let diff = common::diff(&common::snapshot(&out), &common::snapshot(&full));
            if diff.is_empty() {
                break;
            }
            tries += 1;
            // Saves can arrive in several batches: allow more rebuilds before failing.
            assert!(
                tries < 3,
                "{name}: the served folder differs from a full build: {diff:?}\nlog:\n{}",
                server.log()
            );
        }
    }
    let log = server.log();
    assert!(log.contains("of "), "{log}");
}

#[test]
fn serve_keeps_every_language_tree_of_a_bilingual_site_equal_to_a_full_build() {
    let tmp = common::tempdir();
    let site = tmp.path().join("site");
    let out = tmp.path().join("out");
    common::copy_dir(&common::case("translated"), &site);
    let bin = live::binary(tmp.path());
    let server = Server::start_with(&bin, &site, &out, &tmp.path().join("serve.log"));
    let mut events = server.events();
    let full = tmp.path().join("full");
    // Served at once: the first language at the root, the second under /en/.
    assert!(
        events.wait_for("settled", 0, WAIT),
        "no settled event; log:\n{}",
        server.log()
    );
    let en = server.get("/en/deputies/li-xian/");
    assert_eq!(en.status, 200, "{}", server.log());
    assert!(en.text().contains("Li Xianying-Smith"));
    assert!(en.text().contains(r#"<html lang="en""#));
    assert_eq!(server.get("/en/search/").status, 200);
    assert_eq!(server.get("/en/pagefind/pagefind.js").status, 200);
    let steps: Vec<(&str, Edit)> = vec![
        ("nothing", Box::new(|_: &Path| {})),
        (
            "change a translated body",
            change("deputies/li-xian.en.md", "twenty years", "twenty-one years"),
        ),
        (
            "add a translated body",
            write(
                "stations/xihe-home.en.md",
                "Receptions every Tuesday afternoon.\n",
            ),
        ),
        (
            "change a translated title",
            change("pages/about.md", "en: About us", "en: About this site"),
        ),
        (
            "delete a translated body",
            delete("stations/xihe-home.en.md"),
        ),
    ];
    for (name, step) in steps {
        let generation = events.generation;
        step(&site);
        let mut tries = 0;
        loop {
            // The rest of the site (both trees' search last) is written after the reload.
            if name != "nothing" {
                assert!(
                    events.wait_for("settled", generation + 1, WAIT),
                    "{name}: no settled event; log:\n{}",
                    server.log()
                );
            }
            live::build(&bin, &site, &full);
            let diff = common::diff(&common::snapshot(&out), &common::snapshot(&full));
            if diff.is_empty() {
                break;
            }
            tries += 1;
            assert!(
                tries < 3,
                "{name}: the served folder differs from a full build: {diff:?}\nlog:\n{}",
                server.log()
            );
        }
    }
    let html = server.get("/en/about/").text();
    assert!(html.contains("About this site"), "{html}");
    assert!(
        server
            .get("/en/deputies/li-xian/")
            .text()
            .contains("twenty-one years")
    );
}
