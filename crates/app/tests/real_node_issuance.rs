//! Issuance on a real Elements node (`ELEMENTSD`, Elements Core 23.x): the server's wallet
//! issues through the app to an issuer wallet's addresses in one transaction, and the issuer
//! wallet can then `reissueasset` — which a real node refuses for an issuance it did not see
//! as its own. Skipped, with one line, when `ELEMENTSD` is not set.
//!
//! The node is started here by a minimal starter (the flags of the recorded fixtures), not by
//! a shared harness: `elementsd` in the foreground on free ports, killed when dropped.

#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::Duration;

use serde_json::{json, Value};
use tessera_app::assets::IssueRequest;
use tessera_app::{App, AuthConfig, FixedClock, Password, StoreAccounts};
use tessera_core::{
    Amount, AssetKind, AssetName, Domain, IssuerPubkey, Precision, Ticker, Username,
};
use tessera_custody::{CosignerMaster, Network};
use tessera_elements_rpc::{CreateWalletOptions, ElementsRpc, Error, NodeUrl, Options, Sats};
use tessera_store::{SqliteStore, Store};

const PUBKEY: &str = "0279be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798";

/// A real `elementsd` on elementsregtest in a temporary directory.
struct RealNode {
    child: Child,
    rpc: ElementsRpc,
    _dir: tempfile::TempDir,
}

impl Drop for RealNode {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

impl RealNode {
    /// Starts the node, or `None` (after saying so) when `ELEMENTSD` is unset.
    async fn start() -> Option<RealNode> {
        let Some(binary) = std::env::var_os("ELEMENTSD") else {
            println!(
                "skipped: ELEMENTSD is not set (path to elementsd 23.x for the real-node test)"
            );
            return None;
        };
        let dir = tempfile::tempdir().unwrap();
        let port = free_port();
        let child = Command::new(binary)
            .arg("-chain=elementsregtest")
            .arg(format!("-datadir={}", dir.path().display()))
            .args(["-validatepegin=0", "-initialfreecoins=2100000000000000"])
            .args(["-fallbackfee=0.00001", "-txindex=1", "-acceptnonstdtxn=0"])
            .args(["-rpcuser=user", "-rpcpassword=pass", "-rpcbind=127.0.0.1"])
            .args(["-rpcallowip=127.0.0.1", "-listen=0", "-server=1"])
            .arg(format!("-rpcport={port}"))
            .arg(format!("-port={}", free_port()))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("elementsd starts");
        let url = NodeUrl::parse(&format!("http://user:pass@127.0.0.1:{port}")).unwrap();
        let options = Options {
            connect_retries: 300,
            retry_delay: Duration::from_millis(100),
            ..Options::default()
        };
        let rpc = ElementsRpc::new(url, options).unwrap();
        let node = RealNode {
            child,
            rpc,
            _dir: dir,
        };
        // Connection retries wait for the RPC port; warm-up answers -28 until ready.
        loop {
            match node.rpc.get_block_count().await {
                Ok(_) => break,
                Err(e) if e.rpc_code() == Some(-28) => {
                    tokio::time::sleep(Duration::from_millis(100)).await
                }
                Err(e) => panic!("elementsd does not answer: {e}"),
            }
        }
        Some(node)
    }

    /// A descriptor wallet.
    async fn wallet(&self, name: &str) -> ElementsRpc {
        let options = CreateWalletOptions {
            descriptors: true,
            ..CreateWalletOptions::default()
        };
        self.rpc.create_wallet(name, &options).await.unwrap();
        self.rpc.wallet(name)
    }

    /// Sweeps the genesis anyone-can-spend coins (21M L-BTC) to `wallet` and mines them.
    async fn sweep_free_coins(&self, wallet: &ElementsRpc) {
        let genesis = self.rpc.get_block_hash(0).await.unwrap();
        let block: Value = self
            .rpc
            .call("getblock", vec![json!(genesis), json!(2)])
            .await
            .unwrap();
        let (txid, vout) = block["tx"]
            .as_array()
            .unwrap()
            .iter()
            .find_map(|tx| {
                tx["vout"].as_array().unwrap().iter().find_map(|o| {
                    (o["scriptPubKey"]["type"] == "true")
                        .then(|| (tx["txid"].clone(), o["n"].clone()))
                })
            })
            .expect("the free coins output");
        let address = wallet.get_new_address().await.unwrap();
        let to = wallet
            .get_address_info(&address)
            .await
            .unwrap()
            .unconfidential;
        let raw: String = self
            .rpc
            .call(
                "createrawtransaction",
                vec![
                    json!([{"txid": txid, "vout": vout}]),
                    json!([{to.clone(): "20999999.9999"}, {"fee": "0.0001"}]),
                ],
            )
            .await
            .unwrap();
        self.rpc.send_raw_transaction(&raw).await.unwrap();
        self.mine(1, &to).await;
    }

    async fn mine(&self, blocks: u64, to: &str) {
        self.rpc.generate_to_address(blocks, to).await.unwrap();
    }
}

#[tokio::test]
async fn an_issuance_through_the_app_can_be_reissued_by_the_issuers_own_node() {
    let Some(node) = RealNode::start().await else {
        return;
    };
    let server = node.wallet("server").await;
    let issuer_wallet = node.wallet("issuer").await;
    let other = node.wallet("other").await;
    node.sweep_free_coins(&server).await;
    let miner = server.get_new_address().await.unwrap();
    // The issuer's node pays its own reissuance fees.
    let fees_to = issuer_wallet.get_new_address().await.unwrap();
    server
        .send_to_address(&fees_to, Sats::from_sat(100_000_000), None)
        .await
        .unwrap();
    node.mine(1, &miner).await;

    let dir = tempfile::tempdir().unwrap();
    let store: Arc<dyn Store> = Arc::new(
        SqliteStore::open_path(dir.path().join("t.db"))
            .await
            .unwrap(),
    );
    let app = App::new(
        store.clone(),
        Arc::new(FixedClock::new(1_800_000_000)),
        Arc::new(StoreAccounts(store.clone())),
        AuthConfig::default(),
    )
    .with_cosigner(Arc::new(
        CosignerMaster::generate(Network::ElementsRegtest).unwrap(),
    ))
    .with_node(server.clone());
    let issuer = app
        .create_issuer(
            &Username::parse("issuer").unwrap(),
            &Password::new("correct horse battery"),
        )
        .await
        .unwrap();
    let destination = issuer_wallet.get_new_address().await.unwrap();
    let token_address = issuer_wallet.get_new_address().await.unwrap();
    let request = IssueRequest {
        name: AssetName::parse("Real Node Bond").unwrap(),
        ticker: Ticker::parse("RNB").unwrap(),
        domain: Domain::parse("example.com").unwrap(),
        pubkey: IssuerPubkey::parse(PUBKEY).unwrap(),
        precision: Precision::new(2).unwrap(),
        amount: Amount::from_units(2_500_000).unwrap(),
        destination_address: destination.clone(),
        is_confidential: true,
        is_reissuable: true,
        reissuance_amount: Amount::from_units(100_000_000).unwrap(),
        reissuance_address: Some(token_address.clone()),
        kind: AssetKind::IssuerTracked,
    };
    let issued = app.issue_asset(issuer.id, request).await.unwrap();
    let asset = issued.asset.asset_id;
    let txid = issued.asset.issuance.txid;
    assert_ne!(issued.asset_blinder, "0".repeat(64), "a blinded issuance");
    node.rpc.get_mempool_entry(&txid).await.unwrap();
    node.mine(1, &miner).await;

    // One transaction paid both of the issuer's addresses, at the recorded outputs.
    let seen = issuer_wallet.get_transaction(&txid).await.unwrap();
    let output = |vout: u32| seen.details.iter().find(|d| d.vout == vout).unwrap();
    let asset_out = output(issued.asset.issuance.asset_vout);
    assert_eq!(
        (asset_out.asset, asset_out.amount.to_sat()),
        (asset, 2_500_000)
    );
    let token_out = output(issued.asset.issuance.reissuance_vout.unwrap());
    assert_eq!(Some(token_out.asset), issued.asset.reissuance_token_id);
    assert_eq!(token_out.amount.to_sat(), 100_000_000);

    // Another wallet is refused as the node refuses it; the issuer's own node reissues.
    let refused = other
        .reissue_asset(&asset, Sats::from_sat(1))
        .await
        .unwrap_err();
    assert!(
        matches!(refused, Error::NoReissuanceToken { .. }),
        "{refused:?}"
    );
    let reissued = issuer_wallet
        .reissue_asset(&asset, Sats::from_sat(500_000))
        .await
        .unwrap();
    node.mine(1, &miner).await;
    let listed = issuer_wallet.list_issuances(Some(&asset)).await.unwrap();
    assert!(
        listed.iter().any(|i| i.txid == txid && !i.isreissuance),
        "the issuance: {listed:?}"
    );
    assert!(
        listed
            .iter()
            .any(|i| i.txid == reissued.txid && i.isreissuance),
        "the reissuance: {listed:?}"
    );
}
