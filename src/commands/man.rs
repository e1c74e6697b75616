//! `commitments man`: the manual page, in roff, generated from the same clap definitions as
//! `--help`, so the two say the same thing.

use std::path::PathBuf;

use clap::CommandFactory as _;

use super::Cli;
use super::completions::write_stdout;
use crate::context::Context;
use crate::error::{Error, Result};

/// Print the manual page (roff).
///
/// Read it with `commitments man | man -l -`, or install every
/// page with `commitments man --out-dir ~/.local/share/man/man1`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// A subcommand's page instead of the main one, e.g. `import`.
    command: Option<String>,
    /// Write commitments.1 and a page per subcommand (commitments-import.1, …) into this folder.
    #[arg(long, value_name = "DIR", conflicts_with = "command")]
    out_dir: Option<PathBuf>,
}

pub fn run(ctx: &Context, args: Args) -> Result<()> {
    let top = Cli::command();
    if let Some(dir) = args.out_dir {
        std::fs::create_dir_all(&dir).map_err(|e| Error::io("create", &dir, e))?;
        let mut written = Vec::new();
        for (name, command) in pages(&top) {
            let path = dir.join(format!("{name}.1"));
            std::fs::write(&path, render(command)?).map_err(|e| Error::io("write", &path, e))?;
            written.push(path.display().to_string());
        }
        return ctx.print(&format!("Wrote {}.", written.join(", ")));
    }
    let page = match args.command.as_deref() {
        None => top,
        Some(name) => top
            .get_subcommands()
            .find(|c| c.get_name() == name)
            .map(subcommand_page)
            .ok_or_else(|| {
                let names: Vec<&str> = top.get_subcommands().map(|c| c.get_name()).collect();
                Error::Argument(format!(
                    "there is no command `{name}`; the commands are: {}",
                    names.join(", ")
                ))
            })?,
    };
    write_stdout(&render(page)?)
}

/// The main page and one per subcommand, named as `man` looks them up.
fn pages(top: &clap::Command) -> Vec<(String, clap::Command)> {
    let mut pages = vec![("commitments".to_string(), top.clone())];
    for sub in top.get_subcommands() {
        pages.push((
            format!("commitments-{}", sub.get_name()),
            subcommand_page(sub),
        ));
    }
    pages
}

/// `commitments-import(1)`, whose synopsis reads `commitments import …`.
fn subcommand_page(sub: &clap::Command) -> clap::Command {
    sub.clone()
        .display_name(format!("commitments-{}", sub.get_name()))
        .bin_name(format!("commitments {}", sub.get_name()))
}

fn render(command: clap::Command) -> Result<Vec<u8>> {
    let mut page = Vec::new();
    clap_mangen::Man::new(command)
        .render(&mut page)
        .map_err(|e| Error::io("write", "the manual page", e))?;
    Ok(page)
}
