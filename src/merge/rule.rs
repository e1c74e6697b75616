//! The three-way rule: for one value, whoever changed it wins and both changing it differently
//! is a conflict; for a list of entries with identities, the same per entry, with additions
//! from both sides kept.

use std::collections::HashMap;

use serde::Serialize;

use super::{Merger, words};
use crate::model::Vocabulary;

impl Merger {
    /// The status scale: a list that is changed as a whole, so shown by its keys.
    pub(super) fn vocabulary(
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
    pub(super) fn field<T: Clone + PartialEq + Serialize>(
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

    /// A list of entries with identities, three ways. Returns the merged list (ours in our
    /// order, then theirs's additions) and theirs's additions.
    pub(super) fn entries<T: Clone + PartialEq + Serialize>(
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
