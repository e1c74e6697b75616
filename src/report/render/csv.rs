//! CSV: RFC 4180 through the `csv` crate, for spreadsheets.
//!
//! A spreadsheet runs a cell that starts with `=`, `+`, `-` or `@` (and, in some, a tab or
//! carriage return) as a formula, so a title like `=HYPERLINK("http://x")` in a ledger
//! would become a live link or worse when a researcher opens the file. Such cells get a
//! leading `'`, which spreadsheets show as text (the OWASP advice for CSV injection).
//! `--csv-raw` turns that off for programs that want the bytes as they are.

use std::borrow::Cow;

use super::{Item, Sheet, clean};
use crate::error::{Error, Result};

pub fn render(sheet: &Sheet, raw: bool) -> Result<String> {
    let bytes = write(&sheet.headers, sheet.rows.iter(), raw, Vec::new())?;
    String::from_utf8(bytes).map_err(|e| Error::Output(format!("could not write the CSV: {e}")))
}

/// The CSV of `headers` and `rows` onto `out`, a row at a time as the rows come (the
/// site's largest files are written from rows made one by one); `render` is this on a
/// whole sheet. Returns `out`.
pub fn write<W: std::io::Write, R: AsRef<[Item]>>(
    headers: &[String],
    rows: impl Iterator<Item = R>,
    raw: bool,
    out: W,
) -> Result<W> {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(out);
    let fail = |e: csv::Error| Error::Output(format!("could not write the CSV: {e}"));
    w.write_record(
        headers
            .iter()
            .map(|h| cell(h, raw))
            .collect::<Vec<_>>()
            .iter()
            .map(|c| c.as_bytes()),
    )
    .map_err(fail)?;
    for row in rows {
        let plain: Vec<Cow<str>> = row.as_ref().iter().map(Item::plain).collect();
        let cells: Vec<Cow<str>> = plain.iter().map(|p| cell(p, raw)).collect();
        w.write_record(cells.iter().map(|c| c.as_bytes()))
            .map_err(fail)?;
    }
    w.into_inner()
        .map_err(|e| Error::Output(format!("could not write the CSV: {e}")))
}

/// One cell: control characters dropped (line breaks kept), formulas neutralised. Most
/// cells need neither and are written as they are, without a copy.
fn cell(text: &str, raw: bool) -> Cow<'_, str> {
    let plain = !text.chars().any(|c| c.is_control() && c != '\n')
        && !text.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if raw || plain {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(neutralise(&clean(text)))
    }
}

/// `=1+1` → `'=1+1`. A plain number such as `-1` (a G7 score) is left alone: a spreadsheet
/// reads it as the number it is, and it can run nothing.
pub fn neutralise(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) && text.trim().parse::<f64>().is_err() {
        format!("'{text}")
    } else {
        text.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised() {
        for bad in [
            "=HYPERLINK(\"http://x\")",
            "+A1",
            "-1+1",
            "@SUM(A1)",
            "\tx",
            "\rx",
            "- x",
        ] {
            assert!(neutralise(bad).starts_with('\''), "{bad:?}");
        }
        assert_eq!(neutralise("GBP 3m"), "GBP 3m");
        assert_eq!(neutralise("a=b"), "a=b");
        assert_eq!(neutralise("-1"), "-1");
        assert_eq!(neutralise("-0.5"), "-0.5");
    }

    #[test]
    fn quotes_commas_and_newlines_survive() {
        let sheet = Sheet {
            key_columns: 0,
            ids: false,
            headers: vec!["a".into(), "b".into()],
            rows: vec![vec![Item::text("x, \"y\"\nz"), Item::text("=1+1")]],
        };
        assert_eq!(
            render(&sheet, false).unwrap(),
            "a,b\r\n\"x, \"\"y\"\"\nz\",'=1+1\r\n"
        );
        assert_eq!(
            render(&sheet, true).unwrap(),
            "a,b\r\n\"x, \"\"y\"\"\nz\",=1+1\r\n"
        );
    }
}
