//! `data/popolo.json`: the people and places of the site in the Popolo data specification
//! (<https://www.popoloproject.com/>), the format civic tools use for legislators.
//!
//! - **persons**: every deputy (`deputies/<id>`), with the channels the deputy agreed to
//!   publish as `contact_details` (phone → `voice`, mobile → `cell`, fax, email, wechat,
//!   website → `url`, mailbox, other with its label) and the profile page as a link.
//! - **organizations**: each congress (`congresses/<level>/<area>`, `congresses/national`,
//!   classification `legislature`), each station (`stations/<id>`, classified by its kind),
//!   each handling unit (`handlers/<id>`, classified by its kind) and each electing unit
//!   that is not a place (`units/<id>`, `electing_unit`), each liaison group
//!   (`groups/<id>`, `liaison_group`, `parent_id` = the congress that formed it when the site
//!   has it) and each of its sub-groups (`groups/<id>/subgroups/<n>`, `liaison_subgroup`).
//! - **areas**: the area tree (`areas/<id>`, classification = kind, identifier = division
//!   code, `parent_id`) and the constituencies (`constituencies/<id>`, `constituency`, parent
//!   = the place whose congress they elect; `covers` lists the areas they cover — an
//!   extension, Popolo has no field for it).
//! - **posts**: one per seat and level — a constituency, an electing area or an electing
//!   unit returning deputies to a congress (`posts/<level>/<seat id>`).
//! - **memberships**: each deputy in their congress through their post (`role` = 县人大代表,
//!   `label` = 示例县人民代表大会代表（十八届）, an extension `term`, `start_date` = the start
//!   of the deputy's term when `site.yaml` dates it, `end_date` = the `ended` date, else the
//!   end of a term that is over; an electing unit as `on_behalf_of_id`), and each deputy at each station they
//!   receive at (`进站代表`, ending with the deputy's term), and each deputy in each liaison
//!   group and sub-group (`role` = 组长, 副组长 or 成员).
//!
//! A site whose terms have no dates has no `start_date`. Arrays are in a fixed
//! order (deputies, stations and handlers by id, places in file order), one item per line.

use serde::Serialize;

use super::by_id;
use crate::model::groups::Role;
use crate::model::{Model, Seat};
use crate::site::Strings;
use crate::site::congress::{self, Congress, ui};
use crate::site::urls;
use crate::vocab::ContactKind;

#[derive(Debug, Serialize)]
struct ContactDetail<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    label: Option<&'a str>,
    value: &'a str,
}

#[derive(Debug, Serialize)]
struct Link {
    url: String,
    note: String,
}

/// A Popolo other name: the name in the deputy's own script, its language in the note.
#[derive(Debug, Serialize)]
struct OtherName<'a> {
    name: &'a str,
    note: String,
}

#[derive(Debug, Serialize)]
struct Person<'a> {
    id: String,
    name: &'a str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    other_names: Vec<OtherName<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    gender: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    summary: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    image: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    email: Option<&'a str>,
    contact_details: Vec<ContactDetail<'a>>,
    links: Vec<Link>,
}

#[derive(Debug, Serialize)]
struct Organization<'a> {
    id: String,
    name: String,
    classification: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    area_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    parent_id: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    contact_details: Vec<ContactDetail<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    links: Vec<Link>,
}

#[derive(Debug, Serialize)]
struct Area<'a> {
    id: String,
    name: &'a str,
    classification: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    identifier: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    parent_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    covers: Option<Vec<String>>,
}

#[derive(Debug, Serialize)]
struct Post {
    id: String,
    label: String,
    role: String,
    organization_id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    area_id: Option<String>,
}

#[derive(Debug, Serialize)]
struct Membership<'a> {
    id: String,
    person_id: String,
    organization_id: String,
    role: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    label: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    term: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    post_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    area_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    on_behalf_of_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    start_date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    end_date: Option<String>,
}

impl Membership<'_> {
    /// The membership `id` of the deputy `deputy` in `organization`, with a role and an end
    /// only (a station's, a liaison group's).
    fn plain(
        id: String,
        deputy: &str,
        organization: String,
        role: &str,
        end_date: Option<String>,
    ) -> Self {
        Membership {
            id,
            person_id: format!("deputies/{deputy}"),
            organization_id: organization,
            role: role.to_owned(),
            label: None,
            term: None,
            post_id: None,
            area_id: None,
            on_behalf_of_id: None,
            start_date: None,
            end_date,
        }
    }
}

/// The dates of a deputy's seat: from the start of their term (when `site.yaml` dates it)
/// to the day they left (`ended`), else to the end of their term once it is over (an
/// archived deputy's); a serving deputy's membership has no end.
fn seat_dates(model: &Model, d: u32) -> (Option<String>, Option<String>) {
    let dep = &model.deputies[d as usize];
    let term = crate::model::terms::of_deputy(model, d);
    let start = term.and_then(|t| t.start).map(|s| s.to_string());
    let end = dep
        .ended()
        .and_then(|(d, _)| *d)
        .or_else(|| term.and_then(|t| t.end).filter(|&e| e < model.as_of))
        .map(|e| e.to_string());
    (start, end)
}

/// The Popolo `type` of a contact channel.
pub fn contact_type(k: ContactKind) -> &'static str {
    match k {
        ContactKind::Phone => "voice",
        ContactKind::Mobile => "cell",
        ContactKind::Fax => "fax",
        ContactKind::Email => "email",
        ContactKind::Wechat => "wechat",
        ContactKind::Website => "url",
        ContactKind::Mailbox => "mailbox",
        ContactKind::Other => "other",
    }
}

fn page_link(model: &Model, section: &str, id: &str, note: &str) -> Link {
    Link {
        url: format!(
            "{}{}",
            model.config.base_url,
            urls::pretty(&urls::item(section, id))
        ),
        note: note.to_owned(),
    }
}

/// The post a deputy holds: its id, label and area (none for an electing unit).
fn post_of(model: &Model, d: usize) -> (String, &str, Option<String>) {
    let dep = &model.deputies[d];
    let level = dep.level.as_str();
    match dep.seat {
        Seat::Constituency(c) => {
            let con = &model.places.constituencies[c as usize];
            let id = format!("constituencies/{}", con.id);
            (format!("posts/{level}/{id}"), &con.name, Some(id))
        }
        Seat::Area(a) => {
            let ar = &model.places.areas[a as usize];
            let id = format!("areas/{}", ar.id);
            (format!("posts/{level}/{id}"), &ar.name, Some(id))
        }
        Seat::Unit(u) => {
            let un = &model.places.units[u as usize];
            (format!("posts/{level}/units/{}", un.id), &un.name, None)
        }
    }
}

fn persons<'a>(model: &'a Model, order: &'a [usize]) -> impl Iterator<Item = Person<'a>> + 'a {
    order.iter().map(|&d| {
        let dep = &model.deputies[d];
        Person {
            id: format!("deputies/{}", dep.id),
            name: &dep.name,
            other_names: dep
                .name_native()
                .iter()
                .map(|n| OtherName {
                    name: &n.text,
                    note: format!("name_native: in the deputy's own script ({})", n.lang),
                })
                .collect(),
            gender: dep.gender.map(|g| g.as_str()),
            summary: dep.occupation.as_deref(),
            image: dep
                .photo()
                .map(|p| format!("{}static/{p}", model.config.base_url)),
            email: dep
                .contacts
                .iter()
                .find(|c| c.kind == ContactKind::Email)
                .map(|c| c.value.as_str()),
            contact_details: dep
                .contacts
                .iter()
                .map(|c| ContactDetail {
                    kind: contact_type(c.kind),
                    label: c.label.as_deref(),
                    value: &c.value,
                })
                .collect(),
            links: vec![page_link(model, "deputies", &dep.id, "profile")],
        }
    })
}

fn organizations<'a>(model: &'a Model, strings: &Strings) -> Vec<Organization<'a>> {
    let mut out: Vec<Organization<'a>> = congress::all(model)
        .into_iter()
        .map(|c| Organization {
            id: c.id(model),
            name: c.name(model, strings),
            classification: "legislature",
            area_id: c
                .area
                .map(|a| format!("areas/{}", model.places.areas[a as usize].id)),
            parent_id: None,
            contact_details: Vec::new(),
            links: Vec::new(),
        })
        .collect();
    for s in by_id(&model.stations, |s| &s.id) {
        let st = &model.stations[s];
        let mut contact_details = Vec::new();
        if let Some(p) = &st.phone {
            contact_details.push(ContactDetail {
                kind: "voice",
                label: None,
                value: p,
            });
        }
        if let Some(a) = &st.address {
            contact_details.push(ContactDetail {
                kind: "address",
                label: None,
                value: a,
            });
        }
        out.push(Organization {
            id: format!("stations/{}", st.id),
            name: st.name.clone(),
            classification: st.kind.as_str(),
            area_id: Some(format!("areas/{}", model.places.areas[st.area as usize].id)),
            parent_id: None,
            contact_details,
            links: vec![page_link(model, "stations", &st.id, "station page")],
        });
    }
    for h in by_id(&model.handlers, |h| &h.id) {
        let hd = &model.handlers[h];
        out.push(Organization {
            id: format!("handlers/{}", hd.id),
            name: hd.name.clone(),
            classification: hd.kind.as_deref().unwrap_or("handler"),
            area_id: None,
            parent_id: None,
            contact_details: Vec::new(),
            links: vec![page_link(model, "handlers", &hd.id, "handler page")],
        });
    }
    for u in &model.places.units {
        out.push(Organization {
            id: format!("units/{}", u.id),
            name: u.name.clone(),
            classification: "electing_unit",
            area_id: None,
            parent_id: None,
            contact_details: Vec::new(),
            links: vec![page_link(model, "units", &u.id, "unit page")],
        });
    }
    let congresses: Vec<Congress> = congress::all(model);
    for g in by_id(&model.groups.list, |g| &g.id) {
        let gr = &model.groups.list[g];
        let area_id = gr
            .area
            .map(|a| format!("areas/{}", model.places.areas[a as usize].id));
        let parent = gr
            .level
            .map(|level| Congress {
                level,
                area: gr.area,
            })
            .filter(|c| congresses.contains(c))
            .map(|c| c.id(model));
        out.push(Organization {
            id: format!("groups/{}", gr.id),
            name: gr.name.clone(),
            classification: "liaison_group",
            area_id: area_id.clone(),
            parent_id: parent,
            contact_details: Vec::new(),
            links: vec![page_link(model, "groups", &gr.id, "group page")],
        });
        for (n, sg) in gr.subgroups.iter().enumerate() {
            out.push(Organization {
                id: format!("groups/{}/subgroups/{}", gr.id, n + 1),
                name: sg.name.clone(),
                classification: "liaison_subgroup",
                area_id: area_id.clone(),
                parent_id: Some(format!("groups/{}", gr.id)),
                contact_details: Vec::new(),
                links: Vec::new(),
            });
        }
    }
    out
}

/// Memberships of the liaison groups and their sub-groups, groups by id, members in the
/// order of the group: made a group at a time as they are written.
fn group_memberships<'a>(
    model: &'a Model,
    strings: &'a Strings,
) -> impl Iterator<Item = Membership<'a>> + 'a {
    by_id(&model.groups.list, |g| &g.id)
        .into_iter()
        .flat_map(move |g| group_members(model, strings, g))
}

/// The memberships of the liaison group at `g` and of its sub-groups.
fn group_members<'a>(model: &'a Model, strings: &Strings, g: usize) -> Vec<Membership<'a>> {
    let role_name = |r: Role| match r {
        Role::Leader => ui(strings, "group_leader", "组长"),
        Role::DeputyLeader => ui(strings, "group_deputy_leader", "副组长"),
        Role::Member => ui(strings, "group_member", "成员"),
    };
    let membership = |id: String, d: u32, org: String, role: &str| {
        let dep = &model.deputies[d as usize];
        Membership::plain(id, &dep.id, org, role, seat_dates(model, d).1)
    };
    let mut out = Vec::new();
    let gr = &model.groups.list[g];
    let org = format!("groups/{}", gr.id);
    for &d in &gr.members {
        let role = role_name(gr.role(d).unwrap_or(Role::Member));
        let id = format!(
            "memberships/{}/groups/{}",
            model.deputies[d as usize].id, gr.id
        );
        out.push(membership(id, d, org.clone(), role));
    }
    for (n, sg) in gr.subgroups.iter().enumerate() {
        let org = format!("groups/{}/subgroups/{}", gr.id, n + 1);
        for &d in &sg.members {
            let role = if sg.leader == Some(d) {
                role_name(Role::Leader)
            } else {
                role_name(Role::Member)
            };
            let id = format!(
                "memberships/{}/groups/{}/subgroups/{}",
                model.deputies[d as usize].id,
                gr.id,
                n + 1
            );
            out.push(membership(id, d, org.clone(), role));
        }
    }
    out
}

fn areas(model: &Model) -> Vec<Area<'_>> {
    let area_id = |a: u32| format!("areas/{}", model.places.areas[a as usize].id);
    let mut out: Vec<Area<'_>> = model
        .places
        .areas
        .iter()
        .map(|a| Area {
            id: format!("areas/{}", a.id),
            name: &a.name,
            classification: a.division.as_str(),
            identifier: a.code.as_deref(),
            parent_id: a.parent.map(area_id),
            covers: None,
        })
        .collect();
    for c in &model.places.constituencies {
        let seat = c.covers.first().and_then(|&s| {
            model
                .places
                .chain(s)
                .find(|&a| model.places.areas[a as usize].kind.level() == Some(c.level))
        });
        out.push(Area {
            id: format!("constituencies/{}", c.id),
            name: &c.name,
            classification: "constituency",
            identifier: None,
            parent_id: seat.map(area_id),
            covers: Some(c.covers.iter().map(|&a| area_id(a)).collect()),
        });
    }
    out
}

/// The posts the deputies hold, by id, each once.
fn posts(model: &Model, strings: &Strings, order: &[usize]) -> Vec<Post> {
    let mut posts: std::collections::BTreeMap<String, Post> = Default::default();
    for &d in order {
        let (post_id, seat_name, area_id) = post_of(model, d);
        if posts.contains_key(&post_id) {
            continue;
        }
        let dep = &model.deputies[d];
        let role = congress::role(strings, dep);
        posts.insert(
            post_id.clone(),
            Post {
                id: post_id,
                label: ui(strings, "post_label", "{seat}选出的{role}")
                    .replace("{seat}", seat_name)
                    .replace("{role}", &role),
                role,
                organization_id: Congress::of(model, dep).id(model),
                area_id,
            },
        );
    }
    posts.into_values().collect()
}

/// The memberships of the deputies in `order`, a deputy at a time as they are written:
/// their seat in their congress, then their stations by id.
fn seat_memberships<'a>(
    model: &'a Model,
    strings: &'a Strings,
    order: &'a [usize],
) -> impl Iterator<Item = Membership<'a>> + 'a {
    order
        .iter()
        .flat_map(move |&d| deputy_memberships(model, strings, d))
}

/// [`seat_memberships`] of the deputy at `d`.
fn deputy_memberships<'a>(model: &'a Model, strings: &Strings, d: usize) -> Vec<Membership<'a>> {
    let station_role = ui(strings, "station_deputy_role", "进站代表");
    let member = ui(strings, "congress_member", "代表");
    let dep = &model.deputies[d];
    let c = Congress::of(model, dep);
    let role = congress::role(strings, dep);
    let (post_id, _, area_id) = post_of(model, d);
    let (start_date, end_date) = seat_dates(model, d as u32);
    let term = congress::term(model, dep);
    let name = c.name(model, strings);
    let mut members = vec![Membership {
        id: format!("memberships/{}", dep.id),
        person_id: format!("deputies/{}", dep.id),
        organization_id: c.id(model),
        label: Some(match term {
            Some(tm) => format!("{name}{member}{}", strings.paren(tm)),
            None => format!("{name}{member}"),
        }),
        role,
        term,
        post_id: Some(post_id),
        area_id,
        on_behalf_of_id: match dep.seat {
            Seat::Unit(u) => Some(format!("units/{}", model.places.units[u as usize].id)),
            _ => None,
        },
        start_date,
        end_date: end_date.clone(),
    }];
    let mut stations = dep.stations.to_vec();
    stations.sort_unstable_by(|&a, &b| {
        model.stations[a as usize]
            .id
            .cmp(&model.stations[b as usize].id)
    });
    stations.dedup();
    for s in stations {
        let st = &model.stations[s as usize];
        members.push(Membership::plain(
            format!("memberships/{}/stations/{}", dep.id, st.id),
            &dep.id,
            format!("stations/{}", st.id),
            station_role,
            end_date.clone(),
        ));
    }
    members
}

/// The whole file, `meta`, then the five Popolo collections, one item per line, written
/// to `out` as it is made: the file is the biggest download (2.3 GB at national size),
/// and neither the people nor the memberships in it are gathered first either, so a
/// build holds none of them (held in full, the file and its people were the peak of a
/// national build, and then its memberships, 5.6 million, issue 21). Only the posts,
/// each once, are gathered.
pub fn write(
    model: &Model,
    strings: &Strings,
    out: &mut dyn std::io::Write,
) -> Result<(), serde_json::Error> {
    let order = by_id(&model.deputies, |d| &d.id);
    let meta = serde_json::json!({
        "as_of": model.as_of.to_string(),
        "source": model.config.base_url,
        "publisher": model.config.publisher,
        "license": model.config.data_license,
        "specification": "https://www.popoloproject.com/specs/",
    });
    out.write_all(b"{\"meta\":")
        .map_err(serde_json::Error::io)?;
    serde_json::to_writer(&mut *out, &meta)?;
    section(out, "persons", persons(model, &order))?;
    section(out, "organizations", organizations(model, strings))?;
    section(out, "areas", areas(model))?;
    section(out, "posts", posts(model, strings, &order))?;
    section(
        out,
        "memberships",
        seat_memberships(model, strings, &order).chain(group_memberships(model, strings)),
    )?;
    out.write_all(b"\n}\n").map_err(serde_json::Error::io)
}

fn section<T: Serialize>(
    out: &mut dyn std::io::Write,
    key: &str,
    items: impl IntoIterator<Item = T>,
) -> Result<(), serde_json::Error> {
    let io = serde_json::Error::io;
    out.write_all(format!(",\n\"{key}\":[").as_bytes())
        .map_err(io)?;
    let mut any = false;
    for item in items {
        out.write_all(if any { b",\n" } else { b"\n" })
            .map_err(io)?;
        serde_json::to_writer(&mut *out, &item)?;
        any = true;
    }
    out.write_all(if any { b"\n]" } else { b"]" }).map_err(io)
}
