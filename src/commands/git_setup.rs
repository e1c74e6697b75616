//! `commitments git-setup`: a git repository made ready for a team to share the ledger.
//!
//! Three things, each only if it is not there already, so running it again changes nothing:
//! `.gitattributes` hands the ledger's merges to `commitments merge-driver`; `.gitignore`
//! keeps the write lock, the undo journal and unfinished writes out of commits (two people's
//! journals would otherwise conflict on every merge); and this clone's git configuration says
//! what the `commitments` merge is. `init` does the same when it creates a ledger inside a git
//! work tree.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::context::Context;
use crate::error::{Error, Result};

/// Set up git to merge the ledger record by record and to leave its side files out.
///
/// Writes `.gitattributes` (`commitments.yaml merge=commitments`) and `.gitignore` (`.*.lock`,
/// `.*.undo`, `.*.partial`) beside the ledger, and sets `merge.commitments.driver` in this
/// clone's git configuration. Each person runs it once in their clone (git does not copy
/// configuration); running it again changes nothing. docs/team-work-over-git.md explains it.
#[derive(Debug, clap::Args)]
pub struct Args {}

/// The side files `store` keeps beside a ledger, as `.gitignore` patterns.
const SIDE_FILES: [&str; 3] = [".*.lock", ".*.undo", ".*.partial"];

pub fn run(ctx: &Context, _args: Args) -> Result<()> {
    if !ctx.file.exists() {
        return Err(Error::Missing {
            path: ctx.file.clone(),
        });
    }
    let dir = folder(&ctx.file);
    match inside_work_tree(&dir) {
        Some(true) => setup(ctx, &dir),
        Some(false) => Err(Error::Argument(format!(
            "{} is not inside a git work tree; run `git init` there (or clone your team's repository) first, then `commitments git-setup`",
            shown(&dir)
        ))),
        None => Err(Error::Tool(
            "git is not installed, or not on PATH; install git first, then run `commitments git-setup`".into(),
        )),
    }
}

/// For `init`: the same set-up when the new ledger is inside a git work tree; nothing when it
/// is not, or when there is no git. The ledger is made by then, so a set-up that fails is a
/// note saying how to finish it, not a failed `init`.
pub(crate) fn if_in_git(ctx: &Context) -> Result<()> {
    let dir = folder(&ctx.file);
    if inside_work_tree(&dir) != Some(true) {
        return Ok(());
    }
    if let Err(e) = setup(ctx, &dir) {
        eprintln!(
            "commitments: note: the ledger is made, but setting git up for it failed ({e}); run `commitments git-setup` once that is fixed"
        );
    }
    Ok(())
}

fn setup(ctx: &Context, dir: &Path) -> Result<()> {
    let name = ctx
        .file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "commitments.yaml".into());
    let mut did = Vec::new();

    let attributes = dir.join(".gitattributes");
    let rule = format!("{name} merge=commitments");
    let has_rule = |text: &str| {
        text.lines().any(|l| {
            let mut words = l.split_whitespace();
            words.next() == Some(name.as_str()) && words.any(|w| w == "merge=commitments")
        })
    };
    if append_missing(&attributes, &[rule.as_str()], has_rule, None)? {
        did.push(format!(
            "  {}: `{rule}` (git hands merges of the ledger to `commitments merge-driver`)",
            shown(&attributes)
        ));
    }

    let ignore = dir.join(".gitignore");
    let missing: Vec<&str> = {
        let text = std::fs::read_to_string(&ignore).unwrap_or_default();
        SIDE_FILES
            .into_iter()
            .filter(|p| !text.lines().any(|l| l.trim() == *p))
            .collect()
    };
    if append_missing(
        &ignore,
        &missing,
        |_| missing.is_empty(),
        Some("# commitments' side files: the write lock, the undo journal, unfinished writes"),
    )? {
        did.push(format!(
            "  {}: {} (the write lock, the undo journal and unfinished writes stay out of commits)",
            shown(&ignore),
            missing.join(" ")
        ));
    }

    let driver = format!("{} merge-driver %O %A %B %P", program());
    let now = git(dir, &["config", "--get", "merge.commitments.driver"]).unwrap_or_default();
    if now.trim() != driver {
        git(
            dir,
            &[
                "config",
                "merge.commitments.name",
                "commitments ledger merge",
            ],
        )?;
        git(dir, &["config", "merge.commitments.driver", &driver])?;
        did.push(format!(
            "  git config merge.commitments.driver \"{driver}\" (this clone only: each person runs `commitments git-setup` once){}",
            if now.trim().is_empty() {
                String::new()
            } else {
                format!("; it was \"{}\"", now.trim())
            }
        ));
    }

    let mut said = if did.is_empty() {
        vec![format!(
            "Git is already set up for {name}; nothing changed."
        )]
    } else {
        let mut said = vec![format!("Set up git for {name}:")];
        said.append(&mut did);
        said.push("Commit .gitattributes and .gitignore so that the whole team has them.".into());
        said
    };
    // Side files committed before the set-up keep conflicting until git forgets them.
    let side: Vec<String> = ["lock", "undo", "partial"]
        .iter()
        .map(|s| format!(".{name}.{s}"))
        .collect();
    let mut args = vec!["ls-files", "--"];
    args.extend(side.iter().map(String::as_str));
    let tracked = git(dir, &args).unwrap_or_default();
    let tracked: Vec<&str> = tracked.lines().filter(|l| !l.is_empty()).collect();
    if !tracked.is_empty() {
        said.push(format!(
            "Git still tracks {}: run `git rm --cached {}` and commit, or merges will keep conflicting on them.",
            tracked.join(", "),
            tracked.join(" ")
        ));
    }
    ctx.print(&said.join("\n"))
}

/// Adds `lines` to the end of `path` unless `present` says the file has them already. Returns
/// whether it wrote.
fn append_missing(
    path: &Path,
    lines: &[&str],
    present: impl Fn(&str) -> bool,
    heading: Option<&str>,
) -> Result<bool> {
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(Error::io("read", path, e)),
    };
    if present(&text) || lines.is_empty() {
        return Ok(false);
    }
    let mut new = text.clone();
    if !new.is_empty() && !new.ends_with('\n') {
        new.push('\n');
    }
    if let Some(h) = heading {
        new.push_str(h);
        new.push('\n');
    }
    for l in lines {
        new.push_str(l);
        new.push('\n');
    }
    std::fs::write(path, new).map_err(|e| Error::io("write", path, e))?;
    Ok(true)
}

/// How git should call this program: by name when that is what `commitments` on PATH is (the
/// configuration then survives an upgrade), else by its full path.
fn program() -> String {
    let me = std::env::current_exe().and_then(std::fs::canonicalize).ok();
    let on_path = std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|p| p.join("commitments"))
            .find(|p| p.is_file())
            .and_then(|p| std::fs::canonicalize(p).ok())
    });
    match me {
        Some(me) if on_path.as_ref() != Some(&me) => {
            // Git runs the driver with the shell: quote the path for it.
            format!("'{}'", me.display().to_string().replace('\'', "'\\''"))
        }
        _ => "commitments".into(),
    }
}

pub(super) fn folder(ledger: &Path) -> PathBuf {
    match ledger.parent().filter(|p| !p.as_os_str().is_empty()) {
        Some(dir) => dir.to_path_buf(),
        None => PathBuf::from("."),
    }
}

fn shown(path: &Path) -> String {
    path.strip_prefix(".").unwrap_or(path).display().to_string()
}

/// Some(whether `dir` is in a git work tree), None when git cannot be run.
pub(super) fn inside_work_tree(dir: &Path) -> Option<bool> {
    let out = Command::new("git")
        .args(["rev-parse", "--is-inside-work-tree"])
        .current_dir(dir)
        .output()
        .ok()?;
    Some(out.status.success() && String::from_utf8_lossy(&out.stdout).trim() == "true")
}

pub(super) fn git(dir: &Path, args: &[&str]) -> Result<String> {
    let out = Command::new("git")
        .args(args)
        .current_dir(dir)
        .output()
        .map_err(|e| Error::io("run", "git", e))?;
    // `git config --get` of an unset key exits 1 with nothing said: that is an answer.
    if !out.status.success() && !out.stderr.is_empty() {
        return Err(Error::Tool(format!(
            "`git {}` failed: {}",
            args.join(" "),
            String::from_utf8_lossy(&out.stderr).trim()
        )));
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}
