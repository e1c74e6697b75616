//! The command line: one module per subcommand, each with its arguments (whose doc comments
//! are the `--help` text) and its `run`.

mod add;
mod bulletin;
mod changes;
mod check;
mod cite;
mod completions;
mod correct;
mod evidence;
mod funding;
mod gap;
mod git_setup;
mod history;
mod import;
mod init;
mod list;
mod log;
mod man;
mod merge_driver;
mod output;
mod report;
mod retire;
mod retract;
mod schema;
mod show;
mod site;
mod undo;
mod update;

use std::path::PathBuf;

pub use completions::answer as complete;

use crate::context::{ColorChoice, Context};
use crate::error::{Error, Result};
use crate::model::{Date, Ledger, has_happened};

/// An accountability ledger: commitments, the evidence behind them, and their status over time.
///
/// The ledger is a YAML file (default ./commitments.yaml) that you may also edit by hand;
/// `commitments check` tells you whether it is valid. Dates are YYYY-MM-DD.
#[derive(Debug, clap::Parser)]
#[command(name = "commitments", version, max_term_width = 100)]
pub struct Cli {
    /// The ledger file.
    #[arg(
        short,
        long,
        global = true,
        env = "COMMITMENTS_FILE",
        default_value = "commitments.yaml",
        value_name = "PATH"
    )]
    file: PathBuf,

    /// Colour in tables: auto (only on a terminal, never with NO_COLOR), always or never.
    #[arg(
        long,
        global = true,
        value_enum,
        default_value = "auto",
        value_name = "WHEN"
    )]
    color: ColorChoice,

    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, clap::Subcommand)]
enum Command {
    Init(init::Args),
    Add(add::Args),
    Evidence(evidence::Args),
    Update(update::Args),
    Funding(funding::Args),
    Gap(gap::Args),
    Correct(correct::Args),
    Retire(retire::Args),
    Retract(retract::Args),
    Show(show::Args),
    List(list::Args),
    Report(report::Args),
    History(history::Args),
    Changes(changes::Args),
    Bulletin(bulletin::Args),
    Site(site::Args),
    Check(check::Args),
    Import(import::Args),
    Schema(schema::Args),
    Completions(completions::Args),
    Man(man::Args),
    MergeDriver(merge_driver::Args),
    GitSetup(git_setup::Args),
    Log(log::Args),
    Undo(undo::Args),
}

impl Cli {
    pub fn execute(self) -> Result<()> {
        let ctx = Context::new(self.file, self.color)?;
        match self.command {
            Command::Init(a) => init::run(&ctx, a),
            Command::Add(a) => add::run(&ctx, a),
            Command::Evidence(a) => evidence::run(&ctx, a),
            Command::Update(a) => update::run(&ctx, a),
            Command::Funding(a) => funding::run(&ctx, a),
            Command::Gap(a) => gap::run(&ctx, a),
            Command::Correct(a) => correct::run(&ctx, a),
            Command::Retire(a) => retire::run(&ctx, a),
            Command::Retract(a) => retract::run(&ctx, a),
            Command::Show(a) => show::run(&ctx, a),
            Command::List(a) => list::run(&ctx, a),
            Command::Report(a) => report::run(&ctx, a),
            Command::History(a) => history::run(&ctx, a),
            Command::Changes(a) => changes::run(&ctx, a),
            Command::Bulletin(a) => bulletin::run(&ctx, a),
            Command::Site(a) => site::run(&ctx, a),
            Command::Check(a) => check::run(&ctx, a),
            Command::Import(a) => import::run(&ctx, a),
            Command::Schema(a) => schema::run(&ctx, a),
            Command::Completions(a) => completions::run(&ctx, a),
            Command::Man(a) => man::run(&ctx, a),
            Command::MergeDriver(a) => merge_driver::run(&ctx, a),
            Command::GitSetup(a) => git_setup::run(&ctx, a),
            Command::Log(a) => log::run(&ctx, a),
            Command::Undo(a) => undo::run(&ctx, a),
        }
    }
}

/// A date of something that has happened (a publication, a reading, a search, an event)
/// cannot be after today (model::has_happened); `advice`, when not empty, says what to do
/// instead. `check` says the same of such dates in the file (store::future).
fn not_in_future(name: &str, date: Date, today: Date, advice: &str) -> Result<Date> {
    has_happened(date, today).map_err(|e| {
        let advice = if advice.is_empty() {
            String::new()
        } else {
            format!("; {advice}")
        };
        Error::Argument(format!("{name} {e}{advice}"))
    })
}

/// The end of a window from `start` (option `start_name`) to `end` (option `end_name`), which
/// is today when not given. A start after the end is refused in words about what the person
/// typed: when they gave no end, an "is after --until" would name an option they never used,
/// so the start is said to be in the future.
fn window_end(
    (start_name, start): (&str, Date),
    (end_name, end): (&str, Option<Date>),
    today: Date,
) -> Result<Date> {
    match end {
        Some(end) if start > end => Err(Error::Argument(format!(
            "{start_name} {start} is after {end_name} {end}"
        ))),
        None if start > today => Err(Error::Argument(format!(
            "{start_name} {start} is in the future (after today, {today})"
        ))),
        _ => Ok(end.unwrap_or(today)),
    }
}

/// A status given on the command line must be one of the ledger's: its key, or its label as
/// the tables print it (read as import reads a status cell), case aside. Returns the key.
fn status_arg(ledger: &Ledger, status: &str) -> Result<String> {
    match ledger.vocabulary.find(status) {
        Some(s) => Ok(s.key.clone()),
        None => Err(Error::Argument(format!(
            "unknown status `{status}`; this ledger's statuses are: {}",
            ledger
                .vocabulary
                .statuses()
                .iter()
                .map(|s| if crate::model::normal(&s.label) == s.key {
                    s.key.clone()
                } else {
                    format!("{} ({})", s.key, s.label)
                })
                .collect::<Vec<_>>()
                .join(", ")
        ))),
    }
}

/// The text of a required free-text option, which must say something.
fn non_empty(name: &str, text: &str) -> Result<String> {
    let t = text.trim();
    if t.is_empty() {
        Err(Error::Argument(format!("{name} must not be empty")))
    } else {
        Ok(t.to_string())
    }
}
