//! The `/report-backs/` page: per congress (level and area), the serving deputies who have
//! reported back to voters (述职) this term and those who have not yet — counts and names in
//! id order, never a ranking. `data/report-backs.csv` (written by `output::opendata`) has
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
    pub reported: Vec<NameLink<'a>>,
    pub not_reported: Vec<NameLink<'a>>,
}

#[derive(Debug, Serialize)]
pub struct ReportBacksPage<'a> {
    pub term_from: String,
    pub term_to: String,
    pub rows: Vec<CongressRow<'a>>,
    pub reported: usize,
    pub not_reported: usize,
    pub csv: &'static str,
}

/// The download's path.
pub const CSV_PATH: &str = "data/report-backs.csv";

pub fn page<'a>(model: &'a Model, strings: &Strings) -> ReportBacksPage<'a> {
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
    let rows: Vec<CongressRow<'a>> = congresses
        .into_iter()
        .map(|(c, ds)| CongressRow {
            level: c.level,
            congress: c.name(model, strings),
            area: c.area.map(|a| cards::area(model, a)),
            total: ds.len(),
            reported: ds
                .iter()
                .filter(|(_, r)| r.is_some())
                .map(|&(d, _)| link(d))
                .collect(),
            not_reported: ds
                .iter()
                .filter(|(_, r)| r.is_none())
                .map(|&(d, _)| link(d))
                .collect(),
        })
        .collect();
    ReportBacksPage {
        term_from: from.to_string(),
        term_to: to.to_string(),
        reported: rows.iter().map(|r| r.reported.len()).sum(),
        not_reported: rows.iter().map(|r| r.not_reported.len()).sum(),
        rows,
        csv: CSV_PATH,
    }
}
