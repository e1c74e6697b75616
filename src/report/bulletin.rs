//! `bulletin`: the periodic publication in one document — where every commitment stands at
//! the period's end, what changed in the period and on what evidence, the counts over time
//! with the chart, and the method (the ledger's own scale and flags), so that a briefing no
//! longer pastes three reports together by hand.

use serde::Serialize;

use super::changes::{ChangeGroup, Changes};
use super::history::{History, HistoryRow};
use super::period::{Period, earliest};
use super::render::{Block, Document, Item, Palette, Report, Sheet, json, ledger_title};
use super::status::{StatusReport, flags_note, retired_note};
use super::window::Window;
use super::{StatusInfo, StatusRow, status_rows, statuses};
use crate::model::{Date, Ledger};
use crate::tr;

pub struct Bulletin<'a> {
    pub ledger: &'a Ledger,
    /// `2026-Q3`, or `2026-07-01 to 2026-09-30` for a window given by --from and --to.
    pub label: String,
    pub from: Date,
    pub to: Date,
    pub stale_after: u32,
    /// The chart's and the counts' periods.
    pub period: Period,
    pub rows: Vec<StatusRow>,
    pub changes: Changes<'a>,
    pub history: History<'a>,
}

impl<'a> Bulletin<'a> {
    /// The bulletin for `from`..=`to`; `recorded_since` adds entries recorded since then.
    /// `counted` is the ledger the table and the counts take (without the commitments retired
    /// by `to`, unless they were asked for); what changed is read from the whole `ledger`, so
    /// that a retirement in the period is listed with its reason.
    pub fn new(
        ledger: &'a Ledger,
        counted: &'a Ledger,
        label: String,
        (from, to): (Date, Date),
        recorded_since: Option<Date>,
        period: Period,
        stale_after: u32,
    ) -> Self {
        let start = Self::start(ledger, from);
        let history = History::new(counted, period, start, to, stale_after);
        Self::with_history(
            ledger,
            counted,
            label,
            (from, to),
            recorded_since,
            stale_after,
            history,
        )
    }

    /// Where its history starts: the earliest commitment, or `from` if that is earlier.
    pub fn start(ledger: &Ledger, from: Date) -> Date {
        earliest(ledger).unwrap_or(from).min(from)
    }

    /// As `new`, with the history already counted (`History::until` of a longer one, as
    /// the site does for its bulletins): it must be `counted`'s, from `start(ledger, from)`
    /// to `to`.
    pub fn with_history(
        ledger: &'a Ledger,
        counted: &'a Ledger,
        label: String,
        (from, to): (Date, Date),
        recorded_since: Option<Date>,
        stale_after: u32,
        history: History<'a>,
    ) -> Self {
        let window = Window {
            since: Some(from),
            until: to,
            recorded_since,
        };
        Bulletin {
            ledger,
            label,
            from,
            to,
            stale_after,
            period: history.period,
            rows: status_rows(counted, to, stale_after),
            changes: Changes::new(ledger, window, stale_after),
            history,
        }
    }

    /// The ledger's scale as a table: what each status means, its score, whether it is final.
    pub fn method(&self) -> Vec<Block> {
        let palette = Palette::new(&self.ledger.vocabulary);
        let lang = self.ledger.language;
        let rows = self
            .ledger
            .vocabulary
            .statuses()
            .iter()
            .map(|s| {
                vec![
                    palette.item(&s.key, ""),
                    Item::text(s.score.to_string()),
                    Item::text(tr!(lang, if s.closed { "yes" } else { "no" })),
                    Item::text(&s.description),
                ]
            })
            .collect();
        vec![
            Block::Heading(tr!(lang, "method")),
            Block::Note(tr!(lang, "method-text")),
            Block::Table(Sheet {
                key_columns: 1,
                ids: false,
                headers: ["status", "score", "closed", "meaning"]
                    .map(|id| tr!(lang, id))
                    .to_vec(),
                rows,
            }),
            Block::Note(flags_note(self.stale_after, lang)),
        ]
    }
}

#[derive(Serialize)]
struct BulletinJson<'a> {
    report: &'static str,
    ledger: Option<&'a str>,
    period: &'a str,
    from: Date,
    to: Date,
    recorded_since: Option<Date>,
    stale_after_days: u32,
    statuses: Vec<StatusInfo>,
    commitments: &'a [StatusRow],
    changes: &'a [ChangeGroup],
    history: &'a [HistoryRow],
}

impl Report for Bulletin<'_> {
    fn document(&self, _page: bool) -> Document {
        let palette = Palette::new(&self.ledger.vocabulary);
        let lang = self.ledger.language;
        let status = StatusReport {
            ledger: self.ledger,
            as_of: self.to,
            stale_after: self.stale_after,
            rows: self.rows.clone(),
            chart_period: self.period,
        };
        let mut blocks = vec![Block::Heading(tr!(
            lang,
            "where-things-stand",
            date = self.to
        ))];
        // The status table and its summary; the flags and the scale go under Method.
        blocks.extend(status.document(false).blocks.into_iter().take(2));
        blocks.extend(retired_note(&self.rows, lang).map(Block::Note));
        blocks.push(Block::Heading(tr!(
            lang,
            "what-changed-in",
            period = &self.label
        )));
        blocks.push(Block::Note(self.changes.summary()));
        blocks.extend(self.changes.blocks(&palette));
        blocks.push(Block::Heading(tr!(lang, "over-time")));
        blocks.push(Block::Chart(self.history.chart()));
        let [counts, _] = self.history.tables();
        blocks.push(Block::Table(counts));
        if let Some(last) = self.history.rows.last().filter(|r| r.span.partial) {
            blocks.push(Block::Note(tr!(
                lang,
                "period-not-over",
                period = &last.span.label,
                date = last.span.end
            )));
        }
        blocks.extend(self.method());
        Document {
            title: ledger_title(self.ledger),
            subtitle: tr!(
                lang,
                "bulletin-subtitle",
                period = &self.label,
                from = self.from,
                to = self.to
            ),
            palette,
            blocks,
            language: lang,
        }
    }

    /// A spreadsheet gets what changed, one row per change and source, as `changes` gives it.
    fn sheet(&self) -> Sheet {
        self.changes.sheet()
    }

    fn atom(&self) -> Option<String> {
        Some(super::render::atom::render(&self.changes, None))
    }

    fn json(&self) -> String {
        json(&BulletinJson {
            report: "bulletin",
            ledger: self.ledger.title.as_deref(),
            period: &self.label,
            from: self.from,
            to: self.to,
            recorded_since: self.changes.window.recorded_since,
            stale_after_days: self.stale_after,
            statuses: statuses(self.ledger),
            commitments: &self.rows,
            changes: &self.changes.commitments,
            history: &self.history.rows,
        })
    }
}
