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

/// The serving deputies of congresses `runs` (indexes into the model's congress runs), in
/// congress order (level, then area), each in id order with their latest report-back this
/// term.
fn congresses(model: &Model, runs: std::ops::Range<usize>) -> Vec<CongressDeputies> {
    model.links.congresses[runs]
        .iter()
        .map(|r| {
            let ds = model.links.congress_deputies[r.from as usize..r.to as usize]
                .iter()
                .map(|&d| (d, deputy_record::reported_this_term(model, d)))
                .collect();
            (
                Congress {
                    level: r.level,
                    area: r.area,
                },
                ds,
            )
        })
        .collect()
}

/// The serving deputies of each congress, in congress order (level, then area), each in id
/// order with their latest report-back this term.
pub fn by_congress(model: &Model) -> Vec<CongressDeputies> {
    congresses(model, 0..model.links.congresses.len())
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
    /// The whole site's totals (on the first page only; 0 on the others).
    pub reported: usize,
    pub not_reported: usize,
    pub csv: &'static str,
    /// The rows are split into pages of about [`PAGE_LINKS`] links.
    pub pager: super::records::Pager,
}

/// The rows (congresses) each page of `/report-backs/` lists, given each row's number of
/// serving deputies: rows in order until a page holds [`PAGE_LINKS`] links (a row counts
/// one plus the names it can list, whichever column they fall in). Always at least one page.
pub fn pages_of(rows: &[usize]) -> Vec<std::ops::Range<usize>> {
    let mut pages = Vec::new();
    let (mut start, mut links) = (0, 0);
    for (i, &n) in rows.iter().enumerate() {
        let cost = 1 + n.min(2 * ROW_NAMES);
        if links > 0 && links + cost > PAGE_LINKS {
            pages.push(start..i);
            (start, links) = (i, 0);
        }
        links += cost;
    }
    pages.push(start..rows.len());
    pages
}

/// Each congress's number of serving deputies, in congress order.
fn sizes(model: &Model) -> Vec<usize> {
    model
        .links
        .congresses
        .iter()
        .map(|r| (r.to - r.from) as usize)
        .collect()
}

/// How many pages `/report-backs/` has.
pub fn page_count(model: &Model) -> usize {
    pages_of(&sizes(model)).len()
}

/// The download's path.
pub const CSV_PATH: &str = "data/report-backs.csv";

/// Page `n` (from 1) of `/report-backs/`; the first page has the totals of every congress.
pub fn page<'a>(model: &'a Model, strings: &Strings, n: usize) -> ReportBacksPage<'a> {
    let link = |d: u32| cards::name_link(model, d);
    let pages = pages_of(&sizes(model));
    let shown = pages.get(n - 1).cloned().unwrap_or(0..0);
    let congresses = congresses(model, shown);
    // The terms the rows cover: from the earliest start to the latest end of the deputies'
    // own terms (one window on a site without term dates).
    let windows: Vec<_> = congresses
        .iter()
        .flat_map(|(_, ds)| ds.iter().map(|&(d, _)| this_term(model, d)))
        .collect();
    let from = windows.iter().map(|w| w.0).min();
    let to = windows.iter().map(|w| w.1).max();
    let (from, to) = from.zip(to).unwrap_or((model.as_of, model.as_of));
    // The whole site's totals, on the first page.
    let (reported, not_reported) = if n == 1 {
        let yes = model
            .links
            .congress_deputies
            .iter()
            .filter(|&&d| deputy_record::reported_this_term(model, d).is_some())
            .count();
        (yes, model.links.congress_deputies.len() - yes)
    } else {
        (0, 0)
    };
    let rows: Vec<CongressRow<'a>> = congresses
        .into_iter()
        .map(|(c, ds)| {
            let yes = ds.iter().filter(|(_, r)| r.is_some()).count();
            let no = ds.len() - yes;
            CongressRow {
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
            }
        })
        .collect();
    ReportBacksPage {
        term_from: from.to_string(),
        term_to: to.to_string(),
        reported,
        not_reported,
        rows,
        csv: CSV_PATH,
        pager: super::records::pager("report-backs", n, pages.len()),
    }
}
