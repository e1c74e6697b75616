//! Dates after today, found by `check`.
//!
//! A ledger records what has happened, so a status event, an evidence entry, a source, a gap's
//! search or the day a commitment was made cannot lie in the future; the commands refuse such
//! dates. A hand edit can still type `2052` for `2025`, and reports as of today would then
//! quietly leave that event out. Loading does not refuse them — whether a date is in the
//! future depends on the day, and reports should still open — but `check`, which people run
//! after a hand edit and in CI, names each one with its line and column. Deadlines (`due`)
//! are meant to be in the future and are not looked at.

use super::file::Field;
use super::validate::position;
use super::{general_file, parse_general};
use crate::error::Result;
use crate::model::{Date, Ledger, has_happened, parse_date};
use crate::problem::Problem;
use std::path::Path;

/// The problems for dates after `today` in `text`, whose ledger is `ledger`. Free when there
/// are none: the ledger is scanned first, and the file is read again with positions only when
/// something is to be reported.
pub fn future_dates(path: &Path, text: &str, ledger: &Ledger, today: Date) -> Result<Vec<Problem>> {
    if !ledger
        .commitments
        .iter()
        .any(|c| c.dates_done().any(|d| has_happened(d, today).is_err()))
    {
        return Ok(Vec::new());
    }
    let Some(file) = general_file(text) else {
        // The fast reader accepted what serde-saphyr cannot read: say so the usual way.
        parse_general(path, text)?;
        return Ok(Vec::new());
    };
    let mut problems = Vec::new();
    for record in file.commitments.iter().flatten() {
        let c = &record.value;
        let mut look = |f: &Option<Field>, what: &str| {
            if let Some(f) = f
                && let Ok(d) = parse_date(&f.value.0)
                && has_happened(d, today).is_err()
            {
                problems.push(
                    Problem::new(position(f), format!("{what} {d} is after today ({today})")).help(
                        "a ledger records what has already happened, and reports as of today \
                         leave this out; check the year. A deadline belongs in `due`",
                    ),
                );
            }
        };
        look(&c.made, "`made`");
        if let Some(s) = &c.source {
            look(&s.value.date, "the source's `date`");
        }
        for e in c.evidence.iter().flatten() {
            look(&e.value.published, "the evidence's `published` date");
            look(&e.value.accessed, "the evidence's `accessed` date");
        }
        for e in c.history.iter().flatten() {
            look(&e.value.date, "the status event's `date`");
        }
        for g in c.gaps.iter().flatten() {
            look(&g.value.checked, "the gap's `checked` date");
        }
        for e in c.funding_history.iter().flatten() {
            look(&e.value.date, "the funding event's `date`");
        }
    }
    problems.sort_by(|a, b| a.at.cmp(&b.at));
    Ok(problems)
}
