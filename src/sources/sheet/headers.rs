//! The column headers a spreadsheet may use, per kind of content, and how a cell of each
//! column is read.
//!
//! Offices name their columns in Chinese, each in their own way (`工作单位及职务`, `职务`),
//! so every field accepts the usual variants and its English field name; headers are
//! compared after folding full-width letters and brackets, dropping spaces and line breaks,
//! and ignoring case. `序号` (the row number every register has) and a few columns that
//! are known but not published (`备注`) are ignored silently; any other header is unknown and
//! the sheet's one warning lists them, so a typo is noticed. The table is documented in
//! `docs/content-format.md` ("Spreadsheets").

/// What a sheet holds: the folder its workbook is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Deputy,
    Station,
    Activity,
    Suggestion,
    /// A sheet of `areas.xlsx`: the divisions.
    Area,
    /// A sheet of `areas.xlsx`: the constituencies (选区).
    Constituency,
    /// A sheet of `areas.xlsx`: electing units that are not places.
    Unit,
}

/// How a cell of a column is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Value {
    /// Published text: trimmed, non-breaking spaces made plain.
    Text,
    /// An id, a word of a vocabulary, a yes/no: full-width letters and digits folded too.
    Word,
    /// A list of ids or names, separated by `、` `，` `；` `,` `;` or line breaks.
    List,
    /// A date: a date cell, a serial number or text (2025-03-07, 2025/3/7, 2025.3.7, 2025年3月7日).
    Date,
    /// A year and month (出生年月): 1973-05, 1973.5, 1973年5月 or a date cell.
    Month,
    /// A telephone number: digits kept as typed, a lost leading zero of an area code noticed.
    Phone,
    /// A whole number.
    Count,
}

/// One accepted column: the field it fills and the headers that name it.
#[derive(Debug)]
pub(crate) struct Column {
    pub key: &'static str,
    pub names: &'static [&'static str],
    pub value: Value,
}

const fn col(key: &'static str, value: Value, names: &'static [&'static str]) -> Column {
    Column { key, names, value }
}

use Value::*;

pub(crate) const DEPUTY: &[Column] = &[
    col("id", Word, &["id", "编号", "代表编号", "ID号"]),
    col("name", Text, &["name", "姓名", "代表姓名", "名字"]),
    col(
        "level",
        Word,
        &["level", "代表层级", "层级", "级别", "代表级别", "代表类别"],
    ),
    col(
        "constituency",
        Text,
        &[
            "constituency",
            "seat",
            "选区",
            "原选区",
            "选举单位",
            "选区（选举单位）",
        ],
    ),
    col(
        "elected_by",
        Text,
        &["elected_by", "选举产生单位", "由何单位选出"],
    ),
    col("term", Text, &["term", "届次", "届别"]),
    col("gender", Word, &["gender", "性别"]),
    col("ethnicity", Text, &["ethnicity", "民族"]),
    col(
        "birth",
        Month,
        &["birth", "出生年月", "出生日期", "出生年月日"],
    ),
    col("party", Text, &["party", "政治面貌", "党派"]),
    col(
        "occupation",
        Text,
        &[
            "occupation",
            "工作单位及职务",
            "工作单位和职务",
            "单位及职务",
            "职务",
            "工作单位",
            "现任职务",
        ],
    ),
    col(
        "group",
        Text,
        &["group", "代表小组", "联系组", "所在代表小组", "代表团"],
    ),
    col(
        "stations",
        List,
        &["stations", "联络站", "所在联络站", "进站", "进驻联络站"],
    ),
    col("area_code", Phone, &["area_code", "区号"]),
    col(
        "phone",
        Phone,
        &["phone", "联系电话（公开）", "公开电话", "办公电话"],
    ),
    col("email", Word, &["email", "电子邮箱", "邮箱", "电子邮件"]),
    col("mobile", Phone, &["mobile"]),
    col("fax", Phone, &["fax", "传真"]),
    col("wechat", Word, &["wechat", "微信公众号"]),
    col("website", Word, &["website", "网站", "个人网页"]),
    col("mailbox", Text, &["mailbox", "代表信箱"]),
    col("photo", Word, &["photo", "照片"]),
    col("status", Word, &["status", "状态", "代表状态"]),
    col("ended", Date, &["ended", "终止日期", "资格终止日期"]),
    col("reason", Text, &["reason", "ended_reason", "终止原因"]),
    col("pinyin", Word, &["pinyin", "拼音"]),
    col(
        "name_native",
        Text,
        &[
            "name_native",
            "民族文字姓名",
            "本民族文字姓名",
            "少数民族文字姓名",
            "民族文字",
        ],
    ),
    col(
        "intro",
        Text,
        &["body", "简介", "个人简介", "代表简介", "简历"],
    ),
    col("pledge", Text, &["pledge", "履职承诺", "承诺"]),
];

pub(crate) const STATION: &[Column] = &[
    col("id", Word, &["id", "编号", "站点编号"]),
    col(
        "name",
        Text,
        &["name", "名称", "联络站名称", "站点名称", "联络站"],
    ),
    col("kind", Word, &["kind", "类型", "站点类型"]),
    col(
        "area",
        Text,
        &[
            "area",
            "所在地",
            "所在乡镇",
            "所属区域",
            "区域",
            "乡镇（街道）",
        ],
    ),
    col(
        "serves",
        List,
        &["serves", "服务范围", "覆盖村（社区）", "联系村（社区）"],
    ),
    col("address", Text, &["address", "地址", "详细地址"]),
    col("phone", Phone, &["phone", "电话", "联系电话", "咨询电话"]),
    col("area_code", Phone, &["area_code", "区号"]),
    col(
        "receptions",
        Text,
        &["receptions", "接待安排", "接待时间", "活动时间"],
    ),
    col("on_duty", List, &["deputies", "接待代表", "值班代表"]),
    col("pinyin", Word, &["pinyin", "拼音"]),
    col("intro", Text, &["body", "简介", "介绍", "站点介绍"]),
];

pub(crate) const ACTIVITY: &[Column] = &[
    col("id", Word, &["id", "编号", "活动编号"]),
    col(
        "title",
        Text,
        &["title", "标题", "活动名称", "活动主题", "主题"],
    ),
    col(
        "date",
        Date,
        &["date", "日期", "活动日期", "时间", "活动时间"],
    ),
    col("kind", Word, &["kind", "类型", "活动类型", "活动形式"]),
    col(
        "deputies",
        List,
        &["deputies", "参加代表", "参与代表", "代表"],
    ),
    col("station", Text, &["station", "联络站", "地点"]),
    col("area", Text, &["area", "区域", "所在地"]),
    col(
        "received",
        Count,
        &["received", "接待人数", "接待群众（人次）", "接待群众人次"],
    ),
    col(
        "suggestions",
        List,
        &["suggestions", "相关建议", "建议编号"],
    ),
    col(
        "privacy_reviewed",
        Word,
        &["privacy_reviewed", "隐私已审核"],
    ),
    col("privacy_reason", Text, &["privacy_reason", "审核说明"]),
    col(
        "intro",
        Text,
        &["body", "内容", "活动内容", "活动情况", "报告"],
    ),
];

pub(crate) const SUGGESTION: &[Column] = &[
    col("id", Word, &["id", "编号", "建议编号", "登记编号"]),
    col(
        "received",
        Date,
        &["received", "收到日期", "受理日期", "登记日期", "日期"],
    ),
    col(
        "channel",
        Word,
        &["channel", "渠道", "来源", "反映渠道", "收集方式"],
    ),
    col(
        "deputies",
        List,
        &["deputies", "代表", "提出代表", "领衔代表", "联系代表"],
    ),
    col("station", Text, &["station", "联络站"]),
    col("area", Text, &["area", "区域", "所在地", "村（社区）"]),
    col("category", Text, &["category", "类别", "分类"]),
    col(
        "summary",
        Text,
        &[
            "summary",
            "内容",
            "主要内容",
            "问题摘要",
            "群众反映",
            "反映问题",
            "摘要",
        ],
    ),
    col("handler", Text, &["handler", "承办单位", "交办单位"]),
    col("transferred", Date, &["transferred", "交办日期"]),
    col("replied", Date, &["replied", "答复日期"]),
    col("outcome", Word, &["outcome", "办理结果", "结果"]),
    col("reply", Text, &["reply", "答复内容", "答复"]),
    col(
        "satisfaction",
        Word,
        &["satisfaction", "满意度", "代表满意度"],
    ),
    col("priority", Word, &["priority", "重点", "重点建议"]),
    col("extended", Word, &["extended", "延期"]),
    col(
        "privacy_reviewed",
        Word,
        &["privacy_reviewed", "隐私已审核"],
    ),
    col("privacy_reason", Text, &["privacy_reason", "审核说明"]),
];

pub(crate) const AREA: &[Column] = &[
    col("id", Word, &["id", "编号", "区划编号", "地区编号"]),
    col(
        "name",
        Text,
        &[
            "name",
            "名称",
            "区划名称",
            "行政区划名称",
            "地名",
            "行政区划",
        ],
    ),
    col(
        "kind",
        Word,
        &["kind", "类型", "区划类型", "类别", "级别", "层级"],
    ),
    col(
        "parent",
        Text,
        &[
            "parent",
            "上级",
            "上级区划",
            "所属",
            "隶属",
            "所属区划",
            "上级编号",
            "所属乡镇",
            "所属乡镇（街道）",
        ],
    ),
    col(
        "code",
        Word,
        &[
            "code",
            "区划代码",
            "行政区划代码",
            "统计用区划代码",
            "代码",
            "区划编码",
        ],
    ),
    col("pinyin", Word, &["pinyin", "拼音"]),
];

pub(crate) const CONSTITUENCY: &[Column] = &[
    col("id", Word, &["id", "编号", "选区编号"]),
    col("name", Text, &["name", "名称", "选区", "选区名称"]),
    col(
        "level",
        Word,
        &["level", "层级", "级别", "选区层级", "代表层级", "选区级别"],
    ),
    col(
        "covers",
        List,
        &[
            "covers",
            "覆盖范围",
            "选区范围",
            "范围",
            "包含村（社区）",
            "覆盖村（社区）",
            "所辖村（社区）",
            "包含区域",
        ],
    ),
];

pub(crate) const UNIT: &[Column] = &[
    col("id", Word, &["id", "编号", "单位编号"]),
    col(
        "name",
        Text,
        &["name", "名称", "单位名称", "选举单位", "选举单位名称"],
    ),
    col("pinyin", Word, &["pinyin", "拼音"]),
];

/// Headers known but not read: the row number, notes, and the columns of lianluo's own
/// downloads (`data/deputies.xlsx` …) that are worked out from the others, so what an
/// office exported can be put back without a warning. Read past without a warning.
const QUIET: &[&str] = &[
    "序号",
    "编码序号",
    "no",
    "no.",
    "备注",
    "note",
    "notes",
    "role",
    "congress",
    "seat_kind",
    "seat_name",
    "covers",
    "other",
    "lat",
    "lon",
    "accessibility",
    "url",
    "calendar",
    "area_name",
    "deputy_names",
    "station_name",
    "status",
    "deadline",
    "overdue",
    "replied_late",
    "days_to_reply",
    "parent_name",
    "ancestors",
    "constituencies",
    "stations",
];

/// The columns of a kind of content.
pub(crate) fn columns(kind: Kind) -> &'static [Column] {
    match kind {
        Kind::Deputy => DEPUTY,
        Kind::Station => STATION,
        Kind::Activity => ACTIVITY,
        Kind::Suggestion => SUGGESTION,
        Kind::Area => AREA,
        Kind::Constituency => CONSTITUENCY,
        Kind::Unit => UNIT,
    }
}

/// Two headers of a kind's sheet, for the warning about a sheet that has neither.
pub(crate) fn example(kind: Kind) -> &'static str {
    match kind {
        Kind::Deputy => "姓名 and 代表层级",
        Kind::Station => "名称 and 所在地",
        Kind::Activity => "日期 and 活动名称",
        Kind::Suggestion => "编号 and 群众反映",
        Kind::Area => "名称 and 上级",
        Kind::Constituency => "选区名称 and 覆盖范围",
        Kind::Unit => "编号 and 单位名称",
    }
}

/// What a sheet of `areas.xlsx` holds, when its name says: 选区 (constituencies) or 选举单位
/// (electing units); areas otherwise.
pub(crate) fn kind_of_sheet(name: &str) -> Option<Kind> {
    let n = normal(name);
    if n.contains("选区") || n.contains("constituenc") {
        Some(Kind::Constituency)
    } else if n.contains("单位") || n.contains("unit") {
        Some(Kind::Unit)
    } else if n.contains("区划") || n.contains("areas") {
        Some(Kind::Area)
    } else {
        None
    }
}

/// A header as compared: full-width folded, no spaces or line breaks, lowercase; `(` and
/// `)` for `（` and `）`.
pub(crate) fn normal(header: &str) -> String {
    fold_width(header)
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '*')
        .flat_map(char::to_lowercase)
        .collect()
}

/// What a header cell names.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Header {
    Field(&'static Column),
    Quiet,
    Unknown,
    Empty,
}

/// What the header text `h` names among the columns of `kind`.
pub(crate) fn header(kind: Kind, h: &str) -> Header {
    let n = normal(h);
    if n.is_empty() {
        return Header::Empty;
    }
    for c in columns(kind) {
        if c.names.iter().any(|name| normal(name) == n) {
            return Header::Field(c);
        }
    }
    if QUIET.iter().any(|q| normal(q) == n) {
        Header::Quiet
    } else {
        Header::Unknown
    }
}

/// Full-width ASCII (`１３８`, `ＡＢ`, `（`) as half-width, the ideographic space as a space.
pub(crate) fn fold_width(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '\u{3000}' => ' ',
            _ => c,
        })
        .collect()
}

/// The Chinese words of a level (and the English ones).
pub(crate) fn level(s: &str) -> Option<crate::vocab::Level> {
    use crate::vocab::Level::*;
    let s = s.trim_end_matches("人大代表").trim_end_matches("代表");
    Some(match s {
        "全国" | "全国人大" | "national" => National,
        "省" | "省级" | "省人大" | "自治区" | "直辖市" | "provincial" => Provincial,
        "市" | "市级" | "地级市" | "州" | "市人大" | "city" => City,
        "县" | "县级" | "区" | "县（区）" | "县(区)" | "县区" | "旗" | "县人大" | "county" => {
            County
        }
        "乡" | "镇" | "乡镇" | "乡级" | "街道" | "乡（镇）" | "乡(镇)" | "乡镇人大"
        | "township" => Township,
        _ => return None,
    })
}

/// The level a sheet's name implies (`县代表`, `乡镇人大代表`), for a roster without a
/// level column.
pub(crate) fn level_of_sheet(name: &str) -> Option<crate::vocab::Level> {
    use crate::vocab::Level::*;
    let n = name.trim();
    [
        ("全国", National),
        ("省", Provincial),
        ("乡", Township),
        ("镇", Township),
        ("县", County),
        ("区", County),
        ("市", City),
    ]
    .into_iter()
    .find(|(w, _)| n.contains(w))
    .map(|(_, l)| l)
}

pub(crate) fn gender(s: &str) -> Option<crate::vocab::Gender> {
    use crate::vocab::Gender::*;
    match s {
        "男" | "male" | "m" => Some(Male),
        "女" | "female" | "f" => Some(Female),
        _ => None,
    }
}

pub(crate) fn status(s: &str) -> Option<crate::vocab::DeputyStatus> {
    use crate::vocab::DeputyStatus::*;
    match s {
        "在任" | "现任" | "active" => Some(Active),
        "终止" | "已终止" | "资格终止" | "离任" | "ended" => Some(Ended),
        _ => None,
    }
}

pub(crate) fn station_kind(s: &str) -> Option<crate::vocab::StationKind> {
    use crate::vocab::StationKind::*;
    match s {
        "station" | "联络站" | "代表联络站" | "人大代表联络站" => Some(Station),
        "home" | "代表之家" | "人大代表之家" | "家" => Some(Home),
        "studio" | "工作室" | "代表工作室" | "人大代表工作室" => Some(Studio),
        _ => None,
    }
}

pub(crate) fn activity_kind(s: &str) -> Option<crate::vocab::ActivityKind> {
    use crate::vocab::ActivityKind::*;
    crate::vocab::ActivityKind::parse(s).or(match s {
        "视察" | "集中视察" => Some(Inspection),
        "调研" | "专题调研" => Some(Research),
        "接待" | "接待选民" | "接待群众" | "进站接待" => Some(Reception),
        "述职" | "履职报告" | "向选民述职" => Some(ReportBack),
        "小组活动" | "代表小组活动" => Some(GroupMeeting),
        "培训" | "学习培训" | "学习" => Some(Training),
        "座谈" | "座谈会" | "论坛" => Some(Forum),
        "其他" => Some(Other),
        _ => None,
    })
}

pub(crate) fn channel(s: &str) -> Option<crate::vocab::Channel> {
    use crate::vocab::Channel::*;
    crate::vocab::Channel::parse(s).or(match s {
        "接待" | "进站接待" | "接待选民" => Some(Reception),
        "走访" | "走访选民" => Some(Visit),
        "热线" | "电话" | "热线电话" => Some(Hotline),
        "网络" | "网上" | "网站" | "微信" => Some(Online),
        "来信" | "信件" => Some(Letter),
        "会议" | "大会" | "人代会" => Some(Session),
        _ => None,
    })
}

pub(crate) fn satisfaction(s: &str) -> Option<crate::vocab::Satisfaction> {
    use crate::vocab::Satisfaction::*;
    crate::vocab::Satisfaction::parse(s).or(match s {
        "满意" => Some(Satisfied),
        "基本满意" => Some(BasicallySatisfied),
        "不满意" => Some(Dissatisfied),
        _ => None,
    })
}

/// A yes or no: `是` `否`, `true` `false`, `yes` `no`, `1` `0`, `√`.
pub(crate) fn flag(s: &str) -> Option<bool> {
    match s.to_lowercase().as_str() {
        "true" | "yes" | "1" | "是" | "√" | "y" => Some(true),
        "false" | "no" | "0" | "否" | "n" | "×" => Some(false),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_are_matched_with_their_variants() {
        assert!(matches!(header(Kind::Deputy, " 姓 名 "), Header::Field(c) if c.key == "name"));
        assert!(
            matches!(header(Kind::Deputy, "联系电话(公开)"), Header::Field(c) if c.key == "phone")
        );
        assert!(
            matches!(header(Kind::Deputy, "联系电话（公开）"), Header::Field(c) if c.key == "phone")
        );
        assert!(matches!(header(Kind::Deputy, "ＩＤ"), Header::Field(c) if c.key == "id"));
        assert!(matches!(header(Kind::Deputy, "序号"), Header::Quiet));
        assert!(matches!(header(Kind::Deputy, "姓命"), Header::Unknown));
        assert!(matches!(header(Kind::Deputy, ""), Header::Empty));
    }

    #[test]
    fn no_header_names_two_columns_of_a_kind() {
        for kind in [
            Kind::Deputy,
            Kind::Station,
            Kind::Activity,
            Kind::Suggestion,
            Kind::Area,
            Kind::Constituency,
            Kind::Unit,
        ] {
            let mut seen = std::collections::HashSet::new();
            for c in columns(kind) {
                for n in c.names {
                    assert!(seen.insert(normal(n)), "{kind:?}: `{n}` twice");
                }
            }
        }
    }

    #[test]
    fn words_of_the_offices() {
        use crate::vocab::Level;
        assert_eq!(level("县"), Some(Level::County));
        assert_eq!(level("乡镇人大代表"), Some(Level::Township));
        assert_eq!(level_of_sheet("县代表"), Some(Level::County));
        assert_eq!(fold_width("１３８（Ａ）"), "138(A)");
    }
}
