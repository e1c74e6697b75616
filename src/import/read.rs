//! Reading the cells of a row as the fields they are mapped to, with every problem recorded
//! against its row and column.

use std::collections::{BTreeMap, HashMap, HashSet};

use uuid::Uuid;

use super::{Kind, LIST_SEPARATOR, Problem, Row, Settings, Table, read_date, value};
use crate::model::{
    AmountError, Commitment, Date, Evidence, EvidenceKind, Funding, Ledger, Source, has_happened,
    is_currency_code, is_slug, is_web_url, read_amount, slugify,
};

/// Which column each field is read from, in one file.
pub(super) struct Columns<'a> {
    pub(super) kind: Kind,
    pub(super) table: &'a Table,
    pub(super) index: HashMap<&'static str, usize>,
    /// The team's own fields (`--map extra.NAME=COLUMN`) and their columns.
    pub(super) extra: Vec<(String, usize)>,
}

/// A cell, read.
pub(super) enum Cell<'a> {
    /// The file has no column for the field and no default was given.
    Absent,
    /// Empty, "Not available" or another marker of unknown, with no default to stand in.
    Unknown,
    Value(&'a str),
}

impl<'a> Cell<'a> {
    pub(super) fn value(&self) -> Option<&'a str> {
        match self {
            Cell::Value(v) => Some(v),
            _ => None,
        }
    }
}

pub(super) struct Reader<'a> {
    pub(super) settings: &'a Settings,
    pub(super) problems: Vec<Problem>,
    /// `(file, column) → how many cells were unknown`, and the markers seen.
    pub(super) unknown: BTreeMap<(String, String), (usize, Vec<String>)>,
    /// The cells already counted there (a cell may be looked at more than once).
    pub(super) counted: HashSet<(String, usize, usize)>,
}

impl<'a> Reader<'a> {
    pub(super) fn cell(
        &mut self,
        cols: &Columns<'a>,
        row: &'a Row,
        field: &'static str,
    ) -> Cell<'a> {
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

    pub(super) fn problem(
        &mut self,
        cols: &Columns,
        row: &Row,
        field: &str,
        message: String,
    ) -> &mut Problem {
        let column = cols.column_name(field);
        self.problems.push(Problem::new(
            &cols.table.name,
            Some(row.number),
            column.as_deref(),
            message,
        ));
        self.problems.last_mut().expect("just pushed")
    }

    pub(super) fn text(
        &mut self,
        cols: &Columns<'a>,
        row: &'a Row,
        field: &'static str,
    ) -> Option<String> {
        self.cell(cols, row, field).value().map(str::to_string)
    }

    pub(super) fn required(
        &mut self,
        cols: &Columns<'a>,
        row: &'a Row,
        field: &'static str,
    ) -> Option<String> {
        match self.cell(cols, row, field) {
            Cell::Value(v) => Some(v.to_string()),
            _ => {
                let default = format!("--default {}{field}=…", cols.kind.prefix());
                // Of the fields a row needs, `id` and `owner` take "an"; the rest ("a url"
                // included) take "a".
                let a = if field.starts_with(['i', 'o']) {
                    "an"
                } else {
                    "a"
                };
                self.problem(cols, row, field, format!("`{field}` is empty or unknown"))
                    .hint(format!(
                        "every row needs {a} {field}; fill it in, or give one for all rows with {default}"
                    ));
                None
            }
        }
    }

    pub(super) fn date(
        &mut self,
        cols: &Columns<'a>,
        row: &'a Row,
        field: &'static str,
    ) -> Option<Date> {
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

    /// Like the commands that add by hand, an import records only what has happened.
    pub(super) fn not_future(
        &mut self,
        cols: &Columns<'a>,
        row: &'a Row,
        field: &'static str,
        date: Option<Date>,
    ) {
        if let Some(Err(e)) = date.map(|d| has_happened(d, self.settings.today)) {
            self.problem(cols, row, field, e.to_string())
                .hint("the ledger records what has happened; check the date, or COMMITMENTS_TODAY");
        }
    }

    /// A date every row needs.
    pub(super) fn required_date(
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

    pub(super) fn list(
        &mut self,
        cols: &Columns<'a>,
        row: &'a Row,
        field: &'static str,
    ) -> Vec<String> {
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

    pub(super) fn url(
        &mut self,
        cols: &Columns<'a>,
        row: &'a Row,
        field: &'static str,
    ) -> Option<String> {
        let v = self.cell(cols, row, field).value()?;
        if is_web_url(v) {
            Some(v.to_string())
        } else {
            self.problem(cols, row, field, format!("`{v}` is not a web address"))
                .hint("give a full http:// or https:// address");
            None
        }
    }

    pub(super) fn status(
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
        if let Some(s) = ledger.vocabulary.find(v) {
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

    pub(super) fn kind(&mut self, cols: &Columns<'a>, row: &'a Row) -> Option<EvidenceKind> {
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
    pub(super) fn id(
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
    pub(super) fn column_name(&self, field: &str) -> Option<String> {
        self.index
            .get(field)
            .map(|&i| self.table.headers[i].clone())
    }
}

/// Resolves which column each field comes from: `--map` first, then a column with the
/// field's own name. The events and evidence files find the commitment's id in a column named
/// `commitment`, else in the column the commitments file's id came from (`promise_id`), else
/// (events only) in `id`.
pub(super) fn columns<'a>(
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
    // `report --format csv` writes the money by stage as of its date; read back, the amount
    // pledged is the commitment's `funding:` (the later stages are figures worked out from
    // funding events, which a status table does not carry).
    if kind == Kind::Commitments {
        for (field, column) in [("amount", "pledged"), ("currency", "funding_currency")] {
            if !index.contains_key(field)
                && let Some(i) = table.column(column)
            {
                index.insert(field, i);
            }
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
    let mut extra = Vec::new();
    if kind == Kind::Commitments {
        for (name, column) in &settings.extra {
            let i = table.column(column).ok_or_else(|| {
                Problem::new(
                    &table.name,
                    None,
                    None,
                    format!("--map extra.{name}={column}: there is no column `{column}`"),
                )
                .help(format!("its columns are: {}", table.headers.join(", ")))
            })?;
            extra.push((name.clone(), i));
        }
    }
    Ok(Columns {
        kind,
        table,
        index,
        extra,
    })
}

/// Something that must be in a file: a column, or a default for every row.
pub(super) fn require_columns(
    cols: &Columns,
    settings: &Settings,
    fields: &[&'static str],
) -> Vec<Problem> {
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
pub(super) struct NewCommitment {
    pub(super) row: usize,
    pub(super) commitment: Commitment,
    /// The status the row gives, its date, and its column names for problems.
    pub(super) status: Option<(String, Option<Date>)>,
    pub(super) note: Option<String>,
}

/// What makes two evidence rows the same entry.
pub(super) fn fingerprint(e: &Evidence, given_id: &Option<String>) -> Vec<String> {
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

/// The commitment on `row`, or None if any cell has a problem. Every cell is read, even when
/// the row's id is unusable (`id` is None), so that all of a row's problems are listed at once.
pub(super) fn read_commitment<'a>(
    r: &mut Reader<'a>,
    ledger: &Ledger,
    cols: &Columns<'a>,
    row: &'a Row,
    id: Option<String>,
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
                if let Some(id) = &id {
                    uuids.insert(u, id.clone());
                }
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
    r.not_future(cols, row, "made", made);
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
    // The status's date is checked here, with the rest of the row, rather than when the
    // history is put together (which only rows without problems reach), so that a row's
    // problems are all listed in one run.
    r.not_future(cols, row, "since", since);
    // A `since` that was given and could not be read is already a problem of its own.
    let since_given = matches!(r.cell(cols, row, "since"), Cell::Value(_));
    if let Some(s) = &status
        && !since_given
        && *s != ledger.vocabulary.initial().key
    {
        r.problem(cols, row, "since", format!("the status `{s}` has no date"))
            .hint("say from when with --map since=COLUMN, or --default since=DATE for every row");
    }
    if let (Some(d), Some(m)) = (since, made)
        && d < m
    {
        r.problem(
            cols,
            row,
            "since",
            format!("the status date {d} is before the commitment was made ({m})"),
        );
    }
    let funding = match (r.text(cols, row, "amount"), r.text(cols, row, "currency")) {
        (None, None) => None,
        (Some(a), Some(cur)) => {
            let amount = match read_amount(&a, r.settings.decimal_mark) {
                Ok(amount) => Some(amount),
                Err(e) => {
                    let hint = match e {
                        AmountError::NotAnAmount { .. } => {
                            "a number without currency signs, e.g. 3000000 or 4 500 000,00"
                        }
                        AmountError::Ambiguous { .. } => {
                            "say how the file writes numbers with --decimal-mark , (as in \
                             4 500 000,00) or --decimal-mark . (as in 4,500,000.00)"
                        }
                        AmountError::NotInConvention { .. } => {
                            "check the cell; if the file writes numbers the other way, change \
                             --decimal-mark"
                        }
                    };
                    r.problem(cols, row, "amount", e.to_string()).hint(hint);
                    None
                }
            };
            let currency = cur.to_ascii_uppercase();
            let currency_ok = is_currency_code(&currency);
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
    let description = r.text(cols, row, "description");
    let notes = r.text(cols, row, "notes");
    // Empty cells give no field; the others are kept as the cell has them.
    let extra: Vec<(String, String)> = cols
        .extra
        .iter()
        .filter_map(|(name, i)| {
            let v = row.cells.get(*i)?.trim();
            (!v.is_empty()).then(|| (name.clone(), v.to_string()))
        })
        .collect();
    // The parent's id made into a slug as the id column's are, so that `FR-01` names the
    // row whose id was `FR-01`; whether it exists is the planner's to check.
    let parent = r
        .cell(cols, row, "parent")
        .value()
        .map(|v| {
            if is_slug(v) {
                v.to_string()
            } else {
                slugify(v, 64)
            }
        })
        .filter(|p| !p.is_empty());
    let weight = match r.cell(cols, row, "weight").value() {
        None => None,
        Some(v) => match v.trim().parse::<f64>() {
            Ok(w) if w.is_finite() && w >= 0.0 => Some(w),
            _ => {
                r.problem(
                    cols,
                    row,
                    "weight",
                    format!("`{v}` is not a number of zero or more"),
                )
                .hint("e.g. 1 (the default), 2 or 0.5");
                None
            }
        },
    };
    if r.problems.len() > problems_before {
        return None;
    }
    Some(NewCommitment {
        row: row.number,
        status: status.map(|s| (s, since)),
        note,
        commitment: Commitment {
            id: id?,
            uuid,
            title: title?,
            owner: owner?,
            partners,
            made: made?,
            due,
            tags,
            funding,
            funding_history: Vec::new(),
            parent,
            weight,
            source,
            evidence: vec![],
            history: vec![],
            gaps: vec![],
            description,
            notes,
            extra,
            corrections: Vec::new(),
            retired: None,
            retractions: Vec::new(),
        },
    })
}

pub(super) fn read_evidence<'a>(
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
    r.not_future(cols, row, "published", published);
    r.not_future(cols, row, "accessed", accessed);
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
