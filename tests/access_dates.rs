//! An access date (`accessed`) says someone read the page that day, and a gap's `checked` says
//! when the search was made: the commands record them only when told (issue 14, item 1).

use crate::harness::*;
use serde_json::Value;

fn shown(t: &Test, id: &str) -> Value {
    t.then(&["show", id, "--format", "json"]).success().json()
}

const EVIDENCE: [&str; 6] = [
    "--url",
    "https://www.bundestag.de/x",
    "--title",
    "Bundestag passes the law",
    "--published",
    "2025-12-19",
];

fn add_evidence(t: &Test, extra: &[&str]) -> Value {
    let mut args = vec!["evidence", "de-smuggling-law"];
    args.extend(EVIDENCE);
    args.extend(extra);
    t.then(&args).success();
    let j = shown(t, "de-smuggling-law");
    j["commitment"]["evidence"]
        .as_array()
        .unwrap()
        .last()
        .unwrap()
        .clone()
}

#[test]
fn evidence_has_no_access_date_unless_the_person_gives_one() {
    let t = Test::new().sample();
    let copied = add_evidence(&t, &["--id", "copied"]);
    assert_eq!(copied["accessed"], Value::Null, "{copied}");
    assert_eq!(copied["published"], "2025-12-19");
    let file = t.file();
    let entry = &file[file.find("id: copied").unwrap()..];
    let entry = &entry[..entry.find("history:").unwrap_or(entry.len())];
    assert!(!entry.contains("accessed"), "{entry}");

    let read_today = add_evidence(&t, &["--id", "read-today", "--accessed"]);
    assert_eq!(read_today["accessed"], TODAY, "--accessed alone is today");

    let read_earlier = add_evidence(&t, &["--id", "read-earlier", "--accessed", "2026-11-01"]);
    assert_eq!(read_earlier["accessed"], "2026-11-01");

    // `--accessed` alone followed by another option still means today.
    let mut args = vec![
        "evidence",
        "de-smuggling-law",
        "--accessed",
        "--id",
        "then-id",
    ];
    args.extend(EVIDENCE);
    t.then(&args).success();
    let j = shown(&t, "de-smuggling-law");
    assert_eq!(j["commitment"]["evidence"][3]["id"], "then-id");
    assert_eq!(j["commitment"]["evidence"][3]["accessed"], TODAY);
    t.then(&["check"]).success();
}

#[test]
fn evidence_without_a_publication_or_access_date_is_undated_not_today() {
    let t = Test::new().sample();
    t.then(&[
        "evidence",
        "uk-cps-3m",
        "--url",
        "https://example.org/cps",
        "--title",
        "CPS page",
        "--id",
        "cps-page",
    ])
    .success();
    let j = shown(&t, "uk-cps-3m");
    let e = &j["commitment"]["evidence"][0];
    assert_eq!(e["published"], Value::Null);
    assert_eq!(e["accessed"], Value::Null);
    // Nothing dated today: the commitment does not look freshly checked.
    let report = t.then(&["report", "--format", "json"]).success().json();
    let row = report["commitments"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "uk-cps-3m")
        .unwrap()
        .clone();
    assert_ne!(row["latest_evidence"], TODAY, "{row}");
    assert_ne!(row["last_checked"], TODAY, "{row}");
}

#[test]
fn a_bad_access_date_is_refused_and_the_ledger_left_alone() {
    let t = Test::new().sample();
    let before = t.file_bytes();
    let mut args = vec!["evidence", "de-smuggling-law"];
    args.extend(EVIDENCE);
    args.extend(["--accessed", "22/11/2026"]);
    t.then(&args)
        .failure(2)
        .stderr_has("--accessed")
        .stderr_has("YYYY-MM-DD")
        .stderr_lacks("panick");
    assert_eq!(t.file_bytes(), before);
}

#[test]
fn update_adds_new_evidence_with_an_access_date_only_when_asked() {
    let t = Test::new().sample();
    let update = |id: &str, extra: &[&str]| {
        let mut args = vec![
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
            id,
        ];
        args.extend(extra);
        t.then(&args).success();
    };
    update("unread", &[]);
    update("read", &["--accessed", "2026-10-30"]);
    update("read-now", &["--accessed"]);
    let j = shown(&t, "uk-cps-3m");
    let evidence = &j["commitment"]["evidence"];
    assert_eq!(evidence[0]["id"], "unread");
    assert_eq!(evidence[0]["accessed"], Value::Null);
    assert_eq!(evidence[1]["accessed"], "2026-10-30");
    assert_eq!(evidence[2]["accessed"], TODAY);
    t.then(&[
        "update",
        "uk-cps-3m",
        "--status",
        "in-progress",
        "--evidence",
        "source",
        "--accessed",
    ])
    .failure(2)
    .stderr_has("--evidence-url");
}

/// `funding` takes the same evidence options as `update` (commands/cite.rs), --accessed
/// among them.
#[test]
fn funding_adds_new_evidence_with_an_access_date_only_when_asked() {
    let t = Test::new().sample();
    let funding = |id: &str, amount: &str, extra: &[&str]| {
        let mut args = vec![
            "funding",
            "uk-cps-3m",
            "--stage",
            "allocated",
            "--amount",
            amount,
            "--currency",
            "GBP",
            "--date",
            "2025-06-01",
            "--evidence-url",
            "https://example.org/cps-budget",
            "--evidence-title",
            "CPS budget",
            "--evidence-id",
            id,
        ];
        args.extend(extra);
        t.then(&args).success();
    };
    funding("unread", "1000", &[]);
    funding("read", "2000", &["--accessed", "2026-10-30"]);
    funding("read-now", "3000", &["--accessed"]);
    let j = shown(&t, "uk-cps-3m");
    let evidence = &j["commitment"]["evidence"];
    assert_eq!(evidence[0]["id"], "unread");
    assert_eq!(evidence[0]["accessed"], Value::Null);
    assert_eq!(evidence[1]["accessed"], "2026-10-30");
    assert_eq!(evidence[2]["accessed"], TODAY);
    t.then(&[
        "funding",
        "uk-cps-3m",
        "--stage",
        "allocated",
        "--amount",
        "4000",
        "--currency",
        "GBP",
        "--evidence-url",
        "https://example.org/cps-budget",
        "--evidence-title",
        "CPS budget",
        "--accessed",
        "2099-01-01",
    ])
    .failure(1)
    .stderr_has("--accessed 2099-01-01 is in the future");
}

#[test]
fn a_gap_has_a_search_date_only_when_the_person_gives_one() {
    let t = Test::new().sample();
    t.then(&["gap", "uk-cps-3m", "--note", "From a colleague's notes"])
        .success()
        .stdout_has("Recorded a gap for uk-cps-3m.")
        .stderr_has("no search date")
        .stderr_has("--checked DATE");
    t.then(&[
        "gap",
        "uk-cps-3m",
        "--note",
        "Searched just now",
        "--checked",
    ])
    .success()
    .stderr_lacks("no search date");
    t.then(&[
        "gap",
        "uk-cps-3m",
        "--note",
        "Searched last month",
        "--checked",
        "2026-10-22",
    ])
    .success();
    let gaps = shown(&t, "uk-cps-3m")["commitment"]["gaps"].clone();
    assert_eq!(
        gaps,
        serde_json::json!([
            {"note": "From a colleague's notes", "checked": null},
            {"note": "Searched just now", "checked": TODAY},
            {"note": "Searched last month", "checked": "2026-10-22"},
        ])
    );
    let file = t.file();
    let undated = &file[file.find("From a colleague's notes").unwrap()..];
    let undated = &undated[..undated.find("- note:").unwrap_or(undated.len())];
    assert!(!undated.contains("checked"), "{undated}");
    t.then(&["show", "uk-cps-3m"])
        .success()
        .stdout_has("From a colleague's notes\n")
        .stdout_has("Searched last month (checked 2026-10-22)");
    t.then(&["check"]).success();
}
