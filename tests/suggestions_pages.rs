//! The pages of suggestion outcomes on the fixture `tests/cases/suggestions-outcomes/`
//! (its records and hand-computed figures are tabulated in `suggestions_figures.rs`): the
//! static filtered lists and the overdue list, the handler ranking, the charts and the
//! deputy record.

mod common;

use common::{Built, build, case, sel, text};
use scraper::ElementRef;

fn site() -> Built {
    build(&case("suggestions-outcomes"), "2025-09-20")
}

#[test]
fn filtered_lists_are_real_pages_holding_exactly_their_records() {
    let site = site();
    let ids = |rel: &str| -> Vec<String> {
        let page = site.page(rel);
        page.select(&sel("main ul.suggestion-list > li > a"))
            .map(text)
            .collect()
    };
    // Newest first (by date received).
    assert_eq!(ids("suggestions/year/2024/index.html"), ["2024-010"]);
    assert_eq!(
        ids("suggestions/status/closed/index.html"),
        ["2025-008", "2025-004", "2025-001", "2024-010"]
    );
    assert_eq!(ids("suggestions/status/received/index.html"), ["2025-005"]);
    assert_eq!(
        ids("suggestions/status/transferred/index.html"),
        ["2025-003", "2025-002"]
    );
    assert_eq!(ids("suggestions/status/replied/index.html"), ["2025-006"]);
    assert_eq!(ids("suggestions/status/overdue/index.html"), ["2025-002"]);
    assert_eq!(ids("suggestions/category/c3/index.html"), ["2025-005"]);
    // An area's list holds the records about the places inside it too.
    assert_eq!(
        ids("suggestions/area/dongcheng/index.html"),
        ["2025-006", "2025-002", "2025-004", "2025-001"]
    );
    assert_eq!(
        ids("suggestions/area/xihe/index.html"),
        ["2025-005", "2025-003"]
    );
    assert_eq!(
        ids("suggestions/handler/jiaotong/index.html"),
        ["2025-004", "2025-001", "2024-010"]
    );
    // A handler without records has its page but no list.
    assert!(site.exists("handlers/minzheng/index.html"));
    assert!(!site.exists("suggestions/handler/minzheng/index.html"));
    // The overdue list is public on /suggestions/, with the days past the deadline:
    // 2025-06-03 → 2025-09-20 is 27 + 31 + 31 + 20 = 109 days.
    let index = site.page("suggestions/index.html");
    let overdue: Vec<String> = index
        .select(&sel(".overdue-block li[data-id]"))
        .map(|li| li.value().attr("data-id").unwrap_or("").to_owned())
        .collect();
    assert_eq!(overdue, ["2025-002"]);
    let days = index
        .select(&sel(".overdue-block .days-over"))
        .next()
        .map(text);
    assert_eq!(days.as_deref(), Some("超期 109 天"));
    // The priority record is marked.
    let card = index
        .select(&sel("ul.suggestion-list > li"))
        .find(|li| li.select(&sel("a")).next().map(text).as_deref() == Some("2025-002"))
        .map(text)
        .unwrap_or_default();
    assert!(card.contains("重点督办"), "{card}");
}

#[test]
fn handlers_are_ranked_by_on_time_reply_rate_with_ties_sharing_a_rank() {
    let site = site();
    let page = site.page("handlers/index.html");
    let rows: Vec<(String, String, String)> = page
        .select(&sel("table.handler-ranking tbody tr"))
        .map(|tr| {
            let cells: Vec<String> = tr.select(&sel("td")).map(text).collect();
            (
                tr.value().attr("data-handler").unwrap_or("").to_owned(),
                cells[0].clone(),
                cells[1].clone(),
            )
        })
        .collect();
    // Both on time 2 of 3 (66.7%) and 3 decided each: a tie, broken by id; 县民政局 has
    // nothing decided and comes last without a rank.
    assert_eq!(
        rows,
        [
            ("jiaotong".into(), "1".into(), "66.7%（2/3）".into()),
            ("zhujian".into(), "1".into(), "66.7%（2/3）".into()),
            ("minzheng".into(), "—".into(), "—（0/0）".into()),
        ]
    );
    // The handler page lists its overdue records.
    let h = site.page("handlers/zhujian/index.html");
    let overdue: Vec<String> = h
        .select(&sel(".overdue-block li[data-id]"))
        .map(|li| li.value().attr("data-id").unwrap_or("").to_owned())
        .collect();
    assert_eq!(overdue, ["2025-002"]);
}

#[test]
fn charts_are_svg_with_a_title_a_description_and_the_same_numbers_as_a_table() {
    let site = site();
    for rel in ["suggestions/index.html", "handlers/zhujian/index.html"] {
        let page = site.page(rel);
        let figures: Vec<ElementRef<'_>> = page.select(&sel("figure.chart")).collect();
        assert!(figures.len() >= 2, "{rel}: {} charts", figures.len());
        for fig in figures {
            let svg = fig.select(&sel("svg")).next().expect("an svg");
            assert_eq!(svg.value().attr("role"), Some("img"));
            let ids: Vec<&str> = svg
                .value()
                .attr("aria-labelledby")
                .unwrap_or("")
                .split(' ')
                .collect();
            assert_eq!(ids.len(), 2, "{rel}");
            for id in ids {
                let el = page
                    .select(&sel(&format!("#{id}")))
                    .next()
                    .unwrap_or_else(|| panic!("{rel}: #{id} is missing"));
                assert!(
                    ["title", "desc"].contains(&el.value().name()),
                    "{rel}: #{id}"
                );
                assert!(!text(el).is_empty(), "{rel}: #{id} is empty");
            }
            assert!(
                fig.select(&sel("table tbody tr")).count() > 0,
                "{rel}: no table"
            );
        }
    }
    // Received and first replies per month on /suggestions/: the table and the bar labels
    // carry the same numbers. 2025-05: received 2025-008; replied 2025-001 (05-05).
    let page = site.page("suggestions/index.html");
    let chart = page
        .select(&sel("#chart-months"))
        .next()
        .expect("the monthly chart");
    let may: Vec<String> = chart
        .select(&sel("tbody tr"))
        .find(|tr| tr.select(&sel("th")).next().map(text).as_deref() == Some("2025-05"))
        .map(|tr| tr.select(&sel("td")).map(text).collect())
        .unwrap_or_default();
    assert_eq!(may, ["1", "1"]);
    // The closed records per class (A 2, B 1, D 1 overall) are written on the segments.
    let labels: Vec<String> = page
        .select(&sel("#chart-outcomes svg text"))
        .map(text)
        .collect();
    assert!(labels.contains(&"A 2".to_owned()), "{labels:?}");
}

#[test]
fn the_deputy_record_counts_receptions_served_and_says_plainly_who_has_not_reported_back() {
    let site = site();
    let page = site.page("deputies/li-xian/index.html");
    let rec = page
        .select(&sel(".deputy-record"))
        .next()
        .expect("the record");
    // First Fridays from 2025-01-01 to the day before the as-of date: Jan 3, Feb 7, Mar 7,
    // Apr 4, May 2 (Labour Day: held May 6), Jun 6, Jul 4, Aug 1, Sep 5 = 9; the reception
    // activity of Mar 7 at the station is the same reception; the one of Aug 20 in the
    // community is another: 9 + 1 = 10. People received: 12 + 5 = 17.
    let served = rec
        .select(&sel("[data-count=\"served\"]"))
        .next()
        .and_then(|p| p.value().attr("data-value").map(str::to_owned));
    assert_eq!(served.as_deref(), Some("10"));
    assert!(text(rec).contains("接待群众 17 人次"), "{}", text(rec));
    let dates: Vec<String> = rec
        .select(&sel("ul.served time"))
        .filter_map(|t| t.value().attr("datetime").map(str::to_owned))
        .collect();
    assert_eq!(dates.first().map(String::as_str), Some("2025-09-05"));
    assert!(dates.contains(&"2025-05-06".to_owned()), "{dates:?}");
    let kinds: Vec<(String, String)> = rec
        .select(&sel("[data-kind]"))
        .map(|li| {
            (
                li.value().attr("data-kind").unwrap_or("").to_owned(),
                li.select(&sel(".count"))
                    .next()
                    .map(text)
                    .unwrap_or_default(),
            )
        })
        .collect();
    assert_eq!(
        kinds,
        [
            ("reception".to_owned(), "2".to_owned()),
            ("report-back".to_owned(), "1".to_owned())
        ]
    );
    let report = rec
        .select(&sel(".report-back"))
        .next()
        .map(text)
        .unwrap_or_default();
    assert!(report.starts_with("本届已向选民述职"), "{report}");
    // 王推 never reported back: said plainly.
    let page = site.page("deputies/wang-tui/index.html");
    let report = page
        .select(&sel(".deputy-record .report-back strong"))
        .next()
        .map(text);
    assert_eq!(report.as_deref(), Some("本届尚未向选民述职。"));
}
