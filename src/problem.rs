//! A problem found in a ledger file, with where it is and what would be valid. Its own
//! module, apart from `store` which finds them, because `error` carries and renders them and
//! the store returns the crate's `Error`: kept inside `store`, the two would import each other.

use std::fmt::Write as _;
use std::path::Path;

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Position {
    /// 1-based.
    pub line: usize,
    /// 1-based, in characters.
    pub column: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    pub at: Option<Position>,
    /// What the person wrote there, if it helps to repeat it.
    pub found: Option<String>,
    pub message: String,
    /// What would be valid.
    pub help: Option<String>,
    /// Reading stopped here (a YAML syntax error, an unknown field): problems further on are
    /// not known yet, so the summary must not suggest this is the only one.
    pub stopped_reading: bool,
}

impl Problem {
    pub fn new(at: Option<Position>, message: impl Into<String>) -> Self {
        Problem {
            at,
            found: None,
            message: message.into(),
            help: None,
            stopped_reading: false,
        }
    }

    pub fn stops_reading(mut self) -> Self {
        self.stopped_reading = true;
        self
    }

    pub fn found(mut self, text: impl Into<String>) -> Self {
        self.found = Some(text.into());
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// `path:line:col: message`, the offending line with a marker under it, and the help.
    /// This is the shape editors and CI logs recognise, so a click can take a person there.
    pub fn render(&self, path: &Path, source: Option<&str>) -> String {
        let mut out = String::new();
        let shown = path.display();
        let message = shortened_quotes(&self.message);
        match &self.at {
            Some(p) => {
                let _ = write!(out, "{shown}:{}:{}: {}", p.line, p.column, message);
            }
            None => {
                let _ = write!(out, "{shown}: {}", message);
            }
        }
        if let (Some(p), Some(src)) = (&self.at, source)
            && let Some(line) = src.lines().nth(p.line.saturating_sub(1))
        {
            let line = line.trim_end_matches('\r');
            let number = p.line.to_string();
            let pad = " ".repeat(number.len());
            let (visible, col) = window(line, p.column.saturating_sub(1));
            let width = self
                .found
                .as_ref()
                .map_or(1, |f| f.chars().count().clamp(1, 60))
                .min(visible.chars().count().saturating_sub(col).max(1));
            let _ = write!(
                out,
                "\n{pad} |\n{number} | {visible}\n{pad} | {}{}",
                " ".repeat(col),
                "^".repeat(width)
            );
        } else if let Some(found) = &self.found {
            let _ = write!(out, "\n  found: {}", shortened(found));
        }
        if let Some(help) = &self.help {
            let _ = write!(out, "\n  = help: {help}");
        }
        out
    }
}

/// The part of `line` to show around character `col`, and where `col` falls in it. A line of
/// thousands of characters (10,000 nested brackets, a minified paste) is cut to a window
/// around the problem, so the message stays readable.
fn window(line: &str, col: usize) -> (String, usize) {
    const WIDTH: usize = 100;
    const BEFORE: usize = 40;
    let chars: Vec<char> = line.chars().map(visible_char).collect();
    let col = col.min(chars.len());
    if chars.len() <= WIDTH {
        return (chars.into_iter().collect(), col);
    }
    let start = col
        .saturating_sub(BEFORE)
        .min(chars.len().saturating_sub(WIDTH));
    let end = (start + WIDTH).min(chars.len());
    let mut shown = String::new();
    let mut at = col - start;
    if start > 0 {
        shown.push('…');
        at += 1;
    }
    shown.extend(&chars[start..end]);
    if end < chars.len() {
        shown.push('…');
    }
    (shown, at)
}

/// Longest value a message quotes whole; longer ones (a paste gone wrong, a hostile file) are
/// cut to their start and `…`, so that a message stays a line or two.
const QUOTED: usize = 60;

/// `text` as a message quotes it: at most `QUOTED` characters, control characters shown.
pub(crate) fn shortened(text: &str) -> String {
    let mut out: String = text.chars().take(QUOTED).map(visible_char).collect();
    if text.chars().nth(QUOTED).is_some() {
        out.push('…');
    }
    out
}

/// The message with each `` `quoted` `` value longer than `QUOTED` characters shortened.
pub fn shortened_quotes(message: &str) -> String {
    let mut out = String::with_capacity(message.len().min(4096));
    let mut parts = message.split('`');
    if let Some(first) = parts.next() {
        out.push_str(first);
    }
    for (i, part) in parts.enumerate() {
        out.push('`');
        // Odd pieces are inside backticks.
        if i % 2 == 0 {
            out.push_str(&shortened(part));
        } else {
            out.push_str(part);
        }
    }
    out
}

/// Control characters (a stray escape sequence, a tab) are shown, never sent to the terminal.
fn visible_char(c: char) -> char {
    match c {
        '\t' => '→',
        c if c.is_control() => '�',
        c => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_quoted_values_are_shortened_in_messages() {
        let long = "z".repeat(3000);
        let m = shortened_quotes(&format!("unknown status `{long}` here; use `a`"));
        assert_eq!(
            m,
            format!("unknown status `{}…` here; use `a`", "z".repeat(60))
        );
        assert_eq!(shortened_quotes("no quotes"), "no quotes");
        assert_eq!(shortened_quotes("a `b"), "a `b");
        assert_eq!(shortened("a\u{7}b"), "a�b");
        assert_eq!(shortened(&long).chars().count(), 61);
    }
}
