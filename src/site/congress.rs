//! The people's congresses of a site, as the open data names them: which congress each
//! deputy sits in, its name (示例县人民代表大会), the deputy's role (县人大代表) and term.
//!
//! The content format names a deputy's seat (a constituency, an electing area or unit), not
//! the congress; the congress is derived: the nearest place at or above the seat whose kind
//! seats a congress of the deputy's level (a county constituency's villages → the county; a
//! city deputy's electing county → the city). National deputies sit in 全国人民代表大会. A
//! deputy whose seat has no such place (an electing unit below national level, a
//! constituency outside the area tree) sits in a congress named by level only.

use crate::model::{Deputy, Model};
use crate::site::Strings;
use crate::vocab::Level;

/// One congress: its level and the place it is the congress of (none for national).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Congress {
    pub level: Level,
    pub area: Option<u32>,
}

impl Congress {
    /// The congress `d` sits in.
    pub fn of(model: &Model, d: &Deputy) -> Congress {
        Congress {
            level: d.level,
            area: crate::model::links::congress_area(&model.places, d),
        }
    }

    /// The congress of an area whose kind seats one (province, city, county, township).
    pub fn at(model: &Model, area: u32) -> Option<Congress> {
        model.places.areas[area as usize]
            .kind
            .level()
            .map(|level| Congress {
                level,
                area: Some(area),
            })
    }

    /// Its open-data id: `congresses/national`, `congresses/county/shiyi`, or
    /// `congresses/<level>` for a congress without a place in the site.
    pub fn id(&self, model: &Model) -> String {
        match self.area {
            Some(a) => format!(
                "congresses/{}/{}",
                self.level.as_str(),
                model.places.areas[a as usize].id
            ),
            None => format!("congresses/{}", self.level.as_str()),
        }
    }

    /// Its name in the site's language: 全国人民代表大会, 示例县人民代表大会.
    pub fn name(&self, model: &Model, strings: &Strings) -> String {
        if self.level == Level::National {
            return ui(strings, "congress_national", "全国人民代表大会").to_owned();
        }
        let place = match self.area {
            Some(a) => model.places.areas[a as usize].name.clone(),
            None => {
                let fallback = match self.level {
                    Level::Provincial => "省",
                    Level::City => "市",
                    Level::County => "县",
                    _ => "乡镇",
                };
                ui(
                    strings,
                    &format!("congress_level_{}", self.level.as_str()),
                    fallback,
                )
                .to_owned()
            }
        };
        ui(strings, "congress_of", "{area}人民代表大会").replace("{area}", &place)
    }
}

/// A UI string, or `fallback` when the theme lacks it.
pub fn ui<'a>(strings: &'a Strings, key: &'a str, fallback: &'a str) -> &'a str {
    match strings.get(key) {
        v if v == key => fallback,
        v => v,
    }
}

/// The deputy's role as the site names it (县人大代表).
pub fn role(strings: &Strings, d: &Deputy) -> String {
    strings.level_name(d.level)
}

/// The deputy's term (届): their own, else the site's current term of their level (the
/// model resolves the default, see [`crate::model::terms`]).
pub fn term<'a>(_model: &'a Model, d: &'a Deputy) -> Option<&'a str> {
    d.term.as_deref()
}

/// Every congress of the site: national when a deputy sits in it, then one per place that
/// seats a congress (in area file order), then those without a place that deputies sit in.
pub fn all(model: &Model) -> Vec<Congress> {
    let seated: Vec<Congress> = model
        .deputies
        .iter()
        .map(|d| Congress::of(model, d))
        .collect();
    let mut out = Vec::new();
    let national = Congress {
        level: Level::National,
        area: None,
    };
    if seated.contains(&national) {
        out.push(national);
    }
    out.extend((0..model.places.areas.len() as u32).filter_map(|a| Congress::at(model, a)));
    let mut placeless: Vec<Congress> = seated
        .into_iter()
        .filter(|c| c.area.is_none() && c.level != Level::National)
        .collect();
    placeless.sort_unstable();
    placeless.dedup();
    out.extend(placeless);
    out
}
