//! The theme's UI strings as Rust code sees them (titles of lists, names of levels), and
//! what the site stage needs of a renderer: [`Painter`], implemented by the render stage,
//! so the site builds each page's typed context without depending on how it is drawn.

use serde::Serialize;

/// UI strings for Rust-side titles.
#[derive(Debug, Clone)]
pub struct Strings(serde_json::Value);

impl Strings {
    pub fn new(strings: serde_json::Value) -> Self {
        Strings(strings)
    }

    /// The string at `key`, or the key itself so a missing translation is visible, not fatal.
    pub fn get<'a>(&'a self, key: &'a str) -> &'a str {
        self.0.get(key).and_then(|v| v.as_str()).unwrap_or(key)
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

/// What turns a page's template name and typed context into HTML (the render stage's
/// `Renderer`), and the UI strings it was made with.
pub trait Painter: Sync {
    fn strings(&self) -> &Strings;
    /// Render `template` with `ctx`; an error names the template and what failed.
    fn paint<T: Serialize>(&self, template: &str, ctx: &T) -> Result<String, String>;
}
