//! The exit status says which kind of failure it was: 1 the ledger or the input, 2 usage,
//! 3 a file or program that cannot be used (docs/user-guide.md, "Exit status"). A missing,
//! folder or read-only ledger is in the bad-input suite.

use crate::harness::Test;

#[test]
fn a_problem_in_the_ledger_exits_1() {
    Test::new()
        .ledger("commitments: [\n")
        .args(&["check"])
        .run()
        .failure(1);
}

#[test]
fn an_unknown_option_exits_2() {
    Test::new()
        .sample()
        .args(&["list", "--no-such-option"])
        .run()
        .failure(2);
}

#[test]
fn importing_a_csv_that_does_not_exist_names_the_csv_not_init() {
    let t = Test::new().sample();
    t.then(&["import", "nope.csv"])
        .failure(3)
        .stderr_has("nope.csv does not exist; check the file's name")
        .stderr_lacks("commitments init");
    t.then(&["import", "--events", "nope.csv"])
        .failure(3)
        .stderr_lacks("commitments init");
}

#[test]
fn importing_a_folder_says_a_csv_file_is_wanted() {
    let t = Test::new().sample();
    std::fs::create_dir(t.dir.path().join("rows.csv")).unwrap();
    t.then(&["import", "rows.csv"])
        .failure(3)
        .stderr_has("rows.csv is a folder; give the path of a CSV file");
}

#[test]
fn git_setup_without_git_on_path_exits_3() {
    Test::new()
        .sample()
        .env("PATH", "/nonexistent")
        .args(&["git-setup"])
        .run()
        .failure(3)
        .stderr_has("git is not installed");
}
