//! The layout of a site folder, written out once: the files and folders the loader reads,
//! which `serve` watches and which a build's output may never lie inside.

/// The single files at the top of a site folder.
pub const FILES: [&str; 5] = [
    "site.yaml",
    "areas.yaml",
    "handlers.yaml",
    "holidays.yaml",
    "groups.yaml",
];

/// Workbooks read in place of `areas.yaml` (`areas.xlsx` …; see `sources::sheet::areas`).
pub const AREA_WORKBOOKS: [&str; 5] = [
    "areas.xlsx",
    "areas.xlsm",
    "areas.xls",
    "areas.et",
    "areas.ods",
];

/// The content folders: the name, and whether sub-folders are read too.
pub const FOLDERS: [(&str, bool); 5] = [
    (DEPUTIES, false),
    (STATIONS, false),
    (ACTIVITIES, true),
    (PAGES, true),
    (SUGGESTIONS, true),
];

pub const DEPUTIES: &str = "deputies";
pub const STATIONS: &str = "stations";
pub const ACTIVITIES: &str = "activities";
pub const PAGES: &str = "pages";
pub const SUGGESTIONS: &str = "suggestions";
/// Files published as they are.
pub const STATIC: &str = "static";
/// The site's own themes.
pub const THEMES: &str = "themes";

/// Every name at the top of a site folder whose changes change the site (`serve` watches
/// them).
pub const WATCHED: [&str; 16] = [
    FILES[0],
    FILES[1],
    FILES[2],
    FILES[3],
    FILES[4],
    AREA_WORKBOOKS[0],
    AREA_WORKBOOKS[1],
    AREA_WORKBOOKS[2],
    AREA_WORKBOOKS[3],
    AREA_WORKBOOKS[4],
    DEPUTIES,
    STATIONS,
    ACTIVITIES,
    SUGGESTIONS,
    PAGES,
    STATIC,
];

/// Every name at the top of a site folder that a build reads.
pub const SOURCES: [&str; 17] = [
    FILES[0],
    FILES[1],
    FILES[2],
    FILES[3],
    FILES[4],
    AREA_WORKBOOKS[0],
    AREA_WORKBOOKS[1],
    AREA_WORKBOOKS[2],
    AREA_WORKBOOKS[3],
    AREA_WORKBOOKS[4],
    DEPUTIES,
    STATIONS,
    ACTIVITIES,
    SUGGESTIONS,
    PAGES,
    STATIC,
    THEMES,
];
