//! `commitments completions`: tab completion for the shell, and what it offers from the ledger.
//!
//! Completion is clap_complete's dynamic engine: the shell script only registers a function
//! that calls `commitments` back (`COMPLETE=bash commitments -- commitments show …`), and the
//! program answers from the same clap definitions that parse the command line, so completion
//! never offers an option that is gone. Because the program answers, it can also read the
//! ledger: commitment ids, the ledger's own statuses, owners and tags complete from the file
//! (evidence kinds, stages and periods from their types).

use std::ffi::OsString;
use std::path::PathBuf;

use clap::CommandFactory as _;
use clap_complete::CompletionCandidate;
use clap_complete::Shell;
use clap_complete::env::Shells;

use super::Cli;
use crate::context::Context;
use crate::error::{Error, Result};
use crate::model::Ledger;
use crate::store;

/// The variable that asks the program for completions, as clap_complete names it.
pub const COMPLETE_VAR: &str = "COMPLETE";

/// Print the shell code for tab completion in bash, zsh, fish, PowerShell or elvish
///
/// The code calls `commitments` back at each Tab, so ids, statuses, owners and tags come from
/// the ledger. Load it from your shell's start-up file, so that it follows upgrades: in
/// ~/.bashrc `source <(commitments completions bash)`; in ~/.zshrc, after compinit, `source
/// <(commitments completions zsh)`; in ~/.config/fish/config.fish `commitments completions
/// fish | source`; in a PowerShell $PROFILE `commitments completions powershell | Out-String |
/// Invoke-Expression`. `COMPLETE=bash commitments` prints the same code.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// bash, zsh, fish, powershell or elvish.
    #[arg(value_enum)]
    shell: Shell,
}

pub fn run(_ctx: &Context, args: Args) -> Result<()> {
    let name = args.shell.to_string();
    let shells = Shells::builtins();
    let shell = shells
        .completer(&name)
        .ok_or_else(|| Error::Argument(format!("no completion for the shell `{name}`")))?;
    let mut script = Vec::new();
    let command = Cli::command();
    shell
        .write_registration(
            COMPLETE_VAR,
            command.get_name(),
            command.get_name(),
            &completer(),
            &mut script,
        )
        .map_err(|e| Error::io("write to", "standard output", e))?;
    write_stdout(&script)
}

/// How the shell is to call the program back: as it was called now, made absolute when it was
/// called by a path (`./target/debug/commitments`), as clap_complete itself does.
fn completer() -> String {
    let program = PathBuf::from(std::env::args_os().next().unwrap_or_default());
    let program = match std::env::current_dir() {
        Ok(dir) if program.components().count() > 1 => dir.join(program),
        _ => program,
    };
    program.to_string_lossy().into_owned()
}

/// Raw bytes to standard output; a closed pipe ends quietly, as everywhere else.
pub(super) fn write_stdout(bytes: &[u8]) -> Result<()> {
    use std::io::Write as _;
    let mut out = std::io::stdout().lock();
    out.write_all(bytes)
        .and_then(|()| out.flush())
        .map_err(|e| Error::io("write to", "standard output", e))
}

/// Answers a completion request (`COMPLETE=SHELL` set) and says so; false on a normal run.
pub fn answer(args: &[OsString]) -> std::result::Result<bool, clap::Error> {
    let dir = std::env::current_dir().ok();
    clap_complete::CompleteEnv::with_factory(Cli::command)
        .var(COMPLETE_VAR)
        .try_complete(args.iter().cloned(), dir.as_deref())
}

/// The ledger the command line being completed names (`-f`/`--file`, else
/// $COMMITMENTS_FILE, else ./commitments.yaml), read quietly; none when it cannot be read,
/// since a completion must never print an error into the person's prompt.
fn ledger() -> Option<Ledger> {
    let words: Vec<OsString> = std::env::args_os().collect();
    // The words being completed follow the first `--`.
    let words = match words.iter().position(|w| w == "--") {
        Some(i) => &words[i + 1..],
        None => &words[..],
    };
    let mut file = std::env::var_os("COMMITMENTS_FILE").map(PathBuf::from);
    for (i, w) in words.iter().enumerate() {
        let w = w.to_string_lossy();
        if (w == "-f" || w == "--file")
            && let Some(next) = words.get(i + 1)
        {
            file = Some(PathBuf::from(next));
        } else if let Some(path) = w.strip_prefix("--file=") {
            file = Some(PathBuf::from(path));
        }
    }
    let file = file.unwrap_or_else(|| PathBuf::from("commitments.yaml"));
    store::load(&file).ok().map(|l| l.ledger)
}

/// Commitment ids, each with its title as the shells that show one (zsh, fish) do.
pub fn commitment_ids() -> Vec<CompletionCandidate> {
    let Some(ledger) = ledger() else {
        return Vec::new();
    };
    ledger
        .commitments
        .iter()
        .map(|c| CompletionCandidate::new(&c.id).help(Some(c.title.clone().into())))
        .collect()
}

/// The ledger's statuses (its `statuses:` scale, or the default one), with their labels.
pub fn statuses() -> Vec<CompletionCandidate> {
    let Some(ledger) = ledger() else {
        return Vec::new();
    };
    ledger
        .vocabulary
        .statuses()
        .iter()
        .map(|s| CompletionCandidate::new(&s.key).help(Some(s.label.clone().into())))
        .collect()
}

/// The owners the ledger names, each once.
pub fn owners() -> Vec<CompletionCandidate> {
    distinct(|ledger| ledger.commitments.iter().map(|c| c.owner.clone()).collect())
}

/// The tags the ledger uses, each once.
pub fn tags() -> Vec<CompletionCandidate> {
    distinct(|ledger| {
        ledger
            .commitments
            .iter()
            .flat_map(|c| c.tags.iter().cloned())
            .collect()
    })
}

fn distinct(values: impl Fn(&Ledger) -> Vec<String>) -> Vec<CompletionCandidate> {
    let Some(ledger) = ledger() else {
        return Vec::new();
    };
    let set: std::collections::BTreeSet<String> = values(&ledger).into_iter().collect();
    set.into_iter().map(CompletionCandidate::new).collect()
}
