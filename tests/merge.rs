//! The git merge driver, in real git repositories: branches that both add records merge
//! cleanly and keep every comment; a field changed two ways stops git with a conflict.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::harness::*;

/// A git repository holding the sample ledger on `main`, with the merge driver declared in
/// .gitattributes (and configured or not, per test).
struct Repo {
    t: Test,
}

impl Repo {
    fn new() -> Self {
        let t = Test::new().sample();
        let repo = Repo { t };
        repo.git(&["init", "-q", "-b", "main"]);
        for (k, v) in [
            ("user.name", "Tester"),
            ("user.email", "tester@example.org"),
            ("commit.gpgsign", "false"),
            ("core.autocrlf", "false"),
        ] {
            repo.git(&["config", k, v]);
        }
        std::fs::write(
            repo.dir().join(".gitattributes"),
            "commitments.yaml merge=commitments\n",
        )
        .unwrap();
        // The sidecars docs/team-work-over-git.md says to ignore: the write lock and the undo journal.
        std::fs::write(
            repo.dir().join(".gitignore"),
            ".*.lock\n.*.undo\n.*.partial\n",
        )
        .unwrap();
        repo.commit("base ledger");
        repo
    }

    fn dir(&self) -> &Path {
        self.t.dir.path()
    }

    /// What docs/team-work-over-git.md tells people to run, with this build's binary.
    fn configure_driver(&self) {
        let bin = env!("CARGO_BIN_EXE_commitments");
        self.git(&[
            "config",
            "merge.commitments.driver",
            &format!("'{bin}' merge-driver %O %A %B %P"),
        ]);
    }

    fn git_output(&self, args: &[&str]) -> std::process::Output {
        Command::new("git")
            .args(args)
            .current_dir(self.dir())
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("HOME", self.dir())
            .env("COMMITMENTS_TODAY", TODAY)
            .env("COMMITMENTS_USER", "tester")
            .output()
            .expect("run git")
    }

    #[track_caller]
    fn git(&self, args: &[&str]) -> String {
        let out = self.git_output(args);
        assert!(
            out.status.success(),
            "git {args:?} failed:\n{}\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    fn commit(&self, message: &str) {
        self.git(&["add", "-A"]);
        self.git(&["commit", "-q", "-m", message]);
    }

    #[track_caller]
    fn cli(&self, args: &[&str]) -> Output {
        self.t.then(args).success()
    }

    fn edit(&self, from: &str, to: &str) {
        let text = self.t.file();
        assert!(text.contains(from), "no {from:?} in the ledger");
        std::fs::write(self.t.path(), text.replacen(from, to, 1)).unwrap();
    }
}

/// Alice and Bob each add evidence (and Alice a status, Bob a gap) to the same commitment.
fn two_researchers(repo: &Repo) {
    repo.git(&["checkout", "-q", "-b", "alice"]);
    repo.cli(&[
        "evidence",
        "fr-mobile-unit",
        "--id",
        "alice-2025-06-04",
        "--url",
        "https://example.org/alice",
        "--title",
        "Unit deployed",
        "--published",
        "2025-06-04",
        "--kind",
        "media",
    ]);
    repo.cli(&[
        "update",
        "fr-mobile-unit",
        "--status",
        "partial",
        "--date",
        "2025-06-04",
        "--evidence",
        "alice-2025-06-04",
        "--note",
        "Deployed in part",
    ]);
    repo.commit("alice: evidence and status");
    repo.git(&["checkout", "-q", "main"]);
    repo.git(&["checkout", "-q", "-b", "bob"]);
    repo.cli(&[
        "evidence",
        "fr-mobile-unit",
        "--id",
        "bob-2025-07-01",
        "--url",
        "https://example.org/bob",
        "--title",
        "Prefecture statement",
        "--published",
        "2025-07-01",
        "--kind",
        "official-statement",
    ]);
    repo.cli(&[
        "gap",
        "fr-mobile-unit",
        "--note",
        "No deployment figures found.",
    ]);
    repo.commit("bob: evidence and gap");
}

#[test]
fn two_branches_adding_evidence_merge_without_conflict() {
    let repo = Repo::new();
    two_researchers(&repo);

    // Without the driver, git's line merge trips over the two additions.
    let plain = repo.git_output(&["merge", "--no-edit", "alice"]);
    assert!(
        !plain.status.success(),
        "expected git's own merge to conflict"
    );
    assert!(String::from_utf8_lossy(&plain.stdout).contains("CONFLICT"));
    repo.git(&["merge", "--abort"]);

    repo.configure_driver();
    let merged = repo.git_output(&["merge", "--no-edit", "alice"]);
    let said = String::from_utf8_lossy(&merged.stdout).into_owned()
        + &String::from_utf8_lossy(&merged.stderr);
    assert!(merged.status.success(), "merge failed:\n{said}");
    assert!(
        said.contains("Merged commitments.yaml record by record"),
        "{said}"
    );
    assert_eq!(
        repo.git(&["status", "--porcelain"]),
        "",
        "merge left work behind"
    );

    let text = repo.t.file();
    assert!(!text.contains("<<<<<<<"), "{text}");
    for kept in [
        "# A hand-kept ledger: comments, blank lines and odd-but-valid formatting are normal here.",
        "title: 'Test ledger'   # single-quoted on purpose",
        "- id: fr-mobile-unit   # the slug",
        "      # Reported, not confirmed.",
        "    - germany     # a tag",
        "# end of file comment",
        "id: alice-2025-06-04",
        "id: bob-2025-07-01",
        "No deployment figures found.",
    ] {
        assert!(text.contains(kept), "lost {kept:?}:\n{text}");
    }
    repo.cli(&["check"])
        .stdout_has("3 commitments, 3 evidence entries, 5 status events");
    let show = repo
        .cli(&["show", "fr-mobile-unit", "--format", "json"])
        .stdout;
    let fr: serde_json::Value = serde_json::from_str(&show).unwrap();
    assert_eq!(fr["status"], "partial");
    assert_eq!(fr["commitment"]["gaps"].as_array().unwrap().len(), 2);
}

#[test]
fn new_commitments_and_a_hand_edit_on_the_other_side_merge() {
    let repo = Repo::new();
    repo.configure_driver();
    repo.git(&["checkout", "-q", "-b", "alice"]);
    // Alice fixes a title by hand and adds a comment; no CLI involved.
    repo.edit(
        "    owner: Germany (Federal Ministry of the Interior)\n",
        "    owner: Germany (Federal Government)   # corrected by Alice\n",
    );
    repo.cli(&[
        "add",
        "it-taskforce",
        "--title",
        "UK-Italy finance taskforce",
        "--owner",
        "Italy",
        "--made",
        "2025-03-31",
    ]);
    repo.commit("alice: owner fixed, new commitment");
    repo.git(&["checkout", "-q", "main"]);
    repo.cli(&[
        "add",
        "uk-bsc-30m",
        "--title",
        "GBP 30m for Border Security Command",
        "--owner",
        "United Kingdom (Home Office)",
        "--made",
        "2025-03-31",
    ]);
    repo.cli(&[
        "evidence",
        "de-smuggling-law",
        "--id",
        "bundestag-2025-11-01",
        "--url",
        "https://example.org/bt",
        "--title",
        "Bundestag vote",
        "--published",
        "2025-11-01",
    ]);
    repo.commit("main: new commitment, evidence");
    let out = repo.git_output(&["merge", "--no-edit", "alice"]);
    assert!(
        out.status.success(),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let text = repo.t.file();
    assert!(
        text.contains("owner: Germany (Federal Government)   # corrected by Alice"),
        "{text}"
    );
    assert!(text.contains("id: it-taskforce") && text.contains("id: uk-bsc-30m"));
    assert!(text.contains("id: bundestag-2025-11-01"));
    repo.cli(&["check"]).stdout_has("5 commitments");
}

#[test]
fn a_field_changed_two_ways_is_a_conflict_git_reports() {
    let repo = Repo::new();
    repo.configure_driver();
    repo.git(&["checkout", "-q", "-b", "alice"]);
    repo.edit("    due: 2026-03-31\n", "    due: 2026-06-30\n");
    repo.cli(&[
        "evidence",
        "uk-cps-3m",
        "--id",
        "alice-1",
        "--url",
        "https://example.org/a",
        "--title",
        "A",
    ]);
    repo.commit("alice: due moved");
    repo.git(&["checkout", "-q", "main"]);
    repo.edit("    due: 2026-03-31\n", "    due: 2026-12-31\n");
    repo.cli(&[
        "evidence",
        "uk-cps-3m",
        "--id",
        "main-1",
        "--url",
        "https://example.org/m",
        "--title",
        "M",
    ]);
    repo.commit("main: due moved otherwise");
    let out = repo.git_output(&["merge", "--no-edit", "alice"]);
    let said =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "the merge should stop:\n{said}");
    assert!(
        said.contains("CONFLICT (content): Merge conflict in commitments.yaml"),
        "{said}"
    );
    assert!(
        said.contains("`uk-cps-3m`: `due` was changed on both sides: ours 2026-12-31, theirs 2026-06-30, before 2026-03-31"),
        "{said}"
    );
    let text = repo.t.file();
    assert!(
        text.contains(
            "<<<<<<< ours\n    due: 2026-12-31\n=======\n    due: 2026-06-30\n>>>>>>> theirs\n"
        ),
        "{text}"
    );
    // What did not conflict is merged already.
    assert!(
        text.contains("id: alice-1") && text.contains("id: main-1"),
        "{text}"
    );
    let status = repo.git(&["status", "--porcelain"]);
    assert!(status.contains("UU commitments.yaml"), "{status}");
}

#[test]
fn the_same_day_given_two_statuses_is_a_conflict() {
    let repo = Repo::new();
    repo.configure_driver();
    repo.git(&["checkout", "-q", "-b", "alice"]);
    repo.cli(&[
        "update",
        "de-smuggling-law",
        "--status",
        "delivered",
        "--date",
        "2025-12-19",
        "--evidence",
        "source",
        "--by",
        "alice",
    ]);
    repo.commit("alice: delivered");
    repo.git(&["checkout", "-q", "main"]);
    repo.cli(&[
        "update",
        "de-smuggling-law",
        "--status",
        "stalled",
        "--date",
        "2025-12-19",
        "--evidence",
        "source",
        "--by",
        "bob",
    ]);
    repo.commit("main: stalled");
    let out = repo.git_output(&["merge", "--no-edit", "alice"]);
    let said =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{said}");
    assert!(
        said.contains("the status on 2025-12-19 was recorded as `stalled` on our side and `delivered` on theirs"),
        "{said}"
    );
}

fn driver(t: &Test, files: [&str; 3]) -> Output {
    let paths: Vec<PathBuf> = files.iter().map(|f| t.dir.path().join(f)).collect();
    let args: Vec<&str> = std::iter::once("merge-driver")
        .chain(paths.iter().map(|p| p.to_str().unwrap()))
        .collect();
    t.then(&args)
}

#[test]
fn removals_on_one_side_are_kept_and_broken_input_falls_back_to_text() {
    let t = Test::new().sample().env("COMMITMENTS_FILE", "ours");
    let dir = t.dir.path();
    std::fs::write(dir.join("base"), SAMPLE).unwrap();
    // Theirs deletes the Germany commitment; ours adds a gap elsewhere.
    let start = SAMPLE.find("  - id: de-smuggling-law").unwrap();
    let end = SAMPLE.find("  - id: uk-cps-3m").unwrap();
    let theirs = format!("{}{}", &SAMPLE[..start], &SAMPLE[end..]);
    std::fs::write(dir.join("theirs"), &theirs).unwrap();
    std::fs::write(dir.join("ours"), SAMPLE).unwrap();
    t.then(&["gap", "uk-cps-3m", "--note", "No budget line found."])
        .success();
    driver(&t, ["base", "ours", "theirs"]).success();
    let merged = std::fs::read_to_string(dir.join("ours")).unwrap();
    assert!(!merged.contains("de-smuggling-law"), "{merged}");
    assert!(merged.contains("No budget line found."), "{merged}");
    assert!(
        merged.contains("# --- Germany"),
        "a comment theirs kept stays"
    );

    // A side that does not read as a ledger is merged as git would, and git is told.
    std::fs::write(dir.join("base2"), "a: 1\nb: 2\n").unwrap();
    std::fs::write(dir.join("ours2"), "a: 1\nb: 3\n").unwrap();
    std::fs::write(dir.join("theirs2"), "a: 1\nb: 4\n").unwrap();
    driver(&t, ["base2", "ours2", "theirs2"])
        .failure(1)
        .stderr_has("merging it line by line as git would");
    let text = std::fs::read_to_string(dir.join("ours2")).unwrap();
    assert!(text.contains("<<<<<<< ours"), "{text}");
}

#[test]
fn two_ledgers_started_separately_merge_when_their_commitments_differ() {
    let t = Test::new()
        .ledger(EMPTY_LEDGER)
        .env("COMMITMENTS_FILE", "ours");
    let dir = t.dir.path();
    std::fs::write(dir.join("base"), "").unwrap();
    for (file, id) in [("ours", "a-one"), ("theirs", "b-two")] {
        std::fs::write(dir.join(file), EMPTY_LEDGER).unwrap();
        t.then(&[
            "-f",
            file,
            "add",
            id,
            "--title",
            "T",
            "--owner",
            "O",
            "--made",
            "2025-01-01",
        ])
        .success();
    }
    driver(&t, ["base", "ours", "theirs"])
        .success()
        .stdout_has("theirs added 1 commitment");
    let merged = std::fs::read_to_string(dir.join("ours")).unwrap();
    assert!(merged.starts_with("# my ledger\n"), "{merged}");
    assert!(
        merged.contains("id: a-one") && merged.contains("id: b-two"),
        "{merged}"
    );
}

const EMPTY_LEDGER: &str = "# my ledger\nversion: 1\ncommitments: []\n";
