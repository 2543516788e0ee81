//! The suggestion outcome pages: `/suggestions/` (figures, charts, the overdue list, ways
//! to browse, then every record newest first) and the static filtered lists (the handler
//! pages are in [`super::handler_pages`]).
//!
//! Filtered lists are real pages, one folder per value, paginated like the main list:
//! `/suggestions/year/2025/`, `/suggestions/category/c3/`, `/suggestions/handler/<id>/`,
//! `/suggestions/status/<received|transferred|replied|closed|overdue>/` and
//! `/suggestions/area/<id>/` (the records about the area or any place inside it).
//! Category names are Chinese, so a category's slug is `c` and its position among the
//! site's category names in code point order (`c1`, `c2` …). Lists exist for every value
//! with records; the five status lists always exist.

use serde::Serialize;

use super::cards::{self, SuggestionCard};
use super::charts::{self, Chart};
use super::figures::{self, FigureRow, FiguresView};
use super::records::{self, Pager};
use super::{PER_PAGE, urls};
use crate::model::Model;
use crate::model::facets::STATUSES;
use crate::model::stats::{self, category_slug};
use crate::site::Strings;
use crate::site::files::SUGGESTION_DATA as PATHS;

/// One filtered list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Facet {
    Year(i16),
    /// Index into the site's sorted categories.
    Category(u32),
    Handler(u32),
    /// Index into [`STATUSES`].
    Status(u8),
    Area(u32),
}

fn pages_of(n: usize) -> usize {
    n.div_ceil(PER_PAGE).max(1)
}

/// Every filtered list, in a fixed order.
pub fn facets(model: &Model) -> Vec<Facet> {
    let acc = &model.accountability;
    let mut v: Vec<Facet> = acc
        .facets
        .years
        .iter()
        .map(|(y, _)| Facet::Year(*y))
        .collect();
    v.extend((0..acc.stats.categories.len() as u32).map(Facet::Category));
    v.extend(acc.stats.handlers.iter().map(|(h, _)| Facet::Handler(h)));
    v.extend((0..STATUSES.len() as u8).map(Facet::Status));
    v.extend(acc.stats.areas.iter().map(|(a, _)| Facet::Area(a)));
    v
}

/// Every page of every filtered list: `(facet, page number)`.
pub fn pages(model: &Model) -> Vec<(Facet, usize)> {
    facets(model)
        .into_iter()
        .flat_map(|f| (1..=pages_of(records(model, f).len())).map(move |n| (f, n)))
        .collect()
}

/// The records of a list, newest first.
pub fn records(model: &Model, f: Facet) -> &[u32] {
    let fc = &model.accountability.facets;
    match f {
        Facet::Year(y) => fc.year(model, y),
        Facet::Category(c) => fc.categories.get(c as usize).map_or(&[], Vec::as_slice),
        Facet::Handler(h) => model.links.handler_suggestions(h),
        Facet::Status(s) => fc.statuses.get(s as usize).map_or(&[], Vec::as_slice),
        Facet::Area(a) => fc.area(a),
    }
}

/// The list's folder below the root, without a trailing slash.
pub fn base(model: &Model, f: Facet) -> String {
    match f {
        Facet::Year(y) => format!("suggestions/year/{y}"),
        Facet::Category(c) => format!("suggestions/category/{}", category_slug(c as usize)),
        Facet::Handler(h) => format!("suggestions/handler/{}", model.handlers[h as usize].id),
        Facet::Status(s) => format!(
            "suggestions/status/{}",
            STATUSES.get(s as usize).copied().unwrap_or("overdue")
        ),
        Facet::Area(a) => format!("suggestions/area/{}", model.places.areas[a as usize].id),
    }
}

pub fn path(model: &Model, f: Facet, n: usize) -> String {
    urls::list_page(&base(model, f), n)
}

/// The list's title in the site's language.
pub fn title(model: &Model, strings: &Strings, f: Facet) -> String {
    let fill = |key: &str, v: &str| strings.get(key).replace("{v}", v);
    match f {
        Facet::Year(y) => fill("list_year", &y.to_string()),
        Facet::Category(c) => {
            let name = model.accountability.stats.categories.get(c as usize);
            fill("list_category", name.map_or("", |(n, _)| n.as_str()))
        }
        Facet::Handler(h) => fill("list_handler", &model.handlers[h as usize].name),
        Facet::Status(s) => strings
            .get(&format!(
                "list_status_{}",
                STATUSES.get(s as usize).copied().unwrap_or("overdue")
            ))
            .to_owned(),
        Facet::Area(a) => fill("list_area", &model.places.areas[a as usize].name),
    }
}

/// A link to a filtered list with its number of records.
#[derive(Debug, Serialize)]
pub struct FacetLink {
    pub label: String,
    /// For status lists: the status word (`overdue` included), for the theme's wording.
    pub status: Option<&'static str>,
    pub url: String,
    pub count: usize,
}

fn link(model: &Model, f: Facet, label: String) -> FacetLink {
    FacetLink {
        label,
        status: match f {
            Facet::Status(s) => STATUSES.get(s as usize).copied(),
            _ => None,
        },
        url: urls::section(&base(model, f)),
        count: records(model, f).len(),
    }
}

/// Ways to browse the records: every year, category, handler and status, and the areas of
/// the directory's first level.
#[derive(Debug, Serialize)]
pub struct Browse {
    pub years: Vec<FacetLink>,
    pub categories: Vec<FacetLink>,
    /// At most [`BROWSE_LINKS`] handlers (the ranking `/handlers/` lists them all) and
    /// places (`/areas/` lists them all), with the counts of the others.
    pub handlers: Vec<FacetLink>,
    pub handlers_more: usize,
    pub statuses: Vec<FacetLink>,
    pub areas: Vec<FacetLink>,
    pub areas_more: usize,
}

/// Links of one kind in the overview's "browse" section.
pub const BROWSE_LINKS: usize = 100;

/// `links` cut to [`BROWSE_LINKS`], and how many were cut.
fn first_links(mut links: Vec<FacetLink>) -> (Vec<FacetLink>, usize) {
    let more = links.len().saturating_sub(BROWSE_LINKS);
    links.truncate(BROWSE_LINKS);
    (links, more)
}

fn area_links(model: &Model, areas: &[u32]) -> Vec<FacetLink> {
    areas
        .iter()
        .filter(|&&a| !model.accountability.facets.area(a).is_empty())
        .map(|&a| {
            link(
                model,
                Facet::Area(a),
                model.places.areas[a as usize].name.clone(),
            )
        })
        .collect()
}

fn browse(model: &Model) -> Browse {
    let acc = &model.accountability;
    let (handlers, handlers_more) = first_links(
        acc.stats
            .handlers
            .iter()
            .map(|(h, _)| {
                link(
                    model,
                    Facet::Handler(h),
                    model.handlers[h as usize].name.clone(),
                )
            })
            .collect(),
    );
    let (areas, areas_more) = first_links(area_links(model, &super::people::directory(model).1));
    Browse {
        years: acc
            .facets
            .years
            .iter()
            .map(|(y, _)| link(model, Facet::Year(*y), y.to_string()))
            .collect(),
        categories: acc
            .stats
            .categories
            .iter()
            .enumerate()
            .map(|(i, (c, _))| link(model, Facet::Category(i as u32), c.clone()))
            .collect(),
        handlers,
        handlers_more,
        statuses: (0..STATUSES.len() as u8)
            .map(|s| link(model, Facet::Status(s), String::new()))
            .collect(),
        areas,
        areas_more,
    }
}

/// An overdue record with its deadline and how many days it is past it.
#[derive(Debug, Serialize)]
pub struct OverdueItem<'a> {
    pub card: SuggestionCard<'a>,
    pub deadline: String,
    pub days_over: i32,
}

/// The overdue records among `list`, longest overdue first, at most `limit`.
pub fn overdue<'a>(model: &'a Model, list: &[u32], limit: usize) -> Vec<OverdueItem<'a>> {
    let mut v: Vec<(jiff::civil::Date, u32)> = list
        .iter()
        .filter_map(|&s| {
            let d = &model.suggestions[s as usize].derived;
            d.deadline.filter(|_| d.overdue).map(|dl| (dl, s))
        })
        .collect();
    v.sort_unstable_by(|a, b| {
        (a.0, &model.suggestions[a.1 as usize].id).cmp(&(b.0, &model.suggestions[b.1 as usize].id))
    });
    v.into_iter()
        .take(limit)
        .map(|(dl, s)| OverdueItem {
            card: cards::suggestion(model, s),
            deadline: dl.to_string(),
            days_over: (model.as_of - dl).get_days(),
        })
        .collect()
}

/// Page `n` (1-based) of `list` as cards.
pub fn items<'a>(model: &'a Model, list: &[u32], n: usize) -> Vec<SuggestionCard<'a>> {
    list.iter()
        .skip((n - 1) * PER_PAGE)
        .take(PER_PAGE)
        .map(|&s| cards::suggestion(model, s))
        .collect()
}

/// A downloadable open-data file.
#[derive(Debug, Serialize)]
pub struct DataLink {
    pub url: &'static str,
    pub format: &'static str,
}

/// What the first page of `/suggestions/` shows above the list.
#[derive(Debug, Serialize)]
pub struct Overview<'a> {
    pub figures: FiguresView<'a>,
    pub charts: Vec<Chart>,
    pub overdue: Vec<OverdueItem<'a>>,
    pub overdue_total: usize,
    pub overdue_url: String,
    pub years: Vec<FigureRow<'a>>,
    pub categories: Vec<FigureRow<'a>>,
    /// At most [`figures::TABLE_ROWS`] places and stations (those with the most records);
    /// how many more have records.
    pub areas: Vec<FigureRow<'a>>,
    pub areas_more: usize,
    pub stations: Vec<FigureRow<'a>>,
    pub stations_more: usize,
    pub browse: Browse,
    pub data: Vec<DataLink>,
}

#[derive(Debug, Serialize)]
pub struct IndexPage<'a> {
    pub overview: Option<Overview<'a>>,
    pub items: Vec<SuggestionCard<'a>>,
    pub pager: Pager,
    pub total: usize,
}

/// Page `n` of `/suggestions/`.
pub fn index<'a>(model: &'a Model, strings: &Strings, n: usize) -> IndexPage<'a> {
    let all = &model.links.suggestions_newest;
    let overview = (n == 1).then(|| {
        let st = &model.accountability.stats;
        let overdue_list = records(model, Facet::Status(4));
        let mut stack: Vec<(String, &stats::Figures)> =
            st.years.iter().map(|(y, f)| (y.to_string(), f)).collect();
        stack.push((strings.get("all_records").to_owned(), &st.overall));
        let charts = [
            charts::handler_bars(
                model,
                strings,
                "chart-handlers",
                &super::handler_pages::ranked(model),
            ),
            Some(charts::outcome_stack(
                model,
                strings,
                "chart-outcomes",
                &stack,
            )),
            charts::monthly(strings, "chart-months", &st.overall.months),
        ];
        let (areas, areas_more) =
            figures::busiest(figures::by_area(model, &super::people::directory(model).1));
        let (stations, stations_more) = figures::busiest(figures::by_station(model));
        Overview {
            figures: figures::view(model, &st.overall),
            charts: charts.into_iter().flatten().collect(),
            overdue: overdue(model, overdue_list, PER_PAGE),
            overdue_total: overdue_list.len(),
            overdue_url: urls::section(&base(model, Facet::Status(4))),
            years: figures::by_year(model),
            categories: figures::by_category(model),
            areas,
            areas_more,
            stations,
            stations_more,
            browse: browse(model),
            data: data_links(),
        }
    });
    IndexPage {
        overview,
        items: items(model, all, n),
        pager: records::pager("suggestions", n, pages_of(all.len())),
        total: all.len(),
    }
}

/// The suggestion data as the overview links it: each file of `PATHS`, the records' CSV
/// and the figures each followed by its workbook.
fn data_links() -> Vec<DataLink> {
    let [_, csv, stats] = PATHS;
    let mut links = Vec::new();
    for &url in &PATHS {
        let format = if url == csv { "CSV" } else { "JSON" };
        links.push(DataLink { url, format });
        let workbook = match url {
            u if u == csv => Some("data/suggestions.xlsx"),
            u if u == stats => Some(crate::site::files::SUGGESTION_STATS_XLSX),
            _ => None,
        };
        if let Some(url) = workbook {
            links.push(DataLink {
                url,
                format: "Excel (XLSX)",
            });
        }
    }
    links
}

/// A filtered list's page.
#[derive(Debug, Serialize)]
pub struct FilteredPage<'a> {
    pub title: String,
    /// `year`, `category`, `handler`, `status` or `area`.
    pub kind: &'static str,
    pub figures: Option<FiguresView<'a>>,
    /// The handler's page, for a handler list.
    pub handler_url: Option<String>,
    /// For an area: its sub-areas with records.
    pub children: Vec<FacetLink>,
    pub items: Vec<SuggestionCard<'a>>,
    pub pager: Pager,
    pub total: usize,
}

pub fn filtered<'a>(model: &'a Model, strings: &Strings, f: Facet, n: usize) -> FilteredPage<'a> {
    let st = &model.accountability.stats;
    let list = records(model, f);
    let (kind, fig) = match f {
        Facet::Year(y) => ("year", st.years.iter().find(|(x, _)| *x == y).map(|p| &p.1)),
        Facet::Category(c) => ("category", st.categories.get(c as usize).map(|p| &p.1)),
        Facet::Handler(h) => ("handler", st.handlers.get(h)),
        Facet::Status(_) => ("status", None),
        Facet::Area(a) => ("area", st.areas.get(a)),
    };
    FilteredPage {
        title: title(model, strings, f),
        kind,
        figures: (n == 1)
            .then_some(fig)
            .flatten()
            .map(|f| figures::view(model, f)),
        handler_url: match f {
            Facet::Handler(h) => Some(urls::item("handlers", &model.handlers[h as usize].id)),
            _ => None,
        },
        children: match f {
            Facet::Area(a) if n == 1 => area_links(model, &model.places.areas[a as usize].children),
            _ => Vec::new(),
        },
        items: items(model, list, n),
        pager: records::pager(&base(model, f), n, pages_of(list.len())),
        total: list.len(),
    }
}
