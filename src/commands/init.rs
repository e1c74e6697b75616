//! `commitments init`: a new, empty, valid ledger.

use crate::context::Context;
use crate::error::Result;
use crate::store;

/// Create a new, empty ledger file (never overwrites one).
#[derive(Debug, clap::Args)]
pub struct Args {
    /// What the ledger tracks, e.g. "OIC Summit 2025 commitments".
    #[arg(long)]
    title: Option<String>,
}

pub fn run(ctx: &Context, args: Args) -> Result<()> {
    let text = template(args.title.as_deref());
    store::create(&ctx.file, &text)?;
    ctx.print(&format!(
        "Created {}. Add a commitment with `commitments add ID --title … --owner … --made YYYY-MM-DD`.",
        ctx.file.display()
    ))
}

/// The starting file. Comments in it are the first thing a person opening it reads.
pub fn template(title: Option<&str>) -> String {
    let title_line = match title.map(str::trim).filter(|t| !t.is_empty()) {
        // A JSON string is a valid YAML double-quoted scalar, escapes included.
        Some(t) => format!("title: {}\n", serde_json::Value::from(t)),
        None => String::new(),
    };
    format!(
        "# An accountability ledger kept with `commitments` (docs/file-format.md describes it).\n\
         # Edit it by hand or with the command line; `commitments check` says whether it is valid.\n\
         version: {}\n\
         {title_line}\
         commitments: []\n",
        store::FORMAT_VERSION
    )
}
