//! Merged cells of an `.ods` workbook, which calamine does not report: `content.xml` is read
//! again for the cells that span rows or columns (`table:number-rows-spanned`,
//! `table:number-columns-spanned`), counting rows and cells as calamine does (repeated rows
//! and cells, covered cells, header rows and row groups), so each region is in the same
//! 0-based positions as the sheet's cells. A file without a spanning cell is passed over
//! after one search of its text.

use std::collections::HashMap;
use std::io::Read;
use std::path::Path;

use calamine::Dimensions;
use quick_xml::events::{BytesStart, Event};

/// The merged regions of each sheet of the `.ods` at `path`, by sheet name; empty when
/// there are none or the file cannot be read (calamine reports that).
pub(crate) fn ods(path: &Path) -> HashMap<String, Vec<Dimensions>> {
    let content = std::fs::File::open(path)
        .ok()
        .and_then(|f| zip::ZipArchive::new(std::io::BufReader::new(f)).ok())
        .and_then(|mut z| {
            let mut text = Vec::new();
            z.by_name("content.xml").ok()?.read_to_end(&mut text).ok()?;
            Some(text)
        });
    match content {
        Some(xml) if has_span(&xml) => regions(&xml),
        _ => HashMap::new(),
    }
}

fn has_span(xml: &[u8]) -> bool {
    const NEEDLE: &[u8] = b"-spanned=";
    xml.windows(NEEDLE.len()).any(|w| w == NEEDLE)
}

/// A whole-number attribute of a tag, 1 when absent.
fn count(e: &BytesStart<'_>, name: &str) -> u32 {
    e.attributes()
        .flatten()
        .find(|a| a.key.as_ref() == name)
        .and_then(|a| a.value.trim().parse().ok())
        .unwrap_or(1)
        .max(1)
}

fn text_attr(e: &BytesStart<'_>, name: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.as_ref() == name)
        .and_then(|a| {
            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .ok()
                .map(|v| v.into_owned())
        })
}

/// The merged regions of each sheet of `content.xml`.
fn regions(xml: &[u8]) -> HashMap<String, Vec<Dimensions>> {
    let mut out: HashMap<String, Vec<Dimensions>> = HashMap::new();
    let mut reader = quick_xml::Reader::from_reader(xml);
    let mut buf = Vec::new();
    // Tables inside tables (a table in a cell) are not the sheet's: only depth 1 counts.
    let mut depth = 0u32;
    let mut sheet = String::new();
    let (mut row, mut col) = (0u32, 0u32);
    let mut row_repeat = 1u32;
    loop {
        let event = match reader.read_event_into(&mut buf) {
            Ok(Event::Eof) | Err(_) => break,
            Ok(e) => e,
        };
        let (e, empty) = match &event {
            Event::Start(e) => (Some(e), false),
            Event::Empty(e) => (Some(e), true),
            Event::End(end) => {
                match end.name().as_ref() {
                    "table:table" => depth = depth.saturating_sub(1),
                    "table:table-row" if depth == 1 => row = row.saturating_add(row_repeat),
                    _ => {}
                }
                buf.clear();
                continue;
            }
            _ => (None, false),
        };
        if let Some(e) = e {
            match e.name().as_ref() {
                "table:table" => {
                    if !empty {
                        depth += 1;
                    }
                    if depth == 1 {
                        sheet = text_attr(e, "table:name").unwrap_or_default();
                        row = 0;
                    }
                }
                "table:table-row" if depth == 1 => {
                    row_repeat = count(e, "table:number-rows-repeated");
                    col = 0;
                    if empty {
                        row = row.saturating_add(row_repeat);
                    }
                }
                "table:table-cell" | "table:covered-table-cell" if depth == 1 => {
                    let rows = count(e, "table:number-rows-spanned");
                    let cols = count(e, "table:number-columns-spanned");
                    if (rows > 1 || cols > 1) && e.name().as_ref() == "table:table-cell" {
                        out.entry(sheet.clone()).or_default().push(Dimensions {
                            start: (row, col),
                            end: (row.saturating_add(rows - 1), col.saturating_add(cols - 1)),
                        });
                    }
                    col = col.saturating_add(count(e, "table:number-columns-repeated"));
                }
                _ => {}
            }
        }
        buf.clear();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A span of 4,294,967,295 rows overflowed (a panic in debug and fuzz builds).
    #[test]
    fn a_span_of_u32_max_rows_no_longer_overflows() {
        let xml = br#"<office:spreadsheet><table:table table:name="S">
<table:table-row><table:table-cell/></table:table-row>
<table:table-row><table:table-cell table:number-rows-spanned="4294967295" table:number-columns-spanned="4294967295"><text:p>x</text:p></table:table-cell></table:table-row>
</table:table></office:spreadsheet>"#;
        let found = regions(xml);
        assert_eq!(found["S"][0].end, (u32::MAX, u32::MAX - 1));
    }

    #[test]
    fn spans_are_placed_after_repeated_rows_and_cells() {
        let xml = br#"<office:spreadsheet><table:table table:name="S">
<table:table-row table:number-rows-repeated="2"><table:table-cell/></table:table-row>
<table:table-header-rows><table:table-row><table:table-cell table:number-columns-repeated="3"/>
<table:table-cell table:number-rows-spanned="2" office:value-type="string"><text:p>0917</text:p></table:table-cell>
</table:table-row></table:table-header-rows>
<table:table-row><table:table-cell/><table:covered-table-cell/></table:table-row>
</table:table></office:spreadsheet>"#;
        let found = regions(xml);
        let s = &found["S"];
        assert_eq!(s.len(), 1);
        assert_eq!((s[0].start, s[0].end), ((2, 3), (3, 3)));
    }
}
