//! The masks: the replacement a finding suggests for the published text
//! (the courts' rule — keep the surname, the rest becomes 某; keep the first
//! 3 and last 4 digits of a mobile …), and [`mask_for_log`], the partly
//! masked form of a match that the build log may print without leaking it.

use super::Kind;
use super::allow::{digit_groups, split_landline, strip_country};
use super::lexicon::COMPOUND_SURNAMES;
use super::text::{digit, fold, is_cn_numeral};

fn stars(n: usize) -> String {
    "*".repeat(n)
}

/// `13812345678` → `138****5678`; other lengths keep what they can.
pub(crate) fn mobile(digits: &str) -> String {
    let d = strip_country(digits);
    match (d.get(..3), d.len().checked_sub(4).and_then(|k| d.get(k..))) {
        (Some(head), Some(tail)) if d.len() >= 8 => format!("{head}{}{tail}", stars(d.len() - 7)),
        _ => stars(d.len()),
    }
}

/// The local part with all but its last 3 digits masked.
fn local(d: &str) -> String {
    match d.len().checked_sub(3).and_then(|k| d.get(k..)) {
        Some(tail) if d.len() > 3 => format!("{}{tail}", stars(d.len() - 3)),
        _ => stars(d.len()),
    }
}

/// `0917` + `8212345` → `0917-****345` (an extension is dropped).
pub(crate) fn landline(area: &str, local_digits: &str) -> String {
    if area.is_empty() {
        local(local_digits)
    } else {
        format!("{area}-{}", local(local_digits))
    }
}

/// First 4 and last 4 characters kept: `6101**********1234`.
pub(crate) fn id_number(chars: &str) -> String {
    let n = chars.len();
    match (
        chars.get(..4),
        n.checked_sub(4).and_then(|k| chars.get(k..)),
    ) {
        (Some(head), Some(tail)) if n > 8 => format!("{head}{}{tail}", stars(n - 8)),
        _ => stars(n),
    }
}

/// Only the last 4 digits: `****1234`.
pub(crate) fn bank_card(digits: &str) -> String {
    match digits.len().checked_sub(4).and_then(|k| digits.get(k..)) {
        Some(tail) => format!("****{tail}"),
        None => "****".to_string(),
    }
}

/// `zhangsan@example.com` → `z***@example.com`.
pub(crate) fn email(matched: &str) -> String {
    let at = matched.find(['@', '＠']);
    match at {
        Some(k) => {
            let local = &matched[..k];
            let domain = matched[k..].chars().skip(1).collect::<String>();
            let first = local.chars().next().map(String::from).unwrap_or_default();
            format!("{first}***@{domain}")
        }
        None => stars(3),
    }
}

/// `陕A12345` → `陕A·*****`; with `keep_last`, `陕A·****5`.
pub(crate) fn plate(matched: &str, keep_last: bool) -> String {
    let mut chars = matched
        .chars()
        .filter(|c| !matches!(fold(*c), ' ' | '·' | '•' | '・' | '.' | '-' | '‧' | '∙'));
    let head: String = chars.by_ref().take(2).collect();
    let body: Vec<char> = chars.collect();
    match body.last() {
        Some(last) if keep_last && body.len() > 1 => {
            format!("{head}·{}{last}", stars(body.len() - 1))
        }
        _ => format!("{head}·{}", stars(body.len())),
    }
}

/// The surname part of a name: a compound surname or the first character.
pub(crate) fn surname_of(name: &str) -> &str {
    if let Some(c) = COMPOUND_SURNAMES.iter().find(|c| name.starts_with(**c)) {
        return c;
    }
    name.chars().next().map_or("", |c| &name[..c.len_utf8()])
}

/// `黄` + 2 masked characters → `黄某某`.
pub(crate) fn name(surname: &str, masked: usize) -> String {
    format!("{surname}{}", "某".repeat(masked.max(1)))
}

/// The match partly masked, so the build log itself never leaks it:
/// `138****5678`, `0917-****345`, `6101**********1234`, `****1234`,
/// `a***@example.com`, `陕A·****5`, `z***8`, `新华路***号`, `张**`.
pub fn mask_for_log(matched: &str, kind: Kind) -> String {
    let digits: String = matched
        .chars()
        .filter_map(digit)
        .map(|d| char::from(b'0' + d))
        .collect();
    match kind {
        Kind::Mobile => mobile(&digits),
        Kind::Landline => match split_landline(&digit_groups(matched)) {
            Some((area, loc)) => landline(&area, &loc),
            None => local(&digits),
        },
        Kind::IdNumber => {
            let chars: String = matched
                .chars()
                .map(fold)
                .filter(|c| c.is_ascii_digit() || *c == 'X' || *c == 'x')
                .collect();
            id_number(&chars)
        }
        Kind::BankCard => bank_card(&digits),
        Kind::Email => email(matched),
        Kind::Plate => plate(matched, true),
        Kind::ImId => {
            let chars: Vec<char> = matched.chars().collect();
            match (chars.first(), chars.last()) {
                (Some(a), Some(b)) if chars.len() >= 4 => format!("{a}***{b}"),
                _ => stars(3),
            }
        }
        Kind::Address => matched
            .chars()
            .map(|c| {
                if digit(c).is_some() || is_cn_numeral(c) {
                    '*'
                } else {
                    c
                }
            })
            .collect(),
        Kind::Name => {
            let s = surname_of(matched);
            let rest = matched.get(s.len()..).unwrap_or("").chars().count();
            format!("{s}{}", stars(rest))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn log_masks() {
        assert_eq!(mask_for_log("138-1234-5678", Kind::Mobile), "138****5678");
        assert_eq!(
            mask_for_log("+86 138 1234 5678", Kind::Mobile),
            "138****5678"
        );
        assert_eq!(mask_for_log("0917-8212345", Kind::Landline), "0917-****345");
        assert_eq!(
            mask_for_log("（029）8888 6666", Kind::Landline),
            "029-*****666"
        );
        assert_eq!(mask_for_log("09178212345", Kind::Landline), "0917-****345");
        assert_eq!(
            mask_for_log("61010219900307123X", Kind::IdNumber),
            "6101**********123X"
        );
        assert_eq!(
            mask_for_log("6222 0212 3456 7890 128", Kind::BankCard),
            "****0128"
        );
        assert_eq!(
            mask_for_log("alice@example.com", Kind::Email),
            "a***@example.com"
        );
        assert_eq!(mask_for_log("陕A·12345", Kind::Plate), "陕A·****5");
        assert_eq!(mask_for_log("zhang_san88", Kind::ImId), "z***8");
        assert_eq!(mask_for_log("新华路128号", Kind::Address), "新华路***号");
        assert_eq!(mask_for_log("张大爷", Kind::Name), "张**");
        assert_eq!(mask_for_log("欧阳娜娜", Kind::Name), "欧阳**");
    }

    #[test]
    fn log_masks_never_panic_on_odd_input() {
        for kind in Kind::ALL {
            for s in ["", "1", "@", "＠x", "陕", "😀😀", "12", "0"] {
                let _ = mask_for_log(s, kind);
            }
        }
    }

    #[test]
    fn replacements() {
        assert_eq!(mobile("8613812345678"), "138****5678");
        assert_eq!(landline("", "8212345"), "****345");
        assert_eq!(plate("陕A·12345", false), "陕A·*****");
        assert_eq!(plate("陕 A 12345", true), "陕A·****5");
        assert_eq!(name("黄", 2), "黄某某");
        assert_eq!(name("张", 0), "张某");
        assert_eq!(surname_of("诸葛亮"), "诸葛");
    }
}
