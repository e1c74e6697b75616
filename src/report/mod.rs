//! From a ledger to what people read: the status of every commitment on a date.

pub mod render;

use std::collections::BTreeMap;

use serde::Serialize;

use crate::model::{Commitment, Date, Ledger};

/// One row of the status table. The field names are the JSON output's, documented in
/// docs/file-format.md and kept stable.
#[derive(Debug, Clone, Serialize)]
pub struct StatusRow {
    pub id: String,
    pub uuid: Option<String>,
    pub title: String,
    pub owner: String,
    pub tags: Vec<String>,
    pub made: Date,
    pub status: String,
    pub status_label: String,
    /// The day it entered this status.
    pub since: Date,
    /// The newest evidence published on or before the as-of date.
    pub latest_evidence: Option<Date>,
    pub due: Option<Date>,
    pub overdue: bool,
    /// The event that set this status cites no evidence.
    pub unsourced: bool,
    /// How many gaps (things searched for and not found) are recorded.
    pub gaps: usize,
}

impl StatusRow {
    /// The row for `c` on `as_of`; None if it had not been made yet.
    pub fn new(ledger: &Ledger, c: &Commitment, as_of: Date) -> Option<Self> {
        let s = c.status_as_of(as_of)?;
        Some(StatusRow {
            id: c.id.clone(),
            uuid: c.uuid_string(),
            title: c.title.clone(),
            owner: c.owner.clone(),
            tags: c.tags.clone(),
            made: c.made,
            status: s.status.to_string(),
            status_label: ledger.vocabulary.label(s.status).to_string(),
            since: s.since,
            latest_evidence: c.latest_evidence(as_of),
            due: c.due,
            overdue: c.is_overdue(as_of, |k| ledger.vocabulary.is_closed(k)),
            unsourced: s.event.unsourced,
            gaps: c.gaps.len(),
        })
    }
}

/// The status table on `as_of`, in file order.
pub fn status_rows(ledger: &Ledger, as_of: Date) -> Vec<StatusRow> {
    ledger
        .commitments
        .iter()
        .filter_map(|c| StatusRow::new(ledger, c, as_of))
        .collect()
}

/// How many commitments stand in each status, in the order of the scale.
pub fn totals(ledger: &Ledger, rows: &[StatusRow]) -> BTreeMap<usize, (String, usize)> {
    let mut t = BTreeMap::new();
    for r in rows {
        t.entry(ledger.vocabulary.rank(&r.status))
            .or_insert_with(|| (r.status.clone(), 0))
            .1 += 1;
    }
    t
}

/// "6 commitments: 1 delivered, 3 in progress, 2 announced; 1 overdue".
pub fn summary(ledger: &Ledger, rows: &[StatusRow]) -> String {
    let counts: Vec<String> = totals(ledger, rows)
        .values()
        .map(|(k, n)| {
            let label = render::clean(ledger.vocabulary.label(k));
            format!("{n} {}", label.to_lowercase())
        })
        .collect();
    let overdue = rows.iter().filter(|r| r.overdue).count();
    let mut s = format!(
        "{} commitment{}",
        rows.len(),
        if rows.len() == 1 { "" } else { "s" }
    );
    if !counts.is_empty() {
        s.push_str(": ");
        s.push_str(&counts.join(", "));
    }
    if overdue > 0 {
        s.push_str(&format!("; {overdue} overdue"));
    }
    s
}
