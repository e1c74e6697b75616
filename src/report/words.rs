//! The message catalogue: every word the program itself writes in reports, bulletins and the
//! site (headings, column names, flags, totals, the method text, the site's navigation and
//! footer), in English, French and German.
//!
//! The catalogues are Project Fluent files (`words/en.ftl`, `fr.ftl`, `de.ftl`), built into
//! the binary, so a translator edits plain text and the program never looks for files at run
//! time. Fluent was chosen over a table of strings for two things reports need: plural forms
//! by each language's own rules (French counts 0 and 1 as singular, English and German only
//! one) and named arguments, so that a translation can put the date or the count where its
//! grammar wants it (docs/dependencies.md). A ledger's own text (titles, notes, owners, its
//! scale's labels) never goes through here: it is the ledger's, in the ledger's words.
//!
//! Machine-readable names (CSV columns, JSON keys, datapackage fields, anchors) are not
//! words for people and stay English keys in every language, so scripts keep working.

use std::borrow::Cow;
use std::sync::OnceLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

use crate::model::Language;

/// The catalogue files, in `Language::ALL`'s order.
pub const CATALOGUES: [(Language, &str); 3] = [
    (Language::En, include_str!("words/en.ftl")),
    (Language::Fr, include_str!("words/fr.ftl")),
    (Language::De, include_str!("words/de.ftl")),
];

type Bundle = FluentBundle<FluentResource>;

fn bundles() -> &'static [Bundle; 3] {
    static BUNDLES: OnceLock<[Bundle; 3]> = OnceLock::new();
    BUNDLES.get_or_init(|| CATALOGUES.map(|(language, text)| bundle(language, text)))
}

/// One language's bundle. The catalogues are part of the program and tested
/// (`every_message_is_in_every_catalogue`), so a catalogue that does not parse is a bug in
/// the build, not something a user can cause.
fn bundle(language: Language, text: &str) -> Bundle {
    let resource = FluentResource::try_new(text.to_string())
        .unwrap_or_else(|(_, errors)| panic!("{language}.ftl does not parse: {errors:?}"));
    let id = language
        .code()
        .parse()
        .unwrap_or_else(|_| panic!("{language} is a language identifier"));
    let mut bundle = FluentBundle::new_concurrent(vec![id]);
    // Unicode isolation marks round each argument are for right-to-left scripts; in these
    // three languages they would only be invisible characters in every table cell.
    bundle.set_use_isolating(false);
    bundle
        .add_resource(resource)
        .unwrap_or_else(|e| panic!("{language}.ftl: {e:?}"));
    bundle
}

/// The message `id` in `language`, with `args` put in. A message missing from a catalogue
/// falls back to English (and fails the tests, which run a debug build).
pub fn format(language: Language, id: &str, args: Option<&FluentArgs>) -> String {
    let all = bundles();
    let message = |l: Language| all[l as usize].get_message(id).and_then(|m| m.value());
    let (bundle, pattern) = match message(language) {
        Some(p) => (&all[language as usize], p),
        None => {
            debug_assert!(false, "no message `{id}` in {language}.ftl");
            match message(Language::En) {
                Some(p) => (&all[Language::En as usize], p),
                None => return id.to_string(),
            }
        }
    };
    let mut errors = Vec::new();
    let text = bundle.format_pattern(pattern, args, &mut errors);
    debug_assert!(errors.is_empty(), "{language}.ftl `{id}`: {errors:?}");
    text.into_owned()
}

/// An argument for a message: counts are numbers (so that plurals follow them), the rest
/// text (dates stay YYYY-MM-DD in every language).
pub trait Arg {
    fn value(self) -> FluentValue<'static>;
}

impl Arg for usize {
    fn value(self) -> FluentValue<'static> {
        FluentValue::from(self)
    }
}

impl Arg for u32 {
    fn value(self) -> FluentValue<'static> {
        FluentValue::from(self)
    }
}

impl Arg for String {
    fn value(self) -> FluentValue<'static> {
        FluentValue::String(Cow::Owned(self))
    }
}

impl Arg for &String {
    fn value(self) -> FluentValue<'static> {
        FluentValue::String(Cow::Owned(self.clone()))
    }
}

impl Arg for &str {
    fn value(self) -> FluentValue<'static> {
        FluentValue::String(Cow::Owned(self.to_string()))
    }
}

impl Arg for crate::model::Date {
    fn value(self) -> FluentValue<'static> {
        FluentValue::String(Cow::Owned(self.to_string()))
    }
}

/// `tr!(language, "id")`, or `tr!(language, "id", n = 3, date = as_of)`: the catalogue's text.
#[macro_export]
macro_rules! tr {
    ($language:expr, $id:expr) => {
        $crate::report::words::format($language, $id, None)
    };
    ($language:expr, $id:expr, $($name:ident = $value:expr),+ $(,)?) => {{
        let mut args = fluent_bundle::FluentArgs::new();
        $( args.set(stringify!($name), $crate::report::words::Arg::value($value)); )+
        $crate::report::words::format($language, $id, Some(&args))
    }};
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use fluent_bundle::FluentResource;
    use fluent_syntax::ast::Entry;

    use super::*;

    /// The message ids of a catalogue, and the arguments each uses.
    fn messages(text: &str) -> BTreeSet<String> {
        let resource = FluentResource::try_new(text.to_string()).expect("parses");
        resource
            .entries()
            .filter_map(|e| match e {
                Entry::Message(m) => Some(m.id.name.to_string()),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn every_message_is_in_every_catalogue() {
        let english = messages(CATALOGUES[0].1);
        assert!(english.len() > 50, "{english:?}");
        for (language, text) in &CATALOGUES[1..] {
            let other = messages(text);
            let missing: Vec<_> = english.difference(&other).collect();
            let extra: Vec<_> = other.difference(&english).collect();
            assert!(missing.is_empty(), "{language}.ftl lacks {missing:?}");
            assert!(extra.is_empty(), "{language}.ftl has unknown {extra:?}");
        }
    }

    #[test]
    fn every_message_formats_without_error_in_every_language() {
        // Each message with every argument any message uses, as a number and as text.
        for (language, text) in CATALOGUES {
            let bundle = &bundles()[language as usize];
            for id in messages(text) {
                let m = bundle.get_message(&id).expect("listed");
                let pattern = m.value().expect("a message has a value");
                let mut args = FluentArgs::new();
                for name in text.split('$').skip(1) {
                    let name: String = name
                        .chars()
                        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
                        .collect();
                    args.set(name, 2);
                }
                let mut errors = Vec::new();
                let out = bundle.format_pattern(pattern, Some(&args), &mut errors);
                assert!(errors.is_empty(), "{language} {id}: {errors:?}");
                assert!(!out.trim().is_empty(), "{language} {id} is empty");
            }
        }
    }

    /// Messages the program names by a key of the model (`stage-pledged`, `kind-media`,
    /// `flag-stale`): one for every key there is.
    #[test]
    fn every_stage_kind_and_flag_has_its_words() {
        let mut ids: Vec<String> = crate::model::Stage::all()
            .iter()
            .map(|s| format!("stage-{}", s.key()))
            .collect();
        ids.extend(
            crate::model::EvidenceKind::all()
                .iter()
                .map(|k| format!("kind-{}", k.key())),
        );
        ids.extend(["overdue", "stale", "unsourced", "gap"].map(|f| format!("flag-{f}")));
        for by in ["owner", "tag", "status", "parent"] {
            ids.push(by.into());
            ids.push(format!("by-{by}-as-of"));
        }
        for (language, _) in CATALOGUES {
            for id in &ids {
                assert!(
                    bundles()[language as usize].has_message(id),
                    "{language}.ftl lacks {id}"
                );
            }
        }
    }

    #[test]
    fn plurals_follow_each_language() {
        assert_eq!(
            tr!(Language::En, "n-commitments", n = 1usize),
            "1 commitment"
        );
        assert_eq!(
            tr!(Language::En, "n-commitments", n = 0usize),
            "0 commitments"
        );
        assert_eq!(
            tr!(Language::Fr, "n-commitments", n = 0usize),
            "0 engagement"
        );
        assert_eq!(
            tr!(Language::Fr, "n-commitments", n = 2usize),
            "2 engagements"
        );
        assert_eq!(tr!(Language::De, "n-commitments", n = 1usize), "1 Zusage");
        assert_eq!(tr!(Language::De, "n-commitments", n = 3usize), "3 Zusagen");
    }
}
