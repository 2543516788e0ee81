//! House-level addresses. Two shapes: a building chain that reaches a
//! flat (3号楼2单元501室, 3栋501, 1单元302 — a building or unit alone, like
//! 3号楼2单元, is a place, not a household, and is not flagged), and a house
//! number right after a road, lane or village group (新华路128号(院),
//! 红旗村5组12号, 五组12号). The finding covers only the house part, so the
//! suggested text keeps the road, village or community: 新华路128号 →
//! 新华路, 红旗村5组12号 → 红旗村5组; a chain with no community name before
//! it becomes 某小区. Also a flat written with dashes (3-2-501) or after a
//! lettered block (B座501室), and a bare room (501室), which become 某室.
//! Document numbers (〔2025〕12号), 5号线, 1号文件, floors (三楼会议室) and
//! counts (30户) do not match, nor do the addresses of public bodies: a
//! house number in a clause that names a 人民政府, 法院, 医院, 学校,
//! 联络站 … there, with no word of someone living there (住, 旁边, 附近 …).

use super::text::{before, char_at, digit, fold, is_cn_numeral, prev_char, rest};
use super::{Finding, Kind};

#[derive(Clone, Copy)]
struct Numeral {
    end: usize,
    arabic: bool,
    len: usize,
}

/// A run of Arabic (ASCII or full-width) or Chinese numerals at `i`.
fn numeral(text: &str, i: usize) -> Option<Numeral> {
    let first = char_at(text, i)?;
    let arabic = digit(first).is_some();
    if !arabic && !is_cn_numeral(first) {
        return None;
    }
    let mut end = i;
    let mut len = 0;
    for c in rest(text, i).chars() {
        let same = if arabic {
            digit(c).is_some()
        } else {
            is_cn_numeral(c)
        };
        if !same {
            break;
        }
        end += c.len_utf8();
        len += 1;
    }
    Some(Numeral { end, arabic, len })
}

fn starts_any(text: &str, i: usize, words: &[&'static str]) -> Option<&'static str> {
    let tail = rest(text, i);
    words.iter().copied().find(|w| tail.starts_with(w))
}

/// Skips one dash or `-` between parts (3号楼-2单元).
fn skip_dash(text: &str, i: usize) -> usize {
    match char_at(text, i) {
        Some(c) if fold(c) == '-' => i + c.len_utf8(),
        _ => i,
    }
}

/// Characters after a number that make it a count or a measure, not a room.
fn is_unit(c: char) -> bool {
    "户人名家元米平个位辆亩万千余多套间次年月日天岁%层楼级届期栋幢座公斤吨块条".contains(c)
        || digit(c).is_some()
        || fold(c).is_ascii_alphabetic()
}

/// Whether the number ending at `i` is a count (120户) rather than a room;
/// 302家中 is a home, 302家商户 a count.
fn is_count(text: &str, i: usize) -> bool {
    let tail = rest(text, i);
    if tail.starts_with("家") {
        return !["家中", "家里", "家门", "家的", "家人"]
            .iter()
            .any(|w| tail.starts_with(w));
    }
    tail.chars().next().is_some_and(is_unit)
}

const BUILDINGS: &[&str] = &["号楼", "栋", "幢", "座"];

/// Endings of a community or compound name: before them a chain is cut to
/// nothing (幸福小区3号楼… → 幸福小区); elsewhere it becomes 某小区.
fn ends_with_community(text: &str, i: usize) -> bool {
    prev_char(text, i)
        .is_some_and(|(_, c)| "区园苑院村厦寓城府庭湾里庄居舍坊邸阁轩墅郡岸组屯号".contains(c))
}

/// 3号楼2单元501室, 3栋501, 1单元302, 5幢1202室, B座501室.
fn building_chain(text: &str, i: usize) -> Option<(usize, usize)> {
    let mut p = match char_at(text, i) {
        Some(c) if fold(c).is_ascii_uppercase() => i + c.len_utf8(),
        _ => numeral(text, i)?.end,
    };
    if let Some(w) = starts_any(text, p, BUILDINGS) {
        p = skip_dash(text, p + w.len());
        if let Some(n2) = numeral(text, p)
            && let Some(w) = starts_any(text, n2.end, &["单元"])
        {
            p = skip_dash(text, n2.end + w.len());
        }
    } else if let Some(w) = starts_any(text, p, &["单元"]) {
        p = skip_dash(text, p + w.len());
    } else {
        return None;
    }
    let room = numeral(text, p)?;
    let after = char_at(text, room.end);
    let end = match after {
        Some(c @ ('室' | '号')) if room.len <= 4 && !rest(text, room.end).starts_with("号楼") => {
            room.end + c.len_utf8()
        }
        _ if room.arabic && (3..=4).contains(&room.len) && !is_count(text, room.end) => room.end,
        _ => return None,
    };
    Some((i, end))
}

/// 3-2-501(室): building, unit and flat joined by dashes. Without 室 or 号
/// after it, only in a clause that says someone lives there.
fn dashed_flat(text: &str, i: usize) -> Option<(usize, usize)> {
    let building = numeral(text, i)?;
    if !building.arabic || building.len > 2 {
        return None;
    }
    let mut p = building.end;
    let mut parts = 1;
    let room = loop {
        let dash = char_at(text, p).filter(|c| fold(*c) == '-')?;
        let n = numeral(text, p + dash.len_utf8())?;
        parts += 1;
        if !n.arabic {
            return None;
        }
        if n.len <= 2 && parts < 3 {
            p = n.end;
            continue;
        }
        break n;
    };
    if parts != 3 || !(3..=4).contains(&room.len) {
        return None;
    }
    let next = char_at(text, room.end);
    if next.is_some_and(|c| digit(c).is_some() || fold(c) == '-' || fold(c).is_ascii_alphanumeric())
    {
        return None;
    }
    if let Some(c @ ('室' | '号')) = next {
        return Some((i, room.end + c.len_utf8()));
    }
    if prev_char(text, i).is_some_and(|(_, c)| c == '第') || is_count(text, room.end) {
        return None;
    }
    let clause = clause_before(text, i, 12);
    ["住", "家", "户", "小区", "院", "苑", "园", "楼"]
        .iter()
        .any(|w| clause.contains(w))
        .then_some((i, room.end))
}

/// 501室: a room number alone.
fn bare_room(text: &str, i: usize) -> Option<(usize, usize)> {
    let n = numeral(text, i)?;
    if !n.arabic || !(3..=4).contains(&n.len) || !rest(text, n.end).starts_with('室') {
        return None;
    }
    if prev_char(text, i).is_some_and(|(_, c)| fold(c).is_ascii_alphanumeric() || fold(c) == '-') {
        return None;
    }
    Some((i, n.end + '室'.len_utf8()))
}

/// The up to `n` characters before `i` in the same clause.
fn clause_before(text: &str, i: usize, n: usize) -> &str {
    let w = before(text, i, n);
    match w.rfind(['。', '；', ';', '！', '？', '\n']) {
        Some(k) => &w[k + w[k..].chars().next().map_or(0, char::len_utf8)..],
        None => w,
    }
}

/// Bodies whose address is public: an address in a clause naming one is theirs.
const PUBLIC_BODIES: &[&str] = &[
    "政府",
    "人大",
    "常委会",
    "政协",
    "法院",
    "检察院",
    "公安",
    "派出所",
    "医院",
    "卫生院",
    "卫生服务",
    "学校",
    "小学",
    "中学",
    "大学",
    "学院",
    "幼儿园",
    "联络站",
    "代表之家",
    "代表工作室",
    "代表家站",
    "服务中心",
    "服务站",
    "办事处",
    "街道办",
    "居委会",
    "村委会",
    "委员会",
    "大楼",
    "办公楼",
    "会堂",
    "礼堂",
    "图书馆",
    "博物馆",
    "文化馆",
    "体育馆",
    "纪念馆",
    "广场",
    "机关",
    "局",
    "政务",
    "党群",
    "邮局",
    "营业厅",
    "银行",
    "车站",
    "公园",
];

/// Words that put a resident at the address, whatever public body is named.
const RESIDENT_MARKS: &[&str] = &[
    "住", "旁边", "附近", "对面", "隔壁", "后面", "家中", "家里", "他家", "她家", "其家", "户主",
];

/// Whether the address at `start..end` is a public body's.
fn public_place(text: &str, start: usize, end: usize) -> bool {
    let lead = clause_before(text, start, 24);
    if RESIDENT_MARKS.iter().any(|w| lead.contains(w)) {
        return false;
    }
    let tail = rest(text, end);
    let tail = tail
        .char_indices()
        .nth(10)
        .map_or(tail, |(k, _)| &tail[..k]);
    let tail = tail
        .find(['。', '；', ';', '，', ',', '\n'])
        .map_or(tail, |k| &tail[..k]);
    if RESIDENT_MARKS.iter().any(|w| tail.contains(w)) {
        return false;
    }
    PUBLIC_BODIES
        .iter()
        .any(|w| lead.contains(w) || tail.contains(w))
}

/// Words ending in a road character that are not road names.
const NOT_ROADS: &str = "线路 道路 思路 出路 电路 网路 套路 进路 回路 水路 去路 来路 后路 \
心路 马路 铁路 上路 半路 岔路 迷路 让路 带路 修路 走路 开路 引路 \
问路 领路 退路 上街 逛街 沿街 临街 当街 满街 农村 乡村 进村 入村 \
全村 本村 该村 邻村 各村 每村 驻村 包村 各组 每组 该组 本组 全组 \
分组 编组 机组 班组 安排 彩排 编排 并排 前排 后排 每排";

/// Whether what follows `号` makes it something else than a house number
/// (12号文件, 5号线, 3号门 — but 36号门口 is a house).
fn not_house_after(text: &str, i: usize) -> bool {
    let tail = rest(text, i);
    if tail.starts_with("门口") || tail.starts_with("门前") {
        return false;
    }
    tail.starts_with(|c| {
        "文令线门口机车站台窗柜床位码井坑泵桥闸渠箱杆灯球地段件字厅馆仓库池塘场展会通".contains(c)
    })
}

/// 新华路128号, 解放东路56号院, 人民路东段17号, 红旗村5组12号, 五组12号, 胡同3号.
fn house_number(text: &str, i: usize) -> Option<(usize, usize)> {
    let (_, anchor) = prev_char(text, i)?;
    if !"路街巷弄村组排屯同道段".contains(anchor) {
        return None;
    }
    let two = before(text, i, 2);
    let ok = match anchor {
        '路' | '街' | '巷' | '弄' | '村' | '组' | '排' | '屯' => {
            !NOT_ROADS.split_whitespace().any(|w| w == two)
        }
        '同' => two == "胡同",
        '道' => two == "大道",
        // 人民路东段17号
        '段' => ["东段", "西段", "南段", "北段", "中段"].contains(&two),
        _ => false,
    };
    if !ok {
        return None;
    }
    let n = numeral(text, i)?;
    if (n.arabic && n.len > 5) || (!n.arabic && n.len > 6) {
        return None;
    }
    let mut p = n.end;
    p += starts_any(text, p, &["号"])?.len();
    if not_house_after(text, p) {
        return None;
    }
    if let Some(w) = starts_any(text, p, &["院", "楼"]) {
        p += w.len();
    }
    // 128号附3号, 12号之1, 12号-3
    if let Some(w) = starts_any(text, p, &["附", "之", "-", "－"])
        && let Some(m) = numeral(text, p + w.len())
    {
        p = m.end;
        if let Some(h) = starts_any(text, p, &["号"]) {
            p += h.len();
        }
    }
    Some((i, p))
}

/// The address that starts at `i`, with its replacement.
fn address_at(text: &str, i: usize) -> Option<(usize, usize, &'static str)> {
    if let Some((start, end)) = building_chain(text, i) {
        let replacement = if ends_with_community(text, start) {
            ""
        } else {
            "某小区"
        };
        return Some((start, end, replacement));
    }
    if let Some((start, end)) = house_number(text, i) {
        return Some((start, end, ""));
    }
    // Both shapes start with an Arabic digit.
    char_at(text, i).and_then(digit)?;
    dashed_flat(text, i)
        .or_else(|| bare_room(text, i))
        .map(|(start, end)| (start, end, "某室"))
}

/// Appends the house-level addresses in `text` to `out`.
pub(crate) fn scan(text: &str, out: &mut Vec<Finding>) {
    let mut i = 0;
    let mut prev_numeral = false;
    while let Some(c) = char_at(text, i) {
        let is_num = digit(c).is_some() || is_cn_numeral(c);
        let letter = fold(c).is_ascii_uppercase();
        if (is_num || letter)
            && !prev_numeral
            && let Some((start, end, replacement)) = address_at(text, i)
        {
            if !public_place(text, start, end) {
                out.push(Finding {
                    kind: Kind::Address,
                    start,
                    end,
                    replacement: replacement.to_string(),
                });
            }
            i = end;
            prev_numeral = false;
            continue;
        }
        prev_numeral = is_num || fold(c).is_ascii_alphanumeric();
        i += c.len_utf8();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<(String, String)> {
        let mut out = Vec::new();
        scan(text, &mut out);
        out.into_iter()
            .map(|f| (text[f.start..f.end].to_string(), f.replacement))
            .collect()
    }

    #[test]
    fn chains() {
        assert_eq!(
            found("家住3号楼2单元501室"),
            vec![("3号楼2单元501室".into(), "某小区".into())]
        );
        assert_eq!(
            found("幸福小区3栋501的住户"),
            vec![("3栋501".into(), String::new())]
        );
        assert_eq!(
            found("1单元302家中"),
            vec![("1单元302".into(), "某小区".into())]
        );
        assert_eq!(
            found("三号楼二单元501室"),
            vec![("三号楼二单元501室".into(), "某小区".into())]
        );
        assert_eq!(
            found("５栋１２０２室"),
            vec![("５栋１２０２室".into(), "某小区".into())]
        );
    }

    #[test]
    fn house_numbers() {
        assert_eq!(
            found("住新华路128号"),
            vec![("128号".into(), String::new())]
        );
        assert_eq!(
            found("新华路128号院门口"),
            vec![("128号院".into(), String::new())]
        );
        assert_eq!(found("红旗村5组12号"), vec![("12号".into(), String::new())]);
        assert_eq!(found("五组12号"), vec![("12号".into(), String::new())]);
        assert_eq!(
            found("建设一路12号附3号"),
            vec![("12号附3号".into(), String::new())]
        );
    }

    #[test]
    fn dashed_lettered_and_bare_rooms() {
        assert_eq!(
            found("家住3-2-501"),
            vec![("3-2-501".into(), "某室".into())]
        );
        assert_eq!(
            found("3-2-501室漏水"),
            vec![("3-2-501室".into(), "某室".into())]
        );
        assert_eq!(
            found("住B座501室"),
            vec![("B座501室".into(), "某小区".into())]
        );
        assert_eq!(found("501室的住户"), vec![("501室".into(), "某室".into())]);
        assert!(found("比分3-2-1").is_empty());
        assert!(found("第1-2-3批").is_empty());
        assert!(found("2025-03-501").is_empty());
    }

    #[test]
    fn public_bodies_addresses_pass() {
        for t in [
            "北京市西城区西长安街1号的市人民政府",
            "联络站设在沿江西路151号",
            "县人民法院位于解放路12号",
            "会议在区政府办公楼301室举行",
            "请到新华路8号社区党群服务中心办理",
        ] {
            assert!(found(t).is_empty(), "{t}: {:?}", found(t));
        }
        assert_eq!(found("家住人民医院旁边的新华路12号").len(), 1);
    }

    #[test]
    fn near_misses() {
        for t in [
            "3号楼2单元楼道灯不亮",
            "示政发〔2025〕12号",
            "地铁5号线",
            "1号文件",
            "三楼会议室",
            "308会议室",
            "政府一楼东侧",
            "1单元30户",
            "3栋120户居民",
            "新华路3号门",
            "第3次会议",
            "新华路",
            "道路12号",
            "G310国道",
            "第一号",
        ] {
            assert!(found(t).is_empty(), "{t}: {:?}", found(t));
        }
    }
}
