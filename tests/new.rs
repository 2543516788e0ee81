//! `lianluo new`: a scaffolded site builds at once, and so does every template added to it;
//! nothing is ever overwritten.

mod common;

use common::lianluo;

#[test]
fn a_new_site_builds_and_templates_keep_it_building() {
    let tmp = common::tempdir();
    let site = tmp.path().join("mysite");
    lianluo()
        .args(["new", "site"])
        .arg(&site)
        .assert()
        .success();
    for f in [
        "site.yaml",
        "areas.yaml",
        "deputies/li-xiuying.md",
        "stations/fengming-station.md",
        "pages/about.md",
    ] {
        assert!(site.join(f).is_file(), "{f} is missing");
    }
    let built = common::build(&site, common::AS_OF);
    assert!(built.exists("index.html"));
    assert!(built.exists("deputies/li-xiuying/index.html"));
    assert!(built.exists("stations/fengming-station/index.html"));
    assert!(built.exists("about/index.html"));
    assert!(!built.stderr.contains("warning"), "{}", built.stderr);

    for (kind, id, file) in [
        ("deputy", "wang-jun", "deputies/wang-jun.md"),
        ("station", "xinhua-studio", "stations/xinhua-studio.md"),
        (
            "activity",
            "2025-05-12-shicha",
            "activities/2025-05-12-shicha.md",
        ),
        ("page", "contact", "pages/contact.md"),
    ] {
        lianluo()
            .args(["new", kind, id])
            .arg(&site)
            .assert()
            .success();
        let text = std::fs::read_to_string(site.join(file)).expect("the template was written");
        assert!(text.contains("# "), "{file} has no comments");
        assert!(
            !text.contains("{{"),
            "{file} has unfilled placeholders:\n{text}"
        );
    }
    let built = common::build(&site, common::AS_OF);
    assert!(
        built.exists("deputies/wang-jun/index.html"),
        "{}",
        built.stderr
    );
    assert!(built.exists("stations/xinhua-studio/index.html"));
    assert!(built.exists("activities/2025-05-12-shicha/index.html"));
    assert!(built.exists("contact/index.html"));
}

#[test]
fn new_refuses_to_overwrite() {
    let tmp = common::tempdir();
    let site = tmp.path().join("s");
    lianluo()
        .args(["new", "site"])
        .arg(&site)
        .assert()
        .success();
    let before = std::fs::read(site.join("deputies/li-xiuying.md")).expect("read");
    let out = lianluo()
        .args(["new", "deputy", "li-xiuying"])
        .arg(&site)
        .assert()
        .code(1);
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(stderr.contains("already"), "{stderr}");
    assert_eq!(
        std::fs::read(site.join("deputies/li-xiuying.md")).expect("read"),
        before
    );

    // The same id in a sub-folder of activities counts too.
    std::fs::create_dir_all(site.join("activities/2025")).expect("mkdir");
    std::fs::write(site.join("activities/2025/x.md"), "keep").expect("write");
    lianluo()
        .args(["new", "activity", "x"])
        .arg(&site)
        .assert()
        .code(1);
    assert_eq!(
        std::fs::read_to_string(site.join("activities/2025/x.md")).expect("read"),
        "keep"
    );

    // A site folder that is not empty is left alone.
    lianluo().args(["new", "site"]).arg(&site).assert().code(1);
    // Ids are file names: wrong usage.
    lianluo()
        .args(["new", "deputy", "Li Xiuying"])
        .arg(&site)
        .assert()
        .code(2);
    // Outside a site there is nowhere to put it.
    lianluo()
        .args(["new", "page", "about"])
        .arg(tmp.path())
        .assert()
        .code(1);
}
