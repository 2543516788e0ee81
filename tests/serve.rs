//! `lianluo serve` end to end: the real binary on a free port, driven over HTTP and its
//! live-reload event stream while the test edits a copy of a fixture site.

mod common;
mod live;

use std::path::Path;
use std::time::Duration;

use live::Server;

const WAIT: Duration = Duration::from_secs(30);

/// A copy of the `valid` fixture in a temporary folder, served.
fn serve_copy() -> (tempfile::TempDir, Server) {
    let tmp = common::tempdir();
    let site = tmp.path().join("site");
    common::copy_dir(&common::case("valid"), &site);
    let server = Server::start(
        &site,
        &tmp.path().join("out"),
        &tmp.path().join("serve.log"),
    );
    (tmp, server)
}

fn edit(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).expect("read the file");
    assert!(text.contains(from), "{} has no {from:?}", path.display());
    std::fs::write(path, text.replace(from, to)).expect("write the file");
}

#[test]
fn edits_reload_the_page_and_errors_show_over_the_last_good_site() {
    let (tmp, server) = serve_copy();
    let site = tmp.path().join("site");
    let page = server.get("/deputies/li-xian/");
    assert_eq!(page.status, 200, "{}", server.log());
    assert_eq!(
        page.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    let html = page.text();
    assert!(html.contains("李县英"));
    assert!(html.contains("/__lianluo/events"), "no reload script");
    assert!(!html.contains("lianluo-errors"));

    // An edit: the tab is told to reload and gets the new text.
    let mut events = server.events();
    edit(
        &site.join("deputies/li-xian.md"),
        "在和平社区工作二十年",
        "在和平社区工作二十一年",
    );
    assert!(
        events.reload(WAIT),
        "no reload event; log:\n{}",
        server.log()
    );
    let html = server.get("/deputies/li-xian/").text();
    assert!(html.contains("二十一年"), "{html}");

    // A YAML mistake: every page carries the overlay with the place; the old site stays.
    let broken = site.join("deputies/li-xian.md");
    let good = std::fs::read_to_string(&broken).expect("read");
    std::fs::write(&broken, good.replace("level: county", "level: [county")).expect("write");
    assert!(
        events.reload(WAIT),
        "no reload event; log:\n{}",
        server.log()
    );
    for path in ["/deputies/li-xian/", "/", "/stations/"] {
        let html = server.get(path).text();
        assert!(html.contains("id=\"lianluo-errors\""), "{path}: no overlay");
        assert!(html.contains("deputies/li-xian.md:"), "{path}: no location");
        let overlay = html.find("lianluo-errors").expect("overlay");
        let script = html.find("/__lianluo/events").expect("script");
        assert!(
            overlay < script,
            "{path}: the overlay must come before any script"
        );
    }
    let html = server.get("/deputies/li-xian/").text();
    assert!(
        html.contains("二十一年"),
        "the last good page stays underneath"
    );
    let missing = server.get("/no/such/page/");
    assert_eq!(missing.status, 404);
    assert!(
        missing.text().contains("lianluo-errors"),
        "the 404 page carries it too"
    );

    // Fixing the file clears it.
    std::fs::write(&broken, &good).expect("write");
    assert!(
        events.reload(WAIT),
        "no reload event; log:\n{}",
        server.log()
    );
    let html = server.get("/deputies/li-xian/").text();
    assert!(
        !html.contains("lianluo-errors"),
        "the overlay stays after the fix"
    );
    assert!(html.contains("二十一年"));

    // A validation error (not a parse error) names its line too.
    edit(
        &broken,
        "constituency: ceshi-c01",
        "constituency: ceshi-c99",
    );
    assert!(
        events.reload(WAIT),
        "no reload event; log:\n{}",
        server.log()
    );
    let html = server.get("/").text();
    assert!(html.contains("deputies/li-xian.md:4:"), "{html}");
    std::fs::write(&broken, &good).expect("write");
    assert!(events.reload(WAIT));
    assert!(!server.get("/").text().contains("lianluo-errors"));
}

#[test]
fn paths_outside_the_site_get_the_404_page() {
    let (_tmp, server) = serve_copy();
    let not_found = server.get("/no-such-page/");
    assert_eq!(not_found.status, 404);
    let body_404 = String::from_utf8(not_found.body.clone()).expect("utf-8");
    for bad in [
        "/../Cargo.toml",
        "/../../../../etc/passwd",
        "/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        "/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd",
        "/..%2f..%2f..%2fetc%2fpasswd",
        "/deputies/..%5c..%5c..%5cetc%5cpasswd",
        "/..\\..\\..\\etc\\passwd",
        "/deputies/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        "/.lianluo",
        "/%00",
    ] {
        let r = server.get(bad);
        assert_eq!(r.status, 404, "{bad}");
        assert_eq!(r.text(), body_404, "{bad}: not the site's 404 page");
    }
    // The real page next to them is fine.
    assert_eq!(server.get("/deputies/").status, 200);
    let r = server.get("/deputies");
    assert_eq!(r.status, 301);
    assert_eq!(r.header("location"), Some("/deputies/"));
}

#[test]
fn files_have_their_mime_types() {
    let (tmp, server) = serve_copy();
    let out = tmp.path().join("out");
    let files = common::files(&out);
    let want = [
        ("html", "text/html; charset=utf-8"),
        ("css", "text/css; charset=utf-8"),
        ("js", "text/javascript; charset=utf-8"),
        ("svg", "image/svg+xml"),
        ("ics", "text/calendar; charset=utf-8"),
        ("json", "application/json"),
        ("csv", "text/csv; charset=utf-8"),
        ("xml", "application/xml"),
        ("txt", "text/plain; charset=utf-8"),
    ];
    let mut seen = 0;
    for (ext, mime) in want {
        let Some(rel) = files.iter().find(|f| f.ends_with(&format!(".{ext}"))) else {
            continue;
        };
        let r = server.get(&format!("/{rel}"));
        assert_eq!(r.status, 200, "{rel}");
        assert_eq!(r.header("content-type"), Some(mime), "{rel}");
        if ext != "html" {
            let on_disk = std::fs::read(out.join(rel)).expect("read");
            assert_eq!(r.body, on_disk, "{rel} is sent as it is");
        }
        seen += 1;
    }
    assert!(seen >= 6, "too few kinds of files to check: {files:?}");
    // The build's own files never carry the reload script.
    let home = std::fs::read_to_string(out.join("index.html")).expect("read");
    assert!(
        !home.contains("__lianluo"),
        "the script leaked into the output folder"
    );
}

#[cfg(unix)]
#[test]
fn dropped_connections_do_not_hurt_and_ctrl_c_stops_it() {
    use std::io::Write;
    let (_tmp, mut server) = serve_copy();
    for _ in 0..20 {
        let mut s = std::net::TcpStream::connect(("127.0.0.1", server.port)).expect("connect");
        let _ = write!(s, "GET /deputies/ HTTP/1.1\r\nHost: x\r\n\r\n");
        drop(s);
        let mut s = std::net::TcpStream::connect(("127.0.0.1", server.port)).expect("connect");
        let _ = write!(s, "GET /deputies/ HT");
        drop(s);
    }
    assert_eq!(server.get("/").status, 200);
    // An open tab (the event stream) does not keep the server from stopping.
    let _events = server.events();
    let status = server.interrupt(Duration::from_secs(10));
    let status = status.unwrap_or_else(|| panic!("still running after Ctrl-C:\n{}", server.log()));
    assert!(status.success(), "{status}: {}", server.log());
}

/// `&`, `<`, `>`, `"`, `'` as the overlay writes them.
fn html_escaped(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

#[test]
fn the_overlay_says_what_check_prints_for_a_broken_reference_and_a_broken_file() {
    let (tmp, server) = serve_copy();
    let site = tmp.path().join("site");
    let mut events = server.events();
    // A broken reference (validation, not YAML) in one file …
    edit(
        &site.join("deputies/li-xian.md"),
        "constituency: ceshi-c01",
        "constituency: ceshi-c99",
    );
    assert!(events.reload(WAIT), "no reload; log:\n{}", server.log());
    let check = |site: &Path| {
        let output = common::lianluo()
            .arg("check")
            .arg(site)
            .args(["--as-of", common::AS_OF])
            .output()
            .expect("run lianluo check");
        common::printed(&String::from_utf8_lossy(&output.stderr))
    };
    let expect_same = |what: &str| {
        let printed = check(&site);
        let errors: Vec<_> = printed.iter().filter(|p| p.severity == "error").collect();
        assert!(!errors.is_empty(), "{what}: check found nothing");
        let html = server.get("/").text();
        for e in errors {
            let place = e.place.as_deref().unwrap_or("");
            assert!(
                html.contains(&html_escaped(place)) && html.contains(&html_escaped(&e.message)),
                "{what}: the overlay lacks `{place}: {}`",
                e.message
            );
        }
        html.matches("class=\"lianluo-error\"").count()
    };
    assert_eq!(expect_same("a broken reference"), 1);
    // … and then YAML broken in another: both show, as check prints both.
    edit(
        &site.join("deputies/wang-tui.md"),
        "level: county",
        "level: [county",
    );
    assert!(events.reload(WAIT), "no reload; log:\n{}", server.log());
    assert_eq!(expect_same("a broken reference and a broken file"), 2);
}
