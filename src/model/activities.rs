//! Activity reports (履职活动): what deputies did, when, where and with whom.

use jiff::civil::Date;

use super::check::{Checker, Index, id_hint, valid_id};
use crate::diag::Diagnostic;
use crate::sources::At;
use crate::sources::Item;
use crate::sources::raw::{RawActivity, RawEvaluation, RawGuest};
use crate::vocab::{ActivityKind, Level};

/// The most residents one reception activity can receive: more is a typing mistake.
const MAX_RECEIVED: u32 = 10_000;

/// A participant who is not a deputy of this site (两代表一委员, 五级代表进站): a CPPCC member,
/// a party congress deputy, or a deputy of another level. A public office holder, named with
/// the office that makes the name publishable.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Guest {
    pub name: String,
    /// The office as written (县政协委员); none when `level` names it.
    pub role: Option<String>,
    /// For a deputy of another level: that level.
    pub level: Option<Level>,
}

/// Validates `guests:` of an activity or a reception: each needs a name and a role (or, for
/// a deputy, a level).
pub fn guests(list: &[At<RawGuest>], ck: &mut Checker<'_>) -> Vec<Guest> {
    let mut out = Vec::with_capacity(list.len());
    for at in list {
        let g = &at.value;
        let name = ck.named(&g.name);
        let role = g
            .role
            .as_ref()
            .map(|r| ck.localized(r))
            .filter(|r| !r.is_empty());
        let level = g.level.as_ref().map(|l| l.value);
        if role.is_none() && level.is_none() {
            ck.error(
                at,
                format!("the guest `{name}` has no role"),
                "guests are published as public office holders: add `role:` (e.g. `role: 县政协委员`, `role: 县党代表`), or `level:` for a deputy of another level",
            );
            continue;
        }
        out.push(Guest { name, role, level });
    }
    out
}

/// The evaluation (测评) of a report-back: how many took part, and per category of
/// site.yaml's `evaluation.categories` (in that order) how many chose it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Evaluation {
    pub participants: u32,
    pub counts: Vec<u32>,
}

fn evaluation(
    at: &At<RawEvaluation>,
    kind: ActivityKind,
    categories: &[String],
    ck: &mut Checker<'_>,
) -> Option<Evaluation> {
    if kind != ActivityKind::ReportBack {
        ck.error(
            at,
            "`evaluation` is only for report-back activities",
            "remove it, or set `kind: report-back`",
        );
        return None;
    }
    let e = &at.value;
    let participants = e.participants.value;
    if participants == 0 {
        ck.error(
            &e.participants,
            "an evaluation needs its number of participants",
            "write how many voters took part in the evaluation (参加测评人数)",
        );
        return None;
    }
    let mut counts = vec![0u32; categories.len()];
    let mut ok = true;
    for (name, n) in &e.results.value {
        match categories.iter().position(|c| c == name.0.trim()) {
            Some(i) => counts[i] = n.value,
            None => {
                ok = false;
                ck.error(
                    n,
                    format!("`{}` is not one of the evaluation categories", name.0),
                    format!(
                        "use the categories of site.yaml `evaluation.categories`: {}",
                        categories.join(", ")
                    ),
                );
            }
        }
    }
    let total: u64 = counts.iter().map(|&n| u64::from(n)).sum();
    if total > u64::from(participants) {
        ck.error(
            &e.results,
            format!(
                "the evaluation counts add up to {total}, more than the {participants} participants"
            ),
            "each participant chooses one category: check the counts and `participants`",
        );
        ok = false;
    }
    ok.then_some(Evaluation {
        participants,
        counts,
    })
}

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
    /// The liaison group whose meeting (or activity) this is.
    pub group: Option<u32>,
    /// Participants who are not deputies of this site.
    pub guests: Vec<Guest>,
    /// A report-back's evaluation.
    pub evaluation: Option<Evaluation>,
    pub review: Option<String>,
    pub extra: Option<serde_json::Value>,
    pub body_html: String,
}

pub struct Refs<'a> {
    pub deputies: &'a Index,
    pub stations: &'a Index,
    pub areas: &'a Index,
    pub suggestions: &'a Index,
    pub groups: &'a Index,
    /// The site has a groups.yaml: a group meeting without `group:` is warned about.
    pub groups_file: bool,
    /// site.yaml's evaluation categories.
    pub categories: &'a [String],
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
    let group = r.group.as_ref().and_then(|g| ck.lookup(refs.groups, g));
    if refs.groups_file && r.kind.value == ActivityKind::GroupMeeting && r.group.is_none() {
        ck.push(
            Diagnostic::warning(
                ck.span(&r.kind),
                "this group meeting names no liaison group",
            )
            .hint("add `group: <id>` (groups.yaml) so the meeting counts for its group"),
        );
    }
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
        title: ck.localized(&r.title),
        date: date?,
        kind: r.kind.value,
        deputies,
        station,
        area,
        received: r.received.as_ref().map(|n| n.value),
        suggestions,
        group,
        guests: guests(&r.guests, ck),
        evaluation: r
            .evaluation
            .as_ref()
            .and_then(|e| evaluation(e, r.kind.value, refs.categories, ck)),
        review,
        extra: r.extra.clone(),
        body_html: String::new(),
    })
}
