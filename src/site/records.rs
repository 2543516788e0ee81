//! Contexts of the pages about stations, activities, suggestions and free pages (handlers:
//! [`super::handler_pages`]).

use serde::Serialize;

use super::Strings;
use super::cards::{self, ActivityCard, AreaCard, DeputyCard, StationCard, SuggestionCard};
use super::receptions::{self, OccurrenceView, Person};
use super::urls;
use crate::model::Model;
use crate::schedule::{Duty, Recurrence};
use crate::vocab::{Access, Channel, HistoryEvent, Satisfaction};

/// A reception rule as data the template phrases in the site's language.
#[derive(Debug, Serialize)]
pub struct RuleView<'a> {
    /// `once`, `week` or `month`
    pub every: &'static str,
    pub date: Option<String>,
    /// 1 = Monday … 7 = Sunday
    pub weekdays: Vec<i8>,
    pub nth: Vec<i8>,
    pub days: Vec<i8>,
    pub months: Vec<i8>,
    pub interval: u32,
    pub from: Option<String>,
    pub until: Option<String>,
    pub start: String,
    pub end: String,
    pub rota: bool,
    pub deputies: Vec<Person<'a>>,
    pub guests: Vec<receptions::GuestView>,
    pub topic: Option<&'a str>,
    /// The rule in words of the UI's language: 每月第一个星期五 / first Friday of each month.
    pub phrase: String,
    /// When the rule applies, if limited: （自2025年1月1日至2025年6月30日） / (from … until …).
    pub span: Option<String>,
}

/// A rule in words: the weekdays, days of the month and nths joined as lists, in the
/// order of the UI's pattern (`rule_weekly`, `rule_monthly_days`, `rule_monthly_nth`).
fn phrase(v: &RuleView<'_>, t: &Strings) -> String {
    let names = |key: &str, items: &[i8]| -> Vec<String> {
        items
            .iter()
            .map(|&i| t.nth_of(key, usize::try_from(i).unwrap_or(0)).to_owned())
            .collect()
    };
    let weekdays = t.list(&names("weekday", &v.weekdays));
    let n = v.interval.to_string();
    match v.every {
        "once" => format!(
            "{} {}",
            t.get("one_off"),
            v.date.as_deref().map(|d| t.date_iso(d)).unwrap_or_default()
        ),
        "week" => {
            let every = if v.interval > 1 {
                t.get("every_n_weeks").replace("{n}", &n)
            } else {
                t.get("every_week").to_owned()
            };
            t.get("rule_weekly")
                .replace("{every}", &every)
                .replace("{weekdays}", &weekdays)
        }
        _ => {
            let every = if !v.months.is_empty() {
                t.list(&names("month_names", &v.months))
            } else if v.interval > 1 {
                t.get("every_n_months").replace("{n}", &n)
            } else {
                t.get("every_month").to_owned()
            };
            if v.days.is_empty() {
                let nth: Vec<String> = v
                    .nth
                    .iter()
                    .map(|n| {
                        t.0.get("nth")
                            .and_then(|m| m.get(n.to_string()))
                            .and_then(|s| s.as_str())
                            .unwrap_or("")
                            .to_owned()
                    })
                    .collect();
                t.get("rule_monthly_nth")
                    .replace("{every}", &every)
                    .replace("{nth}", &t.list(&nth))
                    .replace("{weekdays}", &weekdays)
            } else {
                let days: Vec<String> = v
                    .days
                    .iter()
                    .map(|d| t.get("day_of_month").replace("{d}", &d.to_string()))
                    .collect();
                t.get("rule_monthly_days")
                    .replace("{every}", &every)
                    .replace("{days}", &t.list(&days))
            }
        }
    }
}

/// The rule's dates, if limited, in brackets.
fn span(v: &RuleView<'_>, t: &Strings) -> Option<String> {
    let date = |d: &Option<String>| d.as_deref().map(|d| t.date_iso(d));
    let text = match (date(&v.from), date(&v.until)) {
        (Some(f), Some(u)) => t
            .get("rule_from_until")
            .replace("{from}", &f)
            .replace("{until}", &u),
        (Some(f), None) => t.get("rule_from").replace("{from}", &f),
        (None, Some(u)) => t.get("rule_until").replace("{until}", &u),
        (None, None) => return None,
    };
    Some(t.paren(&text))
}

fn rule_view<'a>(
    model: &'a Model,
    t: &Strings,
    r: &'a crate::schedule::ReceptionRule,
    guests: &[crate::model::activities::Guest],
) -> RuleView<'a> {
    let wd = |v: &[jiff::civil::Weekday]| v.iter().map(|w| w.to_monday_one_offset()).collect();
    let ds = |d: &Option<jiff::civil::Date>| d.map(|d| d.to_string());
    let mut v = RuleView {
        every: "once",
        date: None,
        weekdays: Vec::new(),
        nth: Vec::new(),
        days: Vec::new(),
        months: Vec::new(),
        interval: 1,
        from: None,
        until: None,
        start: format!("{:02}:{:02}", r.start.hour(), r.start.minute()),
        end: format!("{:02}:{:02}", r.end.hour(), r.end.minute()),
        rota: matches!(r.duty, Duty::Rota(_)),
        deputies: Vec::new(),
        guests: receptions::guest_views(guests),
        topic: r.topic.as_deref(),
        phrase: String::new(),
        span: None,
    };
    let (Duty::All(ds_) | Duty::Rota(ds_)) = &r.duty;
    v.deputies = ds_
        .iter()
        .map(|&d| Person {
            name: &model.deputies[d as usize].name,
            url: urls::item("deputies", &model.deputies[d as usize].id),
            note: super::cards::distinction(model, d),
        })
        .collect();
    match &r.recurrence {
        Recurrence::Once(d) => v.date = Some(d.to_string()),
        Recurrence::Weekly {
            weekdays,
            interval,
            from,
            until,
        } => {
            (v.every, v.weekdays, v.interval, v.from, v.until) =
                ("week", wd(weekdays), *interval, ds(from), ds(until));
        }
        Recurrence::MonthlyNth {
            weekdays,
            nth,
            months,
            interval,
            from,
            until,
        } => {
            (
                v.every, v.weekdays, v.nth, v.months, v.interval, v.from, v.until,
            ) = (
                "month",
                wd(weekdays),
                nth.clone(),
                months.clone(),
                *interval,
                ds(from),
                ds(until),
            );
        }
        Recurrence::MonthlyDay {
            days,
            months,
            interval,
            from,
            until,
        } => {
            (v.every, v.days, v.months, v.interval, v.from, v.until) = (
                "month",
                days.clone(),
                months.clone(),
                *interval,
                ds(from),
                ds(until),
            );
        }
    }
    v.phrase = phrase(&v, t);
    v.span = span(&v, t);
    v
}

#[derive(Debug, Serialize)]
pub struct StationPage<'a> {
    pub station: StationCard<'a>,
    pub area: AreaCard<'a>,
    pub serves: Vec<AreaCard<'a>>,
    pub location: Option<(f64, f64)>,
    pub map_url: Option<String>,
    pub phone_href: Option<String>,
    pub accessibility: &'a [Access],
    pub rules: Vec<RuleView<'a>>,
    /// 五级代表进站: per level, how many deputies received here this year (scheduled
    /// receptions up to the as-of date, reception activities, and guests of a level).
    pub received_by_level: Vec<LevelCount>,
    pub year: i16,
    pub next: Option<OccurrenceView<'a>>,
    pub upcoming: Vec<OccurrenceView<'a>>,
    pub calendar: urls::CalendarLinks,
    pub deputies: Vec<DeputyCard<'a>>,
    pub activities: Vec<ActivityCard<'a>>,
    /// Liaison groups whose home station this is.
    pub groups: Vec<super::groups::GroupCard<'a>>,
    pub body: &'a str,
}

/// How many of one level.
#[derive(Debug, Serialize)]
pub struct LevelCount {
    pub level: crate::vocab::Level,
    pub count: usize,
}

/// Per level (national first), the deputies who received at station `s` in the as-of date's
/// year up to the day before it: on duty at a scheduled reception, named by a reception
/// activity held there, or a guest of that level at either.
pub fn received_by_level(model: &Model, s: u32) -> Vec<LevelCount> {
    use crate::vocab::{ActivityKind, Level};
    use std::collections::BTreeSet;
    let year = model.as_of.year();
    let this_year = |d: jiff::civil::Date| d.year() == year && d < model.as_of;
    let mut deputies: BTreeSet<u32> = BTreeSet::new();
    let mut guests: BTreeSet<(Level, &str)> = BTreeSet::new();
    let st = &model.stations[s as usize];
    let received_here = |d: u32| {
        model
            .accountability
            .past
            .of(d)
            .iter()
            .any(|&(day, at)| at == s && this_year(day))
    };
    // Only the station's duty deputies can have received at its scheduled receptions.
    for (i, rule) in st.rules.iter().enumerate() {
        let (crate::schedule::Duty::All(v) | crate::schedule::Duty::Rota(v)) = &rule.duty;
        let met: Vec<u32> = v.iter().copied().filter(|&d| received_here(d)).collect();
        if !met.is_empty()
            && let Some(gs) = st.rule_guests.get(i)
        {
            // Guests of a rule count when the rule met this year.
            guests.extend(
                gs.iter()
                    .filter_map(|g| g.level.map(|l| (l, g.name.as_str()))),
            );
        }
        deputies.extend(met);
    }
    for &a in &model.links.station_activities[s as usize] {
        let act = &model.activities[a as usize];
        if act.kind == ActivityKind::Reception && this_year(act.date) {
            deputies.extend(act.deputies.iter().copied());
            guests.extend(
                act.guests
                    .iter()
                    .filter_map(|g| g.level.map(|l| (l, g.name.as_str()))),
            );
        }
    }
    let mut counts = vec![0usize; Level::ALL.len()];
    for d in deputies {
        counts[model.deputies[d as usize].level as usize] += 1;
    }
    for (l, _) in guests {
        counts[l as usize] += 1;
    }
    Level::ALL
        .iter()
        .map(|&level| LevelCount {
            level,
            count: counts[level as usize],
        })
        .collect()
}

pub fn station<'a>(model: &'a Model, t: &Strings, s: u32) -> StationPage<'a> {
    let st = &model.stations[s as usize];
    let upcoming = receptions::upcoming_for_station(model, s);
    StationPage {
        station: cards::station(model, s),
        area: cards::area(model, st.area),
        serves: st.serves.iter().map(|&a| cards::area(model, a)).collect(),
        location: st.location,
        map_url: st.location.map(|(lat, lon)| {
            format!("https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=17/{lat}/{lon}")
        }),
        phone_href: st.phone.as_deref().and_then(super::people::tel_href),
        accessibility: &st.accessibility,
        rules: st
            .rules
            .iter()
            .enumerate()
            .map(|(i, r)| {
                rule_view(
                    model,
                    t,
                    r,
                    st.rule_guests.get(i).map_or(&[], Vec::as_slice),
                )
            })
            .collect(),
        received_by_level: received_by_level(model, s),
        year: model.as_of.year(),
        next: receptions::next(&upcoming),
        upcoming,
        calendar: urls::calendar_links(
            &model.config.base_url,
            &super::files::station_calendar_path(&st.id),
        ),
        deputies: model.links.station_deputies[s as usize]
            .iter()
            .map(|&d| cards::deputy(model, d))
            .collect(),
        activities: model.links.station_activities[s as usize]
            .iter()
            .take(20)
            .map(|&a| cards::activity(model, a))
            .collect(),
        groups: super::groups::at_station(model, s),
        body: &st.body_html,
    }
}

#[derive(Debug, Serialize)]
pub struct ActivityPage<'a> {
    pub activity: ActivityCard<'a>,
    pub deputies: Vec<DeputyCard<'a>>,
    pub station: Option<StationCard<'a>>,
    pub area: Option<AreaCard<'a>>,
    pub received: Option<u32>,
    pub suggestions: Vec<SuggestionCard<'a>>,
    pub group: Option<super::groups::GroupCard<'a>>,
    pub guests: Vec<receptions::GuestView>,
    pub evaluation: Option<super::deputy_record::EvaluationView<'a>>,
    pub body: &'a str,
}

pub fn activity(model: &Model, a: u32) -> ActivityPage<'_> {
    let act = &model.activities[a as usize];
    ActivityPage {
        activity: cards::activity(model, a),
        deputies: act
            .deputies
            .iter()
            .map(|&d| cards::deputy(model, d))
            .collect(),
        station: act.station.map(|s| cards::station(model, s)),
        area: act.area.map(|x| cards::area(model, x)),
        received: act.received,
        suggestions: act
            .suggestions
            .iter()
            .map(|&s| cards::suggestion(model, s))
            .collect(),
        group: act.group.map(|g| super::groups::card(model, g)),
        guests: receptions::guest_views(&act.guests),
        evaluation: act
            .evaluation
            .as_ref()
            .map(|e| super::deputy_record::evaluation_view(model, e)),
        body: &act.body_html,
    }
}

#[derive(Debug, Serialize)]
pub struct Pager {
    pub page: usize,
    pub pages: usize,
    pub prev: Option<String>,
    pub next: Option<String>,
}

pub fn pager(section: &str, page: usize, pages: usize) -> Pager {
    Pager {
        page,
        pages,
        prev: (page > 1).then(|| urls::list_page(section, page - 1)),
        next: (page < pages).then(|| urls::list_page(section, page + 1)),
    }
}

#[derive(Debug, Serialize)]
pub struct ListPage<T> {
    pub items: Vec<T>,
    pub pager: Pager,
    pub total: usize,
}

#[derive(Debug, Serialize)]
pub struct StepView<'a> {
    pub date: String,
    pub event: HistoryEvent,
    pub note: Option<&'a str>,
    pub outcome: Option<&'a str>,
    pub outcome_text: Option<&'a str>,
    pub satisfaction: Option<Satisfaction>,
}

#[derive(Debug, Serialize)]
pub struct SuggestionPage<'a> {
    pub suggestion: SuggestionCard<'a>,
    pub channel: Channel,
    pub deputies: Vec<DeputyCard<'a>>,
    pub station: Option<StationCard<'a>>,
    pub area: Option<AreaCard<'a>>,
    pub handler_url: Option<String>,
    pub transferred: Option<String>,
    pub replied: Option<String>,
    pub deadline: Option<String>,
    pub days_to_reply: Option<i32>,
    pub replied_late: bool,
    pub extended: bool,
    pub outcome_text: Option<&'a str>,
    pub satisfaction: Option<Satisfaction>,
    pub reply: Option<&'a str>,
    pub history: Vec<StepView<'a>>,
}

pub fn suggestion(model: &Model, i: u32) -> SuggestionPage<'_> {
    let s = &model.suggestions[i as usize];
    let outcome = |o: Option<usize>| {
        o.map(|o| {
            (
                model.config.outcomes[o].0.as_str(),
                model.config.outcomes[o].1.as_str(),
            )
        })
    };
    SuggestionPage {
        suggestion: cards::suggestion(model, i),
        channel: s.channel,
        deputies: s
            .deputies
            .iter()
            .map(|&d| cards::deputy(model, d))
            .collect(),
        station: s.station.map(|x| cards::station(model, x)),
        area: s.area.map(|x| cards::area(model, x)),
        handler_url: s
            .handler
            .map(|h| urls::item("handlers", &model.handlers[h as usize].id)),
        transferred: s.transferred.map(|d| d.to_string()),
        replied: s.derived.first_reply.map(|d| d.to_string()),
        deadline: s.derived.deadline.map(|d| d.to_string()),
        days_to_reply: s.derived.days_to_reply,
        replied_late: s.derived.replied_late,
        extended: s.extended,
        outcome_text: outcome(s.derived.outcome).map(|o| o.1),
        satisfaction: s.derived.satisfaction,
        reply: s.reply.as_deref(),
        history: s
            .history
            .iter()
            .map(|h| StepView {
                date: h.date.to_string(),
                event: h.event,
                note: h.note.as_deref(),
                outcome: outcome(h.outcome).map(|o| o.0),
                outcome_text: outcome(h.outcome).map(|o| o.1),
                satisfaction: h.satisfaction,
            })
            .collect(),
    }
}

#[derive(Debug, Serialize)]
pub struct FreePage<'a> {
    pub title: &'a str,
    pub body: &'a str,
}
