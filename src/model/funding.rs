//! Money by stage over time: what was pledged, allocated, disbursed and spent, each a dated
//! event resting on evidence, like a status event (methodology §8).
//!
//! The stages follow IATI's typed transactions (commitment, disbursement, expenditure) with
//! the allocation step that budgets add. Amounts of one commitment are never added across
//! currencies: a record keeps one currency, and the file is refused if it mixes them.

use chrono::{DateTime, Utc};

use super::{Commitment, Date};

/// A step money goes through, in the order it usually goes through them.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, clap::ValueEnum,
)]
#[serde(rename_all = "lowercase")]
pub enum Stage {
    /// Promised in public: the amount announced.
    Pledged,
    /// Set aside in a budget or by a decision to spend.
    Allocated,
    /// Paid out to whoever is to spend it.
    Disbursed,
    /// Spent on what was promised, as reported.
    Spent,
}

impl Stage {
    /// Every stage, in the order money goes through them.
    pub fn all() -> &'static [Self] {
        <Self as clap::ValueEnum>::value_variants()
    }

    /// The name as the file writes it; clap offers the same (a test holds them together).
    pub fn key(self) -> &'static str {
        match self {
            Stage::Pledged => "pledged",
            Stage::Allocated => "allocated",
            Stage::Disbursed => "disbursed",
            Stage::Spent => "spent",
        }
    }

    /// "Pledged": as a table heading shows it.
    pub fn label(self) -> &'static str {
        match self {
            Stage::Pledged => "Pledged",
            Stage::Allocated => "Allocated",
            Stage::Disbursed => "Disbursed",
            Stage::Spent => "Spent",
        }
    }

    /// A stage by its name, case aside (as a spreadsheet cell may write it).
    pub fn parse(text: &str) -> Option<Self> {
        <Self as clap::ValueEnum>::from_str(text.trim(), true).ok()
    }

    pub fn keys() -> String {
        Self::all()
            .iter()
            .map(|s| s.key())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// On this date, per this evidence, this much money had reached this stage.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct FundingEvent {
    /// When it happened, according to the evidence.
    pub date: Date,
    pub stage: Stage,
    /// The amount at this stage on that date (not an increment): a later event replaces it.
    pub amount: f64,
    /// ISO 4217; the same for every amount of one commitment.
    pub currency: String,
    pub note: Option<String>,
    /// Ids of evidence entries of the same commitment, or `source`.
    pub evidence: Vec<String>,
    pub unsourced: bool,
    pub recorded_by: Option<String>,
    pub recorded_at: Option<DateTime<Utc>>,
}

/// The money of one commitment on a date: the latest amount of each stage up to it.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct FundingAsOf {
    pub currency: String,
    pub pledged: Option<f64>,
    pub allocated: Option<f64>,
    pub disbursed: Option<f64>,
    pub spent: Option<f64>,
}

impl FundingAsOf {
    pub fn get(&self, stage: Stage) -> Option<f64> {
        match stage {
            Stage::Pledged => self.pledged,
            Stage::Allocated => self.allocated,
            Stage::Disbursed => self.disbursed,
            Stage::Spent => self.spent,
        }
    }

    fn set(&mut self, stage: Stage, amount: f64) {
        let slot = match stage {
            Stage::Pledged => &mut self.pledged,
            Stage::Allocated => &mut self.allocated,
            Stage::Disbursed => &mut self.disbursed,
            Stage::Spent => &mut self.spent,
        };
        *slot = Some(amount);
    }

    /// "Pledged GBP 3,000,000; allocated GBP 3,230,000; nothing disbursed or spent on record".
    pub fn display(&self) -> String {
        let mut known = Vec::new();
        let mut none = Vec::new();
        for &s in Stage::all() {
            match self.get(s) {
                Some(a) => known.push(format!("{} {}", s.key(), money(&self.currency, a))),
                None => none.push(s.key()),
            }
        }
        let mut text = known.join("; ");
        if !none.is_empty() {
            let list = match none.as_slice() {
                [one] => (*one).to_string(),
                [rest @ .., last] => format!("{} or {last}", rest.join(", ")),
                [] => String::new(),
            };
            text.push_str(&format!("; nothing {list} on record"));
        }
        let mut c = text.chars();
        c.next()
            .map(|f| f.to_uppercase().chain(c).collect())
            .unwrap_or_default()
    }
}

/// `GBP 3,000,000`: the way the users write money in briefings.
pub fn money(currency: &str, amount: f64) -> String {
    super::Funding {
        amount,
        currency: currency.to_string(),
    }
    .display()
}

impl Commitment {
    /// The currency of the record's money, from `funding:` or its first funding event.
    pub fn currency(&self) -> Option<&str> {
        self.funding
            .as_ref()
            .map(|f| f.currency.as_str())
            .or_else(|| self.funding_history.first().map(|e| e.currency.as_str()))
    }

    /// Funding events in date order; on the same day the later entry in the file wins.
    pub fn funding_in_order(&self) -> Vec<&FundingEvent> {
        let mut events: Vec<&FundingEvent> = self.funding_history.iter().collect();
        events.sort_by_key(|e| e.date);
        events
    }

    /// The money on `date`: for each stage, the latest amount up to it. The `funding:` field
    /// counts as the amount pledged on the day the commitment was made. None when nothing is
    /// on record by then.
    pub fn funding_as_of(&self, date: Date) -> Option<FundingAsOf> {
        let currency = self.currency()?.to_string();
        let mut out = FundingAsOf {
            currency,
            pledged: None,
            allocated: None,
            disbursed: None,
            spent: None,
        };
        let mut any = false;
        if let Some(f) = &self.funding
            && self.made <= date
        {
            out.pledged = Some(f.amount);
            any = true;
        }
        for e in self.funding_in_order() {
            if e.date > date {
                break;
            }
            out.set(e.stage, e.amount);
            any = true;
        }
        any.then_some(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Funding, parse_date};

    fn d(s: &str) -> Date {
        parse_date(s).unwrap()
    }

    fn event(date: &str, stage: Stage, amount: f64) -> FundingEvent {
        FundingEvent {
            date: d(date),
            stage,
            amount,
            currency: "GBP".into(),
            note: None,
            evidence: vec![],
            unsourced: true,
            recorded_by: None,
            recorded_at: None,
        }
    }

    fn commitment(funding: Option<f64>, events: Vec<FundingEvent>) -> Commitment {
        Commitment {
            id: "x".into(),
            uuid: None,
            title: "t".into(),
            owner: "o".into(),
            partners: vec![],
            made: d("2025-03-31"),
            due: None,
            tags: vec![],
            funding: funding.map(|amount| Funding {
                amount,
                currency: "GBP".into(),
            }),
            funding_history: events,
            parent: None,
            weight: None,
            source: None,
            evidence: vec![],
            history: vec![],
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
    fn the_funding_field_is_the_pledge_on_the_day_made() {
        let c = commitment(Some(3e6), vec![]);
        assert_eq!(c.funding_as_of(d("2025-03-30")), None);
        let f = c.funding_as_of(d("2025-03-31")).unwrap();
        assert_eq!(f.pledged, Some(3e6));
        assert_eq!(f.allocated, None);
    }

    #[test]
    fn each_stage_is_its_latest_amount_up_to_the_date_not_a_sum() {
        let c = commitment(
            Some(3e6),
            vec![
                event("2025-09-01", Stage::Allocated, 3_230_000.0),
                event("2025-06-01", Stage::Allocated, 1e6),
                event("2026-01-01", Stage::Disbursed, 5e5),
            ],
        );
        let f = c.funding_as_of(d("2025-08-01")).unwrap();
        assert_eq!(f.allocated, Some(1e6));
        let f = c.funding_as_of(d("2026-02-01")).unwrap();
        assert_eq!(f.allocated, Some(3_230_000.0));
        assert_eq!(f.disbursed, Some(5e5));
        assert_eq!(f.spent, None);
        assert_eq!(
            f.display(),
            "Pledged GBP 3,000,000; allocated GBP 3,230,000; disbursed GBP 500,000; nothing spent on record"
        );
    }

    #[test]
    fn a_later_pledge_replaces_the_field() {
        let c = commitment(Some(3e6), vec![event("2025-05-01", Stage::Pledged, 4e6)]);
        assert_eq!(c.funding_as_of(d("2025-04-01")).unwrap().pledged, Some(3e6));
        assert_eq!(c.funding_as_of(d("2025-05-01")).unwrap().pledged, Some(4e6));
    }

    #[test]
    fn stages_parse_in_any_case() {
        assert_eq!(Stage::parse(" Allocated "), Some(Stage::Allocated));
        assert_eq!(Stage::parse("committed"), None);
        assert_eq!(Stage::keys(), "pledged, allocated, disbursed, spent");
        use clap::ValueEnum as _;
        for s in Stage::all() {
            assert_eq!(s.to_possible_value().unwrap().get_name(), s.key());
        }
    }
}
