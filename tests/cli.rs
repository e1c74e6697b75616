//! Every command, on the happy path (and the refusals that belong to it).

use serde_json::Value;

use crate::harness::*;

/// The table row (first line of it) that starts with commitment `id`.
#[track_caller]
fn row<'a>(table: &'a str, id: &str) -> &'a str {
    let start = format!("│ {id} ");
    table
        .lines()
        .find(|l| l.starts_with(&start))
        .unwrap_or_else(|| panic!("no row for {id}:\n{table}"))
}

/// The commitment `id` as `show --format json` gives it.
#[track_caller]
fn shown(t: &Test, id: &str) -> Value {
    t.then(&["show", id, "--format", "json"]).success().json()
}

/// Ids in a JSON array of status rows.
fn ids(rows: &Value) -> Vec<String> {
    rows.as_array()
        .expect("an array of rows")
        .iter()
        .map(|r| r["id"].as_str().expect("id").to_string())
        .collect()
}

fn shipped_ledger() -> String {
    format!("{}/commitments.yaml", env!("CARGO_MANIFEST_DIR"))
}

// ---------------------------------------------------------------- check

#[test]
fn check_accepts_the_sample() {
    Test::new()
        .sample()
        .args(&["check"])
        .run()
        .success()
        .stdout_has("ok — 3 commitments, 1 evidence entry, 4 status events");
}

#[test]
fn check_prints_one_summary_line() {
    let out = Test::new().sample().args(&["check"]).run().success();
    assert_eq!(out.stdout.trim_end().lines().count(), 1, "{}", out.stdout);
    assert!(
        out.stdout.starts_with("commitments.yaml: ok"),
        "{}",
        out.stdout
    );
    assert!(out.stderr.is_empty(), "{}", out.stderr);
}

// ---------------------------------------------------------------- init

#[test]
fn init_creates_a_valid_empty_ledger() {
    let t = Test::new().args(&["init", "--title", "Summit \"follow-up\" ledger"]);
    assert!(!t.path().exists());
    t.run().success().stdout_has("Created commitments.yaml");
    let text = t.file();
    assert!(text.contains("version: 1"), "{text}");
    assert!(text.contains("commitments: []"), "{text}");
    assert!(
        text.starts_with('#'),
        "the file should open with an explanatory comment:\n{text}"
    );
    t.then(&["check"])
        .success()
        .stdout_has("ok — 0 commitments, 0 evidence entries, 0 status events");
    let report = t.then(&["report", "--format", "json"]).success().json();
    assert_eq!(report["ledger"], "Summit \"follow-up\" ledger");
    assert_eq!(report["commitments"], serde_json::json!([]));
}

#[test]
fn init_without_a_title_is_valid_too() {
    let t = Test::new().args(&["init"]);
    t.run().success();
    t.then(&["check"]).success();
    assert!(!t.file().contains("title:"), "{}", t.file());
}

#[test]
fn init_refuses_to_overwrite_and_leaves_the_file_alone() {
    let t = Test::new().sample().args(&["init", "--title", "New"]);
    let before = t.file_bytes();
    t.run().failure(1).stderr_has("already exists");
    assert_eq!(t.file_bytes(), before);
}

#[test]
fn init_then_add_evidence_update_works_from_empty() {
    let t = Test::new().args(&["init"]);
    t.run().success();
    t.then(&[
        "add",
        "x-one",
        "--title",
        "One",
        "--owner",
        "Someone",
        "--made",
        "2025-03-31",
    ])
    .success();
    let id = t
        .then(&[
            "evidence",
            "x-one",
            "--url",
            "https://example.org/a",
            "--title",
            "A",
            "--id",
            "a",
        ])
        .success()
        .stdout;
    assert_eq!(id.trim(), "a");
    t.then(&[
        "update",
        "x-one",
        "--status",
        "delivered",
        "--date",
        "2025-06-01",
        "--evidence",
        "a",
    ])
    .success();
    t.then(&["check"])
        .success()
        .stdout_has("1 commitment, 1 evidence entry, 2 status events");
    assert!(
        t.file().contains("# An accountability ledger"),
        "comments from init survive"
    );
}

// ---------------------------------------------------------------- add

#[test]
fn add_with_a_source_starts_announced_on_the_made_date_citing_it() {
    let t = Test::new().sample().args(&[
        "add",
        "it-coastguard",
        "--title",
        "Italy to share coastguard data",
        "--owner",
        "Italy (Ministry of the Interior)",
        "--made",
        "2025-04-02",
        "--due",
        "2026-04-02",
        "--tag",
        "italy",
        "--tag",
        "data",
        "--partner",
        "United Kingdom",
        "--source-title",
        "Joint statement",
        "--source-url",
        "https://example.org/joint",
        "--source-publisher",
        "GOV.UK",
        "--amount",
        "3000000",
        "--currency",
        "gbp",
    ]);
    t.run().success().stdout_has("Added it-coastguard.");
    let j = shown(&t, "it-coastguard");
    let c = &j["commitment"];
    assert_eq!(c["id"], "it-coastguard");
    let uuid = c["uuid"].as_str().expect("a UUID is assigned");
    uuid::Uuid::parse_str(uuid).expect("a real UUID");
    assert_eq!(c["title"], "Italy to share coastguard data");
    assert_eq!(c["owner"], "Italy (Ministry of the Interior)");
    assert_eq!(c["made"], "2025-04-02");
    assert_eq!(c["due"], "2026-04-02");
    assert_eq!(c["tags"], serde_json::json!(["italy", "data"]));
    assert_eq!(c["partners"], serde_json::json!(["United Kingdom"]));
    assert_eq!(c["source"]["title"], "Joint statement");
    assert_eq!(c["source"]["url"], "https://example.org/joint");
    assert_eq!(c["source"]["publisher"], "GOV.UK");
    assert_eq!(c["funding"]["currency"], "GBP");
    assert_eq!(c["funding"]["amount"], 3_000_000.0);
    let history = c["history"].as_array().unwrap();
    assert_eq!(history.len(), 1);
    let first = &history[0];
    assert_eq!(first["status"], "announced");
    assert_eq!(first["date"], "2025-04-02");
    assert_eq!(first["evidence"], serde_json::json!(["source"]));
    assert_eq!(first["unsourced"], false);
    assert_eq!(first["recorded_by"], "tester");
    assert_eq!(first["recorded_at"], "2026-11-22T09:00:00Z");
    assert_eq!(j["status"], "announced");
    assert_eq!(j["status_since"], "2025-04-02");
    // The file says it in plain YAML, with the UUID, too.
    let text = t.file();
    assert!(text.contains(&format!("uuid: {uuid}")), "{text}");
    t.then(&["check"]).success().stdout_has("4 commitments");
}

#[test]
fn add_without_a_source_is_unsourced_with_a_note() {
    let t = Test::new().sample().args(&[
        "add",
        "nl-patrols",
        "--title",
        "Joint patrols",
        "--owner",
        "Netherlands",
        "--made",
        "2025-03-31",
    ]);
    t.run().success();
    let j = shown(&t, "nl-patrols");
    let first = &j["commitment"]["history"][0];
    assert_eq!(first["status"], "announced");
    assert_eq!(first["date"], "2025-03-31");
    assert_eq!(first["unsourced"], true);
    assert_eq!(first["evidence"], serde_json::json!([]));
    assert!(
        first["note"].as_str().is_some_and(|n| !n.trim().is_empty()),
        "an unsourced event needs a note: {first}"
    );
    assert_eq!(j["commitment"]["source"], Value::Null);
    let report = t.then(&["report", "--format", "json"]).success().json();
    let r = report["commitments"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "nl-patrols")
        .expect("row");
    assert_eq!(r["unsourced"], true);
    t.then(&["check"]).success();
}

#[test]
fn add_refuses_a_duplicate_id() {
    let t = Test::new().sample().args(&[
        "add",
        "fr-mobile-unit",
        "--title",
        "Again",
        "--owner",
        "France",
        "--made",
        "2025-03-31",
    ]);
    let before = t.file_bytes();
    t.run()
        .failure(1)
        .stderr_has("already exists")
        .stderr_has("fr-mobile-unit");
    assert_eq!(t.file_bytes(), before);
}

#[test]
fn add_refuses_a_made_date_in_the_future() {
    let t = Test::new().sample().args(&[
        "add",
        "next-year",
        "--title",
        "T",
        "--owner",
        "O",
        "--made",
        "2026-11-23",
    ]);
    let before = t.file_bytes();
    t.run()
        .failure(1)
        .stderr_has("--made 2026-11-23 is in the future");
    assert_eq!(t.file_bytes(), before);
    t.then(&[
        "add",
        "today-one",
        "--title",
        "T",
        "--owner",
        "O",
        "--made",
        TODAY,
    ])
    .success();
}

/// An amount is digits with an optional decimal point; anything else is refused in words a
/// non-programmer can act on, and nothing is written.
#[test]
fn add_explains_an_amount_that_is_not_a_plain_number() {
    let t = Test::new().sample();
    let before = t.file_bytes();
    let add = |amount: &str| {
        t.then(&[
            "add",
            "x-money",
            "--title",
            "T",
            "--owner",
            "O",
            "--made",
            "2025-03-31",
            "--amount",
            amount,
            "--currency",
            "GBP",
        ])
    };
    for bad in ["3m", "£3000000", "1.5.0", "3,00,000", "1e6", "=-5", ""] {
        let err = add(bad).failure(1).stderr;
        assert!(
            err.contains(&format!("--amount `{bad}` is not a plain number")),
            "{bad:?}: {err}"
        );
        assert!(err.contains("e.g. --amount 3000000"), "{bad:?}: {err}");
        assert!(!err.contains("float"), "{bad:?}: {err}");
        assert_eq!(t.file_bytes(), before, "{bad:?}");
    }
    add("2500000.50").success();
    let c = &shown(&t, "x-money")["commitment"];
    assert_eq!(c["funding"]["amount"], 2_500_000.5);
    // Thousands separators that only one convention can mean are read (model/amount.rs).
    for (i, grouped) in ["3,000,000", "3 000 000"].into_iter().enumerate() {
        t.then(&[
            "add",
            &format!("x-grouped-{i}"),
            "--title",
            "T",
            "--owner",
            "O",
            "--made",
            "2025-03-31",
            "--amount",
            grouped,
            "--currency",
            "GBP",
        ])
        .success();
        let c = &shown(&t, &format!("x-grouped-{i}"))["commitment"];
        assert_eq!(c["funding"]["amount"], 3_000_000.0);
    }
}

#[test]
fn add_refuses_due_before_made() {
    let t = Test::new().sample().args(&[
        "add",
        "x-early",
        "--title",
        "T",
        "--owner",
        "O",
        "--made",
        "2025-03-31",
        "--due",
        "2025-03-01",
    ]);
    let before = t.file_bytes();
    t.run()
        .failure(1)
        .stderr_has("--due (2025-03-01) is before --made (2025-03-31)");
    assert_eq!(t.file_bytes(), before);
}

#[test]
fn add_refuses_an_id_that_is_not_a_slug() {
    let t = Test::new().sample().args(&[
        "add",
        "Not A Slug",
        "--title",
        "T",
        "--owner",
        "O",
        "--made",
        "2025-03-31",
    ]);
    let before = t.file_bytes();
    t.run().failure(1).stderr_has("not a usable id");
    assert_eq!(t.file_bytes(), before);
}

// ---------------------------------------------------------------- evidence

#[test]
fn evidence_prints_the_new_id_and_leaves_status_alone() {
    let t = Test::new().sample().args(&[
        "evidence",
        "de-smuggling-law",
        "--url",
        "https://www.bundestag.de/x",
        "--title",
        "Bundestag passes the law",
        "--publisher",
        "Deutscher Bundestag",
        "--published",
        "2025-12-19",
        "--kind",
        "legislation",
        "--quote",
        "passed",
    ]);
    let before = shown(&t, "de-smuggling-law");
    let out = t.run().success();
    // Only the id on standard output, for scripts.
    assert_eq!(out.stdout, "deutscher-bundestag-2025-12-19-x\n");
    let after = shown(&t, "de-smuggling-law");
    assert_eq!(after["status"], before["status"]);
    assert_eq!(after["status_since"], before["status_since"]);
    assert_eq!(
        after["commitment"]["history"],
        before["commitment"]["history"]
    );
    let e = &after["commitment"]["evidence"][0];
    assert_eq!(e["id"], "deutscher-bundestag-2025-12-19-x");
    assert_eq!(e["title"], "Bundestag passes the law");
    assert_eq!(e["publisher"], "Deutscher Bundestag");
    assert_eq!(e["url"], "https://www.bundestag.de/x");
    assert_eq!(e["published"], "2025-12-19");
    assert_eq!(
        e["accessed"],
        serde_json::Value::Null,
        "no access date unless asked (tests/access_dates.rs)"
    );
    assert_eq!(e["kind"], "legislation");
    assert_eq!(e["quote"], "passed");
    t.then(&["check"]).success();
}

#[test]
fn evidence_ids_are_made_from_publisher_or_host_date_and_page_and_stay_unique() {
    let t = Test::new().sample().args(&[
        "evidence",
        "uk-cps-3m",
        "--url",
        "https://www.cps.gov.uk/news/a",
        "--title",
        "A",
        "--published",
        "2025-06-01",
    ]);
    t.run().success().stdout_has("cps-gov-uk-2025-06-01-a");
    // Same publisher, day and page word again: a number keeps it unique.
    t.then(&[
        "evidence",
        "uk-cps-3m",
        "--url",
        "https://www.cps.gov.uk/other/a",
        "--title",
        "B",
        "--published",
        "2025-06-01",
    ])
    .success()
    .stdout_has("cps-gov-uk-2025-06-01-a-2");
    t.then(&[
        "evidence",
        "uk-cps-3m",
        "--url",
        "https://example.org/c",
        "--title",
        "C",
        "--publisher",
        "Home Office",
    ])
    .success()
    .stdout_has("home-office-c");
    let j = shown(&t, "uk-cps-3m");
    let ids: Vec<&str> = j["commitment"]["evidence"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        [
            "cps-gov-uk-2025-06-01-a",
            "cps-gov-uk-2025-06-01-a-2",
            "home-office-c"
        ]
    );
}

#[test]
fn evidence_honours_id_and_refuses_a_duplicate_id() {
    let t = Test::new().sample().args(&[
        "evidence",
        "fr-mobile-unit",
        "--url",
        "https://example.org/x",
        "--title",
        "X",
        "--id",
        "le-monde-leak",
    ]);
    let out = t.run().success();
    assert_eq!(out.stdout.trim(), "le-monde-leak");
    let after_first = t.file_bytes();
    t.then(&[
        "evidence",
        "fr-mobile-unit",
        "--url",
        "https://example.org/y",
        "--title",
        "Y",
        "--id",
        "le-monde-leak",
    ])
    .failure(1)
    .stderr_has("already has evidence with the id `le-monde-leak`");
    assert_eq!(t.file_bytes(), after_first);
    // An id already in the hand-written file counts too.
    t.then(&[
        "evidence",
        "fr-mobile-unit",
        "--url",
        "https://example.org/y",
        "--title",
        "Y",
        "--id",
        "times-2025-03-30",
    ])
    .failure(1)
    .stderr_has("times-2025-03-30");
    assert_eq!(t.file_bytes(), after_first);
}

#[test]
fn evidence_refuses_a_url_that_is_not_http() {
    let t = Test::new().sample().args(&[
        "evidence",
        "fr-mobile-unit",
        "--url",
        "javascript:alert(1)",
        "--title",
        "X",
    ]);
    let before = t.file_bytes();
    t.run().failure(1).stderr_has("not an http(s) address");
    assert_eq!(t.file_bytes(), before);
}

// ---------------------------------------------------------------- update

#[test]
fn update_appends_an_event_citing_existing_evidence() {
    let t = Test::new().sample().args(&[
        "update",
        "fr-mobile-unit",
        "--status",
        "partial",
        "--date",
        "2025-09-01",
        "--evidence",
        "times-2025-03-30",
        "--evidence",
        "source",
        "--note",
        "Deployed on part of the coast",
    ]);
    let before = shown(&t, "fr-mobile-unit");
    t.run()
        .success()
        .stdout_has("fr-mobile-unit: partial from 2025-09-01.");
    let after = shown(&t, "fr-mobile-unit");
    let old = before["commitment"]["history"].as_array().unwrap();
    let new = after["commitment"]["history"].as_array().unwrap();
    assert_eq!(new.len(), old.len() + 1);
    assert_eq!(
        &new[..old.len()],
        &old[..],
        "history is appended, never rewritten"
    );
    let e = new.last().unwrap();
    assert_eq!(e["date"], "2025-09-01");
    assert_eq!(e["status"], "partial");
    assert_eq!(
        e["evidence"],
        serde_json::json!(["times-2025-03-30", "source"])
    );
    assert_eq!(e["note"], "Deployed on part of the coast");
    assert_eq!(e["unsourced"], false);
    assert_eq!(e["recorded_by"], "tester");
    assert_eq!(e["recorded_at"], "2026-11-22T09:00:00Z");
    assert_eq!(after["status"], "partial");
    assert_eq!(after["status_since"], "2025-09-01");
    t.then(&["check"]).success();
}

#[test]
fn update_without_date_means_today() {
    let t = Test::new().sample().args(&[
        "update",
        "de-smuggling-law",
        "--status",
        "in-progress",
        "--evidence",
        "source",
    ]);
    t.run()
        .success()
        .stdout_has(&format!("in-progress from {TODAY}"));
    let j = shown(&t, "de-smuggling-law");
    assert_eq!(j["status_since"], TODAY);
}

#[test]
fn update_with_evidence_url_adds_and_cites_new_evidence_in_one_write() {
    let t = Test::new().sample().args(&[
        "update",
        "de-smuggling-law",
        "--status",
        "delivered",
        "--date",
        "2025-12-19",
        "--evidence-url",
        "https://www.gov.uk/news/germany-law",
        "--evidence-title",
        "Germany passes landmark legislation",
        "--publisher",
        "Home Office",
        "--published",
        "2025-12-19",
        "--kind",
        "official-statement",
        "--quote",
        "passed landmark new legislation",
    ]);
    t.run().success();
    let j = shown(&t, "de-smuggling-law");
    let evidence = j["commitment"]["evidence"].as_array().unwrap();
    assert_eq!(evidence.len(), 1);
    assert_eq!(evidence[0]["id"], "home-office-2025-12-19-germany-law");
    assert_eq!(evidence[0]["url"], "https://www.gov.uk/news/germany-law");
    assert_eq!(evidence[0]["kind"], "official-statement");
    assert_eq!(evidence[0]["quote"], "passed landmark new legislation");
    let last = j["commitment"]["history"]
        .as_array()
        .unwrap()
        .last()
        .unwrap()
        .clone();
    assert_eq!(last["status"], "delivered");
    assert_eq!(
        last["evidence"],
        serde_json::json!(["home-office-2025-12-19-germany-law"])
    );
    assert_eq!(j["status"], "delivered");
    t.then(&["check"])
        .success()
        .stdout_has("2 evidence entries, 5 status events");
}

#[test]
fn update_with_evidence_id_names_the_new_evidence() {
    let t = Test::new().sample().args(&[
        "update",
        "uk-cps-3m",
        "--status",
        "in-progress",
        "--date",
        "2025-05-01",
        "--evidence-url",
        "https://example.org/cps",
        "--evidence-title",
        "CPS hires prosecutors",
        "--evidence-id",
        "cps-hiring",
    ]);
    t.run().success();
    let j = shown(&t, "uk-cps-3m");
    assert_eq!(j["commitment"]["evidence"][0]["id"], "cps-hiring");
    assert_eq!(
        j["commitment"]["history"][1]["evidence"],
        serde_json::json!(["cps-hiring"])
    );
}

#[test]
fn update_unsourced_needs_a_note_and_is_marked() {
    let t = Test::new().sample().args(&[
        "update",
        "de-smuggling-law",
        "--status",
        "stalled",
        "--date",
        "2025-10-01",
        "--unsourced",
    ]);
    let before = t.file_bytes();
    t.run().failure(1).stderr_has("--unsourced needs a --note");
    assert_eq!(t.file_bytes(), before);

    t.then(&[
        "update",
        "de-smuggling-law",
        "--status",
        "stalled",
        "--date",
        "2025-10-01",
        "--unsourced",
        "--note",
        "Told by an official, off the record",
    ])
    .success();
    let j = shown(&t, "de-smuggling-law");
    let last = j["commitment"]["history"]
        .as_array()
        .unwrap()
        .last()
        .unwrap()
        .clone();
    assert_eq!(last["unsourced"], true);
    assert_eq!(last["note"], "Told by an official, off the record");
    assert_eq!(last["evidence"], serde_json::json!([]));
    // The table stacks flags one per line; the JSON says it plainly.
    let report = t.then(&["report"]).success();
    assert!(report.stdout.contains("unsourced"), "{}", report.stdout);
    let rows = t.then(&["report", "--format", "json"]).success().json();
    let de = rows["commitments"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "de-smuggling-law")
        .unwrap()
        .clone();
    assert_eq!(de["unsourced"], true, "{de}");
    t.then(&["show", "de-smuggling-law"])
        .success()
        .stdout_has("UNSOURCED");
}

#[test]
fn update_without_evidence_is_refused() {
    let t = Test::new().sample().args(&[
        "update",
        "fr-mobile-unit",
        "--status",
        "stalled",
        "--date",
        "2025-10-01",
        "--note",
        "no source",
    ]);
    let before = t.file_bytes();
    t.run()
        .failure(1)
        .stderr_has("must cite evidence")
        .stderr_has("--unsourced");
    assert_eq!(t.file_bytes(), before);
}

#[test]
fn update_refuses_evidence_the_commitment_does_not_have() {
    let t = Test::new().sample().args(&[
        "update",
        "fr-mobile-unit",
        "--status",
        "stalled",
        "--date",
        "2025-10-01",
        "--evidence",
        "nope",
    ]);
    let before = t.file_bytes();
    t.run()
        .failure(1)
        .stderr_has("no evidence with the id `nope`")
        .stderr_has("source, times-2025-03-30");
    assert_eq!(t.file_bytes(), before);
}

#[test]
fn update_refuses_an_unknown_status_and_lists_the_valid_ones() {
    let t = Test::new().sample().args(&[
        "update",
        "fr-mobile-unit",
        "--status",
        "done",
        "--date",
        "2025-10-01",
        "--evidence",
        "source",
    ]);
    let before = t.file_bytes();
    t.run()
        .failure(1)
        .stderr_has("unknown status `done`")
        .stderr_has("announced, in-progress (In progress), partial, delivered, stalled, abandoned");
    assert_eq!(t.file_bytes(), before);
}

#[test]
fn update_refuses_a_date_before_made() {
    let t = Test::new().sample().args(&[
        "update",
        "fr-mobile-unit",
        "--status",
        "stalled",
        "--date",
        "2025-03-30",
        "--evidence",
        "source",
    ]);
    let before = t.file_bytes();
    t.run()
        .failure(1)
        .stderr_has("before fr-mobile-unit was made (2025-03-31)");
    assert_eq!(t.file_bytes(), before);
}

#[test]
fn update_refuses_a_future_date() {
    let t = Test::new().sample().args(&[
        "update",
        "fr-mobile-unit",
        "--status",
        "stalled",
        "--date",
        "2026-11-23",
        "--evidence",
        "source",
    ]);
    let before = t.file_bytes();
    t.run()
        .failure(1)
        .stderr_has("in the future")
        .stderr_has(TODAY);
    assert_eq!(t.file_bytes(), before);
    // Today itself is fine.
    t.then(&[
        "update",
        "fr-mobile-unit",
        "--status",
        "stalled",
        "--date",
        TODAY,
        "--evidence",
        "source",
    ])
    .success();
}

#[test]
fn update_with_unsourced_and_evidence_is_a_usage_error() {
    let t = Test::new().sample().args(&[
        "update",
        "fr-mobile-unit",
        "--status",
        "stalled",
        "--unsourced",
        "--note",
        "x",
        "--evidence",
        "source",
    ]);
    let before = t.file_bytes();
    t.run().failure(2).stderr_has("cannot be used with");
    assert_eq!(t.file_bytes(), before);
}

// ---------------------------------------------------------------- gap

#[test]
fn gap_records_what_was_not_found() {
    let t = Test::new().sample().args(&[
        "gap",
        "uk-cps-3m",
        "--note",
        "No CPS annual report mentions the GBP 3m",
        "--checked",
        "2026-11-01",
    ]);
    let before = shown(&t, "uk-cps-3m");
    t.run()
        .success()
        .stdout_has("Recorded a gap for uk-cps-3m.");
    let j = shown(&t, "uk-cps-3m");
    assert_eq!(
        j["commitment"]["gaps"],
        serde_json::json!([{"note": "No CPS annual report mentions the GBP 3m", "checked": "2026-11-01"}])
    );
    assert_eq!(
        j["status"], before["status"],
        "a gap is not a status change"
    );
    assert_eq!(j["commitment"]["history"], before["commitment"]["history"]);
    t.then(&["gap", "uk-cps-3m", "--note", "Still nothing", "--checked"])
        .success();
    let j = shown(&t, "uk-cps-3m");
    assert_eq!(
        j["commitment"]["gaps"][1]["checked"], TODAY,
        "--checked alone means today"
    );
    t.then(&["show", "uk-cps-3m"])
        .success()
        .stdout_has("Gaps (searched for, not found)")
        .stdout_has("No CPS annual report mentions the GBP 3m (checked 2026-11-01)");
    let report = t.then(&["report", "--format", "json"]).success().json();
    assert_eq!(report["commitments"][2]["id"], "uk-cps-3m");
    assert_eq!(report["commitments"][2]["gaps"], 2);
    t.then(&["check"]).success();
}

#[test]
fn gap_needs_a_non_empty_note() {
    let t = Test::new()
        .sample()
        .args(&["gap", "uk-cps-3m", "--note", "   "]);
    let before = t.file_bytes();
    t.run().failure(1).stderr_has("--note must not be empty");
    assert_eq!(t.file_bytes(), before);
}

// ---------------------------------------------------------------- show

#[test]
fn show_table_has_the_record_and_the_timeline_in_date_order() {
    let out = Test::new()
        .sample()
        .args(&["show", "fr-mobile-unit"])
        .run()
        .success();
    let s = &out.stdout;
    for want in [
        "fr-mobile-unit — France to launch a specialist mobile unit",
        "0b6f1c1e-6a51-4c39-9b44-2f0d8f7e9a10",
        "France (Ministry of the Interior)",
        "United Kingdom",
        "2025-12-31",
        "france, enforcement",
        "UK hosts first major international summit",
        "In progress since 2025-04-01 (as of 2026-11-22); overdue",
        "[times-2025-03-30]",
        "rests on: times-2025-03-30",
        "recorded by tester, 2026-11-01 10:00 UTC",
        "No source confirms the unit was deployed. (checked 2026-11-20)",
    ] {
        assert!(s.contains(want), "show lacks {want:?}:\n{s}");
    }
    // Evidence (2025-03-30), then the announcement (03-31), then in progress (04-01).
    let ev = s.find("│ 2025-03-30 ").expect("evidence row");
    let announced = s.find("│ 2025-03-31 ┆ Announced").expect("announced row");
    let progress = s
        .find("│ 2025-04-01 ┆ In progress")
        .expect("in-progress row");
    assert!(ev < announced && announced < progress, "{s}");
}

#[test]
fn show_draws_ascii_with_ascii_or_a_locale_that_is_not_utf8() {
    let t = Test::new().sample();
    let unicode = t.then(&["show", "fr-mobile-unit"]).success().stdout;
    assert!(unicode.contains("│ Id "), "{unicode}");
    for (locale, args) in [
        ("C.UTF-8", &["show", "fr-mobile-unit", "--ascii"][..]),
        ("C", &["show", "fr-mobile-unit"]),
        ("POSIX", &["show", "--ascii", "fr-mobile-unit"]),
    ] {
        let out = Test::new()
            .sample()
            .env("LC_ALL", locale)
            .args(args)
            .run()
            .success()
            .stdout;
        assert!(out.contains("| Id "), "{locale} {args:?}:\n{out}");
        assert!(out.contains("+====="), "{locale} {args:?}:\n{out}");
        for c in ['│', '┆', '─', '═', '┌'] {
            assert!(!out.contains(c), "{locale} {args:?} draws {c}:\n{out}");
        }
    }
}

/// History written out of order in the file: the timeline and the status go by date.
const OUT_OF_ORDER: &str = "\
version: 1
commitments:
  - id: be-hub
    uuid: 11111111-2222-4333-8444-555555555555
    title: Belgium to open a joint intelligence hub
    owner: Belgium
    made: 2025-03-31
    due: 2025-09-30
    evidence:
      - {id: late, title: Late report, url: 'https://example.org/late', published: 2025-12-01}
      - {id: early, title: Early report, url: 'https://example.org/early', published: 2025-05-01}
    history:
      - {date: 2025-12-01, status: delivered, evidence: [late]}
      - {date: 2025-03-31, status: announced, unsourced: true, note: from the communique}
      - {date: 2025-05-01, status: in-progress, evidence: [early]}
";

#[test]
fn show_orders_the_timeline_by_date_not_file_order() {
    let t = Test::new().ledger(OUT_OF_ORDER).args(&["show", "be-hub"]);
    let s = t.run().success().stdout;
    let order: Vec<usize> = [
        "│ 2025-03-31 ┆ Announced",
        "│ 2025-05-01 ┆ evidence",
        "│ 2025-05-01 ┆ In progress",
        "│ 2025-12-01 ┆ evidence",
        "│ 2025-12-01 ┆ Delivered",
    ]
    .iter()
    .map(|w| s.find(w).unwrap_or_else(|| panic!("no {w:?} in:\n{s}")))
    .collect();
    assert!(
        order.windows(2).all(|w| w[0] < w[1]),
        "not in date order:\n{s}"
    );
    assert!(s.contains("Delivered since 2025-12-01"), "{s}");
    let j = t
        .then(&["show", "be-hub", "--format", "json"])
        .success()
        .json();
    assert_eq!(j["status"], "delivered");
    assert_eq!(j["status_since"], "2025-12-01");
    assert_eq!(j["overdue"], false, "delivered is closed, so never overdue");
    // As of mid-2025 it was in progress, and overdue after 30 September.
    let t2 = Test::new()
        .ledger(OUT_OF_ORDER)
        .env("COMMITMENTS_TODAY", "2025-10-15");
    let j = t2
        .then(&["show", "be-hub", "--format", "json"])
        .success()
        .json();
    assert_eq!(j["status"], "in-progress");
    assert_eq!(j["overdue"], true);
}

#[test]
fn show_json_has_the_documented_fields() {
    let j = Test::new()
        .sample()
        .args(&["show", "uk-cps-3m", "--format", "json"])
        .run()
        .success()
        .json();
    for key in ["as_of", "status", "status_since", "overdue", "commitment"] {
        assert!(j.get(key).is_some(), "no `{key}` in {j}");
    }
    assert_eq!(j["as_of"], TODAY);
    assert_eq!(j["status"], "announced");
    assert_eq!(j["status_since"], "2025-03-31");
    assert_eq!(j["overdue"], true);
    let c = &j["commitment"];
    for key in [
        "id", "uuid", "title", "owner", "partners", "made", "due", "tags", "funding", "source",
        "evidence", "history", "gaps",
    ] {
        assert!(c.get(key).is_some(), "no commitment.{key} in {c}");
    }
    assert_eq!(
        c["funding"],
        serde_json::json!({"amount": 3000000.0, "currency": "GBP"})
    );
    let e = &c["history"][0];
    for key in [
        "date",
        "status",
        "note",
        "evidence",
        "unsourced",
        "recorded_by",
        "recorded_at",
    ] {
        assert!(e.get(key).is_some(), "no history.{key} in {e}");
    }
    let j = Test::new()
        .sample()
        .args(&["show", "fr-mobile-unit", "--format", "json"])
        .run()
        .success()
        .json();
    let ev = &j["commitment"]["evidence"][0];
    for key in [
        "id",
        "title",
        "publisher",
        "url",
        "published",
        "accessed",
        "kind",
        "quote",
    ] {
        assert!(ev.get(key).is_some(), "no evidence.{key} in {ev}");
    }
    for key in ["note", "checked"] {
        assert!(j["commitment"]["gaps"][0].get(key).is_some());
    }
}

#[test]
fn show_funding_reads_like_a_briefing() {
    Test::new()
        .sample()
        .args(&["show", "uk-cps-3m"])
        .run()
        .success()
        .stdout_has("GBP 3,000,000")
        .stdout_has("UNSOURCED");
}

// ---------------------------------------------------------------- list

#[test]
fn list_shows_every_commitment() {
    let out = Test::new().sample().args(&["list"]).run().success();
    for id in ["fr-mobile-unit", "de-smuggling-law", "uk-cps-3m"] {
        row(&out.stdout, id);
    }
    assert!(row(&out.stdout, "de-smuggling-law").contains("Announced"));
    assert!(row(&out.stdout, "fr-mobile-unit").contains("In progress"));
    out.stdout_has("3 commitments: 2 announced, 1 in progress; 2 overdue");
}

#[test]
fn list_filters() {
    let t = Test::new().sample();
    let list = |args: &[&str]| {
        let mut a = vec!["list", "--format", "json"];
        a.extend_from_slice(args);
        ids(&t.then(&a).success().json())
    };
    assert_eq!(
        list(&[]),
        ["fr-mobile-unit", "de-smuggling-law", "uk-cps-3m"]
    );
    assert_eq!(
        list(&["--owner", "germany"]),
        ["de-smuggling-law"],
        "owner is case-insensitive"
    );
    assert_eq!(
        list(&["--owner", "Ministry"]),
        ["fr-mobile-unit", "de-smuggling-law"]
    );
    assert_eq!(
        list(&["--status", "announced"]),
        ["de-smuggling-law", "uk-cps-3m"]
    );
    assert_eq!(list(&["--status", "in-progress"]), ["fr-mobile-unit"]);
    // The label the tables print, in any case, means the same status, as in import.
    for label in [
        "In progress",
        "in progress",
        "IN PROGRESS",
        "  In   progress ",
        "IN-PROGRESS",
    ] {
        assert_eq!(list(&["--status", label]), ["fr-mobile-unit"], "{label:?}");
    }
    assert_eq!(
        list(&["--status", "Announced"]),
        ["de-smuggling-law", "uk-cps-3m"]
    );
    assert_eq!(list(&["--tag", "legislation"]), ["de-smuggling-law"]);
    assert_eq!(list(&["--tag", "nothing"]), Vec::<String>::new());
    assert_eq!(list(&["--overdue"]), ["fr-mobile-unit", "uk-cps-3m"]);
    // On 31 March 2025 France was still only announced, and nothing was overdue.
    assert_eq!(
        list(&["--as-of", "2025-03-31", "--status", "announced"]).len(),
        3
    );
    assert_eq!(
        list(&["--as-of", "2025-12-31", "--overdue"]),
        Vec::<String>::new()
    );
    assert_eq!(
        list(&["--as-of", "2026-01-01", "--overdue"]),
        ["fr-mobile-unit"]
    );
    // Before anything was made, nothing is listed.
    assert_eq!(list(&["--as-of", "2025-03-30"]), Vec::<String>::new());
    assert_eq!(
        list(&["--owner", "france", "--status", "announced"]),
        Vec::<String>::new()
    );
    t.then(&["list", "--tag", "nothing"])
        .success()
        .stdout_has("No commitments match.");
}

#[test]
fn list_filters_stale_unsourced_and_gap() {
    let t = Test::new().sample();
    let list = |args: &[&str]| {
        let mut a = vec!["list", "--format", "json"];
        a.extend_from_slice(args);
        ids(&t.then(&a).success().json())
    };
    assert_eq!(list(&["--stale"]), ["de-smuggling-law", "uk-cps-3m"]);
    // The limit is --stale-after's: with ten years, nothing is stale yet.
    assert_eq!(
        list(&["--stale", "--stale-after", "3650"]),
        Vec::<String>::new()
    );
    assert_eq!(list(&["--unsourced"]), ["uk-cps-3m"]);
    assert_eq!(list(&["--gap"]), ["fr-mobile-unit"]);
    // The gap was checked on 2026-11-20: not yet recorded the day before.
    assert_eq!(
        list(&["--gap", "--as-of", "2026-11-19"]),
        Vec::<String>::new()
    );
    // Filters combine: both at once.
    assert_eq!(list(&["--stale", "--unsourced"]), ["uk-cps-3m"]);
    assert_eq!(list(&["--stale", "--gap"]), Vec::<String>::new());
    t.then(&["list", "--help"])
        .success()
        .stdout_has("--stale")
        .stdout_has("--unsourced")
        .stdout_has("--gap");
}

#[test]
fn list_refuses_an_unknown_status() {
    Test::new()
        .sample()
        .args(&["list", "--status", "done"])
        .run()
        .failure(1)
        .stderr_has("unknown status `done`")
        .stderr_has("announced, in-progress (In progress), partial, delivered");
}

#[test]
fn update_takes_a_status_by_its_label_and_records_its_key() {
    let t = Test::new().sample().args(&[
        "update",
        "fr-mobile-unit",
        "--status",
        "Partial",
        "--date",
        "2025-09-01",
        "--evidence",
        "source",
    ]);
    t.run()
        .success()
        .stdout_has("fr-mobile-unit: partial from 2025-09-01.");
    assert!(t.file().contains("status: partial"), "{}", t.file());
    assert!(!t.file().contains("Partial"), "{}", t.file());
    t.then(&["check"]).success();
}

#[test]
fn list_json_rows_have_the_documented_fields() {
    let rows = Test::new()
        .sample()
        .args(&["list", "--format", "json"])
        .run()
        .success()
        .json();
    let r = &rows[0];
    for key in [
        "id",
        "uuid",
        "title",
        "owner",
        "tags",
        "made",
        "status",
        "status_label",
        "since",
        "latest_evidence",
        "due",
        "overdue",
        "unsourced",
        "gaps",
    ] {
        assert!(r.get(key).is_some(), "no `{key}` in {r}");
    }
}

// ---------------------------------------------------------------- report

#[test]
fn report_table_has_a_row_per_commitment_with_status_since_evidence_due_and_overdue() {
    let out = Test::new().sample().args(&["report"]).run().success();
    let s = &out.stdout;
    assert!(s.starts_with("Test ledger\nStatus as of 2026-11-22"), "{s}");
    for h in [
        "Commitment",
        "Owner",
        "Status",
        "Since",
        "Latest evidence",
        "Due",
    ] {
        assert!(s.contains(h), "no header {h}:\n{s}");
    }
    let fr = row(s, "fr-mobile-unit");
    for want in [
        "France (Ministry of the Interior)",
        "In progress",
        "2025-04-01",
        "2025-03-30",
        "2025-12-31",
        "overdue",
    ] {
        assert!(fr.contains(want), "France row lacks {want:?}: {fr}");
    }
    let de = row(s, "de-smuggling-law");
    assert!(
        de.contains("Announced") && de.contains("2025-03-31"),
        "{de}"
    );
    assert!(!de.contains("overdue"), "no due date, never overdue: {de}");
    let uk = row(s, "uk-cps-3m");
    assert!(uk.contains("2026-03-31") && uk.contains("overdue"), "{uk}");
    assert_eq!(s.matches("│ fr-mobile-unit ").count(), 1);
    assert!(
        s.contains("3 commitments: 2 announced, 1 in progress; 2 overdue"),
        "{s}"
    );
}

#[test]
fn report_as_of_an_earlier_date() {
    let t = Test::new()
        .sample()
        .args(&["report", "--as-of", "2025-03-31"]);
    let s = t.run().success().stdout;
    assert!(s.starts_with("Test ledger\nStatus as of 2025-03-31"), "{s}");
    let fr = row(&s, "fr-mobile-unit");
    assert!(
        fr.contains("Announced"),
        "France was only announced on 31 March: {fr}"
    );
    assert!(!fr.contains("overdue"), "{fr}");
    let j = t
        .then(&["report", "--as-of", "2025-03-29", "--format", "json"])
        .success()
        .json();
    assert_eq!(
        j["commitments"],
        serde_json::json!([]),
        "nothing was made yet"
    );
}

#[test]
fn report_latest_evidence_counts_only_evidence_published_by_the_date() {
    let t = Test::new().ledger(OUT_OF_ORDER);
    let j = t
        .then(&["report", "--as-of", "2025-06-01", "--format", "json"])
        .success()
        .json();
    let r = &j["commitments"][0];
    assert_eq!(r["status"], "in-progress");
    assert_eq!(r["since"], "2025-05-01");
    assert_eq!(r["latest_evidence"], "2025-05-01");
    assert_eq!(r["overdue"], false);
    let j = t.then(&["report", "--format", "json"]).success().json();
    assert_eq!(j["commitments"][0]["latest_evidence"], "2025-12-01");
    assert_eq!(j["commitments"][0]["status"], "delivered");
}

#[test]
fn report_before_made_excludes_the_commitment() {
    let t = Test::new().sample();
    t.then(&[
        "add",
        "late-one",
        "--title",
        "Late",
        "--owner",
        "O",
        "--made",
        "2025-06-01",
    ])
    .success();
    let j = t
        .then(&["report", "--as-of", "2025-05-31", "--format", "json"])
        .success()
        .json();
    assert_eq!(
        ids(&j["commitments"]),
        ["fr-mobile-unit", "de-smuggling-law", "uk-cps-3m"]
    );
    let s = t
        .then(&["report", "--as-of", "2025-05-31"])
        .success()
        .stdout;
    assert!(!s.contains("late-one"), "{s}");
    let j = t
        .then(&["report", "--as-of", "2025-06-01", "--format", "json"])
        .success()
        .json();
    assert_eq!(ids(&j["commitments"]).len(), 4);
}

#[test]
fn report_json_fields() {
    let j = Test::new()
        .sample()
        .args(&["report", "--format", "json"])
        .run()
        .success()
        .json();
    assert_eq!(j["ledger"], "Test ledger");
    assert_eq!(j["as_of"], TODAY);
    assert_eq!(
        j["totals"],
        serde_json::json!({"announced": 2, "in-progress": 1})
    );
    let rows = j["commitments"].as_array().unwrap();
    assert_eq!(rows.len(), 3);
    let fr = &rows[0];
    assert_eq!(fr["id"], "fr-mobile-unit");
    assert_eq!(fr["status"], "in-progress");
    assert_eq!(fr["since"], "2025-04-01");
    assert_eq!(fr["latest_evidence"], "2025-03-30");
    assert_eq!(fr["due"], "2025-12-31");
    assert_eq!(fr["overdue"], true);
    assert_eq!(fr["unsourced"], false);
    let de = &rows[1];
    assert_eq!(de["latest_evidence"], Value::Null);
    assert_eq!(de["due"], Value::Null);
    assert_eq!(de["overdue"], false);
    let uk = &rows[2];
    assert_eq!(uk["unsourced"], true);
    assert_eq!(uk["overdue"], true);
}

#[test]
fn report_since_is_the_start_of_a_run_of_the_same_status() {
    let t = Test::new().sample();
    t.then(&[
        "update",
        "fr-mobile-unit",
        "--status",
        "in-progress",
        "--date",
        "2025-08-01",
        "--evidence",
        "source",
    ])
    .success();
    let j = t.then(&["report", "--format", "json"]).success().json();
    assert_eq!(j["commitments"][0]["since"], "2025-04-01");
}

// ---------------------------------------------------------------- lookup

#[test]
fn lookup_by_slug_uuid_and_uuid_prefix() {
    let t = Test::new().sample();
    for key in [
        "uk-cps-3m",
        "9a1d2c3e-0000-4000-8000-000000000003",
        "9A1D2C3E-0000-4000-8000-000000000003",
        "9a1d2c3e000040008000000000000003",
    ] {
        let j = t.then(&["show", key, "--format", "json"]).success().json();
        assert_eq!(j["commitment"]["id"], "uk-cps-3m", "looked up by {key}");
    }
    for key in ["0b6f", "0B6F1C1E", "0b6f1c1e-6a51", "0b6f1c1e6a51"] {
        let j = t.then(&["show", key, "--format", "json"]).success().json();
        assert_eq!(
            j["commitment"]["id"], "fr-mobile-unit",
            "looked up by {key}"
        );
    }
    // Writes accept them too.
    t.then(&["gap", "0b6f1c1e", "--note", "by prefix"])
        .success()
        .stdout_has("fr-mobile-unit");
    t.then(&[
        "update",
        "9a1d2c3e-0000-4000-8000-000000000002",
        "--status",
        "in-progress",
        "--date",
        "2025-05-01",
        "--evidence",
        "source",
    ])
    .success()
    .stdout_has("de-smuggling-law: in-progress");
}

#[test]
fn lookup_ambiguous_prefix_names_the_candidates() {
    let t = Test::new().sample().args(&["show", "9a1d"]);
    t.run()
        .failure(1)
        .stderr_has("more than one UUID")
        .stderr_has("de-smuggling-law")
        .stderr_has("uk-cps-3m");
    let before = t.file_bytes();
    t.then(&["gap", "9a1d2c3e", "--note", "x"])
        .failure(1)
        .stderr_has("more than one");
    assert_eq!(t.file_bytes(), before);
}

#[test]
fn lookup_unknown_id_suggests() {
    let t = Test::new().sample().args(&["show", "fr-mobile"]);
    t.run()
        .failure(1)
        .stderr_has("no commitment has the id or UUID `fr-mobile`")
        .stderr_has("did you mean `fr-mobile-unit`?");
    t.then(&["show", "zz-nothing"])
        .failure(1)
        .stderr_has("`commitments list` shows them all");
    // A short hex-looking slug is not read as a UUID prefix.
    t.then(&["show", "0b6"])
        .failure(1)
        .stderr_has("no commitment");
}

// ---------------------------------------------------------------- file, today, recorder

#[test]
fn file_option_and_env_choose_the_ledger() {
    let t = Test::new();
    let other = t.dir.path().join("elsewhere.yaml");
    std::fs::write(&other, SAMPLE).unwrap();
    let other_s = other.to_str().unwrap();
    t.then(&["-f", other_s, "check"])
        .success()
        .stdout_has("3 commitments");
    t.then(&["check", "--file", other_s])
        .success()
        .stdout_has("elsewhere.yaml: ok");
    // The default file does not exist here.
    t.then(&["check"]).failure(3).stderr_has("does not exist");

    let t = t.env("COMMITMENTS_FILE", other_s);
    t.then(&["check"])
        .success()
        .stdout_has("elsewhere.yaml: ok");
    t.then(&["gap", "uk-cps-3m", "--note", "via env"]).success();
    assert!(std::fs::read_to_string(&other).unwrap().contains("via env"));
    assert!(!t.path().exists(), "nothing written to ./commitments.yaml");
    // -f wins over the environment.
    std::fs::write(t.path(), SAMPLE).unwrap();
    t.then(&[
        "-f",
        "commitments.yaml",
        "gap",
        "uk-cps-3m",
        "--note",
        "via flag",
    ])
    .success();
    assert!(t.file().contains("via flag"));
    assert!(
        !std::fs::read_to_string(&other)
            .unwrap()
            .contains("via flag")
    );
}

#[test]
fn commitments_today_changes_today() {
    let t = Test::new().sample().env("COMMITMENTS_TODAY", "2025-06-01");
    let j = t.then(&["report", "--format", "json"]).success().json();
    assert_eq!(j["as_of"], "2025-06-01");
    assert_eq!(j["commitments"][0]["overdue"], false);
    t.then(&["report"]).success().stdout_has("as of 2025-06-01");
    // "Today" bounds update dates and is the default event date.
    t.then(&[
        "update",
        "fr-mobile-unit",
        "--status",
        "stalled",
        "--date",
        "2025-06-02",
        "--evidence",
        "source",
    ])
    .failure(1)
    .stderr_has("in the future");
    t.then(&[
        "update",
        "fr-mobile-unit",
        "--status",
        "stalled",
        "--evidence",
        "source",
    ])
    .success()
    .stdout_has("stalled from 2025-06-01");
    let j = t
        .then(&["show", "fr-mobile-unit", "--format", "json"])
        .success()
        .json();
    assert_eq!(j["as_of"], "2025-06-01");
    assert_eq!(j["status_since"], "2025-06-01");
}

#[test]
fn recorded_by_comes_from_by_else_commitments_user() {
    let t = Test::new().sample();
    t.then(&[
        "update",
        "fr-mobile-unit",
        "--status",
        "stalled",
        "--date",
        "2025-06-01",
        "--evidence",
        "source",
        "--by",
        "Alice Researcher",
    ])
    .success();
    let t = t.env("COMMITMENTS_USER", "bob");
    t.then(&[
        "update",
        "fr-mobile-unit",
        "--status",
        "partial",
        "--date",
        "2025-07-01",
        "--evidence",
        "source",
    ])
    .success();
    t.then(&[
        "add",
        "x-new",
        "--title",
        "T",
        "--owner",
        "O",
        "--made",
        "2025-03-31",
        "--by",
        "carol",
    ])
    .success();
    let j = t
        .then(&["show", "fr-mobile-unit", "--format", "json"])
        .success()
        .json();
    let h = j["commitment"]["history"].as_array().unwrap();
    assert_eq!(h[2]["recorded_by"], "Alice Researcher");
    assert_eq!(h[3]["recorded_by"], "bob");
    let j = t
        .then(&["show", "x-new", "--format", "json"])
        .success()
        .json();
    assert_eq!(j["commitment"]["history"][0]["recorded_by"], "carol");
    assert!(t.file().contains("recorded_by: Alice Researcher"));
}

// ---------------------------------------------------------------- the shipped ledger

/// The day the shipped ledger was last brought up to date (scripts/build-ledger): its latest
/// searches are dated then, and `check` refuses dates after "today".
const SHIPPED_AS_OF: &str = "2026-12-01";

#[test]
fn shipped_ledger_passes_check() {
    let path = shipped_ledger();
    Test::new()
        .env("COMMITMENTS_TODAY", SHIPPED_AS_OF)
        .args(&["-f", &path, "check"])
        .run()
        .success()
        .stdout_has("ok — 13 commitments");
}

#[test]
fn shipped_ledger_report_shows_its_thirteen_commitments() {
    let path = shipped_ledger();
    let t = Test::new().env("COMMITMENTS_TODAY", SHIPPED_AS_OF);
    let table = t.then(&["-f", &path, "report"]).success().stdout;
    // In table order: each communiqué pledge followed by the national actions under it (`→ `),
    // then the commitments with no parent; with each one's status on the day.
    let rows = [
        ("cq-follow-the-money", None, "Announced"),
        (
            "uk-it-finance-taskforce",
            Some("cq-follow-the-money"),
            "Announced",
        ),
        (
            "uk-sanctions-regime",
            Some("cq-follow-the-money"),
            "Delivered",
        ),
        ("cq-intelligence-sharing", None, "Announced"),
        // No source puts a national action under para 3: the pledge has no children.
        ("cq-protect-and-prosecute", None, "Announced"),
        ("cq-supply-routes", None, "Announced"),
        (
            "uk-cn-boat-engines",
            Some("cq-supply-routes"),
            "In progress",
        ),
        ("fr-mobile-unit", None, "Announced"),
        ("de-smuggling-law", None, "In progress"),
        ("uk-cps-3m", None, "In progress"),
        ("uk-bsc-30m", None, "Announced"),
        ("uk-online-adverts", None, "Announced"),
        ("uk-fr-iraq", None, "Announced"),
    ];
    let mut at = 0;
    for (id, parent, status) in rows {
        let start = match parent {
            Some(_) => format!("│ → {id} "),
            None => format!("│ {id} "),
        };
        let line = table
            .lines()
            .find(|l| l.starts_with(&start))
            .unwrap_or_else(|| panic!("no row starting `{start}`:\n{table}"));
        let cells: Vec<&str> = line.split(['│', '┆']).map(str::trim).collect();
        assert_eq!(cells.get(3), Some(&status), "{id}: {line}");
        // Rows come in the order above: a child right under its parent's group.
        let pos = table.find(line).unwrap();
        assert!(pos > at, "{id} out of order:\n{table}");
        at = pos;
    }
    assert!(table.contains("13 commitments"), "{table}");
    let j = t
        .then(&["-f", &path, "report", "--format", "json"])
        .success()
        .json();
    let ids: Vec<&str> = rows.iter().map(|r| r.0).collect();
    assert_eq!(self::ids(&j["commitments"]), ids);
    for (r, (id, parent, _)) in j["commitments"].as_array().unwrap().iter().zip(rows) {
        // Every row rests on evidence: the spec asks that every status event cite a source.
        assert_eq!(r["unsourced"], false, "{r}");
        let shown = shown_in(&t, &path, id);
        assert_eq!(
            shown["commitment"]["parent"].as_str(),
            parent,
            "{id}: {shown}"
        );
    }
}

/// The commitment `id` of the ledger at `path`, as `show --format json` gives it.
fn shown_in(t: &Test, path: &str, id: &str) -> Value {
    t.then(&["-f", path, "show", id, "--format", "json"])
        .success()
        .json()
}

// ---------------------------------------------------------------- colour

const ESC: &str = "\u{1b}";

#[test]
fn no_escape_sequences_with_no_color_or_off_a_terminal() {
    // NO_COLOR set (the harness sets it).
    let t = Test::new().sample();
    for args in [
        &["report"][..],
        &["list"],
        &["show", "fr-mobile-unit"],
        &["check"],
    ] {
        let out = t.then(args).success();
        assert!(
            !out.stdout.contains(ESC),
            "{args:?} printed an escape:\n{}",
            out.stdout
        );
    }
    // NO_COLOR unset: standard output is a pipe here, not a terminal, so still no colour.
    let t = Test::new().sample().env("NO_COLOR", "");
    for args in [&["report"][..], &["list"], &["show", "fr-mobile-unit"]] {
        let out = t.then(args).success();
        assert!(
            !out.stdout.contains(ESC),
            "{args:?} printed an escape:\n{}",
            out.stdout
        );
    }
    // Errors neither, nor problem reports.
    t.then(&["show", "nope"]).failure(1).stderr_lacks(ESC);
    let bad = Test::new().ledger(&SAMPLE.replace("status: in-progress", "status: underway"));
    bad.then(&["check", "--color", "always"])
        .failure(1)
        .stderr_lacks(ESC)
        .stdout_lacks(ESC);
    // And `--color always` without NO_COLOR does colour, so the checks above can fail.
    let out = t.then(&["report", "--color", "always"]).success();
    assert!(
        out.stdout.contains(ESC),
        "expected colour with --color always:\n{}",
        out.stdout
    );
}

/// `--color auto` on a real terminal (a pseudo-terminal from util-linux's `script`): colour,
/// unless NO_COLOR is set; `--color always` colours despite NO_COLOR, `never` never does.
#[test]
fn on_a_terminal_auto_honours_no_color_and_a_flag_wins() {
    let t = Test::new().sample();
    let on_terminal = |no_color: &str, color: &str| -> Option<String> {
        let command = format!(
            "'{}' --color {color} report",
            env!("CARGO_BIN_EXE_commitments")
        );
        let out = std::process::Command::new("script")
            .args(["-qec", &command, "/dev/null"])
            .current_dir(t.dir.path())
            .env("COMMITMENTS_TODAY", crate::harness::TODAY)
            .env("NO_COLOR", no_color)
            .env_remove("COMMITMENTS_FILE")
            .stdin(std::process::Stdio::null())
            .output()
            .ok()?;
        assert!(out.status.success(), "{out:?}");
        Some(String::from_utf8_lossy(&out.stdout).into_owned())
    };
    // No `script` here: the pipe checks above stand.
    let Some(auto) = on_terminal("", "auto") else {
        return;
    };
    assert!(auto.contains(ESC), "no colour on a terminal:\n{auto}");
    let auto_no_color = on_terminal("1", "auto").unwrap();
    assert!(!auto_no_color.contains(ESC), "{auto_no_color}");
    let always = on_terminal("1", "always").unwrap();
    assert!(
        always.contains(ESC),
        "--color always lost to NO_COLOR:\n{always}"
    );
    let never = on_terminal("", "never").unwrap();
    assert!(!never.contains(ESC), "{never}");
}

#[test]
fn control_characters_in_the_file_never_reach_the_terminal() {
    let text = SAMPLE.replace(
        "title: GBP 3m for the Crown Prosecution Service",
        "title: \"GBP 3m \\e[31mfor the CPS\\e[0m\"",
    );
    let t = Test::new().ledger(&text);
    t.then(&["check"]).success();
    for args in [&["report"][..], &["list"], &["show", "uk-cps-3m"]] {
        t.then(args).success().stdout_lacks(ESC);
    }
}

#[test]
fn update_dated_before_a_later_event_says_the_status_stands() {
    // fr-mobile-unit is in-progress from 2025-04-01; an event dated earlier is recorded,
    // but the confirmation must not suggest the current status changed.
    Test::new()
        .sample()
        .args(&[
            "update",
            "fr-mobile-unit",
            "--status",
            "stalled",
            "--date",
            "2025-03-31",
            "--evidence",
            "source",
        ])
        .run()
        .success()
        .stdout_has("still in-progress, from a later event (2025-04-01)");
    Test::new()
        .sample()
        .args(&[
            "update",
            "fr-mobile-unit",
            "--status",
            "stalled",
            "--evidence",
            "source",
        ])
        .run()
        .success()
        .stdout_lacks("still");
}

#[test]
fn evidence_refuses_dates_in_the_future() {
    for option in ["--published", "--accessed"] {
        let t = Test::new().sample().args(&[
            "evidence",
            "fr-mobile-unit",
            "--url",
            "https://example.org/x",
            "--title",
            "X",
            option,
            "2026-11-23",
        ]);
        let before = t.file_bytes();
        t.run()
            .failure(1)
            .stderr_has(option)
            .stderr_has("in the future");
        assert_eq!(t.file_bytes(), before);
    }
}

#[test]
fn write_errors_name_the_file_as_given() {
    // A refused write on an invalid ledger names `commitments.yaml`, not a resolved absolute path.
    let t = Test::new().ledger("version: 1\ncommitments:\n  - id: a\n    title: T\n    owner: O\n    made: 2025-02-30\n    history: []\n");
    let out = t
        .then(&["gap", "a", "--note", "n"])
        .failure(1)
        .stderr_has("commitments.yaml:6:11");
    assert!(
        !out.stderr.contains(&t.dir.path().display().to_string()),
        "{}",
        out.stderr
    );
}
