//! A fast reader for the shape ledger files nearly always have, used before the general one.
//!
//! Profiling a 75 MB ledger of 10,000 commitments showed the general YAML parser alone at
//! about 1 s, and serde-saphyr with spans at 2.5 s, against a budget of 1 s for `report`.
//! Most of that work answers questions a ledger never asks (anchors, tags, multi-line
//! scalars, flow nesting, ...). This module reads the common subset directly: block mappings
//! and sequences, single-line plain, quoted and flow scalars, comments. On anything else it
//! gives up, and the caller uses the general parser instead — for one record if the oddity is
//! inside a record, for the whole file otherwise — so it changes speed, never meaning:
//!
//! - The file is cut into records at the lines that start an item of the top-level
//!   `commitments:` list (`- ` at the list's indentation). The general parser agrees that
//!   such a line always starts an item: a multi-line scalar or flow collection cannot
//!   contain a line that is indented no deeper than the list (it reports an indentation
//!   error), and a record cut in the middle of a quoted or flow scalar leaves that scalar
//!   unterminated, which neither reader accepts.
//! - A record is read here only if every value in it is complete on its line; a plain
//!   scalar is taken as its characters, as the general reader gives them when asked for text
//!   (`1.50`, `007`, `TRUE` stay as written), or as null (`~`, `null`, empty); one that starts
//!   with an indicator hands the record over.
//! - The part of the file outside the records (version, title, statuses, comments) is small
//!   and always read by the general parser.
//! - Positions are not tracked: when the result has any problem the caller reads the whole
//!   file again with the general parser, so messages and their line numbers are unchanged.
//!
//! `store::differential` (unit tests) compares the two readers on generated, shipped, fixture
//! and mutated files (proptest; `PROPTEST_CASES=200000` for a long run).
//!
//! Longer than 400 lines on purpose: one reader of the usual shape of the file (the outline of
//! records, then each record and its scalars), whose parts make sense only together.

use std::borrow::Cow;
use std::fmt;
use std::ops::Range;

use serde::Deserialize;
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::Spanned;

use super::file::CommitmentFile;

/// Where the records are in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outline {
    /// Column of the `- ` that starts each record.
    pub indent: usize,
    /// The records in file order.
    pub records: Vec<RecordSpan>,
    /// Where the list of records starts and ends; text outside it is the header and tail.
    pub region: Range<usize>,
    /// The file's line ending, so that text spliced in matches it.
    pub crlf: bool,
}

/// One record's bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordSpan {
    /// From the start of the `- ` line to the end of the record's last line that is not blank
    /// or a comment, line ending included. Comments and blank lines after that belong to the
    /// space between records (they usually introduce the next one).
    pub content: Range<usize>,
    /// Up to where the next record (or the end of the list) starts.
    pub end: usize,
}

/// Lines of `text` from byte `from`: each with its start offset, its text without the line
/// ending, and the offset after its line ending.
fn lines(text: &str, from: usize) -> impl Iterator<Item = (usize, &str, usize)> {
    let mut pos = from;
    std::iter::from_fn(move || {
        if pos >= text.len() {
            return None;
        }
        let rest = &text[pos..];
        let (line, next) = match memchr::memchr(b'\n', rest.as_bytes()) {
            Some(i) => (&rest[..i], pos + i + 1),
            None => (rest, text.len()),
        };
        let start = pos;
        pos = next;
        Some((start, line.strip_suffix('\r').unwrap_or(line), next))
    })
}

fn line_end(text: &str, start: usize) -> usize {
    text[start..]
        .find('\n')
        .map_or(text.len(), |i| start + i + 1)
}

/// Blank or a comment: carries no content.
fn is_trivia(line: &str) -> bool {
    let t = line.trim_start_matches(' ');
    t.is_empty() || t.starts_with('#')
}

fn indent_of(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

/// Whether a line (after its indentation) starts a block sequence item.
fn is_dash(content: &str) -> bool {
    content == "-" || content.starts_with("- ")
}

/// Finds the records of the top-level `commitments:` list. None when the file is not in the
/// usual shape (no such list, a flow-style list, tabs for indentation); the general parser
/// then reads it whole. Document markers and directives end the list or stay in the header,
/// which the general parser reads in any case.
pub fn outline(text: &str) -> Option<Outline> {
    let mut key_line = None;
    for (start, line, _) in lines(text, 0) {
        if let Some(rest) = line.strip_prefix("commitments:") {
            let rest = rest.trim_start_matches(' ');
            if !(rest.is_empty() || rest.starts_with('#')) {
                return None;
            }
            key_line = Some(start);
            break;
        }
    }
    let key_line = key_line?;
    let crlf = text[..line_end(text, key_line)].ends_with("\r\n");
    let after_key = line_end(text, key_line);
    let mut indent = None;
    let mut records: Vec<RecordSpan> = Vec::new();
    let mut region_start = None;
    let mut region_end = text.len();
    let mut last_content_end = after_key;
    for (start, line, next) in lines(text, after_key) {
        // A tab where indentation would be is an error, or a meaning this cut cannot see.
        if line.trim_start_matches(' ').starts_with('\t') {
            return None;
        }
        if is_trivia(line) {
            continue;
        }
        let i = indent_of(line);
        let content = &line[i..];
        match indent {
            None => {
                if !is_dash(content) {
                    return None; // `commitments:` has no block list under it
                }
                indent = Some(i);
                region_start = Some(start);
            }
            Some(k) if i < k || (i == k && !is_dash(content)) => {
                region_end = start;
                break;
            }
            Some(_) => {}
        }
        if Some(i) == indent && is_dash(content) {
            if let Some(last) = records.last_mut() {
                last.content.end = last_content_end;
                last.end = start;
            }
            records.push(RecordSpan {
                content: start..start,
                end: start,
            });
        }
        last_content_end = next;
    }
    let last = records.last_mut()?;
    last.content.end = last_content_end.min(region_end);
    last.end = region_end;
    Some(Outline {
        indent: indent?,
        records,
        region: region_start?..region_end,
        crlf,
    })
}

/// Reads one record's text (as cut by `outline`), or None to leave it to the general parser.
pub fn record(text: &str) -> Option<Spanned<CommitmentFile>> {
    if !printable(text) {
        return None;
    }
    let mut r = Reader::new(text);
    let node = r.block(0, 0)?;
    if r.peek().is_some() {
        return None;
    }
    let Node::Seq(mut items) = node else {
        return None;
    };
    if items.len() != 1 {
        return None;
    }
    let item = items.pop()?;
    Spanned::<CommitmentFile>::deserialize(NodeDe(item)).ok()
}

/// `f` applied to every record, on two threads for a long list; None if it gives None for
/// any record. Records are independent, the machines this runs on have at least two cores,
/// and the join costs microseconds.
pub fn each_record<T: Send>(
    outline: &Outline,
    f: impl Fn(&RecordSpan) -> Option<T> + Sync,
) -> Option<Vec<T>> {
    let read = |spans: &[RecordSpan]| -> Option<Vec<T>> { spans.iter().map(&f).collect() };
    let (first, second) = outline.records.split_at(outline.records.len() / 2);
    let (a, b) = if outline.records.len() >= 64 {
        std::thread::scope(|s| {
            let other = s.spawn(|| read(second));
            let a = read(first);
            (a, other.join().ok().flatten())
        })
    } else {
        (read(first), read(second))
    };
    let mut all = a?;
    all.extend(b?);
    Some(all)
}

/// The text outside the records: everything before the first and after the last.
pub fn head(text: &str, outline: &Outline) -> String {
    let mut head = String::with_capacity(outline.region.start + text.len() - outline.region.end);
    head.push_str(&text[..outline.region.start]);
    head.push_str(&text[outline.region.end..]);
    head
}

/// Characters YAML does not allow in a file, and line separators other than `\n` and `\r\n`,
/// are left to the general parser, which reports or interprets them.
fn printable(text: &str) -> bool {
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        // Eight bytes at a time while they are all printable ASCII (0x20..0x7e), which is
        // nearly all of a ledger.
        while let Some(chunk) = b.get(i..i + 8) {
            let w = u64::from_le_bytes(chunk.try_into().unwrap_or_default());
            let low = w.wrapping_sub(0x2020_2020_2020_2020) & !w; // a byte below 0x20
            let high = w | w.wrapping_add(0x0101_0101_0101_0101); // 0x7f or above
            if (low | high) & 0x8080_8080_8080_8080 != 0 {
                break;
            }
            i += 8;
        }
        let Some(&c) = b.get(i) else { break };
        match c {
            b'\t' | b'\n' => {}
            b'\r' if b.get(i + 1) != Some(&b'\n') => return false,
            b'\r' => {}
            0..=0x1f | 0x7f => return false,
            // C1 controls, NEL: U+0080..U+009F.
            0xc2 if matches!(b.get(i + 1), Some(0x80..=0x9f)) => return false,
            // U+2028, U+2029 (line and paragraph separators).
            0xe2 if b.get(i + 1) == Some(&0x80) && matches!(b.get(i + 2), Some(0xa8 | 0xa9)) => {
                return false;
            }
            // U+FEFF (byte-order mark), U+FFFE, U+FFFF.
            0xef if (b.get(i + 1) == Some(&0xbb) && b.get(i + 2) == Some(&0xbf))
                || (b.get(i + 1) == Some(&0xbf) && matches!(b.get(i + 2), Some(0xbe | 0xbf))) =>
            {
                return false;
            }
            _ => {}
        }
        i += 1;
    }
    true
}

/// A value as read.
#[derive(Debug, Clone, PartialEq)]
enum Node<'a> {
    Null,
    Str(Cow<'a, str>),
    Seq(Vec<Node<'a>>),
    Map(Vec<(&'a str, Node<'a>)>),
}

/// Nesting deeper than any ledger needs is left to the general parser and its limits.
const MAX_DEPTH: usize = 12;

struct Reader<'a> {
    text: &'a str,
    pos: usize,
    /// The line `peek` last found and the position it was asked from: each line is looked
    /// at several times (is it deeper? a key? a dash?) but scanned once.
    peeked: Option<(usize, Option<Line<'a>>)>,
}

/// A line with content: its indentation and the text after it (line ending removed).
#[derive(Clone, Copy)]
struct Line<'a> {
    indent: usize,
    content: &'a str,
    next: usize,
}

impl<'a> Reader<'a> {
    fn new(text: &'a str) -> Self {
        Reader {
            text,
            pos: 0,
            peeked: None,
        }
    }

    /// The next line with content, skipping blank and comment lines.
    fn peek(&mut self) -> Option<Line<'a>> {
        if let Some((at, line)) = self.peeked
            && at == self.pos
        {
            return line;
        }
        let from = self.pos;
        let line = self.scan();
        self.peeked = Some((from, line));
        line
    }

    fn scan(&mut self) -> Option<Line<'a>> {
        loop {
            if self.pos >= self.text.len() {
                return None;
            }
            let rest = &self.text[self.pos..];
            let (raw, next) = match memchr::memchr(b'\n', rest.as_bytes()) {
                Some(i) => (&rest[..i], self.pos + i + 1),
                None => (rest, self.text.len()),
            };
            let line = raw.strip_suffix('\r').unwrap_or(raw);
            let indent = indent_of(line);
            let content = &line[indent..];
            if content.is_empty() || content.starts_with('#') {
                self.pos = next;
                continue;
            }
            return Some(Line {
                indent,
                content,
                next,
            });
        }
    }

    /// The block node that starts on the next content line, which must be indented at least
    /// `min`. Null if there is none.
    fn block(&mut self, min: usize, depth: usize) -> Option<Node<'a>> {
        if depth > MAX_DEPTH {
            return None;
        }
        let Some(line) = self.peek() else {
            return Some(Node::Null);
        };
        if line.indent < min {
            return Some(Node::Null);
        }
        if line.content.starts_with('\t') {
            return None;
        }
        if is_dash(line.content) {
            self.sequence(line.indent, depth)
        } else {
            self.mapping(line.indent, None, depth)
        }
    }

    fn sequence(&mut self, indent: usize, depth: usize) -> Option<Node<'a>> {
        let mut items = Vec::new();
        while let Some(line) = self.peek() {
            if line.indent < indent {
                break;
            }
            if line.indent > indent {
                return None;
            }
            if !is_dash(line.content) {
                break;
            }
            self.pos = line.next;
            let rest = &line.content[1..];
            let after = rest.trim_start_matches(' ');
            if after.is_empty() || after.starts_with('#') {
                if !after.is_empty() && rest.len() == after.len() {
                    return None; // `-#` is not a comment
                }
                items.push(self.block(indent + 1, depth + 1)?);
                continue;
            }
            if after.starts_with('\t') || is_dash(after) {
                return None;
            }
            let column = indent + 1 + (rest.len() - after.len());
            if key(after).is_some() {
                items.push(self.mapping(column, Some(after), depth + 1)?);
            } else {
                items.push(inline(after)?);
                self.no_continuation(indent)?;
            }
        }
        Some(Node::Seq(items))
    }

    /// A block mapping at `indent`; `first` is its first line's text when it starts after a
    /// `- ` on the line already consumed.
    fn mapping(&mut self, indent: usize, first: Option<&'a str>, depth: usize) -> Option<Node<'a>> {
        let mut entries: Vec<(&'a str, Node<'a>)> = Vec::new();
        let mut pending = first;
        loop {
            let content = match pending.take() {
                Some(c) => c,
                None => {
                    let Some(line) = self.peek() else { break };
                    if line.indent < indent {
                        break;
                    }
                    if line.indent > indent {
                        return None;
                    }
                    if is_dash(line.content) {
                        // A list at the same indentation as its parent's keys belongs to the
                        // caller; anything else here is not the usual shape.
                        break;
                    }
                    self.pos = line.next;
                    line.content
                }
            };
            let (k, rest) = key(content)?;
            if entries.iter().any(|(e, _)| *e == k) {
                return None; // duplicate key: the general parser reports it
            }
            let after = rest.trim_start_matches(' ');
            let value = if after.is_empty() || after.starts_with('#') {
                if !after.is_empty() && rest.len() == after.len() {
                    return None;
                }
                match self.peek() {
                    Some(l) if l.indent > indent => self.block(indent + 1, depth + 1)?,
                    Some(l) if l.indent == indent && is_dash(l.content) => {
                        self.sequence(indent, depth + 1)?
                    }
                    _ => Node::Null,
                }
            } else {
                if after.starts_with('\t') {
                    return None;
                }
                let v = inline(after)?;
                self.no_continuation(indent)?;
                v
            };
            entries.push((k, value));
        }
        Some(Node::Map(entries))
    }

    /// After a value complete on its line, a deeper line would continue it (a multi-line
    /// scalar) or be an error: either way, not for this reader.
    fn no_continuation(&mut self, indent: usize) -> Option<()> {
        match self.peek() {
            Some(l) if l.indent > indent => None,
            _ => Some(()),
        }
    }
}

/// `name:` followed by a space or the end of the line: the key and what follows the colon.
/// Only the simple keys a ledger uses; quoted or unusual keys go to the general parser.
fn key(content: &str) -> Option<(&str, &str)> {
    let end = content
        .bytes()
        .position(|b| !(b.is_ascii_alphanumeric() || b == b'_'))?;
    if end == 0
        || !content[..1]
            .bytes()
            .all(|b| b.is_ascii_alphabetic() || b == b'_')
    {
        return None;
    }
    let rest = content[end..].strip_prefix(':')?;
    if !(rest.is_empty() || rest.starts_with(' ')) {
        return None;
    }
    Some((&content[..end], rest))
}

/// What may follow a complete value on its line: spaces, then nothing or a comment.
fn only_comment(rest: &str) -> bool {
    let t = rest.trim_start_matches(' ');
    t.is_empty() || (t.starts_with('#') && t.len() < rest.len())
}

/// A value complete on its line (the text after `key: ` or `- `).
fn inline(s: &str) -> Option<Node<'_>> {
    match s.as_bytes()[0] {
        b'"' => {
            let (v, rest) = double_quoted(s)?;
            only_comment(rest).then_some(Node::Str(v))
        }
        b'\'' => {
            let (v, rest) = single_quoted(s)?;
            only_comment(rest).then_some(Node::Str(v))
        }
        b'[' => flow_seq(s),
        b'{' => flow_map(s),
        _ => {
            // One pass: where a comment starts, and whether the text would be a key or hold
            // a tab (both left to the general parser).
            let b = s.as_bytes();
            let mut end = b.len();
            for i in memchr::memchr3_iter(b'#', b':', b'\t', b) {
                match b[i] {
                    b'#' if i > 0 && b[i - 1] == b' ' => {
                        end = i;
                        break;
                    }
                    b':' if b.get(i + 1) == Some(&b' ') => return None,
                    b'\t' => return None,
                    _ => {}
                }
            }
            let v = s[..end].trim_end_matches(' ');
            if v.ends_with(':') {
                return None;
            }
            plain(v)
        }
    }
}

/// A plain scalar: YAML's null, or else its characters as written (numbers and booleans are
/// text to this program, as to the general reader, which is asked for text). None where it
/// starts with a character that may make it something else (an indicator such as `&`, `*`,
/// `!`, `|`, `%`, `@`), left to the general parser.
fn plain(v: &str) -> Option<Node<'_>> {
    let mut chars = v.chars();
    let first = chars.next()?;
    let starts_plain = first.is_ascii_alphanumeric()
        || !first.is_ascii()
        || (matches!(first, '-' | '+' | '.')
            && chars.next().is_some_and(|c| c.is_ascii_alphanumeric()))
        || v == "~";
    if !starts_plain {
        return None;
    }
    if matches!(v, "~" | "null" | "Null" | "NULL") {
        return Some(Node::Null);
    }
    Some(Node::Str(Cow::Borrowed(v)))
}

/// `"..."` on one line, with YAML's escapes. Returns the value and what follows it.
fn double_quoted(s: &str) -> Option<(Cow<'_, str>, &str)> {
    let body = &s[1..];
    let end = memchr::memchr2(b'"', b'\\', body.as_bytes())?;
    if body.as_bytes()[end] == b'"' {
        return Some((Cow::Borrowed(&body[..end]), &body[end + 1..]));
    }
    let mut out = String::with_capacity(body.len());
    out.push_str(&body[..end]);
    let mut rest = &body[end..];
    loop {
        let i = memchr::memchr2(b'"', b'\\', rest.as_bytes())?;
        out.push_str(&rest[..i]);
        if rest.as_bytes()[i] == b'"' {
            return Some((Cow::Owned(out), &rest[i + 1..]));
        }
        let esc = rest[i + 1..].chars().next()?;
        let mut skip = i + 1 + esc.len_utf8();
        let c = match esc {
            '0' => '\0',
            'a' => '\x07',
            'b' => '\x08',
            't' | '\t' => '\t',
            'n' => '\n',
            'v' => '\x0b',
            'f' => '\x0c',
            'r' => '\r',
            'e' => '\x1b',
            ' ' => ' ',
            '"' => '"',
            '/' => '/',
            '\\' => '\\',
            'N' => '\u{85}',
            '_' => '\u{a0}',
            'L' => '\u{2028}',
            'P' => '\u{2029}',
            'x' | 'u' | 'U' => {
                let n = match esc {
                    'x' => 2,
                    'u' => 4,
                    _ => 8,
                };
                let hex = rest.get(skip..skip + n)?;
                if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
                    return None;
                }
                skip += n;
                char::from_u32(u32::from_str_radix(hex, 16).ok()?)?
            }
            _ => return None,
        };
        out.push(c);
        rest = &rest[skip..];
    }
}

/// `'...'` on one line; `''` is a quote.
fn single_quoted(s: &str) -> Option<(Cow<'_, str>, &str)> {
    let body = &s[1..];
    let mut out: Option<String> = None;
    let mut from = 0;
    loop {
        let i = from + memchr::memchr(b'\'', &body.as_bytes()[from..])?;
        if body.as_bytes().get(i + 1) == Some(&b'\'') {
            out.get_or_insert_with(String::new)
                .push_str(&body[from..=i]);
            from = i + 2;
            continue;
        }
        let value = match out {
            None => Cow::Borrowed(&body[..i]),
            Some(mut o) => {
                o.push_str(&body[from..i]);
                Cow::Owned(o)
            }
        };
        return Some((value, &body[i + 1..]));
    }
}

/// A flow-style scalar inside `[...]` or `{...}`: quoted, or plain up to `,`, `]` or `}`.
/// Returns the value and the rest after it, spaces skipped.
fn flow_scalar(s: &str) -> Option<(Node<'_>, &str)> {
    let (node, rest) = match s.as_bytes().first()? {
        b'"' => {
            let (v, r) = double_quoted(s)?;
            (Node::Str(v), r)
        }
        b'\'' => {
            let (v, r) = single_quoted(s)?;
            (Node::Str(v), r)
        }
        _ => {
            let end = s
                .find([',', ']', '}', '[', '{', '#', ':', '"', '\''])
                .unwrap_or(s.len());
            let v = s[..end].trim_end_matches(' ');
            if v.is_empty() || v.contains('\t') {
                return None;
            }
            (plain(v)?, &s[end..])
        }
    };
    Some((node, rest.trim_start_matches(' ')))
}

fn flow_seq(s: &str) -> Option<Node<'_>> {
    let mut rest = s[1..].trim_start_matches(' ');
    let mut items = Vec::new();
    if let Some(r) = rest.strip_prefix(']') {
        return only_comment(r).then_some(Node::Seq(items));
    }
    loop {
        let (item, r) = flow_scalar(rest)?;
        items.push(item);
        if let Some(r) = r.strip_prefix(',') {
            rest = r.trim_start_matches(' ');
            if rest.starts_with([']', ',']) {
                return None;
            }
        } else {
            let r = r.strip_prefix(']')?;
            return only_comment(r).then_some(Node::Seq(items));
        }
    }
}

fn flow_map(s: &str) -> Option<Node<'_>> {
    let mut rest = s[1..].trim_start_matches(' ');
    let mut entries: Vec<(&str, Node<'_>)> = Vec::new();
    if let Some(r) = rest.strip_prefix('}') {
        return only_comment(r).then_some(Node::Map(entries));
    }
    loop {
        let (k, r) = key(rest)?;
        if entries.iter().any(|(e, _)| *e == k) {
            return None;
        }
        let (value, r) = flow_scalar(r.trim_start_matches(' '))?;
        entries.push((k, value));
        if let Some(r) = r.strip_prefix(',') {
            rest = r.trim_start_matches(' ');
            if rest.starts_with(['}', ',']) {
                return None;
            }
        } else {
            let r = r.strip_prefix('}')?;
            return only_comment(r).then_some(Node::Map(entries));
        }
    }
}

/// Why a value did not fit the file's types; never shown, since the general parser then
/// reads the record and gives its own message.
#[derive(Debug)]
struct Mismatch;

impl fmt::Display for Mismatch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("not in the fast reader's subset")
    }
}

impl std::error::Error for Mismatch {}

impl de::Error for Mismatch {
    fn custom<T: fmt::Display>(_: T) -> Self {
        Mismatch
    }
}

/// Feeds a node to the same `Deserialize` impls the general parser feeds, so that unknown
/// fields, repeated fields and wrong shapes are judged by the same code.
struct NodeDe<'a>(Node<'a>);

impl<'de> Deserializer<'de> for NodeDe<'de> {
    type Error = Mismatch;

    fn deserialize_any<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Mismatch> {
        match self.0 {
            Node::Null => v.visit_unit(),
            Node::Str(Cow::Borrowed(s)) => v.visit_borrowed_str(s),
            Node::Str(Cow::Owned(s)) => v.visit_string(s),
            Node::Seq(items) => v.visit_seq(Items(items.into_iter())),
            Node::Map(entries) => v.visit_map(Entries {
                entries: entries.into_iter(),
                value: None,
            }),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Mismatch> {
        match self.0 {
            Node::Null => v.visit_none(),
            _ => v.visit_some(self),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        v: V,
    ) -> Result<V::Value, Mismatch> {
        v.visit_newtype_struct(self)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct seq tuple
        tuple_struct map struct enum identifier ignored_any
    }
}

struct Items<'a>(std::vec::IntoIter<Node<'a>>);

impl<'de> SeqAccess<'de> for Items<'de> {
    type Error = Mismatch;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Mismatch> {
        self.0
            .next()
            .map(|n| seed.deserialize(NodeDe(n)))
            .transpose()
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.0.len())
    }
}

struct Entries<'a> {
    entries: std::vec::IntoIter<(&'a str, Node<'a>)>,
    value: Option<Node<'a>>,
}

impl<'de> MapAccess<'de> for Entries<'de> {
    type Error = Mismatch;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Mismatch> {
        match self.entries.next() {
            None => Ok(None),
            Some((k, v)) => {
                self.value = Some(v);
                seed.deserialize(NodeDe(Node::Str(Cow::Borrowed(k))))
                    .map(Some)
            }
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Mismatch> {
        seed.deserialize(NodeDe(self.value.take().ok_or(Mismatch)?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(text: &str) -> Option<Node<'_>> {
        let mut r = Reader::new(text);
        let n = r.block(0, 0)?;
        r.peek().is_none().then_some(n)
    }

    #[test]
    fn plain_scalars_are_read_as_written_or_left_to_the_general_parser() {
        assert_eq!(plain("2025-03-31"), Some(Node::Str("2025-03-31".into())));
        assert_eq!(plain("Home Office"), Some(Node::Str("Home Office".into())));
        for written in [
            "3000000", "True", "yes", "NaN", "inf", "0127", "1e5", "0x1F", "-1", ".5", "1_000",
            "+1", "1.50", "007", ".inf",
        ] {
            assert_eq!(plain(written), Some(Node::Str(written.into())), "{written}");
        }
        for null in ["~", "null", "Null", "NULL"] {
            assert_eq!(plain(null), Some(Node::Null), "{null}");
        }
        for unsure in ["&a", "*a", "!x", "|", "@x", "%x", "`x", "- x", "-"] {
            assert_eq!(plain(unsure), None, "{unsure}");
        }
    }

    #[test]
    fn quoted_scalars() {
        assert_eq!(
            double_quoted(r#""a\"b\xE9\u00e9" # c"#).map(|(v, r)| (v.into_owned(), r)),
            Some(("a\"béé".into(), " # c"))
        );
        assert_eq!(
            single_quoted("'it''s' x").map(|(v, r)| (v.into_owned(), r)),
            Some(("it's".into(), " x"))
        );
        assert!(double_quoted("\"unterminated").is_none());
        assert!(double_quoted(r#""\q""#).is_none());
    }

    #[test]
    fn block_structure() {
        let n = one("- id: a  # c\n  tags: [x, 'y']\n  list:\n  - 1\n  m:\n    k: v\n").unwrap();
        let Node::Seq(items) = n else { panic!() };
        let Node::Map(e) = &items[0] else { panic!() };
        assert_eq!(
            e.iter().map(|(k, _)| *k).collect::<Vec<_>>(),
            ["id", "tags", "list", "m"]
        );
        assert_eq!(e[0].1, Node::Str("a".into()));
    }

    #[test]
    fn leaves_the_unusual_to_the_general_parser() {
        for text in [
            "- note: a\n    continued\n",
            "- note: \"open\n    close\"\n",
            "- note: |\n    block\n",
            "- id: &a x\n",
            "- id: *a\n",
            "- id: !!str x\n",
            "- id: a\n  id: b\n",
            "- title: a: b\n",
            "- tags: [a,\n    b]\n",
            "- \"key\": v\n",
        ] {
            assert!(one(text).is_none(), "{text:?}");
        }
    }

    #[test]
    fn outline_finds_records_and_leaves_comments_between_them() {
        let text = "version: 1\ncommitments:\n  # first\n  - id: a\n    x: 1\n\n  # second\n  - id: b\nstatuses: []\n";
        let o = outline(text).unwrap();
        assert_eq!(o.indent, 2);
        assert_eq!(o.records.len(), 2);
        assert_eq!(&text[o.records[0].content.clone()], "  - id: a\n    x: 1\n");
        assert_eq!(
            &text[o.records[0].content.end..o.records[0].end],
            "\n  # second\n"
        );
        assert_eq!(&text[o.records[1].content.clone()], "  - id: b\n");
        assert_eq!(&text[o.region.end..], "statuses: []\n");
        assert!(outline("commitments: []\n").is_none());
        assert!(outline("commitments:\n  - a\n\t- b\n").is_none());
    }
}
