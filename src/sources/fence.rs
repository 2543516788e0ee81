//! The site folder's fence: lianluo reads (and so publishes) only files inside the site.
//!
//! A symbolic link is followed only when it points inside the site folder; a link that
//! leads out of it (`static -> /etc`) is an error at the link, and nothing behind it is
//! read. Every listing of the site — content folders, `static/`, the top-level YAML
//! files and a theme's folder — goes through here, so links are treated the same way
//! everywhere. A link to a folder inside the site is skipped with a warning (its files
//! are already read where they are).

use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::diag::{Diagnostic, Span, display_path};

/// Where a link leads, when that is outside the site folder.
fn outside(root: &Path, path: &Path) -> Option<String> {
    let root = root.canonicalize().ok()?;
    match path.canonicalize() {
        Ok(target) if target.starts_with(&root) => None,
        Ok(target) => Some(target.display().to_string()),
        Err(_) => Some("a place that does not exist".into()),
    }
}

fn escape_error(root: &Path, path: &Path, target: &str) -> Diagnostic {
    Diagnostic::error(
        Span::file(&display_path(root, path)),
        format!(
            "this is a symbolic link to {target}, outside the site folder; lianluo publishes only files inside the site"
        ),
    )
    .hint("copy the file or folder into the site folder instead of linking to it, or remove the link")
}

/// Check one file of the site (`site.yaml`, `areas.yaml` …) before it is read.
pub(crate) fn file(root: &Path, path: &Path) -> Result<(), Diagnostic> {
    let is_link = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
    match is_link.then(|| outside(root, path)).flatten() {
        Some(target) => Err(escape_error(root, path, &target)),
        None => Ok(()),
    }
}

/// The files of the folder `dir` inside the site `root` (and of its sub-folders when
/// `recursive`), sorted, hidden ones skipped; with an error for every link that leaves
/// the site, a warning for every link to a folder, and an error for what cannot be read.
pub(crate) fn files(root: &Path, dir: &Path, recursive: bool) -> (Vec<PathBuf>, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let mut files = Vec::new();
    if let Err(d) = file(root, dir) {
        return (files, vec![d]);
    }
    let depth = if recursive { usize::MAX } else { 1 };
    let walk = WalkDir::new(dir)
        .max_depth(depth)
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    for entry in walk {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                // The folder itself missing is normal (an optional folder).
                if e.depth() > 0 {
                    let at = e.path().unwrap_or(dir);
                    diags.push(Diagnostic::error(
                        Span::file(&display_path(root, at)),
                        format!("cannot read this: {e}"),
                    ));
                }
                continue;
            }
        };
        if entry.file_type().is_file() {
            files.push(entry.into_path());
        } else if entry.depth() > 0 && entry.path_is_symlink() {
            if let Some(target) = outside(root, entry.path()) {
                diags.push(escape_error(root, entry.path(), &target));
            } else if entry.path().is_file() {
                files.push(entry.into_path());
            } else {
                diags.push(
                    Diagnostic::warning(
                        Span::file(&display_path(root, entry.path())),
                        "this is a symbolic link to a folder; it is skipped",
                    )
                    .hint("the files it points to are read where they are; move them here instead of linking"),
                );
            }
        }
    }
    files.sort();
    (files, diags)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn static_linked_to_etc_publishes_nothing_from_it() {
        let site = tempfile::tempdir().expect("tempdir");
        let outside_dir = tempfile::tempdir().expect("tempdir");
        std::fs::write(outside_dir.path().join("passwd"), "root:x:0:0").expect("write");
        std::os::unix::fs::symlink(outside_dir.path(), site.path().join("static"))
            .expect("symlink");
        let (found, diags) = files(site.path(), &site.path().join("static"), true);
        assert!(found.is_empty(), "{found:?}");
        assert_eq!(diags.len(), 1);
        assert!(
            diags[0].message.contains("outside the site folder"),
            "{:?}",
            diags[0]
        );
    }

    #[test]
    fn links_inside_the_site_are_followed_and_links_out_refused() {
        let site = tempfile::tempdir().expect("tempdir");
        let outside_dir = tempfile::tempdir().expect("tempdir");
        let stat = site.path().join("static");
        std::fs::create_dir(&stat).expect("mkdir");
        std::fs::write(stat.join("a.txt"), "a").expect("write");
        std::fs::write(outside_dir.path().join("secret"), "s").expect("write");
        std::os::unix::fs::symlink(stat.join("a.txt"), stat.join("b.txt")).expect("symlink");
        std::os::unix::fs::symlink(outside_dir.path().join("secret"), stat.join("c.txt"))
            .expect("symlink");
        std::os::unix::fs::symlink(outside_dir.path(), stat.join("d")).expect("symlink");
        let (found, diags) = files(site.path(), &stat, true);
        let names: Vec<_> = found
            .iter()
            .map(|p| p.file_name().expect("name").to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, ["a.txt", "b.txt"]);
        assert_eq!(diags.len(), 2, "{diags:?}");
        assert!(diags.iter().all(|d| d.is_error()));
    }

    #[test]
    fn a_linked_site_yaml_outside_is_refused() {
        let site = tempfile::tempdir().expect("tempdir");
        let outside_dir = tempfile::tempdir().expect("tempdir");
        std::fs::write(outside_dir.path().join("shadow"), "x").expect("write");
        std::os::unix::fs::symlink(
            outside_dir.path().join("shadow"),
            site.path().join("areas.yaml"),
        )
        .expect("symlink");
        assert!(file(site.path(), &site.path().join("areas.yaml")).is_err());
    }
}
