//! CSV downloads that are safe to open in a spreadsheet program.
//!
//! A cell that begins with `=`, `+`, `-`, `@`, a tab or a carriage return is read as a
//! formula by Excel, WPS and LibreOffice (`=HYPERLINK(…)` runs when the file is opened), so
//! every such cell is written with a leading `'`, as OWASP advises against CSV injection;
//! spreadsheet programs show the text as typed. Every CSV download goes through [`Sheet`]:
//! UTF-8 with a byte order mark (so the programs detect the encoding) and CRLF line ends.

use std::borrow::Cow;

/// A CSV file being written into `W`: a file of the build's folder, or memory.
pub(crate) struct Sheet<W: std::io::Write>(csv::Writer<W>);

impl<W: std::io::Write> std::fmt::Debug for Sheet<W> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Sheet")
    }
}

impl<W: std::io::Write> Sheet<W> {
    /// A sheet written into `out`, which gets the byte order mark at once.
    pub(crate) fn new(mut out: W) -> std::io::Result<Self> {
        out.write_all("\u{feff}".as_bytes())?;
        Ok(Sheet(
            csv::WriterBuilder::new()
                .terminator(csv::Terminator::CRLF)
                .from_writer(out),
        ))
    }

    /// Write one row, each cell neutralised.
    pub(crate) fn row<I, S>(&mut self, cells: I) -> Result<(), csv::Error>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        for cell in cells {
            self.0.write_field(neutralise(cell.as_ref()).as_bytes())?;
        }
        self.0.write_record(None::<&[u8]>)
    }

    /// Flush what is buffered; the writer it went into.
    pub(crate) fn finish(self) -> Result<W, csv::Error> {
        self.0.into_inner().map_err(|e| e.into_error().into())
    }
}

/// `cell` as it is safe to publish in a CSV file: with a leading `'` when a spreadsheet
/// would read it as a formula.
pub(crate) fn neutralise(cell: &str) -> Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised_and_text_kept() {
        for (cell, out) in [
            (
                "=HYPERLINK(\"http://evil.example\",\"点击\")",
                "'=HYPERLINK(\"http://evil.example\",\"点击\")",
            ),
            ("=1+2", "'=1+2"),
            ("+86 917 8212345", "'+86 917 8212345"),
            ("-2+3", "'-2+3"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\t=1", "'\t=1"),
            ("\r=1", "'\r=1"),
            ("社区北门道路破损", "社区北门道路破损"),
            ("2025-03-07", "2025-03-07"),
            ("", ""),
        ] {
            assert_eq!(neutralise(cell), out, "{cell:?}");
        }
    }

    #[test]
    fn a_sheet_has_a_bom_crlf_and_neutral_cells() {
        let mut sheet = Sheet::new(Vec::new()).expect("memory");
        sheet.row(["id", "summary"]).expect("row");
        sheet.row(["1", "=1+2"]).expect("row");
        sheet.row(["", "x"]).expect("row");
        let bytes = sheet.finish().expect("finish");
        assert_eq!(
            String::from_utf8(bytes).expect("utf8"),
            "\u{feff}id,summary\r\n1,'=1+2\r\n,x\r\n"
        );
    }
}
