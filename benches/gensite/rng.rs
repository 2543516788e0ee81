//! Deterministic randomness, calendar dates and small text helpers for `gensite`.
//! Every generated thing draws from its own SplitMix64 stream, keyed by the seed and
//! the thing's identity (a kind tag and codes), so a file's content never depends on
//! which thread wrote it or in which order.

use std::fmt::Write as _;

/// SplitMix64 finaliser: a good 64-bit mixing function.
fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// A SplitMix64 generator.
pub struct Rng(u64);

impl Rng {
    /// The stream for one generated thing: `tag` names the kind, `a` and `b` identify it.
    pub fn keyed(seed: u64, tag: u64, a: u64, b: u64) -> Rng {
        let k = mix(seed ^ 0x5851_F42D_4C95_7F2D);
        let k = mix(k ^ tag.wrapping_mul(0x9E37_79B9_7F4A_7C15));
        let k = mix(k ^ a.wrapping_add(0x2545_F491_4F6C_DD1D));
        Rng(mix(k ^ b.wrapping_add(0x1405_7B7E_F767_814F)))
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        mix(self.0)
    }

    /// Uniform in `0..n` (`n > 0`).
    pub fn below(&mut self, n: u64) -> u64 {
        ((u128::from(self.next_u64()) * u128::from(n)) >> 64) as u64
    }

    /// Uniform in `lo..=hi`.
    pub fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.below(hi - lo + 1)
    }

    /// True with probability `per_mille` / 1000.
    pub fn chance(&mut self, per_mille: u64) -> bool {
        self.below(1000) < per_mille
    }

    pub fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len() as u64) as usize]
    }
}

/// Kind tags for `Rng::keyed`.
pub mod tag {
    pub const VILLAGES: u64 = 1;
    pub const DEPUTY: u64 = 2;
    pub const STATION: u64 = 3;
    pub const ACTIVITY: u64 = 4;
    pub const SUGGESTION: u64 = 5;
    pub const ENDED: u64 = 6;
}

/// A calendar date, as days since 1970-01-01.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
pub struct Date(pub i64);

impl Date {
    /// Howard Hinnant's `days_from_civil`.
    pub fn ymd(y: i64, m: u32, d: u32) -> Date {
        let y = if m <= 2 { y - 1 } else { y };
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let mp = i64::from((m + 9) % 12);
        let doy = (153 * mp + 2) / 5 + i64::from(d) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        Date(era * 146_097 + doe - 719_468)
    }

    /// Howard Hinnant's `civil_from_days`.
    pub fn civil(self) -> (i64, u32, u32) {
        let z = self.0 + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        (
            if m <= 2 {
                yoe + era * 400 + 1
            } else {
                yoe + era * 400
            },
            m,
            d,
        )
    }

    pub fn plus(self, days: u64) -> Date {
        Date(self.0 + days as i64)
    }

    pub fn year(self) -> i64 {
        self.civil().0
    }

    /// Appends `YYYY-MM-DD`.
    pub fn push(self, s: &mut String) {
        let (y, m, d) = self.civil();
        let _ = write!(s, "{y:04}-{m:02}-{d:02}");
    }

    /// Appends `2025年5月12日`.
    pub fn push_cn(self, s: &mut String) {
        let (y, m, d) = self.civil();
        let _ = write!(s, "{y}年{m}月{d}日");
    }
}

/// First and last day of generated records (activities, suggestions and their steps).
pub fn first_day() -> Date {
    Date::ymd(2025, 1, 1)
}
pub fn last_day() -> Date {
    Date::ymd(2026, 11, 20)
}

/// A uniformly drawn day in `first_day()..=last_day()`.
pub fn any_day(rng: &mut Rng) -> Date {
    let (a, b) = (first_day().0, last_day().0);
    Date(a + rng.below((b - a + 1) as u64) as i64)
}

/// Chinese numerals for 1..=99_999 (第十二选区, 第一百零五选区).
pub fn push_cn_num(s: &mut String, n: u64) {
    const D: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    const U: [&str; 5] = ["", "十", "百", "千", "万"];
    if n == 0 {
        s.push_str(D[0]);
        return;
    }
    let digits: Vec<usize> = n
        .to_string()
        .bytes()
        .map(|b| usize::from(b - b'0'))
        .collect();
    let len = digits.len();
    let mut zero = false;
    for (i, &d) in digits.iter().enumerate() {
        let unit = len - 1 - i;
        if d == 0 {
            zero = true;
            continue;
        }
        if zero {
            s.push_str(D[0]);
            zero = false;
        }
        // 十二, not 一十二, when the number starts with the tens.
        if !(d == 1 && unit == 1 && i == 0) {
            s.push_str(D[d]);
        }
        s.push_str(U[unit.min(4)]);
    }
}

/// Appends a scalar for a YAML flow or block context, double-quoted when plain would
/// not survive (names in the division data hold `-` and full-width brackets only,
/// but the check keeps a changed data file from breaking the YAML).
pub fn push_yaml_str(s: &mut String, v: &str) {
    let risky = v.is_empty()
        || v.starts_with([
            '-', '?', '!', '&', '*', '\'', '"', '%', '@', '`', '|', '>', ' ',
        ])
        || v.contains([':', '#', ',', '[', ']', '{', '}', '"', '\\', '\n'])
        || v.ends_with(' ');
    if risky {
        s.push('"');
        for c in v.chars() {
            match c {
                '"' => s.push_str("\\\""),
                '\\' => s.push_str("\\\\"),
                '\n' => s.push_str("\\n"),
                c => s.push(c),
            }
        }
        s.push('"');
    } else {
        s.push_str(v);
    }
}

/// Appends `[a, b, c]`.
pub fn push_list<I: IntoIterator<Item = S>, S: AsRef<str>>(s: &mut String, items: I) {
    s.push('[');
    for (i, it) in items.into_iter().enumerate() {
        if i > 0 {
            s.push_str(", ");
        }
        s.push_str(it.as_ref());
    }
    s.push(']');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_round_trip() {
        for (y, m, d) in [(1970, 1, 1), (2024, 2, 29), (2025, 12, 31), (2026, 11, 20)] {
            assert_eq!(Date::ymd(y, m, d).civil(), (y, m, d));
        }
        assert_eq!(Date::ymd(1970, 1, 2).0, 1);
    }

    #[test]
    fn numerals() {
        let f = |n| {
            let mut s = String::new();
            push_cn_num(&mut s, n);
            s
        };
        assert_eq!(f(7), "七");
        assert_eq!(f(12), "十二");
        assert_eq!(f(20), "二十");
        assert_eq!(f(105), "一百零五");
        assert_eq!(f(1010), "一千零一十");
        assert_eq!(f(110), "一百一十");
    }
}
