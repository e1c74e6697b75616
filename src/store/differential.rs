//! The fast reader against the general one: on every file either both give the same ledger,
//! or both refuse it with the same problems. Generated ledgers, the shipped ledger, the test
//! fixtures, and small mutations of them (the hand edits that go wrong), drawn and shrunk by
//! proptest.
//!
//! Longer than 400 lines on purpose: tests only, and half of it data (the tokens and values
//! that slips are made of).

use std::path::Path;

use proptest::prelude::*;
use proptest::sample::Index;
use proptest::strategy::ValueTree as _;

use super::{fast, parse, parse_general, parse_outlined};
use crate::synthetic;

const FIXTURES: &[(&str, &str)] = &[
    ("commitments.yaml", include_str!("../../commitments.yaml")),
    (
        "sample.yaml",
        include_str!("../../tests/fixtures/sample.yaml"),
    ),
    (
        "four-space.yaml",
        include_str!("../../tests/fixtures/four-space.yaml"),
    ),
    (
        "flow-empty.yaml",
        include_str!("../../tests/fixtures/flow-empty.yaml"),
    ),
];

/// Both readers agree on `text`; returns whether the fast reader took every record.
#[track_caller]
fn agree(text: &str) -> bool {
    let path = Path::new("x.yaml");
    let general = parse_general(path, text);
    let first = parse_outlined(path, text);
    match (&first, &general) {
        (Ok((a, _)), Ok(b)) => assert!(a == b, "readers differ on:\n{text}"),
        (Err(a), Err(b)) => assert_eq!(a.to_string(), b.to_string(), "on:\n{text}"),
        _ => panic!(
            "one reader accepts, the other refuses:\nfast first: {:?}\ngeneral: {:?}\non:\n{text}",
            first.as_ref().err().map(ToString::to_string),
            general.as_ref().err().map(ToString::to_string)
        ),
    }
    match fast::outline(text) {
        Some(o) => o
            .records
            .iter()
            .all(|r| fast::record(&text[r.content.start..r.end]).is_some()),
        None => false,
    }
}

/// The fields of issue 12 — funding events, parents and weights, the team's own text and
/// `extra:` fields — read alike by both readers, by the fast one without handing over, and
/// refused alike when they are wrong.
#[test]
fn money_parents_and_own_fields_are_read_alike() {
    let text = "version: 1\ncommitments:\n  - id: pledge\n    title: A pledge\n    owner: All\n    made: 2025-03-31\n    description: \"What it is — « en partie »\"\n    notes: 'Checked: twice'\n    extra:\n      title_fr: Un engagement\n      confidence: high\n      code: \"007\"\n    funding: {amount: 3000000, currency: GBP}\n    funding_history:\n      - date: 2025-06-01\n        stage: allocated\n        amount: 3230000\n        currency: GBP\n        unsourced: true\n        note: a letter\n      - {date: 2025-07-01, stage: spent, amount: 10, currency: GBP, unsourced: true, note: b}\n    history:\n      - {date: 2025-03-31, status: announced, unsourced: true, note: x}\n  - id: child\n    title: A child\n    owner: France\n    parent: pledge\n    weight: 2\n    made: 2025-03-31\n    history:\n      - {date: 2025-03-31, status: announced, unsourced: true, note: x}\n";
    assert!(agree(text), "the fast reader reads these records itself");
    let l = parse(Path::new("x.yaml"), text).unwrap();
    assert_eq!(l.commitments[0].extra[2], ("code".into(), "007".into()));
    assert_eq!(l.commitments[0].funding_history[0].amount, 3_230_000.0);
    // A fraction, read alike.
    let fraction = text.replacen("3230000", "3230000.5", 1);
    agree(&fraction);
    let l2 = parse(Path::new("x.yaml"), &fraction).unwrap();
    assert_eq!(l2.commitments[0].funding_history[0].amount, 3_230_000.5);
    assert_eq!(l.commitments[1].parent.as_deref(), Some("pledge"));
    for (from, to) in [
        ("parent: pledge", "parent: nobody"),
        ("parent: pledge", "parent: child"),
        ("stage: allocated", "stage: committed"),
        ("currency: GBP, unsourced", "currency: EUR, unsourced"),
        ("weight: 2", "weight: -2"),
        ("      confidence: high\n", "      confidence: [high]\n"),
        (
            "      confidence: high\n",
            "      confidence: high\n      confidence: low\n",
        ),
    ] {
        let bad = text.replacen(from, to, 1);
        assert_ne!(bad, text, "{from}");
        agree(&bad);
        assert!(parse(Path::new("x.yaml"), &bad).is_err(), "{to}");
    }
}

/// `corrections:` (issue 12, item 4): read alike by both readers, by the fast one itself,
/// and refused alike when an entry is wrong.
#[test]
fn corrections_are_read_alike() {
    let text = "version: 1\ncommitments:\n  - id: pledge\n    title: Un engagement écrit  # fixed\n    owner: All\n    made: 2025-03-31\n    evidence:\n      - id: un-press\n        title: Communiqué\n        url: https://example.org/b\n    history:\n      - date: 2025-03-31\n        status: announced\n        evidence:\n          - un-press\n    corrections:\n      - date: 2026-12-01\n        field: title\n        old: A pledge\n        new: Un engagement écrit\n        reason: \"Le titre était faux\"\n        recorded_by: Ana\n        recorded_at: 2026-12-01T10:00:00Z\n      - date: 2026-12-01\n        field: url\n        evidence: un-press\n        old: https://example.org/a\n        new: https://example.org/b\n        reason: moved\n    retired:\n      date: 2026-12-02\n      reason: \"Abandonné — fusionné\"\n      recorded_by: Ana\n    retractions:\n      - date: 2026-12-03\n        evidence: un-press\n        reason: « mauvaise page »\n";
    assert!(agree(text), "the fast reader reads these records itself");
    let l = parse(Path::new("x.yaml"), text).unwrap();
    let k = &l.commitments[0].corrections;
    assert_eq!(k.len(), 2);
    assert_eq!(k[0].old.as_deref(), Some("A pledge"));
    assert_eq!(k[0].reason, "Le titre était faux");
    assert_eq!(k[1].evidence.as_deref(), Some("un-press"));
    let r = l.commitments[0].retired.as_ref().unwrap();
    assert_eq!(r.reason, "Abandonné — fusionné");
    assert_eq!(l.commitments[0].retractions[0].reason, "« mauvaise page »");
    for (from, to) in [
        ("field: title", "field: colour"),
        ("evidence: un-press\n", "evidence: nobody\n"),
        ("        reason: \"Le titre était faux\"\n", ""),
        ("date: 2026-12-01\n", "date: 2026-13-01\n"),
        ("reason: moved\n", "reason: moved\n        extra_key: x\n"),
        ("      date: 2026-12-02\n", ""),
        ("      recorded_by: Ana\n", "      by: Ana\n"),
        (
            "        evidence: un-press\n        reason: «",
            "        evidence: nope\n        reason: «",
        ),
        (
            "        evidence: un-press\n        reason: «",
            "        event: 2024-01-01\n        reason: «",
        ),
        (
            "        evidence: un-press\n        reason: «",
            "        reason: «",
        ),
    ] {
        let bad = text.replacen(from, to, 1);
        assert_ne!(bad, text, "{from}");
        agree(&bad);
        assert!(parse(Path::new("x.yaml"), &bad).is_err(), "{to}");
    }
}

#[test]
fn generated_ledgers_are_read_alike_and_fast() {
    for seed in 1..=12 {
        let text = synthetic::ledger(&synthetic::Options {
            commitments: 25,
            events: 1 + seed as usize % 6,
            evidence: seed as usize % 5,
            seed,
        });
        assert!(agree(&text), "seed {seed}: a record took the slow path");
        assert!(parse_outlined(Path::new("x"), &text).unwrap().1.is_some());
    }
}

#[test]
fn shipped_and_fixture_ledgers_are_read_alike() {
    for (name, text) in FIXTURES {
        agree(text);
        // The shipped ledger is written by the CLI, so every record is in the usual shape,
        // which the fast reader reads itself; only a text of several lines (a `|` block, as a
        // correction of a list writes its old and new items) is left to the general reader.
        if *name == "commitments.yaml" {
            let outline = fast::outline(text).expect("the shipped ledger has records");
            for r in &outline.records {
                let record = &text[r.content.start..r.end];
                assert!(
                    fast::record(record).is_some() || record.contains(": |"),
                    "{name}: a record the fast reader hands over:\n{record}"
                );
            }
        }
    }
}

#[test]
fn crlf_and_odd_but_valid_shapes_are_read_alike() {
    let crlf = FIXTURES[1].1.replace('\n', "\r\n");
    agree(&crlf);
    for text in [
        "version: 1\ncommitments:\n- id: a\n  title: T\n  owner: O\n  made: 2025-01-01\n  history:\n  - date: 2025-01-01\n    status: announced\n    unsourced: true\n    note: n\n",
        "commitments:\n  -   id: a\n      title: T\n      owner: O\n      made: 2025-01-01\n      history: [{date: 2025-01-01, status: announced, unsourced: true, note: n}]\n",
        "commitments:\n  -\n    id: a\n    title: 'It''s'\n    owner: \"O\\u00e9\\x41\\t\"\n    made: 2025-01-01   # c\n    history:\n      - date: 2025-01-01\n        status: announced\n        unsourced: True\n        note: x #y\n",
        "commitments:\n  - id: a\n    title: T\n    owner: O\n    made: 2025-01-01\n    funding: {amount: 3000000, currency: GBP}\n    history:\n      - {date: 2025-01-01, status: announced, evidence: [source]}\n    source: {title: S}\nversion: 1\n",
        "---\ncommitments:\n  - id: a\n    title: T\n    owner: O\n    made: 2025-01-01\n    history:\n      - date: 2025-01-01\n        status: announced\n        unsourced: true\n        note: n\n...\n",
    ] {
        agree(text);
    }
}

/// What YAML would make a number, a boolean or a float is read as the characters written,
/// by both readers: `1.50` is not `1.5`, and an id `0x1f` is not the id `31`.
#[test]
fn scalars_are_read_as_written_by_both_readers() {
    let record = |id: &str, title: &str| {
        format!(
            "  - id: {id}\n    title: {title}\n    owner: O\n    made: 2025-01-01\n    tags: [007, 1.50, TRUE]\n    source: {{title: S, locator: 6.10}}\n    history:\n      - date: 2025-01-01\n        status: announced\n        unsourced: TRUE\n        note: 1e3\n"
        )
    };
    for (id, title) in [
        ("1e3", "1.50"),
        ("0x1f", "007"),
        ("31", "TRUE"),
        ("a", ".inf"),
        ("b", "-1"),
        ("c", "0o17"),
        ("d", "1_000"),
        ("e", "yes"),
    ] {
        let text = format!("version: 1\ncommitments:\n{}", record(id, title));
        assert!(agree(&text), "{text}");
        let ledger = parse_general(Path::new("x"), &text).unwrap();
        let c = &ledger.commitments[0];
        assert_eq!((c.id.as_str(), c.title.as_str()), (id, title));
        assert_eq!(c.tags, ["007", "1.50", "TRUE"]);
        assert_eq!(c.source.as_ref().unwrap().locator.as_deref(), Some("6.10"));
        assert_eq!(c.history[0].note.as_deref(), Some("1e3"));
    }
    // `0x1f` and `"31"` are two ids, not one written twice.
    let text = format!(
        "version: 1\ncommitments:\n{}{}",
        record("0x1f", "a"),
        record("\"31\"", "b")
    );
    assert!(agree(&text));
    assert_eq!(
        parse_general(Path::new("x"), &text)
            .unwrap()
            .commitments
            .len(),
        2
    );
    // YAML's null is no value, wherever a value is needed; both readers say so alike.
    for null in ["~", "null", "", "NULL"] {
        let text = format!("version: 1\ncommitments:\n{}", record("a", null));
        agree(&text);
        let e = parse_general(Path::new("x"), &text)
            .unwrap_err()
            .to_string();
        assert!(e.contains("`title` has no value"), "{null}: {e}");
    }
}

/// What people and tools do to YAML by accident, and the constructs the fast reader must
/// leave alone.
const TOKENS: &[&str] = &[
    " ",
    "\n",
    "  ",
    "- ",
    ": ",
    ":",
    "#",
    " #",
    "\"",
    "'",
    "\\",
    "[",
    "]",
    "{",
    "}",
    ",",
    "&a ",
    "*a",
    "!!str ",
    "! ",
    "|",
    ">-",
    "\t",
    "\r",
    "\r\n",
    "~",
    "null",
    "yes",
    "true",
    "True",
    "1",
    "01",
    "-",
    ".",
    "é",
    "\u{85}",
    "\u{2028}",
    "\u{feff}",
    "\u{7}",
    "---\n",
    "...\n",
    "%YAML 1.2\n",
    "<<: ",
    "? ",
    "x: y",
    "\\x41",
    "\\u00e9",
    "\\q",
    "''",
    "1e3",
    "0x1",
    "0x1f",
    "1.50",
    "007",
    "TRUE",
    ".inf",
    "+1",
    "inf",
    "2025-13-01",
    "id: b",
    "- id: z\n",
    "\n  - ",
    "\n    ",
    "evidence: [source]",
];

/// Values whose type, not only whose text, a reader must get right.
const SCALARS: &[&str] = &[
    "yes",
    "No",
    "ON",
    "off",
    "y",
    "n",
    "~",
    "null",
    "Null",
    "NULL",
    "true",
    "False",
    "TRUE",
    "1",
    "0",
    "-1",
    "+1",
    "01",
    "0o17",
    "0x1F",
    "0b101",
    "1_000",
    "1.5",
    "-1.5",
    ".5",
    "1e3",
    "1E-3",
    ".inf",
    "-.inf",
    ".NaN",
    "inf",
    "nan",
    "Infinity",
    "1:30",
    "2025-03-31",
    "2025-3-31",
    "2025-03-31T10:00:00Z",
    "2025-03-31T10:00:00.5+01:00",
    "2025-03-31 10:00:00",
    "20250331",
    "3f2b8c1e-9d4a-4e6b-8f0a-2c5d7e9b1a34",
    "123e4567-e89b-12d3-a456-426614174000",
    "12345678901234567890",
    "18446744073709551615",
    "999999999999999999",
    "0.0",
    "00",
    "-0",
    "+.5",
    "1.",
    "1e",
    "e1",
    "é1",
    "1é",
    "£3m",
    "3m",
    "GBP 3m",
    "@x",
    "`x",
    "%x",
    "x%",
    "a b",
    "a  #b",
    "a#b",
    "a:b",
    "a: b",
    "a:",
    "-a",
    "--a",
    "?a",
    ":a",
    ",a",
    "a,",
    "[a]",
    "{a}",
    "[]",
    "{}",
    "'a'",
    "\"a\"",
    "\"a\\nb\"",
    "'a''b'",
    "\"\\x41\\u00e9\\U0001F600\"",
    "\"\\ud800\"",
    "\"\\x\"",
    "!!str 1",
    "!!int 1",
    "&x a",
    "*x",
    "\"\"",
    "''",
    "|",
    "x\ty",
    "\"x\ty\"",
];

fn char_boundary(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// One accidental edit of a ledger's text. Positions and choices are proptest's `Index`,
/// which picks within whatever length the text has by then and shrinks towards the start.
#[derive(Debug, Clone)]
enum Slip {
    /// A token of `TOKENS` typed somewhere.
    Insert { at: Index, token: Index },
    /// The value after a `: ` replaced by one of `SCALARS`, which tests type resolution.
    Value { at: Index, scalar: Index },
    /// One to six characters deleted.
    Delete { at: Index, len: usize },
    /// A line duplicated, removed, indented, dedented or swapped with the next.
    Line { line: Index, op: LineOp },
}

#[derive(Debug, Clone, Copy)]
enum LineOp {
    Duplicate,
    Remove,
    Indent(usize),
    Dedent(usize),
    SwapWithNext,
}

fn slip() -> impl Strategy<Value = Slip> {
    let op = prop_oneof![
        Just(LineOp::Duplicate),
        Just(LineOp::Remove),
        (1..=2usize).prop_map(LineOp::Indent),
        (1..=2usize).prop_map(LineOp::Dedent),
        Just(LineOp::SwapWithNext),
    ];
    prop_oneof![
        2 => (any::<Index>(), any::<Index>()).prop_map(|(at, token)| Slip::Insert { at, token }),
        2 => (any::<Index>(), any::<Index>()).prop_map(|(at, scalar)| Slip::Value { at, scalar }),
        1 => (any::<Index>(), 1..=6usize).prop_map(|(at, len)| Slip::Delete { at, len }),
        3 => (any::<Index>(), op).prop_map(|(line, op)| Slip::Line { line, op }),
    ]
}

/// A base ledger and one to three slips made in it.
fn slipped_ledger() -> impl Strategy<Value = (usize, Vec<Slip>)> {
    (0..3usize, prop::collection::vec(slip(), 1..=3))
}

/// The small ledgers the slips are made in: two fixtures and a generated one.
fn bases() -> [String; 3] {
    let small = synthetic::ledger(&synthetic::Options {
        commitments: 3,
        events: 2,
        evidence: 2,
        seed: 7,
    });
    [FIXTURES[1].1.to_string(), FIXTURES[2].1.to_string(), small]
}

fn apply(text: &str, slips: &[Slip]) -> String {
    let mut t = text.to_string();
    for slip in slips {
        match slip {
            Slip::Insert { at, token } => {
                let at = char_boundary(&t, at.index(t.len() + 1));
                t.insert_str(at, TOKENS[token.index(TOKENS.len())]);
            }
            Slip::Value { at, scalar } => {
                let at = char_boundary(&t, at.index(t.len() + 1));
                if let Some(i) = t[at..].find(": ").map(|i| at + i + 2) {
                    let end = t[i..].find('\n').map_or(t.len(), |e| i + e);
                    t.replace_range(i..end, SCALARS[scalar.index(SCALARS.len())]);
                }
            }
            Slip::Delete { at, len } => {
                let at = char_boundary(&t, at.index(t.len() + 1));
                let end = char_boundary(&t, (at + len).min(t.len()));
                t.replace_range(at..end, "");
            }
            Slip::Line { line, op } => {
                let mut lines: Vec<String> = t.split('\n').map(str::to_string).collect();
                let i = line.index(lines.len());
                match *op {
                    LineOp::Duplicate => lines.insert(i, lines[i].clone()),
                    LineOp::Remove => {
                        lines.remove(i);
                    }
                    LineOp::Indent(n) => lines[i].insert_str(0, &" ".repeat(n)),
                    LineOp::Dedent(n) => {
                        let spaces = lines[i].len() - lines[i].trim_start_matches(' ').len();
                        lines[i].replace_range(..spaces.min(n), "");
                    }
                    LineOp::SwapWithNext if i + 1 < lines.len() => lines.swap(i, i + 1),
                    LineOp::SwapWithNext => {}
                }
                t = lines.join("\n");
            }
        }
    }
    t
}

proptest! {
    // `PROPTEST_CASES=200000 cargo test --release --lib mutated_ledgers` for a long run.
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(500),
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn mutated_ledgers_are_read_alike((base, slips) in slipped_ledger()) {
        let bases = bases();
        agree(&apply(&bases[base], &slips));
    }
}

/// The slips must exercise the fast reader, not only its refusals: of the slipped ledgers
/// that stay valid, more than a quarter are read fast through and through.
#[test]
fn slipped_ledgers_that_stay_valid_are_mostly_read_fast() {
    let bases = bases();
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let strategy = slipped_ledger();
    let (mut fast, mut valid) = (0, 0);
    for _ in 0..300 {
        let (base, slips) = strategy.new_tree(&mut runner).unwrap().current();
        let text = apply(&bases[base], &slips);
        let all_fast = agree(&text);
        if parse_general(Path::new("x"), &text).is_ok() {
            valid += 1;
            fast += usize::from(all_fast);
        }
    }
    assert!(valid > 30, "only {valid} of 300 stayed valid");
    assert!(fast > valid / 4, "{fast} of {valid}");
}

mod splice {
    //! Edits spliced into one record give the same bytes as yaml-edit over the whole file.

    use super::*;
    use crate::model::{
        Commitment, Edit, Event, Evidence, EvidenceKind, FundingEvent, Gap, Stage, parse_date,
    };
    use crate::store::edit;

    fn evidence(n: usize) -> Evidence {
        Evidence {
            id: format!("added-{n}"),
            title: "A title: with a colon, 'quotes' and # a hash".into(),
            publisher: Some("Ministère de l'Intérieur".into()),
            url: "https://example.org/a?b=c#d".into(),
            published: parse_date("2025-06-04").ok(),
            accessed: parse_date("2026-11-22").ok(),
            kind: Some(EvidenceKind::Media),
            quote: Some("\"quoted\" text".into()),
        }
    }

    fn event(cites: &str) -> Event {
        Event {
            date: parse_date("2026-01-02").unwrap(),
            status: "in-progress".into(),
            note: Some("Reported: the unit was deployed — « en partie ».".into()),
            evidence: vec![cites.into()],
            unsourced: false,
            recorded_by: Some("tester".into()),
            recorded_at: chrono::DateTime::parse_from_rfc3339("2026-11-22T09:00:00Z")
                .ok()
                .map(|t| t.with_timezone(&chrono::Utc)),
        }
    }

    fn commitment() -> Commitment {
        Commitment {
            id: "new-one".into(),
            uuid: None,
            title: "New".into(),
            owner: "Someone".into(),
            partners: vec!["A".into()],
            made: parse_date("2025-01-01").unwrap(),
            due: None,
            tags: vec!["x".into()],
            funding: None,
            funding_history: vec![],
            parent: None,
            weight: None,
            source: None,
            evidence: vec![],
            history: vec![Event {
                unsourced: true,
                evidence: vec![],
                ..event("source")
            }],
            gaps: vec![],
            description: None,
            notes: None,
            extra: Vec::new(),
            corrections: Vec::new(),
            retired: None,
            retractions: Vec::new(),
        }
    }

    fn writes(records: usize) -> Vec<Vec<Edit>> {
        let mut all = vec![vec![Edit::AddCommitment(Box::new(commitment()))]];
        for i in 0..records {
            all.push(vec![Edit::AddEvidence {
                commitment: i,
                evidence: evidence(1),
            }]);
            all.push(vec![Edit::AddEvent {
                commitment: i,
                event: event("source"),
            }]);
            all.push(vec![Edit::AddGap {
                commitment: i,
                gap: Gap {
                    note: "Looked for: nothing.".into(),
                    checked: parse_date("2026-11-20").ok(),
                },
            }]);
            all.push(vec![Edit::AddFunding {
                commitment: i,
                event: FundingEvent {
                    date: parse_date("2026-01-03").unwrap(),
                    stage: Stage::Disbursed,
                    amount: 1_250_000.5,
                    currency: "GBP".into(),
                    note: Some("Paid: « en partie », # not all".into()),
                    evidence: vec!["source".into()],
                    unsourced: false,
                    recorded_by: Some("tester".into()),
                    recorded_at: None,
                },
            }]);
            // `update` with new evidence: two edits to one record.
            all.push(vec![
                Edit::AddEvidence {
                    commitment: i,
                    evidence: evidence(2),
                },
                Edit::AddEvent {
                    commitment: i,
                    event: event("added-2"),
                },
            ]);
        }
        // Two records at once, and an append with another edit.
        if records > 1 {
            all.push(vec![
                Edit::AddGap {
                    commitment: records - 1,
                    gap: Gap {
                        note: "g".into(),
                        checked: None,
                    },
                },
                Edit::AddGap {
                    commitment: 0,
                    gap: Gap {
                        note: "g".into(),
                        checked: None,
                    },
                },
                Edit::AddCommitment(Box::new(commitment())),
            ]);
        }
        all
    }

    fn same_as_whole(name: &str, text: &str) {
        let (_, outline) = parse_outlined(Path::new("x"), text).unwrap();
        let outline = outline.unwrap_or_else(|| panic!("{name}: no outline"));
        for edits in writes(outline.records.len()) {
            let whole = edit::apply(text, None, &edits);
            let spliced = edit::apply(text, Some(&outline), &edits);
            match (whole, spliced) {
                (Ok(w), Ok(s)) => {
                    assert!(
                        w == s,
                        "{name}: {edits:?}\n--- whole:\n{w}\n--- spliced:\n{s}"
                    )
                }
                (w, s) => panic!("{name}: {edits:?}\nwhole: {w:?}\nspliced: {s:?}"),
            }
        }
    }

    #[test]
    fn spliced_edits_equal_whole_file_edits() {
        let generated = synthetic::ledger(&synthetic::Options {
            commitments: 6,
            events: 2,
            evidence: 2,
            seed: 3,
        });
        let mut cases: Vec<(String, String)> = FIXTURES
            .iter()
            .map(|(n, t)| (n.to_string(), t.to_string()))
            .collect();
        cases.push(("generated".into(), generated));
        for (name, text) in cases.clone() {
            cases.push((format!("{name}, CRLF"), text.replace('\n', "\r\n")));
            // No newline at the end of the file.
            cases.push((
                format!("{name}, no final newline"),
                text.trim_end().to_string(),
            ));
        }
        for (name, text) in &cases {
            same_as_whole(name, text);
        }
    }
}

mod check_edit {
    //! The check before a write catches a wrong result wherever it is, whether it re-reads
    //! only the records that changed or the whole text.

    use super::*;
    use crate::model::{Edit, Gap, Ledger, parse_date};
    use crate::store::{check_edit, edit};

    fn setup() -> (String, fast::Outline, Ledger, Vec<Edit>, Ledger, String) {
        let text = synthetic::ledger(&synthetic::Options {
            commitments: 8,
            events: 2,
            evidence: 2,
            seed: 5,
        });
        let (ledger, outline) = parse_outlined(Path::new("x"), &text).unwrap();
        let outline = outline.unwrap();
        let edits = vec![Edit::AddGap {
            commitment: 3,
            gap: Gap {
                note: "Looked: none.".into(),
                checked: parse_date("2026-11-20").ok(),
            },
        }];
        let mut intended = ledger.clone();
        intended.apply(&edits[0]);
        let new = edit::apply(&text, Some(&outline), &edits).unwrap();
        (text, outline, ledger, edits, intended, new)
    }

    fn check(
        text: &str,
        outline: &fast::Outline,
        new: &str,
        edits: &[Edit],
        intended: &Ledger,
    ) -> bool {
        let quick = check_edit(Path::new("x"), new, edits, intended, Some((text, outline))).is_ok();
        let whole = check_edit(Path::new("x"), new, edits, intended, None).is_ok();
        assert_eq!(quick, whole, "the two ways of checking disagree on:\n{new}");
        quick
    }

    #[test]
    fn a_right_edit_passes() {
        let (text, outline, _, edits, intended, new) = setup();
        assert!(check(&text, &outline, &new, &edits, &intended));
    }

    #[test]
    fn damage_anywhere_is_caught() {
        let (text, outline, ledger, edits, intended, new) = setup();
        let title_5 = &ledger.commitments[5].title;
        let id_6 = &ledger.commitments[6].id;
        let id_3 = &ledger.commitments[3].id;
        let damaged = [
            // Another record changed.
            new.replacen(title_5.as_str(), "Changed", 1),
            // The header changed.
            new.replacen("title: \"G7", "title: \"X G7", 1),
            // The edit itself wrong.
            new.replacen("Looked: none.", "Looked: nothing.", 1),
            // A record lost.
            {
                let r = &fast::outline(&new).unwrap().records[6];
                format!("{}{}", &new[..r.content.start], &new[r.end..])
            },
            // The edited record now repeats another's id.
            new.replacen(&format!("id: {id_3}\n"), &format!("id: {id_6}\n"), 1),
            // Nothing written at all.
            text.clone(),
        ];
        for d in &damaged {
            assert_ne!(d, &new);
            assert!(
                !check(&text, &outline, d, &edits, &intended),
                "not caught:\n{d}"
            );
        }
    }
}
