//! The liaison practices of issue 22, on the demo (`--as-of 2026-11-23`): liaison groups
//! (代表联系组, 代表小组) with their pages, feeds and Popolo entries; joint receptions with
//! guests; report-backs (述职) with their evaluation (测评). And the located errors an
//! editor gets for each, on copies of the demo with one mistake each.

mod common;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use common::{build_to, copy_dir, demo, hrefs, lianluo, printed, sel, tempdir, text};
use scraper::Html;
use serde_json::Value;

const AS_OF: &str = "2026-11-23";

/// The demo, built once for every test of this file.
fn site() -> &'static Path {
    static OUT: OnceLock<PathBuf> = OnceLock::new();
    OUT.get_or_init(|| {
        let out = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("groups-demo");
        let _ = std::fs::remove_dir_all(&out);
        build_to(&demo(), &out, AS_OF, &[]);
        out
    })
}

fn read(rel: &str) -> String {
    std::fs::read_to_string(site().join(rel)).unwrap_or_else(|e| panic!("read {rel}: {e}"))
}

fn page(rel: &str) -> Html {
    Html::parse_document(&read(rel))
}

fn texts(html: &Html, css: &str) -> Vec<String> {
    html.select(&sel(css)).map(text).collect()
}

/// A copy of the demo with `edit` applied, checked: the diagnostics printed.
fn check_with(edit: impl FnOnce(&Path)) -> Vec<common::Printed> {
    let tmp = tempdir();
    let root = tmp.path().join("site");
    copy_dir(&demo(), &root);
    edit(&root);
    let out = lianluo()
        .arg("check")
        .arg(&root)
        .arg("--as-of")
        .arg(AS_OF)
        .output()
        .expect("run lianluo");
    printed(&String::from_utf8_lossy(&out.stderr))
}

fn replace_in(root: &Path, rel: &str, from: &str, to: &str) {
    let path = root.join(rel);
    let s = std::fs::read_to_string(&path).expect("read");
    assert!(s.contains(from), "{rel} has no `{from}`");
    std::fs::write(&path, s.replacen(from, to, 1)).expect("write");
}

fn error_at<'a>(ps: &'a [common::Printed], place: &str) -> &'a common::Printed {
    ps.iter()
        .find(|p| p.severity == "error" && p.place.as_deref() == Some(place))
        .unwrap_or_else(|| panic!("no error at {place}: {ps:#?}"))
}

// ---- Liaison groups ---------------------------------------------------------------

#[test]
fn the_groups_index_lists_every_group_by_the_area_of_its_congress() {
    let html = page("groups/index.html");
    assert_eq!(texts(&html, "h1"), ["代表联系组"]);
    let headings = texts(&html, "main h2");
    assert!(headings[0].starts_with("示例县"), "{headings:?}");
    assert!(
        headings.iter().any(|h| h.starts_with("白杨镇")),
        "{headings:?}"
    );
    for id in [
        "chengguan-xiaozu",
        "baiyang-dier-xiaozu",
        "fengming-lianxizu",
    ] {
        assert!(
            html.select(&sel(&format!("li[data-group=\"{id}\"] a")))
                .next()
                .is_some(),
            "{id} is listed"
        );
    }
    // A name in a deputy's `group:` that no group has makes a group of its own.
    assert!(
        site()
            .join("groups/qing-shi-zhen-dai-biao-xiao-zu/index.html")
            .is_file()
    );
    // The deputies' page links the groups.
    let deputies = page("deputies/index.html");
    assert!(hrefs(deputies.root_element(), "main a").contains(&"../groups/index.html".to_owned()));
}

#[test]
fn a_county_group_page_shows_leaders_members_sub_groups_station_and_meetings() {
    let html = page("groups/chengguan-xiaozu/index.html");
    assert_eq!(texts(&html, "h1"), ["城关镇代表小组"]);
    assert_eq!(texts(&html, "dd[data-role=leader] a"), ["李秀英"]);
    assert_eq!(texts(&html, "dd[data-role=deputy-leader] a"), ["赵敏"]);
    let facts = texts(&html, "dl.facts dd").join(" ");
    assert!(facts.contains("示例县人民代表大会"), "{facts}");
    assert!(facts.contains("城关镇人大代表联络站"), "{facts}");
    // Members by level: the seven county deputies whose file names the group.
    assert_eq!(texts(&html, "#level-county .count"), ["7"]);
    let subgroups = texts(&html, "ul.subgroups li");
    assert_eq!(subgroups.len(), 2, "{subgroups:?}");
    assert!(
        subgroups[0].starts_with("老旧小区改造活动小组"),
        "{subgroups:?}"
    );
    // Its meetings, this year's count against site.yaml's `meetings_per_year: 2`.
    let meetings = html
        .select(&sel("dd[data-count=meetings]"))
        .next()
        .expect("meetings this year");
    assert_eq!(meetings.value().attr("data-value"), Some("2"));
    assert!(text(meetings).contains("应召开 2 次"), "{}", text(meetings));
    assert!(!text(meetings).contains("尚未达到"), "{}", text(meetings));
    let listed = texts(&html, "#gmt-h + ul a");
    assert!(
        listed.contains(&"城关镇代表小组专题督办老旧小区加装电梯".to_owned()),
        "{listed:?}"
    );
    // Suggestions raised at its meetings count for it.
    let raised = texts(&html, "#gsu-h .count");
    assert_eq!(raised, ["1"]);
    assert!(read("groups/chengguan-xiaozu/index.html").contains("2026-016"));
}

#[test]
fn a_township_group_and_a_group_of_five_levels_have_their_pages() {
    let town = page("groups/baiyang-dier-xiaozu/index.html");
    assert_eq!(texts(&town, "dd[data-role=leader] a"), ["张桂兰"]);
    assert!(
        texts(&town, "dl.facts dd")
            .join(" ")
            .contains("白杨镇人民代表大会")
    );
    assert_eq!(texts(&town, "#level-township .count"), ["2"]);
    // Below the expected number of meetings: said so.
    let short = town
        .select(&sel("dd[data-count=meetings]"))
        .next()
        .expect("meetings");
    assert_eq!(short.value().attr("data-value"), Some("0"));
    assert!(text(short).contains("尚未达到"), "{}", text(short));

    let mixed = page("groups/fengming-lianxizu/index.html");
    let levels: Vec<String> = mixed
        .select(&sel("section.level"))
        .filter_map(|s| s.value().attr("aria-labelledby").map(str::to_owned))
        .collect();
    assert_eq!(
        levels,
        [
            "level-national",
            "level-provincial",
            "level-city",
            "level-county",
            "level-township"
        ]
    );
}

#[test]
fn deputy_place_station_and_activity_pages_name_the_groups() {
    let li = page("deputies/li-xiuying/index.html");
    let groups = texts(&li, "dd.groups");
    assert_eq!(groups, ["城关镇代表小组（组长）"]);
    let wang = page("deputies/wang-jun/index.html");
    let g = texts(&wang, "dd.groups").join("");
    assert!(g.contains("凤鸣片区五级人大代表联系组（组长）"), "{g}");
    assert!(g.contains("凤鸣镇代表小组（成员）"), "{g}");

    let place = page("areas/fengming/index.html");
    assert!(texts(&place, "#grp-h + ul a").contains(&"凤鸣片区五级人大代表联系组".to_owned()));
    let station = page("stations/baiyang-station/index.html");
    assert_eq!(texts(&station, "#grp-h + ul a"), ["白杨镇人大第二代表小组"]);
    let meeting = page("activities/2026-09-18-fengming-xiaozu/index.html");
    assert!(
        hrefs(meeting.root_element(), "p.meta a")
            .contains(&"../../groups/fengming-lianxizu/index.html".to_owned())
    );
}

#[test]
fn every_group_has_an_atom_feed_of_its_activities() {
    let feed = read("groups/fengming-lianxizu/feed.xml");
    assert!(feed.contains("<feed xmlns=\"http://www.w3.org/2005/Atom\""));
    assert!(feed.contains("<title>凤鸣片区五级人大代表联系组 · 履职活动</title>"));
    assert!(
        feed.contains("activities/2026-09-18-fengming-xiaozu/"),
        "{feed}"
    );
    let html = page("groups/fengming-lianxizu/index.html");
    assert!(
        html.select(&sel(
            "link[rel=alternate][type=\"application/atom+xml\"][href=\"feed.xml\"]"
        ))
        .next()
        .is_some()
    );
    for dir in std::fs::read_dir(site().join("groups")).expect("list groups") {
        let dir = dir.expect("entry").path();
        if dir.is_dir() {
            assert!(
                dir.join("feed.xml").is_file(),
                "{} has a feed",
                dir.display()
            );
        }
    }
}

#[test]
fn popolo_has_the_groups_as_organizations_with_memberships_and_roles() {
    let v: Value = serde_json::from_str(&read("data/popolo.json")).expect("JSON");
    let orgs = v["organizations"].as_array().expect("organizations");
    let org = |id: &str| {
        orgs.iter()
            .find(|o| o["id"] == id)
            .unwrap_or_else(|| panic!("no organization {id}"))
    };
    let g = org("groups/chengguan-xiaozu");
    assert_eq!(g["classification"], "liaison_group");
    assert_eq!(g["parent_id"], "congresses/county/shiyi");
    assert_eq!(g["area_id"], "areas/shiyi");
    let sub = org("groups/chengguan-xiaozu/subgroups/1");
    assert_eq!(sub["parent_id"], "groups/chengguan-xiaozu");
    assert_eq!(
        org("groups/baiyang-dier-xiaozu")["parent_id"],
        "congresses/township/baiyang"
    );
    let ms = v["memberships"].as_array().expect("memberships");
    let role = |id: &str| {
        ms.iter()
            .find(|m| m["id"] == id)
            .unwrap_or_else(|| panic!("no membership {id}"))["role"]
            .clone()
    };
    assert_eq!(
        role("memberships/li-xiuying/groups/chengguan-xiaozu"),
        "组长"
    );
    assert_eq!(
        role("memberships/zhao-min/groups/chengguan-xiaozu"),
        "副组长"
    );
    assert_eq!(role("memberships/chen-hao/groups/chengguan-xiaozu"), "成员");
    assert_eq!(
        role("memberships/li-xiuying/groups/chengguan-xiaozu/subgroups/1"),
        "组长"
    );
    assert_eq!(
        role("memberships/he-jianguo/groups/fengming-lianxizu"),
        "成员"
    );
    // Every membership's organization and person exist.
    let persons: Vec<&Value> = v["persons"].as_array().expect("persons").iter().collect();
    for m in ms {
        assert!(orgs.iter().any(|o| o["id"] == m["organization_id"]), "{m}");
        assert!(persons.iter().any(|p| p["id"] == m["person_id"]), "{m}");
    }
}

#[test]
fn group_mistakes_are_located_errors() {
    let ps = check_with(|root| {
        // A leader who is not a member.
        replace_in(
            root,
            "groups.yaml",
            "leader: zhang-guilan",
            "leader: zhang-xiaoyan",
        );
        // An activity naming a group that does not exist.
        replace_in(
            root,
            "activities/2026/2026-09-18-fengming-xiaozu.md",
            "group: fengming-lianxizu",
            "group: fengming-lianxzu",
        );
        // A deputy naming a group id that does not exist.
        replace_in(
            root,
            "deputies/deng-yan.md",
            "group: 白杨镇代表小组",
            "group: baiyang-xiaozu",
        );
    });
    let leader = error_at(&ps, "groups.yaml:26:13");
    assert!(
        leader.message.contains(
            "the leader `zhang-xiaoyan` is not a member of the group `baiyang-dier-xiaozu`"
        ),
        "{leader:?}"
    );
    assert!(leader.help.as_deref().unwrap_or("").contains("members:"));
    let act = error_at(&ps, "activities/2026/2026-09-18-fengming-xiaozu.md:5:8");
    assert!(
        act.message
            .contains("there is no liaison group with the id `fengming-lianxzu`"),
        "{act:?}"
    );
    assert!(
        act.help
            .as_deref()
            .unwrap_or("")
            .contains("did you mean `fengming-lianxizu`?")
    );
    let dep = error_at(&ps, "deputies/deng-yan.md:8:8");
    assert!(
        dep.message
            .contains("there is no liaison group with the id `baiyang-xiaozu`"),
        "{dep:?}"
    );
}

// ---- Joint receptions ----------------------------------------------------------------

/// The events of a calendar, unfolded (RFC 5545 §3.1): each as its `NAME:value` lines.
fn ics_events(text: &str) -> Vec<Vec<String>> {
    assert!(text.starts_with("BEGIN:VCALENDAR\r\n"));
    for l in text.split("\r\n") {
        assert!(l.len() <= 75, "line of {} octets: {l}", l.len());
    }
    let unfolded = text.replace("\r\n ", "").replace("\r\n\t", "");
    let mut events = Vec::new();
    let mut cur: Option<Vec<String>> = None;
    for line in unfolded.split("\r\n") {
        match line {
            "BEGIN:VEVENT" => cur = Some(Vec::new()),
            "END:VEVENT" => events.extend(cur.take()),
            _ => {
                if let Some(c) = cur.as_mut() {
                    c.push(line.to_owned());
                }
            }
        }
    }
    events
}

const GUESTS: [&str; 2] = ["周建华（县政协委员）", "孙立新（县党代表）"];

#[test]
fn a_joint_reception_activity_shows_its_guests_marked_as_guests() {
    let html = page("activities/2026-11-06-chengguan-lianhe-jiedai/index.html");
    let guests = texts(&html, "p.guests");
    assert_eq!(guests.len(), 1, "{guests:?}");
    assert!(guests[0].starts_with("特邀参加："), "{guests:?}");
    assert_eq!(
        texts(&html, "p.guests .guest"),
        [GUESTS[0], GUESTS[1], "韩立军（市人大代表）"]
    );
    // Guests are not listed among the deputies of the site.
    assert!(!texts(&html, "article > p a").iter().any(|a| a == "周建华"));
}

#[test]
fn a_joint_reception_rule_shows_its_guests_on_station_place_calendar_and_poster() {
    let station = page("stations/chengguan-station/index.html");
    for css in ["ul.rules p.guests .guest", "li.reception p.guests .guest"] {
        let shown = texts(&station, css);
        assert!(shown.len() >= 2, "{css}: {shown:?}");
        assert_eq!(&shown[..2], GUESTS, "{css}");
    }
    let place = page("areas/xinhua/index.html");
    assert_eq!(texts(&place, "li.reception p.guests .guest"), GUESTS);

    let ics = read("stations/chengguan-station/calendar.ics");
    let events = ics_events(&ics);
    let joint = events
        .iter()
        .find(|e| {
            e.iter()
                .any(|l| l.starts_with("DTSTART") && l.contains("20261211"))
        })
        .expect("the 2026-12-11 reception is in the calendar");
    let desc = joint
        .iter()
        .find(|l| l.starts_with("DESCRIPTION:"))
        .expect("DESCRIPTION");
    assert!(
        desc.contains(&format!("特邀参加：{}、{}", GUESTS[0], GUESTS[1])),
        "{desc}"
    );
    // A reception without guests names none.
    let plain = events
        .iter()
        .filter(|e| !e.iter().any(|l| l.contains("20261211")))
        .flat_map(|e| e.iter())
        .filter(|l| l.starts_with("DESCRIPTION:"))
        .count();
    assert!(plain > 0);
    assert!(!ics.replace("\r\n ", "").contains("特邀参加：\\n"));

    let poster = page("stations/chengguan-station/poster/index.html");
    let rows = texts(&poster, ".pr-guests");
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert_eq!(rows[0], format!("特邀参加：{}、{}", GUESTS[0], GUESTS[1]));
}

#[test]
fn a_station_page_counts_the_levels_that_received_there_this_year() {
    let html = page("stations/chengguan-station/index.html");
    let count = |level: &str| {
        texts(
            &html,
            &format!("ul.received-levels li[data-level={level}] .count"),
        )
        .join("")
    };
    assert_eq!(texts(&html, "ul.received-levels li").len(), 5);
    // The guest 韩立军 (a city deputy) and the county deputies on duty in 2026.
    assert_eq!(count("city"), "1");
    assert_eq!(count("national"), "0");
    assert!(count("county").parse::<u32>().expect("a number") >= 2);
}

#[test]
fn guests_names_are_published_but_a_guest_without_a_role_is_a_located_error() {
    // The report names 周建华同志 (a full name before 同志, which the guard refuses for a
    // private person): as a listed guest, the name is allowed.
    let ok = check_with(|_| {});
    assert!(!ok.iter().any(|p| p.severity == "error"), "{ok:#?}");
    let ps = check_with(|root| {
        replace_in(
            root,
            "activities/2026/2026-11-06-chengguan-lianhe-jiedai.md",
            "  - { name: 周建华, role: 县政协委员 }\n",
            "",
        );
        replace_in(
            root,
            "stations/chengguan-station.md",
            "{ name: 周建华, role: 县政协委员 }",
            "{ name: 周建华 }",
        );
    });
    let no_role = error_at(&ps, "stations/chengguan-station.md:22:9");
    assert!(
        no_role.message.contains("the guest `周建华` has no role"),
        "{no_role:?}"
    );
    assert!(no_role.help.as_deref().unwrap_or("").contains("role:"));
    // Listed nowhere with an office, the name in the report is a private person's again.
    let refused = error_at(
        &ps,
        "activities/2026/2026-11-06-chengguan-lianhe-jiedai.md:13:52",
    );
    assert!(refused.message.contains("个人姓名"), "{refused:?}");
    // 孙立新 is still a listed guest: not refused.
    assert_eq!(
        ps.iter()
            .filter(|p| p.message.contains("个人姓名") && p.message.contains("孙"))
            .count(),
        0,
        "{ps:#?}"
    );
}

// ---- Report-backs with evaluation ----------------------------------------------------

#[test]
fn a_deputy_record_lists_report_backs_with_their_evaluation_and_share_satisfied() {
    let html = page("deputies/liu-fang/index.html");
    assert_eq!(
        texts(&html, ".deputy-record p.report-back a"),
        ["2026年11月5日 县人大代表刘芳在北街村向选民述职"]
    );
    let ev = texts(&html, "ul.report-backs .evaluation");
    assert_eq!(
        ev,
        ["测评：参加测评 52 人，满意 41、基本满意 9、不满意 2；满意率 96.2%（50/52）"]
    );
    let wang = page("deputies/wang-jun/index.html");
    let shares: Vec<String> = wang
        .select(&sel("ul.report-backs .evaluation"))
        .filter_map(|e| e.value().attr("data-share").map(str::to_owned))
        .collect();
    assert_eq!(shares, ["95.3%"]);
    let act = page("activities/2026-10-28-wang-jun-shuzhi/index.html");
    assert_eq!(
        texts(&act, "p.evaluation"),
        ["测评：参加测评 43 人，满意 35、基本满意 6、不满意 1；满意率 95.3%（41/43）"]
    );
    // A deputy without a report-back this term is told so.
    let chen = page("deputies/chen-hao/index.html");
    assert_eq!(
        texts(&chen, ".deputy-record p.report-back strong"),
        ["本届尚未向选民述职。"]
    );
}

#[test]
fn the_report_backs_page_and_download_count_who_has_reported_per_congress() {
    let html = page("report-backs/index.html");
    let row = |level: &str, area: &str| {
        html.select(&sel(&format!("tr[data-level={level}][data-area={area}]")))
            .next()
            .unwrap_or_else(|| panic!("no row for {level} {area}"))
    };
    let count = |tr: scraper::ElementRef<'_>, what: &str| {
        tr.select(&sel(&format!("td[data-count={what}]")))
            .next()
            .map(text)
            .unwrap_or_default()
    };
    let county = row("county", "shiyi");
    assert!(
        count(county, "reported").starts_with('9'),
        "{}",
        count(county, "reported")
    );
    assert!(count(county, "reported").contains("刘芳"));
    assert!(count(county, "not-reported").starts_with("16"));
    assert!(count(county, "not-reported").contains("陈浩"));
    assert_eq!(count(county, "total"), "25");
    let totals = html
        .select(&sel("p.report-back-totals"))
        .next()
        .expect("totals");
    assert_eq!(totals.value().attr("data-reported"), Some("10"));
    assert_eq!(totals.value().attr("data-not-reported"), Some("64"));

    let bytes = std::fs::read(site().join("data/report-backs.csv")).expect("csv");
    assert!(bytes.starts_with(b"\xef\xbb\xbf"));
    let mut reader = csv::Reader::from_reader(&bytes[3..]);
    let head: Vec<String> = reader
        .headers()
        .expect("header")
        .iter()
        .map(str::to_owned)
        .collect();
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("row")).collect();
    let col = |name: &str| head.iter().position(|h| h == name).expect(name);
    assert_eq!(rows.len(), 74, "one row per serving deputy");
    let yes = rows.iter().filter(|r| &r[col("reported")] == "yes").count();
    assert_eq!(yes, 10);
    let liu = rows
        .iter()
        .find(|r| &r[col("id")] == "liu-fang")
        .expect("liu-fang");
    assert_eq!(&liu[col("level")], "county");
    assert_eq!(&liu[col("area")], "shiyi");
    assert_eq!(&liu[col("date")], "2026-11-05");
    assert_eq!(&liu[col("participants")], "52");
    assert_eq!(&liu[col("share_satisfied")], "96.2%");
    // The data page lists the download.
    assert!(read("data/index.html").contains("data/report-backs.csv"));
}

#[test]
fn evaluation_mistakes_are_located_errors() {
    let ps = check_with(|root| {
        replace_in(
            root,
            "activities/2026/2026-11-05-liu-fang-shuzhi.md",
            "results: { 满意: 41, 基本满意: 9, 不满意: 2 }",
            "results: { 满意: 45, 基本满意: 9, 不满意: 2 }",
        );
        replace_in(
            root,
            "activities/2026/2026-10-28-wang-jun-shuzhi.md",
            "results: { 满意: 35, 基本满意: 6, 不满意: 1 }",
            "results: { 满意: 35, 比较满意: 6, 不满意: 1 }",
        );
    });
    let over = error_at(&ps, "activities/2026/2026-11-05-liu-fang-shuzhi.md:9:12");
    assert!(
        over.message
            .contains("the evaluation counts add up to 56, more than the 52 participants"),
        "{over:?}"
    );
    let unknown = error_at(&ps, "activities/2026/2026-10-28-wang-jun-shuzhi.md:10:28");
    assert!(
        unknown
            .message
            .contains("`比较满意` is not one of the evaluation categories"),
        "{unknown:?}"
    );
    assert!(
        unknown
            .help
            .as_deref()
            .unwrap_or("")
            .contains("满意, 基本满意, 不满意")
    );
}

#[test]
fn a_group_meeting_without_a_group_is_warned_about() {
    let ps = check_with(|root| {
        replace_in(
            root,
            "activities/2025/2025-09-24-qingshi-xiaozu.md",
            "group: qing-shi-zhen-dai-biao-xiao-zu\n",
            "",
        );
    });
    let w = ps
        .iter()
        .find(|p| {
            p.message
                .contains("this group meeting names no liaison group")
        })
        .unwrap_or_else(|| panic!("{ps:#?}"));
    assert_eq!(w.severity, "warning");
    assert_eq!(
        w.place.as_deref(),
        Some("activities/2025/2025-09-24-qingshi-xiaozu.md:4:7")
    );
    assert!(!ps.iter().any(|p| p.severity == "error"), "{ps:#?}");
}

#[test]
fn a_group_whose_area_does_not_seat_its_congress_is_a_located_error() {
    let ps = check_with(|root| {
        replace_in(
            root,
            "groups.yaml",
            "level: township\n    area: baiyang",
            "level: county\n    area: baiyang",
        );
    });
    let e = error_at(&ps, "groups.yaml:25:11");
    assert!(
        e.message
            .contains("`baiyang` is a township, but the group's level is county"),
        "{e:?}"
    );
}

#[test]
fn a_sub_group_member_outside_the_group_is_a_located_error() {
    let ps = check_with(|root| {
        replace_in(
            root,
            "groups.yaml",
            "members: [zhao-min, chen-hao, jia-liang, song-jianjun]",
            "members: [zhao-min, chen-hao, jia-liang, wang-jun]",
        );
    });
    let e = error_at(&ps, "groups.yaml:20:50");
    assert!(
        e.message.contains(
            "the sub-group member `wang-jun` is not a member of the group `chengguan-xiaozu`"
        ),
        "{e:?}"
    );
    assert_eq!(
        ps.iter().filter(|p| p.severity == "error").count(),
        1,
        "{ps:#?}"
    );
}
