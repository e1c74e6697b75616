//! The status scale. A ledger uses the default scale unless its file defines its own
//! (`statuses:`), so reports always speak the ledger's vocabulary and use its scores.

#[derive(Debug, Clone, PartialEq)]
pub struct StatusDef {
    /// What the file and the command line use: `in-progress`.
    pub key: String,
    /// What a reader sees: `In progress`.
    pub label: String,
    /// Progress towards delivery, used for averages in roll-ups.
    pub score: f64,
    /// A closed status is final: a closed commitment is never overdue.
    pub closed: bool,
    pub description: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Vocabulary {
    statuses: Vec<StatusDef>,
}

impl Default for Vocabulary {
    fn default() -> Self {
        let s = |key: &str, label: &str, score, closed, description: &str| StatusDef {
            key: key.into(),
            label: label.into(),
            score,
            closed,
            description: description.into(),
        };
        Vocabulary {
            statuses: vec![
                s(
                    "announced",
                    "Announced",
                    0.0,
                    false,
                    "made, no sign of action yet",
                ),
                s(
                    "in-progress",
                    "In progress",
                    0.5,
                    false,
                    "concrete steps under way",
                ),
                s(
                    "partial",
                    "Partial",
                    0.75,
                    false,
                    "delivered in part or in a reduced form",
                ),
                s("delivered", "Delivered", 1.0, true, "done as promised"),
                s(
                    "stalled",
                    "Stalled",
                    0.25,
                    false,
                    "no progress, or backsliding, for a sustained period",
                ),
                s(
                    "abandoned",
                    "Abandoned",
                    0.0,
                    true,
                    "dropped, reversed or contradicted by the owner",
                ),
            ],
        }
    }
}

impl Vocabulary {
    /// A vocabulary from the ledger file. The caller has checked that it is non-empty and
    /// that keys are unique.
    pub fn new(statuses: Vec<StatusDef>) -> Self {
        Vocabulary { statuses }
    }

    pub fn get(&self, key: &str) -> Option<&StatusDef> {
        self.statuses.iter().find(|s| s.key == key)
    }

    pub fn statuses(&self) -> &[StatusDef] {
        &self.statuses
    }

    /// The status a new commitment starts in: the first of the scale.
    pub fn initial(&self) -> &StatusDef {
        &self.statuses[0]
    }

    pub fn keys(&self) -> Vec<&str> {
        self.statuses.iter().map(|s| s.key.as_str()).collect()
    }

    pub fn is_closed(&self, key: &str) -> bool {
        self.get(key).is_some_and(|s| s.closed)
    }

    pub fn label<'a>(&'a self, key: &'a str) -> &'a str {
        self.get(key).map_or(key, |s| s.label.as_str())
    }

    /// Position on the scale, for sorting and for charts.
    pub fn rank(&self, key: &str) -> usize {
        self.statuses
            .iter()
            .position(|s| s.key == key)
            .unwrap_or(usize::MAX)
    }
}
