//! From a ledger to what people read: the status of every commitment on a date, over
//! periods, what changed in a window, and roll-ups by owner, tag or status.

pub mod anchors;
pub mod bulletin;
pub mod changes;
pub mod family;
pub mod history;
pub mod matrix;
pub mod over_time;
pub mod period;
pub mod record;
pub mod render;
pub mod rollup;
pub mod status;
pub mod window;
pub mod words;

use std::collections::BTreeMap;

use serde::Serialize;

use crate::model::{Commitment, Date, FundingAsOf, Language, Ledger};
use crate::tr;

/// One row of the status table. The field names are the JSON output's, documented in
/// docs/reports.md and kept stable.
#[derive(Debug, Clone, Serialize)]
pub struct StatusRow {
    pub id: String,
    pub uuid: Option<String>,
    pub title: String,
    pub owner: String,
    /// The id of the commitment this one serves, if any.
    pub parent: Option<String>,
    /// How deep in the tree of parents and children: 0 for a commitment with no parent. The
    /// tables indent by it; JSON has `parent` instead.
    #[serde(skip)]
    pub depth: usize,
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
    /// Nothing in the record (evidence, source, gap checked) is newer than the stale limit.
    pub stale: bool,
    /// The newest of its evidence, its source document and its gaps' checks.
    pub last_checked: Date,
    /// The event that set this status cites no evidence.
    pub unsourced: bool,
    /// How many gaps (things searched for and not found) were recorded by the as-of date.
    pub gaps: usize,
    /// The latest amount of each funding stage up to the as-of date, in the record's
    /// currency; None when no money is on record by then.
    pub funding: Option<FundingAsOf>,
    /// The day it was retired (no longer tracked), when that was on or before the as-of date;
    /// such a row is in a report only when it was asked for (`--include-retired`).
    pub retired: Option<Date>,
}

impl StatusRow {
    /// The row for `c` on `as_of`; None if it had not been made yet.
    pub fn new(ledger: &Ledger, c: &Commitment, as_of: Date, stale_after: u32) -> Option<Self> {
        let s = c.status_as_of(as_of)?;
        Some(StatusRow {
            id: c.id.clone(),
            uuid: c.uuid_string(),
            title: c.title.clone(),
            owner: c.owner.clone(),
            parent: c.parent.clone(),
            depth: 0,
            tags: c.tags.clone(),
            made: c.made,
            status: s.status.to_string(),
            status_label: ledger.vocabulary.label(s.status).to_string(),
            since: s.since,
            latest_evidence: c.latest_evidence(as_of),
            due: c.due,
            overdue: c.is_overdue_in(Some(s.status), as_of, |k| ledger.vocabulary.is_closed(k)),
            stale: c.is_stale_in(Some(s.status), as_of, stale_after, |k| {
                ledger.vocabulary.is_closed(k)
            }),
            last_checked: c.last_checked(as_of),
            unsourced: s.event.unsourced,
            gaps: c.gaps_as_of(as_of).count(),
            funding: c.funding_as_of(as_of),
            retired: c.retired.as_ref().map(|r| r.date).filter(|d| *d <= as_of),
        })
    }

    /// The marks a reader scans for: retired, overdue, stale, unsourced, gap.
    pub fn flags(&self) -> Vec<&'static str> {
        [
            (self.retired.is_some(), "retired"),
            (self.overdue, "overdue"),
            (self.stale, "stale"),
            (self.unsourced, "unsourced"),
            (self.gaps > 0, "gap"),
        ]
        .into_iter()
        .filter_map(|(on, name)| on.then_some(name))
        .collect()
    }

    /// The flags in `language`'s words, as tables show them.
    pub fn flag_words(&self, language: Language) -> Vec<String> {
        self.flags()
            .into_iter()
            .map(|f| tr!(language, &format!("flag-{f}")))
            .collect()
    }
}

/// The status table on `as_of`, in file order, each child right after its parent.
pub fn status_rows(ledger: &Ledger, as_of: Date, stale_after: u32) -> Vec<StatusRow> {
    if ledger.commitments.iter().all(|c| c.parent.is_none()) {
        return ledger
            .commitments
            .iter()
            .filter_map(|c| StatusRow::new(ledger, c, as_of, stale_after))
            .collect();
    }
    ledger
        .tree()
        .into_iter()
        .filter_map(|p| {
            let mut row = StatusRow::new(ledger, &ledger.commitments[p.index], as_of, stale_after)?;
            row.depth = p.depth;
            Some(row)
        })
        .collect()
}

/// The id as a table shows it: indented under its parent with an arrow per level.
pub fn tree_id(row: &StatusRow) -> String {
    if row.depth == 0 {
        row.id.clone()
    } else {
        format!("{}→ {}", "  ".repeat(row.depth - 1), row.id)
    }
}

/// The mean score of `rows` on the ledger's scale; None for no rows.
pub fn average_score(ledger: &Ledger, rows: &[StatusRow]) -> Option<f64> {
    let scores: Vec<f64> = rows
        .iter()
        .filter_map(|r| ledger.vocabulary.score(&r.status))
        .collect();
    (!scores.is_empty()).then(|| scores.iter().sum::<f64>() / scores.len() as f64)
}

/// The ledger's status scale as reports state it (methodology §2: "A report states which
/// vocabulary the ledger uses").
#[derive(Debug, Clone, Serialize)]
pub struct StatusInfo {
    pub key: String,
    pub label: String,
    pub score: f64,
    pub closed: bool,
}

pub fn statuses(ledger: &Ledger) -> Vec<StatusInfo> {
    ledger
        .vocabulary
        .statuses()
        .iter()
        .map(|s| StatusInfo {
            key: s.key.clone(),
            label: s.label.clone(),
            score: s.score,
            closed: s.closed,
        })
        .collect()
}

/// "Scores: Announced 0, In progress 0.5, …": one line under a table.
pub fn scale_note(ledger: &Ledger) -> String {
    let parts: Vec<String> = ledger
        .vocabulary
        .statuses()
        .iter()
        .map(|s| {
            let closed = if s.closed {
                format!(" {}", tr!(ledger.language, "closed-mark"))
            } else {
                String::new()
            };
            format!("{} {}{closed}", s.label, s.score)
        })
        .collect();
    tr!(ledger.language, "scale-note", scale = parts.join(", "))
}

/// How children are rolled up into their parent, said under every table that does it (in the
/// report's language: `roll-up-rule` in the catalogue) and in docs/methodology.md §10. This
/// English text is also the JSON's `rule`, which stays the same in every language.
pub const ROLL_UP_RULE: &str = "Roll-up: the parent's direct children that had been made by the date, counted by status; their average score is weighted, Σ(weight × score) / Σ weight, each child's weight 1 unless its `weight:` says otherwise. The parent's own status is its own: the roll-up is shown beside it, never written over it.";

/// Four decimals: enough for any average, and no `0.30000000000000004` in the JSON.
pub fn round4(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
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
    let lang = ledger.language;
    let counts: Vec<String> = totals(ledger, rows)
        .values()
        .map(|(k, n)| {
            let label = render::clean(ledger.vocabulary.label(k));
            // German capitalises its nouns ("In Arbeit"): a label is lowercased in running
            // text only in the languages that do not.
            let label = if lang == Language::De {
                label
            } else {
                label.to_lowercase()
            };
            tr!(lang, "status-count", n = *n, status = label)
        })
        .collect();
    let overdue = rows.iter().filter(|r| r.overdue).count();
    let stale = rows.iter().filter(|r| r.stale).count();
    let commitments = tr!(lang, "n-commitments", n = rows.len());
    let mut s = if counts.is_empty() {
        commitments
    } else {
        tr!(
            lang,
            "summary",
            commitments = commitments,
            counts = counts.join(", ")
        )
    };
    let separator = tr!(lang, "separator");
    if overdue > 0 {
        s.push_str(&separator);
        s.push_str(&tr!(lang, "n-overdue", n = overdue));
    }
    if stale > 0 {
        s.push_str(&separator);
        s.push_str(&tr!(lang, "n-stale", n = stale));
    }
    if let Some(avg) = average_score(ledger, rows) {
        s.push_str(&separator);
        s.push_str(&tr!(lang, "average", score = score_text(avg)));
        if let Some(p) = ledger.vocabulary.percent(avg) {
            s.push_str(&format!(" ({})", percent_text(p)));
        }
    }
    s
}

/// `0.28`: two decimals, as a table shows an average score.
pub fn score_text(x: f64) -> String {
    format!("{:.2}", (x * 100.0).round() / 100.0) // 0.625 is 0.63, not (half to even) 0.62
}

/// `28%`: whole percentages, as the G7 Research Group reports them.
pub fn percent_text(x: f64) -> String {
    format!("{:.0}%", x.round()) // half away from zero: 62.5 is 63%, as people round
}
