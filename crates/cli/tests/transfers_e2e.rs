//! Transfers of managed assets end to end: the real `tessera` binary (serve on its devnet
//! and on a real Elements node, the same test bodies; `wallet create/receive/send`), assets
//! issued through the API, and the co-signer's decision for every reason — each refusal
//! with its code and no transaction on chain.

#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

#[allow(dead_code)]
#[path = "wallet_e2e_support/mod.rs"]
mod support;
#[allow(dead_code)]
#[path = "transfers_e2e_support/mod.rs"]
mod transfers_support;

use serde_json::{json, Value};
use std::path::PathBuf;
use support::{issuer_token, lbtc, Funder, Wallet};
use tessera_test_util::{on_both_chains, Chain};
use transfers_support::{eventually, send, sorted_compact, Behaviour, Endpoint, Issuer, Server};

const PUBKEY: &str = "0279be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798";

struct World {
    _dir: tempfile::TempDir,
    server: Server,
    issuer: Issuer,
    funder: Funder,
    funder_wallet: tessera_elements_rpc::ElementsRpc,
    wallets: Vec<(Wallet, PathBuf)>,
    restricted: (String, String),
    tracked: (String, String),
    _chain: Chain,
}

impl World {
    fn dir(&self, i: usize) -> &PathBuf {
        &self.wallets[i].1
    }
    fn gaid(&self, i: usize) -> &str {
        &self.wallets[i].0.gaid
    }
    async fn receive(&self, i: usize) -> String {
        self.wallets[i].0.run("receive").await["address"]
            .as_str()
            .unwrap()
            .to_owned()
    }
    async fn mempool_is_empty(&self) -> bool {
        self.server.node.get_raw_mempool().await.unwrap().is_empty()
    }
    /// Mines and waits until the watcher shows `gaid` holding `amount` of `asset`.
    async fn mine_until(&self, i: usize, asset: &str, amount: i64) {
        self.funder.mine(1).await;
        eventually("the watcher", || async {
            self.wallets[i].0.balance().await.get(asset) == Some(&amount)
        })
        .await;
    }
    async fn issue(&self, ticker: &str, restricted: bool) -> (String, String) {
        let address = self.funder_wallet.get_new_address().await.unwrap();
        let body = json!({
            "name": format!("{ticker} shares"), "amount": 1_000_000, "destination_address": address,
            "domain": "example.com", "ticker": ticker, "pubkey": PUBKEY, "precision": 2,
            "is_confidential": true, "transfer_restricted": restricted,
        });
        let issued = self.issuer.ok("POST", "assets/issue", Some(body)).await;
        self.funder.mine(1).await;
        let uuid = issued["asset_uuid"].as_str().unwrap().to_owned();
        self.issuer
            .ok("GET", &format!("assets/{uuid}/register-authorized"), None)
            .await;
        (uuid, issued["asset_id"].as_str().unwrap().to_owned())
    }
}

/// Alice (0, in the category), Bob (1, in the category), Carol (2, registered, not in
/// it), Dave (3) and Erin (4) unregistered; Alice and Dave funded.
async fn world(chain: Chain) -> World {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let server = Server::start(&data, &chain);
    let api = server.api.clone();
    let mut wallets = Vec::new();
    for name in ["alice", "bob", "carol", "dave", "erin"] {
        let path = dir.path().join(name);
        wallets.push((Wallet::create(&api, path.clone(), None).await, path));
    }
    let issuer = Issuer {
        token: issuer_token(&data, &api).await,
        api,
    };
    // The funder is the server's own wallet (created first, it holds the devnet's free
    // coins); issuances go to its addresses so that it can pay them out.
    let funder = Funder::new(&server.node).await;
    let funder_wallet = server.node.wallet("tessera");
    let mut w = World {
        _dir: dir,
        server,
        issuer,
        funder,
        funder_wallet,
        wallets,
        restricted: Default::default(),
        tracked: Default::default(),
        _chain: chain,
    };
    w.restricted = w.issue("RST", true).await;
    w.tracked = w.issue("TRK", false).await;
    let category = w
        .issuer
        .ok(
            "POST",
            "categories/add",
            Some(json!({"name": "qualified", "description": "KYC done"})),
        )
        .await;
    let category = category["id"].as_i64().unwrap();
    for (i, name) in [(0, "Alice"), (1, "Bob"), (2, "Carol")] {
        let body = json!({"name": name, "GAID": w.gaid(i), "is_company": false});
        let user = w
            .issuer
            .ok("POST", "registered_users/add", Some(body))
            .await;
        if i < 2 {
            let path = format!("categories/{category}/registered_users/{}/add", user["id"]);
            w.issuer.ok("PUT", &path, None).await;
        }
    }
    let path = format!("categories/{category}/assets/{}/add", w.restricted.0);
    w.issuer.ok("PUT", &path, None).await;
    let (alice, dave) = (w.receive(0).await, w.receive(3).await);
    let (alice_fee, dave_fee) = (w.receive(0).await, w.receive(3).await);
    let (rst, trk) = (w.restricted.1.clone(), w.tracked.1.clone());
    w.funder
        .pay(&[
            (&alice, 100_000, &rst),
            (&alice_fee, 1_000_000, &lbtc()),
            (&dave, 50_000, &trk),
            (&dave_fee, 1_000_000, &lbtc()),
        ])
        .await;
    w.mine_until(0, &rst, 100_000).await;
    w.mine_until(3, &trk, 50_000).await;
    w
}

async fn refused(w: &World, from: usize, asset: &str, to: &str, amount: &str, code: &str) -> Value {
    let (ok, value, stderr) = send(w.dir(from), asset, to, amount).await;
    assert!(!ok, "expected a refusal ({code}), got {value}");
    assert_eq!(value["result"], "refused", "{value} {stderr}");
    assert_eq!(value["reason_code"], code, "{value}");
    assert!(stderr.contains(code), "{stderr}");
    assert!(
        w.mempool_is_empty().await,
        "a refused transfer reached the node"
    );
    value
}

async fn allowed(w: &World, from: usize, asset: &str, to: &str, amount: &str) -> String {
    let (ok, value, stderr) = send(w.dir(from), asset, to, amount).await;
    assert!(ok, "send failed: {value} {stderr}");
    assert_eq!(value["result"], "broadcast", "{value}");
    value["txid"].as_str().unwrap().to_owned()
}

on_both_chains!(
    the_cosigner_enforces_every_rule_of_the_asset,
    the_issuer_endpoint_decides_signed_and_fails_closed_and_shadow_mode_logs_disagreement
);

async fn the_cosigner_enforces_every_rule_of_the_asset(chain: Chain) {
    let w = world(chain).await;
    let (rst_uuid, rst) = w.restricted.clone();
    let bob = w.receive(1).await;

    // Allowed: a registered user in the required category.
    allowed(&w, 0, &rst_uuid, &bob, "100.00").await;
    w.mine_until(1, &rst, 10_000).await;
    w.mine_until(0, &rst, 90_000).await;

    // Refusals, each with its code and nothing on chain.
    let (dave, carol) = (w.receive(3).await, w.receive(2).await);
    refused(&w, 0, &rst, &dave, "1", "receiver_not_registered").await;
    refused(&w, 0, &rst, &carol, "1", "receiver_missing_category").await;
    let outside = w.funder_wallet.get_new_address().await.unwrap();
    refused(&w, 0, &rst, &outside, "1", "receiver_not_managed").await;
    w.issuer
        .ok("PUT", &format!("assets/{rst_uuid}/lock"), None)
        .await;
    refused(&w, 0, &rst, &bob, "1", "asset_locked").await;
    w.issuer
        .ok("PUT", &format!("assets/{rst_uuid}/unlock"), None)
        .await;

    // A locked output of Alice's.
    let utxos = w
        .issuer
        .ok("GET", &format!("assets/{rst_uuid}/utxos"), None)
        .await;
    let mine: Vec<Value> = utxos
        .as_array()
        .unwrap()
        .iter()
        .filter(|u| u["gaid"] == w.gaid(0))
        .map(|u| json!({"txid": u["txid"], "vout": u["vout"]}))
        .collect();
    let locked = w
        .issuer
        .ok(
            "POST",
            &format!("assets/{rst_uuid}/utxos/blacklist"),
            Some(json!(mine)),
        )
        .await;
    assert!(
        locked
            .as_array()
            .unwrap()
            .iter()
            .all(|u| u["blacklisted"] == true),
        "{locked}"
    );
    refused(&w, 0, &rst, &bob, "1", "output_locked").await;
    let summary = w
        .issuer
        .ok("GET", &format!("assets/{rst_uuid}/summary"), None)
        .await;
    assert_eq!(summary["blacklisted"], 90_000, "{summary}");
    w.issuer
        .ok(
            "POST",
            &format!("assets/{rst_uuid}/utxos/whitelist"),
            Some(json!(mine)),
        )
        .await;

    // Issuer-tracked: between two unregistered accounts.
    let (trk_uuid, trk) = w.tracked.clone();
    let erin = w.receive(4).await;
    allowed(&w, 3, &trk_uuid, &erin, "2.50").await;
    w.mine_until(4, &trk, 250).await;

    // Redemption to a treasury address of the issuer.
    let treasury = w.funder_wallet.get_new_address().await.unwrap();
    w.issuer
        .ok(
            "POST",
            &format!("assets/{rst_uuid}/treasury-addresses/add"),
            Some(json!([treasury])),
        )
        .await;
    allowed(&w, 0, &rst, &treasury, "5").await;
    w.mine_until(0, &rst, 89_500).await;

    // The described-transfer question gives the same answers.
    let ask = |receiver: String| json!({"sender": w.gaid(0), "receiver": receiver, "amount": 1});
    let path = format!("assets/{rst_uuid}/transfers/authorize");
    let no = w
        .issuer
        .ok("POST", &path, Some(ask(w.gaid(2).to_owned())))
        .await;
    assert_eq!(
        (no["result"].clone(), no["reason_code"].clone()),
        (json!(false), json!("receiver_missing_category"))
    );
    let yes = w
        .issuer
        .ok("POST", &path, Some(ask(w.gaid(1).to_owned())))
        .await;
    assert_eq!(yes["result"], true, "{yes}");

    // The decision log has every decision with its code.
    let log = w
        .issuer
        .ok(
            "GET",
            &format!("assets/{rst_uuid}/transfers/decisions"),
            None,
        )
        .await;
    let codes: Vec<Value> = log
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["reason_code"].clone())
        .collect();
    for code in [
        "receiver_not_registered",
        "receiver_missing_category",
        "receiver_not_managed",
        "asset_locked",
        "output_locked",
    ] {
        assert!(codes.contains(&json!(code)), "{code} missing from {log}");
    }
    assert!(log
        .as_array()
        .unwrap()
        .iter()
        .any(|d| d["allowed"] == true && d["txid"].is_string()));
}

async fn the_issuer_endpoint_decides_signed_and_fails_closed_and_shadow_mode_logs_disagreement(
    chain: Chain,
) {
    let w = world(chain).await;
    let (rst_uuid, rst) = w.restricted.clone();
    let endpoint = Endpoint::start().await;
    let edit = |url: &str, mode: &str| json!({"issuer_authorization_endpoint": url, "issuer_authorization_mode": mode});
    w.issuer
        .ok(
            "PUT",
            &format!("assets/{rst_uuid}/edit"),
            Some(edit(&endpoint.url, "enforce")),
        )
        .await;
    let bob = w.receive(1).await;

    endpoint.set(Behaviour::Deny);
    refused(&w, 0, &rst, &bob, "1", "issuer_authorization_refused").await;
    // The request verifies the way an issuer checks it.
    let request = endpoint.last();
    let key = w.issuer.ok("GET", "authorizer-key", None).await;
    let message = sorted_compact(&request["message"]);
    let signer = tessera_custody::recover_signer(&message, request["signature"].as_str().unwrap());
    assert_eq!(
        signer.map(|k| k.to_string()),
        key["pubkey"].as_str().map(str::to_owned)
    );
    assert_eq!(request["message"]["server_result"], true);
    let req = &request["message"]["request"];
    assert_eq!(
        (req["asset_id"].as_str(), req["uuid"].as_str()),
        (Some(rst.as_str()), Some(rst_uuid.as_str()))
    );
    assert!(req["tx_hex"].as_str().unwrap().len() > 100);
    assert!(req["outputs"]
        .as_array()
        .unwrap()
        .iter()
        .any(|o| o["gaid"] == w.gaid(1) && o["amount"] == 100));
    assert!(req["inputs"]
        .as_array()
        .unwrap()
        .iter()
        .all(|i| i["gaid"] == w.gaid(0) && i["is_treasury"] == false));

    endpoint.set(Behaviour::Sleep);
    refused(&w, 0, &rst, &bob, "1", "issuer_authorization_unavailable").await;
    endpoint.set(Behaviour::Fail);
    refused(&w, 0, &rst, &bob, "1", "issuer_authorization_unavailable").await;
    let down = "http://127.0.0.1:9/nothing-listens";
    w.issuer
        .ok(
            "PUT",
            &format!("assets/{rst_uuid}/edit"),
            Some(edit(down, "enforce")),
        )
        .await;
    refused(&w, 0, &rst, &bob, "1", "issuer_authorization_unavailable").await;

    // The endpoint's yes overrides the category rules (Carol lacks the category).
    w.issuer
        .ok(
            "PUT",
            &format!("assets/{rst_uuid}/edit"),
            Some(edit(&endpoint.url, "enforce")),
        )
        .await;
    endpoint.set(Behaviour::Allow);
    let carol = w.receive(2).await;
    allowed(&w, 0, &rst, &carol, "1").await;
    assert_eq!(endpoint.last()["message"]["server_result"], false);
    w.mine_until(2, &rst, 100).await;

    // Shadow: the category rules decide; the endpoint's "no" is logged as a disagreement.
    w.issuer
        .ok(
            "PUT",
            &format!("assets/{rst_uuid}/edit"),
            Some(edit(&endpoint.url, "shadow")),
        )
        .await;
    endpoint.set(Behaviour::Deny);
    allowed(&w, 0, &rst, &bob, "1").await;
    let log = w
        .issuer
        .ok(
            "GET",
            &format!("assets/{rst_uuid}/transfers/decisions"),
            None,
        )
        .await;
    let last = log.as_array().unwrap().last().unwrap().clone();
    assert_eq!(
        (last["allowed"].clone(), last["shadow_disagreement"].clone()),
        (json!(true), json!(true)),
        "{last}"
    );
    assert_eq!(last["endpoint"]["answer"], "refused");
    assert!(log
        .as_array()
        .unwrap()
        .iter()
        .any(|d| d["endpoint"]["latency_ms"].as_u64().unwrap_or(0) >= 900));
}
