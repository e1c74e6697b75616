//! The site's pages as documents: the index, one page per commitment with its record, its
//! timeline (each entry with an anchor), its evidence and its gaps, and the method page.
//! `mod.rs` turns them into files.

use crate::model::{Commitment, Date, Ledger, TimelineItem, money};
use crate::report::anchors::{anchor_id, event_anchors, evidence_anchor, file_id, gap_anchor};
use crate::report::bulletin::Bulletin;
use crate::report::history::History;
use crate::report::period::{Period, earliest};
use crate::report::render::{Block, Document, Item, Link, Palette, Sheet, ledger_title};
use crate::report::status::{cited, cited_ids, flags_note};
use crate::report::{StatusRow, summary, totals};

/// The status table with each row's first cell linking to the commitment's page.
pub fn status_table(rows: &[StatusRow], palette: &Palette, prefix: &str) -> Sheet {
    Sheet {
        key_columns: 1,
        ids: true,
        headers: [
            "Commitment",
            "Owner",
            "Status",
            "Since",
            "Latest evidence",
            "Due",
            "Flags",
        ]
        .map(String::from)
        .to_vec(),
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
                    Item::List(r.flags().into_iter().map(String::from).collect()),
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
    let from = earliest(ledger).unwrap_or(today);
    let history = History::new(ledger, Period::Quarterly, from, today, stale_after);
    let mut blocks = vec![
        Block::Chart(history.chart()),
        Block::Heading(format!("Status on {today}")),
        Block::Table(status_table(rows, &palette, "")),
        Block::Note(summary(ledger, rows)),
        Block::Heading("Totals".into()),
    ];
    let counts = totals(ledger, rows);
    blocks.push(Block::Table(Sheet {
        key_columns: 1,
        ids: false,
        headers: vec!["Status".into(), "Commitments".into()],
        rows: counts
            .values()
            .map(|(k, n)| vec![palette.item(k, ""), Item::text(n.to_string())])
            .collect(),
    }));
    blocks.push(Block::Note(flags_note(stale_after)));
    blocks.push(Block::Heading("Bulletins".into()));
    blocks.push(Block::Table(Sheet {
        key_columns: 1,
        ids: false,
        headers: vec!["Period".into()],
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
    blocks.push(Block::Heading("Data".into()));
    blocks.push(Block::Table(Sheet {
        key_columns: 1,
        ids: false,
        headers: vec!["File".into(), "What it holds".into()],
        rows: downloads
            .iter()
            .map(|(file, what)| {
                vec![
                    Item::Local {
                        text: file.to_string(),
                        href: file.to_string(),
                        anchor: None,
                    },
                    Item::text(*what),
                ]
            })
            .collect(),
    }));
    Document {
        title: ledger_title(ledger),
        subtitle: format!("Status as of {today}"),
        palette,
        blocks,
    }
}

/// One commitment: its record, its timeline to `today` with an anchor on each entry, its
/// evidence and its gaps.
pub fn commitment(ledger: &Ledger, c: &Commitment, row: &StatusRow, today: Date) -> Document {
    let palette = Palette::new(&ledger.vocabulary);
    let mut record = vec![format!("Owner: {}", c.owner)];
    if !c.partners.is_empty() {
        record.push(format!("Partners: {}", c.partners.join(", ")));
    }
    record.push(format!("Made: {}", c.made));
    if let Some(d) = c.due {
        record.push(format!("Due: {d}"));
    }
    if let Some(f) = &c.funding {
        record.push(format!("Funding: {}", f.display()));
    }
    if !c.tags.is_empty() {
        record.push(format!("Tags: {}", c.tags.join(", ")));
    }
    let flags = row.flags();
    record.push(format!(
        "Status on {today}: {} since {}{}",
        row.status_label,
        row.since,
        if flags.is_empty() {
            String::new()
        } else {
            format!(" ({})", flags.join(", "))
        }
    ));
    let mut blocks = vec![Block::Note(record.join("\n"))];
    if let Some(s) = &c.source {
        blocks.push(Block::Heading("Source".into()));
        let mut line = vec![s.title.clone()];
        line.extend(s.publisher.clone());
        line.extend(s.date.map(|d| d.to_string()));
        line.extend(s.locator.clone());
        blocks.push(Block::Table(Sheet {
            key_columns: 0,
            ids: false,
            headers: vec!["Document".into(), "Quote".into()],
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
                Item::text(format!("Corrected: {}", k.what())),
                Item::List(k.detail().lines().map(String::from).collect()),
                Item::Links(vec![]),
            ],
            TimelineItem::Retraction(r) => vec![
                Item::date(Some(r.date)),
                Item::text(format!("Retracted: {}", r.what())),
                Item::List(vec![r.reason.clone()]),
                Item::Links(vec![]),
            ],
            TimelineItem::Retired(r) => vec![
                Item::date(Some(r.date)),
                Item::text("Retired"),
                Item::List(vec![format!("No longer tracked: {}", r.reason)]),
                Item::Links(vec![]),
            ],
            TimelineItem::Funding(f) => {
                let a = format!("funding-{}-{}", f.date, anchor_id(f.stage.label()));
                let mut detail: Vec<String> = f.note.iter().cloned().collect();
                if f.unsourced {
                    detail.push("UNSOURCED".into());
                }
                vec![
                    Item::Local {
                        text: f.date.to_string(),
                        href: format!("#{a}"),
                        anchor: Some(a),
                    },
                    Item::text(format!(
                        "{}: {}",
                        f.stage.label(),
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
                    detail.push("UNSOURCED".into());
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
                    Item::text("Evidence"),
                    Item::List(
                        [e.publisher.clone(), e.kind.map(|k| k.key().to_string())]
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
    blocks.push(Block::Heading("Timeline".into()));
    blocks.push(Block::Table(Sheet {
        key_columns: 0,
        ids: false,
        headers: ["Date", "Entry", "Detail", "Sources"]
            .map(String::from)
            .to_vec(),
        rows: timeline,
    }));
    blocks.push(Block::Heading("Evidence".into()));
    if c.evidence.is_empty() {
        blocks.push(Block::Note("No evidence recorded.".into()));
    } else {
        blocks.push(Block::Table(Sheet {
            key_columns: 0,
            ids: false,
            headers: ["Id", "Source", "Published", "Kind", "Quote"]
                .map(String::from)
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
                        Item::text(e.kind.map(|k| k.key()).unwrap_or_default()),
                        Item::text(e.quote.clone().unwrap_or_default()),
                    ]
                })
                .collect(),
        }));
    }
    blocks.push(Block::Heading("Gaps".into()));
    if c.gaps.is_empty() {
        blocks.push(Block::Note("No gaps recorded.".into()));
    } else {
        blocks.push(Block::Table(Sheet {
            key_columns: 0,
            ids: false,
            headers: vec!["Checked".into(), "Searched for, not found".into()],
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
    }
}

/// The method page: the ledger's own scale, the evidence standard and the flags.
pub fn method(bulletin: &Bulletin) -> Document {
    let mut blocks = bulletin.method();
    // The page's own title says "Method".
    blocks.remove(0);
    Document {
        title: format!("Method — {}", ledger_title(bulletin.ledger)),
        subtitle: "How statuses, scores and flags are decided".into(),
        palette: Palette::new(&bulletin.ledger.vocabulary),
        blocks,
    }
}
