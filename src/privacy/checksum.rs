//! Validity checks for number-shaped personal data: the GB 11643-1999
//! check character of resident ID numbers (18-digit, and the date inside the
//! old 15-digit ones), province prefixes, the Luhn check of bank cards, and
//! telephone area codes. All functions take ASCII digits (`b'0'..=b'9'`,
//! plus `b'X'` as an ID's last character) and never panic on other input.

/// GB 11643 check character for the first 17 digits of an ID number.
pub fn gb11643_check(first17: &[u8]) -> Option<u8> {
    const W: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    const C: &[u8; 11] = b"10X98765432";
    if first17.len() != 17 {
        return None;
    }
    let mut sum = 0u32;
    for (d, w) in first17.iter().zip(W) {
        if !d.is_ascii_digit() {
            return None;
        }
        sum += u32::from(d - b'0') * w;
    }
    C.get((sum % 11) as usize).copied()
}

/// Whether an 18-character ID number's check character is right (`x` counts as `X`).
pub fn gb11643_valid(id: &[u8]) -> bool {
    if id.len() != 18 {
        return false;
    }
    let last = id[17].to_ascii_uppercase();
    gb11643_check(&id[..17]) == Some(last)
}

/// The Luhn (mod 10) check used by bank cards.
pub fn luhn_valid(digits: &[u8]) -> bool {
    if digits.len() < 2 {
        return false;
    }
    let mut sum = 0u32;
    for (k, d) in digits.iter().rev().enumerate() {
        if !d.is_ascii_digit() {
            return false;
        }
        let mut v = u32::from(d - b'0');
        if k % 2 == 1 {
            v *= 2;
            if v > 9 {
                v -= 9;
            }
        }
        sum += v;
    }
    sum.is_multiple_of(10)
}

fn num(d: &[u8]) -> Option<u32> {
    let mut v = 0u32;
    for &b in d {
        if !b.is_ascii_digit() {
            return None;
        }
        v = v.checked_mul(10)?.checked_add(u32::from(b - b'0'))?;
    }
    Some(v)
}

/// Whether `y`-`m`-`d` is a real calendar date.
pub fn valid_date(y: u32, m: u32, d: u32) -> bool {
    let leap = (y.is_multiple_of(4) && !y.is_multiple_of(100)) || y.is_multiple_of(400);
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&d)
}

/// Whether the first two digits are a province-level code of GB/T 2260.
pub fn valid_province(d: &[u8]) -> bool {
    matches!(
        d.get(..2).and_then(num),
        Some(11..=15 | 21..=23 | 31..=37 | 41..=46 | 50..=54 | 61..=65 | 71 | 81..=83)
    )
}

/// An 18-digit ID's region and birth date look right (the check digit aside).
pub fn id18_plausible(id: &[u8]) -> bool {
    if id.len() != 18 || !id[..17].iter().all(u8::is_ascii_digit) {
        return false;
    }
    let last = id[17].to_ascii_uppercase();
    if !(last.is_ascii_digit() || last == b'X') || !valid_province(id) {
        return false;
    }
    match (num(&id[6..10]), num(&id[10..12]), num(&id[12..14])) {
        (Some(y), Some(m), Some(d)) => (1900..=2030).contains(&y) && valid_date(y, m, d),
        _ => false,
    }
}

/// A complete check of an 18-character ID number.
pub fn id18_valid(id: &[u8]) -> bool {
    id18_plausible(id) && gb11643_valid(id)
}

/// An old 15-digit ID: region and a valid `yymmdd` birth date (19yy).
pub fn id15_valid(id: &[u8]) -> bool {
    if id.len() != 15 || !id.iter().all(u8::is_ascii_digit) || !valid_province(id) {
        return false;
    }
    match (num(&id[6..8]), num(&id[8..10]), num(&id[10..12])) {
        (Some(y), Some(m), Some(d)) => valid_date(1900 + y, m, d),
        _ => false,
    }
}

/// Length of the telephone area code at the start of `d` (`010`, `02x`: 3;
/// `0[3-9]xx`: 4), or `None` if `d` does not start with one.
pub fn area_code_len(d: &[u8]) -> Option<usize> {
    match d {
        [b'0', b'1', b'0', ..] | [b'0', b'2', b'0'..=b'9', ..] => Some(3),
        [b'0', b'3'..=b'9', b'0'..=b'9', b'0'..=b'9', ..] => Some(4),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gb11643_examples() {
        // The standard's own example and a few computed ones.
        assert!(gb11643_valid(b"11010519491231002X"));
        assert!(gb11643_valid(b"11010519491231002x"));
        assert!(!gb11643_valid(b"110105194912310021"));
        assert!(gb11643_valid(b"440524188001010014"));
        assert!(id18_valid(b"11010519491231002X"));
        assert!(!id18_valid(b"11010519491331002X")); // month 13
        assert!(!id18_valid(b"99010519491231002X")); // no province 99
        assert!(!gb11643_valid(b"1101051949123100"));
        assert!(!gb11643_valid(b"1101051949123100AX"));
        assert_eq!(gb11643_check(b"11010519491231002"), Some(b'X'));
    }

    #[test]
    fn id15_examples() {
        assert!(id15_valid(b"610102850612123"));
        assert!(!id15_valid(b"610102851312123"));
        assert!(!id15_valid(b"610102850230123"));
        assert!(!id15_valid(b"910102850612123"));
    }

    #[test]
    fn luhn_examples() {
        assert!(luhn_valid(b"4111111111111111"));
        assert!(luhn_valid(b"6222021234567890128"));
        assert!(!luhn_valid(b"6222021234567890123"));
        assert!(luhn_valid(b"79927398713"));
        assert!(!luhn_valid(b"7992739871a"));
        assert!(!luhn_valid(b"0"));
    }

    #[test]
    fn dates_and_area_codes() {
        assert!(valid_date(2024, 2, 29));
        assert!(!valid_date(2025, 2, 29));
        assert!(!valid_date(1900, 2, 29));
        assert!(valid_date(2000, 2, 29));
        assert_eq!(area_code_len(b"0298888"), Some(3));
        assert_eq!(area_code_len(b"0108888"), Some(3));
        assert_eq!(area_code_len(b"09178212345"), Some(4));
        assert_eq!(area_code_len(b"0118888"), None);
        assert_eq!(area_code_len(b"12345"), None);
        assert_eq!(area_code_len(b"03"), None);
    }
}
