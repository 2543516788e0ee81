//! `lianluo new site DIR` scaffolds a small site that builds at once; `lianluo new
//! deputy|station|activity|page ID [SITE]` writes a commented template into the right
//! folder, filled with ids the site already has where it can, and never overwrites a file.
//!
//! The templates are the files under `src/cli/new/`, embedded in the binary. `lianluo new
//! roster FILE.xlsx` writes an empty roster workbook for the spreadsheet source instead.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use clap::Subcommand;

use super::Failure;
use crate::vocab::{AreaKind, Derived, Division, Level, derive_division};

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    what: What,
}

#[derive(Debug, Subcommand)]
enum What {
    /// A new site folder with one area tree, deputy, station and page, ready to build
    Site {
        /// The folder to create (must not exist, or be empty)
        dir: PathBuf,
    },
    /// A deputy: deputies/ID.md
    Deputy(Item),
    /// A liaison station: stations/ID.md
    Station(Item),
    /// An activity report: activities/ID.md
    Activity(Item),
    /// A free page: pages/ID.md
    Page(Item),
    /// An empty roster workbook (.xlsx) with the right headers and a sheet explaining each
    /// column, e.g. `lianluo new roster deputies/名册.xlsx`
    Roster {
        /// The workbook to write (must not exist), usually under deputies/
        file: PathBuf,
    },
}

#[derive(Debug, clap::Args)]
struct Item {
    /// The id, which is also the file name: lowercase letters, digits and `-`
    #[arg(value_parser = parse_id)]
    id: String,
    /// The site folder (with site.yaml)
    site: Option<PathBuf>,
    /// The name (or title) as it is published, e.g. --name 李秀英 (default: the id, to edit)
    #[arg(long)]
    name: Option<String>,
}

fn parse_id(s: &str) -> Result<String, String> {
    let ok = !s.is_empty()
        && !s.starts_with('-')
        && !s.ends_with('-')
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    if ok {
        Ok(s.to_owned())
    } else {
        Err(
            "an id is lowercase letters, digits and `-`, usually the name in pinyin: li-xiuying"
                .into(),
        )
    }
}

const SITE: [(&str, &str); 5] = [
    ("site.yaml", include_str!("new/site.yaml")),
    ("areas.yaml", include_str!("new/areas.yaml")),
    ("deputies/li-xiuying.md", include_str!("new/site-deputy.md")),
    (
        "stations/fengming-station.md",
        include_str!("new/site-station.md"),
    ),
    ("pages/about.md", include_str!("new/site-page.md")),
];

pub fn run(args: Args) -> Result<(), Failure> {
    match args.what {
        What::Site { dir } => site(&dir),
        What::Deputy(i) => item(i, "deputies", false, include_str!("new/deputy.md")),
        What::Station(i) => item(i, "stations", false, include_str!("new/station.md")),
        What::Activity(i) => item(i, "activities", true, include_str!("new/activity.md")),
        What::Page(i) => item(i, "pages", true, include_str!("new/page.md")),
        What::Roster { file } => roster(&file),
    }
}

/// The columns of a new roster: header, what it holds, an example.
const ROSTER: [(&str, &str, &str); 17] = [
    (
        "编号",
        "代表的编号（网址的一部分），小写拼音字母、数字和 -，同名代表加 -2；不填则由姓名拼音生成，网址会随同名代表的排序变化",
        "li-xiuying",
    ),
    ("姓名", "必填", "李秀英"),
    (
        "民族文字姓名",
        "少数民族代表用本民族文字（维吾尔文、藏文、蒙古文）书写的姓名，显示在汉文姓名旁、可以搜索；其他代表不填",
        "ئابدۇللا",
    ),
    ("代表层级", "必填：全国、省、市、县、乡镇", "县"),
    (
        "选区",
        "县、乡镇代表填选区（areas.yaml 中的编号或名称）；全国、省、市代表填选举单位（地区或单位的编号或名称）",
        "东镇第一选区",
    ),
    ("届次", "", "十八届"),
    ("性别", "男 或 女", "女"),
    ("民族", "", "汉族"),
    ("出生年月", "如 1973-05；请把本列设为文本格式", "1973-05"),
    ("政治面貌", "", "中共党员"),
    ("工作单位及职务", "", "东村党支部书记"),
    ("代表小组", "", "东镇代表小组"),
    (
        "联络站",
        "进站的联络站，编号或名称，多个用、分隔",
        "东镇代表联络站",
    ),
    (
        "联系电话（公开）",
        "只填可以公开的办公电话，带区号；请把本列设为文本格式，以免丢失开头的 0",
        "0917-8212345",
    ),
    ("电子邮箱", "只填可以公开的邮箱", "lixiuying@example.gov.cn"),
    (
        "简介",
        "代表简介，单元格内换行即分段",
        "李秀英，1970年生，东村党支部书记。",
    ),
    ("履职承诺", "", "每季度到联络站接待群众一次。"),
];

/// `lianluo new roster FILE.xlsx`: an empty roster with the headers the spreadsheet source
/// reads, and a sheet `说明` (never read as content) explaining each column.
fn roster(file: &Path) -> Result<(), Failure> {
    use crate::output::xlsx::{Book, Style};
    let headers: Vec<String> = ROSTER.iter().map(|(h, ..)| (*h).to_owned()).collect();
    let widths: Vec<f64> = ROSTER
        .iter()
        .map(|(h, ..)| (h.chars().count() as f64 * 2.5).max(10.0))
        .collect();
    let mut notes: Vec<Vec<String>> = ROSTER
        .iter()
        .map(|(h, note, example)| vec![(*h).to_owned(), (*note).to_owned(), (*example).to_owned()])
        .collect();
    notes.push(Vec::new());
    notes.push(vec![
        "".to_owned(),
        "一位代表一行；第一行是表头，表头上方可以加标题行。工作簿的每个工作表都会读取（名为“说明”的除外），也可以按层级分表（如“县代表”“乡镇代表”，表名含层级时可不填代表层级）。检查：lianluo check".to_owned(),
        "".to_owned(),
    ]);
    let today = jiff::Zoned::now().date();
    let text = |widths| Style {
        numbers: false,
        widths,
    };
    let mut book = Book::new(today, None).map_err(Failure::Other)?;
    book.sheet("代表名册", &headers, std::iter::empty(), text(&widths))
        .map_err(Failure::Other)?;
    book.sheet(
        "说明",
        &vec!["列名".to_owned(), "说明".to_owned(), "示例".to_owned()],
        notes.into_iter().map(Ok),
        text(&[18.0, 80.0, 30.0]),
    )
    .map_err(Failure::Other)?;
    let bytes = book.finish().map_err(Failure::Other)?;
    if let Some(parent) = file.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(|e| other(parent, e))?;
    }
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(file)
        .map_err(|e| {
            if e.kind() == std::io::ErrorKind::AlreadyExists {
                Failure::Other(format!(
                    "{} already exists: nothing was written",
                    file.display()
                ))
            } else {
                other(file, e)
            }
        })?;
    f.write_all(&bytes).map_err(|e| other(file, e))?;
    eprintln!(
        "created the roster {}: one deputy a row under the headers; the sheet 说明 explains each column",
        file.display()
    );
    Ok(())
}

fn other(path: &Path, e: std::io::Error) -> Failure {
    Failure::Other(format!("{}: {e}", path.display()))
}

fn site(dir: &Path) -> Result<(), Failure> {
    if dir.exists() {
        let empty = std::fs::read_dir(dir)
            .map_err(|e| other(dir, e))?
            .next()
            .is_none();
        if !empty {
            return Err(Failure::Other(format!(
                "{} already exists and is not empty: nothing was written",
                dir.display()
            )));
        }
    }
    for (rel, text) in SITE {
        create(&dir.join(rel), text)?;
    }
    for folder in ["activities", "suggestions", "static"] {
        let p = dir.join(folder);
        std::fs::create_dir_all(&p).map_err(|e| other(&p, e))?;
    }
    eprintln!(
        "created the site {0}: try `lianluo serve {0}`, or `lianluo new deputy ID {0}` to add a deputy",
        dir.display()
    );
    Ok(())
}

/// Write `text` to a new file at `path`; refuse if it exists.
fn create(path: &Path, text: &str) -> Result<(), Failure> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| other(parent, e))?;
    }
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|e| {
            if e.kind() == std::io::ErrorKind::AlreadyExists {
                Failure::Other(format!(
                    "{} already exists: nothing was written (choose another id, or edit that file)",
                    path.display()
                ))
            } else {
                other(path, e)
            }
        })?;
    f.write_all(text.as_bytes()).map_err(|e| other(path, e))
}

fn item(i: Item, folder: &str, recursive: bool, template: &str) -> Result<(), Failure> {
    let site = super::site_dir(i.site);
    if !site.join("site.yaml").is_file() {
        return Err(Failure::Other(format!(
            "no site.yaml in {}: give the site folder after the id (`lianluo new {} {} path/to/site`)",
            site.display(),
            folder_noun(folder),
            i.id
        )));
    }
    let dir = site.join(folder);
    if let Some(existing) = existing(&dir, &i.id, recursive) {
        return Err(Failure::Other(format!(
            "{} already has the id `{}`: nothing was written (choose another id, or edit that file)",
            existing.display(),
            i.id
        )));
    }
    let path = dir.join(format!("{}.md", i.id));
    let mut values = values(&site, &i.id);
    if let Some(name) = &i.name {
        // Quoted as YAML, so any name is read back as written.
        let quoted = serde_json::to_string(name.trim()).unwrap_or_default();
        values.insert("name", quoted);
    }
    let text = fill(template, &values);
    create(&path, &text)?;
    eprintln!("created {}: fill it in and save", path.display());
    if i.name.is_none() {
        let key = if matches!(folder, "deputies" | "stations") {
            "name"
        } else {
            "title"
        };
        eprintln!(
            "note: its {key} is the id for now: write the real one in `{key}:` (or pass --name next time, e.g. --name 李秀英)"
        );
    }
    Ok(())
}

fn folder_noun(folder: &str) -> &'static str {
    match folder {
        "deputies" => "deputy",
        "stations" => "station",
        "activities" => "activity",
        _ => "page",
    }
}

/// A file in `dir` whose id is `id` (any extension; in sub-folders too when `recursive`).
fn existing(dir: &Path, id: &str, recursive: bool) -> Option<PathBuf> {
    let depth = if recursive { usize::MAX } else { 1 };
    walkdir::WalkDir::new(dir)
        .max_depth(depth)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(walkdir::DirEntry::into_path)
        .find(|p| p.file_stem().and_then(|s| s.to_str()) == Some(id))
}

fn fill(template: &str, values: &BTreeMap<&str, String>) -> String {
    let mut out = template.to_owned();
    for (k, v) in values {
        out = out.replace(&format!("{{{{{k}}}}}"), v);
    }
    out
}

/// Placeholder values, taken from the site where it can be read.
fn values(site: &Path, id: &str) -> BTreeMap<&'static str, String> {
    let mut v = BTreeMap::new();
    v.insert("id", id.to_owned());
    v.insert("name", id.to_owned());
    let today = jiff::Zoned::now().date().to_string();
    v.insert("date", today);
    let (deputy, station, seat) = match crate::sources::load(site) {
        Ok((s, _)) => {
            let deputy = s.deputies.first().map(|d| d.id.clone());
            let station = s.stations.first().map(|d| d.id.clone());
            let seat = s.areas.as_ref().and_then(|a| seat(&a.raw));
            let area = s.areas.as_ref().and_then(|a| {
                let areas = &a.raw.areas;
                areas
                    .iter()
                    .find(|x| raw_kind(x) == Some(AreaKind::Township))
                    .or_else(|| areas.first())
                    .map(|x| x.id.value.0.clone())
            });
            if let Some(area) = area {
                v.insert("area", area);
            }
            (deputy, station, seat)
        }
        Err(_) => (None, None, None),
    };
    v.entry("area").or_insert_with(|| "area-id".into());
    let (level, seat) = seat.unwrap_or((Level::County, "constituency: constituency-id".into()));
    v.insert("level", level.as_str().to_owned());
    v.insert(
        "seat",
        format!(
            "{seat}{}",
            if level.is_direct() {
                "   # the constituency (areas.yaml)"
            } else {
                "   # the area whose congress elected the deputy"
            }
        ),
    );
    v.insert(
        "stations",
        match station {
            Some(s) => {
                format!("stations: [{s}]        # stations where the deputy receives constituents")
            }
            None => "# stations: [station-id]   # stations where the deputy receives constituents"
                .into(),
        },
    );
    v.insert(
        "receptions",
        match &deputy {
            Some(d) => format!(
                "  - every: month              # the first Friday of every month\n    weekday: friday\n    nth: 1\n    time: \"09:00-11:30\"\n    deputies: [{d}]"
            ),
            None => "  []                          # add receptions once the site has deputies".into(),
        },
    );
    v.insert("deputies", deputy.unwrap_or_else(|| "deputy-id".into()));
    v
}

/// The generic kind of a raw area: the one written, or the one its name's suffix says.
fn raw_kind(a: &crate::sources::raw::RawArea) -> Option<AreaKind> {
    let division = match &a.kind {
        Some(k) => Division::read(k.value.as_str())?,
        None => match derive_division(a.name.value.main(crate::vocab::Language::ZhHans), 0)? {
            Derived::Sure(d) | Derived::Guess(d, _) => d,
        },
    };
    Some(division.generic())
}

/// A level and the line naming the seat, from the site's first constituency (or, with
/// none, the first county-or-higher area as the electing area).
fn seat(areas: &crate::sources::raw::RawAreasFile) -> Option<(Level, String)> {
    if let Some(c) = areas.constituencies.first() {
        return Some((c.level.value, format!("constituency: {}", c.id.value.0)));
    }
    let a = areas.areas.iter().find(|a| {
        matches!(
            raw_kind(a),
            Some(AreaKind::County | AreaKind::City | AreaKind::Province)
        )
    })?;
    Some((Level::City, format!("elected_by: {}", a.id.value.0)))
}
