//! The ledger's file as writers touch it: the lock, the temporary files, and the one step that
//! puts a new version in place only if the file there is still the one that was read.
//!
//! The lock is taken on the ledger file itself (an advisory `flock`, which editors neither take
//! nor notice), not on a side file: a side file can be deleted by `git clean -fdX` while a
//! write holds it, and the next writer would then lock a new file and write at the same time.
//! A write replaces the ledger by a new file, so whoever locked the old one checks, once the
//! lock is theirs, that the file at the path is still the one they locked, and starts again if
//! not. The new file is locked before it is put in place, so a writer that arrives just after
//! the replacement waits for the one that made it.
//!
//! Longer than 400 lines on purpose: the lock and the replacement are one protocol, and each
//! system's way of making the replacement (an exchange with renameat2 on Linux, a compare and
//! a rename elsewhere) sits beside the other.

use std::fs::{File, Metadata, OpenOptions};
use std::io::{Read as _, Write as _};
use std::os::unix::fs::{MetadataExt as _, OpenOptionsExt as _};
use std::path::{Path, PathBuf};

/// The ledger, locked, and the bytes it held when the lock was taken.
pub(crate) struct Locked {
    /// Held open for the lock; dropping it releases the lock.
    _file: File,
    pub meta: Metadata,
    pub bytes: Vec<u8>,
}

/// Locks the ledger at `path` (already resolved through any symlinks) and reads it.
/// `checked` vets the file's metadata before anything is read (a folder, a huge file).
pub(crate) fn lock_and_read(
    path: &Path,
    checked: impl Fn(&Metadata) -> crate::error::Result<()>,
) -> Result<Locked, LockError> {
    loop {
        let file = File::open(path).map_err(LockError::Open)?;
        let meta = file.metadata().map_err(LockError::Open)?;
        checked(&meta).map_err(LockError::Refused)?;
        let file = match file.lock() {
            Ok(()) => file,
            // Network file systems emulate this lock with one that needs a file open for
            // writing; a writer has to be able to write the ledger in any case.
            Err(e) if e.raw_os_error() == Some(rustix::io::Errno::BADF.raw_os_error()) => {
                let file = OpenOptions::new()
                    .read(true)
                    .write(true)
                    .open(path)
                    .map_err(LockError::Open)?;
                file.lock().map_err(LockError::Lock)?;
                file
            }
            Err(e) => return Err(LockError::Lock(e)),
        };
        // While we waited, the writer before us may have put a new file in place (or an
        // editor, or git): the lock is only worth anything on the file that is there now.
        let locked = file.metadata().map_err(LockError::Open)?;
        match std::fs::metadata(path) {
            Ok(now) if now.dev() == locked.dev() && now.ino() == locked.ino() => {}
            Ok(_) => continue,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Err(LockError::Open(e));
            }
            Err(e) => return Err(LockError::Open(e)),
        }
        let mut bytes = Vec::with_capacity(locked.len() as usize);
        (&file).read_to_end(&mut bytes).map_err(LockError::Read)?;
        return Ok(Locked {
            _file: file,
            meta: locked,
            bytes,
        });
    }
}

pub(crate) enum LockError {
    Open(std::io::Error),
    Lock(std::io::Error),
    Read(std::io::Error),
    Refused(crate::error::Error),
}

/// A file of our own beside the ledger, `.NAME.PID-RANDOM.partial`: created new (never one
/// that exists), so that no two writers ever share one. Removed when dropped unless it was
/// put in place.
pub(crate) struct Temp {
    pub path: PathBuf,
    pub file: File,
    kept: bool,
}

impl Drop for Temp {
    fn drop(&mut self) {
        if !self.kept {
            let _ = std::fs::remove_file(&self.path);
        }
    }
}

impl Temp {
    /// A new file beside `ledger` holding `parts`, synced, with `like`'s owner (where this user
    /// may give it), group and permission bits.
    pub fn write(ledger: &Path, parts: &[&[u8]], like: Option<&Metadata>) -> std::io::Result<Temp> {
        let mut temp = Temp::create(ledger, like)?;
        for bytes in parts {
            temp.file.write_all(bytes)?;
        }
        temp.file.sync_all()?;
        Ok(temp)
    }

    fn create(ledger: &Path, like: Option<&Metadata>) -> std::io::Result<Temp> {
        // A new file gets the usual permissions (0666 less the umask); a copy of an existing
        // file gets exactly its bits, set below, so it starts private.
        let mode = if like.is_some() { 0o600 } else { 0o666 };
        let mut tries = 0;
        loop {
            let path = temp_path(ledger);
            match OpenOptions::new()
                .write(true)
                .create_new(true)
                .mode(mode)
                .open(&path)
            {
                Ok(file) => {
                    let temp = Temp {
                        path,
                        file,
                        kept: false,
                    };
                    if let Some(like) = like {
                        take_owner_and_mode(&temp.file, like)?;
                    }
                    return Ok(temp);
                }
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && tries < 8 => {
                    tries += 1;
                }
                Err(e) => return Err(e),
            }
        }
    }

    /// Renames the file to `to`, replacing whatever is there.
    pub fn rename_to(mut self, to: &Path) -> std::io::Result<()> {
        std::fs::rename(&self.path, to)?;
        self.kept = true;
        Ok(())
    }
}

fn temp_path(ledger: &Path) -> PathBuf {
    let random = uuid::Uuid::new_v4().simple().to_string();
    ledger.with_file_name(format!(
        ".{}.{}-{}.partial",
        file_name(ledger),
        std::process::id(),
        &random[..12]
    ))
}

pub(crate) fn file_name(ledger: &Path) -> String {
    ledger
        .file_name()
        .map_or_else(|| "ledger".into(), |n| n.to_string_lossy().into_owned())
}

/// The owner first, since changing it may clear set-id bits. Only root may give a file away;
/// anyone else keeps it as their own (as an editor's save would), but still gives it the
/// ledger's group where they belong to it, so that the group can go on writing.
fn take_owner_and_mode(file: &File, like: &Metadata) -> std::io::Result<()> {
    let mine = file.metadata()?;
    if mine.uid() != like.uid() || mine.gid() != like.gid() {
        match std::os::unix::fs::fchown(file, Some(like.uid()), Some(like.gid())) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::PermissionDenied => {
                if mine.gid() != like.gid() {
                    match std::os::unix::fs::fchown(file, None, Some(like.gid())) {
                        Err(e) if e.kind() != std::io::ErrorKind::PermissionDenied => {
                            return Err(e);
                        }
                        _ => {}
                    }
                }
            }
            Err(e) => return Err(e),
        }
    }
    file.set_permissions(like.permissions())
}

/// How the last step of a write ended.
pub(crate) enum Swap {
    /// The new file is in place; its lock is held until this is dropped.
    Done(File),
    /// The file at the path was not what was read: it is back in place and the new file
    /// is gone.
    Changed,
}

/// Puts `temp` at `path` if the file there still holds exactly `expected`.
///
/// On Linux the two are exchanged in one step (`renameat2` with `RENAME_EXCHANGE`), and the
/// file that was displaced is then compared with `expected`: if someone saved the ledger at
/// any moment up to the exchange, their file is the displaced one, it differs, and it is
/// exchanged back. Nothing saved before the new file is in place can be lost; a save after
/// it replaces the new file, as any later save would. Where the system cannot exchange, the
/// file is compared and then `temp` renamed over it, which leaves the time between the two
/// open.
pub(crate) fn swap_in(temp: Temp, path: &Path, expected: &[u8]) -> Result<Swap, SwapError> {
    // A writer that arrives once the new file is in place must wait for this one.
    temp.file.lock().map_err(SwapError::Before)?;
    let mut temp = temp;
    #[cfg(target_os = "linux")]
    {
        use rustix::fs::{CWD, RenameFlags, renameat_with};
        match renameat_with(CWD, &temp.path, CWD, path, RenameFlags::EXCHANGE) {
            Ok(()) => {
                // `temp.path` now names what was at `path`.
                let same = displaced_is(&temp.path, expected);
                if let Err(e) = &same
                    && e.kind() == std::io::ErrorKind::NotFound
                {
                    // Removed by another program in the instant since (`git clean -fdX`
                    // takes `.*.partial`): what it was cannot be known any more.
                    temp.kept = true;
                    return Err(SwapError::Unverified);
                }
                if matches!(same, Ok(true)) {
                    let _ = std::fs::remove_file(&temp.path);
                    temp.kept = true;
                    let file = temp.file.try_clone().map_err(SwapError::After)?;
                    return Ok(Swap::Done(file));
                }
                return match renameat_with(CWD, &temp.path, CWD, path, RenameFlags::EXCHANGE) {
                    // Drop removes the new file, now at `temp.path` again.
                    Ok(()) => match same {
                        Ok(_) => Ok(Swap::Changed),
                        Err(e) => Err(SwapError::Before(e)),
                    },
                    Err(e) => {
                        temp.kept = true;
                        Err(SwapError::Stranded {
                            theirs: temp.path.clone(),
                            source: e.into(),
                        })
                    }
                };
            }
            Err(e)
                if e == rustix::io::Errno::INVAL
                    || e == rustix::io::Errno::NOSYS
                    || e == rustix::io::Errno::OPNOTSUPP => {}
            Err(e) => return Err(SwapError::Before(e.into())),
        }
    }
    match super::same_on_disk(path, expected) {
        Ok(true) => {}
        Ok(false) => return Ok(Swap::Changed),
        Err(_) => return Ok(Swap::Changed),
    }
    let file = temp.file.try_clone().map_err(SwapError::Before)?;
    let at = temp.path.clone();
    temp.rename_to(path).map_err(|e| {
        let _ = std::fs::remove_file(&at);
        SwapError::Before(e)
    })?;
    Ok(Swap::Done(file))
}

pub(crate) enum SwapError {
    /// Nothing was changed.
    Before(std::io::Error),
    /// The new file is in place.
    After(std::io::Error),
    /// The new file is in place, but the file it replaced was removed by another program
    /// before it could be compared with what was read.
    Unverified,
    /// The new file is in place, and what someone else had saved could not be put back: it
    /// is at `theirs`.
    Stranded {
        theirs: PathBuf,
        source: std::io::Error,
    },
}

/// Whether the file at `path` holds `expected`, and was not written to while it was read.
fn displaced_is(path: &Path, expected: &[u8]) -> std::io::Result<bool> {
    let mut file = File::open(path)?;
    let before = file.metadata()?;
    if before.len() != expected.len() as u64 {
        return Ok(false);
    }
    let mut block = vec![0u8; (1 << 20).min(expected.len().max(1))];
    let mut at = 0;
    loop {
        let n = file.read(&mut block)?;
        if n == 0 {
            break;
        }
        if expected.get(at..at + n) != Some(&block[..n]) {
            return Ok(false);
        }
        at += n;
    }
    let after = file.metadata()?;
    Ok(at == expected.len()
        && after.len() == before.len()
        && after.mtime() == before.mtime()
        && after.mtime_nsec() == before.mtime_nsec())
}

/// Creates `path` from `temp`, refusing (`AlreadyExists`) if anything is there by then.
pub(crate) fn create_from(temp: Temp, path: &Path) -> std::io::Result<()> {
    let mut temp = temp;
    #[cfg(target_os = "linux")]
    {
        use rustix::fs::{CWD, RenameFlags, renameat_with};
        match renameat_with(CWD, &temp.path, CWD, path, RenameFlags::NOREPLACE) {
            Ok(()) => {
                temp.kept = true;
                return Ok(());
            }
            Err(e) if e == rustix::io::Errno::EXIST => {
                return Err(std::io::ErrorKind::AlreadyExists.into());
            }
            Err(e)
                if e == rustix::io::Errno::INVAL
                    || e == rustix::io::Errno::NOSYS
                    || e == rustix::io::Errno::OPNOTSUPP => {}
            Err(e) => return Err(e.into()),
        }
    }
    // A hard link is made only where nothing is: the same guarantee, anywhere.
    match std::fs::hard_link(&temp.path, path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Err(e),
        Err(_) if !path.exists() && !path.is_symlink() => {
            let at = temp.path.clone();
            temp.kept = true;
            std::fs::rename(&at, path)
        }
        Err(_) => Err(std::io::ErrorKind::AlreadyExists.into()),
    }
}

/// Syncs the folder holding `path`, so that renames in it survive a power cut.
pub(crate) fn sync_folder(path: &Path) -> std::io::Result<()> {
    File::open(folder(path))?.sync_all()
}

pub(crate) fn folder(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// Temporary files beside `ledger` left by writers that are no longer running (killed, or
/// the machine stopped), oldest first. A file of a running writer is never listed: its
/// process id is in the name. One from an older version of this program (`.NAME.partial`)
/// was only ever left by a killed writer.
pub(crate) fn leftovers(ledger: &Path) -> Vec<PathBuf> {
    let name = file_name(ledger);
    let prefix = format!(".{name}.");
    let Ok(entries) = std::fs::read_dir(folder(ledger)) else {
        return Vec::new();
    };
    let mut found: Vec<(std::time::SystemTime, PathBuf)> = entries
        .flatten()
        .filter_map(|entry| {
            let file = entry.file_name();
            let file = file.to_str()?;
            // What older versions of this program left: one fixed name each, under the lock.
            let older =
                file == format!(".{name}.partial") || file == format!("..{name}.undo.partial");
            let middle = if older {
                ""
            } else {
                file.strip_prefix(&prefix)?.strip_suffix(".partial")?
            };
            let meta = entry.metadata().ok()?;
            let modified = meta.modified().ok()?;
            let old = modified
                .elapsed()
                .is_ok_and(|age| age > std::time::Duration::from_secs(24 * 3600));
            let gone = older
                || middle
                    .split_once('-')
                    .and_then(|(pid, _)| pid.parse::<i32>().ok())
                    .is_some_and(|pid| pid as u32 != std::process::id() && !running(pid));
            (meta.is_file() && (gone || old)).then(|| (modified, entry.path()))
        })
        .collect();
    found.sort();
    found.into_iter().map(|(_, p)| p).collect()
}

fn running(pid: i32) -> bool {
    match rustix::process::Pid::from_raw(pid) {
        Some(pid) => !matches!(
            rustix::process::test_kill_process(pid),
            Err(rustix::io::Errno::SRCH)
        ),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_writers_never_share_a_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let ledger = dir.path().join("commitments.yaml");
        let a = Temp::write(&ledger, &[b"a"], None).unwrap();
        let b = Temp::write(&ledger, &[b"b"], None).unwrap();
        assert_ne!(a.path, b.path);
        assert_eq!(std::fs::read(&a.path).unwrap(), b"a");
        assert_eq!(std::fs::read(&b.path).unwrap(), b"b");
        let name = a.path.file_name().unwrap().to_str().unwrap().to_string();
        assert!(name.starts_with(".commitments.yaml.") && name.ends_with(".partial"));
        // Our own files are never taken for a dead writer's.
        assert!(leftovers(&ledger).is_empty());
        drop(a);
        drop(b);
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }

    #[test]
    fn a_swap_refuses_when_the_file_is_not_what_was_read() {
        let dir = tempfile::tempdir().unwrap();
        let ledger = dir.path().join("commitments.yaml");
        std::fs::write(&ledger, b"saved by hand").unwrap();
        let temp = Temp::write(&ledger, &[b"new"], None).unwrap();
        assert!(matches!(
            swap_in(temp, &ledger, b"as read"),
            Ok(Swap::Changed)
        ));
        assert_eq!(std::fs::read(&ledger).unwrap(), b"saved by hand");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
        let temp = Temp::write(&ledger, &[b"new"], None).unwrap();
        assert!(matches!(
            swap_in(temp, &ledger, b"saved by hand"),
            Ok(Swap::Done(_))
        ));
        assert_eq!(std::fs::read(&ledger).unwrap(), b"new");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
