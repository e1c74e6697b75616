//! The git merge driver, in real git repositories: branches that both add records merge
//! cleanly and keep every comment; a field changed two ways stops git with a conflict.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::harness::*;

/// A git repository holding the sample ledger on `main`, set up as docs/team-work-over-git.md
/// says (`commitments git-setup`), isolated from the machine's git configuration: no global or
/// system file, a HOME of its own, identity given on each command line.
pub(crate) struct Repo {
    pub t: Test,
    home: tempfile::TempDir,
}

/// PATH with this build's `commitments` first, so the documented commands run as written.
pub(crate) fn path_with_binary() -> String {
    let bin = Path::new(env!("CARGO_BIN_EXE_commitments"))
        .parent()
        .unwrap()
        .to_path_buf();
    let rest = std::env::var_os("PATH").unwrap_or_default();
    std::env::join_paths(std::iter::once(bin).chain(std::env::split_paths(&rest)))
        .unwrap()
        .to_string_lossy()
        .into_owned()
}

impl Repo {
    pub(crate) fn new() -> Self {
        Self::with(|t| t.sample())
    }

    /// A repository whose first commit holds what `start` leaves in the test folder, set up
    /// with `commitments git-setup`.
    pub(crate) fn with(start: impl FnOnce(Test) -> Test) -> Self {
        let home = tempfile::tempdir().unwrap();
        let t = start(Test::new())
            .env("PATH", &path_with_binary())
            .env("HOME", home.path().to_str().unwrap())
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .env("GIT_CONFIG_NOSYSTEM", "1");
        let repo = Repo { t, home };
        repo.git(&["init", "-q", "-b", "main"]);
        if repo.t.path().exists() {
            repo.cli(&["git-setup"]);
        }
        repo.git(&["add", "-A"]);
        repo.git(&["commit", "-q", "--allow-empty", "-m", "base ledger"]);
        repo
    }

    pub(crate) fn dir(&self) -> &Path {
        self.t.dir.path()
    }

    pub(crate) fn git_output(&self, args: &[&str]) -> std::process::Output {
        Command::new("git")
            .args([
                "-c",
                "user.name=Tester",
                "-c",
                "user.email=tester@example.org",
                "-c",
                "commit.gpgsign=false",
                "-c",
                "core.autocrlf=false",
            ])
            .args(args)
            .current_dir(self.dir())
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("HOME", self.home.path())
            .env("PATH", path_with_binary())
            .env("COMMITMENTS_TODAY", TODAY)
            .env("COMMITMENTS_USER", "tester")
            .output()
            .expect("run git")
    }

    #[track_caller]
    pub(crate) fn git(&self, args: &[&str]) -> String {
        let out = self.git_output(args);
        assert!(
            out.status.success(),
            "git {args:?} failed:\n{}\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// `git merge --no-edit BRANCH`: whether it succeeded, and all it said.
    pub(crate) fn merge(&self, branch: &str) -> (bool, String) {
        let out = self.git_output(&["merge", "--no-edit", branch]);
        let said = String::from_utf8_lossy(&out.stdout).into_owned()
            + &String::from_utf8_lossy(&out.stderr);
        (out.status.success(), said)
    }

    /// Commits on a new branch `name` from main what `work` does, and goes back to main.
    pub(crate) fn branch(&self, name: &str, work: impl FnOnce(&Repo)) {
        self.git(&["checkout", "-q", "-b", name, "main"]);
        work(self);
        self.commit(name);
        self.git(&["checkout", "-q", "main"]);
    }

    pub(crate) fn commit(&self, message: &str) {
        self.git(&["add", "-A"]);
        self.git(&["commit", "-q", "-m", message]);
    }

    #[track_caller]
    pub(crate) fn cli(&self, args: &[&str]) -> Output {
        self.t.then(args).success()
    }

    pub(crate) fn edit(&self, from: &str, to: &str) {
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
    repo.git(&["config", "--remove-section", "merge.commitments"]);
    let plain = repo.git_output(&["merge", "--no-edit", "alice"]);
    assert!(
        !plain.status.success(),
        "expected git's own merge to conflict:\n{}{}",
        String::from_utf8_lossy(&plain.stdout),
        String::from_utf8_lossy(&plain.stderr)
    );
    let plain_said = String::from_utf8_lossy(&plain.stdout).into_owned()
        + &String::from_utf8_lossy(&plain.stderr);
    assert!(plain_said.contains("CONFLICT"), "{plain_said}");
    repo.git(&["merge", "--abort"]);

    repo.cli(&["git-setup"]);
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
    let text = repo.t.file();
    assert!(
        text.contains("<<<<<<< ours\n") && text.contains(">>>>>>> theirs\n"),
        "{text}"
    );
    assert!(
        text.contains("by: alice") || text.contains("recorded_by: alice"),
        "{text}"
    );
    assert!(text.contains("recorded_by: bob"), "{text}");
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

/// Issue 11: one side adds a comment line under `owner:` (and a gap), the other an inline
/// comment on that same line. Before, the driver said "theirs added 1 gap", exited 0 and
/// committed a file without one of the comments.
#[test]
fn two_comments_at_the_same_place_are_a_conflict_with_both_kept() {
    let repo = Repo::new();
    let owner = "    owner: France (Ministry of the Interior)\n";
    repo.branch("a", |r| {
        r.edit(
            owner,
            &format!("{owner}    # Alice: the ministry confirmed this\n\n"),
        );
        r.cli(&["gap", "fr-mobile-unit", "--note", "No budget found."]);
    });
    repo.branch("b", |r| {
        r.edit(
            owner,
            "    owner: France (Ministry of the Interior)   # Bob: or the prefecture?\n",
        )
    });
    repo.git(&["checkout", "-q", "a"]);
    let (ok, said) = repo.merge("b");
    assert!(!ok, "a merge that would lose a comment must stop:\n{said}");
    assert!(
        said.contains("CONFLICT (content): Merge conflict in commitments.yaml"),
        "{said}"
    );
    assert!(said.contains("would lose"), "{said}");
    assert!(
        said.contains("would lose their line \"owner: France (Ministry of the Interior)   # Bob: or the prefecture?\" in `fr-mobile-unit`"),
        "names the line: {said}"
    );
    let text = repo.t.file();
    for kept in [
        "# Alice: the ministry confirmed this",
        "# Bob: or the prefecture?",
        "No budget found.",
        "<<<<<<< ours",
        ">>>>>>> theirs",
    ] {
        assert!(text.contains(kept), "lost {kept:?}:\n{text}");
    }
    // Merging the other way round stops too.
    repo.git(&["merge", "--abort"]);
    repo.git(&["checkout", "-q", "b"]);
    let (ok, said) = repo.merge("a");
    assert!(!ok, "{said}");
    let text = repo.t.file();
    assert!(text.contains("# Alice") && text.contains("# Bob"), "{text}");
}

#[test]
fn the_same_header_comment_edited_two_ways_is_a_conflict() {
    let repo = Repo::new();
    let header = "# A hand-kept ledger: comments, blank lines and odd-but-valid formatting are normal here.\n";
    repo.branch("a", |r| r.edit(header, "# Kept by Alice's team.\n"));
    repo.branch("b", |r| r.edit(header, "# Kept by Bob's team.\n"));
    let (ok, said) = repo.merge("a");
    assert!(ok, "{said}");
    let (ok, said) = repo.merge("b");
    assert!(!ok, "{said}");
    let text = repo.t.file();
    assert!(
        text.contains("<<<<<<< ours\n# Kept by Alice's team.\n=======\n# Kept by Bob's team.\n>>>>>>> theirs\n"),
        "{text}"
    );
    // `check` names the markers, not a YAML error.
    repo.t
        .then(&["check"])
        .failure(1)
        .stderr_has("unresolved merge conflict at lines 1–5")
        .stderr_has("commitments.yaml:1:1:");
}

#[test]
fn two_ledgers_started_separately_with_different_headers_conflict() {
    let repo = Repo::with(|t| t);
    for (branch, head) in [("a", "# Alice's ledger"), ("b", "# Bob's ledger")] {
        repo.branch(branch, |r| {
            std::fs::write(r.t.path(), format!("{head}\nversion: 1\ncommitments: []\n")).unwrap();
            r.cli(&["git-setup"]);
            r.cli(&[
                "add",
                branch,
                "--title",
                "T",
                "--owner",
                "O",
                "--made",
                "2025-01-01",
            ]);
        });
    }
    repo.git(&["checkout", "-q", "a"]);
    let (ok, said) = repo.merge("b");
    assert!(!ok, "{said}");
    let text = repo.t.file();
    assert!(
        text.contains("# Alice's ledger") && text.contains("# Bob's ledger"),
        "{text}"
    );
    assert!(text.contains("<<<<<<<"), "{text}");
}

/// Issue 11: `git add -A` after `init` committed the lock and the undo journal, and the next
/// merge stopped on the journal.
#[test]
fn init_in_a_repository_sets_up_git_and_side_files_stay_out() {
    let repo = Repo::with(|t| t);
    repo.cli(&["init", "--title", "Team ledger"])
        .stdout_has("Set up git for commitments.yaml")
        .stdout_has("merge.commitments.driver");
    repo.cli(&[
        "add",
        "fr-unit",
        "--title",
        "T",
        "--owner",
        "France",
        "--made",
        "2025-03-31",
    ]);
    repo.git(&["add", "-A"]);
    let staged = repo.git(&["diff", "--cached", "--name-only"]);
    assert!(!staged.contains(".commitments.yaml."), "{staged}");
    assert!(staged.contains(".gitattributes") && staged.contains(".gitignore"));
    repo.git(&["commit", "-q", "-m", "start"]);
    for who in ["alice", "bob"] {
        repo.branch(who, |r| {
            r.cli(&[
                "evidence",
                "fr-unit",
                "--id",
                who,
                "--url",
                &format!("https://example.org/{who}"),
                "--title",
                who,
            ]);
        });
    }
    let (ok, said) = repo.merge("alice");
    assert!(ok, "{said}");
    let (ok, said) = repo.merge("bob");
    assert!(ok, "{said}");
    assert!(!said.contains(".undo"), "{said}");
    assert!(said.contains("record by record"), "{said}");
    repo.cli(&["check"]).stdout_has("2 evidence entries");
}

#[test]
fn git_setup_twice_changes_nothing_and_outside_git_says_what_to_do() {
    let repo = Repo::new();
    let files = |r: &Repo| {
        [".gitattributes", ".gitignore", ".git/config"]
            .map(|f| std::fs::read(r.dir().join(f)).unwrap())
    };
    let before = files(&repo);
    repo.cli(&["git-setup"])
        .stdout_has("Git is already set up for commitments.yaml; nothing changed.");
    assert_eq!(files(&repo), before);
    assert_eq!(
        repo.git(&["config", "--get", "merge.commitments.driver"])
            .trim(),
        "commitments merge-driver %O %A %B %P"
    );

    let outside = Test::new()
        .sample()
        .env("GIT_CEILING_DIRECTORIES", "/")
        .env("GIT_CONFIG_GLOBAL", "/dev/null");
    outside
        .then(&["git-setup"])
        .failure(1)
        .stderr_has("is not inside a git work tree; run `git init`");
    // `init` outside git creates the ledger and nothing else.
    let fresh = Test::new().env("GIT_CEILING_DIRECTORIES", "/");
    fresh.then(&["init"]).success().stdout_lacks("git");
    assert!(!fresh.dir.path().join(".gitignore").exists());
}

/// Issue 11: two researchers derive the same evidence id for different pages.
#[test]
fn evidence_added_under_one_id_on_both_sides_is_kept_twice() {
    let repo = Repo::new();
    for who in ["alice", "bob"] {
        repo.branch(who, |r| {
            r.cli(&[
                "evidence",
                "fr-mobile-unit",
                "--id",
                "home-office-2025-06-01",
                "--publisher",
                "Home Office",
                "--published",
                "2025-06-01",
                "--url",
                &format!("https://www.gov.uk/{who}"),
                "--title",
                &format!("Page read by {who}"),
            ]);
            r.cli(&[
                "update",
                "fr-mobile-unit",
                "--status",
                "partial",
                "--date",
                "2025-06-02",
                "--evidence",
                "home-office-2025-06-01",
                "--by",
                who,
            ]);
        });
    }
    let (ok, said) = repo.merge("alice");
    assert!(ok, "{said}");
    let (ok, said) = repo.merge("bob");
    assert!(ok, "{said}");
    assert!(
        said.contains("evidence `home-office-2025-06-01` was added on both sides with different content; theirs is kept as `home-office-2025-06-01-2`; their event that cites it now cites the new id"),
        "{said}"
    );
    let show = repo
        .cli(&["show", "fr-mobile-unit", "--format", "json"])
        .json();
    let evidence = show["commitment"]["evidence"].as_array().unwrap();
    let url_of = |id: &str| {
        evidence
            .iter()
            .find(|e| e["id"] == id)
            .map(|e| e["url"].as_str().unwrap().to_string())
    };
    assert_eq!(
        url_of("home-office-2025-06-01").as_deref(),
        Some("https://www.gov.uk/alice")
    );
    assert_eq!(
        url_of("home-office-2025-06-01-2").as_deref(),
        Some("https://www.gov.uk/bob")
    );
    let history = show["commitment"]["history"].as_array().unwrap();
    let bobs = history.iter().find(|e| e["recorded_by"] == "bob").unwrap();
    assert_eq!(bobs["evidence"][0], "home-office-2025-06-01-2", "{show}");
    repo.cli(&["check"]);
}

/// Issue 11: the message printed `ours Evidence { id: .., publisher: None, .. }`.
#[test]
fn a_conflict_message_shows_yaml_values_and_what_to_do() {
    let repo = Repo::new();
    let title =
        "        title: \"UK will pay foreign prosecutors to hunt down people-smugglers\"\n";
    repo.branch("a", |r| r.edit(title, "        title: bob\n"));
    repo.branch("b", |r| r.edit(title, "        title: alice\n"));
    repo.merge("a");
    let (ok, said) = repo.merge("b");
    assert!(!ok, "{said}");
    assert!(
        said.contains("`fr-mobile-unit`: evidence `times-2025-03-30` was changed on both sides: `title` is `bob` on our side and `alice` on theirs"),
        "{said}"
    );
    assert!(
        said.contains("then run `commitments check`, `git add commitments.yaml` and `git commit`"),
        "{said}"
    );
    for rust in ["Evidence {", "Some(", "None", "publisher:"] {
        assert!(!said.contains(rust), "{rust} in {said}");
    }
}

/// Issue 11: the same `add` on two branches was called a conflict, with no markers, their UUID
/// dropped and the first event twice.
#[test]
fn the_same_commitment_added_alike_on_both_sides_is_kept_once() {
    let repo = Repo::new();
    let add = [
        "add",
        "it-taskforce",
        "--title",
        "UK-Italy finance taskforce",
        "--owner",
        "Italy",
        "--made",
        "2025-03-31",
    ];
    repo.branch("alice", |r| {
        r.t.then(&add).success();
    });
    repo.branch("bob", |r| {
        r.t.then(&[&add[..], &["--by", "bob"]].concat()).success();
    });
    repo.merge("alice");
    let (ok, said) = repo.merge("bob");
    assert!(ok, "{said}");
    assert!(
        said.contains(
            "`it-taskforce` was added on both sides alike; kept once, as ours (theirs had uuid: "
        ),
        "{said}"
    );
    let text = repo.t.file();
    assert_eq!(text.matches("id: it-taskforce").count(), 1, "{text}");
    let show = repo
        .cli(&["show", "it-taskforce", "--format", "json"])
        .json();
    assert_eq!(
        show["commitment"]["history"].as_array().unwrap().len(),
        1,
        "{show}"
    );
    repo.cli(&["check"]).stdout_has("4 commitments");
}

/// Two statuses for one day, written in two places: git's line merge is clean, so the driver
/// puts the stretch where the versions differ between markers itself.
#[test]
fn a_conflict_the_text_merge_cannot_see_still_gets_markers() {
    let t = Test::new().sample().env("COMMITMENTS_FILE", "ours");
    let dir = t.dir.path();
    let block = "    history:\n    - date: 2025-03-31\n      status: announced\n      evidence:\n      - source\n";
    let event = |status: &str| {
        format!(
            "    - date: 2025-12-19\n      status: {status}\n      unsourced: true\n      note: per {status}\n"
        )
    };
    // Ours: the event put first in the history, by hand; theirs: last, as the CLI puts it.
    let (key, rest) = block.split_at("    history:\n".len());
    let ours = SAMPLE.replace(block, &format!("{key}{}{rest}", event("delivered")));
    let theirs = SAMPLE.replace(block, &format!("{block}{}", event("stalled")));
    for (f, text) in [
        ("base", SAMPLE),
        ("ours", ours.as_str()),
        ("theirs", theirs.as_str()),
    ] {
        std::fs::write(dir.join(f), text).unwrap();
    }
    let out = driver(&t, ["base", "ours", "theirs"]).failure(1);
    assert!(
        out.stderr
            .contains("recorded as `delivered` on our side and `stalled` on theirs"),
        "{}",
        out.stderr
    );
    let merged = std::fs::read_to_string(dir.join("ours")).unwrap();
    assert!(
        merged.contains("<<<<<<< ours\n") && merged.contains(">>>>>>> theirs\n"),
        "{merged}"
    );
    assert!(
        merged.contains("note: per delivered") && merged.contains("note: per stalled"),
        "{merged}"
    );
    // What both versions share is written once, outside the markers.
    assert_eq!(
        merged.matches("# A hand-kept ledger").count(),
        1,
        "{merged}"
    );
    assert_eq!(
        merged.matches("# end of file comment").count(),
        1,
        "{merged}"
    );
}

/// A repository that committed the side files before it was set up is told how to stop.
#[test]
fn git_setup_names_side_files_that_git_still_tracks() {
    let repo = Repo::with(|t| t.sample());
    repo.git(&["config", "--remove-section", "merge.commitments"]);
    std::fs::remove_file(repo.dir().join(".gitignore")).unwrap();
    repo.cli(&["gap", "uk-cps-3m", "--note", "No budget line found."]);
    repo.commit("journal committed by mistake");
    assert!(repo.git(&["ls-files"]).contains(".commitments.yaml.undo"));
    repo.cli(&["git-setup"])
        .stdout_has(".gitignore: .*.lock .*.undo .*.partial")
        // Writes lock the ledger itself, so there is no lock file for git to track.
        .stdout_has("Git still tracks .commitments.yaml.undo: run `git rm --cached .commitments.yaml.undo` and commit");
}
