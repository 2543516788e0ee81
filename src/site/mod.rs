//! The site: every page to publish, as a list of jobs, and each job's typed context.
//!
//! [`jobs`] lists the pages (linear in the size of the model); [`render`] builds one job's
//! context from the model and renders it. Contexts borrow from the model and are dropped as
//! soon as the page is written, so memory does not grow with the number of pages.

pub mod calendar;
pub mod cards;
pub mod charts;
pub mod congress;
pub mod data_page;
pub mod deputy_record;
pub mod figures;
pub mod files;
pub mod groups;
pub mod handler_pages;
pub mod jsonld;
pub mod jsonld_people;
pub mod people;
pub mod poster;
pub mod receptions;
pub mod records;
pub mod report_backs;
pub mod search;
pub(crate) mod strings;
pub mod suggestion_pages;
pub use strings::{Painter, Strings, pick_plural};
pub mod urls;

use serde::Serialize;

use crate::model::Model;

/// Items per page of the paginated lists.
pub const PER_PAGE: usize = 30;

/// One page to publish.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Job {
    Home,
    AreaIndex,
    Area(u32),
    DeputyIndex,
    /// A level's own list of deputies (for levels too big for `/deputies/`), page n.
    LevelList(crate::vocab::Level, usize),
    Deputy(u32),
    StationIndex,
    /// Page n ≥ 2 of the area directory (page 1 is `AreaIndex`).
    AreaList(usize),
    /// Page n ≥ 2 of the liaison groups (page 1 is `GroupIndex`).
    GroupList(usize),
    /// Page n ≥ 2 of the list of stations (page 1 is `StationIndex`).
    StationList(usize),
    Station(u32),
    /// The printable A4 poster of a station.
    Poster(u32),
    Activities(usize),
    Activity(u32),
    Suggestions(usize),
    Suggestion(u32),
    /// Page `n` of a static filtered list of suggestions.
    SuggestionList(suggestion_pages::Facet, usize),
    HandlerIndex,
    /// Page n ≥ 2 of the handlers' ranking (page 1 is `HandlerIndex`).
    HandlerList(usize),
    Handler(u32),
    /// The liaison groups (`groups/`).
    GroupIndex,
    Group(u32),
    /// Who has reported back to voters this term (`report-backs/`).
    ReportBacks,
    /// Page n ≥ 2 of `/report-backs/`.
    ReportBackList(usize),
    Unit(u32),
    Page(u32),
    Calendar,
    /// The search page (`search/`).
    Search,
    /// The open-data downloads (`data/`).
    Data,
    NotFound,
}

/// Stations, handlers or groups per page of their lists: every list page stays far below the page
/// bound (250 KB) whatever the size of the site.
pub const LIST_PAGE: usize = 200;

/// The pages of a list of `n` stations, handlers or groups.
pub fn list_pages(n: usize) -> usize {
    n.div_ceil(LIST_PAGE).max(1)
}

fn pages_of(n: usize) -> usize {
    n.div_ceil(PER_PAGE).max(1)
}

/// Every page of the site, in a fixed order.
pub fn jobs(model: &Model) -> Vec<Job> {
    let mut v = vec![
        Job::Home,
        Job::AreaIndex,
        Job::DeputyIndex,
        Job::StationIndex,
        Job::HandlerIndex,
        Job::Calendar,
        Job::Search,
        Job::Data,
        Job::NotFound,
    ];
    v.extend((0..model.places.areas.len() as u32).map(Job::Area));
    v.extend((0..model.places.units.len() as u32).map(Job::Unit));
    v.extend((0..model.deputies.len() as u32).map(Job::Deputy));
    for &level in crate::vocab::Level::ALL {
        v.extend((1..=people::level_pages(model, level)).map(|n| Job::LevelList(level, n)));
    }
    v.extend((2..=people::area_pages(model).len()).map(Job::AreaList));
    v.extend((2..=list_pages(model.groups.list.len())).map(Job::GroupList));
    v.extend((2..=list_pages(model.stations.len())).map(Job::StationList));
    v.extend((2..=list_pages(model.handlers.len())).map(Job::HandlerList));
    v.extend((0..model.stations.len() as u32).map(Job::Station));
    v.extend((0..model.stations.len() as u32).map(Job::Poster));
    v.extend((1..=pages_of(model.activities.len())).map(Job::Activities));
    v.extend((0..model.activities.len() as u32).map(Job::Activity));
    v.extend((1..=pages_of(model.suggestions.len())).map(Job::Suggestions));
    v.extend((0..model.suggestions.len() as u32).map(Job::Suggestion));
    v.extend(
        suggestion_pages::pages(model)
            .into_iter()
            .map(|(f, n)| Job::SuggestionList(f, n)),
    );
    v.extend((0..model.handlers.len() as u32).map(Job::Handler));
    v.push(Job::GroupIndex);
    v.push(Job::ReportBacks);
    v.extend((2..=report_backs::page_count(model)).map(Job::ReportBackList));
    v.extend((0..model.groups.list.len() as u32).map(Job::Group));
    v.extend((0..model.pages.len() as u32).map(Job::Page));
    v
}

/// What every template gets besides its page: where the root is, this page's address and
/// title, and which section of the menu is current.
#[derive(Debug, Serialize)]
struct Ctx<'a, T: Serialize> {
    root: String,
    /// Site-relative pretty path of this page (`deputies/li-xiuying/`).
    path: &'a str,
    /// The output file of this page (`deputies/li-xiuying/index.html`): the same page in
    /// another language is that file under the other language's root.
    file: &'a str,
    canonical: String,
    title: &'a str,
    section: &'static str,
    page: T,
}

/// The output path of a job (relative, ending in `index.html` or `404.html`).
pub fn path(model: &Model, job: Job) -> String {
    match job {
        Job::Home => urls::home(),
        Job::AreaIndex => urls::section("areas"),
        Job::Area(a) => urls::item("areas", &model.places.areas[a as usize].id),
        Job::DeputyIndex => urls::section("deputies"),
        Job::LevelList(level, n) => urls::list_page(&format!("levels/{}", level.as_str()), n),
        Job::Deputy(d) => urls::item("deputies", &model.deputies[d as usize].id),
        Job::StationIndex => urls::section("stations"),
        Job::StationList(n) => urls::list_page("stations", n),
        Job::AreaList(n) => urls::list_page("areas", n),
        Job::GroupList(n) => urls::list_page("groups", n),
        Job::Station(s) => urls::item("stations", &model.stations[s as usize].id),
        Job::Poster(s) => format!(
            "stations/{}/poster/index.html",
            model.stations[s as usize].id
        ),
        Job::Activities(n) => urls::list_page("activities", n),
        Job::Activity(a) => urls::item("activities", &model.activities[a as usize].id),
        Job::Suggestions(n) => urls::list_page("suggestions", n),
        Job::Suggestion(s) => urls::item("suggestions", &model.suggestions[s as usize].id),
        Job::SuggestionList(f, n) => suggestion_pages::path(model, f, n),
        Job::HandlerIndex => urls::section("handlers"),
        Job::HandlerList(n) => urls::list_page("handlers", n),
        Job::Handler(h) => urls::item("handlers", &model.handlers[h as usize].id),
        Job::GroupIndex => urls::section("groups"),
        Job::ReportBacks => urls::section("report-backs"),
        Job::ReportBackList(n) => urls::list_page("report-backs", n),
        Job::Group(g) => urls::item("groups", &model.groups.list[g as usize].id),
        Job::Unit(u) => urls::item("units", &model.places.units[u as usize].id),
        Job::Page(p) => format!("{}/index.html", model.pages[p as usize].path),
        Job::Calendar => urls::section("calendar"),
        Job::Search => urls::section("search"),
        Job::Data => urls::section("data"),
        Job::NotFound => "404.html".to_owned(),
    }
}

/// Renders a page context inside the common [`Ctx`].
struct Out<'a, P: Painter> {
    model: &'a Model,
    painter: &'a P,
    path: &'a str,
    root: String,
}

impl<P: Painter> Out<'_, P> {
    fn go<T: Serialize>(
        &self,
        template: &str,
        title: &str,
        section: &'static str,
        page: T,
    ) -> Result<String, String> {
        let pretty = urls::pretty(self.path);
        let ctx = Ctx {
            root: self.root.clone(),
            path: pretty,
            file: self.path,
            canonical: format!("{}{}", self.model.config.base_url, pretty),
            title,
            section,
            page,
        };
        self.painter.paint(template, &ctx)
    }
}

/// Render one job: its output path and HTML.
///
/// `downloads` are the `/data/` files as the output stage wrote them (only the `/data/`
/// page shows them).
pub fn render<P: Painter>(
    model: &Model,
    r: &P,
    job: Job,
    downloads: &[files::Download],
) -> Result<(String, String), String> {
    let path = path(model, job);
    let t = r.strings();
    // The 404 page is served at any depth, so its links start from base_url (which
    // includes any sub-folder the site is hosted in).
    let root = if job == Job::NotFound {
        model.config.base_url.clone()
    } else {
        urls::root_of(&path)
    };
    let o = Out {
        model,
        painter: r,
        path: &path,
        root,
    };
    let html = match job {
        Job::Home => o.go(
            "home.html",
            &model.config.title,
            "home",
            jsonld::WithJsonLd {
                page: people::home(model),
                jsonld: jsonld::JsonLd::of(jsonld_people::home(model, t), r.only_fingerprints()),
            },
        ),
        Job::AreaIndex | Job::AreaList(_) => {
            let n = if let Job::AreaList(n) = job { n } else { 1 };
            o.go(
                "areas.html",
                t.get("areas"),
                "areas",
                people::area_directory(model, n),
            )
        }
        Job::Area(a) => o.go(
            "area.html",
            &model.places.areas[a as usize].name,
            "areas",
            people::area(model, a),
        ),
        Job::DeputyIndex => o.go(
            "deputies.html",
            t.get("deputies"),
            "deputies",
            people::deputy_index(model),
        ),
        Job::LevelList(level, n) => {
            let title = t.level_name(level);
            o.go(
                "level.html",
                &title,
                "deputies",
                people::level_list(model, level, n),
            )
        }
        Job::Deputy(d) => {
            // The body's Markdown stands for its HTML in a fingerprint: a page found
            // unchanged never renders it.
            let body = if r.only_fingerprints() {
                model.bodies.identity(d)?
            } else {
                model.bodies.html(d)?
            };
            o.go(
                "deputy.html",
                &model.deputies[d as usize].name,
                "deputies",
                jsonld::WithJsonLd {
                    page: deputy_record::WithRecord {
                        page: people::deputy(model, d, &body),
                        record: deputy_record::record(model, d),
                    },
                    jsonld: jsonld::JsonLd::of(
                        jsonld_people::deputy(model, t, d),
                        r.only_fingerprints(),
                    ),
                },
            )
        }
        Job::Unit(u) => o.go(
            "unit.html",
            &model.places.units[u as usize].name,
            "deputies",
            people::unit(model, u),
        ),
        Job::StationIndex | Job::StationList(_) => {
            let n = if let Job::StationList(n) = job { n } else { 1 };
            let items: Vec<_> = (0..model.stations.len() as u32)
                .skip((n - 1) * LIST_PAGE)
                .take(LIST_PAGE)
                .map(|s| cards::station(model, s))
                .collect();
            let page = records::ListPage {
                items,
                pager: records::pager("stations", n, list_pages(model.stations.len())),
                total: model.stations.len(),
            };
            o.go("stations.html", t.get("stations"), "stations", page)
        }
        Job::Station(s) => o.go(
            "station.html",
            &model.stations[s as usize].name,
            "stations",
            jsonld::WithJsonLd {
                page: records::station(model, t, s),
                jsonld: jsonld::JsonLd::of(jsonld::station(model, t, s), r.only_fingerprints()),
            },
        ),
        Job::Poster(s) => o.go(
            "poster.html",
            &model.stations[s as usize].name,
            "stations",
            poster::poster(model, t, s, r.only_fingerprints()),
        ),
        Job::Activities(n) => {
            let items: Vec<_> = model
                .links
                .activities_newest
                .iter()
                .skip((n - 1) * PER_PAGE)
                .take(PER_PAGE)
                .map(|&a| cards::activity(model, a))
                .collect();
            let page = records::ListPage {
                items,
                pager: records::pager("activities", n, pages_of(model.activities.len())),
                total: model.activities.len(),
            };
            o.go("activities.html", t.get("activities"), "activities", page)
        }
        Job::Activity(a) => o.go(
            "activity.html",
            &model.activities[a as usize].title,
            "activities",
            jsonld::WithJsonLd {
                page: records::activity(model, a),
                jsonld: jsonld::JsonLd::of(
                    jsonld_people::activity(model, t, a),
                    r.only_fingerprints(),
                ),
            },
        ),
        Job::Suggestions(n) => o.go(
            "suggestions.html",
            t.get("suggestions"),
            "suggestions",
            suggestion_pages::index(model, t, n),
        ),
        Job::Suggestion(s) => {
            let title = format!(
                "{} {}",
                t.get("suggestion"),
                model.suggestions[s as usize].id
            );
            o.go(
                "suggestion.html",
                &title,
                "suggestions",
                records::suggestion(model, s),
            )
        }
        Job::SuggestionList(f, n) => {
            let page = suggestion_pages::filtered(model, t, f, n);
            let title = page.title.clone();
            o.go("suggestion_list.html", &title, "suggestions", page)
        }
        Job::HandlerIndex | Job::HandlerList(_) => {
            let n = if let Job::HandlerList(n) = job { n } else { 1 };
            o.go(
                "handlers.html",
                t.get("handlers"),
                "suggestions",
                handler_pages::handler_index(model, t, n),
            )
        }
        Job::Handler(h) => o.go(
            "handler.html",
            &model.handlers[h as usize].name,
            "suggestions",
            handler_pages::handler(model, t, h),
        ),
        Job::GroupIndex | Job::GroupList(_) => {
            let n = if let Job::GroupList(n) = job { n } else { 1 };
            o.go(
                "groups.html",
                t.get("groups"),
                "deputies",
                groups::index(model, n),
            )
        }
        Job::Group(g) => o.go(
            "group.html",
            &model.groups.list[g as usize].name,
            "deputies",
            groups::page(model, t, g),
        ),
        Job::ReportBacks | Job::ReportBackList(_) => {
            let n = if let Job::ReportBackList(n) = job {
                n
            } else {
                1
            };
            o.go(
                "report_backs.html",
                t.get("report_backs"),
                "deputies",
                report_backs::page(model, t, n),
            )
        }
        Job::Page(p) => {
            let pg = &model.pages[p as usize];
            o.go(
                "page.html",
                &pg.title,
                "page",
                records::FreePage {
                    title: &pg.title,
                    body: &pg.body_html,
                },
            )
        }
        Job::Calendar => o.go(
            "calendar.html",
            t.get("calendar"),
            "calendar",
            calendar::calendar(model),
        ),
        Job::Search => o.go(
            "search.html",
            t.get("search"),
            "search",
            search::page::context(model),
        ),
        Job::Data => o.go(
            "data.html",
            t.get("data_title"),
            "data",
            data_page::context(model, downloads),
        ),
        Job::NotFound => o.go("404.html", t.get("not_found"), "404", ()),
    }?;
    Ok((path, html))
}
