//! The whole ledger: a title, a status vocabulary and the commitments.

use super::{
    Commitment, Correction, Event, Evidence, FundingEvent, Gap, Language, Retirement, Retraction,
    Vocabulary,
};

/// One change to a ledger. Every write the CLI makes is a list of these: things are added, so
/// history is appended and never overwritten; a correction replaces one value, and keeps the
/// old one in the entry it appends.
#[derive(Debug, Clone, PartialEq)]
pub enum Edit {
    AddCommitment(Box<Commitment>),
    AddEvidence {
        commitment: usize,
        evidence: Evidence,
    },
    AddEvent {
        commitment: usize,
        event: Event,
    },
    AddGap {
        commitment: usize,
        gap: Gap,
    },
    AddFunding {
        commitment: usize,
        event: FundingEvent,
    },
    /// A field's value replaced in place, and the correction that says so appended.
    Correct {
        commitment: usize,
        correction: Correction,
    },
    /// `retired:` added to a commitment.
    Retire {
        commitment: usize,
        retirement: Retirement,
    },
    /// A `retractions:` entry appended.
    Retract {
        commitment: usize,
        retraction: Retraction,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub struct Ledger {
    pub title: Option<String>,
    /// The language reports speak: the file's `language:` (English if it has none), or
    /// `--lang` (`speak`).
    pub language: Language,
    pub vocabulary: Vocabulary,
    pub commitments: Vec<Commitment>,
}

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum LookupError {
    #[error("no commitment has the id or UUID `{key}`{}", suggestion(.key, .similar))]
    Unknown { key: String, similar: Vec<String> },
    #[error("`{key}` is the start of more than one UUID ({}); give more characters", .matches.join(", "))]
    Ambiguous { key: String, matches: Vec<String> },
}

fn suggestion(key: &str, similar: &[String]) -> String {
    // `show a` may be meant as the start of a UUID; those are only read from 4 characters on
    // (MIN_UUID_PREFIX), which nobody can guess.
    let short = !key.is_empty()
        && key.len() < MIN_UUID_PREFIX
        && key.chars().all(|c| c.is_ascii_hexdigit());
    let prefix = if short {
        format!(" (a UUID prefix needs at least {MIN_UUID_PREFIX} characters)")
    } else {
        String::new()
    };
    if similar.is_empty() {
        format!("{prefix}; `commitments list` shows them all")
    } else {
        format!("{prefix}; did you mean {}?", similar.join(" or "))
    }
}

/// A UUID prefix must be this long to count, so that a slug like `de` is never read as one.
const MIN_UUID_PREFIX: usize = 4;

impl Ledger {
    pub fn new(title: Option<String>) -> Self {
        Ledger {
            title,
            language: Language::default(),
            vocabulary: Vocabulary::default(),
            commitments: Vec::new(),
        }
    }

    /// The ledger as reports in `language` show it: their words and its scale's labels in
    /// that language.
    pub fn speak(&mut self, language: Language) {
        self.language = language;
        self.vocabulary.speak(language);
    }

    /// Finds a commitment by its slug, its UUID, or a unique start of its UUID.
    pub fn position(&self, key: &str) -> Result<usize, LookupError> {
        if let Some(i) = self.commitments.iter().position(|c| c.id == key) {
            return Ok(i);
        }
        let wanted = key.to_ascii_lowercase();
        let uuid_matches: Vec<usize> = if wanted.len() >= MIN_UUID_PREFIX
            && wanted.chars().all(|c| c.is_ascii_hexdigit() || c == '-')
        {
            self.commitments
                .iter()
                .enumerate()
                .filter(|(_, c)| {
                    c.uuid_string().is_some_and(|u| {
                        u.starts_with(&wanted) || u.replace('-', "").starts_with(&wanted)
                    })
                })
                .map(|(i, _)| i)
                .collect()
        } else {
            Vec::new()
        };
        match uuid_matches.as_slice() {
            [i] => Ok(*i),
            [] => Err(LookupError::Unknown {
                key: key.into(),
                similar: self.similar_ids(key),
            }),
            many => Err(LookupError::Ambiguous {
                key: key.into(),
                matches: many
                    .iter()
                    .map(|i| self.commitments[*i].id.clone())
                    .collect(),
            }),
        }
    }

    /// The ledger as it will be after `edit`.
    pub fn apply(&mut self, edit: &Edit) {
        match edit {
            Edit::AddCommitment(c) => self.commitments.push((**c).clone()),
            Edit::AddEvidence {
                commitment,
                evidence,
            } => {
                self.commitments[*commitment]
                    .evidence
                    .push(evidence.clone());
            }
            Edit::AddEvent { commitment, event } => {
                self.commitments[*commitment].history.push(event.clone());
            }
            Edit::AddGap { commitment, gap } => {
                self.commitments[*commitment].gaps.push(gap.clone());
            }
            Edit::AddFunding { commitment, event } => {
                self.commitments[*commitment]
                    .funding_history
                    .push(event.clone());
            }
            Edit::Correct {
                commitment,
                correction,
            } => self.commitments[*commitment].correct(correction),
            Edit::Retire {
                commitment,
                retirement,
            } => self.commitments[*commitment].retired = Some(retirement.clone()),
            Edit::Retract {
                commitment,
                retraction,
            } => self.commitments[*commitment]
                .retractions
                .push(retraction.clone()),
        }
    }

    pub fn find(&self, key: &str) -> Result<&Commitment, LookupError> {
        self.position(key).map(|i| &self.commitments[i])
    }

    /// Ids that share a word with `key`, for "did you mean" hints.
    fn similar_ids(&self, key: &str) -> Vec<String> {
        // The same id in other capitals (`FR-MOBILE-UNIT`) is surely the one meant.
        if let Some(c) = self
            .commitments
            .iter()
            .find(|c| c.id.eq_ignore_ascii_case(key))
        {
            return vec![format!("`{}`", c.id)];
        }
        let lower = key.to_lowercase();
        let words: Vec<&str> = lower
            .split(['-', '_', ' '])
            .filter(|w| w.len() > 1)
            .collect();
        let similar: Vec<String> = self
            .commitments
            .iter()
            .filter(|c| words.iter().any(|w| c.id.split('-').any(|p| p == *w)))
            .map(|c| format!("`{}`", c.id))
            .take(3)
            .collect();
        if !similar.is_empty() {
            return similar;
        }
        // No shared word: a slip of a letter or two (`fr-mobil-unit`).
        super::spelling::closest(key, self.commitments.iter().map(|c| c.id.as_str()))
            .map(|id| vec![format!("`{id}`")])
            .unwrap_or_default()
    }
}
