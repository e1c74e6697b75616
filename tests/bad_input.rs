//! Bad input: a clear message with file:line:column where there is one, exit 1, the file
//! byte-for-byte unchanged, and never a panic.

use crate::harness::*;

/// `commitments.yaml:L:C` for the first occurrence of `needle` in `text` (1-based, columns in
/// characters), so that expected positions follow the fixture instead of being hard-coded.
#[track_caller]
fn at(text: &str, needle: &str) -> String {
    let i = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not in the text"));
    let before = &text[..i];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
    format!("commitments.yaml:{line}:{column}")
}

/// The sample with `from` replaced by `to` (which must change it).
#[track_caller]
fn broken(from: &str, to: &str) -> String {
    assert!(SAMPLE.contains(from), "{from:?} not in the sample");
    SAMPLE.replacen(from, to, 1)
}

/// Runs `check`, then a write, on `text`; both must fail with exit 1 naming `position` and
/// saying `message`, and the file must not change. Returns `check`'s output.
#[track_caller]
fn refused(text: &str, position: Option<&str>, message: &str) -> Output {
    let t = Test::new().ledger(text);
    let before = t.file_bytes();
    let check = t.then(&["check"]).failure(1).stderr_has(message);
    let write = t
        .then(&["gap", "uk-cps-3m", "--note", "should not be written"])
        .failure(1)
        .stderr_has(message)
        .stderr_has("nothing was changed");
    if let Some(p) = position {
        assert!(
            check.stderr.contains(p),
            "check does not name {p}:\n{}",
            check.stderr
        );
        assert!(
            write.stderr.contains(p),
            "the write does not name {p}:\n{}",
            write.stderr
        );
    }
    assert!(t.file_bytes() == before, "the file changed");
    // Reading commands refuse it too.
    t.then(&["report"]).failure(1).stderr_has(message);
    assert!(t.file_bytes() == before, "the file changed");
    check
}

// ---------------------------------------------------------------- the file

#[test]
fn malformed_yaml_syntax_error() {
    let text = broken(
        "    owner: United Kingdom (Home Office)",
        "    owner: United Kingdom: the Home Office",
    );
    refused(
        &text,
        Some(&at(&text, ": the Home Office")),
        "a `: ` cannot stand here\n",
    )
    .stderr_lacks("mapping values");
}

#[test]
fn malformed_yaml_unclosed_quote() {
    let text = broken(
        "title: GBP 3m for the Crown Prosecution Service",
        "title: \"GBP 3m for the Crown Prosecution Service",
    );
    let out = refused(
        &text,
        None,
        "a quoted value runs on to this line, which is not indented under it; is a closing \
         quotation mark missing above?\n",
    )
    .stderr_lacks("scalar");
    // The parser notices on the line after the opening quote, where the scalar's
    // continuation is not indented enough; either line is a fair place to send the reader.
    let opened = at(&text, "\"GBP 3m");
    let line: usize = opened.split(':').nth(1).unwrap().parse().unwrap();
    let named = [
        format!("commitments.yaml:{line}:"),
        format!("commitments.yaml:{}:", line + 1),
    ];
    assert!(
        named.iter().any(|n| out.stderr.contains(n.as_str())),
        "{named:?} not in:\n{}",
        out.stderr
    );
}

#[test]
fn unknown_status_in_the_file() {
    let text = broken("status: in-progress", "status: underway");
    refused(
        &text,
        Some(&at(&text, "underway")),
        "unknown status `underway`",
    )
    .stderr_has("announced, in-progress, partial, delivered, stalled, abandoned");
}

#[test]
fn impossible_date_2025_02_30() {
    let text = broken("due: 2026-03-31", "due: 2025-02-30");
    refused(
        &text,
        Some(&at(&text, "2025-02-30")),
        "February 2025 has 28 days",
    )
    .stderr_has("2025-02-30");
}

#[test]
fn impossible_month() {
    let text = broken("checked: 2026-11-20", "checked: 2026-13-20");
    refused(
        &text,
        Some(&at(&text, "2026-13-20")),
        "there is no month 13",
    );
}

#[test]
fn wrong_date_format() {
    let text = broken("due: 2026-03-31", "due: 31/03/2025");
    refused(
        &text,
        Some(&at(&text, "31/03/2025")),
        "not a date in the form YYYY-MM-DD",
    )
    .stderr_has("31/03/2025");
}

#[test]
fn duplicate_commitment_id_in_the_file() {
    let text = broken("  - id: uk-cps-3m", "  - id: fr-mobile-unit  # copied");
    refused(
        &text,
        Some(&at(&text, "fr-mobile-unit  # copied")),
        "the id `fr-mobile-unit` is used twice",
    )
    .stderr_has(&format!(
        "first used on line {}",
        at(&text, "fr-mobile-unit   # the slug")
            .split(':')
            .nth(1)
            .unwrap()
    ));
}

#[test]
fn duplicate_uuid() {
    let text = broken(
        "uuid: 9a1d2c3e-0000-4000-8000-000000000003",
        "uuid: 9a1d2c3e-0000-4000-8000-000000000002  # copied",
    );
    let needle = "9a1d2c3e-0000-4000-8000-000000000002  # copied";
    refused(
        &text,
        Some(&at(&text, needle)),
        "is also the UUID of `de-smuggling-law`",
    );
}

#[test]
fn duplicate_evidence_id_within_a_commitment() {
    let text = broken(
        "        quote: French begin deploying officers from a specialist policing unit\n",
        "        quote: French begin deploying officers from a specialist policing unit\n      - {id: times-2025-03-30, title: Again, url: 'https://example.org/again'}\n",
    );
    refused(
        &text,
        Some(&at(&text, "times-2025-03-30, title: Again")),
        "the evidence id `times-2025-03-30` is used twice",
    );
}

#[test]
fn cited_evidence_that_does_not_exist() {
    let text = broken(
        "evidence: [times-2025-03-30]",
        "evidence: [times-2025-03-31]",
    );
    refused(
        &text,
        Some(&at(&text, "times-2025-03-31")),
        "no evidence entry has the id `times-2025-03-31`",
    )
    .stderr_has("cite one of: source, times-2025-03-30");
}

#[test]
fn citing_source_when_there_is_none() {
    let text = broken("        unsourced: true\n", "        evidence: [source]\n");
    refused(
        &text,
        Some(&at(&text, "source]\n        note")),
        "no evidence entry has the id `source`",
    )
    .stderr_has("help: `source` means the commitment's `source:` block, which this commitment does not have: add a `source:` (with `title`, and `publisher`, `date`, `url` if known), or cite the id of an evidence entry (under `evidence:`), or mark the event `unsourced: true` with a `note` saying why");
}

/// With evidence entries but no `source:`, the help names the entries that could be cited.
#[test]
fn citing_source_when_there_is_none_but_there_is_evidence() {
    let text = broken(
        "    source:\n      title: \"UK hosts first major international summit to tackle illegal migration\"\n      publisher: Home Office\n      date: 2025-03-31\n      url: https://www.gov.uk/government/news/uk-hosts-first-major-international-summit\n",
        "",
    );
    let out = refused(
        &text,
        Some(&at(&text, "source]\n        recorded_by")),
        "no evidence entry has the id `source`",
    )
    .stderr_has("which this commitment does not have: add a `source:`")
    .stderr_has("or cite one of its evidence entries (times-2025-03-30)");
    assert!(
        !out.stderr.contains("no evidence entries yet"),
        "{}",
        out.stderr
    );
}

#[test]
fn event_before_the_commitment_was_made() {
    let text = broken("{date: 2025-04-01,", "{date: 2025-03-01,");
    refused(
        &text,
        Some(&at(&text, "2025-03-01")),
        "dated before the commitment was made",
    );
}

#[test]
fn unsourced_event_without_a_note() {
    let text = broken("        note: \"Test record: no source given\"\n", "");
    refused(
        &text,
        Some(&at(&text, "true\n\n# end")),
        "must have a `note`",
    );
}

#[test]
fn url_that_is_not_http() {
    let text = broken("url: https://example.org/times", "url: javascript:alert(1)");
    refused(
        &text,
        Some(&at(&text, "javascript:alert(1)")),
        "is not a web address",
    );
}

#[test]
fn empty_file() {
    // Only comments is as empty as nothing: it has no `version` and no `commitments`.
    for text in [
        "",
        "\n\n",
        "# only a comment\n",
        "# a comment\n\n   # and another\n",
        "---\n",
        "...\n",
        "# c\n--- # start\n# d\n...\n",
    ] {
        let t = Test::new().ledger(text);
        t.then(&["check"])
            .failure(1)
            .stderr_has("commitments.yaml")
            .stderr_has("the file ")
            .stderr_has("commitments init");
        t.then(&[
            "add",
            "x-one",
            "--title",
            "T",
            "--owner",
            "O",
            "--made",
            "2025-03-31",
        ])
        .failure(1)
        .stderr_has("nothing was changed");
        assert_eq!(t.file(), text);
    }
}

#[test]
fn unknown_field_typo() {
    let text = broken(
        "    made: 2025-03-31\n    due: 2026-03-31",
        "    titel: typo\n    made: 2025-03-31\n    due: 2026-03-31",
    );
    refused(
        &text,
        Some(&at(&text, "titel")),
        "`titel` is not a field of a commitment; did you mean `title`?",
    )
    .stderr_has("the fields of a commitment are: id, uuid, title, owner,");
}

#[test]
fn unknown_top_level_field() {
    let text = broken("version: 1\n", "version: 1\nvesion: 2\n");
    refused(
        &text,
        Some(&at(&text, "vesion")),
        "`vesion` is not a field of the ledger (the top level of the file); did you mean `version`?",
    );
}

/// A misspelt key stops the reading, so problems after it are not yet known: the summary
/// must say so rather than "1 problem", which reads as "fix this and the file is valid".
#[test]
fn unknown_field_says_checking_stopped() {
    let text = broken(
        "    owner: United Kingdom (Home Office)",
        "    ownr: United Kingdom (Home Office)",
    )
    .replacen("status: in-progress", "status: in progres", 1);
    let out = refused(
        &text,
        Some(&at(&text, "ownr")),
        "`ownr` is not a field of a commitment; did you mean `owner`?",
    );
    let out = out.stderr_has(
        "checking stopped at this problem; fix it and run `commitments check` again to see any others",
    );
    assert!(!out.stderr.contains("unknown field"), "{}", out.stderr);
    assert!(!out.stderr.contains("not valid YAML"), "{}", out.stderr);
}

/// A field far from every valid one gets no guess, only the list.
#[test]
fn unknown_field_without_a_close_match() {
    let text = broken(
        "    made: 2025-03-31\n    due: 2026-03-31",
        "    colour: red\n    made: 2025-03-31\n    due: 2026-03-31",
    );
    let out = refused(
        &text,
        Some(&at(&text, "colour")),
        "`colour` is not a field of a commitment",
    );
    assert!(!out.stderr.contains("did you mean"), "{}", out.stderr);
}

// ------------------------------------------------ common YAML slips, in plain words

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

#[test]
fn missing_file_suggests_init() {
    for args in [
        &["check"][..],
        &["report"],
        &["show", "x"],
        &["gap", "x", "--note", "n"],
        &[
            "add",
            "x-one",
            "--title",
            "T",
            "--owner",
            "O",
            "--made",
            "2025-03-31",
        ],
    ] {
        let t = Test::new();
        t.then(args)
            .failure(1)
            .stderr_has("commitments.yaml does not exist")
            .stderr_has("commitments init");
        assert!(!t.path().exists(), "{args:?} created the file");
    }
    let t = Test::new();
    t.then(&["-f", "elsewhere/ledger.yaml", "check"])
        .failure(1)
        .stderr_has("elsewhere/ledger.yaml does not exist");
}

#[test]
fn read_only_file_is_not_updated() {
    use std::os::unix::fs::PermissionsExt as _;
    let t = Test::new().sample();
    std::fs::set_permissions(t.path(), std::fs::Permissions::from_mode(0o444)).unwrap();
    for args in [
        &[
            "update",
            "fr-mobile-unit",
            "--status",
            "stalled",
            "--date",
            "2025-06-01",
            "--evidence",
            "source",
        ][..],
        &["gap", "fr-mobile-unit", "--note", "n"],
        &[
            "evidence",
            "fr-mobile-unit",
            "--url",
            "https://example.org",
            "--title",
            "T",
        ],
        &[
            "add",
            "x-new",
            "--title",
            "T",
            "--owner",
            "O",
            "--made",
            "2025-03-31",
        ],
    ] {
        t.then(args)
            .failure(1)
            .stderr_has("read-only")
            .stderr_has("nothing was changed");
        assert!(
            t.file_bytes() == SAMPLE.as_bytes(),
            "{args:?} changed the file"
        );
    }
    let mode = std::fs::metadata(t.path()).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o444, "the file's mode changed");
    // Reading is fine.
    t.then(&["check"]).success();
    std::fs::set_permissions(t.path(), std::fs::Permissions::from_mode(0o644)).unwrap();
}

#[test]
fn a_folder_instead_of_a_file() {
    let t = Test::new();
    let dir = t.dir.path().to_str().unwrap().to_string();
    t.then(&["-f", &dir, "check"])
        .failure(1)
        .stderr_has("is a folder");
    t.then(&["-f", &dir, "gap", "x", "--note", "n"]).failure(1);
}

#[test]
fn init_into_a_missing_folder_fails_cleanly() {
    let t = Test::new();
    t.then(&["-f", "no/such/folder/ledger.yaml", "init"])
        .failure(1);
    assert!(!t.dir.path().join("no").exists());
}

// ---------------------------------------------------------------- the command line

#[test]
fn unknown_commitment_id_on_the_command_line() {
    let t = Test::new().sample();
    for args in [
        &["show", "fr-mobile"][..],
        &[
            "update",
            "fr-mobile",
            "--status",
            "stalled",
            "--date",
            "2025-06-01",
            "--evidence",
            "source",
        ],
        &[
            "evidence",
            "fr-mobile",
            "--url",
            "https://example.org",
            "--title",
            "T",
        ],
        &["gap", "fr-mobile", "--note", "n"],
    ] {
        t.then(args)
            .failure(1)
            .stderr_has("no commitment has the id or UUID `fr-mobile`")
            .stderr_has("did you mean `fr-mobile-unit`?");
        assert!(
            t.file_bytes() == SAMPLE.as_bytes(),
            "{args:?} changed the file"
        );
    }
}

/// An id in other capitals, or a letter off, is suggested by its right spelling.
#[test]
fn unknown_id_suggests_the_id_meant() {
    let t = Test::new().sample();
    for (key, wanted) in [
        ("FR-MOBILE-UNIT", "`fr-mobile-unit`"),
        ("Uk-Cps-3m", "`uk-cps-3m`"),
        ("de-smugling-law", "`de-smuggling-law`"),
    ] {
        for args in [
            &["show", key][..],
            &["gap", key, "--note", "should not be written"][..],
        ] {
            t.then(args).failure(1).stderr_has(&format!(
                "no commitment has the id or UUID `{key}`; did you mean {wanted}?"
            ));
        }
        assert!(t.file_bytes() == SAMPLE.as_bytes(), "the file changed");
    }
}

/// `show 0b6` looks like the start of a UUID (0b6f1c1e-…), but prefixes count only from 4
/// characters, and the message must say so rather than only that there is no such id.
#[test]
fn uuid_prefix_too_short() {
    let t = Test::new().sample();
    for key in ["0b6", "a"] {
        t.then(&["show", key]).failure(1).stderr_has(&format!(
            "no commitment has the id or UUID `{key}` (a UUID prefix needs at least 4 characters)"
        ));
        t.then(&["gap", key, "--note", "should not be written"])
            .failure(1)
            .stderr_has("a UUID prefix needs at least 4 characters");
    }
    // Four characters are enough, and a word that is not hex gets no such remark.
    t.then(&["show", "0b6f"])
        .success()
        .stdout_has("fr-mobile-unit");
    let out = t.then(&["show", "xyz"]).failure(1);
    assert!(!out.stderr.contains("UUID prefix"), "{}", out.stderr);
    assert!(t.file_bytes() == SAMPLE.as_bytes(), "the file changed");
}

#[test]
fn bad_dates_on_the_command_line() {
    let t = Test::new().sample();
    let cases: &[(&[&str], &str)] = &[
        (
            &[
                "update",
                "fr-mobile-unit",
                "--status",
                "stalled",
                "--date",
                "2025-02-30",
                "--evidence",
                "source",
            ],
            "--date: `2025-02-30` is not a real date: February 2025 has 28 days",
        ),
        (
            &[
                "update",
                "fr-mobile-unit",
                "--status",
                "stalled",
                "--date",
                "31/03/2025",
                "--evidence",
                "source",
            ],
            "--date: `31/03/2025` is not a date in the form YYYY-MM-DD",
        ),
        (
            &[
                "add",
                "x-new",
                "--title",
                "T",
                "--owner",
                "O",
                "--made",
                "2025-3-31",
            ],
            "--made: `2025-3-31` is not a date",
        ),
        (
            &[
                "add",
                "x-new",
                "--title",
                "T",
                "--owner",
                "O",
                "--made",
                "2025-03-31",
                "--due",
                "2026-02-29",
            ],
            "February 2026 has 28 days",
        ),
        (
            &["gap", "uk-cps-3m", "--note", "n", "--checked", "2025-00-10"],
            "there is no month 0",
        ),
        (
            &[
                "evidence",
                "uk-cps-3m",
                "--url",
                "https://example.org",
                "--title",
                "T",
                "--published",
                "2025/06/01",
            ],
            "--published: `2025/06/01`",
        ),
    ];
    for (args, message) in cases {
        t.then(args).failure(1).stderr_has(message);
        assert!(
            t.file_bytes() == SAMPLE.as_bytes(),
            "{args:?} changed the file"
        );
    }
    // The reading commands' dates are typed where the arguments are read (they may also be
    // periods), so a bad one is a usage error naming the option and what would do.
    let reading: [(&[&str], &str); 3] = [
        (
            &["report", "--as-of", "yesterday"],
            "'--as-of <DATE>': `yesterday` is not a date (YYYY-MM-DD) or a period: a month (2026-07), a quarter (2026-Q3) or a year (2026)",
        ),
        (&["list", "--as-of", "2025-04-31"], "April 2025 has 30 days"),
        (
            &["changes", "--since", "2025-Q5"],
            "'--since <DATE>': `2025-Q5` names no quarter",
        ),
    ];
    for (args, message) in reading {
        t.then(args).failure(2).stderr_has(message);
    }
}

#[test]
fn bad_values_on_the_command_line() {
    let t = Test::new().sample();
    let cases: &[(&[&str], &str)] = &[
        (
            &[
                "evidence",
                "uk-cps-3m",
                "--url",
                "https://example.org",
                "--title",
                "T",
                "--kind",
                "blog",
            ],
            "--kind `blog` is not an evidence kind",
        ),
        (
            &[
                "evidence",
                "uk-cps-3m",
                "--url",
                "https://example.org",
                "--title",
                "T",
                "--id",
                "source",
            ],
            "not a usable evidence id",
        ),
        (
            &[
                "add",
                "x-new",
                "--title",
                "T",
                "--owner",
                "O",
                "--made",
                "2025-03-31",
                "--amount",
                "5",
                "--currency",
                "pounds",
            ],
            "not a three-letter ISO 4217 code",
        ),
        (
            &[
                "add",
                "x-new",
                "--title",
                "T",
                "--owner",
                "O",
                "--made",
                "2025-03-31",
                "--source-title",
                "S",
                "--source-url",
                "ftp://x",
            ],
            "--source-url `ftp://x` is not an http(s) address",
        ),
        (
            &[
                "add",
                "x-new",
                "--title",
                " ",
                "--owner",
                "O",
                "--made",
                "2025-03-31",
            ],
            "--title must not be empty",
        ),
        (
            &[
                "update",
                "uk-cps-3m",
                "--status",
                "stalled",
                "--date",
                "2025-06-01",
                "--evidence-url",
                "https://example.org",
                "--evidence-title",
                "T",
                "--kind",
                "rumour",
            ],
            "rumour",
        ),
    ];
    for (args, message) in cases {
        t.then(args).failure(1).stderr_has(message);
        assert!(
            t.file_bytes() == SAMPLE.as_bytes(),
            "{args:?} changed the file"
        );
    }
}

#[test]
fn bad_commitments_today() {
    for bad in ["tomorrow", "2025-02-30", "22/11/2026"] {
        let t = Test::new().sample().env("COMMITMENTS_TODAY", bad);
        t.then(&["report"])
            .failure(1)
            .stderr_has("COMMITMENTS_TODAY")
            .stderr_has(bad);
        t.then(&["gap", "uk-cps-3m", "--note", "n"])
            .failure(1)
            .stderr_has("COMMITMENTS_TODAY");
        assert!(t.file_bytes() == SAMPLE.as_bytes());
    }
}

#[test]
fn bad_commitments_now() {
    let t = Test::new().sample().env("COMMITMENTS_NOW", "noon");
    t.then(&[
        "update",
        "uk-cps-3m",
        "--status",
        "stalled",
        "--date",
        "2025-06-01",
        "--unsourced",
        "--note",
        "n",
    ])
    .failure(1)
    .stderr_has("COMMITMENTS_NOW");
    assert!(t.file_bytes() == SAMPLE.as_bytes());
}

#[test]
fn usage_errors_exit_2() {
    let t = Test::new().sample();
    for args in [
        &[][..],
        &["frobnicate"],
        &["update"],
        &["update", "fr-mobile-unit"],
        &["report", "--format", "xml"],
        &["add", "x-new", "--title", "T"],
        &[
            "add",
            "x-new",
            "--title",
            "T",
            "--owner",
            "O",
            "--made",
            "2025-03-31",
            "--amount",
            "5",
        ],
        &[
            "update",
            "fr-mobile-unit",
            "--status",
            "stalled",
            "--evidence-url",
            "https://example.org",
        ],
        &["check", "--no-such-flag"],
        &["--color", "sometimes", "report"],
    ] {
        t.then(args).failure(2);
        assert!(
            t.file_bytes() == SAMPLE.as_bytes(),
            "{args:?} changed the file"
        );
    }
    // Help and version are not errors.
    t.then(&["--help"]).success().stdout_has("Usage");
    t.then(&["--version"]).success().stdout_has("commitments");
}

#[test]
fn hostile_text_in_arguments_is_stored_safely() {
    let t = Test::new().sample();
    let note =
        "line one\nline two: with colon # and hash, 'quotes' \"double\" \u{1b}[31m and ünïcode";
    t.then(&["gap", "uk-cps-3m", "--note", note]).success();
    t.then(&["check"]).success();
    let j = t
        .then(&["show", "uk-cps-3m", "--format", "json"])
        .success()
        .json();
    assert_eq!(j["commitment"]["gaps"][0]["note"], note.trim());
    let shown = t.then(&["show", "uk-cps-3m"]).success();
    assert!(!shown.stdout.contains('\u{1b}'), "{}", shown.stdout);
}

/// Odd, small inputs: whatever they are, every command ends with exit 0 or 1 and a message,
/// never a panic or an internal error; a refused write changes nothing; an accepted write
/// leaves a file that passes `check`.
#[test]
fn odd_inputs_never_crash_and_never_half_write() {
    let record = "  - id: a\n    title: A\n    owner: O\n    made: 2025-03-31\n    history:\n      - {date: 2025-03-31, status: announced, unsourced: true, note: n}\n";
    let inputs: Vec<String> = vec![
        "~\n".into(),
        "null\n".into(),
        "[]\n".into(),
        "{}\n".into(),
        "- a\n".into(),
        "42\n".into(),
        "version: 1\n".into(),
        "version: 1\n...\n".into(),
        "version: 1\ncommitments: 5\n".into(),
        "version: 1\ncommitments: {a: b}\n".into(),
        "version: 1\ncommitments: [1]\n".into(),
        "version: 1\ncommitments: [[]]\n".into(),
        "version: 1\ncommitments:\n  - ~\n".into(),
        "version: 1\ncommitments:\n  - {}\n".into(),
        "version: 1\ncommitments:\n  - id: a\n    history: ~\n".into(),
        "version: 1\ncommitments: |\n  text\n".into(),
        "version: &v 1\ntitle: *v\ncommitments: []\n".into(),
        "version: 1\ntitle: *nowhere\ncommitments: []\n".into(),
        "version: !!binary aGVsbG8=\ncommitments: []\n".into(),
        "? version\n: 1\ncommitments: []\n".into(),
        "version: 1\ncommitments: []\n'".into(),
        "%YAML 1.2\n---\nversion: 1\ncommitments: []\n".into(),
        "\u{feff}\u{feff}version: 1\ncommitments: []\n".into(),
        "version: 1\u{0}\ncommitments: []\n".into(),
        "version: 1\ncommitments:\n".into(),
        "version: 1\rcommitments: []\r".into(),
        format!("version: 1\ncommitments:\n{record}"),
        format!("version: 1\ncommitments:\n{record}    evidence: 5\n"),
        format!("version: 1\ncommitments:\n{record}    gaps: {{}}\n"),
        format!("version: 1\ncommitments:\n{record}    gaps: text\n"),
        format!(
            "version: 1\ncommitments:\n{}",
            record.replace("history:\n", "history: !!seq\n")
        ),
        format!("version: 1\nstatuses: []\ncommitments:\n{record}"),
        format!(
            "version: 1\nstatuses:\n  - key: announced\n  - key: announced\ncommitments:\n{record}"
        ),
        format!(
            "version: 1\ncommitments:\n{}",
            record.replace("title: A", "title: \"\\u0000\\e[2J\"")
        ),
    ];
    let writes: [&[&str]; 3] = [
        &[
            "add",
            "x-new",
            "--title",
            "T",
            "--owner",
            "O",
            "--made",
            "2025-03-31",
        ],
        &["gap", "a", "--note", "n"],
        &[
            "update",
            "a",
            "--status",
            "stalled",
            "--date",
            "2025-05-01",
            "--unsourced",
            "--note",
            "n",
        ],
    ];
    for text in &inputs {
        let ok_or_refused = |out: &Output, what: &str| {
            assert!(
                matches!(out.code, Some(0) | Some(1)),
                "{what} on {text:?}: exit {:?}\n{}",
                out.code,
                out.stderr
            );
            for bad in ["panicked", "internal error", "stack backtrace"] {
                assert!(
                    !out.stderr.contains(bad),
                    "{what} on {text:?}: {bad}\n{}",
                    out.stderr
                );
            }
            if out.code == Some(1) {
                assert!(
                    !out.stderr.trim().is_empty(),
                    "{what} on {text:?}: no message"
                );
            }
        };
        let t = Test::new().ledger(text);
        for read in [
            &["check"][..],
            &["report"],
            &["list", "--format", "json"],
            &["show", "a"],
        ] {
            ok_or_refused(&t.then(read), read[0]);
        }
        for w in writes {
            let t = Test::new().ledger(text);
            let out = t.then(w);
            ok_or_refused(&out, w[0]);
            if out.code == Some(0) {
                let check = t.then(&["check"]);
                assert_eq!(
                    check.code,
                    Some(0),
                    "{} on {text:?} wrote a file that fails check:\n{}\n{}",
                    w[0],
                    check.stderr,
                    t.file()
                );
            } else {
                assert!(
                    t.file() == *text,
                    "{} on {text:?} was refused but changed the file",
                    w[0]
                );
            }
        }
    }
}

/// A date typed with the wrong year (2052 for 2025) is valid YAML and a valid date, and
/// reports as of today would silently leave its event out; `check` names each such date with
/// its position and fails, while reading commands still open the file and deadlines (`due`)
/// may lie ahead.
#[test]
fn check_names_dates_in_the_future() {
    let text = broken("      - date: 2025-03-31", "      - date: 2052-03-31").replacen(
        "checked: 2026-11-20",
        "checked: 2026-11-23",
        1,
    );
    let t = Test::new().ledger(&text);
    let check = t.then(&["check"]).failure(1);
    let event = at(&text, "2052-03-31");
    let gap = at(&text, "2026-11-23");
    for (position, message) in [
        (
            &event,
            "the status event's `date` 2052-03-31 is after today (2026-11-22)",
        ),
        (
            &gap,
            "the gap's `checked` date 2026-11-23 is after today (2026-11-22)",
        ),
    ] {
        assert!(
            check.stderr.contains(&format!("{position}: {message}")),
            "expected {position}: {message} in:\n{}",
            check.stderr
        );
    }
    assert!(check.stderr.contains("2 problems"), "{}", check.stderr);
    assert!(
        check.stderr.find(&event) < check.stderr.find(&gap),
        "in file order"
    );
    t.then(&["report"]).success();
    assert_eq!(t.file(), text, "check never changes the file");

    // Today itself is not the future, and a deadline may be.
    let fine = broken("checked: 2026-11-20", "checked: 2026-11-22").replacen(
        "due: 2025-12-31",
        "due: 2027-12-31",
        1,
    );
    Test::new().ledger(&fine).args(&["check"]).run().success();
}

#[test]
fn gap_refuses_a_search_in_the_future() {
    let t = Test::new().sample();
    let before = t.file_bytes();
    t.then(&["gap", "uk-cps-3m", "--note", "n", "--checked", "2027-01-01"])
        .failure(1)
        .stderr_has("--checked 2027-01-01 is in the future (today is 2026-11-22)");
    assert_eq!(t.file_bytes(), before);
}

// ---------------------------------------------------------------- funding events

/// The sample's `uk-cps-3m` (funding GBP 3m) with one funding event written as `event`.
fn with_funding_event(event: &str) -> String {
    broken(
        "    funding: {amount: 3000000, currency: GBP}\n",
        &format!("    funding: {{amount: 3000000, currency: GBP}}\n    funding_history:\n{event}"),
    )
}

#[test]
fn funding_events_in_the_file_are_checked_with_their_positions() {
    let ok = "      - {date: 2025-06-01, stage: allocated, amount: 3230000, currency: GBP, unsourced: true, note: budget letter}\n";
    Test::new()
        .ledger(&with_funding_event(ok))
        .args(&["check"])
        .run()
        .success()
        .stdout_has("1 funding event");
    // (what to change, into what, where the message points, what it says, what is valid)
    for (from, to, needle, says, valid) in [
        (
            "stage: allocated",
            "stage: committed",
            "committed",
            "unknown funding stage `committed`",
            "one of: pledged, allocated, disbursed, spent",
        ),
        (
            "currency: GBP, unsourced",
            "currency: EUR, unsourced",
            "EUR",
            "this amount is in EUR, but the commitment's money is in GBP",
            "write this amount in GBP",
        ),
        (
            "amount: 3230000",
            "amount: -3230000",
            "-3230000",
            "`amount` must be a plain number",
            "e.g. 3000000",
        ),
        (
            "amount: 3230000",
            "amount: 3.23m",
            "3.23m",
            "`amount` must be a plain number",
            "without separators",
        ),
        (
            "unsourced: true, note: budget letter",
            "note: budget letter",
            "{date: 2025-06-01",
            "this funding event cites no evidence",
            "unsourced: true",
        ),
        (
            "unsourced: true, note: budget letter",
            "evidence: [letter]",
            "letter]",
            "no evidence entry has the id `letter`",
            "add one under `evidence:`",
        ),
        (
            "date: 2025-06-01",
            "date: 2025-01-01",
            "2025-01-01",
            "dated before the commitment was made",
            "from the `made` date on",
        ),
    ] {
        let event = ok.replacen(from, to, 1);
        assert_ne!(event, ok, "{from}");
        let text = with_funding_event(&event);
        let out = refused(&text, Some(&at(&text, needle)), says);
        out.stderr_has(valid);
    }
}

// ---------------------------------------------------------------- parents

#[test]
fn unknown_parents_and_cycles_are_refused_where_they_are_named() {
    let text = broken(
        "    owner: Germany (Federal Ministry of the Interior)\n",
        "    owner: Germany (Federal Ministry of the Interior)\n    parent: fr-mobil-unit\n",
    );
    refused(
        &text,
        Some(&at(&text, "fr-mobil-unit")),
        "no commitment has the id `fr-mobil-unit`, named as the parent of `de-smuggling-law`",
    )
    .stderr_has("did you mean `fr-mobile-unit`?");

    // de → uk → de: reported once, at the first of them in the file.
    let text = broken(
        "    owner: Germany (Federal Ministry of the Interior)\n",
        "    owner: Germany (Federal Ministry of the Interior)\n    parent: uk-cps-3m\n",
    )
    .replacen(
        "    owner: United Kingdom (Home Office)\n",
        "    owner: United Kingdom (Home Office)\n    parent: de-smuggling-law\n",
        1,
    );
    let out = refused(
        &text,
        Some(&at(&text, "uk-cps-3m\n")),
        "in a circle: de-smuggling-law → uk-cps-3m → de-smuggling-law",
    );
    out.stderr_has("remove or change one of these `parent:` lines")
        .stderr_has("1 problem");

    let text = broken(
        "    owner: Germany (Federal Ministry of the Interior)\n",
        "    owner: Germany (Federal Ministry of the Interior)\n    parent: de-smuggling-law\n",
    );
    refused(
        &text,
        Some(&at(&text, "de-smuggling-law\n    made")),
        "in a circle: de-smuggling-law → de-smuggling-law",
    );

    let text = broken(
        "    owner: Germany (Federal Ministry of the Interior)\n",
        "    owner: Germany (Federal Ministry of the Interior)\n    parent: uk-cps-3m\n    weight: -2\n",
    );
    refused(
        &text,
        Some(&at(&text, "-2\n")),
        "`weight` must be a number of zero or more",
    );
}

// ------------------------------------------- the YAML reader's failures, in plain words
//
// Each of these once printed the library's own words: "multiple YAML documents detected; use
// from_str_multiple…", "non-finite float `.inf` rejected by the configured policy",
// "ScalarBytes { total_scalar_bytes: … } (defined)", "alias references unknown anchor",
// "unexpected character: `\u{0}'", "expected mapping start", "invalid u64".

/// No library option, type or function name reaches the person.
#[track_caller]
fn in_plain_words(mut out: Output) -> Output {
    for word in [
        "from_str",
        "policy",
        "ScalarBytes",
        "(defined)",
        "{ total",
        "u64",
        "\\u{",
        "mapping start",
        "non-finite",
        "not valid YAML for a ledger",
    ] {
        out = out.stderr_lacks(word);
    }
    out
}

#[test]
fn infinity_and_not_a_number_are_named_with_a_way_out() {
    for (value, message) in [
        (
            ".inf",
            "`.inf` is YAML's word for infinity, a value no field of a ledger holds\n",
        ),
        (
            ".nan",
            "`.nan` is YAML's word for \"not a number\", a value no field of a ledger holds\n",
        ),
        (
            "-.INF",
            "`-.INF` is YAML's word for infinity, a value no field of a ledger holds\n",
        ),
        (
            "1e999",
            "`1e999` is read by YAML as a number too large to hold\n",
        ),
    ] {
        // Values are read as written: `.inf` is the text `.inf`, not infinity, and is not the
        // version this program reads.
        let text = broken("version: 1", &format!("version: {value}"));
        let out = refused(
            &text,
            Some("commitments.yaml:2:10"),
            "this version of the file format is not supported",
        )
        .stderr_has("help: this program reads `version: 1`");
        in_plain_words(out);
        // In a text field, the way out is the person's own key and value, quoted.
        let text = broken("title: 'Test ledger'", &format!("title: {value}"));
        let t = Test::new().ledger(&text);
        let out = t.then(&["check"]);
        // A reader that takes every scalar as text may accept it; if it refuses, it says so
        // in these words.
        if out.code != Some(0) {
            let out = out
                .failure(1)
                .stderr_has(&format!("commitments.yaml:3:8: {message}"))
                .stderr_has(&format!(
                    "help: to keep it as text, put it in quotes: `title: \"{value}\"`"
                ));
            in_plain_words(out);
        }
    }
}

#[test]
fn a_second_document_after_dots_is_named_by_its_line() {
    let text = format!("{SAMPLE}...\nfoo: 1\n");
    let out = refused(
        &text,
        Some(&at(&text, "...\nfoo")),
        "the file holds more than one YAML document: the `...` on line 74 ends the first; a \
         ledger is one\n",
    );
    in_plain_words(out);
}

#[test]
fn an_alias_repeating_a_huge_value_is_refused_in_words() {
    let big = "y".repeat(1_000_000);
    let aliases = vec!["*a"; 80].join(", ");
    let text = broken(
        "partners: [United Kingdom]",
        &format!("partners: [&a {big}, {aliases}]"),
    );
    let out = refused(
        &text,
        None,
        "the file has more text than its size accounts for: with each alias (`*name`) counted \
         as a copy of the value it repeats, its values come to 65 MB, over twice the file's size\n",
    );
    in_plain_words(out.stderr_has("commitments.yaml:11:"));
}

#[test]
fn an_alias_of_no_anchor_names_the_alias() {
    let text = broken("title: 'Test ledger'", "title: *nope");
    let out = refused(
        &text,
        Some("commitments.yaml:3:8"),
        "`*nope` refers to an anchor `&nope` that is not defined before it\n",
    );
    in_plain_words(out);
}

#[test]
fn control_characters_are_named_by_their_code() {
    for (c, code) in [
        ('\u{0}', "U+0000"),
        ('\u{7}', "U+0007"),
        ('\u{1b}', "U+001B"),
    ] {
        let text = broken("Test ledger", &format!("Test{c}ledger"));
        let out = refused(
            &text,
            Some("commitments.yaml:3:13"),
            &format!("the file holds a control character ({code}), which YAML does not allow\n"),
        )
        .stderr_has("help: delete it: it is invisible in most editors");
        in_plain_words(out);
    }
}

#[test]
fn a_file_that_is_not_a_mapping_says_what_a_ledger_is() {
    for text in ["- a\n- b\n", "hello\n", "# notes\n[1, 2]\n"] {
        let t = Test::new().ledger(text);
        let out = t.then(&["check"]).failure(1).stderr_has(
            "a ledger file is a set of `key: value` lines, starting with `version: 1`; this \
             file starts with something else\n",
        );
        in_plain_words(out);
        assert_eq!(t.file(), text);
    }
}

#[test]
fn tags_merge_keys_and_brackets_gone_wrong_are_said_plainly() {
    for (from, to, position, message) in [
        (
            "title: 'Test ledger'",
            "title: !!int abc",
            "commitments.yaml:3:14",
            "this value is tagged (`!!…`) as a whole number, but it is not one\n",
        ),
        (
            "    owner: France (Ministry of the Interior)",
            "    owner: France\n    <<: 3",
            "commitments.yaml:11:9",
            "a merge key `<<:` must be followed by an alias of a record, e.g. `<<: *defaults`, \
             or a list of them\n",
        ),
        (
            "partners: [United Kingdom]",
            "partners: [United Kingdom",
            "commitments.yaml:12:9",
            "a `:` cannot stand here\n",
        ),
        (
            "partners: [United Kingdom]",
            "partners: [- United Kingdom]",
            "commitments.yaml:11:16",
            "a list item (`- `) cannot stand inside `[ ]` or `{ }`\n",
        ),
        (
            "title: 'Test ledger'",
            "title: 'Test ledger",
            "commitments.yaml:5:1",
            "a quoted value runs on to this line, which is not indented under it; is a closing \
             quotation mark missing above?\n",
        ),
    ] {
        let text = broken(from, to);
        let t = Test::new().ledger(&text);
        let out = t.then(&["check"]).failure(1).stderr_has(position);
        let out = out.stderr_has(message);
        in_plain_words(out);
        assert_eq!(t.file(), text);
    }
}

#[test]
fn a_list_where_one_value_belongs_is_said_without_library_words() {
    let text = broken(
        "owner: France (Ministry of the Interior)",
        &format!("owner: [France {}", "z".repeat(5000)),
    );
    let out = refused(
        &text,
        Some("commitments.yaml:10:12"),
        "expected a single value (text, a number or a date), not a list or a mapping; found a \
         list\n",
    );
    assert!(out.stderr.len() < 1500, "{} bytes", out.stderr.len());
    in_plain_words(out.stderr_lacks("sequence"));
}

#[test]
fn a_very_long_key_is_shortened_in_the_message() {
    let key = "z".repeat(900);
    let text = broken(
        "    owner: France (Ministry of the Interior)",
        &format!("    owner: France\n    {key}: x"),
    );
    let shown = format!("`{}…` is not a field of a commitment\n", "z".repeat(60));
    let out = refused(&text, Some("commitments.yaml:11:5"), &shown);
    assert!(out.stderr.len() < 2500, "{} bytes", out.stderr.len());
    // Past YAML's limit of 1024 characters for a key, the parser stops at the line itself.
    let key = "z".repeat(5000);
    let text = broken(
        "    owner: France (Ministry of the Interior)",
        &format!("    owner: France\n    {key}: x"),
    );
    let out = refused(
        &text,
        Some("commitments.yaml:11:5"),
        "this key is longer than YAML allows (1024 characters)\n",
    );
    assert!(out.stderr.len() < 1500, "{} bytes", out.stderr.len());
    in_plain_words(out.stderr_lacks("simple key"));
}

#[test]
fn a_line_without_a_colon_says_so() {
    let text = broken(
        "    owner: France (Ministry of the Interior)\n",
        "    owner: France (Ministry of the Interior)\n    just some words\n    made_up: x\n",
    );
    let t = Test::new().ledger(&text);
    let out = t.then(&["check"]).failure(1);
    in_plain_words(out.stderr_lacks("simple key"));
}

#[test]
fn very_long_values_are_shortened_in_messages() {
    let z = "z".repeat(3000);
    let cut = format!("{}…", "z".repeat(60));
    // In the file: an unknown status, a date, a cited id.
    let text = broken("status: in-progress", &format!("status: {z}"));
    let out = refused(&text, None, &format!("unknown status `{cut}`\n"));
    assert!(out.stderr.len() < 1000, "{} bytes", out.stderr.len());
    let text = broken("made: 2025-03-31", &format!("made: 2025-{z}"));
    let out = refused(
        &text,
        None,
        &format!("`2025-{}…` is not a date", "z".repeat(55)),
    );
    assert!(out.stderr.len() < 1000, "{} bytes", out.stderr.len());
    // On the command line.
    let t = Test::new().sample();
    let out = t
        .then(&["show", &z])
        .failure(1)
        .stderr_has(&format!("no commitment has the id or UUID `{cut}`"));
    assert!(out.stderr.len() < 500, "{} bytes", out.stderr.len());
    let out = t
        .then(&[
            "add",
            "x-y",
            "--title",
            "T",
            "--owner",
            "O",
            "--made",
            "2025-03-31",
            "--amount",
            &z,
            "--currency",
            "EUR",
        ])
        .failure(1)
        .stderr_has(&format!("--amount `{cut}` is not a plain number"));
    assert!(out.stderr.len() < 600, "{} bytes", out.stderr.len());
}

#[test]
fn escapes_keys_directives_and_stray_marks_are_said_plainly() {
    for (from, to, position, message) in [
        (
            "title: 'Test ledger'",
            "title: \"bad \\q escape\"",
            "commitments.yaml:3:8",
            "inside double quotes, a backslash `\\` starts an escape, and this one is not valid\n",
        ),
        (
            "title: 'Test ledger'",
            "title: \"\\uD800\"",
            "commitments.yaml:3:8",
            "inside double quotes, a backslash `\\` starts an escape, and this one is not valid\n",
        ),
        (
            "title: 'Test ledger'",
            ": x",
            "commitments.yaml:3:1",
            "this key is empty; a key is a field's name, such as `title`\n",
        ),
        (
            "title: 'Test ledger'",
            "? [a, b]\n: c",
            "commitments.yaml:3:3",
            "a key must be a plain name, such as `title`, not a list or a mapping\n",
        ),
        (
            "commitments:",
            "\u{feff}commitments:",
            "commitments.yaml:5:1",
            "the file holds an invisible byte-order mark (U+FEFF) here, which only its very \
             start may have\n",
        ),
        (
            "version: 1",
            "%YAML 2.0\n---\nversion: 1",
            "commitments.yaml:2:1",
            "the `%YAML` line names a version of YAML this program does not read (it reads \
             YAML 1.1 and 1.2)\n",
        ),
    ] {
        let text = broken(from, to);
        let t = Test::new().ledger(&text);
        let out = t
            .then(&["check"])
            .failure(1)
            .stderr_has(&format!("{position}: {message}"));
        in_plain_words(out.stderr_lacks("scalar").stderr_lacks("Option<"));
        assert_eq!(t.file(), text);
    }
}

#[test]
fn characters_yaml_keeps_for_itself_are_named_with_the_quotes_that_free_them() {
    for (to, position, message) in [
        (
            "title: @home",
            "commitments.yaml:3:8",
            "a value cannot start with `@`\n",
        ),
        (
            "title: `x`",
            "commitments.yaml:3:8",
            "a value cannot start with a backtick\n",
        ),
        (
            "title: & x",
            "commitments.yaml:3:8",
            "`&` or `*` at the start of a value must be followed by a name (YAML reads them as \
             an anchor or an alias)\n",
        ),
        (
            "title: | x",
            "commitments.yaml:3:8",
            "after `|` or `>`, the text must start on the next line\n",
        ),
        (
            "title: \"Test ledger\"#c",
            "commitments.yaml:3:21",
            "a `#` that starts a comment must have a space before it\n",
        ),
        (
            "title: 'Test ledger'\n%",
            "commitments.yaml:4:2",
            "a line starting with `%` is read as a YAML directive, and this is not one\n",
        ),
    ] {
        let text = broken("title: 'Test ledger'", to);
        let t = Test::new().ledger(&text);
        let out = t
            .then(&["check"])
            .failure(1)
            .stderr_has(&format!("{position}: {message}"));
        in_plain_words(out.stderr_lacks("scalar").stderr_lacks("scanning"));
        assert_eq!(t.file(), text);
    }
}
