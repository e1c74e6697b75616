//! `commitments update`: record that a commitment's status changed (or was confirmed), on a
//! date, on evidence.

use super::cite::{Cite, CiteArgs};
use super::{not_in_future, status_arg};
use clap_complete::ArgValueCandidates;

use crate::context::Context;
use crate::error::{Error, Result};
use crate::model::{Date, parse_date};
use crate::model::{Edit, Event};
use crate::store::{self, Change};

/// Append a status event. It must cite evidence: existing entries (--evidence), a new entry
/// (--evidence-url and --evidence-title), or, with a --note saying why, --unsourced.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The commitment: its id, UUID, or the start of its UUID.
    #[arg(add = ArgValueCandidates::new(super::completions::commitment_ids))]
    commitment: String,
    /// The new status, one of the ledger's `statuses:` (by default announced, in-progress, partial, delivered, stalled or abandoned); any other is refused with the ledger's list.
    #[arg(long, value_name = "STATUS", add = ArgValueCandidates::new(super::completions::statuses))]
    status: String,
    /// When it happened, according to the evidence (YYYY-MM-DD; default today).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    date: Option<Date>,
    #[command(flatten)]
    cite: CiteArgs,
    /// Who is recording this (default: $COMMITMENTS_USER, else git's user.name).
    #[arg(long, value_name = "NAME")]
    by: Option<String>,
}

pub fn run(ctx: &Context, args: Args) -> Result<()> {
    let date = args.date.unwrap_or(ctx.today);
    not_in_future("--date", date, ctx.today, "record what has happened")?;
    let cite = Cite::from_args(ctx, args.cite, "a status change")?;
    let recorded_at = ctx.now()?;
    let recorded_by = ctx.recorder(args.by.as_deref());
    let key = args.commitment;
    let status_text = args.status;
    let (id, status, later) = store::modify(&ctx.file, |ledger| {
        let index = ledger.position(&key)?;
        let c = &ledger.commitments[index];
        let status = status_arg(ledger, &status_text)?;
        if date < c.made {
            return Err(Error::Argument(format!(
                "--date {date} is before {} was made ({}); cite earlier sources as evidence instead",
                c.id, c.made
            )));
        }
        let note = cite.note.clone();
        let unsourced = cite.unsourced;
        let (cited, new_evidence) = cite.resolve(c, index)?;
        let mut edits: Vec<Edit> = new_evidence.into_iter().collect();
        edits.push(Edit::AddEvent {
            commitment: index,
            event: Event {
                date,
                status: status.clone(),
                note,
                evidence: cited,
                unsourced,
                recorded_by: Some(recorded_by),
                recorded_at: Some(recorded_at),
            },
        });
        // An event dated before a later one does not change the current status; say so
        // rather than let the confirmation suggest it did.
        let later = c
            .events_in_order()
            .into_iter()
            .rfind(|e| e.date > date)
            .map(|e| (e.status.clone(), e.date));
        Ok((Change { edits }, (c.id.clone(), status, later)))
    })?;
    let mut message = format!("{id}: {status} from {date}.");
    if let Some((current, on)) = later {
        message.push_str(&format!(
            " The current status is still {current}, from a later event ({on})."
        ));
    }
    ctx.print(&message)
}
