//! What `serve` adds to every HTML page it sends (never to the files on disk, so `build`
//! output never carries it): the live-reload script, and while the content has errors,
//! an overlay listing them.
//!
//! The overlay is plain HTML and inline CSS placed first in the body, so it shows before
//! any script runs (or with scripts off); the last good page stays underneath. The script
//! listens to the server's event stream, reloads the page on every rebuild and puts the
//! scroll position back afterwards.

use std::path::Path;

use crate::diag::{Diagnostics, Severity};
use crate::escape::markup;

/// The path of the Server-Sent Events stream the script listens to.
pub const EVENTS: &str = "/__lianluo/events";

/// The live-reload script (the events path is [`EVENTS`]). A browser opens at most six
/// HTTP/1.1 connections to one host, and each event stream holds one for as long as its
/// tab is open, so with an event stream per tab the seventh tab would never load. So the
/// tabs elect one of them (a Web Lock held for the tab's lifetime) to listen, and it tells
/// the others through a BroadcastChannel; where either is missing each tab listens itself.
const SCRIPT: &str = r#"<script>/* lianluo serve: live reload */(function(){var k="lianluo-scroll:"+location.pathname,y=sessionStorage.getItem(k);if(y!==null){sessionStorage.removeItem(k);var go=function(){window.scrollTo(0,+y)};document.addEventListener("DOMContentLoaded",go);window.addEventListener("load",go)}if(!window.EventSource)return;var reload=function(){sessionStorage.setItem(k,String(window.scrollY));location.reload()};var ch=window.BroadcastChannel?new BroadcastChannel("lianluo-reload"):null;var listen=function(){var es=new EventSource("/__lianluo/events");es.addEventListener("reload",function(){es.close();if(ch)ch.postMessage("reload");reload()})};if(ch&&navigator.locks&&navigator.locks.request){ch.onmessage=function(e){if(e.data==="reload")reload()};navigator.locks.request("lianluo-reload-listener",function(){listen();return new Promise(function(){})})}else listen()})();</script>"#;

/// Add the overlay (if any) at the start of the body and the script at its end.
pub fn page(html: &[u8], overlay: Option<&str>) -> Vec<u8> {
    let text = String::from_utf8_lossy(html);
    let mut out = String::with_capacity(text.len() + SCRIPT.len() + overlay.map_or(0, str::len));
    let lower = text.to_ascii_lowercase();
    let body_start = body_start(&lower);
    let body_end = lower.rfind("</body").unwrap_or(text.len());
    let body_start = body_start.min(body_end);
    out.push_str(&text[..body_start]);
    if let Some(o) = overlay {
        out.push_str(o);
    }
    out.push_str(&text[body_start..body_end]);
    out.push_str(SCRIPT);
    out.push_str(&text[body_end..]);
    out.into_bytes()
}

/// Where the body's content begins: after `<body …>`, else after `</head>` (a minified
/// page may leave the body tag out), else after `<html …>`, else at the start.
fn body_start(lower: &str) -> usize {
    let after_tag = |open: &str| {
        let mut from = 0;
        while let Some(i) = lower[from..].find(open) {
            let at = from + i;
            let next = lower.as_bytes().get(at + open.len()).copied();
            if matches!(next, Some(b'>' | b' ' | b'\t' | b'\n' | b'\r' | b'/')) {
                return lower[at..].find('>').map(|j| at + j + 1);
            }
            from = at + open.len();
        }
        None
    };
    after_tag("<body")
        .or_else(|| lower.find("</head>").map(|i| i + "</head>".len()))
        .or_else(|| after_tag("<html"))
        .unwrap_or(0)
}

/// A page for when there is no site to show yet (the first build failed): only the
/// overlay and the script.
pub fn bare(overlay: Option<&str>) -> Vec<u8> {
    let html = "<!doctype html><html lang=\"zh-Hans\"><head><meta charset=\"utf-8\"><title>lianluo</title></head><body><p>lianluo serve: 还没有可以显示的网站 (no site built yet).</p></body></html>";
    page(html.as_bytes(), overlay)
}

/// The overlay for `diags` (only their errors, or every warning if there is no error but
/// a message was given), `site` being the folder their files are relative to.
pub fn overlay(site: &Path, diags: &Diagnostics, other: Option<&str>) -> String {
    let sorted = diags.clone().sorted();
    let errors: Vec<_> = sorted
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .collect();
    let mut s = String::from(
        "<div id=\"lianluo-errors\" role=\"alert\" style=\"all:initial;position:fixed;inset:0;z-index:2147483647;overflow:auto;background:rgba(40,0,0,.94);color:#fff;font:15px/1.5 system-ui,sans-serif;padding:24px;box-sizing:border-box\">",
    );
    let n = errors.len() + usize::from(other.is_some());
    s.push_str(&format!(
        "<div style=\"max-width:60em;margin:0 auto\"><h1 style=\"font-size:22px;margin:0 0 8px;color:#ffb4b4\">内容有 {n} 处错误 · {n} error{} in the content</h1><p style=\"margin:0 0 16px;color:#ddd\">修改并保存文件后，本页会自动刷新。下面仍是上一次正确的网站。 Fix the file and save: this page reloads by itself. The last good version of the site stays underneath.</p>",
        if n == 1 { "" } else { "s" }
    ));
    let block = "margin:0 0 16px;padding:12px 16px;background:#1b1b1b;border-left:4px solid #ff6b6b;border-radius:4px";
    for d in errors {
        s.push_str(&format!(
            "<section class=\"lianluo-error\" style=\"{block}\"><p style=\"margin:0 0 6px\"><b class=\"lianluo-at\" style=\"color:#ffd479\">{}</b> {}</p><pre style=\"margin:0;white-space:pre-wrap;font:13px/1.45 ui-monospace,Menlo,Consolas,monospace;color:#eee\">{}</pre></section>",
            markup(&d.span.to_string()),
            markup(&d.message),
            markup(&d.render(site, false)),
        ));
    }
    if let Some(msg) = other {
        s.push_str(&format!(
            "<section class=\"lianluo-error\" style=\"{block}\"><pre style=\"margin:0;white-space:pre-wrap;font:13px/1.45 ui-monospace,Menlo,Consolas,monospace;color:#eee\">{}</pre></section>",
            markup(msg)
        ));
    }
    s.push_str("</div></div>");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_goes_before_the_end_of_the_body_and_overlay_first() {
        let out = page(
            b"<html><head></head><body class=x><p>hi</p></body></html>",
            Some("<div>ERR</div>"),
        );
        let out = String::from_utf8(out).expect("utf-8");
        assert!(
            out.starts_with("<html><head></head><body class=x><div>ERR</div><p>hi</p><script>"),
            "{out}"
        );
        assert!(out.ends_with("</script></body></html>"), "{out}");
    }

    #[test]
    fn pages_without_a_body_tag_still_get_both() {
        let out = page(
            b"<!doctype html><html><head><title>t</title></head><p>hi",
            Some("<i>E</i>"),
        );
        let out = String::from_utf8(out).expect("utf-8");
        assert!(out.contains("</head><i>E</i><p>hi<script>"), "{out}");
        let out = String::from_utf8(page(b"<p>x", None)).expect("utf-8");
        assert!(out.starts_with("<p>x<script>"), "{out}");
        // `<bodyx>` is not a body tag.
        let out = String::from_utf8(page(b"<bodyx><body>a", Some("O"))).expect("utf-8");
        assert!(out.starts_with("<bodyx><body>Oa"), "{out}");
    }

    #[test]
    fn overlay_escapes_messages() {
        let file = std::sync::Arc::from(Path::new("deputies/x.md"));
        let d = crate::diag::Diagnostic::error(crate::diag::Span::new(&file, 3, 2), "bad <b>");
        let o = overlay(
            Path::new("/nonexistent"),
            &std::iter::once(d).collect(),
            None,
        );
        assert!(o.contains("deputies/x.md:3:2"), "{o}");
        assert!(o.contains("bad &lt;b&gt;"), "{o}");
    }
}
