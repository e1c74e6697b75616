//! Common YAML slips, said in plain words, and a file with many problems.

use super::*;

#[test]
fn value_with_colon_space_needs_quotes() {
    let text = broken(
        "    owner: United Kingdom (Home Office)",
        "    owner: UK: the Home Office",
    );
    refused(
        &text,
        Some(&at(&text, ": the Home Office")),
        "a `: ` cannot stand here\n",
    )
    .stderr_has("help: a value containing `: ` must be put in double quotes, e.g. `owner: \"UK: the Home Office\"`")
    .stderr_has("check this line's indentation")
    .stderr_has("checking stopped at this problem");
}

/// One space too many before a key: the parser reads the line as more of the value above,
/// and complains at the colon; the message points at the key and says what to line up with.
#[test]
fn key_indented_one_space_too_far() {
    let text = broken(
        "    owner: United Kingdom (Home Office)",
        "     owner: United Kingdom (Home Office)",
    );
    refused(
        &text,
        Some(&at(&text, "owner: United Kingdom")),
        "a `: ` cannot stand here\n",
    )
    .stderr_has("this line starts at column 6, but `title` on the line above starts at column 5: the keys of one record must line up");
}

#[test]
fn key_indented_one_space_too_little() {
    let text = broken(
        "    owner: United Kingdom (Home Office)",
        "   owner: United Kingdom (Home Office)",
    );
    refused(
        &text,
        Some(&at(&text, "owner: United Kingdom")),
        "this line is out of line with the list above it\n",
    )
    .stderr_has("help: check that this line lines up with the lines above it: each key of a record starts at the same column, and each item of a list starts with `- ` at the list's column");
}

#[test]
fn list_item_out_of_line() {
    let text = broken("  - id: uk-cps-3m", " - id: uk-cps-3m");
    refused(
        &text,
        Some(&at(&text, "- id: uk-cps-3m")),
        "this line is out of line with the keys above it\n",
    )
    .stderr_has("help: check that this line lines up with the lines above it");
}

#[test]
fn list_field_given_one_value() {
    let text = broken("    tags: [france, enforcement]", "    tags: france");
    refused(
        &text,
        Some(&at(&text, "france\n    source:")),
        "a list is expected here\n",
    )
    .stderr_has(
        "help: `tags` is a list: write `tags: [france]`, or one `- france` per line below it",
    );
}

/// The same for any list: here an event's `evidence`.
#[test]
fn event_evidence_given_one_value() {
    let text = broken("      evidence:\n      - source", "      evidence: source");
    refused(
        &text,
        Some(&at(&text, "source\n\n  - id: uk-cps-3m")),
        "a list is expected here\n",
    )
    .stderr_has("help: `evidence` is a list: write `evidence: [source]`, or one `- source` per line below it");
}

#[test]
fn double_quote_inside_double_quotes() {
    let text = broken(
        "title: GBP 3m for the Crown Prosecution Service",
        "title: \"The \"big\" plan\"",
    );
    refused(
        &text,
        Some(&at(&text, "big\" plan")),
        "text follows the closing `\"` of a quoted value\n",
    )
    .stderr_has(r#"inside double quotes write a quote as \" , or enclose the text in single quotes: 'The "big" plan'"#);
}

#[test]
fn tab_indentation() {
    let text = broken(
        "    owner: United Kingdom (Home Office)",
        "\towner: United Kingdom (Home Office)",
    );
    refused(&text, Some(&at(&text, "\towner")), "tab").stderr_has("indent with spaces, not tabs");
}

#[test]
fn tab_indentation_inside_an_event() {
    let text = broken(
        "        status: announced\n        unsourced",
        "\t\tstatus: announced\n        unsourced",
    );
    refused(&text, Some(&at(&text, "\t\tstatus")), "tab");
}

#[test]
fn duplicate_mapping_key() {
    let text = broken(
        "    due: 2026-03-31\n",
        "    due: 2026-03-31\n    due: 2026-04-30\n",
    );
    refused(
        &text,
        Some(&at(&text, "due: 2026-04-30")),
        "`due` is given twice in the same record\n",
    );
}

#[test]
fn wrong_shape_a_list_where_text_belongs() {
    let text = broken(
        "title: GBP 3m for the Crown Prosecution Service",
        "title: [GBP 3m, CPS]",
    );
    refused(
        &text,
        Some(&at(&text, "[GBP 3m, CPS]")),
        "not a list or a mapping",
    );
}

#[test]
fn unsupported_format_version() {
    let text = broken("version: 1", "version: 2");
    refused(
        &text,
        Some(&at(&text, "2\ntitle")),
        "version of the file format is not supported",
    );
}

#[test]
fn not_utf8() {
    let mut bytes = SAMPLE.as_bytes().to_vec();
    let i = SAMPLE.find("Test ledger").unwrap() + 4;
    bytes[i] = 0xe9; // Latin-1 é
    let t = Test::new().ledger_bytes(&bytes);
    t.then(&["check"])
        .failure(1)
        .stderr_has(&at(SAMPLE, " ledger'"))
        .stderr_has("not UTF-8");
    t.then(&["gap", "uk-cps-3m", "--note", "n"])
        .failure(1)
        .stderr_has("not UTF-8");
    assert!(t.file_bytes() == bytes);
}

#[test]
fn several_documents() {
    let text = format!("{SAMPLE}---\nversion: 1  # a second document\n");
    // Pointed at the `---` that ends the first document, in words, not the library's
    // "multiple YAML documents detected; use from_str_multiple".
    refused(
        &text,
        Some(&at(&text, "---\nversion: 1  # a second")),
        "the file holds more than one YAML document: the `---` on line 74 ends the first; a \
         ledger is one\n",
    )
    .stderr_has("help: remove that line; if what follows it belongs to the ledger")
    .stderr_lacks("from_str_multiple");
}

#[test]
fn a_deeply_nested_file_is_refused_without_a_crash() {
    let text = format!(
        "version: 1\ncommitments: {}{}\n",
        "[".repeat(20_000),
        "]".repeat(20_000)
    );
    let t = Test::new().ledger(&text);
    t.then(&["check"])
        .failure(1)
        .stderr_has("commitments.yaml:2:");
    assert_eq!(t.file(), text);
}

#[test]
fn an_alias_bomb_is_refused_quickly() {
    let mut text = String::from(
        "version: 1\ncommitments:\n  - id: a\n    title: &a [x, x, x, x, x, x, x, x, x, x]\n",
    );
    let mut prev = "a".to_string();
    for n in 0..12 {
        let name = format!("b{n}");
        let refs = vec![format!("*{prev}"); 10].join(", ");
        text.push_str(&format!("    t{n}: &{name} [{refs}]\n"));
        prev = name;
    }
    let t = Test::new().ledger(&text);
    let started = std::time::Instant::now();
    t.then(&["check"])
        .failure(1)
        .stderr_has("commitments.yaml:");
    assert!(
        started.elapsed().as_secs() < 10,
        "took {:?}",
        started.elapsed()
    );
}

// ---------------------------------------------------------------- many problems

#[test]
fn check_lists_every_problem() {
    let text = broken("due: 2026-03-31", "due: 2025-02-30");
    let text = text.replacen("checked: 2026-11-20", "checked: 20/11/2026", 1);
    let text = text.replacen("status: in-progress", "status: underway", 1);
    let t = Test::new().ledger(&text);
    let out = t.then(&["check"]).failure(1);
    let positions = [
        at(&text, "underway"),
        at(&text, "20/11/2026"),
        at(&text, "2025-02-30"),
    ];
    for p in &positions {
        assert!(
            out.stderr.contains(p.as_str()),
            "{p} missing:\n{}",
            out.stderr
        );
    }
    // In file order, with a count.
    let found: Vec<usize> = positions
        .iter()
        .map(|p| out.stderr.find(p.as_str()).unwrap())
        .collect();
    assert!(found.windows(2).all(|w| w[0] < w[1]), "{}", out.stderr);
    out.stderr_has("3 problems in commitments.yaml")
        .stderr_has("February 2025 has 28 days")
        .stderr_has("not a date in the form YYYY-MM-DD")
        .stderr_has("unknown status `underway`");
    assert!(t.file() == text);
}

#[test]
fn check_lists_two_bad_dates() {
    let text = broken("due: 2026-03-31", "due: 2025-02-30");
    let text = text.replacen("due: 2025-12-31", "due: 2025-12-32", 1);
    let out = Test::new().ledger(&text).args(&["check"]).run().failure(1);
    out.stderr_has(&at(&text, "2025-12-32"))
        .stderr_has(&at(&text, "2025-02-30"))
        .stderr_has("December 2025 has 31 days")
        .stderr_has("2 problems");
}

#[test]
fn a_write_on_an_invalid_ledger_is_refused_and_says_nothing_was_changed() {
    let text = broken("status: in-progress", "status: underway");
    for args in [
        &[
            "add",
            "x-new",
            "--title",
            "T",
            "--owner",
            "O",
            "--made",
            "2025-03-31",
        ][..],
        &[
            "evidence",
            "de-smuggling-law",
            "--url",
            "https://example.org",
            "--title",
            "T",
        ],
        &[
            "update",
            "de-smuggling-law",
            "--status",
            "stalled",
            "--date",
            "2025-06-01",
            "--evidence",
            "source",
        ],
        &[
            "update",
            "de-smuggling-law",
            "--status",
            "stalled",
            "--date",
            "2025-06-01",
            "--evidence-url",
            "https://example.org",
            "--evidence-title",
            "T",
        ],
        &["gap", "de-smuggling-law", "--note", "n"],
    ] {
        let t = Test::new().ledger(&text);
        t.then(args)
            .failure(1)
            .stderr_has("unknown status `underway`")
            .stderr_has(&at(&text, "underway"))
            .stderr_has("nothing was changed")
            .stderr_has("commitments check");
        assert!(t.file() == text, "{args:?} changed the file");
    }
}

// ---------------------------------------------------------------- the file system
