//! The YAML reader's failures, in plain words: no library words, no Rust type names.

use super::*;

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
