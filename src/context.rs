//! What every command needs from its surroundings: the ledger's path, today's date, who is
//! recording, and how output should look.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use chrono::{DateTime, Local, Timelike as _, Utc};

use crate::error::{Error, Result};
use crate::model::{Date, parse_date};

pub struct Context {
    pub file: PathBuf,
    /// `COMMITMENTS_TODAY`, else the system date: the default "as of" date.
    pub today: Date,
    pub color: bool,
}

impl Context {
    pub fn new(file: PathBuf, color: ColorChoice) -> Result<Self> {
        let today = match std::env::var("COMMITMENTS_TODAY") {
            Ok(s) if !s.trim().is_empty() => {
                parse_date(&s).map_err(|e| Error::Argument(format!("COMMITMENTS_TODAY: {e}")))?
            }
            _ => Local::now().date_naive(),
        };
        Ok(Context {
            file,
            today,
            color: color.enabled(),
        })
    }

    /// When a change is recorded: `COMMITMENTS_NOW` (for reproducible files), else the clock.
    /// Whole seconds, as the file stores it.
    pub fn now(&self) -> Result<DateTime<Utc>> {
        let t = match std::env::var("COMMITMENTS_NOW") {
            Ok(s) if !s.trim().is_empty() => DateTime::parse_from_rfc3339(s.trim())
                .map(|t| t.with_timezone(&Utc))
                .map_err(|_| {
                    Error::Argument(format!(
                        "COMMITMENTS_NOW is `{s}`, not a timestamp like 2025-04-01T09:30:00Z"
                    ))
                }),
            _ => Ok(Utc::now()),
        }?;
        Ok(t.with_nanosecond(0).unwrap_or(t))
    }

    /// Who is recording: `--by`, else `COMMITMENTS_USER`, else git's user.name, else the
    /// login name.
    pub fn recorder(&self, by: Option<&str>) -> String {
        if let Some(b) = by.map(str::trim).filter(|b| !b.is_empty()) {
            return b.to_string();
        }
        if let Ok(u) = std::env::var("COMMITMENTS_USER")
            && !u.trim().is_empty()
        {
            return u.trim().to_string();
        }
        let git = std::process::Command::new("git")
            .args(["config", "user.name"])
            .stderr(std::process::Stdio::null())
            .output();
        if let Ok(out) = git
            && out.status.success()
        {
            let name = String::from_utf8_lossy(&out.stdout).trim().to_string();
            if !name.is_empty() {
                return name;
            }
        }
        std::env::var("USER")
            .ok()
            .filter(|u| !u.is_empty())
            .unwrap_or_else(|| "unknown".into())
    }

    /// Prints what `write` writes straight to standard output, as it comes, rather than
    /// holding it whole first: a terminal table of 50,000 commitments is hundreds of
    /// megabytes. Errors and the final newline are as for `print`.
    pub fn print_streamed(
        &self,
        write: impl FnOnce(&mut dyn std::fmt::Write) -> std::fmt::Result,
    ) -> Result<()> {
        struct Out<'a> {
            out: std::io::StdoutLock<'a>,
            error: Option<std::io::Error>,
            ends_line: bool,
        }
        impl std::fmt::Write for Out<'_> {
            fn write_str(&mut self, s: &str) -> std::fmt::Result {
                if s.is_empty() {
                    return Ok(());
                }
                self.ends_line = s.ends_with('\n');
                self.out.write_all(s.as_bytes()).map_err(|e| {
                    self.error = Some(e);
                    std::fmt::Error
                })
            }
        }
        let mut out = Out {
            out: std::io::stdout().lock(),
            error: None,
            ends_line: true,
        };
        let io = |e| Error::io("write to", "standard output", e);
        if write(&mut out).is_err() {
            return Err(io(out.error.unwrap_or_else(|| {
                std::io::Error::other("the text could not be formatted")
            })));
        }
        if !out.ends_line {
            out.out.write_all(b"\n").map_err(io)?;
        }
        out.out.flush().map_err(io)
    }

    /// Prints to standard output; a closed pipe (`| head`) ends the program quietly.
    pub fn print(&self, text: &str) -> Result<()> {
        let mut out = std::io::stdout().lock();
        out.write_all(text.as_bytes())
            .and_then(|()| {
                if text.ends_with('\n') {
                    Ok(())
                } else {
                    out.write_all(b"\n")
                }
            })
            .and_then(|()| out.flush())
            .map_err(|e| Error::io("write to", "standard output", e))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

impl ColorChoice {
    /// `auto`: colour only on a terminal, and never when NO_COLOR is set. A flag is the
    /// person asking for this one command, so `always` wins over NO_COLOR, as
    /// https://no-color.org asks.
    fn enabled(self) -> bool {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        match self {
            ColorChoice::Never => false,
            ColorChoice::Always => true,
            ColorChoice::Auto => !no_color && std::io::stdout().is_terminal(),
        }
    }
}
