//! `import`: spreadsheets in, all or nothing, every bad row reported, nothing guessed.

use std::path::Path;

use crate::harness::*;

const EMPTY: &str = "version: 1\ncommitments: []\n";

fn fixture(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
        .display()
        .to_string()
}

/// The real UK housing-pledge tracker export (three files), as docs/import.md imports it.
fn housing_args() -> Vec<String> {
    let mut args: Vec<String> = vec![
        "import".into(),
        fixture("uk-labour-housing-promises.csv"),
        "--events".into(),
        fixture("uk-labour-housing-timeline.csv"),
        "--evidence".into(),
        fixture("uk-labour-housing-evidence.csv"),
    ];
    for a in [
        "--map=id=promise_id",
        "--map=title=promise_text",
        "--map=tags=topic",
        "--map=since=last_checked",
        "--default=owner=UK Government",
        "--default=made=2024-07-04",
        "--default=source_title=Change: Labour Party Manifesto 2024",
        "--default=source_publisher=Labour Party",
        "--status-map=in progress=in-progress",
        "--status-map=implemented=delivered",
        "--status-map=not started=announced",
        "--map=events.status=progress_score",
        "--status-map=0.0=announced",
        "--status-map=12.5=in-progress",
        "--status-map=25.0=in-progress",
        "--status-map=30.0=in-progress",
        "--status-map=50.0=in-progress",
        "--status-map=60.0=in-progress",
        "--status-map=100.0=delivered",
        "--map=evidence.id=evidence_id",
        "--map=evidence.published=date_published",
        "--map=evidence.accessed=collected_at",
        "--map=evidence.kind=source_type",
        "--kind-map=Parliamentary Bill=parliament",
        "--kind-map=Bill=parliament",
        "--kind-map=UK Parliament Bills API=parliament",
        "--kind-map=Act of Parliament=legislation",
        "--kind-map=Legislation.gov.uk Search=legislation",
        "--kind-map=Government policy=official-statement",
        "--kind-map=Government funding=official-statement",
        "--kind-map=Statistics=dataset",
        "--kind-map=ONS Search=dataset",
        "--unknown=2024-2025",
        "--unknown=2024",
        "--unknown=2026",
        "--unknown=Quarterly dataset",
        "--unknown=Quarterly and annual tables",
    ] {
        args.push(a.into());
    }
    args
}

fn run_args(t: &Test, args: &[String]) -> Output {
    let refs: Vec<&str> = args.iter().map(String::as_str).collect();
    t.then(&refs)
}

#[test]
fn the_housing_tracker_export_imports_whole() {
    let t = Test::new().ledger(EMPTY);
    let mut dry = housing_args();
    dry.push("--dry-run".into());
    let before = t.file_bytes();
    run_args(&t, &dry)
        .success()
        .stdout_has("Would import into commitments.yaml: 18 new commitments, 72 status events, 113 evidence entries.")
        .stdout_has("98 cells of date_published read as unknown")
        .stdout_has("Dry run: nothing was written");
    assert_eq!(t.file_bytes(), before, "a dry run writes nothing");

    run_args(&t, &housing_args())
        .success()
        .stdout_has("Imported into commitments.yaml: 18 new commitments, 72 status events, 113 evidence entries.");
    t.then(&["check"])
        .success()
        .stdout_has("18 commitments, 113 evidence entries, 72 status events");
    t.then(&["report"])
        .success()
        .stdout_has("18 commitments: 6 announced, 3 in progress, 9 delivered");
    // H02 went announced → in progress → delivered; its first event rests on the manifesto.
    let shown = t
        .then(&["show", "h02", "--format", "json"])
        .success()
        .stdout;
    let h02: serde_json::Value = serde_json::from_str(&shown).unwrap();
    assert_eq!(h02["status"], "delivered");
    assert_eq!(h02["status_since"], "2026-06-10");
    let history = h02["commitment"]["history"].as_array().unwrap();
    let statuses: Vec<&str> = history
        .iter()
        .map(|e| e["status"].as_str().unwrap())
        .collect();
    assert_eq!(
        statuses,
        ["announced", "in-progress", "in-progress", "delivered"]
    );
    assert_eq!(history[0]["evidence"], serde_json::json!(["source"]));
    assert!(
        history[1]["note"]
            .as_str()
            .unwrap()
            .contains("uk-labour-housing-timeline.csv, row 7")
    );
    assert_eq!(history[1]["unsourced"], true);
    // "Not available" stays unknown, it does not become a date.
    let evidence = h02["commitment"]["evidence"].as_array().unwrap();
    assert!(evidence.iter().any(|e| e["published"].is_null()));
    assert!(
        evidence
            .iter()
            .all(|e| e["accessed"] == "2026-06-10" || e["accessed"] == "2026-06-12")
    );
}

#[test]
fn unmapped_values_are_reported_row_by_row_and_nothing_is_written() {
    let t = Test::new().ledger(EMPTY);
    let args: Vec<String> = housing_args()
        .into_iter()
        .filter(|a| !a.starts_with("--unknown") && !a.starts_with("--status-map=12.5"))
        .collect();
    let before = t.file_bytes();
    let out = run_args(&t, &args).failure(1);
    assert_eq!(t.file_bytes(), before);
    let err = out.stderr;
    // Every bad row, with its row number (as a spreadsheet counts) and its column.
    assert!(err.contains("uk-labour-housing-timeline.csv, row 3, column progress_score: `12.5` is not a status of this ledger"), "{err}");
    assert!(
        err.contains("uk-labour-housing-timeline.csv, row 23, column progress_score: `12.5`"),
        "{err}"
    );
    assert!(
        err.contains("column date_published: `2024-2025` is a span of years, not a day"),
        "{err}"
    );
    assert!(
        err.contains("column date_published: `2024` is a year, not a day"),
        "{err}"
    );
    assert!(err.contains("--status-map \"12.5=STATUS\""), "{err}");
    assert!(err.contains("nothing was imported"), "{err}");
    // The same advice is given once, not once a row.
    assert_eq!(
        err.matches("--status-map \"12.5=STATUS\"").count(),
        1,
        "{err}"
    );
    let bad_rows = err.lines().filter(|l| l.contains(", row ")).count();
    assert_eq!(bad_rows, 3 + 25, "{bad_rows} bad rows:\n{err}");
}

const MESSY: &str = "\u{feff}Ref,Pledge,Lead department,Announced,Deadline,State,State date,Tags\r
P-1,\"Build homes, lots of them\",DLUHC,31/03/2025,Not available,in progress,2025-06-01,housing; supply\r
P-2,\"A pledge\r
over two lines, with \"\"quotes\"\"\",HM Treasury,1 April 2025,2025-12-31,Announced,,\r
P-3,Third,Home Office,\"April 2, 2025\",,implemented,05/07/2025,\r
P-1,\"Build homes, lots of them\",DLUHC,31/03/2025,Not available,in progress,2025-06-01,housing; supply\r
,,,,,,,\r
";

fn messy_args() -> Vec<&'static str> {
    vec![
        "import",
        "messy.csv",
        "--map",
        "id=Ref",
        "--map",
        "title=Pledge",
        "--map",
        "owner=Lead department",
        "--map",
        "made=Announced",
        "--map",
        "due=Deadline",
        "--map",
        "status=State",
        "--map",
        "since=State date",
        "--status-map",
        "implemented=delivered",
    ]
}

#[test]
fn messy_real_world_csv_is_read_faithfully() {
    let t = Test::new().ledger(EMPTY);
    std::fs::write(t.dir.path().join("messy.csv"), MESSY).unwrap();
    // 05/07/2025 could be 5 July or May 7: reported, not guessed.
    let out = t.then(&messy_args()).failure(1);
    assert!(
        out.stderr.contains("messy.csv, row 4, column State date: `05/07/2025` could be 5 July 2025 or 7 May 2025; say which with --date-order dmy or --date-order mdy"),
        "{}",
        out.stderr
    );
    let mut args = messy_args();
    args.extend(["--date-order", "dmy"]);
    t.then(&args)
        .success()
        .stdout_has("3 new commitments")
        .stdout_has("row 5 repeats row 2 exactly; imported once")
        .stdout_has("ids made into slugs")
        .stdout_has("P-1 → p-1");
    let json = t
        .then(&["show", "p-2", "--format", "json"])
        .success()
        .stdout;
    let p2: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(
        p2["commitment"]["title"],
        "A pledge\r\nover two lines, with \"quotes\""
    );
    assert_eq!(p2["commitment"]["made"], "2025-04-01");
    assert_eq!(
        p2["status"], "announced",
        "`Announced` is the label of a status"
    );
    let p1: serde_json::Value = serde_json::from_str(
        &t.then(&["show", "p-1", "--format", "json"])
            .success()
            .stdout,
    )
    .unwrap();
    assert_eq!(p1["commitment"]["title"], "Build homes, lots of them");
    assert_eq!(p1["commitment"]["made"], "2025-03-31");
    assert!(
        p1["commitment"]["due"].is_null(),
        "Not available is unknown"
    );
    assert_eq!(
        p1["commitment"]["tags"],
        serde_json::json!(["housing", "supply"])
    );
    assert_eq!(p1["status"], "in-progress");
    assert_eq!(p1["status_since"], "2025-06-01");
    let p3: serde_json::Value = serde_json::from_str(
        &t.then(&["show", "p-3", "--format", "json"])
            .success()
            .stdout,
    )
    .unwrap();
    assert_eq!(p3["commitment"]["made"], "2025-04-02");
    assert_eq!(p3["status"], "delivered");
    assert_eq!(p3["status_since"], "2025-07-05");
    t.then(&["check"]).success();
}

#[test]
fn conflicting_duplicates_and_bad_values_are_all_reported() {
    let csv = "id,title,owner,made,due,status,since,source_url\n\
               a-1,One,Owner,2025-01-01,2024-12-31,,,\n\
               a-1,Not the same,Owner,2025-01-01,,,,\n\
               a-2,,Owner,2025,,stalled,,ftp://example.org\n\
               a-3,Three,Owner,2025-02-30,,nonsense,2025-01-01,\n\
               a-4,Four,Owner,2025-01-01,,,,\n\
               a-5,Five,Owner,2027-01-01,,,,\n";
    let t = Test::new().sample();
    std::fs::write(t.dir.path().join("bad.csv"), csv).unwrap();
    let before = t.file_bytes();
    let err = t.then(&["import", "bad.csv"]).failure(1).stderr;
    assert_eq!(
        t.file_bytes(),
        before,
        "one bad row means nothing is imported"
    );
    for expected in [
        "bad.csv, row 2, column due: the due date 2024-12-31 is before the made date 2025-01-01",
        "bad.csv, row 3, column id: the id `a-1` is also on row 2, with different values",
        "bad.csv, row 4, column title: `title` is empty or unknown",
        "bad.csv, row 4, column made: `2025` is a year, not a day",
        "bad.csv, row 4, column source_url: `ftp://example.org` is not a web address",
        "bad.csv, row 5, column made: `2025-02-30` is not a real date",
        "bad.csv, row 5, column status: `nonsense` is not a status of this ledger",
        "bad.csv, row 7, column made: 2027-01-01 is in the future (today is 2026-11-22)",
    ] {
        assert!(err.contains(expected), "missing {expected:?} in:\n{err}");
    }
    assert!(!err.contains("row 6"), "a-4 is fine:\n{err}");
}

/// Rows are numbered as a spreadsheet shows them: an empty line is a row of its own, a line
/// break inside a quoted cell is not a new row, and old Mac files end lines with a bare `\r`.
#[test]
fn row_numbers_are_the_spreadsheet_rows_after_empty_lines_and_line_breaks_in_cells() {
    let t = Test::new().ledger(EMPTY);
    let cases: [(&str, &str, &[&str]); 4] = [
        (
            "blank.csv",
            "id,title,owner,made\nx1,T,Gov,2025-03-31\n\nx3,T3,Gov,2025-04-31\n",
            &["blank.csv, row 4, column made: `2025-04-31` is not a real date"],
        ),
        (
            "multiline.csv",
            "id,title,owner,made\nx1,\"Two\nlines\",Gov,2025-03-31\nx3,\"T\r\n3\",Gov,2025-04-31\nx4,T4,Gov,2025-02-30\n",
            &[
                "multiline.csv, row 3, column made: `2025-04-31` is not a real date",
                "multiline.csv, row 4, column made: `2025-02-30` is not a real date",
            ],
        ),
        (
            "both.csv",
            "id,title,owner,made\r\n\r\nx1,\"Two\r\nlines\",Gov,2025-03-31\r\n\r\n\r\nx3,T3,Gov,2025-04-31\r\n",
            &["both.csv, row 6, column made: `2025-04-31` is not a real date"],
        ),
        (
            "mac.csv",
            "id,title,owner,made\rx1,T,Gov,2025-03-31\r\rx3,T3,Gov,2025-04-31\r",
            &["mac.csv, row 4, column made: `2025-04-31` is not a real date"],
        ),
    ];
    for (name, csv, expected) in cases {
        std::fs::write(t.dir.path().join(name), csv).unwrap();
        let err = t.then(&["import", name, "--dry-run"]).failure(1).stderr;
        for e in expected {
            assert!(err.contains(e), "missing {e:?} in:\n{err}");
        }
        assert_eq!(t.file(), EMPTY, "nothing is written");
    }
    // The note on a repeated row numbers both rows the same way.
    std::fs::write(
        t.dir.path().join("repeat.csv"),
        "id,title,owner,made\nx1,\"Two\nlines\",Gov,2025-03-31\n\nx1,\"Two\nlines\",Gov,2025-03-31\n",
    )
    .unwrap();
    let out = t.then(&["import", "repeat.csv", "--dry-run"]).success();
    assert!(
        out.stdout
            .contains("repeat.csv: row 4 repeats row 2 exactly; imported once"),
        "{}",
        out.stdout
    );
}

/// One run lists every problem of a row: a bad cell does not hide the others, which would
/// otherwise come up one run at a time.
#[test]
fn a_rows_problems_are_all_listed_in_one_run() {
    let t = Test::new().ledger(EMPTY);
    std::fs::write(
        t.dir.path().join("c.csv"),
        "id,title,owner,made,status,since\n\
         x1,T,Gov,2025-02-30,in-progress,2027-01-01\n\
         ,T,Gov,2025-02-30,,\n\
         x3,T,Gov,2025-03-01,in-progress,2025-01-01\n",
    )
    .unwrap();
    std::fs::write(
        t.dir.path().join("ev.csv"),
        "commitment,date,status\nnope,2027-01-01,bogus\n",
    )
    .unwrap();
    std::fs::write(
        t.dir.path().join("evi.csv"),
        "commitment,title,url\nnope,T,ftp://x\n",
    )
    .unwrap();
    let err = t
        .then(&[
            "import",
            "c.csv",
            "--events",
            "ev.csv",
            "--evidence",
            "evi.csv",
            "--dry-run",
        ])
        .failure(1)
        .stderr;
    for expected in [
        "c.csv, row 2, column made: `2025-02-30` is not a real date",
        "c.csv, row 2, column since: 2027-01-01 is in the future (today is 2026-11-22)",
        "c.csv, row 3, column id: `id` is empty or unknown\n  = help: every row needs an id;",
        "c.csv, row 3, column made: `2025-02-30` is not a real date",
        "c.csv, row 4, column since: the status date 2025-01-01 is before the commitment was made (2025-03-01)",
        "ev.csv, row 2, column commitment: no commitment has the id `nope`",
        "ev.csv, row 2, column status: `bogus` is not a status of this ledger",
        "ev.csv, row 2, column date: 2027-01-01 is in the future (today is 2026-11-22)",
        "evi.csv, row 2, column commitment: no commitment has the id `nope`",
        "evi.csv, row 2, column url: `ftp://x` is not a web address",
        "10 problems in 5 rows; nothing was imported.",
    ] {
        assert!(err.contains(expected), "missing {expected:?} in:\n{err}");
    }
    assert_eq!(t.file(), EMPTY, "nothing is written");
}

#[test]
fn evidence_and_events_can_be_added_to_commitments_already_in_the_ledger() {
    let t = Test::new().sample();
    std::fs::write(
        t.dir.path().join("ev.csv"),
        "commitment,id,title,url,published,kind\n\
         fr-mobile-unit,le-monde-2025-06-04,Unit deployed,https://example.org/lm,4 June 2025,Media\n\
         uk-cps-3m,,CPS budget,https://example.org/cps,2025-05-01,dataset\n",
    )
    .unwrap();
    std::fs::write(
        t.dir.path().join("events.csv"),
        "commitment,date,status,evidence,note\n\
         fr-mobile-unit,2025-06-04,in-progress,le-monde-2025-06-04,Deployed per Le Monde\n",
    )
    .unwrap();
    t.then(&["import", "--evidence", "ev.csv", "--events", "events.csv"])
        .success()
        .stdout_has("0 new commitments, 1 status event, 2 evidence entries");
    let text = t.file();
    assert!(text.starts_with("# A hand-kept ledger"), "comments kept");
    assert!(text.contains("# end of file comment"));
    assert!(text.contains("id: example-org-2025-05-01"), "{text}");
    let json = t
        .then(&["show", "fr-mobile-unit", "--format", "json"])
        .success()
        .stdout;
    let fr: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(fr["status_since"], "2025-04-01");
    let last = fr["commitment"]["history"]
        .as_array()
        .unwrap()
        .last()
        .unwrap()
        .clone();
    assert_eq!(last["evidence"], serde_json::json!(["le-monde-2025-06-04"]));
    assert_eq!(last["unsourced"], false);
    assert_eq!(
        last["note"],
        "Deployed per Le Monde (imported from events.csv, row 2)"
    );

    // Again: the evidence id is taken now, and an unknown commitment is named.
    std::fs::write(
        t.dir.path().join("ev2.csv"),
        "commitment,id,title,url\n\
         fr-mobile-unit,le-monde-2025-06-04,Again,https://example.org/x\n\
         nl-nothing,,Nope,https://example.org/y\n",
    )
    .unwrap();
    let err = t
        .then(&["import", "--evidence", "ev2.csv"])
        .failure(1)
        .stderr;
    assert!(err.contains("ev2.csv, row 2, column id: `fr-mobile-unit` already has evidence with the id `le-monde-2025-06-04`"), "{err}");
    assert!(
        err.contains("ev2.csv, row 3, column commitment: no commitment has the id `nl-nothing`"),
        "{err}"
    );
}

#[test]
fn wrong_options_are_explained() {
    let t = Test::new().sample();
    std::fs::write(t.dir.path().join("x.csv"), "ref,text\nx-1,hello\n").unwrap();
    t.then(&["import", "x.csv", "--map", "title=txt"])
        .failure(1)
        .stderr_has("--map title=txt: there is no column `txt`")
        .stderr_has("its columns are: ref, text");
    t.then(&["import", "x.csv", "--map", "colour=text"])
        .failure(1)
        .stderr_has("there is no field `colour`");
    t.then(&[
        "import",
        "x.csv",
        "--map",
        "id=ref",
        "--map",
        "title=text",
        "--default",
        "owner=O",
        "--default",
        "made=2025-01-01",
        "--status-map",
        "done=finished",
    ])
    .failure(1)
    .stderr_has("`finished` is not a status of this ledger");
    t.then(&["import"]).failure(1).stderr_has("give a CSV file");
    std::fs::write(t.dir.path().join("semi.csv"), "id;title\nx;y\n").unwrap();
    t.then(&["import", "semi.csv"])
        .failure(1)
        .stderr_has("--delimiter ';'");
}

/// What `report` says about each commitment, minus what a status table cannot carry: what
/// comes from evidence and gaps (latest_evidence, last_checked, stale, unsourced, gaps) and the
/// UUID, which the importing ledger assigns afresh.
fn comparable(report_json: &str) -> Vec<serde_json::Value> {
    let v: serde_json::Value = serde_json::from_str(report_json).unwrap();
    v["commitments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let mut r = r.clone();
            let o = r.as_object_mut().unwrap();
            for derived in [
                "uuid",
                "latest_evidence",
                "last_checked",
                "stale",
                "unsourced",
                "gaps",
            ] {
                o.remove(derived);
            }
            r
        })
        .collect()
}

/// What `report --format csv` writes, `import` reads back, with no options: the same report.
#[test]
fn a_report_as_csv_imports_back_to_the_same_report() {
    let source = Test::new().sample();
    let as_of = ["--as-of", "2026-01-01"];
    let report = source
        .then(&[&["report", "--format", "json"][..], &as_of].concat())
        .success()
        .stdout;
    let csv = source
        .then(&[&["report", "--format", "csv"][..], &as_of].concat())
        .success()
        .stdout;

    let target = Test::new().ledger(EMPTY);
    std::fs::write(target.dir.path().join("report.csv"), &csv).unwrap();
    target
        .then(&["import", "report.csv"])
        .success()
        .stdout_has("3 new commitments");
    let again = target
        .then(&[&["report", "--format", "json"][..], &as_of].concat())
        .success()
        .stdout;
    assert_eq!(comparable(&report).len(), 3);
    assert_eq!(comparable(&again), comparable(&report), "CSV was:\n{csv}");
}
