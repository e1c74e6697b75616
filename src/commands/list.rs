//! `commitments list`: the commitments, filtered.

use super::output::OutputArgs;
use super::status_arg;
use clap_complete::ArgValueCandidates;

use crate::context::Context;
use crate::error::Result;
use crate::model::fold;
use crate::report::period::Named;
use crate::report::status::ListReport;
use crate::report::status_rows;
use crate::store;

/// List commitments, optionally filtered by owner, status, tag, overdue, stale, unsourced or gap.
///
/// Filters combine: `--overdue --unsourced` lists those that are both.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Only those whose owner contains this text, ignoring case and accents (`ministere` finds
    /// "Ministère de l'Intérieur").
    #[arg(long, add = ArgValueCandidates::new(super::completions::owners))]
    owner: Option<String>,
    /// Only those in this status (on the --as-of date).
    #[arg(long, value_name = "STATUS", add = ArgValueCandidates::new(super::completions::statuses))]
    status: Option<String>,
    /// Only those with this tag, ignoring case and accents (`France` finds `france`).
    #[arg(long, add = ArgValueCandidates::new(super::completions::tags))]
    tag: Option<String>,
    /// Only those past their due date and not closed.
    #[arg(long)]
    overdue: bool,
    /// Only those that are stale: nothing in the record (evidence, source, a gap's check)
    /// newer than --stale-after days.
    #[arg(long)]
    stale: bool,
    /// Only those whose status rests on an event recorded without evidence (--unsourced).
    #[arg(long)]
    unsourced: bool,
    /// Only those with a gap recorded: something searched for and not found.
    #[arg(long)]
    gap: bool,
    /// Judge status and overdue on this date (YYYY-MM-DD, or a period's last day: 2026-Q3;
    /// default today).
    #[arg(long, value_name = "DATE")]
    as_of: Option<Named>,
    /// List retired commitments too (`commitments retire`); by default one retired on or
    /// before the date is left out.
    #[arg(long)]
    include_retired: bool,
    #[command(flatten)]
    output: OutputArgs,
}

pub fn run(ctx: &Context, args: Args) -> Result<()> {
    let ledger = args.output.lang.speak(store::load(&ctx.file)?.ledger);
    let as_of = args.as_of.map_or(ctx.today, |w| w.last_day(ctx.today));
    let ledger = if args.include_retired {
        ledger
    } else {
        ledger.tracked_on(as_of)
    };
    let status = args
        .status
        .as_deref()
        .map(|s| status_arg(&ledger, s))
        .transpose()?;
    // Compared folded (case, accents, spacing), so `--owner ministere` finds "Ministère …"
    // and `--tag France` finds `france`.
    let owner = args.owner.as_deref().map(fold);
    let tag = args.tag.as_deref().map(fold);
    let stale_after = args.output.stale_after;
    let rows: Vec<_> = status_rows(&ledger, as_of, stale_after)
        .into_iter()
        .filter(|r| {
            owner
                .as_ref()
                .is_none_or(|o| fold(&r.owner).contains(o.as_str()))
        })
        .filter(|r| status.as_ref().is_none_or(|s| &r.status == s))
        .filter(|r| {
            tag.as_ref()
                .is_none_or(|t| r.tags.iter().any(|g| fold(g) == *t))
        })
        .filter(|r| !args.overdue || r.overdue)
        .filter(|r| !args.stale || r.stale)
        .filter(|r| !args.unsourced || r.unsourced)
        .filter(|r| !args.gap || r.gaps > 0)
        .collect();
    let report = ListReport {
        ledger: &ledger,
        as_of,
        stale_after,
        rows,
    };
    args.output.emit(ctx, &report)
}
