//! The records behind each static filtered list of suggestions: by year, category, status
//! and area (handlers, stations and deputies already have theirs in [`super::Links`]).
//!
//! Every list is newest first, filled in one pass over the records in that order, so a
//! list page takes its slice without filtering the whole site again.

use std::ops::Range;

use super::Model;
use super::stats::Stats;
use super::suggestions::Status;

/// The status filters, in the order of their pages: the four statuses, then overdue.
pub const STATUSES: [&str; 5] = ["received", "transferred", "replied", "closed", "overdue"];

/// The position of a status filter word in [`STATUSES`].
pub fn status_index(s: Status) -> usize {
    match s {
        Status::Received => 0,
        Status::Transferred => 1,
        Status::Replied => 2,
        Status::Closed => 3,
    }
}

#[derive(Debug, Default)]
pub struct Facets {
    /// Per year of receipt, newest year first: the range of `links.suggestions_newest`
    /// holding that year's records (they are contiguous there).
    pub years: Vec<(i16, Range<usize>)>,
    /// Per category, in the order of [`Stats::categories`].
    pub categories: Vec<Vec<u32>>,
    /// Per status filter of [`STATUSES`].
    pub statuses: [Vec<u32>; 5],
    area_slot: Vec<u32>,
    area_lists: Vec<Vec<u32>>,
}

impl Facets {
    pub fn compute(model: &Model, stats: &Stats) -> Facets {
        let newest = &model.links.suggestions_newest;
        let mut years: Vec<(i16, Range<usize>)> = Vec::new();
        let mut categories = vec![Vec::new(); stats.categories.len()];
        let mut statuses: [Vec<u32>; 5] = Default::default();
        let mut area_slot = vec![u32::MAX; model.places.areas.len()];
        let mut area_lists: Vec<Vec<u32>> = Vec::new();
        for (pos, &i) in newest.iter().enumerate() {
            let s = &model.suggestions[i as usize];
            let year = s.received.year();
            match years.last_mut() {
                Some((y, r)) if *y == year => r.end = pos + 1,
                _ => years.push((year, pos..pos + 1)),
            }
            if let Some(c) = s.category.as_deref().and_then(|c| stats.category_index(c))
                && let Some(list) = categories.get_mut(c)
            {
                list.push(i);
            }
            statuses[status_index(s.derived.status)].push(i);
            if s.derived.overdue {
                statuses[4].push(i);
            }
            if let Some(a) = s.area {
                for x in model.places.chain(a) {
                    let slot = &mut area_slot[x as usize];
                    if *slot == u32::MAX {
                        *slot = area_lists.len() as u32;
                        area_lists.push(Vec::new());
                    }
                    area_lists[*slot as usize].push(i);
                }
            }
        }
        Facets {
            years,
            categories,
            statuses,
            area_slot,
            area_lists,
        }
    }

    /// The records about area `a` or a place inside it, newest first.
    pub fn area(&self, a: u32) -> &[u32] {
        self.area_slot
            .get(a as usize)
            .and_then(|&s| self.area_lists.get(s as usize))
            .map_or(&[], Vec::as_slice)
    }

    /// The records received in `year`, newest first.
    pub fn year<'a>(&self, model: &'a Model, year: i16) -> &'a [u32] {
        self.years
            .iter()
            .find(|(y, _)| *y == year)
            .and_then(|(_, r)| model.links.suggestions_newest.get(r.clone()))
            .unwrap_or(&[])
    }
}
