//! Many writers at once: 50 processes record evidence, gaps and status changes in the same
//! ledger at the same moment. The sidecar lock queues them; each re-reads under the lock, so
//! every one of the 50 lands, and the file stays valid with its hand-made comments.

use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::harness::*;

const WRITERS: usize = 50;
const DEADLINE: Duration = Duration::from_secs(120);

fn writer(t: &Test, i: usize) -> Child {
    let target = ["fr-mobile-unit", "de-smuggling-law", "uk-cps-3m"][i % 3];
    let n = i.to_string();
    let args: Vec<String> = match i % 3 {
        0 => vec![
            "evidence".into(),
            target.into(),
            "--url".into(),
            format!("https://example.org/{n}"),
            "--title".into(),
            format!("Report {n}"),
            "--id".into(),
            format!("concurrent-{n}"),
        ],
        1 => vec![
            "gap".into(),
            target.into(),
            "--note".into(),
            format!("Gap {n}"),
        ],
        _ => vec![
            "update".into(),
            target.into(),
            "--status".into(),
            "in-progress".into(),
            "--date".into(),
            "2025-06-01".into(),
            "--unsourced".into(),
            "--note".into(),
            format!("Update {n}"),
        ],
    };
    Command::new(env!("CARGO_BIN_EXE_commitments"))
        .args(&args)
        .current_dir(t.dir.path())
        .env("COMMITMENTS_USER", "tester")
        .env("COMMITMENTS_TODAY", TODAY)
        .env_remove("COMMITMENTS_FILE")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start a writer")
}

#[test]
fn fifty_writers_at_once_all_land() {
    let t = Test::new().sample();
    let started = Instant::now();
    let mut children: Vec<(usize, Child)> = (0..WRITERS).map(|i| (i, writer(&t, i))).collect();
    let mut failures = Vec::new();
    while !children.is_empty() {
        assert!(
            started.elapsed() < DEADLINE,
            "writers still running after {DEADLINE:?}"
        );
        let mut still = Vec::new();
        for (i, mut c) in children {
            match c.try_wait().expect("poll a writer") {
                None => still.push((i, c)),
                Some(status) if status.success() => {}
                Some(status) => {
                    let out = c.wait_with_output().expect("writer output");
                    failures.push(format!(
                        "writer {i}: {status}: {}",
                        String::from_utf8_lossy(&out.stderr)
                    ));
                }
            }
        }
        children = still;
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(failures.is_empty(), "{failures:#?}");

    let ledger = commitments::store::load(&t.path())
        .expect("the ledger loads")
        .ledger;
    let text = t.file();
    for i in 0..WRITERS {
        let c = &ledger.commitments[i % 3];
        let n = i.to_string();
        let landed = match i % 3 {
            0 => c.evidence.iter().any(|e| e.id == format!("concurrent-{n}")),
            1 => c.gaps.iter().any(|g| g.note == format!("Gap {n}")),
            _ => c
                .history
                .iter()
                .any(|e| e.note.as_deref() == Some(&format!("Update {n}"))),
        };
        assert!(landed, "writer {i}'s entry is missing");
    }
    let entries: usize = ledger
        .commitments
        .iter()
        .map(|c| c.evidence.len() + c.gaps.len() + c.history.len())
        .sum();
    let before = commitments::store::parse(&t.path(), SAMPLE).unwrap();
    let before: usize = before
        .commitments
        .iter()
        .map(|c| c.evidence.len() + c.gaps.len() + c.history.len())
        .sum();
    assert_eq!(entries, before + WRITERS, "entries were lost or doubled");
    for comment in [
        "# single-quoted on purpose",
        "# the slug",
        "# Reported, not confirmed.",
        "# a tag",
        "# end of file comment",
    ] {
        assert!(text.contains(comment), "lost {comment:?}");
    }
    t.then(&["check"])
        .success()
        .stdout_has("ok — 3 commitments");
}

/// A valid ledger of about `bytes`, in a hand-kept style, ending in `# end of file`.
fn ledger_of_size(bytes: usize) -> String {
    let mut out = String::from("# A generated ledger.\nversion: 1\ncommitments:\n");
    let mut i = 0;
    while out.len() < bytes {
        out.push_str(&format!(
            "  # --- record {i} ---\n  - id: c-{i}\n    title: \"Commitment number {i}: co-operation against smuggling\"\n    owner: Country {i} (Ministry of the Interior)\n    made: 2025-03-31\n    tags: [generated, batch-{}]\n    history:\n      - date: 2025-03-31\n        status: announced\n        unsourced: true\n        note: Announced at the summit; no document yet.\n\n",
            i % 10
        ));
        i += 1;
    }
    out.push_str("# end of file\n");
    out
}

/// Waits until the writer has a temporary file beside the ledger (it has read, edited and
/// checked, and is writing), or has ended. Returns whether it got there.
fn wait_for_a_temporary_file(t: &Test, child: &mut Child) -> bool {
    let started = Instant::now();
    loop {
        let writing = std::fs::read_dir(t.dir.path()).unwrap().flatten().any(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            name.starts_with(".commitments.yaml.") && name.ends_with(".partial")
        });
        if writing {
            return true;
        }
        if child.try_wait().unwrap().is_some() {
            return false;
        }
        assert!(started.elapsed() < DEADLINE, "the writer never wrote");
        std::hint::spin_loop();
    }
}

/// A hand edit saved while a write is already writing its files, in place (as `vim` with
/// `backupcopy=yes` or `nano` save) and by writing a new file and renaming it over the ledger
/// (as most editors do), is never lost: either the write gives way and says so, or it is made
/// on top of the hand edit. The old design checked the file before writing its journal and
/// its new file, and lost these edits.
#[test]
fn a_hand_save_while_the_write_is_writing_is_kept() {
    let text = ledger_of_size(2_000_000);
    for by_rename in [false, true] {
        // On a busy machine the watching loop may not run while the files are there: try again.
        let caught = (0..5).any(|_| race_a_save(&text, by_rename));
        assert!(caught, "never caught the writer writing, in 5 tries");
    }
}

/// One write raced by one save; false if the writer finished before it was seen writing.
fn race_a_save(text: &str, by_rename: bool) -> bool {
    let t = Test::new().ledger(text);
    let mut child = Command::new(env!("CARGO_BIN_EXE_commitments"))
        .args(["gap", "c-7", "--note", "Written by the CLI"])
        .current_dir(t.dir.path())
        .env("COMMITMENTS_USER", "tester")
        .env("COMMITMENTS_TODAY", TODAY)
        .env_remove("COMMITMENTS_FILE")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    if !wait_for_a_temporary_file(&t, &mut child) {
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        return false;
    }
    // The person's editor saves what it holds: the file as it was, with their edit.
    let saved = text.replace("# end of file\n", "# saved by hand\n# end of file\n");
    if by_rename {
        let swap = t.dir.path().join("commitments.yaml.editor-save");
        std::fs::write(&swap, &saved).unwrap();
        std::fs::rename(&swap, t.path()).unwrap();
    } else {
        std::fs::write(t.path(), &saved).unwrap();
    }
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    let now = t.file();
    let how = if by_rename { "by rename" } else { "in place" };
    assert!(
        now.contains("# saved by hand"),
        "the hand edit saved {how} was lost; the writer said {:?}: {stderr}",
        out.status
    );
    if out.status.success() {
        // Made after the save, on top of it; or the save came after the write was done.
        assert!(now == saved || now.contains("Written by the CLI"), "{how}");
    } else {
        assert!(
            stderr.contains("changed on disk") && stderr.contains("nothing was written"),
            "{how}: {stderr}"
        );
        assert_eq!(now, saved, "{how}");
    }
    t.then(&["check"]).success();
    true
}

/// `git clean -fdX` removes ignored side files (`.*.lock`, `.*.undo`, `.*.partial`), and
/// anyone may make a new `.commitments.yaml.lock`; neither lets a second writer in while the
/// first holds the lock. The old lock was such a side file: the second writer locked the new
/// file and wrote at the same time.
#[test]
fn the_lock_holds_when_side_files_are_deleted_or_recreated() {
    let t = Test::new().sample();
    let (first, hold) = crate::undo::paused_write(&t);
    for entry in std::fs::read_dir(t.dir.path()).unwrap().flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.ends_with(".lock") || name.ends_with(".undo") {
            std::fs::remove_file(entry.path()).unwrap();
        }
    }
    std::fs::write(t.dir.path().join(".commitments.yaml.lock"), "").unwrap();
    let mut second = writer(&t, 1);
    std::thread::sleep(Duration::from_millis(1500));
    assert!(
        second.try_wait().unwrap().is_none(),
        "a second writer ran while the first held the lock: {:?}",
        second
            .wait_with_output()
            .map(|o| String::from_utf8_lossy(&o.stderr).into_owned())
    );
    drop(hold);
    let first = first.wait_with_output().unwrap();
    assert!(
        first.status.success(),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    let second = second.wait_with_output().unwrap();
    assert!(
        second.status.success(),
        "{}",
        String::from_utf8_lossy(&second.stderr)
    );
    let text = t.file();
    assert!(
        text.contains("Written by the CLI"),
        "the first write is missing"
    );
    assert!(text.contains("Gap 1"), "the second write is missing");
    t.then(&["check"]).success();
}
