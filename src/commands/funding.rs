//! `commitments funding`: record how much money had reached a stage (pledged, allocated,
//! disbursed, spent) on a date, on evidence.

use super::cite::{Cite, CiteArgs};
use super::not_in_future;
use clap_complete::ArgValueCandidates;

use crate::context::Context;
use crate::error::{Error, Result};
use crate::model::{Date, parse_date};
use crate::model::{DecimalMark, Edit, FundingEvent, Stage, is_currency_code, money};
use crate::store::{self, Change};

/// Append a funding event: on a date, per evidence, this much money had reached a stage. The
/// amount is the stage's total on that date, not an addition to it: a later event of the same
/// stage replaces it. All amounts of one commitment are in one currency.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The commitment: its id, UUID, or the start of its UUID.
    #[arg(add = ArgValueCandidates::new(super::completions::commitment_ids))]
    commitment: String,
    /// How far the money has gone: pledged (promised in public), allocated (set aside in a
    /// budget), disbursed (paid out) or spent (reported as spent on what was promised).
    #[arg(long, value_enum)]
    stage: Stage,
    /// The amount at this stage, in digits: 3230000, 2500000.50 or 4 500 000,00 (thousands
    /// separators allowed; no letters or currency signs). An amount that could be read two
    /// ways, such as 1,500 or 12,5, needs --decimal-mark.
    #[arg(long, allow_hyphen_values = true)]
    amount: String,
    /// The decimal mark of --amount: `,` (as in 4 500 000,00) or `.` (as in 4,500,000.00).
    #[arg(long, value_name = "MARK")]
    decimal_mark: Option<DecimalMark>,
    /// ISO 4217 currency, e.g. GBP; the same as the commitment's other amounts.
    #[arg(long)]
    currency: String,
    /// When it happened, according to the evidence (YYYY-MM-DD; default today).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    date: Option<Date>,
    #[command(flatten)]
    cite: CiteArgs,
    /// Who is recording this (default: $COMMITMENTS_USER, else git's user.name).
    #[arg(long, value_name = "NAME")]
    by: Option<String>,
}

pub fn run(ctx: &Context, args: Args) -> Result<()> {
    if args.amount.trim().starts_with('-') {
        return Err(Error::Argument(format!(
            "--amount `{}` is negative; give the amount at this stage as a number of zero or more, e.g. --amount 3000000",
            args.amount
        )));
    }
    let amount = super::add::amount_arg(&args.amount, args.decimal_mark)?;
    let currency = args.currency.trim().to_ascii_uppercase();
    if !is_currency_code(&currency) {
        return Err(Error::Argument(format!(
            "--currency `{}` is not a three-letter ISO 4217 code such as GBP, EUR or USD",
            args.currency
        )));
    }
    let date = args.date.unwrap_or(ctx.today);
    not_in_future("--date", date, ctx.today, "record what has happened")?;
    let cite = Cite::from_args(ctx, args.cite, "an amount")?;
    let recorded_at = ctx.now()?;
    let recorded_by = ctx.recorder(args.by.as_deref());
    let key = args.commitment;
    let stage = args.stage;
    let (id, figures) = store::modify(&ctx.file, |ledger| {
        let index = ledger.position(&key)?;
        let c = &ledger.commitments[index];
        if date < c.made {
            return Err(Error::Argument(format!(
                "--date {date} is before {} was made ({})",
                c.id, c.made
            )));
        }
        if let Some(theirs) = c.currency()
            && theirs != currency
        {
            return Err(Error::Argument(format!(
                "{}'s money is recorded in {theirs}, so this amount must be too: give --currency {theirs} (amounts of one commitment are never mixed; record money in {currency} as a commitment of its own)",
                c.id
            )));
        }
        let note = cite.note.clone();
        let unsourced = cite.unsourced;
        let (evidence, new_evidence) = cite.resolve(c, index)?;
        let event = FundingEvent {
            date,
            stage,
            amount,
            currency: currency.clone(),
            note,
            evidence,
            unsourced,
            recorded_by: Some(recorded_by),
            recorded_at: Some(recorded_at),
        };
        let mut after = c.clone();
        after.funding_history.push(event.clone());
        let figures = after.funding_as_of(ctx.today).map(|f| f.display());
        let mut edits: Vec<Edit> = new_evidence.into_iter().collect();
        edits.push(Edit::AddFunding {
            commitment: index,
            event,
        });
        Ok((Change { edits }, (c.id.clone(), figures)))
    })?;
    let mut message = format!(
        "{id}: {} {} on {date}.",
        stage.key(),
        money(&currency, amount)
    );
    if let Some(f) = figures {
        message.push_str(&format!(" As of {}: {f}.", ctx.today));
    }
    ctx.print(&message)
}
