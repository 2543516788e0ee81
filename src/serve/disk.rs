//! Writing into the served folder while it is being served: each file through a
//! temporary file and a rename (so a request never gets half a file), deletions that take
//! emptied folders with them (so the folder matches a fresh build), and the hashes that
//! tell whether a file needs writing at all.

use std::hash::{Hash, Hasher};
use std::path::Path;

use crate::output::WriteError;

/// A hash of `data` (SipHash with fixed keys: the same in every run).
pub fn hash_bytes(data: &[u8]) -> u64 {
    let mut h = std::hash::DefaultHasher::new();
    data.hash(&mut h);
    h.finish()
}

fn io(path: &Path, e: std::io::Error) -> WriteError {
    WriteError(format!("{}: {e}", path.display()))
}

/// Write `rel` below `out` through a temporary file and a rename.
pub fn put(out: &Path, rel: &str, data: &[u8]) -> Result<(), WriteError> {
    let path = out.join(rel);
    let parent = path.parent().unwrap_or(out);
    std::fs::create_dir_all(parent).map_err(|e| io(parent, e))?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = parent.join(format!(".{name}.lianluo-part"));
    std::fs::write(&tmp, data).map_err(|e| io(&tmp, e))?;
    std::fs::rename(&tmp, &path).map_err(|e| io(&path, e))
}

/// Delete `rel` below `out`, and the folders it leaves empty.
pub fn remove(out: &Path, rel: &str) -> Result<(), WriteError> {
    let path = out.join(rel);
    match std::fs::remove_file(&path) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(io(&path, e)),
    }
    let mut dir = path.parent();
    while let Some(d) = dir {
        if d == out || !d.starts_with(out) || std::fs::remove_dir(d).is_err() {
            break;
        }
        dir = d.parent();
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn removing_the_last_file_removes_its_folders() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let out = tmp.path();
        put(out, "a/b/c.html", b"x").expect("put");
        put(out, "a/d.html", b"y").expect("put");
        assert_eq!(std::fs::read(out.join("a/b/c.html")).expect("read"), b"x");
        remove(out, "a/b/c.html").expect("remove");
        assert!(!out.join("a/b").exists());
        assert!(out.join("a/d.html").exists());
        remove(out, "a/d.html").expect("remove");
        assert!(!out.join("a").exists());
        assert!(out.exists());
    }
}
