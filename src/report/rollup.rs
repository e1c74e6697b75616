//! `report --by owner|tag|status`: counts and the average progress score per group — "which
//! owners deliver". A commitment with several tags counts once under each of them.

use std::collections::BTreeMap;

use serde::Serialize;

use super::render::{Block, Document, Item, Palette, Report, Sheet, json, ledger_title};
use super::status::{flags_note, funding_cell, funding_note, number as money_number};
use super::{StatusInfo, StatusRow, percent_text, round4, scale_note, score_text, statuses};
use crate::model::{Date, FundingAsOf, Language, Ledger, Stage};
use crate::tr;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum By {
    Owner,
    Tag,
    Status,
    /// Each parent commitment with its children rolled up (report::family).
    Parent,
}

impl By {
    fn header(self) -> &'static str {
        match self {
            By::Owner => "Owner",
            By::Tag => "Tag",
            By::Status => "Status",
            By::Parent => "Parent",
        }
    }
}

pub struct Rollup<'a> {
    pub ledger: &'a Ledger,
    pub by: By,
    pub as_of: Date,
    pub stale_after: u32,
    pub groups: Vec<Group>,
    /// Every commitment together.
    pub all: Group,
    /// CSV: end with the `all` row (`--totals`). Off by default, so that every row of the
    /// sheet is one group and a spreadsheet's own sums are not doubled.
    pub totals: bool,
    /// How many retired commitments are counted (only when asked: `--include-retired`).
    pub retired: usize,
}

/// One group. Field names are the JSON output's (docs/reports.md).
#[derive(Debug, Clone, Serialize)]
pub struct Group {
    /// The owner, the tag, or the status key; `All commitments` for the total.
    pub group: String,
    pub commitments: usize,
    /// By status key, every status of the scale, zeros included.
    pub counts: BTreeMap<String, usize>,
    pub overdue: usize,
    pub stale: usize,
    pub average_score: Option<f64>,
    /// The average as a percentage of the scale (for the G7 scale, (average + 1) / 2).
    pub percent: Option<f64>,
    /// Per currency, each stage's amounts added up over the group's commitments that have
    /// one on record (None where none has); currencies are never added together.
    pub funding: Vec<FundingAsOf>,
}

/// Shown for commitments with no tag, in `--by tag`.
pub const NO_TAG: &str = "(no tag)";

impl<'a> Rollup<'a> {
    pub fn new(
        ledger: &'a Ledger,
        by: By,
        as_of: Date,
        stale_after: u32,
        rows: &[StatusRow],
    ) -> Self {
        let mut members: Vec<(String, Vec<&StatusRow>)> = Vec::new();
        let mut add = |key: &str, row| match members.iter_mut().find(|(k, _)| k == key) {
            Some((_, list)) => list.push(row),
            None => members.push((key.to_string(), vec![row])),
        };
        for r in rows {
            match by {
                By::Owner => add(&r.owner, r),
                By::Tag if r.tags.is_empty() => add(NO_TAG, r),
                By::Tag => r.tags.iter().for_each(|t| add(t, r)),
                By::Status | By::Parent => {}
            }
        }
        if by == By::Status {
            // Every status of the scale, in its order, even with nobody in it.
            for s in ledger.vocabulary.statuses() {
                members.push((
                    s.key.clone(),
                    rows.iter().filter(|r| r.status == s.key).collect(),
                ));
            }
        } else {
            members.sort_by_key(|(k, _)| (k == NO_TAG, k.to_lowercase(), k.clone()));
        }
        let groups = members
            .into_iter()
            .map(|(name, list)| group(ledger, name, &list))
            .collect();
        let all = group(
            ledger,
            "All commitments".into(),
            &rows.iter().collect::<Vec<_>>(),
        );
        Rollup {
            ledger,
            by,
            as_of,
            stale_after,
            groups,
            all,
            totals: false,
            retired: rows.iter().filter(|r| r.retired.is_some()).count(),
        }
    }

    /// The status breakdown is one cell of text ("6 announced, 2 in progress") rather than
    /// a column per status, so that the table fits a terminal; CSV and JSON have a number per
    /// status.
    fn row(&self, g: &Group, palette: &Palette) -> Vec<Item> {
        let lang = self.ledger.language;
        let mut cells = vec![
            match self.by {
                _ if std::ptr::eq(g, &self.all) => Item::text(tr!(lang, "all-commitments")),
                By::Status => palette.item(&g.group, ""),
                _ => Item::text(&g.group),
            },
            Item::text(g.commitments.to_string()),
        ];
        if self.by != By::Status {
            let breakdown: Vec<String> = self
                .ledger
                .vocabulary
                .statuses()
                .iter()
                .filter_map(|s| {
                    let n = g.counts.get(&s.key).copied().unwrap_or(0);
                    (n > 0).then(|| {
                        let label = if lang == Language::De {
                            s.label.clone()
                        } else {
                            s.label.to_lowercase()
                        };
                        tr!(lang, "status-count", n = n, status = label)
                    })
                })
                .collect();
            cells.push(Item::List(breakdown));
        }
        cells.extend([g.overdue, g.stale].map(|n| Item::text(n.to_string())));
        cells.push(Item::text(
            g.average_score.map(score_text).unwrap_or_default(),
        ));
        cells.push(Item::text(g.percent.map(percent_text).unwrap_or_default()));
        if self.money() {
            let lines: Vec<String> = g
                .funding
                .iter()
                .map(|f| funding_cell(Some(f), lang))
                .collect();
            cells.push(Item::text(lines.join("\n")));
        }
        cells
    }

    /// Whether any commitment counted has money on record: only then the funding columns.
    fn money(&self) -> bool {
        !self.all.funding.is_empty()
    }

    fn headers(&self) -> Vec<String> {
        let lang = self.ledger.language;
        let mut h = vec![
            tr!(lang, &self.by.header().to_lowercase()),
            tr!(lang, "commitments"),
        ];
        if self.by != By::Status {
            h.push(tr!(lang, "statuses"));
        }
        h.extend(["overdue", "stale", "average-score", "progress"].map(|id| tr!(lang, id)));
        if self.money() {
            h.push(tr!(lang, "funding"));
        }
        h
    }
}

fn group(ledger: &Ledger, name: String, rows: &[&StatusRow]) -> Group {
    let v = &ledger.vocabulary;
    let mut counts: BTreeMap<String, usize> =
        v.keys().into_iter().map(|k| (k.to_string(), 0)).collect();
    for r in rows {
        *counts.entry(r.status.clone()).or_default() += 1;
    }
    let scores: Vec<f64> = rows.iter().filter_map(|r| v.score(&r.status)).collect();
    let average = (!scores.is_empty()).then(|| scores.iter().sum::<f64>() / scores.len() as f64);
    Group {
        group: name,
        commitments: rows.len(),
        counts,
        overdue: rows.iter().filter(|r| r.overdue).count(),
        stale: rows.iter().filter(|r| r.stale).count(),
        average_score: average.map(round4),
        percent: average.and_then(|a| v.percent(a)).map(round4),
        funding: funding_totals(rows),
    }
}

/// Each stage added up per currency, currencies in alphabetical order.
fn funding_totals(rows: &[&StatusRow]) -> Vec<FundingAsOf> {
    let mut totals: BTreeMap<&str, FundingAsOf> = BTreeMap::new();
    for f in rows.iter().filter_map(|r| r.funding.as_ref()) {
        let t = totals
            .entry(f.currency.as_str())
            .or_insert_with(|| FundingAsOf {
                currency: f.currency.clone(),
                pledged: None,
                allocated: None,
                disbursed: None,
                spent: None,
            });
        for (slot, amount) in [
            (&mut t.pledged, f.pledged),
            (&mut t.allocated, f.allocated),
            (&mut t.disbursed, f.disbursed),
            (&mut t.spent, f.spent),
        ] {
            if let Some(a) = amount {
                *slot = Some(slot.unwrap_or(0.0) + a);
            }
        }
    }
    totals.into_values().collect()
}

/// The currencies any group has money in.
fn currencies(groups: &[&Group]) -> Vec<String> {
    let mut all: Vec<String> = groups
        .iter()
        .flat_map(|g| g.funding.iter().map(|f| f.currency.clone()))
        .collect();
    all.sort();
    all.dedup();
    all
}

#[derive(Serialize)]
struct RollupJson<'a> {
    report: &'static str,
    ledger: Option<&'a str>,
    by: By,
    as_of: Date,
    stale_after_days: u32,
    statuses: Vec<StatusInfo>,
    groups: &'a [Group],
    all: &'a Group,
}

impl Report for Rollup<'_> {
    fn document(&self, _page: bool) -> Document {
        let palette = Palette::new(&self.ledger.vocabulary);
        let lang = self.ledger.language;
        let mut rows: Vec<Vec<Item>> = self.groups.iter().map(|g| self.row(g, &palette)).collect();
        rows.push(self.row(&self.all, &palette));
        let mut notes = vec![tr!(lang, "average-note")];
        if self.by == By::Tag {
            notes.push(tr!(lang, "tag-note"));
        }
        if self.money() {
            notes.push(format!(
                "{} {}",
                funding_note(self.as_of, lang),
                tr!(lang, "group-funding-note")
            ));
        }
        notes.push(flags_note(self.stale_after, lang));
        if self.retired > 0 {
            notes.push(tr!(lang, "rollup-retired-note", n = self.retired));
        }
        notes.push(scale_note(self.ledger));
        let mut blocks = vec![Block::Table(Sheet {
            key_columns: 1,
            ids: false,
            headers: self.headers(),
            rows,
        })];
        blocks.extend(notes.into_iter().map(Block::Note));
        Document {
            title: ledger_title(self.ledger),
            subtitle: tr!(
                lang,
                &format!("by-{}-as-of", self.by.header().to_lowercase()),
                date = self.as_of
            ),
            palette,
            blocks,
            language: lang,
        }
    }

    fn sheet(&self) -> Sheet {
        let mut headers = vec![self.by.header().to_lowercase(), "commitments".to_string()];
        headers.extend(self.ledger.vocabulary.keys().into_iter().map(String::from));
        headers.extend(["overdue", "stale", "average_score", "percent"].map(String::from));
        let currencies = currencies(&[&self.all]);
        for cur in &currencies {
            headers.extend(Stage::all().iter().map(|s| format!("{}_{cur}", s.key())));
        }
        let number = |x: Option<f64>| Item::text(x.map(|x| x.to_string()).unwrap_or_default());
        let rows = self
            .groups
            .iter()
            .chain(self.totals.then_some(&self.all))
            .map(|g| {
                let mut cells = vec![Item::text(&g.group), Item::text(g.commitments.to_string())];
                cells.extend(
                    self.ledger
                        .vocabulary
                        .keys()
                        .into_iter()
                        .map(|k| Item::text(g.counts.get(k).copied().unwrap_or(0).to_string())),
                );
                cells.extend([g.overdue, g.stale].map(|n| Item::text(n.to_string())));
                cells.push(number(g.average_score));
                cells.push(number(g.percent));
                for cur in &currencies {
                    let f = g.funding.iter().find(|f| &f.currency == cur);
                    cells.extend(Stage::all().iter().map(|&s| {
                        Item::text(
                            f.and_then(|f| f.get(s))
                                .map(money_number)
                                .unwrap_or_default(),
                        )
                    }));
                }
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
        json(&RollupJson {
            report: "rollup",
            ledger: self.ledger.title.as_deref(),
            by: self.by,
            as_of: self.as_of,
            stale_after_days: self.stale_after,
            statuses: statuses(self.ledger),
            groups: &self.groups,
            all: &self.all,
        })
    }
}
