//! Which entries a digest of "what changed" takes: those dated in a window (when things
//! happened, according to the evidence), and, with `--recorded-since`, those recorded since a
//! day, whenever they happened — so that a September event found in December reaches the
//! next bulletin instead of none.
//!
//! Besides the entries people write (events, evidence, gaps), a window holds two facts that
//! follow from dates: a commitment becoming overdue (the day after its due date, not closed)
//! and becoming stale (the day its newest record grew older than the stale limit). Both need
//! a fresh look, which is what a briefing is for.

use chrono::{DateTime, Days, Utc};

use crate::model::{Commitment, Date, Event, Evidence, Gap};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    /// The first day of the window by date; None when only `recorded_since` selects.
    pub since: Option<Date>,
    /// The last day, of both selections.
    pub until: Date,
    /// Entries recorded on or after this day (and by `until`) are taken too.
    pub recorded_since: Option<Date>,
}

impl Window {
    /// Dated in the window.
    pub fn dated(&self, date: Date) -> bool {
        self.since.is_some_and(|s| s <= date && date <= self.until)
    }

    /// Recorded since `recorded_since`.
    pub fn recorded(&self, day: Date) -> bool {
        self.recorded_since
            .is_some_and(|r| r <= day && day <= self.until)
    }

    /// The first day either selection covers.
    pub fn start(&self) -> Date {
        match (self.since, self.recorded_since) {
            (Some(a), Some(b)) => a.min(b),
            (Some(a), None) | (None, Some(a)) => a,
            (None, None) => self.until,
        }
    }

    pub fn event(&self, e: &Event) -> bool {
        self.dated(e.date) || e.recorded_at.is_some_and(|t| self.recorded(day(t)))
    }

    /// Evidence counts from its published date (else when it was read); it was recorded
    /// when it was read (`accessed`), which `commitments evidence` sets to the day it is run.
    pub fn evidence(&self, e: &Evidence) -> bool {
        e.date().is_some_and(|d| self.dated(d)) || e.accessed.is_some_and(|d| self.recorded(d))
    }

    /// A gap is dated, and recorded, on the day of the search (`checked`).
    pub fn gap(&self, g: &Gap) -> bool {
        g.checked.is_some_and(|d| self.dated(d) || self.recorded(d))
    }

    /// The day in the window `c` became overdue: the day after its due date, if it was not
    /// in a closed status then.
    pub fn newly_overdue(&self, c: &Commitment, closed: impl Fn(&str) -> bool) -> Option<Date> {
        let day = c.due?.checked_add_days(Days::new(1))?;
        let inside = self.start() <= day && day <= self.until;
        (inside && c.is_overdue(day, closed)).then_some(day)
    }

    /// The day in the window `c` became stale: stale on the last day, not on the day before
    /// the first, on the day its newest record (as of the last day) grew `days` old.
    pub fn newly_stale(
        &self,
        c: &Commitment,
        days: u32,
        closed: impl Fn(&str) -> bool + Copy,
    ) -> Option<Date> {
        let before = self.start().pred_opt()?;
        if !c.is_stale(self.until, days, closed) || c.is_stale(before, days, closed) {
            return None;
        }
        let day = c
            .last_checked(self.until)
            .checked_add_days(Days::new(u64::from(days)))?;
        Some(day.clamp(self.start(), self.until))
    }
}

fn day(t: DateTime<Utc>) -> Date {
    t.date_naive()
}
