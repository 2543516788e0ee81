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
    /// The places with an index of their own, by top-level place; empty when one index
    /// serves.
    pub scopes: Vec<ScopeGroup<'a>>,
    pub kinds: &'static [&'static str],
    pub levels: &'static [Level],
    pub townships: Vec<AreaCard<'a>>,
}

/// A top-level place and the places below it with an index of their own; when the place
/// itself has one, `places` is just the place and `name` is none (no group is shown).
#[derive(Debug, Serialize)]
pub struct ScopeGroup<'a> {
    pub name: Option<&'a str>,
    pub places: Vec<ScopePlace<'a>>,
}

/// A place the search can be limited to, and the index folder (`pagefind/<index>/`) that
/// holds its records (several small places share one).
#[derive(Debug, Serialize)]
pub struct ScopePlace<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub index: &'a str,
}

fn scope_groups(model: &Model) -> Vec<ScopeGroup<'_>> {
    let split = scope::split_by(model);
    let mut out: Vec<ScopeGroup<'_>> = Vec::new();
    let mut last = None;
    for (l, &(a, t)) in split.leaves.iter().enumerate() {
        let top = split.top[t];
        if last != Some(t) {
            out.push(ScopeGroup {
                name: (a != top).then(|| model.places.areas[top as usize].name.as_str()),
                places: Vec::new(),
            });
            last = Some(t);
        }
        if let Some(g) = out.last_mut() {
            let place = &model.places.areas[a as usize];
            g.places.push(ScopePlace {
                id: &place.id,
                name: &place.name,
                index: split.index_id(model, l),
            });
        }
    }
    out
}

pub fn context(model: &Model) -> SearchPage<'_> {
    let townships: Vec<u32> = (0..model.places.areas.len() as u32)
        .filter(|&a| model.places.areas[a as usize].kind == AreaKind::Township)
        .collect();
    SearchPage {
        scopes: scope_groups(model),
        kinds: KINDS,
        levels: Level::ALL,
        townships: if townships.len() <= MAX_TOWNSHIPS {
            townships
                .into_iter()
                .map(|a| cards::area(model, a))
                .collect()
        } else {
            Vec::new()
        },
    }
}
