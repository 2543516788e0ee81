//! A link checker over built sites (the demo `content/` and `tests/cases/valid/`).
//!
//! Every `href`, `src` and form `action` of every HTML page is external (`http(s)://`, `mailto:`, `tel:`)
//! or resolves to a file of the site relative to the page (a folder link ending in `/`
//! means its `index.html`), and every `#fragment` names an `id` of its target page. No link
//! is root-absolute (`/…`), so the site works in a sub-folder and from disk. The 404 page is
//! served at any depth, so its links start with base_url instead; those, like every link
//! starting with base_url, must name an existing page once base_url is stripped. Ids are
//! unique in their page, and labels and ARIA references name ids of their own page.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use common::{AS_OF, build, case, demo, html_files, sel};
use scraper::Html;

/// The base_url of a built site, read from its robots.txt.
fn base_url(out: &Path) -> String {
    let robots = std::fs::read_to_string(out.join("robots.txt")).expect("read robots.txt");
    robots
        .lines()
        .find_map(|l| l.strip_prefix("Sitemap: "))
        .and_then(|s| s.strip_suffix("sitemap.xml"))
        .expect("robots.txt names the sitemap")
        .to_owned()
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(b)) => {
                out.push(b);
                i += 3;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// `dir` (a folder of the site, `""` for the root, else ending in `/`) joined with a
/// relative path, `.` and `..` resolved; `None` if it climbs above the root.
fn join(dir: &str, path: &str) -> Option<String> {
    let mut parts: Vec<&str> = dir.split('/').filter(|p| !p.is_empty()).collect();
    for seg in path.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    let mut joined = parts.join("/");
    if path.ends_with('/') || path.is_empty() {
        if !joined.is_empty() {
            joined.push('/');
        }
        joined.push_str("index.html");
    }
    Some(joined)
}

struct Checker<'a> {
    out: &'a Path,
    base: String,
    /// The ids of every page, by path.
    ids: BTreeMap<String, BTreeSet<String>>,
    broken: Vec<String>,
}

impl Checker<'_> {
    /// Check that `target` (a site path, maybe with `#fragment`) names a file and anchor.
    fn target(&mut self, from: &str, url: &str, path: &str, fragment: Option<&str>) {
        if !self.out.join(path).is_file() {
            let what = if self.out.join(path).is_dir() {
                "a folder (write the link with a final `/` or `index.html`)"
            } else {
                "no such file"
            };
            self.broken
                .push(format!("{from}: `{url}` → {path}: {what}"));
            return;
        }
        let Some(fragment) = fragment.filter(|f| !f.is_empty()) else {
            return;
        };
        let fragment = percent_decode(fragment);
        match self.ids.get(path) {
            Some(ids) if ids.contains(&fragment) => {}
            Some(_) => self
                .broken
                .push(format!("{from}: `{url}` → {path} has no id `{fragment}`")),
            None => self.broken.push(format!(
                "{from}: `{url}` → {path} is not an HTML page, it has no #{fragment}"
            )),
        }
    }

    fn link(&mut self, from: &str, url: &str) {
        let url = url.trim();
        // A calendar subscription (`webcal://`) is the https address of a file of the site.
        if let Some(rest) = url.strip_prefix("webcal://") {
            let https = match self.base.split_once("://") {
                Some((scheme, _)) => format!("{scheme}://{rest}"),
                None => format!("https://{rest}"),
            };
            if !https.starts_with(self.base.as_str()) || !https.ends_with(".ics") {
                self.broken
                    .push(format!("{from}: `{url}` is not a calendar of this site"));
                return;
            }
            return self.link(from, &https);
        }
        let (rest, fragment) = match url.split_once('#') {
            Some((r, f)) => (r, Some(f)),
            None => (url, None),
        };
        let rest = rest.split_once('?').map_or(rest, |(r, _)| r);
        if let Some(site_path) = url.strip_prefix(self.base.as_str()) {
            let site_path = site_path.split(['#', '?']).next().unwrap_or("");
            let Some(path) = join("", &percent_decode(site_path)) else {
                self.broken
                    .push(format!("{from}: `{url}` climbs above base_url"));
                return;
            };
            self.target(from, url, &path, fragment);
            return;
        }
        if from == "404.html" && !rest.is_empty() && !is_external(url) {
            self.broken.push(format!(
                "{from}: `{url}` does not start with base_url {} (the 404 page is served at any depth)",
                self.base
            ));
            return;
        }
        if is_external(url) {
            return;
        }
        if url.starts_with('/') {
            self.broken
                .push(format!("{from}: `{url}` is root-absolute"));
            return;
        }
        let scheme_end = rest.find(':');
        let path_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
        if scheme_end.is_some_and(|c| c < path_end) {
            self.broken
                .push(format!("{from}: `{url}` has an unexpected scheme"));
            return;
        }
        if rest.is_empty() {
            // `#fragment` or `#`: this page.
            self.target(from, url, from, fragment);
            return;
        }
        let dir = from.rsplit_once('/').map_or("", |(d, _)| d);
        let dir = if dir.is_empty() {
            String::new()
        } else {
            format!("{dir}/")
        };
        match join(&dir, &percent_decode(rest)) {
            Some(path) => self.target(from, url, &path, fragment),
            None => self
                .broken
                .push(format!("{from}: `{url}` climbs above the site root")),
        }
    }
}

fn is_external(url: &str) -> bool {
    ["http://", "https://", "mailto:", "tel:"]
        .iter()
        .any(|s| url.starts_with(s))
}

/// Every broken link of the site built at `out`, one line each.
fn broken_links(out: &Path) -> Vec<String> {
    let pages: Vec<(String, Html)> = html_files(out)
        .into_iter()
        .map(|rel| {
            let text = std::fs::read_to_string(out.join(&rel)).expect("read a page");
            let html = Html::parse_document(&text);
            (rel, html)
        })
        .collect();
    let mut checker = Checker {
        out,
        base: base_url(out),
        ids: BTreeMap::new(),
        broken: Vec::new(),
    };
    let with_id = sel("[id]");
    for (rel, html) in &pages {
        let mut ids = BTreeSet::new();
        for el in html.select(&with_id) {
            let id = el.value().attr("id").unwrap_or("").to_owned();
            if !ids.insert(id.clone()) {
                checker
                    .broken
                    .push(format!("{rel}: the id `{id}` is used twice"));
            }
        }
        checker.ids.insert(rel.clone(), ids);
    }
    // References to ids of the same page (labels, accessible names) must resolve too.
    let referring = sel("[aria-labelledby], [aria-describedby], [aria-controls], label[for]");
    for (rel, html) in &pages {
        for el in html.select(&referring) {
            for attr in [
                "aria-labelledby",
                "aria-describedby",
                "aria-controls",
                "for",
            ] {
                for id in el.value().attr(attr).unwrap_or("").split_whitespace() {
                    if !checker.ids[rel].contains(id) {
                        checker
                            .broken
                            .push(format!("{rel}: {attr}=\"{id}\" names no id of the page"));
                    }
                }
            }
        }
    }
    let linking = sel("[href], [src], form[action]");
    for (rel, html) in &pages {
        for el in html.select(&linking) {
            for attr in ["href", "src", "action"] {
                if let Some(url) = el.value().attr(attr) {
                    checker.link(rel, url);
                }
            }
        }
    }
    checker.broken
}

fn assert_no_broken_links(out: &Path, what: &str) {
    let broken = broken_links(out);
    assert!(
        broken.is_empty(),
        "{} broken links in {what}:\n{}",
        broken.len(),
        broken.join("\n")
    );
}

#[test]
fn the_demo_site_has_no_broken_links() {
    let site = build(&demo(), AS_OF);
    assert_no_broken_links(&site.out, "the demo site");
}

#[test]
fn the_valid_fixture_has_no_broken_links() {
    let site = build(&case("valid"), AS_OF);
    assert_no_broken_links(&site.out, "tests/cases/valid");
}

/// The checker itself: it must find what it is meant to find.
#[test]
fn the_link_checker_finds_broken_links() {
    let tmp = common::tempdir();
    let out = tmp.path();
    std::fs::write(
        out.join("robots.txt"),
        "Sitemap: https://x.example.cn/sub/sitemap.xml\n",
    )
    .expect("write");
    std::fs::create_dir_all(out.join("a")).expect("mkdir");
    std::fs::write(
        out.join("index.html"),
        r##"<p id="top" id="x"></p><span id="top"></span>
        <a href="a/index.html">ok</a><a href="a/">ok</a><a href="#top">ok</a><a href="#">ok</a>
        <a href="https://elsewhere.example.cn/">ok</a><a href="mailto:a@b.cn">ok</a><a href="tel:123">ok</a>
        <a href="https://x.example.cn/sub/a/">ok</a>
        <a href="missing/index.html">1</a><a href="a">2</a><a href="/a/index.html">3</a>
        <a href="a/index.html#nowhere">4</a><a href="javascript:void(0)">5</a><a href="../up.html">6</a>
        <img src="b.png"><a href="https://x.example.cn/sub/gone/">7</a>
        <section aria-labelledby="top nothing"></section><label for="q">q</label>"##,
    )
    .expect("write");
    std::fs::write(out.join("a/index.html"), r#"<h1 id="here">a</h1>"#).expect("write");
    std::fs::write(
        out.join("404.html"),
        r##"<a href="index.html">8</a><a href="https://x.example.cn/sub/index.html">ok</a><a href="#top">9</a>"##,
    )
    .expect("write");
    let broken = broken_links(out);
    let expected = [
        "index.html: the id `top` is used twice",
        "index.html: `missing/index.html` → missing/index.html: no such file",
        "index.html: `a` → a: a folder (write the link with a final `/` or `index.html`)",
        "index.html: `/a/index.html` is root-absolute",
        "index.html: `a/index.html#nowhere` → a/index.html has no id `nowhere`",
        "index.html: `javascript:void(0)` has an unexpected scheme",
        "index.html: `../up.html` climbs above the site root",
        "index.html: `b.png` → b.png: no such file",
        "index.html: `https://x.example.cn/sub/gone/` → gone/index.html: no such file",
        "index.html: aria-labelledby=\"nothing\" names no id of the page",
        "index.html: for=\"q\" names no id of the page",
        "404.html: `index.html` does not start with base_url https://x.example.cn/sub/ (the 404 page is served at any depth)",
        "404.html: `#top` → 404.html has no id `top`",
    ];
    let mut got = broken.clone();
    got.sort();
    let mut want: Vec<String> = expected.iter().map(|s| (*s).to_owned()).collect();
    want.sort();
    assert_eq!(got, want);
}
