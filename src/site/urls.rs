//! Where every page lives. Paths are relative to the site root and end in `index.html`, so
//! links work at a domain root, in a sub-folder and opened from disk (a browser opening
//! `file://…/deputies/` shows a folder listing, not the page).

pub fn home() -> String {
    "index.html".to_owned()
}

pub fn section(name: &str) -> String {
    format!("{name}/index.html")
}

pub fn item(section: &str, id: &str) -> String {
    format!("{section}/{id}/index.html")
}

/// Page `n` (1-based) of a paginated list.
pub fn list_page(section: &str, n: usize) -> String {
    if n <= 1 {
        format!("{section}/index.html")
    } else {
        format!("{section}/page/{n}/index.html")
    }
}

/// `../` once per folder between `path` and the root.
pub fn root_of(path: &str) -> String {
    "../".repeat(path.matches('/').count())
}

/// The pretty public address of a page (for the sitemap, feeds, QR codes): no `index.html`.
pub fn pretty(path: &str) -> &str {
    path.strip_suffix("index.html").unwrap_or(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roots_climb_one_level_per_folder() {
        assert_eq!(root_of("index.html"), "");
        assert_eq!(root_of("deputies/li/index.html"), "../../");
        assert_eq!(root_of("activities/page/2/index.html"), "../../../");
        assert_eq!(pretty("deputies/li/index.html"), "deputies/li/");
    }
}
