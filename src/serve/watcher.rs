//! Watching the site folder: notify through notify-debouncer-full, so one save (which an
//! editor may do as truncate + write, or write a temporary file + rename) becomes one batch
//! of changed paths.
//!
//! Only paths that can change the site are passed on: the top-level YAML files and the
//! content, static and theme folders, nothing hidden (editor swap files, `.git`) and
//! nothing inside the output folder.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::time::Duration;

use notify::RecursiveMode;
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer};

use crate::sources::layout::WATCHED;

/// How long a file must be quiet before its change is passed on.
const QUIET: Duration = Duration::from_millis(20);
/// How often the debouncer looks for quiet files.
const TICK: Duration = Duration::from_millis(5);

/// Changed paths, or a request to look at everything again (events were lost).
#[derive(Debug, Default)]
pub struct Batch {
    pub paths: HashSet<PathBuf>,
    pub rescan: bool,
}

impl Batch {
    pub fn merge(&mut self, other: Batch) {
        self.paths.extend(other.paths);
        self.rescan |= other.rescan;
    }
}

/// A running watcher; dropping it stops watching.
pub struct Watcher {
    _debouncer: Debouncer<notify::RecommendedWatcher, RecommendedCache>,
}

impl std::fmt::Debug for Watcher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Watcher")
    }
}

/// Watch `site` (absolute), ignoring `out`; batches arrive on the returned receiver.
pub fn watch(site: &Path, out: &Path) -> Result<(Watcher, Receiver<Batch>), String> {
    let (tx, rx) = channel();
    let handler = handler(site.to_path_buf(), out.to_path_buf(), tx);
    let mut debouncer = new_debouncer(QUIET, Some(TICK), handler)
        .map_err(|e| format!("cannot watch {}: {e}", site.display()))?;
    debouncer
        .watch(site, RecursiveMode::Recursive)
        .map_err(|e| format!("cannot watch {}: {e}", site.display()))?;
    Ok((
        Watcher {
            _debouncer: debouncer,
        },
        rx,
    ))
}

fn handler(
    site: PathBuf,
    out: PathBuf,
    tx: Sender<Batch>,
) -> impl FnMut(DebounceEventResult) + Send + 'static {
    move |result| {
        let mut batch = Batch::default();
        match result {
            Ok(events) => {
                for ev in events {
                    batch.rescan |= ev.need_rescan();
                    // Reading a file (as every rebuild does) is no change.
                    if matches!(ev.kind, notify::EventKind::Access(_)) {
                        continue;
                    }
                    for p in &ev.paths {
                        if relevant(&site, &out, p) {
                            batch.paths.insert(p.clone());
                        }
                    }
                }
            }
            Err(_) => batch.rescan = true,
        }
        if batch.rescan || !batch.paths.is_empty() {
            let _ = tx.send(batch);
        }
    }
}

/// Whether a change at `path` can change the site.
pub fn relevant(site: &Path, out: &Path, path: &Path) -> bool {
    if path.starts_with(out) {
        return false;
    }
    let Ok(rel) = path.strip_prefix(site) else {
        return false;
    };
    let mut parts = rel.components().map(|c| c.as_os_str().to_string_lossy());
    let Some(first) = parts.next() else {
        return false;
    };
    if !(WATCHED.contains(&first.as_ref()) || first == "themes") {
        return false;
    }
    !rel.components()
        .any(|c| c.as_os_str().to_string_lossy().starts_with('.'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_content_paths_matter() {
        let site = Path::new("/s");
        let out = Path::new("/s/public");
        assert!(relevant(site, out, Path::new("/s/deputies/a.md")));
        assert!(relevant(site, out, Path::new("/s/site.yaml")));
        assert!(relevant(
            site,
            out,
            Path::new("/s/themes/x/templates/base.html")
        ));
        assert!(!relevant(site, out, Path::new("/s/public/index.html")));
        assert!(!relevant(site, out, Path::new("/s/deputies/.a.md.swp")));
        assert!(!relevant(site, out, Path::new("/s/.git/index")));
        assert!(!relevant(site, out, Path::new("/s/README.txt")));
        assert!(!relevant(site, out, Path::new("/elsewhere/a.md")));
    }
}
