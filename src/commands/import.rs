//! `commitments import`: commitments, status events and evidence from spreadsheets (CSV).

use std::collections::HashMap;
use std::path::PathBuf;

use crate::context::Context;
use crate::error::{Error, Result};
use crate::import::{self, DateOrder, Kind, Plan, Problem, Settings, Tables, Unknowns};
use crate::model::DecimalMark;
use crate::model::{EvidenceKind, Ledger};
use crate::report::render::{Style, ascii, cell, date_cell, status_cell, table};
use crate::store::{self, Change};

/// Import commitments, their status events and evidence from CSV files (e.g. another tracker's
/// export).
///
/// Each row of FILE becomes a commitment; each row of --events a status event and each row of
/// --evidence an evidence entry, of the commitment named in its id column. Columns are matched
/// to fields by name, or by --map; values the file lacks come from --default. Everything is
/// checked first: if any row is wrong, every problem is listed with its row and column and
/// nothing is imported. Try it with --dry-run. See docs/import.md.
///
/// Fields (for --map and --default): id, uuid, title, owner, partners, made, due, tags, status,
/// since, note, source_title, source_publisher, source_date, source_url, source_locator,
/// source_quote, amount, currency. Events file: events.commitment, events.date, events.status,
/// events.note, events.evidence, events.recorded_by. Evidence file: evidence.commitment,
/// evidence.id, evidence.title, evidence.url, evidence.publisher, evidence.published,
/// evidence.accessed, evidence.kind, evidence.quote. Lists in a cell (tags, partners, evidence)
/// are separated by semicolons.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// CSV file of commitments, one per row, with a header row.
    #[arg(value_name = "FILE.csv")]
    commitments: Option<PathBuf>,
    /// CSV file of status events, one per row, naming its commitment by id.
    #[arg(long, value_name = "FILE.csv")]
    events: Option<PathBuf>,
    /// CSV file of evidence entries, one per row, naming its commitment by id.
    #[arg(long, value_name = "FILE.csv")]
    evidence: Option<PathBuf>,
    /// Which column holds a field, e.g. title=promise_text or events.date=date (repeatable).
    #[arg(long = "map", value_name = "FIELD=COLUMN")]
    map: Vec<String>,
    /// A value for every row whose cell is empty or unknown, or whose file has no such column,
    /// e.g. owner="UK Government" or made=2024-07-04 (repeatable).
    #[arg(long = "default", value_name = "FIELD=VALUE")]
    defaults: Vec<String>,
    /// What a status in the file means in the ledger, e.g. "in progress=in-progress"
    /// (repeatable; case and spacing are ignored).
    #[arg(long = "status-map", value_name = "TEXT=STATUS")]
    status_map: Vec<String>,
    /// What a kind of source in the file means, e.g. "Act of Parliament=legislation"
    /// (repeatable).
    #[arg(long = "kind-map", value_name = "TEXT=KIND")]
    kind_map: Vec<String>,
    /// A cell text that means "unknown", besides empty, "Not available", "N/A", "unknown", "-"
    /// and the like (repeatable).
    #[arg(long = "unknown", value_name = "TEXT")]
    unknown: Vec<String>,
    /// How to read dates such as 04/05/2025 that could be day-first or month-first.
    #[arg(long, value_enum, value_name = "ORDER")]
    date_order: Option<DateOrder>,
    /// The decimal mark of the amount column: `,` (as in 4 500 000,00 or 4.500.000,00) or `.`
    /// (as in 4,500,000.00). Without it, an amount that could be read two ways, such as 12,5,
    /// 1,500 or 1.500, is refused.
    #[arg(long, value_name = "MARK")]
    decimal_mark: Option<DecimalMark>,
    /// The character between cells: "," (default), ";", "tab" or "|".
    #[arg(long, value_name = "CHAR", default_value = ",")]
    delimiter: String,
    /// Check everything and show what would be imported, without writing.
    #[arg(long)]
    dry_run: bool,
    /// Who is recording this (default: $COMMITMENTS_USER, else git's user.name).
    #[arg(long, value_name = "NAME")]
    by: Option<String>,
}

pub fn run(ctx: &Context, args: Args) -> Result<()> {
    if args.commitments.is_none() && args.events.is_none() && args.evidence.is_none() {
        return Err(Error::Argument(
            "give a CSV file of commitments, and/or --events FILE or --evidence FILE".into(),
        ));
    }
    let delimiter = match args.delimiter.as_str() {
        "tab" | "\\t" | "\t" => b'\t',
        d if d.len() == 1 && d.is_ascii() => d.as_bytes()[0],
        d => {
            return Err(Error::Argument(format!(
                "--delimiter `{d}` must be one character, e.g. \";\" or tab"
            )));
        }
    };
    let mut map = HashMap::new();
    let mut extra: Vec<(String, String)> = Vec::new();
    for m in &args.map {
        // `extra.NAME=COLUMN`: a field of the team's own, under `extra:`.
        if let Some((name, column)) = m.strip_prefix("extra.").and_then(|r| r.split_once('=')) {
            let name = name.trim();
            if name.is_empty() || name.chars().any(char::is_whitespace) {
                return Err(Error::Argument(format!(
                    "--map {m}: give the field a name without spaces, e.g. --map extra.archive_url=Archive"
                )));
            }
            extra.push((name.to_string(), column.trim().to_string()));
            continue;
        }
        let (field, column) = import::field_assignment("--map", m).map_err(Error::Argument)?;
        map.insert(field, column);
    }
    let mut defaults = HashMap::new();
    for d in &args.defaults {
        let (field, value) = import::field_assignment("--default", d).map_err(Error::Argument)?;
        defaults.insert(field, value);
    }
    let mut kind_map = HashMap::new();
    for k in &args.kind_map {
        let (text, kind) = pair("--kind-map", k)?;
        let kind = EvidenceKind::parse(&kind).ok_or_else(|| {
            Error::Argument(format!(
                "--kind-map {k}: `{kind}` is not an evidence kind; use one of: {}",
                EvidenceKind::keys()
            ))
        })?;
        kind_map.insert(import::value::normal(&text), kind);
    }
    let status_map: HashMap<String, String> = args
        .status_map
        .iter()
        .map(|s| pair("--status-map", s).map(|(a, b)| (import::value::normal(&a), b)))
        .collect::<Result<_>>()?;
    let settings = Settings {
        map,
        extra,
        defaults,
        status_map,
        kind_map,
        unknowns: Unknowns::new(&args.unknown),
        date_order: args.date_order,
        decimal_mark: args.decimal_mark,
        recorded_by: ctx.recorder(args.by.as_deref()),
        recorded_at: ctx.now()?,
        today: ctx.today,
    };
    let tables = read_tables(&args, delimiter)?;
    if args.dry_run {
        let loaded = store::load(&ctx.file)?;
        let plan = make_plan(&loaded.ledger, &tables, &settings)?;
        let text = store::edited_text(&ctx.file, &loaded.text, &loaded.ledger, &plan.edits)?;
        let after = store::parse(&ctx.file, &text)?;
        let mut out = summary(ctx, &plan, true);
        out.push_str(&preview(ctx, &after, &plan));
        out.push_str(
            "Dry run: nothing was written. Run the same command without --dry-run to import.\n",
        );
        return ctx.print(&out);
    }
    let plan = store::modify(&ctx.file, |ledger| {
        let plan = make_plan(ledger, &tables, &settings)?;
        Ok((
            Change {
                edits: plan.edits.clone(),
            },
            plan,
        ))
    })?;
    ctx.print(&summary(ctx, &plan, false))
}

fn pair(option: &str, text: &str) -> Result<(String, String)> {
    text.rsplit_once('=')
        .map(|(a, b)| (a.trim().to_string(), b.trim().to_string()))
        .filter(|(a, b)| !a.is_empty() && !b.is_empty())
        .ok_or_else(|| {
            Error::Argument(format!(
                "{option} takes \"TEXT=VALUE\", e.g. {option} \"in progress=in-progress\"; got `{text}`"
            ))
        })
}

/// Reads every file given, reporting the problems of all of them together.
fn read_tables(args: &Args, delimiter: u8) -> Result<Tables> {
    let mut tables = Tables::default();
    let mut problems = Vec::new();
    for (path, kind) in [
        (&args.commitments, Kind::Commitments),
        (&args.events, Kind::Events),
        (&args.evidence, Kind::Evidence),
    ] {
        let Some(path) = path else { continue };
        match import::table::read(path, delimiter)? {
            Ok(t) => match kind {
                Kind::Commitments => tables.commitments = Some(t),
                Kind::Events => tables.events = Some(t),
                Kind::Evidence => tables.evidence = Some(t),
            },
            Err(p) => problems.extend(p),
        }
    }
    if problems.is_empty() {
        Ok(tables)
    } else {
        Err(rejected(&problems))
    }
}

/// The plan, after checking that --status-map names statuses this ledger has.
fn make_plan(ledger: &Ledger, tables: &Tables, settings: &Settings) -> Result<Plan> {
    let mut targets: Vec<&String> = settings.status_map.values().collect();
    targets.sort();
    for status in targets {
        if ledger.vocabulary.get(status).is_none() {
            return Err(Error::Argument(format!(
                "--status-map: `{status}` is not a status of this ledger; its statuses are: {}",
                ledger.vocabulary.keys().join(", ")
            )));
        }
    }
    import::plan(ledger, tables, settings).map_err(|p| rejected(&p))
}

/// Every problem, with its help given once: the same fix for a hundred rows is said once.
fn rejected(problems: &[Problem]) -> Error {
    let mut helped = std::collections::HashSet::new();
    let mut out: Vec<String> = problems
        .iter()
        .map(|p| {
            let mut p = p.clone();
            if let Some(h) = &p.help
                && !helped.insert(h.clone())
            {
                p.help = None;
            }
            p.render()
        })
        .collect();
    let rows: std::collections::HashSet<(&str, usize)> = problems
        .iter()
        .filter_map(|p| p.row.map(|r| (p.file.as_str(), r)))
        .collect();
    let n = problems.len();
    out.push(format!(
        "{n} problem{}{}; nothing was imported.",
        if n == 1 { "" } else { "s" },
        match rows.len() {
            0 => String::new(),
            1 => " in 1 row".into(),
            r => format!(" in {r} rows"),
        }
    ));
    Error::Rejected(out.join("\n"))
}

fn summary(ctx: &Context, plan: &Plan, dry_run: bool) -> String {
    let mut out = format!(
        "{} {}: {} new commitment{}, {} status event{}, {} evidence entr{}.\n",
        if dry_run {
            "Would import into"
        } else {
            "Imported into"
        },
        ctx.file.display(),
        plan.new_commitments,
        if plan.new_commitments == 1 { "" } else { "s" },
        plan.events,
        if plan.events == 1 { "" } else { "s" },
        plan.evidence,
        if plan.evidence == 1 { "y" } else { "ies" },
    );
    if plan.funding > 0 {
        out.insert_str(
            out.len() - 2,
            &format!(
                ", {} funding event{}",
                plan.funding,
                if plan.funding == 1 { "" } else { "s" }
            ),
        );
    }
    for n in &plan.notes {
        out.push_str(&format!("  - {n}\n"));
    }
    out
}

/// The new commitments as they would stand today.
fn preview(ctx: &Context, after: &Ledger, plan: &Plan) -> String {
    if plan.new_commitments == 0 {
        return String::new();
    }
    // No --ascii here; the locale's rule, as for every table.
    let style = Style {
        color: ctx.color,
        ascii: ascii(false),
        // CSV settings do not apply to a terminal table.
        ..Style::default()
    };
    let mut t = table(
        &[
            "Commitment",
            "Owner",
            "Status",
            "Since",
            "Events",
            "Evidence",
        ],
        style,
    );
    let first_new = after.commitments.len() - plan.new_commitments;
    for c in &after.commitments[first_new..] {
        let status = c.status_as_of(ctx.today);
        t.add_row(vec![
            cell(&format!("{}\n{}", c.id, c.title), style),
            cell(&c.owner, style),
            status.as_ref().map_or_else(
                || cell("—", style),
                |s| status_cell(&after.vocabulary, s.status, ctx.color),
            ),
            date_cell(status.map(|s| s.since), style),
            cell(&c.history.len().to_string(), style),
            cell(&c.evidence.len().to_string(), style),
        ]);
    }
    format!("{t}\n")
}
