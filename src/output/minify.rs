//! Minifying a rendered page in one pass, without parsing it into a tree: every run of
//! whitespace in text and between attributes becomes one space (or one line break when the
//! run held one), and comments are dropped; the contents of `<pre>`, `<textarea>`,
//! `<script>` and `<style>` and of quoted attribute values are kept as they are.
//!
//! That is every byte a browser would ignore anyway (under `white-space: normal`, which is
//! all the theme and content use outside `<pre>`), so the page renders and validates the
//! same. minify-html, used before, also dropped optional tags and quotes: 4.6 % fewer bytes
//! after gzip on the demo instead of about 2 %, at 24–61 % of the pages' CPU time, a
//! recursive parser that deep nesting could overflow, and the CSS and JavaScript minifiers
//! compiled into the binary though turned off (`benches/README.md`, "Minifying").

/// Elements whose content is copied as it is.
const VERBATIM: [&str; 4] = ["pre", "textarea", "script", "style"];

/// `html` minified as described in the module documentation.
pub fn minify(html: &str) -> Vec<u8> {
    let bytes = html.as_bytes();
    let mut out = Vec::with_capacity(html.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'<' if html[i..].starts_with("<!--") => {
                i = html[i + 4..]
                    .find("-->")
                    .map_or(bytes.len(), |end| i + 4 + end + 3);
            }
            b'<' => {
                let end = tag_end(bytes, i);
                copy_tag(&bytes[i..end], &mut out);
                if let Some(name) = verbatim_opened(&html[i..end]) {
                    let close = find_close(html, end, name);
                    out.extend_from_slice(&bytes[end..close]);
                    i = close;
                } else {
                    i = end;
                }
            }
            b if is_space(b) => {
                let start = i;
                while i < bytes.len() && is_space(bytes[i]) {
                    i += 1;
                }
                // Whitespace at the very start of the page goes.
                if !out.is_empty() {
                    let newline = bytes[start..i].contains(&b'\n');
                    out.push(if newline { b'\n' } else { b' ' });
                }
            }
            _ => {
                // A run of text, to the next tag or whitespace, copied at once (byte by
                // byte, this loop was a fifth of the pages' CPU at 100k).
                let end = bytes[i..]
                    .iter()
                    .position(|&b| b == b'<' || is_space(b))
                    .map_or(bytes.len(), |n| i + n);
                out.extend_from_slice(&bytes[i..end]);
                i = end;
            }
        }
    }
    while out.last().is_some_and(|&b| is_space(b)) {
        out.pop();
    }
    out.push(b'\n');
    out
}

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0c)
}

/// The end (exclusive) of the tag starting at `start`: after its `>`, quotes respected.
fn tag_end(bytes: &[u8], start: usize) -> usize {
    let mut quote = None;
    for (offset, &b) in bytes[start..].iter().enumerate() {
        match (quote, b) {
            (None, b'"' | b'\'') => quote = Some(b),
            (Some(q), b) if b == q => quote = None,
            (None, b'>') => return start + offset + 1,
            _ => {}
        }
    }
    bytes.len()
}

/// A tag with each run of whitespace outside quotes made one space, and none before `>`
/// (nor before the `/` of `/>`). Runs of other bytes and quoted values are copied at once.
fn copy_tag(tag: &[u8], out: &mut Vec<u8>) {
    let self_closing = tag.ends_with(b"/>");
    let mut i = 0;
    let mut space = false;
    while i < tag.len() {
        let b = tag[i];
        if is_space(b) {
            space = true;
            i += 1;
            continue;
        }
        if space && b != b'>' && !(b == b'/' && self_closing) {
            out.push(b' ');
        }
        space = false;
        let end = if b == b'"' || b == b'\'' {
            // The quoted value and its closing quote (to the end when unclosed).
            tag[i + 1..]
                .iter()
                .position(|&c| c == b)
                .map_or(tag.len(), |n| i + n + 2)
        } else {
            tag[i..]
                .iter()
                .position(|&c| is_space(c) || c == b'"' || c == b'\'')
                .map_or(tag.len(), |n| i + n)
        };
        out.extend_from_slice(&tag[i..end]);
        i = end;
    }
}

/// The element whose content is verbatim that `tag` opens, if any.
fn verbatim_opened(tag: &str) -> Option<&'static str> {
    let rest = tag.strip_prefix('<')?.as_bytes();
    let name = &rest[..rest
        .iter()
        .take_while(|b| b.is_ascii_alphanumeric())
        .count()];
    VERBATIM
        .into_iter()
        .find(|v| name.eq_ignore_ascii_case(v.as_bytes()))
}

/// Where `</name` begins at or after `from` (case-insensitive), or the end.
fn find_close(html: &str, from: usize, name: &str) -> usize {
    let bytes = html.as_bytes();
    let mut at = from;
    while let Some(found) = html[at..].find("</") {
        let start = at + found;
        let name_at = start + 2;
        if bytes
            .get(name_at..name_at + name.len())
            .is_some_and(|n| n.eq_ignore_ascii_case(name.as_bytes()))
        {
            return start;
        }
        at = name_at;
    }
    html.len()
}

#[cfg(test)]
mod tests {
    use super::minify;

    fn min(html: &str) -> String {
        String::from_utf8(minify(html)).expect("UTF-8")
    }

    #[test]
    fn whitespace_collapses_and_markup_stays() {
        let page = "<!doctype html>\n<html lang=\"zh-Hans\">\n<body>\n  <nav class=\"wrap  site-nav\"\n       aria-label=\"栏目\" >\n<p>/deputies/&lt;id&gt;/</p>\n    <a href=\"https://example.org/?a=1&amp;b=2\">地图</a></nav>\n</body>\n</html>\n";
        let out = min(page);
        assert!(out.len() < page.len(), "{out}");
        assert!(
            out.contains("<nav class=\"wrap  site-nav\" aria-label=\"栏目\">"),
            "{out}"
        );
        assert!(out.contains("&lt;id&gt;"), "{out}");
        assert!(
            out.contains("\n<a href=\"https://example.org/?a=1&amp;b=2\">"),
            "{out}"
        );
    }

    #[test]
    fn pre_textarea_script_and_style_keep_their_content() {
        let page = "<pre>  a\n    b  </pre> x  y <SCRIPT>if (a  <  b) {\n  go();\n}</SCRIPT><style>p  { }</style><textarea>  t  </textarea>";
        let out = min(page);
        assert!(out.contains("<pre>  a\n    b  </pre>"), "{out}");
        assert!(out.contains(" x y "), "{out}");
        assert!(out.contains("if (a  <  b) {\n  go();\n}"), "{out}");
        assert!(out.contains("p  { }"), "{out}");
        assert!(out.contains("<textarea>  t  </textarea>"), "{out}");
    }

    #[test]
    fn comments_go_and_attribute_values_stay() {
        let out = min("<p title=\"a  >  b\">x<!-- note\n --> y</p><br />");
        assert_eq!(out, "<p title=\"a  >  b\">x y</p><br/>\n");
    }

    /// The minifier as it was before it copied runs at once (session 8), byte by byte: the
    /// reference the faster one must agree with on every input.
    fn byte_by_byte(html: &str) -> Vec<u8> {
        let bytes = html.as_bytes();
        let mut out = Vec::new();
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'<' if html[i..].starts_with("<!--") => {
                    i = html[i + 4..]
                        .find("-->")
                        .map_or(bytes.len(), |end| i + 4 + end + 3);
                }
                b'<' => {
                    let end = super::tag_end(bytes, i);
                    let (tag, mut quote, mut space) = (&bytes[i..end], None, false);
                    for &b in tag {
                        match quote {
                            Some(q) => {
                                out.push(b);
                                if b == q {
                                    quote = None;
                                }
                            }
                            None if super::is_space(b) => space = true,
                            None => {
                                if space && b != b'>' && !(b == b'/' && tag.ends_with(b"/>")) {
                                    out.push(b' ');
                                }
                                space = false;
                                if b == b'"' || b == b'\'' {
                                    quote = Some(b);
                                }
                                out.push(b);
                            }
                        }
                    }
                    let name: String = html[i + 1..end]
                        .chars()
                        .take_while(char::is_ascii_alphanumeric)
                        .collect::<String>()
                        .to_ascii_lowercase();
                    match super::VERBATIM.into_iter().find(|v| *v == name) {
                        Some(name) => {
                            let close = super::find_close(html, end, name);
                            out.extend_from_slice(&bytes[end..close]);
                            i = close;
                        }
                        None => i = end,
                    }
                }
                b if super::is_space(b) => {
                    let start = i;
                    while i < bytes.len() && super::is_space(bytes[i]) {
                        i += 1;
                    }
                    if !out.is_empty() {
                        out.push(if bytes[start..i].contains(&b'\n') {
                            b'\n'
                        } else {
                            b' '
                        });
                    }
                }
                b => {
                    out.push(b);
                    i += 1;
                }
            }
        }
        while out.last().is_some_and(|&b| super::is_space(b)) {
            out.pop();
        }
        out.push(b'\n');
        out
    }

    /// Pages pieced together at random (a fixed seed) from the parts that matter: tags
    /// with and without quotes, unclosed quotes and tags, comments, verbatim elements in
    /// any case, whitespace of every kind, Chinese text.
    #[test]
    fn copying_runs_at_once_minifies_as_byte_by_byte_did() {
        const PARTS: &[&str] = &[
            "<p>",
            "</p>",
            "<a href=\"/x?a=1&amp;b\"  class='c  d' >",
            "<br />",
            "<img src=x / >",
            "<div\n  id=\"a\"\t>",
            "<!-- c -->",
            "<!--",
            "-->",
            "<pre>",
            "</pre>",
            "<PRE >",
            "</Pre>",
            "<script>",
            "</script>",
            "<style>",
            "</STYLE>",
            "<textarea>",
            "</textarea>",
            "<pre1>",
            " ",
            "  ",
            "\n",
            "\r\n",
            "\t",
            "\x0c",
            "代表",
            "联络站 ",
            "a",
            "b c",
            "\"",
            "'",
            "<",
            ">",
            "/",
            "/>",
            "=",
            "<a title=\"a > b\">",
            "<p title='x",
            "&lt;",
            "\0",
            "\r",
            "<代表>",
            "<scrİpt>",
            "</scrİpt>",
            "<p\u{3000}id=a>",
            "<Script\n>",
        ];
        let mut seed: u64 = 0x5eed_1a2b_3c4d;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for _ in 0..20_000 {
            let n = (next() % 40) as usize;
            let page: String = (0..n)
                .map(|_| PARTS[(next() % PARTS.len() as u64) as usize])
                .collect();
            assert!(super::minify(&page) == byte_by_byte(&page), "{page:?}");
        }
    }

    #[test]
    fn deep_nesting_costs_no_stack() {
        let page = "<div>".repeat(200_000);
        assert_eq!(min(&page).len(), page.len() + 1);
    }
}
