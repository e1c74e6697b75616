//! Reports over time, change digests, roll-ups and their formats: snapshots of the exact
//! output for a fixed ledger and "today" (so any change to what users see is reviewed),
//! and the rules each format must keep whatever the ledger holds.

use crate::harness::*;

const REPORTS: &str = include_str!("fixtures/reports.yaml");
const INJECTION: &str = include_str!("fixtures/injection.yaml");

/// A UTF-8 locale whatever the machine's, since tables and charts draw differently without.
fn t(ledger: &str) -> Test {
    Test::new().ledger(ledger).env("LC_ALL", "C.UTF-8")
}

/// Runs `args` on the report ledger and returns standard output.
fn out(args: &[&str]) -> String {
    t(REPORTS).args(args).run().success().stdout
}

macro_rules! snapshot {
    ($name:literal, $args:expr) => {
        insta::assert_snapshot!($name, out($args))
    };
}

#[test]
fn status_table() {
    snapshot!("report_table", &["report"]);
}

#[test]
fn status_as_of_an_earlier_date() {
    snapshot!("report_as_of", &["report", "--as-of", "2025-06-30"]);
}

#[test]
fn status_markdown() {
    snapshot!("report_markdown", &["report", "--format", "markdown"]);
}

#[test]
fn status_csv() {
    snapshot!("report_csv", &["report", "--format", "csv"]);
}

#[test]
fn status_json() {
    snapshot!("report_json", &["report", "--format", "json"]);
}

#[test]
fn status_html() {
    snapshot!("report_html", &["report", "--format", "html"]);
}

#[test]
fn quarterly_table() {
    snapshot!(
        "period_quarterly",
        &["report", "--period", "quarterly", "--from", "2025-01-01"]
    );
}

#[test]
fn monthly_markdown_over_a_window() {
    snapshot!(
        "period_monthly_markdown",
        &[
            "report",
            "--period",
            "monthly",
            "--from",
            "2025-03-01",
            "--to",
            "2025-08-15",
            "--format",
            "markdown"
        ]
    );
}

#[test]
fn yearly_csv_and_json() {
    snapshot!(
        "period_yearly_csv",
        &["report", "--period", "yearly", "--format", "csv"]
    );
    snapshot!(
        "period_yearly_json",
        &["report", "--period", "yearly", "--format", "json"]
    );
}

#[test]
fn history_with_chart() {
    snapshot!("history_quarterly", &["history", "--period", "quarterly"]);
}

#[test]
fn history_ascii() {
    let text = out(&["history", "--period", "quarterly", "--ascii"]);
    assert!(text.is_ascii(), "{text}");
    insta::assert_snapshot!("history_ascii", text);
}

#[test]
fn history_falls_back_to_ascii_without_a_utf8_locale() {
    let text = Test::new()
        .ledger(REPORTS)
        .env("LC_ALL", "C")
        .args(&["history", "--period", "yearly"])
        .run()
        .success()
        .stdout;
    assert!(text.is_ascii(), "{text}");
    assert!(text.contains("2025 |"), "{text}");
}

#[test]
fn history_json_and_monthly_counts() {
    snapshot!(
        "history_yearly_json",
        &["history", "--period", "yearly", "--format", "json"]
    );
    snapshot!(
        "history_quarterly_csv",
        &["history", "--period", "quarterly", "--format", "csv"]
    );
    let v: serde_json::Value =
        serde_json::from_str(&out(&["history", "--format", "json", "--to", "2025-08-31"])).unwrap();
    let periods = v["periods"].as_array().unwrap();
    assert_eq!(periods[0]["label"], "2025-01");
    assert_eq!(periods.last().unwrap()["label"], "2025-08");
    // July 2025: `fund` went partial then back to in-progress — a change, though it ends
    // where a later status puts it.
    let july = &periods[6];
    assert_eq!(july["label"], "2025-07");
    assert_eq!(july["changed"], 1);
    assert_eq!(july["counts"]["in-progress"], 2);
    assert_eq!(july["total"], 4);
}

#[test]
fn changes_digest() {
    snapshot!(
        "changes_table",
        &["changes", "--since", "2025-05-01", "--until", "2025-09-30"]
    );
    snapshot!(
        "changes_markdown",
        &["changes", "--since", "2025-05-01", "--format", "markdown"]
    );
    snapshot!(
        "changes_csv",
        &["changes", "--since", "2025-05-01", "--format", "csv"]
    );
    snapshot!(
        "changes_json",
        &["changes", "--since", "2025-09-01", "--format", "json"]
    );
}

/// The bulletin: one document for the quarter, on a fixed "today".
#[test]
fn bulletin_for_a_quarter() {
    snapshot!("bulletin_table", &["bulletin", "--period", "2025-Q3"]);
    snapshot!(
        "bulletin_markdown",
        &["bulletin", "--period", "2025-Q3", "--format", "markdown"]
    );
    snapshot!(
        "bulletin_html",
        &["bulletin", "--period", "2025-Q3", "--format", "html"]
    );
}

#[test]
fn bulletin_periods_and_windows() {
    let json = |args: &[&str]| -> serde_json::Value {
        let mut a = vec!["bulletin", "--format", "json"];
        a.extend(args);
        serde_json::from_str(&out(&a)).unwrap()
    };
    let q3 = json(&["--period", "2025-Q3"]);
    assert_eq!(
        (q3["from"].as_str(), q3["to"].as_str()),
        (Some("2025-07-01"), Some("2025-09-30"))
    );
    assert_eq!(q3["period"], "2025-Q3");
    // The status table is the one at the period's end; what changed is `changes` for it.
    let report: serde_json::Value = serde_json::from_str(&out(&[
        "report",
        "--as-of",
        "2025-09-30",
        "--format",
        "json",
    ]))
    .unwrap();
    assert_eq!(q3["commitments"], report["commitments"]);
    let changes: serde_json::Value = serde_json::from_str(&out(&[
        "changes",
        "--since",
        "2025-07-01",
        "--until",
        "2025-09-30",
        "--format",
        "json",
    ]))
    .unwrap();
    assert_eq!(q3["changes"], changes["commitments"]);
    let kinds: Vec<&str> = q3["changes"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|g| g["changes"].as_array().unwrap())
        .map(|c| c["kind"].as_str().unwrap())
        .collect();
    for kind in ["status", "evidence", "gap", "overdue"] {
        assert!(kinds.contains(&kind), "{kind} missing from {kinds:?}");
    }
    let month = json(&["--period", "2025-08"]);
    assert_eq!(
        (month["from"].as_str(), month["to"].as_str()),
        (Some("2025-08-01"), Some("2025-08-31"))
    );
    let year = json(&["--period", "2025"]);
    assert_eq!(year["to"], "2025-12-31");
    assert_eq!(
        year["history"][0]["label"], "2025-Q1",
        "a year's counts by quarter"
    );
    let window = json(&["--from", "2025-07-15", "--to", "2025-08-15"]);
    assert_eq!(window["period"], "2025-07-15 to 2025-08-15");
    // The current quarter runs to today.
    assert_eq!(json(&["--period", "2026-Q4"])["to"], "2026-11-22");
    t(REPORTS)
        .args(&["bulletin", "--period", "2027-Q1"])
        .run()
        .failure(1)
        .stderr_has("--period 2027-Q1 has not started yet (today is 2026-11-22)");
    t(REPORTS)
        .args(&["bulletin", "--period", "2025-07-15"])
        .run()
        .failure(1)
        .stderr_has("give a month (2026-07), a quarter (2026-Q3) or a year (2026)");
    t(REPORTS).args(&["bulletin"]).run().failure(2);
}

#[test]
fn changes_in_an_empty_window() {
    t(REPORTS)
        .args(&["changes", "--since", "2026-06-01", "--until", "2026-07-01"])
        .run()
        .success()
        .stdout_has("Nothing changed, and nothing was found, from 2026-06-01 to 2026-07-01.");
}

fn changes_json(args: &[&str]) -> Vec<(String, String, String)> {
    let mut a = vec!["changes"];
    a.extend(args);
    a.extend(["--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&out(&a)).unwrap();
    v["commitments"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|g| {
            g["changes"].as_array().unwrap().iter().map(|c| {
                (
                    g["id"].as_str().unwrap().to_string(),
                    c["date"].as_str().unwrap().to_string(),
                    c["kind"].as_str().unwrap().to_string(),
                )
            })
        })
        .collect()
}

/// "Silence is a finding": a gap recorded in the window is a change, and so are a commitment
/// becoming overdue (the day after its due date) and becoming stale.
#[test]
fn changes_include_gaps_and_newly_overdue_and_stale() {
    let got = changes_json(&["--since", "2025-07-01", "--until", "2025-09-30"]);
    let has = |id: &str, date: &str, kind: &str| {
        got.contains(&(id.to_string(), date.to_string(), kind.to_string()))
    };
    assert!(has("fund", "2025-09-01", "gap"), "{got:?}");
    assert!(has("unit", "2025-07-01", "overdue"), "{got:?}");
    // Overdue before the window is not news in it.
    let later = changes_json(&["--since", "2025-07-02", "--until", "2025-09-30"]);
    assert!(
        !later.iter().any(|c| c.2 == "overdue" && c.0 == "unit"),
        "{later:?}"
    );
    // `fund`'s newest record is the gap checked 2025-09-01: stale 180 days later.
    let stale = changes_json(&["--since", "2026-01-01", "--until", "2026-03-31"]);
    assert!(
        stale.contains(&("fund".into(), "2026-02-28".into(), "stale".into())),
        "{stale:?}"
    );
    // Closed commitments never become stale (`taskforce` was abandoned 2025-09-15).
    assert!(!stale.iter().any(|c| c.0 == "taskforce"), "{stale:?}");
}

/// What was found late reaches the next digest: an event dated in September but recorded in
/// November is not in a window by date from October, and is with --recorded-since.
#[test]
fn changes_recorded_since_take_late_finds() {
    let test = t(REPORTS);
    test.then(&[
        "update",
        "law",
        "--status",
        "delivered",
        "--date",
        "2025-09-01",
        "--unsourced",
        "--note",
        "Found late: confirmed in September.",
    ])
    .success();
    let digest = |args: &[&str]| {
        let mut a = vec!["changes", "--format", "json"];
        a.extend(args);
        let v: serde_json::Value = serde_json::from_str(&test.then(&a).success().stdout).unwrap();
        v
    };
    let late = |v: &serde_json::Value| {
        v["commitments"].as_array().unwrap().iter().any(|g| {
            g["changes"].as_array().unwrap().iter().any(|c| {
                c["note"] == "Found late: confirmed in September." && c["recorded"] == "2026-11-22"
            })
        })
    };
    assert!(!late(&digest(&["--since", "2026-10-01"])));
    let both = digest(&["--since", "2026-10-01", "--recorded-since", "2026-11"]);
    assert!(late(&both), "{both}");
    assert_eq!(both["recorded_since"], "2026-11-01");
    let only = digest(&["--recorded-since", "2026-11-22"]);
    assert!(late(&only), "{only}");
    assert_eq!(only["since"], serde_json::Value::Null);
    // Evidence recorded (accessed) before the day is not taken by it.
    let ids: Vec<&str> = only["commitments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["law"], "{only}");
    test.then(&["changes"])
        .failure(2)
        .stderr_has("--since <DATE>");
}

#[test]
fn changes_window_must_run_forwards() {
    t(REPORTS)
        .args(&["changes", "--since", "2025-09-01", "--until", "2025-08-01"])
        .run()
        .failure(1)
        .stderr_has("--since 2025-09-01 is after --until 2025-08-01");
}

/// Without --until the window ends today; a --since after it is in the future, and the message
/// must not name the --until nobody gave.
#[test]
fn changes_since_in_the_future_says_so() {
    let test = t(REPORTS);
    let before = test.file_bytes();
    let err = test
        .then(&["changes", "--since", "2027-01-01"])
        .failure(1)
        .stderr;
    assert!(
        err.contains("--since 2027-01-01 is in the future (after today, 2026-11-22)"),
        "{err}"
    );
    assert!(!err.contains("--until"), "{err}");
    assert_eq!(test.file_bytes(), before);
    // Today itself is a window of one day.
    test.then(&["changes", "--since", "2026-11-22"]).success();
    // The same for history and report --period, whose --to defaults to today.
    for args in [
        &["history", "--from", "2027-01-01"][..],
        &["report", "--period", "yearly", "--from", "2027-01-01"],
    ] {
        let err = test.then(args).failure(1).stderr;
        assert!(
            err.contains("--from 2027-01-01 is in the future (after today, 2026-11-22)"),
            "{args:?}: {err}"
        );
        assert!(!err.contains("--to"), "{args:?}: {err}");
    }
    // A --to before every commitment, with no --from, names what the start was taken from.
    let err = test
        .then(&["history", "--to", "2020-01-01"])
        .failure(1)
        .stderr;
    assert!(
        err.contains("--to 2020-01-01 is before the earliest commitment was made"),
        "{err}"
    );
    assert_eq!(test.file_bytes(), before);
}

#[test]
fn rollups() {
    snapshot!("by_owner", &["report", "--by", "owner"]);
    snapshot!("by_tag_csv", &["report", "--by", "tag", "--format", "csv"]);
    snapshot!(
        "by_status_json",
        &["report", "--by", "status", "--format", "json"]
    );
}

/// CSV is tidy: a spreadsheet's sum over the groups must not count everything twice, so the
/// "All commitments" row is there only with --totals.
#[test]
fn rollup_csv_has_totals_only_when_asked() {
    let plain = out(&["report", "--by", "owner", "--format", "csv"]);
    assert!(!plain.contains("All commitments"), "{plain}");
    let totals = out(&["report", "--by", "owner", "--format", "csv", "--totals"]);
    assert_eq!(
        totals,
        format!("{plain}All commitments,4,0,1,0,1,1,1,2,2,0.4375,43.75,3000000,,,\r\n")
    );
    // People's tables keep the total: it is what they read first.
    assert!(out(&["report", "--by", "owner"]).contains("All commitments"));
    t(REPORTS)
        .args(&["report", "--totals"])
        .run()
        .failure(2)
        .stderr_has("--by");
}

#[test]
fn flags_follow_the_stale_limit() {
    let v: serde_json::Value = serde_json::from_str(&out(&["report", "--format", "json"])).unwrap();
    let stale = |v: &serde_json::Value| -> Vec<String> {
        v["commitments"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|c| c["stale"] == true)
            .map(|c| c["id"].as_str().unwrap().to_string())
            .collect()
    };
    // `law` has evidence from 2026-10-01; the rest have nothing newer than 2025-09, but
    // `taskforce` was abandoned: closed, so it needs no fresh look.
    assert_eq!(stale(&v), ["unit", "fund"]);
    let overdue: Vec<&str> = v["commitments"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["overdue"] == true)
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        overdue,
        ["unit", "fund"],
        "past due and open; `law` has no due date"
    );
    let v: serde_json::Value = serde_json::from_str(&out(&[
        "report",
        "--format",
        "json",
        "--stale-after",
        "500",
    ]))
    .unwrap();
    assert_eq!(stale(&v), Vec::<String>::new());
    assert_eq!(v["stale_after_days"], 500);
}

/// Wherever a report takes a date it takes a period by name: `--as-of 2025-Q3` is the
/// quarter's last day, `--since 2025-07` the month's first, `--to 2025` the year's last; a
/// period not over yet ends today.
#[test]
fn periods_by_name_wherever_a_report_takes_a_date() {
    let same = |named: &[&str], dated: &[&str]| {
        let mut a = named.to_vec();
        a.extend(["--format", "json"]);
        let mut b = dated.to_vec();
        b.extend(["--format", "json"]);
        assert_eq!(out(&a), out(&b), "{named:?} is {dated:?}");
    };
    same(
        &["report", "--as-of", "2025-Q3"],
        &["report", "--as-of", "2025-09-30"],
    );
    same(
        &["report", "--as-of", "2026-Q4"],
        &["report", "--as-of", "2026-11-22"],
    );
    same(
        &["list", "--as-of", "2025-06"],
        &["list", "--as-of", "2025-06-30"],
    );
    same(
        &["changes", "--since", "2025-07", "--until", "2025Q3"],
        &["changes", "--since", "2025-07-01", "--until", "2025-09-30"],
    );
    same(
        &[
            "history",
            "--from",
            "2025",
            "--to",
            "2025",
            "--period",
            "quarterly",
        ],
        &[
            "history",
            "--from",
            "2025-01-01",
            "--to",
            "2025-12-31",
            "--period",
            "quarterly",
        ],
    );
    same(
        &[
            "report", "--period", "monthly", "--from", "2025-Q2", "--to", "2025-Q2",
        ],
        &[
            "report",
            "--period",
            "monthly",
            "--from",
            "2025-04-01",
            "--to",
            "2025-06-30",
        ],
    );
    let v: serde_json::Value =
        serde_json::from_str(&out(&["report", "--as-of", "2025-Q3", "--format", "json"])).unwrap();
    assert_eq!(v["as_of"], "2025-09-30");
    t(REPORTS)
        .args(&["report", "--as-of", "2025-13"])
        .run()
        .failure(2)
        .stderr_has("`2025-13` names no month: there is no month 13");
}

/// Stale means "needs a fresh look": a delivered commitment needs none, however old its
/// evidence, so it is not counted in any stale flag or stale total.
#[test]
fn a_closed_commitment_is_never_stale() {
    // On 2026-09-30 `law` (delivered 2025-05-20) had nothing newer than 2025-05-20.
    let v: serde_json::Value = serde_json::from_str(&out(&[
        "report",
        "--as-of",
        "2026-09-30",
        "--format",
        "json",
    ]))
    .unwrap();
    let law = v["commitments"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "law")
        .unwrap();
    assert_eq!(law["status"], "delivered");
    assert_eq!(law["last_checked"], "2025-05-20");
    assert_eq!(law["stale"], false, "{law}");
    let h: serde_json::Value = serde_json::from_str(&out(&[
        "history",
        "--period",
        "yearly",
        "--from",
        "2026-01-01",
        "--to",
        "2026-09-30",
        "--format",
        "json",
    ]))
    .unwrap();
    let period = &h["periods"][0];
    let open_and_stale = v["commitments"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["stale"] == true)
        .count();
    assert_eq!(period["stale"], open_and_stale, "{period}");
}

#[test]
fn list_keeps_working_in_every_format() {
    snapshot!(
        "list_markdown",
        &["list", "--tag", "uk", "--format", "markdown"]
    );
    let json = out(&["list", "--format", "json", "--overdue"]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(
        v.as_array().unwrap().len(),
        2,
        "list --format json stays a bare array"
    );
    t(REPORTS)
        .args(&["list", "--status", "delivered"])
        .run()
        .success()
        .stdout_has("law")
        .stdout_has("1 commitment: 1 delivered");
}

#[test]
fn output_is_byte_for_byte_reproducible() {
    for args in [
        &["report", "--format", "html"][..],
        &["report", "--period", "monthly", "--format", "html"],
        &["history", "--format", "html"],
        &["changes", "--since", "2025-01-01", "--format", "html"],
        &["report", "--by", "tag", "--format", "html"],
    ] {
        assert_eq!(out(args), out(args), "{args:?}");
    }
}

#[test]
fn output_file_extension_picks_the_format() {
    let test = t(REPORTS);
    for (name, starts) in [
        ("r.html", "<!DOCTYPE html>"),
        ("r.md", "# Report test ledger"),
        ("r.csv", "id,title,owner"),
        ("r.json", "{"),
        ("r.txt", "Report test ledger"),
    ] {
        let o = test.then(&["report", "-o", name]).success();
        assert!(o.stdout.is_empty(), "{name}: {}", o.stdout);
        assert!(o.stderr.contains(&format!("Wrote {name}")), "{}", o.stderr);
        let text = std::fs::read_to_string(test.dir.path().join(name)).unwrap();
        assert!(text.starts_with(starts), "{name}: {text}");
    }
    // --format wins over the extension, and a file is the same text as standard output.
    test.then(&["history", "--format", "csv", "-o", "h.txt"])
        .success();
    let file = std::fs::read_to_string(test.dir.path().join("h.txt")).unwrap();
    assert_eq!(
        file,
        test.then(&["history", "--format", "csv"]).success().stdout
    );
}

/// Excel reads a CSV as UTF-8 only when it starts with a byte-order mark; other readers take
/// the mark as part of the first header, so it is written only when asked for, and only in CSV.
#[test]
fn bom_is_opt_in_and_only_for_csv() {
    let test = t(REPORTS);
    let bom = "\u{feff}";
    let plain = test.then(&["report", "--format", "csv"]).success().stdout;
    assert!(plain.starts_with("id,title,owner"), "{plain}");
    let marked = test
        .then(&["report", "--format", "csv", "--bom"])
        .success()
        .stdout;
    assert_eq!(marked, format!("{bom}{plain}"));
    // In a file, on every report command, and nothing else about the CSV changes.
    for (name, args) in [
        ("r.csv", &["report"][..]),
        ("l.csv", &["list"]),
        ("h.csv", &["history"]),
        ("c.csv", &["changes", "--since", "2025-01-01"]),
    ] {
        test.then(&[args, &["--bom", "-o", name]].concat())
            .success();
        let bytes = std::fs::read(test.dir.path().join(name)).unwrap();
        let text = String::from_utf8(bytes).unwrap();
        let stdout = test
            .then(&[args, &["--format", "csv"]].concat())
            .success()
            .stdout;
        assert_eq!(text, format!("{bom}{stdout}"), "{args:?}");
    }
    // Other formats are left as they are.
    for format in ["json", "markdown", "html", "table"] {
        let out = test
            .then(&["report", "--format", format, "--bom"])
            .success()
            .stdout;
        assert!(!out.starts_with(bom), "{format}: {out}");
        assert_eq!(
            out,
            test.then(&["report", "--format", format]).success().stdout,
            "{format}"
        );
    }
}

#[test]
fn output_file_refusals() {
    let test = t(REPORTS);
    test.then(&["report", "-o", "r.pdf"])
        .failure(1)
        .stderr_has("cannot tell the format from the name r.pdf");
    let before = test.file();
    test.then(&["report", "--format", "table", "-o", "commitments.yaml"])
        .failure(1)
        .stderr_has("is the ledger itself");
    assert_eq!(test.file(), before);
}

#[test]
fn colour_only_when_asked_and_never_with_no_color_or_in_files() {
    let test = t(REPORTS).env("NO_COLOR", "");
    let coloured = test.then(&["--color", "always", "report"]).success().stdout;
    assert!(coloured.contains("\x1b["), "{coloured}");
    let chart = test
        .then(&["--color", "always", "history", "--period", "yearly"])
        .success()
        .stdout;
    assert!(chart.contains("\x1b[32m░"), "delivered in green:\n{chart}");
    let plain = test.then(&["report"]).success().stdout;
    assert!(!plain.contains('\x1b'), "not a terminal: no colour");
    // A flag wins over NO_COLOR (https://no-color.org); `never` wins over a terminal.
    let test = test.env("NO_COLOR", "1");
    assert!(
        test.then(&["--color", "always", "report"])
            .success()
            .stdout
            .contains('\x1b')
    );
    let test = t(REPORTS).env("NO_COLOR", "");
    test.then(&["--color", "always", "report", "-o", "r.txt"])
        .success();
    let file = std::fs::read_to_string(test.dir.path().join("r.txt")).unwrap();
    assert!(!file.contains('\x1b'), "{file}");
}

/// 2.5 points of 4 is 62.5%: people round that half up, to 63%, and the score 0.625 to
/// 0.63 (Rust's formatting alone rounds half to even: 62%, 0.62).
#[test]
fn a_half_rounds_away_from_zero() {
    let t = Test::new();
    t.then(&["init"]).success();
    for id in ["c-a", "c-b", "c-c", "c-d"] {
        t.then(&[
            "add",
            id,
            "--title",
            "T",
            "--owner",
            "O",
            "--made",
            "2025-03-31",
        ])
        .success();
    }
    for (id, status) in [
        ("c-a", "delivered"),
        ("c-b", "delivered"),
        ("c-c", "in-progress"),
    ] {
        t.then(&[
            "update",
            id,
            "--status",
            status,
            "--unsourced",
            "--note",
            "n",
        ])
        .success();
    }
    t.then(&["report"])
        .success()
        .stdout_has("average score 0.63 (63%)");
}

#[test]
fn argument_mistakes() {
    t(REPORTS)
        .args(&[
            "report",
            "--period",
            "quarterly",
            "--from",
            "2026-01-01",
            "--to",
            "2025-01-01",
        ])
        .run()
        .failure(1)
        .stderr_has("--from 2026-01-01 is after --to 2025-01-01");
    t(REPORTS)
        .args(&["report", "--from", "2025-01-01"])
        .run()
        .failure(2);
    t(REPORTS)
        .args(&["report", "--period", "weekly"])
        .run()
        .failure(2);
    t(REPORTS)
        .args(&["report", "--by", "owner", "--period", "yearly"])
        .run()
        .failure(2);
    t(REPORTS).args(&["changes"]).run().failure(2);
}

mod presets {
    use super::*;

    /// A G7-style ledger made with the CLI: two commitments, one fully complied with, one
    /// in part.
    fn g7() -> Test {
        let test = Test::new().env("LC_ALL", "C.UTF-8");
        test.then(&["init", "--preset", "g7", "--title", "G7 test"])
            .success();
        for id in ["a", "b"] {
            test.then(&[
                "add",
                id,
                "--title",
                "T",
                "--owner",
                "O",
                "--made",
                "2025-03-31",
            ])
            .success();
        }
        test.then(&[
            "update",
            "a",
            "--status",
            "full-compliance",
            "--date",
            "2025-06-01",
            "--evidence-url",
            "https://example.org/a",
            "--evidence-title",
            "A",
        ])
        .success();
        test.then(&[
            "update",
            "b",
            "--status",
            "partial-compliance",
            "--date",
            "2025-06-01",
            "--evidence-url",
            "https://example.org/b",
            "--evidence-title",
            "B",
        ])
        .success();
        test
    }

    #[test]
    fn g7_reports_the_research_groups_percentage() {
        let test = g7();
        assert!(test.file().contains("score: -1"), "{}", test.file());
        let v: serde_json::Value = serde_json::from_str(
            &test
                .then(&["report", "--by", "status", "--format", "json"])
                .success()
                .stdout,
        )
        .unwrap();
        // Scores +1 and 0: average 0.5, reported as (0.5 + 1) / 2 = 75%.
        assert_eq!(v["all"]["average_score"], 0.5);
        assert_eq!(v["all"]["percent"], 75.0);
        assert_eq!(v["statuses"][0]["key"], "no-compliance");
        let text = test.then(&["report", "--by", "owner"]).success().stdout;
        assert!(text.contains("0.50") && text.contains("75%"), "{text}");
        // Before any action both stood at -1: 0%.
        let v: serde_json::Value = serde_json::from_str(
            &test
                .then(&["history", "--period", "quarterly", "--format", "json"])
                .success()
                .stdout,
        )
        .unwrap();
        assert_eq!(v["periods"][0]["label"], "2025-Q1");
        assert_eq!(v["periods"][0]["percent"], 0.0);
        assert_eq!(v["periods"][1]["percent"], 75.0);
    }

    #[test]
    fn every_preset_starts_new_commitments_in_its_first_status() {
        for (preset, first) in [
            ("default", "announced"),
            ("politifact", "not-yet-rated"),
            ("ogp", "not-started"),
            ("g7", "no-compliance"),
        ] {
            let test = Test::new();
            test.then(&["init", "--preset", preset]).success();
            assert!(test.file().contains("statuses:"), "{preset}");
            test.then(&[
                "add",
                "x",
                "--title",
                "T",
                "--owner",
                "O",
                "--made",
                "2025-03-31",
            ])
            .success();
            assert!(
                test.file().contains(&format!("status: {first}")),
                "{preset}:\n{}",
                test.file()
            );
            test.then(&["check"]).success();
        }
        Test::new()
            .args(&["init", "--preset", "nope"])
            .run()
            .failure(2);
    }

    #[test]
    fn reports_speak_the_ledgers_vocabulary() {
        let test = g7();
        let text = test.then(&["report"]).success().stdout;
        assert!(
            text.contains("Full compliance") && text.contains("Partial compliance"),
            "{text}"
        );
        assert!(
            text.contains("No compliance -1"),
            "the scale note states the scores:\n{text}"
        );
    }
}

mod injection {
    //! Hostile ledger text: a spreadsheet formula, a script, a Markdown pipe and a terminal
    //! escape, in titles, owners, quotes and notes.
    use super::*;

    fn run(args: &[&str]) -> String {
        t(INJECTION).args(args).run().success().stdout
    }

    #[test]
    fn terminal_tables_strip_escapes() {
        for args in [
            &["report"][..],
            &["changes", "--since", "2025-01-01"],
            &["history"],
            &["report", "--period", "monthly"],
            &["report", "--by", "owner"],
            &["list"],
            &["show", "hostile"],
        ] {
            let text = run(args);
            assert!(!text.contains('\x1b'), "{args:?}:\n{text}");
            assert!(
                !text.contains("[31m"),
                "the whole sequence goes: {args:?}:\n{text}"
            );
        }
    }

    #[test]
    fn csv_neutralises_formulas_unless_raw() {
        let text = run(&["report", "--format", "csv"]);
        assert!(text.contains("\"'=HYPERLINK(\"\"http://x\"\")\""), "{text}");
        let text = run(&["changes", "--since", "2025-01-01", "--format", "csv"]);
        assert!(text.contains(",'-2+3 and @SUM(A1),"), "{text}");
        assert!(!text.contains('\x1b'), "{text}");
        let raw = run(&["report", "--format", "csv", "--csv-raw"]);
        assert!(raw.contains("\"=HYPERLINK(\"\"http://x\"\")\""), "{raw}");
    }

    #[test]
    fn html_escapes_everything() {
        let text = run(&["report", "--format", "html"]);
        for bad in ["<script>", "<img", "<b>", "\x1b"] {
            assert!(!text.contains(bad), "{bad:?} in:\n{text}");
        }
        assert!(text.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assert!(text.contains("&lt;img src=x onerror=alert(1)&gt;"));
        assert!(text.contains("Content-Security-Policy"));
        // The quote's Markdown link to a javascript: address stays text, never a link.
        assert!(text.contains("[a link](javascript:alert(1))"), "{text}");
        assert!(!text.to_lowercase().contains("href=\"javascript"));
        let digest = run(&["changes", "--since", "2025-01-01", "--format", "html"]);
        assert!(!digest.contains("<script>") && digest.contains("&lt;script&gt;alert(2)"));
    }

    #[test]
    fn markdown_escapes_pipes_markup_and_newlines() {
        let text = run(&["changes", "--since", "2025-01-01", "--format", "markdown"]);
        assert!(text.contains("\\<script\\>alert(2)\\</script\\>"), "{text}");
        assert!(text.contains("second \\| line"), "{text}");
        // No raw HTML (cmark's safe mode would drop it): a text of several lines is listed
        // under the table, each line ended by a hard break, its cell pointing to it.
        assert!(!text.contains("<br>"), "{text}");
        assert!(text.contains("| \\[1\\] |"), "{text}");
        assert!(
            text.contains("\n- \\[1\\] “line one\\\n  line two"),
            "{text}"
        );
        assert!(!text.contains('\x1b'));
        // Every table row has as many cells as the header.
        for line in text.lines().filter(|l| l.starts_with('|')) {
            let cells = line.replace("\\|", "").matches('|').count();
            assert_eq!(cells, 5, "{line}");
        }
    }

    #[test]
    fn json_keeps_the_text_exactly() {
        let v: serde_json::Value =
            serde_json::from_str(&run(&["report", "--format", "json"])).unwrap();
        assert_eq!(v["commitments"][0]["title"], "=HYPERLINK(\"http://x\")");
        assert_eq!(v["commitments"][0]["owner"], "<script>alert(1)</script>");
    }

    #[test]
    fn javascript_urls_never_reach_a_report() {
        let hostile = INJECTION.replace("https://example.org/e", "javascript:alert(1)");
        Test::new()
            .ledger(&hostile)
            .args(&["report", "--format", "html"])
            .run()
            .failure(1)
            .stderr_has("is not a web address");
    }
}

#[test]
fn narrow_terminals_get_whole_words_and_split_tables() {
    for args in [
        &["report", "--period", "monthly"][..],
        &["history", "--period", "monthly"],
        &["report", "--by", "tag"],
        &["report"],
    ] {
        let text = t(REPORTS)
            .env("COLUMNS", "80")
            .args(args)
            .run()
            .success()
            .stdout;
        for line in text.lines().filter(|l| l.starts_with(['┌', '│', '└', '╞'])) {
            assert!(line.chars().count() <= 80, "{args:?}: {line}");
        }
        for word in ["Announced", "progress", "Delivered", "Abandoned"] {
            let broken = &word[..word.len() - 2];
            assert_eq!(
                text.matches(broken).count(),
                text.matches(word).count(),
                "{args:?}: `{word}` broken:\n{text}"
            );
        }
    }
    // Months from January 2025 to November 2026 cannot share one 80-column table: they are
    // split over several, each repeating the commitment and its owner.
    let text = out(&["report", "--period", "quarterly"]);
    assert_eq!(
        text.matches("│ Commitment").count(),
        1,
        "COLUMNS=200 fits eight quarters in one table"
    );
    let narrow = t(REPORTS)
        .env("COLUMNS", "80")
        .args(&["report", "--period", "monthly"])
        .run()
        .success()
        .stdout;
    assert!(narrow.matches("│ Commitment").count() > 2, "{narrow}");
    // Every month is a column of exactly one of them.
    for year in [2025, 2026] {
        for month in 1..=12 {
            let label = format!("┆ {year}-{month:02} ");
            let want = usize::from(year == 2025 || month <= 11);
            assert_eq!(narrow.matches(&label).count(), want, "{label}:\n{narrow}");
        }
    }
}

/// A gap is a search made on its `checked` date: a report as of an earlier date must not
/// claim it (the `gap` flag, the JSON count), while one on or after that date must.
#[test]
fn gaps_count_only_from_the_day_they_were_checked() {
    let gaps = |as_of: &str| -> i64 {
        let v = t(REPORTS)
            .args(&["report", "--as-of", as_of, "--format", "json"])
            .run()
            .success()
            .json();
        let rows = v["commitments"].as_array().expect("commitments");
        let fund = rows.iter().find(|r| r["id"] == "fund").expect("fund row");
        fund["gaps"].as_i64().expect("gaps count")
    };
    assert_eq!(gaps("2025-08-31"), 0, "the gap was checked on 2025-09-01");
    assert_eq!(gaps("2025-09-01"), 1);
    t(REPORTS)
        .args(&["list", "--as-of", "2025-08-31"])
        .run()
        .success()
        .stdout_lacks("gap");
    t(REPORTS)
        .args(&["list", "--as-of", "2025-09-01"])
        .run()
        .success()
        .stdout_has("gap");
}

/// The words of a terminal table's cells, line by line (borders and separators dropped).
fn cell_words(text: &str) -> Vec<String> {
    text.lines()
        .filter(|l| l.starts_with(['│', '|']))
        .flat_map(|l| {
            l.split(['│', '┆', '|'])
                .flat_map(str::split_whitespace)
                .map(String::from)
                .collect::<Vec<_>>()
        })
        .collect()
}

#[test]
fn ids_are_never_broken_and_words_wrap_at_spaces_at_80_columns_and_more() {
    let shipped = include_str!("../commitments.yaml");
    let ids: Vec<&str> = shipped
        .lines()
        .filter_map(|l| l.strip_prefix("  - id: "))
        .collect();
    assert!(ids.contains(&"uk-it-finance-taskforce"), "{ids:?}");
    // The commitments with a parent: the status tables indent them under it with `→ `.
    let mut children = std::collections::HashSet::new();
    let mut current = "";
    for l in shipped.lines() {
        if let Some(id) = l.strip_prefix("  - id: ") {
            current = id;
        } else if l.starts_with("    parent: ") {
            children.insert(current);
        }
    }
    assert!(children.contains("uk-sanctions-regime"), "{children:?}");
    for args in [
        &["report"][..],
        &["list"],
        &["report", "--period", "monthly"],
    ] {
        // Nothing wraps this wide: every word a narrower table may show.
        let wide = t(shipped)
            .env("COLUMNS", "1000")
            .args(args)
            .run()
            .success()
            .stdout;
        let words: std::collections::HashSet<String> = cell_words(&wide).into_iter().collect();
        for width in [80, 100] {
            let text = t(shipped)
                .env("COLUMNS", &width.to_string())
                .args(args)
                .run()
                .success()
                .stdout;
            for line in text.lines().filter(|l| l.starts_with(['┌', '│', '└', '╞'])) {
                assert!(line.chars().count() <= width, "{args:?} at {width}: {line}");
            }
            // Each id starts a row, whole, where people copy it from.
            for id in &ids {
                assert!(
                    text.contains(&format!("│ {id} "))
                        || (children.contains(id) && text.contains(&format!("│ → {id} "))),
                    "{args:?} at {width}: `{id}` broken:\n{text}"
                );
            }
            // Titles and owners wrap at spaces: no cell holds part of a word.
            for word in cell_words(&text) {
                assert!(
                    words.contains(&word),
                    "{args:?} at {width}: `{word}` is part of a word:\n{text}"
                );
            }
        }
    }
}

#[test]
fn notes_wrap_at_spaces_to_the_tables_width_and_only_when_there_is_one() {
    let flags = "Flags: overdue = due date passed and not in a closed status;";
    for width in [80, 100] {
        let text = t(REPORTS)
            .env("COLUMNS", &width.to_string())
            .args(&["report"])
            .run()
            .success()
            .stdout;
        for line in text.lines() {
            assert!(line.chars().count() <= width, "at {width}: {line}");
        }
        // Broken at spaces: joined again, the note reads as written.
        let note = text
            .split("\n\n")
            .find(|p| p.starts_with("Flags:"))
            .expect("flags note");
        assert!(note.lines().count() > 1, "{note}");
        assert!(
            note.replace('\n', " ")
                .contains(&format!("{flags} stale = not in a closed status"))
        );
    }
    // Piped (as here) with no `COLUMNS`: nothing says how wide, so nothing is wrapped.
    let piped = t(REPORTS)
        .env("COLUMNS", "")
        .args(&["report"])
        .run()
        .success()
        .stdout;
    assert!(
        piped
            .lines()
            .any(|l| l.starts_with(flags) && l.ends_with("not found.")),
        "{piped}"
    );
}

#[test]
fn ascii_output_is_ascii_bytes_only() {
    // The ledger's own text is ASCII here, so anything else would be the program's drawing:
    // borders, chart bars, `—` for no value, `→` between statuses, curly quotes.
    let commands: [&[&str]; 7] = [
        &["report"],
        &["list"],
        &["show", "unit"],
        &["changes", "--since", "2025-01-01"],
        &["history"],
        &["report", "--period", "quarterly"],
        &["report", "--by", "owner"],
    ];
    for args in commands {
        let unicode = out(args);
        assert!(
            !unicode.is_ascii(),
            "{args:?} has nothing to replace:\n{unicode}"
        );
        for (locale, ascii) in [("C.UTF-8", true), ("C", false)] {
            let mut all: Vec<&str> = args.to_vec();
            if ascii {
                all.push("--ascii");
            }
            let text = t(REPORTS)
                .env("LC_ALL", locale)
                .args(&all)
                .run()
                .success()
                .stdout;
            let bad: String = text.chars().filter(|c| !c.is_ascii()).collect();
            assert!(bad.is_empty(), "{all:?} in {locale}: {bad:?}\n{text}");
        }
    }
    let changes = t(REPORTS)
        .args(&["changes", "--since", "2025-01-01", "--ascii"])
        .run()
        .success()
        .stdout;
    assert!(changes.contains("Announced -> "), "{changes}");
    let report = out(&["report", "--ascii"]);
    assert!(
        report.contains("| -          |"),
        "no date is `-`:\n{report}"
    );
}

#[test]
fn headings_and_show_fit_the_width_without_breaking_words() {
    let shipped = include_str!("../commitments.yaml");
    for args in [
        &["show", "de-smuggling-law"][..],
        &["show", "uk-cps-3m"],
        &["changes", "--since", "2025-01-01"],
    ] {
        let wide = t(shipped)
            .env("COLUMNS", "")
            .args(args)
            .run()
            .success()
            .stdout;
        for width in [80, 100] {
            let text = t(shipped)
                .env("COLUMNS", &width.to_string())
                .args(args)
                .run()
                .success()
                .stdout;
            for line in text.lines() {
                assert!(line.chars().count() <= width, "{args:?} at {width}: {line}");
            }
            // Outside the tables, lines are broken at spaces only: the same words.
            let words = |s: &str| -> Vec<String> {
                s.lines()
                    .filter(|l| !l.starts_with(['┌', '│', '└', '╞', '├']))
                    .flat_map(str::split_whitespace)
                    .map(String::from)
                    .collect()
            };
            assert_eq!(words(&text), words(&wide), "{args:?} at {width}");
        }
    }
}
