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

#[test]
fn bash_completion_is_a_valid_script_that_knows_every_command() {
    let script = Test::new()
        .args(&["completions", "bash"])
        .run()
        .success()
        .stdout;
    let check = Command::new("bash")
        .args(["-n", "-c", &script])
        .stderr(Stdio::piped())
        .output()
        .expect("run bash");
    assert!(
        check.status.success(),
        "bash -n refuses the script: {}",
        String::from_utf8_lossy(&check.stderr)
    );
    for name in subcommands() {
        assert!(script.contains(&name), "bash completion lacks `{name}`");
    }
    assert!(script.contains("--file"));
    // Completion that actually runs: load the script and ask for the words after `commitments re`.
    let probe = format!(
        "{script}\nCOMP_WORDS=(commitments re); COMP_CWORD=1; COMP_LINE='commitments re'; COMP_POINT=14; \
         _commitments commitments re commitments; printf '%s\\n' \"${{COMPREPLY[@]}}\""
    );
    let out = Command::new("bash")
        .args(["-c", &probe])
        .output()
        .expect("run bash");
    let offered = String::from_utf8_lossy(&out.stdout);
    assert!(offered.lines().any(|l| l == "report"), "offered: {offered}");
}

#[test]
fn other_shells_get_their_own_scripts() {
    let names = subcommands();
    for (shell, marker) in [
        ("zsh", "#compdef commitments"),
        ("fish", "complete -c commitments"),
        ("powershell", "Register-ArgumentCompleter"),
    ] {
        let script = Test::new()
            .args(&["completions", shell])
            .run()
            .success()
            .stdout;
        assert!(script.contains(marker), "{shell}: no `{marker}`");
        for name in &names {
            assert!(
                script.contains(name.as_str()),
                "{shell} completion lacks `{name}`"
            );
        }
    }
    Test::new()
        .args(&["completions", "tcsh"])
        .run()
        .failure(2)
        .stderr_has("possible values");
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
