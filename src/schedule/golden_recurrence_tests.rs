//! Golden tests of the recurrence kinds (last weekday, day of month, nth 5,
//! the 31st, intervals, bounds) and of rota turns far from `from`, with the
//! dates worked out by hand against the embedded calendars beside each case.

use jiff::civil::date;

use super::golden_tests::{
    FRI, MON, THU, TUE, WED, all, dates, days, nth, rule, run, summary, weekly,
};
use super::*;

#[test]
fn last_thursday() {
    // Last Thursdays of Jan–Jun 2025: Jan 30 (春节, Jan 28–Feb 4 off → Wed Feb 5),
    // Feb 27, Mar 27, Apr 24, May 29, Jun 26.
    let r = rule(nth(&[THU], &[-1], None), all(&[1]));
    let x = run(
        &[r],
        &[],
        HolidayPolicy::NextWorkday,
        (date(2025, 1, 1), date(2025, 6, 30)),
    );
    let want = [(2, 5), (2, 27), (3, 27), (4, 24), (5, 29), (6, 26)];
    assert_eq!(dates(&x), want.map(|(m, d)| date(2025, m, d)));
}

#[test]
fn fifteenth_of_odd_months() {
    // 2025: Jan 15 Wed, Mar 15 Sat (ordinary weekend: kept), May 15, Jul 15,
    // Sep 15, Nov 15 Sat (kept).
    let r = rule(days(&[15], &[1, 3, 5, 7, 9, 11], 1, None), all(&[1]));
    let x = run(
        &[r],
        &[],
        HolidayPolicy::NextWorkday,
        (date(2025, 1, 1), date(2025, 12, 31)),
    );
    assert_eq!(dates(&x), [1, 3, 5, 7, 9, 11].map(|m| date(2025, m, 15)));
}

#[test]
fn thirty_first_of_short_months_is_skipped() {
    // Jan 31 (a 春节 day, kept under Keep), Mar 31, May 31; Feb, Apr, Jun have no 31st.
    let r = rule(days(&[31], &[], 1, None), all(&[1]));
    let x = run(
        &[r],
        &[],
        HolidayPolicy::Keep,
        (date(2025, 1, 1), date(2025, 6, 30)),
    );
    assert_eq!(dates(&x), [1, 3, 5].map(|m| date(2025, m, 31)));
}

#[test]
fn every_other_week_two_weekdays() {
    // From Tue 2025-01-07: weeks of Jan 6, Jan 20, Feb 3, Feb 17 are active.
    // Tue Feb 4 is the last 春节 day → Wed Feb 5.
    let r = rule(
        weekly(&[TUE, THU], 2, Some(date(2025, 1, 7)), None),
        all(&[1]),
    );
    let x = run(
        &[r],
        &[],
        HolidayPolicy::NextWorkday,
        (date(2025, 1, 1), date(2025, 2, 28)),
    );
    let want = [
        (1, 7),
        (1, 9),
        (1, 21),
        (1, 23),
        (2, 5),
        (2, 6),
        (2, 18),
        (2, 20),
    ];
    assert_eq!(dates(&x), want.map(|(m, d)| date(2025, m, d)));
}

#[test]
fn first_and_third_monday() {
    // Mar 3, 17; Apr 7, 21; May 5 (劳动节, May 1–5 off → Tue May 6), May 19.
    let r = rule(nth(&[MON], &[1, 3], None), all(&[1]));
    let x = run(
        &[r],
        &[],
        HolidayPolicy::NextWorkday,
        (date(2025, 3, 1), date(2025, 5, 31)),
    );
    let want = [(3, 3), (3, 17), (4, 7), (4, 21), (5, 6), (5, 19)];
    assert_eq!(dates(&x), want.map(|(m, d)| date(2025, m, d)));
}

#[test]
fn fifth_friday_only_in_some_months() {
    // Apr–Sep 2025: only May (2, 9, 16, 23, 30) and Aug (1 … 29) have five Fridays.
    let r = rule(nth(&[FRI], &[5], None), all(&[1]));
    let x = run(
        &[r],
        &[],
        HolidayPolicy::NextWorkday,
        (date(2025, 4, 1), date(2025, 9, 30)),
    );
    assert_eq!(dates(&x), vec![date(2025, 5, 30), date(2025, 8, 29)]);
}

#[test]
fn interval_counts_from_from() {
    // Every 3 months from 2025-02-20: Feb (the 10th is before `from`, no slot),
    // May 10 (Sat, kept), Aug 10 (Sun, kept), Nov 10.
    let r = rule(days(&[10], &[], 3, Some(date(2025, 2, 20))), all(&[1]));
    let x = run(
        &[r],
        &[],
        HolidayPolicy::NextWorkday,
        (date(2025, 1, 1), date(2025, 12, 31)),
    );
    assert_eq!(dates(&x), [5, 8, 11].map(|m| date(2025, m, 10)));
    // Every 3 weeks on Monday from Wed 2025-01-15: active weeks start Jan 13
    // (its Monday is before `from`), Feb 3 (春节 → Wed Feb 5), Feb 24, Mar 17.
    let r = rule(weekly(&[MON], 3, Some(date(2025, 1, 15)), None), all(&[1]));
    let x = run(
        &[r],
        &[],
        HolidayPolicy::NextWorkday,
        (date(2025, 1, 1), date(2025, 3, 31)),
    );
    assert_eq!(
        dates(&x),
        vec![date(2025, 2, 5), date(2025, 2, 24), date(2025, 3, 17)]
    );
}

#[test]
fn from_until_bound_scheduled_dates() {
    // Wednesdays from Mar 5 until Mar 26 inside a wider window.
    let r = rule(
        weekly(&[WED], 1, Some(date(2025, 3, 5)), Some(date(2025, 3, 26))),
        all(&[1]),
    );
    let x = run(
        &[r],
        &[],
        HolidayPolicy::NextWorkday,
        (date(2025, 2, 1), date(2025, 4, 30)),
    );
    assert_eq!(dates(&x), [5, 12, 19, 26].map(|d| date(2025, 3, d)));
    // `until` bounds the scheduled date, not the shifted one: Fri Oct 3 (until)
    // → Oct 9.
    let r = rule(weekly(&[FRI], 1, None, Some(date(2025, 10, 3))), all(&[1]));
    let x = run(
        &[r],
        &[],
        HolidayPolicy::NextWorkday,
        (date(2025, 9, 20), date(2025, 10, 31)),
    );
    assert_eq!(dates(&x), vec![date(2025, 9, 26), date(2025, 10, 9)]);
}

#[test]
fn rota_far_after_from() {
    // Mondays from Mon 2024-01-01; 2026-03-02 is 790 days = 113 weeks later →
    // turn 113, 113 % 4 = 1 → deputy 2. Holidays on the way do not matter.
    let r = rule(
        weekly(&[MON], 1, Some(date(2024, 1, 1)), None),
        Duty::Rota(vec![1, 2, 3, 4]),
    );
    let x = run(
        &[r],
        &[],
        HolidayPolicy::NextWorkday,
        (date(2026, 3, 2), date(2026, 3, 16)),
    );
    let got: Vec<_> = x.occurrences.iter().map(|o| o.deputies[0]).collect();
    assert_eq!(got, vec![2, 3, 4]);
}

#[test]
fn same_rule_same_day_keeps_earlier_scheduled() {
    // Thu+Fri from Mon 2025-09-29, rota of four: Oct 2 t0 and Oct 3 t1 are
    // holidays → both Oct 9, where Oct 9 t2 also falls; Oct 2's (deputy 1) is
    // kept. Oct 10 is t3 → deputy 4.
    let r = rule(
        weekly(&[THU, FRI], 1, Some(date(2025, 9, 29)), None),
        Duty::Rota(vec![1, 2, 3, 4]),
    );
    let x = run(
        &[r],
        &[],
        HolidayPolicy::NextWorkday,
        (date(2025, 10, 1), date(2025, 10, 10)),
    );
    assert_eq!(
        summary(&x),
        vec![
            (date(2025, 10, 9), date(2025, 10, 2), vec![1]),
            (date(2025, 10, 10), date(2025, 10, 10), vec![4])
        ]
    );
}
