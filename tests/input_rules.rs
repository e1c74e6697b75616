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
