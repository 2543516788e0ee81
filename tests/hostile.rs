//! Hostile content: `tests/cases/hostile/` puts scripts, event handlers and `javascript:`
//! links in Markdown bodies and HTML in YAML and CSV values. The site must build, show
//! those values as text, and contain no active markup but the theme's own two scripts.

mod common;

use common::{AS_OF, Built, build, case, html_files, sel, text};
use scraper::Html;

const BASE: &str = "https://rd.hostile.example.cn/";

fn hostile() -> Built {
    build(&case("hostile"), AS_OF)
}

/// An attribute value as a browser would read a URL: ASCII whitespace and control
/// characters dropped, lowercase.
fn as_url(value: &str) -> String {
    value
        .chars()
        .filter(|c| !c.is_ascii_whitespace() && !c.is_control())
        .collect::<String>()
        .to_ascii_lowercase()
}

/// The theme's own scripts: the `.js` files of `themes/default/static/`, published under
/// `assets/`.
fn theme_scripts() -> Vec<String> {
    common::files(&common::repo().join("themes/default/static"))
        .into_iter()
        .filter(|f| f.ends_with(".js"))
        .collect()
}

/// Where `url`, written in the page `rel`, points below the site root (`None` when it
/// leaves the site): base_url-relative on the 404 page, page-relative elsewhere.
fn site_path(rel: &str, url: &str) -> Option<String> {
    if rel == "404.html" {
        return url.strip_prefix(BASE).map(str::to_owned);
    }
    if url.contains(':') || url.starts_with('/') {
        return None;
    }
    let mut parts: Vec<&str> = rel.split('/').collect();
    parts.pop();
    for seg in url.split(['?', '#']).next().unwrap_or("").split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    Some(parts.join("/"))
}

/// Everything active in one page, one line each. Allowed: the theme's two scripts, which
/// every page with the site's layout has exactly once (`assets/site.js` and the inline
/// snippet that restores the elder-friendly mode from localStorage); other scripts of the
/// theme's own (`assets/search.js` on the search page); JSON-LD data blocks that cannot end
/// their `<script>` element early; and the theme's search forms, which lead to the site's
/// search page. Nothing else can run, load a frame or an object, or send a form anywhere.
fn active_markup(rel: &str, page: &Html, theme_js: &[String]) -> Vec<String> {
    let mut found = Vec::new();
    let (mut site_js, mut snippets) = (0, 0);
    for script in page.select(&sel("script")) {
        let body: String = script.text().collect();
        match (script.value().attr("src"), script.value().attr("type")) {
            (Some(src), _) => match site_path(rel, src) {
                Some(p) if p == "assets/site.js" => site_js += 1,
                Some(p)
                    if p.strip_prefix("assets/")
                        .is_some_and(|f| theme_js.iter().any(|t| t == f)) => {}
                _ => found.push(format!("{rel}: a script that is not the theme's: {src}")),
            },
            (None, Some("application/ld+json")) => {
                if body.contains('<') {
                    found.push(format!("{rel}: a `<` in a JSON-LD block: {body}"));
                }
                if let Err(e) = serde_json::from_str::<serde_json::Value>(&body) {
                    found.push(format!(
                        "{rel}: a JSON-LD block that is not JSON ({e}): {body}"
                    ));
                }
            }
            (None, _) if body.contains("localStorage") && body.contains("lianluo-elder") => {
                snippets += 1;
            }
            (None, _) => found.push(format!("{rel}: an inline script: {body}")),
        }
    }
    // Pages with the site's layout have the theme's two scripts exactly once; others (the
    // printable station posters) have none.
    let expected = usize::from(page.select(&sel("nav.site-nav")).next().is_some());
    if (site_js, snippets) != (expected, expected) {
        found.push(format!(
            "{rel}: site.js {site_js} times and the localStorage snippet {snippets} times, expected {expected}"
        ));
    }
    for el in page.select(&sel("*")) {
        let name = el.value().name();
        for forbidden in ["iframe", "frame", "object", "embed", "applet", "base"] {
            if name.eq_ignore_ascii_case(forbidden) {
                found.push(format!("{rel}: a <{name}> element"));
            }
        }
        if name == "form" {
            let action = el.value().attr("action").unwrap_or("");
            if site_path(rel, action).as_deref() != Some("search/index.html") {
                found.push(format!("{rel}: a <form action=\"{action}\">"));
            }
        }
        if name == "meta" && el.value().attr("http-equiv").is_some() {
            found.push(format!("{rel}: a <meta http-equiv>"));
        }
        for (attr, value) in el.value().attrs() {
            if attr.to_ascii_lowercase().starts_with("on") {
                found.push(format!("{rel}: <{name} {attr}=\"{value}\">"));
            }
            let url = as_url(value);
            for scheme in ["javascript:", "vbscript:", "data:text/html"] {
                if url.starts_with(scheme) || url.contains(&format!("url({scheme}")) {
                    found.push(format!("{rel}: <{name} {attr}=\"{value}\">"));
                }
            }
        }
    }
    found
}

/// The check itself: it must find what it is meant to find.
#[test]
fn the_active_markup_check_finds_active_markup() {
    let theme_js = theme_scripts();
    assert!(theme_js.contains(&"site.js".to_owned()), "{theme_js:?}");
    let page = Html::parse_document(
        r#"<html><head><script>try{localStorage.getItem("lianluo-elder")}catch{}</script>
        <script type="application/ld+json">{"name":"<b>"}</script><script type="application/ld+json">{oops}</script></head><body>
        <nav class="site-nav"></nav><img src=x onerror=alert(1)><a href=" JaVa&#x09;Script:alert(1)">x</a>
        <form action="https://evil.example.cn/"></form><form action="../../search/index.html"></form>
        <iframe src="a.html"></iframe><script>alert(1)</script><script src="../../assets/evil.js"></script>
        <div style="background:url(javascript:alert(1))"></div></body></html>"#,
    );
    let found = active_markup("deputies/x/index.html", &page, &theme_js);
    let expected = [
        "a `<` in a JSON-LD block",
        "a JSON-LD block that is not JSON",
        "an inline script: alert(1)",
        "a script that is not the theme's: ../../assets/evil.js",
        "site.js 0 times and the localStorage snippet 1 times, expected 1",
        "<img onerror=",
        "<a href=",
        "a <form action=\"https://evil.example.cn/\">",
        "a <iframe> element",
        "<div style=",
    ];
    for e in expected {
        assert!(
            found.iter().any(|f| f.contains(e)),
            "`{e}` not found in:\n{}",
            found.join("\n")
        );
    }
    assert_eq!(found.len(), expected.len(), "{}", found.join("\n"));
}

#[test]
fn hostile_content_builds_into_pages_without_active_markup() {
    let site = hostile();
    let theme_js = theme_scripts();
    let pages = html_files(&site.out);
    let with_layout = pages
        .iter()
        .filter(|rel| site.page(rel).select(&sel("nav.site-nav")).next().is_some())
        .count();
    assert!(
        with_layout >= 20,
        "only {with_layout} pages with the site's layout: {pages:?}"
    );
    let found: Vec<String> = pages
        .iter()
        .flat_map(|rel| active_markup(rel, &site.page(rel), &theme_js))
        .collect();
    assert!(
        found.is_empty(),
        "{} pieces of active markup:\n{}",
        found.len(),
        found.join("\n")
    );
}

/// The check above would pass on pages that dropped the values altogether: make sure
/// each hostile value is there, as the text the editor typed.
#[test]
fn hostile_values_are_published_as_text() {
    let site = hostile();
    let first = |rel: &str, css: &str| -> String {
        site.page(rel)
            .select(&sel(css))
            .next()
            .map(text)
            .unwrap_or_else(|| panic!("{rel}: nothing matches {css}"))
    };
    let deputy = "deputies/xss/index.html";
    assert_eq!(first(deputy, "h1"), "<script>alert(1)</script>");
    let facts = first(deputy, "dl.facts");
    assert!(
        facts.contains(r#""><img src=x onerror=alert(1)>"#),
        "{facts}"
    );
    assert!(
        facts.contains(r#"<a href="javascript:alert(1)">代表小组</a>"#),
        "{facts}"
    );
    let contacts = first(deputy, "ul.contacts");
    assert!(contacts.contains("<svg onload=alert(1)>"), "{contacts}");
    assert!(contacts.contains("javascript:alert(1)"), "{contacts}");
    assert_eq!(
        first("suggestions/2025-001/index.html", "p.summary"),
        r#"<b onmouseover=alert(1)>路灯</b>不亮<script>alert("summary")</script>，<a href="javascript:alert(1)">详情</a>"#
    );
    assert_eq!(
        first("suggestions/2025-002/index.html", "p.summary"),
        r#"<script>alert("csv")</script>灌溉渠堵塞<img src=x onerror=alert(1)>"#
    );
    assert_eq!(
        first("stations/evil-station/index.html", "h1"),
        "东城镇联络站<script>alert(1)</script>"
    );
    assert_eq!(
        first("evil/index.html", "h1"),
        r#"<script>alert("page")</script>关于我们"#
    );
    assert_eq!(
        first("units/pla/index.html", "h1"),
        "<iframe src=javascript:alert(1)></iframe>部队"
    );
    let title = first("index.html", "title");
    assert_eq!(
        title,
        r#"测试县<script>alert("title")</script>人大代表联络网"#
    );
    // A Markdown body keeps its text and loses only the active parts.
    let bio = first(deputy, r#"section[aria-labelledby="bio-h"]"#);
    for kept in [
        "点这里",
        "Markdown 链接",
        "大小写",
        "引用链接",
        "悬停",
        "详情",
    ] {
        assert!(bio.contains(kept), "`{kept}` is missing from {bio}");
    }
}

#[test]
fn feed_carries_hostile_titles_escaped() {
    let site = hostile();
    let feed = site.text("feed.xml");
    assert!(!feed.contains("<script"), "{feed}");
    assert!(
        feed.contains(
            "<title>&lt;script&gt;alert(&quot;activity&quot;)&lt;/script&gt;代表视察</title>"
        ),
        "{feed}"
    );
    assert!(!feed.to_ascii_lowercase().contains("javascript:"), "{feed}");
}
