//! `report --matrix`: one row per pledge (a commitment with children, or with no parent),
//! one column per owner of the children, each cell that child's status on the date — the
//! G7 Research Group's member × commitment table. Rows and columns end with a summary:
//! counts and the weighted average score (methodology §10, §11).

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use super::render::{Block, Document, Item, Palette, Report, Sheet, json, ledger_title};
use super::{ROLL_UP_RULE, StatusInfo, percent_text, round4, scale_note, score_text, statuses};
use crate::model::{Date, Family, Ledger};

/// What a row with no children says, in every format.
pub const NO_ACTION: &str = "no national action recorded";

pub struct Matrix<'a> {
    pub ledger: &'a Ledger,
    pub as_of: Date,
    /// The owners of the children, alphabetically: the columns.
    pub owners: Vec<String>,
    pub rows: Vec<MatrixRow>,
    /// One per owner, in the order of `owners`.
    pub columns: Vec<Summary>,
}

/// One pledge. Field names are the JSON output's (docs/reports.md).
#[derive(Debug, Clone, Serialize)]
pub struct MatrixRow {
    pub id: String,
    pub title: String,
    /// The pledge's own status on the date, as recorded.
    pub status: Option<String>,
    /// By owner, the children of that owner with their statuses.
    pub cells: BTreeMap<String, Vec<Cell>>,
    pub summary: Summary,
    /// `no national action recorded` when no child had been made by the date.
    pub note: Option<&'static str>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Cell {
    pub id: String,
    pub status: String,
    pub status_label: String,
    pub weight: f64,
}

/// Counts and the weighted average score of a row's or a column's children.
#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    /// The owner, for a column; the pledge's id, for a row.
    pub of: String,
    pub children: usize,
    pub counts: BTreeMap<String, usize>,
    pub average_score: Option<f64>,
    pub percent: Option<f64>,
}

impl<'a> Matrix<'a> {
    pub fn new(ledger: &'a Ledger, as_of: Date) -> Self {
        let v = &ledger.vocabulary;
        let index: HashMap<&str, usize> = ledger
            .commitments
            .iter()
            .enumerate()
            .map(|(i, c)| (c.id.as_str(), i))
            .collect();
        let mut kids: Vec<Vec<usize>> = vec![Vec::new(); ledger.commitments.len()];
        for (i, c) in ledger.commitments.iter().enumerate() {
            if let Some(&p) = c.parent.as_deref().and_then(|p| index.get(p)) {
                kids[p].push(i);
            }
        }
        let summary = |of: &str, f: Family| {
            let mut counts: BTreeMap<String, usize> =
                v.keys().into_iter().map(|k| (k.to_string(), 0)).collect();
            counts.extend(f.counts);
            Summary {
                of: of.to_string(),
                children: f.children,
                counts,
                average_score: f.average_score.map(round4),
                percent: f.average_score.and_then(|a| v.percent(a)).map(round4),
            }
        };
        let mut by_owner: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        let mut rows = Vec::new();
        for p in ledger.tree() {
            let c = &ledger.commitments[p.index];
            if c.parent.is_some() && kids[p.index].is_empty() {
                continue;
            }
            let own = c.status_as_of(as_of);
            let mut cells: BTreeMap<String, Vec<Cell>> = BTreeMap::new();
            for &k in &kids[p.index] {
                let child = &ledger.commitments[k];
                let Some(s) = child.status_as_of(as_of) else {
                    continue;
                };
                by_owner.entry(child.owner.clone()).or_default().push(k);
                cells.entry(child.owner.clone()).or_default().push(Cell {
                    id: child.id.clone(),
                    status: s.status.to_string(),
                    status_label: v.label(s.status).to_string(),
                    weight: child.weight(),
                });
            }
            if own.is_none() && cells.is_empty() {
                continue;
            }
            let f = ledger.family_of(&kids[p.index], as_of);
            rows.push(MatrixRow {
                id: c.id.clone(),
                title: c.title.clone(),
                status: own.map(|s| s.status.to_string()),
                note: (f.children == 0).then_some(NO_ACTION),
                summary: summary(&c.id, f),
                cells,
            });
        }
        let mut owners: Vec<String> = by_owner.keys().cloned().collect();
        owners.sort_by_key(|o| (o.to_lowercase(), o.clone()));
        let columns = owners
            .iter()
            .map(|o| summary(o, ledger.family_of(&by_owner[o], as_of)))
            .collect();
        Matrix {
            ledger,
            as_of,
            owners,
            rows,
            columns,
        }
    }

    /// "2: 1 delivered, 1 in progress; average 0.75".
    fn summary_text(&self, s: &Summary) -> String {
        if s.children == 0 {
            return NO_ACTION.to_string();
        }
        let counts: Vec<String> = self
            .ledger
            .vocabulary
            .statuses()
            .iter()
            .filter_map(|st| {
                let n = s.counts.get(&st.key).copied().unwrap_or(0);
                (n > 0).then(|| format!("{n} {}", st.label.to_lowercase()))
            })
            .collect();
        let mut text = format!("{}: {}", s.children, counts.join(", "));
        if let Some(a) = s.average_score {
            text.push_str(&format!("\naverage {}", score_text(a)));
            if let Some(p) = s.percent {
                text.push_str(&format!(" ({})", percent_text(p)));
            }
        }
        text
    }

    fn cell(&self, cells: Option<&Vec<Cell>>, palette: &Palette) -> Item {
        match cells.map(Vec::as_slice) {
            None | Some([]) => Item::text(""),
            Some([one]) => palette.item(&one.status, ""),
            Some(many) => Item::text(
                many.iter()
                    .map(|c| format!("{} ({})", c.status_label, c.id))
                    .collect::<Vec<_>>()
                    .join("\n"),
            ),
        }
    }
}

#[derive(Serialize)]
struct MatrixJson<'a> {
    report: &'static str,
    ledger: Option<&'a str>,
    as_of: Date,
    rule: &'static str,
    statuses: Vec<StatusInfo>,
    owners: &'a [String],
    rows: &'a [MatrixRow],
    columns: &'a [Summary],
}

impl Report for Matrix<'_> {
    fn document(&self, _page: bool) -> Document {
        let palette = Palette::new(&self.ledger.vocabulary);
        let mut headers = vec!["Commitment".to_string()];
        headers.extend(self.owners.iter().cloned());
        headers.push("Children".into());
        let mut rows: Vec<Vec<Item>> = self
            .rows
            .iter()
            .map(|r| {
                let own = r
                    .status
                    .as_deref()
                    .map(|s| self.ledger.vocabulary.label(s).to_string())
                    .unwrap_or_else(|| "not yet made".into());
                let mut cells = vec![Item::text(format!(
                    "{}\n{}\nown status: {own}",
                    r.id, r.title
                ))];
                cells.extend(
                    self.owners
                        .iter()
                        .map(|o| self.cell(r.cells.get(o), &palette)),
                );
                cells.push(Item::text(self.summary_text(&r.summary)));
                cells
            })
            .collect();
        if !self.owners.is_empty() {
            let mut all = vec![Item::text("By owner")];
            all.extend(
                self.columns
                    .iter()
                    .map(|s| Item::text(self.summary_text(s))),
            );
            all.push(Item::text(""));
            rows.push(all);
        }
        let mut blocks = Vec::new();
        if self.rows.is_empty() {
            blocks.push(Block::Note("No commitments had been made by then.".into()));
        } else {
            blocks.push(Block::Table(Sheet {
                key_columns: 1,
                ids: true,
                headers,
                rows,
            }));
        }
        blocks.push(Block::Note(format!(
            "One row per pledge (a commitment with children, or with no parent), one column per owner of its children; each cell is that child's status on {}. A pledge with no children made by then shows \"{NO_ACTION}\". Each row and column ends with its children's counts and average score. {ROLL_UP_RULE}",
            self.as_of
        )));
        blocks.push(Block::Note(scale_note(self.ledger)));
        Document {
            title: ledger_title(self.ledger),
            subtitle: format!("Matrix by owner, as of {}", self.as_of),
            palette,
            blocks,
            language: self.ledger.language,
        }
    }

    /// One row per pledge, then `by owner`; a cell holds its children's status keys.
    fn sheet(&self) -> Sheet {
        let mut headers = vec!["id".to_string(), "title".to_string(), "status".to_string()];
        headers.extend(self.owners.iter().cloned());
        headers.extend(["children", "average_score", "percent", "note"].map(String::from));
        let number = |x: Option<f64>| Item::text(x.map(|x| x.to_string()).unwrap_or_default());
        let mut rows: Vec<Vec<Item>> = self
            .rows
            .iter()
            .map(|r| {
                let mut cells = vec![
                    Item::text(&r.id),
                    Item::text(&r.title),
                    Item::text(r.status.clone().unwrap_or_default()),
                ];
                cells.extend(self.owners.iter().map(|o| {
                    Item::text(
                        r.cells
                            .get(o)
                            .map(|cs| {
                                cs.iter()
                                    .map(|c| c.status.as_str())
                                    .collect::<Vec<_>>()
                                    .join("; ")
                            })
                            .unwrap_or_default(),
                    )
                }));
                cells.push(Item::text(r.summary.children.to_string()));
                cells.push(number(r.summary.average_score));
                cells.push(number(r.summary.percent));
                cells.push(Item::text(r.note.unwrap_or("")));
                cells
            })
            .collect();
        if !self.owners.is_empty() {
            let mut all = vec![Item::text("(by owner)"), Item::text(""), Item::text("")];
            all.extend(
                self.columns
                    .iter()
                    .map(|s| Item::text(number_text(s.average_score))),
            );
            all.push(Item::text(
                self.columns
                    .iter()
                    .map(|s| s.children)
                    .sum::<usize>()
                    .to_string(),
            ));
            all.extend([
                Item::text(""),
                Item::text(""),
                Item::text("each owner's column: the average score of its children"),
            ]);
            rows.push(all);
        }
        Sheet {
            key_columns: 0,
            ids: false,
            headers,
            rows,
        }
    }

    fn json(&self) -> String {
        json(&MatrixJson {
            report: "matrix",
            ledger: self.ledger.title.as_deref(),
            as_of: self.as_of,
            rule: ROLL_UP_RULE,
            statuses: statuses(self.ledger),
            owners: &self.owners,
            rows: &self.rows,
            columns: &self.columns,
        })
    }
}

fn number_text(x: Option<f64>) -> String {
    x.map(|x| x.to_string()).unwrap_or_default()
}
