//! The ledger file on disk: reading it with positions, editing it without loss, and
//! replacing it safely. This file is the façade (`load`, `parse`, `edited_text`, and `modify`,
//! `undo` from `write`); each job has its files:
//!
//! - bytes: `io` (what may be read, UTF-8, the byte-order mark, why a path cannot be opened);
//! - reading: `read` (the fast reader first, serde-saphyr for the rest and every message),
//!   `fast`, `file` (the file's types), `validate` with `dated` and `corrections` (types to
//!   model, every problem with its position), `future` (dates after today, for `check`);
//! - YAML errors in the ledger's words: `yaml_error`, `yaml_words`, `parser_words`, `hints`;
//! - verifying an edit before it replaces the file: `verify`, `shared` (anchors and aliases);
//! - editing the text without loss: `edit`, `restyle`, `scalar`;
//! - writing: `write` (the protocol), `disk` (lock and atomic replace), `journal` (undo);
//! - the JSON Schema: `schema`.

#[cfg(test)]
mod differential;
mod disk;
mod edit;
mod fast;
mod file;
mod future;
mod hints;
mod io;
mod journal;
mod parser_words;
mod read;
mod restyle;
mod scalar;
mod schema;
mod shared;
mod validate;
mod verify;
mod write;
mod yaml_error;
mod yaml_words;

use std::path::{Path, PathBuf};

pub use crate::problem::{Position, Problem, shortened_quotes};
pub use file::LedgerFile as FileFormat;
pub use file::json_schema_text;
pub use future::future_dates;
pub use journal::Entry as JournalEntry;
pub use scalar::double_quoted;
pub use schema::{SCHEMA_PATH, modeline};
pub use validate::FORMAT_VERSION;
pub use write::{Change, create, modify, replace, undo};

pub use io::MAX_FILE_BYTES;
pub(crate) use io::{absent, decode, decode_borrowed, fit_to_read, read, same_on_disk};
pub(crate) use read::{parse_general, parse_outlined};
pub(crate) use verify::check_edit;

use io::BOM;
use read::general_file;

use crate::error::{Error, Result};
use crate::model::{Edit, Ledger};

/// A ledger as read from disk: the model, and the exact text it came from.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub path: PathBuf,
    /// The text after any byte-order mark.
    pub text: String,
    /// Whether the file began with a UTF-8 byte-order mark (kept on write).
    pub bom: bool,
    pub ledger: Ledger,
}

/// Reads and validates the ledger at `path`.
pub fn load(path: &Path) -> Result<Loaded> {
    let bytes = read(path)?;
    let (text, bom) = decode(path, bytes)?;
    let ledger = parse(path, &text)?;
    Ok(Loaded {
        path: path.to_path_buf(),
        text,
        bom,
        ledger,
    })
}

/// `text` (the ledger at `path`, which reads as `ledger`) with `edits` applied exactly as a
/// write applies them, and checked the same way: the result must read back as `ledger` with the
/// edits made. For previews and merges, which need the text without writing a file.
pub fn edited_text(path: &Path, text: &str, ledger: &Ledger, edits: &[Edit]) -> Result<String> {
    let shown = path.display().to_string();
    let mut intended = ledger.clone();
    for e in edits {
        intended.apply(e);
    }
    // The records found by a fresh outline are only used if they match the ledger's; the
    // check below re-reads the result in any case.
    let outline = fast::outline(text).filter(|o| o.records.len() == ledger.commitments.len());
    let new_text = edit::apply(text, outline.as_ref(), edits)
        .map_err(|e| Error::Verify(e.to_string(), shown.clone()))?;
    // `ledger` may come from either reader, so the result is read back whole.
    check_edit(path, &new_text, edits, &intended, None)?;
    Ok(new_text)
}

/// Where each commitment's record is in `text`, in file order, when the file has the usual
/// shape: from its `- ` line to its last line that is not blank or a comment.
pub fn record_spans(text: &str) -> Option<Vec<std::ops::Range<usize>>> {
    fast::outline(text).map(|o| o.records.iter().map(|r| r.content.clone()).collect())
}

/// Parses and validates ledger text.
pub fn parse(path: &Path, text: &str) -> Result<Ledger> {
    parse_outlined(path, text).map(|(ledger, _)| ledger)
}
