//! Writes change only what they must: every comment and blank line survives, in order; the
//! text outside the edited record is byte-for-byte what it was; a byte-order mark and CRLF
//! line endings are kept; the result passes `check`; a refused command changes nothing.

use std::ops::Range;

use crate::harness::*;

const BOM: &str = "\u{feff}";

// ---------------------------------------------------------------- the files

struct Variant {
    name: &'static str,
    text: String,
}

fn crlf(text: &str) -> String {
    text.replace('\n', "\r\n")
}

fn bom(text: &str) -> String {
    format!("{BOM}{text}")
}

fn four_space() -> String {
    include_str!("fixtures/four-space.yaml").to_string()
}

fn flow_empty() -> String {
    include_str!("fixtures/flow-empty.yaml").to_string()
}

/// The flow-empty file with its empty lists written as nulls instead: `evidence:` with no
/// value, `gaps: ~`, `evidence: null`. YAML reads all three as "nothing here".
fn null_lists() -> String {
    let text = flow_empty()
        .replacen(
            "    evidence: []   # nothing found yet\n",
            "    evidence:   # nothing found yet\n",
            1,
        )
        .replacen("    gaps: []\n", "    gaps: ~\n", 1)
        .replacen("    evidence: []\n", "    evidence: null\n", 1);
    for null in [
        "    evidence:   # nothing found yet\n",
        "    gaps: ~\n",
        "    evidence: null\n",
    ] {
        assert!(text.contains(null), "no {null:?} in:\n{text}");
    }
    text
}

/// The sample inside an explicit document, with comments outside it: before the `---` and
/// after the `...`. YAML calls those stream-level comments; they are a person's text too.
fn explicit_document() -> String {
    format!(
        "# A header comment, before the document starts.\n---\n{SAMPLE}...\n# After the document ends.\n"
    )
}

/// The sample and its variants. All have the same three records, so the same writes apply.
fn variants() -> Vec<Variant> {
    vec![
        Variant {
            name: "sample",
            text: SAMPLE.to_string(),
        },
        Variant {
            name: "sample, CRLF",
            text: crlf(SAMPLE),
        },
        Variant {
            name: "sample, BOM",
            text: bom(SAMPLE),
        },
        Variant {
            name: "sample, BOM and CRLF",
            text: bom(&crlf(SAMPLE)),
        },
        Variant {
            name: "four-space",
            text: four_space(),
        },
        Variant {
            name: "four-space, CRLF",
            text: crlf(&four_space()),
        },
        Variant {
            name: "flow-empty",
            text: flow_empty(),
        },
        Variant {
            name: "flow-empty, BOM and CRLF",
            text: bom(&crlf(&flow_empty())),
        },
        Variant {
            name: "null lists",
            text: null_lists(),
        },
        Variant {
            name: "explicit document",
            text: explicit_document(),
        },
        Variant {
            name: "explicit document, BOM and CRLF",
            text: bom(&crlf(&explicit_document())),
        },
    ]
}

// ---------------------------------------------------------------- the writes

struct Write {
    name: &'static str,
    /// The record the write edits; None for `add`, which appends one after the last.
    record: Option<&'static str>,
    args: &'static [&'static str],
    /// Text the new file must contain, so that we know the write happened.
    expect: &'static str,
}

/// One of every kind of write, on records with and without `evidence:` and `gaps:`, in the
/// middle of the file and at its end.
fn writes() -> Vec<Write> {
    vec![
        Write {
            name: "add",
            record: None,
            args: &[
                "add",
                "it-new-unit",
                "--title",
                "Italy: new unit",
                "--owner",
                "Italy",
                "--made",
                "2025-04-02",
                "--tag",
                "italy",
                "--source-title",
                "Joint statement",
                "--source-url",
                "https://example.org/joint",
            ],
            expect: "it-new-unit",
        },
        Write {
            name: "add with a parent and a weight",
            record: None,
            args: &[
                "add",
                "fr-unit-part",
                "--title",
                "France: the unit's second boat",
                "--owner",
                "France",
                "--made",
                "2025-04-02",
                "--parent",
                "fr-mobile-unit",
                "--weight",
                "0.5",
            ],
            expect: "parent: fr-mobile-unit",
        },
        Write {
            name: "add without a source",
            record: None,
            args: &[
                "add",
                "it-bare",
                "--title",
                "Bare",
                "--owner",
                "Italy",
                "--made",
                "2025-04-02",
            ],
            expect: "it-bare",
        },
        Write {
            name: "evidence on a record that has evidence",
            record: Some("fr-mobile-unit"),
            args: &[
                "evidence",
                "fr-mobile-unit",
                "--url",
                "https://example.org/le-monde",
                "--title",
                "Le Monde report",
                "--publisher",
                "Le Monde",
                "--published",
                "2025-06-01",
                "--kind",
                "media",
                "--quote",
                "quote: with a colon",
            ],
            expect: "le-monde-2025-06-01",
        },
        Write {
            name: "evidence on a record without evidence",
            record: Some("de-smuggling-law"),
            args: &[
                "evidence",
                "de-smuggling-law",
                "--url",
                "https://example.org/bt",
                "--title",
                "Bundestag",
                "--id",
                "bt-vote",
            ],
            expect: "bt-vote",
        },
        Write {
            name: "evidence on the last record",
            record: Some("uk-cps-3m"),
            args: &[
                "evidence",
                "uk-cps-3m",
                "--url",
                "https://example.org/cps",
                "--title",
                "CPS",
                "--id",
                "cps-note",
            ],
            expect: "cps-note",
        },
        Write {
            name: "update citing existing evidence",
            record: Some("fr-mobile-unit"),
            args: &[
                "update",
                "fr-mobile-unit",
                "--status",
                "partial",
                "--date",
                "2025-07-01",
                "--evidence",
                "times-2025-03-30",
                "--note",
                "lossless update: part of the coast",
            ],
            expect: "lossless update: part of the coast",
        },
        Write {
            name: "update citing the source",
            record: Some("de-smuggling-law"),
            args: &[
                "update",
                "de-smuggling-law",
                "--status",
                "in-progress",
                "--date",
                "2025-05-01",
                "--evidence",
                "source",
            ],
            expect: "status: in-progress",
        },
        Write {
            name: "update unsourced, last record",
            record: Some("uk-cps-3m"),
            args: &[
                "update",
                "uk-cps-3m",
                "--status",
                "stalled",
                "--date",
                "2026-01-01",
                "--unsourced",
                "--note",
                "lossless: nothing heard # since March",
            ],
            expect: "lossless: nothing heard # since March",
        },
        Write {
            name: "update --evidence-url on a record without evidence",
            record: Some("de-smuggling-law"),
            args: &[
                "update",
                "de-smuggling-law",
                "--status",
                "delivered",
                "--date",
                "2025-12-19",
                "--evidence-url",
                "https://example.org/law",
                "--evidence-title",
                "Law passed",
                "--publisher",
                "Home Office",
                "--published",
                "2025-12-19",
            ],
            expect: "https://example.org/law",
        },
        Write {
            name: "update --evidence-url on a record with evidence",
            record: Some("fr-mobile-unit"),
            args: &[
                "update",
                "fr-mobile-unit",
                "--status",
                "delivered",
                "--date",
                "2025-12-01",
                "--evidence-url",
                "https://example.org/deployed",
                "--evidence-title",
                "Deployed",
                "--evidence-id",
                "deployed",
            ],
            expect: "https://example.org/deployed",
        },
        Write {
            name: "update --evidence-url on the last record",
            record: Some("uk-cps-3m"),
            args: &[
                "update",
                "uk-cps-3m",
                "--status",
                "in-progress",
                "--date",
                "2025-05-01",
                "--evidence-url",
                "https://example.org/cps-hiring",
                "--evidence-title",
                "CPS hiring",
            ],
            expect: "https://example.org/cps-hiring",
        },
        Write {
            name: "funding on the last record, which has `funding:`",
            record: Some("uk-cps-3m"),
            args: &[
                "funding",
                "uk-cps-3m",
                "--stage",
                "allocated",
                "--amount",
                "3230000",
                "--currency",
                "GBP",
                "--date",
                "2025-06-01",
                "--unsourced",
                "--note",
                "lossless funding: letter # not published",
            ],
            expect: "lossless funding: letter # not published",
        },
        Write {
            name: "funding with new evidence on a record with evidence and gaps",
            record: Some("fr-mobile-unit"),
            args: &[
                "funding",
                "fr-mobile-unit",
                "--stage",
                "disbursed",
                "--amount",
                "1500000.25",
                "--currency",
                "EUR",
                "--date",
                "2025-09-01",
                "--evidence-url",
                "https://example.org/paid",
                "--evidence-title",
                "Ministère : paiement",
            ],
            expect: "amount: 1500000.25",
        },
        Write {
            name: "gap on a record with gaps",
            record: Some("fr-mobile-unit"),
            args: &[
                "gap",
                "fr-mobile-unit",
                "--note",
                "lossless gap one",
                "--checked",
                "2026-11-21",
            ],
            expect: "lossless gap one",
        },
        Write {
            name: "gap on a record without gaps",
            record: Some("de-smuggling-law"),
            args: &["gap", "de-smuggling-law", "--note", "lossless gap two"],
            expect: "lossless gap two",
        },
        Write {
            name: "gap on the last record",
            record: Some("uk-cps-3m"),
            args: &["gap", "uk-cps-3m", "--note", "lossless gap three"],
            expect: "lossless gap three",
        },
    ]
}

// ---------------------------------------------------------------- reading the text

fn lines(text: &str) -> Vec<&str> {
    text.split_inclusive('\n').collect()
}

fn is_blank_or_comment(line: &str) -> bool {
    let t = line.trim_start_matches(BOM).trim();
    t.is_empty() || t.starts_with('#')
}

fn indent(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

/// The id on a `- id: X` line.
fn item_id(line: &str) -> Option<&str> {
    let t = line.trim_start_matches(' ').strip_prefix('-')?;
    let t = t.trim_start_matches(' ').strip_prefix("id:")?;
    t.split_whitespace().next()
}

/// Byte range of commitment `id` in `text`: from the start of its `- id:` line to the end
/// of its last line that is neither blank nor a comment. (Commitments are the `- id:` items
/// indented least; evidence entries are deeper.)
fn record_span(text: &str, id: &str) -> Range<usize> {
    let ls = lines(text);
    let mut offsets = Vec::with_capacity(ls.len() + 1);
    let mut at = 0;
    for l in &ls {
        offsets.push(at);
        at += l.len();
    }
    offsets.push(at);
    let d = ls
        .iter()
        .filter(|l| item_id(l).is_some())
        .map(|l| indent(l))
        .min()
        .expect("the file has records");
    let start = ls
        .iter()
        .position(|l| indent(l) == d && item_id(l) == Some(id))
        .unwrap_or_else(|| panic!("no record {id}"));
    let mut end = start + 1;
    for (i, l) in ls.iter().enumerate().skip(start + 1) {
        if is_blank_or_comment(l) {
            continue;
        }
        if indent(l) <= d {
            break;
        }
        end = i + 1;
    }
    offsets[start]..offsets[end]
}

/// Where text outside the edit ends and resumes: the record's own span, or for a new record,
/// the point just after the last one.
fn edited_region(text: &str, record: Option<&str>) -> Range<usize> {
    match record {
        Some(id) => record_span(text, id),
        None => {
            let last = lines(text)
                .iter()
                .filter_map(|l| item_id(l).filter(|_| indent(l) == min_record_indent(text)))
                .next_back()
                .expect("a last record")
                .to_string();
            let end = record_span(text, &last).end;
            end..end
        }
    }
}

fn min_record_indent(text: &str) -> usize {
    lines(text)
        .iter()
        .filter(|l| item_id(l).is_some())
        .map(|l| indent(l))
        .min()
        .unwrap_or(0)
}

/// A list's key line holding a flow list or nothing (`evidence: []`, `gaps: [..]`,
/// `gaps: ~`, `evidence:`): appending to the list may rewrite the line (its comment is
/// checked separately), so it is the one kind of original line allowed to change.
fn is_flow_list_line(line: &str) -> bool {
    let t = line.trim();
    let t = t.split(" #").next().unwrap_or(t).trim();
    ["evidence:", "gaps:", "history:"].iter().any(|k| {
        t.strip_prefix(k)
            .map(str::trim)
            .is_some_and(|v| v.starts_with('[') || v == "~" || v == "null")
    })
}

/// The comment on a line, whole-line or trailing (` # ...`). The fixtures keep `#` out of
/// quoted text, so this naive split is exact for them.
fn comment(line: &str) -> Option<String> {
    let t = line.trim_start_matches(BOM).trim();
    if t.starts_with('#') {
        return Some(t.to_string());
    }
    t.find(" #").map(|i| t[i..].trim().to_string())
}

// ---------------------------------------------------------------- the assertions

/// `b` holds the items of `a` in the same order (with others between).
#[track_caller]
fn assert_subsequence(a: &[String], b: &[String], what: &str, ctx: &str, new: &str) {
    let mut j = 0;
    for item in a {
        while j < b.len() && &b[j] != item {
            j += 1;
        }
        assert!(
            j < b.len(),
            "{ctx}: {what} {item:?} was lost or moved; the file is now:\n{new}"
        );
        j += 1;
    }
}

/// Everything the write must not disturb.
#[track_caller]
fn assert_lossless(original: &str, new: &str, record: Option<&str>, ctx: &str) {
    assert_ne!(original, new, "{ctx}: nothing was written");
    // 1. Outside the edited record, byte for byte.
    let region = edited_region(original, record);
    let prefix = &original[..region.start];
    let suffix = &original[region.end..];
    assert!(
        new.starts_with(prefix),
        "{ctx}: the text before the edited record changed.\nwas:\n{prefix}\nnow:\n{new}"
    );
    assert!(
        new.ends_with(suffix),
        "{ctx}: the text after the edited record changed.\nwas:\n{suffix}\nnow:\n{new}"
    );
    assert!(
        new.len() >= prefix.len() + suffix.len(),
        "{ctx}: the file shrank"
    );
    // 2. Every original line is still there, in order (a flow list may become a block list).
    let kept: Vec<String> = lines(original)
        .into_iter()
        .filter(|l| !is_flow_list_line(l))
        .map(String::from)
        .collect();
    let now: Vec<String> = lines(new).into_iter().map(String::from).collect();
    assert_subsequence(&kept, &now, "the line", ctx, new);
    // 3. Every comment and blank line, by itself: whole-line, trailing, and blank.
    let blank_or_comment = |t: &str| -> Vec<String> {
        lines(t)
            .into_iter()
            .filter(|l| is_blank_or_comment(l))
            .map(String::from)
            .collect()
    };
    assert_subsequence(
        &blank_or_comment(original),
        &blank_or_comment(new),
        "the comment or blank line",
        ctx,
        new,
    );
    let comments = |t: &str| -> Vec<String> { lines(t).into_iter().filter_map(comment).collect() };
    assert_subsequence(&comments(original), &comments(new), "the comment", ctx, new);
    // 4. Encoding and line endings.
    assert_eq!(
        new.starts_with(BOM),
        original.starts_with(BOM),
        "{ctx}: the byte-order mark"
    );
    assert_eq!(
        new.matches(BOM).count(),
        original.matches(BOM).count(),
        "{ctx}: BOM doubled"
    );
    if original.contains("\r\n") {
        let bare = new.matches('\n').count() - new.matches("\r\n").count();
        assert_eq!(
            bare, 0,
            "{ctx}: {bare} lines lost their CRLF ending:\n{new:?}"
        );
    } else {
        assert!(!new.contains('\r'), "{ctx}: CR appeared in an LF file");
    }
}

fn file_text(t: &Test) -> String {
    String::from_utf8(t.file_bytes()).expect("the ledger is UTF-8")
}

/// Runs `w` on a fresh copy of `text` and checks everything.
#[track_caller]
fn check_write(variant: &Variant, w: &Write) {
    let ctx = format!("[{}] {}", variant.name, w.name);
    let t = Test::new().ledger_bytes(variant.text.as_bytes());
    t.then(&["check"]).success();
    let out = t.then(w.args);
    assert_eq!(
        out.code,
        Some(0),
        "{ctx}: the write failed:\n{}",
        out.stderr
    );
    let new = file_text(&t);
    assert!(
        new.contains(w.expect),
        "{ctx}: {:?} not in the file:\n{new}",
        w.expect
    );
    assert_lossless(&variant.text, &new, w.record, &ctx);
    let check = t.then(&["check"]);
    assert_eq!(
        check.code,
        Some(0),
        "{ctx}: check fails after the write:\n{}\n{new}",
        check.stderr
    );
}

fn every_write_on(name: &str) {
    let v = variants()
        .into_iter()
        .find(|v| v.name == name)
        .expect("variant");
    for w in writes() {
        check_write(&v, &w);
    }
}

// ---------------------------------------------------------------- every write, every variant

#[test]
fn every_write_on_the_sample() {
    every_write_on("sample");
}

#[test]
fn every_write_with_crlf_line_endings() {
    every_write_on("sample, CRLF");
}

#[test]
fn every_write_with_a_byte_order_mark() {
    every_write_on("sample, BOM");
}

#[test]
fn every_write_with_a_byte_order_mark_and_crlf() {
    every_write_on("sample, BOM and CRLF");
}

#[test]
fn every_write_with_four_space_indentation() {
    every_write_on("four-space");
}

#[test]
fn every_write_with_four_space_indentation_and_crlf() {
    every_write_on("four-space, CRLF");
}

#[test]
fn every_write_with_flow_style_empty_lists() {
    every_write_on("flow-empty");
}

#[test]
fn every_write_with_flow_style_lists_bom_and_crlf() {
    every_write_on("flow-empty, BOM and CRLF");
}

// ---------------------------------------------------------------- in sequence

/// All the writes, one after another in the same file: each one keeps what the last left.
#[test]
fn a_sequence_of_writes_keeps_everything_each_time() {
    for v in variants() {
        let t = Test::new().ledger_bytes(v.text.as_bytes());
        let mut before = v.text.clone();
        for w in writes() {
            let ctx = format!("[{}] in sequence: {}", v.name, w.name);
            let out = t.then(w.args);
            assert_eq!(out.code, Some(0), "{ctx}: {}", out.stderr);
            let new = file_text(&t);
            assert_lossless(&before, &new, w.record, &ctx);
            t.then(&["check"]).success();
            before = new;
        }
        // From the first text to the last, every original line is still there.
        let kept: Vec<String> = lines(&v.text)
            .into_iter()
            .filter(|l| !is_flow_list_line(l))
            .map(String::from)
            .collect();
        let now: Vec<String> = lines(&before).into_iter().map(String::from).collect();
        assert_subsequence(&kept, &now, "the line", v.name, &before);
        t.then(&["check"]).success().stdout_has("6 commitments");
    }
}

// ---------------------------------------------------------------- exact shapes

#[test]
fn an_appended_event_lands_at_the_end_of_its_history_and_nowhere_else() {
    let t = Test::new().sample().args(&[
        "update",
        "de-smuggling-law",
        "--status",
        "in-progress",
        "--date",
        "2025-05-01",
        "--evidence",
        "source",
    ]);
    t.run().success();
    let anchor =
        "    - date: 2025-03-31\n      status: announced\n      evidence:\n      - source\n";
    let i = SAMPLE.find(anchor).expect("anchor") + anchor.len();
    // Laid out like the record: its lists are level with their keys (`evidence:` / `- source`).
    let inserted = concat!(
        "    - date: 2025-05-01\n",
        "      status: in-progress\n",
        "      evidence:\n",
        "      - source\n",
        "      recorded_by: tester\n",
        "      recorded_at: 2026-11-22T09:00:00Z\n",
    );
    let expected = format!("{}{inserted}{}", &SAMPLE[..i], &SAMPLE[i..]);
    assert_eq!(t.file(), expected);
}

#[test]
fn a_gap_on_the_last_record_goes_before_the_closing_comment() {
    let t = Test::new().sample().args(&[
        "gap",
        "uk-cps-3m",
        "--note",
        "Nothing found",
        "--checked",
        "2026-11-21",
    ]);
    t.run().success();
    let text = t.file();
    let expected = SAMPLE.replace(
        "        note: \"Test record: no source given\"\n\n# end of file comment\n",
        "        note: \"Test record: no source given\"\n    gaps:\n      - note: Nothing found\n        checked: 2026-11-21\n\n# end of file comment\n",
    );
    assert_eq!(text, expected);
}

#[test]
fn a_new_record_goes_after_the_last_one_and_before_the_closing_comment() {
    let t = Test::new().sample().args(&[
        "add",
        "x-new",
        "--title",
        "New",
        "--owner",
        "O",
        "--made",
        "2025-04-01",
    ]);
    t.run().success();
    let text = t.file();
    let at = SAMPLE.find("\n# end of file comment").expect("anchor");
    assert!(text.starts_with(&SAMPLE[..at]), "{text}");
    assert!(text.ends_with(&SAMPLE[at..]), "{text}");
    let added = &text[at..text.len() - (SAMPLE.len() - at)];
    assert!(added.starts_with("  - id: x-new\n"), "{added}");
}

#[test]
fn writes_after_init_keep_its_comments() {
    let t = Test::new().args(&["init", "--title", "Ledger"]);
    t.run().success();
    let original = t.file();
    let heading: Vec<&str> = original.lines().filter(|l| l.starts_with('#')).collect();
    assert!(!heading.is_empty());
    t.then(&[
        "add",
        "x-one",
        "--title",
        "One",
        "--owner",
        "O",
        "--made",
        "2025-03-31",
    ])
    .success();
    t.then(&["gap", "x-one", "--note", "none"]).success();
    t.then(&[
        "evidence",
        "x-one",
        "--url",
        "https://example.org",
        "--title",
        "E",
        "--id",
        "e",
    ])
    .success();
    t.then(&[
        "update",
        "x-one",
        "--status",
        "in-progress",
        "--date",
        "2025-04-01",
        "--evidence",
        "e",
    ])
    .success();
    let text = t.file();
    for h in heading {
        assert!(text.contains(h), "lost {h:?}:\n{text}");
    }
    assert!(
        text.starts_with(original.split("commitments:").next().unwrap()),
        "{text}"
    );
    t.then(&["check"])
        .success()
        .stdout_has("1 commitment, 1 evidence entry, 2 status events");
}

#[test]
fn quoting_and_key_order_of_the_edited_record_survive() {
    let t = Test::new()
        .sample()
        .args(&["gap", "fr-mobile-unit", "--note", "n"]);
    t.run().success();
    let before = &SAMPLE[record_span(SAMPLE, "fr-mobile-unit")];
    let text = t.file();
    let after = &text[record_span(&text, "fr-mobile-unit")];
    // Nothing of the record's own text was rewritten: it only grew at the end.
    assert!(after.starts_with(before), "was:\n{before}\nnow:\n{after}");
    assert!(after.contains(
        "      title: \"UK hosts first major international summit to tackle illegal migration\""
    ));
    assert!(after.contains("{date: 2025-04-01, status: in-progress, evidence: [times-2025-03-30], note: \"Reported by The Times that deployment had begun\"}"));
}

// ---------------------------------------------------------------- refusals change nothing

#[test]
fn refused_writes_leave_every_variant_byte_for_byte_unchanged() {
    let refused: &[(&str, &[&str])] = &[
        (
            "unknown status",
            &[
                "update",
                "fr-mobile-unit",
                "--status",
                "done",
                "--date",
                "2025-07-01",
                "--evidence",
                "source",
            ],
        ),
        (
            "unknown commitment",
            &[
                "update",
                "nope",
                "--status",
                "stalled",
                "--date",
                "2025-07-01",
                "--evidence",
                "source",
            ],
        ),
        (
            "unknown evidence",
            &[
                "update",
                "fr-mobile-unit",
                "--status",
                "stalled",
                "--date",
                "2025-07-01",
                "--evidence",
                "nope",
            ],
        ),
        (
            "date before made",
            &[
                "update",
                "fr-mobile-unit",
                "--status",
                "stalled",
                "--date",
                "2025-01-01",
                "--evidence",
                "source",
            ],
        ),
        (
            "future date",
            &[
                "update",
                "fr-mobile-unit",
                "--status",
                "stalled",
                "--date",
                "2030-01-01",
                "--evidence",
                "source",
            ],
        ),
        (
            "no evidence",
            &[
                "update",
                "fr-mobile-unit",
                "--status",
                "stalled",
                "--date",
                "2025-07-01",
            ],
        ),
        (
            "duplicate id",
            &[
                "add",
                "uk-cps-3m",
                "--title",
                "T",
                "--owner",
                "O",
                "--made",
                "2025-03-31",
            ],
        ),
        (
            "duplicate evidence id",
            &[
                "evidence",
                "fr-mobile-unit",
                "--url",
                "https://example.org",
                "--title",
                "T",
                "--id",
                "times-2025-03-30",
            ],
        ),
        (
            "bad url",
            &[
                "evidence",
                "fr-mobile-unit",
                "--url",
                "file:///etc/passwd",
                "--title",
                "T",
            ],
        ),
        ("ambiguous prefix", &["gap", "9a1d", "--note", "n"]),
        (
            "date in the future",
            &["gap", "uk-cps-3m", "--note", "n", "--checked", "2099-02-28"],
        ),
    ];
    for v in variants() {
        let t = Test::new().ledger_bytes(v.text.as_bytes());
        for (what, args) in refused {
            t.then(args).failure(1);
            assert!(
                t.file_bytes() == v.text.as_bytes(),
                "[{}] {what}: the file changed:\n{}",
                v.name,
                t.file()
            );
        }
        let usage = t.then(&["update", "fr-mobile-unit"]).failure(2);
        assert!(usage.stderr.contains("--status"), "{}", usage.stderr);
        assert!(
            t.file_bytes() == v.text.as_bytes(),
            "[{}] usage error changed the file",
            v.name
        );
    }
}

#[test]
fn reading_commands_never_touch_the_file() {
    for v in variants() {
        let t = Test::new().ledger_bytes(v.text.as_bytes());
        for args in [
            &["check"][..],
            &["report"],
            &["report", "--format", "json"],
            &["list", "--overdue"],
            &["show", "fr-mobile-unit"],
            &["show", "uk-cps-3m", "--format", "json"],
        ] {
            t.then(args).success();
        }
        assert!(
            t.file_bytes() == v.text.as_bytes(),
            "[{}] a read changed the file",
            v.name
        );
    }
}

#[test]
fn a_write_leaves_only_the_ledger_and_its_undo_journal() {
    let t = Test::new()
        .sample()
        .args(&["gap", "uk-cps-3m", "--note", "n"]);
    t.run().success();
    let names: Vec<String> = std::fs::read_dir(t.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    // The lock is taken on the ledger itself (so `git clean` cannot take it away); the journal
    // is there for `undo`; no temporary files are left behind.
    assert!(
        names.contains(&".commitments.yaml.undo".to_string()),
        "{names:?}"
    );
    let mut rest: Vec<&String> = names
        .iter()
        .filter(|n| !matches!(n.as_str(), "commitments.yaml" | ".commitments.yaml.undo"))
        .collect();
    rest.sort();
    assert!(rest.is_empty(), "left behind: {rest:?}");
}

#[test]
fn a_symlinked_ledger_stays_a_link_and_its_target_is_updated() {
    let t = Test::new();
    let real = t.dir.path().join("real.yaml");
    std::fs::write(&real, SAMPLE).unwrap();
    std::os::unix::fs::symlink(&real, t.path()).unwrap();
    t.then(&["gap", "uk-cps-3m", "--note", "through the link"])
        .success();
    assert!(
        std::fs::symlink_metadata(t.path())
            .unwrap()
            .file_type()
            .is_symlink()
    );
    let text = std::fs::read_to_string(&real).unwrap();
    assert!(text.contains("through the link"));
    assert_lossless(SAMPLE, &text, Some("uk-cps-3m"), "symlink");
}

#[test]
fn concurrent_writers_both_land() {
    let t = Test::new().sample();
    let dir = t.dir.path().to_path_buf();
    let env: Vec<(String, String)> = vec![
        ("COMMITMENTS_TODAY".into(), TODAY.into()),
        ("COMMITMENTS_USER".into(), "tester".into()),
    ];
    let handles: Vec<_> = (0..8)
        .map(|i| {
            let dir = dir.clone();
            let env = env.clone();
            std::thread::spawn(move || {
                let note = format!("concurrent gap {i}");
                let args: Vec<String> = ["gap", "uk-cps-3m", "--note", &note]
                    .iter()
                    .map(|s| s.to_string())
                    .collect();
                run_in(&dir, &args, &env)
            })
        })
        .collect();
    for h in handles {
        let out = h.join().unwrap();
        // A writer may lose a race with an editor-style change check; it must then say so
        // and change nothing, never tear the file. With only CLI writers, all should land.
        assert_eq!(out.code, Some(0), "{}", out.stderr);
    }
    let text = t.file();
    for i in 0..8 {
        assert!(
            text.contains(&format!("concurrent gap {i}")),
            "gap {i} lost:\n{text}"
        );
    }
    t.then(&["check"]).success();
    assert!(text.starts_with(&SAMPLE[..record_span(SAMPLE, "uk-cps-3m").end]));
    assert!(text.ends_with("\n# end of file comment\n"));
}

// ---------------------------------------------------------------- the checks themselves

/// The assertions above must fail on damage, or the tests prove nothing.
#[test]
fn the_lossless_checks_catch_damage() {
    let good = SAMPLE.replace(
        "        checked: 2026-11-20\n",
        "        checked: 2026-11-20\n      - note: added\n",
    );
    assert_lossless(SAMPLE, &good, Some("fr-mobile-unit"), "the undamaged edit");
    let damaged = [
        (
            "a comment before the record",
            good.replace("# single-quoted on purpose", ""),
        ),
        (
            "a comment inside the record",
            good.replace("      # Reported, not confirmed.\n", ""),
        ),
        (
            "a trailing comment inside the record",
            good.replace("   # the slug", ""),
        ),
        (
            "a blank line inside the record",
            good.replacen("unit\n\n    history:", "unit\n    history:", 1),
        ),
        (
            "the closing comment",
            good.replace("# end of file comment\n", ""),
        ),
        (
            "quoting after the record",
            good.replace(
                "\"Test record: no source given\"",
                "'Test record: no source given'",
            ),
        ),
        (
            "a reordered key",
            good.replace(
                "    made: 2025-03-31\n    due: 2025-12-31\n",
                "    due: 2025-12-31\n    made: 2025-03-31\n",
            ),
        ),
    ];
    for (what, text) in damaged {
        assert_ne!(text, good, "{what}: the damage did nothing");
        let caught = std::panic::catch_unwind(|| {
            assert_lossless(SAMPLE, &text, Some("fr-mobile-unit"), what)
        });
        assert!(caught.is_err(), "damage to {what} went unnoticed");
    }
    let crlf_original = crlf(SAMPLE);
    let crlf_good = crlf(&good);
    assert_lossless(&crlf_original, &crlf_good, Some("fr-mobile-unit"), "CRLF");
    let one_lf = crlf_good.replacen("      - note: added\r\n", "      - note: added\n", 1);
    assert!(
        std::panic::catch_unwind(|| assert_lossless(
            &crlf_original,
            &one_lf,
            Some("fr-mobile-unit"),
            "LF"
        ))
        .is_err()
    );
    let no_bom = good.clone();
    assert!(
        std::panic::catch_unwind(|| assert_lossless(
            &bom(SAMPLE),
            &no_bom,
            Some("fr-mobile-unit"),
            "BOM"
        ))
        .is_err()
    );
}

#[test]
fn every_write_with_null_lists() {
    every_write_on("null lists");
}

#[test]
fn every_write_with_comments_outside_the_document() {
    every_write_on("explicit document");
}

#[test]
fn every_write_with_comments_outside_the_document_bom_and_crlf() {
    every_write_on("explicit document, BOM and CRLF");
}

#[test]
fn a_ledger_with_no_commitments_yet_takes_an_add() {
    for text in [
        "version: 1\ncommitments:   # none yet\n# the end\n",
        "version: 1\ncommitments: ~\n",
        "version: 1\ncommitments: []  # none yet\n\n# the end\n",
        "# no commitments key at all\nversion: 1\n",
    ] {
        let t = Test::new().ledger(text);
        t.then(&["check"]).success().stdout_has("0 commitments");
        t.then(&[
            "add",
            "x-one",
            "--title",
            "T",
            "--owner",
            "O",
            "--made",
            "2025-03-31",
        ])
        .success();
        let new = t.file();
        t.then(&["check"]).success().stdout_has("1 commitment,");
        let comments =
            |s: &str| -> Vec<String> { lines(s).into_iter().filter_map(comment).collect() };
        assert_eq!(comments(text), comments(&new), "comments changed:\n{new}");
        assert!(
            new.starts_with("version: 1\n") || new.starts_with("# no commitments"),
            "{new}"
        );
    }
}

/// New entries are laid out like the record they join: in a file indented by four spaces,
/// with `-   ` before each item, a new event, evidence entry, gap and commitment use the same
/// layout, and nothing else in the file moves.
#[test]
fn new_entries_follow_a_four_space_layout() {
    let original = include_str!("fixtures/four-space.yaml");
    let t = Test::new().ledger(original);
    let update = [
        "update",
        "de-smuggling-law",
        "--status",
        "in-progress",
        "--date",
        "2025-05-01",
        "--evidence",
        "source",
    ];
    t.then(&update).success();
    let event = concat!(
        "            -   date: 2025-05-01\n",
        "                status: in-progress\n",
        "                evidence:\n",
        "                    - source\n",
        "                recorded_by: tester\n",
        "                recorded_at: 2026-11-22T09:00:00Z\n",
    );
    let after = t.file();
    assert!(after.contains(event), "{after}");
    assert_eq!(
        after.replacen(event, "", 1),
        original,
        "only the event was added"
    );

    t.then(&[
        "evidence",
        "de-smuggling-law",
        "--url",
        "https://example.org/law",
        "--title",
        "Law passed",
        "--published",
        "2025-12-19",
        "--accessed",
    ])
    .success();
    let evidence = concat!(
        "        evidence:\n",
        "            -   id: example-org-2025-12-19-law\n",
        "                title: Law passed\n",
        "                url: https://example.org/law\n",
        "                published: 2025-12-19\n",
        "                accessed: 2026-11-22\n",
        "        history:\n",
    );
    assert!(t.file().contains(evidence), "{}", t.file());

    t.then(&[
        "gap",
        "de-smuggling-law",
        "--note",
        "No date in force found.",
        "--checked",
    ])
    .success();
    let gap = concat!(
        "        gaps:\n",
        "            -   note: No date in force found.\n",
        "                checked: 2026-11-22\n",
    );
    assert!(t.file().contains(gap), "{}", t.file());

    t.then(&[
        "add",
        "it-taskforce",
        "--title",
        "A taskforce",
        "--owner",
        "Italy",
        "--made",
        "2025-03-31",
        "--tag",
        "italy",
    ])
    .success();
    let record = "    -   id: it-taskforce\n";
    let file = t.file();
    let at = file.find(record).unwrap_or_else(|| panic!("{file}"));
    assert!(
        file[at..].contains("        tags:\n            - italy\n        history:\n            -   date: 2025-03-31\n"),
        "{}",
        &file[at..]
    );
    t.then(&["check"]).success();
}

/// `correct` changes one value in place: on every variant of the hand-kept sample (CRLF, BOM,
/// four-space indent, ...), every comment and blank line stays, every other line is kept, and
/// only the corrected line and the new `corrections:` entry differ.
#[test]
fn a_correction_keeps_every_comment_and_every_other_line() {
    for v in variants() {
        let t = Test::new().ledger(&v.text);
        let out = t.then(&[
            "correct",
            "fr-mobile-unit",
            "owner=France (Ministère de l'Intérieur)",
            "--reason",
            "the ministry's own name",
        ]);
        let ctx = format!("correct on {}", v.name);
        assert_eq!(out.code, Some(0), "{ctx}: {}", out.stderr);
        let new = file_text(&t);
        let comments =
            |t: &str| -> Vec<String> { lines(t).into_iter().filter_map(comment).collect() };
        assert_subsequence(
            &comments(&v.text),
            &comments(&new),
            "the comment",
            &ctx,
            &new,
        );
        let kept: Vec<String> = lines(&v.text)
            .into_iter()
            .filter(|l| !l.contains("owner: France (Ministry of the Interior)"))
            .map(String::from)
            .collect();
        let now: Vec<String> = lines(&new).into_iter().map(String::from).collect();
        assert_subsequence(&kept, &now, "the line", &ctx, &new);
        assert!(
            new.contains("France (Ministère de l'Intérieur)"),
            "{ctx}: letters as typed"
        );
        assert_eq!(new.starts_with(BOM), v.text.starts_with(BOM), "{ctx}");
        t.then(&["check"]).success();
    }
}

/// `retire` adds one mapping to the record: every line of every variant is kept.
#[test]
fn a_retirement_keeps_every_line() {
    for v in variants() {
        let t = Test::new().ledger(&v.text);
        let out = t.then(&[
            "retire",
            "fr-mobile-unit",
            "--reason",
            "dropped by the ministère",
        ]);
        let ctx = format!("retire on {}", v.name);
        assert_eq!(out.code, Some(0), "{ctx}: {}", out.stderr);
        let new = file_text(&t);
        assert_lossless(&v.text, &new, Some("fr-mobile-unit"), &ctx);
        assert!(new.contains("dropped by the ministère"), "{ctx}");
        t.then(&["check"]).success();
    }
}

/// `retract` appends to the record: every line of every variant is kept.
#[test]
fn a_retraction_keeps_every_line() {
    for v in variants() {
        let t = Test::new().ledger(&v.text);
        let out = t.then(&[
            "retract",
            "fr-mobile-unit",
            "--event",
            "2025-04-01",
            "--reason",
            "rapport erroné",
        ]);
        let ctx = format!("retract on {}", v.name);
        assert_eq!(out.code, Some(0), "{ctx}: {}", out.stderr);
        let new = file_text(&t);
        assert_lossless(&v.text, &new, Some("fr-mobile-unit"), &ctx);
        assert!(new.contains("rapport erroné"), "{ctx}");
        t.then(&["check"]).success();
    }
}

/// `correct` on a list (`tags+=`, `partners=`, `tags-=`): on every variant, every comment
/// stays (the one on a block list's item too), every line but the list's own flow line is
/// kept, and the file passes `check`.
#[test]
fn a_list_correction_keeps_every_comment_and_every_other_line() {
    for v in variants() {
        let t = Test::new().ledger(&v.text);
        for change in [
            ["de-smuggling-law", "tags+=Bundesrat"],
            ["fr-mobile-unit", "partners=United Kingdom,Albania"],
            ["fr-mobile-unit", "tags-=enforcement"],
        ] {
            let before = file_text(&t);
            let ctx = format!("correct {} on {}", change[1], v.name);
            let out = t.then(&[
                "correct",
                change[0],
                change[1],
                "--reason",
                "la liste était fausse",
            ]);
            assert_eq!(out.code, Some(0), "{ctx}: {}", out.stderr);
            let new = file_text(&t);
            let comments =
                |t: &str| -> Vec<String> { lines(t).into_iter().filter_map(comment).collect() };
            assert_subsequence(
                &comments(&before),
                &comments(&new),
                "the comment",
                &ctx,
                &new,
            );
            let list_line = |l: &str| {
                let l = l.trim();
                (l.starts_with("tags:") || l.starts_with("partners:")) && l.contains('[')
            };
            let kept: Vec<String> = lines(&before)
                .into_iter()
                .filter(|l| !list_line(l))
                .map(String::from)
                .collect();
            let now: Vec<String> = lines(&new).into_iter().map(String::from).collect();
            assert_subsequence(&kept, &now, "the line", &ctx, &new);
            assert_eq!(new.starts_with(BOM), v.text.starts_with(BOM), "{ctx}");
            t.then(&["check"]).success();
        }
        let j = t
            .then(&["show", "fr-mobile-unit", "--format", "json"])
            .success()
            .json();
        let c = &j["commitment"];
        assert_eq!(c["tags"], serde_json::json!(["france"]), "{}", v.name);
        assert_eq!(
            c["partners"],
            serde_json::json!(["United Kingdom", "Albania"]),
            "{}",
            v.name
        );
        let de = t
            .then(&["show", "de-smuggling-law", "--format", "json"])
            .success()
            .json();
        let tags = de["commitment"]["tags"].as_array().unwrap().clone();
        assert_eq!(tags.last().unwrap(), "Bundesrat", "{}", v.name);
    }
}
