//! Rules for what people type: ids made from their text are readable in every script, filters
//! ignore accents and case, and amounts are never guessed (issue 10, items 2 and 4).

use crate::harness::Test;

fn ledger_with_france() -> Test {
    let t = Test::new().args(&["init"]);
    t.run().success();
    t.then(&[
        "add",
        "fr-unit",
        "--title",
        "A unit",
        "--owner",
        "Ministère de l'Intérieur",
        "--made",
        "2025-03-31",
        "--tag",
        "france",
    ])
    .success();
    t
}

fn evidence_id(t: &Test, publisher: &str, url: &str) -> String {
    t.then(&[
        "evidence",
        "fr-unit",
        "--url",
        url,
        "--title",
        "T",
        "--publisher",
        publisher,
        "--published",
        "2025-11-15",
    ])
    .success()
    .stdout
    .trim()
    .to_string()
}

#[test]
fn evidence_ids_transliterate_letters_instead_of_dropping_them() {
    let t = ledger_with_france();
    assert_eq!(
        evidence_id(
            &t,
            "Ministère de l'Intérieur",
            "https://www.interieur.gouv.fr/actualites/bilan-2025"
        ),
        "ministere-de-l-interieur-2025-11-15-bilan-2025"
    );
    assert_eq!(
        evidence_id(
            &t,
            "Élysée",
            "https://www.elysee.fr/emmanuel-macron/declaration"
        ),
        "elysee-2025-11-15-declaration"
    );
    assert_eq!(
        evidence_id(
            &t,
            "Ärzte ohne Grenzen",
            "https://www.aerzte-ohne-grenzen.de/bericht.pdf"
        ),
        "arzte-ohne-grenzen-2025-11-15-bericht"
    );
    assert_eq!(
        evidence_id(&t, "Υπουργείο Εσωτερικών", "https://www.ypes.gr/anakoinosi"),
        "upourgeio-esoterikon-2025-11-15-anakoinosi"
    );
    assert_eq!(
        evidence_id(
            &t,
            "Министерство внутренних дел",
            "https://mvd.ru/news/item"
        ),
        "ministerstvo-vnutrennikh-del-2025-11-15-item"
    );
    assert_eq!(
        evidence_id(&t, "内務省", "https://example.jp/news/item"),
        "nei-wu-sheng-2025-11-15-item"
    );
    let arabic = evidence_id(&t, "وزارة الداخلية", "https://example.org/news/item");
    assert!(arabic.len() > "-2025-11-15-item".len(), "{arabic}");
    t.then(&["check"]).success();
}

#[test]
fn two_pages_from_one_publisher_on_one_day_get_different_readable_ids() {
    // Two researchers on two branches each add a Home Office page of 1 June: with ids made
    // from publisher and date alone both got `home-office-2025-06-01`, and the merge collided.
    let one = ledger_with_france();
    let two = ledger_with_france();
    let a = evidence_id(
        &one,
        "Home Office",
        "https://www.gov.uk/government/news/asylum-statistics",
    );
    let b = evidence_id(
        &two,
        "Home Office",
        "https://www.gov.uk/government/news/returns-deal",
    );
    assert_eq!(a, "home-office-2025-11-15-asylum-statistics");
    assert_eq!(b, "home-office-2025-11-15-returns-deal");
}

#[test]
fn existing_evidence_ids_are_never_renamed() {
    let t = ledger_with_france();
    t.then(&[
        "evidence",
        "fr-unit",
        "--url",
        "https://example.org/a",
        "--title",
        "Old",
        "--id",
        "minist-re-de-l-int-rieur-2025-11-15",
    ])
    .success();
    evidence_id(&t, "Ministère de l'Intérieur", "https://example.org/b");
    assert!(t.file().contains("id: minist-re-de-l-int-rieur-2025-11-15"));
    let shown = t
        .then(&["show", "fr-unit", "--format", "json"])
        .success()
        .json();
    let ids: Vec<&str> = shown["commitment"]["evidence"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        [
            "minist-re-de-l-int-rieur-2025-11-15",
            "ministere-de-l-interieur-2025-11-15-b"
        ]
    );
}

#[test]
fn list_owner_and_tag_ignore_accents_and_case() {
    let t = ledger_with_france();
    t.then(&["list", "--owner", "ministere", "--format", "json"])
        .success()
        .stdout_has("fr-unit");
    t.then(&["list", "--owner", "INTÉRIEUR", "--format", "json"])
        .success()
        .stdout_has("fr-unit");
    t.then(&["list", "--tag", "France", "--format", "json"])
        .success()
        .stdout_has("fr-unit");
    t.then(&["list", "--tag", "fran", "--format", "json"])
        .success()
        .stdout_lacks("fr-unit");
}

const EMPTY: &str = "version: 1\ncommitments: []\n";

/// A French spreadsheet: `Montant` as LibreOffice in a French locale writes it.
fn french_sheet(t: &Test, amounts: &[&str]) -> String {
    let mut csv = String::from("id,title,owner,made,Montant,currency\n");
    for (i, a) in amounts.iter().enumerate() {
        csv.push_str(&format!("fr-{i},Titre,Ministère,2025-01-01,\"{a}\",EUR\n"));
    }
    let path = t.dir.path().join("fr.csv");
    std::fs::write(&path, csv).unwrap();
    path.display().to_string()
}

fn amounts(t: &Test) -> Vec<f64> {
    let j = t.then(&["list", "--format", "json"]).success().json();
    j.as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let id = r["id"].as_str().unwrap();
            let shown = t.then(&["show", id, "--format", "json"]).success().json();
            shown["commitment"]["funding"]["amount"].as_f64().unwrap()
        })
        .collect()
}

#[test]
fn import_refuses_amounts_two_conventions_read_differently_naming_row_column_and_readings() {
    let t = Test::new().ledger(EMPTY);
    let csv = french_sheet(&t, &["4 500 000,00", "12,5", "1,5", "1.500", "1500"]);
    let err = t
        .then(&["import", &csv, "--map", "amount=Montant"])
        .failure(1)
        .stderr;
    for expected in [
        "fr.csv, row 2, column Montant: `4 500 000,00` could be read two ways: 4500000.00 (if `,` is the decimal mark) or 450000000 (if `.` is the decimal mark and `,` separates thousands)",
        "fr.csv, row 3, column Montant: `12,5` could be read two ways: 12.5 (if `,` is the decimal mark) or 125 (if `.` is the decimal mark and `,` separates thousands)",
        "fr.csv, row 4, column Montant: `1,5` could be read two ways",
        "fr.csv, row 5, column Montant: `1.500` could be read two ways: 1500 (if `,` is the decimal mark and `.` separates thousands) or 1.500 (if `.` is the decimal mark)",
        "--decimal-mark , (as in 4 500 000,00) or --decimal-mark . (as in 4,500,000.00)",
        "nothing was imported",
    ] {
        assert!(err.contains(expected), "missing {expected:?} in\n{err}");
    }
    assert!(!err.contains("row 6"), "1500 is unambiguous:\n{err}");
    assert_eq!(t.file(), EMPTY);
}

#[test]
fn import_reads_amounts_with_the_declared_decimal_mark() {
    let t = Test::new().ledger(EMPTY);
    // Spaces of three kinds: plain, no-break (U+00A0), narrow no-break (U+202F).
    let csv = french_sheet(
        &t,
        &[
            "4 500 000,00",
            "4\u{a0}500\u{a0}000,50",
            "4\u{202f}500,25",
            "4.500.000,00",
            "12,5",
            "1500",
        ],
    );
    t.then(&[
        "import",
        &csv,
        "--map",
        "amount=Montant",
        "--decimal-mark",
        ",",
    ])
    .success();
    assert_eq!(
        amounts(&t),
        [
            4_500_000.0,
            4_500_000.5,
            4_500.25,
            4_500_000.0,
            12.5,
            1500.0
        ]
    );
}

#[test]
fn import_with_a_decimal_point_reads_english_and_swiss_amounts_and_refuses_french_ones() {
    let t = Test::new().ledger(EMPTY);
    let csv = french_sheet(&t, &["4,500,000.00", "4'500'000.00", "1,500", "12.50"]);
    t.then(&[
        "import",
        &csv,
        "--map",
        "amount=Montant",
        "--decimal-mark",
        ".",
    ])
    .success();
    assert_eq!(amounts(&t), [4_500_000.0, 4_500_000.0, 1500.0, 12.5]);

    let t = Test::new().ledger(EMPTY);
    let csv = french_sheet(&t, &["4 500 000,00"]);
    t.then(&["import", &csv, "--map", "amount=Montant", "--decimal-mark", "."])
        .failure(1)
        .stderr_has("row 2, column Montant: `4 500 000,00` is not an amount written with `.` as the decimal mark (as in 4,500,000.00 or 4 500 000.00; thousands in groups of three); with `,` as the decimal mark it is 4500000.00");
    assert_eq!(t.file(), EMPTY);
}

#[test]
fn import_reads_unambiguous_amounts_without_a_mark() {
    let t = Test::new().ledger(EMPTY);
    let csv = french_sheet(
        &t,
        &["1500", "12.50", "4 500 000", "4,500,000.00", "4.500.000,00"],
    );
    t.then(&["import", &csv, "--map", "amount=Montant"])
        .success();
    assert_eq!(
        amounts(&t),
        [1500.0, 12.5, 4_500_000.0, 4_500_000.0, 4_500_000.0]
    );
}

fn add_amount(t: &Test, id: &str, extra: &[&str]) -> crate::harness::Output {
    let mut args = vec![
        "add",
        id,
        "--title",
        "T",
        "--owner",
        "O",
        "--made",
        "2025-03-31",
        "--currency",
        "EUR",
    ];
    args.extend_from_slice(extra);
    t.then(&args)
}

#[test]
fn add_amount_follows_the_same_rule() {
    let t = Test::new().ledger(EMPTY);
    add_amount(&t, "x-a", &["--amount", "12,5"])
        .failure(1)
        .stderr_has("--amount `12,5` could be read two ways: 12.5 (if `,` is the decimal mark) or 125 (if `.` is the decimal mark and `,` separates thousands); say which with --decimal-mark , or --decimal-mark .");
    add_amount(&t, "x-a", &["--amount", "1.500"])
        .failure(1)
        .stderr_has("could be read two ways");
    assert_eq!(t.file(), EMPTY);
    add_amount(
        &t,
        "x-a",
        &["--amount", "4 500 000,00", "--decimal-mark", ","],
    )
    .success();
    add_amount(&t, "x-b", &["--amount", "1,500", "--decimal-mark", "."]).success();
    add_amount(&t, "x-c", &["--amount", "4,500,000.00"]).success();
    add_amount(&t, "x-d", &["--amount", "12.50", "--decimal-mark", ","])
        .failure(1)
        .stderr_has("--amount `12.50` is not an amount written with `,` as the decimal mark");
    add_amount(&t, "x-d", &["--amount", "5", "--decimal-mark", "x"])
        .failure(2)
        .stderr_has(
            "`x` is not a decimal mark; use `,` (as in 4 500 000,00) or `.` (as in 4,500,000.00)",
        );
    assert_eq!(amounts(&t), [4_500_000.0, 1500.0, 4_500_000.0]);
}

#[test]
fn import_makes_readable_ids_from_accented_ids() {
    let t = Test::new().ledger(EMPTY);
    let path = t.dir.path().join("c.csv");
    std::fs::write(
        &path,
        "id,title,owner,made\nÉlysée 1,T,O,2025-01-01\nÄrzte 2,T,O,2025-01-01\n",
    )
    .unwrap();
    t.then(&["import", &path.display().to_string()])
        .success()
        .stdout_has("Élysée 1 → elysee-1");
    t.then(&["show", "elysee-1"]).success();
    t.then(&["show", "arzte-2"]).success();
}
