//! The status scale. A ledger uses the default scale unless its file defines its own
//! (`statuses:`), so reports always speak the ledger's vocabulary and use its scores.

use super::Language;

#[derive(Debug, Clone, PartialEq)]
pub struct StatusDef {
    /// What the file and the command line use: `in-progress`.
    pub key: String,
    /// What a reader sees, in the language the reports speak: `In progress`.
    pub label: String,
    /// The label in each language the file gives it in (`label: {en: In progress, fr: En
    /// cours}`); empty when it gives one label for every language.
    pub labels: Vec<(Language, String)>,
    /// Progress towards delivery, used for averages in roll-ups.
    pub score: f64,
    /// A closed status is final: a closed commitment is never overdue.
    pub closed: bool,
    /// What it means, in the language the reports speak.
    pub description: String,
    /// The description in each language the file gives it in; empty for one text.
    pub descriptions: Vec<(Language, String)>,
}

impl StatusDef {
    /// A status with one label and one description for every language.
    pub fn new(key: &str, label: &str, score: f64, closed: bool, description: &str) -> Self {
        StatusDef {
            key: key.into(),
            label: label.into(),
            labels: Vec::new(),
            score,
            closed,
            description: description.into(),
            descriptions: Vec::new(),
        }
    }

    /// The same status with its label and description in several languages, the first of
    /// each (English) standing for any language not given.
    fn translated(mut self, labels: [&str; 3], descriptions: [&str; 3]) -> Self {
        let each = |texts: [&str; 3]| {
            Language::ALL
                .into_iter()
                .zip(texts)
                .map(|(l, t)| (l, t.to_string()))
                .collect()
        };
        self.labels = each(labels);
        self.descriptions = each(descriptions);
        self
    }

    /// Its label and description in `language`: the one given for it, else English's, else
    /// the first given; a status with one label keeps it.
    fn speak(&mut self, language: Language) {
        if let Some(l) = in_language(&self.labels, language) {
            self.label = l;
        }
        if let Some(d) = in_language(&self.descriptions, language) {
            self.description = d;
        }
    }
}

/// The text for `language` among `texts`, falling back to English, then to the first.
fn in_language(texts: &[(Language, String)], language: Language) -> Option<String> {
    texts
        .iter()
        .find(|(l, _)| *l == language)
        .or_else(|| texts.iter().find(|(l, _)| *l == Language::En))
        .or_else(|| texts.first())
        .map(|(_, t)| t.clone())
}

#[derive(Debug, Clone, PartialEq)]
pub struct Vocabulary {
    statuses: Vec<StatusDef>,
}

impl Default for Vocabulary {
    /// The default scale, in English, French and German (docs/methodology.md §2).
    fn default() -> Self {
        let s = |key: &str, score, closed, labels: [&str; 3], descriptions: [&str; 3]| {
            StatusDef::new(key, labels[0], score, closed, descriptions[0])
                .translated(labels, descriptions)
        };
        Vocabulary {
            statuses: vec![
                s(
                    "announced",
                    0.0,
                    false,
                    ["Announced", "Annoncé", "Angekündigt"],
                    [
                        "made, no sign of action yet",
                        "pris, sans signe de mise en œuvre pour l'instant",
                        "gegeben, noch kein Anzeichen einer Umsetzung",
                    ],
                ),
                s(
                    "in-progress",
                    0.5,
                    false,
                    ["In progress", "En cours", "In Arbeit"],
                    [
                        "concrete steps under way",
                        "des mesures concrètes sont engagées",
                        "konkrete Schritte sind eingeleitet",
                    ],
                ),
                s(
                    "partial",
                    0.75,
                    false,
                    ["Partial", "Partiel", "Teilweise"],
                    [
                        "delivered in part or in a reduced form",
                        "tenu en partie ou sous une forme réduite",
                        "teilweise oder in verringertem Umfang umgesetzt",
                    ],
                ),
                s(
                    "delivered",
                    1.0,
                    true,
                    ["Delivered", "Tenu", "Umgesetzt"],
                    [
                        "done as promised",
                        "réalisé comme promis",
                        "wie versprochen umgesetzt",
                    ],
                ),
                s(
                    "stalled",
                    0.25,
                    false,
                    ["Stalled", "Au point mort", "Ins Stocken geraten"],
                    [
                        "no progress, or backsliding, for a sustained period",
                        "aucun progrès, ou un recul, sur une période prolongée",
                        "über längere Zeit kein Fortschritt oder ein Rückschritt",
                    ],
                ),
                s(
                    "abandoned",
                    0.0,
                    true,
                    ["Abandoned", "Abandonné", "Aufgegeben"],
                    [
                        "dropped, reversed or contradicted by the owner",
                        "abandonné, annulé ou contredit par son auteur",
                        "vom Verantwortlichen fallen gelassen, zurückgenommen oder widerrufen",
                    ],
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

    /// The status a person means by `text`: its key or its label (as tables print it), case
    /// and spacing aside, so that `In progress` copied from a table works as `in-progress`.
    /// Import and the command line both read statuses through this.
    pub fn find(&self, text: &str) -> Option<&StatusDef> {
        let n = super::normal(text);
        self.get(text).or_else(|| {
            self.statuses.iter().find(|s| {
                super::normal(&s.key) == n
                    || super::normal(&s.label) == n
                    || s.labels.iter().any(|(_, l)| super::normal(l) == n)
            })
        })
    }

    /// The scale as a reader of `language` sees it: each status's label and description in
    /// that language where the scale gives one.
    pub fn speak(&mut self, language: Language) {
        for s in &mut self.statuses {
            s.speak(language);
        }
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

/// The scales `init --preset` writes into a new ledger, by name.
pub const PRESETS: [&str; 4] = ["default", "politifact", "ogp", "g7"];

impl Vocabulary {
    /// A named scale (see docs/methodology.md, "Other scales"). The first status of each is
    /// where a new commitment starts.
    pub fn preset(name: &str) -> Option<Self> {
        let s = StatusDef::new;
        let statuses = match name {
            "default" => return Some(Vocabulary::default()),
            // PolitiFact's Promise Meter. Compromise is a final rating there, so it is closed.
            "politifact" => vec![
                s(
                    "not-yet-rated",
                    "Not Yet Rated",
                    0.0,
                    false,
                    "made; no rating yet",
                ),
                s(
                    "in-the-works",
                    "In the Works",
                    0.5,
                    false,
                    "concrete steps under way",
                ),
                s("stalled", "Stalled", 0.25, false, "no movement, or blocked"),
                s(
                    "compromise",
                    "Compromise",
                    0.75,
                    true,
                    "kept in part or in a reduced form",
                ),
                s(
                    "promise-kept",
                    "Promise Kept",
                    1.0,
                    true,
                    "kept as promised",
                ),
                s("promise-broken", "Promise Broken", 0.0, true, "not kept"),
            ],
            // OGP's completion levels. OGP gives no scores; these space the four levels evenly.
            "ogp" => vec![
                s("not-started", "Not started", 0.0, false, "no activity yet"),
                s(
                    "limited",
                    "Limited",
                    0.33,
                    false,
                    "some of the activities completed",
                ),
                s(
                    "substantial",
                    "Substantial",
                    0.67,
                    false,
                    "much of the work done",
                ),
                s(
                    "complete",
                    "Complete",
                    1.0,
                    true,
                    "all activities completed",
                ),
                s(
                    "withdrawn",
                    "Withdrawn",
                    0.0,
                    true,
                    "removed from the action plan",
                ),
            ],
            // The G7 Research Group's compliance scale. A commitment with no action yet
            // scores -1, so that is where a new one starts.
            "g7" => vec![
                s(
                    "no-compliance",
                    "No compliance",
                    -1.0,
                    false,
                    "no action, or action contrary to the commitment",
                ),
                s(
                    "partial-compliance",
                    "Partial compliance",
                    0.0,
                    false,
                    "partial compliance or work in progress",
                ),
                s(
                    "full-compliance",
                    "Full compliance",
                    1.0,
                    true,
                    "full compliance",
                ),
            ],
            _ => return None,
        };
        Some(Vocabulary { statuses })
    }

    pub fn score(&self, key: &str) -> Option<f64> {
        self.get(key).map(|s| s.score)
    }

    /// The lowest and highest scores of the scale.
    pub fn score_range(&self) -> (f64, f64) {
        self.statuses
            .iter()
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), s| {
                (lo.min(s.score), hi.max(s.score))
            })
    }

    /// An average score as a percentage of the way from the scale's lowest score to its
    /// highest. On the default scale (0 to 1) that is the average itself; on the G7 scale
    /// (-1 to +1) it is the Research Group's compliance figure, (average + 1) / 2. None when
    /// every status has the same score, since there is then no way to be further along.
    pub fn percent(&self, average: f64) -> Option<f64> {
        let (lo, hi) = self.score_range();
        (hi > lo).then(|| (average - lo) / (hi - lo) * 100.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_preset_exists_and_starts_open() {
        for name in PRESETS {
            let v = Vocabulary::preset(name).unwrap_or_else(|| panic!("{name}"));
            assert!(!v.initial().closed, "{name}");
            let mut keys = v.keys();
            keys.dedup();
            assert_eq!(keys.len(), v.statuses().len(), "{name}");
        }
        assert!(Vocabulary::preset("nope").is_none());
    }

    #[test]
    fn the_default_scale_speaks_each_language_and_is_found_in_any() {
        let mut v = Vocabulary::default();
        assert_eq!(v.label("in-progress"), "In progress");
        v.speak(Language::Fr);
        assert_eq!(v.label("in-progress"), "En cours");
        assert_eq!(
            v.get("delivered").unwrap().description,
            "réalisé comme promis"
        );
        v.speak(Language::De);
        assert_eq!(v.label("stalled"), "Ins Stocken geraten");
        assert_eq!(v.find("en cours").unwrap().key, "in-progress");
        v.speak(Language::En);
        assert_eq!(v.label("in-progress"), "In progress");
        let mut one = Vocabulary::new(vec![StatusDef::new("a", "Mine", 1.0, false, "")]);
        one.speak(Language::Fr);
        assert_eq!(
            one.label("a"),
            "Mine",
            "one label is the ledger's for every language"
        );
    }

    #[test]
    fn g7_percentage_is_average_plus_one_over_two() {
        let g7 = Vocabulary::preset("g7").unwrap();
        assert_eq!(g7.percent(0.5), Some(75.0));
        assert_eq!(g7.percent(-1.0), Some(0.0));
        assert_eq!(g7.percent(1.0), Some(100.0));
    }

    #[test]
    fn default_percentage_is_the_average() {
        assert_eq!(Vocabulary::default().percent(0.25), Some(25.0));
        let flat = Vocabulary::new(vec![StatusDef::new("a", "A", 1.0, false, "")]);
        assert_eq!(flat.percent(1.0), None);
    }
}
