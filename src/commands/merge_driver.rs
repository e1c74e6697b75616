//! `commitments merge-driver`: git's merge of a ledger, record by record.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::context::Context;
use crate::error::{Error, Result};
use crate::merge;
use crate::model::{Edit, Ledger};
use crate::store;

/// Merge two versions of a ledger for git, record by record (a git "merge driver").
///
/// Both sides' new commitments, evidence, events and gaps are kept, so two people adding
/// evidence to the same commitment on two branches no longer conflict. A field changed two
/// ways is a real conflict: it is reported, the file gets the usual conflict markers, and the
/// command fails so that git stops for a person to decide. Set it up once per clone:
///
///   git config merge.commitments.driver "commitments merge-driver %O %A %B %P"
///
/// and in .gitattributes: `commitments.yaml merge=commitments` (docs/team-work-over-git.md).
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The common ancestor's version (git's %O).
    base: PathBuf,
    /// Our version (git's %A); the merged ledger is written here.
    ours: PathBuf,
    /// Their version (git's %B).
    theirs: PathBuf,
    /// The ledger's path in the repository (git's %P), for messages.
    path: Option<String>,
}

struct Version {
    text: String,
    bom: bool,
}

pub fn run(ctx: &Context, args: Args) -> Result<()> {
    let name = PathBuf::from(args.path.as_deref().unwrap_or("commitments.yaml"));
    let base = read(&args.base)?;
    let ours = read(&args.ours)?;
    let theirs = read(&args.theirs)?;
    // Git gives an empty ancestor when both sides created the file independently.
    let base_ledger = if base.text.trim().is_empty() {
        Ok(Ledger::new(None))
    } else {
        store::parse(&name, &base.text)
    };
    let parsed = (
        base_ledger,
        store::parse(&name, &ours.text),
        store::parse(&name, &theirs.text),
    );
    let (b, o, t) = match parsed {
        (Ok(b), Ok(o), Ok(t)) => (b, o, t),
        (b, o, t) => {
            let which: Vec<&str> = [
                ("the common ancestor", b.is_err()),
                ("ours", o.is_err()),
                ("theirs", t.is_err()),
            ]
            .into_iter()
            .filter_map(|(w, bad)| bad.then_some(w))
            .collect();
            eprintln!(
                "commitments merge-driver: {}: {} does not pass `commitments check`; merging it line by line as git would",
                name.display(),
                which.join(" and ")
            );
            let (text, clean) = text_merge(&ours.text, &base.text, &theirs.text)?;
            write(&args.ours, &ours, &text)?;
            return if clean {
                Ok(())
            } else {
                Err(Error::Conflict(format!(
                    "{}: conflicts left for you to resolve between <<<<<<< and >>>>>>>",
                    name.display()
                )))
            };
        }
    };
    let outcome = merge::three_way(&b, &o, &t);
    let want = merge::canonical(&outcome.merged);
    let says_what_was_meant =
        |text: &str| store::parse(&name, text).is_ok_and(|l| merge::canonical(&l) == want);
    let with_theirs = store::edited_text(&name, &ours.text, &o, &outcome.to_ours);
    // BASE with their additions placed as in ours: a text merge against it carries over only
    // their other changes (an edited line, a comment), which land where they were made.
    let base_with_theirs = store::edited_text(&name, &base.text, &b, &outcome.to_base);
    let carried = match (&with_theirs, &base_with_theirs) {
        (Ok(r), Ok(bt)) => text_merge(r, bt, &theirs.text).ok(),
        _ => None,
    };
    if outcome.conflicts.is_empty() {
        let chosen = match (&carried, &with_theirs) {
            (Some((text, true)), _) if says_what_was_meant(text) => Some(text),
            (_, Ok(text)) if !outcome.theirs_changed && says_what_was_meant(text) => Some(text),
            _ => None,
        };
        if let Some(text) = chosen {
            write(&args.ours, &ours, text)?;
            return ctx.print(&format!(
                "Merged {} record by record{}.",
                name.display(),
                added(&outcome.to_ours)
            ));
        }
    }
    // A person has to decide. Leave the file with conflict markers where the texts collide,
    // and say in words what the conflict is.
    let (text, _) = match carried {
        Some(c) => c,
        None => text_merge(&ours.text, &base.text, &theirs.text)?,
    };
    write(&args.ours, &ours, &text)?;
    let mut lines: Vec<String> = outcome
        .conflicts
        .iter()
        .map(|c| format!("  - {c}"))
        .collect();
    if lines.is_empty() {
        lines.push(
            "  - the two versions' texts could not be combined so that the result says what both sides meant"
                .into(),
        );
    }
    Err(Error::Conflict(format!(
        "{}: {} git should not decide alone:\n{}\nEdit the file (conflicts are between <<<<<<< and >>>>>>>), run `commitments check`, then `git add` it.",
        name.display(),
        if lines.len() == 1 {
            "a conflict"
        } else {
            "conflicts"
        },
        lines.join("\n")
    )))
}

fn read(path: &Path) -> Result<Version> {
    let bytes = std::fs::read(path).map_err(|e| Error::io("read", path, e))?;
    let (text, bom) = store::decode(path, bytes)?;
    Ok(Version { text, bom })
}

/// Git's merge file is a temporary copy: replacing it in place is what git expects.
fn write(path: &Path, ours: &Version, text: &str) -> Result<()> {
    let mut bytes = Vec::with_capacity(text.len() + 3);
    if ours.bom {
        bytes.extend_from_slice("\u{feff}".as_bytes());
    }
    bytes.extend_from_slice(text.as_bytes());
    std::fs::write(path, bytes).map_err(|e| Error::io("write", path, e))
}

/// `git merge-file`: a line-by-line three-way merge, with standard conflict markers. Returns
/// the text and whether it merged cleanly.
fn text_merge(current: &str, base: &str, other: &str) -> Result<(String, bool)> {
    let dir = std::env::temp_dir().join(format!(
        "commitments-merge-{}-{}",
        std::process::id(),
        uuid::Uuid::new_v4().simple()
    ));
    std::fs::create_dir_all(&dir).map_err(|e| Error::io("create", &dir, e))?;
    let result = (|| {
        let mut paths = Vec::new();
        for (name, text) in [("ours", current), ("base", base), ("theirs", other)] {
            let p = dir.join(name);
            std::fs::write(&p, text).map_err(|e| Error::io("write", &p, e))?;
            paths.push(p);
        }
        let out = Command::new("git")
            .args([
                "merge-file",
                "-p",
                "-L",
                "ours",
                "-L",
                "base",
                "-L",
                "theirs",
            ])
            .args(&paths)
            .output()
            .map_err(|e| Error::io("run", "git merge-file", e))?;
        let text = String::from_utf8(out.stdout).map_err(|_| {
            Error::Argument("git merge-file produced text that is not UTF-8".into())
        })?;
        match out.status.code() {
            Some(0) => Ok((text, true)),
            Some(n) if (1..=127).contains(&n) => Ok((text, false)),
            _ => Err(Error::Argument(format!(
                "git merge-file failed: {}",
                String::from_utf8_lossy(&out.stderr).trim()
            ))),
        }
    })();
    let _ = std::fs::remove_dir_all(&dir);
    result
}

fn added(edits: &[Edit]) -> String {
    let count = |f: fn(&Edit) -> bool| edits.iter().filter(|e| f(e)).count();
    let parts: Vec<String> = [
        (
            count(|e| matches!(e, Edit::AddCommitment(_))),
            "commitment",
            "commitments",
        ),
        (
            count(|e| matches!(e, Edit::AddEvidence { .. })),
            "evidence entry",
            "evidence entries",
        ),
        (
            count(|e| matches!(e, Edit::AddEvent { .. })),
            "status event",
            "status events",
        ),
        (count(|e| matches!(e, Edit::AddGap { .. })), "gap", "gaps"),
    ]
    .into_iter()
    .filter(|(n, ..)| *n > 0)
    .map(|(n, one, many)| format!("{n} {}", if n == 1 { one } else { many }))
    .collect();
    if parts.is_empty() {
        String::new()
    } else {
        format!("; theirs added {}", parts.join(", "))
    }
}
