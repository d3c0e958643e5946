//! `tessera devnet`: the development chain as a standalone JSON-RPC server.
//!
//! It speaks the subset of Elements Core's JSON-RPC that Tessera uses, so that `tessera
//! confirm`, curl, or another `tessera serve --elements-url` can use it as their node.

use crate::Output;
use anyhow::Context;
use clap::Args;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;
use tessera_devnet::DevnetConfig;

/// Flags of `tessera devnet`.
#[derive(Debug, Args)]
pub struct DevnetArgs {
    /// Address of the JSON-RPC server.
    #[arg(long, default_value = "127.0.0.1:18884")]
    listen: SocketAddr,
    /// Where the chain, mempool and wallets are kept.
    #[arg(long, default_value = "./devnet-data")]
    data_dir: PathBuf,
    /// RPC user (HTTP basic auth), as elementsd's -rpcuser.
    #[arg(long, default_value = "user")]
    rpcuser: String,
    /// RPC password, as elementsd's -rpcpassword.
    #[arg(
        long,
        env = "TESSERA_DEVNET_RPCPASSWORD",
        default_value = "pass",
        hide_env_values = true
    )]
    rpcpassword: String,
    /// Mine a block every SECS seconds; 0 mines only on `generatetoaddress`.
    #[arg(long, default_value_t = 0)]
    block_interval: u64,
}

/// Runs the devnet until SIGINT or SIGTERM.
pub async fn run(args: DevnetArgs, out: Output) -> anyhow::Result<()> {
    super::serve::init_logging(false);
    let mut config = DevnetConfig::new(&args.data_dir, &args.rpcuser, &args.rpcpassword);
    config.block_interval =
        (args.block_interval > 0).then(|| Duration::from_secs(args.block_interval));
    let listener = tokio::net::TcpListener::bind(args.listen)
        .await
        .with_context(|| format!("cannot listen on {}", args.listen))?;
    let local = listener.local_addr()?;
    out.result(
        &format!(
            "devnet JSON-RPC on http://{}:***@{local}/ (chain elementsregtest, data in {})",
            args.rpcuser,
            args.data_dir.display()
        ),
        serde_json::json!({ "listen": local.to_string(), "data_dir": args.data_dir }),
    );
    tessera_devnet::run(config, listener, super::serve::shutdown_signal())
        .await
        .context("devnet stopped")?;
    Ok(())
}
