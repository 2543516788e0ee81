//! iCalendar (RFC 5545) feeds of upcoming receptions: one per station
//! (`stations/<id>/calendar.ics`), one per deputy (`deputies/<id>/calendar.ics`, empty for a
//! deputy with no duty or no longer serving) and one for the whole site (`calendar.ics`), over
//! the same window as the pages (as-of date to `horizon_days` ahead).
//!
//! Events and calendar properties are written with the `icalendar` crate, which escapes TEXT
//! values and folds lines at 75 octets; its two non-deterministic defaults are always
//! overridden (`DTSTAMP` is the as-of date at 00:00:00Z, `UID` is
//! `<station-id>-<scheduled-date>-<rule-index>@<host of base_url>`, stable across builds and
//! across holiday moves). The crate cannot write a `VTIMEZONE`, so those few lines are
//! assembled here from its properties. Times are local (`DTSTART;TZID=<IANA name>`) with a
//! fixed-offset `VTIMEZONE` whose offset is the site zone's at the as-of date; an occurrence
//! whose own offset differs (a zone with daylight saving) is written in UTC instead, so every
//! time is right whatever the zone.

use icalendar::{Calendar, Component, Event, EventLike, Property};
use jiff::civil::{Date, DateTime, Time};
use jiff::tz::{Offset, TimeZone};
use rayon::prelude::*;

use crate::model::Model;
use crate::model::schedules::OccRef;
use crate::render::Strings;
use crate::schedule::Shift;
use crate::site::urls;

/// The site-relative path of a station's calendar.
pub fn station_path(id: &str) -> String {
    format!("stations/{id}/calendar.ics")
}

/// The site-relative path of a deputy's calendar.
pub fn deputy_path(id: &str) -> String {
    format!("deputies/{id}/calendar.ics")
}

/// The site-relative path of the whole site's calendar.
pub const SITE_PATH: &str = "calendar.ics";

/// What every file of one build shares.
struct Shared<'a> {
    m: &'a Model,
    t: &'a Strings,
    host: String,
    dtstamp: String,
    zone: Zone,
}

/// How times are written: the IANA name and fixed offset of the `VTIMEZONE`, or UTC only
/// when the name cannot be used as a `TZID`.
struct Zone {
    tzid: Option<String>,
    offset: Offset,
    abbreviation: String,
}

impl Zone {
    fn new(name: &str, tz: &TimeZone, as_of: Date) -> Zone {
        let ts = as_of
            .to_zoned(tz.clone())
            .map(|z| z.timestamp())
            .unwrap_or(jiff::Timestamp::UNIX_EPOCH);
        let info = tz.to_offset_info(ts);
        let usable = !name.is_empty()
            && name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '/' | '_' | '-' | '+'));
        Zone {
            tzid: usable.then(|| name.to_owned()),
            offset: info.offset(),
            abbreviation: info.abbreviation().to_owned(),
        }
    }
}

/// `+0800`, or `+053000` with seconds (RFC 5545 UTC-OFFSET).
fn utc_offset(o: Offset) -> String {
    let s = o.seconds();
    let sign = if s < 0 { '-' } else { '+' };
    let a = s.unsigned_abs();
    let (h, mi, se) = (a / 3600, a / 60 % 60, a % 60);
    if se == 0 {
        format!("{sign}{h:02}{mi:02}")
    } else {
        format!("{sign}{h:02}{mi:02}{se:02}")
    }
}

/// The host of `base_url` (no scheme, user, port or path), for UIDs.
pub fn host(base_url: &str) -> String {
    let rest = base_url.split_once("://").map_or(base_url, |(_, r)| r);
    let auth = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let auth = auth.rsplit_once('@').map_or(auth, |(_, h)| h);
    let host = match auth.rsplit_once(':') {
        Some((h, port)) if !h.is_empty() && port.chars().all(|c| c.is_ascii_digit()) => h,
        _ => auth,
    };
    if host.is_empty() {
        "lianluo.invalid".to_owned()
    } else {
        host.to_ascii_lowercase()
    }
}

/// A TEXT value as the crate expects it: line breaks as `\n`, no other control characters
/// (RFC 5545 §3.3.11 allows none but HTAB).
fn clean(s: &str) -> String {
    s.replace("\r\n", "\n")
        .chars()
        .map(|c| match c {
            '\r' => '\n',
            '\n' | '\t' => c,
            c if c.is_control() => ' ',
            c => c,
        })
        .collect()
}

/// A UI string, or `fallback` when the theme lacks it.
fn label<'a>(t: &'a Strings, key: &'a str, fallback: &'a str) -> &'a str {
    match t.get(key) {
        v if v == key => fallback,
        v => v,
    }
}

/// One folded content line (with CRLF) written by the crate.
fn line(p: Property) -> String {
    TryInto::<String>::try_into(p).unwrap_or_default()
}

impl Shared<'_> {
    fn vtimezone(&self) -> String {
        let Some(tzid) = &self.zone.tzid else {
            return String::new();
        };
        let off = utc_offset(self.zone.offset);
        let mut s = String::from("BEGIN:VTIMEZONE\r\n");
        s.push_str(&line(Property::new("TZID", tzid.as_str())));
        s.push_str("BEGIN:STANDARD\r\n");
        s.push_str(&line(Property::new("DTSTART", "19700101T000000")));
        s.push_str(&line(Property::new("TZOFFSETFROM", off.as_str())));
        s.push_str(&line(Property::new("TZOFFSETTO", off.as_str())));
        if !self.zone.abbreviation.is_empty() {
            s.push_str(&line(Property::new(
                "TZNAME",
                clean(&self.zone.abbreviation),
            )));
        }
        s.push_str("END:STANDARD\r\nEND:VTIMEZONE\r\n");
        s
    }

    /// `DTSTART`/`DTEND`: local with `TZID` when the zone's offset then is the
    /// `VTIMEZONE`'s, else UTC.
    fn time(&self, key: &str, date: Date, time: Time) -> Property {
        let dt = DateTime::from_parts(date, time);
        let zoned = dt.to_zoned(self.m.config.tz.clone()).ok();
        match (&self.zone.tzid, &zoned) {
            (Some(tzid), Some(z)) if z.offset() == self.zone.offset => {
                let mut p = Property::new(key, dt.strftime("%Y%m%dT%H%M%S").to_string());
                p.add_parameter("TZID", tzid);
                p
            }
            (_, Some(z)) => {
                Property::new(key, z.timestamp().strftime("%Y%m%dT%H%M%SZ").to_string())
            }
            (_, None) => Property::new(key, dt.strftime("%Y%m%dT%H%M%S").to_string()),
        }
    }

    fn event(&self, r: OccRef) -> Event {
        let m = self.m;
        let (t, o) = (self.t, m.schedules.get(r));
        let st = &m.stations[r.0 as usize];
        let names: Vec<&str> = o
            .deputies
            .iter()
            .filter_map(|&d| m.deputies.get(d as usize).map(|x| x.name.as_str()))
            .collect();
        let duty = label(t, "duty_deputies", "值班代表");
        let sep = if names.is_empty() { "" } else { "：" };
        let summary = format!("{}（{duty}{sep}{}）", st.name, names.join("、"));
        let mut desc = vec![format!("{duty}{sep}{}", names.join("、"))];
        desc.extend(o.topic.clone());
        desc.extend(o.note.clone());
        if o.scheduled != o.date {
            let why = match &o.shifted {
                Some(Shift::Holiday { name }) => format!(
                    "{}{}",
                    label(t, "holiday_shift", "遇节假日顺延"),
                    name.as_deref()
                        .map(|n| format!("（{n}）"))
                        .unwrap_or_default()
                ),
                _ => String::new(),
            };
            desc.push(format!(
                "{} {} {why}",
                label(t, "moved_from", "原定"),
                o.scheduled
            ));
        }
        let url = format!(
            "{}{}",
            m.config.base_url,
            urls::pretty(&urls::item("stations", &st.id))
        );
        desc.push(url.clone());
        let mut e = Event::new();
        e.uid(&format!(
            "{}-{}-{}@{}",
            st.id, o.scheduled, o.rule, self.host
        ))
        .add_property("DTSTAMP", self.dtstamp.as_str())
        .append_property(self.time("DTSTART", o.date, o.start))
        .append_property(self.time("DTEND", o.date, o.end))
        .summary(&clean(summary.trim()))
        .description(&clean(desc.join("\n").trim()))
        .add_property("URL", url.as_str())
        .add_property("STATUS", "CONFIRMED")
        .add_property("TRANSP", "OPAQUE");
        if let Some(a) = &st.address {
            e.location(&clean(a));
        }
        if let Some((lat, lon)) = st.location {
            e.add_property("GEO", format!("{lat};{lon}"));
        }
        e.done()
    }

    /// A whole VCALENDAR named `name` with the events of `refs` in their order.
    fn calendar(&self, name: &str, refs: &[OccRef]) -> String {
        let mut cal = Calendar::empty();
        cal.append_property(Property::new("VERSION", "2.0"))
            .append_property(Property::new("PRODID", "-//lianluo//lianluo//ZH"))
            .append_property(Property::new("CALSCALE", "GREGORIAN"))
            .append_property(Property::new("METHOD", "PUBLISH"))
            .append_property(Property::new("X-WR-CALNAME", clean(name)))
            .append_property(Property::new(
                "X-WR-TIMEZONE",
                self.zone.tzid.as_deref().unwrap_or("UTC"),
            ))
            .append_property(
                Property::new("REFRESH-INTERVAL", "P1D")
                    .add_parameter("VALUE", "DURATION")
                    .done(),
            )
            .append_property(Property::new("X-PUBLISHED-TTL", "P1D"));
        let head = cal.to_string();
        let head = head.strip_suffix("END:VCALENDAR\r\n").unwrap_or(&head);
        let mut s = String::with_capacity(head.len() + 700 * refs.len() + 300);
        s.push_str(head);
        s.push_str(&self.vtimezone());
        for &r in refs {
            s.push_str(&self.event(r).try_into_string().unwrap_or_default());
        }
        s.push_str("END:VCALENDAR\r\n");
        s
    }
}

/// Writes every calendar of the site through `put(path, text)`, in parallel; returns how
/// many files were written.
pub fn write_all<E: Send>(
    m: &Model,
    t: &Strings,
    put: impl Fn(&str, &str) -> Result<(), E> + Sync,
) -> Result<usize, E> {
    let sh = Shared {
        m,
        t,
        host: host(&m.config.base_url),
        dtstamp: format!("{}T000000Z", m.as_of.strftime("%Y%m%d")),
        zone: Zone::new(&m.config.tz_name, &m.config.tz, m.as_of),
    };
    let calendar = label(t, "calendar", "接待日历");
    let stations = (0..m.stations.len()).into_par_iter().map(|s| {
        let refs: Vec<OccRef> = (0..m.schedules.by_station.get(s).map_or(0, Vec::len))
            .map(|o| (s as u32, o as u32))
            .collect();
        let st = &m.stations[s];
        put(&station_path(&st.id), &sh.calendar(&st.name, &refs))
    });
    let deputies = (0..m.deputies.len()).into_par_iter().map(|d| {
        let dep = &m.deputies[d];
        let refs: &[OccRef] = match m.schedules.by_deputy.get(d) {
            Some(v) if dep.is_active() => v,
            _ => &[],
        };
        put(
            &deputy_path(&dep.id),
            &sh.calendar(&format!("{} {calendar}", dep.name), refs),
        )
    });
    let n = stations
        .chain(deputies)
        .collect::<Result<Vec<()>, E>>()?
        .len();
    put(
        SITE_PATH,
        &sh.calendar(&format!("{} {calendar}", m.config.title), &m.schedules.all),
    )?;
    Ok(n + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_lose_scheme_port_and_path() {
        assert_eq!(host("https://rd.example.gov.cn/"), "rd.example.gov.cn");
        assert_eq!(host("http://u@Example.org:8080/sub/"), "example.org");
        assert_eq!(host("https:///"), "lianluo.invalid");
    }

    #[test]
    fn offsets_follow_rfc5545() {
        let o = |s| Offset::from_seconds(s).unwrap_or(Offset::UTC);
        assert_eq!(utc_offset(o(8 * 3600)), "+0800");
        assert_eq!(utc_offset(o(-(3 * 3600 + 30 * 60))), "-0330");
        assert_eq!(utc_offset(o(5 * 3600 + 30 * 60 + 7)), "+053007");
    }

    #[test]
    fn text_is_escaped_and_folded_by_the_crate() {
        let long = "征求意见，议题;一\r\n二\u{7}".repeat(8);
        let out = line(Property::new("DESCRIPTION", clean(&long)));
        assert!(out.contains("征求意见\\,议题\\;一\\n二 "));
        for l in out.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(l.len() <= 75, "{} octets: {l}", l.len());
        }
        let unfolded = out.replace("\r\n ", "");
        assert_eq!(unfolded.matches("征求意见").count(), 8);
    }
}
