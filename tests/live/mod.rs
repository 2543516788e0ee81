//! Helpers for the `serve` tests: the real binary serving a site on a free port, a tiny
//! HTTP/1.1 client over `TcpStream` (raw request lines, so paths reach the server exactly
//! as written), and a reader of the live-reload event stream.
#![allow(dead_code)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

/// The as-of date the tests build with.
pub const AS_OF: &str = "2025-09-20";

/// A private copy of the `lianluo` binary in `dir`, so a test that compares `serve` with
/// `build` runs one and the same program even if the binary is rebuilt meanwhile.
///
/// Run the copy with [`spawn`] or [`output`], never `Command::spawn` directly: see there.
pub fn binary(dir: &Path) -> PathBuf {
    let to = dir.join(format!("lianluo{}", std::env::consts::EXE_SUFFIX));
    std::fs::copy(env!("CARGO_BIN_EXE_lianluo"), &to).expect("copy the binary");
    to
}

/// How long [`spawn`] keeps retrying a program that is busy being written.
const BUSY_LIMIT: Duration = Duration::from_secs(10);

/// `command.spawn()`, retried while exec fails with "Text file busy" (ETXTBSY).
///
/// While one test writes its copy of the binary, another test's thread may fork; the child
/// holds the copy's write descriptor open until it execs, and exec of a file open for
/// writing fails. The window is short, so the fix every test harness uses is to retry.
/// (CI failed once this way: two tests in `serve_incremental.rs` copy the binary at once.)
pub fn spawn(command: &mut Command) -> std::io::Result<Child> {
    let start = Instant::now();
    loop {
        match command.spawn() {
            Err(e)
                if e.kind() == std::io::ErrorKind::ExecutableFileBusy
                    && start.elapsed() < BUSY_LIMIT =>
            {
                std::thread::sleep(Duration::from_millis(20));
            }
            result => return result,
        }
    }
}

/// `command.output()` with [`spawn`]'s retry.
pub fn output(command: &mut Command) -> std::io::Result<std::process::Output> {
    spawn(
        command
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped()),
    )?
    .wait_with_output()
}

/// `lianluo build SITE --out OUT` with `bin`; panics with stderr on failure.
pub fn build(bin: &Path, site: &Path, out: &Path) {
    let output = output(
        Command::new(bin)
            .arg("build")
            .arg(site)
            .arg("--out")
            .arg(out)
            .args(["--as-of", AS_OF])
            .env_remove("SOURCE_DATE_EPOCH")
            .env("NO_COLOR", "1"),
    )
    .expect("run lianluo build");
    assert!(
        output.status.success(),
        "build failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// A running `lianluo serve`; killed when dropped.
#[derive(Debug)]
pub struct Server {
    child: Child,
    pub port: u16,
    pub stderr: PathBuf,
}

impl Server {
    /// Serve `site` into `out` on a free port; the server's stderr goes to `log`.
    pub fn start(site: &Path, out: &Path, log: &Path) -> Server {
        Self::start_with(Path::new(env!("CARGO_BIN_EXE_lianluo")), site, out, log)
    }

    /// [`Server::start`] with the binary `bin`.
    pub fn start_with(bin: &Path, site: &Path, out: &Path, log: &Path) -> Server {
        let err = std::fs::File::create(log).expect("create the log file");
        let mut child = spawn(
            Command::new(bin)
                .args(["serve"])
                .arg(site)
                .args(["--port", "0", "--as-of", AS_OF, "--out"])
                .arg(out)
                .env_remove("SOURCE_DATE_EPOCH")
                .env("NO_COLOR", "1")
                .stdin(Stdio::null())
                .stdout(Stdio::piped())
                .stderr(err),
        )
        .expect("start lianluo serve");
        let stdout = child.stdout.take().expect("stdout is piped");
        let mut line = String::new();
        BufReader::new(stdout)
            .read_line(&mut line)
            .expect("read the serve line");
        let port = line
            .split("http://127.0.0.1:")
            .nth(1)
            .and_then(|rest| rest.split('/').next())
            .and_then(|p| p.parse().ok())
            .unwrap_or_else(|| {
                let log = std::fs::read_to_string(log).unwrap_or_default();
                panic!("no address in {line:?}; stderr:\n{log}")
            });
        Server {
            child,
            port,
            stderr: log.to_path_buf(),
        }
    }

    pub fn get(&self, path: &str) -> Response {
        get(self.port, path)
    }

    pub fn events(&self) -> Events {
        Events::connect(self.port)
    }

    pub fn log(&self) -> String {
        std::fs::read_to_string(&self.stderr).unwrap_or_default()
    }

    /// Send SIGINT (what Ctrl-C sends) and wait up to `limit` for the process to end.
    #[cfg(unix)]
    pub fn interrupt(&mut self, limit: Duration) -> Option<ExitStatus> {
        let status = Command::new("kill")
            .args(["-INT", &self.child.id().to_string()])
            .status()
            .expect("run kill");
        assert!(status.success(), "kill -INT failed");
        let start = Instant::now();
        while start.elapsed() < limit {
            if let Ok(Some(s)) = self.child.try_wait() {
                return Some(s);
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        None
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A parsed HTTP response.
#[derive(Debug)]
pub struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Response {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// `GET path` with the request line exactly as given.
pub fn get(port: u16, path: &str) -> Response {
    let mut s = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    s.set_read_timeout(Some(Duration::from_secs(30)))
        .expect("set a timeout");
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    )
    .expect("send the request");
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).expect("read the response");
    parse(&raw)
}

/// Send `head` (a whole request head, ending in an empty line) and read the response.
pub fn request(port: u16, head: &str) -> Response {
    let mut s = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    s.set_read_timeout(Some(Duration::from_secs(30)))
        .expect("set a timeout");
    s.write_all(head.as_bytes()).expect("send the request");
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).expect("read the response");
    parse(&raw)
}

fn parse(raw: &[u8]) -> Response {
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("a complete response head");
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let mut lines = head.split("\r\n");
    let status = lines
        .next()
        .and_then(|l| l.split(' ').nth(1))
        .and_then(|c| c.parse().ok())
        .expect("a status line");
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_owned(), v.trim().to_owned()))
        .collect();
    let mut body = raw[split + 4..].to_vec();
    let chunked = headers
        .iter()
        .any(|(k, v)| k.eq_ignore_ascii_case("transfer-encoding") && v.contains("chunked"));
    if chunked {
        body = dechunk(&body);
    }
    Response {
        status,
        headers,
        body,
    }
}

fn dechunk(mut b: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    while let Some(eol) = b.windows(2).position(|w| w == b"\r\n") {
        let size =
            usize::from_str_radix(String::from_utf8_lossy(&b[..eol]).trim(), 16).unwrap_or(0);
        if size == 0 {
            break;
        }
        let start = eol + 2;
        let end = (start + size).min(b.len());
        out.extend_from_slice(&b[start..end]);
        b = &b[(end + 2).min(b.len())..];
    }
    out
}

/// An open live-reload event stream.
#[derive(Debug)]
pub struct Events {
    stream: TcpStream,
    /// The response head (status line and headers).
    pub head: String,
    buf: String,
    /// The generation of the last event read.
    pub generation: u64,
}

impl Events {
    /// Connect and wait for the `hello` event, so later changes are sure to be seen.
    pub fn connect(port: u16) -> Events {
        let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
        write!(
            stream,
            "GET /__lianluo/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n"
        )
        .expect("send the request");
        let mut ev = Events {
            stream,
            head: String::new(),
            buf: String::new(),
            generation: 0,
        };
        assert!(
            ev.next(Duration::from_secs(10)).as_deref() == Some("hello"),
            "no hello event"
        );
        assert!(ev.head.starts_with("HTTP/1.1 200"), "{}", ev.head);
        assert!(ev.head.contains("text/event-stream"), "{}", ev.head);
        ev
    }

    /// The name of the next event (`None` on timeout or end of stream).
    pub fn next(&mut self, limit: Duration) -> Option<String> {
        let deadline = Instant::now() + limit;
        loop {
            if let Some(ev) = self.take_event() {
                return Some(ev);
            }
            let left = deadline.checked_duration_since(Instant::now())?;
            self.stream
                .set_read_timeout(Some(left.max(Duration::from_millis(1))))
                .ok()?;
            let mut chunk = [0u8; 4096];
            match self.stream.read(&mut chunk) {
                Ok(0) => return None,
                Ok(n) => {
                    self.buf.push_str(&String::from_utf8_lossy(&chunk[..n]));
                    if self.head.is_empty()
                        && let Some(end) = self.buf.find("\r\n\r\n")
                    {
                        self.head = self.buf[..end].to_owned();
                        self.buf.replace_range(..end + 4, "");
                    }
                }
                Err(_) => return None,
            }
        }
    }

    /// Wait for the next `reload` event.
    pub fn reload(&mut self, limit: Duration) -> bool {
        let deadline = Instant::now() + limit;
        while let Some(left) = deadline.checked_duration_since(Instant::now()) {
            match self.next(left).as_deref() {
                Some("reload") => return true,
                Some(_) => {}
                None => return false,
            }
        }
        false
    }

    /// Wait for an event `name` of generation `min` or later.
    pub fn wait_for(&mut self, name: &str, min: u64, limit: Duration) -> bool {
        let deadline = Instant::now() + limit;
        while let Some(left) = deadline.checked_duration_since(Instant::now()) {
            match self.next(left) {
                Some(n) if n == name && self.generation >= min => return true,
                Some(_) => {}
                None => return false,
            }
        }
        false
    }

    /// Parse one complete `event:` … `data:` block out of the buffer.
    fn take_event(&mut self) -> Option<String> {
        let at = self.buf.find("event: ")?;
        let rest = &self.buf[at..];
        let end = rest.find("\n\n")?;
        let block = rest[..end].to_owned();
        self.buf.replace_range(..at + end + 2, "");
        let mut name = None;
        for line in block.lines() {
            if let Some(n) = line.strip_prefix("event: ") {
                name = Some(n.trim().to_owned());
            } else if let Some(d) = line.strip_prefix("data: ") {
                self.generation = d.trim().parse().unwrap_or(self.generation);
            }
        }
        name
    }
}
