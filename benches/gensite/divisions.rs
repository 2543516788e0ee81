//! The division tree of a benchmark site: reading China's division CSVs, choosing the
//! scope of a preset (one county, one province, the nation) or of `--deputies N`,
//! adding synthetic villages, communities and constituencies under each township, and
//! planning how many deputies, activities and suggestions each part of the tree gets.

use std::collections::HashMap;
use std::path::Path;

use serde::Deserialize;

use crate::rng::{Rng, tag};
use crate::words;

/// Natural deputy counts per area, roughly China's proportions.
pub const PER_TOWN: u64 = 50;
pub const PER_COUNTY: u64 = 200;
pub const PER_CITY: u64 = 350;
pub const PER_PROVINCE: u64 = 600;
/// National deputies elected by the provinces (shared by township count) and by the
/// armed forces' electoral unit (nation scope only).
pub const NATIONAL_PLACES: u64 = 2720;
pub const NATIONAL_PLA: u64 = 280;
/// The province preset is the province whose natural count is closest to this.
pub const PROVINCE_TARGET: u64 = 100_000;

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Preset {
    County,
    Province,
    Nation,
}

#[derive(Deserialize)]
struct Row {
    code: String,
    name: String,
    #[serde(rename = "provinceCode", default)]
    province: Option<String>,
    #[serde(rename = "cityCode", default)]
    city: Option<String>,
    #[serde(rename = "areaCode", default)]
    area: Option<String>,
}

/// One row of the division data with its parent (index into the level above).
pub struct RawNode {
    pub code: u64,
    pub name: String,
    pub parent: usize,
    pub children: Vec<usize>,
}

/// The whole division data, each level sorted by code.
pub struct Raw {
    pub provinces: Vec<RawNode>,
    pub cities: Vec<RawNode>,
    pub counties: Vec<RawNode>,
    pub towns: Vec<RawNode>,
}

fn read_level(
    dir: &Path,
    file: &str,
    parent_col: fn(&Row) -> Option<&String>,
    parents: Option<&mut Vec<RawNode>>,
) -> Result<Vec<RawNode>, String> {
    let path = dir.join(file);
    let mut rd = csv::Reader::from_path(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut rows = Vec::new();
    for (i, rec) in rd.deserialize::<Row>().enumerate() {
        let row = rec.map_err(|e| format!("{}: row {}: {e}", path.display(), i + 2))?;
        let code: u64 =
            row.code.trim().parse().map_err(|_| {
                format!("{}: row {}: bad code {:?}", path.display(), i + 2, row.code)
            })?;
        let parent = match parent_col(&row) {
            Some(p) => p
                .trim()
                .parse::<u64>()
                .map_err(|_| format!("{}: row {}: bad parent code {p:?}", path.display(), i + 2))?,
            None if parents.is_none() => 0,
            None => {
                return Err(format!(
                    "{}: row {}: no parent code column",
                    path.display(),
                    i + 2
                ));
            }
        };
        rows.push((code, row.name.trim().to_string(), parent));
    }
    rows.sort_by_key(|r| r.0);
    let mut nodes = Vec::with_capacity(rows.len());
    if let Some(parents) = parents {
        let index: HashMap<u64, usize> = parents
            .iter()
            .enumerate()
            .map(|(i, n)| (n.code, i))
            .collect();
        for (code, name, pcode) in rows {
            let Some(&p) = index.get(&pcode) else {
                return Err(format!(
                    "{}: {code} {name}: unknown parent {pcode}",
                    path.display()
                ));
            };
            parents[p].children.push(nodes.len());
            nodes.push(RawNode {
                code,
                name,
                parent: p,
                children: Vec::new(),
            });
        }
    } else {
        nodes.extend(rows.into_iter().map(|(code, name, _)| RawNode {
            code,
            name,
            parent: 0,
            children: Vec::new(),
        }));
    }
    if nodes.is_empty() {
        return Err(format!("{}: no rows", path.display()));
    }
    Ok(nodes)
}

impl Raw {
    pub fn load(dir: &Path) -> Result<Raw, String> {
        let mut provinces = read_level(dir, "provinces.csv", |_| None, None)?;
        let mut cities = read_level(
            dir,
            "cities.csv",
            |r| r.province.as_ref(),
            Some(&mut provinces),
        )?;
        let mut counties = read_level(dir, "areas.csv", |r| r.city.as_ref(), Some(&mut cities))?;
        let towns = read_level(dir, "streets.csv", |r| r.area.as_ref(), Some(&mut counties))?;
        let raw = Raw {
            provinces,
            cities,
            counties,
            towns,
        };
        if let Some(c) = raw.counties.iter().find(|c| c.children.is_empty()) {
            return Err(format!("county {} {} has no townships", c.code, c.name));
        }
        Ok(raw)
    }

    fn towns_of_province(&self, p: usize) -> u64 {
        let p = &self.provinces[p];
        p.children
            .iter()
            .flat_map(|&c| &self.cities[c].children)
            .map(|&k| self.counties[k].children.len() as u64)
            .sum()
    }

    /// National deputies elected by province `p`: its share of `NATIONAL_PLACES` by townships.
    pub fn national_base(&self, p: usize) -> u64 {
        let total = self.towns.len() as u64;
        (NATIONAL_PLACES * self.towns_of_province(p) + total / 2) / total
    }

    fn county_natural(&self, k: usize) -> u64 {
        PER_COUNTY + PER_TOWN * self.counties[k].children.len() as u64
    }

    fn province_natural(&self, p: usize) -> u64 {
        let mut n = PER_PROVINCE + self.national_base(p);
        for &c in &self.provinces[p].children {
            n += PER_CITY;
            n += self.cities[c]
                .children
                .iter()
                .map(|&k| self.county_natural(k))
                .sum::<u64>();
        }
        n
    }

    fn province_of_county(&self, k: usize) -> usize {
        self.cities[self.counties[k].parent].parent
    }
}

/// Which levels sit at the top of the site.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Top {
    /// One county is the root: county and township deputies only.
    County,
    /// Provinces are the roots; no armed-forces unit.
    Province,
    /// All provinces plus the armed forces' electoral unit.
    Nation,
}

pub struct Scope {
    pub top: Top,
    /// Raw county indices, in output order.
    pub counties: Vec<usize>,
    pub label: String,
}

/// The county preset: the first county (by code) named …县 with exactly six townships.
fn county_preset(raw: &Raw) -> usize {
    raw.counties
        .iter()
        .position(|c| c.name.ends_with('县') && c.children.len() == 6)
        .unwrap_or(0)
}

/// The province preset: the province whose natural deputy count is closest to 100,000.
fn province_preset(raw: &Raw) -> usize {
    (0..raw.provinces.len())
        .min_by_key(|&p| raw.province_natural(p).abs_diff(PROVINCE_TARGET))
        .unwrap_or(0)
}

fn counties_of(raw: &Raw, p: usize) -> impl Iterator<Item = usize> + '_ {
    raw.provinces[p]
        .children
        .iter()
        .flat_map(|&c| raw.cities[c].children.iter().copied())
}

pub fn choose(raw: &Raw, preset: Option<Preset>, deputies: Option<u64>) -> Scope {
    match preset {
        Some(Preset::County) => {
            let k = county_preset(raw);
            let c = &raw.counties[k];
            Scope {
                top: Top::County,
                counties: vec![k],
                label: format!("{} {}", c.code, c.name),
            }
        }
        Some(Preset::Province) => {
            let p = province_preset(raw);
            Scope {
                top: Top::Province,
                counties: counties_of(raw, p).collect(),
                label: format!("{} {}", raw.provinces[p].code, raw.provinces[p].name),
            }
        }
        Some(Preset::Nation) => nation(raw),
        None => auto(raw, deputies.unwrap_or(1)),
    }
}

fn nation(raw: &Raw) -> Scope {
    Scope {
        top: Top::Nation,
        counties: (0..raw.counties.len()).collect(),
        label: "nation".into(),
    }
}

/// `--deputies N` without a preset: the counties of the province preset in code order,
/// then the other provinces' in code order, until their natural count reaches N (the
/// provinces and cities they belong to count with them); the whole nation past that.
fn auto(raw: &Raw, n: u64) -> Scope {
    let first = province_preset(raw);
    let order = counties_of(raw, first).chain(
        (0..raw.provinces.len())
            .filter(|&p| p != first)
            .flat_map(|p| counties_of(raw, p)),
    );
    let mut seen_p = vec![false; raw.provinces.len()];
    let mut seen_c = vec![false; raw.cities.len()];
    let (mut natural, mut counties) = (0u64, Vec::new());
    for k in order {
        let (c, p) = (raw.counties[k].parent, raw.province_of_county(k));
        if !seen_p[p] {
            seen_p[p] = true;
            natural += PER_PROVINCE + raw.national_base(p);
        }
        if !seen_c[c] {
            seen_c[c] = true;
            natural += PER_CITY;
        }
        natural += raw.county_natural(k);
        counties.push(k);
        if natural >= n {
            let provinces = seen_p.iter().filter(|&&s| s).count();
            let label = if provinces == 1 {
                let p = &raw.provinces[first];
                format!(
                    "{} {}, {} of {} counties",
                    p.code,
                    p.name,
                    counties.len(),
                    counties_of(raw, first).count()
                )
            } else {
                format!("{provinces} provinces, {} counties", counties.len())
            };
            return Scope {
                top: Top::Province,
                counties,
                label,
            };
        }
    }
    nation(raw)
}

pub struct Province {
    pub code: u64,
    pub name: String,
    pub cities: Vec<usize>,
    pub national_base: u64,
}

pub struct City {
    pub code: u64,
    pub name: String,
    pub province: usize,
    pub counties: Vec<usize>,
}

pub struct County {
    pub code: u64,
    pub name: String,
    pub city: usize,
    pub towns: Vec<usize>,
    /// The township of each county-level constituency (numbered from 1 in this order).
    pub cons_town: Vec<u32>,
}

pub struct Village {
    pub name: String,
    pub community: bool,
}

pub struct Town {
    pub code: u64,
    pub name: String,
    pub county: usize,
    pub villages: Vec<Village>,
    /// County-level constituencies here: (first village, village count).
    pub ccons: Vec<(u8, u8)>,
    /// Index (0-based, within the county) of this township's first county constituency.
    pub ccons_first: u32,
    /// Township-level constituencies: (first village, village count).
    pub tcons: Vec<(u8, u8)>,
}

pub struct Tree {
    pub top: Top,
    pub provinces: Vec<Province>,
    pub cities: Vec<City>,
    pub counties: Vec<County>,
    pub towns: Vec<Town>,
    pub label: String,
}

/// Synthetic villages and communities of a township, and its constituencies.
/// Constituencies of a township as (first village, village count).
type Chunks = Vec<(u8, u8)>;

fn villages(seed: u64, code: u64, name: &str) -> (Vec<Village>, Chunks, Chunks) {
    let mut rng = Rng::keyed(seed, tag::VILLAGES, code, 0);
    let n = rng.range(3, 12) as usize;
    let communities = if name.ends_with("街道") {
        n
    } else if name.ends_with('镇') {
        rng.range(0, 2) as usize
    } else {
        0
    };
    let mut vw: Vec<usize> = (0..words::VILLAGE_WORDS.len()).collect();
    let mut cw: Vec<usize> = (0..words::COMMUNITY_WORDS.len()).collect();
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        let community = i < communities;
        let (pool, list, suffix) = if community {
            (&mut cw, words::COMMUNITY_WORDS, "社区")
        } else {
            (&mut vw, words::VILLAGE_WORDS, "村")
        };
        // Partial Fisher-Yates: names stay distinct within the township.
        let used = out
            .iter()
            .filter(|v: &&Village| v.community == community)
            .count();
        let j = used + rng.below((pool.len() - used) as u64) as usize;
        pool.swap(used, j);
        out.push(Village {
            name: format!("{}{suffix}", list[pool[used]]),
            community,
        });
    }
    let chunks = |rng: &mut Rng, max: u64| {
        let mut v = Vec::new();
        let mut start = 0usize;
        while start < n {
            let len = (rng.range(1, max) as usize).min(n - start);
            v.push((start as u8, len as u8));
            start += len;
        }
        v
    };
    let ccons = chunks(&mut rng, 5);
    let tcons = chunks(&mut rng, 3);
    (out, ccons, tcons)
}

impl Tree {
    pub fn build(raw: &Raw, scope: &Scope, seed: u64) -> Tree {
        let mut t = Tree {
            top: scope.top,
            provinces: Vec::new(),
            cities: Vec::new(),
            counties: Vec::new(),
            towns: Vec::new(),
            label: scope.label.clone(),
        };
        let mut pmap: HashMap<usize, usize> = HashMap::new();
        let mut cmap: HashMap<usize, usize> = HashMap::new();
        for &k in &scope.counties {
            let rk = &raw.counties[k];
            let rc = rk.parent;
            let rp = raw.cities[rc].parent;
            let p = *pmap.entry(rp).or_insert_with(|| {
                t.provinces.push(Province {
                    code: raw.provinces[rp].code,
                    name: raw.provinces[rp].name.clone(),
                    cities: Vec::new(),
                    national_base: raw.national_base(rp),
                });
                t.provinces.len() - 1
            });
            let c = *cmap.entry(rc).or_insert_with(|| {
                t.cities.push(City {
                    code: raw.cities[rc].code,
                    name: raw.cities[rc].name.clone(),
                    province: p,
                    counties: Vec::new(),
                });
                t.provinces[p].cities.push(t.cities.len() - 1);
                t.cities.len() - 1
            });
            let ki = t.counties.len();
            t.cities[c].counties.push(ki);
            let mut county = County {
                code: rk.code,
                name: rk.name.clone(),
                city: c,
                towns: Vec::new(),
                cons_town: Vec::new(),
            };
            for &w in &rk.children {
                let rw = &raw.towns[w];
                let (vs, ccons, tcons) = villages(seed, rw.code, &rw.name);
                let ti = t.towns.len();
                county.towns.push(ti);
                let ccons_first = county.cons_town.len() as u32;
                county
                    .cons_town
                    .extend(std::iter::repeat_n(ti as u32, ccons.len()));
                t.towns.push(Town {
                    code: rw.code,
                    name: rw.name.clone(),
                    county: ki,
                    villages: vs,
                    ccons,
                    ccons_first,
                    tcons,
                });
            }
            t.counties.push(county);
        }
        t
    }

    pub fn villages(&self) -> usize {
        self.towns.iter().map(|t| t.villages.len()).sum()
    }

    pub fn province_of_county(&self, k: usize) -> &Province {
        &self.provinces[self.cities[self.counties[k].city].province]
    }

    /// A township's name for activity and suggestion texts. The few real names that a
    /// privacy check could take for a house-level address or an honorific (…办公室,
    /// 石室乡, 先生店镇) are replaced by 某街道 / 某镇 / 某乡 of their county.
    pub fn town_text_name(&self, w: usize) -> String {
        let t = &self.towns[w];
        if ["室", "单元", "号楼", "先生", "女士"]
            .iter()
            .any(|x| t.name.contains(x))
        {
            let kind = if t.name.ends_with('镇') {
                "某镇"
            } else if t.name.ends_with('乡') {
                "某乡"
            } else {
                "某街道"
            };
            format!("{}{kind}", self.counties[t.county].name)
        } else {
            t.name.clone()
        }
    }

    /// A city's name for use in running text: 市辖区, 县 and 省直辖县级行政区划 are
    /// replaced by the province's name.
    pub fn city_text_name(&self, c: usize) -> &str {
        let city = &self.cities[c];
        if city.name == "市辖区" || city.name == "县" || city.name.contains("直辖") {
            &self.provinces[city.province].name
        } else {
            &city.name
        }
    }
}

/// Cumulative rounding: hands out exactly `round(target)` over groups in order, each in
/// proportion to its base.
struct Apportion {
    num: u64,
    den: u64,
    cum: u64,
    prev: u64,
}

impl Apportion {
    fn new(target: u64, natural: u64) -> Apportion {
        Apportion {
            num: target,
            den: natural.max(1),
            cum: 0,
            prev: 0,
        }
    }

    fn take(&mut self, base: u64) -> u32 {
        self.cum += base;
        let v = (u128::from(self.cum) * u128::from(self.num) + u128::from(self.den / 2))
            / u128::from(self.den);
        let r = v as u64 - self.prev;
        self.prev = v as u64;
        r as u32
    }
}

/// How many deputies, activities and suggestions each group gets.
#[derive(Default)]
pub struct Plan {
    pub national: Vec<u32>,
    pub provincial: Vec<u32>,
    pub city: Vec<u32>,
    pub county: Vec<u32>,
    pub town: Vec<u32>,
    pub pla: u32,
    pub act_national: Vec<u32>,
    pub act_provincial: Vec<u32>,
    pub act_city: Vec<u32>,
    pub act_county: Vec<u32>,
    pub act_town: Vec<u32>,
    pub act_pla: u32,
    /// Suggestions per county.
    pub sugg: Vec<u32>,
    pub natural: u64,
    pub deputies: u64,
}

impl Plan {
    /// Visits every deputy group in a fixed order: `f(kind, index, base)` with kind
    /// 0 national, 1 provincial, 2 city, 3 county, 4 township, 5 armed forces.
    fn walk(tree: &Tree, mut f: impl FnMut(usize, usize, u64)) {
        let upper = tree.top != Top::County;
        for (p, prov) in tree.provinces.iter().enumerate() {
            if upper {
                f(0, p, prov.national_base);
                f(1, p, PER_PROVINCE);
            }
            for &c in &prov.cities {
                if upper {
                    f(2, c, PER_CITY);
                }
                for &k in &tree.cities[c].counties {
                    f(3, k, PER_COUNTY);
                    for &w in &tree.counties[k].towns {
                        f(4, w, PER_TOWN);
                    }
                }
            }
        }
        if tree.top == Top::Nation {
            f(5, 0, NATIONAL_PLA);
        }
    }

    pub fn new(tree: &Tree, target: Option<u64>) -> Plan {
        let mut natural = 0;
        Plan::walk(tree, |_, _, b| natural += b);
        let n = target.unwrap_or(natural);
        let mut plan = Plan {
            national: vec![0; tree.provinces.len()],
            provincial: vec![0; tree.provinces.len()],
            city: vec![0; tree.cities.len()],
            county: vec![0; tree.counties.len()],
            town: vec![0; tree.towns.len()],
            act_national: vec![0; tree.provinces.len()],
            act_provincial: vec![0; tree.provinces.len()],
            act_city: vec![0; tree.cities.len()],
            act_county: vec![0; tree.counties.len()],
            act_town: vec![0; tree.towns.len()],
            sugg: vec![0; tree.counties.len()],
            natural,
            deputies: n,
            ..Plan::default()
        };
        let mut ap = Apportion::new(n, natural);
        Plan::walk(tree, |kind, i, b| {
            let v = ap.take(b);
            *plan.slot(kind, i, false) = v;
        });
        let mut ap = Apportion::new(n.div_ceil(10), n);
        Plan::walk(tree, |kind, i, _| {
            let b = u64::from(*plan.slot(kind, i, false));
            *plan.slot(kind, i, true) = ap.take(b);
        });
        let subtree: Vec<u64> = tree
            .counties
            .iter()
            .enumerate()
            .map(|(k, c)| {
                u64::from(plan.county[k])
                    + c.towns
                        .iter()
                        .map(|&w| u64::from(plan.town[w]))
                        .sum::<u64>()
            })
            .collect();
        let mut ap = Apportion::new(n.div_ceil(5), subtree.iter().sum());
        for (k, &b) in subtree.iter().enumerate() {
            plan.sugg[k] = ap.take(b);
        }
        plan
    }

    fn slot(&mut self, kind: usize, i: usize, activities: bool) -> &mut u32 {
        match (kind, activities) {
            (0, false) => &mut self.national[i],
            (1, false) => &mut self.provincial[i],
            (2, false) => &mut self.city[i],
            (3, false) => &mut self.county[i],
            (4, false) => &mut self.town[i],
            (_, false) => &mut self.pla,
            (0, true) => &mut self.act_national[i],
            (1, true) => &mut self.act_provincial[i],
            (2, true) => &mut self.act_city[i],
            (3, true) => &mut self.act_county[i],
            (4, true) => &mut self.act_town[i],
            (_, true) => &mut self.act_pla,
        }
    }

    pub fn sum(v: &[u32]) -> u64 {
        v.iter().map(|&x| u64::from(x)).sum()
    }

    pub fn activities(&self) -> u64 {
        Plan::sum(&self.act_national)
            + Plan::sum(&self.act_provincial)
            + Plan::sum(&self.act_city)
            + Plan::sum(&self.act_county)
            + Plan::sum(&self.act_town)
            + u64::from(self.act_pla)
    }
}
