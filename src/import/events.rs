//! The events file's stage of an import and each commitment's history: the first status a new
//! commitment is given, the events file's rows added in date order, checked against the
//! commitment's made date, its evidence and the other rows.

use std::collections::{HashMap, HashSet};

use super::cells::Cell;
use super::funding;
use super::planner::{Planner, RowEvent, Target};
use super::{Problem, provenance};
use crate::model::{Event, SOURCE_REF, has_happened, is_slug, slugify};

impl<'a> Planner<'a> {
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
}
