//! Accountability figures as pages show them: every rate with its raw counts (and "—" when
//! nothing is counted yet), the median days to reply, the closed records per outcome class,
//! and rows of figures for the breakdown tables (by year, handler, category, area, station).

use serde::Serialize;

use super::urls;
use crate::model::Model;
use crate::model::stats::{self, Counts, Figures};

/// What a page shows for a missing value (an empty denominator, no reply yet).
pub const NONE: &str = "—";

/// A rate: numerator ÷ denominator, shown as `87.5%` or `—`.
#[derive(Debug, Clone, Serialize)]
pub struct RateView {
    pub num: u32,
    pub den: u32,
    pub shown: String,
}

pub fn rate(num: u32, den: u32) -> RateView {
    RateView {
        num,
        den,
        shown: stats::percent(num, den).unwrap_or_else(|| NONE.to_owned()),
    }
}

/// Closed records of one outcome class.
#[derive(Debug, Clone, Serialize)]
pub struct OutcomeCount<'a> {
    pub code: &'a str,
    pub text: &'a str,
    pub count: u32,
}

#[derive(Debug, Clone, Serialize)]
pub struct FiguresView<'a> {
    pub counts: Counts,
    /// 办结率: replied ÷ transferred.
    pub completion: RateView,
    /// 满意率 (含基本满意): (satisfied + basically satisfied) ÷ rated.
    pub satisfaction: RateView,
    /// 办成率: solved ÷ closed.
    pub solved: RateView,
    /// 按期答复率: replied by the deadline ÷ (replied + overdue).
    pub on_time: RateView,
    /// `45` or `45.5`, or `—` without any reply.
    pub median_days: String,
    pub outcomes: Vec<OutcomeCount<'a>>,
    /// The outcome classes counted as solved, for the definition of 办成率 (`A` or `A、B`).
    pub solved_codes: Vec<&'a str>,
}

/// Twice a median → `45` or `45.5`.
pub fn half_days(m2: i64) -> String {
    let whole = (m2 / 2).abs();
    let sign = if m2 < 0 { "-" } else { "" };
    if m2 % 2 == 0 {
        format!("{sign}{whole}")
    } else {
        format!("{sign}{whole}.5")
    }
}

pub fn view<'a>(model: &'a Model, f: &Figures) -> FiguresView<'a> {
    let c = f.counts;
    FiguresView {
        counts: c,
        completion: rate(c.replied, c.transferred),
        satisfaction: rate(c.satisfied, c.rated),
        solved: rate(c.solved, c.closed),
        on_time: rate(c.on_time, c.due),
        median_days: f.median2.map_or_else(|| NONE.to_owned(), half_days),
        outcomes: model
            .config
            .outcomes
            .iter()
            .enumerate()
            .map(|(i, (code, text))| OutcomeCount {
                code,
                text,
                count: f.outcomes.get(i).copied().unwrap_or(0),
            })
            .collect(),
        solved_codes: model.config.solved.iter().map(String::as_str).collect(),
    }
}

/// Figures of nothing, for groups without records.
pub fn empty(model: &Model) -> FiguresView<'_> {
    view(model, &Figures::default())
}

/// One row of a breakdown table.
#[derive(Debug, Serialize)]
pub struct FigureRow<'a> {
    pub label: String,
    /// The filtered list or page of the group.
    pub url: Option<String>,
    pub fig: FiguresView<'a>,
}

/// Rows a table of the suggestions' overview lists (per station or place): past them, the
/// rows with the most records, in their order, and a count of the others.
pub const TABLE_ROWS: usize = 50;

/// `rows` cut to the [`TABLE_ROWS`] with the most records (ties in their order), keeping
/// their order; and how many were left out.
pub fn busiest(rows: Vec<FigureRow<'_>>) -> (Vec<FigureRow<'_>>, usize) {
    if rows.len() <= TABLE_ROWS {
        return (rows, 0);
    }
    let mut rank: Vec<usize> = (0..rows.len()).collect();
    rank.sort_by_key(|&i| std::cmp::Reverse(rows[i].fig.counts.received));
    let mut keep = vec![false; rows.len()];
    for &i in &rank[..TABLE_ROWS] {
        keep[i] = true;
    }
    let more = rows.len() - TABLE_ROWS;
    let rows = rows
        .into_iter()
        .zip(keep)
        .filter_map(|(r, k)| k.then_some(r))
        .collect();
    (rows, more)
}

/// Rows per year, newest first, linking to the year lists.
pub fn by_year(model: &Model) -> Vec<FigureRow<'_>> {
    model
        .accountability
        .stats
        .years
        .iter()
        .rev()
        .map(|(y, f)| FigureRow {
            label: y.to_string(),
            url: Some(urls::section(&format!("suggestions/year/{y}"))),
            fig: view(model, f),
        })
        .collect()
}

/// Rows per category, in slug order, linking to the category lists.
pub fn by_category(model: &Model) -> Vec<FigureRow<'_>> {
    model
        .accountability
        .stats
        .categories
        .iter()
        .enumerate()
        .map(|(i, (c, f))| FigureRow {
            label: c.clone(),
            url: Some(urls::section(&format!(
                "suggestions/category/{}",
                stats::category_slug(i)
            ))),
            fig: view(model, f),
        })
        .collect()
}

/// Rows for the given areas that have records, linking to the area lists.
pub fn by_area<'a>(model: &'a Model, areas: &[u32]) -> Vec<FigureRow<'a>> {
    areas
        .iter()
        .filter_map(|&a| {
            let f = model.accountability.stats.areas.get(a)?;
            let ar = &model.places.areas[a as usize];
            Some(FigureRow {
                label: ar.name.clone(),
                url: Some(urls::section(&format!("suggestions/area/{}", ar.id))),
                fig: view(model, f),
            })
        })
        .collect()
}

/// Rows per station with records, in file order, linking to the station pages.
pub fn by_station(model: &Model) -> Vec<FigureRow<'_>> {
    model
        .accountability
        .stats
        .stations
        .iter()
        .map(|(s, f)| {
            let st = &model.stations[s as usize];
            FigureRow {
                label: st.name.clone(),
                url: Some(urls::item("stations", &st.id)),
                fig: view(model, f),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_denominator_is_shown_as_a_dash_not_nan() {
        let r = rate(0, 0);
        assert_eq!((r.num, r.den, r.shown.as_str()), (0, 0, "—"));
        assert_eq!(rate(3, 4).shown, "75.0%");
    }

    #[test]
    fn half_days_keep_the_half() {
        assert_eq!(half_days(90), "45");
        assert_eq!(half_days(91), "45.5");
        assert_eq!(half_days(0), "0");
        assert_eq!(half_days(-3), "-1.5");
    }
}
