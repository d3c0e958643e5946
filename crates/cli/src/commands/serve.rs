//! `tessera serve`: the HTTP API server with its background jobs.

use super::chain::ChainArgs;
use super::store_args::StoreArgs;
use crate::Output;
use anyhow::Context;
use clap::Args;
use std::net::SocketAddr;
use std::sync::Arc;
use tessera_app::transfers::{Authorizer, AuthorizerConfig, TransferSettings};
use tessera_app::watcher::ChainWatcher;
use tessera_app::{App, AuthConfig, StoreAccounts, SystemClock};
use tessera_custody::{CosignerMaster, Network};
use tessera_elements_rpc::Sats;

/// Flags of `tessera serve`.
#[derive(Debug, Args)]
pub struct ServeArgs {
    #[command(flatten)]
    store: StoreArgs,
    #[command(flatten)]
    chain: ChainArgs,
    /// Address to listen on.
    #[arg(long, env = "TESSERA_LISTEN", default_value = "127.0.0.1:8080")]
    listen: SocketAddr,
    /// How long an API token stays valid, in hours.
    #[arg(long, default_value_t = 24, value_parser = clap::value_parser!(u32).range(1..=8760))]
    token_ttl_hours: u32,
    /// The platform's co-signer master key (created, mode 0600, on first start).
    /// Default: cosigner.key in the data directory.
    #[arg(long, env = "TESSERA_COSIGNER_KEY_FILE")]
    cosigner_key_file: Option<std::path::PathBuf>,
    /// Seconds between polls of the node by the chain watcher.
    #[arg(long, default_value_t = 1)]
    watch_interval: u64,
    /// Seconds to wait for an issuer authorization endpoint before refusing the transfer.
    #[arg(long, default_value_t = 5, value_parser = clap::value_parser!(u64).range(1..=60))]
    authorizer_timeout: u64,
    /// Development only: allow plain-http authorization endpoints on a loopback host
    /// (otherwise only https endpoints are called).
    #[arg(long)]
    authorizer_allow_http_loopback: bool,
    /// Non-public IP addresses authorization endpoints may resolve to (repeat or separate
    /// with commas). Loopback, private, link-local (metadata) and other special addresses
    /// are refused unless listed here.
    #[arg(long, value_delimiter = ',')]
    authorizer_allow_ip: Vec<std::net::IpAddr>,
    /// The largest explicit fee, in L-BTC satoshi, the co-signer signs for a transfer.
    #[arg(long, default_value_t = tessera_app::transfers::DEFAULT_MAX_FEE)]
    max_fee: u64,
    /// Login attempts one client address may make in a burst (then one per 6 s). Raise it
    /// when many users share one address (a NAT, or an end-to-end test on loopback).
    #[arg(long, env = "TESSERA_LOGINS_PER_ADDRESS", default_value_t = 10,
          value_parser = clap::value_parser!(u32).range(1..))]
    logins_per_address: u32,
    /// Unauthenticated wallet calls (co-signer key, account, challenge) one client address
    /// may make in a burst (then one per 3 s).
    #[arg(long, env = "TESSERA_WALLET_WRITES_PER_ADDRESS", default_value_t = 20,
          value_parser = clap::value_parser!(u32).range(1..))]
    wallet_writes_per_address: u32,
    #[command(flatten)]
    notices: super::notice_args::NoticeArgs,
    /// Log lines as JSON (for log collectors).
    #[arg(long)]
    log_json: bool,
}

/// A started server: its application, addresses, and the task serving HTTP.
pub struct Started {
    /// The application the API and console serve.
    pub app: App,
    /// `http://ADDR` the server listens on.
    pub base_url: String,
    /// The node's JSON-RPC URL (with credentials for the embedded devnet).
    pub node_url: String,
    /// Serves until SIGINT or SIGTERM.
    pub server: tokio::task::JoinHandle<std::io::Result<()>>,
}

impl ServeArgs {
    /// The data directory.
    pub fn data_dir(&self) -> &std::path::Path {
        &self.store.data_dir
    }
}

/// Runs the server until SIGINT or SIGTERM.
pub async fn run(args: ServeArgs, out: Output) -> anyhow::Result<()> {
    let started = start(args, out).await?;
    started.server.await??;
    tracing::info!("stopped");
    Ok(())
}

/// Opens the store and the chain, starts the background jobs and the HTTP server (API at
/// `/api`, console at `/`), and returns once it listens.
pub async fn start(args: ServeArgs, out: Output) -> anyhow::Result<Started> {
    let defaults = tessera_app::ThrottleConfig::default();
    let throttle = tessera_app::ThrottleConfig {
        logins_per_address: tessera_app::Rate {
            burst: args.logins_per_address,
            ..defaults.logins_per_address
        },
        writes_per_address: tessera_app::Rate {
            burst: args.wallet_writes_per_address,
            ..defaults.writes_per_address
        },
        ..defaults
    };
    start_with(args, out, throttle).await
}

/// [`start`] with other limits for unauthenticated calls (`tessera demo` fills its
/// platform through its own API from one address).
pub async fn start_with(
    args: ServeArgs,
    out: Output,
    throttle: tessera_app::ThrottleConfig,
) -> anyhow::Result<Started> {
    init_logging(args.log_json);
    let store = tessera_store::open(&args.store.config())
        .await
        .context("cannot open the store")?;
    let auth = AuthConfig {
        token_ttl_seconds: i64::from(args.token_ttl_hours) * 3600,
    };
    let chain = super::chain::start(&args.chain, &args.store.data_dir).await?;
    let info =
        chain.rpc.get_blockchain_info().await.with_context(|| {
            format!("the Elements node at {} does not answer", chain.display_url)
        })?;
    let network = network_of(&info.chain)?;
    let key_file = args
        .cosigner_key_file
        .clone()
        .unwrap_or_else(|| args.store.data_dir.join("cosigner.key"));
    let cosigner = CosignerMaster::load_or_create(&key_file, network)
        .with_context(|| format!("co-signer key {}", key_file.display()))?;
    let accounts = Arc::new(StoreAccounts(store.clone()));
    let server_wallet = super::chain::ensure_server_wallet(&chain.rpc, &chain.wallet).await?;
    let lbtc = super::chain::wallet_lbtc(&server_wallet).await?;
    let node_kind = if chain.devnet.is_some() {
        "embedded devnet"
    } else {
        "Elements node"
    };
    out.result(
        &format!(
            "Chain: {node_kind} at {} (chain {}, {} blocks); server wallet {:?} holds {lbtc} L-BTC",
            chain.display_url, info.chain, info.blocks, chain.wallet
        ),
        serde_json::json!({
            "node": chain.display_url, "chain": info.chain, "blocks": info.blocks,
            "wallet": chain.wallet, "wallet_lbtc": lbtc.to_string(), "can_pay_fees": lbtc > Sats::ZERO,
        }),
    );
    if lbtc == Sats::ZERO {
        tracing::warn!(wallet = %chain.wallet,
            "the server wallet holds no L-BTC: it cannot pay issuance fees until it is funded \
             (send L-BTC to an address from `getnewaddress` on /wallet/{})", chain.wallet);
    }
    let app = App::new(store, Arc::new(SystemClock), accounts, auth)
        .with_cosigner(Arc::new(cosigner))
        .with_node(server_wallet)
        .with_transfer_settings(transfer_settings(&args))
        .with_throttle(throttle);
    let watcher = ChainWatcher::new(app.clone(), chain.rpc.clone());
    tokio::spawn(watcher.run(
        std::time::Duration::from_secs(args.watch_interval.max(1)),
        shutdown_signal(),
    ));
    args.notices.spawn(app.clone(), shutdown_signal())?;
    tokio::spawn(
        app.clone()
            .run_session_purge(std::time::Duration::from_secs(3600), shutdown_signal()),
    );
    let listener = tokio::net::TcpListener::bind(args.listen)
        .await
        .with_context(|| format!("cannot listen on {}", args.listen))?;
    let local = listener.local_addr()?;
    out.result(
        &format!(
            "Tessera console at http://{local}/ and API at http://{local}/api (Ctrl-C to stop)"
        ),
        serde_json::json!({ "listen": local.to_string() }),
    );
    tracing::info!(%local, "listening");
    let console = tessera_console::router(app.clone());
    let server = tokio::spawn(tessera_server::run_with(
        listener,
        app.clone(),
        console,
        shutdown_signal(),
    ));
    // The devnet keeps running as long as its handle lives: the server task owns it.
    let devnet = chain.devnet;
    let server = tokio::spawn(async move {
        let result = server.await.map_err(std::io::Error::other)?;
        drop(devnet);
        result
    });
    Ok(Started {
        app,
        base_url: format!("http://{local}"),
        node_url: chain.display_url,
        server,
    })
}

/// How transfers are decided: the authorization endpoints' client from the flags.
fn transfer_settings(args: &ServeArgs) -> TransferSettings {
    let config = AuthorizerConfig {
        timeout: std::time::Duration::from_secs(args.authorizer_timeout),
        allow_http_loopback: args.authorizer_allow_http_loopback,
        allowed_ips: args.authorizer_allow_ip.clone(),
    };
    TransferSettings {
        authorizer: Authorizer::new(config),
        max_fee: args.max_fee,
        ..TransferSettings::default()
    }
}

/// The key network of a node's chain name.
fn network_of(chain: &str) -> anyhow::Result<Network> {
    match chain {
        "liquidv1" => Ok(Network::Liquid),
        "liquidtestnet" => Ok(Network::LiquidTestnet),
        "elementsregtest" | "liquidregtest" => Ok(Network::ElementsRegtest),
        other => anyhow::bail!("unsupported chain {other:?}: Tessera runs on liquidv1, liquidtestnet or elementsregtest"),
    }
}

pub(crate) fn init_logging(json: bool) {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    // A second init (tests) keeps the first subscriber.
    let _ = if json {
        builder.json().try_init()
    } else {
        builder.try_init()
    };
}

/// Completes on SIGINT (Ctrl-C) or SIGTERM.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutdown requested; finishing requests in flight");
}
