//! Lists stay usable at any size (issue 17): a site whose lists are large — 1,000 places,
//! 1,200 deputies, 600 stations, 600 handling units, 40 electing units — builds with no HTML
//! page above 250 KB, the stations and handlers split into pages, and a short home page.

mod common;

use std::fmt::Write as _;
use std::path::Path;

use common::{AS_OF, build, html_files, sel, tempdir, text};

/// The bound on any HTML page of any site.
const PAGE_BOUND: u64 = 250 * 1024;
const TOWNS: usize = 40;
const VILLAGES: usize = 25;
const DEPUTIES: usize = 1200;
const STATIONS: usize = 600;
const HANDLERS: usize = 600;
const UNITS: usize = 40;

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().expect("a parent")).expect("create a folder");
    std::fs::write(path, text).expect("write a file");
}

/// Write the large site into `dir`.
fn large_site(dir: &Path) {
    write(
        &dir.join("site.yaml"),
        "title: 大名册\nbase_url: https://big.example.cn/\n",
    );
    let mut areas = String::from("areas:\n  - { id: xian, name: 大县, kind: county }\n");
    for t in 0..TOWNS {
        let _ = writeln!(
            areas,
            "  - {{ id: t{t}, name: 第{t}镇, kind: 镇, parent: xian }}"
        );
        for v in 0..VILLAGES {
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
    }
    areas.push_str("units:\n");
    for u in 0..UNITS {
        let _ = writeln!(areas, "  - {{ id: u{u}, name: 第{u}选举单位 }}");
    }
    write(&dir.join("areas.yaml"), &areas);
    let mut handlers = String::from("handlers:\n");
    for h in 0..HANDLERS {
        let _ = writeln!(
            handlers,
            "  - {{ id: h{h}, name: 第{h}承办单位, kind: government }}"
        );
    }
    write(&dir.join("handlers.yaml"), &handlers);
    let surnames: Vec<char> = "王李张刘陈杨黄赵吴周".chars().collect();
    for d in 0..DEPUTIES {
        write(
            &dir.join(format!("deputies/d{d}.md")),
            &format!(
                "---\nname: {}{d}\nlevel: county\nconstituency: c{}\noccupation: 第{}镇干部\n---\n",
                surnames[d % surnames.len()],
                d % TOWNS,
                d % TOWNS
            ),
        );
    }
    for s in 0..STATIONS {
        let (t, v) = (s % TOWNS, s % VILLAGES);
        write(
            &dir.join(format!("stations/s{s}.md")),
            &format!(
                "---\nname: 第{s}联络站\nkind: station\narea: t{t}v{v}\nserves: [t{t}v{v}]\naddress: 第{t}镇第{s}号\nreceptions:\n  - every: month\n    weekday: friday\n    nth: 1\n    time: \"09:00-11:30\"\n    rota: [d{}, d{}]\n    from: 2025-01-01\n---\n",
                s * 2 % DEPUTIES,
                (s * 2 + 1) % DEPUTIES
            ),
        );
    }
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
    // The long lists are split into pages, each linking the next.
    for (section, n) in [("stations", STATIONS), ("handlers", HANDLERS)] {
        let pages = n.div_ceil(200);
        assert!(
            site.exists(&format!("{section}/page/{pages}/index.html")),
            "{section}: no page {pages}"
        );
        let first = site.page(&format!("{section}/index.html"));
        let next = first
            .select(&sel("nav.pager a[rel=next]"))
            .next()
            .and_then(|a| a.value().attr("href").map(str::to_owned));
        assert_eq!(
            next.as_deref(),
            Some(
                "../stations/page/2/index.html"
                    .replace("stations", section)
                    .as_str()
            )
        );
    }
    // The home page stays a short way in: a few stations and a few places per township,
    // each entry linking the rest.
    let home = site.page("index.html");
    assert_eq!(
        home.select(&sel(r#"section[aria-labelledby="stations-h"] li"#))
            .count(),
        12
    );
    let more: Vec<String> = home
        .select(&sel("ul.directory > li"))
        .next()
        .map(|li| li.select(&sel("ul.chips a")).map(text).collect())
        .unwrap_or_default();
    assert_eq!(more.len(), 13, "{more:?}");
    assert_eq!(more.last().map(String::as_str), Some("等 13 处"));
    let size = std::fs::metadata(site.out.join("index.html"))
        .expect("stat")
        .len();
    assert!(size < 100 * 1024, "the home page is {size} bytes");
}
