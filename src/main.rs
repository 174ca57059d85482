//! The `newskg` command: parse, run, map errors to exit codes (0 ok, 1 some documents
//! skipped, 2 usage or fatal error). Each subcommand lives in its own module under `cmd/`.

mod cmd;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    match cmd::Cli::parse().command.run() {
        Ok(code) => code,
        // `newskg query ... | head` closes the pipe early: not an error.
        Err(e) if e.chain().any(is_broken_pipe) => ExitCode::SUCCESS,
        Err(e) => {
            let mut msg = format!("newskg: error: {e}");
            for cause in e.chain().skip(1) {
                msg.push_str(&format!(": {cause}"));
            }
            eprintln!("{msg}");
            ExitCode::from(2)
        }
    }
}

fn is_broken_pipe(e: &(dyn std::error::Error + 'static)) -> bool {
    e.downcast_ref::<std::io::Error>()
        .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
}
