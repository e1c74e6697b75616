//! The one error type. Every failure a user can meet ends here, with a message that says
//! what is wrong and what to do, and an exit status.

use std::path::PathBuf;

use crate::model::LookupError;
use crate::problem::Problem;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{} does not exist; run `commitments init` to start a ledger there, or pass -f PATH", .path.display())]
    Missing { path: PathBuf },

    /// A file given to read (a CSV to import) that is not there. Not the ledger, so no
    /// advice about `init`.
    #[error("{} does not exist; check the file's name and the folder it is in", .path.display())]
    NoSuchFile { path: PathBuf },

    /// A path that cannot be used as it is: a folder where a file is wanted, a read-only file
    /// where a change is to be written.
    #[error("{0}")]
    Access(String),

    /// A program this one runs (git) is missing or failed.
    #[error("{0}")]
    Tool(String),

    /// A report could not be made into its format (the CSV or workbook library failed while
    /// writing into memory): neither the ledger nor the input is at fault, so it is not an
    /// input problem; the ledger is never touched by a reading command.
    #[error("{0}")]
    Output(String),

    #[error("{} already exists; `init` never overwrites a ledger", .path.display())]
    Exists { path: PathBuf },

    #[error("could not {action} {}: {}{}", .path.display(), plain(.source), .ledger)]
    Io {
        action: &'static str,
        path: PathBuf,
        source: std::io::Error,
        /// What became of the ledger, said after the failure.
        ledger: LedgerState,
    },

    /// A symbolic link whose target does not exist.
    #[error("{} is a symbolic link to {}, which does not exist: the link is broken. {}", .path.display(), .target.display(), if *.init { "`init` does not create a ledger through a broken link: remove the link, or point it at where the ledger should be (ln -sfn PATH LINK)" } else { "Point it at the ledger (ln -sfn PATH LINK) or remove it; nothing was changed" })]
    BrokenLink {
        path: PathBuf,
        target: PathBuf,
        init: bool,
    },

    /// The folder the ledger should be in is not there.
    #[error("the folder {} does not exist, so there is no {} in it; {}", .folder.display(), .path.display(), if *.init { format!("create the folder first (mkdir -p {}), then run `commitments init` again", .folder.display()) } else { "check the path (-f PATH, or COMMITMENTS_FILE), or create the folder and run `commitments init` there; nothing was changed".to_string() })]
    NoFolder {
        path: PathBuf,
        folder: PathBuf,
        init: bool,
    },

    /// Part of the path that should be a folder is a file.
    #[error("{} is a file, not a folder, so there can be no {}; check the path (-f PATH); nothing was changed", .file.display(), .path.display())]
    NotAFolder { path: PathBuf, file: PathBuf },

    /// A folder was given where the ledger file should be.
    #[error("{} is a folder, not a ledger file; give the path of the ledger file, e.g. -f {}; nothing was changed", .path.display(), .path.join("commitments.yaml").display())]
    IsFolder { path: PathBuf },

    /// This user may not change the ledger file, whatever the folder allows.
    #[error("{} is read-only for you: {reason}; nothing was changed", .path.display())]
    NotWritable { path: PathBuf, reason: String },

    /// The undo journal is there but is not a whole record written by this program.
    #[error("nothing to undo: the undo record {} is damaged or incomplete (was it edited, or cut short by a full disk?), so it is not used; {} was not changed (older versions are in git)", .journal.display(), .path.display())]
    JournalDamaged { path: PathBuf, journal: PathBuf },

    /// The new file was put in place, but the file it replaced was removed by another program
    /// before it could be compared with what was read.
    #[error("the change was written to {}, but another program removed the file it replaced in the same instant (`git clean`?), before it could be compared with what was read: if someone saved the ledger at that very moment, their save is gone. Look at the file (git diff)", .path.display())]
    Unverified { path: PathBuf },

    /// The new file was put in place, but what someone else had saved meanwhile could not be
    /// put back, so it was kept under another name.
    #[error("{} changed on disk while this command was working, and putting the other version back failed ({}): the command's version is in place, and the other one is kept as {}. Compare the two and keep what you need (mv {} {}); nothing is lost", .path.display(), plain(.source), .theirs.display(), .theirs.display(), .path.display())]
    Stranded {
        path: PathBuf,
        theirs: PathBuf,
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

    /// A command-line value that is well-formed for clap but wrong for the ledger, or an
    /// input (a setting, a CSV row) that is not what it must be.
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

/// What kind of failure an error is, which decides the exit status. Documented in
/// docs/user-guide.md ("Exit status") and the man page's EXIT STATUS. (Usage errors, exit 2,
/// are clap's, reported before any of this runs.)
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    /// The ledger or the input (an argument, a CSV file, a setting) has a problem: exit 1.
    Input,
    /// A file cannot be found, read or written, or a program this one runs cannot be used:
    /// exit 3.
    System,
}

impl Class {
    pub fn code(self) -> u8 {
        match self {
            Class::Input => 1,
            Class::System => 3,
        }
    }
}

impl Error {
    pub fn class(&self) -> Class {
        match self {
            Error::Missing { .. }
            | Error::NoSuchFile { .. }
            | Error::Io { .. }
            | Error::Access(_)
            | Error::BrokenLink { .. }
            | Error::NoFolder { .. }
            | Error::NotAFolder { .. }
            | Error::IsFolder { .. }
            | Error::NotWritable { .. }
            | Error::Stranded { .. }
            | Error::Unverified { .. }
            | Error::Tool(_)
            | Error::Output(_) => Class::System,
            Error::Exists { .. }
            | Error::Invalid { .. }
            | Error::Lookup(_)
            | Error::Argument(_)
            | Error::Rejected(_)
            | Error::Conflict(_)
            | Error::ChangedOnDisk { .. }
            | Error::NothingToUndo { .. }
            | Error::JournalDamaged { .. }
            | Error::UndoAlreadyUndone { .. }
            | Error::ChangedSinceWrite { .. }
            | Error::CannotEdit { .. }
            | Error::Shared { .. }
            | Error::Verify(..) => Class::Input,
        }
    }

    /// The exit status: see [`Class`].
    pub fn code(&self) -> u8 {
        self.class().code()
    }

    pub fn io(action: &'static str, path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            action,
            path: path.into(),
            source,
            ledger: LedgerState::Unsaid,
        }
    }

    /// The same failure, saying that `ledger` was not changed.
    pub fn unchanged(self, ledger: impl Into<PathBuf>) -> Self {
        self.with_ledger(LedgerState::Unchanged(ledger.into()))
    }

    /// Says what became of the ledger after an I/O failure.
    pub fn with_ledger(self, state: LedgerState) -> Self {
        match self {
            Error::Io {
                action,
                path,
                source,
                ..
            } => Error::Io {
                action,
                path,
                source,
                ledger: state,
            },
            other => other,
        }
    }
}

/// What an I/O failure left of the ledger, as the end of its message.
#[derive(Debug)]
pub enum LedgerState {
    /// Not about a ledger (standard output, a manual page).
    Unsaid,
    Unchanged(PathBuf),
    /// The change was made; the text says what is missing.
    Changed(PathBuf, &'static str),
}

impl std::fmt::Display for LedgerState {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        match self {
            LedgerState::Unsaid => Ok(()),
            LedgerState::Unchanged(p) => write!(f, "; {} was not changed", p.display()),
            LedgerState::Changed(p, missing) => {
                write!(
                    f,
                    "; the change itself was written to {}, {missing}",
                    p.display()
                )
            }
        }
    }
}

/// An operating-system failure in plain words, never a bare `os error N`.
pub fn plain(e: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    let said = match e.kind() {
        K::NotFound => "it does not exist",
        K::PermissionDenied => "permission denied (the file or its folder does not let you)",
        K::StorageFull => "the disk is full",
        K::QuotaExceeded => "your disk quota is used up",
        K::ReadOnlyFilesystem => "the disk it is on is mounted read-only",
        K::FileTooLarge => "the file would be larger than this system allows",
        K::IsADirectory => "it is a folder",
        K::NotADirectory => "a part of the path is a file, not a folder",
        K::AlreadyExists => "something already exists under that name",
        K::InvalidFilename => "the name is too long, or not allowed on this disk",
        K::ResourceBusy => "it is in use by the system",
        K::StaleNetworkFileHandle => "the network share lost track of the file",
        K::CrossesDevices => "it is on another disk",
        K::TimedOut => "the disk did not answer in time",
        K::Interrupted => "the operation was interrupted",
        K::OutOfMemory => "the machine ran out of memory",
        _ => match e.raw_os_error() {
            Some(5) => "the disk reported an input/output error (it may be failing)",
            Some(40) => "there are too many levels of symbolic links",
            Some(24) | Some(23) => "too many files are open",
            _ => "",
        },
    };
    if !said.is_empty() {
        return said.to_string();
    }
    // Anything else: the system's own words, without the error number.
    let text = e.to_string();
    let text = match text.find(" (os error ") {
        Some(i) => &text[..i],
        None => &text,
    };
    let mut chars = text.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => "an unknown failure".into(),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn io_failures_are_said_in_words_with_what_became_of_the_ledger() {
        let full = Error::io(
            "write a new version of",
            "commitments.yaml",
            std::io::Error::from_raw_os_error(28),
        )
        .unchanged("commitments.yaml");
        assert_eq!(
            full.to_string(),
            "could not write a new version of commitments.yaml: the disk is full; commitments.yaml was not changed"
        );
        for code in 1..134 {
            let said = Error::io("read", "x", std::io::Error::from_raw_os_error(code)).to_string();
            assert!(!said.contains("os error"), "{said}");
            assert!(!said.contains("Os {"), "{said}");
        }
    }
}
