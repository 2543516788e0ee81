//! Charts of the accountability figures, laid out at build time as SVG shapes for the
//! theme's `partials/chart.html` to draw: no JavaScript, the same bytes on every build.
//!
//! Three charts: each handler's on-time reply rate as horizontal bars; closed records per
//! outcome class as stacked bars; records received and replied per month as paired
//! columns. Every chart has a title, a description and its numbers again as a table for
//! screen readers. Colours have at least 3:1 contrast against white and are never the only
//! cue: every bar carries its value as text, and replies are hatched as well as coloured.
//! Geometry is integer arithmetic only.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::model::Model;
use crate::model::stats::{Figures, percent};
use crate::site::Strings;

/// The UI strings a chart needs (the theme's, or fixed ones in tests).
pub trait Words {
    fn word(&self, key: &str) -> String;
    /// The short name of month `m` (1–12) for a chart's axis.
    fn month_abbr(&self, m: i8) -> String {
        m.to_string()
    }
}

impl Words for Strings {
    fn word(&self, key: &str) -> String {
        self.get(key).to_owned()
    }
    fn month_abbr(&self, m: i8) -> String {
        self.nth_of("month_abbr", usize::try_from(m).unwrap_or(0))
            .to_owned()
    }
}

/// Fills, each with at least 3:1 contrast against white (and 4.5:1 for white text on it).
pub const PALETTE: [&str; 6] = [
    "#1f5fa8", "#a34400", "#2e6b30", "#6a1b9a", "#a61b1b", "#455a64",
];
const TEXT: &str = "#1a1a1a";
const TRACK: &str = "#e9ecef";
const WIDTH: u32 = 640;

#[derive(Debug, Serialize)]
pub struct Rect {
    pub x: u32,
    pub y: u32,
    pub w: u32,
    pub h: u32,
    pub fill: String,
}

#[derive(Debug, Serialize)]
pub struct Label {
    pub x: u32,
    pub y: u32,
    /// `start`, `middle` or `end`
    pub anchor: &'static str,
    pub fill: &'static str,
    pub size: u32,
    pub text: String,
}

/// The chart's numbers as a table: `head` names the columns, each row starts with its
/// row header.
#[derive(Debug, Serialize)]
pub struct Table {
    pub head: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

#[derive(Debug, Serialize)]
pub struct Chart {
    /// Unique on its page; the SVG's title and description are `{id}-title`, `{id}-desc`.
    pub id: String,
    pub title: String,
    pub desc: String,
    pub width: u32,
    pub height: u32,
    /// The colour of the hatch pattern `{id}-hatch` (white stripes over it), if used.
    pub hatch: Option<&'static str>,
    pub rects: Vec<Rect>,
    pub labels: Vec<Label>,
    pub table: Table,
}

fn label(x: u32, y: u32, anchor: &'static str, size: u32, text: String) -> Label {
    Label {
        x,
        y,
        anchor,
        fill: TEXT,
        size,
        text,
    }
}

/// `text` cut to about `max` characters (CJK counts double-width ASCII as one).
fn clip(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let mut s: String = text.chars().take(max.saturating_sub(1)).collect();
    s.push('…');
    s
}

/// Bars of the handlers' chart: the first of the ranking (its table lists them all, in
/// pages), so a site with hundreds of handling units keeps a chart one can read.
pub const HANDLER_BARS: usize = 30;

/// One bar per handler with a decided deadline: on-time replies ÷ (replies + overdue),
/// in the given order (the handler index's ranking), at most [`HANDLER_BARS`].
pub fn handler_bars(model: &Model, t: &dyn Words, id: &str, ranked: &[u32]) -> Option<Chart> {
    let rows: Vec<(&str, u32, u32)> = ranked
        .iter()
        .filter_map(|&h| {
            let c = model.accountability.stats.handlers.get(h)?.counts;
            (c.due > 0).then(|| (model.handlers[h as usize].name.as_str(), c.on_time, c.due))
        })
        .take(HANDLER_BARS)
        .collect();
    if rows.is_empty() {
        return None;
    }
    let (lw, row_h, top) = (168, 30, 8);
    let x0 = lw + 8;
    let maxw = WIDTH - x0 - 120;
    let mut rects = Vec::new();
    let mut labels = Vec::new();
    let mut table = Vec::new();
    for (i, &(name, on_time, due)) in rows.iter().enumerate() {
        let y = top + i as u32 * row_h;
        let shown = percent(on_time, due).unwrap_or_default();
        labels.push(label(lw, y + 15, "end", 13, clip(name, 12)));
        rects.push(Rect {
            x: x0,
            y: y + 2,
            w: maxw,
            h: 18,
            fill: TRACK.to_owned(),
        });
        rects.push(Rect {
            x: x0,
            y: y + 2,
            w: maxw * on_time / due,
            h: 18,
            fill: PALETTE[0].to_owned(),
        });
        labels.push(label(
            x0 + maxw + 6,
            y + 15,
            "start",
            12,
            format!(
                "{shown}{}{on_time}/{due}{}",
                t.word("paren_open"),
                t.word("paren_close")
            ),
        ));
        table.push(vec![
            name.to_owned(),
            on_time.to_string(),
            due.to_string(),
            shown,
        ]);
    }
    Some(Chart {
        id: id.to_owned(),
        title: t.word("chart_handlers_title"),
        desc: t.word("chart_handlers_desc"),
        width: WIDTH,
        height: top * 2 + rows.len() as u32 * row_h,
        hatch: None,
        rects,
        labels,
        table: Table {
            head: vec![
                t.word("handler"),
                t.word("count_on_time"),
                t.word("count_due"),
                t.word("rate_on_time"),
            ],
            rows: table,
        },
    })
}

/// One stacked bar per row: its closed records per outcome class, as shares of its
/// closed records, each segment labelled with its class and count when wide enough.
pub fn outcome_stack(model: &Model, t: &dyn Words, id: &str, rows: &[(String, &Figures)]) -> Chart {
    let (lw, row_h, top) = (96, 30, 8);
    let x0 = lw + 8;
    let maxw = WIDTH - x0 - 80;
    let codes: Vec<&str> = model
        .config
        .outcomes
        .iter()
        .map(|(c, _)| c.as_str())
        .collect();
    let mut rects = Vec::new();
    let mut labels = Vec::new();
    let mut table = Vec::new();
    for (i, (name, f)) in rows.iter().enumerate() {
        let y = top + i as u32 * row_h;
        let total: u32 = f.outcomes.iter().sum();
        labels.push(label(lw, y + 15, "end", 13, clip(name, 7)));
        let mut cum = 0;
        for (k, &n) in f.outcomes.iter().enumerate() {
            if n == 0 {
                continue;
            }
            let a = x0 + maxw * cum / total;
            cum += n;
            let b = x0 + maxw * cum / total;
            rects.push(Rect {
                x: a,
                y: y + 2,
                w: b - a,
                h: 18,
                fill: PALETTE[k % PALETTE.len()].to_owned(),
            });
            let code = codes.get(k).copied().unwrap_or("?");
            if b - a >= 44 {
                labels.push(Label {
                    fill: "#ffffff",
                    ..label((a + b) / 2, y + 15, "middle", 12, format!("{code} {n}"))
                });
            }
        }
        let end = if total == 0 { x0 } else { x0 + maxw };
        labels.push(label(end + 6, y + 15, "start", 12, total.to_string()));
        let mut row = vec![name.clone()];
        row.extend((0..codes.len()).map(|k| f.outcomes.get(k).copied().unwrap_or(0).to_string()));
        row.push(total.to_string());
        table.push(row);
    }
    // Legend: a swatch and the class code for every class, in the segments' order.
    let ly = top + rows.len() as u32 * row_h + 8;
    for (k, code) in codes.iter().enumerate() {
        let x = x0 + k as u32 * 72;
        rects.push(Rect {
            x,
            y: ly,
            w: 14,
            h: 14,
            fill: PALETTE[k % PALETTE.len()].to_owned(),
        });
        labels.push(label(
            x + 18,
            ly + 12,
            "start",
            12,
            match rows {
                // One bar: the legend carries the counts too, as narrow segments have none.
                [(_, f)] => format!(
                    "{} {}",
                    t.word("outcome_class").replace("{c}", code),
                    f.outcomes.get(k).copied().unwrap_or(0)
                ),
                _ => t.word("outcome_class").replace("{c}", code),
            },
        ));
    }
    let mut head = vec![t.word("chart_group")];
    head.extend(
        codes
            .iter()
            .map(|c| t.word("outcome_class").replace("{c}", c)),
    );
    head.push(t.word("count_closed"));
    Chart {
        id: id.to_owned(),
        title: t.word("chart_outcomes_title"),
        desc: t.word("chart_outcomes_desc"),
        width: WIDTH,
        height: ly + 14 + top,
        hatch: None,
        rects,
        labels,
        table: Table { head, rows: table },
    }
}

/// At most this many months, the latest ones.
const MONTHS: usize = 24;

/// Records received and first replies per month, paired columns with their values on top;
/// replies are hatched. Months without either are shown as zeros between the first and last.
pub fn monthly(t: &dyn Words, id: &str, months: &BTreeMap<(i16, i8), (u32, u32)>) -> Option<Chart> {
    let (&first, _) = months.first_key_value()?;
    let (&last, _) = months.last_key_value()?;
    let index = |(y, mo): (i16, i8)| i32::from(y) * 12 + i32::from(mo) - 1;
    let from = index(first).max(index(last) - MONTHS as i32 + 1);
    let series: Vec<((i16, i8), (u32, u32))> = (from..=index(last))
        .map(|k| {
            let ym = ((k / 12) as i16, (k % 12 + 1) as i8);
            (ym, months.get(&ym).copied().unwrap_or_default())
        })
        .collect();
    let max = series
        .iter()
        .map(|(_, (a, b))| (*a).max(*b))
        .max()
        .unwrap_or(0)
        .max(1);
    let (left, top, plot_h, slot) = (8, 22, 150, 40);
    let base = top + plot_h;
    let width = (left * 2 + series.len() as u32 * slot).max(320);
    let mut rects = Vec::new();
    let mut labels = Vec::new();
    let mut table = Vec::new();
    let hatch = format!("url(#{id}-hatch)");
    for (i, ((y, mo), (rec, rep))) in series.iter().enumerate() {
        let x = left + i as u32 * slot + 4;
        for (j, (v, fill)) in [(*rec, PALETTE[0].to_owned()), (*rep, hatch.clone())]
            .into_iter()
            .enumerate()
        {
            let h = plot_h * v / max;
            let bx = x + j as u32 * 16;
            rects.push(Rect {
                x: bx,
                y: base - h,
                w: 15,
                h,
                fill,
            });
            labels.push(label(bx + 7, base - h - 4, "middle", 10, v.to_string()));
        }
        let abbr = t.month_abbr(*mo);
        let month = t
            .word("month_short")
            .replace("{mon}", &abbr)
            .replace("{m}", &mo.to_string());
        labels.push(label(x + 15, base + 16, "middle", 11, month));
        if i == 0 || *mo == 1 {
            labels.push(label(x + 15, base + 30, "middle", 11, y.to_string()));
        }
        table.push(vec![
            format!("{y}-{mo:02}"),
            rec.to_string(),
            rep.to_string(),
        ]);
    }
    rects.push(Rect {
        x: left,
        y: base,
        w: width - left * 2,
        h: 1,
        fill: TEXT.to_owned(),
    });
    // Legend
    let ly = base + 40;
    let legend = [
        (PALETTE[0].to_owned(), t.word("count_received")),
        (hatch, t.word("count_replied_in_month")),
    ];
    for (k, (fill, name)) in legend.into_iter().enumerate() {
        let x = left + k as u32 * 140;
        rects.push(Rect {
            x,
            y: ly,
            w: 14,
            h: 14,
            fill,
        });
        labels.push(label(x + 18, ly + 12, "start", 12, name.to_owned()));
    }
    Some(Chart {
        id: id.to_owned(),
        title: t.word("chart_months_title"),
        desc: t.word("chart_months_desc"),
        width,
        height: ly + 14 + 8,
        hatch: Some(PALETTE[1]),
        rects,
        labels,
        table: Table {
            head: vec![
                t.word("month"),
                t.word("count_received"),
                t.word("count_replied_in_month"),
            ],
            rows: table,
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Words that are their own keys.
    struct Keys;

    impl Words for Keys {
        fn word(&self, key: &str) -> String {
            key.to_owned()
        }
    }

    /// WCAG relative luminance of `#rrggbb`.
    fn luminance(hex: &str) -> f64 {
        let c = |i: usize| {
            let v = f64::from(u8::from_str_radix(&hex[i..i + 2], 16).unwrap_or(0)) / 255.0;
            if v <= 0.03928 {
                v / 12.92
            } else {
                ((v + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * c(1) + 0.7152 * c(3) + 0.0722 * c(5)
    }

    #[test]
    fn every_fill_contrasts_with_white() {
        for c in PALETTE {
            let ratio = 1.05 / (luminance(c) + 0.05);
            // ≥ 3:1 against the white page, ≥ 4.5:1 for the white labels on segments
            assert!(ratio >= 4.5, "{c}: {ratio:.2}");
        }
    }

    #[test]
    fn months_between_are_filled_with_zeros_and_only_the_latest_are_kept() {
        let t = Keys;
        let mut months = BTreeMap::new();
        months.insert((2024, 11), (2, 0));
        months.insert((2025, 2), (1, 3));
        let c = monthly(&t, "m", &months).expect("a chart");
        let rows: Vec<&str> = c.table.rows.iter().map(|r| r[0].as_str()).collect();
        assert_eq!(rows, ["2024-11", "2024-12", "2025-01", "2025-02"]);
        assert_eq!(c.table.rows[3], ["2025-02", "1", "3"]);
        for y in 2020..2025 {
            for mo in 1..=12 {
                months.insert((y, mo), (1, 1));
            }
        }
        let c = monthly(&t, "m", &months).expect("a chart");
        assert_eq!(c.table.rows.len(), MONTHS);
        assert_eq!(c.table.rows[0][0], "2023-03");
    }

    #[test]
    fn clipped_labels_end_with_an_ellipsis() {
        assert_eq!(clip("县交通运输局", 12), "县交通运输局");
        assert_eq!(clip("一二三四五六七八", 5), "一二三四…");
    }
}
