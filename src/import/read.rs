//! Reading a row as a whole: a commitment from the commitments file, an evidence entry from
//! the evidence file, each with every problem of the row listed at once.

use std::collections::{BTreeMap, HashMap};

use uuid::Uuid;

use super::Row;
use super::cells::{Cell, Reader};
use super::columns::Columns;
use crate::model::{
    AmountError, Commitment, Date, Evidence, Funding, Ledger, Source, is_currency_code, is_slug,
    read_amount, slugify,
};

/// A commitment read from a row, before its history is put together.
pub(super) struct NewCommitment {
    pub(super) row: usize,
    pub(super) commitment: Commitment,
    /// The status the row gives, its date, and its column names for problems.
    pub(super) status: Option<(String, Option<Date>)>,
    pub(super) note: Option<String>,
}

/// What makes two evidence rows the same entry.
pub(super) fn fingerprint(e: &Evidence, given_id: &Option<String>) -> Vec<String> {
    vec![
        given_id.clone().unwrap_or_default(),
        e.title.clone(),
        e.url.clone(),
        e.publisher.clone().unwrap_or_default(),
        e.published.map(|d| d.to_string()).unwrap_or_default(),
        e.kind.map(|k| k.key().to_string()).unwrap_or_default(),
        e.quote.clone().unwrap_or_default(),
    ]
}

/// The commitment on `row`, or None if any cell has a problem. Every cell is read, even when
/// the row's id is unusable (`id` is None), so that all of a row's problems are listed at once.
pub(super) fn read_commitment<'a>(
    r: &mut Reader<'a>,
    ledger: &Ledger,
    cols: &Columns<'a>,
    row: &'a Row,
    id: Option<String>,
    uuids: &mut HashMap<Uuid, String>,
) -> Option<NewCommitment> {
    let problems_before = r.problems.len();
    let uuid = match r.cell(cols, row, "uuid").value() {
        None => Some(Uuid::new_v4()),
        Some(v) => match Uuid::parse_str(v) {
            Ok(u) => {
                if let Some(other) = uuids.get(&u) {
                    let other = other.clone();
                    r.problem(
                        cols,
                        row,
                        "uuid",
                        format!("{u} is already the UUID of `{other}`"),
                    )
                    .hint("UUIDs must be unique; leave the cell empty and one is assigned");
                }
                if let Some(id) = &id {
                    uuids.insert(u, id.clone());
                }
                Some(u)
            }
            Err(_) => {
                r.problem(cols, row, "uuid", format!("`{v}` is not a UUID"))
                    .hint("leave the cell empty and one is assigned");
                None
            }
        },
    };
    let title = r.required(cols, row, "title");
    let owner = r.required(cols, row, "owner");
    let made = r.required_date(cols, row, "made");
    r.not_future(cols, row, "made", made);
    let due = r.date(cols, row, "due");
    if let (Some(m), Some(d)) = (made, due)
        && d < m
    {
        r.problem(
            cols,
            row,
            "due",
            format!("the due date {d} is before the made date {m}"),
        );
    }
    let status = r.status(ledger, cols, row, "status");
    let since = r.date(cols, row, "since");
    // The status's date is checked here, with the rest of the row, rather than when the
    // history is put together (which only rows without problems reach), so that a row's
    // problems are all listed in one run.
    r.not_future(cols, row, "since", since);
    // A `since` that was given and could not be read is already a problem of its own.
    let since_given = matches!(r.cell(cols, row, "since"), Cell::Value(_));
    if let Some(s) = &status
        && !since_given
        && *s != ledger.vocabulary.initial().key
    {
        r.problem(cols, row, "since", format!("the status `{s}` has no date"))
            .hint("say from when with --map since=COLUMN, or --default since=DATE for every row");
    }
    if let (Some(d), Some(m)) = (since, made)
        && d < m
    {
        r.problem(
            cols,
            row,
            "since",
            format!("the status date {d} is before the commitment was made ({m})"),
        );
    }
    let funding = match (r.text(cols, row, "amount"), r.text(cols, row, "currency")) {
        (None, None) => None,
        (Some(a), Some(cur)) => {
            let amount = match read_amount(&a, r.settings.decimal_mark) {
                Ok(amount) => Some(amount),
                Err(e) => {
                    let hint = match e {
                        AmountError::NotAnAmount { .. } => {
                            "a number without currency signs, e.g. 3000000 or 4 500 000,00"
                        }
                        AmountError::Ambiguous { .. } => {
                            "say how the file writes numbers with --decimal-mark , (as in \
                             4 500 000,00) or --decimal-mark . (as in 4,500,000.00)"
                        }
                        AmountError::NotInConvention { .. } => {
                            "check the cell; if the file writes numbers the other way, change \
                             --decimal-mark"
                        }
                    };
                    r.problem(cols, row, "amount", e.to_string()).hint(hint);
                    None
                }
            };
            let currency = cur.to_ascii_uppercase();
            let currency_ok = is_currency_code(&currency);
            if !currency_ok {
                r.problem(
                    cols,
                    row,
                    "currency",
                    format!("`{cur}` is not an ISO 4217 code"),
                )
                .hint("three letters, e.g. GBP");
            }
            amount
                .filter(|_| currency_ok)
                .map(|amount| Funding { amount, currency })
        }
        (Some(_), None) => {
            r.problem(cols, row, "currency", "an amount needs its currency".into())
                .hint("e.g. --default currency=GBP");
            None
        }
        (None, Some(_)) => None,
    };
    let source_title = r.text(cols, row, "source_title");
    let source_url = r.url(cols, row, "source_url");
    let source_date = r.date(cols, row, "source_date");
    let source = match source_title {
        Some(title) => Some(Source {
            title,
            publisher: r.text(cols, row, "source_publisher"),
            date: source_date,
            url: source_url,
            locator: r.text(cols, row, "source_locator"),
            quote: r.text(cols, row, "source_quote"),
        }),
        None => {
            if source_url.is_some() {
                r.problem(cols, row, "source_title", "a source needs a title".into())
                    .hint("map a column with --map source_title=COLUMN, or --default source_title=TEXT");
            }
            None
        }
    };
    let partners = r.list(cols, row, "partners");
    let tags = r.list(cols, row, "tags");
    let note = r.text(cols, row, "note");
    let description = r.text(cols, row, "description");
    let notes = r.text(cols, row, "notes");
    // Empty cells give no field; the others are kept as the cell has them.
    let extra: Vec<(String, String)> = cols
        .extra
        .iter()
        .filter_map(|(name, i)| {
            let v = row.cells.get(*i)?.trim();
            (!v.is_empty()).then(|| (name.clone(), v.to_string()))
        })
        .collect();
    // The parent's id made into a slug as the id column's are, so that `FR-01` names the
    // row whose id was `FR-01`; whether it exists is the planner's to check.
    let parent = r
        .cell(cols, row, "parent")
        .value()
        .map(|v| {
            if is_slug(v) {
                v.to_string()
            } else {
                slugify(v, 64)
            }
        })
        .filter(|p| !p.is_empty());
    let weight = match r.cell(cols, row, "weight").value() {
        None => None,
        Some(v) => match v.trim().parse::<f64>() {
            Ok(w) if w.is_finite() && w >= 0.0 => Some(w),
            _ => {
                r.problem(
                    cols,
                    row,
                    "weight",
                    format!("`{v}` is not a number of zero or more"),
                )
                .hint("e.g. 1 (the default), 2 or 0.5");
                None
            }
        },
    };
    if r.problems.len() > problems_before {
        return None;
    }
    Some(NewCommitment {
        row: row.number,
        status: status.map(|s| (s, since)),
        note,
        commitment: Commitment {
            id: id?,
            uuid,
            title: title?,
            owner: owner?,
            partners,
            made: made?,
            due,
            tags,
            funding,
            funding_history: Vec::new(),
            parent,
            weight,
            source,
            evidence: vec![],
            history: vec![],
            gaps: vec![],
            description,
            notes,
            extra,
            corrections: Vec::new(),
            retired: None,
            retractions: Vec::new(),
        },
    })
}

pub(super) fn read_evidence<'a>(
    r: &mut Reader<'a>,
    cols: &Columns<'a>,
    row: &'a Row,
    renamed: &mut BTreeMap<String, String>,
) -> Option<(Option<String>, Evidence)> {
    let problems_before = r.problems.len();
    let given_id = r.id(cols, row, "id", renamed);
    let title = r.required(cols, row, "title");
    let url = match r.cell(cols, row, "url") {
        Cell::Value(_) => r.url(cols, row, "url"),
        _ => {
            r.required(cols, row, "url");
            None
        }
    };
    let published = r.date(cols, row, "published");
    let accessed = r.date(cols, row, "accessed");
    r.not_future(cols, row, "published", published);
    r.not_future(cols, row, "accessed", accessed);
    let kind = r.kind(cols, row);
    let publisher = r.text(cols, row, "publisher");
    let quote = r.text(cols, row, "quote");
    if r.problems.len() > problems_before {
        return None;
    }
    Some((
        given_id,
        Evidence {
            id: String::new(),
            title: title?,
            publisher,
            url: url?,
            published,
            accessed,
            kind,
            quote,
        },
    ))
}
