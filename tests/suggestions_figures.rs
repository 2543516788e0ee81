//! Suggestion outcomes on the fixture `tests/cases/suggestions-outcomes/`: every derived
//! status and every figure equals the value computed by hand below, on the pages (read with
//! scraper) and in `/data/` JSON. The other pages of the fixture: `suggestions_pages.rs`.
//!
//! The records, as of 2025-09-20 (90 days to reply, 180 when extended):
//!
//! | id       | transferred | deadline   | first reply | days | final            | status      |
//! |----------|-------------|------------|-------------|------|------------------|-------------|
//! | 2024-010 | 2024-11-05  | 2025-02-03 | 2024-12-16  | 41   | B satisfied      | closed      |
//! | 2025-001 | 2025-01-15  | 2025-04-15 | 2025-05-05  | 110  | A satisfied      | closed, late|
//! | 2025-002 | 2025-03-05  | 2025-06-03 | —           | —    | —                | overdue     |
//! | 2025-003 | 2025-04-10  | 2025-10-07 | — (extended)| —    | —                | transferred |
//! | 2025-004 | 2025-02-05  | 2025-05-06 | 2025-03-07  | 30   | A basically (was C dissatisfied, reopened) | closed |
//! | 2025-005 | —           | —          | —           | —    | —                | received    |
//! | 2025-006 | 2025-06-03  | 2025-09-01 | 2025-08-12  | 70   | no outcome yet   | replied     |
//! | 2025-008 | 2025-05-12  | 2025-08-10 | 2025-06-16  | 35   | D dissatisfied   | closed      |

mod common;

use common::{Built, build, case, sel, text};
use scraper::{ElementRef, Html};
use serde_json::Value;

const AS_OF: &str = "2025-09-20";

fn site() -> Built {
    build(&case("suggestions-outcomes"), AS_OF)
}

/// Derived facts of one record: status, final outcome, final satisfaction, deadline,
/// overdue, replied late, days to reply.
type Derived = (
    &'static str,
    &'static str,
    Option<&'static str>,
    Option<&'static str>,
    Option<&'static str>,
    bool,
    bool,
    Option<i64>,
);

#[rustfmt::skip]
const RECORDS: [Derived; 8] = [
    ("2024-010", "closed", Some("B"), Some("satisfied"), Some("2025-02-03"), false, false, Some(41)),
    ("2025-001", "closed", Some("A"), Some("satisfied"), Some("2025-04-15"), false, true, Some(110)),
    ("2025-002", "transferred", None, None, Some("2025-06-03"), true, false, None),
    ("2025-003", "transferred", None, None, Some("2025-10-07"), false, false, None),
    ("2025-004", "closed", Some("A"), Some("basically-satisfied"), Some("2025-05-06"), false, false, Some(30)),
    ("2025-005", "received", None, None, None, false, false, None),
    ("2025-006", "replied", None, None, Some("2025-09-01"), false, false, Some(70)),
    ("2025-008", "closed", Some("D"), Some("dissatisfied"), Some("2025-08-10"), false, false, Some(35)),
];

fn field(page: &Html, name: &str) -> Option<String> {
    page.select(&sel(&format!("main [data-field=\"{name}\"]")))
        .next()
        .map(|e| e.value().attr("data-value").unwrap_or("present").to_owned())
}

#[test]
fn every_derived_status_equals_the_hand_computed_value_on_the_pages_and_in_the_json() {
    let site = site();
    let json: Value = serde_json::from_slice(&site.bytes("data/suggestions.json")).expect("JSON");
    assert_eq!(json["as_of"], AS_OF);
    let records = json["records"].as_array().expect("records");
    let ids: Vec<&str> = records.iter().filter_map(|r| r["id"].as_str()).collect();
    assert_eq!(ids, RECORDS.map(|r| r.0));
    for (want, rec) in RECORDS.iter().zip(records) {
        let (id, status, outcome, satisfaction, deadline, overdue, late, days) = *want;
        // The JSON record.
        assert_eq!(rec["status"], status, "{id}");
        assert_eq!(rec["outcome"].as_str(), outcome, "{id}");
        assert_eq!(rec["satisfaction"].as_str(), satisfaction, "{id}");
        assert_eq!(rec["deadline"].as_str(), deadline, "{id}");
        assert_eq!(rec["overdue"], overdue, "{id}");
        assert_eq!(rec["replied_late"], late, "{id}");
        assert_eq!(rec["days_to_reply"].as_i64(), days, "{id}");
        // The record's page.
        let page = site.page(&format!("suggestions/{id}/index.html"));
        assert_eq!(field(&page, "status").as_deref(), Some(status), "{id}");
        assert_eq!(field(&page, "outcome").as_deref(), outcome, "{id}");
        assert_eq!(
            field(&page, "satisfaction").as_deref(),
            satisfaction,
            "{id}"
        );
        assert_eq!(field(&page, "deadline").as_deref(), deadline, "{id}");
        assert_eq!(field(&page, "overdue").is_some(), overdue, "{id}");
        assert_eq!(field(&page, "replied_late").is_some(), late, "{id}");
        assert_eq!(
            field(&page, "days_to_reply").map(|d| d.parse::<i64>().expect("a number")),
            days,
            "{id}"
        );
    }
    // The reopened record keeps its whole history, and its first reply counts for the days.
    let page = site.page("suggestions/2025-004/index.html");
    let steps: Vec<String> = page.select(&sel("ol.history li")).map(text).collect();
    assert_eq!(steps.len(), 2, "{steps:?}");
    assert!(steps[1].contains("A类"), "{steps:?}");
}

/// Hand-computed figures of one group: the counts, the median and the four rates as shown.
#[derive(Debug, Clone, Copy)]
struct Want {
    received: u32,
    transferred: u32,
    replied: u32,
    rated: u32,
    satisfied: u32,
    closed: u32,
    solved: u32,
    overdue: u32,
    on_time: u32,
    due: u32,
    median: &'static str,
    /// 办结率, 满意率, 办成率, 按期答复率
    shown: [&'static str; 4],
}

/// Counts in the order received, transferred, replied, rated, satisfied, closed, solved,
/// overdue, on time, due; then the median; then 办结率, 满意率, 办成率, 按期答复率 as shown.
const fn want(c: [u32; 10], median: &'static str, shown: [&'static str; 4]) -> Want {
    Want {
        received: c[0],
        transferred: c[1],
        replied: c[2],
        rated: c[3],
        satisfied: c[4],
        closed: c[5],
        solved: c[6],
        overdue: c[7],
        on_time: c[8],
        due: c[9],
        median,
        shown,
    }
}

/// Overall. received 8; transferred 7 (all but 2025-005); replied 5 (status replied or
/// closed: 2024-010, 2025-001, -004, -006, -008); 办结率 5/7 = 0.7142… → 71.4%.
/// Rated 4 (2024-010 satisfied, 2025-001 satisfied, -004 basically, -008 dissatisfied),
/// satisfied 3 → 满意率 3/4 = 75.0%. Closed 4 (B, A, A, D), solved (A) 2 → 办成率 2/4 = 50.0%.
/// Due 6 (replied 5 + overdue 2025-002), on time 4 (all replies but 2025-001) → 4/6 = 66.7%.
/// Days 41, 110, 30, 70, 35 → sorted 30 35 41 70 110 → median 41.
const OVERALL: Want = want(
    [8, 7, 5, 4, 3, 4, 2, 1, 4, 6],
    "41",
    ["71.4%", "75.0%", "50.0%", "66.7%"],
);

/// 2025: all but 2024-010. received 7, transferred 6, replied 4 → 4/6 = 66.7%; rated 3
/// (satisfied, basically, dissatisfied), satisfied 2 → 66.7%; closed 3 (A, A, D), solved 2 →
/// 66.7%; due 5 (4 replies + 1 overdue), on time 3 → 60.0%; days 110 30 70 35 → sorted
/// 30 35 70 110, an even count → (35 + 70) / 2 = 52.5.
const Y2025: Want = want(
    [7, 6, 4, 3, 2, 3, 2, 1, 3, 5],
    "52.5",
    ["66.7%", "66.7%", "66.7%", "60.0%"],
);

/// 2024: 2024-010 alone: 1/1, 1/1, 0/1 (B is not solved), 1/1; median 41.
const Y2024: Want = want(
    [1, 1, 1, 1, 1, 1, 0, 0, 1, 1],
    "41",
    ["100.0%", "100.0%", "0.0%", "100.0%"],
);

/// 县交通运输局 (and the category 交通出行, c1): 2024-010, 2025-001, 2025-004. Replied 3/3;
/// rated 3, satisfied 3 (satisfied, satisfied, basically) → 100.0%; closed 3 (B, A, A),
/// solved 2 → 66.7%; due 3, on time 2 (2025-001 was late) → 66.7%; days 41 110 30 → 41.
const JIAOTONG: Want = want(
    [3, 3, 3, 3, 3, 3, 2, 0, 2, 3],
    "41",
    ["100.0%", "100.0%", "66.7%", "66.7%"],
);

/// 县住房和城乡建设局 (and 城乡建设, c2): 2025-002, -003, -006, -008. Replied 2/4 = 50.0%;
/// rated 1 (dissatisfied) → 0/1 = 0.0%; closed 1 (D) → 0/1 = 0.0%; due 3 (-002 overdue,
/// -006, -008), on time 2 → 66.7%; days 70 35 → (35 + 70) / 2 = 52.5.
const ZHUJIAN: Want = want(
    [4, 4, 2, 1, 0, 1, 0, 1, 2, 3],
    "52.5",
    ["50.0%", "0.0%", "0.0%", "66.7%"],
);

/// 教育 (c3): 2025-005 only, never transferred: every denominator is empty → "—".
const JIAOYU: Want = want([1, 0, 0, 0, 0, 0, 0, 0, 0, 0], "—", ["—", "—", "—", "—"]);

/// 东城镇 and the places in it (和平社区, 前进村): 2025-001, -002, -004, -006. Transferred 4,
/// replied 3 → 75.0%; rated 2 (satisfied, basically) → 100.0%; closed 2 (A, A) → 100.0%;
/// due 4 (3 replies + -002), on time 2 (-004, -006) → 50.0%; days 110 30 70 → 70.
const DONGCHENG: Want = want(
    [4, 4, 3, 2, 2, 2, 2, 1, 2, 4],
    "70",
    ["75.0%", "100.0%", "100.0%", "50.0%"],
);

/// 李县英 raised 2024-010, 2025-001, -002, -004: transferred 4, replied 3 → 75.0%; rated 3,
/// satisfied 3 → 100.0%; closed 3 (B, A, A), solved 2 → 66.7%; due 4, on time 2 → 50.0%;
/// days 41 110 30 → 41.
const LI_XIAN: Want = want(
    [4, 4, 3, 3, 3, 3, 2, 1, 2, 4],
    "41",
    ["75.0%", "100.0%", "66.7%", "50.0%"],
);

/// The figures block inside `scope` of a page.
fn check_page(site: &Built, rel: &str, scope: &str, want: Want) {
    let page = site.page(rel);
    let root = page
        .select(&sel(scope))
        .next()
        .unwrap_or_else(|| panic!("{rel}: no {scope}"));
    let rate = |name: &str| -> (u32, u32, String) {
        let el: ElementRef<'_> = root
            .select(&sel(&format!("dl.figures [data-rate=\"{name}\"]")))
            .next()
            .unwrap_or_else(|| panic!("{rel}: no rate {name}"));
        let num = |a: &str| {
            el.value()
                .attr(a)
                .and_then(|v| v.parse().ok())
                .unwrap_or(u32::MAX)
        };
        let shown = el
            .select(&sel(".value"))
            .next()
            .map(text)
            .unwrap_or_default();
        (num("data-num"), num("data-den"), shown)
    };
    let w = want;
    assert_eq!(
        rate("completion"),
        (w.replied, w.transferred, w.shown[0].to_owned()),
        "{rel}: 办结率"
    );
    assert_eq!(
        rate("satisfaction"),
        (w.satisfied, w.rated, w.shown[1].to_owned()),
        "{rel}: 满意率"
    );
    assert_eq!(
        rate("solved"),
        (w.solved, w.closed, w.shown[2].to_owned()),
        "{rel}: 办成率"
    );
    assert_eq!(
        rate("on_time"),
        (w.on_time, w.due, w.shown[3].to_owned()),
        "{rel}: 按期答复率"
    );
    let median = root
        .select(&sel("[data-figure=\"median_days\"] .value"))
        .next()
        .map(text);
    assert_eq!(median.as_deref(), Some(w.median), "{rel}: median");
    let count = |name: &str| -> u32 {
        root.select(&sel(&format!("[data-count=\"{name}\"] strong")))
            .next()
            .map(text)
            .and_then(|t| t.parse().ok())
            .unwrap_or(u32::MAX)
    };
    assert_eq!(
        [count("received"), count("closed"), count("overdue")],
        [w.received, w.closed, w.overdue],
        "{rel}: counts"
    );
    // A rate's definition is shown beside it.
    assert!(root.select(&sel("dl.figures .def")).count() >= 4, "{rel}");
}

fn check_json(group: &Value, want: Want, what: &str) {
    let n = |k: &str| group[k].as_u64().unwrap_or(u64::MAX) as u32;
    let w = want;
    assert_eq!(
        [
            n("received"),
            n("transferred"),
            n("replied"),
            n("rated"),
            n("satisfied")
        ],
        [w.received, w.transferred, w.replied, w.rated, w.satisfied],
        "{what}"
    );
    assert_eq!(
        [
            n("closed"),
            n("solved"),
            n("overdue"),
            n("on_time"),
            n("due")
        ],
        [w.closed, w.solved, w.overdue, w.on_time, w.due],
        "{what}"
    );
    let median = group["median_days_to_reply"].as_f64();
    let want_median = w.median.parse::<f64>().ok();
    assert_eq!(median, want_median, "{what}: median");
}

#[test]
fn every_rate_equals_the_hand_computed_value_on_the_pages_and_in_the_json() {
    let site = site();
    check_page(&site, "suggestions/index.html", ".figures-block", OVERALL);
    check_page(
        &site,
        "suggestions/year/2025/index.html",
        ".figures-block",
        Y2025,
    );
    check_page(
        &site,
        "suggestions/year/2024/index.html",
        ".figures-block",
        Y2024,
    );
    check_page(
        &site,
        "handlers/jiaotong/index.html",
        ".figures-block",
        JIAOTONG,
    );
    check_page(
        &site,
        "handlers/zhujian/index.html",
        ".figures-block",
        ZHUJIAN,
    );
    check_page(
        &site,
        "suggestions/handler/zhujian/index.html",
        ".figures-block",
        ZHUJIAN,
    );
    // Categories by code point: 交 (U+4EA4) c1, 城 (U+57CE) c2, 教 (U+6559) c3.
    check_page(
        &site,
        "suggestions/category/c1/index.html",
        ".figures-block",
        JIAOTONG,
    );
    check_page(
        &site,
        "suggestions/category/c2/index.html",
        ".figures-block",
        ZHUJIAN,
    );
    check_page(
        &site,
        "suggestions/category/c3/index.html",
        ".figures-block",
        JIAOYU,
    );
    check_page(
        &site,
        "suggestions/area/dongcheng/index.html",
        ".figures-block",
        DONGCHENG,
    );
    check_page(
        &site,
        "deputies/li-xian/index.html",
        ".deputy-record",
        LI_XIAN,
    );

    let stats: Value =
        serde_json::from_slice(&site.bytes("data/suggestion-stats.json")).expect("stats JSON");
    check_json(&stats["overall"], OVERALL, "overall");
    check_json(&stats["years"]["2025"], Y2025, "2025");
    check_json(&stats["years"]["2024"], Y2024, "2024");
    check_json(&stats["handlers"]["jiaotong"], JIAOTONG, "jiaotong");
    check_json(&stats["handlers"]["zhujian"], ZHUJIAN, "zhujian");
    check_json(&stats["categories"]["交通出行"], JIAOTONG, "交通出行");
    check_json(&stats["categories"]["城乡建设"], ZHUJIAN, "城乡建设");
    check_json(&stats["categories"]["教育"], JIAOYU, "教育");
    check_json(&stats["areas"]["dongcheng"], DONGCHENG, "dongcheng");
    check_json(&stats["deputies"]["li-xian"], LI_XIAN, "li-xian");
    assert!(
        stats["handlers"].get("minzheng").is_none(),
        "no records, no figures"
    );
    // Closed records per outcome class, overall: A 2 (2025-001, -004), B 1, C 0, D 1.
    assert_eq!(
        stats["overall"]["outcomes"],
        serde_json::json!({"A": 2, "B": 1, "C": 0, "D": 1})
    );
}
