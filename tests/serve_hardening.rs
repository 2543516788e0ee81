//! `lianluo serve` against a hostile page or client: DNS rebinding, an open redirect,
//! connections that never finish their request, and the temporary folder of a server that
//! was killed.

mod common;
mod live;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use live::{Server, request};

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

#[test]
fn a_rebinding_host_name_gets_no_page() {
    let (_tmp, server) = serve_copy();
    let evil = request(
        server.port,
        "GET /deputies/li-xian/ HTTP/1.1\r\nHost: rebind.evil.example:1111\r\nConnection: close\r\n\r\n",
    );
    assert_eq!(evil.status, 421, "{}", server.log());
    assert!(!evil.text().contains("李县英"));
    let events = request(
        server.port,
        "GET /__lianluo/events HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n",
    );
    assert_eq!(events.status, 421);
    for host in ["localhost:1111", "127.0.0.1", "[::1]:8080"] {
        let ok = request(
            server.port,
            &format!(
                "GET /deputies/li-xian/ HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
            ),
        );
        assert_eq!(ok.status, 200, "{host}");
        assert!(ok.text().contains("李县英"), "{host}");
    }
}

#[test]
fn get_double_slash_deputies_no_longer_redirects_off_site() {
    let (_tmp, server) = serve_copy();
    for path in ["//deputies", "///deputies", "/\\deputies"] {
        let res = request(
            server.port,
            &format!("GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"),
        );
        if res.status == 301 {
            assert_eq!(res.header("location"), Some("/deputies/"), "{path}");
        } else {
            assert_eq!(res.status, 404, "{path}");
        }
    }
    let res = server.get("/deputies");
    assert_eq!(res.status, 301);
    assert_eq!(res.header("location"), Some("/deputies/"));
}

#[test]
fn a_connection_that_never_finishes_its_request_is_closed() {
    let (_tmp, server) = serve_copy();
    let mut slow = TcpStream::connect(("127.0.0.1", server.port)).expect("connect");
    slow.set_read_timeout(Some(Duration::from_secs(60)))
        .expect("timeout");
    let start = Instant::now();
    slow.write_all(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        .expect("send half a request");
    let mut buf = [0u8; 64];
    let n = slow
        .read(&mut buf)
        .expect("the server closes the connection");
    assert_eq!(n, 0, "no response to half a request");
    assert!(
        start.elapsed() < Duration::from_secs(45),
        "closed only after {:?}",
        start.elapsed()
    );
    // The server still answers everyone else.
    assert_eq!(server.get("/").status, 200);
}

#[test]
fn the_folder_of_a_killed_server_is_removed_at_the_next_start() {
    let tmp = common::tempdir();
    let site = tmp.path().join("site");
    common::copy_dir(&common::case("valid"), &site);
    let tmpdir = tmp.path().join("tmp");
    std::fs::create_dir(&tmpdir).expect("mkdir");
    let start = || {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_lianluo"))
            .arg("serve")
            .arg(&site)
            .args(["--port", "0", "--as-of", common::AS_OF])
            .env("TMPDIR", &tmpdir)
            .env("NO_COLOR", "1")
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("start lianluo serve");
        let mut line = String::new();
        std::io::BufRead::read_line(
            &mut std::io::BufReader::new(child.stdout.take().expect("stdout")),
            &mut line,
        )
        .expect("read the serve line");
        assert!(line.contains("serving"), "{line}");
        child
    };
    let folders = || -> Vec<String> {
        std::fs::read_dir(&tmpdir)
            .expect("list")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with("lianluo-serve-"))
            .collect()
    };
    let mut first = start();
    let killed = format!("lianluo-serve-{}", first.id());
    first.kill().expect("kill -9");
    first.wait().expect("wait");
    assert_eq!(
        folders(),
        std::slice::from_ref(&killed),
        "the killed server's folder stays behind"
    );
    // Something that is not lianluo's, with a similar name, is never touched.
    std::fs::create_dir(tmpdir.join("lianluo-serve-1")).expect("mkdir");
    std::fs::write(tmpdir.join("lianluo-serve-1/mine.txt"), "keep").expect("write");
    let mut second = start();
    let running = format!("lianluo-serve-{}", second.id());
    let mut now = folders();
    now.sort();
    let mut expected = vec!["lianluo-serve-1".to_owned(), running];
    expected.sort();
    assert_eq!(now, expected);
    second.kill().expect("kill");
    second.wait().expect("wait");
}
