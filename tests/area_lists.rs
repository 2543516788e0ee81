//! An area's page and its long lists of representatives (issue 21): a level of more than 24
//! deputies is printed as names on the page of the place that elects them, and every place
//! below links that list with its count instead of repeating it. A village of a national
//! site named hundreds of deputies of its city, province and nation, on every village page.

mod common;

use std::path::Path;

use common::{AS_OF, Built, build, sel, tempdir, text, write_file};

const PROVINCIAL: usize = 30;

/// A province → city → county → township → two villages; 30 provincial deputies elected by
/// the city and a retired one elected by the county, 26 county deputies of a constituency
/// covering the township, 3 township deputies of the first village. `languages`: a line of
/// site.yaml, or none.
fn site(dir: &Path, languages: &str) {
    write_file(
        &dir.join("site.yaml"),
        &format!(
            "title: 长名单\nbase_url: https://lists.example.cn/\noffice_phone: \"0917-8213000\"\n{languages}"
        ),
    );
    write_file(
        &dir.join("areas.yaml"),
        "areas:\n\
         \x20 - { id: sheng, name: 某省, kind: province }\n\
         \x20 - { id: shi, name: 某市, kind: city, parent: sheng }\n\
         \x20 - { id: xian, name: 某县, kind: county, parent: shi }\n\
         \x20 - { id: zhen, name: 某镇, kind: township, parent: xian }\n\
         \x20 - { id: cun1, name: 一村, kind: village, parent: zhen }\n\
         \x20 - { id: cun2, name: 二村, kind: village, parent: zhen }\n\
         constituencies:\n\
         \x20 - { id: xq1, name: 某县第一选区, level: county, covers: [zhen] }\n\
         \x20 - { id: zq1, name: 某镇第一选区, level: township, covers: [cun1] }\n",
    );
    let surnames: Vec<char> = "王李张刘陈杨黄赵吴周".chars().collect();
    for d in 0..=PROVINCIAL {
        let mut text = format!(
            "---\nname: {}省{d}\nlevel: provincial\n",
            surnames[d % surnames.len()]
        );
        // The retired deputy is the only one the county elected: the county is no place
        // to list the province's deputies from.
        if d == PROVINCIAL {
            text.push_str("elected_by: xian\nstatus: ended\nended: 2025-01-10\nreason: 辞职\n");
        } else {
            text.push_str("elected_by: shi\n");
        }
        text.push_str("---\n");
        write_file(&dir.join(format!("deputies/p{d}.md")), &text);
    }
    for d in 0..26 {
        write_file(
            &dir.join(format!("deputies/c{d}.md")),
            &format!(
                "---\nname: {}县{d}\nlevel: county\nconstituency: xq1\n---\n",
                surnames[d % surnames.len()]
            ),
        );
    }
    for d in 0..3 {
        write_file(
            &dir.join(format!("deputies/t{d}.md")),
            &format!("---\nname: 镇代表{d}\nlevel: township\nconstituency: zq1\n---\n"),
        );
    }
}

fn built(languages: &str) -> (tempfile::TempDir, Built) {
    let tmp = tempdir();
    let src = tmp.path().join("site");
    site(&src, languages);
    let built = build(&src, AS_OF);
    (tmp, built)
}

/// The texts of `css` within the level's section of a page.
fn in_level(site: &Built, page: &str, level: &str, css: &str) -> Vec<String> {
    let html = site.page(page);
    html.select(&sel(&format!(
        r#"section[aria-labelledby="level-{level}"] {css}"#
    )))
    .map(text)
    .collect()
}

/// Where a level's section links its list.
fn hrefs(site: &Built, page: &str, level: &str) -> Vec<String> {
    common::hrefs(
        site.page(page).root_element(),
        &format!(r#"section[aria-labelledby="level-{level}"] p.listed-at a"#),
    )
}

#[test]
fn a_village_page_links_its_citys_long_list_instead_of_repeating_it() {
    let (_tmp, site) = built("");
    // The city that elects them names every active provincial deputy, with the count.
    let names = in_level(&site, "areas/shi/index.html", "provincial", "ul.names li a");
    assert_eq!(names.len(), PROVINCIAL, "{names:?}");
    assert!(!names.iter().any(|n| n.ends_with(&PROVINCIAL.to_string())));
    assert!(hrefs(&site, "areas/shi/index.html", "provincial").is_empty());
    // The province above elects none of them: it names none and links nothing.
    assert!(in_level(&site, "areas/sheng/index.html", "provincial", "h3").is_empty());

    // Every place below gives the count and links the city's list, naming the city.
    for page in [
        "areas/xian/index.html",
        "areas/zhen/index.html",
        "areas/cun1/index.html",
        "areas/cun2/index.html",
    ] {
        assert_eq!(
            in_level(&site, page, "provincial", ".count"),
            [PROVINCIAL.to_string()],
            "{page}"
        );
        assert!(
            in_level(&site, page, "provincial", "ul.names li").is_empty(),
            "{page}"
        );
        assert_eq!(
            hrefs(&site, page, "provincial"),
            ["../../areas/shi/index.html#level-provincial"],
            "{page}"
        );
        let link = in_level(&site, page, "provincial", "p.listed-at a");
        assert_eq!(link, ["查看全部 30 名代表（列在某市的页面）"], "{page}");
    }
    // The link's target exists: the city's page has the level's section.
    let city = site.page("areas/shi/index.html");
    assert_eq!(city.select(&sel("#level-provincial")).count(), 1);

    // The county deputies, more than 24, are seated by a constituency covering the
    // township: the township names them, its villages link there, the county has none.
    assert_eq!(
        in_level(&site, "areas/zhen/index.html", "county", "ul.names li").len(),
        26
    );
    assert_eq!(
        hrefs(&site, "areas/cun2/index.html", "county"),
        ["../../areas/zhen/index.html#level-county"]
    );
    assert!(in_level(&site, "areas/xian/index.html", "county", "h3").is_empty());
    let township = site.page("areas/zhen/index.html");
    assert_eq!(township.select(&sel("#level-county")).count(), 1);

    // A short level stays as cards on the page of every place it represents.
    assert_eq!(
        in_level(
            &site,
            "areas/cun1/index.html",
            "township",
            "li.card a.card-title"
        )
        .len(),
        3
    );
}

#[test]
fn a_linked_list_names_its_place_in_the_language_it_is_written_in() {
    let (_tmp, site) = built("languages: [zh-Hans, en]\n");
    let page = "en/areas/cun1/index.html";
    assert_eq!(
        in_level(&site, page, "provincial", "p.listed-at a"),
        ["All 30 deputies are listed on the page of 某市"]
    );
    // The untranslated name is marked as Chinese, for a screen reader's voice.
    assert_eq!(
        in_level(
            &site,
            page,
            "provincial",
            r#"p.listed-at a span[lang="zh-Hans"]"#
        ),
        ["某市"]
    );
    assert_eq!(
        hrefs(&site, page, "provincial"),
        ["../../areas/shi/index.html#level-provincial"]
    );
    assert!(site.exists("en/areas/shi/index.html"));
}
