//! iCalendar (RFC 5545) feeds of upcoming receptions: one per station
//! (`stations/<id>/calendar.ics`), one per deputy (`deputies/<id>/calendar.ics`, only for a
//! deputy in office with receptions: no empty file) and one for the whole site (`calendar.ics`), over
//! the same window as the pages (as-of date to `horizon_days` ahead).
//!
//! The few lines of RFC 5545 are written here: TEXT values escaped (§3.3.11), content lines
//! folded at 75 octets on character boundaries (§3.1), CRLF line ends. (The `icalendar` crate
//! was tried first: its folding lets a continuation line reach 76 octets, and it cannot write
//! a `VTIMEZONE` without adding `DTSTAMP`/`UID` lines to it.) Output is reproducible:
//! `DTSTAMP` is the as-of date at 00:00:00Z and `UID` is
//! `<station-id>-<rule key>-<scheduled-date>@<host of base_url>`, where the rule key is the
//! rule's `id:` or a key derived from its recurrence (`model::stations`), never its position:
//! UIDs survive reordering and adding rules, and a holiday move or an exception's move keeps
//! the UID with a higher `SEQUENCE` (see [`sequence`]). A cancelled occurrence stays in the
//! feed as `STATUS:CANCELLED` with its note, so subscribed calendars drop it visibly. Times are local (`DTSTART;TZID=<IANA name>`) with a fixed-offset
//! `VTIMEZONE` whose offset is the site zone's at the as-of date; an occurrence whose own
//! offset differs (a zone with daylight saving) is written in UTC instead, so every time is
//! right whatever the zone.

use jiff::civil::{Date, DateTime, Time};
use jiff::tz::{Offset, TimeZone};
use rayon::prelude::*;

use crate::model::Model;
use crate::model::schedules::OccRef;
use crate::schedule::{Occurrence, Shift};
use crate::site::Strings;
use crate::site::urls;

/// The site-relative path of a station's calendar.
pub use crate::site::files::{
    deputy_calendar_path as deputy_path, station_calendar_path as station_path,
};

/// The site-relative path of the whole site's calendar.
pub const SITE_PATH: &str = "calendar.ics";

/// Octets per content line, CRLF excluded (RFC 5545 §3.1).
const LINE_OCTETS: usize = 75;

/// A TEXT value (RFC 5545 §3.3.11): `\`, `;`, `,` and line breaks escaped; other control
/// characters, which TEXT cannot hold, become spaces.
pub fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' => {
                chars.next_if_eq(&'\n');
                out.push_str("\\n");
            }
            '\n' => out.push_str("\\n"),
            '\t' => out.push('\t'),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// A value that must not be escaped (URI, date-time): control characters dropped.
fn raw(s: &str) -> String {
    s.chars().filter(|c| !c.is_control()).collect()
}

/// Appends `line` and CRLF, folded so that no physical line exceeds [`LINE_OCTETS`] octets
/// (a continuation line starts with one space), never inside a UTF-8 character.
pub fn push_line(out: &mut String, line: &str) {
    let mut used = 0;
    for c in line.chars() {
        let n = c.len_utf8();
        if used + n > LINE_OCTETS {
            out.push_str("\r\n ");
            used = 1;
        }
        out.push(c);
        used += n;
    }
    out.push_str("\r\n");
}

/// What every file of one build shares.
struct Shared<'a> {
    model: &'a Model,
    strings: &'a Strings,
    host: String,
    dtstamp: String,
    zone: Zone,
}

/// How times are written: the IANA name and fixed offset of the `VTIMEZONE`, or UTC only
/// when the name cannot be used as a `TZID` parameter as it is.
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
    let host = raw(host).to_ascii_lowercase();
    if host.is_empty() {
        "lianluo.invalid".to_owned()
    } else {
        host
    }
}

/// A UI string, or `fallback` when the theme lacks it.
fn label<'a>(strings: &'a Strings, key: &'a str, fallback: &'a str) -> &'a str {
    match strings.get(key) {
        v if v == key => fallback,
        v => v,
    }
}

impl Shared<'_> {
    fn vtimezone(&self, out: &mut String) {
        let Some(tzid) = &self.zone.tzid else {
            return;
        };
        let off = utc_offset(self.zone.offset);
        push_line(out, "BEGIN:VTIMEZONE");
        push_line(out, &format!("TZID:{tzid}"));
        push_line(out, "BEGIN:STANDARD");
        push_line(out, "DTSTART:19700101T000000");
        push_line(out, &format!("TZOFFSETFROM:{off}"));
        push_line(out, &format!("TZOFFSETTO:{off}"));
        if !self.zone.abbreviation.is_empty() {
            push_line(out, &format!("TZNAME:{}", text(&self.zone.abbreviation)));
        }
        push_line(out, "END:STANDARD");
        push_line(out, "END:VTIMEZONE");
    }

    /// `DTSTART`/`DTEND`: local with `TZID` when the zone's offset then is the
    /// `VTIMEZONE`'s, else UTC.
    fn time(&self, key: &str, date: Date, time: Time) -> String {
        let dt = DateTime::from_parts(date, time);
        let zoned = dt.to_zoned(self.model.config.tz.clone()).ok();
        match (&self.zone.tzid, &zoned) {
            (Some(tzid), Some(z)) if z.offset() == self.zone.offset => {
                format!("{key};TZID={tzid}:{}", dt.strftime("%Y%m%dT%H%M%S"))
            }
            (_, Some(z)) => format!("{key}:{}", z.timestamp().strftime("%Y%m%dT%H%M%SZ")),
            (_, None) => format!("{key}:{}", dt.strftime("%Y%m%dT%H%M%S")),
        }
    }

    fn event(&self, out: &mut String, r: Entry) {
        let m = self.model;
        let (t, o) = (self.strings, r.occurrence(m));
        let st = &m.stations[r.station() as usize];
        let names: Vec<&str> = o
            .deputies
            .iter()
            .filter_map(|&d| m.deputies.get(d as usize).map(|x| x.name.as_str()))
            .collect();
        let duty = label(t, "duty_deputies", "值班代表");
        let sep = if names.is_empty() { "" } else { t.get("colon") };
        let who = format!("{duty}{sep}{}", t.list(&names));
        let summary = format!("{}{}", st.name, t.paren(&who));
        let mut desc = Vec::new();
        if o.cancelled {
            desc.push(label(t, "cancelled", "本次接待取消").to_owned());
        }
        desc.push(who);
        if let Some(guests) = st.rule_guests.get(o.rule).filter(|g| !g.is_empty()) {
            let list: Vec<String> = guests
                .iter()
                .map(|g| {
                    let role = match (&g.role, g.level) {
                        (Some(r), _) => r.clone(),
                        (None, Some(l)) => t.level_name(l),
                        (None, None) => String::new(),
                    };
                    format!("{}{}", g.name, t.paren(&role))
                })
                .collect();
            desc.push(format!(
                "{}{}{}",
                label(t, "guests", "特邀参加"),
                t.get("colon"),
                t.list(&list)
            ));
        }
        desc.extend(o.topic.clone());
        desc.extend(o.note.clone());
        if o.scheduled != o.date {
            let why = match &o.shifted {
                Some(Shift::Holiday { name }) => format!(
                    "{}{}",
                    label(t, "holiday_shift", "遇节假日顺延"),
                    name.as_deref()
                        .map(|n| t.paren(&t.holiday(n)))
                        .unwrap_or_default()
                ),
                _ => label(t, "moved_by_exception", "调整日期").to_owned(),
            };
            desc.push(format!(
                "{} {}{}{why}",
                label(t, "moved_from", "原定"),
                o.scheduled,
                label(t, "comma", "，")
            ));
        }
        let url = raw(&format!(
            "{}{}",
            m.config.base_url,
            urls::pretty(&urls::item("stations", &st.id))
        ));
        desc.push(url.clone());
        push_line(out, "BEGIN:VEVENT");
        push_line(
            out,
            &format!(
                "UID:{}",
                text(&format!(
                    "{}-{}-{}@{}",
                    st.id,
                    st.rule_keys.get(o.rule).map_or("r", String::as_str),
                    o.scheduled,
                    self.host
                ))
            ),
        );
        push_line(out, &format!("SEQUENCE:{}", sequence(o)));
        push_line(out, &format!("DTSTAMP:{}", self.dtstamp));
        push_line(out, &self.time("DTSTART", o.date, o.start));
        push_line(out, &self.time("DTEND", o.date, o.end));
        push_line(out, &format!("SUMMARY:{}", text(summary.trim())));
        push_line(
            out,
            &format!("DESCRIPTION:{}", text(desc.join("\n").trim())),
        );
        if let Some(a) = &st.address {
            push_line(out, &format!("LOCATION:{}", text(a)));
        }
        if let Some((lat, lon)) = st.location {
            push_line(out, &format!("GEO:{lat};{lon}"));
        }
        push_line(out, &format!("URL:{url}"));
        if o.cancelled {
            push_line(out, "STATUS:CANCELLED");
            push_line(out, "TRANSP:TRANSPARENT");
        } else {
            push_line(out, "STATUS:CONFIRMED");
            push_line(out, "TRANSP:OPAQUE");
        }
        push_line(out, "END:VEVENT");
    }

    /// A whole VCALENDAR named `name` with the events of `refs` in their order.
    fn calendar(&self, name: &str, refs: &[Entry]) -> String {
        let mut s = String::with_capacity(600 + 700 * refs.len());
        push_line(&mut s, "BEGIN:VCALENDAR");
        push_line(&mut s, "VERSION:2.0");
        push_line(&mut s, "PRODID:-//lianluo//lianluo//ZH");
        push_line(&mut s, "CALSCALE:GREGORIAN");
        push_line(&mut s, "METHOD:PUBLISH");
        push_line(&mut s, &format!("X-WR-CALNAME:{}", text(name)));
        push_line(
            &mut s,
            &format!(
                "X-WR-TIMEZONE:{}",
                self.zone.tzid.as_deref().unwrap_or("UTC")
            ),
        );
        push_line(&mut s, "REFRESH-INTERVAL;VALUE=DURATION:P1D");
        push_line(&mut s, "X-PUBLISHED-TTL:P1D");
        self.vtimezone(&mut s);
        for &r in refs {
            self.event(&mut s, r);
        }
        push_line(&mut s, "END:VCALENDAR");
        s
    }
}

impl<'a> Shared<'a> {
    fn new(model: &'a Model, strings: &'a Strings) -> Self {
        Shared {
            model,
            strings,
            host: host(&model.config.base_url),
            dtstamp: format!("{}T000000Z", model.as_of.strftime("%Y%m%d")),
            zone: Zone::new(&model.config.tz_name, &model.config.tz, model.as_of),
        }
    }
}

/// One event of a feed: a held occurrence, or a cancelled one (station, index in
/// `schedules.cancelled`).
#[derive(Clone, Copy)]
enum Entry {
    Held(OccRef),
    Cancelled(OccRef),
}

impl Entry {
    fn station(self) -> u32 {
        match self {
            Entry::Held(r) | Entry::Cancelled(r) => r.0,
        }
    }

    fn occurrence(self, m: &Model) -> &Occurrence {
        match self {
            Entry::Held(r) => m.schedules.get(r),
            Entry::Cancelled((s, o)) => &m.schedules.cancelled[s as usize][o as usize],
        }
    }
}

/// `SEQUENCE` (RFC 5545 §3.8.7.4): 0 for an occurrence as its rule scheduled it, one more for
/// each change the holiday calendar or an editor made to its date or status (moved, cancelled),
/// so a calendar that already holds the UID takes the update.
pub fn sequence(o: &Occurrence) -> u32 {
    u32::from(o.date != o.scheduled) + u32::from(o.cancelled)
}

/// The held occurrences `held` (in date order) with the cancelled ones of `stations` merged in
/// by date, time and station.
fn with_cancelled(m: &Model, held: &[OccRef], stations: Option<&[u32]>) -> Vec<Entry> {
    let mut out: Vec<Entry> = held.iter().map(|&r| Entry::Held(r)).collect();
    let all: Vec<u32> = (0..m.schedules.cancelled.len() as u32).collect();
    for &s in stations.unwrap_or(&all) {
        let n = m.schedules.cancelled.get(s as usize).map_or(0, Vec::len);
        out.extend((0..n as u32).map(|o| Entry::Cancelled((s, o))));
    }
    out.sort_by_key(|&e| {
        let o = e.occurrence(m);
        (o.date, o.start, e.station(), o.rule)
    });
    out
}

/// The whole site's calendar ([`SITE_PATH`]). It is one of the downloads the `/data/` page
/// lists with its size, so `output::opendata` makes it, before the pages.
pub fn site_calendar(model: &Model, strings: &Strings) -> String {
    let calendar = label(strings, "calendar", "接待日历");
    Shared::new(model, strings).calendar(
        &format!("{} {calendar}", model.config.title),
        &with_cancelled(model, &model.schedules.all, None),
    )
}

/// Writes the calendar of every station and deputy through `put(path, text)`, in parallel
/// (the site's own is [`site_calendar`]); returns how many files were written.
pub fn write_all<E: Send>(
    model: &Model,
    strings: &Strings,
    put: impl Fn(&str, &str) -> Result<(), E> + Sync,
) -> Result<usize, E> {
    let sh = Shared::new(model, strings);
    let calendar = label(strings, "calendar", "接待日历");
    let stations = (0..model.stations.len()).into_par_iter().map(|s| {
        let held: Vec<OccRef> = (0..model.schedules.by_station.get(s).map_or(0, Vec::len))
            .map(|o| (s as u32, o as u32))
            .collect();
        let refs = with_cancelled(model, &held, Some(&[s as u32]));
        let st = &model.stations[s];
        put(&station_path(&st.id), &sh.calendar(&st.name, &refs))
    });
    // A deputy's calendar only when it has receptions (see `site::files::has_calendar`).
    let with_calendar: Vec<usize> = (0..model.deputies.len())
        .filter(|&d| crate::site::files::has_calendar(model, d))
        .collect();
    let deputies = with_calendar.into_par_iter().map(|d| {
        let dep = &model.deputies[d];
        let refs: Vec<Entry> = match model.schedules.by_deputy.get(d) {
            Some(v) if dep.is_active() => {
                let mut refs = with_cancelled(model, v, Some(&[]));
                refs.extend(cancelled_for(model, d as u32));
                refs.sort_by_key(|&e| {
                    let o = e.occurrence(model);
                    (o.date, o.start, e.station(), o.rule)
                });
                refs
            }
            _ => Vec::new(),
        };
        put(
            &deputy_path(&dep.id),
            &sh.calendar(&format!("{} {calendar}", dep.name), &refs),
        )
    });
    Ok(stations
        .chain(deputies)
        .collect::<Result<Vec<()>, E>>()?
        .len())
}

/// The cancelled occurrences on which deputy `d` would have been on duty.
fn cancelled_for(m: &Model, d: u32) -> impl Iterator<Item = Entry> + '_ {
    m.schedules
        .cancelled_by_deputy
        .get(d as usize)
        .map_or(&[][..], Vec::as_slice)
        .iter()
        .map(|&r| Entry::Cancelled(r))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folded(line: &str) -> String {
        let mut s = String::new();
        push_line(&mut s, line);
        s
    }

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
    fn text_values_are_escaped() {
        assert_eq!(
            text("议题;一,二\\三\r\n四\r五\n六\u{7}七\t八"),
            "议题\\;一\\,二\\\\三\\n四\\n五\\n六 七\t八"
        );
    }

    #[test]
    fn lines_fold_at_75_octets_without_splitting_characters() {
        // 75 octets stay on one line; 76 fold, and so does a continuation that would be 76.
        assert_eq!(folded(&"a".repeat(75)), format!("{}\r\n", "a".repeat(75)));
        assert_eq!(
            folded(&"a".repeat(76)),
            format!("{}\r\n a\r\n", "a".repeat(75))
        );
        assert_eq!(
            folded(&"a".repeat(75 + 75)),
            format!("{}\r\n {}\r\n a\r\n", "a".repeat(75), "a".repeat(74))
        );
        for len in 0..400 {
            let line: String = "DESCRIPTION:征求意见，a议题"
                .chars()
                .cycle()
                .take(len)
                .collect();
            let out = folded(&line);
            for l in out.split("\r\n") {
                assert!(l.len() <= LINE_OCTETS, "{} octets: {l:?}", l.len());
            }
            assert_eq!(out.replace("\r\n ", ""), format!("{line}\r\n"));
        }
    }
}
