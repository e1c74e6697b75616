//! Calendar dates as the users write them: `YYYY-MM-DD`, nothing else; and the rule that a
//! ledger records what has happened, so the dates of things done are never after today.

use chrono::{Datelike, NaiveDate};

pub type Date = NaiveDate;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    #[error("`{0}` is not a date in the form YYYY-MM-DD (for example 2025-03-31)")]
    Format(String),
    #[error("`{text}` is not a real date: {reason}")]
    Impossible { text: String, reason: String },
}

/// Parses `YYYY-MM-DD` strictly. Other spellings (`31/03/2025`, `2025-3-31`) are refused
/// rather than guessed, because a guessed date in an accountability record is worse than none.
pub fn parse_date(text: &str) -> Result<Date, DateError> {
    let t = text.trim();
    let b = t.as_bytes();
    let shape_ok = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    if !shape_ok {
        return Err(DateError::Format(text.to_string()));
    }
    let year: i32 = t[0..4]
        .parse()
        .map_err(|_| DateError::Format(text.into()))?;
    let month: u32 = t[5..7]
        .parse()
        .map_err(|_| DateError::Format(text.into()))?;
    let day: u32 = t[8..10]
        .parse()
        .map_err(|_| DateError::Format(text.into()))?;
    if !(1..=12).contains(&month) {
        return Err(DateError::Impossible {
            text: t.into(),
            reason: format!("there is no month {month}"),
        });
    }
    NaiveDate::from_ymd_opt(year, month, day).ok_or_else(|| {
        let days = days_in_month(year, month);
        let name = NaiveDate::from_ymd_opt(year, month, 1)
            .map(|d| d.format("%B %Y").to_string())
            .unwrap_or_default();
        DateError::Impossible {
            text: t.into(),
            reason: format!("{name} has {days} days"),
        }
    })
}

/// A date of something done (a commitment made, a source published or read, a search, a status
/// or funding event, a retirement) that lies after today. A ledger records what has happened;
/// only a deadline (`due`) may be in the future. Every input path (the command line, CSV
/// import, `check` of a hand-edited file) asks [`has_happened`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("{date} is in the future (today is {today})")]
pub struct InFuture {
    pub date: Date,
    pub today: Date,
}

/// `date`, if it is today or earlier.
pub fn has_happened(date: Date, today: Date) -> Result<Date, InFuture> {
    if date > today {
        Err(InFuture { date, today })
    } else {
        Ok(date)
    }
}

impl super::Commitment {
    /// Every date of the commitment that says something was done, and so must have happened:
    /// all but the deadline `due`.
    pub fn dates_done(&self) -> impl Iterator<Item = Date> + '_ {
        let source = self.source.as_ref().and_then(|s| s.date);
        let evidence = self
            .evidence
            .iter()
            .flat_map(|e| [e.published, e.accessed])
            .flatten();
        [Some(self.made), source]
            .into_iter()
            .flatten()
            .chain(evidence)
            .chain(self.history.iter().map(|e| e.date))
            .chain(self.gaps.iter().filter_map(|g| g.checked))
            .chain(self.funding_history.iter().map(|e| e.date))
    }
}

fn days_in_month(year: i32, month: u32) -> u32 {
    let next = if month == 12 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(year, month + 1, 1)
    };
    next.and_then(|d| d.pred_opt()).map_or(31, |d| d.day())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_iso_dates() {
        assert_eq!(
            parse_date("2025-03-31").unwrap(),
            NaiveDate::from_ymd_opt(2025, 3, 31).unwrap()
        );
        assert!(parse_date("2024-02-29").is_ok());
    }

    #[test]
    fn explains_impossible_dates() {
        let e = parse_date("2025-02-30").unwrap_err().to_string();
        assert!(e.contains("February 2025 has 28 days"), "{e}");
        let e = parse_date("2025-13-01").unwrap_err().to_string();
        assert!(e.contains("no month 13"), "{e}");
    }

    #[test]
    fn today_has_happened_tomorrow_has_not() {
        let today = parse_date("2026-12-01").unwrap();
        assert_eq!(has_happened(today, today), Ok(today));
        let tomorrow = today.succ_opt().unwrap();
        let e = has_happened(tomorrow, today).unwrap_err();
        assert_eq!(
            e.to_string(),
            "2026-12-02 is in the future (today is 2026-12-01)"
        );
    }

    #[test]
    fn refuses_other_spellings() {
        for bad in [
            "31/03/2025",
            "2025-3-31",
            "2025-03-31T00:00",
            "",
            "yesterday",
        ] {
            assert!(
                matches!(parse_date(bad), Err(DateError::Format(_))),
                "{bad}"
            );
        }
    }
}
