//! Crash stress: SIGKILLs the `commitments` writer at random moments while it writes to a
//! multi-megabyte ledger, and checks after every kill that the file parses and is byte for byte
//! either the state before that write or the state after it. Run it with `stress/kill-writer`.
//!
//! Each write's "after" state is found first by running the same command to the end on a copy;
//! the command is deterministic (fixed clock, recorder and evidence id), so the killed run can
//! only legitimately leave one of those two files.

#[path = "../stress/big_ledger.rs"]
mod big_ledger;

use std::os::unix::process::ExitStatusExt as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

struct Options {
    kills: usize,
    size_mb: usize,
    seed: u64,
    bin: PathBuf,
    dir: Option<PathBuf>,
    /// Only write the generated ledger here and stop (for size measurements).
    generate: Option<PathBuf>,
}

fn usage() -> ! {
    eprintln!(
        "usage: kill_writer --bin PATH [--kills N] [--size-mb MB] [--seed N] [--dir DIR]\n\
         \x20      kill_writer --generate FILE [--size-mb MB]\n\
         Kills the writer N times (default 200) during writes to a ledger of about MB megabytes\n\
         (default 5); or only writes such a ledger to FILE."
    );
    std::process::exit(2)
}

fn options() -> Options {
    let mut o = Options {
        kills: 200,
        size_mb: 5,
        seed: std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(1, |d| d.as_nanos() as u64),
        bin: PathBuf::new(),
        dir: None,
        generate: None,
    };
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut value = || args.next().unwrap_or_else(|| usage());
        match a.as_str() {
            "--kills" => o.kills = value().parse().unwrap_or_else(|_| usage()),
            "--size-mb" => o.size_mb = value().parse().unwrap_or_else(|_| usage()),
            "--seed" => o.seed = value().parse().unwrap_or_else(|_| usage()),
            "--bin" => o.bin = PathBuf::from(value()),
            "--dir" => o.dir = Some(PathBuf::from(value())),
            "--generate" => o.generate = Some(PathBuf::from(value())),
            _ => usage(),
        }
    }
    if o.bin.as_os_str().is_empty() && o.generate.is_none() {
        usage();
    }
    o
}

/// xorshift64*: enough randomness to pick moments, and reproducible from `--seed`.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

/// One write, fully determined by `n`: evidence, a status update or a gap on some record.
fn write_args(n: usize, records: usize, rng: &mut Rng) -> Vec<String> {
    let target = format!("c-{}", rng.below(records as u64));
    let args: Vec<String> = match n % 3 {
        0 => vec![
            "evidence".into(),
            target,
            "--url".into(),
            format!("https://example.org/stress/{n}"),
            "--title".into(),
            format!("Stress write {n}: a title with 'quotes', a colon: and a # sign"),
            "--id".into(),
            format!("stress-{n}"),
        ],
        1 => vec![
            "update".into(),
            target,
            "--status".into(),
            "partial".into(),
            "--date".into(),
            "2025-09-01".into(),
            "--evidence".into(),
            "source".into(),
            "--note".into(),
            format!("Stress update {n}"),
        ],
        _ => vec![
            "gap".into(),
            target,
            "--note".into(),
            format!("Stress gap {n}: nothing found"),
            "--checked".into(),
            "2026-11-20".into(),
        ],
    };
    args
}

fn command(bin: &Path, file: &Path, args: &[String]) -> Command {
    let mut c = Command::new(bin);
    c.arg("-f")
        .arg(file)
        .args(args)
        .env("COMMITMENTS_TODAY", "2026-11-22")
        .env("COMMITMENTS_NOW", "2026-11-22T09:00:00Z")
        .env("COMMITMENTS_USER", "stress")
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    c
}

fn fail(message: String) -> ! {
    eprintln!("kill-writer: FAILED: {message}");
    std::process::exit(1)
}

fn main() {
    let o = options();
    if let Some(path) = &o.generate {
        let text = big_ledger::ledger_of_size(o.size_mb * 1024 * 1024);
        std::fs::write(path, &text).expect("write the ledger");
        println!(
            "kill-writer: wrote {} ({} bytes)",
            path.display(),
            text.len()
        );
        return;
    }
    let tmp;
    let dir = match &o.dir {
        Some(d) => d.clone(),
        None => {
            tmp = std::env::temp_dir().join(format!("kill-writer-{}", std::process::id()));
            tmp.clone()
        }
    };
    std::fs::create_dir_all(dir.join("scratch")).expect("make the work folder");
    let file = dir.join("commitments.yaml");
    let scratch = dir.join("scratch").join("commitments.yaml");
    let text = big_ledger::ledger_of_size(o.size_mb * 1024 * 1024);
    let records = text.matches("\n  - id: c-").count();
    std::fs::write(&file, &text).expect("write the ledger");
    println!(
        "kill-writer: ledger of {:.1} MB ({records} commitments) in {}, seed {}",
        text.len() as f64 / 1048576.0,
        dir.display(),
        o.seed
    );

    let mut rng = Rng(o.seed | 1);
    let started = Instant::now();
    let (mut kills, mut old, mut new, mut finished) = (0usize, 0usize, 0usize, 0usize);
    // Of the kills only: how many left the old state, how many the new.
    let (mut killed_old, mut killed_new) = (0usize, 0usize);
    let mut late_kills = 0usize;
    let mut partials = 0usize;
    let mut n = 0usize;
    // The write in hand and its expected result; kept while kills leave the old file, so the
    // expensive "after" run is done once per distinct write.
    let mut pending: Option<(Vec<String>, Vec<u8>, Duration)> = None;
    while kills < o.kills {
        let before = std::fs::read(&file).expect("read the ledger");
        let (args, after, took) = match pending.take() {
            Some(p) => p,
            None => {
                n += 1;
                let args = write_args(n, records, &mut rng);
                std::fs::write(&scratch, &before).expect("copy the ledger");
                let t = Instant::now();
                let out = command(&o.bin, &scratch, &args)
                    .output()
                    .expect("run commitments");
                let took = t.elapsed();
                if !out.status.success() {
                    fail(format!(
                        "the uninterrupted write `{}` failed: {}",
                        args.join(" "),
                        String::from_utf8_lossy(&out.stderr)
                            .chars()
                            .take(2000)
                            .collect::<String>()
                    ));
                }
                (args, std::fs::read(&scratch).expect("read the copy"), took)
            }
        };
        // Most kills land anywhere in the run; one in three in its last fifth, where the
        // temporary file is written, synced and renamed.
        let span = took.as_micros() as u64;
        let delay = if rng.below(3) == 0 {
            span * 4 / 5 + rng.below(span / 5 + span / 10)
        } else {
            rng.below(span + span / 10)
        };
        let mut child = command(&o.bin, &file, &args)
            .spawn()
            .expect("start commitments");
        std::thread::sleep(Duration::from_micros(delay));
        let _ = child.kill();
        let status = child.wait().expect("wait for commitments");
        let killed = status.signal() == Some(9);
        if killed {
            kills += 1;
            if kills % 25 == 0 {
                println!(
                    "kill-writer: {kills} kills so far ({old} old, {new} new), {:.0} s",
                    started.elapsed().as_secs_f64()
                );
            }
            if delay >= span * 4 / 5 {
                late_kills += 1;
            }
        } else if status.success() {
            finished += 1;
        } else {
            fail(format!(
                "`{}` failed without being killed: {status}",
                args.join(" ")
            ));
        }
        let now = std::fs::read(&file).expect("read the ledger after the kill");
        if let Err(e) = commitments::store::load(&file) {
            fail(format!("after kill {kills} the ledger does not load: {e}"));
        }
        if now == before {
            old += 1;
            killed_old += usize::from(killed);
            pending = Some((args, after, took));
        } else if now == after {
            new += 1;
            killed_new += usize::from(killed);
        } else {
            let keep = dir.join(format!("torn-{kills}.yaml"));
            let _ = std::fs::write(&keep, &now);
            fail(format!(
                "after kill {kills} the ledger is neither the state before nor after `{}` (kept as {})",
                args.join(" "),
                keep.display()
            ));
        }
        // Nothing may be left behind but the ledger and its undo journal, and after a kill the
        // killed writer's own temporary files (`.commitments.yaml.PID-RANDOM.partial`), which
        // the next write removes.
        for entry in std::fs::read_dir(&dir).expect("list the folder").flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            let partial = name.starts_with(".commitments.yaml.") && name.ends_with(".partial");
            if partial && killed {
                partials += 1;
            } else if !matches!(
                name.as_str(),
                "commitments.yaml" | ".commitments.yaml.undo" | "scratch"
            ) {
                fail(format!(
                    "after {} a stray file was left: {name}",
                    if killed {
                        format!("kill {kills}")
                    } else {
                        "a finished write".into()
                    }
                ));
            }
        }
    }
    let size = std::fs::metadata(&file).map_or(0, |m| m.len());
    println!(
        "kill-writer: {kills} kills ({late_kills} aimed at the last fifth of a write); after each the ledger parsed and was \
         the state before the write {killed_old} times and the state after it {killed_new} times, never anything else \
         ({finished} more writes finished before their kill came, {} old and {} new states in all); \
         {partials} temporary .partial files seen after kills, each removed by the next write; final size {:.1} MB; {:.0} s",
        old,
        new,
        size as f64 / 1048576.0,
        started.elapsed().as_secs_f64()
    );
    if o.dir.is_none() {
        let _ = std::fs::remove_dir_all(&dir);
    }
}
