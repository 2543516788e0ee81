//! Golden tests of exceptions (cancel, move, substitute deputies, matching by
//! scheduled or shifted date, unmatched ones), local holiday overrides and the
//! unknown-year warning, with hand-computed dates beside each case.

use jiff::civil::{Date, date};

use super::golden_tests::{FRI, MON, all, dates, first_friday_rota, rule, run, summary, weekly};
use super::*;

fn exc(d: Date, kind: ExceptionKind) -> Exception {
    Exception {
        date: d,
        kind,
        note: None,
    }
}

/// Mondays from Mon 2025-11-03, rota 1, 2, 3.
fn monday_rota() -> ReceptionRule {
    rule(
        weekly(&[MON], 1, Some(date(2025, 11, 3)), None),
        Duty::Rota(vec![1, 2, 3]),
    )
}

#[test]
fn rota_with_cancellation_move_and_substitute() {
    // Slots: Nov 3 t0 → 1, Nov 10 t1 → 2 (cancelled), Nov 17 t2 → 3 (moved to
    // Wed Nov 19, keeps 3), Nov 24 t3 → 1, Dec 1 t4 → 2 (substitute 99),
    // Dec 8 t5 → 3: the cancellation does not hand deputy 2's turn to anyone.
    let exceptions = [
        exc(date(2025, 11, 10), ExceptionKind::Cancelled),
        exc(
            date(2025, 11, 17),
            ExceptionKind::MovedTo(date(2025, 11, 19)),
        ),
        Exception {
            date: date(2025, 12, 1),
            kind: ExceptionKind::Deputies(vec![99]),
            note: Some("代班".into()),
        },
    ];
    let x = run(
        &[monday_rota()],
        &exceptions,
        HolidayPolicy::NextWorkday,
        (date(2025, 11, 1), date(2025, 12, 10)),
    );
    assert_eq!(
        summary(&x),
        vec![
            (date(2025, 11, 3), date(2025, 11, 3), vec![1]),
            (date(2025, 11, 19), date(2025, 11, 17), vec![3]),
            (date(2025, 11, 24), date(2025, 11, 24), vec![1]),
            (date(2025, 12, 1), date(2025, 12, 1), vec![99]),
            (date(2025, 12, 8), date(2025, 12, 8), vec![3]),
        ]
    );
    assert_eq!(x.occurrences[1].shifted, Some(Shift::Moved));
    assert_eq!(x.occurrences[3].note.as_deref(), Some("代班"));
    assert!(x.unmatched_exceptions.is_empty());
}

#[test]
fn moves_into_and_out_of_the_window() {
    // Fridays; Oct 31 moved to Mon Nov 3 (into the window), Nov 28 moved to
    // Dec 2 (out of it), Nov 21 moved to 2026-01-01 (a holiday: as given).
    let exceptions = [
        exc(
            date(2025, 10, 31),
            ExceptionKind::MovedTo(date(2025, 11, 3)),
        ),
        exc(
            date(2025, 11, 28),
            ExceptionKind::MovedTo(date(2025, 12, 2)),
        ),
        exc(date(2025, 11, 21), ExceptionKind::MovedTo(date(2026, 1, 1))),
    ];
    let r = rule(weekly(&[FRI], 1, None, None), all(&[1]));
    let x = run(
        std::slice::from_ref(&r),
        &exceptions,
        HolidayPolicy::NextWorkday,
        (date(2025, 11, 1), date(2025, 11, 30)),
    );
    assert_eq!(
        dates(&x),
        vec![date(2025, 11, 3), date(2025, 11, 7), date(2025, 11, 14)]
    );
    let x = run(
        &[r],
        &exceptions,
        HolidayPolicy::NextWorkday,
        (date(2026, 1, 1), date(2026, 1, 1)),
    );
    assert_eq!(
        summary(&x),
        vec![(date(2026, 1, 1), date(2025, 11, 21), vec![1])]
    );
    // A move written on the shifted date: first Friday Oct 3 (holiday → Oct 9),
    // Oct 9 moved to Wed Nov 12, far from the window's other slots; keeps
    // its rota turn t9 → 10.
    let e = [exc(
        date(2025, 10, 9),
        ExceptionKind::MovedTo(date(2025, 11, 12)),
    )];
    let x = run(
        &[first_friday_rota()],
        &e,
        HolidayPolicy::NextWorkday,
        (date(2025, 11, 10), date(2025, 11, 30)),
    );
    assert_eq!(
        summary(&x),
        vec![(date(2025, 11, 12), date(2025, 10, 3), vec![10])]
    );
    assert_eq!(x.occurrences[0].shifted, Some(Shift::Moved));
}

#[test]
fn exceptions_override_the_holiday_policy() {
    let w = (date(2025, 9, 20), date(2025, 10, 31));
    // Cancelled: no Oct 9.
    let x = run(
        &[first_friday_rota()],
        &[exc(date(2025, 10, 3), ExceptionKind::Cancelled)],
        HolidayPolicy::NextWorkday,
        w,
    );
    assert!(x.occurrences.is_empty() && x.unmatched_exceptions.is_empty());
    // Moved under Skip: held on the given day although Oct 3 is a holiday.
    let moved = [exc(
        date(2025, 10, 3),
        ExceptionKind::MovedTo(date(2025, 10, 10)),
    )];
    let x = run(&[first_friday_rota()], &moved, HolidayPolicy::Skip, w);
    assert_eq!(
        summary(&x),
        vec![(date(2025, 10, 10), date(2025, 10, 3), vec![10])]
    );
    // Substitute deputies: the holiday shift still applies …
    let subst = [exc(date(2025, 10, 3), ExceptionKind::Deputies(vec![7]))];
    let x = run(
        &[first_friday_rota()],
        &subst,
        HolidayPolicy::NextWorkday,
        w,
    );
    assert_eq!(
        summary(&x),
        vec![(date(2025, 10, 9), date(2025, 10, 3), vec![7])]
    );
    // … and so does Skip (the exception still counts as matched).
    let x = run(&[first_friday_rota()], &subst, HolidayPolicy::Skip, w);
    assert!(x.occurrences.is_empty() && x.unmatched_exceptions.is_empty());
}

#[test]
fn exception_matches_the_shifted_date_too() {
    // An editor who sees "Oct 9" in the calendar may write that date: Oct 3
    // has no exception of its own, so one dated Oct 9 applies to it.
    let w = (date(2025, 9, 20), date(2025, 10, 31));
    let e = [Exception {
        date: date(2025, 10, 9),
        kind: ExceptionKind::Deputies(vec![8]),
        note: Some("n".into()),
    }];
    let x = run(&[first_friday_rota()], &e, HolidayPolicy::NextWorkday, w);
    assert_eq!(
        summary(&x),
        vec![(date(2025, 10, 9), date(2025, 10, 3), vec![8])]
    );
    assert!(x.unmatched_exceptions.is_empty());
    // Under Keep nothing is shifted there, so it matches nothing.
    let x = run(&[first_friday_rota()], &e, HolidayPolicy::Keep, w);
    assert_eq!(x.unmatched_exceptions, vec![0]);
    // A scheduled-date exception wins over a shifted-date one.
    let e2 = [
        exc(date(2025, 10, 3), ExceptionKind::Deputies(vec![7])),
        e[0].clone(),
    ];
    let x = run(&[first_friday_rota()], &e2, HolidayPolicy::NextWorkday, w);
    assert_eq!(
        summary(&x),
        vec![(date(2025, 10, 9), date(2025, 10, 3), vec![7])]
    );
    assert_eq!(x.unmatched_exceptions, vec![1]);
}

#[test]
fn several_exceptions_on_one_date_combine() {
    let e = [
        exc(
            date(2025, 11, 7),
            ExceptionKind::MovedTo(date(2025, 11, 11)),
        ),
        Exception {
            date: date(2025, 11, 7),
            kind: ExceptionKind::Deputies(vec![5]),
            note: Some("改期".into()),
        },
    ];
    let x = run(
        &[first_friday_rota()],
        &e,
        HolidayPolicy::NextWorkday,
        (date(2025, 11, 1), date(2025, 11, 30)),
    );
    assert_eq!(
        summary(&x),
        vec![(date(2025, 11, 11), date(2025, 11, 7), vec![5])]
    );
    assert_eq!(x.occurrences[0].note.as_deref(), Some("改期"));
}

#[test]
fn unmatched_exceptions() {
    // Window Nov 2025; first Fridays. 0: Oct 4 (before the window, a Saturday,
    // nothing) → reported; 1: Sep 5 (before, a first Friday) → fine;
    // 2: Nov 8 (inside, nothing) → reported; 3: Dec 5 (after the window) →
    // not checked; 4: Dec 6 (after, nothing) → not checked either.
    let e = [
        exc(date(2025, 10, 4), ExceptionKind::Cancelled),
        exc(date(2025, 9, 5), ExceptionKind::Cancelled),
        exc(date(2025, 11, 8), ExceptionKind::Cancelled),
        exc(date(2025, 12, 5), ExceptionKind::Cancelled),
        exc(date(2025, 12, 6), ExceptionKind::Cancelled),
    ];
    let x = run(
        &[first_friday_rota()],
        &e,
        HolidayPolicy::NextWorkday,
        (date(2025, 11, 1), date(2025, 11, 30)),
    );
    assert_eq!(x.unmatched_exceptions, vec![0, 2]);
    // A one-off's date matches; the day before 2025-01-01 (`from`) does not.
    let rules = [
        first_friday_rota(),
        rule(Recurrence::Once(date(2025, 11, 20)), all(&[1])),
    ];
    let e = [
        exc(date(2025, 11, 20), ExceptionKind::Cancelled),
        exc(date(2024, 12, 6), ExceptionKind::Cancelled),
    ];
    let x = run(
        &rules,
        &e,
        HolidayPolicy::NextWorkday,
        (date(2025, 11, 1), date(2025, 11, 30)),
    );
    assert_eq!(x.unmatched_exceptions, vec![1]);
    assert_eq!(dates(&x), vec![date(2025, 11, 7)]);
}

#[test]
fn local_holiday_and_makeup_day() {
    // The county's own day off on the first Friday of November (2025-11-07) and
    // a make-up workday the next day, Saturday Nov 8: the reception moves there.
    let mut h = Holidays::official();
    h.with_override(date(2025, 11, 7), true, Some("县庆".into()));
    h.with_override(date(2025, 11, 8), false, None);
    let x = expand(
        &[first_friday_rota()],
        &[],
        &h,
        HolidayPolicy::NextWorkday,
        (date(2025, 11, 1), date(2025, 11, 30)),
    );
    assert_eq!(
        summary(&x),
        vec![(date(2025, 11, 8), date(2025, 11, 7), vec![20])]
    );
    assert_eq!(
        x.occurrences[0].shifted,
        Some(Shift::Holiday {
            name: Some("县庆".into())
        })
    );
}

#[test]
fn unknown_year_2027() {
    let w = (date(2026, 12, 1), date(2027, 1, 31));
    let rules = [
        rule(weekly(&[MON], 1, None, None), all(&[1])), // reaches 2027
        rule(weekly(&[MON], 1, None, Some(date(2026, 12, 31))), all(&[1])), // stops in 2026
        rule(Recurrence::Once(date(2027, 1, 4)), all(&[1])), // one-offs never shift
        rule(weekly(&[FRI], 1, Some(date(2025, 1, 1)), None), all(&[1])), // reaches 2027
    ];
    let x = run(&rules, &[], HolidayPolicy::NextWorkday, w);
    assert_eq!(x.unknown_years, vec![(0, 2027), (3, 2027)]);
    assert!(
        run(&rules, &[], HolidayPolicy::Keep, w)
            .unknown_years
            .is_empty()
    );
    // A holidays.yaml entry for 2027 makes the year known.
    let mut h = Holidays::official();
    h.with_override(date(2027, 1, 1), true, Some("元旦".into()));
    assert!(
        expand(&rules, &[], &h, HolidayPolicy::Skip, w)
            .unknown_years
            .is_empty()
    );
}

#[test]
fn empty_or_reversed_window() {
    let x = run(
        &[first_friday_rota()],
        &[],
        HolidayPolicy::NextWorkday,
        (date(2025, 12, 1), date(2025, 11, 1)),
    );
    assert_eq!(x, Expansion::default());
    let x = run(
        &[],
        &[exc(date(2025, 1, 1), ExceptionKind::Cancelled)],
        HolidayPolicy::NextWorkday,
        (date(2025, 1, 1), date(2025, 1, 1)),
    );
    assert_eq!(x.unmatched_exceptions, vec![0]);
}
