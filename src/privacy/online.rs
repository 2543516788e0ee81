//! Online identifiers: e-mail addresses (a local part `@` a dotted domain
//! with a letter TLD; `＠`, `(at)`, `[at]`, ` at ` and 艾特 too, and a name
//! in Han characters as the local part: 张三@163.com), and QQ / WeChat ids, which only count
//! after a keyword (`QQ号 123456789`, `QQ:12345678`, `微信号 zhang_san88`,
//! `微信: abc123`). A bare number, a 公众号 or a QQ/WeChat group is not an id.

use super::lexicon::SURNAME_SET;
use super::mask;
use super::text::{char_at, fold, is_han, prev_char, rest, skip_spaces};
use super::{Finding, Kind};

fn is_local(c: char) -> bool {
    let c = fold(c);
    c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '%' | '+' | '-')
}

fn is_domain(c: char) -> bool {
    let c = fold(c);
    c.is_ascii_alphanumeric() || matches!(c, '.' | '-')
}

/// How the `@` may be written: the sign itself and the spellings that
/// dodge a scanner looking for it (ASCII ones match in any case).
const AT_SIGNS: &[&str] = &[
    "@", "＠", " @ ", "(at)", "[at]", "{at}", "<at>", " at ", "艾特", "（at）", "［at］", "【at】",
    "#",
];

/// The e-mail address around the `@` at byte `at`, `at_len` bytes long: `(start, end)`.
fn email_at(text: &str, at: usize, at_len: usize) -> Option<(usize, usize)> {
    let head = text.get(..at)?;
    let mut start = at;
    for (k, c) in head.char_indices().rev() {
        if !is_local(c) {
            break;
        }
        start = k;
    }
    while let Some(c) = text.get(start..at)?.chars().next()
        && matches!(fold(c), '.' | '-')
    {
        start += c.len_utf8();
    }
    if start == at {
        start = han_local_part(text, at)?;
    }
    let tail = rest(text, at + at_len);
    let mut len = domain_len(tail);
    while let Some(c) = tail[..len].chars().next_back()
        && matches!(fold(c), '.' | '-' | ' ')
    {
        len -= c.len_utf8();
    }
    let domain: String = tail[..len]
        .chars()
        .map(fold)
        .filter(|c| *c != ' ')
        .collect();
    if rest(text, at).starts_with('#') && !is_mail_provider(&domain) {
        return None;
    }
    let (labels, tld) = domain.rsplit_once('.')?;
    if labels.is_empty()
        || labels.split('.').any(str::is_empty)
        || tld.len() < 2
        || !tld.chars().all(|c| c.is_ascii_alphabetic())
    {
        return None;
    }
    Some((start, at + at_len + len))
}

/// The length of the domain at the start of `tail`; spaces count only around
/// a dot (`163 . com`).
fn domain_len(tail: &str) -> usize {
    let mut len = 0;
    let mut chars = tail.char_indices().peekable();
    while let Some((k, c)) = chars.next() {
        if is_domain(c) {
            len = k + c.len_utf8();
            continue;
        }
        if c != ' ' {
            break;
        }
        let next = tail[k..].trim_start_matches(' ');
        let prev_dot = tail[..k].trim_end_matches(' ').ends_with('.');
        if !(next.starts_with('.')
            || (prev_dot && next.starts_with(|c: char| fold(c).is_ascii_alphanumeric())))
        {
            break;
        }
        while chars.peek().is_some_and(|(_, c)| *c == ' ') {
            chars.next();
        }
    }
    len
}

/// Mail providers whose addresses are also written with `#` for `@`.
fn is_mail_provider(domain: &str) -> bool {
    const PROVIDERS: &[&str] = &[
        "163.com",
        "126.com",
        "qq.com",
        "sina.com",
        "sina.cn",
        "sohu.com",
        "foxmail.com",
        "139.com",
        "189.cn",
        "yeah.net",
        "gmail.com",
        "hotmail.com",
        "outlook.com",
        "aliyun.com",
    ];
    PROVIDERS.contains(&domain.to_ascii_lowercase().as_str())
}

/// A person's name in Han characters right before the `@` at `at`
/// (张三@163.com): two characters, or three when the first is a surname.
fn han_local_part(text: &str, at: usize) -> Option<usize> {
    let mut start = at;
    let mut chars = Vec::new();
    for (k, c) in text.get(..at)?.char_indices().rev().take(3) {
        if !is_han(c) {
            break;
        }
        start = k;
        chars.push((k, c));
    }
    match chars.as_slice() {
        [_, _, (k, c)] if SURNAME_SET.contains(*c) => Some(*k),
        [_, (k, _), ..] => Some(*k),
        _ => (start < at && chars.len() == 1).then_some(start),
    }
}

/// The `@` spelling that starts at byte `i`, with its byte length.
fn at_sign(text: &str, i: usize) -> Option<usize> {
    let tail = rest(text, i);
    AT_SIGNS.iter().find_map(|w| {
        let head = tail.get(..w.len())?;
        head.eq_ignore_ascii_case(w).then_some(w.len())
    })
}

/// Whether `text` may hold an `@` in any spelling: one pass over its bytes
/// for `@`, `at` in any case, and the first bytes of `＠` and 艾特.
fn may_have_at(text: &str) -> bool {
    let b = text.as_bytes();
    b.iter().enumerate().any(|(k, &c)| match c {
        b'@' | b'#' => true,
        b'a' | b'A' => b.get(k + 1).is_some_and(|n| n | 0x20 == b't'),
        0xEF => b[k..].starts_with("＠".as_bytes()),
        0xE8 => b[k..].starts_with("艾特".as_bytes()),
        _ => false,
    })
}

/// Appends the e-mail addresses in `text` to `out`.
pub(crate) fn scan_email(text: &str, out: &mut Vec<Finding>) {
    if !may_have_at(text) {
        return;
    }
    let at_starts = [
        '@', '＠', '(', '[', '{', '<', ' ', '艾', '（', '［', '【', '#',
    ];
    let mut after = 0;
    for (at, c) in text.char_indices() {
        if at < after || !at_starts.contains(&c) {
            continue;
        }
        let Some(len) = at_sign(text, at) else {
            continue;
        };
        if let Some((start, end)) = email_at(text, at, len) {
            let local = &text[start..at];
            let domain = &text[at + len..end];
            out.push(Finding {
                kind: Kind::Email,
                start,
                end,
                replacement: mask::email(&format!("{local}@{domain}")),
            });
            after = end;
        }
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Im {
    Qq,
    WeChat,
}

/// Keywords, matched after folding full-width letters; ASCII ones must not
/// be glued to a preceding letter (`wxid` is not `wx`).
const KEYWORDS: &[(&str, Im)] = &[
    ("qq", Im::Qq),
    ("扣扣", Im::Qq),
    ("企鹅号", Im::Qq),
    ("微信", Im::WeChat),
    ("wechat", Im::WeChat),
    ("weixin", Im::WeChat),
    ("vx", Im::WeChat),
    ("wx", Im::WeChat),
    ("v信", Im::WeChat),
    ("威信", Im::WeChat),
];

/// After the keyword: these mean it is not a person's id.
const NOT_PERSONAL: &[&str] = &[
    "群",
    "公众号",
    "公众平台",
    "小程序",
    "视频号",
    "支付",
    "扫码",
    "空间",
    "音乐",
    "邮箱",
    "服务号",
    "订阅号",
    "工作群",
    "平台",
    "钱包",
    "转账",
    "红包",
    "朋友圈",
    "电话",
    "语音",
    "视频",
];

/// Folded, lower-cased text at `i` starts with the ASCII/Han `word`;
/// returns the byte length matched.
fn keyword_len(text: &str, i: usize, word: &str) -> Option<usize> {
    let mut len = 0;
    let mut chars = rest(text, i).chars();
    for w in word.chars() {
        let c = chars.next()?;
        if fold(c).to_ascii_lowercase() != w {
            return None;
        }
        len += c.len_utf8();
    }
    Some(len)
}

/// The id after a keyword ending at `p`: `(start, end)`.
fn id_after(text: &str, mut p: usize, im: Im) -> Option<(usize, usize)> {
    const CONNECT: &[&str] = &[
        "号码", "号", "账号", "帐号", "id", "ID", "Id", "名", "是", "为", "也是",
    ];
    for _ in 0..4 {
        p = skip_spaces(text, p);
        let tail = rest(text, p);
        if let Some(c) = tail.chars().next()
            && matches!(fold(c), ':' | '(' | ')')
        {
            p += c.len_utf8();
        } else if let Some(w) = CONNECT.iter().find(|w| tail.starts_with(*w)) {
            p += w.len();
        } else {
            break;
        }
    }
    let start = p;
    let mut end = p;
    let mut n = 0;
    let mut digits = 0;
    let first = fold(char_at(text, p)?);
    for c in rest(text, p).chars() {
        let f = fold(c);
        if !(f.is_ascii_alphanumeric() || f == '_' || f == '-') {
            break;
        }
        n += 1;
        digits += usize::from(f.is_ascii_digit());
        end += c.len_utf8();
    }
    // An e-mail address or a web address is not an id.
    if char_at(text, end).is_some_and(|c| matches!(fold(c), '@' | '.' | '/'))
        && rest(text, end)
            .chars()
            .nth(1)
            .is_some_and(|c| fold(c).is_ascii_alphanumeric())
    {
        return None;
    }
    let all_digits = digits == n;
    let ok = if all_digits {
        (5..=11).contains(&n) && first != '0'
    } else {
        im == Im::WeChat && first.is_ascii_alphabetic() && (6..=20).contains(&n)
    };
    ok.then_some((start, end))
}

/// Whether `text` may hold a keyword at all (a cheap byte-level test).
fn may_have_keyword(text: &str) -> bool {
    text.bytes().any(|b| matches!(b | 0x20, b'q' | b'w' | b'v'))
        || [
            "微信", "扣扣", "企鹅", "威信", "ｑ", "Ｑ", "ｗ", "Ｗ", "ｖ", "Ｖ",
        ]
        .iter()
        .any(|k| text.contains(k))
}

/// Appends the QQ and WeChat ids in `text` to `out`.
pub(crate) fn scan_im(text: &str, out: &mut Vec<Finding>) {
    if !may_have_keyword(text) {
        return;
    }
    let mut i = 0;
    while let Some(c) = char_at(text, i) {
        let f = fold(c).to_ascii_lowercase();
        let hit = if matches!(f, 'q' | '扣' | '企' | '微' | 'w' | 'v' | '威') {
            KEYWORDS
                .iter()
                .find_map(|(w, im)| keyword_len(text, i, w).map(|len| (w, *im, len)))
        } else {
            None
        };
        if let Some((w, im, len)) = hit {
            let glued = w.is_ascii()
                && prev_char(text, i).is_some_and(|(_, p)| fold(p).is_ascii_alphanumeric());
            let k = i + len;
            let glued_after =
                w.is_ascii() && char_at(text, k).is_some_and(|c| fold(c).is_ascii_alphabetic());
            let tail = rest(text, k);
            let skip = NOT_PERSONAL.iter().any(|n| tail.starts_with(n))
                || ["号群", "群号"].iter().any(|n| tail.starts_with(n));
            if !glued
                && !glued_after
                && !skip
                && let Some((start, end)) = id_after(text, k, im)
            {
                out.push(Finding {
                    kind: Kind::ImId,
                    start,
                    end,
                    replacement: "***".to_string(),
                });
                i = end;
                continue;
            }
            i = k;
            continue;
        }
        i += c.len_utf8();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn emails(text: &str) -> Vec<String> {
        let mut out = Vec::new();
        scan_email(text, &mut out);
        out.into_iter()
            .map(|f| text[f.start..f.end].to_string())
            .collect()
    }

    fn ims(text: &str) -> Vec<String> {
        let mut out = Vec::new();
        scan_im(text, &mut out);
        out.into_iter()
            .map(|f| text[f.start..f.end].to_string())
            .collect()
    }

    #[test]
    fn email_shapes() {
        assert_eq!(emails("邮箱zhang.san@163.com。"), ["zhang.san@163.com"]);
        assert_eq!(
            emails("发至 li_si+rd@mail.example.gov.cn，"),
            ["li_si+rd@mail.example.gov.cn"]
        );
        assert_eq!(emails("邮箱 wang＠qq.com"), ["wang＠qq.com"]);
        assert_eq!(emails("邮箱zhangsan(at)163.com"), ["zhangsan(at)163.com"]);
        assert!(emails("发到 zhangsan [AT] 163.com").is_empty());
        assert_eq!(emails("发到zhangsan[AT]163.com"), ["zhangsan[AT]163.com"]);
        assert_eq!(emails("邮箱 zhangsan at 163.com"), ["zhangsan at 163.com"]);
        assert_eq!(emails("发邮件至张三@163.com"), ["张三@163.com"]);
        assert_eq!(emails("联系欧阳娜@qq.com"), ["欧阳娜@qq.com"]);
        assert_eq!(emails("邮箱：王建国@163.com"), ["王建国@163.com"]);
        assert!(emails("look at the map.").is_empty());
        assert_eq!(emails("邮箱：zhangsan#163.com"), ["zhangsan#163.com"]);
        assert_eq!(
            emails("邮箱 zhangsan @ 163 . com。"),
            ["zhangsan @ 163 . com"]
        );
        assert!(emails("见 page#section.html 和 #两会# 话题").is_empty());
        assert!(emails("@示例县人大 发布").is_empty());
        assert!(emails("a@b").is_empty());
        assert!(emails("x@y.1").is_empty());
        assert!(emails("@").is_empty());
    }

    #[test]
    fn im_shapes() {
        assert_eq!(ims("QQ号 123456789"), ["123456789"]);
        assert_eq!(ims("QQ:12345678"), ["12345678"]);
        assert_eq!(ims("ＱＱ：１２３４５６７８"), ["１２３４５６７８"]);
        assert_eq!(ims("微信号 zhang_san88"), ["zhang_san88"]);
        assert_eq!(ims("微信: abc123"), ["abc123"]);
        assert_eq!(ims("加微信号是wxid_abc123反映"), ["wxid_abc123"]);
    }

    #[test]
    fn im_near_misses() {
        for t in [
            "123456789",
            "QQ群 123456789",
            "微信公众号 shiyirenda",
            "微信: 新华社区代表工作室",
            "QQ 2025",
            "QQ：123456789@qq.com",
            "微信支付12345元",
            "wxid",
            "通过微信反映",
            "微信: abc",
        ] {
            assert!(ims(t).is_empty(), "{t}: {:?}", ims(t));
        }
    }
}
