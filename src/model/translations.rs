//! Translations: the texts an editor gave in more than one language, and the tree of each
//! language of a multilingual site made from them.
//!
//! A name, title or address may be written once (the same in every language) or per language
//! (`name: { zh-Hans: 李秀英, en: Li Xiuying }`), and a Markdown body may have a translation
//! beside its file (`li-xiuying.en.md`). Validation keeps the text in the site's first
//! language in the model's records, as every other field; [`collect`] files the other
//! languages' texts (bodies rendered and checked like the first one) by record and field.
//! [`Model::localize`] turns the model into the one of another language's tree: each text
//! that has a translation is replaced by it, and each one that has none is listed in
//! [`Translations::untranslated`], so the theme marks it with the language it is written in
//! (`<span lang="zh-Hans">`) for screen readers.

use std::collections::{BTreeSet, HashMap};

use super::Model;
use crate::diag::Diagnostics;
use crate::markdown;
use crate::sources::raw::RawDeputy;
use crate::sources::{At, Item, Localized, Origin, Sources};
use crate::vocab::Language;

/// Which text of which kind of record a translation is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    DeputyName,
    Occupation,
    DeputyBody,
    StationName,
    Address,
    StationBody,
    AreaName,
    /// A constituency's name (areas.yaml `constituencies:`), by id.
    ConstituencyName,
    /// An electing unit's name (areas.yaml `units:`), by id.
    UnitName,
    /// A handling unit's name (handlers.yaml), by id.
    HandlerName,
    /// A liaison group's name (groups.yaml), by id.
    GroupName,
    ActivityTitle,
    ActivityBody,
    PageTitle,
    PageDescription,
    PageBody,
    /// A guest's office (`role: { zh-Hans: 县政协委员, en: Member of the county CPPCC }`),
    /// by the office's text in the first language: the same office reads the same everywhere.
    GuestRole,
    /// A reception rule's topic (`topic:` of `receptions:`), by the topic's text in the
    /// first language, as [`Field::GuestRole`].
    ReceptionTopic,
    /// site.yaml's `title` and `publisher` (id: the field's name).
    Site,
}

/// The texts given in other languages than the site's first one.
#[derive(Debug, Default)]
pub struct Translations {
    /// The site's first language: what every text given once is written in.
    pub source: Option<Language>,
    /// By field and record id (a page's path), each language's text (bodies as HTML).
    texts: HashMap<(Field, String), Vec<(Language, String)>>,
    /// In a localized model ([`Model::localize`]): the texts shown in `source` for want of
    /// a translation (as the records hold them; bodies as HTML).
    pub untranslated: BTreeSet<String>,
}

impl Translations {
    /// Whether `id`'s `field` has a text in `lang`.
    pub fn has(&self, field: Field, id: &str, lang: Language) -> bool {
        self.get(field, id, lang).is_some()
    }

    fn get(&self, field: Field, id: &str, lang: Language) -> Option<&str> {
        self.texts
            .get(&(field, id.to_owned()))?
            .iter()
            .find(|(l, _)| *l == lang)
            .map(|(_, t)| t.as_str())
    }

    /// The language `text` is written in when it is shown untranslated in this tree.
    pub fn source_of(&self, text: &str) -> Option<Language> {
        self.source.filter(|_| self.untranslated.contains(text))
    }

    fn add(&mut self, field: Field, id: &str, texts: Vec<(Language, String)>) {
        let texts: Vec<(Language, String)> = texts
            .into_iter()
            .map(|(l, t)| (l, t.trim().to_owned()))
            .filter(|(_, t)| !t.is_empty())
            .collect();
        if !texts.is_empty() {
            self.texts
                .entry((field, id.to_owned()))
                .or_default()
                .extend(texts);
        }
    }

    fn text(&mut self, field: Field, id: &str, at: Option<&At<Localized>>, first: Language) {
        if let Some(at) = at {
            self.add(field, id, at.value.others(first));
        }
    }

    /// Render and check the translated bodies of `item`.
    fn bodies<T>(&mut self, field: Field, id: &str, item: &Item<T>, diags: &mut Diagnostics) {
        for (lang, body) in &item.bodies {
            let origin = match &body.file {
                Some(file) => Origin::new(file.clone(), 0),
                None => item.origin.clone(),
            };
            if let Some(d) = markdown::limits(&body.text, body.line, &body.cells, &origin) {
                diags.push(d);
                continue;
            }
            for d in markdown::lint(&body.text, body.line, &body.cells, &origin) {
                diags.push(d);
            }
            self.add(field, id, vec![(*lang, markdown::render(&body.text))]);
        }
    }
}

impl Translations {
    /// The translations of one deputy (its name, occupation and body), filed as each deputy
    /// is converted ([`Translations::merge`] gathers them): the model holds no list of raw
    /// deputies to collect them from afterwards.
    pub(crate) fn of_deputy(d: &Item<RawDeputy>, first: Language, diags: &mut Diagnostics) -> Self {
        let mut t = Translations::default();
        t.text(Field::DeputyName, &d.id, Some(&d.raw.name), first);
        t.text(Field::Occupation, &d.id, d.raw.occupation.as_ref(), first);
        t.bodies(Field::DeputyBody, &d.id, d, diags);
        t
    }

    /// Add the texts of `other` to these.
    pub(crate) fn merge(&mut self, other: Translations) {
        for (key, texts) in other.texts {
            self.texts.entry(key).or_default().extend(texts);
        }
    }
}

/// The translations of every record of `sources` whose first language is `first`, with
/// those of the deputies (each filed as it was converted: [`Translations::of_deputy`]).
pub fn collect(
    sources: &Sources,
    deputies: Translations,
    first: Language,
    diags: &mut Diagnostics,
) -> Translations {
    let mut t = Translations {
        source: Some(first),
        ..deputies
    };
    for s in &sources.stations {
        t.text(Field::StationName, &s.id, Some(&s.raw.name), first);
        t.text(Field::Address, &s.id, s.raw.address.as_ref(), first);
        t.bodies(Field::StationBody, &s.id, s, diags);
    }
    let site = &sources.site.raw;
    t.text(Field::Site, "title", Some(&site.title), first);
    t.text(Field::Site, "publisher", site.publisher.as_ref(), first);
    let roles = sources
        .activities
        .iter()
        .flat_map(|a| &a.raw.guests)
        .chain(
            sources
                .stations
                .iter()
                .flat_map(|s| &s.raw.receptions)
                .flat_map(|r| &r.value.guests),
        )
        .filter_map(|g| g.value.role.as_ref());
    for role in roles {
        let key = role.value.main(first).trim().to_owned();
        if !t.texts.contains_key(&(Field::GuestRole, key.clone())) {
            t.text(Field::GuestRole, &key, Some(role), first);
        }
    }
    let topics = sources
        .stations
        .iter()
        .flat_map(|s| &s.raw.receptions)
        .filter_map(|r| r.value.topic.as_ref());
    for topic in topics {
        let key = topic.value.main(first).trim().to_owned();
        if !t.texts.contains_key(&(Field::ReceptionTopic, key.clone())) {
            t.text(Field::ReceptionTopic, &key, Some(topic), first);
        }
    }
    for a in &sources.activities {
        let id = a.id.rsplit('/').next().unwrap_or(&a.id);
        t.text(Field::ActivityTitle, id, Some(&a.raw.title), first);
        t.bodies(Field::ActivityBody, id, a, diags);
    }
    for p in &sources.pages {
        t.text(Field::PageTitle, &p.id, Some(&p.raw.title), first);
        t.text(
            Field::PageDescription,
            &p.id,
            p.raw.description.as_ref(),
            first,
        );
        t.bodies(Field::PageBody, &p.id, p, diags);
    }
    if let Some(doc) = &sources.areas {
        for a in &doc.raw.areas {
            t.text(Field::AreaName, a.id.value.as_str(), Some(&a.name), first);
        }
        for c in &doc.raw.constituencies {
            t.text(
                Field::ConstituencyName,
                c.id.value.as_str(),
                Some(&c.name),
                first,
            );
        }
        for u in &doc.raw.units {
            t.text(Field::UnitName, u.id.value.as_str(), Some(&u.name), first);
        }
    }
    if let Some(doc) = &sources.handlers {
        for h in &doc.raw.handlers {
            t.text(
                Field::HandlerName,
                h.id.value.as_str(),
                Some(&h.name),
                first,
            );
        }
    }
    if let Some(doc) = &sources.groups {
        for g in &doc.raw.groups {
            t.text(
                Field::GroupName,
                g.id.value.as_str().trim(),
                Some(&g.name),
                first,
            );
        }
    }
    t
}

/// Whether `text` has a letter of the script `lang` is written in (a number or a Latin
/// name in a Chinese text is not marked as Chinese).
fn in_script_of(text: &str, lang: Language) -> bool {
    let han = |c: char| matches!(c, '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}');
    if lang.reads_han() {
        text.chars().any(han)
    } else {
        text.chars().any(|c| c.is_alphabetic() && !han(c))
    }
}

impl Model {
    /// This model as the tree of `lang` shows it: every text that has a translation into
    /// `lang` is replaced by it; the others stay as written and are listed in
    /// `translations.untranslated`. Deputies' names are not listed (a tree whose language
    /// does not read Han characters shows an untranslated name in pinyin: `pipeline`).
    pub fn localize(&mut self, lang: Language) {
        let tr = std::mem::take(&mut self.translations);
        let Some(source) = tr.source.filter(|&s| s != lang) else {
            self.translations = tr;
            return;
        };
        let mut marked = BTreeSet::new();
        let mut pick = |field: Field, id: &str, slot: &mut String| match tr.get(field, id, lang) {
            Some(t) => *slot = t.to_owned(),
            None => {
                if !slot.is_empty() && in_script_of(slot, source) {
                    marked.insert(slot.clone());
                }
            }
        };
        for (i, d) in self.deputies.iter_mut().enumerate() {
            if let Some(t) = tr.get(Field::DeputyName, &d.id, lang) {
                let written = std::mem::replace(&mut d.name, t.to_owned());
                d.further_mut().also_known_as.insert(0, written);
            }
            if let Some(o) = &mut d.occupation {
                let mut text = o.to_string();
                pick(Field::Occupation, &d.id, &mut text);
                if *text != **o {
                    *o = text.into();
                }
            }
            // The body is kept apart ([`super::bodies`]): read back to be marked, replaced
            // when translated. (One that cannot be read back is not marked: its page
            // reports it.)
            let i = i as u32;
            match tr.get(Field::DeputyBody, &d.id, lang) {
                Some(t) => self.bodies.replace(i, t.to_owned()),
                None => {
                    let mut body = self
                        .bodies
                        .html(i)
                        .map(|b| b.into_owned())
                        .unwrap_or_default();
                    pick(Field::DeputyBody, &d.id, &mut body);
                }
            }
        }
        for s in &mut self.stations {
            pick(Field::StationName, &s.id, &mut s.name);
            if let Some(a) = &mut s.address {
                pick(Field::Address, &s.id, a);
            }
            pick(Field::StationBody, &s.id, &mut s.body_html);
        }
        pick(Field::Site, "title", &mut self.config.title);
        if !self.config.publisher.is_empty() {
            pick(Field::Site, "publisher", &mut self.config.publisher);
        }
        let mut role = |g: &mut super::activities::Guest| {
            if let Some(r) = &mut g.role {
                let key = r.clone();
                pick(Field::GuestRole, &key, r);
            }
        };
        for a in &mut self.activities {
            a.guests.iter_mut().for_each(&mut role);
        }
        for s in &mut self.stations {
            s.rule_guests.iter_mut().flatten().for_each(&mut role);
        }
        let mut topic = |slot: &mut Option<String>| {
            if let Some(t) = slot {
                let key = t.clone();
                pick(Field::ReceptionTopic, &key, t);
            }
        };
        for s in &mut self.stations {
            s.rules.iter_mut().for_each(|r| topic(&mut r.topic));
        }
        let schedules = &mut self.schedules;
        for o in schedules
            .by_station
            .iter_mut()
            .chain(schedules.cancelled.iter_mut())
            .flatten()
        {
            topic(&mut o.topic);
        }
        for a in &mut self.activities {
            pick(Field::ActivityTitle, &a.id, &mut a.title);
            pick(Field::ActivityBody, &a.id, &mut a.body_html);
        }
        for p in &mut self.pages {
            pick(Field::PageTitle, &p.path, &mut p.title);
            if let Some(d) = &mut p.description {
                pick(Field::PageDescription, &p.path, d);
            }
            pick(Field::PageBody, &p.path, &mut p.body_html);
        }
        for a in &mut self.places.areas {
            pick(Field::AreaName, &a.id, &mut a.name);
        }
        for c in &mut self.places.constituencies {
            pick(Field::ConstituencyName, &c.id, &mut c.name);
        }
        for u in &mut self.places.units {
            pick(Field::UnitName, &u.id, &mut u.name);
        }
        for h in &mut self.handlers {
            pick(Field::HandlerName, &h.id, &mut h.name);
        }
        for g in &mut self.groups.list {
            pick(Field::GroupName, &g.id, &mut g.name);
        }
        self.translations = Translations {
            untranslated: marked,
            ..tr
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_text_in_the_source_script_is_marked() {
        assert!(in_script_of("城关镇人民路1号", Language::ZhHans));
        assert!(!in_script_of("12345", Language::ZhHans));
        assert!(!in_script_of("Starbucks", Language::ZhHans));
        assert!(in_script_of("Main Street", Language::En));
        assert!(!in_script_of("人民路", Language::En));
    }
}
