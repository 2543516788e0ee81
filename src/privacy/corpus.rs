//! The labelled corpora used to measure the detectors (`tests/privacy/corpus.tsv`
//! and `tests/privacy/disguises.tsv`, format in `tests/privacy/README.md`):
//! parsing them, scanning every line (as plain text, or also as rendered
//! Markdown), and the per-kind recall / false-positive table that the corpus
//! tests and the `privacy_report` example print.

use std::fmt;

use super::{Allow, Finding, Kind, scan, scan_markdown};

/// One labelled sentence.
#[derive(Debug, Clone)]
pub struct Case {
    /// 1-based line in the corpus file.
    pub line: usize,
    /// The kind it must yield, or `None` for a sentence that must pass.
    pub expected: Option<Kind>,
    /// The sentence.
    pub text: String,
}

/// A corpus text with its escapes read: `\n` a line break, `\t` a tab,
/// `\\` a backslash; any other backslash stays as written.
fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some('\\') => out.push('\\'),
            Some(other) => {
                out.push('\\');
                out.push(other);
            }
            None => out.push('\\'),
        }
    }
    out
}

/// A parsed corpus: its allow list (`@number`, `@word`, `@person`, `@address` lines)
/// and its cases.
#[derive(Debug, Clone, Default)]
pub struct Corpus {
    /// Built from the `@number`, `@word` and `@person` lines.
    pub allow: Allow,
    /// The labelled sentences, in file order.
    pub cases: Vec<Case>,
}

/// Parses the TSV corpus; errors name the line.
pub fn parse(tsv: &str) -> Result<Corpus, String> {
    let mut corpus = Corpus::default();
    for (k, line) in tsv.lines().enumerate() {
        let line_no = k + 1;
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let Some((label, text)) = line.split_once('\t') else {
            return Err(format!("line {line_no}: no tab between label and text"));
        };
        let text = unescape(text.trim());
        let text = text.as_str();
        match label.trim() {
            "expected" => {}
            "@address" => corpus.allow.address(text),
            "@number" => corpus.allow.number(text),
            "@word" => corpus.allow.word(text),
            "@person" => corpus.allow.person(text),
            "none" => corpus.cases.push(Case {
                line: line_no,
                expected: None,
                text: text.into(),
            }),
            l => match Kind::parse(l) {
                Some(kind) => corpus.cases.push(Case {
                    line: line_no,
                    expected: Some(kind),
                    text: text.into(),
                }),
                None => return Err(format!("line {line_no}: unknown label `{l}`")),
            },
        }
    }
    Ok(corpus)
}

/// Counts for one kind.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Row {
    /// Sentences labelled with this kind.
    pub positives: usize,
    /// Of those, the ones with a finding of this kind.
    pub caught: usize,
    /// All negative sentences (the same for every kind).
    pub negatives: usize,
    /// Negative sentences with at least one finding of this kind.
    pub false_positives: usize,
}

/// The outcome of scanning a corpus.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// One row per kind, in [`Kind::ALL`] order.
    pub rows: Vec<(Kind, Row)>,
    /// Positive cases without a finding of their kind.
    pub misses: Vec<(Case, Vec<Finding>)>,
    /// Negative cases with findings.
    pub false_alarms: Vec<(Case, Vec<Finding>)>,
}

impl Report {
    /// No positive missed and no negative flagged.
    pub fn passed(&self) -> bool {
        self.misses.is_empty() && self.false_alarms.is_empty()
    }

    /// All kinds together; `false_positives` counts negatives with any finding.
    pub fn total(&self) -> Row {
        let mut t = Row::default();
        for (_, r) in &self.rows {
            t.positives += r.positives;
            t.caught += r.caught;
            t.negatives = r.negatives;
        }
        t.false_positives = self.false_alarms.len();
        t
    }
}

/// Scans every case of the corpus as plain text.
pub fn evaluate(corpus: &Corpus) -> Report {
    evaluate_with(corpus, scan)
}

/// Scans every case of the corpus as Markdown: as typed and as rendered.
pub fn evaluate_markdown(corpus: &Corpus) -> Report {
    evaluate_with(corpus, scan_markdown)
}

fn evaluate_with(corpus: &Corpus, scan: fn(&str, &Allow) -> Vec<Finding>) -> Report {
    let mut report = Report {
        rows: Kind::ALL.iter().map(|k| (*k, Row::default())).collect(),
        ..Report::default()
    };
    let negatives = corpus.cases.iter().filter(|c| c.expected.is_none()).count();
    for (_, row) in &mut report.rows {
        row.negatives = negatives;
    }
    for case in &corpus.cases {
        let found = scan(&case.text, &corpus.allow);
        match case.expected {
            Some(kind) => {
                let hit = found.iter().any(|f| f.kind == kind);
                if let Some((_, row)) = report.rows.iter_mut().find(|(k, _)| *k == kind) {
                    row.positives += 1;
                    row.caught += usize::from(hit);
                }
                if !hit {
                    report.misses.push((case.clone(), found));
                }
            }
            None => {
                for (kind, row) in &mut report.rows {
                    if found.iter().any(|f| f.kind == *kind) {
                        row.false_positives += 1;
                    }
                }
                if !found.is_empty() {
                    report.false_alarms.push((case.clone(), found));
                }
            }
        }
    }
    report
}

fn pct(a: usize, b: usize) -> String {
    if b == 0 {
        "-".to_string()
    } else {
        format!("{:.1}%", 100.0 * a as f64 / b as f64)
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{:<10} {:>9} {:>6} {:>7} {:>9} {:>6} {:>7}",
            "kind", "positives", "caught", "recall", "negatives", "fp", "fp-rate"
        )?;
        let rows = self.rows.iter().map(|(k, r)| (k.as_str(), *r));
        for (name, r) in rows.chain(std::iter::once(("all", self.total()))) {
            writeln!(
                f,
                "{:<10} {:>9} {:>6} {:>7} {:>9} {:>6} {:>7}",
                name,
                r.positives,
                r.caught,
                pct(r.caught, r.positives),
                r.negatives,
                r.false_positives,
                pct(r.false_positives, r.negatives)
            )?;
        }
        for (case, found) in &self.misses {
            let kind = case.expected.map_or("none", Kind::as_str);
            writeln!(
                f,
                "MISS  line {} ({kind}): {}  found {}",
                case.line,
                case.text,
                describe(&case.text, found)
            )?;
        }
        for (case, found) in &self.false_alarms {
            writeln!(
                f,
                "FALSE line {}: {}  found {}",
                case.line,
                case.text,
                describe(&case.text, found)
            )?;
        }
        Ok(())
    }
}

fn describe(text: &str, found: &[Finding]) -> String {
    let parts: Vec<String> = found
        .iter()
        .map(|f| format!("{}「{}」", f.kind, text.get(f.start..f.end).unwrap_or("?")))
        .collect();
    if parts.is_empty() {
        "nothing".to_string()
    } else {
        parts.join(" ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_counts() {
        let tsv = "expected\ttext\n# comment\n@number\t0917-8212345\n@person\t李秀英\n\
                   mobile\t电话13812345678\nnone\t电话0917-8212345\nname\t选民李秀英反映\n";
        let corpus = parse(tsv).expect("parses");
        assert_eq!(corpus.cases.len(), 3);
        let report = evaluate(&corpus);
        assert_eq!(report.misses.len(), 1);
        assert!(report.false_alarms.is_empty());
        assert!(!report.passed());
        let text = report.to_string();
        assert!(text.contains("mobile"), "{text}");
        assert!(parse("bogus\tx").is_err());
        let escaped = parse("mobile\t138\\n1234\\t5678 a\\\\b \\-").expect("parses");
        assert_eq!(escaped.cases[0].text, "138\n1234\t5678 a\\b \\-");
        assert!(parse("no tab").is_err());
    }
}
