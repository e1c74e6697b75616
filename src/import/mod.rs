//! Importing commitments, status events and evidence from spreadsheets (CSV).
//!
//! Another tracker's export is taken as it is: `--map` says which column holds which field,
//! `--default` supplies what the file lacks, `--status-map` and `--kind-map` translate its
//! words into the ledger's. Everything is checked before anything is written, and every bad
//! row is reported with its row number and column; one bad row means nothing is imported.
//! Nothing is guessed: a value that cannot be read is a problem to fix, not a value to invent.

pub mod table;
pub mod value;

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::model::{
    Commitment, Date, Edit, Event, Evidence, EvidenceKind, Funding, Ledger, SOURCE_REF, Source,
    is_slug, is_web_url, slugify,
};
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
            ],
            Kind::Events => &[
                "commitment",
                "date",
                "status",
                "note",
                "evidence",
                "recorded_by",
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
    /// `(kind, field) → value`, from `--default`.
    pub defaults: HashMap<(Kind, &'static str), String>,
    /// The file's word (as `value::normal` spells it) → a status key of the ledger.
    pub status_map: HashMap<String, String>,
    /// The file's word → an evidence kind.
    pub kind_map: HashMap<String, EvidenceKind>,
    pub unknowns: Unknowns,
    pub date_order: Option<DateOrder>,
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
    pub evidence: usize,
    /// Things done that a person should know about: ids made into slugs, duplicate rows
    /// skipped, columns not imported, cells read as unknown.
    pub notes: Vec<String>,
}

/// Which column each field is read from, in one file.
struct Columns<'a> {
    kind: Kind,
    table: &'a Table,
    index: HashMap<&'static str, usize>,
}

/// A cell, read.
enum Cell<'a> {
    /// The file has no column for the field and no default was given.
    Absent,
    /// Empty, "Not available" or another marker of unknown, with no default to stand in.
    Unknown,
    Value(&'a str),
}

impl<'a> Cell<'a> {
    fn value(&self) -> Option<&'a str> {
        match self {
            Cell::Value(v) => Some(v),
            _ => None,
        }
    }
}

struct Reader<'a> {
    settings: &'a Settings,
    problems: Vec<Problem>,
    /// `(file, column) → how many cells were unknown`, and the markers seen.
    unknown: BTreeMap<(String, String), (usize, Vec<String>)>,
    /// The cells already counted there (a cell may be looked at more than once).
    counted: HashSet<(String, usize, usize)>,
}

impl<'a> Reader<'a> {
    fn cell(&mut self, cols: &Columns<'a>, row: &'a Row, field: &'static str) -> Cell<'a> {
        let default = self.settings.defaults.get(&(cols.kind, field));
        let Some(&i) = cols.index.get(field) else {
            return default.map_or(Cell::Absent, |d| Cell::Value(d.as_str()));
        };
        let raw = row.cells[i].as_str();
        if self.settings.unknowns.is_unknown(raw) {
            if let Some(d) = default {
                return Cell::Value(d.as_str());
            }
            let first_look = self
                .counted
                .insert((cols.table.name.clone(), row.number, i));
            if !raw.trim().is_empty() && first_look {
                let entry = self
                    .unknown
                    .entry((cols.table.name.clone(), cols.table.headers[i].clone()))
                    .or_default();
                entry.0 += 1;
                if !entry.1.iter().any(|m| m == raw.trim()) {
                    entry.1.push(raw.trim().to_string());
                }
            }
            return Cell::Unknown;
        }
        Cell::Value(raw.trim())
    }

    fn problem(&mut self, cols: &Columns, row: &Row, field: &str, message: String) -> &mut Problem {
        let column = cols.column_name(field);
        self.problems.push(Problem::new(
            &cols.table.name,
            Some(row.number),
            column.as_deref(),
            message,
        ));
        self.problems.last_mut().expect("just pushed")
    }

    fn text(&mut self, cols: &Columns<'a>, row: &'a Row, field: &'static str) -> Option<String> {
        self.cell(cols, row, field).value().map(str::to_string)
    }

    fn required(
        &mut self,
        cols: &Columns<'a>,
        row: &'a Row,
        field: &'static str,
    ) -> Option<String> {
        match self.cell(cols, row, field) {
            Cell::Value(v) => Some(v.to_string()),
            _ => {
                let default = format!("--default {}{field}=…", cols.kind.prefix());
                self.problem(cols, row, field, format!("`{field}` is empty or unknown"))
                    .hint(format!(
                        "every row needs a {field}; fill it in, or give one for all rows with {default}"
                    ));
                None
            }
        }
    }

    fn date(&mut self, cols: &Columns<'a>, row: &'a Row, field: &'static str) -> Option<Date> {
        let v = self.cell(cols, row, field).value()?;
        match read_date(v, self.settings.date_order) {
            Ok(d) => Some(d),
            Err(e) => {
                let flag = format!("--unknown \"{v}\"");
                self.problem(cols, row, field, e).hint(format!(
                    "write it as YYYY-MM-DD; if the value means the date is not known, say so with {flag}"
                ));
                None
            }
        }
    }

    /// A date every row needs.
    fn required_date(
        &mut self,
        cols: &Columns<'a>,
        row: &'a Row,
        field: &'static str,
    ) -> Option<Date> {
        match self.cell(cols, row, field) {
            Cell::Value(_) => self.date(cols, row, field),
            _ => self.required(cols, row, field).and(None),
        }
    }

    fn list(&mut self, cols: &Columns<'a>, row: &'a Row, field: &'static str) -> Vec<String> {
        self.cell(cols, row, field)
            .value()
            .map(|v| {
                v.split(LIST_SEPARATOR)
                    .map(str::trim)
                    .filter(|s| !s.is_empty() && !self.settings.unknowns.is_unknown(s))
                    .map(str::to_string)
                    .collect()
            })
            .unwrap_or_default()
    }

    fn url(&mut self, cols: &Columns<'a>, row: &'a Row, field: &'static str) -> Option<String> {
        let v = self.cell(cols, row, field).value()?;
        if is_web_url(v) {
            Some(v.to_string())
        } else {
            self.problem(cols, row, field, format!("`{v}` is not a web address"))
                .hint("give a full http:// or https:// address");
            None
        }
    }

    fn status(
        &mut self,
        ledger: &Ledger,
        cols: &Columns<'a>,
        row: &'a Row,
        field: &'static str,
    ) -> Option<String> {
        let v = self.cell(cols, row, field).value()?;
        let n = value::normal(v);
        if let Some(s) = self.settings.status_map.get(&n) {
            return Some(s.clone());
        }
        let found = ledger
            .vocabulary
            .statuses()
            .iter()
            .find(|s| s.key == v || value::normal(&s.key) == n || value::normal(&s.label) == n);
        if let Some(s) = found {
            return Some(s.key.clone());
        }
        let keys = ledger.vocabulary.keys().join(", ");
        self.problem(
            cols,
            row,
            field,
            format!("`{v}` is not a status of this ledger"),
        )
        .hint(format!(
            "say which status it means with --status-map \"{v}=STATUS\"; the statuses are: {keys}"
        ));
        None
    }

    fn kind(&mut self, cols: &Columns<'a>, row: &'a Row) -> Option<EvidenceKind> {
        let v = self.cell(cols, row, "kind").value()?;
        let n = value::normal(v);
        if let Some(k) = self.settings.kind_map.get(&n) {
            return Some(*k);
        }
        if let Some(k) = EvidenceKind::parse(&n.replace([' ', '_'], "-")) {
            return Some(k);
        }
        self.problem(cols, row, "kind", format!("`{v}` is not an evidence kind"))
            .hint(format!(
                "say which kind it is with --kind-map \"{v}=KIND\"; the kinds are: {}",
                EvidenceKind::keys()
            ));
        None
    }

    /// A commitment or evidence id: a slug as it is, or made into one ("H01" → "h01").
    fn id(
        &mut self,
        cols: &Columns<'a>,
        row: &'a Row,
        field: &'static str,
        renamed: &mut BTreeMap<String, String>,
    ) -> Option<String> {
        let v = self.cell(cols, row, field).value()?;
        if is_slug(v) {
            return Some(v.to_string());
        }
        let slug = slugify(v, 64);
        if slug.is_empty() {
            self.problem(cols, row, field, format!("`{v}` cannot be made into an id"))
                .hint("an id needs letters or digits");
            return None;
        }
        renamed.insert(v.to_string(), slug.clone());
        Some(slug)
    }
}

impl Columns<'_> {
    fn column_name(&self, field: &str) -> Option<String> {
        self.index
            .get(field)
            .map(|&i| self.table.headers[i].clone())
    }
}

/// Resolves which column each field comes from: `--map` first, then a column with the
/// field's own name. The events and evidence files find the commitment's id in a column named
/// `commitment`, else in the column the commitments file's id came from (`promise_id`), else
/// (events only) in `id`.
fn columns<'a>(
    kind: Kind,
    table: &'a Table,
    settings: &Settings,
    id_column: Option<&str>,
) -> Result<Columns<'a>, Problem> {
    let mut index = HashMap::new();
    for field in kind.fields() {
        if let Some(column) = settings.map.get(&(kind, field)) {
            let i = table.column(column).ok_or_else(|| {
                Problem::new(
                    &table.name,
                    None,
                    None,
                    format!(
                        "--map {}{field}={column}: there is no column `{column}`",
                        kind.prefix()
                    ),
                )
                .help(format!("its columns are: {}", table.headers.join(", ")))
            })?;
            index.insert(*field, i);
        } else if let Some(i) = table.column(field) {
            index.insert(*field, i);
        }
    }
    if kind != Kind::Commitments && !index.contains_key("commitment") {
        let fallback = id_column
            .and_then(|c| table.column(c))
            .or_else(|| (kind == Kind::Events).then(|| table.column("id")).flatten());
        if let Some(i) = fallback {
            index.insert("commitment", i);
        }
    }
    Ok(Columns { kind, table, index })
}

/// Something that must be in a file: a column, or a default for every row.
fn require_columns(cols: &Columns, settings: &Settings, fields: &[&'static str]) -> Vec<Problem> {
    fields
        .iter()
        .filter(|f| !cols.index.contains_key(*f) && !settings.defaults.contains_key(&(cols.kind, f)))
        .map(|f| {
            let p = cols.kind.prefix();
            Problem::new(
                &cols.table.name,
                None,
                None,
                format!("has no column for `{p}{f}`"),
            )
            .help(if *f == "id" || *f == "commitment" {
                format!(
                    "name the column with --map {p}{f}=COLUMN; the columns are: {}",
                    cols.table.headers.join(", ")
                )
            } else {
                format!(
                    "name the column with --map {p}{f}=COLUMN, or give one value for every row with --default {p}{f}=VALUE; the columns are: {}",
                    cols.table.headers.join(", ")
                )
            })
        })
        .collect()
}

/// A commitment read from a row, before its history is put together.
struct NewCommitment {
    row: usize,
    /// Its place in the file's rows.
    index: usize,
    commitment: Commitment,
    /// The status the row gives, its date, and its column names for problems.
    status: Option<(String, Option<Date>)>,
    note: Option<String>,
}

/// An event read from a row of the events file (or made from a commitment row's status).
struct RowEvent {
    file: String,
    row: usize,
    date_column: Option<String>,
    /// The first status a new commitment is given on its made date: not from any row.
    automatic: bool,
    /// The row's own note; the event's note adds where it came from.
    note: Option<String>,
    event: Event,
}

/// Works out what importing `tables` into `ledger` would add. Every problem in every file is
/// reported together; if there is any, nothing is to be written.
pub fn plan(ledger: &Ledger, tables: &Tables, settings: &Settings) -> Result<Plan, Vec<Problem>> {
    let mut p = Planner::new(ledger, tables, settings)?;
    p.read_commitments();
    let mut evidence_for = p.read_evidence();
    let mut events_for = p.read_events();
    let mut targets: Vec<Target> = evidence_for
        .keys()
        .chain(events_for.keys())
        .copied()
        .chain((0..p.new.len()).map(Target::New))
        .collect();
    targets.sort();
    targets.dedup();
    for t in targets {
        let (evidence, taken) = p.name_evidence(t, evidence_for.remove(&t).unwrap_or_default());
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

/// Which commitment a row of the events or evidence file belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Target {
    /// One on a row of the commitments file (its place among the new ones).
    New(usize),
    /// One already in the ledger (its place there).
    Existing(usize),
}

/// An evidence row, read, waiting for its id to be settled.
struct EvidenceRow {
    row: usize,
    given_id: Option<String>,
    evidence: Evidence,
}

/// The state of one import as it is worked out, stage by stage.
struct Planner<'a> {
    ledger: &'a Ledger,
    settings: &'a Settings,
    r: Reader<'a>,
    plan: Plan,
    commitment_cols: Option<Columns<'a>>,
    event_cols: Option<Columns<'a>>,
    evidence_cols: Option<Columns<'a>>,
    /// The commitments file's name, for problems and notes ("" if there is none).
    commitments_file: String,
    new: Vec<NewCommitment>,
    new_ids: HashMap<String, usize>,
    renamed: BTreeMap<String, String>,
    renamed_evidence: BTreeMap<String, String>,
}

impl<'a> Planner<'a> {
    /// Settles which column holds which field in each file, and refuses a file that has no
    /// column (or default) for a field every row needs.
    fn new(
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
            (&event_cols, &["commitment", "date", "status"][..]),
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
        })
    }

    /// The commitments file: one new commitment a row; exact repeats once; the same id with
    /// other values, or an id the ledger has, is a problem.
    fn read_commitments(&mut self) {
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
        for (index, row) in cols.table.rows.iter().enumerate() {
            let Some(id) = r.id(cols, row, "id", &mut self.renamed) else {
                if !matches!(r.cell(cols, row, "id"), Cell::Value(_)) {
                    r.required(cols, row, "id");
                }
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
            if let Some(c) = read_commitment(r, self.ledger, cols, (index, row), id, &mut uuids) {
                self.new_ids.insert(c.commitment.id.clone(), self.new.len());
                self.new.push(c);
            }
        }
    }

    /// The commitment a row of the events or evidence file names: being imported, or already
    /// in the ledger. Ids are made into slugs the same way as in the commitments file.
    fn target(&mut self, cols: &Columns<'a>, row: &'a Row) -> Option<Target> {
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
    fn read_evidence(&mut self) -> HashMap<Target, Vec<EvidenceRow>> {
        let mut by_target: HashMap<Target, Vec<EvidenceRow>> = HashMap::new();
        let Some(cols) = self.evidence_cols.take() else {
            return by_target;
        };
        let mut seen: HashMap<(Target, Vec<String>), usize> = HashMap::new();
        for row in &cols.table.rows {
            let Some(t) = self.target(&cols, row) else {
                continue;
            };
            let Some((given_id, evidence)) =
                read_evidence(&mut self.r, &cols, row, &mut self.renamed_evidence)
            else {
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
    fn read_events(&mut self) -> HashMap<Target, Vec<RowEvent>> {
        let mut by_target: HashMap<Target, Vec<RowEvent>> = HashMap::new();
        let Some(cols) = self.event_cols.take() else {
            return by_target;
        };
        for row in &cols.table.rows {
            let Some(t) = self.target(&cols, row) else {
                continue;
            };
            let r = &mut self.r;
            let date = r.required_date(&cols, row, "date");
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
            let (Some(date), Some(status)) = (date, status) else {
                continue;
            };
            if date > self.settings.today {
                r.problem(
                    &cols,
                    row,
                    "date",
                    format!("{date} is in the future (today is {})", self.settings.today),
                )
                .hint("a status event records what has happened");
                continue;
            }
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

    fn name_of(&self, t: Target) -> (&str, Date, bool) {
        let c = match t {
            Target::New(i) => &self.new[i].commitment,
            Target::Existing(i) => &self.ledger.commitments[i],
        };
        (&c.id, c.made, c.source.is_some())
    }

    /// Settles the ids of a commitment's new evidence: as given, else made from the publisher
    /// and date as `commitments evidence` makes them. Returns the entries and every id the
    /// commitment will have.
    fn name_evidence(
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
                None => {
                    let base = crate::commands::evidence_id(
                        evidence.publisher.as_deref(),
                        &evidence.url,
                        evidence.published,
                    );
                    (1..)
                        .map(|n| {
                            if n == 1 {
                                base.clone()
                            } else {
                                format!("{base}-{n}")
                            }
                        })
                        .find(|id| !taken.contains(id))
                        .unwrap_or(base)
                }
            };
            taken.insert(id.clone());
            evidence.id = id;
            named.push(evidence);
        }
        (named, taken)
    }

    /// A new commitment's history before the events file: its first status on its made date,
    /// resting on its source if it has one, and the status its row states, if any.
    fn first_events(&mut self, t: Target) -> Vec<RowEvent> {
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
        let cols = self
            .commitment_cols
            .as_ref()
            .expect("a new commitment comes from the commitments file");
        let row = &cols.table.rows[n.index];
        let problem = match since {
            None if *status != first => Some((
                format!("the status `{status}` has no date"),
                Some(
                    "say from when with --map since=COLUMN, or --default since=DATE for every row",
                ),
            )),
            Some(d) if *d < c.made => Some((
                format!(
                    "the status date {d} is before the commitment was made ({})",
                    c.made
                ),
                None,
            )),
            Some(d) if *d > self.settings.today => Some((
                format!("{d} is in the future (today is {})", self.settings.today),
                None,
            )),
            _ => None,
        };
        if let Some((message, help)) = problem {
            let p = self.r.problem(cols, row, "since", message);
            if let Some(h) = help {
                p.hint(h);
            }
        } else if let Some(d) = since
            && (*status != first || *d != c.made)
        {
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
    fn add_events(
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
    fn record(&mut self, t: Target, evidence: Vec<Evidence>, history: Vec<RowEvent>) {
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
    fn finish(mut self) -> Result<Plan, Vec<Problem>> {
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

/// The note on an imported event says where it came from, so a reader can trace it.
fn provenance(note: Option<&str>, file: &str, row: usize, cites: bool) -> String {
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

/// What makes two evidence rows the same entry.
fn fingerprint(e: &Evidence, given_id: &Option<String>) -> Vec<String> {
    vec![
        given_id.clone().unwrap_or_default(),
        e.title.clone(),
        e.url.clone(),
        e.publisher.clone().unwrap_or_default(),
        e.published.map(|d| d.to_string()).unwrap_or_default(),
        e.kind.map(|k| k.key().to_string()).unwrap_or_default(),
        e.quote.clone().unwrap_or_default(),
    ]
}

fn read_commitment<'a>(
    r: &mut Reader<'a>,
    ledger: &Ledger,
    cols: &Columns<'a>,
    (index, row): (usize, &'a Row),
    id: String,
    uuids: &mut HashMap<Uuid, String>,
) -> Option<NewCommitment> {
    let problems_before = r.problems.len();
    let uuid = match r.cell(cols, row, "uuid").value() {
        None => Some(Uuid::new_v4()),
        Some(v) => match Uuid::parse_str(v) {
            Ok(u) => {
                if let Some(other) = uuids.get(&u) {
                    let other = other.clone();
                    r.problem(
                        cols,
                        row,
                        "uuid",
                        format!("{u} is already the UUID of `{other}`"),
                    )
                    .hint("UUIDs must be unique; leave the cell empty and one is assigned");
                }
                uuids.insert(u, id.clone());
                Some(u)
            }
            Err(_) => {
                r.problem(cols, row, "uuid", format!("`{v}` is not a UUID"))
                    .hint("leave the cell empty and one is assigned");
                None
            }
        },
    };
    let title = r.required(cols, row, "title");
    let owner = r.required(cols, row, "owner");
    let made = r.required_date(cols, row, "made");
    let due = r.date(cols, row, "due");
    if let (Some(m), Some(d)) = (made, due)
        && d < m
    {
        r.problem(
            cols,
            row,
            "due",
            format!("the due date {d} is before the made date {m}"),
        );
    }
    let status = r.status(ledger, cols, row, "status");
    let since = r.date(cols, row, "since");
    let funding = match (r.text(cols, row, "amount"), r.text(cols, row, "currency")) {
        (None, None) => None,
        (Some(a), Some(cur)) => {
            let amount = a
                .replace([',', '_', ' '], "")
                .parse::<f64>()
                .ok()
                .filter(|v| v.is_finite() && *v >= 0.0);
            let currency = cur.to_ascii_uppercase();
            let currency_ok =
                currency.len() == 3 && currency.bytes().all(|b| b.is_ascii_uppercase());
            if amount.is_none() {
                r.problem(cols, row, "amount", format!("`{a}` is not a plain amount"))
                    .hint("a number without currency signs, e.g. 3000000");
            }
            if !currency_ok {
                r.problem(
                    cols,
                    row,
                    "currency",
                    format!("`{cur}` is not an ISO 4217 code"),
                )
                .hint("three letters, e.g. GBP");
            }
            amount
                .filter(|_| currency_ok)
                .map(|amount| Funding { amount, currency })
        }
        (Some(_), None) => {
            r.problem(cols, row, "currency", "an amount needs its currency".into())
                .hint("e.g. --default currency=GBP");
            None
        }
        (None, Some(_)) => None,
    };
    let source_title = r.text(cols, row, "source_title");
    let source_url = r.url(cols, row, "source_url");
    let source_date = r.date(cols, row, "source_date");
    let source = match source_title {
        Some(title) => Some(Source {
            title,
            publisher: r.text(cols, row, "source_publisher"),
            date: source_date,
            url: source_url,
            locator: r.text(cols, row, "source_locator"),
            quote: r.text(cols, row, "source_quote"),
        }),
        None => {
            if source_url.is_some() {
                r.problem(cols, row, "source_title", "a source needs a title".into())
                    .hint("map a column with --map source_title=COLUMN, or --default source_title=TEXT");
            }
            None
        }
    };
    let partners = r.list(cols, row, "partners");
    let tags = r.list(cols, row, "tags");
    let note = r.text(cols, row, "note");
    if r.problems.len() > problems_before {
        return None;
    }
    Some(NewCommitment {
        row: row.number,
        index,
        status: status.map(|s| (s, since)),
        note,
        commitment: Commitment {
            id,
            uuid,
            title: title?,
            owner: owner?,
            partners,
            made: made?,
            due,
            tags,
            funding,
            source,
            evidence: vec![],
            history: vec![],
            gaps: vec![],
        },
    })
}

fn read_evidence<'a>(
    r: &mut Reader<'a>,
    cols: &Columns<'a>,
    row: &'a Row,
    renamed: &mut BTreeMap<String, String>,
) -> Option<(Option<String>, Evidence)> {
    let problems_before = r.problems.len();
    let given_id = r.id(cols, row, "id", renamed);
    let title = r.required(cols, row, "title");
    let url = match r.cell(cols, row, "url") {
        Cell::Value(_) => r.url(cols, row, "url"),
        _ => {
            r.required(cols, row, "url");
            None
        }
    };
    let published = r.date(cols, row, "published");
    let accessed = r.date(cols, row, "accessed");
    let kind = r.kind(cols, row);
    let publisher = r.text(cols, row, "publisher");
    let quote = r.text(cols, row, "quote");
    if r.problems.len() > problems_before {
        return None;
    }
    Some((
        given_id,
        Evidence {
            id: String::new(),
            title: title?,
            publisher,
            url: url?,
            published,
            accessed,
            kind,
            quote,
        },
    ))
}
