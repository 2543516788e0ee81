//! Digit-based personal data: mobiles, landlines, resident ID numbers and
//! bank cards. The text is cut into runs of digit groups joined by phone
//! punctuation (spaces, a dash, `(029)`, `+86`, `转` before an extension)
//! or by a disguise (`.`, `/`, `--`, a tab, a line break); full-width forms
//! fold to ASCII, dates are never read as numbers. Each run is read left to right; at each
//! group the longest reading that makes sense wins (an 18-digit ID over a
//! 16-digit card). A digit group is never split, so a mobile inside a longer
//! digit run is not a mobile. Quantities (…元, …人), decimals, service
//! numbers (400/800) and published numbers in [`Allow`] are left alone.

use super::allow::Allow;
use super::checksum::{area_code_len, id15_valid, id18_plausible, id18_valid, luhn_valid};
use super::digits::{Group, MAX_GROUP_DIGITS, Sep, for_each_run};
use super::mask;
use super::text::{before, digit, fold, prev_char, rest};
use super::{Finding, Kind};

const PHONE_CONTEXT: &str = "电话 座机 固话 手机 联系方式 宅电 tel Tel TEL 致电 拨打";
const BANK_CONTEXT: &str = "银行卡 卡号 账号 帐号 账户 帐户 存折 银行 社保卡 工资卡 信用卡 储蓄卡 借记卡 折号 开户 一卡通 惠农卡 补贴卡";
const ID_CONTEXT: &str = "身份证 证件号 身份号码 公民身份 证号 身份证号";
const HOTLINE_CONTEXT: &str = "热线 服务电话 监督电话 投诉电话 举报电话 客服";

/// Whether one of the space-separated `words` occurs in the `n` characters before `start`.
fn context(text: &str, start: usize, n: usize, words: &str) -> bool {
    let w = before(text, start, n);
    words.split_whitespace().any(|k| w.contains(k))
}

/// Characters right after a number that make it a quantity or an ordinal.
fn is_quantity_after(c: char) -> bool {
    "元万亿人户名个次件台辆吨米亩斤克岁天年月日%％倍份套株头只册本篇条项期届千百".contains(c)
}

#[derive(Clone, Copy)]
struct Hit {
    kind: Option<Kind>,
    /// Last group of the match.
    last: usize,
    start: usize,
    end: usize,
}

/// Reading of groups `i..=j` joined: `digits` holds their digits.
fn classify(
    text: &str,
    groups: &[Group],
    i: usize,
    j: usize,
    digits: &[u8],
    allow: &Allow,
) -> Option<Option<Kind>> {
    let gi = &groups[i];
    let gj = &groups[j];
    let n = digits.len();
    let first_len = gi.len;
    let all_ge3 = groups[i..=j].iter().all(|g| g.len >= 3);
    // Spelled out one or two digits at a time: `1 3 8 1 2 3 4 5 6 7 8`, `13 81 23 45 67 8`.
    let spelled = j > i + 4 && groups[i..=j].iter().all(|g| g.len <= 2);
    // Service numbers: 400-xxx-xxxx, 800-xxx-xxxx.
    if n == 10 && (digits.starts_with(b"400") || digits.starts_with(b"800")) {
        return Some(None);
    }
    // A mobile with a country prefix: +86 138…, 0086 138…, 86-138…, (+86)138…
    let prefixed = |p: &[u8]| {
        n == p.len() + 11
            && digits.starts_with(p)
            && digits[p.len()] == b'1'
            && (b'3'..=b'9').contains(&digits[p.len() + 1])
    };
    if (prefixed(b"86") && (gi.plus || first_len == 2 || first_len == 13))
        || (prefixed(b"0086") && (first_len == 4 || first_len == 15))
    {
        let national = std::str::from_utf8(&digits[n - 11..]).unwrap_or("");
        return Some((!allow.has_number(national)).then_some(Kind::Mobile));
    }
    // Mobile: 11 digits 1[3-9]…, grouped 3-4-4, 3-8, 11 …
    if n == 11 && digits[0] == b'1' && (b'3'..=b'9').contains(&digits[1]) && (all_ge3 || spelled) {
        let s = std::str::from_utf8(digits).unwrap_or("");
        return Some((!allow.has_number(s)).then_some(Kind::Mobile));
    }
    // Resident ID numbers. The context is only looked at for long numbers.
    let long = n >= 15;
    let bank_ctx = long && context(text, gi.lead, 12, BANK_CONTEXT);
    let id_ctx = long && context(text, gi.lead, 12, ID_CONTEXT);
    if n == 17 && gj.has_x() {
        let mut id = [0u8; 18];
        id[..17].copy_from_slice(digits);
        id[17] = b'X';
        if id18_valid(&id) || (id_ctx && id18_plausible(&id)) {
            return Some(Some(Kind::IdNumber));
        }
    }
    if n == 18 && !gj.has_x() {
        if id18_valid(digits) && !bank_ctx {
            return Some(Some(Kind::IdNumber));
        }
        if id_ctx && id18_plausible(digits) {
            return Some(Some(Kind::IdNumber));
        }
    }
    if n == 15 && id15_valid(digits) && !bank_ctx {
        return Some(Some(Kind::IdNumber));
    }
    // Bank cards: 16–19 digits, Luhn and a card-like first digit, or the context says so.
    if (16..=19).contains(&n)
        && !gj.has_x()
        && (bank_ctx || (luhn_valid(digits) && (b'3'..=b'6').contains(&digits[0])))
    {
        return Some(Some(Kind::BankCard));
    }
    // Landline with an area code.
    if let Some(hit) = landline(text, groups, i, j, digits, allow) {
        return Some(hit);
    }
    None
}

/// A landline reading of groups `i..=j`.
fn landline(
    text: &str,
    groups: &[Group],
    i: usize,
    j: usize,
    digits: &[u8],
    allow: &Allow,
) -> Option<Option<Kind>> {
    // Without an extension first, then with the last group as one.
    (0..2).find_map(|with_ext| landline_split(text, groups, i, j, digits, allow, with_ext == 1))
}

fn landline_split(
    text: &str,
    groups: &[Group],
    i: usize,
    j: usize,
    digits: &[u8],
    allow: &Allow,
    with_ext: bool,
) -> Option<Option<Kind>> {
    let gi = &groups[i];
    let n = digits.len();
    let (body_last, ext) = if with_ext {
        let gj = &groups[j];
        if j < i + 2 || !matches!(gj.sep, Sep::Dash | Sep::Ext) || !(1..=5).contains(&gj.len) {
            return None;
        }
        (j - 1, gj.len)
    } else {
        if groups[i + 1..=j].iter().any(|g| g.sep == Sep::Ext) {
            return None;
        }
        (j, 0)
    };
    let body = &digits[..n - ext];
    let area = area_code_len(body)?;
    let split_ok = if body_last == i {
        // contiguous: 09178212345, 02988886666
        body.len() == area + 7 || body.len() == area + 8
    } else {
        gi.len == area
            && (gi.lparen || groups[i + 1].sep != Sep::Paren)
            && groups[i + 1..=body_last].iter().all(|g| {
                matches!(g.sep, Sep::Space | Sep::Dash | Sep::Joiner | Sep::Paren) && g.len >= 3
            })
    };
    let local = body.get(area..)?;
    if !split_ok || !(7..=8).contains(&local.len()) || !(b'2'..=b'9').contains(&local[0]) {
        return None;
    }
    let s = std::str::from_utf8(body).unwrap_or("");
    let whole = std::str::from_utf8(digits).unwrap_or("");
    if allow.has_number(s) || allow.has_number(whole) || context(text, gi.lead, 8, HOTLINE_CONTEXT)
    {
        return Some(None);
    }
    Some(Some(Kind::Landline))
}

/// A local number without area code, after a phone word (电话 8212345).
fn local_landline(text: &str, digits: &[u8], lead: usize, allow: &Allow) -> Option<Option<Kind>> {
    if !(7..=8).contains(&digits.len()) || !(b'2'..=b'8').contains(&digits[0]) {
        return None;
    }
    if !context(text, lead, 8, PHONE_CONTEXT) {
        return None;
    }
    let s = std::str::from_utf8(digits).unwrap_or("");
    if allow.has_local(s) || context(text, lead, 8, HOTLINE_CONTEXT) {
        return Some(None);
    }
    Some(Some(Kind::Landline))
}

/// The best reading starting at group `i`.
fn read_at(text: &str, groups: &[Group], i: usize, allow: &Allow) -> Option<Hit> {
    let gi = &groups[i];
    if gi.glued_left || gi.decimal || gi.date || gi.len > MAX_GROUP_DIGITS {
        return None;
    }
    let mut buf = [0u8; 32];
    let mut n = 0;
    let mut best: Option<Hit> = None;
    let mut ext = false;
    for j in i..groups.len() {
        let g = &groups[j];
        if j > i && (g.sep == Sep::None || ext || g.date) {
            break;
        }
        ext |= j > i && g.sep == Sep::Ext;
        if g.len > MAX_GROUP_DIGITS || n + g.len > 21 {
            break;
        }
        buf[n..n + g.len].copy_from_slice(g.digits());
        n += g.len;
        if g.decimal && j > i {
            break;
        }
        let mut reading = if ext {
            landline(text, groups, i, j, &buf[..n], allow)
        } else {
            classify(text, groups, i, j, &buf[..n], allow)
        };
        if reading.is_none() && (j == i || (j == i + 1 && g.len >= 3 && gi.len >= 3)) {
            reading = local_landline(text, &buf[..n], gi.lead, allow);
        }
        if let Some(kind) = reading {
            let end = if kind == Some(Kind::IdNumber) {
                g.x_end
            } else {
                g.end
            };
            if !g.glued_right || end > g.end {
                // The span takes in `+86`, `(+86)` and a landline's `(029)`.
                let start = if gi.plus || (gi.lparen && kind == Some(Kind::Landline)) {
                    gi.lead
                } else {
                    gi.start
                };
                best = Some(Hit {
                    kind,
                    last: j,
                    start,
                    end,
                });
            }
        }
    }
    let hit = best?;
    // Quantities and money are not personal data.
    let after = rest(text, hit.end).trim_start_matches(|c: char| fold(c) == ' ');
    if after.chars().next().is_some_and(is_quantity_after)
        || groups[hit.last].decimal
        || prev_char(text, hit.start).is_some_and(|(_, c)| matches!(c, '¥' | '￥' | '$' | '第'))
    {
        return Some(Hit { kind: None, ..hit });
    }
    Some(hit)
}

fn finding(text: &str, hit: &Hit, groups: &[Group]) -> Option<Finding> {
    let kind = hit.kind?;
    let matched = text.get(hit.start..hit.end)?;
    let digits: String = matched
        .chars()
        .filter_map(digit)
        .map(|d| char::from(b'0' + d))
        .collect();
    let replacement = match kind {
        Kind::IdNumber => {
            let mut s = digits;
            if hit.end > groups[hit.last].end {
                s.push('X');
            }
            mask::id_number(&s)
        }
        Kind::BankCard => mask::bank_card(&digits),
        _ => mask::mask_for_log(matched, kind),
    };
    Some(Finding {
        kind,
        start: hit.start,
        end: hit.end,
        replacement,
    })
}

/// Reads one run of groups and appends its findings.
fn flush(text: &str, groups: &[Group], allow: &Allow, out: &mut Vec<Finding>) {
    let mut i = 0;
    while i < groups.len() {
        match read_at(text, groups, i, allow) {
            Some(hit) => {
                if let Some(f) = finding(text, &hit, groups) {
                    out.push(f);
                }
                i = hit.last + 1;
            }
            None => i += 1,
        }
    }
}

/// Appends the numbers in `text` to `out`.
pub(crate) fn scan(text: &str, allow: &Allow, out: &mut Vec<Finding>) {
    for_each_run(text, |groups| flush(text, groups, allow, out));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found_with(text: &str, allow: &Allow) -> Vec<(Kind, String)> {
        let mut out = Vec::new();
        scan(text, allow, &mut out);
        out.into_iter()
            .map(|f| (f.kind, text[f.start..f.end].to_string()))
            .collect()
    }

    fn found(text: &str) -> Vec<(Kind, String)> {
        found_with(text, &Allow::new())
    }

    fn one(text: &str, kind: Kind, m: &str) {
        assert_eq!(found(text), vec![(kind, m.to_string())], "{text}");
    }

    #[test]
    fn mobiles() {
        use Kind::Mobile;
        one("电话13812345678", Mobile, "13812345678");
        one("手机 138 1234 5678。", Mobile, "138 1234 5678");
        one("138-1234-5678", Mobile, "138-1234-5678");
        one("联系+86-150-1234-5678", Mobile, "+86-150-1234-5678");
        one("+86 18612345678", Mobile, "+86 18612345678");
        one("0086 186 1234 5678", Mobile, "0086 186 1234 5678");
        one("86-186-1234-5678", Mobile, "86-186-1234-5678");
        one("(+86)13812345678", Mobile, "(+86)13812345678");
        one("１３８１２３４５６７８", Mobile, "１３８１２３４５６７８");
        one("2025年3月12日 13812345678反映", Mobile, "13812345678");
        one("138.1234.5678", Mobile, "138.1234.5678");
        one("138/1234/5678", Mobile, "138/1234/5678");
        one("电话138\n1234\n5678", Mobile, "138\n1234\n5678");
        one("138\t1234\t5678", Mobile, "138\t1234\t5678");
        one("138--1234--5678", Mobile, "138--1234--5678");
        one(
            "手机 1 3 8 1 2 3 4 5 6 7 8",
            Mobile,
            "1 3 8 1 2 3 4 5 6 7 8",
        );
        one("13 81 23 45 67 8", Mobile, "13 81 23 45 67 8");
    }

    #[test]
    fn dates_and_decimals_stay_figures() {
        for t in [
            "电话回访日期2025.03.07",
            "电话回访于2025/03/07",
            "2025-03-07",
            "增长12.5%",
            "3-5 天",
            "第1-3季度",
            "电话：3.1415926",
        ] {
            assert!(found(t).is_empty(), "{t}: {:?}", found(t));
        }
    }

    #[test]
    fn mobile_boundaries() {
        assert!(found("编号138123456789").is_empty());
        assert!(found("12013812345678").is_empty());
        assert!(found("投资13000000000元").is_empty());
        assert!(found("3.13812345678").is_empty());
        assert!(found("SN13812345678").is_empty());
        assert!(found("12345678901").is_empty());
    }

    #[test]
    fn landlines() {
        use Kind::Landline;
        one("0917-8212345", Landline, "0917-8212345");
        one("(029)88886666", Landline, "(029)88886666");
        one("（029）8888 6666", Landline, "（029）8888 6666");
        one("029-88886666-801", Landline, "029-88886666-801");
        one("0917-8212345转801", Landline, "0917-8212345转801");
        one("09178212345", Landline, "09178212345");
        one("家里电话8212345", Landline, "8212345");
        assert!(found("8212345").is_empty());
    }

    #[test]
    fn published_numbers_are_allowed() {
        let mut a = Allow::new();
        a.number("0917-8212345");
        a.number("13800001111");
        assert!(found_with("0917-8212345", &a).is_empty());
        assert!(found_with("09178212345", &a).is_empty());
        assert!(found_with("（0917）8212345", &a).is_empty());
        assert!(found_with("电话：8212345", &a).is_empty());
        assert!(found_with("+86 138 0000 1111", &a).is_empty());
        assert_eq!(found_with("0917-8212346", &a).len(), 1);
    }

    #[test]
    fn service_and_quantities() {
        for t in [
            "12345热线",
            "拨打110",
            "400-123-4567",
            "800-820-8820",
            "96123",
            "2025-03-12",
            "20250312",
            "120000元",
            "3.5万元",
            "G310",
            "1200人",
            "热线电话0917-8299000",
        ] {
            assert!(found(t).is_empty(), "{t}: {:?}", found(t));
        }
    }

    #[test]
    fn ids_and_cards() {
        one(
            "身份证号11010519491231002X",
            Kind::IdNumber,
            "11010519491231002X",
        );
        one(
            "110105 19491231 002x",
            Kind::IdNumber,
            "110105 19491231 002x",
        );
        one("老身份证610102850612123", Kind::IdNumber, "610102850612123");
        one(
            "身份证１１０１０５１９４９１２３１００２Ｘ。",
            Kind::IdNumber,
            "１１０１０５１９４９１２３１００２Ｘ",
        );
        one(
            "卡号6222021234567890128",
            Kind::BankCard,
            "6222021234567890128",
        );
        one("4111 1111 1111 1111", Kind::BankCard, "4111 1111 1111 1111");
        one(
            "银行卡号6222021234567890123",
            Kind::BankCard,
            "6222021234567890123",
        );
        assert!(found("6222021234567890123").is_empty());
        // a mistyped check digit still counts when the context says ID
        one(
            "身份证110105194912310021",
            Kind::IdNumber,
            "110105194912310021",
        );
        assert!(found("110105194912310021").is_empty());
    }
}
