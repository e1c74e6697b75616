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

use super::{
    BOM, check_edit, decode, decode_borrowed, edit, journal, parse, parse_outlined, read,
    same_on_disk,
};
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
    // Messages name the file as the user gave it; the resolved path is only for I/O.
    let read_back = decode_borrowed(path, &before).and_then(|(text, bom)| {
        parse_outlined(path, text).map(|(ledger, outline)| (text, bom, ledger, outline))
    });
    let (text, bom, ledger, outline) = read_back.map_err(|e| match e {
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
    let shown = path.display().to_string();
    let new_text = edit::apply(text, outline.as_ref(), &change.edits).map_err(|e| match e {
        edit::EditError::Unreadable(reason) => Error::CannotEdit {
            path: path.into(),
            reason,
        },
        edit::EditError::Other(e) => Error::Verify(e, shown.clone()),
    })?;
    let before_edit = outline.as_ref().map(|o| (text, o));
    if let Err(e) = check_edit(path, &new_text, &change.edits, &intended, before_edit) {
        if std::env::var_os("COMMITMENTS_DEBUG_EDIT").is_some() {
            eprintln!("{new_text}");
        }
        return Err(e);
    }
    pause_for_tests();
    if !same_on_disk(&target, &before)? {
        return Err(Error::ChangedOnDisk { path: path.into() });
    }
    let bytes = if bom {
        [BOM.as_bytes(), new_text.as_bytes()].concat()
    } else {
        new_text.into_bytes()
    };
    // The journal first: a crash between the two leaves the old ledger and a journal whose
    // hash matches nothing, which `undo` recognises and refuses.
    let entry = journal::Entry::new(before, &bytes, what);
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
    let (text, _) = decode(path, entry.before.clone())?;
    parse(path, &text)?;
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
        return Err(Error::Access(format!(
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

/// The journal holds the ledger's old text, so it gets the ledger's permissions and owner: a
/// private ledger must not leave a world-readable copy beside it.
fn write_journal(ledger: &Path, entry: &journal::Entry) -> Result<()> {
    let like = std::fs::metadata(ledger).map_err(|e| Error::io("read", ledger, e))?;
    // The header and the old bytes as two writes, not one copy of them joined.
    replace_as(
        &journal::path(ledger),
        &[&entry.header(), &entry.before],
        Some(&like),
        "write the undo journal",
    )
}

/// Replaces (or creates) `path` with `bytes` atomically, keeping an existing file's owner and
/// permissions. Also used for report files (`-o`), so a half-written page is never published.
pub fn replace(path: &Path, bytes: &[u8]) -> Result<()> {
    let like = std::fs::metadata(path).ok();
    replace_as(path, &[bytes], like.as_ref(), "write")
}

/// `.commitments.yaml.partial` beside `commitments.yaml`: where a write puts the new bytes
/// before renaming them into place. One fixed name, because every write holds the lock: one
/// found there is what a killed writer left, never read, and replaced by the next write.
fn partial_path(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map_or_else(|| "ledger".into(), |n| n.to_string_lossy().into_owned());
    path.with_file_name(format!(".{name}.partial"))
}

/// Replaces `path` with `bytes` in one step: the bytes go to a file in the same folder, are
/// synced and given `like`'s owner and permissions, and are renamed over `path`; then the
/// folder is synced, so that the rename itself survives a power cut. A crash at any moment
/// leaves the old file or the new one, never a mix (stress/kill-writer tries it).
fn replace_as(
    path: &Path,
    parts: &[&[u8]],
    like: Option<&std::fs::Metadata>,
    action: &'static str,
) -> Result<()> {
    use std::os::unix::fs::{MetadataExt as _, OpenOptionsExt as _};
    let partial = partial_path(path);
    let result = (|| -> std::io::Result<()> {
        match std::fs::remove_file(&partial) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e),
            _ => {}
        }
        // A new file gets the usual permissions (0666 less the umask); a replacement gets
        // exactly the old file's, set below, so it starts private.
        let mode = if like.is_some() { 0o600 } else { 0o666 };
        let mut file = OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(mode)
            .open(&partial)?;
        if let Some(m) = like {
            // The owner first, since changing it may clear set-id bits. Only root may give a
            // file away; anyone else keeps their own, as an editor's save would.
            match std::os::unix::fs::fchown(&file, Some(m.uid()), Some(m.gid())) {
                Err(e) if e.kind() != std::io::ErrorKind::PermissionDenied => return Err(e),
                _ => {}
            }
            file.set_permissions(m.permissions())?;
        }
        for bytes in parts {
            file.write_all(bytes)?;
        }
        file.sync_all()?;
        std::fs::rename(&partial, path)?;
        let folder = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        File::open(folder)?.sync_all()
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&partial);
    }
    result.map_err(|e| Error::io(action, path, e))
}
