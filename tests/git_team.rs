//! The team set-up as docs/team-work-over-git.md gives it: its set-up blocks run as written in
//! fresh clones of a shared repository; the CI recipes in examples/ci are YAML that runs real
//! commands; `commitments log` over a real history.

use std::path::Path;
use std::process::Command;

use crate::harness::*;
use crate::merge::{Repo, path_with_binary};

const DOCS: &str = include_str!("../docs/team-work-over-git.md");
const GITHUB: &str = include_str!("../examples/ci/github-actions.yml");
const GITLAB: &str = include_str!("../examples/ci/gitlab-ci.yml");

/// The blocks the docs mark as run by this file, in order.
fn documented_blocks() -> Vec<String> {
    let marker = "<!-- tests/git_team.rs runs this block as it is written -->\n```sh\n";
    DOCS.match_indices(marker)
        .map(|(i, _)| {
            let rest = &DOCS[i + marker.len()..];
            rest[..rest.find("```").expect("a closed block")].to_string()
        })
        .collect()
}

/// A shell, or git, with no machine configuration: its own HOME, no global or system git
/// file, an identity from the environment, this build's `commitments` first on PATH.
fn command(program: &str, dir: &Path, home: &Path) -> Command {
    let mut c = Command::new(program);
    c.current_dir(dir)
        .env("PATH", path_with_binary())
        .env("HOME", home)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_AUTHOR_NAME", "Alice")
        .env("GIT_AUTHOR_EMAIL", "alice@example.org")
        .env("GIT_COMMITTER_NAME", "Alice")
        .env("GIT_COMMITTER_EMAIL", "alice@example.org")
        .env("COMMITMENTS_TODAY", TODAY)
        .env("COMMITMENTS_USER", "tester")
        .env_remove("COMMITMENTS_FILE");
    c
}

#[track_caller]
fn ok(mut c: Command) -> String {
    let out = c.output().expect("run");
    let said =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{c:?} failed:\n{said}");
    said
}

fn sh(dir: &Path, home: &Path, script: &str) -> String {
    let mut c = command("sh", dir, home);
    c.args(["-ec", script]);
    ok(c)
}

fn git(dir: &Path, home: &Path, args: &[&str]) -> String {
    let mut c = command("git", dir, home);
    c.args(args);
    ok(c)
}

#[test]
fn the_documented_set_up_runs_as_written_from_fresh_clones() {
    let blocks = documented_blocks();
    assert_eq!(blocks.len(), 2, "the docs' two set-up blocks");
    let root = tempfile::tempdir().unwrap();
    let (r, home) = (root.path(), root.path().join("home"));
    std::fs::create_dir(&home).unwrap();
    git(
        r,
        &home,
        &["init", "-q", "--bare", "-b", "main", "shared.git"],
    );
    git(r, &home, &["clone", "-q", "shared.git", "seed"]);
    std::fs::write(r.join("seed/commitments.yaml"), SAMPLE).unwrap();
    git(&r.join("seed"), &home, &["add", "commitments.yaml"]);
    git(
        &r.join("seed"),
        &home,
        &["commit", "-q", "-m", "the ledger"],
    );
    git(&r.join("seed"), &home, &["push", "-q", "origin", "main"]);

    git(r, &home, &["clone", "-q", "shared.git", "alice"]);
    let said = sh(&r.join("alice"), &home, &blocks[0]);
    assert!(said.contains("Set up git for commitments.yaml"), "{said}");
    git(r, &home, &["clone", "-q", "shared.git", "bob"]);
    let said = sh(&r.join("bob"), &home, &blocks[1]);
    assert!(
        said.contains("git config merge.commitments.driver"),
        "{said}"
    );
    assert!(
        r.join("bob/.gitattributes").exists(),
        "the first person's commit came with the clone"
    );

    for (who, id) in [("alice", "alice-1"), ("bob", "bob-1")] {
        sh(
            &r.join(who),
            &home,
            &format!(
                "commitments evidence fr-mobile-unit --id {id} --url https://example.org/{id} --title {id}\n\
                 commitments gap fr-mobile-unit --note 'Asked {who}'\n\
                 git add -A\ngit commit -q -m '{who}: evidence'"
            ),
        );
    }
    git(&r.join("alice"), &home, &["push", "-q", "origin", "main"]);
    let said = git(&r.join("bob"), &home, &["pull", "--no-rebase", "--no-edit"]);
    assert!(
        said.contains("Merged commitments.yaml record by record"),
        "{said}"
    );
    let text = std::fs::read_to_string(r.join("bob/commitments.yaml")).unwrap();
    for kept in [
        "id: alice-1",
        "id: bob-1",
        "Asked alice",
        "Asked bob",
        "# end of file comment",
    ] {
        assert!(text.contains(kept), "lost {kept:?}:\n{text}");
    }
    let status = git(&r.join("bob"), &home, &["status", "--porcelain"]);
    assert_eq!(status, "", "side files or leftovers: {status}");
}

/// Every command of a recipe, in order, from a list of YAML strings (multi-line `run:` blocks
/// split into lines).
fn lines_of(values: &[&serde_json::Value]) -> Vec<String> {
    values
        .iter()
        .filter_map(|v| v.as_str())
        .flat_map(|s| s.lines().map(str::to_string).collect::<Vec<_>>())
        .filter(|l| !l.trim().is_empty())
        .collect()
}

/// Runs a recipe's commands on the sample ledger as CI would after installing: the install
/// line is checked, not run (it needs the network), and every other line must succeed.
fn run_recipe(commands: &[String], artefacts: &str) {
    let t = Test::new().sample();
    let home = tempfile::tempdir().unwrap();
    let install: Vec<&String> = commands
        .iter()
        .filter(|c| c.contains("cargo install"))
        .collect();
    assert_eq!(install.len(), 1, "{commands:?}");
    assert!(
        install[0].contains("cargo install --locked --git \"$COMMITMENTS_SOURCE\" commitments"),
        "{}",
        install[0]
    );
    let checks = commands
        .iter()
        .filter(|c| c.trim() == "commitments check")
        .count();
    assert_eq!(checks, 1, "the recipe checks the ledger: {commands:?}");
    for c in commands.iter().filter(|c| !c.contains("cargo install")) {
        // CI's own paths (GitLab's project folder) point at the test folder here.
        let c = c.replace("$CI_PROJECT_DIR", t.dir.path().to_str().unwrap());
        sh(t.dir.path(), home.path(), &c);
    }
    for report in [
        "index.html",
        "quarterly.html",
        "status.csv",
        "status.md",
        "status.json",
    ] {
        let p = t.dir.path().join(artefacts).join(report);
        let text = std::fs::read_to_string(&p).unwrap_or_else(|_| panic!("no {}", p.display()));
        assert!(text.contains("fr-mobile-unit"), "{report}: {text}");
    }
}

#[test]
fn the_github_actions_recipe_is_yaml_that_runs_real_commands() {
    let doc: serde_json::Value = serde_saphyr::from_str(GITHUB).expect("valid YAML");
    assert!(doc["on"].get("push").is_some() && doc["on"].get("pull_request").is_some());
    let job = &doc["jobs"]["check-and-report"];
    let steps = job["steps"].as_array().expect("steps");
    let runs: Vec<&serde_json::Value> = steps.iter().map(|s| &s["run"]).collect();
    run_recipe(&lines_of(&runs), "public");
    let uses: Vec<&str> = steps.iter().filter_map(|s| s["uses"].as_str()).collect();
    assert!(uses.contains(&"actions/upload-artifact@v4"), "{uses:?}");
    assert!(
        uses.contains(&"actions/upload-pages-artifact@v3"),
        "{uses:?}"
    );
    let artefact = steps
        .iter()
        .find(|s| s["uses"] == "actions/upload-artifact@v4")
        .unwrap();
    assert_eq!(artefact["with"]["path"], "public/");
    assert_eq!(doc["jobs"]["publish"]["needs"], "check-and-report");
    assert_eq!(
        doc["jobs"]["publish"]["steps"][0]["uses"],
        "actions/deploy-pages@v4"
    );
}

#[test]
fn the_gitlab_recipe_is_yaml_that_runs_real_commands() {
    let doc: serde_json::Value = serde_saphyr::from_str(GITLAB).expect("valid YAML");
    let base = &doc[".ledger"];
    for job in ["ledger", "pages"] {
        assert_eq!(doc[job]["extends"], ".ledger", "{job}");
        assert_eq!(doc[job]["artifacts"]["paths"][0], "public/", "{job}");
    }
    assert!(
        doc["ledger"]["rules"]
            .to_string()
            .contains("merge_request_event")
    );
    assert!(
        doc["pages"]["rules"]
            .to_string()
            .contains("CI_DEFAULT_BRANCH")
    );
    let mut lines: Vec<&serde_json::Value> = Vec::new();
    for part in ["before_script", "script"] {
        lines.extend(base[part].as_array().expect(part).iter());
    }
    run_recipe(&lines_of(&lines), "public");
}

#[test]
fn log_lists_what_changed_in_one_commitment_commit_by_commit() {
    let repo = Repo::new();
    repo.cli(&[
        "evidence",
        "fr-mobile-unit",
        "--id",
        "a1",
        "--url",
        "https://example.org/a",
        "--title",
        "Unit deployed",
        "--published",
        "2025-06-04",
    ]);
    repo.cli(&[
        "update",
        "fr-mobile-unit",
        "--status",
        "partial",
        "--date",
        "2025-06-04",
        "--evidence",
        "a1",
        "--note",
        "Deployed in part",
    ]);
    repo.commit("alice: evidence and status");
    repo.edit("    due: 2025-12-31\n", "    due: 2026-06-30\n");
    // Another commitment's change is not in this one's history.
    repo.edit("    due: 2026-03-31\n", "    due: 2026-04-30\n");
    repo.commit("due moved");
    repo.cli(&["gap", "fr-mobile-unit", "--note", "Nothing new"]);
    let out = repo.cli(&["log", "fr-mobile-unit"]).stdout;
    let lines: Vec<&str> = out.lines().collect();
    let at = |text: &str| {
        lines
            .iter()
            .position(|l| l.contains(text))
            .unwrap_or_else(|| panic!("no {text:?} in:\n{out}"))
    };
    assert!(lines[0].ends_with("  Tester  base ledger"), "{out}");
    assert!(lines[0].starts_with(char::is_numeric) && lines[0].as_bytes()[4] == b'-');
    assert!(at("+ added `fr-mobile-unit`") < at("alice: evidence and status"));
    assert!(
        at("alice: evidence and status")
            < at("+ evidence `a1`: Unit deployed (https://example.org/a)")
    );
    assert!(
        at("+ status `partial` on 2025-06-04 (evidence: a1): Deployed in part") < at("due moved")
    );
    assert!(at("due moved") < at("~ due: 2025-12-31 → 2026-06-30"));
    assert!(at("not committed yet") < at("+ gap: Nothing new"));
    assert!(!out.contains("2026-04-30"), "{out}");

    // A corrected id: the history follows the UUID.
    repo.commit("gap");
    repo.edit(
        "  - id: fr-mobile-unit   # the slug\n",
        "  - id: fr-unit   # the slug\n",
    );
    repo.commit("shorter id");
    let out = repo.cli(&["log", "fr-unit"]).stdout;
    assert!(
        out.contains("+ evidence `a1`") && out.contains("~ id: fr-mobile-unit → fr-unit"),
        "{out}"
    );

    repo.t
        .then(&["log", "no-such-thing"])
        .failure(1)
        .stderr_has("no version of commitments.yaml in git has a commitment `no-such-thing`");
    Test::new()
        .sample()
        .env("GIT_CEILING_DIRECTORIES", "/")
        .then(&["log", "fr-mobile-unit"])
        .failure(1)
        .stderr_has("is not in a git repository");
}
