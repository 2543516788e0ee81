//! Normalised views of a text, so that disguised data is scanned the way a
//! reader sees it. A [`View`] is a copy of the text after Unicode NFKC
//! (full-width, circled, superscript and mathematical digits become ASCII),
//! without zero-width and format characters (U+200B–U+200F, U+2060, U+FEFF,
//! soft hyphen, bidi marks), with Chinese digits in long digit runs read as
//! digits (一三八… → 138…, 幺 → 1, 〇 → 0) and spaces between two Han
//! characters, or a Han character and a digit, dropped (张 大爷 → 张大爷,
//! 3 号楼 → 3号楼). [`rendered`] builds the same view
//! from what Markdown shows: entities decoded, HTML comments and tags,
//! emphasis markers and backslash escapes gone. Every byte of a view keeps
//! the byte range of the original text it came from, so a finding in a view
//! maps back to the bytes the editor typed ([`View::original`]).
//!
//! Joiners inside digit runs (`.`, `/`, `--`, tabs, line breaks) are read by
//! `digits.rs`, on the original text and on every view alike.

use pulldown_cmark::{Event, Options, Parser, TagEnd};
use unicode_normalization::UnicodeNormalization;

use super::text::{fold, is_han};

/// A normalised copy of a text with a map back to the original bytes.
#[derive(Debug, Default)]
pub(crate) struct View {
    pub(crate) text: String,
    /// For each byte of `text`, the original byte range it came from.
    from: Vec<(u32, u32)>,
}

impl View {
    /// The original byte range of the view's bytes `start..end`.
    pub(crate) fn original(&self, start: usize, end: usize) -> Option<(usize, usize)> {
        if start >= end {
            return None;
        }
        let first = self.from.get(start)?;
        let last = self.from.get(end - 1)?;
        Some((first.0 as usize, last.1 as usize))
    }
}

/// One character of a view and the original range it came from.
#[derive(Clone, Copy)]
struct Piece {
    c: char,
    start: u32,
    end: u32,
}

/// Invisible characters that only hide what they sit in.
pub(crate) fn is_format(c: char) -> bool {
    matches!(c,
        '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{180E}' | '\u{200B}'..='\u{200F}'
        | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{206F}'
        | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}')
}

/// The value of a Chinese digit as written in a spelled-out number.
pub(crate) fn cn_digit(c: char) -> Option<u8> {
    Some(match c {
        '〇' | '零' | '洞' => 0,
        '一' | '幺' | '壹' => 1,
        '二' | '贰' => 2,
        '三' | '叁' => 3,
        '四' | '肆' => 4,
        '五' | '伍' => 5,
        '六' | '陆' => 6,
        '七' | '柒' | '拐' => 7,
        '八' | '捌' => 8,
        '九' | '玖' | '勾' => 9,
        _ => return None,
    })
}

/// Digit runs with at least this many digits have their Chinese digits read.
const CN_RUN: usize = 7;

/// Whether `c` may sit between two digits of one run.
fn is_joiner(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r' | '.' | '/' | '-' | '_')
}

/// Characters a plain text may hold without needing a view: ASCII, Han
/// characters, common CJK punctuation, and the full-width forms of ASCII,
/// which every detector folds itself (`text::fold`).
fn plain_char(c: char) -> bool {
    c.is_ascii()
        || (is_han(c) && cn_digit(c).is_none())
        || matches!(c, '\u{FF01}'..='\u{FF5E}' | '\u{3001}' | '\u{3002}' | '\u{3008}'..='\u{3011}')
        || matches!(c, '‘' | '’' | '“' | '”' | '…' | '·' | '—')
}

/// Whether [`plain`] would differ from `text`: the fast path that keeps a
/// text without anything to normalise from costing more than one pass.
pub(crate) fn needed(text: &str) -> bool {
    // A space after a Han character or a digit, and what it came after.
    let mut prev_han = false;
    let mut prev_digit = false;
    let mut space_after_han = false;
    let mut cn_run = 0;
    for c in text.chars() {
        if cn_digit(c).is_some() || (cn_run > 0 && (c.is_ascii_digit() || is_joiner(c))) {
            cn_run += usize::from(!is_joiner(c));
            if cn_run >= CN_RUN {
                return true;
            }
        } else {
            cn_run = 0;
        }
        if !plain_char(c) && cn_digit(c).is_none() {
            return true;
        }
        let word = is_han(c) || c.is_ascii_digit();
        if word && space_after_han && (is_han(c) || prev_han) {
            return true;
        }
        if !matches!(c, ' ' | '\t') {
            space_after_han = false;
            prev_han = is_han(c);
        }
        space_after_han |= (prev_han || prev_digit) && matches!(c, ' ' | '\t');
        if !matches!(c, ' ' | '\t') {
            prev_digit = c.is_ascii_digit();
        }
    }
    false
}

/// Appends `c`, NFKC-folded, unless it is a format character.
fn push_folded(out: &mut Vec<Piece>, c: char, start: u32, end: u32) {
    if is_format(c) {
        return;
    }
    if c.is_ascii() {
        out.push(Piece { c, start, end });
        return;
    }
    for n in std::iter::once(c).nfkc() {
        out.push(Piece {
            c: fold(n),
            start,
            end,
        });
    }
}

/// Reads Chinese digits as digits in runs of at least [`CN_RUN`] digits, and
/// drops spaces between two Han characters.
fn settle(pieces: Vec<Piece>) -> View {
    let mut pieces = pieces;
    let mut k = 0;
    while k < pieces.len() {
        let is_digit = |c: char| c.is_ascii_digit() || cn_digit(c).is_some();
        if !is_digit(pieces[k].c) {
            k += 1;
            continue;
        }
        // The run from k: digits, with single joiners between them.
        let mut end = k;
        let mut digits = 0;
        let mut cn = false;
        let mut j = k;
        while j < pieces.len() {
            let c = pieces[j].c;
            if is_digit(c) {
                digits += 1;
                cn |= cn_digit(c).is_some();
                end = j + 1;
                j += 1;
            } else if is_joiner(c) && pieces.get(j + 1).is_some_and(|p| is_digit(p.c)) {
                j += 1;
            } else if is_joiner(c)
                && pieces.get(j + 1).is_some_and(|p| is_joiner(p.c))
                && pieces.get(j + 2).is_some_and(|p| is_digit(p.c))
            {
                j += 2;
            } else {
                break;
            }
        }
        if cn && digits >= CN_RUN {
            for p in &mut pieces[k..end] {
                if let Some(d) = cn_digit(p.c) {
                    p.c = char::from(b'0' + d);
                }
            }
        }
        k = end.max(k + 1);
    }
    let mut view = View {
        text: String::with_capacity(pieces.len() * 3),
        from: Vec::with_capacity(pieces.len() * 3),
    };
    for (k, p) in pieces.iter().enumerate() {
        if matches!(p.c, ' ' | '\t') && between_han(&pieces, k) {
            continue;
        }
        view.text.push(p.c);
        for _ in 0..p.c.len_utf8() {
            view.from.push((p.start, p.end));
        }
    }
    view
}

/// Whether the spaces around piece `k` sit between two Han characters, or
/// between a Han character and a digit (家住 3 号楼 → 家住3号楼); spaces
/// between two digits are joiners `digits.rs` reads.
fn between_han(pieces: &[Piece], k: usize) -> bool {
    let spacey = |c: char| matches!(c, ' ' | '\t');
    let left = pieces[..k].iter().rev().find(|p| !spacey(p.c)).map(|p| p.c);
    let right = pieces[k + 1..].iter().find(|p| !spacey(p.c)).map(|p| p.c);
    match (left, right) {
        (Some(l), Some(r)) => {
            (is_han(l) && (is_han(r) || r.is_ascii_digit())) || (l.is_ascii_digit() && is_han(r))
        }
        _ => false,
    }
}

/// The normalised view of a plain text, or `None` when it would equal the text.
pub(crate) fn plain(text: &str) -> Option<View> {
    if !needed(text) {
        return None;
    }
    let mut pieces = Vec::with_capacity(text.len());
    for (i, c) in text.char_indices() {
        push_folded(&mut pieces, c, i as u32, (i + c.len_utf8()) as u32);
    }
    Some(settle(pieces))
}

/// Whether Markdown could show `text` differently from its source.
pub(crate) fn has_markup(text: &str) -> bool {
    text.contains(['*', '_', '~', '`', '\\', '&', '<', '[', '!', '|', '>', '#'])
}

/// The normalised view of what Markdown `md` shows, or `None` when it has
/// no markup.
pub(crate) fn rendered(md: &str) -> Option<View> {
    if !has_markup(md) {
        return None;
    }
    let options =
        Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH;
    let mut pieces: Vec<Piece> = Vec::with_capacity(md.len());
    let mut soft_break: Option<(u32, u32)> = None;
    for (event, range) in Parser::new_ext(md, options).into_offset_iter() {
        let (start, end) = (range.start as u32, range.end as u32);
        match event {
            Event::Text(t) | Event::Code(t) => {
                if let Some((s, e)) = soft_break.take() {
                    // A line break between CJK characters is dropped when rendered.
                    let cjk = |c: Option<char>| c.is_some_and(crate::vocab::is_cjk);
                    if !(cjk(pieces.last().map(|p| p.c)) && cjk(t.chars().next())) {
                        pieces.push(Piece {
                            c: '\n',
                            start: s,
                            end: e,
                        });
                    }
                }
                if md.get(range.clone()) == Some(&*t) {
                    for (k, c) in t.char_indices() {
                        let s = start + k as u32;
                        push_folded(&mut pieces, c, s, s + c.len_utf8() as u32);
                    }
                } else {
                    for c in t.chars() {
                        push_folded(&mut pieces, c, start, end);
                    }
                }
            }
            Event::SoftBreak => soft_break = Some((start, end)),
            Event::HardBreak | Event::Rule => {
                soft_break = None;
                block_break(&mut pieces, start, end, md.len());
            }
            Event::End(tag) if !is_inline(tag) => {
                soft_break = None;
                block_break(&mut pieces, start, end, md.len());
            }
            _ => {}
        }
    }
    Some(settle(pieces))
}

/// Ends of the tags that sit inside a line of text.
fn is_inline(tag: TagEnd) -> bool {
    matches!(
        tag,
        TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Link
            | TagEnd::Image
            | TagEnd::Superscript
            | TagEnd::Subscript
    )
}

/// A line break between blocks, mapped to the event that ends the block.
fn block_break(pieces: &mut Vec<Piece>, start: u32, end: u32, len: usize) {
    if pieces.last().is_some_and(|p| p.c != '\n') {
        pieces.push(Piece {
            c: '\n',
            start,
            end: end.max(start + 1).min(len as u32),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(v: &Option<View>) -> &str {
        v.as_ref().map_or("<none>", |v| v.text.as_str())
    }

    #[test]
    fn folds_compatibility_forms_and_drops_invisible_characters() {
        let v = plain("电话①③⑧1\u{200B}2\u{FEFF}34𝟓𝟔𝟕𝟖¹");
        assert_eq!(shown(&v), "电话138123456781");
        let v = plain("zhangsan@163\u{FE52}com");
        assert_eq!(shown(&v), "zhangsan@163.com");
        assert!(plain("村民反映路灯不亮，电话12345热线。").is_none());
    }

    #[test]
    fn reads_chinese_digits_only_in_long_runs() {
        assert_eq!(
            shown(&plain("电话一三八一二三四五六七八")),
            "电话13812345678"
        );
        assert_eq!(shown(&plain("幺三八 幺二三四 五六七八")), "138 1234 5678");
        assert!(plain("一二三四五六，一个一个来").is_none());
    }

    #[test]
    fn drops_spaces_between_han_characters() {
        assert_eq!(shown(&plain("张 大爷反映")), "张大爷反映");
        assert_eq!(shown(&plain("家住 3 号楼 501 室")), "家住3号楼501室");
        assert_eq!(shown(&plain("电话 138 1234")), "电话138 1234");
        assert!(plain("call 138 1234").is_none());
    }

    #[test]
    fn maps_back_to_original_bytes() {
        let text = "手机①③⑧";
        let v = plain(text).expect("a view");
        let at = v.text.find("138").expect("digits");
        assert_eq!(v.original(at, at + 3), Some((6, text.len())));
        assert_eq!(v.original(3, 3), None);
    }

    #[test]
    fn rendered_markdown_loses_its_markup() {
        let md = "电话138**1234**<!-- x -->5678，\\*号&#49;&#x32;";
        let v = rendered(md).expect("markup");
        assert_eq!(v.text.trim_end(), "电话13812345678,*号12");
        let at = v.text.find("138").expect("digits");
        let (s, e) = v.original(at, at + 11).expect("maps");
        assert_eq!(&md[s..e], "138**1234**<!-- x -->5678");
        assert!(rendered("没有标记的正文").is_none());
    }
}
