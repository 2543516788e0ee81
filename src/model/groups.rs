//! Liaison groups (代表联系组, 代表小组): deputies of any level grouped by a congress, with a
//! leader (组长), deputy leaders (副组长), optional activity sub-groups and a home station.
//!
//! Groups come from `groups.yaml` and from the `group:` field of deputies: an id there joins
//! the deputy to that group, the name of a declared group joins it too, and any other name
//! creates a group of that name (the content of sites written before `groups.yaml` existed),
//! with an id spelled in pinyin. Membership is settled first, then checked: a leader, deputy
//! leader or sub-group member who is not a member of the group is a located error.

use std::collections::HashMap;

use pinyin::ToPinyin;

use super::areas::Places;
use super::check::{Checker, Index, id_hint, valid_id};
use crate::diag::Diagnostics;
use crate::sources::raw::RawGroupsFile;
use crate::sources::{At, Doc, Origin, Text};
use crate::vocab::Level;

#[derive(Debug, Clone)]
pub struct SubGroup {
    pub name: String,
    pub leader: Option<u32>,
    pub members: Vec<u32>,
}

#[derive(Debug, Clone)]
pub struct Group {
    pub id: String,
    pub name: String,
    /// The level of the congress that formed it (none for a group made by a deputy's
    /// `group:` name).
    pub level: Option<Level>,
    /// The area of the congress that formed it.
    pub area: Option<u32>,
    pub leader: Option<u32>,
    pub deputy_leaders: Vec<u32>,
    /// Every member, in the order they were named (groups.yaml first, then deputy files).
    pub members: Vec<u32>,
    pub subgroups: Vec<SubGroup>,
    pub station: Option<u32>,
    pub pinyin: Option<String>,
    pub extra: Option<serde_json::Value>,
}

/// A deputy's place in a group.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Role {
    Leader,
    DeputyLeader,
    Member,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Leader => "leader",
            Role::DeputyLeader => "deputy-leader",
            Role::Member => "member",
        }
    }
}

impl Group {
    /// The role of deputy `d` in this group, if a member.
    pub fn role(&self, d: u32) -> Option<Role> {
        if self.leader == Some(d) {
            Some(Role::Leader)
        } else if self.deputy_leaders.contains(&d) {
            Some(Role::DeputyLeader)
        } else if self.members.contains(&d) {
            Some(Role::Member)
        } else {
            None
        }
    }
}

/// Every group, the index of their ids, and the groups of each deputy.
#[derive(Debug, Default)]
pub struct Groups {
    pub list: Vec<Group>,
    pub index: Index,
    /// Per deputy: the groups they belong to, in group order.
    pub of_deputy: Vec<Vec<u32>>,
    /// Per group: the activities naming it, newest first (filled by [`Groups::file`]).
    pub activities: Vec<Vec<u32>>,
    /// Per area: the groups formed by its congress or with their home station in it, in
    /// group order (filled by [`Groups::file`]).
    pub by_area: Vec<Vec<u32>>,
    /// Per station: the groups whose home it is (filled by [`Groups::file`]).
    pub by_station: Vec<Vec<u32>>,
}

/// What groups refer to.
pub struct Refs<'a> {
    pub deputies: &'a Index,
    pub stations: &'a Index,
    pub places: &'a Places,
    /// groups.yaml exists but could not be parsed: no group id is reported unknown.
    pub incomplete: bool,
}

/// The id of a group made from a deputy's `group:` name: the name in pinyin, syllables
/// joined by `-`, other characters than letters and digits dropped.
pub fn id_from_name(name: &str) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut word = String::new();
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            word.push(c.to_ascii_lowercase());
            continue;
        }
        if !word.is_empty() {
            parts.push(std::mem::take(&mut word));
        }
        if let Some(p) = c.to_pinyin() {
            parts.push(p.plain().to_owned());
        }
    }
    if !word.is_empty() {
        parts.push(word);
    }
    let id = parts.join("-");
    if id.is_empty() {
        "group".to_owned()
    } else {
        id
    }
}

/// The area of the congress that formed `g`: an area whose kind seats a congress of the
/// group's level (a county for `level: county`); none for the national congress.
fn congress_area(
    g: &crate::sources::raw::RawGroup,
    places: &Places,
    ck: &mut Checker<'_>,
) -> Option<u32> {
    let level = g.level.value;
    let Some(at) = &g.area else {
        if level != Level::National {
            ck.error(
                &g.level,
                format!("a {} group needs `area:`", level.as_str()),
                format!(
                    "add `area: <id>` naming the {} whose congress formed the group",
                    level.as_str()
                ),
            );
        }
        return None;
    };
    let a = ck.lookup(&places.area_index, at)?;
    let kind = places.areas[a as usize].kind;
    if level != Level::National && kind.level() != Some(level) {
        ck.error(
            at,
            format!(
                "`{}` is a {}, but the group's level is {}",
                at.value,
                kind.as_str(),
                level.as_str()
            ),
            format!(
                "name the area whose {} congress formed the group, or change `level:`",
                level.as_str()
            ),
        );
        return None;
    }
    Some(a)
}

/// A deputy's `group:` field: the deputy's place among the deputies, where its file is,
/// and the field.
pub type Membership<'a> = (u32, &'a Origin, &'a At<Text>);

/// Validate `groups.yaml` and the `group:` fields of `deputies` deputies (`memberships`,
/// in the deputies' order). Problems of groups.yaml go to `ck`; those of a deputy's field
/// to `diags`, located in the deputy's file.
pub fn validate<'a>(
    doc: Option<&Doc<RawGroupsFile>>,
    deputies: usize,
    memberships: impl IntoIterator<Item = Membership<'a>>,
    refs: &Refs<'_>,
    ck: &mut Checker<'_>,
    diags: &mut Diagnostics,
) -> Groups {
    let mut out = Groups {
        index: Index::new("liaison group", "groups.yaml (groups:)"),
        of_deputy: vec![Vec::new(); deputies],
        ..Groups::default()
    };
    out.index.incomplete = refs.incomplete;
    let raws = doc.map(|d| d.raw.groups.as_slice()).unwrap_or_default();
    let mut by_name: HashMap<String, u32> = HashMap::new();
    // Where each declared group was written: its leaders and sub-groups are checked after
    // every membership is known.
    let mut declared = Vec::new();
    for g in raws {
        let id = g.id.value.as_str().trim();
        if !valid_id(id) {
            ck.error(&g.id, format!("`{id}` is not a valid id"), id_hint(id));
        }
        let ix = out.list.len() as u32;
        if !out.index.insert(id, ix) {
            ck.error(
                &g.id,
                format!("the group id `{id}` is used twice"),
                "give every liaison group its own id",
            );
            continue;
        }
        let name = ck.named_in(&g.name);
        by_name.entry(name.clone()).or_insert(ix);
        let area = congress_area(g, refs.places, ck);
        let members = ck.lookup_all(refs.deputies, &g.members);
        let leader = g.leader.as_ref().and_then(|l| ck.lookup(refs.deputies, l));
        let deputy_leaders = ck.lookup_all(refs.deputies, &g.deputy_leaders);
        let station = g.station.as_ref().and_then(|s| ck.lookup(refs.stations, s));
        let subgroups = g
            .subgroups
            .iter()
            .map(|s| SubGroup {
                name: ck.named(&s.name),
                leader: s.leader.as_ref().and_then(|l| ck.lookup(refs.deputies, l)),
                members: ck.lookup_all(refs.deputies, &s.members),
            })
            .collect();
        declared.push((ix, g));
        out.list.push(Group {
            id: id.to_owned(),
            name,
            level: Some(g.level.value),
            area,
            leader,
            deputy_leaders,
            members,
            subgroups,
            station,
            pinyin: g.pinyin.as_ref().map(|t| t.0.clone()),
            extra: g.extra.clone(),
        });
    }
    for (d, origin, at) in memberships {
        let value = at.value.as_str().trim();
        if value.is_empty() {
            continue;
        }
        let g = match out.index.get(value).or_else(|| by_name.get(value).copied()) {
            Some(g) => g,
            None if valid_id(value) && out.index.excused(value) => continue,
            None if valid_id(value) => {
                let mut dck = Checker::new(origin);
                // An id-like value is taken for an id; a name creates a group.
                let d = out.index.unknown(dck.span(at), value);
                dck.push(d);
                diags.extend(dck.diags.into_iter().collect());
                continue;
            }
            None => {
                let ix = out.list.len() as u32;
                let base = id_from_name(value);
                let mut id = base.clone();
                let mut n = 2;
                while out.index.get(&id).is_some() {
                    id = format!("{base}-{n}");
                    n += 1;
                }
                out.index.insert(&id, ix);
                by_name.insert(value.to_owned(), ix);
                out.list.push(Group {
                    id,
                    name: value.to_owned(),
                    level: None,
                    area: None,
                    leader: None,
                    deputy_leaders: Vec::new(),
                    members: Vec::new(),
                    subgroups: Vec::new(),
                    station: None,
                    pinyin: None,
                    extra: None,
                });
                ix
            }
        };
        let members = &mut out.list[g as usize].members;
        if !members.contains(&d) {
            members.push(d);
        }
    }
    for (ix, g) in declared {
        let group = &out.list[ix as usize];
        let is_member = |at: &At<Text>| {
            refs.deputies
                .get(at.value.as_str())
                .is_none_or(|d| group.members.contains(&d))
        };
        let not_member = |ck: &mut Checker<'_>, at: &At<Text>, what: &str| {
            ck.error(
                at,
                format!(
                    "the {what} `{}` is not a member of the group `{}`",
                    at.value, group.id
                ),
                format!(
                    "add `{}` to the group's `members:` (or set `group: {}` in the deputy's file)",
                    at.value, group.id
                ),
            );
        };
        if let Some(l) = &g.leader
            && !is_member(l)
        {
            not_member(ck, l, "leader");
        }
        for l in &g.deputy_leaders {
            if !is_member(l) {
                not_member(ck, l, "deputy leader");
            }
        }
        for s in &g.subgroups {
            for m in s.members.iter().chain(&s.leader) {
                if !is_member(m) {
                    not_member(ck, m, "sub-group member");
                }
            }
        }
    }
    for (g, group) in out.list.iter().enumerate() {
        for &d in &group.members {
            out.of_deputy[d as usize].push(g as u32);
        }
    }
    out.activities = vec![Vec::new(); out.list.len()];
    out
}

impl Groups {
    /// Files each activity that names a group under that group, keeping `newest` order,
    /// and each group under its congress's area, its home station and that station's area.
    pub fn file(
        &mut self,
        newest: &[u32],
        activities: &[super::Activity],
        stations: &[super::Station],
        areas: usize,
    ) {
        for &a in newest {
            if let Some(g) = activities[a as usize].group {
                self.activities[g as usize].push(a);
            }
        }
        self.by_area = vec![Vec::new(); areas];
        self.by_station = vec![Vec::new(); stations.len()];
        for (g, group) in self.list.iter().enumerate() {
            let g = g as u32;
            let home = group.station.map(|s| stations[s as usize].area);
            for a in group.area.into_iter().chain(home) {
                let list = &mut self.by_area[a as usize];
                if list.last() != Some(&g) {
                    list.push(g);
                }
            }
            if let Some(s) = group.station {
                self.by_station[s as usize].push(g);
            }
        }
    }

    /// The group-meetings of group `g` in the as-of date's calendar year, up to that date.
    pub fn meetings_in_year(
        &self,
        g: u32,
        activities: &[super::Activity],
        as_of: jiff::civil::Date,
    ) -> usize {
        self.activities[g as usize]
            .iter()
            .map(|&a| &activities[a as usize])
            .filter(|a| {
                a.kind == crate::vocab::ActivityKind::GroupMeeting
                    && a.date.year() == as_of.year()
                    && a.date <= as_of
            })
            .count()
    }
}

#[cfg(test)]
mod tests {
    use super::id_from_name;

    #[test]
    fn a_group_name_becomes_a_pinyin_id() {
        assert_eq!(
            id_from_name("城关镇代表小组"),
            "cheng-guan-zhen-dai-biao-xiao-zu"
        );
        assert_eq!(id_from_name("第2小组"), "di-2-xiao-zu");
        assert_eq!(id_from_name("！"), "group");
    }
}
