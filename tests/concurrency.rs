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
