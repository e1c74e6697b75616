//! The domain: commitments, the evidence behind them, and their status history.
//!
//! Pure data and rules. Nothing here reads files or prints; `store` turns text into these
//! types and `commands` and `report` use them.

mod amount;
mod commitment;
mod correction;
mod date;
mod event;
mod evidence;
mod family;
mod funding;
mod language;
mod ledger;
mod party;
mod retraction;
pub mod spelling;
mod status;

pub use amount::{AmountError, DecimalMark, is_currency_code, read_amount};
pub use commitment::{Commitment, Funding, Gap, Source, StatusAsOf, TimelineItem};
pub use correction::{
    Correction, FieldKind, Retirement, field_kind, field_names, judge, list_items, list_text,
};
pub use date::{Date, DateError, InFuture, has_happened, parse_date};
pub use event::{Event, SOURCE_REF};
pub use evidence::{Evidence, EvidenceKind, evidence_id, free_id};
pub use family::{DEFAULT_WEIGHT, Family, LinkError, Place, link_errors};
pub use funding::{FundingAsOf, FundingEvent, Stage, money};
pub use language::{Language, UnknownLanguage};
pub use ledger::{Edit, Ledger, LookupError};
pub use party::{party, party_key};
pub use retraction::Retraction;
pub use status::{PRESETS, StatusDef, Vocabulary};

/// Whether a URL is one we will store and print as a link: http or https only, so that a
/// `javascript:` or `file:` address can never reach a report as something clickable.
pub fn is_web_url(url: &str) -> bool {
    // Checked for every URL of every read: compared in place rather than lowercased.
    let url_trimmed = url.trim();
    let scheme = |prefix: &str| {
        url_trimmed
            .get(..prefix.len())
            .filter(|head| head.eq_ignore_ascii_case(prefix))
            .map(|_| &url_trimmed[prefix.len()..])
    };
    let rest = scheme("https://").or_else(|| scheme("http://"));
    matches!(rest, Some(r) if !r.is_empty() && !r.starts_with('/') && !url.chars().any(char::is_whitespace))
}

/// Lowercase with runs of white space made one space, for comparing what people typed.
pub fn normal(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// A short, human slug: lowercase letters, digits and single hyphens.
pub fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 64
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !s.starts_with('-')
        && !s.ends_with('-')
        && !s.contains("--")
}

/// Text as it is compared when people search or filter: letters in their plain Latin form
/// (`Ministère` → `ministere`, `Ärzte` → `arzte`, `Αθήνα` → `athena`), lowercase, with runs of
/// white space made one space. `list --owner ministere` finds "Ministère de l'Intérieur", and
/// `--tag France` finds the tag `france`, the same way ids are made from text.
pub fn fold(text: &str) -> String {
    normal(&deunicode::deunicode(text))
}

/// Turns free text ("Home Office via Wired-Gov") into a slug ("home-office-via-wired-gov").
/// Letters outside ASCII are transliterated (deunicode), not dropped, so that an id made from
/// "Ministère de l'Intérieur" reads `ministere-de-l-interieur`, and Greek, Cyrillic, Arabic or
/// CJK text gives a readable slug rather than an empty one.
pub fn slugify(text: &str, max_len: usize) -> String {
    let mut out = String::new();
    for c in deunicode::deunicode(text).chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    // Whole words only, so that an id never ends in half a name.
    let mut cut = String::new();
    for word in out.split('-').filter(|w| !w.is_empty()) {
        let extra = if cut.is_empty() {
            word.len()
        } else {
            word.len() + 1
        };
        if cut.len() + extra > max_len {
            if cut.is_empty() {
                cut = word.chars().take(max_len).collect();
            }
            break;
        }
        if !cut.is_empty() {
            cut.push('-');
        }
        cut.push_str(word);
    }
    cut
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn web_urls() {
        assert!(is_web_url("https://www.gov.uk/x"));
        assert!(is_web_url("HTTP://example.org"));
        assert!(!is_web_url("javascript:alert(1)"));
        assert!(!is_web_url("https://"));
        assert!(!is_web_url("ftp://example.org"));
        assert!(!is_web_url("https://exa mple.org"));
        assert!(!is_web_url("www.gov.uk"));
    }

    #[test]
    fn slugs() {
        assert!(is_slug("fr-mobile-unit"));
        assert!(!is_slug("Fr-mobile"));
        assert!(!is_slug("a--b"));
        assert!(!is_slug("-a"));
        assert_eq!(
            slugify("Home Office via Wired-Gov", 40),
            "home-office-via-wired-gov"
        );
        assert_eq!(slugify("  GOV.UK ", 40), "gov-uk");
        assert_eq!(slugify("abc def", 4), "abc");
        assert_eq!(slugify("Home Office via Wired-Gov", 20), "home-office-via");
        assert_eq!(slugify("Supercalifragilistic", 5), "super");
    }

    #[test]
    fn slugs_keep_letters_of_every_script() {
        assert_eq!(
            slugify("Ministère de l'Intérieur", 40),
            "ministere-de-l-interieur"
        );
        assert_eq!(slugify("Élysée", 40), "elysee");
        assert_eq!(slugify("Ärzte ohne Grenzen", 40), "arzte-ohne-grenzen");
        assert_eq!(slugify("Straße", 40), "strasse");
        assert_eq!(slugify("Υπουργείο Εσωτερικών", 40), "upourgeio-esoterikon");
        assert_eq!(
            slugify("Министерство внутренних дел", 40),
            "ministerstvo-vnutrennikh-del"
        );
        assert_eq!(slugify("内務省", 40), "nei-wu-sheng");
        // Arabic comes out as a rough transliteration, but never as nothing.
        assert!(!slugify("وزارة الداخلية", 40).is_empty());
        assert!(is_slug(&slugify("وزارة الداخلية", 40)));
    }

    #[test]
    fn folding_ignores_accents_case_and_spacing() {
        assert_eq!(
            fold("Ministère  de l'Intérieur"),
            "ministere de l'interieur"
        );
        assert_eq!(fold("France"), fold("france"));
        assert!(fold("Ärzte ohne Grenzen").contains(&fold("ARZTE")));
    }
}
