//! Reading one cell of a row as the field it is mapped to (text, a date, a list, a web address,
//! a status, an evidence kind, an id), with defaults and markers of unknown applied, and every
//! problem recorded against its row and column.

use std::collections::{BTreeMap, HashSet};

use super::columns::Columns;
use super::{LIST_SEPARATOR, Problem, Row, Settings, read_date, value};
use crate::model::{Date, EvidenceKind, Ledger, has_happened, is_slug, is_web_url, slugify};

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
