//! Values as they read in the ledger file, for conflict messages: `2026-06-30`, `[france,
//! enforcement]`, `{amount: 3000000, currency: GBP}`, a title as it was typed. People resolve
//! conflicts in the YAML, so a message shows what they will see there, never a program's
//! inner names for the values.

use serde::Serialize;
use serde_json::Value;

/// The longest value a message quotes whole; longer ones end in `…`.
const LONGEST: usize = 120;

/// `value` written as YAML writes it on one line, or `(not set)`.
pub fn yaml<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(Value::Null) => "(not set)".into(),
        Ok(v) => cut(&flow(&v)),
        Err(_) => "(a value that cannot be shown)".into(),
    }
}

/// The fields in which two entries (evidence, events, gaps) differ, each with its two values:
/// "`title` is `bob` on our side and `alice` on theirs".
pub fn differences<T: Serialize>(ours: &T, theirs: &T) -> Vec<String> {
    let (Ok(Value::Object(o)), Ok(Value::Object(t))) =
        (serde_json::to_value(ours), serde_json::to_value(theirs))
    else {
        return vec![format!(
            "ours is `{}` and theirs is `{}`",
            yaml(ours),
            yaml(theirs)
        )];
    };
    let shown = |v: Option<&Value>| match v {
        None | Some(Value::Null) => "(not set)".to_string(),
        Some(v) => cut(&flow(v)),
    };
    let mut keys: Vec<&String> = o.keys().chain(t.keys()).collect();
    keys.dedup();
    let mut seen = std::collections::HashSet::new();
    keys.into_iter()
        .filter(|k| seen.insert(*k) && o.get(*k) != t.get(*k))
        .map(|k| {
            format!(
                "`{k}` is `{}` on our side and `{}` on theirs",
                shown(o.get(k)),
                shown(t.get(k))
            )
        })
        .collect()
}

fn flow(v: &Value) -> String {
    match v {
        Value::Null => "~".into(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => match n.as_f64() {
            Some(f) if n.is_f64() && f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", f as i64),
            _ => n.to_string(),
        },
        Value::String(s) => scalar(s),
        Value::Array(items) => format!(
            "[{}]",
            items.iter().map(flow).collect::<Vec<_>>().join(", ")
        ),
        // Fields a file leaves out (no value, false, an empty list) are left out here too.
        Value::Object(fields) => format!(
            "{{{}}}",
            fields
                .iter()
                .filter(|(_, v)| !matches!(v, Value::Null | Value::Bool(false))
                    && !matches!(v, Value::Array(a) if a.is_empty()))
                .map(|(k, v)| format!("{k}: {}", flow(v)))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

/// Plain when YAML would read it back as the same text, else double-quoted.
fn scalar(s: &str) -> String {
    let special = s.is_empty()
        || s.trim() != s
        || s.starts_with(|c: char| "-?:,[]{}#&*!|>'\"%@`".contains(c))
        || s.contains(": ")
        || s.contains(" #")
        || s.contains(['\n', '\t', ',', '[', ']', '{', '}'])
        || matches!(
            s.to_ascii_lowercase().as_str(),
            "true" | "false" | "null" | "~" | "yes" | "no"
        )
        || s.parse::<f64>().is_ok();
    if special {
        serde_json::Value::from(s).to_string()
    } else {
        s.to_string()
    }
}

fn cut(s: &str) -> String {
    if s.chars().count() > LONGEST {
        format!("{}…", s.chars().take(LONGEST).collect::<String>())
    } else {
        s.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_read_as_in_the_file() {
        assert_eq!(yaml(&Some("Home Office")), "Home Office");
        assert_eq!(yaml(&None::<String>), "(not set)");
        assert_eq!(
            yaml(&vec!["france", "enforcement"]),
            "[france, enforcement]"
        );
        assert_eq!(yaml(&"a: b"), "\"a: b\"");
        assert_eq!(yaml(&"2025"), "\"2025\"");
        let d = chrono::NaiveDate::from_ymd_opt(2026, 6, 30).unwrap();
        assert_eq!(yaml(&d), "2026-06-30");
    }
}
