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
pub(crate) mod words;

use std::collections::{HashMap, HashSet};

use serde::Serialize;

use crate::model::{Commitment, Edit, Event, Evidence, FundingEvent, Gap, Ledger, Vocabulary};

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

#[derive(Default)]
struct Merger {
    to_ours: Vec<Edit>,
    to_base: Vec<Edit>,
    theirs_changed: bool,
    conflicts: Vec<String>,
    notes: Vec<String>,
    superseded: Vec<String>,
}

impl Merger {
    /// The status scale: a list that is changed as a whole, so shown by its keys.
    fn vocabulary(
        &mut self,
        base: &Vocabulary,
        ours: &Vocabulary,
        theirs: &Vocabulary,
    ) -> Vocabulary {
        if ours == theirs || base == theirs {
            return ours.clone();
        }
        if base == ours {
            self.theirs_changed = true;
            return theirs.clone();
        }
        let keys = |v: &Vocabulary| {
            let keys: Vec<&str> = v.statuses().iter().map(|s| s.key.as_str()).collect();
            format!("[{}]", keys.join(", "))
        };
        self.conflicts.push(format!(
            "the ledger: `statuses` was changed on both sides: ours {}, theirs {} (compare the two `statuses:` lists in the file)",
            keys(ours),
            keys(theirs)
        ));
        ours.clone()
    }

    /// One value, three ways: whoever changed it wins; both changing it differently is a
    /// conflict (and ours stands, for now). `base` is None when both sides added the record.
    fn field<T: Clone + PartialEq + Serialize>(
        &mut self,
        what: &str,
        name: &str,
        base: Option<&T>,
        ours: &T,
        theirs: &T,
    ) -> T {
        if ours == theirs {
            return ours.clone();
        }
        match base {
            Some(b) if b == ours => {
                self.theirs_changed = true;
                theirs.clone()
            }
            Some(b) if b == theirs => ours.clone(),
            _ => {
                self.conflicts.push(format!(
                    "{what}: `{name}` was changed on both sides: ours {}, theirs {}{}",
                    words::yaml(ours),
                    words::yaml(theirs),
                    base.map_or_else(
                        || " (both sides added it)".to_string(),
                        |b| format!(", before {}", words::yaml(b))
                    )
                ));
                ours.clone()
            }
        }
    }

    fn commitment(
        &mut self,
        base: Option<&Commitment>,
        o: &Commitment,
        t: &Commitment,
        ours_index: usize,
        base_index: Option<usize>,
    ) -> Commitment {
        if o == t || (base.is_none() && alike(o, t)) {
            if base.is_none() {
                // Both sides added it: BASE, to be compared with theirs, gets theirs whole, so
                // that the text merge sees the same addition on both sides.
                self.to_base.push(Edit::AddCommitment(Box::new(t.clone())));
                if o != t {
                    self.same_addition(o, t);
                }
            }
            return o.clone();
        }
        let what = format!("`{}`", o.id);
        let b = base;
        let mut c = o.clone();
        c.uuid = self.field(&what, "uuid", b.map(|b| &b.uuid), &o.uuid, &t.uuid);
        c.title = self.field(&what, "title", b.map(|b| &b.title), &o.title, &t.title);
        c.owner = self.field(&what, "owner", b.map(|b| &b.owner), &o.owner, &t.owner);
        c.parent = self.field(&what, "parent", b.map(|b| &b.parent), &o.parent, &t.parent);
        c.weight = self.field(&what, "weight", b.map(|b| &b.weight), &o.weight, &t.weight);
        c.description = self.field(
            &what,
            "description",
            b.map(|b| &b.description),
            &o.description,
            &t.description,
        );
        c.notes = self.field(&what, "notes", b.map(|b| &b.notes), &o.notes, &t.notes);
        // The corrections list as a whole, like a field: one side's corrections come through
        // the text merge with the values they changed; corrections made on both sides to the
        // same commitment are a conflict for a person, never a guess.
        c.corrections = self.field(
            &what,
            "corrections",
            b.map(|b| &b.corrections),
            &o.corrections,
            &t.corrections,
        );
        c.retired = self.field(
            &what,
            "retired",
            b.map(|b| &b.retired),
            &o.retired,
            &t.retired,
        );
        c.retractions = self.field(
            &what,
            "retractions",
            b.map(|b| &b.retractions),
            &o.retractions,
            &t.retractions,
        );
        c.extra = self.field(&what, "extra", b.map(|b| &b.extra), &o.extra, &t.extra);
        c.partners = self.field(
            &what,
            "partners",
            b.map(|b| &b.partners),
            &o.partners,
            &t.partners,
        );
        c.made = self.field(&what, "made", b.map(|b| &b.made), &o.made, &t.made);
        c.due = self.field(&what, "due", b.map(|b| &b.due), &o.due, &t.due);
        c.tags = self.field(&what, "tags", b.map(|b| &b.tags), &o.tags, &t.tags);
        c.funding = self.field(
            &what,
            "funding",
            b.map(|b| &b.funding),
            &o.funding,
            &t.funding,
        );
        c.source = self.field(&what, "source", b.map(|b| &b.source), &o.source, &t.source);

        let (evidence, added) = self.entries(
            &what,
            b.map(|b| b.evidence.as_slice()),
            &o.evidence,
            &t.evidence,
            |e: &Evidence| e.id.clone(),
            |e| format!("evidence `{}`", e.id),
        );
        c.evidence = evidence;
        for e in added {
            self.to_ours.push(Edit::AddEvidence {
                commitment: ours_index,
                evidence: e.clone(),
            });
            if let Some(bi) = base_index {
                self.to_base.push(Edit::AddEvidence {
                    commitment: bi,
                    evidence: e,
                });
            }
        }

        let (history, added) = self.entries(
            &what,
            b.map(|b| b.history.as_slice()),
            &o.history,
            &t.history,
            event_key,
            |e| format!("the `{}` event of {}", e.status, e.date),
        );
        // Both sides recorded a status for the same day, and not the same one.
        let before: HashSet<(chrono::NaiveDate, &str)> = b
            .map(|b| {
                b.history
                    .iter()
                    .map(|e| (e.date, e.status.as_str()))
                    .collect()
            })
            .unwrap_or_default();
        for e in &added {
            let ours_new = o.history.iter().find(|oe| {
                oe.date == e.date
                    && oe.status != e.status
                    && !before.contains(&(oe.date, oe.status.as_str()))
            });
            if let Some(oe) = ours_new {
                self.conflicts.push(format!(
                    "{what}: the status on {} was recorded as `{}` on our side and `{}` on theirs",
                    e.date, oe.status, e.status
                ));
            }
        }
        c.history = history;
        for e in added {
            self.to_ours.push(Edit::AddEvent {
                commitment: ours_index,
                event: e.clone(),
            });
            if let Some(bi) = base_index {
                self.to_base.push(Edit::AddEvent {
                    commitment: bi,
                    event: e,
                });
            }
        }

        let (gaps, added) = self.entries(
            &what,
            b.map(|b| b.gaps.as_slice()),
            &o.gaps,
            &t.gaps,
            |g: &Gap| format!("{}\u{0}{:?}", g.note, g.checked),
            |g| format!("the gap `{}`", g.note),
        );
        c.gaps = gaps;
        for g in added {
            self.to_ours.push(Edit::AddGap {
                commitment: ours_index,
                gap: g.clone(),
            });
            if let Some(bi) = base_index {
                self.to_base.push(Edit::AddGap {
                    commitment: bi,
                    gap: g,
                });
            }
        }
        // Funding events, like status events, are identified by what they record.
        let (funding, added) = self.entries(
            &what,
            b.map(|b| b.funding_history.as_slice()),
            &o.funding_history,
            &t.funding_history,
            |e: &FundingEvent| {
                format!(
                    "{}\u{0}{}\u{0}{}\u{0}{}\u{0}{:?}",
                    e.date,
                    e.stage.key(),
                    e.amount,
                    e.currency,
                    e.recorded_at
                )
            },
            |e| format!("the `{}` amount of {}", e.stage.key(), e.date),
        );
        c.funding_history = funding;
        for e in added {
            self.to_ours.push(Edit::AddFunding {
                commitment: ours_index,
                event: e.clone(),
            });
            if let Some(bi) = base_index {
                self.to_base.push(Edit::AddFunding {
                    commitment: bi,
                    event: e,
                });
            }
        }
        if base_index.is_none() {
            // Both sides added it: BASE, to be compared with theirs, gets theirs whole.
            self.to_base.push(Edit::AddCommitment(Box::new(t.clone())));
        }
        c
    }

    /// A list of entries with identities, three ways. Returns the merged list (ours in our
    /// order, then theirs's additions) and theirs's additions.
    fn entries<T: Clone + PartialEq + Serialize>(
        &mut self,
        what: &str,
        base: Option<&[T]>,
        ours: &[T],
        theirs: &[T],
        key: impl Fn(&T) -> String,
        name: impl Fn(&T) -> String,
    ) -> (Vec<T>, Vec<T>) {
        let keyed = |list: &[T]| -> HashMap<String, T> {
            occurrences(list, &key)
                .into_iter()
                .zip(list.iter().cloned())
                .collect()
        };
        let b = base.map(keyed).unwrap_or_default();
        let t = keyed(theirs);
        let ours_keys = occurrences(ours, &key);
        let o: HashMap<String, T> = ours_keys
            .iter()
            .cloned()
            .zip(ours.iter().cloned())
            .collect();
        let mut merged = Vec::new();
        for (k, oe) in ours_keys.iter().zip(ours) {
            match (b.get(k), t.get(k)) {
                (_, Some(te)) if te == oe => merged.push(oe.clone()),
                // Only they changed it.
                (Some(be), Some(te)) if be == oe => {
                    self.theirs_changed = true;
                    merged.push(te.clone());
                }
                // Only we changed it.
                (Some(be), Some(te)) if be == te => merged.push(oe.clone()),
                (_, Some(te)) => {
                    self.conflicts.push(format!(
                        "{what}: {} was changed on both sides: {}",
                        name(oe),
                        words::differences(oe, te).join("; ")
                    ));
                    merged.push(oe.clone());
                }
                (None, None) => merged.push(oe.clone()),
                (Some(be), None) if be == oe => self.theirs_changed = true,
                (Some(_), None) => {
                    self.conflicts.push(format!(
                        "{what}: {} was removed on their side and changed on ours",
                        name(oe)
                    ));
                    merged.push(oe.clone());
                }
            }
        }
        let mut added = Vec::new();
        for (k, te) in occurrences(theirs, &key).iter().zip(theirs) {
            if o.contains_key(k) {
                continue;
            }
            match b.get(k) {
                None => {
                    merged.push(te.clone());
                    added.push(te.clone());
                }
                Some(be) if be == te => {}
                Some(_) => self.conflicts.push(format!(
                    "{what}: {} was removed on our side and changed on theirs",
                    name(te)
                )),
            }
        }
        (merged, added)
    }
}

/// Keys made unique by counting repeats, so two identical hand-written entries stay two.
fn occurrences<T>(list: &[T], key: impl Fn(&T) -> String) -> Vec<String> {
    let mut seen: HashMap<String, usize> = HashMap::new();
    list.iter()
        .map(|e| {
            let k = key(e);
            let n = seen.entry(k.clone()).or_default();
            *n += 1;
            format!("{k}\u{0}{n}")
        })
        .collect()
}

/// The same commitment added on both sides by the same command: alike in everything a person
/// typed, apart from what the program made up (its UUID, and who recorded its events when).
fn alike(o: &Commitment, t: &Commitment) -> bool {
    let machine_free = |c: &Commitment| {
        let mut c = c.clone();
        c.uuid = None;
        for e in &mut c.history {
            e.recorded_by = None;
            e.recorded_at = None;
        }
        c
    };
    machine_free(o) == machine_free(t)
}

impl Merger {
    /// Kept once, as ours: the message names what theirs had instead (the lines the text
    /// check then does not look for), so that nobody is surprised by it.
    fn same_addition(&mut self, o: &Commitment, t: &Commitment) {
        let mut theirs = Vec::new();
        if let Some(tu) = t.uuid.filter(|tu| Some(*tu) != o.uuid) {
            theirs.push(format!("uuid: {tu}"));
        }
        for (oe, te) in o.history.iter().zip(&t.history) {
            if oe.recorded_by != te.recorded_by
                && let Some(by) = &te.recorded_by
            {
                theirs.push(format!("recorded_by: {by}"));
            }
            if oe.recorded_at != te.recorded_at
                && let Some(at) = te.recorded_at
            {
                theirs.push(format!("recorded_at: {}", words::yaml(&at)));
            }
        }
        theirs.dedup();
        let mut told = format!(
            "`{}` was added on both sides alike; kept once, as ours",
            o.id
        );
        if !theirs.is_empty() {
            told.push_str(&format!(" (theirs had {})", theirs.join(", ")));
        }
        self.notes.push(told);
        self.superseded.extend(theirs);
    }
}

/// What makes an event the same event on both sides, even if its note was edited: the day,
/// the status, and who recorded it when.
fn event_key(e: &Event) -> String {
    format!(
        "{}\u{0}{}\u{0}{:?}\u{0}{:?}",
        e.date, e.status, e.recorded_by, e.recorded_at
    )
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
