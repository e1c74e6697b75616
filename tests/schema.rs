//! The JSON Schema: generated from the loader's types, committed for editors, and checked by an
//! independent validator (Python's `jsonschema` reading the YAML with PyYAML) to agree with
//! `commitments check` on good and broken ledgers.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::harness::*;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

const COMMITTED: &str = include_str!("../schema/commitments.schema.json");

#[test]
fn schema_command_prints_the_committed_copy() {
    let out = Test::new().args(&["schema"]).run().success();
    assert!(
        out.stdout == COMMITTED,
        "schema/commitments.schema.json is out of date; regenerate it with\n  cargo run -- schema > schema/commitments.schema.json"
    );
    let schema: serde_json::Value = serde_json::from_str(&out.stdout).expect("the schema is JSON");
    assert_eq!(
        schema["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );
}

#[test]
fn the_shipped_ledger_names_the_schema_on_its_first_line() {
    let shipped = std::fs::read_to_string(repo().join("commitments.yaml")).unwrap();
    assert_eq!(
        shipped.lines().next(),
        Some("# yaml-language-server: $schema=schema/commitments.schema.json")
    );
    assert!(repo().join("schema/commitments.schema.json").is_file());
}

#[test]
fn init_names_the_schema_and_writes_a_copy_beside_the_ledger() {
    let t = Test::new().args(&["init", "--title", "Housing pledges"]);
    t.run()
        .success()
        .stdout_has("schema/commitments.schema.json");
    assert!(
        t.file_bytes()
            .starts_with(b"# yaml-language-server: $schema=schema/commitments.schema.json\n")
    );
    assert!(t.file().contains("title: \"Housing pledges\""));
    let copy = std::fs::read_to_string(t.dir.path().join("schema/commitments.schema.json"))
        .expect("init writes the schema");
    assert_eq!(copy, COMMITTED);
    // A second ledger in the same folder leaves the copy alone.
    std::fs::write(t.dir.path().join("schema/commitments.schema.json"), "{}").unwrap();
    let t = t.env("COMMITMENTS_FILE", "other.yaml").args(&["init"]);
    t.run().success();
    assert!(t.dir.path().join("other.yaml").is_file());
    let kept =
        std::fs::read_to_string(t.dir.path().join("schema/commitments.schema.json")).unwrap();
    assert_eq!(kept, "{}");
}

/// Whether the independent validator can run here. CI installs it and must run these tests;
/// on a developer's fresh machine `cargo test` should not fail for want of a Python package,
/// so there the tests say loudly that they were skipped.
fn validator_available() -> bool {
    let ok = Command::new("python3")
        .args(["-c", "import jsonschema, yaml"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must install the validator: python3 -m pip install jsonschema pyyaml"
        );
        eprintln!(
            "SKIPPED: schema validation by an independent validator needs Python 3 with \
             jsonschema and PyYAML (python3 -m pip install jsonschema pyyaml)"
        );
    }
    ok
}

/// Runs the independent validator on `files`; returns, for each, whether it was valid, and the
/// validator's whole report for messages.
fn validate(files: &[&Path]) -> (Vec<bool>, String) {
    let out = Command::new("python3")
        .arg(repo().join("tests/tools/validate_schema.py"))
        .arg(repo().join("schema/commitments.schema.json"))
        .args(files)
        .output()
        .expect(
            "this test needs Python 3 with the jsonschema and PyYAML packages \
             (`python3 -m pip install jsonschema pyyaml`; .ci/run installs them)",
        );
    let report = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success(),
        "the validator failed (is `python3 -m pip install jsonschema pyyaml` done?):\n{report}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let verdicts = files
        .iter()
        .map(|f| {
            let line = format!("{}: valid", f.display());
            report.lines().any(|l| l == line)
        })
        .collect();
    (verdicts, report)
}

#[test]
fn the_shipped_ledger_and_the_sample_are_valid_for_an_independent_validator() {
    let shipped = repo().join("commitments.yaml");
    let sample = repo().join("tests/fixtures/sample.yaml");
    if !validator_available() {
        return;
    }
    let (verdicts, report) = validate(&[&shipped, &sample]);
    assert_eq!(verdicts, [true, true], "{report}");
}

/// Each case breaks the sample in one way that `check` refuses; the schema must refuse it too.
const BROKEN: &[(&str, &str, &str)] = &[
    ("a misspelt key", "    owner: France", "    ownr: France"),
    (
        "a date in another form",
        "made: 2025-03-31\n    due",
        "made: 31/03/2025\n    due",
    ),
    ("an unknown evidence kind", "kind: media", "kind: blog"),
    (
        "a link that is not http(s)",
        "url: https://example.org/times",
        "url: javascript:alert(1)",
    ),
    (
        "an id that is not a slug",
        "id: fr-mobile-unit",
        "id: FR Mobile Unit",
    ),
    (
        "a currency that is not ISO 4217",
        "currency: GBP",
        "currency: pounds",
    ),
    (
        "an event that cites nothing and is not unsourced",
        "        evidence: [source]\n        recorded_by: tester",
        "        recorded_by: tester",
    ),
    (
        "a commitment without a title",
        "    title: GBP 3m for the Crown Prosecution Service\n",
        "",
    ),
    (
        "a ledger of another format version",
        "version: 1",
        "version: 2",
    ),
];

#[test]
fn broken_ledgers_are_rejected_by_the_schema_as_by_check() {
    let t = Test::new();
    let mut paths = Vec::new();
    for (i, (what, from, to)) in BROKEN.iter().enumerate() {
        assert!(
            SAMPLE.contains(from),
            "case `{what}` no longer matches the sample"
        );
        let path = t.dir.path().join(format!("broken-{i}.yaml"));
        std::fs::write(&path, SAMPLE.replacen(from, to, 1)).unwrap();
        t.then(&["check", "-f", path.to_str().unwrap()])
            .failure(1)
            .stderr_has("problem");
        paths.push(path);
    }
    let refs: Vec<&Path> = paths.iter().map(PathBuf::as_path).collect();
    if !validator_available() {
        return;
    }
    let (verdicts, report) = validate(&refs);
    for ((what, ..), valid) in BROKEN.iter().zip(verdicts) {
        assert!(!valid, "the schema accepted {what}:\n{report}");
    }
}

/// Odd but valid: the schema must not flag in an editor what `check` accepts.
#[test]
fn what_check_accepts_the_schema_accepts() {
    let odd = "\
version: \"1\"
title: 2025
commitments:
  - id: x-1
    title: 12345
    owner: 'Someone'
    made: \"2025-03-31\"
    due: 2025-04-30
    tags: [1, yes, true]
    funding: {amount: \"3e6\", currency: EUR}
    source: {title: T, url: HTTPS://example.org/a}
    evidence:
      - {id: e-1, title: E, url: http://example.org, published: 2025-04-01, kind: dataset}
    history:
      - {date: 2025-03-31, status: announced, evidence: [source, e-1], recorded_at: 2026-01-01T00:00:00+01:00}
      - {date: 2025-04-02, status: in-progress, unsourced: \"true\", note: reported by phone}
    gaps:
      - note: nothing else
";
    let t = Test::new().ledger(odd);
    t.then(&["check"]).success();
    // The same, saved by a Windows editor with a byte-order mark.
    let bom = Test::new().ledger_bytes(&[b"\xef\xbb\xbf", odd.as_bytes()].concat());
    bom.then(&["check"]).success();
    if !validator_available() {
        return;
    }
    let (verdicts, report) = validate(&[&t.path(), &bom.path()]);
    assert_eq!(verdicts, [true, true], "{report}");
}
