//! Which column of a file each field is read from: `--map` first, then a column with the
//! field's own name; and the fields a file cannot do without.

use std::collections::HashMap;

use super::{Kind, Problem, Settings, Table};

/// Which column each field is read from, in one file.
pub(super) struct Columns<'a> {
    pub(super) kind: Kind,
    pub(super) table: &'a Table,
    pub(super) index: HashMap<&'static str, usize>,
    /// The team's own fields (`--map extra.NAME=COLUMN`) and their columns.
    pub(super) extra: Vec<(String, usize)>,
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
