//! `commitments retire`: mark a commitment as no longer tracked. It stays in the file and is
//! shown as retired; reports from that date on leave it out unless asked to include it.

use super::not_in_future;
use clap_complete::ArgValueCandidates;

use crate::context::Context;
use crate::error::{Error, Result};
use crate::model::{Date, parse_date};
use crate::model::{Edit, Retirement};
use crate::store::{self, Change};

/// Mark a commitment as no longer tracked: kept and shown, left out of reports from its date
///
/// For one dropped from the agenda, merged into another, or found to be no commitment at all.
/// Nothing is deleted: the record, its history and its
/// evidence stay, `show` says it is retired and why, and `report` and `list` on or after the
/// date leave it out of their rows and totals unless given --include-retired.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The commitment: its id, UUID, or the start of its UUID.
    #[arg(add = ArgValueCandidates::new(super::completions::commitment_ids))]
    commitment: String,
    /// Why it is no longer tracked (kept in the file).
    #[arg(long)]
    reason: String,
    /// From when it is no longer tracked (YYYY-MM-DD; default today).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    date: Option<Date>,
    /// Who is recording this (default: $COMMITMENTS_USER, else git's user.name).
    #[arg(long, value_name = "NAME")]
    by: Option<String>,
}

pub fn run(ctx: &Context, args: Args) -> Result<()> {
    let reason = args.reason.trim().to_string();
    if reason.is_empty() {
        return Err(Error::Argument(
            "--reason is empty; say why the commitment is no longer tracked (it is kept in the file)"
                .into(),
        ));
    }
    let date = args.date.unwrap_or(ctx.today);
    not_in_future(
        "--date",
        date,
        ctx.today,
        "retire a commitment from today or an earlier day",
    )?;
    let recorded_at = ctx.now()?;
    let recorded_by = ctx.recorder(args.by.as_deref());
    let key = args.commitment;
    let id = store::modify(&ctx.file, |ledger| {
        let index = ledger.position(&key)?;
        let c = &ledger.commitments[index];
        if let Some(r) = &c.retired {
            return Err(Error::Argument(format!(
                "{} is already retired (since {}: {}); nothing was changed",
                c.id, r.date, r.reason
            )));
        }
        if date < c.made {
            return Err(Error::Argument(format!(
                "--date {date} is before {} was made ({})",
                c.id, c.made
            )));
        }
        let edits = vec![Edit::Retire {
            commitment: index,
            retirement: Retirement {
                date,
                reason: reason.clone(),
                recorded_by: Some(recorded_by),
                recorded_at: Some(recorded_at),
            },
        }];
        Ok((Change { edits }, c.id.clone()))
    })?;
    ctx.print(&format!(
        "{id}: retired from {date}. It stays in the file; reports from {date} on leave it out unless given --include-retired."
    ))
}
