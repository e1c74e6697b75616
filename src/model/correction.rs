//! A correction: a field of a record changed after it was written, with the old value kept,
//! the day, who and why. The ledger never changes a value silently.

use chrono::{DateTime, Utc};

use super::{Commitment, Date, EvidenceKind, is_web_url, parse_date};

/// One change to one field, kept in the record's `corrections:` list.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Correction {
    /// The day the correction was made (not a date in the commitment's story).
    pub date: Date,
    /// The field changed: `title`, `owner`, `made`, `due`, `description`, `notes`,
    /// `source.title` (and the source's other fields), or an evidence entry's field.
    pub field: String,
    /// The evidence entry whose field was changed, when it was one.
    pub evidence: Option<String>,
    /// The value before, as it was written; None when the field was not set.
    pub old: Option<String>,
    pub new: String,
    pub reason: String,
    pub recorded_by: Option<String>,
    pub recorded_at: Option<DateTime<Utc>>,
}

/// What a correctable field holds, so that a new value is judged as `check` would judge it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldKind {
    Text,
    /// Text that may not be left out (title, owner, ...).
    Required,
    Date,
    Url,
    Kind,
    /// A list of texts (`tags`, `partners`). In a correction entry the list is written one
    /// item a line, so an item holding a comma is kept as it is.
    List,
    /// The id of another commitment of the ledger (`parent`), checked against the ledger.
    Id,
}

/// The fields of a commitment's own that `correct` changes, and what each holds.
pub const RECORD_FIELDS: [(&str, FieldKind); 9] = [
    ("title", FieldKind::Required),
    ("owner", FieldKind::Required),
    ("made", FieldKind::Date),
    ("due", FieldKind::Date),
    ("description", FieldKind::Text),
    ("notes", FieldKind::Text),
    ("tags", FieldKind::List),
    ("partners", FieldKind::List),
    ("parent", FieldKind::Id),
];

/// A list field's items as a correction entry holds them: one a line.
pub fn list_items(text: &str) -> Vec<String> {
    text.lines().map(String::from).collect()
}

/// A list as a correction entry writes it: one item a line.
pub fn list_text(items: &[String]) -> String {
    items.join("\n")
}

/// The source document's fields, written `source.title` and so on.
pub const SOURCE_FIELDS: [(&str, FieldKind); 6] = [
    ("title", FieldKind::Required),
    ("publisher", FieldKind::Text),
    ("date", FieldKind::Date),
    ("url", FieldKind::Url),
    ("locator", FieldKind::Text),
    ("quote", FieldKind::Text),
];

/// An evidence entry's fields (with `--evidence EID`). The id is not among them: events cite it.
pub const EVIDENCE_FIELDS: [(&str, FieldKind); 7] = [
    ("title", FieldKind::Required),
    ("publisher", FieldKind::Text),
    ("url", FieldKind::Url),
    ("published", FieldKind::Date),
    ("accessed", FieldKind::Date),
    ("kind", FieldKind::Kind),
    ("quote", FieldKind::Text),
];

/// The names valid for a correction, as a user types them: `title, owner, ...`.
pub fn field_names(evidence: bool) -> String {
    if evidence {
        EVIDENCE_FIELDS.map(|(n, _)| n).join(", ")
    } else {
        RECORD_FIELDS
            .iter()
            .map(|(n, _)| n.to_string())
            .chain(SOURCE_FIELDS.iter().map(|(n, _)| format!("source.{n}")))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// What `field` holds, or None when it is not a field a correction can change.
pub fn field_kind(field: &str, evidence: bool) -> Option<FieldKind> {
    let table: &[(&str, FieldKind)] = if evidence {
        &EVIDENCE_FIELDS
    } else if let Some(f) = field.strip_prefix("source.") {
        return SOURCE_FIELDS.iter().find(|(n, _)| *n == f).map(|(_, k)| *k);
    } else {
        &RECORD_FIELDS
    };
    table.iter().find(|(n, _)| *n == field).map(|(_, k)| *k)
}

/// Why `value` cannot go in a field of this kind, in plain words; None when it can.
pub fn judge(kind: FieldKind, value: &str) -> Option<String> {
    match kind {
        FieldKind::Text | FieldKind::Required if value.trim().is_empty() => {
            Some("is empty; give the new text".into())
        }
        FieldKind::Text | FieldKind::Required => None,
        FieldKind::List if value.lines().any(|l| l.trim().is_empty()) => {
            Some("has an empty item; give each item its text".into())
        }
        FieldKind::List => None,
        FieldKind::Id if value.trim().is_empty() => Some("is empty; give a commitment's id".into()),
        FieldKind::Id => None,
        FieldKind::Date => parse_date(value)
            .err()
            .map(|e| format!("is not a date: {e} (write YYYY-MM-DD, e.g. 2025-03-31)")),
        FieldKind::Url => (!is_web_url(value))
            .then(|| "is not a web address; give one starting http:// or https://".into()),
        FieldKind::Kind => EvidenceKind::parse(value)
            .is_none()
            .then(|| format!("is not a kind of source; one of: {}", EvidenceKind::keys())),
    }
}

impl Correction {
    /// `title` or `evidence un-press: url`: what was corrected, as `show` and reports name it.
    pub fn what(&self) -> String {
        match &self.evidence {
            Some(e) => format!("evidence {e}: {}", self.field),
            None => self.field.clone(),
        }
    }

    /// Whether the field corrected is a list (`tags`, `partners`), held one item a line.
    fn is_list(&self) -> bool {
        field_kind(&self.field, self.evidence.is_some()) == Some(FieldKind::List)
    }

    /// A value of this correction as a reader sees it: a list's items joined by `, `.
    pub fn shown(&self, value: &str) -> String {
        if self.is_list() {
            list_items(value).join(", ")
        } else {
            value.to_string()
        }
    }

    /// `was “A pledge”, now “The pledge”. Why: ...`: the change and its reason, for a reader.
    pub fn detail(&self) -> String {
        let was = self.old.as_ref().map_or_else(
            || "was not set".to_string(),
            |o| format!("was “{}”", self.shown(o)),
        );
        format!(
            "{was}, now “{}”\nwhy: {}",
            self.shown(&self.new),
            self.reason
        )
    }
}

impl Commitment {
    /// The value of a correctable field as the file holds it; None when it is not set (or
    /// the field or evidence entry does not exist).
    pub fn field_value(&self, field: &str, evidence: Option<&str>) -> Option<String> {
        let date = |d: Option<Date>| d.map(|d| d.format("%Y-%m-%d").to_string());
        if let Some(eid) = evidence {
            let e = self.evidence_by_id(eid)?;
            return match field {
                "title" => Some(e.title.clone()),
                "publisher" => e.publisher.clone(),
                "url" => Some(e.url.clone()),
                "published" => date(e.published),
                "accessed" => date(e.accessed),
                "kind" => e.kind.map(|k| k.key().to_string()),
                "quote" => e.quote.clone(),
                _ => None,
            };
        }
        if let Some(f) = field.strip_prefix("source.") {
            let s = self.source.as_ref()?;
            return match f {
                "title" => Some(s.title.clone()),
                "publisher" => s.publisher.clone(),
                "date" => date(s.date),
                "url" => s.url.clone(),
                "locator" => s.locator.clone(),
                "quote" => s.quote.clone(),
                _ => None,
            };
        }
        match field {
            "title" => Some(self.title.clone()),
            "owner" => Some(self.owner.clone()),
            "made" => date(Some(self.made)),
            "due" => date(self.due),
            "description" => self.description.clone(),
            "notes" => self.notes.clone(),
            "tags" => (!self.tags.is_empty()).then(|| list_text(&self.tags)),
            "partners" => (!self.partners.is_empty()).then(|| list_text(&self.partners)),
            "parent" => self.parent.clone(),
            _ => None,
        }
    }

    /// Makes `correction`: its new value goes in the field, and the entry in `corrections`.
    /// The value has been judged (`judge`) and the field and entry exist.
    pub fn correct(&mut self, correction: &Correction) {
        let new = correction.new.clone();
        let as_date = || parse_date(&new).ok();
        if let Some(eid) = &correction.evidence {
            if let Some(e) = self.evidence.iter_mut().find(|e| e.id == *eid) {
                match correction.field.as_str() {
                    "title" => e.title = new.clone(),
                    "publisher" => e.publisher = Some(new.clone()),
                    "url" => e.url = new.clone(),
                    "published" => e.published = as_date(),
                    "accessed" => e.accessed = as_date(),
                    "kind" => e.kind = EvidenceKind::parse(&new),
                    "quote" => e.quote = Some(new.clone()),
                    _ => {}
                }
            }
        } else if let Some(f) = correction.field.strip_prefix("source.") {
            if let Some(s) = self.source.as_mut() {
                match f {
                    "title" => s.title = new.clone(),
                    "publisher" => s.publisher = Some(new.clone()),
                    "date" => s.date = as_date(),
                    "url" => s.url = Some(new.clone()),
                    "locator" => s.locator = Some(new.clone()),
                    "quote" => s.quote = Some(new.clone()),
                    _ => {}
                }
            }
        } else {
            match correction.field.as_str() {
                "title" => self.title = new.clone(),
                "owner" => self.owner = new.clone(),
                "made" => {
                    if let Some(d) = as_date() {
                        self.made = d;
                    }
                }
                "due" => self.due = as_date(),
                "description" => self.description = Some(new.clone()),
                "notes" => self.notes = Some(new.clone()),
                "tags" => self.tags = list_items(&new),
                "partners" => self.partners = list_items(&new),
                "parent" => self.parent = Some(new.clone()),
                _ => {}
            }
        }
        self.corrections.push(correction.clone());
    }
}

/// A commitment no longer tracked (`retired:`): kept in the file and shown, left out of
/// reports from this date on unless they are asked to include it.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Retirement {
    pub date: Date,
    pub reason: String,
    pub recorded_by: Option<String>,
    pub recorded_at: Option<DateTime<Utc>>,
}

impl Commitment {
    /// Whether it was retired on or before `date`.
    pub fn retired_by(&self, date: Date) -> bool {
        self.retired.as_ref().is_some_and(|r| r.date <= date)
    }
}

impl super::Ledger {
    /// The ledger a report on `date` counts: itself when retired commitments are asked for
    /// or none was retired by then (no copy is made), else `tracked_on(date)`.
    pub fn counted_on(&self, date: Date, include_retired: bool) -> std::borrow::Cow<'_, Self> {
        if include_retired || !self.commitments.iter().any(|c| c.retired_by(date)) {
            std::borrow::Cow::Borrowed(self)
        } else {
            std::borrow::Cow::Owned(self.clone().tracked_on(date))
        }
    }

    /// The ledger as a report on `date` counts it: without the commitments retired by then
    /// (a child of a retired parent stays, shown without its parent). Takes the ledger
    /// rather than copying it: every caller is done with the whole one, and the copy of a
    /// 10,000-commitment ledger (and freeing it) was a tenth of `report`.
    pub fn tracked_on(self, date: Date) -> super::Ledger {
        let mut l = self;
        let gone: std::collections::HashSet<String> = l
            .commitments
            .iter()
            .filter(|c| c.retired_by(date))
            .map(|c| c.id.clone())
            .collect();
        if gone.is_empty() {
            return l;
        }
        l.commitments.retain(|c| !gone.contains(&c.id));
        for c in &mut l.commitments {
            if c.parent.as_ref().is_some_and(|p| gone.contains(p)) {
                c.parent = None;
            }
        }
        l
    }
}
