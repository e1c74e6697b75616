//! The file format: what `commitments.yaml` holds, as serde types with source positions.
//!
//! Scalars are read leniently (as text, with where they stand) and judged afterwards in
//! `validate`, so that `check` can list every problem in a file instead of stopping at the
//! first. These are the types the JSON Schema is generated from, so the schema and the loader
//! cannot drift apart.

use serde::Deserialize;
use serde::de::{self, Deserializer, Visitor};
use serde_saphyr::Spanned;

/// Any YAML scalar, kept as the text the person wrote (`2025-03-31`, `3000000`, `yes`).
#[derive(Debug, Clone, PartialEq)]
pub struct Text(pub String);

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Text;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a single value (text, a number or a date), not a list or a mapping")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Text, E> {
                Ok(Text(v.to_string()))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Text, E> {
                Ok(Text(v))
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Text, E> {
                Ok(Text(v.to_string()))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Text, E> {
                Ok(Text(v.to_string()))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Text, E> {
                Ok(Text(v.to_string()))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Text, E> {
                Ok(Text(v.to_string()))
            }
        }
        d.deserialize_any(V)
    }
}

pub type Field = Spanned<Text>;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LedgerFile {
    pub version: Option<Field>,
    pub title: Option<Field>,
    pub description: Option<Field>,
    pub statuses: Option<Vec<Spanned<StatusFile>>>,
    pub commitments: Option<Vec<Spanned<CommitmentFile>>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StatusFile {
    pub key: Option<Field>,
    pub label: Option<Field>,
    pub score: Option<Field>,
    pub closed: Option<Field>,
    pub description: Option<Field>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CommitmentFile {
    pub id: Option<Field>,
    pub uuid: Option<Field>,
    pub title: Option<Field>,
    pub owner: Option<Field>,
    pub partners: Option<Vec<Field>>,
    pub made: Option<Field>,
    pub due: Option<Field>,
    pub tags: Option<Vec<Field>>,
    pub funding: Option<Spanned<FundingFile>>,
    pub source: Option<Spanned<SourceFile>>,
    pub evidence: Option<Vec<Spanned<EvidenceFile>>>,
    pub history: Option<Vec<Spanned<EventFile>>>,
    pub gaps: Option<Vec<Spanned<GapFile>>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FundingFile {
    pub amount: Option<Field>,
    pub currency: Option<Field>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceFile {
    pub title: Option<Field>,
    pub publisher: Option<Field>,
    pub date: Option<Field>,
    pub url: Option<Field>,
    pub locator: Option<Field>,
    pub quote: Option<Field>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EvidenceFile {
    pub id: Option<Field>,
    pub title: Option<Field>,
    pub publisher: Option<Field>,
    pub url: Option<Field>,
    pub published: Option<Field>,
    pub accessed: Option<Field>,
    pub kind: Option<Field>,
    pub quote: Option<Field>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EventFile {
    pub date: Option<Field>,
    pub status: Option<Field>,
    pub note: Option<Field>,
    pub evidence: Option<Vec<Field>>,
    pub unsourced: Option<Field>,
    pub recorded_by: Option<Field>,
    pub recorded_at: Option<Field>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GapFile {
    pub note: Option<Field>,
    pub checked: Option<Field>,
}
