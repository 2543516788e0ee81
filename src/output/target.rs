//! The output folder: where a build may write, and how the new site replaces the old one.
//!
//! lianluo deletes and replaces only folders that it made. Every folder it writes carries
//! a marker file ([`MARKER`]); a destination that exists, is not empty and carries no
//! marker is refused, and so is one that is the site folder or holds it, lies inside one
//! of the site's source folders, is a file or a symbolic link, or is the file system's
//! root. A refusal touches nothing.
//!
//! A build takes an exclusive lock beside the destination (`.NAME.lianluo-lock`), so two
//! builds into one folder run one after the other; it writes into a fresh temporary folder
//! (`.NAME.lianluo-tmp-PID`), flushes it to disk and swaps it with the old site in one step
//! (`renameat2(RENAME_EXCHANGE)` on Linux; two renames elsewhere, where the next build
//! restores the old site if a crash fell between them). Leftovers of an earlier crash are
//! removed at the next build, but only when they carry the marker. That swap is how a first
//! or `--clean` build lands; a later build into the same folder writes only the changed
//! files into the temporary folder and renames each into place ([`Build::commit`], see
//! [`super::incremental`]).

use std::ffi::OsString;
use std::fs::File;
use std::path::{Component, Path, PathBuf};

use super::WriteError;
// The folders and files of a site that the loader reads: an output folder may not lie
// inside one (`public/` is not among them: the loader skips it).
use crate::sources::layout::SOURCES as SOURCE_PARTS;

/// The file that marks a folder as lianluo's output (and so as safe to replace).
pub const MARKER: &str = ".lianluo-output";

const MARKER_TEXT: &str = "This folder was written by lianluo (联络). lianluo replaces it on every build;\n\
do not keep other files here: they will be deleted with it.\n";

/// Why lianluo will not write to a folder; nothing was touched.
#[derive(Debug)]
pub struct Refusal(pub String);

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// A destination that passed every check: its absolute path, its parent and its name.
#[derive(Debug, Clone)]
pub struct Destination {
    pub path: PathBuf,
    parent: PathBuf,
    name: OsString,
}

impl Destination {
    fn sibling(&self, suffix: &str) -> PathBuf {
        let mut name = OsString::from(".");
        name.push(&self.name);
        name.push(suffix);
        self.parent.join(name)
    }
}

/// Check that `out` may receive the site built from `site`: see the module comment. The
/// checks that need no lock; [`Build::start`] repeats the marker check under the lock.
pub fn check(out: &Path, site: &Path) -> Result<Destination, Refusal> {
    let shown = out.display().to_string();
    let refuse = |why: String| Refusal(format!("will not write the site into {shown}: {why}"));
    let site = site
        .canonicalize()
        .map_err(|e| refuse(format!("the site folder cannot be read ({e})")))?;
    let absolute = std::path::absolute(out).map_err(|e| refuse(e.to_string()))?;
    let path = resolve(&absolute).map_err(|e| refuse(e.to_string()))?;
    let (Some(parent), Some(name)) = (path.parent(), path.file_name()) else {
        return Err(refuse(
            "it is the root of the file system; choose an empty folder, or one lianluo made".into(),
        ));
    };
    match std::fs::symlink_metadata(&absolute) {
        Ok(meta) if meta.file_type().is_symlink() => {
            return Err(refuse(
                "it is a symbolic link; give the folder it points to, or another one".into(),
            ));
        }
        Ok(meta) if !meta.is_dir() => {
            return Err(refuse(
                "it is a file, not a folder; choose a folder for the site".into(),
            ));
        }
        _ => {}
    }
    if site.starts_with(&path) {
        return Err(refuse(format!(
            "it {} the site folder {}; choose a folder outside the site, such as {}",
            if site == path { "is" } else { "holds" },
            site.display(),
            site.join("public").display()
        )));
    }
    if let Ok(rel) = path.strip_prefix(&site)
        && let Some(Component::Normal(first)) = rel.components().next()
        && let Some(part) = SOURCE_PARTS.iter().find(|p| first == **p)
    {
        return Err(refuse(format!(
            "it lies inside the site's source `{part}`, which the build reads; choose another folder, such as {}",
            site.join("public").display()
        )));
    }
    let destination = Destination {
        path: path.clone(),
        parent: parent.to_path_buf(),
        name: name.to_os_string(),
    };
    unmarked(&destination.path).map_or(Ok(destination), |why| Err(refuse(why)))
}

/// Why `dir` may not be replaced: it exists, is not empty and lacks the marker.
fn unmarked(dir: &Path) -> Option<String> {
    let mut entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return None,
        // A folder that cannot be listed may hold anything: never treated as empty.
        Err(e) => {
            return Some(format!(
                "the folder cannot be read ({e}), so lianluo cannot tell whether it wrote it"
            ));
        }
    };
    let _first = entries.next()?;
    if is_marked(dir) {
        return None;
    }
    Some(format!(
        "the folder is not empty and was not written by lianluo (it has no {MARKER} file), so \
         building would delete what is in it; choose an empty folder, or empty this one yourself"
    ))
}

fn is_marked(dir: &Path) -> bool {
    std::fs::symlink_metadata(dir.join(MARKER)).is_ok_and(|m| m.is_file())
}

/// `path` with symbolic links, `.` and `..` resolved, whether or not it exists: the
/// longest existing ancestor is canonicalised and the rest appended.
fn resolve(path: &Path) -> std::io::Result<PathBuf> {
    // The missing components, last first.
    let mut missing: Vec<OsString> = Vec::new();
    let mut cur = path.to_path_buf();
    loop {
        match cur.canonicalize() {
            Ok(mut base) => {
                for part in missing.iter().rev() {
                    if part == ".." {
                        base.pop();
                    } else if part != "." {
                        base.push(part);
                    }
                }
                return Ok(base);
            }
            Err(e) => {
                let Some(last) = cur.components().next_back() else {
                    return Err(e);
                };
                missing.push(last.as_os_str().to_os_string());
                if !cur.pop() {
                    return Err(e);
                }
            }
        }
    }
}

/// A build in progress: the lock, and the temporary folder the site is written into.
#[derive(Debug)]
pub struct Build {
    destination: Destination,
    tmp: PathBuf,
    _lock: File,
    done: bool,
}

impl Build {
    /// Lock the destination (calling `on_wait` first if another build holds it), clean up
    /// what an earlier crash left, check the marker again and make the temporary folder.
    pub fn start(destination: Destination, on_wait: &dyn Fn()) -> Result<Build, WriteError> {
        let lock = lock(&destination, Some(on_wait))?;
        recover(&destination)?;
        if let Some(why) = unmarked(&destination.path) {
            return Err(WriteError(format!(
                "will not write the site into {}: {why}",
                destination.path.display()
            )));
        }
        let tmp = destination.sibling(&format!(".lianluo-tmp-{}", std::process::id()));
        std::fs::create_dir(&tmp).map_err(|e| io(&tmp, e))?;
        let build = Build {
            destination,
            tmp,
            _lock: lock,
            done: false,
        };
        mark(&build.tmp)?;
        Ok(build)
    }

    /// The folder to write the new site into (for an incremental build: the changed files).
    pub fn dir(&self) -> &Path {
        &self.tmp
    }

    /// The destination folder.
    pub fn out(&self) -> &Path {
        &self.destination.path
    }

    /// For an incremental build: make the changed files (`staged`, written into
    /// [`Build::dir`]) durable, mark the manifest unsure, remove the files of `gone` and
    /// rename each changed file over its old version (see [`super::incremental`]).
    pub fn commit(mut self, staged: &[&str], gone: &[String]) -> Result<(), WriteError> {
        flush(&self.tmp)?;
        let out = &self.destination.path;
        super::incremental::doubt(out)?;
        super::incremental::commit(out, &self.tmp, staged, gone)?;
        flush(out)?;
        self.done = true;
        discard(&self.destination, &self.tmp)
    }

    /// Make the new site durable and put it in place of the old one, in one step where
    /// the system allows; then delete the old site.
    pub fn finish(mut self) -> Result<(), WriteError> {
        flush(&self.tmp)?;
        let out = &self.destination.path;
        // The manifest describes the old site, which is about to go.
        super::incremental::doubt(out)?;
        if std::fs::symlink_metadata(out).is_err() {
            std::fs::rename(&self.tmp, out).map_err(|e| io(out, e))?;
        } else if exchange(&self.tmp, out).map_err(|e| io(out, e))? {
            // `tmp` now holds the old site.
            sync_dir(&self.destination.parent);
            discard(&self.destination, &self.tmp)?;
        } else {
            let old = self.destination.sibling(".lianluo-old");
            std::fs::rename(out, &old).map_err(|e| io(out, e))?;
            std::fs::rename(&self.tmp, out).map_err(|e| io(out, e))?;
            sync_dir(&self.destination.parent);
            discard(&self.destination, &old)?;
        }
        sync_dir(&self.destination.parent);
        self.done = true;
        Ok(())
    }
}

impl Drop for Build {
    fn drop(&mut self) {
        if !self.done && is_marked(&self.tmp) {
            let _ = discard(&self.destination, &self.tmp);
        }
    }
}

/// Take the lock on `destination` (`.NAME.lianluo-lock` beside it, made if missing). When
/// another process holds it: wait, after calling `on_wait`, or with `None` fail at once.
/// The lock holds until the returned file is dropped.
pub fn lock(destination: &Destination, on_wait: Option<&dyn Fn()>) -> Result<File, WriteError> {
    std::fs::create_dir_all(&destination.parent).map_err(|e| io(&destination.parent, e))?;
    let lock_path = lock_path(&destination.path);
    let lock = File::options()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&lock_path)
        .map_err(|e| io(&lock_path, e))?;
    match (lock.try_lock(), on_wait) {
        (Ok(()), _) => {}
        (Err(std::fs::TryLockError::WouldBlock), Some(on_wait)) => {
            on_wait();
            lock.lock().map_err(|e| io(&lock_path, e))?;
        }
        (Err(std::fs::TryLockError::WouldBlock), None) => {
            return Err(WriteError(format!(
                "another lianluo is writing into {}; stop it, or choose another folder",
                destination.path.display()
            )));
        }
        (Err(std::fs::TryLockError::Error(e)), _) => return Err(io(&lock_path, e)),
    }
    Ok(lock)
}

/// Empty a folder that lianluo made (or make it) and mark it, for `serve`, which writes
/// in place. The caller holds the [`lock`].
pub fn reset(destination: &Destination) -> Result<(), WriteError> {
    let out = &destination.path;
    if let Some(why) = unmarked(out) {
        return Err(WriteError(format!(
            "will not write the site into {}: {why}",
            out.display()
        )));
    }
    // `serve` changes the folder without keeping a manifest: a later build starts afresh.
    super::incremental::forget(out)?;
    // An empty folder is kept (and marked); only a marked one is deleted, renamed away
    // first: a kill half-way must not leave an unmarked, half-emptied site.
    if is_marked(out) {
        discard(destination, out)?;
    }
    std::fs::create_dir_all(out).map_err(|e| io(out, e))?;
    mark(out)
}

/// The suffix of the lock file beside an output folder (`.NAME.lianluo-lock`).
const LOCK: &str = ".lianluo-lock";

/// The lock file beside the output folder `out`.
pub fn lock_path(out: &Path) -> PathBuf {
    let mut name = OsString::from(".");
    name.push(out.file_name().unwrap_or_default());
    name.push(LOCK);
    out.with_file_name(name)
}

/// Write the marker into a folder lianluo made.
pub fn mark(dir: &Path) -> Result<(), WriteError> {
    let path = dir.join(MARKER);
    std::fs::write(&path, MARKER_TEXT).map_err(|e| io(&path, e))
}

/// Delete a marked folder of ours (a temporary folder, or the old site after the swap).
/// Deleting takes many steps and may remove the marker first, so the folder is first
/// renamed, in one step, to `.NAME.lianluo-trash-PID-N`: a name only lianluo gives, which
/// [`recover`] deletes whatever a crash left of it.
fn discard(destination: &Destination, dir: &Path) -> Result<(), WriteError> {
    discard_with(destination, dir, &|path| std::fs::remove_dir_all(path))
}

/// [`discard`], deleting with `remove` (tests pass one that stops half-way, as a kill would).
fn discard_with(
    destination: &Destination,
    dir: &Path,
    remove: &dyn Fn(&Path) -> std::io::Result<()>,
) -> Result<(), WriteError> {
    let pid = std::process::id();
    // A name left by a deletion of this process that failed half-way is not reused.
    let trash = (0u32..)
        .map(|n| destination.sibling(&format!(".lianluo-trash-{pid}-{n}")))
        .find(|path| std::fs::symlink_metadata(path).is_err())
        .expect("some trash name is free");
    std::fs::rename(dir, &trash).map_err(|e| io(dir, e))?;
    remove(&trash).map_err(|e| io(&trash, e))
}

/// What a crash may have left beside the destination: restore the old site if the crash
/// came between the two renames of the fallback swap, and delete marked temporary folders.
fn recover(destination: &Destination) -> Result<(), WriteError> {
    recover_with(destination, &|path| std::fs::remove_dir_all(path))
}

/// [`recover`], deleting with `remove`.
fn recover_with(
    destination: &Destination,
    remove: &dyn Fn(&Path) -> std::io::Result<()>,
) -> Result<(), WriteError> {
    let old = destination.sibling(".lianluo-old");
    if std::fs::symlink_metadata(&destination.path).is_err() && is_marked(&old) {
        std::fs::rename(&old, &destination.path).map_err(|e| io(&old, e))?;
    }
    let mut prefix = OsString::from(".");
    prefix.push(&destination.name);
    let prefix = prefix.to_string_lossy().into_owned();
    let Ok(entries) = std::fs::read_dir(&destination.parent) else {
        return Ok(());
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(rest) = name.strip_prefix(&prefix) else {
            continue;
        };
        let trash = rest.starts_with(".lianluo-trash");
        if !(trash || rest.starts_with(".lianluo-tmp") || rest == ".lianluo-old") {
            continue;
        }
        let path = entry.path();
        let is_dir = entry.file_type().is_ok_and(|t| t.is_dir());
        if trash && is_dir {
            remove(&path).map_err(|e| io(&path, e))?;
        } else if is_marked(&path) {
            // Renamed to trash first: a kill during the deletion must not leave a folder
            // that has lost its marker under a name the next build would not delete.
            discard_with(destination, &path, remove)?;
        } else {
            // A folder made just before a crash, before its marker: removed only if empty.
            let _ = std::fs::remove_dir(&path);
        }
    }
    Ok(())
}

fn io(path: &Path, e: std::io::Error) -> WriteError {
    WriteError(format!("{}: {e}", path.display()))
}

/// Swap two folders in one step. `Ok(false)`: the system cannot (not Linux, or a file
/// system without `RENAME_EXCHANGE`); the caller falls back to two renames.
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> std::io::Result<bool> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    match renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE) {
        Ok(()) => Ok(true),
        Err(e) if e == rustix::io::Errno::INVAL || e == rustix::io::Errno::NOSYS => Ok(false),
        Err(e) => Err(e.into()),
    }
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> std::io::Result<bool> {
    Ok(false)
}

/// Flush the new site to disk before it replaces the old one, so a power cut after the
/// swap cannot leave empty files: one `syncfs` on Linux (one call, however many files).
#[cfg(target_os = "linux")]
fn flush(dir: &Path) -> Result<(), WriteError> {
    let file = File::open(dir).map_err(|e| io(dir, e))?;
    rustix::fs::syncfs(&file).map_err(|e| io(dir, e.into()))
}

#[cfg(not(target_os = "linux"))]
fn flush(_: &Path) -> Result<(), WriteError> {
    Ok(())
}

/// Make a rename in `dir` durable (best effort: not every system can sync a folder).
fn sync_dir(dir: &Path) {
    if let Ok(file) = File::open(dir) {
        let _ = file.sync_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> tempfile::TempDir {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::write(dir.path().join("site.yaml"), "title: x\n").expect("write");
        std::fs::create_dir(dir.path().join("deputies")).expect("mkdir");
        dir
    }

    #[test]
    fn the_default_output_and_a_fresh_folder_are_accepted() {
        let s = site();
        assert!(check(&s.path().join("public"), s.path()).is_ok());
        let other = tempfile::tempdir().expect("tempdir");
        assert!(check(&other.path().join("new/deeper"), s.path()).is_ok());
        assert!(check(other.path(), s.path()).is_ok(), "empty folder");
    }

    #[test]
    fn folders_lianluo_did_not_write_are_refused() {
        let s = site();
        let home = tempfile::tempdir().expect("tempdir");
        std::fs::write(home.path().join("thesis.docx"), "mine").expect("write");
        let e = check(home.path(), s.path()).expect_err("unmarked");
        assert!(e.0.contains("not written by lianluo"), "{e}");
        mark(home.path()).expect("mark");
        assert!(check(home.path(), s.path()).is_ok());
    }

    #[test]
    fn the_site_its_parent_and_its_sources_are_refused() {
        let s = site();
        for (out, says) in [
            (s.path().to_path_buf(), "is the site folder"),
            (s.path().join(".."), "holds the site folder"),
            (s.path().join("deputies"), "source `deputies`"),
            (s.path().join("static/x"), "source `static`"),
            (s.path().join("public/../deputies"), "source `deputies`"),
            (PathBuf::from("/"), "root of the file system"),
        ] {
            let e = check(&out, s.path()).expect_err(&out.display().to_string());
            assert!(e.0.contains(says), "{}: {e}", out.display());
        }
    }

    #[test]
    fn a_file_and_a_link_are_refused() {
        let s = site();
        let file = s.path().join("notes.txt");
        std::fs::write(&file, "x").expect("write");
        assert!(
            check(&file, s.path())
                .expect_err("file")
                .0
                .contains("is a file")
        );
        let elsewhere = tempfile::tempdir().expect("tempdir");
        let link = s.path().join("out-link");
        std::os::unix::fs::symlink(elsewhere.path(), &link).expect("symlink");
        assert!(
            check(&link, s.path())
                .expect_err("link")
                .0
                .contains("symbolic link")
        );
    }

    #[test]
    fn a_build_swaps_in_the_new_site_and_deletes_only_the_old_one() {
        let s = site();
        let out = s.path().join("public");
        for round in 0..3 {
            let build = Build::start(check(&out, s.path()).expect("check"), &|| {}).expect("start");
            std::fs::write(build.dir().join("index.html"), format!("{round}")).expect("write");
            build.finish().expect("finish");
            assert_eq!(
                std::fs::read_to_string(out.join("index.html")).expect("read"),
                round.to_string()
            );
            assert!(is_marked(&out));
        }
        let names: Vec<String> = std::fs::read_dir(s.path())
            .expect("list")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .filter(|n| {
                n.contains("lianluo-tmp")
                    || n.contains("lianluo-old")
                    || n.contains("lianluo-trash")
            })
            .collect();
        assert!(names.is_empty(), "{names:?}");
    }

    #[test]
    fn a_crash_between_renames_is_undone_by_the_next_build() {
        let s = site();
        let out = s.path().join("public");
        let dest = check(&out, s.path()).expect("check");
        let old = dest.sibling(".lianluo-old");
        std::fs::create_dir(&old).expect("mkdir");
        mark(&old).expect("mark");
        std::fs::write(old.join("index.html"), "old site").expect("write");
        let stray = dest.sibling(".lianluo-tmp-99999");
        std::fs::create_dir(&stray).expect("mkdir");
        mark(&stray).expect("mark");
        let build = Build::start(dest, &|| {}).expect("start");
        assert_eq!(
            std::fs::read_to_string(out.join("index.html")).expect("restored"),
            "old site"
        );
        assert!(!stray.exists());
        drop(build);
    }

    /// A build killed while it deleted what an earlier killed build left (CI, stop 24:
    /// `.www.lianluo-tmp-8139` stayed forever: its marker went first, then the kill).
    #[test]
    fn a_build_killed_while_deleting_a_leftover_leaves_nothing_the_next_build_keeps() {
        let s = site();
        let out = s.path().join("public");
        let dest = check(&out, s.path()).expect("check");
        let stray = dest.sibling(".lianluo-tmp-99999");
        std::fs::create_dir_all(stray.join("deputies")).expect("mkdir");
        mark(&stray).expect("mark");
        std::fs::write(stray.join("deputies/index.html"), "half a site").expect("write");
        // Killed after the marker was deleted, before the rest.
        let killed = |path: &Path| -> std::io::Result<()> {
            std::fs::remove_file(path.join(MARKER))?;
            Err(std::io::Error::other("killed"))
        };
        assert!(recover_with(&dest, &killed).is_err());
        recover(&dest).expect("recover");
        let left: Vec<String> = std::fs::read_dir(s.path())
            .expect("list")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .filter(|n| n.contains("lianluo-"))
            .collect();
        assert!(left.is_empty(), "{left:?}");
    }

    #[test]
    fn a_failed_build_removes_its_temporary_folder_and_keeps_the_old_site() {
        let s = site();
        let out = s.path().join("public");
        std::fs::create_dir(&out).expect("mkdir");
        mark(&out).expect("mark");
        std::fs::write(out.join("index.html"), "old").expect("write");
        let build = Build::start(check(&out, s.path()).expect("check"), &|| {}).expect("start");
        let tmp = build.dir().to_path_buf();
        drop(build);
        assert!(!tmp.exists());
        assert_eq!(
            std::fs::read_to_string(out.join("index.html")).expect("read"),
            "old"
        );
    }
}
