//! Property test: random sequences of add / evidence / update / gap, through the real write
//! path, on ledgers full of comments, blank lines and unusual but valid formatting (flow lists,
//! quoted and block strings, CRLF, a byte-order mark, comments at odd indents, a directive and
//! document markers). After every write, every comment is still there and the file reads back
//! as exactly the expected records.

use std::path::Path;

use commitments::model::{Commitment, Edit, Event, Evidence, Gap, Ledger, SOURCE_REF, parse_date};
use commitments::store::{self, Change};
use proptest::prelude::*;

const ODD: &str = include_str!("fixtures/odd.yaml");
use crate::harness::SAMPLE;

#[derive(Debug, Clone)]
enum Op {
    Add {
        title: String,
        owner: String,
    },
    Evidence {
        target: usize,
        title: String,
        quote: Option<String>,
    },
    Update {
        target: usize,
        status: usize,
        note: String,
    },
    Gap {
        target: usize,
        note: String,
    },
}

/// Text a person might type or paste, including what YAML treats specially.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => "[a-zA-Z0-9 ,.:#'\"&*!|>%@?{}\\[\\]\\-éü中€]{1,40}",
        1 => prop::sample::select(vec![
            "null", "~", "yes", "No", "true", "1e3", "0x10", "012", "2025-03-31", "- item",
            "key: value", "# not a comment", "'quoted'", "\"double\"", "@at", "`tick`", "%pct",
            "!tag", "&anchor", "*alias", "a\nsecond line", " leading space", "trailing space ",
            "tab\there", "…", "∅", "🙂",
        ])
        .prop_map(String::from),
    ]
    .prop_filter("the CLI refuses empty text", |t| !t.trim().is_empty())
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        (text(), text()).prop_map(|(title, owner)| Op::Add { title, owner }),
        (any::<usize>(), text(), prop::option::of(text())).prop_map(|(target, title, quote)| {
            Op::Evidence {
                target,
                title,
                quote,
            }
        }),
        (any::<usize>(), any::<usize>(), text()).prop_map(|(target, status, note)| Op::Update {
            target,
            status,
            note
        }),
        (any::<usize>(), text()).prop_map(|(target, note)| Op::Gap { target, note }),
    ]
}

/// The base ledger (by name, so a failing case prints readably), with or without CRLF line
/// endings and a byte-order mark.
fn base() -> impl Strategy<Value = (&'static str, bool, bool)> {
    (
        prop::sample::select(vec!["odd", "sample"]),
        any::<bool>(),
        any::<bool>(),
    )
}

fn base_bytes((name, crlf, bom): (&str, bool, bool)) -> Vec<u8> {
    let text = if name == "odd" { ODD } else { SAMPLE };
    let text = if crlf {
        text.replace('\n', "\r\n")
    } else {
        text.to_string()
    };
    let mut bytes = if bom {
        "\u{feff}".as_bytes().to_vec()
    } else {
        Vec::new()
    };
    bytes.extend_from_slice(text.as_bytes());
    bytes
}

/// Every comment line and trailing comment of the fixtures: `# c01`, `# c02`, … and the
/// sample's, as the full text from `#` to the end of the line.
fn comments(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut in_block = false;
    for line in text.lines() {
        let line = line.trim_end_matches('\r');
        // The one block scalar whose text holds a `#` is not a comment.
        if line.starts_with("description: >-") {
            in_block = true;
            continue;
        }
        if in_block && line.starts_with("  ") {
            continue;
        }
        in_block = false;
        // A comment starts a line or follows a space, outside double quotes.
        let start = line.find(" # ").map(|i| i + 1).or_else(|| {
            line.trim_start()
                .starts_with('#')
                .then(|| line.find('#').unwrap_or(0))
        });
        if let Some(i) = start
            && line[..i].matches('"').count().is_multiple_of(2)
        {
            found.push(line[i..].to_string());
        }
    }
    found
}

fn edit_for(ledger: &Ledger, op: &Op, n: usize) -> Option<Edit> {
    let date = parse_date("2026-11-20").ok()?;
    let count = ledger.commitments.len();
    match op {
        Op::Add { title, owner } => Some(Edit::AddCommitment(Box::new(Commitment {
            id: format!("prop-{n}"),
            uuid: None,
            title: title.clone(),
            owner: owner.clone(),
            partners: vec![owner.clone()],
            made: date,
            due: None,
            tags: vec![format!("tag-{n}")],
            funding: None,
            funding_history: vec![],
            parent: None,
            weight: None,
            source: None,
            evidence: vec![],
            history: vec![Event {
                date,
                status: ledger.vocabulary.initial().key.clone(),
                note: Some(title.clone()),
                evidence: vec![],
                unsourced: true,
                recorded_by: Some(owner.clone()),
                recorded_at: None,
            }],
            gaps: vec![],
            description: None,
            notes: None,
            extra: Vec::new(),
            corrections: Vec::new(),
            retired: None,
            retractions: Vec::new(),
        }))),
        Op::Evidence {
            target,
            title,
            quote,
        } if count > 0 => Some(Edit::AddEvidence {
            commitment: target % count,
            evidence: Evidence {
                id: format!("prop-evidence-{n}"),
                title: title.clone(),
                publisher: quote.clone(),
                url: format!("https://example.org/{n}?q=a:b#frag"),
                published: None,
                accessed: Some(date),
                kind: None,
                quote: quote.clone(),
            },
        }),
        Op::Update {
            target,
            status,
            note,
        } if count > 0 => {
            let c = &ledger.commitments[target % count];
            let keys = ledger.vocabulary.keys();
            let cite = c
                .evidence
                .first()
                .map(|e| e.id.clone())
                .or_else(|| c.source.as_ref().map(|_| SOURCE_REF.to_string()));
            Some(Edit::AddEvent {
                commitment: target % count,
                event: Event {
                    date: date.max(c.made),
                    status: keys[status % keys.len()].to_string(),
                    note: Some(note.clone()),
                    unsourced: cite.is_none(),
                    evidence: cite.into_iter().collect(),
                    recorded_by: Some("prop".into()),
                    recorded_at: None,
                },
            })
        }
        Op::Gap { target, note } if count > 0 => Some(Edit::AddGap {
            commitment: target % count,
            gap: Gap {
                note: note.clone(),
                checked: Some(date),
            },
        }),
        _ => None,
    }
}

fn run(dir: &Path, base: &[u8], ops: &[Op]) -> Result<(), TestCaseError> {
    let path = dir.join("commitments.yaml");
    std::fs::write(&path, base).unwrap();
    let original = String::from_utf8_lossy(base).into_owned();
    let kept = comments(original.trim_start_matches('\u{feff}'));
    prop_assert!(kept.len() >= 8, "the comment scan found {kept:?}");
    let mut expected = store::load(&path)
        .map_err(|e| TestCaseError::fail(e.to_string()))?
        .ledger;
    for (n, op) in ops.iter().enumerate() {
        let Some(edit) = edit_for(&expected, op, n) else {
            continue;
        };
        let written = store::modify(&path, |_| {
            Ok((
                Change {
                    edits: vec![edit.clone()],
                },
                (),
            ))
        });
        prop_assert!(
            written.is_ok(),
            "{op:?} was refused: {}",
            written.err().map(|e| e.to_string()).unwrap_or_default()
        );
        expected.apply(&edit);
        let loaded = store::load(&path).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert!(loaded.ledger == expected, "after {op:?} the records differ");
        let bytes = std::fs::read(&path).unwrap();
        prop_assert_eq!(
            bytes.starts_with("\u{feff}".as_bytes()),
            base.starts_with("\u{feff}".as_bytes())
        );
        let now = String::from_utf8(bytes).unwrap();
        for c in &kept {
            prop_assert!(
                now.contains(c.as_str()),
                "after {:?} the comment {:?} is gone:\n{}",
                op,
                c,
                now
            );
        }
        if original.contains("\r\n") {
            let lone = now
                .match_indices('\n')
                .filter(|(i, _)| !now[..*i].ends_with('\r'))
                .count();
            prop_assert_eq!(lone, 0, "a line ends in LF in a CRLF file:\n{}", now);
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(64),
        ..ProptestConfig::default()
    })]

    #[test]
    fn hand_edits_survive_random_writes(base in base(), ops in prop::collection::vec(op(), 1..8)) {
        let dir = tempfile::tempdir().unwrap();
        run(dir.path(), &base_bytes(base), &ops)?;
    }
}

/// The scan the property relies on finds every comment of the odd fixture, and no `#` that
/// is text.
#[test]
fn the_comment_scan_finds_every_comment() {
    let found = comments(ODD);
    let markers: Vec<&str> = found.iter().filter_map(|c| c.get(2..5)).collect();
    let expected: Vec<String> = (1..=17)
        .filter(|n| *n != 5)
        .map(|n| format!("c{n:02}"))
        .collect();
    assert_eq!(markers, expected, "{found:#?}");
}
