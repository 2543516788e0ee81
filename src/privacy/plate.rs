//! Licence plates: a province abbreviation, the issuing office's letter, an
//! optional `·`/space, then five characters (陕A12345, 京A·8K9M2), six for
//! new-energy vehicles (陕AD12345, 陕A12345D), or four and a Han suffix
//! (陕A1234学). The suggestion keeps the province and letter: 陕A·*****.

use std::sync::LazyLock;

use super::mask;
use super::text::{CharSet, char_at, fold, rest};
use super::{Finding, Kind};

const PROVINCES: &str = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼";
static PROVINCE_SET: LazyLock<CharSet> = LazyLock::new(|| CharSet::new(PROVINCES.chars()));

fn is_sep(c: char) -> bool {
    matches!(fold(c), '·' | '•' | '・' | '.' | '-' | ' ' | '‧' | '∙')
}

/// A plate starting at `i` (on a province character): its end.
fn plate_at(text: &str, i: usize) -> Option<usize> {
    let mut it = rest(text, i).char_indices().peekable();
    let (_, prov) = it.next()?;
    if !PROVINCE_SET.contains(prov) {
        return None;
    }
    // 陕 A12345: a space may follow the province.
    if it.peek().is_some_and(|&(_, c)| fold(c) == ' ') {
        it.next();
    }
    let (_, letter) = it.next()?;
    if !fold(letter).is_ascii_uppercase() {
        return None;
    }
    if it.peek().is_some_and(|&(_, c)| is_sep(c)) {
        it.next();
    }
    let mut body = [0u8; 7];
    let mut n = 0;
    let mut end = 0;
    for (k, c) in it.by_ref() {
        let f = fold(c);
        if f.is_ascii_digit() || f.is_ascii_uppercase() {
            if n == body.len() {
                return None;
            }
            body[n] = f as u8;
            n += 1;
            end = k + c.len_utf8();
        } else if f.is_ascii_lowercase() || f == '_' {
            return None;
        } else {
            break;
        }
    }
    let body = &body[..n];
    let digits = body.iter().filter(|b| b.is_ascii_digit()).count();
    let ok = match n {
        5 => digits >= 2,
        6 => {
            (b"DFABCEGHJK".contains(&body[0]) && body[2..].iter().all(u8::is_ascii_digit))
                || (body[..5].iter().all(u8::is_ascii_digit) && matches!(body[5], b'D' | b'F'))
        }
        4 => {
            let tail = char_at(text, i + end);
            if digits >= 3 && tail.is_some_and(|c| "学警挂港澳领使试超".contains(c)) {
                end += tail.map_or(0, char::len_utf8);
                true
            } else {
                false
            }
        }
        _ => false,
    };
    ok.then_some(i + end)
}

/// Whether `text` has an ASCII or full-width capital letter (a cheap byte-level test).
fn has_capital(text: &str) -> bool {
    let b = text.as_bytes();
    b.iter().any(u8::is_ascii_uppercase)
        || b.windows(3)
            .any(|w| w[0] == 0xEF && w[1] == 0xBC && (0xA1..=0xBA).contains(&w[2]))
}

/// Appends the plates in `text` to `out`.
pub(crate) fn scan(text: &str, out: &mut Vec<Finding>) {
    if !has_capital(text) {
        return;
    }
    for (i, c) in text.char_indices() {
        if out
            .last()
            .is_some_and(|f: &Finding| f.kind == Kind::Plate && f.end > i)
        {
            continue;
        }
        if PROVINCE_SET.contains(c)
            && let Some(end) = plate_at(text, i)
        {
            out.push(Finding {
                kind: Kind::Plate,
                start: i,
                end,
                replacement: mask::plate(&text[i..end], false),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<String> {
        let mut out = Vec::new();
        scan(text, &mut out);
        out.into_iter()
            .map(|f| text[f.start..f.end].to_string())
            .collect()
    }

    #[test]
    fn plates() {
        assert_eq!(found("车牌陕A12345的车"), ["陕A12345"]);
        assert_eq!(found("陕A·12345"), ["陕A·12345"]);
        assert_eq!(found("京A·8K9M2停在"), ["京A·8K9M2"]);
        assert_eq!(found("陕AD12345"), ["陕AD12345"]);
        assert_eq!(found("陕A12345D"), ["陕A12345D"]);
        assert_eq!(found("陕A 12345"), ["陕A 12345"]);
        assert_eq!(found("陕Ａ１２３４５"), ["陕Ａ１２３４５"]);
        assert_eq!(found("陕A1234学"), ["陕A1234学"]);
        assert_eq!(found("车牌号为陕 A12345。"), ["陕 A12345"]);
    }

    #[test]
    fn near_misses() {
        for t in [
            "京A股",
            "新A轮融资",
            "陕A1234",
            "陕A123456789",
            "陕a12345",
            "沪A级景区",
            "陕A12345abc",
        ] {
            assert!(found(t).is_empty(), "{t}: {:?}", found(t));
        }
    }
}
