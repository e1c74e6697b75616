//! Lossless edits: the few changes the CLI makes, applied to the text so that every comment,
//! blank line, key order and quoting style elsewhere in the file survives byte for byte.
//!
//! The edits are made on yaml-edit's concrete syntax tree. `write` then re-reads the result
//! and compares it with the intended ledger before anything reaches the disk.
//!
//! Building that tree is the slow part of a write (about 3 s for a 22 MB file), and every
//! edit the CLI makes stays inside one record (or appends after the last one). So when the
//! reader has found where the records are, only the records being changed go through
//! yaml-edit, each as a small document of its own, and the result is spliced back between
//! the untouched bytes before and after it.
//!
//! Longer than 400 lines on purpose: one function for each kind of edit (`Edit`'s variants) and
//! one builder for each kind of entry, sharing the tree helpers here.

use std::collections::BTreeMap;
use std::str::FromStr;

use yaml_edit::{Mapping, MappingBuilder, SequenceBuilder, YamlFile, YamlNode};

use super::fast::Outline;
use super::scalar::Text;
use crate::model::{
    Commitment, Correction, Edit, Event, Evidence, FieldKind, FundingEvent, Gap, Retirement,
    Retraction,
};

#[derive(Debug, thiserror::Error)]
pub enum EditError {
    /// The editor's own YAML parser cannot read a file that the loader accepted: a rare
    /// construct (found by fuzzing: a tag and a comment on the line before a plain scalar that
    /// runs over several lines). A refusal, not a bug in the edit.
    #[error("{0}")]
    Unreadable(String),
    #[error("{0}")]
    Other(String),
}

/// Applies `edits` to `text` and returns the new text. With an `outline` of the text (from
/// the reader), only the records the edits touch are re-parsed for editing.
pub fn apply(text: &str, outline: Option<&Outline>, edits: &[Edit]) -> Result<String, EditError> {
    match outline {
        Some(o) if !o.records.is_empty() => spliced(text, o, edits),
        _ => whole(text, edits),
    }
}

/// The record each edit changes: appending a record counts as a change to the last one,
/// whose text the new record follows.
pub fn target(edit: &Edit, records: usize) -> usize {
    match edit {
        Edit::AddCommitment(_) => records.saturating_sub(1),
        Edit::AddEvidence { commitment, .. }
        | Edit::AddEvent { commitment, .. }
        | Edit::AddGap { commitment, .. }
        | Edit::AddFunding { commitment, .. }
        | Edit::Correct { commitment, .. }
        | Edit::Retire { commitment, .. }
        | Edit::Retract { commitment, .. } => *commitment,
    }
}

/// Edits each touched record on its own and splices it back. A record's text runs from its
/// `- ` line to its last line that is not blank or a comment, so comments between records
/// stay where they are, before the record they introduce.
fn spliced(text: &str, outline: &Outline, edits: &[Edit]) -> Result<String, EditError> {
    let n = outline.records.len();
    let mut by_record: BTreeMap<usize, Vec<Edit>> = BTreeMap::new();
    for edit in edits {
        let i = target(edit, n);
        if i >= n {
            return Err(EditError::Other(format!(
                "there is no commitment number {}",
                i + 1
            )));
        }
        // Within the one-record document the record is number 0.
        let local = match edit.clone() {
            Edit::AddCommitment(c) => Edit::AddCommitment(c),
            Edit::AddEvidence { evidence, .. } => Edit::AddEvidence {
                commitment: 0,
                evidence,
            },
            Edit::AddEvent { event, .. } => Edit::AddEvent {
                commitment: 0,
                event,
            },
            Edit::AddGap { gap, .. } => Edit::AddGap { commitment: 0, gap },
            Edit::AddFunding { event, .. } => Edit::AddFunding {
                commitment: 0,
                event,
            },
            Edit::Correct { correction, .. } => Edit::Correct {
                commitment: 0,
                correction,
            },
            Edit::Retire { retirement, .. } => Edit::Retire {
                commitment: 0,
                retirement,
            },
            Edit::Retract { retraction, .. } => Edit::Retract {
                commitment: 0,
                retraction,
            },
        };
        by_record.entry(i).or_default().push(local);
    }
    let newline = if outline.crlf { "\r\n" } else { "\n" };
    let head = format!("commitments:{newline}");
    let mut out = String::with_capacity(text.len() + 4096);
    let mut done = 0;
    for (i, local) in by_record {
        let record = &outline.records[i];
        // The blank lines after a record usually belong to the space before the next one,
        // but to a block kept with `|+` or `>+` they are part of its text: what is added then
        // goes after them, or the text would lose its last lines.
        let span = if keeps_trailing_lines(&text[record.content.clone()]) {
            record.content.start..record.end
        } else {
            record.content.clone()
        };
        let fragment = format!("{head}{}", &text[span.clone()]);
        let edited = whole(&fragment, &local)?;
        let record = edited.strip_prefix(&head).ok_or_else(|| {
            EditError::Other("internal: the edited record lost its surroundings".into())
        })?;
        out.push_str(&text[done..span.start]);
        out.push_str(record);
        done = span.end;
    }
    out.push_str(&text[done..]);
    Ok(out)
}

/// Whether `record` holds a block scalar with the keep indicator (`|+`, `>+`, `|2+`, ...),
/// whose value includes the blank lines after it. A line is taken to open one when, after a
/// `key:` or a `- `, its value is such a header (a `+` in a `|` or `>` header, nothing after
/// it but a comment); a plain or quoted value cannot look like that.
fn keeps_trailing_lines(record: &str) -> bool {
    record.lines().any(|line| {
        let line = line.trim_end_matches('\r');
        let value = match line.rfind(": ") {
            Some(i) => &line[i + 2..],
            None => line.trim_start().trim_start_matches("- "),
        };
        let value = value.trim_start();
        let header = value.split(" #").next().unwrap_or(value).trim_end();
        header.starts_with(['|', '>'])
            && header.len() <= 3
            && header.contains('+')
            && header[1..].bytes().all(|b| b == b'+' || b.is_ascii_digit())
    })
}

/// Applies `edits` to the whole of `text` with yaml-edit.
fn whole(text: &str, edits: &[Edit]) -> Result<String, EditError> {
    // The whole stream, not just the document: comments before a `---` or after a `...`
    // belong to the stream, and must survive too.
    let file = YamlFile::from_str(text).map_err(|e| EditError::Unreadable(e.to_string()))?;
    let doc = file
        .document()
        .ok_or_else(|| EditError::Other("the file holds no YAML document".into()))?;
    let root = doc
        .as_mapping()
        .ok_or_else(|| EditError::Other("the top of the file is not a mapping".into()))?;
    for edit in edits {
        match edit {
            Edit::AddCommitment(c) => append(&root, "commitments", commitment(c))?,
            Edit::AddEvidence {
                commitment,
                evidence: e,
            } => {
                append(&record(&root, *commitment)?, "evidence", evidence(e))?;
            }
            Edit::AddEvent {
                commitment,
                event: e,
            } => {
                append(&record(&root, *commitment)?, "history", event(e))?;
            }
            Edit::AddGap { commitment, gap: g } => {
                append(&record(&root, *commitment)?, "gaps", gap(g))?;
            }
            Edit::AddFunding {
                commitment,
                event: e,
            } => {
                append(
                    &record(&root, *commitment)?,
                    "funding_history",
                    funding_event(e),
                )?;
            }
            Edit::Correct {
                commitment,
                correction: k,
            } => {
                let rec = record(&root, *commitment)?;
                replace_value(&rec, k)?;
                append(&rec, "corrections", correction(k))?;
            }
            Edit::Retire {
                commitment,
                retirement: r,
            } => {
                let rec = record(&root, *commitment)?;
                if rec.get("retired").is_some() {
                    return Err(EditError::Other("the commitment is already retired".into()));
                }
                let m = retired(r).build_document();
                let m = m.as_mapping().ok_or_else(|| {
                    EditError::Other("internal: built entry is not a mapping".into())
                })?;
                rec.set("retired", m);
            }
            Edit::Retract {
                commitment,
                retraction: r,
            } => {
                append(&record(&root, *commitment)?, "retractions", retraction(r))?;
            }
        }
    }
    Ok(super::restyle::restyle(text, file.to_string()))
}

fn record(root: &Mapping, index: usize) -> Result<Mapping, EditError> {
    root.get_sequence("commitments")
        .and_then(|s| s.get(index))
        .and_then(|n| n.as_mapping().cloned())
        .ok_or_else(|| {
            EditError::Other(format!("commitment number {} is not a mapping", index + 1))
        })
}

/// Appends `item` to the list under `key`, making the list if there is none. An empty flow
/// list (`[]`, as `init` writes) becomes a block list: one entry per line reads and diffs
/// better than a growing line of braces.
fn append(parent: &Mapping, key: &str, item: MappingBuilder) -> Result<(), EditError> {
    // A list written as an alias (`history: *h`) is another list's: an entry cannot be added
    // to this one alone. It is left as it is; the check of the result then finds the entry
    // missing and refuses, naming the alias (`store::shared`).
    if matches!(parent.get(key), Some(YamlNode::Alias(_))) {
        return Ok(());
    }
    let item = item.build_document();
    let item = item
        .as_mapping()
        .ok_or_else(|| EditError::Other("internal: built entry is not a mapping".into()))?;
    match parent.get_sequence(key) {
        Some(seq) if !(seq.is_flow_style() && seq.is_empty()) => seq.push(item),
        _ => {
            // `key:` with no value (or `~`, `null`) reads as no list; fill it in place.
            let null = parent
                .get(key)
                .is_some_and(|n| n.as_scalar().is_some_and(|s| s.is_null()));
            if parent.get(key).is_some() && parent.get_sequence(key).is_none() && !null {
                return Err(EditError::Other(format!("`{key}` is not a list")));
            }
            let list = SequenceBuilder::new().item(item).build_document();
            // Sources read best before the events that cite them, and money's events
            // beside the status events.
            let placed = parent.get(key).is_none()
                && (key == "evidence" || key == "funding_history")
                && parent.insert_before("history", key, &list);
            if !placed {
                parent.set(key, list);
            }
        }
    }
    Ok(())
}

/// Puts a correction's new value in its field, in place: only that value's text changes, and
/// the comment after it, the key's place and the rest of the record stay as they were. A field
/// that was not set is added before `history` (or at the end, if there is none).
fn replace_value(rec: &Mapping, k: &Correction) -> Result<(), EditError> {
    let (holder, key) = if let Some(eid) = &k.evidence {
        let entry = rec
            .get_sequence("evidence")
            .and_then(|s| {
                s.values().find_map(|n| {
                    let m = n.as_mapping()?;
                    let id = m.get("id")?.as_scalar()?.as_string();
                    (id.trim() == eid).then(|| m.clone())
                })
            })
            .ok_or_else(|| EditError::Other(format!("no evidence entry `{eid}` to correct")))?;
        (entry, k.field.as_str())
    } else if let Some(f) = k.field.strip_prefix("source.") {
        let source = rec
            .get_mapping("source")
            .ok_or_else(|| EditError::Other("the commitment has no `source` to correct".into()))?;
        (source, f)
    } else {
        (rec.clone(), k.field.as_str())
    };
    let kind = crate::model::field_kind(&k.field, k.evidence.is_some());
    if kind == Some(FieldKind::List) {
        replace_list(&holder, key, &crate::model::list_items(&k.new));
        return Ok(());
    }
    let plain = matches!(kind, Some(FieldKind::Date | FieldKind::Kind));
    let present = holder.get(key).is_some();
    let put = |before: &str| {
        if plain {
            holder.insert_before(before, key, k.new.as_str())
        } else {
            holder.insert_before(before, key, Text(k.new.as_str()))
        }
    };
    if present || !put("history") {
        if plain {
            holder.set(key, k.new.as_str());
        } else {
            holder.set(key, Text(k.new.as_str()));
        }
    }
    Ok(())
}

/// Makes the list under `key` read `new`, in place: items no longer there are taken out,
/// items kept stay on their lines (with their comments), and new ones are added at the end,
/// in the list's own style (`[a, b]` or one `- item` a line). Only when `new` orders the kept
/// items otherwise is an item's value replaced where it stands.
fn replace_list(holder: &Mapping, key: &str, new: &[String]) {
    // A list shared through an alias is left alone; the check of the result refuses it.
    if matches!(holder.get(key), Some(YamlNode::Alias(_))) {
        return;
    }
    let Some(seq) = holder.get_sequence(key) else {
        let list = new
            .iter()
            .fold(SequenceBuilder::new(), |s, i| s.item(Text(i.as_str())))
            .build_document();
        if holder.get(key).is_some() || !holder.insert_before("history", key, &list) {
            holder.set(key, list);
        }
        return;
    };
    let old: Vec<String> = seq
        .values()
        .map(|n| n.as_scalar().map(|s| s.as_string()).unwrap_or_default())
        .collect();
    for (i, item) in old.iter().enumerate().rev() {
        if !new.contains(item) {
            seq.remove(i);
        }
    }
    let kept: Vec<&String> = old.iter().filter(|o| new.contains(o)).collect();
    for (i, item) in kept.iter().enumerate() {
        if **item != new[i] {
            seq.set(i, Text(new[i].as_str()));
        }
    }
    for item in &new[kept.len()..] {
        seq.push(Text(item.as_str()));
    }
}

fn retraction(r: &Retraction) -> MappingBuilder {
    let mut m = MappingBuilder::new().pair("date", date(r.date));
    if let Some(d) = r.event {
        m = m.pair("event", date(d));
    }
    if let Some(s) = &r.status {
        m = m.pair("status", Text(s.as_str()));
    }
    if let Some(e) = &r.evidence {
        m = m.pair("evidence", Text(e.as_str()));
    }
    m = m.pair("reason", Text(r.reason.as_str()));
    recorded(m, &r.recorded_by, r.recorded_at)
}

fn retired(r: &Retirement) -> MappingBuilder {
    let m = MappingBuilder::new()
        .pair("date", date(r.date))
        .pair("reason", Text(r.reason.as_str()));
    recorded(m, &r.recorded_by, r.recorded_at)
}

fn correction(k: &Correction) -> MappingBuilder {
    let mut m = MappingBuilder::new()
        .pair("date", date(k.date))
        .pair("field", Text(k.field.as_str()));
    if let Some(e) = &k.evidence {
        m = m.pair("evidence", Text(e.as_str()));
    }
    if let Some(o) = &k.old {
        m = m.pair("old", Text(o.as_str()));
    }
    m = m
        .pair("new", Text(k.new.as_str()))
        .pair("reason", Text(k.reason.as_str()));
    recorded(m, &k.recorded_by, k.recorded_at)
}

/// A built entry as a mapping, which `SequenceBuilder::item` lays out as `- key: value`.
fn node(m: MappingBuilder) -> Option<Mapping> {
    m.build_document().as_mapping()
}

fn date(d: chrono::NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

fn commitment(c: &Commitment) -> MappingBuilder {
    let mut m = MappingBuilder::new().pair("id", Text(c.id.as_str()));
    if let Some(u) = c.uuid_string() {
        m = m.pair("uuid", u);
    }
    m = m
        .pair("title", Text(c.title.as_str()))
        .pair("owner", Text(c.owner.as_str()));
    if let Some(p) = &c.parent {
        m = m.pair("parent", Text(p.as_str()));
    }
    if let Some(w) = c.weight {
        m = if w.fract() == 0.0 && w < 9.0e15 {
            m.pair("weight", w as u64)
        } else {
            m.pair("weight", w)
        };
    }
    if !c.partners.is_empty() {
        m = m.sequence("partners", |s| {
            c.partners.iter().fold(s, |s, p| s.item(Text(p.as_str())))
        });
    }
    m = m.pair("made", date(c.made));
    if let Some(d) = c.due {
        m = m.pair("due", date(d));
    }
    if !c.tags.is_empty() {
        m = m.sequence("tags", |s| {
            c.tags.iter().fold(s, |s, t| s.item(Text(t.as_str())))
        });
    }
    if let Some(d) = &c.description {
        m = m.pair("description", Text(d.as_str()));
    }
    if let Some(n) = &c.notes {
        m = m.pair("notes", Text(n.as_str()));
    }
    if !c.extra.is_empty() {
        m = m.mapping("extra", |em| {
            c.extra
                .iter()
                .fold(em, |em, (k, v)| em.pair(k.as_str(), Text(v.as_str())))
        });
    }
    if let Some(f) = &c.funding {
        m = m.mapping("funding", |fm| {
            amount(fm, f.amount).pair("currency", Text(f.currency.as_str()))
        });
    }
    if let Some(s) = &c.source {
        m = m.mapping("source", |sm| {
            let mut sm = sm.pair("title", Text(s.title.as_str()));
            if let Some(p) = &s.publisher {
                sm = sm.pair("publisher", Text(p.as_str()));
            }
            if let Some(d) = s.date {
                sm = sm.pair("date", date(d));
            }
            if let Some(u) = &s.url {
                sm = sm.pair("url", Text(u.as_str()));
            }
            if let Some(l) = &s.locator {
                sm = sm.pair("locator", Text(l.as_str()));
            }
            if let Some(q) = &s.quote {
                sm = sm.pair("quote", Text(q.as_str()));
            }
            sm
        });
    }
    if !c.evidence.is_empty() {
        m = m.sequence("evidence", |s| {
            c.evidence.iter().fold(s, |s, e| s.item(node(evidence(e))))
        });
    }
    if !c.funding_history.is_empty() {
        m = m.sequence("funding_history", |s| {
            c.funding_history
                .iter()
                .fold(s, |s, e| s.item(node(funding_event(e))))
        });
    }
    m = m.sequence("history", |s| {
        c.history.iter().fold(s, |s, e| s.item(node(event(e))))
    });
    if !c.gaps.is_empty() {
        m = m.sequence("gaps", |s| {
            c.gaps.iter().fold(s, |s, g| s.item(node(gap(g))))
        });
    }
    m
}

fn evidence(e: &Evidence) -> MappingBuilder {
    let mut m = MappingBuilder::new()
        .pair("id", Text(e.id.as_str()))
        .pair("title", Text(e.title.as_str()));
    if let Some(p) = &e.publisher {
        m = m.pair("publisher", Text(p.as_str()));
    }
    m = m.pair("url", Text(e.url.as_str()));
    if let Some(d) = e.published {
        m = m.pair("published", date(d));
    }
    if let Some(d) = e.accessed {
        m = m.pair("accessed", date(d));
    }
    if let Some(k) = e.kind {
        m = m.pair("kind", k.key());
    }
    if let Some(q) = &e.quote {
        m = m.pair("quote", Text(q.as_str()));
    }
    m
}

fn event(e: &Event) -> MappingBuilder {
    let mut m = MappingBuilder::new()
        .pair("date", date(e.date))
        .pair("status", Text(e.status.as_str()));
    if !e.evidence.is_empty() {
        m = m.sequence("evidence", |s| {
            e.evidence.iter().fold(s, |s, id| s.item(Text(id.as_str())))
        });
    }
    if e.unsourced {
        m = m.pair("unsourced", true);
    }
    if let Some(n) = &e.note {
        m = m.pair("note", Text(n.as_str()));
    }
    recorded(m, &e.recorded_by, e.recorded_at)
}

/// A whole amount is written as digits (`3000000`), not as `3000000.0`.
fn amount(m: MappingBuilder, amount: f64) -> MappingBuilder {
    if amount.fract() == 0.0 && amount < 9.0e15 {
        m.pair("amount", amount as u64)
    } else {
        m.pair("amount", amount)
    }
}

fn funding_event(e: &FundingEvent) -> MappingBuilder {
    let m = MappingBuilder::new()
        .pair("date", date(e.date))
        .pair("stage", Text(e.stage.key()));
    let mut m = amount(m, e.amount).pair("currency", Text(e.currency.as_str()));
    if !e.evidence.is_empty() {
        m = m.sequence("evidence", |s| {
            e.evidence.iter().fold(s, |s, id| s.item(Text(id.as_str())))
        });
    }
    if e.unsourced {
        m = m.pair("unsourced", true);
    }
    if let Some(n) = &e.note {
        m = m.pair("note", Text(n.as_str()));
    }
    recorded(m, &e.recorded_by, e.recorded_at)
}

fn gap(g: &Gap) -> MappingBuilder {
    let mut m = MappingBuilder::new().pair("note", Text(g.note.as_str()));
    if let Some(d) = g.checked {
        m = m.pair("checked", date(d));
    }
    m
}

/// Who recorded an entry and when, the last two fields of every dated entry, written when known.
fn recorded(
    mut m: MappingBuilder,
    by: &Option<String>,
    at: Option<chrono::DateTime<chrono::Utc>>,
) -> MappingBuilder {
    if let Some(b) = by {
        m = m.pair("recorded_by", Text(b.as_str()));
    }
    if let Some(t) = at {
        m = m.pair(
            "recorded_at",
            t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        );
    }
    m
}
