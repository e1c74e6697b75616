//! Snapshots of the main error messages, whole: what a person reads when the YAML is broken, an
//! id or a status is unknown, a date is not one, or a merge left conflict markers. The other
//! tests here check that a message says the right things; these make any change to the words
//! a reviewed change (`cargo insta review`), as the --help snapshots do for the help.

use super::*;

/// The message and the exit status, as one text to snapshot.
fn said(out: Output) -> String {
    format!("exit {}\n{}", out.code.unwrap_or(-1), out.stderr)
}

#[test]
fn message_for_broken_yaml() {
    let t = Test::new().ledger(&broken(
        "    partners: [United Kingdom]\n",
        "    partners: [United Kingdom\n",
    ));
    insta::assert_snapshot!("message_broken_yaml", said(t.then(&["check"])));
}

#[test]
fn message_for_a_field_that_is_not_one() {
    let t = Test::new().ledger(&broken("    owner: France", "    ownr: France"));
    insta::assert_snapshot!("message_unknown_field", said(t.then(&["check"])));
}

#[test]
fn message_for_an_unknown_id() {
    let t = Test::new().sample();
    insta::assert_snapshot!("message_unknown_id", said(t.then(&["show", "fr-mobile"])));
}

#[test]
fn message_for_a_date_that_is_not_one() {
    let t = Test::new().sample();
    insta::assert_snapshot!(
        "message_bad_date_argument",
        said(t.then(&[
            "update",
            "uk-cps-3m",
            "--status",
            "stalled",
            "--date",
            "31/03/2025",
            "--evidence",
            "source",
        ]))
    );
    let t = Test::new().ledger(&broken("    made: 2025-03-31\n", "    made: 2025-02-30\n"));
    insta::assert_snapshot!("message_bad_date_in_file", said(t.then(&["check"])));
}

#[test]
fn message_for_an_unknown_status() {
    let t = Test::new().sample();
    insta::assert_snapshot!(
        "message_unknown_status_argument",
        said(t.then(&[
            "update",
            "uk-cps-3m",
            "--status",
            "finished",
            "--evidence",
            "source",
        ]))
    );
    let t = Test::new().ledger(&broken(
        "        status: announced\n",
        "        status: anounced\n",
    ));
    insta::assert_snapshot!("message_unknown_status_in_file", said(t.then(&["check"])));
}

#[test]
fn message_for_conflict_markers() {
    let t = Test::new().ledger(&broken(
        "    owner: France (Ministry of the Interior)\n",
        "<<<<<<< HEAD\n    owner: France (Ministry of the Interior)\n=======\n    owner: France\n>>>>>>> theirs\n",
    ));
    insta::assert_snapshot!("message_conflict_markers", said(t.then(&["check"])));
}
