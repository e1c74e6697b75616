//! Reading the values of a spreadsheet cell: dates as people and spreadsheets write them, and
//! the many ways of saying "unknown".
//!
//! Nothing here guesses. A date that could be read two ways (`04/05/2025`) is refused unless
//! `--date-order` says which, a year or a month alone is refused rather than turned into a day,
//! and a two-digit year is refused rather than given a century.

use chrono::NaiveDate;

use crate::model::{Date, parse_date};

/// Cells that mean "no value", whatever the column: compared without case or surrounding space.
pub const UNKNOWN_MARKERS: &[&str] = &[
    "",
    "not available",
    "n/a",
    "na",
    "n.a.",
    "unknown",
    "none",
    "null",
    "nil",
    "-",
    "--",
    "—",
    "–",
    "?",
    "tbc",
    "tbd",
];

/// How to read all-number dates with slashes or dots, when both readings are possible.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum DateOrder {
    /// 04/05/2025 is 4 May 2025 (the UK and most of the world).
    Dmy,
    /// 04/05/2025 is April 5, 2025 (the United States).
    Mdy,
}

/// The words that say a cell is unknown: the built-in markers and the user's own.
#[derive(Debug, Clone, Default)]
pub struct Unknowns {
    extra: Vec<String>,
}

impl Unknowns {
    pub fn new(extra: &[String]) -> Self {
        Unknowns {
            extra: extra.iter().map(|e| normal(e)).collect(),
        }
    }

    pub fn is_unknown(&self, cell: &str) -> bool {
        let n = normal(cell);
        UNKNOWN_MARKERS.contains(&n.as_str()) || self.extra.contains(&n)
    }
}

// Lives in the model, where the status vocabulary uses it for the command line too.
pub use crate::model::normal;

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

const WEEKDAYS: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

fn month_number(word: &str) -> Option<u32> {
    let w = word.trim_end_matches('.').to_lowercase();
    if w.len() < 3 {
        return None;
    }
    // "Sept" is common in British writing; otherwise a full name or its first three letters.
    if w == "sept" {
        return Some(9);
    }
    MONTHS
        .iter()
        .position(|m| *m == w || (w.len() == 3 && m.starts_with(&w)))
        .map(|i| i as u32 + 1)
}

fn is_weekday(word: &str) -> bool {
    let w = word.trim_end_matches('.').to_lowercase();
    w.len() >= 3 && WEEKDAYS.iter().any(|d| *d == w || d.starts_with(&w))
}

/// Reads a date written in one of the common ways:
///
/// - `2025-03-31`, `2025-3-31`, `2025/03/31`, `2025.03.31`, and timestamps that start with a
///   date (`2025-03-31T10:00:00Z`, `2025-03-31 10:00`): the day as written;
/// - `31/03/2025`, `31.03.2025`, `31-03-2025`, and `03/31/2025` when only one reading is a real
///   date or `order` says which;
/// - `31 March 2025`, `31 Mar 2025`, `31-Mar-2025`, `March 31, 2025`, `Mon 31 March 2025`,
///   `31st March 2025`.
///
/// The error says why, in words a person can act on.
pub fn read_date(text: &str, order: Option<DateOrder>) -> Result<Date, String> {
    let t = text.trim();
    if let Ok(d) = parse_date(t) {
        return Ok(d);
    }
    // A timestamp: its day, as written (no time-zone arithmetic).
    let day_part = t
        .split(['T', ' '])
        .next()
        .filter(|p| p.len() < t.len() && p.starts_with(|c: char| c.is_ascii_digit()));
    if let Some(p) = day_part
        && p.len() == 10
        && let Ok(d) = parse_date(p)
    {
        return Ok(d);
    }
    if t.chars().any(|c| c.is_ascii_alphabetic()) {
        return read_worded(t);
    }
    let parts: Vec<&str> = t.split(['-', '/', '.']).collect();
    if parts
        .iter()
        .any(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()))
    {
        return Err(not_a_date(t));
    }
    match parts.as_slice() {
        [serial] if serial.len() == 5 => Err(format!(
            "`{t}` looks like a spreadsheet's internal day number, not a date; format the column as dates (YYYY-MM-DD) before exporting"
        )),
        [year] if year.len() == 4 => Err(format!(
            "`{t}` is a year, not a day; the ledger records dates to the day"
        )),
        [a, b] if a.len() == 4 && b.len() == 4 => {
            Err(format!("`{t}` is a span of years, not a day"))
        }
        [a, b] if a.len() == 4 || b.len() == 4 => Err(format!(
            "`{t}` is a month, not a day; the ledger records dates to the day"
        )),
        [y, m, d] if y.len() == 4 => ymd(t, y, m, d),
        [a, b, y] if y.len() == 4 => {
            let (a, b) = (num(a), num(b));
            let dmy = NaiveDate::from_ymd_opt(num(y) as i32, b, a);
            let mdy = NaiveDate::from_ymd_opt(num(y) as i32, a, b);
            match (order, dmy, mdy) {
                (Some(DateOrder::Dmy), Some(d), _) | (Some(DateOrder::Mdy), _, Some(d)) => Ok(d),
                (Some(_), _, _) => Err(format!("`{t}` is not a real date")),
                (None, Some(d), None) | (None, None, Some(d)) => Ok(d),
                (None, Some(d), Some(m)) if d == m => Ok(d),
                (None, Some(d), Some(m)) => Err(format!(
                    "`{t}` could be {} or {}; say which with --date-order dmy or --date-order mdy",
                    d.format("%-d %B %Y"),
                    m.format("%-d %B %Y")
                )),
                (None, None, None) => Err(format!("`{t}` is not a real date")),
            }
        }
        [_, _, y] if y.len() == 2 => Err(format!(
            "`{t}` has a two-digit year; write the year in full (the century would be a guess)"
        )),
        _ => Err(not_a_date(t)),
    }
}

fn num(s: &str) -> u32 {
    s.parse().unwrap_or(0)
}

fn ymd(t: &str, y: &str, m: &str, d: &str) -> Result<Date, String> {
    let (m, d) = (num(m), num(d));
    if !(1..=12).contains(&m) {
        return Err(format!("`{t}` is not a real date: there is no month {m}"));
    }
    NaiveDate::from_ymd_opt(num(y) as i32, m, d).ok_or_else(|| format!("`{t}` is not a real date"))
}

fn read_worded(t: &str) -> Result<Date, String> {
    let words: Vec<&str> = t
        .split(|c: char| c.is_whitespace() || c == ',' || c == '-' || c == '/')
        .filter(|w| !w.is_empty())
        .collect();
    let mut month = None;
    let mut numbers = Vec::new();
    for w in &words {
        if let Some(m) = month_number(w) {
            if month.replace(m).is_some() {
                return Err(not_a_date(t));
            }
        } else if is_weekday(w) {
            continue;
        } else {
            let digits = w.trim_end_matches(|c: char| c.is_ascii_alphabetic());
            let suffix = &w[digits.len()..];
            let ordinal = ["", "st", "nd", "rd", "th"].contains(&suffix.to_lowercase().as_str());
            if digits.is_empty() || !ordinal || !digits.bytes().all(|b| b.is_ascii_digit()) {
                return Err(not_a_date(t));
            }
            numbers.push(digits);
        }
    }
    let Some(month) = month else {
        return Err(not_a_date(t));
    };
    match numbers.as_slice() {
        [y] if y.len() == 4 => Err(format!(
            "`{t}` is a month, not a day; the ledger records dates to the day"
        )),
        [d, y] | [y, d] if y.len() == 4 && d.len() <= 2 => {
            NaiveDate::from_ymd_opt(num(y) as i32, month, num(d))
                .ok_or_else(|| format!("`{t}` is not a real date"))
        }
        [_, y] | [y, _] if y.len() == 2 => Err(format!(
            "`{t}` has a two-digit year; write the year in full (the century would be a guess)"
        )),
        _ => Err(not_a_date(t)),
    }
}

fn not_a_date(t: &str) -> String {
    format!("`{t}` is not a date")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> Date {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn reads_the_common_forms() {
        for text in [
            "2025-03-31",
            " 2025-3-31 ",
            "2025/03/31",
            "2025.03.31",
            "2025-03-31T10:00:00Z",
            "2025-03-31 10:00",
            "31/03/2025",
            "31.03.2025",
            "31-03-2025",
            "03/31/2025",
            "31 March 2025",
            "31 Mar 2025",
            "31-Mar-2025",
            "March 31, 2025",
            "Mon 31 March 2025",
            "Monday, 31st March 2025",
            "31 MARCH 2025",
        ] {
            assert_eq!(read_date(text, None), Ok(d(2025, 3, 31)), "{text}");
        }
        assert_eq!(read_date("4 Sept 2025", None), Ok(d(2025, 9, 4)));
    }

    #[test]
    fn ambiguous_dates_need_an_order() {
        let e = read_date("04/05/2025", None).unwrap_err();
        assert!(e.contains("4 May 2025 or 5 April 2025"), "{e}");
        assert_eq!(
            read_date("04/05/2025", Some(DateOrder::Dmy)),
            Ok(d(2025, 5, 4))
        );
        assert_eq!(
            read_date("04/05/2025", Some(DateOrder::Mdy)),
            Ok(d(2025, 4, 5))
        );
        assert_eq!(read_date("05/05/2025", None), Ok(d(2025, 5, 5)));
        assert!(read_date("31/03/2025", Some(DateOrder::Mdy)).is_err());
    }

    #[test]
    fn refuses_what_it_would_have_to_guess() {
        for (text, why) in [
            ("2024", "a year"),
            ("2024-2025", "span of years"),
            ("2024-05", "a month"),
            ("March 2025", "a month"),
            ("31/03/25", "two-digit year"),
            ("45747", "day number"),
            ("2025-02-30", "not a real date"),
            ("2025-13-01", "no month 13"),
            ("Quarterly dataset", "not a date"),
            ("yesterday", "not a date"),
            ("31 Marchish 2025", "not a date"),
        ] {
            let e = read_date(text, None).unwrap_err();
            assert!(e.contains(why), "{text}: {e}");
        }
    }

    #[test]
    fn unknown_markers() {
        let u = Unknowns::new(&["Quarterly dataset".into()]);
        for cell in [
            "",
            "  ",
            "Not available",
            "N/A",
            "unknown",
            "-",
            "quarterly  DATASET",
        ] {
            assert!(u.is_unknown(cell), "{cell:?}");
        }
        assert!(!u.is_unknown("2025-03-31"));
        assert!(!Unknowns::default().is_unknown("Quarterly dataset"));
    }
}
