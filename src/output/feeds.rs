//! Machine-read files: sitemap.xml (absolute URLs from base_url; a sitemap index of
//! `sitemaps/N.xml` above the protocol's 50,000 addresses per file), robots.txt and the Atom
//! feed of activities ([`atom`]: a download of the `/data/` page, so `output::opendata`
//! makes and writes it, before the pages).

use crate::escape::markup;
use crate::model::Model;
use crate::site::{self, Job, urls};

/// The sitemap protocol's limit of addresses per file (<https://www.sitemaps.org/protocol.html>).
const SITEMAP_URLS: usize = 50_000;

pub fn all(model: &Model, jobs: &[Job]) -> Vec<(String, String)> {
    let mut files = sitemaps(model, jobs, SITEMAP_URLS);
    files.push(("robots.txt".to_owned(), robots(model)));
    files
}

/// `sitemap.xml` with every address; above `per_file` addresses (a provincial or national
/// site), `sitemap.xml` is instead a sitemap index of `sitemaps/1.xml`, `sitemaps/2.xml` …
/// with at most `per_file` addresses each, so `robots.txt` names the same file either way.
fn sitemaps(model: &Model, jobs: &[Job], per_file: usize) -> Vec<(String, String)> {
    // The 404 page is not an address, and posters are print copies of station pages.
    let pages: Vec<Job> = jobs
        .iter()
        .copied()
        .filter(|job| !matches!(job, Job::NotFound | Job::Poster(_)))
        .collect();
    let base = &model.config.base_url;
    // The first language's sitemap lists every language's pages (a further language's
    // tree is the same pages under `/<lang>/`).
    let c = &model.config;
    let bases: Vec<String> = if c.languages.len() > 1 && c.language == c.languages[0] {
        c.languages
            .iter()
            .enumerate()
            .map(|(i, l)| match i {
                0 => c.home_url.clone(),
                _ => format!("{}{}/", c.home_url, l.as_str()),
            })
            .collect()
    } else {
        vec![base.clone()]
    };
    let items: Vec<(&str, Job)> = bases
        .iter()
        .flat_map(|b| pages.iter().map(move |&job| (b.as_str(), job)))
        .collect();
    split(base, &items, per_file, |&(b, job)| {
        format!("{b}{}", urls::pretty(&site::path(model, job)))
    })
}

/// The sitemap files for `items`, whose absolute addresses `url` gives (see [`sitemaps`]).
fn split<T>(
    base: &str,
    items: &[T],
    per_file: usize,
    url: impl Fn(&T) -> String,
) -> Vec<(String, String)> {
    const HEAD: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    const NS: &str = "xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\"";
    let urlset = |items: &[T]| {
        let mut s = format!("{HEAD}<urlset {NS}>\n");
        for item in items {
            s.push_str("<url><loc>");
            s.push_str(&markup(&url(item)));
            s.push_str("</loc></url>\n");
        }
        s.push_str("</urlset>\n");
        s
    };
    if items.len() <= per_file {
        return vec![("sitemap.xml".to_owned(), urlset(items))];
    }
    let mut index = format!("{HEAD}<sitemapindex {NS}>\n");
    let mut files = vec![];
    for (i, chunk) in items.chunks(per_file.max(1)).enumerate() {
        let rel = format!("sitemaps/{}.xml", i + 1);
        index.push_str("<sitemap><loc>");
        index.push_str(&markup(&format!("{base}{rel}")));
        index.push_str("</loc></sitemap>\n");
        files.push((rel, urlset(chunk)));
    }
    index.push_str("</sitemapindex>\n");
    files.insert(0, ("sitemap.xml".to_owned(), index));
    files
}

fn robots(model: &Model) -> String {
    format!(
        "User-agent: *\nAllow: /\nSitemap: {}sitemap.xml\n",
        model.config.base_url
    )
}

/// The latest 50 activities; `updated` is the newest activity's date, so the feed is the
/// same on every build of the same content.
pub fn atom(model: &Model) -> String {
    let base = &model.config.base_url;
    let updated = model.links.activities_newest.first().map_or_else(
        || model.as_of.to_string(),
        |&a| model.activities[a as usize].date.to_string(),
    );
    let mut s = format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n<title>{}</title>\n<id>{base}</id>\n<link href=\"{base}\"/>\n<link rel=\"self\" href=\"{base}feed.xml\"/>\n<updated>{updated}T00:00:00Z</updated>\n<author><name>{}</name></author>\n",
        model.config.language.as_str(),
        markup(&model.config.title),
        markup(if model.config.publisher.is_empty() {
            &model.config.title
        } else {
            &model.config.publisher
        }),
    );
    for &a in model.links.activities_newest.iter().take(50) {
        let act = &model.activities[a as usize];
        let url = format!("{base}{}", urls::pretty(&urls::item("activities", &act.id)));
        s.push_str(&format!(
            "<entry><title>{}</title><id>{}</id><link href=\"{}\"/><updated>{}T00:00:00Z</updated><content type=\"html\">{}</content></entry>\n",
            markup(&act.title),
            markup(&url),
            markup(&url),
            act.date,
            markup(&act.body_html)
        ));
    }
    s.push_str("</feed>\n");
    s
}

#[cfg(test)]
mod tests {
    use super::split;

    fn url(p: &&str) -> String {
        format!("https://x.cn/{p}")
    }

    #[test]
    fn a_sitemap_within_the_limit_is_one_urlset() {
        let files = split("https://x.cn/", &["", "a/", "b/"], 3, url);
        assert_eq!(files.len(), 1);
        let (rel, xml) = &files[0];
        assert_eq!(rel, "sitemap.xml");
        assert!(xml.contains("<urlset"), "{xml}");
        assert_eq!(xml.matches("<loc>").count(), 3, "{xml}");
    }

    #[test]
    fn a_sitemap_over_the_limit_becomes_an_index_of_files_within_it() {
        let pages = ["", "a/", "b/", "c/", "d&e/"];
        let files = split("https://x.cn/", &pages, 2, url);
        let rels: Vec<&str> = files.iter().map(|(r, _)| r.as_str()).collect();
        assert_eq!(
            rels,
            [
                "sitemap.xml",
                "sitemaps/1.xml",
                "sitemaps/2.xml",
                "sitemaps/3.xml"
            ]
        );
        let index = &files[0].1;
        assert!(index.contains("<sitemapindex"), "{index}");
        assert!(!index.contains("<urlset"), "{index}");
        assert!(
            index.contains("<loc>https://x.cn/sitemaps/3.xml</loc>"),
            "{index}"
        );
        let mut all = vec![];
        for (_, xml) in &files[1..] {
            assert!(xml.matches("<loc>").count() <= 2, "{xml}");
            all.extend(
                xml.split("<loc>")
                    .skip(1)
                    .map(|s| s.split("</loc>").next().unwrap_or("")),
            );
        }
        assert_eq!(
            all,
            [
                "https://x.cn/",
                "https://x.cn/a/",
                "https://x.cn/b/",
                "https://x.cn/c/",
                "https://x.cn/d&amp;e/"
            ]
        );
    }
}
