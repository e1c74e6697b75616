//! The file's content: YAML that does not parse, values the ledger does not allow.

use super::*;

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
