//! Atom (RFC 4287) through the `atom_syndication` crate: the feed of what changed, one entry
//! per change (status change, new evidence, gap, newly overdue, newly stale), newest first,
//! for feed readers and for anyone who follows a ledger without visiting it.
//!
//! Ids are `urn:uuid:`s made from the commitment and the entry's anchor (`report::anchors`),
//! so an entry keeps its id while the record does, and "updated" is the change's date, not
//! the time of the run: the same ledger gives the same feed, byte for byte.

use atom_syndication::{Entry, Feed, FixedDateTime, Link as AtomLink, Person, Text};
use chrono::{FixedOffset, NaiveTime};

use super::clean;
use crate::model::{Date, is_web_url};
use crate::report::anchors::{file_id, urn};
use crate::report::changes::Changes;
use crate::tr;

/// Midnight UTC of `d`: a feed needs a time, and the ledger has days.
fn at(d: Date) -> FixedDateTime {
    d.and_time(NaiveTime::MIN)
        .and_local_timezone(FixedOffset::east_opt(0).expect("UTC"))
        .single()
        .expect("midnight exists in UTC")
}

/// The feed. `pages` is the relative address of the commitments' pages (`c/`) when the feed
/// is part of a site, so that each entry links to its anchor there; without one, an entry
/// links to its first web source.
pub fn render(changes: &Changes, pages: Option<&str>) -> String {
    let ledger = changes.ledger;
    let lang = ledger.language;
    // Ids are made from the English name, so that an entry keeps its id in every language.
    let name = ledger.title.clone().unwrap_or_else(|| "Commitments".into());
    let shown = super::ledger_title(ledger);
    let mut entries = Vec::new();
    for g in &changes.commitments {
        for ch in &g.changes {
            let mut e = Entry::default();
            e.set_title(Text::plain(clean(&format!(
                "{}: {}",
                g.id,
                Changes::what(ch, lang)
            ))));
            e.set_id(urn(&format!(
                "{name}\n{}\n{}\n{}",
                g.id, ch.kind, ch.anchor
            )));
            e.set_updated(at(ch.date));
            let mut summary = vec![format!("{} — {}", g.id, g.title)];
            summary.extend(Changes::detail(ch, lang));
            for s in &ch.sources {
                summary.push(match &s.url {
                    Some(u) => tr!(lang, "record-source", source = format!("{} <{u}>", s.title)),
                    None => tr!(lang, "record-source", source = &s.title),
                });
            }
            e.set_summary(Text::plain(clean(&summary.join("\n"))));
            let href = match pages {
                // Becoming overdue or stale is no entry of the record: the page itself.
                Some(prefix) if matches!(ch.kind, "overdue" | "stale") => {
                    Some(format!("{prefix}{}.html", file_id(&g.id)))
                }
                Some(prefix) => Some(format!("{prefix}{}.html#{}", file_id(&g.id), ch.anchor)),
                None => ch
                    .sources
                    .iter()
                    .filter_map(|s| s.url.clone())
                    .find(|u| is_web_url(u)),
            };
            if let Some(href) = href {
                let mut link = AtomLink::default();
                link.set_href(href);
                link.set_rel("alternate");
                e.set_links(vec![link]);
            }
            entries.push((ch.date, g.id.clone(), ch.anchor.clone(), e));
        }
    }
    // Newest first; on one day, in a fixed order.
    entries.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let mut feed = Feed::default();
    feed.set_title(Text::plain(clean(&shown)));
    // Feed readers read the entries' words in the report's language.
    feed.set_lang(Some(lang.code().to_string()));
    feed.set_id(urn(&format!("{name}\nfeed")));
    feed.set_updated(at(entries.first().map_or(changes.window.until, |e| e.0)));
    let mut author = Person::default();
    author.set_name(clean(&shown));
    feed.set_authors(vec![author]);
    feed.set_subtitle(Text::plain(tr!(
        lang,
        "changes-subtitle",
        window = changes.window_text()
    )));
    feed.set_entries(entries.into_iter().map(|e| e.3).collect::<Vec<_>>());
    let mut text = feed.to_string();
    text.push('\n');
    text
}
