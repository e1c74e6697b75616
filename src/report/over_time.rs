//! `report --period`: one row per commitment, one column per period, each cell the status at
//! the end of the period — the shape of the G7 Research Group's compliance tables and of
//! hledger's period columns.

use serde::Serialize;

use super::history::{History, unit};
use super::period::{Period, Span, movement, spans};
use super::render::{Block, Document, Item, Palette, Report, Sheet, json, ledger_title};
use super::status::timelines;
use super::{StatusInfo, scale_note, statuses};
use crate::model::{Date, Language, Ledger};
use crate::tr;

pub struct OverTime<'a> {
    pub ledger: &'a Ledger,
    pub period: Period,
    pub from: Date,
    pub to: Date,
    pub stale_after: u32,
    pub spans: Vec<Span>,
    pub rows: Vec<OverTimeRow>,
}

/// One commitment. Field names are the JSON output's (docs/reports.md).
#[derive(Debug, Clone, Serialize)]
pub struct OverTimeRow {
    pub id: String,
    pub title: String,
    pub owner: String,
    /// Overdue on the report's end date.
    pub overdue: bool,
    /// Stale on the report's end date.
    pub stale: bool,
    /// The day it was retired, when that was by the report's end date (such a row is here
    /// only when asked for: `--include-retired`).
    pub retired: Option<Date>,
    pub periods: Vec<PeriodCell>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PeriodCell {
    pub period: String,
    pub end: Date,
    /// None before the commitment was made.
    pub status: Option<String>,
    pub status_label: Option<String>,
    /// Made during the period.
    pub new: bool,
    /// Moved to a different status during the period.
    pub changed: bool,
}

impl<'a> OverTime<'a> {
    pub fn new(ledger: &'a Ledger, period: Period, from: Date, to: Date, stale_after: u32) -> Self {
        let v = &ledger.vocabulary;
        let spans = spans(period, from, to);
        let rows = ledger
            .commitments
            .iter()
            .filter(|c| c.status_as_of(to).is_some())
            .map(|c| OverTimeRow {
                id: c.id.clone(),
                title: c.title.clone(),
                owner: c.owner.clone(),
                overdue: c.is_overdue(to, |k| v.is_closed(k)),
                stale: c.is_stale(to, stale_after, |k| v.is_closed(k)),
                retired: c.retired.as_ref().map(|r| r.date).filter(|d| *d <= to),
                periods: spans
                    .iter()
                    .map(|span| {
                        let s = c.status_as_of(span.end);
                        let m = movement(c, span);
                        PeriodCell {
                            period: span.label.clone(),
                            end: span.end,
                            status: s.as_ref().map(|s| s.status.to_string()),
                            status_label: s.as_ref().map(|s| v.label(s.status).to_string()),
                            new: m.new,
                            changed: m.changed,
                        }
                    })
                    .collect(),
            })
            .collect();
        OverTime {
            ledger,
            period,
            from,
            to,
            stale_after,
            spans,
            rows,
        }
    }

    fn flags(r: &OverTimeRow, lang: Language) -> Item {
        Item::List(
            [
                (r.retired.is_some(), "flag-retired"),
                (r.overdue, "flag-overdue"),
                (r.stale, "flag-stale"),
            ]
            .into_iter()
            .filter(|(on, _)| *on)
            .map(|(_, f)| tr!(lang, f))
            .collect(),
        )
    }
}

/// `+` made during the period, `*` changed during it.
fn mark(cell: &PeriodCell) -> String {
    let mut m = String::new();
    if cell.new {
        m.push('+');
    }
    if cell.changed {
        m.push('*');
    }
    m
}

#[derive(Serialize)]
struct OverTimeJson<'a> {
    report: &'static str,
    ledger: Option<&'a str>,
    period: Period,
    from: Date,
    to: Date,
    stale_after_days: u32,
    statuses: Vec<StatusInfo>,
    periods: &'a [Span],
    commitments: &'a [OverTimeRow],
}

impl OverTime<'_> {
    /// The spreadsheet's columns (`sheet`).
    pub fn sheet_headers() -> Vec<String> {
        [
            "id",
            "title",
            "owner",
            "period",
            "start",
            "end",
            "partial",
            "status",
            "status_label",
            "new",
            "changed",
            "overdue",
            "stale",
            "retired",
        ]
        .map(String::from)
        .to_vec()
    }

    /// The spreadsheet's rows, made as they are taken: the site writes `data/periods.csv`
    /// (a row per commitment and quarter, 88 MB at 10,000 commitments) from them a row at
    /// a time rather than holding them all.
    pub fn sheet_rows(&self) -> impl Iterator<Item = Vec<Item>> + '_ {
        let v = &self.ledger.vocabulary;
        let by_id: std::collections::HashMap<&str, &crate::model::Commitment> = self
            .ledger
            .commitments
            .iter()
            .map(|c| (c.id.as_str(), c))
            .collect();
        let yes = |b: bool| Item::text(if b { "yes" } else { "no" });
        self.rows.iter().flat_map(move |r| {
            let c = by_id.get(r.id.as_str()).copied();
            r.periods
                .iter()
                .zip(&self.spans)
                .filter_map(move |(p, span)| {
                    let status = p.status.as_ref()?;
                    Some(vec![
                        Item::text(&r.id),
                        Item::text(&r.title),
                        Item::text(&r.owner),
                        Item::text(&span.label),
                        Item::text(span.start.to_string()),
                        Item::text(span.end.to_string()),
                        yes(span.partial),
                        Item::text(status),
                        Item::text(p.status_label.clone().unwrap_or_default()),
                        yes(p.new),
                        yes(p.changed),
                        yes(c.is_some_and(|c| {
                            c.is_overdue_in(Some(status), span.end, |k| v.is_closed(k))
                        })),
                        yes(c.is_some_and(|c| {
                            c.is_stale_in(Some(status), span.end, self.stale_after, |k| {
                                v.is_closed(k)
                            })
                        })),
                        yes(c.is_some_and(|c| c.retired_by(span.end))),
                    ])
                })
        })
    }
}

impl Report for OverTime<'_> {
    fn document(&self, page: bool) -> Document {
        let palette = Palette::new(&self.ledger.vocabulary);
        let lang = self.ledger.language;
        let mut headers = vec![tr!(lang, "commitment"), tr!(lang, "owner")];
        headers.extend(self.spans.iter().map(|s| s.label.clone()));
        headers.push(tr!(lang, "flags"));
        let rows = self
            .rows
            .iter()
            .map(|r| {
                // The title makes a terminal table of many columns unreadably tall; the page
                // has room for it.
                let name = if page {
                    format!("{}\n{}", r.id, r.title)
                } else {
                    r.id.clone()
                };
                let mut cells = vec![Item::text(name), Item::text(&r.owner)];
                cells.extend(r.periods.iter().map(|p| match &p.status {
                    Some(s) => palette.item(s, &mark(p)),
                    None => Item::text("—"),
                }));
                cells.push(Self::flags(r, lang));
                cells
            })
            .collect();
        let mut notes = vec![tr!(
            lang,
            "over-time-note",
            unit = unit(self.period),
            date = self.to,
            n = self.stale_after
        )];
        if let Some(last) = self.spans.last().filter(|s| s.partial) {
            notes.push(tr!(
                lang,
                "period-not-over",
                period = &last.label,
                date = last.end
            ));
        }
        let retired = self.rows.iter().filter(|r| r.retired.is_some()).count();
        if retired > 0 {
            notes.push(tr!(lang, "over-time-retired-note", n = retired));
        }
        notes.push(scale_note(self.ledger));
        let mut blocks = Vec::new();
        if page {
            let history = History::new(
                self.ledger,
                self.period,
                self.from,
                self.to,
                self.stale_after,
            );
            blocks.push(Block::Chart(history.chart()));
        }
        blocks.push(Block::Table(Sheet {
            key_columns: 2,
            ids: true,
            headers,
            rows,
        }));
        blocks.extend(notes.into_iter().map(Block::Note));
        if page {
            blocks.extend(timelines(self.ledger, self.to));
        }
        Document {
            title: ledger_title(self.ledger),
            subtitle: tr!(
                lang,
                "over-time-subtitle",
                unit = unit(self.period),
                from = self.spans.first().map_or("", |s| s.label.as_str()),
                to = self.spans.last().map_or("", |s| s.label.as_str()),
            ),
            palette,
            blocks,
            language: lang,
        }
    }

    /// Tidy: one row per commitment and period, each value in its own column (the status's
    /// key and label apart, the marks and flags as yes/no columns), so a spreadsheet can
    /// filter and pivot it. The flags are judged at the period's end.
    fn sheet(&self) -> Sheet {
        Sheet {
            key_columns: 0,
            ids: false,
            headers: Self::sheet_headers(),
            rows: self.sheet_rows().collect(),
        }
    }

    fn json(&self) -> String {
        json(&OverTimeJson {
            report: "periods",
            ledger: self.ledger.title.as_deref(),
            period: self.period,
            from: self.from,
            to: self.to,
            stale_after_days: self.stale_after,
            statuses: statuses(self.ledger),
            periods: &self.spans,
            commitments: &self.rows,
        })
    }
}
