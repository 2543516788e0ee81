//! Day-number arithmetic used inside the schedule module: a civil date as an
//! `i32` count of days since 1970-01-01 (negative before), Monday-based
//! weekday offsets and month indices. Expansion scans thousands of dates per
//! station, so it works on plain integers and converts to `jiff` dates only
//! for what it outputs. Pure functions; no allocation, no panics.

use jiff::civil::{Date, Weekday};

/// Days since 1970-01-01 (a Thursday).
pub(crate) type Day = i32;

/// Days from 1970-01-01 to the proleptic Gregorian date `y-m-d`
/// (Howard Hinnant's `days_from_civil`). `m` is 1..=12, `d` 1..=31.
pub(crate) fn days_from_civil(y: i32, m: i32, d: i32) -> Day {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400; // 0..=399
    let mp = (m + 9) % 12; // March = 0
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The civil date `(year, month, day)` of a day number (inverse of
/// [`days_from_civil`]).
pub(crate) fn civil_from_days(z: Day) -> (i32, i32, i32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i32::from(m <= 2);
    (y, m, d)
}

/// The day number of a `jiff` date.
pub(crate) fn day_of(d: Date) -> Day {
    days_from_civil(
        i32::from(d.year()),
        i32::from(d.month()),
        i32::from(d.day()),
    )
}

/// The `jiff` date of a day number, or `None` outside jiff's range
/// (years -9999..=9999).
pub(crate) fn date_of(z: Day) -> Option<Date> {
    let (y, m, d) = civil_from_days(z);
    let y = i16::try_from(y).ok()?;
    // m and d always fit in i8 (1..=12, 1..=31).
    Date::new(y, m as i8, d as i8).ok()
}

/// The year of a day number.
pub(crate) fn year_of(z: Day) -> i32 {
    civil_from_days(z).0
}

/// Monday-based weekday offset of a day number: Monday = 0 … Sunday = 6.
pub(crate) fn weekday_ix(z: Day) -> i32 {
    // 1970-01-01 was a Thursday (offset 3).
    (z + 3).rem_euclid(7)
}

/// Bit `1 << offset` for a weekday, Monday = bit 0.
pub(crate) fn weekday_bit(w: Weekday) -> u8 {
    1u8 << w.to_monday_zero_offset()
}

/// The Monday on or before `z`.
pub(crate) fn monday_of(z: Day) -> Day {
    z - weekday_ix(z)
}

/// Whether `z` is a Saturday or Sunday.
pub(crate) fn is_weekend(z: Day) -> bool {
    weekday_ix(z) >= 5
}

/// Month index: `year * 12 + (month - 1)`, so consecutive months differ by 1.
pub(crate) fn month_ix(y: i32, m: i32) -> i32 {
    y * 12 + (m - 1)
}

/// `(year, month)` of a month index.
pub(crate) fn month_of_ix(mi: i32) -> (i32, i32) {
    (mi.div_euclid(12), mi.rem_euclid(12) + 1)
}

/// The month index of a day number.
pub(crate) fn month_ix_of_day(z: Day) -> i32 {
    let (y, m, _) = civil_from_days(z);
    month_ix(y, m)
}

/// Number of days in a month (Gregorian leap years).
pub(crate) fn days_in_month(y: i32, m: i32) -> i32 {
    match m {
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// The day numbers of the first and last representable dates (jiff's range).
#[cfg(test)]
pub(crate) const MIN_DAY: Day = -4_371_587; // -9999-01-01
pub(crate) const MAX_DAY: Day = 2_932_896; // 9999-12-31

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn round_trips_and_known_values() {
        assert_eq!(day_of(date(1970, 1, 1)), 0);
        assert_eq!(day_of(date(2000, 3, 1)), 11_017);
        assert_eq!(day_of(Date::MIN), MIN_DAY);
        assert_eq!(day_of(Date::MAX), MAX_DAY);
        assert_eq!(date_of(MIN_DAY - 1), None);
        assert_eq!(date_of(MAX_DAY + 1), None);
        // Every day of 1999..=2101 (leap, century, 400-year rule) round-trips
        // and agrees with jiff's weekday.
        let mut d = date(1999, 1, 1);
        while d <= date(2101, 12, 31) {
            let z = day_of(d);
            assert_eq!(date_of(z), Some(d));
            assert_eq!(
                weekday_ix(z),
                i32::from(d.weekday().to_monday_zero_offset())
            );
            assert_eq!(
                days_in_month(i32::from(d.year()), i32::from(d.month())),
                i32::from(d.days_in_month())
            );
            d = d.tomorrow().expect("inside range");
        }
        assert_eq!(month_of_ix(month_ix(-5, 12)), (-5, 12));
        assert_eq!(
            month_ix_of_day(day_of(date(2025, 2, 28))),
            month_ix(2025, 2)
        );
        assert_eq!(
            monday_of(day_of(date(2025, 10, 5))),
            day_of(date(2025, 9, 29))
        );
    }
}
