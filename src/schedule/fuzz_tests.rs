//! Randomised tests: a few thousand generated rules, exceptions, holiday
//! overrides and windows (a tiny deterministic PRNG, no dependency). They
//! check that nothing panics, the output invariants, that the ordered walk
//! over a rule's slots agrees with the single-date membership test, that
//! rota turns do not depend on where a walk starts, and that a window's
//! expansion is the part of any wider window's expansion that falls in it.

use jiff::civil::{Date, Weekday, time};

use super::days::{Day, date_of, day_of};
use super::recur::Compiled;
use super::*;

/// SplitMix64.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
    fn range(&mut self, lo: i64, hi: i64) -> i64 {
        lo + self.below((hi - lo + 1) as u64) as i64
    }
    fn day(&mut self) -> Day {
        // 2023-06-01 .. 2028-06-30: straddles the years with and without data.
        self.range(19_509, 21_365) as Day
    }
    fn date(&mut self) -> Date {
        let z = self.day();
        date_of(z).expect("test dates are valid")
    }
    fn weekdays(&mut self) -> Vec<Weekday> {
        let mut v: Vec<Weekday> = (0..7)
            .filter(|_| self.chance(30))
            .filter_map(|i| Weekday::from_monday_zero_offset(i).ok())
            .collect();
        if v.is_empty() {
            v.push(
                Weekday::from_monday_zero_offset((self.below(7)) as i8).unwrap_or(Weekday::Monday),
            );
        }
        v
    }
    fn small_list(&mut self, lo: i64, hi: i64) -> Vec<i8> {
        (0..1 + self.below(3))
            .map(|_| self.range(lo, hi) as i8)
            .collect()
    }
}

fn random_rule(r: &mut Rng) -> ReceptionRule {
    let rota = r.chance(50);
    let interval = if r.chance(60) {
        1
    } else {
        1 + r.below(4) as u32
    };
    let from = if rota || interval > 1 || r.chance(50) {
        Some(r.date())
    } else {
        None
    };
    let until = match from {
        Some(f) if r.chance(50) => Some(f.max(r.date())),
        None if r.chance(30) => Some(r.date()),
        _ => None,
    };
    let months = if r.chance(60) {
        vec![]
    } else {
        r.small_list(0, 13)
    };
    let recurrence = match r.below(10) {
        0 => Recurrence::Once(r.date()),
        1..=3 => Recurrence::Weekly {
            weekdays: r.weekdays(),
            interval,
            from,
            until,
        },
        4..=6 => {
            let nth = if r.chance(90) {
                r.small_list(-1, 5)
            } else {
                r.small_list(-6, 7)
            };
            Recurrence::MonthlyNth {
                weekdays: r.weekdays(),
                nth,
                months,
                interval,
                from,
                until,
            }
        }
        _ => Recurrence::MonthlyDay {
            days: r.small_list(-1, 32),
            months,
            interval,
            from,
            until,
        },
    };
    let deputies: Vec<DeputyIx> = (0..1 + r.below(4) as u32).collect();
    let duty = if rota {
        Duty::Rota(deputies)
    } else {
        Duty::All(deputies)
    };
    ReceptionRule {
        recurrence,
        start: time(9, 0, 0, 0),
        end: time(11, 0, 0, 0),
        duty,
        topic: None,
    }
}

/// An exception near `[a, b]` (mostly), moved (mostly) by a few days.
fn random_exception(r: &mut Rng, a: Day, b: Day) -> Exception {
    let near = |r: &mut Rng, z: Day| date_of(z + r.range(-20, 20) as Day).unwrap_or(Date::MIN);
    let date = if r.chance(80) {
        let z = r.range(i64::from(a.min(b)), i64::from(a.max(b))) as Day;
        near(r, z)
    } else {
        r.date()
    };
    let kind = match r.below(3) {
        0 => ExceptionKind::Cancelled,
        1 if r.chance(80) => ExceptionKind::MovedTo(near(r, day_of(date))),
        1 => ExceptionKind::MovedTo(r.date()),
        _ => ExceptionKind::Deputies(vec![42]),
    };
    Exception {
        date,
        kind,
        note: None,
    }
}

fn bounds(rec: &Recurrence) -> (Option<Date>, Option<Date>) {
    match rec {
        Recurrence::Once(_) => (None, None),
        Recurrence::Weekly { from, until, .. }
        | Recurrence::MonthlyNth { from, until, .. }
        | Recurrence::MonthlyDay { from, until, .. } => (*from, *until),
    }
}

fn check_invariants(
    rules: &[ReceptionRule],
    exceptions: &[Exception],
    policy: HolidayPolicy,
    w: (Date, Date),
    x: &Expansion,
) {
    let key = |o: &Occurrence| (o.date, o.start, o.rule);
    assert!(
        x.occurrences.windows(2).all(|p| key(&p[0]) <= key(&p[1])),
        "sorted"
    );
    assert!(
        x.occurrences
            .windows(2)
            .all(|p| (p[0].date, p[0].rule) != (p[1].date, p[1].rule)),
        "one per rule and date"
    );
    for o in &x.occurrences {
        assert!(w.0 <= o.date && o.date <= w.1, "inside the window: {o:?}");
        let (from, until) = bounds(&rules[o.rule].recurrence);
        assert!(
            from.is_none_or(|f| f <= o.scheduled) && until.is_none_or(|u| o.scheduled <= u),
            "scheduled within bounds"
        );
        if policy == HolidayPolicy::Keep && o.shifted != Some(Shift::Moved) {
            assert_eq!(o.date, o.scheduled);
            assert!(
                from.is_none_or(|f| f <= o.date) && until.is_none_or(|u| o.date <= u),
                "Keep stays within bounds"
            );
        }
        assert_eq!(
            o.shifted.is_none(),
            o.date == o.scheduled,
            "shifted iff moved: {o:?}"
        );
    }
    assert!(
        x.unknown_years.windows(2).all(|p| p[0] < p[1]),
        "unknown years unique and ordered"
    );
    assert!(x.unmatched_exceptions.windows(2).all(|p| p[0] < p[1]));
    assert!(
        x.unmatched_exceptions
            .iter()
            .all(|&i| i < exceptions.len() && exceptions[i].date <= w.1)
    );
}

#[test]
fn random_rules_and_windows() {
    let mut r = Rng(0x5eed_1a01_a01a);
    let official = Holidays::official();
    // Occurrences, holiday shifts, moves, unmatched exceptions, unknown years:
    // all must show up, or the generator is not exercising the code.
    let mut seen = [0usize; 5];
    for case in 0..3000 {
        let mut holidays = official.clone();
        if r.chance(20) {
            for _ in 0..1 + r.below(6) {
                let off = r.chance(70);
                holidays.with_override(r.date(), off, None);
            }
        }
        let rules: Vec<ReceptionRule> = (0..1 + r.below(3)).map(|_| random_rule(&mut r)).collect();
        let policy = [
            HolidayPolicy::NextWorkday,
            HolidayPolicy::Skip,
            HolidayPolicy::Keep,
        ][r.below(3) as usize];
        let (a, b) = (r.day(), r.day());
        let (a, b) = if r.chance(5) {
            (a.max(b), a.min(b))
        } else {
            (a.min(b), a.min(b) + (a.max(b) - a.min(b)) % 200)
        };
        let (Some(wa), Some(wb)) = (date_of(a), date_of(b)) else {
            continue;
        };
        // Half the exceptions fall on a scheduled or shifted date.
        let plain = expand(&rules, &[], &holidays, policy, (wa, wb));
        let mut exceptions: Vec<Exception> = (0..r.below(5))
            .map(|_| random_exception(&mut r, a, b))
            .collect();
        for e in &mut exceptions {
            if let Some(o) = plain
                .occurrences
                .get(r.below(2 * plain.occurrences.len() as u64) as usize)
            {
                e.date = if r.chance(50) { o.scheduled } else { o.date };
            }
        }
        let x = expand(&rules, &exceptions, &holidays, policy, (wa, wb));
        check_invariants(&rules, &exceptions, policy, (wa, wb), &x);
        seen[0] += x.occurrences.len();
        seen[1] += x
            .occurrences
            .iter()
            .filter(|o| matches!(o.shifted, Some(Shift::Holiday { .. })))
            .count();
        seen[2] += x
            .occurrences
            .iter()
            .filter(|o| o.shifted == Some(Shift::Moved))
            .count();
        seen[3] += x.unmatched_exceptions.len();
        seen[4] += x.unknown_years.len();
        if a > b {
            assert!(x.occurrences.is_empty());
            continue;
        }
        // A wider window holds the same occurrences on the window's days.
        let (Some(wa2), Some(wb2)) = (
            date_of(a - r.range(0, 60) as Day),
            date_of(b + r.range(0, 60) as Day),
        ) else {
            continue;
        };
        let wide = expand(&rules, &exceptions, &holidays, policy, (wa2, wb2));
        check_invariants(&rules, &exceptions, policy, (wa2, wb2), &wide);
        let inner: Vec<&Occurrence> = wide
            .occurrences
            .iter()
            .filter(|o| wa <= o.date && o.date <= wb)
            .collect();
        assert_eq!(
            x.occurrences.iter().collect::<Vec<_>>(),
            inner,
            "case {case}: {rules:?} {exceptions:?} {policy:?}"
        );
    }
    assert!(seen.iter().all(|&n| n > 20), "{seen:?}");
}

#[test]
fn walk_agrees_with_membership_and_turns() {
    let mut r = Rng(0x00de_c0de);
    for _ in 0..600 {
        let rule = random_rule(&mut r);
        let Some(c) = Compiled::new(&rule.recurrence) else {
            continue;
        };
        let (lo, hi) = (r.day(), r.day());
        let (lo, hi) = (lo.min(hi), lo.max(hi).min(lo.min(hi) + 500));
        let mut walked = Vec::new();
        c.for_each(lo, hi, false, |z, _| walked.push(z));
        let member: Vec<Day> = (lo..=hi).filter(|&z| c.contains(z)).collect();
        assert_eq!(walked, member, "{rule:?} {lo}..={hi}");
        // Turns from a walk starting at `from` equal those of a later start.
        if let Some(from) = c.from() {
            let mut full = Vec::new();
            c.for_each(from, hi, true, |z, t| full.push((z, t)));
            assert!(full.iter().enumerate().all(|(i, &(_, t))| t == i as u64));
            let mut part = Vec::new();
            c.for_each(lo, hi, true, |z, t| part.push((z, t)));
            let tail: Vec<(Day, u64)> = full.iter().copied().filter(|&(z, _)| z >= lo).collect();
            assert_eq!(part, tail, "{rule:?} {lo}..={hi}");
        }
    }
}

#[test]
fn extreme_dates_do_not_panic() {
    let mut h = Holidays::official();
    h.with_override(Date::MAX, true, None);
    h.with_override(Date::MIN, true, None);
    let end = |z: Day| date_of(z).unwrap_or(Date::MAX);
    let windows = [
        (Date::MIN, end(day_of(Date::MIN) + 40)),
        (end(day_of(Date::MAX) - 40), Date::MAX),
        (Date::MIN, Date::MIN),
        (Date::MAX, Date::MAX),
    ];
    let rules = vec![
        ReceptionRule {
            recurrence: Recurrence::Weekly {
                weekdays: vec![Weekday::Friday, Weekday::Sunday],
                interval: 3,
                from: Some(Date::MIN),
                until: None,
            },
            start: time(9, 0, 0, 0),
            end: time(10, 0, 0, 0),
            duty: Duty::Rota(vec![1, 2]),
            topic: None,
        },
        ReceptionRule {
            recurrence: Recurrence::MonthlyNth {
                weekdays: vec![Weekday::Friday],
                nth: vec![-1, 5],
                months: vec![],
                interval: u32::MAX,
                from: Some(Date::MIN),
                until: Some(Date::MAX),
            },
            start: time(9, 0, 0, 0),
            end: time(10, 0, 0, 0),
            duty: Duty::Rota(vec![]),
            topic: None,
        },
        ReceptionRule {
            recurrence: Recurrence::MonthlyDay {
                days: vec![31],
                months: vec![12],
                interval: 1,
                from: None,
                until: None,
            },
            start: time(9, 0, 0, 0),
            end: time(10, 0, 0, 0),
            duty: Duty::All(vec![]),
            topic: None,
        },
        ReceptionRule {
            recurrence: Recurrence::MonthlyDay {
                days: vec![1, 31],
                months: vec![],
                interval: 100_000_000,
                from: Some(Date::MIN),
                until: None,
            },
            start: time(9, 0, 0, 0),
            end: time(10, 0, 0, 0),
            duty: Duty::Rota(vec![1]),
            topic: None,
        },
        ReceptionRule {
            recurrence: Recurrence::Once(Date::MAX),
            start: time(9, 0, 0, 0),
            end: time(10, 0, 0, 0),
            duty: Duty::All(vec![3]),
            topic: None,
        },
    ];
    let exceptions = [
        Exception {
            date: Date::MAX,
            kind: ExceptionKind::MovedTo(Date::MIN),
            note: None,
        },
        Exception {
            date: Date::MIN,
            kind: ExceptionKind::MovedTo(Date::MAX),
            note: None,
        },
    ];
    for policy in [
        HolidayPolicy::NextWorkday,
        HolidayPolicy::Skip,
        HolidayPolicy::Keep,
    ] {
        for w in windows {
            let x = expand(&rules, &exceptions, &h, policy, w);
            check_invariants(&rules, &exceptions, policy, w, &x);
        }
    }
}
