//! Fuzz target: the whole check → render path on one page (`lianluo::fuzzing::PageSite`,
//! see fuzz/README.md). The copy of `tests/cases/valid` is made once, before AFL++'s fork
//! server starts, so every run of the target reuses it.

use std::path::Path;

fn main() {
    let template = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/cases/valid");
    let parent = std::env::var_os("LIANLUO_FUZZ_TMP")
        .map_or_else(std::env::temp_dir, std::path::PathBuf::from);
    let site = lianluo::fuzzing::PageSite::new(&template, &parent)
        .unwrap_or_else(|e| panic!("copy {}: {e}", template.display()));
    afl::fuzz!(|data: &[u8]| {
        site.run(data);
    });
}
