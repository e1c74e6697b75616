//! `commitments bulletin`: the periodic publication for a month, a quarter or a year.

use super::output::OutputArgs;
use super::window_end;
use crate::context::Context;
use crate::error::{Error, Result};
use crate::report::bulletin::Bulletin;
use crate::report::period::{Named, Period};
use crate::store;

/// The bulletin for a period, for a briefing or the website: the status table at the
/// period's end; what changed in it (status changes, new evidence, gaps recorded, newly
/// overdue, newly stale), each with its sources; the counts over time with the chart; and the
/// method (the ledger's scale and flags). Markdown, HTML or the terminal.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The period: a quarter (2026-Q3), a month (2026-07) or a year (2026).
    #[arg(long, value_name = "PERIOD", required_unless_present = "from", conflicts_with_all = ["from", "to"])]
    period: Option<Named>,
    /// Instead of --period: the first day (YYYY-MM-DD, or a period's first day).
    #[arg(long, value_name = "DATE")]
    from: Option<Named>,
    /// With --from: the last day (YYYY-MM-DD, or a period's last day; default today).
    #[arg(long, value_name = "DATE", requires = "from")]
    to: Option<Named>,
    /// Also take every entry recorded on or after DATE, whenever it happened (events by
    /// recorded_at, evidence by accessed, gaps by checked): what was found late since the
    /// last bulletin.
    #[arg(long, value_name = "DATE")]
    recorded_since: Option<Named>,
    /// Count retired commitments too (`commitments retire`), marked `retired` in the table.
    /// By default one retired on or before the period's last day is left out of the table and
    /// the counts; its retirement, when it falls in the period, is still listed under what
    /// changed.
    #[arg(long)]
    include_retired: bool,
    #[command(flatten)]
    output: OutputArgs,
}

pub fn run(ctx: &Context, args: Args) -> Result<()> {
    let ledger = args.output.lang.speak(store::load(&ctx.file)?.ledger);
    let (label, from, to, chart) = match (args.period, args.from) {
        (Some(p), _) => {
            let Some(kind) = p.period else {
                return Err(Error::Argument(format!(
                    "--period {}: give a month (2026-07), a quarter (2026-Q3) or a year (2026); for other windows use --from and --to",
                    p.label()
                )));
            };
            let to = p.last_day(ctx.today);
            if p.start > ctx.today {
                return Err(Error::Argument(format!(
                    "--period {} has not started yet (today is {})",
                    p.label(),
                    ctx.today
                )));
            }
            // Counts by the period's own length, except a year's, which shows its quarters.
            let chart = match kind {
                Period::Yearly => Period::Quarterly,
                k => k,
            };
            (p.label(), p.start, to, chart)
        }
        (None, Some(f)) => {
            let to = args.to.map(|t| t.last_day(ctx.today));
            let to = window_end(("--from", f.start), ("--to", to), ctx.today)?;
            (
                format!("{} to {to}", f.start),
                f.start,
                to,
                Period::Quarterly,
            )
        }
        (None, None) => unreachable!("clap requires --period or --from"),
    };
    let recorded_since = args.recorded_since.map(|r| r.start);
    let counted = ledger.counted_on(to, args.include_retired);
    let bulletin = Bulletin::new(
        &ledger,
        &counted,
        label,
        (from, to),
        recorded_since,
        chart,
        args.output.stale_after,
    );
    args.output.emit(ctx, &bulletin)
}
