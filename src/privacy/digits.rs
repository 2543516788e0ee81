//! Cutting a text into runs of digit groups for the number detectors:
//! groups are maximal runs of ASCII or full-width digits, joined into a run
//! by phone punctuation — spaces, a dash or `--`, the `)` of `(029)`, `转`
//! before an extension — and by the joiners that disguise a number: a dot
//! (`138.1234.5678`, also `·`; a lone decimal point like `12.5` or `3.14` is
//! not one), a slash, underscores, a tab or a line break. Dates (`2025.03.07`, `2025/03/07`) are
//! marked so no reading takes them in. Each group records what sits around
//! it (`+`, `(`, a glued letter, a decimal point, a trailing `X` of an ID
//! number), so the readers in `numbers.rs` never look at characters
//! themselves.

use super::text::{char_at, digit, fold, prev_char, rest};

/// Enough for a number spelled digit by digit (`1 3 8 1 2 3 4 5 6 7 8`).
pub(crate) const MAX_GROUPS: usize = 20;
/// Longest group kept; a longer one never matches anything.
pub(crate) const MAX_GROUP_DIGITS: usize = 24;

#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
pub(crate) enum Sep {
    #[default]
    None,
    Space,
    Dash,
    /// A dot, a slash, a tab or a line break.
    Joiner,
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
    /// A lone `.` and a digit follow the group.
    dot_after: bool,
    /// Part of a date (`2025.03.07`, `2025/3/7`, `2025-03-07`).
    pub(crate) date: bool,
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
        g.dot_after = true;
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
            // `.5`: the dot after a digit is judged by `for_each_run`.
            '.' => g.decimal = prev_char(text, k).is_none_or(|(_, c)| digit(c).is_none()),
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
    let mut joiners = 0;
    let mut breaks = false;
    for c in gap.chars() {
        n += 1;
        match fold(c) {
            ' ' => {}
            '-' | '~' => dashes += 1,
            '.' | '/' | '·' | '•' | '・' | '‧' | '∙' => joiners += 1,
            '_' => dashes += 1,
            '\t' | '\n' | '\r' => breaks = true,
            ')' if prev.lparen && n == 1 => paren = true,
            '转' => ext = true,
            _ => return None,
        }
    }
    let limit = if paren || ext {
        4
    } else if breaks {
        6
    } else {
        3
    };
    if n == 0 || n > limit || dashes > 2 || joiners > 1 || (ext && dashes > 0) {
        return None;
    }
    Some(if ext {
        Sep::Ext
    } else if paren {
        Sep::Paren
    } else if joiners > 0 || breaks || dashes == 2 || gap.contains('_') {
        Sep::Joiner
    } else if dashes == 1 {
        Sep::Dash
    } else {
        Sep::Space
    })
}

/// Whether a lone dot between `prev` and `next` is a decimal point: `12.5`,
/// `3.13812345678` — not `138.12345678` nor a dot in a chain like `138.1234.5678`.
fn is_decimal_point(prev: &Group, next: &Group) -> bool {
    let chained = prev.sep == Sep::Joiner || next.dot_after;
    let long_halves = prev.len >= 3 && next.len >= 4;
    !(chained || long_halves)
}

/// Marks the dates in a run: a 19xx/20xx year, a month and a day.
fn mark_dates(groups: &mut [Group]) {
    let value = |g: &Group| {
        g.digits()
            .iter()
            .fold(0u32, |v, d| v * 10 + u32::from(d - b'0'))
    };
    for k in 0..groups.len().saturating_sub(2) {
        let (y, m, d) = (&groups[k], &groups[k + 1], &groups[k + 2]);
        let dated = y.len == 4
            && matches!(value(y), 1900..=2099)
            && (1..=2).contains(&m.len)
            && (1..=12).contains(&value(m))
            && (1..=2).contains(&d.len)
            && (1..=31).contains(&value(d))
            && m.sep != Sep::None
            && m.sep == d.sep;
        if dated {
            for g in &mut groups[k..k + 3] {
                g.date = true;
            }
        }
    }
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
            let gap = text.get(prev.x_end..start).unwrap_or("");
            let decimal = fold_eq(gap, '.') && is_decimal_point(&prev, &g);
            if decimal {
                groups[ng - 1].decimal = true;
                g.decimal = true;
            }
            match separator(text, prev.x_end, start, &prev) {
                Some(sep) if ng < MAX_GROUPS && !prev.has_x() && !decimal => g.sep = sep,
                _ => {
                    mark_dates(&mut groups[..ng]);
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
        mark_dates(&mut groups[..ng]);
        f(&groups[..ng]);
    }
}

/// Whether `gap` is the one character `c` (after folding).
fn fold_eq(gap: &str, c: char) -> bool {
    let mut it = gap.chars();
    it.next().is_some_and(|g| fold(g) == c) && it.next().is_none()
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
        assert_eq!(runs("1 --- 2").len(), 2);
        assert_eq!(runs("138--1234--5678")[0].len(), 3);
        assert_eq!(runs("１３８").len(), 1);
        assert!(runs("无数字").is_empty());
    }

    #[test]
    fn disguising_joiners_join_but_decimals_and_dates_do_not() {
        for t in [
            "138.1234.5678",
            "138/1234/5678",
            "138\t1234\t5678",
            "138\n1234\n5678",
            "138.12345678",
        ] {
            assert_eq!(runs(t).len(), 1, "{t}");
        }
        assert_eq!(runs("12.5").len(), 2);
        assert_eq!(runs("3.13812345678").len(), 2);
        let mut dates = Vec::new();
        for_each_run("2025.03.07 2025/3/7", |g| {
            dates.extend(g.iter().map(|g| g.date))
        });
        assert!(dates.iter().all(|d| *d), "{dates:?}");
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
