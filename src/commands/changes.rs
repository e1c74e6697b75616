//! `commitments changes`: what happened in a window — the digest for a briefing.

use super::output::OutputArgs;
use super::window_end;
use crate::context::Context;
use crate::error::Result;
use crate::report::changes::Changes;
use crate::report::period::Named;
use crate::store;

/// Every status change and every new evidence entry dated in a window, grouped by
/// commitment, with sources. Dates are when things happened according to the evidence.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The first day of the window (YYYY-MM-DD), e.g. the date of your last briefing; or a
    /// period, from its first day (2026-07, 2026-Q3, 2026).
    #[arg(long, value_name = "DATE")]
    since: Named,
    /// The last day of the window (YYYY-MM-DD, or a period's last day; default today).
    #[arg(long, value_name = "DATE")]
    until: Option<Named>,
    #[command(flatten)]
    output: OutputArgs,
}

pub fn run(ctx: &Context, args: Args) -> Result<()> {
    let ledger = store::load(&ctx.file)?.ledger;
    let since = args.since.start;
    let until = args.until.map(|w| w.last_day(ctx.today));
    let until = window_end(("--since", since), ("--until", until), ctx.today)?;
    let report = Changes::new(&ledger, since, until, args.output.stale_after);
    args.output.emit(ctx, &report)
}
