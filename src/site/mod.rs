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
use crate::report::render::{Format, Report, Style, atom, html, ics, render};
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
    let mut out = Written::default();
    let counted = ledger.counted_on(today, include_retired);
    let rows = status_rows(&counted, today, stale_after);
    let first = earliest(ledger).unwrap_or(today).min(today);
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

    // One bulletin per quarter, oldest first.
    let mut bulletins = Vec::new();
    for span in spans(Period::Quarterly, first, today) {
        let counted = ledger.counted_on(span.end, include_retired);
        let b = Bulletin::new(
            ledger,
            &counted,
            span.label.clone(),
            (span.start, span.end),
            None,
            Period::Quarterly,
            stale_after,
        );
        let mut doc = b.document(true);
        pages::link_rows(&mut doc, "../");
        let path = format!("bulletin/{}.html", span.label);
        write(
            dir,
            &path,
            html::page(&doc, &nav("../")).as_bytes(),
            &mut out,
        )?;
        bulletins.push((span.label, path));
    }

    let shown = DOWNLOADS.map(|(path, _)| (path, download_message(path)));
    let index = pages::index(&counted, today, &rows, stale_after, &bulletins, &shown);
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
    let pages_rows = if matches!(counted, std::borrow::Cow::Borrowed(_)) {
        &rows
    } else {
        every = status_rows(ledger, today, stale_after);
        &every
    };
    for row in pages_rows {
        let Some(c) = ledger.commitments.iter().find(|c| c.id == row.id) else {
            continue;
        };
        let doc = pages::commitment(ledger, c, row, today);
        let path = format!("c/{}.html", file_id(&c.id));
        write(
            dir,
            &path,
            html::page(&doc, &nav("../")).as_bytes(),
            &mut out,
        )?;
    }

    let method = Bulletin::new(
        ledger,
        &counted,
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

    // The data, exactly as the report commands write it.
    let style = Style::default();
    let status = StatusReport {
        ledger: &counted,
        as_of: today,
        stale_after,
        rows,
        chart_period: Period::Quarterly,
    };
    let changes = Changes::new(
        ledger,
        Window {
            since: Some(first),
            until: today,
            recorded_since: None,
        },
        stale_after,
    );
    let periods = OverTime::new(&counted, Period::Quarterly, first, today, stale_after);
    let history = History::new(&counted, Period::Quarterly, first, today, stale_after);
    let data: [(&str, &dyn Report, Format); 5] = [
        ("data/commitments.csv", &status, Format::Csv),
        ("data/commitments.json", &status, Format::Json),
        ("data/periods.csv", &periods, Format::Csv),
        ("data/history.csv", &history, Format::Csv),
        ("data/changes.csv", &changes, Format::Csv),
    ];
    for (path, report, format) in &data {
        write(
            dir,
            path,
            render(*report, *format, style)?.as_bytes(),
            &mut out,
        )?;
    }
    // The data package describes the CSV files (the JSON describes itself).
    let described: Vec<(&str, &str, crate::report::render::Sheet)> = DOWNLOADS
        .iter()
        .zip(data.iter())
        .filter(|(_, (_, _, f))| *f == Format::Csv)
        .map(|((path, what), (_, report, _))| {
            (path.trim_start_matches("data/"), *what, report.sheet())
        })
        .collect();
    let package = datapackage::package(
        &ledger.title.clone().unwrap_or_else(|| "Commitments".into()),
        &described,
    );
    write(dir, "data/datapackage.json", package.as_bytes(), &mut out)?;
    let feed = atom::render(&changes, Some("c/"));
    write(dir, "feed.atom", feed.as_bytes(), &mut out)?;
    let calendar = ics::render(&counted, &status.rows, today);
    write(dir, "due.ics", calendar.as_bytes(), &mut out)?;
    Ok(out)
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
    if std::fs::read(&full).is_ok_and(|old| old == bytes) {
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
