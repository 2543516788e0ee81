//! The parse cache: the deputies' files as the last build parsed them, so that a build
//! after a few edits parses only the files that changed (at 100,000 deputies, parsing YAML
//! was 19 % of a one-edit build's CPU, the deputies' most of it: `benches/README.md`,
//! session 18).
//!
//! `build` keeps it beside its output folder (`.<out>.lianluo-parsed`, like the manifest).
//! Each entry is one deputy file: its path below the site, its [`Key`] (its length and a
//! 128-bit XXH3 hash of its bytes), and its raw fields and Markdown body in a compact
//! binary form of our own ([`Code`]), with a checksum of the whole entry. Every file is
//! still read; only the parsing is skipped when the bytes read hash to the key cached for
//! that path. So what the cache gives is always what parsing those bytes gives, whatever
//! the file system says of times and inodes (a network drive's, a FAT stick's), whatever
//! tool saved the file and however quickly after the last build. Files read with a
//! problem (any warning or error of parsing) or with translated bodies beside them are
//! never cached, so what a build reports is what parsing says. The cache is only an
//! optimisation: an entry that does not decode, a cache of another binary or format, or
//! no cache at all, and the file is parsed.
//!
//! The entries are in the order the deputies are listed, and read in that order a turn at
//! a time ([`Reader::pull`]), so a national site's cache (gigabytes) is never held whole
//! (where a workbook's rows are listed among the files, by id, some entries are passed
//! over and those files parsed). The new cache is written as the deputies are read, into a
//! temporary file beside the old one (`.<out>.lianluo-parsed-tmp-…`, removed when the build
//! fails), and renamed into place only when the whole build succeeded ([`Place::install`]),
//! which also removes what builds killed while loading left; `--clean` reads none.

use std::io::{BufRead, BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};

use super::located::{At, Localized, OneOrMany, Text};
use super::raw::{RawContact, RawDeputy, RawOtherContact};
use crate::vocab::{DeputyStatus, Gender, Language, Level};

/// What the first bytes of a cache file say (the format's version with it).
const MAGIC: &[u8] = b"lianluo parse cache 2\n";

/// A hash of the source of the types the cache holds and of their encoding: a cache
/// written by code that encoded them otherwise is not read, even by a binary that could
/// not tell its own identity apart (the binary's identity is read too).
fn format() -> u64 {
    let mut h = xxhash_rust::xxh3::Xxh3Default::new();
    for source in [
        include_str!("cache.rs"),
        include_str!("raw.rs"),
        include_str!("located.rs"),
        include_str!("../vocab.rs"),
    ] {
        h.update(&(source.len() as u64).to_le_bytes());
        h.update(source.as_bytes());
    }
    h.digest()
}

/// Where `build` keeps the cache of an output folder, and which binary it is for.
#[derive(Debug, Clone)]
pub struct Place {
    /// The cache in place (`.<out>.lianluo-parsed`).
    pub path: PathBuf,
    /// The binary that reads and writes it: a cache of another binary is not read.
    pub binary: String,
    /// Read the cache in place (`false` with `--clean`: every file is parsed).
    pub read: bool,
}

impl Place {
    /// The cache of the output folder `out`, for `binary` (`None` when the binary does
    /// not know its identity: then there is no cache).
    pub fn beside(out: &Path, binary: String, read: bool) -> Option<Place> {
        if binary.ends_with("unknown") {
            return None;
        }
        let mut name = std::ffi::OsString::from(".");
        name.push(out.file_name().unwrap_or_default());
        name.push(".lianluo-parsed");
        Some(Place {
            path: out.with_file_name(name),
            binary,
            read,
        })
    }

    /// Put the new cache `made` (by [`Writer::finish`]) in place, after a build that
    /// succeeded: renamed over the cache (of two builds into one folder, the one that ends
    /// last; every whole cache is a right one, whichever build wrote it). It is not synced:
    /// a cache torn by a crash fails its checksums, and the files are parsed. Then the
    /// temporary caches that builds killed while loading left beside it are removed (one
    /// of a build loading at this moment too: that build then keeps the cache as it is). A
    /// cache that cannot be put in place is left out (the next build parses every file).
    pub fn install(&self, made: tempfile::NamedTempFile) {
        let _ = made.persist(&self.path);
        let (Some(dir), Some(prefix)) = (self.dir(), self.temporary_prefix()) else {
            return;
        };
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let is_file = entry.file_type().is_ok_and(|t| t.is_file());
            if is_file && entry.file_name().to_string_lossy().starts_with(&prefix) {
                let _ = std::fs::remove_file(entry.path());
            }
        }
    }

    /// The folder the cache is in.
    fn dir(&self) -> Option<&Path> {
        let dir = self.path.parent()?;
        Some(if dir.as_os_str().is_empty() {
            Path::new(".")
        } else {
            dir
        })
    }

    /// How the names of temporary caches begin (`.<out>.lianluo-parsed-tmp-`).
    fn temporary_prefix(&self) -> Option<String> {
        let name = self.path.file_name()?.to_str()?;
        Some(format!("{name}-tmp-"))
    }
}

/// How many deputies' files a load took from the cache, and how many it parsed (shown by
/// `build --timings`).
#[derive(Debug, Default)]
pub struct Counts {
    pub taken: std::sync::atomic::AtomicUsize,
    pub parsed: std::sync::atomic::AtomicUsize,
}

/// A file's bytes as the cache knows them: their length and 128-bit XXH3 hash.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    len: u64,
    hash: u128,
}

impl Key {
    /// The key of a file's bytes.
    pub fn of(bytes: &[u8]) -> Key {
        Key {
            len: bytes.len() as u64,
            hash: xxhash_rust::xxh3::xxh3_128(bytes),
        }
    }
}

/// One file's entry: its path below the site (with `/`), key and encoded item.
#[derive(Debug)]
pub struct Entry {
    pub path: String,
    pub key: Key,
    pub payload: Vec<u8>,
}

impl Entry {
    /// The checksum of the whole entry (path, key and payload).
    fn sum(&self) -> u64 {
        let mut h = xxhash_rust::xxh3::Xxh3Default::new();
        h.update(&(self.path.len() as u64).to_le_bytes());
        h.update(self.path.as_bytes());
        h.update(&self.key.len.to_le_bytes());
        h.update(&self.key.hash.to_le_bytes());
        h.update(&self.payload);
        h.digest()
    }
}

/// The last cache, read in the order of the deputies' listing.
#[derive(Debug)]
pub struct Reader {
    input: BufReader<std::fs::File>,
    /// The next entry read and not yet asked for.
    next: Option<Entry>,
    done: bool,
}

impl Reader {
    /// The cache at `place` if it is there, of this binary and format, and meant to be read.
    pub fn open(place: &Place) -> Option<Reader> {
        if !place.read {
            return None;
        }
        let file = std::fs::File::open(&place.path).ok()?;
        let mut input = BufReader::with_capacity(1 << 20, file);
        let mut magic = vec![0; MAGIC.len() + 8];
        input.read_exact(&mut magic).ok()?;
        let binary = read_chunk(&mut input)?;
        let expected = [MAGIC, &format().to_le_bytes()].concat();
        (magic == expected && binary == place.binary.as_bytes()).then_some(Reader {
            input,
            next: None,
            done: false,
        })
    }

    /// The entry of the file `path` (below the site, with `/`), if the cache has one.
    /// Asked in the order of paths (by their components, as the files of a folder are
    /// listed): entries before `path` (files removed since) are passed over, entries
    /// after it are kept for the next ask.
    pub fn pull(&mut self, path: &str) -> Option<Entry> {
        loop {
            if self.next.is_none() {
                if self.done {
                    return None;
                }
                self.next = self.read_entry();
                if self.next.is_none() {
                    self.done = true;
                    return None;
                }
            }
            let next = self.next.as_ref()?;
            match Path::new(&next.path).cmp(Path::new(path)) {
                std::cmp::Ordering::Less => self.next = None,
                std::cmp::Ordering::Equal => return self.next.take(),
                std::cmp::Ordering::Greater => return None,
            }
        }
    }

    /// The next entry, or `None` at the end (or at anything that is not an entry: the
    /// rest of the cache is then not used).
    fn read_entry(&mut self) -> Option<Entry> {
        if self.input.fill_buf().ok()?.is_empty() {
            return None;
        }
        let path = String::from_utf8(read_chunk(&mut self.input)?).ok()?;
        let mut key = [0u8; 24];
        self.input.read_exact(&mut key).ok()?;
        let mut k: &[u8] = &key;
        let key = Key {
            len: u64::take(&mut k)?,
            hash: u128::take(&mut k)?,
        };
        let payload = read_chunk(&mut self.input)?;
        let mut sum = [0u8; 8];
        self.input.read_exact(&mut sum).ok()?;
        let entry = Entry { path, key, payload };
        (u64::from_le_bytes(sum) == entry.sum()).then_some(entry)
    }
}

/// The largest chunk a cache holds (a cache entry is a few hundred bytes; a deputy's body
/// is at most 512 KB).
const CHUNK: usize = 64 << 20;

/// A length-prefixed chunk of at most [`CHUNK`] bytes.
fn read_chunk(input: &mut impl Read) -> Option<Vec<u8>> {
    let mut len = [0u8; 4];
    input.read_exact(&mut len).ok()?;
    let len = u32::from_le_bytes(len) as usize;
    if len > CHUNK {
        return None;
    }
    let mut chunk = vec![0; len];
    input.read_exact(&mut chunk).ok()?;
    Some(chunk)
}

/// The new cache, written entry by entry in the listing's order into a temporary file
/// beside the cache in place (removed when it is dropped, unless put in place).
#[derive(Debug)]
pub struct Writer {
    file: Option<BufWriter<tempfile::NamedTempFile>>,
}

impl Writer {
    /// A new cache for `place`, or `None` if its folder cannot take a file.
    pub fn create(place: &Place) -> Option<Writer> {
        let temporary = tempfile::Builder::new()
            .prefix(&place.temporary_prefix()?)
            .tempfile_in(place.dir()?)
            .ok()?;
        let mut file = BufWriter::with_capacity(1 << 20, temporary);
        file.write_all(MAGIC).ok()?;
        file.write_all(&format().to_le_bytes()).ok()?;
        write_chunk(&mut file, place.binary.as_bytes()).ok()?;
        Some(Writer { file: Some(file) })
    }

    /// Add the entry of one file. A write that fails ends the new cache (the build goes on).
    pub fn add(&mut self, entry: &Entry) {
        let Some(file) = self.file.as_mut() else {
            return;
        };
        if entry.path.len() > CHUNK || entry.payload.len() > CHUNK {
            return;
        }
        let mut key = Vec::with_capacity(24);
        entry.key.len.put(&mut key);
        entry.key.hash.put(&mut key);
        let written = write_chunk(file, entry.path.as_bytes())
            .and_then(|()| file.write_all(&key))
            .and_then(|()| write_chunk(file, &entry.payload))
            .and_then(|()| file.write_all(&entry.sum().to_le_bytes()));
        if written.is_err() {
            self.file = None;
        }
    }

    /// Every deputy was read: the new cache, for the build to put in place
    /// ([`Place::install`]) if it succeeds.
    pub fn finish(self) -> Option<tempfile::NamedTempFile> {
        self.file?.into_inner().ok()
    }
}

fn write_chunk(out: &mut impl Write, bytes: &[u8]) -> std::io::Result<()> {
    let len = u32::try_from(bytes.len()).map_err(|_| std::io::ErrorKind::InvalidInput)?;
    out.write_all(&len.to_le_bytes())?;
    out.write_all(bytes)
}

/// A deputy file's item as the cache keeps it: its raw fields, and its Markdown body and
/// the line that body starts on. (Its id and origin come from its path, as when parsed.)
pub fn encode(raw: &RawDeputy, body: &str, body_line: u32) -> Vec<u8> {
    let mut out = Vec::with_capacity(256 + body.len());
    raw.put(&mut out);
    put_str(body, &mut out);
    body_line.put(&mut out);
    out
}

/// What [`encode`] made, or `None` if these bytes are not that.
pub fn decode(mut payload: &[u8]) -> Option<(RawDeputy, String, u32)> {
    let input = &mut payload;
    let raw = RawDeputy::take(input)?;
    let body = String::take(input)?;
    let line = u32::take(input)?;
    input.is_empty().then_some((raw, body, line))
}

/// A value the cache can hold: put as bytes, and taken back from them.
trait Code: Sized {
    fn put(&self, out: &mut Vec<u8>);
    fn take(input: &mut &[u8]) -> Option<Self>;
}

fn bytes<'a>(input: &mut &'a [u8], n: usize) -> Option<&'a [u8]> {
    if input.len() < n {
        return None;
    }
    let (head, rest) = input.split_at(n);
    *input = rest;
    Some(head)
}

macro_rules! number {
    ($($t:ty),*) => {$(
        impl Code for $t {
            fn put(&self, out: &mut Vec<u8>) {
                out.extend_from_slice(&self.to_le_bytes());
            }
            fn take(input: &mut &[u8]) -> Option<Self> {
                let b = bytes(input, std::mem::size_of::<$t>())?;
                Some(<$t>::from_le_bytes(b.try_into().ok()?))
            }
        }
    )*};
}
number!(u8, u32, u64, i64, u128, f64);

impl Code for bool {
    fn put(&self, out: &mut Vec<u8>) {
        out.push(u8::from(*self));
    }
    fn take(input: &mut &[u8]) -> Option<Self> {
        match u8::take(input)? {
            0 => Some(false),
            1 => Some(true),
            _ => None,
        }
    }
}

impl Code for String {
    fn put(&self, out: &mut Vec<u8>) {
        put_str(self, out);
    }
    fn take(input: &mut &[u8]) -> Option<Self> {
        let len = u32::take(input)? as usize;
        String::from_utf8(bytes(input, len)?.to_vec()).ok()
    }
}

/// A text: its length and its bytes (a file of 4 GiB is never read as an item).
fn put_str(text: &str, out: &mut Vec<u8>) {
    (text.len() as u32).put(out);
    out.extend_from_slice(text.as_bytes());
}

impl<T: Code> Code for Option<T> {
    fn put(&self, out: &mut Vec<u8>) {
        match self {
            None => out.push(0),
            Some(v) => {
                out.push(1);
                v.put(out);
            }
        }
    }
    fn take(input: &mut &[u8]) -> Option<Self> {
        match u8::take(input)? {
            0 => Some(None),
            1 => T::take(input).map(Some),
            _ => None,
        }
    }
}

impl<T: Code> Code for Vec<T> {
    fn put(&self, out: &mut Vec<u8>) {
        (self.len() as u32).put(out);
        self.iter().for_each(|v| v.put(out));
    }
    fn take(input: &mut &[u8]) -> Option<Self> {
        let n = count(input)?;
        (0..n).map(|_| T::take(input)).collect()
    }
}

/// The number of values of a list or map that follows. Each value takes at least a byte:
/// a count beyond what is left is not a list (and allocates nothing).
fn count(input: &mut &[u8]) -> Option<usize> {
    let n = u32::take(input)? as usize;
    (n <= input.len()).then_some(n)
}

impl<A: Code, B: Code> Code for (A, B) {
    fn put(&self, out: &mut Vec<u8>) {
        self.0.put(out);
        self.1.put(out);
    }
    fn take(input: &mut &[u8]) -> Option<Self> {
        Some((A::take(input)?, B::take(input)?))
    }
}

impl<T: Code> Code for Box<T> {
    fn put(&self, out: &mut Vec<u8>) {
        (**self).put(out);
    }
    fn take(input: &mut &[u8]) -> Option<Self> {
        T::take(input).map(Box::new)
    }
}

impl<T: Code> Code for At<T> {
    fn put(&self, out: &mut Vec<u8>) {
        self.value.put(out);
        self.line.put(out);
        self.col.put(out);
    }
    fn take(input: &mut &[u8]) -> Option<Self> {
        Some(At::new(
            T::take(input)?,
            u32::take(input)?,
            u32::take(input)?,
        ))
    }
}

impl Code for Text {
    fn put(&self, out: &mut Vec<u8>) {
        self.0.put(out);
    }
    fn take(input: &mut &[u8]) -> Option<Self> {
        String::take(input).map(Text)
    }
}

impl Code for Localized {
    fn put(&self, out: &mut Vec<u8>) {
        match self {
            Localized::Plain(text) => {
                out.push(0);
                text.put(out);
            }
            Localized::Map(texts) => {
                out.push(1);
                texts.put(out);
            }
        }
    }
    fn take(input: &mut &[u8]) -> Option<Self> {
        match u8::take(input)? {
            0 => Text::take(input).map(Localized::Plain),
            1 => Vec::take(input).map(Localized::Map),
            _ => None,
        }
    }
}

impl<T: Code> Code for OneOrMany<T> {
    fn put(&self, out: &mut Vec<u8>) {
        match self {
            OneOrMany::One(v) => {
                out.push(0);
                v.put(out);
            }
            OneOrMany::Many(vs) => {
                out.push(1);
                vs.put(out);
            }
        }
    }
    fn take(input: &mut &[u8]) -> Option<Self> {
        match u8::take(input)? {
            0 => T::take(input).map(OneOrMany::One),
            1 => Vec::take(input).map(OneOrMany::Many),
            _ => None,
        }
    }
}

/// The closed vocabularies, by their content words.
macro_rules! word {
    ($($t:ty),*) => {$(
        impl Code for $t {
            fn put(&self, out: &mut Vec<u8>) {
                put_str(self.as_str(), out);
            }
            fn take(input: &mut &[u8]) -> Option<Self> {
                <$t>::parse(&String::take(input)?)
            }
        }
    )*};
}
word!(Level, Gender, DeputyStatus, Language);

/// How deep free data may nest in the cache (a deeper value is not taken from it).
const DEPTH: usize = 64;

/// Free data (`extra:`), as serde_json holds it; numbers by their kind and exact bits.
impl Code for serde_json::Value {
    fn put(&self, out: &mut Vec<u8>) {
        use serde_json::Value;
        match self {
            Value::Null => out.push(0),
            Value::Bool(b) => {
                out.push(1);
                b.put(out);
            }
            Value::Number(n) => {
                if let Some(u) = n.as_u64() {
                    out.push(2);
                    u.put(out);
                } else if let Some(i) = n.as_i64() {
                    out.push(3);
                    i.put(out);
                } else {
                    out.push(4);
                    n.as_f64().unwrap_or(f64::NAN).put(out);
                }
            }
            Value::String(s) => {
                out.push(5);
                s.put(out);
            }
            Value::Array(values) => {
                out.push(6);
                values.put(out);
            }
            Value::Object(map) => {
                out.push(7);
                (map.len() as u32).put(out);
                for (k, v) in map {
                    k.put(out);
                    v.put(out);
                }
            }
        }
    }
    fn take(input: &mut &[u8]) -> Option<Self> {
        take_value(input, 0)
    }
}

/// A value of free data `depth` levels down (a hostile cache cannot nest it deeper than
/// [`DEPTH`], which would take the thread's stack).
fn take_value(input: &mut &[u8], depth: usize) -> Option<serde_json::Value> {
    use serde_json::Value;
    if depth > DEPTH {
        return None;
    }
    Some(match u8::take(input)? {
        0 => Value::Null,
        1 => Value::Bool(bool::take(input)?),
        2 => Value::from(u64::take(input)?),
        3 => Value::from(i64::take(input)?),
        4 => Value::Number(serde_json::Number::from_f64(f64::take(input)?)?),
        5 => Value::String(String::take(input)?),
        6 => {
            let n = count(input)?;
            Value::Array(
                (0..n)
                    .map(|_| take_value(input, depth + 1))
                    .collect::<Option<_>>()?,
            )
        }
        7 => {
            let n = count(input)?;
            let mut map = serde_json::Map::new();
            for _ in 0..n {
                let k = String::take(input)?;
                map.insert(k, take_value(input, depth + 1)?);
            }
            Value::Object(map)
        }
        _ => return None,
    })
}

impl Code for RawOtherContact {
    fn put(&self, out: &mut Vec<u8>) {
        self.label.put(out);
        self.value.put(out);
    }
    fn take(input: &mut &[u8]) -> Option<Self> {
        Some(RawOtherContact {
            label: Text::take(input)?,
            value: At::take(input)?,
        })
    }
}

impl Code for RawContact {
    fn put(&self, out: &mut Vec<u8>) {
        let RawContact {
            phone,
            mobile,
            fax,
            email,
            wechat,
            website,
            mailbox,
            other,
        } = self;
        for field in [phone, mobile, fax, email, wechat, website, mailbox] {
            field.put(out);
        }
        other.put(out);
    }
    fn take(input: &mut &[u8]) -> Option<Self> {
        Some(RawContact {
            phone: Code::take(input)?,
            mobile: Code::take(input)?,
            fax: Code::take(input)?,
            email: Code::take(input)?,
            wechat: Code::take(input)?,
            website: Code::take(input)?,
            mailbox: Code::take(input)?,
            other: Code::take(input)?,
        })
    }
}

impl Code for RawDeputy {
    fn put(&self, out: &mut Vec<u8>) {
        // Named one by one: a field added to `RawDeputy` does not compile until it is
        // cached too.
        let RawDeputy {
            name,
            level,
            constituency,
            elected_by,
            term,
            gender,
            ethnicity,
            photo,
            occupation,
            group,
            stations,
            contact,
            status,
            ended,
            reason,
            pinyin,
            name_native,
            extra,
        } = self;
        name.put(out);
        level.put(out);
        constituency.put(out);
        elected_by.put(out);
        term.put(out);
        gender.put(out);
        ethnicity.put(out);
        photo.put(out);
        occupation.put(out);
        group.put(out);
        stations.put(out);
        contact.put(out);
        status.put(out);
        ended.put(out);
        reason.put(out);
        pinyin.put(out);
        name_native.put(out);
        extra.put(out);
    }
    fn take(input: &mut &[u8]) -> Option<Self> {
        Some(RawDeputy {
            name: Code::take(input)?,
            level: Code::take(input)?,
            constituency: Code::take(input)?,
            elected_by: Code::take(input)?,
            term: Code::take(input)?,
            gender: Code::take(input)?,
            ethnicity: Code::take(input)?,
            photo: Code::take(input)?,
            occupation: Code::take(input)?,
            group: Code::take(input)?,
            stations: Code::take(input)?,
            contact: Code::take(input)?,
            status: Code::take(input)?,
            ended: Code::take(input)?,
            reason: Code::take(input)?,
            pinyin: Code::take(input)?,
            name_native: Code::take(input)?,
            extra: Code::take(input)?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sources::located::Origin;

    /// A deputy with every field, in every form the YAML allows.
    const RICH: &str = r#"name: { zh-Hans: 阿依古丽·买买提, en: Ayigul Mamat }
level: county
constituency: 610302-c01
elected_by: 渭滨区
term: "16"
gender: female
ethnicity: 维吾尔族
photo: ayigul.jpg
occupation: 社区党支部书记
group: 第三代表小组
stations: [s1, s2]
contact:
  phone: 0917-1234567
  mobile: [13800000000, "13900000000"]
  email: a@example.org
  website: https://example.org
  other:
    - { label: 信箱, value: 渭滨区人大常委会 }
status: ended
ended: 2025-01-01
reason: 调离
pinyin: a yi gu li
name_native: ئايگۈل
extra: { n: 3, big: 18446744073709551615, neg: -2, f: 0.1, t: true, none: null, list: [1, "二", { k: v }] }
"#;

    fn parse(text: &str) -> RawDeputy {
        let origin = Origin::new(std::sync::Arc::from(Path::new("deputies/a.md")), 1);
        crate::sources::yaml::parse::<RawDeputy>(text, &origin).expect("the deputy parses")
    }

    #[test]
    fn a_deputy_comes_back_from_the_cache_as_it_was_parsed() {
        for text in [RICH, "name: 李秀英\nlevel: township\n"] {
            let raw = parse(text);
            let payload = encode(&raw, "简介。\n\n**履职**", 7);
            let (back, body, line) = decode(&payload).expect("decodes");
            assert_eq!(format!("{back:?}"), format!("{raw:?}"));
            assert_eq!((body.as_str(), line), ("简介。\n\n**履职**", 7));
        }
    }

    #[test]
    fn a_damaged_or_cut_entry_does_not_decode() {
        let payload = encode(&parse(RICH), "", 0);
        for cut in 0..payload.len() {
            assert!(decode(&payload[..cut]).is_none(), "cut at {cut}");
        }
        let mut longer = payload.clone();
        longer.push(0);
        assert!(decode(&longer).is_none());
    }

    fn entry(path: &str, n: u64) -> Entry {
        Entry {
            path: path.into(),
            key: Key::of(&n.to_le_bytes()),
            payload: encode(&parse("name: 李秀英\nlevel: township\n"), path, n as u32),
        }
    }

    /// A cache of `paths` made and put in place for `place`.
    fn made(place: &Place, paths: &[&str]) {
        let mut writer = Writer::create(place).expect("a writer");
        for (i, path) in paths.iter().enumerate() {
            writer.add(&entry(path, i as u64));
        }
        place.install(writer.finish().expect("the new cache"));
    }

    #[test]
    fn entries_are_read_in_the_listings_order() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let place = Place::beside(&tmp.path().join("out"), "1+5-6".into(), true).expect("a place");
        assert!(Reader::open(&place).is_none(), "no cache yet");
        let paths = [
            "deputies/a.md",
            "deputies/b/c.md",
            "deputies/b-d.md",
            "deputies/e.md",
        ];
        made(&place, &paths);
        let mut reader = Reader::open(&place).expect("the cache");
        // A file the cache lacks, a file the cache has that is gone (`b/c.md`), and `b/…`
        // before `b-d` (paths by components, as the files of a folder are listed).
        assert!(reader.pull("deputies/a.md").is_some());
        assert!(reader.pull("deputies/a0.md").is_none());
        let got = reader.pull("deputies/b-d.md").expect("b-d");
        assert_eq!(
            (got.key, got.payload),
            (
                entry("deputies/b-d.md", 2).key,
                entry("deputies/b-d.md", 2).payload
            )
        );
        assert!(reader.pull("deputies/f.md").is_none());
        assert!(reader.pull("deputies/g.md").is_none());
        // Nothing but the cache is left beside the folder: a temporary cache a killed build
        // left is removed when a new one is put in place; files not so named stay.
        std::fs::write(tmp.path().join(".out.lianluo-parsed-tmp-aB3xYz"), "left").expect("write");
        std::fs::write(tmp.path().join(".out.lianluo-parsedX"), "not ours").expect("write");
        made(&place, &paths);
        let mut names: Vec<_> = std::fs::read_dir(tmp.path())
            .expect("list")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        assert_eq!(names, [".out.lianluo-parsed", ".out.lianluo-parsedX"]);
    }

    #[test]
    fn another_binarys_a_clean_builds_or_a_damaged_cache_is_not_used() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let out = tmp.path().join("out");
        let place = Place::beside(&out, "1+5-6".into(), true).expect("a place");
        made(&place, &["deputies/a.md", "deputies/b.md", "deputies/c.md"]);
        for other in [
            Place::beside(&out, "1+5-7".into(), true),
            Place::beside(&out, "1+5-6".into(), false),
        ] {
            assert!(Reader::open(&other.expect("a place")).is_none());
        }
        // A binary that cannot tell its identity has no cache.
        assert!(Place::beside(&out, "0.1.0+unknown".into(), true).is_none());

        // A changed byte in the middle entry: it and those after it are not used.
        let whole = std::fs::read(&place.path).expect("read");
        let middle = whole
            .windows(13)
            .position(|w| w == b"deputies/b.md")
            .expect("b's entry");
        for at in [middle, middle + 13 + 3, middle + 13 + 30] {
            let mut bytes = whole.clone();
            bytes[at] ^= 1;
            std::fs::write(&place.path, bytes).expect("write");
            let mut reader = Reader::open(&place).expect("the cache");
            assert!(reader.pull("deputies/a.md").is_some());
            assert!(reader.pull("deputies/b.md").is_none(), "byte {at}");
            assert!(reader.pull("deputies/c.md").is_none(), "byte {at}");
        }
        // A cache cut short, or its header changed: what is whole is used, or nothing.
        std::fs::write(&place.path, &whole[..whole.len() - 1]).expect("write");
        let mut reader = Reader::open(&place).expect("the cache");
        assert!(reader.pull("deputies/b.md").is_some());
        assert!(reader.pull("deputies/c.md").is_none());
        let mut bytes = whole.clone();
        bytes[MAGIC.len()] ^= 1;
        std::fs::write(&place.path, bytes).expect("write");
        assert!(Reader::open(&place).is_none());
    }

    #[test]
    fn free_data_nested_too_deep_is_not_taken_from_the_cache() {
        let mut deep = serde_json::Value::Null;
        for _ in 0..=DEPTH {
            deep = serde_json::Value::Array(vec![deep]);
        }
        let mut out = Vec::new();
        deep.put(&mut out);
        assert!(<serde_json::Value as Code>::take(&mut out.as_slice()).is_none());
        // A hostile cache's tower of arrays, far deeper: refused, not a stack overflow.
        let tower: Vec<u8> = std::iter::repeat_n([6u8, 1, 0, 0, 0], 200_000)
            .flatten()
            .collect();
        assert!(<serde_json::Value as Code>::take(&mut tower.as_slice()).is_none());
        let mut fits = serde_json::Value::Null;
        for _ in 0..DEPTH {
            fits = serde_json::Value::Array(vec![fits]);
        }
        let mut out = Vec::new();
        fits.put(&mut out);
        assert_eq!(
            <serde_json::Value as Code>::take(&mut out.as_slice()),
            Some(fits)
        );
    }
}
