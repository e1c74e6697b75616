//! Evidence that two people added independently under the same id.
//!
//! Evidence ids are derived from the publisher, the date and a word from the address, or given
//! with `--id`, so two researchers can still end up with one id for two sources. Both entries
//! are real: theirs is kept under a new id (`home-office-2025-06-01-2`), and their events that
//! cite it are made to cite the new id. The same is done to their text, line by line and only where an
//! id is written (an `id:` line, an `evidence:` list), so that their comments and layout go
//! through the merge untouched; the driver then checks that the rewritten text reads as the
//! renamed ledger before using it.

use std::collections::HashSet;
use std::ops::Range;

use crate::model::Ledger;

/// One evidence entry of theirs given a new id.
#[derive(Debug, Clone, PartialEq)]
pub struct Rename {
    /// The commitment's id and its position in their ledger.
    pub commitment: String,
    pub index: usize,
    pub from: String,
    pub to: String,
    /// How many of their events cite it.
    pub events: usize,
}

impl Rename {
    /// What the driver says about it.
    pub fn words(&self) -> String {
        let cited = match self.events {
            0 => String::new(),
            1 => "; their event that cites it now cites the new id".into(),
            n => format!("; their {n} events that cite it now cite the new id"),
        };
        format!(
            "`{}`: evidence `{}` was added on both sides with different content; theirs is kept as `{}`{cited}",
            self.commitment, self.from, self.to
        )
    }
}

/// THEIRS with every evidence id that both sides added, with different content, renamed.
pub fn separate(base: &Ledger, ours: &Ledger, theirs: &Ledger) -> (Ledger, Vec<Rename>) {
    let mut out = theirs.clone();
    let mut renames = Vec::new();
    for (index, t) in out.commitments.iter_mut().enumerate() {
        let Some(o) = ours.commitments.iter().find(|o| o.id == t.id) else {
            continue;
        };
        let b = base.commitments.iter().find(|b| b.id == t.id);
        let in_base = |id: &str| b.is_some_and(|b| b.evidence.iter().any(|e| e.id == id));
        let mut taken: HashSet<String> = o
            .evidence
            .iter()
            .chain(&t.evidence)
            .chain(b.iter().flat_map(|b| &b.evidence))
            .map(|e| e.id.clone())
            .collect();
        for i in 0..t.evidence.len() {
            let from = t.evidence[i].id.clone();
            let collides = !in_base(&from)
                && o.evidence
                    .iter()
                    .any(|oe| oe.id == from && *oe != t.evidence[i]);
            if !collides {
                continue;
            }
            let to = (2..)
                .map(|n| format!("{from}-{n}"))
                .find(|id| !taken.contains(id))
                .expect("a free id");
            taken.insert(to.clone());
            t.evidence[i].id = to.clone();
            let mut events = 0;
            for e in &mut t.history {
                let mut cites = false;
                for r in e.evidence.iter_mut().filter(|r| **r == from) {
                    *r = to.clone();
                    cites = true;
                }
                events += usize::from(cites);
            }
            renames.push(Rename {
                commitment: t.id.clone(),
                index,
                from,
                to,
                events,
            });
        }
    }
    (out, renames)
}

/// `text` with the renames made inside the records they belong to (`records`: each record's
/// byte range, in ledger order). Only ids in value positions change: the value of an `id:`
/// key, the items of an `evidence:` flow list, and block-list items that are the id alone.
/// Comments, notes and URLs are left as they are.
pub fn rename_in_text(text: &str, records: &[Range<usize>], renames: &[Rename]) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut at = 0;
    let mut spans: Vec<(Range<usize>, Vec<&Rename>)> = records
        .iter()
        .enumerate()
        .filter_map(|(i, r)| {
            let mine: Vec<&Rename> = renames.iter().filter(|n| n.index == i).collect();
            (!mine.is_empty()).then(|| (r.clone(), mine))
        })
        .collect();
    spans.sort_by_key(|(r, _)| r.start);
    for (range, mine) in spans {
        out.push_str(&text[at..range.start]);
        for line in text[range.clone()].split_inclusive('\n') {
            let mut line = line.to_string();
            for n in &mine {
                line = rename_line(&line, &n.from, &n.to);
            }
            out.push_str(&line);
        }
        at = range.end;
    }
    out.push_str(&text[at..]);
    out
}

fn rename_line(line: &str, from: &str, to: &str) -> String {
    let (code, comment) = split_comment(line);
    let trimmed = code.trim_start().trim_start_matches("- ").trim_start();
    let new_code = if let Some(value) = trimmed.strip_prefix("id:") {
        if unquote(value.trim()) == from {
            replace_tokens(code, from, to)
        } else {
            code.to_string()
        }
    } else if unquote(trimmed.trim_end()) == from && code.trim_start().starts_with("- ") {
        replace_tokens(code, from, to)
    } else if let Some(k) = code.find("evidence:") {
        // `evidence: [a, b]`, alone or inside a flow mapping.
        let after = k + "evidence:".len();
        match (code[after..].find('['), code[after..].find(']')) {
            (Some(open), Some(close)) if open < close => {
                let (open, close) = (after + open, after + close);
                format!(
                    "{}{}{}",
                    &code[..open],
                    replace_tokens(&code[open..close], from, to),
                    &code[close..]
                )
            }
            _ => code.to_string(),
        }
    } else {
        code.to_string()
    };
    new_code + comment
}

fn unquote(s: &str) -> &str {
    s.strip_prefix('"')
        .and_then(|s| s.strip_suffix('"'))
        .or_else(|| s.strip_prefix('\'').and_then(|s| s.strip_suffix('\'')))
        .unwrap_or(s)
}

/// The line before its comment (a `#` after a space, outside quotes), and the comment with
/// the line ending.
fn split_comment(line: &str) -> (&str, &str) {
    let mut quote = None;
    let mut prev = ' ';
    for (i, c) in line.char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '#') if prev == ' ' || prev == '\t' => return line.split_at(i),
            (None, '\n' | '\r') => return line.split_at(i),
            _ => {}
        }
        prev = c;
    }
    (line, "")
}

/// Every whole occurrence of `from` (not part of a longer id) replaced by `to`.
fn replace_tokens(s: &str, from: &str, to: &str) -> String {
    let part_of_id = |c: char| c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | '/');
    let mut out = String::new();
    let mut rest = s;
    while let Some(i) = rest.find(from) {
        let before = rest[..i].chars().next_back();
        let after = rest[i + from.len()..].chars().next();
        out.push_str(&rest[..i]);
        if before.is_some_and(part_of_id) || after.is_some_and(part_of_id) {
            out.push_str(from);
        } else {
            out.push_str(to);
        }
        rest = &rest[i + from.len()..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_ids_in_value_positions_change() {
        let r = |l: &str| rename_line(l, "gov-uk", "gov-uk-2");
        assert_eq!(
            r("      - id: gov-uk   # see gov-uk\n"),
            "      - id: gov-uk-2   # see gov-uk\n"
        );
        assert_eq!(r("    id: 'gov-uk'\n"), "    id: 'gov-uk-2'\n");
        assert_eq!(
            r("  - {date: 2025-01-01, status: x, evidence: [source, gov-uk], note: gov-uk}\n"),
            "  - {date: 2025-01-01, status: x, evidence: [source, gov-uk-2], note: gov-uk}\n"
        );
        assert_eq!(r("        - gov-uk\n"), "        - gov-uk-2\n");
        assert_eq!(
            r("        url: https://gov-uk/x\n"),
            "        url: https://gov-uk/x\n"
        );
        assert_eq!(r("      - id: gov-uk-old\n"), "      - id: gov-uk-old\n");
        assert_eq!(
            r("    note: gov-uk said so\n"),
            "    note: gov-uk said so\n"
        );
    }
}
