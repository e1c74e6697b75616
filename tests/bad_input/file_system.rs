//! The file system: a missing, read-only or oversized ledger, a folder in its place; and the odd but valid (a byte-order mark, CRLF, a symlink, permissions) kept as they are.

use std::os::unix::fs::PermissionsExt as _;
use std::time::Instant;

use super::*;

#[test]
fn missing_file_suggests_init() {
    for args in [
        &["check"][..],
        &["report"],
        &["show", "x"],
        &["gap", "x", "--note", "n"],
        &[
            "add",
            "x-one",
            "--title",
            "T",
            "--owner",
            "O",
            "--made",
            "2025-03-31",
        ],
    ] {
        let t = Test::new();
        t.then(args)
            .failure(3)
            .stderr_has("commitments.yaml does not exist")
            .stderr_has("commitments init");
        assert!(!t.path().exists(), "{args:?} created the file");
    }
    let t = Test::new();
    t.then(&["-f", "elsewhere/ledger.yaml", "check"])
        .failure(3)
        .stderr_has("the folder elsewhere does not exist, so there is no elsewhere/ledger.yaml");
}

#[test]
fn read_only_file_is_not_updated() {
    use std::os::unix::fs::PermissionsExt as _;
    let t = Test::new().sample();
    std::fs::set_permissions(t.path(), std::fs::Permissions::from_mode(0o444)).unwrap();
    for args in [
        &[
            "update",
            "fr-mobile-unit",
            "--status",
            "stalled",
            "--date",
            "2025-06-01",
            "--evidence",
            "source",
        ][..],
        &["gap", "fr-mobile-unit", "--note", "n"],
        &[
            "evidence",
            "fr-mobile-unit",
            "--url",
            "https://example.org",
            "--title",
            "T",
        ],
        &[
            "add",
            "x-new",
            "--title",
            "T",
            "--owner",
            "O",
            "--made",
            "2025-03-31",
        ],
    ] {
        t.then(args)
            .failure(3)
            .stderr_has("read-only")
            .stderr_has("nothing was changed");
        assert!(
            t.file_bytes() == SAMPLE.as_bytes(),
            "{args:?} changed the file"
        );
    }
    let mode = std::fs::metadata(t.path()).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o444, "the file's mode changed");
    // Reading is fine.
    t.then(&["check"]).success();
    std::fs::set_permissions(t.path(), std::fs::Permissions::from_mode(0o644)).unwrap();
}

#[test]
fn a_folder_instead_of_a_file() {
    let t = Test::new();
    let dir = t.dir.path().to_str().unwrap().to_string();
    t.then(&["-f", &dir, "check"])
        .failure(3)
        .stderr_has("is a folder");
    t.then(&["-f", &dir, "gap", "x", "--note", "n"]).failure(3);
}

#[test]
fn init_into_a_missing_folder_fails_cleanly() {
    let t = Test::new();
    t.then(&["-f", "no/such/folder/ledger.yaml", "init"])
        .failure(3);
    assert!(!t.dir.path().join("no").exists());
}

// ---------------------------------------------------------------- the command line

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
            .failure(3)
            .stderr_has("commitments.yaml does not exist; run `commitments init`");
    }
    assert!(!t.path().exists(), "nothing may be created");
}

#[test]
fn read_only_file() {
    let t = Test::new().sample();
    std::fs::set_permissions(t.path(), std::fs::Permissions::from_mode(0o444)).unwrap();
    t.then(&["gap", "fr-mobile-unit", "--note", "Looked again"])
        .failure(3)
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
    t.then(&["check"]).failure(3).stderr_has("is a folder");
    t.then(&["gap", "x", "--note", "n"]).failure(3);
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
