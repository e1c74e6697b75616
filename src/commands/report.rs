//! `commitments report`: the status table on a date.

use super::{Format, optional_date};
use crate::context::Context;
use crate::error::Result;
use crate::report::render::{cell, date_cell, flag_cell, json, status_cell, table};
use crate::report::{status_rows, summary, totals};
use crate::store;

/// The status table: one row per commitment with its owner, its status on the date, since
/// when, the date of its latest evidence, its due date and an overdue mark.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The date to report on (YYYY-MM-DD; default today).
    #[arg(long, value_name = "DATE")]
    as_of: Option<String>,
    #[arg(long, value_enum, default_value_t)]
    format: Format,
}

pub fn run(ctx: &Context, args: Args) -> Result<()> {
    let ledger = store::load(&ctx.file)?.ledger;
    let as_of = optional_date("--as-of", args.as_of.as_deref())?.unwrap_or(ctx.today);
    let rows = status_rows(&ledger, as_of);
    match args.format {
        Format::Json => {
            let totals: serde_json::Map<String, serde_json::Value> = totals(&ledger, &rows)
                .into_values()
                .map(|(k, n)| (k, n.into()))
                .collect();
            ctx.print(&json(&serde_json::json!({
                "ledger": ledger.title,
                "as_of": as_of,
                "totals": totals,
                "commitments": rows,
            })))
        }
        Format::Table => {
            let mut t = table(
                &[
                    "Commitment",
                    "Owner",
                    "Status",
                    "Since",
                    "Latest evidence",
                    "Due",
                    "",
                ],
                ctx.color,
            );
            for r in &rows {
                let mut marks = Vec::new();
                if r.overdue {
                    marks.push("overdue");
                }
                if r.unsourced {
                    marks.push("unsourced");
                }
                if r.gaps > 0 {
                    marks.push("gap");
                }
                t.add_row(vec![
                    cell(&format!("{}\n{}", r.id, r.title)),
                    cell(&r.owner),
                    status_cell(&ledger.vocabulary, &r.status, ctx.color),
                    date_cell(Some(r.since)),
                    date_cell(r.latest_evidence),
                    date_cell(r.due),
                    flag_cell(!marks.is_empty(), &marks.join("\n"), ctx.color && r.overdue),
                ]);
            }
            let title = ledger.title.as_deref().unwrap_or("Commitments");
            ctx.print(&format!(
                "{}, as of {as_of}\n{t}\n{}\n",
                crate::report::render::clean(title),
                summary(&ledger, &rows)
            ))
        }
    }
}
