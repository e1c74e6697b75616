//! Property test of the merge driver (issue 11, item 1): random edits on two sides of a
//! common ancestor — writes made the way the command line makes them, and hand edits
//! (comments, blank lines, changed fields, deleted lines, records reordered or removed) — then
//! `commitments merge-driver`. Whatever it does, every line either side wrote is in the merged
//! file; a clean merge is a valid ledger without markers, and a merge it cannot make is a
//! conflict with standard markers. Cases: PROPTEST_CASES (24 in `cargo test`; stress/merge-props
//! runs thousands).

use std::collections::HashSet;
use std::path::Path;

use commitments::model::{Commitment, Edit, Event, Evidence, Gap, parse_date};
use commitments::store;
use proptest::prelude::*;

use crate::harness::{SAMPLE, Test};

const ODD: &str = include_str!("fixtures/odd.yaml");

#[derive(Debug, Clone)]
enum Op {
    /// A comment line before line `at`, indented like it.
    Comment {
        at: usize,
        word: usize,
    },
    /// A comment at the end of line `at`.
    Inline {
        at: usize,
        word: usize,
    },
    Blank {
        at: usize,
    },
    DeleteLine {
        at: usize,
    },
    /// A `key: value` line given another value.
    Field {
        at: usize,
        value: usize,
    },
    SwapRecords {
        a: usize,
        b: usize,
    },
    DeleteRecord {
        at: usize,
    },
    /// The command line's writes: a few ids, so that both sides often pick the same one.
    Evidence {
        target: usize,
        id: usize,
        url: usize,
    },
    Gap {
        target: usize,
        note: usize,
    },
    Event {
        target: usize,
        day: u32,
        status: usize,
    },
    Add {
        id: usize,
        title: usize,
    },
}

const WORDS: [&str; 6] = [
    "alpha",
    "beta",
    "gamma",
    "checked by Ana",
    "à vérifier",
    "TODO",
];
const VALUES: [&str; 5] = [
    "2026-06-30",
    "2026-12-31",
    "Ministry of Justice",
    "'quoted: value'",
    "Élysée",
];

fn op() -> impl Strategy<Value = Op> {
    let n = || 0usize..200;
    prop_oneof![
        (n(), 0..WORDS.len()).prop_map(|(at, word)| Op::Comment { at, word }),
        (n(), 0..WORDS.len()).prop_map(|(at, word)| Op::Inline { at, word }),
        n().prop_map(|at| Op::Blank { at }),
        n().prop_map(|at| Op::DeleteLine { at }),
        (n(), 0..VALUES.len()).prop_map(|(at, value)| Op::Field { at, value }),
        (0usize..5, 0usize..5).prop_map(|(a, b)| Op::SwapRecords { a, b }),
        (0usize..5).prop_map(|at| Op::DeleteRecord { at }),
        (0usize..5, 0usize..2, 0usize..3).prop_map(|(target, id, url)| Op::Evidence {
            target,
            id,
            url
        }),
        (0usize..5, 0usize..3).prop_map(|(target, note)| Op::Gap { target, note }),
        (0usize..5, 1u32..28, 0usize..3).prop_map(|(target, day, status)| Op::Event {
            target,
            day,
            status
        }),
        (0usize..2, 0usize..2).prop_map(|(id, title)| Op::Add { id, title }),
    ]
}

fn lines(text: &str) -> Vec<&str> {
    text.split_inclusive('\n').collect()
}

/// `text` with `op` made, when the result is still a valid ledger; else `text` as it was.
fn apply(text: &str, op: &Op, side: &str) -> String {
    let path = Path::new("commitments.yaml");
    let Ok(ledger) = store::parse(path, text) else {
        return text.to_string();
    };
    let ls = lines(text);
    let n = ls.len().max(1);
    let indent = |l: &str| l.len() - l.trim_start().len();
    let edited: Option<String> = match *op {
        Op::Comment { at, word } => {
            let at = at % n;
            let pad = " ".repeat(ls.get(at).map_or(0, |l| indent(l)));
            let mut v: Vec<String> = ls.iter().map(|s| s.to_string()).collect();
            v.insert(at, format!("{pad}# {side}: {}\n", WORDS[word]));
            Some(v.concat())
        }
        Op::Inline { at, word } => {
            let at = at % n;
            let l = ls[at];
            (!l.contains('#') && !l.trim().is_empty()).then(|| {
                let mut v: Vec<String> = ls.iter().map(|s| s.to_string()).collect();
                v[at] = format!("{}   # {side}: {}\n", l.trim_end(), WORDS[word]);
                v.concat()
            })
        }
        Op::Blank { at } => {
            let mut v: Vec<String> = ls.iter().map(|s| s.to_string()).collect();
            v.insert(at % n, "\n".into());
            Some(v.concat())
        }
        Op::DeleteLine { at } => {
            let mut v: Vec<String> = ls.iter().map(|s| s.to_string()).collect();
            v.remove(at % n);
            Some(v.concat())
        }
        Op::Field { at, value } => {
            let keyed: Vec<usize> = (0..ls.len())
                .filter(|&i| {
                    let t = ls[i].trim_start();
                    ["due: ", "owner: ", "made: ", "title: ", "publisher: "]
                        .iter()
                        .any(|k| t.starts_with(k))
                })
                .collect();
            (!keyed.is_empty()).then(|| {
                let i = keyed[at % keyed.len()];
                let key = ls[i].trim_start().split(':').next().unwrap();
                let value = match key {
                    "due" | "made" => VALUES[value % 2],
                    _ => VALUES[2 + value % 3],
                };
                let mut v: Vec<String> = ls.iter().map(|s| s.to_string()).collect();
                v[i] = format!("{}{key}: {value}\n", " ".repeat(indent(ls[i])));
                v.concat()
            })
        }
        Op::SwapRecords { a, b } => store::record_spans(text).filter(|s| s.len() > 1).map(|s| {
            let (a, b) = (a % s.len(), b % s.len());
            let (a, b) = (a.min(b), a.max(b));
            if a == b {
                return text.to_string();
            }
            format!(
                "{}{}{}{}{}",
                &text[..s[a].start],
                &text[s[b].clone()],
                &text[s[a].end..s[b].start],
                &text[s[a].clone()],
                &text[s[b].end..]
            )
        }),
        Op::DeleteRecord { at } => store::record_spans(text)
            .filter(|s| !s.is_empty())
            .map(|s| {
                let r = &s[at % s.len()];
                format!("{}{}", &text[..r.start], &text[r.end..])
            }),
        Op::Evidence { target, id, url } if !ledger.commitments.is_empty() => {
            let edit = Edit::AddEvidence {
                commitment: target % ledger.commitments.len(),
                evidence: Evidence {
                    id: ["site-2025-06-01", "gov-2025-07-01"][id].into(),
                    title: format!("Page {url}"),
                    publisher: None,
                    url: format!("https://example.org/{url}"),
                    published: parse_date("2025-06-01").ok(),
                    accessed: None,
                    kind: None,
                    quote: None,
                },
            };
            store::edited_text(path, text, &ledger, &[edit]).ok()
        }
        Op::Gap { target, note } if !ledger.commitments.is_empty() => {
            let edit = Edit::AddGap {
                commitment: target % ledger.commitments.len(),
                gap: Gap {
                    note: format!("Gap {note}: nothing found"),
                    checked: parse_date("2026-11-01").ok(),
                },
            };
            store::edited_text(path, text, &ledger, &[edit]).ok()
        }
        Op::Event {
            target,
            day,
            status,
        } if !ledger.commitments.is_empty() => {
            let statuses = ledger.vocabulary.statuses();
            let edit = Edit::AddEvent {
                commitment: target % ledger.commitments.len(),
                event: Event {
                    date: parse_date(&format!("2025-09-{day:02}")).unwrap(),
                    status: statuses[status % statuses.len()].key.clone(),
                    note: Some(format!("seen by {side}")),
                    evidence: Vec::new(),
                    unsourced: true,
                    recorded_by: Some(side.into()),
                    recorded_at: None,
                },
            };
            store::edited_text(path, text, &ledger, &[edit]).ok()
        }
        Op::Add { id, title } => {
            let made = parse_date("2025-03-31").unwrap();
            let c = Commitment {
                id: ["new-one", "new-two"][id].into(),
                // Made by the program, so different on each side.
                uuid: Some(uuid::Uuid::new_v4()),
                title: format!("Added commitment {title}"),
                owner: "Italy".into(),
                partners: Vec::new(),
                made,
                due: None,
                tags: Vec::new(),
                funding: None,
                funding_history: Vec::new(),
                parent: None,
                weight: None,
                source: None,
                evidence: Vec::new(),
                history: vec![Event {
                    date: made,
                    status: ledger.vocabulary.statuses()[0].key.clone(),
                    note: Some("Added without a source document.".into()),
                    evidence: Vec::new(),
                    unsourced: true,
                    recorded_by: Some(side.into()),
                    recorded_at: None,
                }],
                gaps: Vec::new(),
                description: None,
                notes: None,
                extra: Vec::new(),
                corrections: Vec::new(),
                retired: None,
                retractions: Vec::new(),
            };
            store::edited_text(path, text, &ledger, &[Edit::AddCommitment(Box::new(c))]).ok()
        }
        _ => None,
    };
    match edited {
        Some(t) if store::parse(path, &t).is_ok() => t,
        _ => text.to_string(),
    }
}

/// Runs the driver on BASE with both sides' edits and checks what it left; returns its exit
/// code.
fn check(base: &str, ours_ops: &[Op], theirs_ops: &[Op]) -> Result<Option<i32>, TestCaseError> {
    let ours = ours_ops
        .iter()
        .fold(base.to_string(), |t, op| apply(&t, op, "ours"));
    let theirs = theirs_ops
        .iter()
        .fold(base.to_string(), |t, op| apply(&t, op, "theirs"));
    let t = Test::new().env("COMMITMENTS_FILE", "ours");
    let dir = t.dir.path();
    for (name, text) in [("base", base), ("ours", &ours), ("theirs", &theirs)] {
        std::fs::write(dir.join(name), text).unwrap();
    }
    let out = t.then(&["merge-driver", "base", "ours", "theirs", "commitments.yaml"]);
    let merged = std::fs::read_to_string(dir.join("ours")).unwrap();
    let said = format!("{}{}", out.stdout, out.stderr);
    prop_assert!(
        !said.contains("panicked") && !said.contains("internal error"),
        "{}",
        said
    );
    for rust in ["Some(", "None", "Evidence {", "Event {"] {
        prop_assert!(!said.contains(rust), "Rust notation in:\n{}", said);
    }
    // What the driver said it renamed or replaced on purpose.
    let mut renames = Vec::new();
    for line in said.lines() {
        if let Some((_, rest)) = line.split_once("evidence `")
            && let Some((from, rest)) = rest.split_once('`')
            && let Some((_, rest)) = rest.split_once("theirs is kept as `")
            && let Some((to, _)) = rest.split_once('`')
        {
            renames.push((from.to_string(), to.to_string()));
        }
    }
    let replaced: Vec<&str> = said
        .match_indices("(theirs had ")
        .flat_map(|(i, _)| {
            said[i + "(theirs had ".len()..]
                .split(')')
                .next()
                .unwrap()
                .split(", ")
        })
        .collect();
    let have: HashSet<&str> = merged.lines().map(str::trim_end).collect();
    let before: HashSet<&str> = base.lines().map(str::trim_end).collect();
    let kept = |side: &str| -> HashSet<String> {
        side.lines().map(|l| l.trim_end().to_string()).collect()
    };
    let (o, th) = (kept(&ours), kept(&theirs));
    let present = |l: &str| {
        have.contains(l)
            || renames
                .iter()
                .any(|(from, to)| have.contains(l.replace(from.as_str(), to).as_str()))
            || replaced.contains(&l.trim_start().trim_start_matches("- "))
    };
    for (who, side) in [("ours", &o), ("theirs", &th)] {
        for l in side.iter().filter(|l| !before.contains(l.as_str())) {
            prop_assert!(
                present(l),
                "{} wrote {:?}, missing from the merge (exit {:?}):\n{}\n--- merged:\n{}\n--- ours:\n{}\n--- theirs:\n{}",
                who,
                l,
                out.code,
                said,
                merged,
                ours,
                theirs
            );
        }
    }
    // A line of BASE is there as often as it was, less the copies either side removed. What
    // a side removed is read from a line diff, not from how often the line occurs: a side
    // that deletes one record and adds another with the same `made:` line has the same
    // count, but one of the old copies is gone on purpose.
    let count = |text: &str, l: &str| text.lines().filter(|m| m.trim_end() == l).count();
    let removed = |side: &str| -> Vec<String> {
        let b: Vec<&str> = base.lines().map(str::trim_end).collect();
        let s: Vec<&str> = side.lines().map(str::trim_end).collect();
        similar::capture_diff_slices(similar::Algorithm::Myers, &b, &s)
            .iter()
            .filter(|op| op.tag() != similar::DiffTag::Equal)
            .flat_map(|op| b[op.old_range()].iter().map(|l| l.to_string()))
            .collect()
    };
    let (ours_removed, theirs_removed) = (removed(&ours), removed(&theirs));
    for l in &before {
        let gone = ours_removed
            .iter()
            .chain(&theirs_removed)
            .filter(|r| r == l)
            .count();
        let n = count(base, l).saturating_sub(gone);
        prop_assert!(
            count(&merged, l) >= n || replaced.contains(&l.trim_start().trim_start_matches("- ")),
            "untouched {:?} lost (base had {}, the sides removed {}):\n{}\n--- merged:\n{}",
            l,
            count(base, l),
            gone,
            said,
            merged
        );
    }
    // stress/merge-props tallies how the cases ended.
    if let Ok(log) = std::env::var("MERGE_PROPS_LOG") {
        use std::io::Write as _;
        let mut f = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(log)
            .unwrap();
        let _ = writeln!(
            f,
            "{}",
            if out.code == Some(0) {
                "clean"
            } else {
                "conflict"
            }
        );
    }
    let markers = merged.lines().any(|l| l.starts_with("<<<<<<<"))
        && merged.lines().any(|l| l.starts_with(">>>>>>>"));
    match out.code {
        Some(0) => {
            prop_assert!(!markers, "a clean merge with markers:\n{}", merged);
            prop_assert!(
                store::parse(Path::new("merged"), &merged).is_ok(),
                "a clean merge that is not a valid ledger:\n{}",
                merged
            );
        }
        Some(1) => prop_assert!(markers, "a conflict without markers:\n{}\n{}", said, merged),
        other => prop_assert!(false, "exit {:?}: {}", other, said),
    }
    Ok(out.code)
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(24),
        ..ProptestConfig::default()
    })]

    #[test]
    fn a_merge_keeps_every_line_or_says_conflict(
        odd in any::<bool>(),
        ours in prop::collection::vec(op(), 0..5),
        theirs in prop::collection::vec(op(), 0..5),
    ) {
        check(if odd { ODD } else { SAMPLE }, &ours, &theirs)?;
    }
}

/// Reported from a random seed: both sides add the same commitment (with their own UUIDs),
/// ours puts a comment on the second record's `made:` line, theirs removes the first record.
/// Counted by occurrence, `made: 2025-03-31` was as often on each side as before, so the
/// driver took the record's removal for a lost line and called a conflict; the lines were
/// all where they belong, and the merge is clean.
#[test]
fn both_add_one_commitment_and_theirs_removes_a_record() {
    let ours = [Op::Inline { at: 47, word: 0 }, Op::Add { id: 1, title: 0 }];
    let theirs = [Op::Add { id: 1, title: 0 }, Op::DeleteRecord { at: 0 }];
    for (name, base) in [("sample", SAMPLE), ("odd", ODD)] {
        match check(base, &ours, &theirs) {
            Ok(code) => assert_eq!(code, Some(0), "{name}: not merged cleanly"),
            Err(e) => panic!("{name}: {e}"),
        }
    }
}
