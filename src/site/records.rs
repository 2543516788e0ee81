//! Contexts of the pages about stations, activities, suggestions and free pages (handlers:
//! [`super::handler_pages`]).

use serde::Serialize;

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
    pub topic: Option<&'a str>,
}

fn rule_view<'a>(model: &'a Model, r: &'a crate::schedule::ReceptionRule) -> RuleView<'a> {
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
        topic: r.topic.as_deref(),
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
    pub next: Option<OccurrenceView<'a>>,
    pub upcoming: Vec<OccurrenceView<'a>>,
    pub deputies: Vec<DeputyCard<'a>>,
    pub activities: Vec<ActivityCard<'a>>,
    pub body: &'a str,
}

pub fn station(model: &Model, s: u32) -> StationPage<'_> {
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
        rules: st.rules.iter().map(|r| rule_view(model, r)).collect(),
        next: upcoming.first().cloned(),
        upcoming,
        deputies: model.links.station_deputies[s as usize]
            .iter()
            .map(|&d| cards::deputy(model, d))
            .collect(),
        activities: model.links.station_activities[s as usize]
            .iter()
            .take(20)
            .map(|&a| cards::activity(model, a))
            .collect(),
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
