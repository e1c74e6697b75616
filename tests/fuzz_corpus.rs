//! Replays the fuzz corpus kept in fuzz/corpus/load_check_edit and every case that once
//! crashed (fuzz/regressions/load_check_edit) through the same checks as the fuzz target, so
//! a finding stays fixed. The fuzzing itself needs nightly: see docs/reliability.md.

#[path = "fuzz_case.rs"]
mod fuzz_case;

use std::path::Path;

fn replay(folder: &str) -> usize {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join(folder);
    let mut cases: Vec<_> = std::fs::read_dir(&root)
        .unwrap_or_else(|e| panic!("{}: {e}", root.display()))
        .flatten()
        .map(|e| e.path())
        .collect();
    cases.sort();
    // Memory-backed where there is one: each case syncs twice, and 1,500 syncs to a disk are
    // most of this test's time.
    let shm = Path::new("/dev/shm");
    let dir = if shm.is_dir() {
        tempfile::tempdir_in(shm)
    } else {
        tempfile::tempdir()
    }
    .unwrap();
    for case in &cases {
        let data = std::fs::read(case).unwrap();
        let outcome = std::panic::catch_unwind(|| fuzz_case::exercise(&data, dir.path()));
        assert!(outcome.is_ok(), "fuzz case {} fails", case.display());
    }
    cases.len()
}

#[test]
fn fuzz_regressions_stay_fixed() {
    assert!(replay("fuzz/regressions/load_check_edit") >= 1);
}

#[test]
fn fuzz_corpus_replays_cleanly() {
    assert!(replay("fuzz/corpus/load_check_edit") >= 10);
}
