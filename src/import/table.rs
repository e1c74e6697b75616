//! A CSV file read whole: its header and its rows, numbered as a spreadsheet numbers them, with
//! every unreadable row reported rather than the first.

use std::fmt::Write as _;
use std::path::Path;

use crate::error::{Error, Result};

/// Something wrong with an input file, pinned to a row and a column where there is one.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    pub file: String,
    /// As a spreadsheet shows it: the header is row 1, the first record row 2.
    pub row: Option<usize>,
    pub column: Option<String>,
    pub message: String,
    pub help: Option<String>,
}

impl Problem {
    pub fn new(file: &str, row: Option<usize>, column: Option<&str>, message: String) -> Self {
        Problem {
            file: file.to_string(),
            row,
            column: column.map(str::to_string),
            message,
            help: None,
        }
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// `help`, for a problem already in a list.
    pub fn hint(&mut self, help: impl Into<String>) {
        self.help = Some(help.into());
    }

    pub fn render(&self) -> String {
        let mut out = self.file.clone();
        if let Some(r) = self.row {
            let _ = write!(out, ", row {r}");
        }
        if let Some(c) = &self.column {
            let _ = write!(out, ", column {c}");
        }
        let _ = write!(out, ": {}", self.message);
        if let Some(h) = &self.help {
            let _ = write!(out, "\n  = help: {h}");
        }
        out
    }
}

#[derive(Debug, Clone)]
pub struct Row {
    /// The spreadsheet's row number (the header is row 1).
    pub number: usize,
    pub cells: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct Table {
    /// The file's name, as problems and notes show it.
    pub name: String,
    pub headers: Vec<String>,
    pub rows: Vec<Row>,
    /// Rows with nothing in any cell (spreadsheets often export a few at the end).
    pub blank_rows: usize,
}

impl Table {
    /// The index of the column called `name`, ignoring case and surrounding space.
    pub fn column(&self, name: &str) -> Option<usize> {
        let wanted = super::value::normal(name);
        self.headers
            .iter()
            .position(|h| super::value::normal(h) == wanted)
    }
}

/// Reads `path` as CSV with a header row. Quoted cells may hold the delimiter, quotes (doubled)
/// and line breaks. A UTF-8 byte-order mark (Excel writes one) is dropped.
pub fn read(path: &Path, delimiter: u8) -> Result<Result<Table, Vec<Problem>>> {
    // The ledger's reader would say "run `commitments init`" of a missing file, or call a
    // folder a ledger: say what is wrong with the CSV file instead.
    if path.is_dir() {
        return Err(Error::Access(format!(
            "{} is a folder; give the path of a CSV file",
            path.display()
        )));
    }
    let bytes = crate::store::read(path).map_err(|e| match e {
        Error::Missing { path } => Error::NoSuchFile { path },
        e => e,
    })?;
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(&bytes);
    let name = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes);
    let mut problems = Vec::new();
    let mut headers: Option<Vec<String>> = None;
    let mut rows = Vec::new();
    let mut blank_rows = 0;
    let mut counter = RowCounter::new(bytes);
    let mut number = 0;
    for record in reader.byte_records() {
        let record = record.map_err(|e| {
            let next = number + 1;
            Error::Argument(format!("{name}, row {next}: not readable as CSV: {e}"))
        })?;
        number = counter.row(&record);
        let mut cells = Vec::with_capacity(record.len());
        for (i, cell) in record.iter().enumerate() {
            match std::str::from_utf8(cell) {
                Ok(s) => cells.push(s.to_string()),
                Err(_) => {
                    let column = headers
                        .as_ref()
                        .and_then(|h| h.get(i).cloned())
                        .unwrap_or_else(|| format!("{}", i + 1));
                    problems.push(
                        Problem::new(&name, Some(number), Some(&column), "is not UTF-8 text".into())
                            .help("save the file as \"CSV UTF-8\" (Excel) or with the UTF-8 encoding (LibreOffice)"),
                    );
                    cells.push(String::from_utf8_lossy(cell).into_owned());
                }
            }
        }
        let Some(header) = &headers else {
            let trimmed: Vec<String> = cells.iter().map(|c| c.trim().to_string()).collect();
            check_header(&name, number, &trimmed, delimiter, &mut problems);
            headers = Some(trimmed);
            continue;
        };
        if cells.iter().all(|c| c.trim().is_empty()) {
            blank_rows += 1;
            continue;
        }
        if cells.len() != header.len() {
            problems.push(
                Problem::new(
                    &name,
                    Some(number),
                    None,
                    format!(
                        "has {} cells but the header has {} columns",
                        cells.len(),
                        header.len()
                    ),
                )
                .help("a cell with a comma or a line break in it must be in double quotes"),
            );
            continue;
        }
        rows.push(Row { number, cells });
    }
    let Some(headers) = headers else {
        return Ok(Err(vec![Problem::new(
            &name,
            None,
            None,
            "is empty; a CSV file to import needs a header row naming its columns".into(),
        )]));
    };
    if problems.is_empty() {
        Ok(Ok(Table {
            name,
            headers,
            rows,
            blank_rows,
        }))
    } else {
        Ok(Err(problems))
    }
}

/// Numbers records as a spreadsheet numbers its rows. The `csv` crate skips empty lines, which
/// a spreadsheet shows as empty rows, so counting records under-counts after one; and its line
/// numbers count the line breaks inside quoted cells, which a spreadsheet keeps within one row,
/// so they over-count after one (they also count only `\n`, so a file with bare `\r` endings, as
/// old Mac Excel writes, would be all "line 1"; and a record's line is where the reader stood
/// before the empty lines ahead of it, so they are missed too). So: a record's row is one more
/// than the line breaks (`\r\n`, `\n` or `\r`) before its first byte, less those inside
/// earlier records' cells.
struct RowCounter<'a> {
    bytes: &'a [u8],
    /// How far `breaks` has counted.
    scanned: usize,
    breaks: usize,
    in_cells: usize,
}

impl<'a> RowCounter<'a> {
    fn new(bytes: &'a [u8]) -> Self {
        RowCounter {
            bytes,
            scanned: 0,
            breaks: 0,
            in_cells: 0,
        }
    }

    /// The row `record` starts on; records must come in order.
    fn row(&mut self, record: &csv::ByteRecord) -> usize {
        // The crate's position is where the reader stood when it began the record: just past
        // the previous record's first terminator byte, before any empty lines (and the `\n` of
        // a `\r\n`) it then skipped. A record never starts with a line break, so the record
        // itself starts at the first byte after those.
        let from = record
            .position()
            .map_or(self.scanned, |p| p.byte() as usize)
            .clamp(self.scanned, self.bytes.len());
        let start = self.bytes[from..]
            .iter()
            .position(|b| !matches!(b, b'\r' | b'\n'))
            .map_or(self.bytes.len(), |i| from + i);
        // A record starts after a line break, never inside `\r\n`, so counting in pieces
        // counts each break once.
        self.breaks += line_breaks(&self.bytes[self.scanned..start]);
        self.scanned = start;
        let row = 1 + self.breaks - self.in_cells;
        self.in_cells += record.iter().map(line_breaks).sum::<usize>();
        row
    }
}

/// `\r\n`, `\n` and a lone `\r` are one line break each.
fn line_breaks(bytes: &[u8]) -> usize {
    bytes
        .iter()
        .enumerate()
        .filter(|&(i, &b)| b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n')))
        .count()
}

fn check_header(
    name: &str,
    row: usize,
    headers: &[String],
    delimiter: u8,
    problems: &mut Vec<Problem>,
) {
    if headers.len() == 1 && delimiter == b',' {
        let h = &headers[0];
        for (sep, flag) in [(';', ";"), ('\t', "tab")] {
            if h.contains(sep) {
                problems.push(
                    Problem::new(name, Some(row), None, "has only one column".into()).help(
                        format!(
                            "its columns look separated by `{}`: add --delimiter '{flag}'",
                            if sep == '\t' { "tab" } else { ";" }
                        ),
                    ),
                );
                return;
            }
        }
    }
    for (i, h) in headers.iter().enumerate() {
        if h.is_empty() {
            continue;
        }
        if headers[..i]
            .iter()
            .any(|e| super::value::normal(e) == super::value::normal(h))
        {
            problems.push(
                Problem::new(
                    name,
                    Some(row),
                    Some(h),
                    "is the name of two columns".into(),
                )
                .help("rename one of them, so that --map can tell them apart"),
            );
        }
    }
}
