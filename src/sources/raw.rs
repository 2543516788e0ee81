//! Raw serde shapes of every content file, exactly as an editor writes them.
//!
//! Nothing here is checked beyond what serde does (types, unknown and duplicate keys); every
//! value that later validation may complain about is wrapped in [`At`] so the complaint can
//! name its line and column. `model` turns these into validated types once.

use indexmap::IndexMap;
use serde::Deserialize;

use super::located::{At, Localized, OneOrMany, Text};
use crate::vocab::*;

/// Free data passed to templates untouched.
pub type Extra = Option<serde_json::Value>;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSite {
    pub title: At<Localized>,
    pub base_url: At<Text>,
    pub language: Option<At<Language>>,
    /// A bilingual (or more) site: the first at the root, each other under `/<lang>/`.
    pub languages: Option<Vec<At<Language>>>,
    pub timezone: Option<At<Text>>,
    pub theme: Option<At<Text>>,
    pub publisher: Option<At<Localized>>,
    /// The order of names in lists: strokes (姓氏笔画, default) | pinyin | as-written.
    pub order: Option<Order>,
    /// Per level: the current term's name (`county: 十八届`), or the list of terms with dates.
    #[serde(default)]
    pub terms: IndexMap<Level, At<RawTerms>>,
    #[serde(default)]
    pub schedule: RawScheduleCfg,
    #[serde(default)]
    pub suggestions: RawSuggestionCfg,
    #[serde(default)]
    pub privacy: RawPrivacyCfg,
    #[serde(default)]
    pub groups: RawGroupsCfg,
    #[serde(default)]
    pub evaluation: RawEvaluationCfg,
    #[serde(default)]
    pub spreadsheets: RawSpreadsheetCfg,
    pub data_license: Option<Text>,
    /// The congress office's published phone number (人大常委会办公室), the last resort of a
    /// deputy's contact card.
    pub office_phone: Option<Text>,
    pub extra: Extra,
}

/// A level's terms in site.yaml: a name alone (the current term, no dates) or a list.
#[derive(Debug, Clone)]
pub enum RawTerms {
    Name(Text),
    List(Vec<RawTerm>),
}

/// One term (届) of a level's congress.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTerm {
    pub name: At<Text>,
    pub start: At<Text>,
    pub end: Option<At<Text>>,
    pub current: Option<At<bool>>,
}

impl<'de> Deserialize<'de> for RawTerms {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use serde::de::{self, Visitor};
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = RawTerms;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("the current term's name (十八届), or a list of terms `- { name: 十八届, start: 2021-12-28, end: 2026-12-27 }`")
            }
            fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<RawTerms, A::Error> {
                let mut out = Vec::new();
                while let Some(t) = seq.next_element()? {
                    out.push(t);
                }
                Ok(RawTerms::List(out))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<RawTerms, E> {
                Ok(RawTerms::Name(Text(v.to_owned())))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<RawTerms, E> {
                Ok(RawTerms::Name(Text(v)))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<RawTerms, E> {
                Ok(RawTerms::Name(Text(v.to_string())))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<RawTerms, E> {
                Ok(RawTerms::Name(Text(v.to_string())))
            }
        }
        d.deserialize_any(V)
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawScheduleCfg {
    pub horizon_days: Option<At<u32>>,
    pub holidays: Option<HolidayPolicy>,
    pub notice_days: Option<u32>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSuggestionCfg {
    pub reply_deadline_days: Option<At<u32>>,
    pub outcomes: Option<At<IndexMap<Text, Text>>>,
    pub solved: Option<Vec<At<Text>>>,
}

/// `evaluation:` in site.yaml: the categories of a report-back's evaluation (测评).
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawEvaluationCfg {
    pub categories: Option<At<Vec<At<Text>>>>,
    pub satisfied: Option<Vec<At<Text>>>,
}

/// `groups:` in site.yaml: what the site expects of its liaison groups.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawGroupsCfg {
    pub meetings_per_year: Option<At<u32>>,
}

/// `spreadsheets:` in site.yaml: sheets of the workbooks not to read (by sheet name).
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSpreadsheetCfg {
    #[serde(default)]
    pub skip: Vec<Text>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPrivacyCfg {
    #[serde(default)]
    pub allow: Vec<Text>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawAreasFile {
    #[serde(default)]
    pub areas: Vec<RawArea>,
    #[serde(default)]
    pub constituencies: Vec<RawConstituency>,
    #[serde(default)]
    pub units: Vec<RawUnit>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawArea {
    pub id: At<Text>,
    pub name: At<Localized>,
    /// A generic kind (`county`), a real kind's id (`autonomous-prefecture`) or its Chinese
    /// name (`自治州`); left out, it is read from the name's suffix.
    pub kind: Option<At<Text>>,
    pub parent: Option<At<Text>>,
    pub code: Option<Text>,
    pub pinyin: Option<Text>,
    pub extra: Extra,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawConstituency {
    pub id: At<Text>,
    pub name: At<Localized>,
    pub level: At<Level>,
    pub covers: At<Vec<At<Text>>>,
    pub extra: Extra,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawUnit {
    pub id: At<Text>,
    pub name: At<Localized>,
    pub pinyin: Option<Text>,
    pub extra: Extra,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawHandlersFile {
    #[serde(default)]
    pub handlers: Vec<RawHandler>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawHandler {
    pub id: At<Text>,
    pub name: At<Localized>,
    pub kind: Option<Text>,
    pub pinyin: Option<Text>,
    pub extra: Extra,
}

/// `groups.yaml`: the liaison groups (代表联系组, 代表小组).
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawGroupsFile {
    #[serde(default)]
    pub groups: Vec<RawGroup>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawGroup {
    pub id: At<Text>,
    pub name: At<Localized>,
    /// The level of the congress that formed the group.
    pub level: At<Level>,
    /// The area of the congress that formed the group (none for the national congress).
    pub area: Option<At<Text>>,
    pub leader: Option<At<Text>>,
    #[serde(default)]
    pub deputy_leaders: Vec<At<Text>>,
    #[serde(default)]
    pub members: Vec<At<Text>>,
    #[serde(default)]
    pub subgroups: Vec<RawSubGroup>,
    pub station: Option<At<Text>>,
    pub pinyin: Option<Text>,
    pub extra: Extra,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSubGroup {
    pub name: At<Text>,
    pub leader: Option<At<Text>>,
    #[serde(default)]
    pub members: Vec<At<Text>>,
}

/// A participant who is not a deputy of this site: a CPPCC member, a party congress
/// deputy, or a deputy of another level named by name and level.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawGuest {
    pub name: At<Text>,
    pub role: Option<At<Localized>>,
    pub level: Option<At<Level>>,
}

/// The evaluation (测评) of a report-back: how many took part and how many chose each
/// category.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawEvaluation {
    pub participants: At<u32>,
    pub results: At<IndexMap<Text, At<u32>>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawDeputy {
    pub name: At<Localized>,
    pub level: At<Level>,
    pub constituency: Option<At<Text>>,
    pub elected_by: Option<At<Text>>,
    pub term: Option<At<Text>>,
    pub gender: Option<Gender>,
    pub ethnicity: Option<Text>,
    pub photo: Option<At<Text>>,
    pub occupation: Option<At<Localized>>,
    pub group: Option<At<Text>>,
    #[serde(default)]
    pub stations: Vec<At<Text>>,
    /// Boxed: a raw deputy without one (many have none) stays small (issue 21).
    pub contact: Option<Box<RawContact>>,
    pub status: Option<At<DeputyStatus>>,
    pub ended: Option<At<Text>>,
    pub reason: Option<Text>,
    pub pinyin: Option<Text>,
    /// The name in the deputy's own script (Uyghur, Tibetan, Mongolian), shown beside it.
    pub name_native: Option<At<Text>>,
    pub extra: Extra,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawContact {
    pub phone: Option<At<OneOrMany<Text>>>,
    pub mobile: Option<At<OneOrMany<Text>>>,
    pub fax: Option<At<OneOrMany<Text>>>,
    pub email: Option<At<OneOrMany<Text>>>,
    pub wechat: Option<At<OneOrMany<Text>>>,
    pub website: Option<At<OneOrMany<Text>>>,
    pub mailbox: Option<At<OneOrMany<Text>>>,
    #[serde(default)]
    pub other: Vec<RawOtherContact>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawOtherContact {
    pub label: Text,
    pub value: At<Text>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawStation {
    pub name: At<Localized>,
    pub kind: Option<StationKind>,
    pub area: At<Text>,
    pub serves: Option<Vec<At<Text>>>,
    pub address: Option<At<Localized>>,
    pub location: Option<At<RawGeo>>,
    pub phone: Option<At<Text>>,
    #[serde(default)]
    pub accessibility: Vec<Access>,
    #[serde(default)]
    pub receptions: Vec<At<RawReception>>,
    #[serde(default)]
    pub exceptions: Vec<At<RawException>>,
    pub pinyin: Option<Text>,
    pub extra: Extra,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawGeo {
    pub lat: f64,
    pub lon: f64,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawReception {
    /// The rule's own identity for calendars (`id: morning`); derived from its recurrence when
    /// absent (`model::stations::rule_keys`).
    pub id: Option<At<Text>>,
    pub every: Option<At<Every>>,
    pub weekday: Option<At<OneOrMany<Weekday>>>,
    pub nth: Option<At<OneOrMany<i8>>>,
    pub day: Option<At<OneOrMany<i8>>>,
    pub months: Option<At<OneOrMany<i8>>>,
    pub interval: Option<At<u32>>,
    pub date: Option<At<Text>>,
    pub time: At<Text>,
    pub rota: Option<At<Vec<At<Text>>>>,
    pub deputies: Option<At<Vec<At<Text>>>>,
    pub from: Option<At<Text>>,
    pub until: Option<At<Text>>,
    pub topic: Option<At<Localized>>,
    #[serde(default)]
    pub guests: Vec<At<RawGuest>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawException {
    pub date: At<Text>,
    #[serde(default)]
    pub cancelled: bool,
    pub moved_to: Option<At<Text>>,
    pub deputies: Option<Vec<At<Text>>>,
    pub note: Option<Text>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPrivacyReview {
    #[serde(default)]
    pub reviewed: bool,
    pub reason: Option<Text>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawActivity {
    pub title: At<Localized>,
    pub date: At<Text>,
    pub kind: At<ActivityKind>,
    #[serde(default)]
    pub deputies: Vec<At<Text>>,
    pub station: Option<At<Text>>,
    pub area: Option<At<Text>>,
    pub received: Option<At<u32>>,
    #[serde(default)]
    pub suggestions: Vec<At<Text>>,
    /// The liaison group whose meeting (or activity) this is.
    pub group: Option<At<Text>>,
    #[serde(default)]
    pub guests: Vec<At<RawGuest>>,
    pub evaluation: Option<At<RawEvaluation>>,
    pub privacy: Option<At<RawPrivacyReview>>,
    pub extra: Extra,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSuggestion {
    pub id: At<Text>,
    pub received: At<Text>,
    pub channel: At<Channel>,
    #[serde(default)]
    pub deputies: Vec<At<Text>>,
    pub station: Option<At<Text>>,
    pub area: Option<At<Text>>,
    pub category: Option<At<Text>>,
    pub summary: At<Text>,
    pub handler: Option<At<Text>>,
    pub transferred: Option<At<Text>>,
    pub replied: Option<At<Text>>,
    pub outcome: Option<At<Text>>,
    pub reply: Option<At<Text>>,
    pub satisfaction: Option<At<Satisfaction>>,
    #[serde(default)]
    pub priority: bool,
    #[serde(default)]
    pub extended: bool,
    #[serde(default)]
    pub history: Vec<At<RawHistory>>,
    pub privacy: Option<At<RawPrivacyReview>>,
    pub extra: Extra,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawHistory {
    pub date: At<Text>,
    pub event: At<HistoryEvent>,
    pub note: Option<At<Text>>,
    pub outcome: Option<At<Text>>,
    pub satisfaction: Option<Satisfaction>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPage {
    pub title: At<Localized>,
    pub weight: Option<i32>,
    pub description: Option<At<Localized>>,
    pub extra: Extra,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawHoliday {
    pub date: At<Text>,
    pub off: bool,
    pub name: Option<Text>,
}
