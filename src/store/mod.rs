//! The ledger file on disk: reading it with positions, editing it without loss, and
//! replacing it safely.

#[cfg(test)]
mod differential;
mod disk;
mod edit;
mod fast;
mod file;
mod future;
mod hints;
mod journal;
mod parser_words;
mod problem;
mod restyle;
mod scalar;
mod schema;
mod shared;
mod validate;
mod write;
mod yaml_words;

use std::path::{Path, PathBuf};

pub use file::LedgerFile as FileFormat;
pub use future::future_dates;
pub use journal::Entry as JournalEntry;
pub use problem::{Position, Problem, shortened_quotes};
pub use scalar::double_quoted;
pub use schema::{SCHEMA_PATH, json_schema_text, modeline};
pub use validate::FORMAT_VERSION;
pub use write::{Change, create, modify, replace, undo};

use crate::error::{Error, Result};
use crate::model::{Edit, Ledger};

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

/// Parses and validates ledger text, and says where each record is when the file has the
/// usual shape (writes then edit only the records they change).
///
/// The fast reader (`fast`) is tried first; whenever it declines a part of the file, that
/// part is read by serde-saphyr, and whenever the result has any problem, the whole file is
/// read again by serde-saphyr, so that every message and position comes from one reader.
pub(crate) fn parse_outlined(path: &Path, text: &str) -> Result<(Ledger, Option<fast::Outline>)> {
    // A merge left unfinished: say so, rather than what the YAML reader makes of the markers.
    if memchr::memmem::find(text.as_bytes(), b"<<<<<<<").is_some() {
        let problems = hints::conflict_markers(text);
        if !problems.is_empty() {
            return Err(Error::Invalid {
                path: path.into(),
                problems,
                text: Some(text.to_string()),
                refusing: false,
            });
        }
    }
    if let Some(outline) = fast::outline(text)
        && let Some(ledger) = read_fast(text, &outline)
    {
        return Ok((ledger, Some(outline)));
    }
    parse_general(path, text).map(|ledger| (ledger, None))
}

/// The ledger, read record by record and each record checked as soon as it is read, so that
/// only one record at a time is held in the file's form (with its positions) beside the
/// model. None at the first problem: the general reader then reads the file again, for the
/// messages. The checks are `validate`'s own, split into its header and record parts.
fn read_fast(text: &str, outline: &fast::Outline) -> Option<Ledger> {
    let head = general_file(&fast::head(text, outline))?;
    if head.commitments.is_some() {
        return None;
    }
    let (title, language, vocabulary) = validate::header(&head)?;
    let commitments = fast::each_record(outline, |span| {
        let t = &text[span.content.start..span.end];
        let raw = fast::record(t).or_else(|| general_record(t))?;
        validate::record(&raw, &vocabulary)
    })?;
    let mut ids = std::collections::HashSet::with_capacity(commitments.len());
    let mut uuids = std::collections::HashSet::with_capacity(commitments.len());
    for c in &commitments {
        if !ids.insert(c.id.as_str()) || c.uuid.is_some_and(|u| !uuids.insert(u)) {
            return None;
        }
    }
    if !crate::model::link_errors(&commitments).is_empty() {
        return None;
    }
    Some(Ledger {
        title,
        language,
        vocabulary,
        commitments,
    })
}

/// The check before an edited text replaces a ledger: it must read back as `intended`, the
/// ledger as it was with the edits made. Otherwise an `Error::Verify` saying why.
///
/// `before` is the text the edits were made to and its outline, when the fast reader read it
/// (so the ledger came from `read_fast`). Reading the new text then only re-reads what can
/// differ: the fast reader's result for a record is a function of the record's text and of
/// the text outside the records, so where those bytes are what they were, the result is what
/// it was — for every record the edits did not target, `intended`'s. The outline of the new
/// text is found afresh, the text outside the records must be byte for byte the same, every
/// record's text is compared with its old text, and the records that differ or that an edit
/// targets are read again, by the fast reader and by serde-saphyr alone, and compared with
/// `intended`. Without `before`, the whole new text is read.
pub(crate) fn check_edit(
    path: &Path,
    new: &str,
    edits: &[Edit],
    intended: &Ledger,
    before: Option<(&str, &fast::Outline)>,
) -> Result<()> {
    let checked = check_edit_exactly(path, new, edits, intended, before);
    // A change to text that YAML anchors and aliases share shows up in every place that
    // shares it (or, made to an alias, nowhere): not what the command meant, and a refusal
    // the person can act on rather than an internal error.
    match checked {
        // Positions are the file's as it is: the text before the edit, or else the file on
        // disk, which nothing has replaced yet.
        Err(Error::Verify(..)) => match before
            .map(|(old, _)| old.to_string())
            .or_else(|| std::fs::read_to_string(path).ok())
            .and_then(|old| shared::explain(&old))
            .or_else(|| shared::explain(new))
        {
            Some(how) => {
                let ids: Vec<String> = edits
                    .iter()
                    .filter(|e| !matches!(e, Edit::AddCommitment(_)))
                    .filter_map(|e| {
                        intended
                            .commitments
                            .get(edit::target(e, intended.commitments.len()))
                    })
                    .map(|c| format!("`{}`", c.id))
                    .collect();
                let whose = if ids.is_empty() {
                    "the ledger".to_string()
                } else {
                    format!("commitment {}", ids.join(", "))
                };
                Err(Error::Shared {
                    path: path.into(),
                    reason: format!(
                        "{whose} shares text with other places in the file through YAML anchors and aliases ({how}), so the change would not be made only where it is meant. Replace the alias with a copy of the values it stands for, then run the command again"
                    ),
                })
            }
            None => checked,
        },
        other => other,
    }
}

fn check_edit_exactly(
    path: &Path,
    new: &str,
    edits: &[Edit],
    intended: &Ledger,
    before: Option<(&str, &fast::Outline)>,
) -> Result<()> {
    let shown = path.display().to_string();
    let mismatch = || {
        Error::Verify(
            "the edited file does not read back as intended".into(),
            shown.clone(),
        )
    };
    let failed = |e: Error| {
        Error::Verify(
            format!("the edited file does not pass check: {e}"),
            shown.clone(),
        )
    };
    let Some((outline, to_read)) = before.and_then(|(old, old_outline)| {
        let outline = fast::outline(new)?;
        let same_outside = fast::head(old, old_outline) == fast::head(new, &outline);
        (same_outside && outline.records.len() == intended.commitments.len()).then_some(())?;
        let n = outline.records.len();
        let added = edits
            .iter()
            .filter(|e| matches!(e, Edit::AddCommitment(_)))
            .count();
        let mut to_read: Vec<usize> = (0..n)
            .filter(|&i| {
                let now = &outline.records[i];
                old_outline.records.get(i).is_none_or(|was| {
                    old[was.content.start..was.end] != new[now.content.start..now.end]
                })
            })
            .chain(
                edits
                    .iter()
                    .filter(|e| !matches!(e, Edit::AddCommitment(_)))
                    .map(|e| edit::target(e, n)),
            )
            .chain(n.saturating_sub(added)..n)
            .collect();
        to_read.sort_unstable();
        to_read.dedup();
        Some((outline, to_read))
    }) else {
        // Read it all, and cross-check the edited records with serde-saphyr alone.
        let (reread, outline) = parse_outlined(path, new).map_err(failed)?;
        if reread != *intended {
            return Err(mismatch());
        }
        if let Some(outline) = outline {
            let n = outline.records.len();
            let added = edits
                .iter()
                .filter(|e| matches!(e, Edit::AddCommitment(_)))
                .count();
            let mut touched: Vec<usize> = edits
                .iter()
                .filter(|e| !matches!(e, Edit::AddCommitment(_)))
                .map(|e| edit::target(e, n))
                .chain(n.saturating_sub(added + 1)..n)
                .collect();
            touched.sort_unstable();
            touched.dedup();
            cross_check(path, new, &outline, &touched, intended).map_err(failed)?;
        }
        return Ok(());
    };
    for &i in &to_read {
        let span = &outline.records[i];
        let t = &new[span.content.start..span.end];
        let read = fast::record(t)
            .or_else(|| general_record(t))
            .and_then(|raw| validate::record(&raw, &intended.vocabulary));
        if read.as_ref() != intended.commitments.get(i) {
            return Err(mismatch());
        }
    }
    cross_check(path, new, &outline, &to_read, intended).map_err(failed)?;
    // What `read_fast` checks across records.
    let mut ids = std::collections::HashSet::new();
    let mut uuids = std::collections::HashSet::new();
    for c in &intended.commitments {
        if !ids.insert(c.id.as_str()) || c.uuid.is_some_and(|u| !uuids.insert(u)) {
            return Err(mismatch());
        }
    }
    if !crate::model::link_errors(&intended.commitments).is_empty() {
        return Err(mismatch());
    }
    Ok(())
}

/// The records `which` of `text`, with the text outside the records, read by serde-saphyr
/// alone, must be `intended`'s: where the text is new, the check never rests on the fast
/// reader only.
fn cross_check(
    path: &Path,
    text: &str,
    outline: &fast::Outline,
    which: &[usize],
    intended: &Ledger,
) -> Result<()> {
    let mut subset = String::from(&text[..outline.region.start]);
    for &i in which {
        let r = &outline.records[i];
        subset.push_str(&text[r.content.start..r.end]);
    }
    subset.push_str(&text[outline.region.end..]);
    // A child may be in the subset without its parent: the links are checked on the whole.
    let general = parse_general_with(path, &subset, false)?;
    let same = general.commitments.len() == which.len()
        && which
            .iter()
            .zip(&general.commitments)
            .all(|(&i, c)| intended.commitments.get(i) == Some(c));
    if same {
        Ok(())
    } else {
        Err(Error::Verify(
            "the two readers disagree on the edited records".into(),
            path.display().to_string(),
        ))
    }
}

fn general_file(text: &str) -> Option<FileFormat> {
    serde_saphyr::from_str_with_options(text, options(text.len())).ok()
}

/// One record's text, as cut by `fast::outline`, read by serde-saphyr.
fn general_record(record: &str) -> Option<serde_saphyr::Spanned<file::CommitmentFile>> {
    #[derive(serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    struct One {
        commitments: Vec<serde_saphyr::Spanned<file::CommitmentFile>>,
    }
    let text = format!("commitments:\n{record}");
    let mut one: One = serde_saphyr::from_str_with_options(&text, options(text.len())).ok()?;
    if one.commitments.len() == 1 {
        one.commitments.pop()
    } else {
        None
    }
}

/// The reference reader: serde-saphyr over the whole text, with positions for every problem.
pub(crate) fn parse_general(path: &Path, text: &str) -> Result<Ledger> {
    parse_general_with(path, text, true)
}

/// `parse_general`, with or without the checks of the links between records (parents).
fn parse_general_with(path: &Path, text: &str, links: bool) -> Result<Ledger> {
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
        .map_err(|e| invalid(vec![yaml_problem(&e, text)]))?;
    if links {
        validate::validate(raw).map_err(invalid)
    } else {
        validate::validate_records(raw).map_err(invalid)
    }
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

fn yaml_problem(e: &serde_saphyr::Error, text: &str) -> Problem {
    let at = e.location().filter(|l| l.line() > 0).map(|l| Position {
        line: l.line() as usize,
        column: l.column().max(1) as usize,
    });
    // Every value is asked for as text, so that it is read as written: a list, a mapping or
    // a type tag where a value belongs is refused for that, and said so.
    if let Some(problem) = not_text(e, text, at.as_ref()) {
        return problem;
    }
    // Said in plain words by the error's variant where the library's text is meant for
    // programmers (yaml_words.rs); the rest keeps the parser's text, with hints.
    if let Some((message, help, better)) = yaml_words::plain(e, text, at.as_ref()) {
        return Problem::new(better.or(at), message)
            .help(help)
            .stops_reading();
    }
    // A misspelt or misplaced key is the commonest slip: say it in the ledger's words.
    if let Some((name, expected)) = yaml_words::unknown_field(e) {
        let (message, help) = hints::unknown_field(name, expected);
        return Problem::new(at, message)
            .found(name)
            .help(help)
            .stops_reading();
    }
    // A slip with advice of its own (hints.rs), said in plain words.
    if let Some((message, slip)) = yaml_words::slip(e) {
        let (help, better) = hints::advice(slip, text, at.as_ref());
        return Problem::new(better.or(at), message)
            .help(help)
            .stops_reading();
    }
    let mut message = e.without_snippet().to_string();
    // The library appends its own "at line X column Y"; ours is in front already.
    if let Some(i) = message.find(" at line ") {
        message.truncate(i);
    }
    Problem::new(at, format!("not valid YAML for a ledger: {message}"))
        .help("see docs/file-format.md for the layout of a ledger file")
        .stops_reading()
}

/// A value that cannot be text: a list or a mapping where a field's value belongs (the
/// library says it expected a string), or a scalar under a type tag (`!!int 5`).
fn not_text(e: &serde_saphyr::Error, text: &str, at: Option<&Position>) -> Option<Problem> {
    let said = e.without_snippet().to_string();
    if said.starts_with("cannot deserialize tagged scalar into string") {
        // The tag and the value as written, to say whether the value is even what its tag
        // claims (`!!int abc`).
        let line = at.and_then(|p| text.lines().nth(p.line.checked_sub(1)?));
        let column = at.map_or(1, |p| p.column).saturating_sub(1);
        let before: String = line
            .map(|l| l.chars().take(column).collect())
            .unwrap_or_default();
        let rest: String = line
            .map(|l| l.chars().skip(column).collect())
            .unwrap_or_default();
        let tag = before.rsplit_once("!!").map_or("", |(_, t)| t.trim());
        let value = rest.split(" #").next().unwrap_or("").trim();
        let (what, fits) = match tag {
            "int" => ("a whole number", value.parse::<i64>().is_ok()),
            "float" => ("a number", value.parse::<f64>().is_ok()),
            "bool" => (
                "true or false",
                matches!(
                    value,
                    "true" | "false" | "True" | "False" | "TRUE" | "FALSE"
                ),
            ),
            _ => ("", true),
        };
        let problem = if fits {
            Problem::new(
                at.cloned(),
                "a type tag (`!!int`, `!!float`, `!!bool`, `!!null`) makes this value something other than text",
            )
            .help("remove the tag: every value of a ledger is read as the text written, so `5` and `1.50` need no tag")
        } else {
            Problem::new(
                at.cloned(),
                format!("this value is tagged (`!!…`) as {what}, but it is not one"),
            )
            .help("remove the `!!` tag, or put the value in quotes to keep it as text")
        };
        return Some(problem.stops_reading());
    }
    if !(said.starts_with("expected string scalar") || said.contains(", expected string scalar")) {
        return None;
    }
    // Where a value stands: after `key:` or as a list's entry on its line, or on the lines
    // below a `key:`. (A key that is itself a list or a mapping is yaml_words' to explain.)
    let at = at?;
    let lines: Vec<&str> = text.lines().collect();
    let line = lines.get(at.line.checked_sub(1)?)?;
    let before: String = line.chars().take(at.column.saturating_sub(1)).collect();
    // After `key:`, or an entry of a list (`- `, `[`, `,`).
    let after_key = before.trim_end().ends_with([':', '-', '[', ',']);
    let below_key = before.trim().is_empty()
        && lines[..at.line - 1]
            .iter()
            .rev()
            .map(|l| l.split(" #").next().unwrap_or(l).trim_end())
            .find(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
            .is_some_and(|l| l.ends_with(':'));
    (after_key || below_key).then(|| {
        let list = line[before.len()..].trim_start().starts_with(['[', '-']);
        let found = if list { "a list" } else { "a mapping" };
        Problem::new(
            Some(at.clone()),
            format!("expected a single value (text, a number or a date), not a list or a mapping; found {found}"),
        )
        .help("write one value here; put text holding `[`, `{` or `: ` in quotes")
            .stops_reading()
    })
}
