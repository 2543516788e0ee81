//! Excel workbooks (`.xlsx`): every CSV download also as a workbook, so an office opens it
//! in Excel or WPS without an import dialog, and can put what it exported back as a source
//! (the column names are the field names the spreadsheet sources accept).
//!
//! Every cell is written as text (never a formula, so no neutralising `'` is needed: the
//! CSV's is taken off again), but for the plain numbers of the figures' workbook
//! (`data/suggestion-stats.xlsx`); the header row bold and frozen. Workbooks are made a
//! row at a time ([`Book`]). The bytes are the same on
//! every build: the workbook's creation date is the as-of date, and the zip entries carry
//! rust_xlsxwriter's fixed timestamp.

use jiff::civil::Date;
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, XlsxError};

/// The rows one sheet holds in Excel and WPS (1,048,576, the header row included). A
/// download with more rows — the deputies of a national site — goes on as further sheets
/// (`deputies`, `deputies 2`, `deputies 3` …), each starting with the header row.
pub(crate) const SHEET_ROWS: u32 = 1_048_576;

/// The cells of one row, as text.
pub(crate) trait Row {
    fn cells(&self) -> impl Iterator<Item = &str>;
}

impl Row for csv::StringRecord {
    fn cells(&self) -> impl Iterator<Item = &str> {
        self.iter()
    }
}

impl Row for Vec<String> {
    fn cells(&self) -> impl Iterator<Item = &str> {
        self.iter().map(String::as_str)
    }
}

/// How a sheet's cells are written.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct Style<'a> {
    /// Whether cells below the header that hold a plain number (`12`, `-3`, `4.5`) are
    /// written as numbers, so an office can sum and chart them (figures); else every cell
    /// is text.
    pub numbers: bool,
    /// Width of each column in characters (the rest keep Excel's default).
    pub widths: &'a [f64],
}

/// A workbook made a row at a time: the worksheets keep only the row being written in
/// memory (rust_xlsxwriter's constant-memory mode: each finished row goes to an unnamed
/// temporary file, strings inline), so a workbook of millions of rows costs about its
/// text's own bytes, not the hundreds of bytes per cell that a workbook held in memory
/// takes. The rows wait in `scratch` (the build's temporary folder beside the output, so
/// a tmpfs `/tmp` holds none of a national workbook's gigabytes in memory) or, without
/// one, the system's temporary folder.
pub(crate) struct Book {
    workbook: Workbook,
    bold: Format,
    /// Rows per sheet, [`SHEET_ROWS`] (tests use fewer).
    limit: u32,
}

impl std::fmt::Debug for Book {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Book")
    }
}

impl Book {
    /// A workbook dated `as_of`, its rows waiting in `scratch`.
    pub(crate) fn new(as_of: Date, scratch: Option<&std::path::Path>) -> Result<Book, String> {
        Book::with_limit(as_of, scratch, SHEET_ROWS)
    }

    fn with_limit(
        as_of: Date,
        scratch: Option<&std::path::Path>,
        limit: u32,
    ) -> Result<Book, String> {
        let mut workbook = new_workbook(as_of).map_err(failed)?;
        if let Some(dir) = scratch {
            workbook.set_tempdir(dir).map_err(failed)?;
        }
        // A sheet of a million long rows may pass 4 GiB of XML: zip64 then (same bytes on
        // every build either way).
        workbook.use_zip_large_file(true);
        Ok(Book {
            workbook,
            bold: Format::new().set_bold(),
            limit,
        })
    }

    /// A sheet named `name`: `header` in bold and frozen, then `rows`, going on in further
    /// sheets (each with the header) past the limit. A cell loses the `'` that
    /// `output::sheet::neutralise` put before a formula sign (no cell is a formula here).
    pub(crate) fn sheet<R: Row>(
        &mut self,
        name: &str,
        header: &R,
        rows: impl Iterator<Item = Result<R, String>>,
        style: Style<'_>,
    ) -> Result<(), String> {
        let mut rows = rows.peekable();
        let mut part = 1;
        loop {
            let ws = self
                .workbook
                .add_worksheet_with_constant_memory()
                .map_err(failed)?;
            // Excel's names are at most 31 characters: the number is kept, the name cut.
            let title = if part == 1 {
                name.chars().take(31).collect()
            } else {
                let number = format!(" {part}");
                let room = 31 - number.len();
                format!("{}{number}", name.chars().take(room).collect::<String>())
            };
            ws.set_name(title).map_err(failed)?;
            for (c, width) in style.widths.iter().enumerate() {
                ws.set_column_width(column(c).map_err(failed)?, *width)
                    .map_err(failed)?;
            }
            for (c, cell) in header.cells().enumerate() {
                let c = column(c).map_err(failed)?;
                if !cell.is_empty() {
                    ws.write_string_with_format(0, c, plain(cell), &self.bold)
                        .map_err(failed)?;
                }
            }
            let mut r = 1;
            while r < self.limit {
                let Some(row) = rows.next() else { break };
                for (c, cell) in row?.cells().enumerate() {
                    let c = column(c).map_err(failed)?;
                    if cell.is_empty() {
                        continue;
                    }
                    match style.numbers.then(|| number(cell)).flatten() {
                        Some(n) => ws.write_number(r, c, n),
                        None => ws.write_string(r, c, plain(cell)),
                    }
                    .map_err(failed)?;
                }
                r += 1;
            }
            if r > 1 {
                ws.set_freeze_panes(1, 0).map_err(failed)?;
            }
            if rows.peek().is_none() {
                return Ok(());
            }
            part += 1;
        }
    }

    /// The workbook's bytes.
    pub(crate) fn finish(mut self) -> Result<Vec<u8>, String> {
        self.workbook.save_to_buffer().map_err(failed)
    }
}

/// CSV downloads (UTF-8 with a byte order mark, as `output::sheet` writes them), read from
/// the readers given (the files just written, or memory), as the sheets of one workbook
/// ([`Book`]), each named, in order; a CSV of more than [`SHEET_ROWS`] rows fills as many
/// sheets as it needs; every cell is text.
pub(crate) fn from_csvs(
    csvs: Vec<(Box<dyn std::io::Read + '_>, &str)>,
    as_of: Date,
    scratch: Option<&std::path::Path>,
) -> Result<Vec<u8>, String> {
    from_csvs_into(Book::new(as_of, scratch)?, csvs)
}

/// [`from_csvs`] into `book`.
fn from_csvs_into(
    mut book: Book,
    csvs: Vec<(Box<dyn std::io::Read + '_>, &str)>,
) -> Result<Vec<u8>, String> {
    for (mut csv_bytes, name) in csvs {
        let unread =
            |e: &dyn std::fmt::Display| format!("cannot read the CSV of sheet {name}: {e}");
        // The byte order mark is not part of the first cell.
        let mut head = Vec::with_capacity(3);
        std::io::Read::read_to_end(&mut std::io::Read::take(&mut csv_bytes, 3), &mut head)
            .map_err(|e| unread(&e))?;
        let text: Box<dyn std::io::Read + '_> = if head == "\u{feff}".as_bytes() {
            csv_bytes
        } else {
            Box::new(std::io::Read::chain(std::io::Cursor::new(head), csv_bytes))
        };
        let mut records = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(text)
            .into_records()
            .map(|record| record.map_err(|e| unread(&e)));
        let header = records.next().transpose()?.unwrap_or_default();
        book.sheet(name, &header, records, Style::default())?;
    }
    book.finish()
}

/// A new workbook dated `as_of` (its creation date), by lianluo.
fn new_workbook(as_of: Date) -> Result<Workbook, XlsxError> {
    let mut wb = Workbook::new();
    // Level 3, as Excel itself writes (rust_xlsxwriter's default is 6): at 100k deputies
    // the workbooks are 14 % larger (the deputies' 17 %) and compressing them takes about
    // half the CPU: about 0.5 s less in a one-edit build, which makes the deputies'
    // workbook again (`benches/README.md`, session 17).
    wb.set_zip_compression_level(3);
    let month = u8::try_from(as_of.month()).unwrap_or(1);
    let day = u8::try_from(as_of.day()).unwrap_or(1);
    let year = u16::try_from(as_of.year()).unwrap_or(2000);
    let created = ExcelDateTime::from_ymd(year, month, day)?;
    wb.set_properties(
        &DocProperties::new()
            .set_creation_datetime(&created)
            .set_author("lianluo"),
    );
    Ok(wb)
}

/// Column `c` as Excel numbers them, or the error of a row wider than a sheet.
fn column(c: usize) -> Result<u16, XlsxError> {
    u16::try_from(c).map_err(|_| XlsxError::RowColumnLimitError)
}

fn failed(e: XlsxError) -> String {
    format!("cannot write the workbook: {e}")
}

/// A cell that is a plain decimal number: digits, an optional `-` and one `.` between
/// digits, no leading zero before another digit (a code such as `0917` stays text).
fn number(cell: &str) -> Option<f64> {
    let digits = cell.strip_prefix('-').unwrap_or(cell);
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, "1"));
    let plain = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let leading_zero = whole.len() > 1 && whole.starts_with('0');
    (plain(whole) && plain(fraction) && !leading_zero)
        .then(|| cell.parse().ok())
        .flatten()
}

/// A CSV cell without the `'` that `output::sheet::neutralise` put before a formula sign.
fn plain(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r']) => rest,
        _ => cell,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// CSVs in memory as `from_csvs` reads them; the first read of each yields one byte
    /// at a time, as a reader may.
    fn sheets<'a>(csvs: &[(&'a [u8], &'a str)]) -> Vec<(Box<dyn std::io::Read + 'a>, &'a str)> {
        use std::io::Read;
        csvs.iter()
            .map(|&(bytes, name)| {
                let (first, rest) = bytes.split_at(bytes.len().min(2));
                let reader: Box<dyn Read + 'a> = Box::new(
                    first
                        .chunks(1)
                        .rev()
                        .fold(Box::new(rest) as Box<dyn Read + 'a>, |r, c| {
                            Box::new(c.chain(r))
                        }),
                );
                (reader, name)
            })
            .collect()
    }

    #[test]
    fn the_same_csv_gives_the_same_bytes_and_formulas_stay_text() {
        let csv = "\u{feff}id,name\r\n1,'=HYPERLINK(\"x\")\r\n".as_bytes();
        let as_of = jiff::civil::date(2025, 9, 20);
        let a = from_csvs(sheets(&[(csv, "代表")]), as_of, None).expect("written");
        let b = from_csvs(sheets(&[(csv, "代表")]), as_of, None).expect("written");
        assert_eq!(a, b);
        assert_eq!(plain("'=HYPERLINK(\"x\")"), "=HYPERLINK(\"x\")");
        assert_eq!(plain("'a"), "'a");
    }

    #[test]
    fn only_plain_numbers_are_numbers() {
        assert_eq!(number("12"), Some(12.0));
        assert_eq!(number("12.5"), Some(12.5));
        assert_eq!(number("0"), Some(0.0));
        assert_eq!(number("0.5"), Some(0.5));
        for text in ["0917", "2025-001", "1e3", "", "-", "1.", ".5", "A", "12 "] {
            assert_eq!(number(text), None, "{text}");
        }
    }

    /// A national site's `deputies.csv` has 2.8 million rows, more than a sheet holds: the
    /// workbook failed ("Row or column exceeds Excel's allowed limits") and with it, after
    /// 46 minutes, the whole build. The rows now go on in further sheets, each with the
    /// header.
    #[test]
    fn a_csv_of_more_rows_than_a_sheet_holds_goes_on_in_further_sheets_not_a_failed_build() {
        use calamine::Reader;
        let mut csv = String::from("\u{feff}id,name\r\n");
        for i in 1..=7 {
            csv.push_str(&format!("d{i},代表{i}\r\n"));
        }
        let as_of = jiff::civil::date(2026, 11, 23);
        let scratch = tempfile::tempdir().expect("tempdir");
        let book = from_csvs_into(
            Book::with_limit(as_of, Some(scratch.path()), 3).expect("a book"),
            sheets(&[(csv.as_bytes(), "代表"), (b"a\r\n1\r\n", "区划")]),
        )
        .expect("written");
        let mut read = calamine::Xlsx::new(std::io::Cursor::new(book)).expect("an xlsx");
        assert_eq!(
            read.sheet_names(),
            ["代表", "代表 2", "代表 3", "代表 4", "区划"]
        );
        let mut ids = Vec::new();
        for name in ["代表", "代表 2", "代表 3", "代表 4"] {
            let range = read.worksheet_range(name).expect("a sheet");
            let rows: Vec<Vec<String>> = range
                .rows()
                .map(|r| r.iter().map(|c| c.to_string()).collect())
                .collect();
            assert_eq!(rows[0], ["id", "name"], "{name} starts with the header");
            assert!(rows.len() <= 3, "{name}: {} rows", rows.len());
            ids.extend(rows[1..].iter().map(|r| r[0].clone()));
        }
        assert_eq!(ids, ["d1", "d2", "d3", "d4", "d5", "d6", "d7"]);
        // The rows waited in unnamed files: nothing is left in the scratch folder.
        let left = std::fs::read_dir(scratch.path()).expect("read").count();
        assert_eq!(left, 0, "files left in the scratch folder");
        // Exactly as many rows as a sheet holds stay one sheet; one more makes two, and a
        // long name keeps its number within Excel's 31 characters.
        let fits = "h\r\n1\r\n2\r\n";
        let over = "h\r\n1\r\n2\r\n3\r\n";
        let long = "constituencies-and-electing-units-of-the-province";
        let book = from_csvs_into(
            Book::with_limit(as_of, None, 3).expect("a book"),
            sheets(&[(fits.as_bytes(), "fits"), (over.as_bytes(), long)]),
        )
        .expect("written");
        let read = calamine::Xlsx::new(std::io::Cursor::new(book)).expect("an xlsx");
        assert_eq!(
            read.sheet_names(),
            [
                "fits",
                "constituencies-and-electing-uni",
                "constituencies-and-electing-u 2"
            ]
        );
        assert_eq!(SHEET_ROWS, 1_048_576);
        // The same CSV, the same bytes; one that fits stays one sheet.
        let one = from_csvs(sheets(&[(csv.as_bytes(), "代表")]), as_of, None).expect("written");
        assert_eq!(
            one,
            from_csvs(sheets(&[(csv.as_bytes(), "代表")]), as_of, None).expect("written")
        );
        let read = calamine::Xlsx::new(std::io::Cursor::new(one)).expect("an xlsx");
        assert_eq!(read.sheet_names(), ["代表"]);
    }
}
