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

vocab! {
    /// The real kind of a division (行政区划类别). The six generic kinds stay valid; every kind
    /// belongs to one of them, which fixes its level.
    Division {
        Province = "province", AutonomousRegion = "autonomous-region",
        Municipality = "municipality", SpecialAdministrativeRegion = "special-administrative-region",
        City = "city", PrefectureCity = "prefecture-city",
        AutonomousPrefecture = "autonomous-prefecture", Prefecture = "prefecture", League = "league",
        County = "county", AutonomousCounty = "autonomous-county", CountyCity = "county-city",
        District = "district", Banner = "banner", AutonomousBanner = "autonomous-banner",
        SpecialDistrict = "special-district", ForestryDistrict = "forestry-district",
        Township = "township", Town = "town", RuralTownship = "rural-township",
        EthnicTownship = "ethnic-township", Subdistrict = "subdistrict", Sumu = "sumu",
        EthnicSumu = "ethnic-sumu", DistrictOffice = "district-office",
        Village = "village", Community = "community", Gacha = "gacha",
        VillageCommittee = "village-committee", NeighbourhoodCommittee = "neighbourhood-committee",
    }
}

impl Division {
    /// The generic kind this kind belongs to (and so its level).
    pub fn generic(self) -> AreaKind {
        use Division as D;
        match self {
            D::Province
            | D::AutonomousRegion
            | D::Municipality
            | D::SpecialAdministrativeRegion => AreaKind::Province,
            D::City | D::PrefectureCity | D::AutonomousPrefecture | D::Prefecture | D::League => {
                AreaKind::City
            }
            D::County
            | D::AutonomousCounty
            | D::CountyCity
            | D::District
            | D::Banner
            | D::AutonomousBanner
            | D::SpecialDistrict
            | D::ForestryDistrict => AreaKind::County,
            D::Township
            | D::Town
            | D::RuralTownship
            | D::EthnicTownship
            | D::Subdistrict
            | D::Sumu
            | D::EthnicSumu
            | D::DistrictOffice => AreaKind::Township,
            D::Village | D::Gacha | D::VillageCommittee => AreaKind::Village,
            D::Community | D::NeighbourhoodCommittee => AreaKind::Community,
        }
    }

    /// The generic kind's division, for areas written with one of the six generic words.
    pub fn of_generic(kind: AreaKind) -> Division {
        match kind {
            AreaKind::Province => Division::Province,
            AreaKind::City => Division::City,
            AreaKind::County => Division::County,
            AreaKind::Township => Division::Township,
            AreaKind::Village => Division::Village,
            AreaKind::Community => Division::Community,
        }
    }

    /// How deep in the tree this kind sits: 1 province level … 5 village level.
    pub fn rank(self) -> u8 {
        match self.generic() {
            AreaKind::Province => 1,
            AreaKind::City => 2,
            AreaKind::County => 3,
            AreaKind::Township => 4,
            AreaKind::Village | AreaKind::Community => 5,
        }
    }

    /// The Chinese name of the kind as the official division list writes it; the content
    /// format accepts it in place of the id.
    pub fn chinese(self) -> &'static str {
        use Division as D;
        match self {
            D::Province => "省",
            D::AutonomousRegion => "自治区",
            D::Municipality => "直辖市",
            D::SpecialAdministrativeRegion => "特别行政区",
            D::City => "市",
            D::PrefectureCity => "地级市",
            D::AutonomousPrefecture => "自治州",
            D::Prefecture => "地区",
            D::League => "盟",
            D::County => "县",
            D::AutonomousCounty => "自治县",
            D::CountyCity => "县级市",
            D::District => "市辖区",
            D::Banner => "旗",
            D::AutonomousBanner => "自治旗",
            D::SpecialDistrict => "特区",
            D::ForestryDistrict => "林区",
            D::Township => "乡镇",
            D::Town => "镇",
            D::RuralTownship => "乡",
            D::EthnicTownship => "民族乡",
            D::Subdistrict => "街道",
            D::Sumu => "苏木",
            D::EthnicSumu => "民族苏木",
            D::DistrictOffice => "区公所",
            D::Village => "村",
            D::Community => "社区",
            D::Gacha => "嘎查",
            D::VillageCommittee => "村委会",
            D::NeighbourhoodCommittee => "居委会",
        }
    }

    /// Read a kind written as its id (`autonomous-prefecture`) or in Chinese (`自治州`).
    pub fn read(word: &str) -> Option<Division> {
        let word = word.trim();
        Division::parse(word)
            .or_else(|| Division::ALL.iter().copied().find(|d| d.chinese() == word))
            .or(match word {
                "区" => Some(Division::District),
                "乡镇" | "镇乡" => Some(Division::Township),
                "街道办事处" => Some(Division::Subdistrict),
                "社区居委会" => Some(Division::NeighbourhoodCommittee),
                _ => None,
            })
    }

    /// The kinds at `rank`, as "自治区 (autonomous-region)" words, for hints.
    pub fn words_at(rank: u8) -> String {
        Division::ALL
            .iter()
            .filter(|d| d.rank() == rank)
            .map(|d| format!("{} ({})", d.chinese(), d.as_str()))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// A kind read from the end of a place's name when `kind:` is left out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Derived {
    /// The suffix names one kind.
    Sure(Division),
    /// The suffix fits several kinds: this is the likeliest; the site should say.
    Guess(Division, &'static str),
}

/// The kind a name's suffix says (`…自治州` → 自治州); `市` and `区` are ambiguous and read
/// from the parent's rank (0 for a place without a parent).
pub fn derive_division(name: &str, parent_rank: u8) -> Option<Derived> {
    use Division as D;
    const SURE: &[(&str, Division)] = &[
        ("特别行政区", D::SpecialAdministrativeRegion),
        ("自治区", D::AutonomousRegion),
        ("自治州", D::AutonomousPrefecture),
        ("自治县", D::AutonomousCounty),
        ("自治旗", D::AutonomousBanner),
        ("民族苏木", D::EthnicSumu),
        ("民族乡", D::EthnicTownship),
        ("区公所", D::DistrictOffice),
        ("街道办事处", D::Subdistrict),
        ("社区居委会", D::NeighbourhoodCommittee),
        ("居委会", D::NeighbourhoodCommittee),
        ("村委会", D::VillageCommittee),
        ("林区", D::ForestryDistrict),
        ("特区", D::SpecialDistrict),
        ("地区", D::Prefecture),
        ("街道", D::Subdistrict),
        ("苏木", D::Sumu),
        ("嘎查", D::Gacha),
        ("社区", D::Community),
        ("省", D::Province),
        ("盟", D::League),
        ("旗", D::Banner),
        ("县", D::County),
        ("镇", D::Town),
        ("乡", D::RuralTownship),
        ("村", D::Village),
    ];
    let name = name.trim();
    if let Some(&(_, d)) = SURE.iter().find(|(s, _)| name.ends_with(s)) {
        return Some(Derived::Sure(d));
    }
    if name.ends_with('市') {
        return Some(match parent_rank {
            0 => Derived::Guess(D::Municipality, "市 without a parent is read as 直辖市"),
            1 => Derived::Guess(
                D::PrefectureCity,
                "市 under a province-level place is read as 地级市 (a 县级市 directly under the province needs `kind: 县级市`)",
            ),
            _ => Derived::Guess(
                D::CountyCity,
                "市 under a city-level place is read as 县级市",
            ),
        });
    }
    if name.ends_with('区') {
        return Some(Derived::Guess(
            D::District,
            "区 is read as 市辖区 (a 新区, 矿区 or 管理区 may be another kind)",
        ));
    }
    None
}

vocab! {
    /// The order of names in lists of deputies (site.yaml `order:`).
    Order { Strokes = "strokes", Pinyin = "pinyin", AsWritten = "as-written" }
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
    fn every_kind_reads_from_its_id_and_its_chinese_name_and_keeps_its_level() {
        for &d in Division::ALL {
            assert_eq!(Division::read(d.as_str()), Some(d));
            assert_eq!(Division::read(d.chinese()), Some(d));
        }
        for &k in AreaKind::ALL {
            assert_eq!(Division::read(k.as_str()).map(Division::generic), Some(k));
        }
        assert_eq!(
            Division::read("自治州").map(Division::generic),
            Some(AreaKind::City)
        );
        assert_eq!(
            Division::read("旗").map(Division::generic),
            Some(AreaKind::County)
        );
        assert_eq!(
            Division::read("苏木").map(Division::generic),
            Some(AreaKind::Township)
        );
        assert_eq!(
            Division::read("嘎查").map(Division::generic),
            Some(AreaKind::Village)
        );
        assert_eq!(Division::read("州府"), None);
    }

    #[test]
    fn a_kind_is_read_from_the_name_suffix_with_a_guess_where_it_is_ambiguous() {
        use Derived::*;
        assert_eq!(
            derive_division("伊犁哈萨克自治州", 1),
            Some(Sure(Division::AutonomousPrefecture))
        );
        assert_eq!(
            derive_division("新疆维吾尔自治区", 0),
            Some(Sure(Division::AutonomousRegion))
        );
        assert_eq!(
            derive_division("神农架林区", 1),
            Some(Sure(Division::ForestryDistrict))
        );
        assert_eq!(
            derive_division("阿勒泰地区", 1),
            Some(Sure(Division::Prefecture))
        );
        assert_eq!(
            derive_division("鄂温克族自治旗", 2),
            Some(Sure(Division::AutonomousBanner))
        );
        assert!(matches!(
            derive_division("北京市", 0),
            Some(Guess(Division::Municipality, _))
        ));
        assert!(matches!(
            derive_division("乌鲁木齐市", 1),
            Some(Guess(Division::PrefectureCity, _))
        ));
        assert!(matches!(
            derive_division("伊宁市", 2),
            Some(Guess(Division::CountyCity, _))
        ));
        assert!(matches!(
            derive_division("天山区", 2),
            Some(Guess(Division::District, _))
        ));
        assert_eq!(derive_division("无名之地", 2), None);
    }

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
