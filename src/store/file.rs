//! The file format: what `commitments.yaml` holds, as serde types with source positions.
//!
//! Scalars are read leniently (as text, with where they stand) and judged afterwards in
//! `validate`, so that `check` can list every problem in a file instead of stopping at the
//! first. These are the types the JSON Schema is generated from, so the schema and the loader
//! cannot drift apart.
//!
//! Longer than 400 lines on purpose: one serde type for each part of the file format, each field
//! with its schema shape and its description; apart, the format would be read in pieces.

use schemars::JsonSchema;
use serde::Deserialize;
use serde::de::{self, Deserializer, Visitor};
use serde_saphyr::Spanned;

// `Spanned` belongs to serde-saphyr, so it cannot implement `JsonSchema`: every field says
// which shape of `schema.rs` it takes. A field that `validate` requires is given a shape that
// is not an `Option`, which the schema lists as required.
use super::schema::{
    Amount, Currency, DateText, EvidenceId, EvidenceRef, Flag, Kind, LanguageCode, Number,
    Required, Scalar, Slug, StageKey, StatusKey, Timestamp, UuidText, Version, WebUrl,
};

/// Any YAML scalar, kept as the characters the person wrote (`2025-03-31`, `1.50`, `007`,
/// `0x1f`, `TRUE`): YAML's number and boolean types are never applied, so nothing is
/// reformatted on the way in. The flag says the value was YAML's null (empty, `~`, `null`),
/// which is no text at all; where a field needs a value, `validate` says so and how to quote it.
#[derive(Debug, Clone, PartialEq)]
pub struct Text(pub String, pub bool);

impl Text {
    pub fn is_null(&self) -> bool {
        self.1
    }
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        /// Null or not; a value that is not null is asked for as a string, which both readers
        /// answer with the scalar's characters (serde-saphyr resolves no type for it).
        struct Nullable;
        impl<'de> Visitor<'de> for Nullable {
            type Value = Text;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a single value (text, a number or a date), not a list or a mapping")
            }
            fn visit_none<E: de::Error>(self) -> Result<Text, E> {
                Ok(Text(String::new(), true))
            }
            fn visit_unit<E: de::Error>(self) -> Result<Text, E> {
                Ok(Text(String::new(), true))
            }
            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Text, D::Error> {
                d.deserialize_string(Written)
            }
            // A deserializer that has no options (serde's own, for a value already read,
            // as `Spanned` uses over the fast reader) gives the text straight away.
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Text, E> {
                Ok(Text(v.to_string(), false))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Text, E> {
                Ok(Text(v, false))
            }
        }
        struct Written;
        impl Visitor<'_> for Written {
            type Value = Text;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a single value (text, a number or a date), not a list or a mapping")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Text, E> {
                Ok(Text(v.to_string(), false))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Text, E> {
                Ok(Text(v, false))
            }
        }
        d.deserialize_option(Nullable)
    }
}

/// For a field that must have a value: YAML's null is kept (as a `Text` that says so)
/// rather than read as the field being absent, so that `check` can point at it.
pub fn kept_null<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Field>, D::Error> {
    Field::deserialize(d).map(Some)
}

pub type Field = Spanned<Text>;

/// A ledger of commitments, kept with `commitments` (docs/file-format.md).
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "commitments ledger")]
pub struct LedgerFile {
    /// The file-format version; this program reads 1.
    #[schemars(with = "Option<Version>")]
    pub version: Option<Field>,
    /// What the ledger tracks; reports print it.
    #[schemars(with = "Option<Scalar>")]
    pub title: Option<Field>,
    /// The language reports, bulletins and the site are written in: en, fr or de (default en; `--lang` overrides it).
    #[schemars(with = "Option<LanguageCode>")]
    pub language: Option<Field>,
    /// Free text about the ledger.
    #[schemars(with = "Option<Scalar>")]
    pub description: Option<Field>,
    /// The ledger's own status scale; the default scale (announced, in-progress, partial, delivered, stalled, abandoned) if absent.
    #[schemars(with = "Option<Vec<StatusFile>>")]
    pub statuses: Option<Vec<Spanned<StatusFile>>>,
    /// The commitments; `[]` when there are none.
    #[schemars(with = "Option<Vec<CommitmentFile>>")]
    pub commitments: Option<Vec<Spanned<CommitmentFile>>>,
}

/// A status of the ledger's own scale.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(transform = super::schema::require_status)]
pub struct StatusFile {
    /// What the file and the command line use, e.g. in-progress.
    #[schemars(with = "Slug")]
    #[serde(default, deserialize_with = "kept_null")]
    pub key: Option<Field>,
    /// What a reader sees, e.g. In progress (default: the key); in every language not given in `labels`.
    #[schemars(with = "Option<Scalar>")]
    pub label: Option<Field>,
    /// The label in other languages, e.g. {fr: En cours, de: In Arbeit}.
    #[schemars(with = "Option<PerLanguageFile>")]
    pub labels: Option<Spanned<PerLanguageFile>>,
    /// Progress towards delivery, for averages (default 0).
    #[schemars(with = "Option<Number>")]
    pub score: Option<Field>,
    /// A closed status is final: a closed commitment is never overdue (default false).
    #[schemars(with = "Option<Flag>")]
    pub closed: Option<Field>,
    /// What the status means; in every language not given in `descriptions`.
    #[schemars(with = "Option<Scalar>")]
    pub description: Option<Field>,
    /// What the status means in other languages, e.g. {fr: des mesures concrètes sont engagées}.
    #[schemars(with = "Option<PerLanguageFile>")]
    pub descriptions: Option<Spanned<PerLanguageFile>>,
}

/// A text in each language reports are written in; any may be left out.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PerLanguageFile {
    /// English.
    #[schemars(with = "Option<Required>")]
    #[serde(default, deserialize_with = "kept_null")]
    pub en: Option<Field>,
    /// French.
    #[schemars(with = "Option<Required>")]
    #[serde(default, deserialize_with = "kept_null")]
    pub fr: Option<Field>,
    /// German.
    #[schemars(with = "Option<Required>")]
    #[serde(default, deserialize_with = "kept_null")]
    pub de: Option<Field>,
}

impl PerLanguageFile {
    /// Each language given, with its field.
    pub fn each(&self) -> impl Iterator<Item = (crate::model::Language, &Field)> {
        use crate::model::Language;
        [
            (Language::En, &self.en),
            (Language::Fr, &self.fr),
            (Language::De, &self.de),
        ]
        .into_iter()
        .filter_map(|(l, f)| f.as_ref().map(|f| (l, f)))
    }
}

/// A commitment: who promised what, when, on what source, and what has happened since.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(transform = super::schema::require_commitment)]
pub struct CommitmentFile {
    /// A short slug used on the command line, unique in the file: fr-mobile-unit.
    #[schemars(with = "Slug")]
    #[serde(default, deserialize_with = "kept_null")]
    pub id: Option<Field>,
    /// A stable identifier, assigned by `add`.
    #[schemars(with = "Option<UuidText>")]
    pub uuid: Option<Field>,
    /// What was promised, in one sentence.
    #[schemars(with = "Required")]
    #[serde(default, deserialize_with = "kept_null")]
    pub title: Option<Field>,
    /// The accountable party: "France (Ministry of the Interior)".
    #[schemars(with = "Required")]
    #[serde(default, deserialize_with = "kept_null")]
    pub owner: Option<Field>,
    /// The id of the commitment this one serves: a national action under a communiqué pledge.
    #[schemars(with = "Option<Slug>")]
    pub parent: Option<Field>,
    /// How much this child counts in its parent's roll-up, a number of zero or more (default 1).
    #[schemars(with = "Option<Amount>")]
    pub weight: Option<Field>,
    /// Other parties to the commitment.
    #[schemars(with = "Option<Vec<Scalar>>")]
    pub partners: Option<Vec<Field>>,
    /// The day it was announced.
    #[schemars(with = "DateText")]
    #[serde(default, deserialize_with = "kept_null")]
    pub made: Option<Field>,
    /// The deadline, if the owner set one; not before `made`.
    #[schemars(with = "Option<DateText>")]
    pub due: Option<Field>,
    /// For grouping and filtering.
    #[schemars(with = "Option<Vec<Scalar>>")]
    pub tags: Option<Vec<Field>>,
    /// Money committed.
    #[schemars(with = "Option<FundingFile>")]
    pub funding: Option<Spanned<FundingFile>>,
    /// Money by stage over time: each entry a dated amount resting on evidence.
    #[schemars(with = "Option<Vec<FundingEventFile>>")]
    pub funding_history: Option<Vec<Spanned<FundingEventFile>>>,
    /// The document the commitment comes from.
    #[schemars(with = "Option<SourceFile>")]
    pub source: Option<Spanned<SourceFile>>,
    /// Dated, published sources that statuses rest on.
    #[schemars(with = "Option<Vec<EvidenceFile>>")]
    pub evidence: Option<Vec<Spanned<EvidenceFile>>>,
    /// Status events; the status is the latest by date. At least one.
    #[schemars(with = "Vec<EventFile>", length(min = 1))]
    pub history: Option<Vec<Spanned<EventFile>>>,
    /// Things searched for and not found.
    #[schemars(with = "Option<Vec<GapFile>>")]
    pub gaps: Option<Vec<Spanned<GapFile>>>,
    /// What the commitment is about, in your own words.
    #[schemars(with = "Option<Scalar>")]
    pub description: Option<Field>,
    /// Your own notes on it.
    #[schemars(with = "Option<Scalar>")]
    pub notes: Option<Field>,
    /// Fields of your own (archive_url, confidence, title_fr, ...): each a single value, kept as written.
    #[schemars(with = "Option<std::collections::BTreeMap<String, Scalar>>")]
    pub extra: Option<Spanned<ExtraFile>>,
    /// Fields changed after they were written (`commitments correct`), each with its old value.
    #[schemars(with = "Option<Vec<CorrectionFile>>")]
    pub corrections: Option<Vec<Spanned<CorrectionFile>>>,
    /// No longer tracked (`commitments retire`): kept and shown, left out of reports from this date on.
    #[schemars(with = "Option<RetiredFile>")]
    pub retired: Option<Spanned<RetiredFile>>,
    /// Status events and evidence entries withdrawn as mistaken (`commitments retract`); the entries stay, reports leave them out.
    #[schemars(with = "Option<Vec<RetractionFile>>")]
    pub retractions: Option<Vec<Spanned<RetractionFile>>>,
}

/// A status event or an evidence entry withdrawn: which, when, why, who.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(transform = super::schema::require_retired)]
pub struct RetractionFile {
    /// The day it was withdrawn.
    #[schemars(with = "DateText")]
    pub date: Option<Field>,
    /// The date of the status event withdrawn.
    #[schemars(with = "Option<DateText>")]
    pub event: Option<Field>,
    /// With `event`: its status, when that day has several events.
    #[schemars(with = "Option<StatusKey>")]
    pub status: Option<Field>,
    /// The id of the evidence entry withdrawn (instead of `event`).
    #[schemars(with = "Option<EvidenceId>")]
    pub evidence: Option<Field>,
    /// Why it was a mistake.
    #[schemars(with = "Required")]
    pub reason: Option<Field>,
    /// Who recorded it.
    #[schemars(with = "Option<Scalar>")]
    pub recorded_by: Option<Field>,
    /// When it was recorded, in UTC.
    #[schemars(with = "Option<Timestamp>")]
    pub recorded_at: Option<Field>,
}

/// A commitment no longer tracked: since when, and why.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(transform = super::schema::require_retired)]
pub struct RetiredFile {
    /// The day it stopped being tracked.
    #[schemars(with = "DateText")]
    pub date: Option<Field>,
    /// Why it is no longer tracked.
    #[schemars(with = "Required")]
    pub reason: Option<Field>,
    /// Who recorded it.
    #[schemars(with = "Option<Scalar>")]
    pub recorded_by: Option<Field>,
    /// When it was recorded, in UTC.
    #[schemars(with = "Option<Timestamp>")]
    pub recorded_at: Option<Field>,
}

/// A field changed after it was written: the day, the field, the old and new values, why, who.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(transform = super::schema::require_correction)]
pub struct CorrectionFile {
    /// The day the correction was made.
    #[schemars(with = "DateText")]
    pub date: Option<Field>,
    /// The field changed: title, owner, made, due, description, notes, tags, partners (a list's old and new values one item a line), parent, source.title (or another field of the source), or a field of the evidence entry named in `evidence`.
    #[schemars(with = "Scalar")]
    pub field: Option<Field>,
    /// The id of the evidence entry whose field was changed, if it was one.
    #[schemars(with = "Option<EvidenceId>")]
    pub evidence: Option<Field>,
    /// The value before the correction, as it was written; absent when the field was not set.
    #[schemars(with = "Option<Scalar>")]
    pub old: Option<Field>,
    /// The value the correction wrote.
    #[schemars(with = "Scalar")]
    pub new: Option<Field>,
    /// Why the value was wrong.
    #[schemars(with = "Required")]
    pub reason: Option<Field>,
    /// Who recorded it.
    #[schemars(with = "Option<Scalar>")]
    pub recorded_by: Option<Field>,
    /// When it was recorded, in UTC.
    #[schemars(with = "Option<Timestamp>")]
    pub recorded_at: Option<Field>,
}

/// `extra:`: a mapping of names to single values, in the file's order.
#[derive(Debug)]
pub struct ExtraFile(pub Vec<(String, Field)>);

impl<'de> Deserialize<'de> for ExtraFile {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = ExtraFile;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str(
                    "a mapping of your own field names to values, e.g. `archive_url: https://...`",
                )
            }
            fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<ExtraFile, A::Error> {
                let mut fields: Vec<(String, Field)> = Vec::new();
                while let Some((k, v)) = map.next_entry::<String, Field>()? {
                    if fields.iter().any(|(seen, _)| *seen == k) {
                        return Err(de::Error::custom(format!("`extra` gives `{k}` twice")));
                    }
                    fields.push((k, v));
                }
                Ok(ExtraFile(fields))
            }
        }
        d.deserialize_map(V)
    }
}

/// Money committed.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(transform = super::schema::require_funding)]
pub struct FundingFile {
    /// A plain number, no separators: 3000000.
    #[schemars(with = "Amount")]
    #[serde(default, deserialize_with = "kept_null")]
    pub amount: Option<Field>,
    /// ISO 4217: GBP.
    #[schemars(with = "Currency")]
    #[serde(default, deserialize_with = "kept_null")]
    pub currency: Option<Field>,
}

/// The document a commitment comes from.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(transform = super::schema::require_source)]
pub struct SourceFile {
    /// The document's title.
    #[schemars(with = "Required")]
    #[serde(default, deserialize_with = "kept_null")]
    pub title: Option<Field>,
    /// Who published it.
    #[schemars(with = "Option<Scalar>")]
    pub publisher: Option<Field>,
    /// When it was published.
    #[schemars(with = "Option<DateText>")]
    pub date: Option<Field>,
    /// Where to read it.
    #[schemars(with = "Option<WebUrl>")]
    pub url: Option<Field>,
    /// Where in it: "para 6".
    #[schemars(with = "Option<Scalar>")]
    pub locator: Option<Field>,
    /// A short, exact quotation of the commitment.
    #[schemars(with = "Option<Scalar>")]
    pub quote: Option<Field>,
}

/// A dated, published source that a status rests on.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(transform = super::schema::require_evidence)]
pub struct EvidenceFile {
    /// Unique within the commitment; events cite it.
    #[schemars(with = "EvidenceId")]
    #[serde(default, deserialize_with = "kept_null")]
    pub id: Option<Field>,
    /// The page or document's title.
    #[schemars(with = "Required")]
    #[serde(default, deserialize_with = "kept_null")]
    pub title: Option<Field>,
    /// The original publisher, naming any mirror.
    #[schemars(with = "Option<Scalar>")]
    pub publisher: Option<Field>,
    /// Where to read it.
    #[schemars(with = "WebUrl")]
    #[serde(default, deserialize_with = "kept_null")]
    pub url: Option<Field>,
    /// When it was published.
    #[schemars(with = "Option<DateText>")]
    pub published: Option<Field>,
    /// When it was read.
    #[schemars(with = "Option<DateText>")]
    pub accessed: Option<Field>,
    /// What sort of source it is.
    #[schemars(with = "Option<Kind>")]
    pub kind: Option<Field>,
    /// A short, exact quotation.
    #[schemars(with = "Option<Scalar>")]
    pub quote: Option<Field>,
}

// The last five fields (note, evidence, unsourced, recorded_by, recorded_at) are spelled out
// again in `FundingEventFile`, and partly in the other dated entries, rather than shared
// through `#[serde(flatten)]`: serde does not support flatten together with
// `deny_unknown_fields`, which is what names a misspelt field with its line, and a flattened
// struct is read through serde's own buffer, which does not keep the positions each `Field`
// carries. (Doc comments here are the schema's descriptions, so this one is a plain comment.)
/// On this date, per this evidence, the commitment stood here.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(transform = super::schema::require_event)]
pub struct EventFile {
    /// When it happened according to the evidence; on or after `made`.
    #[schemars(with = "DateText")]
    #[serde(default, deserialize_with = "kept_null")]
    pub date: Option<Field>,
    /// A key of the ledger's status scale.
    #[schemars(with = "StatusKey")]
    #[serde(default, deserialize_with = "kept_null")]
    pub status: Option<Field>,
    /// What happened and how sure we are; required when `unsourced`.
    #[schemars(with = "Option<Scalar>")]
    pub note: Option<Field>,
    /// Ids of evidence entries of this commitment; `source` cites its source document.
    #[schemars(with = "Option<Vec<EvidenceRef>>")]
    pub evidence: Option<Vec<Field>>,
    /// true records a status without evidence; `note` must say why.
    #[schemars(with = "Option<Flag>")]
    pub unsourced: Option<Field>,
    /// Who recorded it.
    #[schemars(with = "Option<Scalar>")]
    pub recorded_by: Option<Field>,
    /// When it was recorded, in UTC.
    #[schemars(with = "Option<Timestamp>")]
    pub recorded_at: Option<Field>,
}

/// On this date, per this evidence, this much money had reached this stage.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(transform = super::schema::event_rests_on_something)]
pub struct FundingEventFile {
    /// When it happened according to the evidence; on or after `made`.
    #[schemars(with = "DateText")]
    pub date: Option<Field>,
    /// pledged, allocated, disbursed or spent.
    #[schemars(with = "StageKey")]
    pub stage: Option<Field>,
    /// The amount at this stage on that date (it replaces any earlier amount of the stage).
    #[schemars(with = "Amount")]
    pub amount: Option<Field>,
    /// ISO 4217; the same for every amount of the commitment.
    #[schemars(with = "Currency")]
    pub currency: Option<Field>,
    /// What happened and how sure we are; required when `unsourced`.
    #[schemars(with = "Option<Scalar>")]
    pub note: Option<Field>,
    /// Ids of evidence entries of this commitment; `source` cites its source document.
    #[schemars(with = "Option<Vec<EvidenceRef>>")]
    pub evidence: Option<Vec<Field>>,
    /// true records an amount without evidence; `note` must say why.
    #[schemars(with = "Option<Flag>")]
    pub unsourced: Option<Field>,
    /// Who recorded it.
    #[schemars(with = "Option<Scalar>")]
    pub recorded_by: Option<Field>,
    /// When it was recorded, in UTC.
    #[schemars(with = "Option<Timestamp>")]
    pub recorded_at: Option<Field>,
}

/// Something searched for and not found.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(transform = super::schema::require_gap)]
pub struct GapFile {
    /// What was looked for, and where.
    #[schemars(with = "Required")]
    #[serde(default, deserialize_with = "kept_null")]
    pub note: Option<Field>,
    /// When it was last looked for.
    #[schemars(with = "Option<DateText>")]
    pub checked: Option<Field>,
}

/// The schema as pretty JSON with a final newline: exactly what the committed copy holds.
pub fn json_schema_text() -> String {
    let schema = schemars::generate::SchemaSettings::draft2020_12()
        .into_generator()
        .into_root_schema_for::<LedgerFile>();
    let mut text = serde_json::to_string_pretty(&schema).expect("a schema is plain JSON");
    text.push('\n');
    text
}
