//! The file system saying no: shared folders and other users, a full disk, and paths that
//! lead nowhere. Each is refused in plain words that name the file and say what became of
//! the ledger; a write by a user the ledger's permissions do not allow never replaces it.

use std::os::unix::fs::{MetadataExt as _, PermissionsExt as _};
use std::os::unix::process::CommandExt as _;
use std::path::Path;
use std::process::{Command, Stdio};

use crate::harness::*;

/// Numeric ids for the test's people: the system needs no account to run a process as them.
const GROUP: u32 = 61_000;
const ANNA: u32 = 61_001;
const BEN: u32 = 61_002;

fn is_root() -> bool {
    rustix::process::geteuid().is_root()
}

/// Runs the binary as `uid` (with the shared group as its group) with the usual umask, in `dir`.
fn as_user(dir: &Path, uid: u32, args: &[&str]) -> Output {
    let out = Command::new("sh")
        .arg("-c")
        .arg("umask 022; exec \"$0\" \"$@\"")
        .arg(env!("CARGO_BIN_EXE_commitments"))
        .args(args)
        .current_dir(dir)
        .uid(uid)
        .gid(GROUP)
        .env("COMMITMENTS_USER", format!("user-{uid}"))
        .env("COMMITMENTS_TODAY", TODAY)
        .env_remove("COMMITMENTS_FILE")
        .stdin(Stdio::null())
        .output()
        .expect("run commitments as another user");
    Output {
        code: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

fn chown(path: &Path, uid: u32, gid: u32) {
    std::os::unix::fs::chown(path, Some(uid), Some(gid)).unwrap();
}

fn chmod(path: &Path, mode: u32) {
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

/// A group folder (2775) with a group-writable ledger (0664): each member can write, and so
/// can the next one after them. The old lock file was made 0644 by the first writer's umask,
/// and locked every other member out.
#[test]
fn every_member_of_a_group_folder_keeps_writing() {
    if !is_root() {
        eprintln!("skipped: acting as two other users needs root");
        return;
    }
    let t = Test::new();
    chmod(t.dir.path(), 0o755);
    let shared = t.dir.path().join("shared");
    std::fs::create_dir(&shared).unwrap();
    chown(&shared, 0, GROUP);
    chmod(&shared, 0o2775);
    let ledger = shared.join("commitments.yaml");
    std::fs::write(&ledger, SAMPLE).unwrap();
    chown(&ledger, 0, GROUP);
    chmod(&ledger, 0o664);

    as_user(&shared, ANNA, &["gap", "uk-cps-3m", "--note", "By Anna"]).success();
    as_user(&shared, BEN, &["gap", "uk-cps-3m", "--note", "By Ben"]).success();
    as_user(&shared, ANNA, &["gap", "uk-cps-3m", "--note", "Anna again"]).success();
    let text = std::fs::read_to_string(&ledger).unwrap();
    for note in ["By Anna", "By Ben", "Anna again"] {
        assert!(text.contains(note), "{note} is missing");
    }
    // Every file a write leaves is the group's, with the ledger's bits.
    for entry in std::fs::read_dir(&shared).unwrap().flatten() {
        let meta = entry.metadata().unwrap();
        let name = entry.file_name().to_string_lossy().into_owned();
        assert_eq!(meta.gid(), GROUP, "{name} is not the group's");
        assert_eq!(
            meta.mode() & 0o777,
            0o664,
            "{name} has mode {:o}",
            meta.mode()
        );
    }
    as_user(&shared, BEN, &["undo"]).success();
    let text = std::fs::read_to_string(&ledger).unwrap();
    assert!(!text.contains("Anna again") && text.contains("By Ben"));
}

/// A user who may write in the folder but not the ledger file (root's, 0644) is refused, as
/// the file's permissions say; the old code replaced the file, giving it to that user.
#[test]
fn a_user_the_ledger_does_not_let_write_is_refused() {
    if !is_root() {
        eprintln!("skipped: acting as another user needs root");
        return;
    }
    let t = Test::new();
    chmod(t.dir.path(), 0o755);
    let shared = t.dir.path().join("shared");
    std::fs::create_dir(&shared).unwrap();
    chown(&shared, 0, GROUP);
    chmod(&shared, 0o2775);
    let ledger = shared.join("commitments.yaml");
    std::fs::write(&ledger, SAMPLE).unwrap();
    chmod(&ledger, 0o644);
    for args in [
        &["gap", "uk-cps-3m", "--note", "Not allowed"][..],
        &["undo"],
    ] {
        as_user(&shared, ANNA, args)
            .failure(3)
            .stderr_has("commitments.yaml is read-only for you: it belongs to root")
            .stderr_has("(rw-r--r--)")
            .stderr_has("nothing was changed");
    }
    let meta = std::fs::metadata(&ledger).unwrap();
    assert_eq!(meta.uid(), 0, "the ledger changed hands");
    assert_eq!(std::fs::read_to_string(&ledger).unwrap(), SAMPLE);
    assert_eq!(
        std::fs::read_dir(&shared).unwrap().count(),
        1,
        "side files were left"
    );
}

/// A full disk: the message says so in words, names the file, and says the ledger was not
/// changed; nothing is left behind. (The disk is a 1 MB tmpfs, filled up.)
#[test]
fn a_full_disk_is_said_in_words_and_changes_nothing() {
    if !is_root() {
        eprintln!("skipped: mounting a small disk needs root");
        return;
    }
    let t = Test::new();
    let disk = t.dir.path().join("disk");
    std::fs::create_dir(&disk).unwrap();
    let mounted = Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=1m", "tmpfs"])
        .arg(&disk)
        .status();
    if !mounted.is_ok_and(|s| s.success()) {
        eprintln!("skipped: this machine does not let the test mount a tmpfs");
        return;
    }
    struct Unmount<'a>(&'a Path);
    impl Drop for Unmount<'_> {
        fn drop(&mut self) {
            let _ = Command::new("umount").arg("-l").arg(self.0).status();
        }
    }
    let _unmount = Unmount(&disk);
    let ledger = disk.join("commitments.yaml");
    std::fs::write(&ledger, SAMPLE).unwrap();
    {
        use std::io::Write as _;
        let mut filler = std::fs::File::create(disk.join("filler")).unwrap();
        while filler.write_all(&[0u8; 4096]).is_ok() {}
    }
    let out = run_in(
        &disk,
        &[
            "gap".into(),
            "uk-cps-3m".into(),
            "--note".into(),
            "n".into(),
        ],
        &[("COMMITMENTS_TODAY".into(), TODAY.into())],
    )
    .failure(3)
    .stderr_has("the disk is full")
    .stderr_has("commitments.yaml was not changed")
    .stderr_lacks("os error");
    assert!(
        out.stderr.contains(&disk.display().to_string()),
        "{}",
        out.stderr
    );
    assert_eq!(std::fs::read_to_string(&ledger).unwrap(), SAMPLE);
    let left: Vec<_> = std::fs::read_dir(&disk)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n != "commitments.yaml" && n != "filler")
        .collect();
    assert!(left.is_empty(), "left behind: {left:?}");
}

fn commands(file: &str) -> [Vec<String>; 3] {
    [
        vec!["-f".into(), file.into(), "check".into()],
        vec!["-f".into(), file.into(), "init".into()],
        vec![
            "-f".into(),
            file.into(),
            "gap".into(),
            "uk-cps-3m".into(),
            "--note".into(),
            "n".into(),
        ],
    ]
}

/// A link to nothing, a missing folder and a folder given as the ledger each get their own
/// words, in `check`, `init` and a write; none is taken for "no ledger yet", and none creates
/// anything.
#[test]
fn paths_that_lead_nowhere_each_get_their_own_message() {
    let t = Test::new();
    std::os::unix::fs::symlink("gone.yaml", t.path()).unwrap();
    std::fs::create_dir(t.dir.path().join("folder")).unwrap();
    let env = [("COMMITMENTS_TODAY".to_string(), TODAY.to_string())];
    let cases: [(&str, [&str; 3]); 3] = [
        (
            "commitments.yaml",
            [
                "commitments.yaml is a symbolic link to gone.yaml, which does not exist: the link is broken. Point it at the ledger",
                "commitments.yaml is a symbolic link to gone.yaml, which does not exist: the link is broken. `init` does not create a ledger through a broken link",
                "commitments.yaml is a symbolic link to gone.yaml, which does not exist: the link is broken. Point it at the ledger",
            ],
        ),
        (
            "nope/commitments.yaml",
            [
                "the folder nope does not exist, so there is no nope/commitments.yaml in it; check the path",
                "the folder nope does not exist, so there is no nope/commitments.yaml in it; create the folder first (mkdir -p nope)",
                "the folder nope does not exist, so there is no nope/commitments.yaml in it; check the path",
            ],
        ),
        (
            "folder",
            [
                "folder is a folder, not a ledger file; give the path of the ledger file, e.g. -f folder/commitments.yaml",
                "folder is a folder, not a ledger file",
                "folder is a folder, not a ledger file",
            ],
        ),
    ];
    for (file, said) in cases {
        for (args, said) in commands(file).iter().zip(said) {
            run_in(t.dir.path(), args, &env)
                .failure(3)
                .stderr_has(said)
                .stderr_lacks("already exists")
                .stderr_lacks("run `commitments init` to start")
                .stderr_lacks("lock");
        }
    }
    assert!(!t.dir.path().join("gone.yaml").exists());
    assert!(!t.dir.path().join("nope").exists());
    assert_eq!(
        std::fs::read_dir(t.dir.path().join("folder"))
            .unwrap()
            .count(),
        0
    );
}
