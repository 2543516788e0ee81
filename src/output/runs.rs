//! A clean build's manifest, sorted on disk as the files are made.
//!
//! An incremental build keeps the files it makes in memory ([`incremental::Files`]): it
//! looks each one up against the last build's. A clean build only has to write them at the
//! end, sorted by path: at national size 9 million files, about 0.8 GB that grew through
//! the whole build (issue 21). [`Runs`] takes them as they come instead, sorts a batch of
//! about [`BATCH_BYTES`] at a time into a run file of manifest lines, in a folder inside
//! the build's own temporary folder, and merges the runs into the manifest at the end
//! ([`Runs::write_to`]): the same text [`incremental::Manifest::write_to`] writes of the
//! same files, with a few megabytes of memory.

use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::io::{BufRead, BufReader, BufWriter, Write};
use std::path::PathBuf;

use super::incremental::{self, Entry};

/// How much of the files' paths and entries one run holds in memory before it is written.
const BATCH_BYTES: usize = 32 << 20;

/// The files of a clean build, in sorted runs on disk.
pub struct Runs {
    /// The folder of the run files (made when the first run is written).
    dir: PathBuf,
    /// How much a batch may hold before it is sorted and written.
    limit: usize,
    batch: Vec<(String, Entry)>,
    held: usize,
    runs: Vec<PathBuf>,
    /// Every path could be written on one line.
    one_line: bool,
    /// The first error writing a run (reported by [`Runs::write_to`]).
    failed: Option<std::io::Error>,
}

impl Runs {
    /// Runs in `dir`, a folder that does not exist yet and that only [`Runs`] writes in.
    pub fn new(dir: PathBuf) -> Runs {
        Runs::with_limit(dir, BATCH_BYTES)
    }

    fn with_limit(dir: PathBuf, limit: usize) -> Runs {
        Runs {
            dir,
            limit,
            batch: Vec::new(),
            held: 0,
            runs: Vec::new(),
            one_line: true,
            failed: None,
        }
    }

    /// One file made, `path` with `entry` (in place of an earlier one of that path).
    pub fn push(&mut self, path: &str, entry: Entry) {
        if path.contains(['\n', '\r']) {
            self.one_line = false;
        }
        self.held += path.len() + std::mem::size_of::<(String, Entry)>();
        self.batch.push((path.to_owned(), entry));
        if self.held >= self.limit {
            self.spill();
        }
    }

    /// Sort the batch and write it as a run (the last of a path's entries only).
    fn spill(&mut self) {
        let mut batch = std::mem::take(&mut self.batch);
        self.held = 0;
        if batch.is_empty() || self.failed.is_some() {
            return;
        }
        // Stable: the entries of one path stay in the order they came, and the last wins.
        batch.sort_by(|a, b| a.0.cmp(&b.0));
        let path = self.dir.join(format!("run-{}", self.runs.len()));
        let written = (|| -> std::io::Result<()> {
            if self.runs.is_empty() {
                std::fs::create_dir_all(&self.dir)?;
            }
            let mut file = BufWriter::with_capacity(1 << 20, std::fs::File::create(&path)?);
            let mut line = Vec::new();
            for (i, (rel, entry)) in batch.iter().enumerate() {
                if batch.get(i + 1).is_some_and(|next| next.0 == *rel) {
                    continue;
                }
                line.clear();
                incremental::push_line(&mut line, rel, entry);
                file.write_all(&line)?;
            }
            file.flush()
        })();
        match written {
            Ok(()) => self.runs.push(path),
            Err(e) => {
                let why = format!("{}: {e}", path.display());
                self.failed = Some(std::io::Error::new(e.kind(), why));
            }
        }
    }

    /// Write the manifest of every file pushed, with its header, into `out`: `Ok(false)`,
    /// and nothing written, when a path cannot be written on one line. The run files and
    /// their folder are removed, whatever happens; the runs are then empty.
    pub fn write_to(
        &mut self,
        binary: &str,
        epoch: u64,
        out: &mut dyn Write,
    ) -> std::io::Result<bool> {
        if !self.one_line {
            self.remove();
            return Ok(false);
        }
        self.spill();
        let merged = match self.failed.take() {
            Some(e) => Err(e),
            None => self.merge(binary, epoch, out),
        };
        self.remove();
        merged.map(|()| true)
    }

    /// The runs merged by path; of a path in several runs, the last run's line.
    fn merge(&self, binary: &str, epoch: u64, out: &mut dyn Write) -> std::io::Result<()> {
        incremental::write_header(out, binary, epoch, 0)?;
        let mut readers = Vec::with_capacity(self.runs.len());
        for path in &self.runs {
            readers.push(BufReader::with_capacity(
                256 << 10,
                std::fs::File::open(path)?,
            ));
        }
        let mut lines: Vec<Vec<u8>> = vec![Vec::new(); readers.len()];
        // (path of the line, run): the same path pops from the runs in order.
        let mut heap: BinaryHeap<Reverse<(Vec<u8>, usize)>> = BinaryHeap::new();
        let mut next = |run: usize, lines: &mut Vec<Vec<u8>>| -> std::io::Result<Option<Vec<u8>>> {
            lines[run].clear();
            if readers[run].read_until(b'\n', &mut lines[run])? == 0 {
                return Ok(None);
            }
            Ok(Some(path_of(&lines[run]).to_vec()))
        };
        for run in 0..self.runs.len() {
            if let Some(key) = next(run, &mut lines)? {
                heap.push(Reverse((key, run)));
            }
        }
        let mut pending: Option<(Vec<u8>, Vec<u8>)> = None;
        while let Some(Reverse((key, run))) = heap.pop() {
            match &mut pending {
                Some((path, line)) if *path == key => line.clone_from(&lines[run]),
                _ => {
                    if let Some((_, line)) = pending.take() {
                        out.write_all(&line)?;
                    }
                    pending = Some((key, lines[run].clone()));
                }
            }
            if let Some(key) = next(run, &mut lines)? {
                heap.push(Reverse((key, run)));
            }
        }
        if let Some((_, line)) = pending {
            out.write_all(&line)?;
        }
        Ok(())
    }

    /// Remove the run files and their folder, which only [`Runs`] writes in (a run that
    /// failed half-written too).
    fn remove(&mut self) {
        self.runs.clear();
        self.batch = Vec::new();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

impl Drop for Runs {
    fn drop(&mut self) {
        self.remove();
    }
}

/// The path of a manifest line: what follows its third space, without the newline.
fn path_of(line: &[u8]) -> &[u8] {
    let line = line.strip_suffix(b"\n").unwrap_or(line);
    let mut spaces = 0;
    for (i, &b) in line.iter().enumerate() {
        if b == b' ' {
            spaces += 1;
            if spaces == 3 {
                return &line[i + 1..];
            }
        }
    }
    line
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::incremental::{Files, Manifest, Mark, Print};

    fn entry(hash: u64, mark: Mark) -> Entry {
        Entry {
            hash,
            size: hash * 7,
            mark,
        }
    }

    /// Files pushed in a scrambled order, some twice, over many small runs: the merged
    /// text is the manifest of the same files made in memory, byte for byte.
    #[test]
    fn runs_merge_into_the_manifest_made_in_memory() {
        let folder = tempfile::tempdir().expect("a temporary folder");
        let mut runs = Runs::with_limit(folder.path().join("runs"), 2_000);
        let mut files = Files::default();
        for k in 0..2_000u64 {
            let n = (k * 7_919) % 1_500; // repeats: 500 paths come twice
            let rel = match n % 3 {
                0 => format!("deputies/d{n}/index.html"),
                1 => format!("deputies/d{n} with space/calendar.ics"),
                _ => format!("search/{n}.pf_meta"),
            };
            let mark = match n % 3 {
                0 => Mark::None,
                1 => Mark::Search(k + 1),
                _ => Mark::Print(Print::parse(&format!("{k:032x}")).expect("32 hex digits")),
            };
            runs.push(&rel, entry(k, mark));
            files.insert(&rel, entry(k, mark));
        }
        assert!(runs.runs.len() > 10, "{} runs", runs.runs.len());
        let manifest = Manifest {
            binary: "lianluo 0.1.0 1 2".into(),
            epoch: 42,
            search: 0,
            files,
        };
        let mut merged = Vec::new();
        let dir = folder.path().join("runs");
        assert!(
            runs.write_to(&manifest.binary, 42, &mut merged)
                .expect("merged")
        );
        assert_eq!(
            String::from_utf8(merged).expect("text"),
            String::from_utf8(manifest.to_text().expect("a manifest")).expect("text")
        );
        assert!(!dir.exists(), "the runs' folder is removed");
    }

    #[test]
    fn a_path_that_is_not_one_line_makes_no_manifest() {
        let folder = tempfile::tempdir().expect("a temporary folder");
        let mut runs = Runs::with_limit(folder.path().join("runs"), 100);
        for k in 0..50 {
            runs.push(&format!("page-{k}.html"), entry(k, Mark::None));
        }
        runs.push("bad\nname.html", entry(1, Mark::None));
        let dir = folder.path().join("runs");
        let mut out = Vec::new();
        assert!(!runs.write_to("b", 1, &mut out).expect("no error"));
        assert!(out.is_empty());
        assert!(!dir.exists());
    }

    /// A disk that fills up while a run is written: the build's manifest fails (with the
    /// run's name), and the half-written run goes with the runs' folder, so that nothing
    /// of it can be put in place with the site (review of c831a1b).
    #[cfg(target_os = "linux")]
    #[test]
    fn a_run_that_fails_half_written_leaves_no_file_behind() {
        let folder = tempfile::tempdir().expect("a temporary folder");
        let dir = folder.path().join("runs");
        std::fs::create_dir(&dir).expect("the runs' folder");
        // Writing the first run writes into /dev/full: "No space left on device".
        std::os::unix::fs::symlink("/dev/full", dir.join("run-0")).expect("a link");
        let mut runs = Runs::with_limit(dir.clone(), 100);
        for k in 0..50 {
            runs.push(&format!("page-{k}.html"), entry(k, Mark::None));
        }
        let mut out = Vec::new();
        let failed = runs
            .write_to("b", 1, &mut out)
            .expect_err("the disk is full");
        assert!(failed.to_string().contains("run-0"), "{failed}");
        assert!(
            !dir.exists(),
            "the runs' folder and its half-written run are gone"
        );
        assert!(out.is_empty());
    }
}
