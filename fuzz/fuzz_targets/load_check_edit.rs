//! Fuzz target: any bytes as a ledger file, loaded and checked, then (if valid) one edit
//! written through the real write path. See tests/fuzz_case.rs for what counts as a failure.
#![no_main]

#[path = "../../tests/fuzz_case.rs"]
mod fuzz_case;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    thread_local! {
        static DIR: std::path::PathBuf = {
            let base = std::path::Path::new("/dev/shm");
            let base = if base.is_dir() { base.to_path_buf() } else { std::env::temp_dir() };
            let dir = base.join(format!("commitments-fuzz-{}", std::process::id()));
            std::fs::create_dir_all(&dir).expect("make the fuzz folder");
            dir
        };
    }
    DIR.with(|dir| fuzz_case::exercise(data, dir));
});
