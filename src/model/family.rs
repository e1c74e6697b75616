//! Parent and child: a child is a narrower commitment that serves its parent (a national
//! action under a communiqué pledge). The links are checked here once for every input path,
//! and the tree and the roll-up rule (methodology §10) are worked out here for every report.

use std::collections::HashMap;

use super::{Commitment, Date, Ledger};

/// A child counts this much in its parent's roll-up unless it says otherwise.
pub const DEFAULT_WEIGHT: f64 = 1.0;

/// What is wrong with the links between records.
#[derive(Debug, Clone, PartialEq)]
pub enum LinkError {
    /// Record `child` names a parent no record has.
    Unknown { child: usize, parent: String },
    /// Following parents from record `start` comes back to it: the ids in order, the first
    /// repeated at the end.
    Cycle { start: usize, ids: Vec<String> },
}

/// Every unknown parent, and every cycle once (reported at its record that comes first in
/// the file).
pub fn link_errors(commitments: &[Commitment]) -> Vec<LinkError> {
    let index: HashMap<&str, usize> = commitments
        .iter()
        .enumerate()
        .map(|(i, c)| (c.id.as_str(), i))
        .collect();
    let mut errors = Vec::new();
    // 0: not seen, 1: on the path being followed, 2: done.
    let mut state = vec![0u8; commitments.len()];
    for (i, c) in commitments.iter().enumerate() {
        if let Some(p) = &c.parent
            && !index.contains_key(p.as_str())
        {
            errors.push(LinkError::Unknown {
                child: i,
                parent: p.clone(),
            });
        }
    }
    for start in 0..commitments.len() {
        let mut path = Vec::new();
        let mut at = Some(start);
        while let Some(i) = at {
            match state[i] {
                2 => break,
                1 => {
                    let from = path.iter().position(|&j| j == i).unwrap_or(0);
                    let cycle = &path[from..];
                    let first = cycle.iter().copied().min().unwrap_or(i);
                    let k = cycle.iter().position(|&j| j == first).unwrap_or(0);
                    let mut ids: Vec<String> = cycle[k..]
                        .iter()
                        .chain(&cycle[..k])
                        .map(|&j| commitments[j].id.clone())
                        .collect();
                    ids.push(commitments[first].id.clone());
                    errors.push(LinkError::Cycle { start: first, ids });
                    break;
                }
                _ => {
                    state[i] = 1;
                    path.push(i);
                    at = commitments[i]
                        .parent
                        .as_deref()
                        .and_then(|p| index.get(p).copied());
                }
            }
        }
        for j in path {
            state[j] = 2;
        }
    }
    errors
}

/// One record in tree order: where it is in the ledger, and how deep (0 for a record with no
/// parent).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place {
    pub index: usize,
    pub depth: usize,
}

impl Ledger {
    /// The records of `c`'s children, in file order.
    pub fn children(&self, id: &str) -> Vec<usize> {
        self.commitments
            .iter()
            .enumerate()
            .filter(|(_, c)| c.parent.as_deref() == Some(id))
            .map(|(i, _)| i)
            .collect()
    }

    /// Every record once, each child right after its parent (and its parent's earlier
    /// children), roots and siblings in file order. A ledger that passed `check` has no
    /// cycles; should one reach here, its records are listed as roots rather than lost.
    pub fn tree(&self) -> Vec<Place> {
        let index: HashMap<&str, usize> = self
            .commitments
            .iter()
            .enumerate()
            .map(|(i, c)| (c.id.as_str(), i))
            .collect();
        let mut kids: Vec<Vec<usize>> = vec![Vec::new(); self.commitments.len()];
        let mut roots = Vec::new();
        for (i, c) in self.commitments.iter().enumerate() {
            match c.parent.as_deref().and_then(|p| index.get(p)) {
                Some(&p) if p != i => kids[p].push(i),
                _ => roots.push(i),
            }
        }
        let mut out = Vec::with_capacity(self.commitments.len());
        let mut seen = vec![false; self.commitments.len()];
        let mut stack: Vec<Place> = roots
            .iter()
            .rev()
            .map(|&index| Place { index, depth: 0 })
            .collect();
        loop {
            while let Some(p) = stack.pop() {
                if std::mem::replace(&mut seen[p.index], true) {
                    continue;
                }
                out.push(p);
                stack.extend(kids[p.index].iter().rev().map(|&index| Place {
                    index,
                    depth: p.depth + 1,
                }));
            }
            // Records only reachable through a cycle.
            match seen.iter().position(|s| !s) {
                Some(index) => stack.push(Place { index, depth: 0 }),
                None => break,
            }
        }
        out
    }
}

/// A parent's children taken together on a date (methodology §10).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Family {
    /// How many children had been made by the date.
    pub children: usize,
    /// Children per status key.
    pub counts: Vec<(String, usize)>,
    /// The sum of the weights of the children with a status on the date.
    pub weight: f64,
    /// Σ weight × score / Σ weight; None with no child, or when every weight is 0.
    pub average_score: Option<f64>,
}

impl Commitment {
    pub fn weight(&self) -> f64 {
        self.weight.unwrap_or(DEFAULT_WEIGHT)
    }
}

impl Ledger {
    /// The roll-up of the direct children of `id` on `date`: their statuses counted, and
    /// their scores averaged by weight. The parent's own status plays no part in it.
    pub fn family(&self, id: &str, date: Date) -> Family {
        self.family_of(&self.children(id), date)
    }

    /// The roll-up of the children at `indices`.
    pub fn family_of(&self, indices: &[usize], date: Date) -> Family {
        let v = &self.vocabulary;
        let mut counts: Vec<(String, usize)> = Vec::new();
        let (mut n, mut weight, mut sum) = (0, 0.0, 0.0);
        for &i in indices {
            let c = &self.commitments[i];
            let Some(s) = c.status_as_of(date) else {
                continue;
            };
            n += 1;
            match counts.iter_mut().find(|(k, _)| k == s.status) {
                Some((_, k)) => *k += 1,
                None => counts.push((s.status.to_string(), 1)),
            }
            if let Some(score) = v.score(s.status) {
                weight += c.weight();
                sum += c.weight() * score;
            }
        }
        counts.sort_by_key(|(k, _)| v.rank(k));
        Family {
            children: n,
            counts,
            weight,
            average_score: (weight > 0.0).then(|| sum / weight),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Event, parse_date};

    fn c(id: &str, parent: Option<&str>, status: &str, weight: Option<f64>) -> Commitment {
        let d = parse_date("2025-03-31").unwrap();
        Commitment {
            id: id.into(),
            uuid: None,
            title: "t".into(),
            owner: "o".into(),
            parent: parent.map(String::from),
            weight,
            partners: vec![],
            made: d,
            due: None,
            tags: vec![],
            funding: None,
            funding_history: vec![],
            source: None,
            evidence: vec![],
            history: vec![Event {
                date: d,
                status: status.into(),
                note: None,
                evidence: vec![],
                unsourced: true,
                recorded_by: None,
                recorded_at: None,
            }],
            gaps: vec![],
            description: None,
            notes: None,
            extra: Vec::new(),
            corrections: Vec::new(),
            retired: None,
            retractions: Vec::new(),
        }
    }

    #[test]
    fn unknown_parents_and_each_cycle_once() {
        let list = vec![
            c("a", Some("c"), "announced", None),
            c("b", Some("a"), "announced", None),
            c("c", Some("b"), "announced", None),
            c("d", Some("nope"), "announced", None),
            c("e", Some("e"), "announced", None),
        ];
        let errors = link_errors(&list);
        assert_eq!(
            errors,
            vec![
                LinkError::Unknown {
                    child: 3,
                    parent: "nope".into()
                },
                LinkError::Cycle {
                    start: 0,
                    ids: vec!["a".into(), "c".into(), "b".into(), "a".into()]
                },
                LinkError::Cycle {
                    start: 4,
                    ids: vec!["e".into(), "e".into()]
                },
            ]
        );
    }

    #[test]
    fn tree_puts_children_under_their_parent_in_file_order() {
        let mut l = Ledger::new(None);
        l.commitments = vec![
            c("kid2", Some("top"), "announced", None),
            c("top", None, "announced", None),
            c("grandkid", Some("kid1"), "announced", None),
            c("kid1", Some("top"), "announced", None),
            c("alone", None, "announced", None),
        ];
        let order: Vec<(&str, usize)> = l
            .tree()
            .iter()
            .map(|p| (l.commitments[p.index].id.as_str(), p.depth))
            .collect();
        assert_eq!(
            order,
            [
                ("top", 0),
                ("kid2", 1),
                ("kid1", 1),
                ("grandkid", 2),
                ("alone", 0)
            ]
        );
    }

    #[test]
    fn roll_up_is_the_weighted_mean_of_the_childrens_scores() {
        let mut l = Ledger::new(None);
        l.commitments = vec![
            c("top", None, "delivered", None),
            c("a", Some("top"), "delivered", Some(3.0)),
            c("b", Some("top"), "announced", None),
        ];
        let f = l.family("top", parse_date("2026-01-01").unwrap());
        assert_eq!(f.children, 2);
        assert_eq!(f.weight, 4.0);
        assert_eq!(f.average_score, Some(0.75));
        assert_eq!(
            f.counts,
            vec![("announced".to_string(), 1), ("delivered".to_string(), 1)]
        );
        let none = l.family("a", parse_date("2026-01-01").unwrap());
        assert_eq!((none.children, none.average_score), (0, None));
    }
}
