//! Runs the corpus of disguised personal data (`tests/privacy/disguises.tsv`, issue #15):
//! numbers split by dots, slashes, tabs and lines, look-alike and Chinese digits, invisible
//! characters, Markdown and HTML tricks, e-mail with `(at)`, rooms and named relatives — and
//! the legitimate sentences that look like them (dates, figures, hotlines, public addresses,
//! masked forms). Every case is scanned as a Markdown body is: as typed and as rendered.
//! Prints the recall and false-refusal table (`--nocapture`).

use lianluo::privacy::corpus::{Corpus, evaluate_markdown, parse};
use lianluo::privacy::{redact, scan_markdown};

const DISGUISES: &str = include_str!("privacy/disguises.tsv");

fn corpus() -> Corpus {
    parse(DISGUISES).unwrap_or_else(|e| panic!("disguises.tsv: {e}"))
}

#[test]
fn disguised_data_is_refused_and_look_alikes_pass() {
    let report = evaluate_markdown(&corpus());
    let total = report.total();
    let recall = total.caught as f64 / total.positives.max(1) as f64;
    let false_rate = total.false_positives as f64 / total.negatives.max(1) as f64;
    println!("{report}");
    println!(
        "recall {:.2}% ({}/{}), false refusals {:.2}% ({}/{})",
        100.0 * recall,
        total.caught,
        total.positives,
        100.0 * false_rate,
        total.false_positives,
        total.negatives
    );
    assert!(recall >= 0.99, "recall below 99 %:\n{report}");
    assert_eq!(total.false_positives, 0, "false refusals:\n{report}");
}

#[test]
fn disguise_corpus_is_big_enough() {
    let corpus = corpus();
    let negatives = corpus.cases.iter().filter(|c| c.expected.is_none()).count();
    let positives = corpus.cases.len() - negatives;
    assert!(
        positives >= 300 && negatives >= 300,
        "{positives} disguises, {negatives} legitimate sentences"
    );
}

#[test]
fn redacted_disguises_pass() {
    // Applying the suggested masks to the original bytes leaves nothing to flag.
    let corpus = corpus();
    for case in &corpus.cases {
        let found = scan_markdown(&case.text, &corpus.allow);
        let masked = redact(&case.text, &found);
        let again = scan_markdown(&masked, &corpus.allow);
        assert!(
            again.is_empty(),
            "line {}: {masked:?} still has {again:?}",
            case.line
        );
    }
}
