//! `gensite`: writes a large, realistic lianluo site folder for benchmarks. It takes
//! China's real division tree (provinces, cities, counties, townships, from
//! `benches/data/admin-divisions-cn`), adds synthetic villages, constituencies,
//! deputies at all five levels, stations, activities, suggestions and handlers in
//! realistic proportions, and writes them per `shared/spec/content-format.md`.
//! The output depends only on the arguments: every file is made from its own
//! deterministic random stream, so the parallel writing is byte-for-byte repeatable.
//!
//! ```text
//! cargo run --release --example gensite -- OUT_DIR --preset county|province|nation
//!     [--deputies N] [--seed S] [--divisions DIR]
//! ```

mod divisions;
mod people;
mod records;
mod rng;
mod site;
mod words;

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;
use std::{fs, io};

use clap::Parser;
use rayon::prelude::*;

use divisions::{Plan, Preset, Raw, Top, Tree};
use people::Group;

#[derive(Parser)]
#[command(
    name = "gensite",
    about = "Generate a lianluo benchmark site (real division tree, synthetic deputies and records)"
)]
struct Args {
    /// Folder to write the site into; must not exist or be empty.
    out: PathBuf,
    /// Scope: one county (~500 deputies), one province (~100,000) or the nation (~2.8 million).
    #[arg(long, value_enum)]
    preset: Option<Preset>,
    /// Total number of deputies; scales all counts proportionally. Without --preset the
    /// scope is chosen to hold N at natural proportions.
    #[arg(long)]
    deputies: Option<u64>,
    /// Seed of the random streams.
    #[arg(long, default_value_t = 42)]
    seed: u64,
    /// Folder with provinces.csv, cities.csv, areas.csv and streets.csv.
    #[arg(long)]
    divisions: Option<PathBuf>,
}

/// Everything the writers share.
pub struct Ctx<'a> {
    pub seed: u64,
    pub tree: &'a Tree,
    pub plan: &'a Plan,
    pub out: &'a Path,
    pub deputies_dir: PathBuf,
    pub stations_dir: PathBuf,
    pub activities_dirs: [PathBuf; 2],
    pub suggestions_dir: PathBuf,
    pub pages_dir: PathBuf,
}

#[derive(Default, Clone, Copy)]
pub struct Stats {
    pub files: u64,
    pub bytes: u64,
}

impl Ctx<'_> {
    /// Writes `dir/<name><ext>` in one call.
    pub fn put(
        &self,
        dir: &Path,
        name: &str,
        ext: &str,
        content: &str,
        st: &mut Stats,
    ) -> io::Result<()> {
        let mut file = String::with_capacity(name.len() + ext.len());
        file.push_str(name);
        file.push_str(ext);
        let path = dir.join(file);
        fs::write(&path, content)
            .map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", path.display())))?;
        st.files += 1;
        st.bytes += content.len() as u64;
        Ok(())
    }
}

/// One unit of parallel work.
enum Task {
    /// Provincial and national deputies of a province, with their activities.
    Province(usize),
    City(usize),
    /// A county: its deputies, its townships' deputies, stations, activities, suggestions.
    County(usize),
    Pla,
}

fn run(ctx: &Ctx, task: &Task) -> io::Result<Stats> {
    let mut st = Stats::default();
    let mut buf = String::with_capacity(4096);
    let groups: Vec<Group> = match *task {
        Task::Province(p) => vec![Group::National(p), Group::Provincial(p)],
        Task::City(c) => vec![Group::City(c)],
        Task::Pla => vec![Group::Pla],
        Task::County(k) => {
            let towns = &ctx.tree.counties[k].towns;
            people::write_deputies(ctx, Group::County(k), &mut buf, &mut st)?;
            people::write_county_station(ctx, k, &mut buf, &mut st)?;
            for &w in towns {
                people::write_deputies(ctx, Group::Town(w), &mut buf, &mut st)?;
                people::write_town_station(ctx, w, &mut buf, &mut st)?;
            }
            records::write_county_records(ctx, k, &mut buf, &mut st)?;
            return Ok(st);
        }
    };
    for g in groups {
        people::write_deputies(ctx, g, &mut buf, &mut st)?;
        records::write_group_activities(ctx, g, &mut buf, &mut st)?;
    }
    Ok(st)
}

fn usage_error(msg: &str) -> ExitCode {
    eprintln!("gensite: error: {msg}");
    ExitCode::from(2)
}

fn main() -> ExitCode {
    let args = Args::parse();
    let start = Instant::now();
    if args.preset.is_none() && args.deputies.is_none() {
        return usage_error("give --preset county|province|nation, --deputies N, or both");
    }
    if let Some(n) = args.deputies
        && !(1..=50_000_000).contains(&n)
    {
        return usage_error("--deputies must be between 1 and 50000000");
    }
    match fs::read_dir(&args.out) {
        Ok(mut it) => {
            if it.next().is_some() {
                return usage_error(&format!("{} exists and is not empty", args.out.display()));
            }
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => {}
        Err(e) => return usage_error(&format!("{}: {e}", args.out.display())),
    }
    let dir = args.divisions.clone().unwrap_or_else(|| {
        PathBuf::from(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/benches/data/admin-divisions-cn"
        ))
    });
    let raw = match Raw::load(&dir) {
        Ok(r) => r,
        Err(e) => return usage_error(&format!("reading divisions: {e}")),
    };
    let scope = divisions::choose(&raw, args.preset, args.deputies);
    let tree = Tree::build(&raw, &scope, args.seed);
    drop(raw);
    let plan = Plan::new(&tree, args.deputies);
    match generate(&args, &tree, &plan, start) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("gensite: error: {e}");
            ExitCode::from(1)
        }
    }
}

fn generate(args: &Args, tree: &Tree, plan: &Plan, start: Instant) -> io::Result<()> {
    let out = args.out.as_path();
    let ctx = Ctx {
        seed: args.seed,
        tree,
        plan,
        out,
        deputies_dir: out.join("deputies"),
        stations_dir: out.join("stations"),
        activities_dirs: [out.join("activities/2025"), out.join("activities/2026")],
        suggestions_dir: out.join("suggestions"),
        pages_dir: out.join("pages"),
    };
    for d in [
        &ctx.deputies_dir,
        &ctx.stations_dir,
        &ctx.suggestions_dir,
        &ctx.pages_dir,
    ]
    .into_iter()
    .chain(&ctx.activities_dirs)
    {
        fs::create_dir_all(d)?;
    }
    let preset = match args.preset {
        Some(Preset::County) => "county",
        Some(Preset::Province) => "province",
        Some(Preset::Nation) => "nation",
        None => "auto",
    };
    let mut st = Stats::default();
    site::write_site(&ctx, preset, &mut st)?;
    site::write_areas(&ctx, &mut st)?;
    site::write_handlers(&ctx, &mut st)?;
    site::write_pages(&ctx, &mut st)?;

    let mut tasks = Vec::new();
    if tree.top != Top::County {
        tasks.extend((0..tree.provinces.len()).map(Task::Province));
        tasks.extend((0..tree.cities.len()).map(Task::City));
    }
    if tree.top == Top::Nation {
        tasks.push(Task::Pla);
    }
    tasks.extend((0..tree.counties.len()).map(Task::County));
    let par = tasks
        .par_iter()
        .map(|t| run(&ctx, t))
        .try_reduce(Stats::default, |a, b| {
            Ok(Stats {
                files: a.files + b.files,
                bytes: a.bytes + b.bytes,
            })
        })?;
    st.files += par.files;
    st.bytes += par.bytes;

    let towns = tree.towns.len();
    let ccons: usize = tree.towns.iter().map(|t| t.ccons.len()).sum();
    let tcons: usize = tree.towns.iter().map(|t| t.tcons.len()).sum();
    let handlers = if tree.top == Top::County {
        30
    } else {
        30 * tree.provinces.len()
    };
    let (upper_p, upper_c) = if tree.top == Top::County {
        (0, 0)
    } else {
        (tree.provinces.len(), tree.cities.len())
    };
    eprintln!(
        "gensite: {} ({preset}, seed {}): areas {} (provinces {upper_p}, cities {upper_c}, counties {}, townships {towns}, \
         villages {}), constituencies {} (county {ccons}, township {tcons}), deputies {} (national {}, provincial {}, \
         city {}, county {}, township {}), stations {}, activities {}, suggestions {}, handlers {handlers}, pages 2; \
         files {}, bytes {}, {:.2} s",
        tree.label,
        args.seed,
        upper_p + upper_c + tree.counties.len() + towns + tree.villages(),
        tree.counties.len(),
        tree.villages(),
        ccons + tcons,
        plan.deputies,
        Plan::sum(&plan.national) + u64::from(plan.pla),
        Plan::sum(&plan.provincial),
        Plan::sum(&plan.city),
        Plan::sum(&plan.county),
        Plan::sum(&plan.town),
        towns + tree.counties.len(),
        plan.activities(),
        Plan::sum(&plan.sugg),
        st.files,
        st.bytes,
        start.elapsed().as_secs_f64()
    );
    Ok(())
}
