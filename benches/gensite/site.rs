//! The site-wide files of a benchmark site: `site.yaml`, `areas.yaml` (the division
//! tree in scope with its synthetic villages, the constituencies and, for the nation,
//! the armed forces' electoral unit), `handlers.yaml` and two free pages.

use std::fmt::Write as _;
use std::io;

use crate::divisions::Top;
use crate::people::push_village_id;
use crate::rng::{push_cn_num, push_yaml_str};
use crate::words::HANDLERS;
use crate::{Ctx, Stats};

fn scope_name(ctx: &Ctx) -> String {
    let t = ctx.tree;
    match t.top {
        Top::County => t.counties[0].name.clone(),
        Top::Province if t.provinces.len() == 1 => t.provinces[0].name.clone(),
        _ => "全国".to_string(),
    }
}

pub fn write_site(ctx: &Ctx, preset: &str, st: &mut Stats) -> io::Result<()> {
    let name = scope_name(ctx);
    let publisher = if name == "全国" {
        "全国人民代表大会常务委员会办公厅".to_string()
    } else {
        format!("{name}人民代表大会常务委员会")
    };
    let mut s = String::new();
    let _ = write!(
        s,
        "title: {name}人大代表联络网（基准测试）\n\
         base_url: https://bench.example.gov.cn/\n\
         language: zh-Hans\n\
         timezone: Asia/Shanghai\n\
         theme: default\n\
         publisher: {publisher}\n\
         terms: {{ national: 十四届, provincial: 十四届, city: 十八届, county: 十八届, township: 十九届 }}\n\
         schedule:\n  horizon_days: 120\n  holidays: next-workday\n  notice_days: 3\n\
         suggestions:\n  reply_deadline_days: 90\n  outcomes:\n\
         \x20   A: 所提问题已经解决或者基本解决\n\
         \x20   B: 正在解决或者列入规划逐步解决\n\
         \x20   C: 因目前条件限制或者其他原因需待以后解决\n\
         \x20   D: 留作参考\n\
         \x20 solved: [A]\n\
         privacy:\n  allow: []\n\
         data_license: 署名 4.0 国际 (CC BY 4.0)\n\
         extra: {{ generator: gensite, preset: {preset}, seed: \"{}\", deputies: {} }}\n",
        ctx.seed, ctx.plan.deputies
    );
    ctx.put(ctx.out, "site", ".yaml", &s, st)
}

pub fn write_areas(ctx: &Ctx, st: &mut Stats) -> io::Result<()> {
    let t = ctx.tree;
    let mut s = String::with_capacity(t.villages() * 100 + 4096);
    s.push_str("areas:\n");
    let area = |s: &mut String, code: u64, name: &str, kind: &str, parent: Option<u64>| {
        let _ = write!(s, "  - {{ id: a{code}, name: ");
        push_yaml_str(s, name);
        let _ = write!(s, ", kind: {kind}");
        if let Some(p) = parent {
            let _ = write!(s, ", parent: a{p}");
        }
        let _ = writeln!(s, ", code: \"{code}\" }}");
    };
    let upper = t.top != Top::County;
    for p in &t.provinces {
        if upper {
            area(&mut s, p.code, &p.name, "province", None);
        }
        for &c in &p.cities {
            let city = &t.cities[c];
            if upper {
                area(&mut s, city.code, &city.name, "city", Some(p.code));
            }
            for &k in &city.counties {
                let county = &t.counties[k];
                area(
                    &mut s,
                    county.code,
                    &county.name,
                    "county",
                    upper.then_some(city.code),
                );
                for &w in &county.towns {
                    let town = &t.towns[w];
                    area(&mut s, town.code, &town.name, "township", Some(county.code));
                    for (v, vil) in town.villages.iter().enumerate() {
                        s.push_str("  - { id: ");
                        push_village_id(&mut s, t, w, v);
                        s.push_str(", name: ");
                        push_yaml_str(&mut s, &vil.name);
                        let kind = if vil.community {
                            "community"
                        } else {
                            "village"
                        };
                        let _ = writeln!(s, ", kind: {kind}, parent: a{} }}", town.code);
                    }
                }
            }
        }
    }
    s.push_str("constituencies:\n");
    let cons = |s: &mut String,
                id: &str,
                place: &str,
                n: usize,
                level: &str,
                w: usize,
                (a, l): (u8, u8)| {
        let _ = write!(s, "  - {{ id: {id}, name: ");
        let mut name = String::with_capacity(48);
        name.push_str(place);
        name.push('第');
        push_cn_num(&mut name, n as u64);
        name.push_str("选区");
        push_yaml_str(s, &name);
        let _ = write!(s, ", level: {level}, covers: [");
        for v in a..a + l {
            if v > a {
                s.push_str(", ");
            }
            push_village_id(s, t, w, usize::from(v));
        }
        s.push_str("] }\n");
    };
    for county in &t.counties {
        for &w in &county.towns {
            let town = &t.towns[w];
            for (i, &ch) in town.ccons.iter().enumerate() {
                let n = town.ccons_first as usize + i + 1;
                cons(
                    &mut s,
                    &format!("c{}-{n}", county.code),
                    &county.name,
                    n,
                    "county",
                    w,
                    ch,
                );
            }
        }
        for &w in &county.towns {
            let town = &t.towns[w];
            for (i, &ch) in town.tcons.iter().enumerate() {
                cons(
                    &mut s,
                    &format!("c{}-{}", town.code, i + 1),
                    &town.name,
                    i + 1,
                    "township",
                    w,
                    ch,
                );
            }
        }
    }
    if t.top == Top::Nation {
        s.push_str("units:\n  - { id: pla, name: 中国人民解放军和中国人民武装警察部队 }\n");
    }
    ctx.put(ctx.out, "areas", ".yaml", &s, st)
}

pub fn write_handlers(ctx: &Ctx, st: &mut Stats) -> io::Result<()> {
    let t = ctx.tree;
    let mut s = String::from("handlers:\n");
    let mut block = |code: u64, place: &str, county: bool| {
        for (i, (prov, cty)) in HANDLERS.iter().enumerate() {
            let _ = write!(s, "  - {{ id: h-{code}-{:02}, name: ", i + 1);
            push_yaml_str(
                &mut s,
                &format!("{place}{}", if county { cty } else { prov }),
            );
            s.push_str(", kind: government }\n");
        }
    };
    if t.top == Top::County {
        block(t.counties[0].code, &t.counties[0].name, true);
    } else {
        for p in &t.provinces {
            block(p.code, &p.name, false);
        }
    }
    ctx.put(ctx.out, "handlers", ".yaml", &s, st)
}

pub fn write_pages(ctx: &Ctx, st: &mut Stats) -> io::Result<()> {
    let name = scope_name(ctx);
    let about = format!(
        "---\ntitle: 关于本网站\nweight: 10\n---\n\
         本网站由{name}人大常委会办公室维护，公开人大代表名单、联络站接待安排、\
         代表履职活动和意见建议办理情况。\n\n\
         本站内容为基准测试生成的示例数据，人名、村名和电话号码均为虚构。\n"
    );
    ctx.put(&ctx.pages_dir, "about", ".md", &about, st)?;
    let contact = "---\ntitle: 如何联系您的人大代表\nweight: 20\n---\n\
         ## 到联络站当面反映\n\n\
         各乡镇（街道）人大代表联络站每月第一个星期五上午安排代表接待选民，\
         遇法定节假日顺延。请在“联络站”栏目查看接待日程和值班代表。\n\n\
         ## 书面反映\n\n\
         可将书面意见投入联络站意见箱，或通过代表公开的联系方式反映。\
         反映问题时请写明事由和所在村（社区），涉及他人的情况请不要填写对方的身份信息。\n";
    ctx.put(&ctx.pages_dir, "contact", ".md", contact, st)
}
