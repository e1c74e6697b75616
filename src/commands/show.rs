//! `commitments show`: one commitment, its record and its whole timeline.

use super::Format;
use super::output::{AsciiArg, LangArg};
use crate::context::Context;
use crate::error::Result;
use chrono::{DateTime, Utc};

use crate::model::{Commitment, Language, Ledger, TimelineItem, money};
use crate::report::changes::quoted;
use crate::report::render::table::{width, wrap};
use crate::report::render::{Style, cell, json, shown, status_cell, table};
use crate::report::status::{funding_text, kind_word, stage_word};
use crate::store;
use crate::tr;

/// Show a commitment: its record, and its events and evidence in date order.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The commitment: its id, UUID, or the start of its UUID.
    commitment: String,
    #[arg(long, value_enum, default_value_t)]
    format: Format,
    #[command(flatten)]
    ascii: AsciiArg,
    #[command(flatten)]
    lang: LangArg,
}

pub fn run(ctx: &Context, args: Args) -> Result<()> {
    let ledger = args.lang.speak(store::load(&ctx.file)?.ledger);
    let c = ledger.find(&args.commitment)?;
    let status = c.status_as_of(ctx.today);
    match args.format {
        Format::Json => ctx.print(&json(&serde_json::json!({
            "as_of": ctx.today,
            "status": status.as_ref().map(|s| s.status),
            "status_since": status.as_ref().map(|s| s.since),
            "overdue": c.is_overdue(ctx.today, |k| ledger.vocabulary.is_closed(k)),
            "funding": c.funding_as_of(ctx.today),
            "children": children(&ledger, c, ctx.today),
            "roll_up": (!ledger.children(&c.id).is_empty())
                .then(|| ledger.family(&c.id, ctx.today)),
            "commitment": c,
        }))),
        Format::Table => {
            let style = Style {
                color: ctx.color,
                ascii: args.ascii.ascii(),
                // CSV settings do not apply to a terminal table.
                ..Style::default()
            };
            ctx.print(&render(ctx, &ledger, c, style))
        }
    }
}

fn render(ctx: &Context, ledger: &Ledger, c: &Commitment, style: Style) -> String {
    let lang = ledger.language;
    let mut record = table(&[&tr!(lang, "field"), &tr!(lang, "value")], style);
    let mut field = |name: &str, value: String| {
        if !value.is_empty() {
            record.add_row(vec![cell(name, style), cell(&value, style)]);
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
        c.funding_as_of(ctx.today)
            .map(|f| {
                tr!(
                    lang,
                    "funding-as-of",
                    funding = funding_text(&f, lang),
                    date = ctx.today
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
    let status = match c.status_as_of(ctx.today) {
        Some(s) => {
            let mut text = tr!(
                lang,
                "status-since-as-of",
                status = ledger.vocabulary.label(s.status),
                since = s.since,
                date = ctx.today
            );
            if c.is_overdue(ctx.today, |k| ledger.vocabulary.is_closed(k)) {
                text.push_str(&tr!(lang, "separator"));
                text.push_str(&tr!(lang, "flag-overdue"));
            }
            text
        }
        None => tr!(lang, "not-yet-made-on", date = ctx.today),
    };
    field(&tr!(lang, "status"), status);

    let mut timeline = table(
        &[&tr!(lang, "date"), &tr!(lang, "what"), &tr!(lang, "detail")],
        style,
    );
    for item in c.timeline() {
        match item {
            TimelineItem::Event(e) => {
                let mut detail = Vec::new();
                if let Some(n) = &e.note {
                    detail.push(n.clone());
                }
                detail.extend(rests_on(e.unsourced, &e.evidence, lang));
                let by: Vec<String> = [
                    e.recorded_by.clone(),
                    e.recorded_at
                        .map(|t| t.format("%Y-%m-%d %H:%M UTC").to_string()),
                ]
                .into_iter()
                .flatten()
                .collect();
                if !by.is_empty() {
                    detail.push(tr!(lang, "recorded-by", by = by.join(", ")));
                }
                timeline.add_row(vec![
                    cell(&e.date.to_string(), style),
                    status_cell(&ledger.vocabulary, &e.status, ctx.color),
                    cell(&detail.join("\n"), style),
                ]);
            }
            TimelineItem::Retraction(r) => {
                let mut detail = vec![r.reason.clone()];
                detail.extend(recorded(r.recorded_by.as_deref(), r.recorded_at, lang));
                timeline.add_row(vec![
                    cell(&r.date.to_string(), style),
                    cell(&tr!(lang, "show-retracted", what = r.what()), style),
                    cell(&detail.join("\n"), style),
                ]);
            }
            TimelineItem::Retired(r) => {
                let mut detail = vec![r.reason.clone()];
                detail.extend(recorded(r.recorded_by.as_deref(), r.recorded_at, lang));
                timeline.add_row(vec![
                    cell(&r.date.to_string(), style),
                    cell(&tr!(lang, "show-retired"), style),
                    cell(&detail.join("\n"), style),
                ]);
            }
            TimelineItem::Correction(k) => {
                let mut detail = vec![k.detail()];
                detail.extend(recorded(k.recorded_by.as_deref(), k.recorded_at, lang));
                timeline.add_row(vec![
                    cell(&k.date.to_string(), style),
                    cell(&tr!(lang, "show-corrected", what = k.what()), style),
                    cell(&detail.join("\n"), style),
                ]);
            }
            TimelineItem::Funding(e) => {
                let mut detail = vec![money(&e.currency, e.amount)];
                detail.extend(e.note.clone());
                detail.extend(rests_on(e.unsourced, &e.evidence, lang));
                detail.extend(recorded(e.recorded_by.as_deref(), e.recorded_at, lang));
                timeline.add_row(vec![
                    cell(&e.date.to_string(), style),
                    cell(
                        &tr!(
                            lang,
                            "show-funding",
                            stage = stage_word(e.stage, lang).to_lowercase()
                        ),
                        style,
                    ),
                    cell(&detail.join("\n"), style),
                ]);
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
                if let Some(q) = &e.quote {
                    detail.push(quoted(q, lang));
                }
                let when = match (e.published, e.accessed) {
                    (Some(p), _) => p.to_string(),
                    (None, Some(a)) => tr!(lang, "accessed-on", date = a),
                    (None, None) => tr!(lang, "undated"),
                };
                timeline.add_row(vec![
                    cell(&when, style),
                    cell(&tr!(lang, "show-evidence"), style),
                    cell(&detail.join("\n"), style),
                ]);
            }
        }
    }
    let heading = shown(&format!("{} — {}", c.id, c.title), style);
    let mut out = format!("{}\n{record}\n{timeline}\n", wrap(&heading, width()));
    let kids = ledger.children(&c.id);
    if !kids.is_empty() {
        let mut table_ = table(
            &[
                &tr!(lang, "child"),
                &tr!(lang, "owner"),
                &tr!(lang, "status"),
                &tr!(lang, "weight"),
            ],
            style,
        );
        for &i in &kids {
            let k = &ledger.commitments[i];
            let status = match k.status_as_of(ctx.today) {
                Some(s) => status_cell(&ledger.vocabulary, s.status, ctx.color),
                None => cell(&tr!(lang, "not-yet-made"), style),
            };
            table_.add_row(vec![
                cell(&format!("{}\n{}", k.id, k.title), style),
                cell(&k.owner, style),
                status,
                cell(&k.weight().to_string(), style),
            ]);
        }
        out.push_str(&format!(
            "{}\n{table_}\n",
            tr!(lang, "children-n", n = kids.len())
        ));
        let note = roll_up_line(ledger, &ledger.family(&c.id, ctx.today), ctx.today);
        out.push_str(&wrap(&shown(&note, style), width()));
        out.push('\n');
    }
    if !c.gaps.is_empty() {
        out.push_str(&tr!(lang, "gaps-heading"));
        out.push('\n');
        for g in &c.gaps {
            let checked = g
                .checked
                .map(|d| format!(" {}", tr!(lang, "checked-on", date = d)))
                .unwrap_or_default();
            let gap = format!("  - {}{checked}", shown(&g.note, style));
            out.push_str(&wrap(&gap, width()));
            out.push('\n');
        }
    }
    out
}

/// Each child with its status on `date`, for JSON.
fn children(ledger: &Ledger, c: &Commitment, date: crate::model::Date) -> Vec<serde_json::Value> {
    ledger
        .children(&c.id)
        .into_iter()
        .map(|i| {
            let k = &ledger.commitments[i];
            serde_json::json!({
                "id": k.id,
                "title": k.title,
                "owner": k.owner,
                "status": k.status_as_of(date).map(|s| s.status),
                "weight": k.weight(),
            })
        })
        .collect()
}

/// "Children on 2026-11-22: 2 (1 delivered, 1 announced); weighted average score 0.75. …"
fn roll_up_line(ledger: &Ledger, f: &crate::model::Family, date: crate::model::Date) -> String {
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
            tr!(lang, "separator")
                + &tr!(
                    lang,
                    "weighted-average",
                    score = crate::report::score_text(a)
                )
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
