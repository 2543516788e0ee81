//! The deputies' bodies (their Markdown), kept out of memory on a built site.
//!
//! A deputy's body is about 300 bytes of Markdown that only the deputy's own page shows: at
//! national size 0.8 GB that would otherwise stay in memory through the whole build (issue
//! 21). When `build` and `check` read the deputies ([`super::intake`]), each
//! body, once converted and scanned, is written in deputy order into an unnamed temporary
//! file (in the system's temporary folder, `TMPDIR`; the system removes it when the process
//! ends, however it ends), and only where it ends is kept; the page reads it back and
//! renders it ([`Bodies::html`]), so a page an incremental build finds unchanged by its
//! fingerprint ([`Bodies::identity`]) never renders its body. A model converted from
//! sources held in memory (`serve`'s first language, which it converts again on each edit)
//! keeps them in memory, as does a system without positional reads, or one where no
//! temporary file can be made. A translation replaces a body by its HTML, rendered when
//! the translations were read ([`Bodies::replace`]).

use std::borrow::Cow;
use std::collections::HashMap;
use std::io::Write;

/// Every deputy's body, by the deputy's index: its Markdown, or the HTML of a translation.
#[derive(Debug, Default)]
pub struct Bodies {
    /// The Markdown of each deputy's body, as written.
    store: Store,
    /// Bodies given as HTML after filing (a further language's translations), by deputy.
    replaced: HashMap<u32, String>,
}

#[derive(Debug)]
enum Store {
    Held(Vec<String>),
    /// Being written: the file and where each body ends in it.
    Spilling(std::io::BufWriter<std::fs::File>, Vec<u64>),
    Spilled(std::fs::File, Vec<u64>),
}

impl Default for Store {
    fn default() -> Store {
        Store::Held(Vec::new())
    }
}

impl Bodies {
    /// Bodies kept in memory.
    pub(crate) fn held() -> Bodies {
        Bodies::default()
    }

    /// Bodies written into a temporary file as they come; in memory where none can be made.
    pub(crate) fn spilled() -> Bodies {
        let store = match temporary() {
            Some(file) => {
                Store::Spilling(std::io::BufWriter::with_capacity(1 << 20, file), Vec::new())
            }
            None => Store::Held(Vec::new()),
        };
        Bodies {
            store,
            replaced: HashMap::new(),
        }
    }

    /// The next deputy's body, as Markdown.
    pub(crate) fn push(&mut self, body: String) -> std::io::Result<()> {
        match &mut self.store {
            Store::Held(all) => all.push(body),
            Store::Spilling(file, ends) => {
                file.write_all(body.as_bytes())?;
                let end = ends.last().copied().unwrap_or(0) + body.len() as u64;
                ends.push(end);
            }
            Store::Spilled(..) => {
                return Err(std::io::Error::other("the bodies were already finished"));
            }
        }
        Ok(())
    }

    /// Every body is in: what is written is made readable.
    pub(crate) fn finish(&mut self) -> std::io::Result<()> {
        let store = std::mem::take(&mut self.store);
        self.store = match store {
            Store::Spilling(file, ends) => {
                let file = file.into_inner().map_err(|e| e.into_error())?;
                Store::Spilled(file, ends)
            }
            other => other,
        };
        Ok(())
    }

    /// Give deputy `index` the body `html` in place of the one filed (a translation,
    /// already HTML: kept apart from the Markdown, wherever that is kept).
    pub(crate) fn replace(&mut self, index: u32, html: String) {
        if (index as usize) < self.len() {
            self.replaced.insert(index, html);
        }
    }

    /// The body of deputy `index` as its page shows it: HTML, rendered from the Markdown
    /// (empty for a deputy without one); an error names what could not be read back.
    pub fn html(&self, index: u32) -> Result<Cow<'_, str>, String> {
        if let Some(html) = self.replaced.get(&index) {
            return Ok(Cow::Borrowed(html));
        }
        Ok(Cow::Owned(crate::markdown::render(&self.markdown(index)?)))
    }

    /// What decides deputy `index`'s body as [`Bodies::html`] gives it, for the page's
    /// fingerprint: its Markdown (the same binary renders the same Markdown to the same
    /// HTML), or the HTML that replaced it, each tagged so that the two never meet.
    pub fn identity(&self, index: u32) -> Result<Cow<'_, str>, String> {
        Ok(Cow::Owned(match self.replaced.get(&index) {
            Some(html) => format!("html:{html}"),
            None => format!("markdown:{}", self.markdown(index)?),
        }))
    }

    /// The Markdown of deputy `index`, as filed.
    fn markdown(&self, index: u32) -> Result<Cow<'_, str>, String> {
        let i = index as usize;
        match &self.store {
            Store::Held(all) => Ok(Cow::Borrowed(all.get(i).map_or("", String::as_str))),
            Store::Spilled(file, ends) => {
                let Some(&end) = ends.get(i) else {
                    return Ok(Cow::Borrowed(""));
                };
                let start = i.checked_sub(1).map_or(0, |j| ends[j]);
                let mut bytes = vec![0; (end - start) as usize];
                read_at(file, &mut bytes, start).map_err(|e| {
                    format!("a deputy's text could not be read back from its temporary file: {e}")
                })?;
                String::from_utf8(bytes)
                    .map(Cow::Owned)
                    .map_err(|_| "a deputy's text in its temporary file was changed".to_owned())
            }
            Store::Spilling(..) => Err("the deputies' texts are still being written".into()),
        }
    }

    /// How many bodies there are.
    pub fn len(&self) -> usize {
        match &self.store {
            Store::Held(all) => all.len(),
            Store::Spilling(_, ends) | Store::Spilled(_, ends) => ends.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Whether the bodies are in a temporary file.
    #[cfg(test)]
    pub(crate) fn on_disk(&self) -> bool {
        matches!(self.store, Store::Spilled(..))
    }
}

impl PartialEq for Bodies {
    /// The same bodies, wherever they are kept.
    fn eq(&self, other: &Bodies) -> bool {
        self.len() == other.len()
            && (0..self.len() as u32).all(|i| match (self.identity(i), other.identity(i)) {
                (Ok(a), Ok(b)) => a == b,
                _ => false,
            })
    }
}

/// An unnamed temporary file to write bodies into and read them back at any place.
#[cfg(unix)]
fn temporary() -> Option<std::fs::File> {
    tempfile::tempfile().ok()
}

#[cfg(not(unix))]
fn temporary() -> Option<std::fs::File> {
    None
}

#[cfg(unix)]
fn read_at(file: &std::fs::File, bytes: &mut [u8], at: u64) -> std::io::Result<()> {
    std::os::unix::fs::FileExt::read_exact_at(file, bytes, at)
}

#[cfg(not(unix))]
fn read_at(_: &std::fs::File, _: &mut [u8], _: u64) -> std::io::Result<()> {
    Err(std::io::Error::other("no positional reads"))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Spilled and held bodies read back alike, a replaced one and an empty one too.
    #[test]
    fn spilled_bodies_read_back_as_held_ones() {
        let texts = ["一\n", "", "蔡斌伟，男，**汉族**。\n", "x"];
        let mut spilled = Bodies::spilled();
        let mut held = Bodies::held();
        for t in texts {
            spilled.push(t.to_owned()).expect("written");
            held.push(t.to_owned()).expect("kept");
        }
        spilled.finish().expect("finished");
        held.finish().expect("finished");
        assert!(matches!(spilled.store, Store::Spilled(..)));
        for (i, t) in texts.iter().enumerate() {
            assert_eq!(spilled.markdown(i as u32).expect("read"), *t);
            assert_eq!(
                spilled.html(i as u32).expect("read"),
                crate::markdown::render(t)
            );
        }
        assert_eq!(
            spilled.html(2).expect("read"),
            "<p>蔡斌伟，男，<strong>汉族</strong>。</p>\n"
        );
        assert_eq!(spilled, held);
        spilled.replace(2, "<p>Cai Binwei</p>".into());
        assert_eq!(spilled.html(2).expect("read"), "<p>Cai Binwei</p>");
        assert_ne!(spilled, held);
        held.replace(2, "<p>Cai Binwei</p>".into());
        assert_eq!(spilled, held);
        assert_eq!(spilled.html(9).expect("none"), "");
    }

    /// A page's fingerprint takes the body's identity, not its HTML: a translation's HTML
    /// that reads like another deputy's Markdown must not give the same fingerprint.
    #[test]
    fn a_translated_body_is_never_taken_for_markdown_of_the_same_text() {
        let mut written = Bodies::held();
        written.push("<b>x</b>".to_owned()).expect("kept");
        written.finish().expect("finished");
        let mut translated = Bodies::held();
        translated.push(String::new()).expect("kept");
        translated.finish().expect("finished");
        translated.replace(0, "<b>x</b>".to_owned());
        assert_ne!(
            written.identity(0).expect("read"),
            translated.identity(0).expect("read")
        );
        assert_ne!(written, translated);
        // The same Markdown, the same identity; other Markdown, another.
        let mut again = Bodies::spilled();
        again.push("<b>x</b>".to_owned()).expect("written");
        again.finish().expect("finished");
        assert_eq!(written.identity(0), again.identity(0));
        let mut other = Bodies::held();
        other.push("<b>y</b>".to_owned()).expect("kept");
        other.finish().expect("finished");
        assert_ne!(written.identity(0), other.identity(0));
    }
}
