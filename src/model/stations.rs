//! Stations and their reception rules.
//!
//! Each `receptions:` entry is validated into one [`ReceptionRule`] of the schedule module:
//! exactly one shape (a one-off `date`, `every: week`, or `every: month` with `weekday`+`nth`
//! or `day`), duty deputies that exist, and the fields a rota or an interval needs. Turning
//! rules into dates is the schedule module's job.

use super::areas::{AreaIx, Places};
use super::check::{Checker, Index, id_hint, valid_id};
use crate::diag::Diagnostic;
use crate::schedule::{Duty, Exception, ExceptionKind, ReceptionRule, Recurrence};
use crate::sources::raw::{RawException, RawReception, RawStation};
use crate::sources::{At, Item};
use crate::vocab::{Access, Every, StationKind};

#[derive(Debug, Clone)]
pub struct Station {
    pub id: String,
    pub name: String,
    pub kind: StationKind,
    pub area: AreaIx,
    pub serves: Vec<AreaIx>,
    pub address: Option<String>,
    pub location: Option<(f64, f64)>,
    pub phone: Option<String>,
    pub accessibility: Vec<Access>,
    pub rules: Vec<ReceptionRule>,
    /// Per rule: its guests (participants who are not deputies of this site).
    pub rule_guests: Vec<Vec<super::activities::Guest>>,
    /// The calendar identity of each rule (same order as `rules`): its `id:`, or a key derived
    /// from its recurrence. Calendar UIDs use it, so reordering rules changes no UID.
    pub rule_keys: Vec<String>,
    pub exceptions: Vec<Exception>,
    pub pinyin: Option<String>,
    pub extra: Option<serde_json::Value>,
    pub body_html: String,
}

pub fn validate(
    item: &Item<RawStation>,
    places: &Places,
    deputies: &Index,
    ck: &mut Checker<'_>,
) -> Option<Station> {
    let r = &item.raw;
    if !valid_id(&item.id) {
        ck.push(
            Diagnostic::error(
                ck.origin.start(),
                format!("the file name `{}` is not a valid id", item.id),
            )
            .hint(format!("rename the file: {}", id_hint(&item.id))),
        );
    }
    let area = ck.lookup(&places.area_index, &r.area);
    let serves = match &r.serves {
        Some(list) => ck.lookup_all(&places.area_index, list),
        None => area.into_iter().collect(),
    };
    let location = r.location.as_ref().and_then(|g| {
        let ok = (-90.0..=90.0).contains(&g.value.lat) && (-180.0..=180.0).contains(&g.value.lon);
        if !ok {
            ck.error(
                g,
                "the location is outside the range of latitude and longitude",
                "write it as { lat: 34.4431, lon: 107.6392 } (WGS-84 degrees)",
            );
        }
        ok.then_some((g.value.lat, g.value.lon))
    });
    let mut rules = Vec::new();
    let mut rule_guests = Vec::new();
    let mut ids: Vec<Option<&At<crate::sources::Text>>> = Vec::new();
    for rec in &r.receptions {
        let guests = super::activities::guests(&rec.value.guests, ck);
        if let Some(rule) = rule(rec, deputies, ck) {
            rules.push(rule);
            rule_guests.push(guests);
            ids.push(rec.value.id.as_ref());
        }
    }
    let rule_keys = rule_keys(&rules, &ids, ck);
    let exceptions = r
        .exceptions
        .iter()
        .filter_map(|e| exception(e, deputies, ck))
        .collect();
    Some(Station {
        id: item.id.clone(),
        name: ck.named_in(&r.name),
        kind: r.kind.unwrap_or(StationKind::Station),
        area: area?,
        serves,
        address: r.address.as_ref().map(|t| ck.localized(t)),
        location,
        phone: r.phone.as_ref().map(|t| t.value.0.clone()),
        accessibility: r.accessibility.clone(),
        rules,
        rule_guests,
        rule_keys,
        exceptions,
        pinyin: r.pinyin.as_ref().map(|t| t.0.clone()),
        extra: r.extra.clone(),
        body_html: String::new(),
    })
}

fn rule(at: &At<RawReception>, deputies: &Index, ck: &mut Checker<'_>) -> Option<ReceptionRule> {
    let r = &at.value;
    let time = ck.time_range(&r.time);
    let from = ck.opt_date(r.from.as_ref());
    let until = ck.opt_date(r.until.as_ref());
    if let (Some(f), Some(u), Some(uat)) = (from, until, &r.until)
        && u < f
    {
        ck.error(uat, "`until` is before `from`", "swap the two dates");
    }
    let duty = match (&r.rota, &r.deputies) {
        (Some(_), Some(d)) => {
            ck.error(d, "a reception has either `rota` (one deputy in turn) or `deputies` (all of them), not both", "keep one of the two lists");
            None
        }
        (Some(rota), None) => {
            if from.is_none() && r.date.is_none() {
                ck.error(rota, "a rota needs `from:` to know whose turn comes first", "add `from: YYYY-MM-DD`: the first occurrence on or after it goes to the first deputy of the rota");
            }
            non_empty(rota, ck).then(|| Duty::Rota(ck.lookup_all(deputies, &rota.value)))
        }
        (None, Some(d)) => non_empty(d, ck).then(|| Duty::All(ck.lookup_all(deputies, &d.value))),
        (None, None) => {
            ck.error(at, "this reception names no duty deputy", "add `deputies: [id, …]` (all at every occurrence) or `rota: [id, …]` (one in turn)");
            None
        }
    };
    let recurrence = recurrence(at, from, until, ck);
    let (start, end) = time?;
    Some(ReceptionRule {
        recurrence: recurrence?,
        start,
        end,
        duty: duty?,
        topic: r.topic.as_ref().map(|t| ck.localized(t)),
    })
}

/// The calendar identity of each rule: its explicit `id:` (checked: a valid id, unique in the
/// station), else `r` and eight hex digits of a hash of its recurrence without `until` (so
/// extending a rule keeps its identity). Two rules with the same recurrence are told apart by
/// their start time, and if that is the same too by their order among those twins.
fn rule_keys(
    rules: &[ReceptionRule],
    ids: &[Option<&At<crate::sources::Text>>],
    ck: &mut Checker<'_>,
) -> Vec<String> {
    let derived: Vec<String> = rules.iter().map(|r| derived_key(&r.recurrence)).collect();
    let hm = |r: &ReceptionRule| format!("{:02}{:02}", r.start.hour(), r.start.minute());
    let mut keys: Vec<String> = derived
        .iter()
        .zip(rules)
        .map(|(k, r)| {
            if derived.iter().filter(|x| *x == k).count() > 1 {
                format!("{k}-{}", hm(r))
            } else {
                k.clone()
            }
        })
        .collect();
    let snapshot = keys.clone();
    for (i, key) in keys.iter_mut().enumerate() {
        let before = snapshot[..i].iter().filter(|k| **k == snapshot[i]).count();
        if before > 0 {
            key.push_str(&format!("-{}", before + 1));
        }
    }
    let mut seen: Vec<&str> = Vec::new();
    for (key, id) in keys.iter_mut().zip(ids) {
        let Some(id) = id else { continue };
        let v = id.value.0.trim();
        if !valid_id(v) {
            ck.error(
                id,
                format!("`{v}` is not a valid rule id"),
                format!("use lower-case letters, digits and hyphens: {}", id_hint(v)),
            );
            continue;
        }
        if seen.contains(&v) {
            ck.error(
                id,
                format!("two receptions of this station have the id `{v}`"),
                "give each reception its own id (calendar entries are told apart by it)",
            );
            continue;
        }
        seen.push(v);
        *key = v.to_owned();
    }
    keys
}

/// `r` and eight hex digits of an FNV-1a hash of the recurrence's fields except `until`.
fn derived_key(rec: &Recurrence) -> String {
    let wd = |w: &[jiff::civil::Weekday]| {
        w.iter()
            .map(|d| d.to_monday_one_offset().to_string())
            .collect::<Vec<_>>()
            .join(".")
    };
    let list = |v: &[i8]| v.iter().map(i8::to_string).collect::<Vec<_>>().join(".");
    let day = |d: &Option<jiff::civil::Date>| d.map(|d| d.to_string()).unwrap_or_default();
    let canon = match rec {
        Recurrence::Once(d) => format!("once {d}"),
        Recurrence::Weekly {
            weekdays,
            interval,
            from,
            ..
        } => format!("week {} /{interval} {}", wd(weekdays), day(from)),
        Recurrence::MonthlyNth {
            weekdays,
            nth,
            months,
            interval,
            from,
            ..
        } => format!(
            "month {} #{} m{} /{interval} {}",
            wd(weekdays),
            list(nth),
            list(months),
            day(from)
        ),
        Recurrence::MonthlyDay {
            days,
            months,
            interval,
            from,
            ..
        } => format!(
            "month d{} m{} /{interval} {}",
            list(days),
            list(months),
            day(from)
        ),
    };
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in canon.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("r{:08x}", (h >> 32) ^ (h & 0xffff_ffff))
}

fn non_empty<T>(list: &At<Vec<T>>, ck: &mut Checker<'_>) -> bool {
    if list.value.is_empty() {
        ck.error(
            list,
            "the list of duty deputies is empty",
            "name at least one deputy id",
        );
    }
    !list.value.is_empty()
}

fn recurrence(
    at: &At<RawReception>,
    from: Option<jiff::civil::Date>,
    until: Option<jiff::civil::Date>,
    ck: &mut Checker<'_>,
) -> Option<Recurrence> {
    let r = &at.value;
    let interval = r.interval.as_ref().map_or(1, |i| i.value);
    if let Some(i) = &r.interval {
        if i.value == 0 {
            ck.error(
                i,
                "`interval` must be 1 or more",
                "2 means every other week (or month)",
            );
            return None;
        }
        if i.value > 1 && from.is_none() {
            ck.error(
                i,
                "an `interval` is counted from `from:`, which is missing",
                "add `from: YYYY-MM-DD`, the date of a first occurrence",
            );
            return None;
        }
    }
    let weekdays = r.weekday.as_ref().map(|w| {
        w.value
            .clone()
            .into_vec()
            .into_iter()
            .map(|d| d.to_jiff())
            .collect::<Vec<_>>()
    });
    let months = match &r.months {
        Some(m) => {
            let v = m.value.clone().into_vec();
            if v.iter().any(|x| !(1..=12).contains(x)) {
                ck.error(
                    m,
                    "months are numbered 1 to 12",
                    "e.g. `months: [1, 3, 5, 7, 9, 11]` for odd months",
                );
                return None;
            }
            v
        }
        None => Vec::new(),
    };
    if let Some(d) = &r.date {
        if let Some(e) = &r.every {
            ck.error(
                e,
                "a reception has either a one-off `date` or a repeating `every`, not both",
                "split it into two receptions",
            );
            return None;
        }
        return ck.date(d).map(Recurrence::Once);
    }
    let Some(every) = &r.every else {
        ck.error(
            at,
            "this reception has neither `date` (one-off) nor `every` (repeating)",
            "add `every: week` or `every: month`, or a one-off `date: YYYY-MM-DD`",
        );
        return None;
    };
    match every.value {
        Every::Week => {
            if let Some(n) = &r.nth {
                ck.error(
                    n,
                    "`nth` only applies to `every: month`",
                    "remove `nth`, or use `every: month`",
                );
                return None;
            }
            let Some(weekdays) = weekdays else {
                ck.error(
                    every,
                    "a weekly reception needs `weekday:`",
                    "add e.g. `weekday: tuesday` or `weekday: [tuesday, thursday]`",
                );
                return None;
            };
            if !months.is_empty() {
                ck.error(
                    every,
                    "`months` only applies to `every: month`",
                    "remove `months`",
                );
                return None;
            }
            Some(Recurrence::Weekly {
                weekdays,
                interval,
                from,
                until,
            })
        }
        Every::Month => match (&r.day, weekdays, &r.nth) {
            (Some(day), None, None) => {
                let days = day.value.clone().into_vec();
                if days.iter().any(|d| !(1..=31).contains(d)) {
                    ck.error(day, "a day of the month is 1 to 31", "e.g. `day: 15`");
                    return None;
                }
                // Month lengths in a leap year: 29 February occurs.
                const LONGEST: [i8; 12] = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
                let occurs = |d: i8, m: i8| d <= LONGEST[usize::from(m.unsigned_abs()) - 1];
                if !months.is_empty() && !days.iter().any(|&d| months.iter().any(|&m| occurs(d, m)))
                {
                    ck.error(
                        day,
                        "this reception never occurs: none of these days exists in the months given",
                        "check `day` and `months` (February has 28 or 29 days; April, June, September and November have 30)",
                    );
                    return None;
                }
                Some(Recurrence::MonthlyDay {
                    days,
                    months,
                    interval,
                    from,
                    until,
                })
            }
            (None, Some(weekdays), nth) => {
                let nth = nth.as_ref().map_or(vec![1], |n| n.value.clone().into_vec());
                if let Some(n) = &r.nth
                    && nth.iter().any(|x| !(1..=5).contains(x) && *x != -1)
                {
                    ck.error(
                        n,
                        "`nth` is 1 to 5, or -1 for the last",
                        "e.g. `nth: 1` for the first, `nth: [1, 3]`, `nth: -1` for the last",
                    );
                    return None;
                }
                Some(Recurrence::MonthlyNth {
                    weekdays,
                    nth,
                    months,
                    interval,
                    from,
                    until,
                })
            }
            (Some(day), Some(_), _) => {
                ck.error(
                    day,
                    "a monthly reception has either `day` or `weekday`, not both",
                    "keep `day: 15` (a date) or `weekday` with `nth` (e.g. the first Friday)",
                );
                None
            }
            (Some(_), None, Some(n)) => {
                ck.error(
                    n,
                    "`nth` goes with `weekday`, not with `day`",
                    "remove `nth` (e.g. `day: 15` alone), or use `weekday` with `nth`",
                );
                None
            }
            (None, None, _) => {
                ck.error(
                    every,
                    "a monthly reception needs `day:` or `weekday:` (with `nth:`)",
                    "e.g. `weekday: friday` and `nth: 1` for the first Friday, or `day: 15`",
                );
                None
            }
        },
    }
}

fn exception(at: &At<RawException>, deputies: &Index, ck: &mut Checker<'_>) -> Option<Exception> {
    let e = &at.value;
    let date = ck.date(&e.date);
    let note = e.note.as_ref().map(|t| t.0.clone());
    let kinds = usize::from(e.cancelled)
        + usize::from(e.moved_to.is_some())
        + usize::from(e.deputies.is_some());
    if kinds != 1 {
        ck.error(at, "an exception says exactly one thing: `cancelled: true`, `moved_to: DATE` or `deputies: [...]`", "split it into one exception per change");
        return None;
    }
    let kind = if e.cancelled {
        ExceptionKind::Cancelled
    } else if let Some(m) = &e.moved_to {
        ExceptionKind::MovedTo(ck.date(m)?)
    } else {
        let list = e.deputies.as_deref().unwrap_or_default();
        ExceptionKind::Deputies(ck.lookup_all(deputies, list))
    };
    Some(Exception {
        date: date?,
        kind,
        note,
    })
}
