//! The place hierarchy: areas (province → … → village), constituencies and electing units.
//!
//! Validation checks ids, parents (they exist, no cycles) and what constituencies cover.
//! The result keeps each area's parent, children and depth so walking up (who represents a
//! village) or down (the area directory) is cheap.

use super::check::{Checker, Index, id_hint, valid_id};
use crate::diag::Diagnostic;
use crate::sources::Doc;
use crate::sources::raw::RawAreasFile;
use crate::vocab::{AreaKind, Derived, Division, Level, derive_division};

pub type AreaIx = u32;

#[derive(Debug, Clone)]
pub struct Area {
    pub id: String,
    pub name: String,
    /// The generic kind, which fixes the level ("which congress elects whom").
    pub kind: AreaKind,
    /// The real kind, as pages and open data show it (自治州, 市辖区 …).
    pub division: Division,
    pub parent: Option<AreaIx>,
    pub children: Vec<AreaIx>,
    pub code: Option<String>,
    pub pinyin: Option<String>,
    pub extra: Option<serde_json::Value>,
}

#[derive(Debug, Clone)]
pub struct Constituency {
    pub id: String,
    pub name: String,
    pub level: Level,
    pub covers: Vec<AreaIx>,
}

#[derive(Debug, Clone)]
pub struct Unit {
    pub id: String,
    pub name: String,
    pub pinyin: Option<String>,
}

#[derive(Debug, Default)]
pub struct Places {
    pub areas: Vec<Area>,
    pub constituencies: Vec<Constituency>,
    pub units: Vec<Unit>,
    pub area_index: Index,
    pub constituency_index: Index,
    pub unit_index: Index,
}

impl Places {
    /// The area and its ancestors, nearest first.
    pub fn chain(&self, area: AreaIx) -> impl Iterator<Item = AreaIx> + '_ {
        std::iter::successors(Some(area), |&a| self.areas[a as usize].parent)
    }

    /// The areas without a parent, in file order.
    pub fn roots(&self) -> impl Iterator<Item = AreaIx> + '_ {
        (0..self.areas.len() as u32).filter(|&a| self.areas[a as usize].parent.is_none())
    }
}

pub fn validate(doc: Option<&Doc<RawAreasFile>>, ck: &mut Checker<'_>) -> Places {
    // Where each kind is listed: areas.yaml, or a sheet of areas.xlsx.
    let book = doc.is_some_and(|d| d.origin.book.is_some());
    let homes = match book {
        true => [
            "areas.xlsx (a row of its areas sheet)",
            "areas.xlsx (a row of its sheet 选区)",
            "areas.xlsx (a row of its sheet 选举单位)",
        ],
        false => [
            "areas.yaml (areas:)",
            "areas.yaml (constituencies:)",
            "areas.yaml (units:)",
        ],
    };
    let mut p = Places {
        area_index: Index::new("area", homes[0]),
        constituency_index: Index::new("constituency", homes[1]),
        unit_index: Index::new("electing unit", homes[2]),
        ..Places::default()
    };
    let Some(doc) = doc else { return p };
    let raw = &doc.raw;
    for a in &raw.areas {
        let id = a.id.value.as_str();
        if !valid_id(id) {
            ck.error(&a.id, format!("`{id}` is not a valid id"), id_hint(id));
        }
        if !p.area_index.insert(id, p.areas.len() as u32) {
            ck.error(
                &a.id,
                format!("the area id `{id}` is used twice"),
                "give every area its own id",
            );
            continue;
        }
        p.area_index
            .insert_name(a.name.value.main(ck.first), id, p.areas.len() as u32);
        p.areas.push(Area {
            id: id.to_owned(),
            name: ck.named_in(&a.name),
            kind: AreaKind::Village,
            division: Division::Village,
            parent: None,
            children: Vec::new(),
            code: a.code.as_ref().map(|c| c.0.clone()),
            pinyin: a.pinyin.as_ref().map(|c| c.0.clone()),
            extra: a.extra.clone(),
        });
    }
    // Parents, in a second pass so a child may be listed before its parent.
    let mut ix = 0usize;
    for a in &raw.areas {
        if p.area_index.get(a.id.value.as_str()) != Some(ix as u32) {
            continue;
        }
        if let Some(parent) = &a.parent
            && let Some(pix) = ck.lookup(&p.area_index, parent)
        {
            p.areas[ix].parent = Some(pix);
        }
        ix += 1;
    }
    let in_cycle = break_cycles(&mut p, doc, ck);
    read_kinds(&mut p, doc, ck, &in_cycle);
    for a in 0..p.areas.len() {
        if let Some(parent) = p.areas[a].parent {
            p.areas[parent as usize].children.push(a as u32);
        }
    }
    for c in &raw.constituencies {
        let id = c.id.value.as_str();
        if !valid_id(id) {
            ck.error(&c.id, format!("`{id}` is not a valid id"), id_hint(id));
        }
        if !p
            .constituency_index
            .insert(id, p.constituencies.len() as u32)
        {
            ck.error(
                &c.id,
                format!("the constituency id `{id}` is used twice"),
                "give every constituency its own id",
            );
            continue;
        }
        if !c.level.value.is_direct() {
            let hint = if book {
                "write 县 or 乡镇; higher levels are elected by an area's congress (the 选举单位 of the deputy)"
            } else {
                "use `level: county` or `level: township`; higher levels are elected by an area's congress (`elected_by:` on the deputy)"
            };
            ck.error(
                &c.level,
                format!(
                    "a constituency elects county or township deputies, not `{}`",
                    c.level.value.as_str()
                ),
                hint,
            );
        }
        if c.covers.value.is_empty() {
            let hint = if book {
                "list the villages or communities it covers in the cell, by id or name, separated by 、 (东村、西村)"
            } else {
                "list the villages or communities it covers: `covers: [xinhua, hongqi]`"
            };
            ck.error(
                &c.covers,
                format!("the constituency `{id}` covers no area"),
                hint,
            );
        }
        let covers = ck.lookup_all(&p.area_index, &c.covers.value);
        p.constituency_index.insert_name(
            c.name.value.main(ck.first),
            id,
            p.constituencies.len() as u32,
        );
        p.constituencies.push(Constituency {
            id: id.to_owned(),
            name: ck.named_in(&c.name),
            level: c.level.value,
            covers,
        });
    }
    for u in &raw.units {
        let id = u.id.value.as_str();
        if !valid_id(id) {
            ck.error(&u.id, format!("`{id}` is not a valid id"), id_hint(id));
        }
        if p.area_index.get(id).is_some() {
            ck.error(
                &u.id,
                format!("`{id}` is already an area id"),
                "electing units and areas share `elected_by:`, so their ids must differ",
            );
        }
        if !p.unit_index.insert(id, p.units.len() as u32) {
            ck.error(
                &u.id,
                format!("the unit id `{id}` is used twice"),
                "give every unit its own id",
            );
            continue;
        }
        p.unit_index
            .insert_name(u.name.value.main(ck.first), id, p.units.len() as u32);
        p.units.push(Unit {
            id: id.to_owned(),
            name: ck.named_in(&u.name),
            pinyin: u.pinyin.as_ref().map(|t| t.0.clone()),
        });
    }
    p
}

/// Give every area its real kind: the one written (id or Chinese), or the one its name's
/// suffix says; then check each kind sits below its parent's.
fn read_kinds(p: &mut Places, doc: &Doc<RawAreasFile>, ck: &mut Checker<'_>, in_cycle: &[bool]) {
    // Raw entries by model index (duplicates were skipped).
    let mut raw_of = vec![None; p.areas.len()];
    for r in &doc.raw.areas {
        if let Some(ix) = p.area_index.get(r.id.value.as_str())
            && raw_of[ix as usize].is_none()
        {
            raw_of[ix as usize] = Some(r);
        }
    }
    // Parents before children, so a derived `市` can look at its parent's rank.
    let depth = |mut a: u32| {
        let mut d = 0usize;
        while let Some(up) = p.areas[a as usize].parent {
            d += 1;
            a = up;
        }
        d
    };
    let mut order: Vec<u32> = (0..p.areas.len() as u32).collect();
    order.sort_by_cached_key(|&a| depth(a));
    let mut known = vec![true; p.areas.len()];
    for a in order {
        let Some(raw) = raw_of[a as usize] else {
            continue;
        };
        let parent = p.areas[a as usize].parent;
        let parent_rank = parent.map_or(0, |x| p.areas[x as usize].division.rank());
        let division = match &raw.kind {
            Some(kind) => match Division::read(kind.value.as_str()) {
                Some(d) => Some(d),
                None => {
                    ck.error(
                        kind,
                        format!("`{}` is not a kind of area", kind.value.as_str()),
                        kind_list_hint(1),
                    );
                    None
                }
            },
            None => match derive_division(raw.name.value.main(ck.first), parent_rank) {
                Some(Derived::Sure(d)) => Some(d),
                Some(Derived::Guess(d, why)) => {
                    ck.push(
                        Diagnostic::warning(
                            ck.span(&raw.name),
                            format!(
                                "the kind of `{}` is read from its name as {} ({}): {why}",
                                raw.name.value.main(ck.first),
                                d.chinese(),
                                d.as_str()
                            ),
                        )
                        .hint(format!(
                            "write `kind: {}` (or the right kind) to say so",
                            d.chinese()
                        )),
                    );
                    Some(d)
                }
                None => {
                    ck.error(
                        &raw.name,
                        format!(
                            "the area `{}` has no `kind:` and its name does not end in one",
                            raw.id.value.as_str()
                        ),
                        kind_list_hint(1),
                    );
                    None
                }
            },
        };
        let Some(division) = division else {
            known[a as usize] = false;
            continue;
        };
        let area = &mut p.areas[a as usize];
        area.division = division;
        area.kind = division.generic();
        if let Some(px) = parent
            && known[px as usize]
            && !in_cycle[a as usize]
            && division.rank() <= parent_rank
        {
            let parent_area = &p.areas[px as usize];
            let at = raw
                .kind
                .as_ref()
                .map_or_else(|| ck.span(&raw.name), |k| ck.span(k));
            ck.push(
                Diagnostic::error(
                    at,
                    format!(
                        "a {} ({}) cannot lie inside `{}`, a {} ({})",
                        division.chinese(),
                        division.as_str(),
                        parent_area.id,
                        parent_area.division.chinese(),
                        parent_area.division.as_str()
                    ),
                )
                .hint(if parent_rank >= 5 {
                    "villages and communities have no places inside them; fix this area's `parent:`"
                        .to_owned()
                } else {
                    format!(
                        "inside a {} the kinds are one level down or lower — {}; or fix `parent:`",
                        parent_area.division.chinese(),
                        kind_list(parent_rank + 1)
                    )
                }),
            );
        }
    }
}

/// Every kind from `rank` down, level by level.
fn kind_list(rank: u8) -> String {
    (rank.max(1)..=5)
        .map(Division::words_at)
        .collect::<Vec<_>>()
        .join("; ")
}

fn kind_list_hint(rank: u8) -> String {
    format!("use one of the kinds, by level: {}", kind_list(rank))
}

/// Report every cycle in the parent links once and cut it, so later stages can walk up
/// the tree without looping. Returns which areas were on a cycle (their levels are not
/// checked again: the cycle is the mistake to fix).
fn break_cycles(p: &mut Places, doc: &Doc<RawAreasFile>, ck: &mut Checker<'_>) -> Vec<bool> {
    let n = p.areas.len();
    let mut in_cycle = vec![false; n];
    // 0 = unvisited, 1 = on the current path, 2 = done.
    let mut state = vec![0u8; n];
    for start in 0..n {
        let mut path = Vec::new();
        let mut cur = Some(start as u32);
        while let Some(a) = cur {
            match state[a as usize] {
                2 => break,
                1 => {
                    let names: Vec<&str> = path
                        .iter()
                        .skip_while(|&&x| x != a)
                        .map(|&x| {
                            in_cycle[x as usize] = true;
                            p.areas[x as usize].id.as_str()
                        })
                        .collect();
                    let msg = format!(
                        "the areas {} → {} form a cycle of parents",
                        names.join(" → "),
                        p.areas[a as usize].id
                    );
                    let raw = doc
                        .raw
                        .areas
                        .iter()
                        .find(|r| r.id.value.as_str() == p.areas[a as usize].id);
                    let span = raw
                        .and_then(|r| r.parent.as_ref())
                        .map_or_else(|| doc.origin.start(), |at| doc.origin.at(at));
                    ck.push(Diagnostic::error(span, msg).hint("an area's parent must be the larger place that contains it; one of these `parent:` entries is wrong"));
                    p.areas[a as usize].parent = None;
                    break;
                }
                _ => {
                    state[a as usize] = 1;
                    path.push(a);
                    cur = p.areas[a as usize].parent;
                }
            }
        }
        for a in path {
            state[a as usize] = 2;
        }
    }
    in_cycle
}
