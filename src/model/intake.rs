//! The deputies' intake: each raw deputy converted and dropped in turn, with what the
//! checks of every deputy need of it kept beside it.
//!
//! A national site has 2.8 million deputies, and their raw fields are most of what its
//! sources hold. [`convert`] takes them a turn at a time ([`crate::sources::listed::TURN`]):
//! in parallel, each is validated into a [`Deputy`] (its body rendered), its translations
//! made and its published names and numbers allowed, and then it is dropped. When `build`
//! or `check` gave the model the deputies unread, a turn is converted while the next is
//! read, so no list of raw deputies is ever made (issue 21). Then, in the deputies' order
//! on one thread, the results are filed: the deputy (or its problems), its place in the
//! names' index, its repeated texts shared ([`Strings`]), its body set aside
//! ([`Bodies`]: read from files, on disk), and the little the later checks need ([`Kept`]).

use std::borrow::Cow;
use std::path::Path;
use std::sync::Arc;

use rayon::prelude::*;

use super::bodies::Bodies;
use super::check::Index;
use super::config::Config;
use super::strings::Strings;
use super::translations::Translations;
use super::{Deputy, convert_item, deputies, guard};
use crate::diag::{Diagnostic, Diagnostics, Span};
use crate::privacy::Allow;
use crate::sources::listed::TURN;
use crate::sources::raw::RawDeputy;
use crate::sources::{At, Broken, Item, Listed, Origin, Text};

/// The raw deputies, however they are held: lent, given (each dropped once converted) or
/// listed and not yet read (each read, converted and dropped in turn).
pub(crate) enum Deputies<'a> {
    Lent(&'a [Item<RawDeputy>]),
    Given(Vec<Item<RawDeputy>>),
    Unread(Listed<RawDeputy>),
}

impl Deputies<'_> {
    pub(crate) fn len(&self) -> usize {
        match self {
            Deputies::Lent(items) => items.len(),
            Deputies::Given(items) => items.len(),
            Deputies::Unread(listed) => listed.len(),
        }
    }

    /// The id of the `index`-th deputy (known before it is read).
    pub(crate) fn id(&self, index: usize) -> Cow<'_, str> {
        match self {
            Deputies::Lent(items) => items[index].id.as_str().into(),
            Deputies::Given(items) => items[index].id.as_str().into(),
            Deputies::Unread(listed) => listed.id(index),
        }
    }

    /// Where the `index`-th deputy comes from (known before it is read).
    pub(crate) fn origin(&self, index: usize) -> Origin {
        match self {
            Deputies::Lent(items) => items[index].origin.clone(),
            Deputies::Given(items) => items[index].origin.clone(),
            Deputies::Unread(listed) => listed.origin(index),
        }
    }
}

/// What is kept of a raw deputy beside its conversion, for the checks of every deputy
/// made once all are converted: where its file is (when a warning may need it), and the
/// rare rest. `None` in [`Intake::kept`] for a file that could not be parsed.
pub(crate) struct Kept {
    origin: Option<Origin>,
    rare: Option<Box<Rare>>,
}

/// What few deputies need kept: a `group:` field, and a name for the index of names that
/// the converted deputy does not give (it has errors, or the name is written with spaces).
struct Rare {
    group: Option<At<Text>>,
    name: Option<String>,
    /// The id, when there is no converted deputy to give it.
    id: Option<String>,
}

impl Kept {
    /// The deputy's `group:` field, and where its file is.
    pub(crate) fn group(&self) -> Option<(&Origin, &At<Text>)> {
        Some((self.origin.as_ref()?, self.rare.as_ref()?.group.as_ref()?))
    }

    /// Where the deputy's file is, when it was kept.
    pub(crate) fn origin(kept: Option<Kept>) -> Option<Origin> {
        kept?.origin
    }
}

/// The deputies converted: for each (in order) the deputy or `None`, with its problems,
/// and what is kept of it; the names and numbers they publish, and their translations.
pub(crate) struct Intake {
    pub(crate) results: Vec<(Option<Deputy>, Vec<Diagnostic>)>,
    pub(crate) kept: Vec<Option<Kept>>,
    /// Their bodies, taken out of them as they are filed (one for each result).
    pub(crate) bodies: Bodies,
    /// Why the bodies could not be kept, if they could not: no model can be made.
    pub(crate) unkept: Option<Diagnostic>,
    pub(crate) allowed: Allow,
    pub(crate) translated: Translations,
}

/// One deputy as converted in parallel, before it is filed.
struct Made {
    deputy: Option<Deputy>,
    problems: Vec<Diagnostic>,
    kept: Kept,
    allowed: Allow,
    translated: Translations,
}

/// Convert every deputy of `raw` (see the module's text), filing each under its name in
/// `index` (whose ids are already in). Problems of reading unread deputies go to
/// `loading`, and files that could not be parsed to `broken`.
pub(crate) fn convert(
    raw: Deputies<'_>,
    refs: &deputies::Refs<'_>,
    config: &Config,
    index: &mut Index,
    loading: &mut Diagnostics,
    broken: &mut Broken,
) -> Intake {
    let first = config.languages[0];
    let keep_origins = config.office_phone.is_none();
    let each = |item: &Item<RawDeputy>| -> Made {
        let (deputy, mut problems) = convert_item(item, &config.languages, |item, ck| {
            deputies::validate(item, refs, ck)
        });
        let mut found = Diagnostics::new();
        let translated = Translations::of_deputy(item, first, &mut found);
        problems.extend(found.into_vec());
        let mut allowed = Allow::new();
        guard::allow_deputy(&mut allowed, &item.raw);
        let name = item.raw.name.value.main(first);
        let name = match &deputy {
            Some(d) if d.name == name => None,
            _ => Some(name.to_owned()),
        };
        let group = item.raw.group.clone();
        let id = deputy.is_none().then(|| item.id.clone());
        let rare = (name.is_some() || group.is_some()).then(|| Box::new(Rare { group, name, id }));
        let origin = (keep_origins || rare.is_some()).then(|| item.origin.clone());
        Made {
            deputy,
            problems,
            kept: Kept { origin, rare },
            allowed,
            translated,
        }
    };
    let count = raw.len();
    // Read from their files, the deputies' bodies go to disk (see [`super::bodies`]).
    let bodies = match raw {
        Deputies::Unread(_) => Bodies::spilled(),
        Deputies::Lent(_) | Deputies::Given(_) => Bodies::held(),
    };
    let mut unkept: Option<std::io::Error> = None;
    let mut intake = Intake {
        results: Vec::with_capacity(count),
        kept: Vec::with_capacity(count),
        bodies,
        unkept: None,
        allowed: Allow::new(),
        translated: Translations::default(),
    };
    let mut strings = Strings::new();
    let mut file = |mut made: Option<Made>| {
        let body = made
            .as_mut()
            .and_then(|m| m.deputy.as_mut())
            .map(|d| std::mem::take(&mut d.body_markdown))
            .unwrap_or_default();
        if let Err(e) = intake.bodies.push(body) {
            unkept.get_or_insert(e);
        }
        let Some(mut made) = made else {
            intake.results.push((None, Vec::new()));
            intake.kept.push(None);
            return;
        };
        let at = intake.results.len() as u32;
        let rare = made.kept.rare.as_deref();
        let deputy = made.deputy.as_ref();
        let name = rare.and_then(|r| r.name.as_deref());
        let id = rare.and_then(|r| r.id.as_deref());
        if let (Some(name), Some(id)) = (
            name.or(deputy.map(|d| d.name.as_str())),
            id.or(deputy.map(|d| d.id.as_str())),
        ) {
            index.insert_name(name, id, at);
        }
        // Only the group is needed from here on.
        if made.kept.rare.as_ref().is_some_and(|r| r.group.is_none()) {
            made.kept.rare = None;
        } else if let Some(rare) = made.kept.rare.as_mut() {
            rare.name = None;
            rare.id = None;
        }
        if let Some(d) = made.deputy.as_mut() {
            strings.share_some(&mut d.ethnicity);
            strings.share_some(&mut d.term);
            strings.share_some(&mut d.group);
            strings.share_some(&mut d.occupation);
        }
        intake.allowed.merge(made.allowed);
        intake.translated.merge(made.translated);
        intake.results.push((made.deputy, made.problems));
        intake.kept.push(Some(made.kept));
    };
    match raw {
        Deputies::Lent(items) => {
            for turn in items.chunks(TURN) {
                let made: Vec<Made> = turn.par_iter().map(each).collect();
                made.into_iter().for_each(|m| file(Some(m)));
            }
        }
        Deputies::Given(items) => {
            let mut items = items.into_iter();
            loop {
                let turn: Vec<_> = items.by_ref().take(TURN).collect();
                if turn.is_empty() {
                    break;
                }
                let made: Vec<Made> = turn.into_par_iter().map(|item| each(&item)).collect();
                made.into_iter().for_each(|m| file(Some(m)));
            }
        }
        // Each raw deputy is dropped once converted.
        Deputies::Unread(listed) => listed.read(loading, broken, |item| each(&item), file),
    }
    if let Some(e) = unkept.or_else(|| intake.bodies.finish().err()) {
        intake.unkept = Some(
            Diagnostic::error(
                Span::file(&Arc::from(Path::new("deputies"))),
                format!(
                    "the deputies' texts could not be kept in a temporary file in {}: {e}",
                    std::env::temp_dir().display()
                ),
            )
            .hint("free some space there, or set TMPDIR to a folder with room, and build again"),
        );
    }
    intake
}
