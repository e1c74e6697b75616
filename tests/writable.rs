//! Every file `check` accepts can be written by every writing command, or the command refuses
//! it in plain words; never "internal error". The files use what YAML allows and hand-edited
//! ledgers contain: block scalars with every chomping indicator and trailing blank lines,
//! merge keys, anchors and aliases, tags, flow style, comments anywhere, document markers.

use proptest::prelude::*;

use crate::harness::*;

/// An event that rests on nothing, for records that need one.
const EVENT: &str = "      - date: 2025-01-01\n        status: announced\n        unsourced: true\n        note: n\n";

fn record(id: &str, body: &str) -> String {
    format!("  - id: {id}\n    title: T\n    owner: O\n    made: 2025-01-01\n{body}")
}

fn ledger(records: &[String]) -> String {
    format!("version: 1\ncommitments:\n{}", records.concat())
}

/// Files of valid YAML, each a ledger `check` should accept.
fn corpus() -> Vec<(String, String)> {
    let mut files = Vec::new();
    for chomp in [
        "|",
        "|-",
        "|+",
        ">",
        ">-",
        ">+",
        "|2",
        "|2+",
        ">-2",
        "|+ # kept",
    ] {
        for blank in ["", "\n", "\n\n"] {
            let note = format!(
                "    history:\n      - date: 2025-01-01\n        status: announced\n        unsourced: true\n        note: {chomp}\n            two lines\n            of text\n{blank}"
            );
            let gap = format!(
                "    history:\n{EVENT}    gaps:\n      - note: {chomp}\n          looked\n{blank}"
            );
            for (place, body) in [("event note", &note), ("gap note", &gap)] {
                files.push((
                    format!(
                        "`{chomp}` in a {place}, {} blank lines, mid-file",
                        blank.len()
                    ),
                    ledger(&[
                        record("a", body),
                        record("b", &format!("    history:\n{EVENT}")),
                    ]),
                ));
                files.push((
                    format!(
                        "`{chomp}` in a {place}, {} blank lines, at the end",
                        blank.len()
                    ),
                    ledger(&[
                        record("b", &format!("    history:\n{EVENT}")),
                        record("a", body),
                    ]),
                ));
            }
        }
    }
    let plain = |id: &str| record(id, &format!("    history:\n{EVENT}"));
    files.extend([
        (
            "a merge key taking a record's fields".into(),
            ledger(&[
                format!("  - &base\n    id: a\n    title: T\n    owner: O\n    made: 2025-01-01\n    history:\n{EVENT}"),
                "  - <<: *base\n    id: b\n".into(),
            ]),
        ),
        (
            "a merge key in a source".into(),
            ledger(&[
                record("a", &format!("    source: &src\n      title: S\n      publisher: P\n    history:\n{EVENT}")),
                record("b", &format!("    source:\n      <<: *src\n      locator: p 2\n    history:\n{EVENT}")),
            ]),
        ),
        (
            "an anchored owner and its alias".into(),
            format!(
                "version: 1\ncommitments:\n  - id: a\n    title: T\n    owner: &o Home Office\n    made: 2025-01-01\n    history:\n{EVENT}  - id: b\n    title: T\n    owner: *o\n    made: 2025-01-01\n    history:\n{EVENT}"
            ),
        ),
        (
            "an aliased history".into(),
            format!(
                "version: 1\ncommitments:\n  - id: a\n    title: T\n    owner: O\n    made: 2025-01-01\n    history: &h\n{EVENT}  - id: b\n    title: T\n    owner: O\n    made: 2025-01-01\n    history: *h\n"
            ),
        ),
        (
            "tags on values".into(),
            ledger(&[record("a", &format!("    tags: [!!str 007, ! x]\n    history: !!seq\n{EVENT}")), plain("b")]),
        ),
        (
            "flow style everywhere".into(),
            "version: 1\ncommitments: [{id: a, title: T, owner: O, made: 2025-01-01, history: [{date: 2025-01-01, status: announced, unsourced: true, note: n}]}]\n".into(),
        ),
        (
            "a record in flow style among block ones".into(),
            format!("version: 1\ncommitments:\n  - {{id: a, title: T, owner: O, made: 2025-01-01, history: [{{date: 2025-01-01, status: announced, unsourced: true, note: n}}]}}\n{}", plain("b")),
        ),
        (
            "flow lists inside a block record".into(),
            ledger(&[
                record("a", "    evidence: [{id: e, title: E, url: 'https://x.org'}]\n    history: [{date: 2025-01-01, status: announced, evidence: [e]}]\n    gaps: [{note: g}]\n"),
                plain("b"),
            ]),
        ),
        (
            "a flow list over several lines with comments".into(),
            ledger(&[
                record("a", "    tags: [a,   # first\n      b]\n    history: [\n      {date: 2025-01-01, status: announced, unsourced: true, note: n},  # c\n    ]\n"),
                plain("b"),
            ]),
        ),
        (
            "comments anywhere".into(),
            format!(
                "# top\nversion: 1 # v\n# before\ncommitments: # list\n  # first\n  - id: a # id\n    # inside\n    title: T\n    owner: O\n    made: 2025-01-01\n    history: # events\n      # an event\n{EVENT}      # after the last event\n    # after the history\n# at column 0 inside the list\n  - id: b\n    title: T\n    owner: O\n    made: 2025-01-01\n    history:\n{EVENT}# at the end\n"
            ),
        ),
        (
            "document markers and a directive".into(),
            format!("%YAML 1.2\n---\n{}...\n# after the end\n", ledger(&[plain("a"), plain("b")])),
        ),
        (
            "multi-line plain and quoted values".into(),
            ledger(&[
                record("a", &format!("    note: x\n    history:\n{EVENT}")).replace("title: T", "title: a title\n      over two lines").replace("owner: O", "owner: \"an owner\n      in quotes\""),
                plain("b"),
            ])
            .replace("    note: x\n", ""),
        ),
        (
            "lists level with their key, four-space layout".into(),
            "version: 1\ncommitments:\n-   id: a\n    title: T\n    owner: O\n    made: 2025-01-01\n    history:\n    -   date: 2025-01-01\n        status: announced\n        unsourced: true\n        note: n\n".into(),
        ),
        (
            "a CRLF file with a kept block".into(),
            ledger(&[
                record("a", "    history:\n      - date: 2025-01-01\n        status: announced\n        unsourced: true\n        note: |+\n          kept\n\n"),
                plain("b"),
            ])
            .replace('\n', "\r\n"),
        ),
        (
            "values YAML would type".into(),
            ledger(&[
                record("1e3", &format!("    tags: [007, 1.50, TRUE, 0x1f]\n    history:\n{EVENT}")).replace("title: T", "title: 1.50"),
                plain("0x1f"),
            ]),
        ),
    ]);
    files
}

/// Each writing command, on the commitment `id`.
fn writes(id: &str) -> Vec<Vec<String>> {
    let v = |a: &[&str]| a.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    vec![
        v(&["gap", id, "--note", "Looked: l'été « rien »"]),
        v(&[
            "update",
            id,
            "--status",
            "in-progress",
            "--date",
            "2025-02-01",
            "--unsourced",
            "--note",
            "two\nlines",
        ]),
        v(&[
            "evidence",
            id,
            "--url",
            "https://example.org/é",
            "--title",
            "Titre: l'avis",
            "--published",
            "2025-01-15",
        ]),
        v(&[
            "add",
            "new-one",
            "--title",
            "Ministère de l'Intérieur: plan",
            "--owner",
            "O",
            "--made",
            "2025-01-01",
        ]),
    ]
}

/// Runs every write on `text` (which `check` must accept) and returns what went wrong.
fn try_every_write(name: &str, text: &str) -> Vec<String> {
    let mut wrong = Vec::new();
    let t = Test::new().ledger(text);
    let check = t.then(&["check"]);
    if check.code != Some(0) {
        return vec![format!("{name}: check refuses it:\n{}{text}", check.stderr)];
    }
    let ids: Vec<String> = t
        .then(&["list", "--format", "json"])
        .success()
        .json()
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|c| c["id"].as_str().map(String::from))
                .collect()
        })
        .unwrap_or_default();
    assert!(!ids.is_empty(), "{name}: no ids listed");
    for id in &ids {
        for args in writes(id) {
            let t = Test::new().ledger(text);
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            let out = t.then(&args);
            let said = format!("{}{}", out.stdout, out.stderr);
            if said.contains("internal error") || said.contains("Please report") {
                wrong.push(format!("{name}: `{}` on {id}: {said}", args.join(" ")));
            } else if out.code == Some(0) {
                let after = t.then(&["check"]);
                if after.code != Some(0) {
                    wrong.push(format!(
                        "{name}: after `{}`, check fails: {}",
                        args.join(" "),
                        after.stderr
                    ));
                }
            } else if t.file() != text {
                wrong.push(format!(
                    "{name}: `{}` failed but changed the file",
                    args.join(" ")
                ));
            } else if !said.contains(':') || said.trim().is_empty() {
                wrong.push(format!(
                    "{name}: `{}` failed without a message",
                    args.join(" ")
                ));
            }
        }
    }
    wrong
}

#[test]
fn every_file_check_accepts_can_be_written() {
    let mut wrong = Vec::new();
    for (name, text) in corpus() {
        wrong.extend(try_every_write(&name, &text));
    }
    assert!(
        wrong.is_empty(),
        "{} problems:\n\n{}",
        wrong.len(),
        wrong.join("\n\n")
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    /// A block scalar of any style, chomping and indentation indicator, with any number of
    /// trailing blank lines, as the last value of a record anywhere in the file.
    #[test]
    fn any_block_scalar_can_be_written_after(
        style in prop::sample::select(vec!["|", ">"]),
        chomp in prop::sample::select(vec!["", "-", "+"]),
        indicator in prop::sample::select(vec!["", "2"]),
        lines in prop::collection::vec("[a-zé ]{0,12}", 0..4),
        blank in 0usize..3,
        last in any::<bool>(),
    ) {
        // A first line of text, so that the unsourced event has a note.
        let body: String = std::iter::once("text")
            .chain(lines.iter().map(|l| l.trim()))
            .map(|l| if l.is_empty() { "\n".to_string() } else { format!("          {l}\n") })
            .collect();
        let rec = record("a", &format!(
            "    history:\n      - date: 2025-01-01\n        status: announced\n        unsourced: true\n        note: {style}{indicator}{chomp}\n{body}{}",
            "\n".repeat(blank)
        ));
        let other = record("b", &format!("    history:\n{EVENT}"));
        let text = if last { ledger(&[other, rec]) } else { ledger(&[rec, other]) };
        let wrong = try_every_write("generated", &text);
        prop_assert!(wrong.is_empty(), "{}", wrong.join("\n\n"));
    }
}

#[test]
fn a_change_to_shared_text_is_refused_naming_the_alias_and_its_anchor() {
    let text = ledger(&[
        format!(
            "  - &base\n    id: a\n    title: T\n    owner: O\n    made: 2025-01-01\n    history:\n{EVENT}"
        ),
        "  - <<: *base\n    id: b\n".into(),
    ]);
    let t = Test::new().ledger(&text);
    t.then(&["check"]).success();
    t.then(&["gap", "a", "--note", "looked"])
        .failure(1)
        .stderr_has("`*base` at line 13, column 9 merges in `&base` from line 3, column 5")
        .stderr_has("Replace the alias with a copy of the values it stands for")
        .stderr_has("nothing was changed")
        .stderr_lacks("internal error");
    assert_eq!(t.file(), text);
}
