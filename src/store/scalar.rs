//! How a value is written into the file: with its letters as they are.
//!
//! yaml-edit picks a sensible style for a new value (plain where it reads back as the same
//! text, single quotes where it would not, a `|` block for several lines), but whenever it
//! picks double quotes — for a value that needs quotes and holds an apostrophe, such as
//! `Ministère de l'Intérieur` — it escapes every character outside ASCII (`Minist\xE8re`).
//! A French or German ledger would then be unreadable by the people who keep it.
//!
//! So the style is still yaml-edit's, except where it would double-quote: there the value is
//! double-quoted here, escaping only what YAML requires to be escaped — `"`, `\`, and the
//! characters a YAML file may not hold as they are (control characters, the byte-order mark,
//! and the line separators that YAML 1.1 readers take as line breaks). The text is handed to
//! yaml-edit as a parsed scalar node, which it copies as it is.

use std::str::FromStr;

use yaml_edit::{AsYaml, ScalarValue, YamlFile, YamlKind, YamlNode};

/// A text value for yaml-edit's builders and `set`: written in yaml-edit's style unless
/// that style would escape letters, then double-quoted here.
pub struct Text<'a>(pub &'a str);

impl Text<'_> {
    /// The scalar to emit; `flow` inside `[...]` or `{...}`, where yaml-edit double-quotes
    /// (and so escapes) any plain value holding `,` `[` `]` `{` `}`, and every block.
    fn chosen(&self, flow: bool) -> Option<YamlNode> {
        let chosen = ScalarValue::string(self.0).to_yaml_string();
        let escapes = chosen.starts_with('"');
        let breaks_flow = flow
            && (chosen.starts_with(['|', '>'])
                || !chosen.starts_with('\'') && chosen.contains([',', '[', ']', '{', '}']));
        // `node` cannot fail for text `double_quoted` wrote; if it did, yaml-edit's own
        // style is still correct, only less readable, and every write is read back.
        (escapes || breaks_flow)
            .then(|| node(&double_quoted(self.0)))
            .flatten()
    }
}

impl AsYaml for Text<'_> {
    fn as_node(&self) -> Option<&rowan::SyntaxNode<yaml_edit::Lang>> {
        None
    }

    fn kind(&self) -> YamlKind {
        YamlKind::Scalar
    }

    fn build_content(
        &self,
        builder: &mut rowan::GreenNodeBuilder,
        indent: usize,
        flow_context: bool,
    ) -> bool {
        match self.chosen(flow_context) {
            Some(n) => n.build_content(builder, indent, flow_context),
            None => self.0.build_content(builder, indent, flow_context),
        }
    }

    fn is_inline(&self) -> bool {
        true
    }

    // Inside `[...]` yaml-edit calls `build_content` with `flow_context` set (the default
    // of its hidden flow method), so that case is covered above.
}

/// `value` as a YAML double-quoted scalar, escaping only `"`, `\` and what may not stand in a
/// YAML file as it is.
pub fn double_quoted(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 2);
    out.push('"');
    for c in value.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\0' => out.push_str("\\0"),
            '\u{85}' => out.push_str("\\N"),
            '\u{2028}' => out.push_str("\\L"),
            '\u{2029}' => out.push_str("\\P"),
            c if needs_escape(c) => {
                let n = c as u32;
                if n <= 0xff {
                    out.push_str(&format!("\\x{n:02X}"));
                } else {
                    out.push_str(&format!("\\u{n:04X}"));
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Outside YAML's printable set (spec 5.1), or the byte-order mark: such a character may
/// only appear escaped.
fn needs_escape(c: char) -> bool {
    !matches!(c, '\x20'..='\x7E' | '\u{A0}'..='\u{FFFD}' | '\u{10000}'..) || c == '\u{FEFF}'
}

/// The scalar node yaml-edit reads from `text`, a scalar written on one line.
fn node(text: &str) -> Option<YamlNode> {
    let file = YamlFile::from_str(&format!("k: {text}\n")).ok()?;
    let node = file.document()?.as_mapping()?.get("k")?;
    matches!(node, YamlNode::Scalar(_)).then_some(node)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_are_never_escaped() {
        assert_eq!(
            double_quoted("Ministère de l'Intérieur: « € »"),
            "\"Ministère de l'Intérieur: « € »\""
        );
        assert_eq!(
            double_quoted("a\"b\\c\u{7}\u{feff}é"),
            r#""a\"b\\c\x07\uFEFFé""#
        );
    }

    #[test]
    fn written_scalars_read_back_as_the_value() {
        for v in [
            "Ministère de l'Intérieur",
            "l'été: « chaud »",
            "a, b [c]",
            "\u{85}x\u{2028}",
            "tab\there 'q' \"d\"",
            "πολιτική: 'ναι'",
            "العربية: 'نعم'",
            "中文：'是'",
            "two\nlines é",
        ] {
            for flow in [false, true] {
                let text = match Text(v).chosen(flow) {
                    Some(n) => n.to_string(),
                    None => ScalarValue::string(v).to_yaml_string(),
                };
                let read: String = serde_saphyr::from_str(&text).unwrap();
                assert_eq!(read, v, "{text}");
                assert!(!text.contains("\\x") && !text.contains("\\u"), "{text}");
            }
        }
    }
}
