//! The YAML reader's failures said in plain words, chosen by serde-saphyr's error variants
//! (and the parser's error kinds under them) rather than by cutting its messages apart. Its
//! own texts are written for programmers using the library — "multiple YAML documents
//! detected; use from_str_multiple…", "non-finite float `.inf` rejected by the configured
//! policy", "ScalarBytes { total_scalar_bytes: … }" — and name its options and types. Each
//! message here says what is wrong in the person's file and what would be valid.
//!
//! The parser's own failures (unclosed brackets, reserved characters, …) are in
//! `parser_words.rs`; failures listed in neither keep the parser's text, with the advice of
//! `hints.rs`.

use serde_saphyr::Error;
use serde_saphyr::budget::BudgetBreach;

use super::Position;
use super::hints::{self, Slip};
use super::parser_words::{self, line_at};
use crate::problem::shortened;

/// A message and a help text for `e`, and a better place to point at when the library's is
/// misleading; None when the library's own words (with `hints.rs`) are kept.
pub(super) fn plain(
    e: &Error,
    text: &str,
    at: Option<&Position>,
) -> Option<(String, String, Option<Position>)> {
    let said = |message: String, help: &str| Some((message, help.to_string(), None));
    match original(e) {
        Error::MultipleDocuments { .. } => {
            let marker = document_marker(text, at.map_or(usize::MAX, |p| p.line));
            let line = marker.as_ref().map_or(String::new(), |(p, m)| {
                format!(": the `{m}` on line {} ends the first", p.line)
            });
            Some((
                format!("the file holds more than one YAML document{line}; a ledger is one"),
                "remove that line; if what follows it belongs to the ledger, move it into the \
                 ledger's own keys, otherwise delete it"
                    .into(),
                marker.map(|(p, _)| p),
            ))
        }
        Error::NonFiniteFloat { value, .. } => {
            let v = shortened(value);
            let message = match value.trim_start_matches(['+', '-']).to_lowercase().as_str() {
                ".nan" => format!(
                    "`{v}` is YAML's word for \"not a number\", a value no field of a ledger holds"
                ),
                ".inf" => {
                    format!("`{v}` is YAML's word for infinity, a value no field of a ledger holds")
                }
                _ => format!("`{v}` is read by YAML as a number too large to hold"),
            };
            // The key whose value this is, when the value stands alone on the key's line
            // (not inside `{…}` or `[…]`, where quoting the key's whole value would be wrong).
            let key = at.and_then(|p| {
                let line = line_at(text, p.line)?;
                let (k, v) = hints::key_value(line)?;
                let starts = line.trim_end().chars().count() - v.chars().count() + 1;
                (starts == p.column).then(|| k.to_string())
            });
            let help = match key.as_deref() {
                Some("version") => "the format version is written `version: 1`".to_string(),
                Some(k) => format!("to keep it as text, put it in quotes: `{k}: \"{v}\"`"),
                None => format!(
                    "to keep it as text, put it in quotes (\"{v}\"); a number is written in \
                     ordinary digits"
                ),
            };
            Some((message, help, None))
        }
        Error::SerdeInvalidType {
            unexpected,
            expected,
            ..
        } if !expected.contains("sequence") => {
            let found = match unexpected.as_str() {
                "sequence" => "a list".to_string(),
                "map" => "a mapping (`key: value` lines)".to_string(),
                "unit value" => "an empty value".to_string(),
                u => shortened(u),
            };
            said(
                format!("expected {expected}; found {found}"),
                "write the value on the key's line, e.g. `owner: Home Office`; a value that \
                 starts with `[` or `{`, or holds `: `, must be put in quotes",
            )
        }
        Error::Budget { breach, .. } => said(
            format!("the file has {}", over_budget(breach)),
            "a ledger repeats no value through aliases (`*name`) this often and nests no \
             deeper than a few levels; write the values out, or check that the file is a ledger",
        ),
        Error::AliasReplayCounterOverflow { .. }
        | Error::AliasReplayLimitExceeded { .. }
        | Error::AliasExpansionLimitExceeded { .. }
        | Error::AliasReplayStackDepthExceeded { .. } => said(
            "the file repeats values through aliases (`*name`) far more than a ledger needs".into(),
            "write the values out where they are used, or check that the file is a ledger",
        ),
        Error::UnknownAnchor { .. } => {
            let name = at.and_then(|p| {
                let rest: String = line_at(text, p.line)?
                    .chars()
                    .skip(p.column.saturating_sub(1))
                    .collect();
                let name: String = rest
                    .strip_prefix('*')?
                    .chars()
                    .take_while(|c| !c.is_whitespace() && !",[]{}".contains(*c))
                    .collect();
                (!name.is_empty()).then_some(name)
            });
            match name {
                Some(n) => {
                    let n = shortened(&n);
                    said(
                        format!("`*{n}` refers to an anchor `&{n}` that is not defined before it"),
                        &format!(
                            "an alias repeats a value marked earlier in the file with `&{n}`; \
                             mark the value, or write it out here instead of `*{n}`"
                        ),
                    )
                }
                None => said(
                    "an alias (`*name`) refers to an anchor (`&name`) that is not defined before it"
                        .into(),
                    "mark the value earlier with `&name`, or write it out instead of the alias",
                ),
            }
        }
        Error::DuplicateMappingKey { key, .. } => said(
            match key {
                Some(k) => format!("`{}` is given twice in the same record", shortened(k)),
                None => "a key is given twice in the same record".into(),
            },
            "a key may appear only once in each record; remove or merge the repeated one",
        ),
        Error::MergeValueNotMapOrSeqOfMaps { .. } => said(
            "a merge key `<<:` must be followed by an alias of a record, e.g. `<<: *defaults`, \
             or a list of them"
                .into(),
            "define the shared keys once with `&defaults` and merge them with `<<: *defaults`, \
             or write the keys out",
        ),
        Error::InvalidScalar { ty, .. } => {
            let what = match *ty {
                t if t.starts_with('u') || t.starts_with('i') => "a whole number",
                t if t.starts_with('f') => "a number",
                "bool" => "true or false",
                _ => "a value of the kind its tag names",
            };
            said(
                format!("this value is tagged (`!!…`) as {what}, but it is not one"),
                "remove the `!!` tag, or put the value in quotes to keep it as text",
            )
        }
        Error::InvalidBinaryBase64 { .. } | Error::BinaryNotUtf8 { .. } => said(
            "this value is tagged `!!binary`, which a ledger does not use".into(),
            "remove the `!!binary` tag and write the text itself",
        ),
        Error::NullIntoString { .. } => {
            let line = at.and_then(|p| line_at(text, p.line)).unwrap_or("");
            let key = line.trim_start().trim_start_matches("- ");
            if key.starts_with(':') || key.starts_with("~:") || key.starts_with("null:") {
                said(
                    "this key is empty; a key is a field's name, such as `title`".into(),
                    "write the field's name before the `:`, or remove the line",
                )
            } else {
                said(
                    "this value is empty, `~` or `null`, which YAML reads as no value, where \
                     text is needed"
                        .into(),
                    "write the text, or put it in quotes to keep it as written (`\"~\"`)",
                )
            }
        }
        Error::Unexpected { expected, .. } if expected.contains("string") => said(
            "a key must be a plain name, such as `title`, not a list or a mapping".into(),
            "write the key as a word followed by `:`; a `?` at the start of a line begins a \
             complex key, which a ledger does not use",
        ),
        Error::Unexpected { expected, .. } if expected.contains("mapping") => {
            let top = at.is_some_and(|p| p.line <= first_data_line(text));
            if top {
                said(
                    "a ledger file is a set of `key: value` lines, starting with `version: 1`; \
                     this file starts with something else"
                        .into(),
                    "`commitments init` writes an empty ledger to start from; docs/file-format.md \
                     shows a complete one",
                )
            } else {
                said(
                    "a record of `key: value` lines is expected here".into(),
                    "check this line's indentation and that the keys above it are spelt right; \
                     docs/file-format.md shows each record",
                )
            }
        }
        Error::ExternalMessage { source, .. } => {
            let serde_saphyr::ExternalMessageSource::Parser(scan) = &**source else {
                return None;
            };
            parser_words::plain(scan.kind(), text, at)
        }
        _ => None,
    }
}

/// A slip that `hints.rs` has advice for, with its message in plain words.
pub(super) fn slip(e: &Error) -> Option<(&'static str, Slip)> {
    match original(e) {
        Error::ExternalMessage { source, .. } => match &**source {
            serde_saphyr::ExternalMessageSource::Parser(scan) => parser_words::slip(scan.kind()),
            _ => None,
        },
        Error::Unexpected { expected, .. } if expected.contains("sequence") => {
            Some(("a list is expected here", Slip::ListExpected))
        }
        Error::SerdeInvalidType { expected, .. } if expected.contains("sequence") => {
            Some(("a list is expected here", Slip::ListExpected))
        }
        _ => None,
    }
}

/// The unknown key and the keys that record has, when `e` is serde's unknown field.
pub(super) fn unknown_field(e: &Error) -> Option<(&str, &[&str])> {
    match original(e) {
        Error::SerdeUnknownField {
            field, expected, ..
        } => Some((field, expected)),
        _ => None,
    }
}

/// The error itself, out of the wrappers that add where an alias was defined or a snippet.
fn original(mut e: &Error) -> &Error {
    while let Error::AliasError { error, .. } | Error::WithSnippet { error, .. } = e {
        e = error;
    }
    e
}

/// A limit of the reader, in words (the library names them in Rust's debug notation).
fn over_budget(breach: &BudgetBreach) -> String {
    match breach {
        BudgetBreach::Aliases { .. } => {
            "more aliases (`*name`) than a ledger needs (over 50,000)".into()
        }
        BudgetBreach::AliasAnchorRatio { .. } => {
            "too many aliases (`*name`) of too few anchors (`&name`)".into()
        }
        BudgetBreach::Anchors { .. } => "more anchors (`&name`) than a ledger needs".into(),
        BudgetBreach::Depth { .. } => "nesting deeper than a ledger needs".into(),
        BudgetBreach::Nodes { .. } | BudgetBreach::Events { .. } => {
            "more values than its size accounts for".into()
        }
        BudgetBreach::ScalarBytes { total_scalar_bytes } => format!(
            "more text than its size accounts for: with each alias (`*name`) counted as a copy \
             of the value it repeats, its values come to {} MB, over twice the file's size",
            total_scalar_bytes.div_ceil(1 << 20)
        ),
        BudgetBreach::Documents { .. } => "more than one YAML document".into(),
        _ => "more of something than the reader allows for a file of its size".into(),
    }
}

/// The last `---` or `...` line at or before line `before` that follows data: the one that
/// ends the first document, and which of the two it is.
fn document_marker(text: &str, before: usize) -> Option<(Position, &'static str)> {
    let first = first_data_line(text);
    text.lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l.trim_end_matches('\r')))
        .filter(|(n, _)| *n > first && *n <= before)
        .filter(|(_, l)| {
            let head = l.split(" #").next().unwrap_or(l).trim_end();
            head == "---" || head == "..." || head.starts_with("--- ")
        })
        .last()
        .map(|(line, l)| {
            let m = if l.starts_with("...") { "..." } else { "---" };
            (Position { line, column: 1 }, m)
        })
}

/// The number of the first line holding data (not blank, a comment, a directive or `---`).
fn first_data_line(text: &str) -> usize {
    text.lines()
        .position(|l| {
            let t = l.trim_start_matches('\u{feff}').trim();
            !(t.is_empty() || t.starts_with('#') || t.starts_with('%') || t == "---")
        })
        .map_or(1, |i| i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_marker_that_ends_the_first_document_is_found() {
        let text = "---\nversion: 1\ncommitments: []\n--- # two\nfoo: 1\n";
        assert_eq!(
            document_marker(text, 5).map(|(p, m)| (p.line, m)),
            Some((4, "---"))
        );
        assert_eq!(first_data_line(text), 2);
    }
}
