//! Item folders listed before they are read: the files and workbook rows of one folder, in
//! the order their items take, with each item's id known from its file name (or its row).
//!
//! [`list`] walks a content folder, reads its workbooks (each one whole, as the spreadsheet
//! reader does; their rows are held as read until their turn) and gives every row its id; [`Listed::read`] then reads and parses the files in parallel, a
//! turn at a time, and hands each item to the caller as soon as its turn is parsed. The
//! caller decides what is kept of it: `load` keeps the items themselves, and the model
//! converts each deputy and drops its raw fields there and then, so a national build never
//! holds a list of 2.8 million raw deputies (issue 21).

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use std::sync::atomic::Ordering::Relaxed;

use rayon::prelude::*;
use serde::de::DeserializeOwned;

use super::raw::RawDeputy;
use super::{
    Body, Broken, Item, Origin, cache, layout, load_item, parse_item, sheet, translation_of,
};
use crate::diag::{Diagnostic, Diagnostics, Span, display_path};
use crate::vocab::Language;

/// The items of one content folder, listed but not yet read.
#[derive(Debug)]
pub struct Listed<T> {
    root: PathBuf,
    folder: &'static str,
    dir: PathBuf,
    /// Files and workbook rows, in the order of their items.
    entries: Vec<Entry<T>>,
    /// The translated bodies (`x.en.md`) of each item file.
    translations: HashMap<PathBuf, Vec<(PathBuf, Language)>>,
    /// The parse cache, when the caller gave one ([`Listed::use_cache`]); boxed, as the
    /// listing of a folder without one stays small.
    cache: Option<Box<Cached<T>>>,
}

/// A parse cache in use ([`cache`]): the last one to read from, the new one to write, how
/// items of this kind are put into it and taken from it, what it counts, and where the
/// new cache goes once every item is read.
#[derive(Debug)]
struct Cached<T> {
    reader: Option<cache::Reader>,
    writer: Option<cache::Writer>,
    encode: fn(&T, &Body) -> Vec<u8>,
    decode: fn(&[u8]) -> Option<(T, Body)>,
    counts: std::sync::Arc<cache::Counts>,
    made: std::sync::mpsc::Sender<tempfile::NamedTempFile>,
}

/// How many items are read in one turn of [`Listed::read`]: enough that the reading
/// threads seldom wait for the turn's last file, few enough that a turn's raw items are
/// small beside the rest (4,096 raw deputies: about 6 MB).
pub(crate) const TURN: usize = 4096;

/// An entry read: what was made of its item (`None`: it could not be parsed), the problems
/// found, and the id of a file that could not be parsed.
/// Last, the item's entry for the new parse cache, when it has one.
type Read<A> = (
    Option<A>,
    Vec<Diagnostic>,
    Option<String>,
    Option<cache::Entry>,
);

#[derive(Debug)]
enum Entry<T> {
    File(PathBuf),
    Row(Item<T>),
}

/// List the folder `folder` of the site at `root`: its files, and the rows of its
/// workbooks read and given their ids. Problems (links out of the site, translations
/// without an item, rows that cannot be read) go to `diags`; a workbook with an error
/// marks the folder in `broken`.
pub(crate) fn list<T: DeserializeOwned + Send + sheet::FromRow>(
    root: &Path,
    (folder, recursive): (&'static str, bool),
    skip: &[String],
    diags: &mut Diagnostics,
    broken: &mut Broken,
) -> Listed<T> {
    let dir = root.join(folder);
    let mut files = super::list(root, folder, recursive, diags);
    files.retain(|p| !sheet::is_lock_file(p));
    let (workbooks, files): (Vec<PathBuf>, Vec<PathBuf>) =
        files.into_iter().partition(|p| sheet::is_workbook(p));
    let rows: Vec<(Vec<sheet::RowItem<T>>, Vec<Diagnostic>)> = workbooks
        .par_iter()
        .map(|path| sheet::items::<T>(root, path, skip))
        .collect();
    // Translated bodies (`x.en.md`) belong to the item of `x.md`.
    let (translated, files): (Vec<PathBuf>, Vec<PathBuf>) =
        files.into_iter().partition(|p| translation_of(p).is_some());
    let mut translations: HashMap<PathBuf, Vec<(PathBuf, Language)>> = HashMap::new();
    let known: HashSet<&Path> = if translated.is_empty() {
        HashSet::new()
    } else {
        files.iter().map(PathBuf::as_path).collect()
    };
    for path in translated {
        let Some((main, lang)) = translation_of(&path) else {
            continue;
        };
        if known.contains(main.as_path()) {
            translations.entry(main).or_default().push((path, lang));
        } else {
            diags.push(
                Diagnostic::warning(
                    Span::file(&display_path(root, &path)),
                    format!(
                        "this translation is ignored: there is no {} beside it",
                        main.file_name().unwrap_or_default().to_string_lossy()
                    ),
                )
                .hint("name a translated body after its item's file: `li-xiuying.md` → `li-xiuying.en.md`"),
            );
        }
    }
    // A file that is not read is not listed: every entry is an item or a file that tried
    // to be one, so the model's places among the deputies are the listing's.
    let (files, others): (Vec<PathBuf>, Vec<PathBuf>) =
        files.into_iter().partition(|p| super::is_item_file(p));
    others
        .iter()
        .for_each(|path| diags.push(super::ignored(root, path)));
    let mut entries: Vec<Entry<T>> = files.into_iter().map(Entry::File).collect();
    if !rows.is_empty() {
        // A row's id made from its name must not take a file's (one that does not parse
        // included: once mended, it would).
        let mut taken: HashSet<String> = entries
            .iter()
            .filter_map(|e| match e {
                Entry::File(path) => Some(file_id(&dir, path)),
                Entry::Row(_) => None,
            })
            .flat_map(|id| {
                let leaf = id.rsplit('/').next().unwrap_or("").to_owned();
                [id, leaf]
            })
            .collect();
        let mut all = Vec::new();
        let mut problems = Vec::new();
        for (r, p) in rows {
            all.extend(r);
            problems.extend(p);
        }
        if problems.iter().any(Diagnostic::is_error) {
            broken.folders.push(folder);
        }
        let person = folder == layout::DEPUTIES;
        let noun = match folder {
            layout::DEPUTIES => "deputy",
            layout::STATIONS => "station",
            _ => "activity",
        };
        for (id, origin, raw, body) in
            sheet::settle_ids(all, &mut taken, person, noun, &mut problems)
        {
            entries.push(Entry::Row(Item {
                id,
                origin,
                raw: Box::new(raw),
                body,
                bodies: Vec::new(),
            }));
        }
        problems.into_iter().for_each(|d| diags.push(d));
        // Rows take their place among the files as if each were a file named by its id,
        // so a site built from a workbook lists its items as the same site in Markdown does.
        let key = |e: &Entry<T>| match e {
            Entry::File(path) => format!("{}.", file_id(&dir, path)),
            Entry::Row(item) => format!("{}.", item.id),
        };
        entries.sort_by_cached_key(key);
    }
    Listed {
        root: root.to_path_buf(),
        folder,
        dir,
        entries,
        translations,
        cache: None,
    }
}

impl Listed<RawDeputy> {
    /// Read the deputies' files through the parse cache at `place`: a file whose bytes are
    /// those of the last cache is not parsed again. The new cache is sent to `made` once
    /// every file is read; `counts` counts the files taken and parsed.
    pub(crate) fn use_cache(
        &mut self,
        place: &cache::Place,
        counts: std::sync::Arc<cache::Counts>,
        made: std::sync::mpsc::Sender<tempfile::NamedTempFile>,
    ) {
        let encode = |raw: &RawDeputy, body: &Body| cache::encode(raw, &body.text, body.line);
        let decode = |payload: &[u8]| {
            cache::decode(payload).map(|(raw, text, line)| {
                let body = Body {
                    text,
                    line,
                    ..Body::default()
                };
                (raw, body)
            })
        };
        self.cache = Some(Box::new(Cached {
            reader: cache::Reader::open(place),
            writer: cache::Writer::create(place),
            encode,
            decode,
            counts,
            made,
        }));
    }
}

/// The lines before the YAML of the item file at `path`: 1 (the `---` of front matter) in
/// a Markdown file, else 0.
fn front_matter(path: &Path) -> u32 {
    u32::from(matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("md" | "markdown")
    ))
}

/// The id of the item file at `path` in the folder `dir`: its path below the folder,
/// without extension, with `/` separators.
pub(crate) fn file_id(dir: &Path, path: &Path) -> String {
    let id_path = path.strip_prefix(dir).unwrap_or(path).with_extension("");
    id_path.to_string_lossy().replace('\\', "/")
}

impl<T: DeserializeOwned + Send> Listed<T> {
    /// How many items there are (files that may yet fail to parse included).
    pub(crate) fn len(&self) -> usize {
        self.entries.len()
    }

    /// The id of the `index`-th item.
    pub(crate) fn id(&self, index: usize) -> Cow<'_, str> {
        match &self.entries[index] {
            Entry::File(path) => Cow::Owned(file_id(&self.dir, path)),
            Entry::Row(item) => Cow::Borrowed(&item.id),
        }
    }

    /// Where the `index`-th item comes from: its file, or its row.
    pub(crate) fn origin(&self, index: usize) -> Origin {
        match &self.entries[index] {
            Entry::File(path) => Origin::new(display_path(&self.root, path), front_matter(path)),
            Entry::Row(item) => item.origin.clone(),
        }
    }

    /// Read and parse the items a turn of [`TURN`] at a time on the reading threads, and
    /// give each item to `each` on the caller's threads while the next turn is read; then,
    /// in the items' order on one thread, while the turn after it is converted, what `each`
    /// made of it to `then` (`None`: the file could not be read, or not parsed even
    /// repaired: its problems say which). So whatever `then` keeps is filed in order and
    /// without locks, and no more than three turns of items are held at once (one read, one
    /// converted, one filed). What `each` keeps is made on the caller's threads, apart from
    /// the reading threads' short-lived raw items (the allocator then frees their pages
    /// whole). Problems of reading and parsing go to `loading`, and each file that could not
    /// be read to `broken`.
    pub(crate) fn read<A: Send>(
        self,
        loading: &mut Diagnostics,
        broken: &mut Broken,
        each: impl Fn(Item<T>) -> A + Sync + Send,
        mut then: impl FnMut(Option<A>) + Send,
    ) {
        let Listed {
            root,
            folder,
            dir,
            entries,
            translations,
            cache,
        } = self;
        let (mut reader, mut writer, codec, counts, deliver) = match cache {
            Some(c) => (
                c.reader,
                c.writer,
                Some((c.encode, c.decode)),
                Some(c.counts),
                Some(c.made),
            ),
            None => (None, None, None, None, None),
        };
        let counts = counts.as_deref();
        // The path of a file below the site, as the cache names it.
        let below = |path: &Path| display_path(&root, path).to_string_lossy().into_owned();
        let parse = |(entry, old): (Entry<T>, Option<cache::Entry>)| -> Read<Item<T>> {
            let path = match entry {
                Entry::Row(item) => return (Some(item), Vec::new(), None, None),
                Entry::File(path) => path,
            };
            let bodies = translations.get(&path).map_or(&[][..], Vec::as_slice);
            let (item, found, new) = match codec.filter(|_| bodies.is_empty()) {
                // Read, and parsed only if its bytes are not those cached.
                Some((encode, decode)) => match super::read(&root, &path) {
                    Err(d) => (None, vec![d], None),
                    Ok((file, text)) => {
                        let key = cache::Key::of(text.as_bytes());
                        if let Some(old) = old
                            && old.key == key
                            && let Some((raw, body)) = decode(&old.payload)
                        {
                            if let Some(c) = counts {
                                c.taken.fetch_add(1, Relaxed);
                            }
                            let item = Item {
                                id: file_id(&dir, &path),
                                origin: Origin::new(file, front_matter(&path)),
                                raw: Box::new(raw),
                                body,
                                bodies: Vec::new(),
                            };
                            return (Some(item), Vec::new(), None, Some(old));
                        }
                        if let Some(c) = counts {
                            c.parsed.fetch_add(1, Relaxed);
                        }
                        let below = file.to_string_lossy().into_owned();
                        let (item, found) = parse_item::<T>(&root, &dir, &path, bodies, file, text);
                        // Only a file parsed without a word said of it is cached.
                        let new =
                            item.as_ref()
                                .filter(|_| found.is_empty())
                                .map(|item| cache::Entry {
                                    path: below,
                                    key,
                                    payload: encode(&item.raw, &item.body),
                                });
                        (item, found, new)
                    }
                },
                None => {
                    let (item, found) = load_item::<T>(&root, &dir, &path, bodies);
                    (item, found, None)
                }
            };
            // An item that could not be read even after repairs is missing:
            // references to it are not reported again.
            let missing = (item.is_none() && found.iter().any(Diagnostic::is_error))
                .then(|| path.file_stem().map(|s| s.to_string_lossy().into_owned()))
                .flatten();
            (item, found, missing, new)
        };
        // Each file of a turn with its entry in the last cache, if any (read in order).
        let mut pair = |turn: Vec<Entry<T>>| -> Vec<(Entry<T>, Option<cache::Entry>)> {
            turn.into_iter()
                .map(|entry| {
                    let old = match (&entry, reader.as_mut()) {
                        (Entry::File(path), Some(r)) => r.pull(&below(path)),
                        _ => None,
                    };
                    (entry, old)
                })
                .collect()
        };
        // The reading threads, unless the caller's are already as many (`load_partial`
        // reads every folder on them).
        let readers = match rayon::current_num_threads() < super::READERS {
            true => super::readers(),
            false => None,
        };
        let read_turn = |turn: Vec<(Entry<T>, Option<cache::Entry>)>| -> Vec<Read<Item<T>>> {
            let go = || turn.into_par_iter().map(parse).collect();
            match &readers {
                Some(pool) => pool.install(go),
                None => go(),
            }
        };
        let convert = |turn: Vec<Read<Item<T>>>| -> Vec<Read<A>> {
            turn.into_par_iter()
                .map(|(item, found, missing, cached)| (item.map(&each), found, missing, cached))
                .collect()
        };
        // In order, on one thread: problems, broken items, cache entries, then `then`.
        let mut file = |made: Vec<Read<A>>| {
            for (made, found, missing, cached) in made {
                found.into_iter().for_each(|d| loading.push(d));
                if let Some(id) = missing {
                    broken.items.push((folder, id));
                }
                if let (Some(writer), Some(entry)) = (writer.as_mut(), cached) {
                    writer.add(&entry);
                }
                then(made);
            }
        };
        // Three turns at once: the next one read (and paired with its cache entries), the
        // current one converted, the last one filed. Filing is serial, so it runs beside
        // the conversion rather than after it (at 100k with a full cache, the cores were
        // otherwise about a quarter idle while the deputies loaded).
        let mut entries = entries.into_iter();
        let mut turn = read_turn(pair(entries.by_ref().take(TURN).collect()));
        let mut made: Vec<Read<A>> = Vec::new();
        while !turn.is_empty() || !made.is_empty() {
            let next: Vec<Entry<T>> = entries.by_ref().take(TURN).collect();
            let last = std::mem::take(&mut made);
            let current = std::mem::take(&mut turn);
            let ((read, converted), ()) = rayon::join(
                || rayon::join(|| read_turn(pair(next)), || convert(current)),
                || file(last),
            );
            turn = read;
            made = converted;
        }
        if let (Some(new_cache), Some(deliver)) = (writer.and_then(cache::Writer::finish), deliver)
        {
            let _ = deliver.send(new_cache);
        }
    }
}
