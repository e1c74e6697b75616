//! Large generated ledgers (src/synthetic.rs, also behind `examples/gen.rs` and bench/run):
//! the generator's output passes `check`, and writes on them — which edit only the target
//! record's text and splice it back — are lossless at the first and last record, beside
//! section and inline comments, with flow-style lists, CRLF line endings and a byte-order mark.

use commitments::synthetic::{self, Options};

use crate::harness::*;

const BOM: &str = "\u{feff}";

fn generated(commitments: usize) -> String {
    synthetic::ledger(&Options {
        commitments,
        events: 3,
        evidence: 2,
        seed: 11,
    })
}

#[test]
fn generated_ledgers_pass_check() {
    for (commitments, events, evidence, seed) in [(1, 1, 0, 1), (50, 5, 5, 2), (120, 2, 3, 3)] {
        let text = synthetic::ledger(&Options {
            commitments,
            events,
            evidence,
            seed,
        });
        Test::new()
            .ledger(&text)
            .args(&["check"])
            .run()
            .success()
            .stdout_has(&format!(
                "ok — {commitments} commitment{}, {} evidence entr",
                if commitments == 1 { "" } else { "s" },
                commitments * evidence
            ));
    }
}

/// The record ids, in file order.
fn ids(text: &str) -> Vec<String> {
    text.lines()
        .filter_map(|l| l.strip_prefix("  - id: "))
        .map(|rest| rest.split_whitespace().next().unwrap_or("").to_string())
        .collect()
}

/// Lines of the record `id` in `text`: from its `- id:` line up to the next record's, the
/// next section comment, or the comment that ends the file.
fn record_lines(lines: &[&str], id: &str) -> std::ops::Range<usize> {
    let start = lines
        .iter()
        .position(|l| {
            l.trim_end_matches('\r')
                .strip_prefix("  - id: ")
                .and_then(|r| r.split_whitespace().next())
                == Some(id)
        })
        .unwrap_or_else(|| panic!("no record {id}"));
    let end = lines[start + 1..]
        .iter()
        .position(|l| {
            l.starts_with("  - id: ") || l.starts_with("  # ---") || l.starts_with("# end")
        })
        .map_or(lines.len(), |i| start + 1 + i);
    start..end
}

/// `new` is `old` with lines inserted inside record `id` and nowhere else.
#[track_caller]
fn only_inserted_into(old: &str, new: &str, id: &str, ctx: &str) {
    let old_lines: Vec<&str> = old.split_inclusive('\n').collect();
    let new_lines: Vec<&str> = new.split_inclusive('\n').collect();
    let inside = record_lines(&new_lines, id);
    let mut o = 0;
    let mut inserted = 0;
    for (i, line) in new_lines.iter().enumerate() {
        if o < old_lines.len() && old_lines[o] == *line {
            o += 1;
        } else {
            assert!(
                inside.contains(&i),
                "{ctx}: line {} changed outside record {id}: {line:?}",
                i + 1
            );
            inserted += 1;
        }
    }
    assert_eq!(o, old_lines.len(), "{ctx}: lines of the old file were lost");
    assert!(inserted > 0, "{ctx}: nothing was written");
}

fn variants(text: &str) -> Vec<(&'static str, String)> {
    vec![
        ("LF", text.to_string()),
        ("CRLF", text.replace('\n', "\r\n")),
        ("BOM", format!("{BOM}{text}")),
        (
            "BOM and CRLF",
            format!("{BOM}{}", text.replace('\n', "\r\n")),
        ),
    ]
}

#[test]
fn writes_at_the_edges_and_beside_comments_are_lossless() {
    // 90 records: section comments (with a blank line before them) every 40, a comment
    // ending the file, inline comments on some id lines and before some events.
    let base = generated(90);
    let ids = ids(&base);
    assert_eq!(ids.len(), 90);
    // The first record, the last before a section comment, the first after it, the last.
    let targets = [&ids[0], &ids[39], &ids[40], &ids[89]];
    for (name, text) in variants(&base) {
        for id in targets {
            let ctx = format!("{name}, {id}");
            let t = Test::new().ledger(&text);
            let mut before = t.file();
            for args in [
                vec![
                    "update",
                    id,
                    "--status",
                    "in-progress",
                    "--date",
                    "2026-11-01",
                    "--evidence-url",
                    "https://example.org/a#b",
                    "--evidence-title",
                    "A title: with a colon",
                    "--note",
                    "Reported: 'in part' # not a comment",
                ],
                vec!["gap", id, "--note", "Looked for the decree: none found."],
                vec![
                    "evidence",
                    id,
                    "--url",
                    "https://example.org/c",
                    "--title",
                    "C",
                ],
            ] {
                t.then(&args).success();
                let after = t.file();
                only_inserted_into(&before, &after, id, &format!("{ctx}, {}", args[0]));
                assert_eq!(
                    after.starts_with(BOM),
                    name.starts_with("BOM"),
                    "{ctx}: BOM"
                );
                if name.contains("CRLF") {
                    let bare = after.matches('\n').count() - after.matches("\r\n").count();
                    assert_eq!(bare, 0, "{ctx}: a line lost its CRLF ending");
                }
                before = after;
            }
            t.then(&["check"]).success();
            t.then(&["show", id, "--format", "json"])
                .success()
                .stdout_has("Looked for the decree: none found.")
                .stdout_has("Reported: 'in part' # not a comment")
                .stdout_has("https://example.org/c");
        }
    }
}

#[test]
fn a_new_record_lands_after_the_last_and_before_the_closing_comment() {
    let base = generated(45);
    let t = Test::new().ledger(&base);
    t.then(&[
        "add",
        "appended-one",
        "--title",
        "Appended",
        "--owner",
        "Someone",
        "--made",
        "2025-01-01",
    ])
    .success();
    let after = t.file();
    let last = ids(&base).pop().unwrap();
    let lines: Vec<&str> = after.lines().collect();
    let new_at = lines
        .iter()
        .position(|l| *l == "  - id: appended-one")
        .unwrap();
    assert!(
        new_at > record_lines(&lines, &last).start,
        "appended before the last record"
    );
    assert_eq!(
        *lines.last().unwrap(),
        "# end of ledger",
        "the closing comment moved"
    );
    // Everything before the new record is as it was.
    let prefix_len: usize = after.lines().take(new_at).map(|l| l.len() + 1).sum();
    assert!(base.starts_with(&after[..prefix_len]));
    t.then(&["check"]).success().stdout_has("46 commitments");
}

#[test]
fn flow_style_lists_in_a_large_ledger_take_writes() {
    // A hand-written record with every list in flow style, in the middle of a generated file.
    let flow = "  - id: flow-record   # written by hand\n    title: Flow\n    owner: Someone\n    made: 2025-01-01\n    tags: [a, b]\n    source: {title: S, date: 2025-01-01}\n    evidence: [{id: e1, title: E, url: 'https://example.org/e', published: 2025-02-01}]\n    history: [{date: 2025-01-01, status: announced, evidence: [source]}]\n    gaps: []\n";
    let base = generated(60);
    let cut = base.find(&format!("  - id: {}", ids(&base)[30])).unwrap();
    let text = format!("{}{flow}{}", &base[..cut], &base[cut..]);
    for (name, text) in variants(&text) {
        let t = Test::new().ledger(&text);
        t.then(&[
            "evidence",
            "flow-record",
            "--url",
            "https://example.org/x",
            "--title",
            "X",
        ])
        .success();
        t.then(&[
            "update",
            "flow-record",
            "--status",
            "delivered",
            "--date",
            "2026-11-01",
            "--evidence",
            "e1",
        ])
        .success();
        t.then(&["gap", "flow-record", "--note", "n"]).success();
        t.then(&["check"]).success().stdout_has("61 commitments");
        // Every other record's text is untouched: the file outside the record is the same.
        let after = t.file();
        let start = after.find("  - id: flow-record").unwrap();
        let next = ids(&base)[30].clone();
        let end = after.find(&format!("  - id: {next}")).unwrap();
        let (was_start, was_end) = (
            text.find("  - id: flow-record").unwrap(),
            text.find(&format!("  - id: {next}")).unwrap(),
        );
        assert_eq!(
            &after[..start],
            &text[..was_start],
            "{name}: text before changed"
        );
        assert_eq!(
            &after[end..],
            &text[was_end..],
            "{name}: text after changed"
        );
        t.then(&["show", "flow-record", "--format", "json"])
            .success()
            .stdout_has("https://example.org/x")
            .stdout_has("\"delivered\"");
    }
}

/// A terminal table goes to standard output as it is drawn; a reader that stops early
/// (`| head`) closes the pipe mid-table, and the program must end quietly, as it does when
/// the text was printed whole: exit 0, nothing on standard error.
#[test]
fn a_streamed_table_ends_quietly_when_the_reader_stops() {
    use std::io::Read as _;
    use std::process::{Command, Stdio};
    let t = Test::new().ledger(&generated(300));
    let mut child = Command::new(env!("CARGO_BIN_EXE_commitments"))
        .args(["report", "--period", "quarterly"])
        .current_dir(t.dir.path())
        .env("COMMITMENTS_TODAY", TODAY)
        .env("NO_COLOR", "1")
        .env("COLUMNS", "120")
        .env_remove("COMMITMENTS_FILE")
        .env_remove("RUST_BACKTRACE")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run commitments");
    // Read the first bytes (the table is megabytes, far more than a pipe holds), then stop.
    let mut first = [0u8; 64];
    child
        .stdout
        .take()
        .expect("stdout")
        .read_exact(&mut first)
        .expect("the report starts");
    let out = child.wait_with_output().expect("wait");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "stderr: {stderr}");
    assert!(stderr.is_empty(), "stderr: {stderr}");
}
