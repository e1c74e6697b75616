//! `commitments log ID`: one commitment's history in git, commit by commit.
//!
//! `git log -p commitments.yaml` shows lines, many of them other records', and a hunk rarely
//! says which commitment it is in. This reads the ledger as it was in each commit that changed
//! it, finds the commitment (by its UUID, so a corrected id is followed; else by id) and says
//! what changed in it, in the ledger's words: status events, evidence, gaps, fields — with the
//! commit's author and date.

use serde::Serialize;

use crate::commands::git_setup::{folder, git, inside_work_tree};
use crate::context::Context;
use crate::error::{Error, Result};
use crate::merge::words::yaml;
use crate::model::{Commitment, Ledger};
use crate::store;

/// What changed in one commitment, commit by commit, in the git history of the ledger.
///
/// Lists each commit that changed the commitment, oldest first, with its date, short hash,
/// author and subject, then the changes: `+` added, `-` removed, `~` changed (status events,
/// evidence, gaps and fields). Uncommitted changes in the file come last.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The commitment's id (or UUID, or the start of one, as `show` takes).
    id: String,
}

struct Commit {
    hash: String,
    author: String,
    date: String,
    subject: String,
}

pub fn run(ctx: &Context, args: Args) -> Result<()> {
    let dir = folder(&ctx.file);
    if inside_work_tree(&dir) != Some(true) {
        return Err(Error::Argument(format!(
            "{} is not in a git repository, so it has no history to show; `commitments history` shows the commitment's status over time",
            ctx.file.display()
        )));
    }
    let name = ctx
        .file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let listed = git(
        &dir,
        &[
            "log",
            "--reverse",
            "--format=%H%x1f%an%x1f%ad%x1f%s",
            "--date=short",
            "--",
            &name,
        ],
    )?;
    let commits: Vec<Commit> = listed
        .lines()
        .filter_map(|l| {
            let mut f = l.split('\u{1f}');
            Some(Commit {
                hash: f.next()?.to_string(),
                author: f.next()?.to_string(),
                date: f.next()?.to_string(),
                subject: f.next().unwrap_or("").to_string(),
            })
        })
        .collect();
    let versions: Vec<(Option<&Commit>, Option<Ledger>)> = commits
        .iter()
        .map(|c| {
            let text = git(&dir, &["show", &format!("{}:./{name}", c.hash)]).ok();
            (Some(c), text.and_then(|t| store::parse(&ctx.file, &t).ok()))
        })
        .chain(std::iter::once((
            None,
            std::fs::read_to_string(&ctx.file)
                .ok()
                .and_then(|t| store::parse(&ctx.file, &t).ok()),
        )))
        .collect();
    let key = versions
        .iter()
        .rev()
        .filter_map(|(_, l)| l.as_ref())
        .find_map(|l| l.find(&args.id).ok().map(|c| (c.id.clone(), c.uuid)))
        .ok_or_else(|| {
            Error::Argument(format!(
                "no version of {} in git has a commitment `{}`",
                ctx.file.display(),
                args.id
            ))
        })?;
    let find = |l: &Ledger| -> Option<Commitment> {
        l.commitments
            .iter()
            .find(|c| key.1.is_some() && c.uuid == key.1)
            .or_else(|| l.commitments.iter().find(|c| c.id == key.0))
            .cloned()
    };
    let mut out = Vec::new();
    let mut before: Option<Commitment> = None;
    let mut last_readable: Option<&Ledger> = None;
    for (commit, ledger) in &versions {
        let Some(ledger) = ledger else {
            if let Some(c) = commit {
                out.push(heading(c));
                out.push(
                    "  (the ledger in this commit does not pass `commitments check`; skipped)"
                        .into(),
                );
            }
            continue;
        };
        // The working file counts only where it differs from the last commit.
        if commit.is_none() && last_readable == Some(ledger) {
            continue;
        }
        last_readable = Some(ledger);
        let now = find(ledger);
        let changes = changes(before.as_ref(), now.as_ref());
        if !changes.is_empty() {
            out.push(match commit {
                Some(c) => heading(c),
                None => "not committed yet".into(),
            });
            out.extend(changes.into_iter().map(|c| format!("  {c}")));
        }
        before = now;
    }
    if out.is_empty() {
        out.push(format!("No commit changed `{}`.", key.0));
    }
    ctx.print(&out.join("\n"))
}

fn heading(c: &Commit) -> String {
    format!(
        "{}  {}  {}  {}",
        c.date,
        &c.hash[..c.hash.len().min(8)],
        c.author,
        c.subject
    )
}

/// What changed from `was` to `now`, one line each.
fn changes(was: Option<&Commitment>, now: Option<&Commitment>) -> Vec<String> {
    let (was, now) = match (was, now) {
        (None, None) => return Vec::new(),
        (None, Some(n)) => {
            let mut out = vec![format!("+ added `{}`: {}", n.id, n.title)];
            out.extend(lists(&empty_like(n), n));
            return out;
        }
        (Some(w), None) => return vec![format!("- removed `{}`", w.id)],
        (Some(w), Some(n)) => (w, n),
    };
    let mut out = Vec::new();
    let fields: [(&str, Field); 10] = [
        ("id", |c| json(&c.id)),
        ("uuid", |c| json(&c.uuid)),
        ("title", |c| json(&c.title)),
        ("owner", |c| json(&c.owner)),
        ("partners", |c| json(&c.partners)),
        ("made", |c| json(&c.made)),
        ("due", |c| json(&c.due)),
        ("tags", |c| json(&c.tags)),
        ("funding", |c| json(&c.funding)),
        ("source", |c| json(&c.source)),
    ];
    for (name, get) in fields {
        let (x, y) = (get(was), get(now));
        if x != y {
            out.push(format!("~ {name}: {} → {}", yaml(&x), yaml(&y)));
        }
    }
    out.extend(lists(was, now));
    out
}

/// One field of a commitment, as JSON, to compare and show.
type Field = fn(&Commitment) -> serde_json::Value;

fn json<T: Serialize>(v: &T) -> serde_json::Value {
    serde_json::to_value(v).unwrap_or_default()
}

fn empty_like(c: &Commitment) -> Commitment {
    let mut e = c.clone();
    e.evidence.clear();
    e.history.clear();
    e.gaps.clear();
    e
}

/// Evidence, status events and gaps added, removed or changed.
fn lists(was: &Commitment, now: &Commitment) -> Vec<String> {
    let mut out = Vec::new();
    entries(
        &mut out,
        &was.evidence,
        &now.evidence,
        |e| e.id.clone(),
        |e| format!("evidence `{}`: {} ({})", e.id, e.title, e.url),
    );
    entries(
        &mut out,
        &was.history,
        &now.history,
        |e| {
            format!(
                "{}\u{0}{}\u{0}{:?}\u{0}{:?}",
                e.date, e.status, e.recorded_by, e.recorded_at
            )
        },
        |e| {
            let mut s = format!("status `{}` on {}", e.status, e.date);
            if !e.evidence.is_empty() {
                s.push_str(&format!(" (evidence: {})", e.evidence.join(", ")));
            }
            if let Some(n) = &e.note {
                s.push_str(&format!(": {n}"));
            }
            s
        },
    );
    entries(
        &mut out,
        &was.gaps,
        &now.gaps,
        |g| g.note.clone(),
        |g| format!("gap: {}", g.note),
    );
    out
}

fn entries<T: PartialEq + Serialize>(
    out: &mut Vec<String>,
    was: &[T],
    now: &[T],
    key: impl Fn(&T) -> String,
    shown: impl Fn(&T) -> String,
) {
    for n in now {
        match was.iter().find(|w| key(w) == key(n)) {
            None => out.push(format!("+ {}", shown(n))),
            Some(w) if w != n => {
                let (Ok(serde_json::Value::Object(a)), Ok(serde_json::Value::Object(b))) =
                    (serde_json::to_value(w), serde_json::to_value(n))
                else {
                    continue;
                };
                let what: Vec<String> = b
                    .iter()
                    .filter(|(k, v)| a.get(*k) != Some(*v))
                    .map(|(k, v)| {
                        format!(
                            "`{k}` {} → {}",
                            yaml(&a.get(k).cloned().unwrap_or_default()),
                            yaml(v)
                        )
                    })
                    .collect();
                out.push(format!("~ {}: {}", shown(n), what.join(", ")));
            }
            Some(_) => {}
        }
    }
    for w in was {
        if !now.iter().any(|n| key(n) == key(w)) {
            out.push(format!("- {}", shown(w)));
        }
    }
}
