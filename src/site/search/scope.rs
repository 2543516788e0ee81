//! Scopes: one search index for a site of ordinary size, one per place for a large one, so
//! the bytes a browser downloads for a query, and the memory and time one index costs to
//! build, stay bounded however large the site.
//!
//! A site with more than [`SPLIT_AT`] records is split from the home page's top-level
//! places (the first level of the area tree with a choice: the provinces of a national
//! site, the cities of a provincial one) downwards: a place whose subtree holds more than
//! [`SPLIT_AT`] records is split into its children, and so on, so a province of a national
//! site is searched city by city. A split site keeps a small site-wide index in `pagefind/`
//! (the places down to the top level, electing units, free pages and every record tied to
//! no place) and one index per leaf place in `pagefind/<area-id>/`. A leaf's index repeats
//! the site-wide records and those of the places it lies in, so a search in one city still
//! finds its province's deputies and the site's own pages.
//!
//! Small leaves share an index: consecutive leaves (in tree order) are packed into one
//! index of up to [`SPLIT_AT`] records, named after its first place
//! (`pagefind/<first-area-id>/`), so the number of indexes grows with the records, not
//! with the places. (Without the packing, a site of 2,000 flat places of 50 deputies each
//! was split into 2,001 indexes, each repeating the site-wide records: 206,001 records
//! indexed for 100,000 pages, 35,028 files, 95 s.) The search page offers every leaf place,
//! and searches the index it is packed into.

use super::records::Key;
use crate::model::Model;
use crate::site::people;

/// Above this many records an index is split. Measured in `benches/README.md` ("Search
/// index"): an index of this size costs a browser about 0.2 MB of metadata before its
/// first result, and the indexer about 40 KB of memory per record while it builds.
pub const SPLIT_AT: usize = 16_000;

/// One index to build: where it goes and which records it holds.
#[derive(Debug)]
pub struct Scope {
    /// Output folder, `pagefind/` or `pagefind/<area-id>/`.
    pub dir: String,
    /// The records of this index, as positions in the key list, in order.
    pub records: Vec<u32>,
}

/// The number of records the site will have (one per findable page).
pub fn record_count(model: &Model) -> usize {
    model.places.areas.len()
        + model.places.units.len()
        + model.deputies.len()
        + model.stations.len()
        + model.activities.len()
        + model.suggestions.len()
        + model.pages.len()
}

/// The split of a site: its top-level places and the leaf places with an index of their
/// own, each with the position in `top` of the top-level place it lies in. No leaves when
/// one index serves.
#[derive(Debug, Default)]
pub struct Split {
    pub top: Vec<u32>,
    pub leaves: Vec<(u32, usize)>,
    /// For each leaf, the index it is packed into (non-decreasing; indexes count from 0).
    pub bins: Vec<usize>,
}

impl Split {
    /// The folder id of the index of leaf `l`: the area id of the first leaf in its index.
    pub fn index_id<'m>(&self, model: &'m Model, l: usize) -> &'m str {
        let bin = self.bins[l];
        let first = self.bins.partition_point(|&b| b < bin);
        &model.places.areas[self.leaves[first].0 as usize].id
    }

    /// How many place indexes there are (the site-wide one aside).
    pub fn index_count(&self) -> usize {
        self.bins.last().map_or(0, |&b| b + 1)
    }
}

/// How the site's records are split, for at most `limit` records per index.
pub fn split(model: &Model, keys: &[Key], limit: usize) -> Split {
    if keys.len() <= limit {
        return Split::default();
    }
    let (_, top) = people::directory(model);
    if top.len() < 2 {
        return Split::default();
    }
    let n = model.places.areas.len();
    let mut direct = vec![0usize; n];
    for k in keys {
        if let Some(a) = k.area {
            direct[a as usize] += 1;
        }
    }
    let mut subtree = vec![0usize; n];
    let under_top: usize = top
        .iter()
        .map(|&t| fill(model, t, &direct, &mut subtree))
        .sum();
    // Records tied to no place or above the top level are in every index.
    let shared = keys.len() - under_top;
    let mut leaves = Vec::new();
    for (i, &t) in top.iter().enumerate() {
        descend(
            model,
            t,
            i,
            &subtree,
            limit.saturating_sub(shared),
            &mut leaves,
        );
    }
    // Pack consecutive leaves into indexes of at most `room` records of their own (at
    // least a quarter of the limit, when the site-wide records take more).
    let room = limit.saturating_sub(shared).max(limit / 4).max(1);
    let mut bins = Vec::with_capacity(leaves.len());
    let (mut bin, mut filled) = (0usize, 0usize);
    for (k, &(a, _)) in leaves.iter().enumerate() {
        let size = subtree[a as usize];
        if k > 0 && filled + size > room {
            bin += 1;
            filled = 0;
        }
        filled += size;
        bins.push(bin);
    }
    Split { top, leaves, bins }
}

/// Records in the subtree of `a`, for `a` and every place below it.
fn fill(model: &Model, a: u32, direct: &[usize], subtree: &mut [usize]) -> usize {
    let mut sum = direct[a as usize];
    for &c in &model.places.areas[a as usize].children {
        sum += fill(model, c, direct, subtree);
    }
    subtree[a as usize] = sum;
    sum
}

fn descend(
    model: &Model,
    a: u32,
    top: usize,
    subtree: &[usize],
    limit: usize,
    out: &mut Vec<(u32, usize)>,
) {
    let children: Vec<u32> = model.places.areas[a as usize]
        .children
        .iter()
        .copied()
        .filter(|&c| subtree[c as usize] > 0)
        .collect();
    if subtree[a as usize] <= limit || children.is_empty() {
        out.push((a, top));
        return;
    }
    for c in children {
        descend(model, c, top, subtree, limit, out);
    }
}

/// The places the search page offers, each with its top-level place: nothing when one
/// index serves.
pub fn split_by(model: &Model) -> Split {
    split(model, &super::records::keys(model), limit())
}

/// [`SPLIT_AT`], or `LIANLUO_SEARCH_SPLIT_AT` when set (tests and benchmarks use it to
/// split small sites).
pub fn limit() -> usize {
    std::env::var("LIANLUO_SEARCH_SPLIT_AT")
        .ok()
        .and_then(|v| v.parse().ok())
        .filter(|&v| v > 0)
        .unwrap_or(SPLIT_AT)
}

/// The indexes to build for `keys`.
pub fn plan(model: &Model, keys: &[Key], split: &Split) -> Vec<Scope> {
    if split.leaves.is_empty() {
        return vec![Scope {
            dir: "pagefind/".into(),
            records: (0..keys.len() as u32).collect(),
        }];
    }
    let n = model.places.areas.len();
    let mut is_top = vec![false; n];
    for &t in &split.top {
        is_top[t as usize] = true;
    }
    let mut leaf_of: Vec<Option<usize>> = vec![None; n];
    for (i, &(a, _)) in split.leaves.iter().enumerate() {
        leaf_of[a as usize] = Some(i);
    }
    // The leaves below each place that was split (a range: leaves are in tree order).
    let mut below: Vec<Option<(usize, usize)>> = vec![None; n];
    for (i, &(a, _)) in split.leaves.iter().enumerate() {
        for p in model.places.chain(a).skip(1) {
            let r = below[p as usize].get_or_insert((i, i + 1));
            r.1 = i + 1;
            if is_top[p as usize] {
                break;
            }
        }
    }
    let mut common = Scope {
        dir: "pagefind/".into(),
        records: Vec::new(),
    };
    let mut scoped: Vec<Scope> = (0..split.index_count())
        .map(|b| {
            let first = split.bins.partition_point(|&x| x < b);
            Scope {
                dir: format!("pagefind/{}/", split.index_id(model, first)),
                records: Vec::new(),
            }
        })
        .collect();
    for (i, k) in keys.iter().enumerate() {
        let i = i as u32;
        // Records tied to no place or to a place above the top level (the province of a
        // provincial site) are site-wide: in every index.
        let Some(a) = k
            .area
            .filter(|&a| model.places.chain(a).any(|x| is_top[x as usize]))
        else {
            common.records.push(i);
            scoped.iter_mut().for_each(|s| s.records.push(i));
            continue;
        };
        if let Some(l) = model.places.chain(a).find_map(|x| leaf_of[x as usize]) {
            scoped[split.bins[l]].records.push(i);
        } else if let Some((from, to)) = below[a as usize] {
            let (from, to) = (split.bins[from], split.bins[to - 1] + 1);
            scoped[from..to].iter_mut().for_each(|s| s.records.push(i));
        }
        if is_top[a as usize] {
            common.records.push(i);
        }
    }
    std::iter::once(common).chain(scoped).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::site::search::records;

    fn demo() -> Model {
        let site = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
        let as_of = jiff::civil::date(2025, 9, 20);
        match crate::sources::load(&site).map(|(s, _)| crate::model::build_from(&s, as_of)) {
            Ok(Ok((model, _))) => model,
            _ => panic!("the demo site loads"),
        }
    }

    /// The position in `plan`'s output of the index holding the leaf above `a` (the
    /// site-wide index comes first).
    fn leaf_index(model: &Model, split: &Split, a: u32) -> Option<usize> {
        model
            .places
            .chain(a)
            .find_map(|x| split.leaves.iter().position(|&(l, _)| l == x))
            .map(|l| split.bins[l])
    }

    #[test]
    fn a_site_under_the_limit_has_one_index_of_every_record() {
        let m = demo();
        let keys = records::keys(&m);
        let split = split(&m, &keys, keys.len());
        assert!(split.leaves.is_empty());
        let scopes = plan(&m, &keys, &split);
        assert_eq!(scopes.len(), 1);
        assert_eq!(scopes[0].dir, "pagefind/");
        assert_eq!(scopes[0].records.len(), keys.len());
    }

    #[test]
    fn a_split_site_puts_every_record_in_its_place_and_splits_large_places_further() {
        let m = demo();
        let keys = records::keys(&m);
        let limit = 40;
        let split = split(&m, &keys, limit);
        let scopes = plan(&m, &keys, &split);
        assert_eq!(scopes.len(), split.index_count() + 1);
        // Some top-level place (a township of the demo county) was split into villages.
        assert!(
            split.leaves.iter().any(|&(a, t)| a != split.top[t]),
            "{split:?}"
        );
        for (i, k) in keys.iter().enumerate() {
            let i = i as u32;
            let holders: Vec<usize> = (0..scopes.len())
                .filter(|&s| scopes[s].records.binary_search(&i).is_ok())
                .collect();
            assert!(!holders.is_empty(), "record {i} ({k:?}) is in no index");
            if let Some(l) = k.area.and_then(|a| leaf_index(&m, &split, a)) {
                // Under a leaf: in that leaf's index and no other leaf's.
                assert!(holders.contains(&(l + 1)), "{k:?} not in its leaf");
                assert!(
                    holders.iter().all(|&h| h == 0 || h == l + 1),
                    "{k:?} in {holders:?}"
                );
            }
        }
        // A leaf that could be split further holds at most `limit` records of its own.
        let direct = |a: u32| {
            keys.iter()
                .filter(|k| k.area.is_some_and(|x| m.places.chain(x).any(|y| y == a)))
                .count()
        };
        for &(a, _) in &split.leaves {
            let has_children = !m.places.areas[a as usize].children.is_empty();
            assert!(direct(a) <= limit || !has_children, "leaf {a} is too large");
        }
    }

    /// Regression (issue 21): many small places each got an index of their own (2,001
    /// indexes for 2,000 flat places of 50 deputies), each repeating the site-wide records;
    /// now small leaves share indexes of up to the limit, so the indexes grow with the
    /// records, not with the places.
    #[test]
    fn many_small_places_share_indexes_up_to_the_limit() {
        let m = demo();
        let keys = records::keys(&m);
        let limit = 40;
        let split = split(&m, &keys, limit);
        let scopes = plan(&m, &keys, &split);
        assert!(
            split.index_count() < split.leaves.len(),
            "{} indexes for {} places",
            split.index_count(),
            split.leaves.len()
        );
        let shared = scopes[0].records.len();
        for s in &scopes[1..] {
            let packed = split
                .bins
                .iter()
                .zip(&split.leaves)
                .filter(|&(&b, _)| scopes[b + 1].dir == s.dir)
                .count();
            // An index of several places holds at most the limit of their own records.
            assert!(
                packed == 1 || s.records.len() <= limit.max(shared) + shared,
                "{}: {} records for {packed} places",
                s.dir,
                s.records.len()
            );
        }
        // Every index folder is named after the first place packed into it.
        for (l, &(a, _)) in split.leaves.iter().enumerate() {
            let dir = format!("pagefind/{}/", split.index_id(&m, l));
            assert_eq!(scopes[split.bins[l] + 1].dir, dir, "leaf {a}");
        }
    }
}
