//! Realistic synthetic ledgers, for benchmarks (`examples/gen.rs`, `bench/run`) and for tests
//! at scale. Not used by the command line.
//!
//! The output is deterministic for a given seed and passes `commitments check`. Text lengths
//! follow the shipped `commitments.yaml` (a title of 56–112 characters, event notes of 390–815,
//! gap notes of 100–680, evidence URLs of 73–187, and so on), so that file size per record,
//! and with it parse time, is what a real ledger of that many records would have. It is also
//! written the way people leave such a file after years of hand edits and CLI writes: section
//! comments, inline comments, blank lines, a few flow-style lists, single and double quoting,
//! non-ASCII text.
//!
//! Longer than 400 lines on purpose: the generator is one long description of what a
//! realistic record holds (each field's length, style and frequency, taken from the shipped
//! ledger), read top to bottom; cutting it up would scatter those figures.

use std::io::{self, Write};

/// What to generate.
#[derive(Debug, Clone)]
pub struct Options {
    /// Records.
    pub commitments: usize,
    /// Status events per record; the first is always `announced`, citing the source.
    pub events: usize,
    /// Evidence entries per record.
    pub evidence: usize,
    pub seed: u64,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            commitments: 1000,
            events: 5,
            evidence: 5,
            seed: 1,
        }
    }
}

/// Writes a ledger to `w`.
pub fn write(opts: &Options, w: &mut impl Write) -> io::Result<()> {
    Generator::new(opts).write(w)
}

/// A ledger as text.
pub fn ledger(opts: &Options) -> String {
    let mut out = Vec::new();
    // Writing to a Vec cannot fail.
    let _ = write(opts, &mut out);
    String::from_utf8(out).unwrap_or_default()
}

/// fastrand's generator (seeded, so the same seed gives the same ledger), with the few
/// draws the generator makes.
struct Rng(fastrand::Rng);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0.u64(..)
    }
    /// In `lo..=hi`.
    fn range(&mut self, lo: usize, hi: usize) -> usize {
        self.0.usize(lo..=hi)
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.0.u64(..100) < percent
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.0.usize(..items.len())]
    }
    fn word(&mut self, items: &[&'static str]) -> &'static str {
        items[self.0.usize(..items.len())]
    }
}

/// Words of the shipped ledger's notes and titles, so that text looks and sizes like it.
#[rustfmt::skip]
const WORDS: &[&str] = &[
    "the", "the", "the", "of", "of", "to", "to", "and", "and", "a", "in", "in", "on", "for", "by",
    "that", "was", "is", "as", "with", "from", "not", "no", "this", "be", "at", "which", "said",
    "reported", "recorded", "announced", "agreed", "summit", "minister", "ministers", "government",
    "interior", "Home", "Office", "law", "legislation", "smugglers", "smuggling",
    "people-smuggling", "networks", "gangs", "illegal", "migration", "border", "security",
    "command", "enforcement", "unit", "specialist", "mobile", "officers", "police", "taskforce",
    "financial", "flows", "funding", "million", "prosecution", "Crown", "Prosecution", "Service",
    "sanctions", "regime", "communiqué", "participants", "pledge", "commitment", "source",
    "sources", "evidence", "statement", "release", "mirror", "copy", "article", "news", "page",
    "pages", "public", "reviewed", "confirmation", "deployment", "deployed", "passed", "parliament",
    "federal", "gazette", "record", "primary", "date", "inferred", "confidence", "medium", "low",
    "high", "reading", "our", "stated", "earlier", "later", "context", "treaty", "signed",
    "expected", "end", "year", "months", "weeks", "spring", "autumn", "December", "March", "July",
    "October", "coast", "Calais", "Rome", "Berlin", "London", "Paris", "Brussels", "Europol",
    "Frontex", "NCA", "G7", "G20", "partners", "joint", "action", "plan", "measures", "operations",
    "routes", "finances", "money", "follow", "approach", "capacity", "training", "return",
    "agreements", "upstream", "countries", "cooperation", "international", "progress", "delivery",
    "delivered", "partly", "reduced", "form", "stalled", "abandoned", "reversed", "bill",
    "introduced", "cabinet", "approved", "committee", "debate", "question", "answer", "written",
    "ministerial", "Bundestag", "Bundesrat", "compagnie", "marche", "spécialisée", "renfort",
    "gendarmerie", "préfecture", "€", "£", "per", "cent", "within", "since", "until", "before",
    "after", "during", "about", "over", "under", "between", "against", "across", "through",
];

#[rustfmt::skip]
const OWNERS: &[&str] = &[
    "France (Ministry of the Interior)", "Germany (Federal Government)",
    "Germany (Federal Ministry of the Interior)", "United Kingdom (Home Office)",
    "United Kingdom (Home Office; Crown Prosecution Service)",
    "United Kingdom (Home Office; Border Security Command)",
    "United Kingdom and Italy (governments)", "Italy (Ministry of the Interior)",
    "European Commission", "Summit participants (communiqué)", "G7 leaders",
    "G20 finance ministers and central bank governors",
    "Netherlands (Ministry of Justice and Security)",
    "Belgium (Federal Public Service Home Affairs)",
    "Canada (Immigration, Refugees and Citizenship Canada)", "Japan (Ministry of Foreign Affairs)",
];

#[rustfmt::skip]
const PARTNERS: &[&str] = &[
    "United Kingdom", "France", "Germany", "Italy", "Belgium", "Netherlands", "Europol", "Frontex",
    "Interpol", "European Union", "Albania", "Iraq", "Türkiye",
];

#[rustfmt::skip]
const TAGS: &[&str] = &[
    "uk", "france", "germany", "italy", "eu", "g7", "g20", "finance", "follow-the-money",
    "enforcement", "legislation", "small-boats", "funding", "prosecution", "returns", "communique",
    "capacity-building", "sanctions", "intelligence", "upstream",
];

#[rustfmt::skip]
const PUBLISHERS: &[&str] = &[
    "Home Office", "Home Office (via Wired-Gov)", "Crown Prosecution Service",
    "UK Parliament, Hansard (via Parallel Parliament)", "PA (via Shropshire Star)", "Delta FM",
    "WION", "Channels TV", "ETV Bharat", "GOV.UK",
    "Prime Minister's Office, 10 Downing Street (via GovWire)", "Federal Ministry of the Interior",
    "Ministère de l'Intérieur", "European Commission", "Reuters", "BBC News",
];

#[rustfmt::skip]
const HOSTS: &[&str] = &[
    "https://www.gov.uk/government/news/", "https://www.wired-gov.net/wg/news.nsf/articles/",
    "https://parallelparliament.co.uk/debate/2025-10-13/commons/general-committees/",
    "https://www.shropshirestar.com/uk-news/2025/08/03/", "https://www.deltafm.fr/",
    "https://www.wionews.com/world/", "https://www.channelstv.com/2025/10/22/",
    "https://www.bmi.bund.de/SharedDocs/pressemitteilungen/DE/2025/",
    "https://www.interieur.gouv.fr/actualites/communiques/",
    "https://ec.europa.eu/commission/presscorner/detail/en/",
    "https://www.reuters.com/world/europe/", "https://www.bbc.co.uk/news/articles/",
];

#[rustfmt::skip]
const KINDS: &[&str] = &[
    "official-statement", "official-statement", "media", "media", "media", "parliament",
    "legislation", "court", "ngo-report", "dataset", "other",
];

/// Statuses after the first `announced`, weighted towards what ledgers mostly hold.
#[rustfmt::skip]
const LATER: &[&str] = &[
    "in-progress", "in-progress", "in-progress", "partial", "partial", "stalled", "delivered",
    "delivered", "abandoned",
];

#[rustfmt::skip]
const SECTIONS: &[&str] = &[
    "France", "Germany", "Italy", "United Kingdom", "European Union", "G7", "G20",
    "Collective pledges", "Benelux", "Finance and sanctions",
];

/// Days since 1970-01-01 to a calendar date (Howard Hinnant's civil-from-days).
fn ymd(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

fn date(days: i64) -> String {
    let (y, m, d) = ymd(days);
    format!("{y:04}-{m:02}-{d:02}")
}

/// 2008-01-01 (G20 leaders' summits begin) and 2026-11-22 (the shipped ledger's "today").
const FIRST_DAY: i64 = 13_879;
const LAST_DAY: i64 = 20_779;

struct Generator<'a> {
    opts: &'a Options,
    rng: Rng,
    /// The id of the last record that starts a group of ten: the others serve it.
    leader: String,
}

impl<'a> Generator<'a> {
    fn new(opts: &'a Options) -> Self {
        Generator {
            opts,
            rng: Rng(fastrand::Rng::with_seed(opts.seed)),
            leader: String::new(),
        }
    }

    /// Running text of about `len` bytes: words, commas and sentences.
    fn text(&mut self, lo: usize, hi: usize) -> String {
        let len = self.rng.range(lo, hi);
        let mut s = String::with_capacity(len + 16);
        let mut sentence_start = true;
        while s.len() < len {
            if !s.is_empty() {
                s.push(' ');
            }
            let w = self.rng.word(WORDS);
            if sentence_start {
                let mut c = w.chars();
                if let Some(f) = c.next() {
                    s.extend(f.to_uppercase());
                    s.push_str(c.as_str());
                }
            } else {
                s.push_str(w);
            }
            sentence_start = false;
            let r = self.rng.range(0, 99);
            if r < 6 {
                s.push('.');
                sentence_start = true;
            } else if r < 12 {
                s.push(',');
            }
        }
        s.push('.');
        s
    }

    /// A title-like phrase (no final full stop).
    fn phrase(&mut self, lo: usize, hi: usize) -> String {
        let t = self.text(lo, hi).replace('.', ",");
        t.trim_end_matches(',').to_string()
    }

    fn slug(&mut self, words: usize) -> String {
        let mut out = String::new();
        for _ in 0..words {
            let w = loop {
                let w = self.rng.pick(WORDS).to_ascii_lowercase();
                if w.len() > 2 && w.bytes().all(|b| b.is_ascii_lowercase()) {
                    break w;
                }
            };
            if !out.is_empty() {
                out.push('-');
            }
            out.push_str(&w);
        }
        out
    }

    fn uuid(&mut self) -> String {
        let a = self.rng.next();
        let b = self.rng.next();
        format!(
            "{:08x}-{:04x}-4{:03x}-{:04x}-{:012x}",
            a >> 32,
            (a >> 16) & 0xffff,
            a & 0x0fff,
            0x8000 | (b >> 48) & 0x3fff,
            b & 0xffff_ffff_ffff
        )
    }

    fn url(&mut self, lo: usize, hi: usize) -> String {
        let len = self.rng.range(lo, hi);
        let mut u = self.rng.pick(HOSTS).to_string();
        while u.len() < len {
            u.push_str(&self.slug(1));
            u.push('-');
        }
        u.push_str(&format!("{}", self.rng.range(10_000, 99_999)));
        u
    }

    fn write(&mut self, w: &mut impl Write) -> io::Result<()> {
        writeln!(
            w,
            "# An accountability ledger kept with `commitments` (docs/file-format.md describes it)."
        )?;
        writeln!(
            w,
            "# Edit it by hand or with the command line; `commitments check` says whether it is valid."
        )?;
        writeln!(
            w,
            "# Synthetic: written by `examples/gen.rs` (seed {}), for benchmarks.",
            self.opts.seed
        )?;
        writeln!(w, "version: 1")?;
        writeln!(
            w,
            "title: \"G7 and G20 commitments on organised immigration crime since 2008 (synthetic)\""
        )?;
        writeln!(w, "commitments:")?;
        for n in 0..self.opts.commitments {
            if n % 40 == 0 {
                let section = self.rng.word(SECTIONS);
                if n > 0 {
                    writeln!(w)?;
                }
                writeln!(w, "  # --- {section} {}", "-".repeat(60 - section.len()))?;
            }
            self.commitment(w, n)?;
        }
        writeln!(w, "# end of ledger")
    }

    fn commitment(&mut self, w: &mut impl Write, n: usize) -> io::Result<()> {
        let r = &mut self.rng;
        let made = r.range(FIRST_DAY as usize, (LAST_DAY - 400) as usize) as i64;
        let id = format!("{}-{}", self.slug(2), n + 1);
        if self.rng.chance(5) {
            writeln!(w, "  - id: {id}   # renamed from an earlier draft")?;
        } else {
            writeln!(w, "  - id: {id}")?;
        }
        writeln!(w, "    uuid: {}", self.uuid())?;
        let title = self.phrase(56, 112);
        writeln!(w, "    title: {}", scalar(&title))?;
        writeln!(w, "    owner: {}", scalar(self.rng.word(OWNERS)))?;
        // Groups of ten: a pledge and nine national actions under it (two counting double),
        // decided by position so that the rest of the text is as it was before parents.
        if n.is_multiple_of(10) {
            self.leader = id.clone();
        } else {
            writeln!(w, "    parent: {}", self.leader)?;
            if n % 10 == 7 {
                writeln!(w, "    weight: 2")?;
            }
        }
        let partners = if self.rng.chance(40) {
            self.rng.range(1, 3)
        } else {
            0
        };
        if partners > 0 {
            writeln!(w, "    partners:")?;
            for _ in 0..partners {
                writeln!(w, "      - {}", scalar(self.rng.word(PARTNERS)))?;
            }
        }
        writeln!(w, "    made: {}", date(made))?;
        if self.rng.chance(30) {
            writeln!(
                w,
                "    due: {}",
                date(made + self.rng.range(90, 1500) as i64)
            )?;
        }
        let mut tags: Vec<&str> = (0..self.rng.range(2, 5))
            .map(|_| self.rng.word(TAGS))
            .collect();
        tags.sort_unstable();
        tags.dedup();
        if self.rng.chance(10) {
            writeln!(w, "    tags: [{}]", tags.join(", "))?;
        } else {
            writeln!(w, "    tags:")?;
            for t in &tags {
                writeln!(w, "      - {t}")?;
            }
        }
        let mut money: Option<(usize, &str)> = None;
        if self.rng.chance(20) {
            if self.rng.chance(50) {
                let amount = self.rng.range(1, 500) * 100_000;
                writeln!(w, "    funding: {{amount: {amount}, currency: GBP}}")?;
                money = Some((amount, "GBP"));
            } else {
                writeln!(w, "    funding:")?;
                let amount = self.rng.range(1, 500) * 100_000;
                writeln!(w, "      amount: {amount}")?;
                let currency = self.rng.word(&["GBP", "EUR", "USD"]);
                writeln!(w, "      currency: {currency}")?;
                money = Some((amount, currency));
            }
        }
        writeln!(w, "    source:")?;
        let t = self.phrase(40, 89);
        writeln!(w, "      title: {}", scalar(&t))?;
        writeln!(w, "      publisher: {}", scalar(self.rng.word(PUBLISHERS)))?;
        writeln!(w, "      date: {}", date(made))?;
        if self.rng.chance(66) {
            let u = self.url(35, 175);
            writeln!(w, "      url: {u}")?;
        }
        if self.rng.chance(55) {
            writeln!(
                w,
                "      locator: \"news article, para {}\"",
                self.rng.range(1, 40)
            )?;
        }
        if self.rng.chance(90) {
            let q = self.phrase(63, 145);
            writeln!(w, "      quote: {}", scalar(&q))?;
        }

        // Evidence first, so that events can cite it by id and date.
        let mut evidence: Vec<(String, i64)> = Vec::new();
        if self.opts.evidence > 0 {
            writeln!(w, "    evidence:")?;
        }
        for k in 0..self.opts.evidence {
            let published = (made - 200 + self.rng.range(0, 1400) as i64).min(LAST_DAY);
            let eid = format!("{}-{}-{}", self.slug(1), date(published), k + 1);
            let title = self.phrase(47, 124);
            writeln!(w, "      - id: {eid}")?;
            if self.rng.chance(60) {
                // Titles we supplied ourselves are bracketed, as in the shipped ledger.
                writeln!(w, "        title: '[{}]'", title.replace('\'', "''"))?;
            } else {
                writeln!(w, "        title: {}", scalar(&title))?;
            }
            writeln!(
                w,
                "        publisher: {}",
                scalar(self.rng.word(PUBLISHERS))
            )?;
            let u = self.url(73, 187);
            writeln!(w, "        url: {u}")?;
            writeln!(w, "        published: {}", date(published))?;
            writeln!(w, "        accessed: {}", date(LAST_DAY))?;
            writeln!(w, "        kind: {}", self.rng.word(KINDS))?;
            if self.rng.chance(50) {
                let q = self.phrase(14, 77);
                writeln!(w, "        quote: {}", scalar(&q))?;
            }
            evidence.push((eid, published));
        }

        // Money by stage for every other funded record, drawn from what is already known
        // so that the rest of the file is the same as before funding events existed.
        if let Some((amount, currency)) = money.filter(|_| n.is_multiple_of(2)) {
            writeln!(w, "    funding_history:")?;
            writeln!(w, "      - date: {}", date((made + 30).min(LAST_DAY)))?;
            writeln!(w, "        stage: allocated")?;
            writeln!(w, "        amount: {}", amount / 2)?;
            writeln!(w, "        currency: {currency}")?;
            writeln!(w, "        evidence: [source]")?;
            writeln!(
                w,
                "      - {{date: {}, stage: disbursed, amount: {}, currency: {currency}, unsourced: true, note: \"Reported by the department, not yet published\"}}",
                date((made + 200).min(LAST_DAY)),
                amount / 4
            )?;
        }
        writeln!(w, "    history:")?;
        let mut day = made;
        for k in 0..self.opts.events {
            if k > 0 {
                day = (day + self.rng.range(20, 300) as i64).min(LAST_DAY);
            }
            let status = if k == 0 {
                "announced"
            } else {
                self.rng.word(LATER)
            };
            if k > 0 && self.rng.chance(3) {
                writeln!(w, "      # Reported, not confirmed.")?;
            }
            // Cite evidence published by then, else the source.
            let cited: Vec<&str> = if k == 0 {
                vec!["source"]
            } else {
                let usable: Vec<&str> = evidence
                    .iter()
                    .filter(|(_, p)| *p <= day)
                    .map(|(id, _)| id.as_str())
                    .collect();
                if usable.is_empty() {
                    vec!["source"]
                } else {
                    let a = *self.rng.pick(&usable);
                    let b = *self.rng.pick(&usable);
                    if a == b { vec![a] } else { vec![a, b] }
                }
            };
            writeln!(w, "      - date: {}", date(day))?;
            writeln!(w, "        status: {status}")?;
            if self.rng.chance(10) {
                writeln!(w, "        evidence: [{}]", cited.join(", "))?;
            } else {
                writeln!(w, "        evidence:")?;
                for c in &cited {
                    writeln!(w, "          - {c}")?;
                }
            }
            let note = self.text(391, 815);
            writeln!(w, "        note: {}", quoted(&note))?;
            writeln!(w, "        recorded_by: commitments-maintainers")?;
            writeln!(w, "        recorded_at: {}T09:00:00Z", date(LAST_DAY))?;
        }
        let gaps = self.rng.range(0, 2);
        if gaps > 0 {
            writeln!(w, "    gaps:")?;
            for _ in 0..gaps {
                let note = format!(
                    "Looked for {}: none found.",
                    self.phrase(80, 600).to_lowercase()
                );
                writeln!(w, "      - note: {}", quoted(&note))?;
                writeln!(w, "        checked: {}", date(LAST_DAY))?;
            }
        }
        Ok(())
    }
}

/// Plain when YAML would read it back as the same text, else double-quoted.
fn scalar(s: &str) -> String {
    let risky = s.contains(": ")
        || s.contains(" #")
        || s.contains('\'')
        || s.contains('"')
        || s.ends_with(':')
        || s.starts_with(|c: char| "-?:,[]{}#&*!|>'\"%@`€£ ".contains(c))
        || s.ends_with(' ');
    if risky { quoted(s) } else { s.to_string() }
}

/// Double-quoted, as the CLI writes long notes.
fn quoted(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}
