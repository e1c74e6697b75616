//! Money by stage over time (`funding`), and how every report shows it: the command, its
//! refusals, and snapshots of the funding figures in each format.

use crate::harness::*;

const MONEY: &str = include_str!("fixtures/money.yaml");

fn money() -> Test {
    Test::new().ledger(MONEY)
}

/// Runs `args` on the money ledger and returns standard output.
fn out(args: &[&str]) -> String {
    money().args(args).run().success().stdout
}

#[test]
fn funding_records_a_dated_amount_on_new_evidence_and_reports_read_it() {
    let t = Test::new().sample();
    t.then(&[
        "funding",
        "uk-cps-3m",
        "--stage",
        "allocated",
        "--amount",
        "3230000",
        "--currency",
        "gbp",
        "--date",
        "2025-06-01",
        "--evidence-url",
        "https://example.org/cps",
        "--evidence-title",
        "CPS budget",
        "--publisher",
        "Home Office",
        "--published",
        "2025-06-01",
    ])
    .success()
    .stdout_has("uk-cps-3m: allocated GBP 3,230,000 on 2025-06-01.")
    .stdout_has(
        "Pledged GBP 3,000,000; allocated GBP 3,230,000; nothing disbursed or spent on record",
    );
    let file = t.file();
    assert!(
        file.contains("    funding_history:\n      - date: 2025-06-01\n        stage: allocated\n        amount: 3230000\n        currency: GBP\n        evidence:\n          - home-office-2025-06-01-cps\n"),
        "{file}"
    );
    t.then(&["check"]).success().stdout_has("1 funding event");
    // Before the allocation, only the pledge (the `funding:` field, on `made`).
    let row = |as_of: &str| {
        let j = t
            .then(&["report", "--format", "json", "--as-of", as_of])
            .success()
            .json();
        j["commitments"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["id"] == "uk-cps-3m")
            .unwrap()["funding"]
            .clone()
    };
    assert_eq!(row("2025-05-31")["allocated"], serde_json::Value::Null);
    assert_eq!(row("2025-05-31")["pledged"], 3_000_000.0);
    assert_eq!(row("2025-06-01")["allocated"], 3_230_000.0);
    assert_eq!(row("2025-06-01")["currency"], "GBP");
    t.then(&["show", "uk-cps-3m"])
        .success()
        .stdout_has("funding: allocated")
        .stdout_has("GBP 3,230,000");
    t.then(&["changes", "--since", "2025-05-01", "--until", "2025-06-30"])
        .success()
        .stdout_has("Allocated: GBP 3,230,000")
        .stdout_has("1 funding event");
    // Outside the window, the funding event is not listed.
    t.then(&["changes", "--since", "2025-07-01"])
        .success()
        .stdout_lacks("Allocated:");
}

#[test]
fn funding_cites_existing_evidence_or_says_why_not() {
    let t = money();
    t.then(&[
        "funding",
        "uk-bsc-30m",
        "--stage",
        "allocated",
        "--amount",
        "12500000.50",
        "--currency",
        "GBP",
        "--date",
        "2025-10-01",
        "--evidence",
        "source",
    ])
    .success();
    t.then(&[
        "funding",
        "it-taskforce",
        "--stage",
        "allocated",
        "--amount",
        "1 750 000,50",
        "--decimal-mark",
        ",",
        "--currency",
        "EUR",
        "--date",
        "2025-09-15",
        "--evidence",
        "source",
    ])
    .success()
    .stdout_has("allocated EUR 1,750,000.50");
    t.then(&[
        "funding",
        "it-taskforce",
        "--stage",
        "disbursed",
        "--amount",
        "0",
        "--currency",
        "EUR",
        "--date",
        "2025-10-01",
        "--unsourced",
        "--note",
        "Nothing paid, says the ministry",
    ])
    .success();
    let file = t.file();
    assert!(file.contains("amount: 12500000.5\n"), "{file}");
    assert!(
        file.contains("unsourced: true\n        note: Nothing paid, says the ministry\n"),
        "{file}"
    );
    let j = t
        .then(&["show", "it-taskforce", "--format", "json"])
        .success()
        .json();
    assert_eq!(j["funding"]["disbursed"], 0.0);
    assert_eq!(j["funding"]["allocated"], 1_750_000.5);
    assert_eq!(j["commitment"]["funding_history"][3]["stage"], "disbursed");
}

/// Each refusal: exit 1 (2 for a value clap itself refuses), the message, the file untouched.
#[track_caller]
fn refused(args: &[&str], code: i32, says: &[&str]) {
    let t = money();
    let before = t.file_bytes();
    let mut out = t.then(args).failure(code);
    for s in says {
        out = out.stderr_has(s);
    }
    assert_eq!(t.file_bytes(), before, "the file changed");
}

#[test]
fn funding_refuses_bad_input_and_leaves_the_file_alone() {
    let base = ["funding", "uk-cps-3m", "--date", "2025-07-01"];
    let with = |rest: &[&'static str]| -> Vec<&'static str> {
        let mut v: Vec<&str> = base.to_vec();
        v.extend_from_slice(rest);
        v
    };
    let cite: &[&str] = &["--evidence", "ho-2025-06-01"];
    refused(
        &[
            with(&["--stage", "committed", "--amount", "1", "--currency", "GBP"]),
            cite.to_vec(),
        ]
        .concat(),
        2,
        &["committed", "pledged, allocated, disbursed, spent"],
    );
    refused(
        &[
            with(&[
                "--stage",
                "disbursed",
                "--amount",
                "500000",
                "--currency",
                "EUR",
            ]),
            cite.to_vec(),
        ]
        .concat(),
        1,
        &["recorded in GBP", "--currency GBP", "never mixed"],
    );
    refused(
        &[
            with(&[
                "--stage",
                "disbursed",
                "--amount",
                "-5",
                "--currency",
                "GBP",
            ]),
            cite.to_vec(),
        ]
        .concat(),
        1,
        &["`-5` is negative", "zero or more"],
    );
    refused(
        &[
            with(&[
                "--stage",
                "disbursed",
                "--amount",
                "3m",
                "--currency",
                "GBP",
            ]),
            cite.to_vec(),
        ]
        .concat(),
        1,
        &["`3m` is not a plain number", "--amount 3000000"],
    );
    refused(
        &[
            with(&[
                "--stage",
                "disbursed",
                "--amount",
                "3,000",
                "--currency",
                "GBP",
            ]),
            cite.to_vec(),
        ]
        .concat(),
        1,
        &["could be read two ways", "--decimal-mark"],
    );
    refused(
        &[
            with(&[
                "--stage",
                "disbursed",
                "--amount",
                "1",
                "--currency",
                "pounds",
            ]),
            cite.to_vec(),
        ]
        .concat(),
        1,
        &["`pounds` is not a three-letter ISO 4217 code", "GBP"],
    );
    refused(
        &with(&["--stage", "disbursed", "--amount", "1", "--currency", "GBP"]),
        1,
        &["must cite evidence", "--unsourced with a --note"],
    );
    refused(
        &[
            with(&["--stage", "disbursed", "--amount", "1", "--currency", "GBP"]),
            vec!["--evidence", "nope"],
        ]
        .concat(),
        1,
        &["no evidence with the id `nope`", "source, ho-2025-06-01"],
    );
    refused(
        &[
            "funding",
            "uk-cps-3m",
            "--stage",
            "spent",
            "--amount",
            "1",
            "--currency",
            "GBP",
            "--date",
            "2025-01-01",
            "--evidence",
            "source",
        ],
        1,
        &["before uk-cps-3m was made (2025-03-31)"],
    );
    refused(
        &[
            "funding",
            "uk-cps-3m",
            "--stage",
            "spent",
            "--amount",
            "1",
            "--currency",
            "GBP",
            "--date",
            "2027-01-01",
            "--evidence",
            "source",
        ],
        1,
        &["in the future"],
    );
    refused(
        &[
            "funding",
            "uk-cps",
            "--stage",
            "spent",
            "--amount",
            "1",
            "--currency",
            "GBP",
            "--evidence",
            "source",
        ],
        1,
        &["no commitment has the id or UUID `uk-cps`"],
    );
}

#[test]
fn funding_figures_in_every_format() {
    insta::assert_snapshot!("funding_table", out(&["report"]));
    insta::assert_snapshot!("funding_markdown", out(&["report", "--format", "markdown"]));
    insta::assert_snapshot!("funding_csv", out(&["report", "--format", "csv"]));
    insta::assert_snapshot!("funding_json", out(&["report", "--format", "json"]));
    let html = out(&["report", "--format", "html"]);
    let table = &html[html.find("<h2>Status on").unwrap()..html.find("<h2>Timelines").unwrap()];
    insta::assert_snapshot!("funding_html_table", table);
    assert!(
        html.contains("Funding: disbursed"),
        "the timeline lists funding events"
    );
}

#[test]
fn funding_as_of_an_earlier_date_takes_each_stage_up_to_it() {
    let j: serde_json::Value = serde_json::from_str(&out(&[
        "report",
        "--format",
        "json",
        "--as-of",
        "2025-08-01",
    ]))
    .unwrap();
    let cps = &j["commitments"][0]["funding"];
    assert_eq!(cps["pledged"], 3_000_000.0);
    assert_eq!(cps["allocated"], 3_230_000.0);
    assert_eq!(cps["disbursed"], serde_json::Value::Null);
    let it = &j["commitments"][2]["funding"];
    assert_eq!(it["currency"], "EUR");
    assert_eq!(it["spent"], serde_json::Value::Null, "spent on 2025-09-01");
}

#[test]
fn funding_totals_by_owner_and_tag_per_currency() {
    insta::assert_snapshot!("funding_by_owner", out(&["report", "--by", "owner"]));
    insta::assert_snapshot!(
        "funding_by_tag_csv",
        out(&["report", "--by", "tag", "--format", "csv"])
    );
    let j: serde_json::Value =
        serde_json::from_str(&out(&["report", "--by", "owner", "--format", "json"])).unwrap();
    let uk = j["groups"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["group"] == "United Kingdom")
        .unwrap();
    assert_eq!(uk["funding"][0]["currency"], "GBP");
    assert_eq!(uk["funding"][0]["pledged"], 33_000_000.0);
    assert_eq!(uk["funding"][0]["disbursed"], 1_000_000.5);
    let all = &j["all"]["funding"];
    assert_eq!(all.as_array().unwrap().len(), 2, "EUR and GBP kept apart");
}

#[test]
fn import_reads_funding_events_from_the_events_file() {
    let t = money();
    std::fs::write(
        t.dir.path().join("money.csv"),
        "commitment,date,stage,amount,currency,evidence,note\nuk-bsc-30m,2025-08-01,allocated,\"12 000 000\",GBP,source,Budget\nit-taskforce,2025-10-01,disbursed,500000,EUR,,Told by phone\n",
    )
    .unwrap();
    t.then(&["import", "--events", "money.csv"])
        .success()
        .stdout_has("2 funding events");
    t.then(&["check"]).success();
    let j = t
        .then(&["report", "--format", "json", "--as-of", "2025-12-31"])
        .success()
        .json();
    assert_eq!(j["commitments"][1]["funding"]["allocated"], 12_000_000.0);
    assert_eq!(j["commitments"][2]["funding"]["disbursed"], 500_000.0);
    let j = t
        .then(&["show", "it-taskforce", "--format", "json"])
        .success()
        .json();
    let e = &j["commitment"]["funding_history"][2];
    assert_eq!(e["unsourced"], true);
    assert_eq!(
        e["note"],
        "Told by phone (imported from money.csv, row 3, which cites no evidence for it)"
    );

    // A new commitment's money, from the same import.
    let t = Test::new().ledger("version: 1\ncommitments: []\n");
    std::fs::write(
        t.dir.path().join("c.csv"),
        "id,title,owner,made\nnl-1,Dutch fund,Netherlands,2025-03-31\n",
    )
    .unwrap();
    std::fs::write(
        t.dir.path().join("e.csv"),
        "commitment,date,stage,amount,currency\nnl-1,2025-04-01,pledged,1000000,EUR\n",
    )
    .unwrap();
    t.then(&["import", "c.csv", "--events", "e.csv"]).success();
    let j = t
        .then(&["show", "nl-1", "--format", "json"])
        .success()
        .json();
    assert_eq!(j["funding"]["pledged"], 1_000_000.0);
}

#[test]
fn import_refuses_bad_funding_rows_with_their_row_and_column() {
    let t = money();
    std::fs::write(
        t.dir.path().join("bad.csv"),
        "commitment,date,stage,amount,currency,evidence\nuk-bsc-30m,2025-08-01,committed,1,GBP,\nit-taskforce,2025-10-01,disbursed,500000,GBP,\nit-taskforce,2025-10-01,spent,3m,EUR,\nit-taskforce,2025-01-01,spent,1,EUR,\nuk-bsc-30m,2025-08-01,spent,1,GBP,nope\n",
    )
    .unwrap();
    let before = t.file_bytes();
    t.then(&["import", "--events", "bad.csv"])
        .failure(1)
        .stderr_has("bad.csv, row 2, column stage: `committed` is not a funding stage")
        .stderr_has("one of: pledged, allocated, disbursed, spent")
        .stderr_has(
            "row 3, column currency: `it-taskforce`'s money is in EUR, and this amount is in GBP",
        )
        .stderr_has("row 4, column amount: `3m` is not an amount")
        .stderr_has("row 5, column date: 2025-01-01 is before `it-taskforce` was made")
        .stderr_has("row 6, column evidence: `uk-bsc-30m` has no evidence with the id `nope`")
        .stderr_has("nothing was imported");
    assert_eq!(t.file_bytes(), before);
}
