//! Every command, on the happy path.

use crate::harness::*;

#[test]
fn check_accepts_the_sample() {
    Test::new()
        .sample()
        .args(&["check"])
        .run()
        .success()
        .stdout_has("ok — 3 commitments, 1 evidence entry, 4 status events");
}
