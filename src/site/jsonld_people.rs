//! schema.org JSON-LD of the pages about people and what they did (the stations' is in
//! [`super::jsonld`]):
//!
//! - a deputy page: a `Person` whose `memberOf` is a `Role` (`roleName` 县人大代表, the
//!   term as `name`, `endDate` = the `ended` date) of the congress, a
//!   `GovernmentOrganization` (示例县人民代表大会) serving its area; the published channels
//!   as `telephone` / `email`, the stations as `workLocation`. The content has no term
//!   dates, so the role has no `startDate`.
//! - an activity page: an `Event` (the activity on its date, `performer`s = the deputies,
//!   `location` = the station or area, `organizer` = the publisher).
//! - the home page: the publisher as a `GovernmentOrganization` with the area it serves
//!   (not its stations: a national site has too many for every page view; each station
//!   page describes its own, with the publisher as `parentOrganization`).
//!
//! The values are serialised with [`super::jsonld::script_safe`], so no text of the content
//! can close the `<script>` element.

use serde_json::{Map, Value, json};

use super::{people, urls};
use crate::model::Model;
use crate::site::Strings;
use crate::site::congress::{self, Congress};
use crate::vocab::{ContactKind, Gender};

fn page_url(model: &Model, section: &str, id: &str) -> String {
    format!(
        "{}{}",
        model.config.base_url,
        urls::pretty(&urls::item(section, id))
    )
}

/// One value, or a list when there are several (schema.org takes both).
fn one_or_many(mut v: Vec<Value>) -> Option<Value> {
    match v.len() {
        0 => None,
        1 => v.pop(),
        _ => Some(Value::Array(v)),
    }
}

/// A `PostalAddress`: the street address when there is one, the area as locality, the
/// areas above it as region (in Chinese the largest first, written together: 示例省示例市;
/// in a language written with spaces the smallest first, with commas: Example City, Example
/// Province), country CN.
pub fn postal_address(model: &Model, street: Option<&str>, area: u32) -> Value {
    let mut a = Map::new();
    a.insert("@type".into(), json!("PostalAddress"));
    if let Some(s) = street {
        a.insert("streetAddress".into(), json!(s));
    }
    if let Some(x) = model.places.areas.get(area as usize) {
        a.insert("addressLocality".into(), json!(x.name));
    }
    let mut above: Vec<&str> = model
        .places
        .chain(area)
        .skip(1)
        .filter_map(|p| model.places.areas.get(p as usize).map(|x| x.name.as_str()))
        .collect();
    if !above.is_empty() {
        let region = if model.config.language.reads_han() {
            above.reverse();
            above.concat()
        } else {
            above.join(", ")
        };
        a.insert("addressRegion".into(), json!(region));
    }
    a.insert("addressCountry".into(), json!("CN"));
    Value::Object(a)
}

/// An area as an `AdministrativeArea`, its real kind (自治区, 市辖区 …) as `additionalType`,
/// in the page's language (Autonomous region, District …).
pub(crate) fn place(area: &crate::model::areas::Area, strings: &Strings) -> Value {
    let kind = strings.nested("area_kind", area.division.as_str());
    json!({ "@type": "AdministrativeArea", "name": area.name, "additionalType": kind })
}

/// The congress as a `GovernmentOrganization`.
fn congress_org(model: &Model, strings: &Strings, c: Congress) -> Value {
    let mut o = Map::new();
    o.insert("@type".into(), json!("GovernmentOrganization"));
    o.insert("name".into(), json!(c.name(model, strings)));
    match c.area {
        Some(a) => {
            o.insert(
                "areaServed".into(),
                place(&model.places.areas[a as usize], strings),
            );
        }
        None if c.level == crate::vocab::Level::National => {
            o.insert(
                "areaServed".into(),
                json!({ "@type": "Country", "name": strings.get("country"), "identifier": "CN" }),
            );
        }
        None => {}
    }
    Value::Object(o)
}

pub fn deputy(model: &Model, strings: &Strings, d: u32) -> Value {
    let dep = &model.deputies[d as usize];
    let url = page_url(model, "deputies", &dep.id);
    let mut role = Map::new();
    role.insert("@type".into(), json!("Role"));
    role.insert("roleName".into(), json!(congress::role(strings, dep)));
    if let Some(term) = congress::term(model, dep) {
        role.insert("name".into(), json!(term));
    }
    if let Some((Some(end), _)) = dep.ended() {
        role.insert("endDate".into(), json!(end.to_string()));
    }
    role.insert(
        "memberOf".into(),
        congress_org(model, strings, Congress::of(model, dep)),
    );
    let mut o = Map::new();
    o.insert("@context".into(), json!("https://schema.org"));
    o.insert("@type".into(), json!("Person"));
    o.insert("@id".into(), json!(format!("{url}#person")));
    o.insert("name".into(), json!(dep.name));
    o.insert("url".into(), json!(url));
    if let Some(g) = dep.gender {
        let g = match g {
            Gender::Female => "https://schema.org/Female",
            Gender::Male => "https://schema.org/Male",
        };
        o.insert("gender".into(), json!(g));
    }
    if let Some(p) = dep.photo() {
        o.insert(
            "image".into(),
            json!(format!("{}static/{p}", model.config.base_url)),
        );
    }
    if let Some(occ) = &dep.occupation {
        o.insert("description".into(), json!(&**occ));
    }
    let channel = |kinds: &[ContactKind]| {
        one_or_many(
            dep.contacts
                .iter()
                .filter(|c| kinds.contains(&c.kind))
                .map(|c| json!(c.value))
                .collect(),
        )
    };
    if let Some(v) = channel(&[ContactKind::Phone, ContactKind::Mobile]) {
        o.insert("telephone".into(), v);
    }
    if let Some(v) = channel(&[ContactKind::Fax]) {
        o.insert("faxNumber".into(), v);
    }
    if let Some(v) = channel(&[ContactKind::Email]) {
        o.insert("email".into(), v);
    }
    if let Some(v) = channel(&[ContactKind::Website]) {
        o.insert("sameAs".into(), v);
    }
    let stations: Vec<Value> = dep
        .stations
        .iter()
        .map(|&s| {
            let st = &model.stations[s as usize];
            json!({
                "@type": "GovernmentOffice",
                "@id": format!("{}#station", page_url(model, "stations", &st.id)),
                "name": st.name,
            })
        })
        .collect();
    if let Some(v) = one_or_many(stations) {
        o.insert("workLocation".into(), v);
    }
    o.insert("memberOf".into(), Value::Object(role));
    Value::Object(o)
}

pub fn activity(model: &Model, strings: &Strings, a: u32) -> Value {
    let act = &model.activities[a as usize];
    let mut o = Map::new();
    o.insert("@context".into(), json!("https://schema.org"));
    o.insert("@type".into(), json!("Event"));
    o.insert("name".into(), json!(act.title));
    o.insert("inLanguage".into(), json!(model.config.language.as_str()));
    o.insert("url".into(), json!(page_url(model, "activities", &act.id)));
    o.insert("startDate".into(), json!(act.date.to_string()));
    o.insert(
        "eventStatus".into(),
        json!("https://schema.org/EventScheduled"),
    );
    o.insert(
        "eventAttendanceMode".into(),
        json!("https://schema.org/OfflineEventAttendanceMode"),
    );
    // The label residents read (视察, 接待选民), not the internal id.
    o.insert(
        "keywords".into(),
        json!(strings.nested("activity_kind", act.kind.as_str())),
    );
    // Every location has an address: the station's, else the place's name as its locality.
    let location = match (act.station, act.area) {
        (Some(s), _) => {
            let st = &model.stations[s as usize];
            let mut p = Map::new();
            p.insert("@type".into(), json!("Place"));
            p.insert("name".into(), json!(st.name));
            p.insert("url".into(), json!(page_url(model, "stations", &st.id)));
            p.insert(
                "address".into(),
                postal_address(model, st.address.as_deref(), st.area),
            );
            Some(Value::Object(p))
        }
        (None, Some(x)) => {
            let name = &model.places.areas[x as usize].name;
            Some(json!({
                "@type": "Place",
                "name": name,
                "address": postal_address(model, None, x),
            }))
        }
        (None, None) => None,
    };
    if let Some(l) = location {
        o.insert("location".into(), l);
    }
    let performers: Vec<Value> = act
        .deputies
        .iter()
        .map(|&d| {
            let dep = &model.deputies[d as usize];
            let url = page_url(model, "deputies", &dep.id);
            json!({ "@type": "Person", "@id": format!("{url}#person"), "name": dep.name, "url": url })
        })
        .collect();
    if let Some(v) = one_or_many(performers) {
        o.insert("performer".into(), v);
    }
    if !model.config.publisher.is_empty() {
        o.insert(
            "organizer".into(),
            json!({ "@type": "GovernmentOrganization", "name": model.config.publisher, "url": model.config.base_url }),
        );
    }
    Value::Object(o)
}

pub fn home(model: &Model, strings: &Strings) -> Value {
    let name = if model.config.publisher.is_empty() {
        &model.config.title
    } else {
        &model.config.publisher
    };
    let mut o = Map::new();
    o.insert("@context".into(), json!("https://schema.org"));
    o.insert("@type".into(), json!("GovernmentOrganization"));
    o.insert(
        "@id".into(),
        json!(format!("{}#publisher", model.config.base_url)),
    );
    o.insert("name".into(), json!(name));
    o.insert("url".into(), json!(model.config.base_url));
    o.insert(
        "knowsLanguage".into(),
        json!(model.config.language.as_str()),
    );
    // The place the site is about: the last of the single places above the directory (示例
    // 省 › 示例市 › 示例县), else the places at the top of the tree (as many as the home page lists).
    let (trail, _) = people::directory(model);
    let served: Vec<Value> = match trail.last() {
        Some(&a) => vec![place(&model.places.areas[a as usize], strings)],
        None => model
            .places
            .roots()
            .take(people::HOME_ENTRIES)
            .map(|a| place(&model.places.areas[a as usize], strings))
            .collect(),
    };
    if let Some(v) = one_or_many(served) {
        o.insert("areaServed".into(), v);
    }
    Value::Object(o)
}
