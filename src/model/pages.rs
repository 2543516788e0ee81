//! Free pages (`pages/**.md`): about us, how to reach your deputy, laws.

use super::check::{Checker, valid_id};
use crate::diag::Diagnostic;
use crate::sources::Item;
use crate::sources::raw::RawPage;

/// URL segments the site itself uses; a free page may not take them.
pub const RESERVED: &[&str] = &[
    "areas",
    "deputies",
    "stations",
    "activities",
    "suggestions",
    "handlers",
    "units",
    "groups",
    "report-backs",
    "calendar",
    "data",
    "search",
    "static",
    "assets",
    "elder",
    "pagefind",
    "404",
    "404.html",
    "sitemap.xml",
    "sitemaps",
    "robots.txt",
    "feed.xml",
    "calendar.ics",
    "index",
];

#[derive(Debug, Clone)]
pub struct Page {
    /// The path below `pages/` without extension: `about`, `law/deputies-law`.
    pub path: String,
    pub title: String,
    pub weight: Option<i32>,
    pub description: Option<String>,
    pub extra: Option<serde_json::Value>,
    pub body_html: String,
}

pub fn validate(item: &Item<RawPage>, ck: &mut Checker<'_>) -> Option<Page> {
    let bad: Vec<&str> = item.path_segments().filter(|s| !valid_id(s)).collect();
    if !bad.is_empty() {
        ck.push(
            Diagnostic::error(
                ck.origin.start(),
                format!("`{}` cannot be part of a web address", bad.join("/")),
            )
            .hint("name page files and folders with lowercase ASCII letters, digits and `-`"),
        );
    }
    if let Some(first) = item.path_segments().next()
        && RESERVED.contains(&first)
    {
        ck.push(
            Diagnostic::error(
                ck.origin.start(),
                format!(
                    "the page address /{}/ collides with the site's own section /{first}/",
                    item.id
                ),
            )
            .hint(format!(
                "rename pages/{first} (the names {} are taken by the site)",
                RESERVED.join(", ")
            )),
        );
        return None;
    }
    Some(Page {
        path: item.id.clone(),
        title: ck.localized(&item.raw.title),
        weight: item.raw.weight,
        description: item.raw.description.as_ref().map(|t| ck.localized(t)),
        extra: item.raw.extra.clone(),
        body_html: String::new(),
    })
}

impl<T> Item<T> {
    fn path_segments(&self) -> impl Iterator<Item = &str> {
        self.id.split('/')
    }
}
