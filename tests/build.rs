//! What a build of the complete fixture `tests/cases/valid/` publishes: the directory of
//! places, representatives at all five levels, deputies, stations and their upcoming
//! receptions, electing units, free pages and the machine-read files.

mod common;

use common::{AS_OF, Built, build, case, hrefs, sel, text};

const BASE: &str = "https://rd.ceshi.example.cn/lianluo/";

fn valid() -> Built {
    build(&case("valid"), AS_OF)
}

#[test]
fn home_page_lists_the_townships_and_their_villages() {
    let site = valid();
    let home = site.page("index.html");
    let entries: Vec<_> = home.select(&sel("ul.directory > li")).collect();
    let townships: Vec<(String, String)> = entries
        .iter()
        .map(|li| {
            let a = li.select(&sel("h3 a")).next().expect("a township link");
            (text(a), a.value().attr("href").unwrap_or("").to_owned())
        })
        .collect();
    assert_eq!(
        townships,
        [
            ("东城镇".to_owned(), "areas/dongcheng/index.html".to_owned()),
            ("西河乡".to_owned(), "areas/xihe/index.html".to_owned()),
        ]
    );
    let villages: Vec<Vec<String>> = entries
        .iter()
        .map(|li| li.select(&sel("ul.chips a")).map(text).collect())
        .collect();
    assert_eq!(
        villages,
        [vec!["和平社区", "前进村"], vec!["西河村", "柳林村"]]
    );
    // The places the site has only one of are a trail above the directory.
    let trail: Vec<String> = home.select(&sel("p.trail a")).map(text).collect();
    assert_eq!(trail, ["测试省", "测试市", "测试县"]);
}

/// The `(level, deputy links)` groups of an area page's "your representatives" section.
fn representatives(site: &Built, area: &str) -> Vec<(String, Vec<String>)> {
    let page = site.page(&format!("areas/{area}/index.html"));
    let reps = page
        .select(&sel(r#"section[aria-labelledby="reps-h"]"#))
        .next()
        .unwrap_or_else(|| panic!("areas/{area}: no representatives section"));
    reps.select(&sel("section.level"))
        .map(|group| {
            let h3 = group
                .select(&sel("h3[id]"))
                .next()
                .expect("a level heading");
            (
                h3.value().attr("id").unwrap_or("").to_owned(),
                hrefs(group, "a.card-title"),
            )
        })
        .collect()
}

fn deputy_link(id: &str) -> String {
    format!("../../deputies/{id}/index.html")
}

#[test]
fn village_page_lists_representatives_at_all_five_levels_with_links() {
    let site = valid();
    let expect = |pairs: &[(&str, &str)]| -> Vec<(String, Vec<String>)> {
        pairs
            .iter()
            .map(|(level, id)| (format!("level-{level}"), vec![deputy_link(id)]))
            .collect()
    };
    // Nearest level first. City and higher reach the village through its ancestors
    // (elected_by), county and township through the constituencies covering it.
    assert_eq!(
        representatives(&site, "heping"),
        expect(&[
            ("township", "wu-zhen"),
            ("county", "li-xian"),
            ("city", "sun-shi"),
            ("provincial", "qian-sheng"),
            ("national", "zhao-guo"),
        ])
    );
    // xihe-c01 covers the township xihe, so its deputy represents every village in it.
    assert_eq!(
        representatives(&site, "xihe-cun"),
        expect(&[
            ("township", "zheng-xiang"),
            ("county", "zhou-xian"),
            ("city", "sun-shi"),
            ("provincial", "qian-sheng"),
            ("national", "zhao-guo"),
        ])
    );
    // Every linked deputy page exists.
    for (_, links) in representatives(&site, "heping") {
        for link in links {
            let rel = link.trim_start_matches("../../");
            assert!(site.exists(rel), "{link} is not a page");
        }
    }
}

#[test]
fn ended_deputy_is_no_representative_but_keeps_a_page_marked_as_ended() {
    let site = valid();
    let all: Vec<String> = ["heping", "qianjin", "dongcheng", "ceshi"]
        .iter()
        .flat_map(|a| representatives(&site, a))
        .flat_map(|(_, links)| links)
        .collect();
    assert!(
        !all.contains(&deputy_link("wang-tui")),
        "the ended deputy wang-tui is still listed as a representative"
    );
    let page = site.page("deputies/wang-tui/index.html");
    let notice = page
        .select(&sel("p.notice"))
        .next()
        .map(text)
        .expect("deputies/wang-tui: no notice that the deputy no longer serves");
    assert!(notice.contains("该代表已不再担任人大代表"), "{notice}");
    assert!(notice.contains("2025年3月1日"), "{notice}");
    assert!(notice.contains("调离本县"), "{notice}");
    // The deputy index still lists the ended deputy, marked as ended.
    let index = site.page("deputies/index.html");
    let ended: Vec<String> = index
        .select(&sel("li.card.ended a.card-title"))
        .filter_map(|a| a.value().attr("href").map(str::to_owned))
        .collect();
    assert_eq!(ended, ["../deputies/wang-tui/index.html"]);
}

#[test]
fn deputy_elected_by_a_unit_is_on_the_unit_page_not_among_any_places_representatives() {
    let site = valid();
    let unit = site.page("units/pla/index.html");
    let h1 = unit.select(&sel("h1")).next().map(text);
    assert_eq!(h1.as_deref(), Some("中国人民解放军和中国人民武装警察部队"));
    let main = unit.select(&sel("main")).next().expect("main");
    assert_eq!(hrefs(main, "a.card-title"), [deputy_link("feng-jun")]);
    let deputy = site.page("deputies/feng-jun/index.html");
    let main = deputy.select(&sel("main")).next().expect("main");
    assert!(
        hrefs(main, "dl.facts a").contains(&"../../units/pla/index.html".to_owned()),
        "the deputy page does not link to its electing unit"
    );
    for area in ["heping", "qianjin", "xihe-cun", "liulin"] {
        let links: Vec<String> = representatives(&site, area)
            .into_iter()
            .flat_map(|(_, l)| l)
            .collect();
        assert!(
            !links.contains(&deputy_link("feng-jun")),
            "{area} lists the unit's deputy"
        );
    }
}

#[test]
fn deputy_page_shows_published_contacts_as_tel_and_mailto_links() {
    let site = valid();
    let page = site.page("deputies/li-xian/index.html");
    let contacts: Vec<(String, String)> = page
        .select(&sel("ul.contacts a"))
        .map(|a| (a.value().attr("href").unwrap_or("").to_owned(), text(a)))
        .collect();
    assert_eq!(
        contacts,
        [
            ("tel:09178212345".to_owned(), "0917-8212345".to_owned()),
            (
                "mailto:li-xian@example.gov.cn".to_owned(),
                "li-xian@example.gov.cn".to_owned()
            ),
            // The "other" hotline is a phone number: dialable.
            ("tel:09178299000".to_owned(), "0917-8299000".to_owned()),
        ]
    );
    // Channels without a link are shown as text, the `other:` one with its own label.
    let items: Vec<String> = page.select(&sel("ul.contacts li")).map(text).collect();
    assert!(
        items.contains(&"微信 和平社区代表工作室".to_owned()),
        "{items:?}"
    );
    assert!(
        items.contains(&"代表工作室热线 0917-8299000".to_owned()),
        "{items:?}"
    );
    // The photo is linked and copied verbatim from static/.
    let src = page
        .select(&sel("img.portrait"))
        .next()
        .and_then(|i| i.value().attr("src").map(str::to_owned));
    assert_eq!(src.as_deref(), Some("../../static/photos/li-xian.svg"));
    let original = std::fs::read(case("valid").join("static/photos/li-xian.svg")).expect("read");
    assert_eq!(site.bytes("static/photos/li-xian.svg"), original);
}

#[test]
fn free_page_menu_is_ordered_by_weight_and_skips_pages_without_one() {
    let site = valid();
    // The menu's free pages: its links that lead to no section of the site's own.
    let sections = [
        "index.html",
        "areas",
        "deputies",
        "stations",
        "calendar",
        "activities",
        "suggestions",
        "handlers",
        "search",
        "data",
    ];
    let menu = |page: &str| -> Vec<(String, String)> {
        site.page(page)
            .select(&sel("nav.site-nav a"))
            .map(|a| (text(a), a.value().attr("href").unwrap_or("").to_owned()))
            .filter(|(_, href)| {
                let first = href.trim_start_matches("../").split('/').next();
                !first.is_some_and(|f| sections.contains(&f))
            })
            .collect()
    };
    assert_eq!(
        menu("index.html"),
        [
            (
                "如何联系您的人大代表".to_owned(),
                "guide/how-to-reach/index.html".to_owned()
            ),
            ("关于我们".to_owned(), "about/index.html".to_owned()),
        ]
    );
    // From a page in a sub-folder the same menu climbs to the root.
    assert_eq!(
        menu("guide/how-to-reach/index.html"),
        [
            (
                "如何联系您的人大代表".to_owned(),
                "../../guide/how-to-reach/index.html".to_owned()
            ),
            ("关于我们".to_owned(), "../../about/index.html".to_owned()),
        ]
    );
    let current: Vec<String> = site
        .page("guide/how-to-reach/index.html")
        .select(&sel(r#"nav.site-nav a[aria-current="page"]"#))
        .map(text)
        .collect();
    assert_eq!(current, ["如何联系您的人大代表"]);
    // A page without a weight is published but not in the menu.
    let privacy = site.page("privacy/index.html");
    let h1 = privacy.select(&sel("h1")).next().map(text);
    assert_eq!(h1.as_deref(), Some("隐私说明"));
}

/// The upcoming receptions of a station page that take place: (`datetime`, duty deputy
/// links). Cancelled ones are listed too, marked `cancelled`, and left out here.
fn upcoming(site: &Built, station: &str) -> Vec<(String, Vec<String>)> {
    let page = site.page(&format!("stations/{station}/index.html"));
    page.select(&sel("ul.upcoming-list > li.reception:not(.cancelled)"))
        .map(|li| {
            let time = li
                .select(&sel("p.when time"))
                .next()
                .and_then(|t| t.value().attr("datetime").map(str::to_owned))
                .expect("a <time datetime> in every reception");
            (time, hrefs(li, "p.who a"))
        })
        .collect()
}

#[test]
fn station_page_shows_upcoming_receptions_as_machine_readable_times() {
    let site = valid();
    // First Fridays from the as-of date, 120 days ahead: 10-03 is National Day (moved to
    // the next workday, 10-09), 11-07 is cancelled by an exception, 2026-01-02 is a New
    // Year holiday (moved to Sunday 01-04, a make-up workday). The rota turns once per
    // scheduled first Friday since `from: 2025-01-01`.
    assert_eq!(
        upcoming(&site, "dongcheng-station"),
        [
            ("2025-10-09T09:00".to_owned(), vec![deputy_link("wu-zhen")]),
            ("2025-12-05T09:00".to_owned(), vec![deputy_link("wu-zhen")]),
            ("2026-01-04T09:00".to_owned(), vec![deputy_link("li-xian")]),
        ]
    );
    // The cancelled one is listed, marked, on its scheduled date.
    let page = site.page("stations/dongcheng-station/index.html");
    let cancelled: Vec<&str> = page
        .select(&sel("ul.upcoming-list > li.reception.cancelled"))
        .filter_map(|li| li.value().attr("data-date"))
        .collect();
    assert_eq!(cancelled, ["2025-11-07"]);
    let weekly = upcoming(&site, "xihe-home");
    assert!(weekly.len() >= 15, "{weekly:?}");
    assert_eq!(
        weekly[..2],
        [
            (
                "2025-09-23T14:30".to_owned(),
                vec![deputy_link("zhou-xian"), deputy_link("zheng-xiang")]
            ),
            (
                "2025-09-30T14:30".to_owned(),
                vec![deputy_link("zhou-xian"), deputy_link("zheng-xiang")]
            ),
        ]
    );
    for (datetime, _) in &weekly {
        let b = datetime.as_bytes();
        let shape = b.len() == 16
            && b[4] == b'-'
            && b[7] == b'-'
            && b[10] == b'T'
            && b[13] == b':'
            && datetime.chars().filter(char::is_ascii_digit).count() == 12;
        assert!(shape, "`{datetime}` is not YYYY-MM-DDTHH:MM");
    }
    // The same receptions are on the village page of the places the station serves.
    let village = site.page("areas/heping/index.html");
    let times: Vec<String> = village
        .select(&sel("ul.upcoming-list li.reception:not(.cancelled) time"))
        .filter_map(|t| t.value().attr("datetime").map(str::to_owned))
        .collect();
    assert_eq!(
        times,
        ["2025-10-09T09:00", "2025-12-05T09:00", "2026-01-04T09:00"]
    );
}

#[test]
fn suggestions_from_yaml_and_csv_and_activities_from_sub_folders_are_published() {
    let site = valid();
    for id in ["2025-001", "2025-002", "2025-003", "2025-004"] {
        assert!(
            site.exists(&format!("suggestions/{id}/index.html")),
            "no page for suggestion {id}"
        );
    }
    let csv = site.page("suggestions/2025-003/index.html");
    let main = csv.select(&sel("main")).next().expect("main");
    assert_eq!(
        hrefs(main, "dl.facts a[href^='../../deputies/']"),
        [deputy_link("wu-zhen"), deputy_link("li-xian")]
    );
    let summary = csv.select(&sel("p.summary")).next().map(text);
    assert_eq!(summary.as_deref(), Some("前进村灌溉渠堵塞，影响秋季灌溉。"));
    // An activity in activities/2025/ is published at activities/<id>/.
    let index = site.page("activities/index.html");
    let main = index.select(&sel("main")).next().expect("main");
    assert_eq!(
        hrefs(main, "ul.list a"),
        [
            "../activities/2025-08-20-li-xian-shuzhi/index.html",
            "../activities/2025-05-12-daolu-shicha/index.html",
            "../activities/2025-03-07-dongcheng-jiedai/index.html",
        ]
    );
}

#[test]
fn sitemap_lists_every_indexable_page_with_an_absolute_url_without_index_html() {
    let site = valid();
    let xml = site.text("sitemap.xml");
    let locs: Vec<&str> = xml
        .split("<loc>")
        .skip(1)
        .filter_map(|s| s.split_once("</loc>").map(|(loc, _)| loc))
        .collect();
    assert!(!locs.is_empty(), "{xml}");
    let mut pages: Vec<String> = Vec::new();
    for loc in &locs {
        let rel = loc
            .strip_prefix(BASE)
            .unwrap_or_else(|| panic!("`{loc}` does not start with base_url {BASE}"));
        assert!(!loc.contains("index.html"), "`{loc}` names index.html");
        assert!(
            rel.is_empty() || rel.ends_with('/'),
            "`{loc}` is not a folder"
        );
        pages.push(format!("{rel}index.html"));
    }
    pages.sort();
    // Every page but those that ask search engines not to index them (printable posters).
    let noindex = |f: &str| {
        site.page(f)
            .select(&sel(r#"meta[name="robots"]"#))
            .any(|m| {
                m.value()
                    .attr("content")
                    .is_some_and(|c| c.contains("noindex"))
            })
    };
    let mut built: Vec<String> = common::files(&site.out)
        .into_iter()
        .filter(|f| f.ends_with("index.html") && !noindex(f))
        .collect();
    built.sort();
    assert_eq!(pages, built, "the sitemap and the built pages differ");
    assert!(locs.contains(&BASE));
    assert!(locs.contains(&"https://rd.ceshi.example.cn/lianluo/deputies/li-xian/"));
}

#[test]
fn robots_feed_and_404_are_written() {
    let site = valid();
    let robots = site.text("robots.txt");
    assert!(
        robots.contains(&format!("Sitemap: {BASE}sitemap.xml")),
        "{robots}"
    );
    let feed = site.text("feed.xml");
    assert!(feed.starts_with("<?xml"), "{feed}");
    assert_eq!(feed.matches("<entry>").count(), 3, "{feed}");
    assert!(
        feed.contains(&format!(
            "<link href=\"{BASE}activities/2025-08-20-li-xian-shuzhi/\"/>"
        )),
        "{feed}"
    );
    let not_found = site.page("404.html");
    let h1 = not_found.select(&sel("h1")).next().map(text);
    assert_eq!(h1.as_deref(), Some("页面未找到"));
    let main = not_found.select(&sel("main")).next().expect("main");
    assert_eq!(hrefs(main, "a"), [format!("{BASE}index.html")]);
}

/// Pins the bug "a `tel:` link dials every digit of the text": `site::people::tel_href`
/// keeps all digits of a phone text, so `0917-8212345转8001` (an extension) dials
/// 091782123458001 and `0917-8212345、8212346` (two numbers) dials 091782123458212346.
/// A link must dial the number the text starts with.
#[test]
fn a_tel_link_dials_the_leading_number_not_every_digit_of_the_text() {
    let tmp = common::tempdir();
    let site = tmp.path().join("site");
    common::copy_dir(&case("valid"), &site);
    let path = site.join("deputies/li-xian.md");
    let content = std::fs::read_to_string(&path).expect("read");
    let phones = r#"  phone: ["0917-8212345转8001", "0917-8212345、8212346", "+86 917 821 2346"]"#;
    let changed = content.replacen(r#"  phone: "0917-8212345""#, phones, 1);
    assert_ne!(changed, content);
    std::fs::write(&path, changed).expect("write");
    let built = build(&site, AS_OF);
    let page = built.page("deputies/li-xian/index.html");
    let links: Vec<(String, String)> = page
        .select(&sel(r#"ul.contacts a[href^="tel:"]"#))
        .map(|a| (text(a), a.value().attr("href").unwrap_or("").to_owned()))
        .collect();
    // The three phones and the "other" hotline (代表工作室热线), which is dialable too.
    assert_eq!(links.len(), 4, "{links:?}");
    for (shown, href) in &links {
        let number: String = shown
            .chars()
            .take_while(|c| c.is_ascii_digit() || " +-()".contains(*c))
            .filter(|c| c.is_ascii_digit() || *c == '+')
            .collect();
        let dialled = href.split([',', ';']).next().unwrap_or("");
        assert_eq!(dialled, format!("tel:{number}"), "`{shown}` links {href}");
    }
}
