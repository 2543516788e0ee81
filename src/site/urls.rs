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

/// How to subscribe to a calendar: the `webcal://` link phones open as a subscription, and
/// the plain `https://` address to copy into a calendar app. `base_url` is absolute (the site
/// loader checks it); `path` is site-relative.
#[derive(Debug, Clone, serde::Serialize)]
pub struct CalendarLinks {
    pub webcal: String,
    pub url: String,
    /// Site-relative, for the one-off download (works from disk and under `serve`).
    pub path: String,
}

pub fn calendar_links(base_url: &str, path: &str) -> CalendarLinks {
    let url = format!("{base_url}{path}");
    let webcal = match url.split_once("://") {
        Some((_, rest)) => format!("webcal://{rest}"),
        None => url.clone(),
    };
    CalendarLinks {
        webcal,
        url,
        path: path.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn calendar_links_swap_the_scheme_for_webcal() {
        let c = super::calendar_links("https://rd.example.gov.cn/x/", "calendar.ics");
        assert_eq!(c.webcal, "webcal://rd.example.gov.cn/x/calendar.ics");
        assert_eq!(c.url, "https://rd.example.gov.cn/x/calendar.ics");
    }

    use super::*;

    #[test]
    fn roots_climb_one_level_per_folder() {
        assert_eq!(root_of("index.html"), "");
        assert_eq!(root_of("deputies/li/index.html"), "../../");
        assert_eq!(root_of("activities/page/2/index.html"), "../../../");
        assert_eq!(pretty("deputies/li/index.html"), "deputies/li/");
    }
}
