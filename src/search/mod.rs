//! Search: "find your deputy" by name, place or how a name sounds, on a static site.
//!
//! [`write`] turns the model into pagefind indexes (pagefind used as a library, its
//! `extended` build segmenting Chinese). What is searchable, and how a large site's index is
//! split, is decided by the site stage (`site::search`): one small [`records::Record`] per deputy, area,
//! electing unit, station, activity, suggestion and free page, with pinyin keys
//! ([`pinyin`]), result metadata and filters, split by place on large sites ([`scope`]),
//! built index by index so memory stays bounded. It also writes the search page's service
//! worker, which keeps the search page and (on sites of ordinary size) the whole index for
//! offline use. The page itself is [`page`]'s context rendered by the theme's
//! `search.html` and driven by `search.js`.

pub mod index;

pub use crate::site::search::{builder, page, pinyin, records, scope};

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::time::Instant;

use rayon::prelude::*;

use crate::model::Model;
use crate::render::Theme;
use builder::Labels;

/// A hash of everything the search files are made from: the records, the area tree they
/// are split by, the split limit, the language, the base URL and the theme. Equal hashes:
/// the search files are the same, and an incremental build or `serve` need not index again.
pub fn input_hash(model: &Model, theme: &Theme) -> u64 {
    use std::hash::{Hash, Hasher};
    let labels = records::Labels(&theme.strings);
    let records = records::all(model, &labels);
    let mut h = std::hash::DefaultHasher::new();
    records.hash(&mut h);
    format!("{:?}", model.places.areas).hash(&mut h);
    scope::limit().hash(&mut h);
    model.config.language.as_str().hash(&mut h);
    model.config.base_url.hash(&mut h);
    theme.templates.hash(&mut h);
    theme.assets.hash(&mut h);
    theme.strings.to_string().hash(&mut h);
    h.finish()
}

/// Sites whose search files are at most this large keep the whole index offline.
const PRECACHE_ALL_UP_TO: usize = 2 << 20;

/// Where [`write`] sends each file: its path below the output folder, its bytes, and the
/// hash of the index it belongs to ([`Reuse`]; 0 for `search/sw.js`, which is made from
/// every index).
pub type Put<'a> = dyn FnMut(&str, &[u8], u64) -> Result<(), String> + 'a;

/// Asked, for each index, with its folder and the hash of everything it is made from
/// (its records, folder, language): `Some(files)` when the index's files from an earlier
/// build with that hash are all in place and kept (their paths and sizes), so the index
/// is not built again; `None` to build it.
pub type Reuse<'a> = dyn Fn(&str, u64) -> Option<Vec<(String, usize)>> + Sync + 'a;

/// What one indexer made of one index: its files, or those of an earlier build it kept.
enum Made {
    Built(Vec<(String, Vec<u8>)>, u64),
    Kept(Vec<(String, usize)>),
}

/// Indexes built at the same time on a split site once `more` says so (the build says so
/// when the pages are written; before that one indexer shares the cores with them). Much
/// of pagefind's work (reading records, compressing files) runs on one thread, so a second
/// indexer keeps a second core busy; each costs the memory of one index
/// (`benches/README.md`, "Where the time goes").
const MAX_INDEXERS: usize = 2;

/// Build the site's search and send every file to `put`: the records of an index are made
/// just before it is built and dropped with it, so memory is bounded by the indexes being
/// built ([`MAX_INDEXERS`] of at most about [`scope::SPLIT_AT`] records), not by the site.
/// Returns the number of files.
pub fn write(
    model: &Model,
    theme: &Theme,
    put: &mut Put<'_>,
    more: &(dyn Fn() -> bool + Sync),
    reuse: &Reuse<'_>,
) -> Result<usize, String> {
    let start = Instant::now();
    let labels = Labels(&theme.strings);
    let keys = records::keys(model);
    let language = model.config.language.as_str().to_lowercase();
    let split = scope::split(model, &keys, scope::limit());
    let scopes = scope::plan(model, &keys, &split);
    let scopes = &scopes;
    let next = AtomicUsize::new(0);
    let (tx, rx) = mpsc::sync_channel::<(usize, Result<Made, String>)>(0);
    // Each indexer has threads of its own, so that the search's parallel parts do not wait
    // behind the pages' work on the global pool (without them the first index waited for
    // every page). Not one pool shared by the indexers: a pool thread waiting inside one
    // index's runtime would steal the other indexer's job and start a runtime within a
    // runtime, which tokio refuses with a panic
    // (`search_split::two_indexers_never_start_a_runtime_within_a_runtime`).
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let pool = |k: usize| {
        rayon::ThreadPoolBuilder::new()
            .num_threads(cores.min(MAX_INDEXERS))
            .thread_name(move |i| format!("lianluo-search-{k}-{i}"))
            .build()
            .ok()
    };
    let index_one = |i: usize, pool: Option<&rayon::ThreadPool>| {
        let sc = &scopes[i];
        let make = || -> Vec<builder::Record> {
            sc.records
                .par_iter()
                .map(|&r| records::build(model, &labels, keys[r as usize].item))
                .collect()
        };
        let recs = match pool {
            Some(p) => p.install(make),
            None => make(),
        };
        let hash = {
            use std::hash::{Hash, Hasher};
            // XXH3: every record is hashed in every build, and SipHash cost several times as much.
            let mut h = xxhash_rust::xxh3::Xxh3Default::new();
            (&sc.dir, &language).hash(&mut h);
            // Hashed as they are (not as their `Debug` text: that cost as much as making them).
            recs.hash(&mut h);
            h.finish().max(1)
        };
        if let Some(kept) = reuse(&sc.dir, hash) {
            return Ok(Made::Kept(kept));
        }
        index::build(recs, &language, pool).map(|files| Made::Built(files, hash))
    };
    let (mut files, mut bytes, mut kept) = (0, 0, 0);
    // Per index, in order: the names of its metadata files, and the names and sizes of
    // the site-wide index's files (for the service worker).
    let mut metas: Vec<Vec<String>> = vec![Vec::new(); scopes.len()];
    let mut root: Vec<(String, usize)> = Vec::new();
    std::thread::scope(|s| -> Result<(), String> {
        for k in 0..MAX_INDEXERS.min(cores).min(scopes.len()) {
            let tx = tx.clone();
            let (next, index_one, pool, n) = (&next, &index_one, &pool, scopes.len());
            s.spawn(move || {
                while k > 0 && !more() && next.load(Ordering::Relaxed) < n {
                    std::thread::sleep(std::time::Duration::from_millis(20));
                }
                let pool = pool(k);
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    if i >= n || tx.send((i, index_one(i, pool.as_ref()))).is_err() {
                        break;
                    }
                }
            });
        }
        drop(tx);
        for (i, built) in rx {
            let built = built.inspect_err(|_| next.store(scopes.len(), Ordering::Relaxed))?;
            let mut note = |rel: &str, len: usize| {
                if rel.ends_with(".pf_meta") {
                    metas[i].push(rel.to_owned());
                }
                if rel
                    .strip_prefix("pagefind/")
                    .is_some_and(|rest| !rest.contains('/') || is_chunk(rel))
                {
                    root.push((rel.to_owned(), len));
                }
            };
            match built {
                Made::Built(built, hash) => {
                    for (name, data) in built {
                        let rel = format!("{}{name}", scopes[i].dir);
                        note(&rel, data.len());
                        put(&rel, &data, hash)
                            .inspect_err(|_| next.store(scopes.len(), Ordering::Relaxed))?;
                        files += 1;
                        bytes += data.len();
                    }
                }
                Made::Kept(files_kept) => {
                    kept += 1;
                    for (rel, len) in files_kept {
                        note(&rel, len);
                        files += 1;
                    }
                }
            }
        }
        Ok(())
    })?;
    root.sort();
    let metas: Vec<String> = metas.into_iter().flatten().collect();
    if let Some(sw) = service_worker(theme, &metas, &root) {
        put("search/sw.js", &sw, 0)?;
        files += 1;
    }
    if std::env::var_os("LIANLUO_SEARCH_STATS").is_some() {
        let indexed: usize = scopes.iter().map(|s| s.records.len()).sum();
        eprintln!(
            "search: {} records in {} indexes ({} indexed; {} indexes built, {} kept), {} files, {} bytes, {:.2?}",
            keys.len(),
            scopes.len(),
            indexed,
            scopes.len() - kept,
            kept,
            files,
            bytes,
            start.elapsed()
        );
    }
    Ok(files)
}

/// Every file of the site's search, relative to the output folder (for `serve`, which
/// compares them with the last ones).
pub fn files(model: &Model, theme: &Theme) -> Result<Vec<(String, Vec<u8>)>, String> {
    let mut out = Vec::new();
    let mut put = |rel: &str, data: &[u8], _: u64| {
        out.push((rel.to_owned(), data.to_vec()));
        Ok(())
    };
    write(model, theme, &mut put, &|| true, &|_, _| None)?;
    Ok(out)
}

/// `search/sw.js`: the theme's `search-sw.js` after two constants, the cache version
/// (the names of the content-addressed index metadata) and the files to keep at install.
fn service_worker(theme: &Theme, metas: &[String], root: &[(String, usize)]) -> Option<Vec<u8>> {
    let body = theme.assets.get("search-sw.js")?;
    let version: Vec<&str> = metas.iter().map(String::as_str).collect();
    let total: usize = root.iter().map(|(_, len)| len).sum();
    let mut precache: Vec<String> = vec![
        "./index.html".into(),
        "../assets/style.css".into(),
        "../assets/site.js".into(),
        "../assets/search.js".into(),
    ];
    precache.extend(
        root.iter()
            .filter(|(n, _)| total <= PRECACHE_ALL_UP_TO || !is_chunk(n))
            .map(|(n, _)| format!("../{n}")),
    );
    let head = format!(
        "const LIANLUO_VERSION = {};\nconst LIANLUO_PRECACHE = {};\n",
        serde_json::to_string(&version.join(" ")).ok()?,
        serde_json::to_string(&precache).ok()?
    );
    let mut out = head.into_bytes();
    out.extend_from_slice(body);
    Some(out)
}

/// An index, fragment or filter chunk of the site-wide index.
fn is_chunk(name: &str) -> bool {
    ["pagefind/index/", "pagefind/fragment/", "pagefind/filter/"]
        .iter()
        .any(|p| name.starts_with(p))
}
