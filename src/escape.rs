//! Escaping text for the markup lianluo writes by hand rather than through the templates:
//! the Atom feeds and the sitemap (XML), the posters' QR-code SVG and `serve`'s error
//! overlay (HTML). One function serves all of them: `& < > " '` become references that XML
//! and HTML both read, and the characters XML 1.0 cannot hold at all are dropped.
//! [`terminal`] does the same for text printed to a terminal: control characters in file
//! names and values (an ANSI escape that clears the screen or fakes a message) are shown
//! as `\u{1b}`, never sent raw.

/// `s` fit for a terminal: control characters other than the line break (C0, DEL, C1) and
/// the invisible bidirectional overrides become visible `\u{..}` escapes.
pub fn terminal(s: &str) -> std::borrow::Cow<'_, str> {
    let bad = |c: char| {
        (c.is_control() && c != '\n')
            || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}')
    };
    if !s.chars().any(bad) {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if bad(c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

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
