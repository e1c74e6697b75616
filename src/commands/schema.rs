//! `commitments schema`: the JSON Schema of the ledger file, for editors.

use crate::context::Context;
use crate::error::Result;
use crate::store;

/// Print the JSON Schema (draft 2020-12) of the ledger file, for editors.
///
/// It is generated from the types the
/// loader reads the file with, so it cannot drift from what `check` accepts. Editors that know
/// the yaml-language-server (VS Code's YAML extension, Neovim, Helix, Zed…) read the first line
/// of a ledger, `# yaml-language-server: $schema=schema/commitments.schema.json`, and then check
/// and complete the file as you type. See docs/editors-and-shells.md.
#[derive(Debug, clap::Args)]
pub struct Args {}

pub fn run(ctx: &Context, _args: Args) -> Result<()> {
    ctx.print(&store::json_schema_text())
}
