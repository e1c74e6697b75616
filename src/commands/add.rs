//! `commitments add`: record a new commitment, which starts in the first status of the scale
//! (`announced`) on the day it was made.

use uuid::Uuid;

use super::{non_empty, not_in_future};
use clap_complete::ArgValueCandidates;

use crate::context::Context;
use crate::error::{Error, Result};
use crate::model::{
    AmountError, Commitment, DecimalMark, Edit, Event, Funding, SOURCE_REF, Source,
    is_currency_code, is_slug, is_web_url, read_amount,
};
use crate::model::{Date, parse_date};
use crate::store::{self, Change};

/// Add a commitment. Its history starts with the first status (announced) on the made date,
/// citing the source document if one is given.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// A short, unique slug: lowercase letters, digits and hyphens, e.g. fr-mobile-unit.
    id: String,
    /// What was promised, in one sentence.
    #[arg(long)]
    title: String,
    /// The accountable party, e.g. "France (Ministry of the Interior)".
    #[arg(long)]
    owner: String,
    /// The day the commitment was announced (YYYY-MM-DD).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    made: Date,
    /// The deadline, if the owner set one (YYYY-MM-DD).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    due: Option<Date>,
    /// A tag for grouping (repeatable).
    #[arg(long = "tag", value_name = "TAG")]
    tags: Vec<String>,
    /// The commitment this one serves, by id or UUID: the communiqué pledge a national action
    /// comes under. `show PARENT` then lists it, and `report --by parent` rolls it up.
    #[arg(long, value_name = "PARENT_ID", add = ArgValueCandidates::new(super::completions::commitment_ids))]
    parent: Option<String>,
    /// How much it counts in its parent's roll-up (default 1), e.g. 2 or 0.5.
    #[arg(long, requires = "parent", allow_hyphen_values = true)]
    weight: Option<String>,
    /// Another party to the commitment (repeatable).
    #[arg(long = "partner", value_name = "PARTY")]
    partners: Vec<String>,
    /// Title of the document the commitment comes from.
    #[arg(long, value_name = "TITLE")]
    source_title: Option<String>,
    /// Its publisher, e.g. GOV.UK.
    #[arg(long, value_name = "PUBLISHER", requires = "source_title")]
    source_publisher: Option<String>,
    /// Its publication date (YYYY-MM-DD).
    #[arg(long, value_name = "DATE", requires = "source_title", value_parser = parse_date)]
    source_date: Option<Date>,
    /// Its web address (http or https).
    #[arg(long, value_name = "URL", requires = "source_title")]
    source_url: Option<String>,
    /// Where in it, e.g. "para 6".
    #[arg(long, value_name = "WHERE", requires = "source_title")]
    source_locator: Option<String>,
    /// A short, exact quotation of the commitment from the source.
    #[arg(long, value_name = "TEXT", requires = "source_title")]
    source_quote: Option<String>,
    /// Money committed, in digits, e.g. 3000000, 2500000.50 or 4 500 000,00 (thousands
    /// separators allowed; no letters or currency signs). An amount that could be read two
    /// ways, such as 1,500 or 12,5, needs --decimal-mark.
    #[arg(long, requires = "currency")]
    amount: Option<String>,
    /// The decimal mark of --amount: `,` (as in 4 500 000,00) or `.` (as in 4,500,000.00).
    #[arg(long, value_name = "MARK", requires = "amount")]
    decimal_mark: Option<DecimalMark>,
    /// ISO 4217 currency of --amount, e.g. GBP.
    #[arg(long, requires = "amount")]
    currency: Option<String>,
    /// A note on the first event.
    #[arg(long)]
    note: Option<String>,
    /// Who is recording this (default: $COMMITMENTS_USER, else git's user.name).
    #[arg(long, value_name = "NAME")]
    by: Option<String>,
}

pub fn run(ctx: &Context, args: Args) -> Result<()> {
    if !is_slug(&args.id) {
        return Err(Error::Argument(format!(
            "`{}` is not a usable id: use lowercase letters, digits and single hyphens, e.g. fr-mobile-unit",
            args.id
        )));
    }
    let made = args.made;
    // The first event is dated `made`; like `update`, record only what has happened.
    not_in_future(
        "--made",
        made,
        ctx.today,
        "add a commitment once it has been announced",
    )?;
    let due = args.due;
    if let Some(d) = due
        && d < made
    {
        return Err(Error::Argument(format!(
            "--due ({d}) is before --made ({made})"
        )));
    }
    let funding = match (args.amount, args.currency) {
        (Some(amount), Some(currency)) => {
            let amount = amount_arg(&amount, args.decimal_mark)?;
            let currency = currency.trim().to_ascii_uppercase();
            if !is_currency_code(&currency) {
                return Err(Error::Argument(format!(
                    "--currency `{currency}` is not a three-letter ISO 4217 code such as GBP"
                )));
            }
            Some(Funding { amount, currency })
        }
        _ => None,
    };
    let source = match args.source_title {
        None => None,
        Some(title) => {
            if let Some(u) = &args.source_url
                && !is_web_url(u)
            {
                return Err(Error::Argument(format!(
                    "--source-url `{u}` is not an http(s) address"
                )));
            }
            Some(Source {
                title: non_empty("--source-title", &title)?,
                publisher: args.source_publisher,
                date: args.source_date,
                url: args.source_url.map(|u| u.trim().to_string()),
                locator: args.source_locator,
                quote: args.source_quote,
            })
        }
    };
    let recorded_at = ctx.now()?;
    let recorded_by = ctx.recorder(args.by.as_deref());
    let title = non_empty("--title", &args.title)?;
    let owner = non_empty("--owner", &args.owner)?;
    let id = args.id;
    let weight = match &args.weight {
        Some(w) => Some(weight_arg(w)?),
        None => None,
    };
    let shown_id = id.clone();
    let parent_key = args.parent;
    store::modify(&ctx.file, |ledger| {
        if ledger.commitments.iter().any(|c| c.id == id) {
            return Err(Error::Argument(format!(
                "a commitment with the id `{id}` already exists; choose another id"
            )));
        }
        // The parent by the same keys as every command takes; stored by its id.
        let parent = match &parent_key {
            Some(key) => Some(
                ledger
                    .find(key)
                    .map_err(|e| Error::Argument(format!("--parent: {e}")))?
                    .id
                    .clone(),
            ),
            None => None,
        };
        let first = ledger.vocabulary.initial().key.clone();
        let sourced = source.is_some();
        let event = Event {
            date: made,
            status: first,
            note: args
                .note
                .or_else(|| (!sourced).then(|| "Added without a source document.".to_string())),
            evidence: if sourced {
                vec![SOURCE_REF.into()]
            } else {
                vec![]
            },
            unsourced: !sourced,
            recorded_by: Some(recorded_by),
            recorded_at: Some(recorded_at),
        };
        let commitment = Commitment {
            id,
            uuid: Some(Uuid::new_v4()),
            title,
            owner,
            partners: args.partners,
            made,
            due,
            tags: args.tags,
            funding,
            funding_history: Vec::new(),
            parent,
            weight,
            source,
            evidence: vec![],
            history: vec![event],
            gaps: vec![],
            description: None,
            notes: None,
            extra: Vec::new(),
            corrections: Vec::new(),
            retired: None,
            retractions: Vec::new(),
        };
        Ok((
            Change {
                edits: vec![Edit::AddCommitment(Box::new(commitment))],
            },
            (),
        ))
    })?;
    ctx.print(&format!("Added {shown_id}."))
}

/// `--weight`: a number of zero or more, as `check` reads `weight:`.
fn weight_arg(text: &str) -> Result<f64> {
    match text.trim().parse::<f64>() {
        Ok(w) if w.is_finite() && w >= 0.0 => Ok(w),
        _ => Err(Error::Argument(format!(
            "--weight `{text}` is not a number of zero or more; e.g. --weight 2 to count this child twice in its parent's roll-up, 0.5 for half (the default is 1)"
        ))),
    }
}

/// `--amount`, read by the same rule as an import's amounts (model/amount.rs), so that
/// nothing is guessed: `3m` is shorthand the ledger would have to expand, and in `1,500` the
/// comma could separate thousands or (in much of Europe) be the decimal point. Read here
/// rather than by clap, whose "invalid float literal" means nothing to most people.
pub(super) fn amount_arg(text: &str, mark: Option<DecimalMark>) -> Result<f64> {
    read_amount(text, mark).map_err(|e| {
        Error::Argument(match e {
            AmountError::NotAnAmount { .. } => format!(
                "--amount `{text}` is not a plain number; write the amount in full, in digits, e.g. --amount 3000000 for 3 million (a decimal mark is allowed, as in 2500000.50, and thousands separators, as in 3 000 000; no letters such as m or k, no currency signs)"
            ),
            AmountError::Ambiguous { .. } => format!(
                "--amount {e}; say which with --decimal-mark , or --decimal-mark ."
            ),
            AmountError::NotInConvention { .. } => format!("--amount {e}"),
        })
    })
}
