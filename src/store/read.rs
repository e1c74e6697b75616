//! Reading ledger text into the model: the fast reader first, serde-saphyr (the reference)
//! for whatever it declines and for every message, with the parser's limits.

use std::path::Path;

use super::yaml_error::yaml_problem;
use super::{FileFormat, fast, file, hints, validate};
use crate::error::{Error, Result};
use crate::model::Ledger;
use crate::problem::Problem;

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

pub(super) fn general_file(text: &str) -> Option<FileFormat> {
    serde_saphyr::from_str_with_options(text, options(text.len())).ok()
}

/// One record's text, as cut by `fast::outline`, read by serde-saphyr.
pub(super) fn general_record(record: &str) -> Option<serde_saphyr::Spanned<file::CommitmentFile>> {
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
pub(super) fn parse_general_with(path: &Path, text: &str, links: bool) -> Result<Ledger> {
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
