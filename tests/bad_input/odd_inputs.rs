//! Odd text in arguments and odd ledgers: stored safely, never a crash or a half write; dates in the future.

use super::*;

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
