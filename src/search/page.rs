//! The context of the search page `/search/`: the choices its filters offer. Results are
//! found and shown in the browser by `search.js`; without JavaScript the page points to
//! the area directory instead.

use serde::Serialize;

use super::scope;
use crate::model::Model;
use crate::site::cards::{self, AreaCard};
use crate::vocab::{AreaKind, Level};

/// Above this many townships the page offers no township filter (a list that long helps
/// nobody; a large site is searched one top-level place at a time instead).
const MAX_TOWNSHIPS: usize = 300;

/// The kinds of records, in the order the filter lists them (labels: `search_kind.*`).
pub const KINDS: &[&str] = &[
    "deputy",
    "station",
    "area",
    "unit",
    "activity",
    "suggestion",
    "page",
];

#[derive(Debug, Serialize)]
pub struct SearchPage<'a> {
    /// The top-level places with an index of their own; empty when one index serves.
    pub scopes: Vec<AreaCard<'a>>,
    pub kinds: &'static [&'static str],
    pub levels: &'static [Level],
    pub townships: Vec<AreaCard<'a>>,
}

pub fn context(m: &Model) -> SearchPage<'_> {
    let townships: Vec<u32> = (0..m.places.areas.len() as u32)
        .filter(|&a| m.places.areas[a as usize].kind == AreaKind::Township)
        .collect();
    SearchPage {
        scopes: scope::split_by(m)
            .into_iter()
            .map(|a| cards::area(m, a))
            .collect(),
        kinds: KINDS,
        levels: Level::ALL,
        townships: if townships.len() <= MAX_TOWNSHIPS {
            townships.into_iter().map(|a| cards::area(m, a)).collect()
        } else {
            Vec::new()
        },
    }
}
