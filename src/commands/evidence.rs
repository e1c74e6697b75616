//! `commitments evidence`: attach a source to a commitment without changing its status.

use super::{non_empty, not_in_future};
use clap_complete::ArgValueCandidates;

use crate::context::Context;
use crate::error::{Error, Result};
use crate::model::{
    Commitment, Edit, Evidence, EvidenceKind, SOURCE_REF, evidence_id, free_id, is_slug, is_web_url,
};
use crate::model::{Date, parse_date};
use crate::store::{self, Change};

/// Add an evidence entry to a commitment (its status does not change). Prints the entry's id,
/// which `update --evidence` cites.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The commitment: its id, UUID, or the start of its UUID.
    #[arg(add = ArgValueCandidates::new(super::completions::commitment_ids))]
    commitment: String,
    #[command(flatten)]
    evidence: EvidenceArgs,
}

#[derive(Debug, clap::Args)]
pub struct EvidenceArgs {
    /// Web address of the source (http or https).
    #[arg(long)]
    url: String,
    /// Its title.
    #[arg(long)]
    title: String,
    /// Who published it, e.g. "Home Office".
    #[arg(long)]
    publisher: Option<String>,
    /// When it was published (YYYY-MM-DD).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    published: Option<Date>,
    /// The day you read the page yourself (YYYY-MM-DD; `--accessed` alone means today). Leave
    /// it out when you did not open the page, e.g. when copying from someone else's notes:
    /// without it the entry has no access date.
    #[arg(long, value_name = "DATE", num_args = 0..=1, value_parser = parse_date)]
    accessed: Option<Option<Date>>,
    /// What kind of source it is.
    #[arg(long, value_enum)]
    kind: Option<EvidenceKind>,
    /// A short, exact quotation.
    #[arg(long)]
    quote: Option<String>,
    /// The entry's id (default: made from the publisher and date, e.g. home-office-2025-12-19).
    #[arg(long, value_name = "ID")]
    id: Option<String>,
}

impl EvidenceArgs {
    /// The same fields, as `update` collects them under its own option names.
    pub fn new(
        url: String,
        title: String,
        publisher: Option<String>,
        published: Option<Date>,
        kind: Option<EvidenceKind>,
        quote: Option<String>,
        id: Option<String>,
    ) -> Self {
        EvidenceArgs {
            url,
            title,
            publisher,
            published,
            accessed: None,
            kind,
            quote,
            id,
        }
    }

    /// `--accessed` as `update` takes it: absent, alone (today) or with a date.
    pub fn accessed(self, accessed: Option<Option<Date>>) -> Self {
        EvidenceArgs { accessed, ..self }
    }
}

pub fn run(ctx: &Context, args: Args) -> Result<()> {
    let draft = Draft::from_args(ctx, args.evidence, "")?;
    let key = args.commitment;
    let (id, commitment_id) = store::modify(&ctx.file, |ledger| {
        let index = ledger.position(&key)?;
        let c = &ledger.commitments[index];
        let evidence = draft.into_evidence(c)?;
        let id = evidence.id.clone();
        Ok((
            Change {
                edits: vec![Edit::AddEvidence {
                    commitment: index,
                    evidence,
                }],
            },
            (id, c.id.clone()),
        ))
    })?;
    ctx.print(&format!("{id}\n"))?;
    eprintln_note(&format!("Added evidence {id} to {commitment_id}."));
    Ok(())
}

/// Confirmation goes to standard error so that standard output is just the id, for scripts.
fn eprintln_note(text: &str) {
    use std::io::Write as _;
    let _ = writeln!(std::io::stderr(), "{text}");
}

/// Evidence checked against the command line, before the ledger is read.
pub struct Draft {
    pub id: Option<String>,
    pub title: String,
    pub publisher: Option<String>,
    pub url: String,
    pub published: Option<Date>,
    pub accessed: Option<Date>,
    pub kind: Option<EvidenceKind>,
    pub quote: Option<String>,
}

impl Draft {
    /// `prefix` names the options as the user typed them (`--evidence-` in `update`).
    pub fn from_args(ctx: &Context, a: EvidenceArgs, prefix: &str) -> Result<Self> {
        let url = a.url.trim().to_string();
        if !is_web_url(&url) {
            return Err(Error::Argument(format!(
                "--{prefix}url `{}` is not an http(s) address; evidence must be a web page or document a reader can open",
                a.url
            )));
        }
        let kind = a.kind;
        if let Some(id) = &a.id
            && (!is_slug(id) || id == SOURCE_REF)
        {
            return Err(Error::Argument(format!(
                "`{id}` is not a usable evidence id: use lowercase letters, digits and hyphens (and not `source`)"
            )));
        }
        let published = a.published;
        // An access date says someone read the page that day, so it is never filled in unasked.
        let accessed = match a.accessed {
            None => None,
            Some(None) => Some(ctx.today),
            Some(Some(d)) => Some(d),
        };
        for (name, date) in [("--published", published), ("--accessed", accessed)] {
            if let Some(d) = date {
                not_in_future(name, d, ctx.today, "")?;
            }
        }
        Ok(Draft {
            id: a.id,
            title: non_empty(&format!("--{prefix}title"), &a.title)?,
            publisher: a
                .publisher
                .map(|p| p.trim().to_string())
                .filter(|p| !p.is_empty()),
            url,
            published,
            accessed,
            kind,
            quote: a
                .quote
                .map(|q| q.trim().to_string())
                .filter(|q| !q.is_empty()),
        })
    }

    /// The entry for `commitment`, with an id that is free there.
    pub fn into_evidence(self, commitment: &Commitment) -> Result<Evidence> {
        let taken = |id: &str| commitment.evidence.iter().any(|e| e.id == id);
        let id = match self.id {
            Some(id) if taken(&id) => {
                return Err(Error::Argument(format!(
                    "{} already has evidence with the id `{id}`; choose another --id",
                    commitment.id
                )));
            }
            Some(id) => id,
            None => free_id(
                evidence_id(self.publisher.as_deref(), &self.url, self.published),
                taken,
            ),
        };
        Ok(Evidence {
            id,
            title: self.title,
            publisher: self.publisher,
            url: self.url,
            published: self.published,
            accessed: self.accessed,
            kind: self.kind,
            quote: self.quote,
        })
    }
}
