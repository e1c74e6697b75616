//! Importing commitments, status events and evidence from spreadsheets (CSV).
//!
//! Another tracker's export is taken as it is: `--map` says which column holds which field,
//! `--default` supplies what the file lacks, `--status-map` and `--kind-map` translate its
//! words into the ledger's. Everything is checked before anything is written, and every bad
//! row is reported with its row number and column; one bad row means nothing is imported.
//! Nothing is guessed: a value that cannot be read is a problem to fix, not a value to invent.

mod funding;
mod planner;
mod read;
pub mod table;
pub mod value;

use std::collections::HashMap;

use chrono::{DateTime, Utc};

use crate::model::{Date, DecimalMark, Edit, EvidenceKind, Ledger};
pub use table::{Problem, Row, Table};
pub use value::{DateOrder, Unknowns, read_date};

/// Which of the three files a field belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    Commitments,
    Events,
    Evidence,
}

impl Kind {
    /// How `--map` and `--default` name this file's fields: `title`, `events.date`,
    /// `evidence.url`.
    pub fn prefix(self) -> &'static str {
        match self {
            Kind::Commitments => "",
            Kind::Events => "events.",
            Kind::Evidence => "evidence.",
        }
    }

    pub fn fields(self) -> &'static [&'static str] {
        match self {
            Kind::Commitments => &[
                "id",
                "uuid",
                "title",
                "owner",
                "parent",
                "weight",
                "partners",
                "made",
                "due",
                "tags",
                "status",
                "since",
                "note",
                "source_title",
                "source_publisher",
                "source_date",
                "source_url",
                "source_locator",
                "source_quote",
                "amount",
                "currency",
                "description",
                "notes",
            ],
            Kind::Events => &[
                "commitment",
                "date",
                "status",
                "note",
                "evidence",
                "recorded_by",
                "stage",
                "amount",
                "currency",
            ],
            Kind::Evidence => &[
                "commitment",
                "id",
                "title",
                "url",
                "publisher",
                "published",
                "accessed",
                "kind",
                "quote",
            ],
        }
    }

    /// Columns of `report --format csv` that are worked out from the ledger rather than stored
    /// in it: recognised, so a round trip does not call them unexpected, and not imported.
    fn derived(self) -> &'static [&'static str] {
        match self {
            Kind::Commitments => &[
                "status_label",
                "latest_evidence",
                "overdue",
                "unsourced",
                "gaps",
                "pledged",
                "funding_currency",
                "allocated",
                "disbursed",
                "spent",
            ],
            _ => &[],
        }
    }

    fn all() -> [Kind; 3] {
        [Kind::Commitments, Kind::Events, Kind::Evidence]
    }
}

/// Lists in one cell (tags, partners, the evidence an event cites) are separated by this.
pub const LIST_SEPARATOR: char = ';';

/// What the command line says about how to read the files.
#[derive(Debug, Clone)]
pub struct Settings {
    /// `(kind, field) → column`, from `--map`.
    pub map: HashMap<(Kind, &'static str), String>,
    /// The team's own fields: `(name, column)` from `--map extra.NAME=COLUMN`, in order.
    pub extra: Vec<(String, String)>,
    /// `(kind, field) → value`, from `--default`.
    pub defaults: HashMap<(Kind, &'static str), String>,
    /// The file's word (as `value::normal` spells it) → a status key of the ledger.
    pub status_map: HashMap<String, String>,
    /// The file's word → an evidence kind.
    pub kind_map: HashMap<String, EvidenceKind>,
    pub unknowns: Unknowns,
    pub date_order: Option<DateOrder>,
    /// How to read amounts that two conventions read differently (`12,5`, `1.500`).
    pub decimal_mark: Option<DecimalMark>,
    pub recorded_by: String,
    pub recorded_at: DateTime<Utc>,
    pub today: Date,
}

/// Splits `field=value` as `--map` and `--default` take it, with the field checked.
pub fn field_assignment(
    option: &str,
    text: &str,
) -> Result<((Kind, &'static str), String), String> {
    let Some((field, value)) = text.split_once('=') else {
        return Err(format!(
            "{option} takes FIELD=VALUE, e.g. {option} title=promise_text; got `{text}`"
        ));
    };
    let field = field.trim();
    for kind in Kind::all() {
        let Some(name) = field.strip_prefix(kind.prefix()) else {
            continue;
        };
        if kind == Kind::Commitments && name.contains('.') {
            continue;
        }
        if let Some(f) = kind.fields().iter().find(|f| **f == name) {
            return Ok(((kind, f), value.trim().to_string()));
        }
    }
    Err(format!(
        "{option}: there is no field `{field}`. The fields are: {}; for the events file: {}; for the evidence file: {}",
        Kind::Commitments.fields().join(", "),
        Kind::Events
            .fields()
            .iter()
            .map(|f| format!("events.{f}"))
            .collect::<Vec<_>>()
            .join(", "),
        Kind::Evidence
            .fields()
            .iter()
            .map(|f| format!("evidence.{f}"))
            .collect::<Vec<_>>()
            .join(", "),
    ))
}

/// The files to import, read.
#[derive(Debug, Clone, Default)]
pub struct Tables {
    pub commitments: Option<Table>,
    pub events: Option<Table>,
    pub evidence: Option<Table>,
}

impl Tables {
    fn get(&self, kind: Kind) -> Option<&Table> {
        match kind {
            Kind::Commitments => self.commitments.as_ref(),
            Kind::Events => self.events.as_ref(),
            Kind::Evidence => self.evidence.as_ref(),
        }
    }
}

/// What an import will do: the edits, and what a person should be told about them.
#[derive(Debug, Clone, Default)]
pub struct Plan {
    pub edits: Vec<Edit>,
    pub new_commitments: usize,
    pub events: usize,
    /// Funding events, from rows of the events file with a `stage`.
    pub funding: usize,
    pub evidence: usize,
    /// Things done that a person should know about: ids made into slugs, duplicate rows
    /// skipped, columns not imported, cells read as unknown.
    pub notes: Vec<String>,
}

/// Works out what importing `tables` into `ledger` would add. Every problem in every file is
/// reported together; if there is any, nothing is to be written.
pub fn plan(ledger: &Ledger, tables: &Tables, settings: &Settings) -> Result<Plan, Vec<Problem>> {
    let mut p = planner::Planner::new(ledger, tables, settings)?;
    p.read_commitments();
    let mut evidence_for = p.read_evidence();
    let mut events_for = p.read_events();
    let mut targets: Vec<planner::Target> = evidence_for
        .keys()
        .chain(events_for.keys())
        .chain(p.funding.keys())
        .copied()
        .chain((0..p.new.len()).map(planner::Target::New))
        .collect();
    targets.sort();
    targets.dedup();
    for t in targets {
        let (evidence, taken) = p.name_evidence(t, evidence_for.remove(&t).unwrap_or_default());
        p.add_funding(t, &taken);
        let mut history = p.first_events(t);
        p.add_events(
            t,
            &mut history,
            events_for.remove(&t).unwrap_or_default(),
            &taken,
        );
        p.record(t, evidence, history);
    }
    p.finish()
}

/// The note on an imported event says where it came from, so a reader can trace it.
pub(super) fn provenance(note: Option<&str>, file: &str, row: usize, cites: bool) -> String {
    let origin = if cites {
        format!("imported from {file}, row {row}")
    } else {
        format!("imported from {file}, row {row}, which cites no evidence for it")
    };
    match note.map(str::trim).filter(|n| !n.is_empty()) {
        Some(n) => format!("{n} ({origin})"),
        None => {
            let mut o = origin;
            o[..1].make_ascii_uppercase();
            o.push('.');
            o
        }
    }
}
