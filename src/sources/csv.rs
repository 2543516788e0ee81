//! Suggestion records from CSV files, with the same column names as the YAML keys.
//!
//! A spreadsheet is how many offices keep their records, so a CSV row becomes exactly the
//! same raw record a YAML list item would, every cell located at its row and character
//! column. List cells separate values with `;`. `history` has no CSV form; a privacy review
//! is written in the columns `privacy_reviewed` and `privacy_reason`.

use std::path::Path;
use std::sync::Arc;

use super::Doc;
use super::located::{At, Origin, Text};
use super::raw::{RawPrivacyReview, RawSuggestion};
use crate::diag::{Diagnostic, Span, did_you_mean};
use crate::vocab::{Channel, Satisfaction};

const COLUMNS: &[&str] = &[
    "id",
    "received",
    "channel",
    "deputies",
    "station",
    "area",
    "category",
    "summary",
    "handler",
    "transferred",
    "replied",
    "outcome",
    "reply",
    "satisfaction",
    "priority",
    "extended",
    "privacy_reviewed",
    "privacy_reason",
];
const REQUIRED: &[&str] = &["id", "received", "channel", "summary"];

/// Parse a whole CSV file; every bad cell is reported, not just the first.
pub fn suggestions(
    file: &Arc<Path>,
    text: &str,
) -> Result<Vec<Doc<RawSuggestion>>, Vec<Diagnostic>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let lines: Vec<&str> = text.split('\n').collect();
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(false)
        .from_reader(text.as_bytes());
    let mut errors = Vec::new();
    let headers: Vec<String> = match reader.headers() {
        Ok(h) => h.iter().map(|s| s.trim().to_owned()).collect(),
        Err(e) => return Err(vec![csv_error(file, text, &e)]),
    };
    for (i, h) in headers.iter().enumerate() {
        if !COLUMNS.contains(&h.as_str()) {
            let col = field_col(lines.first().copied().unwrap_or(""), i);
            let mut d = Diagnostic::error(Span::new(file, 1, col), format!("unknown column `{h}`"));
            d = match did_you_mean(h, COLUMNS.iter().copied()) {
                Some(c) => d.hint(format!(
                    "did you mean `{c}`? the columns are: {}",
                    COLUMNS.join(", ")
                )),
                None => d.hint(format!("the columns are: {}", COLUMNS.join(", "))),
            };
            errors.push(d);
        }
    }
    for (i, h) in headers.iter().enumerate() {
        if let Some(first) = headers[..i].iter().position(|x| x == h) {
            let line = lines.first().copied().unwrap_or("");
            errors.push(
                Diagnostic::error(
                    Span::new(file, 1, field_col(line, i)),
                    format!(
                        "the column `{h}` appears twice: columns {} and {} of the first row",
                        column_letter(first),
                        column_letter(i)
                    ),
                )
                .hint("keep one of them: only one value per record can be published, and lianluo will not guess which"),
            );
        }
    }
    for r in REQUIRED {
        if !headers.iter().any(|h| h == r) {
            errors.push(
                Diagnostic::error(
                    Span::new(file, 1, 1),
                    format!("the required column `{r}` is missing"),
                )
                .hint(format!("add a column named `{r}` to the first row")),
            );
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let origin = Origin::new(Arc::clone(file), 0);
    let mut out = Vec::new();
    for rec in reader.records() {
        let rec = match rec {
            Ok(r) => r,
            Err(e) => {
                errors.push(csv_error(file, text, &e));
                continue;
            }
        };
        let line = rec.position().map_or(0, |p| line_at(text, p));
        let line_text = lines
            .get(line.saturating_sub(1) as usize)
            .copied()
            .unwrap_or("");
        let mut row = Row {
            file,
            line,
            line_text,
            headers: &headers,
            cells: Vec::new(),
            errors: &mut errors,
        };
        for (i, (h, v)) in headers.iter().zip(rec.iter()).enumerate() {
            let v = v.trim();
            if !v.is_empty() {
                row.cells.push((
                    h.clone(),
                    At::new(Text(v.to_owned()), line, field_col(line_text, i)),
                ));
            }
        }
        if let Some(raw) = row.into_raw() {
            out.push(Doc {
                origin: origin.clone(),
                raw,
            });
        }
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}

/// The 1-based line a record starts on. The reader's own line count is one short after
/// each `\r\n` (it puts a record's start on the `\n` before it), and spreadsheets on Windows
/// write `\r\n`: count the line feeds before the record's first character instead.
fn line_at(text: &str, pos: &csv::Position) -> u32 {
    let start = usize::try_from(pos.byte())
        .unwrap_or(text.len())
        .min(text.len());
    let first = text[start..]
        .find(|c| c != '\r' && c != '\n')
        .map_or(text.len(), |i| start + i);
    text[..first].matches('\n').count() as u32 + 1
}

fn csv_error(file: &Arc<Path>, text: &str, e: &csv::Error) -> Diagnostic {
    let line = e.position().map_or(0, |p| line_at(text, p));
    let msg = match e.kind() {
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => {
            format!("this row has {len} cells but the first row names {expected_len} columns")
        }
        csv::ErrorKind::Utf8 { .. } => "this row is not UTF-8 text".to_owned(),
        _ => format!("this row cannot be read as CSV: {e}"),
    };
    Diagnostic::error(Span::new(file, line, 1), msg).hint(
        "check for a missing or extra comma, and put cells that contain commas in double quotes",
    )
}

/// 1-based character column where field `index` starts on a physical CSV line.
/// A spreadsheet's name of the column at `index` (0-based): A … Z, AA, AB …
fn column_letter(index: usize) -> String {
    let mut n = index + 1;
    let mut letters = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(char::from(b'A' + rem as u8));
        n = (n - 1) / 26;
    }
    letters.iter().rev().collect()
}

fn field_col(line: &str, index: usize) -> u32 {
    let mut field = 0;
    let mut quoted = false;
    for (chars, c) in line.chars().enumerate() {
        if field == index {
            return chars as u32 + 1;
        }
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => field += 1,
            _ => {}
        }
    }
    line.chars().count() as u32 + 1
}

struct Row<'a> {
    file: &'a Arc<Path>,
    line: u32,
    line_text: &'a str,
    headers: &'a [String],
    cells: Vec<(String, At<Text>)>,
    errors: &'a mut Vec<Diagnostic>,
}

impl Row<'_> {
    fn take(&mut self, name: &str) -> Option<At<Text>> {
        let i = self.cells.iter().position(|(h, _)| h == name)?;
        Some(self.cells.swap_remove(i).1)
    }

    fn list(&mut self, name: &str) -> Vec<At<Text>> {
        let Some(cell) = self.take(name) else {
            return Vec::new();
        };
        let mut col = cell.col;
        let mut out = Vec::new();
        for part in cell.value.0.split(';') {
            let lead = part.chars().take_while(|c| c.is_whitespace()).count() as u32;
            if !part.trim().is_empty() {
                out.push(At::new(Text(part.trim().to_owned()), cell.line, col + lead));
            }
            col += part.chars().count() as u32 + 1;
        }
        out
    }

    fn flag(&mut self, name: &str) -> bool {
        let Some(cell) = self.take(name) else {
            return false;
        };
        match cell.value.0.to_lowercase().as_str() {
            "true" | "yes" | "1" | "是" => true,
            "false" | "no" | "0" | "否" => false,
            other => {
                self.errors.push(
                    Diagnostic::error(
                        Span::new(self.file, cell.line, cell.col),
                        format!("`{other}` in column `{name}` is not true or false"),
                    )
                    .hint("write true or false (是/否 also work), or leave the cell empty"),
                );
                false
            }
        }
    }

    fn word<T>(
        &mut self,
        name: &str,
        parse: fn(&str) -> Option<T>,
        words: fn() -> String,
    ) -> Option<At<T>> {
        let cell = self.take(name)?;
        match parse(cell.value.as_str()) {
            Some(v) => Some(At::new(v, cell.line, cell.col)),
            None => {
                self.errors.push(
                    Diagnostic::error(
                        Span::new(self.file, cell.line, cell.col),
                        format!(
                            "`{}` in column `{name}` is not an allowed value",
                            cell.value
                        ),
                    )
                    .hint(format!("use one of: {}", words())),
                );
                None
            }
        }
    }

    fn required(&mut self, name: &str) -> Option<At<Text>> {
        let cell = self.take(name);
        if cell.is_none() {
            let index = self.headers.iter().position(|h| h == name).unwrap_or(0);
            let col = field_col(self.line_text, index);
            self.errors.push(
                Diagnostic::error(
                    Span::new(self.file, self.line, col),
                    format!("the cell `{name}` is empty in this row"),
                )
                .hint(format!("every record needs `{name}`")),
            );
        }
        cell
    }

    fn into_raw(mut self) -> Option<RawSuggestion> {
        let id = self.required("id");
        let received = self.required("received");
        let summary = self.required("summary");
        let channel = if self.cells.iter().any(|(h, _)| h == "channel") {
            self.word("channel", Channel::parse, Channel::words)
        } else {
            self.required("channel");
            None
        };
        let satisfaction = self.word("satisfaction", Satisfaction::parse, Satisfaction::words);
        let reviewed = self.flag("privacy_reviewed");
        let reason = self.take("privacy_reason");
        let privacy = (reviewed || reason.is_some()).then(|| {
            At::new(
                RawPrivacyReview {
                    reviewed,
                    reason: reason.map(|r| r.value),
                },
                self.line,
                1,
            )
        });
        let raw = RawSuggestion {
            deputies: self.list("deputies"),
            station: self.take("station"),
            area: self.take("area"),
            category: self.take("category"),
            handler: self.take("handler"),
            transferred: self.take("transferred"),
            replied: self.take("replied"),
            outcome: self.take("outcome"),
            reply: self.take("reply"),
            priority: self.flag("priority"),
            extended: self.flag("extended"),
            satisfaction,
            history: Vec::new(),
            privacy,
            extra: None,
            id: id?,
            received: received?,
            channel: channel?,
            summary: summary?,
        };
        Some(raw)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file() -> Arc<Path> {
        Arc::from(Path::new("suggestions/q4.csv"))
    }

    #[test]
    fn reads_rows_with_lists_and_locations() {
        let csv = "id,received,channel,deputies,summary\n2026-101,2026-10-08,hotline,li-xiuying;wang-jun,路灯不亮\n";
        let docs = suggestions(&file(), csv).expect("parses");
        assert_eq!(docs.len(), 1);
        let r = &docs[0].raw;
        assert_eq!(r.id.value.as_str(), "2026-101");
        assert_eq!(r.deputies.len(), 2);
        // `wang-jun` starts at character 40 of `2026-101,2026-10-08,hotline,li-xiuying;wang-jun,…`.
        assert_eq!((r.deputies[1].line, r.deputies[1].col), (2, 40));
        assert_eq!(r.channel.value, Channel::Hotline);
    }

    #[test]
    fn bad_cells_are_all_reported_with_row_and_column() {
        let csv = "id,received,channel,summary,priority\n1,2026-01-01,phone,a,maybe\n2,2026-01-02,visit,b,\n";
        let errs = suggestions(&file(), csv).expect_err("must fail");
        let places: Vec<String> = errs.iter().map(|d| d.span.to_string()).collect();
        assert_eq!(
            places,
            ["suggestions/q4.csv:2:14", "suggestions/q4.csv:2:22"]
        );
    }

    #[test]
    fn an_empty_required_cell_is_reported_at_its_column() {
        let csv = "id,received,channel,summary\n2026-101,2026-10-08,hotline,\n";
        let errs = suggestions(&file(), csv).expect_err("must fail");
        assert_eq!(errs.len(), 1);
        assert_eq!(errs[0].message, "the cell `summary` is empty in this row");
        assert_eq!(errs[0].span.to_string(), "suggestions/q4.csv:2:29");
    }

    #[test]
    fn rows_of_a_crlf_file_are_reported_on_their_own_line() {
        let csv = "id,received,channel,summary\r\n1,2026-01-01,visit,a\r\n2,2026-01-02,phone,b\r\n3,2026-01-03,visit\r\n";
        let errs = suggestions(&file(), csv).expect_err("must fail");
        let places: Vec<String> = errs.iter().map(|d| d.span.to_string()).collect();
        assert_eq!(
            places,
            ["suggestions/q4.csv:3:14", "suggestions/q4.csv:4:1"]
        );
    }

    #[test]
    fn unknown_column_names_the_fix() {
        let errs = suggestions(&file(), "id,recieved,channel,summary\n").expect_err("must fail");
        assert!(
            errs[0]
                .hint
                .as_deref()
                .unwrap_or("")
                .contains("did you mean `received`?")
        );
    }
}
