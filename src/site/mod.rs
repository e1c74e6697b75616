//! `commitments site DIR`: a static website that any web host (or GitHub/GitLab Pages) can
//! serve as it is, and that works opened from the disk (`file://`).
//!
//! ```text
//! DIR/index.html              status table (rows link to the pages), chart, totals, links
//! DIR/c/ID.html               one page per commitment: record, timeline, evidence, gaps
//! DIR/bulletin/2026-Q3.html   one bulletin per quarter, from the first to today's
//! DIR/method.html             the ledger's scale, the evidence standard, the flags
//! DIR/feed.atom, DIR/due.ics  what changed (Atom) and the due dates (iCalendar)
//! DIR/data/…                  the data, as CSV and JSON
//! ```
//!
//! Every page is `render::html`'s: no JavaScript, nothing loaded from elsewhere, the same
//! strict Content-Security-Policy. Links between pages are relative, so the site works from
//! any folder or address. Output depends only on the ledger and "today", and a file whose
//! bytes would not change is not written at all, so a site kept in git has clean diffs.
//!
//! Longer than 400 lines: what is made, in which order and on which thread (`Site::pages`
//! beside `Site::data`), and the write that leaves an unchanged file alone are one job; what
//! each page holds is in `pages.rs`, the data package in `datapackage.rs`.

mod datapackage;
mod pages;

use std::path::Path;

use crate::error::{Error, Result};
use crate::model::{Date, Ledger};
pub use crate::report::anchors::{anchor_id, file_id};
use crate::report::bulletin::Bulletin;
use crate::report::changes::Changes;
use crate::report::history::History;
use crate::report::over_time::OverTime;
use crate::report::period::{Period, earliest, spans};
use crate::report::render::xlsx::Columns;
use crate::report::render::{Format, Item, Report, Style, atom, csv, html, ics, render};
use crate::report::status::StatusReport;
use crate::report::status_rows;
use crate::report::window::Window;

/// What a run did: files written (new or changed) and files left as they were.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Written {
    pub written: usize,
    pub unchanged: usize,
}

/// The data downloads, with what each holds (the data package describes them so, in English),
/// and the catalogue's message that says it on the index, in the site's language.
pub const DOWNLOADS: [(&str, &str); 6] = [
    (
        "data/commitments.csv",
        "Every commitment's status today, one row each (report --format csv)",
    ),
    (
        "data/commitments.json",
        "The same with the scale, as JSON (report --format json)",
    ),
    (
        "data/periods.csv",
        "The status at the end of each quarter, one row per commitment and quarter",
    ),
    (
        "data/history.csv",
        "Status counts at the end of each quarter",
    ),
    (
        "data/changes.csv",
        "Every change, one row per change and source",
    ),
    (
        "data/datapackage.json",
        "What each CSV column holds and its type (a Frictionless Data Package)",
    ),
];

/// Builds the site for `ledger` as of `today` in `dir`. The tables, counts and data leave
/// out the commitments retired by their date unless `include_retired`; every commitment keeps
/// its page (a retired one's says when and why it was retired), and the feed and the
/// bulletins' lists of changes name each retirement.
pub fn build(
    ledger: &Ledger,
    today: Date,
    stale_after: u32,
    include_retired: bool,
    dir: &Path,
) -> Result<Written> {
    let counted = ledger.counted_on(today, include_retired);
    let rows = status_rows(&counted, today, stale_after);
    let first = earliest(ledger).unwrap_or(today).min(today);
    let site = Site {
        ledger,
        counted: &counted,
        rows: &rows,
        today,
        first,
        stale_after,
        include_retired,
        everyone_counted: matches!(counted, std::borrow::Cow::Borrowed(_)),
        dir,
    };
    // The data files and the feeds are made on a thread of their own beside the pages: they
    // are a third of the work, and made after the pages they left one of the two cores idle
    // for seconds. Each file is still written whole by one thread, so nothing in it changes.
    std::thread::scope(|s| {
        let data = s.spawn(|| site.data());
        let pages = site.pages();
        let data = data
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        let mut out = pages?;
        out.add(data?);
        Ok(out)
    })
}

/// What every part of the site is made from.
struct Site<'a> {
    ledger: &'a Ledger,
    /// The ledger without the commitments retired by today, unless they are included.
    counted: &'a Ledger,
    /// The status table today, of `counted`.
    rows: &'a [crate::report::StatusRow],
    today: Date,
    /// The earliest date of the ledger (or today).
    first: Date,
    stale_after: u32,
    include_retired: bool,
    /// Whether `counted` is the whole ledger (nothing retired, or retired ones included).
    everyone_counted: bool,
    dir: &'a Path,
}

impl Site<'_> {
    /// The bulletins, the index, a page per commitment and the method page.
    fn pages(&self) -> Result<Written> {
        let Site {
            ledger,
            counted,
            rows,
            today,
            first,
            stale_after,
            include_retired,
            everyone_counted,
            dir,
        } = *self;
        let mut out = Written::default();
        let nav = |prefix: &str| -> Vec<(String, String)> {
            [
                ("nav-status", "index.html"),
                ("nav-method", "method.html"),
                ("nav-feed", "feed.atom"),
                ("nav-calendar", "due.ics"),
            ]
            .map(|(t, href)| (crate::tr!(ledger.language, t), format!("{prefix}{href}")))
            .to_vec()
        };

        // One bulletin per quarter, oldest first. Each shows the history up to its quarter: while
        // nothing is retired by then (so the bulletin counts the whole ledger), that is cut from
        // one history to today (`History::until`) rather than counted again for each.
        let mut bulletins = Vec::new();
        let quarters = spans(Period::Quarterly, first, today);
        let start = quarters
            .first()
            .map_or(first, |q| Bulletin::start(ledger, q.start));
        let history = History::new(ledger, Period::Quarterly, start, today, stale_after);
        let bulletin = |i: usize, out: &mut Written| {
            let span = &quarters[i];
            let counted = ledger.counted_on(span.end, include_retired);
            let from = Bulletin::start(ledger, span.start);
            let shown = match &counted {
                std::borrow::Cow::Borrowed(_) => history.until(from, span.end),
                std::borrow::Cow::Owned(c) => {
                    History::new(c, Period::Quarterly, from, span.end, stale_after)
                }
            };
            let b = Bulletin::with_history(
                ledger,
                &counted,
                span.label.clone(),
                (span.start, span.end),
                None,
                stale_after,
                shown,
            );
            let mut doc = b.document(true);
            pages::link_rows(&mut doc, "../");
            let path = format!("bulletin/{}.html", span.label);
            write(dir, &path, html::page(&doc, &nav("../")).as_bytes(), out)
        };
        out.add(each_page(quarters.len(), bulletin)?);
        for span in quarters {
            let path = format!("bulletin/{}.html", span.label);
            bulletins.push((span.label, path));
        }

        let shown = DOWNLOADS.map(|(path, _)| (path, download_message(path)));
        let index = pages::index(counted, today, rows, stale_after, &bulletins, &shown);
        write(
            dir,
            "index.html",
            html::page(&index, &nav("")).as_bytes(),
            &mut out,
        )?;

        // Rows come in the table's order (each parent followed by its children), not the file's: a
        // page takes the row of its own commitment, by id. A retired commitment left out of the
        // table still has its page, which the feed and the bulletins link to.
        let every;
        let pages_rows = if everyone_counted {
            rows
        } else {
            every = status_rows(ledger, today, stale_after);
            &every
        };
        let by_id: std::collections::HashMap<&str, &crate::model::Commitment> = ledger
            .commitments
            .iter()
            .map(|c| (c.id.as_str(), c))
            .collect();
        let page = |i: usize, out: &mut Written| {
            let row = &pages_rows[i];
            let Some(c) = by_id.get(row.id.as_str()) else {
                return Ok(());
            };
            let doc = pages::commitment(ledger, c, row, today);
            let path = format!("c/{}.html", file_id(&c.id));
            write(dir, &path, html::page(&doc, &nav("../")).as_bytes(), out)
        };
        out.add(each_page(pages_rows.len(), page)?);

        let method = Bulletin::new(
            ledger,
            counted,
            today.to_string(),
            (today, today),
            None,
            Period::Quarterly,
            stale_after,
        );
        let doc = pages::method(&method);
        write(
            dir,
            "method.html",
            html::page(&doc, &nav("")).as_bytes(),
            &mut out,
        )?;
        Ok(out)
    }

    /// The data, exactly as the report commands write it, its data package, the feed and
    /// the calendar.
    fn data(&self) -> Result<Written> {
        let Site {
            ledger,
            counted,
            rows,
            today,
            first,
            stale_after,
            dir,
            ..
        } = *self;
        let mut out = Written::default();
        let style = Style::default();
        let status = StatusReport {
            ledger: counted,
            as_of: today,
            stale_after,
            rows: rows.to_vec(),
            chart_period: Period::Quarterly,
        };
        // Each table is made when its file is written and dropped after it: made all at once,
        // the tables of a large ledger took a fifth of the site's memory at its peak.
        let json = render(&status, Format::Json, style)?;
        write(dir, "data/commitments.json", json.as_bytes(), &mut out)?;
        drop(json);
        let mut described = Vec::new();
        let mut data_file = |path: &'static str, (bytes, columns): (Vec<u8>, Columns)| {
            let what = DOWNLOADS
                .iter()
                .find(|(p, _)| *p == path)
                .map_or("", |d| d.1);
            described.push((path.trim_start_matches("data/"), what, columns));
            write(dir, path, &bytes, &mut out)
        };
        {
            let sheet = status.sheet();
            data_file(
                "data/commitments.csv",
                data_csv(&sheet.headers, sheet.rows.iter())?,
            )?;
        }
        {
            // The CSVs are typed for the data package as they are written, and the two
            // largest (a row per commitment and quarter, and per change and source: 88 MB
            // and 107 MB at 10,000 commitments) are written from rows made one at a time,
            // never held as a table.
            let periods = OverTime::new(counted, Period::Quarterly, first, today, stale_after);
            data_file(
                "data/periods.csv",
                data_csv(&OverTime::sheet_headers(), periods.sheet_rows())?,
            )?;
        }
        {
            let history = History::new(counted, Period::Quarterly, first, today, stale_after);
            let sheet = history.sheet();
            data_file(
                "data/history.csv",
                data_csv(&sheet.headers, sheet.rows.iter())?,
            )?;
        }
        let changes = Changes::new(
            ledger,
            Window {
                since: Some(first),
                until: today,
                recorded_since: None,
            },
            stale_after,
        );
        data_file(
            "data/changes.csv",
            data_csv(&Changes::sheet_headers(), changes.sheet_rows())?,
        )?;
        let package = datapackage::package(
            &ledger.title.clone().unwrap_or_else(|| "Commitments".into()),
            &described,
        );
        write(dir, "data/datapackage.json", package.as_bytes(), &mut out)?;
        let feed = atom::render(&changes, Some("c/"));
        write(dir, "feed.atom", feed.as_bytes(), &mut out)?;
        let calendar = ics::render(counted, &status.rows, today);
        write(dir, "due.ics", calendar.as_bytes(), &mut out)?;
        Ok(out)
    }
}

impl Written {
    fn add(&mut self, other: Written) {
        self.written += other.written;
        self.unchanged += other.unchanged;
    }
}

/// Makes pages 0..n with `page` on two threads, each taking the next page not yet taken:
/// the pages are independent, and a large ledger has thousands (and 76 bulletins of 5 MB
/// each at 10,000 commitments). Which thread writes a page changes nothing in it. The
/// first failure is returned; a panic stays a panic.
fn each_page(n: usize, page: impl Fn(usize, &mut Written) -> Result<()> + Sync) -> Result<Written> {
    use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
    let next = AtomicUsize::new(0);
    let failed = AtomicBool::new(false);
    let work = || {
        let mut out = Written::default();
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            if i >= n || failed.load(Ordering::Relaxed) {
                return Ok(out);
            }
            if let Err(e) = page(i, &mut out) {
                failed.store(true, Ordering::Relaxed);
                return Err(e);
            }
        }
    };
    let results: Vec<Result<Written>> = std::thread::scope(|s| {
        let other = s.spawn(work);
        let mine = work();
        let theirs = other
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        vec![mine, theirs]
    });
    let mut out = Written::default();
    for r in results {
        out.add(r?);
    }
    Ok(out)
}

/// A data file's CSV, as `report --format csv` writes it, and what its columns held.
fn data_csv<R: AsRef<[Item]>>(
    headers: &[String],
    rows: impl Iterator<Item = R>,
) -> Result<(Vec<u8>, Columns)> {
    let mut columns = Columns::new(headers);
    let rows = rows.inspect(|r| columns.add(r.as_ref()));
    let bytes = csv::write(headers, rows, Style::default().csv_raw, Vec::new())?;
    Ok((bytes, columns))
}

/// The catalogue's message for what the download at `path` holds: `download-changes-csv`.
fn download_message(path: &str) -> &'static str {
    match path {
        "data/commitments.csv" => "download-commitments-csv",
        "data/commitments.json" => "download-commitments-json",
        "data/periods.csv" => "download-periods-csv",
        "data/history.csv" => "download-history-csv",
        "data/changes.csv" => "download-changes-csv",
        _ => "download-datapackage",
    }
}

/// Writes `bytes` to `dir/path` unless the file already holds exactly them.
fn write(dir: &Path, path: &str, bytes: &[u8], out: &mut Written) -> Result<()> {
    let full = dir.join(path);
    if holds(&full, bytes) {
        out.unchanged += 1;
        return Ok(());
    }
    if let Some(parent) = full.parent() {
        std::fs::create_dir_all(parent).map_err(|e| Error::io("create the folder", parent, e))?;
    }
    // A new file beside the old one, then renamed over it: a web server or a reader never
    // sees half a page. Not synced to disk one by one as the ledger is (store::replace): a
    // site is made again from the ledger at will, and 10,000 syncs took minutes.
    let tmp = full.with_extension("tmp~");
    std::fs::write(&tmp, bytes).map_err(|e| Error::io("write", &tmp, e))?;
    std::fs::rename(&tmp, &full).map_err(|e| Error::io("write", &full, e))?;
    out.written += 1;
    Ok(())
}

/// Whether the file at `path` holds exactly `bytes`: compared a megabyte at a time, so that
/// a large data file is not read whole beside the new one.
fn holds(path: &Path, bytes: &[u8]) -> bool {
    use std::io::Read;
    let Ok(mut file) = std::fs::File::open(path) else {
        return false;
    };
    if file
        .metadata()
        .map_or(true, |m| m.len() != bytes.len() as u64)
    {
        return false;
    }
    let mut buf = vec![0; (1 << 20).min(bytes.len().max(1))];
    let mut rest = bytes;
    loop {
        match file.read(&mut buf) {
            Ok(0) => return rest.is_empty(),
            Ok(n) if n <= rest.len() && buf[..n] == rest[..n] => rest = &rest[n..],
            Ok(_) | Err(_) => return false,
        }
    }
}
