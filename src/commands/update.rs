//! `commitments update`: record that a commitment's status changed (or was confirmed), on a
//! date, on evidence.

use super::evidence::Draft;
use super::{date_arg, status_arg};
use crate::context::Context;
use crate::error::{Error, Result};
use crate::model::{Commitment, Edit, Event, SOURCE_REF};
use crate::store::{self, Change};

/// Append a status event. It must cite evidence: existing entries (--evidence), a new entry
/// (--evidence-url and --evidence-title), or, with a --note saying why, --unsourced.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The commitment: its id, UUID, or the start of its UUID.
    commitment: String,
    /// The new status, one of the ledger's `statuses:` (by default announced, in-progress, partial, delivered, stalled or abandoned); any other is refused with the ledger's list.
    #[arg(long)]
    status: String,
    /// When it happened, according to the evidence (YYYY-MM-DD; default today).
    #[arg(long, value_name = "DATE")]
    date: Option<String>,
    /// What happened and how sure we are.
    #[arg(long)]
    note: Option<String>,
    /// Id of an evidence entry this rests on (repeatable; `source` cites the source document).
    #[arg(long = "evidence", value_name = "EVIDENCE_ID")]
    evidence: Vec<String>,
    /// Record without evidence; --note must say why. Reports mark such changes.
    #[arg(long, conflicts_with_all = ["evidence", "evidence_url"])]
    unsourced: bool,
    /// Web address of new evidence to add and cite.
    #[arg(long, value_name = "URL", requires = "evidence_title")]
    evidence_url: Option<String>,
    /// Title of the new evidence.
    #[arg(long, value_name = "TITLE", requires = "evidence_url")]
    evidence_title: Option<String>,
    /// Publisher of the new evidence.
    #[arg(long, requires = "evidence_url")]
    publisher: Option<String>,
    /// Publication date of the new evidence (YYYY-MM-DD).
    #[arg(long, value_name = "DATE", requires = "evidence_url")]
    published: Option<String>,
    /// Kind of the new evidence (official-statement, legislation, parliament, court, media,
    /// ngo-report, dataset, other).
    #[arg(long, requires = "evidence_url")]
    kind: Option<String>,
    /// A short, exact quotation from the new evidence.
    #[arg(long, requires = "evidence_url")]
    quote: Option<String>,
    /// The day you read the new evidence yourself (YYYY-MM-DD; `--accessed` alone means
    /// today). Without it the entry has no access date.
    #[arg(long, value_name = "DATE", num_args = 0..=1, requires = "evidence_url")]
    accessed: Option<Option<String>>,
    /// Id for the new evidence (default: from publisher and date).
    #[arg(long, value_name = "ID", requires = "evidence_url")]
    evidence_id: Option<String>,
    /// Who is recording this (default: $COMMITMENTS_USER, else git's user.name).
    #[arg(long, value_name = "NAME")]
    by: Option<String>,
}

pub fn run(ctx: &Context, args: Args) -> Result<()> {
    let date = match &args.date {
        Some(d) => date_arg("--date", d)?,
        None => ctx.today,
    };
    if date > ctx.today {
        return Err(Error::Argument(format!(
            "--date {date} is in the future (today is {}); record what has happened",
            ctx.today
        )));
    }
    let note = args
        .note
        .map(|n| n.trim().to_string())
        .filter(|n| !n.is_empty());
    if args.unsourced && note.is_none() {
        return Err(Error::Argument(
            "--unsourced needs a --note saying why there is no source".into(),
        ));
    }
    if !args.unsourced && args.evidence.is_empty() && args.evidence_url.is_none() {
        return Err(Error::Argument(
            "a status change must cite evidence: --evidence ID (see `commitments show`), or --evidence-url URL --evidence-title TITLE, or --unsourced with a --note saying why".into(),
        ));
    }
    let draft = match (args.evidence_url, args.evidence_title) {
        (Some(url), Some(title)) => Some(Draft::from_args(
            ctx,
            super::evidence::EvidenceArgs::new(
                url,
                title,
                args.publisher,
                args.published,
                args.kind,
                args.quote,
                args.evidence_id,
            )
            .accessed(args.accessed),
            "evidence-",
        )?),
        _ => None,
    };
    let recorded_at = ctx.now()?;
    let recorded_by = ctx.recorder(args.by.as_deref());
    let key = args.commitment;
    let status_text = args.status;
    let cited_ids = args.evidence;
    let unsourced = args.unsourced;
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
        check_cited(c, &cited_ids)?;
        let mut edits = Vec::new();
        let mut cited = cited_ids.clone();
        if let Some(draft) = draft {
            let evidence = draft.into_evidence(c)?;
            cited.push(evidence.id.clone());
            edits.push(Edit::AddEvidence {
                commitment: index,
                evidence,
            });
        }
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

/// Every id given with --evidence must name an evidence entry of `c`, or `source` when it
/// has a source document.
pub(super) fn check_cited(c: &Commitment, cited_ids: &[String]) -> Result<()> {
    for e in cited_ids {
        let known = c.evidence_by_id(e).is_some() || (e == SOURCE_REF && c.source.is_some());
        if !known {
            let mut ids: Vec<&str> = c.evidence.iter().map(|e| e.id.as_str()).collect();
            if c.source.is_some() {
                ids.insert(0, SOURCE_REF);
            }
            return Err(Error::Argument(format!(
                "{} has no evidence with the id `{e}`; {}",
                c.id,
                if ids.is_empty() {
                    "it has no evidence yet (add some with `commitments evidence`)".to_string()
                } else {
                    format!("its evidence ids are: {}", ids.join(", "))
                }
            )));
        }
    }
    Ok(())
}
