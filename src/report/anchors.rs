//! Stable names for the entries of a commitment's record, for the site's anchors
//! (`c/law.html#event-2025-05-20`) and the feed's entry ids: they stay the same while the
//! record does, so a link or a feed reader's memory of an entry survives a rebuild.

use sha2::{Digest, Sha256};

use crate::model::{Commitment, Event, is_slug};

/// `event-2025-03-10`, with `-2`, `-3` for further events that day, in file order.
pub fn event_anchors(c: &Commitment) -> Vec<String> {
    c.history
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let n = c.history[..i].iter().filter(|p| p.date == e.date).count();
            if n == 0 {
                format!("event-{}", e.date)
            } else {
                format!("event-{}-{}", e.date, n + 1)
            }
        })
        .collect()
}

/// The anchor of `e`, one of `c`'s events.
pub fn event_anchor(c: &Commitment, e: &Event) -> String {
    let anchors = event_anchors(c);
    c.history
        .iter()
        .position(|h| std::ptr::eq(h, e))
        .map(|i| anchors[i].clone())
        .unwrap_or_else(|| format!("event-{}", e.date))
}

pub fn evidence_anchor(id: &str) -> String {
    format!("evidence-{}", anchor_id(id))
}

/// The `n`th gap (from 0) in file order.
pub fn gap_anchor(n: usize) -> String {
    format!("gap-{}", n + 1)
}

/// A commitment's file name: its id, which the ledger keeps a slug (`fr-mobile-unit`);
/// anything else is spelt out (`anchor_id`), so that no id can name a path elsewhere.
pub fn file_id(id: &str) -> String {
    if is_slug(id) {
        id.to_string()
    } else {
        anchor_id(id)
    }
}

/// Text usable as an HTML id and a URL fragment without escaping: letters, digits and `-`
/// as they are, every other byte as `_xx`.
pub fn anchor_id(text: &str) -> String {
    let mut out = String::new();
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b == b'-' {
            out.push(b as char);
        } else {
            out.push_str(&format!("_{b:02x}"));
        }
    }
    out
}

/// A `urn:uuid:` made from `name` (a version 8 UUID of its SHA-256): the same name, the
/// same id, on every machine and every run, as Atom asks of an entry's id.
pub fn urn(name: &str) -> String {
    let h = Sha256::digest(name.as_bytes());
    let mut b = [0u8; 16];
    b.copy_from_slice(&h[..16]);
    b[6] = (b[6] & 0x0f) | 0x80;
    b[8] = (b[8] & 0x3f) | 0x80;
    format!("urn:uuid:{}", uuid::Uuid::from_bytes(b).hyphenated())
}
