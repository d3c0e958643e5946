//! Helpers of `wallet_e2e.rs`: the real `tessera` binary (server, wallet, issuer
//! commands) on the devnet or a real node, a funded wallet of that node, and the
//! wallet-side unblinding of outputs.

use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::str::FromStr;
use std::time::{Duration, Instant};
use tessera_custody::{Challenge, InvestorKeys, InvestorMnemonic, Network};
use tessera_elements_rpc::{ElementsRpc, NodeUrl, Options, Recipient, Sats};
use tessera_test_util::Chain;

/// `tessera serve` on a data dir and a chain; killed when dropped.
pub struct Serve {
    child: Child,
    pub api: String,
    pub node: ElementsRpc,
}

impl Serve {
    pub fn start(data: &Path, listen: &str, chain: &Chain) -> Self {
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
            .args(["--listen", listen])
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
            node,
        }
    }

    /// SIGTERM, then wait: the graceful path.
    pub fn stop(mut self) {
        let status = Command::new("kill")
            .arg(self.child.id().to_string())
            .status()
            .unwrap();
        assert!(status.success());
        let exit = self.child.wait().unwrap();
        assert!(exit.success(), "exit status {exit:?}");
    }
}

impl Drop for Serve {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Runs `tessera ARGS` to completion (no passphrase from the environment, no terminal).
pub async fn tessera(args: &[&str]) -> std::process::Output {
    tokio::process::Command::new(env!("CARGO_BIN_EXE_tessera"))
        .args(args)
        .env_remove("TESSERA_WALLET_PASSPHRASE")
        .env_remove("TESSERA_SERVER")
        .env_remove("TESSERA_WALLET_DIR")
        .stdin(Stdio::null())
        .output()
        .await
        .unwrap()
}

/// Runs `tessera --json ARGS`, asserts success and parses its output.
pub async fn tessera_json(args: &[&str]) -> Value {
    let mut all = vec!["--json"];
    all.extend_from_slice(args);
    let out = tessera(&all).await;
    assert!(
        out.status.success(),
        "tessera {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    serde_json::from_str(&text)
        .unwrap_or_else(|e| panic!("tessera {args:?}: not JSON ({e}): {text}"))
}

/// A wallet created by `tessera wallet create`.
pub struct Wallet {
    dir: PathBuf,
    pub gaid: String,
    pub keys: InvestorKeys,
    passphrase_file: Option<PathBuf>,
}

impl Wallet {
    pub async fn create(server: &str, dir: PathBuf, passphrase_file: Option<PathBuf>) -> Self {
        let dir_text = dir.to_str().unwrap().to_owned();
        let mut args = vec![
            "wallet",
            "--wallet-dir",
            &dir_text,
            "create",
            "--server",
            server,
        ];
        let pf = passphrase_file
            .as_ref()
            .map(|p| p.to_str().unwrap().to_owned());
        if let Some(pf) = &pf {
            args.extend(["--encrypt", "--passphrase-file", pf]);
        }
        let created = tessera_json(&args).await;
        let gaid = created["gaid"].as_str().unwrap().to_owned();
        let mnemonic = InvestorMnemonic::parse(created["mnemonic"].as_str().unwrap()).unwrap();
        let keys = InvestorKeys::from_mnemonic(&mnemonic, "", Network::ElementsRegtest).unwrap();
        Self {
            dir,
            gaid,
            keys,
            passphrase_file,
        }
    }

    /// `tessera --json wallet ... COMMAND` with this wallet's dir and passphrase.
    pub async fn run(&self, command: &str) -> Value {
        let dir = self.dir.to_str().unwrap();
        let mut args = vec!["wallet", "--wallet-dir", dir];
        let pf = self
            .passphrase_file
            .as_ref()
            .map(|p| p.to_str().unwrap().to_owned());
        if let Some(pf) = &pf {
            args.extend(["--passphrase-file", pf.as_str()]);
        }
        args.push(command);
        tessera_json(&args).await
    }

    /// Balances as `tessera wallet balance --json` shows them.
    pub async fn balance(&self) -> BTreeMap<String, i64> {
        balances(&self.run("balance").await)
    }

    /// Logs in over the API with the wallet's key, as the wallet does.
    pub async fn token(&self, api: &str) -> String {
        let http = reqwest::Client::new();
        let c: Value = http
            .post(format!("{api}/api/wallet/challenge"))
            .json(&json!({ "gaid": self.gaid }))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let challenge = c["challenge"].as_str().unwrap();
        let signature = self
            .keys
            .sign_challenge(&Challenge::from_str(challenge).unwrap())
            .unwrap();
        let t: Value = http
            .post(format!("{api}/api/wallet/login"))
            .json(&json!({ "gaid": self.gaid, "challenge": challenge, "signature": signature.to_string() }))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        t["token"].as_str().expect("a wallet token").to_owned()
    }
}

pub fn balances(body: &Value) -> BTreeMap<String, i64> {
    body.as_array()
        .unwrap_or_else(|| panic!("not a list: {body}"))
        .iter()
        .map(|b| {
            (
                b["asset_id"].as_str().unwrap().to_owned(),
                b["balance"].as_i64().unwrap(),
            )
        })
        .collect()
}

pub async fn get(url: String, auth: &str) -> Value {
    let resp = reqwest::Client::new()
        .get(&url)
        .header("authorization", auth)
        .send()
        .await
        .unwrap();
    assert!(resp.status().is_success(), "{url}: {}", resp.status());
    resp.json().await.unwrap()
}

/// The server's balances of a wallet, once the chain watcher shows `expected` (it polls the
/// node every second); the last answer if it never does.
pub async fn server_balance_when(
    api: &str,
    token: &str,
    expected: &BTreeMap<String, i64>,
) -> BTreeMap<String, i64> {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let seen = balances(
            &get(
                format!("{api}/api/wallet/balance"),
                &format!("wallet {token}"),
            )
            .await,
        );
        if &seen == expected || Instant::now() > deadline {
            return seen;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// A funded wallet of the server's node that pays and mines.
pub struct Funder {
    node: ElementsRpc,
    wallet: ElementsRpc,
    miner: String,
}

impl Funder {
    pub async fn new(node: &ElementsRpc) -> Self {
        // The server's own wallet holds the chain's initial coins (`tessera serve` creates
        // it first on a fresh devnet; the real node's harness sweeps them into it); it
        // funds the payments of these tests.
        let wallet = node.wallet("tessera");
        let miner = wallet.get_new_address().await.unwrap();
        Self {
            node: node.clone(),
            wallet,
            miner,
        }
    }

    pub async fn issue(&self, amount: u64) -> String {
        let issued = self
            .wallet
            .issue_asset(
                Sats::from_sat(amount),
                Sats::from_sat(1),
                &Default::default(),
            )
            .await
            .unwrap();
        self.mine(1).await;
        issued.asset.to_string()
    }

    /// One transaction paying `(address, amount, asset id)`, one payment per address.
    pub async fn pay(&self, payments: &[(&str, u64, &str)]) -> String {
        let recipients: Vec<Recipient> = payments
            .iter()
            .map(|(address, amount, asset)| {
                Recipient::new(*address, Sats::from_sat(*amount), asset.parse().unwrap())
            })
            .collect();
        self.wallet
            .send_many(&recipients)
            .await
            .unwrap()
            .to_string()
    }

    pub async fn mine(&self, blocks: u64) {
        self.node
            .generate_to_address(blocks, &self.miner)
            .await
            .unwrap();
    }
}

pub fn lbtc() -> String {
    tessera_devnet::policy_asset().to_string()
}

/// What the wallet's own blinding key (SLIP-77, from its mnemonic) reads in the outputs of
/// `txids` in the node's tip block: (txid, vout) -> (asset id, amount).
pub async fn unblind_own_outputs(
    node: &ElementsRpc,
    keys: &InvestorKeys,
    txids: &[&str],
) -> BTreeMap<(String, u32), (String, u64)> {
    let tip = node.get_best_block_hash().await.unwrap();
    let block = node.get_block_raw(&tip).await.unwrap();
    let master = keys.master_blinding_key();
    let mut found = BTreeMap::new();
    for tx in &block.txdata {
        let txid = tx.txid().to_string();
        if !txids.contains(&txid.as_str()) {
            continue;
        }
        for (vout, out) in tx.output.iter().enumerate() {
            let secret = master.blinding_private_key(&out.script_pubkey);
            if let Ok(u) = tessera_custody::unblind(out, &secret) {
                let vout = u32::try_from(vout).unwrap();
                found.insert((txid.clone(), vout), (u.asset.to_string(), u.value));
            }
        }
    }
    found
}

pub fn sums(outputs: &BTreeMap<(String, u32), (String, u64)>) -> BTreeMap<String, i64> {
    let mut out = BTreeMap::new();
    for (asset, amount) in outputs.values() {
        *out.entry(asset.clone()).or_default() += i64::try_from(*amount).unwrap();
    }
    out
}

pub fn utxos(body: &Value) -> BTreeMap<(String, u32), (String, u64)> {
    body.as_array()
        .unwrap()
        .iter()
        .map(|u| {
            (
                (
                    u["txid"].as_str().unwrap().to_owned(),
                    u32::try_from(u["vout"].as_u64().unwrap()).unwrap(),
                ),
                (
                    u["asset_id"].as_str().unwrap().to_owned(),
                    u["amount"].as_u64().unwrap(),
                ),
            )
        })
        .collect()
}

/// Creates an issuer with the CLI (next to the running server) and logs it in.
pub async fn issuer_token(data: &Path, api: &str) -> String {
    let password = data.join("issuer-password");
    std::fs::write(&password, "correct horse battery\n").unwrap();
    tessera_json(&[
        "issuer",
        "add",
        "--data-dir",
        data.to_str().unwrap(),
        "--username",
        "issuer",
        "--password-file",
        password.to_str().unwrap(),
    ])
    .await;
    let t: Value = reqwest::Client::new()
        .post(format!("{api}/api/user/obtain_token"))
        .json(&json!({ "username": "issuer", "password": "correct horse battery" }))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    t["token"].as_str().expect("an issuer token").to_owned()
}

/// A loopback port free right now, so a restarted server keeps the URL its wallets saved.
pub fn free_port() -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    listener.local_addr().unwrap().to_string()
}
