//! Race stress: hand edits saved at random moments during CLI writes to a multi-megabyte
//! ledger, and side files deleted under many concurrent writers. Run it with
//! `stress/race-edits`.
//!
//! Part 1, editor saves: each trial starts a write (`gap`, with a note of its own) and, after
//! a random delay within the write's running time (half of them in its last 40%, where the
//! files are written and put in place), saves the file as an editor would, with a comment of
//! its own: in place (truncate and write, every other trial) or by writing a new file and
//! renaming it over the ledger. Then the ledger must load, the hand edit must be there, and the
//! write must either be there too, or have been refused with "changed on disk … nothing was
//! written" (or, having read the file half-saved, as broken: "nothing was changed"), or have
//! landed before the editor's save (the file is then exactly the editor's
//! text: the editor replaced it, as it replaces any change it has not loaded).
//!
//! Part 2, side files deleted: rounds of many writers started at once while another thread
//! keeps deleting every `.*.lock`, `.*.undo` and `.*.partial` file beside the ledger (what
//! `git clean -fdX` removes) and making a new `.commitments.yaml.lock`. Every write that
//! exited 0 must be in the file; any other must have said that nothing was written.

#[path = "../stress/big_ledger.rs"]
mod big_ledger;

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

struct Options {
    trials: usize,
    size_mb: usize,
    rounds: usize,
    writers: usize,
    seed: u64,
    bin: PathBuf,
}

fn usage() -> ! {
    eprintln!(
        "usage: race_edits --bin PATH [--trials N] [--size-mb MB] [--rounds R] [--writers W] [--seed N]\n\
         N editor saves raced against writes to a ledger of about MB megabytes (default 200, 5),\n\
         then R rounds of W writers at once with side files deleted under them (default 4, 60)."
    );
    std::process::exit(2)
}

fn options() -> Options {
    let mut o = Options {
        trials: 200,
        size_mb: 5,
        rounds: 4,
        writers: 60,
        seed: std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(1, |d| d.as_nanos() as u64),
        bin: PathBuf::new(),
    };
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut value = || args.next().unwrap_or_else(|| usage());
        let mut number = || value().parse::<u64>().unwrap_or_else(|_| usage());
        match a.as_str() {
            "--trials" => o.trials = number() as usize,
            "--size-mb" => o.size_mb = number() as usize,
            "--rounds" => o.rounds = number() as usize,
            "--writers" => o.writers = number() as usize,
            "--seed" => o.seed = number().max(1),
            "--bin" => o.bin = PathBuf::from(value()),
            _ => usage(),
        }
    }
    if o.bin.as_os_str().is_empty() {
        usage();
    }
    // The writers run in the work folder.
    o.bin = std::fs::canonicalize(&o.bin).unwrap_or_else(|_| usage());
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

fn fail(message: String) -> ! {
    eprintln!("race-edits: FAILED: {message}");
    std::process::exit(1)
}

fn write(bin: &Path, dir: &Path, target: &str, note: &str) -> Child {
    Command::new(bin)
        .args(["gap", target, "--note", note])
        .current_dir(dir)
        .env("COMMITMENTS_USER", "stress")
        .env("COMMITMENTS_TODAY", "2026-11-22")
        .env_remove("COMMITMENTS_FILE")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| fail(format!("cannot start {}: {e}", bin.display())))
}

fn loads(file: &Path, after: &str) {
    if let Err(e) = commitments::store::load(file) {
        fail(format!("after {after} the ledger does not load: {e}"));
    }
}

fn main() {
    let o = options();
    let mut rng = Rng(o.seed);
    let dir = std::env::temp_dir().join(format!("race-edits-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("make the work folder");
    let file = dir.join("commitments.yaml");
    std::fs::write(&file, big_ledger::ledger_of_size(o.size_mb << 20)).expect("write the ledger");
    println!(
        "race-edits: ledger of {:.1} MB in {}, seed {}",
        std::fs::metadata(&file).map_or(0, |m| m.len()) as f64 / 1048576.0,
        dir.display(),
        o.seed
    );
    let started = Instant::now();

    // How long a write takes, to aim the saves: one write to the end first.
    let t0 = Instant::now();
    let first = write(&o.bin, &dir, "c-0", "warm-up")
        .wait_with_output()
        .unwrap();
    if !first.status.success() {
        fail(format!(
            "a plain write failed: {}",
            String::from_utf8_lossy(&first.stderr)
        ));
    }
    let mut took = t0.elapsed();

    let (mut both, mut refused, mut saved_over, mut mid_save, mut late) = (0, 0, 0, 0, 0);
    for trial in 0..o.trials {
        let by_rename = trial % 2 == 1;
        let note = format!("cli-{trial}");
        let hand = format!("# hand-{trial}\n");
        let micros = took.as_micros() as u64;
        let delay = if rng.below(2) == 0 {
            late += 1;
            micros * 6 / 10 + rng.below(micros * 4 / 10)
        } else {
            rng.below(micros)
        };
        let target = format!("c-{}", rng.below(50));
        let t0 = Instant::now();
        let child = write(&o.bin, &dir, &target, &note);
        std::thread::sleep(Duration::from_micros(delay));
        // The editor: what it holds is the file as it reads it now, plus the person's edit.
        let held = std::fs::read_to_string(&file).expect("read the ledger");
        let saved = held.replacen("# end of file\n", &format!("{hand}# end of file\n"), 1);
        if by_rename {
            let swap = dir.join("commitments.yaml.editor~");
            std::fs::write(&swap, &saved).expect("write the editor's file");
            std::fs::rename(&swap, &file).expect("rename the editor's file");
        } else {
            std::fs::write(&file, &saved).expect("save in place");
        }
        let out = child.wait_with_output().unwrap();
        let elapsed = t0.elapsed();
        let stderr = String::from_utf8_lossy(&out.stderr);
        let now = std::fs::read_to_string(&file).expect("read the ledger");
        let how = if by_rename {
            "a rename save"
        } else {
            "an in-place save"
        };
        loads(&file, &format!("trial {trial}"));
        if !now.contains(&hand) {
            fail(format!(
                "trial {trial}: {how} {delay} µs into the write was lost (the write exited {:?}: {stderr})",
                out.status.code()
            ));
        }
        match out.status.code() {
            Some(0) if now.contains(&format!("note: {note}\n")) => {
                both += 1;
                took = elapsed.max(took * 9 / 10);
            }
            Some(0) if now == saved => saved_over += 1,
            Some(0) => fail(format!(
                "trial {trial}: the write exited 0 but is not in the file, which is not the editor's text either"
            )),
            Some(1)
                if stderr.contains("changed on disk") && stderr.contains("nothing was written") =>
            {
                if now.contains(&format!("note: {note}\n")) {
                    fail(format!(
                        "trial {trial}: refused, but the write is in the file"
                    ));
                }
                refused += 1;
            }
            // It read the file while an in-place save had it half written (empty, or cut
            // short): a broken file is refused, saying that nothing was changed.
            Some(1)
                if stderr.contains("nothing was changed")
                    && !now.contains(&format!("note: {note}\n")) =>
            {
                mid_save += 1;
            }
            code => fail(format!(
                "trial {trial}: the write exited {code:?}: {stderr}"
            )),
        }
    }
    if o.trials > 0 {
        println!(
            "race-edits: {} editor saves ({} in place, {} by rename; {late} aimed at the last 40% of a write, \
             which took about {} ms): 0 hand edits lost; the write landed on top of the save {both} times, \
             was refused as changed on disk {refused} times, landed before the save (which then replaced it) {saved_over} times, \
             and read the file half-saved in place and refused it as broken {mid_save} times",
            o.trials,
            o.trials.div_ceil(2),
            o.trials / 2,
            took.as_millis()
        );
    }

    let (mut landed, mut said_no, mut deleted) = (0, 0, 0usize);
    for round in 0..o.rounds {
        let stop = AtomicBool::new(false);
        let period = 5 + rng.below(36);
        let removed = std::thread::scope(|s| {
            let deleter = s.spawn(|| {
                let mut n = 0;
                while !stop.load(Ordering::Relaxed) {
                    for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
                        let name = entry.file_name().to_string_lossy().into_owned();
                        let side = name.starts_with('.')
                            && [".lock", ".undo", ".partial"]
                                .iter()
                                .any(|x| name.ends_with(x));
                        if side && std::fs::remove_file(entry.path()).is_ok() {
                            n += 1;
                        }
                    }
                    let _ = std::fs::write(dir.join(".commitments.yaml.lock"), "");
                    std::thread::sleep(Duration::from_millis(period));
                }
                n
            });
            println!("race-edits: round {round}: side files deleted every {period} ms");
            let children: Vec<(String, Child)> = (0..o.writers)
                .map(|i| {
                    let note = format!("w{round}-{i}");
                    let child = write(&o.bin, &dir, &format!("c-{}", i % 50), &note);
                    (note, child)
                })
                .collect();
            let outs: Vec<_> = children
                .into_iter()
                .map(|(note, c)| (note, c.wait_with_output().unwrap()))
                .collect();
            stop.store(true, Ordering::Relaxed);
            let n = deleter.join().unwrap();
            let now = std::fs::read_to_string(&file).expect("read the ledger");
            loads(&file, &format!("round {round}"));
            for (note, out) in outs {
                let stderr = String::from_utf8_lossy(&out.stderr);
                let there = now.contains(&format!("note: {note}\n"));
                match out.status.code() {
                    Some(0) if there => landed += 1,
                    Some(0) => fail(format!(
                        "round {round}: `{note}` exited 0 but is not in the file"
                    )),
                    Some(1)
                        if !there
                            && (stderr.contains("nothing was written")
                                || stderr.contains("was not changed")) =>
                    {
                        said_no += 1;
                        if std::env::var_os("RACE_EDITS_VERBOSE").is_some() {
                            eprintln!("{note}: {}", stderr.trim());
                        }
                    }
                    code => fail(format!(
                        "round {round}: `{note}` exited {code:?} (in the file: {there}): {stderr}"
                    )),
                }
            }
            n
        });
        deleted += removed;
    }
    if o.rounds > 0 {
        println!(
            "race-edits: {} rounds of {} writers at once, {deleted} side files deleted under them: \
             {landed} writes exited 0 and all are in the file; {said_no} refused saying nothing was written",
            o.rounds, o.writers
        );
    }
    println!(
        "race-edits: passed in {:.0} s",
        started.elapsed().as_secs_f64()
    );
    let _ = std::fs::remove_dir_all(&dir);
}
