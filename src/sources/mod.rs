//! Sources: find every file of a site folder and parse it into raw serde types.
//!
//! Files are listed with walkdir, then read and parsed in parallel with rayon (on more
//! threads than cores: reading a cold national site is bound by the disk). Each record
//! keeps its [`Origin`] (file and line offset) so validation can point at the exact place of
//! any mistake. Parse failures do not stop loading: they are collected, so one run reports
//! every broken file.

pub mod cache;
pub(crate) mod csv;
pub(crate) mod fence;
pub(crate) mod frontmatter;
pub mod layout;
pub mod listed;
pub mod live;
pub mod located;
pub mod raw;
pub(crate) mod sheet;
mod yaml;
pub use yaml::parse as parse_yaml;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;
use serde::de::DeserializeOwned;

use crate::diag::{Diagnostic, Diagnostics, Span, display_path};
pub use listed::Listed;
pub use located::{At, Localized, OneOrMany, Origin, Text};
use raw::*;

/// A parsed file (or record) and where it came from.
#[derive(Debug)]
pub struct Doc<T> {
    pub origin: Origin,
    pub raw: T,
}

/// A parsed content item with an id from its file name and an optional Markdown body.
#[derive(Debug)]
pub struct Item<T> {
    pub id: String,
    pub origin: Origin,
    /// Boxed: the raw fields are most of an item's room, and when the sources are given to
    /// the model (`build`, `check`) each is freed as soon as it is converted, while the
    /// list of items stays until all are (issue 21).
    pub raw: Box<T>,
    pub body: Body,
    /// The body in other languages, from `<file>.<lang>.md` beside the item's file.
    pub bodies: Vec<(crate::vocab::Language, Body)>,
}

/// The Markdown part of a file and the line it starts on.
#[derive(Debug, Default)]
pub struct Body {
    pub text: String,
    pub line: u32,
    /// The file it is in, when not the item's own file (a translation `<file>.en.md`).
    pub file: Option<Arc<Path>>,
    /// A body read from spreadsheet cells (a deputy's 简介 and 履职承诺, an activity's
    /// report): for each cell, the line of the text where its part starts (1 for the first)
    /// and the cell's column, so a problem in the text names the cell. Empty for a file.
    pub cells: Vec<(u32, u32)>,
}

impl Body {
    /// The column of the cell that holds `line` (a line of the file's numbering, from
    /// `self.line`), for a body read from cells.
    pub fn cell_of(cells: &[(u32, u32)], body_line: u32, line: u32) -> Option<u32> {
        let within = line.saturating_sub(body_line) + 1;
        cells
            .iter()
            .rev()
            .find(|(start, _)| *start <= within)
            .or(cells.first())
            .map(|(_, col)| *col)
    }
}

/// The item file a translated body belongs to, and its language: `li-xiuying.en.md` →
/// (`li-xiuying.md`, en). `None` for any other file.
pub(crate) fn translation_of(path: &Path) -> Option<(PathBuf, crate::vocab::Language)> {
    if path.extension().and_then(|e| e.to_str()) != Some("md") {
        return None;
    }
    let stem = Path::new(path.file_stem()?);
    let code = stem.extension()?.to_str()?;
    let lang = crate::vocab::Language::parse(code)?;
    Some((path.with_file_name(stem.with_extension("md")), lang))
}

/// The translated bodies at `paths` (`<file>.<lang>.md`: Markdown only, no front matter).
fn translated_bodies(
    root: &Path,
    paths: &[(PathBuf, crate::vocab::Language)],
    problems: &mut Vec<Diagnostic>,
) -> Vec<(crate::vocab::Language, Body)> {
    let mut out = Vec::new();
    for (path, lang) in paths {
        match read(root, path) {
            Ok((file, text)) => {
                let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
                if frontmatter::split(text).is_some() {
                    problems.push(
                        Diagnostic::error(Span::new(&file, 1, 1), "a translation has no front matter of its own")
                            .hint("keep only the translated Markdown text here; give translated fields in the item's own file (`title: { zh-Hans: …, en: … }`)"),
                    );
                    continue;
                }
                out.push((
                    *lang,
                    Body {
                        text: text.to_owned(),
                        line: 1,
                        file: Some(file),
                        cells: Vec::new(),
                    },
                ));
            }
            Err(d) => problems.push(d),
        }
    }
    out
}

/// A file under `static/` to copy verbatim.
#[derive(Debug, Clone)]
pub struct StaticFile {
    /// Path below `static/`, with `/` separators.
    pub rel: String,
    pub path: PathBuf,
}

/// Everything a site folder holds, parsed but not yet validated.
#[derive(Debug)]
pub struct Sources {
    pub root: PathBuf,
    pub site: Doc<RawSite>,
    pub areas: Option<Doc<RawAreasFile>>,
    pub handlers: Option<Doc<RawHandlersFile>>,
    pub groups: Option<Doc<RawGroupsFile>>,
    pub holidays: Option<Doc<Vec<RawHoliday>>>,
    pub deputies: Vec<Item<RawDeputy>>,
    /// The deputies listed but not yet read ([`load_unread`]): the model reads each and
    /// converts it at once. `None` when `deputies` holds them (every other loader).
    pub unread_deputies: Option<Listed<RawDeputy>>,
    pub stations: Vec<Item<RawStation>>,
    pub activities: Vec<Item<RawActivity>>,
    pub suggestions: Vec<Doc<RawSuggestion>>,
    pub pages: Vec<Item<RawPage>>,
    pub statics: Vec<StaticFile>,
}

/// Content of a site that exists but could not be parsed, so is missing from its
/// [`Sources`] (see [`load_partial`]); its errors are reported where it is.
#[derive(Debug, Default, Clone)]
pub struct Broken {
    /// `(folder, id)` of item files: `("deputies", "li-xiuying")`.
    pub items: Vec<(&'static str, String)>,
    pub areas: bool,
    pub handlers: bool,
    pub groups: bool,
    /// A suggestion file (or a row of one) could not be read: ids may be missing.
    pub suggestions: bool,
    /// Content folders with a workbook (or a row of one) that could not be read: ids of
    /// that folder may be missing.
    pub folders: Vec<&'static str>,
}

impl Broken {
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
            && !self.areas
            && !self.handlers
            && !self.groups
            && !self.suggestions
            && self.folders.is_empty()
    }
}

/// Load the site folder at `root`. Errors: every file that could not be read or parsed.
/// Warnings (ignored files) come back beside the sources.
pub fn load(root: &Path) -> Result<(Sources, Diagnostics), Diagnostics> {
    let (sources, _, diags) = load_partial(root)?;
    if diags.has_errors() {
        return Err(diags);
    }
    Ok((sources, diags))
}

/// Threads that read and parse the item files: more than there are cores. With the files
/// in the page cache parsing is the work and extra threads cost little; with a cold cache
/// (a fresh checkout of a national site: a million small files) the disk's random reads are
/// the work, and a virtual disk serves them several times faster with many in flight
/// (`benches/README.md`, "The national preset").
const READERS: usize = 16;

/// A thread pool of [`READERS`] threads; none if it cannot be made (the global pool reads).
fn readers() -> Option<rayon::ThreadPool> {
    rayon::ThreadPoolBuilder::new()
        .num_threads(READERS.max(rayon::current_num_threads()))
        .thread_name(|i| format!("lianluo-read-{i}"))
        .build()
        .ok()
}

/// Load what can be parsed of the site folder at `root`, so that validation can report its
/// mistakes in the same run as the files that do not parse. `Err` only when site.yaml is
/// missing or broken; otherwise the diagnostics beside the sources hold the errors of every
/// file left out (listed in [`Broken`]) and the warnings. Sources that come with errors
/// must not be published.
pub fn load_partial(root: &Path) -> Result<(Sources, Broken, Diagnostics), Diagnostics> {
    load_partial_with(root, true)
}

/// [`load_partial`], but the deputies are only listed ([`Sources::unread_deputies`]), to be
/// read by the model as it converts them (`build` and `check`: a national site's raw
/// deputies are never held all at once). Their problems of reading come with the model's.
pub fn load_unread(root: &Path) -> Result<(Sources, Broken, Diagnostics), Diagnostics> {
    load_partial_with(root, false)
}

fn load_partial_with(
    root: &Path,
    read_deputies: bool,
) -> Result<(Sources, Broken, Diagnostics), Diagnostics> {
    let mut diags = Diagnostics::new();
    let site_file = root.join("site.yaml");
    if !site_file.is_file() {
        let file = display_path(root, &site_file);
        diags.push(
            Diagnostic::error(
                Span::file(&file),
                format!("no site.yaml in {}", root.display()),
            )
            .hint("run lianluo in a site folder, or give its path: `lianluo build path/to/site`"),
        );
        return Err(diags);
    }
    let site = fence::file(root, &site_file)
        .map_err(|d| vec![d])
        .and_then(|()| load_yaml::<RawSite>(root, &site_file, None));
    let handlers = optional_yaml::<RawHandlersFile>(root, "handlers.yaml");
    let holidays = optional_yaml::<Vec<RawHoliday>>(root, "holidays.yaml");
    let groups = optional_yaml::<RawGroupsFile>(root, "groups.yaml");

    let skip: Vec<String> = site
        .as_ref()
        .map(|d| {
            d.raw
                .spreadsheets
                .skip
                .iter()
                .map(|t| t.0.clone())
                .collect()
        })
        .unwrap_or_default();
    let skip = skip.as_slice();
    let mut broken = Broken::default();
    let (areas, areas_sheet_broken) = areas_file(
        root,
        skip,
        optional_yaml::<RawAreasFile>(root, "areas.yaml"),
        &mut diags,
    );
    let mut load = || {
        let listed =
            listed::list::<RawDeputy>(root, layout::FOLDERS[0], skip, &mut diags, &mut broken);
        let (deputies, unread) = match read_deputies {
            true => (read_all(listed, &mut diags, &mut broken), None),
            false => (Vec::new(), Some(listed)),
        };
        (
            deputies,
            unread,
            load_items::<RawStation>(root, layout::FOLDERS[1], skip, &mut diags, &mut broken),
            load_items::<RawActivity>(root, layout::FOLDERS[2], skip, &mut diags, &mut broken),
            load_items::<RawPage>(root, layout::FOLDERS[3], skip, &mut diags, &mut broken),
        )
    };
    let (deputies, unread_deputies, stations, activities, pages) = match readers() {
        Some(pool) => pool.install(load),
        None => load(),
    };
    let errors = diags.error_count();
    let suggestions = load_suggestions(root, skip, &mut diags);
    broken.suggestions = diags.error_count() > errors;
    let statics = list_statics(root, &mut diags);

    broken.areas = areas_sheet_broken || areas.as_ref().is_some_and(Result::is_err);
    broken.handlers = handlers.as_ref().is_some_and(Result::is_err);
    broken.groups = groups.as_ref().is_some_and(Result::is_err);
    let site = keep(site, &mut diags);
    let areas = areas.and_then(|r| keep(r, &mut diags));
    let handlers = handlers.and_then(|r| keep(r, &mut diags));
    let holidays = holidays.and_then(|r| keep(r, &mut diags));
    let groups = groups.and_then(|r| keep(r, &mut diags));
    match site {
        Some(site) => Ok((
            Sources {
                root: root.to_path_buf(),
                site,
                areas,
                handlers,
                groups,
                holidays,
                deputies,
                unread_deputies,
                stations,
                activities,
                suggestions,
                pages,
                statics,
            },
            broken,
            diags,
        )),
        _ => Err(diags),
    }
}

/// A single file as read: its content, or its errors.
type Loaded<T> = Result<Doc<T>, Vec<Diagnostic>>;

/// The areas: `areas.yaml`, or a workbook `areas.xlsx` (`.xls`, `.et`, `.ods`) in its place,
/// and whether a row of the workbook could not be read. Areas come from one file: a
/// workbook beside areas.yaml (or another workbook) is an error, and areas.yaml is read.
fn areas_file(
    root: &Path,
    skip: &[String],
    yaml: Option<Loaded<RawAreasFile>>,
    diags: &mut Diagnostics,
) -> (Option<Loaded<RawAreasFile>>, bool) {
    let mut books = Vec::new();
    for name in sheet::areas::names() {
        let path = root.join(&name);
        match fence::file(root, &path) {
            Err(d) => diags.push(d),
            Ok(()) if path.is_file() => books.push((name, path)),
            Ok(()) => {}
        }
    }
    let first = match (&yaml, books.first()) {
        (_, None) => return (yaml, false),
        (Some(_), Some(_)) => None,
        (None, Some((name, _))) => Some(name.clone()),
    };
    let read_from = first.clone().unwrap_or_else(|| "areas.yaml".to_owned());
    for (name, path) in &books {
        if first.as_ref() != Some(name) {
            diags.push(
                Diagnostic::error(
                    Span::file(&display_path(root, path)),
                    format!("the areas are read from one file, {read_from}: {name} is not read"),
                )
                .hint("keep the areas, constituencies and units in one of the two files and remove (or rename) the other"),
            );
        }
    }
    let Some(path) = books
        .into_iter()
        .find(|(name, _)| first.as_ref() == Some(name))
        .map(|(_, p)| p)
    else {
        return (yaml, true);
    };
    let (doc, problems) = sheet::areas::read(root, &path, skip);
    let broken = problems.iter().any(Diagnostic::is_error);
    problems.into_iter().for_each(|d| diags.push(d));
    (Some(Ok(doc)), broken)
}

fn keep<T>(r: Result<T, Vec<Diagnostic>>, diags: &mut Diagnostics) -> Option<T> {
    r.map_err(|ds| ds.into_iter().for_each(|d| diags.push(d)))
        .ok()
}

fn read(root: &Path, path: &Path) -> Result<(Arc<Path>, String), Diagnostic> {
    let file = display_path(root, path);
    match std::fs::read(path) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(s) => Ok((file, s)),
            Err(e) => {
                let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
                let text = String::from_utf8_lossy(valid);
                let line = text.matches('\n').count() as u32 + 1;
                let col = text.rsplit('\n').next().map_or(0, |l| l.chars().count()) as u32 + 1;
                Err(
                    Diagnostic::error(Span::new(&file, line, col), "the file is not UTF-8 text")
                        .hint("save it as UTF-8 (in Notepad: Save As → Encoding: UTF-8)"),
                )
            }
        },
        Err(e) => Err(Diagnostic::error(
            Span::file(&file),
            format!("cannot read the file: {e}"),
        )),
    }
}

/// A CSV file's text. Excel and WPS on Chinese Windows save CSV in GBK ("CSV (逗号分隔)"):
/// a file that is not UTF-8 but is valid GB18030 (a superset of GBK and GB2312) is read as
/// such, with a warning that says so; anything else is the located UTF-8 error of [`read`].
fn read_csv(
    root: &Path,
    path: &Path,
) -> Result<(Arc<Path>, String, Option<Diagnostic>), Diagnostic> {
    let not_utf8 = match read(root, path) {
        Ok((file, text)) => return Ok((file, text, None)),
        Err(d) => d,
    };
    let Ok(bytes) = std::fs::read(path) else {
        return Err(not_utf8);
    };
    let decoded = encoding_rs::GB18030.decode_without_bom_handling_and_without_replacement(&bytes);
    match decoded {
        Some(text) => {
            let file = display_path(root, path);
            let note = Diagnostic::warning(
                Span::file(&file),
                "the file is not UTF-8; it was read as GBK (GB18030), the encoding Excel and WPS use for CSV on Chinese Windows",
            )
            .hint("to be sure of every character, save it as \"CSV UTF-8 (逗号分隔)\" (Excel) or choose UTF-8 encoding (WPS)");
            Ok((file, text.into_owned(), Some(note)))
        }
        None => Err(not_utf8),
    }
}

fn load_yaml<T: DeserializeOwned>(
    root: &Path,
    path: &Path,
    empty: Option<fn() -> T>,
) -> Result<Doc<T>, Vec<Diagnostic>> {
    let (file, text) = read(root, path).map_err(|d| vec![d])?;
    let origin = Origin::new(file, 0);
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    if let Some(empty) = empty
        && text.trim().is_empty()
    {
        return Ok(Doc {
            origin,
            raw: empty(),
        });
    }
    let raw = yaml::parse::<T>(text, &origin)?;
    Ok(Doc { origin, raw })
}

fn optional_yaml<T: DeserializeOwned + Default>(
    root: &Path,
    name: &str,
) -> Option<Result<Doc<T>, Vec<Diagnostic>>> {
    let path = root.join(name);
    if let Err(d) = fence::file(root, &path) {
        return Some(Err(vec![d]));
    }
    path.is_file()
        .then(|| load_yaml::<T>(root, &path, Some(T::default)))
}

/// Files of one content folder, sorted, skipping hidden ones; links that leave the site
/// are refused ([`fence`]).
fn list(root: &Path, folder: &str, recursive: bool, diags: &mut Diagnostics) -> Vec<PathBuf> {
    let (files, problems) = fence::files(root, &root.join(folder), recursive);
    problems.into_iter().for_each(|d| diags.push(d));
    files
}

/// Read every item of a content folder, in the order of [`listed::list`].
fn load_items<T: DeserializeOwned + Send + sheet::FromRow>(
    root: &Path,
    folder: (&'static str, bool),
    skip: &[String],
    diags: &mut Diagnostics,
    broken: &mut Broken,
) -> Vec<Item<T>> {
    let listed = listed::list::<T>(root, folder, skip, diags, broken);
    read_all(listed, diags, broken)
}

/// Every item of `listed`, in order (those that could not be parsed left out).
fn read_all<T: DeserializeOwned + Send>(
    listed: Listed<T>,
    diags: &mut Diagnostics,
    broken: &mut Broken,
) -> Vec<Item<T>> {
    let mut items = Vec::with_capacity(listed.len());
    listed.read(diags, broken, |item| item, |item| items.extend(item));
    items
}

/// Whether the file at `path` is read as an item (Markdown or YAML); any other file of a
/// content folder but a workbook is [`ignored`].
pub(crate) fn is_item_file(path: &Path) -> bool {
    matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("md" | "markdown" | "yaml" | "yml")
    )
}

/// The warning for a file of a content folder that is not read.
pub(crate) fn ignored(root: &Path, path: &Path) -> Diagnostic {
    Diagnostic::warning(
        Span::file(&display_path(root, path)),
        "this file is ignored: only .md, .yaml and spreadsheet (.xlsx, .xls, .et, .ods) files are read here",
    )
    .hint("move it to static/ if it is meant to be published as it is")
}

/// One item file: the item (also when it has errors that a repair could get past, so
/// validation reports its other mistakes; see [`yaml::parse_repairing`]) and its problems.
fn load_item<T: DeserializeOwned>(
    root: &Path,
    dir: &Path,
    path: &Path,
    translations: &[(PathBuf, crate::vocab::Language)],
) -> (Option<Item<T>>, Vec<Diagnostic>) {
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
    let (file, text) = match ext {
        "md" | "markdown" | "yaml" | "yml" => match read(root, path) {
            Ok(v) => v,
            Err(d) => return (None, vec![d]),
        },
        _ => return (None, vec![ignored(root, path)]),
    };
    parse_item(root, dir, path, translations, file, text)
}

/// [`load_item`] for an item file (Markdown or YAML) already read: `file` is its path below
/// the site, `text` its text.
fn parse_item<T: DeserializeOwned>(
    root: &Path,
    dir: &Path,
    path: &Path,
    translations: &[(PathBuf, crate::vocab::Language)],
    file: Arc<Path>,
    text: String,
) -> (Option<Item<T>>, Vec<Diagnostic>) {
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
    let id = listed::file_id(dir, path);
    let (origin, yaml, body) = if matches!(ext, "md" | "markdown") {
        let Some(split) = frontmatter::split(&text) else {
            return (None, vec![Diagnostic::error(Span::new(&file, 1, 1), "the file has no front matter")
                .hint("start the file with a line `---`, the YAML fields, and another line `---`; the Markdown text follows")]);
        };
        let body = Body {
            text: split.body.to_owned(),
            line: split.body_line,
            file: None,
            cells: Vec::new(),
        };
        (Origin::new(file, 1), split.yaml, body)
    } else {
        let yaml = text.strip_prefix('\u{feff}').unwrap_or(&text);
        (Origin::new(file, 0), yaml, Body::default())
    };
    let (raw, mut problems) = match yaml::parse_repairing::<T>(yaml, &origin) {
        Ok(raw) => (Some(raw), Vec::new()),
        Err(failed) => (failed.repaired, failed.errors),
    };
    let bodies = translated_bodies(root, translations, &mut problems);
    let item = raw.map(|raw| Item {
        id,
        origin,
        raw: Box::new(raw),
        body,
        bodies,
    });
    (item, problems)
}

fn load_suggestions(
    root: &Path,
    skip: &[String],
    diags: &mut Diagnostics,
) -> Vec<Doc<RawSuggestion>> {
    let (folder, recursive) = layout::FOLDERS[4];
    let mut files = list(root, folder, recursive, diags);
    files.retain(|p| !sheet::is_lock_file(p));
    let results: Vec<(Vec<Doc<RawSuggestion>>, Vec<Diagnostic>)> = files
        .par_iter()
        .map(|path| {
            if sheet::is_workbook(path) {
                // The rows that could be read are kept beside the problems of the others
                // (which stop the build), so validation reports their mistakes too.
                return sheet::suggestions(root, path, skip);
            }
            suggestion_file(root, path)
        })
        .collect();
    let mut out = Vec::new();
    for (v, problems) in results {
        out.extend(v);
        problems.into_iter().for_each(|d| diags.push(d));
    }
    out
}

/// The suggestion records of one file under `suggestions/`, and its problems.
fn suggestion_file(root: &Path, path: &Path) -> (Vec<Doc<RawSuggestion>>, Vec<Diagnostic>) {
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
    if ext == "csv" {
        return match read_csv(root, path) {
            Ok((file, text, note)) => match csv::suggestions(&file, &text) {
                Ok(docs) => (docs, note.into_iter().collect()),
                Err(ds) => (Vec::new(), note.into_iter().chain(ds).collect()),
            },
            Err(d) => (Vec::new(), vec![d]),
        };
    }
    match yaml_suggestions(root, path, ext) {
        Ok(docs) => (docs, Vec::new()),
        Err(ds) => (Vec::new(), ds),
    }
}

/// The suggestion records of a YAML file (or the warning that a file of another kind is
/// ignored).
fn yaml_suggestions(
    root: &Path,
    path: &Path,
    ext: &str,
) -> Result<Vec<Doc<RawSuggestion>>, Vec<Diagnostic>> {
    match ext {
        "yaml" | "yml" => {
            let doc = load_yaml::<Vec<At<RawSuggestion>>>(root, path, Some(Vec::new))?;
            let origin = doc.origin;
            Ok(doc
                .raw
                .into_iter()
                .map(|r| Doc {
                    origin: origin.clone(),
                    raw: r.value,
                })
                .collect())
        }
        _ => {
            let file = display_path(root, path);
            Err(vec![Diagnostic::warning(
                Span::file(&file),
                "this file is ignored: suggestions are read from .yaml, .csv and spreadsheet (.xlsx, .xls, .et, .ods) files",
            )])
        }
    }
}

fn list_statics(root: &Path, diags: &mut Diagnostics) -> Vec<StaticFile> {
    let dir = root.join(layout::STATIC);
    list(root, layout::STATIC, true, diags)
        .into_iter()
        .map(|path| {
            let rel = path
                .strip_prefix(&dir)
                .unwrap_or(&path)
                .to_string_lossy()
                .replace('\\', "/");
            StaticFile { rel, path }
        })
        .collect()
}
