//! Putting an import together: the state of one import as it is worked out, which commitment
//! a row of the events or evidence file belongs to, and the plan it comes to. Each file's own
//! stage is beside it: the commitments file in `commitments.rs`, the evidence file and its ids
//! in `evidence.rs`, the events file and each commitment's history in `events.rs`.

use std::collections::{BTreeMap, HashMap, HashSet};

use super::cells::Reader;
use super::columns::{Columns, columns, require_columns};
use super::funding::{self, FundingRow};
use super::read::NewCommitment;
use super::{Kind, Plan, Problem, Row, Settings, Tables, value};
use crate::model::{Date, Edit, Event, Evidence, Ledger, is_slug, slugify};

/// An event read from a row of the events file (or made from a commitment row's status).
pub(super) struct RowEvent {
    pub(super) file: String,
    pub(super) row: usize,
    pub(super) date_column: Option<String>,
    /// The first status a new commitment is given on its made date: not from any row.
    pub(super) automatic: bool,
    /// The row's own note; the event's note adds where it came from.
    pub(super) note: Option<String>,
    pub(super) event: Event,
}

/// Which commitment a row of the events or evidence file belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(super) enum Target {
    /// One on a row of the commitments file (its place among the new ones).
    New(usize),
    /// One already in the ledger (its place there).
    Existing(usize),
}

/// An evidence row, read, waiting for its id to be settled.
pub(super) struct EvidenceRow {
    pub(super) row: usize,
    pub(super) given_id: Option<String>,
    pub(super) evidence: Evidence,
}

/// The state of one import as it is worked out, stage by stage.
pub(super) struct Planner<'a> {
    pub(super) ledger: &'a Ledger,
    pub(super) settings: &'a Settings,
    pub(super) r: Reader<'a>,
    pub(super) plan: Plan,
    pub(super) commitment_cols: Option<Columns<'a>>,
    pub(super) event_cols: Option<Columns<'a>>,
    pub(super) evidence_cols: Option<Columns<'a>>,
    /// The commitments file's name, for problems and notes ("" if there is none).
    pub(super) commitments_file: String,
    pub(super) new: Vec<NewCommitment>,
    pub(super) new_ids: HashMap<String, usize>,
    pub(super) renamed: BTreeMap<String, String>,
    pub(super) renamed_evidence: BTreeMap<String, String>,
    /// Funding events from the events file, by commitment (import::funding).
    pub(super) funding: HashMap<Target, Vec<FundingRow>>,
}

impl<'a> Planner<'a> {
    /// Settles which column holds which field in each file, and refuses a file that has no
    /// column (or default) for a field every row needs.
    pub(super) fn new(
        ledger: &'a Ledger,
        tables: &'a Tables,
        settings: &'a Settings,
    ) -> Result<Self, Vec<Problem>> {
        let commitment_cols = tables
            .commitments
            .as_ref()
            .map(|t| columns(Kind::Commitments, t, settings, None))
            .transpose()
            .map_err(|p| vec![p])?;
        let id_column = commitment_cols.as_ref().and_then(|c| c.column_name("id"));
        let other = |kind| {
            tables
                .get(kind)
                .map(|t| columns(kind, t, settings, id_column.as_deref()))
                .transpose()
                .map_err(|p| vec![p])
        };
        let event_cols = other(Kind::Events)?;
        let evidence_cols = other(Kind::Evidence)?;
        let mut missing = Vec::new();
        for (cols, required) in [
            (&commitment_cols, &["id", "title", "owner", "made"][..]),
            // A file of funding events only needs no status column.
            (
                &event_cols,
                match &event_cols {
                    Some(c) if c.index.contains_key("stage") => &["commitment", "date"][..],
                    _ => &["commitment", "date", "status"][..],
                },
            ),
            (&evidence_cols, &["commitment", "title", "url"][..]),
        ] {
            if let Some(c) = cols {
                missing.extend(require_columns(c, settings, required));
            }
        }
        if !missing.is_empty() {
            return Err(missing);
        }
        let mut plan = Plan::default();
        for cols in [&commitment_cols, &event_cols, &evidence_cols]
            .into_iter()
            .flatten()
        {
            let unused: Vec<&str> = cols
                .table
                .headers
                .iter()
                .enumerate()
                .filter(|(i, h)| {
                    !cols.index.values().any(|j| j == i)
                        && !cols.extra.iter().any(|(_, j)| j == i)
                        && !cols.kind.derived().contains(&value::normal(h).as_str())
                })
                .map(|(_, h)| h.as_str())
                .collect();
            if !unused.is_empty() {
                plan.notes.push(format!(
                    "{}: columns not imported: {}",
                    cols.table.name,
                    unused.join(", ")
                ));
            }
        }
        Ok(Planner {
            ledger,
            settings,
            r: Reader {
                settings,
                problems: Vec::new(),
                unknown: BTreeMap::new(),
                counted: HashSet::new(),
            },
            plan,
            commitments_file: tables
                .commitments
                .as_ref()
                .map_or_else(String::new, |t| t.name.clone()),
            commitment_cols,
            event_cols,
            evidence_cols,
            new: Vec::new(),
            new_ids: HashMap::new(),
            renamed: BTreeMap::new(),
            renamed_evidence: BTreeMap::new(),
            funding: HashMap::new(),
        })
    }

    /// The commitment a row of the events or evidence file names: being imported, or already
    /// in the ledger. Ids are made into slugs the same way as in the commitments file.
    pub(super) fn target(&mut self, cols: &Columns<'a>, row: &'a Row) -> Option<Target> {
        let key = self.r.required(cols, row, "commitment")?;
        let slug = if is_slug(&key) {
            key.clone()
        } else {
            slugify(&key, 64)
        };
        if let Some(&i) = self.new_ids.get(&slug) {
            return Some(Target::New(i));
        }
        if let Ok(i) = self
            .ledger
            .position(&key)
            .or_else(|_| self.ledger.position(&slug))
        {
            return Some(Target::Existing(i));
        }
        let help = if self.commitment_cols.is_some() {
            "the id must be on a row of the commitments file or already in the ledger"
        } else {
            "the id must be one of the ledger's commitments (`commitments list`)"
        };
        self.r
            .problem(
                cols,
                row,
                "commitment",
                format!("no commitment has the id `{key}`"),
            )
            .hint(help);
        None
    }

    pub(super) fn name_of(&self, t: Target) -> (&str, Date, bool) {
        let c = match t {
            Target::New(i) => &self.new[i].commitment,
            Target::Existing(i) => &self.ledger.commitments[i],
        };
        (&c.id, c.made, c.source.is_some())
    }

    /// A new commitment takes its evidence and history whole; one in the ledger gets edits.
    /// The funding events for `t` that fit it, into the commitment (new) or the edits
    /// (existing); `evidence_ids` are every id it will have.
    pub(super) fn add_funding(&mut self, t: Target, evidence_ids: &HashSet<String>) {
        let Some(rows) = self.funding.remove(&t) else {
            return;
        };
        let c = match t {
            Target::New(i) => &self.new[i].commitment,
            Target::Existing(i) => &self.ledger.commitments[i],
        };
        let events = funding::check(c, rows, evidence_ids, &mut self.r.problems);
        self.plan.funding += events.len();
        match t {
            Target::New(i) => self.new[i].commitment.funding_history = events,
            Target::Existing(i) => {
                self.plan
                    .edits
                    .extend(events.into_iter().map(|event| Edit::AddFunding {
                        commitment: i,
                        event,
                    }))
            }
        }
    }

    pub(super) fn record(&mut self, t: Target, evidence: Vec<Evidence>, history: Vec<RowEvent>) {
        self.plan.evidence += evidence.len();
        self.plan.events += history.len();
        match t {
            Target::New(i) => {
                let c = &mut self.new[i].commitment;
                c.evidence = evidence;
                c.history = history.into_iter().map(|h| h.event).collect();
            }
            Target::Existing(i) => {
                self.plan
                    .edits
                    .extend(evidence.into_iter().map(|evidence| Edit::AddEvidence {
                        commitment: i,
                        evidence,
                    }));
                self.plan
                    .edits
                    .extend(history.into_iter().map(|h| Edit::AddEvent {
                        commitment: i,
                        event: h.event,
                    }));
            }
        }
    }

    /// The plan, with notes on what was changed or left unknown; or every problem, the
    /// commitments file's first, each file's in row order.
    pub(super) fn finish(mut self) -> Result<Plan, Vec<Problem>> {
        let mut plan = self.plan;
        plan.new_commitments = self.new.len();
        let additions = std::mem::take(&mut plan.edits);
        plan.edits = self
            .new
            .into_iter()
            .map(|n| Edit::AddCommitment(Box::new(n.commitment)))
            .chain(additions)
            .collect();
        for (what, renamed) in [
            ("commitment", &self.renamed),
            ("evidence", &self.renamed_evidence),
        ] {
            if renamed.is_empty() {
                continue;
            }
            let shown: Vec<String> = renamed
                .iter()
                .take(5)
                .map(|(a, b)| format!("{a} → {b}"))
                .collect();
            let more = renamed.len() - shown.len();
            plan.notes.push(format!(
                "{what} ids made into slugs (lowercase letters, digits and hyphens): {}{}",
                shown.join(", "),
                if more > 0 {
                    format!(", and {more} more")
                } else {
                    String::new()
                }
            ));
        }
        for ((file, column), (n, markers)) in &self.r.unknown {
            plan.notes.push(format!(
                "{file}: {n} cell{} of {column} read as unknown ({})",
                if *n == 1 { "" } else { "s" },
                markers
                    .iter()
                    .map(|m| format!("\"{m}\""))
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
        if self.r.problems.is_empty() {
            return Ok(plan);
        }
        let first = self.commitments_file;
        self.r
            .problems
            .sort_by_key(|p| (p.file != first, p.file.clone(), p.row));
        Err(self.r.problems)
    }
}
