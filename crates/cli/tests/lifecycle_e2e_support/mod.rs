//! Helpers of `lifecycle_e2e.rs`: the real server with its devnet node URL, a background
//! miner (the confirm tool waits for 2 confirmations), the issuer's devnet wallet, and
//! `tessera confirm` runs on files the API returned.

use serde_json::{json, Value};
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};
use tessera_elements_rpc::{ElementsRpc, NodeUrl, Options, Sats};
use tessera_test_util::Chain;

pub const PASSWORD: &str = "correct horse battery";

/// `tessera serve` on `chain`, with the node's URL; killed when dropped.
pub struct Server {
    child: Child,
    pub api: String,
    pub node_url: String,
    pub node: ElementsRpc,
}

impl Server {
    pub fn start(data: &Path, chain: &Chain) -> Self {
        let mut child = Command::new(env!("CARGO_BIN_EXE_tessera"))
            .args([
                "--json",
                "serve",
                "--logins-per-address",
                "10000",
                "--wallet-writes-per-address",
                "10000",
                "--data-dir",
            ])
            .arg(data)
            .args(["--listen", "127.0.0.1:0"])
            .args(chain.serve_args())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("tessera serve starts");
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        let mut next = || -> Value {
            let line = lines.next().expect("a line").expect("readable");
            serde_json::from_str(&line).unwrap_or_else(|_| panic!("not JSON: {line}"))
        };
        let printed = next();
        let api = next();
        let node_url = chain.node_url(printed["node"].as_str().unwrap());
        let node =
            ElementsRpc::new(NodeUrl::parse(&node_url).unwrap(), Options::default()).unwrap();
        Self {
            child,
            api: format!("http://{}", api["listen"].as_str().unwrap()),
            node_url,
            node,
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The issuer's own Elements wallet ("issuer"), funded with L-BTC from the server's
/// `tessera` wallet (which holds the chain's free coins on the devnet and the real node).
pub struct IssuerWallet {
    pub rpc: ElementsRpc,
    pub url: String,
    miner: String,
    node: ElementsRpc,
}

impl IssuerWallet {
    pub async fn create(server: &Server) -> Self {
        server
            .node
            .create_wallet("issuer", &Default::default())
            .await
            .unwrap();
        let rpc = server.node.wallet("issuer");
        let to = rpc.get_new_address().await.unwrap();
        server
            .node
            .wallet("tessera")
            .send_to_address(&to, Sats::from_sat(5_000_000_000), None)
            .await
            .unwrap();
        let w = Self {
            miner: rpc.get_new_address().await.unwrap(),
            url: format!("{}/wallet/issuer", server.node_url),
            node: server.node.clone(),
            rpc,
        };
        w.mine(1).await;
        w
    }

    pub async fn mine(&self, blocks: u64) {
        self.node
            .generate_to_address(blocks, &self.miner)
            .await
            .unwrap();
    }

    /// `getbalance "*" 0 false` of one asset, base units.
    pub async fn balance_of(&self, asset_id: &str) -> i64 {
        let all: Value = self
            .rpc
            .call("getbalance", vec![json!("*"), json!(0), json!(false)])
            .await
            .unwrap();
        let coins = all.get(asset_id).and_then(Value::as_f64).unwrap_or(0.0);
        (coins * 100_000_000.0).round() as i64
    }

    /// Mines a block every 200 ms until the returned guard is dropped.
    pub fn keep_mining(&self) -> Miner {
        let stop = Arc::new(AtomicBool::new(false));
        let (node, miner, flag) = (self.node.clone(), self.miner.clone(), stop.clone());
        tokio::spawn(async move {
            while !flag.load(Ordering::Relaxed) {
                let _ = node.generate_to_address(1, &miner).await;
                tokio::time::sleep(Duration::from_millis(200)).await;
            }
        });
        Miner(stop)
    }
}

/// Stops the background miner when dropped.
pub struct Miner(Arc<AtomicBool>);

impl Drop for Miner {
    fn drop(&mut self) {
        self.0.store(true, Ordering::Relaxed);
    }
}

/// Writes `file` to a new file in `dir` and runs `tessera confirm COMMAND -f FILE` against the
/// issuer's wallet, asserting success.
pub async fn confirm(dir: &Path, wallet: &IssuerWallet, command: &str, file: &Value) -> String {
    static RUNS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    // A file per run: the tool keeps a journal beside it and would resume an earlier run.
    let run = RUNS.fetch_add(1, Ordering::Relaxed);
    let path = dir.join(format!("{command}-{run}.json"));
    std::fs::write(&path, serde_json::to_vec_pretty(file).unwrap()).unwrap();
    let _miner = wallet.keep_mining();
    let out = tokio::process::Command::new(env!("CARGO_BIN_EXE_tessera"))
        .args([
            "confirm",
            "-u",
            "issuer",
            "-p",
            PASSWORD,
            "-n",
            &wallet.url,
            command,
            "-f",
        ])
        .arg(&path)
        .args(["--poll-interval", "0.2", "--timeout", "60"])
        .stdin(Stdio::null())
        .output()
        .await
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).to_string();
    assert!(
        out.status.success(),
        "tessera confirm {command} failed: {stderr}\nfile: {file}"
    );
    String::from_utf8_lossy(&out.stdout).to_string()
}

/// Polls `check` every 200 ms for up to 30 s.
pub async fn eventually<F, Fut>(what: &str, mut check: F)
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    let deadline = Instant::now() + Duration::from_secs(30);
    while !check().await {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

/// `tessera confirm update-blinders -a UUID -b BASE_URL` against `wallet_url` (the wallet
/// that made the issuance: the server's own), asserting success.
pub async fn update_blinders(api: &str, wallet_url: &str, uuid: &str) {
    let base = format!("{api}/api/{{}}");
    let out = tokio::process::Command::new(env!("CARGO_BIN_EXE_tessera"))
        .args(["confirm", "-u", "issuer", "-p", PASSWORD, "-n", wallet_url])
        .args(["update-blinders", "-a", uuid, "-b", &base])
        .stdin(Stdio::null())
        .output()
        .await
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).to_string();
    assert!(out.status.success(), "update-blinders failed: {stderr}");
}
