//! A generator of big, valid ledgers in the project's own hand-kept style: comments, blank
//! lines, flow lists, quoted strings. Shared by the crash stress tool and the size tests
//! (each includes this file with `#[path]`), so that both measure the same kind of file.

use std::fmt::Write as _;

/// A ledger of `commitments` records, each with a few evidence entries and events: about
/// 2.3 KB per record, so 2,500 records make about 5.8 MB.
pub fn ledger(commitments: usize) -> String {
    let mut out = String::with_capacity(commitments * 2400 + 200);
    out.push_str("# A generated ledger for stress and size tests.\nversion: 1\ntitle: \"Generated ledger\"\n\ncommitments:\n");
    for i in 0..commitments {
        record(&mut out, i);
    }
    out.push_str("# end of file\n");
    out
}

/// Bytes of text for a ledger of about `bytes`.
pub fn ledger_of_size(bytes: usize) -> String {
    let per = ledger(10).len() / 10;
    ledger(bytes / per + 1)
}

fn record(out: &mut String, i: usize) {
    let month = i % 9 + 4;
    let day = i % 28 + 1;
    let _ = write!(
        out,
        r#"  # --- record {i} ---------------------------------------------------------
  - id: c-{i}
    uuid: 00000000-0000-4000-8000-{i:012}
    title: "Commitment number {i}: strengthen co-operation against organised immigration crime"
    owner: Country {owner} (Ministry of the Interior)
    partners: [United Kingdom, "Country {partner}"]
    made: 2025-03-31
    due: 2026-{month:02}-{day:02}
    tags: [generated, batch-{batch}]
    source:
      title: 'UK hosts first major international summit to tackle illegal migration'
      publisher: Home Office
      date: 2025-03-31
      url: https://www.gov.uk/government/news/summit-{i}
    evidence:
      - id: report-{i}-a
        title: "First report on commitment {i}"
        publisher: A Newspaper
        url: https://example.org/news/{i}/a
        published: 2025-{month:02}-{day:02}
        kind: media
        quote: "Officials said the work on commitment {i} had begun, with more to follow"
      - id: report-{i}-b   # a second source
        title: Second report on commitment {i}
        url: https://example.org/news/{i}/b
        published: 2025-{month:02}-{day:02}
        kind: official-statement

    history:
      - date: 2025-03-31
        status: announced
        evidence: [source]
        recorded_by: generator
        recorded_at: 2026-11-01T10:00:00Z
      # Reported, not confirmed.
      - {{date: 2025-{month:02}-{day:02}, status: in-progress, evidence: [report-{i}-a], note: "Reported as under way"}}
    gaps:
      - note: No source confirms delivery of commitment {i}.
        checked: 2026-11-20

"#,
        owner = i % 40,
        partner = (i + 7) % 40,
        batch = i / 100,
    );
}
