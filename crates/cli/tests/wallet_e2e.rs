//! `tessera wallet` against `tessera serve` on its embedded devnet, driven as users would:
//! the real binary, JSON output, payments from a devnet wallet to the addresses the server
//! hands out. The server's view, the wallet's view and the wallet's own unblinding must
//! agree to the base unit.

#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::str::FromStr;
use std::time::{Duration, Instant};
use tessera_custody::{Challenge, InvestorKeys, InvestorMnemonic, Network};
use tessera_elements_rpc::{ElementsRpc, NodeUrl, Options, Recipient, Sats};

/// `tessera serve` on a data dir; killed when dropped.
struct Serve {
    child: Child,
    api: String,
    node: ElementsRpc,
}

impl Serve {
    fn start(data: &Path, listen: &str) -> Self {
        let mut child = Command::new(env!("CARGO_BIN_EXE_tessera"))
            .args(["--json", "serve", "--data-dir"])
            .arg(data)
            .args(["--listen", listen, "--devnet-rpc-listen", "127.0.0.1:0"])
            .args(["--devnet-block-interval", "0"])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("tessera serve starts");
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        let mut next = || -> Value {
            let line = lines.next().expect("a line").expect("readable");
            serde_json::from_str(&line).unwrap_or_else(|_| panic!("not JSON: {line}"))
        };
        let chain = next();
        let api = next();
        let node = ElementsRpc::new(
            NodeUrl::parse(chain["node"].as_str().unwrap()).unwrap(),
            Options::default(),
        )
        .unwrap();
        Self {
            child,
            api: format!("http://{}", api["listen"].as_str().unwrap()),
            node,
        }
    }

    /// SIGTERM, then wait: the graceful path.
    fn stop(mut self) {
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
async fn tessera(args: &[&str]) -> std::process::Output {
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
async fn tessera_json(args: &[&str]) -> Value {
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
struct Wallet {
    dir: PathBuf,
    gaid: String,
    keys: InvestorKeys,
    passphrase_file: Option<PathBuf>,
}

impl Wallet {
    async fn create(server: &str, dir: PathBuf, passphrase_file: Option<PathBuf>) -> Self {
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
    async fn run(&self, command: &str) -> Value {
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
    async fn balance(&self) -> BTreeMap<String, i64> {
        balances(&self.run("balance").await)
    }

    /// Logs in over the API with the wallet's key, as the wallet does.
    async fn token(&self, api: &str) -> String {
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

fn balances(body: &Value) -> BTreeMap<String, i64> {
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

async fn get(url: String, auth: &str) -> Value {
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
async fn server_balance_when(
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

/// A funded devnet wallet that pays and mines.
struct Funder {
    node: ElementsRpc,
    wallet: ElementsRpc,
    miner: String,
}

impl Funder {
    async fn new(node: &ElementsRpc) -> Self {
        // On a restarted server the funder exists already: loaded, or to be loaded.
        let loaded = node.list_wallets().await.unwrap();
        if !loaded.iter().any(|w| w == "funder")
            && node
                .create_wallet("funder", &Default::default())
                .await
                .is_err()
        {
            node.load_wallet("funder").await.unwrap();
        }
        let wallet = node.wallet("funder");
        let miner = wallet.get_new_address().await.unwrap();
        Self {
            node: node.clone(),
            wallet,
            miner,
        }
    }

    async fn issue(&self, amount: u64) -> String {
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
    async fn pay(&self, payments: &[(&str, u64, &str)]) -> String {
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

    async fn mine(&self, blocks: u64) {
        self.node
            .generate_to_address(blocks, &self.miner)
            .await
            .unwrap();
    }
}

fn lbtc() -> String {
    tessera_devnet::policy_asset().to_string()
}

/// What the wallet's own blinding key (SLIP-77, from its mnemonic) reads in the outputs of
/// `txids` in the node's tip block: (txid, vout) -> (asset id, amount).
async fn unblind_own_outputs(
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

fn sums(outputs: &BTreeMap<(String, u32), (String, u64)>) -> BTreeMap<String, i64> {
    let mut out = BTreeMap::new();
    for (asset, amount) in outputs.values() {
        *out.entry(asset.clone()).or_default() += i64::try_from(*amount).unwrap();
    }
    out
}

fn utxos(body: &Value) -> BTreeMap<(String, u32), (String, u64)> {
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
async fn issuer_token(data: &Path, api: &str) -> String {
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

#[tokio::test]
async fn two_wallets_receive_confidential_payments_and_server_wallets_and_keys_agree() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let serve = Serve::start(&data, "127.0.0.1:0");
    let api = serve.api.clone();
    let passphrase = dir.path().join("passphrase");
    std::fs::write(&passphrase, "a long wallet passphrase\n").unwrap();
    let alice = Wallet::create(&api, dir.path().join("alice"), None).await;
    let bob = Wallet::create(&api, dir.path().join("bob"), Some(passphrase)).await;
    assert_ne!(alice.gaid, bob.gaid);
    let issuer = issuer_token(&data, &api).await;

    // Addresses from the wallet (`tessera wallet receive`) and from the issuer's API.
    let alice_receive = alice.run("receive").await;
    let bob_receive = bob.run("receive").await;
    let alice_issued = get(
        format!("{api}/api/gaids/{}/address", alice.gaid),
        &format!("token {issuer}"),
    )
    .await;
    let bob_issued = get(
        format!("{api}/api/gaids/{}/address", bob.gaid),
        &format!("token {issuer}"),
    )
    .await;
    assert_eq!(
        (
            alice_receive["index"].as_u64(),
            alice_issued["index"].as_u64()
        ),
        (Some(0), Some(1))
    );
    assert_eq!(
        (bob_receive["index"].as_u64(), bob_issued["index"].as_u64()),
        (Some(0), Some(1))
    );
    let address = |v: &Value| v["address"].as_str().unwrap().to_owned();

    let funder = Funder::new(&serve.node).await;
    let asset = funder.issue(10_000_000).await;
    let txid = funder
        .pay(&[
            (&address(&alice_receive), 1_500_001, &asset),
            (&address(&alice_issued), 123_456, &lbtc()),
            (&address(&bob_receive), 2_345, &asset),
            (&address(&bob_issued), 10_000, &lbtc()),
        ])
        .await;
    funder.mine(1).await;

    let alice_expected = BTreeMap::from([(asset.clone(), 1_500_001), (lbtc(), 123_456)]);
    let bob_expected = BTreeMap::from([(asset.clone(), 2_345), (lbtc(), 10_000)]);
    let (alice_token, bob_token) = (alice.token(&api).await, bob.token(&api).await);
    assert_eq!(
        server_balance_when(&api, &alice_token, &alice_expected).await,
        alice_expected
    );
    assert_eq!(
        server_balance_when(&api, &bob_token, &bob_expected).await,
        bob_expected
    );

    // The wallets show the same, and their own keys read the same outputs the server lists.
    assert_eq!(alice.balance().await, alice_expected);
    assert_eq!(bob.balance().await, bob_expected);
    for (wallet, token, expected) in [
        (&alice, &alice_token, &alice_expected),
        (&bob, &bob_token, &bob_expected),
    ] {
        let shown = wallet.run("show").await;
        assert_eq!(shown["gaid"], wallet.gaid.as_str());
        let slip77 = format!("slip77({})", wallet.keys.master_blinding_key());
        assert!(
            shown["descriptor"].as_str().unwrap().contains(&slip77),
            "{shown}"
        );
        let own = unblind_own_outputs(&serve.node, &wallet.keys, &[&txid]).await;
        assert_eq!(&sums(&own), expected);
        let listed = utxos(
            &get(
                format!("{api}/api/wallet/utxos"),
                &format!("wallet {token}"),
            )
            .await,
        );
        assert_eq!(
            listed, own,
            "the server lists exactly the outputs the wallet's key opens"
        );
    }
    serve.stop();
}

/// A loopback port free right now, so a restarted server keeps the URL its wallets saved.
fn free_port() -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    listener.local_addr().unwrap().to_string()
}

#[tokio::test]
async fn restarting_the_server_mid_chain_loses_and_doubles_no_payment() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let listen = free_port();
    let serve = Serve::start(&data, &listen);
    let api = serve.api.clone();
    let alice = Wallet::create(&api, dir.path().join("alice"), None).await;
    let funder = Funder::new(&serve.node).await;
    let asset = funder.issue(1_000_000).await;
    let first = alice.run("receive").await["address"]
        .as_str()
        .unwrap()
        .to_owned();
    let second = alice.run("receive").await["address"]
        .as_str()
        .unwrap()
        .to_owned();
    funder.pay(&[(&first, 1_000, &asset)]).await;
    funder.mine(1).await;
    let token = alice.token(&api).await;
    let seen = BTreeMap::from([(asset.clone(), 1_000)]);
    assert_eq!(server_balance_when(&api, &token, &seen).await, seen);

    // More blocks, and the server stops whether or not its watcher has read them.
    funder.pay(&[(&second, 5_000, &lbtc())]).await;
    funder.mine(2).await;
    serve.stop();

    let serve = Serve::start(&data, &listen);
    assert_eq!(serve.api, api);
    let funder = Funder::new(&serve.node).await;
    let third = alice.run("receive").await;
    assert_eq!(
        third["index"], 2,
        "no address is handed out twice across a restart"
    );
    funder
        .pay(&[
            (&first, 20, &asset),
            (third["address"].as_str().unwrap(), 7, &asset),
        ])
        .await;
    funder.mine(1).await;
    // A last payment in a later block: once it shows, every earlier block has been read.
    funder.pay(&[(&second, 1, &lbtc())]).await;
    funder.mine(1).await;

    let expected = BTreeMap::from([(asset.clone(), 1_027), (lbtc(), 5_001)]);
    let token = alice.token(&api).await;
    assert_eq!(server_balance_when(&api, &token, &expected).await, expected);
    assert_eq!(alice.balance().await, expected);
    let listed = utxos(
        &get(
            format!("{api}/api/wallet/utxos"),
            &format!("wallet {token}"),
        )
        .await,
    );
    assert_eq!(listed.len(), 5, "{listed:?}");
    serve.stop();
}

#[tokio::test]
async fn an_encrypted_wallet_keeps_its_mnemonic_secret_and_needs_its_passphrase() {
    let dir = tempfile::tempdir().unwrap();
    let serve = Serve::start(&dir.path().join("data"), "127.0.0.1:0");
    let passphrase = dir.path().join("passphrase");
    std::fs::write(&passphrase, "open sesame, please\n").unwrap();
    let wrong = dir.path().join("wrong");
    std::fs::write(&wrong, "close sesame, please\n").unwrap();
    let short = dir.path().join("short");
    std::fs::write(&short, "sesame\n").unwrap();
    let wallet_dir = dir.path().join("w");
    let w = wallet_dir.to_str().unwrap();

    // Too short a passphrase: refused before anything is registered or written.
    let out = tessera(&[
        "wallet",
        "--wallet-dir",
        w,
        "--passphrase-file",
        short.to_str().unwrap(),
        "create",
        "--server",
        &serve.api,
        "--encrypt",
    ])
    .await;
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("at least 8 characters"));
    assert!(!wallet_dir.exists());

    let created = tessera_json(&[
        "wallet",
        "--wallet-dir",
        w,
        "--passphrase-file",
        passphrase.to_str().unwrap(),
        "create",
        "--server",
        &serve.api,
        "--encrypt",
    ])
    .await;
    let phrase = created["mnemonic"].as_str().unwrap();
    assert_eq!(phrase.split(' ').count(), 12);
    let stored = std::fs::read_to_string(wallet_dir.join("mnemonic.json")).unwrap();
    let first_words: String = phrase.split(' ').take(2).collect::<Vec<_>>().join(" ");
    assert!(
        !stored.contains(&first_words),
        "the mnemonic is stored encrypted"
    );
    let stored: Value = serde_json::from_str(&stored).unwrap();
    assert_eq!(stored["format"], "argon2id-chacha20poly1305");

    // Public data needs no passphrase; anything that signs does.
    let shown = tessera_json(&["wallet", "--wallet-dir", w, "show"]).await;
    assert_eq!(shown["gaid"], created["gaid"]);
    let out = tessera(&["--json", "wallet", "--wallet-dir", w, "receive"]).await;
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("passphrase"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = tessera(&[
        "--json",
        "wallet",
        "--wallet-dir",
        w,
        "--passphrase-file",
        wrong.to_str().unwrap(),
        "balance",
    ])
    .await;
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("wrong wallet passphrase"));
    let address = tessera_json(&[
        "wallet",
        "--wallet-dir",
        w,
        "--passphrase-file",
        passphrase.to_str().unwrap(),
        "receive",
    ])
    .await;
    assert_eq!(address["index"], 0);
    let balance = tessera_json(&[
        "wallet",
        "--wallet-dir",
        w,
        "--passphrase-file",
        passphrase.to_str().unwrap(),
        "balance",
    ])
    .await;
    assert_eq!(balance, json!([]));

    // The same directory cannot be overwritten by a second wallet.
    let out = tessera(&[
        "wallet",
        "--wallet-dir",
        w,
        "create",
        "--server",
        &serve.api,
    ])
    .await;
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("already exists"));
    serve.stop();
}
