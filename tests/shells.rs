//! Completion scripts and manual pages: generated from the clap definitions, and usable.

use std::process::{Command, Stdio};

use crate::harness::*;

/// Every subcommand, as `--help` lists them; completion and the manual must know each.
pub(crate) fn subcommands() -> Vec<String> {
    let help = Test::new().args(&["--help"]).run().success().stdout;
    let commands: Vec<String> = help
        .split("Commands:")
        .nth(1)
        .expect("--help lists commands")
        .lines()
        .skip(1)
        .take_while(|l| !l.trim().is_empty())
        // A name starts its line; wrapped descriptions are indented further.
        .filter(|l| l.starts_with("  ") && !l.starts_with("   "))
        .filter_map(|l| l.split_whitespace().next().map(str::to_string))
        .filter(|name| name != "help")
        .collect();
    assert!(commands.len() >= 10, "{commands:?}");
    commands
}

/// The completion code for a shell, as `completions SHELL` prints it.
fn registration(shell: &str) -> String {
    Test::new()
        .args(&["completions", shell])
        .run()
        .success()
        .stdout
}

/// A shell that is not installed skips its test with a message, except in CI, whose `.ci/run`
/// installs zsh, fish and tmux: there a missing shell fails.
fn installed(program: &str) -> bool {
    // tmux has no --version (it prints its usage and fails); -V is its flag.
    let flag = if program == "tmux" { "-V" } else { "--version" };
    let found = Command::new(program)
        .arg(flag)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !found {
        assert!(
            std::env::var_os("CI").is_none(),
            "{program} is not installed, but .ci/run installs it"
        );
        eprintln!("skipped: {program} is not installed (`apt-get install zsh fish tmux`)");
    }
    found
}

/// A ledger whose scale is PolitiFact's, so that statuses offered can only come from the file.
fn politifact_ledger() -> Test {
    let t = Test::new();
    t.then(&["init", "--preset", "politifact"]).success();
    t.then(&[
        "add",
        "gb-boats",
        "--title",
        "Stop the boats",
        "--owner",
        "Home Office",
        "--made",
        "2025-03-31",
        "--tag",
        "channel",
        "--source-url",
        "https://example.org/pledge",
        "--source-title",
        "The pledge",
    ])
    .success();
    t
}

const POLITIFACT: [&str; 6] = [
    "not-yet-rated",
    "in-the-works",
    "stalled",
    "compromise",
    "promise-kept",
    "promise-broken",
];

/// Completion of `words` (the last one being completed) in a real bash, with the code that
/// `completions bash` prints loaded, in the test's folder.
fn bash_offers(t: &Test, words: &[&str]) -> Vec<String> {
    let script = registration("bash");
    let quoted: Vec<String> = words.iter().map(|w| format!("'{w}'")).collect();
    let line = words.join(" ");
    let probe = format!(
        "{script}\nCOMP_WORDS=({}); COMP_CWORD={}; COMP_LINE='{line}'; COMP_POINT={}; COMP_TYPE=9; \
         _clap_complete_commitments commitments '{}' '{}'; printf '%s\\n' \"${{COMPREPLY[@]}}\"",
        quoted.join(" "),
        words.len() - 1,
        line.len(),
        words[words.len() - 1],
        words[words.len() - 2],
    );
    shell_lines(t, "bash", &["--norc", "-c", &probe])
        .into_iter()
        .map(|l| l.trim_end().to_string())
        .filter(|l| !l.is_empty())
        .collect()
}

/// The lines `program args` prints, run in the test's folder with no ledger named in the
/// environment; it must succeed.
fn shell_lines(t: &Test, program: &str, args: &[&str]) -> Vec<String> {
    let out = Command::new(program)
        .args(args)
        .current_dir(t.dir.path())
        .env_remove("COMMITMENTS_FILE")
        .output()
        .unwrap_or_else(|e| panic!("run {program}: {e}"));
    assert!(
        out.status.success(),
        "{program}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(str::to_string)
        .collect()
}

/// What was offered besides the options (which an empty word also offers).
fn values(offered: Vec<String>) -> Vec<String> {
    offered
        .into_iter()
        .filter(|o| !o.starts_with('-'))
        .collect()
}

#[test]
fn each_shell_gets_code_that_calls_the_program_back() {
    for (shell, marker) in [
        ("bash", "complete -o nospace -o bashdefault"),
        (
            "zsh",
            "compdef _clap_dynamic_completer_commitments commitments",
        ),
        (
            "fish",
            "complete --keep-order --exclusive --command commitments",
        ),
        ("powershell", "Register-ArgumentCompleter"),
        ("elvish", "set edit:completion:arg-completer[commitments]"),
    ] {
        let script = registration(shell);
        assert!(script.contains(marker), "{shell}: no `{marker}`:\n{script}");
        assert!(
            script.contains(env!("CARGO_BIN_EXE_commitments")),
            "{shell}: the code does not call this program back:\n{script}"
        );
    }
    let check = Command::new("bash")
        .args(["-n", "-c", &registration("bash")])
        .output()
        .expect("run bash");
    assert!(
        check.status.success(),
        "bash -n refuses the script: {}",
        String::from_utf8_lossy(&check.stderr)
    );
    Test::new()
        .args(&["completions", "tcsh"])
        .run()
        .failure(2)
        .stderr_has("possible values");
}

#[test]
fn bash_completes_commands_ids_statuses_kinds_owners_and_tags_from_the_ledger() {
    let t = Test::new().sample();
    let commands = bash_offers(&t, &["commitments", "re"]);
    for name in ["report", "retire", "retract"] {
        assert!(commands.iter().any(|c| c == name), "offered: {commands:?}");
    }
    let ids = bash_offers(&t, &["commitments", "show", ""]);
    for id in ["fr-mobile-unit", "uk-cps-3m", "de-smuggling-law"] {
        assert!(ids.iter().any(|c| c == id), "show <Tab> offered: {ids:?}");
    }
    let ids = bash_offers(&t, &["commitments", "update", "uk"]);
    assert!(
        !ids.is_empty() && ids.iter().all(|c| c.starts_with("uk")),
        "update uk<Tab> offered: {ids:?}"
    );
    let statuses = bash_offers(&t, &["commitments", "update", "uk-cps-3m", "--status", ""]);
    assert_eq!(
        statuses,
        [
            "announced",
            "in-progress",
            "partial",
            "delivered",
            "stalled",
            "abandoned"
        ]
    );
    let kinds = bash_offers(&t, &["commitments", "evidence", "uk-cps-3m", "--kind", ""]);
    assert!(
        kinds.iter().any(|k| k == "ngo-report") && kinds.len() == 8,
        "--kind <Tab> offered: {kinds:?}"
    );
    let stages = bash_offers(&t, &["commitments", "funding", "uk-cps-3m", "--stage", ""]);
    assert_eq!(stages, ["pledged", "allocated", "disbursed", "spent"]);

    // Another scale in another file, named with --file: its statuses, its ids, its tags.
    let other = politifact_ledger();
    std::fs::rename(other.path(), t.dir.path().join("other.yaml")).unwrap();
    let statuses = bash_offers(
        &t,
        &[
            "commitments",
            "--file",
            "other.yaml",
            "update",
            "gb-boats",
            "--status",
            "",
        ],
    );
    assert_eq!(statuses, POLITIFACT);
    let ids = bash_offers(&t, &["commitments", "-f", "other.yaml", "show", ""]);
    assert_eq!(values(ids), ["gb-boats"]);
    let owners = bash_offers(
        &t,
        &["commitments", "list", "-f", "other.yaml", "--owner", ""],
    );
    assert_eq!(owners, ["Home Office"]);
    let tags = bash_offers(
        &t,
        &["commitments", "list", "--file=other.yaml", "--tag", ""],
    );
    assert_eq!(tags, ["channel"]);
}

/// No ledger, or one that cannot be read: nothing is offered, and nothing is printed into the
/// person's prompt.
#[test]
fn completion_without_a_readable_ledger_offers_nothing_and_says_nothing() {
    let empty = Test::new();
    assert_eq!(
        values(bash_offers(&empty, &["commitments", "show", ""])),
        Vec::<String>::new()
    );
    let broken = Test::new().ledger("version: 1\ncommitments: [\n");
    let out = Command::new(env!("CARGO_BIN_EXE_commitments"))
        .args(["--", "commitments", "show", ""])
        .current_dir(broken.dir.path())
        .env("COMPLETE", "bash")
        .env("_CLAP_COMPLETE_INDEX", "2")
        .output()
        .unwrap();
    assert!(out.status.success());
    let offered: Vec<String> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(str::to_string)
        .collect();
    assert_eq!(values(offered), Vec::<String>::new());
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
}

#[test]
fn fish_completes_ids_and_the_ledgers_statuses() {
    if !installed("fish") {
        return;
    }
    let t = politifact_ledger();
    let ask = |line: &str| -> Vec<String> {
        let script = format!(
            "{} completions fish | source; complete -C '{line}'",
            env!("CARGO_BIN_EXE_commitments")
        );
        shell_lines(&t, "fish", &["--no-config", "-c", &script])
            .into_iter()
            // fish prints each value, a tab, and its description.
            .map(|l| l.split('\t').next().unwrap_or("").to_string())
            .collect()
    };
    assert_eq!(values(ask("commitments show ")), ["gb-boats"]);
    assert_eq!(ask("commitments update gb-boats --status "), POLITIFACT);
}

/// zsh completes only in an interactive line editor, so the test types into a real zsh in
/// tmux, as a person would, and reads the screen.
#[test]
fn zsh_completes_ids_and_the_ledgers_statuses() {
    if !installed("zsh") || !installed("tmux") {
        return;
    }
    let t = politifact_ledger();
    let socket = format!("commitments-test-{}", std::process::id());
    let tmux = |args: &[&str]| {
        Command::new("tmux")
            .arg("-L")
            .arg(&socket)
            .args(args)
            .current_dir(t.dir.path())
            .output()
            .expect("run tmux")
    };
    let home = t.dir.path().to_string_lossy().into_owned();
    let start = tmux(&[
        "new-session",
        "-d",
        "-s",
        "z",
        "-x",
        "160",
        "-y",
        "40",
        &format!("env -i HOME={home} PATH=/usr/bin:/bin TERM=xterm zsh -f"),
    ]);
    assert!(start.status.success(), "{start:?}");
    let screen_until = |wanted: &[&str]| -> String {
        let mut screen = String::new();
        for _ in 0..100 {
            screen = String::from_utf8_lossy(&tmux(&["capture-pane", "-p", "-t", "z"]).stdout)
                .into_owned();
            if wanted.iter().all(|w| screen.contains(w)) {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
        screen
    };
    tmux(&[
        "send-keys",
        "-t",
        "z",
        &format!(
            "autoload -U compinit && compinit -u && source <({} completions zsh) && echo ready",
            env!("CARGO_BIN_EXE_commitments")
        ),
        "Enter",
    ]);
    // Keys typed before zsh has drawn its prompt again can be lost (a loaded machine made
    // `commitments show` into `ommitments show`, which completes file names): wait for a
    // bare prompt (`host#`, the last line) before each line typed.
    let prompt = || {
        for _ in 0..100 {
            let screen = String::from_utf8_lossy(&tmux(&["capture-pane", "-p", "-t", "z"]).stdout)
                .into_owned();
            let bare = |l: &str| l.trim_end().ends_with(['#', '%']) && !l.trim().contains(' ');
            if screen
                .lines()
                .rev()
                .find(|l| !l.trim().is_empty())
                .is_some_and(bare)
            {
                return;
            }
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
    };
    screen_until(&["\nready"]);
    prompt();
    tmux(&[
        "send-keys",
        "-t",
        "z",
        "commitments update gb-boats --status ",
        "Tab",
    ]);
    let screen = screen_until(&POLITIFACT);
    tmux(&["send-keys", "-t", "z", "C-c", ""]);
    prompt();
    tmux(&["send-keys", "-t", "z", "commitments show ", "Tab"]);
    let ids = screen_until(&["gb-boats   -- Stop the boats"]);
    tmux(&["kill-server"]);
    for status in POLITIFACT {
        assert!(screen.contains(status), "no `{status}` offered:\n{screen}");
    }
    assert!(
        screen.contains("Promise Kept"),
        "labels not shown:\n{screen}"
    );
    // The ledger's one id is offered with its title beside it (zsh lists it with the
    // options, so it does not complete it in place).
    assert!(
        ids.contains("gb-boats   -- Stop the boats"),
        "show <Tab> gave:\n{ids}"
    );
}

#[test]
fn the_manual_page_names_every_command_and_renders() {
    let page = Test::new().args(&["man"]).run().success().stdout;
    assert!(
        page.starts_with(".ie") || page.contains(".TH commitments 1"),
        "{page}"
    );
    for name in subcommands() {
        // roff writes every hyphen as `\-`.
        let roff_name = name.replace('-', "\\-");
        assert!(
            page.contains(&format!("commitments\\-{roff_name}(1)")),
            "man page lacks `{name}`"
        );
    }
    // `man -l -` renders roff from standard input, as a person would read it.
    let Ok(mut man) = Command::new("man")
        .args(["-l", "-"])
        .env("MANWIDTH", "80")
        .env("MAN_KEEP_FORMATTING", "0")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
    else {
        // No man-db here: the roff checks above stand.
        return;
    };
    use std::io::Write as _;
    man.stdin
        .take()
        .unwrap()
        .write_all(page.as_bytes())
        .unwrap();
    let out = man.wait_with_output().unwrap();
    let text = overstrike_removed(&String::from_utf8_lossy(&out.stdout));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(text.contains("NAME") && text.contains("SYNOPSIS"), "{text}");
    assert!(text.contains("An accountability ledger"), "{text}");
}

/// `man` into a pipe prints bold as `N\bN`; what a reader sees is one `N`.
fn overstrike_removed(text: &str) -> String {
    let mut out: Vec<char> = Vec::new();
    for c in text.chars() {
        if c == '\u{8}' {
            out.pop();
        } else {
            out.push(c);
        }
    }
    out.into_iter().collect()
}

#[test]
fn each_command_has_a_page_and_all_can_be_installed_at_once() {
    Test::new()
        .args(&["man", "check"])
        .run()
        .success()
        .stdout_has("commitments\\-check")
        .stdout_has("Validate the ledger");
    Test::new()
        .args(&["man", "nope"])
        .run()
        .failure(1)
        .stderr_has("there is no command `nope`");
    let t = Test::new().args(&["man", "--out-dir", "man1"]);
    t.run().success();
    for name in subcommands() {
        let page = t.dir.path().join(format!("man1/commitments-{name}.1"));
        assert!(page.is_file(), "no {}", page.display());
    }
    assert!(t.dir.path().join("man1/commitments.1").is_file());
}
