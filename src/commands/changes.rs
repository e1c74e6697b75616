//! `commitments changes`: what happened in a window — the digest for a briefing.

use super::output::OutputArgs;
use super::window_end;
use crate::context::Context;
use crate::error::Result;
use crate::report::changes::Changes;
use crate::report::period::Named;
use crate::report::window::Window;
use crate::store;

/// Every status change, new evidence entry and gap dated in a window, and the commitments
/// that became overdue or stale in it, grouped by commitment, with sources. Dates are when
/// things happened according to the evidence; --recorded-since adds what was recorded since
/// a day, whenever it happened.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The first day of the window (YYYY-MM-DD), e.g. the date of your last briefing; or a
    /// period, from its first day (2026-07, 2026-Q3, 2026).
    #[arg(long, value_name = "DATE", required_unless_present = "recorded_since")]
    since: Option<Named>,
    /// The last day of the window (YYYY-MM-DD, or a period's last day; default today).
    #[arg(long, value_name = "DATE")]
    until: Option<Named>,
    /// Also take every entry recorded on or after DATE, whenever it happened: events by
    /// their recorded_at, evidence by its accessed date, gaps by their checked date. Late
    /// finds reach the next digest: `--since 2026-10-01 --recorded-since 2026-10-01`.
    #[arg(long, value_name = "DATE")]
    recorded_since: Option<Named>,
    #[command(flatten)]
    output: OutputArgs,
}

pub fn run(ctx: &Context, args: Args) -> Result<()> {
    let ledger = args.output.lang.speak(store::load(&ctx.file)?.ledger);
    let since = args.since.map(|w| w.start);
    let recorded_since = args.recorded_since.map(|w| w.start);
    let until = args.until.map(|w| w.last_day(ctx.today));
    let mut end = until.unwrap_or(ctx.today);
    if let Some(s) = since {
        end = window_end(("--since", s), ("--until", until), ctx.today)?;
    }
    if let Some(r) = recorded_since {
        end = window_end(("--recorded-since", r), ("--until", until), ctx.today)?;
    }
    let window = Window {
        since,
        until: end,
        recorded_since,
    };
    let report = Changes::new(&ledger, window, args.output.stale_after);
    args.output.emit(ctx, &report)
}
