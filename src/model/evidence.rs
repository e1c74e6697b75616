//! Evidence: a dated, published source that a status rests on.

use super::{Date, slugify};

/// What kind of source an evidence entry is. The names (`official-statement`, …) come from the
/// variants, kebab-cased alike by serde (reports), clap (`--kind`, its help and completion) and
/// `key` (the file); a test holds the three together.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, clap::ValueEnum)]
#[serde(rename_all = "kebab-case")]
pub enum EvidenceKind {
    // The help's words for each kind, from docs/methodology.md §3.
    /// What a government or public body says in its own name: releases, communiqués, speeches.
    OfficialStatement,
    /// The text or official record of laws, bills and statutory instruments.
    Legislation,
    /// Parliamentary proceedings: debates, written statements, committees, answers.
    Parliament,
    /// Judgments, sentencing remarks and court records.
    Court,
    /// News reporting, and mirrors of its text.
    Media,
    /// Publications by NGOs, research institutes and think tanks.
    NgoReport,
    /// Official statistics and structured data.
    Dataset,
    /// Anything else, with the note saying what it is.
    Other,
}

impl EvidenceKind {
    /// The name as the file writes it.
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

    /// A kind by its exact name, as the file and the command line write it.
    pub fn parse(text: &str) -> Option<Self> {
        // By `key`, not clap's `from_str`: that builds every kind's help entry to compare
        // with, and the reader calls this once for each of a ledger's evidence entries.
        Self::all().iter().copied().find(|k| k.key() == text)
    }

    /// Every kind, in the order the help lists them.
    pub fn all() -> &'static [Self] {
        <Self as clap::ValueEnum>::value_variants()
    }

    /// "official-statement, legislation, …": for a message saying what would be valid.
    pub fn keys() -> String {
        Self::all()
            .iter()
            .map(|k| k.key())
            .collect::<Vec<_>>()
            .join(", ")
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

/// The id an entry gets when none is given: who published it, when, and a word from its web
/// address, e.g. `home-office-2025-06-01-asylum-statistics` for
/// `https://www.gov.uk/…/asylum-statistics.html`. Who and when are how researchers refer to a
/// source; the word from the address keeps two entries from the same publisher on the same day
/// apart, so that researchers adding them on two branches rarely pick the same id. The rule, in
/// docs/file-format.md:
/// - who: the publisher, else the web site's host without `www.`, as a slug of at most 28
///   characters (letters transliterated: `Ministère` → `ministere`);
/// - when: the publication date, if known;
/// - the word: the address's last path segment without its file extension, as a slug of whole
///   words up to 20 characters (15 before a hash); where the address has no such word, or names the page by its
///   query (`?id=123`), 4 hexadecimal digits of the address's SHA-256 follow (or stand in).
///
/// At most 60 characters, so that a `-2` for an id already taken still makes a slug.
pub fn evidence_id(publisher: Option<&str>, url: &str, published: Option<Date>) -> String {
    let url = url.trim();
    let after_scheme = url.split_once("://").map_or(url, |(_, rest)| rest);
    let (host, rest) = after_scheme
        .find(['/', '?', '#'])
        .map_or((after_scheme, ""), |i| after_scheme.split_at(i));
    let who = publisher
        .map(|p| slugify(p, 28))
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| slugify(host.trim_start_matches("www."), 24));
    let mut id = if who.is_empty() {
        "evidence".to_string()
    } else {
        who
    };
    if let Some(d) = published {
        id.push_str(&format!("-{}", d.format("%Y-%m-%d")));
    }
    let rest = rest.split('#').next().unwrap_or("");
    let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
    let last = path.rsplit('/').find(|s| !s.is_empty()).unwrap_or("");
    let last = percent_decoded(last);
    let stem = match last.rsplit_once('.') {
        Some((stem, ext))
            if !stem.is_empty()
                && (1..=5).contains(&ext.len())
                && ext.bytes().all(|b| b.is_ascii_alphanumeric()) =>
        {
            stem
        }
        _ => last.as_str(),
    };
    let by_query = !query.trim().is_empty();
    let word = slugify(stem, if by_query { 15 } else { 20 });
    if !word.is_empty() {
        id.push('-');
        id.push_str(&word);
    }
    if word.is_empty() || by_query {
        use sha2::Digest as _;
        let digest = sha2::Sha256::digest(url.as_bytes());
        id.push_str(&format!("-{:02x}{:02x}", digest[0], digest[1]));
    }
    id
}

/// `base` if `taken` does not hold it, else the first of `base-2`, `base-3`, … that is free.
pub fn free_id(base: String, taken: impl Fn(&str) -> bool) -> String {
    if !taken(&base) {
        return base;
    }
    (2..)
        .map(|n| format!("{base}-{n}"))
        .find(|id| !taken(id))
        .unwrap_or(base)
}

/// `%C3%A8` as the `è` it stands for; anything that is not a valid escape is kept as it is.
fn percent_decoded(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'%'
            && let (Some(h), Some(l)) = (
                bytes.get(i + 1).and_then(|&b| hex(b)),
                bytes.get(i + 2).and_then(|&b| hex(b)),
            )
        {
            out.push((h * 16 + l) as u8);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{is_slug, parse_date};

    /// The file's name of each kind is the one clap offers and serde writes.
    #[test]
    fn a_kind_has_one_name_everywhere() {
        use clap::ValueEnum as _;
        assert_eq!(EvidenceKind::all().len(), 8);
        for k in EvidenceKind::all() {
            let clap = k.to_possible_value().unwrap();
            assert_eq!(clap.get_name(), k.key());
            assert_eq!(serde_json::to_value(k).unwrap(), k.key());
            assert_eq!(EvidenceKind::parse(k.key()), Some(*k));
        }
        assert_eq!(EvidenceKind::parse("Media"), None);
    }

    fn day(text: &str) -> Option<Date> {
        parse_date(text).ok()
    }

    #[test]
    fn ids_say_who_when_and_which_page() {
        let d = day("2025-12-19");
        assert_eq!(
            evidence_id(
                Some("Home Office"),
                "https://www.gov.uk/news/germany-law",
                d
            ),
            "home-office-2025-12-19-germany-law"
        );
        assert_eq!(
            evidence_id(None, "https://www.wired-gov.net/a/statement.html", d),
            "wired-gov-net-2025-12-19-statement"
        );
        assert_eq!(
            evidence_id(
                Some("Ministère de l'Intérieur"),
                "https://www.interieur.gouv.fr/Actualites/Communiques/Bilan%20d%C3%A9taill%C3%A9",
                day("2025-11-15")
            ),
            "ministere-de-l-interieur-2025-11-15-bilan-detaille"
        );
        assert!(
            evidence_id(Some("Élysée"), "https://www.elysee.fr/x", None).starts_with("elysee-")
        );
        assert!(
            evidence_id(Some("Ärzte ohne Grenzen"), "https://aerzte.de/x", None)
                .starts_with("arzte-ohne-grenzen-")
        );
    }

    #[test]
    fn two_pages_of_one_publisher_on_one_day_get_two_ids() {
        let d = day("2025-06-01");
        let a = evidence_id(Some("Home Office"), "https://www.gov.uk/news/a-1", d);
        let b = evidence_id(Some("Home Office"), "https://www.gov.uk/news/b-2", d);
        assert_ne!(a, b);
        // Pages named by their query, or with no path at all, are told apart by a hash.
        let q1 = evidence_id(Some("Home Office"), "https://x.org/view.php?id=1", d);
        let q2 = evidence_id(Some("Home Office"), "https://x.org/view.php?id=2", d);
        assert!(q1.starts_with("home-office-2025-06-01-view-"), "{q1}");
        assert_ne!(q1, q2);
        let home = evidence_id(None, "https://www.cps.gov.uk/", None);
        assert!(home.starts_with("cps-gov-uk-") && home.len() == "cps-gov-uk-".len() + 4);
    }

    #[test]
    fn ids_are_slugs_of_bounded_length_whatever_the_text() {
        let long = "Ministry ".repeat(20);
        let url = format!("https://example.org/{}?q=1", "word-".repeat(40));
        for (p, u) in [
            (Some(long.as_str()), url.as_str()),
            (
                Some("Υπουργείο Εσωτερικών"),
                "https://example.gr/ανακοίνωση",
            ),
            (Some("内務省"), "https://example.jp/%E5%86%85"),
            (Some("وزارة الداخلية"), "https://example.org/"),
            (Some("!!!"), "https://[::1]/"),
            (None, "https://"),
        ] {
            let id = evidence_id(p, u, day("2025-01-02"));
            assert!(is_slug(&id) && id.len() <= 60, "{id}");
            assert!(is_slug(&format!("{id}-99")), "{id}");
        }
    }

    #[test]
    fn a_taken_id_gets_the_next_number() {
        let taken = ["a", "a-2"];
        assert_eq!(free_id("a".into(), |id| taken.contains(&id)), "a-3");
        assert_eq!(free_id("b".into(), |id| taken.contains(&id)), "b");
    }
}
