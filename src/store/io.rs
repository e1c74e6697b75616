//! Reading the ledger's bytes: what may be read (not a folder, not too big), why a path cannot
//! be opened in words that fit, UTF-8 with the position of the first bad byte, the byte-order
//! mark, and whether the file on disk still holds given bytes.

use std::path::Path;

use super::disk;
use crate::error::{Error, Result};
use crate::problem::{Position, Problem};

pub(super) const BOM: &str = "\u{feff}";

/// Files above this are refused with a message rather than risking the machine's memory.
pub const MAX_FILE_BYTES: u64 = 512 * 1024 * 1024;

pub(crate) fn read(path: &Path) -> Result<Vec<u8>> {
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) => return Err(absent(path, e, false)),
    };
    fit_to_read(path, &meta)?;
    std::fs::read(path).map_err(|e| Error::io("read", path, e))
}

/// A folder, or a file too big to read, is refused before it is read.
pub(crate) fn fit_to_read(path: &Path, meta: &std::fs::Metadata) -> Result<()> {
    if meta.is_dir() {
        return Err(Error::IsFolder { path: path.into() });
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(Error::Argument(format!(
            "{} is {} MB; this program reads ledgers of up to {} MB; nothing was changed",
            path.display(),
            meta.len() / (1024 * 1024),
            MAX_FILE_BYTES / (1024 * 1024)
        )));
    }
    Ok(())
}

/// Why the ledger at `path` could not be opened (`e`), in the words that fit: a broken link,
/// a missing folder, a file where a folder should be, or no ledger yet. `init` is set when
/// the ledger is about to be created, which changes the advice.
pub(crate) fn absent(path: &Path, e: std::io::Error, init: bool) -> Error {
    use std::io::ErrorKind as K;
    if !matches!(e.kind(), K::NotFound | K::NotADirectory) {
        return Error::io("open", path, e).unchanged(path);
    }
    if let Ok(m) = std::fs::symlink_metadata(path)
        && m.file_type().is_symlink()
    {
        let target = std::fs::read_link(path).unwrap_or_default();
        return Error::BrokenLink {
            path: path.into(),
            target,
            init,
        };
    }
    let folder = disk::folder(path);
    // The nearest part of the path that exists says which it is.
    for above in folder.ancestors() {
        let above = if above.as_os_str().is_empty() {
            Path::new(".")
        } else {
            above
        };
        match std::fs::metadata(above) {
            Ok(m) if m.is_dir() => break,
            Ok(_) => {
                return Error::NotAFolder {
                    path: path.into(),
                    file: above.into(),
                };
            }
            Err(_) => {}
        }
    }
    if std::fs::metadata(folder).is_err() {
        return Error::NoFolder {
            path: path.into(),
            folder: folder.into(),
            init,
        };
    }
    Error::Missing { path: path.into() }
}

/// Whether the file at `path` still holds exactly `bytes`: compared a block at a time, so a
/// large ledger is not read into memory a second time.
pub(crate) fn same_on_disk(path: &Path, bytes: &[u8]) -> Result<bool> {
    use std::io::Read as _;
    let io = |e| Error::io("read", path, e);
    let mut file = std::fs::File::open(path).map_err(io)?;
    if file.metadata().map_err(io)?.len() != bytes.len() as u64 {
        return Ok(false);
    }
    let mut block = vec![0u8; (1 << 20).min(bytes.len().max(1))];
    let mut at = 0;
    loop {
        let n = file.read(&mut block).map_err(io)?;
        if n == 0 {
            return Ok(at == bytes.len());
        }
        if bytes.get(at..at + n) != Some(&block[..n]) {
            return Ok(false);
        }
        at += n;
    }
}

/// `decode` without a copy of the text: the text is borrowed from `bytes`.
pub(crate) fn decode_borrowed<'a>(path: &Path, bytes: &'a [u8]) -> Result<(&'a str, bool)> {
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(match text.strip_prefix(BOM) {
            Some(rest) => (rest, true),
            None => (text, false),
        }),
        // The message, with where the first bad byte is, is `decode`'s.
        Err(_) => Err(decode(path, bytes.to_vec())
            .err()
            .unwrap_or_else(|| Error::Argument("the file is not UTF-8 text".into()))),
    }
}

/// UTF-8 only, with the position of the first bad byte if not.
pub(crate) fn decode(path: &Path, bytes: Vec<u8>) -> Result<(String, bool)> {
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let good = &e.as_bytes()[..e.utf8_error().valid_up_to()];
            let good = std::str::from_utf8(good).unwrap_or_default();
            let line = good.matches('\n').count() + 1;
            let column = good.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            let problem = Problem::new(
                Some(Position { line, column }),
                "the file is not UTF-8 text",
            )
            .help("save the file as UTF-8 (most editors offer it under 'Save with encoding')")
            .stops_reading();
            return Err(Error::Invalid {
                path: path.into(),
                problems: vec![problem],
                text: None,
                refusing: false,
            });
        }
    };
    Ok(match text.strip_prefix(BOM) {
        Some(rest) => (rest.to_string(), true),
        None => (text, false),
    })
}
