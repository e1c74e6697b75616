//! `commitments gap`: record that something was searched for and not found.

use super::{non_empty, not_in_future, optional_date};
use crate::context::Context;
use crate::error::Result;
use crate::model::{Edit, Gap};
use crate::store::{self, Change};

/// Record a gap: something searched for and not found (e.g. "no source confirms the unit was
/// deployed"). Silence is a finding; it is not evidence of progress.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The commitment: its id, UUID, or the start of its UUID.
    commitment: String,
    /// What was looked for and not found, and where.
    #[arg(long)]
    note: String,
    /// When it was last looked for (YYYY-MM-DD; default today).
    #[arg(long, value_name = "DATE")]
    checked: Option<String>,
}

pub fn run(ctx: &Context, args: Args) -> Result<()> {
    let gap = Gap {
        note: non_empty("--note", &args.note)?,
        checked: Some(not_in_future(
            "--checked",
            optional_date("--checked", args.checked.as_deref())?.unwrap_or(ctx.today),
            ctx.today,
        )?),
    };
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
    ctx.print(&format!("Recorded a gap for {id}."))
}
