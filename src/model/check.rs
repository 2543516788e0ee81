//! Validation helpers shared by every kind of content: id lookups with "did you mean",
//! dates, times and id syntax, each reporting at the value's own line and column.

use std::collections::HashMap;

use jiff::civil::{Date, Time};

use crate::diag::{Diagnostic, Span, did_you_mean};
use crate::sources::{At, Localized, Origin, Text};
use crate::vocab::Language;

/// Ids of one kind of content, mapped to their index in the model.
#[derive(Debug, Default)]
pub struct Index {
    map: HashMap<String, u32>,
    /// What these ids name, for messages: "deputy", "area" …
    pub noun: &'static str,
    /// Where an editor defines them, for hints: "deputies/<id>.md" …
    pub home: &'static str,
    /// Ids whose file exists but could not be parsed: references to them are not reported
    /// again (the parse error already is).
    broken: std::collections::HashSet<String>,
    /// Set when a whole file of these ids could not be parsed: no id is reported unknown.
    pub incomplete: bool,
    /// Names, for references written as a name instead of an id (a spreadsheet's 选区
    /// column says 东镇第一选区): each with the index and id of what bears it.
    names: HashMap<String, Vec<(u32, String)>>,
}

impl Index {
    pub fn new(noun: &'static str, home: &'static str) -> Self {
        Index {
            map: HashMap::new(),
            noun,
            home,
            broken: Default::default(),
            incomplete: false,
            names: HashMap::new(),
        }
    }

    /// Record the name of the item `ix` with the id `id`, so a reference may name it.
    pub fn insert_name(&mut self, name: &str, id: &str, ix: u32) {
        self.names
            .entry(name.to_owned())
            .or_default()
            .push((ix, id.to_owned()));
    }

    /// The item a reference names: its id or, failing that, its exact name. `Err` holds the
    /// candidates when several items bear that name (none when nothing does).
    pub fn resolve(&self, key: &str) -> Result<u32, Vec<&str>> {
        if let Some(ix) = self.get(key) {
            return Ok(ix);
        }
        match self.names.get(key).map(Vec::as_slice) {
            Some([(ix, _)]) => Ok(*ix),
            Some(many) => {
                let mut ids: Vec<&str> = many.iter().map(|(_, id)| id.as_str()).collect();
                ids.sort_unstable();
                Err(ids)
            }
            None => Err(Vec::new()),
        }
    }

    /// The item a reference names by id or by a name only one item bears.
    pub fn find(&self, key: &str) -> Option<u32> {
        self.resolve(key).ok()
    }

    /// Record an id whose file could not be parsed.
    pub fn insert_broken(&mut self, id: &str) {
        self.broken.insert(id.to_owned());
    }

    /// Whether a reference to `id` that resolves to nothing is already explained by a
    /// parse error.
    pub fn excused(&self, id: &str) -> bool {
        self.incomplete || self.broken.contains(id)
    }

    /// Record the item `ix` under `id`; `false` (and the first item kept) when the id is
    /// already taken.
    pub fn insert(&mut self, id: &str, ix: u32) -> bool {
        match self.map.entry(id.to_owned()) {
            std::collections::hash_map::Entry::Occupied(_) => false,
            std::collections::hash_map::Entry::Vacant(v) => {
                v.insert(ix);
                true
            }
        }
    }

    pub fn get(&self, id: &str) -> Option<u32> {
        self.map.get(id).copied()
    }

    pub fn len(&self) -> usize {
        self.map.len()
    }

    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    /// The diagnostic for an id that names nothing.
    pub fn unknown(&self, span: Span, id: &str) -> Diagnostic {
        let d = Diagnostic::error(
            span,
            format!("there is no {} with the id `{id}`", self.noun),
        );
        // "Did you mean" compares against every id; past a size where that would be slow
        // the hint only says where ids come from.
        let guess = if self.map.len() <= 200_000 {
            did_you_mean(
                id,
                self.map
                    .keys()
                    .map(String::as_str)
                    .filter(|k| k.len().abs_diff(id.len()) <= 3),
            )
        } else {
            None
        };
        match guess {
            Some(g) => d.hint(format!(
                "did you mean `{g}`? ({} ids come from {})",
                self.noun, self.home
            )),
            None => d.hint(format!(
                "check the spelling: {} ids come from {}",
                self.noun, self.home
            )),
        }
    }
}

/// Collects the diagnostics of one file or record while it is validated.
pub struct Checker<'a> {
    pub origin: &'a Origin,
    pub diags: Vec<Diagnostic>,
    /// The site's first language: the one a text given per language must have.
    pub first: Language,
    /// Every language the site publishes (none known: texts in any language are taken).
    pub published: Vec<Language>,
}

impl<'a> Checker<'a> {
    pub fn new(origin: &'a Origin) -> Self {
        Checker {
            origin,
            diags: Vec::new(),
            first: Language::ZhHans,
            published: Vec::new(),
        }
    }

    /// A checker for a site that publishes `languages`, the first at its root.
    pub fn in_language(origin: &'a Origin, languages: &[Language]) -> Self {
        Checker {
            first: languages.first().copied().unwrap_or(Language::ZhHans),
            published: languages.to_vec(),
            ..Checker::new(origin)
        }
    }

    /// A text that may be given per language, in the site's first language. A map without
    /// that language is an error at the map (the other languages are shown in its hint).
    pub fn localized(&mut self, at: &At<Localized>) -> String {
        if let Localized::Map(m) = &at.value
            && !m.iter().any(|(l, _)| l.value == self.first)
        {
            let given: Vec<&str> = m.iter().map(|(l, _)| l.value.as_str()).collect();
            self.error(
                at,
                format!(
                    "this text has no `{}`, the site's first language (given: {})",
                    self.first.as_str(),
                    given.join(", ")
                ),
                format!(
                    "add `{}: …` (the text as the site's main pages show it), or write one text for every language",
                    self.first.as_str()
                ),
            );
        }
        self.unpublished(at);
        at.value.main(self.first).trim().to_owned()
    }

    /// Warn at each key of a text given per language whose language the site does not
    /// publish (`en:` on a site in zh-Hans only): that text is shown nowhere.
    fn unpublished(&mut self, at: &At<Localized>) {
        let Localized::Map(m) = &at.value else {
            return;
        };
        if self.published.is_empty() {
            return;
        }
        let published: Vec<&str> = self.published.iter().map(|l| l.as_str()).collect();
        for (lang, _) in m {
            if self.published.contains(&lang.value) {
                continue;
            }
            let code = lang.value.as_str();
            let d = Diagnostic::warning(
                self.span(lang),
                format!(
                    "this site publishes only {}; the {code} text is not used",
                    published.join(", ")
                ),
            )
            .hint(format!(
                "to publish the site in {code} too, write `languages: [{}, {code}]` in site.yaml{}; or remove `{code}: …` here",
                published.join(", "),
                if published.len() == 1 {
                    " (instead of `language:`)"
                } else {
                    ""
                }
            ));
            self.diags.push(d);
        }
    }

    /// [`Checker::named`] for a name that may be given per language.
    pub fn named_in(&mut self, at: &At<Localized>) -> String {
        let name = self.localized(at);
        if name.is_empty() {
            self.error(
                at,
                "the name is empty",
                "write the name as it should be published, e.g. name: 李秀英",
            );
        }
        name
    }

    pub fn span<T>(&self, at: &At<T>) -> Span {
        self.origin.at(at)
    }

    pub fn error<T>(&mut self, at: &At<T>, message: impl Into<String>, hint: impl Into<String>) {
        let d = Diagnostic::error(self.span(at), message).hint(hint);
        self.diags.push(d);
    }

    pub fn push(&mut self, d: Diagnostic) {
        self.diags.push(d);
    }

    /// Resolve a reference to another item, reporting an unknown id.
    /// A reference may be an id or the exact name of one item; a name several items bear
    /// is an error listing their ids.
    pub fn lookup(&mut self, index: &Index, at: &At<Text>) -> Option<u32> {
        let key = at.value.as_str();
        match index.resolve(key) {
            Ok(ix) => Some(ix),
            Err(candidates) if !candidates.is_empty() => {
                let d = Diagnostic::error(
                    self.span(at),
                    format!(
                        "`{key}` is the name of more than one {}: {}",
                        index.noun,
                        candidates.join(", ")
                    ),
                )
                .hint(format!(
                    "write the id of the one you mean instead of the name ({} ids come from {})",
                    index.noun, index.home
                ));
                self.diags.push(d);
                None
            }
            Err(_) => {
                if !index.excused(key) {
                    let d = index.unknown(self.span(at), key);
                    self.diags.push(d);
                }
                None
            }
        }
    }

    /// Resolve a list of references, keeping the ones that exist, in order, without repeats.
    pub fn lookup_all(&mut self, index: &Index, ats: &[At<Text>]) -> Vec<u32> {
        let mut out: Vec<u32> = Vec::with_capacity(ats.len());
        for at in ats {
            if let Some(ix) = self.lookup(index, at)
                && !out.contains(&ix)
            {
                out.push(ix);
            }
        }
        out
    }

    pub fn date(&mut self, at: &At<Text>) -> Option<Date> {
        let r = parse_date(at.value.as_str());
        match r {
            None => self.error(
                at,
                format!("`{}` is not a valid date", at.value),
                "write dates as YYYY-MM-DD, e.g. 2025-03-07",
            ),
            Some(d) if !PLAUSIBLE_YEARS.contains(&d.year()) => {
                self.error(
                    at,
                    format!(
                        "`{}` is not a plausible date: lianluo accepts the years {} to {}",
                        at.value,
                        PLAUSIBLE_YEARS.start(),
                        PLAUSIBLE_YEARS.end()
                    ),
                    "check the year for a typing mistake",
                );
                return None;
            }
            Some(_) => {}
        }
        r
    }

    /// A name or title that must say something: an empty one is an error.
    pub fn named(&mut self, at: &At<Text>) -> String {
        let name = at.value.0.trim();
        if name.is_empty() {
            self.error(
                at,
                "the name is empty",
                "write the name as it should be published, e.g. name: 李秀英",
            );
        }
        name.to_owned()
    }

    pub fn opt_date(&mut self, at: Option<&At<Text>>) -> Option<Date> {
        at.and_then(|a| self.date(a))
    }

    /// `"09:00-11:30"` → start and end.
    pub fn time_range(&mut self, at: &At<Text>) -> Option<(Time, Time)> {
        let s = at.value.as_str();
        let parsed = s
            .split_once(['-', '–', '~', '～', '至'])
            .and_then(|(a, b)| Some((parse_time(a.trim())?, parse_time(b.trim())?)));
        match parsed {
            Some((a, b)) if a < b => Some((a, b)),
            Some(_) => {
                self.error(
                    at,
                    format!("the reception time `{s}` ends before it starts"),
                    "write the start first, e.g. \"09:00-11:30\"",
                );
                None
            }
            None => {
                self.error(
                    at,
                    format!("`{s}` is not a time range"),
                    "write it as \"HH:MM-HH:MM\" in quotes, e.g. \"09:00-11:30\"",
                );
                None
            }
        }
    }
}

/// The years a date in the content may fall in: a year outside is a typing mistake
/// (`9999-12-31`), and far dates would make schedules and deadlines meaningless.
pub const PLAUSIBLE_YEARS: std::ops::RangeInclusive<i16> = 1900..=2100;

/// Strict `YYYY-MM-DD`: digits only, so no sign sneaks in (`-202-03-07`, `2025-+3-07`).
pub fn parse_date(s: &str) -> Option<Date> {
    let b = s.as_bytes();
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    if b.len() != 10
        || b[4] != b'-'
        || b[7] != b'-'
        || !(digits(0..4) && digits(5..7) && digits(8..10))
    {
        return None;
    }
    let num = |r: std::ops::Range<usize>| s.get(r)?.parse::<i16>().ok();
    Date::new(
        num(0..4)?,
        i8::try_from(num(5..7)?).ok()?,
        i8::try_from(num(8..10)?).ok()?,
    )
    .ok()
}

/// `HH:MM` (one-digit hours allowed).
pub fn parse_time(s: &str) -> Option<Time> {
    let (h, m) = s.split_once([':', '：'])?;
    if m.len() != 2 || h.is_empty() || h.len() > 2 {
        return None;
    }
    Time::new(h.parse().ok()?, m.parse().ok()?, 0, 0).ok()
}

/// Ids are lowercase ASCII letters, digits and `-`, as the spec says.
pub fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && !id.starts_with('-')
        && !id.ends_with('-')
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

pub fn id_hint(id: &str) -> String {
    let suggestion: String = id
        .to_lowercase()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect::<String>()
        .split('-')
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    if suggestion.is_empty() || !suggestion.is_ascii() {
        "ids use lowercase ASCII letters, digits and `-` only, e.g. the name in pinyin: `li-xiuying`".to_owned()
    } else {
        format!("ids use lowercase ASCII letters, digits and `-` only: try `{suggestion}`")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_strict() {
        assert_eq!(
            parse_date("2025-03-07"),
            Some(jiff::civil::date(2025, 3, 7))
        );
        assert_eq!(parse_date("2025-3-7"), None);
        assert_eq!(parse_date("2025-02-30"), None);
        assert_eq!(parse_date("2025/03/07"), None);
    }

    #[test]
    fn dates_with_a_sign_are_not_dates() {
        assert_eq!(parse_date("-202-03-07"), None);
        assert_eq!(parse_date("2025-+3-07"), None);
        assert_eq!(parse_date("2025-03-+7"), None);
        assert_eq!(parse_date("+025-03-07"), None);
    }

    #[test]
    fn references_to_what_could_not_be_parsed_are_not_reported_again() {
        let origin = Origin::new(std::sync::Arc::from(std::path::Path::new("a.md")), 1);
        let mut ck = Checker::new(&origin);
        let mut index = Index::new("deputy", "deputies/<id>.md");
        index.insert("li-xiuying", 0);
        index.insert_broken("wang-jun");
        let at = |s: &str| At::new(Text(s.to_owned()), 2, 1);
        assert_eq!(ck.lookup(&index, &at("wang-jun")), None);
        assert!(ck.diags.is_empty());
        assert_eq!(ck.lookup(&index, &at("zhao-min")), None);
        assert_eq!(ck.diags.len(), 1);
        index.incomplete = true;
        assert_eq!(ck.lookup(&index, &at("zhao-min")), None);
        assert_eq!(ck.diags.len(), 1);
    }

    /// Regression: a second area with the id of another (in areas.yaml or areas.xlsx) took
    /// the id's place in the index although it was left out of the areas, and the build
    /// crashed (index out of bounds) instead of reporting the duplicate.
    #[test]
    fn a_duplicate_area_id_is_reported_not_a_crash() {
        let mut index = Index::new("area", "areas.yaml (areas:)");
        assert!(index.insert("xicun", 0));
        assert!(!index.insert("xicun", 1));
        assert_eq!(index.get("xicun"), Some(0));
    }

    #[test]
    fn a_reference_by_name_finds_the_one_item_of_that_name_and_lists_namesakes() {
        let origin = Origin::new(std::sync::Arc::from(std::path::Path::new("a.md")), 1);
        let mut ck = Checker::new(&origin);
        let mut index = Index::new("deputy", "deputies/<id>.md");
        for (ix, (id, name)) in [
            ("wang-wei", "王伟"),
            ("wang-wei-2", "王伟"),
            ("sun-ming", "孙明"),
        ]
        .into_iter()
        .enumerate()
        {
            index.insert(id, ix as u32);
            index.insert_name(name, id, ix as u32);
        }
        let at = |s: &str| At::new(Text(s.to_owned()), 2, 1);
        assert_eq!(ck.lookup(&index, &at("孙明")), Some(2));
        assert_eq!(ck.lookup(&index, &at("wang-wei-2")), Some(1));
        assert!(ck.diags.is_empty());
        assert_eq!(ck.lookup(&index, &at("王伟")), None);
        assert_eq!(
            ck.diags[0].message,
            "`王伟` is the name of more than one deputy: wang-wei, wang-wei-2"
        );
    }

    #[test]
    fn times() {
        assert_eq!(parse_time("9:05"), Some(jiff::civil::time(9, 5, 0, 0)));
        assert_eq!(parse_time("24:00"), None);
        assert_eq!(parse_time("09:5"), None);
    }

    #[test]
    fn ids() {
        assert!(valid_id("li-xiuying") && valid_id("2024-017"));
        assert!(!valid_id("Li_Xiuying") && !valid_id("李秀英") && !valid_id("-a"));
        assert!(id_hint("Li_Xiuying").contains("`li-xiuying`"));
    }
}
