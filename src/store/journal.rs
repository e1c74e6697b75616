//! The undo journal: `.NAME.undo` beside the ledger, recording the last write the command line
//! made — the file's bytes before it, a hash of the bytes it wrote, and what it did.
//!
//! Undo restores the old bytes only while the ledger still hashes to what was written, so a
//! change made since by hand (or by git, or another program) is never thrown away. One level
//! deep: the ledger is meant to live in git, which is the long history; this is for "I just
//! recorded that against the wrong commitment".

use std::path::{Path, PathBuf};

use chrono::{SecondsFormat, Utc};
use sha2::{Digest as _, Sha256};

use crate::error::{Error, Result};
use crate::model::{Edit, Ledger};

const MAGIC: &str = "commitments undo journal 1";

/// One recorded write.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// SHA-256 of the bytes that write left in the ledger, in hex.
    pub written: String,
    /// When, in UTC, as RFC 3339.
    pub at: String,
    /// What it did, in words: "added evidence `x` to `fr-mobile-unit`".
    pub what: String,
    /// The ledger's bytes before the write.
    pub before: Vec<u8>,
}

/// `.commitments.yaml.undo` beside `commitments.yaml`.
pub fn path(ledger: &Path) -> PathBuf {
    let name = ledger
        .file_name()
        .map_or_else(|| "ledger".into(), |n| n.to_string_lossy().into_owned());
    ledger.with_file_name(format!(".{name}.undo"))
}

pub fn hash(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The edits of one command, in words, naming commitments by id.
pub fn describe(ledger: &Ledger, edits: &[Edit]) -> String {
    let id = |i: &usize| {
        ledger
            .commitments
            .get(*i)
            .map_or_else(|| format!("#{}", i + 1), |c| c.id.clone())
    };
    let parts: Vec<String> = edits
        .iter()
        .map(|e| match e {
            Edit::AddCommitment(c) => format!("added commitment `{}`", c.id),
            Edit::AddEvidence {
                commitment,
                evidence,
            } => {
                format!("added evidence `{}` to `{}`", evidence.id, id(commitment))
            }
            Edit::AddEvent { commitment, event } => format!(
                "recorded `{}` from {} for `{}`",
                event.status,
                event.date,
                id(commitment)
            ),
            Edit::AddGap { commitment, .. } => format!("recorded a gap for `{}`", id(commitment)),
            Edit::Correct {
                commitment,
                correction,
            } => format!("corrected {} of `{}`", correction.field, id(commitment)),
            Edit::Retire { commitment, .. } => format!("retired `{}`", id(commitment)),
            Edit::Retract {
                commitment,
                retraction,
            } => format!("retracted {} of `{}`", retraction.what(), id(commitment)),
            Edit::AddFunding { commitment, event } => format!(
                "recorded {} {} from {} for `{}`",
                event.stage.key(),
                crate::model::money(&event.currency, event.amount),
                event.date,
                id(commitment)
            ),
        })
        .collect();
    // The journal keeps it on one line.
    parts.join("; ").replace(['\n', '\r'], " ")
}

impl Entry {
    /// Takes the old bytes rather than copying them: a ledger can be hundreds of megabytes.
    pub fn new(before: Vec<u8>, written: &[u8], what: String) -> Self {
        Entry {
            written: hash(written),
            at: Utc::now().to_rfc3339_opts(SecondsFormat::Secs, true),
            what,
            before,
        }
    }

    /// A short header of text lines, a blank line, then the old bytes exactly as they were.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = self.header();
        out.extend_from_slice(&self.before);
        out
    }

    /// The journal's text before the old bytes.
    pub fn header(&self) -> Vec<u8> {
        header(&self.written, &self.at, &self.what, self.before.len())
    }

    /// None for anything that is not a whole journal written by this program, so that a
    /// damaged or foreign file is never used to overwrite a ledger.
    pub fn parse(bytes: &[u8]) -> Option<Self> {
        let end = bytes.windows(2).position(|w| w == b"\n\n")?;
        let header = std::str::from_utf8(&bytes[..end]).ok()?;
        let body = &bytes[end + 2..];
        let mut lines = header.lines();
        if lines.next()? != MAGIC {
            return None;
        }
        let (mut written, mut at, mut what, mut len) = (None, None, None, None);
        for line in lines {
            let (key, value) = line.split_once(": ")?;
            match key {
                "written" => written = Some(value.to_string()),
                "at" => at = Some(value.to_string()),
                "what" => what = Some(value.to_string()),
                "before" => len = value.parse::<usize>().ok(),
                _ => return None,
            }
        }
        if len? != body.len() {
            return None;
        }
        Some(Entry {
            written: written?,
            at: at?,
            what: what?,
            before: body.to_vec(),
        })
    }
}

/// The header of the record of a write that leaves `written` (its bytes) and found `before`
/// bytes, made now; the old bytes follow it in the file. Built from parts so that a write
/// need not copy the old bytes into an `Entry`.
pub fn header_for(written: &[u8], what: &str, before: usize) -> Vec<u8> {
    let at = Utc::now().to_rfc3339_opts(SecondsFormat::Secs, true);
    header(&hash(written), &at, what, before)
}

fn header(written: &str, at: &str, what: &str, before: usize) -> Vec<u8> {
    format!("{MAGIC}\nwritten: {written}\nat: {at}\nwhat: {what}\nbefore: {before}\n\n")
        .into_bytes()
}

/// What is recorded for a ledger.
pub enum Recorded {
    Nothing,
    /// A file is there but is not a whole journal.
    Damaged,
    Entry(Entry),
}

/// The entry for `ledger`.
pub fn read(ledger: &Path) -> Result<Recorded> {
    let p = path(ledger);
    match std::fs::read(&p) {
        Ok(bytes) => Ok(Entry::parse(&bytes).map_or(Recorded::Damaged, Recorded::Entry)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Recorded::Nothing),
        Err(e) => Err(Error::io("read the undo record", p, e).unchanged(ledger)),
    }
}

/// The journal entry in `file` (a temporary file a killed writer left), if that is what it
/// holds; only its first bytes are read when it is not.
pub fn peek(file: &Path) -> Option<Entry> {
    use std::io::Read as _;
    let mut f = std::fs::File::open(file).ok()?;
    let mut start = [0u8; MAGIC.len()];
    f.read_exact(&mut start).ok()?;
    if start != *MAGIC.as_bytes() {
        return None;
    }
    Entry::parse(&std::fs::read(file).ok()?)
}

pub fn remove(ledger: &Path) -> Result<()> {
    let p = path(ledger);
    match std::fs::remove_file(&p) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(Error::io("remove the undo record", p, e)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_any_bytes() {
        let before = b"version: 1\n\n\ncommitments: []\r\n\xff".to_vec();
        let e = Entry::new(before.clone(), b"after", "added commitment `x`".into());
        let back = Entry::parse(&e.to_bytes()).unwrap();
        assert_eq!(back, e);
        assert_eq!(back.written, hash(b"after"));
    }

    #[test]
    fn refuses_damaged_journals() {
        let e = Entry::new(b"old text".to_vec(), b"new", "x".into()).to_bytes();
        assert!(Entry::parse(&e[..e.len() - 1]).is_none(), "truncated");
        assert!(Entry::parse(b"something else\n\nold").is_none(), "foreign");
        let mut longer = e.clone();
        longer.push(b'!');
        assert!(Entry::parse(&longer).is_none(), "extra bytes");
    }
}
