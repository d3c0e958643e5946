//! Wallet scenarios through the in-process API.

use crate::support::{call, call_err, devnet, sats};
use serde_json::json;

#[test]
fn first_wallet_receives_the_free_coins_and_can_issue_and_distribute() {
    let (d, _dir) = devnet();
    call(&d, None, "createwallet", json!(["issuer"]));
    call(&d, None, "createwallet", json!(["alice"]));
    call(&d, None, "createwallet", json!(["bob"]));
    let bal = call(&d, Some("issuer"), "getbalance", json!([]));
    assert_eq!(bal["bitcoin"].to_string(), "20999999.99990000");
    let issued = call(&d, Some("issuer"), "issueasset", json!([1000, 1]));
    let asset = issued["asset"].as_str().unwrap().to_string();
    let a = call(&d, Some("alice"), "getnewaddress", json!([]));
    let b = call(&d, Some("bob"), "getnewaddress", json!([]));
    let (a, b) = (a.as_str().unwrap(), b.as_str().unwrap());
    let txid = call(
        &d,
        Some("issuer"),
        "sendmany",
        json!(["", {a: 1.5, b: 0.25}, 0, "", [], false, 1, "UNSET", {a: asset, b: asset}]),
    );
    // Fee in the policy asset at 1 sat/vB of the real blinded, signed transaction.
    let entry = call(&d, None, "getmempoolentry", json!([txid]));
    let (fee, vsize) = (
        sats(&entry["fees"]["base"]),
        entry["vsize"].as_u64().unwrap(),
    );
    assert!(
        fee >= vsize && fee <= vsize + 10,
        "fee {fee} for vsize {vsize}"
    );
    let miner = call(&d, Some("issuer"), "getnewaddress", json!([]));
    call(&d, None, "generatetoaddress", json!([2, miner]));
    let tx = call(&d, Some("issuer"), "gettransaction", json!([txid]));
    assert_eq!(tx["confirmations"], json!(2));
    assert_eq!(tx["amount"][&asset].to_string(), "-1.75000000");
    let alice = call(&d, Some("alice"), "getbalance", json!([]));
    assert_eq!(sats(&alice[&asset]), 150_000_000);
    let unspent = call(&d, Some("bob"), "listunspent", json!([]));
    assert_eq!(unspent[0]["amount"].to_string(), "0.25000000");
    assert!(
        unspent[0]["amountcommitment"].is_string(),
        "bob's output is blinded: {unspent}"
    );
    let err = call_err(&d, Some("alice"), "issueasset", json!([10, 0]));
    assert_eq!(err.code, -4);
}

#[test]
fn a_locked_wallet_refuses_to_sign_until_unlocked() {
    let (d, _dir) = devnet();
    call(&d, None, "createwallet", json!(["w"]));
    let addr = call(&d, Some("w"), "getnewaddress", json!([]));
    call(&d, Some("w"), "encryptwallet", json!(["secret"]));
    let err = call_err(&d, Some("w"), "sendtoaddress", json!([addr, 1]));
    assert_eq!(err.code, -13);
    assert_eq!(
        err.message,
        "Error: Please enter the wallet passphrase with walletpassphrase first."
    );
    assert_eq!(
        call_err(&d, Some("w"), "issueasset", json!([10, 0])).code,
        -13
    );
    assert_eq!(
        call_err(&d, Some("w"), "walletpassphrase", json!(["wrong", 60])).code,
        -14
    );
    call(&d, Some("w"), "walletpassphrase", json!(["secret", 60]));
    call(&d, Some("w"), "sendtoaddress", json!([addr, 1]));
    let legacy = call(&d, Some("w"), "getnewaddress", json!(["", "legacy"]));
    let signature = call(&d, Some("w"), "signmessage", json!([legacy, "hello"]));
    assert_eq!(
        call(
            &d,
            None,
            "verifymessage",
            json!([legacy, signature, "hello"])
        ),
        json!(true)
    );
    call(&d, Some("w"), "walletlock", json!([]));
    assert_eq!(
        call_err(&d, Some("w"), "signmessage", json!([legacy, "hello"])).code,
        -13
    );
}

#[test]
fn reissue_and_burn_change_the_circulating_amount() {
    let (d, _dir) = devnet();
    call(&d, None, "createwallet", json!(["w"]));
    let issued = call(&d, Some("w"), "issueasset", json!([100, 1, true]));
    let asset = issued["asset"].as_str().unwrap();
    call(&d, Some("w"), "reissueasset", json!([asset, 10]));
    let burn = call(&d, Some("w"), "destroyamount", json!([asset, 0.5]));
    let addr = call(&d, Some("w"), "getnewaddress", json!([]));
    call(&d, None, "generatetoaddress", json!([1, addr]));
    let balance = call(
        &d,
        Some("w"),
        "getbalance",
        json!(["*", 0, false, false, asset]),
    );
    assert_eq!(balance.to_string(), "109.50000000");
    let issuances = call(&d, Some("w"), "listissuances", json!([asset]));
    assert_eq!(issuances.as_array().unwrap().len(), 2);
    let tx = call(&d, Some("w"), "gettransaction", json!([burn]));
    assert_eq!(tx["details"][0]["amount"].to_string(), "-0.50000000");
    assert!(tx["details"][0].get("address").is_none());
    let raw = call(&d, None, "getrawtransaction", json!([burn, true]));
    assert!(raw["vout"]
        .as_array()
        .unwrap()
        .iter()
        .any(|o| o["scriptPubKey"]["type"] == json!("nulldata")));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_background_miner_mines_at_the_configured_interval() {
    let dir = tempfile::tempdir().unwrap();
    let mut config = tessera_devnet::DevnetConfig::new(dir.path(), "u", "p");
    config.block_interval = Some(std::time::Duration::from_millis(100));
    let d = tessera_devnet::Devnet::open(config).unwrap();
    let miner = d.spawn_miner().unwrap();
    tokio::time::sleep(std::time::Duration::from_millis(450)).await;
    miner.abort();
    let count = d.call(None, "getblockcount", vec![]).unwrap();
    assert!(count.as_u64().unwrap() >= 2, "{count}");
}
