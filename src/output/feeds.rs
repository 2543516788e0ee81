//! Machine-read files: sitemap.xml (absolute URLs from base_url), robots.txt and the Atom
//! feed of activities ([`atom`]: a download of the `/data/` page, so `output::opendata`
//! makes and writes it, before the pages).

use crate::escape::markup;
use crate::model::Model;
use crate::site::{self, Job, urls};

pub fn all(m: &Model, jobs: &[Job]) -> Vec<(&'static str, String)> {
    vec![("sitemap.xml", sitemap(m, jobs)), ("robots.txt", robots(m))]
}

fn sitemap(m: &Model, jobs: &[Job]) -> String {
    let mut s = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for &job in jobs {
        // The 404 page is not an address, and posters are print copies of station pages.
        if matches!(job, Job::NotFound | Job::Poster(_)) {
            continue;
        }
        let path = site::path(m, job);
        s.push_str("<url><loc>");
        s.push_str(&markup(&format!(
            "{}{}",
            m.config.base_url,
            urls::pretty(&path)
        )));
        s.push_str("</loc></url>\n");
    }
    s.push_str("</urlset>\n");
    s
}

fn robots(m: &Model) -> String {
    format!(
        "User-agent: *\nAllow: /\nSitemap: {}sitemap.xml\n",
        m.config.base_url
    )
}

/// The latest 50 activities; `updated` is the newest activity's date, so the feed is the
/// same on every build of the same content.
pub fn atom(m: &Model) -> String {
    let base = &m.config.base_url;
    let updated = m.links.activities_newest.first().map_or_else(
        || m.as_of.to_string(),
        |&a| m.activities[a as usize].date.to_string(),
    );
    let mut s = format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n<title>{}</title>\n<id>{base}</id>\n<link href=\"{base}\"/>\n<link rel=\"self\" href=\"{base}feed.xml\"/>\n<updated>{updated}T00:00:00Z</updated>\n<author><name>{}</name></author>\n",
        m.config.language.as_str(),
        markup(&m.config.title),
        markup(if m.config.publisher.is_empty() {
            &m.config.title
        } else {
            &m.config.publisher
        }),
    );
    for &a in m.links.activities_newest.iter().take(50) {
        let act = &m.activities[a as usize];
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
