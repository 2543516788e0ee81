//! The privacy guard on real content: a pasted phone number stops the build at its line,
//! `redact --write` masks it so the site builds again, the log never shows the data, and
//! published photos lose their EXIF metadata.

mod common;

use common::{AS_OF, build, copy_dir, demo, lianluo, tempdir};

/// Copy the demo and paste a mobile number into the summary of its first 2026 suggestion.
/// Returns the copy and the 1-based line the number is on.
fn demo_with_phone(dir: &std::path::Path) -> u32 {
    copy_dir(&demo(), dir);
    let _ = std::fs::remove_dir_all(dir.join("public"));
    let file = dir.join("suggestions/2026.yaml");
    let text = std::fs::read_to_string(&file).expect("read suggestions");
    let (i, line) = text
        .lines()
        .enumerate()
        .find(|(_, l)| l.trim_start().starts_with("summary:"))
        .expect("a summary line");
    let patched = format!("{line}来电人电话13812345678。");
    let new_text = text.replacen(line, &patched, 1);
    std::fs::write(&file, new_text).expect("write suggestions");
    i as u32 + 1
}

#[test]
fn a_pasted_phone_number_stops_the_build_at_its_line_and_redact_write_repairs_it() {
    let tmp = tempdir();
    let site = tmp.path().join("site");
    let line = demo_with_phone(&site);

    let out = lianluo()
        .args(["build", "--as-of", AS_OF])
        .arg(&site)
        .arg("--out")
        .arg(tmp.path().join("out"))
        .output()
        .expect("run");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains(&format!("suggestions/2026.yaml:{line}:")),
        "the error names the line:\n{stderr}"
    );
    assert!(
        stderr.contains("手机号码"),
        "the error names the kind of data:\n{stderr}"
    );
    assert!(
        stderr.contains("138****5678"),
        "the error shows the masked number:\n{stderr}"
    );
    assert!(
        !stderr.contains("13812345678"),
        "the log must not leak the number:\n{stderr}"
    );
    assert!(!tmp.path().join("out").exists(), "nothing is written");

    // Without --write: a diff, files untouched.
    let before = std::fs::read(site.join("suggestions/2026.yaml")).expect("read");
    let dry = lianluo().arg("redact").arg(&site).output().expect("run");
    let shown = String::from_utf8_lossy(&dry.stdout);
    assert!(dry.status.success());
    assert!(
        shown.contains(&format!("@@ line {line} @@"))
            && shown.contains("+")
            && !shown.contains("13812345678"),
        "{shown}"
    );
    assert_eq!(
        std::fs::read(site.join("suggestions/2026.yaml")).expect("read"),
        before
    );

    // With --write: masked in the file, and the site builds.
    let write = lianluo()
        .args(["redact", "--write"])
        .arg(&site)
        .output()
        .expect("run");
    assert!(write.status.success());
    let text = std::fs::read_to_string(site.join("suggestions/2026.yaml")).expect("read");
    assert!(text.contains("138****5678") && !text.contains("13812345678"));
    build(&site, AS_OF);
}

#[test]
fn a_reviewed_record_is_published_and_listed_as_accepted() {
    let tmp = tempdir();
    let site = tmp.path().join("site");
    demo_with_phone(&site);
    let file = site.join("suggestions/2026.yaml");
    let text = std::fs::read_to_string(&file).expect("read");
    let (_, first) = text
        .lines()
        .enumerate()
        .find(|(_, l)| l.starts_with("- id:"))
        .expect("a record");
    let reviewed =
        format!("{first}\n  privacy: {{ reviewed: true, reason: \"单位公开热线，经核实可公开\" }}");
    std::fs::write(&file, text.replacen(first, &reviewed, 1)).expect("write");
    let built = build(&site, AS_OF);
    assert!(
        built.stderr.contains("privacy review accepted") && built.stderr.contains("单位公开热线"),
        "{}",
        built.stderr
    );
}

#[test]
fn published_photos_lose_their_exif_metadata() {
    let tmp = tempdir();
    let site = tmp.path().join("site");
    copy_dir(&common::case("valid"), &site);
    // A minimal JPEG: SOI, an EXIF segment with a GPS note, JFIF, then scan data and EOI.
    let mut jpeg = vec![0xFF, 0xD8];
    let exif = b"Exif\0\0GPS 34.4431N 107.6392E";
    jpeg.extend([0xFF, 0xE1, 0, (exif.len() + 2) as u8]);
    jpeg.extend_from_slice(exif);
    jpeg.extend([0xFF, 0xE0, 0, 7, b'J', b'F', b'I', b'F', 0]);
    jpeg.extend([0xFF, 0xDA, 0, 2, 0x11, 0x22, 0xFF, 0xD9]);
    std::fs::create_dir_all(site.join("static/photos")).expect("mkdir");
    std::fs::write(site.join("static/photos/meeting.jpg"), &jpeg).expect("write");
    let built = build(&site, AS_OF);
    let published = built.bytes("static/photos/meeting.jpg");
    assert!(
        !published.windows(4).any(|w| w == b"Exif" || w == b"GPS "),
        "EXIF is removed"
    );
    assert!(
        published.windows(4).any(|w| w == b"JFIF"),
        "the image itself is kept"
    );
    assert!(published.ends_with(&[0xFF, 0xDA, 0, 2, 0x11, 0x22, 0xFF, 0xD9]));
}
