//! Integration tests: each drives the real `commitments` binary in a temporary folder.

// A shared toolkit: not every test run uses every helper.
#[allow(dead_code)]
mod harness;

mod access_dates;
mod bad_input;
mod cli;
mod concurrency;
mod correct_lists_parents;
mod corrections;
mod edit_props;
mod exit_status;
mod faithful;
mod family;
mod fuzz_corpus;
mod git_team;
mod help;
mod import;
mod input_rules;
mod io_failures;
mod languages;
mod layering;
mod lossless;
mod manual;
mod merge;
mod merge_props;
mod money;
mod own_fields;
mod reports;
mod retired;
mod scale;
mod schema;
mod shells;
mod show;
mod site;
mod sources;
mod undo;
mod writable;
