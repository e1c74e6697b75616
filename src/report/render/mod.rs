//! From a report to text in the formats people read.
//!
//! Every report command builds the same three things — a `Document` (headings, notes,
//! tables, a chart) for the terminal, Markdown and HTML, a flat `Sheet` for CSV, and its own
//! serde types for JSON — and the renderers in this folder turn them into text. A new report
//! therefore gets every format at once, and a fix to escaping in one format fixes it for
//! every report.
//!
//! This file also keeps the shared terminal pieces: tables that fit the terminal, colour
//! only when wanted, and text made safe to print.
//!
//! Longer than 400 lines: besides the shared types (`Document`, `Sheet`, `Palette`) it keeps
//! the terminal cell helpers (`clean`, `shown`, `cell`, `status_cell`) that the reports call
//! directly; moving those into `table.rs`'s neighbour `terminal.rs` is left to do.

pub mod atom;
pub mod chart;
pub mod csv;
pub mod html;
pub mod ics;
pub mod json;
pub mod markdown;
mod svg;
pub mod table;
pub mod xlsx;

use std::borrow::Cow;

use comfy_table::{Cell, Color, Table};

use crate::model::{Date, Language, Ledger, Vocabulary};

pub use json::json;

/// The formats every report command writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Format {
    /// A table for the terminal.
    #[default]
    Table,
    /// A GitHub-flavoured Markdown document, for briefings.
    Markdown,
    /// One table as CSV (RFC 4180), for spreadsheets.
    Csv,
    /// JSON with stable field names (docs/reports.md), for programs.
    Json,
    /// One self-contained HTML page, to publish.
    Html,
    /// An Atom feed of the changes (`changes`).
    Atom,
    /// An iCalendar file of the due dates (`list`, `report`).
    Ics,
    /// A workbook (with -o FILE.xlsx): the CSV's table with typed cells.
    Xlsx,
}

impl Format {
    /// The format a file name asks for: `status.html` → html.
    pub fn from_extension(path: &std::path::Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        Some(match ext.as_str() {
            "txt" | "text" => Format::Table,
            "md" | "markdown" => Format::Markdown,
            "csv" => Format::Csv,
            "json" => Format::Json,
            "html" | "htm" => Format::Html,
            "atom" => Format::Atom,
            "ics" => Format::Ics,
            "xlsx" => Format::Xlsx,
            _ => return None,
        })
    }

    pub fn name(self) -> &'static str {
        match self {
            Format::Table => "table",
            Format::Markdown => "markdown",
            Format::Csv => "csv",
            Format::Json => "json",
            Format::Html => "html",
            Format::Atom => "atom",
            Format::Ics => "ics",
            Format::Xlsx => "xlsx",
        }
    }
}

/// How text output may look where it is going.
#[derive(Debug, Clone, Copy, Default)]
pub struct Style {
    /// ANSI colour in terminal tables.
    pub color: bool,
    /// ASCII only: table borders and chart bars drawn without Unicode.
    pub ascii: bool,
    /// CSV: write cells as they are, without neutralising formulas.
    pub csv_raw: bool,
    /// CSV: a UTF-8 byte-order mark first. Off by default: Excel needs it to read UTF-8, but
    /// other readers (Python's `csv`, `cut`, R's `read.csv` without `fileEncoding`) take it as
    /// part of the first column's name.
    pub bom: bool,
}

/// What a report command hands to the renderers.
pub trait Report {
    /// Headings, notes, tables and charts. `page` is true for HTML, which is published on
    /// its own and so also carries each commitment's timeline and its evidence links.
    fn document(&self, page: bool) -> Document;
    /// The one flat table a spreadsheet gets.
    fn sheet(&self) -> Sheet;
    /// The JSON text (docs/reports.md lists the fields).
    fn json(&self) -> String;
    /// The Atom feed, for a report of changes; None for the others.
    fn atom(&self) -> Option<String> {
        None
    }
    /// The iCalendar file of due dates, for a report of commitments; None for the others.
    fn ics(&self) -> Option<String> {
        None
    }
}

/// Renders `report` in `format`.
pub fn render(report: &dyn Report, format: Format, style: Style) -> crate::Result<String> {
    Ok(match format {
        Format::Table => table::render(&report.document(false), style),
        Format::Markdown => markdown::render(&report.document(false), style),
        Format::Csv => {
            let text = csv::render(&report.sheet(), style.csv_raw)?;
            if style.bom {
                format!("\u{feff}{text}")
            } else {
                text
            }
        }
        Format::Json => report.json(),
        Format::Html => html::render(&report.document(true)),
        Format::Atom => report.atom().ok_or_else(|| {
            crate::Error::Argument(
                "--format atom is the feed of `changes` (and `bulletin`); this report has no feed".into(),
            )
        })?,
        Format::Xlsx => {
            return Err(crate::Error::Argument(
                "a workbook is not text: write it to a file, with -o FILE.xlsx".into(),
            ));
        }
        Format::Ics => report.ics().ok_or_else(|| {
            crate::Error::Argument(
                "--format ics is the calendar of due dates of `list` and `report`; this report has none".into(),
            )
        })?,
    })
}

/// A document's title: the ledger's own, or a plain one when it has none.
pub fn ledger_title(ledger: &Ledger) -> String {
    ledger
        .title
        .clone()
        .unwrap_or_else(|| crate::tr!(ledger.language, "default-title"))
}

#[derive(Debug, Clone, Default)]
pub struct Document {
    pub title: String,
    /// What the document is and the date it speaks for: "Status as of 2026-11-22".
    pub subtitle: String,
    pub palette: Palette,
    pub blocks: Vec<Block>,
    /// The language of the program's words in it: HTML's `lang`, the footer's words.
    pub language: Language,
}

#[derive(Debug, Clone)]
pub enum Block {
    Heading(String),
    /// A paragraph of plain text.
    Note(String),
    Table(Sheet),
    Chart(chart::Chart),
}

#[derive(Debug, Clone, Default)]
pub struct Sheet {
    pub headers: Vec<String>,
    pub rows: Vec<Vec<Item>>,
    /// How many leading columns identify a row (a commitment, a period). A terminal too
    /// narrow for the whole sheet gets the other columns in several tables, each repeating
    /// these; 0 keeps the sheet whole.
    pub key_columns: usize,
    /// Whether each cell of the first column starts with a commitment's id (alone, or on
    /// the first line above its title). A terminal table never breaks an id: it is what
    /// people copy into `show`.
    pub ids: bool,
}

/// One cell's content. Text is as the ledger has it; each renderer makes it safe for its
/// reader.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    Text(String),
    /// A status, drawn in its colour. `index` is its place on the scale (the palette's
    /// index); `mark` follows the label (`*` for changed in a period).
    Status {
        index: usize,
        label: String,
        mark: String,
    },
    Links(Vec<Link>),
    /// Several short values (flags, the parts of a detail): one per line where a cell can
    /// hold lines, joined with `; ` where it cannot (a Markdown table).
    List(Vec<String>),
    /// Text that links within a published site (`site`): `href` is a relative address the
    /// program made (`c/law.html`, `#evidence-bbc`), `anchor` an id the cell carries so that
    /// other pages and feeds can link to it. Other formats show the text alone.
    Local {
        text: String,
        href: String,
        anchor: Option<String>,
    },
    /// A date; `—` when there is none.
    Date(Option<Date>),
}

impl Item {
    pub fn text(s: impl Into<String>) -> Self {
        Item::Text(s.into())
    }

    pub fn date(d: Option<Date>) -> Self {
        Item::Date(d)
    }

    /// The text of the cell with links written out, for formats without links.
    /// Borrowed where it can be: tables measure every cell more than once, and a copy each
    /// time was a good part of a large period report's time.
    pub fn plain(&self) -> Cow<'_, str> {
        match self {
            Item::Text(t) => Cow::Borrowed(t),
            Item::Date(d) => Cow::Owned(d.map_or_else(|| "—".to_string(), |d| d.to_string())),
            Item::Status { label, mark, .. } if mark.is_empty() => Cow::Borrowed(label),
            Item::Status { label, mark, .. } => Cow::Owned(format!("{label} {mark}")),
            Item::List(values) => Cow::Owned(values.join("\n")),
            Item::Local { text, .. } => Cow::Borrowed(text),
            Item::Links(links) => Cow::Owned(
                links
                    .iter()
                    .map(|l| match &l.url {
                        Some(u) => format!("{} <{u}>", l.text),
                        None => l.text.clone(),
                    })
                    .collect::<Vec<_>>()
                    .join("\n"),
            ),
        }
    }
}

/// A source: its title, and its address when it has one.
#[derive(Debug, Clone, PartialEq)]
pub struct Link {
    pub text: String,
    pub url: Option<String>,
}

/// How each status of the ledger's scale is drawn, worked out from its score and whether it
/// is closed, so that a ledger's own scale gets sensible colours too.
#[derive(Debug, Clone, Default)]
pub struct Palette {
    pub statuses: Vec<StatusStyle>,
}

#[derive(Debug, Clone)]
pub struct StatusStyle {
    pub key: String,
    pub label: String,
    /// `#rrggbb` for HTML and SVG.
    pub hex: String,
    pub terminal: Option<Color>,
}

/// Colours for the statuses between the ends of a scale, in order along it: Okabe-Ito
/// colours, which stay distinct for colour-blind readers, and none of them the green, red or
/// grey of the ends. "Under way" (half way or more) starts in blue, "stalled" (below half
/// way) in amber; a scale with more statuses than these gets the spares, so no two statuses
/// ever share a colour (the label is printed beside it too: colour is never alone).
const UNDER_WAY: [&str; 4] = ["#56b4e9", "#cc79a7", "#0072b2", "#f0e442"];
const BELOW_HALF: [&str; 2] = ["#e69f00", "#d55e00"];
const SPARE: [&str; 6] = [
    "#009e73", "#7f4f9f", "#8c6d31", "#17becf", "#bcbd22", "#393b79",
];

impl Palette {
    pub fn new(vocabulary: &Vocabulary) -> Self {
        let (lo, hi) = vocabulary.score_range();
        // How far along the scale, 0 to 1, whatever the scale's own numbers are.
        let along = |score: f64| {
            if hi > lo {
                (score - lo) / (hi - lo)
            } else {
                0.0
            }
        };
        // The statuses between the ends, in order along the scale, each given the next
        // colour of its part of the scale.
        let mut middle: Vec<(f64, usize)> = vocabulary
            .statuses()
            .iter()
            .enumerate()
            .map(|(i, s)| (along(s.score), i))
            .filter(|&(p, _)| p > 0.0 && p < 1.0)
            .collect();
        middle.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        let mut assigned: Vec<Option<&str>> = vec![None; vocabulary.statuses().len()];
        let (mut under, mut below) = (0, 0);
        for &(p, i) in &middle {
            assigned[i] = if p < 0.5 {
                below += 1;
                BELOW_HALF.get(below - 1).copied()
            } else {
                under += 1;
                UNDER_WAY.get(under - 1).copied()
            };
        }
        let mut used: Vec<String> = Vec::new();
        let mut spare = SPARE.iter();
        let statuses = vocabulary
            .statuses()
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let p = along(s.score);
                // Closed at the bottom of the scale is a promise that ended unkept (abandoned,
                // broken, withdrawn); closed part way (PolitiFact's Compromise) is not.
                let (mut hex, terminal) = if s.closed && p <= 0.0 {
                    ("#c0392b".to_string(), Some(Color::Red))
                } else if p >= 1.0 {
                    ("#1a7f37".to_string(), Some(Color::Green))
                } else if p <= 0.0 {
                    ("#9e9e9e".to_string(), None)
                } else if p < 0.5 {
                    let hex =
                        assigned[i].map_or_else(|| blend("#e69f00", "#d55e00", p), String::from);
                    (hex, Some(Color::Red))
                } else {
                    let hex =
                        assigned[i].map_or_else(|| blend("#56b4e9", "#0072b2", p), String::from);
                    (hex, Some(Color::Yellow))
                };
                // Two statuses at the same place (two closed ends, say) still differ.
                while used.contains(&hex) {
                    match spare.next() {
                        Some(h) => hex = (*h).to_string(),
                        None => break,
                    }
                }
                used.push(hex.clone());
                StatusStyle {
                    key: s.key.clone(),
                    label: s.label.clone(),
                    hex,
                    terminal,
                }
            })
            .collect();
        Palette { statuses }
    }

    pub fn index(&self, key: &str) -> Option<usize> {
        self.statuses.iter().position(|s| s.key == key)
    }

    /// A status cell for `key`, with `mark` after its label.
    pub fn item(&self, key: &str, mark: &str) -> Item {
        let index = self.index(key).unwrap_or(usize::MAX);
        let label = self
            .statuses
            .get(index)
            .map_or_else(|| key.to_string(), |s| s.label.clone());
        Item::Status {
            index,
            label,
            mark: mark.to_string(),
        }
    }
}

/// A colour between `a` and `b` (both `#rrggbb`), `t` of the way along.
fn blend(a: &str, b: &str, t: f64) -> String {
    let channel = |hex: &str, i: usize| {
        u8::from_str_radix(&hex[1 + 2 * i..3 + 2 * i], 16).map_or(0.0, f64::from)
    };
    let mut out = String::from("#");
    for i in 0..3 {
        let v = channel(a, i) + (channel(b, i) - channel(a, i)) * t;
        out.push_str(&format!("{:02x}", v.round().clamp(0.0, 255.0) as u8));
    }
    out
}

/// Whether the terminal can show Unicode: the C library's rule (LC_ALL, then LC_CTYPE, then
/// LANG), with no locale at all counting as ASCII on Unix. Windows terminals show Unicode.
pub fn locale_is_utf8() -> bool {
    for var in ["LC_ALL", "LC_CTYPE", "LANG"] {
        if let Ok(v) = std::env::var(var)
            && !v.is_empty()
        {
            let v = v.to_ascii_lowercase();
            return v.contains("utf-8") || v.contains("utf8");
        }
    }
    cfg!(windows)
}

/// Whether to draw with ASCII only: asked for (`--ascii`), or a locale that cannot show
/// Unicode. Every command that draws a table decides it here.
pub fn ascii(asked: bool) -> bool {
    asked || !locale_is_utf8()
}

/// A table that wraps to the terminal's width (or `COLUMNS`, when set), drawn as `style`
/// says: the same borders and colour rules as every report's tables.
pub fn table(headers: &[&str], style: Style) -> Table {
    table::new(headers, style, table::width())
}

/// Text from the ledger, made safe for a terminal (and for every other format): terminal
/// escape sequences are removed whole — `\x1b[31mred\x1b[0m` becomes `red`, not `[31mred[0m`
/// — and any other control character is dropped; line breaks stay.
pub fn clean(text: &str) -> String {
    // Nearly all text has nothing to remove: a copy, rather than a character at a time.
    if !has_control(text) {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\n' => out.push(c),
            // CSI (`ESC [ … final`): parameters and intermediates up to a final byte @ to ~.
            '\x1b' if chars.peek() == Some(&'[') => {
                chars.next();
                for p in chars.by_ref() {
                    if ('@'..='~').contains(&p) {
                        break;
                    }
                }
            }
            // OSC (`ESC ] … BEL` or `ESC ] … ESC \`): window titles, hyperlinks.
            '\x1b' if chars.peek() == Some(&']') => {
                while let Some(p) = chars.next() {
                    if p == '\x07' || (p == '\x1b' && chars.next_if_eq(&'\\').is_some()) {
                        break;
                    }
                }
            }
            // Any other escape: it and the one character it introduces.
            '\x1b' => {
                chars.next();
            }
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Whether `text` holds a control character other than a line break, which `clean`
/// removes: U+0000 to U+001F, U+007F, and U+0080 to U+009F (the bytes C2 80 to C2 9F).
/// By its bytes, which is several times faster than by its characters.
pub fn has_control(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.iter().enumerate().any(|(i, &b)| {
        (b < 0x20 && b != b'\n')
            || b == 0x7f
            || (b == 0xc2 && bytes.get(i + 1).is_some_and(|&next| next < 0xa0))
    })
}

/// The punctuation this program draws — `—` for "no value" and between an id and its title,
/// `→` between two statuses, curly quotes round a quotation — in ASCII, for a terminal that
/// cannot show Unicode (`--ascii`, or a locale that is not UTF-8). The ledger's own dashes
/// and quotes go the same way; its letters (`é`, `£`) are the ledger's and stay.
pub fn ascii_punctuation(text: &str) -> Cow<'_, str> {
    if !text.contains(['—', '→', '“', '”', '‘', '’']) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '—' => out.push('-'),
            '→' => out.push_str("->"),
            '“' | '”' => out.push('"'),
            '‘' | '’' => out.push('\''),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Ledger text as a terminal shows it: made safe (`clean`), and in ASCII punctuation when
/// `style` asks for ASCII.
pub fn shown(text: &str, style: Style) -> String {
    let text = clean(text);
    if style.ascii {
        ascii_punctuation(&text).into_owned()
    } else {
        text
    }
}

pub fn cell(text: &str, style: Style) -> Cell {
    Cell::new(shown(text, style))
}

pub fn date_cell(d: Option<Date>, style: Style) -> Cell {
    cell(&d.map_or_else(|| "—".to_string(), |d| d.to_string()), style)
}

/// A status, coloured by what it means on the ledger's scale.
pub fn status_cell(vocabulary: &Vocabulary, key: &str, color: bool) -> Cell {
    let cell = Cell::new(clean(vocabulary.label(key)));
    if !color {
        return cell;
    }
    match vocabulary.get(key) {
        Some(s) if s.closed && s.score >= 1.0 => cell.fg(Color::Green),
        Some(s) if s.closed => cell.fg(Color::Red),
        Some(s) if s.score > 0.0 && s.score < 0.5 => cell.fg(Color::Red),
        Some(s) if s.score > 0.0 => cell.fg(Color::Yellow),
        _ => cell,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn has_control_is_exactly_a_control_character_other_than_a_line_break() {
        for c in (0..=0x2ffu32).filter_map(char::from_u32) {
            let text = format!("a{c}b");
            assert_eq!(
                has_control(&text),
                c.is_control() && c != '\n',
                "U+{:04X}",
                c as u32
            );
        }
        assert!(!has_control("£ « » é — 合"));
    }

    #[test]
    fn clean_removes_escape_sequences_whole() {
        assert_eq!(
            clean("\x1b[31mred\x1b[0m and \x1b[1;4mmore"),
            "red and more"
        );
        assert_eq!(clean("a\x1b]0;title\x07b\x1b]8;;http://x\x1b\\c"), "abc");
        assert_eq!(clean("tab\there\r\nnext\x1bc\x00"), "tabhere\nnext");
        assert_eq!(clean("dangling \x1b["), "dangling ");
        assert_eq!(clean("«ünïcödé» — ok"), "«ünïcödé» — ok");
    }

    #[test]
    fn ascii_punctuation_replaces_only_what_a_c_locale_cannot_show() {
        assert_eq!(
            ascii_punctuation("Announced → Delivered — “quoted” ‘x’ café £3"),
            "Announced -> Delivered - \"quoted\" 'x' café £3"
        );
        assert!(matches!(ascii_punctuation("plain"), Cow::Borrowed("plain")));
    }

    #[test]
    fn extensions_pick_formats() {
        let f = |p: &str| Format::from_extension(std::path::Path::new(p));
        assert_eq!(f("status.HTML"), Some(Format::Html));
        assert_eq!(f("a/b.md"), Some(Format::Markdown));
        assert_eq!(f("x.csv"), Some(Format::Csv));
        assert_eq!(f("x.json"), Some(Format::Json));
        assert_eq!(f("x.txt"), Some(Format::Table));
        assert_eq!(f("x.pdf"), None);
        assert_eq!(f("noext"), None);
    }

    #[test]
    fn every_status_of_every_scale_has_its_own_colour() {
        for name in crate::model::PRESETS {
            let p = Palette::new(&Vocabulary::preset(name).unwrap());
            let mut hexes: Vec<&str> = p.statuses.iter().map(|s| s.hex.as_str()).collect();
            hexes.sort();
            hexes.dedup();
            assert_eq!(hexes.len(), p.statuses.len(), "{name}: {:?}", p.statuses);
        }
    }

    #[test]
    fn palette_follows_the_scale() {
        let p = Palette::new(&Vocabulary::default());
        let hex = |k: &str| p.statuses[p.index(k).unwrap()].hex.clone();
        assert_eq!(hex("delivered"), "#1a7f37");
        assert_eq!(hex("abandoned"), "#c0392b");
        assert_eq!(hex("announced"), "#9e9e9e");
        assert_eq!(hex("in-progress"), "#56b4e9");
        assert_eq!(hex("partial"), "#cc79a7", "not a second blue");
        assert_eq!(hex("stalled"), "#e69f00");
        let g7 = Palette::new(&Vocabulary::preset("g7").unwrap());
        assert_eq!(
            g7.statuses[0].hex, "#9e9e9e",
            "-1 is the bottom of the G7 scale"
        );
        assert_eq!(g7.statuses[2].hex, "#1a7f37");
        let pf = Palette::new(&Vocabulary::preset("politifact").unwrap());
        let hex = |k: &str| pf.statuses[pf.index(k).unwrap()].hex.clone();
        assert_eq!(hex("promise-broken"), "#c0392b");
        assert_ne!(
            hex("compromise"),
            hex("promise-broken"),
            "a compromise is not a broken promise"
        );
    }
}
