//! Retired commitments (`commitments retire`, issue 12 item 4): a report asked to include
//! them marks each one `retired` in every format; `bulletin` and `site` leave them out of
//! their tables and totals unless asked, while the commitment's own page and the lists of
//! changes still say it was retired and why.

use std::process::Command;

use crate::harness::*;

const REASON: &str = "Folded into the CPS programme";

/// The sample with uk-cps-3m retired on 2026-11-01 (today is 2026-11-22).
fn retired() -> Test {
    let t = Test::new().sample();
    t.then(&[
        "retire",
        "uk-cps-3m",
        "--reason",
        REASON,
        "--date",
        "2026-11-01",
    ])
    .success();
    t
}

/// The line of `text` that names `id`.
fn row<'a>(text: &'a str, id: &str) -> &'a str {
    text.lines()
        .find(|l| l.contains(id))
        .unwrap_or_else(|| panic!("no line with {id} in:\n{text}"))
}

#[test]
fn included_retired_rows_are_marked_in_every_format() {
    let t = retired();
    let report = |extra: &[&str]| {
        let mut a = vec!["report", "--include-retired"];
        a.extend(extra);
        t.then(&a).success().stdout
    };
    let table = report(&[]);
    assert!(table.contains("retired"), "{table}");
    assert!(table.contains("1 retired commitment is shown"), "{table}");
    let md = report(&["--format", "markdown"]);
    assert!(
        row(&md, "| uk-cps-3m |").contains("retired; overdue"),
        "{md}"
    );
    assert!(!row(&md, "| fr-mobile-unit |").contains("retired"), "{md}");
    let html = report(&["--format", "html"]);
    // A wide table is drawn in two halves, each row repeating the id: the flags are in one.
    assert!(
        html.split("</tr>")
            .any(|tr| tr.contains("uk-cps-3m<br>") && tr.contains("<td>retired<br>overdue")),
        "{html}"
    );
    assert!(
        !html
            .split("</tr>")
            .any(|tr| tr.contains("fr-mobile-unit<br>") && tr.contains("retired")),
    );
    let csv = report(&["--format", "csv"]);
    assert!(csv.lines().next().unwrap().ends_with(",retired"), "{csv}");
    assert!(row(&csv, "uk-cps-3m,").ends_with(",2026-11-01"), "{csv}");
    assert!(row(&csv, "fr-mobile-unit,").ends_with(','), "{csv}");
    let j: serde_json::Value = serde_json::from_str(&report(&["--format", "json"])).unwrap();
    let by_id = |id: &str| {
        j["commitments"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["id"] == id)
            .cloned()
            .unwrap()
    };
    assert_eq!(by_id("uk-cps-3m")["retired"], "2026-11-01");
    assert!(by_id("fr-mobile-unit")["retired"].is_null());
    // Over periods, list: the same mark.
    let q = report(&["--period", "quarterly", "--format", "markdown"]);
    assert!(row(&q, "| uk-cps-3m |").contains("retired"), "{q}");
    let qcsv = report(&["--period", "quarterly", "--format", "csv"]);
    assert!(qcsv.lines().next().unwrap().ends_with(",retired"));
    assert!(
        row(&qcsv, "uk-cps-3m,").ends_with(",no"),
        "not retired in 2025-Q1"
    );
    assert!(
        qcsv.lines()
            .filter(|l| l.starts_with("uk-cps-3m,"))
            .any(|l| l.contains(",2026-Q4,") && l.ends_with(",yes"))
    );
    let list = t
        .then(&["list", "--include-retired", "--format", "markdown"])
        .success()
        .stdout;
    assert!(row(&list, "| uk-cps-3m |").contains("retired"), "{list}");
    // A roll-up has no row per commitment: its note says how many retired ones it counts.
    let by = report(&["--by", "owner", "--format", "markdown"]);
    assert!(
        by.contains("1 retired commitment (no longer tracked) is counted in these groups"),
        "{by}"
    );
    // Without being asked, no row, no mark.
    let plain = t.then(&["report", "--format", "csv"]).success().stdout;
    assert!(!plain.contains("uk-cps-3m"), "{plain}");
    // The workbook has the column, the date typed as a date.
    t.then(&["report", "--include-retired", "-o", "r.xlsx"])
        .success();
    let xlsx = t.dir.path().join("r.xlsx");
    let read = Command::new("python3")
        .arg("-c")
        .arg("import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); print(''.join(z.read(n).decode() for n in z.namelist() if n.startswith('xl/')))")
        .arg(&xlsx)
        .output();
    match read {
        Ok(o) if o.status.success() => {
            let xml = String::from_utf8_lossy(&o.stdout);
            assert!(
                xml.contains(">retired<"),
                "the workbook has no retired column"
            );
            // 2026-11-01 is day 46327 of Excel's calendar.
            assert!(
                xml.contains("<v>46327</v>"),
                "the retirement date is not a date cell"
            );
        }
        _ => {
            assert!(std::env::var_os("CI").is_none(), "CI must have python3");
            eprintln!("SKIPPED: reading the workbook needs python3");
        }
    }
}

#[test]
fn bulletin_leaves_retired_commitments_out_unless_asked_and_lists_the_retirement() {
    let t = retired();
    let md = t
        .then(&["bulletin", "--period", "2026-Q4", "--format", "markdown"])
        .success()
        .stdout;
    assert!(
        !md.contains("| uk-cps-3m |"),
        "a retired row in the table:\n{md}"
    );
    assert!(
        md.contains("2 commitments: 1 announced, 1 in progress"),
        "{md}"
    );
    // What changed still says it was retired, and why.
    assert!(md.contains("Retired: no longer tracked"), "{md}");
    assert!(md.contains(REASON), "{md}");
    let j = t
        .then(&["bulletin", "--period", "2026-Q4", "--format", "json"])
        .success()
        .json();
    let ids: Vec<&str> = j["commitments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["fr-mobile-unit", "de-smuggling-law"]);
    let last = j["history"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(last["total"], 2, "{last}");
    // Asked for, it is counted and marked.
    let asked = t
        .then(&[
            "bulletin",
            "--period",
            "2026-Q4",
            "--format",
            "markdown",
            "--include-retired",
        ])
        .success()
        .stdout;
    assert!(row(&asked, "| uk-cps-3m |").contains("retired"), "{asked}");
    assert!(asked.contains("3 commitments"), "{asked}");
    // A bulletin for a period before the retirement counts it as it then was.
    let q3 = t
        .then(&["bulletin", "--period", "2026-Q3", "--format", "markdown"])
        .success()
        .stdout;
    assert!(q3.contains("| uk-cps-3m |"), "{q3}");
}

#[test]
fn site_leaves_retired_commitments_out_of_tables_and_data_but_keeps_their_page() {
    let t = retired();
    t.then(&["site", "out"]).success();
    let read = |p: &str| std::fs::read_to_string(t.dir.path().join("out").join(p)).unwrap();
    let index = read("index.html");
    assert!(
        !index.contains("uk-cps-3m"),
        "the index lists a retired commitment"
    );
    assert!(index.contains("fr-mobile-unit"));
    for data in ["data/commitments.csv", "data/commitments.json", "due.ics"] {
        assert!(!read(data).contains("uk-cps-3m"), "{data}");
    }
    let bulletin = read("bulletin/2026-Q4.html");
    assert!(
        bulletin.contains("Retired: no longer tracked"),
        "{bulletin}"
    );
    assert!(bulletin.contains(REASON));
    assert!(!bulletin.contains("<td>uk-cps-3m"));
    // Its own page says it was retired, when and why; the feed links to it.
    let page = read("c/uk-cps-3m.html");
    assert!(page.contains("Retired"), "{page}");
    assert!(page.contains(REASON), "{page}");
    assert!(page.contains("retired"), "{page}");
    let feed = read("feed.atom");
    assert!(
        feed.contains(REASON) && feed.contains("c/uk-cps-3m.html"),
        "{feed}"
    );
    // Asked for, the index and the data count it, marked.
    t.then(&["site", "all", "--include-retired"]).success();
    let all = std::fs::read_to_string(t.dir.path().join("all/index.html")).unwrap();
    assert!(all.contains("uk-cps-3m"));
    let csv = std::fs::read_to_string(t.dir.path().join("all/data/commitments.csv")).unwrap();
    assert!(row(&csv, "uk-cps-3m,").ends_with(",2026-11-01"), "{csv}");
}

/// The matrix leaves a retired child out unless asked; asked, its cell names it as retired.
#[test]
fn the_matrix_marks_a_retired_child_when_asked() {
    let t = Test::new().ledger(include_str!("fixtures/family.yaml"));
    t.then(&[
        "retire",
        "uk-finance-taskforce",
        "--reason",
        "Merged into the Italian taskforce",
        "--date",
        "2026-11-01",
    ])
    .success();
    let j = t
        .then(&["report", "--matrix", "--format", "json"])
        .success()
        .json();
    assert!(
        j["rows"][1]["cells"]["United Kingdom"].is_null(),
        "{}",
        j["rows"][1]
    );
    let j = t
        .then(&[
            "report",
            "--matrix",
            "--format",
            "json",
            "--include-retired",
        ])
        .success()
        .json();
    let cell = &j["rows"][1]["cells"]["United Kingdom"][0];
    assert_eq!(cell["id"], "uk-finance-taskforce");
    assert_eq!(cell["retired"], "2026-11-01");
    let md = t
        .then(&[
            "report",
            "--matrix",
            "--format",
            "markdown",
            "--include-retired",
        ])
        .success()
        .stdout;
    assert!(
        md.contains("Partial (uk-finance-taskforce; retired)"),
        "{md}"
    );
    let csv = t
        .then(&["report", "--matrix", "--format", "csv", "--include-retired"])
        .success()
        .stdout;
    assert!(
        row(&csv, "communique-money,").contains("partial (retired)"),
        "{csv}"
    );
}
