//! Languages: the program's words in English, French and German (`--lang`, or `language:` in
//! the ledger), the HTML `lang` that follows, a scale's labels per language, and the refusals
//! of a language the program has no words for.

use crate::harness::*;
use crate::site::{attrs, files};

const REPORTS: &str = include_str!("fixtures/reports.yaml");

/// A UTF-8 locale whatever the machine's, since tables and charts draw differently without.
fn t(ledger: &str) -> Test {
    Test::new().ledger(ledger).env("LC_ALL", "C.UTF-8")
}

fn out(ledger: &str, args: &[&str]) -> String {
    t(ledger).args(args).run().success().stdout
}

/// The report ledger, said to be French.
fn french() -> String {
    REPORTS.replacen("version: 1\n", "version: 1\nlanguage: fr\n", 1)
}

#[test]
fn a_bulletin_in_french() {
    insta::assert_snapshot!(
        "bulletin_fr",
        out(
            REPORTS,
            &["bulletin", "--period", "2026-Q3", "--lang", "fr"]
        )
    );
    // A quarter with changes of every kind, in Markdown for the briefing.
    insta::assert_snapshot!(
        "bulletin_fr_markdown",
        out(
            REPORTS,
            &[
                "bulletin", "--period", "2025-Q3", "--lang", "fr", "--format", "markdown"
            ]
        )
    );
}

#[test]
fn a_site_in_german() {
    let t = t(REPORTS);
    t.then(&["site", "out", "--lang", "de"]).success();
    let site = files(&t.dir.path().join("out"));
    let page = |p: &str| String::from_utf8(site[p].clone()).unwrap();
    insta::assert_snapshot!("site_commitment_page_de", page("c/unit.html"));
    // Every page says it is German, for screen readers, hyphenation and translation tools.
    for (path, bytes) in site.iter().filter(|(p, _)| p.ends_with(".html")) {
        let text = String::from_utf8_lossy(bytes);
        assert!(text.contains("<html lang=\"de\">"), "{path}");
        assert!(!text.contains("lang=\"en\""), "{path}");
    }
    let index = page("index.html");
    for word in [
        "Zusage",
        "Verantwortlich",
        "Fällig",
        "Hinweise",
        "Methode",
        "Daten",
        "Erstellt mit",
    ] {
        assert!(index.contains(word), "{word} not on the index");
    }
    assert!(page("method.html").contains("Schweigen ist auch ein Befund"));
    // The links between pages are those of the English site: addresses are not words.
    assert_eq!(attrs(&index, "href"), {
        let en = Test::new().ledger(REPORTS);
        en.then(&["site", "en"]).success();
        let en = files(&en.dir.path().join("en"));
        attrs(&String::from_utf8_lossy(&en["index.html"]), "href")
    });
    // Machine-readable names stay as they are in every language.
    let csv = page("data/commitments.csv");
    assert!(
        csv.starts_with("id,title,owner,parent,tags,made,status,status_label,"),
        "{csv}"
    );
    assert!(page("data/datapackage.json").contains("\"name\": \"status_label\""));
}

#[test]
fn the_ledgers_language_is_used_and_lang_overrides_it() {
    let ledger = french();
    let html = out(&ledger, &["report", "--format", "html"]);
    assert!(html.contains("<html lang=\"fr\">"), "{html}");
    for word in [
        "Engagement",
        "Statut",
        "Échéance",
        "en retard",
        "sans source",
        "Réalisé avec",
    ] {
        assert!(html.contains(word), "{word} missing from the French page");
    }
    let table = out(&ledger, &["report"]);
    assert!(
        table.contains("Responsable") && table.contains("Au point mort"),
        "{table}"
    );
    assert!(table.contains("2025-06-30"), "dates stay YYYY-MM-DD");

    // The flag wins over the file.
    let html = out(&ledger, &["report", "--format", "html", "--lang", "en"]);
    assert!(html.contains("<html lang=\"en\">"));
    assert!(html.contains("Latest evidence") && html.contains("In progress"));
    assert!(!html.contains("Engagement"));
    let show = out(&ledger, &["show", "fund"]);
    for word in [
        "Responsable",
        "Échéance",
        "Financement",
        "Promis GBP 3,000,000",
        "SANS SOURCE",
        "Lacunes",
    ] {
        assert!(show.contains(word), "{word} missing from show: {show}");
    }
    let de = out(&ledger, &["list", "--lang", "de"]);
    assert!(
        de.contains("Verantwortlich") && de.contains("überfällig"),
        "{de}"
    );

    // JSON keys and status keys do not change with the language; labels do.
    let json: serde_json::Value =
        serde_json::from_str(&out(&ledger, &["report", "--format", "json"])).unwrap();
    let unit = &json["commitments"][0];
    assert_eq!(unit["status"], "stalled");
    assert_eq!(unit["status_label"], "Au point mort");
    assert_eq!(unit["overdue"], true);
}

#[test]
fn an_unknown_language_is_refused() {
    // On the command line: a usage error, as for any value clap refuses, naming the choices.
    let out = t(REPORTS)
        .args(&["report", "--lang", "it"])
        .run()
        .failure(2);
    assert!(
        out.stderr.contains("'it'") && out.stderr.contains("en, fr, de"),
        "{}",
        out.stderr
    );
    // In the ledger: a problem of the file, with its line and column, and the file untouched.
    let ledger = REPORTS.replacen("version: 1\n", "version: 1\nlanguage: it\n", 1);
    let t = t(&ledger);
    let out = t.then(&["report"]).failure(1);
    assert!(
        out.stderr
            .contains(":5:11: reports are not written in this language"),
        "{}",
        out.stderr
    );
    for code in ["`language: en`", "`language: fr`", "`language: de`"] {
        assert!(out.stderr.contains(code), "{code}: {}", out.stderr);
    }
    t.then(&["check"]).failure(1);
    assert_eq!(t.file(), ledger);
}

const OWN_SCALE: &str = "version: 1
statuses:
  - key: open
    label: Open
    labels: {fr: Ouvert, de: Offen}
    score: 0
    description: nothing done yet
    descriptions:
      fr: rien de fait pour l'instant
  - key: done
    label: Done
    score: 1
    closed: true
commitments:
  - id: a
    title: A pledge
    owner: Someone
    made: 2025-01-01
    history:
      - date: 2025-01-01
        status: open
        note: Announced.
        unsourced: true
";

#[test]
fn a_scale_gives_its_labels_per_language() {
    let fr = out(
        OWN_SCALE,
        &[
            "bulletin", "--period", "2025", "--lang", "fr", "--format", "markdown",
        ],
    );
    assert!(
        fr.contains("| Ouvert | 0 | non | rien de fait pour l'instant |"),
        "{fr}"
    );
    // One label is the ledger's in every language.
    assert!(fr.contains("| Done | 1 | oui |"), "{fr}");
    let de = out(OWN_SCALE, &["report", "--lang", "de"]);
    assert!(de.contains("Offen"), "{de}");
    // German has no description of its own: the one given stands for every language.
    let de = out(
        OWN_SCALE,
        &[
            "bulletin", "--period", "2025", "--lang", "de", "--format", "markdown",
        ],
    );
    assert!(
        de.contains("| Offen | 0 | nein | nothing done yet |"),
        "{de}"
    );
    let en = out(OWN_SCALE, &["report"]);
    assert!(en.contains("Open") && !en.contains("Ouvert"), "{en}");
    // A label in any language names the status on the command line.
    let t = t(OWN_SCALE);
    t.then(&[
        "update",
        "a",
        "--status",
        "Ouvert",
        "--date",
        "2025-02-01",
        "--unsourced",
        "--note",
        "Still open.",
    ])
    .success();
    assert!(
        t.file()
            .contains("- date: 2025-02-01\n        status: open\n"),
        "{}",
        t.file()
    );
}

#[test]
fn bad_labels_are_refused_where_they_stand() {
    let cases = [
        (
            OWN_SCALE.replace("{fr: Ouvert, de: Offen}", "{fr: Ouvert, it: Aperto}"),
            ":5:26:",
            "en, fr, de",
        ),
        (
            OWN_SCALE.replace("{fr: Ouvert, de: Offen}", "{fr: Ouvert, de: }"),
            ":5:28:",
            "`labels: de` has no value",
        ),
        (
            OWN_SCALE.replace("{fr: Ouvert, de: Offen}", "{}"),
            ":5:13:",
            "`labels:` gives no language",
        ),
        (
            OWN_SCALE.replace("fr: rien de fait pour l'instant", "fr: \"  \""),
            ":9:11:",
            "`descriptions: fr` is blank",
        ),
    ];
    for (ledger, at, what) in cases {
        let t = t(&ledger);
        let out = t.then(&["check"]).failure(1);
        assert!(out.stderr.contains(at), "{at}: {}", out.stderr);
        assert!(out.stderr.contains(what), "{what}: {}", out.stderr);
        assert_eq!(t.file(), ledger);
    }
}
