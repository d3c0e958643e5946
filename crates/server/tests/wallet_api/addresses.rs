//! Addresses: the platform hands out the account's own addresses, in order, each once —
//! also under concurrent requests from the wallet and from issuers.

use crate::harness::{spawn_app, Auth, TestApp};
use axum::http::StatusCode;
use serde_json::json;
use std::collections::BTreeSet;
use std::sync::Arc;
use tessera_core::{AddressChain, Gaid};
use tessera_custody::Chain;

#[tokio::test]
async fn addresses_are_derived_from_the_accounts_descriptor_in_order() {
    let t = spawn_app().await;
    let issuer = t.issuer("issuer").await;
    let w = t.wallet().await;
    register(&t, &issuer, &w.gaid).await;

    for expected in 0..3u32 {
        let body = t
            .post("/api/wallet/address", Auth::Wallet(&w.token), json!({}))
            .await
            .expect(StatusCode::OK);
        assert_eq!(body["index"], expected);
        let derived = w.descriptor.address(expected, Chain::External).unwrap();
        assert_eq!(body["address"], derived.to_string());
        assert!(derived.is_blinded(), "managed addresses are confidential");
    }
    let body = t
        .get(
            &format!("/api/gaids/{}/address", w.gaid),
            Auth::Issuer(&issuer),
        )
        .await
        .expect(StatusCode::OK);
    assert_eq!(body["index"], 3);
    assert_eq!(
        body["address"],
        w.descriptor
            .address(3, Chain::External)
            .unwrap()
            .to_string()
    );
    let change = t
        .post(
            "/api/wallet/change-address",
            Auth::Wallet(&w.token),
            json!({}),
        )
        .await
        .expect(StatusCode::OK);
    assert_eq!(change["index"], 0);
    assert_eq!(
        change["address"],
        w.descriptor
            .address(0, Chain::Internal)
            .unwrap()
            .to_string()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_requests_never_hand_out_the_same_address_twice() {
    const EACH: u32 = 25;
    let t = Arc::new(spawn_app().await);
    let issuer = t.issuer("issuer").await;
    let w = t.wallet().await;
    register(&t, &issuer, &w.gaid).await;
    let mut tasks = Vec::new();
    for i in 0..2 * EACH {
        let (t, token, issuer, gaid) = (t.clone(), w.token.clone(), issuer.clone(), w.gaid.clone());
        tasks.push(tokio::spawn(async move {
            let reply = if i % 2 == 0 {
                t.post("/api/wallet/address", Auth::Wallet(&token), json!({}))
                    .await
            } else {
                t.get(&format!("/api/gaids/{gaid}/address"), Auth::Issuer(&issuer))
                    .await
            };
            let body = reply.expect(StatusCode::OK);
            (
                u32::try_from(body["index"].as_u64().unwrap()).unwrap(),
                body["address"].as_str().unwrap().to_owned(),
            )
        }));
    }
    let mut handed_out = Vec::new();
    for task in tasks {
        handed_out.push(task.await.unwrap());
    }

    let indexes: BTreeSet<u32> = handed_out.iter().map(|(i, _)| *i).collect();
    let addresses: BTreeSet<&str> = handed_out.iter().map(|(_, a)| a.as_str()).collect();
    assert_eq!(indexes, (0..2 * EACH).collect::<BTreeSet<_>>());
    assert_eq!(
        addresses.len(),
        handed_out.len(),
        "an address was handed out twice"
    );
    for (index, address) in &handed_out {
        let derived = w.descriptor.address(*index, Chain::External).unwrap();
        assert_eq!(address, &derived.to_string());
    }
    let account = t
        .store
        .account_by_gaid(&Gaid::parse(&w.gaid).unwrap())
        .await
        .unwrap()
        .unwrap();
    let recorded: BTreeSet<(u32, String)> = t
        .store
        .account_addresses(account.id)
        .await
        .unwrap()
        .into_iter()
        .filter(|a| a.chain == AddressChain::External)
        .map(|a| (a.index, a.address))
        .collect();
    assert_eq!(recorded, handed_out.into_iter().collect::<BTreeSet<_>>());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_requests_for_different_accounts_keep_each_accounts_sequence() {
    let t = Arc::new(spawn_app().await);
    let alice = t.wallet().await;
    let bob = t.wallet().await;
    let mut tasks = Vec::new();
    for i in 0..20 {
        let token = if i % 2 == 0 { &alice.token } else { &bob.token }.clone();
        let t = t.clone();
        tasks.push(tokio::spawn(async move {
            let body = t
                .post("/api/wallet/address", Auth::Wallet(&token), json!({}))
                .await
                .expect(StatusCode::OK);
            (
                i % 2,
                body["index"].as_u64().unwrap(),
                body["address"].as_str().unwrap().to_owned(),
            )
        }));
    }
    let mut per_account = [BTreeSet::new(), BTreeSet::new()];
    let mut all = BTreeSet::new();
    for task in tasks {
        let (who, index, address) = task.await.unwrap();
        assert!(per_account[who].insert(index));
        assert!(all.insert(address));
    }
    assert_eq!(per_account[0], (0..10).collect());
    assert_eq!(per_account[1], (0..10).collect());
}

#[tokio::test]
async fn an_address_for_an_unknown_gaid_is_not_found() {
    let t = spawn_app().await;
    let issuer = t.issuer("issuer").await;
    let unknown = crate::harness::Investor::generate()
        .descriptor(&t.cosigner.account_key(9).unwrap())
        .gaid();
    let message = t
        .get(
            &format!("/api/gaids/{unknown}/address"),
            Auth::Issuer(&issuer),
        )
        .await
        .expect_error(StatusCode::NOT_FOUND, "gaid_not_registered");
    assert!(message.contains(unknown.as_str()), "{message}");
    let reply = t
        .get("/api/gaids/GAnotagaid/address", Auth::Issuer(&issuer))
        .await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{}", reply.body);
}

/// Registers `gaid` as a user of the issuer (addresses are handed out only for those).
async fn register(t: &TestApp, issuer: &str, gaid: &str) {
    let body = json!({"name": "Investor", "GAID": gaid, "is_company": false});
    t.post("/api/registered_users/add", Auth::Issuer(issuer), body)
        .await
        .expect(StatusCode::CREATED);
}

/// Issue 12: any issuer could make (and store) addresses of any managed account.
#[tokio::test]
async fn an_issuer_gets_no_address_of_an_account_registered_only_to_another_issuer() {
    let t = spawn_app().await;
    let owner = t.issuer("owner").await;
    let stranger = t.issuer("stranger").await;
    let w = t.wallet().await;
    register(&t, &owner, &w.gaid).await;
    let path = format!("/api/gaids/{}/address", w.gaid);
    t.get(&path, Auth::Issuer(&stranger))
        .await
        .expect_error(StatusCode::NOT_FOUND, "gaid_not_registered");
    let account = t
        .store
        .account_by_gaid(&Gaid::parse(&w.gaid).unwrap())
        .await
        .unwrap()
        .unwrap();
    let stored = t.store.account_addresses(account.id).await.unwrap();
    assert!(stored.is_empty(), "nothing derived or stored: {stored:?}");
    // Its own investor's GAID: served.
    let body = t
        .get(&path, Auth::Issuer(&owner))
        .await
        .expect(StatusCode::OK);
    assert_eq!(body["index"], 0);
}
