//! Closeness of words, for "did you mean …?" suggestions in messages. The distance is
//! strsim's Levenshtein, the same crate clap uses for its own suggestions.

/// The candidate closest to `word` (ignoring case), if it is close enough to be a likely
/// slip: about a third of the word's length (`titel` for `title` is 2), at least 1 and at
/// most 3 edits. Further than that, a suggestion is more often wrong than helpful.
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let word = word.to_lowercase();
    let limit = (word.chars().count().div_ceil(3)).clamp(1, 3);
    candidates
        .into_iter()
        .map(|c| (strsim::levenshtein(&word, &c.to_lowercase()), c))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closest_is_only_offered_when_close() {
        let fields = ["id", "title", "owner", "partners"];
        assert_eq!(closest("ownr", fields), Some("owner"));
        assert_eq!(closest("titel", fields), Some("title"));
        assert_eq!(closest("ab", fields), None);
        assert_eq!(closest("patners", fields), Some("partners"));
        assert_eq!(closest("colour", fields), None);
    }
}
