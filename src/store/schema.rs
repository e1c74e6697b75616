//! The JSON Schema of the ledger file, for editors (VS Code's YAML extension and others validate
//! and complete as people type).
//!
//! It is generated from the loader's own types in `file.rs` (`json_schema_text` there). Those read every scalar as
//! lenient text (`Spanned<Text>`) and leave the judging to `validate`, so each field there names
//! one of the shapes below; each shape states what `validate` accepts for it, so that the
//! schema flags in the editor what `check` would refuse, and nothing that it accepts.

use std::borrow::Cow;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};

use crate::model::{EvidenceKind, SOURCE_REF, Stage, Vocabulary};

/// Where the repository keeps its copy, which the ledger's first line points editors to.
pub const SCHEMA_PATH: &str = "schema/commitments.schema.json";

/// The first line of a ledger: the yaml-language-server's way of naming a file's schema.
pub fn modeline() -> String {
    format!("# yaml-language-server: $schema={SCHEMA_PATH}")
}

/// Declares a shape: a type that exists only to name a schema.
macro_rules! shape {
    ($(#[$doc:meta])* $name:ident, $schema:expr) => {
        $(#[$doc])*
        pub struct $name;
        impl JsonSchema for $name {
            fn schema_name() -> Cow<'static, str> {
                stringify!($name).into()
            }
            fn json_schema(_: &mut SchemaGenerator) -> Schema {
                $schema
            }
        }
    };
}

shape!(
    /// Any single value: YAML text, a number or true/false are all read as text.
    Scalar,
    json_schema!({"type": ["string", "number", "boolean"]})
);

shape!(
    /// A value that must say something: not empty, not only spaces.
    Required,
    json_schema!({
        "anyOf": [
            {"type": "string", "pattern": "\\S"},
            {"type": ["number", "boolean"]}
        ]
    })
);

shape!(
    /// A language reports are written in.
    LanguageCode,
    json_schema!({
        "type": "string",
        "enum": ["en", "fr", "de"],
        "description": "en (English), fr (French) or de (German)"
    })
);

shape!(
    /// A calendar date written YYYY-MM-DD (`check` also refuses days that do not exist).
    DateText,
    json_schema!({
        "type": "string",
        "format": "date",
        "pattern": "^\\s*[0-9]{4}-[0-9]{2}-[0-9]{2}\\s*$",
        "description": "a date written YYYY-MM-DD, e.g. 2025-03-31"
    })
);

shape!(
    /// A moment in UTC, RFC 3339.
    Timestamp,
    json_schema!({
        "type": "string",
        "format": "date-time",
        "pattern": "^\\s*[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt ][0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]+)?([Zz]|[+-][0-9]{2}:[0-9]{2})\\s*$",
        "description": "when it was recorded, RFC 3339, e.g. 2026-11-22T09:00:00Z"
    })
);

shape!(
    /// A short id: lowercase letters, digits and single hyphens.
    Slug,
    json_schema!({
        "type": "string",
        "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$",
        "maxLength": 64,
        "description": "a short slug: lowercase letters, digits and single hyphens, e.g. fr-mobile-unit"
    })
);

shape!(
    /// A web address a reader can open.
    WebUrl,
    json_schema!({
        "type": "string",
        "pattern": "^\\s*[Hh][Tt][Tt][Pp][Ss]?://[^\\s/]\\S*\\s*$",
        "description": "an http:// or https:// address"
    })
);

shape!(
    /// A UUID in any of the spellings the loader accepts.
    UuidText,
    json_schema!({
        "type": "string",
        "pattern": "^\\s*(urn:uuid:)?(\\{[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}\\}|[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}|[0-9A-Fa-f]{32})\\s*$",
        "description": "a UUID, e.g. 3f2b8c1e-9d4a-4e6b-8f0a-2c5d7e9b1a34"
    })
);

shape!(
    /// true or false.
    Flag,
    json_schema!({"enum": [true, false, "true", "false"]})
);

shape!(
    /// The file-format version this program reads.
    Version,
    json_schema!({"enum": [1, "1"], "description": "the file-format version; this program reads 1"})
);

shape!(
    /// A plain, non-negative number.
    Amount,
    json_schema!({
        "anyOf": [
            {"type": "number", "minimum": 0},
            {"type": "string", "pattern": "^\\s*\\+?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?\\s*$"}
        ],
        "description": "a plain number without separators or currency, e.g. 3000000"
    })
);

shape!(
    /// A number (a status's score).
    Number,
    json_schema!({
        "anyOf": [
            {"type": "number"},
            {"type": "string", "pattern": "^\\s*[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?\\s*$"}
        ]
    })
);

shape!(
    /// An ISO 4217 code.
    Currency,
    json_schema!({
        "type": "string",
        "pattern": "^[A-Z]{3}$",
        "description": "a three-letter ISO 4217 code, e.g. GBP"
    })
);

/// One of the evidence kinds, listed from the model so that a new kind reaches the schema.
pub struct Kind;

impl JsonSchema for Kind {
    fn schema_name() -> Cow<'static, str> {
        "Kind".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        let keys: Vec<&str> = EvidenceKind::all().iter().map(|k| k.key()).collect();
        json_schema!({"type": "string", "enum": keys, "description": "what sort of source it is"})
    }
}

/// A funding stage, listed from the model.
pub struct StageKey;

impl JsonSchema for StageKey {
    fn schema_name() -> Cow<'static, str> {
        "StageKey".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        let keys: Vec<&str> = Stage::all().iter().map(|s| s.key()).collect();
        json_schema!({"type": "string", "enum": keys, "description": "how far the money has gone"})
    }
}

/// A status key. A ledger may define its own scale, so any slug is allowed; the description
/// names the default scale for people who use it.
pub struct StatusKey;

impl JsonSchema for StatusKey {
    fn schema_name() -> Cow<'static, str> {
        "StatusKey".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        let keys = Vocabulary::default().keys().join(", ");
        json_schema!({
            "type": "string",
            "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$",
            "description": format!("a key of the ledger's status scale; the default scale is: {keys}")
        })
    }
}

/// An evidence entry's id: a slug, and never `source`, which events use for the source document.
pub struct EvidenceId;

impl JsonSchema for EvidenceId {
    fn schema_name() -> Cow<'static, str> {
        "EvidenceId".into()
    }
    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let slug = generator.subschema_for::<Slug>();
        json_schema!({
            "allOf": [slug, {"not": {"const": SOURCE_REF}}],
            "description": "a slug unique within the commitment; `source` is reserved"
        })
    }
}

/// What an event cites: an evidence id of the same commitment, or `source`.
pub struct EvidenceRef;

impl JsonSchema for EvidenceRef {
    fn schema_name() -> Cow<'static, str> {
        "EvidenceRef".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "pattern": "^\\s*[a-z0-9]+(-[a-z0-9]+)*\\s*$",
            "description": format!("the id of an evidence entry of this commitment, or `{SOURCE_REF}` for its source document")
        })
    }
}

/// An event must rest on evidence, or say it does not (`unsourced: true`, with a `note`).
pub fn event_rests_on_something(schema: &mut Schema) {
    let rule = json_schema!({
        "anyOf": [
            {"required": ["evidence"], "properties": {"evidence": {"minItems": 1}}},
            {"required": ["unsourced", "note"], "properties": {"unsourced": {"enum": [true, "true"]}}}
        ]
    });
    schema.insert(
        "anyOf".into(),
        rule.get("anyOf").cloned().unwrap_or_default(),
    );
}

/// Fields that must have a value are read with `kept_null` (so that a `~` can be pointed
/// at), which needs `serde(default)`, which schemars takes to mean optional: each struct's
/// transform says they are required, in field order, before any the derive found.
fn require(schema: &mut Schema, fields: &[&str]) {
    let mut list: Vec<serde_json::Value> = fields.iter().map(|f| (*f).into()).collect();
    if let Some(serde_json::Value::Array(found)) = schema.get("required") {
        list.extend(
            found
                .iter()
                .filter(|f| !list.contains(f))
                .cloned()
                .collect::<Vec<_>>(),
        );
    }
    schema.insert("required".into(), list.into());
}

pub fn require_status(s: &mut Schema) {
    require(s, &["key"]);
}
pub fn require_commitment(s: &mut Schema) {
    require(s, &["id", "title", "owner", "made"]);
}
pub fn require_funding(s: &mut Schema) {
    require(s, &["amount", "currency"]);
}
pub fn require_source(s: &mut Schema) {
    require(s, &["title"]);
}
pub fn require_evidence(s: &mut Schema) {
    require(s, &["id", "title", "url"]);
}
pub fn require_event(s: &mut Schema) {
    require(s, &["date", "status"]);
    event_rests_on_something(s);
}
pub fn require_gap(s: &mut Schema) {
    require(s, &["note"]);
}
pub fn require_correction(s: &mut Schema) {
    require(s, &["date", "field", "new", "reason"]);
}
pub fn require_retired(s: &mut Schema) {
    require(s, &["date", "reason"]);
}
