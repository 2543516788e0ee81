//! Deputies: who they are, which seat elected them, how to reach them.
//!
//! The seat is checked against the level here, once: county and township deputies sit for
//! a constituency of their own level, higher ones are elected by an area (or unit) one level
//! down. Later stages read [`Seat`] and never re-check it.

use std::sync::Arc;

use jiff::civil::Date;

use super::areas::{AreaIx, Places};
use super::check::{Checker, Index, id_hint, valid_id};
use crate::sources::raw::{RawContact, RawDeputy};
use crate::sources::{At, Item, OneOrMany, Text};
use crate::vocab::{AreaKind, ContactKind, DeputyStatus, Gender, Level};

pub type DeputyIx = u32;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Seat {
    Constituency(u32),
    Area(AreaIx),
    Unit(u32),
}

#[derive(Debug, Clone)]
pub struct Contact {
    pub kind: ContactKind,
    pub label: Option<String>,
    pub value: String,
}

#[derive(Debug, Clone)]
pub struct Deputy {
    pub id: String,
    pub name: String,
    pub level: Level,
    pub seat: Seat,
    /// The term served: the one `term:` names, else the level's current term.
    pub term: Option<Arc<str>>,
    /// The term has ended: the deputy stays published as an archive, nobody's current
    /// representative.
    pub archived: bool,
    /// The deputy's place in the site's order of names ([`super::order`]); lists sort by it.
    pub order: u32,
    pub gender: Option<Gender>,
    /// Interned once converted, as are `term`, `occupation` and `group` ([`super::strings`]).
    pub ethnicity: Option<Arc<str>>,
    pub occupation: Option<Arc<str>>,
    pub group: Option<Arc<str>>,
    pub stations: Box<[u32]>,
    pub contacts: Box<[Contact]>,
    /// What few deputies have, in a box of its own: every deputy would otherwise carry its
    /// room (144 bytes; at national size 0.4 GB, issue 21). Read through the methods of the
    /// same names ([`Deputy::photo`] …), set through [`Deputy::further_mut`].
    pub(crate) further: Option<Box<Further>>,
    /// The body as Markdown while the deputy is converted; once filed it is in
    /// [`super::Model::bodies`] (rendered only when the deputy's page is), and this is
    /// empty.
    pub body_markdown: String,
}

/// The fields few deputies have ([`Deputy::further_mut`]).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Further {
    /// Path below `static/`.
    pub photo: Option<String>,
    /// The deputy has left office: when (if known), and why (if given).
    pub ended: Option<(Option<Date>, Option<String>)>,
    pub pinyin: Option<String>,
    /// Other written forms of the name, found by search: the Chinese name in the tree of a
    /// language that shows it in pinyin.
    pub also_known_as: Vec<String>,
    /// The name in the deputy's own script, with its language and direction.
    pub name_native: Option<NativeName>,
    pub extra: Option<serde_json::Value>,
}

/// A name in a minority script: `lang` from the script (ug, bo, mn-Mong), `rtl` for the
/// Arabic script of Uyghur.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct NativeName {
    pub text: String,
    pub lang: &'static str,
    pub rtl: bool,
}

impl NativeName {
    /// The script of `text` decides its language: Arabic → Uyghur (right to left),
    /// Tibetan → bo, Mongolian → mn-Mong; `None` for any other script.
    pub fn of(text: &str) -> Option<NativeName> {
        let (lang, rtl) = text.chars().find_map(|c| match c as u32 {
            0x0600..=0x06FF | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF => Some(("ug", true)),
            0x0F00..=0x0FFF => Some(("bo", false)),
            0x1800..=0x18AF => Some(("mn-Mong", false)),
            _ => None,
        })?;
        Some(NativeName {
            text: text.trim().to_owned(),
            lang,
            rtl,
        })
    }
}

#[cfg(test)]
impl Deputy {
    /// A serving county deputy of constituency 0 with only an id (its name too), for unit
    /// tests.
    pub(crate) fn for_test(id: &str) -> Deputy {
        Deputy {
            id: id.into(),
            name: id.into(),
            level: Level::County,
            seat: Seat::Constituency(0),
            term: None,
            archived: false,
            order: 0,
            gender: None,
            ethnicity: None,
            occupation: None,
            group: None,
            stations: Box::default(),
            contacts: Box::default(),
            further: None,
            body_markdown: String::new(),
        }
    }
}

impl Deputy {
    /// Serving now: not ended, and of the current term.
    pub fn is_active(&self) -> bool {
        self.ended().is_none() && !self.archived
    }

    /// The photo's path below `static/`.
    pub fn photo(&self) -> Option<&str> {
        self.further.as_ref()?.photo.as_deref()
    }

    /// When (if known) and why (if given) the deputy left office; `None` while serving.
    pub fn ended(&self) -> Option<&(Option<Date>, Option<String>)> {
        self.further.as_ref()?.ended.as_ref()
    }

    /// The editor's `pinyin:` for the name.
    pub fn pinyin(&self) -> Option<&str> {
        self.further.as_ref()?.pinyin.as_deref()
    }

    /// Other written forms of the name ([`Further::also_known_as`]).
    pub fn also_known_as(&self) -> &[String] {
        self.further.as_ref().map_or(&[], |f| &f.also_known_as)
    }

    /// The name in the deputy's own script.
    pub fn name_native(&self) -> Option<&NativeName> {
        self.further.as_ref()?.name_native.as_ref()
    }

    /// The deputy's `extra:` fields, for themes.
    pub fn extra(&self) -> Option<&serde_json::Value> {
        self.further.as_ref()?.extra.as_ref()
    }

    /// The rarely set fields, to change them (boxed on first use).
    pub fn further_mut(&mut self) -> &mut Further {
        self.further.get_or_insert_with(Box::default)
    }
}

/// What a deputy needs to resolve its references.
pub struct Refs<'a> {
    pub places: &'a Places,
    pub stations: &'a Index,
    pub statics: &'a std::collections::HashSet<String>,
    pub terms: &'a super::terms::Terms,
}

pub fn validate(item: &Item<RawDeputy>, refs: &Refs<'_>, ck: &mut Checker<'_>) -> Option<Deputy> {
    let r = &item.raw;
    if !valid_id(&item.id) {
        ck.push(
            crate::diag::Diagnostic::error(
                ck.origin.start(),
                format!("the file name `{}` is not a valid id", item.id),
            )
            .hint(format!("rename the file: {}", id_hint(&item.id))),
        );
    }
    let level = r.level.value;
    let seat = seat(r, refs.places, ck);
    let stations = ck.lookup_all(refs.stations, &r.stations);
    let photo = r.photo.as_ref().and_then(|p| {
        let rel = p
            .value
            .as_str()
            .trim_start_matches('/')
            .trim_start_matches("static/")
            .to_owned();
        if refs.statics.contains(&rel) {
            Some(rel)
        } else {
            ck.error(
                p,
                format!("the photo `{}` is not in static/", p.value),
                format!(
                    "put the picture at static/{rel}, or fix the path (it is relative to static/)"
                ),
            );
            None
        }
    });
    let status = r.status.as_ref().map_or(DeputyStatus::Active, |s| s.value);
    let ended = match status {
        DeputyStatus::Active => {
            if let Some(e) = &r.ended {
                ck.error(
                    e,
                    "`ended:` is set but the deputy's status is active",
                    "add `status: ended`, or remove `ended:`",
                );
            }
            None
        }
        DeputyStatus::Ended => Some((
            ck.opt_date(r.ended.as_ref()),
            r.reason.as_ref().map(|t| t.0.clone()),
        )),
    };
    let term = deputy_term(r.term.as_ref(), level, refs.terms, ck).map(|t| Arc::from(t.as_str()));
    let contacts = r
        .contact
        .as_ref()
        .map(|c| contacts(c, ck))
        .unwrap_or_default();
    let name_native = r.name_native.as_ref().and_then(|n| {
        let found = NativeName::of(&n.value.0);
        if found.is_none() {
            ck.error(
                n,
                "`name_native` is not in the Uyghur, Tibetan or Mongolian script",
                "write the name in the deputy's own script (e.g. ئابدۇللا, བཀྲ་ཤིས, ᠪᠠᠲᠦ), or remove `name_native`",
            );
        }
        found
    });
    let further = Further {
        photo,
        ended,
        pinyin: r.pinyin.as_ref().map(|t| t.0.clone()),
        also_known_as: Vec::new(),
        name_native,
        extra: r.extra.clone(),
    };
    Some(Deputy {
        id: item.id.clone(),
        name: ck.named_in(&r.name),
        level,
        seat: seat?,
        archived: term
            .as_deref()
            .is_some_and(|t| super::terms::is_archived(refs.terms, level, Some(t))),
        term,
        order: 0,
        gender: r.gender,
        ethnicity: r.ethnicity.as_ref().map(|t| Arc::from(t.0.as_str())),
        occupation: r.occupation.as_ref().map(|t| Arc::from(ck.localized(t))),
        group: r.group.as_ref().map(|t| Arc::from(t.value.0.trim())),
        stations: stations.into_boxed_slice(),
        contacts: contacts.into_boxed_slice(),
        further: (further != Further::default()).then(|| Box::new(further)),
        body_markdown: String::new(),
    })
}

fn seat(r: &RawDeputy, places: &Places, ck: &mut Checker<'_>) -> Option<Seat> {
    let level = r.level.value;
    let lw = level.as_str();
    if level.is_direct() {
        if let Some(e) = &r.elected_by {
            ck.error(
                e,
                format!("a {lw} deputy is elected by a constituency, not by `elected_by`"),
                "replace `elected_by:` with `constituency:` naming the constituency in areas.yaml",
            );
            return None;
        }
        let Some(c) = &r.constituency else {
            ck.error(&r.level, format!("a {lw} deputy needs `constituency:`"), "add `constituency: <id>` naming the constituency in areas.yaml that elected this deputy");
            return None;
        };
        let cix = ck.lookup(&places.constituency_index, c)?;
        let cl = places.constituencies[cix as usize].level;
        if cl != level {
            ck.error(
                c,
                format!(
                    "`{}` is a {} constituency, but this deputy's level is {lw}",
                    c.value,
                    cl.as_str()
                ),
                format!(
                    "use a {lw} constituency, or change `level:` to {}",
                    cl.as_str()
                ),
            );
            return None;
        }
        Some(Seat::Constituency(cix))
    } else {
        if let Some(c) = &r.constituency {
            ck.error(c, format!("a {lw} deputy is elected by an area's congress, not by a constituency"), "replace `constituency:` with `elected_by:` naming the area (or electing unit) whose congress elected this deputy");
            return None;
        }
        let Some(e) = &r.elected_by else {
            ck.error(&r.level, format!("a {lw} deputy needs `elected_by:`"), "add `elected_by: <id>` naming the area (or electing unit) whose congress elected this deputy");
            return None;
        };
        if let Some(u) = places.unit_index.find(e.value.as_str()) {
            return Some(Seat::Unit(u));
        }
        let aix = ck.lookup(&places.area_index, e)?;
        let kind = places.areas[aix as usize].kind;
        // Provincial deputies may also be elected by a county-level city directly under
        // the province (省直辖县级市), so a county is accepted there too.
        let allowed: &[AreaKind] = match level {
            Level::National => &[AreaKind::Province],
            Level::Provincial => &[AreaKind::City, AreaKind::County],
            _ => &[AreaKind::County],
        };
        if !allowed.contains(&kind) {
            let expected = allowed[0].as_str();
            ck.error(
                e,
                format!(
                    "`{}` is a {} ({}), but {lw} deputies are elected by a {expected}-level congress",
                    e.value,
                    places.areas[aix as usize].division.chinese(),
                    kind.as_str()
                ),
                format!("name the {expected} whose congress elected this deputy"),
            );
            return None;
        }
        Some(Seat::Area(aix))
    }
}

/// The term a deputy serves: the one named (which must be one of the level's listed terms
/// when site.yaml lists them), else the level's current term.
fn deputy_term(
    named: Option<&At<Text>>,
    level: Level,
    terms: &super::terms::Terms,
    ck: &mut Checker<'_>,
) -> Option<String> {
    let listed = terms.get(&level);
    let Some(at) = named else {
        return super::terms::current(terms, level).map(|t| t.name.clone());
    };
    let name = at.value.0.trim();
    let dated = listed.is_some_and(|l| l.iter().any(|t| t.start.is_some()));
    if dated && super::terms::named(terms, level, name).is_none() {
        let names: Vec<&str> = listed
            .into_iter()
            .flatten()
            .map(|t| t.name.as_str())
            .collect();
        ck.error(
            at,
            format!("there is no {} term `{name}`", level.as_str()),
            format!(
                "use one of the terms site.yaml lists for this level: {}",
                names.join(", ")
            ),
        );
    }
    Some(name.to_owned())
}

fn contacts(c: &RawContact, ck: &mut Checker<'_>) -> Vec<Contact> {
    let mut out = Vec::new();
    let mut add = |kind: ContactKind, v: &Option<At<OneOrMany<Text>>>, ck: &mut Checker<'_>| {
        let Some(list) = v else { return };
        for text in list.value.clone().into_vec() {
            let at = At::new((), list.line, list.col);
            let value = text.0.trim().to_owned();
            if kind == ContactKind::Email && !value.contains('@') {
                ck.error(
                    &at,
                    format!("`{value}` is not an e-mail address"),
                    "write it as name@example.gov.cn",
                );
                continue;
            }
            if kind == ContactKind::Website
                && !(value.starts_with("https://") || value.starts_with("http://"))
            {
                ck.error(
                    &at,
                    format!("`{value}` is not a web address"),
                    "write the full address, starting with https://",
                );
                continue;
            }
            out.push(Contact {
                kind,
                label: None,
                value,
            });
        }
    };
    add(ContactKind::Phone, &c.phone, ck);
    add(ContactKind::Mobile, &c.mobile, ck);
    add(ContactKind::Fax, &c.fax, ck);
    add(ContactKind::Email, &c.email, ck);
    add(ContactKind::Wechat, &c.wechat, ck);
    add(ContactKind::Website, &c.website, ck);
    add(ContactKind::Mailbox, &c.mailbox, ck);
    for o in &c.other {
        out.push(Contact {
            kind: ContactKind::Other,
            label: Some(o.label.0.clone()),
            value: o.value.value.0.trim().to_owned(),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{Deputy, NativeName};

    /// Every deputy carries its `Deputy` in the model (2.8 million at national size): the
    /// fields few have are boxed apart, so it stays at most 216 bytes (it was 368).
    #[test]
    fn a_deputy_without_rare_fields_stays_small() {
        let size = std::mem::size_of::<Deputy>();
        assert!(size <= 216, "a Deputy takes {size} bytes");
        let plain = Deputy::for_test("a");
        assert!(plain.further.is_none());
        let mut ended = Deputy::for_test("b");
        ended.further_mut().ended = Some((None, None));
        assert!(!ended.is_active() && plain.is_active());
    }

    #[test]
    fn the_script_of_a_native_name_gives_its_language_and_direction() {
        let ug = NativeName::of("ئابدۇللا").expect("Uyghur");
        assert_eq!((ug.lang, ug.rtl), ("ug", true));
        let bo = NativeName::of("བཀྲ་ཤིས").expect("Tibetan");
        assert_eq!((bo.lang, bo.rtl), ("bo", false));
        let mn = NativeName::of("ᠪᠠᠲᠦ").expect("Mongolian");
        assert_eq!((mn.lang, mn.rtl), ("mn-Mong", false));
        assert!(NativeName::of("Batu").is_none());
    }
}
