//! The ledger file on disk: reading it with positions, editing it without loss, and
//! replacing it safely.

mod edit;
mod file;
mod journal;
mod problem;
mod validate;
mod write;

use std::path::{Path, PathBuf};

pub use file::LedgerFile as FileFormat;
pub use journal::Entry as JournalEntry;
pub use problem::{Position, Problem};
pub use validate::FORMAT_VERSION;
pub use write::{Change, create, modify, undo};

use crate::error::{Error, Result};
use crate::model::Ledger;

const BOM: &str = "\u{feff}";

/// Files above this are refused with a message rather than risking the machine's memory.
pub const MAX_FILE_BYTES: u64 = 512 * 1024 * 1024;

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

pub(crate) fn read(path: &Path) -> Result<Vec<u8>> {
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(Error::Missing { path: path.into() });
        }
        Err(e) => return Err(Error::io("read", path, e)),
    };
    if meta.is_dir() {
        return Err(Error::Argument(format!(
            "{} is a folder; give the path of the ledger file, e.g. {}/commitments.yaml",
            path.display(),
            path.display()
        )));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(Error::Argument(format!(
            "{} is {} MB; this program reads ledgers of up to {} MB",
            path.display(),
            meta.len() / (1024 * 1024),
            MAX_FILE_BYTES / (1024 * 1024)
        )));
    }
    std::fs::read(path).map_err(|e| Error::io("read", path, e))
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
            .help("save the file as UTF-8 (most editors offer it under 'Save with encoding')");
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

/// Parses and validates ledger text.
pub fn parse(path: &Path, text: &str) -> Result<Ledger> {
    let invalid = |problems| Error::Invalid {
        path: path.into(),
        problems,
        text: Some(text.to_string()),
        refusing: false,
    };
    // Nothing but blank lines, comments, directives and document markers is no data at all:
    // as empty as an empty file, and nothing an edit could add to. (Fuzzing found `...` alone,
    // and two byte-order marks before a comment, passing as an empty ledger.)
    // A lone CR ends a line in YAML too (found by fuzzing: CR, a byte-order mark, CR LF).
    if !text.split(['\n', '\r']).any(is_data) {
        let what = if text.trim().is_empty() {
            "the file is empty"
        } else {
            "the file holds no data, only comments or document markers"
        };
        return Err(invalid(vec![Problem::new(None, what).help(
            "a ledger needs at least `version: 1` and `commitments: []`; `commitments init` writes one",
        )]));
    }
    let raw: FileFormat = serde_saphyr::from_str_with_options(text, options(text.len()))
        .map_err(|e| invalid(vec![yaml_problem(&e)]))?;
    validate::validate(raw).map_err(invalid)
}

/// Whether a line holds YAML data, rather than only a comment, a `%` directive or a `---` /
/// `...` marker. YAML lets each document start with a byte-order mark.
fn is_data(line: &str) -> bool {
    let line = line.trim_start_matches('\u{feff}');
    let t = line.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
    let marker = |m: &str| {
        t.strip_prefix(m).is_some_and(|rest| {
            rest.is_empty() || rest.starts_with([' ', '\t']) && rest.trim_start().starts_with('#')
        })
    };
    !(t.is_empty() || t.starts_with('#') || line.starts_with('%') || marker("---") || marker("..."))
}

/// Parser limits. The defaults guard against alias bombs and runaway nesting; the node and
/// event budgets grow with the file, since a real ledger of thousands of commitments is far
/// above the library's defaults (about 1,800 records).
fn options(len: usize) -> serde_saphyr::Options {
    let budget = serde_saphyr::budget! {
        max_nodes: 250_000usize.max(len / 2),
        max_events: 1_000_000usize.max(len),
        max_total_scalar_bytes: (64usize << 20).max(len * 2),
    };
    serde_saphyr::options! {
        budget: budget,
        with_snippet: false,
        strict_booleans: true,
    }
}

fn yaml_problem(e: &serde_saphyr::Error) -> Problem {
    let at = e.location().filter(|l| l.line() > 0).map(|l| Position {
        line: l.line() as usize,
        column: l.column().max(1) as usize,
    });
    let mut message = e.without_snippet().to_string();
    // The library appends its own "at line X column Y"; ours is in front already.
    if let Some(i) = message.find(" at line ") {
        message.truncate(i);
    }
    // Advice meant for programmers using the library, not for people editing a ledger.
    if let Some(i) = message.find(", set DuplicateKeyPolicy") {
        message.truncate(i);
    }
    // The reader's safety limits are named in Rust's debug notation; say them in words.
    if let Some(rest) = message.strip_prefix("budget breached: ") {
        let what = rest.split([' ', '{']).next().unwrap_or(rest);
        let limit = match what {
            "Aliases" => "more aliases (`*name`) than a ledger needs (over 50,000)".to_string(),
            "AliasAnchorRatio" => {
                "too many aliases (`*name`) of too few anchors (`&name`)".to_string()
            }
            "Depth" => "nesting deeper than a ledger needs".to_string(),
            "Nodes" | "Events" => "more values than its size accounts for".to_string(),
            _ => format!("more than the reader allows ({rest})"),
        };
        message = format!("the file has {limit}");
    }
    let lower = message.to_lowercase();
    let help = if lower.contains("unknown field") {
        "the fields are listed in docs/file-format.md; check the spelling and the indentation"
    } else if lower.contains("duplicate") {
        "a key may appear only once in each mapping; remove or merge the repeated one"
    } else if lower.contains("tab") {
        "indent with spaces, not tabs"
    } else if lower.contains("budget") || lower.contains("depth") || lower.contains("alias") {
        "the file is nested too deeply or repeats anchors too often to be a ledger"
    } else {
        "see docs/file-format.md for the layout of a ledger file"
    };
    Problem::new(at, format!("not valid YAML for a ledger: {message}")).help(help)
}
