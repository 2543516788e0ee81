//! Mistakes in content: `tests/cases/ten-mistakes/` is the valid fixture with thirteen
//! mistakes in twelve files. One run must report every one of them at its exact
//! `file:line:col`, exit with 1 and write nothing.

mod common;

use common::{AS_OF, Printed, case, copy_dir, diff, lianluo, printed, snapshot, summary};

/// Every mistake of the fixture: where it is, what the message says, what the help says.
/// Places are 1-based lines and character (not byte) columns.
const MISTAKES: &[(&str, &str, &str)] = &[
    // An activity whose YAML is missing altogether: the file as a whole, at its start.
    (
        "activities/2025/notes.md:1:1",
        "the file has no front matter",
        "start the file with a line `---`",
    ),
    // A date that does not exist.
    (
        "activities/2025/2025-05-12-daolu-shicha.md:3:7",
        "`2025-02-30` is not a valid date",
        "YYYY-MM-DD",
    ),
    // A reference to a deputy that does not exist, one letter off.
    (
        "activities/2025/2025-08-20-li-xian-shuzhi.md:5:12",
        "there is no deputy with the id `li-xain`",
        "did you mean `li-xian`?",
    ),
    // shangzhuang → xiazhuang → shangzhuang.
    (
        "areas.yaml:11:58",
        "form a cycle of parents",
        "one of these `parent:` entries is wrong",
    ),
    // A parent that names no area (after CJK names: columns count characters).
    (
        "areas.yaml:13:51",
        "there is no area with the id `dongchen`",
        "did you mean `dongcheng`?",
    ),
    // A misspelt key.
    (
        "deputies/feng-jun.md:6:1",
        "unknown key `ocupation`",
        "did you mean `occupation`?",
    ),
    // A city deputy with `constituency:` instead of `elected_by:`.
    (
        "deputies/sun-shi.md:4:15",
        "a city deputy is elected by an area's congress, not by a constituency",
        "replace `constituency:` with `elected_by:`",
    ),
    // The same key twice in one record.
    (
        "deputies/zhao-guo.md:7:1",
        "the key `occupation` appears twice",
        "keep one of them",
    ),
    // Text where a number belongs.
    (
        "pages/about.md:3:9",
        "expected a whole number here",
        "write digits only",
    ),
    // A free page that would take the address of the deputies section.
    (
        "pages/deputies.md:2:1",
        "collides with the site's own section /deputies/",
        "rename pages/deputies",
    ),
    // A reception that ends before it starts.
    (
        "stations/xihe-home.md:9:11",
        "the reception time `17:00-14:30` ends before it starts",
        "write the start first",
    ),
    // A CSV cell with a word that is not a channel: row 3, the third column.
    (
        "suggestions/2025-q3.csv:3:21",
        "`phone` in column `channel` is not an allowed value",
        "use one of: reception, visit, hotline, online, letter, session",
    ),
    // Two records with the same id: the second is reported.
    (
        "suggestions/2025.yaml:26:7",
        "the suggestion id `2025-001` is used twice",
        "give every record its own id",
    ),
];

fn run(command: &str, extra: &[&std::ffi::OsStr]) -> (i32, String) {
    let output = lianluo()
        .arg(command)
        .arg(case("ten-mistakes"))
        .arg("--as-of")
        .arg(AS_OF)
        .args(extra)
        .output()
        .expect("run lianluo");
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    (output.status.code().unwrap_or(-1), stderr)
}

/// What is wrong with a run's diagnostics compared with [`MISTAKES`], one line each.
fn compare(reported: &[Printed]) -> Vec<String> {
    let mut problems = Vec::new();
    for (place, message, help) in MISTAKES {
        match reported.iter().find(|p| p.place.as_deref() == Some(*place)) {
            None => problems.push(format!("not reported: {place}: {message}")),
            Some(p) => {
                if p.severity != "error" {
                    problems.push(format!("{place}: a {}, not an error", p.severity));
                }
                if !p.message.contains(message) {
                    problems.push(format!(
                        "{place}: message `{}` does not say `{message}`",
                        p.message
                    ));
                }
                if !p.help.as_deref().unwrap_or("").contains(help) {
                    problems.push(format!(
                        "{place}: help `{}` does not say `{help}`",
                        p.help.as_deref().unwrap_or("(none)")
                    ));
                }
            }
        }
    }
    for p in reported {
        if !MISTAKES
            .iter()
            .any(|(place, _, _)| p.place.as_deref() == Some(*place))
        {
            problems.push(format!(
                "unexpected: {} {}: {}",
                p.severity,
                p.place.as_deref().unwrap_or("(no place)"),
                p.message
            ));
        }
    }
    problems
}

/// Pins the bug "parse errors hide validation errors": `sources::load` returns only the
/// parse errors when any file fails to parse, and `cli::load` stops there, so a broken
/// file hid every dangling reference, bad date or cycle until it was fixed. The fix:
/// `cli::load` takes `sources::load_partial` (what parsed, what is `Broken`, every error)
/// and validates it anyway, with references to broken files excused (`Index::excused`) and
/// no model returned while anything is broken.
#[test]
fn parse_errors_do_not_hide_validation_errors_every_mistake_is_reported_in_one_run() {
    let (code, stderr) = run("check", &[]);
    assert_eq!(code, 1, "{stderr}");
    let reported = printed(&stderr);
    let problems = compare(&reported);
    assert!(
        problems.is_empty(),
        "{} problems:\n{}\n\nstderr:\n{stderr}",
        problems.len(),
        problems.join("\n")
    );
    // The files are twelve different ones.
    let files: std::collections::BTreeSet<&str> = MISTAKES
        .iter()
        .filter_map(|(place, _, _)| place.split(':').next())
        .collect();
    assert_eq!(files.len(), 12);
    assert_eq!(
        summary(&stderr).as_deref(),
        Some("error: the site has 13 errors and 0 warnings; nothing was written"),
        "{stderr}"
    );
    // Sorted by file, line and column, as promised for stable output.
    let places: Vec<&str> = reported.iter().filter_map(|p| p.place.as_deref()).collect();
    let mut sorted = places.clone();
    sorted.sort_by_key(|p| {
        let mut it = p.rsplitn(3, ':');
        let col: u32 = it.next().and_then(|c| c.parse().ok()).unwrap_or(0);
        let line: u32 = it.next().and_then(|l| l.parse().ok()).unwrap_or(0);
        (it.next().unwrap_or("").to_owned(), line, col)
    });
    assert_eq!(places, sorted);
}

#[test]
fn a_failed_build_reports_what_check_reports_and_leaves_the_previous_output_untouched() {
    let tmp = common::tempdir();
    let out = tmp.path().join("public");
    let ok = lianluo()
        .arg("build")
        .arg(case("valid"))
        .arg("--out")
        .arg(&out)
        .arg("--as-of")
        .arg(AS_OF)
        .output()
        .expect("run lianluo");
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    let before = snapshot(&out);
    assert!(before.contains_key("index.html"));

    let (code, stderr) = run("build", &[std::ffi::OsStr::new("--out"), out.as_os_str()]);
    assert_eq!(code, 1, "{stderr}");
    let (_, check_stderr) = run("check", &[]);
    assert_eq!(printed(&stderr), printed(&check_stderr));
    assert_eq!(summary(&stderr), summary(&check_stderr));
    assert!(
        summary(&stderr).is_some_and(|s| s.ends_with("; nothing was written")),
        "{stderr}"
    );

    let changes = diff(&before, &snapshot(&out));
    assert!(
        changes.is_empty(),
        "the failed build changed the output:\n{}",
        changes.join("\n")
    );
    // No temporary or old copy is left beside the output either (only the lock file
    // that builds into this folder share, the manifest and the parse cache of the last
    // build).
    let beside: Vec<String> = common::files(tmp.path())
        .into_iter()
        .filter(|f| {
            !f.ends_with(".lianluo-lock")
                && !f.ends_with(".lianluo-manifest")
                && !f.ends_with(".lianluo-parsed")
        })
        .collect();
    assert_eq!(beside.len(), before.len(), "{beside:?}");
}

#[test]
fn check_never_writes_anything() {
    for name in ["valid", "ten-mistakes"] {
        let tmp = common::tempdir();
        let site = tmp.path().join(name);
        copy_dir(&case(name), &site);
        let before = snapshot(tmp.path());
        let output = lianluo()
            .current_dir(tmp.path())
            .arg("check")
            .arg(&site)
            .arg("--as-of")
            .arg(AS_OF)
            .output()
            .expect("run lianluo");
        let expected = if name == "valid" { 0 } else { 1 };
        assert_eq!(
            output.status.code(),
            Some(expected),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        let changes = diff(&before, &snapshot(tmp.path()));
        assert!(
            changes.is_empty(),
            "check of {name} wrote:\n{}",
            changes.join("\n")
        );
        assert!(!site.join("public").exists());
    }
}

/// Reporting every mistake in one run must not turn one typo into many: a file that does
/// not parse is left out of the model, and the references to what it defines are not
/// reported again as unknown ids (nor may the build go on with it missing).
#[test]
fn a_file_that_does_not_parse_is_not_also_reported_wherever_it_is_named() {
    // (file, text, its typo, where the one error is). Each of these is named elsewhere in
    // the fixture: the deputy on a rota, the station by deputies, the handlers, areas and
    // suggestion records by records and activities.
    let typos = [
        (
            "deputies/wu-zhen.md",
            "occupation:",
            "ocupation:",
            "deputies/wu-zhen.md:5:1",
        ),
        (
            "stations/dongcheng-station.md",
            "kind: station",
            "kind: stasion",
            "stations/dongcheng-station.md:3:7",
        ),
        (
            "handlers.yaml",
            "kind: government }",
            "kind: government, boss: 1 }",
            "handlers.yaml:2:53",
        ),
        (
            "areas.yaml",
            "kind: community",
            "kind: comunity",
            "areas.yaml:7:37",
        ),
        (
            "suggestions/2025.yaml",
            "channel: reception",
            "channel: recption",
            "suggestions/2025.yaml:3:12",
        ),
        (
            "suggestions/2025-q3.csv",
            ",hotline,",
            ",phone,",
            "suggestions/2025-q3.csv:2:21",
        ),
    ];
    for (file, text, typo, place) in typos {
        let tmp = common::tempdir();
        let site = tmp.path().join("site");
        copy_dir(&case("valid"), &site);
        let path = site.join(file);
        let content = std::fs::read_to_string(&path).expect("read");
        assert!(content.contains(text), "{file} has no `{text}`");
        std::fs::write(&path, content.replacen(text, typo, 1)).expect("write");
        let output = lianluo()
            .arg("build")
            .arg(&site)
            .arg("--as-of")
            .arg(AS_OF)
            .output()
            .expect("run lianluo");
        let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
        assert_eq!(output.status.code(), Some(1), "{file}:\n{stderr}");
        let places: Vec<Option<String>> = printed(&stderr).into_iter().map(|p| p.place).collect();
        assert_eq!(places, [Some(place.to_owned())], "{file}:\n{stderr}");
        assert!(
            !site.join("public").exists(),
            "{file}: something was written"
        );
    }
}

/// Pins the bug "unmatched exceptions are computed but never reported": the schedule
/// module lists the exceptions that match no reception (`Expansion::unmatched_exceptions`,
/// promised to editors in docs/schedules.md), but `model::schedules::expand` drops the
/// list, so a cancellation dated one day off silently cancels nothing.
#[test]
fn an_exception_that_matches_no_reception_is_reported() {
    let tmp = common::tempdir();
    let site = tmp.path().join("site");
    copy_dir(&case("valid"), &site);
    let path = site.join("stations/dongcheng-station.md");
    let content = std::fs::read_to_string(&path).expect("read");
    // The first Friday of November 2025 is the 7th; the 8th is a Saturday.
    let typo = content.replacen(
        "date: 2025-11-07, cancelled",
        "date: 2025-11-08, cancelled",
        1,
    );
    assert_ne!(typo, content);
    std::fs::write(&path, typo).expect("write");
    let output = lianluo()
        .arg("check")
        .arg(&site)
        .arg("--as-of")
        .arg(AS_OF)
        .output()
        .expect("run lianluo");
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    let reported: Vec<Printed> = printed(&stderr)
        .into_iter()
        .filter(|p| {
            p.place
                .as_deref()
                .is_some_and(|place| place.starts_with("stations/dongcheng-station.md:18:"))
        })
        .collect();
    assert_eq!(reported.len(), 1, "{stderr}");
    assert!(reported[0].message.contains("2025-11-08"), "{stderr}");
}

/// `check` on a copy of the valid fixture with `deputies/li-xian.md` replaced by `text`.
fn check_deputy(text: &str) -> (i32, String) {
    let tmp = common::tempdir();
    let site = tmp.path().join("site");
    copy_dir(&case("valid"), &site);
    std::fs::write(site.join("deputies/li-xian.md"), text).expect("write");
    let output = lianluo()
        .arg("check")
        .arg(&site)
        .args(["--as-of", AS_OF])
        .output()
        .expect("run lianluo");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn an_unknown_key_no_longer_hides_the_files_other_mistakes() {
    // The README's example: a misspelt key, then a misspelt station id.
    let (code, stderr) = check_deputy(
        "---\nname: 李县英\nlevl: county\nconstituency: ceshi-c01\nstations: [dongcheng-staton]\n---\n",
    );
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("unknown key `levl`"), "{stderr}");
    assert!(stderr.contains("deputies/li-xian.md:3:1"), "{stderr}");
    assert!(
        stderr.contains("there is no station with the id `dongcheng-staton`"),
        "{stderr}"
    );
    assert!(stderr.contains("deputies/li-xian.md:5:"), "{stderr}");
    assert!(stderr.contains("the site has 2 errors"), "{stderr}");
}

#[test]
fn three_mistakes_in_one_file_are_reported_in_one_run() {
    let (code, stderr) = check_deputy(
        "---\nname: 李县英\nlevl: county\nconstituency: ceshi-c01\ngender: [female]\nphoto_url: a.jpg\n---\n",
    );
    assert_eq!(code, 1, "{stderr}");
    for (place, message) in [
        ("deputies/li-xian.md:3:1", "unknown key `levl`"),
        ("deputies/li-xian.md:5:9", "expected one word here"),
        ("deputies/li-xian.md:6:1", "unknown key `photo_url`"),
    ] {
        assert!(stderr.contains(place), "{place}: {stderr}");
        assert!(stderr.contains(message), "{message}: {stderr}");
    }
    assert!(stderr.contains("the site has 3 errors"), "{stderr}");
}

#[test]
fn a_full_width_colon_after_a_key_gets_its_own_help() {
    let (code, stderr) = check_deputy(
        "---\nname: 李县英\nlevel: county\nconstituency: ceshi-c01\noccupation：和平社区党委书记\n---\n",
    );
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains("the colon after `occupation` is a full-width colon `：`"),
        "{stderr}"
    );
    assert!(stderr.contains("deputies/li-xian.md:5:11"), "{stderr}");
    assert!(!stderr.contains("simple key expected"), "{stderr}");
}

#[test]
fn an_ascii_comma_in_a_flow_mapping_says_to_quote_the_text() {
    let tmp = common::tempdir();
    let site = tmp.path().join("site");
    copy_dir(&case("valid"), &site);
    let path = site.join("stations/dongcheng-station.md");
    let text = std::fs::read_to_string(&path).expect("read");
    let edited = text.replace("note: 代表集中学习 }", "note: 代表集中学习,另行通知 }");
    assert_ne!(edited, text);
    std::fs::write(&path, edited).expect("write");
    let output = lianluo()
        .arg("check")
        .arg(&site)
        .args(["--as-of", AS_OF])
        .output()
        .expect("run lianluo");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("`另行通知` was read as a key"), "{stderr}");
    assert!(stderr.contains("，"), "{stderr}");
}

#[test]
fn a_broken_site_template_is_located_in_its_file_not_in_themes() {
    let tmp = common::tempdir();
    let site = tmp.path().join("site");
    copy_dir(&case("valid"), &site);
    let templates = site.join("themes/mine/templates");
    std::fs::create_dir_all(&templates).expect("mkdir");
    std::fs::write(
        templates.join("page.html"),
        "{% extends \"base.html\" %}\n{% block content %}\n<h1>{{ page.title }</h1>\n{% endblock content %}\n",
    )
    .expect("write");
    let yaml = std::fs::read_to_string(site.join("site.yaml")).expect("read");
    std::fs::write(
        site.join("site.yaml"),
        yaml.replace("theme: default", "theme: mine"),
    )
    .expect("write");
    for command in ["check", "build"] {
        let output = lianluo()
            .arg(command)
            .arg(&site)
            .args(["--as-of", AS_OF])
            .output()
            .expect("run lianluo");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(1), "{command}: {stderr}");
        let found = printed(&stderr);
        assert_eq!(found.len(), 1, "{command}: {stderr}");
        assert_eq!(
            found[0].place.as_deref(),
            Some("themes/mine/templates/page.html:3:19"),
            "{command}: {stderr}"
        );
        assert!(
            found[0].message.contains("Found `}` but expected }}"),
            "{stderr}"
        );
    }
}
