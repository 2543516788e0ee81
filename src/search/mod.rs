//! Search: "find your deputy" by name, place or how a name sounds, on a static site.
//!
//! [`files`] turns the model into pagefind indexes (pagefind used as a library, its
//! `extended` build segmenting Chinese): one small [`records::Record`] per deputy, area,
//! electing unit, station, activity, suggestion and free page, with pinyin keys
//! ([`pinyin`]), result metadata and filters, split by top-level place on large sites
//! ([`scope`]). It also writes the search page's service worker, which keeps the search
//! page and (on sites of ordinary size) the whole index for offline use. The page itself is
//! [`page`]'s context rendered by the theme's `search.html` and driven by `search.js`.

pub mod builder;
pub mod index;
pub mod page;
pub mod pinyin;
pub mod records;
pub mod scope;

use std::time::Instant;

use crate::model::Model;
use crate::render::Theme;
use builder::Labels;

/// Sites whose search files are at most this large keep the whole index offline.
const PRECACHE_ALL_UP_TO: usize = 2 << 20;

/// Every file of the site's search, relative to the output folder, in a fixed order.
pub fn files(m: &Model, theme: &Theme) -> Result<Vec<(String, Vec<u8>)>, String> {
    let start = Instant::now();
    let records = records::all(m, &Labels(&theme.strings));
    let language = m.config.language.as_str().to_lowercase();
    let mut out: Vec<(String, Vec<u8>)> = Vec::new();
    for sc in scope::plan(m, &records) {
        let refs: Vec<&builder::Record> = sc.records.iter().map(|&i| &records[i]).collect();
        for (name, data) in index::build(&refs, &language)? {
            out.push((format!("{}{name}", sc.dir), data));
        }
    }
    if let Some(sw) = service_worker(theme, &out) {
        out.push(("search/sw.js".into(), sw));
    }
    if std::env::var_os("LIANLUO_SEARCH_STATS").is_some() {
        let bytes: usize = out.iter().map(|(_, d)| d.len()).sum();
        eprintln!(
            "search: {} records, {} files, {} bytes, {:.2?}",
            records.len(),
            out.len(),
            bytes,
            start.elapsed()
        );
    }
    Ok(out)
}

/// `search/sw.js`: the theme's `search-sw.js` after two constants, the cache version
/// (the names of the content-addressed index metadata) and the files to keep at install.
fn service_worker(theme: &Theme, files: &[(String, Vec<u8>)]) -> Option<Vec<u8>> {
    let body = theme.assets.get("search-sw.js")?;
    let version: Vec<&str> = files
        .iter()
        .map(|(n, _)| n.as_str())
        .filter(|n| n.ends_with(".pf_meta"))
        .collect();
    let root: Vec<&(String, Vec<u8>)> = files
        .iter()
        .filter(|(n, _)| {
            n.strip_prefix("pagefind/")
                .is_some_and(|rest| !rest.contains('/') || is_chunk(n))
        })
        .collect();
    let total: usize = root.iter().map(|(_, d)| d.len()).sum();
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
