//! The reception rules of a station as the generator understands them, after
//! the site loader has validated the YAML: what recurs ([`Recurrence`]), who is
//! on duty ([`Duty`]), the station's per-date [`Exception`]s and the site-wide
//! [`HolidayPolicy`]. Plain data, no behaviour; see `docs/schedules.md` for the
//! meaning of each field.

use jiff::civil::{Date, Time, Weekday};

/// Index into the site's deputy table; opaque to this module.
pub type DeputyIx = u32;

/// One `receptions:` entry of a station.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReceptionRule {
    pub recurrence: Recurrence,
    pub start: Time,
    pub end: Time,
    pub duty: Duty,
    pub topic: Option<String>,
}

/// Who receives constituents at each occurrence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Duty {
    /// Every listed deputy at every occurrence (`deputies:`).
    All(Vec<DeputyIx>),
    /// One deputy per scheduled occurrence, in turn (`rota:`).
    Rota(Vec<DeputyIx>),
}

/// When a rule recurs. `from`/`until` are inclusive bounds on the scheduled
/// dates; `interval` (>= 1) counts weeks or months from the week or month of
/// `from`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Recurrence {
    /// A one-off reception (`date:`).
    Once(Date),
    /// `every: week`.
    Weekly {
        weekdays: Vec<Weekday>,
        interval: u32,
        from: Option<Date>,
        until: Option<Date>,
    },
    /// `every: month` with `weekday:` and `nth:` (1..=5, or -1 for the last).
    MonthlyNth {
        weekdays: Vec<Weekday>,
        nth: Vec<i8>,
        /// 1..=12; empty means every month.
        months: Vec<i8>,
        interval: u32,
        from: Option<Date>,
        until: Option<Date>,
    },
    /// `every: month` with `day:` (1..=31).
    MonthlyDay {
        days: Vec<i8>,
        /// 1..=12; empty means every month.
        months: Vec<i8>,
        interval: u32,
        from: Option<Date>,
        until: Option<Date>,
    },
}

/// What an exception does to the occurrence it matches.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExceptionKind {
    /// `cancelled: true`.
    Cancelled,
    /// `moved_to: DATE`: held on that date instead, exactly as given.
    MovedTo(Date),
    /// `deputies: [...]`: substitute duty deputies for that occurrence.
    Deputies(Vec<DeputyIx>),
}

/// One `exceptions:` entry of a station; applies to every rule of the station.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exception {
    pub date: Date,
    pub kind: ExceptionKind,
    pub note: Option<String>,
}

/// `schedule.holidays` in site.yaml: what happens to a recurring occurrence
/// whose scheduled date is a holiday.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum HolidayPolicy {
    /// `next-workday` (遇节假日顺延, the default): the next working day,
    /// make-up workdays included.
    #[default]
    NextWorkday,
    /// `skip`: no reception that time.
    Skip,
    /// `keep`: held on the holiday anyway.
    Keep,
}
