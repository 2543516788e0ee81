//! The `/report-backs/` page: per congress (level and area), the serving deputies who have
//! reported back to voters (述职) this term and those who have not yet — counts and names in
//! id order, never a ranking; in pages of about [`PAGE_LINKS`] links, each row naming at
//! most [`ROW_NAMES`] deputies per column. `data/report-backs.csv` (written by `output::opendata`) has
//! the same rows, one per deputy, from [`by_congress`].

use serde::Serialize;

use super::Strings;
use super::cards::{self, AreaCard, NameLink};
use super::congress::Congress;
use super::deputy_record::{self, this_term};
use crate::model::Model;
use crate::vocab::Level;

/// One congress's serving deputies: each with their latest report-back this term.
pub type CongressDeputies = (Congress, Vec<(u32, Option<u32>)>);

/// The serving deputies of each congress, in congress order (level, then area), each in id
/// order with their latest report-back this term.
pub fn by_congress(model: &Model) -> Vec<CongressDeputies> {
    let mut out: Vec<CongressDeputies> = Vec::new();
    let mut order: Vec<u32> = (0..model.deputies.len() as u32)
        .filter(|&d| model.deputies[d as usize].is_active())
        .collect();
    order.sort_by_cached_key(|&d| {
        let dep = &model.deputies[d as usize];
        (Congress::of(model, dep), dep.id.clone())
    });
    for d in order {
        let c = Congress::of(model, &model.deputies[d as usize]);
        let reported = deputy_record::reported_this_term(model, d);
        match out.last_mut() {
            Some((last, v)) if *last == c => v.push((d, reported)),
            _ => out.push((c, vec![(d, reported)])),
        }
    }
    out
}

#[derive(Debug, Serialize)]
pub struct CongressRow<'a> {
    pub level: Level,
    pub congress: String,
    pub area: Option<AreaCard<'a>>,
    pub total: usize,
    /// The first [`ROW_NAMES`] names of each column; the counts are of all.
    pub reported: Vec<NameLink<'a>>,
    pub not_reported: Vec<NameLink<'a>>,
    pub reported_count: usize,
    pub not_reported_count: usize,
    /// Names not listed in each column.
    pub reported_more: usize,
    pub not_reported_more: usize,
}

/// Names listed in one column of a congress's row (a national congress has thousands):
/// past them the row says how many more there are, and the download lists everyone.
pub const ROW_NAMES: usize = 100;
/// Links on one page of `/report-backs/` (a row counts one plus its names listed): at
/// about 100 bytes a link, a page stays far below the page bound (250 KB).
pub const PAGE_LINKS: usize = 1500;

#[derive(Debug, Serialize)]
pub struct ReportBacksPage<'a> {
    pub term_from: String,
    pub term_to: String,
    pub rows: Vec<CongressRow<'a>>,
    pub reported: usize,
    pub not_reported: usize,
    pub csv: &'static str,
    /// The rows are split into pages of about [`PAGE_LINKS`] links.
    pub pager: super::records::Pager,
}

/// The rows (congresses) each page of `/report-backs/` lists, given each row's
/// (reported, not reported) counts: rows in order until a page holds [`PAGE_LINKS`] links.
/// Always at least one page.
pub fn pages_of(rows: &[(usize, usize)]) -> Vec<std::ops::Range<usize>> {
    let mut pages = Vec::new();
    let (mut start, mut links) = (0, 0);
    for (i, &(yes, no)) in rows.iter().enumerate() {
        let cost = 1 + yes.min(ROW_NAMES) + no.min(ROW_NAMES);
        if links > 0 && links + cost > PAGE_LINKS {
            pages.push(start..i);
            (start, links) = (i, 0);
        }
        links += cost;
    }
    pages.push(start..rows.len());
    pages
}

/// Each congress's (reported, not reported) counts, in the order of [`by_congress`].
fn counts(congresses: &[CongressDeputies]) -> Vec<(usize, usize)> {
    congresses
        .iter()
        .map(|(_, ds)| {
            let yes = ds.iter().filter(|(_, r)| r.is_some()).count();
            (yes, ds.len() - yes)
        })
        .collect()
}

/// How many pages `/report-backs/` has.
pub fn page_count(model: &Model) -> usize {
    pages_of(&counts(&by_congress(model))).len()
}

/// The download's path.
pub const CSV_PATH: &str = "data/report-backs.csv";

/// Page `n` (from 1) of `/report-backs/`; the totals are of every congress.
pub fn page<'a>(model: &'a Model, strings: &Strings, n: usize) -> ReportBacksPage<'a> {
    let link = |d: u32| cards::name_link(model, d);
    let congresses = by_congress(model);
    // The terms the rows cover: from the earliest start to the latest end of the deputies'
    // own terms (one window on a site without term dates).
    let windows: Vec<_> = congresses
        .iter()
        .flat_map(|(_, ds)| ds.iter().map(|&(d, _)| this_term(model, d)))
        .collect();
    let from = windows.iter().map(|w| w.0).min();
    let to = windows.iter().map(|w| w.1).max();
    let (from, to) = from.zip(to).unwrap_or((model.as_of, model.as_of));
    let counts = counts(&congresses);
    let pages = pages_of(&counts);
    let shown = pages.get(n - 1).cloned().unwrap_or(0..0);
    let rows: Vec<CongressRow<'a>> = congresses
        .into_iter()
        .zip(&counts)
        .skip(shown.start)
        .take(shown.len())
        .map(|((c, ds), &(yes, no))| CongressRow {
            level: c.level,
            congress: c.name(model, strings),
            area: c.area.map(|a| cards::area(model, a)),
            total: ds.len(),
            reported: ds
                .iter()
                .filter(|(_, r)| r.is_some())
                .take(ROW_NAMES)
                .map(|&(d, _)| link(d))
                .collect(),
            not_reported: ds
                .iter()
                .filter(|(_, r)| r.is_none())
                .take(ROW_NAMES)
                .map(|&(d, _)| link(d))
                .collect(),
            reported_count: yes,
            not_reported_count: no,
            reported_more: yes.saturating_sub(ROW_NAMES),
            not_reported_more: no.saturating_sub(ROW_NAMES),
        })
        .collect();
    ReportBacksPage {
        term_from: from.to_string(),
        term_to: to.to_string(),
        reported: counts.iter().map(|c| c.0).sum(),
        not_reported: counts.iter().map(|c| c.1).sum(),
        rows,
        csv: CSV_PATH,
        pager: super::records::pager("report-backs", n, pages.len()),
    }
}
