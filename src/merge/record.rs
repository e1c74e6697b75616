//! One commitment merged three ways: its fields each by the three-way rule, its evidence,
//! events, gaps and funding events as lists of entries with identities, and the edits that
//! bring THEIRS's additions to OURS and BASE. Also the one case that is not a rule about values:
//! the same commitment added on both sides by the same command.

use std::collections::HashSet;

use super::{Merger, words};
use crate::model::{Commitment, Edit, Event, Evidence, FundingEvent, Gap};

impl Merger {
    pub(super) fn commitment(
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

/// What makes an event the same event on both sides, even if its note was edited: the day,
/// the status, and who recorded it when.
fn event_key(e: &Event) -> String {
    format!(
        "{}\u{0}{}\u{0}{:?}\u{0}{:?}",
        e.date, e.status, e.recorded_by, e.recorded_at
    )
}
