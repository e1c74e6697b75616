//! `report` and `list`: the status of every commitment on one date, and, for the published
//! page, each commitment's timeline with its evidence.
//!
//! Longer than 400 lines: `report` and `list` share their rows, flags and funding cells, and
//! the published page's timelines (from `timelines`) use the same words; keeping them in one
//! file keeps one wording. The timelines could move to a file of their own.

use std::collections::BTreeMap;

use serde::Serialize;

use super::history::History;
use super::period::{Period, earliest};
use super::render::{Block, Document, Item, Link, Palette, Report, Sheet, json, ledger_title};
use super::{
    StatusInfo, StatusRow, average_score, round4, scale_note, statuses, summary, totals, tree_id,
};
use crate::model::{
    Commitment, Date, Event, FundingAsOf, Language, Ledger, SOURCE_REF, Stage, TimelineItem, money,
};
use crate::tr;

/// The status table on a date.
pub struct StatusReport<'a> {
    pub ledger: &'a Ledger,
    pub as_of: Date,
    pub stale_after: u32,
    pub rows: Vec<StatusRow>,
    /// The periods of the published page's chart.
    pub chart_period: Period,
}

#[derive(Serialize)]
struct StatusJson<'a> {
    report: &'static str,
    ledger: Option<&'a str>,
    as_of: Date,
    stale_after_days: u32,
    statuses: Vec<StatusInfo>,
    totals: BTreeMap<String, usize>,
    average_score: Option<f64>,
    percent: Option<f64>,
    commitments: &'a [StatusRow],
}

impl Report for StatusReport<'_> {
    fn document(&self, page: bool) -> Document {
        let palette = Palette::new(&self.ledger.vocabulary);
        let lang = self.ledger.language;
        let mut headers = status_headers(lang);
        // The money column only where some commitment has money on record, so that a
        // ledger without any keeps its table narrow.
        let money = self.rows.iter().any(|r| r.funding.is_some());
        if money {
            headers.insert(6, tr!(lang, "funding"));
        }
        let rows = self
            .rows
            .iter()
            .map(|r| {
                let mut cells = vec![
                    Item::text(format!("{}\n{}", tree_id(r), r.title)),
                    Item::text(&r.owner),
                    palette.item(&r.status, ""),
                    Item::date(Some(r.since)),
                    Item::date(r.latest_evidence),
                    Item::date(r.due),
                    flags(r, lang),
                ];
                if money {
                    cells.insert(6, Item::text(funding_cell(r.funding.as_ref(), lang)));
                }
                cells
            })
            .collect();
        let mut blocks = Vec::new();
        if page {
            blocks.push(Block::Heading(tr!(lang, "status-over-time")));
            let from = earliest(self.ledger).unwrap_or(self.as_of);
            let history = History::new(
                self.ledger,
                self.chart_period,
                from,
                self.as_of,
                self.stale_after,
            );
            blocks.push(Block::Chart(history.chart()));
            blocks.push(Block::Heading(tr!(lang, "status-on", date = self.as_of)));
        }
        blocks.push(Block::Table(Sheet {
            key_columns: 1,
            ids: true,
            headers,
            rows,
        }));
        blocks.push(Block::Note(summary(self.ledger, &self.rows)));
        if money {
            blocks.push(Block::Note(funding_note(self.as_of, lang)));
        }
        blocks.push(Block::Note(flags_note(self.stale_after, lang)));
        blocks.extend(retired_note(&self.rows, lang).map(Block::Note));
        blocks.push(Block::Note(scale_note(self.ledger)));
        if page {
            blocks.extend(timelines(self.ledger, self.as_of));
        }
        Document {
            title: ledger_title(self.ledger),
            subtitle: tr!(lang, "status-as-of", date = self.as_of),
            palette,
            blocks,
            language: lang,
        }
    }

    fn sheet(&self) -> Sheet {
        status_sheet(&self.rows)
    }

    fn ics(&self) -> Option<String> {
        Some(super::render::ics::render(
            self.ledger,
            &self.rows,
            self.as_of,
        ))
    }

    fn json(&self) -> String {
        let average = average_score(self.ledger, &self.rows);
        json(&StatusJson {
            report: "status",
            ledger: self.ledger.title.as_deref(),
            as_of: self.as_of,
            stale_after_days: self.stale_after,
            statuses: statuses(self.ledger),
            totals: totals(self.ledger, &self.rows).into_values().collect(),
            average_score: average.map(round4),
            percent: average
                .and_then(|a| self.ledger.vocabulary.percent(a))
                .map(round4),
            commitments: &self.rows,
        })
    }
}

fn flags(r: &StatusRow, language: Language) -> Item {
    Item::List(r.flag_words(language))
}

/// The columns of a status table, in `language`.
pub fn status_headers(language: Language) -> Vec<String> {
    [
        "commitment",
        "owner",
        "status",
        "since",
        "latest-evidence",
        "due",
        "flags",
    ]
    .map(|id| tr!(language, id))
    .to_vec()
}

pub fn flags_note(stale_after: u32, language: Language) -> String {
    tr!(language, "flags-note", n = stale_after)
}

/// A kind of evidence as a person reads it: `media` in English (the key, as the file
/// writes it), "Médias", "Medien".
pub fn kind_word(key: &str, language: Language) -> String {
    tr!(language, &format!("kind-{key}"))
}

/// A funding stage as a person reads it: "Pledged", "Promis".
pub fn stage_word(stage: Stage, language: Language) -> String {
    tr!(language, &format!("stage-{}", stage.key()))
}

/// What the `retired` flag means, when some row has it (only a report asked to include
/// retired commitments has such rows).
pub fn retired_note(rows: &[StatusRow], language: Language) -> Option<String> {
    let n = rows.iter().filter(|r| r.retired.is_some()).count();
    (n > 0).then(|| tr!(language, "retired-note", n = n))
}

/// One line per stage on record: "Pledged GBP 3,000,000".
pub fn funding_cell(f: Option<&FundingAsOf>, language: Language) -> String {
    let Some(f) = f else { return String::new() };
    Stage::all()
        .iter()
        .filter_map(|&s| {
            f.get(s)
                .map(|a| format!("{} {}", stage_word(s, language), money(&f.currency, a)))
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// "Pledged GBP 3,000,000; nothing allocated, disbursed or spent on record", in `language`.
pub fn funding_text(f: &FundingAsOf, language: Language) -> String {
    let mut known = Vec::new();
    let mut none = Vec::new();
    for &s in Stage::all() {
        let word = stage_word(s, language).to_lowercase();
        match f.get(s) {
            Some(a) => known.push(format!("{word} {}", money(&f.currency, a))),
            None => none.push(word),
        }
    }
    let mut parts = known;
    if let Some((last, rest)) = none.split_last() {
        let stages = if rest.is_empty() {
            last.clone()
        } else {
            format!("{} {} {last}", rest.join(", "), tr!(language, "or"))
        };
        parts.push(tr!(language, "nothing-on-record", stages = stages));
    }
    let text = parts.join(&tr!(language, "separator"));
    let mut c = text.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// An amount as a spreadsheet reads it: `3000000`, `2500000.5`; never `3e6`.
pub fn number(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 9.0e15 {
        format!("{}", x as i64)
    } else {
        x.to_string()
    }
}

pub fn funding_note(as_of: Date, language: Language) -> String {
    tr!(language, "funding-note", date = as_of)
}

/// The CSV of a status table: one column per field, as in the JSON.
fn status_sheet(rows: &[StatusRow]) -> Sheet {
    let yes = |b: bool| Item::text(if b { "yes" } else { "no" });
    let date = |d: Option<Date>| Item::text(d.map(|d| d.to_string()).unwrap_or_default());
    Sheet {
        key_columns: 0,
        ids: false,
        headers: [
            "id",
            "title",
            "owner",
            "parent",
            "tags",
            "made",
            "status",
            "status_label",
            "since",
            "latest_evidence",
            "last_checked",
            "due",
            "overdue",
            "stale",
            "unsourced",
            "gaps",
            "funding_currency",
            "pledged",
            "allocated",
            "disbursed",
            "spent",
            "retired",
        ]
        .map(String::from)
        .to_vec(),
        rows: rows
            .iter()
            .map(|r| {
                let amount = |s: Stage| {
                    Item::text(
                        r.funding
                            .as_ref()
                            .and_then(|f| f.get(s))
                            .map(number)
                            .unwrap_or_default(),
                    )
                };
                vec![
                    Item::text(&r.id),
                    Item::text(&r.title),
                    Item::text(&r.owner),
                    Item::text(r.parent.as_deref().unwrap_or("")),
                    Item::text(r.tags.join("; ")),
                    date(Some(r.made)),
                    Item::text(&r.status),
                    Item::text(&r.status_label),
                    date(Some(r.since)),
                    date(r.latest_evidence),
                    date(Some(r.last_checked)),
                    date(r.due),
                    yes(r.overdue),
                    yes(r.stale),
                    yes(r.unsourced),
                    Item::text(r.gaps.to_string()),
                    Item::text(
                        r.funding
                            .as_ref()
                            .map(|f| f.currency.as_str())
                            .unwrap_or(""),
                    ),
                    amount(Stage::Pledged),
                    amount(Stage::Allocated),
                    amount(Stage::Disbursed),
                    amount(Stage::Spent),
                    date(r.retired),
                ]
            })
            .collect(),
    }
}

/// `list`: the filtered status table, in the list's shorter columns.
pub struct ListReport<'a> {
    pub ledger: &'a Ledger,
    pub as_of: Date,
    pub stale_after: u32,
    pub rows: Vec<StatusRow>,
}

impl Report for ListReport<'_> {
    fn document(&self, page: bool) -> Document {
        let palette = Palette::new(&self.ledger.vocabulary);
        let lang = self.ledger.language;
        let rows: Vec<Vec<Item>> = self
            .rows
            .iter()
            .map(|r| {
                vec![
                    Item::text(tree_id(r)),
                    Item::text(&r.title),
                    Item::text(&r.owner),
                    palette.item(&r.status, ""),
                    Item::date(r.due),
                    flags(r, lang),
                ]
            })
            .collect();
        let mut blocks = Vec::new();
        if rows.is_empty() {
            blocks.push(Block::Note(tr!(lang, "no-commitments-match")));
        } else {
            blocks.push(Block::Table(Sheet {
                key_columns: 1,
                ids: true,
                headers: ["id", "title", "owner", "status", "due", "flags"]
                    .map(|id| tr!(lang, id))
                    .to_vec(),
                rows,
            }));
            blocks.push(Block::Note(summary(self.ledger, &self.rows)));
            blocks.extend(retired_note(&self.rows, lang).map(Block::Note));
        }
        if page {
            blocks.push(Block::Note(flags_note(self.stale_after, lang)));
            blocks.push(Block::Note(scale_note(self.ledger)));
        }
        Document {
            title: ledger_title(self.ledger),
            subtitle: tr!(lang, "commitments-as-of", date = self.as_of),
            palette,
            blocks,
            language: lang,
        }
    }

    fn sheet(&self) -> Sheet {
        status_sheet(&self.rows)
    }

    fn ics(&self) -> Option<String> {
        Some(super::render::ics::render(
            self.ledger,
            &self.rows,
            self.as_of,
        ))
    }

    /// A bare array of rows, as `list --format json` has always written.
    fn json(&self) -> String {
        json(&self.rows)
    }
}

/// Each commitment's story up to `as_of`: a heading, its record, a table of its events and
/// evidence with links, and its gaps. Later evidence is left out, as methodology §4 asks
/// of any report "as of" a date.
pub fn timelines(ledger: &Ledger, as_of: Date) -> Vec<Block> {
    let palette = Palette::new(&ledger.vocabulary);
    let lang = ledger.language;
    let mut blocks = vec![Block::Heading(tr!(lang, "timelines"))];
    for c in &ledger.commitments {
        let Some(now) = c.status_as_of(as_of) else {
            continue;
        };
        blocks.push(Block::Heading(format!("{} — {}", c.id, c.title)));
        let mut record = vec![tr!(lang, "record-owner", owner = &c.owner)];
        if !c.partners.is_empty() {
            record.push(tr!(
                lang,
                "record-partners",
                partners = c.partners.join(", ")
            ));
        }
        record.push(tr!(lang, "record-made", date = c.made));
        if let Some(d) = c.due {
            record.push(tr!(lang, "record-due", date = d));
        }
        if let Some(f) = c.funding_as_of(as_of) {
            record.push(tr!(
                lang,
                "record-funding-on",
                date = as_of,
                funding = funding_text(&f, lang)
            ));
        }
        record.push(tr!(
            lang,
            "record-status",
            date = as_of,
            status = ledger.vocabulary.label(now.status),
            since = now.since
        ));
        blocks.push(Block::Note(record.join("\n")));
        if let Some(s) = &c.source {
            let mut line = vec![s.title.clone()];
            line.extend(s.publisher.clone());
            line.extend(s.date.map(|d| d.to_string()));
            line.extend(s.locator.clone());
            let mut text = tr!(lang, "record-source", source = line.join(", "));
            if let Some(q) = &s.quote {
                text.push_str(&format!("\n“{q}”"));
            }
            blocks.push(Block::Note(text));
        }
        let rows = c
            .timeline()
            .into_iter()
            .filter(|i| i.date().is_none_or(|d| d <= as_of))
            .map(|i| match i {
                TimelineItem::Event(e) => vec![
                    Item::date(Some(e.date)),
                    palette.item(&e.status, ""),
                    Item::List(event_detail(e, lang)),
                    Item::Links(cited(c, e)),
                ],
                TimelineItem::Retraction(r) => vec![
                    Item::date(Some(r.date)),
                    Item::text(tr!(lang, "retracted", what = r.what())),
                    Item::text(r.reason.clone()),
                    Item::Links(vec![]),
                ],
                TimelineItem::Retired(r) => vec![
                    Item::date(Some(r.date)),
                    Item::text(tr!(lang, "retired")),
                    Item::text(tr!(lang, "no-longer-tracked", reason = &r.reason)),
                    Item::Links(vec![]),
                ],
                TimelineItem::Correction(k) => vec![
                    Item::date(Some(k.date)),
                    Item::text(tr!(lang, "corrected", what = k.what())),
                    Item::text(k.detail()),
                    Item::Links(vec![]),
                ],
                TimelineItem::Funding(e) => {
                    let mut detail = vec![money(&e.currency, e.amount)];
                    detail.extend(e.note.clone());
                    if e.unsourced {
                        detail.push(tr!(lang, "unsourced-mark"));
                    }
                    vec![
                        Item::date(Some(e.date)),
                        Item::text(tr!(
                            lang,
                            "funding-stage",
                            stage = stage_word(e.stage, lang).to_lowercase()
                        )),
                        Item::text(detail.join("\n")),
                        Item::Links(cited_ids(c, &e.evidence)),
                    ]
                }
                TimelineItem::Evidence(e) => {
                    let mut detail = vec![format!("[{}]", e.id)];
                    let by: Vec<String> = [
                        e.publisher.clone(),
                        e.kind.map(|k| kind_word(k.key(), lang)),
                    ]
                    .into_iter()
                    .flatten()
                    .collect();
                    if !by.is_empty() {
                        detail.push(by.join(", "));
                    }
                    if let Some(q) = &e.quote {
                        detail.push(format!("“{q}”"));
                    }
                    vec![
                        Item::date(e.date()),
                        Item::text(tr!(lang, "evidence-entry")),
                        Item::List(detail),
                        Item::Links(vec![Link {
                            text: e.title.clone(),
                            url: Some(e.url.clone()),
                        }]),
                    ]
                }
            })
            .collect();
        blocks.push(Block::Table(Sheet {
            key_columns: 0,
            ids: false,
            headers: ["date", "entry", "detail", "source"]
                .map(|id| tr!(lang, id))
                .to_vec(),
            rows,
        }));
        let gaps: Vec<String> = c
            .gaps_as_of(as_of)
            .map(|g| match g.checked {
                Some(d) => tr!(lang, "gap-checked", date = d, note = &g.note),
                None => tr!(lang, "gap-note", note = &g.note),
            })
            .collect();
        blocks.extend(gaps.into_iter().map(Block::Note));
    }
    blocks
}

fn event_detail(e: &Event, language: Language) -> Vec<String> {
    let mut d = Vec::new();
    if let Some(n) = &e.note {
        d.push(n.clone());
    }
    if e.unsourced {
        d.push(tr!(language, "unsourced-mark"));
    }
    d
}

/// The sources an event rests on, as links.
pub fn cited(c: &Commitment, e: &Event) -> Vec<Link> {
    cited_ids(c, &e.evidence)
}

/// The sources a list of evidence ids names, as links.
pub fn cited_ids(c: &Commitment, ids: &[String]) -> Vec<Link> {
    ids.iter()
        .filter_map(|id| {
            if id == SOURCE_REF {
                c.source.as_ref().map(|s| Link {
                    text: s.title.clone(),
                    url: s.url.clone(),
                })
            } else {
                c.evidence_by_id(id).map(|ev| Link {
                    text: ev.title.clone(),
                    url: Some(ev.url.clone()),
                })
            }
        })
        .collect()
}
