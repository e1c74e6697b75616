//! Funding events and parents in the file: checked with their positions, a circle of
//! parents named once.

use super::*;

// ---------------------------------------------------------------- funding events

/// The sample's `uk-cps-3m` (funding GBP 3m) with one funding event written as `event`.
fn with_funding_event(event: &str) -> String {
    broken(
        "    funding: {amount: 3000000, currency: GBP}\n",
        &format!("    funding: {{amount: 3000000, currency: GBP}}\n    funding_history:\n{event}"),
    )
}

#[test]
fn funding_events_in_the_file_are_checked_with_their_positions() {
    let ok = "      - {date: 2025-06-01, stage: allocated, amount: 3230000, currency: GBP, unsourced: true, note: budget letter}\n";
    Test::new()
        .ledger(&with_funding_event(ok))
        .args(&["check"])
        .run()
        .success()
        .stdout_has("1 funding event");
    // (what to change, into what, where the message points, what it says, what is valid)
    for (from, to, needle, says, valid) in [
        (
            "stage: allocated",
            "stage: committed",
            "committed",
            "unknown funding stage `committed`",
            "one of: pledged, allocated, disbursed, spent",
        ),
        (
            "currency: GBP, unsourced",
            "currency: EUR, unsourced",
            "EUR",
            "this amount is in EUR, but the commitment's money is in GBP",
            "write this amount in GBP",
        ),
        (
            "amount: 3230000",
            "amount: -3230000",
            "-3230000",
            "`amount` must be a plain number",
            "e.g. 3000000",
        ),
        (
            "amount: 3230000",
            "amount: 3.23m",
            "3.23m",
            "`amount` must be a plain number",
            "without separators",
        ),
        (
            "unsourced: true, note: budget letter",
            "note: budget letter",
            "{date: 2025-06-01",
            "this funding event cites no evidence",
            "unsourced: true",
        ),
        (
            "unsourced: true, note: budget letter",
            "evidence: [letter]",
            "letter]",
            "no evidence entry has the id `letter`",
            "add one under `evidence:`",
        ),
        (
            "date: 2025-06-01",
            "date: 2025-01-01",
            "2025-01-01",
            "dated before the commitment was made",
            "from the `made` date on",
        ),
    ] {
        let event = ok.replacen(from, to, 1);
        assert_ne!(event, ok, "{from}");
        let text = with_funding_event(&event);
        let out = refused(&text, Some(&at(&text, needle)), says);
        out.stderr_has(valid);
    }
}

// ---------------------------------------------------------------- parents

#[test]
fn unknown_parents_and_cycles_are_refused_where_they_are_named() {
    let text = broken(
        "    owner: Germany (Federal Ministry of the Interior)\n",
        "    owner: Germany (Federal Ministry of the Interior)\n    parent: fr-mobil-unit\n",
    );
    refused(
        &text,
        Some(&at(&text, "fr-mobil-unit")),
        "no commitment has the id `fr-mobil-unit`, named as the parent of `de-smuggling-law`",
    )
    .stderr_has("did you mean `fr-mobile-unit`?");

    // de → uk → de: reported once, at the first of them in the file.
    let text = broken(
        "    owner: Germany (Federal Ministry of the Interior)\n",
        "    owner: Germany (Federal Ministry of the Interior)\n    parent: uk-cps-3m\n",
    )
    .replacen(
        "    owner: United Kingdom (Home Office)\n",
        "    owner: United Kingdom (Home Office)\n    parent: de-smuggling-law\n",
        1,
    );
    let out = refused(
        &text,
        Some(&at(&text, "uk-cps-3m\n")),
        "in a circle: de-smuggling-law → uk-cps-3m → de-smuggling-law",
    );
    out.stderr_has("remove or change one of these `parent:` lines")
        .stderr_has("1 problem");

    let text = broken(
        "    owner: Germany (Federal Ministry of the Interior)\n",
        "    owner: Germany (Federal Ministry of the Interior)\n    parent: de-smuggling-law\n",
    );
    refused(
        &text,
        Some(&at(&text, "de-smuggling-law\n    made")),
        "in a circle: de-smuggling-law → de-smuggling-law",
    );

    let text = broken(
        "    owner: Germany (Federal Ministry of the Interior)\n",
        "    owner: Germany (Federal Ministry of the Interior)\n    parent: uk-cps-3m\n    weight: -2\n",
    );
    refused(
        &text,
        Some(&at(&text, "-2\n")),
        "`weight` must be a number of zero or more",
    );
}
