//! A station's reception schedule as an office writes it in one cell (接待安排):
//! `每月第一个星期五 9:00-11:30`, `每周二、四 14:30-17:00`, `每月10日、25日 上午9:00-11:30`,
//! `每年3月、6月、9月、12月的10日 9:00-11:30`; several separated by `；` or line breaks.
//!
//! Each becomes the same [`RawReception`] a YAML `receptions:` item is, so the rules of
//! `docs/schedules.md` (holidays, exceptions, rota) apply unchanged; what the text does not
//! say (a rota, a start date) is written in YAML.

use crate::sources::located::{At, OneOrMany, Text};
use crate::sources::raw::RawReception;
use crate::vocab::{Every, Weekday};

/// The receptions a cell describes, each located at the cell; `Err` says what could not be
/// read.
pub(crate) fn parse(text: &str, line: u32, col: u32) -> Result<Vec<At<RawReception>>, String> {
    let text = super::headers::fold_width(text);
    let mut out = Vec::new();
    for part in text.split(['；', ';', '\n', '。']) {
        let part = part.trim();
        if part.is_empty() {
            continue;
        }
        out.push(At::new(one(part, line, col)?, line, col));
    }
    if out.is_empty() {
        return Err("the cell is empty".to_owned());
    }
    Ok(out)
}

fn one(s: &str, line: u32, col: u32) -> Result<RawReception, String> {
    fn at<T>(v: T, line: u32, col: u32) -> At<T> {
        At::new(v, line, col)
    }
    let time = time(s)
        .ok_or_else(|| format!("`{s}` names no time: write it as 9:00-11:30 after the day"))?;
    let mut r = RawReception {
        every: None,
        weekday: None,
        nth: None,
        day: None,
        months: None,
        interval: None,
        date: None,
        time: at(Text(time), line, col),
        rota: None,
        deputies: None,
        from: None,
        until: None,
        topic: None,
        id: None,
        guests: Vec::new(),
    };
    let (months, rest) = months(s);
    let yearly = months.is_some();
    if let Some(m) = months {
        r.months = Some(at(OneOrMany::Many(m), line, col));
    }
    if let Some(after) = rest
        .strip_prefix("每周")
        .or_else(|| rest.strip_prefix("每星期"))
        .or_else(|| rest.strip_prefix("每个星期"))
    {
        r.every = Some(at(Every::Week, line, col));
        r.weekday = Some(at(weekdays(after).ok_or_else(|| no_day(s))?, line, col));
    } else if let Some(after) = rest
        .strip_prefix("隔周")
        .or_else(|| rest.strip_prefix("每两周"))
    {
        r.every = Some(at(Every::Week, line, col));
        r.interval = Some(at(2, line, col));
        r.weekday = Some(at(weekdays(after).ok_or_else(|| no_day(s))?, line, col));
    } else if let Some(after) = rest
        .strip_prefix("每月")
        .or_else(|| rest.strip_prefix("每个月"))
        .or(yearly.then_some(rest))
    {
        let after = after.trim_start_matches('的');
        r.every = Some(at(Every::Month, line, col));
        if let Some((nth, after)) = nth(after) {
            r.nth = Some(at(OneOrMany::One(nth), line, col));
            r.weekday = Some(at(weekdays(after).ok_or_else(|| no_day(s))?, line, col));
        } else {
            let days = days(after).ok_or_else(|| no_day(s))?;
            r.day = Some(at(OneOrMany::Many(days), line, col));
        }
    } else {
        return Err(no_day(s));
    }
    Ok(r)
}

fn no_day(s: &str) -> String {
    format!(
        "`{s}` is not a schedule lianluo can read: write it like 每周二 9:00-11:30, 每月第一个星期五 9:00-11:30 or 每月10日 9:00-11:30"
    )
}

/// `9:00-11:30`, `9：00—11：30`, `上午9:00至11:30`, as `09:00-11:30`.
fn time(s: &str) -> Option<String> {
    let b: Vec<char> = s.chars().collect();
    let mut times = Vec::new();
    let mut afternoon = false;
    let mut i = 0;
    while i < b.len() && times.len() < 2 {
        if b[i].is_ascii_digit() && (i == 0 || !b[i - 1].is_ascii_digit()) {
            let mut j = i;
            while j < b.len() && b[j].is_ascii_digit() {
                j += 1;
            }
            if j < b.len() && (b[j] == ':' || b[j] == '：') {
                let mut k = j + 1;
                while k < b.len() && b[k].is_ascii_digit() {
                    k += 1;
                }
                let h: u32 = b[i..j].iter().collect::<String>().parse().ok()?;
                let m: u32 = b[j + 1..k].iter().collect::<String>().parse().ok()?;
                let before: String = b[..i].iter().collect();
                afternoon |= before.ends_with("下午") || before.ends_with("晚上");
                let pm = afternoon && h < 12;
                times.push(format!("{:02}:{m:02}", if pm { h + 12 } else { h }));
                i = k;
                continue;
            }
        }
        i += 1;
    }
    match times.as_slice() {
        [a, b] => Some(format!("{a}-{b}")),
        _ => None,
    }
}

/// A leading `3月、6月、9月、12月` (the months of a yearly rule) and the rest of the text.
fn months(s: &str) -> (Option<Vec<i8>>, &str) {
    let s = s.strip_prefix("每年").unwrap_or(s);
    let mut rest = s;
    let mut out = Vec::new();
    loop {
        let digits = rest.chars().take_while(char::is_ascii_digit).count();
        let Some(after) = rest[digits..].strip_prefix('月') else {
            break;
        };
        if digits == 0 {
            break;
        }
        match rest[..digits].parse::<i8>() {
            Ok(m) => out.push(m),
            Err(_) => break,
        }
        rest = after.trim_start_matches(['、', ',', '，']);
    }
    if out.is_empty() {
        (None, s)
    } else {
        (Some(out), rest)
    }
}

/// `第一个星期五`, `第2个周三`, `最后一个星期五`: the nth and the rest.
fn nth(s: &str) -> Option<(i8, &str)> {
    if let Some(rest) = s
        .strip_prefix("最后一个")
        .or_else(|| s.strip_prefix("最后一"))
    {
        return Some((-1, rest));
    }
    let rest = s.strip_prefix('第')?;
    let c = rest.chars().next()?;
    let n = number(c)?;
    let rest = &rest[c.len_utf8()..];
    let rest = rest.strip_prefix('个').unwrap_or(rest);
    (rest.starts_with("星期") || rest.starts_with("周") || rest.starts_with("礼拜"))
        .then_some((n, rest))
}

fn number(c: char) -> Option<i8> {
    Some(match c {
        '一' | '1' => 1,
        '二' | '2' => 2,
        '三' | '3' => 3,
        '四' | '4' => 4,
        '五' | '5' => 5,
        _ => return None,
    })
}

/// `星期二、四`, `周二和周四`, `二` …
fn weekdays(s: &str) -> Option<OneOrMany<Weekday>> {
    use Weekday::*;
    let mut out = Vec::new();
    for c in s.chars() {
        let w = match c {
            '一' => Monday,
            '二' => Tuesday,
            '三' => Wednesday,
            '四' => Thursday,
            '五' => Friday,
            '六' => Saturday,
            '日' | '天' => Sunday,
            '星' | '期' | '周' | '礼' | '拜' | '、' | '和' | '及' | ',' | '，' | ' ' => {
                continue;
            }
            _ => break,
        };
        if !out.contains(&w) {
            out.push(w);
        }
    }
    match out.len() {
        0 => None,
        1 => Some(OneOrMany::One(out[0])),
        _ => Some(OneOrMany::Many(out)),
    }
}

/// `10日`, `5日、20日`, `10号`.
fn days(s: &str) -> Option<Vec<i8>> {
    let mut out = Vec::new();
    let mut rest = s;
    loop {
        let digits = rest.chars().take_while(char::is_ascii_digit).count();
        if digits == 0 {
            break;
        }
        let n: i8 = rest[..digits].parse().ok()?;
        let Some(after) = rest[digits..]
            .strip_prefix('日')
            .or_else(|| rest[digits..].strip_prefix('号'))
        else {
            break;
        };
        out.push(n);
        rest = after.trim_start_matches(['、', ',', '，', '和']);
    }
    (!out.is_empty()).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(s: &str) -> RawReception {
        let mut v = parse(s, 3, 4).expect("reads");
        assert_eq!(v.len(), 1);
        v.remove(0).value
    }

    #[test]
    fn the_first_friday_of_every_month() {
        let r = read("每月第一个星期五 9:00-11:30");
        assert_eq!(r.every.map(|e| e.value), Some(Every::Month));
        assert_eq!(r.nth.map(|n| n.value), Some(OneOrMany::One(1)));
        assert_eq!(
            r.weekday.map(|w| w.value),
            Some(OneOrMany::One(Weekday::Friday))
        );
        assert_eq!(r.time.value.as_str(), "09:00-11:30");
    }

    #[test]
    fn weekly_on_two_days_in_the_afternoon() {
        let r = read("每周二、四 下午2:30—5:00");
        assert_eq!(
            r.weekday.map(|w| w.value),
            Some(OneOrMany::Many(vec![Weekday::Tuesday, Weekday::Thursday]))
        );
        assert_eq!(r.time.value.as_str(), "14:30-17:00");
    }

    #[test]
    fn days_of_some_months() {
        let r = read("每年3月、6月、9月、12月的10日 ９：００-11：30");
        assert_eq!(
            r.months.map(|m| m.value),
            Some(OneOrMany::Many(vec![3, 6, 9, 12]))
        );
        assert_eq!(r.day.map(|d| d.value), Some(OneOrMany::Many(vec![10])));
        assert_eq!(r.time.value.as_str(), "09:00-11:30");
    }

    #[test]
    fn two_rules_in_one_cell_and_what_cannot_be_read() {
        assert_eq!(
            parse("每周一 9:00-11:00；每月5日、20日 14:00-17:00", 1, 1).map(|v| v.len()),
            Ok(2)
        );
        assert!(parse("周末上午", 1, 1).is_err());
        assert!(parse("不定期 9:00-11:00", 1, 1).is_err());
    }
}
