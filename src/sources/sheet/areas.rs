//! `areas.xlsx` (or `.xls`, `.et`, `.ods`): the divisions, constituencies and electing units
//! of `areas.yaml`, kept as a workbook by an office that prefers it.
//!
//! Each sheet holds one of the three (see [`super::pick`]): a sheet named for
//! constituencies (`选区`) or electing units (`选举单位`) holds them, another sheet holds
//! constituencies when it has a column of the areas they cover (`覆盖范围`), else areas. The
//! rows become the same [`RawAreasFile`] that `areas.yaml` gives, so validation is the
//! same; its [`Origin`] is the workbook as a [`Book`], so every problem the validation finds
//! names its cell (`areas.xlsx › 选区 › D4`) with the column's header and the cell's text.

use std::collections::HashSet;
use std::path::Path;
use std::sync::Arc;

use super::headers::{self, Kind};
use super::{Row, RowItem};
use crate::diag::{Diagnostic, display_path};
use crate::sources::Doc;
use crate::sources::located::{At, Book, Origin, Text};
use crate::sources::raw::{RawArea, RawAreasFile, RawConstituency, RawUnit};

/// The names `areas.<ext>` the loader reads, in the order it looks for them.
pub(crate) fn names() -> impl Iterator<Item = String> {
    crate::sources::layout::AREA_WORKBOOKS
        .iter()
        .map(|n| (*n).to_owned())
}

/// One row of a sheet of the workbook, read as what its sheet holds.
enum Place {
    Area(RawArea),
    Constituency(RawConstituency),
    Unit(RawUnit),
}

/// Read the workbook at `path`. The rows that could be read, and every problem; a row with
/// a problem of its own is left out (its errors stop the build).
pub(crate) fn read(
    root: &Path,
    path: &Path,
    skip: &[String],
) -> (Doc<RawAreasFile>, Vec<Diagnostic>) {
    let file = display_path(root, path);
    let mut errors = Vec::new();
    let mut book = Book::default();
    let mut read: Vec<(Kind, RowItem<Located>)> = Vec::new();
    let kinds = [Kind::Area, Kind::Constituency, Kind::Unit];
    super::rows(&file, path, &kinds, skip, &mut errors, |kind, mut row| {
        let sheet = match book.sheets.iter().position(|s| **s == *row.sheet()) {
            Some(i) => i,
            None => {
                book.sheets.push(Arc::from(row.sheet()));
                book.sheets.len() - 1
            }
        };
        let Some(r) = row.origin.row.clone() else {
            return;
        };
        let base = Book::line(sheet, 0);
        let line = base + r.row;
        book.rows.insert(line, r);
        let id = row.take("id").map(|t| moved(t, base));
        let place = match kind {
            Kind::Constituency => {
                constituency(&mut row, base).map(|(c, n)| (Place::Constituency(c), n))
            }
            Kind::Unit => unit(&mut row, base).map(|(u, n)| (Place::Unit(u), n)),
            _ => area(&mut row, base).map(|(a, n)| (Place::Area(a), n)),
        };
        if let Some((place, name)) = place {
            read.push((
                kind,
                RowItem {
                    id: id.as_ref().map(|i| i.value.0.clone()),
                    name,
                    origin: row.origin.clone(),
                    raw: Located { place, id, line },
                    body: Default::default(),
                },
            ));
        }
    });
    // Ids: an ID column's, else the name's pinyin, never one an area or unit (or, among
    // constituencies, another constituency) already has.
    let mut raw = RawAreasFile::default();
    let mut places = HashSet::new();
    let mut constituencies = HashSet::new();
    for kind in kinds {
        let (rows, rest): (Vec<_>, Vec<_>) = read.into_iter().partition(|(k, _)| *k == kind);
        read = rest;
        let (noun, taken) = match kind {
            Kind::Constituency => ("constituency", &mut constituencies),
            Kind::Unit => ("electing unit", &mut places),
            _ => ("area", &mut places),
        };
        let rows: Vec<RowItem<Located>> = rows.into_iter().map(|(_, r)| r).collect();
        for (id, _, located, _) in super::settle_ids(rows, taken, false, noun, &mut errors) {
            // A made id is placed at the row.
            let id = located
                .id
                .unwrap_or_else(|| At::new(Text(id), located.line, 0));
            match located.place {
                Place::Area(mut a) => {
                    a.id = id;
                    raw.areas.push(a);
                }
                Place::Constituency(mut c) => {
                    c.id = id;
                    raw.constituencies.push(c);
                }
                Place::Unit(mut u) => {
                    u.id = id;
                    raw.units.push(u);
                }
            }
        }
    }
    let doc = Doc {
        origin: Origin::book(file, book),
        raw,
    };
    (doc, errors)
}

/// A row's record, its id cell (if it has one) and its line in the book.
struct Located {
    place: Place,
    id: Option<At<Text>>,
    line: u32,
}

/// A value of the row, at its line in the book.
fn moved<T>(at: At<T>, base: u32) -> At<T> {
    At::new(at.value, base + at.line, at.col)
}

fn area(row: &mut Row<'_>, base: u32) -> Option<(RawArea, String)> {
    let name = row.required("name", "the name (名称)");
    let raw = RawArea {
        id: At::new(Text::default(), 0, 0),
        kind: row.take("kind").map(|k| moved(k, base)),
        parent: row.take("parent").map(|p| moved(p, base)),
        code: row.take("code").map(|c| c.value),
        pinyin: row.take("pinyin").map(|p| p.value),
        extra: None,
        name: moved(name?, base).map(crate::sources::Localized::from),
    };
    let n = raw
        .name
        .value
        .main(crate::vocab::Language::ZhHans)
        .to_owned();
    Some((raw, n))
}

fn constituency(row: &mut Row<'_>, base: u32) -> Option<(RawConstituency, String)> {
    let name = row.required("name", "the name (选区名称)");
    let level = match row.required("level", "the level (层级)") {
        Some(cell) => {
            row.cells.push(("level", cell));
            row.word(
                "level",
                headers::level,
                "县, 乡镇 (or county, township): the congress whose deputies it elects",
            )
        }
        None => None,
    };
    let covers_at = row
        .columns
        .iter()
        .find(|(k, _)| *k == "covers")
        .map(|(_, c)| *c);
    let line = row.origin.row.as_ref().map_or(0, |r| r.row);
    let covers: Vec<At<Text>> = row
        .list("covers")
        .into_iter()
        .map(|c| moved(c, base))
        .collect();
    if covers_at.is_none() {
        row.required("covers", "the areas it covers (覆盖范围)");
        return None;
    }
    let raw = RawConstituency {
        id: At::new(Text::default(), 0, 0),
        covers: At::new(covers, base + line, covers_at.unwrap_or(0)),
        extra: None,
        level: moved(level?, base),
        name: moved(name?, base).map(crate::sources::Localized::from),
    };
    let n = raw
        .name
        .value
        .main(crate::vocab::Language::ZhHans)
        .to_owned();
    Some((raw, n))
}

fn unit(row: &mut Row<'_>, base: u32) -> Option<(RawUnit, String)> {
    let name = row.required("name", "the name (单位名称)");
    let raw = RawUnit {
        id: At::new(Text::default(), 0, 0),
        pinyin: row.take("pinyin").map(|p| p.value),
        extra: None,
        name: moved(name?, base).map(crate::sources::Localized::from),
    };
    let n = raw
        .name
        .value
        .main(crate::vocab::Language::ZhHans)
        .to_owned();
    Some((raw, n))
}
