//! The handler index, ranked by on-time reply rate, and each handler's page: its figures,
//! charts, overdue records and newest records (all of them are in its filtered list).

use serde::Serialize;

use super::cards::SuggestionCard;
use super::charts::{self, Chart};
use super::figures::{self, FiguresView};
use super::suggestion_pages::{Facet, OverdueItem, base, items, overdue};
use super::urls;
use crate::model::Model;
use crate::model::stats;
use crate::site::Strings;

/// Every handler, best on-time reply rate first; then more decided records first, then id.
/// Handlers with nothing decided yet come last.
pub fn ranked(model: &Model) -> Vec<u32> {
    let st = &model.accountability.stats.handlers;
    let key = |h: u32| {
        st.get(h)
            .map_or((0, 0), |f| (f.counts.on_time, f.counts.due))
    };
    let mut v: Vec<u32> = (0..model.handlers.len() as u32).collect();
    v.sort_by(|&a, &b| {
        let (ka, kb) = (key(a), key(b));
        stats::cmp_rate(kb, ka).then(kb.1.cmp(&ka.1)).then_with(|| {
            model.handlers[a as usize]
                .id
                .cmp(&model.handlers[b as usize].id)
        })
    });
    v
}

#[derive(Debug, Serialize)]
pub struct HandlerRank<'a> {
    /// Equal rates share a rank (1, 2, 2, 4); `None` with nothing decided yet.
    pub rank: Option<usize>,
    pub id: &'a str,
    pub name: &'a str,
    pub url: String,
    pub fig: FiguresView<'a>,
}

#[derive(Debug, Serialize)]
pub struct HandlerIndex<'a> {
    pub rows: Vec<HandlerRank<'a>>,
    pub chart: Option<Chart>,
    /// The ranking is split into pages of [`super::LIST_PAGE`] rows.
    pub pager: super::records::Pager,
}

/// Page `page` (from 1) of the handlers' ranking; the chart is on the first page.
pub fn handler_index<'a>(model: &'a Model, strings: &Strings, page: usize) -> HandlerIndex<'a> {
    let order = ranked(model);
    let st = &model.accountability.stats.handlers;
    let mut rows: Vec<HandlerRank<'a>> = Vec::with_capacity(order.len());
    let mut prev: Option<((u32, u32), usize)> = None;
    for (pos, &h) in order.iter().enumerate() {
        let fig = st.get(h);
        let c = fig.map(|f| f.counts).unwrap_or_default();
        let rank = (c.due > 0).then(|| match prev {
            Some((p, r)) if stats::cmp_rate(p, (c.on_time, c.due)).is_eq() => r,
            _ => pos + 1,
        });
        if let Some(r) = rank {
            prev = Some(((c.on_time, c.due), r));
        }
        let hd = &model.handlers[h as usize];
        rows.push(HandlerRank {
            rank,
            id: &hd.id,
            name: &hd.name,
            url: urls::item("handlers", &hd.id),
            fig: fig.map_or_else(|| figures::empty(model), |f| figures::view(model, f)),
        });
    }
    let pages = super::list_pages(rows.len());
    let rows = rows
        .into_iter()
        .skip((page - 1) * super::LIST_PAGE)
        .take(super::LIST_PAGE)
        .collect();
    HandlerIndex {
        rows,
        chart: if page == 1 {
            charts::handler_bars(model, strings, "chart-handlers", &order)
        } else {
            None
        },
        pager: super::records::pager("handlers", page, pages),
    }
}

#[derive(Debug, Serialize)]
pub struct HandlerPage<'a> {
    pub name: &'a str,
    pub figures: FiguresView<'a>,
    pub charts: Vec<Chart>,
    pub overdue: Vec<OverdueItem<'a>>,
    /// The newest records; all of them are in the handler's filtered list.
    pub suggestions: Vec<SuggestionCard<'a>>,
    pub total: usize,
    /// The handler's filtered list (when it has records).
    pub list_url: Option<String>,
}

pub fn handler<'a>(model: &'a Model, strings: &Strings, h: u32) -> HandlerPage<'a> {
    let hd = &model.handlers[h as usize];
    let list = model.links.handler_suggestions(h);
    let fig = model.accountability.stats.handlers.get(h);
    let mut charts = Vec::new();
    if let Some(f) = fig {
        let row = [(strings.get("all_records").to_owned(), f)];
        charts.push(charts::outcome_stack(
            model,
            strings,
            "chart-outcomes",
            &row,
        ));
        charts.extend(charts::monthly(strings, "chart-months", &f.months));
    }
    HandlerPage {
        name: &hd.name,
        figures: fig.map_or_else(|| figures::empty(model), |f| figures::view(model, f)),
        charts,
        overdue: overdue(model, list, usize::MAX),
        suggestions: items(model, list, 1),
        total: list.len(),
        list_url: (!list.is_empty()).then(|| urls::section(&base(model, Facet::Handler(h)))),
    }
}
