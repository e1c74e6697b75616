//! `data/datapackage.json`: the site's data downloads described as a Frictionless Data
//! Package (Table Schema for each CSV: every column's name, type and description), so that a
//! researcher's tools (`frictionless`, R's `frictionless`, pandas via it) read each column as
//! what it is and a reader knows what it means.
//!
//! Types come from the same decision the workbook uses (`render::xlsx::Columns`).

use serde_json::{Value, json};

use crate::report::render::xlsx::{ColumnType, Columns};

/// What each column of the data files means.
fn describe(column: &str) -> String {
    let known = match column {
        "change" => {
            "The change's number in this file; the rows of one change (one per source) share it"
        }
        "id" => "The commitment's id, as in the ledger",
        "title" => "What was promised, in the ledger's words",
        "owner" => "Who made the commitment",
        "tags" => "The commitment's tags, separated by '; '",
        "made" => "The day the commitment was made",
        "status" => "The status's key on the ledger's scale",
        "status_label" => "The status as reports print it",
        "since" => "The day it entered this status",
        "latest_evidence" => "The newest evidence published by the report's date",
        "last_checked" => "The newest of its evidence, its source and its gaps' checks",
        "due" => "The due date, if any",
        "overdue" => "Past its due date and not in a closed status",
        "stale" => "Not closed, and nothing in its record newer than the stale limit",
        "unsourced" => "The status (or the change) cites no evidence",
        "gaps" => "How many gaps (searches that found nothing) were recorded",
        "retired" => {
            "The day it was retired (no longer tracked), if it was by the date; rows for retired commitments appear only when asked for"
        }
        "period" => "The period: 2026-Q3 is a quarter",
        "start" => "The period's first day",
        "end" => "The period's last day, or the report's date if it is not over",
        "partial" => "The period was not over on the report's date",
        "new" => "Made during the period (history: how many were)",
        "changed" => "Moved to another status during the period (history: how many did)",
        "total" => "Commitments made by the period's end",
        "average_score" => "The mean score on the ledger's scale",
        "percent" => "The average as a percentage of the way along the scale",
        "date" => "When it happened, according to the evidence",
        "kind" => "status, evidence, gap, overdue or stale",
        "from" => "The status before a status change (its key)",
        "from_label" => "The status before, as reports print it",
        "to" => "The status a status change records (its key)",
        "to_label" => "The status recorded, as reports print it",
        "note" => "The note of the event or the gap, in the ledger's words",
        "source" => "The id of the evidence cited (or 'source', the commitment's source document)",
        "source_title" => "The title of the source",
        "source_url" => "The web address of the source",
        "publisher" => "Who published the source",
        "source_kind" => {
            "The kind of source: official-statement, legislation, parliament, court, media, ngo-report, dataset, other"
        }
        "published" => "When the source was published",
        "quote" => "A short, exact quotation from the source",
        "stage" => "A funding event's stage: pledged, allocated, disbursed or spent",
        "amount" => "A funding event's amount at that stage",
        "currency" => "The currency of the amount",
        "parent" => "The id of the pledge this commitment is part of",
        "funding_currency" => "The currency of the funding figures",
        "pledged" => "The amount pledged",
        "allocated" => "The amount allocated",
        "disbursed" => "The amount disbursed",
        "spent" => "The amount spent",
        _ => "",
    };
    if known.is_empty() {
        format!("Commitments in status '{column}' at the period's end")
    } else {
        known.to_string()
    }
}

/// The Table Schema of a CSV file whose columns held what `columns` saw.
pub fn schema(columns: &Columns) -> Value {
    let types = columns.types();
    let fields: Vec<Value> = columns
        .headers()
        .iter()
        .zip(&types)
        .enumerate()
        .map(|(i, (h, t))| {
            let mut f = json!({"name": h, "description": describe(h)});
            match t {
                ColumnType::Text => f["type"] = json!("string"),
                ColumnType::Date => f["type"] = json!("date"),
                ColumnType::Number if columns.whole(i) => f["type"] = json!("integer"),
                ColumnType::Number => f["type"] = json!("number"),
                ColumnType::Flag => {
                    f["type"] = json!("boolean");
                    f["trueValues"] = json!(["yes"]);
                    f["falseValues"] = json!(["no"]);
                }
            }
            f
        })
        .collect();
    json!({"fields": fields, "missingValues": [""]})
}

/// The package: `resources` are (path under data/, title, what its columns held), each
/// seen as its CSV was written, so that no table is held whole for this.
pub fn package(title: &str, resources: &[(&str, &str, Columns)]) -> String {
    let resources: Vec<Value> = resources
        .iter()
        .map(|(path, what, columns)| {
            let name = path.trim_end_matches(".csv").replace(['/', '.', '_'], "-");
            json!({
                "name": name,
                "path": path,
                "title": what,
                "format": "csv",
                "profile": "tabular-data-resource",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "dialect": {"delimiter": ",", "lineTerminator": "\r\n", "header": true},
                "schema": schema(columns),
            })
        })
        .collect();
    let mut text = serde_json::to_string_pretty(&json!({
        "name": "commitments",
        "title": title,
        "profile": "tabular-data-package",
        "resources": resources,
    }))
    .unwrap_or_default();
    text.push('\n');
    text
}
