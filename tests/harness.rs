//! A small builder for running the binary: `Test::new().ledger(..).args(..).run().success()`.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

pub const TODAY: &str = "2026-11-22";

pub struct Test {
    pub dir: tempfile::TempDir,
    args: Vec<String>,
    env: Vec<(String, String)>,
}

impl Test {
    /// A fresh folder; "today", the clock and the recorder are fixed so output is reproducible.
    pub fn new() -> Self {
        Test {
            dir: tempfile::tempdir().expect("temp dir"),
            args: Vec::new(),
            env: vec![
                ("COMMITMENTS_TODAY".into(), TODAY.into()),
                ("COMMITMENTS_NOW".into(), "2026-11-22T09:00:00Z".into()),
                ("COMMITMENTS_USER".into(), "tester".into()),
                ("NO_COLOR".into(), "1".into()),
                ("COLUMNS".into(), "200".into()),
                // Tables are drawn in ASCII without a UTF-8 locale: the same borders on
                // every machine unless a test asks for another locale.
                ("LC_ALL".into(), "C.UTF-8".into()),
            ],
        }
    }

    /// Writes `text` as the ledger, `commitments.yaml`.
    pub fn ledger(self, text: &str) -> Self {
        std::fs::write(self.path(), text).expect("write ledger");
        self
    }

    pub fn ledger_bytes(self, bytes: &[u8]) -> Self {
        std::fs::write(self.path(), bytes).expect("write ledger");
        self
    }

    /// The shipped-style ledger most tests start from.
    pub fn sample(self) -> Self {
        self.ledger(SAMPLE)
    }

    pub fn args(mut self, args: &[&str]) -> Self {
        self.args = args.iter().map(|s| s.to_string()).collect();
        self
    }

    pub fn env(mut self, key: &str, value: &str) -> Self {
        self.env.push((key.into(), value.into()));
        self
    }

    pub fn path(&self) -> PathBuf {
        self.dir.path().join("commitments.yaml")
    }

    pub fn file(&self) -> String {
        std::fs::read_to_string(self.path()).expect("read ledger")
    }

    pub fn file_bytes(&self) -> Vec<u8> {
        std::fs::read(self.path()).expect("read ledger")
    }

    /// Fails unless the ledger is still, byte for byte, the sample it started as: what every
    /// refusal promises ("nothing was changed"). `what` names the refused command.
    pub fn assert_sample_untouched(&self, what: impl std::fmt::Debug) {
        assert!(
            self.file_bytes() == SAMPLE.as_bytes(),
            "{what:?} changed the file"
        );
    }

    /// Runs the binary with the current arguments, in the test's folder.
    pub fn run(&self) -> Output {
        run_in(self.dir.path(), &self.args, &self.env)
    }

    /// Runs another command against the same folder, keeping the environment.
    pub fn then(&self, args: &[&str]) -> Output {
        let args: Vec<String> = args.iter().map(|s| s.to_string()).collect();
        run_in(self.dir.path(), &args, &self.env)
    }
}

pub fn run_in(dir: &Path, args: &[String], env: &[(String, String)]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_commitments"));
    cmd.args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .env_remove("COMMITMENTS_FILE")
        .env_remove("RUST_BACKTRACE");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.output().expect("run commitments");
    Output {
        code: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

#[derive(Debug)]
pub struct Output {
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

impl Output {
    #[track_caller]
    pub fn success(self) -> Self {
        assert_eq!(
            self.code,
            Some(0),
            "expected success\nstdout:\n{}\nstderr:\n{}",
            self.stdout,
            self.stderr
        );
        self
    }

    /// Fails with `code`, with a message and never a panic or backtrace.
    #[track_caller]
    pub fn failure(self, code: i32) -> Self {
        assert_eq!(
            self.code,
            Some(code),
            "expected exit {code}\nstdout:\n{}\nstderr:\n{}",
            self.stdout,
            self.stderr
        );
        assert!(!self.stderr.trim().is_empty(), "a failure must say why");
        for bad in [
            "panicked",
            "RUST_BACKTRACE",
            "stack backtrace",
            "internal error",
        ] {
            assert!(
                !self.stderr.contains(bad),
                "stderr shows `{bad}`:\n{}",
                self.stderr
            );
        }
        self
    }

    #[track_caller]
    pub fn stdout_has(self, text: &str) -> Self {
        assert!(
            self.stdout.contains(text),
            "stdout lacks {text:?}:\n{}",
            self.stdout
        );
        self
    }

    #[track_caller]
    pub fn stderr_has(self, text: &str) -> Self {
        assert!(
            self.stderr.contains(text),
            "stderr lacks {text:?}:\n{}",
            self.stderr
        );
        self
    }

    #[track_caller]
    pub fn stdout_lacks(self, text: &str) -> Self {
        assert!(
            !self.stdout.contains(text),
            "stdout has {text:?}:\n{}",
            self.stdout
        );
        self
    }

    #[track_caller]
    pub fn stderr_lacks(self, text: &str) -> Self {
        assert!(
            !self.stderr.contains(text),
            "stderr has {text:?}:\n{}",
            self.stderr
        );
        self
    }

    /// Standard output parsed as JSON.
    #[track_caller]
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("stdout is not JSON ({e}):\n{}", self.stdout))
    }
}

/// A small ledger in the shape of the shipped one, with comments and hand-made formatting.
pub const SAMPLE: &str = include_str!("fixtures/sample.yaml");

/// `commitments.yaml:LINE:COLUMN` of the first `needle` in `text` (1-based, columns in
/// characters), as messages print it, so that expected positions follow the fixture instead
/// of being hard-coded.
#[track_caller]
pub fn at(text: &str, needle: &str) -> String {
    let i = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not in the text"));
    let before = &text[..i];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
    format!("commitments.yaml:{line}:{column}")
}
