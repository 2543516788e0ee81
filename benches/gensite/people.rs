//! Deputies and stations: `deputies/<id>.md` for every deputy group of the plan and
//! `stations/<id>.md` for every township (联络站 or 代表之家) and county (代表之家).
//! Ids, constituencies and station attachments are pure functions of the tree, the
//! plan and a deputy's number in its group, so stations can name their duty deputies
//! without a table of all deputies.

use std::fmt::Write as _;
use std::io;

use crate::Ctx;
use crate::divisions::Tree;
use crate::rng::{Date, Rng, push_list, push_yaml_str, tag};
use crate::words::{self, TOPICS};

/// A group of deputies: those of one level elected in (or by) one place.
#[derive(Clone, Copy, Debug)]
pub enum Group {
    National(usize),
    Provincial(usize),
    City(usize),
    County(usize),
    Town(usize),
    Pla,
}

impl Group {
    pub fn count(self, ctx: &Ctx) -> u32 {
        let p = ctx.plan;
        match self {
            Group::National(i) => p.national[i],
            Group::Provincial(i) => p.provincial[i],
            Group::City(i) => p.city[i],
            Group::County(i) => p.county[i],
            Group::Town(i) => p.town[i],
            Group::Pla => p.pla,
        }
    }

    pub fn code(self, tree: &Tree) -> u64 {
        match self {
            Group::National(i) | Group::Provincial(i) => tree.provinces[i].code,
            Group::City(i) => tree.cities[i].code,
            Group::County(i) => tree.counties[i].code,
            Group::Town(i) => tree.towns[i].code,
            Group::Pla => 0,
        }
    }

    /// Appends the id of deputy `n` (1-based) of this group.
    pub fn push_id(self, tree: &Tree, n: u32, s: &mut String) {
        let letter = match self {
            Group::National(_) | Group::Pla => 'n',
            Group::Provincial(_) => 'p',
            Group::City(_) => 's',
            Group::County(_) => 'c',
            Group::Town(_) => 't',
        };
        if let Group::Pla = self {
            let _ = write!(s, "dpla-n{n}");
        } else {
            let _ = write!(s, "d{}-{letter}{n}", self.code(tree));
        }
    }

    pub fn id(self, tree: &Tree, n: u32) -> String {
        let mut s = String::with_capacity(20);
        self.push_id(tree, n, &mut s);
        s
    }

    fn tag(self) -> u64 {
        match self {
            Group::National(_) => 1,
            Group::Provincial(_) => 2,
            Group::City(_) => 3,
            Group::County(_) => 4,
            Group::Town(_) => 5,
            Group::Pla => 6,
        }
    }

    /// The date a township deputy left office, for about 1% of them (never the first
    /// nine of a township, who are the ones named in station rotas).
    pub fn ended(self, ctx: &Ctx, n: u32) -> Option<Date> {
        if !matches!(self, Group::Town(_)) || n < 10 {
            return None;
        }
        let mut rng = Rng::keyed(ctx.seed, tag::ENDED, self.code(ctx.tree), u64::from(n));
        rng.chance(10)
            .then(|| Date::ymd(2025, 2, 1).plus(rng.below(150)))
    }

    /// Stream of randomness for deputy `n` of this group.
    fn rng(self, ctx: &Ctx, n: u32) -> Rng {
        Rng::keyed(
            ctx.seed,
            tag::DEPUTY,
            self.code(ctx.tree) * 8 + self.tag(),
            u64::from(n),
        )
    }
}

/// The county constituency (0-based index in its county) of county deputy `n`.
pub fn county_cons(tree: &Tree, k: usize, n: u32) -> usize {
    (n as usize - 1) % tree.counties[k].cons_town.len()
}

/// The township constituency (0-based index in its township) of township deputy `n`.
pub fn town_cons(tree: &Tree, w: usize, n: u32) -> usize {
    (n as usize - 1) % tree.towns[w].tcons.len()
}

/// Villages covered by county constituency `ci` of county `k`: (township, first, count).
pub fn county_cons_villages(tree: &Tree, k: usize, ci: usize) -> (usize, usize, usize) {
    let w = tree.counties[k].cons_town[ci] as usize;
    let t = &tree.towns[w];
    let (a, l) = t.ccons[ci - t.ccons_first as usize];
    (w, a as usize, l as usize)
}

/// Village id: `a` + township code + three digits.
pub fn push_village_id(s: &mut String, tree: &Tree, w: usize, v: usize) {
    let _ = write!(s, "a{}{:03}", tree.towns[w].code, v + 1);
}

/// Up to six county deputies are also attached to the county's 代表之家.
pub const COUNTY_HOME_DEPUTIES: u32 = 6;

/// The county deputy attached to township `w`'s station, if the county has one for it.
pub fn county_deputy_of_town(ctx: &Ctx, w: usize) -> Option<u32> {
    let t = &ctx.tree.towns[w];
    let n = t.ccons_first + 1;
    (ctx.plan.county[t.county] >= n).then_some(n)
}

fn push_phone(s: &mut String, rng: &mut Rng, province: u64) {
    let ac = words::area_code(province);
    s.push_str(ac);
    s.push_str("-8");
    let digits = if ac.len() == 3 { 7 } else { 6 };
    for _ in 0..digits {
        s.push(char::from(b'0' + rng.below(10) as u8));
    }
}

fn push_name(s: &mut String, rng: &mut Rng, female: bool) {
    // The minimum of two draws favours the common surnames at the front.
    let n = words::SURNAMES.len() as u64;
    let i = rng.below(n).min(rng.below(n));
    s.push_str(words::SURNAMES[i as usize]);
    let given = if female {
        words::GIVEN_FEMALE
    } else {
        words::GIVEN_MALE
    };
    let g = given.len() as u64;
    s.push_str(given[rng.below(g).min(rng.below(g)) as usize]);
    if rng.chance(650) {
        s.push_str(rng.pick(given));
    }
}

fn company(s: &mut String, rng: &mut Rng, place: &str, suffix: &str) {
    s.push_str(place);
    s.push_str(rng.pick(words::COMPANY_BRANDS));
    s.push_str(rng.pick(words::INDUSTRIES));
    s.push_str(suffix);
}

fn leader_of(s: &mut String, place: &str) {
    s.push_str(place);
    s.push_str(match place.chars().last() {
        Some('县') => "人民政府县长",
        Some('区') => "人民政府区长",
        Some('市') => "人民政府市长",
        Some('旗') => "人民政府旗长",
        _ => "人民政府主要负责同志",
    });
}

fn village_post(s: &mut String, rng: &mut Rng, name: &str, community: bool) {
    s.push_str(name);
    s.push_str(match (community, rng.below(3)) {
        (true, 0) => "党委书记、居委会主任",
        (true, 1) => "居民委员会委员",
        (true, _) => "网格员",
        (false, 0) => "党支部书记、村委会主任",
        (false, 1) => "村民委员会委员",
        (false, _) => "种植大户",
    });
}

/// Appends the occupation (工作单位及职务) of deputy `n` of group `g`.
fn occupation(s: &mut String, rng: &mut Rng, ctx: &Ctx, g: Group, n: u32) {
    let tree = ctx.tree;
    match g {
        Group::Town(w) => {
            let t = &tree.towns[w];
            let (a, l) = t.tcons[town_cons(tree, w, n)];
            let v = &t.villages[a as usize + rng.below(u64::from(l)) as usize];
            let county = &tree.counties[t.county].name;
            match rng.below(10) {
                0..=4 => village_post(s, rng, &v.name, v.community),
                5 => {
                    s.push_str(&t.name);
                    s.push_str("中心小学教师");
                }
                6 => {
                    s.push_str(&t.name);
                    s.push_str(if t.name.ends_with("街道") {
                        "社区卫生服务中心医生"
                    } else {
                        "卫生院医生"
                    });
                }
                7 => company(s, rng, county, "有限公司职工"),
                8 => {
                    s.push_str(&t.name);
                    s.push_str("农业综合服务中心主任");
                }
                _ => {
                    s.push_str(&t.name);
                    s.push_str("个体工商户");
                }
            }
        }
        Group::County(k) => {
            let (w, a, l) = county_cons_villages(tree, k, county_cons(tree, k, n));
            let t = &tree.towns[w];
            let county = &tree.counties[k].name;
            match rng.below(10) {
                0 => {
                    s.push_str(&t.name);
                    s.push_str("党委书记");
                }
                1 => {
                    s.push_str(&t.name);
                    s.push_str(if t.name.ends_with("街道") {
                        "办事处主任"
                    } else if t.name.ends_with('乡') {
                        "人民政府乡长"
                    } else {
                        "人民政府镇长"
                    });
                }
                2 | 3 => {
                    let v = &t.villages[a + rng.below(l as u64) as usize];
                    village_post(s, rng, &v.name, v.community);
                }
                4 => {
                    s.push_str(county);
                    s.push_str("人民医院主任医师");
                }
                5 => {
                    s.push_str(county);
                    s.push_str("第一中学校长");
                }
                6 => company(s, rng, county, "有限公司董事长"),
                7 => {
                    s.push_str(county);
                    s.push_str(rng.pick(words::HANDLERS).1);
                    s.push_str("局长");
                }
                8 => {
                    s.push_str(county);
                    s.push_str("农业技术推广中心高级农艺师");
                }
                _ => {
                    s.push_str(&t.name);
                    s.push_str(rng.pick(words::COMPANY_BRANDS));
                    s.push_str("农民专业合作社理事长");
                }
            }
        }
        Group::City(c) => {
            let city = tree.city_text_name(c);
            let ks = &tree.cities[c].counties;
            let county = &tree.counties[ks[(n as usize - 1) % ks.len()]].name;
            match rng.below(6) {
                0 => {
                    s.push_str(city);
                    s.push_str(rng.pick(words::HANDLERS).1);
                    s.push_str("负责同志");
                }
                1 => {
                    s.push_str(county);
                    s.push_str("委书记");
                }
                2 => leader_of(s, county),
                3 => company(s, rng, city, "集团有限公司董事长"),
                4 => {
                    s.push_str(city);
                    s.push_str("中心医院院长");
                }
                _ => company(s, rng, county, "农业专业合作社理事长"),
            }
        }
        Group::Provincial(p) | Group::National(p) => {
            let prov = &tree.provinces[p].name;
            let cs = &tree.provinces[p].cities;
            let c = cs[(n as usize - 1) % cs.len()];
            let city = tree.city_text_name(c);
            match rng.below(6) {
                0 => {
                    s.push_str(prov);
                    s.push_str(rng.pick(words::HANDLERS).0);
                    s.push_str("负责同志");
                }
                1 => leader_of(s, city),
                2 => company(s, rng, prov, "集团有限公司董事长"),
                3 => {
                    s.push_str(prov);
                    s.push_str("人民医院主任医师");
                }
                4 => {
                    s.push_str(prov);
                    s.push_str("社会科学院研究员");
                }
                _ => company(s, rng, city, "有限公司技术员"),
            }
        }
        Group::Pla => s.push_str(rng.pick(&[
            "中国人民解放军某部政治委员",
            "中国人民解放军某部高级工程师",
            "中国人民武装警察部队某部支队长",
            "中国人民解放军某医院主任医师",
        ])),
    }
}

const BIO: &[&str] = &[
    "长期在基层一线工作，熟悉{x}等方面情况。",
    "履职以来，围绕{x}提出意见建议多件，推动解决了一批群众关心的实际问题。",
    "积极参加代表小组活动和视察调研，认真履行代表职责。",
    "热心公益事业，带动周边群众发展特色产业。",
    "重点关注{x}工作，多次就此开展专题调研。",
    "注重学习法律法规，不断提高依法履职能力。",
];

/// Writes all deputies of group `g`.
pub fn write_deputies(
    ctx: &Ctx,
    g: Group,
    buf: &mut String,
    st: &mut crate::Stats,
) -> io::Result<()> {
    let tree = ctx.tree;
    let (level, province) = match g {
        Group::National(p) => ("national", tree.provinces[p].code),
        Group::Provincial(p) => ("provincial", tree.provinces[p].code),
        Group::City(c) => ("city", tree.provinces[tree.cities[c].province].code),
        Group::County(k) => ("county", tree.province_of_county(k).code),
        Group::Town(w) => (
            "township",
            tree.province_of_county(tree.towns[w].county).code,
        ),
        Group::Pla => ("national", 0),
    };
    let (minority, groups) = words::ethnic(province);
    let mut id = String::with_capacity(24);
    let mut occ = String::with_capacity(64);
    for n in 1..=g.count(ctx) {
        let mut rng = g.rng(ctx, n);
        buf.clear();
        id.clear();
        g.push_id(tree, n, &mut id);
        let female = rng.chance(300);
        buf.push_str("---\nname: ");
        let name_start = buf.len();
        push_name(buf, &mut rng, female);
        let name = buf[name_start..].to_string();
        let _ = write!(buf, "\nlevel: {level}\n");
        match g {
            Group::Town(w) => {
                let _ = writeln!(
                    buf,
                    "constituency: c{}-{}",
                    tree.towns[w].code,
                    town_cons(tree, w, n) + 1
                );
            }
            Group::County(k) => {
                let _ = writeln!(
                    buf,
                    "constituency: c{}-{}",
                    tree.counties[k].code,
                    county_cons(tree, k, n) + 1
                );
            }
            Group::City(c) => {
                let ks = &tree.cities[c].counties;
                let _ = writeln!(
                    buf,
                    "elected_by: a{}",
                    tree.counties[ks[(n as usize - 1) % ks.len()]].code
                );
            }
            Group::Provincial(p) => {
                let cs = &tree.provinces[p].cities;
                let _ = writeln!(
                    buf,
                    "elected_by: a{}",
                    tree.cities[cs[(n as usize - 1) % cs.len()]].code
                );
            }
            Group::National(p) => {
                let _ = writeln!(buf, "elected_by: a{}", tree.provinces[p].code);
            }
            Group::Pla => buf.push_str("elected_by: pla\n"),
        }
        buf.push_str(if female {
            "gender: female\n"
        } else {
            "gender: male\n"
        });
        let ethnicity = if rng.chance(minority) {
            rng.pick(groups)
        } else {
            "汉族"
        };
        let _ = writeln!(buf, "ethnicity: {ethnicity}");
        occ.clear();
        occupation(&mut occ, &mut rng, ctx, g, n);
        buf.push_str("occupation: ");
        push_yaml_str(buf, &occ);
        buf.push('\n');
        let mut has_station = true;
        match g {
            Group::Town(w) => {
                let _ = writeln!(buf, "stations: [s{}]", tree.towns[w].code);
            }
            Group::County(k) => {
                let (w, _, _) = county_cons_villages(tree, k, county_cons(tree, k, n));
                buf.push_str("group: ");
                push_yaml_str(buf, &format!("{}代表小组", tree.towns[w].name));
                if n <= COUNTY_HOME_DEPUTIES {
                    let _ = writeln!(
                        buf,
                        "\nstations: [s{}, s{}]",
                        tree.counties[k].code, tree.towns[w].code
                    );
                } else {
                    let _ = writeln!(buf, "\nstations: [s{}]", tree.towns[w].code);
                }
            }
            _ => has_station = false,
        }
        if rng.chance(300) {
            buf.push_str("contact:\n  phone: ");
            push_phone(buf, &mut rng, if province == 0 { 11 } else { province });
            buf.push('\n');
            if rng.chance(600) {
                let _ = writeln!(buf, "  email: {id}@example.gov.cn");
            }
        }
        let ended = g.ended(ctx, n);
        match ended {
            Some(d) => {
                buf.push_str("status: ended\nended: ");
                d.push(buf);
                buf.push_str(if rng.chance(500) {
                    "\nreason: 工作调动\n"
                } else {
                    "\nreason: 辞去代表职务\n"
                });
            }
            None => buf.push_str("status: active\n"),
        }
        buf.push_str("---\n");
        let _ = write!(
            buf,
            "{name}，{}，{ethnicity}，{occ}。",
            if female { "女" } else { "男" }
        );
        // One to three distinct sentences: a random start and a stride through BIO.
        let extra = rng.range(1, 3) as usize;
        let first = rng.below(BIO.len() as u64) as usize;
        for i in 0..extra {
            buf.push_str(&BIO[(first + 2 * i) % BIO.len()].replace("{x}", rng.pick(TOPICS)));
        }
        if has_station && ended.is_none() {
            buf.push_str("坚持定期到联络站接待选民，欢迎大家反映意见和建议。");
        }
        buf.push('\n');
        ctx.put(&ctx.deputies_dir, &id, ".md", buf, st)?;
    }
    Ok(())
}

/// The deputies on duty at township `w`'s station: up to three township deputies for
/// the monthly rota, and one more deputy (the county deputy of its first county
/// constituency, else township deputy 4) for a second rule.
fn town_station_deputies(ctx: &Ctx, w: usize) -> (Vec<String>, Option<String>) {
    let tree = ctx.tree;
    let k = ctx.plan.town[w];
    let county_dep =
        county_deputy_of_town(ctx, w).map(|n| Group::County(tree.towns[w].county).id(tree, n));
    let mut rota: Vec<String> = (1..=k.min(3)).map(|n| Group::Town(w).id(tree, n)).collect();
    let mut extra = county_dep;
    if rota.is_empty() {
        rota.extend(extra.take());
    }
    if extra.is_none() && k >= 4 {
        extra = Some(Group::Town(w).id(tree, 4));
    }
    (rota, extra)
}

const WEEKDAYS: &[&str] = &["monday", "tuesday", "wednesday", "thursday", "friday"];

pub fn write_town_station(
    ctx: &Ctx,
    w: usize,
    buf: &mut String,
    st: &mut crate::Stats,
) -> io::Result<()> {
    let tree = ctx.tree;
    let t = &tree.towns[w];
    let province = tree.province_of_county(t.county).code;
    let mut rng = Rng::keyed(ctx.seed, tag::STATION, t.code, 0);
    buf.clear();
    let home = rng.chance(400);
    buf.push_str("---\nname: ");
    push_yaml_str(
        buf,
        &format!("{}人大代表{}", t.name, if home { "之家" } else { "联络站" }),
    );
    let _ = write!(
        buf,
        "\nkind: {}\narea: a{}\nserves: [",
        if home { "home" } else { "station" },
        t.code
    );
    for v in 0..t.villages.len() {
        if v > 0 {
            buf.push_str(", ");
        }
        push_village_id(buf, tree, w, v);
    }
    let place = if t.name.ends_with("街道") {
        "办事处"
    } else {
        "人民政府"
    };
    let address = match rng.below(4) {
        0 => format!("{}{place}一楼东侧", t.name),
        1 => format!("{}党群服务中心二楼", t.name),
        2 => format!("{}便民服务中心一楼", t.name),
        _ => format!("{}综合文化站一楼", t.name),
    };
    buf.push_str("]\naddress: ");
    push_yaml_str(buf, &address);
    buf.push_str("\nphone: ");
    push_phone(buf, &mut rng, province);
    buf.push('\n');
    if rng.chance(400) {
        buf.push_str("accessibility: [step-free]\n");
    }
    let (rota, extra) = town_station_deputies(ctx, w);
    if rota.is_empty() {
        buf.push_str("receptions: []\n");
    } else {
        buf.push_str("receptions:\n  - every: month\n    weekday: friday\n    nth: 1\n    time: \"09:00-11:30\"\n    rota: ");
        push_list(buf, &rota);
        buf.push_str("\n    from: 2025-01-01\n");
        if let Some(d) = extra.filter(|_| rng.chance(700)) {
            if rng.chance(500) {
                buf.push_str("  - every: month\n    day: 15\n    months: [1, 3, 5, 7, 9, 11]\n    time: \"09:00-11:00\"\n");
            } else {
                buf.push_str("  - every: week\n");
                if rng.chance(500) {
                    buf.push_str("    interval: 2\n");
                }
                let _ = write!(
                    buf,
                    "    weekday: {}\n    from: 2025-01-07\n    time: \"14:30-17:00\"\n",
                    if rng.chance(300) {
                        "[tuesday, thursday]"
                    } else {
                        "tuesday"
                    }
                );
            }
            let _ = writeln!(buf, "    deputies: [{d}]");
        }
        let cancel = rng.chance(300);
        let moved = rng.chance(200);
        if cancel || moved {
            buf.push_str("exceptions:\n");
            if cancel {
                buf.push_str("  - { date: 2025-10-03, cancelled: true, note: 国庆假期 }\n");
            }
            if moved {
                buf.push_str("  - { date: 2026-01-02, moved_to: 2026-01-09 }\n");
            }
        }
    }
    let _ = write!(
        buf,
        "---\n联络站位于{address}，由{}人大主席团负责日常管理，服务辖区{}个村（社区）。\n\n\
         选民可在接待日当面向值班代表反映意见和建议，也可以在站内意见箱投递书面意见。\
         请携带需要反映问题的相关材料，涉及个人隐私的情况可单独向代表说明。\n",
        t.name,
        t.villages.len()
    );
    if rng.chance(500) {
        buf.push_str("\n非接待日可拨打联络站电话预约，工作人员将协助联系代表。\n");
    }
    let id = format!("s{}", t.code);
    ctx.put(&ctx.stations_dir, &id, ".md", buf, st)
}

pub fn write_county_station(
    ctx: &Ctx,
    k: usize,
    buf: &mut String,
    st: &mut crate::Stats,
) -> io::Result<()> {
    let tree = ctx.tree;
    let c = &tree.counties[k];
    let province = tree.province_of_county(k).code;
    let mut rng = Rng::keyed(ctx.seed, tag::STATION, c.code, 1);
    buf.clear();
    buf.push_str("---\nname: ");
    push_yaml_str(buf, &format!("{}人大代表之家", c.name));
    let _ = write!(buf, "\nkind: home\narea: a{}\naddress: ", c.code);
    let address = if rng.chance(500) {
        format!("{}人大常委会机关一楼", c.name)
    } else {
        format!("{}政务服务中心三楼", c.name)
    };
    push_yaml_str(buf, &address);
    buf.push_str("\nphone: ");
    push_phone(buf, &mut rng, province);
    buf.push_str("\naccessibility: [step-free]\n");
    let n = ctx.plan.county[k].min(COUNTY_HOME_DEPUTIES);
    if n == 0 {
        buf.push_str("receptions: []\n");
    } else {
        let ids: Vec<String> = (1..=n).map(|i| Group::County(k).id(tree, i)).collect();
        let _ = write!(
            buf,
            "receptions:\n  - every: week\n    weekday: {}\n    time: \"09:00-11:30\"\n    rota: ",
            rng.pick(WEEKDAYS)
        );
        push_list(buf, &ids);
        buf.push_str("\n    from: 2025-01-01\n    until: 2026-12-31\n");
        buf.push_str("  - date: 2026-01-16\n    time: \"09:00-12:00\"\n    deputies: ");
        push_list(buf, &ids[..ids.len().min(2)]);
        buf.push_str("\n    topic: 征求对政府工作报告的意见\n");
    }
    let _ = write!(
        buf,
        "---\n{}人大代表之家位于{address}，是县级人大代表集中联系选民的场所。\n\n\
         每周安排代表轮流值班，接待来访群众，收集的意见建议按程序交有关部门办理并向选民反馈。\n",
        c.name
    );
    let id = format!("s{}", c.code);
    ctx.put(&ctx.stations_dir, &id, ".md", buf, st)
}
