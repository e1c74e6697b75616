//! Putting an import together: which commitment each row belongs to, evidence ids, and each
//! commitment's history, checked across rows and files.

use std::collections::{BTreeMap, HashMap, HashSet};

use uuid::Uuid;

use super::funding::{self, FundingRow};
use super::read::{
    Cell, Columns, NewCommitment, Reader, columns, fingerprint, read_commitment, read_evidence,
    require_columns,
};
use super::{Kind, Plan, Problem, Row, Settings, Tables, provenance, value};
use crate::model::{
    Commitment, Date, Edit, Event, Evidence, Ledger, LinkError, SOURCE_REF, evidence_id, free_id,
    has_happened, is_slug, link_errors, slugify,
};

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

    /// The commitments file: one new commitment a row; exact repeats once; the same id with
    /// other values, or an id the ledger has, is a problem.
    pub(super) fn read_commitments(&mut self) {
        let Some(cols) = &self.commitment_cols else {
            return;
        };
        let r = &mut self.r;
        let mut seen_rows: HashMap<String, &Row> = HashMap::new();
        let mut uuids: HashMap<Uuid, String> = self
            .ledger
            .commitments
            .iter()
            .filter_map(|c| c.uuid.map(|u| (u, c.id.clone())))
            .collect();
        for row in &cols.table.rows {
            let Some(id) = r.id(cols, row, "id", &mut self.renamed) else {
                if !matches!(r.cell(cols, row, "id"), Cell::Value(_)) {
                    r.required(cols, row, "id");
                }
                // Read the rest of the row all the same, for its other problems.
                read_commitment(r, self.ledger, cols, row, None, &mut uuids);
                continue;
            };
            if let Some(first) = seen_rows.get(&id) {
                if first.cells == row.cells {
                    self.plan.notes.push(format!(
                        "{}: row {} repeats row {} exactly; imported once",
                        cols.table.name, row.number, first.number
                    ));
                } else {
                    let first = first.number;
                    r.problem(cols, row, "id", format!("the id `{id}` is also on row {first}, with different values"))
                        .hint("each commitment must have its own id; if both rows are the same commitment, keep one");
                }
                continue;
            }
            seen_rows.insert(id.clone(), row);
            if self.ledger.commitments.iter().any(|c| c.id == id) {
                r.problem(
                    cols,
                    row,
                    "id",
                    format!("the ledger already has a commitment `{id}`"),
                )
                .hint("import adds new commitments only; remove the row, or give it another id");
                continue;
            }
            if let Some(c) = read_commitment(r, self.ledger, cols, row, Some(id), &mut uuids) {
                self.new_ids.insert(c.commitment.id.clone(), self.new.len());
                self.new.push(c);
            }
        }
        // Parents: in the ledger or in this file, and never in a circle.
        if self.new.iter().all(|n| n.commitment.parent.is_none()) {
            return;
        }
        let before = self.ledger.commitments.len();
        let all: Vec<Commitment> = self
            .ledger
            .commitments
            .iter()
            .chain(self.new.iter().map(|n| &n.commitment))
            .cloned()
            .collect();
        for e in link_errors(&all) {
            let (i, message, hint) = match e {
                LinkError::Unknown { child, parent } => (
                    child,
                    format!("no commitment has the id `{parent}`, named as the parent"),
                    "a parent must be the id of a commitment in the ledger or in this file"
                        .to_string(),
                ),
                LinkError::Cycle { start, ids } => (
                    start,
                    format!(
                        "these commitments are each other's parents, in a circle: {}",
                        ids.join(" → ")
                    ),
                    "a child serves a parent that is wider than it; change one of these parents"
                        .to_string(),
                ),
            };
            let Some(n) = i.checked_sub(before).and_then(|k| self.new.get(k)) else {
                continue;
            };
            if let Some(row) = seen_rows.get(&n.commitment.id) {
                r.problem(cols, row, "parent", message).hint(&hint);
            }
        }
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

    /// The evidence file, by commitment; a row repeating another for the same commitment once.
    pub(super) fn read_evidence(&mut self) -> HashMap<Target, Vec<EvidenceRow>> {
        let mut by_target: HashMap<Target, Vec<EvidenceRow>> = HashMap::new();
        let Some(cols) = self.evidence_cols.take() else {
            return by_target;
        };
        let mut seen: HashMap<(Target, Vec<String>), usize> = HashMap::new();
        for row in &cols.table.rows {
            // Both are read whatever the other finds, so a row's problems come at once.
            let target = self.target(&cols, row);
            let read = read_evidence(&mut self.r, &cols, row, &mut self.renamed_evidence);
            let (Some(t), Some((given_id, evidence))) = (target, read) else {
                continue;
            };
            let key = (t, fingerprint(&evidence, &given_id));
            if let Some(first) = seen.get(&key) {
                self.plan.notes.push(format!(
                    "{}: row {} repeats row {first} for the same commitment; imported once",
                    cols.table.name, row.number
                ));
                continue;
            }
            seen.insert(key, row.number);
            by_target.entry(t).or_default().push(EvidenceRow {
                row: row.number,
                given_id,
                evidence,
            });
        }
        self.evidence_cols = Some(cols);
        by_target
    }

    /// The events file, by commitment.
    pub(super) fn read_events(&mut self) -> HashMap<Target, Vec<RowEvent>> {
        let mut by_target: HashMap<Target, Vec<RowEvent>> = HashMap::new();
        let Some(cols) = self.event_cols.take() else {
            return by_target;
        };
        for row in &cols.table.rows {
            // Every cell is read whatever the others hold, so a row's problems come at once.
            let target = self.target(&cols, row);
            let r = &mut self.r;
            let date = r.required_date(&cols, row, "date");
            let funding_row = !matches!(r.cell(&cols, row, "status"), Cell::Value(_))
                && matches!(r.cell(&cols, row, "stage"), Cell::Value(_));
            if funding_row {
                let note = r.text(&cols, row, "note");
                let cited: Vec<String> = r
                    .list(&cols, row, "evidence")
                    .into_iter()
                    .map(|id| if is_slug(&id) { id } else { slugify(&id, 64) })
                    .collect();
                let recorded_by = r
                    .text(&cols, row, "recorded_by")
                    .unwrap_or_else(|| self.settings.recorded_by.clone());
                if let Some(Err(e)) = date.map(|d| has_happened(d, self.settings.today)) {
                    r.problem(&cols, row, "date", e.to_string())
                        .hint("a funding event records what has happened");
                    continue;
                }
                let read =
                    funding::read_row(r, self.settings, &cols, row, date, note, cited, recorded_by);
                if let (Some(t), Some(fr)) = (target, read) {
                    self.funding.entry(t).or_default().push(fr);
                }
                continue;
            }
            let status = match r.cell(&cols, row, "status") {
                Cell::Value(_) => r.status(self.ledger, &cols, row, "status"),
                _ => r.required(&cols, row, "status").and(None),
            };
            let note = r.text(&cols, row, "note");
            let cited: Vec<String> = r
                .list(&cols, row, "evidence")
                .into_iter()
                .map(|id| if is_slug(&id) { id } else { slugify(&id, 64) })
                .collect();
            let recorded_by = r
                .text(&cols, row, "recorded_by")
                .unwrap_or_else(|| self.settings.recorded_by.clone());
            if let Some(Err(e)) = date.map(|d| has_happened(d, self.settings.today)) {
                r.problem(&cols, row, "date", e.to_string())
                    .hint("a status event records what has happened");
                continue;
            }
            let (Some(t), Some(date), Some(status)) = (target, date, status) else {
                continue;
            };
            by_target.entry(t).or_default().push(RowEvent {
                file: cols.table.name.clone(),
                row: row.number,
                date_column: cols.column_name("date"),
                automatic: false,
                note,
                event: Event {
                    date,
                    status,
                    note: None,
                    unsourced: cited.is_empty(),
                    evidence: cited,
                    recorded_by: Some(recorded_by),
                    recorded_at: Some(self.settings.recorded_at),
                },
            });
        }
        self.event_cols = Some(cols);
        by_target
    }

    pub(super) fn name_of(&self, t: Target) -> (&str, Date, bool) {
        let c = match t {
            Target::New(i) => &self.new[i].commitment,
            Target::Existing(i) => &self.ledger.commitments[i],
        };
        (&c.id, c.made, c.source.is_some())
    }

    /// Settles the ids of a commitment's new evidence: as given, else made from the publisher
    /// and date as `commitments evidence` makes them. Returns the entries and every id the
    /// commitment will have.
    pub(super) fn name_evidence(
        &mut self,
        t: Target,
        rows: Vec<EvidenceRow>,
    ) -> (Vec<Evidence>, HashSet<String>) {
        let mut taken: HashSet<String> = match t {
            Target::New(_) => HashSet::new(),
            Target::Existing(i) => self.ledger.commitments[i]
                .evidence
                .iter()
                .map(|e| e.id.clone())
                .collect(),
        };
        let name = self.name_of(t).0.to_string();
        let (file, id_column) = self
            .evidence_cols
            .as_ref()
            .map_or((String::new(), None), |c| {
                (c.table.name.clone(), c.column_name("id"))
            });
        let mut named = Vec::new();
        for EvidenceRow {
            row,
            given_id,
            mut evidence,
        } in rows
        {
            let id = match given_id {
                Some(id) if taken.contains(&id) || id == SOURCE_REF => {
                    self.r.problems.push(
                        Problem::new(&file, Some(row), id_column.as_deref(), format!("`{name}` already has evidence with the id `{id}`"))
                            .help("evidence ids must be unique within a commitment (and `source` is reserved)"),
                    );
                    continue;
                }
                Some(id) => id,
                None => free_id(
                    evidence_id(
                        evidence.publisher.as_deref(),
                        &evidence.url,
                        evidence.published,
                    ),
                    |id| taken.contains(id),
                ),
            };
            taken.insert(id.clone());
            evidence.id = id;
            named.push(evidence);
        }
        (named, taken)
    }

    /// A new commitment's history before the events file: its first status on its made date,
    /// resting on its source if it has one, and the status its row states, if any.
    pub(super) fn first_events(&mut self, t: Target) -> Vec<RowEvent> {
        let Target::New(i) = t else {
            return Vec::new();
        };
        let n = &self.new[i];
        let c = &n.commitment;
        let has_source = c.source.is_some();
        let first = self.ledger.vocabulary.initial().key.clone();
        let file = &self.commitments_file;
        let mut history = vec![RowEvent {
            file: file.clone(),
            row: n.row,
            date_column: None,
            automatic: true,
            note: None,
            event: Event {
                date: c.made,
                status: first.clone(),
                note: (!has_source).then(|| {
                    format!(
                        "Imported from {file}, row {}, which names no source document.",
                        n.row
                    )
                }),
                evidence: if has_source {
                    vec![SOURCE_REF.into()]
                } else {
                    vec![]
                },
                unsourced: !has_source,
                recorded_by: Some(self.settings.recorded_by.clone()),
                recorded_at: Some(self.settings.recorded_at),
            },
        }];
        let Some((status, since)) = &n.status else {
            return history;
        };
        // read_commitment has refused a `since` without a date, before the made date or in
        // the future, so what is left is a status to record.
        if let Some(d) = since
            && (*status != first || *d != c.made)
        {
            let cols = self
                .commitment_cols
                .as_ref()
                .expect("a new commitment comes from the commitments file");
            history.push(RowEvent {
                file: file.clone(),
                row: n.row,
                date_column: cols.column_name("since"),
                automatic: false,
                note: n.note.clone(),
                event: Event {
                    date: *d,
                    status: status.clone(),
                    note: None,
                    evidence: vec![],
                    unsourced: true,
                    recorded_by: Some(self.settings.recorded_by.clone()),
                    recorded_at: Some(self.settings.recorded_at),
                },
            });
        }
        history
    }

    /// Adds the events file's rows for one commitment to `history`, in date order. The same
    /// status on the same day from two places is one event (with every citation); two statuses
    /// on one day are a problem.
    pub(super) fn add_events(
        &mut self,
        t: Target,
        history: &mut Vec<RowEvent>,
        mut rows: Vec<RowEvent>,
        evidence_ids: &HashSet<String>,
    ) {
        let (name, made, has_source) = self.name_of(t);
        let name = name.to_string();
        let evidence_column = self
            .event_cols
            .as_ref()
            .and_then(|c| c.column_name("evidence"));
        rows.sort_by_key(|e| (e.event.date, e.row));
        for re in rows {
            let e = &re.event;
            if e.date < made {
                self.r.problems.push(
                    Problem::new(
                        &re.file,
                        Some(re.row),
                        re.date_column.as_deref(),
                        format!("{} is before `{name}` was made ({made})", e.date),
                    )
                    .help("a status can only be recorded from the day the commitment was made"),
                );
                continue;
            }
            for cited in &e.evidence {
                if !(evidence_ids.contains(cited) || (cited == SOURCE_REF && has_source)) {
                    self.r.problems.push(
                        Problem::new(
                            &re.file,
                            Some(re.row),
                            evidence_column.as_deref(),
                            format!("`{name}` has no evidence with the id `{cited}`"),
                        )
                        .help(
                            "cite the id of an evidence entry of the same commitment, or `source`",
                        ),
                    );
                }
            }
            if let Target::Existing(i) = t
                && self.ledger.commitments[i]
                    .history
                    .iter()
                    .any(|h| h.date == e.date && h.status == e.status)
            {
                self.plan.notes.push(format!(
                    "{}, row {}: `{name}` already has `{}` on {}; not added again",
                    re.file, re.row, e.status, e.date
                ));
                continue;
            }
            if let Some(same) = history
                .iter_mut()
                .find(|h| h.event.date == e.date && h.event.status == e.status)
            {
                // One event told twice: the events file's words, and every citation.
                for id in &e.evidence {
                    if !same.event.evidence.contains(id) {
                        same.event.evidence.push(id.clone());
                    }
                }
                same.file.clone_from(&re.file);
                same.row = re.row;
                same.note.clone_from(&re.note);
                same.automatic = false;
                continue;
            }
            if let Some(other) = history
                .iter()
                .find(|h| h.event.date == e.date && !h.automatic)
            {
                self.r.problems.push(
                    Problem::new(
                        &re.file,
                        Some(re.row),
                        re.date_column.as_deref(),
                        format!(
                            "on {} `{name}` would be both `{}` ({}, row {}) and `{}`",
                            e.date, other.event.status, other.file, other.row, e.status
                        ),
                    )
                    .help("a commitment has one status on a day; correct one of the rows"),
                );
                continue;
            }
            history.push(re);
        }
        // Every event from a row says which row, and, if it cites nothing, that the row did not.
        for h in history.iter_mut().filter(|h| !h.automatic) {
            h.event.unsourced = h.event.evidence.is_empty();
            h.event.note = Some(provenance(
                h.note.as_deref(),
                &h.file,
                h.row,
                !h.event.evidence.is_empty(),
            ));
        }
        history.sort_by_key(|h| h.event.date);
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
