//! Funding events from the events file: a row with a `stage` (pledged, allocated, disbursed,
//! spent), an `amount` and a `currency` instead of a `status` is money at that stage on its
//! date. Checked here as `commitments funding` checks them: the date from the commitment's
//! `made` date to today, the amount by model/amount.rs's rule, one currency per commitment,
//! and every cited evidence id the commitment's.

use std::collections::HashSet;

use super::Problem;
use super::read::{Columns, Reader};
use super::{Row, Settings};
use crate::model::{
    Commitment, Date, FundingEvent, SOURCE_REF, Stage, is_currency_code, read_amount,
};

/// A funding event as a row gives it, before it is checked against its commitment.
pub(super) struct FundingRow {
    pub(super) file: String,
    pub(super) row: usize,
    pub(super) columns: [Option<String>; 3],
    pub(super) event: FundingEvent,
}

/// The funding event on `row`, or None (with its problems) if a cell cannot be read.
#[allow(clippy::too_many_arguments)]
pub(super) fn read_row<'a>(
    r: &mut Reader<'a>,
    settings: &Settings,
    cols: &Columns<'a>,
    row: &'a Row,
    date: Option<Date>,
    note: Option<String>,
    cited: Vec<String>,
    recorded_by: String,
) -> Option<FundingRow> {
    let stage = r.text(cols, row, "stage").and_then(|s| {
        let stage = Stage::parse(&s);
        if stage.is_none() {
            r.problem(cols, row, "stage", format!("`{s}` is not a funding stage"))
                .hint(format!("one of: {}", Stage::keys()));
        }
        stage
    });
    let amount = match r.text(cols, row, "amount") {
        None => {
            r.required(cols, row, "amount");
            None
        }
        Some(a) => match read_amount(&a, settings.decimal_mark) {
            Ok(v) => Some(v),
            Err(e) => {
                r.problem(cols, row, "amount", e.to_string())
                    .hint("a number of zero or more without currency signs, e.g. 3000000; --decimal-mark says how the file writes fractions");
                None
            }
        },
    };
    let currency = match r.text(cols, row, "currency") {
        None => {
            r.required(cols, row, "currency");
            None
        }
        Some(c) => {
            let code = c.trim().to_ascii_uppercase();
            if is_currency_code(&code) {
                Some(code)
            } else {
                r.problem(
                    cols,
                    row,
                    "currency",
                    format!("`{c}` is not a currency code"),
                )
                .hint("a three-letter ISO 4217 code, e.g. GBP, EUR, USD");
                None
            }
        }
    };
    Some(FundingRow {
        file: cols.table.name.clone(),
        row: row.number,
        columns: ["date", "currency", "evidence"].map(|f| cols.column_name(f)),
        event: FundingEvent {
            date: date?,
            stage: stage?,
            amount: amount?,
            currency: currency?,
            unsourced: cited.is_empty(),
            note: Some(super::provenance(
                note.as_deref(),
                &cols.table.name,
                row.number,
                !cited.is_empty(),
            )),
            evidence: cited,
            recorded_by: Some(recorded_by),
            recorded_at: Some(settings.recorded_at),
        },
    })
}

/// The rows' events that fit `c` (with `evidence_ids` once the import is done); a problem
/// for each that does not.
pub(super) fn check(
    c: &Commitment,
    rows: Vec<FundingRow>,
    evidence_ids: &HashSet<String>,
    problems: &mut Vec<Problem>,
) -> Vec<FundingEvent> {
    let mut currency = c.currency().map(String::from);
    let mut out = Vec::new();
    for fr in rows {
        let e = &fr.event;
        let [date_col, currency_col, evidence_col] = &fr.columns;
        let at = |col: &Option<String>, text: String, help: &str| {
            Problem::new(&fr.file, Some(fr.row), col.as_deref(), text).help(help)
        };
        if e.date < c.made {
            problems.push(at(
                date_col,
                format!("{} is before `{}` was made ({})", e.date, c.id, c.made),
                "money can only be recorded from the day the commitment was made",
            ));
            continue;
        }
        if let Some(bad) = e
            .evidence
            .iter()
            .find(|id| !(evidence_ids.contains(*id) || (*id == SOURCE_REF && c.source.is_some())))
        {
            problems.push(at(
                evidence_col,
                format!("`{}` has no evidence with the id `{bad}`", c.id),
                "cite the id of an evidence entry of the same commitment, or `source`",
            ));
            continue;
        }
        match &currency {
            Some(cur) if *cur != e.currency => {
                problems.push(at(
                    currency_col,
                    format!(
                        "`{}`'s money is in {cur}, and this amount is in {}; amounts of one commitment are never mixed",
                        c.id, e.currency
                    ),
                    &format!("give the amount in {cur}, or import it as a commitment of its own"),
                ));
                continue;
            }
            Some(_) => {}
            None => currency = Some(e.currency.clone()),
        }
        out.push(fr.event);
    }
    out
}
