//! A retraction: a status event or evidence entry recorded by mistake, withdrawn. The entry
//! stays in the file as it was written; the record's `retractions:` list says it is withdrawn,
//! when, by whom and why, and reports leave it out.

use chrono::{DateTime, Utc};

use super::{Commitment, Date, Event, Evidence};

#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Retraction {
    /// The day it was withdrawn.
    pub date: Date,
    /// The date of the status event withdrawn (with `status`, when that day has several).
    pub event: Option<Date>,
    pub status: Option<String>,
    /// The id of the evidence entry withdrawn.
    pub evidence: Option<String>,
    pub reason: String,
    pub recorded_by: Option<String>,
    pub recorded_at: Option<DateTime<Utc>>,
}

impl Retraction {
    pub fn covers_event(&self, e: &Event) -> bool {
        self.event == Some(e.date) && self.status.as_ref().is_none_or(|s| *s == e.status)
    }

    pub fn covers_evidence(&self, e: &Evidence) -> bool {
        self.evidence.as_deref() == Some(e.id.as_str())
    }

    /// `status event of 2025-04-01 (in-progress)` or `evidence times-2025-03-30`.
    pub fn what(&self) -> String {
        match (&self.evidence, self.event, &self.status) {
            (Some(e), _, _) => format!("evidence {e}"),
            (None, Some(d), Some(s)) => format!("status event of {d} ({s})"),
            (None, Some(d), None) => format!("status event of {d}"),
            (None, None, _) => "an entry".into(),
        }
    }
}

impl Commitment {
    pub fn is_retracted_event(&self, e: &Event) -> bool {
        self.retractions.iter().any(|r| r.covers_event(e))
    }

    pub fn is_retracted_evidence(&self, e: &Evidence) -> bool {
        self.retractions.iter().any(|r| r.covers_evidence(e))
    }
}
