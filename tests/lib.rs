//! Integration tests: each drives the real `commitments` binary in a temporary folder.

// A shared toolkit: not every test run uses every helper.
#[allow(dead_code)]
mod harness;

mod bad_input;
mod cli;
mod concurrency;
mod edit_props;
mod faithful;
mod family;
mod fuzz_corpus;
mod git_team;
mod hostile;
mod import;
mod input_rules;
mod lossless;
mod merge;
mod merge_props;
mod money;
mod own_fields;
mod reports;
mod scale;
mod schema;
mod shells;
mod site;
mod undo;
mod writable;
