//! What every report command shares: the format, where the output goes, and the flags that
//! every report shows.

use std::io::Write as _;
use std::path::PathBuf;

use crate::context::Context;
use crate::error::{Error, Result};
use crate::model::{Language, Ledger};
use crate::report::render::{Format, Report, Style, ascii, render, table};

/// The output options of the report commands: where and how (`Destination`), and the stale
/// limit their flags use.
#[derive(Debug, clap::Args)]
pub struct OutputArgs {
    #[command(flatten)]
    pub to: Destination,
    #[command(flatten)]
    pub lang: LangArg,
    /// Flag a commitment as stale when nothing in its record (evidence, source, a gap
    /// checked) is newer than DAYS days.
    #[arg(long, value_name = "DAYS", default_value_t = 180)]
    pub stale_after: u32,
}

impl OutputArgs {
    /// Renders `report` and prints it, or writes it to the -o file.
    pub fn emit(&self, ctx: &Context, report: &dyn Report) -> Result<()> {
        self.to.emit(ctx, report)
    }
}

/// Where a report goes and in which format: every reading command's -o, --format, --csv-raw,
/// --bom and --ascii (`show` too, which has no stale flag).
#[derive(Debug, clap::Args)]
pub struct Destination {
    /// table, markdown, csv, json, html, atom (changes), ics (due dates) or xlsx (a workbook,
    /// with -o) (default: from the -o file's extension, else table).
    #[arg(long, value_enum)]
    pub format: Option<Format>,
    /// Write to FILE instead of standard output. Its extension (.txt, .md, .csv, .json,
    /// .html, .atom, .ics, .xlsx) picks the format when --format is not given.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// CSV: leave cells that start with = + - @ as they are, instead of prefixing ' so that
    /// spreadsheets do not run them as formulas.
    #[arg(long)]
    pub csv_raw: bool,
    /// CSV: start with a UTF-8 byte-order mark, for Excel, which otherwise reads the file in
    /// the computer's local encoding and garbles accented letters ("communiqué").
    #[arg(long)]
    pub bom: bool,
    #[command(flatten)]
    pub ascii: AsciiArg,
}

/// `--ascii`, for every command that draws a table.
#[derive(Debug, clap::Args)]
pub struct AsciiArg {
    /// Draw tables and charts with ASCII characters only (the default when the locale is
    /// not UTF-8).
    #[arg(long = "ascii")]
    pub asked: bool,
}

/// `--lang`, for every command that writes the program's words for people.
#[derive(Debug, clap::Args)]
pub struct LangArg {
    /// The language of the report's own words (headings, columns, flags, the method)
    /// (default: the ledger's `language:`, else en).
    #[arg(long = "lang", value_enum, value_name = "LANG")]
    pub lang: Option<Language>,
}

impl LangArg {
    /// The ledger as read in the language asked for: `--lang` wins over the file's own.
    pub fn speak(&self, mut ledger: Ledger) -> Ledger {
        if let Some(l) = self.lang {
            ledger.speak(l);
        }
        ledger
    }
}

impl AsciiArg {
    /// Whether to draw with ASCII only: `--ascii`, or a locale that cannot show Unicode.
    pub fn ascii(&self) -> bool {
        ascii(self.asked)
    }
}

impl Destination {
    /// --format, else the -o extension, else a table.
    pub fn format(&self) -> Result<Format> {
        match (self.format, &self.output) {
            (Some(f), _) => Ok(f),
            (None, None) => Ok(Format::Table),
            (None, Some(path)) => Format::from_extension(path).ok_or_else(|| {
                Error::Argument(format!(
                    "cannot tell the format from the name {}; give --format table, markdown, csv, json or html, or end the name in .txt, .md, .csv, .json or .html",
                    path.display()
                ))
            }),
        }
    }

    /// Renders `report` and prints it, or writes it to the -o file.
    pub fn emit(&self, ctx: &Context, report: &dyn Report) -> Result<()> {
        let format = self.format()?;
        let style = Style {
            // A file is never a terminal: no escape codes in it.
            color: ctx.color && self.output.is_none(),
            ascii: self.ascii.ascii(),
            csv_raw: self.csv_raw,
            bom: self.bom,
        };
        if format == Format::Table && self.output.is_none() {
            return ctx.print_streamed(|out| table::write(&report.document(false), style, out));
        }
        if format == Format::Xlsx
            && let Some(path) = &self.output
        {
            self.refuse_ledger(ctx)?;
            let name = report.document(false).subtitle;
            let bytes = crate::report::render::xlsx::render(&report.sheet(), &name)?;
            crate::store::replace(path, &bytes)?;
            let _ = writeln!(std::io::stderr(), "Wrote {} (xlsx).", path.display());
            return Ok(());
        }
        let text = render(report, format, style)?;
        match &self.output {
            None => ctx.print(&text),
            Some(path) => {
                self.refuse_ledger(ctx)?;
                // Atomic, so that a half-written page is never published.
                crate::store::replace(path, text.as_bytes())?;
                let _ = writeln!(
                    std::io::stderr(),
                    "Wrote {} ({}).",
                    path.display(),
                    format.name()
                );
                Ok(())
            }
        }
    }

    /// `-o commitments.yaml --format table` would replace the ledger with a report.
    fn refuse_ledger(&self, ctx: &Context) -> Result<()> {
        let Some(path) = &self.output else {
            return Ok(());
        };
        let same = match (
            std::fs::canonicalize(path),
            std::fs::canonicalize(&ctx.file),
        ) {
            (Ok(a), Ok(b)) => a == b,
            _ => false,
        };
        if same {
            return Err(Error::Argument(format!(
                "-o {} is the ledger itself; choose another file name",
                path.display()
            )));
        }
        Ok(())
    }
}
