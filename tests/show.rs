//! `show` goes through the same report pipeline as every reading command: snapshots of one
//! record in each format, `-o FILE` with the format from its extension, and the refusals the
//! other reports make.

use crate::harness::*;

const FAMILY: &str = include_str!("fixtures/family.yaml");

fn t(ledger: &str) -> Test {
    Test::new().ledger(ledger).env("COLUMNS", "100")
}

#[test]
fn show_table_of_a_record_with_gaps() {
    let out = t(SAMPLE)
        .args(&["show", "fr-mobile-unit"])
        .run()
        .success()
        .stdout;
    insta::assert_snapshot!("show_table_gaps", out);
}

#[test]
fn show_table_of_a_parent_with_its_children() {
    let out = t(FAMILY)
        .args(&["show", "communique-smuggling"])
        .run()
        .success()
        .stdout;
    insta::assert_snapshot!("show_table_parent", out);
}

#[test]
fn show_in_every_format() {
    for format in ["markdown", "html", "csv"] {
        let out = t(FAMILY)
            .args(&["show", "communique-smuggling", "--format", format])
            .run()
            .success()
            .stdout;
        insta::assert_snapshot!(format!("show_{format}"), out);
    }
    // JSON keeps the fields it always had (docs/file-format.md, JSON output).
    let j = t(FAMILY)
        .args(&["show", "communique-smuggling", "--format", "json"])
        .run()
        .success()
        .json();
    assert_eq!(j["commitment"]["id"], "communique-smuggling");
    assert_eq!(j["as_of"], TODAY);
    assert_eq!(j["children"].as_array().unwrap().len(), 3, "{j}");
    assert!(j["roll_up"].is_object(), "{j}");
}

#[test]
fn show_writes_a_file_in_the_format_its_name_asks_for() {
    let t = t(SAMPLE);
    t.then(&["show", "uk-cps-3m", "-o", "cps.md"])
        .success()
        .stderr_has("Wrote cps.md (markdown).");
    let md = std::fs::read_to_string(t.dir.path().join("cps.md")).unwrap();
    assert!(md.starts_with("# uk-cps-3m — "), "{md}");
    assert!(md.contains("| Field | Value |"), "{md}");
    t.then(&["show", "uk-cps-3m", "-o", "cps.html"]).success();
    let html = std::fs::read_to_string(t.dir.path().join("cps.html")).unwrap();
    assert!(html.contains("<table"), "{html}");
    t.then(&["show", "uk-cps-3m", "-o", "cps.xlsx"]).success();
    let xlsx = std::fs::read(t.dir.path().join("cps.xlsx")).unwrap();
    assert!(xlsx.starts_with(b"PK"), "a workbook is a zip file");
    // The same refusals as every report: not over the ledger, not a feed it does not have.
    let before = t.file_bytes();
    t.then(&[
        "show",
        "uk-cps-3m",
        "-o",
        "commitments.yaml",
        "--format",
        "table",
    ])
    .failure(1)
    .stderr_has("is the ledger itself");
    assert_eq!(t.file_bytes(), before);
    t.then(&["show", "uk-cps-3m", "--format", "atom"])
        .failure(1)
        .stderr_has("this report has no feed");
}

/// A title and a gap in Chinese (two columns a character, no spaces) fit the terminal: the
/// heading and the gap are wrapped by their width on screen, not their count of characters.
#[test]
fn show_fits_cjk_text_to_the_terminal() {
    let title = "法国将组建一支专门的机动部队以应对小船从海岸出发的情况并与英国分享情报";
    let gap = "没有任何公开来源确认该部队已经部署到沿海地区或者开始执行巡逻任务";
    let ledger = SAMPLE
        .replace(
            "France to launch a specialist mobile unit to respond to small-boat launches",
            title,
        )
        .replace("No source confirms the unit was deployed.", gap);
    assert!(ledger.contains(title) && ledger.contains(gap));
    let out = Test::new()
        .ledger(&ledger)
        .env("COLUMNS", "60")
        .args(&["show", "fr-mobile-unit"])
        .run()
        .success()
        .stdout;
    for line in out.lines() {
        assert!(
            textwrap::core::display_width(line) <= 60,
            "wider than 60 columns: {line:?}\n{out}"
        );
    }
    let joined: String = out.lines().map(str::trim).collect();
    assert!(
        joined.contains(&format!("fr-mobile-unit — {title}")),
        "{out}"
    );
    assert!(joined.contains(gap), "{out}");
}
