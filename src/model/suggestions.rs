//! Suggestion records (意见建议) and what is derived from them.
//!
//! Validation resolves references and checks that dates follow each other. Derivation
//! follows the spec exactly: status received → transferred → replied → closed with the last
//! history step winning, the final outcome and satisfaction, the reply deadline
//! (`reply_deadline_days`, or 180 days when `extended`), overdue as of the build date, and
//! the days from transfer to first reply.

use jiff::civil::Date;
use serde::Serialize;

use super::check::{Checker, Index, id_hint, valid_id};
use super::config::Config;
use crate::sources::raw::{RawPrivacyReview, RawSuggestion};
use crate::sources::{At, Doc, Text};
use crate::vocab::{Channel, HistoryEvent, Satisfaction};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    Received,
    Transferred,
    Replied,
    Closed,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Received => "received",
            Status::Transferred => "transferred",
            Status::Replied => "replied",
            Status::Closed => "closed",
        }
    }
}

#[derive(Debug, Clone)]
pub struct Step {
    pub date: Date,
    pub event: HistoryEvent,
    pub note: Option<String>,
    /// Index into the config's outcome classes.
    pub outcome: Option<usize>,
    pub satisfaction: Option<Satisfaction>,
}

#[derive(Debug, Clone)]
pub struct Suggestion {
    pub id: String,
    pub received: Date,
    pub channel: Channel,
    pub deputies: Vec<u32>,
    pub station: Option<u32>,
    pub area: Option<u32>,
    pub category: Option<String>,
    pub summary: String,
    pub handler: Option<u32>,
    pub transferred: Option<Date>,
    pub replied: Option<Date>,
    pub reply: Option<String>,
    pub priority: bool,
    pub extended: bool,
    pub history: Vec<Step>,
    pub review: Option<String>,
    pub extra: Option<serde_json::Value>,
    pub derived: Derived,
}

/// Facts that follow from the record and the build's as-of date.
#[derive(Debug, Clone)]
pub struct Derived {
    pub status: Status,
    /// Index into the config's outcome classes.
    pub outcome: Option<usize>,
    pub satisfaction: Option<Satisfaction>,
    pub deadline: Option<Date>,
    /// The first reply: `replied`, else the first `replied` history step.
    pub first_reply: Option<Date>,
    pub overdue: bool,
    pub replied_late: bool,
    pub days_to_reply: Option<i32>,
}

impl Derived {
    /// Whether the reply deadline is decided: replied (on time or late) or overdue.
    pub fn due(&self) -> bool {
        self.deadline.is_some() && (self.first_reply.is_some() || self.overdue)
    }

    /// Replied on or before the deadline.
    pub fn on_time(&self) -> bool {
        matches!((self.first_reply, self.deadline), (Some(r), Some(d)) if r <= d)
    }
}

pub struct Refs<'a> {
    pub deputies: &'a Index,
    pub stations: &'a Index,
    pub areas: &'a Index,
    pub handlers: &'a Index,
}

/// A privacy review (`privacy: { reviewed: true, reason: … }`) → its reason.
pub fn review(p: Option<&At<RawPrivacyReview>>, ck: &mut Checker<'_>) -> Option<String> {
    let p = p?;
    if !p.value.reviewed {
        return None;
    }
    match &p.value.reason {
        Some(r) if !r.0.trim().is_empty() => Some(r.0.trim().to_owned()),
        _ => {
            ck.error(
                p,
                "a privacy review needs a reason",
                "add `reason: \"…\"` saying why this text may be published as it is",
            );
            None
        }
    }
}

fn outcome(code: &At<Text>, config: &Config, ck: &mut Checker<'_>) -> Option<usize> {
    let found = config.outcomes.iter().position(|(k, _)| *k == code.value.0);
    if found.is_none() {
        let codes: Vec<&str> = config.outcomes.iter().map(|(k, _)| k.as_str()).collect();
        ck.error(
            code,
            format!("`{}` is not one of the outcome classes", code.value),
            format!(
                "use one of {} (site.yaml suggestions.outcomes)",
                codes.join(", ")
            ),
        );
    }
    found
}

pub fn validate(
    doc: &Doc<RawSuggestion>,
    refs: &Refs<'_>,
    config: &Config,
    as_of: Date,
    ck: &mut Checker<'_>,
) -> Option<Suggestion> {
    let r = &doc.raw;
    let id = r.id.value.0.trim().to_owned();
    if !valid_id(&id) {
        ck.error(&r.id, format!("`{id}` is not a valid id"), id_hint(&id));
    }
    let received = ck.date(&r.received);
    let transferred = ck.opt_date(r.transferred.as_ref());
    let replied = ck.opt_date(r.replied.as_ref());
    let order = |ck: &mut Checker<'_>,
                 a: Option<Date>,
                 b: Option<Date>,
                 at: Option<&At<Text>>,
                 what: &str| {
        if let (Some(a), Some(b), Some(at)) = (a, b, at)
            && b < a
        {
            ck.error(at, what.to_owned(), "check the two dates: a record is received, then transferred (交办), then replied (答复)");
        }
    };
    order(
        ck,
        received,
        transferred,
        r.transferred.as_ref(),
        "`transferred` is before `received`",
    );
    order(
        ck,
        transferred,
        replied,
        r.replied.as_ref(),
        "`replied` is before `transferred`",
    );
    if let (Some(at), None) = (&r.replied, &r.transferred) {
        ck.error(
            at,
            "a reply without `transferred:`",
            "add the date the record was handed to the handler (`transferred: YYYY-MM-DD`)",
        );
    }
    let base_outcome = r.outcome.as_ref().and_then(|o| outcome(o, config, ck));
    if let (Some(o), None) = (&r.outcome, &r.replied) {
        ck.error(
            o,
            "an outcome without `replied:`",
            "add the date of the reply (`replied: YYYY-MM-DD`)",
        );
    }
    let handler = r.handler.as_ref().and_then(|h| ck.lookup(refs.handlers, h));
    if let (Some(t), None) = (&r.transferred, &r.handler) {
        ck.error(
            t,
            "a transferred record needs `handler:`",
            "name the handling unit (承办单位) from handlers.yaml",
        );
    }
    let mut history = Vec::new();
    let mut last = replied.or(transferred).or(received);
    for h in &r.history {
        let s = &h.value;
        let Some(date) = ck.date(&s.date) else {
            continue;
        };
        if let Some(prev) = last
            && date < prev
        {
            ck.error(
                &s.date,
                "this history step is dated before the step it follows",
                "list history steps in date order, after `replied`",
            );
        }
        last = Some(date);
        let outcome = s.outcome.as_ref().and_then(|o| outcome(o, config, ck));
        history.push(Step {
            date,
            event: s.event.value,
            note: s.note.as_ref().map(|n| n.value.0.clone()),
            outcome,
            satisfaction: s.satisfaction,
        });
    }
    let review = review(r.privacy.as_ref(), ck);
    let deputies = ck.lookup_all(refs.deputies, &r.deputies);
    let station = r.station.as_ref().and_then(|s| ck.lookup(refs.stations, s));
    let area = r.area.as_ref().and_then(|s| ck.lookup(refs.areas, s));
    let mut s = Suggestion {
        id,
        received: received?,
        channel: r.channel.value,
        deputies,
        station,
        area,
        category: r
            .category
            .as_ref()
            .map(|c| c.value.0.trim().to_owned())
            .filter(|c| !c.is_empty()),
        summary: r.summary.value.0.trim().to_owned(),
        handler,
        transferred,
        replied,
        reply: r.reply.as_ref().map(|t| t.value.0.trim().to_owned()),
        priority: r.priority,
        extended: r.extended,
        history,
        review,
        extra: r.extra.clone(),
        derived: Derived {
            status: Status::Received,
            outcome: base_outcome,
            satisfaction: r.satisfaction.as_ref().map(|s| s.value),
            deadline: None,
            first_reply: None,
            overdue: false,
            replied_late: false,
            days_to_reply: None,
        },
    };
    s.derived = derive(&s, base_outcome, config, as_of);
    Some(s)
}

/// Everything the spec derives from a record as of `as_of`.
pub fn derive(
    s: &Suggestion,
    base_outcome: Option<usize>,
    config: &Config,
    as_of: Date,
) -> Derived {
    let mut status = match (s.transferred, s.replied, base_outcome) {
        (_, Some(_), Some(_)) => Status::Closed,
        (_, Some(_), None) => Status::Replied,
        (Some(_), None, _) => Status::Transferred,
        (None, None, _) => Status::Received,
    };
    let mut outcome = base_outcome;
    let mut satisfaction = s.derived.satisfaction;
    for step in &s.history {
        match step.event {
            HistoryEvent::Transferred | HistoryEvent::Reopened => status = Status::Transferred,
            HistoryEvent::Replied => {
                status = if step.outcome.is_some() {
                    Status::Closed
                } else {
                    Status::Replied
                }
            }
            HistoryEvent::Closed => status = Status::Closed,
            HistoryEvent::Note => {}
        }
        if step.event == HistoryEvent::Reopened {
            satisfaction = None;
            outcome = None;
        }
        if step.outcome.is_some() {
            outcome = step.outcome;
        }
        if step.satisfaction.is_some() {
            satisfaction = step.satisfaction;
        }
    }
    let days = if s.extended {
        180
    } else {
        config.reply_deadline_days
    };
    let deadline = s
        .transferred
        .and_then(|t| t.checked_add(jiff::Span::new().days(i64::from(days))).ok());
    let first_reply = s.replied.or_else(|| {
        s.history
            .iter()
            .find(|h| h.event == HistoryEvent::Replied)
            .map(|h| h.date)
    });
    // A reply on the deadline day is on time; without one, overdue from the day after.
    let overdue = first_reply.is_none() && deadline.is_some_and(|d| as_of > d);
    let replied_late = matches!((first_reply, deadline), (Some(r), Some(d)) if r > d);
    let days_to_reply = match (s.transferred, first_reply) {
        (Some(t), Some(r)) => Some((r - t).get_days()),
        _ => None,
    };
    Derived {
        status,
        outcome,
        satisfaction,
        deadline,
        first_reply,
        overdue,
        replied_late,
        days_to_reply,
    }
}
