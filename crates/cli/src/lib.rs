//! Command-line interface of Tessera: `serve`, `issuer`, and the tools around them.
//!
//! Every command takes `--json` for scripts and prints human text otherwise. Commands are
//! library functions so tests can call them in-process.

pub mod commands;
mod output;

use clap::{Parser, Subcommand};

pub use output::Output;

/// Tessera: self-hosted asset management for the Liquid Network.
///
/// Start with `tessera serve` (SQLite and a development chain in ./tessera-data), then
/// create an issuer account with `tessera issuer add --username NAME`.
#[derive(Debug, Parser)]
#[command(name = "tessera", version, about, long_about)]
pub struct Cli {
    /// Print machine-readable JSON instead of text.
    #[arg(long, global = true)]
    pub json: bool,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the HTTP API server and the web console.
    Serve(commands::serve::ServeArgs),
    /// Run the server filled with a realistic example (issuer `demo`, two assets, dozens
    /// of investors, a distribution, transfers) and print the console's URL and login.
    Demo(commands::demo::DemoArgs),
    /// Carry out a reissuance, distribution or burn with your Elements node and report it
    /// (the issuer-side tool; same command line as blockstream-amp-confirm.py).
    Confirm(tessera_confirm::ConfirmArgs),
    /// Run the development chain (a local Elements-compatible JSON-RPC node).
    Devnet(commands::devnet::DevnetArgs),
    /// The investor's managed-account wallet (create, receive, balance).
    Wallet(commands::wallet::WalletArgs),
    /// Manage issuer accounts (works while the server runs).
    #[command(subcommand)]
    Issuer(commands::issuer::IssuerCommand),
}

/// Runs a parsed command line.
pub fn run(cli: Cli) -> anyhow::Result<()> {
    let out = Output::new(cli.json);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async move {
        match cli.command {
            Command::Serve(args) => commands::serve::run(args, out).await,
            Command::Demo(args) => commands::demo::run(args, out).await,
            Command::Issuer(cmd) => commands::issuer::run(cmd, out).await,
            Command::Devnet(args) => commands::devnet::run(args, out).await,
            Command::Wallet(args) => commands::wallet::run(args, out).await,
            Command::Confirm(args) => Ok(tessera_confirm::run(args, cli.json).await?),
        }
    })
}

/// An error and its causes on one line.
pub fn one_line(error: &anyhow::Error) -> String {
    error
        .chain()
        .map(|e| e.to_string())
        .collect::<Vec<_>>()
        .join(": ")
}
