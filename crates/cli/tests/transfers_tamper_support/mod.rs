//! The world of the co-signer attack tests (`transfers_tamper.rs`, `transfers_outputs.rs`):
//! a real `tessera serve` on its devnet, three wallets and a restricted asset.

use crate::support::{issuer_token, lbtc, Wallet};
use crate::transfers_support::{eventually, Issuer, Server};
use elements::pset::PartiallySignedTransaction;
use serde_json::{json, Value};
use std::path::PathBuf;
use tessera_cli::commands::wallet::{signed_transfer, SendRequest};
use tessera_elements_rpc::{Recipient, Sats};

pub const PUBKEY: &str = "0279be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798";

/// Alice (0) and Bob (1) registered in the asset's category; Dave (2) unregistered.
/// Alice and Dave hold the restricted asset and L-BTC for fees.
pub struct World {
    pub _dir: tempfile::TempDir,
    pub server: Server,
    pub issuer: Issuer,
    pub wallets: Vec<(Wallet, PathBuf)>,
    pub asset: (String, String),
}

impl World {
    pub async fn receive(&self, i: usize) -> String {
        let got = self.wallets[i].0.run("receive").await;
        got["address"].as_str().unwrap().to_owned()
    }

    /// Alice's (or `i`'s) PSET paying `amount` of the asset to `to`, signed by its owner.
    pub async fn signed(&self, i: usize, to: &str, amount: &str) -> PartiallySignedTransaction {
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
    pub async fn submit(&self, i: usize, pset: &PartiallySignedTransaction) -> Value {
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

    pub async fn assert_refused(&self, i: usize, pset: &PartiallySignedTransaction, code: &str) {
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

pub async fn world() -> World {
    world_allowing(&["127.0.0.1"]).await
}

/// The world on a server that allows authorization endpoints on these non-public IPs only.
pub async fn world_allowing(ips: &[&str]) -> World {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let server = Server::start_allowing(&data, &tessera_test_util::Chain::Devnet, ips);
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
