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

#[allow(dead_code)]
#[path = "transfers_tamper_support/mod.rs"]
mod world;

use elements::Address;
use serde_json::{json, Value};
use std::str::FromStr;
use transfers_support::{Issuer, Server};
use world::{world, World};

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
    let again = Server::start(&dir.path().join("data"), &tessera_test_util::Chain::Devnet);
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
