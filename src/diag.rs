//! Diagnostics: what an editor is told when the content is wrong.
//!
//! Every problem found anywhere in the pipeline becomes a [`Diagnostic`] that names the
//! file (relative to the site folder), the 1-based line and column, what is wrong and how to
//! fix it. Stages collect them into [`Diagnostics`] instead of stopping at the first, so one
//! `check` run reports every mistake. Printing lives here too, with a source snippet read
//! back from the file only when a diagnostic is shown.
//!
//! Nothing a diagnostic shows may leak personal data, whatever the problem: messages and
//! hints are masked when the diagnostic is made (they may quote a value), and every source
//! line is masked when shown — in the terminal, the log and the serve overlay alike.

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

/// How bad a problem is: errors stop the build, warnings are printed and the build goes on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

/// A place in a source file. `line` and `col` are 1-based; 0 means "the whole file".
///
/// In a spreadsheet `cell` names the sheet, and `line` and `col` are the 1-based row and
/// column of the cell (`C7` is line 7, col 3); the span shows as `file › sheet › C7`.
#[derive(Debug, Clone)]
pub struct Span {
    pub file: Arc<Path>,
    pub line: u32,
    pub col: u32,
    pub cell: Option<Arc<Cell>>,
}

/// What a diagnostic shows of a spreadsheet cell: its sheet, the header of its column and
/// the text the cell holds (what the office typed, before any conversion).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Cell {
    pub sheet: Arc<str>,
    pub header: Option<String>,
    pub text: Option<String>,
}

impl Span {
    pub fn new(file: &Arc<Path>, line: u32, col: u32) -> Self {
        Span {
            file: Arc::clone(file),
            line,
            col,
            cell: None,
        }
    }

    /// The file as a whole, for problems that have no better place.
    pub fn file(file: &Arc<Path>) -> Self {
        Span::new(file, 0, 0)
    }

    /// A cell of a spreadsheet: `row` and `col` 1-based (0 for a whole row or sheet).
    pub fn cell(file: &Arc<Path>, row: u32, col: u32, cell: Cell) -> Self {
        Span {
            file: Arc::clone(file),
            line: row,
            col,
            cell: Some(Arc::new(cell)),
        }
    }

    /// The sheet of a spreadsheet span.
    pub fn sheet(&self) -> Option<&str> {
        self.cell.as_deref().map(|c| &*c.sheet)
    }

    /// What spans are ordered and compared by: file, sheet, line and column.
    fn key(&self) -> (&Path, Option<&str>, u32, u32) {
        (&self.file, self.sheet(), self.line, self.col)
    }
}

impl PartialEq for Span {
    fn eq(&self, other: &Self) -> bool {
        self.key() == other.key()
    }
}

impl Eq for Span {}

impl PartialOrd for Span {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Span {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.key().cmp(&other.key())
    }
}

impl std::hash::Hash for Span {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.key().hash(state);
    }
}

/// A spreadsheet's name of the 1-based column `col`: A … Z, AA, AB …
pub fn column_letters(col: u32) -> String {
    let mut n = col;
    let mut letters = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(char::from(b'A' + rem as u8));
        n = (n - 1) / 26;
    }
    letters.iter().rev().collect()
}

impl fmt::Display for Span {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let file = self.file.display();
        if let Some(sheet) = self.sheet() {
            return match (self.line, self.col) {
                (0, _) => write!(f, "{file} › {sheet}"),
                (r, 0) => write!(f, "{file} › {sheet} › row {r}"),
                (r, c) => write!(f, "{file} › {sheet} › {}{r}", column_letters(c)),
            };
        }
        match (self.line, self.col) {
            (0, _) => write!(f, "{file}"),
            (l, 0) => write!(f, "{file}:{l}"),
            (l, c) => write!(f, "{file}:{l}:{c}"),
        }
    }
}

/// One problem in the content, with its place and a fix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub span: Span,
    pub message: String,
    pub hint: Option<String>,
    /// The source line holds personal data: show it masked, never as typed.
    pub sensitive: bool,
}

impl Diagnostic {
    pub fn error(span: Span, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            span,
            message: mask_text(message.into()),
            hint: None,
            sensitive: false,
        }
    }

    pub fn warning(span: Span, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            span,
            message: mask_text(message.into()),
            hint: None,
            sensitive: false,
        }
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(mask_text(hint.into()));
        self
    }

    /// Mark the source line as holding personal data (see [`Diagnostic::sensitive`]); every
    /// line shown is masked anyway, this records that the guard found something there.
    pub fn sensitive(mut self) -> Self {
        self.sensitive = true;
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// Render for a terminal or a log: `error: file:line:col: message`, the source line with
    /// a caret, and the hint. `site` is the folder the span's file is relative to.
    pub fn render(&self, site: &Path, styled: bool) -> String {
        let level = match self.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
        };
        let path = crate::escape::terminal(&self.span.file.display().to_string()).into_owned();
        let message = crate::escape::terminal(&self.message);
        if let Some(cell) = &self.span.cell {
            return self.render_cell(cell, level, styled);
        }
        let source = (self.span.line > 0)
            .then(|| std::fs::read_to_string(site.join(&*self.span.file)).ok())
            .flatten();
        let group = match source
            .as_deref()
            .and_then(|s| line_slice(s, self.span.line))
        {
            Some((line_text, _)) => {
                let line_text = mask_line(line_text);
                let col = self.span.col.max(1) as usize;
                let start = char_to_byte(&line_text, col - 1);
                let end = next_char_boundary(&line_text, start);
                level.primary_title(message.as_ref()).element(
                    Snippet::source(line_text)
                        .line_start(self.span.line as usize)
                        .path(path.as_str())
                        .annotation(AnnotationKind::Primary.span(start..end)),
                )
            }
            None => Group::with_title(level.primary_title(format!(
                "{}: {message}",
                crate::escape::terminal(&self.span.to_string())
            ))),
        };
        let mut report = vec![group];
        if let Some(hint) = &self.hint {
            report.push(Group::with_title(
                Level::HELP.secondary_title(crate::escape::terminal(hint)),
            ));
        }
        let renderer = if styled {
            Renderer::styled()
        } else {
            Renderer::plain()
        };
        renderer.render(&report)
    }
}

impl Diagnostic {
    /// Render a problem in a spreadsheet: the place (`file › sheet › C7`), then the cell's
    /// column header and its text (masked, as every source line is), and the hint.
    fn render_cell(&self, cell: &Cell, level: Level<'_>, styled: bool) -> String {
        let message = crate::escape::terminal(&self.message);
        let mut report = vec![Group::with_title(level.primary_title(format!(
            "{}: {message}",
            crate::escape::terminal(&self.span.to_string())
        )))];
        let shown = match (&cell.header, &cell.text) {
            (Some(h), Some(t)) => Some(format!("the cell under `{h}` reads `{}`", mask_line(t))),
            (None, Some(t)) => Some(format!("the cell reads `{}`", mask_line(t))),
            (Some(h), None) if self.span.col > 0 => Some(format!("the cell under `{h}` is empty")),
            _ => None,
        };
        if let Some(shown) = shown {
            report.push(Group::with_title(
                Level::NOTE.secondary_title(crate::escape::terminal(&shown).into_owned()),
            ));
        }
        if let Some(hint) = &self.hint {
            report.push(Group::with_title(
                Level::HELP.secondary_title(crate::escape::terminal(hint)),
            ));
        }
        let renderer = if styled {
            Renderer::styled()
        } else {
            Renderer::plain()
        };
        renderer.render(&report)
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sev = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{sev}: {}: {}", self.span, self.message)?;
        if let Some(h) = &self.hint {
            write!(f, " (fix: {h})")?;
        }
        Ok(())
    }
}

/// A source line with every piece of personal data masked as in the messages, also what
/// only shows once the line is rendered as Markdown (`138**1234**5678`).
pub fn mask_line(line: &str) -> String {
    let allow = crate::privacy::Allow::new();
    let mut out = String::with_capacity(line.len());
    let mut last = 0;
    for f in crate::privacy::scan_markdown(line, &allow) {
        out.push_str(&line[last..f.start]);
        out.push_str(&crate::privacy::mask_for_log(&line[f.start..f.end], f.kind));
        last = f.end;
    }
    out.push_str(&line[last..]);
    out
}

/// `text` with its personal data masked; unchanged (and not copied) when it has none.
fn mask_text(text: String) -> String {
    if crate::privacy::scan(&text, &crate::privacy::Allow::new()).is_empty() {
        text
    } else {
        mask_line(&text)
    }
}

fn line_slice(source: &str, line: u32) -> Option<(&str, usize)> {
    let mut offset = 0;
    for (i, text) in source.split_inclusive('\n').enumerate() {
        if i + 1 == line as usize {
            return Some((text.trim_end_matches(['\n', '\r']), offset));
        }
        offset += text.len();
    }
    None
}

fn char_to_byte(s: &str, chars: usize) -> usize {
    s.char_indices().nth(chars).map_or(s.len(), |(i, _)| i)
}

fn next_char_boundary(s: &str, start: usize) -> usize {
    s[start..]
        .chars()
        .next()
        .map_or(start, |c| start + c.len_utf8())
}

/// A list of diagnostics gathered from one stage or many.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics(Vec<Diagnostic>);

impl Diagnostics {
    pub fn new() -> Self {
        Diagnostics(Vec::new())
    }

    pub fn push(&mut self, d: Diagnostic) {
        self.0.push(d);
    }

    pub fn extend(&mut self, other: Diagnostics) {
        self.0.extend(other.0);
    }

    pub fn has_errors(&self) -> bool {
        self.0.iter().any(Diagnostic::is_error)
    }

    /// The values of `results`, in order, their problems added to these; `missing(index,
    /// problems)` is told of each result without a value. The values are collected in the
    /// room of `results` (an in-place `collect`), so a list of every item of a national
    /// site is never held twice (issue 21).
    pub(crate) fn take_values<T>(
        &mut self,
        results: Vec<(Option<T>, Vec<Diagnostic>)>,
        mut missing: impl FnMut(usize, &[Diagnostic]),
    ) -> Vec<T> {
        // std collects in place only when the alignments agree: true of every list given
        // here (each item holds a `String`), and kept true by this check.
        const {
            assert!(
                std::mem::align_of::<T>() == std::mem::align_of::<(Option<T>, Vec<Diagnostic>)>()
            )
        };
        results
            .into_iter()
            .enumerate()
            .filter_map(|(index, (value, problems))| {
                if value.is_none() {
                    missing(index, &problems);
                }
                self.0.extend(problems);
                value
            })
            .collect()
    }

    pub fn error_count(&self) -> usize {
        self.0.iter().filter(|d| d.is_error()).count()
    }

    pub fn warning_count(&self) -> usize {
        self.0.len() - self.error_count()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.0.iter()
    }

    /// Sort by file, line and column so output is the same on every run, whatever order the
    /// parallel stages finished in.
    /// Drop the errors on a line where `earlier` already has an error: a file's line that
    /// did not parse was repaired to go on checking the file, and what validation then says
    /// of that same line is a consequence, not another mistake.
    pub fn without_lines_of(self, earlier: &Diagnostics) -> Self {
        // In a spreadsheet nothing is repaired: only a cell already reported is skipped.
        fn place(d: &Diagnostic) -> (&Path, Option<&str>, u32, u32) {
            let col = if d.span.cell.is_some() { d.span.col } else { 0 };
            (&d.span.file, d.span.sheet(), d.span.line, col)
        }
        let lines: std::collections::HashSet<_> = earlier
            .iter()
            .filter(|d| d.is_error() && d.span.line > 0)
            .map(place)
            .collect();
        self.into_iter()
            .filter(|d| !(d.is_error() && lines.contains(&place(d))))
            .collect()
    }

    pub fn sorted(mut self) -> Self {
        self.0.sort_by(|a, b| {
            (&a.span, a.severity, &a.message).cmp(&(&b.span, b.severity, &b.message))
        });
        self.0.dedup();
        self
    }

    pub fn into_vec(self) -> Vec<Diagnostic> {
        self.0
    }
}

impl FromIterator<Diagnostic> for Diagnostics {
    fn from_iter<I: IntoIterator<Item = Diagnostic>>(iter: I) -> Self {
        Diagnostics(iter.into_iter().collect())
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

/// A path shown to the editor: relative to the site folder, with `/` separators.
pub fn display_path(site: &Path, path: &Path) -> Arc<Path> {
    let rel = path.strip_prefix(site).unwrap_or(path);
    Arc::from(PathBuf::from(rel.to_string_lossy().replace('\\', "/")))
}

/// The closest candidate to `word` among `candidates`, if one is close enough to be a typo.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let mut best: Option<(&str, f64)> = None;
    for c in candidates {
        let score = strsim::jaro_winkler(word, c);
        if score > 0.8 && best.is_none_or(|(_, s)| score > s) {
            best = Some((c, score));
        }
    }
    best.map(|(c, _)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_taken_in_the_room_of_their_results_not_a_second_list() {
        let file: Arc<Path> = Arc::from(Path::new("deputies/a.md"));
        let problem = |text: &str| Diagnostic::error(Span::new(&file, 1, 1), text.to_owned());
        // A `String` is 24 bytes and a result 48: the room is taken as it is, not resized.
        let results: Vec<(Option<String>, Vec<Diagnostic>)> = vec![
            (Some("first".to_owned()), vec![]),
            (None, vec![problem("a broken file")]),
            (
                Some("third".to_owned()),
                vec![problem("a mistake repaired")],
            ),
        ];
        let room = results.as_ptr() as usize;
        let mut diags = Diagnostics::new();
        let mut missing = Vec::new();
        let values = diags.take_values(results, |index, problems| {
            missing.push((index, problems.len()));
        });
        assert_eq!(values, ["first", "third"]);
        assert_eq!(missing, vec![(1, 1)]);
        let messages: Vec<&str> = diags.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(messages, ["a broken file", "a mistake repaired"]);
        assert_eq!(
            values.as_ptr() as usize,
            room,
            "the values were copied into a new list"
        );
    }

    #[test]
    fn a_spreadsheet_cell_is_named_by_file_sheet_and_cell() {
        let file: Arc<Path> = Arc::from(Path::new("deputies/名册.xlsx"));
        let cell = |header: Option<&str>, text: Option<&str>| Cell {
            sheet: Arc::from("县代表"),
            header: header.map(str::to_owned),
            text: text.map(str::to_owned),
        };
        let span = Span::cell(&file, 7, 3, cell(Some("选区"), Some("东镇第九选区")));
        assert_eq!(span.to_string(), "deputies/名册.xlsx › 县代表 › C7");
        assert_eq!(
            Span::cell(&file, 7, 0, cell(None, None)).to_string(),
            "deputies/名册.xlsx › 县代表 › row 7"
        );
        assert_eq!(column_letters(28), "AB");
        let out = Diagnostic::error(span, "there is no constituency with the id `东镇第九选区`")
            .render(Path::new("."), false);
        assert!(
            out.contains("deputies/名册.xlsx › 县代表 › C7: there is no constituency"),
            "{out}"
        );
        assert!(
            out.contains("the cell under `选区` reads `东镇第九选区`"),
            "{out}"
        );
    }

    #[test]
    fn did_you_mean_finds_typos_only() {
        let ids = ["li-xiuying", "wang-jun", "zhao-min"];
        assert_eq!(did_you_mean("li-xiuyin", ids), Some("li-xiuying"));
        assert_eq!(did_you_mean("chen-hao", ids), None);
    }

    #[test]
    fn an_invalid_date_on_a_line_with_a_phone_prints_it_masked() {
        let dir = tempfile::tempdir().expect("tempdir");
        let line = "received: 2025-02-30 来电13812345678";
        std::fs::write(dir.path().join("a.yaml"), format!("{line}\n")).expect("write");
        let file = display_path(dir.path(), &dir.path().join("a.yaml"));
        let d = Diagnostic::error(Span::new(&file, 1, 11), format!("invalid date `{line}`"))
            .hint(format!("write it as `2025-02-28`, not `{line}`"));
        let out = d.render(dir.path(), false);
        assert!(out.contains("138****5678"), "{out}");
        assert!(!out.contains("13812345678"), "{out}");
        assert!(!d.to_string().contains("13812345678"), "{d}");
    }

    #[test]
    fn render_points_at_the_column_of_a_cjk_line() {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::write(dir.path().join("a.yaml"), "name: 李秀英\nlevl: county\n").expect("write");
        let file = display_path(dir.path(), &dir.path().join("a.yaml"));
        let d = Diagnostic::error(Span::new(&file, 2, 1), "unknown key `levl`")
            .hint("did you mean `level`?");
        let out = d.render(dir.path(), false);
        assert!(out.contains("a.yaml:2:1"), "{out}");
        assert!(out.contains("levl: county"), "{out}");
        assert!(out.contains("did you mean `level`?"), "{out}");
    }
}
