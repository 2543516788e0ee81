//! Activity reports (履职活动): what deputies did, when, where and with whom.

use jiff::civil::Date;

use super::check::{Checker, Index, id_hint, valid_id};
use crate::diag::Diagnostic;
use crate::sources::Item;
use crate::sources::raw::RawActivity;
use crate::vocab::ActivityKind;

/// The most residents one reception activity can receive: more is a typing mistake.
const MAX_RECEIVED: u32 = 10_000;

#[derive(Debug, Clone)]
pub struct Activity {
    pub id: String,
    pub title: String,
    pub date: Date,
    pub kind: ActivityKind,
    pub deputies: Vec<u32>,
    pub station: Option<u32>,
    pub area: Option<u32>,
    pub received: Option<u32>,
    pub suggestions: Vec<u32>,
    pub review: Option<String>,
    pub extra: Option<serde_json::Value>,
    pub body_html: String,
}

pub struct Refs<'a> {
    pub deputies: &'a Index,
    pub stations: &'a Index,
    pub areas: &'a Index,
    pub suggestions: &'a Index,
}

pub fn validate(
    item: &Item<RawActivity>,
    refs: &Refs<'_>,
    as_of: jiff::civil::Date,
    ck: &mut Checker<'_>,
) -> Option<Activity> {
    let r = &item.raw;
    let id = item.id.rsplit('/').next().unwrap_or(&item.id).to_owned();
    if !valid_id(&id) {
        ck.push(
            Diagnostic::error(
                ck.origin.start(),
                format!("the file name `{id}` is not a valid id"),
            )
            .hint(format!("rename the file: {}", id_hint(&id))),
        );
    }
    let date = ck.date(&r.date);
    if let Some(d) = date
        && d > as_of
    {
        ck.push(
            Diagnostic::warning(ck.span(&r.date), format!("this activity is dated {d}, after the as-of date {as_of}: it is listed but not counted as done"))
                .hint("check the date for a typo (the year?), or build with a later --as-of; announce future meetings as station receptions or in a page"),
        );
    }
    if r.deputies.is_empty() {
        ck.push(
            Diagnostic::warning(ck.origin.start(), "this activity names no deputy")
                .hint("add `deputies: [id, …]` so it shows on their pages"),
        );
    }
    let deputies = ck.lookup_all(refs.deputies, &r.deputies);
    let station = r.station.as_ref().and_then(|s| ck.lookup(refs.stations, s));
    let area = r.area.as_ref().and_then(|s| ck.lookup(refs.areas, s));
    let suggestions = ck.lookup_all(refs.suggestions, &r.suggestions);
    if let Some(n) = &r.received
        && r.kind.value != ActivityKind::Reception
    {
        ck.error(
            n,
            "`received` is only for reception activities",
            "remove it, or set `kind: reception`",
        );
    }
    if let Some(n) = &r.received
        && n.value > MAX_RECEIVED
    {
        ck.error(
            n,
            format!(
                "{} people received at one activity is not plausible (at most {MAX_RECEIVED})",
                n.value
            ),
            "`received` is the number of residents the deputies met at this reception; check for extra digits",
        );
    }
    let review = super::suggestions::review(r.privacy.as_ref(), ck);
    Some(Activity {
        id,
        title: r.title.value.0.trim().to_owned(),
        date: date?,
        kind: r.kind.value,
        deputies,
        station,
        area,
        received: r.received.as_ref().map(|n| n.value),
        suggestions,
        review,
        extra: r.extra.clone(),
        body_html: String::new(),
    })
}
