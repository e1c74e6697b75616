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
            if !raw.trim().is_empty() {
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
    let mut r = Reader {
        settings,
        problems: Vec::new(),
        unknown: BTreeMap::new(),
    };
    let mut plan = Plan::default();
    let mut renamed = BTreeMap::new();
    let mut renamed_evidence = BTreeMap::new();

    let commitment_cols = match tables.commitments.as_ref() {
        Some(t) => Some(columns(Kind::Commitments, t, settings, None).map_err(|p| vec![p])?),
        None => None,
    };
    let id_column = commitment_cols.as_ref().and_then(|c| c.column_name("id"));
    let mut file_columns = Vec::new();
    for kind in [Kind::Events, Kind::Evidence] {
        if let Some(t) = tables.get(kind) {
            file_columns
                .push(columns(kind, t, settings, id_column.as_deref()).map_err(|p| vec![p])?);
        }
    }
    let (event_cols, evidence_cols) = {
        let mut ev = None;
        let mut ed = None;
        for c in file_columns {
            match c.kind {
                Kind::Events => ev = Some(c),
                _ => ed = Some(c),
            }
        }
        (ev, ed)
    };
    let mut missing = Vec::new();
    if let Some(c) = &commitment_cols {
        missing.extend(require_columns(
            c,
            settings,
            &["id", "title", "owner", "made"],
        ));
    }
    if let Some(c) = &event_cols {
        missing.extend(require_columns(
            c,
            settings,
            &["commitment", "date", "status"],
        ));
    }
    if let Some(c) = &evidence_cols {
        missing.extend(require_columns(
            c,
            settings,
            &["commitment", "title", "url"],
        ));
    }
    if !missing.is_empty() {
        return Err(missing);
    }
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

    // Commitments.
    let mut new: Vec<NewCommitment> = Vec::new();
    let mut seen_rows: HashMap<String, &Row> = HashMap::new();
    let mut uuids: HashMap<Uuid, String> = ledger
        .commitments
        .iter()
        .filter_map(|c| c.uuid.map(|u| (u, c.id.clone())))
        .collect();
    if let Some(cols) = &commitment_cols {
        for (index, row) in cols.table.rows.iter().enumerate() {
            let Some(id) = r.id(cols, row, "id", &mut renamed) else {
                if matches!(r.cell(cols, row, "id"), Cell::Unknown | Cell::Absent) {
                    r.required(cols, row, "id");
                }
                continue;
            };
            if let Some(first) = seen_rows.get(&id) {
                if first.cells == row.cells {
                    plan.notes.push(format!(
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
            if ledger.commitments.iter().any(|c| c.id == id) {
                r.problem(
                    cols,
                    row,
                    "id",
                    format!("the ledger already has a commitment `{id}`"),
                )
                .hint("import adds new commitments only; remove the row, or give it another id");
                continue;
            }
            if let Some(c) = read_commitment(&mut r, ledger, cols, (index, row), id, &mut uuids) {
                new.push(c);
            }
        }
    }
    let new_ids: HashMap<String, usize> = new
        .iter()
        .enumerate()
        .map(|(i, c)| (c.commitment.id.clone(), i))
        .collect();

    // Which commitment a row of the events or evidence file belongs to: one being imported
    // (Ok(Left)) or one already in the ledger (Ok(Right)).
    let target = |r: &mut Reader<'_>, cols: &Columns, row: &Row, key: &str| -> Option<Target> {
        let slug = if is_slug(key) {
            key.to_string()
        } else {
            slugify(key, 64)
        };
        if let Some(&i) = new_ids.get(&slug) {
            return Some(Target::New(i));
        }
        if let Ok(i) = ledger.position(key).or_else(|_| ledger.position(&slug)) {
            return Some(Target::Existing(i));
        }
        r.problem(
            cols,
            row,
            "commitment",
            format!("no commitment has the id `{key}`"),
        )
        .hint(if tables.commitments.is_some() {
            "the id must be on a row of the commitments file or already in the ledger"
        } else {
            "the id must be one of the ledger's commitments (`commitments list`)"
        });
        None
    };

    // Evidence.
    let mut evidence_for: HashMap<Target, Vec<(usize, Option<String>, Evidence)>> = HashMap::new();
    if let Some(cols) = &evidence_cols {
        let mut seen: HashMap<(Target, Vec<String>), usize> = HashMap::new();
        for row in &cols.table.rows {
            let Some(key) = r.required(cols, row, "commitment") else {
                continue;
            };
            let Some(t) = target(&mut r, cols, row, &key) else {
                continue;
            };
            let Some((given_id, e)) = read_evidence(&mut r, cols, row, &mut renamed_evidence)
            else {
                continue;
            };
            let fingerprint = (t, fingerprint(&e, &given_id));
            if let Some(first) = seen.get(&fingerprint) {
                plan.notes.push(format!(
                    "{}: row {} repeats row {first} for the same commitment; imported once",
                    cols.table.name, row.number
                ));
                continue;
            }
            seen.insert(fingerprint, row.number);
            evidence_for
                .entry(t)
                .or_default()
                .push((row.number, given_id, e));
        }
    }

    // Events.
    let mut events_for: HashMap<Target, Vec<RowEvent>> = HashMap::new();
    if let Some(cols) = &event_cols {
        for row in &cols.table.rows {
            let Some(key) = r.required(cols, row, "commitment") else {
                continue;
            };
            let Some(t) = target(&mut r, cols, row, &key) else {
                continue;
            };
            let date = match r.cell(cols, row, "date") {
                Cell::Value(_) => r.date(cols, row, "date"),
                _ => {
                    r.required(cols, row, "date");
                    None
                }
            };
            let status = match r.cell(cols, row, "status") {
                Cell::Value(_) => r.status(ledger, cols, row, "status"),
                _ => {
                    r.required(cols, row, "status");
                    None
                }
            };
            let note = r.text(cols, row, "note");
            let cited: Vec<String> = r
                .list(cols, row, "evidence")
                .into_iter()
                .map(|id| if is_slug(&id) { id } else { slugify(&id, 64) })
                .collect();
            let recorded_by = r
                .text(cols, row, "recorded_by")
                .unwrap_or_else(|| settings.recorded_by.clone());
            let (Some(date), Some(status)) = (date, status) else {
                continue;
            };
            if date > settings.today {
                r.problem(
                    cols,
                    row,
                    "date",
                    format!("{date} is in the future (today is {})", settings.today),
                )
                .hint("a status event records what has happened");
                continue;
            }
            events_for.entry(t).or_default().push(RowEvent {
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
                    recorded_at: Some(settings.recorded_at),
                },
            });
        }
    }

    // Put each new commitment together: its evidence, then its history.
    let commitments_file = tables
        .commitments
        .as_ref()
        .map_or("", |t| t.name.as_str())
        .to_string();
    let mut targets: Vec<Target> = evidence_for
        .keys()
        .chain(events_for.keys())
        .copied()
        .collect();
    targets.extend((0..new.len()).map(Target::New));
    targets.sort();
    targets.dedup();
    for t in targets {
        let (existing_evidence, made, has_source, name): (Vec<String>, Date, bool, String) = match t
        {
            Target::New(i) => {
                let c = &new[i].commitment;
                (Vec::new(), c.made, c.source.is_some(), c.id.clone())
            }
            Target::Existing(i) => {
                let c = &ledger.commitments[i];
                (
                    c.evidence.iter().map(|e| e.id.clone()).collect(),
                    c.made,
                    c.source.is_some(),
                    c.id.clone(),
                )
            }
        };
        // Evidence ids: as given, else made from the publisher and date as `evidence` does.
        let mut taken: HashSet<String> = existing_evidence.iter().cloned().collect();
        let mut added_evidence = Vec::new();
        let evidence_file = evidence_cols
            .as_ref()
            .map(|c| c.table.name.clone())
            .unwrap_or_default();
        for (row, given, mut e) in evidence_for.remove(&t).unwrap_or_default() {
            let id = match given {
                Some(id) if taken.contains(&id) || id == SOURCE_REF => {
                    r.problems.push(
                        Problem::new(&evidence_file, Some(row), evidence_cols.as_ref().and_then(|c| c.column_name("id")).as_deref(),
                            format!("`{name}` already has evidence with the id `{id}`"))
                            .help("evidence ids must be unique within a commitment (and `source` is reserved)"),
                    );
                    continue;
                }
                Some(id) => id,
                None => {
                    let base =
                        crate::commands::evidence_id(e.publisher.as_deref(), &e.url, e.published);
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
            e.id = id;
            added_evidence.push(e);
        }
        // History: the commitment row's first status and the status it states, then the
        // events file's rows. The same status on the same day from two places is one event.
        let mut history: Vec<RowEvent> = Vec::new();
        if let Target::New(i) = t {
            let n = &new[i];
            let c = &n.commitment;
            let first = ledger.vocabulary.initial().key.clone();
            history.push(RowEvent {
                file: commitments_file.clone(),
                row: n.row,
                date_column: None,
                automatic: true,
                note: None,
                event: Event {
                    date: c.made,
                    status: first.clone(),
                    note: (!has_source).then(|| {
                        format!(
                            "Imported from {commitments_file}, row {}, which names no source document.",
                            n.row
                        )
                    }),
                    evidence: if has_source { vec![SOURCE_REF.into()] } else { vec![] },
                    unsourced: !has_source,
                    recorded_by: Some(settings.recorded_by.clone()),
                    recorded_at: Some(settings.recorded_at),
                },
            });
            if let Some((status, since)) = &n.status {
                let cols = commitment_cols
                    .as_ref()
                    .expect("a new commitment has a file");
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
                    Some(d) if *d > settings.today => Some((
                        format!("{d} is in the future (today is {})", settings.today),
                        None,
                    )),
                    _ => None,
                };
                if let Some((message, help)) = problem {
                    let p = r.problem(cols, row, "since", message);
                    if let Some(h) = help {
                        p.hint(h);
                    }
                } else if let Some(d) = since
                    && (*status != first || *d != c.made)
                {
                    history.push(RowEvent {
                        file: commitments_file.clone(),
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
                            recorded_by: Some(settings.recorded_by.clone()),
                            recorded_at: Some(settings.recorded_at),
                        },
                    });
                }
            }
        }
        let mut from_file = events_for.remove(&t).unwrap_or_default();
        from_file.sort_by_key(|e| (e.event.date, e.row));
        let evidence_column = event_cols.as_ref().and_then(|c| c.column_name("evidence"));
        for re in from_file {
            let e = &re.event;
            if e.date < made {
                r.problems.push(
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
                if !(taken.contains(cited) || (cited == SOURCE_REF && has_source)) {
                    r.problems.push(
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
                && ledger.commitments[i]
                    .history
                    .iter()
                    .any(|h| h.date == e.date && h.status == e.status)
            {
                plan.notes.push(format!(
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
                r.problems.push(
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
        for h in &mut history {
            if !h.automatic {
                h.event.unsourced = h.event.evidence.is_empty();
                h.event.note = Some(provenance(
                    h.note.as_deref(),
                    &h.file,
                    h.row,
                    !h.event.evidence.is_empty(),
                ));
            }
        }
        let added_events: Vec<Event> = match t {
            Target::Existing(_) => history.iter().map(|h| h.event.clone()).collect(),
            Target::New(_) => Vec::new(),
        };
        history.sort_by_key(|h| h.event.date);
        match t {
            Target::New(i) => {
                let c = &mut new[i].commitment;
                plan.evidence += added_evidence.len();
                plan.events += history.len();
                c.evidence = added_evidence;
                c.history = history.into_iter().map(|h| h.event).collect();
            }
            Target::Existing(i) => {
                plan.evidence += added_evidence.len();
                plan.events += added_events.len();
                for evidence in added_evidence {
                    plan.edits.push(Edit::AddEvidence {
                        commitment: i,
                        evidence,
                    });
                }
                for event in added_events {
                    plan.edits.push(Edit::AddEvent {
                        commitment: i,
                        event,
                    });
                }
            }
        }
    }
    plan.new_commitments = new.len();
    let additions: Vec<Edit> = std::mem::take(&mut plan.edits);
    plan.edits = new
        .into_iter()
        .map(|n| Edit::AddCommitment(Box::new(n.commitment)))
        .chain(additions)
        .collect();

    for (what, renamed) in [("commitment", &renamed), ("evidence", &renamed_evidence)] {
        if renamed.is_empty() {
            continue;
        }
        let shown: Vec<String> = renamed
            .iter()
            .take(5)
            .map(|(a, b)| format!("{a} → {b}"))
            .collect();
        let more = renamed.len().saturating_sub(shown.len());
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
    for ((file, column), (n, markers)) in &r.unknown {
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
    if r.problems.is_empty() {
        Ok(plan)
    } else {
        r.problems.sort_by(|a, b| {
            (a.file != commitments_file, &a.file, a.row).cmp(&(
                b.file != commitments_file,
                &b.file,
                b.row,
            ))
        });
        Err(r.problems)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Target {
    New(usize),
    Existing(usize),
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
    let made = match r.cell(cols, row, "made") {
        Cell::Value(_) => r.date(cols, row, "made"),
        _ => {
            r.required(cols, row, "made");
            None
        }
    };
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
