//! Hostile text that must be shown, never obeyed (terminal escapes, scripts in URLs), and files found by fuzzing.

use super::*;

#[test]
fn terminal_escapes_are_stripped_from_tables_and_messages() {
    let esc = "\\e[2J\\e[31m";
    let text = broken(
        "title: GBP 3m for the Crown Prosecution Service",
        &format!("title: \"GBP 3m {esc}for the CPS\\e]0;pwned\\a\""),
    )
    .replace(
        "owner: United Kingdom (Home Office)",
        &format!("owner: \"United Kingdom {esc}(Home Office)\""),
    );
    let t = Test::new().ledger(&text);
    for args in [&["list"][..], &["show", "uk-cps-3m"], &["report"]] {
        let out = t.then(args).success();
        assert!(out.stdout.contains("for the CPS"), "{}", out.stdout);
        assert!(
            !out.stdout.contains('\u{1b}') && !out.stdout.contains('\u{7}'),
            "{args:?} printed an escape:\n{:?}",
            out.stdout
        );
    }
    // A status label of the ledger's own, in the summary line under the table.
    let labels = format!(
        "statuses:\n  - key: announced\n    label: \"Announced{esc}\"\n  - key: in-progress\n  - key: delivered\n    closed: true\n    score: 1\n{}",
        text.split_once("commitments:\n")
            .map(|(_, rest)| format!("commitments:\n{rest}"))
            .unwrap()
    );
    let t = Test::new().ledger(&format!("version: 1\n{labels}"));
    let out = t.then(&["list"]).success();
    assert!(!out.stdout.contains('\u{1b}'), "{:?}", out.stdout);
    // And in error messages, which repeat what the file says.
    let bad = broken(
        "status: announced\n        unsourced",
        "status: \"x\\e[2J\"\n        unsourced",
    );
    let t = Test::new().ledger(&bad);
    let out = t.then(&["check"]).failure(1).stderr_has("unknown status");
    assert!(!out.stderr.contains('\u{1b}'), "{:?}", out.stderr);
    let out = t.then(&["show", "\u{1b}[2Jx"]).failure(1);
    assert!(!out.stderr.contains('\u{1b}'), "{:?}", out.stderr);
}

#[test]
fn urls_that_are_not_http_are_refused_at_input() {
    let t = Test::new().sample();
    for url in [
        "javascript:alert(1)",
        "JavaScript:alert(document.cookie)",
        "data:text/html,<script>alert(1)</script>",
        "file:///etc/passwd",
        "vbscript:msgbox",
        "//evil.example/x",
        "https://",
        "https://exa mple.org",
    ] {
        t.then(&["evidence", "fr-mobile-unit", "--url", url, "--title", "T"])
            .failure(1)
            .stderr_has("is not an http(s) address");
        t.then(&[
            "update",
            "fr-mobile-unit",
            "--status",
            "delivered",
            "--date",
            "2025-06-01",
            "--evidence-url",
            url,
            "--evidence-title",
            "T",
        ])
        .failure(1)
        .stderr_has("is not an http(s) address");
        t.then(&[
            "add",
            "x-new",
            "--title",
            "T",
            "--owner",
            "O",
            "--made",
            "2025-04-01",
            "--source-title",
            "S",
            "--source-url",
            url,
        ])
        .failure(1)
        .stderr_has("is not an http(s) address");
    }
    assert_eq!(t.file(), SAMPLE);
    // In the file, by hand: refused by `check` with where it is.
    let text = broken("url: https://example.org/times", "url: javascript:alert(1)");
    refused_bytes(
        text.as_bytes(),
        &[
            &format!("{}:", at(&text, "javascript:")),
            "`url` is not a web address",
        ],
    );
}

/// `commitments:` or `evidence:` with nothing after it (or `~`) is a valid, empty list; the
/// first write to it used to fail with an internal error (found by fuzzing).
#[test]
fn empty_lists_written_as_null_take_a_write() {
    for empty in ["", " ~", " null", "   # none yet"] {
        let t = Test::new().ledger(&format!("version: 1\ncommitments:{empty}\n# the end\n"));
        t.then(&[
            "add",
            "x-new",
            "--title",
            "T",
            "--owner",
            "O",
            "--made",
            "2025-04-01",
        ])
        .success();
        t.then(&["gap", "x-new", "--note", "Looked"]).success();
        t.then(&["check"]).success().stdout_has("1 commitment");
        assert!(t.file().contains("# the end"));
    }
    let text = broken(
        "    funding: {amount: 3000000, currency: GBP}\n",
        "    funding: {amount: 3000000, currency: GBP}\n    evidence:   # none yet\n    gaps: ~\n",
    );
    let t = Test::new().ledger(&text);
    t.then(&[
        "evidence",
        "uk-cps-3m",
        "--url",
        "https://example.org/a",
        "--title",
        "A",
    ])
    .success();
    t.then(&["gap", "uk-cps-3m", "--note", "Looked"]).success();
    t.then(&["check"]).success();
    assert!(t.file().contains("evidence:   # none yet\n"));
}

/// Valid YAML that the lossless editor cannot read (found by fuzzing): refused clearly, not as
/// an internal error, and the file is untouched; `check` still accepts it.
#[test]
fn yaml_the_editor_cannot_read_is_refused_clearly() {
    let text = "version: 1\ndescription:\n !note # c\n  word\n\n a\ncommitments: []\n";
    let t = Test::new().ledger(text);
    t.then(&["check"]).success();
    t.then(&[
        "add",
        "x-new",
        "--title",
        "T",
        "--owner",
        "O",
        "--made",
        "2025-04-01",
    ])
    .failure(1)
    .stderr_has("commitments.yaml is valid, but this program cannot change it without risk")
    .stderr_has("nothing was changed");
    assert_eq!(t.file(), text);
}
