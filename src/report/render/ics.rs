//! iCalendar (RFC 5545) through the `icalendar` crate: each commitment's due date as an
//! all-day event, so that a calendar shows what falls due and when.
//!
//! The crate stamps each event with the time of the run and a random UID unless told
//! otherwise; both are set here (the report's date, and an id from the commitment), so the
//! same ledger gives the same file.

use chrono::NaiveTime;
use icalendar::{Calendar, Component, Event, EventLike};

use super::clean;
use crate::model::{Date, Ledger};
use crate::report::StatusRow;
use crate::report::anchors::urn;
use crate::tr;

/// The calendar of `rows`' due dates, as of `as_of`.
pub fn render(ledger: &Ledger, rows: &[StatusRow], as_of: Date) -> String {
    let lang = ledger.language;
    // Uids are made from the English name, so that an event keeps its uid in every language.
    let name = ledger.title.clone().unwrap_or_else(|| "Commitments".into());
    let stamp = as_of.and_time(NaiveTime::MIN).and_utc();
    let mut cal = Calendar::empty();
    cal.append_property(("VERSION", "2.0"));
    cal.append_property(("PRODID", "-//commitments//due dates//EN"));
    cal.append_property(("CALSCALE", "GREGORIAN"));
    cal.name(&clean(&super::ledger_title(ledger)));
    for r in rows {
        let Some(due) = r.due else { continue };
        let mut flags = r.flags();
        flags.retain(|f| *f == "overdue");
        let overdue = if flags.is_empty() {
            String::new()
        } else {
            format!(" ({})", tr!(lang, "flag-overdue"))
        };
        let description = format!(
            "{} — {}\n{}\n{}{overdue}",
            r.id,
            r.title,
            tr!(lang, "record-owner", owner = &r.owner),
            tr!(lang, "status-on-is", date = as_of, status = &r.status_label),
        );
        let event = Event::new()
            .uid(&urn(&format!("{name}\n{}\ndue", r.id)).replace("urn:uuid:", ""))
            .timestamp(stamp)
            .all_day(due)
            .summary(&clean(&tr!(
                lang,
                "due-event",
                what = format!("{} — {}", r.id, r.title)
            )))
            .description(&clean(&description))
            .done();
        cal.push(event);
    }
    cal.done().to_string()
}
