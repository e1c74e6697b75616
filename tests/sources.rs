//! The shipped ledger against its sources (issue 14): every web address in `commitments.yaml`
//! is listed in docs/sources.md, and every quotation (`quote:` of a source or an evidence entry)
//! is found word for word in the source documents, `../shared/seeds/` and `../shared/research/`,
//! which are the only sources the shipped ledger draws on (docs/sources.md); and the published
//! bulletin, docs/bulletin-2026-Q3.md, is the tool's own output for the shipped ledger.
//!
//! The shared folder sits beside the repository in CI (`<repo>/../shared`); in a git worktree
//! further down it may be beside a parent folder, so the nearest `shared/` with both `seeds/`
//! and `research/` above the repository is used, or `COMMITMENTS_SHARED` if set. If none is
//! found the test fails and says so; `COMMITMENTS_SKIP_SHARED=1` skips it, saying so.
//!
//! Comparison: runs of whitespace count as one space, because the research notes wrap their
//! lines. Nothing else is normalised: quotation marks, accents and dashes must match exactly.

use crate::harness::*;
use serde_json::Value;
use std::path::{Path, PathBuf};

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Every commitment of the shipped ledger, as `show --format json` gives it.
fn shipped_records() -> Vec<Value> {
    let path = repo().join("commitments.yaml");
    let path = path.to_str().expect("a UTF-8 path");
    let t = Test::new().env("COMMITMENTS_TODAY", "2026-12-01");
    let report = t
        .then(&["-f", path, "report", "--format", "json"])
        .success()
        .json();
    report["commitments"]
        .as_array()
        .expect("commitments")
        .iter()
        .map(|row| {
            let id = row["id"].as_str().expect("id");
            t.then(&["-f", path, "show", id, "--format", "json"])
                .success()
                .json()["commitment"]
                .clone()
        })
        .collect()
}

/// Web addresses in any text of the record (fields and notes alike), without the punctuation
/// that ends a sentence or closes a bracket after them.
fn urls_in(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::String(s) => {
            let mut rest = s.as_str();
            while let Some(at) = rest.find("http://").or_else(|| rest.find("https://")) {
                let tail = &rest[at..];
                let end = tail
                    .find(|c: char| c.is_whitespace() || "\"'()<>[]".contains(c))
                    .unwrap_or(tail.len());
                let url = tail[..end].trim_end_matches(['.', ',', ';', ':']);
                out.push(url.to_string());
                rest = &tail[end..];
            }
        }
        Value::Array(items) => items.iter().for_each(|v| urls_in(v, out)),
        Value::Object(map) => map.values().for_each(|v| urls_in(v, out)),
        _ => {}
    }
}

fn squeeze(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The shared source folder, or None when the run asked to skip it.
fn shared() -> Option<PathBuf> {
    if std::env::var_os("COMMITMENTS_SKIP_SHARED").is_some_and(|v| v == "1") {
        eprintln!("COMMITMENTS_SKIP_SHARED=1: the quotations were NOT checked against ../shared");
        return None;
    }
    let usable = |p: &Path| p.join("seeds").is_dir() && p.join("research").is_dir();
    if let Some(p) = std::env::var_os("COMMITMENTS_SHARED") {
        let p = PathBuf::from(p);
        assert!(
            usable(&p),
            "COMMITMENTS_SHARED={} has no seeds/ and research/ folders",
            p.display()
        );
        return Some(p);
    }
    let found = repo()
        .ancestors()
        .skip(1)
        .map(|dir| dir.join("shared"))
        .find(|p| usable(p));
    assert!(
        found.is_some(),
        "no shared/ folder with seeds/ and research/ beside {} or any folder above it: the \
         quotations cannot be checked. Put the source documents there, point COMMITMENTS_SHARED \
         at them, or set COMMITMENTS_SKIP_SHARED=1 to skip this check knowingly",
        repo().display()
    );
    found
}

/// (file name, text with whitespace squeezed) for each file in seeds/ and research/.
fn source_texts(shared: &Path) -> Vec<(String, String)> {
    let mut texts = Vec::new();
    for folder in ["seeds", "research"] {
        for entry in std::fs::read_dir(shared.join(folder)).expect("read shared folder") {
            let path = entry.expect("entry").path();
            if path.is_file() {
                let text = std::fs::read_to_string(&path).expect("a UTF-8 source document");
                texts.push((path.display().to_string(), squeeze(&text)));
            }
        }
    }
    assert!(texts.len() >= 6, "expected the seeds and notes: {texts:?}");
    texts
}

#[test]
fn every_web_address_in_the_shipped_ledger_is_listed_in_docs_sources() {
    let sources = std::fs::read_to_string(repo().join("docs/sources.md")).expect("docs/sources.md");
    let mut urls = Vec::new();
    for record in shipped_records() {
        urls_in(&record, &mut urls);
    }
    urls.sort();
    urls.dedup();
    assert!(urls.len() > 20, "too few addresses found: {urls:?}");
    let missing: Vec<&String> = urls
        .iter()
        .filter(|u| !sources.contains(u.as_str()))
        .collect();
    assert!(
        missing.is_empty(),
        "in commitments.yaml but not in docs/sources.md:\n{}",
        missing
            .iter()
            .map(|u| u.as_str())
            .collect::<Vec<_>>()
            .join("\n")
    );
}

#[test]
fn every_quotation_in_the_shipped_ledger_is_word_for_word_in_the_source_documents() {
    let Some(shared) = shared() else { return };
    let texts = source_texts(&shared);
    let mut quotes = Vec::new();
    for record in shipped_records() {
        let id = record["id"].as_str().unwrap_or("?").to_string();
        if let Some(q) = record["source"]["quote"].as_str() {
            quotes.push((format!("{id}: source"), q.to_string()));
        }
        for e in record["evidence"].as_array().into_iter().flatten() {
            if let Some(q) = e["quote"].as_str() {
                quotes.push((format!("{id}: evidence {}", e["id"]), q.to_string()));
            }
        }
    }
    assert!(quotes.len() > 20, "too few quotations found: {quotes:?}");
    let missing: Vec<String> = quotes
        .iter()
        .filter(|(_, q)| !texts.iter().any(|(_, text)| text.contains(&squeeze(q))))
        .map(|(at, q)| format!("{at}: {q:?}"))
        .collect();
    assert!(
        missing.is_empty(),
        "quotations not found word for word in {}:\n{}",
        shared.display(),
        missing.join("\n")
    );
}

#[test]
fn the_quotation_check_can_fail() {
    // A quotation altered by one character is not found: the comparison is not too loose.
    let Some(shared) = shared() else { return };
    let texts = source_texts(&shared);
    let found = |q: &str| texts.iter().any(|(_, text)| text.contains(&squeeze(q)));
    assert!(found(
        "passed landmark new legislation on Friday 19 December"
    ));
    assert!(!found(
        "passed landmark new legislation on Friday 18 December"
    ));
    assert!(found("taking a ‘follow the money’ approach"));
    assert!(
        !found("taking a 'follow the money' approach"),
        "straight quotes are not the communiqué's"
    );
}

#[test]
fn the_shipped_ledger_claims_no_reading_and_no_search_its_sources_do_not_report() {
    // No page was re-opened when the ledger was built, so no entry may say it was read; a gap
    // is dated only by the research notes' own date for the search (docs/sources.md).
    let research_dates = ["2026-12-01"];
    for record in shipped_records() {
        let id = record["id"].as_str().unwrap_or("?");
        for e in record["evidence"].as_array().into_iter().flatten() {
            assert_eq!(e["accessed"], Value::Null, "{id}: {e}");
        }
        for g in record["gaps"].as_array().into_iter().flatten() {
            let checked = &g["checked"];
            assert!(
                checked.is_null() || research_dates.iter().any(|d| checked == d),
                "{id}: a gap dated {checked}, which no research note gives: {g}"
            );
        }
    }
}

/// docs/bulletin-2026-Q3.md is the shipped ledger's bulletin as the tool makes it, so that the
/// published copy cannot drift from the ledger (docs/reports.md gives the command).
#[test]
fn the_published_bulletin_is_the_tools_own_output() {
    let t = Test::new()
        .ledger(include_str!("../commitments.yaml"))
        .env("COMMITMENTS_TODAY", "2026-12-01");
    let made = t
        .then(&["bulletin", "--period", "2026-Q3", "--format", "markdown"])
        .success()
        .stdout;
    let published = std::fs::read_to_string(repo().join("docs/bulletin-2026-Q3.md")).unwrap();
    assert!(
        made == published,
        "docs/bulletin-2026-Q3.md is out of date; remake it with\n  COMMITMENTS_TODAY=2026-12-01 commitments bulletin --period 2026-Q3 --format markdown > docs/bulletin-2026-Q3.md"
    );
}
