//! The server's Elements node: an external one (`--elements-url`) or the embedded devnet.
//!
//! Either way the rest of the server talks to it through the typed JSON-RPC client, so the
//! code paths are the ones a real Elements node exercises. The embedded devnet serves its
//! RPC on a loopback port so that `tessera confirm` and curl can use it as the issuer's node.

use super::private_file::write_private;
use anyhow::Context;
use clap::Args;
use rand::RngCore;
use std::net::SocketAddr;
use std::path::Path;
use std::time::Duration;
use tessera_devnet::{Devnet, DevnetConfig};
use tessera_elements_rpc::{CreateWalletOptions, ElementsRpc, NodeUrl, Options, Sats};

/// Node selection flags of `tessera serve`.
#[derive(Debug, Clone, Args)]
pub struct ChainArgs {
    /// Elements node of the server: http://user:pass@host:port[/wallet/NAME]. NAME is the
    /// server's own wallet, which funds issuances (default `tessera`, created if missing).
    /// When unset, an embedded development chain (devnet) in the data directory is used.
    #[arg(long, env = "TESSERA_ELEMENTS_URL", hide_env_values = true)]
    pub elements_url: Option<String>,
    /// Cookie file for the node instead of user:pass in the URL.
    #[arg(long, requires = "elements_url")]
    pub elements_cookie: Option<std::path::PathBuf>,
    /// Loopback address where the embedded devnet's JSON-RPC is served.
    #[arg(long, default_value = "127.0.0.1:18884")]
    pub devnet_rpc_listen: SocketAddr,
    /// Seconds between blocks of the embedded devnet; 0 mines only on `generatetoaddress`.
    #[arg(long, default_value_t = 5)]
    pub devnet_block_interval: u64,
}

/// The node the server uses, and how to reach it from outside.
pub struct Chain {
    /// Client of the node (no wallet selected).
    pub rpc: ElementsRpc,
    /// The server's own wallet on it: the URL's `/wallet/NAME`, else [`SERVER_WALLET`].
    pub wallet: String,
    /// URL to print for operators (password masked), e.g. for `tessera confirm -n`.
    pub display_url: String,
    /// The embedded devnet, if any.
    pub devnet: Option<Devnet>,
}

/// Connects to the configured node, or starts the embedded devnet and serves its RPC.
pub async fn start(args: &ChainArgs, data_dir: &Path) -> anyhow::Result<Chain> {
    if let Some(url) = &args.elements_url {
        let mut node = NodeUrl::parse(url).context("invalid --elements-url")?;
        if let Some(cookie) = &args.elements_cookie {
            node = node.with_cookie_file(cookie);
        }
        let wallet = node.wallet().unwrap_or(SERVER_WALLET).to_owned();
        let node = node.with_wallet(None);
        let display_url = node.to_string();
        let rpc = ElementsRpc::new(node, Options::default())?;
        return Ok(Chain {
            rpc,
            wallet,
            display_url,
            devnet: None,
        });
    }
    let dir = data_dir.join("devnet");
    std::fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let password = devnet_password(&dir)?;
    let mut config = DevnetConfig::new(&dir, "tessera", &password);
    config.block_interval =
        (args.devnet_block_interval > 0).then(|| Duration::from_secs(args.devnet_block_interval));
    let devnet = tokio::task::spawn_blocking(move || Devnet::open(config))
        .await?
        .context("cannot open the embedded devnet")?;
    let listener = tokio::net::TcpListener::bind(args.devnet_rpc_listen)
        .await
        .with_context(|| {
            format!(
                "cannot listen on {} for the devnet RPC",
                args.devnet_rpc_listen
            )
        })?;
    let local = listener.local_addr()?;
    let serving = devnet.clone();
    tokio::spawn(async move {
        if let Err(e) = serving
            .serve(listener, super::serve::shutdown_signal())
            .await
        {
            tracing::error!(error = %e, "devnet RPC server stopped");
        }
    });
    let node = NodeUrl::parse(&format!("http://tessera:{password}@{local}/"))?;
    let rpc = ElementsRpc::new(node, Options::default())?;
    Ok(Chain {
        rpc,
        wallet: SERVER_WALLET.to_owned(),
        display_url: format!("http://tessera:{password}@{local}/"),
        devnet: Some(devnet),
    })
}

/// The devnet RPC password: random on first start, kept in the data dir (mode 0600).
fn devnet_password(dir: &Path) -> anyhow::Result<String> {
    let path = dir.join("rpc-password");
    if let Ok(text) = std::fs::read_to_string(&path) {
        let text = text.trim().to_owned();
        if !text.is_empty() {
            return Ok(text);
        }
    }
    let mut bytes = [0u8; 16];
    rand::thread_rng().fill_bytes(&mut bytes);
    let password: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    write_private(&path, &password)?;
    Ok(password)
}

/// Name of the server's own wallet on its node when the URL names none (it funds issuances).
pub const SERVER_WALLET: &str = "tessera";

/// Loads the server's wallet `name`, creating it on first start (as a descriptor wallet).
/// On a fresh devnet the first wallet created receives the chain's initial L-BTC.
pub async fn ensure_server_wallet(rpc: &ElementsRpc, name: &str) -> anyhow::Result<ElementsRpc> {
    let loaded = rpc.list_wallets().await.context("listwallets")?;
    if !loaded.iter().any(|w| w == name) && rpc.load_wallet(name).await.is_err() {
        let options = CreateWalletOptions {
            descriptors: true,
            ..CreateWalletOptions::default()
        };
        rpc.create_wallet(name, &options)
            .await
            .with_context(|| format!("cannot create the server wallet {name:?} on the node"))?;
    }
    Ok(rpc.wallet(name))
}

/// The server wallet's spendable L-BTC (confirmed, and its own unconfirmed change).
pub async fn wallet_lbtc(wallet: &ElementsRpc) -> anyhow::Result<Sats> {
    let balance = wallet
        .get_balance_with(0, false)
        .await
        .context("getbalance of the server wallet")?;
    Ok(balance.policy_asset().unwrap_or_default())
}
