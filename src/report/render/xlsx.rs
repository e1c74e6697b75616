//! `-o FILE.xlsx`: the report's sheet (the one CSV gets) as a real workbook, through
//! `rust_xlsxwriter`, with typed cells: dates as dates (shown YYYY-MM-DD), counts and scores
//! as numbers, flags as TRUE/FALSE, and the rest as text — so a spreadsheet sorts, sums and
//! filters them without the import dialog's guesses (a CSV's `2025-03-31` may become a date
//! in one locale and text in another; a title like `=1+1` a formula).
//!
//! Which columns are which is decided once, here, for the workbook and for the site's data
//! package (`column_types`): the columns that hold people's words (titles, owners, notes, ids,
//! status keys) are always text, whatever they look like; every other column is a date, a
//! number or a flag when all its values are.

use rust_xlsxwriter::{ExcelDateTime, Format, Workbook, XlsxError};

use super::{Item, Sheet, clean};
use crate::error::{Error, Result};
use crate::model::{Date, parse_date};

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnType {
    Text,
    Date,
    Number,
    /// `yes` / `no`.
    Flag,
}

/// Columns that hold what people wrote, or keys: text, even when every value looks like a
/// number or a date (a title "2025", an id "10").
const WORDS: [&str; 27] = [
    "id",
    "title",
    "owner",
    "tags",
    "status",
    "status_label",
    "note",
    "kind",
    "from",
    "from_label",
    "to",
    "to_label",
    "source",
    "source_title",
    "source_url",
    "publisher",
    "source_kind",
    "quote",
    "period",
    "tag",
    "group",
    "uuid",
    "sources",
    "urls",
    "stage",
    "currency",
    "parent",
];

pub fn column_types(sheet: &Sheet) -> Vec<ColumnType> {
    let mut seen = Columns::new(&sheet.headers);
    for row in &sheet.rows {
        seen.add(row);
    }
    seen.types()
}

/// What a sheet's columns have held so far, taken a row at a time, so that a table too large
/// to hold (the site's `data/periods.csv`) is typed as it is written: `column_types` is this
/// over a whole sheet.
pub struct Columns {
    headers: Vec<String>,
    seen: Vec<Seen>,
}

/// One column: whether it had a value (not empty, not `—`), and whether every such value
/// was a date, a flag, a finite number; and whether every cell was empty or a whole number.
#[derive(Clone, Copy)]
struct Seen {
    any: bool,
    dates: bool,
    flags: bool,
    numbers: bool,
    whole: bool,
}

impl Columns {
    pub fn new(headers: &[String]) -> Self {
        let all = Seen {
            any: false,
            dates: true,
            flags: true,
            numbers: true,
            whole: true,
        };
        Columns {
            headers: headers.to_vec(),
            seen: vec![all; headers.len()],
        }
    }

    pub fn add(&mut self, row: &[Item]) {
        for (seen, item) in self.seen.iter_mut().zip(row) {
            let v = item.plain();
            // Each test stops being made once it has failed.
            seen.whole = seen.whole && (v.is_empty() || v.parse::<i64>().is_ok());
            if v.is_empty() || v == "—" {
                continue;
            }
            seen.any = true;
            seen.dates = seen.dates && v.len() == 10 && parse_date(&v).is_ok();
            seen.flags = seen.flags && (v == "yes" || v == "no");
            seen.numbers = seen.numbers && v.parse::<f64>().is_ok_and(f64::is_finite);
        }
    }

    pub fn types(&self) -> Vec<ColumnType> {
        self.headers
            .iter()
            .zip(&self.seen)
            .map(|(header, s)| {
                if WORDS.contains(&header.as_str()) || !s.any {
                    ColumnType::Text
                } else if s.dates {
                    ColumnType::Date
                } else if s.flags {
                    ColumnType::Flag
                } else if s.numbers {
                    ColumnType::Number
                } else {
                    ColumnType::Text
                }
            })
            .collect()
    }

    /// Whether every cell of column `i` was empty or a whole number (the data package's
    /// `integer`).
    pub fn whole(&self, i: usize) -> bool {
        self.seen.get(i).is_none_or(|s| s.whole)
    }

    pub fn headers(&self) -> &[String] {
        &self.headers
    }
}

/// The workbook's bytes: one worksheet named `name`, the header row bold and frozen.
pub fn render(sheet: &Sheet, name: &str) -> Result<Vec<u8>> {
    build(sheet, name).map_err(|e| Error::Output(format!("could not write the workbook: {e}")))
}

fn build(sheet: &Sheet, name: &str) -> std::result::Result<Vec<u8>, XlsxError> {
    let types = column_types(sheet);
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    // A sheet's name is at most 31 characters and none of : \ / ? * [ ].
    let safe: String = name
        .chars()
        .filter(|c| !matches!(c, ':' | '\\' | '/' | '?' | '*' | '[' | ']'))
        .take(31)
        .collect();
    ws.set_name(if safe.trim().is_empty() {
        "Report"
    } else {
        safe.trim()
    })?;
    let bold = Format::new().set_bold();
    let day = Format::new().set_num_format("yyyy-mm-dd");
    for (c, h) in sheet.headers.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, clean(h), &bold)?;
    }
    for (r, row) in sheet.rows.iter().enumerate() {
        let r = r as u32 + 1;
        for (c, item) in row.iter().enumerate() {
            let text = item.plain();
            let col = c as u16;
            if text.is_empty() || text == "—" {
                continue;
            }
            match types.get(c).copied().unwrap_or(ColumnType::Text) {
                ColumnType::Date => {
                    if let Ok(d) = parse_date(&text) {
                        ws.write_datetime_with_format(r, col, excel_date(d)?, &day)?;
                    }
                }
                ColumnType::Number => {
                    ws.write_number(r, col, text.parse::<f64>().unwrap_or_default())?;
                }
                ColumnType::Flag => {
                    ws.write_boolean(r, col, text == "yes")?;
                }
                // Text is text in a workbook: no formula can run, so nothing is neutralised.
                ColumnType::Text => {
                    ws.write_string(r, col, clean(&text))?;
                }
            }
        }
    }
    ws.set_freeze_panes(1, 0)?;
    ws.autofit();
    book.save_to_buffer()
}

fn excel_date(d: Date) -> std::result::Result<ExcelDateTime, XlsxError> {
    use chrono::Datelike;
    ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8)
}
