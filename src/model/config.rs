//! `site.yaml` validated into [`Config`]: the site's identity, time zone, schedule and
//! suggestion settings, and the privacy allow-list.

use jiff::tz::TimeZone;

use super::check::Checker;
use crate::sources::Doc;
use crate::sources::raw::RawSite;
use crate::vocab::{HolidayPolicy, Language};

#[derive(Debug, Clone)]
pub struct Config {
    pub title: String,
    /// Absolute, always ending in `/`.
    pub base_url: String,
    pub language: Language,
    /// Every language of the site, the first (built at the root) first; one for most sites.
    pub languages: Vec<Language>,
    /// The site's address at its first language (`base_url` of site.yaml): a further
    /// language's tree has `base_url` = `home_url` + `<lang>/`.
    pub home_url: String,
    pub tz_name: String,
    pub tz: TimeZone,
    pub theme: String,
    pub publisher: String,
    /// The order of names in lists of deputies.
    pub order: crate::vocab::Order,
    /// Each level's terms (届), see [`super::terms`].
    pub terms: super::terms::Terms,
    pub horizon_days: u32,
    pub holiday_policy: HolidayPolicy,
    pub notice_days: u32,
    pub reply_deadline_days: u32,
    /// The body's outcome classes in order: (code, wording).
    pub outcomes: Vec<(String, String)>,
    /// Codes of `outcomes` counted as solved.
    pub solved: Vec<String>,
    pub privacy_allow: Vec<String>,
    /// The categories of a report-back's evaluation (测评), in order.
    pub evaluation_categories: Vec<String>,
    /// Which of them count as satisfied.
    pub evaluation_satisfied: Vec<String>,
    /// How many group meetings a liaison group is expected to hold a year (`groups:`).
    pub meetings_per_year: Option<u32>,
    pub data_license: Option<String>,
    /// `office_phone`: the congress office's published number, on the contact card of a
    /// deputy with no channel of their own and no station phone.
    pub office_phone: Option<String>,
    pub extra: serde_json::Value,
}

/// The national wording of outcome classes, used when site.yaml gives none.
const NATIONAL_OUTCOMES: [(&str, &str); 4] = [
    ("A", "所提问题已经解决或者基本解决"),
    ("B", "正在解决或者列入规划逐步解决"),
    ("C", "因目前条件限制或者其他原因需待以后解决"),
    ("D", "留作参考"),
];

pub fn validate(doc: &Doc<RawSite>, ck: &mut Checker<'_>) -> Config {
    let raw = &doc.raw;
    let mut base_url = raw.base_url.value.0.trim().to_owned();
    if !(base_url.starts_with("https://") || base_url.starts_with("http://")) {
        ck.error(
            &raw.base_url,
            format!("`{base_url}` is not an absolute web address"),
            "write the address the site will have, e.g. https://rd.example.gov.cn/",
        );
    }
    if !base_url.ends_with('/') {
        base_url.push('/');
    }
    let tz_name = timezone_name(raw).to_owned();
    let tz = match TimeZone::get(&tz_name) {
        Ok(tz) => tz,
        Err(_) => {
            if let Some(at) = &raw.timezone {
                ck.error(
                    at,
                    format!("`{tz_name}` is not a known time zone"),
                    "use an IANA time zone name such as Asia/Shanghai or Asia/Urumqi",
                );
            }
            TimeZone::UTC
        }
    };
    let mut theme = raw
        .theme
        .as_ref()
        .map_or("default".to_owned(), |t| t.value.0.clone());
    if let Some(at) = &raw.theme
        && !is_folder_name(&theme)
    {
        ck.error(
            at,
            format!("`{theme}` is not a theme name"),
            "name a folder under themes/ with letters, digits, `-` and `_` only (`theme: mine` for themes/mine/); paths are not allowed",
        );
        theme = "default".to_owned();
    }
    let horizon_days = raw.schedule.horizon_days.as_ref().map_or(120, |h| h.value);
    if let Some(h) = &raw.schedule.horizon_days
        && !(1..=730).contains(&h.value)
    {
        ck.error(
            h,
            "horizon_days must be between 1 and 730",
            "receptions are shown this many days ahead; 120 is usual",
        );
    }
    let outcomes: Vec<(String, String)> = match &raw.suggestions.outcomes {
        Some(o) => o
            .value
            .iter()
            .map(|(k, v)| (k.0.clone(), v.0.clone()))
            .collect(),
        None => NATIONAL_OUTCOMES
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect(),
    };
    if let Some(o) = &raw.suggestions.outcomes
        && o.value.is_empty()
    {
        ck.error(
            o,
            "outcomes lists no classes",
            "list the outcome classes, e.g. `A: 所提问题已经解决或者基本解决`",
        );
    }
    let solved = match &raw.suggestions.solved {
        Some(list) => list
            .iter()
            .filter_map(|s| {
                if outcomes.iter().any(|(k, _)| *k == s.value.0) {
                    Some(s.value.0.clone())
                } else {
                    let codes: Vec<&str> = outcomes.iter().map(|(k, _)| k.as_str()).collect();
                    ck.error(
                        s,
                        format!("`{}` is not one of the outcome classes", s.value),
                        format!("use one of: {}", codes.join(", ")),
                    );
                    None
                }
            })
            .collect(),
        None => vec![
            outcomes
                .first()
                .map_or_else(|| "A".to_owned(), |(k, _)| k.clone()),
        ],
    };
    let mut deadline = raw
        .suggestions
        .reply_deadline_days
        .as_ref()
        .map_or(90, |d| d.value);
    if let Some(d) = &raw.suggestions.reply_deadline_days
        && !(1..=MAX_REPLY_DEADLINE_DAYS).contains(&d.value)
    {
        ck.error(
            d,
            format!("reply_deadline_days must be between 1 and {MAX_REPLY_DEADLINE_DAYS}"),
            "the Deputies Law gives three months: 90",
        );
        deadline = 90;
    }
    let mut language = raw.language.as_ref().map_or(Language::ZhHans, |l| l.value);
    let mut languages = vec![language];
    if let Some(list) = &raw.languages {
        let mut seen: Vec<Language> = Vec::new();
        for l in list {
            if seen.contains(&l.value) {
                ck.error(
                    l,
                    format!("`{}` is listed twice in `languages`", l.value.as_str()),
                    "list each language once; the first is built at the root",
                );
            } else {
                seen.push(l.value);
            }
        }
        match (seen.first(), &raw.language) {
            (None, _) => {}
            (Some(first), Some(l)) if l.value != *first => ck.error(
                l,
                format!(
                    "`language: {}` differs from the first of `languages` ({})",
                    l.value.as_str(),
                    first.as_str()
                ),
                "remove `language:` (the first of `languages` is the site's main language) or make them agree",
            ),
            (Some(first), _) => {
                language = *first;
                languages = seen;
            }
        }
    }
    let (evaluation_categories, evaluation_satisfied) = evaluation(raw, ck);
    if let Some(m) = &raw.groups.meetings_per_year
        && !(1..=52).contains(&m.value)
    {
        ck.error(
            m,
            "meetings_per_year must be between 1 and 52",
            "the number of liaison group meetings expected in a year; reports name 2 to 3",
        );
    }
    ck.first = language;
    ck.published = languages.clone();
    Config {
        title: ck.localized(&raw.title),
        home_url: base_url.clone(),
        base_url,
        language,
        languages,
        tz_name,
        tz,
        theme,
        publisher: raw
            .publisher
            .as_ref()
            .map_or_else(String::new, |p| ck.localized(p)),
        terms: super::terms::validate(&raw.terms, ck),
        order: raw.order.unwrap_or(crate::vocab::Order::Strokes),
        horizon_days,
        holiday_policy: raw.schedule.holidays.unwrap_or(HolidayPolicy::NextWorkday),
        notice_days: raw.schedule.notice_days.unwrap_or(3),
        reply_deadline_days: deadline,
        outcomes,
        solved,
        privacy_allow: raw.privacy.allow.iter().map(|t| t.0.clone()).collect(),
        evaluation_categories,
        evaluation_satisfied,
        meetings_per_year: raw.groups.meetings_per_year.as_ref().map(|m| m.value),
        data_license: raw.data_license.as_ref().map(|t| t.0.clone()),
        office_phone: raw
            .office_phone
            .as_ref()
            .map(|t| t.0.trim().to_owned())
            .filter(|t| !t.is_empty()),
        extra: raw
            .extra
            .clone()
            .unwrap_or(serde_json::Value::Object(Default::default())),
    }
}

/// The national practice's categories of a report-back evaluation and the ones counted as
/// satisfied (满意率 counts 基本满意, as for suggestions).
const EVALUATION: [&str; 3] = ["满意", "基本满意", "不满意"];

fn evaluation(raw: &RawSite, ck: &mut Checker<'_>) -> (Vec<String>, Vec<String>) {
    let cfg = &raw.evaluation;
    let categories: Vec<String> = match &cfg.categories {
        Some(list) => {
            if list.value.is_empty() {
                ck.error(
                    list,
                    "evaluation categories lists nothing",
                    "list the categories voters choose from, e.g. [满意, 基本满意, 不满意]",
                );
            }
            let mut out: Vec<String> = Vec::new();
            for c in &list.value {
                let c2 = c.value.0.trim().to_owned();
                if out.contains(&c2) {
                    ck.error(
                        c,
                        format!("the category `{c2}` is listed twice"),
                        "list each category once",
                    );
                } else {
                    out.push(c2);
                }
            }
            out
        }
        None => EVALUATION.iter().map(|s| (*s).to_owned()).collect(),
    };
    let satisfied = match &cfg.satisfied {
        Some(list) => list
            .iter()
            .filter_map(|s| {
                let v = s.value.0.trim();
                if categories.iter().any(|c| c == v) {
                    Some(v.to_owned())
                } else {
                    ck.error(
                        s,
                        format!("`{v}` is not one of the evaluation categories"),
                        format!("use one of: {}", categories.join(", ")),
                    );
                    None
                }
            })
            .collect(),
        None if cfg.categories.is_none() => {
            vec![EVALUATION[0].to_owned(), EVALUATION[1].to_owned()]
        }
        None => categories.first().cloned().into_iter().collect(),
    };
    (categories, satisfied)
}

/// The longest reply deadline accepted (two years; the law gives three months). Dates
/// computed from it stay far inside the calendar's range.
const MAX_REPLY_DEADLINE_DAYS: u32 = 730;

/// A theme's name is one folder under `themes/`: no path, nothing that leaves the site.
fn is_folder_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 64
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// The name of the site's time zone: `timezone:` in site.yaml, else Asia/Shanghai.
pub fn timezone_name(raw: &crate::sources::raw::RawSite) -> &str {
    raw.timezone
        .as_ref()
        .map_or("Asia/Shanghai", |t| t.value.as_str())
}

/// The site's time zone, read the one way every command reads it (an unknown name is
/// reported by validation; until then it is UTC).
pub fn timezone(raw: &crate::sources::raw::RawSite) -> TimeZone {
    TimeZone::get(timezone_name(raw)).unwrap_or(TimeZone::UTC)
}
