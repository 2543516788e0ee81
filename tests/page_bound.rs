//! Lists stay usable at any size (issue 17): a site whose every list crosses its bound —
//! 260 townships at the top of the place chooser (one with 70 villages), 45 electing units,
//! 1,760 deputies in 261 congresses, 600 stations in 260 townships, 600 handling units with
//! one suggestion each, 250 liaison groups — builds with no HTML page above 250 KB: the long
//! lists split into pages, the home page a short way in, and every capped list saying how
//! many it leaves out and where they are.
//!
//! The national preset of `benches/gensite` (355,000 places) is too large to build in a
//! test; this site crosses every bound the national site crosses, at a test's size.

mod common;

use std::fmt::Write as _;
use std::path::Path;

use common::{AS_OF, Built, build, html_files, sel, tempdir, text, write_file};
use scraper::Html;

/// The bound on any HTML page of any site.
const PAGE_BOUND: u64 = 250 * 1024;
const TOWNS: usize = 260;
/// Villages of the first township, of the next nine, and of the others.
const VILLAGES_FIRST: usize = 70;
const VILLAGES_BIG: usize = 25;
const VILLAGES: usize = 4;
const COUNTY_DEPUTIES: usize = 200;
const TOWNSHIP_DEPUTIES: usize = 6;
const STATIONS: usize = 600;
const HANDLERS: usize = 600;
const UNITS: usize = 45;
const GROUPS: usize = 250;

fn villages(t: usize) -> usize {
    match t {
        0 => VILLAGES_FIRST,
        1..10 => VILLAGES_BIG,
        _ => VILLAGES,
    }
}

/// Write the large site into `dir`.
fn large_site(dir: &Path) {
    write_file(
        &dir.join("site.yaml"),
        "title: 大名册\nbase_url: https://big.example.cn/\noffice_phone: \"0917-8213000\"\n\
         suggestions:\n  reply_deadline_days: 90\n  solved: [A]\n",
    );
    let mut areas = String::from("areas:\n  - { id: xian, name: 大县, kind: county }\n");
    for t in 0..TOWNS {
        let _ = writeln!(
            areas,
            "  - {{ id: t{t}, name: 第{t}镇, kind: 镇, parent: xian }}"
        );
        for v in 0..villages(t) {
            let _ = writeln!(
                areas,
                "  - {{ id: t{t}v{v}, name: 第{t}镇第{v}村, kind: 村, parent: t{t} }}"
            );
        }
    }
    areas.push_str("constituencies:\n");
    for t in 0..TOWNS {
        let _ = writeln!(
            areas,
            "  - {{ id: c{t}, name: 第{t}选区, level: county, covers: [t{t}] }}"
        );
        let _ = writeln!(
            areas,
            "  - {{ id: tc{t}, name: 第{t}镇第一选区, level: township, covers: [t{t}v0] }}"
        );
    }
    areas.push_str("units:\n");
    for u in 0..UNITS {
        let _ = writeln!(areas, "  - {{ id: u{u}, name: 第{u}选举单位 }}");
    }
    write_file(&dir.join("areas.yaml"), &areas);
    let mut handlers = String::from("handlers:\n");
    for h in 0..HANDLERS {
        let _ = writeln!(
            handlers,
            "  - {{ id: h{h}, name: 第{h}承办单位, kind: government }}"
        );
    }
    write_file(&dir.join("handlers.yaml"), &handlers);
    let surnames: Vec<char> = "王李张刘陈杨黄赵吴周".chars().collect();
    for d in 0..COUNTY_DEPUTIES {
        write_file(
            &dir.join(format!("deputies/d{d}.md")),
            &format!(
                "---\nname: {}{d}\nlevel: county\nconstituency: c{}\noccupation: 第{}镇干部\n---\n",
                surnames[d % surnames.len()],
                d % TOWNS,
                d % TOWNS
            ),
        );
    }
    for t in 0..TOWNS {
        for k in 0..TOWNSHIP_DEPUTIES {
            write_file(
                &dir.join(format!("deputies/e{t}-{k}.md")),
                &format!(
                    "---\nname: {}镇{t}代表{k}\nlevel: township\nconstituency: tc{t}\n---\n",
                    surnames[(t + k) % surnames.len()],
                ),
            );
        }
    }
    for s in 0..STATIONS {
        let t = s % TOWNS;
        let v = s % villages(t);
        write_file(
            &dir.join(format!("stations/s{s}.md")),
            &format!(
                "---\nname: 第{s}联络站\nkind: station\narea: t{t}v{v}\nserves: [t{t}v{v}]\naddress: 第{t}镇第{s}号\nreceptions:\n  - every: month\n    weekday: friday\n    nth: 1\n    time: \"09:00-11:30\"\n    rota: [d{}, d{}]\n    from: 2025-01-01\n---\n",
                s * 2 % COUNTY_DEPUTIES,
                (s * 2 + 1) % COUNTY_DEPUTIES
            ),
        );
    }
    let mut suggestions = String::new();
    for s in 0..STATIONS {
        let _ = write!(
            suggestions,
            "- id: 2025-{s:03}\n  received: 2025-03-07\n  channel: reception\n  deputies: [d{}]\n  station: s{s}\n  category: 交通出行\n  summary: 道路破损，雨天积水。\n  handler: h{s}\n  transferred: 2025-03-12\n  replied: 2025-04-20\n  outcome: A\n  reply: 已完成路面修补。\n\n",
            s * 2 % COUNTY_DEPUTIES
        );
    }
    write_file(&dir.join("suggestions/2025.yaml"), &suggestions);
    let mut groups = String::from("groups:\n");
    for g in 0..GROUPS {
        let _ = writeln!(
            groups,
            "  - {{ id: g{g}, name: 第{g}代表小组, level: county, area: xian, leader: d{}, members: [d{}] }}",
            g % COUNTY_DEPUTIES,
            g % COUNTY_DEPUTIES
        );
    }
    write_file(&dir.join("groups.yaml"), &groups);
}

/// Every page of a paged list: `section/index.html`, then each `rel=next` in turn.
fn pages(site: &Built, section: &str) -> Vec<(String, Html)> {
    let mut out = Vec::new();
    let mut rel = format!("{section}/index.html");
    loop {
        let page = site.page(&rel);
        let next = page
            .select(&sel("nav.pager a[rel=next]"))
            .next()
            .and_then(|a| a.value().attr("href").map(str::to_owned));
        out.push((rel.clone(), page));
        let Some(next) = next else { return out };
        // From `section/…/index.html`, `../` once per folder.
        let depth = rel.matches('/').count();
        let mut base: Vec<&str> = rel.split('/').collect();
        base.truncate(base.len() - 1);
        let mut parts = base;
        let mut href = next.as_str();
        for _ in 0..depth {
            if let Some(rest) = href.strip_prefix("../") {
                href = rest;
                parts.pop();
            }
        }
        let joined = if parts.is_empty() {
            href.to_owned()
        } else {
            format!("{}/{href}", parts.join("/"))
        };
        assert!(out.len() < 50, "{section}: more than 50 pages");
        rel = joined;
    }
}

fn count(page: &Html, css: &str) -> usize {
    page.select(&sel(css)).count()
}

fn texts(page: &Html, css: &str) -> Vec<String> {
    page.select(&sel(css)).map(text).collect()
}

#[test]
fn no_page_of_a_site_with_large_lists_exceeds_the_page_bound() {
    let tmp = tempdir();
    let src = tmp.path().join("site");
    large_site(&src);
    let site = build(&src, AS_OF);
    let mut over = Vec::new();
    let mut largest = (0u64, String::new());
    for rel in html_files(&site.out) {
        let size = std::fs::metadata(site.out.join(&rel)).expect("stat").len();
        if size > largest.0 {
            largest = (size, rel.clone());
        }
        if size > PAGE_BOUND {
            over.push(format!("{rel}: {size} bytes"));
        }
    }
    assert!(over.is_empty(), "pages above 250 KB:\n{}", over.join("\n"));
    eprintln!("largest page: {} ({} bytes)", largest.1, largest.0);

    // The stations and handlers in pages of 200, each linking the next.
    for (section, n) in [("stations", STATIONS), ("handlers", HANDLERS)] {
        let all = pages(&site, section);
        assert_eq!(all.len(), n.div_ceil(200), "{section}");
        assert_eq!(all[1].0, format!("{section}/page/2/index.html"));
    }
    let stations: usize = pages(&site, "stations")
        .iter()
        .map(|(_, p)| count(p, "main ul.cards > li.card"))
        .sum();
    assert_eq!(stations, STATIONS);

    // The home page stays a short way in: 40 entries of the place chooser, 12 places under
    // each, 40 electing units, 12 stations, each list linking the rest.
    let home = site.page("index.html");
    assert_eq!(count(&home, "ul.directory > li"), 40);
    let first: Vec<String> = home
        .select(&sel("ul.directory > li"))
        .next()
        .map(|li| li.select(&sel("ul.chips a")).map(text).collect())
        .unwrap_or_default();
    assert_eq!(first.len(), 13, "{first:?}");
    assert_eq!(
        first.last().map(String::as_str),
        Some(format!("等 {} 处", VILLAGES_FIRST - 12).as_str())
    );
    let finder = texts(&home, "section.finder > p > a");
    assert!(
        finder
            .iter()
            .any(|t| t.contains(&format!("全部 {TOWNS} 个地方"))),
        "{finder:?}"
    );
    assert_eq!(count(&home, "section.units ul.chips > li"), 40);
    let units = texts(&home, "section.units p a");
    assert!(
        units
            .iter()
            .any(|t| t.contains(&format!("全部 {UNITS} 个选举单位"))),
        "{units:?}"
    );
    assert_eq!(
        count(&home, r#"section[aria-labelledby="stations-h"] li"#),
        12
    );
    let size = std::fs::metadata(site.out.join("index.html"))
        .expect("stat")
        .len();
    assert!(size < 100 * 1024, "the home page is {size} bytes");

    // /areas/ in pages: together they list every entry and every unit once; the first
    // entry lists 60 places and says how many more.
    let areas = pages(&site, "areas");
    assert!(areas.len() >= 2, "/areas/ is one page");
    let entries: Vec<String> = areas
        .iter()
        .flat_map(|(_, p)| texts(p, "ul.directory > li > h2 a"))
        .collect();
    assert_eq!(entries.len(), TOWNS);
    assert_eq!(entries[0], "第0镇");
    assert_eq!(entries[TOWNS - 1], format!("第{}镇", TOWNS - 1));
    let unit_links: usize = areas
        .iter()
        .map(|(_, p)| count(p, "section.units ul.chips > li"))
        .sum();
    assert_eq!(unit_links, UNITS);
    // The electing units are on the first page, as on the home page.
    assert_eq!(count(&areas[0].1, "section.units ul.chips > li"), UNITS);
    let chips = texts(&areas[0].1, "ul.directory > li:first-child ul.chips a");
    assert_eq!(chips.len(), 61);
    assert_eq!(
        chips.last().map(String::as_str),
        Some(format!("等 {} 处", VILLAGES_FIRST - 60).as_str())
    );

    // /groups/ in pages of 200, an area headed again on the next page with its full count.
    let groups = pages(&site, "groups");
    assert_eq!(groups.len(), GROUPS.div_ceil(200));
    let listed: usize = groups.iter().map(|(_, p)| count(p, "ul.groups > li")).sum();
    assert_eq!(listed, GROUPS);
    for (_, p) in &groups {
        assert_eq!(texts(p, "main h2 .count"), vec![GROUPS.to_string()]);
    }

    // /report-backs/ in pages; a congress with more names than a row lists says how many
    // more, linking the download; the first page has the whole site's totals.
    let backs = pages(&site, "report-backs");
    assert!(backs.len() >= 2, "/report-backs/ is one page");
    let rows: usize = backs
        .iter()
        .map(|(_, p)| count(p, "table.report-backs tbody tr"))
        .sum();
    assert_eq!(rows, 1 + TOWNS);
    let county = backs[0]
        .1
        .select(&sel(
            r#"tr[data-level="county"] td[data-count="not-reported"]"#,
        ))
        .next()
        .expect("the county congress's row");
    let names: Vec<String> = county.select(&sel("a")).map(text).collect();
    assert_eq!(names.len(), 101, "{names:?}");
    assert_eq!(
        names.last().map(String::as_str),
        Some(format!("等 {} 人（见下载）", COUNTY_DEPUTIES - 100).as_str())
    );
    assert!(text(county).starts_with(&COUNTY_DEPUTIES.to_string()));
    let totals = backs[0]
        .1
        .select(&sel("p.report-back-totals"))
        .next()
        .expect("totals");
    assert_eq!(
        totals.value().attr("data-not-reported"),
        Some(
            (COUNTY_DEPUTIES + TOWNS * TOWNSHIP_DEPUTIES)
                .to_string()
                .as_str()
        )
    );
    assert_eq!(count(&backs[1].1, "p.report-back-totals"), 0);

    // The calendar lists 200 townships and sends residents of the others to their places.
    let calendar = site.page("calendar/index.html");
    assert_eq!(count(&calendar, r#"section[aria-labelledby^="t-"]"#), 200);
    let notices = texts(&calendar, "p.notice a");
    assert!(
        notices
            .iter()
            .any(|t| t.contains(&format!("另有 {} 个乡镇", TOWNS - 200))),
        "{notices:?}"
    );

    // The suggestions' overview: the 50 busiest stations, the first 100 handlers.
    let overview = site.page("suggestions/index.html");
    let more = texts(&overview, "p.meta a");
    for n in [STATIONS - 50, HANDLERS - 100] {
        assert!(
            more.iter().any(|t| t == &format!("另有 {n} 个未在此列出")),
            "{n}: {more:?}"
        );
    }
}
