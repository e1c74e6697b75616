//! Advice for the YAML slips people make most when editing a ledger by hand. The parser's
//! messages ("mapping values are not allowed in this context") are accurate but written for
//! programmers; the people who keep ledgers need to be told what to type instead. Each slip
//! is recognised by the parser's error kind (`parser_words.rs`, `yaml_words.rs`), and the
//! advice looks at the line it points at so that it can use the person's own key and text.

use super::Position;
use crate::model::spelling;

/// A slip that has advice here.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Slip {
    /// A tab in the indentation or in a plain value.
    Tab,
    /// A `: ` where the parser was reading a plain value.
    MappingValue,
    /// A line that does not line up with the keys or list items above it.
    OutOfLine,
    /// A single value where a list belongs.
    ListExpected,
    /// Text after the closing `"` of a double-quoted value.
    TrailingDouble,
    /// Text after the closing `'` of a single-quoted value.
    TrailingSingle,
}

/// The help text for `slip`, and a better place to point at when the parser's is misleading.
pub(super) fn advice(slip: Slip, text: &str, at: Option<&Position>) -> (String, Option<Position>) {
    match slip {
        // The parser may point at the start of the value it was reading; point at the tab.
        Slip::Tab => (
            "indent with spaces, not tabs".into(),
            indenting_tab(text, at.map_or(1, |p| p.line)),
        ),
        Slip::MappingValue => mapping_value(text, at),
        Slip::OutOfLine => (
            "check that this line lines up with the lines above it: each key of a record starts \
             at the same column, and each item of a list starts with `- ` at the list's column"
                .into(),
            None,
        ),
        Slip::ListExpected => (list_expected(text, at), None),
        Slip::TrailingDouble => {
            let example = value_at(text, at)
                .and_then(|v| v.strip_prefix('"')?.strip_suffix('"').map(str::to_string))
                .filter(|inner| !inner.contains('\''))
                .unwrap_or_else(|| "The \"big\" plan".into());
            (
                format!(
                    "a `\"` ends the quoted text, so what follows it is left over: inside double \
                     quotes write a quote as \\\" , or enclose the text in single quotes: \
                     '{example}'"
                ),
                None,
            )
        }
        Slip::TrailingSingle => {
            let example = value_at(text, at)
                .and_then(|v| v.strip_prefix('\'')?.strip_suffix('\'').map(str::to_string))
                .filter(|inner| !inner.contains('"'))
                .unwrap_or_else(|| "The 'big' plan".into());
            (
                format!(
                    "a `'` ends the quoted text, so what follows it is left over: inside single \
                     quotes write a quote as two quotes '' , or enclose the text in double quotes: \
                     \"{example}\""
                ),
                None,
            )
        }
    }
}

/// The first tab in a line's indentation, from line `from` on.
fn indenting_tab(text: &str, from: usize) -> Option<Position> {
    text.lines()
        .enumerate()
        .skip(from.saturating_sub(1))
        .find_map(|(i, line)| {
            let indent: String = line
                .chars()
                .take_while(|c| *c == ' ' || *c == '\t')
                .collect();
            indent.find('\t').map(|col| Position {
                line: i + 1,
                column: col + 1,
            })
        })
}

/// serde's unknown field (`ownr`, with the fields it expected: id, uuid, …) as a sentence
/// about the ledger: which kind of record has no such field, the closest valid field when it
/// is a likely misspelling, and the valid fields.
pub(super) fn unknown_field(name: &str, expected: &[&str]) -> (String, String) {
    let of = record_kind(expected);
    // A key can be any length (a paste gone wrong); the message quotes its start.
    let mut message = format!(
        "`{}` is not a field of {of}",
        crate::problem::shortened(name)
    );
    if let Some(near) = spelling::closest(name, expected.iter().copied()) {
        message.push_str(&format!("; did you mean `{near}`?"));
    }
    let help = if expected.is_empty() {
        "check the spelling and the indentation; docs/file-format.md lists the fields".into()
    } else {
        format!(
            "the fields of {of} are: {}; check the spelling, and the indentation (a key indented \
             too far or too little belongs to another record)",
            expected.join(", ")
        )
    };
    (message, help)
}

/// Which record a list of fields belongs to, by the fields (serde names the struct nowhere
/// in its message). Declared in src/store/file.rs.
fn record_kind(fields: &[&str]) -> &'static str {
    match fields {
        ["version", ..] => "the ledger (the top level of the file)",
        ["key", ..] => "a status under `statuses:`",
        ["id", "uuid", ..] => "a commitment",
        ["id", "title", ..] => "an evidence entry",
        ["amount", ..] => "`funding:`",
        ["title", ..] => "a commitment's `source:`",
        ["date", ..] => "a history event",
        ["note", ..] => "a gap",
        _ => "this record",
    }
}

/// "mapping values are not allowed": a `: ` where the parser was reading a plain value.
/// Either the value itself holds `: ` (it needs quotes), or this line is indented further than
/// the key above it, so the parser read it as more of the value above.
fn mapping_value(text: &str, at: Option<&Position>) -> (String, Option<Position>) {
    let generic = |example: String| {
        format!(
            "a value containing `: ` must be put in double quotes, e.g. {example}; otherwise \
             check this line's indentation: each key must line up with the key above it"
        )
    };
    let Some(p) = at else {
        return (
            generic("`title: \"Launch: a specialist unit\"`".into()),
            None,
        );
    };
    let Some(line) = line_at(text, p.line) else {
        return (
            generic("`title: \"Launch: a specialist unit\"`".into()),
            None,
        );
    };
    let here = indent(line);
    let above = (1..p.line)
        .rev()
        .filter_map(|n| line_at(text, n))
        .find(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'));
    // The line above has a key with a value on it, and this line starts further right: the
    // parser took this line as a continuation of that value.
    if let Some(above) = above
        && let Some((key, value)) = key_value(above)
        && !value.is_empty()
        && here > key_column(above)
    {
        let column = key_column(above) + 1;
        let help = format!(
            "this line starts at column {}, but `{key}` on the line above starts at column \
             {column}: the keys of one record must line up, each at the same column (if the \
             value really contains `: `, put it in double quotes)",
            here + 1
        );
        return (
            help,
            Some(Position {
                line: p.line,
                column: here + 1,
            }),
        );
    }
    let example = key_value(line)
        .filter(|(_, v)| v.chars().count() <= 60 && !v.contains('"') && !v.starts_with('\''))
        .map_or_else(
            || "`title: \"Launch: a specialist unit\"`".to_string(),
            |(k, v)| format!("`{k}: \"{v}\"`"),
        );
    (generic(example), None)
}

/// A list was expected and something else was written: name the field and show both ways
/// of writing a list, with the person's own value.
fn list_expected(text: &str, at: Option<&Position>) -> String {
    // The key is on the line pointed at (`tags: france`), or, when the value is on the lines
    // below it (`tags:` then `france: x`), on the line above them.
    let on_line = at.and_then(|p| {
        let line = line_at(text, p.line)?;
        let (key, value) = key_value(line)?;
        let value_starts = line.chars().count() - value.chars().count();
        (value_starts < p.column).then(|| (key.to_string(), value.to_string()))
    });
    let above = || {
        let p = at?;
        (1..p.line)
            .rev()
            .filter_map(|n| line_at(text, n))
            .find(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
            .and_then(key_value)
            .filter(|(_, v)| v.is_empty())
            .map(|(k, _)| (k.to_string(), String::new()))
    };
    let Some((key, value)) = on_line.or_else(above) else {
        return "a list is expected here: write `[one, two]`, or one `- item` per line below \
                the key"
            .into();
    };
    let simple = !value.is_empty() && !value.contains([':', '[', ']', '{', '}', ',', '#', '"']);
    let item = if simple { value.as_str() } else { "item" };
    format!("`{key}` is a list: write `{key}: [{item}]`, or one `- {item}` per line below it")
}

fn line_at(text: &str, n: usize) -> Option<&str> {
    text.lines()
        .nth(n.checked_sub(1)?)
        .map(|l| l.trim_end_matches('\r'))
}

fn indent(line: &str) -> usize {
    line.chars().take_while(|c| *c == ' ').count()
}

/// Where the key of a `key: value` or `- key: value` line starts, 0-based.
fn key_column(line: &str) -> usize {
    let i = indent(line);
    if line[i..].starts_with("- ") {
        i + 2 + indent(&line[i + 2..])
    } else {
        i
    }
}

/// The key and the value (trimmed, possibly empty) of a `key: value` or `- key: value` line.
pub(super) fn key_value(line: &str) -> Option<(&str, &str)> {
    let rest = line[key_column(line)..].trim_end();
    let (key, value) = match rest.split_once(": ") {
        Some((k, v)) => (k, v.trim()),
        None => (rest.strip_suffix(':')?, ""),
    };
    let plain = |c: char| c.is_alphanumeric() || c == '_' || c == '-';
    (!key.is_empty() && key.chars().all(plain)).then_some((key, value))
}

/// The value on the line `at` points at.
fn value_at<'a>(text: &'a str, at: Option<&Position>) -> Option<&'a str> {
    key_value(line_at(text, at?.line)?).map(|(_, v)| v)
}

/// Git's conflict markers left in the file after a merge stopped: one problem for each
/// `<<<<<<<` … `>>>>>>>` block, pointing at its first marker. Empty when there are none.
pub(super) fn conflict_markers(text: &str) -> Vec<super::Problem> {
    let marker = |line: &str, m: &str| {
        line.strip_prefix(m)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', '\r']))
    };
    let mut blocks = Vec::new();
    let mut open: Option<usize> = None;
    let mut last = 0;
    for (i, line) in text.lines().enumerate() {
        last = i + 1;
        if marker(line, "<<<<<<<") && open.is_none() {
            open = Some(i + 1);
        } else if marker(line, ">>>>>>>")
            && let Some(start) = open.take()
        {
            blocks.push((start, i + 1));
        }
    }
    if let Some(start) = open {
        blocks.push((start, last));
    }
    blocks
        .into_iter()
        .map(|(start, end)| {
            super::Problem::new(
                Some(Position {
                    line: start,
                    column: 1,
                }),
                format!("unresolved merge conflict at lines {start}–{end}"),
            )
            .help(
                "git left both versions here: ours between `<<<<<<<` and `=======`, theirs between \
                 `=======` and `>>>>>>>`. Keep what is right (both, if both are), delete the marker \
                 lines, run `commitments check` again, then `git add` the file",
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_field_names_the_record_and_the_nearest_field() {
        let (message, help) = unknown_field("ownr", &["id", "uuid", "title", "owner", "partners"]);
        assert_eq!(
            message,
            "`ownr` is not a field of a commitment; did you mean `owner`?"
        );
        assert!(help.contains("id, uuid, title, owner, partners"), "{help}");
        let (message, _) = unknown_field("colour", &["note", "checked"]);
        assert_eq!(message, "`colour` is not a field of a gap");
    }

    #[test]
    fn key_value_reads_list_items_too() {
        assert_eq!(key_value("  - id: x"), Some(("id", "x")));
        assert_eq!(key_value("    tags:"), Some(("tags", "")));
        assert_eq!(key_value("    a b: c"), None);
    }
}
