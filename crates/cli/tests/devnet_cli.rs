//! `tessera devnet` and the devnet embedded in `tessera serve`, driven as a user would:
//! start the binary, read the address it prints, talk JSON-RPC over HTTP.

#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use tessera_elements_rpc::{ElementsRpc, NodeUrl, Options, Recipient, Sats};

/// A child process that is killed when dropped, with its printed JSON lines.
struct Running {
    child: Child,
    lines: std::io::Lines<BufReader<std::process::ChildStdout>>,
}

impl Running {
    fn start(args: &[&str]) -> Self {
        let mut child = Command::new(env!("CARGO_BIN_EXE_tessera"))
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("tessera starts");
        let lines = BufReader::new(child.stdout.take().unwrap()).lines();
        Self { child, lines }
    }

    fn next_json(&mut self) -> serde_json::Value {
        let line = self.lines.next().expect("a line").expect("readable");
        serde_json::from_str(&line).unwrap_or_else(|_| panic!("not JSON: {line}"))
    }

    fn stop(mut self) {
        // SIGTERM, then wait: the graceful path.
        let _ = Command::new("kill")
            .arg(self.child.id().to_string())
            .status();
        let status = self.child.wait().unwrap();
        assert!(status.success(), "exit status {status:?}");
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn client(url: &str) -> ElementsRpc {
    ElementsRpc::new(NodeUrl::parse(url).unwrap(), Options::default()).unwrap()
}

fn sats(n: u64) -> Sats {
    Sats::from_sat(n)
}

#[tokio::test]
async fn devnet_runs_issue_distribute_confirm_and_keeps_its_chain_across_restarts() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().to_str().unwrap();
    let args = [
        "--json",
        "devnet",
        "--listen",
        "127.0.0.1:0",
        "--data-dir",
        data,
        "--rpcuser",
        "u",
        "--rpcpassword",
        "p",
    ];
    let mut devnet = Running::start(&args);
    let listen = devnet.next_json()["listen"].as_str().unwrap().to_owned();
    let node = client(&format!("http://u:p@{listen}/"));

    // Plain HTTP, as curl would send it.
    let reply: serde_json::Value = reqwest::Client::new()
        .post(format!("http://{listen}/"))
        .basic_auth("u", Some("p"))
        .body(r#"{"jsonrpc":"1.0","id":"curl","method":"getblockchaininfo","params":[]}"#)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(reply["result"]["chain"], "elementsregtest");
    let refused = reqwest::Client::new()
        .post(format!("http://{listen}/"))
        .basic_auth("u", Some("wrong"))
        .body(r#"{"jsonrpc":"1.0","id":1,"method":"getblockcount","params":[]}"#)
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), 401);

    for name in ["issuer", "alice", "bob"] {
        node.create_wallet(name, &Default::default()).await.unwrap();
    }
    let issuer = node.wallet("issuer");
    let issued = issuer
        .issue_asset(
            sats(1000 * 100_000_000),
            sats(100_000_000),
            &Default::default(),
        )
        .await
        .unwrap();
    let alice_addr = node.wallet("alice").get_new_address().await.unwrap();
    let bob_addr = node.wallet("bob").get_new_address().await.unwrap();
    let txid = issuer
        .send_many(&[
            Recipient::new(&alice_addr, sats(150_000_000), issued.asset),
            Recipient::new(&bob_addr, sats(25_000_000), issued.asset),
        ])
        .await
        .unwrap();
    let miner = issuer.get_new_address().await.unwrap();
    node.generate_to_address(2, &miner).await.unwrap();
    let tx = issuer.get_transaction(&txid).await.unwrap();
    assert_eq!(tx.confirmations, 2);
    let alice_balance = node.wallet("alice").get_balance().await.unwrap();
    assert_eq!(
        alice_balance.asset(&issued.asset).map(|a| a.to_sat()),
        Some(150_000_000)
    );
    let height = node.get_block_count().await.unwrap();
    devnet.stop();

    let mut again = Running::start(&args);
    let listen = again.next_json()["listen"].as_str().unwrap().to_owned();
    let node = client(&format!("http://u:p@{listen}/"));
    assert_eq!(node.get_block_count().await.unwrap(), height);
    assert_eq!(
        node.wallet("issuer")
            .get_transaction(&txid)
            .await
            .unwrap()
            .confirmations,
        2
    );
    again.stop();
}

#[tokio::test]
async fn serve_exposes_its_embedded_devnet_on_a_loopback_port() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().to_str().unwrap();
    let mut serve = Running::start(&[
        "--json",
        "serve",
        "--data-dir",
        data,
        "--listen",
        "127.0.0.1:0",
        "--devnet-rpc-listen",
        "127.0.0.1:0",
        "--devnet-block-interval",
        "0",
    ]);
    let chain = serve.next_json();
    assert_eq!(chain["chain"], "elementsregtest");
    let api = serve.next_json();
    assert!(api["listen"].as_str().unwrap().starts_with("127.0.0.1:"));
    let node = client(chain["node"].as_str().unwrap());
    node.create_wallet("issuer", &Default::default())
        .await
        .unwrap();
    let before = node.get_block_count().await.unwrap();
    let addr = node.wallet("issuer").get_new_address().await.unwrap();
    node.generate_to_address(2, &addr).await.unwrap();
    assert_eq!(node.get_block_count().await.unwrap(), before + 2);
    serve.stop();
}

#[tokio::test]
async fn serve_uses_the_wallet_named_in_the_elements_url_and_says_what_it_holds() {
    let dir = tempfile::tempdir().unwrap();
    let chain_dir = dir.path().join("chain");
    let mut devnet = Running::start(&[
        "--json",
        "devnet",
        "--listen",
        "127.0.0.1:0",
        "--data-dir",
        chain_dir.to_str().unwrap(),
        "--rpcuser",
        "u",
        "--rpcpassword",
        "p",
    ]);
    let listen = devnet.next_json()["listen"].as_str().unwrap().to_owned();
    let node = client(&format!("http://u:p@{listen}/"));
    // The first wallet gets the devnet's coins; "treasury" starts empty.
    for name in ["funder", "treasury"] {
        node.create_wallet(name, &Default::default()).await.unwrap();
    }
    let serve = |url: String, data: &str| {
        let data = dir.path().join(data);
        Running::start(&[
            "--json",
            "serve",
            "--elements-url",
            &url,
            "--data-dir",
            data.to_str().unwrap(),
            "--listen",
            "127.0.0.1:0",
        ])
    };
    let treasury_url = format!("http://u:p@{listen}/wallet/treasury");
    let mut server = serve(treasury_url.clone(), "a");
    let chain = server.next_json();
    assert_eq!(chain["wallet"], "treasury");
    assert_eq!(chain["wallet_lbtc"], "0.00000000");
    assert_eq!(chain["can_pay_fees"], false);
    assert!(!chain["node"].as_str().unwrap().contains("/wallet/"));
    drop(server);

    let to = node.wallet("treasury").get_new_address().await.unwrap();
    node.wallet("funder")
        .send_to_address(&to, sats(5 * 100_000_000), None)
        .await
        .unwrap();
    node.generate_to_address(1, &to).await.unwrap();
    let mut server = serve(treasury_url, "a");
    let chain = server.next_json();
    assert_eq!(chain["wallet_lbtc"], "5.00000000");
    assert_eq!(chain["can_pay_fees"], true);
    drop(server);
    let wallets = node.list_wallets().await.unwrap();
    assert!(!wallets.contains(&"tessera".to_owned()), "{wallets:?}");

    // Without a wallet in the URL the server uses (and creates) "tessera".
    let mut server = serve(format!("http://u:p@{listen}"), "b");
    assert_eq!(server.next_json()["wallet"], "tessera");
    drop(server);
    assert!(node
        .list_wallets()
        .await
        .unwrap()
        .contains(&"tessera".to_owned()));
    devnet.stop();
}
