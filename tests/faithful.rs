//! What a person wrote is what the file holds and what the program shows: text in every
//! language is written with its letters (never `\xE8` or `\u20AC`), read back by an independent
//! YAML reader (PyYAML) as the same string; scalars are read as the characters in the file.

use std::process::Command;

use crate::harness::*;

/// Text that needs quotes in YAML (a `: ` or an apostrophe), in the languages the ledger's
/// users write; the quoting path is where escapes used to appear.
const LANGUAGES: &[(&str, &str)] = &[
    ("fr", "Ministère de l'Intérieur : « plan » à 5 € ; l'été"),
    (
        "de",
        "Bundesministerium für Inneres: „Grenzschutz“ – Maßnahmen",
    ),
    ("es", "Ministerio del Interior: '¿cuándo?' señal, año"),
    ("pl", "Ministerstwo Spraw Wewnętrznych: zażółć gęślą jaźń"),
    ("el", "Υπουργείο Προστασίας του Πολίτη: «ναι» 'όχι'"),
    ("ar", "وزارة الداخلية: 'نعم' — تقرير"),
    ("cjk", "出入国在留管理庁: 「はい」 中文 'ok' 한국어"),
];

/// The ledger as PyYAML reads it, as JSON; None (with a note) where Python or PyYAML is
/// missing on a developer's machine. CI installs PyYAML and must run this.
fn pyyaml(path: &std::path::Path) -> Option<serde_json::Value> {
    let script = "import sys, json, yaml\n\
                  print(json.dumps(yaml.safe_load(open(sys.argv[1], encoding='utf-8')), default=str))";
    let out = Command::new("python3")
        .args(["-c", script])
        .arg(path)
        .output();
    match out {
        Ok(o) if o.status.success() => Some(serde_json::from_slice(&o.stdout).expect("json")),
        Ok(o) if String::from_utf8_lossy(&o.stderr).contains("No module named 'yaml'") => {
            assert!(
                std::env::var_os("CI").is_none(),
                "CI must install PyYAML (python3 -m pip install pyyaml)"
            );
            eprintln!("SKIPPED: reading back with PyYAML needs python3 -m pip install pyyaml");
            None
        }
        Ok(o) => panic!(
            "PyYAML could not read the ledger:\n{}",
            String::from_utf8_lossy(&o.stderr)
        ),
        Err(_) => {
            assert!(std::env::var_os("CI").is_none(), "CI must have python3");
            eprintln!("SKIPPED: reading back with PyYAML needs python3");
            None
        }
    }
}

/// Any `\x`, `\u` or `\U` escape in the file.
fn escapes(text: &str) -> Vec<&str> {
    text.lines()
        .filter(|l| {
            let b = l.as_bytes();
            (0..b.len().saturating_sub(1))
                .any(|i| b[i] == b'\\' && matches!(b[i + 1], b'x' | b'u' | b'U'))
        })
        .collect()
}

#[test]
fn every_language_is_written_with_its_letters_by_every_writing_command() {
    let (_, first) = LANGUAGES[0];
    let t = Test::new().args(&["init", "--title", first]);
    t.run().success();
    for (lang, text) in LANGUAGES {
        let id = format!("c-{lang}");
        let ev = format!("e-{lang}");
        let url = format!("https://example.org/{lang}");
        t.then(&[
            "add",
            &id,
            "--title",
            text,
            "--owner",
            text,
            "--partner",
            text,
            "--made",
            "2025-03-31",
            "--source-title",
            text,
            "--source-publisher",
            text,
            "--source-locator",
            text,
            "--source-quote",
            text,
            "--note",
            text,
        ])
        .success();
        t.then(&[
            "evidence",
            &id,
            "--id",
            &ev,
            "--url",
            &url,
            "--title",
            text,
            "--publisher",
            text,
            "--published",
            "2025-04-01",
            "--quote",
            text,
        ])
        .success();
        t.then(&[
            "update",
            &id,
            "--status",
            "in-progress",
            "--date",
            "2025-04-02",
            "--evidence",
            &ev,
            "--note",
            text,
        ])
        .success();
        t.then(&["gap", &id, "--note", text]).success();
    }
    let mut csv = String::from("id,title,owner,made\n");
    for (lang, text) in LANGUAGES {
        csv.push_str(&format!("i-{lang},\"{text}\",\"{text}\",2025-03-31\n"));
    }
    std::fs::write(t.dir.path().join("rows.csv"), csv).unwrap();
    t.then(&["import", "rows.csv", "--default=source_title=Sheet"])
        .success();

    let file = t.file();
    assert_eq!(escapes(&file), Vec::<&str>::new(), "escapes in:\n{file}");
    for (_, text) in LANGUAGES {
        assert!(
            file.contains(text),
            "{text} is not in the file as written:\n{file}"
        );
    }
    t.then(&["check"]).success();

    let Some(doc) = pyyaml(&t.path()) else { return };
    assert_eq!(doc["title"], *first);
    let list = doc["commitments"].as_array().expect("commitments");
    for (lang, text) in LANGUAGES {
        let find = |id: String| {
            list.iter()
                .find(|c| c["id"] == *id)
                .unwrap_or_else(|| panic!("no {id}"))
        };
        let c = find(format!("c-{lang}"));
        for v in [
            &c["title"],
            &c["owner"],
            &c["partners"][0],
            &c["source"]["title"],
            &c["source"]["publisher"],
            &c["source"]["locator"],
            &c["source"]["quote"],
            &c["history"][0]["note"],
            &c["evidence"][0]["title"],
            &c["evidence"][0]["publisher"],
            &c["evidence"][0]["quote"],
            &c["history"][1]["note"],
            &c["gaps"][0]["note"],
        ] {
            assert_eq!(v, *text, "{lang}: {c:#}");
        }
        let i = find(format!("i-{lang}"));
        assert_eq!(i["title"], *text);
        assert_eq!(i["owner"], *text);
    }
}

/// One commitment whose values YAML would read as numbers, booleans or floats.
fn as_written(id: &str, title: &str) -> String {
    format!(
        "  - id: {id}\n    title: {title}\n    owner: O\n    made: 2025-01-01\n    tags: [007, 1.50]\n    source: {{title: S, locator: 6.10}}\n    history:\n      - date: 2025-01-01\n        status: announced\n        unsourced: TRUE\n        note: n\n"
    )
}

#[test]
fn scalars_are_shown_as_written_and_ids_are_their_text() {
    let text = format!(
        "version: 1\ncommitments:\n{}{}{}",
        as_written("1e3", "1.50"),
        as_written("0x1f", "TRUE"),
        as_written("\"31\"", "007"),
    );
    let t = Test::new().ledger(&text);
    t.then(&["check"]).success().stdout_has("3 commitments");
    let c = t
        .then(&["show", "1e3", "--format", "json"])
        .success()
        .json();
    let c = if c["commitment"].is_object() {
        &c["commitment"]
    } else {
        &c
    };
    assert_eq!(c["title"], "1.50", "{c:#}");
    assert_eq!(c["tags"], serde_json::json!(["007", "1.50"]));
    assert_eq!(c["source"]["locator"], "6.10");
    let c = t
        .then(&["show", "0x1f", "--format", "json"])
        .success()
        .json();
    let c = if c["commitment"].is_object() {
        &c["commitment"]
    } else {
        &c
    };
    assert_eq!(c["title"], "TRUE");
    t.then(&["show", "31"]).success().stdout_has("007");
    // A write leaves them as they are.
    t.then(&["gap", "1e3", "--note", "looked"]).success();
    assert!(t.file().contains("  - id: 1e3\n    title: 1.50\n"));
    assert!(t.file().contains("tags: [007, 1.50]"));
}

#[test]
fn a_null_where_a_value_is_needed_is_named_with_how_to_quote_it() {
    for null in ["~", "null", ""] {
        let text = format!("version: 1\ncommitments:\n{}", as_written("a", null));
        let t = Test::new().ledger(&text);
        let column = if null.is_empty() { 10 } else { 12 };
        t.then(&["check"])
            .failure(1)
            .stderr_has(&format!(
                "commitments.yaml:4:{column}: `title` has no value"
            ))
            .stderr_has("`~` and `null` as nothing")
            .stderr_has("put it in quotes: `title: \"~\"`");
    }
}

#[test]
fn the_shipped_ledger_has_its_letters_unescaped() {
    let shipped = include_str!("../commitments.yaml");
    assert_eq!(escapes(shipped), Vec::<&str>::new());
    assert!(shipped.contains("communiqué's"));
}

#[test]
fn a_mapping_as_a_list_entry_or_a_tagged_value_is_refused_in_plain_words() {
    let text = format!("version: 1\ncommitments:\n{}", as_written("a", "T"))
        .replace("tags: [007, 1.50]", "tags: [x, {a: b}]");
    Test::new()
        .ledger(&text)
        .then(&["check"])
        .failure(1)
        .stderr_has("commitments.yaml:7:15: expected a single value (text, a number or a date), not a list or a mapping; found a mapping")
        .stderr_lacks("a key must be");
    let text = format!("version: 1\ncommitments:\n{}", as_written("a", "!!int 5"));
    Test::new()
        .ledger(&text)
        .then(&["check"])
        .failure(1)
        .stderr_has("commitments.yaml:4:18: a type tag")
        .stderr_has("remove the tag");
}
