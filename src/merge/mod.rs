//! Three-way merge of ledgers, record by record, for the git merge driver.
//!
//! Git merges text line by line, so two people who each add evidence to the same commitment
//! append to the same list and get a conflict, though nothing conflicts. Here commitments are
//! matched by id, evidence entries by id, events by what identifies one (date, status, who
//! recorded it and when), and gaps by their text. What one side added is kept; what both added
//! alike is kept once; a field that both sides changed, differently, is a conflict.
//!
//! Pure: ledgers in, the merged ledger and the edits that make it out. The driver applies the
//! edits to OUR text with the store's lossless editing, so nothing in our file is re-written.

pub mod collide;
mod guard;
mod record;
mod rule;
pub(crate) mod words;

use crate::model::{Edit, Ledger};

pub use guard::lost_lines;

/// The result of merging BASE, OURS and THEIRS.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// What the merged ledger must read as.
    pub merged: Ledger,
    /// THEIRS's additions, as edits to OURS (commitment positions are OURS's).
    pub to_ours: Vec<Edit>,
    /// The same additions as edits to BASE, so that a text merge of THEIRS against BASE-with-
    /// them sees only THEIRS's other changes.
    pub to_base: Vec<Edit>,
    /// THEIRS changed or removed something, rather than only adding: the text has to be merged
    /// too, not only edited.
    pub theirs_changed: bool,
    /// Real conflicts, in words.
    pub conflicts: Vec<String>,
    /// What the merge decided that a person should hear of, in words.
    pub notes: Vec<String>,
    /// Lines of THEIRS that the merge replaced on purpose (the UUID and recording of a
    /// commitment both sides added alike), as `key: value`: the text check does not look for
    /// them.
    pub superseded: Vec<String>,
}

/// Merges three versions of a ledger.
pub fn three_way(base: &Ledger, ours: &Ledger, theirs: &Ledger) -> Outcome {
    let mut m = Merger::default();
    let title = m.field(
        "the ledger",
        "title",
        Some(&base.title),
        &ours.title,
        &theirs.title,
    );
    let vocabulary = m.vocabulary(&base.vocabulary, &ours.vocabulary, &theirs.vocabulary);
    let find = |l: &'_ Ledger, id: &str| l.commitments.iter().position(|c| c.id == id);
    let mut commitments = Vec::new();
    // Ours, in our order, as merged with theirs.
    for (oi, o) in ours.commitments.iter().enumerate() {
        let b = find(base, &o.id).map(|i| &base.commitments[i]);
        let bi = find(base, &o.id);
        match find(theirs, &o.id).map(|i| &theirs.commitments[i]) {
            Some(t) => {
                commitments.push(m.commitment(b, o, t, oi, bi));
            }
            None => match b {
                // Added by us alone.
                None => commitments.push(o.clone()),
                // Removed by them; fine if we left it alone.
                Some(b) if b == o => m.theirs_changed = true,
                Some(_) => {
                    m.conflicts.push(format!(
                        "`{}` was removed on their side and changed on ours",
                        o.id
                    ));
                    commitments.push(o.clone());
                }
            },
        }
    }
    // Theirs that we do not have.
    for t in &theirs.commitments {
        if find(ours, &t.id).is_some() {
            continue;
        }
        match find(base, &t.id).map(|i| &base.commitments[i]) {
            None => {
                m.to_ours.push(Edit::AddCommitment(Box::new(t.clone())));
                m.to_base.push(Edit::AddCommitment(Box::new(t.clone())));
                commitments.push(t.clone());
            }
            // We removed it; fine if they left it alone.
            Some(b) if b == t => {}
            Some(_) => {
                m.conflicts.push(format!(
                    "`{}` was removed on our side and changed on theirs",
                    t.id
                ));
            }
        }
    }
    Outcome {
        merged: Ledger {
            title,
            // The side that changed the language has it; the header's text is merged as text.
            language: if theirs.language != base.language {
                theirs.language
            } else {
                ours.language
            },
            vocabulary,
            commitments,
        },
        to_ours: m.to_ours,
        to_base: m.to_base,
        theirs_changed: m.theirs_changed,
        conflicts: m.conflicts,
        notes: m.notes,
        superseded: m.superseded,
    }
}

/// The state of one merge: what it has decided so far, filled in record by record
/// (`record.rs`) by the three-way rules (`rule.rs`).
#[derive(Default)]
struct Merger {
    to_ours: Vec<Edit>,
    to_base: Vec<Edit>,
    theirs_changed: bool,
    conflicts: Vec<String>,
    notes: Vec<String>,
    superseded: Vec<String>,
}

/// A ledger in a canonical order, for asking whether a merged text says what was meant:
/// commitments by id, evidence by id, gaps by text; events by date, keeping the file order of
/// same-day events (which decides the status).
pub fn canonical(l: &Ledger) -> Ledger {
    let mut l = l.clone();
    l.commitments.sort_by(|a, b| a.id.cmp(&b.id));
    for c in &mut l.commitments {
        c.evidence.sort_by(|a, b| a.id.cmp(&b.id));
        c.history.sort_by_key(|e| e.date);
        c.funding_history.sort_by_key(|e| e.date);
        c.gaps
            .sort_by(|a, b| (&a.note, a.checked).cmp(&(&b.note, b.checked)));
    }
    l
}

#[cfg(test)]
mod tests;
