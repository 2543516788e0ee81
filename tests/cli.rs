//! The command line: exit codes (0 ok, 1 content, 2 usage) and the messages of the
//! mistakes made on the command line itself.

mod common;

use common::{case, copy_dir, demo, lianluo, tempdir};

fn run(cmd: &mut assert_cmd::Command) -> (Option<i32>, String, String) {
    let output = cmd.output().expect("run lianluo");
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn an_impossible_as_of_date_exits_1_with_a_clear_message_and_writes_nothing() {
    let tmp = tempdir();
    let out = tmp.path().join("out");
    let (code, _, stderr) = run(lianluo()
        .arg("build")
        .arg("--as-of")
        .arg("2025-13-01")
        .arg(demo())
        .arg("--out")
        .arg(&out));
    assert_eq!(code, Some(1), "{stderr}");
    assert!(
        stderr.contains("error: --as-of `2025-13-01` is not a date: write YYYY-MM-DD"),
        "{stderr}"
    );
    assert!(!out.exists());
}

#[test]
fn an_unusable_source_date_epoch_exits_1_naming_it() {
    let tmp = tempdir();
    let (code, _, stderr) = run(lianluo()
        .env("SOURCE_DATE_EPOCH", "yesterday")
        .arg("check")
        .arg(case("valid"))
        .current_dir(tmp.path()));
    assert_eq!(code, Some(1), "{stderr}");
    assert!(
        stderr.contains("SOURCE_DATE_EPOCH `yesterday` is not a number of seconds"),
        "{stderr}"
    );
}

#[test]
fn an_unknown_flag_is_a_usage_error() {
    let (code, _, stderr) = run(lianluo()
        .arg("build")
        .arg(case("valid"))
        .arg("--frobnicate"));
    assert_eq!(code, Some(2), "{stderr}");
    assert!(stderr.contains("--frobnicate"), "{stderr}");
}

#[test]
fn no_command_is_a_usage_error_and_help_and_version_are_not() {
    let (code, _, stderr) = run(&mut lianluo());
    assert_eq!(code, Some(2), "{stderr}");
    let (code, stdout, _) = run(lianluo().arg("--help"));
    assert_eq!(code, Some(0));
    assert!(
        stdout.contains("build") && stdout.contains("check"),
        "{stdout}"
    );
    let (code, stdout, _) = run(lianluo().arg("--version"));
    assert_eq!(code, Some(0));
    assert!(stdout.starts_with("lianluo "), "{stdout}");
}

#[test]
fn check_accepts_the_valid_fixture() {
    let (code, _, stderr) = run(lianluo()
        .arg("check")
        .arg(case("valid"))
        .arg("--as-of")
        .arg(common::AS_OF));
    assert_eq!(code, Some(0), "{stderr}");
    assert!(
        stderr.contains("ok: 9 deputies, 2 stations, 3 activities, 4 suggestions, 3 pages checked"),
        "{stderr}"
    );
    assert!(!stderr.contains("error"), "{stderr}");
}

#[test]
fn a_folder_without_site_yaml_exits_1_naming_the_file() {
    let tmp = tempdir();
    for command in ["check", "build"] {
        let (code, _, stderr) = run(lianluo()
            .arg(command)
            .arg(tmp.path())
            .arg("--as-of")
            .arg(common::AS_OF));
        assert_eq!(code, Some(1), "{command}: {stderr}");
        assert!(stderr.contains("site.yaml"), "{command}: {stderr}");
        assert!(stderr.contains("no site.yaml in"), "{command}: {stderr}");
        assert!(
            stderr.contains("error: the site has 1 error and 0 warnings; nothing was written"),
            "{command}: {stderr}"
        );
    }
    assert_eq!(
        std::fs::read_dir(tmp.path()).expect("list").count(),
        0,
        "something was written"
    );
}

#[test]
fn build_without_out_writes_into_the_sites_public_folder() {
    let tmp = tempdir();
    let site = tmp.path().join("site");
    copy_dir(&case("valid"), &site);
    let (code, _, stderr) = run(lianluo()
        .arg("build")
        .arg(&site)
        .arg("--as-of")
        .arg(common::AS_OF));
    assert_eq!(code, Some(0), "{stderr}");
    assert!(site.join("public/index.html").is_file());
    assert!(site.join("public/deputies/li-xian/index.html").is_file());
    // Only public/ was added beside the content, and the hidden lock file that builds
    // into it share, the manifest of what the build wrote and the parse cache.
    let added: Vec<String> = common::files(&site)
        .into_iter()
        .filter(|f| !case("valid").join(f).is_file())
        .filter(|f| {
            !f.starts_with("public/")
                && f != ".public.lianluo-lock"
                && f != ".public.lianluo-manifest"
                && f != ".public.lianluo-parsed"
        })
        .collect();
    assert!(added.is_empty(), "{added:?}");
}

#[test]
fn no_minify_writes_the_same_pages_unminified() {
    let tmp = tempdir();
    let (small, big) = (tmp.path().join("small"), tmp.path().join("big"));
    for (out, extra) in [(&small, None), (&big, Some("--no-minify"))] {
        let mut cmd = lianluo();
        cmd.arg("build")
            .arg(case("valid"))
            .arg("--out")
            .arg(out)
            .arg("--as-of")
            .arg(common::AS_OF);
        if let Some(flag) = extra {
            cmd.arg(flag);
        }
        let (code, _, stderr) = run(&mut cmd);
        assert_eq!(code, Some(0), "{stderr}");
    }
    assert_eq!(common::files(&small), common::files(&big));
    let (a, b) = (
        std::fs::read(small.join("index.html")).expect("read"),
        std::fs::read(big.join("index.html")).expect("read"),
    );
    assert!(
        a.len() < b.len(),
        "minified {} ≥ unminified {}",
        a.len(),
        b.len()
    );
}
