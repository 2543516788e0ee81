//! Calendars that stay subscribed: a reception's `UID` depends only on its station, its
//! rule's own identity (the rule's `id:` or a key derived from its recurrence) and its
//! scheduled date, so editing a station file (inserting a rule at the top, moving a reception
//! for a holiday) never renames the events a subscribed calendar already holds; a moved
//! reception keeps its UID with a higher `SEQUENCE`, and a cancelled one stays in the feed as
//! `STATUS:CANCELLED` with its note.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use common::{AS_OF, build, case, copy_dir, tempdir};

/// The events of an `.ics` text as (UID → unfolded properties by name).
fn events(ics: &str) -> BTreeMap<String, BTreeMap<String, String>> {
    let unfolded = ics.replace("\r\n ", "");
    let mut out = BTreeMap::new();
    let mut cur: Option<BTreeMap<String, String>> = None;
    for line in unfolded.split("\r\n") {
        match line {
            "BEGIN:VEVENT" => cur = Some(BTreeMap::new()),
            "END:VEVENT" => {
                let ev = cur.take().expect("END without BEGIN");
                out.insert(ev["UID"].clone(), ev);
            }
            _ => {
                if let (Some(ev), Some((k, v))) = (cur.as_mut(), line.split_once(':')) {
                    let name = k.split(';').next().unwrap_or(k).to_owned();
                    ev.entry(name).or_insert_with(|| v.to_owned());
                }
            }
        }
    }
    out
}

fn station_file(site: &Path) -> std::path::PathBuf {
    site.join("stations/first-friday.md")
}

/// Replaces `old` by `new` in the fixture's station file (once, and it must be there).
fn edit(site: &Path, old: &str, new: &str) {
    let p = station_file(site);
    let text = std::fs::read_to_string(&p).expect("station file");
    assert!(text.contains(old), "{old:?} not in the station file");
    std::fs::write(&p, text.replacen(old, new, 1)).expect("write station file");
}

#[test]
fn inserting_a_rule_at_the_top_keeps_every_existing_uid() {
    let before = build(&case("first-friday"), AS_OF);
    let old = events(&before.text("stations/first-friday/calendar.ics"));
    assert_eq!(old.len(), 4, "{old:#?}");

    let tmp = tempdir();
    copy_dir(&case("first-friday"), tmp.path());
    edit(
        tmp.path(),
        "receptions:\n",
        "receptions:\n  - every: week\n    weekday: wednesday\n    time: \"14:00-16:00\"\n    deputies: [wu-fang]\n",
    );
    let after = build(tmp.path(), AS_OF);
    let new = events(&after.text("stations/first-friday/calendar.ics"));
    assert!(
        new.len() > old.len() + 10,
        "the weekly rule adds receptions"
    );
    for (uid, ev) in &old {
        let now = new
            .get(uid)
            .unwrap_or_else(|| panic!("UID {uid} vanished after inserting a rule"));
        assert_eq!(now["DTSTART"], ev["DTSTART"], "{uid}");
        assert_eq!(now["SEQUENCE"], ev["SEQUENCE"], "{uid}");
    }
    // The site and deputy feeds use the same UIDs.
    let site = events(&after.text("calendar.ics"));
    let zhou = events(&after.text("deputies/zhou-ming/calendar.ics"));
    for uid in old.keys() {
        assert!(site.contains_key(uid), "{uid} not in the site calendar");
    }
    assert!(zhou.keys().all(|u| old.contains_key(u)), "{zhou:#?}");
}

#[test]
fn an_explicit_rule_id_names_the_uids() {
    let tmp = tempdir();
    copy_dir(&case("first-friday"), tmp.path());
    edit(
        tmp.path(),
        "  - every: month\n",
        "  - id: first-friday\n    every: month\n",
    );
    let built = build(tmp.path(), AS_OF);
    let ev = events(&built.text("stations/first-friday/calendar.ics"));
    assert!(
        ev.contains_key("first-friday-first-friday-2025-11-07@rd.example.gov.cn"),
        "{:#?}",
        ev.keys()
    );
}

#[test]
fn a_holiday_move_keeps_the_uid_and_raises_the_sequence() {
    let before = build(&case("first-friday"), AS_OF);
    let old = events(&before.text("stations/first-friday/calendar.ics"));
    let (uid, ev) = old
        .iter()
        .find(|(_, e)| e["DTSTART"].ends_with("20251107T090000"))
        .expect("the 2025-11-07 reception");
    assert_eq!(ev["SEQUENCE"], "0");

    // The county declares 7 November a day off: the reception moves to Monday 10 November.
    let tmp = tempdir();
    copy_dir(&case("first-friday"), tmp.path());
    std::fs::write(
        tmp.path().join("holidays.yaml"),
        "- { date: 2025-11-07, off: true, name: 县庆 }\n",
    )
    .expect("write holidays.yaml");
    let after = build(tmp.path(), AS_OF);
    let new = events(&after.text("stations/first-friday/calendar.ics"));
    assert_eq!(new.len(), old.len());
    let moved = new
        .get(uid)
        .unwrap_or_else(|| panic!("UID {uid} lost by the holiday move: {:#?}", new.keys()));
    assert!(moved["DTSTART"].ends_with("20251110T090000"), "{moved:#?}");
    assert!(moved["SEQUENCE"].parse::<u32>().expect("SEQUENCE") > 0);
    let desc = &moved["DESCRIPTION"];
    assert!(
        desc.contains("2025-11-07") && desc.contains("县庆"),
        "the description says why: {desc}"
    );
}

#[test]
fn a_cancelled_reception_stays_in_the_feed_with_its_note() {
    let tmp = tempdir();
    copy_dir(&case("first-friday"), tmp.path());
    let note = "本月接待取消，可将书面意见投入联络站门口意见箱";
    edit(
        tmp.path(),
        "    from: 2025-01-01\n",
        &format!(
            "    from: 2025-01-01\nexceptions:\n  - date: 2025-11-07\n    cancelled: true\n    note: {note}\n"
        ),
    );
    let built = build(tmp.path(), AS_OF);
    for f in [
        "stations/first-friday/calendar.ics",
        "calendar.ics",
        "deputies/wu-fang/calendar.ics",
    ] {
        let ev = events(&built.text(f));
        let c = ev
            .values()
            .find(|e| e["DTSTART"].ends_with("20251107T090000"))
            .unwrap_or_else(|| panic!("{f}: the cancelled reception is missing"));
        assert_eq!(c["STATUS"], "CANCELLED", "{f}");
        assert!(c["SEQUENCE"] != "0", "{f}");
        assert!(c["DESCRIPTION"].contains(note), "{f}: {c:#?}");
    }
}
