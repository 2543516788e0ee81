//! Escaping text for the markup lianluo writes by hand rather than through the templates:
//! the Atom feeds and the sitemap (XML), the posters' QR-code SVG and `serve`'s error
//! overlay (HTML). One function serves all of them: `& < > " '` become references that XML
//! and HTML both read, and the characters XML 1.0 cannot hold at all are dropped.

/// `s` with markup characters escaped, fit for text and for quoted attribute values.
pub fn markup(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // Characters XML 1.0 cannot hold at all.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            '\u{fffe}' | '\u{ffff}' => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::markup;

    #[test]
    fn markup_characters_become_references_and_unholdable_ones_go() {
        assert_eq!(
            markup("<a href=\"x\">李's & \u{1}\u{fffe}代表</a>\n"),
            "&lt;a href=&quot;x&quot;&gt;李&#39;s &amp; 代表&lt;/a&gt;\n"
        );
    }
}
