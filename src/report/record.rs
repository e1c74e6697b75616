//! One commitment's whole record, as `show` gives it: its fields, its timeline (status and
//! funding events, evidence, corrections, retractions, its retirement), its children with
//! their roll-up, and its gaps. A `Report` like every other, so that `show` writes every
//! format, and to a file with `-o`, through the same renderers.

use chrono::{DateTime, Utc};

use super::render::{Block, Document, Item, Palette, Report, Sheet, json};
use crate::model::{Commitment, Date, Family, Ledger, TimelineItem, money};

pub struct Record<'a> {
    pub ledger: &'a Ledger,
    pub commitment: &'a Commitment,
    /// The day the record speaks for: its status, funding and children's statuses then.
    pub as_of: Date,
}

impl Report for Record<'_> {
    fn document(&self, _page: bool) -> Document {
        let c = self.commitment;
        let mut blocks = vec![Block::Table(self.fields()), Block::Table(self.timeline())];
        let kids = self.ledger.children(&c.id);
        if !kids.is_empty() {
            blocks.push(Block::Heading(format!("Children ({})", kids.len())));
            blocks.push(Block::Table(self.children(&kids)));
            let family = self.ledger.family(&c.id, self.as_of);
            blocks.push(Block::Note(roll_up_line(self.ledger, &family, self.as_of)));
        }
        if !c.gaps.is_empty() {
            let mut gaps = vec!["Gaps (searched for, not found):".to_string()];
            for g in &c.gaps {
                let checked = g
                    .checked
                    .map(|d| format!(" (checked {d})"))
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
        }
    }

    /// A spreadsheet gets the timeline, each row with the commitment's id so that several
    /// records pasted together still say whose they are.
    fn sheet(&self) -> Sheet {
        let mut sheet = self.timeline();
        sheet.headers.insert(0, "Id".into());
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
        let mut rows = Vec::new();
        let mut field = |name: &str, value: String| {
            if !value.is_empty() {
                rows.push(vec![Item::text(name), Item::Text(value)]);
            }
        };
        field("Id", c.id.clone());
        field("UUID", c.uuid_string().unwrap_or_default());
        field("Owner", c.owner.clone());
        if let Some(p) = &c.parent {
            let title = ledger
                .find(p)
                .map(|p| format!(" — {}", p.title))
                .unwrap_or_default();
            field("Parent", format!("{p}{title}"));
            field(
                "Weight",
                c.weight.map(|w| w.to_string()).unwrap_or_default(),
            );
        }
        field("Partners", c.partners.join(", "));
        field("Made", c.made.to_string());
        field("Due", c.due.map(|d| d.to_string()).unwrap_or_default());
        field(
            "Funding",
            c.funding_as_of(today)
                .map(|f| format!("{} (as of {today})", f.display()))
                .unwrap_or_default(),
        );
        field("Tags", c.tags.join(", "));
        field("Description", c.description.clone().unwrap_or_default());
        field("Notes", c.notes.clone().unwrap_or_default());
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
            lines.extend(s.quote.as_ref().map(|q| format!("“{q}”")));
            field("Source", lines.join("\n"));
        }
        if let Some(r) = &c.retired {
            field(
                "Retired",
                format!(
                    "since {}: {} (no longer tracked; reports leave it out unless given --include-retired)",
                    r.date, r.reason
                ),
            );
        }
        let status = match c.status_as_of(today) {
            Some(s) => {
                let mut text = format!(
                    "{} since {} (as of {today})",
                    ledger.vocabulary.label(s.status),
                    s.since,
                );
                if c.is_overdue(today, |k| ledger.vocabulary.is_closed(k)) {
                    text.push_str("; overdue");
                }
                text
            }
            None => format!("not yet made on {today}"),
        };
        field("Status", status);
        Sheet {
            headers: vec!["Field".into(), "Value".into()],
            rows,
            key_columns: 0,
            ids: false,
        }
    }

    /// Every entry of the record in date order: what happened, and what it rests on.
    fn timeline(&self) -> Sheet {
        let palette = Palette::new(&self.ledger.vocabulary);
        let mut rows = Vec::new();
        let mut row = |date: String, what: Item, detail: Vec<String>| {
            rows.push(vec![Item::Text(date), what, Item::Text(detail.join("\n"))]);
        };
        for item in self.commitment.timeline() {
            match item {
                TimelineItem::Event(e) => {
                    let mut detail: Vec<String> = e.note.iter().cloned().collect();
                    detail.extend(rests_on(e.unsourced, &e.evidence));
                    detail.extend(recorded(e.recorded_by.as_deref(), e.recorded_at));
                    row(e.date.to_string(), palette.item(&e.status, ""), detail);
                }
                TimelineItem::Retraction(r) => {
                    let mut detail = vec![r.reason.clone()];
                    detail.extend(recorded(r.recorded_by.as_deref(), r.recorded_at));
                    row(
                        r.date.to_string(),
                        Item::text(format!("retracted: {}", r.what())),
                        detail,
                    );
                }
                TimelineItem::Retired(r) => {
                    let mut detail = vec![r.reason.clone()];
                    detail.extend(recorded(r.recorded_by.as_deref(), r.recorded_at));
                    row(r.date.to_string(), Item::text("retired"), detail);
                }
                TimelineItem::Correction(k) => {
                    let mut detail = vec![k.detail()];
                    detail.extend(recorded(k.recorded_by.as_deref(), k.recorded_at));
                    row(
                        k.date.to_string(),
                        Item::text(format!("corrected: {}", k.what())),
                        detail,
                    );
                }
                TimelineItem::Funding(e) => {
                    let mut detail = vec![money(&e.currency, e.amount)];
                    detail.extend(e.note.clone());
                    detail.extend(rests_on(e.unsourced, &e.evidence));
                    detail.extend(recorded(e.recorded_by.as_deref(), e.recorded_at));
                    row(
                        e.date.to_string(),
                        Item::text(format!("funding: {}", e.stage.key())),
                        detail,
                    );
                }
                TimelineItem::Evidence(e) => {
                    let mut detail = vec![format!("[{}] {}", e.id, e.title)];
                    let by: Vec<String> =
                        [e.publisher.clone(), e.kind.map(|k| k.key().to_string())]
                            .into_iter()
                            .flatten()
                            .collect();
                    if !by.is_empty() {
                        detail.push(by.join(", "));
                    }
                    detail.push(e.url.clone());
                    detail.extend(e.quote.as_ref().map(|q| format!("“{q}”")));
                    let when = match (e.published, e.accessed) {
                        (Some(p), _) => p.to_string(),
                        (None, Some(a)) => format!("{a} (accessed)"),
                        (None, None) => "undated".into(),
                    };
                    row(when, Item::text("evidence"), detail);
                }
            }
        }
        Sheet {
            headers: vec!["Date".into(), "What".into(), "Detail".into()],
            rows,
            key_columns: 0,
            ids: false,
        }
    }

    /// Each child: its id and title, owner, status on the day and weight.
    fn children(&self, kids: &[usize]) -> Sheet {
        let palette = Palette::new(&self.ledger.vocabulary);
        let rows = kids
            .iter()
            .map(|&i| {
                let k = &self.ledger.commitments[i];
                let status = match k.status_as_of(self.as_of) {
                    Some(s) => palette.item(s.status, ""),
                    None => Item::text("not yet made"),
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
                "Child".into(),
                "Owner".into(),
                "Status".into(),
                "Weight".into(),
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
    let counts: Vec<String> = f
        .counts
        .iter()
        .map(|(k, n)| format!("{n} {}", ledger.vocabulary.label(k).to_lowercase()))
        .collect();
    let average = f
        .average_score
        .map(|a| format!("; weighted average score {}", super::score_text(a)))
        .unwrap_or_default();
    format!(
        "Children on {date}: {} ({}){average}. {}",
        f.children,
        counts.join(", "),
        super::ROLL_UP_RULE
    )
}

/// "rests on: a, b" or UNSOURCED.
fn rests_on(unsourced: bool, evidence: &[String]) -> Option<String> {
    Some(if unsourced {
        "UNSOURCED".into()
    } else {
        format!("rests on: {}", evidence.join(", "))
    })
}

/// "recorded by tester, 2026-11-22 09:00 UTC".
fn recorded(by: Option<&str>, at: Option<DateTime<Utc>>) -> Option<String> {
    let parts: Vec<String> = [
        by.map(String::from),
        at.map(|t| t.format("%Y-%m-%d %H:%M UTC").to_string()),
    ]
    .into_iter()
    .flatten()
    .collect();
    (!parts.is_empty()).then(|| format!("recorded by {}", parts.join(", ")))
}
