//! Periods: months, quarters and years, and where each commitment stood at the end of each.

use chrono::{Datelike, Months};
use serde::Serialize;

use crate::model::{Commitment, Date, Ledger};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Period {
    Monthly,
    Quarterly,
    Yearly,
}

impl Period {
    fn months(self) -> u32 {
        match self {
            Period::Monthly => 1,
            Period::Quarterly => 3,
            Period::Yearly => 12,
        }
    }

    /// The first day of the period that holds `date`.
    pub fn start_of(self, date: Date) -> Date {
        let month0 = date.month0() / self.months() * self.months();
        Date::from_ymd_opt(date.year(), month0 + 1, 1).unwrap_or(date)
    }

    /// `2025-03`, `2025-Q1`, `2025`: the labels hledger and the G7 reports use.
    pub fn label(self, start: Date) -> String {
        match self {
            Period::Monthly => start.format("%Y-%m").to_string(),
            Period::Quarterly => format!("{}-Q{}", start.year(), start.month0() / 3 + 1),
            Period::Yearly => start.year().to_string(),
        }
    }
}

/// A stretch of time as people name it: a day (`2026-07-15`), a month (`2026-07`), a quarter
/// (`2026-Q3`, or hledger's `2026Q3`) or a year (`2026`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Named {
    pub start: Date,
    pub end: Date,
    /// Month, quarter or year; None for a single day.
    pub period: Option<Period>,
}

impl Named {
    /// The day a report "as of" or "to" this means: a day is itself, a period its last day —
    /// or today, for a period under way, since nobody can say where things will stand at
    /// the end of a quarter that is not over (`--as-of 2026-Q4` on 2026-11-22 is 2026-11-22).
    pub fn last_day(&self, today: Date) -> Date {
        if self.period.is_some() && self.start <= today {
            self.end.min(today)
        } else {
            self.end
        }
    }

    /// `2026-Q3`, `2026-07`, `2026`, or the day itself.
    pub fn label(&self) -> String {
        match self.period {
            Some(p) => p.label(self.start),
            None => self.start.to_string(),
        }
    }
}

impl std::str::FromStr for Named {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, String> {
        let t = text.trim();
        let bad = || {
            format!(
                "`{text}` is not a date (YYYY-MM-DD) or a period: a month (2026-07), a quarter (2026-Q3) or a year (2026)"
            )
        };
        let year = |y: &str| -> Result<i32, String> {
            if y.len() == 4 && y.bytes().all(|b| b.is_ascii_digit()) {
                y.parse().map_err(|_| bad())
            } else {
                Err(bad())
            }
        };
        let named = |period: Period, start: Option<Date>| {
            let start = start.ok_or_else(bad)?;
            let end = start
                .checked_add_months(Months::new(period.months()))
                .and_then(|next| next.pred_opt())
                .ok_or_else(bad)?;
            Ok(Named {
                start,
                end,
                period: Some(period),
            })
        };
        if t.len() == 10 {
            let day = crate::model::parse_date(t).map_err(|e| e.to_string())?;
            return Ok(Named {
                start: day,
                end: day,
                period: None,
            });
        }
        if t.len() == 4 {
            return named(Period::Yearly, Date::from_ymd_opt(year(t)?, 1, 1));
        }
        let (y, rest) = match t.split_once('-') {
            Some((y, rest)) => (y, rest),
            None if t.len() == 6 => t.split_at(4),
            None => return Err(bad()),
        };
        let y = year(y)?;
        if let Some(q) = rest.strip_prefix(['Q', 'q']) {
            return match q {
                "1" | "2" | "3" | "4" => {
                    let month = (q.as_bytes()[0] - b'1') as u32 * 3 + 1;
                    named(Period::Quarterly, Date::from_ymd_opt(y, month, 1))
                }
                _ => Err(format!(
                    "`{text}` names no quarter: a year has quarters Q1 to Q4"
                )),
            };
        }
        if rest.len() == 2 && rest.bytes().all(|b| b.is_ascii_digit()) && t.contains('-') {
            let month: u32 = rest.parse().map_err(|_| bad())?;
            if !(1..=12).contains(&month) {
                return Err(format!(
                    "`{text}` names no month: there is no month {month}"
                ));
            }
            return named(Period::Monthly, Date::from_ymd_opt(y, month, 1));
        }
        Err(bad())
    }
}

/// One period of a report. `end` is the last day of the period, or the report's end date
/// when that comes first: nobody can say where things will stand at the end of a quarter
/// that is not over.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Span {
    pub label: String,
    pub start: Date,
    pub end: Date,
    /// The period is not over on the report's end date; `end` is that date.
    pub partial: bool,
}

/// The periods from the one holding `from` to the one holding `to`.
pub fn spans(period: Period, from: Date, to: Date) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = period.start_of(from);
    while start <= to {
        let Some(next) = start.checked_add_months(Months::new(period.months())) else {
            break;
        };
        let last = next.pred_opt().unwrap_or(next);
        out.push(Span {
            label: period.label(start),
            start,
            end: last.min(to),
            partial: last > to,
        });
        start = next;
    }
    out
}

/// The default start of a report over time: the day the earliest commitment was made.
pub fn earliest(ledger: &Ledger) -> Option<Date> {
    ledger.commitments.iter().map(|c| c.made).min()
}

/// What happened to one commitment within one period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Movement {
    /// Its first event falls in the period: it was made then.
    pub new: bool,
    /// An event in the period moved it to a different status than the one it was in.
    pub changed: bool,
}

/// Walks the events in the order that decides status (date, then file order), so that a
/// move and a move back within one period still counts as a change.
pub fn movement(c: &Commitment, span: &Span) -> Movement {
    let mut m = Movement::default();
    let mut before: Option<&str> = None;
    for e in c.events_in_order() {
        if e.date > span.end {
            break;
        }
        if e.date >= span.start {
            match before {
                None => m.new = true,
                Some(b) if b != e.status => m.changed = true,
                Some(_) => {}
            }
        }
        before = Some(&e.status);
    }
    m
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::parse_date;

    fn d(s: &str) -> Date {
        parse_date(s).unwrap()
    }

    #[test]
    fn quarters_from_the_one_holding_from_to_the_one_holding_to() {
        let s = spans(Period::Quarterly, d("2025-03-31"), d("2025-11-22"));
        let labels: Vec<&str> = s.iter().map(|s| s.label.as_str()).collect();
        assert_eq!(labels, ["2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4"]);
        assert_eq!(s[0].start, d("2025-01-01"));
        assert_eq!(s[0].end, d("2025-03-31"));
        assert!(!s[0].partial);
        assert_eq!(s[3].end, d("2025-11-22"));
        assert!(s[3].partial);
    }

    #[test]
    fn periods_by_name() {
        let n = |t: &str| t.parse::<Named>().unwrap();
        assert_eq!(
            (n("2026-Q3").start, n("2026-Q3").end),
            (d("2026-07-01"), d("2026-09-30"))
        );
        assert_eq!(n("2026q4").end, d("2026-12-31"));
        assert_eq!(
            (n("2024-02").start, n("2024-02").end),
            (d("2024-02-01"), d("2024-02-29"))
        );
        assert_eq!(
            (n("2026").start, n("2026").end),
            (d("2026-01-01"), d("2026-12-31"))
        );
        assert_eq!(n("2026-07-15").end, d("2026-07-15"));
        assert_eq!(n("2026-07-15").period, None);
        assert_eq!(n("2026-Q3").label(), "2026-Q3");
        for bad in [
            "2026-Q5",
            "2026-13",
            "yesterday",
            "26",
            "2026-7",
            "2026-02-30",
            "",
        ] {
            assert!(bad.parse::<Named>().is_err(), "{bad}");
        }
        assert!("2026-Q5".parse::<Named>().unwrap_err().contains("Q1 to Q4"));
        assert!(
            "2026-02-30"
                .parse::<Named>()
                .unwrap_err()
                .contains("February 2026 has 28 days")
        );
    }

    #[test]
    fn months_and_years() {
        let m = spans(Period::Monthly, d("2024-12-15"), d("2025-02-28"));
        let labels: Vec<&str> = m.iter().map(|s| s.label.as_str()).collect();
        assert_eq!(labels, ["2024-12", "2025-01", "2025-02"]);
        assert_eq!(m[2].end, d("2025-02-28"));
        assert!(!m[2].partial, "the period ends on the report's last day");
        let y = spans(Period::Yearly, d("2025-03-31"), d("2026-01-01"));
        assert_eq!(
            y.iter().map(|s| s.label.as_str()).collect::<Vec<_>>(),
            ["2025", "2026"]
        );
        assert_eq!(y[0].end, d("2025-12-31"));
        assert!(spans(Period::Yearly, d("2026-01-01"), d("2025-01-01")).is_empty());
    }
}
