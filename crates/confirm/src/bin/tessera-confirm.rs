//! Stand-alone `tessera-confirm`: the same command line as `tessera confirm`, for issuers who
//! want only this tool, and the binary the crash tests kill and re-run.

use clap::Parser;
use tessera_confirm::ConfirmArgs;

/// tessera-confirm: carry out AMP reissue/distribute/burn requests on your Elements node.
#[derive(Debug, Parser)]
#[command(name = "tessera-confirm", version)]
struct Cli {
    /// Print the outcome as JSON.
    #[arg(long, global = true)]
    json: bool,
    #[command(flatten)]
    args: ConfirmArgs,
}

#[tokio::main]
async fn main() {
    let cli = Cli::parse();
    if let Err(e) = tessera_confirm::run(cli.args, cli.json).await {
        eprintln!("error[{}]: {e}", e.code());
        std::process::exit(e.exit_code());
    }
}
