//! serde-saphyr's errors translated into problems in the ledger's words, with their positions:
//! a list or a tag where text belongs, the slips `yaml_words` and `hints` know, and otherwise
//! the parser's own text.

use super::{hints, yaml_words};
use crate::problem::{Position, Problem};

pub(super) fn yaml_problem(e: &serde_saphyr::Error, text: &str) -> Problem {
    let at = e.location().filter(|l| l.line() > 0).map(|l| Position {
        line: l.line() as usize,
        column: l.column().max(1) as usize,
    });
    // Every value is asked for as text, so that it is read as written: a list, a mapping or
    // a type tag where a value belongs is refused for that, and said so.
    if let Some(problem) = not_text(e, text, at.as_ref()) {
        return problem;
    }
    // Said in plain words by the error's variant where the library's text is meant for
    // programmers (yaml_words.rs); the rest keeps the parser's text, with hints.
    if let Some((message, help, better)) = yaml_words::plain(e, text, at.as_ref()) {
        return Problem::new(better.or(at), message)
            .help(help)
            .stops_reading();
    }
    // A misspelt or misplaced key is the commonest slip: say it in the ledger's words.
    if let Some((name, expected)) = yaml_words::unknown_field(e) {
        let (message, help) = hints::unknown_field(name, expected);
        return Problem::new(at, message)
            .found(name)
            .help(help)
            .stops_reading();
    }
    // A slip with advice of its own (hints.rs), said in plain words.
    if let Some((message, slip)) = yaml_words::slip(e) {
        let (help, better) = hints::advice(slip, text, at.as_ref());
        return Problem::new(better.or(at), message)
            .help(help)
            .stops_reading();
    }
    let mut message = e.without_snippet().to_string();
    // The library appends its own "at line X column Y"; ours is in front already.
    if let Some(i) = message.find(" at line ") {
        message.truncate(i);
    }
    Problem::new(at, format!("not valid YAML for a ledger: {message}"))
        .help("see docs/file-format.md for the layout of a ledger file")
        .stops_reading()
}

/// A value that cannot be text: a list or a mapping where a field's value belongs (the
/// library says it expected a string), or a scalar under a type tag (`!!int 5`).
fn not_text(e: &serde_saphyr::Error, text: &str, at: Option<&Position>) -> Option<Problem> {
    let said = e.without_snippet().to_string();
    if said.starts_with("cannot deserialize tagged scalar into string") {
        // The tag and the value as written, to say whether the value is even what its tag
        // claims (`!!int abc`).
        let line = at.and_then(|p| text.lines().nth(p.line.checked_sub(1)?));
        let column = at.map_or(1, |p| p.column).saturating_sub(1);
        let before: String = line
            .map(|l| l.chars().take(column).collect())
            .unwrap_or_default();
        let rest: String = line
            .map(|l| l.chars().skip(column).collect())
            .unwrap_or_default();
        let tag = before.rsplit_once("!!").map_or("", |(_, t)| t.trim());
        let value = rest.split(" #").next().unwrap_or("").trim();
        let (what, fits) = match tag {
            "int" => ("a whole number", value.parse::<i64>().is_ok()),
            "float" => ("a number", value.parse::<f64>().is_ok()),
            "bool" => (
                "true or false",
                matches!(
                    value,
                    "true" | "false" | "True" | "False" | "TRUE" | "FALSE"
                ),
            ),
            _ => ("", true),
        };
        let problem = if fits {
            Problem::new(
                at.cloned(),
                "a type tag (`!!int`, `!!float`, `!!bool`, `!!null`) makes this value something other than text",
            )
            .help("remove the tag: every value of a ledger is read as the text written, so `5` and `1.50` need no tag")
        } else {
            Problem::new(
                at.cloned(),
                format!("this value is tagged (`!!…`) as {what}, but it is not one"),
            )
            .help("remove the `!!` tag, or put the value in quotes to keep it as text")
        };
        return Some(problem.stops_reading());
    }
    if !(said.starts_with("expected string scalar") || said.contains(", expected string scalar")) {
        return None;
    }
    // Where a value stands: after `key:` or as a list's entry on its line, or on the lines
    // below a `key:`. (A key that is itself a list or a mapping is yaml_words' to explain.)
    let at = at?;
    let lines: Vec<&str> = text.lines().collect();
    let line = lines.get(at.line.checked_sub(1)?)?;
    let before: String = line.chars().take(at.column.saturating_sub(1)).collect();
    // After `key:`, or an entry of a list (`- `, `[`, `,`).
    let after_key = before.trim_end().ends_with([':', '-', '[', ',']);
    let below_key = before.trim().is_empty()
        && lines[..at.line - 1]
            .iter()
            .rev()
            .map(|l| l.split(" #").next().unwrap_or(l).trim_end())
            .find(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
            .is_some_and(|l| l.ends_with(':'));
    (after_key || below_key).then(|| {
        let list = line[before.len()..].trim_start().starts_with(['[', '-']);
        let found = if list { "a list" } else { "a mapping" };
        Problem::new(
            Some(at.clone()),
            format!("expected a single value (text, a number or a date), not a list or a mapping; found {found}"),
        )
        .help("write one value here; put text holding `[`, `{` or `: ` in quotes")
            .stops_reading()
    })
}
