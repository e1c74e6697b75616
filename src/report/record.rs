//! One commitment's whole record, as `show` gives it: its fields, its timeline (status and
//! funding events, evidence, corrections, retractions, its retirement), its children with
//! their roll-up, and its gaps. A `Report` like every other, so that `show` writes every
//! format, and to a file with `-o`, through the same renderers.

use chrono::{DateTime, Utc};

use super::changes::quoted;
use super::render::{Block, Document, Item, Palette, Report, Sheet, json};
use super::status::{funding_text, kind_word, stage_word};
use crate::model::{Commitment, Date, Family, Language, Ledger, TimelineItem, money};
use crate::tr;

pub struct Record<'a> {
    pub ledger: &'a Ledger,
    pub commitment: &'a Commitment,
    /// The day the record speaks for: its status, funding and children's statuses then.
    pub as_of: Date,
}

impl Report for Record<'_> {
    fn document(&self, _page: bool) -> Document {
        let c = self.commitment;
        let lang = self.ledger.language;
        let mut blocks = vec![Block::Table(self.fields()), Block::Table(self.timeline())];
        let kids = self.ledger.children(&c.id);
        if !kids.is_empty() {
            blocks.push(Block::Heading(tr!(lang, "children-n", n = kids.len())));
            blocks.push(Block::Table(self.children(&kids)));
            let family = self.ledger.family(&c.id, self.as_of);
            blocks.push(Block::Note(roll_up_line(self.ledger, &family, self.as_of)));
        }
        if !c.gaps.is_empty() {
            let mut gaps = vec![tr!(lang, "gaps-heading")];
            for g in &c.gaps {
                let checked = g
                    .checked
                    .map(|d| format!(" {}", tr!(lang, "checked-on", date = d)))
                    .unwrap_or_default();
                gaps.push(format!("  - {}{checked}", g.note));
            }
            blocks.push(Block::Note(gaps.join("\n")));
        }
        Document {
            title: format!("{} — {}", c.id, c.title),
            subtitle: String::new(),
            palette: Palette::new(&self.ledger.vocabulary),
            blocks,
            language: lang,
        }
    }

    /// A spreadsheet gets the timeline, each row with the commitment's id so that several
    /// records pasted together still say whose they are.
    fn sheet(&self) -> Sheet {
        let mut sheet = self.timeline();
        sheet.headers.insert(0, tr!(self.ledger.language, "id"));
        for row in &mut sheet.rows {
            row.insert(0, Item::text(&self.commitment.id));
        }
        sheet.ids = true;
        sheet
    }

    fn json(&self) -> String {
        let (ledger, c, today) = (self.ledger, self.commitment, self.as_of);
        let status = c.status_as_of(today);
        json(&serde_json::json!({
            "as_of": today,
            "status": status.as_ref().map(|s| s.status),
            "status_since": status.as_ref().map(|s| s.since),
            "overdue": c.is_overdue(today, |k| ledger.vocabulary.is_closed(k)),
            "funding": c.funding_as_of(today),
            "children": self.children_json(),
            "roll_up": (!ledger.children(&c.id).is_empty())
                .then(|| ledger.family(&c.id, today)),
            "commitment": c,
        }))
    }
}

impl Record<'_> {
    /// Field and value, for each field that has one.
    fn fields(&self) -> Sheet {
        let (ledger, c, today) = (self.ledger, self.commitment, self.as_of);
        let lang = ledger.language;
        let mut rows = Vec::new();
        let mut field = |name: &str, value: String| {
            if !value.is_empty() {
                rows.push(vec![Item::text(name), Item::Text(value)]);
            }
        };
        field(&tr!(lang, "id"), c.id.clone());
        field("UUID", c.uuid_string().unwrap_or_default());
        field(&tr!(lang, "owner"), c.owner.clone());
        if let Some(p) = &c.parent {
            let title = ledger
                .find(p)
                .map(|p| format!(" — {}", p.title))
                .unwrap_or_default();
            field(&tr!(lang, "parent"), format!("{p}{title}"));
            field(
                &tr!(lang, "weight"),
                c.weight.map(|w| w.to_string()).unwrap_or_default(),
            );
        }
        field(&tr!(lang, "partners"), c.partners.join(", "));
        field(&tr!(lang, "made"), c.made.to_string());
        field(
            &tr!(lang, "due"),
            c.due.map(|d| d.to_string()).unwrap_or_default(),
        );
        field(
            &tr!(lang, "funding"),
            c.funding_as_of(today)
                .map(|f| {
                    tr!(
                        lang,
                        "funding-as-of",
                        funding = funding_text(&f, lang),
                        date = today
                    )
                })
                .unwrap_or_default(),
        );
        field(&tr!(lang, "tags"), c.tags.join(", "));
        field(
            &tr!(lang, "description"),
            c.description.clone().unwrap_or_default(),
        );
        field(&tr!(lang, "notes"), c.notes.clone().unwrap_or_default());
        for (name, value) in &c.extra {
            field(&format!("extra.{name}"), value.clone());
        }
        if let Some(s) = &c.source {
            let mut lines = vec![s.title.clone()];
            let by: Vec<String> = [
                s.publisher.clone(),
                s.date.map(|d| d.to_string()),
                s.locator.clone(),
            ]
            .into_iter()
            .flatten()
            .collect();
            if !by.is_empty() {
                lines.push(by.join(", "));
            }
            lines.extend(s.url.clone());
            lines.extend(s.quote.as_ref().map(|q| quoted(q, lang)));
            field(&tr!(lang, "source"), lines.join("\n"));
        }
        if let Some(r) = &c.retired {
            field(
                &tr!(lang, "retired"),
                tr!(lang, "retired-field", date = r.date, reason = &r.reason),
            );
        }
        let status = match c.status_as_of(today) {
            Some(s) => {
                let mut text = tr!(
                    lang,
                    "status-since-as-of",
                    status = ledger.vocabulary.label(s.status),
                    since = s.since,
                    date = today
                );
                if c.is_overdue(today, |k| ledger.vocabulary.is_closed(k)) {
                    text.push_str(&tr!(lang, "separator"));
                    text.push_str(&tr!(lang, "flag-overdue"));
                }
                text
            }
            None => tr!(lang, "not-yet-made-on", date = today),
        };
        field(&tr!(lang, "status"), status);
        Sheet {
            headers: vec![tr!(lang, "field"), tr!(lang, "value")],
            rows,
            key_columns: 0,
            ids: false,
        }
    }

    /// Every entry of the record in date order: what happened, and what it rests on.
    fn timeline(&self) -> Sheet {
        let lang = self.ledger.language;
        let palette = Palette::new(&self.ledger.vocabulary);
        let mut rows = Vec::new();
        let mut row = |date: String, what: Item, detail: Vec<String>| {
            rows.push(vec![Item::Text(date), what, Item::Text(detail.join("\n"))]);
        };
        for item in self.commitment.timeline() {
            match item {
                TimelineItem::Event(e) => {
                    let mut detail: Vec<String> = e.note.iter().cloned().collect();
                    detail.extend(rests_on(e.unsourced, &e.evidence, lang));
                    detail.extend(recorded(e.recorded_by.as_deref(), e.recorded_at, lang));
                    row(e.date.to_string(), palette.item(&e.status, ""), detail);
                }
                TimelineItem::Retraction(r) => {
                    let mut detail = vec![r.reason.clone()];
                    detail.extend(recorded(r.recorded_by.as_deref(), r.recorded_at, lang));
                    row(
                        r.date.to_string(),
                        Item::text(tr!(lang, "show-retracted", what = r.what())),
                        detail,
                    );
                }
                TimelineItem::Retired(r) => {
                    let mut detail = vec![r.reason.clone()];
                    detail.extend(recorded(r.recorded_by.as_deref(), r.recorded_at, lang));
                    row(
                        r.date.to_string(),
                        Item::text(tr!(lang, "show-retired")),
                        detail,
                    );
                }
                TimelineItem::Correction(k) => {
                    let mut detail = vec![k.detail()];
                    detail.extend(recorded(k.recorded_by.as_deref(), k.recorded_at, lang));
                    row(
                        k.date.to_string(),
                        Item::text(tr!(lang, "show-corrected", what = k.what())),
                        detail,
                    );
                }
                TimelineItem::Funding(e) => {
                    let mut detail = vec![money(&e.currency, e.amount)];
                    detail.extend(e.note.clone());
                    detail.extend(rests_on(e.unsourced, &e.evidence, lang));
                    detail.extend(recorded(e.recorded_by.as_deref(), e.recorded_at, lang));
                    row(
                        e.date.to_string(),
                        Item::text(tr!(
                            lang,
                            "show-funding",
                            stage = stage_word(e.stage, lang).to_lowercase()
                        )),
                        detail,
                    );
                }
                TimelineItem::Evidence(e) => {
                    let mut detail = vec![format!("[{}] {}", e.id, e.title)];
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
                    detail.push(e.url.clone());
                    detail.extend(e.quote.as_ref().map(|q| quoted(q, lang)));
                    let when = match (e.published, e.accessed) {
                        (Some(p), _) => p.to_string(),
                        (None, Some(a)) => tr!(lang, "accessed-on", date = a),
                        (None, None) => tr!(lang, "undated"),
                    };
                    row(when, Item::text(tr!(lang, "show-evidence")), detail);
                }
            }
        }
        Sheet {
            headers: vec![tr!(lang, "date"), tr!(lang, "what"), tr!(lang, "detail")],
            rows,
            key_columns: 0,
            ids: false,
        }
    }

    /// Each child: its id and title, owner, status on the day and weight.
    fn children(&self, kids: &[usize]) -> Sheet {
        let lang = self.ledger.language;
        let palette = Palette::new(&self.ledger.vocabulary);
        let rows = kids
            .iter()
            .map(|&i| {
                let k = &self.ledger.commitments[i];
                let status = match k.status_as_of(self.as_of) {
                    Some(s) => palette.item(s.status, ""),
                    None => Item::text(tr!(lang, "not-yet-made")),
                };
                vec![
                    Item::text(format!("{}\n{}", k.id, k.title)),
                    Item::text(&k.owner),
                    status,
                    Item::text(k.weight().to_string()),
                ]
            })
            .collect();
        Sheet {
            headers: vec![
                tr!(lang, "child"),
                tr!(lang, "owner"),
                tr!(lang, "status"),
                tr!(lang, "weight"),
            ],
            rows,
            key_columns: 0,
            ids: true,
        }
    }

    /// Each child with its status on the day, for JSON.
    fn children_json(&self) -> Vec<serde_json::Value> {
        self.ledger
            .children(&self.commitment.id)
            .into_iter()
            .map(|i| {
                let k = &self.ledger.commitments[i];
                serde_json::json!({
                    "id": k.id,
                    "title": k.title,
                    "owner": k.owner,
                    "status": k.status_as_of(self.as_of).map(|s| s.status),
                    "weight": k.weight(),
                })
            })
            .collect()
    }
}

/// "Children on 2026-11-22: 2 (1 delivered, 1 announced); weighted average score 0.75. …"
fn roll_up_line(ledger: &Ledger, f: &Family, date: Date) -> String {
    let lang = ledger.language;
    let counts: Vec<String> = f
        .counts
        .iter()
        .map(|(k, n)| {
            let label = ledger.vocabulary.label(k);
            // German keeps the capitals of its nouns (as `report::summary` does).
            let label = if lang == Language::De {
                label.to_string()
            } else {
                label.to_lowercase()
            };
            tr!(lang, "status-count", n = *n, status = label)
        })
        .collect();
    let average = f
        .average_score
        .map(|a| {
            tr!(lang, "separator") + &tr!(lang, "weighted-average", score = super::score_text(a))
        })
        .unwrap_or_default();
    format!(
        "{} {}",
        tr!(
            lang,
            "children-on",
            date = date,
            n = f.children,
            counts = counts.join(", "),
            average = average
        ),
        tr!(lang, "roll-up-rule")
    )
}

/// "rests on: a, b" or UNSOURCED.
fn rests_on(unsourced: bool, evidence: &[String], lang: Language) -> Option<String> {
    Some(if unsourced {
        tr!(lang, "unsourced-mark")
    } else {
        tr!(lang, "rests-on", ids = evidence.join(", "))
    })
}

/// "recorded by tester, 2026-11-22 09:00 UTC".
fn recorded(by: Option<&str>, at: Option<DateTime<Utc>>, lang: Language) -> Option<String> {
    let parts: Vec<String> = [
        by.map(String::from),
        at.map(|t| t.format("%Y-%m-%d %H:%M UTC").to_string()),
    ]
    .into_iter()
    .flatten()
    .collect();
    (!parts.is_empty()).then(|| tr!(lang, "recorded-by", by = parts.join(", ")))
}
