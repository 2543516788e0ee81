//! Spreadsheets: rosters, station lists, activity and suggestion registers (台账) read
//! straight from the office's Excel or WPS workbooks (`.xlsx`, `.xls`, `.et`, `.ods`).
//!
//! Every sheet of a workbook is read (unless `site.yaml` names it under
//! `spreadsheets.skip`). A sheet's header row is found, not assumed: it is the first row
//! whose cells name at least two known columns ([`headers`]), so the title rows, date lines
//! and notes above it are passed over. Merged cells are filled with their value (those of
//! an `.ods` found by [`merged`]), blank rows skipped (also inside a merge), and each cell
//! read as offices type it (date cells, serial numbers and text dates; numbers stored as
//! numbers; full-width digits; stray and non-breaking spaces).
//! Each row then becomes the same raw record ([`crate::sources::raw`]) a YAML or Markdown
//! file gives, so validation is shared; its [`Origin`] is the row, so every problem names
//! its cell: `deputies/名册.xlsx › 县代表 › C7`, with the column's header and the cell's text.

pub(crate) mod areas;
pub(crate) mod headers;
mod merged;
mod reception;

use std::collections::HashSet;
use std::path::Path;
use std::sync::Arc;

use calamine::{Data, Dimensions, Ods, Range, Reader, Xls, Xlsx, open_workbook};

use super::located::{At, Origin, SheetRow, Text};
use super::raw::*;
use super::{Body, Doc};
use crate::diag::{Cell, Diagnostic, Span, display_path};
use headers::{Column, Header, Kind, Value};

/// The file extensions read as workbooks (`.et` is WPS's own, read like `.xls`).
pub(crate) const EXTENSIONS: [&str; 5] = ["xlsx", "xlsm", "xls", "et", "ods"];

/// Sheets never read: the explanations an office (or `lianluo new roster`) keeps beside
/// the table.
const EXPLANATIONS: [&str; 4] = ["说明", "填写说明", "使用说明", "README"];

/// Whether `path` is a workbook. Excel's lock file beside an open workbook (`~$名册.xlsx`)
/// is not.
pub(crate) fn is_workbook(path: &Path) -> bool {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    let lock = path
        .file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.starts_with("~$"));
    !lock && ext.is_some_and(|e| EXTENSIONS.contains(&e.as_str()))
}

/// Excel's lock file beside a workbook that is open (`~$名册.xlsx`): never content.
pub(crate) fn is_lock_file(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.starts_with("~$"))
}

/// A record read from a row, before its id is settled (see [`settle_ids`]).
#[derive(Debug)]
pub(crate) struct RowItem<T> {
    /// From an ID column, if there is one.
    pub id: Option<String>,
    /// What an id is made from when there is none: the name's pinyin.
    pub name: String,
    pub origin: Origin,
    pub raw: T,
    pub body: Body,
}

/// Records that can be read from a row of a sheet.
pub(crate) trait FromRow: Sized {
    /// The kind of sheet, or none when this content is not read from spreadsheets.
    const KIND: Option<Kind>;
    /// The record of a row (its problems go to the row's errors) and the text an id is made
    /// from when the row has none.
    fn from_row(row: &mut Row<'_>) -> Option<(Self, String)>;
}

type File = std::io::BufReader<std::fs::File>;

/// One sheet: its name, cells (merged cells filled) and the place of its first cell.
struct Sheet {
    name: Arc<str>,
    range: Range<Data>,
    /// The cells given their value by a merged cell above or beside them (absolute 0-based
    /// positions): a row holding only such cells is a blank row inside a merge.
    filled: HashSet<(u32, u32)>,
}

/// Open a workbook and read every sheet not skipped.
fn open(file: &Arc<Path>, path: &Path, skip: &[String]) -> Result<Vec<Sheet>, Diagnostic> {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    let fail = |e: String| {
        Diagnostic::error(Span::file(file), format!("cannot read the workbook: {e}")).hint(
            "open it in Excel or WPS and save it again (as .xlsx); if it has a password, remove it",
        )
    };
    let mut out = Vec::new();
    let wanted =
        |name: &str| !skip.iter().any(|s| s == name) && !EXPLANATIONS.contains(&name.trim());
    match ext.as_str() {
        "xlsx" | "xlsm" => {
            let mut wb: Xlsx<File> =
                open_workbook(path).map_err(|e: calamine::XlsxError| fail(e.to_string()))?;
            for name in wb.sheet_names() {
                if !wanted(&name) {
                    continue;
                }
                let mut range = bounded_xlsx_range(file, &mut wb, &name, &fail)?;
                let merged = wb.merge_cells_by_sheet_name(&name).unwrap_or_default();
                let filled =
                    fill_merged(&mut range, &merged).map_err(|()| overlapping(file, &name))?;
                out.push(Sheet {
                    name: Arc::from(name.as_str()),
                    range,
                    filled,
                });
            }
        }
        "xls" | "et" => {
            let mut wb: Xls<File> =
                open_workbook(path).map_err(|e: calamine::XlsError| fail(e.to_string()))?;
            for name in wb.sheet_names() {
                if !wanted(&name) {
                    continue;
                }
                let mut range = wb.worksheet_range(&name).map_err(|e| fail(e.to_string()))?;
                let merged = wb.merge_cells_by_sheet_name(&name).unwrap_or_default();
                let filled =
                    fill_merged(&mut range, &merged).map_err(|()| overlapping(file, &name))?;
                out.push(Sheet {
                    name: Arc::from(name.as_str()),
                    range,
                    filled,
                });
            }
        }
        _ => {
            let mut wb: Ods<File> =
                open_workbook(path).map_err(|e: calamine::OdsError| fail(e.to_string()))?;
            let merged = merged::ods(path);
            for name in wb.sheet_names() {
                if !wanted(&name) {
                    continue;
                }
                let mut range = wb.worksheet_range(&name).map_err(|e| fail(e.to_string()))?;
                let filled = match merged.get(&name) {
                    Some(m) => fill_merged(&mut range, m).map_err(|()| overlapping(file, &name))?,
                    None => HashSet::new(),
                };
                out.push(Sheet {
                    name: Arc::from(name.as_str()),
                    range,
                    filled,
                });
            }
        }
    }
    Ok(out)
}

/// The most cells a sheet's table may span (rows × columns from its first to its last
/// value): 20 million, ten times a 100,000-row roster of 20 columns, about 640 MB in memory.
/// A stray value far from the table (typed into XFD1048576 by mistake, or put there on
/// purpose) would otherwise make the table billions of cells and abort the program.
const MAX_SHEET_CELLS: u64 = 20_000_000;

/// A sheet of an .xlsx read cell by cell (calamine's `worksheet_range` would allocate the
/// whole rectangle from A1 to the furthest value first): a located error, naming the cell
/// furthest out, when the table would span more than [`MAX_SHEET_CELLS`].
fn bounded_xlsx_range(
    file: &Arc<Path>,
    workbook: &mut Xlsx<File>,
    name: &str,
    fail: &dyn Fn(String) -> Diagnostic,
) -> Result<Range<Data>, Diagnostic> {
    let mut reader = match workbook.worksheet_cells_reader(name) {
        Ok(reader) => reader,
        // A chart sheet: no cells.
        Err(calamine::XlsxError::NotAWorksheet(_)) => return Ok(Range::default()),
        Err(e) => return Err(fail(e.to_string())),
    };
    let mut cells = Vec::new();
    let (mut first, mut last) = ((u32::MAX, u32::MAX), (0u32, 0u32));
    while let Some(cell) = reader.next_cell().map_err(|e| fail(e.to_string()))? {
        let value = Data::from(cell.get_value().clone());
        if value == Data::Empty {
            continue;
        }
        let (row, col) = cell.get_position();
        if row >= 1_048_576 || col >= 16_384 {
            // Beyond what Excel and WPS can write (1,048,576 rows, 16,384 columns): a made-up file.
            return Err(fail(format!(
                "a cell lies beyond the last row or column a workbook can have (row {}, column {})",
                u64::from(row) + 1,
                u64::from(col) + 1
            )));
        }
        first = (first.0.min(row), first.1.min(col));
        last = (last.0.max(row), last.1.max(col));
        let rows = u64::from(last.0 - first.0) + 1;
        let columns = u64::from(last.1 - first.1) + 1;
        if rows * columns > MAX_SHEET_CELLS {
            let at = Span::cell(
                file,
                row + 1,
                col + 1,
                Cell {
                    sheet: Arc::from(name),
                    header: None,
                    text: Some(shown(&value)),
                },
            );
            return Err(Diagnostic::error(
                at,
                format!(
                    "this value makes the sheet's table {rows} rows by {columns} columns, more than lianluo reads ({MAX_SHEET_CELLS} cells)"
                ),
            )
            .hint("a value far below or to the right of the table is usually typed there by mistake: delete it (Ctrl+End in Excel or WPS jumps to the last used cell)"));
        }
        cells.push(calamine::Cell::new((row, col), value));
    }
    Ok(Range::from_sparse(cells))
}

/// Give every cell of a merged region its top-left cell's value: a 选区 merged over the
/// rows of its deputies belongs to each of them. Returns the cells so filled. Regions do
/// not overlap in a file Excel or WPS wrote, so they fill at most the table's cells; `Err`
/// for more (a crafted file whose thousands of regions each cover the table would take hours).
fn fill_merged(range: &mut Range<Data>, merged: &[Dimensions]) -> Result<HashSet<(u32, u32)>, ()> {
    let mut filled = HashSet::new();
    let (Some(start), Some(end)) = (range.start(), range.end()) else {
        return Ok(filled);
    };
    let mut budget = u64::from(end.0 - start.0 + 1) * u64::from(end.1 - start.1 + 1);
    for m in merged {
        let Some(v) = range.get_value(m.start).cloned() else {
            continue;
        };
        if v == Data::Empty {
            continue;
        }
        for r in m.start.0..=m.end.0.min(end.0) {
            for c in m.start.1..=m.end.1.min(end.1) {
                if (r, c) != m.start {
                    budget = budget.checked_sub(1).ok_or(())?;
                    range.set_value((r, c), v.clone());
                    filled.insert((r, c));
                }
            }
        }
    }
    Ok(filled)
}

/// The error for merged regions that overlap.
fn overlapping(file: &Arc<Path>, sheet: &str) -> Diagnostic {
    let span = Span::cell(
        file,
        0,
        0,
        Cell {
            sheet: Arc::from(sheet),
            header: None,
            text: None,
        },
    );
    Diagnostic::error(span, "the merged cells of this sheet overlap one another")
        .hint("open the file in Excel or WPS, select the sheet, unmerge all cells (取消合并单元格), merge again what belongs together and save it")
}

/// A sheet's table: where its header row is and what each column is.
struct Table {
    /// 1-based row of the header.
    header_row: u32,
    /// What each column (0-based, from column A) holds.
    columns: Vec<Header>,
    headers: Arc<[String]>,
}

/// The text a cell shows, as typed (numbers without a trailing `.0`, dates as dates).
fn shown(d: &Data) -> String {
    match d {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => number(*f),
        Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_owned(),
        Data::DateTime(dt) => {
            let (y, m, d, ..) = dt.to_ymd_hms_milli();
            format!("{y:04}-{m:02}-{d:02}")
        }
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Error(e) => format!("{e}"),
    }
}

fn number(f: f64) -> String {
    if f.fract() == 0.0 && f.abs() < 1e15 {
        format!("{}", f as i64)
    } else {
        format!("{f}")
    }
}

/// Find the header row of a sheet: the first row naming two known columns.
fn table(kind: Kind, range: &Range<Data>) -> Option<Table> {
    let (r0, c0) = range.start()?;
    for (i, row) in range.rows().enumerate() {
        let columns: Vec<Header> = row
            .iter()
            .map(|d| match d {
                Data::String(s) => headers::header(kind, s),
                Data::Empty => Header::Empty,
                _ => Header::Unknown,
            })
            .collect();
        let mut keys = HashSet::new();
        for c in &columns {
            if let Header::Field(f) = c {
                keys.insert(f.key);
            }
        }
        if keys.len() >= 2 {
            let lead = c0 as usize;
            let mut all = vec![Header::Empty; lead];
            all.extend(columns);
            let mut names = vec![String::new(); lead];
            names.extend(row.iter().map(|d| shown(d).trim().to_owned()));
            return Some(Table {
                header_row: r0 + i as u32 + 1,
                columns: all,
                headers: names.into(),
            });
        }
    }
    None
}

/// Which of `kinds` the sheet `name` holds, and its table. One kind: that one. The sheets
/// of `areas.xlsx`: a sheet named for constituencies (选区) or electing units (选举单位)
/// holds them; any other holds constituencies when it has a column of the areas they cover
/// (覆盖范围), else areas.
fn pick(kinds: &[Kind], name: &str, range: &Range<Data>) -> Option<(Kind, Table)> {
    if let [kind] = kinds {
        return table(*kind, range).map(|t| (*kind, t));
    }
    if let Some(kind) = headers::kind_of_sheet(name).filter(|k| kinds.contains(k)) {
        return table(kind, range).map(|t| (kind, t));
    }
    if kinds.contains(&Kind::Constituency)
        && let Some(t) = table(Kind::Constituency, range)
        && t.columns
            .iter()
            .any(|h| matches!(h, Header::Field(c) if c.key == "covers"))
    {
        return Some((Kind::Constituency, t));
    }
    let kind = *kinds.first()?;
    table(kind, range).map(|t| (kind, t))
}

/// A cell's value once read as its column says; a warning when it was repaired.
enum Read {
    Empty,
    Value(String),
    Repaired(String, String, String),
    Bad(String, String),
}

/// Plain text: trimmed (also of non-breaking and ideographic spaces), inner non-breaking
/// spaces made plain, Windows line breaks made `\n`.
fn clean(s: &str) -> String {
    s.replace(['\u{a0}', '\u{2007}', '\u{202f}'], " ")
        .replace("\r\n", "\n")
        .trim()
        .to_owned()
}

fn read_cell(d: &Data, value: Value) -> Read {
    let text = match d {
        Data::Empty => return Read::Empty,
        Data::Error(e) => {
            return Read::Bad(
                format!("the cell holds the spreadsheet error `{e}`"),
                "correct the formula, or type the value".to_owned(),
            );
        }
        Data::DateTime(dt) => {
            let (y, m, day, ..) = dt.to_ymd_hms_milli();
            return Read::Value(match value {
                Value::Month => format!("{y:04}-{m:02}"),
                _ => format!("{y:04}-{m:02}-{day:02}"),
            });
        }
        Data::DateTimeIso(s) => {
            let date: String = s.chars().take(10).collect();
            return Read::Value(match value {
                Value::Month => date.chars().take(7).collect(),
                _ => date,
            });
        }
        Data::Int(_) | Data::Float(_) => {
            let f = match d {
                Data::Int(i) => *i as f64,
                Data::Float(f) => *f,
                _ => 0.0,
            };
            return match value {
                Value::Date => match serial_date(f) {
                    Some(s) => Read::Value(s),
                    None => Read::Value(number(f)),
                },
                Value::Month => month_number(f),
                Value::Phone => phone(&number(f), true),
                _ => Read::Value(number(f)),
            };
        }
        Data::Bool(b) => b.to_string(),
        Data::String(s) => clean(s),
        Data::DurationIso(s) => s.clone(),
    };
    if text.is_empty() {
        return Read::Empty;
    }
    match value {
        Value::Text => Read::Value(text),
        Value::Word | Value::List | Value::Count => {
            Read::Value(headers::fold_width(&text).trim().to_owned())
        }
        Value::Date => Read::Value(text_date(&headers::fold_width(&text)).unwrap_or(text)),
        Value::Month => Read::Value(text_month(&headers::fold_width(&text)).unwrap_or(text)),
        Value::Phone => phone(headers::fold_width(&text).trim(), false),
    }
}

/// An Excel serial day number (days since 1899-12-30) as a date, for plausible numbers.
fn serial_date(f: f64) -> Option<String> {
    if !(1.0..=2_958_465.0).contains(&f) {
        return None;
    }
    let d = jiff::civil::date(1899, 12, 30)
        .checked_add(jiff::Span::new().days(f.floor() as i64))
        .ok()?;
    Some(d.to_string())
}

/// `1973.05` typed into a cell Excel reads as a number; or a serial date.
fn month_number(f: f64) -> Read {
    if (1900.0..2100.0).contains(&f) {
        let s = number(f);
        let (y, m) = s.split_once('.').unwrap_or((&s, ""));
        return match m {
            "" => Read::Value(y.to_owned()),
            "1" => Read::Repaired(
                format!("{y}-10"),
                format!(
                    "`{s}` was stored as a number, so a 0 at its end may be lost: read as {y}-10 (October)"
                ),
                format!(
                    "write {y}-01 or {y}-10, and format the column as text (文本) so Excel keeps what you type"
                ),
            ),
            _ => Read::Value(format!("{y}-{:0>2}", m)),
        };
    }
    match serial_date(f) {
        Some(d) => Read::Value(d[..7].to_owned()),
        None => Read::Value(number(f)),
    }
}

/// The numbers of a text date: 2025-03-07, 2025/3/7, 2025.3.7, 2025年3月7日.
fn date_parts(s: &str) -> Vec<u32> {
    s.split(['-', '/', '.', '年', '月', '日', ' '])
        .filter(|p| !p.is_empty())
        .map(|p| p.parse::<u32>().unwrap_or(u32::MAX))
        .collect()
}

fn text_date(s: &str) -> Option<String> {
    match date_parts(s).as_slice() {
        [y, m, d] if (1000..10000).contains(y) && *m <= 12 && *d <= 31 => {
            Some(format!("{y:04}-{m:02}-{d:02}"))
        }
        _ => None,
    }
}

fn text_month(s: &str) -> Option<String> {
    match date_parts(s).as_slice() {
        [y, m] | [y, m, _] if (1000..10000).contains(y) && *m <= 12 => {
            Some(format!("{y:04}-{m:02}"))
        }
        _ => None,
    }
}

/// A telephone number; a number whose area code lost its leading 0 (Excel stores
/// 0917-8212345 typed without quotes as 9178212345, and 0917 as 917) is repaired and said.
fn phone(s: &str, was_number: bool) -> Read {
    let digits = s.chars().filter(char::is_ascii_digit).count();
    let lost = |fixed: String| {
        Read::Repaired(
            fixed.clone(),
            format!("the leading 0 of the area code is missing in `{s}`: read as {fixed}"),
            "format the column as text (文本) before typing numbers, so Excel keeps their leading 0".to_owned(),
        )
    };
    if let Some((area, local)) = s.split_once('-')
        && !area.starts_with('0')
        && !area.starts_with('+')
        && (2..=3).contains(&area.len())
        && area.chars().all(|c| c.is_ascii_digit())
        && (7..=8).contains(&local.len())
    {
        return lost(format!("0{area}-{local}"));
    }
    if was_number && !s.starts_with('1') && (10..=11).contains(&digits) {
        return lost(format!("0{s}"));
    }
    if was_number && (2..=3).contains(&digits) {
        return lost(format!("0{s}"));
    }
    Read::Value(s.to_owned())
}

/// A row being read: its cells by field, located at their cells.
pub(crate) struct Row<'a> {
    pub origin: Origin,
    sheet: &'a str,
    cells: Vec<(&'static str, At<Text>)>,
    /// The 1-based column of each field the sheet has.
    columns: &'a [(&'static str, u32)],
    /// Fields whose cell could not be read (already reported): not reported empty too.
    unreadable: Vec<&'static str>,
    errors: &'a mut Vec<Diagnostic>,
}

impl Row<'_> {
    fn span(&self, at: &At<Text>) -> Span {
        self.origin.at(at)
    }

    fn error(&mut self, at: &At<Text>, message: String, hint: String) {
        let d = Diagnostic::error(self.span(at), message).hint(hint);
        self.errors.push(d);
    }

    /// The sheet's name.
    pub(crate) fn sheet(&self) -> &str {
        self.sheet
    }

    pub(crate) fn take(&mut self, key: &str) -> Option<At<Text>> {
        let i = self.cells.iter().position(|(k, _)| *k == key)?;
        Some(self.cells.swap_remove(i).1)
    }

    /// Whether the sheet has a column for `key`.
    pub(crate) fn has(&self, key: &str) -> bool {
        self.columns.iter().any(|(k, _)| *k == key)
    }

    /// A list cell: one located value per item.
    pub(crate) fn list(&mut self, key: &str) -> Vec<At<Text>> {
        let Some(cell) = self.take(key) else {
            return Vec::new();
        };
        cell.value
            .0
            .split(['、', ',', '，', ';', '；', '\n', '/'])
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(|p| At::new(Text(p.to_owned()), cell.line, cell.col))
            .collect()
    }

    /// A required cell; an empty one is an error at its place.
    pub(crate) fn required(&mut self, key: &str, what: &str) -> Option<At<Text>> {
        let cell = self.take(key);
        if cell.is_none() && !self.unreadable.contains(&key) {
            let col = self
                .columns
                .iter()
                .find(|(k, _)| *k == key)
                .map_or(0, |(_, c)| *c);
            let row = self.origin.row.as_ref().map_or(0, |r| r.row);
            let span = self.origin.line(row, col);
            let header = span
                .cell
                .as_ref()
                .and_then(|c| c.header.clone())
                .unwrap_or_else(|| what.to_owned());
            let d = if col == 0 {
                Diagnostic::error(span, format!("the sheet has no column for {what}"))
                    .hint(format!("add a column headed `{header}`"))
            } else {
                Diagnostic::error(span, format!("the cell `{header}` is empty in this row"))
                    .hint(format!("every row needs {what}"))
            };
            self.errors.push(d);
        }
        cell
    }

    /// A word of a vocabulary, in Chinese or English.
    pub(crate) fn word<T>(
        &mut self,
        key: &str,
        parse: fn(&str) -> Option<T>,
        words: &str,
    ) -> Option<At<T>> {
        let cell = self.take(key)?;
        let w = cell.value.as_str().to_lowercase();
        match parse(&w) {
            Some(v) => Some(At::new(v, cell.line, cell.col)),
            None => {
                self.error(
                    &cell,
                    format!(
                        "`{}` is not one of the values this column takes",
                        cell.value
                    ),
                    format!("write one of: {words}"),
                );
                None
            }
        }
    }

    pub(crate) fn flag(&mut self, key: &str) -> bool {
        let Some(cell) = self.take(key) else {
            return false;
        };
        match headers::flag(cell.value.as_str()) {
            Some(b) => b,
            None => {
                self.error(
                    &cell,
                    format!("`{}` is not 是 or 否", cell.value),
                    "write 是 or 否 (true or false), or leave the cell empty".to_owned(),
                );
                false
            }
        }
    }

    fn privacy(&mut self) -> Option<At<RawPrivacyReview>> {
        let line = self.origin.row.as_ref().map_or(0, |r| r.row);
        let reviewed = self.flag("privacy_reviewed");
        let reason = self.take("privacy_reason");
        (reviewed || reason.is_some()).then(|| {
            At::new(
                RawPrivacyReview {
                    reviewed,
                    reason: reason.map(|r| r.value),
                },
                line,
                1,
            )
        })
    }

    /// The Markdown body: an introduction and a pledge column; each line of a cell is a
    /// paragraph.
    fn body(&mut self) -> Body {
        let paragraphs = |t: At<Text>| {
            t.value
                .0
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .collect::<Vec<_>>()
                .join("\n\n")
        };
        let mut cells = Vec::new();
        let mut text = match self.take("intro") {
            Some(intro) => {
                cells.push((1, intro.col));
                paragraphs(intro)
            }
            None => String::new(),
        };
        if let Some(p) = self.take("pledge") {
            if !text.is_empty() {
                text.push_str("\n\n");
            }
            cells.push((text.lines().count() as u32 + 1, p.col));
            text.push_str("## 履职承诺\n\n");
            text.push_str(&paragraphs(p));
        }
        if !text.is_empty() {
            text.push('\n');
        }
        Body {
            text,
            line: self.origin.row.as_ref().map_or(0, |r| r.row),
            file: None,
            cells,
        }
    }
}

/// The text of an `extra` field.
fn extra(pairs: Vec<(&str, Option<At<Text>>)>) -> Extra {
    let map: serde_json::Map<String, serde_json::Value> = pairs
        .into_iter()
        .filter_map(|(k, v)| Some((k.to_owned(), serde_json::Value::String(v?.value.0))))
        .collect();
    (!map.is_empty()).then_some(serde_json::Value::Object(map))
}

/// Read the rows of every sheet of a workbook under `folder`.
pub(crate) fn items<T: FromRow>(
    root: &Path,
    path: &Path,
    skip: &[String],
) -> (Vec<RowItem<T>>, Vec<Diagnostic>) {
    let file = display_path(root, path);
    let Some(kind) = T::KIND else {
        return (
            Vec::new(),
            vec![Diagnostic::warning(
                Span::file(&file),
                "this file is ignored: pages are written in Markdown, not in spreadsheets",
            )],
        );
    };
    let mut errors = Vec::new();
    let mut out = Vec::new();
    rows(&file, path, &[kind], skip, &mut errors, |_, mut row| {
        let body = row.body();
        let id = row.take("id").map(|t| t.value.0);
        if let Some((raw, name)) = T::from_row(&mut row) {
            out.push(RowItem {
                id,
                name,
                origin: row.origin.clone(),
                raw,
                body,
            });
        }
    });
    (out, errors)
}

/// Read the suggestion records of a register.
pub(crate) fn suggestions(
    root: &Path,
    path: &Path,
    skip: &[String],
) -> (Vec<Doc<RawSuggestion>>, Vec<Diagnostic>) {
    let file = display_path(root, path);
    let mut errors = Vec::new();
    let mut out = Vec::new();
    rows(
        &file,
        path,
        &[Kind::Suggestion],
        skip,
        &mut errors,
        |_, mut row| {
            if let Some(raw) = suggestion(&mut row) {
                out.push(Doc {
                    origin: row.origin.clone(),
                    raw,
                });
            }
        },
    );
    (out, errors)
}

/// Walk the data rows of every sheet, calling `each` with each non-blank row.
fn rows(
    file: &Arc<Path>,
    path: &Path,
    kinds: &[Kind],
    skip: &[String],
    errors: &mut Vec<Diagnostic>,
    mut each: impl FnMut(Kind, Row<'_>),
) {
    let sheets = match open(file, path, skip) {
        Ok(s) => s,
        Err(d) => {
            errors.push(d);
            return;
        }
    };
    for sheet in sheets {
        let Some((r0, c0)) = sheet.range.start() else {
            continue;
        };
        let Some((kind, table)) = pick(kinds, &sheet.name, &sheet.range) else {
            let span = Span::cell(
                file,
                0,
                0,
                Cell {
                    sheet: Arc::clone(&sheet.name),
                    header: None,
                    text: None,
                },
            );
            errors.push(
                Diagnostic::warning(span, format!("this sheet is ignored: no row of it names two known columns (such as {})", headers::example(kinds[0])))
                    .hint("check the header row's spelling (docs/content-format.md lists the accepted headers), or name the sheet under `spreadsheets: { skip: [...] }` in site.yaml"),
            );
            continue;
        };
        let header_span = |col: u32| {
            Origin::sheet_row(
                Arc::clone(file),
                SheetRow {
                    sheet: Arc::clone(&sheet.name),
                    headers: Arc::from(Vec::new()),
                    row: table.header_row,
                    cells: table.headers.to_vec(),
                },
            )
            .line(table.header_row, col)
        };
        let mut columns: Vec<(&'static str, u32)> = Vec::new();
        let mut unknown = Vec::new();
        for (i, h) in table.columns.iter().enumerate() {
            let col = i as u32 + 1;
            match h {
                Header::Field(c) => {
                    if let Some((_, first)) = columns.iter().find(|(k, _)| *k == c.key) {
                        errors.push(
                            Diagnostic::error(
                                header_span(col),
                                format!(
                                    "the column `{}` says the same as column {}",
                                    table.headers[i],
                                    crate::diag::column_letters(*first)
                                ),
                            )
                            .hint("keep one of the two columns: lianluo will not guess which one to publish"),
                        );
                    } else {
                        columns.push((c.key, col));
                    }
                }
                Header::Unknown => unknown.push((col, table.headers[i].clone())),
                Header::Quiet | Header::Empty => {}
            }
        }
        if let Some((first, _)) = unknown.first() {
            let names: Vec<String> = unknown
                .iter()
                .map(|(c, h)| format!("{} `{h}`", crate::diag::column_letters(*c)))
                .collect();
            errors.push(
                Diagnostic::warning(
                    header_span(*first),
                    format!("columns not read: {}", names.join(", ")),
                )
                .hint("if one is a typo, correct the header (docs/content-format.md lists the accepted headers); 序号 and 备注 are ignored without this warning"),
            );
        }
        let fields: Vec<(usize, &'static Column)> = table
            .columns
            .iter()
            .enumerate()
            .filter_map(|(i, h)| match h {
                Header::Field(c)
                    if columns
                        .iter()
                        .any(|(k, col)| *k == c.key && *col == i as u32 + 1) =>
                {
                    Some((i, *c))
                }
                _ => None,
            })
            .collect();
        let first_data = (table.header_row - r0) as usize;
        for (i, data) in sheet.range.rows().enumerate().skip(first_data) {
            let row_no = r0 + i as u32 + 1;
            let lead = c0 as usize;
            let at_col =
                |ix: usize| -> Option<&Data> { ix.checked_sub(lead).and_then(|j| data.get(j)) };
            let mut cells = Vec::new();
            let mut notes = Vec::new();
            let mut unreadable = Vec::new();
            for (ix, c) in &fields {
                let Some(d) = at_col(*ix) else { continue };
                let col = *ix as u32 + 1;
                match read_cell(d, c.value) {
                    Read::Empty => {}
                    Read::Value(v) => cells.push((c.key, At::new(Text(v), row_no, col))),
                    Read::Repaired(v, msg, hint) => {
                        notes.push((col, false, msg, hint));
                        cells.push((c.key, At::new(Text(v), row_no, col)));
                    }
                    Read::Bad(msg, hint) => {
                        unreadable.push(c.key);
                        notes.push((col, true, msg, hint));
                    }
                }
            }
            // A blank row inside a merged region holds only the merged value: blank.
            let only_merged = !sheet.filled.is_empty()
                && data.iter().enumerate().all(|(j, d)| {
                    *d == Data::Empty || sheet.filled.contains(&(r0 + i as u32, c0 + j as u32))
                });
            if (cells.is_empty() && notes.is_empty()) || only_merged {
                continue;
            }
            let mut shown_cells = vec![String::new(); lead];
            shown_cells.extend(data.iter().map(shown));
            let origin = Origin::sheet_row(
                Arc::clone(file),
                SheetRow {
                    sheet: Arc::clone(&sheet.name),
                    headers: Arc::clone(&table.headers),
                    row: row_no,
                    cells: shown_cells,
                },
            );
            for (col, bad, msg, hint) in notes {
                let span = origin.line(row_no, col);
                errors.push(if bad {
                    Diagnostic::error(span, msg).hint(hint)
                } else {
                    Diagnostic::warning(span, msg).hint(hint)
                });
            }
            each(
                kind,
                Row {
                    origin,
                    sheet: &sheet.name,
                    cells,
                    columns: &columns,
                    unreadable,
                    errors,
                },
            );
        }
    }
}

impl FromRow for RawDeputy {
    const KIND: Option<Kind> = Some(Kind::Deputy);

    fn from_row(row: &mut Row<'_>) -> Option<(Self, String)> {
        let name = row.required("name", "the name (姓名)");
        let level = if row.has("level") {
            match row.required("level", "the level (代表层级)") {
                Some(cell) => {
                    row.cells.push(("level", cell));
                    row.word(
                        "level",
                        headers::level,
                        "全国, 省, 市, 县, 乡镇 (or national, provincial, city, county, township)",
                    )
                }
                // Reported; the row's other cells are still checked.
                None => None,
            }
        } else {
            let line = row.origin.row.as_ref().map_or(0, |r| r.row);
            match headers::level_of_sheet(row.sheet()) {
                Some(l) => Some(At::new(l, line, 0)),
                None => {
                    row.required("level", "the level (代表层级)");
                    None
                }
            }
        };
        let place = row.take("constituency");
        let (constituency, elected_by) = match (&level, place) {
            (Some(l), Some(p)) if !l.value.is_direct() => (None, Some(p)),
            (_, p) => (p, None),
        };
        let elected_by = elected_by.or_else(|| row.take("elected_by"));
        let gender = row
            .word("gender", headers::gender, "男, 女")
            .map(|g| g.value);
        let status = row.word("status", headers::status, "在任, 终止 (or active, ended)");
        let area_code = row.take("area_code");
        let phone = row.take("phone").map(|p| match &area_code {
            Some(a)
                if !p.value.as_str().contains('-')
                    && !p.value.as_str().starts_with('0')
                    && !p.value.as_str().starts_with('1') =>
            {
                p.map(|t| Text(format!("{}-{t}", a.value)))
            }
            _ => p,
        });
        let one = |t: Option<At<Text>>| t.map(|t| t.map(super::located::OneOrMany::One));
        let contact = RawContact {
            phone: one(phone),
            email: one(row.take("email")),
            mobile: one(row.take("mobile")),
            fax: one(row.take("fax")),
            wechat: one(row.take("wechat")),
            website: one(row.take("website")),
            mailbox: one(row.take("mailbox")),
            other: Vec::new(),
        };
        let contact = [
            &contact.phone,
            &contact.email,
            &contact.mobile,
            &contact.fax,
            &contact.wechat,
            &contact.website,
            &contact.mailbox,
        ]
        .iter()
        .any(|c| c.is_some())
        .then_some(contact)
        .map(Box::new);
        let birth = row.take("birth");
        let party = row.take("party");
        let raw = RawDeputy {
            constituency,
            elected_by,
            term: row.take("term"),
            gender,
            ethnicity: row.take("ethnicity").map(|t| t.value),
            photo: row.take("photo"),
            occupation: row
                .take("occupation")
                .map(|t| t.map(crate::sources::Localized::from)),
            group: row.take("group"),
            stations: row.list("stations"),
            contact,
            status,
            ended: row.take("ended"),
            reason: row.take("reason").map(|t| t.value),
            pinyin: row.take("pinyin").map(|t| t.value),
            name_native: row.take("name_native"),
            extra: extra(vec![("birth", birth), ("party", party)]),
            name: name?.map(crate::sources::Localized::from),
            level: level?,
        };
        let n = raw
            .name
            .value
            .main(crate::vocab::Language::ZhHans)
            .to_owned();
        Some((raw, n))
    }
}

impl FromRow for RawStation {
    const KIND: Option<Kind> = Some(Kind::Station);

    fn from_row(row: &mut Row<'_>) -> Option<(Self, String)> {
        let name = row.required("name", "the name (名称)");
        let area = row.required("area", "the area (所在地)");
        let kind = row
            .word(
                "kind",
                headers::station_kind,
                "联络站, 代表之家, 代表工作室 (or station, home, studio)",
            )
            .map(|k| k.value);
        let serves = row.has("serves").then(|| row.list("serves"));
        let area_code = row.take("area_code");
        let phone = row.take("phone").map(|p| match &area_code {
            Some(a) if !p.value.as_str().contains('-') && !p.value.as_str().starts_with('0') => {
                p.map(|t| Text(format!("{}-{t}", a.value)))
            }
            _ => p,
        });
        let on_duty = row.list("on_duty");
        let mut receptions = Vec::new();
        if let Some(cell) = row.take("receptions") {
            match reception::parse(cell.value.as_str(), cell.line, cell.col) {
                Ok(mut rs) => {
                    if !on_duty.is_empty() {
                        for r in &mut rs {
                            r.value.deputies = Some(At::new(on_duty.clone(), cell.line, cell.col));
                        }
                    }
                    receptions = rs;
                }
                Err(msg) => {
                    let d = Diagnostic::error(row.span(&cell), msg).hint(
                        "one rule a line (or separated by ；): 每周二 9:00-11:30, 每月第一个星期五 14:30-17:00, 每月10日 9:00-11:30; write other schedules in the station's Markdown file",
                    );
                    row.errors.push(d);
                }
            }
        }
        let raw = RawStation {
            kind,
            serves,
            address: row
                .take("address")
                .map(|t| t.map(crate::sources::Localized::from)),
            location: None,
            phone,
            accessibility: Vec::new(),
            receptions,
            exceptions: Vec::new(),
            pinyin: row.take("pinyin").map(|t| t.value),
            extra: None,
            name: name?.map(crate::sources::Localized::from),
            area: area?,
        };
        let n = raw
            .name
            .value
            .main(crate::vocab::Language::ZhHans)
            .to_owned();
        Some((raw, n))
    }
}

impl FromRow for RawActivity {
    const KIND: Option<Kind> = Some(Kind::Activity);

    fn from_row(row: &mut Row<'_>) -> Option<(Self, String)> {
        let title = row.required("title", "the title (标题)");
        let date = row.required("date", "the date (日期)");
        let kind = match row.required("kind", "the kind (类型)") {
            Some(cell) => {
                row.cells.push(("kind", cell));
                row.word(
                    "kind",
                    headers::activity_kind,
                    "视察, 调研, 接待, 述职, 小组活动, 培训, 座谈, 其他",
                )
            }
            None => None,
        };
        let received = row
            .take("received")
            .and_then(|r| match r.value.as_str().parse::<u32>() {
                Ok(n) => Some(At::new(n, r.line, r.col)),
                Err(_) => {
                    row.error(
                        &r,
                        format!("`{}` is not a number of people", r.value),
                        "write a whole number, e.g. 12".to_owned(),
                    );
                    None
                }
            });
        let privacy = row.privacy();
        let raw = RawActivity {
            deputies: row.list("deputies"),
            station: row.take("station"),
            area: row.take("area"),
            received,
            suggestions: row.list("suggestions"),
            privacy,
            extra: None,
            group: row.take("group"),
            guests: Vec::new(),
            evaluation: None,
            kind: kind?,
            title: title?.map(crate::sources::Localized::from),
            date: date?,
        };
        let n = format!(
            "{}-{}",
            raw.date.value,
            raw.title.value.main(crate::vocab::Language::ZhHans)
        );
        Some((raw, n))
    }
}

impl FromRow for RawPage {
    const KIND: Option<Kind> = None;

    fn from_row(_: &mut Row<'_>) -> Option<(Self, String)> {
        None
    }
}

fn suggestion(row: &mut Row<'_>) -> Option<RawSuggestion> {
    let id = row.required("id", "the id (编号)");
    let received = row.required("received", "the date received (收到日期)");
    let summary = row.required("summary", "the summary (内容)");
    let channel = if row.has("channel") {
        let c = row.required("channel", "the channel (渠道)");
        if let Some(c) = c {
            row.cells.push(("channel", c));
        }
        row.word("channel", headers::channel, "接待, 走访, 热线, 网络, 来信, 会议 (or reception, visit, hotline, online, letter, session)")
    } else {
        row.required("channel", "the channel (渠道)");
        None
    };
    let satisfaction = row.word(
        "satisfaction",
        headers::satisfaction,
        "满意, 基本满意, 不满意",
    );
    let privacy = row.privacy();
    Some(RawSuggestion {
        deputies: row.list("deputies"),
        station: row.take("station"),
        area: row.take("area"),
        category: row.take("category"),
        handler: row.take("handler"),
        transferred: row.take("transferred"),
        replied: row.take("replied"),
        outcome: row.take("outcome"),
        reply: row.take("reply"),
        priority: row.flag("priority"),
        extended: row.flag("extended"),
        satisfaction,
        history: Vec::new(),
        privacy,
        extra: None,
        id: id?,
        received: received?,
        channel: channel?,
        summary: summary?,
    })
}

/// An id made of a name's pinyin: 王伟 → `wang-wei`, 李秀英 → `li-xiuying` (surname, then
/// the given name in one word), other text → its syllables joined by `-`.
pub(crate) fn pinyin_id(name: &str, person: bool) -> String {
    use pinyin::ToPinyin;
    let mut parts: Vec<String> = Vec::new();
    let mut word = String::new();
    for c in headers::fold_width(name).chars() {
        if let Some(p) = c.to_pinyin() {
            if !word.is_empty() {
                parts.push(std::mem::take(&mut word));
            }
            parts.push(
                p.plain()
                    .chars()
                    .filter(char::is_ascii_alphabetic)
                    .collect(),
            );
        } else if c.is_ascii_alphanumeric() {
            word.push(c.to_ascii_lowercase());
        } else if !word.is_empty() {
            parts.push(std::mem::take(&mut word));
        }
    }
    if !word.is_empty() {
        parts.push(word);
    }
    parts.retain(|p| !p.is_empty());
    if person && parts.len() > 1 {
        let given = parts[1..].concat();
        return format!("{}-{given}", parts[0]);
    }
    parts.truncate(8);
    parts.join("-")
}

/// Settle the ids of the rows read from workbooks of one folder: an ID column's value, or
/// the name's pinyin with `-2`, `-3` … after namesakes, never an id another file or row
/// already has (`taken`). One warning (at the first such row) says that these ids change
/// when namesakes are reordered.
pub(crate) fn settle_ids<T>(
    rows: Vec<RowItem<T>>,
    taken: &mut HashSet<String>,
    person: bool,
    noun: &str,
    diags: &mut Vec<Diagnostic>,
) -> Vec<(String, Origin, T, Body)> {
    for r in &rows {
        if let Some(id) = &r.id {
            taken.insert(id.clone());
        }
    }
    let mut warned = false;
    let mut out = Vec::with_capacity(rows.len());
    for r in rows {
        let id = match r.id {
            Some(id) => id,
            None => {
                if !warned {
                    warned = true;
                    diags.push(
                        Diagnostic::warning(
                            r.origin.start(),
                            format!("this sheet has no ID column: {noun} ids (and so web addresses) are made from the names' pinyin, and change when namesakes are reordered"),
                        )
                        .hint("add a column headed `编号` (or `ID`) with an id for every row, e.g. wang-wei, so addresses stay the same"),
                    );
                }
                let base = pinyin_id(&r.name, person);
                let base = if base.is_empty() {
                    "item".to_owned()
                } else {
                    base
                };
                let mut id = base.clone();
                let mut n = 2;
                while taken.contains(&id) {
                    id = format!("{base}-{n}");
                    n += 1;
                }
                taken.insert(id.clone());
                id
            }
        };
        out.push((id, r.origin, r.raw, r.body));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merged_regions_fill_their_cells_and_overlapping_ones_stop() {
        let mut range = Range::new((0, 0), (2, 2));
        range.set_value((0, 0), Data::String("西镇第一选区".into()));
        let column = Dimensions::new((0, 0), (2, 0));
        assert_eq!(
            fill_merged(&mut range, &[column]),
            Ok(HashSet::from([(1, 0), (2, 0)]))
        );
        assert_eq!(
            range.get_value((2, 0)),
            Some(&Data::String("西镇第一选区".into()))
        );
        // Ten regions over the whole table: more cells than it has.
        let whole = Dimensions::new((0, 0), (2, 2));
        assert_eq!(fill_merged(&mut range, &[whole; 10]), Err(()));
    }

    #[test]
    fn dates_as_offices_type_them() {
        for s in ["2025-03-07", "2025/3/7", "2025.3.7", "2025年3月7日"] {
            assert_eq!(text_date(s).as_deref(), Some("2025-03-07"), "{s}");
        }
        assert_eq!(serial_date(45723.0).as_deref(), Some("2025-03-07"));
        assert!(
            matches!(read_cell(&Data::Float(45723.0), Value::Date), Read::Value(v) if v == "2025-03-07")
        );
        assert!(
            matches!(read_cell(&Data::String("２０２５年３月７日".into()), Value::Date), Read::Value(v) if v == "2025-03-07")
        );
        assert!(
            matches!(read_cell(&Data::Float(1973.05), Value::Month), Read::Value(v) if v == "1973-05")
        );
    }

    #[test]
    fn numbers_stored_as_numbers_and_lost_zeros() {
        assert!(
            matches!(read_cell(&Data::Float(8212345.0), Value::Phone), Read::Value(v) if v == "8212345")
        );
        assert!(
            matches!(read_cell(&Data::String("917-8212345".into()), Value::Phone), Read::Repaired(v, ..) if v == "0917-8212345")
        );
        assert!(
            matches!(read_cell(&Data::Int(917), Value::Phone), Read::Repaired(v, ..) if v == "0917")
        );
        assert!(
            matches!(read_cell(&Data::String("\u{a0} 王伟\u{3000}".into()), Value::Text), Read::Value(v) if v == "王伟")
        );
    }

    #[test]
    fn ids_from_pinyin() {
        assert_eq!(pinyin_id("王伟", true), "wang-wei");
        assert_eq!(pinyin_id("李秀英", true), "li-xiuying");
        assert_eq!(pinyin_id("东镇联络站", false), "dong-zhen-lian-luo-zhan");
    }
}
