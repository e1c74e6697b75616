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

use super::{BOM, check_edit, decode, edit, parse, parse_outlined, read};
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
    let (text, bom) = decode(path, before.clone())?;
    let (ledger, outline) = parse_outlined(path, &text).map_err(|e| match e {
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
    let mut intended = ledger;
    for e in &change.edits {
        intended.apply(e);
    }
    let shown = path.display().to_string();
    let new_text = edit::apply(&text, outline.as_ref(), &change.edits)
        .map_err(|e| Error::Verify(e.to_string(), shown.clone()))?;
    let before_edit = outline.as_ref().map(|o| (text.as_str(), o));
    if let Err(e) = check_edit(path, &new_text, &change.edits, &intended, before_edit) {
        if std::env::var_os("COMMITMENTS_DEBUG_EDIT").is_some() {
            eprintln!("{new_text}");
        }
        return Err(e);
    }
    if read(&target)? != before {
        return Err(Error::ChangedOnDisk { path: path.into() });
    }
    let mut bytes = Vec::with_capacity(new_text.len() + 3);
    if bom {
        bytes.extend_from_slice(BOM.as_bytes());
    }
    bytes.extend_from_slice(new_text.as_bytes());
    replace(&target, &bytes)?;
    Ok(out)
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

fn replace(path: &Path, bytes: &[u8]) -> Result<()> {
    let mut file = AtomicWriteFile::options()
        .open(path)
        .map_err(|e| Error::io("write", path, e))?;
    file.write_all(bytes)
        .map_err(|e| Error::io("write", path, e))?;
    file.commit().map_err(|e| Error::io("write", path, e))
}
