//! Excel workbooks (`.xlsx`): every CSV download also as a workbook, so an office opens it
//! in Excel or WPS without an import dialog, and can put what it exported back as a source
//! (the column names are the field names the spreadsheet sources accept).
//!
//! Every cell is written as text (never a formula, so no neutralising `'` is needed: the
//! CSV's is taken off again), the header row bold and frozen. The bytes are the same on
//! every build: the workbook's creation date is the as-of date, and the zip entries carry
//! rust_xlsxwriter's fixed timestamp.

use jiff::civil::Date;
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, XlsxError};

/// One sheet: its name and rows (the first is the header).
pub(crate) struct Sheet<'a> {
    pub name: &'a str,
    pub rows: Vec<Vec<String>>,
    /// Width of each column in characters (the rest keep Excel's default).
    pub widths: Vec<f64>,
    /// Whether cells below the header that hold a plain number (`12`, `-3`, `4.5`) are
    /// written as numbers, so an office can sum and chart them (figures); else every cell
    /// is text.
    pub numbers: bool,
}

impl std::fmt::Debug for Sheet<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Sheet({}, {} rows)", self.name, self.rows.len())
    }
}

/// A workbook of `sheets`, dated `as_of`.
pub(crate) fn workbook(sheets: &[Sheet<'_>], as_of: Date) -> Result<Vec<u8>, String> {
    fn made(sheets: &[Sheet<'_>], as_of: Date) -> Result<Vec<u8>, XlsxError> {
        let mut wb = Workbook::new();
        let month = u8::try_from(as_of.month()).unwrap_or(1);
        let day = u8::try_from(as_of.day()).unwrap_or(1);
        let year = u16::try_from(as_of.year()).unwrap_or(2000);
        let created = ExcelDateTime::from_ymd(year, month, day)?;
        wb.set_properties(
            &DocProperties::new()
                .set_creation_datetime(&created)
                .set_author("lianluo"),
        );
        let bold = Format::new().set_bold();
        for sheet in sheets {
            let ws = wb.add_worksheet();
            ws.set_name(sheet.name)?;
            for (r, row) in sheet.rows.iter().enumerate() {
                let r = u32::try_from(r).map_err(|_| XlsxError::RowColumnLimitError)?;
                for (c, cell) in row.iter().enumerate() {
                    let c = u16::try_from(c).map_err(|_| XlsxError::RowColumnLimitError)?;
                    if cell.is_empty() {
                        continue;
                    }
                    if r == 0 {
                        ws.write_string_with_format(r, c, cell, &bold)?;
                    } else if let Some(n) = sheet.numbers.then(|| number(cell)).flatten() {
                        ws.write_number(r, c, n)?;
                    } else {
                        ws.write_string(r, c, cell)?;
                    }
                }
            }
            for (c, w) in sheet.widths.iter().enumerate() {
                let c = u16::try_from(c).map_err(|_| XlsxError::RowColumnLimitError)?;
                ws.set_column_width(c, *w)?;
            }
            if sheet.rows.len() > 1 {
                ws.set_freeze_panes(1, 0)?;
            }
        }
        wb.save_to_buffer()
    }
    made(sheets, as_of).map_err(|e| format!("cannot write the workbook: {e}"))
}

/// CSV downloads (UTF-8 with a byte order mark, as `output::sheet` writes them) as the
/// sheets of one workbook, each named, in order.
pub(crate) fn from_csvs(csvs: &[(&[u8], &str)], as_of: Date) -> Result<Vec<u8>, String> {
    let mut sheets = Vec::new();
    for &(csv_bytes, name) in csvs {
        let text = csv_bytes
            .strip_prefix("\u{feff}".as_bytes())
            .unwrap_or(csv_bytes);
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(text);
        let mut rows = Vec::new();
        for rec in reader.records() {
            let rec = rec.map_err(|e| format!("cannot read the CSV: {e}"))?;
            rows.push(rec.iter().map(|c| plain(c).to_owned()).collect());
        }
        sheets.push(Sheet {
            name,
            rows,
            widths: Vec::new(),
            numbers: false,
        });
    }
    workbook(&sheets, as_of)
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

    #[test]
    fn the_same_csv_gives_the_same_bytes_and_formulas_stay_text() {
        let csv = "\u{feff}id,name\r\n1,'=HYPERLINK(\"x\")\r\n".as_bytes();
        let as_of = jiff::civil::date(2025, 9, 20);
        let a = from_csvs(&[(csv, "代表")], as_of).expect("written");
        let b = from_csvs(&[(csv, "代表")], as_of).expect("written");
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
}
