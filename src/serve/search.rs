//! The search index while serving: built on its own thread after the browser has been
//! told to reload, because indexing a large site takes seconds and the page being edited
//! does not need it.
//!
//! The worker holds at most one waiting job: a newer rebuild replaces an older one that
//! has not started, and a result that a newer job has overtaken is dropped unwritten. The
//! index is rebuilt only when what it is made from changed (the search records, the area
//! tree they are split by, the theme and the language); otherwise the files on disk stay.
//! Either way a `settled` event on the live-reload stream says the output is complete.

use std::collections::HashMap;
use std::sync::{Arc, Condvar, Mutex};

use super::Shared;
use crate::model::Model;
use crate::output::incremental::{hash_bytes, remove, replace as put};
use crate::render::Theme;

/// One index to build: the model and theme of a successful rebuild, and the generation the
/// browser was told to reload to.
#[derive(Debug)]
pub struct Job {
    pub model: Arc<Model>,
    pub theme: Arc<Theme>,
    /// The site's further languages: each tree's folder (`en/`), model and theme.
    pub further: Vec<(String, Arc<Model>, Arc<Theme>)>,
    pub generation: u64,
}

#[derive(Debug, Default)]
struct Slot {
    next: Option<Job>,
}

/// The handle of the search thread.
#[derive(Debug, Clone)]
pub struct Worker {
    slot: Arc<(Mutex<Slot>, Condvar)>,
}

impl Worker {
    /// Start the thread writing into `shared.out`.
    pub fn start(shared: Arc<Shared>) -> Result<Worker, String> {
        let slot = Arc::new((Mutex::new(Slot::default()), Condvar::new()));
        let for_thread = Arc::clone(&slot);
        std::thread::Builder::new()
            .name("lianluo-search".into())
            .spawn(move || run(&for_thread, &shared))
            .map_err(|e| format!("cannot start the search indexer: {e}"))?;
        Ok(Worker { slot })
    }

    /// Index `job` next, dropping any job still waiting.
    pub fn submit(&self, job: Job) {
        let (lock, cv) = &*self.slot;
        if let Ok(mut s) = lock.lock() {
            s.next = Some(job);
            cv.notify_one();
        }
    }

    fn pending(slot: &(Mutex<Slot>, Condvar)) -> bool {
        slot.0.lock().map(|s| s.next.is_some()).unwrap_or(false)
    }
}

/// What is on disk: the input it was made from and every file with the hash of its bytes.
#[derive(Debug, Default)]
struct Index {
    input: Option<u64>,
    files: HashMap<String, u64>,
}

fn run(slot: &(Mutex<Slot>, Condvar), shared: &Shared) {
    let mut index = Index::default();
    loop {
        let job = {
            let (lock, cv) = slot;
            let Ok(mut s) = lock.lock() else { return };
            loop {
                if let Some(job) = s.next.take() {
                    break job;
                }
                s = match cv.wait(s) {
                    Ok(s) => s,
                    Err(_) => return,
                };
            }
        };
        let built = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            once(&mut index, &job, shared, || Worker::pending(slot))
        }));
        match built {
            Ok(Ok(true)) => shared.announce("settled", job.generation),
            Ok(Ok(false)) => {}
            Ok(Err(msg)) => eprintln!("error: search index: {msg}"),
            Err(_) => {
                eprintln!("error: search index: internal error; it is rebuilt on the next change");
                index = Index::default();
            }
        }
    }
}

/// Bring the index up to date for `job`; `Ok(false)` when a newer job overtook it.
fn once(
    index: &mut Index,
    job: &Job,
    shared: &Shared,
    overtaken: impl Fn() -> bool,
) -> Result<bool, String> {
    let mut input = crate::search::input_hash(&job.model, &job.theme);
    for (prefix, model, theme) in &job.further {
        use std::hash::{Hash, Hasher};
        let mut h = std::hash::DefaultHasher::new();
        (input, prefix, crate::search::input_hash(model, theme)).hash(&mut h);
        input = h.finish();
    }
    if index.input == Some(input) {
        return Ok(true);
    }
    let mut files = crate::search::files(&job.model, &job.theme)?;
    // Each further language's tree has its own index, under its folder.
    for (prefix, model, theme) in &job.further {
        if overtaken() {
            return Ok(false);
        }
        let more = crate::search::files(model, theme)?;
        files.extend(
            more.into_iter()
                .map(|(rel, data)| (format!("{prefix}{rel}"), data)),
        );
    }
    if overtaken() {
        return Ok(false);
    }
    let mut now = HashMap::with_capacity(files.len());
    for (rel, data) in files {
        let h = hash_bytes(&data);
        if index.files.get(&rel) != Some(&h) {
            put(&shared.out, &rel, &data).map_err(|e| e.0)?;
        }
        now.insert(rel, h);
    }
    for rel in index.files.keys().filter(|r| !now.contains_key(*r)) {
        remove(&shared.out, rel).map_err(|e| e.0)?;
    }
    index.files = now;
    index.input = Some(input);
    Ok(true)
}
