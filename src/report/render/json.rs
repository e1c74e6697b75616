//! JSON: pretty-printed, with a final newline. Field names are each report's serde types,
//! listed in docs/reports.md and kept stable; JSON escapes every control character, so the
//! ledger's text goes through unchanged.

/// Pretty JSON with a final newline.
pub fn json<T: serde::Serialize>(value: &T) -> String {
    let mut s =
        serde_json::to_string_pretty(value).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    s.push('\n');
    s
}
