//! `commitments man`: the manual page, in roff, generated from the same clap definitions as
//! `--help`, so the two say the same thing.

use std::path::PathBuf;

use clap::CommandFactory as _;

use super::Cli;
use super::completions::write_stdout;
use crate::context::Context;
use crate::error::{Error, Result};

/// Print the manual page (roff).
///
/// Read it with `commitments man | man -l -`, or install every
/// page with `commitments man --out-dir ~/.local/share/man/man1`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// A subcommand's page instead of the main one, e.g. `import`.
    command: Option<String>,
    /// Write commitments.1 and a page per subcommand (commitments-import.1, …) into this folder.
    #[arg(long, value_name = "DIR", conflicts_with = "command")]
    out_dir: Option<PathBuf>,
}

pub fn run(ctx: &Context, args: Args) -> Result<()> {
    let top = Cli::command();
    if let Some(dir) = args.out_dir {
        std::fs::create_dir_all(&dir).map_err(|e| Error::io("create", &dir, e))?;
        let mut written = Vec::new();
        for (name, command) in pages(&top) {
            let path = dir.join(format!("{name}.1"));
            std::fs::write(&path, render(command)?).map_err(|e| Error::io("write", &path, e))?;
            written.push(path.display().to_string());
        }
        return ctx.print(&format!("Wrote {}.", written.join(", ")));
    }
    let page = match args.command.as_deref() {
        None => top,
        Some(name) => top
            .get_subcommands()
            .find(|c| c.get_name() == name)
            .map(subcommand_page)
            .ok_or_else(|| {
                let names: Vec<&str> = top.get_subcommands().map(|c| c.get_name()).collect();
                Error::Argument(format!(
                    "there is no command `{name}`; the commands are: {}",
                    names.join(", ")
                ))
            })?,
    };
    write_stdout(&render(page)?)
}

/// The main page and one per subcommand, named as `man` looks them up.
fn pages(top: &clap::Command) -> Vec<(String, clap::Command)> {
    let mut pages = vec![("commitments".to_string(), top.clone())];
    for sub in top.get_subcommands() {
        pages.push((
            format!("commitments-{}", sub.get_name()),
            subcommand_page(sub),
        ));
    }
    pages
}

/// `commitments-import(1)`, whose synopsis reads `commitments import …`.
fn subcommand_page(sub: &clap::Command) -> clap::Command {
    sub.clone()
        .display_name(format!("commitments-{}", sub.get_name()))
        .bin_name(format!("commitments {}", sub.get_name()))
}

fn render(command: clap::Command) -> Result<Vec<u8>> {
    let main = command.get_name() == "commitments" && command.get_display_name().is_none();
    let mut page = Vec::new();
    clap_mangen::Man::new(command)
        .render(&mut page)
        .map_err(|e| Error::io("write", "the manual page", e))?;
    // clap_mangen renders only what clap knows; the sections a manual page is expected to have
    // beyond that go before VERSION, where man(7) puts them.
    let page = String::from_utf8_lossy(&page).into_owned();
    let extra = if main {
        [EXAMPLES, ENVIRONMENT, EXIT_STATUS, FILES].concat()
    } else {
        [EXIT_STATUS, SEE_ALSO].concat()
    };
    let page = match page.find("\n.SH VERSION") {
        Some(at) => format!("{}\n{}{}", &page[..at], extra.trim_end(), &page[at..]),
        None => format!("{page}{extra}"),
    };
    Ok(page.into_bytes())
}

// The sections below are roff: `\-` is a hyphen that `man` must not turn into a dash or
// break a line at, `.TP` a tagged paragraph, `.EX`/`.EE` an example kept as typed.

const EXAMPLES: &str = r#".SH EXAMPLES
Start a ledger in this folder and record a commitment:
.PP
.EX
commitments init
commitments add fr\-mobile\-unit \-\-title "Mobile customs unit" \-\-owner "Ministère de l'Intérieur" \-\-made 2025\-03\-31
.EE
.PP
Cite evidence, then record a change of status that rests on it:
.PP
.EX
commitments evidence fr\-mobile\-unit \-\-id decree \-\-url https://example.org/decree \-\-title "Decree of 2 May"
commitments update fr\-mobile\-unit \-\-status in\-progress \-\-evidence decree
.EE
.PP
See where every commitment stands, and the status report as a spreadsheet:
.PP
.EX
commitments list
commitments report \-o status.csv \-\-bom
.EE
.PP
Check a ledger edited by hand, and take back the last change made with this program:
.PP
.EX
commitments check
commitments undo
.EE
"#;

const ENVIRONMENT: &str = r#".SH ENVIRONMENT
.TP
\fBCOMMITMENTS_FILE\fR
The ledger file, when \fB\-f\fR is not given (default: \fIcommitments.yaml\fR in the current folder).
.TP
\fBCOMMITMENTS_TODAY\fR
The date taken as today, as YYYY\-MM\-DD, for reports and for refusing dates in the future.
.TP
\fBCOMMITMENTS_NOW\fR
The time recorded for a change, as 2025\-04\-01T09:30:00Z, so that a rebuilt ledger is the same byte for byte.
.TP
\fBCOMMITMENTS_USER\fR
Who is recording, when \fB\-\-by\fR is not given; else git's user.name, else \fBUSER\fR.
.TP
\fBNO_COLOR\fR
When set and not empty, no colour with \fB\-\-color auto\fR (the default); \fB\-\-color always\fR still colours.
.TP
\fBCOLUMNS\fR
The width tables are wrapped to, wherever the output goes; without it, the terminal's width, and no wrapping when piped.
.TP
\fBLC_ALL\fR, \fBLC_CTYPE\fR, \fBLANG\fR
Tables are drawn with Unicode lines when the locale is UTF\-8, else in ASCII (as with \fB\-\-ascii\fR).
.TP
\fBCOMPLETE\fR
Set by the shell's tab\-completion code (\fBcommitments completions\fR \fISHELL\fR) when it asks for completions: bash, zsh, fish, powershell or elvish. The program then prints completions instead of running the command.
"#;

const EXIT_STATUS: &str = r#".SH "EXIT STATUS"
.TP
0
Done.
.TP
1
The ledger or the input is wrong: a problem in the file, an unknown id, a date in the future, an unknown status, a CSV file that cannot be imported. The message says what and where; the file is unchanged.
.TP
2
The command line itself is wrong: an unknown option, a missing argument, or a value that is not a date (YYYY\-MM\-DD), an evidence kind or a funding stage. Nothing was read or written.
.TP
3
A file or a program cannot be used: the ledger or a CSV file does not exist, is a folder, is read\-only or cannot be read or written; git is not installed or fails. The file is unchanged.
"#;

const FILES: &str = r#".SH FILES
.TP
\fIcommitments.yaml\fR
The ledger: plain YAML, meant to be edited by hand and kept in git.
.TP
\fI.commitments.yaml.lock\fR
Held while a command writes, so that two writes never interleave.
.TP
\fI.commitments.yaml.undo\fR
The last write made with this program, for \fBcommitments undo\fR.
.TP
\fI.commitments.yaml.partial\fR
A new version being written; it replaces the ledger whole, or is left behind by a crash and can be deleted.
.PP
The side files sit beside the ledger and are named after it; \fBcommitments git\-setup\fR keeps them out of git.
"#;

const SEE_ALSO: &str = r#".SH "SEE ALSO"
\fBcommitments\fR(1), for the environment, the files and examples.
"#;
