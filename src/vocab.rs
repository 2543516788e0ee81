//! The content format's closed vocabularies: levels, kinds, channels and the like.
//!
//! Each enum reads and writes the exact lowercase words of the spec (`provincial`,
//! `group-meeting`, `basically-satisfied`) so YAML, CSV, templates and open data all use the
//! same words; display names come from the theme's i18n strings, never from here.

use serde::{Deserialize, Serialize};

/// Is `c` a character of a script written without spaces between words?
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x2E80..=0x2FDF | 0x3000..=0x303F | 0x3040..=0x30FF | 0x3100..=0x312F | 0x31A0..=0x31BF
        | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFFEF
        | 0x20000..=0x2FA1F)
}

macro_rules! vocab {
    ($(#[$m:meta])* $name:ident { $($variant:ident = $word:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        pub enum $name {
            $(#[serde(rename = $word)] $variant),+
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The word used in content files, URLs and open data.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $word),+ }
            }

            /// Parse the content word (used for CSV cells).
            pub fn parse(s: &str) -> Option<Self> {
                match s { $($word => Some($name::$variant),)+ _ => None }
            }

            /// Every accepted word, for "use one of …" hints.
            pub fn words() -> String {
                [$($word),+].join(", ")
            }
        }
    };
}

vocab! {
    /// The five levels of people's congresses, highest first.
    Level { National = "national", Provincial = "provincial", City = "city", County = "county", Township = "township" }
}

impl Level {
    /// County and township deputies are elected directly by constituencies; the others by
    /// the congress of an area one level down (or an electing unit).
    pub fn is_direct(self) -> bool {
        matches!(self, Level::County | Level::Township)
    }
}

vocab! {
    /// What kind of place an area is.
    AreaKind { Province = "province", City = "city", County = "county", Township = "township", Village = "village", Community = "community" }
}

impl AreaKind {
    /// The congress level seated at this kind of area, if any.
    pub fn level(self) -> Option<Level> {
        match self {
            AreaKind::Province => Some(Level::Provincial),
            AreaKind::City => Some(Level::City),
            AreaKind::County => Some(Level::County),
            AreaKind::Township => Some(Level::Township),
            AreaKind::Village | AreaKind::Community => None,
        }
    }
}

vocab! { Gender { Female = "female", Male = "male" } }
vocab! { DeputyStatus { Active = "active", Ended = "ended" } }
vocab! { StationKind { Station = "station", Home = "home", Studio = "studio" } }
vocab! {
    /// Accessibility features a station can offer.
    Access {
        StepFree = "step-free", HearingLoop = "hearing-loop", AccessibleToilet = "accessible-toilet",
        Parking = "parking", Elevator = "elevator", SignLanguage = "sign-language",
        Braille = "braille", Wheelchair = "wheelchair",
    }
}
vocab! {
    ActivityKind {
        Inspection = "inspection", Research = "research", Reception = "reception",
        ReportBack = "report-back", GroupMeeting = "group-meeting", Training = "training",
        Forum = "forum", Other = "other",
    }
}
vocab! {
    Channel { Reception = "reception", Visit = "visit", Hotline = "hotline", Online = "online", Letter = "letter", Session = "session" }
}
vocab! {
    Satisfaction { Satisfied = "satisfied", BasicallySatisfied = "basically-satisfied", Dissatisfied = "dissatisfied" }
}
vocab! {
    /// A later step in a suggestion's handling.
    HistoryEvent { Transferred = "transferred", Replied = "replied", Reopened = "reopened", Closed = "closed", Note = "note" }
}
vocab! { Every { Week = "week", Month = "month" } }
vocab! {
    Weekday {
        Monday = "monday", Tuesday = "tuesday", Wednesday = "wednesday", Thursday = "thursday",
        Friday = "friday", Saturday = "saturday", Sunday = "sunday",
    }
}

impl Weekday {
    pub fn to_jiff(self) -> jiff::civil::Weekday {
        use jiff::civil::Weekday as W;
        match self {
            Weekday::Monday => W::Monday,
            Weekday::Tuesday => W::Tuesday,
            Weekday::Wednesday => W::Wednesday,
            Weekday::Thursday => W::Thursday,
            Weekday::Friday => W::Friday,
            Weekday::Saturday => W::Saturday,
            Weekday::Sunday => W::Sunday,
        }
    }

    pub fn from_jiff(w: jiff::civil::Weekday) -> Self {
        use jiff::civil::Weekday as W;
        match w {
            W::Monday => Weekday::Monday,
            W::Tuesday => Weekday::Tuesday,
            W::Wednesday => Weekday::Wednesday,
            W::Thursday => Weekday::Thursday,
            W::Friday => Weekday::Friday,
            W::Saturday => Weekday::Saturday,
            W::Sunday => Weekday::Sunday,
        }
    }
}

vocab! { HolidayPolicy { NextWorkday = "next-workday", Skip = "skip", Keep = "keep" } }
vocab! { Language { ZhHans = "zh-Hans", ZhHant = "zh-Hant", En = "en" } }

impl Language {
    /// The language's name in itself, for a language switcher.
    pub fn autonym(self) -> &'static str {
        match self {
            Language::ZhHans => "简体中文",
            Language::ZhHant => "繁體中文",
            Language::En => "English",
        }
    }

    /// Whether names written in Han characters are read as they are in this language
    /// (else a name without a translation is shown in pinyin).
    pub fn reads_han(self) -> bool {
        matches!(self, Language::ZhHans | Language::ZhHant)
    }
}
vocab! {
    /// Published contact channels of a deputy.
    ContactKind {
        Phone = "phone", Mobile = "mobile", Fax = "fax", Email = "email", Wechat = "wechat",
        Website = "website", Mailbox = "mailbox", Other = "other",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_round_trip() {
        for l in Level::ALL {
            assert_eq!(Level::parse(l.as_str()), Some(*l));
        }
        assert_eq!(
            ActivityKind::parse("group-meeting"),
            Some(ActivityKind::GroupMeeting)
        );
        assert_eq!(Satisfaction::parse("basically_satisfied"), None);
    }
}
