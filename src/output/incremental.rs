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
//! that it does not produce (stray temporary files included), as a clean build would: the
//! folder is walked once per build, while the sources load ([`survey`], [`Ahead`]), and
//! that walk also says whether each file a trusted build keeps is still there, as a file.
//! The walk reads the folders' entries only (names and kinds), not each file's size: at
//! national size asking the size of 8.9 million files was two thirds of a one-edit build's
//! time (`benches/README.md`, session 21). So a file another program changed in place, its
//! name kept, is not noticed until its bytes change again (or `--clean`); one deleted,
//! added, or replaced by a folder or a link is.
//! The manifest is written last, so it never claims what is not on disk. A different
//! binary means a clean build (its hashes and fingerprints may mean something else);
//! `--clean` forces one.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};

use super::WriteError;

/// The first line of a manifest (its format's version). A manifest of another version is
/// not read: the build is a clean one.
const HEADER: &str = "lianluo-manifest 2";

/// What the manifest knows of one output file (40 bytes).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entry {
    pub hash: u64,
    pub size: u64,
    pub mark: Mark,
}

/// What an output file was made from, when the build can tell without making it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    /// Nothing: the file is made every build and compared by hash.
    None,
    /// A page: the fingerprint of its template and context; a workbook: of its CSV, sheet
    /// and date (128 bits, as two halves so that an entry stays 8-byte aligned).
    Print(Print),
    /// A file of the search index: the hash of the index it belongs to (0 for one made
    /// from every index). An index whose hash is unchanged is kept, not built again.
    Search(u64),
}

/// A 128-bit fingerprint (written as 32 hex digits).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Print([u64; 2]);

impl Print {
    /// The fingerprint written as 32 hex digits; `None` if `hex` is not one.
    pub fn parse(hex: &str) -> Option<Print> {
        if hex.len() != 32 || !hex.is_ascii() {
            return None;
        }
        Some(Print([hex_u64(&hex[..16])?, hex_u64(&hex[16..])?]))
    }
}

impl std::fmt::Display for Print {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:016x}{:016x}", self.0[0], self.0[1])
    }
}

/// The files of an output folder by path: every path once in one string, an entry each,
/// and a hash table of their positions — about 50 bytes a file besides its path, where a
/// map of owned strings took about 130 (at national size a manifest has 9 million files,
/// and the last build's and this build's are in memory together).
#[derive(Clone, Default)]
pub struct Files {
    /// Every path, one after the other.
    text: String,
    /// Where each path ends in `text` (it starts where the one before ends).
    ends: Vec<usize>,
    entries: Vec<Entry>,
    /// Positions in `entries`, by the hash of their path.
    table: hashbrown::HashTable<u32>,
}

/// The hasher of the paths in [`Files`] (XXH3, unseeded: nothing depends on its values
/// but the table).
fn path_hash(path: &str) -> u64 {
    xxhash_rust::xxh3::xxh3_64(path.as_bytes())
}

impl Files {
    /// Room for `n` files with `bytes` bytes of paths in all.
    pub fn with_capacity(n: usize, bytes: usize) -> Files {
        Files {
            text: String::with_capacity(bytes),
            ends: Vec::with_capacity(n),
            entries: Vec::with_capacity(n),
            table: hashbrown::HashTable::with_capacity(n),
        }
    }

    fn path(&self, i: usize) -> &str {
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        &self.text[start..self.ends[i]]
    }

    fn position(&self, path: &str) -> Option<usize> {
        self.table
            .find(path_hash(path), |&i| self.path(i as usize) == path)
            .map(|&i| i as usize)
    }

    /// The entry of `path`.
    pub fn get(&self, path: &str) -> Option<&Entry> {
        self.position(path).map(|i| &self.entries[i])
    }

    pub fn contains_key(&self, path: &str) -> bool {
        self.position(path).is_some()
    }

    /// The path of the file at `position` (as [`Files::insert`] returned it).
    pub fn path_at(&self, position: u32) -> &str {
        self.path(position as usize)
    }

    /// Put `entry` for `path` (in place of the one it had); returns its position.
    pub fn insert(&mut self, path: &str, entry: Entry) -> u32 {
        if let Some(i) = self.position(path) {
            self.entries[i] = entry;
            return i as u32;
        }
        let i = u32::try_from(self.entries.len()).unwrap_or(u32::MAX);
        self.text.push_str(path);
        self.ends.push(self.text.len());
        self.entries.push(entry);
        let Files {
            text, ends, table, ..
        } = self;
        let path_of = |i: usize| {
            let start = if i == 0 { 0 } else { ends[i - 1] };
            &text[start..ends[i]]
        };
        table.insert_unique(path_hash(path), i, |&j| path_hash(path_of(j as usize)));
        i
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// The bytes of every path together.
    pub fn path_bytes(&self) -> usize {
        self.text.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Every file and its entry, in the order they were put.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &Entry)> {
        (0..self.entries.len()).map(|i| (self.path(i), &self.entries[i]))
    }
}

impl std::fmt::Debug for Files {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}

impl PartialEq for Files {
    fn eq(&self, other: &Files) -> bool {
        self.len() == other.len() && self.iter().all(|(p, e)| other.get(p) == Some(e))
    }
}

impl Eq for Files {}

/// The files of an output folder as the build that wrote them made them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Manifest {
    /// The binary that wrote the folder ([`binary`]).
    pub binary: String,
    /// The theme, the site-wide data and the options every page depends on ([`epoch`]).
    pub epoch: u64,
    /// Kept for the manifest's format; 0 (each search index is kept or built again by its
    /// own hash, [`Mark::Search`]).
    pub search: u64,
    pub files: Files,
}

/// A hash of `data` (XXH3, unseeded: the same in every run). Every file a build makes is
/// hashed; SipHash, before session 17, cost several times as much.
pub fn hash_bytes(data: &[u8]) -> u64 {
    xxhash_rust::xxh3::xxh3_64(data)
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

/// A manifest's first lines: its format, the binary, the epoch and the search hash.
pub(crate) fn write_header(
    out: &mut dyn std::io::Write,
    binary: &str,
    epoch: u64,
    search: u64,
) -> std::io::Result<()> {
    write!(
        out,
        "{HEADER}\nbinary {binary}\nepoch {epoch:016x}\nsearch {search:016x}\n"
    )
}

/// A manifest's line for one file, `hash size mark path` and a newline, put after `text`.
pub(crate) fn push_line(text: &mut Vec<u8>, path: &str, entry: &Entry) {
    push_hex(text, entry.hash, 16);
    text.push(b' ');
    push_decimal(text, entry.size);
    text.push(b' ');
    match entry.mark {
        Mark::None => text.push(b'-'),
        Mark::Print(Print([a, b])) => {
            push_hex(text, a, 16);
            push_hex(text, b, 16);
        }
        Mark::Search(h) => {
            text.push(b'@');
            push_hex(text, h, 16);
        }
    }
    text.push(b' ');
    text.extend_from_slice(path.as_bytes());
    text.push(b'\n');
}

/// `n` as `digits` lowercase hex digits.
fn push_hex(out: &mut Vec<u8>, n: u64, digits: usize) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    for k in (0..digits).rev() {
        out.push(HEX[((n >> (4 * k)) & 0xf) as usize]);
    }
}

/// `n` in decimal.
fn push_decimal(out: &mut Vec<u8>, n: u64) {
    let mut digits = [0u8; 20];
    let mut k = digits.len();
    let mut n = n;
    loop {
        k -= 1;
        digits[k] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend_from_slice(&digits[k..]);
}

/// Sixteen hex digits at most as a number (`None`: not hex, or none at all).
fn hex_u64(s: &str) -> Option<u64> {
    if s.is_empty() || s.len() > 16 {
        return None;
    }
    let mut n = 0u64;
    for b in s.bytes() {
        let d = match b {
            b'0'..=b'9' => b - b'0',
            b'a'..=b'f' => b - b'a' + 10,
            _ => return None,
        };
        n = (n << 4) | u64::from(d);
    }
    Some(n)
}

impl Manifest {
    /// The manifest as text: a header, the binary, the epoch, then one line per file
    /// (`hash size mark path`, sorted by path; the mark is `-`, a page's 32-digit
    /// fingerprint, or `@` and a search index's hash). `None` when a path cannot be
    /// written on one line (then no manifest is kept, and the next build is a clean one).
    pub fn to_text(&self) -> Option<Vec<u8>> {
        let mut text = Vec::new();
        // Writing into memory cannot fail.
        self.write_to(&mut text).ok()?.then_some(text)
    }

    /// [`Manifest::to_text`] into `out`, a line at a time (at national size the text is
    /// 0.7 GB, never held whole); `Ok(false)`, and nothing written, when a path cannot be
    /// written on one line.
    pub fn write_to(&self, out: &mut dyn std::io::Write) -> std::io::Result<bool> {
        use rayon::prelude::*;
        let files = &self.files;
        let mut order: Vec<usize> = (0..files.len()).collect();
        order.par_sort_unstable_by(|&a, &b| files.path(a).cmp(files.path(b)));
        if order
            .par_iter()
            .any(|&i| files.path(i).contains(['\n', '\r']))
        {
            return Ok(false);
        }
        write_header(out, &self.binary, self.epoch, self.search)?;
        let mut text = Vec::new();
        for i in order {
            text.clear();
            push_line(&mut text, files.path(i), &files.entries[i]);
            out.write_all(&text)?;
        }
        Ok(true)
    }

    /// Read a manifest written by [`Manifest::to_text`]; `None` if it is not one (of
    /// this format's version).
    pub fn parse(text: &str) -> Option<Manifest> {
        // A manifest is written whole, ending with a newline: one that does not was cut
        // short (a full disk), and is not trusted.
        if !text.ends_with('\n') {
            return None;
        }
        let lines = text.bytes().filter(|&b| b == b'\n').count();
        Manifest::parse_lines(text.as_bytes(), lines, text.len()).ok()?
    }

    /// Read the manifest file at `path` a line at a time (at national size it is 0.7 GB,
    /// never held whole): its lines are counted first, for the room they need, then read.
    /// `Ok(None)` if it is not a manifest (of this format's version).
    pub fn read(path: &Path) -> std::io::Result<Option<Manifest>> {
        use std::io::{BufRead, Seek};
        let mut file = std::io::BufReader::with_capacity(1 << 20, std::fs::File::open(path)?);
        let (mut lines, mut size, mut last) = (0, 0, None);
        loop {
            let part = file.fill_buf()?;
            let Some(&end) = part.last() else { break };
            lines += part.iter().filter(|&&b| b == b'\n').count();
            size += part.len();
            last = Some(end);
            let n = part.len();
            file.consume(n);
        }
        // Cut short (a full disk): not trusted, as in [`Manifest::parse`].
        if last != Some(b'\n') {
            return Ok(None);
        }
        file.rewind()?;
        Manifest::parse_lines(file, lines, size)
    }

    /// [`Manifest::parse`] of the `lines` lines (`size` bytes in all) that `text` gives.
    fn parse_lines(
        mut text: impl std::io::BufRead,
        lines: usize,
        size: usize,
    ) -> std::io::Result<Option<Manifest>> {
        let mut line = String::new();
        // The next line into `line`: `Some(false)` at the end, `None` if it is not UTF-8
        // (then this is no manifest).
        let mut next = |line: &mut String| -> std::io::Result<Option<bool>> {
            line.clear();
            match text.read_line(line) {
                Ok(0) => Ok(Some(false)),
                Ok(_) => {
                    if line.ends_with('\n') {
                        line.pop();
                    }
                    Ok(Some(true))
                }
                Err(e) if e.kind() == std::io::ErrorKind::InvalidData => Ok(None),
                Err(e) => Err(e),
            }
        };
        let mut head = Vec::with_capacity(4);
        for _ in 0..4 {
            if next(&mut line)? != Some(true) {
                return Ok(None);
            }
            head.push(line.clone());
        }
        let parsed = (|| {
            if head[0] != HEADER {
                return None;
            }
            let binary = head[1].strip_prefix("binary ")?.to_owned();
            let epoch = hex_u64(head[2].strip_prefix("epoch ")?)?;
            let search = hex_u64(head[3].strip_prefix("search ")?)?;
            Some((binary, epoch, search))
        })();
        let Some((binary, epoch, search)) = parsed else {
            return Ok(None);
        };
        // The shortest line is 23 bytes (16 hex digits, a size, a mark, a path): room for
        // no more lines than that, whatever the count of newlines says.
        let count = lines.min(size / 23);
        let mut files = Files::with_capacity(count, size.saturating_sub(count * 40));
        loop {
            match next(&mut line)? {
                Some(true) => {}
                Some(false) => break,
                None => return Ok(None),
            }
            let Some((path, entry)) = Manifest::entry(&line) else {
                return Ok(None);
            };
            files.insert(path, entry);
        }
        Ok(Some(Manifest {
            binary,
            epoch,
            search,
            files,
        }))
    }

    /// One file's line: its path and entry.
    fn entry(line: &str) -> Option<(&str, Entry)> {
        let mut parts = line.splitn(4, ' ');
        let hash = parts.next()?;
        if hash.len() != 16 {
            return None;
        }
        let hash = hex_u64(hash)?;
        let size = parts.next()?;
        if size.is_empty() || !size.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let size: u64 = size.parse().ok()?;
        let mark = match parts.next()? {
            "-" => Mark::None,
            m => match m.strip_prefix('@') {
                Some(h) => Mark::Search(hex_u64(h)?),
                None if m.len() == 32 && m.is_ascii() => {
                    Mark::Print(Print([hex_u64(&m[..16])?, hex_u64(&m[16..])?]))
                }
                None => return None,
            },
        };
        let path = parts.next()?;
        if path.is_empty() || path.contains('\r') {
            return None;
        }
        Some((path, Entry { hash, size, mark }))
    }
}

/// The manifest beside the output folder `out` (`.NAME.lianluo-manifest`).
pub fn manifest_path(out: &Path) -> PathBuf {
    beside(out, ".lianluo-manifest")
}

/// Whether the manifest beside `out` was written by `binary` (its first two lines only;
/// whether the build can use it is for [`previous`] to say): a build into that folder
/// will most likely write only what changed. An unsure manifest (an interrupted commit)
/// is not asked: that build is taken for a full one.
pub fn made_by(out: &Path, binary: &str) -> bool {
    use std::io::BufRead;
    let Ok(file) = std::fs::File::open(manifest_path(out)) else {
        return false;
    };
    let mut lines = std::io::BufReader::with_capacity(512, file).lines();
    let mut next = || lines.next().and_then(Result::ok);
    next().is_some_and(|l| l == HEADER) && next().is_some_and(|l| l == format!("binary {binary}"))
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
    /// What the folder holds, read once per build ([`survey`]), while the sources load.
    pub disk: OnDisk,
}

/// What is in the output folder as a build begins, from one walk of it (the folders read
/// in parallel, from their entries only: names and kinds, no file's size): whether each
/// file the last manifest lists is there as a regular file, and the files it does not
/// list. A trusted build asks this, not the disk, whether a file it keeps is there; and
/// the files that are no longer produced are found in it.
#[derive(Debug, Default)]
pub struct OnDisk {
    /// By position in the last manifest's files: what is at that path (a byte each: 8.9
    /// million at national size).
    found: Vec<Kind>,
    /// Files (or links, or anything that is not a folder) the last manifest does not list.
    strays: Vec<String>,
}

/// What a walk found at a path the last manifest lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// Nothing.
    Absent,
    /// A regular file.
    File,
    /// Something that is not a regular file (a link): never kept, removed unless produced.
    Other,
}

impl OnDisk {
    /// Whether the file `rel` of the last manifest is on disk, as a regular file.
    fn has(&self, files: &Files, rel: &str) -> bool {
        files.position(rel).is_some_and(|i| self.has_at(i))
    }

    /// Whether the last manifest's file at position `i` is on disk, as a regular file.
    fn has_at(&self, i: usize) -> bool {
        self.found.get(i) == Some(&Kind::File)
    }
}

impl Previous {
    /// The last manifest's entry of `rel` if the file was on disk when the build began (one
    /// lookup of the path: a one-edit build asks this of every file it makes).
    fn on_disk(&self, rel: &str) -> Option<&Entry> {
        let files = &self.manifest.files;
        let i = files.position(rel)?;
        self.disk.has_at(i).then(|| &files.entries[i])
    }
}

/// Walk the folder `out`: what it holds ([`OnDisk`]), seen through the last manifest's files.
pub fn survey(out: &Path, files: &Files) -> OnDisk {
    let Found { known, strays } = found(out, "", files);
    let mut found = vec![Kind::Absent; files.len()];
    for (i, kind) in known {
        found[i] = kind;
    }
    OnDisk { found, strays }
}

/// What a walk found below a folder: the files of the last manifest, by position, with
/// what each is, and the paths of the others.
/// Only the others' paths are kept: at national size the folder holds 8.9 million files,
/// and a path each is about a gigabyte held while the sources load (it did not move the
/// peak of a one-edit build, which comes later: `benches/README.md`).
#[derive(Default)]
struct Found {
    known: Vec<(usize, Kind)>,
    strays: Vec<String>,
}

impl Found {
    fn note(&mut self, files: &Files, rel: &str, kind: Kind) {
        match files.position(rel) {
            Some(i) => self.known.push((i, kind)),
            None => self.strays.push(rel.to_owned()),
        }
    }
}

/// Every file below `dir` (whose path below the output folder is `prefix`) and what it is,
/// from the folders' entries (the kind of each comes with its name where the file system
/// gives it, as Linux's do; elsewhere it is asked of the file): names that are not UTF-8
/// and folders that cannot be read are passed over, as before.
fn found(dir: &Path, prefix: &str, files: &Files) -> Found {
    use rayon::prelude::*;
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Found::default();
    };
    let mut here = Found::default();
    let mut folders: Vec<String> = Vec::new();
    let mut rel = String::from(prefix);
    for entry in entries.flatten() {
        let Ok(name) = entry.file_name().into_string() else {
            continue;
        };
        rel.truncate(prefix.len());
        rel.push_str(&name);
        match entry.file_type() {
            Ok(t) if t.is_dir() => folders.push(name),
            Ok(t) if t.is_file() => here.note(files, &rel, Kind::File),
            Ok(_) => here.note(files, &rel, Kind::Other),
            Err(_) => {}
        }
    }
    let deeper: Vec<Found> = folders
        .par_iter()
        .map(|name| found(&dir.join(name), &format!("{prefix}{name}/"), files))
        .collect();
    for f in deeper {
        here.known.extend(f.known);
        here.strays.extend(f.strays);
    }
    here
}

impl Previous {
    /// The files on disk when the build started that it does not produce (`keep` says
    /// which it does), the marker aside: listed in the last manifest or not — a file
    /// someone put into the folder, or a temporary file of an interrupted build, goes too,
    /// as it would with a clean build. Sorted.
    pub fn gone(&self, keep: &(dyn Fn(&str) -> bool + Sync)) -> Vec<String> {
        let files = &self.manifest.files;
        let mut gone: Vec<String> = self
            .disk
            .strays
            .iter()
            .filter(|rel| !keep(rel))
            .cloned()
            .collect();
        gone.extend(
            (0..files.len())
                .filter(|&i| {
                    self.disk.found.get(i).is_some_and(|&k| k != Kind::Absent)
                        && !keep(files.path(i))
                })
                .map(|i| files.path(i).to_owned()),
        );
        gone.retain(|rel| rel != super::target::MARKER);
        gone.sort();
        gone
    }
}

/// The previous build of the marked folder `out`, if this binary can build on it: a
/// manifest of this binary (trusted, or unsure after an interrupted commit). `None`: build
/// afresh.
pub fn previous(out: &Path, binary: &str) -> Option<Previous> {
    if !out.is_dir() {
        return None;
    }
    let (manifest, trusted) = match Manifest::read(&manifest_path(out)) {
        Ok(manifest) => (manifest?, true),
        Err(_) => (Manifest::read(&unsure_path(out)).ok()??, false),
    };
    if manifest.binary != binary {
        return None;
    }
    let disk = survey(out, &manifest.files);
    Some(Previous {
        manifest,
        trusted,
        disk,
    })
}

/// The last build, read while the sources load: [`previous`] done early, on a thread of
/// its own, before the build has locked the folder (the walk of a large output folder costs
/// seconds that loading and validation leave free). Taken up by [`Ahead::take`] once the
/// folder is locked, and only if nothing changed it meanwhile.
#[derive(Debug)]
pub struct Ahead {
    stamp: Stamp,
    binary: String,
    previous: Option<Previous>,
    /// How long reading the manifest and walking the folder took.
    took: std::time::Duration,
}

/// The state of an output folder as far as builds change it: the folder itself and the
/// manifests beside it, each by size, modification time and (on Unix) inode. A build that
/// starts from a sure manifest renames it `…-unsure` before it changes anything in the
/// folder and writes a new one last; a build afresh replaces the whole folder. (A build
/// that starts from an unsure manifest leaves it as it is while it changes the folder: an
/// unsure read is never taken, see [`Ahead::take`].) On a file system with coarse times and
/// no inodes, two builds writing manifests of one size within a tick could look the same.
#[derive(Debug, PartialEq, Eq)]
struct Stamp([Option<(u64, std::time::SystemTime, u64)>; 3]);

impl Stamp {
    fn of(out: &Path) -> Stamp {
        let id = |path: &Path| {
            let meta = std::fs::symlink_metadata(path).ok()?;
            #[cfg(unix)]
            let inode = std::os::unix::fs::MetadataExt::ino(&meta);
            #[cfg(not(unix))]
            let inode = 0;
            Some((meta.len(), meta.modified().ok()?, inode))
        };
        Stamp([id(out), id(&manifest_path(out)), id(&unsure_path(out))])
    }
}

impl Ahead {
    /// Read the last build of `out` now (see [`previous`]), for the binary `binary`.
    pub fn read(out: &Path, binary: &str) -> Ahead {
        let start = std::time::Instant::now();
        let stamp = Stamp::of(out);
        let previous = previous(out, binary);
        Ahead {
            stamp,
            binary: binary.to_owned(),
            previous,
            took: start.elapsed(),
        }
    }

    /// How long reading the last build's manifest and walking its folder took, if there
    /// was a last build of this binary with a sure manifest (`build --timings`). An unsure
    /// one is read again under the lock ([`Ahead::take`]): no figure then. (Nor is there a
    /// right one in the rare case that another build changed the folder between this
    /// reading and the lock: this reading's time is given, though it is read again.)
    pub fn walked(&self) -> Option<std::time::Duration> {
        self.previous
            .as_ref()
            .filter(|previous| previous.trusted)
            .map(|_| self.took)
    }

    /// The last build read ahead, if the folder (now locked by this build) is as it was
    /// when it was read, for the same binary, and its manifest was sure; else it is read
    /// again (an unsure manifest means a build was cut short while changing the folder,
    /// perhaps while it was being read: that rare case is read under the lock).
    pub fn take(self, out: &Path, binary: &str) -> Option<Previous> {
        let Ahead {
            stamp,
            binary: read_for,
            previous: read,
            took: _,
        } = self;
        let sure = read.as_ref().is_none_or(|p| p.trusted);
        if sure && read_for == binary && Stamp::of(out) == stamp {
            return read;
        }
        // Not two manifests in memory at once (at national size, about 0.9 GB each).
        drop(read);
        previous(out, binary)
    }
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
    let written = write_part(out, &mut |file| manifest.write_to(file))?;
    install_part(out, written)
}

/// Write a manifest with `write` into its temporary file beside `out` (durably), to be put
/// in place by [`install_part`] once the folder holds what it says. `Ok(false)` when
/// `write` wrote none (a path that cannot be written on one line); the file is then gone.
pub(crate) fn write_part(
    out: &Path,
    write: &mut dyn FnMut(&mut dyn std::io::Write) -> std::io::Result<bool>,
) -> Result<bool, WriteError> {
    let tmp = part_path(out);
    let mut file = std::io::BufWriter::with_capacity(
        1 << 20,
        std::fs::File::create(&tmp).map_err(|e| io(&tmp, e))?,
    );
    let written = write(&mut file).and_then(|made| {
        let file = file.into_inner().map_err(|e| e.into_error())?;
        if made {
            let _ = file.sync_all();
        }
        Ok(made)
    });
    match written {
        Ok(true) => Ok(true),
        Ok(false) => {
            std::fs::remove_file(&tmp).map_err(|e| io(&tmp, e))?;
            Ok(false)
        }
        Err(e) => {
            discard_part(out);
            Err(io(&tmp, e))
        }
    }
}

/// Remove the manifest [`write_part`] wrote, when the build that wrote it failed after all.
pub(crate) fn discard_part(out: &Path) {
    let _ = std::fs::remove_file(part_path(out));
}

/// Put the manifest [`write_part`] wrote in place (or, when it `written` none, forget the
/// folder's manifests), and remove the unsure one.
pub(crate) fn install_part(out: &Path, written: bool) -> Result<(), WriteError> {
    if !written {
        return forget(out);
    }
    let (tmp, sure) = (part_path(out), manifest_path(out));
    std::fs::rename(&tmp, &sure).map_err(|e| io(&sure, e))?;
    let unsure = unsure_path(out);
    match std::fs::remove_file(&unsure) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(io(&unsure, e)),
        _ => {}
    }
    sync_parent(out);
    Ok(())
}

fn part_path(out: &Path) -> PathBuf {
    beside(out, ".lianluo-manifest-part")
}

/// Whether the file `out/rel` may be kept as it is for new bytes `data` (hash `hash`).
/// Trusted: the manifest had the same hash and size, and the file was on disk when the
/// build began. Unsure: the bytes on disk are `data`.
pub fn unchanged(previous: &Previous, out: &Path, rel: &str, data: &[u8], hash: u64) -> bool {
    let size = data.len() as u64;
    if previous.trusted {
        return listed_as(previous, rel, hash, size);
    }
    on_disk_with(out, rel, size)
        .is_some_and(|path| std::fs::read(path).is_ok_and(|old| old == data))
}

/// A trusted manifest's answer: it lists `rel` with this hash and size, and the file was on
/// disk when the build began.
fn listed_as(previous: &Previous, rel: &str, hash: u64, size: u64) -> bool {
    previous
        .on_disk(rel)
        .is_some_and(|e| e.hash == hash && e.size == size)
}

/// The path of `out/rel` if it is a regular file of `size` bytes reached through folders
/// only, not links: a file reached through a link is not the site's, so it is never kept
/// (the link goes as a stray).
fn on_disk_with(out: &Path, rel: &str, size: u64) -> Option<PathBuf> {
    let path = out.join(rel);
    let real_folders = folders(out, rel)
        .iter()
        .all(|dir| std::fs::symlink_metadata(dir).is_ok_and(|m| m.is_dir()));
    (real_folders && std::fs::symlink_metadata(&path).is_ok_and(|m| m.is_file() && m.len() == size))
        .then_some(path)
}

/// A writer that passes its bytes on and takes their hash and count as they go: the hash
/// of a file written in parts ([`super::Sink::put_streamed`], behind a large buffer, so it
/// sees few and big parts). It is not [`hash_bytes`]'s (the count goes in after the bytes;
/// a file is always hashed the one way or always the other, so the two are never
/// compared). XXH3's streaming form gives the same hash however the bytes are split (a
/// unit test checks it): were it not to, a kept file would only be written again, never a
/// changed one kept.
pub struct Streamed<W: std::io::Write> {
    inner: W,
    hasher: xxhash_rust::xxh3::Xxh3Default,
    size: u64,
}

impl<W: std::io::Write> Streamed<W> {
    pub fn new(inner: W) -> Self {
        Streamed {
            inner,
            hasher: xxhash_rust::xxh3::Xxh3Default::new(),
            size: 0,
        }
    }

    /// Flush, and the hash and size of everything written.
    pub fn finish(self) -> std::io::Result<(u64, u64)> {
        self.into_parts().map(|(_, hash, size)| (hash, size))
    }

    /// Flush; the writer, and the hash and size of everything written.
    pub fn into_parts(mut self) -> std::io::Result<(W, u64, u64)> {
        self.inner.flush()?;
        self.hasher.update(&self.size.to_le_bytes());
        Ok((self.inner, self.hasher.digest(), self.size))
    }
}

impl<W: std::io::Write> std::io::Write for Streamed<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.hasher.update(&buf[..n]);
        self.size += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// [`unchanged`] for a file already written at `made` (hash `hash`, `size` bytes): trusted,
/// the manifest's hash and size and the size on disk; unsure, the bytes of both files.
pub fn unchanged_file(
    previous: &Previous,
    out: &Path,
    rel: &str,
    made: &Path,
    hash: u64,
    size: u64,
) -> bool {
    if previous.trusted {
        return listed_as(previous, rel, hash, size);
    }
    on_disk_with(out, rel, size).is_some_and(|path| same_bytes(&path, made).unwrap_or(false))
}

/// Whether two files hold the same bytes, read a block at a time.
fn same_bytes(a: &Path, b: &Path) -> std::io::Result<bool> {
    use std::io::Read;
    let (mut a, mut b) = (std::fs::File::open(a)?, std::fs::File::open(b)?);
    let (mut x, mut y) = (vec![0; 1 << 16], vec![0; 1 << 16]);
    loop {
        let n = read_full(&mut a, &mut x)?;
        let m = read_full(&mut b, &mut y)?;
        if n != m || x[..n] != y[..m] {
            return Ok(false);
        }
        if n == 0 {
            return Ok(true);
        }
    }
    fn read_full(f: &mut std::fs::File, buf: &mut [u8]) -> std::io::Result<usize> {
        let mut at = 0;
        while at < buf.len() {
            match f.read(&mut buf[at..]) {
                Ok(0) => break,
                Ok(n) => at += n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
        Ok(at)
    }
}

/// The manifest's entry for the page `rel`, if the page need not be rendered again: the
/// manifest is trusted, of the same epoch, has the same fingerprint, and the file is there.
pub fn known_page<'p>(
    previous: &'p Previous,
    epoch: u64,
    rel: &str,
    print: Print,
) -> Option<&'p Entry> {
    if !previous.trusted || previous.manifest.epoch != epoch {
        return None;
    }
    previous
        .on_disk(rel)
        .filter(|entry| entry.mark == Mark::Print(print))
}

/// The search files of the previous build by the hash of their index (trusted manifests
/// only: an unsure one keeps nothing).
pub fn search_indexes(previous: &Previous) -> HashMap<u64, Vec<(&str, &Entry)>> {
    let mut by_index: HashMap<u64, Vec<(&str, &Entry)>> = HashMap::new();
    if previous.trusted {
        for (rel, e) in previous.manifest.files.iter() {
            if let Mark::Search(h) = e.mark
                && h != 0
            {
                by_index.entry(h).or_default().push((rel, e));
            }
        }
    }
    by_index
}

/// Whether every file of `files` (of the last manifest) was on disk when the build started.
pub fn all_on_disk(previous: &Previous, files: &[(&str, &Entry)]) -> bool {
    files
        .iter()
        .all(|(rel, _)| previous.disk.has(&previous.manifest.files, rel))
}

/// Put the new site in place in `out`: remove the files in `gone` (and the folders they
/// leave empty), then rename each file of `staged` from `staging` over its old version.
pub fn commit(
    out: &Path,
    staging: &Path,
    staged: &[&str],
    gone: &[String],
) -> Result<(), WriteError> {
    for rel in gone {
        remove(out, rel)?;
    }
    for rel in staged {
        let (from, to) = (staging.join(rel), out.join(rel));
        // The folder was surveyed when the build began: a link put since in place of one of
        // its folders is taken away (the link, not what it points to), so the file goes in
        // the site, not where the link leads.
        for dir in folders(out, rel) {
            match std::fs::symlink_metadata(&dir) {
                Ok(m) if m.is_dir() => {}
                Ok(_) => std::fs::remove_file(&dir).map_err(|e| io(&dir, e))?,
                Err(_) => break,
            }
        }
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
    // Never through a link put in place of one of the site's folders during the build.
    let through_link = folders(out, rel)
        .into_iter()
        .any(|dir| std::fs::symlink_metadata(dir).is_ok_and(|m| !m.is_dir()));
    if through_link {
        return Ok(());
    }
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

/// The folders between `out` and the file `rel` below it, outermost first.
fn folders(out: &Path, rel: &str) -> Vec<PathBuf> {
    let mut dir = out.to_path_buf();
    let mut parts: Vec<&str> = rel.split('/').collect();
    parts.pop();
    parts
        .into_iter()
        .map(|part| {
            dir.push(part);
            dir.clone()
        })
        .collect()
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
        let mut files = Files::default();
        files.insert(
            "deputies/li/index.html",
            Entry {
                hash: 7,
                size: 120,
                mark: Mark::Print(Print::parse("000000000000000100000000000000ff").expect("hex")),
            },
        );
        files.insert(
            "static/a photo.jpg",
            Entry {
                hash: u64::MAX,
                size: 0,
                mark: Mark::None,
            },
        );
        files.insert(
            "pagefind/pagefind.js",
            Entry {
                hash: 3,
                size: 10,
                mark: Mark::Search(0xabc),
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
        let text = String::from_utf8(m.to_text().expect("text")).expect("utf-8");
        assert_eq!(Manifest::parse(&text), Some(m));
        assert!(text.contains(
            "\n0000000000000007 120 000000000000000100000000000000ff deputies/li/index.html\n"
        ));
    }

    /// A manifest of the format before fingerprints were 128-bit numbers (version 1) is
    /// not read: the build after an upgrade is a clean one.
    #[test]
    fn a_manifest_of_another_version_is_not_read() {
        let old = "lianluo-manifest 1\nbinary 0.1.0+12-34\nepoch 0000000000000063\nsearch 0000000000000005\n0000000000000007 120 00ff deputies/li/index.html\n";
        assert_eq!(Manifest::parse(old), None);
    }

    #[test]
    fn the_files_of_a_manifest_are_found_by_path_and_replaced_in_place() {
        let mut files = Files::default();
        let entry = |hash| Entry {
            hash,
            size: hash,
            mark: Mark::None,
        };
        for i in 0..1000u64 {
            files.insert(&format!("d/{i}/index.html"), entry(i));
        }
        files.insert("d/7/index.html", entry(70));
        assert_eq!(files.len(), 1000);
        assert_eq!(files.get("d/7/index.html"), Some(&entry(70)));
        assert_eq!(files.get("d/999/index.html"), Some(&entry(999)));
        assert!(!files.contains_key("d/1000/index.html"));
        assert!(!files.contains_key("d/7/index.htm"));
        assert!(!files.contains_key(""));
    }

    #[test]
    fn a_damaged_manifest_is_not_one() {
        let text = String::from_utf8(sample().to_text().expect("text")).expect("utf-8");
        assert_eq!(Manifest::parse(&text.replace("epoch", "epoc")), None);
        assert_eq!(Manifest::parse(&format!("{text}zz 1 - x\n")), None);
        assert_eq!(Manifest::parse(&format!("{text}00 1 0x0 x\n")), None);
        assert_eq!(Manifest::parse(&format!("{text}00 -1 - x\n")), None);
        assert_eq!(Manifest::parse(&format!("{text}00 1 - \n")), None);
        // A fingerprint of 32 bytes that are not all ASCII is refused, not cut in a character.
        assert_eq!(
            Manifest::parse(&format!("{text}00 1 页页页页页页页页页页ab x\n")),
            None
        );
        assert_eq!(Manifest::parse(""), None);
    }

    /// A manifest is read from its file a line at a time (a national one is 0.7 GB): the
    /// same as parsing its text; cut short, not UTF-8 or not there, it is none.
    #[test]
    fn a_manifest_file_reads_a_line_at_a_time_like_its_text() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("manifest");
        let text = sample().to_text().expect("text");
        std::fs::write(&path, &text).expect("write");
        assert_eq!(Manifest::read(&path).expect("read"), Some(sample()));
        std::fs::write(&path, &text[..text.len() - 1]).expect("write");
        assert_eq!(Manifest::read(&path).expect("read"), None, "cut short");
        let mut bad = text.clone();
        bad.extend_from_slice(b"0000000000000007 1 - \xff\n");
        std::fs::write(&path, &bad).expect("write");
        assert_eq!(Manifest::read(&path).expect("read"), None, "not UTF-8");
        std::fs::write(&path, b"").expect("write");
        assert_eq!(Manifest::read(&path).expect("read"), None, "empty");
        assert!(Manifest::read(&dir.path().join("none")).is_err());
    }

    /// A review found that the folder, surveyed when a build begins, could have one of its
    /// folders swapped for a link before the commit, and the commit followed the link out
    /// of the site to remove or write files there.
    #[cfg(unix)]
    #[test]
    fn a_folder_swapped_for_a_link_during_a_build_leads_nothing_out_of_the_site() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let (out, staging, outside) = (
            tmp.path().join("public"),
            tmp.path().join("staging"),
            tmp.path().join("outside"),
        );
        replace(&outside, "keep.html", b"not lianluo's").expect("write");
        replace(&outside, "index.html", b"not lianluo's").expect("write");
        replace(&staging, "a/index.html", b"new").expect("write");
        std::fs::create_dir_all(&out).expect("out");
        std::os::unix::fs::symlink(&outside, out.join("a")).expect("link");
        std::os::unix::fs::symlink(&outside, out.join("b")).expect("link");
        commit(
            &out,
            &staging,
            &["a/index.html"],
            &["b/keep.html".to_owned()],
        )
        .expect("commit");
        assert_eq!(
            std::fs::read(outside.join("keep.html")).expect("kept"),
            b"not lianluo's"
        );
        assert_eq!(
            std::fs::read(outside.join("index.html")).expect("kept"),
            b"not lianluo's"
        );
        assert!(
            std::fs::symlink_metadata(out.join("a"))
                .expect("a")
                .is_dir()
        );
        assert_eq!(
            std::fs::read(out.join("a/index.html")).expect("written"),
            b"new"
        );
    }

    /// A review found that a manifest line whose size was one of the survey's marks for
    /// "not there" (u64::MAX) or "not a file" (u64::MAX − 1) matched a missing page or a
    /// link put in its place, which every later build then kept. The survey has no such
    /// marks since session 21 (it reads no sizes): whatever size a line claims, a missing
    /// page or a link in its place is not kept.
    #[test]
    fn a_manifest_size_that_is_a_survey_mark_makes_no_manifest() {
        let text = String::from_utf8(sample().to_text().expect("text")).expect("utf-8");
        assert!(Manifest::parse(&text).is_some());
        let tmp = tempfile::tempdir().expect("tempdir");
        let out = tmp.path().join("public");
        std::fs::create_dir_all(&out).expect("out");
        std::os::unix::fs::symlink(tmp.path(), out.join("link.html")).expect("link");
        for size in [u64::MAX, u64::MAX - 1, 0] {
            let line = format!(
                "{text}0000000000000001 {size} - about/index.html\n0000000000000002 {size} - link.html\n"
            );
            let manifest = Manifest::parse(&line).expect("a manifest");
            let previous = Previous {
                disk: survey(&out, &manifest.files),
                manifest,
                trusted: true,
            };
            for rel in ["about/index.html", "link.html"] {
                assert!(!listed_as(
                    &previous,
                    rel,
                    1 + u64::from(rel == "link.html"),
                    size
                ));
            }
        }
        // Cut short (no newline at the end), or a hash not of 16 digits: not a manifest.
        assert_eq!(Manifest::parse(text.trim_end_matches('\n')), None);
        assert_eq!(Manifest::parse(&format!("{text}1 4 - x\n")), None);
        // A million empty lines reserve no room for a million files: not a manifest.
        assert_eq!(
            Manifest::parse(&format!("{text}{}", "\n".repeat(1 << 20))),
            None
        );
    }

    #[test]
    fn a_path_with_a_line_break_gives_no_manifest() {
        let mut m = sample();
        m.files.insert(
            "static/a\nb",
            Entry {
                hash: 1,
                size: 1,
                mark: Mark::None,
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
            disk: OnDisk::default(),
        };
        assert!(unchanged(&previous, &out, "a/b.html", b"old", 0));
        assert!(!unchanged(&previous, &out, "a/b.html", b"new", 0));
        assert!(!unchanged(&previous, &out, "a/c.html", b"old", 0));
        std::fs::write(out.join("a/.b.html.lianluo-part"), "half").expect("write");
        let previous = Previous {
            disk: survey(&out, &previous.manifest.files),
            ..previous
        };
        let keep = |rel: &str| rel == "a/b.html";
        assert_eq!(previous.gone(&keep), vec!["a/.b.html.lianluo-part"]);
    }

    /// A file written in parts (`data/popolo.json`) hashes the same however its bytes were
    /// split, and another file's bytes hash otherwise.
    #[test]
    fn a_streamed_file_hashes_alike_however_it_is_split() {
        use std::io::Write;
        let bytes: Vec<u8> = (0..100_000u32).map(|i| (i * 7 % 251) as u8).collect();
        let whole = {
            let mut out = Streamed::new(Vec::new());
            out.write_all(&bytes).expect("write");
            out.finish().expect("finish")
        };
        let mut parts = Streamed::new(Vec::new());
        for piece in bytes.chunks(333) {
            parts.write_all(piece).expect("write");
        }
        assert_eq!(parts.finish().expect("finish"), whole);
        assert_eq!(whole.1, bytes.len() as u64);
        let mut other = bytes.clone();
        other[99_999] ^= 1;
        let mut out = Streamed::new(Vec::new());
        out.write_all(&other).expect("write");
        assert_ne!(out.finish().expect("finish").0, whole.0);
    }

    /// After an interrupted build a streamed file is kept only when the bytes on disk are
    /// those just made, compared to the last block.
    #[test]
    fn an_unsure_manifest_compares_a_streamed_file_with_the_disk() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let out = tmp.path().join("public");
        let bytes: Vec<u8> = (0..200_000u32).map(|i| (i % 253) as u8).collect();
        replace(&out, "data/big.json", &bytes).expect("write");
        let made = tmp.path().join("made.json");
        let previous = Previous {
            manifest: Manifest::default(),
            trusted: false,
            disk: OnDisk::default(),
        };
        let size = bytes.len() as u64;
        let kept = |rel: &str, size: u64| unchanged_file(&previous, &out, rel, &made, 0, size);
        std::fs::write(&made, &bytes).expect("write");
        assert!(kept("data/big.json", size));
        let mut changed = bytes.clone();
        changed[199_999] ^= 1;
        std::fs::write(&made, &changed).expect("write");
        assert!(!kept("data/big.json", size));
        std::fs::write(&made, &bytes[..1000]).expect("write");
        assert!(!kept("data/big.json", 1000));
        assert!(!kept("data/other.json", 1000));
        // The same bytes reached through a link in place of the folder are not kept.
        std::fs::write(&made, &bytes).expect("write");
        let elsewhere = tmp.path().join("elsewhere");
        std::fs::rename(out.join("data"), &elsewhere).expect("move");
        std::os::unix::fs::symlink(&elsewhere, out.join("data")).expect("link");
        assert!(!kept("data/big.json", size));
        assert!(!unchanged(&previous, &out, "data/big.json", &bytes, 0));
    }

    /// What a trusted build asks of the folder it read when it started: a file of the last
    /// manifest is there only as a regular file; the files no longer produced are those of
    /// the manifest still there and those it never listed.
    #[test]
    fn the_survey_of_the_folder_answers_for_the_disk() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let out = tmp.path().join("public");
        let mut files = Files::default();
        let entry = |size| Entry {
            hash: 0,
            size,
            mark: Mark::None,
        };
        for (rel, data) in [("a.html", "aa"), ("d/b.html", "bbb"), ("d/e/c.html", "c")] {
            replace(&out, rel, data.as_bytes()).expect("write");
            files.insert(rel, entry(data.len() as u64));
        }
        files.insert("gone.html", entry(4));
        // A link in place of a page of the last build: not the page.
        files.insert("d/linked.html", entry(2));
        std::os::unix::fs::symlink(out.join("a.html"), out.join("d/linked.html")).expect("link");
        replace(&out, "by-hand.txt", b"x").expect("write");
        std::fs::write(out.join(super::super::target::MARKER), "").expect("marker");
        let previous = Previous {
            disk: survey(&out, &files),
            manifest: Manifest {
                files,
                ..Manifest::default()
            },
            trusted: true,
        };
        let f = &previous.manifest.files;
        assert!(previous.disk.has(f, "d/b.html"));
        assert!(previous.disk.has(f, "d/e/c.html"));
        assert!(!previous.disk.has(f, "gone.html"));
        assert!(!previous.disk.has(f, "by-hand.txt"));
        assert!(!previous.disk.has(f, "d/linked.html"));
        let keep = |rel: &str| rel == "a.html" || rel == "d/e/c.html";
        assert_eq!(
            previous.gone(&keep),
            vec!["by-hand.txt", "d/b.html", "d/linked.html"]
        );
    }

    /// The last build is read while the sources load, before this build locks the folder:
    /// it is used only if no build changed the folder in between.
    #[test]
    fn a_folder_another_build_changed_after_it_was_read_ahead_is_read_again() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let out = tmp.path().join("public");
        let manifest = |size: u64| {
            let mut files = Files::default();
            files.insert(
                "a.html",
                Entry {
                    hash: size,
                    size,
                    mark: Mark::None,
                },
            );
            Manifest {
                binary: "this binary".into(),
                files,
                ..Manifest::default()
            }
        };
        replace(&out, "a.html", b"aa").expect("write");
        std::fs::create_dir(out.join("d")).expect("folder");
        settle(&out, &manifest(2)).expect("manifest");
        // No build changed the folder: what was read ahead is taken as it is (the folder is
        // walked once per build, as before; a file put into it by hand after the walk goes
        // with the next build).
        let ahead = Ahead::read(&out, "this binary");
        replace(&out, "d/b.html", b"by hand, after the walk").expect("write");
        let previous = ahead.take(&out, "this binary").expect("previous");
        assert!(previous.disk.has(&previous.manifest.files, "a.html"));
        assert!(previous.disk.strays.is_empty());
        // Another build wrote a.html anew and its manifest after the walk: read again.
        let ahead = Ahead::read(&out, "this binary");
        replace(&out, "a.html", b"aaa").expect("write");
        settle(&out, &manifest(3)).expect("manifest");
        let previous = ahead.take(&out, "this binary").expect("previous");
        let files = &previous.manifest.files;
        assert!(previous.disk.has(files, "a.html"));
        assert_eq!(previous.disk.strays, ["d/b.html"]);
        // A build interrupted in between left its manifest unsure: read again, unsure.
        let ahead = Ahead::read(&out, "this binary");
        doubt(&out).expect("doubt");
        let previous = ahead.take(&out, "this binary").expect("previous");
        assert!(!previous.trusted);
        // Read while the manifest was unsure, then a build cut short again (its manifest
        // still unsure, as it was) changed the folder: never taken, read again.
        let ahead = Ahead::read(&out, "this binary");
        replace(&out, "d/c.html", b"written by the build cut short").expect("write");
        let previous = ahead.take(&out, "this binary").expect("previous");
        assert!(previous.disk.strays.contains(&"d/c.html".to_owned()));
        // Read for another binary (the executable replaced meanwhile): read again.
        settle(&out, &manifest(3)).expect("manifest");
        let ahead = Ahead::read(&out, "an older binary");
        assert!(ahead.take(&out, "this binary").is_some());
        // Another binary's build: nothing to build on.
        let ahead = Ahead::read(&out, "this binary");
        settle(
            &out,
            &Manifest {
                binary: "another binary".into(),
                ..manifest(3)
            },
        )
        .expect("manifest");
        assert!(ahead.take(&out, "this binary").is_none());
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
