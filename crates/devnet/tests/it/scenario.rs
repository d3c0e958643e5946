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
