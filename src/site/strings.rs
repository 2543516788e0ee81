//! The theme's UI strings as Rust code sees them (titles of lists, names of levels), and
//! what the site stage needs of a renderer: [`Painter`], implemented by the render stage,
//! so the site builds each page's typed context without depending on how it is drawn.

use serde::Serialize;

/// UI strings for Rust-side titles.
#[derive(Debug, Clone)]
pub struct Strings(pub(crate) serde_json::Value);

impl Strings {
    pub fn new(strings: serde_json::Value) -> Self {
        Strings(strings)
    }

    /// The string at `key`, or the key itself so a missing translation is visible, not fatal.
    pub fn get<'a>(&'a self, key: &'a str) -> &'a str {
        get_in(&self.0, key)
    }

    /// The `i`th entry of the list at `key` (`weekday`, `month_names`, `month_abbr`).
    pub fn nth_of(&self, key: &str, i: usize) -> &str {
        nth_in(&self.0, key, i)
    }

    /// A date in the UI's pattern at `key` (`date_format`, `date_short`, `month_short`):
    /// `{y}`, `{m}`, `{d}` are numbers, `{month}` the month's name, `{mon}` its short name.
    pub fn date_in(&self, key: &str, y: i16, m: i8, d: i8) -> String {
        date_in(&self.0, key, y, m, d)
    }

    /// `2025-10-09` in the UI's date format (2025年10月9日, 9 October 2025); anything
    /// that is not a date comes back as it was.
    pub fn date_iso(&self, iso: &str) -> String {
        let mut parts = iso
            .splitn(3, '-')
            .map(|p| p.trim_start_matches('0').parse::<i16>());
        match (parts.next(), parts.next(), parts.next()) {
            (Some(Ok(y)), Some(Ok(m)), Some(Ok(d)))
                if (1..=12).contains(&m) && (1..=31).contains(&d) =>
            {
                self.date_in("date_format", y, m as i8, d as i8)
            }
            _ => iso.to_owned(),
        }
    }

    /// Items as a list in the UI's language: 甲、乙、丙 / a, b and c
    /// (`list_sep` between items, `list_last_sep` before the last).
    pub fn list<S: AsRef<str>>(&self, items: &[S]) -> String {
        list_in(&self.0, items)
    }

    /// `text` in the UI's brackets: （text） / (text).
    pub fn paren(&self, text: &str) -> String {
        format!(
            "{}{text}{}",
            self.get("paren_open"),
            self.get("paren_close")
        )
    }

    /// The form of a `singular|plural` string for `n` (a string without `|` is both).
    pub fn plural(&self, key: &str, n: u64) -> String {
        pick_plural(self.get(key), n).to_owned()
    }

    /// A built-in holiday's name in the UI's language (`holiday_names`; several joined by
    /// 、 are translated one by one); a name not in the table stays as written.
    pub fn holiday(&self, name: &str) -> String {
        let table = self.0.get("holiday_names");
        let parts: Vec<String> = name
            .split('、')
            .map(|n| {
                table
                    .and_then(|t| t.get(n))
                    .and_then(|v| v.as_str())
                    .unwrap_or(n)
                    .to_owned()
            })
            .collect();
        self.list(&parts)
    }

    /// A nested UI string (`activity_kind.reception`), or `key` when the theme lacks it.
    pub fn nested<'a>(&'a self, group: &str, key: &'a str) -> &'a str {
        self.0
            .get(group)
            .and_then(|g| g.get(key))
            .and_then(|v| v.as_str())
            .unwrap_or(key)
    }

    /// The display name of a level (`level.<word>` in the UI strings).
    pub fn level_name(&self, level: crate::vocab::Level) -> String {
        let word = level.as_str();
        self.0
            .get("level")
            .and_then(|l| l.get(word))
            .and_then(|v| v.as_str())
            .unwrap_or(word)
            .to_owned()
    }
}

/// The form of `text` (`singular|plural`) for `n`: the first when `n` is 1, else the last.
pub fn pick_plural(text: &str, n: u64) -> &str {
    match text.split_once('|') {
        Some((one, _)) if n == 1 => one,
        Some((_, many)) => many,
        None => text,
    }
}

/// What turns a page's template name and typed context into HTML (the render stage's
/// `Renderer`), and the UI strings it was made with.
pub trait Painter: Sync {
    fn strings(&self) -> &Strings;
    /// Render `template` with `ctx`; an error names the template and what failed.
    fn paint<T: Serialize>(&self, template: &str, ctx: &T) -> Result<String, String>;
    /// Whether `paint` only fingerprints its input (an incremental build asks first whether
    /// a page's input changed): then a context may hold, in place of a part that is costly
    /// to make, what that part is made from, if that alone decides it.
    fn only_fingerprints(&self) -> bool {
        false
    }
}

/// [`Strings::get`] of a borrowed table of strings (the search records read the theme's
/// strings in place: a [`Strings`] of their own would copy the whole table per record).
pub fn get_in<'a>(strings: &'a serde_json::Value, key: &'a str) -> &'a str {
    strings.get(key).and_then(|v| v.as_str()).unwrap_or(key)
}

/// [`Strings::nth_of`] of a borrowed table of strings.
pub fn nth_in<'a>(strings: &'a serde_json::Value, key: &str, i: usize) -> &'a str {
    strings
        .get(key)
        .and_then(|l| l.get(i))
        .and_then(|v| v.as_str())
        .unwrap_or("")
}

/// [`Strings::date_in`] of a borrowed table of strings.
pub fn date_in(strings: &serde_json::Value, key: &str, y: i16, m: i8, d: i8) -> String {
    let m = usize::try_from(m).unwrap_or(0);
    get_in(strings, key)
        .replace("{y}", &y.to_string())
        .replace("{month}", nth_in(strings, "month_names", m))
        .replace("{mon}", nth_in(strings, "month_abbr", m))
        .replace("{m}", &m.to_string())
        .replace("{d}", &d.to_string())
}

/// [`Strings::list`] of a borrowed table of strings.
pub fn list_in<S: AsRef<str>>(strings: &serde_json::Value, items: &[S]) -> String {
    let mut out = String::new();
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(if i + 1 == items.len() {
                get_in(strings, "list_last_sep")
            } else {
                get_in(strings, "list_sep")
            });
        }
        out.push_str(item.as_ref());
    }
    out
}
