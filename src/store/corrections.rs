//! `check` for a record's `corrections:` list (each entry says what was changed, when, from
//! what to what, and why) and its `retired:` mark. A child of `validate`, whose checker it uses.

use std::collections::HashSet;

use serde_saphyr::Spanned;

use super::super::file::{CommitmentFile, CorrectionFile, RetiredFile};
use super::{Checker, position};
use crate::model::{Correction, Event, Retirement, Retraction, field_kind, field_names};
use crate::problem::Problem;

/// The record's corrections, each checked; an entry with a problem is left out (and named).
pub(super) fn check(
    c: &mut Checker,
    r: &CommitmentFile,
    evidence_ids: &HashSet<String>,
) -> Vec<Correction> {
    r.corrections
        .iter()
        .flatten()
        .filter_map(|raw| entry(c, raw, evidence_ids))
        .collect()
}

fn entry(
    c: &mut Checker,
    raw: &Spanned<CorrectionFile>,
    evidence_ids: &HashSet<String>,
) -> Option<Correction> {
    let e = &raw.value;
    let what = "a correction";
    let date = match &e.date {
        None => {
            c.push(
                Problem::new(position(raw), "a correction has no `date`")
                    .help("add `date: YYYY-MM-DD`, the day the correction was made"),
            );
            None
        }
        some => c.date(some, "date"),
    };
    let evidence = c.text(&e.evidence).map(|id| id.trim().to_string());
    if let (Some(id), Some(f)) = (&evidence, &e.evidence)
        && !evidence_ids.contains(id)
    {
        let mut known: Vec<&String> = evidence_ids.iter().collect();
        known.sort();
        let help = if known.is_empty() {
            "this commitment has no evidence entries".to_string()
        } else {
            format!(
                "one of: {}",
                known
                    .iter()
                    .map(|s| s.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        };
        c.push(
            Problem::new(
                position(f),
                format!("this correction names the evidence entry `{id}`, which this commitment does not have"),
            )
            .found(id.clone())
            .help(help),
        );
    }
    let field = c
        .required(&e.field, "field", raw, what)
        .map(|f| f.trim().to_string());
    if let (Some(name), Some(f)) = (&field, &e.field)
        && field_kind(name, evidence.is_some()).is_none()
    {
        let whose = if evidence.is_some() {
            "of an evidence entry"
        } else {
            "of a commitment"
        };
        c.push(
            Problem::new(
                position(f),
                format!("`{name}` is not a field {whose} that a correction can change"),
            )
            .found(name.clone())
            .help(format!("one of: {}", field_names(evidence.is_some()))),
        );
    }
    let new = c.required(&e.new, "new", raw, what);
    let reason = c.required(&e.reason, "reason", raw, what);
    let recorded_at = c.timestamp(&e.recorded_at);
    let field = field.filter(|f| field_kind(f, evidence.is_some()).is_some())?;
    if evidence
        .as_ref()
        .is_some_and(|id| !evidence_ids.contains(id))
    {
        return None;
    }
    Some(Correction {
        date: date?,
        field,
        evidence,
        old: c.text(&e.old),
        new: new?,
        reason: reason?,
        recorded_by: c.text(&e.recorded_by),
        recorded_at,
    })
}

/// The record's `retired:` mark, checked: a date and a reason.
pub(super) fn retired(c: &mut Checker, r: &CommitmentFile) -> Option<Retirement> {
    let raw: &Spanned<RetiredFile> = r.retired.as_ref()?;
    let e = &raw.value;
    let date = match &e.date {
        None => {
            c.push(
                Problem::new(position(raw), "`retired` has no `date`")
                    .help("add `date: YYYY-MM-DD`, the day the commitment stopped being tracked"),
            );
            None
        }
        some => c.date(some, "date"),
    };
    let reason = c.required(&e.reason, "reason", raw, "`retired`");
    let recorded_at = c.timestamp(&e.recorded_at);
    Some(Retirement {
        date: date?,
        reason: reason?,
        recorded_by: c.text(&e.recorded_by),
        recorded_at,
    })
}

/// The record's `retractions:`, each naming an event of `history` (by date, and status when
/// given) or an evidence entry that exists.
pub(super) fn retractions(
    c: &mut Checker,
    r: &CommitmentFile,
    history: &[Event],
    evidence_ids: &HashSet<String>,
) -> Vec<Retraction> {
    let mut out = Vec::new();
    for raw in r.retractions.iter().flatten() {
        let e = &raw.value;
        let date = match &e.date {
            None => {
                c.push(
                    Problem::new(position(raw), "a retraction has no `date`")
                        .help("add `date: YYYY-MM-DD`, the day the entry was withdrawn"),
                );
                None
            }
            some => c.date(some, "date"),
        };
        let event = c.date(&e.event, "event");
        let status = c.text(&e.status).map(|s| s.trim().to_string());
        let evidence = c.text(&e.evidence).map(|s| s.trim().to_string());
        let reason = c.required(&e.reason, "reason", raw, "a retraction");
        let recorded_at = c.timestamp(&e.recorded_at);
        let mut fine = true;
        match (&e.event, &evidence) {
            (Some(_), Some(_)) | (None, None) => {
                c.push(
                    Problem::new(position(raw), "a retraction must name one entry: `event: DATE` or `evidence: ID`")
                        .help("give `event:` (the date of a status event, with `status:` if that day has several) or `evidence:` (an evidence id)"),
                );
                fine = false;
            }
            _ => {}
        }
        if let (Some(d), Some(f)) = (event, &e.event) {
            let found = history
                .iter()
                .any(|ev| ev.date == d && status.as_ref().is_none_or(|s| *s == ev.status));
            if !found {
                let dates: Vec<String> = history
                    .iter()
                    .map(|ev| format!("{} ({})", ev.date, ev.status))
                    .collect();
                c.push(
                    Problem::new(
                        position(f),
                        format!(
                            "no status event of {d}{} to retract",
                            status
                                .as_ref()
                                .map(|s| format!(" with status `{s}`"))
                                .unwrap_or_default()
                        ),
                    )
                    .found(f.value.0.clone())
                    .help(format!("the events are: {}", dates.join(", "))),
                );
                fine = false;
            }
        }
        if let (Some(id), Some(f)) = (&evidence, &e.evidence)
            && !evidence_ids.contains(id)
        {
            let mut known: Vec<&str> = evidence_ids.iter().map(String::as_str).collect();
            known.sort_unstable();
            c.push(
                Problem::new(position(f), format!("no evidence entry `{id}` to retract"))
                    .found(id.clone())
                    .help(format!("the evidence ids are: {}", known.join(", "))),
            );
            fine = false;
        }
        if let (true, Some(date), Some(reason)) = (fine, date, reason) {
            out.push(Retraction {
                date,
                event,
                status,
                evidence,
                reason,
                recorded_by: c.text(&e.recorded_by),
                recorded_at,
            });
        }
    }
    out
}
