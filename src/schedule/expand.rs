//! Turning a station's rules into dated occurrences inside a window: the
//! holiday policy, the station's exceptions, rota turns, the same-day rule for
//! one rule, and the two diagnostics (years without holiday data, exceptions
//! that match nothing). The exact rules are written for editors in
//! `docs/schedules.md`; this file is their implementation.

use jiff::civil::{Date, Time};

use super::days::{Day, date_of, day_of, year_of};
use super::holidays::Holidays;
use super::recur::Compiled;
use super::rules::{
    DeputyIx, Duty, Exception, ExceptionKind, HolidayPolicy, ReceptionRule, Recurrence,
};

/// One reception on one date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Occurrence {
    /// The date it is held.
    pub date: Date,
    pub start: Time,
    pub end: Time,
    /// Index of the rule in the station's rules.
    pub rule: usize,
    /// Duty deputies: the rule's, the rota's turn, or an exception's substitutes.
    pub deputies: Vec<DeputyIx>,
    /// The date the rule gave, before any holiday shift or move.
    pub scheduled: Date,
    /// Why `date != scheduled`; `None` when they are equal.
    pub shifted: Option<Shift>,
    pub topic: Option<String>,
    /// The note of the exception that applied, if any.
    pub note: Option<String>,
    /// Cancelled by an exception (`cancelled: true`): listed in [`Expansion::cancelled`] on
    /// the date it would have been held, so pages and calendars can say so with its note.
    pub cancelled: bool,
}

/// Why an occurrence is not on its scheduled date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Shift {
    /// The scheduled date was a holiday; moved to the next workday.
    Holiday { name: Option<String> },
    /// An exception's `moved_to`.
    Moved,
}

/// The result of [`expand`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Expansion {
    /// Sorted by `(date, start, rule)`; all dates inside the window.
    pub occurrences: Vec<Occurrence>,
    /// Occurrences an exception cancelled, on their scheduled date, sorted like
    /// `occurrences`; all dates inside the window. Slots `skip` drops are not here.
    pub cancelled: Vec<Occurrence>,
    /// `(rule, year)`: the rule schedules receptions in a year without holiday
    /// data (once per pair, by rule then year).
    pub unknown_years: Vec<(usize, i16)>,
    /// Indices into `exceptions` of exceptions dated on or before the
    /// window's end that match no occurrence of any rule (ascending).
    pub unmatched_exceptions: Vec<usize>,
}

impl Expansion {
    /// Files an occurrence under `occurrences` or `cancelled`.
    fn add(&mut self, o: Option<Occurrence>) {
        match o {
            Some(o) if o.cancelled => self.cancelled.push(o),
            Some(o) => self.occurrences.push(o),
            None => {}
        }
    }
}

/// Exceptions sorted by date, for lookups by day.
struct ExceptionIndex {
    by_day: Vec<(Day, usize)>,
}

impl ExceptionIndex {
    fn new(exceptions: &[Exception]) -> Self {
        let mut by_day: Vec<(Day, usize)> = exceptions
            .iter()
            .enumerate()
            .map(|(i, e)| (day_of(e.date), i))
            .collect();
        by_day.sort_unstable();
        ExceptionIndex { by_day }
    }

    /// The exceptions dated `z`, in list order.
    fn on(&self, z: Day) -> &[(Day, usize)] {
        let a = self.by_day.partition_point(|&(d, _)| d < z);
        let b = self.by_day.partition_point(|&(d, _)| d <= z);
        self.by_day.get(a..b).unwrap_or(&[])
    }
}

/// The combined effect of the exceptions that match one occurrence.
#[derive(Default)]
struct Applied<'a> {
    cancelled: bool,
    moved_to: Option<Day>,
    deputies: Option<&'a [DeputyIx]>,
    note: Option<&'a str>,
}

fn apply<'a>(matching: &[(Day, usize)], exceptions: &'a [Exception]) -> Applied<'a> {
    let mut a = Applied::default();
    for e in matching.iter().filter_map(|&(_, i)| exceptions.get(i)) {
        match &e.kind {
            ExceptionKind::Cancelled => a.cancelled = true,
            ExceptionKind::MovedTo(d) => a.moved_to = a.moved_to.or(Some(day_of(*d))),
            ExceptionKind::Deputies(v) => a.deputies = a.deputies.or(Some(v.as_slice())),
        }
        a.note = a.note.or(e.note.as_deref());
    }
    a
}

/// Why a slot lands where it does (a [`Shift`] without its owned name).
#[derive(Clone, Copy)]
enum Landing {
    AsScheduled,
    Holiday,
    Moved,
    Cancelled,
}

struct Ctx<'a> {
    exceptions: &'a [Exception],
    index: ExceptionIndex,
    holidays: &'a Holidays,
    policy: HolidayPolicy,
    window: (Day, Day),
}

impl Ctx<'_> {
    /// Where the slot scheduled on `z` lands, why, and the exceptions that
    /// apply. Returns `None` when it is skipped; a cancelled slot stays on its scheduled
    /// date, as [`Landing::Cancelled`].
    /// Allocates nothing: most slots scanned fall outside the window.
    fn place(&self, z: Day, recurring: bool) -> Option<(Day, Landing, Applied<'_>)> {
        let mut day = z;
        let mut holiday = false;
        let mut dropped = false;
        if recurring && self.holidays.holiday_day(z) {
            match self.policy {
                HolidayPolicy::Keep => {}
                HolidayPolicy::Skip => dropped = true,
                HolidayPolicy::NextWorkday => match self.holidays.next_workday(z) {
                    Some(n) => (day, holiday) = (n, true),
                    None => dropped = true,
                },
            }
        }
        let mut matching = self.index.on(z);
        if matching.is_empty() && day != z {
            matching = self.index.on(day);
        }
        let applied = apply(matching, self.exceptions);
        if applied.cancelled {
            return (!dropped).then_some((z, Landing::Cancelled, applied));
        }
        let landing = if let Some(t) = applied.moved_to {
            // A move overrides the holiday policy: the date exactly as given.
            day = t;
            if t == z {
                Landing::AsScheduled
            } else {
                Landing::Moved
            }
        } else if dropped {
            return None;
        } else if holiday {
            Landing::Holiday
        } else {
            Landing::AsScheduled
        };
        Some((day, landing, applied))
    }

    fn occurrence(
        &self,
        ix: usize,
        rule: &ReceptionRule,
        z: Day,
        turn: u64,
        recurring: bool,
    ) -> Option<Occurrence> {
        let (day, landing, applied) = self.place(z, recurring)?;
        if day < self.window.0 || day > self.window.1 {
            return None;
        }
        let shifted = match landing {
            Landing::AsScheduled | Landing::Cancelled => None,
            Landing::Moved => Some(Shift::Moved),
            Landing::Holiday => Some(Shift::Holiday {
                name: self.holidays.name_day(z).map(str::to_owned),
            }),
        };
        let deputies = match (applied.deputies, &rule.duty) {
            (Some(v), _) => v.to_vec(),
            (None, Duty::All(v)) => v.clone(),
            (None, Duty::Rota(v)) => {
                let len = v.len() as u64;
                let pick = turn.checked_rem(len).and_then(|i| v.get(i as usize));
                pick.map(|d| vec![*d]).unwrap_or_default()
            }
        };
        Some(Occurrence {
            date: date_of(day)?,
            start: rule.start,
            end: rule.end,
            rule: ix,
            deputies,
            scheduled: date_of(z)?,
            shifted,
            topic: rule.topic.clone(),
            note: applied.note.map(str::to_owned),
            cancelled: matches!(landing, Landing::Cancelled),
        })
    }

    /// Whether an exception dated `d` applies to some slot of `rule`: one
    /// scheduled on `d`, or (under `NextWorkday`) one a holiday shifted onto
    /// `d` that has no exception on its own date. Mirrors [`Ctx::place`].
    fn matches(&self, rule: &Recurrence, compiled: Option<&Compiled>, d: Day) -> bool {
        let Some(c) = compiled else {
            return matches!(rule, Recurrence::Once(o) if day_of(*o) == d);
        };
        if c.contains(d) {
            return true;
        }
        if self.policy != HolidayPolicy::NextWorkday {
            return false;
        }
        // A slot shifted onto `d` by a holiday, with no exception of its own.
        let earliest = d.saturating_sub(self.holidays.max_shift());
        (earliest..d).any(|s| {
            self.holidays.holiday_day(s)
                && self.holidays.next_workday(s) == Some(d)
                && self.index.on(s).is_empty()
                && c.contains(s)
        })
    }
}

/// Expands a station's rules into the occurrences whose (final) date lies in
/// `window` (inclusive). See `docs/schedules.md` for the rules.
pub fn expand(
    rules: &[ReceptionRule],
    exceptions: &[Exception],
    holidays: &Holidays,
    policy: HolidayPolicy,
    window: (Date, Date),
) -> Expansion {
    let mut out = Expansion::default();
    let (ws, we) = (day_of(window.0), day_of(window.1));
    if ws > we {
        return out;
    }
    let ctx = Ctx {
        exceptions,
        index: ExceptionIndex::new(exceptions),
        holidays,
        policy,
        window: (ws, we),
    };
    // Scheduled dates that can land in the window: back by the longest
    // holiday shift, plus single days from which a move brings one in.
    let lookback = if policy == HolidayPolicy::NextWorkday {
        holidays.max_shift()
    } else {
        0
    };
    let (lo, hi) = (ws.saturating_sub(lookback), we);
    let mut extra = Vec::new();
    for e in exceptions {
        let ExceptionKind::MovedTo(t) = e.kind else {
            continue;
        };
        if !(ws..=we).contains(&day_of(t)) {
            continue;
        }
        // The move matches the slot scheduled on its date, or one shifted
        // there by a holiday.
        let d = day_of(e.date);
        let shifted_here = (d.saturating_sub(lookback)..d)
            .filter(|&s| holidays.holiday_day(s) && holidays.next_workday(s) == Some(d));
        extra.extend(
            std::iter::once(d)
                .chain(shifted_here)
                .filter(|s| !(lo..=hi).contains(s)),
        );
    }
    extra.sort_unstable();
    extra.dedup();

    let compiled: Vec<Option<Compiled>> =
        rules.iter().map(|r| Compiled::new(&r.recurrence)).collect();
    for (ix, (rule, c)) in rules.iter().zip(&compiled).enumerate() {
        debug_assert!(rule.start < rule.end, "rule {ix}: start must be before end");
        let Some(c) = c else {
            if let Recurrence::Once(d) = rule.recurrence {
                let z = day_of(d);
                if (lo..=hi).contains(&z) || extra.binary_search(&z).is_ok() {
                    out.add(ctx.occurrence(ix, rule, z, 0, false));
                }
            }
            continue;
        };
        let rota = matches!(rule.duty, Duty::Rota(_));
        debug_assert!(
            !rota || c.from().is_some(),
            "rule {ix}: a rota needs `from`"
        );
        let mut emit = |z, turn| out.add(ctx.occurrence(ix, rule, z, turn, true));
        c.for_each(lo, hi, rota, &mut emit);
        for &z in &extra {
            c.for_each(z, z, rota, &mut emit);
        }

        if policy != HolidayPolicy::Keep {
            let (a, b) = (
                c.from().map_or(ws, |f| f.max(ws)),
                c.until().map_or(we, |u| u.min(we)),
            );
            if a <= b {
                for y in year_of(a)..=year_of(b) {
                    if !holidays.knows_year_of(y) {
                        // a and b are days of valid dates, so y fits.
                        out.unknown_years.push((ix, y as i16));
                    }
                }
            }
        }
    }

    for list in [&mut out.occurrences, &mut out.cancelled] {
        list.sort_by(|a, b| {
            (a.date, a.start, a.rule, a.scheduled).cmp(&(b.date, b.start, b.rule, b.scheduled))
        });
        // One rule, one date: keep the earliest scheduled (sorted first).
        list.dedup_by(|later, kept| later.date == kept.date && later.rule == kept.rule);
    }

    for (i, e) in exceptions.iter().enumerate() {
        let d = day_of(e.date);
        if d <= we
            && !rules
                .iter()
                .zip(&compiled)
                .any(|(r, c)| ctx.matches(&r.recurrence, c.as_ref(), d))
        {
            out.unmatched_exceptions.push(i);
        }
    }
    out
}
