//! `history`: per period, how many commitments stood in each status at its end, how many
//! were made and how many changed status during it, and how many were overdue or stale.

use std::collections::BTreeMap;

use serde::Serialize;

use super::period::{Period, Span, movement, spans};
use super::render::chart::{Bar, Chart};
use super::render::{Block, Document, Item, Palette, Report, Sheet, json, ledger_title};
use super::{StatusInfo, percent_text, round4, scale_note, score_text, statuses};
use crate::model::{Date, Ledger};
use crate::tr;

pub struct History<'a> {
    pub ledger: &'a Ledger,
    pub period: Period,
    pub from: Date,
    pub to: Date,
    pub stale_after: u32,
    pub rows: Vec<HistoryRow>,
}

/// One period. Field names are the JSON output's (docs/reports.md).
#[derive(Debug, Clone, Serialize)]
pub struct HistoryRow {
    #[serde(flatten)]
    pub span: Span,
    /// Commitments in each status at the end of the period, by status key (every status of
    /// the scale, zeros included).
    pub counts: BTreeMap<String, usize>,
    /// Commitments made by the end of the period.
    pub total: usize,
    /// Made during the period.
    pub new: usize,
    /// Moved to a different status during the period.
    pub changed: usize,
    pub overdue: usize,
    pub stale: usize,
    pub average_score: Option<f64>,
    /// The average as a percentage of the scale (for the G7 scale, (average + 1) / 2).
    pub percent: Option<f64>,
}

impl<'a> History<'a> {
    pub fn new(ledger: &'a Ledger, period: Period, from: Date, to: Date, stale_after: u32) -> Self {
        let v = &ledger.vocabulary;
        let rows = spans(period, from, to)
            .into_iter()
            .map(|span| {
                let mut counts: BTreeMap<String, usize> =
                    v.keys().into_iter().map(|k| (k.to_string(), 0)).collect();
                let (mut total, mut new, mut changed, mut overdue, mut stale) = (0, 0, 0, 0, 0);
                let mut score = 0.0;
                for c in &ledger.commitments {
                    let Some(s) = c.status_as_of(span.end) else {
                        continue;
                    };
                    total += 1;
                    *counts.entry(s.status.to_string()).or_default() += 1;
                    score += v.score(s.status).unwrap_or(0.0);
                    let m = movement(c, &span);
                    new += usize::from(m.new);
                    changed += usize::from(m.changed);
                    let closed = |k: &str| v.is_closed(k);
                    let status = Some(s.status);
                    overdue += usize::from(c.is_overdue_in(status, span.end, closed));
                    stale += usize::from(c.is_stale_in(status, span.end, stale_after, closed));
                }
                let average = (total > 0).then(|| score / total as f64);
                HistoryRow {
                    counts,
                    total,
                    new,
                    changed,
                    overdue,
                    stale,
                    average_score: average.map(round4),
                    percent: average.and_then(|a| v.percent(a)).map(round4),
                    span,
                }
            })
            .collect();
        History {
            ledger,
            period,
            from,
            to,
            stale_after,
            rows,
        }
    }

    /// This history up to `to` (from the same start): what `History::new` would count for
    /// it, taken from these rows where `to` is the end of one of its periods, since each
    /// row depends only on its own period. The site's bulletins, one per quarter, each show
    /// the history up to their quarter; counting it afresh for each was most of the site's
    /// time on a large ledger (periods × periods × commitments).
    pub fn until(&self, from: Date, to: Date) -> History<'a> {
        let n = self.rows.iter().take_while(|r| r.span.end <= to).count();
        let same_start =
            self.rows.first().map(|r| r.span.start) == Some(self.period.start_of(from));
        if n == 0 || self.rows[n - 1].span.end != to || !same_start {
            return History::new(self.ledger, self.period, from, to, self.stale_after);
        }
        History {
            ledger: self.ledger,
            period: self.period,
            from,
            to,
            stale_after: self.stale_after,
            rows: self.rows[..n].to_vec(),
        }
    }

    /// The stacked bars of status counts, one per period.
    pub fn chart(&self) -> Chart {
        let statuses = self.ledger.vocabulary.statuses();
        let palette = Palette::new(&self.ledger.vocabulary);
        let lang = self.ledger.language;
        Chart {
            title: tr!(lang, "chart-title", unit = unit(self.period)),
            key: tr!(lang, "chart-key"),
            series: palette
                .statuses
                .iter()
                .map(|s| (s.label.clone(), s.hex.clone()))
                .collect(),
            bars: self
                .rows
                .iter()
                .map(|r| Bar {
                    label: r.span.label.clone(),
                    counts: statuses
                        .iter()
                        .map(|s| r.counts.get(&s.key).copied().unwrap_or(0))
                        .collect(),
                    note: match (r.new, r.changed) {
                        (0, 0) => String::new(),
                        (0, c) => tr!(lang, "n-changed", n = c),
                        (n, 0) => tr!(lang, "n-new", n = n),
                        (n, c) => format!(
                            "{}, {}",
                            tr!(lang, "n-new", n = n),
                            tr!(lang, "n-changed", n = c)
                        ),
                    },
                })
                .collect(),
        }
    }

    /// Two tables rather than one of thirteen columns, so that each fits a terminal
    /// without breaking words: where things stood, then what moved and what is flagged.
    pub fn tables(&self) -> [Sheet; 2] {
        let statuses = self.ledger.vocabulary.statuses();
        let lang = self.ledger.language;
        let mut counts = vec![tr!(lang, "period")];
        counts.extend(statuses.iter().map(|s| s.label.clone()));
        counts.push(tr!(lang, "total"));
        let flow = [
            "period",
            "new",
            "changed",
            "overdue",
            "stale",
            "average-score",
            "progress",
        ]
        .map(|id| tr!(lang, id))
        .to_vec();
        [
            Sheet {
                key_columns: 1,
                ids: false,
                headers: counts,
                rows: self
                    .rows
                    .iter()
                    .map(|r| {
                        let mut cells = vec![Item::text(&r.span.label)];
                        cells.extend(statuses.iter().map(|s| {
                            Item::text(r.counts.get(&s.key).copied().unwrap_or(0).to_string())
                        }));
                        cells.push(Item::text(r.total.to_string()));
                        cells
                    })
                    .collect(),
            },
            Sheet {
                key_columns: 1,
                ids: false,
                headers: flow,
                rows: self
                    .rows
                    .iter()
                    .map(|r| {
                        let mut cells = vec![Item::text(&r.span.label)];
                        cells.extend(
                            [r.new, r.changed, r.overdue, r.stale]
                                .map(|n| Item::text(n.to_string())),
                        );
                        cells.push(Item::text(
                            r.average_score.map(score_text).unwrap_or_default(),
                        ));
                        cells.push(Item::text(r.percent.map(percent_text).unwrap_or_default()));
                        cells
                    })
                    .collect(),
            },
        ]
    }
}

/// "quarter" for quarterly.
pub fn unit(period: Period) -> &'static str {
    match period {
        Period::Monthly => "month",
        Period::Quarterly => "quarter",
        Period::Yearly => "year",
    }
}

#[derive(Serialize)]
struct HistoryJson<'a> {
    report: &'static str,
    ledger: Option<&'a str>,
    period: Period,
    from: Date,
    to: Date,
    stale_after_days: u32,
    statuses: Vec<StatusInfo>,
    periods: &'a [HistoryRow],
}

impl Report for History<'_> {
    fn document(&self, _page: bool) -> Document {
        let [counts, flow] = self.tables();
        let unit = unit(self.period);
        let lang = self.ledger.language;
        let mut notes = vec![tr!(lang, "history-note", unit = unit, n = self.stale_after)];
        if let Some(last) = self.rows.last().filter(|r| r.span.partial) {
            notes.push(tr!(
                lang,
                "period-not-over",
                period = &last.span.label,
                date = last.span.end
            ));
        }
        notes.push(scale_note(self.ledger));
        let mut blocks = vec![
            Block::Chart(self.chart()),
            Block::Heading(tr!(lang, "history-counts-heading", unit = unit)),
            Block::Table(counts),
            Block::Heading(tr!(lang, "history-flow-heading", unit = unit)),
            Block::Table(flow),
        ];
        blocks.extend(notes.into_iter().map(Block::Note));
        Document {
            title: ledger_title(self.ledger),
            subtitle: tr!(
                lang,
                "history-subtitle",
                unit = unit,
                from = self.from,
                to = self.to
            ),
            palette: Palette::new(&self.ledger.vocabulary),
            blocks,
            language: lang,
        }
    }

    /// For spreadsheets: the JSON's names and plain numbers.
    fn sheet(&self) -> Sheet {
        let keys = self.ledger.vocabulary.keys();
        let mut headers: Vec<String> = ["period", "start", "end"].map(String::from).to_vec();
        headers.extend(keys.iter().map(|k| k.to_string()));
        headers.extend(
            [
                "total",
                "new",
                "changed",
                "overdue",
                "stale",
                "average_score",
                "percent",
            ]
            .map(String::from),
        );
        let number = |x: Option<f64>| Item::text(x.map(|x| x.to_string()).unwrap_or_default());
        let rows = self
            .rows
            .iter()
            .map(|r| {
                let mut cells = vec![
                    Item::text(&r.span.label),
                    Item::text(r.span.start.to_string()),
                    Item::text(r.span.end.to_string()),
                ];
                cells.extend(
                    keys.iter()
                        .map(|k| Item::text(r.counts.get(*k).copied().unwrap_or(0).to_string())),
                );
                cells.extend(
                    [r.total, r.new, r.changed, r.overdue, r.stale]
                        .map(|n| Item::text(n.to_string())),
                );
                cells.push(number(r.average_score));
                cells.push(number(r.percent));
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
        json(&HistoryJson {
            report: "history",
            ledger: self.ledger.title.as_deref(),
            period: self.period,
            from: self.from,
            to: self.to,
            stale_after_days: self.stale_after,
            statuses: statuses(self.ledger),
            periods: &self.rows,
        })
    }
}
