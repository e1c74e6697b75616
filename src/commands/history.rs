//! `commitments history`: how many commitments stood in each status at the end of each
//! period, how many changed, as a table and a bar chart.

use super::output::OutputArgs;
use super::report::span;
use crate::context::Context;
use crate::error::Result;
use crate::report::history::History;
use crate::report::period::{Named, Period};
use crate::store;

/// Status counts over time: per month, quarter or year, how many commitments stood in each
/// status at its end, how many were made and how many changed status during it, how many
/// were overdue or stale; with a bar chart (Unicode blocks, or ASCII).
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The length of each period.
    #[arg(long, value_enum, default_value = "monthly")]
    period: Period,
    /// The first day covered (YYYY-MM-DD, or a period's first day: 2025-Q1, 2025-07, 2025;
    /// default: when the earliest commitment was made).
    #[arg(long, value_name = "DATE")]
    from: Option<Named>,
    /// The last day covered (YYYY-MM-DD, or a period's last day; default today).
    #[arg(long, value_name = "DATE")]
    to: Option<Named>,
    /// Count retired commitments too; by default one retired by the last day covered is left
    /// out of every period.
    #[arg(long)]
    include_retired: bool,
    #[command(flatten)]
    output: OutputArgs,
}

pub fn run(ctx: &Context, args: Args) -> Result<()> {
    let ledger = args.output.lang.speak(store::load(&ctx.file)?.ledger);
    let (from, to) = span(ctx, &ledger, args.from, args.to)?;
    let ledger = if args.include_retired {
        ledger
    } else {
        ledger.tracked_on(to)
    };
    let report = History::new(&ledger, args.period, from, to, args.output.stale_after);
    args.output.emit(ctx, &report)
}
