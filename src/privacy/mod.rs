//! The privacy guard: finds personal data in the texts that get published
//! (suggestion summaries and replies, activity reports) so the build can
//! refuse them and say how to mask them. [`scan`] runs every detector —
//! numbers (mobile, landline, ID, bank card), e-mail, QQ/WeChat ids, plates,
//! house-level addresses and private persons' names —, drops what [`Allow`]
//! permits and returns sorted, non-overlapping [`Finding`]s. A text holding
//! anything to normalise is also scanned as `normalize.rs` reads it (NFKC,
//! no invisible characters, Chinese digits), and [`scan_markdown`] also scans
//! what Markdown shows; those findings map back to the original bytes. Hand-written
//! scanners, no regex: nothing is compiled per call, word lists are built
//! once (`LazyLock`), and a text without a hit allocates nothing.
//!
//! Each finding carries the suggested replacement for its span, following
//! the courts' publishing rule (keep the surname, the rest becomes 某):
//!
//! | kind | span | replacement |
//! |---|---|---|
//! | mobile | `138-1234-5678`, `+86 138…` | `138****5678` (first 3, last 4) |
//! | landline | `0917-8212345-801` | `0917-****345` (area code, last 3; extension dropped) |
//! | id-number | `61010219900307123X` | `6101**********123X` (first 4, last 4) |
//! | bank-card | `6222 0212 3456 7890 128` | `****0128` (last 4) |
//! | email | `zhangsan@163.com` | `z***@163.com` (local part masked) |
//! | plate | `陕A·12345` | `陕A·*****` (province and letter kept) |
//! | im-id | the id after `QQ号`/`微信` | `***` (the keyword stays) |
//! | address | the house part: `128号`, `12号`, `3号楼2单元501室` | nothing (新华路128号 → 新华路, 红旗村5组12号 → 红旗村5组), or `某小区` when no community name precedes a building chain, `某室` for a flat alone (`3-2-501`, `501室`) |
//! | name | `张大爷`, `黄建国先生`, `黄建国` after a role word | `张某`, `黄某某`, `黄某某`: the surname and one 某 per given-name character; an honorific is dropped |
//!
//! [`mask_for_log`] gives a shorter, still partly masked form of the match
//! for the build log (`138****5678`, `张**`, `新华路***号` …); [`redact`]
//! applies the replacements.

mod address;
mod allow;
pub mod checksum;
pub mod corpus;
mod digits;
mod lexicon;
mod mask;
mod names;
mod normalize;
mod numbers;
mod online;
mod plate;
mod text;

pub use allow::Allow;
pub use mask::mask_for_log;

/// The kinds of personal data the guard looks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    /// A mainland mobile number, with or without `+86`.
    Mobile,
    /// A landline with area code (or a local number after 电话).
    Landline,
    /// An 18-digit (or old 15-digit) resident ID number.
    IdNumber,
    /// A bank card or account number.
    BankCard,
    /// An e-mail address.
    Email,
    /// A licence plate.
    Plate,
    /// A QQ or WeChat id given in context.
    ImId,
    /// A house-level address.
    Address,
    /// A private person's name.
    Name,
}

impl Kind {
    /// Every kind, in the order of the report table.
    pub const ALL: [Kind; 9] = [
        Kind::Mobile,
        Kind::Landline,
        Kind::IdNumber,
        Kind::BankCard,
        Kind::Email,
        Kind::Plate,
        Kind::ImId,
        Kind::Address,
        Kind::Name,
    ];

    /// The kind's name in messages to editors.
    pub fn label_zh(self) -> &'static str {
        match self {
            Kind::Mobile => "手机号码",
            Kind::Landline => "固定电话",
            Kind::IdNumber => "身份证号码",
            Kind::BankCard => "银行卡号",
            Kind::Email => "电子邮箱",
            Kind::Plate => "车牌号码",
            Kind::ImId => "QQ/微信号",
            Kind::Address => "门牌地址",
            Kind::Name => "个人姓名",
        }
    }

    /// A stable ASCII name: `mobile`, `landline`, `id-number`, `bank-card`,
    /// `email`, `plate`, `im-id`, `address`, `name`.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Mobile => "mobile",
            Kind::Landline => "landline",
            Kind::IdNumber => "id-number",
            Kind::BankCard => "bank-card",
            Kind::Email => "email",
            Kind::Plate => "plate",
            Kind::ImId => "im-id",
            Kind::Address => "address",
            Kind::Name => "name",
        }
    }

    /// The kind whose [`Kind::as_str`] is `s`.
    pub fn parse(s: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// Which kind wins when two findings overlap and neither contains the other.
    fn rank(self) -> u8 {
        match self {
            Kind::IdNumber => 0,
            Kind::BankCard => 1,
            Kind::Mobile => 2,
            Kind::Landline => 3,
            Kind::Email => 4,
            Kind::Plate => 5,
            Kind::ImId => 6,
            Kind::Address => 7,
            Kind::Name => 8,
        }
    }
}

impl std::fmt::Display for Kind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One piece of personal data in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// What was found.
    pub kind: Kind,
    /// Byte offset of the start in the scanned text (on a char boundary).
    pub start: usize,
    /// Byte offset of the end (exclusive, on a char boundary).
    pub end: usize,
    /// The suggested mask that replaces `start..end`.
    pub replacement: String,
}

/// Whether `a` should be kept over the overlapping `b`.
fn better(a: &Finding, b: &Finding) -> bool {
    let a_has_b = a.start <= b.start && b.end <= a.end;
    let b_has_a = b.start <= a.start && a.end <= b.end;
    match (a_has_b, b_has_a) {
        (true, false) => true,
        (false, true) => false,
        _ => a.kind.rank() < b.kind.rank(),
    }
}

/// Finds the personal data in `text`: sorted by start, non-overlapping.
/// The text is scanned as typed and, when it holds anything to normalise,
/// as [`normalize::plain`] reads it; findings in the view are mapped back
/// to the original bytes.
pub fn scan(text: &str, allow: &Allow) -> Vec<Finding> {
    let mut found = detect(text, allow);
    if let Some(view) = normalize::plain(text) {
        add_mapped(&view, allow, &mut found);
    }
    settle(text, allow, found)
}

/// [`scan`] for a Markdown text: also scans what it shows once rendered
/// (entities decoded, comments, tags, emphasis and escapes gone).
pub fn scan_markdown(text: &str, allow: &Allow) -> Vec<Finding> {
    let mut found = detect(text, allow);
    if let Some(view) = normalize::plain(text) {
        add_mapped(&view, allow, &mut found);
    }
    if let Some(view) = normalize::rendered(text) {
        add_mapped(&view, allow, &mut found);
    }
    settle(text, allow, found)
}

/// Every detector on one text, unsorted and unfiltered.
fn detect(text: &str, allow: &Allow) -> Vec<Finding> {
    let mut found = Vec::new();
    numbers::scan(text, allow, &mut found);
    online::scan_email(text, &mut found);
    online::scan_im(text, &mut found);
    plate::scan(text, &mut found);
    address::scan(text, &mut found);
    names::scan(text, allow, &mut found);
    found
}

/// The findings in a view, with their spans in the original text.
fn add_mapped(view: &normalize::View, allow: &Allow, found: &mut Vec<Finding>) {
    for f in detect(&view.text, allow) {
        if let Some((start, end)) = view.original(f.start, f.end) {
            found.push(Finding { start, end, ..f });
        }
    }
}

/// Drops what `allow` permits and keeps the best of overlapping findings.
fn settle(text: &str, allow: &Allow, mut found: Vec<Finding>) -> Vec<Finding> {
    if found.is_empty() {
        return found;
    }
    found.retain(|f| !allow.permits(text, f));
    found.sort_by_key(|f| (f.start, std::cmp::Reverse(f.end), f.kind.rank()));
    let mut kept: Vec<Finding> = Vec::with_capacity(found.len());
    for f in found {
        match kept.last_mut() {
            Some(last) if f.start < last.end => {
                if better(&f, last) {
                    *last = f;
                }
            }
            _ => kept.push(f),
        }
    }
    kept
}

/// Applies the findings' replacements to `text`. Findings that overlap an
/// earlier one or do not fall on char boundaries are skipped.
pub fn redact(text: &str, findings: &[Finding]) -> String {
    let mut sorted: Vec<&Finding> = findings.iter().collect();
    sorted.sort_by_key(|f| (f.start, f.end));
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for f in sorted {
        if f.start < at || f.end < f.start {
            continue;
        }
        let (Some(keep), Some(_)) = (text.get(at..f.start), text.get(f.start..f.end)) else {
            continue;
        };
        out.push_str(keep);
        out.push_str(&f.replacement);
        at = f.end;
    }
    out.push_str(text.get(at..).unwrap_or(""));
    out
}

#[cfg(test)]
mod tests;
