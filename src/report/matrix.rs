//! `report --matrix`: one row per pledge (a collective pledge, or any commitment with
//! children), one column per party owning a child (`model::party`: "UK", "United Kingdom
//! (Home Office)" and "UK Government" are one column), each cell that child's status on the
//! date — the G7 Research Group's member × commitment table. Rows and columns end with a
//! summary: counts and the weighted average score (methodology §10, §11).

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use super::render::{Block, Document, Item, Palette, Report, Sheet, json, ledger_title};
use super::{ROLL_UP_RULE, StatusInfo, percent_text, round4, scale_note, score_text, statuses};
use crate::model::{Date, Family, Ledger, party, party_key};

/// What a collective pledge with no children says, in every format.
pub const NO_ACTION: &str = "no national action recorded";

/// What a row says whose children were all made after the date.
pub const NO_CHILD_YET: &str = "no child made by then";

pub struct Matrix<'a> {
    pub ledger: &'a Ledger,
    pub as_of: Date,
    /// The parties owning the children, alphabetically: the columns.
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
    /// Whether it is a collective pledge (tagged `collective`).
    pub collective: bool,
    /// By party (a column), the children of that party with their statuses.
    pub cells: BTreeMap<String, Vec<Cell>>,
    pub summary: Summary,
    /// `no national action recorded` for a collective pledge no child of which had been made
    /// by the date; `no child made by then` for another parent.
    pub note: Option<&'static str>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Cell {
    pub id: String,
    /// The child's owner as written (the column is its party).
    pub owner: String,
    pub status: String,
    pub status_label: String,
    pub weight: f64,
    /// The day the child was retired, when it was by the date (shown only when asked for).
    pub retired: Option<Date>,
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
        // Columns by party; each shown as the first child's owner names it.
        let mut by_owner: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        let mut shown: HashMap<String, String> = HashMap::new();
        let mut rows = Vec::new();
        for p in ledger.tree() {
            let c = &ledger.commitments[p.index];
            let collective = c.is_collective();
            if kids[p.index].is_empty() && !collective {
                continue;
            }
            let own = c.status_as_of(as_of);
            let mut cells: BTreeMap<String, Vec<Cell>> = BTreeMap::new();
            for &k in &kids[p.index] {
                let child = &ledger.commitments[k];
                let Some(s) = child.status_as_of(as_of) else {
                    continue;
                };
                let key = party_key(&child.owner);
                let column = shown
                    .entry(key.clone())
                    .or_insert_with(|| party(&child.owner))
                    .clone();
                by_owner.entry(key).or_default().push(k);
                cells.entry(column).or_default().push(Cell {
                    id: child.id.clone(),
                    owner: child.owner.clone(),
                    status: s.status.to_string(),
                    status_label: v.label(s.status).to_string(),
                    weight: child.weight(),
                    retired: child
                        .retired
                        .as_ref()
                        .map(|r| r.date)
                        .filter(|d| *d <= as_of),
                });
            }
            if own.is_none() && cells.is_empty() {
                continue;
            }
            let f = ledger.family_of(&kids[p.index], as_of);
            let note = match (f.children, collective) {
                (0, true) => Some(NO_ACTION),
                (0, false) => Some(NO_CHILD_YET),
                _ => None,
            };
            rows.push(MatrixRow {
                id: c.id.clone(),
                title: c.title.clone(),
                status: own.map(|s| s.status.to_string()),
                collective,
                note,
                summary: summary(&c.id, f),
                cells,
            });
        }
        let mut keys: Vec<&String> = by_owner.keys().collect();
        keys.sort_by_key(|k| (shown[*k].to_lowercase(), shown[*k].clone()));
        let owners: Vec<String> = keys.iter().map(|k| shown[*k].clone()).collect();
        let columns = keys
            .iter()
            .map(|k| summary(&shown[*k], ledger.family_of(&by_owner[*k], as_of)))
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
    fn summary_text(&self, s: &Summary, note: Option<&str>) -> String {
        if s.children == 0 {
            return note.unwrap_or(NO_ACTION).to_string();
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
        let retired = |c: &Cell| if c.retired.is_some() { "; retired" } else { "" };
        match cells.map(Vec::as_slice) {
            None | Some([]) => Item::text(""),
            Some([one]) if one.retired.is_none() => palette.item(&one.status, ""),
            Some(many) => Item::text(
                many.iter()
                    .map(|c| format!("{} ({}{})", c.status_label, c.id, retired(c)))
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
                cells.push(Item::text(self.summary_text(&r.summary, r.note)));
                cells
            })
            .collect();
        if !self.owners.is_empty() {
            let mut all = vec![Item::text("By owner")];
            all.extend(
                self.columns
                    .iter()
                    .map(|s| Item::text(self.summary_text(s, None))),
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
            "One row per pledge (a collective pledge, tagged collective, or any commitment with children), one column per party owning a child: owners written differently that name the same party (\"UK\", \"United Kingdom (Home Office)\", \"UK Government\") share a column, and a joint owner (\"United Kingdom and France\") has its own. Each cell is that child's status on {}. A collective pledge with no children made by then shows \"{NO_ACTION}\". Each row and column ends with its children's counts and average score. {ROLL_UP_RULE}",
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
                                    .map(|c| match c.retired {
                                        Some(_) => format!("{} (retired)", c.status),
                                        None => c.status.clone(),
                                    })
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
