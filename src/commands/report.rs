//! `commitments report`: the status table on a date, or over periods, or rolled up by
//! owner, tag or status.

use super::output::OutputArgs;
use super::window_end;
use crate::context::Context;
use crate::error::{Error, Result};
use crate::report::family::ParentRollup;
use crate::report::matrix::Matrix;
use crate::report::over_time::OverTime;
use crate::report::period::{Named, Period, earliest};
use crate::report::rollup::{By, Rollup};
use crate::report::status::StatusReport;
use crate::report::status_rows;
use crate::store;

/// The status table: one row per commitment with its owner, its status on the date, since
/// when, the date of its latest evidence, its due date and its flags (overdue, stale,
/// unsourced, gap). With --period, one column per month, quarter or year; with --by, counts
/// and average score per owner, tag, status or parent; with --matrix, pledges by owner.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The date to report on (YYYY-MM-DD, or a period: 2026-07, 2026-Q3, 2026 for its last
    /// day; default today).
    #[arg(long, value_name = "DATE", conflicts_with = "period")]
    as_of: Option<Named>,
    /// One column per period, each the status at the period's end.
    #[arg(long, value_enum)]
    period: Option<Period>,
    /// With --period: the first day covered (YYYY-MM-DD, or a period's first day: 2025-Q1;
    /// default: when the earliest commitment was made).
    #[arg(long, value_name = "DATE", requires = "period")]
    from: Option<Named>,
    /// With --period: the last day covered (YYYY-MM-DD, or a period's last day; default today).
    #[arg(long, value_name = "DATE", requires = "period")]
    to: Option<Named>,
    /// Roll up by owner, tag or status: counts, overdue, stale and average score per group
    /// (and funding per currency); by parent: each parent beside its children's counts and
    /// weighted average score.
    #[arg(long, value_enum, conflicts_with = "period")]
    by: Option<By>,
    /// One row per pledge (tagged `collective`, or with children), one column per party
    /// owning a child ("UK" and "United Kingdom (Home Office)" are one), each cell that
    /// child's status on the date; rows and columns end with counts and the average score.
    #[arg(long, conflicts_with_all = ["period", "by"])]
    matrix: bool,
    /// With --by, CSV: end with a row counting every commitment once ("All commitments").
    /// Tables for people always have it; a spreadsheet gets it only when asked, so that its
    /// own sums are not doubled.
    #[arg(long, requires = "by")]
    totals: bool,
    /// Count retired commitments too (`commitments retire`). By default a commitment retired
    /// on or before the report's date (with --period: its last day) is left out of the rows
    /// and the totals.
    #[arg(long)]
    include_retired: bool,
    #[command(flatten)]
    output: OutputArgs,
}

pub fn run(ctx: &Context, args: Args) -> Result<()> {
    let ledger = args.output.lang.speak(store::load(&ctx.file)?.ledger);
    let stale_after = args.output.stale_after;
    let counted = |ledger: crate::model::Ledger, on| {
        if args.include_retired {
            ledger
        } else {
            ledger.tracked_on(on)
        }
    };
    if let Some(period) = args.period {
        let (from, to) = span(ctx, &ledger, args.from, args.to)?;
        let ledger = counted(ledger, to);
        let report = OverTime::new(&ledger, period, from, to, stale_after);
        return args.output.emit(ctx, &report);
    }
    let as_of = args.as_of.map_or(ctx.today, |w| w.last_day(ctx.today));
    let ledger = counted(ledger, as_of);
    if args.matrix {
        return args.output.emit(ctx, &Matrix::new(&ledger, as_of));
    }
    if args.by == Some(By::Parent) {
        return args.output.emit(ctx, &ParentRollup::new(&ledger, as_of));
    }
    let rows = status_rows(&ledger, as_of, stale_after);
    match args.by {
        Some(by) => {
            let mut rollup = Rollup::new(&ledger, by, as_of, stale_after, &rows);
            rollup.totals = args.totals;
            args.output.emit(ctx, &rollup)
        }
        None => args.output.emit(
            ctx,
            &StatusReport {
                ledger: &ledger,
                as_of,
                stale_after,
                rows,
                chart_period: Period::Quarterly,
            },
        ),
    }
}

/// --from and --to, defaulting to the earliest commitment and today.
pub fn span(
    ctx: &Context,
    ledger: &crate::model::Ledger,
    from: Option<Named>,
    to: Option<Named>,
) -> Result<(crate::model::Date, crate::model::Date)> {
    let to = to.map(|w| w.last_day(ctx.today));
    match from.map(|w| w.start) {
        Some(from) => Ok((from, window_end(("--from", from), ("--to", to), ctx.today)?)),
        None => {
            let to = to.unwrap_or(ctx.today);
            match earliest(ledger) {
                // The start was not given either: say what it was taken from.
                Some(first) if first > to => Err(Error::Argument(format!(
                    "--to {to} is before the earliest commitment was made ({first}); give a later --to, or --from"
                ))),
                first => Ok((first.unwrap_or(to), to)),
            }
        }
    }
}
