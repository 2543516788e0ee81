//! Tests of the whole guard: `scan` across detectors, overlap resolution,
//! allow lists, `redact`, and a deterministic fuzz run over random mixed
//! text that checks findings are in bounds, on char boundaries, sorted and
//! non-overlapping, and that nothing panics.

use super::*;

fn kinds(text: &str, allow: &Allow) -> Vec<(Kind, String)> {
    scan(text, allow)
        .into_iter()
        .map(|f| (f.kind, text[f.start..f.end].to_string()))
        .collect()
}

#[test]
fn a_reception_record() {
    let text = "来访人：黄建国，男，身份证号610102199003071238，电话138-1234-5678，\
                家住幸福小区3号楼2单元501室，反映楼下张大爷家的车陕A·12345长期占用消防通道。";
    let found = scan(text, &Allow::new());
    let got: Vec<Kind> = found.iter().map(|f| f.kind).collect();
    assert_eq!(
        got,
        [
            Kind::Name,
            Kind::IdNumber,
            Kind::Mobile,
            Kind::Address,
            Kind::Name,
            Kind::Plate
        ]
    );
    let red = redact(text, &found);
    assert_eq!(
        red,
        "来访人：黄某某，男，身份证号6101**********1238，电话138****5678，\
         家住幸福小区，反映楼下张某家的车陕A·*****长期占用消防通道。"
    );
}

#[test]
fn email_wins_over_the_number_inside_it() {
    let got = kinds("邮箱13812345678@139.com", &Allow::new());
    assert_eq!(got, [(Kind::Email, "13812345678@139.com".to_string())]);
}

#[test]
fn allow_words_and_persons() {
    let mut allow = Allow::new();
    allow.word("0917-8299000");
    allow.word("lixiuying@example.gov.cn");
    allow.person("李秀英");
    let t = "代表工作室热线0917-8299000，邮箱lixiuying@example.gov.cn，选民李秀英反映。";
    assert!(scan(t, &allow).is_empty(), "{:?}", kinds(t, &allow));
    assert_eq!(kinds("电话09178299000", &allow), []);
}

#[test]
fn masked_forms_pass() {
    for t in [
        "张某反映，联系电话138****5678。",
        "来访人李**，住某小区。",
        "村民张某某家的房屋漏雨。",
        "身份证号6101**********1234。",
    ] {
        assert!(
            scan(t, &Allow::new()).is_empty(),
            "{t}: {:?}",
            kinds(t, &Allow::new())
        );
    }
}

#[test]
fn redact_skips_bad_findings() {
    let f = |start, end| Finding {
        kind: Kind::Name,
        start,
        end,
        replacement: "X".into(),
    };
    assert_eq!(redact("张大爷好", &[f(0, 9)]), "X好");
    assert_eq!(redact("张大爷好", &[f(1, 9)]), "张大爷好");
    assert_eq!(redact("张大爷好", &[f(0, 9), f(3, 6)]), "X好");
    assert_eq!(redact("张大爷好", &[f(9, 100)]), "张大爷好");
    assert_eq!(redact("", &[]), "");
}

#[test]
fn no_allocation_path_returns_empty() {
    let v = scan(
        "代表们在凤鸣镇人大代表联络站接待选民23人次。",
        &Allow::new(),
    );
    assert!(v.is_empty());
    assert_eq!(v.capacity(), 0);
}

/// xorshift64*: tiny and deterministic.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

#[test]
fn fuzz_findings_are_well_formed() {
    const PIECES: &[&str] = &[
        "0",
        "1",
        "3",
        "8",
        "9",
        "5",
        "6",
        "２",
        "１３８",
        "X",
        "x",
        "-",
        " ",
        "　",
        "+86",
        "(",
        ")",
        "（",
        "）",
        "：",
        ":",
        "@",
        "＠",
        ".",
        "qq",
        "QQ",
        "微信",
        "号",
        "楼",
        "单元",
        "室",
        "栋",
        "路",
        "村",
        "组",
        "王",
        "李",
        "张",
        "欧阳",
        "大爷",
        "女士",
        "先生",
        "村民",
        "来访人",
        "老",
        "头",
        "陕",
        "A",
        "D",
        "·",
        "转",
        "元",
        "身份证",
        "卡号",
        "电话",
        "某",
        "*",
        "a",
        "_",
        "😀",
        "é",
        "\u{0301}",
        "。",
        "，",
        "〔2025〕",
        "五",
        "十",
        "138",
        "0917",
        "8212345",
        "6222",
        "1101051949",
        "1231002",
        "abc",
        ".com",
        "gov",
        "\n",
        "\t",
    ];
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut allow = Allow::new();
    allow.number("0917-8212345");
    allow.word("王府井");
    allow.person("王伟");
    for _ in 0..3000 {
        let mut s = String::new();
        for _ in 0..rng.below(40) {
            s.push_str(PIECES[rng.below(PIECES.len())]);
        }
        let found = scan(&s, &allow);
        let mut prev_end = 0;
        for f in &found {
            assert!(f.start < f.end && f.end <= s.len(), "{s:?} {f:?}");
            assert!(
                s.is_char_boundary(f.start) && s.is_char_boundary(f.end),
                "{s:?} {f:?}"
            );
            assert!(f.start >= prev_end, "overlap in {s:?}: {found:?}");
            prev_end = f.end;
            let _ = mask_for_log(&s[f.start..f.end], f.kind);
        }
        let _ = redact(&s, &found);
        // Whatever comes before, a clear case after a full stop is still found.
        let tail = "。电话13812345678。";
        let t = format!("{s}{tail}");
        let at = s.len() + "。电话".len();
        let found = scan(&t, &allow);
        assert!(
            found
                .iter()
                .any(|f| f.kind == Kind::Mobile && f.start == at),
            "{t:?}: {found:?}"
        );
    }
}
