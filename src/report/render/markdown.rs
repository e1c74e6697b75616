//! Markdown: GitHub-flavoured, for pasting into briefings.
//!
//! Ledger text is escaped so that it reads as itself whatever it holds: a `|` in a title
//! would otherwise end the cell, a `<script>` would be raw HTML, a `*` emphasis, a `[..](..)`
//! a link. Links are written only for http(s) addresses.
//!
//! No raw HTML at all, so that every reader renders every value: cmark in safe mode drops raw
//! HTML, and pandoc's Word output runs `<br>`-separated lines together. A GFM table cell holds
//! one line, so cells are kept to one: a commitment's id and title (`Sheet::ids`) get a
//! column each, several short values (flags, links) are joined with `; `, and a cell of text
//! that has line breaks of its own (a note written on two lines) shows a reference, `[1]`,
//! to a list under the table where the text keeps its lines.

use super::{Block, Document, Item, Link, Sheet, Style, chart, clean};
use crate::model::{Language, is_web_url};

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
            // Each line of a note stays a line: a hard break (backslash) ends all but the last.
            Block::Note(n) => {
                let p = paragraph(n);
                let lines: Vec<&str> = p.lines().collect();
                out.push_str(&lines.join("\\\n"));
                out.push('\n');
            }
            Block::Table(sheet) => out.push_str(&table(sheet, doc.language)),
            Block::Chart(c) => {
                let body = chart::render(c, style.ascii, 80, None);
                let fence = "`".repeat(longest_run(&body, '`').max(2) + 1);
                out.push_str(&format!("{fence}text\n{body}{fence}\n"));
            }
        }
    }
    out
}

/// A GFM pipe table, and under it the list of the cells too long for one line.
pub fn table(sheet: &Sheet, language: Language) -> String {
    // The id and the title in a column each: the first column holds both, one per line.
    let split = sheet.ids
        && sheet
            .rows
            .iter()
            .any(|r| r.first().is_some_and(|c| c.plain().contains('\n')));
    let row = |cells: Vec<String>| format!("| {} |\n", cells.join(" | "));
    let mut headers: Vec<String> = sheet.headers.iter().map(|h| one_line(h)).collect();
    if split {
        headers.insert(0, crate::tr!(language, "id"));
    }
    let mut out = row(headers.clone());
    out.push_str(&row(headers.iter().map(|_| "---".to_string()).collect()));
    let mut notes = Vec::new();
    for r in &sheet.rows {
        let mut cells = Vec::with_capacity(r.len() + 1);
        for (i, it) in r.iter().enumerate() {
            if i == 0 && split {
                let text = clean(&it.plain());
                let (id, title) = text.split_once('\n').unwrap_or((&text, ""));
                cells.push(one_line(id));
                cells.push(text_cell(title, &mut notes));
            } else {
                cells.push(item(it, &mut notes));
            }
        }
        out.push_str(&row(cells));
    }
    if !notes.is_empty() {
        out.push('\n');
        for (n, text) in notes.iter().enumerate() {
            let lines: Vec<&str> = text.lines().collect();
            out.push_str(&format!("- \\[{}\\] {}\n", n + 1, lines.join("\\\n  ")));
        }
    }
    out
}

fn item(item: &Item, notes: &mut Vec<String>) -> String {
    match item {
        Item::Links(links) => links.iter().map(link).collect::<Vec<_>>().join("; "),
        Item::List(values) if values.iter().all(|v| !clean(v).trim().contains('\n')) => {
            let mut out = String::new();
            for v in values.iter().map(|v| one_line(v)).filter(|v| !v.is_empty()) {
                // A sentence already ends itself: "found. UNSOURCED", not "found.; UNSOURCED".
                if !out.is_empty() {
                    out.push_str(if out.ends_with(['.', ';', ':', '!', '?']) {
                        " "
                    } else {
                        "; "
                    });
                }
                out.push_str(&v);
            }
            out
        }
        Item::List(values) => text_cell(&values.join("\n"), notes),
        other => text_cell(&other.plain(), notes),
    }
}

/// A cell of text: itself when it is one line, else a reference to the list under the table
/// (`notes`), where each of its lines is a paragraph line, escaped as one, joined by hard line
/// breaks (a backslash at the end of a line: CommonMark's own, no HTML).
fn text_cell(text: &str, notes: &mut Vec<String>) -> String {
    let text = clean(text);
    let text = text.trim();
    if !text.contains('\n') {
        return inline(text);
    }
    notes.push(paragraph(text).trim_end().to_string());
    format!("\\[{}\\]", notes.len())
}

/// `[title](url)` for a web address; the title alone otherwise.
fn link(l: &Link) -> String {
    match &l.url {
        Some(u) if is_web_url(u) => format!("[{}]({})", one_line(&l.text), destination(u)),
        Some(u) => format!("{} ({})", one_line(&l.text), one_line(u)),
        None => one_line(&l.text),
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

/// Text known to be one line (a header, an id, a link's title): escaped, any line break
/// read as a space.
fn one_line(text: &str) -> String {
    inline(&clean(text).trim().replace('\n', " "))
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
        let mut notes = Vec::new();
        assert_eq!(text_cell("a | b", &mut notes), "a \\| b");
        assert_eq!(
            text_cell("<script>x</script>", &mut notes),
            "\\<script\\>x\\</script\\>"
        );
        assert_eq!(text_cell("\x1b[31mred\x1b[0m", &mut notes), "red");
        assert!(notes.is_empty());
        assert_eq!(text_cell("one\n- two", &mut notes), "\\[1\\]");
        assert_eq!(notes, ["one\n\\- two"]);
    }

    #[test]
    fn a_table_holds_no_html_and_one_line_a_cell() {
        let sheet = Sheet {
            headers: vec!["Commitment".into(), "Flags".into(), "Note".into()],
            rows: vec![vec![
                Item::text("law\nPass a law"),
                Item::List(vec!["overdue".into(), "stale".into()]),
                Item::text("line one\nline | two"),
            ]],
            key_columns: 1,
            ids: true,
        };
        assert_eq!(
            table(&sheet, Language::En),
            "| Id | Commitment | Flags | Note |\n| --- | --- | --- | --- |\n| law | Pass a law | overdue; stale | \\[1\\] |\n\n- \\[1\\] line one\\\n  line \\| two\n"
        );
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
