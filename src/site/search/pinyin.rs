//! Pinyin readings of names, so a resident who knows only how a name sounds finds it.
//!
//! A [`Reading`] is one plain syllable per Han character (from the `pinyin` crate, which
//! gives each character its most common reading), or the editor's `pinyin:` override for
//! polyphonic names (重庆 `chong qing`, 单 `shan`). [`Reading::keys`] turns it into the words
//! the search index holds: every syllable-aligned suffix written together (`lixiuying`,
//! `xiuying`, `ying`) and the initials (`lxy`). The search matches word prefixes, so these
//! cover the full reading with or without spaces (`li xiuying`, `lixiuying`), any run of
//! syllables (`xiu`, `lixiu`), and the initials; tone marks (`lǐ xiùyīng`) are folded away
//! by the search itself, and tone numbers (`li3 xiu4 ying1`) by [`normalize`].

use std::collections::HashSet;
use std::sync::LazyLock;

use pinyin::ToPinyin;

/// The syllables of a name, lowercase ASCII, `ü` written `v` as on a keyboard.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reading {
    syllables: Vec<String>,
}

/// At most this many suffixes are indexed (long unit names would otherwise add dozens).
const MAX_SUFFIXES: usize = 8;

impl Reading {
    /// The reading of `name`: the editor's `over`ride when given and not blank, else one
    /// syllable per Han character. Latin letters and digits in a name are kept as they are.
    pub fn of(name: &str, over: Option<&str>) -> Reading {
        if let Some(o) = over {
            let mut syllables: Vec<String> = o
                .split(|c: char| c.is_whitespace() || matches!(c, '\'' | '’' | '-' | '·'))
                .map(normalize)
                .filter(|s| !s.is_empty())
                .collect();
            let generated = Reading::of(name, None).syllables;
            if syllables.len() == 1 && (2..=12).contains(&generated.len()) {
                // `chongqing` written together: cut it into the name's syllables.
                if let Some(cut) = split(&syllables[0], &generated) {
                    syllables = cut;
                }
            }
            if !syllables.is_empty() {
                return Reading { syllables };
            }
        }
        let mut syllables = Vec::new();
        let mut latin = String::new();
        for (c, p) in name.chars().zip(name.to_pinyin()) {
            match p {
                Some(p) => {
                    flush(&mut latin, &mut syllables);
                    syllables.push(normalize(p.plain()));
                }
                None if c.is_ascii_alphanumeric() => latin.push(c.to_ascii_lowercase()),
                None => flush(&mut latin, &mut syllables),
            }
        }
        flush(&mut latin, &mut syllables);
        Reading { syllables }
    }

    /// The syllables, lowercase, `ü` written `v`.
    pub fn syllables(&self) -> &[String] {
        &self.syllables
    }

    /// The reading of a person's name: a surname with a reading of its own as a surname
    /// (单 shan, 万俟 mo qi, see [`crate::model::order::SURNAME_READINGS`]), the rest as
    /// [`Reading::of`]; the editor's override wins.
    pub fn person(name: &str, over: Option<&str>) -> Reading {
        if over.is_some_and(|o| !o.trim().is_empty()) {
            return Reading::of(name, over);
        }
        match crate::model::order::surname_reading(name) {
            Some((surname, rest)) => {
                let mut syllables: Vec<String> =
                    surname.split_whitespace().map(str::to_owned).collect();
                syllables.extend(Reading::of(rest, None).syllables);
                Reading { syllables }
            }
            None => Reading::of(name, None),
        }
    }

    /// The readings of a place's name: words read differently in place names (重庆
    /// chong qing, 长沙 chang sha, 厦门 xia men …) read so, the rest as [`Reading::of`];
    /// the editor's override wins. A second reading is the official romanisation where it
    /// differs (陕西 shaanxi).
    pub fn place(name: &str, over: Option<&str>) -> Vec<Reading> {
        if over.is_some_and(|o| !o.trim().is_empty()) {
            return vec![Reading::of(name, over)];
        }
        let read = |table: &[(&str, &str)]| {
            let mut syllables = Vec::new();
            let mut rest = name;
            while !rest.is_empty() {
                if let Some((word, reading)) = table.iter().find(|(w, _)| rest.starts_with(w)) {
                    syllables.extend(reading.split_whitespace().map(str::to_owned));
                    rest = &rest[word.len()..];
                } else {
                    let c = rest.chars().next().map_or(0, char::len_utf8);
                    syllables.extend(Reading::of(&rest[..c], None).syllables);
                    rest = &rest[c..];
                }
            }
            Reading { syllables }
        };
        let mut out = vec![read(PLACE_READINGS)];
        if OFFICIAL_SPELLINGS.iter().any(|(w, _)| name.contains(w)) {
            out.push(read(OFFICIAL_SPELLINGS));
        }
        out
    }

    /// Whether the name had anything to read.
    pub fn is_empty(&self) -> bool {
        self.syllables.is_empty()
    }

    /// `li xiu ying`
    pub fn spaced(&self) -> String {
        self.syllables.join(" ")
    }

    /// `lixiuying`
    pub fn joined(&self) -> String {
        self.syllables.concat()
    }

    /// `lxy`
    pub fn initials(&self) -> String {
        self.syllables
            .iter()
            .filter_map(|s| s.chars().next())
            .collect()
    }

    /// The words to index, space-separated and without repeats: the syllable-aligned
    /// suffixes written together, the same with `v` read as `u` (lü → lu), and the initials.
    pub fn keys(&self) -> String {
        let mut out: Vec<String> = Vec::new();
        let mut push = |w: String| {
            if !w.is_empty() && !out.contains(&w) {
                out.push(w);
            }
        };
        let n = self.syllables.len();
        for start in 0..n.min(MAX_SUFFIXES) {
            let w = self.syllables[start..].concat();
            if w.contains('v') {
                push(w.replace('v', "u"));
            }
            push(w);
        }
        if n > 1 {
            push(self.initials());
        }
        out.join(" ")
    }
}

/// Words read differently in place names than the characters' usual readings.
const PLACE_READINGS: &[(&str, &str)] = &[
    ("重庆", "chong qing"),
    ("长沙", "chang sha"),
    ("长春", "chang chun"),
    ("长治", "chang zhi"),
    ("长安", "chang an"),
    ("长宁", "chang ning"),
    ("长寿", "chang shou"),
    ("长白", "chang bai"),
    ("长江", "chang jiang"),
    ("长城", "chang cheng"),
    ("厦门", "xia men"),
    ("蚌埠", "beng bu"),
    ("六安", "lu an"),
    ("丽水", "li shui"),
    ("番禺", "pan yu"),
    ("朝阳", "chao yang"),
    ("乐亭", "lao ting"),
    ("乐清", "yue qing"),
    ("东阿", "dong e"),
    ("大埔", "da bu"),
    ("铅山", "yan shan"),
    ("涡阳", "guo yang"),
    ("尉犁", "yu li"),
    ("单县", "shan xian"),
    ("会稽", "kuai ji"),
    ("台州", "tai zhou"),
    ("天台", "tian tai"),
    ("亳州", "bo zhou"),
    ("洪洞", "hong tong"),
    ("解放", "jie fang"),
    ("行政区", "xing zheng qu"),
];

/// Official romanisations that differ from plain pinyin (陕西 Shaanxi, so it is not
/// confused with 山西 Shanxi).
const OFFICIAL_SPELLINGS: &[(&str, &str)] = &[("陕西", "shaan xi")];

/// Every plain syllable the `pinyin` crate knows (about four hundred).
fn syllables() -> &'static HashSet<String> {
    static SET: LazyLock<HashSet<String>> = LazyLock::new(|| {
        ('\u{3400}'..='\u{9FFF}')
            .filter_map(|c| c.to_pinyin())
            .map(|p| normalize(p.plain()))
            .collect()
    });
    &SET
}

/// `word` cut into as many known syllables as `generated` has, preferring the cut that
/// agrees with the generated reading at the most places (`xian` for 西安 is `xi an`, not
/// `xia n`).
fn split(word: &str, generated: &[String]) -> Option<Vec<String>> {
    let mut best: Option<(usize, Vec<String>)> = None;
    let mut cut = Vec::new();
    search(word, generated, 0, &mut cut, &mut best);
    best.map(|(_, v)| v)
}

/// Depth-first search of the cuts of `word` into the syllables `generated[at..]` stand for.
fn search(
    word: &str,
    generated: &[String],
    at: usize,
    cut: &mut Vec<String>,
    best: &mut Option<(usize, Vec<String>)>,
) {
    if at == generated.len() {
        if word.is_empty() {
            let score = cut.iter().zip(generated).filter(|(a, b)| a == b).count();
            if best.as_ref().is_none_or(|(s, _)| score > *s) {
                *best = Some((score, cut.clone()));
            }
        }
        return;
    }
    let left = generated.len() - at;
    if word.len() < left || word.len() > 6 * left {
        return;
    }
    // Longest syllable first; pinyin syllables are at most six letters (zhuang).
    for len in (1..=word.len().min(6)).rev() {
        let Some((head, rest)) = word.split_at_checked(len) else {
            continue;
        };
        if syllables().contains(head) {
            cut.push(head.to_owned());
            search(rest, generated, at + 1, cut, best);
            cut.pop();
        }
    }
}

fn flush(latin: &mut String, syllables: &mut Vec<String>) {
    if !latin.is_empty() {
        syllables.push(std::mem::take(latin));
    }
}

/// One syllable as the index keeps it: lowercase ASCII letters, tone marks and tone
/// numbers removed, `ü` (and `u:`) as `v`.
pub fn normalize(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        let base = match c {
            'ā' | 'á' | 'ǎ' | 'à' | 'Ā' | 'Á' | 'Ǎ' | 'À' => 'a',
            'ē' | 'é' | 'ě' | 'è' | 'Ē' | 'É' | 'Ě' | 'È' | 'ê' | 'ế' | 'ề' => 'e',
            'ī' | 'í' | 'ǐ' | 'ì' | 'Ī' | 'Í' | 'Ǐ' | 'Ì' => 'i',
            'ō' | 'ó' | 'ǒ' | 'ò' | 'Ō' | 'Ó' | 'Ǒ' | 'Ò' => 'o',
            'ū' | 'ú' | 'ǔ' | 'ù' | 'Ū' | 'Ú' | 'Ǔ' | 'Ù' => 'u',
            'ü' | 'ǖ' | 'ǘ' | 'ǚ' | 'ǜ' | 'Ü' | 'Ǖ' | 'Ǘ' | 'Ǚ' | 'Ǜ' => 'v',
            'ń' | 'ň' | 'ǹ' => 'n',
            'ḿ' => 'm',
            'u' | 'U' if chars.peek() == Some(&':') => {
                chars.next();
                'v'
            }
            c if c.is_ascii_alphabetic() => c.to_ascii_lowercase(),
            _ => continue,
        };
        out.push(base);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn surnames_with_a_reading_of_their_own_are_read_as_surnames() {
        for (name, joined) in [
            ("单业才", "shanyecai"),
            ("曾红", "zenghong"),
            ("仇明", "qiuming"),
            ("查良", "zhaliang"),
            ("朴明", "piaoming"),
            ("覃明", "qinming"),
            ("缪明", "miaoming"),
            ("种明", "chongming"),
            ("盖明", "geming"),
            ("翟明", "zhaiming"),
            ("解明", "xieming"),
            ("区明", "ouming"),
            ("乐明", "yueming"),
            ("万俟明", "moqiming"),
            ("尉迟明", "yuchiming"),
        ] {
            assert_eq!(Reading::person(name, None).joined(), joined, "{name}");
        }
        // The editor's reading wins.
        assert_eq!(
            Reading::person("单业才", Some("dan ye cai")).joined(),
            "danyecai"
        );
    }

    #[test]
    fn place_names_are_read_as_places_and_shaanxi_as_officially_spelt() {
        let joined = |name: &str| -> Vec<String> {
            Reading::place(name, None)
                .iter()
                .map(Reading::joined)
                .collect()
        };
        assert_eq!(joined("重庆市"), ["chongqingshi"]);
        assert_eq!(joined("长沙市"), ["changshashi"]);
        assert_eq!(joined("厦门市"), ["xiamenshi"]);
        assert_eq!(joined("陕西省"), ["shanxisheng", "shaanxisheng"]);
        assert_eq!(joined("凤鸣镇"), ["fengmingzhen"]);
    }

    #[test]
    fn tone_numbers_read_as_plain_pinyin() {
        assert_eq!(normalize("li3"), "li");
        assert_eq!(normalize("xiu4"), "xiu");
        assert_eq!(normalize("lü4"), "lv");
    }

    #[test]
    fn a_name_reads_one_syllable_per_character() {
        let r = Reading::of("李秀英", None);
        assert_eq!(r.spaced(), "li xiu ying");
        assert_eq!(r.joined(), "lixiuying");
        assert_eq!(r.initials(), "lxy");
        assert_eq!(r.keys(), "lixiuying xiuying ying lxy");
    }

    #[test]
    fn place_names_read_with_their_suffix() {
        let r = Reading::of("凤鸣镇", None);
        assert_eq!(r.spaced(), "feng ming zhen");
        // "fengming" is a prefix of the first key, which is how the search matches it.
        assert!(r.keys().split(' ').any(|k| k.starts_with("fengming")));
        assert_eq!(Reading::of("杨家庄村", None).initials(), "yjzc");
    }

    #[test]
    fn the_override_replaces_the_generated_reading() {
        assert_eq!(Reading::of("重庆", None).spaced(), "zhong qing");
        assert_eq!(
            Reading::of("重庆", Some("chong qing")).spaced(),
            "chong qing"
        );
        let shan = Reading::of("单丽华", Some("shan li hua"));
        assert_eq!(shan.initials(), "slh");
        assert!(shan.keys().contains("shanlihua"));
        assert!(!shan.keys().contains("dan"));
        assert_eq!(Reading::of("单丽华", None).joined(), "danlihua");
    }

    #[test]
    fn overrides_may_carry_tones_and_other_separators() {
        assert_eq!(
            Reading::of("重庆", Some("Chóng-qìng")).spaced(),
            "chong qing"
        );
        assert_eq!(
            Reading::of("重庆", Some("chong2 qing4")).spaced(),
            "chong qing"
        );
        assert_eq!(Reading::of("西安", Some("xi'an")).spaced(), "xi an");
        // Written together, the override is cut into as many syllables as the name has.
        assert_eq!(
            Reading::of("重庆", Some("Chóngqìng")).spaced(),
            "chong qing"
        );
        assert_eq!(Reading::of("西安", Some("xian")).spaced(), "xi an");
        assert_eq!(Reading::of("吕梁", Some("lvliang")).spaced(), "lv liang");
        assert_eq!(Reading::of("单丽华", Some("shanlihua")).initials(), "slh");
        // A blank override falls back to the generated reading.
        assert_eq!(Reading::of("西安", Some("  ")).spaced(), "xi an");
    }

    #[test]
    fn u_umlaut_is_typed_v_and_also_found_as_u() {
        let r = Reading::of("吕", None);
        assert_eq!(r.joined(), "lv");
        assert_eq!(r.keys(), "lu lv");
        assert_eq!(normalize("lǘ"), "lv");
        assert_eq!(normalize("nu:3"), "nv");
    }

    #[test]
    fn latin_letters_and_digits_stay_words() {
        let r = Reading::of("第3选区 A组", None);
        assert_eq!(r.spaced(), "di 3 xuan qu a zu");
        assert!(Reading::of("·—", None).is_empty());
        assert_eq!(Reading::of("·—", None).keys(), "");
    }

    #[test]
    fn long_names_index_a_bounded_number_of_suffixes() {
        let r = Reading::of("中国人民解放军和中国人民武装警察部队", None);
        assert_eq!(r.keys().split(' ').count(), MAX_SUFFIXES + 1);
        assert!(r.keys().starts_with("zhongguorenminjiefangjun"));
    }
}
