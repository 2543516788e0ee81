//! China's public-holiday calendar: the official days off and make-up
//! workdays (调休) for the years this build embeds (the State Council General
//! Office's notices, via the holiday-cn data collection; see
//! `data/holidays-cn/README.md`), plus a site's own `holidays.yaml` overrides.
//! Answers "is this a holiday / a workday", finds the next workday for the
//! `next-workday` policy, and knows which years it has data for.

use jiff::civil::Date;
use serde::Deserialize;

use super::days::{Day, MAX_DAY, day_of, is_weekend};

/// The embedded official calendars, one notice year each.
const OFFICIAL: [(&str, &str); 3] = [
    ("2024", include_str!("data/holidays-cn/2024.json")),
    ("2025", include_str!("data/holidays-cn/2025.json")),
    ("2026", include_str!("data/holidays-cn/2026.json")),
];

/// One holiday-cn file: `{year, papers[], days[{name, date, isOffDay}]}`.
#[derive(Deserialize)]
struct CalendarFile {
    year: i16,
    #[allow(dead_code)]
    papers: Vec<String>,
    days: Vec<CalendarDay>,
}

#[derive(Deserialize)]
struct CalendarDay {
    name: String,
    /// `YYYY-MM-DD`; parsed with jiff (its serde feature is not enabled).
    date: String,
    #[serde(rename = "isOffDay")]
    is_off_day: bool,
}

/// A day that differs from the ordinary week: off (holiday) or on (make-up
/// workday).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Entry {
    day: Day,
    off: bool,
    name: Option<Box<str>>,
}

/// Holidays and make-up workdays: the official calendar plus local overrides.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Holidays {
    /// Sorted by `day`, one entry per day.
    entries: Vec<Entry>,
    /// Years with data: notice years of the embedded files and years of
    /// overrides. Sorted, unique.
    years: Vec<i16>,
    /// The longest `next_workday` shift any holiday can cause, in days.
    max_shift: i32,
}

impl Holidays {
    /// The embedded official calendars (2024–2026). An empty `Holidays`
    /// (`Holidays::default()`) has no holidays and knows no year.
    pub fn official() -> Self {
        let mut h = Holidays::default();
        for (label, json) in OFFICIAL {
            let file: CalendarFile = serde_json::from_str(json).unwrap_or_else(|e| {
                panic!("embedded holiday calendar data/holidays-cn/{label}.json is invalid: {e}")
            });
            h.add_year(file.year);
            for d in file.days {
                // A day may belong to the neighbouring year (a notice for year N
                // can list late December of N-1): entries are keyed by date.
                let date: Date = d.date.parse().unwrap_or_else(|e| {
                    panic!("embedded holiday calendar data/holidays-cn/{label}.json: bad date {:?}: {e}", d.date)
                });
                h.set(day_of(date), d.is_off_day, Some(d.name));
            }
        }
        h.recompute();
        h
    }

    /// Adds or replaces one day from the site's `holidays.yaml`: `off: true`
    /// makes it a day off (a local holiday), `off: false` a working day (a
    /// make-up workday). Without a `name`, an official day keeps its name.
    /// The day's year then counts as known.
    pub fn with_override(&mut self, date: Date, off: bool, name: Option<String>) {
        self.add_year(date.year());
        self.set(day_of(date), off, name);
        self.recompute();
    }

    /// An official or local day off.
    pub fn is_holiday(&self, d: Date) -> bool {
        self.holiday_day(day_of(d))
    }

    /// A make-up workday (调休): a day marked as worked, usually a weekend.
    pub fn is_makeup_workday(&self, d: Date) -> bool {
        self.entry(day_of(d)).is_some_and(|e| !e.off)
    }

    /// Monday–Friday and not a holiday, or a make-up workday.
    pub fn is_workday(&self, d: Date) -> bool {
        self.workday(day_of(d))
    }

    /// The holiday's (or make-up workday's) name, e.g. `国庆节`.
    pub fn name(&self, d: Date) -> Option<&str> {
        self.entry(day_of(d)).and_then(|e| e.name.as_deref())
    }

    /// Whether there is data for `year`: an embedded calendar for it, or any
    /// override dated in it.
    pub fn knows_year(&self, year: i16) -> bool {
        self.years.binary_search(&year).is_ok()
    }

    // ---- day-number interface for the expansion ----

    pub(crate) fn holiday_day(&self, z: Day) -> bool {
        self.entry(z).is_some_and(|e| e.off)
    }

    pub(crate) fn workday(&self, z: Day) -> bool {
        match self.entry(z) {
            Some(e) => !e.off,
            None => !is_weekend(z),
        }
    }

    pub(crate) fn name_day(&self, z: Day) -> Option<&str> {
        self.entry(z).and_then(|e| e.name.as_deref())
    }

    /// The first workday strictly after `z`, or `None` past the last
    /// representable date.
    pub(crate) fn next_workday(&self, z: Day) -> Option<Day> {
        // Terminates: three days in a row without an entry hold a weekday.
        let mut d = z.checked_add(1)?;
        while !self.workday(d) {
            if d >= MAX_DAY {
                return None;
            }
            d += 1;
        }
        Some(d)
    }

    /// Upper bound of `next_workday(h) - h` over holidays `h`: how far back
    /// from a window's start a scheduled date can lie and still be shifted
    /// into it.
    pub(crate) fn max_shift(&self) -> i32 {
        self.max_shift
    }

    pub(crate) fn knows_year_of(&self, year: i32) -> bool {
        i16::try_from(year).is_ok_and(|y| self.knows_year(y))
    }

    // ---- internals ----

    fn entry(&self, z: Day) -> Option<&Entry> {
        let (first, last) = (self.entries.first()?, self.entries.last()?);
        if z < first.day || z > last.day {
            return None;
        }
        let i = self.entries.binary_search_by_key(&z, |e| e.day).ok()?;
        self.entries.get(i)
    }

    fn add_year(&mut self, year: i16) {
        if let Err(i) = self.years.binary_search(&year) {
            self.years.insert(i, year);
        }
    }

    fn set(&mut self, day: Day, off: bool, name: Option<String>) {
        let name = name.map(String::into_boxed_str);
        match self.entries.binary_search_by_key(&day, |e| e.day) {
            Ok(i) => {
                let e = &mut self.entries[i];
                e.off = off;
                if name.is_some() {
                    e.name = name;
                }
            }
            Err(i) => self.entries.insert(i, Entry { day, off, name }),
        }
    }

    fn recompute(&mut self) {
        let mut max = 0;
        for e in self.entries.iter().filter(|e| e.off) {
            // Entries are few (a few dozen a year), and so are runs of days off.
            if let Some(n) = self.next_workday(e.day) {
                max = max.max(n - e.day);
            }
        }
        self.max_shift = max;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn embedded_calendars_parse() {
        let h = Holidays::official();
        assert!(h.knows_year(2024) && h.knows_year(2025) && h.knows_year(2026));
        assert!(!h.knows_year(2023) && !h.knows_year(2027));
        // 2025 National Day and Mid-Autumn: Oct 1–8 off, Sep 28 and Oct 11 worked.
        for d in 1..=8 {
            assert!(h.is_holiday(date(2025, 10, d)), "2025-10-{d}");
        }
        assert_eq!(h.name(date(2025, 10, 3)), Some("国庆节、中秋节"));
        assert!(h.is_makeup_workday(date(2025, 9, 28)) && h.is_workday(date(2025, 9, 28)));
        assert!(h.is_makeup_workday(date(2025, 10, 11)));
        assert!(!h.is_holiday(date(2025, 10, 9)) && h.is_workday(date(2025, 10, 9)));
        // 2026-01-04 is a Sunday make-up workday for New Year.
        assert!(h.is_workday(date(2026, 1, 4)) && !h.is_holiday(date(2026, 1, 4)));
        // An ordinary weekend is neither a holiday nor a workday.
        let sat = date(2025, 11, 15);
        assert!(!h.is_holiday(sat) && !h.is_workday(sat) && !h.is_makeup_workday(sat));
        assert_eq!(h.name(sat), None);
        // Longest official run: Spring Festival 2026, Feb 15–23 → Feb 24 (9 days).
        assert_eq!(
            h.next_workday(day_of(date(2026, 2, 15))),
            Some(day_of(date(2026, 2, 24)))
        );
        assert_eq!(h.max_shift(), 9);
    }

    #[test]
    fn overrides() {
        let mut h = Holidays::official();
        // A county's own day off, in a year without official data.
        h.with_override(date(2027, 10, 9), true, Some("县庆".into()));
        assert!(h.knows_year(2027));
        assert!(h.is_holiday(date(2027, 10, 9)));
        assert_eq!(h.name(date(2027, 10, 9)), Some("县庆"));
        // A make-up Saturday.
        h.with_override(date(2025, 11, 15), false, None);
        assert!(h.is_makeup_workday(date(2025, 11, 15)) && h.is_workday(date(2025, 11, 15)));
        // Overriding an official day keeps its name unless a new one is given.
        h.with_override(date(2025, 10, 8), false, None);
        assert!(!h.is_holiday(date(2025, 10, 8)) && h.is_workday(date(2025, 10, 8)));
        assert_eq!(h.name(date(2025, 10, 8)), Some("国庆节、中秋节"));
        // A long local closure raises the look-back bound.
        let mut h = Holidays::default();
        for d in 1..=20 {
            h.with_override(date(2030, 3, d), true, None);
        }
        // Mar 1 (Fri) … Mar 20 (Wed) off: Mar 1 → Mar 21 (Thu), 20 days.
        assert_eq!(h.max_shift(), 20);
    }

    #[test]
    fn is_send_and_sync() {
        fn check<T: Send + Sync>() {}
        check::<Holidays>();
    }
}
