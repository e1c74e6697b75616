//! `commitments gap`: record that something was searched for and not found.

use super::{non_empty, not_in_future};
use clap_complete::ArgValueCandidates;

use crate::context::Context;
use crate::error::Result;
use crate::model::{Date, parse_date};
use crate::model::{Edit, Gap};
use crate::store::{self, Change};
use std::io::Write as _;

/// Record a gap: something searched for and not found (e.g. "no source confirms the unit was
/// deployed"). Silence is a finding; it is not evidence of progress.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The commitment: its id, UUID, or the start of its UUID.
    #[arg(add = ArgValueCandidates::new(super::completions::commitment_ids))]
    commitment: String,
    /// What was looked for and not found, and where.
    #[arg(long)]
    note: String,
    /// The day the search was made (YYYY-MM-DD; `--checked` alone means today). Without it
    /// the gap has no date: it is then shown in every report and does not count as a fresh
    /// search, so give the date whenever you know it.
    #[arg(long, value_name = "DATE", num_args = 0..=1, value_parser = parse_date)]
    checked: Option<Option<Date>>,
}

pub fn run(ctx: &Context, args: Args) -> Result<()> {
    let gap = Gap {
        note: non_empty("--note", &args.note)?,
        // A search date says when someone looked, so it is never filled in unasked.
        checked: match args.checked {
            None => None,
            Some(None) => Some(ctx.today),
            Some(Some(d)) => Some(not_in_future("--checked", d, ctx.today, "")?),
        },
    };
    let undated = gap.checked.is_none();
    let key = args.commitment;
    let id = store::modify(&ctx.file, |ledger| {
        let index = ledger.position(&key)?;
        Ok((
            Change {
                edits: vec![Edit::AddGap {
                    commitment: index,
                    gap,
                }],
            },
            ledger.commitments[index].id.clone(),
        ))
    })?;
    ctx.print(&format!("Recorded a gap for {id}."))?;
    if undated {
        let _ = writeln!(
            std::io::stderr(),
            "It has no search date. If you know when you looked: `commitments undo`, then the same with --checked DATE (--checked alone means today)."
        );
    }
    Ok(())
}
