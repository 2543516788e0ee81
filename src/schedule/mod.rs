//! Reception schedules: expands each station's reception rules (weekly,
//! monthly by weekday or by day, one-off) into dated occurrences with their
//! duty deputies, applying China's holiday calendar (embedded 2024–2026 plus a
//! site's `holidays.yaml`), the site's holiday policy and the station's
//! exceptions. The site loader builds the [`ReceptionRule`]s from validated
//! YAML; pages, the calendar and `.ics` feeds consume the [`Expansion`].
//! Editor-facing rules: `docs/schedules.md`.

mod days;
mod expand;
mod holidays;
mod recur;
mod rules;

#[cfg(test)]
mod fuzz_tests;
#[cfg(test)]
mod golden_exception_tests;
#[cfg(test)]
mod golden_recurrence_tests;
#[cfg(test)]
mod golden_tests;

pub use expand::{Expansion, Occurrence, Shift, expand};
pub use holidays::Holidays;
pub use rules::{
    DeputyIx, Duty, Exception, ExceptionKind, HolidayPolicy, ReceptionRule, Recurrence,
};
