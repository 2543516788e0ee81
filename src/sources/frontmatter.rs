//! Splitting a Markdown file into its YAML front matter and its body.

/// A Markdown file cut in two. `yaml_line_offset` is the number of lines before the YAML
/// text (1: the opening `---`); `body_line` is the 1-based line where the body starts.
#[derive(Debug, PartialEq, Eq)]
pub struct Split<'a> {
    pub yaml: &'a str,
    pub body: &'a str,
    pub body_line: u32,
}

/// Cut `text` at its `---` fences. `None` when the file does not start with front matter or
/// the closing fence is missing.
pub fn split(text: &str) -> Option<Split<'_>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let rest = text
        .strip_prefix("---\n")
        .or_else(|| text.strip_prefix("---\r\n"))?;
    let mut offset = 0;
    for (line, l) in (2u32..).zip(rest.split_inclusive('\n')) {
        if l.trim_end_matches(['\n', '\r']) == "---" {
            let yaml = &rest[..offset];
            let body = &rest[offset + l.len()..];
            return Some(Split {
                yaml,
                body,
                body_line: line + 1,
            });
        }
        offset += l.len();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_front_matter_and_body() {
        let s = split("---\ntitle: a\n---\nbody\n").expect("split");
        assert_eq!(s.yaml, "title: a\n");
        assert_eq!(s.body, "body\n");
        assert_eq!(s.body_line, 4);
    }

    #[test]
    fn crlf_bom_and_empty_body() {
        let s = split("\u{feff}---\r\ntitle: a\r\n---\r\n").expect("split");
        assert_eq!(s.yaml, "title: a\r\n");
        assert_eq!(s.body, "");
    }

    #[test]
    fn missing_fences() {
        assert_eq!(split("title: a\n"), None);
        assert_eq!(split("---\ntitle: a\n"), None);
    }
}
