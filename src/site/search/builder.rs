//! A search record and how one is put together: the indexed text (title and pinyin keys
//! first, between pagefind's weight markers), the result metadata and the filters; and the
//! theme's UI strings and plain text of sanitised HTML that records are made from.

use std::collections::BTreeMap;

use serde_json::Value;

use super::pinyin::Reading;

/// A page as the search index sees it.
#[derive(Debug, Clone, Hash)]
pub struct Record {
    /// Site-relative page path, `deputies/li-xiuying/index.html`.
    pub url: String,
    /// The area whose subtree the record belongs to (for split indexes), if any.
    pub area: Option<u32>,
    pub content: String,
    pub meta: BTreeMap<String, String>,
    pub filters: BTreeMap<String, Vec<String>>,
}

/// Looks up UI strings of the theme, nested (`level.county`) or not.
pub struct Labels<'a>(pub &'a Value);

impl Labels<'_> {
    pub fn get<'k>(&'k self, key: &'k str) -> &'k str {
        self.0.get(key).and_then(Value::as_str).unwrap_or(key)
    }

    pub fn sub<'k>(&'k self, group: &str, key: &'k str) -> &'k str {
        self.0
            .get(group)
            .and_then(|g| g.get(key))
            .and_then(Value::as_str)
            .unwrap_or(key)
    }
}

pub struct Builder {
    rec: Record,
    title: String,
    keys: String,
}

/// Weight of the title words (pagefind weighs a page's `<h1>` 7).
const TITLE_WEIGHT: u8 = 7;
/// Weight of the pinyin keys.
const PINYIN_WEIGHT: u8 = 5;

impl Builder {
    pub fn new(url: String, kind: &str, title: &str, area: Option<u32>) -> Builder {
        let mut rec = Record {
            url,
            area,
            content: String::new(),
            meta: BTreeMap::new(),
            filters: BTreeMap::new(),
        };
        rec.meta.insert("title".into(), title.to_owned());
        rec.filters.insert("kind".into(), vec![kind.to_owned()]);
        Builder {
            rec,
            title: clean(title).into_owned(),
            keys: String::new(),
        }
    }

    pub fn text(&mut self, s: &str) -> &mut Self {
        let s = clean(s);
        if !s.is_empty() {
            if !self.rec.content.is_empty() {
                self.rec.content.push(' ');
            }
            self.rec.content.push_str(&s);
        }
        self
    }

    pub fn meta(&mut self, key: &str, value: impl Into<String>) -> &mut Self {
        let v = value.into();
        if !v.is_empty() {
            self.rec.meta.insert(key.to_owned(), v);
        }
        self
    }

    pub fn filter(&mut self, key: &str, values: Vec<String>) -> &mut Self {
        if !values.is_empty() {
            self.rec.filters.insert(key.to_owned(), values);
        }
        self
    }

    /// Pinyin keys of the name the record answers to; called again, it adds another
    /// reading's keys (单 read as a surname, shan, and as a word, dan).
    pub fn pinyin(&mut self, reading: &Reading) -> &mut Self {
        let keys = reading.keys();
        if self.keys.is_empty() {
            self.keys = keys;
        } else {
            for k in keys.split(' ') {
                if !self.keys.split(' ').any(|x| x == k) {
                    self.keys.push(' ');
                    self.keys.push_str(k);
                }
            }
        }
        self
    }

    pub fn done(mut self) -> Record {
        // Made in one string (a record is made for every findable page in every build, to
        // tell whether its index changed).
        let mut content = String::with_capacity(
            self.title.len() + self.keys.len() + self.rec.content.len() + 2 * WEIGHTED.len(),
        );
        weighted(&mut content, TITLE_WEIGHT, &self.title);
        weighted(&mut content, PINYIN_WEIGHT, &self.keys);
        content.push_str(&self.rec.content);
        content.truncate(content.trim_end().len());
        self.rec.content = content;
        self.rec
    }
}

/// What [`weighted`] puts around a text, besides the weight's digit.
const WEIGHTED: &str = "___PAGEFIND_WEIGHT___0  ___END_PAGEFIND_WEIGHT___ ";

/// `text` between pagefind's weight markers, followed by a space, put after `out`; nothing
/// when blank.
fn weighted(out: &mut String, weight: u8, text: &str) {
    let text = text.trim();
    if text.is_empty() {
        return;
    }
    use std::fmt::Write;
    let _ = write!(
        out,
        "___PAGEFIND_WEIGHT___{weight} {text} ___END_PAGEFIND_WEIGHT___ "
    );
}

/// Content text with pagefind's marker prefix (`___PAGEFIND…`, read only at the start of a
/// word) defused, so no editor's text can change weights; borrowed when there is none.
fn clean(s: &str) -> std::borrow::Cow<'_, str> {
    let s = s.trim();
    match s.contains("___") {
        true => std::borrow::Cow::Owned(s.replace("___", "__ _")),
        false => std::borrow::Cow::Borrowed(s),
    }
}

/// The text of sanitised HTML, at most `max` characters: tags dropped, the few entities
/// our Markdown renderer writes decoded, whitespace collapsed.
pub fn plain_text(html: &str, max: usize) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    let mut count = 0;
    let mut last_space = true;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                if !last_space {
                    out.push(' ');
                    last_space = true;
                }
            }
            _ if in_tag => {}
            c if c.is_whitespace() => {
                if !last_space {
                    out.push(' ');
                    last_space = true;
                }
            }
            c => {
                out.push(c);
                last_space = false;
                count += 1;
                if count >= max {
                    break;
                }
            }
        }
    }
    out.replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .trim()
        .to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The record's text as it was made before it was made in one string.
    fn content_as_before(title: &str, keys: &str, texts: &[&str]) -> String {
        let weighted = |weight: u8, text: &str| {
            if text.trim().is_empty() {
                return String::new();
            }
            format!(
                "___PAGEFIND_WEIGHT___{weight} {} ___END_PAGEFIND_WEIGHT___ ",
                text.trim()
            )
        };
        let clean = |s: &str| s.trim().replace("___", "__ _");
        let mut body = String::new();
        for t in texts {
            let t = clean(t);
            if !t.is_empty() {
                if !body.is_empty() {
                    body.push(' ');
                }
                body.push_str(&t);
            }
        }
        let mut head = weighted(TITLE_WEIGHT, &clean(title));
        head.push_str(&weighted(PINYIN_WEIGHT, keys));
        head.push_str(&body);
        head.trim_end().to_owned()
    }

    #[test]
    fn a_records_text_is_what_it_was_before_it_was_made_in_one_string() {
        let cases: [(&str, &[&str]); 6] = [
            ("李秀英", &["县级", "城关镇选区", " 教师 "]),
            ("  ", &["", "  "]),
            ("___PAGEFIND_WEIGHT___9 王", &["a___b", "___"]),
            ("张三", &[]),
            ("", &["只有正文 "]),
            ("单 ", &["  尾部空格   "]),
        ];
        for (title, texts) in cases {
            let mut b = Builder::new("u/".into(), "deputy", title, None);
            for t in texts {
                b.text(t);
            }
            let mut keyed = Builder::new("u/".into(), "deputy", title, None);
            keyed.keys = "li xiuying lxy".into();
            for t in texts {
                keyed.text(t);
            }
            assert_eq!(
                b.done().content,
                content_as_before(title, "", texts),
                "{title:?}"
            );
            assert_eq!(
                keyed.done().content,
                content_as_before(title, "li xiuying lxy", texts),
                "{title:?}"
            );
        }
    }

    #[test]
    fn plain_text_drops_tags_and_collapses_space() {
        assert_eq!(
            plain_text("<h2>履职</h2>\n<p>居民 &amp; 代表</p>", 100),
            "履职 居民 & 代表"
        );
        assert_eq!(plain_text("<p>一二三四五</p>", 3), "一二三");
    }
}
