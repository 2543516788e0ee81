//! Cross-references filed once, in linear passes, for the pages that need them: a
//! deputy's stations, activities and suggestions, a station's deputies, a handler's records,
//! the stations that serve an area, and who represents it.

use super::areas::{AreaIx, Places};
use super::represent::Seats;
use super::{Activity, Deputy, Station, Suggestion};
use crate::schedule::Duty;

#[derive(Debug, Default)]
pub struct Links {
    pub seats: Seats,
    /// Per deputy: what tells them apart from namesakes (同名代表) in lists.
    pub namesakes: Vec<Namesake>,
    /// Per station: its current deputies (those listing it, and duty deputies of its rules),
    /// by level then id.
    pub station_deputies: Vec<Vec<u32>>,
    /// Per area: the stations whose `serves` names it directly.
    pub area_stations: Vec<Vec<u32>>,
    pub deputy_activities: Vec<Vec<u32>>,
    pub station_activities: Vec<Vec<u32>>,
    pub deputy_suggestions: Vec<Vec<u32>>,
    pub station_suggestions: Vec<Vec<u32>>,
    pub handler_suggestions: Vec<Vec<u32>>,
    /// Activities, newest first (date, then id).
    pub activities_newest: Vec<u32>,
    /// Suggestions, newest first (received, then id).
    pub suggestions_newest: Vec<u32>,
    /// Per level (national first): its deputies, serving ones first, then by id.
    pub deputies_by_level: Vec<Vec<u32>>,
    /// The serving deputies by congress — level, then the place whose congress it is (none
    /// for the national one), then id — and each congress's run of them: the rows of
    /// `/report-backs/` and its download, filed once for every page of it.
    pub congress_deputies: Vec<u32>,
    pub congresses: Vec<CongressRun>,
}

/// What a list shows beside a deputy's name to tell them apart from others of the same
/// name: nothing when nobody else bears it; else the seat (constituency, area or unit) that
/// elected them, and when a namesake has that seat too, their occupation (when one of those
/// namesakes' differs) or else their term.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Namesake {
    Unique,
    Seat,
    SeatAndOccupation,
    SeatAndTerm,
}

impl Namesake {
    /// Every deputy's, in one pass over the deputies and one over each name's bearers
    /// (before: each list entry compared its deputy with all its namesakes, quadratic in the
    /// bearers of a common name).
    fn of_all(deputies: &[Deputy]) -> Vec<Namesake> {
        use std::collections::HashMap;
        let mut by_name: HashMap<&str, Vec<u32>> = HashMap::new();
        for (i, d) in deputies.iter().enumerate() {
            by_name.entry(d.name.as_str()).or_default().push(i as u32);
        }
        let mut out = vec![Namesake::Unique; deputies.len()];
        for bearers in by_name.values().filter(|b| b.len() > 1) {
            let mut seats: HashMap<super::Seat, u32> = HashMap::new();
            let mut jobs: HashMap<(super::Seat, Option<&str>), u32> = HashMap::new();
            for &i in bearers {
                let d = &deputies[i as usize];
                *seats.entry(d.seat).or_default() += 1;
                *jobs.entry((d.seat, d.occupation.as_deref())).or_default() += 1;
            }
            for &i in bearers {
                let d = &deputies[i as usize];
                let same_seat = seats[&d.seat];
                out[i as usize] = if same_seat < 2 {
                    Namesake::Seat
                } else if d.occupation.is_some()
                    && jobs[&(d.seat, d.occupation.as_deref())] < same_seat
                {
                    Namesake::SeatAndOccupation
                } else if d.term.is_some() {
                    Namesake::SeatAndTerm
                } else {
                    Namesake::Seat
                };
            }
        }
        out
    }
}

/// The lists [`Links`] files by station, deputy and handler (see its fields).
struct Filed {
    station_deputies: Vec<Vec<u32>>,
    area_stations: Vec<Vec<u32>>,
    deputy_activities: Vec<Vec<u32>>,
    station_activities: Vec<Vec<u32>>,
    activities_newest: Vec<u32>,
    deputy_suggestions: Vec<Vec<u32>>,
    station_suggestions: Vec<Vec<u32>>,
    handler_suggestions: Vec<Vec<u32>>,
    suggestions_newest: Vec<u32>,
    deputies_by_level: Vec<Vec<u32>>,
}

impl Filed {
    fn of(
        places: &Places,
        deputies: &[Deputy],
        stations: &[Station],
        activities: &[Activity],
        suggestions: &[Suggestion],
    ) -> Filed {
        let mut station_deputies = vec![Vec::new(); stations.len()];
        for (d, dep) in deputies.iter().enumerate() {
            for &s in &dep.stations {
                station_deputies[s as usize].push(d as u32);
            }
        }
        let mut area_stations = vec![Vec::new(); places.areas.len()];
        for (s, st) in stations.iter().enumerate() {
            for rule in &st.rules {
                let (Duty::All(v) | Duty::Rota(v)) = &rule.duty;
                station_deputies[s].extend(v.iter().copied());
            }
            for &a in &st.serves {
                area_stations[a as usize].push(s as u32);
            }
        }
        for v in &mut station_deputies {
            // A station lists who receives there now: deputies whose term ended are not.
            v.retain(|&d| deputies[d as usize].is_active());
            v.sort_unstable_by(|&a, &b| {
                (deputies[a as usize].level, deputies[a as usize].order)
                    .cmp(&(deputies[b as usize].level, deputies[b as usize].order))
            });
            v.dedup();
        }
        let mut deputy_activities = vec![Vec::new(); deputies.len()];
        let mut station_activities = vec![Vec::new(); stations.len()];
        let mut activities_newest: Vec<u32> = (0..activities.len() as u32).collect();
        activities_newest.sort_unstable_by(|&a, &b| {
            let (x, y) = (&activities[a as usize], &activities[b as usize]);
            (y.date, &y.id).cmp(&(x.date, &x.id))
        });
        for &a in &activities_newest {
            let act = &activities[a as usize];
            for &d in &act.deputies {
                deputy_activities[d as usize].push(a);
            }
            if let Some(s) = act.station {
                station_activities[s as usize].push(a);
            }
        }
        let mut deputy_suggestions = vec![Vec::new(); deputies.len()];
        let mut station_suggestions = vec![Vec::new(); stations.len()];
        let handler_count = suggestions
            .iter()
            .filter_map(|s| s.handler)
            .max()
            .map_or(0, |m| m as usize + 1);
        let mut handler_suggestions = vec![Vec::new(); handler_count];
        let mut suggestions_newest: Vec<u32> = (0..suggestions.len() as u32).collect();
        suggestions_newest.sort_unstable_by(|&a, &b| {
            let (x, y) = (&suggestions[a as usize], &suggestions[b as usize]);
            (y.received, &y.id).cmp(&(x.received, &x.id))
        });
        for &s in &suggestions_newest {
            let sg = &suggestions[s as usize];
            for &d in &sg.deputies {
                deputy_suggestions[d as usize].push(s);
            }
            if let Some(st) = sg.station {
                station_suggestions[st as usize].push(s);
            }
            if let Some(h) = sg.handler {
                handler_suggestions[h as usize].push(s);
            }
        }
        let mut deputies_by_level = vec![Vec::new(); crate::vocab::Level::ALL.len()];
        for (i, d) in deputies.iter().enumerate() {
            deputies_by_level[d.level as usize].push(i as u32);
        }
        for v in &mut deputies_by_level {
            v.sort_unstable_by(|&a, &b| {
                let (x, y) = (&deputies[a as usize], &deputies[b as usize]);
                (!x.is_active(), x.order).cmp(&(!y.is_active(), y.order))
            });
        }
        Filed {
            station_deputies,
            area_stations,
            deputy_activities,
            station_activities,
            activities_newest,
            deputy_suggestions,
            station_suggestions,
            handler_suggestions,
            suggestions_newest,
            deputies_by_level,
        }
    }
}

/// One congress's serving deputies: `congress_deputies[from..to]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CongressRun {
    pub level: crate::vocab::Level,
    pub area: Option<AreaIx>,
    pub from: u32,
    pub to: u32,
}

/// The place whose congress deputy `dep` sits in: the nearest at or above their seat whose
/// kind seats a congress of their level (none for the national congress, or for a unit).
pub fn congress_area(places: &Places, dep: &Deputy) -> Option<AreaIx> {
    let start = match dep.seat {
        super::Seat::Constituency(c) => places.constituencies[c as usize].covers.first().copied(),
        super::Seat::Area(a) => Some(a),
        super::Seat::Unit(_) => None,
    };
    start.and_then(|s| {
        places
            .chain(s)
            .find(|&a| places.areas[a as usize].kind.level() == Some(dep.level))
    })
}

fn congresses(places: &Places, deputies: &[Deputy]) -> (Vec<u32>, Vec<CongressRun>) {
    let mut keyed: Vec<(crate::vocab::Level, Option<AreaIx>, u32)> = deputies
        .iter()
        .enumerate()
        .filter(|(_, d)| d.is_active())
        .map(|(i, d)| (d.level, congress_area(places, d), i as u32))
        .collect();
    keyed.sort_unstable_by(|a, b| {
        (a.0, a.1, &deputies[a.2 as usize].id).cmp(&(b.0, b.1, &deputies[b.2 as usize].id))
    });
    let mut runs: Vec<CongressRun> = Vec::new();
    for (i, &(level, area, _)) in keyed.iter().enumerate() {
        match runs.last_mut() {
            Some(r) if r.level == level && r.area == area => r.to = i as u32 + 1,
            _ => runs.push(CongressRun {
                level,
                area,
                from: i as u32,
                to: i as u32 + 1,
            }),
        }
    }
    (keyed.into_iter().map(|k| k.2).collect(), runs)
}

impl Links {
    pub fn new(
        places: &Places,
        deputies: &[Deputy],
        stations: &[Station],
        activities: &[Activity],
        suggestions: &[Suggestion],
    ) -> Self {
        // The lists by station, deputy and handler beside the namesakes, congresses and
        // seats: each part is one pass over its items, independent of the others, and little
        // else runs while the model is linked.
        let (filed, ((namesakes, (congress_deputies, congresses)), seats)) = rayon::join(
            || Filed::of(places, deputies, stations, activities, suggestions),
            || {
                rayon::join(
                    || {
                        rayon::join(
                            || Namesake::of_all(deputies),
                            || congresses(places, deputies),
                        )
                    },
                    || Seats::new(places, deputies),
                )
            },
        );
        Links {
            congress_deputies,
            congresses,
            namesakes,
            deputies_by_level: filed.deputies_by_level,
            seats,
            station_deputies: filed.station_deputies,
            area_stations: filed.area_stations,
            deputy_activities: filed.deputy_activities,
            station_activities: filed.station_activities,
            deputy_suggestions: filed.deputy_suggestions,
            station_suggestions: filed.station_suggestions,
            handler_suggestions: filed.handler_suggestions,
            activities_newest: filed.activities_newest,
            suggestions_newest: filed.suggestions_newest,
        }
    }

    /// The stations serving `area` or a larger place containing it, nearest first.
    pub fn stations_serving(&self, places: &Places, area: AreaIx) -> Vec<u32> {
        let mut out: Vec<u32> = Vec::new();
        for a in places.chain(area) {
            for &s in &self.area_stations[a as usize] {
                if !out.contains(&s) {
                    out.push(s);
                }
            }
        }
        out
    }

    pub fn handler_suggestions(&self, handler: u32) -> &[u32] {
        self.handler_suggestions
            .get(handler as usize)
            .map_or(&[], Vec::as_slice)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Seat;
    use std::sync::Arc;

    fn deputy(name: &str, seat: u32, occupation: Option<&str>, term: Option<&str>) -> Deputy {
        Deputy {
            name: name.into(),
            seat: Seat::Constituency(seat),
            term: term.map(Arc::from),
            occupation: occupation.map(Arc::from),
            ..Deputy::for_test(&format!("{name}-{seat}-{occupation:?}-{term:?}"))
        }
    }

    #[test]
    fn namesakes_are_told_apart_by_seat_then_occupation_then_term() {
        let deputies = [
            deputy("王伟", 1, Some("教师"), Some("十八届")),
            deputy("王伟", 1, Some("医生"), Some("十八届")),
            deputy("王伟", 2, Some("教师"), Some("十八届")),
            deputy("李娜", 3, Some("农民"), Some("十七届")),
            deputy("李娜", 3, Some("农民"), Some("十八届")),
            deputy("李娜", 4, None, None),
            deputy("张三", 4, None, None),
            deputy("赵六", 5, None, None),
            deputy("赵六", 5, None, Some("")),
        ];
        use Namesake::*;
        assert_eq!(
            Namesake::of_all(&deputies),
            [
                // One seat, two occupations: the occupation tells them apart.
                SeatAndOccupation,
                SeatAndOccupation,
                // Alone in its seat: the seat is enough.
                Seat,
                // One seat, one occupation: the term.
                SeatAndTerm,
                SeatAndTerm,
                Seat,
                // Nobody else bears the name.
                Unique,
                // Nothing more to tell: the seat; the term, when one has one.
                Seat,
                SeatAndTerm,
            ]
        );
    }
}
