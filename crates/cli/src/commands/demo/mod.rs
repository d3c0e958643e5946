//! `tessera demo`: a living platform in one command.
//!
//! Starts the server exactly as `tessera serve` does (same flags, embedded devnet and
//! SQLite by default), fills it with a realistic example the first time (see [`seed`]),
//! and prints the console's URL and the demo issuer's login. Every step goes through the
//! same use cases, wallets and confirm tool a real issuer uses; nothing is written to the
//! database behind their back.

mod seed;

use super::private_file::write_private;
use super::serve::{self, ServeArgs};
use crate::Output;
use anyhow::Context;
use clap::Args;
use serde_json::json;

/// Flags of `tessera demo` (those of `tessera serve`, plus how many investors).
#[derive(Debug, Args)]
pub struct DemoArgs {
    #[command(flatten)]
    serve: ServeArgs,
    /// Investors to create, each with a managed account.
    #[arg(long, default_value_t = 30, value_parser = clap::value_parser!(u16).range(4..=200))]
    investors: u16,
}

/// The demo issuer's login name.
pub const USERNAME: &str = "demo";

/// The default limits, except per client address: the demo creates its investors' wallets
/// and pays through its own API from loopback (about 6 wallet calls and 2 logins per
/// investor), which the default per-address rates would hold back for minutes. Per
/// username, failure backoff and everything else stay as in `tessera serve`.
fn throttle(investors: u16) -> tessera_app::ThrottleConfig {
    let calls = 100 + 8 * u32::from(investors);
    let defaults = tessera_app::ThrottleConfig::default();
    tessera_app::ThrottleConfig {
        logins_per_address: tessera_app::Rate {
            burst: calls,
            ..defaults.logins_per_address
        },
        writes_per_address: tessera_app::Rate {
            burst: calls,
            ..defaults.writes_per_address
        },
        ..defaults
    }
}

/// Runs the demo server until SIGINT or SIGTERM.
pub async fn run(args: DemoArgs, out: Output) -> anyhow::Result<()> {
    let dir = args.serve.data_dir().join("demo");
    std::fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let started = serve::start_with(args.serve, Output::silent(), throttle(args.investors)).await?;
    let done = dir.join("seeded.json");
    let seeded: seed::Seeded = match std::fs::read(&done) {
        Ok(bytes) => serde_json::from_slice(&bytes).context("demo/seeded.json")?,
        Err(_) => {
            eprintln!("Filling the demo platform (assets, investors, a distribution, transfers; about a minute)…");
            let seeded = seed::seed(&started, &dir, usize::from(args.investors)).await?;
            write_private(&done, &serde_json::to_string_pretty(&seeded)?)?;
            seeded
        }
    };
    let console = format!("{}/", started.base_url);
    out.result(
        &format!(
            "Tessera demo is running.\n\n  Console:  {console}\n  Login:    {USERNAME} / {}\n\n  API:      {}/api\n  Node:     {} (the issuer's wallet: {})\n\nCtrl-C to stop; run `tessera demo` again with the same --data-dir to come back.",
            seeded.password, started.base_url, started.node_url, seeded.issuer_wallet_url
        ),
        json!({
            "console": console, "username": USERNAME, "password": seeded.password,
            "api": format!("{}/api", started.base_url), "node": started.node_url,
            "issuer_wallet": seeded.issuer_wallet_url, "assets": seeded.assets,
            "investor_wallets": seeded.investor_wallets,
        }),
    );
    started.server.await??;
    Ok(())
}
