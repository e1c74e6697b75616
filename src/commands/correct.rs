//! `commitments correct`: change a field that was written wrong, keeping the old value in a
//! dated correction entry that says who changed it and why.

use clap_complete::ArgValueCandidates;

use crate::context::Context;
use crate::error::{Error, Result};
use crate::model::{Correction, Edit, FieldKind, field_kind, field_names, judge};
use crate::store::{self, Change};

/// Correct a field of a commitment or of one of its evidence entries, keeping the old value
///
/// The new value replaces the old one in place (the line's comment and the rest of the file stay as they are), and a
/// `corrections:` entry keeps the old value with the day, who and why. Nothing is changed
/// silently.
///
/// Fields: title, owner, made, due, description, notes, source.title, source.publisher,
/// source.date, source.url, source.locator, source.quote; with --evidence: title, publisher,
/// url, published, accessed, kind, quote.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The commitment: its id, UUID, or the start of its UUID.
    #[arg(add = ArgValueCandidates::new(super::completions::commitment_ids))]
    commitment: String,
    /// The field and its new value, e.g. title="UK–France returns pilot" or due=2026-06-30.
    #[arg(value_name = "FIELD=VALUE")]
    change: String,
    /// Why the old value was wrong (kept in the file with the correction).
    #[arg(long)]
    reason: String,
    /// Correct a field of this evidence entry (its id) rather than of the commitment.
    #[arg(long, value_name = "EID")]
    evidence: Option<String>,
    /// Who is recording this (default: $COMMITMENTS_USER, else git's user.name).
    #[arg(long, value_name = "NAME")]
    by: Option<String>,
}

pub fn run(ctx: &Context, args: Args) -> Result<()> {
    let Some((field, value)) = args.change.split_once('=') else {
        return Err(Error::Argument(format!(
            "`{}` does not say what to change: write FIELD=VALUE, e.g. title=\"New title\"; fields: {}",
            args.change,
            field_names(args.evidence.is_some())
        )));
    };
    let field = field.trim().to_string();
    let by_evidence = args.evidence.is_some();
    let Some(kind) = field_kind(&field, by_evidence) else {
        let whose = if by_evidence {
            "an evidence entry's"
        } else {
            "a commitment's"
        };
        return Err(Error::Argument(format!(
            "`{field}` is not {whose} field that can be corrected; the fields are: {}",
            field_names(by_evidence)
        )));
    };
    // Text is kept as typed; a date, an address or a kind is read without its spaces, as
    // `check` reads it.
    let value = match kind {
        FieldKind::Text | FieldKind::Required => value.to_string(),
        _ => value.trim().to_string(),
    };
    if let Some(why) = judge(kind, &value) {
        return Err(Error::Argument(format!("the new {field} `{value}` {why}")));
    }
    let reason = args.reason.trim().to_string();
    if reason.is_empty() {
        return Err(Error::Argument(
            "--reason is empty; say why the old value was wrong (it is kept with the correction)"
                .into(),
        ));
    }
    let recorded_at = ctx.now()?;
    let recorded_by = ctx.recorder(args.by.as_deref());
    let key = args.commitment;
    let eid = args.evidence.map(|e| e.trim().to_string());
    let (id, old) = store::modify(&ctx.file, |ledger| {
        let index = ledger.position(&key)?;
        let c = &ledger.commitments[index];
        if let Some(e) = &eid
            && c.evidence_by_id(e).is_none()
        {
            let ids: Vec<&str> = c.evidence.iter().map(|e| e.id.as_str()).collect();
            return Err(Error::Argument(if ids.is_empty() {
                format!("{} has no evidence entries, so none is called `{e}`", c.id)
            } else {
                format!(
                    "{} has no evidence entry `{e}`; its evidence entries are: {}",
                    c.id,
                    ids.join(", ")
                )
            }));
        }
        if field.starts_with("source.") && c.source.is_none() {
            return Err(Error::Argument(format!(
                "{} has no source document, so there is no {field} to correct",
                c.id
            )));
        }
        let old = c.field_value(&field, eid.as_deref());
        if old.as_deref() == Some(value.as_str()) {
            return Err(Error::Argument(format!(
                "{}'s {field} is already `{value}`; nothing to correct",
                c.id
            )));
        }
        let correction = Correction {
            date: ctx.today,
            field: field.clone(),
            evidence: eid.clone(),
            old: old.clone(),
            new: value.clone(),
            reason: reason.clone(),
            recorded_by: Some(recorded_by),
            recorded_at: Some(recorded_at),
        };
        let mut after = c.clone();
        after.correct(&correction);
        consistent(&after)?;
        let edits = vec![Edit::Correct {
            commitment: index,
            correction,
        }];
        Ok((Change { edits }, (c.id.clone(), old)))
    })?;
    let whose = match &eid {
        Some(e) => format!("{id} (evidence {e})"),
        None => id,
    };
    let was = old.map_or_else(|| "not set".to_string(), |o| format!("`{o}`"));
    ctx.print(&format!(
        "{whose}: {field} corrected to `{value}` (was {was}); the old value is kept in `corrections`."
    ))
}

/// The dates a correction may move must still agree: nothing happens before `made`, and `due`
/// is not before it.
fn consistent(c: &crate::model::Commitment) -> Result<()> {
    if let Some(due) = c.due
        && due < c.made
    {
        return Err(Error::Argument(format!(
            "{}: due ({due}) would be before made ({}); correct the other date first",
            c.id, c.made
        )));
    }
    let first = c
        .history
        .iter()
        .map(|e| e.date)
        .chain(c.funding_history.iter().map(|e| e.date))
        .min();
    if let Some(first) = first
        && first < c.made
    {
        return Err(Error::Argument(format!(
            "{}: made ({}) would be after its first recorded event ({first}); made must be on or before it",
            c.id, c.made
        )));
    }
    Ok(())
}
