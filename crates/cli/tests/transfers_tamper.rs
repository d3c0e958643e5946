//! Tampered PSETs get no platform signature: the co-signer signs only what the investor
//! signed, spending only the investor's own outputs.
//!
//! The wallet's own code (`tessera_cli::commands::wallet::signed_transfer`, in-process)
//! builds and signs a real transfer against a real `tessera serve` on its devnet; the test
//! then changes it the way an attacker holding a wallet session could — strips the
//! investor's signatures, submits another account's signed spend, or redirects an output
//! after signing — and submits it over the API. Each must be refused with its code,
//! leave the node's mempool empty, and appear in the decision log; the untouched PSET is
//! then accepted, so the refusals come from the checks and not from the harness. The
//! decision log is read again after a restart of the server: it lives in the store.

#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

#[allow(dead_code)]
#[path = "wallet_e2e_support/mod.rs"]
mod support;
#[allow(dead_code)]
#[path = "transfers_e2e_support/mod.rs"]
mod transfers_support;

use elements::pset::PartiallySignedTransaction;
use elements::Address;
use serde_json::{json, Value};
use std::path::PathBuf;
use std::str::FromStr;
use support::{issuer_token, lbtc, Wallet};
use tessera_cli::commands::wallet::{signed_transfer, SendRequest};
use tessera_elements_rpc::{Recipient, Sats};
use transfers_support::{eventually, Issuer, Server};

const PUBKEY: &str = "0279be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798";

/// Alice (0) and Bob (1) registered in the asset's category; Dave (2) unregistered.
/// Alice and Dave hold the restricted asset and L-BTC for fees.
struct World {
    _dir: tempfile::TempDir,
    server: Server,
    issuer: Issuer,
    wallets: Vec<(Wallet, PathBuf)>,
    asset: (String, String),
}

impl World {
    async fn receive(&self, i: usize) -> String {
        let got = self.wallets[i].0.run("receive").await;
        got["address"].as_str().unwrap().to_owned()
    }

    /// Alice's (or `i`'s) PSET paying `amount` of the asset to `to`, signed by its owner.
    async fn signed(&self, i: usize, to: &str, amount: &str) -> PartiallySignedTransaction {
        let request = SendRequest {
            asset: self.asset.0.clone(),
            to: to.to_owned(),
            amount: amount.to_owned(),
        };
        signed_transfer(&self.wallets[i].1, None, request)
            .await
            .unwrap()
    }

    /// Submits `pset` as account `i` (with its own wallet session).
    async fn submit(&self, i: usize, pset: &PartiallySignedTransaction) -> Value {
        let token = self.wallets[i].0.token(&self.server.api).await;
        let response = reqwest::Client::new()
            .post(format!("{}/api/wallet/transfers", self.server.api))
            .header("authorization", format!("wallet {token}"))
            .json(&json!({ "pset": pset.to_string() }))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200, "a refusal is an answer");
        response.json().await.unwrap()
    }

    async fn assert_refused(&self, i: usize, pset: &PartiallySignedTransaction, code: &str) {
        let answer = self.submit(i, pset).await;
        assert_eq!(answer["result"], "refused", "{answer}");
        assert_eq!(answer["reason_code"], code, "{answer}");
        assert_eq!(answer["txid"], Value::Null, "{answer}");
        let mempool = self.server.node.get_raw_mempool().await.unwrap();
        assert!(
            mempool.is_empty(),
            "{code}: a refused PSET reached the node"
        );
    }
}

async fn world() -> World {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let server = Server::start(&data);
    let api = server.api.clone();
    let mut wallets = Vec::new();
    for name in ["alice", "bob", "dave"] {
        let path = dir.path().join(name);
        wallets.push((Wallet::create(&api, path.clone(), None).await, path));
    }
    let issuer = Issuer {
        token: issuer_token(&data, &api).await,
        api,
    };
    // The server's own wallet holds the devnet's initial coins: it funds everything here.
    let funder = server.node.wallet("tessera");
    let miner = funder.get_new_address().await.unwrap();
    let mine = || async { server.node.generate_to_address(1, &miner).await.unwrap() };
    let body = json!({
        "name": "TMP shares", "amount": 1_000_000, "domain": "example.com", "ticker": "TMP",
        "destination_address": funder.get_new_address().await.unwrap(),
        "pubkey": PUBKEY, "precision": 2, "is_confidential": true, "transfer_restricted": true,
    });
    let issued = issuer.ok("POST", "assets/issue", Some(body)).await;
    mine().await;
    let uuid = issued["asset_uuid"].as_str().unwrap().to_owned();
    let asset_id = issued["asset_id"].as_str().unwrap().to_owned();
    let path = format!("assets/{uuid}/register-authorized");
    issuer.ok("GET", &path, None).await;
    let category = json!({"name": "qualified", "description": "KYC done"});
    let category = issuer.ok("POST", "categories/add", Some(category)).await;
    let category = category["id"].as_i64().unwrap();
    for (i, name) in [(0, "Alice"), (1, "Bob")] {
        let body = json!({"name": name, "GAID": wallets[i].0.gaid, "is_company": false});
        let user = issuer.ok("POST", "registered_users/add", Some(body)).await;
        let path = format!("categories/{category}/registered_users/{}/add", user["id"]);
        issuer.ok("PUT", &path, None).await;
    }
    let path = format!("categories/{category}/assets/{uuid}/add");
    issuer.ok("PUT", &path, None).await;
    let w = World {
        _dir: dir,
        server,
        issuer,
        wallets,
        asset: (uuid, asset_id.clone()),
    };
    let (alice, dave) = (w.receive(0).await, w.receive(2).await);
    let (alice_fee, dave_fee) = (w.receive(0).await, w.receive(2).await);
    let payments = [
        (&alice, 100_000, &asset_id),
        (&alice_fee, 1_000_000, &lbtc()),
        (&dave, 50_000, &asset_id),
        (&dave_fee, 1_000_000, &lbtc()),
    ];
    let recipients: Vec<Recipient> = payments
        .iter()
        .map(|(to, units, asset)| {
            Recipient::new(*to, Sats::from_sat(*units), asset.parse().unwrap())
        })
        .collect();
    w.server
        .node
        .wallet("tessera")
        .send_many(&recipients)
        .await
        .unwrap();
    let miner = w
        .server
        .node
        .wallet("tessera")
        .get_new_address()
        .await
        .unwrap();
    w.server.node.generate_to_address(1, &miner).await.unwrap();
    for i in [0, 2] {
        let wallet = &w.wallets[i].0;
        eventually("the watcher", || async {
            wallet
                .balance()
                .await
                .get(&asset_id)
                .is_some_and(|b| *b > 0)
        })
        .await;
    }
    w
}

#[tokio::test]
async fn a_pset_changed_after_the_investor_signed_gets_no_platform_signature() {
    let w = world().await;
    let bob = w.receive(1).await;

    // (a) The investor's signatures stripped.
    let mut unsigned = w.signed(0, &bob, "10").await;
    for input in unsigned.inputs_mut() {
        input.partial_sigs.clear();
    }
    w.assert_refused(0, &unsigned, "investor_signature_missing")
        .await;

    // (b) Dave's outputs (signed by Dave) submitted from Alice's session.
    let daves = w.signed(2, &bob, "10").await;
    w.assert_refused(0, &daves, "input_not_owned").await;

    // (c) The payment redirected to another address after Alice signed.
    let signed = w.signed(0, &bob, "10").await;
    let mut redirected = signed.clone();
    let paid = Address::from_str(&bob).unwrap().script_pubkey();
    let elsewhere = Address::from_str(&w.receive(1).await).unwrap();
    let output = redirected
        .outputs_mut()
        .iter_mut()
        .find(|o| o.script_pubkey == paid)
        .expect("the payment output");
    output.script_pubkey = elsewhere.script_pubkey();
    w.assert_refused(0, &redirected, "investor_signature_invalid")
        .await;

    // Every refusal is in the decision log of the asset, with its code and no txid.
    let path = format!("assets/{}/transfers/decisions", w.asset.0);
    let log = w.issuer.ok("GET", &path, None).await;
    let log = log.as_array().unwrap();
    for code in [
        "investor_signature_missing",
        "input_not_owned",
        "investor_signature_invalid",
    ] {
        let entry = log.iter().find(|d| d["reason_code"] == code);
        let entry = entry.unwrap_or_else(|| panic!("{code} missing from {log:?}"));
        assert_eq!(
            (&entry["allowed"], &entry["txid"]),
            (&json!(false), &Value::Null)
        );
    }

    // The untouched PSET is co-signed and broadcast through the same path.
    let answer = w.submit(0, &signed).await;
    assert_eq!(answer["result"], "broadcast", "{answer}");
    let mempool = w.server.node.get_raw_mempool().await.unwrap();
    assert_eq!(mempool.len(), 1);

    // The log is kept in the store: a restarted server lists the same decisions, with
    // the broadcast one's txid.
    let before = w.issuer.ok("GET", &path, None).await;
    let broadcast = before
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["txid"] == answer["txid"]);
    assert_eq!(broadcast.count(), 1, "{before}");
    let World {
        _dir: dir,
        server,
        issuer,
        ..
    } = w;
    drop(server);
    let again = Server::start(&dir.path().join("data"));
    let issuer = Issuer {
        api: again.api.clone(),
        token: issuer.token,
    };
    assert_eq!(issuer.ok("GET", &path, None).await, before);
    let page = issuer
        .ok("GET", &format!("{path}?start=1&count=2"), None)
        .await;
    assert_eq!(
        page.as_array().unwrap()[..],
        before.as_array().unwrap()[1..3]
    );
}
