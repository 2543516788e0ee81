//! The model: validated content with every reference resolved to an index.
//!
//! [`build`] takes the raw [`Sources`] and converts them once: ids are checked and indexed
//! first, so references may point anywhere in the site; then every kind is validated (in
//! parallel where items are many), Markdown bodies are rendered, and the cross-references
//! later pages need (who represents an area, a deputy's activities …) are filed in [`Links`].
//! Every problem of every file is collected; a model is only returned when there is none.
//! Given the sources ([`build_reading`]: `check` and `build`), each raw item is dropped as
//! soon as it is converted, and the deputies are read as they are converted
//! ([`intake`]), so the raw sources and the model never coexist in full; lent
//! ([`build_from`]: `serve`, which keeps them), they are only read.

pub mod accountability;
pub mod activities;
pub mod areas;
pub mod bodies;
pub mod check;
pub mod config;
pub mod deputies;
pub mod facets;
pub mod groups;
pub mod guard;
pub mod handlers;
pub(crate) mod intake;
pub mod links;
pub mod order;
pub mod pages;
pub mod record;
pub mod represent;
pub mod schedules;
pub mod stations;
pub mod stats;
pub mod strings;
pub mod suggestions;
pub mod terms;
pub mod translations;

use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::Arc;

use jiff::civil::Date;
use rayon::prelude::*;

use crate::diag::{Diagnostic, Diagnostics, Span};
use crate::markdown;
use crate::schedule::Holidays;
use crate::sources::{Broken, Doc, Item, Origin, Sources, StaticFile, raw};
pub use activities::Activity;
pub use areas::{Area, Constituency, Places, Unit};
use check::{Checker, Index};
pub use config::Config;
pub use deputies::{Deputy, Seat};
pub use groups::{Group, Groups};
pub use handlers::Handler;
pub use links::{Links, Namesake};
pub use pages::Page;
pub use stations::Station;
pub use suggestions::Suggestion;

/// A whole validated site.
#[derive(Debug)]
pub struct Model {
    pub root: PathBuf,
    pub config: Config,
    pub as_of: Date,
    pub places: Places,
    pub handlers: Vec<Handler>,
    pub deputies: Vec<Deputy>,
    /// The deputies' bodies as Markdown (or a translation's HTML), by deputy ([`bodies`]: on
    /// disk in a built site; each rendered with its page).
    pub bodies: bodies::Bodies,
    /// Liaison groups (groups.yaml and the deputies' `group:` names).
    pub groups: Groups,
    pub stations: Vec<Station>,
    pub activities: Vec<Activity>,
    pub suggestions: Vec<Suggestion>,
    pub pages: Vec<Page>,
    pub statics: Vec<StaticFile>,
    pub holidays: Holidays,
    pub links: Links,
    pub schedules: schedules::Schedules,
    /// Suggestion figures, filtered lists and past receptions (after everything else).
    pub accountability: accountability::Accountability,
    /// Texts given in the site's other languages ([`Model::localize`]).
    pub translations: translations::Translations,
}

/// Validate `sources` as of `as_of`. On success the warnings come back with the model.
/// The sources are consumed: each raw item is dropped as soon as it is converted.
pub fn build(sources: Sources, as_of: Date) -> Result<(Model, Diagnostics), Diagnostics> {
    build_partial_owned(sources, &Broken::default(), as_of)
}

/// [`build`] from borrowed sources, which the caller keeps (`serve` re-reads only the
/// files that changed and builds the model again from all of them).
pub fn build_from(sources: &Sources, as_of: Date) -> Result<(Model, Diagnostics), Diagnostics> {
    build_partial(sources, &Broken::default(), as_of)
}

/// Validate what could be parsed of a site (see [`crate::sources::load_partial`]): every
/// mistake is reported, but references to what is `broken` are not reported again, and no
/// model is returned while anything is broken.
pub fn build_partial(
    sources: &Sources,
    broken: &Broken,
    as_of: Date,
) -> Result<(Model, Diagnostics), Diagnostics> {
    convert(
        Held::Lent(sources),
        broken.clone(),
        &mut Diagnostics::new(),
        as_of,
    )
}

/// [`build_partial`], consuming the sources: the raw deputies, activities, pages and
/// suggestions are dropped one by one as they are converted, and the rest once the model
/// no longer needs them, so the raw sources and the model never coexist in full (the peak
/// memory of a build, issue 21). What it finds is the same as [`build_partial`]'s.
/// Sources with their deputies unread ([`crate::sources::load_unread`]) may be given too:
/// the problems of reading them are then among those returned.
pub fn build_partial_owned(
    sources: Sources,
    broken: &Broken,
    as_of: Date,
) -> Result<(Model, Diagnostics), Diagnostics> {
    let mut loading = Diagnostics::new();
    match build_reading(sources, broken.clone(), &mut loading, as_of) {
        Ok((model, mut found)) => {
            found.extend(loading);
            Ok((model, found))
        }
        Err(mut found) => {
            found.extend(loading);
            Err(found)
        }
    }
}

/// [`build_partial_owned`] of sources whose deputies may not have been read yet
/// ([`crate::sources::load_unread`]: `build` and `check`): each deputy file is read,
/// parsed, converted and dropped in one go, so no list of raw deputies is ever made (the
/// national build's peak, issue 21). The problems of reading them go to `loading`, and
/// each file that could not be parsed to the `broken` this model is judged by.
pub fn build_reading(
    sources: Sources,
    broken: Broken,
    loading: &mut Diagnostics,
    as_of: Date,
) -> Result<(Model, Diagnostics), Diagnostics> {
    convert(Held::Given(Box::new(sources)), broken, loading, as_of)
}

/// The sources being converted: lent by a caller who keeps them, or given to be dropped
/// as they are converted.
enum Held<'a> {
    Lent(&'a Sources),
    Given(Box<Sources>),
}

impl Held<'_> {
    fn get(&self) -> &Sources {
        match self {
            Held::Lent(s) => s,
            Held::Given(s) => s,
        }
    }
}

/// The raw items of one kind: lent (kept by the caller) or given (each dropped once
/// converted).
enum Raw<'a, T> {
    Lent(&'a [T]),
    Given(Vec<T>),
}

impl<T> Raw<'_, T> {
    fn as_slice(&self) -> &[T] {
        match self {
            Raw::Lent(items) => items,
            Raw::Given(items) => items,
        }
    }
}

/// The items of the kind `$field` of `$held`: borrowed when lent, taken out (leaving the
/// sources without them) when given.
macro_rules! take_raw {
    ($held:expr, $field:ident) => {
        match &mut $held {
            Held::Lent(s) => {
                let s: &Sources = *s;
                Raw::Lent(&s.$field[..])
            }
            Held::Given(s) => Raw::Given(std::mem::take(&mut s.$field)),
        }
    };
}

fn convert(
    mut held: Held<'_>,
    mut broken: Broken,
    loading: &mut Diagnostics,
    as_of: Date,
) -> Result<(Model, Diagnostics), Diagnostics> {
    let raw_deputies = match &mut held {
        Held::Lent(s) => {
            let s: &Sources = s;
            intake::Deputies::Lent(&s.deputies)
        }
        Held::Given(s) => match s.unread_deputies.take() {
            Some(listed) => intake::Deputies::Unread(listed),
            None => intake::Deputies::Given(std::mem::take(&mut s.deputies)),
        },
    };
    let sources = held.get();
    let mut diags = Diagnostics::new();
    let site_origin = sources.site.origin.clone();
    let mut ck = Checker::new(&site_origin);
    let config = config::validate(&sources.site, &mut ck);
    diags.extend(ck.diags.into_iter().collect());

    let areas_origin = sources
        .areas
        .as_ref()
        .map(|d| d.origin.clone())
        .unwrap_or_else(|| site_origin.clone());
    let first = config.languages[0];
    let mut ck = Checker::in_language(&areas_origin, &config.languages);
    let mut places = areas::validate(sources.areas.as_ref(), &mut ck);
    places.area_index.incomplete = broken.areas;
    places.constituency_index.incomplete = broken.areas;
    places.unit_index.incomplete = broken.areas;
    diags.extend(ck.diags.into_iter().collect());

    let handlers_origin = sources
        .handlers
        .as_ref()
        .map(|d| d.origin.clone())
        .unwrap_or_else(|| site_origin.clone());
    let mut ck = Checker::in_language(&handlers_origin, &config.languages);
    let (handlers, mut handler_index) = handlers::validate(sources.handlers.as_ref(), &mut ck);
    handler_index.incomplete = broken.handlers;
    diags.extend(ck.diags.into_iter().collect());

    let mut deputy_index = ids_index(
        raw_deputies.len(),
        |i| raw_deputies.id(i),
        |i| raw_deputies.origin(i),
        "deputy",
        "deputies/<id>.md",
        &mut diags,
    );
    let mut station_index = item_index(
        &sources.stations,
        "station",
        "stations/<id>.md",
        |i| i.id.clone(),
        &mut diags,
    );
    for (i, s) in sources.stations.iter().enumerate() {
        station_index.insert_name(s.raw.name.value.main(first), &s.id, i as u32);
    }
    // Before the deputies are checked against it: a deputy's station that did not parse
    // is not reported again.
    station_index.incomplete |= broken.folders.contains(&"stations");
    for (folder, id) in &broken.items {
        if *folder == "stations" {
            station_index.insert_broken(id);
        }
    }
    let statics: HashSet<String> = sources.statics.iter().map(|s| s.rel.clone()).collect();

    // The deputies are converted first, each raw deputy dropped (or, unread, read) as it
    // is converted, with what the checks of every deputy need of it kept beside it.
    let deputy_refs = deputies::Refs {
        places: &places,
        stations: &station_index,
        statics: &statics,
        terms: &config.terms,
    };
    let intake::Intake {
        results,
        kept,
        bodies,
        unkept,
        allowed: allowed_deputies,
        translated: translated_deputies,
    } = intake::convert(
        raw_deputies,
        &deputy_refs,
        &config,
        &mut deputy_index,
        loading,
        &mut broken,
    );
    let deputy_count = results.len();
    diags.extend(unkept.into_iter().collect());
    let activity_index = item_index(
        &sources.activities,
        "activity",
        "activities/**/<id>.md",
        |i| leaf(&i.id),
        &mut diags,
    );
    // The deputies' files that did not parse are known once all are read.
    deputy_index.incomplete |= broken.folders.contains(&"deputies");
    for (folder, id) in &broken.items {
        if *folder == "deputies" {
            deputy_index.insert_broken(id);
        }
    }
    let mut suggestion_index = Index::new("suggestion", "the `id:` of a record in suggestions/");
    suggestion_index.incomplete = broken.suggestions;
    for (i, s) in sources.suggestions.iter().enumerate() {
        if !suggestion_index.insert(s.raw.id.value.as_str(), i as u32) {
            diags.push(
                Diagnostic::error(
                    s.origin.at(&s.raw.id),
                    format!("the suggestion id `{}` is used twice", s.raw.id.value),
                )
                .hint("give every record its own id, e.g. the year and a number: 2025-017"),
            );
        }
    }
    drop(activity_index);

    let groups_origin = sources
        .groups
        .as_ref()
        .map(|d| d.origin.clone())
        .unwrap_or_else(|| site_origin.clone());
    let mut ck = Checker::in_language(&groups_origin, &config.languages);
    let mut groups = groups::validate(
        sources.groups.as_ref(),
        deputy_count,
        kept.iter().enumerate().filter_map(|(i, k)| {
            let (origin, group) = k.as_ref()?.group()?;
            Some((i as u32, origin, group))
        }),
        &groups::Refs {
            deputies: &deputy_index,
            stations: &station_index,
            places: &places,
            incomplete: broken.groups,
        },
        &mut ck,
        &mut diags,
    );
    diags.extend(ck.diags.into_iter().collect());

    // What reads the other raw items as a whole is done before they are converted (and,
    // given, dropped); the deputies' part of it was filed as each was converted. Its
    // findings join the others at their usual place.
    let mut later = Diagnostics::new();
    let translations = translations::collect(sources, translated_deputies, first, &mut later);
    let holidays = holidays(sources, &mut later);
    // The office's published number is published on purpose.
    let mut allowed = config.privacy_allow.clone();
    allowed.extend(config.office_phone.clone());
    let allow = guard::allow_others(sources, &allowed, allowed_deputies);
    later.extend(guard::scan(sources, &allow).into_iter().collect());
    drop(allow);
    // Where each deputy's file starts, for the warnings of [`unreachable_deputies`].
    let deputy_origins: Vec<Origin> = match config.office_phone {
        None => kept.into_iter().filter_map(intake::Kept::origin).collect(),
        Some(_) => Vec::new(),
    };
    let root = sources.root.clone();
    let static_files = sources.statics.clone();
    let groups_file = sources.groups.is_some() || broken.groups;

    let raw_stations = take_raw!(held, stations);
    let raw_activities = take_raw!(held, activities);
    let raw_pages = take_raw!(held, pages);
    let raw_suggestions = take_raw!(held, suggestions);
    // Given, the rest (site.yaml, areas, handlers, groups, holidays) is no longer needed.
    drop(held);

    let deputies = collect(results, &mut diags);
    // One body a deputy, in order: a deputy dropped without an error would shift them.
    debug_assert!(diags.has_errors() || !broken.is_empty() || bodies.len() == deputies.len());
    let stations = validate_items(
        Raw::Lent(raw_stations.as_slice()),
        &config.languages,
        &mut diags,
        |item, ck| stations::validate(item, &places, &deputy_index, ck),
    );
    let activity_refs = activities::Refs {
        deputies: &deputy_index,
        stations: &station_index,
        areas: &places.area_index,
        suggestions: &suggestion_index,
        groups: &groups.index,
        groups_file,
        categories: &config.evaluation_categories,
    };
    let activities = validate_items(raw_activities, &config.languages, &mut diags, |item, ck| {
        activities::validate(item, &activity_refs, as_of, ck)
    });
    let pages = validate_items(raw_pages, &config.languages, &mut diags, |item, ck| {
        pages::validate(item, ck)
    });
    let suggestion_refs = suggestions::Refs {
        deputies: &deputy_index,
        stations: &station_index,
        areas: &places.area_index,
        handlers: &handler_index,
    };
    // Each record with, if it was received after the as-of date, where.
    type Future = Option<(Span, Arc<std::path::Path>)>;
    let one = |doc: &Doc<raw::RawSuggestion>| -> (Option<Suggestion>, Vec<Diagnostic>, Future) {
        let mut ck = Checker::new(&doc.origin);
        let s = suggestions::validate(doc, &suggestion_refs, &config, as_of, &mut ck);
        let future = s.as_ref().filter(|s| s.received > as_of).map(|_| {
            (
                doc.origin.at(&doc.raw.received),
                Arc::clone(&doc.origin.file),
            )
        });
        (s, ck.diags, future)
    };
    let results: Vec<(Option<Suggestion>, Vec<Diagnostic>, Future)> = match raw_suggestions {
        Raw::Lent(docs) => docs.par_iter().map(one).collect(),
        Raw::Given(docs) => docs.into_par_iter().map(|doc| one(&doc)).collect(),
    };
    let mut future = Vec::new();
    let results: Vec<(Option<Suggestion>, Vec<Diagnostic>)> = results
        .into_iter()
        .map(|(s, ds, f)| {
            future.extend(f);
            (s, ds)
        })
        .collect();
    future_records(&future, as_of, &mut diags);
    let suggestions = collect(results, &mut diags);
    diags.extend(later);

    // What is broken is missing: the model is incomplete even without errors of its own.
    if diags.has_errors() || !broken.is_empty() {
        return Err(diags);
    }
    let mut deputies = deputies;
    for (d, rank) in order::ranks(&deputies, config.order)
        .into_iter()
        .enumerate()
    {
        deputies[d].order = rank;
    }
    let raws: Vec<_> = raw_stations
        .as_slice()
        .iter()
        .map(|i| (&i.origin, &*i.raw))
        .collect();
    // The links and the receptions side by side: each is one thread's work over the whole
    // model, and little else runs while they are made.
    let (links, schedules) = rayon::join(
        || Links::new(&places, &deputies, &stations, &activities, &suggestions),
        || {
            schedules::expand(
                &config,
                &holidays,
                as_of,
                &stations,
                &raws,
                deputies.len(),
                &mut diags,
            )
        },
    );
    groups.file(
        &links.activities_newest,
        &activities,
        &stations,
        places.areas.len(),
    );
    drop(raws);
    drop(raw_stations);
    let mut model = Model {
        root,
        config,
        as_of,
        places,
        handlers,
        deputies,
        bodies,
        groups,
        stations,
        activities,
        suggestions,
        pages,
        statics: static_files,
        holidays,
        links,
        schedules,
        accountability: Default::default(),
        translations,
    };
    let (accountability, ()) = rayon::join(
        || accountability::Accountability::compute(&model),
        || unreachable_deputies(&model, &deputy_origins, &mut diags),
    );
    model.accountability = accountability;
    Ok((model, diags))
}

/// A warning for each serving deputy whose contact card would have no phone or email: no
/// channel of their own, no station with a phone, and no `office_phone` in site.yaml.
/// `origins`: where each deputy's file starts, in the order of `model.deputies` (a model
/// is only made when every deputy converted).
fn unreachable_deputies(model: &Model, origins: &[Origin], diags: &mut Diagnostics) {
    if model.config.office_phone.is_some() || origins.len() != model.deputies.len() {
        return;
    }
    for (dep, origin) in model.deputies.iter().zip(origins) {
        use crate::vocab::ContactKind as K;
        // An "other" channel counts when it starts with a phone number (as the card's TEL).
        let leading_digits = |v: &str| {
            v.trim()
                .chars()
                .take_while(|c| c.is_ascii_digit() || matches!(c, '+' | '-' | ' ' | '(' | ')'))
                .filter(char::is_ascii_digit)
                .count()
        };
        let own = dep.contacts.iter().any(|c| match c.kind {
            K::Phone | K::Mobile | K::Email => true,
            K::Other => leading_digits(&c.value) >= 7,
            _ => false,
        });
        let station = dep
            .stations
            .iter()
            .any(|&s| model.stations[s as usize].phone.is_some());
        if dep.is_active() && !own && !station {
            diags.push(
                Diagnostic::warning(origin.start(), format!("residents have no way to reach {}: no phone or email of their own and no station with a phone", dep.name))
                    .hint("add `office_phone:` to site.yaml (the congress office's published number), or a station or a contact for this deputy"),
            );
        }
    }
}

fn leaf(id: &str) -> String {
    id.rsplit('/').next().unwrap_or(id).to_owned()
}

fn item_index<T>(
    items: &[Item<T>],
    noun: &'static str,
    home: &'static str,
    id: impl Fn(&Item<T>) -> String,
    diags: &mut Diagnostics,
) -> Index {
    ids_index(
        items.len(),
        |i| std::borrow::Cow::Owned(id(&items[i])),
        |i| items[i].origin.clone(),
        noun,
        home,
        diags,
    )
}

/// The index of `count` items by the ids `id` gives, with an error for each id used
/// twice (at the item `origin` gives, naming the first).
fn ids_index<'a>(
    count: usize,
    id: impl Fn(usize) -> std::borrow::Cow<'a, str>,
    origin: impl Fn(usize) -> Origin,
    noun: &'static str,
    home: &'static str,
    diags: &mut Diagnostics,
) -> Index {
    let mut index = Index::new(noun, home);
    for i in 0..count {
        let key = id(i);
        if !index.insert(&key, i as u32) {
            let first = (0..i)
                .find(|&o| id(o) == key)
                .map(|o| {
                    let o = origin(o);
                    match o.row {
                        Some(_) => o.start().to_string(),
                        None => o.file.display().to_string(),
                    }
                })
                .unwrap_or_default();
            let origin = origin(i);
            let (span, hint) = match origin.row {
                Some(_) => (
                    origin.start(),
                    "ids are the ID column of a spreadsheet (or file names) and must be unique: change one of the two",
                ),
                None => (
                    Span::file(&origin.file),
                    "ids are file names and must be unique: rename one of the two files",
                ),
            };
            diags.push(
                Diagnostic::error(
                    span,
                    format!("the {noun} id `{key}` is used twice (also {first})"),
                )
                .hint(hint),
            );
        }
    }
    index
}

/// An item with a Markdown body, which it is given once validated ([`convert_item`]).
pub(crate) trait HasBody {
    /// Give the item its body, the Markdown `text` (within the limits: [`markdown::limits`]).
    fn set_body(&mut self, text: &str);
}

macro_rules! has_body {
    ($($t:ty),*) => { $(impl HasBody for $t {
        fn set_body(&mut self, text: &str) { self.body_html = markdown::render(text); }
    })* };
}
has_body!(Station, Activity, Page);

/// A deputy keeps its body as Markdown: only the deputy's own page shows it, and it is
/// rendered when that page is ([`bodies::Bodies::html`]), so a build that finds the page
/// unchanged by its fingerprint never renders it (at 100,000 deputies, a quarter of a
/// second of a one-edit build's CPU).
impl HasBody for Deputy {
    fn set_body(&mut self, text: &str) {
        self.body_markdown = text.to_owned();
    }
}

fn validate_items<R: Sync + Send, T: HasBody + Send>(
    items: Raw<'_, Item<R>>,
    languages: &[crate::vocab::Language],
    diags: &mut Diagnostics,
    f: impl Fn(&Item<R>, &mut Checker<'_>) -> Option<T> + Sync,
) -> Vec<T> {
    let one = |item: &Item<R>| convert_item(item, languages, &f);
    // Given items are dropped as soon as each is converted.
    let results: Vec<(Option<T>, Vec<Diagnostic>)> = match items {
        Raw::Lent(items) => items.par_iter().map(one).collect(),
        Raw::Given(items) => items.into_par_iter().map(|item| one(&item)).collect(),
    };
    collect(results, diags)
}

/// Validate one item with `f`, check its Markdown body and give it to the item
/// ([`HasBody`]): the item (`None` when it has errors `f` could not get past) and its
/// problems.
pub(crate) fn convert_item<R, T: HasBody>(
    item: &Item<R>,
    languages: &[crate::vocab::Language],
    f: impl Fn(&Item<R>, &mut Checker<'_>) -> Option<T>,
) -> (Option<T>, Vec<Diagnostic>) {
    let mut ck = Checker::in_language(&item.origin, languages);
    let mut out = f(item, &mut ck);
    if let Some(v) = out.as_mut() {
        // A body over the limits is never handed to the renderers (their parsers
        // recurse): the error stops the build.
        if let Some(d) = markdown::limits(
            &item.body.text,
            item.body.line,
            &item.body.cells,
            &item.origin,
        ) {
            ck.diags.push(d);
            return (out, ck.diags);
        }
        v.set_body(&item.body.text);
        ck.diags.extend(markdown::lint(
            &item.body.text,
            item.body.line,
            &item.body.cells,
            &item.origin,
        ));
    }
    (out, ck.diags)
}

/// One warning per file for the suggestion records received after the as-of date, at the
/// first of them: they are listed, but no figure counts them (they have not happened yet).
fn future_records(future: &[(Span, Arc<std::path::Path>)], as_of: Date, diags: &mut Diagnostics) {
    let mut files: Vec<(&std::path::Path, &Span, usize)> = Vec::new();
    for (span, file) in future {
        match files.iter_mut().find(|(f, _, _)| *f == &**file) {
            Some(x) => x.2 += 1,
            None => files.push((&**file, span, 1)),
        }
    }
    for (_, span, n) in files {
        diags.push(
            Diagnostic::warning(
                span.clone(),
                format!("{n} record(s) of this file were received after the as-of date {as_of}: they are listed but not counted in any figure"),
            )
            .hint("check the `received` dates for typos (the year?), or build with a later --as-of"),
        );
    }
}

fn collect<T>(results: Vec<(Option<T>, Vec<Diagnostic>)>, diags: &mut Diagnostics) -> Vec<T> {
    diags.take_values(results, |_, _| {})
}

fn holidays(sources: &Sources, diags: &mut Diagnostics) -> Holidays {
    let mut h = Holidays::official();
    if let Some(doc) = &sources.holidays {
        let mut ck = Checker::new(&doc.origin);
        for day in &doc.raw {
            if let Some(date) = ck.date(&day.date) {
                h.with_override(date, day.off, day.name.as_ref().map(|n| n.0.clone()));
            }
        }
        diags.extend(ck.diags.into_iter().collect());
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The validated items of a model, as text (the indexes' hash maps left out: their
    /// order is not the same from one run to the next).
    fn items(m: &Model) -> String {
        format!(
            "{:?}",
            (
                &m.deputies,
                &m.stations,
                &m.activities,
                &m.suggestions,
                &m.pages,
                &m.links.deputy_activities,
                &m.links.station_deputies,
                &m.links.deputies_by_level,
                &m.groups.list,
                &m.groups.of_deputy,
            )
        )
    }

    fn found(d: &Diagnostics) -> Vec<String> {
        d.clone()
            .sorted()
            .iter()
            .map(|d| format!("{d:?}"))
            .collect()
    }

    /// What `check` and `build` report: validation's findings but those on a line that did
    /// not parse, and the problems of loading (as `pipeline::load` puts them together).
    fn reported(validation: &Diagnostics, loading: &Diagnostics) -> Vec<String> {
        let mut all = validation.clone().without_lines_of(loading);
        all.extend(loading.clone());
        found(&all)
    }

    /// The sources given to the model (and dropped as converted), and the sources whose
    /// deputies the model reads itself (`build` and `check`), give the same model and the
    /// same findings as the sources lent (kept by `serve`), on a valid site, a site with a
    /// mistake of every kind and a site read from spreadsheets.
    #[test]
    fn a_given_build_finds_and_makes_what_a_lent_one_does() {
        let as_of = Date::constant(2026, 6, 1);
        for case in [
            "valid",
            "ten-mistakes",
            "hostile",
            "sheets",
            "sheets-errors",
            "sheets-yaml",
            "rosters",
            "translated",
            "first-friday",
            "suggestions-outcomes",
        ] {
            let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("tests/cases")
                .join(case);
            let (lent, broken, loaded) =
                crate::sources::load_partial(&root).expect("site.yaml reads");
            let (given, broken_too, _) =
                crate::sources::load_partial(&root).expect("site.yaml reads");
            let (unread, broken_unread, mut loading) =
                crate::sources::load_unread(&root).expect("site.yaml reads");
            assert!(unread.deputies.is_empty() && unread.unread_deputies.is_some());
            let kept = build_partial(&lent, &broken, as_of);
            let dropped = build_partial_owned(given, &broken_too, as_of);
            let read = build_reading(unread, broken_unread, &mut loading, as_of);
            let no_loading = Diagnostics::new();
            for (how, other, other_loading) in
                [("given", dropped, &no_loading), ("read", read, &loading)]
            {
                let (lent_loading, other_loading) = match how {
                    "given" => (&no_loading, other_loading),
                    _ => (&loaded, other_loading),
                };
                match (&kept, other) {
                    (Ok((a, da)), Ok((b, db))) => {
                        assert_eq!(items(a), items(&b), "{case}, {how}: the models differ");
                        assert!(a.bodies == b.bodies, "{case}, {how}: the bodies differ");
                        assert_eq!(a.bodies.len(), a.deputies.len(), "{case}");
                        // Read from their files, the bodies wait on disk.
                        assert_eq!(b.bodies.on_disk(), how == "read", "{case}, {how}");
                        if case == "valid" {
                            assert!(
                                (0..a.bodies.len() as u32)
                                    .any(|i| a.bodies.html(i).is_ok_and(|b| b.contains("<p>"))),
                                "{case}: a deputy has a body"
                            );
                        }
                        assert_eq!(
                            reported(da, lent_loading),
                            reported(&db, other_loading),
                            "{case}, {how}: the warnings differ"
                        );
                    }
                    (Err(da), Err(db)) => {
                        assert!(da.has_errors() || !broken.is_empty(), "{case}");
                        assert_eq!(
                            reported(da, lent_loading),
                            reported(&db, other_loading),
                            "{case}, {how}: the findings differ"
                        );
                    }
                    (a, b) => panic!(
                        "{case}, {how}: one build failed, the other not: {:?} / {:?}",
                        a.is_ok(),
                        b.is_ok()
                    ),
                }
            }
        }
    }

    /// A copy of the test case `case` in a new temporary folder.
    fn copy_of(case: &str) -> tempfile::TempDir {
        let from = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/cases")
            .join(case);
        let tmp = tempfile::tempdir().expect("a temporary folder");
        for entry in walkdir::WalkDir::new(&from) {
            let entry = entry.expect("the case is readable");
            let to = tmp
                .path()
                .join(entry.path().strip_prefix(&from).expect("inside the case"));
            if entry.file_type().is_dir() {
                std::fs::create_dir_all(&to).expect("mkdir");
            } else {
                std::fs::copy(entry.path(), &to).expect("copy");
            }
        }
        tmp
    }

    /// What `build` and `check` find of the site at `root` (deputies read as converted),
    /// and the model when there is one.
    fn read_and_built(root: &std::path::Path) -> (Option<Model>, Vec<String>) {
        let as_of = Date::constant(2026, 6, 1);
        let (sources, broken, mut loading) =
            crate::sources::load_unread(root).expect("site.yaml reads");
        match build_reading(sources, broken, &mut loading, as_of) {
            Ok((model, found)) => (Some(model), reported(&found, &loading)),
            Err(found) => (None, reported(&found, &loading)),
        }
    }

    /// Regression: a file of `deputies/` that is not read (a photo, a note) was listed among
    /// the deputies, so every deputy after it took the place of the one before it, and
    /// `li-xian.jpg` beside `li-xian.md` made the id `li-xian` used twice.
    #[test]
    fn a_stray_file_among_the_deputies_takes_no_deputy_s_place() {
        let tmp = copy_of("valid");
        let root = tmp.path();
        std::fs::write(root.join("deputies/a-note.txt"), "call back on Monday").expect("write");
        std::fs::write(root.join("deputies/li-xian.jpg"), [0xff, 0xd8]).expect("write");
        let (read, found) = read_and_built(root);
        let (lent, broken, loaded) = crate::sources::load_partial(root).expect("site.yaml reads");
        let (kept, kept_found) = match build_partial(&lent, &broken, Date::constant(2026, 6, 1)) {
            Ok((model, found)) => (model, reported(&found, &loaded)),
            Err(found) => panic!("the lent build failed: {:?}", found.sorted()),
        };
        let read = read.unwrap_or_else(|| panic!("the read build failed: {found:?}"));
        assert_eq!(items(&read), items(&kept));
        assert_eq!(found, kept_found);
        let ignored = found
            .iter()
            .filter(|d| d.contains("this file is ignored"))
            .count();
        assert_eq!(ignored, 2, "{found:?}");
    }

    /// Regression: the deputies were checked against the stations before the stations that
    /// did not parse were marked, so a deputy's station with a broken file was reported as
    /// missing besides its own error.
    #[test]
    fn a_deputy_s_station_that_does_not_parse_is_not_reported_missing() {
        let tmp = copy_of("valid");
        let root = tmp.path();
        std::fs::write(
            root.join("stations/xihe-home.md"),
            "name: no front matter\n",
        )
        .expect("write");
        let (model, found) = read_and_built(root);
        assert!(model.is_none());
        assert!(!found.is_empty());
        assert!(
            found
                .iter()
                .filter(|d| d.contains("Error"))
                .all(|d| d.contains("stations/xihe-home.md")),
            "{found:#?}"
        );
    }
}
