//! Files of the served folder: turning a request path into a file safely, and the MIME
//! type of a file.
//!
//! A request path is percent-decoded once and split into segments; anything that could
//! leave the folder or name something hidden (`..`, `.`, segments starting with a dot,
//! backslashes, encoded slashes, NUL bytes, drive letters) is refused, so it gets the 404
//! page. Nothing here touches the disk.

use std::path::{Path, PathBuf};

/// The file a request path names below `root`, or `None` when the path is refused.
/// A path ending in `/` (or naming a folder) is resolved to its `index.html` by the caller.
pub fn resolve(root: &Path, raw: &str) -> Option<PathBuf> {
    let rest = raw.strip_prefix('/')?;
    let lower = rest.to_ascii_lowercase();
    if rest.contains('\\') || lower.contains("%2f") || lower.contains("%5c") {
        return None;
    }
    let decoded = percent_decode(rest)?;
    let mut path = root.to_path_buf();
    for seg in decoded.split('/').filter(|s| !s.is_empty()) {
        if seg.starts_with('.') || seg.contains(['\\', '\0', ':']) {
            return None;
        }
        path.push(seg);
    }
    Some(path)
}

/// Decode `%XX` escapes; `None` for a malformed escape or text that is not UTF-8.
fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = bytes.get(i + 1..i + 3)?;
            let hex = std::str::from_utf8(hex).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// The `Content-Type` of a file, by its extension.
pub fn mime(path: &Path) -> &'static str {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "webmanifest" => "application/manifest+json",
        "ics" => "text/calendar; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "xml" => "application/xml",
        "txt" | "md" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "pdf" => "application/pdf",
        "woff" => "font/woff",
        "woff2" => "font/woff2",
        "ttf" => "font/ttf",
        "otf" => "font/otf",
        "wasm" => "application/wasm",
        "mp4" => "video/mp4",
        "mp3" => "audio/mpeg",
        "zip" => "application/zip",
        "doc" => "application/msword",
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "xls" => "application/vnd.ms-excel",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        _ => "application/octet-stream",
    }
}

/// Whether a file is an HTML page (which gets the reload script and the error overlay).
pub fn is_html(path: &Path) -> bool {
    mime(path).starts_with("text/html")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn traversal_is_refused() {
        let root = Path::new("/srv/site");
        for bad in [
            "/../etc/passwd",
            "/a/../../etc",
            "/%2e%2e/etc/passwd",
            "/%2E%2E%2Fetc",
            "/a%2fb",
            "/a%5c..%5cb",
            "/..\\etc",
            "/.hidden",
            "/a/./b",
            "/%00",
            "/c:/windows",
            "/%zz",
            "relative",
        ] {
            assert_eq!(resolve(root, bad), None, "{bad}");
        }
    }

    #[test]
    fn paths_are_decoded_into_the_root() {
        let root = Path::new("/srv/site");
        assert_eq!(
            resolve(root, "/deputies/li-xiuying/"),
            Some(root.join("deputies/li-xiuying"))
        );
        assert_eq!(
            resolve(root, "/static/%E7%85%A7%E7%89%87.jpg"),
            Some(root.join("static/照片.jpg"))
        );
        assert_eq!(resolve(root, "/"), Some(root.to_path_buf()));
    }

    #[test]
    fn mime_types() {
        assert_eq!(mime(Path::new("a/index.html")), "text/html; charset=utf-8");
        assert_eq!(mime(Path::new("x.ics")), "text/calendar; charset=utf-8");
        assert_eq!(mime(Path::new("x.SVG")), "image/svg+xml");
        assert_eq!(mime(Path::new("noext")), "application/octet-stream");
    }
}
