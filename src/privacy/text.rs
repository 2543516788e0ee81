//! Character helpers shared by the detectors: folding full-width forms and
//! dashes to their ASCII equivalents, telling Han characters and numerals
//! apart, and safe look-behind / look-ahead on byte offsets that never panics
//! (every helper goes through `str::get`, so a bad offset yields `None`).

/// Folds full-width ASCII (`１３８`, `（`, `：`, `Ａ`), the ideographic and
/// no-break spaces and the various dashes to plain ASCII; other characters are
/// returned unchanged.
pub(crate) fn fold(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' | '\u{00A0}' | '\u{2002}'..='\u{200A}' => ' ',
        '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE63}' | '\u{FE58}' => '-',
        _ => c,
    }
}

/// The value of an ASCII or full-width digit.
pub(crate) fn digit(c: char) -> Option<u8> {
    let f = fold(c);
    f.is_ascii_digit().then(|| f as u8 - b'0')
}

pub(crate) fn is_han(c: char) -> bool {
    matches!(c as u32,
        0x4E00..=0x9FFF | 0x3400..=0x4DBF | 0x20000..=0x2A6DF | 0xF900..=0xFAFF | 0x3007)
}

/// Chinese numerals as used in house numbers and village groups (五组, 三号楼).
pub(crate) fn is_cn_numeral(c: char) -> bool {
    matches!(
        c,
        '〇' | '零'
            | '一'
            | '二'
            | '三'
            | '四'
            | '五'
            | '六'
            | '七'
            | '八'
            | '九'
            | '十'
            | '百'
            | '两'
    )
}

/// The character that ends just before byte `i`, with its start offset.
pub(crate) fn prev_char(text: &str, i: usize) -> Option<(usize, char)> {
    let c = text.get(..i)?.chars().next_back()?;
    Some((i - c.len_utf8(), c))
}

/// The character starting at byte `i`.
pub(crate) fn char_at(text: &str, i: usize) -> Option<char> {
    text.get(i..)?.chars().next()
}

/// The `n` characters before byte `i` (fewer at the start of the text).
pub(crate) fn before(text: &str, i: usize, n: usize) -> &str {
    let Some(head) = text.get(..i) else {
        return "";
    };
    let mut start = i;
    for (k, _) in head.char_indices().rev().take(n) {
        start = k;
    }
    head.get(start..).unwrap_or("")
}

/// The text from byte `i` on, or `""` if `i` is out of range.
pub(crate) fn rest(text: &str, i: usize) -> &str {
    text.get(i..).unwrap_or("")
}

/// Skips characters that fold to a space, returning the new offset.
pub(crate) fn skip_spaces(text: &str, mut i: usize) -> usize {
    while let Some(c) = char_at(text, i) {
        if fold(c) != ' ' && c != '\t' {
            break;
        }
        i += c.len_utf8();
    }
    i
}

/// A set of BMP characters as a bit set: a constant-time membership test for
/// the hot loops (surnames, trigger characters).
pub(crate) struct CharSet {
    bits: Vec<u64>,
}

impl CharSet {
    pub(crate) fn new(chars: impl IntoIterator<Item = char>) -> Self {
        let mut bits = vec![0u64; 0x10000 / 64];
        for c in chars {
            let n = c as usize;
            if let Some(w) = bits.get_mut(n / 64) {
                *w |= 1 << (n % 64);
            }
        }
        CharSet { bits }
    }

    pub(crate) fn contains(&self, c: char) -> bool {
        let n = c as usize;
        self.bits
            .get(n / 64)
            .is_some_and(|w| w & (1 << (n % 64)) != 0)
    }
}

/// A list of words with a quick test on their first character, answering
/// "which of these words starts here?" with the longest match.
pub(crate) struct Lexicon {
    first: CharSet,
    /// Words grouped by first character (sorted by it), longest first.
    groups: Vec<(char, Vec<&'static str>)>,
}

impl Lexicon {
    pub(crate) fn new(words: impl IntoIterator<Item = &'static str>) -> Self {
        let mut groups: Vec<(char, Vec<&'static str>)> = Vec::new();
        for w in words {
            let Some(c) = w.chars().next() else { continue };
            match groups.iter_mut().find(|(g, _)| *g == c) {
                Some((_, v)) if !v.contains(&w) => v.push(w),
                Some(_) => {}
                None => groups.push((c, vec![w])),
            }
        }
        for (_, v) in &mut groups {
            // Longest first, so the first hit is the longest.
            v.sort_by_key(|w| std::cmp::Reverse(w.len()));
        }
        groups.sort_by_key(|(c, _)| *c);
        let first = CharSet::new(groups.iter().map(|(c, _)| *c));
        Lexicon { first, groups }
    }

    /// Whether some word starts with `c` (cheap pre-test).
    pub(crate) fn may_start(&self, c: char) -> bool {
        self.first.contains(c)
    }

    /// The longest word that starts at byte `i` of `text`.
    pub(crate) fn longest_at(&self, text: &str, i: usize) -> Option<&'static str> {
        let tail = text.get(i..)?;
        let c = tail.chars().next()?;
        if !self.first.contains(c) {
            return None;
        }
        let k = self.groups.binary_search_by_key(&c, |(g, _)| *g).ok()?;
        self.groups[k]
            .1
            .iter()
            .copied()
            .find(|w| tail.starts_with(w))
    }

    #[cfg(test)]
    pub(crate) fn contains(&self, w: &str) -> bool {
        self.groups.iter().any(|(_, v)| v.contains(&w))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_full_width() {
        assert_eq!(fold('１'), '1');
        assert_eq!(fold('（'), '(');
        assert_eq!(fold('：'), ':');
        assert_eq!(fold('　'), ' ');
        assert_eq!(fold('—'), '-');
        assert_eq!(fold('王'), '王');
        assert_eq!(digit('９'), Some(9));
        assert_eq!(digit('a'), None);
    }

    #[test]
    fn windows_respect_char_boundaries() {
        let t = "电话：138";
        assert_eq!(before(t, 6, 1), "话");
        assert_eq!(before(t, 6, 10), "电话");
        assert_eq!(before(t, 1, 2), "");
        assert_eq!(prev_char(t, 3), Some((0, '电')));
        assert_eq!(prev_char(t, 2), None);
        assert_eq!(char_at(t, 1), None);
        assert_eq!(rest(t, 100), "");
    }

    #[test]
    fn lexicon_prefers_longest() {
        let l = Lexicon::new(["老太", "老太太", "大爷"]);
        assert_eq!(l.longest_at("张老太太说", 3), Some("老太太"));
        assert_eq!(l.longest_at("张老太说", 3), Some("老太"));
        assert_eq!(l.longest_at("张老太说", 4), None);
        let s = CharSet::new(['王', 'a']);
        assert!(s.contains('王') && s.contains('a') && !s.contains('李'));
        assert!(!s.contains('😀'));
    }
}
