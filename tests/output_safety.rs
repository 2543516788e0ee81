//! The output folder's guarantees, tried through the real binary the way a careless or
//! hostile user would: lianluo never deletes or overwrites a folder it did not write,
//! never reads a file through a link that leaves the site, and the output is always one
//! complete site — when two builds overlap, and when a build is killed.

mod common;

use std::path::Path;
use std::process::Stdio;
use std::time::Duration;

use common::{AS_OF, build_to, copy_dir, demo, lianluo, snapshot, tempdir};

/// A copy of the demo site in a fresh folder (its `public/` left behind).
fn demo_copy(dir: &Path) -> std::path::PathBuf {
    let site = dir.join("site");
    copy_dir(&demo(), &site);
    let _ = std::fs::remove_dir_all(site.join("public"));
    site
}

/// The binary as a `std` command, for running it in the background.
fn raw_lianluo() -> std::process::Command {
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_lianluo"));
    cmd.env_remove("SOURCE_DATE_EPOCH").env("NO_COLOR", "1");
    cmd
}

fn build(site: &Path, out: &Path) -> std::process::Output {
    lianluo()
        .arg("build")
        .arg(site)
        .arg("--out")
        .arg(out)
        .arg("--as-of")
        .arg(AS_OF)
        .output()
        .expect("run lianluo")
}

#[test]
fn build_out_home_no_longer_deletes_the_home_folder() {
    let tmp = tempdir();
    let site = demo_copy(tmp.path());
    let home = tmp.path().join("home");
    std::fs::create_dir_all(home.join("Documents")).expect("mkdir");
    std::fs::write(home.join("Documents/thesis.docx"), "four years of work").expect("write");
    let before = snapshot(&home);
    let output = build(&site, &home);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("not written by lianluo"), "{stderr}");
    assert!(common::diff(&before, &snapshot(&home)).is_empty());
    let leftovers: Vec<_> = std::fs::read_dir(tmp.path())
        .expect("list")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("lianluo"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn build_out_the_site_its_parent_or_a_source_folder_is_refused() {
    let tmp = tempdir();
    let site = demo_copy(tmp.path());
    let before = snapshot(tmp.path());
    for (out, says) in [
        (site.clone(), "is the site folder"),
        (tmp.path().to_path_buf(), "holds the site folder"),
        (site.join("deputies"), "source `deputies`"),
        (site.join("static"), "source `static`"),
        (site.join("site.yaml"), "is a file"),
        ("/".into(), "root of the file system"),
    ] {
        let output = build(&site, &out);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{}: {stderr}", out.display());
        assert!(stderr.contains(says), "{}: {stderr}", out.display());
    }
    // `.` and `..` from inside the site.
    for (dot, says) in [(".", "is the site folder"), ("..", "holds the site folder")] {
        let output = lianluo()
            .current_dir(&site)
            .args(["build", ".", "--out", dot, "--as-of", AS_OF])
            .output()
            .expect("run lianluo");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{dot}: {stderr}");
        assert!(stderr.contains(says), "{dot}: {stderr}");
    }
    assert!(common::diff(&before, &snapshot(tmp.path())).is_empty());
}

#[test]
fn serve_out_no_longer_empties_a_folder_it_did_not_write() {
    let tmp = tempdir();
    let site = demo_copy(tmp.path());
    let mine = tmp.path().join("mine");
    std::fs::create_dir(&mine).expect("mkdir");
    std::fs::write(mine.join("notes.txt"), "keep me").expect("write");
    let output = lianluo()
        .arg("serve")
        .arg(&site)
        .arg("--out")
        .arg(&mine)
        .args(["--port", "0"])
        .timeout(Duration::from_secs(60))
        .output()
        .expect("run lianluo");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("not written by lianluo"), "{stderr}");
    assert_eq!(
        std::fs::read_to_string(mine.join("notes.txt")).expect("still there"),
        "keep me"
    );
}

#[test]
fn a_folder_lianluo_wrote_is_replaced_and_marked() {
    let tmp = tempdir();
    let site = demo_copy(tmp.path());
    let out = tmp.path().join("www");
    build_to(&site, &out, AS_OF, &[]);
    assert!(out.join(".lianluo-output").is_file());
    std::fs::write(out.join("stale.html"), "from an old build").expect("write");
    build_to(&site, &out, AS_OF, &[]);
    assert!(
        !out.join("stale.html").exists(),
        "the old site is replaced whole"
    );
    assert!(out.join("index.html").is_file());
}

/// Every file of the site, without the marker.
fn site_files(out: &Path) -> Vec<String> {
    common::files(out)
}

#[test]
fn two_overlapping_builds_leave_one_complete_site() {
    let tmp = tempdir();
    let site = demo_copy(tmp.path());
    let reference = tmp.path().join("reference");
    build_to(&site, &reference, AS_OF, &[]);
    let expected = snapshot(&reference);
    let out = tmp.path().join("www");
    for round in 0..3 {
        let spawn = || {
            raw_lianluo()
                .arg("build")
                .arg(&site)
                .arg("--out")
                .arg(&out)
                .arg("--as-of")
                .arg(AS_OF)
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .expect("spawn lianluo")
        };
        let (a, b) = (spawn(), spawn());
        for child in [a, b] {
            let output = child.wait_with_output().expect("wait");
            assert!(
                output.status.success(),
                "round {round}: {}",
                String::from_utf8_lossy(&output.stderr)
            );
        }
        let got = snapshot(&out);
        assert!(
            common::diff(&expected, &got).is_empty(),
            "round {round}: {:?}",
            common::diff(&expected, &got)
        );
    }
}

#[test]
fn a_clean_build_killed_at_any_moment_leaves_the_old_or_the_new_site() {
    let tmp = tempdir();
    let site = demo_copy(tmp.path());
    // Two different sites: the old one (built for one date) and the new one (another).
    let (old_ref, new_ref) = (tmp.path().join("old"), tmp.path().join("new"));
    build_to(&site, &old_ref, "2025-01-10", &[]);
    build_to(&site, &new_ref, "2025-09-20", &[]);
    let (old, new) = (snapshot(&old_ref), snapshot(&new_ref));
    assert!(
        !common::diff(&old, &new).is_empty(),
        "the two dates give different sites"
    );
    let out = tmp.path().join("www");
    build_to(&site, &out, "2025-01-10", &[]);
    let start = std::time::Instant::now();
    build_to(&site, &tmp.path().join("timing"), "2025-09-20", &[]);
    let full = start.elapsed();
    // A clean build swaps the whole folder in one step (an incremental one renames the
    // changed files one by one: each whole, the folder repaired by the next build, see
    // tests/incremental.rs).
    for step in 1..=8u32 {
        let delay = full * step / 8;
        let mut child = raw_lianluo()
            .arg("build")
            .arg(&site)
            .arg("--out")
            .arg(&out)
            .args(["--as-of", "2025-09-20", "--clean"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn lianluo");
        std::thread::sleep(delay);
        let _ = child.kill(); // SIGKILL
        let _ = child.wait();
        let got = snapshot(&out);
        assert!(
            common::diff(&old, &got).is_empty() || common::diff(&new, &got).is_empty(),
            "killed after {delay:?}: neither the old nor the new site ({} files)",
            site_files(&out).len()
        );
    }
    // The next build cleans up whatever the killed ones left beside the output.
    build_to(&site, &out, "2025-09-20", &[]);
    assert!(common::diff(&new, &snapshot(&out)).is_empty());
    let leftovers: Vec<_> = std::fs::read_dir(tmp.path())
        .expect("list")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| {
            n.contains("lianluo-tmp")
                || n.contains("lianluo-old")
                || n.contains("lianluo-trash")
                || n.contains("lianluo-parsed-")
        })
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn static_linked_to_a_folder_outside_the_site_is_refused() {
    let tmp = tempdir();
    let site = demo_copy(tmp.path());
    let secrets = tmp.path().join("etc");
    std::fs::create_dir(&secrets).expect("mkdir");
    std::fs::write(secrets.join("shadow"), "root:$6$secret").expect("write");
    std::fs::remove_dir_all(site.join("static")).expect("remove static");
    std::os::unix::fs::symlink(&secrets, site.join("static")).expect("symlink");
    for command in ["check", "build"] {
        let output = lianluo()
            .arg(command)
            .arg(&site)
            .args(["--as-of", AS_OF])
            .output()
            .expect("run lianluo");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(1), "{command}: {stderr}");
        assert!(
            stderr.contains("outside the site folder"),
            "{command}: {stderr}"
        );
        assert!(stderr.contains("static"), "{command}: {stderr}");
        assert!(!stderr.contains("root:$6$"), "{command}: {stderr}");
    }
    assert!(!site.join("public").exists());
}

#[test]
fn a_file_linked_out_of_the_site_is_refused_and_one_inside_is_read() {
    let tmp = tempdir();
    let site = demo_copy(tmp.path());
    std::fs::write(tmp.path().join("passwd"), "root:x:0:0").expect("write");
    std::os::unix::fs::symlink(tmp.path().join("passwd"), site.join("static/passwd.txt"))
        .expect("symlink");
    let output = build(&site, &tmp.path().join("www"));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("static/passwd.txt"), "{stderr}");
    std::fs::remove_file(site.join("static/passwd.txt")).expect("remove");
    std::fs::write(site.join("static/inside.txt"), "public notice").expect("write");
    std::os::unix::fs::symlink(
        site.join("static/inside.txt"),
        site.join("static/alias.txt"),
    )
    .expect("symlink");
    let out = tmp.path().join("www");
    build_to(&site, &out, AS_OF, &[]);
    assert_eq!(
        std::fs::read_to_string(out.join("static/alias.txt")).expect("read"),
        "public notice"
    );
}

#[test]
fn a_theme_given_as_a_path_is_refused() {
    let tmp = tempdir();
    let site = demo_copy(tmp.path());
    let yaml = std::fs::read_to_string(site.join("site.yaml")).expect("read");
    for theme in ["../../x", "/etc", "a/b"] {
        let edited = yaml.replace("theme: default", &format!("theme: \"{theme}\""));
        assert_ne!(edited, yaml);
        std::fs::write(site.join("site.yaml"), edited).expect("write");
        let output = lianluo()
            .arg("check")
            .arg(&site)
            .args(["--as-of", AS_OF])
            .output()
            .expect("run lianluo");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(1), "{theme}: {stderr}");
        assert!(stderr.contains("is not a theme name"), "{theme}: {stderr}");
    }
}
