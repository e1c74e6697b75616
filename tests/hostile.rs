//! Hostile and broken input, one test each: a clear message naming file:line:column where
//! there is one, exit 1, the file byte for byte unchanged, and never a panic. Also the inputs
//! that look odd but are valid (a byte-order mark, CRLF, a symlink) and must be kept as they are.

use std::os::unix::fs::PermissionsExt as _;
use std::time::{Duration, Instant};

use crate::harness::*;

/// `commitments.yaml:LINE:COLUMN` of the first `needle` in `text`, as messages print it.
fn at(text: &str, needle: &str) -> String {
    let i = text.find(needle).expect("the needle is in the text");
    let before = &text[..i];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
    format!("commitments.yaml:{line}:{column}:")
}

/// The sample with `old` replaced by `new` (exactly one occurrence, so the test says what it
/// breaks).
fn sample_with(old: &str, new: &str) -> String {
    assert_eq!(
        SAMPLE.matches(old).count(),
        1,
        "{old:?} must occur once in the sample"
    );
    SAMPLE.replacen(old, new, 1)
}

/// A bad ledger: `check` reports it with exit 1 and each of `expect` in the message; a write
/// is refused the same way and says nothing was changed; the file is as it was, and no undo
/// journal appears.
fn refused(bytes: &[u8], expect: &[&str]) -> Test {
    let t = Test::new().ledger_bytes(bytes);
    let check = t.then(&["check"]).failure(1);
    let write = t
        .then(&["gap", "fr-mobile-unit", "--note", "Looked again"])
        .failure(1)
        .stderr_has("nothing was changed");
    for e in expect {
        assert!(
            check.stderr.contains(e),
            "check lacks {e:?}:\n{}",
            check.stderr
        );
        assert!(
            write.stderr.contains(e),
            "the write lacks {e:?}:\n{}",
            write.stderr
        );
    }
    assert!(t.file_bytes() == bytes, "the file was changed");
    assert!(!t.dir.path().join(".commitments.yaml.undo").exists());
    t
}

#[test]
fn syntax_error() {
    let text = sample_with("partners: [United Kingdom]", "partners: [United Kingdom");
    // The parser notices on the next line, where a `:` cannot stand inside an open list.
    refused(
        text.as_bytes(),
        &[
            &at(&text, ": 2025-03-31\n    due"),
            "a `:` cannot stand here\n",
            "help: check the lines above for a `[` or `{` that is never closed",
        ],
    );
}

#[test]
fn tab_indentation() {
    let text = sample_with("    - germany     # a tag", "\t- germany     # a tag");
    refused(
        text.as_bytes(),
        &[&at(&text, "\t- germany"), "indent with spaces, not tabs"],
    );
}

#[test]
fn duplicate_mapping_key() {
    let text = sample_with(
        "    owner: United Kingdom (Home Office)\n",
        "    owner: United Kingdom (Home Office)\n    owner: Home Office\n",
    );
    refused(
        text.as_bytes(),
        &[
            &at(&text, "owner: Home Office"),
            "`owner` is given twice in the same record\n",
            "help: a key may appear only once in each record; remove or merge the repeated one",
        ],
    );
}

#[test]
fn unknown_status() {
    let text = sample_with(
        "        status: announced\n        unsourced: true",
        "        status: finished\n        unsourced: true",
    );
    refused(
        text.as_bytes(),
        &[
            &at(&text, "finished"),
            "unknown status `finished`",
            "one of: announced",
        ],
    );
}

#[test]
fn impossible_date() {
    let text = sample_with("due: 2026-03-31", "due: 2026-02-30");
    refused(
        text.as_bytes(),
        &[
            &at(&text, "2026-02-30"),
            "not a real date",
            "February 2026 has 28 days",
        ],
    );
}

#[test]
fn date_in_a_wrong_format() {
    let text = sample_with("due: 2026-03-31", "due: 31/03/2026");
    refused(text.as_bytes(), &[&at(&text, "31/03/2026"), "YYYY-MM-DD"]);
}

#[test]
fn duplicate_id() {
    let text = sample_with("- id: de-smuggling-law", "- id: fr-mobile-unit");
    let second = text.match_indices("fr-mobile-unit").nth(1).unwrap().0;
    let line = text[..second].matches('\n').count() + 1;
    refused(
        text.as_bytes(),
        &[
            &format!("commitments.yaml:{line}:9:"),
            "the id `fr-mobile-unit` is used twice (first used on line 7)",
        ],
    );
}

#[test]
fn duplicate_uuid() {
    let text = sample_with(
        "uuid: 9a1d2c3e-0000-4000-8000-000000000003",
        "uuid: 9a1d2c3e-0000-4000-8000-000000000002",
    );
    let second = text
        .match_indices("9a1d2c3e-0000-4000-8000-000000000002")
        .nth(1)
        .unwrap()
        .0;
    let line = text[..second].matches('\n').count() + 1;
    refused(
        text.as_bytes(),
        &[
            &format!("commitments.yaml:{line}:11:"),
            "is also the UUID of `de-smuggling-law`",
        ],
    );
}

#[test]
fn event_citing_evidence_that_does_not_exist() {
    let text = sample_with(
        "evidence: [times-2025-03-30]",
        "evidence: [times-2025-03-31]",
    );
    refused(
        text.as_bytes(),
        &[&at(&text, "times-2025-03-31"), "times-2025-03-31"],
    );
}

#[test]
fn update_citing_evidence_that_does_not_exist() {
    let t = Test::new().sample();
    t.then(&[
        "update",
        "fr-mobile-unit",
        "--status",
        "delivered",
        "--date",
        "2025-06-01",
        "--evidence",
        "no-such-report",
    ])
    .failure(1)
    .stderr_has("fr-mobile-unit has no evidence with the id `no-such-report`")
    .stderr_has("its evidence ids are: source, times-2025-03-30");
    assert_eq!(t.file(), SAMPLE);
}

#[test]
fn unknown_commitment_id() {
    let t = Test::new().sample();
    t.then(&[
        "evidence",
        "fr-mobile",
        "--url",
        "https://example.org/a",
        "--title",
        "A",
    ])
    .failure(1)
    .stderr_has("no commitment has the id or UUID `fr-mobile`; did you mean `fr-mobile-unit`?");
    t.then(&["show", "nothing-like-it"])
        .failure(1)
        .stderr_has("`commitments list` shows them all");
    assert_eq!(t.file(), SAMPLE);
}

/// The classic "billion laughs": nine anchors, each a list of nine aliases of the one before,
/// 9^9 strings if expanded. Refused at once, without running out of time or memory, wherever
/// it stands: the schema has no place where lists nest, so the first nested list is an error
/// before any expansion.
#[test]
fn alias_bomb() {
    let mut bomb = String::from("a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for (name, prev) in ["b", "c", "d", "e", "f", "g", "h", "i"]
        .iter()
        .zip(["a", "b", "c", "d", "e", "f", "g", "h"])
    {
        bomb.push_str(&format!(
            "{name}: &{name} [{}]\n",
            vec![format!("*{prev}"); 9].join(", ")
        ));
    }
    let at_top = format!("{bomb}version: 1\ncommitments: []\n");
    let under_known_keys = format!(
        "version: 1\ncommitments:\n  - id: lol\n    tags: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n    partners: &b [{}]\n",
        ["*a"; 9].join(", ")
    );
    let as_the_commitments = bomb.replace("i: &i", "commitments: &i");
    for text in [at_top, under_known_keys, as_the_commitments] {
        let started = Instant::now();
        // Refused with a position, whichever limit or rule stops it first (at the top level,
        // the unknown key `a`, which is now reported in plain words, not as "not valid YAML").
        refused(
            text.as_bytes(),
            &["commitments.yaml:", "problem in commitments.yaml"],
        );
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "took {:?}",
            started.elapsed()
        );
    }
    // Aliases where they are valid are fine in moderation; tens of thousands of them meet
    // the reader's budget, which refuses the file with a position and in words.
    let aliases = |n: usize| {
        format!(
            "version: 1\ntitle: &t lol\ncommitments:\n  - id: a\n    title: T\n    owner: O\n    made: 2025-03-31\n    history: [{{date: 2025-03-31, status: announced, unsourced: true, note: n}}]\n    tags: [{}]\n",
            vec!["*t"; n].join(", ")
        )
    };
    Test::new().ledger(&aliases(10)).then(&["check"]).success();
    let started = Instant::now();
    let text = aliases(60_000);
    refused(
        text.as_bytes(),
        &[
            "commitments.yaml:",
            "more aliases (`*name`) than a ledger needs",
        ],
    );
    assert!(
        started.elapsed() < Duration::from_secs(20),
        "took {:?}",
        started.elapsed()
    );
}

#[test]
fn nesting_ten_thousand_deep() {
    let flow = format!(
        "version: 1\ncommitments: {}{}\n",
        "[".repeat(10_000),
        "]".repeat(10_000)
    );
    let deep = "the file nests lists or records inside each other more deeply than a ledger \
                ever does\n";
    let t = refused(flow.as_bytes(), &["commitments.yaml:2:", deep]);
    // The 20,000-character line is shown as a window around the problem, not whole.
    let out = t.then(&["check"]).failure(1);
    assert!(
        out.stderr.len() < 2_000,
        "the message is {} bytes",
        out.stderr.len()
    );
    let block = format!("version: 1\ntitle: {}x\n", "- ".repeat(10_000));
    refused(
        block.as_bytes(),
        &[
            "commitments.yaml:2:8: a list item (`- `) cannot start here\n",
            "help: a list goes on the lines below its key",
        ],
    );
}

#[test]
fn bytes_that_are_not_utf8() {
    let mut bytes = SAMPLE.as_bytes().to_vec();
    let i = SAMPLE.find("Test ledger").unwrap() + 4;
    bytes[i] = 0xE9; // "Test\xE9ledger": Latin-1, not UTF-8
    let position = at(SAMPLE, " ledger'");
    refused(
        &bytes,
        &[
            &format!("{position} the file is not UTF-8 text"),
            "save the file as UTF-8",
        ],
    );
}

#[test]
fn empty_file() {
    refused(
        b"",
        &["commitments.yaml: the file is empty", "commitments init"],
    );
    refused(b"\n  \n", &["the file is empty"]);
}

/// A file of nothing but comments used to pass `check` and then fail every write with an
/// internal error; it is as empty as an empty file.
#[test]
fn file_of_only_comments() {
    refused(
        b"# a ledger, one day\n\n# nothing yet\n",
        &["the file holds no data, only comments", "commitments init"],
    );
    // A second byte-order mark is allowed by YAML and is not content either (found by fuzzing).
    refused(
        "\u{feff}\u{feff}# a ledger\n".as_bytes(),
        &["the file holds no data, only comments"],
    );
    // Nor are directives and document markers (found by fuzzing: `...` alone).
    refused(b"...\n", &["the file holds no data"]);
    refused(
        b"%YAML 1.2\n--- # start\n...\n",
        &["the file holds no data"],
    );
    // Lone carriage returns end lines too (found by fuzzing).
    refused(b"\r\xef\xbb\xbf\r\n", &["the file holds no data"]);
    refused(
        b"# old Mac line endings\r# still a comment\r",
        &["the file holds no data"],
    );
    let mac = SAMPLE.replace('\n', "\r");
    Test::new().ledger(&mac).then(&["check"]).success();
}

#[test]
fn missing_file() {
    let t = Test::new();
    for args in [
        &["check"][..],
        &["gap", "x", "--note", "n"],
        &["undo"],
        &["list"],
    ] {
        t.then(args)
            .failure(1)
            .stderr_has("commitments.yaml does not exist; run `commitments init`");
    }
    assert!(!t.path().exists(), "nothing may be created");
}

#[test]
fn read_only_file() {
    let t = Test::new().sample();
    std::fs::set_permissions(t.path(), std::fs::Permissions::from_mode(0o444)).unwrap();
    t.then(&["gap", "fr-mobile-unit", "--note", "Looked again"])
        .failure(1)
        .stderr_has("commitments.yaml is read-only; nothing was changed");
    t.then(&["check"]).success();
    assert_eq!(t.file(), SAMPLE);
    let mode = std::fs::metadata(t.path()).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o444);
}

#[test]
fn folder_instead_of_a_file() {
    let t = Test::new();
    std::fs::create_dir(t.path()).unwrap();
    t.then(&["check"]).failure(1).stderr_has("is a folder");
    t.then(&["gap", "x", "--note", "n"]).failure(1);
}

/// A ledger of 100 MB is read, checked and written (limit: 512 MB, see `MAX_FILE_BYTES`).
/// Ignored by default because it takes about a minute in a debug build; `cargo test --release
/// -- --ignored hundred_megabytes` runs it, and docs/reliability.md has the figures.
#[test]
#[ignore]
fn hundred_megabytes() {
    let text = big_ledger::ledger_of_size(100 * 1024 * 1024);
    assert!(text.len() >= 100 * 1024 * 1024);
    let t = Test::new().ledger(&text);
    let started = Instant::now();
    t.then(&["check"]).success().stdout_has("ok —");
    let checked = started.elapsed();
    t.then(&["gap", "c-0", "--note", "Looked again"]).success();
    eprintln!(
        "100 MB: check {checked:?}, check and write {:?}",
        started.elapsed()
    );
    t.then(&["check"]).success();
}

/// Above the stated limit the refusal is immediate and says what the limit is. The file is
/// sparse, so this costs no disk.
#[test]
fn over_the_size_limit() {
    let t = Test::new().sample();
    let f = std::fs::OpenOptions::new()
        .write(true)
        .open(t.path())
        .unwrap();
    f.set_len(600 * 1024 * 1024).unwrap();
    t.then(&["check"])
        .failure(1)
        .stderr_has("is 600 MB; this program reads ledgers of up to 512 MB");
    t.then(&["gap", "fr-mobile-unit", "--note", "n"]).failure(1);
    assert_eq!(
        std::fs::metadata(t.path()).unwrap().len(),
        600 * 1024 * 1024
    );
}

#[test]
fn byte_order_mark_and_crlf_are_kept() {
    let crlf = SAMPLE.replace('\n', "\r\n");
    let mut bytes = "\u{feff}".as_bytes().to_vec();
    bytes.extend_from_slice(crlf.as_bytes());
    let t = Test::new().ledger_bytes(&bytes);
    t.then(&["check"]).success();
    t.then(&["gap", "de-smuggling-law", "--note", "Looked again"])
        .success();
    t.then(&[
        "evidence",
        "uk-cps-3m",
        "--url",
        "https://example.org/a",
        "--title",
        "A",
    ])
    .success();
    t.then(&[
        "update",
        "fr-mobile-unit",
        "--status",
        "delivered",
        "--date",
        "2025-06-01",
        "--evidence",
        "source",
    ])
    .success();
    t.then(&[
        "add",
        "be-new",
        "--title",
        "T",
        "--owner",
        "Belgium",
        "--made",
        "2025-04-01",
    ])
    .success();
    let after = t.file_bytes();
    assert!(
        after.starts_with("\u{feff}".as_bytes()),
        "the byte-order mark was lost"
    );
    let text = String::from_utf8(after).unwrap();
    assert_eq!(text.matches("\u{feff}").count(), 1);
    let lone = text
        .match_indices('\n')
        .filter(|(i, _)| !text[..*i].ends_with('\r'))
        .count();
    assert_eq!(lone, 0, "a line ends in LF, not CRLF:\n{text}");
    assert!(text.contains("be-new") && text.contains("Looked again"));
    // Everything that was there is still there, byte for byte, in order.
    let mut rest = text.as_str();
    for line in crlf.split_inclusive("\r\n") {
        let i = rest.find(line).unwrap_or_else(|| panic!("lost {line:?}"));
        rest = &rest[i + line.len()..];
    }
    t.then(&["check"]).success();
}

#[test]
fn symlinked_ledger_is_updated_through_the_link() {
    let t = Test::new();
    let real_dir = t.dir.path().join("data");
    std::fs::create_dir(&real_dir).unwrap();
    let real = real_dir.join("ledger.yaml");
    std::fs::write(&real, SAMPLE).unwrap();
    std::fs::set_permissions(&real, std::fs::Permissions::from_mode(0o640)).unwrap();
    std::os::unix::fs::symlink("data/ledger.yaml", t.path()).unwrap();
    t.then(&["gap", "fr-mobile-unit", "--note", "Looked again"])
        .success();
    let link = std::fs::symlink_metadata(t.path()).unwrap();
    assert!(
        link.file_type().is_symlink(),
        "the link was replaced by a file"
    );
    assert_eq!(
        std::fs::read_link(t.path()).unwrap(),
        std::path::Path::new("data/ledger.yaml")
    );
    let text = std::fs::read_to_string(&real).unwrap();
    assert!(text.contains("Looked again"), "the target was not updated");
    let mode = std::fs::metadata(&real).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o640, "the permissions changed");
    // The lock and the undo journal live beside the real file, and undo goes through the link.
    assert!(real_dir.join(".ledger.yaml.undo").exists());
    t.then(&["undo"])
        .success()
        .stdout_has("recorded a gap for `fr-mobile-unit`");
    assert_eq!(std::fs::read_to_string(&real).unwrap(), SAMPLE);
    assert!(
        std::fs::symlink_metadata(t.path())
            .unwrap()
            .file_type()
            .is_symlink()
    );
}

#[test]
fn permissions_are_kept() {
    for mode in [0o600, 0o640, 0o664] {
        let t = Test::new().sample();
        std::fs::set_permissions(t.path(), std::fs::Permissions::from_mode(mode)).unwrap();
        t.then(&["gap", "fr-mobile-unit", "--note", "Looked again"])
            .success();
        let got = std::fs::metadata(t.path()).unwrap().permissions().mode() & 0o777;
        assert_eq!(got, mode);
        // The journal holds the old text, so it is no more readable than the ledger.
        let journal = t.dir.path().join(".commitments.yaml.undo");
        let got = std::fs::metadata(journal).unwrap().permissions().mode() & 0o777;
        assert_eq!(got, mode, "the undo journal's permissions");
    }
}

/// Valid YAML around the document: a directive, comments above `---` and after `...`. These
/// used to pass `check` and then fail every write with an internal error.
#[test]
fn stream_level_comments_and_directives() {
    for (head, tail) in [
        ("# above the marker\n---\n", ""),
        ("%YAML 1.2\n---\n", ""),
        ("", "...\n# after the end marker\n"),
    ] {
        let text = format!("{head}{SAMPLE}{tail}");
        let t = Test::new().ledger(&text);
        t.then(&["gap", "de-smuggling-law", "--note", "Looked again"])
            .success();
        t.then(&[
            "evidence",
            "uk-cps-3m",
            "--url",
            "https://example.org/a",
            "--title",
            "A",
        ])
        .success();
        let after = t.file();
        assert!(after.starts_with(head) && after.ends_with(tail), "{after}");
        t.then(&["check"]).success();
    }
}

#[test]
fn terminal_escapes_are_stripped_from_tables_and_messages() {
    let esc = "\\e[2J\\e[31m";
    let text = sample_with(
        "title: GBP 3m for the Crown Prosecution Service",
        &format!("title: \"GBP 3m {esc}for the CPS\\e]0;pwned\\a\""),
    )
    .replace(
        "owner: United Kingdom (Home Office)",
        &format!("owner: \"United Kingdom {esc}(Home Office)\""),
    );
    let t = Test::new().ledger(&text);
    for args in [&["list"][..], &["show", "uk-cps-3m"], &["report"]] {
        let out = t.then(args).success();
        assert!(out.stdout.contains("for the CPS"), "{}", out.stdout);
        assert!(
            !out.stdout.contains('\u{1b}') && !out.stdout.contains('\u{7}'),
            "{args:?} printed an escape:\n{:?}",
            out.stdout
        );
    }
    // A status label of the ledger's own, in the summary line under the table.
    let labels = format!(
        "statuses:\n  - key: announced\n    label: \"Announced{esc}\"\n  - key: in-progress\n  - key: delivered\n    closed: true\n    score: 1\n{}",
        text.split_once("commitments:\n")
            .map(|(_, rest)| format!("commitments:\n{rest}"))
            .unwrap()
    );
    let t = Test::new().ledger(&format!("version: 1\n{labels}"));
    let out = t.then(&["list"]).success();
    assert!(!out.stdout.contains('\u{1b}'), "{:?}", out.stdout);
    // And in error messages, which repeat what the file says.
    let bad = sample_with(
        "status: announced\n        unsourced",
        "status: \"x\\e[2J\"\n        unsourced",
    );
    let t = Test::new().ledger(&bad);
    let out = t.then(&["check"]).failure(1).stderr_has("unknown status");
    assert!(!out.stderr.contains('\u{1b}'), "{:?}", out.stderr);
    let out = t.then(&["show", "\u{1b}[2Jx"]).failure(1);
    assert!(!out.stderr.contains('\u{1b}'), "{:?}", out.stderr);
}

#[test]
fn urls_that_are_not_http_are_refused_at_input() {
    let t = Test::new().sample();
    for url in [
        "javascript:alert(1)",
        "JavaScript:alert(document.cookie)",
        "data:text/html,<script>alert(1)</script>",
        "file:///etc/passwd",
        "vbscript:msgbox",
        "//evil.example/x",
        "https://",
        "https://exa mple.org",
    ] {
        t.then(&["evidence", "fr-mobile-unit", "--url", url, "--title", "T"])
            .failure(1)
            .stderr_has("is not an http(s) address");
        t.then(&[
            "update",
            "fr-mobile-unit",
            "--status",
            "delivered",
            "--date",
            "2025-06-01",
            "--evidence-url",
            url,
            "--evidence-title",
            "T",
        ])
        .failure(1)
        .stderr_has("is not an http(s) address");
        t.then(&[
            "add",
            "x-new",
            "--title",
            "T",
            "--owner",
            "O",
            "--made",
            "2025-04-01",
            "--source-title",
            "S",
            "--source-url",
            url,
        ])
        .failure(1)
        .stderr_has("is not an http(s) address");
    }
    assert_eq!(t.file(), SAMPLE);
    // In the file, by hand: refused by `check` with where it is.
    let text = sample_with("url: https://example.org/times", "url: javascript:alert(1)");
    refused(
        text.as_bytes(),
        &[&at(&text, "javascript:"), "`url` is not a web address"],
    );
}

#[path = "../stress/big_ledger.rs"]
mod big_ledger;

/// `commitments:` or `evidence:` with nothing after it (or `~`) is a valid, empty list; the
/// first write to it used to fail with an internal error (found by fuzzing).
#[test]
fn empty_lists_written_as_null_take_a_write() {
    for empty in ["", " ~", " null", "   # none yet"] {
        let t = Test::new().ledger(&format!("version: 1\ncommitments:{empty}\n# the end\n"));
        t.then(&[
            "add",
            "x-new",
            "--title",
            "T",
            "--owner",
            "O",
            "--made",
            "2025-04-01",
        ])
        .success();
        t.then(&["gap", "x-new", "--note", "Looked"]).success();
        t.then(&["check"]).success().stdout_has("1 commitment");
        assert!(t.file().contains("# the end"));
    }
    let text = sample_with(
        "    funding: {amount: 3000000, currency: GBP}\n",
        "    funding: {amount: 3000000, currency: GBP}\n    evidence:   # none yet\n    gaps: ~\n",
    );
    let t = Test::new().ledger(&text);
    t.then(&[
        "evidence",
        "uk-cps-3m",
        "--url",
        "https://example.org/a",
        "--title",
        "A",
    ])
    .success();
    t.then(&["gap", "uk-cps-3m", "--note", "Looked"]).success();
    t.then(&["check"]).success();
    assert!(t.file().contains("evidence:   # none yet\n"));
}

/// Valid YAML that the lossless editor cannot read (found by fuzzing): refused clearly, not as
/// an internal error, and the file is untouched; `check` still accepts it.
#[test]
fn yaml_the_editor_cannot_read_is_refused_clearly() {
    let text = "version: 1\ndescription:\n !note # c\n  word\n\n a\ncommitments: []\n";
    let t = Test::new().ledger(text);
    t.then(&["check"]).success();
    t.then(&[
        "add",
        "x-new",
        "--title",
        "T",
        "--owner",
        "O",
        "--made",
        "2025-04-01",
    ])
    .failure(1)
    .stderr_has("commitments.yaml is valid, but this program cannot change it without risk")
    .stderr_has("nothing was changed");
    assert_eq!(t.file(), text);
}
