//! Private persons' names. Three shapes are recognised:
//! a surname with an honorific or kinship term (张大爷, 李女士, 欧阳先生,
//! and full names before 先生/女士/同志/老人: 黄建国先生, 赵桂兰老人), the
//! colloquial 老王头, and a 2–3 character name after a role word
//! (来访人：黄建国, 村民王强反映) or after a relation that makes it someone's
//! relative (杨某某之子杨小明, 其女儿李小红): minors' names are sensitive
//! personal information (PIPL art. 28) and are never published.
//! Public figures named in official prose (习近平同志) are not private persons.
//! Deputies given to [`Allow::person`] and masked forms (张某, 李**) are
//! never flagged. The word lists are in `lexicon.rs`.

use super::allow::Allow;
use super::lexicon::{
    BLOCK_BEFORE_SET, BLOCK_WORD_SET, COMPOUND_SURNAMES, END_LEX, FULL_NAME_HONORIFICS,
    GIVEN_STOP_SET, HONORIFIC_LEX, KIN_SET, NOT_GIVEN, PUBLIC_FIGURES, RELATION_LEX,
    STRONG_ROLE_LEX, SURNAME_SET, WEAK_ROLE_LEX,
};
use super::mask;
use super::text::{before, char_at, fold, is_han, prev_char, rest, skip_spaces};
use super::{Finding, Kind};

/// The most frequent surnames: before an honorific they win over reading the
/// character as the end of a full name (谢王先生 is 王先生, not 谢王).
const TOP_SURNAMES: &str = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田\
董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙\
史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔汤";

/// Surname characters that are never read as a surname right after a role
/// word, because there they are nearly always a preposition or adverb.
const ROLE_EXCLUDE: &str = "于时全都向和同";

/// Characters that show a name has been masked already (张某, 李**, 王XX).
fn is_mask_char(c: char) -> bool {
    matches!(
        fold(c),
        '某' | '*' | 'X' | 'x' | '×' | '○' | '〇' | '□' | '_'
    )
}

/// A character that may be part of a given name.
fn is_given(c: char) -> bool {
    is_han(c) && !GIVEN_STOP_SET.contains(c) && !is_mask_char(c)
}

fn is_surname(c: char) -> bool {
    SURNAME_SET.contains(c)
}

/// The surname starting at `p`: a compound one, else a single character.
fn surname_at(text: &str, p: usize) -> Option<&str> {
    let tail = rest(text, p);
    if let Some(c) = COMPOUND_SURNAMES.iter().find(|c| tail.starts_with(*c)) {
        return Some(c);
    }
    let c = tail.chars().next()?;
    is_surname(c).then(|| &tail[..c.len_utf8()])
}

fn name_finding(start: usize, end: usize, surname: &str, given: usize) -> Finding {
    Finding {
        kind: Kind::Name,
        start,
        end,
        replacement: mask::name(surname, given),
    }
}

/// Whether the 2–4 characters before `i` are a deputy's name.
fn deputy_before(text: &str, i: usize, allow: &Allow) -> bool {
    (2..=4).any(|k| {
        let b = before(text, i, k);
        b.chars().count() == k && allow.is_person(b)
    })
}

/// Whether the two characters `a b` form a word of [`BLOCK_BEFORE_SET`].
fn pair_in_block_before(a: char, b: char) -> bool {
    let mut buf = [0u8; 8];
    let la = a.encode_utf8(&mut buf[..4]).len();
    let lb = b.encode_utf8(&mut buf[la..la + 4]).len();
    std::str::from_utf8(&buf[..la + lb]).is_ok_and(|s| BLOCK_BEFORE_SET.contains(s))
}

/// A surname + honorific whose honorific starts at `i`.
fn honorific_at(text: &str, i: usize, allow: &Allow) -> Option<Finding> {
    let suffix = HONORIFIC_LEX.longest_at(text, i)?;
    let end = i + suffix.len();
    let after = rest(text, end);
    if after.starts_with('们') || (suffix.starts_with("小伙") && after.starts_with('伴')) {
        return None;
    }
    // 原先生产 …; 田师傅镇 is a township.
    if (suffix == "先生" && after.starts_with(|c| "产成效活长态存命物育".contains(c)))
        || after.starts_with(|c| "镇乡县区市街路站桥沟屯".contains(c))
    {
        return None;
    }
    if deputy_before(text, i, allow) {
        return None;
    }
    let b2 = before(text, i, 2);
    if COMPOUND_SURNAMES.contains(&b2) {
        return Some(name_finding(i - b2.len(), end, b2, 1));
    }
    let (p1, c1) = prev_char(text, i)?;
    let full = FULL_NAME_HONORIFICS.contains(&suffix);
    let single = is_surname(c1) && {
        let bigram = before(text, i, 2);
        let blocked = bigram.chars().count() == 2 && BLOCK_BEFORE_SET.contains(bigram);
        // 原先生产: the surname character and the honorific's first make a word.
        let joint = suffix
            .chars()
            .next()
            .is_some_and(|s| pair_in_block_before(c1, s));
        !blocked && !joint
    };
    if single && (!full || TOP_SURNAMES.contains(c1)) {
        return Some(name_finding(p1, end, &text[p1..i], 1));
    }
    if full && let Some((start, surname, given)) = full_name_before(text, i) {
        let name = &text[start..i];
        let given_part = &text[start + surname.len()..i];
        if PUBLIC_FIGURES.contains(&name)
            || allow.is_person(name)
            || NOT_GIVEN.contains(&given_part)
            || NOT_GIVEN.contains(&before(text, i, 2))
        {
            return None;
        }
        return Some(name_finding(start, end, surname, given));
    }
    single.then(|| name_finding(p1, end, &text[p1..i], 1))
}

/// A full name (surname + 1–2 given characters) ending at `i`:
/// `(start, surname, given count)`.
fn full_name_before(text: &str, i: usize) -> Option<(usize, &str, usize)> {
    let (p1, c1) = prev_char(text, i)?;
    if !is_given(c1) {
        return None;
    }
    let prev2 = prev_char(text, p1);
    // surname + two given characters
    if let Some((p2, c2)) = prev2
        && is_given(c2)
    {
        let b = before(text, p2, 2);
        if COMPOUND_SURNAMES.contains(&b) {
            return Some((p2 - b.len(), b, 2));
        }
        if let Some((p3, c3)) = prev_char(text, p2)
            && is_surname(c3)
            && !BLOCK_WORD_SET.contains(&text[p3..p1])
            && !BLOCK_WORD_SET.contains(&text[p2..i])
        {
            return Some((p3, &text[p3..p2], 2));
        }
    }
    // surname + one given character
    let b = before(text, p1, 2);
    if COMPOUND_SURNAMES.contains(&b) {
        return Some((p1 - b.len(), b, 1));
    }
    let (p2, c2) = prev2?;
    (is_surname(c2) && !BLOCK_WORD_SET.contains(&text[p2..i])).then(|| (p2, &text[p2..p1], 1))
}

/// 老王头: 老 + surname + 头 (not 头发, 头疼 …).
fn lao_x_tou(text: &str, i: usize) -> Option<Finding> {
    let tail = rest(text, i);
    let mut it = tail.char_indices();
    let (_, lao) = it.next()?;
    let (k, c) = it.next()?;
    let (_, tou) = it.next()?;
    if lao != '老' || tou != '头' || !is_surname(c) {
        return None;
    }
    let end = i + k + c.len_utf8() + tou.len_utf8();
    if rest(text, end).starts_with(['发', '脑', '疼', '痛', '部', '条', '晕', '顶', '绪'])
    {
        return None;
    }
    Some(name_finding(i, end, &text[i + k..i + k + c.len_utf8()], 1))
}

/// Whether what follows byte `e` shows that a name ended there.
fn ends_name(text: &str, e: usize) -> bool {
    if END_LEX.longest_at(text, e).is_some() {
        return true;
    }
    let Some(c) = char_at(text, e) else {
        return false;
    };
    if !matches!(fold(c), ',' | '、' | '(' | ' ' | '，') {
        return false;
    }
    let next = skip_spaces(text, e + c.len_utf8());
    let tail = rest(text, next);
    // 村民王强，男，65岁 / 村民王强，反映…
    const DESCRIBERS: &str = "男 女 现年 今年 年 家住 住 现住 系 化名 身份证 电话 联系电话 手机 户籍 \
                              反映 表示 说 称 提出 希望 要求 建议 介绍";
    DESCRIBERS.split_whitespace().any(|d| tail.starts_with(d))
        || tail.chars().next().is_some_and(|d| d.is_ascii_digit())
        || (fold(c) == '、' && tail.chars().next().is_some_and(is_surname))
}

/// A name after a role word starting at `i`. Returns the finding, if any,
/// and where to resume scanning.
fn role_at(text: &str, i: usize, allow: &Allow) -> Option<(Option<Finding>, usize)> {
    let strong = STRONG_ROLE_LEX
        .longest_at(text, i)
        .or_else(|| RELATION_LEX.longest_at(text, i));
    let weak = WEAK_ROLE_LEX.longest_at(text, i);
    let (role, is_strong) = match (strong, weak) {
        (_, Some(w)) if is_kin(w) && someones(text, i) => (w, true),
        (Some(s), Some(w)) if w.len() > s.len() => (w, false),
        (Some(s), _) => (s, true),
        (None, Some(w)) => (w, false),
        (None, None) => return None,
    };
    let role_end = i + role.len();
    let mut p = role_end;
    let mut has_sep = false;
    for _ in 0..3 {
        p = skip_spaces(text, p);
        let tail = rest(text, p);
        if let Some(c) = tail.chars().next()
            && fold(c) == ':'
        {
            has_sep = true;
            p += c.len_utf8();
        } else if let Some(w) = ["姓名", "名叫", "叫", "是", "为"]
            .iter()
            .find(|w| tail.starts_with(*w))
        {
            has_sep |= *w != "是" && *w != "为";
            p += w.len();
        } else {
            break;
        }
    }
    // 村民 王强: a space (ASCII or full-width) also separates.
    if skip_spaces(text, role_end) > role_end {
        has_sep = true;
    }
    let found = name_after_role(text, p, is_strong || has_sep, allow);
    let resume = found.as_ref().map_or(role_end, |f| f.end);
    Some((found, resume))
}

fn is_kin(word: &str) -> bool {
    KIN_SET.contains(word)
}

/// Whether the kinship word at `i` is a named person's relative: 其儿子,
/// 他的女儿, 张某之女, 张某某儿子, 李**的孙子.
fn someones(text: &str, i: usize) -> bool {
    let mut p = i;
    if let Some((k, '的')) = prev_char(text, p) {
        p = k;
    }
    prev_char(text, p).is_some_and(|(_, c)| {
        matches!(c, '其' | '他' | '她' | '之' | '某' | '*' | '＊' | 'X' | 'x')
    })
}

fn name_after_role(text: &str, p: usize, sure: bool, allow: &Allow) -> Option<Finding> {
    let surname = surname_at(text, p)?;
    if surname.chars().count() == 1 && surname.chars().all(|c| ROLE_EXCLUDE.contains(c)) {
        return None;
    }
    let g1 = p + surname.len();
    let c1 = char_at(text, g1)?;
    if !is_given(c1) || HONORIFIC_LEX.longest_at(text, g1).is_some() {
        return None;
    }
    let g2 = g1 + c1.len_utf8();
    let mut end = g2;
    let mut given = 1;
    if let Some(c2) = char_at(text, g2)
        && is_given(c2)
        && END_LEX.longest_at(text, g2).is_none()
        && HONORIFIC_LEX.longest_at(text, g2).is_none()
    {
        end = g2 + c2.len_utf8();
        given = 2;
    }
    if BLOCK_WORD_SET.contains(&text[p..g2]) || BLOCK_WORD_SET.contains(&text[p..end]) {
        return None;
    }
    if allow.is_person(&text[p..end]) || allow.is_person(&text[p..g2]) {
        return None;
    }
    if PUBLIC_FIGURES.contains(&&text[p..end]) || PUBLIC_FIGURES.contains(&&text[p..g2]) {
        return None;
    }
    let after = rest(text, end);
    if after.starts_with("代表") || after.starts_with(is_mask_char) {
        return None;
    }
    if !sure && !ends_name(text, end) {
        return None;
    }
    Some(name_finding(p, end, surname, given))
}

/// Appends the names found in `text` to `out`.
pub(crate) fn scan(text: &str, allow: &Allow, out: &mut Vec<Finding>) {
    let mut i = 0;
    while let Some(c) = char_at(text, i) {
        let next = i + c.len_utf8();
        if HONORIFIC_LEX.may_start(c)
            && let Some(f) = honorific_at(text, i, allow)
        {
            i = f.end;
            out.push(f);
            continue;
        }
        if c == '老'
            && let Some(f) = lao_x_tou(text, i)
        {
            i = f.end;
            out.push(f);
            continue;
        }
        if (STRONG_ROLE_LEX.may_start(c) || WEAK_ROLE_LEX.may_start(c) || RELATION_LEX.may_start(c))
            && let Some((found, resume)) = role_at(text, i, allow)
        {
            if let Some(f) = found {
                out.push(f);
            }
            i = resume.max(next);
            continue;
        }
        i = next;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(text: &str) -> Vec<(String, String)> {
        let mut allow = Allow::new();
        allow.person("李秀英");
        let mut out = Vec::new();
        scan(text, &allow, &mut out);
        out.into_iter()
            .map(|f| (text[f.start..f.end].to_string(), f.replacement))
            .collect()
    }

    fn one(text: &str) -> (String, String) {
        let v = names(text);
        assert_eq!(v.len(), 1, "{text}: {v:?}");
        v[0].clone()
    }

    #[test]
    fn honorifics() {
        assert_eq!(one("张大爷反映路灯不亮"), ("张大爷".into(), "张某".into()));
        assert_eq!(one("社区走访了刘阿姨"), ("刘阿姨".into(), "刘某".into()));
        assert_eq!(one("欧阳女士来电"), ("欧阳女士".into(), "欧阳某".into()));
        assert_eq!(
            one("感谢黄建国先生"),
            ("黄建国先生".into(), "黄某某".into())
        );
        assert_eq!(one("村民王华先生说"), ("王华先生".into(), "王某".into()));
        assert_eq!(one("感谢王先生"), ("王先生".into(), "王某".into()));
        assert_eq!(
            one("老王头天天在门口下棋"),
            ("老王头".into(), "王某".into())
        );
    }

    #[test]
    fn titles_and_relatives() {
        assert_eq!(
            one("张建国同志反映"),
            ("张建国同志".into(), "张某某".into())
        );
        assert_eq!(
            one("走访赵桂兰老人"),
            ("赵桂兰老人".into(), "赵某某".into())
        );
        assert_eq!(
            one("杨某某之子杨小明今年8岁"),
            ("杨小明".into(), "杨某某".into())
        );
        assert_eq!(
            one("其女儿李小红在县一中读书"),
            ("李小红".into(), "李某某".into())
        );
        assert_eq!(
            one("张某的孙子张浩宇无人照看"),
            ("张浩宇".into(), "张某某".into())
        );
        assert!(names("以习近平同志为核心的党中央").is_empty());
        assert!(names("儿子常年在外打工").is_empty());
        assert!(names("留守老人的女儿在外地打工").is_empty());
    }

    #[test]
    fn honorific_near_misses() {
        for t in [
            "保安师傅们很辛苦",
            "上海大妈",
            "张某反映",
            "原先生产的设备",
            "一位女士来电",
            "环卫师傅",
            "老王头发白了",
            "李秀英女士出席",
            "各位女士们先生们",
        ] {
            assert!(names(t).is_empty(), "{t}: {:?}", names(t));
        }
    }

    #[test]
    fn roles() {
        assert_eq!(
            one("来访人：黄建国，男，65岁"),
            ("黄建国".into(), "黄某某".into())
        );
        assert_eq!(one("村民王强反映"), ("王强".into(), "王某".into()));
        assert_eq!(
            one("低保户张建国家的房屋漏雨"),
            ("张建国".into(), "张某某".into())
        );
        assert_eq!(
            one("申请人欧阳娜娜"),
            ("欧阳娜娜".into(), "欧阳某某".into())
        );
    }

    #[test]
    fn role_near_misses() {
        for t in [
            "居民出行不便",
            "村民高度评价",
            "村民向代表反映",
            "居民于今年三月",
            "村民代表大会",
            "来访人张某某",
            "选民李秀英反映",
            "群众路线",
            "申请人须知",
            "当事人双方",
            "留守老人",
            "居民周边环境",
        ] {
            assert!(names(t).is_empty(), "{t}: {:?}", names(t));
        }
    }
}
