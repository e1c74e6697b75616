//! `commitments show`: one commitment, its record and its whole timeline.

use clap_complete::ArgValueCandidates;

use super::output::{Destination, LangArg};
use crate::context::Context;
use crate::error::Result;
use crate::report::record::Record;
use crate::store;

/// Show a commitment: its record, and its events and evidence in date order.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The commitment: its id, UUID, or the start of its UUID.
    #[arg(add = ArgValueCandidates::new(super::completions::commitment_ids))]
    commitment: String,
    #[command(flatten)]
    output: Destination,
    #[command(flatten)]
    lang: LangArg,
}

pub fn run(ctx: &Context, args: Args) -> Result<()> {
    let ledger = args.lang.speak(store::load(&ctx.file)?.ledger);
    let commitment = ledger.find(&args.commitment)?;
    let record = Record {
        ledger: &ledger,
        commitment,
        as_of: ctx.today,
    };
    args.output.emit(ctx, &record)
}
