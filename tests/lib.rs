//! Integration tests: each drives the real `commitments` binary in a temporary folder.

mod harness;

mod cli;
mod lossless;
mod bad_input;
