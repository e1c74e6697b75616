//! The terminal: comfy-table tables that fit the terminal's width, colour only when the
//! caller says so (a terminal, and no NO_COLOR), and no control character from the ledger
//! ever reaching the screen.
//!
//! Longer than 400 lines because of its tests (the code is about 570 lines, the tests 180):
//! fitting tables to the width, wrapping (textwrap, with CJK text) and the split of wide
//! tables are one algorithm, tested on the cases that broke before.

use comfy_table::{Cell, ColumnConstraint, ContentArrangement, Table, Width, presets};

use std::borrow::Cow;
use std::fmt;

use textwrap::WordSeparator;
use textwrap::core::{Word, display_width};

use super::{
    Block, Document, Item, Palette, Sheet, Style, ascii_punctuation, chart, clean, has_control,
    shown,
};

pub fn render(doc: &Document, style: Style) -> String {
    let mut out = String::new();
    // Writing to a String cannot fail.
    let _ = write(doc, style, &mut out);
    out
}

/// `render`, written part by part to `out`: a terminal table of thousands of rows is
/// hundreds of megabytes of text, which need not be held whole before it is printed.
pub fn write(doc: &Document, style: Style, out: &mut dyn fmt::Write) -> fmt::Result {
    // `COLUMNS` wherever the output goes (scripts and tests set it to get a fixed width),
    // else the terminal's; piped or written to a file without `COLUMNS`, nothing is wrapped.
    let width = width();
    // Wrapped like the notes: a record's title (`show`) is a commitment's whole title.
    out.write_str(&wrap(&shown(&doc.title, style), width))?;
    out.write_char('\n')?;
    if !doc.subtitle.is_empty() {
        out.write_str(&shown(&doc.subtitle, style))?;
        out.write_char('\n')?;
    }
    for block in &doc.blocks {
        out.write_char('\n')?;
        match block {
            // The same width as the tables: a flags note of 250 characters, or a heading
            // with a long title, would otherwise be one line, wrapped by the terminal mid-word.
            Block::Heading(text) | Block::Note(text) => {
                out.write_str(&wrap(&shown(text, style), width))?;
                out.write_char('\n')?;
            }
            Block::Table(sheet) => {
                // Before measuring: `→` becomes `->`, one character wider.
                let sheet = if style.ascii {
                    Cow::Owned(ascii_sheet(sheet))
                } else {
                    Cow::Borrowed(sheet)
                };
                // Measured once: the split and every table of it use the same widths, and a
                // table of thousands of rows is slow to measure. Each table is made from the
                // sheet only when its turn comes and goes straight into the output: holding
                // every table, or copies of its cells, held a large sheet twice over.
                let widths = Widths::of(&sheet);
                let all: Vec<usize> = (0..sheet.headers.len()).collect();
                let groups = groups(&sheet, &widths, width).unwrap_or_else(|| vec![all]);
                for (n, cols) in groups.iter().enumerate() {
                    if n > 0 {
                        out.write_str("\n\n")?;
                    }
                    let table = View {
                        sheet: &sheet,
                        cols,
                        later: n > 0,
                    };
                    write!(out, "{}", table.table(&widths, &doc.palette, style, width))?;
                }
                out.write_char('\n')?;
            }
            Block::Chart(c) => out.write_str(&chart::render(
                c,
                style.ascii,
                // Charts need some width: 80 when nothing says.
                width.map_or(80, usize::from),
                style.color.then_some(&doc.palette),
            ))?,
        }
    }
    Ok(())
}

/// `sheet` in ASCII punctuation (`ascii_punctuation`), a missing date included.
fn ascii_sheet(sheet: &Sheet) -> Sheet {
    let text = |t: &str| ascii_punctuation(t).into_owned();
    let item = |item: &Item| match item {
        Item::Text(t) => Item::Text(text(t)),
        Item::Status { index, label, mark } => Item::Status {
            index: *index,
            label: text(label),
            mark: text(mark),
        },
        Item::Links(links) => Item::Links(
            links
                .iter()
                .map(|l| super::Link {
                    text: text(&l.text),
                    url: l.url.clone(),
                })
                .collect(),
        ),
        Item::List(values) => Item::List(values.iter().map(|v| text(v)).collect()),
        Item::Local { text: t, .. } => Item::Text(text(t)),
        Item::Date(Some(_)) => item.clone(),
        Item::Date(None) => Item::Text(text(&item.plain())),
    };
    Sheet {
        headers: sheet.headers.iter().map(|h| text(h)).collect(),
        rows: sheet
            .rows
            .iter()
            .map(|r| r.iter().map(item).collect())
            .collect(),
        key_columns: sheet.key_columns,
        ids: sheet.ids,
    }
}

/// `text` with each line broken so that no line is wider than `width` (at least 40, as for
/// tables) columns on screen, by textwrap: at spaces, and between the characters of Chinese,
/// Japanese or Korean text, which has none, by the Unicode line-breaking rules; a CJK
/// character counts two columns, as a terminal draws it. A word wider than that (an address,
/// an id) stays whole on a line of its own, never broken at its hyphens. Without a width,
/// `text` as it is.
pub fn wrap(text: &str, width: Option<u16>) -> String {
    let Some(width) = width.map(|w| usize::from(w.max(40))) else {
        return text.to_string();
    };
    let mut out = String::with_capacity(text.len());
    for (i, line) in text.lines().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        if display_width(line) <= width {
            out.push_str(line);
            continue;
        }
        // An indented line keeps its indent, and the lines an item of a list (`  - a gap`)
        // is broken into hang under its text.
        let rest = line.trim_start();
        let indent = &line[..line.len() - rest.len()];
        let bullet = if rest.starts_with("- ") { 2 } else { 0 };
        let hang = " ".repeat(indent.chars().count() + bullet);
        let options = textwrap::Options::new(width)
            .initial_indent(indent)
            .subsequent_indent(&hang)
            .break_words(false)
            .word_splitter(textwrap::WordSplitter::NoHyphenation)
            .word_separator(textwrap::WordSeparator::Custom(words));
        out.push_str(&textwrap::fill(rest, options));
    }
    out
}

/// The words of `line`: what lies between spaces, except that a run holding wide (CJK)
/// characters is broken further where the Unicode line-breaking rules allow. Only there:
/// those rules would also break after every hyphen and slash, and an id or an address
/// broken in two cannot be copied.
fn words(line: &str) -> Box<dyn Iterator<Item = Word<'_>> + '_> {
    Box::new(WordSeparator::AsciiSpace.find_words(line).flat_map(
        move |w| -> Box<dyn Iterator<Item = Word<'_>> + '_> {
            if display_width(w.word) == w.word.chars().count() {
                return Box::new(std::iter::once(w));
            }
            // The word and its spaces, as one slice of `line`.
            let start = w.word.as_ptr() as usize - line.as_ptr() as usize;
            let piece = &line[start..start + w.word.len() + w.whitespace.len()];
            WordSeparator::UnicodeBreakProperties.find_words(piece)
        },
    ))
}

/// A word longer than this may be broken (a URL); shorter ones are kept whole.
const LONGEST_UNBROKEN: usize = 24;

/// The least a column of prose is left when the short-word columns take their room.
const PROSE_FLOOR: usize = 10;

/// A column whose longest word, with padding, is at most this holds dates, statuses, counts
/// or flags rather than prose.
const SHORT_WORDS: usize = 14;

/// How wide each column of a sheet must be and would like to be, measured once for the
/// split and for every table of it.
struct Widths {
    /// Each column's narrowest width that breaks no word: its longest word, plus padding.
    /// An id counts whole, however long: LONGEST_UNBROKEN is for URLs, and an id broken in
    /// two cannot be copied into `show`.
    min: Vec<usize>,
    /// Each column's width with nothing wrapped: its longest line, plus padding.
    natural: Vec<usize>,
    /// `min` and `natural` of the first column of a sheet of ids as the tables after the
    /// first of a split show it: the id alone, without the title under it.
    id_alone: (usize, usize),
}

impl Widths {
    fn of(sheet: &Sheet) -> Widths {
        let columns = sheet.headers.len();
        let mut min: Vec<usize> = sheet.headers.iter().map(|h| longest_word(h)).collect();
        let mut natural: Vec<usize> = sheet
            .headers
            .iter()
            .map(|h| longest_line(&clean(h)))
            .collect();
        let mut id_alone = (
            min.first().copied().unwrap_or(0),
            natural.first().copied().unwrap_or(0),
        );
        for row in &sheet.rows {
            for (i, item) in row.iter().enumerate().take(columns) {
                let plain = item.plain();
                let ids = sheet.ids && i == 0;
                let id = match plain.lines().next() {
                    Some(first) if ids => first.chars().count(),
                    _ => 0,
                };
                min[i] = min[i].max(longest_word(&plain).max(id));
                natural[i] = natural[i].max(longest_line(&measured(item)));
                if ids {
                    let alone = View::id_alone(item);
                    let plain = alone.plain();
                    let id = plain
                        .lines()
                        .next()
                        .map_or(0, |first| first.chars().count());
                    id_alone.0 = id_alone.0.max(longest_word(&plain).max(id));
                    id_alone.1 = id_alone.1.max(longest_line(&measured(&alone)));
                }
            }
        }
        let pad = |w: &mut usize| *w += 2;
        min.iter_mut().chain(natural.iter_mut()).for_each(pad);
        pad(&mut id_alone.0);
        pad(&mut id_alone.1);
        Widths {
            min,
            natural,
            id_alone,
        }
    }
}

/// The longest word of `text` on screen, a word longer than LONGEST_UNBROKEN counting as
/// that long.
fn longest_word(text: &str) -> usize {
    text.split_whitespace()
        .map(|w| width_of(w).min(LONGEST_UNBROKEN))
        .max()
        .unwrap_or(0)
}

/// The longest line of `text` on screen.
fn longest_line(text: &str) -> usize {
    text.lines().map(width_of).max().unwrap_or(0)
}

/// How many columns `text` takes on screen: its length, for printable ASCII (nearly all
/// of a ledger, and measured for every cell of a large table); else by textwrap, which
/// counts a CJK character two and a combining accent none.
fn width_of(text: &str) -> usize {
    if text.bytes().all(|b| (0x20..0x7f).contains(&b)) {
        text.len()
    } else {
        display_width(text)
    }
}

/// The sheet as one table if it fits `width` without breaking words; otherwise, for a sheet
/// with key columns (a commitment and its owner, a period), its other columns split over as
/// many tables as it takes, each repeating the keys — the way R prints a wide data frame.
/// Without a width (a file, a pipe) nothing needs to fit.
#[cfg(test)]
fn fit(sheet: &Sheet, width: Option<u16>) -> Vec<Sheet> {
    match groups(sheet, &Widths::of(sheet), width) {
        None => vec![sheet.clone()],
        Some(groups) => groups
            .iter()
            .enumerate()
            .map(|(n, cols)| {
                View {
                    sheet,
                    cols,
                    later: n > 0,
                }
                .sheet()
            })
            .collect(),
    }
}

/// The columns of each table `fit` splits `sheet` into; None when it stays one table.
fn groups(sheet: &Sheet, widths: &Widths, width: Option<u16>) -> Option<Vec<Vec<usize>>> {
    let width = width.map(usize::from)?;
    let mins = &widths.min;
    let span = |cols: &[usize]| span(&cols.iter().map(|&i| mins[i]).collect::<Vec<_>>());
    let all: Vec<usize> = (0..sheet.headers.len()).collect();
    let keys = sheet.key_columns.min(all.len());
    if span(&all) <= width || keys == 0 || keys == all.len() {
        return None;
    }
    let mut parts: Vec<Vec<usize>> = Vec::new();
    let mut current: Vec<usize> = (0..keys).collect();
    for i in keys..all.len() {
        current.push(i);
        if span(&current) > width && current.len() > keys + 1 {
            current.pop();
            parts.push(std::mem::replace(
                &mut current,
                (0..keys).chain([i]).collect(),
            ));
        }
    }
    parts.push(current);
    // As many tables as it takes, but with the columns shared out evenly: a last table with
    // one column reads as an afterthought.
    let data: Vec<usize> = (keys..all.len()).collect();
    let per = data.len().div_ceil(parts.len());
    let even: Vec<Vec<usize>> = data
        .chunks(per)
        .map(|c| (0..keys).chain(c.iter().copied()).collect())
        .collect();
    if even.len() == parts.len() && even.iter().all(|cols| span(cols) <= width) {
        parts = even;
    }
    Some(parts)
}

/// One table of a sheet: the columns `cols` of it (all of them, or its key columns and
/// some others when it is split), read from the sheet itself rather than copied out.
struct View<'a> {
    sheet: &'a Sheet,
    cols: &'a [usize],
    /// A table after the first of a split: the id alone says which row it is there; the
    /// title again under it would make every table as tall as the first.
    later: bool,
}

impl View<'_> {
    /// The first column's cell of a row, as a table after the first shows it.
    fn id_alone(item: &Item) -> Cow<'_, Item> {
        match item {
            Item::Text(t) => Cow::Owned(Item::text(t.lines().next().unwrap_or_default())),
            other => Cow::Borrowed(other),
        }
    }

    /// The cells of each row, in the table's order.
    fn rows(&self) -> impl Iterator<Item = impl Iterator<Item = Cow<'_, Item>>> {
        self.sheet.rows.iter().map(|r| {
            self.cols
                .iter()
                .filter_map(|&i| r.get(i))
                .enumerate()
                .map(|(j, item)| {
                    if self.later && j == 0 && self.sheet.ids {
                        Self::id_alone(item)
                    } else {
                        Cow::Borrowed(item)
                    }
                })
        })
    }

    /// Each column's `Widths::min`.
    fn mins(&self, widths: &Widths) -> Vec<usize> {
        self.widths(&widths.min, widths.id_alone.0)
    }

    fn widths(&self, of: &[usize], id_alone: usize) -> Vec<usize> {
        self.cols
            .iter()
            .map(|&i| {
                if self.later && i == 0 && self.sheet.ids {
                    id_alone
                } else {
                    of[i]
                }
            })
            .collect()
    }

    /// The table as a sheet of its own, for the tests of the split.
    #[cfg(test)]
    fn sheet(&self) -> Sheet {
        Sheet {
            headers: self
                .cols
                .iter()
                .map(|&i| self.sheet.headers[i].clone())
                .collect(),
            rows: self
                .rows()
                .map(|r| r.map(Cow::into_owned).collect())
                .collect(),
            key_columns: self.sheet.key_columns.min(self.cols.len()),
            ids: self.sheet.ids,
        }
    }

    fn table(&self, widths: &Widths, palette: &Palette, style: Style, width: Option<u16>) -> Table {
        let headers: Vec<&str> = self
            .cols
            .iter()
            .map(|&i| self.sheet.headers[i].as_str())
            .collect();
        let mut t = new(&headers, style, width);
        for row in self.rows() {
            t.add_row(row.map(|item| cell(&item, palette, style)));
        }
        if let Some(width) = width {
            let natural = self.widths(&widths.natural, widths.id_alone.1);
            fit_columns(&mut t, &self.mins(widths), &natural, self.sheet.ids, width);
        }
        t
    }
}

/// Columns, padding and borders: how wide a table of these columns is at the least.
fn span(mins: &[usize]) -> usize {
    mins.iter().sum::<usize>() + mins.len() + 1
}

/// An empty table with `headers`: ASCII or Unicode borders, colour only when the caller
/// says, and as wide as `width` (when there is one) at the most.
pub(super) fn new<H: AsRef<str>>(headers: &[H], style: Style, width: Option<u16>) -> Table {
    let mut t = Table::new();
    t.load_style(if style.ascii {
        presets::ASCII_FULL_CONDENSED
    } else {
        presets::UTF8_FULL_CONDENSED
    })
    .set_content_arrangement(ContentArrangement::Dynamic)
    .set_header(headers.iter().map(|h| Cell::new(clean(h.as_ref()))));
    // Set here rather than left to comfy-table, which stops measuring the terminal once
    // colour is off (NO_COLOR on a terminal would otherwise give an unwrapped table).
    if let Some(w) = width {
        t.set_width(w.max(40));
    }
    // The caller has decided (a terminal, or --color always; never with NO_COLOR): comfy-table
    // would otherwise check for a terminal again and drop the colour --color always asked for.
    if style.color {
        t.enforce_styling();
    } else {
        t.force_no_tty();
    }
    t
}

/// Where the words fit, ask comfy-table to keep them whole: it would otherwise share the
/// width out evenly and print `Announc` / `ed`. When not every column's words can fit,
/// the columns of short words (dates, statuses, counts, flags) keep theirs and the
/// columns of prose wrap in what is left.
fn fit_columns(t: &mut Table, mins: &[usize], natural: &[usize], ids: bool, width: u16) {
    let width = usize::from(width);
    if span(natural) <= width {
        return;
    }
    // Everyone's words if they fit; else only short-word columns, so that the long
    // prose columns share what is left rather than one of them taking it all. The
    // ids come before everything: without a constraint of their own, comfy-table
    // shares the width out and `fr-mobile-unit` prints as `fr-mobile-u` / `nit`.
    let ids = ids && !mins.is_empty();
    let mut order: Vec<usize> = (0..mins.len())
        .filter(|&i| !(ids && i == 0))
        .filter(|&i| span(mins) <= width || mins[i] <= SHORT_WORDS)
        .collect();
    order.sort_by_key(|&i| (mins[i], i));
    if ids {
        order.insert(0, 0);
    }
    let mut kept = vec![false; mins.len()];
    for i in order {
        kept[i] = true;
        let need: Vec<usize> = (0..mins.len())
            .map(|j| {
                if kept[j] {
                    mins[j]
                } else {
                    mins[j].min(PROSE_FLOOR)
                }
            })
            .collect();
        if span(&need) > width {
            kept[i] = false;
            break;
        }
    }
    for ((column, &min), keep) in t.column_iter_mut().zip(mins).zip(kept) {
        if keep {
            let min = u16::try_from(min).unwrap_or(u16::MAX);
            column.set_constraint(ColumnConstraint::LowerBoundary(Width::Fixed(min)));
        }
    }
}

/// What a cell shows: links as their title with the address on the next line.
fn text(item: &Item) -> String {
    match item {
        Item::Links(links) => clean(
            &links
                .iter()
                .map(|l| match &l.url {
                    Some(u) => format!("{}\n{u}", l.text),
                    None => l.text.clone(),
                })
                .collect::<Vec<_>>()
                .join("\n"),
        ),
        other => clean(&other.plain()),
    }
}

/// What `text` gives, without a copy in the usual case of plain text with no control
/// characters: for measuring every cell, which a large table does several times.
fn measured(item: &Item) -> Cow<'_, str> {
    match item {
        Item::Links(_) => Cow::Owned(text(item)),
        other => {
            let plain = other.plain();
            if has_control(&plain) {
                Cow::Owned(clean(&plain))
            } else {
                plain
            }
        }
    }
}

fn cell(item: &Item, palette: &Palette, style: Style) -> Cell {
    let c = Cell::new(text(item));
    match item {
        Item::Status { index, .. } if style.color => {
            match palette.statuses.get(*index).and_then(|s| s.terminal) {
                Some(color) => c.fg(color),
                None => c,
            }
        }
        _ => c,
    }
}

/// `COLUMNS` when set (so that scripts and tests get a fixed width).
fn columns() -> Option<u16> {
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse::<u16>().ok())
}

/// The width to fit: `COLUMNS`, else the terminal's; None when there is neither.
pub fn width() -> Option<u16> {
    columns().or_else(terminal_width)
}

/// Standard output's terminal width; None when it is a file or a pipe.
fn terminal_width() -> Option<u16> {
    terminal_size::terminal_size().map(|(w, _)| w.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `sheet` as one table at `width`.
    fn one_table(sheet: &Sheet, width: u16) -> String {
        let cols: Vec<usize> = (0..sheet.headers.len()).collect();
        let view = View {
            sheet,
            cols: &cols,
            later: false,
        };
        view.table(
            &Widths::of(sheet),
            &Palette::default(),
            Style::default(),
            Some(width),
        )
        .to_string()
    }

    fn sheet() -> Sheet {
        let row = |id: &str| {
            let mut r = vec![Item::text(id)];
            r.extend((0..6).map(|_| Item::text("In progress *")));
            r
        };
        Sheet {
            headers: ["Commitment", "Q1", "Q2", "Q3", "Q4", "Q5", "Q6"]
                .map(String::from)
                .to_vec(),
            rows: vec![row("fr-mobile-unit"), row("de-law")],
            key_columns: 1,
            ids: false,
        }
    }

    #[test]
    fn wide_sheets_split_by_columns_repeating_the_keys() {
        assert_eq!(
            fit(&sheet(), None).len(),
            1,
            "nothing to fit without a width"
        );
        assert_eq!(fit(&sheet(), Some(200)).len(), 1);
        // Commitment needs 16 ("fr-mobile-unit" and padding), each period 10 ("progress"),
        // and a border each and one more: three periods make 51, four 62.
        let parts = fit(&sheet(), Some(60));
        let headers: Vec<Vec<String>> = parts.iter().map(|p| p.headers.clone()).collect();
        assert_eq!(
            headers,
            [
                vec!["Commitment", "Q1", "Q2", "Q3"],
                vec!["Commitment", "Q4", "Q5", "Q6"]
            ]
        );
        assert_eq!(parts[1].rows[1][0], Item::text("de-law"));
        let none = Sheet {
            key_columns: 0,
            ..sheet()
        };
        assert_eq!(
            fit(&none, Some(60)).len(),
            1,
            "a sheet without keys is never split"
        );
    }

    #[test]
    fn words_are_not_broken_when_they_fit() {
        let part = &fit(&sheet(), Some(60))[0];
        let text = one_table(part, 60);
        assert!(text.lines().all(|l| l.chars().count() <= 60), "{text}");
        assert!(
            text.contains("progress *") || text.contains("progress"),
            "{text}"
        );
        assert!(
            !text.contains("progres\n") && !text.contains("In prog "),
            "{text}"
        );
    }

    #[test]
    fn notes_wrap_at_spaces() {
        let words = "one two three four five six seven eight nine ten eleven twelve";
        assert_eq!(
            wrap(words, Some(40)),
            "one two three four five six seven eight\nnine ten eleven twelve"
        );
        assert_eq!(wrap(words, None), words, "no width, no wrapping");
        assert_eq!(
            wrap(words, Some(20)),
            wrap(words, Some(40)),
            "at least 40, as for tables"
        );
        assert_eq!(wrap("short\nlines stay", Some(40)), "short\nlines stay");
        let long = format!("see https://example.org/{} here", "a".repeat(40));
        assert_eq!(wrap(&long, Some(40)), long.replace(' ', "\n"));
        assert_eq!(
            wrap(&format!("  - {words}"), Some(40)),
            "  - one two three four five six seven\n    eight nine ten eleven twelve"
        );
    }

    /// A CJK character is two columns on screen, and CJK text has no spaces: it is broken
    /// between characters (not after the opening bracket, not before the full stop) so that
    /// no line is wider than the width, and a line of Latin text beside it keeps its ids whole.
    #[test]
    fn cjk_text_wraps_by_screen_width() {
        let zh = "法国将组建一支专门的机动部队，以应对小船从海岸出发的情况，并与英国分享情报。";
        let wrapped = wrap(zh, Some(40));
        assert!(wrapped.lines().count() >= 2, "{wrapped}");
        for line in wrapped.lines() {
            assert!(display_width(line) <= 40, "{line:?} is wider than 40");
            assert!(!line.starts_with(['，', '。']), "{wrapped}");
        }
        assert_eq!(wrapped.replace('\n', ""), zh, "nothing lost or added");
        let ja = "  - 「小型ボートの出発を監視する専門の機動部隊を配備する」との約束は、まだ確認できていない。";
        let wrapped = wrap(ja, Some(40));
        let mut lines = wrapped.lines();
        assert!(lines.next().unwrap().starts_with("  - 「"), "{wrapped}");
        for line in lines {
            assert!(line.starts_with("    "), "hangs under the text: {wrapped}");
            assert!(display_width(line) <= 40, "{wrapped}");
        }
        let mixed = format!("{} fr-mobile-unit-with-a-long-name-here", "合".repeat(15));
        let wrapped = wrap(&mixed, Some(40));
        assert!(
            wrapped
                .lines()
                .any(|l| l == "fr-mobile-unit-with-a-long-name-here"),
            "{wrapped}"
        );
    }

    /// French puts a no-break space before `:` and inside « »: the line is never broken
    /// there, and the space stays a no-break space (the old loop split at every whitespace
    /// character and joined with plain spaces).
    #[test]
    fn no_break_spaces_are_kept_and_not_broken_at() {
        let fr = "Chaque statut repose sur des preuves citées\u{a0}: une déclaration, une loi ou un rapport, et «\u{a0}sans source\u{a0}» le signale.";
        let wrapped = wrap(fr, Some(40));
        assert_eq!(wrapped.replace('\n', " "), fr, "{wrapped}");
        for line in wrapped.lines() {
            assert!(
                !line.ends_with("citées") && !line.starts_with(':'),
                "{wrapped}"
            );
        }
    }

    #[test]
    fn an_id_of_the_longest_allowed_kind_is_whole_at_80_columns() {
        let id = "a".repeat(64);
        let status = Sheet {
            headers: ["Commitment", "Owner", "Status", "Since", "Due", "Flags"]
                .map(String::from)
                .to_vec(),
            rows: vec![vec![
                Item::text(format!("{id}\nA title of several words to wrap")),
                Item::text("United Kingdom (HM Government)"),
                Item::text("In progress"),
                Item::text("2025-06-18"),
                Item::text("2026-03-31"),
                Item::text("overdue"),
            ]],
            key_columns: 1,
            ids: true,
        };
        for part in fit(&status, Some(80)) {
            let text = one_table(&part, 80);
            assert!(text.contains(&id), "{text}");
            assert!(text.lines().all(|l| l.chars().count() <= 80), "{text}");
        }
    }
}
