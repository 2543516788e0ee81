//! Building one pagefind index from records, in memory.
//!
//! pagefind's library API is async (tokio); the output stage is not, and may itself run
//! inside a tokio runtime (`serve`), so each build runs on its own thread with a small
//! current-thread runtime. Only the files the site's own search page needs are kept: the
//! search API (`pagefind.js`, its worker and WebAssembly), the entry, the metadata and the
//! index, fragment and filter chunks; pagefind's ready-made UIs are left out.

use std::collections::BTreeMap;

use pagefind::api::PagefindIndex;
use pagefind::options::PagefindServiceConfig;

use super::builder::Record;

/// Up to this many records, fragments are bundled into files of [`SMALL_BUNDLE`] records, so
/// a small site's whole index is a few dozen files a browser can keep for offline use.
const BUNDLE_UP_TO: usize = 4096;
/// Records per fragment file in a small index.
const SMALL_BUNDLE: usize = 32;
/// Records per fragment file in a larger one: a result costs the browser a file of eight
/// records (about 2 KB) rather than one, and the site has an eighth of the files to write
/// and serve (`benches/README.md`, "Search index").
const BUNDLE: usize = 8;

/// The files pagefind wrote that the site serves.
fn wanted(name: &str) -> bool {
    matches!(
        name,
        "pagefind.js" | "pagefind-worker.js" | "pagefind-entry.json"
    ) || name.starts_with("wasm.")
        || name.ends_with(".pf_meta")
        || name.starts_with("index/")
        || name.starts_with("fragment/")
        || name.starts_with("filter/")
}

/// Index `records` in `language`; the files come back relative to the index folder,
/// sorted by name. The records are moved into pagefind, not copied (a copy of an index's
/// records was about 5% of `searchbench`'s peak memory at 10k).
pub fn build(
    records: Vec<Record>,
    language: &str,
    pool: Option<&rayon::ThreadPool>,
) -> Result<Vec<(String, Vec<u8>)>, String> {
    std::thread::scope(|s| {
        s.spawn(|| {
            let rt = tokio::runtime::Builder::new_current_thread()
                .build()
                .map_err(|e| format!("search index: cannot start the indexer: {e}"))?;
            // pagefind spreads part of its work with rayon: inside `pool` it uses the
            // search's own threads instead of queueing behind the pages on the global pool.
            match pool {
                Some(p) => p.install(|| rt.block_on(run(records, language))),
                None => rt.block_on(run(records, language)),
            }
        })
        .join()
        .unwrap_or_else(|_| Err("search index: the indexer stopped unexpectedly".into()))
    })
}

fn err(e: impl std::fmt::Display) -> String {
    format!("search index: {e}")
}

async fn run(records: Vec<Record>, language: &str) -> Result<Vec<(String, Vec<u8>)>, String> {
    let bundle = if records.len() <= BUNDLE_UP_TO {
        SMALL_BUNDLE
    } else {
        BUNDLE
    };
    let config = PagefindServiceConfig::builder()
        .keep_index_url(true)
        .force_language(language.to_owned())
        .max_fragments(records.len().div_ceil(bundle).max(1) as u32)
        .build();
    let mut index = PagefindIndex::new(Some(config)).map_err(err)?;
    for r in records {
        index
            .add_custom_record(
                r.url,
                r.content,
                language.to_owned(),
                Some(r.meta),
                Some(r.filters),
                None,
            )
            .await
            .map_err(err)?;
    }
    let files = index.into_files().await.map_err(err)?;
    let mut out: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    for f in files {
        let name = f.filename.to_string_lossy().replace('\\', "/");
        if wanted(&name) {
            out.insert(name, f.contents);
        }
    }
    Ok(out.into_iter().collect())
}
