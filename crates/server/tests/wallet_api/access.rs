//! Who can read what: a wallet token opens its own account only, and issuer and wallet
//! tokens never open each other's endpoints.

use crate::harness::{spawn_app, Auth, TestApp, Wallet};
use axum::http::{Method, StatusCode};
use serde_json::{json, Value};
use tessera_core::Gaid;
use tessera_store::{BlockChanges, BlockRef, LedgerRow, OwnerRef, TrackedOutput};

const LBTC: &str = "b2e15d0d7a0c94e4e2ce0fe6e8691b9e451377f6e46e8045a86f7c4b5d4f0f23";
const ASSET: &str = "1111111111111111111111111111111111111111111111111111111111111111";
const ZERO: &str = "0000000000000000000000000000000000000000000000000000000000000000";

const WALLET_ENDPOINTS: [(Method, &str); 5] = [
    (Method::GET, "/api/wallet/account"),
    (Method::POST, "/api/wallet/address"),
    (Method::POST, "/api/wallet/change-address"),
    (Method::GET, "/api/wallet/utxos"),
    (Method::GET, "/api/wallet/balance"),
];

async fn owner(t: &TestApp, w: &Wallet) -> OwnerRef {
    let gaid = Gaid::parse(&w.gaid).unwrap();
    let account = t.store.account_by_gaid(&gaid).await.unwrap().unwrap();
    OwnerRef::Account {
        account: account.id,
        gaid,
    }
}

/// Records one block in which `outputs` (owner, asset, amount) were received.
async fn receive(t: &TestApp, outputs: &[(OwnerRef, &str, u64)]) {
    let block = BlockRef {
        height: 0,
        hash: "aa".repeat(32),
        prev_hash: ZERO.to_owned(),
        time: 1_700_000_000,
    };
    let mut changes = BlockChanges {
        block,
        outputs: Vec::new(),
        spends: Vec::new(),
        ledger: Vec::new(),
    };
    for (vout, (owner, asset, amount)) in outputs.iter().enumerate() {
        let vout = u32::try_from(vout).unwrap();
        let txid = "bb".repeat(32);
        changes.outputs.push(TrackedOutput {
            txid: txid.clone(),
            vout,
            owner: owner.clone(),
            asset_id: (*asset).to_owned(),
            amount: *amount,
            asset_blinder: ZERO.to_owned(),
            amount_blinder: ZERO.to_owned(),
            script_pubkey: vec![0x00, 0x20, u8::try_from(vout).unwrap()],
            height: 0,
            spent_by: None,
            spent_height: None,
        });
        changes.ledger.push(LedgerRow {
            asset_id: (*asset).to_owned(),
            owner: owner.clone(),
            delta: i64::try_from(*amount).unwrap(),
            txid,
            vout,
            height: 0,
            time: 1_700_000_000,
        });
    }
    t.store.apply_block(&changes).await.unwrap();
}

fn sorted_balances(body: &Value) -> Vec<(String, i64)> {
    let mut out: Vec<(String, i64)> = body
        .as_array()
        .unwrap()
        .iter()
        .map(|b| {
            (
                b["asset_id"].as_str().unwrap().to_owned(),
                b["balance"].as_i64().unwrap(),
            )
        })
        .collect();
    out.sort();
    out
}

fn utxo_amounts(body: &Value) -> Vec<(String, u64)> {
    let mut out: Vec<(String, u64)> = body
        .as_array()
        .unwrap()
        .iter()
        .map(|u| {
            (
                u["asset_id"].as_str().unwrap().to_owned(),
                u["amount"].as_u64().unwrap(),
            )
        })
        .collect();
    out.sort();
    out
}

#[tokio::test]
async fn a_wallet_token_shows_only_its_own_accounts_outputs_and_balances() {
    let t = spawn_app().await;
    let alice = t.wallet().await;
    let bob = t.wallet().await;
    let (a, b) = (owner(&t, &alice).await, owner(&t, &bob).await);
    receive(
        &t,
        &[
            (a.clone(), ASSET, 500),
            (b.clone(), ASSET, 70),
            (a, LBTC, 1000),
        ],
    )
    .await;

    let alice_utxos = t.get("/api/wallet/utxos", Auth::Wallet(&alice.token)).await;
    let alice_balance = t
        .get("/api/wallet/balance", Auth::Wallet(&alice.token))
        .await;
    let bob_utxos = t.get("/api/wallet/utxos", Auth::Wallet(&bob.token)).await;
    let bob_balance = t.get("/api/wallet/balance", Auth::Wallet(&bob.token)).await;

    assert_eq!(
        utxo_amounts(&alice_utxos.expect(StatusCode::OK)),
        [(ASSET.to_owned(), 500), (LBTC.to_owned(), 1000)]
    );
    assert_eq!(
        sorted_balances(&alice_balance.expect(StatusCode::OK)),
        [(ASSET.to_owned(), 500), (LBTC.to_owned(), 1000)]
    );
    assert_eq!(
        utxo_amounts(&bob_utxos.expect(StatusCode::OK)),
        [(ASSET.to_owned(), 70)]
    );
    assert_eq!(
        sorted_balances(&bob_balance.expect(StatusCode::OK)),
        [(ASSET.to_owned(), 70)]
    );
}

#[tokio::test]
async fn an_issuer_token_does_not_open_wallet_endpoints() {
    let t = spawn_app().await;
    let issuer = t.issuer("issuer").await;
    t.wallet().await;
    for (method, path) in WALLET_ENDPOINTS {
        // In its own scheme the token is not even looked at...
        t.call(method.clone(), path, Auth::Issuer(&issuer), None)
            .await
            .expect_error(StatusCode::UNAUTHORIZED, "unauthenticated");
        // ...and presented as a wallet token it is unknown.
        t.call(method.clone(), path, Auth::Wallet(&issuer), None)
            .await
            .expect_error(StatusCode::UNAUTHORIZED, "invalid_token");
        t.call(method, path, Auth::None, None)
            .await
            .expect_error(StatusCode::UNAUTHORIZED, "unauthenticated");
    }
    let accounts = t.store.accounts().await.unwrap();
    assert!(t
        .store
        .account_addresses(accounts[0].id)
        .await
        .unwrap()
        .is_empty());
}

#[tokio::test]
async fn a_wallet_token_does_not_open_issuer_endpoints() {
    let t = spawn_app().await;
    let w = t.wallet().await;
    let gaid = &w.gaid;
    let issuer_endpoints = [
        (Method::GET, "/api/registered_users".to_owned(), None),
        (
            Method::POST,
            "/api/registered_users/add".to_owned(),
            Some(json!({ "name": "Mallory", "GAID": gaid, "is_company": false })),
        ),
        (Method::GET, format!("/api/gaids/{gaid}/validate"), None),
        (Method::GET, format!("/api/gaids/{gaid}/address"), None),
        (Method::GET, format!("/api/gaids/{gaid}/balance"), None),
        (
            Method::GET,
            format!("/api/gaids/{gaid}/registered_user"),
            None,
        ),
        (Method::GET, "/api/categories".to_owned(), None),
    ];
    for (method, path, body) in issuer_endpoints {
        // `token` and `bearer` are the issuer schemes; a wallet token is unknown in both.
        t.call(method.clone(), &path, Auth::Issuer(&w.token), body.clone())
            .await
            .expect_error(StatusCode::UNAUTHORIZED, "invalid_token");
        let reply = t.call(method, &path, Auth::Wallet(&w.token), body).await;
        reply.expect_error(StatusCode::UNAUTHORIZED, "unauthenticated");
    }
    let account = t
        .store
        .account_by_gaid(&Gaid::parse(gaid).unwrap())
        .await
        .unwrap()
        .unwrap();
    assert!(t
        .store
        .account_addresses(account.id)
        .await
        .unwrap()
        .is_empty());
}
