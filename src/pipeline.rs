//! The pipeline, start to end, as one library module: `build`, `check` and `serve` all go
//! through here, so they read a site the same way and say the same things about it.
//!
//! [`load`] reads the sources and validates them into the model (sources → model); the
//! as-of date is resolved once, from the flag, `SOURCE_DATE_EPOCH` or today in the site's
//! time zone ([`as_of`]). [`renderer`] loads the theme and makes the renderer (render).
//! [`write`] writes the site (output) and, on a thread of its own, its search index
//! (search) into a fresh folder that replaces the destination when both succeeded. Nothing
//! here prints: the command line decides what the user sees and the exit code.

use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use jiff::civil::Date;
use jiff::tz::TimeZone;

use crate::diag::{Diagnostic, Diagnostics};
use crate::model::Model;
use crate::output::{self, Phase, Summary, WriteError, target};
use crate::render::{Globals, LanguageLink, MenuItem, Renderer, SiteInfo, Theme};
use crate::vocab::Language;

/// A loaded, validated site and how long each half took.
#[derive(Debug)]
pub struct Loaded {
    pub model: Model,
    /// Warnings of loading and validation (no errors: those fail [`load`]).
    pub warnings: Diagnostics,
    /// Reading and parsing every file but the deputies' (read as they are converted:
    /// counted in `validate`).
    pub parse: Duration,
    /// Validating into the model (with who-represents-whom, schedules, privacy scan), and
    /// reading the deputies' files, which are converted as they are read.
    pub validate: Duration,
    /// With a parse cache: how many deputies' files were taken from it, and how many parsed.
    pub cached: Option<(usize, usize)>,
    /// With a parse cache: the new one, to be put in place if the build succeeds
    /// ([`crate::sources::cache::Place::install`]; dropped, it is removed).
    pub new_cache: Option<tempfile::NamedTempFile>,
}

/// Why a site could not be loaded.
#[derive(Debug)]
pub enum LoadError {
    /// Problems in the content: every error and warning found.
    Content(Diagnostics),
    /// The as-of date given cannot be used (a message for the user).
    AsOf(String),
}

/// Read and validate the site at `site` as of `as_of_flag` (or see [`as_of`]): the shared
/// first half of `check`, `build` and `serve`. Every problem of every file is collected.
pub fn load(site: &Path, as_of_flag: Option<&str>) -> Result<Loaded, LoadError> {
    load_cached(site, as_of_flag, None)
}

/// [`load`], with the deputies' files read through the parse cache at `cache`
/// ([`crate::sources::cache`]: `build` keeps one beside its output folder). The new cache
/// comes back in [`Loaded::new_cache`], for the caller to put in place.
pub fn load_cached(
    site: &Path,
    as_of_flag: Option<&str>,
    cache: Option<&crate::sources::cache::Place>,
) -> Result<Loaded, LoadError> {
    let start = Instant::now();
    // The deputies are only listed: the model reads each as it converts it.
    let (mut sources, broken, mut loading) =
        crate::sources::load_unread(site).map_err(LoadError::Content)?;
    let counts = std::sync::Arc::new(crate::sources::cache::Counts::default());
    let (made, new_cache) = std::sync::mpsc::channel();
    let cached = match (cache, sources.unread_deputies.as_mut()) {
        (Some(place), Some(listed)) => {
            listed.use_cache(place, counts.clone(), made);
            true
        }
        _ => false,
    };
    let parse = start.elapsed();
    let tz = crate::model::config::timezone(&sources.site.raw);
    let as_of = as_of(as_of_flag, &tz).map_err(LoadError::AsOf)?;
    let start = Instant::now();
    // The sources are given to the model, which drops each raw item once converted.
    let built = crate::model::build_reading(sources, broken, &mut loading, as_of);
    let (model, validation) = match built {
        Ok((model, found)) => (Some(model), found),
        Err(found) => (None, found),
    };
    // What validation says of a line that did not parse (and was repaired to go on) is
    // a consequence of that mistake, not another one.
    let mut found = validation.without_lines_of(&loading);
    found.extend(loading);
    match model {
        // A loading error that left no item broken (a link out of the site) still stops.
        Some(model) if !found.has_errors() => Ok(Loaded {
            model,
            warnings: found,
            parse,
            validate: start.elapsed(),
            cached: cached.then(|| {
                use std::sync::atomic::Ordering::Relaxed;
                (counts.taken.load(Relaxed), counts.parsed.load(Relaxed))
            }),
            new_cache: new_cache.try_recv().ok(),
        }),
        _ => Err(LoadError::Content(found)),
    }
}

/// The as-of date: `flag` (YYYY-MM-DD), else the `SOURCE_DATE_EPOCH` environment variable,
/// else today in `tz`. `Err`: a message saying which of them is not a date.
pub fn as_of(flag: Option<&str>, tz: &TimeZone) -> Result<Date, String> {
    if let Some(s) = flag {
        return crate::model::check::parse_date(s)
            .ok_or_else(|| format!("--as-of `{s}` is not a date: write YYYY-MM-DD"));
    }
    if let Some(v) = std::env::var_os("SOURCE_DATE_EPOCH") {
        let v = v.to_string_lossy();
        let secs: i64 = v
            .trim()
            .parse()
            .map_err(|_| format!("SOURCE_DATE_EPOCH `{v}` is not a number of seconds"))?;
        let ts = jiff::Timestamp::from_second(secs)
            .map_err(|e| format!("SOURCE_DATE_EPOCH `{v}`: {e}"))?;
        return Ok(ts.to_zoned(tz.clone()).date());
    }
    Ok(jiff::Zoned::now().with_time_zone(tz.clone()).date())
}

/// The template globals of a model: site data and the menu of free pages.
pub fn globals(model: &Model) -> Globals<'_> {
    let mut pages: Vec<&crate::model::Page> =
        model.pages.iter().filter(|p| p.weight.is_some()).collect();
    pages.sort_by(|a, b| (a.weight, &a.path).cmp(&(b.weight, &b.path)));
    Globals {
        site: SiteInfo {
            title: &model.config.title,
            base_url: &model.config.base_url,
            publisher: &model.config.publisher,
            language: model.config.language.as_str(),
            languages: language_links(&model.config),
            data_license: model.config.data_license.as_deref(),
            as_of: model.as_of.to_string(),
            extra: &model.config.extra,
        },
        menu: pages
            .iter()
            .map(|p| MenuItem {
                title: &p.title,
                url: format!("{}/index.html", p.path),
            })
            .collect(),
        untranslated: model
            .translations
            .source
            .filter(|&l| l != model.config.language)
            .map(|l| (l.as_str(), &model.translations.untranslated)),
    }
}

/// The languages of a multilingual site seen from the tree of `config.language` (the first
/// at the root, each other under `/<lang>/`); empty for a site in one language.
pub fn language_links(config: &crate::model::config::Config) -> Vec<LanguageLink> {
    if config.languages.len() < 2 {
        return Vec::new();
    }
    let first = config.languages[0];
    let dir = |l: Language| {
        if l == first {
            String::new()
        } else {
            format!("{}/", l.as_str())
        }
    };
    let up = if config.language == first { "" } else { "../" };
    config
        .languages
        .iter()
        .map(|&l| LanguageLink {
            code: l.as_str(),
            name: l.autonym(),
            prefix: format!("{up}{}", dir(l)),
            url: format!("{}{}", config.home_url, dir(l)),
            current: l == config.language,
        })
        .collect()
}

/// The site's theme (the built-in one with the site's overrides) and a renderer for it.
pub fn renderer(site: &Path, model: &Model) -> Result<(Theme, Renderer), Diagnostic> {
    let theme = crate::render::theme::load(site, &model.config.theme, model.config.language)?;
    let renderer = Renderer::new(&theme, &globals(model))?;
    Ok((theme, renderer))
}

/// One language's tree of a site: its model (with that language and its `base_url`), theme
/// and renderer. The first tree is written at the root, each other under `/<lang>/`.
pub struct Tree<'a> {
    pub model: &'a Model,
    pub renderer: &'a Renderer,
    pub theme: &'a Theme,
}

/// The trees of a site's further languages (`languages: [zh-Hans, en]`: the `en` tree), each
/// from its own load of the site as of `first`'s date: the language and `base_url` are
/// those of the tree, its texts are those given in its language ([`Model::localize`]), and
/// in a language that does not read Han characters a deputy's name without a translation
/// is shown in pinyin (family name first, tones removed: Li Xiuying).
pub fn further_languages(
    site: &Path,
    first: &Model,
) -> Result<Vec<(Model, Theme, Renderer)>, String> {
    let as_of = first.as_of.to_string();
    let mut out = Vec::new();
    for &lang in first.config.languages.iter().skip(1) {
        let Loaded { mut model, .. } = load(site, Some(&as_of)).map_err(|_| {
            format!(
                "the site could not be loaded again for its `{}` pages",
                lang.as_str()
            )
        })?;
        model.config.language = lang;
        model.config.base_url = format!("{}{}/", model.config.home_url, lang.as_str());
        model.localize(lang);
        if !lang.reads_han() {
            use crate::model::translations::Field;
            for d in &mut model.deputies {
                if model.translations.has(Field::DeputyName, &d.id, lang) {
                    continue;
                }
                let roman = romanize(&d.name, d.pinyin());
                let han = std::mem::replace(&mut d.name, roman);
                d.further_mut().also_known_as.insert(0, han);
            }
        }
        let (theme, renderer) = renderer(site, &model).map_err(|d| d.message.clone())?;
        out.push((model, theme, renderer));
    }
    Ok(out)
}

/// A Chinese name in pinyin as names are written in English: family name first, each part
/// capitalised, tones removed (李秀英 → Li Xiuying, 欧阳明 → Ouyang Ming); parts joined by
/// `·` (transliterated names) become words. `over` is the editor's `pinyin:`.
pub fn romanize(name: &str, over: Option<&str>) -> String {
    use crate::site::search::pinyin::Reading;
    let word = |syllables: &[String]| -> String {
        let joined: String = syllables.concat().replace('v', "ü");
        let mut c = joined.chars();
        c.next()
            .map(|f| f.to_uppercase().chain(c).collect())
            .unwrap_or_default()
    };
    let reading = Reading::of(name, over);
    let syllables = reading.syllables();
    let han = |c: char| matches!(c, '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}');
    if syllables.is_empty() || !name.chars().any(han) {
        return name.to_owned();
    }
    let (family, _) = crate::output::opendata::vcard::split_name(name);
    let k = family.chars().count();
    if k > 0 && k < syllables.len() && syllables.len() == name.chars().count() {
        return format!("{} {}", word(&syllables[..k]), word(&syllables[k..]));
    }
    if name.contains('·') && over.is_none() {
        return name
            .split('·')
            .map(|part| word(Reading::of(part, None).syllables()))
            .collect::<Vec<_>>()
            .join(" ");
    }
    word(syllables)
}

/// Write the whole site for `model` into `destination` (checked by [`target::check`]):
/// the pages and other files, and alongside them on a thread of its own the search index
/// (much of pagefind's work runs on one thread, and would otherwise leave a core idle).
///
/// A first build, a `clean` one, or one into a folder that another binary wrote, writes
/// into a fresh folder that replaces the destination when everything succeeded. Otherwise
/// the build is incremental ([`output::incremental`]): only the files whose bytes change
/// are written (into the temporary folder first, then renamed into place), the files no
/// longer produced are removed, and the others are left alone. Either way the manifest
/// beside the folder is put in place last (a clean build writes it just before the swap,
/// from the runs it sorted as the files came: [`output::runs`]). Calls
/// `on_page(total_pages)` after each page, and `on_wait()` if another build into the same
/// folder has to finish first.
#[allow(clippy::too_many_arguments)]
pub fn write(
    model: &Model,
    renderer: &Renderer,
    theme: &Theme,
    destination: target::Destination,
    opts: output::Options,
    clean: bool,
    on_page: &(dyn Fn(usize) + Sync),
    on_wait: &dyn Fn(),
) -> Result<Summary, WriteError> {
    let tree = Tree {
        model,
        renderer,
        theme,
    };
    write_trees(&[tree], destination, opts, clean, None, on_page, on_wait)
}

/// [`write`] for a site in several languages: the first tree at the root, each other
/// under `/<lang>/`, into the same folder and one manifest. `ahead`: the last build, read
/// while the sources loaded ([`output::incremental::Ahead`]).
#[allow(clippy::too_many_arguments)]
pub fn write_trees(
    trees: &[Tree<'_>],
    destination: target::Destination,
    opts: output::Options,
    clean: bool,
    ahead: Option<output::incremental::Ahead>,
    on_page: &(dyn Fn(usize) + Sync),
    on_wait: &dyn Fn(),
) -> Result<Summary, WriteError> {
    use output::incremental;
    use std::hash::{Hash, Hasher};
    let build = target::Build::start(destination, on_wait)?;
    let binary = incremental::binary();
    let previous = match (clean, ahead) {
        (true, _) => None,
        (false, Some(ahead)) => ahead.take(build.out(), &binary),
        (false, None) => incremental::previous(build.out(), &binary),
    };
    // One epoch and one search input for all trees: a change to any tree's theme,
    // globals or search input counts for all of them.
    let combine = |parts: Vec<u64>| -> u64 {
        if let [one] = parts.as_slice() {
            return *one;
        }
        let mut h = std::hash::DefaultHasher::new();
        parts.hash(&mut h);
        h.finish()
    };
    let epoch = combine(
        trees
            .iter()
            .map(|t| incremental::epoch(t.theme, &globals(t.model), opts.minify))
            .collect(),
    );
    let (ledger, made) = std::sync::mpsc::channel::<output::Made>();
    // Room for as many files as the last build made and a sixteenth more (the lists are
    // not doubled at the end for a few new files, beside the last build's manifest).
    let room = previous.as_ref().map_or((0, 0), |p| {
        let (files, bytes) = (p.manifest.files.len(), p.manifest.files.path_bytes());
        (files + files / 16, bytes + bytes / 16)
    });
    let incremental = previous.is_some();
    // The files made are put into the new manifest as they come (each path once, in one
    // string), not queued to the end: at national size, millions of them. The files an
    // incremental build wrote are known by their place in it, not by a second copy of
    // their paths. A clean build, which writes every file and looks none up, sorts them
    // onto disk a batch at a time instead (`output::runs`: 0.8 GB less at national size)
    // and only counts them.
    let runs = output::runs::Runs::new(build.dir().join(RUNS));
    let collector = std::thread::spawn(move || {
        let mut written = 0;
        if !incremental {
            let mut runs = runs;
            for made in batched(made) {
                runs.push(&made.rel, made.entry);
                written += usize::from(made.written);
            }
            return (Collected::Runs(runs), written);
        }
        let mut files = incremental::Files::with_capacity(room.0, room.1);
        let mut staged: Vec<u32> = Vec::new();
        for made in batched(made) {
            let position = files.insert(&made.rel, made.entry);
            if made.written {
                written += 1;
                staged.push(position);
            }
        }
        (Collected::Files(files, staged), written)
    });
    let sink = match &previous {
        Some(previous) => {
            output::Sink::incremental(build.dir(), epoch, ledger, previous, build.out())
        }
        None => output::Sink::new(build.dir(), epoch, ledger),
    };
    // Each search index whose records are unchanged is kept as it is. (Not one hash of
    // every record up front: making and hashing all records once more cost more than the
    // indexes it could skip.)
    let indexes = previous
        .as_ref()
        .map(incremental::search_indexes)
        .unwrap_or_default();
    let (mut pages, mut files) = (0, 0);
    let mut trees_written = Ok(());
    for (i, tree) in trees.iter().enumerate() {
        let parts = Parts {
            previous: previous.as_ref(),
            indexes: &indexes,
        };
        let written = if i == 0 {
            write_tree(tree, &sink, &parts, opts, on_page)
        } else {
            let under = sink.under(&format!("{}/", tree.model.config.language.as_str()));
            let written = write_tree(tree, &under, &parts, opts, on_page);
            sink.absorb(under);
            written
        };
        match written {
            Ok((n, f)) => {
                pages += n;
                files += f;
            }
            Err(e) => {
                trees_written = Err(e);
                break;
            }
        }
    }
    // The sink's end of the ledger goes with it: the collector then has every file. It
    // is waited for even when a tree failed, so that nothing writes into the temporary
    // folder while it is deleted.
    let mut summary = sink.summary(pages, files);
    drop(indexes);
    let collected = collector.join();
    trees_written?;
    let (collected, written) = collected
        .map_err(|_| WriteError("the manifest's collector stopped unexpectedly".into()))?;
    summary.written = written;
    let out = build.out().to_path_buf();
    let (files, staged, previous) = match (collected, previous) {
        (Collected::Files(files, staged), Some(previous)) => (files, staged, previous),
        (Collected::Runs(mut runs), _) => {
            // The manifest is written before the folder is put in place, and put in place
            // after. The runs' folder, inside the new one, goes first, whatever happened:
            // a manifest that could not be written fails the build before the swap.
            let made =
                incremental::write_part(&out, &mut |file| runs.write_to(&binary, epoch, file));
            drop(runs);
            let made = made?;
            if let Err(e) = build.finish() {
                incremental::discard_part(&out);
                return Err(e);
            }
            return incremental::install_part(&out, made).map(|()| summary);
        }
        (Collected::Files(..), None) => {
            return Err(WriteError(
                "an incremental build without the last build's manifest".into(),
            ));
        }
    };
    let manifest = incremental::Manifest {
        binary,
        epoch,
        search: 0,
        files,
    };
    // What the folder held when the build started, less what it produces now.
    let gone = previous.gone(&|rel| manifest.files.contains_key(rel));
    // The last build's manifest is not needed any more.
    drop(previous);
    summary.removed = gone.len();
    summary.kept = manifest.files.len().saturating_sub(written);
    let staged: Vec<&str> = staged
        .iter()
        .map(|&position| manifest.files.path_at(position))
        .collect();
    build.commit(&staged, &gone)?;
    incremental::settle(&out, &manifest)?;
    Ok(summary)
}

/// How long the manifest's collector pauses when it finds no file waiting.
const COLLECTOR_PAUSE: Duration = Duration::from_millis(5);

/// The files `made`, until every sender is gone, taken a batch at a time: when none is
/// waiting the collector pauses ([`COLLECTOR_PAUSE`]) and looks again, instead of waiting
/// to be woken. A collector that waited was woken by nearly every file sent to it, as a
/// file is made faster than the collector is woken (up to a futex call and a thread switch
/// for each of the 8.9 million files of a national build); paused, it finds a few dozen
/// at a time.
fn batched<T>(made: std::sync::mpsc::Receiver<T>) -> impl Iterator<Item = T> {
    use std::sync::mpsc::TryRecvError;
    std::iter::from_fn(move || {
        loop {
            match made.try_recv() {
                Ok(item) => return Some(item),
                Err(TryRecvError::Disconnected) => return None,
                Err(TryRecvError::Empty) => std::thread::sleep(COLLECTOR_PAUSE),
            }
        }
    })
}

/// The folder, inside the new site's temporary one, of a clean build's manifest runs
/// (removed before the site is put in place; hidden names are never the site's own).
const RUNS: &str = ".lianluo-manifest-runs";

/// What the manifest's collector made of the files: an incremental build's files in
/// memory and the positions of those it wrote, or a clean build's runs on disk.
enum Collected {
    Files(output::incremental::Files, Vec<u32>),
    Runs(output::runs::Runs),
}

/// What every tree of a build shares: the previous build and its search indexes by hash.
struct Parts<'p> {
    previous: Option<&'p output::incremental::Previous>,
    indexes: &'p std::collections::HashMap<u64, Vec<(&'p str, &'p output::incremental::Entry)>>,
}

/// Write one tree's pages, files and search index into `sink`: (pages, files).
fn write_tree(
    tree: &Tree<'_>,
    sink: &output::Sink<'_>,
    parts: &Parts<'_>,
    opts: output::Options,
    on_page: &(dyn Fn(usize) + Sync),
) -> Result<(usize, usize), WriteError> {
    use output::incremental;
    let Tree {
        model,
        renderer,
        theme,
    } = *tree;
    let fingerprints = Renderer::fingerprints(theme);
    let jobs = crate::site::jobs(model);
    let reuse = |_dir: &str, hash: u64| -> Option<Vec<(String, usize)>> {
        let files = parts.indexes.get(&hash)?;
        if !incremental::all_on_disk(parts.previous?, files) {
            return None;
        }
        // The manifest's paths are the destination's; the search names them within the
        // tree (`pagefind/…`, not `en/pagefind/…`), as it names the files it builds.
        Some(
            files
                .iter()
                .map(|(rel, e)| {
                    sink.keep(rel, **e);
                    let within = rel.strip_prefix(sink.prefix()).unwrap_or(rel);
                    (within.to_owned(), e.size as usize)
                })
                .collect(),
        )
    };
    let pages_done = AtomicBool::new(false);
    let (files, search) = std::thread::scope(|s| {
        let search = s.spawn(|| {
            let start = Instant::now();
            let mut to_disk = |rel: &str, data: &[u8], index: u64| {
                sink.put_search(rel, data, index).map_err(|e| e.0)
            };
            let more = || pages_done.load(Ordering::Relaxed);
            let written = crate::search::write(model, theme, &mut to_disk, &more, &reuse);
            sink.lap(Phase::Search, start);
            written
        });
        let files = output::write_site(
            model,
            renderer,
            &fingerprints,
            theme,
            &jobs,
            sink,
            opts,
            on_page,
        );
        pages_done.store(true, Ordering::Relaxed);
        let search = search
            .join()
            .unwrap_or_else(|_| Err("search index: the indexer stopped unexpectedly".into()));
        (files, search)
    });
    let files = files? + search.map_err(WriteError)?;
    Ok((jobs.len(), files))
}

#[cfg(test)]
mod tests {
    use super::{batched, romanize};

    #[test]
    fn the_collector_takes_every_file_in_order_and_ends_when_the_senders_are_gone() {
        let (send, receive) = std::sync::mpsc::channel();
        let senders: Vec<_> = (0..2)
            .map(|thread| {
                let send = send.clone();
                std::thread::spawn(move || {
                    for i in 0..1000 {
                        send.send((thread, i)).expect("the collector is there");
                        if i % 100 == 0 {
                            std::thread::sleep(std::time::Duration::from_millis(7));
                        }
                    }
                })
            })
            .collect();
        drop(send);
        let got: Vec<(i32, i32)> = batched(receive).collect();
        for sender in senders {
            sender.join().expect("sent");
        }
        assert_eq!(got.len(), 2000);
        for thread in 0..2 {
            let own: Vec<i32> = got.iter().filter(|m| m.0 == thread).map(|m| m.1).collect();
            assert_eq!(own, (0..1000).collect::<Vec<_>>());
        }
    }

    #[test]
    fn names_in_pinyin_put_the_family_name_first_capitalised_without_tones() {
        assert_eq!(romanize("李秀英", None), "Li Xiuying");
        assert_eq!(romanize("欧阳明", None), "Ouyang Ming");
        assert_eq!(romanize("吕强", None), "Lü Qiang");
        assert_eq!(romanize("单丽华", Some("shàn lì huá")), "Shan Lihua");
        assert_eq!(romanize("买买提·吐尔逊", None), "Maimaiti Tuerxun");
        assert_eq!(romanize("John Smith", None), "John Smith");
    }
}
