//! Scopes: one search index for a site of ordinary size, one per top-level place for a
//! large one, so the bytes a browser downloads for a query stay bounded.
//!
//! The top-level places are the home page's directory: the first level of the area tree
//! with a choice (the provinces of a national site, the cities of a provincial one). A
//! split site keeps a small site-wide index in `pagefind/` (the places above and at the top
//! level, electing units, free pages and every record tied to no place) and one full index
//! per top-level place in `pagefind/<area-id>/`, which repeats the site-wide records so a
//! search in one province still finds national deputies and the site's own pages.

use super::builder::Record;
use crate::model::Model;
use crate::site::people;

/// Above this many records the index is split by top-level place. Measured in
/// `benches/README.md` ("Search index"): one index of this size costs a browser about
/// 0.5 MB of metadata before its first result.
pub const SPLIT_AT: usize = 60_000;

/// One index to build: where it goes and which records it holds.
#[derive(Debug)]
pub struct Scope {
    /// Output folder, `pagefind/` or `pagefind/<area-id>/`.
    pub dir: String,
    /// The records of this index, as positions in the record list.
    pub records: Vec<usize>,
}

/// The number of records the site will have (one per findable page).
pub fn record_count(m: &Model) -> usize {
    m.places.areas.len()
        + m.places.units.len()
        + m.deputies.len()
        + m.stations.len()
        + m.activities.len()
        + m.suggestions.len()
        + m.pages.len()
}

/// The top-level places the index is split by, or nothing when one index serves.
pub fn split_by(m: &Model) -> Vec<u32> {
    if record_count(m) <= SPLIT_AT {
        return Vec::new();
    }
    let (_, top) = people::directory(m);
    if top.len() < 2 { Vec::new() } else { top }
}

/// For each area, the position in `top` of the top-level place it lies in.
fn top_of(m: &Model, top: &[u32]) -> Vec<Option<usize>> {
    let mut pos = vec![None; m.places.areas.len()];
    for (i, &t) in top.iter().enumerate() {
        pos[t as usize] = Some(i);
    }
    (0..m.places.areas.len() as u32)
        .map(|a| m.places.chain(a).find_map(|x| pos[x as usize]))
        .collect()
}

/// The indexes to build for `records`.
pub fn plan(m: &Model, records: &[Record]) -> Vec<Scope> {
    let top = split_by(m);
    if top.is_empty() {
        return vec![Scope {
            dir: "pagefind/".into(),
            records: (0..records.len()).collect(),
        }];
    }
    let tops = top_of(m, &top);
    let mut common = Scope {
        dir: "pagefind/".into(),
        records: Vec::new(),
    };
    let mut scoped: Vec<Scope> = top
        .iter()
        .map(|&a| Scope {
            dir: format!("pagefind/{}/", m.places.areas[a as usize].id),
            records: Vec::new(),
        })
        .collect();
    let mut shared = Vec::new();
    for (i, r) in records.iter().enumerate() {
        match r.area.and_then(|a| tops[a as usize].map(|t| (a, t))) {
            Some((a, t)) => {
                scoped[t].records.push(i);
                if top[t] == a {
                    common.records.push(i);
                }
            }
            None => {
                shared.push(i);
                common.records.push(i);
            }
        }
    }
    for s in &mut scoped {
        s.records.extend(shared.iter().copied());
        s.records.sort_unstable();
    }
    std::iter::once(common).chain(scoped).collect()
}
