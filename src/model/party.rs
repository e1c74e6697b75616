//! Who an owner is, as a party: the country or body that a matrix column stands for, however
//! the owner was written. "United Kingdom (Home Office)", "UK", "UK Government" and
//! "HM Government" are one party, the United Kingdom; a ministry named in brackets is a part
//! of its government, not a party of its own. The rule is spelling only: it never joins two
//! parties ("United Kingdom and France" stays a joint owner of its own) and does not translate
//! ("Royaume-Uni" is not folded into "United Kingdom").

use super::{Commitment, fold};

/// Short forms and names of a government that stand for a country, folded: the party each is.
const SAME_PARTY: [(&str, &str); 12] = [
    ("uk", "United Kingdom"),
    ("u.k.", "United Kingdom"),
    ("britain", "United Kingdom"),
    ("great britain", "United Kingdom"),
    ("hm government", "United Kingdom"),
    ("his majesty's government", "United Kingdom"),
    ("us", "United States"),
    ("u.s.", "United States"),
    ("usa", "United States"),
    ("united states of america", "United States"),
    ("eu", "European Union"),
    ("the netherlands", "Netherlands"),
];

/// The party `owner` names, as a column heading shows it: the text before any bracket, without
/// "Government of" before it or "Government" after it, short forms written out.
pub fn party(owner: &str) -> String {
    let name = owner.split(['(', '[']).next().unwrap_or(owner);
    let name = name.trim().trim_end_matches([',', ';', ':', '-', '–']);
    let same = |text: &str| {
        let key = fold(text);
        SAME_PARTY
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, p)| p.to_string())
    };
    if let Some(p) = same(name) {
        return p;
    }
    let mut words: Vec<&str> = name.split_whitespace().collect();
    let is = |w: &str, k: &str| fold(w) == k;
    if words.len() > 2 && is(words[0], "government") && is(words[1], "of") {
        words.drain(..2);
    }
    if words.len() > 1 && is(words[0], "the") {
        words.remove(0);
    }
    if words.len() > 1
        && words
            .last()
            .is_some_and(|w| is(w, "government") || is(w, "govt"))
    {
        words.pop();
    }
    let bare = words.join(" ");
    match same(&bare) {
        Some(p) => p,
        None if bare.is_empty() => owner.trim().to_string(),
        None => bare,
    }
}

/// Two owners are the same party when their keys are equal.
pub fn party_key(owner: &str) -> String {
    fold(&party(owner))
}

impl Commitment {
    /// A collective pledge: made by the participants together (tagged `collective`), a row
    /// of the matrix even before any national action serves it (methodology §11).
    pub fn is_collective(&self) -> bool {
        self.tags.iter().any(|t| fold(t) == "collective")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_party_however_it_is_written() {
        for owner in [
            "United Kingdom",
            "United Kingdom (Home Office)",
            "United Kingdom (Home Office; Crown Prosecution Service)",
            "UK",
            "UK Government",
            "uk government",
            "HM Government",
            "Government of the United Kingdom",
        ] {
            assert_eq!(party(owner), "United Kingdom", "{owner}");
        }
        assert_eq!(party_key("united  kingdom"), party_key("United Kingdom"));
        assert_eq!(party("France (Ministère de l'Intérieur)"), "France");
        assert_eq!(party("Germany (Federal Government)"), "Germany");
        assert_eq!(party("USA"), "United States");
        assert_eq!(party_key("Ministère"), party_key("ministere"));
    }

    #[test]
    fn joint_owners_and_other_languages_stay_apart() {
        assert_eq!(
            party("United Kingdom and France (governments)"),
            "United Kingdom and France"
        );
        assert_ne!(party_key("Royaume-Uni"), party_key("United Kingdom"));
        assert_eq!(party("(no name)"), "(no name)");
        assert_eq!(party("Government"), "Government");
    }
}
