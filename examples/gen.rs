//! Writes a realistic synthetic ledger, for benchmarks and for tests at scale.
//!
//!     cargo run --release --example gen -- --commitments 10000 --events 5 --evidence 5 > big.yaml
//!
//! Options: `--commitments N` (default 1000), `--events N` status events per commitment (the
//! first is always `announced`, citing the source; default 5), `--evidence N` evidence entries
//! per commitment (default 5), `--seed N` (default 1), `--out PATH` (default standard output).
//! What the text looks like, and why, is described in `src/synthetic.rs`.

use std::io::{self, BufWriter, Write};

use commitments::synthetic::{self, Options};

fn main() -> io::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut opts = Options::default();
    let mut out = None;
    let mut i = 0;
    while i < args.len() {
        let value = args.get(i + 1).cloned();
        let number = || -> usize {
            value
                .as_deref()
                .and_then(|v| v.parse().ok())
                .unwrap_or_else(|| usage(&format!("{} needs a number", args[i])))
        };
        match args[i].as_str() {
            "--commitments" => opts.commitments = number(),
            "--events" => opts.events = number().max(1),
            "--evidence" => opts.evidence = number(),
            "--seed" => opts.seed = number() as u64,
            "--out" => out = Some(value.unwrap_or_else(|| usage("--out needs a path"))),
            "-h" | "--help" => usage(""),
            other => usage(&format!("unknown option {other}")),
        }
        i += 2;
    }
    let sink: Box<dyn Write> = match &out {
        Some(p) => Box::new(std::fs::File::create(p)?),
        None => Box::new(io::stdout().lock()),
    };
    let mut w = BufWriter::with_capacity(1 << 20, sink);
    synthetic::write(&opts, &mut w)?;
    w.flush()
}

fn usage(problem: &str) -> ! {
    if !problem.is_empty() {
        eprintln!("gen: {problem}");
    }
    eprintln!("usage: gen [--commitments N] [--events N] [--evidence N] [--seed N] [--out PATH]");
    std::process::exit(2)
}
