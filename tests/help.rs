//! `--help` as people read it: one snapshot per command (in tests/snapshots/), so that help
//! cannot drift unnoticed, and help that stands on its own without the source tree.
//!
//! A branch that adds or rewords a flag changes a snapshot on purpose: review the new text
//! with `INSTA_UPDATE=always cargo test --test integration help::` and `git diff
//! tests/snapshots/`, then commit it.

use crate::harness::Test;
use crate::shells::subcommands;

#[test]
fn every_commands_help_is_as_recorded() {
    let t = Test::new();
    insta::assert_snapshot!("help", t.then(&["--help"]).success().stdout);
    let names = subcommands();
    assert!(names.len() > 10, "{names:?}");
    for name in names {
        let help = t.then(&[&name, "--help"]).success().stdout;
        insta::assert_snapshot!(format!("help_{name}"), help);
    }
}

#[test]
fn update_status_help_names_the_statuses_not_a_file_of_the_source_tree() {
    let help = Test::new().then(&["update", "--help"]).success().stdout;
    assert!(!help.contains("methodology.md"), "{help}");
    // Every status of the default scale is named, so the help cannot drift from it.
    let scale = commitments::model::Vocabulary::default();
    let statuses: Vec<&str> = scale.statuses().iter().map(|s| s.key.as_str()).collect();
    assert!(statuses.len() >= 6, "{statuses:?}");
    // The option's own lines: from `--status` to the next option.
    let mut lines = help
        .lines()
        .skip_while(|l| !l.trim_start().starts_with("--status"));
    let first = lines.next().unwrap_or_default();
    let status_help = std::iter::once(first)
        .chain(lines.take_while(|l| !l.trim_start().starts_with('-')))
        .flat_map(str::split_whitespace)
        .collect::<Vec<_>>()
        .join(" ");
    for key in statuses {
        assert!(
            status_help.contains(key),
            "`{key}` missing from: {status_help}"
        );
    }
}
