//! Verifying an edit before it replaces the ledger: the edited text must read back as the
//! ledger with the edits made, by both readers where the text is new.

use std::path::Path;

use super::read::{general_record, parse_general_with, parse_outlined};
use super::{edit, fast, shared, validate};
use crate::error::{Error, Result};
use crate::model::{Edit, Ledger};

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
            // The added records, last in the file. A record the append changed beside them
            // differs from its old text, so the comparison above has it already.
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
                // The added records and, one more, the record before them: with no old text
                // to compare with, the record the append was made after is counted as
                // touched (its end is where the new text went in).
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
