//! `commitments init`: a new, empty, valid ledger, with a status scale if one is asked for.

use std::path::Path;

use crate::context::Context;
use crate::error::Result;
use crate::model::{PRESETS, Vocabulary};
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
    /// Write a status scale into the file, to use or edit: default (announced …
    /// delivered), politifact (PolitiFact's Promise Meter), ogp (OGP completion levels) or g7
    /// (the G7 Research Group's -1/0/+1). Without it the ledger uses the default scale.
    #[arg(long, value_name = "SCALE", value_parser = clap::builder::PossibleValuesParser::new(PRESETS))]
    preset: Option<String>,
}

pub fn run(ctx: &Context, args: Args) -> Result<()> {
    let vocabulary = args.preset.as_deref().and_then(Vocabulary::preset);
    let text = template(args.title.as_deref(), vocabulary.as_ref());
    store::create(&ctx.file, &text)?;
    ctx.print(&format!(
        "Created {}. Add a commitment with `commitments add ID --title … --owner … --made YYYY-MM-DD`.",
        ctx.file.display()
    ))?;
    write_schema(ctx, &ctx.file)?;
    // Inside a git work tree, the team set-up comes with it (`git-setup` explains it).
    super::git_setup::if_in_git(ctx)
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
pub fn template(title: Option<&str>, statuses: Option<&Vocabulary>) -> String {
    let title_line = match title.map(str::trim).filter(|t| !t.is_empty()) {
        Some(t) => format!("title: {}\n", quoted(t)),
        None => String::new(),
    };
    let statuses = statuses.map(scale).unwrap_or_default();
    format!(
        "{}\n\
         # An accountability ledger kept with `commitments` (docs/file-format.md describes it).\n\
         # Edit it by hand or with the command line; `commitments check` says whether it is valid.\n\
         version: {}\n\
         {title_line}\
         {statuses}\
         commitments: []\n",
        store::modeline(),
        store::FORMAT_VERSION
    )
}

/// The text as a YAML double-quoted value, its letters kept.
fn quoted(text: &str) -> String {
    store::double_quoted(text)
}

/// The `statuses:` list. Reports use these labels and scores; the first status is where a
/// new commitment starts.
fn scale(v: &Vocabulary) -> String {
    let mut out = String::from(
        "# The status scale (docs/methodology.md). Reports use these labels and scores; a closed\n\
         # status is final (never overdue); the first is where a new commitment starts.\n\
         statuses:\n",
    );
    // The label and description in the other languages the scale gives, on one line each.
    let others = |texts: &[(crate::model::Language, String)], name: &str| {
        let given: Vec<String> = texts
            .iter()
            .filter(|(l, _)| *l != crate::model::Language::En)
            .map(|(l, t)| format!("{l}: {}", quoted(t)))
            .collect();
        if given.is_empty() {
            String::new()
        } else {
            format!("    {name}: {{{}}}\n", given.join(", "))
        }
    };
    for s in v.statuses() {
        out.push_str(&format!(
            "  - key: {}\n    label: {}\n{}    score: {}\n    closed: {}\n    description: {}\n{}",
            s.key,
            quoted(&s.label),
            others(&s.labels, "labels"),
            s.score,
            s.closed,
            quoted(&s.description),
            others(&s.descriptions, "descriptions"),
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_preset_reads_back_as_itself() {
        for name in PRESETS {
            let v = Vocabulary::preset(name).unwrap();
            let text = template(Some("T"), Some(&v));
            let ledger = store::parse(std::path::Path::new("x.yaml"), &text)
                .unwrap_or_else(|e| panic!("{name}: {e}\n{text}"));
            assert_eq!(ledger.vocabulary, v, "{name}");
        }
    }
}
