//! The command line: unknown ids, bad dates and values, bad settings, usage errors.

use super::*;

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
        t.assert_sample_untouched(args);
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
            "'--date <DATE>': `2025-02-30` is not a real date: February 2025 has 28 days",
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
            "'--date <DATE>': `31/03/2025` is not a date in the form YYYY-MM-DD",
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
            "'--made <DATE>': `2025-3-31` is not a date",
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
            "'--published <DATE>': `2025/06/01`",
        ),
    ];
    // Dates are typed where the arguments are read, so a bad one is a usage error naming the
    // option and what would do, before the ledger is opened.
    for (args, message) in cases {
        t.then(args).failure(2).stderr_has(message);
        t.assert_sample_untouched(args);
    }
    // The reading commands' dates may also be periods.
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

/// An evidence kind is typed at the clap layer: a usage error listing the kinds, before the
/// ledger is opened, for `evidence` and for the evidence options of `update` and `funding`.
#[test]
fn an_unknown_evidence_kind_is_a_usage_error_listing_the_kinds() {
    let t = Test::new().sample();
    for args in [
        &[
            "evidence",
            "uk-cps-3m",
            "--url",
            "https://example.org",
            "--title",
            "T",
            "--kind",
            "blog",
        ][..],
        &[
            "update",
            "uk-cps-3m",
            "--status",
            "stalled",
            "--evidence-url",
            "https://example.org",
            "--evidence-title",
            "T",
            "--kind",
            "blog",
        ],
    ] {
        t.then(args)
            .failure(2)
            .stderr_has("invalid value 'blog' for '--kind <KIND>'")
            .stderr_has("[possible values: official-statement, legislation, parliament, court, media, ngo-report, dataset, other]");
    }
    assert!(t.file_bytes() == SAMPLE.as_bytes(), "the file changed");
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
    ];
    for (args, message) in cases {
        t.then(args).failure(1).stderr_has(message);
        t.assert_sample_untouched(args);
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
        t.assert_sample_untouched(args);
    }
    // Help and version are not errors.
    t.then(&["--help"]).success().stdout_has("Usage");
    t.then(&["--version"]).success().stdout_has("commitments");
}
