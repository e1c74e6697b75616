//! `changes`: every status event, new evidence entry and gap dated within a window, and the
//! commitments that became overdue or stale in it, grouped by commitment, with sources — the
//! digest a researcher pastes into a briefing.
//!
//! Dates are when things happened according to the evidence (methodology §4); with
//! `--recorded-since`, entries recorded since a day come too, whenever they happened
//! (`window.rs`), so that something found late reaches the next digest.
//!
//! Longer than 400 lines on purpose: collecting the changes of every kind in a window
//! (status, funding, evidence, gaps, corrections, retractions, retirements, newly overdue or
//! stale) is one pass over each commitment, and its document, sheet and JSON views follow it
//! here so that a new kind of change is added in one file. A split by view (collect / show)
//! is the next step if it grows.

use serde::Serialize;

use super::anchors;
use super::render::{Block, Document, Item, Link, Palette, Report, Sheet, json, ledger_title};
use super::status::{cited_ids, flags_note, kind_word, stage_word};
use super::window::Window;
use super::{StatusInfo, statuses};
use crate::model::{
    Commitment, Date, Event, Language, Ledger, SOURCE_REF, Stage, TimelineItem, money,
};
use crate::tr;

pub struct Changes<'a> {
    pub ledger: &'a Ledger,
    pub window: Window,
    pub stale_after: u32,
    pub commitments: Vec<ChangeGroup>,
}

/// One commitment and what happened to it in the window. Field names are the JSON output's
/// (docs/reports.md).
#[derive(Debug, Clone, Serialize)]
pub struct ChangeGroup {
    pub id: String,
    pub title: String,
    pub owner: String,
    /// Its status on the window's last day.
    pub status: String,
    pub status_label: String,
    pub overdue: bool,
    pub stale: bool,
    pub changes: Vec<Change>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Change {
    pub date: Date,
    /// `status` for a status event, `evidence` for a new evidence entry, `gap` for a search
    /// that found nothing, `overdue` and `stale` for becoming so, `funding` for a funding
    /// event, `retraction` for a withdrawn event or evidence entry, `retired` for a
    /// commitment no longer tracked (`note` says why), `correction` for a corrected field
    /// (`from` and `to` are then the old and new values, and `note` names the field and the
    /// reason).
    pub kind: &'static str,
    /// When it was recorded, where the ledger says: an event's `recorded_at` day, evidence's
    /// `accessed` day, a gap's `checked` day.
    pub recorded: Option<Date>,
    /// Where it is on the commitment's page (`report::anchors`), which also names it in the
    /// Atom feed.
    #[serde(skip)]
    pub anchor: String,
    /// The status before the event (None for the commitment's first event).
    pub from: Option<String>,
    pub from_label: Option<String>,
    /// The status the event records (None for evidence).
    pub to: Option<String>,
    pub to_label: Option<String>,
    pub note: Option<String>,
    /// The event cites no evidence.
    pub unsourced: bool,
    pub sources: Vec<SourceRef>,
    /// For a funding event: the stage, the amount at that stage, and its currency.
    pub stage: Option<Stage>,
    pub amount: Option<f64>,
    pub currency: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SourceRef {
    /// The evidence id, or `source` for the commitment's source document.
    pub id: String,
    pub title: String,
    pub publisher: Option<String>,
    pub url: Option<String>,
    pub published: Option<Date>,
    pub kind: Option<&'static str>,
    pub quote: Option<String>,
}

impl<'a> Changes<'a> {
    pub fn new(ledger: &'a Ledger, window: Window, stale_after: u32) -> Self {
        let v = &ledger.vocabulary;
        let lang = ledger.language;
        let closed = |k: &str| v.is_closed(k);
        let until = window.until;
        let commitments = ledger
            .commitments
            .iter()
            .filter_map(|c| {
                let now = c.status_as_of(until)?;
                let before = previous_statuses(c);
                let mut changes: Vec<Change> = c
                    .timeline()
                    .into_iter()
                    // A withdrawn entry is not news; its retraction is.
                    .filter(|i| match i {
                        TimelineItem::Event(e) => !c.is_retracted_event(e) && window.event(e),
                        TimelineItem::Funding(e) => {
                            window.dated(e.date)
                                || e.recorded_at
                                    .is_some_and(|t| window.recorded(t.date_naive()))
                        }
                        TimelineItem::Evidence(ev) => {
                            !c.is_retracted_evidence(ev) && window.evidence(ev)
                        }
                        TimelineItem::Correction(k) => window.dated(k.date),
                        TimelineItem::Retired(r) => window.dated(r.date),
                        TimelineItem::Retraction(r) => window.dated(r.date),
                    })
                    .map(|i| match i {
                        TimelineItem::Event(e) => {
                            let from = before
                                .iter()
                                .find(|(ev, _)| std::ptr::eq(*ev, e))
                                .and_then(|(_, b)| *b);
                            Change {
                                date: e.date,
                                kind: "status",
                                recorded: e.recorded_at.map(|t| t.date_naive()),
                                anchor: anchors::event_anchor(c, e),
                                from: from.map(String::from),
                                from_label: from.map(|f| v.label(f).to_string()),
                                to: Some(e.status.clone()),
                                to_label: Some(v.label(&e.status).to_string()),
                                note: e.note.clone(),
                                unsourced: e.unsourced,
                                sources: sources(c, &e.evidence),
                                stage: None,
                                amount: None,
                                currency: None,
                            }
                        }
                        TimelineItem::Retraction(r) => Change {
                            recorded: r.recorded_at.map(|t| t.date_naive()),
                            anchor: format!("retraction-{}", r.date),
                            note: Some(format!("{}: {}", r.what(), r.reason)),
                            ..Change::fact("retraction", r.date)
                        },
                        TimelineItem::Retired(r) => Change {
                            recorded: r.recorded_at.map(|t| t.date_naive()),
                            anchor: format!("retired-{}", r.date),
                            note: Some(r.reason.clone()),
                            ..Change::fact("retired", r.date)
                        },
                        TimelineItem::Correction(k) => Change {
                            recorded: k.recorded_at.map(|t| t.date_naive()),
                            anchor: format!(
                                "correction-{}-{}",
                                k.date,
                                anchors::anchor_id(&k.what())
                            ),
                            from: k.old.as_deref().map(|o| k.shown(o)),
                            to: Some(k.shown(&k.new)),
                            note: Some(format!("{}: {}", k.what(), k.reason)),
                            ..Change::fact("correction", k.date)
                        },
                        TimelineItem::Funding(e) => Change {
                            date: e.date,
                            kind: "funding",
                            recorded: e.recorded_at.map(|t| t.date_naive()),
                            anchor: format!(
                                "funding-{}-{}",
                                e.date,
                                anchors::anchor_id(e.stage.label())
                            ),
                            from: None,
                            from_label: None,
                            to: None,
                            to_label: None,
                            note: e.note.clone(),
                            unsourced: e.unsourced,
                            sources: sources(c, &e.evidence),
                            stage: Some(e.stage),
                            amount: Some(e.amount),
                            currency: Some(e.currency.clone()),
                        },
                        TimelineItem::Evidence(ev) => Change {
                            date: ev.date().or(ev.accessed).unwrap_or(until),
                            kind: "evidence",
                            recorded: ev.accessed,
                            anchor: anchors::evidence_anchor(&ev.id),
                            note: None,
                            sources: vec![SourceRef {
                                id: ev.id.clone(),
                                title: ev.title.clone(),
                                publisher: ev.publisher.clone(),
                                url: Some(ev.url.clone()),
                                published: ev.published,
                                kind: ev.kind.map(|k| k.key()),
                                quote: ev.quote.clone(),
                            }],
                            ..Change::fact("evidence", until)
                        },
                    })
                    .collect();
                for (n, g) in c.gaps.iter().enumerate().filter(|(_, g)| window.gap(g)) {
                    let day = g.checked.unwrap_or(until);
                    changes.push(Change {
                        recorded: g.checked,
                        anchor: anchors::gap_anchor(n),
                        note: Some(g.note.clone()),
                        ..Change::fact("gap", day)
                    });
                }
                if let Some(day) = window.newly_overdue(c, closed) {
                    let due = c
                        .due
                        .map(|d| tr!(lang, "due-on", date = d))
                        .unwrap_or_default();
                    changes.push(Change {
                        note: Some(due),
                        anchor: format!("overdue-{day}"),
                        ..Change::fact("overdue", day)
                    });
                }
                if let Some(day) = window.newly_stale(c, stale_after, closed) {
                    changes.push(Change {
                        note: Some(tr!(
                            lang,
                            "stale-detail",
                            date = c.last_checked(until),
                            n = stale_after
                        )),
                        anchor: format!("stale-{day}"),
                        ..Change::fact("stale", day)
                    });
                }
                // By date; on one day the timeline's own order, then gaps and flags.
                changes.sort_by_key(|ch| ch.date);
                (!changes.is_empty()).then(|| ChangeGroup {
                    id: c.id.clone(),
                    title: c.title.clone(),
                    owner: c.owner.clone(),
                    status: now.status.to_string(),
                    status_label: v.label(now.status).to_string(),
                    overdue: c.is_overdue(until, closed),
                    stale: c.is_stale(until, stale_after, closed),
                    changes,
                })
            })
            .collect();
        Changes {
            ledger,
            window,
            stale_after,
            commitments,
        }
    }

    /// How many changes of `kind`.
    pub fn count(&self, kind: &str) -> usize {
        self.commitments
            .iter()
            .flat_map(|g| &g.changes)
            .filter(|c| c.kind == kind)
            .count()
    }

    /// "from 2025-10-01 to 2025-12-31", "entries recorded from 2026-01-05 to 2026-02-01", or
    /// both.
    pub fn window_text(&self) -> String {
        let w = &self.window;
        let lang = self.ledger.language;
        match (w.since, w.recorded_since) {
            (Some(s), Some(r)) => tr!(
                lang,
                "window-from-to-recorded",
                from = s,
                to = w.until,
                recorded = r
            ),
            (Some(s), None) => tr!(lang, "window-from-to", from = s, to = w.until),
            (None, Some(r)) => tr!(lang, "window-recorded", recorded = r, to = w.until),
            (None, None) => tr!(lang, "window-to", to = w.until),
        }
    }

    /// "Announced → In progress", "In progress (confirmed)", "New evidence", "Gap recorded".
    pub fn what(change: &Change, lang: Language) -> String {
        match change.kind {
            "gap" => return tr!(lang, "change-gap"),
            "overdue" => return tr!(lang, "change-overdue"),
            "stale" => return tr!(lang, "change-stale"),
            _ => {}
        }
        if let (Some(stage), Some(amount), Some(cur)) =
            (change.stage, change.amount, &change.currency)
        {
            return format!("{}: {}", stage_word(stage, lang), money(cur, amount));
        }
        if change.kind == "retraction" {
            return tr!(lang, "change-retraction");
        }
        if change.kind == "retired" {
            return tr!(lang, "change-retired");
        }
        if change.kind == "correction" {
            let was = change
                .from
                .as_ref()
                .map_or_else(|| tr!(lang, "not-set"), |f| quoted(f, lang));
            let now = change.to.clone().unwrap_or_default();
            return tr!(lang, "change-corrected", from = was, to = now);
        }
        match (&change.from_label, &change.to_label) {
            (_, None) => tr!(lang, "change-new-evidence"),
            (None, Some(to)) => tr!(lang, "change-made", status = to),
            (Some(from), Some(to)) if from == to => tr!(lang, "change-confirmed", status = to),
            (Some(from), Some(to)) => format!("{from} → {to}"),
        }
    }

    pub fn detail(change: &Change, lang: Language) -> Vec<String> {
        let mut d = Vec::new();
        if let Some(n) = &change.note {
            d.push(n.clone());
        }
        if change.unsourced {
            d.push(tr!(lang, "unsourced-mark"));
        }
        for s in change.sources.iter().filter(|_| change.kind == "evidence") {
            let by: Vec<String> = [s.publisher.clone(), s.kind.map(|k| kind_word(k, lang))]
                .into_iter()
                .flatten()
                .collect();
            if !by.is_empty() {
                d.push(by.join(", "));
            }
            if let Some(q) = &s.quote {
                d.push(quoted(q, lang));
            }
        }
        d
    }

    pub fn links(change: &Change) -> Vec<Link> {
        change
            .sources
            .iter()
            .map(|s| Link {
                text: s.title.clone(),
                url: s.url.clone(),
            })
            .collect()
    }
}

/// A quotation in the quotation marks of `lang`: “…” in English, « … » in French, „…“ in
/// German.
pub fn quoted(text: &str, lang: Language) -> String {
    match lang {
        Language::En => format!("“{text}”"),
        Language::Fr => format!("«\u{a0}{text}\u{a0}»"),
        Language::De => format!("„{text}“"),
    }
}

impl Change {
    /// A change that is not a status event: no statuses, no sources.
    fn fact(kind: &'static str, date: Date) -> Change {
        Change {
            date,
            kind,
            recorded: None,
            anchor: String::new(),
            stage: None,
            amount: None,
            currency: None,
            from: None,
            from_label: None,
            to: None,
            to_label: None,
            note: None,
            unsourced: false,
            sources: Vec::new(),
        }
    }
}

/// Each event with the status it followed, walking in the order that decides status.
fn previous_statuses(c: &Commitment) -> Vec<(&Event, Option<&str>)> {
    let mut out = Vec::new();
    let mut before = None;
    for e in c.events_in_order() {
        out.push((e, before));
        before = Some(e.status.as_str());
    }
    out
}

fn sources(c: &Commitment, evidence: &[String]) -> Vec<SourceRef> {
    let links = cited_ids(c, evidence);
    evidence
        .iter()
        .zip(links)
        .map(|(id, link)| {
            let ev = (id != SOURCE_REF).then(|| c.evidence_by_id(id)).flatten();
            let src = (id == SOURCE_REF).then_some(c.source.as_ref()).flatten();
            SourceRef {
                id: id.clone(),
                title: link.text,
                publisher: ev
                    .and_then(|e| e.publisher.clone())
                    .or_else(|| src.and_then(|s| s.publisher.clone())),
                url: link.url,
                published: ev
                    .and_then(|e| e.published)
                    .or_else(|| src.and_then(|s| s.date)),
                kind: ev.and_then(|e| e.kind.map(|k| k.key())),
                quote: ev
                    .and_then(|e| e.quote.clone())
                    .or_else(|| src.and_then(|s| s.quote.clone())),
            }
        })
        .collect()
}

#[derive(Serialize)]
struct ChangesJson<'a> {
    report: &'static str,
    ledger: Option<&'a str>,
    since: Option<Date>,
    until: Date,
    recorded_since: Option<Date>,
    stale_after_days: u32,
    statuses: Vec<StatusInfo>,
    commitments: &'a [ChangeGroup],
}

impl Changes<'_> {
    /// A heading, a line and a table of changes for each commitment.
    pub fn blocks(&self, palette: &Palette) -> Vec<Block> {
        let until = self.window.until;
        let lang = self.ledger.language;
        let mut blocks = Vec::new();
        if self.commitments.is_empty() {
            blocks.push(Block::Note(tr!(
                lang,
                "nothing-changed",
                window = self.window_text()
            )));
        }
        for g in &self.commitments {
            blocks.push(Block::Heading(format!("{} — {}", g.id, g.title)));
            let mut line = tr!(
                lang,
                "changes-status-line",
                owner = &g.owner,
                date = until,
                status = &g.status_label
            );
            for (on, f) in [(g.overdue, "flag-overdue"), (g.stale, "flag-stale")] {
                if on {
                    line.push_str(&tr!(lang, "separator"));
                    line.push_str(&tr!(lang, f));
                }
            }
            line.push('.');
            blocks.push(Block::Note(line));
            blocks.push(Block::Table(Sheet {
                key_columns: 0,
                ids: false,
                headers: ["date", "change", "detail", "sources"]
                    .map(|id| tr!(lang, id))
                    .to_vec(),
                rows: g.changes.iter().map(|ch| row(ch, palette, lang)).collect(),
            }));
        }
        blocks
    }

    /// "2 status events, 1 new evidence entry, 1 gap recorded, 1 became overdue and 0
    /// became stale, across 3 commitments."
    pub fn summary(&self) -> String {
        let n = |kind| self.count(kind);
        let lang = self.ledger.language;
        let mut parts = vec![tr!(lang, "n-status-events", n = n("status"))];
        if n("funding") > 0 {
            parts.push(tr!(lang, "n-funding-events", n = n("funding")));
        }
        parts.push(tr!(lang, "n-evidence-entries", n = n("evidence")));
        parts.push(tr!(lang, "n-gaps-recorded", n = n("gap")));
        parts.push(tr!(
            lang,
            "became-overdue-and-stale",
            overdue = n("overdue"),
            stale = n("stale")
        ));
        let dates = if self.window.recorded_since.is_some() {
            "dates-note-recorded"
        } else {
            "dates-note"
        };
        format!(
            "{} {}",
            tr!(
                lang,
                "changes-summary",
                parts = parts.join(", "),
                commitments = tr!(lang, "n-commitments", n = self.commitments.len())
            ),
            tr!(lang, dates)
        )
    }
}

/// One change as a table row: its date, what it was (a new status in its colour), its
/// detail and its sources.
fn row(ch: &Change, palette: &Palette, lang: Language) -> Vec<Item> {
    let what = match &ch.to {
        Some(to)
            if ch.kind == "status"
                && ch.from.as_deref() != Some(to.as_str())
                && ch.from.is_some() =>
        {
            // The new status carries its colour; the text says from what.
            Item::Status {
                index: palette.index(to).unwrap_or(usize::MAX),
                label: Changes::what(ch, lang),
                mark: String::new(),
            }
        }
        _ => Item::text(Changes::what(ch, lang)),
    };
    vec![
        Item::date(Some(ch.date)),
        what,
        Item::List(Changes::detail(ch, lang)),
        Item::Links(Changes::links(ch)),
    ]
}

impl Changes<'_> {
    /// The spreadsheet's columns (`sheet`).
    pub fn sheet_headers() -> Vec<String> {
        [
            "change",
            "id",
            "title",
            "owner",
            "date",
            "kind",
            "from",
            "from_label",
            "to",
            "to_label",
            "note",
            "unsourced",
            "source",
            "source_title",
            "source_url",
            "publisher",
            "source_kind",
            "published",
            "quote",
            "stage",
            "amount",
            "currency",
        ]
        .map(String::from)
        .to_vec()
    }

    /// The spreadsheet's rows, one per change and source, made as they are taken: the
    /// site writes `data/changes.csv` from them a row at a time rather than holding every
    /// row of a large ledger at once.
    pub fn sheet_rows(&self) -> impl Iterator<Item = Vec<Item>> + '_ {
        self.commitments
            .iter()
            .flat_map(|g| g.changes.iter().map(move |ch| (g, ch)))
            .enumerate()
            .flat_map(|(i, (g, ch))| change_rows(i + 1, g, ch))
    }
}

/// The rows of change number `n`: one per source, or one without a source.
fn change_rows(n: usize, g: &ChangeGroup, ch: &Change) -> Vec<Vec<Item>> {
    let yes = |b: bool| Item::text(if b { "yes" } else { "no" });
    let opt = |t: &Option<String>| Item::text(t.clone().unwrap_or_default());
    let head = [
        Item::text(n.to_string()),
        Item::text(&g.id),
        Item::text(&g.title),
        Item::text(&g.owner),
        Item::text(ch.date.to_string()),
        Item::text(ch.kind),
        opt(&ch.from),
        opt(&ch.from_label),
        opt(&ch.to),
        opt(&ch.to_label),
        opt(&ch.note),
        yes(ch.unsourced),
    ];
    let money = [
        Item::text(
            ch.stage
                .map(|st| st.label().to_string())
                .unwrap_or_default(),
        ),
        Item::text(ch.amount.map(|a| a.to_string()).unwrap_or_default()),
        opt(&ch.currency),
    ];
    let mut rows = Vec::new();
    if ch.sources.is_empty() {
        let mut row = head.to_vec();
        row.extend(vec![Item::text(""); 7]);
        row.extend(money.iter().cloned());
        rows.push(row);
    }
    for s in &ch.sources {
        let mut row = head.to_vec();
        row.extend([
            Item::text(&s.id),
            Item::text(&s.title),
            opt(&s.url),
            opt(&s.publisher),
            Item::text(s.kind.unwrap_or_default()),
            Item::text(s.published.map(|d| d.to_string()).unwrap_or_default()),
            opt(&s.quote),
        ]);
        row.extend(money.iter().cloned());
        rows.push(row);
    }
    rows
}

impl Report for Changes<'_> {
    fn document(&self, _page: bool) -> Document {
        let palette = Palette::new(&self.ledger.vocabulary);
        let mut blocks = self.blocks(&palette);
        blocks.push(Block::Note(self.summary()));
        blocks.push(Block::Note(flags_note(
            self.stale_after,
            self.ledger.language,
        )));
        Document {
            title: ledger_title(self.ledger),
            subtitle: tr!(
                self.ledger.language,
                "changes-subtitle",
                window = self.window_text()
            ),
            palette,
            blocks,
            language: self.ledger.language,
        }
    }

    /// Tidy: one row per change and source, each value in its own column. `change` numbers
    /// the changes, so the rows of a change with two sources share it; a change that cites
    /// nothing has one row with the source columns empty, and `unsourced` says so.
    fn sheet(&self) -> Sheet {
        Sheet {
            key_columns: 0,
            ids: false,
            headers: Self::sheet_headers(),
            rows: self.sheet_rows().collect(),
        }
    }

    fn atom(&self) -> Option<String> {
        Some(super::render::atom::render(self, None))
    }

    fn json(&self) -> String {
        json(&ChangesJson {
            report: "changes",
            ledger: self.ledger.title.as_deref(),
            since: self.window.since,
            until: self.window.until,
            recorded_since: self.window.recorded_since,
            stale_after_days: self.stale_after,
            statuses: statuses(self.ledger),
            commitments: &self.commitments,
        })
    }
}
