//! Recovering from mistakes: `undo` takes back the last write while nobody has changed the
//! file since, and a write refuses when the file changes on disk while it works.

use std::io::Write as _;
use std::process::{Command, Stdio};

use crate::harness::*;

#[test]
fn undo_reverts_the_last_write_and_says_what_it_was() {
    let t = Test::new().sample();
    t.then(&[
        "evidence",
        "fr-mobile-unit",
        "--url",
        "https://example.org/a",
        "--title",
        "A",
        "--id",
        "extra",
    ])
    .success();
    assert_ne!(t.file(), SAMPLE);
    t.then(&["undo"]).success().stdout_has(
        "Undid the last change to commitments.yaml (added evidence `extra` to `fr-mobile-unit`",
    );
    assert_eq!(t.file(), SAMPLE, "undo must restore the bytes exactly");
    // One level: the journal is spent.
    t.then(&["undo"]).failure(1).stderr_has("nothing to undo");
    assert_eq!(t.file(), SAMPLE);
}

#[test]
fn undo_names_every_kind_of_write() {
    for (args, said) in [
        (
            &[
                "add",
                "be-new",
                "--title",
                "T",
                "--owner",
                "Belgium",
                "--made",
                "2025-04-01",
            ][..],
            "added commitment `be-new`",
        ),
        (
            &[
                "update",
                "uk-cps-3m",
                "--status",
                "in-progress",
                "--date",
                "2025-06-01",
                "--unsourced",
                "--note",
                "n",
            ],
            "recorded `in-progress` from 2025-06-01 for `uk-cps-3m`",
        ),
        (
            &[
                "update",
                "fr-mobile-unit",
                "--status",
                "delivered",
                "--date",
                "2025-06-01",
                "--evidence-url",
                "https://example.org/b",
                "--evidence-title",
                "B",
                "--evidence-id",
                "b",
            ],
            "added evidence `b` to `fr-mobile-unit`; recorded `delivered` from 2025-06-01 for `fr-mobile-unit`",
        ),
        (
            &["gap", "de-smuggling-law", "--note", "Looked"],
            "recorded a gap for `de-smuggling-law`",
        ),
    ] {
        let t = Test::new().sample();
        t.then(args).success();
        t.then(&["undo"]).success().stdout_has(said);
        assert_eq!(t.file(), SAMPLE);
    }
}

#[test]
fn undo_only_reverts_the_last_of_several_writes() {
    let t = Test::new().sample();
    t.then(&["gap", "de-smuggling-law", "--note", "First"])
        .success();
    let after_first = t.file();
    t.then(&["gap", "de-smuggling-law", "--note", "Second"])
        .success();
    t.then(&["undo"]).success().stdout_has("recorded a gap");
    assert_eq!(t.file(), after_first);
}

#[test]
fn undo_refuses_after_a_hand_edit() {
    let t = Test::new().sample();
    t.then(&["gap", "de-smuggling-law", "--note", "Looked"])
        .success();
    let edited = t.file().replace(
        "# end of file comment",
        "# end of file comment, edited by hand",
    );
    std::fs::write(t.path(), &edited).unwrap();
    t.then(&["undo"])
        .failure(1)
        .stderr_has("commitments.yaml has changed since the last write by `commitments` (recorded a gap for `de-smuggling-law`")
        .stderr_has("undo would lose that change, so nothing was done");
    assert_eq!(t.file(), edited);
}

#[test]
fn undo_refuses_when_the_file_is_already_back() {
    let t = Test::new().sample();
    t.then(&["gap", "de-smuggling-law", "--note", "Looked"])
        .success();
    // `git checkout commitments.yaml`, say.
    std::fs::write(t.path(), SAMPLE).unwrap();
    t.then(&["undo"])
        .failure(1)
        .stderr_has("already as it was before the last recorded write");
    assert_eq!(t.file(), SAMPLE);
}

#[test]
fn undo_with_nothing_recorded() {
    let t = Test::new().sample();
    t.then(&["undo"])
        .failure(1)
        .stderr_has("nothing to undo: no write by `commitments` is recorded for commitments.yaml");
    assert_eq!(t.file(), SAMPLE);
}

#[test]
fn undo_refuses_a_damaged_journal() {
    let t = Test::new().sample();
    t.then(&["gap", "de-smuggling-law", "--note", "Looked"])
        .success();
    let after = t.file();
    let journal = t.dir.path().join(".commitments.yaml.undo");
    let mut bytes = std::fs::read(&journal).unwrap();
    bytes.truncate(bytes.len() - 10);
    std::fs::write(&journal, bytes).unwrap();
    t.then(&["undo"]).failure(1).stderr_has("nothing to undo");
    assert_eq!(t.file(), after);
}

#[test]
fn undo_keeps_the_byte_order_mark_and_line_endings() {
    let original = format!("\u{feff}{}", SAMPLE.replace('\n', "\r\n"));
    let t = Test::new().ledger_bytes(original.as_bytes());
    t.then(&["gap", "de-smuggling-law", "--note", "Looked"])
        .success();
    t.then(&["undo"]).success();
    assert_eq!(t.file_bytes(), original.as_bytes());
}

#[test]
fn undo_respects_a_read_only_file() {
    use std::os::unix::fs::PermissionsExt as _;
    let t = Test::new().sample();
    t.then(&["gap", "de-smuggling-law", "--note", "Looked"])
        .success();
    let after = t.file();
    std::fs::set_permissions(t.path(), std::fs::Permissions::from_mode(0o444)).unwrap();
    t.then(&["undo"]).failure(3).stderr_has("read-only");
    assert_eq!(t.file(), after);
}

#[test]
fn init_forgets_a_journal_left_from_an_earlier_ledger() {
    let t = Test::new().sample();
    t.then(&["gap", "de-smuggling-law", "--note", "Looked"])
        .success();
    std::fs::remove_file(t.path()).unwrap();
    t.then(&["init"]).success();
    t.then(&["undo"]).failure(1).stderr_has("nothing to undo");
    t.then(&["check"]).success();
}

/// Starts a write that stops, after it has read and prepared the file, at a FIFO the test
/// holds; returns once the writer is waiting there, with the FIFO open for the test to close.
pub(crate) fn paused_write(t: &Test) -> (std::process::Child, std::fs::File) {
    let fifo = t.dir.path().join("pause");
    let made = Command::new("mkfifo").arg(&fifo).status().expect("mkfifo");
    assert!(made.success());
    let child = Command::new(env!("CARGO_BIN_EXE_commitments"))
        .args(["gap", "fr-mobile-unit", "--note", "Written by the CLI"])
        .current_dir(t.dir.path())
        .env("COMMITMENTS_TEST_PAUSE_BEFORE_WRITE", &fifo)
        .env("COMMITMENTS_USER", "tester")
        .env("COMMITMENTS_TODAY", TODAY)
        .env_remove("COMMITMENTS_FILE")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start commitments");
    // Opening a FIFO for writing succeeds only once the reader has opened it: then the writer
    // has read, edited and verified, and waits for us. Non-blocking (O_NONBLOCK, 0o4000 on
    // Linux) and polled, so that a writer that fails before the pause fails this test instead
    // of hanging it.
    let started = std::time::Instant::now();
    let mut child = child;
    let hold = loop {
        use std::os::unix::fs::OpenOptionsExt as _;
        match std::fs::OpenOptions::new()
            .write(true)
            .custom_flags(0o4000)
            .open(&fifo)
        {
            Ok(f) => break f,
            Err(e) if e.raw_os_error() == Some(6) => {} // ENXIO: no reader yet
            Err(e) => panic!("open the FIFO: {e}"),
        }
        if let Some(status) = child.try_wait().expect("poll the writer") {
            let out = child.wait_with_output().expect("writer output");
            panic!(
                "the writer ended ({status}) before pausing: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        assert!(
            started.elapsed() < std::time::Duration::from_secs(60),
            "the writer never paused"
        );
        std::thread::sleep(std::time::Duration::from_millis(5));
    };
    (child, hold)
}

#[test]
fn a_write_refuses_when_the_file_changes_on_disk_meanwhile() {
    let t = Test::new().sample();
    let (child, mut hold) = paused_write(&t);
    // A person saves the file from an editor while the command is working.
    let saved = SAMPLE.replace("# end of file comment", "# saved from an editor");
    std::fs::write(t.path(), &saved).unwrap();
    hold.write_all(b"go").unwrap();
    drop(hold);
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("commitments.yaml changed on disk while this command was working (was it saved from an editor?); nothing was written — run the command again"),
        "{stderr}"
    );
    assert!(!stderr.contains("internal error") && !stderr.contains("panicked"));
    assert_eq!(t.file(), saved, "the editor's save must win");
    assert!(
        !t.dir.path().join(".commitments.yaml.undo").exists(),
        "no journal for a write that did not happen"
    );
}

/// The control: the same pause with nobody touching the file, and the write goes through.
#[test]
fn a_paused_write_with_no_change_on_disk_goes_through() {
    let t = Test::new().sample();
    let (child, hold) = paused_write(&t);
    drop(hold);
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(t.file().contains("Written by the CLI"));
}

/// The environment variable the harness sets for every other test changes nothing.
#[test]
fn the_pause_hook_is_inert_without_a_fifo() {
    let t = Test::new()
        .sample()
        .env("COMMITMENTS_TEST_PAUSE_BEFORE_WRITE", "/nonexistent/fifo")
        .args(&["gap", "fr-mobile-unit", "--note", "n"]);
    t.run().success();
    assert!(t.file().contains("note: n"));
}

/// A write killed after it wrote its undo record but before its new file was in place (here
/// by the file-size limit, which stops a process with SIGXFSZ when the new ledger outgrows
/// it) must not cost the undo of the write before it: the ledger is still what that write
/// left, and `undo` takes it back. The old code had already put the killed write's record
/// in the journal, and said "nothing to undo".
#[test]
fn undo_after_a_killed_write_undoes_the_last_write_that_landed() {
    use std::os::unix::process::{CommandExt as _, ExitStatusExt as _};
    let t = Test::new().sample();
    t.then(&["gap", "uk-cps-3m", "--note", "First"]).success();
    let after_first = t.file_bytes();
    // The record (the old ledger and a short header) fits under the limit; the new ledger,
    // with a long note, does not.
    let limit = after_first.len() as u64 + 400;
    let note = "A long note. ".repeat(60);
    let mut killed = Command::new(env!("CARGO_BIN_EXE_commitments"));
    killed
        .args(["gap", "de-smuggling-law", "--note", &note])
        .current_dir(t.dir.path())
        .env("COMMITMENTS_USER", "tester")
        .env("COMMITMENTS_TODAY", TODAY)
        .env_remove("COMMITMENTS_FILE")
        .stdin(Stdio::null())
        .stderr(Stdio::null());
    // SAFETY: setrlimit is async-signal-safe; nothing else runs between fork and exec.
    unsafe {
        killed.pre_exec(move || {
            let l = rustix::process::Rlimit {
                current: Some(limit),
                maximum: Some(limit),
            };
            rustix::process::setrlimit(rustix::process::Resource::Fsize, l)
                .map_err(std::io::Error::from)
        });
    }
    let status = killed.status().unwrap();
    assert_eq!(
        status.signal(),
        Some(25),
        "SIGXFSZ was expected: {status:?}"
    );
    assert_eq!(
        t.file_bytes(),
        after_first,
        "the killed write changed the file"
    );

    t.then(&["undo"])
        .success()
        .stdout_has("recorded a gap for `uk-cps-3m`");
    assert_eq!(t.file(), SAMPLE);
    let left: Vec<String> = std::fs::read_dir(t.dir.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n != "commitments.yaml")
        .collect();
    assert!(left.is_empty(), "left behind: {left:?}");
}
