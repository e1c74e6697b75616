//! The terminal: comfy-table tables that fit the terminal's width, colour only when the
//! caller says so (a terminal, and no NO_COLOR), and no control character from the ledger
//! ever reaching the screen.

use comfy_table::{Cell, ContentArrangement, Table, presets};

use super::{Block, Document, Item, Palette, Sheet, Style, chart, clean};

pub fn render(doc: &Document, style: Style) -> String {
    let mut out = String::new();
    out.push_str(&clean(&doc.title));
    out.push('\n');
    if !doc.subtitle.is_empty() {
        out.push_str(&clean(&doc.subtitle));
        out.push('\n');
    }
    for block in &doc.blocks {
        out.push('\n');
        match block {
            Block::Heading(h) => {
                out.push_str(&clean(h));
                out.push('\n');
            }
            Block::Note(n) => {
                out.push_str(&clean(n));
                out.push('\n');
            }
            Block::Table(sheet) => {
                out.push_str(&sheet_table(sheet, &doc.palette, style).to_string());
                out.push('\n');
            }
            Block::Chart(c) => out.push_str(&chart::render(
                c,
                style.ascii,
                width(),
                style.color.then_some(&doc.palette),
            )),
        }
    }
    out
}

fn sheet_table(sheet: &Sheet, palette: &Palette, style: Style) -> Table {
    let mut t = Table::new();
    t.load_style(if style.ascii {
        presets::ASCII_FULL_CONDENSED
    } else {
        presets::UTF8_FULL_CONDENSED
    })
    .set_content_arrangement(ContentArrangement::Dynamic)
    .set_header(sheet.headers.iter().map(|h| Cell::new(clean(h))));
    // Set here rather than left to comfy-table, which stops measuring the terminal once
    // colour is off (NO_COLOR on a terminal would otherwise give an unwrapped table).
    if let Some(w) = columns().or_else(terminal_width) {
        t.set_width(w.max(40));
    }
    // The caller has decided (a terminal, or --color always; never with NO_COLOR): comfy-table
    // would otherwise check for a terminal again and drop the colour --color always asked for.
    if style.color {
        t.enforce_styling();
    } else {
        t.force_no_tty();
    }
    for row in &sheet.rows {
        t.add_row(row.iter().map(|item| cell(item, palette, style)));
    }
    t
}

fn cell(item: &Item, palette: &Palette, style: Style) -> Cell {
    let c = Cell::new(clean(&match item {
        Item::Links(links) => links
            .iter()
            .map(|l| match &l.url {
                Some(u) => format!("{}\n{u}", l.text),
                None => l.text.clone(),
            })
            .collect::<Vec<_>>()
            .join("\n"),
        other => other.plain(),
    }));
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

/// Standard output's terminal width; None when it is a file or a pipe.
pub fn terminal_width() -> Option<u16> {
    terminal_size::terminal_size().map(|(w, _)| w.0)
}

/// The width to draw charts in: `COLUMNS`, else the terminal's, else 80.
fn width() -> usize {
    columns().or_else(terminal_width).map_or(80, usize::from)
}
