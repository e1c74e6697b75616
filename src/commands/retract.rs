//! `commitments retract`: withdraw a status event or an evidence entry recorded by mistake.
//! The entry stays in the file as written; a `retractions:` entry says it is withdrawn, and
//! reports leave it out.

use clap_complete::ArgValueCandidates;

use crate::context::Context;
use crate::error::{Error, Result};
use crate::model::{Date, parse_date};
use crate::model::{Edit, Retraction};
use crate::store::{self, Change};

/// Withdraw a status event or an evidence entry recorded by mistake
///
/// Nothing is deleted: the entry stays as it was written, and a `retractions:` entry records
/// that it was withdrawn, when, by whom and why. The status on any date then ignores a
/// retracted event, and a retracted evidence entry no longer counts as the newest evidence.
/// An evidence entry that a standing event rests on alone cannot be retracted: retract the
/// event first, or record it again on other evidence.
#[derive(Debug, clap::Args)]
#[command(group(clap::ArgGroup::new("entry").required(true).args(["event", "evidence"])))]
pub struct Args {
    /// The commitment: its id, UUID, or the start of its UUID.
    #[arg(add = ArgValueCandidates::new(super::completions::commitment_ids))]
    commitment: String,
    /// The date of the status event to withdraw (YYYY-MM-DD).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    event: Option<Date>,
    /// With --event: the status of the event, when that day has several.
    #[arg(long, requires = "event", value_name = "STATUS", add = ArgValueCandidates::new(super::completions::statuses))]
    status: Option<String>,
    /// The id of the evidence entry to withdraw.
    #[arg(long, value_name = "EID", conflicts_with = "event")]
    evidence: Option<String>,
    /// Why it was a mistake (kept in the file).
    #[arg(long)]
    reason: String,
    /// Who is recording this (default: $COMMITMENTS_USER, else git's user.name).
    #[arg(long, value_name = "NAME")]
    by: Option<String>,
}

pub fn run(ctx: &Context, args: Args) -> Result<()> {
    let reason = args.reason.trim().to_string();
    if reason.is_empty() {
        return Err(Error::Argument(
            "--reason is empty; say why the entry was a mistake (it is kept in the file)".into(),
        ));
    }
    let event = args.event;
    let status = args.status.map(|s| s.trim().to_string());
    let evidence = args.evidence.map(|e| e.trim().to_string());
    let recorded_at = ctx.now()?;
    let recorded_by = ctx.recorder(args.by.as_deref());
    let key = args.commitment;
    let (id, what) = store::modify(&ctx.file, |ledger| {
        let index = ledger.position(&key)?;
        let c = &ledger.commitments[index];
        let r = Retraction {
            date: ctx.today,
            event,
            status: status.clone(),
            evidence: evidence.clone(),
            reason: reason.clone(),
            recorded_by: Some(recorded_by),
            recorded_at: Some(recorded_at),
        };
        let standing: Vec<_> = c.events_in_order();
        if let Some(d) = event {
            let on_day: Vec<_> = standing.iter().filter(|e| e.date == d).collect();
            let all: Vec<String> = standing
                .iter()
                .map(|e| format!("{} ({})", e.date, e.status))
                .collect();
            if on_day.is_empty() {
                return Err(Error::Argument(format!(
                    "{} has no standing status event on {d}; its events are: {}",
                    c.id,
                    all.join(", ")
                )));
            }
            let hit: Vec<_> = on_day.iter().filter(|e| r.covers_event(e)).collect();
            if hit.is_empty() {
                let there: Vec<&str> = on_day.iter().map(|e| e.status.as_str()).collect();
                return Err(Error::Argument(format!(
                    "{} has no event of {d} with status `{}`; that day's statuses are: {}",
                    c.id,
                    status.as_deref().unwrap_or_default(),
                    there.join(", ")
                )));
            }
            if hit.len() > 1 && status.is_none() {
                let there: Vec<&str> = hit.iter().map(|e| e.status.as_str()).collect();
                return Err(Error::Argument(format!(
                    "{} has {} events on {d}; say which with --status: {}",
                    c.id,
                    hit.len(),
                    there.join(", ")
                )));
            }
            if hit.len() == standing.len() {
                return Err(Error::Argument(format!(
                    "{d} is {}'s only standing event: retracting it would leave no status; record the right status with `update` first, or retire the commitment",
                    c.id
                )));
            }
        }
        if let Some(eid) = &evidence {
            let Some(e) = c.evidence_by_id(eid) else {
                let ids: Vec<&str> = c
                    .evidence
                    .iter()
                    .filter(|e| !c.is_retracted_evidence(e))
                    .map(|e| e.id.as_str())
                    .collect();
                return Err(Error::Argument(format!(
                    "{} has no evidence entry `{eid}`; its evidence entries are: {}",
                    c.id,
                    if ids.is_empty() {
                        "none".into()
                    } else {
                        ids.join(", ")
                    }
                )));
            };
            if c.is_retracted_evidence(e) {
                return Err(Error::Argument(format!(
                    "the evidence entry `{eid}` of {} is already retracted",
                    c.id
                )));
            }
            // An event resting on this entry alone would rest on nothing.
            let alone: Vec<String> = standing
                .iter()
                .filter(|ev| {
                    ev.evidence.iter().any(|x| x == eid)
                        && ev.evidence.iter().all(|x| {
                            x == eid
                                || c.evidence_by_id(x)
                                    .is_some_and(|o| c.is_retracted_evidence(o))
                        })
                })
                .map(|ev| format!("{} ({})", ev.date, ev.status))
                .collect();
            if !alone.is_empty() {
                return Err(Error::Argument(format!(
                    "the status event {} of {} rests on `{eid}` alone; retract that event first (retract {} --event DATE), or record it again on other evidence",
                    alone.join(", "),
                    c.id,
                    c.id
                )));
            }
        }
        let what = r.what();
        let edits = vec![Edit::Retract {
            commitment: index,
            retraction: r,
        }];
        Ok((Change { edits }, (c.id.clone(), what)))
    })?;
    ctx.print(&format!(
        "{id}: {what} retracted. It stays in the file; reports leave it out."
    ))
}
