//! Structured data for search engines and maps: each station page carries schema.org JSON-LD
//! describing the station as a `GovernmentOffice` (its `PostalAddress`, `geo`, `telephone`)
//! whose `event`s are its reception rules that have a reception ahead (an expired rule
//! publishes none), each an `Event` on its next reception (`startDate`, the deputies on duty
//! that day as `performer`, `location` with the address) with an `eventSchedule`
//! (`Schedule`: `byDay`, `byMonthWeek`, `byMonthDay`, `byMonth`, `repeatFrequency`, times in
//! the site's zone, and the cancelled exceptions as `exceptDate`).
//!
//! The JSON is built as `serde_json` values and serialised with `<`, `>` and `&` escaped as
//! `\u003c`, `\u003e` and `\u0026` (and U+2028, U+2029 as `\u2028`, `\u2029`), so it can be
//! put into a `<script>` element verbatim: no text of the content can close the element.

use jiff::civil::{Date, DateTime, Time, Weekday};
use serde::Serialize;
use serde_json::{Map, Value, json};

use super::urls;
use crate::model::Model;
use crate::schedule::{self, ExceptionKind, HolidayPolicy, Occurrence, ReceptionRule, Recurrence};
use crate::vocab;

/// A page context with the JSON-LD of the page beside it (`page.jsonld`).
#[derive(Debug, Serialize)]
pub struct WithJsonLd<T: Serialize> {
    #[serde(flatten)]
    pub page: T,
    pub jsonld: JsonLd,
}

/// A page's JSON-LD: the text a template puts in its `<script>` ([`script_safe`]), or,
/// when the page is only fingerprinted, the value that text is made from (the text is a
/// function of the value alone, and turning the value into text was about a third of
/// the JSON-LD's cost in a one-edit build's fingerprints: `benches/README.md`, session 19).
#[derive(Debug, Serialize)]
#[serde(untagged)]
pub enum JsonLd {
    Script(String),
    Value(Value),
}

impl JsonLd {
    /// `value` as a template shows it, or as itself for a fingerprint.
    pub fn of(value: Value, only_fingerprints: bool) -> JsonLd {
        match only_fingerprints {
            true => JsonLd::Value(value),
            false => JsonLd::Script(script_safe(&value)),
        }
    }
}

/// Serialises `v` so that it is safe inside `<script type="application/ld+json">`.
pub fn script_safe(v: &Value) -> String {
    let s = serde_json::to_string(v).unwrap_or_else(|_| "{}".to_owned());
    escape_for_script(s)
}

/// `json` with `<`, `>`, `&`, U+2028 and U+2029 written as JSON escapes. Copied a run at a
/// time between the characters it escapes, not a character at a time (a page's JSON-LD is
/// made twice per page, for its fingerprint and its bytes: `benches/README.md`, session 17).
fn escape_for_script(json: String) -> String {
    let bytes = json.as_bytes();
    // U+2028 and U+2029 are E2 80 A8 and E2 80 A9 in UTF-8.
    let special = |i: usize| -> Option<(&'static str, usize)> {
        match bytes[i] {
            b'<' => Some(("\\u003c", 1)),
            b'>' => Some(("\\u003e", 1)),
            b'&' => Some(("\\u0026", 1)),
            0xE2 if bytes.get(i + 1) == Some(&0x80) => match bytes.get(i + 2) {
                Some(0xA8) => Some(("\\u2028", 3)),
                Some(0xA9) => Some(("\\u2029", 3)),
                _ => None,
            },
            _ => None,
        }
    };
    let Some(first) = (0..bytes.len()).find(|&i| special(i).is_some()) else {
        return json;
    };
    let mut out = String::with_capacity(json.len() + 16);
    let (mut start, mut i) = (0, first);
    while i < bytes.len() {
        match special(i) {
            // `i` is at a character's first byte (an ASCII one, or E2), so it cuts no
            // character.
            Some((escaped, len)) => {
                out.push_str(&json[start..i]);
                out.push_str(escaped);
                i += len;
                start = i;
            }
            None => i += 1,
        }
    }
    out.push_str(&json[start..]);
    out
}

fn day_url(w: Weekday) -> &'static str {
    match w {
        Weekday::Monday => "https://schema.org/Monday",
        Weekday::Tuesday => "https://schema.org/Tuesday",
        Weekday::Wednesday => "https://schema.org/Wednesday",
        Weekday::Thursday => "https://schema.org/Thursday",
        Weekday::Friday => "https://schema.org/Friday",
        Weekday::Saturday => "https://schema.org/Saturday",
        Weekday::Sunday => "https://schema.org/Sunday",
    }
}

fn hms(t: Time) -> String {
    format!("{:02}:{:02}:{:02}", t.hour(), t.minute(), t.second())
}

/// `2025-10-09T09:00:00+08:00` in the site's zone (without an offset if the zone cannot
/// place it).
fn instant(model: &Model, date: Date, time: Time) -> String {
    let dt = DateTime::from_parts(date, time);
    match dt.to_zoned(model.config.tz.clone()) {
        Ok(z) => z.strftime("%Y-%m-%dT%H:%M:%S%:z").to_string(),
        Err(_) => dt.strftime("%Y-%m-%dT%H:%M:%S").to_string(),
    }
}

fn policy(model: &Model) -> HolidayPolicy {
    match model.config.holiday_policy {
        vocab::HolidayPolicy::NextWorkday => HolidayPolicy::NextWorkday,
        vocab::HolidayPolicy::Skip => HolidayPolicy::Skip,
        vocab::HolidayPolicy::Keep => HolidayPolicy::Keep,
    }
}

/// The scheduled dates of `rule` that a cancelled exception of the station removes: the
/// exception's date when the rule schedules a reception then, or the scheduled date of the
/// reception a holiday moved onto it (as `docs/schedules.md` matches exceptions).
fn except_dates(model: &Model, s: usize, rule: &ReceptionRule) -> Vec<String> {
    let st = &model.stations[s];
    let one = std::slice::from_ref(rule);
    let mut out: Vec<Date> = Vec::new();
    for e in &st.exceptions {
        if e.kind != ExceptionKind::Cancelled {
            continue;
        }
        let end = e
            .date
            .checked_add(jiff::Span::new().days(31))
            .unwrap_or(e.date);
        let exp = schedule::expand(one, &[], &model.holidays, policy(model), (e.date, end));
        let hit = exp
            .occurrences
            .iter()
            .find(|o| o.scheduled == e.date)
            .or_else(|| exp.occurrences.iter().find(|o| o.date == e.date))
            .map(|o| o.scheduled);
        out.extend(hit);
    }
    out.sort_unstable();
    out.dedup();
    out.iter().map(Date::to_string).collect()
}

fn schedule_of(model: &Model, s: usize, rule: &ReceptionRule) -> Value {
    let mut o = Map::new();
    o.insert("@type".into(), json!("Schedule"));
    let ds = |d: &Option<Date>| d.map(|d| Value::String(d.to_string()));
    let days = |v: &[Weekday]| json!(v.iter().map(|w| day_url(*w)).collect::<Vec<_>>());
    let (from, until) = match &rule.recurrence {
        Recurrence::Once(d) => {
            o.insert("repeatCount".into(), json!(1));
            (Some(*d), Some(*d))
        }
        Recurrence::Weekly {
            weekdays,
            interval,
            from,
            until,
        } => {
            o.insert("repeatFrequency".into(), json!(format!("P{interval}W")));
            o.insert("byDay".into(), days(weekdays));
            (*from, *until)
        }
        Recurrence::MonthlyNth {
            weekdays,
            nth,
            months,
            interval,
            from,
            until,
        } => {
            o.insert("repeatFrequency".into(), json!(format!("P{interval}M")));
            o.insert("byDay".into(), days(weekdays));
            o.insert("byMonthWeek".into(), json!(nth));
            if !months.is_empty() {
                o.insert("byMonth".into(), json!(months));
            }
            (*from, *until)
        }
        Recurrence::MonthlyDay {
            days,
            months,
            interval,
            from,
            until,
        } => {
            o.insert("repeatFrequency".into(), json!(format!("P{interval}M")));
            o.insert("byMonthDay".into(), json!(days));
            if !months.is_empty() {
                o.insert("byMonth".into(), json!(months));
            }
            (*from, *until)
        }
    };
    if let Some(v) = ds(&from) {
        o.insert("startDate".into(), v);
    }
    if let Some(v) = ds(&until) {
        o.insert("endDate".into(), v);
    }
    o.insert("startTime".into(), json!(hms(rule.start)));
    o.insert("endTime".into(), json!(hms(rule.end)));
    o.insert("scheduleTimezone".into(), json!(model.config.tz_name));
    let except = except_dates(model, s, rule);
    if !except.is_empty() {
        o.insert("exceptDate".into(), json!(except));
    }
    Value::Object(o)
}

/// The next reception of rule `ix` of station `s` from the as-of date: in the build's window,
/// else within 400 days (a rule whose receptions start later; a one-off at any distance);
/// `None` when the rule
/// has none ahead (it expired). The flag is true for a cancelled one-off reception.
fn next_of(model: &Model, s: usize, ix: usize, rule: &ReceptionRule) -> Option<(Occurrence, bool)> {
    let held = model
        .schedules
        .by_station
        .get(s)
        .and_then(|v| v.iter().find(|o| o.rule == ix));
    if let Some(o) = held {
        return Some((o.clone(), false));
    }
    let st = &model.stations[s];
    let end = match rule.recurrence {
        // A one-off reception is announced however far ahead it is.
        Recurrence::Once(d) => d.max(model.as_of),
        _ => model
            .as_of
            .checked_add(jiff::Span::new().days(400))
            .unwrap_or(model.as_of),
    };
    let exp = schedule::expand(
        std::slice::from_ref(rule),
        &st.exceptions,
        &model.holidays,
        policy(model),
        (model.as_of, end),
    );
    if let Some(o) = exp.occurrences.into_iter().next() {
        return Some((o, false));
    }
    // A one-off reception that was cancelled: published as cancelled.
    match rule.recurrence {
        Recurrence::Once(_) => exp.cancelled.into_iter().next().map(|o| (o, true)),
        _ => None,
    }
}

/// The `Event` of rule `ix`: its next reception (`startDate`, the deputies on duty that day
/// as `performer`), at the station (`location` with its address), with the rule's schedule.
/// `None` for a rule with no reception ahead: an expired rule publishes no Event.
fn event(
    model: &Model,
    s: usize,
    ix: usize,
    rule: &ReceptionRule,
    office: &Value,
) -> Option<Value> {
    let (next, cancelled) = next_of(model, s, ix, rule)?;
    let st = &model.stations[s];
    let performers: Vec<Value> = next
        .deputies
        .iter()
        .filter_map(|&d| model.deputies.get(d as usize))
        .map(|d| {
            json!({
                "@type": "Person",
                "name": d.name,
                "url": format!("{}{}", model.config.base_url, urls::pretty(&urls::item("deputies", &d.id))),
            })
        })
        .collect();
    let mut o = Map::new();
    o.insert("@type".into(), json!("Event"));
    o.insert(
        "name".into(),
        json!(rule.topic.clone().unwrap_or_else(|| st.name.clone())),
    );
    o.insert(
        "eventAttendanceMode".into(),
        json!("https://schema.org/OfflineEventAttendanceMode"),
    );
    o.insert(
        "eventStatus".into(),
        json!("https://schema.org/EventScheduled"),
    );
    o.insert("isAccessibleForFree".into(), json!(true));
    o.insert("location".into(), office.clone());
    if !performers.is_empty() {
        o.insert("performer".into(), json!(performers));
    }
    o.insert(
        "startDate".into(),
        json!(instant(model, next.date, rule.start)),
    );
    o.insert("endDate".into(), json!(instant(model, next.date, rule.end)));
    if next.date != next.scheduled {
        o.insert(
            "eventStatus".into(),
            json!("https://schema.org/EventRescheduled"),
        );
        o.insert(
            "previousStartDate".into(),
            json!(instant(model, next.scheduled, rule.start)),
        );
    }
    if cancelled {
        o.insert(
            "eventStatus".into(),
            json!("https://schema.org/EventCancelled"),
        );
    }
    o.insert("eventSchedule".into(), schedule_of(model, s, rule));
    Some(Value::Object(o))
}

/// The JSON-LD of station `s`.
pub fn station(model: &Model, strings: &super::Strings, s: u32) -> Value {
    let si = s as usize;
    let st = &model.stations[si];
    let url = format!(
        "{}{}",
        model.config.base_url,
        urls::pretty(&urls::item("stations", &st.id))
    );
    let id = format!("{url}#station");
    let area = model
        .places
        .areas
        .get(st.area as usize)
        .map(|a| a.name.as_str());
    let mut o = Map::new();
    o.insert("@context".into(), json!("https://schema.org"));
    o.insert("@type".into(), json!("GovernmentOffice"));
    o.insert("@id".into(), json!(id));
    o.insert("name".into(), json!(st.name));
    o.insert("url".into(), json!(url));
    let mut addr = Map::new();
    addr.insert("@type".into(), json!("PostalAddress"));
    if let Some(a) = &st.address {
        addr.insert("streetAddress".into(), json!(a));
    }
    if let Some(a) = area {
        addr.insert("addressLocality".into(), json!(a));
    }
    addr.insert("addressCountry".into(), json!("CN"));
    let addr = Value::Object(addr);
    o.insert("address".into(), addr.clone());
    if let Some((lat, lon)) = st.location {
        o.insert(
            "geo".into(),
            json!({ "@type": "GeoCoordinates", "latitude": lat, "longitude": lon }),
        );
    }
    if let Some(p) = &st.phone {
        o.insert("telephone".into(), json!(p));
    }
    let served: Vec<Value> = st
        .serves
        .iter()
        .filter_map(|&a| model.places.areas.get(a as usize))
        .map(|a| super::jsonld_people::place(a, strings))
        .collect();
    if !served.is_empty() {
        o.insert("areaServed".into(), json!(served));
    }
    if !model.config.publisher.is_empty() {
        o.insert(
            "parentOrganization".into(),
            json!({ "@type": "GovernmentOrganization", "name": model.config.publisher }),
        );
    }
    let office =
        json!({ "@type": "GovernmentOffice", "@id": id, "name": st.name, "address": addr });
    let events: Vec<Value> = st
        .rules
        .iter()
        .enumerate()
        .filter_map(|(ix, r)| event(model, si, ix, r, &office))
        .collect();
    if !events.is_empty() {
        o.insert("event".into(), json!(events));
    }
    Value::Object(o)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_breakouts_are_escaped() {
        let v = json!({ "name": "</script><script>alert(1)</script> & <!--" });
        let s = script_safe(&v);
        assert!(!s.contains('<') && !s.contains('>') && !s.contains('&'));
        let back: Value = serde_json::from_str(&s).unwrap_or_default();
        assert_eq!(back, v);
    }

    /// The escaping as it was before it copied runs: a character at a time.
    fn escaped_a_character_at_a_time(s: &str) -> String {
        let mut out = String::new();
        for c in s.chars() {
            match c {
                '<' => out.push_str("\\u003c"),
                '>' => out.push_str("\\u003e"),
                '&' => out.push_str("\\u0026"),
                '\u{2028}' => out.push_str("\\u2028"),
                '\u{2029}' => out.push_str("\\u2029"),
                _ => out.push(c),
            }
        }
        out
    }

    #[test]
    fn escaping_runs_gives_what_escaping_each_character_gave() {
        for s in [
            "",
            "李秀英",
            "<",
            "a<b>c&d",
            "\u{2028}",
            "x\u{2029}y\u{2028}",
            "“引号”—…\u{2027}\u{202a}\u{2030}",
            "尾<",
            "\u{2028}<&>\u{2029}",
            "\u{2000}\u{2080}\u{203f}",
            "<<>>&&",
        ] {
            assert_eq!(
                escape_for_script(s.to_owned()),
                escaped_a_character_at_a_time(s),
                "{s:?}"
            );
        }
        let v = json!({ "line": "一\u{2028}二\u{2029}三 “四” <五>" });
        let back: Value = serde_json::from_str(&script_safe(&v)).unwrap_or_default();
        assert_eq!(back, v);
    }

    #[test]
    fn a_fingerprint_sees_the_json_ld_value_and_a_page_its_script_text() {
        let v = json!({ "name": "李秀英 <a>", "url": "https://example.org/d/li/" });
        let page = serde_json::to_value(JsonLd::of(v.clone(), false)).unwrap_or_default();
        assert_eq!(page, Value::String(script_safe(&v)));
        let print = serde_json::to_value(JsonLd::of(v.clone(), true)).unwrap_or_default();
        assert_eq!(print, v);
    }

    #[test]
    fn days_are_schema_org_urls() {
        assert_eq!(day_url(Weekday::Friday), "https://schema.org/Friday");
        assert_eq!(hms(Time::constant(9, 30, 0, 0)), "09:30:00");
    }
}
