//! A status event: on this date, per this evidence, the commitment stood here.

use chrono::{DateTime, Utc};

use super::Date;

/// Cited in an event's `evidence` list, stands for the commitment's own source document.
pub const SOURCE_REF: &str = "source";

#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Event {
    /// When it happened, according to the evidence (not when it was recorded).
    pub date: Date,
    pub status: String,
    pub note: Option<String>,
    /// Ids of evidence entries of the same commitment, or `source`.
    pub evidence: Vec<String>,
    /// Recorded without evidence; `note` says why.
    pub unsourced: bool,
    pub recorded_by: Option<String>,
    pub recorded_at: Option<DateTime<Utc>>,
}
