//! Integration tests: each drives the real `commitments` binary in a temporary folder.

mod harness;

mod bad_input;
mod cli;
mod concurrency;
mod edit_props;
mod fuzz_corpus;
mod hostile;
mod lossless;
mod undo;
