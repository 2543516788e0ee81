//! Who represents whom, derived exactly as the spec defines it.
//!
//! The representatives of an area are the active deputies whose constituency covers it or
//! one of its ancestors, plus those whose electing unit is one of its ancestors or itself,
//! at every level. [`Seats`] first files every deputy under the areas its seat names (one
//! pass over deputies); an area's representatives are then the union over its chain of
//! ancestors — linear in the size of the answer, never a scan of all deputies per area.

use super::areas::{AreaIx, Places};
use super::deputies::{Deputy, DeputyIx, Seat};
use crate::vocab::Level;

/// Deputies filed under the areas their seat names directly.
#[derive(Debug, Default)]
pub struct Seats {
    at: Vec<Vec<DeputyIx>>,
    by_unit: Vec<Vec<DeputyIx>>,
    /// Per area, the levels (bit `Level as u8`) at which an active deputy is seated there.
    active_levels: Vec<u8>,
}

impl Seats {
    pub fn new(places: &Places, deputies: &[Deputy]) -> Self {
        let mut at = vec![Vec::new(); places.areas.len()];
        let mut by_unit = vec![Vec::new(); places.units.len()];
        for (i, d) in deputies.iter().enumerate() {
            let i = i as DeputyIx;
            match d.seat {
                Seat::Area(a) => at[a as usize].push(i),
                Seat::Unit(u) => by_unit[u as usize].push(i),
                Seat::Constituency(c) => {
                    for &a in &places.constituencies[c as usize].covers {
                        at[a as usize].push(i);
                    }
                }
            }
        }
        let active_levels = at
            .iter()
            .map(|seated| {
                seated
                    .iter()
                    .map(|&d| &deputies[d as usize])
                    .filter(|d| d.is_active())
                    .fold(0u8, |bits, d| bits | 1 << d.level as u8)
            })
            .collect();
        let by_order = |v: &mut Vec<DeputyIx>| {
            v.sort_by_key(|&d| (deputies[d as usize].order, d));
        };
        at.iter_mut().for_each(by_order);
        by_unit.iter_mut().for_each(by_order);
        Seats {
            at,
            by_unit,
            active_levels,
        }
    }

    /// The deputies (active or not) of an electing unit.
    pub fn of_unit(&self, unit: u32) -> &[DeputyIx] {
        &self.by_unit[unit as usize]
    }

    /// The current representatives of `area`, sorted by level, then in the site's order of
    /// names; each once.
    pub fn representatives(
        &self,
        places: &Places,
        deputies: &[Deputy],
        area: AreaIx,
    ) -> Vec<DeputyIx> {
        let mut out: Vec<DeputyIx> = places
            .chain(area)
            .flat_map(|a| self.at[a as usize].iter().copied())
            .filter(|&d| deputies[d as usize].is_active())
            .collect();
        out.sort_unstable_by(|&a, &b| {
            let (da, db) = (&deputies[a as usize], &deputies[b as usize]);
            (da.level, da.order, &da.id).cmp(&(db.level, db.order, &db.id))
        });
        out.dedup();
        out
    }

    /// The place whose page lists `area`'s representatives of `level`: the nearest of
    /// `area` and its ancestors at which an active deputy of that level is seated (directly
    /// or by a constituency covering it). No place nearer adds any, so `area`'s
    /// representatives of that level are exactly that place's. `None` when there are none.
    pub fn listed_at(&self, places: &Places, area: AreaIx, level: Level) -> Option<AreaIx> {
        places.chain(area).find(|&a| {
            self.active_levels
                .get(a as usize)
                .is_some_and(|bits| bits & 1 << level as u8 != 0)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::areas::{Area, Constituency};
    use crate::vocab::{AreaKind, Level};

    fn area(id: &str, kind: AreaKind, parent: Option<u32>) -> Area {
        Area {
            id: id.into(),
            name: id.into(),
            kind,
            division: crate::vocab::Division::of_generic(kind),
            parent,
            children: vec![],
            code: None,
            pinyin: None,
            extra: None,
        }
    }

    fn deputy(id: &str, level: Level, seat: Seat, active: bool) -> Deputy {
        let mut deputy = Deputy {
            level,
            seat,
            ..Deputy::for_test(id)
        };
        if !active {
            deputy.further_mut().ended = Some((None, None));
        }
        deputy
    }

    /// province(0) → city(1) → county(2) → township(3) → villages 4 and 5; a second county 6.
    fn places() -> Places {
        Places {
            areas: vec![
                area("p", AreaKind::Province, None),
                area("c", AreaKind::City, Some(0)),
                area("x", AreaKind::County, Some(1)),
                area("t", AreaKind::Township, Some(2)),
                area("v1", AreaKind::Village, Some(3)),
                area("v2", AreaKind::Village, Some(3)),
                area("y", AreaKind::County, Some(1)),
            ],
            constituencies: vec![
                Constituency {
                    id: "k1".into(),
                    name: "k1".into(),
                    level: Level::County,
                    covers: vec![4, 5],
                },
                Constituency {
                    id: "k2".into(),
                    name: "k2".into(),
                    level: Level::Township,
                    covers: vec![5],
                },
                Constituency {
                    id: "k3".into(),
                    name: "k3".into(),
                    level: Level::Township,
                    covers: vec![3],
                },
            ],
            ..Places::default()
        }
    }

    fn ids(deputies: &[Deputy], v: &[DeputyIx]) -> Vec<String> {
        v.iter().map(|&i| deputies[i as usize].id.clone()).collect()
    }

    #[test]
    fn every_level_reaches_the_village() {
        let p = places();
        let deputies = vec![
            deputy("nat", Level::National, Seat::Area(0), true),
            deputy("prov", Level::Provincial, Seat::Area(1), true),
            deputy("city", Level::City, Seat::Area(2), true),
            deputy("cty", Level::County, Seat::Constituency(0), true),
            deputy("twn", Level::Township, Seat::Constituency(1), true),
            deputy("twn-all", Level::Township, Seat::Constituency(2), true),
            deputy("other-county", Level::City, Seat::Area(6), true),
            deputy("gone", Level::County, Seat::Constituency(0), false),
        ];
        let seats = Seats::new(&p, &deputies);
        assert_eq!(
            ids(&deputies, &seats.representatives(&p, &deputies, 5)),
            ["nat", "prov", "city", "cty", "twn", "twn-all"]
        );
        // v1 is not covered by k2: its township deputy is only the one whose constituency covers the township.
        assert_eq!(
            ids(&deputies, &seats.representatives(&p, &deputies, 4)),
            ["nat", "prov", "city", "cty", "twn-all"]
        );
        // A county's representatives do not include deputies of constituencies below it.
        assert_eq!(
            ids(&deputies, &seats.representatives(&p, &deputies, 2)),
            ["nat", "prov", "city"]
        );
        assert_eq!(
            ids(&deputies, &seats.representatives(&p, &deputies, 6)),
            ["nat", "prov", "other-county"]
        );
    }

    #[test]
    fn a_deputy_covering_two_levels_of_one_chain_is_listed_once() {
        let mut p = places();
        p.constituencies[0].covers = vec![3, 4];
        let deputies = vec![deputy("cty", Level::County, Seat::Constituency(0), true)];
        let seats = Seats::new(&p, &deputies);
        assert_eq!(
            ids(&deputies, &seats.representatives(&p, &deputies, 4)),
            ["cty"]
        );
    }

    #[test]
    fn a_level_is_listed_at_the_nearest_place_that_seats_an_active_deputy_of_it() {
        let p = places();
        let deputies = vec![
            deputy("nat", Level::National, Seat::Area(0), true),
            deputy("prov", Level::Provincial, Seat::Area(1), true),
            deputy("twn", Level::Township, Seat::Constituency(1), true),
            deputy("twn-all", Level::Township, Seat::Constituency(2), true),
            deputy("gone", Level::Township, Seat::Area(4), false),
        ];
        let seats = Seats::new(&p, &deputies);
        let at = |area, level| seats.listed_at(&p, area, level);
        // v2's own constituency adds a township deputy: v2 lists its own.
        assert_eq!(at(5, Level::Township), Some(5));
        // v1's only active township deputy is seated at the township (k3); the retired
        // deputy seated at v1 does not make v1 the list's place.
        assert_eq!(at(4, Level::Township), Some(3));
        assert_eq!(
            ids(&deputies, &seats.representatives(&p, &deputies, 4)),
            ids(&deputies, &seats.representatives(&p, &deputies, 3))
        );
        assert_eq!(at(5, Level::Provincial), Some(1));
        assert_eq!(at(1, Level::Provincial), Some(1));
        assert_eq!(at(0, Level::Provincial), None);
        assert_eq!(at(6, Level::National), Some(0));
        assert_eq!(at(6, Level::County), None);
    }
}
