//! Build only the search index of a site and report its cost: records, indexes, files,
//! bytes, seconds and peak memory (`benches/README.md`, "Search index").
//!
//! ```sh
//! cargo run --release --example searchbench -- SITE
//! ```

use std::path::PathBuf;
use std::time::Instant;

fn main() {
    let site = PathBuf::from(std::env::args().nth(1).expect("usage: searchbench SITE"));
    let loaded = match lianluo::cli::load(&site, Some("2026-11-23")) {
        Ok(l) => l,
        Err(_) => {
            eprintln!("searchbench: the site has errors; run `lianluo check` on it");
            std::process::exit(1);
        }
    };
    let m = loaded.model;
    let theme = lianluo::render::theme::load(&site, &m.config.theme, m.config.language)
        .unwrap_or_else(|d| panic!("{d:?}"));
    let start = Instant::now();
    let (mut files, mut bytes) = (0usize, 0usize);
    let mut count = |_: &str, data: &[u8], _: u64| {
        files += 1;
        bytes += data.len();
        Ok(())
    };
    lianluo::search::write(&m, &theme, &mut count, &|| true, &|_, _| None)
        .unwrap_or_else(|e| panic!("{e}"));
    eprintln!(
        "search index: {files} files, {bytes} bytes in {:.2} s",
        start.elapsed().as_secs_f64()
    );
}
