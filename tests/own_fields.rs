//! Fields of the team's own: `description:`, `notes:` and an `extra:` map, kept as written,
//! shown by `show`, and imported with `--map extra.NAME=COLUMN`.

use crate::harness::*;

const OWN: &str = "version: 1\ncommitments:\n  - id: uk-cps-3m\n    title: GBP 3m for the CPS\n    owner: United Kingdom\n    made: 2025-03-31\n    description: \"Money for prosecutors — « en partie »\"\n    notes: 'Checked: the Home Office letter'\n    extra:\n      title_fr: 3 M£ pour le CPS\n      archive_url: https://web.archive.org/x\n      code: \"007\"\n    history:\n      - {date: 2025-03-31, status: announced, unsourced: true, note: x}\n";

#[test]
fn own_fields_are_accepted_kept_and_shown() {
    let t = Test::new().ledger(OWN);
    t.then(&["check"]).success();
    t.then(&["show", "uk-cps-3m"])
        .success()
        .stdout_has("Money for prosecutors — « en partie »")
        .stdout_has("Checked: the Home Office letter")
        .stdout_has("extra.title_fr")
        .stdout_has("3 M£ pour le CPS")
        .stdout_has("extra.code");
    let j = t
        .then(&["show", "uk-cps-3m", "--format", "json"])
        .success()
        .json();
    let c = &j["commitment"];
    assert_eq!(c["description"], "Money for prosecutors — « en partie »");
    assert_eq!(c["notes"], "Checked: the Home Office letter");
    assert_eq!(
        c["extra"]["code"], "007",
        "kept as written, not read as a number"
    );
    assert_eq!(c["extra"]["archive_url"], "https://web.archive.org/x");
    // A write elsewhere in the record leaves them byte for byte.
    t.then(&["gap", "uk-cps-3m", "--note", "Looked again"])
        .success();
    assert!(
        t.file()
            .starts_with(&OWN[..OWN.find("    history:").unwrap()])
    );
}

#[test]
fn an_extra_field_must_be_a_single_value() {
    for (from, to, says) in [
        (
            "      code: \"007\"\n",
            "      code: [0, 0, 7]\n",
            "a single value",
        ),
        (
            "      code: \"007\"\n",
            "      code: \"007\"\n      code: \"008\"\n",
            "code",
        ),
        (
            "    extra:\n      title_fr",
            "    extra: high\n    extras:\n      title_fr",
            "extra",
        ),
    ] {
        let text = OWN.replacen(from, to, 1);
        assert_ne!(text, OWN);
        let t = Test::new().ledger(&text);
        t.then(&["check"])
            .failure(1)
            .stderr_has("commitments.yaml:")
            .stderr_has(says);
        assert_eq!(t.file(), text);
    }
}

#[test]
fn import_maps_columns_to_own_fields() {
    let t = Test::new().ledger("version: 1\ncommitments: []\n");
    std::fs::write(
        t.dir.path().join("in.csv"),
        "id,title,owner,made,description,Archive,Confiance\nfr-1,Unité mobile,France,2025-03-31,Une unité « mobile »,https://web.archive.org/y,élevée\nfr-2,B,France,2025-03-31,,,\n",
    )
    .unwrap();
    t.then(&[
        "import",
        "in.csv",
        "--map",
        "extra.archive_url=Archive",
        "--map",
        "extra.confiance=Confiance",
    ])
    .success()
    .stdout_lacks("columns not imported");
    let j = t
        .then(&["show", "fr-1", "--format", "json"])
        .success()
        .json();
    assert_eq!(j["commitment"]["description"], "Une unité « mobile »");
    assert_eq!(j["commitment"]["extra"]["confiance"], "élevée");
    assert_eq!(
        j["commitment"]["extra"]["archive_url"],
        "https://web.archive.org/y"
    );
    let j = t
        .then(&["show", "fr-2", "--format", "json"])
        .success()
        .json();
    assert_eq!(
        j["commitment"]["extra"],
        serde_json::json!({}),
        "empty cells give no field"
    );
    let file = t.file();
    assert!(
        file.contains(
            "    extra:\n      archive_url: https://web.archive.org/y\n      confiance: élevée\n"
        ),
        "{file}"
    );

    let t = Test::new().ledger("version: 1\ncommitments: []\n");
    std::fs::write(
        t.dir.path().join("in.csv"),
        "id,title,owner,made\nx,X,X,2025-03-31\n",
    )
    .unwrap();
    let before = t.file_bytes();
    t.then(&["import", "in.csv", "--map", "extra.archive_url=Archive"])
        .failure(1)
        .stderr_has("there is no column `Archive`")
        .stderr_has("its columns are: id, title, owner, made");
    t.then(&["import", "in.csv", "--map", "extra. =Archive"])
        .failure(1)
        .stderr_has("a name without spaces");
    assert_eq!(t.file_bytes(), before);
}
