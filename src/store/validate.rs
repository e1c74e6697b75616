//! From the file's types to the model, collecting every problem on the way.
//!
//! Longer than 400 lines on purpose: one check for each field of the file format, in the
//! format's order, all sharing the `Checker`; the dated entries (`dated.rs`) and the
//! corrections (`corrections.rs`) are apart.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};
use serde_saphyr::Spanned;
use uuid::Uuid;

use super::file::{
    CommitmentFile, EvidenceFile, Field, FundingFile, GapFile, LedgerFile, PerLanguageFile,
    SourceFile, StatusFile,
};
use crate::model::{
    Commitment, Date, Evidence, EvidenceKind, Funding, Gap, Language, Ledger, LinkError,
    SOURCE_REF, Source, StatusDef, Vocabulary, is_currency_code, is_slug, is_web_url, link_errors,
    parse_date,
};
use crate::problem::{Position, Problem};

#[path = "corrections.rs"]
mod corrections;
#[path = "dated.rs"]
mod dated;

use dated::{event, funding_history};

pub const FORMAT_VERSION: u32 = 1;

pub fn position<T>(s: &Spanned<T>) -> Option<Position> {
    let l = s.referenced;
    (l.line() > 0).then(|| Position {
        line: l.line() as usize,
        column: l.column().max(1) as usize,
    })
}

/// Collects problems; each check returns what it could make of the value.
#[derive(Default)]
struct Checker {
    problems: Vec<Problem>,
}

impl Checker {
    fn push(&mut self, p: Problem) {
        self.problems.push(p);
    }

    fn text(&mut self, f: &Option<Field>) -> Option<String> {
        f.as_ref().and_then(non_blank)
    }

    /// Whether `f` is YAML's null (empty, `~`, `null`) where the field `name` needs a value;
    /// if so, says what YAML read and how to write the text instead.
    fn null(&mut self, f: &Field, name: &str) -> bool {
        // Tested before the words are made: this runs for every required field of every
        // record, and formatting them each time was a tenth of `check` on a large ledger.
        if !f.value.is_null() {
            return false;
        }
        self.null_as(
            f,
            &format!("`{name}` has no value"),
            &format!("give the {name}"),
            name,
        )
    }

    /// As `null`, for an entry of the list `name`.
    fn null_entry(&mut self, f: &Field, name: &str) -> bool {
        if !f.value.is_null() {
            return false;
        }
        self.null_as(
            f,
            &format!("an entry of `{name}` has no value"),
            "remove the `-` line or give the entry a value",
            "- ",
        )
    }

    fn null_as(&mut self, f: &Field, what: &str, fix: &str, key: &str) -> bool {
        if !f.value.is_null() {
            return false;
        }
        let key = if key.ends_with(' ') {
            key.to_string()
        } else {
            format!("{key}: ")
        };
        self.push(
            Problem::new(
                position(f),
                format!("{what}: YAML reads an empty value, `~` and `null` as nothing"),
            )
            .help(format!(
                "{fix}; to write `~` or `null` as text, put it in quotes: `{key}\"~\"`"
            )),
        );
        true
    }

    fn required<T>(
        &mut self,
        f: &Option<Field>,
        name: &str,
        owner: &Spanned<T>,
        what: &str,
    ) -> Option<String> {
        if let Some(field) = f
            && self.null(field, name)
        {
            return None;
        }
        let value = self.text(f);
        if value.is_none() {
            let at = f.as_ref().map_or_else(|| position(owner), position);
            self.push(
                Problem::new(at, format!("{what} has no `{name}`"))
                    .help(format!("add `{name}:` with a value")),
            );
        }
        value
    }

    fn date(&mut self, f: &Option<Field>, name: &str) -> Option<Date> {
        let f = f.as_ref()?;
        if self.null(f, name) {
            return None;
        }
        match parse_date(&f.value.0) {
            Ok(d) => Some(d),
            Err(e) => {
                self.push(
                    Problem::new(position(f), format!("`{name}`: {e}"))
                        .found(f.value.0.clone())
                        .help("write dates as YYYY-MM-DD, e.g. 2025-03-31"),
                );
                None
            }
        }
    }

    fn url(&mut self, f: &Option<Field>, name: &str) -> Option<String> {
        let f = f.as_ref()?;
        if self.null(f, name) {
            return None;
        }
        let u = f.value.0.trim().to_string();
        if is_web_url(&u) {
            Some(u)
        } else {
            self.push(
                Problem::new(position(f), format!("`{name}` is not a web address"))
                    .found(f.value.0.clone())
                    .help("give a full http:// or https:// address, e.g. https://www.gov.uk/..."),
            );
            None
        }
    }

    fn bool(&mut self, f: &Option<Field>, name: &str) -> bool {
        let Some(f) = f else { return false };
        // YAML 1.2's spellings of the two booleans, as the file says them.
        match f.value.0.as_str() {
            "true" | "True" | "TRUE" => true,
            "false" | "False" | "FALSE" => false,
            other => {
                self.push(
                    Problem::new(position(f), format!("`{name}` must be true or false"))
                        .found(other.to_string()),
                );
                false
            }
        }
    }

    /// An amount of money: a plain, non-negative number.
    fn amount(&mut self, text: String, f: &Option<Field>) -> Option<f64> {
        match text.trim().parse::<f64>() {
            Ok(v) if v.is_finite() && v >= 0.0 => Some(v),
            _ => {
                self.push(
                    Problem::new(
                        f.as_ref().and_then(position),
                        "`amount` must be a plain number",
                    )
                    .found(text)
                    .help("write the amount without separators or currency, e.g. 3000000"),
                );
                None
            }
        }
    }

    fn currency(&mut self, code: String, f: &Option<Field>) -> Option<String> {
        if is_currency_code(&code) {
            Some(code)
        } else {
            self.push(
                Problem::new(
                    f.as_ref().and_then(position),
                    "`currency` must be a three-letter ISO 4217 code",
                )
                .found(code)
                .help("e.g. GBP, EUR, USD"),
            );
            None
        }
    }

    fn timestamp(&mut self, f: &Option<Field>) -> Option<DateTime<Utc>> {
        let f = f.as_ref()?;
        match DateTime::parse_from_rfc3339(f.value.0.trim()) {
            Ok(t) => Some(t.with_timezone(&Utc)),
            Err(_) => {
                self.push(
                    Problem::new(position(f), "`recorded_at` is not a timestamp")
                        .found(f.value.0.clone())
                        .help("use RFC 3339 in UTC, e.g. 2025-04-01T09:30:00Z"),
                );
                None
            }
        }
    }

    fn list(&mut self, items: &Option<Vec<Field>>, name: &str) -> Vec<String> {
        let items = items.iter().flatten();
        items
            .filter(|f| !self.null_entry(f, name))
            .filter_map(non_blank)
            .collect()
    }
}

/// A field's text, unless it is blank.
fn non_blank(f: &Field) -> Option<String> {
    (!f.value.0.trim().is_empty()).then(|| f.value.0.clone())
}

pub fn validate(file: LedgerFile) -> Result<Ledger, Vec<Problem>> {
    validate_with(file, true)
}

/// `validate` without the checks across records of parents, for a file holding only some of
/// a ledger's records.
pub fn validate_records(file: LedgerFile) -> Result<Ledger, Vec<Problem>> {
    validate_with(file, false)
}

fn validate_with(file: LedgerFile, check_links: bool) -> Result<Ledger, Vec<Problem>> {
    let mut c = Checker::default();
    let (title, language, vocabulary) = head(&mut c, &file);
    let mut commitments = Vec::new();
    let mut ids: HashMap<String, Option<Position>> = HashMap::new();
    let mut uuids: HashMap<Uuid, String> = HashMap::new();
    for raw in file.commitments.iter().flatten() {
        let Some(commitment) = commitment(&mut c, raw, &vocabulary) else {
            continue;
        };
        if let Some(first) = ids.get(&commitment.id) {
            let at = raw.value.id.as_ref().and_then(position);
            let earlier = first.as_ref().map_or(String::new(), |p| {
                format!(" (first used on line {})", p.line)
            });
            c.push(
                Problem::new(
                    at,
                    format!("the id `{}` is used twice{earlier}", commitment.id),
                )
                .found(commitment.id.clone())
                .help("every commitment needs its own id; rename one of them"),
            );
        } else {
            ids.insert(
                commitment.id.clone(),
                raw.value.id.as_ref().and_then(position),
            );
        }
        if let Some(u) = commitment.uuid {
            if let Some(other) = uuids.get(&u) {
                c.push(
                    Problem::new(
                        raw.value.uuid.as_ref().and_then(position),
                        format!("the UUID {u} is also the UUID of `{other}`"),
                    )
                    .help("UUIDs must be unique; delete this `uuid:` line and the next write assigns none, or give a new one"),
                );
            } else {
                uuids.insert(u, commitment.id.clone());
            }
        }
        commitments.push(commitment);
    }
    // Links between records can only be judged once every record has been read well.
    if check_links && c.problems.is_empty() {
        links(&mut c, &file, &commitments);
    }
    if c.problems.is_empty() {
        Ok(Ledger {
            title,
            language,
            vocabulary,
            commitments,
        })
    } else {
        c.problems.sort_by(|a, b| a.at.cmp(&b.at));
        Err(c.problems)
    }
}

/// Unknown parents and cycles of parents, at the `parent:` that names them.
fn links(c: &mut Checker, file: &LedgerFile, commitments: &[Commitment]) {
    let raws: Vec<&Spanned<CommitmentFile>> = file.commitments.iter().flatten().collect();
    let at = |i: usize| {
        raws.get(i)
            .and_then(|r| r.value.parent.as_ref())
            .and_then(position)
    };
    for e in link_errors(commitments) {
        match e {
            LinkError::Unknown { child, parent } => {
                let ids = commitments.iter().map(|c| c.id.as_str());
                let help = match crate::model::spelling::closest(&parent, ids) {
                    Some(id) => format!("did you mean `{id}`? A parent must be the id of another commitment in this file"),
                    None => "a parent must be the id of another commitment in this file; add that commitment first, or remove `parent:`".to_string(),
                };
                c.push(
                    Problem::new(
                        at(child),
                        format!(
                            "no commitment has the id `{parent}`, named as the parent of `{}`",
                            commitments[child].id
                        ),
                    )
                    .found(parent)
                    .help(help),
                );
            }
            LinkError::Cycle { start, ids } => {
                c.push(
                    Problem::new(
                        at(start),
                        format!("these commitments are each other's parents, in a circle: {}", ids.join(" → ")),
                    )
                    .found(commitments[start].parent.clone().unwrap_or_default())
                    .help("a child serves a parent that is wider than it; remove or change one of these `parent:` lines"),
                );
            }
        }
    }
}

/// Everything but the records: the format version, the title and the status vocabulary.
fn head(c: &mut Checker, file: &LedgerFile) -> (Option<String>, Language, Vocabulary) {
    if let Some(v) = &file.version
        && v.value.0.trim() != FORMAT_VERSION.to_string()
    {
        c.push(
            Problem::new(
                position(v),
                "this version of the file format is not supported",
            )
            .found(v.value.0.clone())
            .help(format!("this program reads `version: {FORMAT_VERSION}`")),
        );
    }
    let title = c.text(&file.title);
    let language = match &file.language {
        Some(f) if !f.value.is_null() => match f.value.0.parse::<Language>() {
            Ok(l) => l,
            Err(_) => {
                c.push(
                    Problem::new(
                        position(f),
                        "reports are not written in this language",
                    )
                    .found(f.value.0.clone())
                    .help(
                        "write `language: en` (English), `language: fr` (français) or `language: de` (Deutsch), or remove the line for English",
                    ),
                );
                Language::default()
            }
        },
        _ => Language::default(),
    };
    let mut vocabulary = match &file.statuses {
        Some(list) => vocabulary(c, list),
        None => Vocabulary::default(),
    };
    vocabulary.speak(language);
    (title, language, vocabulary)
}

/// `labels:` or `descriptions:` of a status: each language given, with a text.
fn per_language(
    c: &mut Checker,
    raw: &Option<Spanned<PerLanguageFile>>,
    name: &str,
) -> Vec<(Language, String)> {
    let Some(raw) = raw else { return Vec::new() };
    let mut out = Vec::new();
    for (language, f) in raw.value.each() {
        let field = format!("{name}: {language}");
        if c.null_as(
            f,
            &format!("`{field}` has no value"),
            &format!(
                "give the {} text, or remove the line",
                language.english_name()
            ),
            language.code(),
        ) {
            continue;
        }
        match non_blank(f) {
            Some(t) => out.push((language, t)),
            None => c.push(
                Problem::new(position(f), format!("`{field}` is blank")).help(format!(
                    "give the {} text, or remove the line",
                    language.english_name()
                )),
            ),
        }
    }
    if raw.value.each().next().is_none() {
        c.push(
            Problem::new(position(raw), format!("`{name}:` gives no language"))
                .help("give en, fr or de, e.g. `{fr: En cours, de: In Arbeit}`, or remove it"),
        );
    }
    out
}

/// The part of a file outside its records, on its own: the title and the vocabulary, or None
/// if it has any problem. With `record`, for a reader that checks each record as it reads it.
/// `validate` must give the same ledger from the same parts, and does, since it is built
/// from the same two functions.
pub(super) fn header(file: &LedgerFile) -> Option<(Option<String>, Language, Vocabulary)> {
    let mut c = Checker::default();
    let head = head(&mut c, file);
    c.problems.is_empty().then_some(head)
}

/// One record on its own, or None if it has any problem. Whether ids and UUIDs are unique
/// across records is the caller's to check.
pub(super) fn record(raw: &Spanned<CommitmentFile>, vocabulary: &Vocabulary) -> Option<Commitment> {
    let mut c = Checker::default();
    let commitment = commitment(&mut c, raw, vocabulary);
    if c.problems.is_empty() {
        commitment
    } else {
        None
    }
}

fn vocabulary(c: &mut Checker, list: &[Spanned<StatusFile>]) -> Vocabulary {
    let mut defs = Vec::new();
    let mut seen = HashSet::new();
    for raw in list {
        let s = &raw.value;
        let Some(key) = c.required(&s.key, "key", raw, "this status") else {
            continue;
        };
        if !is_slug(&key) {
            c.push(
                Problem::new(
                    s.key.as_ref().and_then(position),
                    "a status key must be a slug",
                )
                .found(key.clone())
                .help("use lowercase letters, digits and hyphens, e.g. in-progress"),
            );
        }
        if !seen.insert(key.clone()) {
            c.push(
                Problem::new(
                    s.key.as_ref().and_then(position),
                    format!("the status `{key}` is defined twice"),
                )
                .found(key.clone()),
            );
        }
        let score = match &s.score {
            None => 0.0,
            Some(f) => match f.value.0.trim().parse::<f64>() {
                Ok(v) if v.is_finite() => v,
                _ => {
                    c.push(
                        Problem::new(position(f), "`score` must be a number")
                            .found(f.value.0.clone())
                            .help("e.g. 0, 0.5 or 1"),
                    );
                    0.0
                }
            },
        };
        let closed = c.bool(&s.closed, "closed");
        let labels = per_language(c, &s.labels, "labels");
        let descriptions = per_language(c, &s.descriptions, "descriptions");
        // `label:` stands for the languages `labels:` leaves out; without it, English's.
        let label = c.text(&s.label);
        let english = |t: &[(Language, String)]| {
            t.iter()
                .find(|(l, _)| *l == Language::En)
                .map(|(_, t)| t.clone())
        };
        let mut def = StatusDef::new(
            &key,
            &label
                .clone()
                .or_else(|| english(&labels))
                .unwrap_or_else(|| key.clone()),
            score,
            closed,
            &c.text(&s.description)
                .or_else(|| english(&descriptions))
                .unwrap_or_default(),
        );
        def.labels = with_default(labels, &def.label);
        def.descriptions = with_default(descriptions, &def.description);
        defs.push(def);
    }
    if defs.is_empty() {
        c.push(
            Problem::new(None, "`statuses:` is given but defines no status")
                .help("remove `statuses:` to use the default scale, or list at least one status"),
        );
        return Vocabulary::default();
    }
    Vocabulary::new(defs)
}

/// The texts per language, with `default` for each language not given (so that switching
/// language falls back to the file's own `label:`, not to another language's).
fn with_default(mut given: Vec<(Language, String)>, default: &str) -> Vec<(Language, String)> {
    if given.is_empty() {
        return given;
    }
    for l in Language::ALL {
        if !given.iter().any(|(g, _)| *g == l) {
            given.push((l, default.to_string()));
        }
    }
    given.sort_by_key(|(l, _)| *l);
    given
}

fn commitment(
    c: &mut Checker,
    raw: &Spanned<CommitmentFile>,
    vocabulary: &Vocabulary,
) -> Option<Commitment> {
    let r = &raw.value;
    let id = c.required(&r.id, "id", raw, "a commitment");
    if let (Some(id), Some(f)) = (&id, &r.id)
        && !is_slug(id)
    {
        c.push(
            Problem::new(position(f), "an id must be a short slug")
                .found(id.clone())
                .help("use lowercase letters, digits and single hyphens, e.g. fr-mobile-unit"),
        );
    }
    let what = match &id {
        Some(id) => format!("commitment `{id}`"),
        None => "a commitment".to_string(),
    };
    let uuid = r.uuid.as_ref().and_then(|f| match Uuid::parse_str(f.value.0.trim()) {
        Ok(u) => Some(u),
        Err(_) => {
            c.push(
                Problem::new(position(f), "`uuid` is not a UUID")
                    .found(f.value.0.clone())
                    .help("a UUID looks like 3f2b8c1e-9d4a-4e6b-8f0a-2c5d7e9b1a34; or delete the line"),
            );
            None
        }
    });
    let title = c.required(&r.title, "title", raw, &what);
    let owner = c.required(&r.owner, "owner", raw, &what);
    let parent = c.text(&r.parent).map(|p| p.trim().to_string());
    if let (Some(p), Some(f)) = (&parent, &r.parent)
        && !is_slug(p)
    {
        c.push(
            Problem::new(position(f), "`parent` must be the id of another commitment")
                .found(p.clone())
                .help("an id is a short slug: lowercase letters, digits and single hyphens"),
        );
    }
    let weight = r
        .weight
        .as_ref()
        .and_then(|f| match f.value.0.trim().parse::<f64>() {
            Ok(w) if w.is_finite() && w >= 0.0 => Some(w),
            _ => {
                c.push(
                    Problem::new(position(f), "`weight` must be a number of zero or more")
                        .found(f.value.0.clone())
                        .help("e.g. 1 (the default), 2 to count a child twice, 0.5 for half"),
                );
                None
            }
        });
    let made = match &r.made {
        None => {
            c.push(
                Problem::new(position(raw), format!("{what} has no `made` date"))
                    .help("add `made: YYYY-MM-DD`, the day the commitment was announced"),
            );
            None
        }
        some => c.date(some, "made"),
    };
    let due = c.date(&r.due, "due");
    if let (Some(m), Some(d), Some(f)) = (made, due, &r.due)
        && d < m
    {
        c.push(
            Problem::new(position(f), format!("`due` ({d}) is before `made` ({m})"))
                .found(f.value.0.clone()),
        );
    }
    let funding = r.funding.as_ref().and_then(|f| funding(c, f));
    let source = r.source.as_ref().and_then(|s| source(c, s));
    let mut evidence = Vec::new();
    let mut evidence_ids = HashSet::new();
    for e in r.evidence.iter().flatten() {
        if let Some(e2) = evidence_entry(c, e) {
            if !evidence_ids.insert(e2.id.clone()) {
                c.push(
                    Problem::new(
                        e.value.id.as_ref().and_then(position),
                        format!("the evidence id `{}` is used twice in {what}", e2.id),
                    )
                    .found(e2.id.clone())
                    .help("evidence ids must be unique within a commitment"),
                );
            }
            evidence.push(e2);
        }
    }
    let mut history = Vec::new();
    for e in r.history.iter().flatten() {
        if let Some(ev) = event(c, e, vocabulary, &evidence_ids, source.is_some(), made) {
            history.push(ev);
        }
    }
    if r.history.as_ref().is_none_or(Vec::is_empty) {
        c.push(
            Problem::new(position(raw), format!("{what} has no history, so it has no status"))
                .help(format!(
                    "add `history:` with a first event: `- date: <made>`, `status: {}`, `evidence: [source]`",
                    vocabulary.initial().key
                )),
        );
    }
    let funding_history = funding_history(c, r, &evidence_ids, source.is_some(), made, &funding);
    let gaps = r.gaps.iter().flatten().filter_map(|g| gap(c, g)).collect();
    let corrections = corrections::check(c, r, &evidence_ids);
    let retired = corrections::retired(c, r);
    let retractions = corrections::retractions(c, r, &history, &evidence_ids);
    // Before any `?` below, so that their problems are reported too.
    let partners = c.list(&r.partners, "partners");
    let tags = c.list(&r.tags, "tags");
    let extra = r
        .extra
        .as_ref()
        .map(|e| extra_fields(c, e))
        .unwrap_or_default();
    Some(Commitment {
        id: id?,
        uuid,
        title: title?,
        owner: owner?,
        parent,
        weight,
        partners,
        made: made?,
        due,
        tags,
        funding,
        funding_history,
        source,
        evidence,
        history,
        gaps,
        description: c.text(&r.description),
        notes: c.text(&r.notes),
        extra,
        corrections,
        retired,
        retractions,
    })
}

/// The team's own fields: any name that says something, each value kept as written.
fn extra_fields(c: &mut Checker, raw: &Spanned<super::file::ExtraFile>) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (name, value) in &raw.value.0 {
        if name.trim().is_empty() {
            c.push(
                Problem::new(position(value), "a field under `extra` has no name")
                    .help("write `name: value`, e.g. `archive_url: https://...`"),
            );
            continue;
        }
        if c.null(value, name) {
            continue;
        }
        out.push((name.clone(), value.value.0.clone()));
    }
    out
}

fn funding(c: &mut Checker, raw: &Spanned<FundingFile>) -> Option<Funding> {
    let f = &raw.value;
    let amount = c.required(&f.amount, "amount", raw, "`funding`");
    let currency = c.required(&f.currency, "currency", raw, "`funding`");
    let amount = amount.and_then(|a| c.amount(a, &f.amount));
    let currency = currency.and_then(|cur| c.currency(cur, &f.currency));
    Some(Funding {
        amount: amount?,
        currency: currency?,
    })
}

fn source(c: &mut Checker, raw: &Spanned<SourceFile>) -> Option<Source> {
    let s = &raw.value;
    let title = c.required(&s.title, "title", raw, "`source`");
    let date = c.date(&s.date, "date");
    let url = c.url(&s.url, "url");
    Some(Source {
        title: title?,
        publisher: c.text(&s.publisher),
        date,
        url,
        locator: c.text(&s.locator),
        quote: c.text(&s.quote),
    })
}

fn evidence_entry(c: &mut Checker, raw: &Spanned<EvidenceFile>) -> Option<Evidence> {
    let e = &raw.value;
    let id = c.required(&e.id, "id", raw, "an evidence entry");
    if let (Some(id), Some(f)) = (&id, &e.id) {
        if id == SOURCE_REF {
            c.push(
                Problem::new(
                    position(f),
                    "`source` is reserved: events cite it to mean the commitment's source document",
                )
                .found(id.clone())
                .help("choose another id for this evidence entry"),
            );
        } else if !is_slug(id) {
            c.push(
                Problem::new(position(f), "an evidence id must be a short slug")
                    .found(id.clone())
                    .help("use lowercase letters, digits and single hyphens, e.g. home-office-2025-03-31"),
            );
        }
    }
    let title = c.required(&e.title, "title", raw, "an evidence entry");
    let url = match &e.url {
        None => {
            c.push(
                Problem::new(position(raw), "an evidence entry has no `url`")
                    .help("add `url:` with the http(s) address of the source"),
            );
            None
        }
        some => c.url(some, "url"),
    };
    let published = c.date(&e.published, "published");
    let accessed = c.date(&e.accessed, "accessed");
    let kind = e.kind.as_ref().and_then(|f| {
        let k = EvidenceKind::parse(f.value.0.trim());
        if k.is_none() {
            c.push(
                Problem::new(position(f), "unknown evidence kind")
                    .found(f.value.0.clone())
                    .help(format!("one of: {}", EvidenceKind::keys())),
            );
        }
        k
    });
    Some(Evidence {
        id: id?,
        title: title?,
        publisher: c.text(&e.publisher),
        url: url?,
        published,
        accessed,
        kind,
        quote: c.text(&e.quote),
    })
}

fn gap(c: &mut Checker, raw: &Spanned<GapFile>) -> Option<Gap> {
    let g = &raw.value;
    let note = c.required(&g.note, "note", raw, "a gap");
    let checked = c.date(&g.checked, "checked");
    Some(Gap {
        note: note?,
        checked,
    })
}
