//! `commitments completions`: tab completion for the shell, generated from the same clap
//! definitions that parse the command line, so completion never offers an option that is gone.

use clap::CommandFactory as _;
use clap_complete::Shell;

use super::Cli;
use crate::context::Context;
use crate::error::{Error, Result};

/// Print a tab-completion script for bash, zsh, fish or PowerShell.
///
/// Install it once, e.g. for bash:
/// `commitments completions bash > ~/.local/share/bash-completion/completions/commitments`
/// (docs/editors-and-shells.md has zsh, fish and PowerShell).
#[derive(Debug, clap::Args)]
pub struct Args {
    /// bash, zsh, fish, powershell or elvish.
    #[arg(value_enum)]
    shell: Shell,
}

pub fn run(_ctx: &Context, args: Args) -> Result<()> {
    let mut command = Cli::command();
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut command, "commitments", &mut script);
    write_stdout(&script)
}

/// Raw bytes to standard output; a closed pipe ends quietly, as everywhere else.
pub(super) fn write_stdout(bytes: &[u8]) -> Result<()> {
    use std::io::Write as _;
    let mut out = std::io::stdout().lock();
    out.write_all(bytes)
        .and_then(|()| out.flush())
        .map_err(|e| Error::io("write to", "standard output", e))
}
