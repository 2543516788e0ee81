//! Real rosters (issue 17): the fixture `tests/cases/rosters/` is a national roster in
//! miniature — 自治区 with 自治州, 盟 and 旗, a 直辖市 with a 市辖区, a 特别行政区, the armed
//! forces' delegation, namesakes and compound and special-reading surnames. These tests read
//! what its build publishes, and what `check` says about bad kinds.

mod common;

use common::{AS_OF, Built, build, case, copy_dir, lianluo, printed, sel, tempdir, text};

fn rosters() -> Built {
    build(&case("rosters"), AS_OF)
}

/// The kind line under an area page's heading.
fn kind_of(site: &Built, area: &str) -> String {
    let page = site.page(&format!("areas/{area}/index.html"));
    let meta = page.select(&sel("p.meta")).next().expect("a meta line");
    text(meta).split(" · ").next().unwrap_or("").to_owned()
}

#[test]
fn area_pages_show_the_real_kind_written_or_read_from_the_name() {
    let site = rosters();
    for (area, kind) in [
        ("xinjiang", "自治区"),      // kind: 自治区
        ("yili", "自治州"),          // read from …自治州
        ("yining", "县级市"),        // kind: county-city
        ("neimenggu", "自治区"),     // kind: autonomous-region
        ("xilinguole", "盟"),        // read from …盟
        ("zhenglanqi", "旗"),        // read from …旗
        ("naritu", "苏木"),          // read from …苏木
        ("wuritu", "嘎查"),          // read from …嘎查
        ("beijing", "直辖市"),       // kind: 直辖市
        ("dongchengqu", "市辖区"),   // kind: 市辖区
        ("donghuamen", "街道"),      // read from …街道
        ("duofuxiang", "社区"),      // read from …社区
        ("xianggang", "特别行政区"), // read from …特别行政区
    ] {
        assert_eq!(kind_of(&site, area), kind, "areas/{area}");
    }
    // Names that say their kind need no warning.
    assert!(
        printed(&site.stderr).is_empty(),
        "unexpected diagnostics:\n{}",
        site.stderr
    );
}

#[test]
fn breadcrumbs_search_and_open_data_carry_the_real_kind() {
    let site = rosters();
    let page = site.page("areas/wuritu/index.html");
    let crumbs: Vec<(String, String)> = page
        .select(&sel("nav.breadcrumb a[title]"))
        .map(|a| (text(a), a.value().attr("title").unwrap_or("").to_owned()))
        .collect();
    assert_eq!(
        crumbs,
        [
            ("内蒙古自治区".to_owned(), "自治区".to_owned()),
            ("锡林郭勒盟".to_owned(), "盟".to_owned()),
            ("正蓝旗".to_owned(), "旗".to_owned()),
            ("那日图苏木".to_owned(), "苏木".to_owned()),
        ]
    );
    let popolo: serde_json::Value =
        serde_json::from_str(&site.text("data/popolo.json")).expect("popolo.json is JSON");
    let class = |id: &str| {
        popolo["areas"]
            .as_array()
            .expect("areas")
            .iter()
            .find(|a| a["id"] == format!("areas/{id}"))
            .map(|a| a["classification"].as_str().unwrap_or("").to_owned())
    };
    assert_eq!(class("yili").as_deref(), Some("autonomous-prefecture"));
    assert_eq!(
        class("xianggang").as_deref(),
        Some("special-administrative-region")
    );
    assert_eq!(class("dongchengqu").as_deref(), Some("district"));
    let csv = site.text("data/areas.csv");
    assert!(
        csv.lines()
            .any(|l| l.starts_with("xilinguole,锡林郭勒盟,league,")),
        "{csv}"
    );
    // The home page's JSON-LD names the places served with their kinds.
    let home = site.text("index.html");
    assert!(
        home.contains(r#""additionalType":"特别行政区""#),
        "no kind in the JSON-LD"
    );
}

#[test]
fn the_armed_forces_delegation_is_reachable_from_home_areas_and_deputies() {
    let site = rosters();
    for page in ["index.html", "areas/index.html", "deputies/index.html"] {
        let html = site.page(page);
        let links: Vec<(String, String)> = html
            .select(&sel("section.units li"))
            .map(|li| {
                let a = li.select(&sel("a")).next().expect("a unit link");
                let count = li
                    .select(&sel(".count"))
                    .next()
                    .map(text)
                    .unwrap_or_default();
                (
                    text(a),
                    format!("{} {count}", a.value().attr("href").unwrap_or("")),
                )
            })
            .collect();
        let prefix = if page == "index.html" { "" } else { "../" };
        assert_eq!(
            links,
            [(
                "中国人民解放军和中国人民武装警察部队".to_owned(),
                format!("{prefix}units/pla/index.html 2")
            )],
            "{page}"
        );
    }
}

/// Run `check` on a copy of the fixture whose areas.yaml is `areas`.
fn check_with_areas(areas: &str) -> Vec<common::Printed> {
    let tmp = tempdir();
    let site = tmp.path().join("site");
    copy_dir(&case("rosters"), &site);
    std::fs::write(site.join("areas.yaml"), areas).expect("write areas.yaml");
    let output = lianluo()
        .arg("check")
        .arg(&site)
        .arg("--as-of")
        .arg(AS_OF)
        .output()
        .expect("run lianluo");
    printed(&String::from_utf8_lossy(&output.stderr))
}

const UNIT: &str = "units:\n  - { id: pla, name: 中国人民解放军和中国人民武装警察部队 }\n";

fn areas_with(extra: &str) -> String {
    format!(
        "areas:\n  - {{ id: xinjiang, name: 新疆维吾尔自治区 }}\n  - {{ id: neimenggu, name: 内蒙古自治区 }}\n  - {{ id: beijing, name: 北京市, kind: 直辖市 }}\n  - {{ id: xianggang, name: 香港特别行政区 }}\n{extra}{UNIT}"
    )
}

#[test]
fn an_unknown_kind_is_a_located_error_listing_the_kinds() {
    let got = check_with_areas(&areas_with(
        "  - { id: yili, name: 伊犁, kind: 州府, parent: xinjiang }\n",
    ));
    let e = got
        .iter()
        .find(|p| p.message.contains("`州府` is not a kind of area"))
        .unwrap_or_else(|| panic!("not reported: {got:?}"));
    assert_eq!(e.severity, "error");
    assert_eq!(e.place.as_deref(), Some("areas.yaml:6:33"));
    let help = e.help.as_deref().unwrap_or("");
    assert!(
        help.contains("自治州 (autonomous-prefecture)") && help.contains("嘎查 (gacha)"),
        "{help}"
    );
}

#[test]
fn a_kind_at_the_wrong_level_is_a_located_error_with_the_allowed_kinds() {
    let got = check_with_areas(&areas_with(
        "  - { id: dongcheng, name: 东城区, kind: 市辖区, parent: beijing }\n  - { id: bad, name: 某某盟, kind: 盟, parent: dongcheng }\n",
    ));
    let e = got
        .iter()
        .find(|p| p.message.contains("cannot lie inside `dongcheng`"))
        .unwrap_or_else(|| panic!("not reported: {got:?}"));
    assert_eq!(e.severity, "error");
    assert_eq!(e.place.as_deref(), Some("areas.yaml:7:33"));
    let help = e.help.as_deref().unwrap_or("");
    assert!(help.contains("街道 (subdistrict)"), "{help}");
    assert!(!help.contains("盟 (league)"), "{help}");
}

#[test]
fn an_ambiguous_suffix_is_read_with_a_warning_and_no_suffix_is_an_error() {
    let got = check_with_areas(&areas_with(
        "  - { id: urumqi, name: 乌鲁木齐市, parent: xinjiang }\n  - { id: tianshan, name: 天山区, parent: urumqi }\n  - { id: nowhere, name: 无名之地, parent: urumqi }\n",
    ));
    let warn = |name: &str| {
        got.iter()
            .find(|p| p.severity == "warning" && p.message.contains(name))
            .unwrap_or_else(|| panic!("no warning about {name}: {got:?}"))
            .clone()
    };
    assert!(warn("乌鲁木齐市").message.contains("地级市"));
    assert!(warn("天山区").message.contains("市辖区"));
    let e = got
        .iter()
        .find(|p| p.message.contains("`nowhere` has no `kind:`"))
        .unwrap_or_else(|| panic!("not reported: {got:?}"));
    assert_eq!(e.severity, "error");
    assert_eq!(e.place.as_deref(), Some("areas.yaml:8:26"));
}

#[test]
fn per_term_figures_use_the_terms_dates_and_ended_terms_are_an_archive() {
    let site = rosters();
    let current = site.text("deputies/li-bin/index.html");
    assert!(
        current.contains("2023年3月5日至2025年9月19日共接待选民 0 次"),
        "the current term's window, up to the day before the as-of date"
    );
    let archived = site.page("deputies/wang-gang-13/index.html");
    let notice = archived
        .select(&sel("p.notice.archived"))
        .next()
        .map(text)
        .expect("an archive notice");
    assert_eq!(
        notice,
        "十三届代表，任期已届满，资料留作存档（2018年3月5日至2023年3月4日）"
    );
    assert!(
        site.text("deputies/wang-gang-13/index.html")
            .contains("2018年3月5日至2023年3月4日共接待选民 0 次")
    );
    // Listed, marked, on /deputies/; nobody's current representative.
    let index = site.page("deputies/index.html");
    let card = index
        .select(&sel("li.card.archived"))
        .next()
        .expect("the archived deputy is listed");
    assert!(
        text(card).contains("十三届代表，任期已届满"),
        "{}",
        text(card)
    );
    let beijing = site.text("areas/beijing/index.html");
    assert!(
        !beijing.contains("wang-gang-13"),
        "an archived deputy shown as a representative"
    );
    assert!(
        beijing.contains("ouyang-ming"),
        "the current deputy is missing"
    );
}

/// Run `check` on a copy of the fixture with `site.yaml` replaced and `deputy` added.
fn check_with_site(site_yaml: &str, deputy: Option<&str>) -> Vec<common::Printed> {
    let tmp = tempdir();
    let site = tmp.path().join("site");
    copy_dir(&case("rosters"), &site);
    std::fs::write(site.join("site.yaml"), site_yaml).expect("write site.yaml");
    if let Some(d) = deputy {
        std::fs::write(site.join("deputies/extra.md"), d).expect("write a deputy");
    }
    let output = lianluo()
        .arg("check")
        .arg(&site)
        .arg("--as-of")
        .arg(AS_OF)
        .output()
        .expect("run lianluo");
    printed(&String::from_utf8_lossy(&output.stderr))
}

fn find<'a>(got: &'a [common::Printed], needle: &str) -> &'a common::Printed {
    got.iter()
        .find(|p| p.message.contains(needle))
        .unwrap_or_else(|| panic!("not reported: {needle}\n{got:?}"))
}

const SITE_HEAD: &str = "title: 测试\nbase_url: https://npc.example.cn/\n";

#[test]
fn overlapping_and_backwards_terms_and_unknown_term_names_are_located_errors() {
    let got = check_with_site(
        &format!(
            "{SITE_HEAD}terms:\n  national:\n    - {{ name: 十三届, start: 2018-03-05, end: 2023-03-04 }}\n    - {{ name: 十四届, start: 2023-03-01, end: 2028-03-04, current: true }}\n  provincial:\n    - {{ name: 十四届, start: 2023-01-01, end: 2022-01-01 }}\n"
        ),
        Some("---\nname: 张三\nlevel: national\nelected_by: beijing\nterm: 十二届\n---\n"),
    );
    let e = find(&got, "the national terms `十三届` and `十四届` overlap");
    assert_eq!(e.place.as_deref(), Some("site.yaml:6:27"));
    assert!(e.help.as_deref().unwrap_or("").contains("end:"));
    let e = find(
        &got,
        "the term `十四届` ends on 2022-01-01, before it starts",
    );
    assert_eq!(e.place.as_deref(), Some("site.yaml:8:44"));
    let e = find(&got, "there is no national term `十二届`");
    assert_eq!(e.place.as_deref(), Some("deputies/extra.md:5:7"));
    assert_eq!(
        e.help.as_deref(),
        Some("use one of the terms site.yaml lists for this level: 十三届, 十四届")
    );
}

/// The deputy names of a page's cards, in order.
fn card_names(site: &Built, page: &str) -> Vec<String> {
    site.page(page)
        .select(&sel("li.card a.card-title"))
        .map(text)
        .collect()
}

#[test]
fn deputies_are_listed_by_surname_strokes_compound_surnames_as_one() {
    let site = rosters();
    // 丁2 马3 王4 李7 单8(U+5355) 欧阳8(U+6B27) 诸葛10 曾12; the archived 王刚 last.
    assert_eq!(
        card_names(&site, "deputies/index.html"),
        [
            "丁一",
            "马力",
            "王刚",
            "王刚",
            "李斌",
            "李斌",
            "单业才",
            "欧阳明",
            "诸葛亮",
            "曾红",
            "王刚"
        ]
    );
    // The same order inside an electing area and a unit.
    assert_eq!(card_names(&site, "units/pla/index.html"), ["马力", "王刚"]);
    assert_eq!(
        card_names(&site, "areas/beijing/index.html"),
        ["丁一", "欧阳明"]
    );
}

/// Build a copy of the fixture with `line` added to site.yaml.
fn build_with(line: &str) -> Built {
    let tmp = tempdir();
    let site = tmp.path().join("src");
    copy_dir(&case("rosters"), &site);
    let yaml = std::fs::read_to_string(site.join("site.yaml")).expect("site.yaml");
    std::fs::write(site.join("site.yaml"), format!("{yaml}{line}\n")).expect("write site.yaml");
    build(&site, AS_OF)
}

#[test]
fn order_pinyin_reads_special_surnames_and_as_written_follows_the_ids() {
    let site = build_with("order: pinyin");
    // ding, li, li, ma, ou yang, shan (单 as a surname; read "dan" it would come first),
    // wang ×2, zeng, zhu ge; the archived 王刚 last.
    assert_eq!(
        card_names(&site, "deputies/index.html"),
        [
            "丁一",
            "李斌",
            "李斌",
            "马力",
            "欧阳明",
            "单业才",
            "王刚",
            "王刚",
            "曾红",
            "诸葛亮",
            "王刚"
        ]
    );
    let site = build_with("order: as-written");
    // By id: ding-yi li-bin li-bin-2 ma-li ouyang-ming shan-yecai wang-gang-pla wang-gang-xj
    // zeng-hong zhuge-liang, then the archived wang-gang-13.
    assert_eq!(
        card_names(&site, "deputies/index.html"),
        [
            "丁一",
            "李斌",
            "李斌",
            "马力",
            "欧阳明",
            "单业才",
            "王刚",
            "王刚",
            "曾红",
            "诸葛亮",
            "王刚"
        ]
    );
}

#[test]
fn namesakes_are_told_apart_by_seat_and_by_occupation_when_the_seat_is_shared() {
    let site = rosters();
    let page = site.page("activities/2025-06-10-diaoyan/index.html");
    let notes: Vec<String> = page.select(&sel("span.namesake")).map(text).collect();
    assert_eq!(
        notes,
        [
            "（新疆维吾尔自治区）",
            "（中国人民解放军和中国人民武装警察部队）",
            "（新疆维吾尔自治区 · 新疆某中学校长）",
            "（新疆维吾尔自治区 · 新疆某医院院长）",
        ]
    );
    // "Who represents you": each 李斌 card names the seat and the occupation.
    let area = site.page("areas/yili/index.html");
    let metas: Vec<String> = area
        .select(&sel("li.card"))
        .filter(|li| text(*li).contains("李斌"))
        .map(|li| {
            li.select(&sel(".meta"))
                .next()
                .map(text)
                .unwrap_or_default()
        })
        .collect();
    assert_eq!(
        metas,
        [
            "新疆维吾尔自治区 · 新疆某中学校长",
            "新疆维吾尔自治区 · 新疆某医院院长"
        ]
    );
}

/// Build a copy of the fixture after `edit` changed it.
fn build_edited(edit: impl FnOnce(&std::path::Path)) -> Built {
    let tmp = tempdir();
    let site = tmp.path().join("src");
    copy_dir(&case("rosters"), &site);
    edit(&site);
    build(&site, AS_OF)
}

/// Every text of a page (its visible text, its title and its metadata) saying "this term".
fn this_term_strings(html: &str) -> Vec<String> {
    ["本届", "本屆", "this term", "This term"]
        .iter()
        .filter_map(|w| {
            let i = html.find(w)?;
            let from = html[..i].char_indices().rev().nth(30).map_or(0, |(j, _)| j);
            Some(html[from..].chars().take(60).collect())
        })
        .collect()
}

#[test]
fn an_archived_deputys_page_names_the_term_it_served_never_this_term() {
    let site = rosters();
    let archived = site.text("deputies/wang-gang-13/index.html");
    assert_eq!(this_term_strings(&archived), Vec::<String>::new());
    let page = site.page("deputies/wang-gang-13/index.html");
    let line = page
        .select(&sel("p.report-back"))
        .next()
        .map(text)
        .expect("the report-back line");
    assert_eq!(line, "十三届任内没有向选民述职的记录。");
    // A serving deputy's page still speaks of this term.
    let current = site.page("deputies/wang-gang-xj/index.html");
    let line = current
        .select(&sel("p.report-back"))
        .next()
        .map(text)
        .expect("the report-back line");
    assert_eq!(line, "本届尚未向选民述职。");
    // A report-back held in the archived term is named as that term's.
    let site = build_edited(|dir| {
        std::fs::write(
            dir.join("activities/2021-05-08-shuzhi.md"),
            "---\ntitle: 王刚代表向原选举单位述职\ndate: 2021-05-08\nkind: report-back\ndeputies: [wang-gang-13]\narea: beijing\n---\n王刚代表述职。\n",
        )
        .expect("write an activity");
    });
    let page = site.page("deputies/wang-gang-13/index.html");
    let line = page
        .select(&sel("p.report-back"))
        .next()
        .map(text)
        .expect("the report-back line");
    assert!(line.starts_with("十三届任内已向选民述职。"), "{line}");
    assert_eq!(
        this_term_strings(&site.text("deputies/wang-gang-13/index.html")),
        Vec::<String>::new()
    );
    // In the other languages too.
    for (language, words) in [("en", "the 十三届 term"), ("zh-Hant", "十三届任內")] {
        let site = build_edited(|dir| {
            let yaml = std::fs::read_to_string(dir.join("site.yaml")).expect("site.yaml");
            std::fs::write(
                dir.join("site.yaml"),
                yaml.replace("language: zh-Hans", &format!("language: {language}")),
            )
            .expect("write site.yaml");
        });
        let html = site.text("deputies/wang-gang-13/index.html");
        assert_eq!(this_term_strings(&html), Vec::<String>::new(), "{language}");
        assert!(html.contains(words), "{language}: no `{words}`");
    }
}

#[test]
fn popolo_memberships_carry_the_terms_dates_and_validate_with_the_popolo_schemas() {
    let site = rosters();
    let doc: serde_json::Value =
        serde_json::from_str(&site.text("data/popolo.json")).expect("popolo.json");
    let seat = |id: &str| {
        doc["memberships"]
            .as_array()
            .expect("memberships")
            .iter()
            .find(|m| m["id"] == format!("memberships/{id}"))
            .cloned()
            .unwrap_or_else(|| panic!("no membership of {id}"))
    };
    // A serving deputy: from the start of the current term, no end.
    let current = seat("li-bin");
    assert_eq!(current["start_date"], "2023-03-05");
    assert!(current.get("end_date").is_none(), "{current}");
    // An archived deputy: the dates of the ended term.
    let archived = seat("wang-gang-13");
    assert_eq!(archived["start_date"], "2018-03-05");
    assert_eq!(archived["end_date"], "2023-03-04");
    assert_eq!(archived["term"], "十三届");
    // Every export, Popolo against its schemas, read back by the Python check.
    let ready = std::process::Command::new("python3")
        .args(["-c", "import jsonschema, vobject, feedparser"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !ready {
        let msg = "the Python check of the open data needs `python3 -m pip install jsonschema vobject feedparser` (scripts/test installs them)";
        assert!(std::env::var_os("CI").is_none(), "{msg}");
        eprintln!("NOTE: skipping the schema check: {msg}");
        return;
    }
    let res = std::process::Command::new("python3")
        .arg(common::repo().join("tests/opendata_check.py"))
        .arg(&site.out)
        .output()
        .expect("run python3");
    let stdout = String::from_utf8_lossy(&res.stdout);
    assert!(
        res.status.success(),
        "opendata_check.py:\n{stdout}{}",
        String::from_utf8_lossy(&res.stderr)
    );
    assert!(
        stdout.lines().any(|l| l.starts_with("ok popolo")),
        "{stdout}"
    );
}
