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
/// evidence to the same commitment on two branches no longer conflict; evidence both added
/// under one id is kept twice, theirs renamed. Nothing either side wrote is dropped: a field
/// changed two ways, or text changed at the same place on both sides, is a conflict — it is
/// explained, the file gets the usual conflict markers, and the command fails so that git
/// stops for a person to decide. `commitments git-setup` sets git up to call it
/// (docs/team-work-over-git.md).
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
    // Evidence both sides added under one id: theirs gets a new id, in the ledger and in their
    // text alike, or (if their text cannot be rewritten so that it reads as intended) not at
    // all, and the two entries are a conflict like any other.
    let (renamed, renames) = merge::collide::separate(&b, &o, &t);
    let rewritten = store::record_spans(&theirs.text)
        .filter(|spans| !renames.is_empty() && spans.len() == t.commitments.len())
        .map(|spans| merge::collide::rename_in_text(&theirs.text, &spans, &renames))
        .filter(|text| store::parse(&name, text).is_ok_and(|l| l == renamed));
    let (t, theirs_text, renames) = match rewritten {
        Some(text) => (renamed, text, renames),
        None => (t, theirs.text.clone(), Vec::new()),
    };
    let outcome = merge::three_way(&b, &o, &t);
    let want = merge::canonical(&outcome.merged);
    // Used only if it says what the merge means and holds every line either side wrote.
    let lost = |text: &str| {
        merge::lost_lines(
            &base.text,
            &ours.text,
            &theirs_text,
            text,
            &outcome.superseded,
        )
    };
    let says_what_was_meant =
        |text: &str| store::parse(&name, text).is_ok_and(|l| merge::canonical(&l) == want);
    let with_theirs = store::edited_text(&name, &ours.text, &o, &outcome.to_ours);
    // BASE with their additions placed as in ours: a text merge against it carries over only
    // their other changes (an edited line, a comment), which land where they were made.
    let base_with_theirs = store::edited_text(&name, &base.text, &b, &outcome.to_base);
    let carried = match (&with_theirs, &base_with_theirs) {
        (Ok(r), Ok(bt)) => text_merge(r, bt, &theirs_text).ok(),
        _ => None,
    };
    let mut missing = Vec::new();
    if outcome.conflicts.is_empty() {
        let candidates = [
            carried.as_ref().filter(|(_, clean)| *clean).map(|(t, _)| t),
            with_theirs.as_ref().ok(),
        ];
        for text in candidates.into_iter().flatten() {
            if !says_what_was_meant(text) {
                continue;
            }
            let lines = lost(text);
            if lines.is_empty() {
                write(&args.ours, &ours, text)?;
                let mut said = vec![format!(
                    "Merged {} record by record{}.",
                    name.display(),
                    added(&outcome.to_ours)
                )];
                said.extend(renames.iter().map(|r| format!("  - {}", r.words())));
                said.extend(outcome.notes.iter().map(|n| format!("  - {n}")));
                return ctx.print(&said.join("\n"));
            }
            if missing.is_empty() {
                missing = lines;
            }
        }
    }
    // A person has to decide. Leave the file with conflict markers, and say in words what the
    // conflict is.
    let text = match carried {
        // Their additions merged already, and the collisions in markers; unless the additions
        // rewrote a line of ours (a record on one line), which git's own merge keeps whole.
        // Nothing is excused here: a file with markers keeps their UUID too.
        Some((text, false))
            if merge::lost_lines(&base.text, &ours.text, &theirs_text, &text, &[]).is_empty() =>
        {
            text
        }
        _ => match text_merge(&ours.text, &base.text, &theirs_text)? {
            (text, false) => text,
            // The texts combine, but what they say conflicts: both versions of the part where
            // they differ, in markers, so that nothing either side wrote is lost.
            (_, true) => both_versions(&ours.text, &theirs_text),
        },
    };
    write(&args.ours, &ours, &text)?;
    let mut lines: Vec<String> = outcome
        .conflicts
        .iter()
        .chain(renames.iter().map(|r| r.words()).collect::<Vec<_>>().iter())
        .map(|c| format!("  - {c}"))
        .collect();
    if outcome.conflicts.is_empty() {
        let said: Vec<String> = missing
            .iter()
            .take(3)
            .map(|line| {
                let theirs_wrote = theirs_text.lines().any(|l| l.trim_end() == line)
                    && !base.text.lines().any(|l| l.trim_end() == line);
                let (whose, text, ledger) = if theirs_wrote {
                    ("their", theirs_text.as_str(), &t)
                } else {
                    ("our", ours.text.as_str(), &o)
                };
                let shown = if line.trim().is_empty() {
                    "a blank line".to_string()
                } else {
                    format!("\"{}\"", line.trim())
                };
                format!("{whose} line {shown}{}", placed(text, ledger, line))
            })
            .collect();
        lines.insert(
            0,
            if said.is_empty() {
                "  - the two versions' texts could not be combined so that the result says what both sides meant".into()
            } else {
                format!(
                    "  - both sides changed the text in the same place (comments, blank lines or layout), so merging record by record would lose {}{}",
                    said.join(", "),
                    if missing.len() > said.len() { ", …" } else { "" }
                )
            },
        );
    }
    Err(Error::Conflict(format!(
        "{}: {} git should not decide alone:\n{}\nEdit the file: keep what is right between <<<<<<< and >>>>>>> (both, if both are) and delete the marker lines; then run `commitments check`, `git add {}` and `git commit`.",
        name.display(),
        if outcome.conflicts.len() <= 1 {
            "a conflict"
        } else {
            "conflicts"
        },
        lines.join("\n"),
        name.display()
    )))
}

/// Where `line` is in `text`: " in `ID`" for a commitment's record, " in the file's header"
/// before the records; nothing when it cannot be told.
fn placed(text: &str, ledger: &Ledger, line: &str) -> String {
    let mut at = 0;
    let offset = text.split_inclusive('\n').find_map(|l| {
        let here = at;
        at += l.len();
        (l.trim_end() == line).then_some(here)
    });
    let (Some(offset), Some(spans)) = (offset, store::record_spans(text)) else {
        return String::new();
    };
    match spans.iter().position(|r| r.contains(&offset)) {
        Some(i) if spans.len() == ledger.commitments.len() => {
            format!(" in `{}`", ledger.commitments[i].id)
        }
        None if spans.first().is_some_and(|r| offset < r.start) => " in the file's header".into(),
        _ => String::new(),
    }
}

/// Both versions between standard markers, from the first line in which they differ to the
/// last: what they share before and after is written once.
fn both_versions(ours: &str, theirs: &str) -> String {
    let o: Vec<&str> = ours.split_inclusive('\n').collect();
    let t: Vec<&str> = theirs.split_inclusive('\n').collect();
    let head = o.iter().zip(&t).take_while(|(a, b)| a == b).count();
    let tail = o[head..]
        .iter()
        .rev()
        .zip(t[head..].iter().rev())
        .take_while(|(a, b)| a == b)
        .count();
    let ended = |lines: &[&str]| {
        let mut s = lines.concat();
        if !s.is_empty() && !s.ends_with('\n') {
            s.push('\n');
        }
        s
    };
    format!(
        "{}<<<<<<< ours\n{}=======\n{}>>>>>>> theirs\n{}",
        o[..head].concat(),
        ended(&o[head..o.len() - tail]),
        ended(&t[head..t.len() - tail]),
        o[o.len() - tail..].concat()
    )
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
        let text = String::from_utf8(out.stdout)
            .map_err(|_| Error::Tool("git merge-file produced text that is not UTF-8".into()))?;
        match out.status.code() {
            Some(0) => Ok((text, true)),
            Some(n) if (1..=127).contains(&n) => Ok((text, false)),
            _ => Err(Error::Tool(format!(
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
