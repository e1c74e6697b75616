//! The record-by-record merge on the sample ledger: what each side's change becomes.

use super::*;

const SAMPLE: &str = include_str!("../../tests/fixtures/sample.yaml");

fn ledger(text: &str) -> Ledger {
    crate::store::parse(std::path::Path::new("t.yaml"), text).expect("valid ledger")
}

fn edited(from: &str, to: &str) -> Ledger {
    assert!(SAMPLE.contains(from), "{from}");
    ledger(&SAMPLE.replacen(from, to, 1))
}

#[test]
fn one_sided_changes_are_taken_and_flagged_for_the_text_merge() {
    let base = ledger(SAMPLE);
    let theirs = edited("due: 2026-03-31", "due: 2026-09-30");
    let m = three_way(&base, &base, &theirs);
    assert!(m.conflicts.is_empty(), "{:?}", m.conflicts);
    assert!(m.theirs_changed);
    assert!(m.to_ours.is_empty());
    let due = m.merged.find("uk-cps-3m").unwrap().due.unwrap();
    assert_eq!(due.to_string(), "2026-09-30");
    // Our own change is ours to keep, and needs nothing from the text merge.
    let m = three_way(&base, &theirs, &base);
    assert!(!m.theirs_changed && m.conflicts.is_empty());
}

#[test]
fn an_edited_note_is_the_same_event_and_two_edits_conflict() {
    let base = ledger(SAMPLE);
    let note = "note: \"Reported by The Times that deployment had begun\"";
    let theirs = edited(note, "note: \"Reported by The Times (mirror)\"");
    let m = three_way(&base, &base, &theirs);
    assert!(m.conflicts.is_empty() && m.to_ours.is_empty());
    let fr = m.merged.find("fr-mobile-unit").unwrap();
    assert_eq!(fr.history.len(), 2, "changed in place, not added");
    let ours = edited(note, "note: \"Reported, unconfirmed\"");
    let m = three_way(&base, &ours, &theirs);
    assert_eq!(m.conflicts.len(), 1, "{:?}", m.conflicts);
    assert!(
        m.conflicts[0].contains("the `in-progress` event of 2025-04-01 was changed on both sides")
    );
}

#[test]
fn removed_on_one_side_and_changed_on_the_other_is_a_conflict() {
    let base = ledger(SAMPLE);
    let start = SAMPLE.find("      - id: times-2025-03-30").unwrap();
    let end = SAMPLE.find("\n    history:").unwrap();
    let without = SAMPLE[..start].to_string() + &SAMPLE[end..];
    // The event that cites it must go too, or the ledger is invalid: drop it as well.
    let without = without.replace(
        "      # Reported, not confirmed.\n      - {date: 2025-04-01, status: in-progress, evidence: [times-2025-03-30], note: \"Reported by The Times that deployment had begun\"}\n",
        "",
    );
    let theirs = ledger(&without);
    let ours = edited("kind: media", "kind: ngo-report");
    let m = three_way(&base, &ours, &theirs);
    assert!(
        m.conflicts.iter().any(|c| c
            .contains("evidence `times-2025-03-30` was removed on their side and changed on ours")),
        "{:?}",
        m.conflicts
    );
    // Left alone on our side, their removal stands.
    let m = three_way(&base, &base, &theirs);
    assert!(m.conflicts.is_empty());
    assert!(m.merged.find("fr-mobile-unit").unwrap().evidence.is_empty());
}

#[test]
fn the_same_addition_on_both_sides_is_kept_once() {
    let base = ledger(SAMPLE);
    let gap =
        "      - note: No source confirms the unit was deployed.\n        checked: 2026-11-20\n";
    let both = edited(
        gap,
        &format!("{gap}      - note: Asked the ministry; no reply.\n"),
    );
    let m = three_way(&base, &both, &both);
    assert!(m.conflicts.is_empty() && m.to_ours.is_empty());
    assert_eq!(m.merged.find("fr-mobile-unit").unwrap().gaps.len(), 2);
}

#[test]
fn funding_events_added_on_both_sides_are_all_kept() {
    let base = ledger(SAMPLE);
    let at = "    funding: {amount: 3000000, currency: GBP}\n";
    let event = |stage: &str, date: &str| {
        format!(
            "{at}    funding_history:\n      - {{date: {date}, stage: {stage}, amount: 1, currency: GBP, unsourced: true, note: n}}\n"
        )
    };
    let ours = edited(at, &event("allocated", "2025-06-01"));
    let theirs = edited(at, &event("disbursed", "2025-07-01"));
    let m = three_way(&base, &ours, &theirs);
    assert!(m.conflicts.is_empty(), "{:?}", m.conflicts);
    let cps = m.merged.find("uk-cps-3m").unwrap();
    assert_eq!(cps.funding_history.len(), 2);
    assert!(matches!(
        m.to_ours.as_slice(),
        [Edit::AddFunding { event, .. }] if event.stage == crate::model::Stage::Disbursed
    ));
}

#[test]
fn a_correction_on_one_side_comes_through_and_on_both_sides_is_a_conflict() {
    let base = ledger(SAMPLE);
    let at = "    funding: {amount: 3000000, currency: GBP}\n";
    let corrected = |due: &str, reason: &str| {
        edited(
            &format!("    due: 2026-03-31\n{at}"),
            &format!(
                "    due: {due}\n{at}    corrections:\n      - {{date: 2026-12-01, field: due, old: 2026-03-31, new: {due}, reason: {reason}}}\n"
            ),
        )
    };
    let theirs = corrected("2026-09-30", "the letter says September");
    let m = three_way(&base, &base, &theirs);
    assert!(m.conflicts.is_empty(), "{:?}", m.conflicts);
    assert!(
        m.theirs_changed,
        "the text merge must carry the changed value"
    );
    let cps = m.merged.find("uk-cps-3m").unwrap();
    assert_eq!(cps.corrections.len(), 1);
    assert_eq!(cps.due.unwrap().to_string(), "2026-09-30");
    let ours = corrected("2026-06-30", "the budget says June");
    let m = three_way(&base, &ours, &theirs);
    assert!(
        m.conflicts.iter().any(|c| c.contains("`corrections`")),
        "{:?}",
        m.conflicts
    );
}
