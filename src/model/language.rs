//! The languages reports, bulletins and the site are written in. The words themselves are in
//! the message catalogue (`report::words`); a ledger's own text (titles, notes, its scale's
//! labels unless it gives them per language) is never translated.

use std::fmt;
use std::str::FromStr;

/// A language the program's words are shipped in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, clap::ValueEnum)]
pub enum Language {
    // Plain comments, not doc comments: clap would turn these into a long list in --help.
    // English.
    #[default]
    En,
    // French.
    Fr,
    // German.
    De,
}

impl Language {
    pub const ALL: [Language; 3] = [Language::En, Language::Fr, Language::De];

    /// The ISO 639-1 code, as the file, `--lang` and HTML's `lang` write it.
    pub fn code(self) -> &'static str {
        match self {
            Language::En => "en",
            Language::Fr => "fr",
            Language::De => "de",
        }
    }

    /// The language's name in its own words.
    pub fn name(self) -> &'static str {
        match self {
            Language::En => "English",
            Language::Fr => "français",
            Language::De => "Deutsch",
        }
    }

    /// The language's name in English, for the program's own messages.
    pub fn english_name(self) -> &'static str {
        match self {
            Language::En => "English",
            Language::Fr => "French",
            Language::De => "German",
        }
    }

    /// "en (English), fr (français) or de (Deutsch)": what a refusal offers instead.
    pub fn choices() -> String {
        let all: Vec<String> = Language::ALL
            .iter()
            .map(|l| format!("{} ({})", l.code(), l.name()))
            .collect();
        format!(
            "{} or {}",
            all[..all.len() - 1].join(", "),
            all[all.len() - 1]
        )
    }
}

impl fmt::Display for Language {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// A code the program has no words for.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("reports are not written in `{0}`; choose {choices}", choices = Language::choices())]
pub struct UnknownLanguage(pub String);

impl FromStr for Language {
    type Err = UnknownLanguage;

    /// `fr`, `FR` or ` fr `: the code, case and spacing aside.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let code = s.trim().to_ascii_lowercase();
        Language::ALL
            .into_iter()
            .find(|l| l.code() == code)
            .ok_or_else(|| UnknownLanguage(s.trim().to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_read_back() {
        for l in Language::ALL {
            assert_eq!(l.code().parse::<Language>(), Ok(l));
        }
        assert_eq!(" FR ".parse::<Language>(), Ok(Language::Fr));
        let err = "it".parse::<Language>().unwrap_err().to_string();
        assert_eq!(
            err,
            "reports are not written in `it`; choose en (English), fr (français) or de (Deutsch)"
        );
    }
}
