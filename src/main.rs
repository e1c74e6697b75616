use std::process::ExitCode;

fn main() -> ExitCode {
    commitments::run(std::env::args_os())
}
