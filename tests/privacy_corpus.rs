//! Runs the labelled privacy corpus (`tests/privacy/corpus.tsv`): every
//! positive sentence must yield a finding of its kind, every negative one
//! none. Prints the per-kind recall / false-positive table (`--nocapture`).

use lianluo::privacy::corpus::{evaluate, parse};
use lianluo::privacy::{Kind, redact, scan};

const CORPUS: &str = include_str!("privacy/corpus.tsv");

#[test]
fn corpus_recall_and_false_positives() {
    let corpus = match parse(CORPUS) {
        Ok(c) => c,
        Err(e) => panic!("corpus.tsv: {e}"),
    };
    let report = evaluate(&corpus);
    println!("{report}");
    assert!(report.passed(), "corpus failures:\n{report}");
}

#[test]
fn corpus_is_big_enough() {
    let corpus = parse(CORPUS).unwrap_or_default();
    let negatives = corpus.cases.iter().filter(|c| c.expected.is_none()).count();
    let positives = corpus.cases.len() - negatives;
    assert!(
        positives >= 320 && negatives >= 320,
        "{positives} positives, {negatives} negatives"
    );
    for kind in Kind::ALL {
        let n = corpus
            .cases
            .iter()
            .filter(|c| c.expected == Some(kind))
            .count();
        assert!(n >= 25, "only {n} positives for {kind}");
    }
}

#[test]
fn redacted_positives_pass() {
    // Applying the suggested masks must leave nothing to flag.
    let corpus = parse(CORPUS).unwrap_or_default();
    for case in &corpus.cases {
        let found = scan(&case.text, &corpus.allow);
        let masked = redact(&case.text, &found);
        let again = scan(&masked, &corpus.allow);
        assert!(
            again.is_empty(),
            "line {}: {masked} still has {again:?}",
            case.line
        );
    }
}
