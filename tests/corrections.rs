//! `commitments correct` (issue 12, item 4): a field changed in place, the old value kept in a
//! dated `corrections:` entry with who and why; shown by `show`, listed by `changes`, checked
//! by `check`; and every refusal leaves the file as it was.

use crate::harness::*;

const TITLE: &str = "France to launch a specialist mobile unit to respond to small-boat launches";

#[test]
fn correct_changes_the_title_and_keeps_the_old_one() {
    let t = Test::new().sample();
    let before = t.file();
    t.then(&[
        "correct",
        "fr-mobile-unit",
        "title=La France lance une unité mobile spécialisée",
        "--reason",
        "Le communiqué dit « unité », pas « brigade »",
    ])
    .success()
    .stdout_has("title corrected");
    let after = t.file();
    // The value changed on its own line; the slug's comment and every other line are kept.
    assert!(after.contains("    title: La France lance une unité mobile spécialisée\n"));
    assert!(!after.contains(&format!("    title: {TITLE}\n")));
    assert!(after.contains("  - id: fr-mobile-unit   # the slug\n"));
    assert!(after.contains(&format!("        old: {TITLE}\n")));
    assert!(after.contains("        reason: Le communiqué dit « unité », pas « brigade »\n"));
    assert!(after.contains("        recorded_by: tester\n"));
    assert!(after.contains("        recorded_at: 2026-11-22T09:00:00Z\n"));
    assert!(!after.contains("\\x"), "letters are never escaped");
    let kept = before.lines().filter(|l| !l.contains(TITLE)).count();
    let after_lines: Vec<&str> = after.lines().collect();
    assert!(
        before
            .lines()
            .filter(|l| !l.contains(TITLE))
            .all(|l| after_lines.contains(&l)),
        "all {kept} other lines are kept"
    );
    t.then(&["check"]).success();
    t.then(&["show", "fr-mobile-unit"])
        .success()
        .stdout_has("corrected: title")
        .stdout_has(&format!("was “{TITLE}”"))
        .stdout_has("Le communiqué dit « unité »");
    let j = t
        .then(&["show", "fr-mobile-unit", "--format", "json"])
        .success()
        .json();
    assert_eq!(j["commitment"]["corrections"][0]["old"], TITLE);
    assert_eq!(j["commitment"]["corrections"][0]["field"], "title");
}

#[test]
fn correct_reaches_dates_the_source_and_evidence_entries() {
    let t = Test::new().sample();
    for args in [
        &[
            "correct",
            "fr-mobile-unit",
            "due=2026-06-30",
            "--reason",
            "the letter says June",
        ][..],
        &[
            "correct",
            "fr-mobile-unit",
            "source.publisher=Home Office (UK)",
            "--reason",
            "full name",
        ],
        &[
            "correct",
            "fr-mobile-unit",
            "url=https://example.org/times-original",
            "--evidence",
            "times-2025-03-30",
            "--reason",
            "the original, not the mirror",
        ],
    ] {
        t.then(args).success();
    }
    let f = t.file();
    assert!(f.contains("    due: 2026-06-30\n"));
    assert!(f.contains("      publisher: Home Office (UK)\n"));
    assert!(f.contains("        url: https://example.org/times-original\n"));
    assert!(f.contains("        evidence: times-2025-03-30\n"));
    t.then(&["check"]).success();
    t.then(&["changes", "--since", "2026-11-01"])
        .success()
        .stdout_has("Corrected: “2025-12-31” → “2026-06-30”")
        .stdout_has("evidence times-2025-03-30: url: the original, not the mirror");
    let j = t
        .then(&["changes", "--since", "2026-11-01", "--format", "json"])
        .success()
        .json();
    let kinds: Vec<&str> = j["commitments"][0]["changes"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|c| c["kind"].as_str())
        .collect();
    assert_eq!(kinds.iter().filter(|k| **k == "correction").count(), 3);
}

/// Each refusal: the exit code, the file byte for byte, and a message naming what is valid.
#[test]
fn bad_corrections_are_refused_and_the_file_is_untouched() {
    let t = Test::new().sample();
    let before = t.file_bytes();
    let cases: &[(&[&str], i32, &str)] = &[
        (
            &["correct", "fr-mobile-unit", "colour=red", "--reason", "x"],
            1,
            "the fields are: title, owner, made, due",
        ),
        (
            &["correct", "fr-mobile-unit", "title", "--reason", "x"],
            1,
            "write FIELD=VALUE",
        ),
        (
            &[
                "correct",
                "fr-mobile-unit",
                "title=X",
                "--evidence",
                "nope",
                "--reason",
                "x",
            ],
            1,
            "its evidence entries are: times-2025-03-30",
        ),
        (
            &[
                "correct",
                "fr-mobile-unit",
                "colour=X",
                "--evidence",
                "times-2025-03-30",
                "--reason",
                "x",
            ],
            1,
            "title, publisher, url, published, accessed, kind, quote",
        ),
        (
            &["correct", "fr-mobile-unit", "due=soon", "--reason", "x"],
            1,
            "YYYY-MM-DD",
        ),
        (
            &[
                "correct",
                "fr-mobile-unit",
                "made=2025-05-01",
                "--reason",
                "x",
            ],
            1,
            "first recorded event (2025-03-31)",
        ),
        (
            &[
                "correct",
                "fr-mobile-unit",
                "source.url=not a url",
                "--reason",
                "x",
            ],
            1,
            "http:// or https://",
        ),
        (
            &["correct", "fr-mobile-unit", "title=", "--reason", "x"],
            1,
            "is empty",
        ),
        (
            &[
                "correct",
                "fr-mobile-unit",
                "due=2025-12-31",
                "--reason",
                "x",
            ],
            1,
            "nothing to correct",
        ),
        (
            &["correct", "fr-mobile-unit", "title=X", "--reason", "  "],
            1,
            "--reason is empty",
        ),
        (&["correct", "fr-mobile-unit", "title=X"], 2, "--reason"),
        (
            &["correct", "fr-mobil-unit", "title=X", "--reason", "x"],
            1,
            "fr-mobile-unit",
        ),
    ];
    for (args, code, says) in cases {
        t.then(args).failure(*code).stderr_has(says);
        assert_eq!(t.file_bytes(), before, "{args:?} changed the file");
    }
}

#[test]
fn check_names_a_wrong_correction_entry_with_its_line() {
    let t = Test::new().sample();
    t.then(&[
        "correct",
        "fr-mobile-unit",
        "owner=France",
        "--reason",
        "shorter",
    ])
    .success();
    let bad = t.file().replacen("field: owner", "field: colour", 1);
    std::fs::write(t.path(), &bad).unwrap();
    let line = bad
        .lines()
        .position(|l| l.contains("field: colour"))
        .unwrap()
        + 1;
    t.then(&["check"])
        .failure(1)
        .stderr_has(&format!(":{line}:16"))
        .stderr_has("`colour` is not a field of a commitment that a correction can change")
        .stderr_has("one of: title, owner");
    let no_reason = t
        .file()
        .replacen("field: colour", "field: owner", 1)
        .replacen("        reason: shorter\n", "", 1);
    std::fs::write(t.path(), &no_reason).unwrap();
    t.then(&["check"])
        .failure(1)
        .stderr_has("a correction has no `reason`");
}

#[test]
fn retire_keeps_the_record_shows_it_and_leaves_it_out_of_reports_from_its_date() {
    let t = Test::new().sample();
    let before = t.file();
    t.then(&[
        "retire",
        "uk-cps-3m",
        "--reason",
        "Folded into the CPS programme",
        "--date",
        "2026-11-01",
    ])
    .success()
    .stdout_has("retired from 2026-11-01");
    let after = t.file();
    assert!(after.starts_with(&before[..before.find("    retired:").unwrap_or(0)]));
    assert!(after.contains(
        "    retired:\n      date: 2026-11-01\n      reason: Folded into the CPS programme\n"
    ));
    let kept: Vec<&str> = after.lines().collect();
    assert!(
        before.lines().all(|l| kept.contains(&l)),
        "every line is kept"
    );
    t.then(&["check"]).success();
    let ids = |args: &[&str]| -> Vec<String> {
        t.then(args).success().json()["commitments"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["id"].as_str().unwrap().to_string())
            .collect()
    };
    let now = ids(&["report", "--format", "json"]);
    assert!(!now.contains(&"uk-cps-3m".to_string()), "{now:?}");
    assert!(now.contains(&"fr-mobile-unit".to_string()));
    let asked = ids(&["report", "--format", "json", "--include-retired"]);
    assert!(asked.contains(&"uk-cps-3m".to_string()));
    // Before its retirement it was tracked, and a report on that day counts it.
    let earlier = ids(&["report", "--format", "json", "--as-of", "2026-10-31"]);
    assert!(earlier.contains(&"uk-cps-3m".to_string()));
    t.then(&["list"]).success().stdout_lacks("uk-cps-3m");
    t.then(&["list", "--include-retired"])
        .success()
        .stdout_has("uk-cps-3m");
    t.then(&["show", "uk-cps-3m"])
        .success()
        .stdout_has("since 2026-11-01: Folded into the CPS programme");
    t.then(&["changes", "--since", "2026-10-01"])
        .success()
        .stdout_has("Retired: no longer tracked")
        .stdout_has("Folded into the CPS programme");
}

#[test]
fn bad_retirements_are_refused_and_the_file_is_untouched() {
    let t = Test::new().sample();
    t.then(&["retire", "uk-cps-3m", "--reason", "dropped"])
        .success();
    let before = t.file_bytes();
    let cases: &[(&[&str], i32, &str)] = &[
        (
            &["retire", "uk-cps-3m", "--reason", "again"],
            1,
            "already retired (since 2026-11-22: dropped)",
        ),
        (&["retire", "fr-mobile-unit"], 2, "--reason"),
        (
            &["retire", "fr-mobile-unit", "--reason", " "],
            1,
            "--reason is empty",
        ),
        (
            &[
                "retire",
                "fr-mobile-unit",
                "--reason",
                "x",
                "--date",
                "2030-01-01",
            ],
            1,
            "in the future",
        ),
        (
            &[
                "retire",
                "fr-mobile-unit",
                "--reason",
                "x",
                "--date",
                "2025-01-01",
            ],
            1,
            "before fr-mobile-unit was made",
        ),
        (
            &[
                "retire",
                "fr-mobile-unit",
                "--reason",
                "x",
                "--date",
                "soon",
            ],
            2,
            "--date",
        ),
        (
            &["retire", "nobody", "--reason", "x"],
            1,
            "no commitment has the id",
        ),
    ];
    for (args, code, says) in cases {
        t.then(args).failure(*code).stderr_has(says);
        assert_eq!(t.file_bytes(), before, "{args:?} changed the file");
    }
    let bad = t.file().replacen("      reason: dropped\n", "", 1);
    std::fs::write(t.path(), &bad).unwrap();
    t.then(&["check"])
        .failure(1)
        .stderr_has("`retired` has no `reason`");
}

#[test]
fn retract_withdraws_an_event_and_its_evidence_which_stay_in_the_file() {
    let t = Test::new().sample();
    let before = t.file();
    let status = |t: &Test| -> String {
        let j = t.then(&["report", "--format", "json"]).success().json();
        let row = j["commitments"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["id"] == "fr-mobile-unit")
            .unwrap()
            .clone();
        format!(
            "{} {}",
            row["status"].as_str().unwrap(),
            row["latest_evidence"]
        )
    };
    assert_eq!(status(&t), "in-progress \"2025-03-30\"");
    t.then(&[
        "retract",
        "fr-mobile-unit",
        "--event",
        "2025-04-01",
        "--reason",
        "The Times report was about another unit",
    ])
    .success();
    t.then(&[
        "retract",
        "fr-mobile-unit",
        "--evidence",
        "times-2025-03-30",
        "--reason",
        "about another unit",
    ])
    .success();
    let after = t.file();
    let kept: Vec<&str> = after.lines().collect();
    assert!(
        before.lines().all(|l| kept.contains(&l)),
        "every line stays"
    );
    assert!(after.contains("        event: 2025-04-01\n"));
    assert!(after.contains("        evidence: times-2025-03-30\n"));
    assert_eq!(
        status(&t),
        "announced null",
        "left out of the status and of the newest evidence"
    );
    t.then(&["check"]).success();
    t.then(&["show", "fr-mobile-unit"])
        .success()
        .stdout_has("retracted: status event of 2025-04-01")
        .stdout_has("The Times report was about another unit");
    t.then(&["changes", "--since", "2025-01-01"])
        .success()
        .stdout_has("Retracted: recorded by mistake")
        .stdout_lacks("Announced → In progress");
}

#[test]
fn bad_retractions_are_refused_and_the_file_is_untouched() {
    let t = Test::new().sample();
    let before = t.file_bytes();
    let cases: &[(&[&str], i32, &str)] = &[
        (
            &[
                "retract",
                "fr-mobile-unit",
                "--event",
                "2025-05-01",
                "--reason",
                "x",
            ],
            1,
            "its events are: 2025-03-31 (announced), 2025-04-01 (in-progress)",
        ),
        (
            &[
                "retract",
                "fr-mobile-unit",
                "--event",
                "2025-04-01",
                "--status",
                "delivered",
                "--reason",
                "x",
            ],
            1,
            "that day's statuses are: in-progress",
        ),
        (
            &[
                "retract",
                "fr-mobile-unit",
                "--evidence",
                "nope",
                "--reason",
                "x",
            ],
            1,
            "its evidence entries are: times-2025-03-30",
        ),
        (
            &[
                "retract",
                "fr-mobile-unit",
                "--evidence",
                "times-2025-03-30",
                "--reason",
                "x",
            ],
            1,
            "rests on `times-2025-03-30` alone",
        ),
        (
            &[
                "retract",
                "de-smuggling-law",
                "--event",
                "2025-03-31",
                "--reason",
                "x",
            ],
            1,
            "only standing event",
        ),
        (
            &["retract", "fr-mobile-unit", "--event", "2025-04-01"],
            2,
            "--reason",
        ),
        (
            &["retract", "fr-mobile-unit", "--reason", "x"],
            2,
            "--event",
        ),
        (
            &[
                "retract",
                "fr-mobile-unit",
                "--event",
                "2025-04-01",
                "--reason",
                " ",
            ],
            1,
            "--reason is empty",
        ),
    ];
    for (args, code, says) in cases {
        t.then(args).failure(*code).stderr_has(says);
        assert_eq!(t.file_bytes(), before, "{args:?} changed the file");
    }
    t.then(&[
        "retract",
        "fr-mobile-unit",
        "--event",
        "2025-04-01",
        "--reason",
        "x",
    ])
    .success();
    let bad = t
        .file()
        .replacen("event: 2025-04-01", "event: 2025-04-02", 1);
    std::fs::write(t.path(), &bad).unwrap();
    t.then(&["check"])
        .failure(1)
        .stderr_has("no status event of 2025-04-02 to retract")
        .stderr_has("the events are: 2025-03-31 (announced)");
}
