//! The resident's view (issue 18), checked on real builds of the demo `content/`: nothing the
//! editor wrote is lost (a cancelled reception shows with its note on the station, deputy and
//! place pages, in the calendars and on the poster), no page has an empty heading or label,
//! every saved contact card has a way to reach someone, the JSON-LD Events are complete, and
//! pages put what a resident came for first.

mod common;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use common::{AS_OF, build_to, demo, html_files, sel, text};
use scraper::{ElementRef, Html};

/// The demo built once per as-of date into the target's temp dir.
fn built(as_of: &'static str) -> &'static Path {
    static A: OnceLock<PathBuf> = OnceLock::new();
    static B: OnceLock<PathBuf> = OnceLock::new();
    let cell = if as_of == AS_OF { &A } else { &B };
    cell.get_or_init(|| {
        let out = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
            .join("resident")
            .join(as_of);
        let _ = std::fs::remove_dir_all(&out);
        build_to(&demo(), &out, as_of, &[]);
        out
    })
}

/// A later as-of date at which the demo has a reception moved by an exception (2026-05-01 →
/// 2026-05-08 at the county-seat station).
const LATER: &str = "2026-04-20";

fn read(out: &Path, rel: &str) -> String {
    std::fs::read_to_string(out.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn page(out: &Path, rel: &str) -> Html {
    Html::parse_document(&read(out, rel))
}

/// An `.ics` text with its folded lines joined and TEXT escapes undone.
fn unfolded(ics: &str) -> String {
    ics.replace("\r\n ", "")
        .replace("\\,", ",")
        .replace("\\;", ";")
        .replace("\\n", "\n")
}

const NOTE: &str = "国庆中秋假期，本月接待取消，可将书面意见投入联络站门口意见箱";

/// The cancelled receptions listed on a page, as (date, text).
fn cancelled(html: &Html) -> Vec<(String, String)> {
    html.select(&sel("li.reception.cancelled"))
        .map(|li| {
            (
                li.value().attr("data-date").unwrap_or_default().to_owned(),
                text(li),
            )
        })
        .collect()
}

#[test]
fn a_cancelled_reception_shows_with_its_note_on_station_deputy_and_place_pages() {
    let out = built(AS_OF);
    for rel in [
        "stations/chengguan-station/index.html",
        // 刘芳 was on duty on 2025-10-03 (the rota's turn).
        "deputies/liu-fang/index.html",
        // A community the county-seat station serves.
        "areas/dongguan/index.html",
        "calendar/index.html",
    ] {
        let c = cancelled(&page(out, rel));
        let hit = c.iter().find(|(d, _)| d == "2025-10-03");
        let (_, txt) = hit.unwrap_or_else(|| panic!("{rel}: no cancelled 2025-10-03: {c:?}"));
        assert!(txt.contains(NOTE), "{rel}: the note is missing: {txt}");
        assert!(
            txt.contains("取消"),
            "{rel}: not marked as cancelled: {txt}"
        );
    }
    // "Next reception" is one that takes place.
    let st = page(out, "stations/chengguan-station/index.html");
    for next in st.select(&sel(".next-reception li")) {
        assert!(!next.value().classes().any(|c| c == "cancelled"));
    }
}

#[test]
fn a_cancelled_reception_is_on_the_poster_and_in_the_calendars_with_its_note() {
    let out = built(AS_OF);
    let poster = page(out, "stations/chengguan-station/poster/index.html");
    let rows: Vec<String> = poster
        .select(&sel(".poster-rows li.cancelled"))
        .map(text)
        .collect();
    assert!(
        rows.iter().any(|r| r.contains(NOTE) && r.contains("取消")),
        "poster: {rows:?}"
    );
    for rel in [
        "stations/chengguan-station/calendar.ics",
        "deputies/liu-fang/calendar.ics",
        "calendar.ics",
    ] {
        let ics = unfolded(&read(out, rel));
        let ev = ics
            .split("BEGIN:VEVENT")
            .find(|e| e.contains("UID:chengguan-station-") && e.contains("20251003T"))
            .unwrap_or_else(|| panic!("{rel}: no event on 2025-10-03"));
        assert!(ev.contains("STATUS:CANCELLED"), "{rel}: {ev}");
        assert!(ev.contains(NOTE), "{rel}: {ev}");
    }
}

/// Elements that must never be empty: headings, labels, badges, table headers.
const LABELS: &str = "h1, h2, h3, h4, h5, h6, dt, dd, th, caption, legend, label, summary, .badge, .label, figcaption, .pr-note, .note";

fn empty_labels(out: &Path) -> Vec<String> {
    let mut found = Vec::new();
    for rel in html_files(out) {
        let html = page(out, &rel);
        for el in html.select(&sel(LABELS)) {
            let t = text(el);
            let meaningful = t
                .chars()
                .any(|c| c.is_alphanumeric() || ('\u{3400}'..='\u{9fff}').contains(&c));
            let has_media = el.select(&sel("img, svg")).next().is_some();
            if !meaningful && !has_media {
                found.push(format!(
                    "{rel}: empty <{}> {:?}",
                    el.value().name(),
                    el.html()
                ));
            }
            // A label that starts with punctuation lost its first part (" 原定 …", "，原定").
            if t.starts_with(['，', '、', '：', '（', ')', '·']) {
                found.push(format!(
                    "{rel}: <{}> starts with punctuation: {t}",
                    el.value().name()
                ));
            }
        }
        // A section with a heading and nothing under it.
        for s in html.select(&sel("section")) {
            let Some(h) = s.select(&sel("h2, h3")).next() else {
                continue;
            };
            let rest = text(s).replacen(&text(h), "", 1);
            let media = s.select(&sel("img, svg, canvas, table")).next().is_some();
            if rest.trim().is_empty() && !media {
                found.push(format!("{rel}: heading {:?} over nothing", text(h)));
            }
        }
        // A heading directly followed by another of the same or a higher level.
        let _ = ElementRef::wrap;
    }
    found
}

#[test]
fn no_demo_page_has_an_empty_heading_or_label() {
    for as_of in [AS_OF, LATER] {
        let found = empty_labels(built(as_of));
        assert!(found.is_empty(), "as of {as_of}:\n{}", found.join("\n"));
    }
}

#[test]
fn a_reception_moved_by_an_exception_says_so_in_its_badge() {
    let out = built(LATER);
    let st = page(out, "stations/chengguan-station/index.html");
    let li = st
        .select(&sel("li.reception[data-date=\"2026-05-08\"]"))
        .next()
        .expect("the reception moved to 2026-05-08");
    let badge = text(li.select(&sel(".badge")).next().expect("a badge"));
    assert!(
        badge.contains("原定") && badge.contains("2026年5月1日"),
        "{badge}"
    );
    assert!(badge.starts_with("调整日期"), "{badge}");
}

#[test]
fn calendars_offer_a_webcal_subscription_and_the_address_to_copy() {
    let out = built(AS_OF);
    for (rel, ics) in [
        (
            "stations/chengguan-station/index.html",
            "stations/chengguan-station/calendar.ics",
        ),
        (
            "deputies/liu-fang/index.html",
            "deputies/liu-fang/calendar.ics",
        ),
        ("calendar/index.html", "calendar.ics"),
    ] {
        let html = page(out, rel);
        let block = html
            .select(&sel(".subscribe-calendar"))
            .next()
            .unwrap_or_else(|| panic!("{rel}: no subscribe block"));
        let webcal: Vec<&str> = block
            .select(&sel("a[href^=\"webcal://\"]"))
            .filter_map(|a| a.value().attr("href"))
            .collect();
        assert_eq!(
            webcal,
            [format!("webcal://rd.example.gov.cn/{ics}")],
            "{rel}"
        );
        let copy = block
            .select(&sel("input[readonly]"))
            .next()
            .and_then(|i| i.value().attr("value"));
        assert_eq!(
            copy,
            Some(format!("https://rd.example.gov.cn/{ics}").as_str()),
            "{rel}"
        );
        let how = text(block);
        assert!(how.contains("苹果") && how.contains("安卓"), "{rel}: {how}");
        assert!(out.join(ics).is_file());
    }
}

#[test]
fn records_dated_after_the_as_of_date_are_warned_about_and_not_counted() {
    let output = common::lianluo()
        .args(["check", "--as-of", AS_OF])
        .arg(demo())
        .output()
        .expect("run lianluo check");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert!(
        stderr.contains("this activity is dated 2026-")
            && stderr.contains("after the as-of date 2025-09-20"),
        "{stderr}"
    );
    let future: usize = stderr
        .lines()
        .filter_map(|l| l.strip_prefix("warning: "))
        .filter_map(|l| l.split_once(" record(s) of this file were received after the as-of date"))
        .map(|(n, _)| n.parse::<usize>().expect("a count"))
        .sum();
    assert!(future > 0, "{stderr}");
    // The overview counts only what was received by the as-of date.
    let out = built(AS_OF);
    let html = page(out, "suggestions/index.html");
    let received: usize = html
        .select(&sel("[data-count=\"received\"] strong"))
        .next()
        .map(text)
        .expect("the received figure")
        .parse()
        .expect("a number");
    let listed = stderr
        .lines()
        .last()
        .and_then(|l| l.split(" suggestions").next())
        .and_then(|l| l.rsplit(' ').next())
        .and_then(|n| n.parse::<usize>().ok())
        .unwrap_or(0);
    assert!(listed > 0, "{stderr}");
    assert_eq!(
        received + future,
        listed,
        "figures count only records up to the as-of date"
    );
}

#[test]
fn every_saved_contact_card_has_a_phone_or_an_email() {
    let out = built(AS_OF);
    let mut cards = 0;
    for rel in common::files(out) {
        if !rel.ends_with("contact.vcf") {
            continue;
        }
        cards += 1;
        let card = read(out, &rel).replace("\r\n ", "");
        let reach = card.lines().any(|l| {
            let name = l.split([':', ';']).next().unwrap_or("");
            let name = name.rsplit('.').next().unwrap_or(name);
            (name == "TEL" || name == "EMAIL")
                && l.split_once(':').is_some_and(|(_, v)| !v.trim().is_empty())
        });
        assert!(reach, "{rel} has no TEL or EMAIL:\n{card}");
        // Every labelled TEL has its label.
        for l in card
            .lines()
            .filter(|l| l.starts_with("item") && l.contains(".TEL"))
        {
            let group = l.split('.').next().unwrap_or_default();
            assert!(
                card.lines()
                    .any(|x| x.starts_with(&format!("{group}.X-ABLabel:"))
                        && x.len() > group.len() + 11),
                "{rel}: {l} has no label"
            );
        }
    }
    assert!(cards > 50, "{cards} cards");
    // The studio hotline ("other") is a TEL with its label, and a tel: link on the page.
    let li = read(out, "deputies/li-xiuying/contact.vcf").replace("\r\n ", "");
    assert!(li.contains("TEL;TYPE=work,voice:0917-8299000"), "{li}");
    assert!(li.contains("X-ABLabel:代表工作室热线"), "{li}");
    let page = page(out, "deputies/li-xiuying/index.html");
    assert!(
        page.select(&sel("a[href=\"tel:09178299000\"]"))
            .next()
            .is_some(),
        "the hotline is tappable"
    );
}

#[test]
fn a_deputy_with_no_channel_and_no_station_gets_the_office_number() {
    let out = built(AS_OF);
    let mut found = 0;
    for rel in common::files(out) {
        if !rel.ends_with("contact.vcf") {
            continue;
        }
        let card = read(out, &rel).replace("\r\n ", "");
        if card.contains("TEL;TYPE=work,voice:0917-8213000") {
            found += 1;
            assert!(card.contains("X-ABLabel:人大常委会办公室"), "{card}");
            let html = page(out, &rel.replace("contact.vcf", "index.html"));
            let contact = html
                .select(&sel("section[aria-labelledby=\"contact-h\"]"))
                .next()
                .map(text)
                .unwrap_or_default();
            assert!(contact.contains("0917-8213000"), "{rel}: {contact}");
        }
    }
    assert!(
        found > 0,
        "the demo has deputies reached only through the office"
    );
}

/// Every object of `v` (itself included) whose `@type` is `ty`.
fn of_type<'a>(v: &'a serde_json::Value, ty: &str, out: &mut Vec<&'a serde_json::Value>) {
    match v {
        serde_json::Value::Object(m) => {
            if m.get("@type").and_then(|t| t.as_str()) == Some(ty) {
                out.push(v);
            }
            m.values().for_each(|x| of_type(x, ty, out));
        }
        serde_json::Value::Array(a) => a.iter().for_each(|x| of_type(x, ty, out)),
        _ => {}
    }
}

#[test]
fn every_json_ld_event_has_a_start_date_an_address_and_chinese_keywords() {
    let out = built(AS_OF);
    let mut events = 0;
    for rel in html_files(out) {
        let html = page(out, &rel);
        for script in html.select(&sel("script[type=\"application/ld+json\"]")) {
            let json: serde_json::Value = serde_json::from_str(&script.text().collect::<String>())
                .unwrap_or_else(|e| panic!("{rel}: JSON-LD does not parse: {e}"));
            let mut found = Vec::new();
            of_type(&json, "Event", &mut found);
            for ev in found {
                events += 1;
                let start = ev["startDate"].as_str().unwrap_or_default();
                assert!(start.len() >= 10, "{rel}: Event without startDate: {ev}");
                let addr = &ev["location"]["address"];
                assert!(
                    addr.is_string() || addr["@type"] == "PostalAddress",
                    "{rel}: Event location without address: {ev}"
                );
                if let Some(k) = ev.get("keywords") {
                    let k = k.as_str().unwrap_or_default();
                    assert!(
                        k.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                        "{rel}: keywords are an id, not a label: {k}"
                    );
                }
                // A station's Event: no date before the as-of date (an expired rule has none),
                // and its performers are the deputies on duty that day.
                if rel.starts_with("stations/") {
                    assert!(&start[..10] >= AS_OF, "{rel}: expired rule published: {ev}");
                    let day = &start[..10];
                    let names: Vec<String> = ev["performer"]
                        .as_array()
                        .map(|a| {
                            a.iter()
                                .filter_map(|p| p["name"].as_str().map(str::to_owned))
                                .collect()
                        })
                        .unwrap_or_default();
                    let on_duty: Vec<String> = html
                        .select(&sel(&format!("li.reception[data-date=\"{day}\"] .who a")))
                        .map(text)
                        .collect();
                    if !on_duty.is_empty() {
                        for n in &names {
                            assert!(
                                on_duty.contains(n),
                                "{rel} {day}: performer {n} is not on duty ({on_duty:?})"
                            );
                        }
                    }
                }
            }
        }
    }
    assert!(events > 20, "{events} events");
}

/// The position in the page's text of the first match of `css`, or `usize::MAX`.
fn position(html: &str, needle: &str) -> usize {
    html.find(needle).unwrap_or(usize::MAX)
}

#[test]
fn a_village_page_puts_its_stations_and_nearest_deputies_first() {
    let out = built(AS_OF);
    let raw = read(out, "areas/hongqi/index.html");
    let html = Html::parse_document(&raw);
    // The levels from the nearest up.
    let levels: Vec<&str> = html
        .select(&sel("section.level"))
        .filter_map(|s| s.value().attr("aria-labelledby"))
        .collect();
    assert_eq!(
        levels,
        [
            "level-township",
            "level-county",
            "level-city",
            "level-provincial",
            "level-national"
        ]
    );
    // The stations that serve the place come before the deputies.
    assert!(position(&raw, "id=\"st-h\"") < position(&raw, "id=\"reps-h\""));
    // The area code is labelled.
    let meta = html
        .select(&sel("main p.meta"))
        .next()
        .map(text)
        .unwrap_or_default();
    assert!(meta.contains("区划代码 990323101201"), "{meta}");
}

#[test]
fn next_reception_on_a_place_page_prefers_the_places_own_stations() {
    let out = built(AS_OF);
    let html = page(out, "areas/hongqi/index.html");
    let next = html
        .select(&sel(".next-reception .where a"))
        .next()
        .and_then(|a| a.value().attr("href"))
        .unwrap_or_default()
        .to_owned();
    // 红旗村 is served directly by the 凤鸣镇 station and its own studio, not the county's home.
    assert!(
        next.contains("fengming-station") || next.contains("hongqi-studio"),
        "{next}"
    );
}

#[test]
fn a_deputy_page_shows_contact_first_and_a_few_receptions_without_repeating_the_address() {
    let out = built(AS_OF);
    for rel in [
        "deputies/wang-jun/index.html",
        "deputies/liu-fang/index.html",
    ] {
        let raw = read(out, rel);
        let html = Html::parse_document(&raw);
        assert!(
            position(&raw, "id=\"contact-h\"") < position(&raw, "id=\"upcoming-h\""),
            "{rel}: contact block first"
        );
        let shown = html
            .select(&sel(
                "section[aria-labelledby=\"upcoming-h\"] > ul.upcoming-list > li",
            ))
            .count();
        assert!(shown <= 3, "{rel}: {shown} receptions before \"show all\"");
        for w in html.select(&sel("ul.upcoming-list .where")) {
            assert!(
                !text(w).contains(" · "),
                "{rel}: address repeated: {}",
                text(w)
            );
        }
        // Every phone in the contact block is tappable.
        let block = html
            .select(&sel("section[aria-labelledby=\"contact-h\"]"))
            .next()
            .expect("contact block");
        assert!(
            block.select(&sel("a[href^=\"tel:\"]")).next().is_some(),
            "{rel}"
        );
    }
}

#[test]
fn stale_and_offline_visitors_are_told_what_to_do() {
    let out = built(AS_OF);
    let home = read(out, "index.html");
    assert!(home.contains("data-built=\"2025-09-20\""));
    let html = Html::parse_document(&home);
    let root = html.select(&sel("html")).next().expect("html");
    let stale = root.value().attr("data-stale").unwrap_or_default();
    assert!(
        stale.contains("2025年9月20日") && stale.contains("https://rd.example.gov.cn/"),
        "{stale}"
    );
    let footer = html
        .select(&sel("footer .as-of"))
        .next()
        .map(text)
        .unwrap_or_default();
    assert!(footer.starts_with("本站信息更新至"), "{footer}");
    let search = page(out, "search/index.html");
    let offline = search
        .select(&sel("#search-offline"))
        .next()
        .expect("the file:// notice");
    assert!(
        offline
            .select(&sel("a[href$=\"areas/index.html\"]"))
            .next()
            .is_some()
    );
    let css = read(out, "assets/style.css");
    let stack = css
        .split("font-family:")
        .nth(1)
        .unwrap_or_default()
        .trim_start();
    assert!(
        stack.starts_with("\"PingFang SC\""),
        "CJK first: {stack:.60}"
    );
}

#[test]
fn check_warns_about_deputies_no_one_can_reach_when_the_site_has_no_office_number() {
    let tmp = common::tempdir();
    common::copy_dir(&demo(), tmp.path());
    let yaml = tmp.path().join("site.yaml");
    let text = std::fs::read_to_string(&yaml).expect("site.yaml");
    let without: String = text
        .lines()
        .filter(|l| !l.starts_with("office_phone:"))
        .map(|l| format!("{l}\n"))
        .collect();
    assert_ne!(without, text, "the demo publishes an office number");
    std::fs::write(&yaml, without).expect("write site.yaml");
    let output = common::lianluo()
        .args(["check", "--as-of", AS_OF])
        .arg(tmp.path())
        .output()
        .expect("run lianluo check");
    let stderr = String::from_utf8_lossy(&output.stderr);
    let n = stderr.matches("residents have no way to reach").count();
    assert!(n > 0, "{stderr}");
    assert!(
        stderr.contains("add `office_phone:` to site.yaml"),
        "{stderr}"
    );
    // With the office number, no such warning (the demo itself).
    let output = common::lianluo()
        .args(["check", "--as-of", AS_OF])
        .arg(demo())
        .output()
        .expect("run lianluo check");
    assert!(!String::from_utf8_lossy(&output.stderr).contains("no way to reach"));
}
