//! `deputies/<id>/contact.vcf`: a deputy's contact card (vCard 4.0, RFC 6350) for the
//! "save to phone" link of the profile.
//!
//! Every deputy still serving gets a card — also one without a published channel of their
//! own, since the card then carries the phone of the stations where they receive
//! constituents, which is how most residents reach a deputy. A deputy whose term ended gets
//! none: the card is for reaching a current representative.
//!
//! The card holds `FN`, `N` (family name split off a Han name of two to four characters,
//! compound family names included), `GENDER`, `ORG` = the congress, `TITLE` = the role
//! (县人大代表), `TEL` with `TYPE` (phone `voice`, mobile `cell`, fax `fax`; each station's
//! phone, an "other" channel that is a phone number and, for a deputy with no other way to be
//! reached, the congress office's `office_phone` as `work,voice` grouped with an
//! `X-ABLabel` naming it), `EMAIL`, `URL` (the profile page, then a published website), `UID`
//! (the profile's address) and a `NOTE` with the seat and term, the channels vCard has no
//! property for (WeChat, suggestion box, other) and the stations. So every card has a `TEL`
//! or an `EMAIL` whenever the site publishes any number for the deputy. Text values are escaped
//! (§3.4), lines folded at 75 octets without splitting a character (§3.2), CRLF line ends;
//! nothing depends on the build time, so the same content gives the same bytes.

use serde_json::Value;

use crate::model::{Model, Seat};
use crate::output::ics::{push_line, text};
use crate::site::Strings;
use crate::site::congress::{self, Congress, ui};
use crate::site::{people, urls};
use crate::vocab::ContactKind;

/// The path of a deputy's card below the site root.
pub use crate::site::files::{card_path as path, has_card};

/// Two-character family names (复姓), for splitting `N`.
const COMPOUND: [&str; 24] = [
    "欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文", "司徒",
    "夏侯", "令狐", "端木", "独孤", "南宫", "西门", "呼延", "钟离", "轩辕", "司空", "澹台", "万俟",
];

fn is_han(c: char) -> bool {
    matches!(c, '\u{4e00}'..='\u{9fff}' | '\u{3400}'..='\u{4dbf}')
}

/// `(family, given)` of a Han name; a name in another form stays whole as the given name.
pub fn split_name(name: &str) -> (&str, &str) {
    let n = name.chars().count();
    if !(2..=4).contains(&n) || !name.chars().all(is_han) {
        return ("", name);
    }
    let cut = match COMPOUND.iter().find(|c| name.starts_with(*c)) {
        Some(c) if n >= 3 => c.len(),
        _ => name.chars().next().map_or(0, char::len_utf8),
    };
    name.split_at(cut)
}

/// A UI string nested in the theme's strings (`contact_kind.wechat`), or `fallback`.
fn sub<'a>(labels: &'a Value, group: &str, key: &str, fallback: &'a str) -> &'a str {
    labels
        .get(group)
        .and_then(|g| g.get(key))
        .and_then(Value::as_str)
        .unwrap_or(fallback)
}

/// The card of deputy `d`.
pub fn card(model: &Model, strings: &Strings, labels: &Value, d: usize) -> String {
    let dep = &model.deputies[d];
    let mut s = String::new();
    let mut line = |l: &str| push_line(&mut s, l);
    let profile = format!(
        "{}{}",
        model.config.base_url,
        urls::pretty(&urls::item("deputies", &dep.id))
    );
    line("BEGIN:VCARD");
    line("VERSION:4.0");
    line("KIND:individual");
    line(&format!("UID:{}", raw(&profile)));
    line(&format!("FN:{}", text(&dep.name)));
    let (family, given) = split_name(&dep.name);
    line(&format!("N:{};{};;;", text(family), text(given)));
    if let Some(g) = dep.gender {
        line(&format!(
            "GENDER:{}",
            if g.as_str() == "female" { "F" } else { "M" }
        ));
    }
    let c = Congress::of(model, dep);
    line(&format!("ORG:{}", text(&c.name(model, strings))));
    let role = congress::role(strings, dep);
    line(&format!("TITLE:{}", text(&role)));
    let mut note: Vec<String> = Vec::new();
    let seat = match dep.seat {
        Seat::Constituency(x) => &model.places.constituencies[x as usize].name,
        Seat::Area(a) => &model.places.areas[a as usize].name,
        Seat::Unit(u) => &model.places.units[u as usize].name,
    };
    let mut first = ui(strings, "post_label", "{seat}选出的{role}")
        .replace("{seat}", seat)
        .replace("{role}", &role);
    if let Some(term) = congress::term(model, dep) {
        first.push_str(&strings.paren(term));
    }
    note.push(first);
    let mut websites = Vec::new();
    // `itemN.` groups tie an `X-ABLabel` (the label phones show) to its `TEL`.
    let mut group = 0;
    for ch in &dep.contacts {
        let v = text(&ch.value);
        match ch.kind {
            ContactKind::Phone => line(&format!("TEL;TYPE=voice:{v}")),
            ContactKind::Mobile => line(&format!("TEL;TYPE=cell:{v}")),
            ContactKind::Fax => line(&format!("TEL;TYPE=fax:{v}")),
            ContactKind::Email => line(&format!("EMAIL:{v}")),
            ContactKind::Website => websites.push(raw(&ch.value)),
            // An "other" channel that is a phone number (a studio hotline) is dialable.
            ContactKind::Other if people::phone_like(&ch.value).is_some() => {
                let label = ch
                    .label
                    .as_deref()
                    .unwrap_or_else(|| sub(labels, "contact_kind", "other", "其他"));
                labelled_tel(&mut line, &mut group, &v, label);
            }
            k => {
                let label = match (&ch.label, k) {
                    (Some(l), _) => l.as_str(),
                    (None, ContactKind::Wechat) => sub(labels, "contact_kind", "wechat", "微信"),
                    (None, ContactKind::Mailbox) => {
                        sub(labels, "contact_kind", "mailbox", "意见箱")
                    }
                    (None, _) => sub(labels, "contact_kind", "other", "其他"),
                };
                note.push(format!("{label}{}{}", strings.get("colon"), ch.value));
            }
        }
    }
    for (i, &st) in dep.stations.iter().enumerate() {
        if dep.stations[..i].contains(&st) {
            continue;
        }
        let st = &model.stations[st as usize];
        // A station phone the deputy also published as their own is on the card once.
        if let Some(p) = &st.phone
            && !dep.contacts.iter().any(|c| &c.value == p)
            && !dep.stations[..i]
                .iter()
                .any(|&o| model.stations[o as usize].phone.as_ref() == Some(p))
        {
            labelled_tel(&mut line, &mut group, &text(p), &st.name);
        }
        let mut about = st.name.clone();
        for part in [st.phone.as_deref(), st.address.as_deref()]
            .into_iter()
            .flatten()
        {
            about.push_str(&format!("{}{part}", ui(strings, "comma", "，")));
        }
        note.push(about);
    }
    // A card always has a way to reach someone: else the congress office's number.
    let reachable = dep.contacts.iter().any(|c| {
        matches!(
            c.kind,
            ContactKind::Phone | ContactKind::Mobile | ContactKind::Email
        ) || (c.kind == ContactKind::Other && people::phone_like(&c.value).is_some())
    }) || dep
        .stations
        .iter()
        .any(|&s| model.stations[s as usize].phone.is_some());
    if !reachable && let Some(office) = &model.config.office_phone {
        let label = ui(strings, "office_phone_label", "人大常委会办公室");
        labelled_tel(&mut line, &mut group, &text(office), label);
        note.push(format!("{label}{}{office}", strings.get("colon")));
    }
    line(&format!("URL:{}", raw(&profile)));
    for w in websites {
        line(&format!("URL:{w}"));
    }
    line(&format!("NOTE:{}", text(&note.join("\n"))));
    line("END:VCARD");
    s
}

/// A work phone with the label phones show beside it (`itemN.TEL` + `itemN.X-ABLabel`).
fn labelled_tel(line: &mut impl FnMut(&str), group: &mut usize, number: &str, label: &str) {
    *group += 1;
    line(&format!("item{group}.TEL;TYPE=work,voice:{number}"));
    line(&format!("item{group}.X-ABLabel:{}", text(label)));
}

/// A URI value: no escaping, control characters dropped.
fn raw(s: &str) -> String {
    s.chars().filter(|c| !c.is_control()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn han_names_split_into_family_and_given() {
        assert_eq!(split_name("李秀英"), ("李", "秀英"));
        assert_eq!(split_name("欧阳明"), ("欧阳", "明"));
        assert_eq!(split_name("王伟"), ("王", "伟"));
        // Two characters starting like a compound name are a one-character family name.
        assert_eq!(split_name("欧阳"), ("欧", "阳"));
        assert_eq!(split_name("买买提·吐尔逊"), ("", "买买提·吐尔逊"));
        assert_eq!(split_name("Anna"), ("", "Anna"));
    }
}
