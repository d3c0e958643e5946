//! The `tessera` binary: a thin `main` over the library commands.
//!
//! Exit codes: 0 success, 1 failure (one actionable line on stderr), 2 usage error (clap).

use clap::Parser;
use std::process::ExitCode;
use tessera_cli::Cli;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match tessera_cli::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            match e.downcast_ref::<tessera_confirm::ConfirmError>() {
                Some(c) => eprintln!("error[{}]: {}", c.code(), tessera_cli::one_line(&e)),
                None => eprintln!("error: {}", tessera_cli::one_line(&e)),
            }
            ExitCode::FAILURE
        }
    }
}
