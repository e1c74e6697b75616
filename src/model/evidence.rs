//! Evidence: a dated, published source that a status rests on.

use super::Date;

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum EvidenceKind {
    OfficialStatement,
    Legislation,
    Parliament,
    Court,
    Media,
    NgoReport,
    Dataset,
    Other,
}

impl EvidenceKind {
    pub const ALL: [EvidenceKind; 8] = [
        EvidenceKind::OfficialStatement,
        EvidenceKind::Legislation,
        EvidenceKind::Parliament,
        EvidenceKind::Court,
        EvidenceKind::Media,
        EvidenceKind::NgoReport,
        EvidenceKind::Dataset,
        EvidenceKind::Other,
    ];

    pub fn key(self) -> &'static str {
        match self {
            EvidenceKind::OfficialStatement => "official-statement",
            EvidenceKind::Legislation => "legislation",
            EvidenceKind::Parliament => "parliament",
            EvidenceKind::Court => "court",
            EvidenceKind::Media => "media",
            EvidenceKind::NgoReport => "ngo-report",
            EvidenceKind::Dataset => "dataset",
            EvidenceKind::Other => "other",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.key() == text)
    }

    pub fn keys() -> String {
        Self::ALL.map(Self::key).join(", ")
    }
}

#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Evidence {
    /// Unique within its commitment; status events cite it.
    pub id: String,
    pub title: String,
    pub publisher: Option<String>,
    /// Always http or https.
    pub url: String,
    pub published: Option<Date>,
    pub accessed: Option<Date>,
    pub kind: Option<EvidenceKind>,
    pub quote: Option<String>,
}

impl Evidence {
    /// The date the evidence counts from: when it was published, else when it was read.
    pub fn date(&self) -> Option<Date> {
        self.published.or(self.accessed)
    }
}
