//! `commitments changes`: what happened in a window — the digest for a briefing.

use super::output::OutputArgs;
use super::{date_arg, optional_date, window_end};
use crate::context::Context;
use crate::error::Result;
use crate::report::changes::Changes;
use crate::store;

/// Every status change and every new evidence entry dated in a window, grouped by
/// commitment, with sources. Dates are when things happened according to the evidence.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The first day of the window (YYYY-MM-DD), e.g. the date of your last briefing.
    #[arg(long, value_name = "DATE")]
    since: String,
    /// The last day of the window (YYYY-MM-DD; default today).
    #[arg(long, value_name = "DATE")]
    until: Option<String>,
    #[command(flatten)]
    output: OutputArgs,
}

pub fn run(ctx: &Context, args: Args) -> Result<()> {
    let ledger = store::load(&ctx.file)?.ledger;
    let since = date_arg("--since", &args.since)?;
    let until = optional_date("--until", args.until.as_deref())?;
    let until = window_end(("--since", since), ("--until", until), ctx.today)?;
    let report = Changes::new(&ledger, since, until, args.output.stale_after);
    args.output.emit(ctx, &report)
}
