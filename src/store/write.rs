//! Replacing the ledger safely.
//!
//! Every write holds an exclusive lock on a sidecar file (never the ledger itself, which an
//! editor may hold open), re-reads the ledger under that lock, applies the edits to the text,
//! checks that the result reads back as exactly the intended ledger, checks that nobody saved
//! the file in the meantime, and then replaces it atomically: a temporary file in the same
//! folder, fsync, rename, fsync of the folder. Two people writing at once both land; a crash
//! leaves the old file or the new one, never a mix.

use std::fs::{File, OpenOptions};
use std::io::Write as _;
use std::path::{Path, PathBuf};

use atomic_write_file::AtomicWriteFile;

use super::{BOM, decode, edit, journal, parse, read};
use crate::error::{Error, Result};
use crate::model::{Edit, Ledger};

/// What a command wants to change.
pub struct Change {
    pub edits: Vec<Edit>,
}

/// Creates a new ledger file with `text`; refuses if one exists.
pub fn create(path: &Path, text: &str) -> Result<()> {
    let _lock = lock(path)?;
    if path.exists() || path.is_symlink() {
        return Err(Error::Exists { path: path.into() });
    }
    parse(path, text)?;
    // A journal left from an earlier ledger at this path must not undo into this one.
    journal::remove(path)?;
    replace(path, text.as_bytes())
}

/// Loads the ledger at `path`, lets `decide` say what to change, and writes the change.
/// `decide` sees the ledger as it is under the lock, so a concurrent writer's work is never
/// overwritten.
pub fn modify<T>(path: &Path, decide: impl FnOnce(&Ledger) -> Result<(Change, T)>) -> Result<T> {
    let target = resolve(path)?;
    let _lock = lock(&target)?;
    refuse_read_only(&target)?;
    let before = read(&target)?;
    let ledger = decode(&target, before.clone())
        .and_then(|(text, bom)| parse(&target, &text).map(|ledger| (text, bom, ledger)));
    let (text, bom, ledger) = ledger.map_err(|e| match e {
        Error::Invalid {
            path,
            problems,
            text,
            ..
        } => Error::Invalid {
            path,
            problems,
            text,
            refusing: true,
        },
        other => other,
    })?;
    let (change, out) = decide(&ledger)?;
    if change.edits.is_empty() {
        return Ok(out);
    }
    let what = journal::describe(&ledger, &change.edits);
    let mut intended = ledger;
    for e in &change.edits {
        intended.apply(e);
    }
    let shown = target.display().to_string();
    let new_text = edit::apply(&text, &change.edits)
        .map_err(|e| Error::Verify(e.to_string(), shown.clone()))?;
    match parse(&target, &new_text) {
        Ok(reread) if reread == intended => {}
        Ok(_) => {
            if std::env::var_os("COMMITMENTS_DEBUG_EDIT").is_some() {
                eprintln!("{new_text}");
            }
            return Err(Error::Verify(
                "the edited file does not read back as intended".into(),
                shown,
            ));
        }
        Err(e) => {
            return Err(Error::Verify(
                format!("the edited file does not pass check: {e}"),
                shown,
            ));
        }
    }
    pause_for_tests();
    if read(&target)? != before {
        return Err(Error::ChangedOnDisk { path: target });
    }
    let mut bytes = Vec::with_capacity(new_text.len() + 3);
    if bom {
        bytes.extend_from_slice(BOM.as_bytes());
    }
    bytes.extend_from_slice(new_text.as_bytes());
    // The journal first: a crash between the two leaves the old ledger and a journal whose
    // hash matches nothing, which `undo` recognises and refuses.
    let entry = journal::Entry::new(&before, &bytes, what);
    write_journal(&target, &entry)?;
    replace(&target, &bytes)?;
    Ok(out)
}

/// Reverts the last write recorded in the journal, if the ledger is still exactly what that
/// write left. Returns the journal entry that was undone.
pub fn undo(path: &Path) -> Result<journal::Entry> {
    let target = resolve(path)?;
    let _lock = lock(&target)?;
    refuse_read_only(&target)?;
    let Some(entry) = journal::read(&target)? else {
        return Err(Error::NothingToUndo { path: path.into() });
    };
    let current = read(&target)?;
    if current == entry.before {
        return Err(Error::UndoAlreadyUndone {
            path: path.into(),
            what: entry.what,
        });
    }
    if journal::hash(&current) != entry.written {
        return Err(Error::ChangedSinceWrite {
            path: path.into(),
            what: entry.what,
            at: entry.at,
        });
    }
    // The old bytes were a valid ledger when they were recorded; check again rather than trust
    // a file anyone could have edited.
    let (text, _) = decode(&target, entry.before.clone())?;
    parse(&target, &text)?;
    replace(&target, &entry.before)?;
    journal::remove(&target)?;
    Ok(entry)
}

/// A pause between preparing a write and the final changed-on-disk check, for the test that
/// proves that check: `COMMITMENTS_TEST_PAUSE_BEFORE_WRITE` names a FIFO. Opening it blocks
/// until the test opens the other end, and reading ends when the test closes it, so the test
/// decides exactly when the writer goes on (no sleeping and hoping). Unset, this does nothing.
fn pause_for_tests() {
    if let Some(fifo) = std::env::var_os("COMMITMENTS_TEST_PAUSE_BEFORE_WRITE")
        && let Ok(mut f) = File::open(fifo)
    {
        let _ = std::io::copy(&mut f, &mut std::io::sink());
    }
}

/// The file a path names, through any symlinks, so that the link stays a link and its
/// target is what gets updated.
fn resolve(path: &Path) -> Result<PathBuf> {
    match std::fs::canonicalize(path) {
        Ok(p) => Ok(p),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            Err(Error::Missing { path: path.into() })
        }
        Err(e) => Err(Error::io("open", path, e)),
    }
}

/// A read-only ledger is someone's decision; replacing it by rename would get past it.
fn refuse_read_only(path: &Path) -> Result<()> {
    let meta = std::fs::metadata(path).map_err(|e| Error::io("read", path, e))?;
    if meta.permissions().readonly() {
        return Err(Error::Argument(format!(
            "{} is read-only; nothing was changed (make it writable to record changes)",
            path.display()
        )));
    }
    Ok(())
}

/// `.commitments.yaml.lock` beside `commitments.yaml`.
fn lock_path(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map_or_else(|| "ledger".into(), |n| n.to_string_lossy().into_owned());
    path.with_file_name(format!(".{name}.lock"))
}

fn lock(path: &Path) -> Result<File> {
    let lock = lock_path(path);
    let file = OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&lock)
        .map_err(|e| Error::io("create the lock file", &lock, e))?;
    file.lock().map_err(|e| Error::io("lock", &lock, e))?;
    Ok(file)
}

/// The journal holds the ledger's old text, so it gets the ledger's permissions: a private
/// ledger must not leave a world-readable copy beside it.
fn write_journal(ledger: &Path, entry: &journal::Entry) -> Result<()> {
    let path = journal::path(ledger);
    let permissions = std::fs::metadata(ledger)
        .map_err(|e| Error::io("read", ledger, e))?
        .permissions();
    let mut file = AtomicWriteFile::options()
        .open(&path)
        .map_err(|e| Error::io("write the undo journal", &path, e))?;
    file.as_file()
        .set_permissions(permissions)
        .and_then(|()| file.write_all(&entry.to_bytes()))
        .map_err(|e| Error::io("write the undo journal", &path, e))?;
    file.commit()
        .map_err(|e| Error::io("write the undo journal", &path, e))
}

fn replace(path: &Path, bytes: &[u8]) -> Result<()> {
    let mut file = AtomicWriteFile::options()
        .open(path)
        .map_err(|e| Error::io("write", path, e))?;
    file.write_all(bytes)
        .map_err(|e| Error::io("write", path, e))?;
    file.commit().map_err(|e| Error::io("write", path, e))
}
