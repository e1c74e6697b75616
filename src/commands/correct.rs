//! `commitments correct`: change a field that was written wrong, keeping the old value in a
//! dated correction entry that says who changed it and why.

use clap_complete::ArgValueCandidates;

use crate::context::Context;
use crate::error::{Error, Result};
use crate::model::{
    Correction, Edit, FieldKind, field_kind, field_names, judge, list_items, list_text,
};
use crate::store::{self, Change};

/// Correct a field of a commitment or of one of its evidence entries, keeping the old value
///
/// The new value replaces the old one in place (the line's comment and the rest of the file stay as they are), and a
/// `corrections:` entry keeps the old value with the day, who and why. Nothing is changed
/// silently.
///
/// Fields: title, owner, made, due, description, notes, tags, partners, parent, source.title,
/// source.publisher, source.date, source.url, source.locator, source.quote; with --evidence:
/// title, publisher, url, published, accessed, kind, quote.
///
/// The lists (tags, partners): `tags=a,b` makes the list exactly a, b (split at commas);
/// `tags+=x` adds one item and `tags-=x` takes one out, each written whole (so it may hold a
/// comma). Items kept stay where they are, with their comments. A list is not emptied by a
/// correction; the old list is kept in the correction entry, one item a line.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The commitment: its id, UUID, or the start of its UUID.
    #[arg(add = ArgValueCandidates::new(super::completions::commitment_ids))]
    commitment: String,
    /// The field and its new value, e.g. title="UK–France returns pilot", due=2026-06-30,
    /// tags=france,enforcement, partners+=Albania or partners-=China.
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
    let Some((lhs, value)) = args.change.split_once('=') else {
        return Err(Error::Argument(format!(
            "`{}` does not say what to change: write FIELD=VALUE, e.g. title=\"New title\" (for a list also FIELD+=ITEM or FIELD-=ITEM); fields: {}",
            args.change,
            field_names(args.evidence.is_some())
        )));
    };
    let by_evidence = args.evidence.is_some();
    let (field, op) = list_op(lhs.trim(), by_evidence);
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
    if op != ListOp::Set && kind != FieldKind::List {
        return Err(Error::Argument(format!(
            "`{lhs}=` adds to or takes from a list, and {field} is not one; write {field}=VALUE (the lists are tags and partners)"
        )));
    }
    // Text is kept as typed; a date, an address or a kind is read without its spaces, as
    // `check` reads it. A list's items are judged once the new list is known.
    let value = match kind {
        FieldKind::Text | FieldKind::Required => value.to_string(),
        _ => value.trim().to_string(),
    };
    if kind == FieldKind::List && value.is_empty() {
        return Err(Error::Argument(format!(
            "`{lhs}=` gives no item; write {field}=A,B for the whole list, {field}+=ITEM to add one or {field}-=ITEM to take one out"
        )));
    }
    if kind != FieldKind::List
        && let Some(why) = judge(kind, &value)
    {
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
    let (id, old, value) = store::modify(&ctx.file, |ledger| {
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
        let value = if kind == FieldKind::List {
            new_list(&c.id, &field, op, old.as_deref(), &value)?
        } else {
            value.clone()
        };
        if old.as_deref() == Some(value.as_str()) {
            return Err(Error::Argument(format!(
                "{}'s {field} is already `{}`; nothing to correct",
                c.id,
                list_items(&value).join(", ")
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
        if kind == FieldKind::Id {
            linked(ledger, index, &after)?;
        }
        let edits = vec![Edit::Correct {
            commitment: index,
            correction,
        }];
        let shown = |v: &str| {
            if kind == FieldKind::List {
                list_items(v).join(", ")
            } else {
                v.to_string()
            }
        };
        let old = old.as_deref().map(shown);
        Ok((Change { edits }, (c.id.clone(), old, shown(&value))))
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

/// A new parent must be a commitment of the ledger, and not make a cycle.
fn linked(
    ledger: &crate::model::Ledger,
    index: usize,
    after: &crate::model::Commitment,
) -> Result<()> {
    let mut all = ledger.commitments.clone();
    all[index] = after.clone();
    match crate::model::link_errors(&all).into_iter().next() {
        None => Ok(()),
        Some(crate::model::LinkError::Unknown { parent, .. }) => {
            let ids: Vec<&str> = ledger
                .commitments
                .iter()
                .filter(|c| c.id != after.id)
                .map(|c| c.id.as_str())
                .collect();
            Err(Error::Argument(format!(
                "no commitment has the id `{parent}`, so it cannot be {}'s parent; the ids are: {}",
                after.id,
                ids.join(", ")
            )))
        }
        Some(crate::model::LinkError::Cycle { ids, .. }) => Err(Error::Argument(format!(
            "making {} the parent of {} would make a cycle ({}); a commitment may not be its own ancestor",
            after.parent.as_deref().unwrap_or(""),
            after.id,
            ids.join(" → ")
        ))),
    }
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

/// How a list is corrected: the whole list, or one item in or out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ListOp {
    Set,
    Add,
    Remove,
}

/// `tags+` and `tags-` (from `tags+=x`, `tags-=x`) name a list and say what to do to it.
fn list_op(lhs: &str, evidence: bool) -> (String, ListOp) {
    for (end, op) in [('+', ListOp::Add), ('-', ListOp::Remove)] {
        if let Some(name) = lhs.strip_suffix(end)
            && field_kind(name.trim(), evidence).is_some()
        {
            return (name.trim().to_string(), op);
        }
    }
    (lhs.to_string(), ListOp::Set)
}

/// The list after the correction, one item a line as the correction entry holds it; refused
/// in words when an item is empty, given twice, already there or not there to take out, or
/// when the list would be left empty.
fn new_list(id: &str, field: &str, op: ListOp, old: Option<&str>, value: &str) -> Result<String> {
    let old = old.map(list_items).unwrap_or_default();
    let now = || {
        if old.is_empty() {
            format!("{id} has no {field}")
        } else {
            format!("{id}'s {field}: {}", old.join(", "))
        }
    };
    let mut items = match op {
        ListOp::Set => {
            let given: Vec<String> = value.split(',').map(|i| i.trim().to_string()).collect();
            if given.iter().any(String::is_empty) {
                return Err(Error::Argument(format!(
                    "`{field}={value}` has an empty item; separate the items with single commas, e.g. {field}=a,b"
                )));
            }
            given
        }
        ListOp::Add => {
            if old.iter().any(|o| o == value) {
                return Err(Error::Argument(format!(
                    "`{value}` is already in the list ({}); nothing to correct",
                    now()
                )));
            }
            old.iter().cloned().chain([value.to_string()]).collect()
        }
        ListOp::Remove => {
            if !old.iter().any(|o| o == value) {
                return Err(Error::Argument(format!(
                    "`{value}` is not in the list to take out ({}); write an item exactly as it is",
                    now()
                )));
            }
            old.iter().filter(|o| *o != value).cloned().collect()
        }
    };
    if items.is_empty() {
        return Err(Error::Argument(format!(
            "taking `{value}` out would leave {id} with no {field}; a correction gives the right value — write {field}=A,B with the items that belong there"
        )));
    }
    let mut seen = std::collections::HashSet::new();
    if let Some(twice) = items.iter().find(|i| !seen.insert(i.as_str())) {
        return Err(Error::Argument(format!(
            "`{twice}` is given twice; give each item of {field} once"
        )));
    }
    if let Some(bad) = items.iter().find(|i| i.contains(['\n', '\r'])) {
        return Err(Error::Argument(format!(
            "`{}` holds a line break; an item of {field} is one line",
            bad.escape_debug()
        )));
    }
    Ok(list_text(std::mem::take(&mut items).as_slice()))
}
