//! Amounts of money as people write them, and currency codes: the one rule that the ledger
//! file, `import` and `add --amount` share.
//!
//! Nothing is guessed. `12,5` is twelve and a half in Paris and, to an English-language
//! spreadsheet (and to this program until it had this rule), 125; `1.500` is fifteen hundred
//! in Berlin and one and a half in London. Without a declared decimal mark, an amount is read
//! only when it can mean one number; otherwise the caller is told both readings.

use std::fmt;

/// Which character separates the whole part of an amount from its fraction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DecimalMark {
    /// `4,500,000.00`, `4 500 000.00`, `4'500'000.00`.
    Point,
    /// `4.500.000,00`, `4 500 000,00`.
    Comma,
}

impl DecimalMark {
    fn char(self) -> char {
        match self {
            DecimalMark::Point => '.',
            DecimalMark::Comma => ',',
        }
    }

    fn other(self) -> DecimalMark {
        match self {
            DecimalMark::Point => DecimalMark::Comma,
            DecimalMark::Comma => DecimalMark::Point,
        }
    }
}

impl fmt::Display for DecimalMark {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.char())
    }
}

impl std::str::FromStr for DecimalMark {
    type Err = String;

    /// `,` or `.`, or their names, as `--decimal-mark` takes them.
    fn from_str(text: &str) -> Result<Self, String> {
        match text.trim().to_ascii_lowercase().as_str() {
            "." | "point" | "dot" | "period" => Ok(DecimalMark::Point),
            "," | "comma" => Ok(DecimalMark::Comma),
            _ => Err(format!(
                "`{text}` is not a decimal mark; use `,` (as in 4 500 000,00) or `.` (as in 4,500,000.00)"
            )),
        }
    }
}

/// Why an amount was not read.
#[derive(Debug, Clone, PartialEq)]
pub enum AmountError {
    /// Not digits with separators at all: `3m`, `£300`, `-5`, `1,5.0`.
    NotAnAmount { text: String },
    /// Two conventions read it as two numbers, given here as plain numbers (`12.5`, `125`).
    Ambiguous {
        text: String,
        /// The reading with `,` as the decimal mark.
        comma: String,
        /// The reading with `.` as the decimal mark, or with the comma taken as a separator.
        point: String,
    },
    /// Not an amount in the declared convention; `other` is how the other one reads it.
    NotInConvention {
        text: String,
        mark: DecimalMark,
        other: Option<String>,
    },
}

impl fmt::Display for AmountError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AmountError::NotAnAmount { text } => write!(
                f,
                "`{text}` is not an amount: write it in digits, in full (3000000, not 3m), \
                 without a currency sign"
            ),
            AmountError::Ambiguous { text, comma, point } => {
                let and = |c: char| {
                    if text.contains(c) {
                        format!(" and `{c}` separates thousands")
                    } else {
                        String::new()
                    }
                };
                write!(
                    f,
                    "`{text}` could be read two ways: {comma} (if `,` is the decimal mark{}) \
                     or {point} (if `.` is the decimal mark{})",
                    and('.'),
                    and(',')
                )
            }
            AmountError::NotInConvention { text, mark, other } => {
                let separators = match mark {
                    DecimalMark::Comma => "4 500 000,00 or 4.500.000,00",
                    DecimalMark::Point => "4,500,000.00 or 4 500 000.00",
                };
                write!(
                    f,
                    "`{text}` is not an amount written with `{mark}` as the decimal mark \
                     (as in {separators}; thousands in groups of three)"
                )?;
                if let Some(other) = other {
                    write!(
                        f,
                        "; with `{}` as the decimal mark it is {other}",
                        mark.other()
                    )?;
                }
                Ok(())
            }
        }
    }
}

/// Reads an amount of money. With `mark`, in that convention only: its decimal mark, and
/// thousands separated by the other mark, a space (also no-break and narrow no-break), or an
/// apostrophe, in groups of three. Without `mark`, an amount is read when only one convention
/// can read it, or both read it alike (`1500`, `4 500 000`, `12.50`, `4,500,000.00`,
/// `4.500.000,00`); one that two conventions read differently is refused with both readings:
/// a single comma (`12,5`, `1,500`, `4 500 000,00`), which English-language spreadsheets drop
/// as a separator wherever it stands, and a single dot before exactly three digits (`1.500`).
/// A dot before one, two or four digits is read as the decimal point it is in the ledger's own
/// file and in numbers programs write (`12.50`): no convention groups thousands that way.
pub fn read_amount(text: &str, mark: Option<DecimalMark>) -> Result<f64, AmountError> {
    let t = text.trim();
    let value = |plain: &str| plain.parse::<f64>().ok().filter(|v| v.is_finite());
    if let Some(mark) = mark {
        return strict(t, mark).and_then(|p| value(&p)).ok_or_else(|| {
            AmountError::NotInConvention {
                text: t.to_string(),
                mark,
                other: strict(t, mark.other()),
            }
        });
    }
    let point = strict(t, DecimalMark::Point);
    let comma = strict(t, DecimalMark::Comma);
    let commas = t.matches(',').count();
    let dots = t.matches('.').count();
    let ambiguous = |comma: String, point: String| AmountError::Ambiguous {
        text: t.to_string(),
        comma,
        point,
    };
    let read = match (point, comma) {
        (Some(p), Some(c)) if p != c => return Err(ambiguous(c, p)),
        // A lone comma: a decimal mark to a French, German or Italian reader, and dropped
        // as a thousands separator by English-language software, even as in `12,5`.
        (_, Some(c)) if commas == 1 && dots == 0 => {
            let dropped: String = t.chars().filter(char::is_ascii_digit).collect();
            return Err(ambiguous(c, trimmed_zeros(&dropped)));
        }
        (Some(p), _) | (None, Some(p)) => p,
        (None, None) => {
            return Err(AmountError::NotAnAmount {
                text: t.to_string(),
            });
        }
    };
    value(&read).ok_or_else(|| AmountError::NotAnAmount {
        text: t.to_string(),
    })
}

/// An ISO 4217 code as the ledger stores it: three capital letters, e.g. GBP, EUR, USD.
pub fn is_currency_code(text: &str) -> bool {
    text.len() == 3 && text.bytes().all(|b| b.is_ascii_uppercase())
}

/// A thousands separator of any convention, by kind: spaces of every width count as one.
fn separator_kind(c: char) -> Option<char> {
    match c {
        ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}' => Some(' '),
        '\'' | '\u{2019}' => Some('\''),
        '.' | ',' => Some(c),
        _ => None,
    }
}

/// `t` read in one convention, as a plain number (`4500000.00`), or None if it is not one.
fn strict(t: &str, mark: DecimalMark) -> Option<String> {
    let (whole, fraction) = match t.split_once(mark.char()) {
        Some((w, f)) => (w, Some(f)),
        None => (t, None),
    };
    if let Some(f) = fraction
        && (f.is_empty() || !f.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    let mut kinds = whole.chars().filter_map(separator_kind);
    let kind = kinds.next();
    if kinds.any(|k| Some(k) != kind) || kind == Some(mark.char()) {
        return None;
    }
    let groups: Vec<&str> = match kind {
        None => vec![whole],
        Some(_) => whole.split(|c| separator_kind(c).is_some()).collect(),
    };
    let digits = |g: &str| !g.is_empty() && g.bytes().all(|b| b.is_ascii_digit());
    if !groups.iter().all(|g| digits(g)) {
        return None;
    }
    if groups.len() > 1 {
        let first = groups[0];
        let grouped =
            first.len() <= 3 && !first.starts_with('0') && groups[1..].iter().all(|g| g.len() == 3);
        if !grouped {
            return None;
        }
    }
    let mut plain = groups.concat();
    if let Some(f) = fraction {
        plain.push('.');
        plain.push_str(f);
    }
    Some(plain)
}

/// `0450` as `450`, for showing a reading; `0` stays.
fn trimmed_zeros(digits: &str) -> String {
    let t = digits.trim_start_matches('0');
    if t.is_empty() { "0".into() } else { t.into() }
}

#[cfg(test)]
mod tests {
    use super::*;
    use DecimalMark::{Comma, Point};

    fn ok(text: &str, mark: Option<DecimalMark>) -> f64 {
        read_amount(text, mark).unwrap_or_else(|e| panic!("{text}: {e}"))
    }

    #[test]
    fn unambiguous_amounts_need_no_mark() {
        assert_eq!(ok("1500", None), 1500.0);
        assert_eq!(ok(" 3000000 ", None), 3_000_000.0);
        assert_eq!(ok("12.50", None), 12.5);
        assert_eq!(ok("2500000.5", None), 2_500_000.5);
        assert_eq!(ok("0.125", None), 0.125);
        assert_eq!(ok("4 500 000", None), 4_500_000.0);
        assert_eq!(ok("4\u{a0}500\u{a0}000", None), 4_500_000.0);
        assert_eq!(ok("4'500'000.00", None), 4_500_000.0);
        assert_eq!(ok("4,500,000", None), 4_500_000.0);
        assert_eq!(ok("4,500,000.00", None), 4_500_000.0);
        assert_eq!(ok("4.500.000,00", None), 4_500_000.0);
        assert_eq!(ok("4.500.000", None), 4_500_000.0);
        assert_eq!(ok("4 500 000.75", None), 4_500_000.75);
    }

    #[test]
    fn amounts_two_conventions_read_differently_are_refused_with_both_readings() {
        let two = |text: &str| match read_amount(text, None) {
            Err(AmountError::Ambiguous { comma, point, .. }) => (comma, point),
            other => panic!("{text}: {other:?}"),
        };
        assert_eq!(two("12,5"), ("12.5".into(), "125".into()));
        assert_eq!(two("1,5"), ("1.5".into(), "15".into()));
        assert_eq!(two("1,500"), ("1.500".into(), "1500".into()));
        assert_eq!(two("1.500"), ("1500".into(), "1.500".into()));
        assert_eq!(
            two("4 500 000,00"),
            ("4500000.00".into(), "450000000".into())
        );
        assert_eq!(
            two("4\u{202f}500\u{202f}000,00"),
            ("4500000.00".into(), "450000000".into())
        );
        let message = read_amount("4 500 000,00", None).unwrap_err().to_string();
        assert_eq!(
            message,
            "`4 500 000,00` could be read two ways: 4500000.00 (if `,` is the decimal mark) or \
             450000000 (if `.` is the decimal mark and `,` separates thousands)"
        );
    }

    #[test]
    fn a_declared_mark_reads_its_own_convention_only() {
        assert_eq!(ok("4 500 000,00", Some(Comma)), 4_500_000.0);
        assert_eq!(ok("4.500.000,00", Some(Comma)), 4_500_000.0);
        assert_eq!(ok("4\u{202f}500\u{202f}000,00", Some(Comma)), 4_500_000.0);
        assert_eq!(ok("12,5", Some(Comma)), 12.5);
        assert_eq!(ok("1.500", Some(Comma)), 1500.0);
        assert_eq!(ok("1,500", Some(Point)), 1500.0);
        assert_eq!(ok("4,500,000.00", Some(Point)), 4_500_000.0);
        assert_eq!(ok("4'500'000.00", Some(Point)), 4_500_000.0);
        assert_eq!(ok("1500", Some(Point)), 1500.0);
        let e = read_amount("12.50", Some(Comma)).unwrap_err();
        assert_eq!(
            e.to_string(),
            "`12.50` is not an amount written with `,` as the decimal mark (as in 4 500 000,00 \
             or 4.500.000,00; thousands in groups of three); with `.` as the decimal mark it is \
             12.50"
        );
        assert!(read_amount("4,500,000", Some(Comma)).is_err());
        assert!(read_amount("45,00,000.00", Some(Point)).is_err());
    }

    #[test]
    fn what_is_not_an_amount() {
        for text in [
            "",
            "3m",
            "£300",
            "-5",
            "1,5.0",
            "1..5",
            "1.",
            ",5",
            "4 500.000,00",
            "1e3",
            "inf",
            "NaN",
            "0x1f",
            "1 2",
            "12,50,000",
        ] {
            assert!(
                matches!(
                    read_amount(text, None),
                    Err(AmountError::NotAnAmount { .. } | AmountError::Ambiguous { .. })
                ),
                "{text}"
            );
            assert!(read_amount(text, Some(Point)).is_err(), "{text}");
        }
        assert!(matches!(
            read_amount("3m", None),
            Err(AmountError::NotAnAmount { .. })
        ));
    }

    #[test]
    fn currency_codes() {
        assert!(is_currency_code("GBP"));
        assert!(!is_currency_code("gbp"));
        assert!(!is_currency_code("£"));
        assert!(!is_currency_code("EURO"));
    }
}
