//! Hostile and broken files, one test each (some overlap the tests beside them on purpose: they break the sample differently).

use std::time::{Duration, Instant};

use super::*;

#[test]
fn syntax_error() {
    let text = broken("partners: [United Kingdom]", "partners: [United Kingdom");
    // The parser notices on the next line, where a `:` cannot stand inside an open list.
    refused_bytes(
        text.as_bytes(),
        &[
            &format!("{}:", at(&text, ": 2025-03-31\n    due")),
            "a `:` cannot stand here\n",
            "help: check the lines above for a `[` or `{` that is never closed",
        ],
    );
}

#[test]
fn tab_indentation() {
    let text = broken("    - germany     # a tag", "\t- germany     # a tag");
    refused_bytes(
        text.as_bytes(),
        &[
            &format!("{}:", at(&text, "\t- germany")),
            "indent with spaces, not tabs",
        ],
    );
}

#[test]
fn duplicate_mapping_key() {
    let text = broken(
        "    owner: United Kingdom (Home Office)\n",
        "    owner: United Kingdom (Home Office)\n    owner: Home Office\n",
    );
    refused_bytes(
        text.as_bytes(),
        &[
            &format!("{}:", at(&text, "owner: Home Office")),
            "`owner` is given twice in the same record\n",
            "help: a key may appear only once in each record; remove or merge the repeated one",
        ],
    );
}

#[test]
fn unknown_status() {
    let text = broken(
        "        status: announced\n        unsourced: true",
        "        status: finished\n        unsourced: true",
    );
    refused_bytes(
        text.as_bytes(),
        &[
            &format!("{}:", at(&text, "finished")),
            "unknown status `finished`",
            "one of: announced",
        ],
    );
}

#[test]
fn impossible_date() {
    let text = broken("due: 2026-03-31", "due: 2026-02-30");
    refused_bytes(
        text.as_bytes(),
        &[
            &format!("{}:", at(&text, "2026-02-30")),
            "not a real date",
            "February 2026 has 28 days",
        ],
    );
}

#[test]
fn date_in_a_wrong_format() {
    let text = broken("due: 2026-03-31", "due: 31/03/2026");
    refused_bytes(
        text.as_bytes(),
        &[&format!("{}:", at(&text, "31/03/2026")), "YYYY-MM-DD"],
    );
}

#[test]
fn duplicate_id() {
    let text = broken("- id: de-smuggling-law", "- id: fr-mobile-unit");
    let second = text.match_indices("fr-mobile-unit").nth(1).unwrap().0;
    let line = text[..second].matches('\n').count() + 1;
    refused_bytes(
        text.as_bytes(),
        &[
            &format!("commitments.yaml:{line}:9:"),
            "the id `fr-mobile-unit` is used twice (first used on line 7)",
        ],
    );
}

#[test]
fn duplicate_uuid() {
    let text = broken(
        "uuid: 9a1d2c3e-0000-4000-8000-000000000003",
        "uuid: 9a1d2c3e-0000-4000-8000-000000000002",
    );
    let second = text
        .match_indices("9a1d2c3e-0000-4000-8000-000000000002")
        .nth(1)
        .unwrap()
        .0;
    let line = text[..second].matches('\n').count() + 1;
    refused_bytes(
        text.as_bytes(),
        &[
            &format!("commitments.yaml:{line}:11:"),
            "is also the UUID of `de-smuggling-law`",
        ],
    );
}

#[test]
fn event_citing_evidence_that_does_not_exist() {
    let text = broken(
        "evidence: [times-2025-03-30]",
        "evidence: [times-2025-03-31]",
    );
    refused_bytes(
        text.as_bytes(),
        &[
            &format!("{}:", at(&text, "times-2025-03-31")),
            "times-2025-03-31",
        ],
    );
}

#[test]
fn update_citing_evidence_that_does_not_exist() {
    let t = Test::new().sample();
    t.then(&[
        "update",
        "fr-mobile-unit",
        "--status",
        "delivered",
        "--date",
        "2025-06-01",
        "--evidence",
        "no-such-report",
    ])
    .failure(1)
    .stderr_has("fr-mobile-unit has no evidence with the id `no-such-report`")
    .stderr_has("its evidence ids are: source, times-2025-03-30");
    assert_eq!(t.file(), SAMPLE);
}

#[test]
fn unknown_commitment_id() {
    let t = Test::new().sample();
    t.then(&[
        "evidence",
        "fr-mobile",
        "--url",
        "https://example.org/a",
        "--title",
        "A",
    ])
    .failure(1)
    .stderr_has("no commitment has the id or UUID `fr-mobile`; did you mean `fr-mobile-unit`?");
    t.then(&["show", "nothing-like-it"])
        .failure(1)
        .stderr_has("`commitments list` shows them all");
    assert_eq!(t.file(), SAMPLE);
}

/// The classic "billion laughs": nine anchors, each a list of nine aliases of the one before,
/// 9^9 strings if expanded. Refused at once, without running out of time or memory, wherever
/// it stands: the schema has no place where lists nest, so the first nested list is an error
/// before any expansion.
#[test]
fn alias_bomb() {
    let mut bomb = String::from("a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for (name, prev) in ["b", "c", "d", "e", "f", "g", "h", "i"]
        .iter()
        .zip(["a", "b", "c", "d", "e", "f", "g", "h"])
    {
        bomb.push_str(&format!(
            "{name}: &{name} [{}]\n",
            vec![format!("*{prev}"); 9].join(", ")
        ));
    }
    let at_top = format!("{bomb}version: 1\ncommitments: []\n");
    let under_known_keys = format!(
        "version: 1\ncommitments:\n  - id: lol\n    tags: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n    partners: &b [{}]\n",
        ["*a"; 9].join(", ")
    );
    let as_the_commitments = bomb.replace("i: &i", "commitments: &i");
    for text in [at_top, under_known_keys, as_the_commitments] {
        let started = Instant::now();
        // Refused with a position, whichever limit or rule stops it first (at the top level,
        // the unknown key `a`, which is now reported in plain words, not as "not valid YAML").
        refused_bytes(
            text.as_bytes(),
            &["commitments.yaml:", "problem in commitments.yaml"],
        );
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "took {:?}",
            started.elapsed()
        );
    }
    // Aliases where they are valid are fine in moderation; tens of thousands of them meet
    // the reader's budget, which refuses the file with a position and in words.
    let aliases = |n: usize| {
        format!(
            "version: 1\ntitle: &t lol\ncommitments:\n  - id: a\n    title: T\n    owner: O\n    made: 2025-03-31\n    history: [{{date: 2025-03-31, status: announced, unsourced: true, note: n}}]\n    tags: [{}]\n",
            vec!["*t"; n].join(", ")
        )
    };
    Test::new().ledger(&aliases(10)).then(&["check"]).success();
    let started = Instant::now();
    let text = aliases(60_000);
    refused_bytes(
        text.as_bytes(),
        &[
            "commitments.yaml:",
            "more aliases (`*name`) than a ledger needs",
        ],
    );
    assert!(
        started.elapsed() < Duration::from_secs(20),
        "took {:?}",
        started.elapsed()
    );
}

#[test]
fn nesting_ten_thousand_deep() {
    let flow = format!(
        "version: 1\ncommitments: {}{}\n",
        "[".repeat(10_000),
        "]".repeat(10_000)
    );
    let deep = "the file nests lists or records inside each other more deeply than a ledger \
                ever does\n";
    let (t, _) = refused_bytes(flow.as_bytes(), &["commitments.yaml:2:", deep]);
    // The 20,000-character line is shown as a window around the problem, not whole.
    let out = t.then(&["check"]).failure(1);
    assert!(
        out.stderr.len() < 2_000,
        "the message is {} bytes",
        out.stderr.len()
    );
    let block = format!("version: 1\ntitle: {}x\n", "- ".repeat(10_000));
    refused_bytes(
        block.as_bytes(),
        &[
            "commitments.yaml:2:8: a list item (`- `) cannot start here\n",
            "help: a list goes on the lines below its key",
        ],
    );
}

#[test]
fn bytes_that_are_not_utf8() {
    let mut bytes = SAMPLE.as_bytes().to_vec();
    let i = SAMPLE.find("Test ledger").unwrap() + 4;
    bytes[i] = 0xE9; // "Test\xE9ledger": Latin-1, not UTF-8
    let position = format!("{}:", at(SAMPLE, " ledger'"));
    refused_bytes(
        &bytes,
        &[
            &format!("{position} the file is not UTF-8 text"),
            "save the file as UTF-8",
        ],
    );
}

#[test]
fn empty_file() {
    refused_bytes(
        b"",
        &["commitments.yaml: the file is empty", "commitments init"],
    );
    refused_bytes(b"\n  \n", &["the file is empty"]);
}

/// A file of nothing but comments used to pass `check` and then fail every write with an
/// internal error; it is as empty as an empty file.
#[test]
fn file_of_only_comments() {
    refused_bytes(
        b"# a ledger, one day\n\n# nothing yet\n",
        &["the file holds no data, only comments", "commitments init"],
    );
    // A second byte-order mark is allowed by YAML and is not content either (found by fuzzing).
    refused_bytes(
        "\u{feff}\u{feff}# a ledger\n".as_bytes(),
        &["the file holds no data, only comments"],
    );
    // Nor are directives and document markers (found by fuzzing: `...` alone).
    refused_bytes(b"...\n", &["the file holds no data"]);
    refused_bytes(
        b"%YAML 1.2\n--- # start\n...\n",
        &["the file holds no data"],
    );
    // Lone carriage returns end lines too (found by fuzzing).
    refused_bytes(b"\r\xef\xbb\xbf\r\n", &["the file holds no data"]);
    refused_bytes(
        b"# old Mac line endings\r# still a comment\r",
        &["the file holds no data"],
    );
    let mac = SAMPLE.replace('\n', "\r");
    Test::new().ledger(&mac).then(&["check"]).success();
}
