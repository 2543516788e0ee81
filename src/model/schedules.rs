//! Upcoming receptions: every station's rules expanded over the build's window (as-of date
//! to `horizon_days` ahead), filed per station, per duty deputy and for the whole site.

use jiff::civil::Date;

use super::{Config, Station};
use crate::diag::{Diagnostic, Diagnostics};
use crate::schedule::{self, Holidays, Occurrence};
use crate::sources::Origin;
use crate::sources::raw::RawStation;

/// A reference to one occurrence: (station, index in that station's list).
pub type OccRef = (u32, u32);

#[derive(Debug, Default)]
pub struct Schedules {
    pub window: Option<(Date, Date)>,
    pub by_station: Vec<Vec<Occurrence>>,
    /// Per station, the occurrences an exception cancelled inside the window (with their
    /// notes), shown on pages, posters and calendars as cancelled; never counted as held.
    pub cancelled: Vec<Vec<Occurrence>>,
    pub by_deputy: Vec<Vec<OccRef>>,
    /// Per deputy, the cancelled occurrences they would have been on duty at: (station,
    /// index in that station's `cancelled`), by date.
    pub cancelled_by_deputy: Vec<Vec<OccRef>>,
    /// Every occurrence of the site, by date, time, then station.
    pub all: Vec<OccRef>,
}

impl Schedules {
    pub fn get(&self, r: OccRef) -> &Occurrence {
        &self.by_station[r.0 as usize][r.1 as usize]
    }
}

/// Expand every station. `raws` gives the located source of each station for warnings.
pub fn expand(
    config: &Config,
    holidays: &Holidays,
    as_of: Date,
    stations: &[Station],
    raws: &[(&Origin, &RawStation)],
    deputies: usize,
    diags: &mut Diagnostics,
) -> Schedules {
    let end = as_of
        .checked_add(jiff::Span::new().days(i64::from(config.horizon_days)))
        .unwrap_or(as_of);
    let window = (as_of, end);
    let policy = match config.holiday_policy {
        crate::vocab::HolidayPolicy::NextWorkday => schedule::HolidayPolicy::NextWorkday,
        crate::vocab::HolidayPolicy::Skip => schedule::HolidayPolicy::Skip,
        crate::vocab::HolidayPolicy::Keep => schedule::HolidayPolicy::Keep,
    };
    let mut by_station = Vec::with_capacity(stations.len());
    let mut cancelled = Vec::with_capacity(stations.len());
    for (i, st) in stations.iter().enumerate() {
        let exp = schedule::expand(&st.rules, &st.exceptions, holidays, policy, window);
        if let Some((origin, raw)) = raws.get(i) {
            for (rule, year) in &exp.unknown_years {
                let span = raw
                    .receptions
                    .get(*rule)
                    .map_or_else(|| origin.start(), |r| origin.at(r));
                diags.push(
                    Diagnostic::warning(span, format!("this schedule reaches {year}, a year with no holiday calendar: receptions on that year's public holidays are not moved"))
                        .hint(format!("when the State Council announces the {year} holidays, add them to holidays.yaml (`- {{ date: {year}-01-01, off: true, name: 元旦 }}`), or update lianluo")),
                );
            }
        }
        if let Some((origin, raw)) = raws.get(i) {
            for &e in &exp.unmatched_exceptions {
                let span = raw
                    .exceptions
                    .get(e)
                    .map_or_else(|| origin.start(), |x| origin.at(x));
                let date = st
                    .exceptions
                    .get(e)
                    .map(|x| x.date.to_string())
                    .unwrap_or_default();
                diags.push(
                    Diagnostic::warning(span, format!("no reception of this station is scheduled on {date}: this exception changes nothing"))
                        .hint("date an exception on the day the reception is scheduled (before any move to the next workday)"),
                );
            }
        }
        by_station.push(exp.occurrences);
        cancelled.push(exp.cancelled);
    }
    let mut by_deputy: Vec<Vec<OccRef>> = vec![Vec::new(); deputies];
    let mut all = Vec::new();
    for (s, occs) in by_station.iter().enumerate() {
        for (o, occ) in occs.iter().enumerate() {
            let r = (s as u32, o as u32);
            all.push(r);
            for &d in &occ.deputies {
                if let Some(v) = by_deputy.get_mut(d as usize) {
                    v.push(r);
                }
            }
        }
    }
    let key = |r: &OccRef| {
        let o = &by_station[r.0 as usize][r.1 as usize];
        (o.date, o.start, r.0)
    };
    all.sort_by_key(key);
    for v in &mut by_deputy {
        v.sort_by_key(key);
    }
    let mut cancelled_by_deputy: Vec<Vec<OccRef>> = vec![Vec::new(); deputies];
    for (s, occs) in cancelled.iter().enumerate() {
        for (o, occ) in occs.iter().enumerate() {
            for &d in &occ.deputies {
                if let Some(v) = cancelled_by_deputy.get_mut(d as usize) {
                    v.push((s as u32, o as u32));
                }
            }
        }
    }
    for v in &mut cancelled_by_deputy {
        v.sort_by_key(|r: &OccRef| {
            let o = &cancelled[r.0 as usize][r.1 as usize];
            (o.date, o.start, r.0)
        });
    }
    Schedules {
        window: Some(window),
        by_station,
        cancelled,
        by_deputy,
        cancelled_by_deputy,
        all,
    }
}
