//! Markdown to safe HTML, tuned for Chinese text.
//!
//! pulldown-cmark parses (tables, footnotes, strikethrough); a soft line break between two
//! CJK characters is dropped instead of becoming a space (Chinese has no spaces between
//! words); ammonia then removes anything active (scripts, event handlers, `javascript:`
//! links). [`lint`] finds CommonMark's known trap for Chinese: `**注意：**` stays literal
//! because the closing `**` follows punctuation, so the stars would be published as typed.

use std::borrow::Cow;

use pulldown_cmark::{Event, Options, Parser, Tag, TextMergeWithOffset, html};

use crate::diag::{Diagnostic, Span};
use crate::sources::Origin;

fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH
}

pub use crate::vocab::is_cjk;

/// Render Markdown to sanitised HTML.
pub fn render(md: &str) -> String {
    if md.trim().is_empty() {
        return String::new();
    }
    let events: Vec<Event<'_>> = Parser::new_ext(md, options()).collect();
    let mut out: Vec<Event<'_>> = Vec::with_capacity(events.len());
    for (i, ev) in events.iter().enumerate() {
        if matches!(ev, Event::SoftBreak) {
            let before = last_char_before(&events[..i]);
            let after = first_char_after(&events[i + 1..]);
            if before.is_some_and(is_cjk) && after.is_some_and(is_cjk) {
                continue;
            }
        }
        out.push(ev.clone());
    }
    let mut unsafe_html = String::with_capacity(md.len() * 3 / 2);
    html::push_html(&mut unsafe_html, out.into_iter());
    sanitizer().clean(&unsafe_html).to_string()
}

/// The prefix of every `id` in content (and of the `#…` links to them), so content can
/// never take an id of the theme's (`main`, `elder`) and break its skip link or switch.
pub const ID_PREFIX: &str = "c-";

fn sanitizer() -> &'static ammonia::Builder<'static> {
    static B: std::sync::LazyLock<ammonia::Builder<'static>> = std::sync::LazyLock::new(|| {
        let mut b = ammonia::Builder::default();
        b.link_rel(Some("noopener noreferrer"));
        // `style` only for the column alignment of Markdown tables (see `attribute`).
        b.add_tag_attributes("td", ["style"])
            .add_tag_attributes("th", ["style"]);
        b.add_allowed_classes("sup", ["footnote-reference"]);
        b.add_allowed_classes("div", ["footnote-definition"]);
        b.add_generic_attributes(["id"]);
        b.id_prefix(None);
        b.url_schemes(["http", "https", "mailto", "tel"].into());
        b.attribute_filter(attribute);
        b
    });
    &B
}

/// What content may keep of an attribute: `style` only as a table column's alignment (a
/// fixed, full-page fake notice is a `style` away); no image from another site (it would
/// tell that site who reads the page); ids and the links to them prefixed.
fn attribute<'u>(element: &str, name: &str, value: &'u str) -> Option<Cow<'u, str>> {
    match name {
        "style" => {
            let align = value.trim().trim_end_matches(';').trim();
            [
                "text-align: left",
                "text-align: center",
                "text-align: right",
            ]
            .contains(&align)
            .then_some(Cow::Borrowed(value))
        }
        "src" | "srcset" if is_remote(value) => None,
        "id" => Some(Cow::Owned(format!("{ID_PREFIX}{value}"))),
        "href" if element == "a" && value.starts_with('#') && value.len() > 1 => {
            Some(Cow::Owned(format!("#{ID_PREFIX}{}", &value[1..])))
        }
        _ => Some(Cow::Borrowed(value)),
    }
}

/// Does `url` load from another site (a scheme, or `//host`)?
pub fn is_remote(url: &str) -> bool {
    let url = url.trim();
    url.starts_with("//")
        || url
            .split_once(':')
            .is_some_and(|(scheme, _)| !scheme.contains('/') && !scheme.is_empty())
}

fn last_char_before(events: &[Event<'_>]) -> Option<char> {
    events.iter().rev().find_map(|e| match e {
        Event::Text(t) | Event::Code(t) => t.chars().last(),
        Event::Start(_) | Event::End(_) => None,
        _ => Some(' '),
    })
}

fn first_char_after(events: &[Event<'_>]) -> Option<char> {
    events.iter().find_map(|e| match e {
        Event::Text(t) | Event::Code(t) => t.chars().next(),
        Event::Start(_) | Event::End(_) => None,
        _ => Some(' '),
    })
}

/// The largest Markdown body accepted, in bytes: about 170,000 Chinese characters, far
/// more than any report or law page; beyond it a page becomes too heavy for a phone.
pub const MAX_BODY_BYTES: usize = 512 * 1024;

/// The deepest nesting accepted in a body: quotes, lists, emphasis and HTML elements
/// inside each other. Real pages stay below 10; HTML parsers and minifiers recurse per
/// level, and thousands of levels overflow their stack.
pub const MAX_DEPTH: usize = 32;

/// Elements of HTML that have no end tag.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr",
];

/// The place of a body's line and column; a body read from spreadsheet cells (`cells`, see
/// [`crate::sources::Body`]) is placed at the cell that holds the line
/// (`file › sheet › F7`, with the cell's header and text), else at its row.
fn body_span(origin: &Origin, cells: &[(u32, u32)], body_line: u32, line: u32, col: u32) -> Span {
    match &origin.row {
        Some(row) => match crate::sources::Body::cell_of(cells, body_line, line) {
            Some(cell) => origin.line(row.row, cell),
            None => origin.start(),
        },
        None => Span::new(&origin.file, line, col),
    }
}

/// An error when `md` is larger or nested deeper than the renderer accepts, located at the
/// place where the limit is passed.
pub fn limits(
    md: &str,
    body_line: u32,
    cells: &[(u32, u32)],
    origin: &Origin,
) -> Option<Diagnostic> {
    let at = |offset: usize| {
        let (line, col) = line_col(md, offset);
        body_span(origin, cells, body_line, body_line + line - 1, col)
    };
    if md.len() > MAX_BODY_BYTES {
        return Some(
            Diagnostic::error(
                at(md.floor_char_boundary(MAX_BODY_BYTES)),
                format!(
                    "the text is {} KB long; pages take at most {} KB",
                    md.len() / 1024,
                    MAX_BODY_BYTES / 1024
                ),
            )
            .hint("split it into several pages, or publish the full document as a file under static/ and link to it"),
        );
    }
    let mut depth = 0usize;
    let mut html_depth = 0usize;
    for (event, range) in Parser::new_ext(md, options()).into_offset_iter() {
        match event {
            Event::Start(_) => depth += 1,
            Event::End(_) => depth = depth.saturating_sub(1),
            Event::Html(text) | Event::InlineHtml(text) => {
                html_depth = html_nesting(&text, html_depth);
            }
            _ => {}
        }
        if depth + html_depth > MAX_DEPTH {
            return Some(
                Diagnostic::error(
                    at(range.start),
                    format!("the text is nested more than {MAX_DEPTH} levels deep (quotes, lists, emphasis or HTML elements inside each other)"),
                )
                .hint("flatten it: a page needs only a few levels; check for a `>` or `<div>` repeated by mistake"),
            );
        }
    }
    None
}

/// The depth of open HTML elements after `html`, starting from `depth`.
fn html_nesting(html: &str, mut depth: usize) -> usize {
    let mut rest = html;
    while let Some(pos) = rest.find('<') {
        rest = &rest[pos + 1..];
        let closing = rest.starts_with('/');
        let name: String = rest
            .trim_start_matches('/')
            .chars()
            .take_while(char::is_ascii_alphanumeric)
            .collect::<String>()
            .to_ascii_lowercase();
        if name.is_empty() {
            continue;
        }
        let end = rest.find('>').unwrap_or(rest.len());
        let self_closing = rest[..end].ends_with('/');
        if closing {
            depth = depth.saturating_sub(1);
        } else if !self_closing && !VOID.contains(&name.as_str()) {
            depth += 1;
        }
    }
    depth
}

/// Warnings for Markdown that will not render as the editor meant.
pub fn lint(md: &str, body_line: u32, cells: &[(u32, u32)], origin: &Origin) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    // pulldown-cmark emits each unmatched `*` as its own text event: merge them first.
    for (ev, range) in TextMergeWithOffset::new(Parser::new_ext(md, options()).into_offset_iter()) {
        if let Event::Start(Tag::Image { dest_url, .. }) = &ev
            && is_remote(dest_url)
        {
            let (line, col) = line_col(md, range.start);
            out.push(
                Diagnostic::warning(
                    body_span(origin, cells, body_line, body_line + line - 1, col),
                    "this image is on another site and is not shown: pages load nothing from other sites",
                )
                .hint("save the image under static/ and link it from there, e.g. ![说明](/static/photos/a.jpg)"),
            );
            continue;
        }
        let Event::Text(t) = ev else { continue };
        for marker in ["**", "__"] {
            if let Some(pos) = t.find(marker) {
                let offset = range.start + pos;
                let (line, col) = line_col(md, offset);
                let span = body_span(origin, cells, body_line, body_line + line - 1, col);
                out.push(
                    Diagnostic::warning(span, format!("`{marker}` will be shown as typed: this bold text does not render"))
                        .hint(format!(
                            "CommonMark does not close `{marker}` right after Chinese punctuation: move the punctuation outside (`{marker}注意{marker}：`) or use a heading (`## 注意`)"
                        )),
                );
                break;
            }
        }
    }
    out
}

/// 1-based line and character column of a byte offset.
pub fn line_col(text: &str, offset: usize) -> (u32, u32) {
    let offset = offset.min(text.len());
    let before = &text[..text.floor_char_boundary(offset)];
    let line = before.matches('\n').count() as u32 + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) as u32 + 1;
    (line, col)
}

#[cfg(test)]
mod tests {
    use std::path::Path;
    use std::sync::Arc;

    use super::*;

    #[test]
    fn soft_break_between_chinese_is_dropped() {
        assert_eq!(
            render("代表联络站\n每月开放"),
            "<p>代表联络站每月开放</p>\n"
        );
        assert_eq!(render("open\nday"), "<p>open\nday</p>\n");
    }

    #[test]
    fn hostile_markup_is_inert() {
        let html = render(
            "<script>alert(1)</script>\n\n[x](javascript:alert(1)) <img src=x onerror=alert(1)>",
        );
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("javascript:"), "{html}");
        assert!(!html.contains("onerror"), "{html}");
    }

    #[test]
    fn deep_nesting_is_refused_before_rendering() {
        let origin = Origin::new(Arc::from(Path::new("activities/a.md")), 1);
        for body in [
            format!("{}x", "> ".repeat(2300)),
            format!("{}x", "<div>".repeat(100_000)),
            format!("{}x", "<b><i>".repeat(1000)),
            (0..200)
                .map(|i| format!("{}- x\n", "  ".repeat(i)))
                .collect(),
        ] {
            let d = limits(&body, 4, &[], &origin).expect("refused");
            assert!(d.message.contains("nested"), "{}", d.message);
        }
        let normal =
            "> 引用\n>\n> - 一\n>   - 二\n\n<div><p><b>三</b></p></div>\n<br><img src=a.png>";
        assert!(limits(normal, 4, &[], &origin).is_none());
        let many_siblings = "<div>x</div>\n".repeat(5000);
        assert!(limits(&many_siblings, 4, &[], &origin).is_none());
    }

    #[test]
    fn a_body_over_the_size_limit_is_refused() {
        let origin = Origin::new(Arc::from(Path::new("pages/a.md")), 1);
        let body = "[链接](https://example.org/) ".repeat(120_000);
        let d = limits(&body, 4, &[], &origin).expect("refused");
        assert!(d.message.contains("KB"), "{}", d.message);
    }

    #[test]
    fn style_on_td_no_longer_publishes_a_fake_notice() {
        let html = render(
            "| a |\n|:-:|\n| <span>x</span> |\n\n<table><tr><td style=\"position:fixed;top:0;left:0;width:100%;height:100%;background:url(https://evil.example/n.png)\">通知</td></tr></table>",
        );
        assert!(html.contains("style=\"text-align: center\""), "{html}");
        assert!(!html.contains("position"), "{html}");
        assert!(!html.contains("evil.example"), "{html}");
    }

    #[test]
    fn content_loads_nothing_from_other_sites() {
        let html = render(
            "![x](https://evil.example/t.png) <img src=\"//evil.example/a.png\"> ![ok](/static/a.png)",
        );
        assert!(!html.contains("evil.example"), "{html}");
        assert!(html.contains("src=\"/static/a.png\""), "{html}");
        let origin = Origin::new(Arc::from(Path::new("activities/a.md")), 1);
        let w = lint("![x](https://evil.example/t.png)", 5, &[], &origin);
        assert_eq!(w.len(), 1);
        assert!(w[0].message.contains("another site"), "{}", w[0].message);
    }

    #[test]
    fn content_ids_never_collide_with_the_themes() {
        let html =
            render("<p id=\"main\">x</p> <span id=\"elder\">y</span>\n\n脚注[^1]\n\n[^1]: 说明");
        assert!(
            !html.contains("id=\"main\"") && !html.contains("id=\"elder\""),
            "{html}"
        );
        assert!(html.contains("id=\"c-main\""), "{html}");
        // Footnote links still reach their notes.
        let href = html
            .split("href=\"#")
            .nth(1)
            .and_then(|r| r.split('"').next())
            .expect("link");
        assert!(html.contains(&format!("id=\"{href}\"")), "{html}");
    }

    #[test]
    fn tables_and_strikethrough() {
        let html = render("| a | b |\n|---|---|\n| 1 | 2 |\n\n~~旧~~");
        assert!(
            html.contains("<table>") && html.contains("<del>旧</del>"),
            "{html}"
        );
    }

    #[test]
    fn chinese_bold_trap_is_flagged_where_it_is() {
        let origin = Origin::new(Arc::from(Path::new("deputies/a.md")), 1);
        let w = lint("第一段。\n\n**注意：**请带身份证。", 5, &[], &origin);
        assert_eq!(w.len(), 1);
        assert_eq!(w[0].span.to_string(), "deputies/a.md:7:1");
        assert!(lint("**注意**：请带身份证。", 5, &[], &origin).is_empty());
    }
}
