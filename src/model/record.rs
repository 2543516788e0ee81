//! Past receptions for the deputy record (履职档案): each station's rules expanded over a
//! past window and filed per duty deputy.
//!
//! Without term dates the window is the two years before the as-of date (from the same day
//! two years earlier up to the day before the as-of date); with dated terms in site.yaml it
//! reaches back to the start of the earliest term a deputy serves, so each deputy's record
//! can count their own term ([`super::terms::window`]). Every station is expanded once, with the same holiday calendar, policy and
//! exceptions as the upcoming receptions, so the past and the future agree. An occurrence
//! after a deputy's `ended` date is not counted for that deputy.

use jiff::civil::Date;

use super::Model;
use crate::schedule::{self, HolidayPolicy};
use crate::vocab;

/// Past scheduled receptions per deputy: `(date, station)`, newest first.
#[derive(Debug, Default)]
pub struct PastReceptions {
    /// The window, both days included; `None` when the as-of date is too early to have one.
    pub window: Option<(Date, Date)>,
    pub by_deputy: Vec<Vec<(Date, u32)>>,
}

fn policy(p: vocab::HolidayPolicy) -> HolidayPolicy {
    match p {
        vocab::HolidayPolicy::NextWorkday => HolidayPolicy::NextWorkday,
        vocab::HolidayPolicy::Skip => HolidayPolicy::Skip,
        vocab::HolidayPolicy::Keep => HolidayPolicy::Keep,
    }
}

/// The past window of a build on `as_of`.
pub fn window(as_of: Date) -> Option<(Date, Date)> {
    let end = as_of.yesterday().ok()?;
    let start = as_of.checked_sub(jiff::Span::new().years(2)).ok()?;
    Some((start, end))
}

impl PastReceptions {
    pub fn compute(model: &Model) -> PastReceptions {
        let Some(mut window) = window(model.as_of) else {
            return PastReceptions::default();
        };
        for d in 0..model.deputies.len() as u32 {
            if let Some((start, _)) = super::terms::window(model, d, None) {
                window.0 = window.0.min(start);
            }
        }
        let policy = policy(model.config.holiday_policy);
        let mut by_deputy: Vec<Vec<(Date, u32)>> = vec![Vec::new(); model.deputies.len()];
        for (s, st) in model.stations.iter().enumerate() {
            let exp = schedule::expand(&st.rules, &st.exceptions, &model.holidays, policy, window);
            for occ in &exp.occurrences {
                for &d in &occ.deputies {
                    let Some(dep) = model.deputies.get(d as usize) else {
                        continue;
                    };
                    let ended = dep.ended().and_then(|(e, _)| *e);
                    if ended.is_some_and(|e| occ.date > e) {
                        continue;
                    }
                    if let Some(v) = by_deputy.get_mut(d as usize) {
                        v.push((occ.date, s as u32));
                    }
                }
            }
        }
        for v in &mut by_deputy {
            v.sort_unstable_by(|a, b| b.cmp(a));
            v.dedup();
        }
        PastReceptions {
            window: Some(window),
            by_deputy,
        }
    }

    pub fn of(&self, d: u32) -> &[(Date, u32)] {
        self.by_deputy.get(d as usize).map_or(&[], Vec::as_slice)
    }
}
