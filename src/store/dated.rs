//! The entries of a commitment that are dated and rest on evidence: status events and funding
//! events (`history:` and `funding_history:`), checked by `validate` with the same two rules
//! (`Dated`) and each with its own (a known status; a stage, an amount, one currency).

use std::collections::HashSet;

use serde_saphyr::Spanned;

use super::super::file::{CommitmentFile, EventFile, Field, FundingEventFile};
use super::{Checker, position};
use crate::model::{Date, Event, Funding, FundingEvent, SOURCE_REF, Stage, Vocabulary};
use crate::problem::Problem;

pub(super) fn event(
    c: &mut Checker,
    raw: &Spanned<EventFile>,
    vocabulary: &Vocabulary,
    evidence_ids: &HashSet<String>,
    has_source: bool,
    made: Option<Date>,
) -> Option<Event> {
    let e = &raw.value;
    let date = Dated::Status.date(c, raw, &e.date, made);
    let status = c.required(&e.status, "status", raw, "a history event");
    if let (Some(s), Some(f)) = (&status, &e.status)
        && vocabulary.get(s).is_none()
    {
        c.push(
            Problem::new(position(f), format!("unknown status `{s}`"))
                .found(s.clone())
                .help(format!("one of: {}", vocabulary.keys().join(", "))),
        );
    }
    let (cited, unsourced, note) = Dated::Status.footing(
        c,
        raw,
        (&e.evidence, &e.unsourced, &e.note),
        evidence_ids,
        has_source,
    );
    let recorded_at = c.timestamp(&e.recorded_at);
    Some(Event {
        date: date?,
        status: status?,
        note,
        evidence: cited,
        unsourced,
        recorded_by: c.text(&e.recorded_by),
        recorded_at,
    })
}

/// A dated entry that rests on evidence: a status event or a funding event. Both keep the same
/// two rules (dated on or after `made`; evidence cited, or a note saying why there is none),
/// checked once here in each one's own words.
#[derive(Clone, Copy)]
enum Dated {
    Status,
    Funding,
}

impl Dated {
    /// The entry's date, which it must have and which is not before the commitment was made.
    fn date<T>(
        self,
        c: &mut Checker,
        raw: &Spanned<T>,
        field: &Option<Field>,
        made: Option<Date>,
    ) -> Option<Date> {
        let date =
            match field {
                None => {
                    let missing = match self {
                        Dated::Status => "a history event has no `date`",
                        Dated::Funding => "a funding event has no `date`",
                    };
                    c.push(Problem::new(position(raw), missing).help(
                        "add `date: YYYY-MM-DD`, the day it happened according to the evidence",
                    ));
                    None
                }
                some => c.date(some, "date"),
            };
        if let (Some(d), Some(m), Some(f)) = (date, made, field)
            && d < m
        {
            let (what, help) = match self {
                Dated::Status => (
                    "this event",
                    "a status can only be recorded from the `made` date on; cite earlier sources as evidence instead",
                ),
                Dated::Funding => (
                    "this funding event",
                    "money can only be recorded from the `made` date on",
                ),
            };
            c.push(
                Problem::new(
                    position(f),
                    format!("{what} ({d}) is dated before the commitment was made ({m})"),
                )
                .found(f.value.0.clone())
                .help(help),
            );
        }
        date
    }

    /// What the entry rests on: its citations, whether it is unsourced, and its note.
    fn footing<T>(
        self,
        c: &mut Checker,
        raw: &Spanned<T>,
        (evidence, unsourced, note): (&Option<Vec<Field>>, &Option<Field>, &Option<Field>),
        evidence_ids: &HashSet<String>,
        has_source: bool,
    ) -> (Vec<String>, bool, Option<String>) {
        let cited = citations(c, evidence, evidence_ids, has_source);
        let is_unsourced = c.bool(unsourced, "unsourced");
        let note = c.text(note);
        let (cites_nothing, needs_note) = match self {
            Dated::Status => (
                "this status event cites no evidence",
                "an unsourced event must have a `note` saying why",
            ),
            Dated::Funding => (
                "this funding event cites no evidence",
                "an unsourced funding event must have a `note` saying why",
            ),
        };
        if cited.is_empty() && !is_unsourced {
            c.push(Problem::new(position(raw), cites_nothing).help(
                "add `evidence: [<evidence id>]`, or `unsourced: true` with a `note` saying why",
            ));
        }
        if is_unsourced && note.is_none() {
            c.push(
                Problem::new(unsourced.as_ref().and_then(position), needs_note)
                    .help("add `note:` explaining why there is no source"),
            );
        }
        (cited, is_unsourced, note)
    }
}

/// What an event cites, each checked against the commitment's evidence ids and `source`.
fn citations(
    c: &mut Checker,
    list: &Option<Vec<Field>>,
    evidence_ids: &HashSet<String>,
    has_source: bool,
) -> Vec<String> {
    let mut cited = Vec::new();
    for f in list.iter().flatten() {
        if c.null_entry(f, "evidence") {
            continue;
        }
        let id = f.value.0.trim().to_string();
        let known = evidence_ids.contains(&id) || (id == SOURCE_REF && has_source);
        if !known {
            let mut valid: Vec<&str> = evidence_ids.iter().map(String::as_str).collect();
            valid.sort_unstable();
            if has_source {
                valid.insert(0, SOURCE_REF);
            }
            let help = if id == SOURCE_REF {
                // `source` is not an evidence id but the commitment's `source:` block; saying
                // "add an evidence entry" sends people to the wrong place.
                let cite = if valid.is_empty() {
                    "the id of an evidence entry (under `evidence:`)".to_string()
                } else {
                    format!("one of its evidence entries ({})", valid.join(", "))
                };
                format!(
                    "`source` means the commitment's `source:` block, which this commitment does \
                     not have: add a `source:` (with `title`, and `publisher`, `date`, `url` if \
                     known), or cite {cite}, or mark the event `unsourced: true` with a `note` \
                     saying why"
                )
            } else if valid.is_empty() {
                "this commitment has no evidence entries yet; add one under `evidence:` first"
                    .to_string()
            } else {
                format!("cite one of: {}", valid.join(", "))
            };
            c.push(
                Problem::new(position(f), format!("no evidence entry has the id `{id}`"))
                    .found(id.clone())
                    .help(help),
            );
        }
        cited.push(id);
    }
    cited
}

/// The record's funding events, each checked, and all in one currency: the `funding:`
/// field's, else the first event's.
pub(super) fn funding_history(
    c: &mut Checker,
    r: &CommitmentFile,
    evidence_ids: &HashSet<String>,
    has_source: bool,
    made: Option<Date>,
    funding: &Option<Funding>,
) -> Vec<FundingEvent> {
    let mut out: Vec<FundingEvent> = Vec::new();
    let mut currency: Option<(String, String)> = funding
        .as_ref()
        .map(|f| (f.currency.clone(), "its `funding:`".to_string()));
    for raw in r.funding_history.iter().flatten() {
        let Some(e) = funding_event(c, raw, evidence_ids, has_source, made) else {
            continue;
        };
        match &currency {
            Some((cur, from)) if *cur != e.currency => {
                c.push(
                    Problem::new(
                        raw.value.currency.as_ref().and_then(position),
                        format!(
                            "this amount is in {}, but the commitment's money is in {cur} ({from}); amounts of one commitment are never mixed",
                            e.currency
                        ),
                    )
                    .found(e.currency.clone())
                    .help(format!(
                        "write this amount in {cur}, or record the money in {} as a commitment of its own",
                        e.currency
                    )),
                );
                continue;
            }
            Some(_) => {}
            None => {
                let from = match raw.value.currency.as_ref().and_then(position) {
                    Some(p) => format!("line {}", p.line),
                    None => "its first funding event".to_string(),
                };
                currency = Some((e.currency.clone(), from));
            }
        }
        out.push(e);
    }
    out
}

fn funding_event(
    c: &mut Checker,
    raw: &Spanned<FundingEventFile>,
    evidence_ids: &HashSet<String>,
    has_source: bool,
    made: Option<Date>,
) -> Option<FundingEvent> {
    let e = &raw.value;
    let date = Dated::Funding.date(c, raw, &e.date, made);
    let stage = c
        .required(&e.stage, "stage", raw, "a funding event")
        .and_then(|text| {
            let stage = Stage::all()
                .iter()
                .copied()
                .find(|s| s.key() == text.trim());
            if stage.is_none() {
                c.push(
                    Problem::new(
                        e.stage.as_ref().and_then(position),
                        format!("unknown funding stage `{text}`"),
                    )
                    .found(text.clone())
                    .help(format!("one of: {}", Stage::keys())),
                );
            }
            stage
        });
    let amount = c
        .required(&e.amount, "amount", raw, "a funding event")
        .and_then(|a| c.amount(a, &e.amount));
    let currency = c
        .required(&e.currency, "currency", raw, "a funding event")
        .and_then(|cur| c.currency(cur, &e.currency));
    let (evidence, unsourced, note) = Dated::Funding.footing(
        c,
        raw,
        (&e.evidence, &e.unsourced, &e.note),
        evidence_ids,
        has_source,
    );
    let recorded_at = c.timestamp(&e.recorded_at);
    Some(FundingEvent {
        date: date?,
        stage: stage?,
        amount: amount?,
        currency: currency?,
        note,
        evidence,
        unsourced,
        recorded_by: c.text(&e.recorded_by),
        recorded_at,
    })
}
