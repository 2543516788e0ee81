//! Cutting a text into runs of digit groups for the number detectors:
//! groups are maximal runs of ASCII or full-width digits, joined into a run
//! by phone punctuation — a space, one dash, the `)` of `(029)`, `转` before
//! an extension. Each group records what sits around it (`+`, `(`, a glued
//! letter, a decimal point, a trailing `X` of an ID number), so the readers
//! in `numbers.rs` never look at characters themselves.

use super::text::{char_at, digit, fold, prev_char, rest};

pub(crate) const MAX_GROUPS: usize = 10;
/// Longest group kept; a longer one never matches anything.
pub(crate) const MAX_GROUP_DIGITS: usize = 24;

#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
pub(crate) enum Sep {
    #[default]
    None,
    Space,
    Dash,
    /// `)` after a parenthesised area code.
    Paren,
    /// `转` before an extension.
    Ext,
}

#[derive(Clone, Copy, Default)]
pub(crate) struct Group {
    /// Byte offsets of the digits.
    pub(crate) start: usize,
    pub(crate) end: usize,
    /// End including a trailing `X` (ID numbers).
    pub(crate) x_end: usize,
    pub(crate) digits: [u8; MAX_GROUP_DIGITS],
    pub(crate) len: usize,
    /// Separator between the previous group and this one.
    pub(crate) sep: Sep,
    /// Where the match would start if it starts here: before `(`, `+`, `(+`.
    pub(crate) lead: usize,
    pub(crate) lparen: bool,
    pub(crate) plus: bool,
    /// Glued to an ASCII letter on the left (a code like `SN2025…`).
    pub(crate) glued_left: bool,
    /// Glued to an ASCII letter on the right.
    pub(crate) glued_right: bool,
    /// Part of a decimal number.
    pub(crate) decimal: bool,
}

impl Group {
    pub(crate) fn digits(&self) -> &[u8] {
        &self.digits[..self.len.min(MAX_GROUP_DIGITS)]
    }
    pub(crate) fn has_x(&self) -> bool {
        self.x_end > self.end
    }
}

/// Reads the digit group starting at byte `i` (a digit).
fn read_group(text: &str, i: usize) -> Group {
    let mut g = Group {
        start: i,
        lead: i,
        ..Group::default()
    };
    let mut end = i;
    for c in rest(text, i).chars() {
        let Some(d) = digit(c) else { break };
        if g.len < MAX_GROUP_DIGITS {
            g.digits[g.len] = b'0' + d;
        }
        g.len += 1;
        end += c.len_utf8();
    }
    g.end = end;
    g.x_end = end;
    let raw_next = char_at(text, end);
    let next = raw_next.map(fold);
    // Where the character after the digits ends (`Ｘ` and `．` take 3 bytes).
    let after_next = end + raw_next.map_or(0, char::len_utf8);
    if matches!(next, Some('X' | 'x'))
        && !char_at(text, after_next).is_some_and(|c| fold(c).is_ascii_alphanumeric())
    {
        g.x_end = after_next;
    } else if next.is_some_and(|c| c.is_ascii_alphabetic()) {
        g.glued_right = true;
    }
    if next == Some('.') && char_at(text, after_next).and_then(digit).is_some() {
        g.decimal = true;
    }
    // Look left: `(`, `+`, `(+`, a letter, a decimal point.
    if let Some((k, c)) = prev_char(text, i) {
        match fold(c) {
            '+' => {
                g.plus = true;
                g.lead = k;
                if let Some((k2, c2)) = prev_char(text, k)
                    && fold(c2) == '('
                {
                    g.lparen = true;
                    g.lead = k2;
                }
            }
            '(' => {
                g.lparen = true;
                g.lead = k;
            }
            '.' => g.decimal = prev_char(text, k).is_some_and(|(_, c)| digit(c).is_some()),
            c if c.is_ascii_alphabetic() => g.glued_left = true,
            _ => {}
        }
    }
    g
}

/// The separator between a group ending at `from` and the next digit at `to`.
fn separator(text: &str, from: usize, to: usize, prev: &Group) -> Option<Sep> {
    let gap = text.get(from..to)?;
    let mut dashes = 0;
    let mut n = 0;
    let mut paren = false;
    let mut ext = false;
    for c in gap.chars() {
        n += 1;
        match fold(c) {
            ' ' => {}
            '-' | '~' => dashes += 1,
            ')' if prev.lparen && n == 1 => paren = true,
            '转' => ext = true,
            _ => return None,
        }
    }
    let limit = if paren || ext { 4 } else { 3 };
    if n == 0 || n > limit || dashes > 1 || (ext && dashes > 0) {
        return None;
    }
    Some(if ext {
        Sep::Ext
    } else if paren {
        Sep::Paren
    } else if dashes == 1 {
        Sep::Dash
    } else {
        Sep::Space
    })
}

/// Calls `f` with each run of digit groups in `text`, left to right.
pub(crate) fn for_each_run(text: &str, mut f: impl FnMut(&[Group])) {
    let mut groups = [Group::default(); MAX_GROUPS];
    let mut ng = 0;
    let mut i = 0;
    while i < text.len() {
        // Next digit.
        let Some(k) = rest(text, i).find(|c: char| digit(c).is_some()) else {
            break;
        };
        let start = i + k;
        let mut g = read_group(text, start);
        if ng > 0 {
            let prev = groups[ng - 1];
            match separator(text, prev.x_end, start, &prev) {
                Some(sep) if ng < MAX_GROUPS && !prev.has_x() => g.sep = sep,
                _ => {
                    f(&groups[..ng]);
                    ng = 0;
                }
            }
        }
        i = g.x_end.max(g.end);
        groups[ng] = g;
        ng += 1;
    }
    if ng > 0 {
        f(&groups[..ng]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn runs(text: &str) -> Vec<Vec<(String, Sep)>> {
        let mut out = Vec::new();
        for_each_run(text, |gs| {
            out.push(
                gs.iter()
                    .map(|g| (String::from_utf8_lossy(g.digits()).into_owned(), g.sep))
                    .collect(),
            );
        });
        out
    }

    #[test]
    fn groups_and_separators() {
        let r = runs("（029）8888 6666转801，2025年3月");
        assert_eq!(r.len(), 3);
        let seps: Vec<Sep> = r[0].iter().map(|g| g.1).collect();
        assert_eq!(seps, [Sep::None, Sep::Paren, Sep::Space, Sep::Ext]);
        assert_eq!(r[0][1].0, "8888");
        assert_eq!(runs("138-1234-5678")[0].len(), 3);
        assert_eq!(runs("1 -- 2").len(), 2);
        assert_eq!(runs("１３８").len(), 1);
        assert!(runs("无数字").is_empty());
    }

    #[test]
    fn surroundings() {
        let mut gs = Vec::new();
        for_each_run("+86 138 SN2025 3.14 61010219900307123X", |g| {
            gs.extend_from_slice(g)
        });
        assert!(gs[0].plus && gs[0].lead == 0 && gs[0].start == 1);
        assert!(gs[2].glued_left);
        assert!(gs[3].decimal && gs[4].decimal);
        assert!(gs[5].has_x());
        // A full-width X is three bytes long.
        let t = "身份证１１０１０５１９４９１２３１００２Ｘ号";
        let mut gs = Vec::new();
        for_each_run(t, |g| gs.extend_from_slice(g));
        assert_eq!(&t[gs[0].x_end..], "号");
    }
}
