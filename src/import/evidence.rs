//! The evidence file's stage of an import: its rows by commitment, and the ids of each
//! commitment's new evidence settled.

use std::collections::{HashMap, HashSet};

use super::Problem;
use super::planner::{EvidenceRow, Planner, Target};
use super::read::{fingerprint, read_evidence};
use crate::model::{Evidence, SOURCE_REF, evidence_id, free_id};

impl<'a> Planner<'a> {
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
}
