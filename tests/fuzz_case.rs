//! One fuzz case, shared by the cargo-fuzz target (fuzz/fuzz_targets/load_check_edit.rs) and
//! the test that replays the kept corpus (tests/fuzz_corpus.rs).
//!
//! The first byte chooses an edit; the rest is the ledger file. Loading and checking may
//! refuse the file, but must not panic, and the message must render. A file that loads must
//! take the edit through the real write path: the write may not fail (a failure there is the
//! "internal error" a person would see) except by the clear refusal of YAML the lossless editor
//! cannot read, which must leave the file as it was; and the result must load again with the
//! edit in it.

use std::path::Path;

use commitments::model::{Commitment, Edit, Event, Evidence, Gap, parse_date};
use commitments::store::{self, Change};

pub fn exercise(data: &[u8], dir: &Path) {
    let Some((&choice, file)) = data.split_first() else {
        return;
    };
    let path = dir.join("commitments.yaml");
    std::fs::write(&path, file).expect("write the case");
    let loaded = match store::load(&path) {
        Ok(l) => l,
        Err(e) => {
            let _ = e.to_string();
            return;
        }
    };
    let ledger = &loaded.ledger;
    let n = ledger.commitments.len();
    let date = parse_date("2026-11-20").expect("a date");
    let target = usize::from(choice >> 2) % n.max(1);
    let edit = match (choice % 4, n) {
        (0, 1..) => Edit::AddGap {
            commitment: target,
            gap: Gap {
                note: "Fuzz: looked, found nothing # not a comment".into(),
                checked: Some(date),
            },
        },
        (1, 1..) => {
            let c = &ledger.commitments[target];
            let id = (0..)
                .map(|i| format!("fuzz-{i}"))
                .find(|id| c.evidence_by_id(id).is_none())
                .expect("a free id");
            Edit::AddEvidence {
                commitment: target,
                evidence: Evidence {
                    id,
                    title: "Fuzz: 'quoted' \"title\": with colon".into(),
                    publisher: None,
                    url: "https://example.org/fuzz".into(),
                    published: None,
                    accessed: Some(date),
                    kind: None,
                    quote: None,
                },
            }
        }
        (2, 1..) => Edit::AddEvent {
            commitment: target,
            event: Event {
                date: date.max(ledger.commitments[target].made),
                status: ledger.vocabulary.initial().key.clone(),
                note: Some("Fuzz".into()),
                evidence: vec![],
                unsourced: true,
                recorded_by: Some("fuzz".into()),
                recorded_at: None,
            },
        },
        _ => {
            let id = (0..)
                .map(|i| format!("fuzz-new-{i}"))
                .find(|id| ledger.commitments.iter().all(|c| &c.id != id))
                .expect("a free id");
            Edit::AddCommitment(Box::new(Commitment {
                id,
                uuid: None,
                title: "Fuzz".into(),
                owner: "Fuzz".into(),
                partners: vec![],
                made: date,
                due: None,
                tags: vec![],
                funding: None,
                funding_history: vec![],
                parent: None,
                weight: None,
                source: None,
                evidence: vec![],
                history: vec![Event {
                    date,
                    status: ledger.vocabulary.initial().key.clone(),
                    note: Some("Fuzz".into()),
                    evidence: vec![],
                    unsourced: true,
                    recorded_by: None,
                    recorded_at: None,
                }],
                gaps: vec![],
                description: None,
                notes: None,
                extra: Vec::new(),
                corrections: Vec::new(),
                retired: None,
                retractions: Vec::new(),
            }))
        }
    };
    let mut intended = ledger.clone();
    intended.apply(&edit);
    let written = store::modify(&path, |_| {
        Ok((
            Change {
                edits: vec![edit.clone()],
            },
            (),
        ))
    });
    match written {
        Ok(()) => {}
        // A clear refusal for YAML the lossless editor cannot read; the file is untouched.
        Err(commitments::Error::CannotEdit { .. }) => {
            assert!(
                std::fs::read(&path).expect("read the case") == file,
                "a refusal changed the file"
            );
            return;
        }
        Err(e) => panic!("a valid ledger refused an edit: {e}"),
    }
    let reread = store::load(&path).expect("the written file loads");
    assert!(
        reread.ledger == intended,
        "the written file is not the intended ledger"
    );
    assert_eq!(reread.bom, loaded.bom, "the byte-order mark changed");
}
