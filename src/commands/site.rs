//! `commitments site DIR`: the static website (src/site).

use std::io::Write as _;
use std::path::PathBuf;

use super::output::LangArg;
use crate::context::Context;
use crate::error::Result;
use crate::store;

/// Build a static website in DIR: an index with the status table, chart and totals; a page
/// per commitment (DIR/c/ID.html) with its record, timeline, evidence and gaps; a bulletin
/// per quarter; the method; an Atom feed of changes, an iCalendar file of due dates, and the
/// data. No JavaScript, nothing loaded from elsewhere; links are relative, so it works from
/// any web host or straight from the disk. Files that would not change are not rewritten.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The folder to build the site in (created if need be).
    #[arg(value_name = "DIR")]
    dir: PathBuf,
    /// Flag a commitment as stale when nothing in its record is newer than DAYS days.
    #[arg(long, value_name = "DAYS", default_value_t = 180)]
    stale_after: u32,
    /// Count retired commitments too (`commitments retire`), marked `retired`. By default one
    /// retired by a table's date is left out of the tables, counts and data files; its own
    /// page, the feed and the bulletins still say it was retired and why.
    #[arg(long)]
    include_retired: bool,
    #[command(flatten)]
    lang: LangArg,
}

pub fn run(ctx: &Context, args: Args) -> Result<()> {
    let ledger = args.lang.speak(store::load(&ctx.file)?.ledger);
    let done = crate::site::build(
        &ledger,
        ctx.today,
        args.stale_after,
        args.include_retired,
        &args.dir,
    )?;
    let _ = writeln!(
        std::io::stderr(),
        "Site in {}: {} file{} written, {} unchanged.",
        args.dir.display(),
        done.written,
        if done.written == 1 { "" } else { "s" },
        done.unchanged
    );
    Ok(())
}
