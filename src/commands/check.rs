//! `commitments check`: is the ledger file valid?

use crate::context::Context;
use crate::error::{Error, Result};
use crate::store;

/// Validate the ledger. Prints one summary line if it is valid; otherwise lists every problem
/// with file:line:column, what was found and what would be valid, and exits with status 1.
#[derive(Debug, clap::Args)]
pub struct Args {}

pub fn run(ctx: &Context, _args: Args) -> Result<()> {
    let loaded = store::load(&ctx.file)?;
    let l = &loaded.ledger;
    // Valid, but a date after today is almost always a typo (see store::future).
    let future = store::future_dates(&ctx.file, &loaded.text, l, ctx.today)?;
    if !future.is_empty() {
        return Err(Error::Invalid {
            path: ctx.file.clone(),
            problems: future,
            text: Some(loaded.text),
            refusing: false,
        });
    }
    let evidence: usize = l.commitments.iter().map(|c| c.evidence.len()).sum();
    let events: usize = l.commitments.iter().map(|c| c.history.len()).sum();
    let funding: usize = l.commitments.iter().map(|c| c.funding_history.len()).sum();
    let money = if funding > 0 {
        format!(", {}", count(funding, "funding event", "funding events"))
    } else {
        String::new()
    };
    ctx.print(&format!(
        "{}: ok — {}, {}, {}{money}",
        ctx.file.display(),
        count(l.commitments.len(), "commitment", "commitments"),
        count(evidence, "evidence entry", "evidence entries"),
        count(events, "status event", "status events"),
    ))
}

fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}
