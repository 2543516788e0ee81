//! Golden tests of [`expand`] for the holiday policies (the issue's
//! acceptance case, Skip, Keep, Spring Festival, shifts onto make-up Sundays),
//! with dates computed by hand against the embedded 2024–2026 calendars (the
//! reasoning sits beside each case), and the helpers the other golden test
//! files share. Exceptions and diagnostics: `golden_exception_tests.rs`;
//! recurrence kinds and rota turns: `golden_recurrence_tests.rs`.

use jiff::civil::{Date, Weekday, date, time};

use super::*;

pub(super) use Weekday::{
    Friday as FRI, Monday as MON, Thursday as THU, Tuesday as TUE, Wednesday as WED,
};

pub(super) fn rule(recurrence: Recurrence, duty: Duty) -> ReceptionRule {
    ReceptionRule {
        recurrence,
        start: time(9, 0, 0, 0),
        end: time(11, 30, 0, 0),
        duty,
        topic: None,
    }
}

pub(super) fn all(v: &[DeputyIx]) -> Duty {
    Duty::All(v.to_vec())
}

pub(super) fn weekly(
    weekdays: &[Weekday],
    interval: u32,
    from: Option<Date>,
    until: Option<Date>,
) -> Recurrence {
    Recurrence::Weekly {
        weekdays: weekdays.to_vec(),
        interval,
        from,
        until,
    }
}

pub(super) fn nth(weekdays: &[Weekday], nth: &[i8], from: Option<Date>) -> Recurrence {
    Recurrence::MonthlyNth {
        weekdays: weekdays.to_vec(),
        nth: nth.to_vec(),
        months: vec![],
        interval: 1,
        from,
        until: None,
    }
}

pub(super) fn days(days: &[i8], months: &[i8], interval: u32, from: Option<Date>) -> Recurrence {
    Recurrence::MonthlyDay {
        days: days.to_vec(),
        months: months.to_vec(),
        interval,
        from,
        until: None,
    }
}

pub(super) fn run(
    rules: &[ReceptionRule],
    exc: &[Exception],
    policy: HolidayPolicy,
    w: (Date, Date),
) -> Expansion {
    expand(rules, exc, &Holidays::official(), policy, w)
}

/// `(date, scheduled, deputies)` of each occurrence.
pub(super) fn summary(x: &Expansion) -> Vec<(Date, Date, Vec<DeputyIx>)> {
    x.occurrences
        .iter()
        .map(|o| (o.date, o.scheduled, o.deputies.clone()))
        .collect()
}

pub(super) fn dates(x: &Expansion) -> Vec<Date> {
    x.occurrences.iter().map(|o| o.date).collect()
}

/// First Friday monthly with a rota of three (10, 20, 30) from 2025-01-01.
pub(super) fn first_friday_rota() -> ReceptionRule {
    rule(
        nth(&[FRI], &[1], Some(date(2025, 1, 1))),
        Duty::Rota(vec![10, 20, 30]),
    )
}

#[test]
fn acceptance_first_friday_next_workday() {
    // First Fridays since 2025-01-01, one rota turn each (turn % 3 → 10/20/30):
    // Jan 3 t0, Feb 7 t1, Mar 7 t2, Apr 4 t3, May 2 t4, Jun 6 t5, Jul 4 t6,
    // Aug 1 t7, Sep 5 t8, Oct 3 t9 → 10, Nov 7 t10 → 20, Dec 5 t11 → 30,
    // 2026-01-02 t12 → 10.
    // Oct 3 is in National Day (Oct 1–8 off) → Thu Oct 9. Jan 2 2026 is a New
    // Year day off, Jan 3 (Sat) too → Sun Jan 4, a make-up workday.
    let x = run(
        &[first_friday_rota()],
        &[],
        HolidayPolicy::NextWorkday,
        (date(2025, 9, 20), date(2026, 1, 31)),
    );
    assert_eq!(
        summary(&x),
        vec![
            (date(2025, 10, 9), date(2025, 10, 3), vec![10]),
            (date(2025, 11, 7), date(2025, 11, 7), vec![20]),
            (date(2025, 12, 5), date(2025, 12, 5), vec![30]),
            (date(2026, 1, 4), date(2026, 1, 2), vec![10]),
        ]
    );
    let o = &x.occurrences;
    assert_eq!(
        o[0].shifted,
        Some(Shift::Holiday {
            name: Some("国庆节、中秋节".into())
        })
    );
    assert_eq!(o[1].shifted, None);
    assert_eq!(
        o[3].shifted,
        Some(Shift::Holiday {
            name: Some("元旦".into())
        })
    );
    assert_eq!(
        (o[0].start, o[0].end, o[0].rule),
        (time(9, 0, 0, 0), time(11, 30, 0, 0), 0)
    );
    assert!(x.unknown_years.is_empty() && x.unmatched_exceptions.is_empty());

    // A window that starts after the scheduled date still gets the shifted one.
    let x = run(
        &[first_friday_rota()],
        &[],
        HolidayPolicy::NextWorkday,
        (date(2025, 10, 9), date(2025, 10, 9)),
    );
    assert_eq!(
        summary(&x),
        vec![(date(2025, 10, 9), date(2025, 10, 3), vec![10])]
    );
}

#[test]
fn skip_policy_uses_up_turns() {
    // Same slots as above; Oct 3 (t9) and Jan 2 (t12) are holidays and dropped,
    // but Nov 7 is still t10 → 20 and Dec 5 t11 → 30.
    let x = run(
        &[first_friday_rota()],
        &[],
        HolidayPolicy::Skip,
        (date(2025, 9, 20), date(2026, 1, 31)),
    );
    assert_eq!(
        summary(&x),
        vec![
            (date(2025, 11, 7), date(2025, 11, 7), vec![20]),
            (date(2025, 12, 5), date(2025, 12, 5), vec![30])
        ]
    );
}

#[test]
fn keep_policy_holds_on_holidays() {
    let x = run(
        &[first_friday_rota()],
        &[],
        HolidayPolicy::Keep,
        (date(2025, 9, 20), date(2026, 1, 31)),
    );
    assert_eq!(
        dates(&x),
        vec![
            date(2025, 10, 3),
            date(2025, 11, 7),
            date(2025, 12, 5),
            date(2026, 1, 2)
        ]
    );
    assert!(
        x.occurrences
            .iter()
            .all(|o| o.shifted.is_none() && o.date == o.scheduled)
    );
}

#[test]
fn spring_festival_2026() {
    // Wednesdays: Feb 11; Feb 18 is in 春节 (Feb 15–23 off) → Tue Feb 24; Feb 25.
    // (Sat Feb 28 is a make-up workday but no rule falls there.)
    let r = rule(weekly(&[WED], 1, None, None), all(&[1]));
    let x = run(
        &[r],
        &[],
        HolidayPolicy::NextWorkday,
        (date(2026, 2, 9), date(2026, 3, 1)),
    );
    assert_eq!(
        dates(&x),
        vec![date(2026, 2, 11), date(2026, 2, 24), date(2026, 2, 25)]
    );
    assert_eq!(x.occurrences[1].scheduled, date(2026, 2, 18));
    assert_eq!(
        x.occurrences[1].shifted,
        Some(Shift::Holiday {
            name: Some("春节".into())
        })
    );
}

#[test]
fn shifted_onto_sunday_makeup_workdays() {
    // 2024: Thu Feb 15 is in 春节 (Feb 10–17 off) → Sun Feb 18, a make-up day;
    // Thu Apr 4 is 清明 (Apr 4–6 off) → Sun Apr 7, a make-up day.
    let r = rule(
        weekly(&[THU], 1, Some(date(2024, 2, 1)), Some(date(2024, 4, 30))),
        all(&[1]),
    );
    let x = run(
        &[r],
        &[],
        HolidayPolicy::NextWorkday,
        (date(2024, 2, 12), date(2024, 4, 8)),
    );
    let got: Vec<_> = x
        .occurrences
        .iter()
        .filter(|o| o.date != o.scheduled)
        .map(|o| (o.scheduled, o.date))
        .collect();
    assert_eq!(
        got,
        vec![
            (date(2024, 2, 15), date(2024, 2, 18)),
            (date(2024, 4, 4), date(2024, 4, 7))
        ]
    );
    // Thursdays Feb 15, 22, 29, Mar 7, 14, 21, 28, Apr 4: 7 weeks apart, 8 in all.
    assert_eq!(x.occurrences.len(), 8);
}

#[test]
fn one_off_on_a_holiday_is_kept() {
    let rules = [rule(Recurrence::Once(date(2025, 10, 1)), all(&[1, 2]))];
    let x = run(
        &rules,
        &[],
        HolidayPolicy::NextWorkday,
        (date(2025, 9, 1), date(2025, 12, 31)),
    );
    assert_eq!(
        summary(&x),
        vec![(date(2025, 10, 1), date(2025, 10, 1), vec![1, 2])]
    );
    assert_eq!(x.occurrences[0].shifted, None);
}

#[test]
fn two_rules_sorted_by_date_then_start_then_rule() {
    let mut afternoon = rule(weekly(&[FRI], 1, None, None), all(&[2]));
    afternoon.start = time(14, 30, 0, 0);
    afternoon.end = time(17, 0, 0, 0);
    let rules = [
        afternoon,
        rule(weekly(&[FRI], 1, None, None), all(&[1])),
        rule(weekly(&[FRI], 1, None, None), all(&[3])),
    ];
    let x = run(
        &rules,
        &[],
        HolidayPolicy::Keep,
        (date(2025, 11, 7), date(2025, 11, 7)),
    );
    let got: Vec<_> = x.occurrences.iter().map(|o| o.rule).collect();
    assert_eq!(got, vec![1, 2, 0]);
}
