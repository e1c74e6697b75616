//! A commitment: who promised what, when, on what source, and what has happened since.
//!
//! Longer than 400 lines because of its tests: the code is about 275 lines; the rest holds
//! `status_as_of` and the timeline to their definitions (sorting, same-day events,
//! retractions) beside the code they check.

use uuid::Uuid;

use super::{Correction, Date, Event, Evidence, FundingEvent, Retirement, Retraction};

#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Funding {
    pub amount: f64,
    /// ISO 4217 code, e.g. GBP.
    pub currency: String,
}

impl Funding {
    /// `GBP 3,000,000`: the way the users write money in briefings.
    pub fn display(&self) -> String {
        let whole = self.amount.trunc() as u64;
        let digits = whole.to_string();
        let mut grouped = String::new();
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                grouped.push(',');
            }
            grouped.push(c);
        }
        let frac = self.amount - self.amount.trunc();
        if frac.abs() > f64::EPSILON {
            let cents = format!("{frac:.2}");
            grouped.push_str(cents.trim_start_matches('0'));
        }
        format!("{} {}", self.currency, grouped)
    }
}

/// The document a commitment comes from.
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize)]
pub struct Source {
    pub title: String,
    pub publisher: Option<String>,
    pub date: Option<Date>,
    pub url: Option<String>,
    /// Where in the document: "para 6", "p. 12".
    pub locator: Option<String>,
    pub quote: Option<String>,
}

/// Something searched for and not found. Recorded so that silence is not mistaken for progress.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Gap {
    pub note: String,
    pub checked: Option<Date>,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Commitment {
    pub id: String,
    pub uuid: Option<Uuid>,
    pub title: String,
    pub owner: String,
    /// The id of the commitment this one serves (a national action under a communiqué
    /// pledge), if any.
    pub parent: Option<String>,
    /// How much this child counts in its parent's roll-up (default 1).
    pub weight: Option<f64>,
    pub partners: Vec<String>,
    pub made: Date,
    pub due: Option<Date>,
    pub tags: Vec<String>,
    /// Money committed, as first announced: read as the amount pledged on `made`.
    pub funding: Option<Funding>,
    /// Dated amounts by stage (pledged, allocated, disbursed, spent), like status events.
    pub funding_history: Vec<FundingEvent>,
    pub source: Option<Source>,
    pub evidence: Vec<Evidence>,
    pub history: Vec<Event>,
    pub gaps: Vec<Gap>,
    /// What the commitment is about, in the team's words (`description:`).
    pub description: Option<String>,
    /// The team's own notes on it (`notes:`).
    pub notes: Option<String>,
    /// The team's own fields (`extra:`), in the file's order, each kept as written.
    #[serde(serialize_with = "in_order")]
    pub extra: Vec<(String, String)>,
    /// Fields changed after they were written, each with its old value (`corrections:`).
    pub corrections: Vec<Correction>,
    /// No longer tracked, since when and why (`retired:`).
    pub retired: Option<Retirement>,
    /// Status events and evidence entries withdrawn as mistaken (`retractions:`).
    pub retractions: Vec<Retraction>,
}

/// `extra` as a JSON object whose keys keep the file's order.
fn in_order<S: serde::Serializer>(fields: &[(String, String)], s: S) -> Result<S::Ok, S::Error> {
    use serde::ser::SerializeMap;
    let mut map = s.serialize_map(Some(fields.len()))?;
    for (k, v) in fields {
        map.serialize_entry(k, v)?;
    }
    map.end()
}

/// Where a commitment stood on a given day.
#[derive(Debug, Clone, PartialEq)]
pub struct StatusAsOf<'a> {
    pub status: &'a str,
    /// The day it entered this status (the first of a run of events with the same status).
    pub since: Date,
    /// The event that decided it.
    pub event: &'a Event,
}

/// One line of a commitment's story, for `show`.
#[derive(Debug, Clone, Copy)]
pub enum TimelineItem<'a> {
    Event(&'a Event),
    Evidence(&'a Evidence),
    Funding(&'a FundingEvent),
    /// Dated by the day the correction was made.
    Correction(&'a Correction),
    /// The day it stopped being tracked.
    Retired(&'a Retirement),
    /// Dated by the day it was withdrawn.
    Retraction(&'a Retraction),
}

impl TimelineItem<'_> {
    pub fn date(&self) -> Option<Date> {
        match self {
            TimelineItem::Event(e) => Some(e.date),
            TimelineItem::Evidence(e) => e.date(),
            TimelineItem::Funding(e) => Some(e.date),
            TimelineItem::Correction(k) => Some(k.date),
            TimelineItem::Retired(r) => Some(r.date),
            TimelineItem::Retraction(r) => Some(r.date),
        }
    }
}

impl Commitment {
    /// Events in date order. Events on the same day keep their order in the file, so the
    /// later entry wins: the file is the one place the status lives.
    /// A retracted event is left out: it was recorded by mistake.
    pub fn events_in_order(&self) -> Vec<&Event> {
        let mut events: Vec<&Event> = self
            .history
            .iter()
            .filter(|e| !self.is_retracted_event(e))
            .collect();
        events.sort_by_key(|e| e.date);
        events
    }

    /// The status on `date`: the latest event on or before it. None before the first event.
    ///
    /// The same as walking `events_in_order` up to `date` (the last event wins, and `since`
    /// is the first of the run of events with its status before it), but without sorting a
    /// copy of the history: this runs several times for every commitment in every report
    /// and every period, so it orders events by (date, place in the file) as it goes.
    pub fn status_as_of(&self, date: Date) -> Option<StatusAsOf<'_>> {
        let counted = || {
            self.history
                .iter()
                .enumerate()
                .filter(move |(_, e)| e.date <= date && !self.is_retracted_event(e))
                .map(|(i, e)| ((e.date, i), e))
        };
        let (key, last) = counted().max_by_key(|(k, _)| *k)?;
        // The run ends, going back, at the latest earlier event with another status.
        let other = counted()
            .filter(|(k, e)| *k < key && e.status != last.status)
            .map(|(k, _)| k)
            .max();
        let since = counted()
            .filter(|(k, _)| *k <= key && other.is_none_or(|o| *k > o))
            .map(|((d, _), _)| d)
            .min()
            .unwrap_or(last.date);
        Some(StatusAsOf {
            status: &last.status,
            since,
            event: last,
        })
    }

    /// The newest evidence date on or before `date`.
    pub fn latest_evidence(&self, date: Date) -> Option<Date> {
        self.evidence
            .iter()
            .filter(|e| !self.is_retracted_evidence(e))
            .filter_map(Evidence::date)
            .filter(|d| *d <= date)
            .max()
    }

    pub fn evidence_by_id(&self, id: &str) -> Option<&Evidence> {
        self.evidence.iter().find(|e| e.id == id)
    }

    /// Events and evidence together, oldest first; undated evidence last.
    pub fn timeline(&self) -> Vec<TimelineItem<'_>> {
        let mut items: Vec<TimelineItem> = self
            .history
            .iter()
            .map(TimelineItem::Event)
            .chain(self.evidence.iter().map(TimelineItem::Evidence))
            .chain(self.funding_history.iter().map(TimelineItem::Funding))
            .chain(self.corrections.iter().map(TimelineItem::Correction))
            .chain(self.retired.iter().map(TimelineItem::Retired))
            .chain(self.retractions.iter().map(TimelineItem::Retraction))
            .collect();
        // Evidence before the event that cites it on the same day reads naturally.
        items.sort_by_key(|i| {
            (
                i.date().is_none(),
                i.date(),
                !matches!(i, TimelineItem::Evidence(_)),
            )
        });
        items
    }

    /// Whether `due` has passed on `date` without the commitment reaching a closed status.
    pub fn is_overdue(&self, date: Date, closed: impl Fn(&str) -> bool) -> bool {
        self.is_overdue_in(self.status_as_of(date).map(|s| s.status), date, closed)
    }

    /// `is_overdue` with the status on `date` already found (`status_as_of`): the tables
    /// find it once for a row's status, overdue and stale flags, not three times.
    pub fn is_overdue_in(
        &self,
        status: Option<&str>,
        date: Date,
        closed: impl Fn(&str) -> bool,
    ) -> bool {
        match (self.due, status) {
            (Some(due), Some(s)) => due < date && !closed(s),
            _ => false,
        }
    }

    /// The gaps recorded by `date`: those checked on or before it, and those with no date
    /// (which cannot be placed in time, so every report shows them).
    pub fn gaps_as_of(&self, date: Date) -> impl Iterator<Item = &Gap> {
        self.gaps
            .iter()
            .filter(move |g| g.checked.is_none_or(|d| d <= date))
    }

    /// The last day anyone looked, as far as the record shows on `date`: the newest of its
    /// evidence, its source document (or the day it was made) and its gaps' checks. A new
    /// gap counts because methodology §6 ends a fresh search in evidence or a gap.
    pub fn last_checked(&self, date: Date) -> Date {
        let source = self
            .source
            .as_ref()
            .and_then(|s| s.date)
            .filter(|d| *d <= date);
        let gap = self
            .gaps
            .iter()
            .filter_map(|g| g.checked)
            .filter(|d| *d <= date)
            .max();
        [self.latest_evidence(date), source, gap]
            .into_iter()
            .flatten()
            .fold(self.made, Date::max)
    }

    /// Stale on `date`: it needs a fresh look, because nothing in the record is newer than
    /// `days` days (methodology §6). A commitment in a closed status (delivered, abandoned)
    /// needs no fresh look, so it is never stale: counting it would inflate every stale count
    /// with promises that are settled.
    pub fn is_stale(&self, date: Date, days: u32, closed: impl Fn(&str) -> bool) -> bool {
        self.is_stale_in(
            self.status_as_of(date).map(|s| s.status),
            date,
            days,
            closed,
        )
    }

    /// `is_stale` with the status on `date` already found, as `is_overdue_in`.
    pub fn is_stale_in(
        &self,
        status: Option<&str>,
        date: Date,
        days: u32,
        closed: impl Fn(&str) -> bool,
    ) -> bool {
        match status {
            Some(s) if closed(s) => false,
            _ => (date - self.last_checked(date)).num_days() >= i64::from(days),
        }
    }

    pub fn uuid_string(&self) -> Option<String> {
        self.uuid.map(|u| u.hyphenated().to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::parse_date;

    fn d(s: &str) -> Date {
        parse_date(s).unwrap()
    }

    fn event(date: &str, status: &str) -> Event {
        Event {
            date: d(date),
            status: status.into(),
            note: None,
            evidence: vec![],
            unsourced: true,
            recorded_by: None,
            recorded_at: None,
        }
    }

    fn commitment(history: Vec<Event>) -> Commitment {
        Commitment {
            id: "x".into(),
            uuid: None,
            title: "t".into(),
            owner: "o".into(),
            partners: vec![],
            made: d("2025-03-31"),
            due: Some(d("2025-12-31")),
            tags: vec![],
            funding: None,
            funding_history: vec![],
            parent: None,
            weight: None,
            source: None,
            evidence: vec![],
            history,
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
    fn status_is_latest_event_by_date_not_file_order() {
        let c = commitment(vec![
            event("2025-03-31", "announced"),
            event("2025-12-19", "delivered"),
            event("2025-07-17", "in-progress"),
        ]);
        assert_eq!(c.status_as_of(d("2026-01-01")).unwrap().status, "delivered");
        assert_eq!(
            c.status_as_of(d("2025-08-01")).unwrap().status,
            "in-progress"
        );
        assert!(c.status_as_of(d("2025-03-30")).is_none());
    }

    /// The definition `status_as_of` follows, written the plain way: sort, walk, look back.
    fn status_by_sorting(c: &Commitment, date: Date) -> Option<(String, Date, Date)> {
        let events: Vec<&Event> = c
            .events_in_order()
            .into_iter()
            .take_while(|e| e.date <= date)
            .collect();
        let last = *events.last()?;
        let since = events
            .iter()
            .rev()
            .take_while(|e| e.status == last.status)
            .last()
            .map_or(last.date, |e| e.date);
        Some((last.status.clone(), since, last.date))
    }

    #[test]
    fn status_as_of_agrees_with_sorting_the_history() {
        let days = [
            "2025-03-31",
            "2025-05-01",
            "2025-05-01",
            "2025-07-17",
            "2025-09-01",
        ];
        let statuses = ["announced", "in-progress", "delivered"];
        // Every history of four events drawn from those days and statuses, in file order.
        for n in 0..(5usize * 3).pow(4) {
            let mut k = n;
            let history = (0..4)
                .map(|_| {
                    let pick = k % 15;
                    k /= 15;
                    event(days[pick % 5], statuses[pick / 5])
                })
                .collect();
            let mut c = commitment(history);
            if n % 7 == 0 {
                c.retractions.push(crate::model::Retraction {
                    date: d("2025-10-01"),
                    event: Some(d("2025-05-01")),
                    status: None,
                    evidence: None,
                    reason: "mistaken".into(),
                    recorded_by: None,
                    recorded_at: None,
                });
            }
            for day in [
                "2025-03-30",
                "2025-04-15",
                "2025-05-01",
                "2025-08-01",
                "2026-01-01",
            ] {
                let fast = c
                    .status_as_of(d(day))
                    .map(|s| (s.status.to_string(), s.since, s.event.date));
                assert_eq!(fast, status_by_sorting(&c, d(day)), "{n} on {day}");
            }
        }
    }

    #[test]
    fn since_is_start_of_the_run() {
        let c = commitment(vec![
            event("2025-03-31", "announced"),
            event("2025-05-01", "in-progress"),
            event("2025-09-01", "in-progress"),
        ]);
        let s = c.status_as_of(d("2025-10-01")).unwrap();
        assert_eq!(s.since, d("2025-05-01"));
        assert_eq!(s.event.date, d("2025-09-01"));
    }

    #[test]
    fn same_day_later_entry_wins() {
        let c = commitment(vec![
            event("2025-03-31", "announced"),
            event("2025-03-31", "in-progress"),
        ]);
        assert_eq!(
            c.status_as_of(d("2025-03-31")).unwrap().status,
            "in-progress"
        );
    }

    #[test]
    fn overdue_only_when_open_and_past_due() {
        let c = commitment(vec![event("2025-03-31", "announced")]);
        let closed = |s: &str| s == "delivered";
        assert!(!c.is_overdue(d("2025-12-31"), closed));
        assert!(c.is_overdue(d("2026-01-01"), closed));
        let c = commitment(vec![event("2025-03-31", "delivered")]);
        assert!(!c.is_overdue(d("2026-01-01"), closed));
    }

    #[test]
    fn stale_counts_evidence_source_and_gaps_known_on_the_date() {
        let open = |_: &str| false;
        let mut c = commitment(vec![event("2025-03-31", "announced")]);
        assert!(
            !c.is_stale(d("2025-09-26"), 180, open),
            "179 days after it was made"
        );
        assert!(
            c.is_stale(d("2025-09-27"), 180, open),
            "180 days after it was made"
        );
        c.gaps.push(Gap {
            note: "searched".into(),
            checked: Some(d("2025-09-01")),
        });
        assert!(!c.is_stale(d("2025-09-27"), 180, open));
        assert!(
            c.is_stale(d("2025-08-31"), 30, open),
            "a later check is not yet known"
        );
        c.evidence.push(Evidence {
            id: "e".into(),
            title: "t".into(),
            publisher: None,
            url: "https://example.org".into(),
            published: Some(d("2026-01-10")),
            accessed: None,
            kind: None,
            quote: None,
        });
        assert_eq!(c.last_checked(d("2026-02-01")), d("2026-01-10"));
        assert_eq!(c.last_checked(d("2026-01-09")), d("2025-09-01"));
    }

    #[test]
    fn a_closed_commitment_is_never_stale() {
        let closed = |s: &str| s == "delivered";
        let c = commitment(vec![
            event("2025-03-31", "announced"),
            event("2025-04-30", "delivered"),
        ]);
        assert!(
            c.is_stale(d("2025-04-29"), 10, closed),
            "open, with nothing newer than 10 days"
        );
        assert!(!c.is_stale(d("2026-12-31"), 10, closed), "delivered");
    }

    #[test]
    fn funding_reads_like_a_briefing() {
        let f = Funding {
            amount: 3_000_000.0,
            currency: "GBP".into(),
        };
        assert_eq!(f.display(), "GBP 3,000,000");
        let f = Funding {
            amount: 3_230_000.5,
            currency: "GBP".into(),
        };
        assert_eq!(f.display(), "GBP 3,230,000.50");
    }
}
