//! The scheduled dates of a recurring rule, before holidays and exceptions: a
//! [`Recurrence`] compiled to bitmasks, an ordered walk over its slots in a
//! range of days together with each slot's rota turn, and a membership test
//! for a single date. The walk costs O(slots) (weekly turns before the range
//! are counted in closed form, monthly ones month by month) and allocates
//! nothing.

use super::days::{
    Day, civil_from_days, day_of, days_from_civil, days_in_month, monday_of, month_ix,
    month_ix_of_day, month_of_ix, weekday_bit, weekday_ix,
};
use super::rules::Recurrence;

/// Anchor for `interval` when a rule has no `from` (validation forbids that;
/// any fixed point keeps the result independent of the window): 1970-01.
const EPOCH_MONTH: i32 = 1970 * 12;

#[derive(Debug, Clone, Copy)]
enum Pattern {
    /// Weekday bits, Monday = bit 0.
    Weekly { days: u8 },
    /// Weekday bits × nth bits (bit k-1 for nth k, bit 4+k for nth -k).
    Nth { weekdays: u8, nth: u16 },
    /// Day-of-month bits (bit d-1 for day d).
    Day { days: u32 },
}

/// A recurring rule as bitmasks and day numbers.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Compiled {
    pattern: Pattern,
    /// Month bits (bit m-1 for month m); all twelve when the list is empty.
    months: u16,
    interval: i64,
    from: Option<Day>,
    until: Option<Day>,
    /// Monday of `from`'s week (weekly) or `from`'s month index (monthly).
    anchor: i64,
}

fn month_bits(months: &[i8]) -> u16 {
    if months.is_empty() {
        return 0x0fff;
    }
    months
        .iter()
        .filter(|m| (1..=12).contains(*m))
        .fold(0, |acc, m| acc | 1 << (m - 1))
}

impl Compiled {
    /// `None` for [`Recurrence::Once`].
    pub(crate) fn new(rec: &Recurrence) -> Option<Compiled> {
        let (pattern, months, interval, from, until) = match rec {
            Recurrence::Once(_) => return None,
            Recurrence::Weekly {
                weekdays,
                interval,
                from,
                until,
            } => {
                let days = weekdays.iter().fold(0, |acc, w| acc | weekday_bit(*w));
                (Pattern::Weekly { days }, 0x0fff, *interval, from, until)
            }
            Recurrence::MonthlyNth {
                weekdays,
                nth,
                months,
                interval,
                from,
                until,
            } => {
                let weekdays = weekdays.iter().fold(0, |acc, w| acc | weekday_bit(*w));
                let nth = nth.iter().fold(0u16, |acc, &k| match k {
                    1..=5 => acc | 1 << (k - 1),
                    -5..=-1 => acc | 1 << (4 - k),
                    _ => acc,
                });
                (
                    Pattern::Nth { weekdays, nth },
                    month_bits(months),
                    *interval,
                    from,
                    until,
                )
            }
            Recurrence::MonthlyDay {
                days,
                months,
                interval,
                from,
                until,
            } => {
                let days = days
                    .iter()
                    .filter(|d| (1..=31).contains(*d))
                    .fold(0u32, |acc, d| acc | 1 << (d - 1));
                (
                    Pattern::Day { days },
                    month_bits(months),
                    *interval,
                    from,
                    until,
                )
            }
        };
        debug_assert!(interval >= 1, "interval must be at least 1");
        let from = from.map(day_of);
        let anchor = match (pattern, from) {
            (Pattern::Weekly { .. }, Some(f)) => i64::from(monday_of(f)),
            (Pattern::Weekly { .. }, None) => i64::from(monday_of(0)),
            (_, Some(f)) => i64::from(month_ix_of_day(f)),
            (_, None) => i64::from(EPOCH_MONTH),
        };
        Some(Compiled {
            pattern,
            months,
            interval: i64::from(interval.max(1)),
            from,
            until: until.map(day_of),
            anchor,
        })
    }

    pub(crate) fn from(&self) -> Option<Day> {
        self.from
    }

    pub(crate) fn until(&self) -> Option<Day> {
        self.until
    }

    /// The first and last day the rule may schedule within `[lo, hi]`.
    fn bounds(&self, lo: Day, hi: Day) -> (Day, Day) {
        (
            self.from.map_or(lo, |f| lo.max(f)),
            self.until.map_or(hi, |u| hi.min(u)),
        )
    }

    /// Whether the rule schedules a reception on day `z`.
    pub(crate) fn contains(&self, z: Day) -> bool {
        let (lo, hi) = self.bounds(z, z);
        if lo != z || hi != z {
            return false;
        }
        match self.pattern {
            Pattern::Weekly { days } => {
                days & 1 << weekday_ix(z) != 0
                    && ((i64::from(monday_of(z)) - self.anchor) / 7).rem_euclid(self.interval) == 0
            }
            _ => {
                let (y, m, d) = civil_from_days(z);
                self.month_active(i64::from(month_ix(y, m)))
                    && self.month_days(y, m, days_from_civil(y, m, 1)) & 1 << (d - 1) != 0
            }
        }
    }

    fn month_active(&self, mi: i64) -> bool {
        (mi - self.anchor).rem_euclid(self.interval) == 0
            && self.months & 1 << mi.rem_euclid(12) != 0
    }

    /// Day-of-month bits of the rule's dates in month `y-m` starting on day
    /// number `first`.
    fn month_days(&self, y: i32, m: i32, first: Day) -> u32 {
        let dim = days_in_month(y, m);
        match self.pattern {
            Pattern::Weekly { .. } => 0,
            Pattern::Day { days } => days & ((1u64 << dim) - 1) as u32,
            Pattern::Nth { weekdays, nth } => {
                let mut bits = 0u32;
                for wd in (0..7).filter(|wd| weekdays & 1 << wd != 0) {
                    // Day of month (1-based) of the first such weekday.
                    let first_occ = 1 + (wd - weekday_ix(first)).rem_euclid(7);
                    let last_occ = first_occ + 7 * ((dim - first_occ) / 7);
                    for k in 1..=5 {
                        let fwd = first_occ + 7 * (k - 1);
                        if nth & 1 << (k - 1) != 0 && fwd <= dim {
                            bits |= 1 << (fwd - 1);
                        }
                        let back = last_occ - 7 * (k - 1);
                        if nth & 1 << (4 + k) != 0 && back >= 1 {
                            bits |= 1 << (back - 1);
                        }
                    }
                }
                bits
            }
        }
    }

    /// Calls `f(day, turn)` for each scheduled day in `[lo, hi]`, in order.
    /// `turn` is the slot's index counted from the first slot on or after
    /// `from` when `count_turns` is set and the rule has a `from`; otherwise it
    /// counts from the first slot reported.
    pub(crate) fn for_each(
        &self,
        lo: Day,
        hi: Day,
        count_turns: bool,
        mut f: impl FnMut(Day, u64),
    ) {
        let (lo, hi) = self.bounds(lo, hi);
        if lo > hi {
            return;
        }
        let from = if count_turns { self.from } else { None };
        match self.pattern {
            Pattern::Weekly { days } => self.weekly(days, lo, hi, from, &mut f),
            _ => self.monthly(lo, hi, from, &mut f),
        }
    }

    /// Slots in `[anchor, x)` for `x >= anchor` (weekly only).
    fn weekly_count(&self, days: u8, x: i64) -> u64 {
        let n = self.interval;
        let (weeks, rem) = (
            (x - self.anchor).div_euclid(7),
            (x - self.anchor).rem_euclid(7),
        );
        let active_full = (weeks + n - 1).div_euclid(n).max(0) as u64;
        let per_week = u64::from(days.count_ones());
        let partial = if weeks.rem_euclid(n) == 0 {
            u64::from((days & ((1u16 << rem) - 1) as u8).count_ones())
        } else {
            0
        };
        active_full * per_week + partial
    }

    fn weekly(&self, days: u8, lo: Day, hi: Day, from: Option<Day>, f: &mut impl FnMut(Day, u64)) {
        let n = self.interval;
        let mut turn = match from {
            Some(fr) => self
                .weekly_count(days, i64::from(lo))
                .saturating_sub(self.weekly_count(days, i64::from(fr))),
            None => 0,
        };
        let w0 = (i64::from(monday_of(lo)) - self.anchor).div_euclid(7);
        let mut monday = self.anchor + 7 * (w0 + (n - w0.rem_euclid(n)) % n);
        let (lo, hi) = (i64::from(lo), i64::from(hi));
        while monday <= hi {
            for wd in (0..7).filter(|wd| days & 1 << wd != 0) {
                let day = monday + wd;
                if day < lo {
                    continue;
                }
                if day > hi {
                    return;
                }
                // `day` lies within [lo, hi], both `Day`s, so it fits.
                f(day as Day, turn);
                turn += 1;
            }
            monday += 7 * n;
        }
    }

    fn monthly(&self, lo: Day, hi: Day, from: Option<Day>, f: &mut impl FnMut(Day, u64)) {
        let n = self.interval;
        let mut turn = 0u64;
        let mut mi = match from {
            // Count the slots between `from` and `lo` month by month.
            Some(_) => self.anchor,
            None => {
                let m0 = i64::from(month_ix_of_day(lo)) - self.anchor;
                self.anchor + m0 + (n - m0.rem_euclid(n)) % n
            }
        };
        let from = from.unwrap_or(Day::MIN);
        loop {
            let Ok(mi32) = i32::try_from(mi) else { return };
            let (y, m) = month_of_ix(mi32);
            if y > 10_000 {
                return; // past any date (a huge interval); keeps the arithmetic in range
            }
            let first = days_from_civil(y, m, 1);
            if first > hi {
                return;
            }
            if self.month_active(mi) {
                let mut bits = self.month_days(y, m, first);
                while bits != 0 {
                    let day = first + bits.trailing_zeros() as Day;
                    bits &= bits - 1;
                    if day < lo {
                        if day >= from {
                            turn += 1;
                        }
                        continue;
                    }
                    if day > hi {
                        return;
                    }
                    f(day, turn);
                    turn += 1;
                }
            }
            mi += n;
        }
    }
}
