//! Where a ledger shares text through YAML anchors and aliases, in words for a message.
//!
//! YAML lets one value stand in several places: `&base` names it, `*base` repeats it, and
//! `<<: *base` merges a mapping's keys into another. Both readers accept that, but an entry
//! added to a shared list is added everywhere it is shared, and one added where an alias
//! stands has nowhere to go. Writes are checked by reading them back, so such a change is
//! never written; this finds what to tell the person about it.

/// An anchor or alias as written: its kind (`&` or `*`), name, line and column.
struct Mark<'a> {
    sigil: char,
    name: &'a str,
    line: usize,
    column: usize,
}

/// The marks in `text`, in order: `&name` or `*name` where a value may start (after the
/// start of the line's content, a space, `[`, `{` or `,`), outside comments.
fn marks(text: &str) -> Vec<Mark<'_>> {
    let mut found = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let b = line.as_bytes();
        for (at, &c) in b.iter().enumerate() {
            if c == b'#' && (at == 0 || b[at - 1] == b' ') {
                break;
            }
            if !(c == b'&' || c == b'*')
                || at > 0 && !matches!(b[at - 1], b' ' | b'[' | b'{' | b',')
            {
                continue;
            }
            let rest = &line[at + 1..];
            let len = rest
                .bytes()
                .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.'))
                .count();
            if len > 0 {
                found.push(Mark {
                    sigil: c as char,
                    name: &rest[..len],
                    line: i + 1,
                    column: at + 1,
                });
            }
        }
    }
    found
}

/// Where `text` shares a value, e.g. "`*base` at line 13, column 7 repeats `&base` from line
/// 3, column 5"; None if it shares nothing.
pub fn explain(text: &str) -> Option<String> {
    let marks = marks(text);
    let alias = marks
        .iter()
        .find(|m| m.sigil == '*' && marks.iter().any(|a| a.sigil == '&' && a.name == m.name))?;
    let anchor = marks
        .iter()
        .rfind(|a| a.sigil == '&' && a.name == alias.name && a.line <= alias.line)
        .or_else(|| {
            marks
                .iter()
                .find(|a| a.sigil == '&' && a.name == alias.name)
        })?;
    let merge = text
        .lines()
        .nth(alias.line - 1)
        .is_some_and(|l| l.trim_start().trim_start_matches("- ").starts_with("<<:"));
    let what = if merge { "merges in" } else { "repeats" };
    Some(format!(
        "`*{}` at line {}, column {} {what} `&{}` from line {}, column {}",
        alias.name, alias.line, alias.column, anchor.name, anchor.line, anchor.column
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_the_alias_and_its_anchor() {
        let text = "commitments:\n  - &base\n    id: a\n  - <<: *base # merged\n    id: b\n";
        assert_eq!(
            explain(text).as_deref(),
            Some("`*base` at line 4, column 9 merges in `&base` from line 2, column 5")
        );
        assert_eq!(explain("a: Rock & Roll *x\nb: 2 * 3 # &c\n"), None);
    }
}
