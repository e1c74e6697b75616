//! The one error type. Every failure a user can meet ends here, with a message that says
//! what is wrong and what to do, and an exit status.

use std::path::PathBuf;

use crate::model::LookupError;
use crate::store::Problem;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{} does not exist; run `commitments init` to start a ledger there, or pass -f PATH", .path.display())]
    Missing { path: PathBuf },

    #[error("{} already exists; `init` never overwrites a ledger", .path.display())]
    Exists { path: PathBuf },

    #[error("could not {action} {}: {source}", .path.display())]
    Io {
        action: &'static str,
        path: PathBuf,
        source: std::io::Error,
    },

    /// The ledger fails validation. Rendered with every problem and its position.
    #[error("{}", render_problems(.path, .problems, .text.as_deref(), .refusing))]
    Invalid {
        path: PathBuf,
        problems: Vec<Problem>,
        text: Option<String>,
        /// Set when a write was asked for: the message then says nothing was changed.
        refusing: bool,
    },

    #[error(transparent)]
    Lookup(#[from] LookupError),

    /// A command-line value that is well-formed for clap but wrong for the ledger.
    #[error("{0}")]
    Argument(String),

    /// Files given to `import` that cannot be taken in: every problem, with its row and column.
    /// Nothing was written.
    #[error("{0}")]
    Rejected(String),

    /// A merge that a person has to finish; the file holds conflict markers.
    #[error("{0}")]
    Conflict(String),

    #[error("{} changed on disk while this command was working (was it saved from an editor?); nothing was written — run the command again", .path.display())]
    ChangedOnDisk { path: PathBuf },

    #[error("nothing to undo: no write by `commitments` is recorded for {}", .path.display())]
    NothingToUndo { path: PathBuf },

    #[error("nothing to undo: {} is already as it was before the last recorded write ({what})", .path.display())]
    UndoAlreadyUndone { path: PathBuf, what: String },

    /// The ledger is not what the last write left: undoing would throw away someone's work.
    #[error("{} has changed since the last write by `commitments` ({what}, at {at}), by hand or by another program; undo would lose that change, so nothing was done (use git or your editor's history to go back)", .path.display())]
    ChangedSinceWrite {
        path: PathBuf,
        what: String,
        at: String,
    },

    /// The file is valid, but the lossless editor cannot read it, so no change can be made
    /// without risk to the rest of the file.
    #[error("{} is valid, but this program cannot change it without risk to the rest of the file: its YAML editor cannot read part of it ({reason}); nothing was changed. Write that part in a plainer style (for instance, no tag or comment alone on the line before a value), or make this change by hand", .path.display())]
    CannotEdit { path: PathBuf, reason: String },

    /// The change would land in text that other places share through YAML anchors and
    /// aliases (`&name`, `*name`, `<<: *name`): it would change them too, or could not be made
    /// where it is meant. The file was not touched.
    #[error("{} cannot be changed this way: {reason}; nothing was changed", .path.display())]
    Shared { path: PathBuf, reason: String },

    /// A write produced a file that does not read back as intended. Never expected; the file
    /// was not touched.
    #[error("internal error: {0}; {1} was not changed. Please report this.")]
    Verify(String, String),
}

impl Error {
    /// The exit status: 1 for anything wrong with the ledger or an argument. (2, for usage,
    /// comes from clap before any of this runs.)
    pub fn code(&self) -> u8 {
        1
    }

    pub fn io(action: &'static str, path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            action,
            path: path.into(),
            source,
        }
    }
}

fn render_problems(
    path: &std::path::Path,
    problems: &[Problem],
    text: Option<&str>,
    refusing: &bool,
) -> String {
    let mut out: Vec<String> = problems.iter().map(|p| p.render(path, text)).collect();
    let n = problems.len();
    let summary = format!(
        "{} problem{} in {}",
        n,
        if n == 1 { "" } else { "s" },
        path.display()
    );
    // A problem that stopped the reading hides any after it; "1 problem" alone would read
    // as "fix this and the file is valid".
    let stopped = problems.iter().any(|p| p.stopped_reading);
    if stopped {
        let stop = "checking stopped at this problem; fix it and run `commitments check` again to see any others";
        if *refusing {
            out.push(format!(
                "{summary}; nothing was changed. {}{}.",
                stop[..1].to_uppercase(),
                &stop[1..]
            ));
        } else {
            out.push(format!("{summary}; {stop}"));
        }
    } else if *refusing {
        out.push(format!(
            "{summary}; nothing was changed. Fix {} first (`commitments check` lists {}).",
            if n == 1 { "it" } else { "them" },
            if n == 1 { "it" } else { "them" }
        ));
    } else {
        out.push(summary);
    }
    out.join("\n\n")
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
