//! `commitments init`: a new, empty, valid ledger.

use std::path::Path;

use crate::context::Context;
use crate::error::Result;
use crate::store;

/// Create a new, empty ledger file (never overwrites one).
///
/// Its first line names the JSON Schema that editors check it with; `init` writes that schema to schema/commitments.schema.json beside
/// the ledger unless a copy is there already.
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
    ))?;
    write_schema(ctx, &ctx.file)
}

/// The ledger's first line points editors at the schema by a relative path, so a new ledger
/// gets a copy there; without it VS Code would warn that it cannot load the schema. An existing
/// copy is left alone (it may be the repository's own). Failing to write it does not undo the
/// ledger: the schema only helps editors, and `commitments schema` prints it at any time.
fn write_schema(ctx: &Context, ledger: &Path) -> Result<()> {
    let path = match ledger.parent().filter(|p| !p.as_os_str().is_empty()) {
        Some(dir) => dir.join(store::SCHEMA_PATH),
        None => store::SCHEMA_PATH.into(),
    };
    if path.exists() {
        return Ok(());
    }
    let written = path
        .parent()
        .map_or(Ok(()), std::fs::create_dir_all)
        .and_then(|()| std::fs::write(&path, store::json_schema_text()));
    match written {
        Ok(()) => ctx.print(&format!(
            "Wrote {}, which editors use to check the ledger as you type (docs/editors-and-shells.md).",
            path.display()
        )),
        Err(e) => {
            eprintln!(
                "commitments: note: could not write {} ({e}); `commitments schema > {}` makes it",
                path.display(),
                store::SCHEMA_PATH
            );
            Ok(())
        }
    }
}

/// The starting file. Comments in it are the first thing a person opening it reads.
pub fn template(title: Option<&str>) -> String {
    let title_line = match title.map(str::trim).filter(|t| !t.is_empty()) {
        // A JSON string is a valid YAML double-quoted scalar, escapes included.
        Some(t) => format!("title: {}\n", serde_json::Value::from(t)),
        None => String::new(),
    };
    format!(
        "{}\n\
         # An accountability ledger kept with `commitments` (docs/file-format.md describes it).\n\
         # Edit it by hand or with the command line; `commitments check` says whether it is valid.\n\
         version: {}\n\
         {title_line}\
         commitments: []\n",
        store::modeline(),
        store::FORMAT_VERSION
    )
}
