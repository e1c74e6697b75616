//! The commitments file's stage of an import: one new commitment a row, exact repeats once,
//! and the parents checked across the ledger and the file.

use std::collections::HashMap;

use uuid::Uuid;

use super::Row;
use super::cells::Cell;
use super::planner::Planner;
use super::read::read_commitment;
use crate::model::{Commitment, LinkError, link_errors};

impl<'a> Planner<'a> {
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
}
