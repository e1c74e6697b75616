//! The bad-input suite: a clear message with file:line:column where there is one, the exit
//! status of its class (1 for the ledger or the input, 3 for a file that cannot be used), the
//! file byte for byte unchanged, no undo journal, and never a panic. Also the inputs that look
//! odd but are valid (a byte-order mark, CRLF, a symlink) and must be kept as they are.
//!
//! One folder, one file per kind of input; the helpers are here, once.

pub(crate) use crate::harness::*;

mod command_line;
mod file;
mod file_system;
mod funding_and_parents;
mod hostile_file;
mod hostile_text;
mod messages;
mod odd_inputs;
mod yaml_slips;
mod yaml_words;

#[path = "../../stress/big_ledger.rs"]
mod big_ledger;

/// The sample with the first `from` replaced by `to` (`from` must be in it, so the test
/// breaks what it says it breaks).
#[track_caller]
fn broken(from: &str, to: &str) -> String {
    assert!(SAMPLE.contains(from), "{from:?} not in the sample");
    SAMPLE.replacen(from, to, 1)
}

/// Runs `check`, a write and a report on `text`: each must fail with exit 1 naming `position`
/// and saying `message`, the write saying that nothing was changed. Returns `check`'s output.
#[track_caller]
fn refused(text: &str, position: Option<&str>, message: &str) -> Output {
    let expect: Vec<&str> = position.into_iter().chain([message]).collect();
    refused_bytes(text.as_bytes(), &expect).1
}

/// A bad ledger: `check`, a write and a report fail with exit 1 and each of `expect` in the
/// message; the write says nothing was changed; the file is as it was, and no undo journal
/// appears. Returns the test (to run more against the same file) and `check`'s output.
#[track_caller]
fn refused_bytes(bytes: &[u8], expect: &[&str]) -> (Test, Output) {
    let t = Test::new().ledger_bytes(bytes);
    let check = t.then(&["check"]).failure(1);
    let write = t
        .then(&["gap", "uk-cps-3m", "--note", "should not be written"])
        .failure(1)
        .stderr_has("nothing was changed");
    let report = t.then(&["report"]).failure(1);
    for e in expect {
        for (what, out) in [
            ("check", &check),
            ("the write", &write),
            ("report", &report),
        ] {
            assert!(
                out.stderr.contains(e),
                "{what} lacks {e:?}:\n{}",
                out.stderr
            );
        }
    }
    assert!(t.file_bytes() == bytes, "the file changed");
    assert!(!t.dir.path().join(".commitments.yaml.undo").exists());
    (t, check)
}
