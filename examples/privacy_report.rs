//! Prints the privacy guard's per-kind recall and false-positive table over
//! the labelled corpus: `cargo run --example privacy_report`.

use lianluo::privacy::corpus::{evaluate, parse};

const CORPUS: &str = include_str!("../tests/privacy/corpus.tsv");

fn main() {
    match parse(CORPUS) {
        Ok(corpus) => print!("{}", evaluate(&corpus)),
        Err(e) => {
            eprintln!("corpus.tsv: {e}");
            std::process::exit(1);
        }
    }
}
