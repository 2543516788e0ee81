//! The printable poster of a station (`stations/<id>/poster/`): one A4 page for the station's
//! notice board (公示栏) with its name, address and phone, the receptions of the next three
//! months with their duty deputies (photos where the site has them), and a QR code of the
//! station page's absolute address.
//!
//! The poster has its own window, [`POSTER_DAYS`] days from the as-of date, expanded here with
//! the site's holidays and policy, so it covers three months even when `horizon_days` is
//! shorter. To stay on one sheet it lists at most [`MAX_ROWS`] receptions (and says how many
//! more there are) and switches to a denser two-column layout past [`DENSE_ROWS`].

use std::fmt::Write as _;

use jiff::civil::Date;
use qrcode::QrCode;
use qrcode::render::svg;
use serde::Serialize;

use super::cards::{self, StationCard};
use super::urls;
use crate::escape::markup;
use crate::model::Model;
use crate::schedule::{self, HolidayPolicy, Occurrence, Shift};
use crate::vocab;

/// Days covered by the poster, the as-of date included (about three months).
pub const POSTER_DAYS: i64 = 92;
/// Most receptions listed on one sheet.
pub const MAX_ROWS: usize = 36;
/// Past this many receptions the list is set in two columns, smaller.
pub const DENSE_ROWS: usize = 14;
/// Most duty deputies shown with their photos.
pub const MAX_FACES: usize = 16;

#[derive(Debug, Serialize)]
pub struct PosterRow {
    /// `2025-10-09`
    pub date: String,
    /// `2025-10-09T09:00`, for `<time datetime>`
    pub datetime: String,
    pub month: i8,
    pub day: i8,
    /// 1 = Monday … 7 = Sunday
    pub weekday: i8,
    pub start: String,
    pub end: String,
    pub deputies: Vec<String>,
    /// Participants who are not deputies of this site.
    pub guests: Vec<super::receptions::GuestView>,
    /// 1-based number of the reception's topic in [`PosterPage::topics`].
    pub topic: Option<usize>,
    pub note: Option<String>,
    /// Set when the date differs from the rule's (a holiday shift or a move).
    pub scheduled: Option<String>,
    /// `holiday` or `moved` (by an exception) when `scheduled` is set.
    pub shift: Option<&'static str>,
    pub holiday: Option<String>,
    /// Cancelled by an exception: printed struck out, with its note.
    pub cancelled: bool,
}

#[derive(Debug, Serialize)]
pub struct PosterDeputy<'a> {
    pub name: &'a str,
    pub level: vocab::Level,
    /// Site-relative path of the photo (`static/photos/x.jpg`), if any.
    pub photo: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct PosterPage<'a> {
    pub station: StationCard<'a>,
    /// Absolute address of the station page (what the QR code holds).
    pub station_url: String,
    /// Site-relative path of the station page.
    pub station_page: String,
    pub from: String,
    pub until: String,
    pub rows: Vec<PosterRow>,
    /// The topics of the listed receptions, each once (rows refer to them by number, so a
    /// recurring topic does not fill the sheet).
    pub topics: Vec<String>,
    /// Receptions in the window beyond [`MAX_ROWS`].
    pub more: usize,
    pub dense: bool,
    pub deputies: Vec<PosterDeputy<'a>>,
    /// Inline `<svg role="img" aria-label=…>` of the QR code; empty if it cannot be made.
    pub qr_svg: String,
    /// Modules per side of the QR code (without the quiet zone).
    pub qr_modules: usize,
}

/// The absolute address of a station's page (`base_url` + `stations/<id>/`).
pub fn station_url(model: &Model, s: u32) -> String {
    let id = &model.stations[s as usize].id;
    format!(
        "{}{}",
        model.config.base_url,
        urls::pretty(&urls::item("stations", id))
    )
}

/// The poster's window: the as-of date and [`POSTER_DAYS`] − 1 days after it.
pub fn window(as_of: Date) -> (Date, Date) {
    let end = as_of
        .checked_add(jiff::Span::new().days(POSTER_DAYS - 1))
        .unwrap_or(as_of);
    (as_of, end)
}

/// The station's receptions in the poster's window, with the cancelled ones (marked) among
/// them in date order.
pub fn occurrences(model: &Model, s: u32) -> Vec<Occurrence> {
    let st = &model.stations[s as usize];
    let policy = match model.config.holiday_policy {
        vocab::HolidayPolicy::NextWorkday => HolidayPolicy::NextWorkday,
        vocab::HolidayPolicy::Skip => HolidayPolicy::Skip,
        vocab::HolidayPolicy::Keep => HolidayPolicy::Keep,
    };
    let exp = schedule::expand(
        &st.rules,
        &st.exceptions,
        &model.holidays,
        policy,
        window(model.as_of),
    );
    let mut all = exp.occurrences;
    all.extend(exp.cancelled);
    all.sort_by_key(|o| (o.date, o.start, o.rule));
    all
}

/// The QR code of `url` as rows of modules (`true` = dark), without the quiet zone; empty
/// when `url` is too long for a QR code.
pub fn qr_matrix(url: &str) -> Vec<Vec<bool>> {
    let Ok(code) = QrCode::new(url.as_bytes()) else {
        return Vec::new();
    };
    let w = code.width();
    code.to_colors()
        .chunks(w.max(1))
        .map(|row| row.iter().map(|&c| c == qrcode::Color::Dark).collect())
        .collect()
}

/// The QR code of `url` as an inline SVG (one unit per module, 4-module quiet zone, sized by
/// CSS) with `role="img"` and `label` as its accessible name; empty if it cannot be made.
pub fn qr_svg(url: &str, label: &str) -> (String, usize) {
    let Ok(code) = QrCode::new(url.as_bytes()) else {
        return (String::new(), 0);
    };
    let svg = code
        .render::<svg::Color>()
        .module_dimensions(1, 1)
        .quiet_zone(true)
        .build();
    // Drop the XML declaration: the SVG is inline in HTML.
    let Some(start) = svg.find("<svg") else {
        return (String::new(), 0);
    };
    let mut out = String::with_capacity(svg.len() + 120);
    let _ = write!(
        out,
        "<svg class=\"qr\" role=\"img\" aria-label=\"{}\"",
        markup(label)
    );
    out.push_str(svg.get(start + 4..).unwrap_or_default());
    (out, code.width())
}

///
/// `fingerprint`: the context is only fingerprinted (see `Painter::fingerprints`), so the
/// QR code is left as what it is made from (the address and its label), which decides it
/// — drawing it was a sixth of the cost of fingerprinting a 100,000-deputy site's pages.
pub fn poster<'a>(
    model: &'a Model,
    t: &super::Strings,
    s: u32,
    fingerprint: bool,
) -> PosterPage<'a> {
    let qr_label = t.get("poster_qr_label");
    let occs = occurrences(model, s);
    let (from, until) = window(model.as_of);
    let hm = |t: jiff::civil::Time| format!("{:02}:{:02}", t.hour(), t.minute());
    let mut faces: Vec<u32> = Vec::new();
    for o in occs.iter().filter(|o| !o.cancelled) {
        for &d in &o.deputies {
            if !faces.contains(&d) && (d as usize) < model.deputies.len() {
                faces.push(d);
            }
        }
    }
    let name = |d: &u32| model.deputies.get(*d as usize).map(|x| x.name.clone());
    let mut topics: Vec<String> = Vec::new();
    let mut topic_no = |t: &Option<String>| {
        let t = t.as_deref()?.trim();
        if t.is_empty() {
            return None;
        }
        let i = match topics.iter().position(|x| x == t) {
            Some(i) => i,
            None => {
                topics.push(t.to_owned());
                topics.len() - 1
            }
        };
        Some(i + 1)
    };
    let rows: Vec<PosterRow> = occs
        .iter()
        .take(MAX_ROWS)
        .map(|o| PosterRow {
            date: o.date.to_string(),
            datetime: format!("{}T{}", o.date, hm(o.start)),
            month: o.date.month(),
            day: o.date.day(),
            weekday: o.date.weekday().to_monday_one_offset(),
            start: hm(o.start),
            end: hm(o.end),
            deputies: o.deputies.iter().filter_map(name).collect(),
            guests: super::receptions::occurrence_guests(model, s, o.rule),
            topic: topic_no(&o.topic),
            note: o.note.clone(),
            scheduled: (o.scheduled != o.date).then(|| o.scheduled.to_string()),
            shift: match &o.shifted {
                Some(Shift::Holiday { .. }) => Some("holiday"),
                Some(Shift::Moved) => Some("moved"),
                None => None,
            },
            holiday: match &o.shifted {
                Some(Shift::Holiday { name }) => name.as_deref().map(|n| t.holiday(n)),
                _ => None,
            },
            cancelled: o.cancelled,
        })
        .collect();
    let url = station_url(model, s);
    let label = qr_label.replace("{url}", &url);
    let (qr_svg, qr_modules) = if fingerprint {
        (format!("qr\n{url}\n{label}"), 0)
    } else {
        qr_svg(&url, &label)
    };
    PosterPage {
        station: cards::station(model, s),
        station_url: url,
        station_page: urls::item("stations", &model.stations[s as usize].id),
        from: from.to_string(),
        until: until.to_string(),
        more: occs.len().saturating_sub(rows.len()),
        dense: rows.len() > DENSE_ROWS,
        rows,
        topics,
        deputies: faces
            .iter()
            .take(MAX_FACES)
            .filter_map(|&d| {
                let card = cards::deputy(model, d);
                Some(PosterDeputy {
                    name: model.deputies.get(d as usize)?.name.as_str(),
                    level: card.level,
                    photo: card.photo,
                })
            })
            .collect(),
        qr_svg,
        qr_modules,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn qr_matrix_is_square_and_matches_the_svg() {
        let url = "https://rd.example.gov.cn/stations/chengguan-station/";
        let mx = qr_matrix(url);
        assert!(!mx.is_empty());
        assert!(mx.iter().all(|r| r.len() == mx.len()));
        let (svg, n) = qr_svg(url, "a \"label\" & more");
        assert_eq!(n, mx.len());
        let side = n + 8;
        assert!(svg.starts_with(
            "<svg class=\"qr\" role=\"img\" aria-label=\"a &quot;label&quot; &amp; more\""
        ));
        assert!(svg.contains(&format!("viewBox=\"0 0 {side} {side}\"")));
        assert!(!svg.contains("<?xml"));
    }

    #[test]
    fn overlong_urls_give_no_code_rather_than_a_panic() {
        let url = format!("https://x/{}", "a".repeat(5000));
        assert!(qr_matrix(&url).is_empty());
        assert_eq!(qr_svg(&url, "x"), (String::new(), 0));
    }

    #[test]
    fn the_window_is_92_days_inclusive() {
        let (a, b) = window(jiff::civil::date(2025, 9, 20));
        assert_eq!(b, jiff::civil::date(2025, 12, 20));
        assert_eq!((b - a).get_days(), 91);
    }
}
