//! Accountability figures of suggestion records (办结率, 满意率, 办成率 …), overall and per
//! year, handler, category, area, station and deputy.
//!
//! [`Stats::compute`] makes one linear pass over the records: each record is tallied once
//! into every group it belongs to (its year of receipt, its handler, its category, its area
//! and every place containing it, its station and each raising deputy). Figures are kept as
//! integer counts; rates are computed only when shown, together with their raw counts, so
//! an empty denominator is shown as "—" and never as NaN. Groups without records take no
//! space beyond one slot number per entity, so a national site stays linear in memory.

use std::collections::BTreeMap;

use serde::Serialize;

use super::Model;
use super::suggestions::{Status, Suggestion};
use crate::vocab::Satisfaction;

/// Raw counts of one group of records.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    /// Every record.
    pub received: u32,
    /// Handed to a handler (交办).
    pub transferred: u32,
    /// Status replied or closed (a reopened record is not, until answered again).
    pub replied: u32,
    /// With a (final) satisfaction rating.
    pub rated: u32,
    /// Rated satisfied or basically satisfied.
    pub satisfied: u32,
    /// Status closed.
    pub closed: u32,
    /// Closed with an outcome class counted as solved.
    pub solved: u32,
    /// Without a reply after the deadline, as of the build date.
    pub overdue: u32,
    /// First reply on or before the deadline.
    pub on_time: u32,
    /// Whose deadline is decided: replied (on time or late) or overdue.
    pub due: u32,
}

/// Counts plus what needs more than a counter.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Figures {
    pub counts: Counts,
    /// Closed records per outcome class (indices of the config's outcomes).
    pub outcomes: Vec<u32>,
    /// Twice the median days from transfer to first reply, so a half day stays an integer.
    pub median2: Option<i64>,
    /// `(year, month) → (received, first replies)`; filled for the overall figures and
    /// handlers only (their pages chart it).
    pub months: BTreeMap<(i16, i8), (u32, u32)>,
}

impl Figures {
    /// The median days to reply as a number (`45` or `45.5`).
    pub fn median_days(&self) -> Option<f64> {
        self.median2.map(|m| m as f64 / 2.0)
    }
}

/// Twice the median of `v` (sorted in place); `None` when empty.
pub fn median2(v: &mut [i32]) -> Option<i64> {
    if v.is_empty() {
        return None;
    }
    v.sort_unstable();
    let n = v.len();
    let (a, b) = (v[(n - 1) / 2], v[n / 2]);
    Some(i64::from(a) + i64::from(b))
}

/// Figures while the pass runs: the days to reply are collected for the median.
#[derive(Debug, Default)]
struct Acc {
    fig: Figures,
    days: Vec<i32>,
}

impl Acc {
    fn add(&mut self, t: &Tally, months: bool) {
        let c = &mut self.fig.counts;
        let d = &t.counts;
        c.received += d.received;
        c.transferred += d.transferred;
        c.replied += d.replied;
        c.rated += d.rated;
        c.satisfied += d.satisfied;
        c.closed += d.closed;
        c.solved += d.solved;
        c.overdue += d.overdue;
        c.on_time += d.on_time;
        c.due += d.due;
        if let Some(o) = t.outcome {
            if self.fig.outcomes.len() <= o {
                self.fig.outcomes.resize(o + 1, 0);
            }
            self.fig.outcomes[o] += 1;
        }
        if let Some(days) = t.days {
            self.days.push(days);
        }
        if months && t.counts.received > 0 {
            self.fig.months.entry(t.received).or_default().0 += 1;
            if let Some(r) = t.replied {
                self.fig.months.entry(r).or_default().1 += 1;
            }
        }
    }

    fn finish(mut self, outcomes: usize) -> Figures {
        self.fig.outcomes.resize(outcomes, 0);
        self.fig.median2 = median2(&mut self.days);
        self.fig
    }
}

/// What one record adds to every group it is in.
struct Tally {
    counts: Counts,
    outcome: Option<usize>,
    days: Option<i32>,
    received: (i16, i8),
    replied: Option<(i16, i8)>,
}

impl Tally {
    /// What a record that has not happened yet adds: nothing.
    fn nothing(s: &Suggestion) -> Tally {
        Tally {
            counts: Counts::default(),
            outcome: None,
            days: None,
            received: (s.received.year(), s.received.month()),
            replied: None,
        }
    }
}

fn tally(s: &Suggestion, solved: &[bool]) -> Tally {
    let d = &s.derived;
    let b = u32::from;
    let closed = d.status == Status::Closed;
    let outcome = d.outcome.filter(|_| closed);
    Tally {
        counts: Counts {
            received: 1,
            transferred: b(s.transferred.is_some() || d.status >= Status::Transferred),
            replied: b(d.status >= Status::Replied),
            rated: b(d.satisfaction.is_some()),
            satisfied: b(matches!(
                d.satisfaction,
                Some(Satisfaction::Satisfied | Satisfaction::BasicallySatisfied)
            )),
            closed: b(closed),
            solved: b(outcome.is_some_and(|o| solved.get(o).copied().unwrap_or(false))),
            overdue: b(d.overdue),
            on_time: b(d.on_time()),
            due: b(d.due()),
        },
        outcome,
        days: d.days_to_reply,
        received: (s.received.year(), s.received.month()),
        replied: d.first_reply.map(|r| (r.year(), r.month())),
    }
}

/// Figures per entity (handler, area, station, deputy) by index; only entities with
/// records have figures.
#[derive(Debug, Default)]
pub struct Groups {
    slot: Vec<u32>,
    figs: Vec<Figures>,
}

impl Groups {
    pub fn get(&self, i: u32) -> Option<&Figures> {
        let slot = *self.slot.get(i as usize)?;
        self.figs.get(slot as usize)
    }

    /// Entities with records, by index, ascending.
    pub fn iter(&self) -> impl Iterator<Item = (u32, &Figures)> {
        self.slot
            .iter()
            .enumerate()
            .filter_map(|(i, &s)| Some((i as u32, self.figs.get(s as usize)?)))
    }
}

#[derive(Debug, Default)]
struct GroupAcc {
    slot: Vec<u32>,
    accs: Vec<Acc>,
    months: bool,
}

impl GroupAcc {
    fn new(n: usize, months: bool) -> Self {
        GroupAcc {
            slot: vec![u32::MAX; n],
            accs: Vec::new(),
            months,
        }
    }

    fn add(&mut self, i: u32, t: &Tally) {
        let Some(slot) = self.slot.get_mut(i as usize) else {
            return;
        };
        if *slot == u32::MAX {
            *slot = self.accs.len() as u32;
            self.accs.push(Acc::default());
        }
        let months = self.months;
        if let Some(acc) = self.accs.get_mut(*slot as usize) {
            acc.add(t, months);
        }
    }

    fn finish(self, outcomes: usize) -> Groups {
        Groups {
            slot: self.slot,
            figs: self.accs.into_iter().map(|a| a.finish(outcomes)).collect(),
        }
    }
}

/// Every figure of the site.
#[derive(Debug, Default)]
pub struct Stats {
    pub overall: Figures,
    /// By year of receipt, ascending.
    pub years: Vec<(i16, Figures)>,
    /// By category name, in code point order; category `i` has the slug `c{i+1}`.
    pub categories: Vec<(String, Figures)>,
    pub handlers: Groups,
    /// A record counts for its area and every place containing it.
    pub areas: Groups,
    pub stations: Groups,
    pub deputies: Groups,
}

impl Stats {
    /// One pass over the records of `m`.
    pub fn compute(model: &Model) -> Stats {
        let n_out = model.config.outcomes.len();
        let solved: Vec<bool> = model
            .config
            .outcomes
            .iter()
            .map(|(k, _)| model.config.solved.contains(k))
            .collect();
        let mut overall = Acc::default();
        let mut years: BTreeMap<i16, Acc> = BTreeMap::new();
        let mut categories: BTreeMap<&str, Acc> = BTreeMap::new();
        let mut handlers = GroupAcc::new(model.handlers.len(), true);
        let mut areas = GroupAcc::new(model.places.areas.len(), false);
        let mut stations = GroupAcc::new(model.stations.len(), false);
        let mut deputies = GroupAcc::new(model.deputies.len(), false);
        for s in &model.suggestions {
            // A record received after the as-of date has not happened yet: it counts nothing,
            // though its groups exist (its pages list it).
            let t = if s.received > model.as_of {
                Tally::nothing(s)
            } else {
                tally(s, &solved)
            };
            overall.add(&t, true);
            years.entry(s.received.year()).or_default().add(&t, false);
            if let Some(c) = &s.category {
                categories.entry(c).or_default().add(&t, false);
            }
            if let Some(h) = s.handler {
                handlers.add(h, &t);
            }
            if let Some(a) = s.area {
                for x in model.places.chain(a) {
                    areas.add(x, &t);
                }
            }
            if let Some(st) = s.station {
                stations.add(st, &t);
            }
            for &d in &s.deputies {
                deputies.add(d, &t);
            }
        }
        Stats {
            overall: overall.finish(n_out),
            years: years
                .into_iter()
                .map(|(y, a)| (y, a.finish(n_out)))
                .collect(),
            categories: categories
                .into_iter()
                .map(|(c, a)| (c.to_owned(), a.finish(n_out)))
                .collect(),
            handlers: handlers.finish(n_out),
            areas: areas.finish(n_out),
            stations: stations.finish(n_out),
            deputies: deputies.finish(n_out),
        }
    }

    /// The index of a category (its slug is `c{index+1}`).
    pub fn category_index(&self, name: &str) -> Option<usize> {
        self.categories
            .binary_search_by(|(c, _)| c.as_str().cmp(name))
            .ok()
    }
}

/// The slug of category `i`: `c1`, `c2` … (category names are Chinese; URLs stay ASCII).
pub fn category_slug(i: usize) -> String {
    format!("c{}", i + 1)
}

/// A rate as shown: numerator, denominator and the percentage with one decimal, rounded
/// half up in integers; `None` when the denominator is zero.
pub fn percent(num: u32, den: u32) -> Option<String> {
    if den == 0 {
        return None;
    }
    let tenths = (u64::from(num) * 1000 + u64::from(den) / 2) / u64::from(den);
    Some(format!("{}.{}%", tenths / 10, tenths % 10))
}

/// `a/b` compared with `c/d` exactly (no floats); an empty denominator sorts last.
pub fn cmp_rate(a: (u32, u32), b: (u32, u32)) -> std::cmp::Ordering {
    match (a.1, b.1) {
        (0, 0) => std::cmp::Ordering::Equal,
        (0, _) => std::cmp::Ordering::Less,
        (_, 0) => std::cmp::Ordering::Greater,
        _ => (u64::from(a.0) * u64::from(b.1)).cmp(&(u64::from(b.0) * u64::from(a.1))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn median_of_an_odd_count_is_the_middle_value() {
        // sorted: 10 20 40 → 20, kept as twice the value
        assert_eq!(median2(&mut [40, 10, 20]), Some(40));
        assert_eq!(median2(&mut [7]), Some(14));
    }

    #[test]
    fn median_of_an_even_count_is_the_mean_of_the_two_middle_values() {
        // sorted: 10 20 25 90 → (20 + 25) / 2 = 22.5
        let m = median2(&mut [90, 25, 10, 20]);
        assert_eq!(m, Some(45));
        let f = Figures {
            median2: m,
            ..Figures::default()
        };
        assert_eq!(f.median_days(), Some(22.5));
    }

    #[test]
    fn median_of_nothing_is_none() {
        assert_eq!(median2(&mut []), None);
        assert_eq!(Figures::default().median_days(), None);
    }

    #[test]
    fn rates_round_half_up_and_empty_denominators_have_no_value() {
        assert_eq!(percent(1, 3).as_deref(), Some("33.3%")); // 33.33…
        assert_eq!(percent(2, 3).as_deref(), Some("66.7%")); // 66.66…
        assert_eq!(percent(1, 8).as_deref(), Some("12.5%"));
        assert_eq!(percent(1, 16).as_deref(), Some("6.3%")); // 6.25 → 6.3
        assert_eq!(percent(5, 5).as_deref(), Some("100.0%"));
        assert_eq!(percent(0, 4).as_deref(), Some("0.0%"));
        assert_eq!(percent(0, 0), None);
    }

    #[test]
    fn rates_compare_exactly_and_empty_ones_sort_last() {
        use std::cmp::Ordering::*;
        assert_eq!(cmp_rate((1, 3), (2, 6)), Equal);
        assert_eq!(cmp_rate((2, 3), (3, 5)), Greater);
        assert_eq!(cmp_rate((0, 0), (0, 9)), Less);
        assert_eq!(cmp_rate((0, 0), (0, 0)), Equal);
    }
}
