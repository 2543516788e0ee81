//! The reception calendars (`.ics`), station posters and station JSON-LD, read back from a
//! real build the way a calendar app, a phone camera and a search engine would: the demo
//! `content/` and the one-station fixture `tests/cases/first-friday/` are built with
//! `--as-of 2025-09-20`; the `.ics` files are read line by line here and, independently, by
//! Python's `icalendar` package (`tests/ics_check.py`); the posters' QR codes are decoded
//! with `rqrr`; the JSON-LD is parsed with serde_json.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use common::build_to;
use lianluo::site::poster::qr_matrix;
use scraper::{Html, Selector};
use serde_json::Value;

const AS_OF: &str = "2025-09-20";
const BASE_URL: &str = "https://rd.example.gov.cn/";

fn manifest() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Builds `site` into a fresh folder named `name` under the target's temp dir.
fn build(site: &Path, name: &str) -> PathBuf {
    let out = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join("schedules_ics")
        .join(name);
    let _ = std::fs::remove_dir_all(&out);
    build_to(site, &out, AS_OF, &[]);
    out
}

fn demo() -> &'static Path {
    static DEMO: OnceLock<PathBuf> = OnceLock::new();
    DEMO.get_or_init(|| build(&manifest().join("content"), "demo"))
}

fn fixture() -> &'static Path {
    static FIXTURE: OnceLock<PathBuf> = OnceLock::new();
    FIXTURE.get_or_init(|| build(&manifest().join("tests/cases/first-friday"), "first-friday"))
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The file stems of `content/<kind>/*.md`, sorted.
fn ids(site: &Path, kind: &str) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(site.join(kind))
        .unwrap_or_else(|e| panic!("{kind}: {e}"))
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .filter_map(|p| Some(p.file_stem()?.to_string_lossy().into_owned()))
        .collect();
    v.sort();
    v
}

/// The YAML front matter of a content file, as JSON.
fn front_matter(path: &Path) -> Value {
    let text = read(path);
    let body = text
        .strip_prefix("---\n")
        .and_then(|t| t.split_once("\n---").map(|(fm, _)| fm))
        .unwrap_or_else(|| panic!("{}: no front matter", path.display()));
    serde_saphyr::from_str::<Value>(body).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

// ---------------------------------------------------------------- .ics read by hand

/// One VEVENT: its unfolded properties by name (first value wins), raw lines kept.
#[derive(Debug)]
struct IcsEvent {
    props: BTreeMap<String, (String, String)>,
}

impl IcsEvent {
    fn value(&self, key: &str) -> &str {
        self.props.get(key).map_or("", |(_, v)| v.as_str())
    }

    /// DTSTART as `YYYY-MM-DDTHH:MM` in the site's zone (Asia/Shanghai).
    fn start(&self) -> String {
        local_minute(self.props.get("DTSTART").expect("DTSTART"))
    }
}

fn local_minute((params, value): &(String, String)) -> String {
    let d = value.as_bytes();
    assert!(d.len() >= 15, "DTSTART value {value}");
    let civil = format!(
        "{}-{}-{}T{}:{}:{}",
        &value[0..4],
        &value[4..6],
        &value[6..8],
        &value[9..11],
        &value[11..13],
        &value[13..15]
    );
    let dt: jiff::civil::DateTime = civil.parse().expect("a date-time");
    if value.ends_with('Z') {
        let ts = dt
            .to_zoned(jiff::tz::TimeZone::UTC)
            .expect("UTC")
            .timestamp();
        let local = ts.to_zoned(jiff::tz::TimeZone::get("Asia/Shanghai").expect("tz"));
        local.strftime("%Y-%m-%dT%H:%M").to_string()
    } else {
        assert!(
            params.contains("TZID=Asia/Shanghai"),
            "a local time names its zone: {params}:{value}"
        );
        dt.strftime("%Y-%m-%dT%H:%M").to_string()
    }
}

/// Unfolds (RFC 5545 §3.1) and splits a calendar into its events.
fn parse_ics(text: &str) -> Vec<IcsEvent> {
    assert!(
        text.starts_with("BEGIN:VCALENDAR\r\n"),
        "starts a VCALENDAR"
    );
    assert!(text.ends_with("END:VCALENDAR\r\n"), "ends the VCALENDAR");
    for l in text.split("\r\n") {
        assert!(l.len() <= 75, "line of {} octets: {l}", l.len());
    }
    let unfolded = text.replace("\r\n ", "").replace("\r\n\t", "");
    let mut events = Vec::new();
    let mut cur: Option<BTreeMap<String, (String, String)>> = None;
    for line in unfolded.split("\r\n") {
        match line {
            "BEGIN:VEVENT" => cur = Some(BTreeMap::new()),
            "END:VEVENT" => events.extend(cur.take().map(|props| IcsEvent { props })),
            _ => {
                if let Some(props) = cur.as_mut()
                    && let Some((head, value)) = line.split_once(':')
                {
                    let (name, params) = head.split_once(';').unwrap_or((head, ""));
                    props
                        .entry(name.to_owned())
                        .or_insert((params.to_owned(), value.to_owned()));
                }
            }
        }
    }
    events
}

fn unescape(v: &str) -> String {
    v.replace("\\n", "\n")
        .replace("\\,", ",")
        .replace("\\;", ";")
        .replace("\\\\", "\\")
}

// ---------------------------------------------------------------- pages

fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap_or_else(|e| panic!("selector {s}: {e}"))
}

/// The `<time datetime>` values of a page's list of upcoming receptions.
fn upcoming_times(page: &Path) -> BTreeSet<String> {
    let html = Html::parse_document(&read(page));
    html.select(&sel(".upcoming-list time[datetime]"))
        .filter_map(|t| t.value().attr("datetime").map(str::to_owned))
        .collect()
}

/// `(date, duty deputies)` of each upcoming reception on a page.
fn upcoming_duty(page: &Path) -> Vec<(String, String)> {
    let html = Html::parse_document(&read(page));
    html.select(&sel(".upcoming-list li.reception"))
        .map(|li| {
            let date = li.value().attr("data-date").unwrap_or_default().to_owned();
            let who: String = li
                .select(&sel(".who a"))
                .map(|a| a.text().collect::<String>())
                .collect::<Vec<_>>()
                .join("、");
            (date, who)
        })
        .collect()
}

// ---------------------------------------------------------------- tests: calendars

#[test]
fn every_station_and_every_deputy_with_receptions_has_a_calendar_and_every_station_a_poster() {
    let out = demo();
    let content = manifest().join("content");
    let stations = ids(&content, "stations");
    let deputies = ids(&content, "deputies");
    assert!(stations.len() >= 5 && deputies.len() >= 50);
    for s in &stations {
        for f in ["calendar.ics", "poster/index.html", "index.html"] {
            let p = out.join("stations").join(s).join(f);
            assert!(p.is_file(), "missing {}", p.display());
        }
    }
    // A deputy's calendar only when it has an event (no empty files).
    let mut with = 0;
    for d in &deputies {
        let p = out.join("deputies").join(d).join("calendar.ics");
        if p.is_file() {
            assert!(!parse_ics(&read(&p)).is_empty(), "{d}: an empty calendar");
            with += 1;
        }
    }
    assert!(with >= 10 && with < deputies.len(), "{with} calendars");
    assert!(out.join("calendar.ics").is_file());
}

#[test]
fn station_calendars_hold_exactly_the_receptions_on_the_station_pages() {
    let out = demo();
    let mut total = 0;
    for s in ids(&manifest().join("content"), "stations") {
        let dir = out.join("stations").join(&s);
        let file = dir.join("calendar.ics");
        let events = if file.is_file() {
            parse_ics(&read(&file))
        } else {
            Vec::new()
        };
        let ics: BTreeSet<String> = events.iter().map(IcsEvent::start).collect();
        let page = upcoming_times(&dir.join("index.html"));
        assert_eq!(ics, page, "{s}: calendar.ics and the station page differ");
        for e in &events {
            let uid = e.value("UID");
            assert!(
                uid.starts_with(&format!("{s}-")) && uid.ends_with("@rd.example.gov.cn"),
                "{s}: UID {uid}"
            );
            assert_eq!(e.value("DTSTAMP"), "20250920T000000Z");
            assert_eq!(e.value("URL"), format!("{BASE_URL}stations/{s}/"));
            assert!(!e.value("LOCATION").is_empty(), "{s}: LOCATION");
            let summary = unescape(e.value("SUMMARY"));
            assert!(
                summary.contains("联络站") || summary.contains("代表"),
                "{summary}"
            );
        }
        total += events.len();
    }
    assert!(
        total > 20,
        "the demo has receptions in the window ({total})"
    );
    let site = parse_ics(&read(&out.join("calendar.ics")));
    assert_eq!(
        site.len(),
        total,
        "calendar.ics holds every station's receptions"
    );
    let calendar_page: BTreeSet<String> = {
        let html = Html::parse_document(&read(&out.join("calendar/index.html")));
        html.select(&sel(".receptions time[datetime]"))
            .filter_map(|t| t.value().attr("datetime").map(str::to_owned))
            .collect()
    };
    let site_times: BTreeSet<String> = site.iter().map(IcsEvent::start).collect();
    assert_eq!(site_times, calendar_page);
}

#[test]
fn deputy_calendars_cover_their_pages() {
    let out = demo();
    let mut with_duty = 0;
    for d in ids(&manifest().join("content"), "deputies") {
        let dir = out.join("deputies").join(&d);
        let file = dir.join("calendar.ics");
        let events = if file.is_file() {
            parse_ics(&read(&file))
        } else {
            Vec::new()
        };
        let ics: BTreeSet<String> = events.iter().map(IcsEvent::start).collect();
        let page = upcoming_times(&dir.join("index.html"));
        assert!(
            page.is_subset(&ics),
            "{d}: page times missing from its calendar"
        );
        let html = read(&dir.join("index.html"));
        let linked = html.contains(&format!("deputies/{d}/calendar.ics"));
        assert_eq!(linked, !events.is_empty(), "{d}: calendar link and events");
        if !events.is_empty() {
            with_duty += 1;
            // Subscribed as webcal://…, downloadable as the file itself.
            assert!(
                html.contains(&format!(
                    "webcal://rd.example.gov.cn/deputies/{d}/calendar.ics"
                )),
                "{d}"
            );
        }
        let name =
            front_matter(&manifest().join("content/deputies").join(format!("{d}.md")))["name"]
                .as_str()
                .unwrap_or_default()
                .to_owned();
        for e in &events {
            assert!(
                unescape(e.value("DESCRIPTION")).contains(&name),
                "{d}: an event of their calendar does not name them"
            );
        }
    }
    assert!(
        with_duty >= 10,
        "{with_duty} deputies on duty in the window"
    );
}

#[test]
fn calendars_and_posters_are_reproducible() {
    let a = demo();
    let b = build(&manifest().join("content"), "demo-again");
    let mut n = 0;
    for entry in walk(a) {
        let rel = entry.strip_prefix(a).expect("inside");
        let name = rel.to_string_lossy();
        if name.ends_with(".ics") || name.contains("/poster/") || name.starts_with("stations/") {
            assert_eq!(
                std::fs::read(&entry).ok(),
                std::fs::read(b.join(rel)).ok(),
                "{name} differs between two builds"
            );
            n += 1;
        }
    }
    assert!(n > 60, "{n} files compared");
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

#[test]
fn python_icalendar_reads_every_calendar() {
    let ok = Command::new("python3")
        .args(["-c", "import icalendar"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        eprintln!(
            "NOTE: skipping the Python check of the .ics files: `python3 -c \"import icalendar\"` failed (pip install icalendar)"
        );
        return;
    }
    for out in [demo(), fixture()] {
        let res = Command::new("python3")
            .arg(manifest().join("tests/ics_check.py"))
            .arg(out)
            .output()
            .expect("run python3");
        let stdout = String::from_utf8_lossy(&res.stdout);
        assert!(
            res.status.success(),
            "ics_check.py on {}:\n{stdout}{}",
            out.display(),
            String::from_utf8_lossy(&res.stderr)
        );
        let n: usize = stdout
            .trim()
            .strip_prefix("ok ")
            .and_then(|s| s.strip_suffix(" events"))
            .and_then(|s| s.parse().ok())
            .unwrap_or_else(|| panic!("unexpected output: {stdout}"));
        // Every event is in its station's file, its deputies' files and the site's file.
        assert!(n >= 3 * 4, "{n} events");
    }
}

// ---------------------------------------------------------------- first Friday

/// The demo's first-Friday station. Its rules have the shape (first Friday monthly, a rota
/// from 2025-01-01), but an exception cancels the 2025-10-03 reception, so the page must not
/// show it moved to 10-09 either; the full holiday behaviour is asserted on the fixture.
#[test]
fn demo_first_friday_station_follows_the_holidays_and_its_exception() {
    let content = manifest().join("content/stations");
    let found: Vec<String> = ids(&manifest().join("content"), "stations")
        .into_iter()
        .filter(|s| {
            let fm = front_matter(&content.join(format!("{s}.md")));
            fm["receptions"].as_array().is_some_and(|rs| {
                rs.iter()
                    .any(|r| r["every"] == "month" && r["weekday"] == "friday" && r["nth"] == 1)
            })
        })
        .collect();
    assert_eq!(
        found.len(),
        1,
        "one first-Friday station in the demo: {found:?}"
    );
    let s = &found[0];
    let fm = front_matter(&content.join(format!("{s}.md")));
    let cancels_oct3 = fm["exceptions"].as_array().is_some_and(|es| {
        es.iter()
            .any(|e| e["date"] == "2025-10-03" && e["cancelled"] == true)
    });
    let page = out_dates(&demo().join("stations").join(s).join("index.html"));
    for d in ["2025-11-07", "2025-12-05", "2026-01-04"] {
        assert!(page.contains(d), "{s}: {d} missing from {page:?}");
    }
    for d in ["2025-10-03", "2026-01-02"] {
        assert!(!page.contains(d), "{s}: {d} is a holiday");
    }
    assert_eq!(page.contains("2025-10-09"), !cancels_oct3, "{s}: {page:?}");
    // The cancelled reception is listed on its scheduled date, marked, with its note.
    let html = Html::parse_document(&read(&demo().join("stations").join(s).join("index.html")));
    let cancelled: Vec<String> = html
        .select(&sel(".upcoming-list li.reception.cancelled"))
        .map(|li| li.value().attr("data-date").unwrap_or_default().to_owned())
        .collect();
    assert_eq!(cancelled.contains(&"2025-10-03".to_owned()), cancels_oct3);
}

/// The dates of the receptions a page lists as taking place (cancelled ones left out).
fn out_dates(page: &Path) -> BTreeSet<String> {
    let html = Html::parse_document(&read(page));
    html.select(&sel(".upcoming-list li.reception:not(.cancelled)"))
        .filter_map(|li| li.value().attr("data-date").map(str::to_owned))
        .collect()
}

/// The fixture: first Friday monthly, 09:00–11:30, rota 周明 → 吴芳 → 郑强 from 2025-01-01,
/// no exceptions. Turns (one per scheduled first Friday, counted from 2025-01-03):
///   2025-01-03 周明, 02-07 吴芳, 03-07 郑强, 04-04 周明, 05-02 吴芳, 06-06 郑强,
///   07-04 周明, 08-01 吴芳, 09-05 郑强, 10-03 周明 (turn 9), 11-07 吴芳 (10),
///   12-05 郑强 (11), 2026-01-02 周明 (12).
/// In the window 2025-09-20 … 2026-01-18 (120 days):
///   10-03 is in the National Day holiday (10-01 … 10-08) → next workday Thu 2025-10-09, 周明;
///   2025-11-07 吴芳; 2025-12-05 郑强;
///   2026-01-02 is in the New Year holiday (01-01 … 01-03) → Sun 2026-01-04, a make-up
///   workday (调休), 周明.
const FIRST_FRIDAYS: [(&str, &str); 4] = [
    ("2025-10-09", "周明"),
    ("2025-11-07", "吴芳"),
    ("2025-12-05", "郑强"),
    ("2026-01-04", "周明"),
];

#[test]
fn first_friday_fixture_moves_holidays_and_keeps_rota_turns() {
    let out = fixture();
    let dir = out.join("stations/first-friday");
    let page = upcoming_duty(&dir.join("index.html"));
    let want: Vec<(String, String)> = FIRST_FRIDAYS
        .iter()
        .map(|(d, p)| ((*d).to_owned(), (*p).to_owned()))
        .collect();
    assert_eq!(page, want, "the station page");

    let events = parse_ics(&read(&dir.join("calendar.ics")));
    let got: Vec<(String, String)> = events
        .iter()
        .map(|e| {
            let who = FIRST_FRIDAYS
                .iter()
                .map(|(_, p)| *p)
                .find(|p| unescape(e.value("SUMMARY")).contains(p))
                .unwrap_or("?");
            (e.start(), who.to_owned())
        })
        .collect();
    let want_ics: Vec<(String, String)> = FIRST_FRIDAYS
        .iter()
        .map(|(d, p)| (format!("{d}T09:00"), (*p).to_owned()))
        .collect();
    assert_eq!(got, want_ics, "calendar.ics");
    let uids: Vec<&str> = events.iter().map(|e| e.value("UID")).collect();
    assert_eq!(
        uids,
        [
            "first-friday-rb3990d19-2025-10-03@rd.example.gov.cn",
            "first-friday-rb3990d19-2025-11-07@rd.example.gov.cn",
            "first-friday-rb3990d19-2025-12-05@rd.example.gov.cn",
            "first-friday-rb3990d19-2026-01-02@rd.example.gov.cn",
        ],
        "UIDs name the scheduled date"
    );
    for e in &events {
        assert!(e.value("DTEND").ends_with("T113000"), "{:?}", e.props);
    }
    // The moved receptions say why.
    assert!(unescape(events[0].value("DESCRIPTION")).contains("2025-10-03"));

    let zhou = parse_ics(&read(&out.join("deputies/zhou-ming/calendar.ics")));
    let zhou: Vec<String> = zhou.iter().map(IcsEvent::start).collect();
    assert_eq!(zhou, ["2025-10-09T09:00", "2026-01-04T09:00"]);
    let text = read(&dir.join("calendar.ics"));
    assert!(text.contains("BEGIN:VTIMEZONE\r\nTZID:Asia/Shanghai\r\n"));
    assert!(text.contains("TZOFFSETFROM:+0800\r\nTZOFFSETTO:+0800\r\n"));
}

// ---------------------------------------------------------------- posters

/// Decodes a QR matrix (no quiet zone), drawn 8 px a module with a 4-module quiet zone.
fn decode(m: &[Vec<bool>]) -> String {
    let (n, scale, qz) = (m.len(), 8, 4);
    let side = (n + 2 * qz) * scale;
    let mut img = rqrr::PreparedImage::prepare_from_greyscale(side, side, |x, y| {
        let (mx, my) = ((x / scale).wrapping_sub(qz), (y / scale).wrapping_sub(qz));
        let dark = m.get(my).and_then(|r| r.get(mx)).copied().unwrap_or(false);
        if dark { 0 } else { 255 }
    });
    let grids = img.detect_grids();
    assert_eq!(grids.len(), 1, "one QR code found");
    grids[0].decode().expect("the QR code decodes").1
}

/// The modules of the qrcode crate's SVG (`M{x} {y}h1v1H{x}V{y}` per dark module, one unit
/// each, `side` units with the quiet zone), without the quiet zone.
fn svg_modules(svg: &str) -> Vec<Vec<bool>> {
    let vb = svg
        .split("viewBox=\"0 0 ")
        .nth(1)
        .or_else(|| svg.split("viewBox=0 0 ").nth(1))
        .expect("a viewBox");
    let side: usize = vb
        .split(' ')
        .next()
        .and_then(|s| s.parse().ok())
        .expect("its width");
    let n = side - 8;
    let mut m = vec![vec![false; n]; n];
    let d = svg.split(" d=\"").nth(1).expect("a path").split('"').next();
    let re = regex::Regex::new(r"M(\d+) (\d+)h1v1H\d+V\d+").expect("regex");
    for c in re.captures_iter(d.unwrap_or_default()) {
        let (x, y): (usize, usize) = (c[1].parse().expect("x"), c[2].parse().expect("y"));
        m[y - 4][x - 4] = true;
    }
    m
}

#[test]
fn poster_qr_codes_decode_to_the_station_pages() {
    let out = demo();
    for s in ids(&manifest().join("content"), "stations") {
        let url = format!("{BASE_URL}stations/{s}/");
        let mx = qr_matrix(&url);
        assert_eq!(decode(&mx), url, "{s}: qr_matrix");

        let html = Html::parse_document(&read(
            &out.join("stations").join(&s).join("poster/index.html"),
        ));
        let svgs: Vec<_> = html.select(&sel("svg")).collect();
        assert_eq!(svgs.len(), 1, "{s}: one svg");
        let svg = svgs[0];
        assert_eq!(svg.value().attr("role"), Some("img"));
        assert!(
            svg.value()
                .attr("aria-label")
                .is_some_and(|l| l.contains(&url)),
            "{s}: aria-label"
        );
        let drawn = svg_modules(&svg.html());
        assert_eq!(drawn.len(), mx.len(), "{s}: module count");
        assert_eq!(drawn, mx, "{s}: the poster's code is qr_matrix");
        assert_eq!(decode(&drawn), url, "{s}: the poster's SVG");
    }
}

#[test]
fn posters_are_one_printable_page_about_the_station() {
    let out = demo();
    let css = read(&out.join("assets/style.css"));
    assert!(
        css.contains("size: A4") || css.contains("size:A4"),
        "@page A4"
    );
    for s in ids(&manifest().join("content"), "stations") {
        let fm = front_matter(&manifest().join("content/stations").join(format!("{s}.md")));
        let page = out.join("stations").join(&s).join("poster/index.html");
        let html = Html::parse_document(&read(&page));
        assert_eq!(html.select(&sel("html[lang]")).count(), 1, "{s}: lang");
        let h1: Vec<String> = html
            .select(&sel("h1"))
            .map(|h| h.text().collect())
            .collect();
        assert_eq!(h1, [fm["name"].as_str().unwrap_or_default()], "{s}: one h1");
        let text: String = html.root_element().text().collect();
        for key in ["address", "phone"] {
            if let Some(v) = fm[key].as_str() {
                assert!(text.contains(v), "{s}: {key}");
            }
        }
        // Every reception of the page's window (120 days) up to the poster's end
        // (2025-12-20) is on the poster.
        let times: BTreeSet<String> = html
            .select(&sel(".poster-rows time[datetime]"))
            .filter_map(|t| t.value().attr("datetime").map(str::to_owned))
            .collect();
        let station = upcoming_times(&out.join("stations").join(&s).join("index.html"));
        let within: BTreeSet<String> = station
            .into_iter()
            .filter(|t| t.as_str() < "2025-12-21")
            .collect();
        assert_eq!(times, within, "{s}: poster rows");
        let station_page = read(&out.join("stations").join(&s).join("index.html"));
        assert!(
            station_page.contains("poster/index.html"),
            "{s}: poster link"
        );
    }
    // Photos are published where the poster points.
    let li = read(&out.join("stations/chengguan-station/poster/index.html"));
    for src in Html::parse_document(&li)
        .select(&sel(".poster-faces img"))
        .filter_map(|i| i.value().attr("src").map(str::to_owned))
    {
        let rel = src.trim_start_matches("../");
        assert!(out.join(rel).is_file(), "photo {src}");
    }
}

// ---------------------------------------------------------------- JSON-LD

#[test]
fn station_pages_describe_the_office_and_its_reception_rules_in_json_ld() {
    let out = demo();
    for s in ids(&manifest().join("content"), "stations") {
        let fm = front_matter(&manifest().join("content/stations").join(format!("{s}.md")));
        let text = read(&out.join("stations").join(&s).join("index.html"));
        let html = Html::parse_document(&text);
        let scripts: Vec<String> = html
            .select(&sel("head script[type=\"application/ld+json\"]"))
            .map(|e| e.inner_html())
            .collect();
        assert_eq!(scripts.len(), 1, "{s}: one JSON-LD block");
        assert!(!scripts[0].contains('<'), "{s}: no raw < in the JSON");
        let ld: Value = serde_json::from_str(&scripts[0]).unwrap_or_else(|e| panic!("{s}: {e}"));
        assert_eq!(ld["@context"], "https://schema.org");
        assert_eq!(ld["@type"], "GovernmentOffice");
        assert_eq!(ld["name"], fm["name"]);
        assert_eq!(ld["address"]["@type"], "PostalAddress");
        assert_eq!(ld["address"]["streetAddress"], fm["address"]);
        assert_eq!(ld["telephone"], fm["phone"]);
        if fm["location"].is_object() {
            assert_eq!(ld["geo"]["@type"], "GeoCoordinates");
            assert_eq!(ld["geo"]["latitude"], fm["location"]["lat"]);
        } else {
            assert!(ld.get("geo").is_none());
        }
        // One Event per rule with a reception ahead: an expired rule publishes none.
        let current: Vec<&Value> = fm["receptions"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|r| {
                let end = r["until"].as_str().or(r["date"].as_str());
                end.is_none_or(|d| d >= AS_OF)
            })
            .collect();
        let events = ld["event"].as_array().map_or(&[][..], Vec::as_slice);
        assert_eq!(
            events.len(),
            current.len(),
            "{s}: one Event per current rule"
        );
        for (e, r) in events.iter().zip(current) {
            assert_eq!(e["@type"], "Event");
            let sc = &e["eventSchedule"];
            assert_eq!(sc["@type"], "Schedule", "{s}: {e}");
            assert_eq!(sc["scheduleTimezone"], "Asia/Shanghai");
            let time = r["time"].as_str().unwrap_or_default();
            assert_eq!(sc["startTime"], format!("{}:00", &time[..5]));
            assert_eq!(sc["endTime"], format!("{}:00", &time[6..]));
            match r["every"].as_str() {
                Some("week") => assert!(
                    sc["repeatFrequency"]
                        .as_str()
                        .is_some_and(|f| f.ends_with('W'))
                ),
                Some("month") => assert!(
                    sc["repeatFrequency"]
                        .as_str()
                        .is_some_and(|f| f.ends_with('M'))
                ),
                _ => assert_eq!(sc["startDate"], r["date"]),
            }
            if r["from"].is_string() {
                assert_eq!(sc["startDate"], r["from"]);
            }
            if r["until"].is_string() {
                assert_eq!(sc["endDate"], r["until"]);
            }
            if let Some(days) = sc["byDay"].as_array() {
                assert!(days.iter().all(|d| {
                    d.as_str()
                        .is_some_and(|d| d.starts_with("https://schema.org/"))
                }));
            }
        }
    }
    // The first-Friday rule of the demo, with its cancelled National Day reception.
    let text = read(&out.join("stations/chengguan-station/index.html"));
    let html = Html::parse_document(&text);
    let ld: Value = html
        .select(&sel("script[type=\"application/ld+json\"]"))
        .next()
        .and_then(|e| serde_json::from_str(&e.inner_html()).ok())
        .expect("JSON-LD");
    let sc = &ld["event"][0]["eventSchedule"];
    assert_eq!(
        sc["byDay"],
        serde_json::json!(["https://schema.org/Friday"])
    );
    assert_eq!(sc["byMonthWeek"], serde_json::json!([1]));
    assert_eq!(sc["repeatFrequency"], "P1M");
    assert_eq!(sc["startDate"], "2025-01-01");
    assert_eq!(sc["exceptDate"], serde_json::json!(["2025-10-03"]));
    // The demo's last-Thursday rule.
    let text = read(&out.join("stations/baiyang-station/index.html"));
    let html = Html::parse_document(&text);
    let ld: Value = html
        .select(&sel("script[type=\"application/ld+json\"]"))
        .next()
        .and_then(|e| serde_json::from_str(&e.inner_html()).ok())
        .expect("JSON-LD");
    assert_eq!(
        ld["event"][0]["eventSchedule"]["byMonthWeek"],
        serde_json::json!([-1])
    );
}
