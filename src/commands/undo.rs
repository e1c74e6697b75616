//! `commitments undo`: take back the last change the command line made.

use crate::context::Context;
use crate::error::Result;
use crate::store;

/// Undo the last change made with this program (add, evidence, update or gap), if the file
/// has not been changed since — by hand, by git or by another program. One level: a second
/// `undo` has nothing to undo. Older history is in git.
#[derive(Debug, clap::Args)]
pub struct Args {}

pub fn run(ctx: &Context, _args: Args) -> Result<()> {
    let entry = store::undo(&ctx.file)?;
    ctx.print(&format!(
        "Undid the last change to {} ({}, made {}).",
        ctx.file.display(),
        entry.what,
        entry.at
    ))
}
