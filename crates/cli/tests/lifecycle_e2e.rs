//! The asset lifecycle end to end, through the public API and the real binaries only:
//! `tessera serve` on its devnet and on a real Elements node (the same test bodies, see
//! `tessera_test_util::on_both_chains!`), `tessera wallet create/balance` for the managed
//! accounts, and `tessera confirm distribute|reissue|burn` against the issuer's wallet.
//!
//! What it proves: issuance without a separate token address works; reissuances found by
//! the server are spendable again (a second one finds the token); vesting, locked and
//! deleted assignments are distributed exactly when they should; and the treasury math
//! (DESIGN.md §1) holds on both sides — the summary and the issuer's own wallet agree.

#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

#[allow(dead_code)]
#[path = "lifecycle_e2e_support/mod.rs"]
mod lifecycle;
#[allow(dead_code)]
#[path = "wallet_e2e_support/mod.rs"]
mod support;
#[allow(dead_code)]
#[path = "transfers_e2e_support/mod.rs"]
mod transfers_support;

use lifecycle::{confirm, eventually, update_blinders, IssuerWallet, Server};
use serde_json::{json, Value};
use support::{issuer_token, Wallet};
use tessera_test_util::{on_both_chains, Chain};
use transfers_support::Issuer;

const PUBKEY: &str = "0279be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798";

struct World {
    dir: tempfile::TempDir,
    server: Server,
    issuer: Issuer,
    wallet: IssuerWallet,
    _chain: Chain,
}

impl World {
    async fn start(chain: Chain) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("data");
        let server = Server::start(&data, &chain);
        let issuer = Issuer {
            token: issuer_token(&data, &server.api).await,
            api: server.api.clone(),
        };
        let wallet = IssuerWallet::create(&server).await;
        Self {
            dir,
            server,
            issuer,
            wallet,
            _chain: chain,
        }
    }

    /// Issues `amount` (precision 2, reissuable, token to the same wallet) and authorizes it.
    async fn issue(&self, ticker: &str, amount: u64, restricted: bool) -> (String, String) {
        let address = self.wallet.rpc.get_new_address().await.unwrap();
        let body = json!({
            "name": format!("{ticker} shares"), "amount": amount, "destination_address": address,
            "domain": "example.com", "ticker": ticker, "pubkey": PUBKEY, "precision": 2,
            "is_confidential": true, "is_reissuable": true, "reissuance_amount": 1,
            "transfer_restricted": restricted,
        });
        let issued = self.issuer.ok("POST", "assets/issue", Some(body)).await;
        self.wallet.mine(2).await;
        let uuid = issued["asset_uuid"].as_str().unwrap().to_owned();
        self.issuer
            .ok("GET", &format!("assets/{uuid}/register-authorized"), None)
            .await;
        let asset_id = issued["asset_id"].as_str().unwrap().to_owned();
        // Publishing puts the contract in this server's registry, whose hash the issuance
        // committed to on chain.
        self.issuer
            .ok("GET", &format!("assets/{uuid}/register"), None)
            .await;
        let entry: serde_json::Value =
            reqwest::get(format!("{}/registry/{asset_id}", self.server.api))
                .await
                .unwrap()
                .json()
                .await
                .unwrap();
        assert_eq!(entry["ticker"], ticker);
        assert_eq!(entry["precision"], 2);
        assert_eq!(entry["contract"]["entity"]["domain"], "example.com");
        assert_eq!(entry["issuance_txin"]["txid"], issued["txid"]);
        (uuid, asset_id)
    }

    async fn wallets(&self, n: usize) -> Vec<Wallet> {
        let mut out = Vec::new();
        for i in 0..n {
            let path = self.dir.path().join(format!("holder{i}"));
            out.push(Wallet::create(&self.server.api, path, None).await);
        }
        out
    }

    async fn register(&self, name: &str, gaid: &str) -> i64 {
        let body = json!({"name": name, "GAID": gaid, "is_company": false});
        self.issuer
            .ok("POST", "registered_users/add", Some(body))
            .await["id"]
            .as_i64()
            .unwrap()
    }

    async fn assign(&self, uuid: &str, user: i64, amount: u64, vesting: Option<i64>) -> i64 {
        let mut a =
            json!({"registered_user": user, "amount": amount, "ready_for_distribution": true});
        if let Some(t) = vesting {
            a["vesting_timestamp"] = json!(t);
        }
        let created = self
            .issuer
            .ok(
                "POST",
                &format!("assets/{uuid}/assignments/create"),
                Some(json!({"assignments": [a]})),
            )
            .await;
        created[0]["id"].as_i64().unwrap()
    }

    async fn distribute(&self, uuid: &str) -> Value {
        let file = self
            .issuer
            .ok("GET", &format!("assets/{uuid}/distributions/create/"), None)
            .await;
        confirm(self.dir.path(), &self.wallet, "distribute", &file).await;
        file
    }

    async fn reissue(&self, uuid: &str, amount: u64) {
        let body = json!({"amount_to_reissue": amount});
        let file = self
            .issuer
            .ok(
                "POST",
                &format!("assets/{uuid}/reissue-request"),
                Some(body),
            )
            .await;
        confirm(self.dir.path(), &self.wallet, "reissue", &file).await;
    }

    async fn burn(&self, uuid: &str, amount: u64) {
        let body = json!({"amount": amount});
        let file = self
            .issuer
            .ok("POST", &format!("assets/{uuid}/burn-request"), Some(body))
            .await;
        confirm(self.dir.path(), &self.wallet, "burn", &file).await;
    }

    async fn summary(&self, uuid: &str) -> Value {
        self.issuer
            .ok("GET", &format!("assets/{uuid}/summary"), None)
            .await
    }

    /// Waits until every wallet's `tessera wallet balance` shows `amount` of `asset`.
    async fn wallets_hold(&self, wallets: &[&Wallet], asset: &str, amount: i64) {
        for w in wallets {
            eventually("a holder's balance", || async {
                w.balance().await.get(asset).copied().unwrap_or(0) == amount
            })
            .await;
        }
    }
}

fn n(v: &Value, field: &str) -> i64 {
    v[field]
        .as_i64()
        .unwrap_or_else(|| panic!("{field} in {v}"))
}

on_both_chains!(
    the_worked_example_agrees_on_both_sides,
    the_lifecycle_of_both_asset_types
);

/// DESIGN.md §1's worked example: 100 issued, two reissuances of 25 → 150 in circulation;
/// ten users assigned 2 each → treasury 130; after the distribution the treasury is 130
/// on both sides and each wallet holds 2.
async fn the_worked_example_agrees_on_both_sides(chain: Chain) {
    let w = World::start(chain).await;
    let (uuid, asset_id) = w.issue("WRK", 100, false).await;
    w.reissue(&uuid, 25).await;
    w.reissue(&uuid, 25).await;
    let s = w.summary(&uuid).await;
    assert_eq!(
        (n(&s, "issued"), n(&s, "reissued"), n(&s, "circulation")),
        (100, 50, 150),
        "{s}"
    );
    assert_eq!(w.wallet.balance_of(&asset_id).await, 150);
    let holders = w.wallets(10).await;
    for (i, h) in holders.iter().enumerate() {
        let user = w.register(&format!("holder {i}"), &h.gaid).await;
        w.assign(&uuid, user, 2, None).await;
    }
    let s = w.summary(&uuid).await;
    assert_eq!(
        (n(&s, "assigned"), n(&s, "treasury_balance")),
        (20, 130),
        "{s}"
    );
    // Issue 11: one truth for holders — balance and ownerships show the same treasury
    // line as the summary, the assigned amount left out of it.
    let balance = w
        .issuer
        .ok("GET", &format!("assets/{uuid}/balance"), None)
        .await;
    let ownerships = w
        .issuer
        .ok("GET", &format!("assets/{uuid}/ownerships"), None)
        .await;
    for lines in [&balance["confirmed_balance"], &ownerships] {
        let treasury = lines
            .as_array()
            .unwrap()
            .iter()
            .find(|l| l["owner"] == "treasury")
            .unwrap();
        assert_eq!(n(treasury, "amount"), 130, "{lines}");
    }
    w.distribute(&uuid).await;
    let all: Vec<&Wallet> = holders.iter().collect();
    w.wallets_hold(&all, &asset_id, 2).await;
    let s = w.summary(&uuid).await;
    assert_eq!(
        (n(&s, "distributed"), n(&s, "treasury_balance")),
        (20, 130),
        "{s}"
    );
    assert_eq!(w.wallet.balance_of(&asset_id).await, 130);
    let txs = w
        .issuer
        .ok("GET", &format!("assets/{uuid}/txs"), None)
        .await;
    let txs = txs.as_array().unwrap();
    assert!(txs[0]["is_issuance"].as_bool().unwrap(), "{txs:?}");
    assert_eq!(txs.iter().filter(|t| t["is_reissuance"] == true).count(), 2);
    assert_eq!(
        txs.iter().filter(|t| t["is_distribution"] == true).count(),
        1
    );
    // The confirm tool's update-blinders reads element 0 as the issuance and fills the
    // blinders shown as zeros, from the issuer's wallet, which the issuance paid directly.
    let zeros = "0".repeat(64);
    assert!(txs[0]["outputs"]
        .as_array()
        .unwrap()
        .iter()
        .all(|o| o["asset_blinder"] == zeros.as_str()));
    update_blinders(&w.server.api, &w.wallet.url, &uuid).await;
    let issuance = w
        .issuer
        .ok(
            "GET",
            &format!("assets/{uuid}/txs/{}", txs[0]["txid"].as_str().unwrap()),
            None,
        )
        .await;
    let outputs = issuance["outputs"].as_array().unwrap();
    assert!(
        !outputs.is_empty() && outputs.iter().all(|o| o["asset_blinder"] != zeros.as_str()),
        "{issuance}"
    );
    let activities = w
        .issuer
        .ok("GET", &format!("assets/{uuid}/activities"), None)
        .await;
    let kinds: Vec<&str> = activities
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["type"].as_str().unwrap())
        .collect();
    assert_eq!(
        kinds.iter().filter(|k| **k == "distribution").count(),
        10,
        "{activities}"
    );
    assert_eq!(
        &kinds[..3],
        ["issuance", "reissuance", "reissuance"],
        "{activities}"
    );
}

/// Both asset types through assign (vesting, locked, deleted) → distribute → reissue →
/// burn, with holdings, ownerships, balance and summary agreeing at every step.
async fn the_lifecycle_of_both_asset_types(chain: Chain) {
    let w = World::start(chain).await;
    let holders = w.wallets(3).await;
    let category = w
        .issuer
        .ok(
            "POST",
            "categories/add",
            Some(json!({"name": "qualified", "description": "KYC done"})),
        )
        .await["id"]
        .as_i64()
        .unwrap();
    let mut users = Vec::new();
    for (i, h) in holders.iter().enumerate() {
        let user = w.register(&format!("holder {i}"), &h.gaid).await;
        w.issuer
            .ok(
                "PUT",
                &format!("categories/{category}/registered_users/{user}/add"),
                None,
            )
            .await;
        users.push(user);
    }
    for restricted in [false, true] {
        let ticker = if restricted { "RST" } else { "TRK" };
        let (uuid, asset_id) = w.issue(ticker, 100_000, restricted).await;
        if restricted {
            w.issuer
                .ok(
                    "PUT",
                    &format!("categories/{category}/assets/{uuid}/add"),
                    None,
                )
                .await;
        }
        let now = i64::try_from(
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .as_secs(),
        )
        .unwrap();
        w.assign(&uuid, users[0], 1_000, None).await;
        let vesting = w.assign(&uuid, users[1], 2_000, Some(now + 4)).await;
        let locked = w.assign(&uuid, users[2], 3_000, None).await;
        let deleted = w.assign(&uuid, users[2], 4_000, None).await;
        w.issuer
            .ok(
                "PUT",
                &format!("assets/{uuid}/assignments/{locked}/lock"),
                None,
            )
            .await;
        w.issuer
            .ok(
                "DELETE",
                &format!("assets/{uuid}/assignments/{deleted}/delete"),
                None,
            )
            .await;
        let s = w.summary(&uuid).await;
        assert_eq!(
            (n(&s, "assigned"), n(&s, "treasury_balance")),
            (6_000, 94_000),
            "{s}"
        );
        // Before vesting only the first assignment is paid.
        let file = w.distribute(&uuid).await;
        assert_eq!(
            file["map_address_amount"].as_object().unwrap().len(),
            1,
            "{file}"
        );
        w.wallets_hold(&[&holders[0]], &asset_id, 1_000).await;
        let first_paid: u64 = w.wallet.rpc.call("getblockcount", vec![]).await.unwrap();
        let path = format!("assets/{uuid}/assignments/{vesting}");
        eventually("the vesting assignment to vest", || async {
            w.issuer.ok("GET", &path, None).await["ready_for_distribution"] == true
                && w.issuer.ok("GET", &path, None).await["has_vested"] == true
        })
        .await;
        w.distribute(&uuid).await;
        w.wallets_hold(&[&holders[1]], &asset_id, 2_000).await;
        w.wallets_hold(&[&holders[2]], &asset_id, 0).await;
        let s = w.summary(&uuid).await;
        assert_eq!(
            (n(&s, "assigned"), n(&s, "distributed")),
            (3_000, 3_000),
            "{s}"
        );
        assert_eq!(n(&s, "treasury_balance"), 94_000, "{s}");
        assert_eq!(w.wallet.balance_of(&asset_id).await, 97_000);
        let ownerships = w
            .issuer
            .ok("GET", &format!("assets/{uuid}/ownerships"), None)
            .await;
        for (h, amount) in [(&holders[0], 1_000), (&holders[1], 2_000)] {
            let line = ownerships
                .as_array()
                .unwrap()
                .iter()
                .find(|o| o["GAID"] == h.gaid.as_str());
            assert_eq!(line.map(|l| n(l, "amount")), Some(amount), "{ownerships}");
            let b = w
                .issuer
                .ok("GET", &format!("gaids/{}/balance/{uuid}", h.gaid), None)
                .await;
            assert_eq!(n(&b, "balance"), amount, "{b}");
            let listed = w
                .issuer
                .ok("GET", &format!("gaids/{}/balance", h.gaid), None)
                .await;
            assert!(
                listed
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|b| b["asset_id"] == asset_id.as_str()),
                "{listed}"
            );
        }
        let balance = w
            .issuer
            .ok("GET", &format!("assets/{uuid}/balance"), None)
            .await;
        assert_eq!(balance["lost_outputs"], json!([]), "{balance}");
        let confirmed = balance["confirmed_balance"].as_array().unwrap();
        for (h, amount) in [(&holders[0], 1_000), (&holders[1], 2_000)] {
            let line = confirmed.iter().find(|o| o["GAID"] == h.gaid.as_str());
            assert_eq!(line.map(|l| n(l, "amount")), Some(amount), "{balance}");
        }
        w.reissue(&uuid, 5_000).await;
        w.burn(&uuid, 7_000).await;
        let s = w.summary(&uuid).await;
        let circulation = 100_000 + 5_000 - 7_000;
        assert_eq!(n(&s, "circulation"), circulation, "{s}");
        assert_eq!(
            n(&s, "treasury_balance"),
            circulation - 3_000 - 3_000,
            "{s}"
        );
        assert_eq!(w.wallet.balance_of(&asset_id).await, circulation - 3_000);
        let activities = w
            .issuer
            .ok(
                "GET",
                &format!("assets/{uuid}/activities?sortorder=desc&count=1"),
                None,
            )
            .await;
        assert_eq!(activities[0]["type"], "burn", "{activities}");
        assert_eq!(n(&activities[0], "amount"), 7_000, "{activities}");
        // Ownership at a past height, after all that: when the first distribution was paid,
        // only the first holder held the asset; now both distributions show.
        let held = |list: &Value, gaid: &str| {
            list.as_array()
                .unwrap()
                .iter()
                .find(|o| o["GAID"] == gaid)
                .map_or(0, |o| n(o, "amount"))
        };
        let past = w
            .issuer
            .ok(
                "GET",
                &format!("assets/{uuid}/ownerships/{first_paid}"),
                None,
            )
            .await;
        assert_eq!(
            (held(&past, &holders[0].gaid), held(&past, &holders[1].gaid)),
            (1_000, 0),
            "at height {first_paid}: {past}"
        );
        let now = w
            .issuer
            .ok("GET", &format!("assets/{uuid}/ownerships"), None)
            .await;
        assert_eq!(
            (held(&now, &holders[0].gaid), held(&now, &holders[1].gaid)),
            (1_000, 2_000),
            "{now}"
        );
    }
}
