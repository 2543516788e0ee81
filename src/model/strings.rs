//! Interned strings: one shared copy of a text that thousands of records repeat.
//!
//! A national site has 2.8 million deputies but a few dozen ethnicities, a few terms,
//! thousands of liaison groups and a fraction as many distinct occupations as deputies.
//! Deputies are converted in parallel a turn at a time, each with copies of its own; then,
//! in the deputies' order on one thread, [`Strings::share`] swaps each copy for the one the
//! table holds (or keeps it there, the first time the text is met). So at most a turn of
//! copies is alive at once, and no lock is needed (issue 21: the model's bytes per deputy).

use std::collections::HashSet;
use std::sync::Arc;

/// A table of texts, each held once.
#[derive(Debug, Default)]
pub struct Strings(HashSet<Arc<str>>);

impl Strings {
    pub fn new() -> Self {
        Strings::default()
    }

    /// Make `text` the table's copy of it: the one held if there is one (and `text`'s own
    /// dropped), else `text`'s, kept from now on.
    pub fn share(&mut self, text: &mut Arc<str>) {
        match self.0.get(&**text) {
            Some(held) => *text = Arc::clone(held),
            None => {
                self.0.insert(Arc::clone(text));
            }
        }
    }

    /// [`Strings::share`] of a text that may be missing.
    pub fn share_some(&mut self, text: &mut Option<Arc<str>>) {
        if let Some(text) = text {
            self.share(text);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_shared_text_reads_as_written_and_is_held_once() {
        let mut s = Strings::new();
        let mut a: Arc<str> = Arc::from("汉族");
        let mut b: Arc<str> = Arc::from("汉族");
        let mut other: Arc<str> = Arc::from("回族");
        assert!(!Arc::ptr_eq(&a, &b));
        s.share(&mut a);
        s.share(&mut b);
        s.share(&mut other);
        assert_eq!(&*b, "汉族");
        assert!(Arc::ptr_eq(&a, &b), "the same text shares one copy");
        assert_eq!(&*other, "回族");
        assert!(!Arc::ptr_eq(&a, &other));
        assert_eq!(s.0.len(), 2);
        let mut none = None;
        s.share_some(&mut none);
        assert!(none.is_none());
        assert_eq!(
            Arc::strong_count(&a),
            3,
            "the table, a and b hold the one copy"
        );
    }
}
