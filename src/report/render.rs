//! Shared pieces of terminal output: tables that fit the terminal, colour only when wanted,
//! and text made safe to print.

use comfy_table::{Cell, Color, ContentArrangement, Table, presets};

use crate::model::{Date, Vocabulary};

/// A table that wraps to the terminal's width (or `COLUMNS`, when set).
pub fn table(headers: &[&str], color: bool) -> Table {
    let mut t = Table::new();
    t.load_style(presets::UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_header(headers.iter().map(Cell::new));
    if let Some(w) = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse::<u16>().ok())
    {
        t.set_width(w.max(40));
    }
    if !color {
        t.force_no_tty();
    }
    t
}

/// Text from the ledger, made safe for a terminal: control characters (such as the escape
/// that starts a colour or cursor sequence) are dropped; line breaks stay.
pub fn clean(text: &str) -> String {
    text.chars()
        .filter(|c| *c == '\n' || !c.is_control())
        .collect()
}

pub fn cell(text: &str) -> Cell {
    Cell::new(clean(text))
}

pub fn date_cell(d: Option<Date>) -> Cell {
    Cell::new(d.map_or_else(|| "—".to_string(), |d| d.to_string()))
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

pub fn flag_cell(on: bool, text: &str, color: bool) -> Cell {
    if !on {
        return Cell::new("");
    }
    let c = Cell::new(text);
    if color { c.fg(Color::Red) } else { c }
}

/// Pretty JSON with a final newline.
pub fn json<T: serde::Serialize>(value: &T) -> String {
    let mut s =
        serde_json::to_string_pretty(value).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    s.push('\n');
    s
}
