//! `commitments site`: the static website — its pages, links that resolve between them,
//! anchors on every timeline entry, and byte-identical output on an unchanged ledger.

use std::collections::BTreeMap;
use std::path::Path;

use crate::harness::*;

const REPORTS: &str = include_str!("fixtures/reports.yaml");
const INJECTION: &str = include_str!("fixtures/injection.yaml");

/// Every file under `dir`, by path relative to it, with its bytes.
pub fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let p = entry.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                let rel = p
                    .strip_prefix(dir)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                out.insert(rel, std::fs::read(&p).unwrap());
            }
        }
    }
    out
}

/// The `href`s and `id`s of a page.
pub fn attrs(page: &str, name: &str) -> Vec<String> {
    let needle = format!(" {name}=\"");
    page.match_indices(&needle)
        .map(|(i, _)| {
            let rest = &page[i + needle.len()..];
            rest[..rest.find('"').unwrap()].replace("&amp;", "&")
        })
        .collect()
}

fn build(ledger: &str) -> (Test, BTreeMap<String, Vec<u8>>) {
    let t = Test::new().ledger(ledger);
    t.then(&["site", "out"])
        .success()
        .stderr_has("written, 0 unchanged");
    let site = files(&t.dir.path().join("out"));
    (t, site)
}

#[test]
fn the_site_has_its_pages() {
    let (_t, site) = build(REPORTS);
    let names: Vec<&str> = site.keys().map(String::as_str).collect();
    for want in [
        "index.html",
        "method.html",
        "c/unit.html",
        "c/law.html",
        "c/fund.html",
        "c/taskforce.html",
        "bulletin/2025-Q1.html",
        "bulletin/2026-Q4.html",
        "data/commitments.csv",
        "data/commitments.json",
        "data/changes.csv",
        "data/periods.csv",
        "data/history.csv",
    ] {
        assert!(names.contains(&want), "{want} missing from {names:?}");
    }
    let page = |p: &str| String::from_utf8(site[p].clone()).unwrap();
    insta::assert_snapshot!("site_commitment_page", page("c/unit.html"));
    // The index's rows link to the pages; the method page states the ledger's scale.
    let index = page("index.html");
    for id in ["unit", "law", "fund", "taskforce"] {
        assert!(index.contains(&format!("href=\"c/{id}.html\"")), "{id}");
    }
    assert!(page("method.html").contains("made, no sign of action yet"));
}

/// Every link between pages resolves, to a file and, with a `#`, to an id on it; every
/// other link is a web address. Nothing is loaded from anywhere.
#[test]
fn every_link_resolves_and_nothing_is_loaded() {
    for ledger in [REPORTS, INJECTION] {
        let (_t, site) = build(ledger);
        for (path, bytes) in site.iter().filter(|(p, _)| p.ends_with(".html")) {
            let page = String::from_utf8(bytes.clone()).unwrap();
            assert!(!page.contains("<script"), "{path}");
            assert!(page.contains("Content-Security-Policy"), "{path}");
            assert!(attrs(&page, "src").is_empty(), "{path} loads something");
            let base = Path::new(path).parent().unwrap();
            for href in attrs(&page, "href") {
                if href.starts_with("https://") || href.starts_with("http://") {
                    continue;
                }
                assert!(
                    !href.starts_with('/') && !href.contains("://"),
                    "{path}: {href}"
                );
                let (file, fragment) = href.split_once('#').unwrap_or((&href, ""));
                let target = if file.is_empty() {
                    path.clone()
                } else {
                    let mut parts: Vec<&str> = base
                        .to_str()
                        .unwrap()
                        .split('/')
                        .filter(|s| !s.is_empty())
                        .collect();
                    for seg in file.split('/') {
                        if seg == ".." {
                            parts.pop();
                        } else {
                            parts.push(seg);
                        }
                    }
                    parts.join("/")
                };
                let Some(bytes) = site.get(&target) else {
                    panic!("{path}: {href} -> {target} is not in the site");
                };
                if !fragment.is_empty() {
                    let text = String::from_utf8_lossy(bytes);
                    assert!(
                        attrs(&text, "id").iter().any(|i| i == fragment),
                        "{path}: #{fragment} not on {target}"
                    );
                }
            }
        }
    }
}

/// Each timeline entry has an anchor, linking to itself, stable while the record is.
#[test]
fn timeline_entries_have_anchors() {
    let (_t, site) = build(REPORTS);
    let page = String::from_utf8(site["c/unit.html"].clone()).unwrap();
    for id in [
        "event-2025-01-15",
        "event-2025-03-10",
        "event-2025-08-01",
        "timeline-evidence-times-2025-03-10",
        "evidence-bbc-2025-08-01",
    ] {
        assert!(
            page.contains(&format!("<a id=\"{id}\" href=\"#{id}\">")),
            "{id} in {page}"
        );
    }
}

/// A site kept in git has clean diffs: the same ledger on the same day rewrites nothing and
/// gives the same bytes; a change touches only what it changes.
#[test]
fn rebuilding_an_unchanged_ledger_changes_no_file() {
    let (t, before) = build(REPORTS);
    t.then(&["site", "out"])
        .success()
        .stderr_has(&format!("0 files written, {} unchanged", before.len()));
    assert_eq!(files(&t.dir.path().join("out")), before);
    t.then(&[
        "gap",
        "law",
        "--note",
        "Looked for the gazette entry; none found.",
        "--checked",
        "2026-11-20",
    ])
    .success();
    t.then(&["site", "out"]).success();
    let after = files(&t.dir.path().join("out"));
    let changed: Vec<&String> = after.keys().filter(|k| after[*k] != before[*k]).collect();
    assert!(changed.contains(&&"c/law.html".to_string()), "{changed:?}");
    assert!(
        !changed.contains(&&"c/unit.html".to_string()),
        "{changed:?}"
    );
}

/// A ledger that cannot be read leaves the folder alone.
#[test]
fn a_bad_ledger_builds_nothing() {
    let t = Test::new().ledger("version: 1\ncommitments: [oops\n");
    t.then(&["site", "out"]).failure(1);
    assert!(!t.dir.path().join("out").exists());
}

/// The feed and the calendar on their own: `changes --format atom`, `list --format ics`
/// (or by the -o file's extension); a report that has neither refuses in words.
#[test]
fn feed_and_calendar_on_their_own() {
    let t = Test::new().ledger(REPORTS);
    let feed = t
        .then(&["changes", "--since", "2025-01-01", "--format", "atom"])
        .success()
        .stdout;
    assert!(feed.starts_with("<?xml"), "{feed}");
    let entries = feed.matches("<entry>").count();
    let json: serde_json::Value = serde_json::from_str(
        &t.then(&["changes", "--since", "2025-01-01", "--format", "json"])
            .success()
            .stdout,
    )
    .unwrap();
    let changes: usize = json["commitments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["changes"].as_array().unwrap().len())
        .sum();
    assert_eq!(entries, changes);
    // Newest first.
    let updated: Vec<&str> = feed
        .match_indices("<entry><title>")
        .map(|(i, _)| {
            let rest = &feed[i..];
            let u = rest.find("<updated>").unwrap() + 9;
            &rest[u..u + 10]
        })
        .collect();
    let mut sorted = updated.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(updated, sorted);
    let ics = t.then(&["list", "--format", "ics"]).success().stdout;
    assert_eq!(
        ics.matches("BEGIN:VEVENT").count(),
        2,
        "unit and fund are due: {ics}"
    );
    assert!(ics.contains("DTSTART;VALUE=DATE:20250630"), "{ics}");
    assert!(ics.contains("\r\n"), "iCalendar lines end in CRLF");
    t.then(&["list", "-o", "due.ics"]).success();
    assert_eq!(
        std::fs::read_to_string(t.dir.path().join("due.ics")).unwrap(),
        ics
    );
    t.then(&["history", "--format", "atom"])
        .failure(1)
        .stderr_has("--format atom is the feed of `changes`");
    t.then(&["changes", "--since", "2025-01-01", "--format", "ics"])
        .failure(1)
        .stderr_has("--format ics is the calendar of due dates");
}

/// `-o FILE.xlsx` writes a workbook (a zip whose sheet has typed cells); asked for on
/// standard output it refuses, since a workbook is not text.
#[test]
fn every_report_writes_a_workbook() {
    let t = Test::new().ledger(REPORTS);
    for (args, file) in [
        (&["report"][..], "r.xlsx"),
        (&["report", "--period", "quarterly"], "q.xlsx"),
        (&["report", "--by", "tag"], "t.xlsx"),
        (&["history"], "h.xlsx"),
        (&["changes", "--since", "2025-01-01"], "c.xlsx"),
        (&["list"], "l.xlsx"),
        (&["bulletin", "--period", "2025-Q3"], "b.xlsx"),
    ] {
        let mut a = args.to_vec();
        a.extend(["-o", file]);
        t.then(&a).success().stderr_has("(xlsx)");
        let bytes = std::fs::read(t.dir.path().join(file)).unwrap();
        assert_eq!(&bytes[..2], b"PK", "{file} is a zip");
    }
    t.then(&["report", "--format", "xlsx"])
        .failure(1)
        .stderr_has("with -o FILE.xlsx");
}

/// Each commitment's page states that commitment's own status. With parents, the status table
/// lists each parent followed by its children, not in the file's order; the pages were once paired
/// with the table's rows by position, so a pledge's page showed another commitment's status.
#[test]
fn each_page_states_its_own_commitments_status_when_children_reorder_the_table() {
    let shipped = include_str!("../commitments.yaml");
    let t = Test::new()
        .ledger(shipped)
        .env("COMMITMENTS_TODAY", "2026-12-01");
    t.then(&["site", "out"]).success();
    let rows = t.then(&["report", "--format", "json"]).success().json();
    let rows = rows["commitments"].as_array().unwrap();
    assert!(
        rows.iter().any(|r| r["parent"].is_string()),
        "no parent in the shipped ledger"
    );
    // The index shows the grouping as the terminal table does: children under their parent.
    let index = std::fs::read_to_string(t.dir.path().join("out/index.html")).unwrap();
    assert!(index.contains(">→ uk-sanctions-regime<"), "{index}");
    // The bulletins' rows link to the children's pages too, not to the indented text.
    let bulletin = std::fs::read_to_string(t.dir.path().join("out/bulletin/2026-Q4.html")).unwrap();
    let links = attrs(&bulletin, "href");
    assert!(
        links.contains(&"../c/uk-sanctions-regime.html".to_string()),
        "{links:?}"
    );
    for l in links.iter().filter(|l| l.starts_with("../c/")) {
        let file = l.trim_start_matches("../").split('#').next().unwrap();
        assert!(t.dir.path().join("out").join(file).exists(), "{l} missing");
    }
    for r in rows {
        let id = r["id"].as_str().unwrap();
        let page = std::fs::read_to_string(t.dir.path().join(format!("out/c/{id}.html"))).unwrap();
        let want = format!(
            "Status on 2026-12-01: {} since {}",
            r["status_label"].as_str().unwrap(),
            r["since"].as_str().unwrap()
        );
        assert!(page.contains(&want), "{id}: wants `{want}`");
    }
}
