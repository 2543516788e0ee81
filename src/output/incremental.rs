//! Incremental builds: a build into a folder that an earlier build made writes only the
//! files whose bytes change, removes the files no longer produced, and leaves every other
//! file (and its modification time) alone — so the folder is byte for byte what a clean
//! build writes, and `rsync` or an object-store sync uploads only what changed.
//!
//! What the last build produced is kept in a manifest beside the output folder
//! (`.NAME.lianluo-manifest`, next to the lock file, so it is not published with the site):
//! the binary that wrote it, the epoch (a hash of the theme, the site-wide template data
//! from `site.yaml`, and whether pages are minified), and for every file its path, the hash
//! and size of its bytes and, for a page, the fingerprint of its template and context. A
//! page whose fingerprint and epoch are unchanged renders to the same bytes, so it is not
//! rendered again; likewise a workbook (`data/*.xlsx`) whose inputs' fingerprint (its CSV,
//! sheet and date) is unchanged is not made again. Every other file is made and compared
//! by hash. Each search index is kept when the hash of its records is unchanged.
//!
//! Changed files are written first into the build's temporary folder (beside the
//! destination, so on the same file system); only when everything succeeded are they
//! renamed over the old ones, one atomic rename each, after the files no longer produced
//! are removed. Before that commit the manifest is renamed `…-unsure`: a build killed during
//! the commit leaves an unsure manifest, and the next build trusts none of its hashes — it
//! compares every file with the bytes on disk. Every build removes whatever is in the folder
//! that it does not produce (stray temporary files included), as a clean build would. The manifest is written last, so it never claims what
//! is not on disk. A different binary means a clean build (its hashes and fingerprints
//! may mean something else); `--clean` forces one.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};

use super::WriteError;

/// The first line of a manifest (its format's version).
const HEADER: &str = "lianluo-manifest 1";

/// What the manifest knows of one output file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub hash: u64,
    pub size: u64,
    /// For a page: the fingerprint of its template and context; for a workbook, of its
    /// CSV, sheet and date.
    pub print: Option<String>,
    /// For a file of the search index: the hash of the index it belongs to (0 for one made
    /// from every index), written as the fingerprint `@search:HASH`. An index whose hash is
    /// unchanged is kept, not built again.
    pub search: Option<u64>,
}

/// The files of an output folder as the build that wrote them made them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Manifest {
    /// The binary that wrote the folder ([`binary`]).
    pub binary: String,
    /// The theme, the site-wide data and the options every page depends on ([`epoch`]).
    pub epoch: u64,
    /// Kept for the manifest's format; 0 (each search index is kept or built again by its
    /// own hash, [`Entry::search`]).
    pub search: u64,
    pub files: HashMap<String, Entry>,
}

/// A hash of `data` (SipHash with fixed keys: the same in every run of one binary).
pub fn hash_bytes(data: &[u8]) -> u64 {
    let mut h = std::hash::DefaultHasher::new();
    data.hash(&mut h);
    h.finish()
}

/// The identity of this binary: its version, and the size and time of its file (a
/// rebuilt binary of the same version may render differently).
pub fn binary() -> String {
    let stamp = std::env::current_exe()
        .and_then(std::fs::metadata)
        .map(|m| {
            let time = m
                .modified()
                .ok()
                .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                .map_or(0, |d| d.as_nanos());
            format!("{}-{time}", m.len())
        })
        .unwrap_or_else(|_| "unknown".into());
    format!("{}+{stamp}", env!("CARGO_PKG_VERSION"))
}

/// The hash of everything every page depends on besides its own context: the theme's
/// templates, assets and strings, the template globals (the site's settings and menu)
/// and whether pages are minified.
pub fn epoch(
    theme: &crate::render::Theme,
    globals: &crate::render::Globals<'_>,
    minify: bool,
) -> u64 {
    let mut h = std::hash::DefaultHasher::new();
    theme.templates.hash(&mut h);
    theme.assets.hash(&mut h);
    theme.strings.to_string().hash(&mut h);
    serde_json::to_string(globals)
        .unwrap_or_default()
        .hash(&mut h);
    minify.hash(&mut h);
    // What a further language's tree marks as untranslated (`as_written`) may show on pages
    // whose own context does not change with it.
    if let Some(untranslated) = globals.untranslated {
        untranslated.hash(&mut h);
    }
    h.finish()
}

impl Manifest {
    /// The manifest as text: a header, the binary, the epoch, then one line per file
    /// (`hash size print path`, sorted by path). `None` when a path cannot be written on
    /// one line (then no manifest is kept, and the next build is a clean one).
    pub fn to_text(&self) -> Option<String> {
        let mut paths: Vec<&String> = self.files.keys().collect();
        paths.sort();
        let mut text = format!(
            "{HEADER}\nbinary {}\nepoch {:016x}\nsearch {:016x}\n",
            self.binary, self.epoch, self.search
        );
        text.reserve(paths.len() * 64);
        for path in paths {
            if path.contains(['\n', '\r']) {
                return None;
            }
            let e = &self.files[path];
            text.push_str(&format!(
                "{:016x} {} {} {path}\n",
                e.hash,
                e.size,
                match e.search {
                    Some(h) => format!("@search:{h:016x}"),
                    None => e.print.clone().unwrap_or_else(|| "-".into()),
                }
            ));
        }
        Some(text)
    }

    /// Read a manifest written by [`Manifest::to_text`]; `None` if it is not one.
    pub fn parse(text: &str) -> Option<Manifest> {
        let mut lines = text.lines();
        if lines.next()? != HEADER {
            return None;
        }
        let binary = lines.next()?.strip_prefix("binary ")?.to_owned();
        let epoch = u64::from_str_radix(lines.next()?.strip_prefix("epoch ")?, 16).ok()?;
        let search = u64::from_str_radix(lines.next()?.strip_prefix("search ")?, 16).ok()?;
        let mut files = HashMap::new();
        for line in lines {
            let mut parts = line.splitn(4, ' ');
            let hash = u64::from_str_radix(parts.next()?, 16).ok()?;
            let size = parts.next()?.parse().ok()?;
            let (print, search) = match parts.next()? {
                "-" => (None, None),
                p => match p.strip_prefix("@search:") {
                    Some(h) => (None, Some(u64::from_str_radix(h, 16).ok()?)),
                    None => (Some(p.to_owned()), None),
                },
            };
            let path = parts.next()?;
            if path.is_empty() {
                return None;
            }
            files.insert(
                path.to_owned(),
                Entry {
                    hash,
                    size,
                    print,
                    search,
                },
            );
        }
        Some(Manifest {
            binary,
            epoch,
            search,
            files,
        })
    }
}

/// The manifest beside the output folder `out` (`.NAME.lianluo-manifest`).
pub fn manifest_path(out: &Path) -> PathBuf {
    beside(out, ".lianluo-manifest")
}

/// The manifest of a folder that may differ from it (a commit was interrupted).
fn unsure_path(out: &Path) -> PathBuf {
    beside(out, ".lianluo-manifest-unsure")
}

fn beside(out: &Path, suffix: &str) -> PathBuf {
    let mut name = std::ffi::OsString::from(".");
    name.push(out.file_name().unwrap_or_default());
    name.push(suffix);
    out.with_file_name(name)
}

/// What an earlier build left for this one to build on.
#[derive(Debug)]
pub struct Previous {
    pub manifest: Manifest,
    /// Whether the folder is known to hold what the manifest says; if not, every file is
    /// compared with the bytes on disk.
    pub trusted: bool,
}

/// The previous build of the marked folder `out`, if this binary can build on it: a
/// manifest of this binary (trusted, or unsure after an interrupted commit). `None`: build
/// afresh.
pub fn previous(out: &Path, binary: &str) -> Option<Previous> {
    if !out.is_dir() {
        return None;
    }
    let (text, trusted) = match std::fs::read_to_string(manifest_path(out)) {
        Ok(text) => (text, true),
        Err(_) => (std::fs::read_to_string(unsure_path(out)).ok()?, false),
    };
    let manifest = Manifest::parse(&text)?;
    (manifest.binary == binary).then_some(Previous { manifest, trusted })
}

/// Before the folder changes: what the manifest says is no longer sure. Renames the
/// manifest `…-unsure` (or keeps the unsure one there is), durably.
pub fn doubt(out: &Path) -> Result<(), WriteError> {
    let (sure, unsure) = (manifest_path(out), unsure_path(out));
    if sure.exists() {
        std::fs::rename(&sure, &unsure).map_err(|e| io(&sure, e))?;
        sync_parent(out);
    }
    Ok(())
}

/// Forget the manifests of `out` (for a folder that something else writes into).
pub fn forget(out: &Path) -> Result<(), WriteError> {
    for path in [manifest_path(out), unsure_path(out)] {
        match std::fs::remove_file(&path) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(io(&path, e)),
            _ => {}
        }
    }
    Ok(())
}

/// After the folder holds what `manifest` says: write it (through a temporary file and a
/// rename) and remove the unsure one.
pub fn settle(out: &Path, manifest: &Manifest) -> Result<(), WriteError> {
    let sure = manifest_path(out);
    let Some(text) = manifest.to_text() else {
        return forget(out);
    };
    let tmp = beside(out, ".lianluo-manifest-part");
    std::fs::write(&tmp, text).map_err(|e| io(&tmp, e))?;
    if let Ok(f) = std::fs::File::open(&tmp) {
        let _ = f.sync_all();
    }
    std::fs::rename(&tmp, &sure).map_err(|e| io(&sure, e))?;
    let unsure = unsure_path(out);
    match std::fs::remove_file(&unsure) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(io(&unsure, e)),
        _ => {}
    }
    sync_parent(out);
    Ok(())
}

/// Whether the file `out/rel` may be kept as it is for new bytes `data` (hash `hash`).
/// Trusted: the manifest had the same hash and size, and the file on disk has that size.
/// Unsure: the bytes on disk are `data`.
pub fn unchanged(previous: &Previous, out: &Path, rel: &str, data: &[u8], hash: u64) -> bool {
    let path = out.join(rel);
    if previous.trusted {
        let size = data.len() as u64;
        previous
            .manifest
            .files
            .get(rel)
            .is_some_and(|e| e.hash == hash && e.size == size)
            && on_disk(&path, size)
    } else {
        std::fs::symlink_metadata(&path).is_ok_and(|m| m.is_file() && m.len() == data.len() as u64)
            && std::fs::read(&path).is_ok_and(|old| old == data)
    }
}

/// The manifest's entry for the page `rel`, if the page need not be rendered again: the
/// manifest is trusted, of the same epoch, has the same fingerprint, and the file is there.
pub fn known_page<'p>(
    previous: &'p Previous,
    epoch: u64,
    out: &Path,
    rel: &str,
    print: &str,
) -> Option<&'p Entry> {
    if !previous.trusted || previous.manifest.epoch != epoch {
        return None;
    }
    let entry = previous.manifest.files.get(rel)?;
    (entry.print.as_deref() == Some(print) && on_disk(&out.join(rel), entry.size)).then_some(entry)
}

/// The search files of the previous build by the hash of their index (trusted manifests
/// only: an unsure one keeps nothing).
pub fn search_indexes(previous: &Previous) -> HashMap<u64, Vec<(&String, &Entry)>> {
    let mut by_index: HashMap<u64, Vec<(&String, &Entry)>> = HashMap::new();
    if previous.trusted {
        for (rel, e) in &previous.manifest.files {
            if let Some(h) = e.search.filter(|&h| h != 0) {
                by_index.entry(h).or_default().push((rel, e));
            }
        }
    }
    by_index
}

/// Whether every file of `files` is below `out` with its size.
pub fn all_on_disk(out: &Path, files: &[(&String, &Entry)]) -> bool {
    files.iter().all(|(rel, e)| on_disk(&out.join(rel), e.size))
}

fn on_disk(path: &Path, size: u64) -> bool {
    std::fs::symlink_metadata(path).is_ok_and(|m| m.is_file() && m.len() == size)
}

/// The files below `out` that a build does not produce (`keep` says which it does), the
/// marker aside: every file on disk, not only those the manifest lists — a file someone
/// put into the folder, or a temporary file of an interrupted build, goes too, as it
/// would with a clean build. The folders are read in parallel (at 100,000 deputies the
/// folder holds over 300,000 files in 100,000 folders).
pub fn gone(out: &Path, keep: &(dyn Fn(&str) -> bool + Sync)) -> Vec<String> {
    let mut gone = below(out, "", keep);
    gone.retain(|rel| rel != super::target::MARKER);
    gone.sort();
    gone
}

/// The files below `dir` (whose path below the output folder is `prefix`) that `keep`
/// does not keep: symbolic links count as files, names that are not UTF-8 and folders
/// that cannot be read are passed over.
fn below(dir: &Path, prefix: &str, keep: &(dyn Fn(&str) -> bool + Sync)) -> Vec<String> {
    use rayon::prelude::*;
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let (mut files, mut folders) = (Vec::new(), Vec::new());
    for entry in entries.flatten() {
        let Ok(name) = entry.file_name().into_string() else {
            continue;
        };
        let rel = format!("{prefix}{name}");
        match entry.file_type() {
            Ok(t) if t.is_dir() => folders.push((entry.path(), rel + "/")),
            Ok(_) if !keep(&rel) => files.push(rel),
            _ => {}
        }
    }
    let deeper: Vec<Vec<String>> = folders
        .par_iter()
        .map(|(path, rel)| below(path, rel, keep))
        .collect();
    files.extend(deeper.into_iter().flatten());
    files
}

/// Put the new site in place in `out`: remove the files in `gone` (and the folders they
/// leave empty), then rename each file of `staged` from `staging` over its old version.
pub fn commit(
    out: &Path,
    staging: &Path,
    staged: &[String],
    gone: &[String],
) -> Result<(), WriteError> {
    for rel in gone {
        remove(out, rel)?;
    }
    for rel in staged {
        let (from, to) = (staging.join(rel), out.join(rel));
        if std::fs::symlink_metadata(&to).is_ok_and(|m| m.is_dir()) {
            // A folder where a file now goes: what was in it is no longer produced.
            std::fs::remove_dir_all(&to).map_err(|e| io(&to, e))?;
        }
        match std::fs::rename(&from, &to) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound && from.exists() => {
                let parent = to.parent().unwrap_or(out);
                std::fs::create_dir_all(parent).map_err(|e| io(parent, e))?;
                std::fs::rename(&from, &to).map_err(|e| io(&to, e))?;
            }
            r => r.map_err(|e| io(&to, e))?,
        }
    }
    Ok(())
}

/// Delete `rel` below `out`, and the folders it leaves empty.
pub fn remove(out: &Path, rel: &str) -> Result<(), WriteError> {
    let path = out.join(rel);
    match std::fs::remove_file(&path) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(io(&path, e)),
    }
    let mut dir = path.parent();
    while let Some(d) = dir {
        if d == out || !d.starts_with(out) || std::fs::remove_dir(d).is_err() {
            break;
        }
        dir = d.parent();
    }
    Ok(())
}

/// Write `rel` below `out` in place of the old file, through a temporary file in the same
/// folder and a rename (so a reader never sees half a file).
pub fn replace(out: &Path, rel: &str, data: &[u8]) -> Result<(), WriteError> {
    let path = out.join(rel);
    let parent = path.parent().unwrap_or(out);
    std::fs::create_dir_all(parent).map_err(|e| io(parent, e))?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = parent.join(format!(".{name}.lianluo-part"));
    std::fs::write(&tmp, data).map_err(|e| io(&tmp, e))?;
    std::fs::rename(&tmp, &path).map_err(|e| io(&path, e))
}

fn sync_parent(out: &Path) {
    if let Some(parent) = out.parent()
        && let Ok(f) = std::fs::File::open(parent)
    {
        let _ = f.sync_all();
    }
}

fn io(path: &Path, e: std::io::Error) -> WriteError {
    WriteError(format!("{}: {e}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Manifest {
        let mut files = HashMap::new();
        files.insert(
            "deputies/li/index.html".into(),
            Entry {
                hash: 7,
                size: 120,
                print: Some("00ff".into()),
                search: None,
            },
        );
        files.insert(
            "static/a photo.jpg".into(),
            Entry {
                hash: u64::MAX,
                size: 0,
                print: None,
                search: None,
            },
        );
        files.insert(
            "pagefind/pagefind.js".into(),
            Entry {
                hash: 3,
                size: 10,
                print: None,
                search: Some(0xabc),
            },
        );
        Manifest {
            binary: "0.1.0+12-34".into(),
            epoch: 99,
            search: 5,
            files,
        }
    }

    #[test]
    fn a_manifest_reads_back_as_written() {
        let m = sample();
        let text = m.to_text().expect("text");
        assert_eq!(Manifest::parse(&text), Some(m));
    }

    #[test]
    fn a_damaged_manifest_is_not_one() {
        let text = sample().to_text().expect("text");
        assert_eq!(Manifest::parse(&text.replace("epoch", "epoc")), None);
        assert_eq!(Manifest::parse(&format!("{text}zz 1 - x\n")), None);
        assert_eq!(Manifest::parse(""), None);
    }

    #[test]
    fn a_path_with_a_line_break_gives_no_manifest() {
        let mut m = sample();
        m.files.insert(
            "static/a\nb".into(),
            Entry {
                hash: 1,
                size: 1,
                print: None,
                search: None,
            },
        );
        assert_eq!(m.to_text(), None);
    }

    #[test]
    fn an_unsure_manifest_compares_with_the_disk() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let out = tmp.path().join("public");
        replace(&out, "a/b.html", b"old").expect("write");
        let previous = Previous {
            manifest: Manifest::default(),
            trusted: false,
        };
        assert!(unchanged(&previous, &out, "a/b.html", b"old", 0));
        assert!(!unchanged(&previous, &out, "a/b.html", b"new", 0));
        assert!(!unchanged(&previous, &out, "a/c.html", b"old", 0));
        std::fs::write(out.join("a/.b.html.lianluo-part"), "half").expect("write");
        let keep = |rel: &str| rel == "a/b.html";
        assert_eq!(gone(&out, &keep), vec!["a/.b.html.lianluo-part"]);
    }

    #[test]
    fn removing_the_last_file_removes_its_folders() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let out = tmp.path();
        replace(out, "a/b/c.html", b"x").expect("put");
        replace(out, "a/d.html", b"y").expect("put");
        remove(out, "a/b/c.html").expect("remove");
        assert!(!out.join("a/b").exists());
        assert!(out.join("a/d.html").exists());
        remove(out, "a/d.html").expect("remove");
        assert!(!out.join("a").exists());
        assert!(out.exists());
    }
}
