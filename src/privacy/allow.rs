//! What may be published although it looks like personal data: the
//! deputies' and stations' published numbers (compared by digits only, so
//! `0917-8212345`, `0917 8212345` and `09178212345` are the same number),
//! literal words from `site.yaml` `privacy.allow`, the deputies' own
//! names, and the addresses the site publishes itself (its stations' and
//! offices': 沿江西路151号 is no resident's home, however it is written).
//! Plain hash sets, so an `Allow` is cheap to query and `Send + Sync`.

use std::collections::HashSet;

use super::checksum::area_code_len;
use super::text::{before, digit, fold};
use super::{Finding, Kind};

/// Published numbers, allowed words and deputies' names.
#[derive(Debug, Clone, Default)]
pub struct Allow {
    /// Full numbers as digits: mobiles without a `+86`/`0086` prefix,
    /// landlines with their area code (and also without the extension).
    numbers: HashSet<String>,
    /// Local parts of published landlines (`8212345` of `0917-8212345`),
    /// for texts that leave the area code out.
    locals: HashSet<String>,
    /// Allowed words, matched exactly against a finding.
    exact: HashSet<String>,
    /// Allowed words that may also cover a finding inside them (王府井 covers
    /// 王府); e-mail addresses and numbers are not kept here.
    covering: Vec<String>,
    persons: HashSet<String>,
    /// Published house numbers with the few characters before them
    /// (`西路151号`, `江西路151号` …), matched against address findings.
    addresses: HashSet<String>,
}

/// How many characters before a published house number identify it.
const ADDRESS_LEAD: std::ops::RangeInclusive<usize> = 2..=4;

/// The digit groups of a number as written (`0917-8212345-801` → three groups).
pub(crate) fn digit_groups(s: &str) -> Vec<String> {
    let mut groups = Vec::new();
    let mut cur = String::new();
    for c in s.chars() {
        if let Some(d) = digit(c) {
            cur.push(char::from(b'0' + d));
        } else if !cur.is_empty() {
            groups.push(std::mem::take(&mut cur));
        }
    }
    if !cur.is_empty() {
        groups.push(cur);
    }
    groups
}

/// Splits a landline written as digit groups into area code and local part,
/// dropping an extension: `["029", "8888", "6666", "801"]` → `("029", "88886666")`,
/// `["09178212345"]` → `("0917", "8212345")`.
pub(crate) fn split_landline(groups: &[String]) -> Option<(String, String)> {
    let first = groups.first()?;
    let n = area_code_len(first.as_bytes())?;
    if groups.len() == 1 {
        let local = first.get(n..)?;
        return (7..=8)
            .contains(&local.len())
            .then(|| (first[..n].to_string(), local.to_string()));
    }
    if first.len() != n {
        return None;
    }
    let mut local = String::new();
    for g in &groups[1..] {
        if local.len() + g.len() > 8 {
            break;
        }
        local.push_str(g);
    }
    (7..=8)
        .contains(&local.len())
        .then(|| (first.clone(), local))
}

/// Drops a `86` / `0086` country prefix in front of a mobile number.
pub(crate) fn strip_country(d: &str) -> &str {
    for p in ["0086", "86"] {
        if let Some(rest) = d.strip_prefix(p)
            && rest.len() == 11
            && rest.starts_with('1')
        {
            return rest;
        }
    }
    d
}

impl Allow {
    /// An empty allow list.
    pub fn new() -> Self {
        Self::default()
    }

    /// Allow everything `other` allows too.
    pub fn merge(&mut self, other: Allow) {
        let Allow {
            numbers,
            locals,
            exact,
            covering,
            persons,
            addresses,
        } = other;
        self.numbers.extend(numbers);
        self.locals.extend(locals);
        for word in covering {
            if !self.exact.contains(&word) {
                self.covering.push(word);
            }
        }
        self.exact.extend(exact);
        self.persons.extend(persons);
        self.addresses.extend(addresses);
    }

    /// A published phone number in any format.
    pub fn number(&mut self, s: &str) {
        let groups = digit_groups(s);
        let all: String = groups.concat();
        if all.is_empty() {
            return;
        }
        let full = strip_country(&all).to_string();
        if let Some((area, local)) = split_landline(&groups) {
            self.numbers.insert(format!("{area}{local}"));
            self.locals.insert(local);
        }
        self.numbers.insert(full);
    }

    /// A literal string that may be published; numbers are registered
    /// with [`Allow::number`] and compared by digits.
    pub fn word(&mut self, s: &str) {
        let s = s.trim();
        if s.is_empty() {
            return;
        }
        if looks_like_number(s) {
            self.number(s);
            return;
        }
        if !s.contains(['@', '＠']) && !self.exact.contains(s) {
            self.covering.push(s.to_string());
        }
        self.exact.insert(s.to_string());
    }

    /// A deputy's own name: never flagged as a private person.
    pub fn person(&mut self, name: &str) {
        let name = name.trim();
        if !name.is_empty() {
            self.persons.insert(name.to_string());
        }
    }

    /// An address the site publishes (a station's, a handler's office):
    /// its house number is never taken for a resident's, in any text that
    /// names it after the same road.
    pub fn address(&mut self, s: &str) {
        let s = s.trim();
        let mut found = Vec::new();
        super::address::scan(s, &mut found);
        for f in found {
            for k in ADDRESS_LEAD {
                let lead = before(s, f.start, k);
                if lead.chars().count() == k {
                    self.addresses
                        .insert(format!("{lead}{}", &s[f.start..f.end]));
                }
            }
        }
        if !s.is_empty() && !self.exact.contains(s) {
            self.covering.push(s.to_string());
            self.exact.insert(s.to_string());
        }
    }

    /// Whether `f`, found in `text`, is published on purpose.
    pub(crate) fn permits(&self, text: &str, f: &Finding) -> bool {
        if f.kind == Kind::Address && !self.addresses.is_empty() {
            let Some(m) = text.get(f.start..f.end) else {
                return false;
            };
            let m = m.trim_end_matches(['院', '楼']);
            if ADDRESS_LEAD.into_iter().any(|k| {
                let lead = before(text, f.start, k);
                self.addresses.contains(&format!("{lead}{m}"))
            }) {
                return true;
            }
        }
        self.has_words() && self.covers(text, f.start, f.end)
    }

    /// Whether these digits (a mobile without country prefix, or a landline
    /// with area code) are published.
    pub(crate) fn has_number(&self, digits: &str) -> bool {
        self.numbers.contains(strip_country(digits))
    }

    /// Whether a landline's local part (no area code) is published.
    pub(crate) fn has_local(&self, digits: &str) -> bool {
        self.locals.contains(digits) || self.numbers.contains(digits)
    }

    pub(crate) fn is_person(&self, name: &str) -> bool {
        self.persons.contains(name)
    }

    /// Whether an allowed word is `text[start..end]` or occurs in `text`
    /// covering it.
    pub(crate) fn covers(&self, text: &str, start: usize, end: usize) -> bool {
        text.get(start..end).is_some_and(|m| self.exact.contains(m))
            || self.covering.iter().any(|w| {
                text.match_indices(w.as_str())
                    .any(|(i, m)| i <= start && end <= i + m.len())
            })
    }

    pub(crate) fn has_words(&self) -> bool {
        !self.exact.is_empty()
    }
}

/// Digits with phone punctuation only, and at least five digits.
fn looks_like_number(s: &str) -> bool {
    let mut digits = 0;
    for c in s.chars() {
        if digit(c).is_some() {
            digits += 1;
        } else if !matches!(fold(c), ' ' | '-' | '+' | '(' | ')' | '转' | '.') {
            return false;
        }
    }
    digits >= 5
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_compare_by_digits() {
        let mut a = Allow::new();
        a.number("0917-8212345");
        a.number("+86 138 0000 1111");
        a.word("（029）8888 6666 转 801");
        a.word("新华社区");
        a.person(" 李秀英 ");
        assert!(a.has_number("09178212345"));
        assert!(a.has_local("8212345"));
        assert!(a.has_number("13800001111"));
        assert!(a.has_number("8613800001111"));
        assert!(a.has_number("02988886666"));
        assert!(a.has_local("88886666"));
        assert!(!a.has_number("13800001112"));
        assert!(a.is_person("李秀英"));
        assert!(a.covers("在新华社区召开", 3, 9));
        assert!(!a.covers("在新华社区召开", 0, 9));
        a.word("lixiuying@example.gov.cn");
        assert!(a.covers("邮箱lixiuying@example.gov.cn", 6, 30));
    }

    #[test]
    fn contiguous_landline_registers_local_part() {
        let mut a = Allow::new();
        a.number("09178299000");
        assert!(a.has_local("8299000"));
        a.number("02988886666");
        assert!(a.has_local("88886666"));
    }

    #[test]
    fn published_addresses_are_permitted_after_the_same_road() {
        let mut a = Allow::new();
        a.address("广州市越秀区沿江西路151号");
        let text = "请到沿江西路151号联络站";
        let f = Finding {
            kind: Kind::Address,
            start: text.find("151").unwrap_or(0),
            end: text.find("联").unwrap_or(0),
            replacement: String::new(),
        };
        assert!(a.permits(text, &f));
        let other = "家住沿江东路151号";
        let g = Finding {
            start: other.find("151").unwrap_or(0),
            end: other.len(),
            ..f
        };
        assert!(!a.permits(other, &g));
    }

    #[test]
    fn allow_is_send_sync() {
        fn check<T: Send + Sync>() {}
        check::<Allow>();
    }
}
