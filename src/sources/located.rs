//! Located values: a parsed value together with the line and column it came from.
//!
//! YAML values are located by serde-saphyr's `Spanned`; CSV cells are located by the CSV
//! reader. Both end up as [`At`], so validation reports every mistake at its exact place
//! whatever file format it came from. [`Origin`] ties those lines to a file (and the offset of
//! a front-matter block inside a Markdown file).

use std::fmt;
use std::path::Path;
use std::sync::Arc;

use serde::de::{self, Deserialize, Deserializer, Visitor};
use serde_saphyr::Spanned;

use crate::diag::{Cell, Span};

/// A value with the 1-based line and column of its source text (0 when unknown).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct At<T> {
    pub value: T,
    pub line: u32,
    pub col: u32,
}

impl<T> At<T> {
    pub fn new(value: T, line: u32, col: u32) -> Self {
        At { value, line, col }
    }

    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> At<U> {
        At {
            value: f(self.value),
            line: self.line,
            col: self.col,
        }
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for At<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = Spanned::<T>::deserialize(d)?;
        let line = u32::try_from(s.referenced.line()).unwrap_or(0);
        let col = u32::try_from(s.referenced.column()).unwrap_or(0);
        Ok(At {
            value: s.value,
            line,
            col,
        })
    }
}

/// Where a parsed record lives: its file (relative to the site) and how many lines come
/// before the YAML text inside it (1 for front matter behind a `---` line); for a row of a
/// spreadsheet, the row (its values' lines and columns are the row and column of their cells).
#[derive(Debug, Clone)]
pub struct Origin {
    pub file: Arc<Path>,
    pub line_offset: u32,
    pub row: Option<Arc<SheetRow>>,
    /// For a file read from many rows of a workbook as one (`areas.xlsx`): the rows, by
    /// the line their values carry (see [`Book`]).
    pub book: Option<Arc<Book>>,
}

/// The rows of a workbook read as one file (`areas.xlsx`). Its values carry a line made of
/// the sheet's position and the row ([`Book::line`]), so one [`Origin`] names the cell of
/// any value, in any sheet, with the cell's header and text.
#[derive(Debug, Default)]
pub struct Book {
    /// The sheets, in the workbook's order.
    pub sheets: Vec<Arc<str>>,
    /// Each row read, by its line.
    pub rows: std::collections::BTreeMap<u32, Arc<SheetRow>>,
}

impl Book {
    /// Rows of a sheet take this many bits of a line (a sheet has at most 1,048,576 rows).
    const ROW_BITS: u32 = 21;

    /// The line of `row` (1-based) of the `sheet`-th sheet (0-based).
    pub fn line(sheet: usize, row: u32) -> u32 {
        ((sheet as u32) << Self::ROW_BITS) | row
    }

    /// The sheet and row of a line.
    fn place(&self, line: u32) -> (Option<&Arc<str>>, u32) {
        let sheet = (line >> Self::ROW_BITS) as usize;
        (self.sheets.get(sheet), line & ((1 << Self::ROW_BITS) - 1))
    }
}

/// A row of a spreadsheet, kept so that a problem found in any of its values names the
/// cell, its column's header and what the cell holds.
#[derive(Debug)]
pub struct SheetRow {
    pub sheet: Arc<str>,
    /// The header of each column (0-based), empty where there is none.
    pub headers: Arc<[String]>,
    /// The 1-based row.
    pub row: u32,
    /// The text of each cell (0-based column) as the office typed it.
    pub cells: Vec<String>,
}

impl SheetRow {
    fn cell(&self, row: u32, col: u32) -> Cell {
        let pick = |v: Option<&String>| v.filter(|s| !s.is_empty()).cloned();
        let ix = (col as usize).checked_sub(1);
        Cell {
            sheet: Arc::clone(&self.sheet),
            header: ix.and_then(|i| pick(self.headers.get(i))),
            text: ix
                .filter(|_| row == self.row)
                .and_then(|i| pick(self.cells.get(i))),
        }
    }
}

impl Origin {
    pub fn new(file: Arc<Path>, line_offset: u32) -> Self {
        Origin {
            file,
            line_offset,
            row: None,
            book: None,
        }
    }

    /// Many rows of a workbook read as one file.
    pub fn book(file: Arc<Path>, book: Book) -> Self {
        Origin {
            file,
            line_offset: 0,
            row: None,
            book: Some(Arc::new(book)),
        }
    }

    /// A row of a spreadsheet.
    pub fn sheet_row(file: Arc<Path>, row: SheetRow) -> Self {
        Origin {
            file,
            line_offset: 0,
            row: Some(Arc::new(row)),
            book: None,
        }
    }

    /// The place of a located value in this file.
    pub fn at<T>(&self, at: &At<T>) -> Span {
        self.line(at.line, at.col)
    }

    pub fn line(&self, line: u32, col: u32) -> Span {
        if let Some(book) = &self.book {
            if let Some(r) = book.rows.get(&line) {
                return Span::cell(&self.file, r.row, col, r.cell(r.row, col));
            }
            return match book.place(line) {
                (Some(sheet), row) => Span::cell(
                    &self.file,
                    row,
                    col,
                    Cell {
                        sheet: Arc::clone(sheet),
                        header: None,
                        text: None,
                    },
                ),
                (None, _) => Span::file(&self.file),
            };
        }
        if let Some(r) = &self.row {
            let row = if line == 0 { r.row } else { line };
            let col = if line == 0 { 0 } else { col };
            return Span::cell(&self.file, row, col, r.cell(row, col));
        }
        if line == 0 {
            Span::new(&self.file, self.line_offset.max(1), 1)
        } else {
            Span::new(&self.file, line + self.line_offset, col)
        }
    }

    /// The start of the record (the first line of its YAML).
    pub fn start(&self) -> Span {
        if self.book.is_some() {
            return Span::file(&self.file);
        }
        if let Some(r) = &self.row {
            return Span::cell(&self.file, r.row, 0, r.cell(r.row, 0));
        }
        Span::new(&self.file, self.line_offset + 1, 1)
    }
}

/// A scalar read as text whatever YAML made of it: `code: 610300`, `phone: 12345` and
/// `id: 2024` are all text to an editor, not numbers.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Text(pub String);

impl Text {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Text;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a single value (text, number or date), not a list or a map")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Text, E> {
                Ok(Text(v.to_owned()))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Text, E> {
                Ok(Text(v))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Text, E> {
                Ok(Text(v.to_string()))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Text, E> {
                Ok(Text(v.to_string()))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Text, E> {
                Ok(Text(v.to_string()))
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Text, E> {
                Ok(Text(v.to_string()))
            }
        }
        d.deserialize_any(V)
    }
}

/// One value or a list of them (`weekday: friday` or `weekday: [tuesday, thursday]`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OneOrMany<T> {
    One(T),
    Many(Vec<T>),
}

impl<T> OneOrMany<T> {
    pub fn into_vec(self) -> Vec<T> {
        match self {
            OneOrMany::One(v) => vec![v],
            OneOrMany::Many(v) => v,
        }
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for OneOrMany<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<T>(std::marker::PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for V<T> {
            type Value = OneOrMany<T>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a value or a list of values")
            }
            fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                let mut out = Vec::new();
                while let Some(v) = seq.next_element()? {
                    out.push(v);
                }
                Ok(OneOrMany::Many(out))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                T::deserialize(de::value::StrDeserializer::new(v)).map(OneOrMany::One)
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
                T::deserialize(de::value::I64Deserializer::new(v)).map(OneOrMany::One)
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
                T::deserialize(de::value::U64Deserializer::new(v)).map(OneOrMany::One)
            }
        }
        d.deserialize_any(V(std::marker::PhantomData))
    }
}

/// Text an editor may give per language: a plain value (the same in every language) or a
/// map from language code to text (`name: { zh-Hans: 李秀英, en: Li Xiuying }`). An unknown
/// code is a parse error at its key; whether the site's first language is there is checked
/// by validation (`model::translations`), which knows the site's languages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Localized {
    Plain(Text),
    Map(Vec<(At<crate::vocab::Language>, Text)>),
}

impl Localized {
    /// The text in `first`, the site's main language: the plain value, the map's entry for
    /// `first`, or (a map without it, which validation reports) its first entry.
    pub fn main(&self, first: crate::vocab::Language) -> &str {
        match self {
            Localized::Plain(t) => t.as_str(),
            Localized::Map(m) => m
                .iter()
                .find(|(l, _)| l.value == first)
                .or(m.first())
                .map_or("", |(_, t)| t.as_str()),
        }
    }

    /// Every text given, in every language.
    pub fn texts(&self) -> Vec<&str> {
        match self {
            Localized::Plain(t) => vec![t.as_str()],
            Localized::Map(m) => m.iter().map(|(_, t)| t.as_str()).collect(),
        }
    }

    /// The translations a map gives besides `first` (none for a plain value).
    pub fn others(&self, first: crate::vocab::Language) -> Vec<(crate::vocab::Language, String)> {
        match self {
            Localized::Plain(_) => Vec::new(),
            Localized::Map(m) => m
                .iter()
                .filter(|(l, _)| l.value != first)
                .map(|(l, t)| (l.value, t.0.clone()))
                .collect(),
        }
    }
}

impl From<Text> for Localized {
    fn from(t: Text) -> Self {
        Localized::Plain(t)
    }
}

impl<'de> Deserialize<'de> for Localized {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Localized;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(
                    "a text, or a text per language (`{ zh-Hans: 李秀英, en: Li Xiuying }`)",
                )
            }
            fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<Localized, A::Error> {
                let mut out: Vec<(At<crate::vocab::Language>, Text)> = Vec::new();
                while let Some(key) = map.next_key::<At<crate::vocab::Language>>()? {
                    let value: Text = map.next_value()?;
                    if out.iter().any(|(l, _)| l.value == key.value) {
                        return Err(de::Error::custom(format!(
                            "`{}` is given twice",
                            key.value.as_str()
                        )));
                    }
                    out.push((key, value));
                }
                Ok(Localized::Map(out))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Localized, E> {
                Ok(Localized::Plain(Text(v.to_owned())))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Localized, E> {
                Ok(Localized::Plain(Text(v)))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Localized, E> {
                Ok(Localized::Plain(Text(v.to_string())))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Localized, E> {
                Ok(Localized::Plain(Text(v.to_string())))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Localized, E> {
                Ok(Localized::Plain(Text(v.to_string())))
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Localized, E> {
                Ok(Localized::Plain(Text(v.to_string())))
            }
        }
        d.deserialize_any(V)
    }
}
