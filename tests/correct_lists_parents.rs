//! `commitments correct` on the lists `tags` and `partners` (issue 12, item 4): `tags=a,b`
//! makes the list, `tags+=x` adds an item, `tags-=x` takes one out; the old list is kept in
//! the correction entry one item a line, and every refusal leaves the file as it was. And on
//! `parent`, which must name another commitment and make no cycle.

use crate::harness::*;

#[test]
fn a_list_is_replaced_added_to_and_taken_from_with_the_old_list_kept() {
    let t = Test::new().sample();
    t.then(&[
        "correct",
        "fr-mobile-unit",
        "partners+=Korea, Republic of",
        "--reason",
        "PA names it",
    ])
    .success()
    .stdout_has(
        "partners corrected to `United Kingdom, Korea, Republic of` (was `United Kingdom`)",
    );
    t.then(&[
        "correct",
        "de-smuggling-law",
        "tags=legislation, Aufenthaltsgesetz",
        "--reason",
        "the law changed is the Residence Act",
    ])
    .success();
    t.then(&[
        "correct",
        "fr-mobile-unit",
        "tags-=enforcement",
        "--reason",
        "not an enforcement pledge",
    ])
    .success();
    let file = t.file();
    // The item with a comma is one item; the flow list quotes it.
    assert!(
        file.contains("    partners: [United Kingdom, \"Korea, Republic of\"]\n"),
        "{file}"
    );
    assert!(file.contains("    tags: [france]\n"), "{file}");
    // The comment on a kept item stays on its line; the one taken out goes.
    assert!(
        file.contains("    - legislation\n    - Aufenthaltsgesetz\n"),
        "{file}"
    );
    assert!(!file.contains("- germany"), "{file}");
    // The old list, one item a line, so that a comma in an item is kept as it is.
    assert!(
        file.contains("        old: |-\n          germany\n          legislation\n        new: |-\n          legislation\n          Aufenthaltsgesetz\n"),
        "{file}"
    );
    assert!(file.contains("        old: United Kingdom\n        new: |-\n          United Kingdom\n          Korea, Republic of\n"), "{file}");
    t.then(&["check"]).success();
    let j = t
        .then(&["show", "fr-mobile-unit", "--format", "json"])
        .success()
        .json();
    assert_eq!(
        j["commitment"]["partners"],
        serde_json::json!(["United Kingdom", "Korea, Republic of"])
    );
    assert_eq!(j["commitment"]["tags"], serde_json::json!(["france"]));
    t.then(&["show", "de-smuggling-law"])
        .success()
        .stdout_has("corrected: tags")
        .stdout_has("was “germany, legislation”, now “legislation, Aufenthaltsgesetz”");
    t.then(&["changes", "--since", "2026-11-01", "--format", "csv"])
        .success()
        .stdout_has("germany, legislation")
        .stdout_has("not an enforcement pledge");
    // The correction goes in as it was made: undo takes it back, whole.
    t.then(&["undo"]).success();
    assert!(t.file().contains("    tags: [france, enforcement]\n"));
}

/// Each refusal: exit 1, the file byte for byte, and a message naming what is valid.
#[test]
fn bad_list_corrections_are_refused_and_the_file_is_untouched() {
    let t = Test::new().sample();
    let before = t.file_bytes();
    let cases: &[(&str, &str, &str)] = &[
        ("fr-mobile-unit", "tags=", "tags+=ITEM to add one"),
        ("fr-mobile-unit", "tags=  ", "tags+=ITEM to add one"),
        ("fr-mobile-unit", "tags+=", "tags+=ITEM to add one"),
        ("fr-mobile-unit", "tags=a,,b", "has an empty item"),
        ("fr-mobile-unit", "tags=a,", "has an empty item"),
        ("fr-mobile-unit", "tags=a,b,a", "`a` is given twice"),
        (
            "fr-mobile-unit",
            "tags=france,enforcement",
            "already `france, enforcement`",
        ),
        (
            "fr-mobile-unit",
            "tags+=france",
            "already in the list (fr-mobile-unit's tags: france, enforcement)",
        ),
        (
            "fr-mobile-unit",
            "partners-=China",
            "not in the list to take out (fr-mobile-unit's partners: United Kingdom)",
        ),
        (
            "uk-cps-3m",
            "partners-=China",
            "(uk-cps-3m has no partners)",
        ),
        (
            "fr-mobile-unit",
            "partners-=United Kingdom",
            "would leave fr-mobile-unit with no partners",
        ),
        (
            "fr-mobile-unit",
            "title+=more",
            "title is not one; write title=VALUE (the lists are tags and partners)",
        ),
        (
            "fr-mobile-unit",
            "label+=x",
            "the fields are: title, owner, made, due, description, notes, tags, partners",
        ),
    ];
    for (id, change, says) in cases {
        t.then(&["correct", id, change, "--reason", "x"])
            .failure(1)
            .stderr_has(says);
        assert_eq!(t.file_bytes(), before, "{change} changed the file");
    }
    // A list is a commitment's field, not an evidence entry's; and the entry must exist.
    t.then(&[
        "correct",
        "fr-mobile-unit",
        "tags=a",
        "--evidence",
        "times-2025-03-30",
        "--reason",
        "x",
    ])
    .failure(1)
    .stderr_has("title, publisher, url, published, accessed, kind, quote");
    t.then(&[
        "correct",
        "fr-mobile-unit",
        "title=a",
        "--evidence",
        "nope",
        "--reason",
        "x",
    ])
    .failure(1)
    .stderr_has("its evidence entries are: times-2025-03-30");
    assert_eq!(t.file_bytes(), before);
}

/// A correction entry of a list written by hand is read by `check`, one item a line.
#[test]
fn check_reads_a_hand_written_list_correction() {
    let t = Test::new().sample();
    t.then(&[
        "correct",
        "fr-mobile-unit",
        "tags=france",
        "--reason",
        "one tag",
    ])
    .success();
    let bad = t.file().replacen("field: tags", "field: tag", 1);
    std::fs::write(t.path(), &bad).unwrap();
    t.then(&["check"])
        .failure(1)
        .stderr_has("`tag` is not a field of a commitment that a correction can change")
        .stderr_has("tags, partners");
}

const FAMILY: &str = include_str!("fixtures/family.yaml");

#[test]
fn a_parent_is_set_by_a_correction_and_bad_parents_are_refused() {
    let t = Test::new().ledger(FAMILY);
    let before = t.file_bytes();
    for (change, says) in [
        (
            "parent=nope",
            "no commitment has the id `nope`, so it cannot be uk-border-command's parent; the ids are: communique-smuggling,",
        ),
        (
            "parent=uk-border-command",
            "would make a cycle (uk-border-command → uk-border-command)",
        ),
        ("parent=", "is empty; give a commitment's id"),
    ] {
        t.then(&["correct", "uk-border-command", change, "--reason", "x"])
            .failure(1)
            .stderr_has(says);
        assert_eq!(t.file_bytes(), before, "{change}");
    }
    t.then(&[
        "correct",
        "communique-money",
        "parent=uk-finance-taskforce",
        "--reason",
        "x",
    ])
    .failure(1)
    .stderr_has("communique-money → uk-finance-taskforce → communique-money");
    assert_eq!(t.file_bytes(), before);
    t.then(&[
        "correct",
        "uk-border-command",
        "parent=communique-money",
        "--reason",
        "Para 6 names illicit finance",
    ])
    .success()
    .stdout_has("parent corrected to `communique-money` (was not set)");
    let file = t.file();
    assert!(
        file.contains("    parent: communique-money\n    history:\n"),
        "{file}"
    );
    assert!(file.contains("        field: parent\n        new: communique-money\n"));
    t.then(&["check"]).success();
    let j = t
        .then(&["report", "--matrix", "--format", "json"])
        .success()
        .json();
    assert_eq!(
        j["rows"][1]["cells"]["United Kingdom"]
            .as_array()
            .unwrap()
            .len(),
        2,
        "the UK's two children under communique-money: {}",
        j["rows"][1]
    );
}
