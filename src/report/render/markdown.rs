//! Markdown: GitHub-flavoured, for pasting into briefings.
//!
//! Ledger text is escaped so that it reads as itself whatever it holds: a `|` in a title
//! would otherwise end the cell, a `<script>` would be raw HTML, a `*` emphasis, a `[..](..)`
//! a link. Line breaks inside a cell become `<br>`, the one way a GFM table cell holds more
//! than one line (GitHub renders it; it is the only raw HTML this writer emits). Links are
//! written only for http(s) addresses.

use super::{Block, Document, Item, Link, Sheet, Style, chart, clean};
use crate::model::is_web_url;

pub fn render(doc: &Document, style: Style) -> String {
    let mut out = format!("# {}\n", inline(&doc.title));
    if !doc.subtitle.is_empty() {
        out.push('\n');
        out.push_str(&paragraph(&doc.subtitle));
    }
    for block in &doc.blocks {
        out.push('\n');
        match block {
            Block::Heading(h) => out.push_str(&format!("## {}\n", inline(h))),
            Block::Note(n) => out.push_str(&paragraph(n)),
            Block::Table(sheet) => out.push_str(&table(sheet)),
            Block::Chart(c) => {
                let body = chart::render(c, style.ascii, 80, None);
                let fence = "`".repeat(longest_run(&body, '`').max(2) + 1);
                out.push_str(&format!("{fence}text\n{body}{fence}\n"));
            }
        }
    }
    out
}

/// A GFM pipe table.
pub fn table(sheet: &Sheet) -> String {
    let row = |cells: Vec<String>| format!("| {} |\n", cells.join(" | "));
    let mut out = row(sheet.headers.iter().map(|h| cell_text(h)).collect());
    out.push_str(&row(sheet
        .headers
        .iter()
        .map(|_| "---".to_string())
        .collect()));
    for r in &sheet.rows {
        out.push_str(&row(r.iter().map(item).collect()));
    }
    out
}

fn item(item: &Item) -> String {
    match item {
        Item::Links(links) => links.iter().map(link).collect::<Vec<_>>().join("<br>"),
        other => cell_text(&other.plain()),
    }
}

/// `[title](url)` for a web address; the title alone otherwise.
fn link(l: &Link) -> String {
    match &l.url {
        Some(u) if is_web_url(u) => format!("[{}]({})", cell_text(&l.text), destination(u)),
        Some(u) => format!("{} ({})", cell_text(&l.text), cell_text(u)),
        None => cell_text(&l.text),
    }
}

/// A link destination that no character of the URL can end early or turn into markup: the
/// few that mean something there are percent-encoded, which leaves the address the same.
fn destination(url: &str) -> String {
    let mut out = String::new();
    for c in url.chars() {
        match c {
            '(' | ')' | '<' | '>' | '[' | ']' | '|' | '\\' | '`' | '"' | '\'' | ' ' => {
                out.push_str(&format!("%{:02X}", c as u32));
            }
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Text in a table cell: escaped, with line breaks as `<br>`.
fn cell_text(text: &str) -> String {
    clean(text)
        .trim()
        .lines()
        .map(inline)
        .collect::<Vec<_>>()
        .join("<br>")
}

/// A paragraph: each line escaped, and a line that would start a heading, list, quote or
/// rule escaped at its start too.
fn paragraph(text: &str) -> String {
    let mut out = String::new();
    for line in clean(text).lines() {
        let escaped = inline(line.trim_start());
        let needs = escaped.starts_with(['-', '+', '=', '#', '>'])
            || escaped.split_once(['.', ')']).is_some_and(|(n, _)| {
                !n.is_empty() && n.len() < 10 && n.bytes().all(|b| b.is_ascii_digit())
            });
        if needs {
            out.push('\\');
            // An ordered-list marker is escaped at its dot, not its first digit.
            if escaped.starts_with(|c: char| c.is_ascii_digit())
                && let Some(i) = escaped.find(['.', ')'])
            {
                out.pop();
                out.push_str(&escaped[..i]);
                out.push('\\');
                out.push_str(&escaped[i..]);
                out.push('\n');
                continue;
            }
        }
        out.push_str(&escaped);
        out.push('\n');
    }
    out
}

/// Backslash before every character that means something inline in GFM. (Any ASCII
/// punctuation may be escaped in CommonMark, so this never shows a stray backslash.)
fn inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in clean(text).chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '&' | '|' | '~' | '!' | '#'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

fn longest_run(text: &str, c: char) -> usize {
    let mut best = 0;
    let mut run = 0;
    for ch in text.chars() {
        run = if ch == c { run + 1 } else { 0 };
        best = best.max(run);
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_survive_pipes_markup_and_newlines() {
        assert_eq!(cell_text("a | b"), "a \\| b");
        assert_eq!(
            cell_text("<script>x</script>"),
            "\\<script\\>x\\</script\\>"
        );
        assert_eq!(cell_text("one\ntwo"), "one<br>two");
        assert_eq!(cell_text("\x1b[31mred\x1b[0m"), "red");
    }

    #[test]
    fn only_web_links_are_links() {
        let l = |u: &str| {
            link(&Link {
                text: "t".into(),
                url: Some(u.into()),
            })
        };
        assert_eq!(l("https://x.org/a(b)|c"), "[t](https://x.org/a%28b%29%7Cc)");
        assert_eq!(l("javascript:alert(1)"), "t (javascript:alert(1))");
    }

    #[test]
    fn paragraphs_cannot_become_blocks() {
        assert_eq!(paragraph("# not a heading"), "\\# not a heading\n");
        assert_eq!(paragraph("- not a list"), "\\- not a list\n");
        assert_eq!(paragraph("2025. not a list"), "2025\\. not a list\n");
        assert_eq!(paragraph("plain text"), "plain text\n");
    }
}
