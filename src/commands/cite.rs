//! What an entry rests on: existing evidence (--evidence), a new entry (--evidence-url and
//! --evidence-title), or --unsourced with a --note saying why. One set of options for every
//! command that records something dated on evidence (`update`, `funding`), so they cannot
//! drift apart.

use super::evidence::{Draft, EvidenceArgs};
use crate::context::Context;
use crate::error::{Error, Result};
use crate::model::{Commitment, Edit, EvidenceKind, SOURCE_REF};
use crate::model::{Date, parse_date};

#[derive(Debug, clap::Args)]
pub struct CiteArgs {
    /// What happened and how sure we are.
    #[arg(long)]
    note: Option<String>,
    /// Id of an evidence entry this rests on (repeatable; `source` cites the source document).
    #[arg(long = "evidence", value_name = "EVIDENCE_ID")]
    evidence: Vec<String>,
    /// Record without evidence; --note must say why. Reports mark such entries.
    #[arg(long, conflicts_with_all = ["evidence", "evidence_url"])]
    unsourced: bool,
    /// Web address of new evidence to add and cite.
    #[arg(long, value_name = "URL", requires = "evidence_title")]
    evidence_url: Option<String>,
    /// Title of the new evidence.
    #[arg(long, value_name = "TITLE", requires = "evidence_url")]
    evidence_title: Option<String>,
    /// Publisher of the new evidence.
    #[arg(long, requires = "evidence_url")]
    publisher: Option<String>,
    /// Publication date of the new evidence (YYYY-MM-DD).
    #[arg(long, value_name = "DATE", requires = "evidence_url", value_parser = parse_date)]
    published: Option<Date>,
    /// Kind of the new evidence.
    #[arg(long, value_enum, requires = "evidence_url")]
    kind: Option<EvidenceKind>,
    /// A short, exact quotation from the new evidence.
    #[arg(long, requires = "evidence_url")]
    quote: Option<String>,
    /// The day you read the new evidence yourself (YYYY-MM-DD; `--accessed` alone means
    /// today). Without it the entry has no access date.
    #[arg(long, value_name = "DATE", num_args = 0..=1, requires = "evidence_url", value_parser = parse_date)]
    accessed: Option<Option<Date>>,
    /// Id for the new evidence (default: from publisher and date).
    #[arg(long, value_name = "ID", requires = "evidence_url")]
    evidence_id: Option<String>,
}

/// The citation checked against the command line, before the ledger is read.
pub struct Cite {
    pub note: Option<String>,
    pub unsourced: bool,
    cited: Vec<String>,
    draft: Option<Draft>,
}

impl Cite {
    /// `what` names the entry in the complaint: "an amount".
    pub fn from_args(ctx: &Context, a: CiteArgs, what: &str) -> Result<Self> {
        let note = a
            .note
            .map(|n| n.trim().to_string())
            .filter(|n| !n.is_empty());
        if a.unsourced && note.is_none() {
            return Err(Error::Argument(
                "--unsourced needs a --note saying why there is no source".into(),
            ));
        }
        if !a.unsourced && a.evidence.is_empty() && a.evidence_url.is_none() {
            return Err(Error::Argument(format!(
                "{what} must cite evidence: --evidence ID (see `commitments show`), or --evidence-url URL --evidence-title TITLE, or --unsourced with a --note saying why"
            )));
        }
        let draft = match (a.evidence_url, a.evidence_title) {
            (Some(url), Some(title)) => Some(Draft::from_args(
                ctx,
                EvidenceArgs::new(
                    url,
                    title,
                    a.publisher,
                    a.published,
                    a.kind,
                    a.quote,
                    a.evidence_id,
                )
                .accessed(a.accessed),
                "evidence-",
            )?),
            _ => None,
        };
        Ok(Cite {
            note,
            unsourced: a.unsourced,
            cited: a.evidence,
            draft,
        })
    }

    /// The ids the entry cites, and the edit adding the new evidence entry, if one was given.
    pub fn resolve(self, c: &Commitment, index: usize) -> Result<(Vec<String>, Option<Edit>)> {
        check_cited(c, &self.cited)?;
        let mut cited = self.cited;
        let edit = match self.draft {
            Some(draft) => {
                let evidence = draft.into_evidence(c)?;
                cited.push(evidence.id.clone());
                Some(Edit::AddEvidence {
                    commitment: index,
                    evidence,
                })
            }
            None => None,
        };
        Ok((cited, edit))
    }
}

/// Every id given with --evidence must name an evidence entry of `c`, or `source` when it
/// has a source document.
fn check_cited(c: &Commitment, cited_ids: &[String]) -> Result<()> {
    for e in cited_ids {
        let known = c.evidence_by_id(e).is_some() || (e == SOURCE_REF && c.source.is_some());
        if !known {
            let mut ids: Vec<&str> = c.evidence.iter().map(|e| e.id.as_str()).collect();
            if c.source.is_some() {
                ids.insert(0, SOURCE_REF);
            }
            return Err(Error::Argument(format!(
                "{} has no evidence with the id `{e}`; {}",
                c.id,
                if ids.is_empty() {
                    "it has no evidence yet (add some with `commitments evidence`)".to_string()
                } else {
                    format!("its evidence ids are: {}", ids.join(", "))
                }
            )));
        }
    }
    Ok(())
}
