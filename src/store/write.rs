//! Replacing the ledger safely.
//!
//! Every write locks the ledger file (`disk`), reads it under that lock, applies the edits to
//! the text, checks that the result reads back as exactly the intended ledger, writes the undo
//! record and the new file beside it (each synced), and only then puts the new file in place,
//! in one step that gives way if anybody saved the ledger at any moment before it
//! (`disk::swap_in`). The undo record becomes the journal only once the new file is in place,
//! so a write that fails or is killed leaves the record of the last write that landed. Two
//! people writing at once both land; a crash leaves the old file or the new one, never a mix.
//!
//! Longer than 400 lines on purpose: the write protocol above, step by step, each step beside
//! the reason for it.

use std::path::{Path, PathBuf};

use super::disk::{self, LockError, Swap, SwapError, Temp};
use super::{BOM, check_edit, decode, decode_borrowed, edit, journal, parse, parse_outlined};
use crate::error::{Error, LedgerState, Result};
use crate::model::{Edit, Ledger};

pub(crate) use disk::folder;

/// What a command wants to change.
pub struct Change {
    pub edits: Vec<Edit>,
}

/// Creates a new ledger file with `text`; refuses if anything is at `path` by the time it is
/// put there.
pub fn create(path: &Path, text: &str) -> Result<()> {
    match std::fs::symlink_metadata(path) {
        Ok(m) if m.is_dir() => return Err(Error::IsFolder { path: path.into() }),
        Ok(m) if m.file_type().is_symlink() => {
            return Err(match std::fs::metadata(path) {
                Ok(m) if m.is_dir() => Error::IsFolder { path: path.into() },
                Ok(_) => Error::Exists { path: path.into() },
                Err(e) => super::absent(path, e, true),
            });
        }
        Ok(_) => return Err(Error::Exists { path: path.into() }),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(super::absent(path, e, true)),
    }
    if let Err(e) = std::fs::metadata(folder(path)) {
        return Err(super::absent(path, e, true));
    }
    parse(path, text)?;
    // A journal left from an earlier ledger at this path must not undo into this one.
    journal::remove(path).map_err(|e| e.with_ledger(LedgerState::Unsaid))?;
    let temp = Temp::write(path, &[text.as_bytes()], None)
        .map_err(|e| Error::io("create a file in", folder(path), e).unchanged(path))?;
    disk::create_from(temp, path).map_err(|e| match e.kind() {
        std::io::ErrorKind::AlreadyExists => Error::Exists { path: path.into() },
        _ => Error::io("create", path, e),
    })?;
    disk::sync_folder(path).map_err(|e| {
        Error::io("confirm on disk the folder of", path, e).with_ledger(LedgerState::Changed(
            path.into(),
            "but the disk did not confirm that it is stored",
        ))
    })
}

/// Loads the ledger at `path`, lets `decide` say what to change, and writes the change.
/// `decide` sees the ledger as it is under the lock, so a concurrent writer's work is never
/// overwritten.
pub fn modify<T>(path: &Path, decide: impl FnOnce(&Ledger) -> Result<(Change, T)>) -> Result<T> {
    let target = resolve(path)?;
    refuse_unwritable(path, &target)?;
    let locked = lock(path, &target)?;
    tidy(&target, &locked.bytes);
    let before = &locked.bytes;
    // Messages name the file as the user gave it; the resolved path is only for I/O.
    let read_back = decode_borrowed(path, before).and_then(|(text, bom)| {
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
    let bytes = if bom {
        [BOM.as_bytes(), new_text.as_bytes()].concat()
    } else {
        new_text.into_bytes()
    };
    // The undo record first, under a name of its own: it becomes the journal only once the
    // new file is in place, so until then the journal still holds the last write that landed.
    let header = journal::header_for(&bytes, &what, before.len());
    let record = Temp::write(&target, &[&header, before], Some(&locked.meta))
        .map_err(|e| Error::io("write the undo record in", folder(&target), e).unchanged(path))?;
    let _new_lock = put_in_place(path, &target, &bytes, &locked.meta, before)?;
    keep_record(path, &target, record, &header, before, &locked.meta);
    disk::sync_folder(&target).map_err(|e| {
        Error::io("confirm on disk the folder of", path, e).with_ledger(LedgerState::Changed(
            path.into(),
            "but the disk did not confirm that it is stored",
        ))
    })?;
    Ok(out)
}

/// Reverts the last write recorded in the journal, if the ledger is still exactly what that
/// write left. Returns the journal entry that was undone.
pub fn undo(path: &Path) -> Result<journal::Entry> {
    let target = resolve(path)?;
    refuse_unwritable(path, &target)?;
    let locked = lock(path, &target)?;
    // A write killed after its new file was in place left its record under a temporary name:
    // it is the last write that landed, and this brings it in.
    tidy(&target, &locked.bytes);
    let current = &locked.bytes;
    let entry = match journal::read(&target)? {
        journal::Recorded::Nothing => return Err(Error::NothingToUndo { path: path.into() }),
        journal::Recorded::Damaged => {
            return Err(Error::JournalDamaged {
                path: path.into(),
                journal: beside(path, &journal::path(&target)),
            });
        }
        journal::Recorded::Entry(entry) => entry,
    };
    if *current == entry.before {
        return Err(Error::UndoAlreadyUndone {
            path: path.into(),
            what: entry.what,
        });
    }
    if journal::hash(current) != entry.written {
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
    let _lock = put_in_place(path, &target, &entry.before, &locked.meta, current)?;
    journal::remove(&target).map_err(|e| {
        e.with_ledger(LedgerState::Changed(
            path.into(),
            "but a second `undo` would find the record again and refuse",
        ))
    })?;
    disk::sync_folder(&target).map_err(|e| {
        Error::io("confirm on disk the folder of", path, e).with_ledger(LedgerState::Changed(
            path.into(),
            "but the disk did not confirm that it is stored",
        ))
    })?;
    Ok(entry)
}

/// The last step: `bytes`, in a new file like `like`, replace the ledger if the ledger is
/// still `before`. Should the new file vanish before it is put in place (`git clean -fdX`
/// removes `.*.partial` files), it is written again, up to eight times.
fn put_in_place(
    path: &Path,
    target: &Path,
    bytes: &[u8],
    like: &std::fs::Metadata,
    before: &[u8],
) -> Result<std::fs::File> {
    let mut tries = 0;
    loop {
        let new = Temp::write(target, &[bytes], Some(like)).map_err(|e| {
            Error::io("write the new version in", folder(target), e).unchanged(path)
        })?;
        if tries == 0 {
            pause_for_tests();
        }
        tries += 1;
        return match disk::swap_in(new, target, before) {
            Ok(Swap::Done(lock)) => Ok(lock),
            Ok(Swap::Changed) => Err(Error::ChangedOnDisk { path: path.into() }),
            Err(SwapError::Before(e)) if e.kind() == std::io::ErrorKind::NotFound => {
                if !target.exists() {
                    // The ledger itself was removed meanwhile.
                    Err(Error::ChangedOnDisk { path: path.into() })
                } else if tries < 8 {
                    continue;
                } else {
                    let why = std::io::Error::other(format!(
                        "another program removed the new version beside it each time, {tries} times ({})",
                        "`git clean` in a loop?"
                    ));
                    Err(Error::io("put the new version in place of", path, why).unchanged(path))
                }
            }
            Err(SwapError::Before(e)) => {
                Err(Error::io("put the new version in place of", path, e).unchanged(path))
            }
            Err(SwapError::After(e)) => Err(Error::io("finish writing", path, e).with_ledger(
                LedgerState::Changed(path.into(), "but the command could not finish"),
            )),
            Err(SwapError::Unverified) => Err(Error::Unverified { path: path.into() }),
            Err(SwapError::Stranded { theirs, source }) => Err(Error::Stranded {
                path: path.into(),
                theirs: beside(path, &theirs),
                source,
            }),
        };
    }
}

/// Makes the undo record the journal, now that its write has landed. Should the record have
/// been removed meanwhile (`git clean -fdX` takes side files), it is written again. The write
/// itself has landed whatever happens here, so a record that cannot be kept is a note on
/// standard error, not a failure (a script would run the command again, and record it twice).
fn keep_record(
    path: &Path,
    target: &Path,
    record: Temp,
    header: &[u8],
    before: &[u8],
    like: &std::fs::Metadata,
) {
    let journal = journal::path(target);
    let mut result = record.rename_to(&journal);
    for _ in 0..3 {
        match &result {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                result = Temp::write(target, &[header, before], Some(like))
                    .and_then(|again| again.rename_to(&journal));
            }
            _ => break,
        }
    }
    if let Err(e) = result {
        eprintln!(
            "commitments: note: the change was written to {}, but its undo record {} could not be saved ({}), so `commitments undo` cannot take it back",
            path.display(),
            beside(path, &journal).display(),
            crate::error::plain(&e)
        );
    }
}

/// Clears what killed writers left beside the ledger. A record whose write landed (the ledger
/// is exactly what it wrote) becomes the journal; anything else is removed. Best effort: a
/// file that cannot be removed stays, and harms nothing.
fn tidy(target: &Path, current: &[u8]) {
    let leftovers = disk::leftovers(target);
    if leftovers.is_empty() {
        return;
    }
    let mut current_hash = None;
    for file in leftovers {
        if let Some(entry) = journal::peek(&file)
            && *current_hash.get_or_insert_with(|| journal::hash(current)) == entry.written
            && std::fs::rename(&file, journal::path(target)).is_ok()
        {
            continue;
        }
        let _ = std::fs::remove_file(&file);
    }
}

/// A pause just before the new file is put in place, for the tests that prove the last check:
/// `COMMITMENTS_TEST_PAUSE_BEFORE_WRITE` names a FIFO. Opening it blocks until the test opens
/// the other end, and reading ends when the test closes it, so the test decides exactly when
/// the writer goes on (no sleeping and hoping). Unset, this does nothing.
fn pause_for_tests() {
    if let Some(fifo) = std::env::var_os("COMMITMENTS_TEST_PAUSE_BEFORE_WRITE")
        && let Ok(mut f) = std::fs::File::open(fifo)
    {
        let _ = std::io::copy(&mut f, &mut std::io::sink());
    }
}

/// The file a path names, through any symlinks, so that the link stays a link and its
/// target is what gets updated.
fn resolve(path: &Path) -> Result<PathBuf> {
    std::fs::canonicalize(path).map_err(|e| super::absent(path, e, false))
}

/// A side file's name as the user would find it: beside the path they gave, unless that path
/// is a link (then beside the file it leads to).
fn beside(path: &Path, side: &Path) -> PathBuf {
    match (std::fs::symlink_metadata(path), side.file_name()) {
        (Ok(m), Some(name)) if !m.file_type().is_symlink() => path.with_file_name(name),
        _ => side.into(),
    }
}

fn lock(path: &Path, target: &Path) -> Result<disk::Locked> {
    disk::lock_and_read(target, |meta| super::fit_to_read(path, meta)).map_err(|e| match e {
        LockError::Open(e) => super::absent(path, e, false),
        LockError::Lock(e) => Error::io("lock", path, e).unchanged(path),
        LockError::Read(e) => Error::io("read", path, e).unchanged(path),
        LockError::Refused(e) => e,
    })
}

/// Refuses a write that the ledger's permissions do not allow this user, before anything is
/// touched. A rename would get past them (it needs only the folder's permission) and leave the
/// file under a new owner; a read-only ledger is someone's decision. Root is judged by the
/// mode bits, since the system lets root write anything.
fn refuse_unwritable(path: &Path, target: &Path) -> Result<()> {
    use std::os::unix::fs::{MetadataExt as _, PermissionsExt as _};
    let meta = std::fs::metadata(target).map_err(|e| super::absent(path, e, false))?;
    if meta.is_dir() {
        return Err(Error::IsFolder { path: path.into() });
    }
    if meta.permissions().readonly() {
        return Err(Error::Access(format!(
            "{} is read-only; nothing was changed (make it writable to record changes)",
            path.display()
        )));
    }
    let mode = meta.permissions().mode();
    match rustix::fs::access(target, rustix::fs::Access::WRITE_OK) {
        Ok(()) => {}
        Err(rustix::io::Errno::ROFS) => {
            return Err(Error::NotWritable {
                path: path.into(),
                reason: "the disk it is on is mounted read-only".into(),
            });
        }
        Err(_) => {
            return Err(Error::NotWritable {
                path: path.into(),
                reason: format!(
                    "it belongs to {} (group {}), and its permissions ({}) do not let you change it. \
                     Ask its owner to let you (for a shared ledger: the same group for everyone, \
                     and chmod g+w {})",
                    user_name(meta.uid()),
                    group_name(meta.gid()),
                    symbolic(mode),
                    path.display()
                ),
            });
        }
    }
    let folder = folder(target);
    if let Err(e) = rustix::fs::access(
        folder,
        rustix::fs::Access::WRITE_OK | rustix::fs::Access::EXEC_OK,
    ) {
        return Err(
            Error::io("write in the folder", beside(path, folder), e.into()).unchanged(path),
        );
    }
    Ok(())
}

/// `rw-rw-r--`.
fn symbolic(mode: u32) -> String {
    (0..9)
        .map(|i| {
            let bit = 1 << (8 - i);
            if mode & bit == 0 {
                '-'
            } else {
                ['r', 'w', 'x'][i % 3]
            }
        })
        .collect()
}

fn user_name(uid: u32) -> String {
    name_in("/etc/passwd", uid).unwrap_or_else(|| format!("user {uid}"))
}

fn group_name(gid: u32) -> String {
    name_in("/etc/group", gid).unwrap_or_else(|| gid.to_string())
}

/// The name for `id` in a passwd-style file (`name:x:id:…`).
fn name_in(file: &str, id: u32) -> Option<String> {
    let text = std::fs::read_to_string(file).ok()?;
    text.lines().find_map(|line| {
        let mut parts = line.split(':');
        let name = parts.next()?;
        let number = parts.nth(1)?;
        (number.parse::<u32>().ok()? == id).then(|| name.to_string())
    })
}

/// Replaces (or creates) `path` with `bytes` atomically, keeping an existing file's owner and
/// permissions. For report files (`-o`), so a half-written page is never published.
pub fn replace(path: &Path, bytes: &[u8]) -> Result<()> {
    let like = std::fs::metadata(path).ok();
    let temp = Temp::write(path, &[bytes], like.as_ref())
        .map_err(|e| Error::io("write a new version of", path, e).unchanged(path))?;
    temp.rename_to(path)
        .map_err(|e| Error::io("replace", path, e).unchanged(path))?;
    disk::sync_folder(path).map_err(|e| Error::io("confirm on disk the folder of", path, e))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A write killed after its new file was in place but before its record became the
    /// journal: the record, under a dead writer's temporary name, is the last write that
    /// landed, and `undo` takes that one back (not the one before it).
    #[test]
    fn undo_finds_the_record_of_a_write_killed_after_it_landed() {
        let dir = tempfile::tempdir().unwrap();
        let ledger = dir.path().join("commitments.yaml");
        let v0 = "version: 1\ncommitments: []\n";
        let v1 = "version: 1\ntitle: One\ncommitments: []\n";
        let v2 = "version: 1\ntitle: Two\ncommitments: []\n";
        let record = |before: &str, after: &str, what: &str| {
            let mut r = journal::header_for(after.as_bytes(), what, before.len());
            r.extend_from_slice(before.as_bytes());
            r
        };
        std::fs::write(&ledger, v2).unwrap();
        std::fs::write(journal::path(&ledger), record(v0, v1, "first")).unwrap();
        // No process has this id (it is above the kernel's limit).
        let left = dir
            .path()
            .join(".commitments.yaml.2147483000-0123456789ab.partial");
        std::fs::write(&left, record(v1, v2, "second")).unwrap();
        let undone = undo(&ledger).unwrap();
        assert_eq!(undone.what, "second");
        assert_eq!(std::fs::read_to_string(&ledger).unwrap(), v1);
        assert!(!left.exists());
        assert!(matches!(undo(&ledger), Err(Error::NothingToUndo { .. })));
    }
}
