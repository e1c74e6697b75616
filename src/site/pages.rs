//! The site's pages as documents: the index, one page per commitment with its record, its
//! timeline (each entry with an anchor), its evidence and its gaps, and the method page.
//! `mod.rs` turns them into files.

use crate::model::{Commitment, Date, Ledger, TimelineItem, money};
use crate::report::anchors::{anchor_id, event_anchors, evidence_anchor, file_id, gap_anchor};
use crate::report::bulletin::Bulletin;
use crate::report::history::History;
use crate::report::period::{Period, earliest};
use crate::report::render::{Block, Document, Item, Link, Palette, Sheet, ledger_title};
use crate::report::status::{cited, cited_ids, flags_note, kind_word, stage_word, status_headers};
use crate::report::{StatusRow, summary, totals};
use crate::tr;

/// The status table with each row's first cell linking to the commitment's page.
pub fn status_table(
    rows: &[StatusRow],
    palette: &Palette,
    prefix: &str,
    lang: crate::model::Language,
) -> Sheet {
    Sheet {
        key_columns: 1,
        ids: true,
        headers: status_headers(lang),
        rows: rows
            .iter()
            .map(|r| {
                vec![
                    Item::Local {
                        // Indented under its parent, as in every other status table.
                        text: format!("{}\n{}", crate::report::tree_id(r), r.title),
                        href: format!("{prefix}c/{}.html", file_id(&r.id)),
                        anchor: None,
                    },
                    Item::text(&r.owner),
                    palette.item(&r.status, ""),
                    Item::date(Some(r.since)),
                    Item::date(r.latest_evidence),
                    Item::date(r.due),
                    Item::List(r.flag_words(lang)),
                ]
            })
            .collect(),
    }
}

/// In every table whose first column holds commitments (`Sheet::ids`), the first cell links
/// to the commitment's page: for the bulletin pages, which `bulletin` builds without links.
pub fn link_rows(doc: &mut Document, prefix: &str) {
    for block in &mut doc.blocks {
        let Block::Table(sheet) = block else { continue };
        if !sheet.ids {
            continue;
        }
        for row in &mut sheet.rows {
            let Some(first) = row.first_mut() else {
                continue;
            };
            let text = first.plain().into_owned();
            // The first line is the id, after the indent and arrow a child has (tree_id).
            let first_line = text.split('\n').next().unwrap_or_default();
            let id = first_line.trim_start().trim_start_matches("→ ").to_string();
            *first = Item::Local {
                text,
                href: format!("{prefix}c/{}.html", file_id(&id)),
                anchor: None,
            };
        }
    }
}

pub fn index(
    ledger: &Ledger,
    today: Date,
    rows: &[StatusRow],
    stale_after: u32,
    bulletins: &[(String, String)],
    downloads: &[(&str, &str)],
) -> Document {
    let palette = Palette::new(&ledger.vocabulary);
    let lang = ledger.language;
    let from = earliest(ledger).unwrap_or(today);
    let history = History::new(ledger, Period::Quarterly, from, today, stale_after);
    let mut blocks = vec![
        Block::Chart(history.chart()),
        Block::Heading(tr!(lang, "status-on", date = today)),
        Block::Table(status_table(rows, &palette, "", lang)),
        Block::Note(summary(ledger, rows)),
        Block::Heading(tr!(lang, "totals")),
    ];
    let counts = totals(ledger, rows);
    blocks.push(Block::Table(Sheet {
        key_columns: 1,
        ids: false,
        headers: vec![tr!(lang, "status"), tr!(lang, "commitments")],
        rows: counts
            .values()
            .map(|(k, n)| vec![palette.item(k, ""), Item::text(n.to_string())])
            .collect(),
    }));
    blocks.push(Block::Note(flags_note(stale_after, lang)));
    blocks.push(Block::Heading(tr!(lang, "bulletins")));
    blocks.push(Block::Table(Sheet {
        key_columns: 1,
        ids: false,
        headers: vec![tr!(lang, "period")],
        rows: bulletins
            .iter()
            .rev()
            .map(|(label, href)| {
                vec![Item::Local {
                    text: label.clone(),
                    href: href.clone(),
                    anchor: None,
                }]
            })
            .collect(),
    }));
    blocks.push(Block::Heading(tr!(lang, "data")));
    blocks.push(Block::Table(Sheet {
        key_columns: 1,
        ids: false,
        headers: vec![tr!(lang, "file"), tr!(lang, "what-it-holds")],
        rows: downloads
            .iter()
            .map(|(file, what)| {
                vec![
                    Item::Local {
                        text: file.to_string(),
                        href: file.to_string(),
                        anchor: None,
                    },
                    Item::text(tr!(lang, what)),
                ]
            })
            .collect(),
    }));
    Document {
        title: ledger_title(ledger),
        subtitle: tr!(lang, "status-as-of", date = today),
        palette,
        blocks,
        language: lang,
    }
}

/// One commitment: its record, its timeline to `today` with an anchor on each entry, its
/// evidence and its gaps.
pub fn commitment(ledger: &Ledger, c: &Commitment, row: &StatusRow, today: Date) -> Document {
    let palette = Palette::new(&ledger.vocabulary);
    let lang = ledger.language;
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
    if let Some(f) = &c.funding {
        record.push(tr!(lang, "record-funding", funding = f.display()));
    }
    if !c.tags.is_empty() {
        record.push(tr!(lang, "record-tags", tags = c.tags.join(", ")));
    }
    let flags = row.flag_words(lang);
    record.push(format!(
        "{}{}",
        tr!(
            lang,
            "record-status",
            date = today,
            status = &row.status_label,
            since = row.since
        ),
        if flags.is_empty() {
            String::new()
        } else {
            format!(" ({})", flags.join(", "))
        }
    ));
    let mut blocks = vec![Block::Note(record.join("\n"))];
    if let Some(s) = &c.source {
        blocks.push(Block::Heading(tr!(lang, "source")));
        let mut line = vec![s.title.clone()];
        line.extend(s.publisher.clone());
        line.extend(s.date.map(|d| d.to_string()));
        line.extend(s.locator.clone());
        blocks.push(Block::Table(Sheet {
            key_columns: 0,
            ids: false,
            headers: vec![tr!(lang, "document"), tr!(lang, "quote")],
            rows: vec![vec![
                Item::Links(vec![Link {
                    text: line.join(", "),
                    url: s.url.clone(),
                }]),
                Item::text(s.quote.clone().unwrap_or_default()),
            ]],
        }));
    }
    let anchors = event_anchors(c);
    let anchor_of = |e: &crate::model::Event| {
        c.history
            .iter()
            .position(|h| std::ptr::eq(h, e))
            .map(|i| anchors[i].clone())
            .unwrap_or_default()
    };
    let timeline = c
        .timeline()
        .into_iter()
        .filter(|i| i.date().is_none_or(|d| d <= today))
        .map(|i| match i {
            // Corrections, retractions and a retirement, listed on the day they were made.
            TimelineItem::Correction(k) => vec![
                Item::date(Some(k.date)),
                Item::text(tr!(lang, "corrected", what = k.what())),
                Item::List(k.detail().lines().map(String::from).collect()),
                Item::Links(vec![]),
            ],
            TimelineItem::Retraction(r) => vec![
                Item::date(Some(r.date)),
                Item::text(tr!(lang, "retracted", what = r.what())),
                Item::List(vec![r.reason.clone()]),
                Item::Links(vec![]),
            ],
            TimelineItem::Retired(r) => vec![
                Item::date(Some(r.date)),
                Item::text(tr!(lang, "retired")),
                Item::List(vec![tr!(lang, "no-longer-tracked", reason = &r.reason)]),
                Item::Links(vec![]),
            ],
            TimelineItem::Funding(f) => {
                let a = format!("funding-{}-{}", f.date, anchor_id(f.stage.label()));
                let mut detail: Vec<String> = f.note.iter().cloned().collect();
                if f.unsourced {
                    detail.push(tr!(lang, "unsourced-mark"));
                }
                vec![
                    Item::Local {
                        text: f.date.to_string(),
                        href: format!("#{a}"),
                        anchor: Some(a),
                    },
                    Item::text(format!(
                        "{}: {}",
                        stage_word(f.stage, lang),
                        money(&f.currency, f.amount)
                    )),
                    Item::List(detail),
                    Item::Links(cited_ids(c, &f.evidence)),
                ]
            }
            TimelineItem::Event(e) => {
                let a = anchor_of(e);
                let mut detail: Vec<String> = e.note.iter().cloned().collect();
                if e.unsourced {
                    detail.push(tr!(lang, "unsourced-mark"));
                }
                vec![
                    Item::Local {
                        text: e.date.to_string(),
                        href: format!("#{a}"),
                        anchor: Some(a),
                    },
                    palette.item(&e.status, ""),
                    Item::List(detail),
                    Item::Links(cited(c, e)),
                ]
            }
            TimelineItem::Evidence(e) => {
                let a = format!("timeline-{}", evidence_anchor(&e.id));
                vec![
                    Item::Local {
                        text: e.date().map_or_else(|| "—".into(), |d| d.to_string()),
                        href: format!("#{a}"),
                        anchor: Some(a),
                    },
                    Item::text(tr!(lang, "evidence-entry")),
                    Item::List(
                        [
                            e.publisher.clone(),
                            e.kind.map(|k| kind_word(k.key(), lang)),
                        ]
                        .into_iter()
                        .flatten()
                        .collect(),
                    ),
                    Item::Local {
                        text: e.title.clone(),
                        href: format!("#{}", evidence_anchor(&e.id)),
                        anchor: None,
                    },
                ]
            }
        })
        .collect();
    blocks.push(Block::Heading(tr!(lang, "timeline")));
    blocks.push(Block::Table(Sheet {
        key_columns: 0,
        ids: false,
        headers: ["date", "entry", "detail", "sources"]
            .map(|id| tr!(lang, id))
            .to_vec(),
        rows: timeline,
    }));
    blocks.push(Block::Heading(tr!(lang, "evidence")));
    if c.evidence.is_empty() {
        blocks.push(Block::Note(tr!(lang, "no-evidence")));
    } else {
        blocks.push(Block::Table(Sheet {
            key_columns: 0,
            ids: false,
            headers: ["id", "source", "published", "kind", "quote"]
                .map(|id| tr!(lang, id))
                .to_vec(),
            rows: c
                .evidence
                .iter()
                .map(|e| {
                    let a = evidence_anchor(&e.id);
                    vec![
                        Item::Local {
                            text: e.id.clone(),
                            href: format!("#{a}"),
                            anchor: Some(a),
                        },
                        Item::Links(vec![Link {
                            text: [Some(e.title.clone()), e.publisher.clone()]
                                .into_iter()
                                .flatten()
                                .collect::<Vec<_>>()
                                .join(", "),
                            url: Some(e.url.clone()),
                        }]),
                        Item::date(e.published),
                        Item::text(e.kind.map(|k| kind_word(k.key(), lang)).unwrap_or_default()),
                        Item::text(e.quote.clone().unwrap_or_default()),
                    ]
                })
                .collect(),
        }));
    }
    blocks.push(Block::Heading(tr!(lang, "gaps")));
    if c.gaps.is_empty() {
        blocks.push(Block::Note(tr!(lang, "no-gaps")));
    } else {
        blocks.push(Block::Table(Sheet {
            key_columns: 0,
            ids: false,
            headers: vec![tr!(lang, "checked"), tr!(lang, "searched-not-found")],
            rows: c
                .gaps
                .iter()
                .enumerate()
                .map(|(n, g)| {
                    let a = gap_anchor(n);
                    vec![
                        Item::Local {
                            text: g.checked.map_or_else(|| "—".into(), |d| d.to_string()),
                            href: format!("#{a}"),
                            anchor: Some(a),
                        },
                        Item::text(&g.note),
                    ]
                })
                .collect(),
        }));
    }
    Document {
        title: format!("{} — {}", c.id, c.title),
        subtitle: ledger_title(ledger),
        palette,
        blocks,
        language: lang,
    }
}

/// The method page: the ledger's own scale, the evidence standard and the flags.
pub fn method(bulletin: &Bulletin) -> Document {
    let mut blocks = bulletin.method();
    // The page's own title says "Method".
    blocks.remove(0);
    let lang = bulletin.ledger.language;
    Document {
        title: tr!(lang, "method-title", title = ledger_title(bulletin.ledger)),
        subtitle: tr!(lang, "method-subtitle"),
        palette: Palette::new(&bulletin.ledger.vocabulary),
        blocks,
        language: lang,
    }
}
