//! Activities (`activities/<year>/<id>.md`) and suggestions (`suggestions/<county>.yaml`).
//! A county's activities and suggestions are made together so that reception
//! activities can list the suggestions they produced, with matching dates, deputies
//! and station. Texts are anonymised: people are 张某, places 某小区 or a village.

use std::fmt::Write as _;
use std::io;

use crate::divisions::Top;
use crate::people::{self, Group};
use crate::rng::{Date, Rng, any_day, last_day, push_list, push_yaml_str, tag};
use crate::words::{self, CATEGORIES, TOPICS};
use crate::{Ctx, Stats};

const KINDS: &[&str] = &[
    "inspection",
    "research",
    "reception",
    "report-back",
    "group-meeting",
    "training",
    "forum",
    "other",
];
const RECEPTION: usize = 2;

/// One activity before it is written.
pub struct Activity {
    id: String,
    date: Date,
    kind: usize,
    deputies: Vec<String>,
    station: Option<String>,
    area: Option<String>,
    /// The place named in the text (township, county, city, province or unit).
    place: String,
    /// For township activities: the township.
    town: Option<usize>,
    topic: &'static str,
    received: u32,
    suggestions: Vec<String>,
    rng_state: u64,
}

/// The activities of group `g`, not yet written.
pub fn plan_activities(ctx: &Ctx, g: Group) -> Vec<Activity> {
    let tree = ctx.tree;
    let p = ctx.plan;
    let (count, place, area, station, town) = match g {
        Group::Town(w) => {
            let t = &tree.towns[w];
            (
                p.act_town[w],
                tree.town_text_name(w),
                Some(format!("a{}", t.code)),
                Some(format!("s{}", t.code)),
                Some(w),
            )
        }
        Group::County(k) => {
            let c = &tree.counties[k];
            (
                p.act_county[k],
                c.name.clone(),
                Some(format!("a{}", c.code)),
                Some(format!("s{}", c.code)),
                None,
            )
        }
        Group::City(c) => {
            let place = tree.city_text_name(c).to_string();
            (
                p.act_city[c],
                place,
                Some(format!("a{}", tree.cities[c].code)),
                None,
                None,
            )
        }
        Group::Provincial(i) | Group::National(i) => {
            let pr = &tree.provinces[i];
            let n = if matches!(g, Group::National(_)) {
                p.act_national[i]
            } else {
                p.act_provincial[i]
            };
            (
                n,
                pr.name.clone(),
                Some(format!("a{}", pr.code)),
                None,
                None,
            )
        }
        Group::Pla => (
            p.act_pla,
            "解放军和武警部队代表团".to_string(),
            None,
            None,
            None,
        ),
    };
    let deputies = g.count(ctx);
    let code = g.code(tree);
    let mut out = Vec::with_capacity(count as usize);
    for j in 1..=count {
        let mut rng = Rng::keyed(
            ctx.seed,
            tag::ACTIVITY,
            code * 8 + u64::from(g_tag(g)),
            u64::from(j),
        );
        let kind = (j as usize + code as usize) % KINDS.len();
        let date = any_day(&mut rng);
        // Consecutive deputies from a random start, skipping those who left office.
        let want = rng.range(1, 4).min(u64::from(deputies)) as u32;
        let start = rng.below(u64::from(deputies)) as u32;
        let mut ds = Vec::with_capacity(want as usize);
        for i in 0..deputies {
            let n = (start + i) % deputies + 1;
            if g.ended(ctx, n).is_none() {
                ds.push(g.id(tree, n));
                if ds.len() as u32 == want {
                    break;
                }
            }
        }
        let id = match g {
            Group::Provincial(_) => format!("act-{code}-p{j}"),
            Group::National(_) => format!("act-{code}-n{j}"),
            Group::Pla => format!("act-pla-{j}"),
            _ => format!("act-{code}-{j}"),
        };
        let with_station = station.is_some() && (kind == RECEPTION || rng.chance(400));
        out.push(Activity {
            id,
            date,
            kind,
            deputies: ds,
            station: if with_station { station.clone() } else { None },
            area: area.clone(),
            place: place.clone(),
            town,
            topic: rng.pick(TOPICS),
            received: if kind == RECEPTION {
                rng.range(5, 60) as u32
            } else {
                0
            },
            suggestions: Vec::new(),
            rng_state: rng.next_u64(),
        });
    }
    out
}

fn g_tag(g: Group) -> u8 {
    match g {
        Group::National(_) => 1,
        Group::Provincial(_) => 2,
        Group::City(_) => 3,
        Group::County(_) => 4,
        Group::Town(_) => 5,
        Group::Pla => 6,
    }
}

const DETAILS: &[&str] = &[
    "代表们认为，{x}关系群众切身利益，要坚持问题导向，推动各项工作落到实处。",
    "有关部门负责同志现场回应了代表和群众关心的问题。",
    "活动中，代表们详细了解了项目进度、资金使用和群众满意度等情况。",
    "大家结合各自岗位，交流了联系群众、反映民意的做法和体会。",
    "代表们建议进一步完善工作机制，加大{x}方面的投入。",
];

const CLOSINGS: &[&str] = &[
    "下一步，{a}人大将持续跟踪督办，推动意见建议办理落实。",
    "代表们表示，将继续密切联系群众，认真履职尽责。",
    "活动结束后，有关情况已整理形成报告，报送人大常委会。",
];

fn write_activity(ctx: &Ctx, a: &Activity, buf: &mut String, st: &mut Stats) -> io::Result<()> {
    let tree = ctx.tree;
    let mut rng = Rng::keyed(a.rng_state, 0, 0, 0);
    let (x, p) = (a.topic, a.place.as_str());
    let title = match a.kind {
        0 => format!("{p}人大代表视察{x}工作"),
        1 => format!("{p}人大代表开展{x}专题调研"),
        2 => format!("{p}人大代表集中接待选民"),
        3 => format!("{p}人大代表向选民述职"),
        4 => format!("{p}代表小组围绕{x}开展活动"),
        5 => format!("{p}人大代表履职能力培训"),
        6 => format!("{p}召开{x}座谈会"),
        _ => format!("{p}人大代表参加{x}志愿服务活动"),
    };
    buf.clear();
    buf.push_str("---\ntitle: ");
    push_yaml_str(buf, &title);
    buf.push_str("\ndate: ");
    a.date.push(buf);
    let _ = write!(buf, "\nkind: {}\ndeputies: ", KINDS[a.kind]);
    push_list(buf, &a.deputies);
    buf.push('\n');
    if let Some(s) = &a.station {
        let _ = writeln!(buf, "station: {s}");
    }
    if let Some(ar) = &a.area {
        let _ = writeln!(buf, "area: {ar}");
    }
    if a.kind == RECEPTION {
        let _ = writeln!(buf, "received: {}", a.received);
    }
    if !a.suggestions.is_empty() {
        buf.push_str("suggestions: ");
        push_list(buf, &a.suggestions);
        buf.push('\n');
    }
    buf.push_str("---\n");
    a.date.push_cn(buf);
    let m = a.deputies.len();
    let spot = match a.town {
        Some(w) => tree.towns[w].villages[rng.below(tree.towns[w].villages.len() as u64) as usize]
            .name
            .as_str(),
        None => "部分乡镇和社区",
    };
    let _ = match a.kind {
        0 => write!(
            buf,
            "，{p}组织{m}名人大代表对{x}工作进行视察。代表们实地察看了{spot}等点位，听取了有关部门的情况汇报。"
        ),
        1 => write!(
            buf,
            "，{p}{m}名人大代表围绕{x}开展专题调研，走访了{spot}，与基层干部群众面对面交流。"
        ),
        2 => write!(
            buf,
            "，{m}名人大代表在{}接待选民，当天共接待群众{}人次。",
            if a.station.is_some() { "联络站" } else { p },
            a.received
        ),
        3 => write!(
            buf,
            "，{p}组织{m}名人大代表向选民述职，报告了参加会议、视察调研和联系群众的情况，并接受选民评议。"
        ),
        4 => write!(buf, "，{p}代表小组开展活动，{m}名代表围绕{x}交流履职体会。"),
        5 => write!(
            buf,
            "，{p}举办人大代表履职能力培训，{m}名代表参加学习。培训内容包括代表法、监督法和代表建议撰写方法等。"
        ),
        6 => write!(buf, "，{p}召开{x}座谈会，{m}名人大代表和部分群众代表参加。"),
        _ => write!(
            buf,
            "，{m}名人大代表参加{x}志愿服务活动，深入{spot}宣传有关政策。"
        ),
    };
    buf.push_str("\n\n");
    if a.kind == RECEPTION || rng.chance(400) {
        let c = &CATEGORIES[rng.below(CATEGORIES.len() as u64) as usize];
        let place = if rng.chance(500) { "某小区" } else { spot };
        let town = a
            .town
            .map_or_else(|| p.to_string(), |w| tree.town_text_name(w));
        let summary = rng
            .pick(c.summaries)
            .replace("{p}", place)
            .replace("{t}", &town);
        let _ = write!(
            buf,
            "居民{}某反映：{summary}",
            words::SURNAMES[rng.below(40) as usize]
        );
    }
    buf.push_str(&rng.pick(DETAILS).replace("{x}", x));
    if !a.suggestions.is_empty() {
        let _ = write!(
            buf,
            "\n\n本次活动收集的{}条意见建议已按程序交有关部门办理。",
            a.suggestions.len()
        );
    } else if rng.chance(600) {
        buf.push_str("\n\n");
        buf.push_str(&rng.pick(CLOSINGS).replace("{a}", p));
    }
    buf.push('\n');
    let dir = if a.date.year() == 2025 {
        &ctx.activities_dirs[0]
    } else {
        &ctx.activities_dirs[1]
    };
    ctx.put(dir, &a.id, ".md", buf, st)
}

/// Writes the activities of a group with no suggestions (city level and above).
pub fn write_group_activities(
    ctx: &Ctx,
    g: Group,
    buf: &mut String,
    st: &mut Stats,
) -> io::Result<()> {
    for a in plan_activities(ctx, g) {
        write_activity(ctx, &a, buf, st)?;
    }
    Ok(())
}

fn handler_prefix(ctx: &Ctx, k: usize) -> u64 {
    if ctx.tree.top == Top::County {
        ctx.tree.counties[k].code
    } else {
        ctx.tree.province_of_county(k).code
    }
}

/// Picks a county-subtree deputy: (group, number), uniformly over all of them.
fn pick_deputy(ctx: &Ctx, k: usize, rng: &mut Rng) -> Option<(Group, u32)> {
    let tree = ctx.tree;
    let c = &tree.counties[k];
    let total = u64::from(ctx.plan.county[k])
        + c.towns
            .iter()
            .map(|&w| u64::from(ctx.plan.town[w]))
            .sum::<u64>();
    if total == 0 {
        return None;
    }
    let mut r = rng.below(total) as u32;
    if r < ctx.plan.county[k] {
        return Some((Group::County(k), r + 1));
    }
    r -= ctx.plan.county[k];
    for &w in &c.towns {
        if r < ctx.plan.town[w] {
            let g = Group::Town(w);
            let n = if g.ended(ctx, r + 1).is_some() {
                1
            } else {
                r + 1
            };
            return Some((g, n));
        }
        r -= ctx.plan.town[w];
    }
    None
}

/// Writes a county's activities (county and township groups) and its suggestion file.
pub fn write_county_records(
    ctx: &Ctx,
    k: usize,
    buf: &mut String,
    st: &mut Stats,
) -> io::Result<()> {
    let tree = ctx.tree;
    let c = &tree.counties[k];
    let mut acts = plan_activities(ctx, Group::County(k));
    for &w in &c.towns {
        acts.extend(plan_activities(ctx, Group::Town(w)));
    }
    let receptions: Vec<usize> = (0..acts.len())
        .filter(|&i| acts[i].kind == RECEPTION && acts[i].station.is_some())
        .collect();
    let hp = handler_prefix(ctx, k);
    let count = ctx.plan.sugg[k];
    let mut out = String::with_capacity(count as usize * 700);
    for i in 1..=count {
        let mut rng = Rng::keyed(ctx.seed, tag::SUGGESTION, c.code, u64::from(i));
        let linked = (!receptions.is_empty() && rng.chance(400))
            .then(|| receptions[rng.below(receptions.len() as u64) as usize]);
        // Who raised it, when, where, through which channel.
        let (received, channel, deputy, station, town) = if let Some(ai) = linked {
            let a = &acts[ai];
            let town = a
                .town
                .unwrap_or_else(|| c.towns[rng.below(c.towns.len() as u64) as usize]);
            let deputy = a.deputies[rng.below(a.deputies.len() as u64) as usize].clone();
            (a.date, "reception", deputy, a.station.clone(), town)
        } else {
            let Some((g, n)) = pick_deputy(ctx, k, &mut rng) else {
                break;
            };
            let town = match g {
                Group::County(_) => {
                    people::county_cons_villages(tree, k, people::county_cons(tree, k, n)).0
                }
                Group::Town(w) => w,
                _ => unreachable!(),
            };
            let channel = rng.pick(&[
                "visit", "visit", "hotline", "online", "online", "letter", "session",
            ]);
            let station = rng
                .chance(500)
                .then(|| format!("s{}", tree.towns[town].code));
            (any_day(&mut rng), channel, g.id(tree, n), station, town)
        };
        let t = &tree.towns[town];
        let v = rng.below(t.villages.len() as u64) as usize;
        let id = format!("{}-{}-{:03}", received.year(), c.code, i);
        if let Some(ai) = linked {
            acts[ai].suggestions.push(id.clone());
        }
        let cat = &CATEGORIES[rng.below(CATEGORIES.len() as u64) as usize];
        let place = if t.villages[v].community && rng.chance(500) {
            "某小区"
        } else {
            t.villages[v].name.as_str()
        };
        let summary = rng
            .pick(cat.summaries)
            .replace("{p}", place)
            .replace("{t}", &tree.town_text_name(town));
        let _ = write!(out, "- id: {id}\n  received: ");
        received.push(&mut out);
        let _ = write!(out, "\n  channel: {channel}\n  deputies: [{deputy}]\n");
        if let Some(s) = station {
            let _ = writeln!(out, "  station: {s}");
        }
        out.push_str("  area: ");
        people::push_village_id(&mut out, tree, town, v);
        let _ = write!(out, "\n  category: {}\n  summary: ", cat.name);
        push_yaml_str(&mut out, &summary);
        out.push('\n');
        suggestion_progress(&mut out, &mut rng, received, hp, cat);
    }
    for a in &acts {
        write_activity(ctx, a, buf, st)?;
    }
    if count > 0 {
        let id = format!("a{}", c.code);
        ctx.put(&ctx.suggestions_dir, &id, ".yaml", &out, st)?;
    }
    Ok(())
}

/// Appends handler, dates, outcome, reply, satisfaction and history of one suggestion.
/// Every date is on or before `last_day()`; steps that would fall later are left out.
fn suggestion_progress(
    out: &mut String,
    rng: &mut Rng,
    received: Date,
    hp: u64,
    cat: &words::Category,
) {
    let limit = last_day();
    let stage = rng.below(1000); // <40 received only, <120 transferred, <220 replied
    let extended = rng.chance(50);
    let priority = rng.chance(50);
    let transferred = received.plus(rng.range(2, 10));
    if stage < 40 || transferred > limit {
        let _ = write!(out, "  priority: {priority}\n  extended: false\n");
        return;
    }
    let _ = write!(
        out,
        "  handler: h-{hp}-{:02}\n  transferred: ",
        cat.handler + 1
    );
    transferred.push(out);
    out.push('\n');
    let replied = transferred.plus(if extended {
        rng.range(100, 170)
    } else {
        rng.range(15, 85)
    });
    if stage < 120 || replied > limit {
        let _ = write!(out, "  priority: {priority}\n  extended: {extended}\n");
        return;
    }
    out.push_str("  replied: ");
    replied.push(out);
    out.push('\n');
    if stage < 220 {
        out.push_str("  reply: 已收悉，正在研究办理，将及时向代表反馈办理结果。\n");
        let _ = write!(out, "  priority: {priority}\n  extended: {extended}\n");
        return;
    }
    let o = rng.below(100);
    let outcome = match o {
        0..=54 => 'A',
        55..=79 => 'B',
        80..=91 => 'C',
        _ => 'D',
    };
    let _ = write!(out, "  outcome: {outcome}\n  reply: ");
    let (y, m, _) = replied.civil();
    let _ = match outcome {
        'A' => write!(
            out,
            "经研究，已于{y}年{m}月完成{}，问题已基本解决。",
            cat.done
        ),
        'B' => write!(
            out,
            "该问题已列入{}年{}计划，将分步组织实施。",
            y + 1,
            cat.plan
        ),
        'C' => write!(
            out,
            "受资金和建设条件限制，目前暂不具备实施条件，待条件成熟后统筹解决。"
        ),
        _ => write!(out, "感谢代表提出的意见，将在今后工作中研究参考。"),
    };
    let s = rng.below(100);
    let satisfaction = match (outcome, s) {
        ('A', 0..=84) | ('B', 0..=49) | (_, 0..=19) => "satisfied",
        ('A', _) | ('B', 50..=89) | ('C', 20..=69) | ('D', 20..=59) => "basically-satisfied",
        _ => "dissatisfied",
    };
    let _ = write!(
        out,
        "\n  satisfaction: {satisfaction}\n  priority: {priority}\n  extended: {extended}\n"
    );
    if satisfaction == "dissatisfied" && rng.chance(600) {
        let reopened = replied.plus(rng.range(5, 20));
        let again = reopened.plus(rng.range(15, 60));
        if again <= limit {
            out.push_str("  history:\n    - { date: ");
            reopened.push(out);
            out.push_str(", event: reopened, note: 代表不满意，要求重新办理 }\n    - { date: ");
            again.push(out);
            let _ = writeln!(
                out,
                ", event: replied, outcome: {}, satisfaction: {} }}",
                if rng.chance(600) { 'A' } else { 'B' },
                if rng.chance(500) {
                    "satisfied"
                } else {
                    "basically-satisfied"
                }
            );
        }
    }
}
