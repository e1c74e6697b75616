//! `report --by parent`: each parent commitment beside the roll-up of its children — how
//! many there are, where they stand, and their weighted average score (methodology §10).
//! The parent's own status is shown as recorded; the roll-up never replaces it.

use std::collections::BTreeMap;

use serde::Serialize;

use super::render::{Block, Document, Item, Palette, Report, Sheet, json, ledger_title};
use super::{ROLL_UP_RULE, StatusInfo, percent_text, round4, scale_note, score_text, statuses};
use crate::model::{Date, Ledger};
use crate::tr;

pub struct ParentRollup<'a> {
    pub ledger: &'a Ledger,
    pub as_of: Date,
    pub parents: Vec<ParentRow>,
}

/// One parent. Field names are the JSON output's (docs/reports.md).
#[derive(Debug, Clone, Serialize)]
pub struct ParentRow {
    pub id: String,
    pub title: String,
    pub owner: String,
    /// The parent's own status on the date (None before it was made).
    pub status: Option<String>,
    pub status_label: Option<String>,
    /// Its direct children made by the date.
    pub children: usize,
    /// Children per status key, every status of the scale.
    pub counts: BTreeMap<String, usize>,
    /// The sum of the children's weights.
    pub weight: f64,
    /// Σ(weight × score) / Σ weight over the children.
    pub average_score: Option<f64>,
    pub percent: Option<f64>,
}

impl<'a> ParentRollup<'a> {
    /// Every commitment that has children, in tree order.
    pub fn new(ledger: &'a Ledger, as_of: Date) -> Self {
        let mut kids: Vec<Vec<usize>> = vec![Vec::new(); ledger.commitments.len()];
        let index: std::collections::HashMap<&str, usize> = ledger
            .commitments
            .iter()
            .enumerate()
            .map(|(i, c)| (c.id.as_str(), i))
            .collect();
        for (i, c) in ledger.commitments.iter().enumerate() {
            if let Some(&p) = c.parent.as_deref().and_then(|p| index.get(p)) {
                kids[p].push(i);
            }
        }
        let v = &ledger.vocabulary;
        let parents = ledger
            .tree()
            .into_iter()
            .filter(|p| !kids[p.index].is_empty())
            .filter_map(|p| {
                let c = &ledger.commitments[p.index];
                let own = c.status_as_of(as_of);
                let f = ledger.family_of(&kids[p.index], as_of);
                if own.is_none() && f.children == 0 {
                    return None;
                }
                let mut counts: BTreeMap<String, usize> =
                    v.keys().into_iter().map(|k| (k.to_string(), 0)).collect();
                for (k, n) in &f.counts {
                    counts.insert(k.clone(), *n);
                }
                Some(ParentRow {
                    id: c.id.clone(),
                    title: c.title.clone(),
                    owner: c.owner.clone(),
                    status: own.as_ref().map(|s| s.status.to_string()),
                    status_label: own.as_ref().map(|s| v.label(s.status).to_string()),
                    children: f.children,
                    counts,
                    weight: round4(f.weight),
                    average_score: f.average_score.map(round4),
                    percent: f.average_score.and_then(|a| v.percent(a)).map(round4),
                })
            })
            .collect();
        ParentRollup {
            ledger,
            as_of,
            parents,
        }
    }

    fn breakdown(&self, p: &ParentRow) -> String {
        self.ledger
            .vocabulary
            .statuses()
            .iter()
            .filter_map(|s| {
                let n = p.counts.get(&s.key).copied().unwrap_or(0);
                (n > 0).then(|| format!("{n} {}", s.label.to_lowercase()))
            })
            .collect::<Vec<_>>()
            .join("\n")
    }
}

#[derive(Serialize)]
struct ParentsJson<'a> {
    report: &'static str,
    ledger: Option<&'a str>,
    by: &'static str,
    as_of: Date,
    rule: &'static str,
    statuses: Vec<StatusInfo>,
    parents: &'a [ParentRow],
}

impl Report for ParentRollup<'_> {
    fn document(&self, _page: bool) -> Document {
        let palette = Palette::new(&self.ledger.vocabulary);
        let lang = self.ledger.language;
        let mut blocks = Vec::new();
        if self.parents.is_empty() {
            blocks.push(Block::Note(tr!(lang, "no-children")));
        } else {
            let rows = self
                .parents
                .iter()
                .map(|p| {
                    vec![
                        Item::text(format!("{}\n{}", p.id, p.title)),
                        match &p.status {
                            Some(s) => palette.item(s, ""),
                            None => Item::text(tr!(lang, "not-yet-made")),
                        },
                        Item::text(p.children.to_string()),
                        Item::text(self.breakdown(p)),
                        Item::text(format!("{}", p.weight)),
                        Item::text(p.average_score.map(score_text).unwrap_or_default()),
                        Item::text(p.percent.map(percent_text).unwrap_or_default()),
                    ]
                })
                .collect();
            blocks.push(Block::Table(Sheet {
                key_columns: 1,
                ids: true,
                headers: [
                    "parent",
                    "own-status",
                    "children",
                    "childrens-statuses",
                    "weight",
                    "average-score",
                    "progress",
                ]
                .map(|id| tr!(lang, id))
                .to_vec(),
                rows,
            }));
        }
        blocks.push(Block::Note(tr!(lang, "roll-up-rule")));
        blocks.push(Block::Note(scale_note(self.ledger)));
        Document {
            title: ledger_title(self.ledger),
            subtitle: tr!(lang, "by-parent-as-of", date = self.as_of),
            palette,
            blocks,
            language: lang,
        }
    }

    fn sheet(&self) -> Sheet {
        let keys = self.ledger.vocabulary.keys();
        let mut headers: Vec<String> = ["parent", "title", "owner", "status", "children"]
            .map(String::from)
            .to_vec();
        headers.extend(keys.iter().map(|k| k.to_string()));
        headers.extend(["weight", "average_score", "percent"].map(String::from));
        let number = |x: Option<f64>| Item::text(x.map(|x| x.to_string()).unwrap_or_default());
        let rows = self
            .parents
            .iter()
            .map(|p| {
                let mut cells = vec![
                    Item::text(&p.id),
                    Item::text(&p.title),
                    Item::text(&p.owner),
                    Item::text(p.status.clone().unwrap_or_default()),
                    Item::text(p.children.to_string()),
                ];
                cells.extend(
                    keys.iter()
                        .map(|k| Item::text(p.counts.get(*k).copied().unwrap_or(0).to_string())),
                );
                cells.push(number(Some(p.weight)));
                cells.push(number(p.average_score));
                cells.push(number(p.percent));
                cells
            })
            .collect();
        Sheet {
            key_columns: 0,
            ids: false,
            headers,
            rows,
        }
    }

    fn json(&self) -> String {
        json(&ParentsJson {
            report: "rollup",
            ledger: self.ledger.title.as_deref(),
            by: "parent",
            as_of: self.as_of,
            rule: ROLL_UP_RULE,
            statuses: statuses(self.ledger),
            parents: &self.parents,
        })
    }
}
