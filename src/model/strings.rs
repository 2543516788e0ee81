//! Interned strings: one shared copy of a text that thousands of records repeat.
//!
//! A national site has 2.8 million deputies but a few dozen ethnicities, a few terms,
//! thousands of liaison groups and a fraction as many distinct occupations as deputies.
//! [`Strings`] is filled from the raw sources before they are converted (one thread), then
//! only read while items are converted in parallel: a converted value equal to one it
//! holds shares that copy, any other gets its own (issue 21: the model's bytes per deputy).

use std::collections::HashSet;
use std::sync::Arc;

/// A table of texts, each held once.
#[derive(Debug, Default)]
pub struct Strings(HashSet<Arc<str>>);

impl Strings {
    pub fn new() -> Self {
        Strings::default()
    }

    /// Hold `text` (once, however often it is added).
    pub fn add(&mut self, text: &str) {
        if !self.0.contains(text) {
            self.0.insert(Arc::from(text));
        }
    }

    /// The shared copy of `text` when the table holds it, else a copy of its own.
    pub fn get(&self, text: &str) -> Arc<str> {
        self.0.get(text).cloned().unwrap_or_else(|| Arc::from(text))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_interned_text_reads_as_written_and_is_shared() {
        let mut s = Strings::new();
        s.add("汉族");
        s.add("汉族");
        s.add("十八届");
        let a = s.get("汉族");
        let b = s.get("汉族");
        assert_eq!(&*a, "汉族");
        assert!(Arc::ptr_eq(&a, &b), "the same text shares one copy");
        let other = s.get("回族");
        assert_eq!(&*other, "回族", "a text the table lacks is copied");
        assert_eq!(s.0.len(), 2);
    }
}
