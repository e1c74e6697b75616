//! The YAML parser's (granit-parser's) own failures said in plain words, chosen by its error
//! kind: what is wrong on the line, and what to type instead. Its texts ("while scanning an
//! anchor or alias, did not find expected alphabetic or numeric character", "block sequence
//! entries are not allowed in this context") speak of scanners, scalars and block
//! collections, which the people who keep ledgers need not know.

use serde_saphyr::granit_parser::ErrorKind;

use super::Position;
use super::hints::Slip;

/// A message and a help text for the parser's failure `kind`, or None to keep its words.
pub(super) fn plain(
    kind: &ErrorKind,
    text: &str,
    at: Option<&Position>,
) -> Option<(String, String, Option<Position>)> {
    let said = |message: String, help: &str| Some((message, help.to_string(), None));
    match kind {
        ErrorKind::UnexpectedCharacter { character } if character.is_control() => said(
            format!(
                "the file holds a control character (U+{:04X}), which YAML does not \
                 allow",
                u32::from(*character)
            ),
            "delete it: it is invisible in most editors, and often comes from text \
             pasted from a terminal or a PDF (shown here as �)",
        ),
        ErrorKind::BlockSequenceEntryNotAllowed => said(
            "a list item (`- `) cannot start here".into(),
            "a list goes on the lines below its key, one `- item` per line, indented \
             further than the key (`tags:` then `  - france`), or on the key's line as \
             `[a, b]`; text that starts with `- ` must be put in quotes",
        ),
        ErrorKind::BlockEntryInFlowCollection => said(
            "a list item (`- `) cannot stand inside `[ ]` or `{ }`".into(),
            "inside brackets, separate the items with commas: `[france, enforcement]`",
        ),
        ErrorKind::MappingKeyNotAllowed => said(
            "a `key:` cannot start here".into(),
            "check this line's indentation: each key of a record starts at the same \
             column as the key above it",
        ),
        ErrorKind::UnclosedQuotedScalar => said(
            "a quotation mark opened here is never closed".into(),
            "end the text with the same mark it starts with (`\"…\"` or `'…'`)",
        ),
        ErrorKind::InvalidQuotedScalarIndent => said(
            "a quoted value runs on to this line, which is not indented under it; is a \
             closing quotation mark missing above?"
                .into(),
            "end the text with the same mark it starts with (`\"…\"` or `'…'`); a \
             value continued on the next line must be indented further than its key",
        ),
        ErrorKind::UnknownQuotedScalarEscape
        | ErrorKind::InvalidQuotedScalarHexEscape
        | ErrorKind::InvalidLowSurrogateHexEscape
        | ErrorKind::InvalidLowSurrogate
        | ErrorKind::MissingLowSurrogate
        | ErrorKind::UnpairedLowSurrogate
        | ErrorKind::InvalidUnicodeEscape => said(
            "inside double quotes, a backslash `\\` starts an escape, and this one is \
             not valid"
                .into(),
            "write `\\\\` for a backslash, or write the text in single quotes, where a \
             backslash is just a backslash; accented letters and symbols can be written \
             as themselves (the file is UTF-8)",
        ),
        ErrorKind::BomInsideDocument => said(
            "the file holds an invisible byte-order mark (U+FEFF) here, which only its \
             very start may have"
                .into(),
            "delete it: it often comes from pasting one file into another",
        ),
        ErrorKind::UnsupportedYamlMajorVersion => said(
            "the `%YAML` line names a version of YAML this program does not read \
             (it reads YAML 1.1 and 1.2)"
                .into(),
            "remove the `%YAML` line; a ledger needs none",
        ),
        ErrorKind::UnclosedFlowCollection { open } => said(
            format!("a `{open}` opened here is never closed"),
            &format!(
                "close it with `{}` after the last item",
                if *open == '[' { ']' } else { '}' }
            ),
        ),
        ErrorKind::MismatchedFlowCollectionEnd { open, close } => said(
            format!("a `{open}` is closed by `{close}`"),
            "`[` is closed by `]` and `{` by `}`",
        ),
        ErrorKind::PlainScalarStartsWithDashFlowIndicator => said(
            "a value cannot start with `-` followed by `,`, `[`, `]`, `{` or `}`".into(),
            "put the value in quotes",
        ),
        ErrorKind::CommentInterceptedScalar => said(
            "a comment (`#`) stands inside a value that runs over several lines".into(),
            "move the comment above the key, or put the whole value in quotes",
        ),
        ErrorKind::UnexpectedCharacter { character } => {
            let c = if *character == '`' {
                "a backtick".to_string()
            } else {
                format!("`{character}`")
            };
            said(
                format!("a value cannot start with {c}"),
                &format!(
                    "YAML keeps {c} for itself at the start of a value; put the value \
                     in quotes to keep it as text"
                ),
            )
        }
        ErrorKind::MissingAnchorOrAliasName => said(
            "`&` or `*` at the start of a value must be followed by a name (YAML \
             reads them as an anchor or an alias)"
                .into(),
            "put the value in quotes to keep `&` or `*` as text",
        ),
        ErrorKind::InvalidBlockScalarHeader => said(
            "after `|` or `>`, the text must start on the next line".into(),
            "move the text to the lines below, indented further than the key, or put \
             it in quotes on the key's line instead of `|` or `>`",
        ),
        ErrorKind::MissingDirectiveName | ErrorKind::InvalidDirectiveName => said(
            "a line starting with `%` is read as a YAML directive, and this is not one".into(),
            "put a value that starts with `%` in quotes; a ledger needs no directives",
        ),
        ErrorKind::MisplacedFlowCollectionEnd => said(
            "this `]` or `}` closes nothing".into(),
            "remove it, or add the `[` or `{` it should close",
        ),
        ErrorKind::ExpectedFlowMappingSeparator | ErrorKind::ExpectedFlowSequenceSeparator => said(
            "inside brackets, items must be separated by `,` and the brackets closed".into(),
            "write `[a, b]` or `{key: value, other: value}`; a value holding `,`, `[`, \
             `]`, `{` or `}` must be put in quotes",
        ),
        ErrorKind::UnexpectedEofFlowSequence
        | ErrorKind::UnexpectedEofFlowMapping
        | ErrorKind::UnexpectedEofImplicitFlowMapping
        | ErrorKind::UnexpectedEofBlockSequence
        | ErrorKind::UnexpectedEofBlockMapping
        | ErrorKind::UnexpectedEof => said(
            "the file ends in the middle of a value".into(),
            "check the last lines: a bracket or a quotation mark may be left open, or \
             the file was cut short (compare it with the last copy in git)",
        ),
        ErrorKind::InvalidColonPlacement => said(
            "a `:` cannot stand here".into(),
            "check the lines above for a `[` or `{` that is never closed (a list or \
             record in brackets ends on the line it starts, or with its closing \
             bracket); a value holding `: ` must be put in quotes",
        ),
        // Git's conflict markers also end here; they have their own message.
        ErrorKind::SimpleKeyExpected if !has_conflict_markers(text) => {
            let long = at
                .and_then(|p| line_at(text, p.line))
                .and_then(|l| l.split_once(": "))
                .is_some_and(|(key, _)| key.trim().chars().count() > 1024);
            if long {
                said(
                    "this key is longer than YAML allows (1024 characters)".into(),
                    "a key is a field's name, such as `owner`; check that the line is \
                     not text that belongs in a value",
                )
            } else {
                said(
                    "this line has no `:` after its key".into(),
                    "each line of a record is `key: value`; if the line continues the \
                     value above it, indent it further, or put the whole value in quotes",
                )
            }
        }
        ErrorKind::CommentNotSeparated => said(
            "a `#` that starts a comment must have a space before it".into(),
            "put a space before the `#`, or, if it belongs to the value, put the whole value in \
             quotes",
        ),
        ErrorKind::RecursionLimitExceeded => said(
            "the file nests lists or records inside each other more deeply than a \
             ledger ever does"
                .into(),
            "a ledger is at most a few levels deep (a commitment, its evidence, their \
             fields); check for unclosed `[` or `{` brackets",
        ),
        _ => None,
    }
}

/// The parser's message in plain words for the slips whose advice `hints.rs` gives.
pub(super) fn slip(kind: &ErrorKind) -> Option<(&'static str, Slip)> {
    Some(match kind {
        ErrorKind::ExpectedBlockSequenceEntry => (
            "this line is out of line with the list above it",
            Slip::OutOfLine,
        ),
        ErrorKind::ExpectedBlockMappingKey => (
            "this line is out of line with the keys above it",
            Slip::OutOfLine,
        ),
        ErrorKind::MappingValueNotAllowed => ("a `: ` cannot stand here", Slip::MappingValue),
        ErrorKind::InvalidTrailingDoubleQuotedScalar => (
            "text follows the closing `\"` of a quoted value",
            Slip::TrailingDouble,
        ),
        ErrorKind::InvalidTrailingSingleQuotedScalar => (
            "text follows the closing `'` of a quoted value",
            Slip::TrailingSingle,
        ),
        ErrorKind::TabNotAllowed
        | ErrorKind::TabInBlockIndentation
        | ErrorKind::TabInIndentation
        | ErrorKind::TabInPlainScalar
        | ErrorKind::TabAtBlockScalarStart => ("a tab where YAML allows only spaces", Slip::Tab),
        _ => return None,
    })
}

/// Git's markers (`<<<<<<< ours`) also end in "simple key expected"; `parse_outlined` names
/// them before any reader runs, and this keeps the words for them out of the way elsewhere.
fn has_conflict_markers(text: &str) -> bool {
    text.lines()
        .any(|l| l.starts_with("<<<<<<< ") || l.starts_with(">>>>>>> ") || l == "=======")
}

/// Line `n` (1-based) of `text`.
pub(super) fn line_at(text: &str, n: usize) -> Option<&str> {
    text.lines().nth(n.checked_sub(1)?)
}
