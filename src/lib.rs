//! `commitments`: an accountability ledger of commitments, the evidence behind them and
//! their status over time, kept in a plain YAML file that people also edit by hand.
//!
//! The flow is file → model → commands → output: `store` reads and writes the file,
//! `model` is the domain, `commands` holds one module per subcommand, and `report` turns a
//! ledger into tables and documents.

pub mod commands;
pub mod context;
pub mod error;
pub mod import;
pub mod merge;
pub mod model;
pub mod problem;
pub mod report;
pub mod site;
pub mod store;
pub mod synthetic;

use std::ffi::OsString;
use std::io::Write as _;
use std::process::ExitCode;

use clap::Parser as _;

pub use error::{Error, Result};

/// Runs the command line and returns the exit status: 0 success, 1 a problem with the
/// ledger or the input, 2 a usage error, 3 a file or program that cannot be used (see
/// [`error::Class`]).
pub fn run(args: impl IntoIterator<Item = OsString>) -> ExitCode {
    // A bug must still end with a message, not a backtrace, and never with a half-written
    // file (writes are atomic, so a panic cannot tear the ledger).
    std::panic::set_hook(Box::new(|info| {
        let _ = writeln!(
            std::io::stderr(),
            "commitments: internal error: {info}\nNothing was written. Please report this with the command you ran."
        );
    }));
    let args: Vec<OsString> = args.into_iter().collect();
    // `COMPLETE=bash commitments -- …`: the shell asks for completions (commands/completions.rs).
    match commands::complete(&args) {
        Ok(true) => return ExitCode::SUCCESS,
        Ok(false) => {}
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(e.exit_code() as u8);
        }
    }
    let cli = match commands::Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(e.exit_code() as u8);
        }
    };
    let result = std::panic::catch_unwind(|| cli.execute());
    match result {
        Ok(Ok(())) => ExitCode::SUCCESS,
        Ok(Err(Error::Io { source, .. })) if source.kind() == std::io::ErrorKind::BrokenPipe => {
            ExitCode::SUCCESS
        }
        Ok(Err(e)) => {
            // Validation reports start each line with `file:line:column`, where editors and
            // CI logs look for it; everything else is prefixed with the program's name.
            let message = match &e {
                Error::Invalid { .. } => e.to_string(),
                // A merge conflict shows both sides' values whole: the person chooses between them.
                Error::Conflict(_) => format!("commitments: {e}"),
                // A value quoted from the command line or a spreadsheet is cut to its start.
                _ => format!("commitments: {}", store::shortened_quotes(&e.to_string())),
            };
            // Messages repeat what the person wrote, which may hold terminal escape sequences
            // (from a pasted title, or a hostile file): they are shown, never obeyed.
            let message: String = message
                .chars()
                .map(|c| {
                    if c.is_control() && c != '\n' {
                        '\u{fffd}'
                    } else {
                        c
                    }
                })
                .collect();
            let _ = writeln!(std::io::stderr(), "{message}");
            ExitCode::from(e.code())
        }
        Err(_) => ExitCode::from(1),
    }
}
