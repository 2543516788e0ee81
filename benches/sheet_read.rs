//! Reading a roster from a spreadsheet against reading the same deputies from Markdown,
//! side by side in one run: `ROWS` deputies (100,000 unless `LIANLUO_BENCH_ROWS` says) as
//! one `deputies/名册.xlsx` of one sheet, and as `ROWS` files `deputies/<id>.md` with the
//! same fields; each site is loaded with [`lianluo::sources::load`] (list, read, parse into
//! the raw records) several times and the median reported. Reported, never asserted.
//!
//! ```text
//! cargo bench --bench sheet_read                       # release, 100,000 rows
//! LIANLUO_BENCH_ROWS=20000 cargo bench --bench sheet_read
//! ```
//!
//! Figures are in benches/README.md ("Spreadsheet sources").

use std::path::Path;
use std::time::{Duration, Instant};

/// Loads measured per site (after one warm-up load, which also fills the page cache),
/// unless `LIANLUO_BENCH_RUNS` says.
const RUNS: usize = 3;

const SURNAMES: [&str; 12] = [
    "王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙",
];
const GIVEN: [&str; 12] = [
    "伟", "秀英", "敏", "静", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟",
];

fn main() {
    // `cargo test --all-targets` runs this harness-less bench too, without `--bench`.
    if !std::env::args().any(|a| a == "--bench") {
        eprintln!("sheet_read: skipped outside `cargo bench --bench sheet_read`");
        return;
    }
    let rows: usize = std::env::var("LIANLUO_BENCH_ROWS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    let tmp = tempfile::tempdir().expect("a temporary folder");
    let xlsx = tmp.path().join("xlsx");
    let md = tmp.path().join("md");
    let made = Instant::now();
    write_sites(&xlsx, &md, rows);
    eprintln!(
        "sheet_read: {rows} deputies written as one workbook and as Markdown files in {:.1} s",
        made.elapsed().as_secs_f64()
    );
    let size = std::fs::metadata(xlsx.join("deputies/名册.xlsx")).map_or(0, |m| m.len());
    println!("| source | deputies | median load | per deputy |");
    println!("|---|---:|---:|---:|");
    for (label, site) in [
        (format!("one .xlsx ({:.1} MB)", size as f64 / 1e6), &xlsx),
        (format!("{rows} .md files"), &md),
    ] {
        let median = measure(site, rows);
        println!(
            "| {label} | {rows} | {:.2} s | {:.1} µs |",
            median.as_secs_f64(),
            median.as_secs_f64() * 1e6 / rows as f64
        );
    }
}

fn measure(site: &Path, rows: usize) -> Duration {
    let runs: usize = std::env::var("LIANLUO_BENCH_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(RUNS)
        .max(1);
    let mut times = Vec::with_capacity(runs);
    for run in 0..=runs {
        let start = Instant::now();
        let (sources, _) = lianluo::sources::load(site).expect("the site loads");
        let took = start.elapsed();
        assert_eq!(sources.deputies.len(), rows);
        drop(sources);
        if run > 0 {
            times.push(took);
        }
    }
    times.sort();
    times[times.len() / 2]
}

/// The two sites: the same deputies, fields and ids.
fn write_sites(xlsx: &Path, md: &Path, rows: usize) {
    for site in [xlsx, md] {
        std::fs::create_dir_all(site.join("deputies")).expect("mkdir");
        std::fs::write(
            site.join("site.yaml"),
            "title: 测试\nbase_url: https://rd.example.gov.cn/\nlanguage: zh-Hans\n",
        )
        .expect("write site.yaml");
    }
    let headers = [
        "编号",
        "姓名",
        "代表层级",
        "选区",
        "性别",
        "民族",
        "工作单位及职务",
        "联络站",
        "联系电话（公开）",
        "简介",
    ];
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("县代表").expect("name");
    for (c, h) in headers.iter().enumerate() {
        ws.write_string(0, c as u16, *h).expect("write");
    }
    for i in 0..rows {
        let name = format!("{}{}", SURNAMES[i % 12], GIVEN[(i / 12) % 12]);
        let id = format!("d{i:06}");
        let constituency = format!("c{:04}", i / 50);
        let gender = if i % 2 == 0 { "男" } else { "女" };
        let occupation = format!("示例县第{}中学教师", i % 97 + 1);
        let station = format!("s{:04}", i / 200);
        let phone = format!("0917-82{:05}", i % 100_000);
        let intro = format!("{name}，示例县人大代表，长期从事教育工作。");
        let r = (i + 1) as u32;
        for (c, v) in [
            &id,
            &name,
            "县",
            &constituency,
            gender,
            "汉族",
            &occupation,
            &station,
            &phone,
            &intro,
        ]
        .iter()
        .enumerate()
        {
            ws.write_string(r, c as u16, *v).expect("write");
        }
        let text = format!(
            "---\nname: {name}\nlevel: county\nconstituency: {constituency}\ngender: {}\nethnicity: 汉族\noccupation: {occupation}\nstations: [{station}]\ncontact:\n  phone: \"{phone}\"\n---\n{intro}\n",
            if i % 2 == 0 { "male" } else { "female" }
        );
        std::fs::write(md.join("deputies").join(format!("{id}.md")), text).expect("write");
    }
    wb.save(xlsx.join("deputies/名册.xlsx")).expect("save");
}
