//! The raw issuance path and the refusals the real node makes, compared with the replies
//! of Elements 23.3.3 recorded in `crates/elements-rpc/tests/fixtures/11-raw-issuance.jsonl`:
//! a server wallet issues straight to another wallet's addresses; only that wallet can then
//! reissue; unconfirmed coins from others are not spent; history calls list the entries.

use std::collections::BTreeSet;

use serde_json::{json, Value};
use tessera_devnet::Devnet;

use crate::support::{call, call_err, devnet, sats};

/// The recorded replies, by (wallet, method), in order.
fn recorded() -> Vec<Value> {
    let path = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../elements-rpc/tests/fixtures/11-raw-issuance.jsonl");
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// The first recorded successful result of `method` (in `scenario`).
fn recorded_result(scenario: &str, method: &str) -> Value {
    recorded()
        .into_iter()
        .find(|l| {
            l["scenario"] == scenario
                && l["request"]["method"] == method
                && l["response"]["error"].is_null()
        })
        .map(|l| l["response"]["result"].clone())
        .unwrap_or_else(|| panic!("no recorded {method}"))
}

fn keys(v: &Value) -> BTreeSet<String> {
    v.as_object().unwrap().keys().cloned().collect()
}

/// Wallets platform (holding the chain's coins), issuer (with 10 L-BTC for fees), other.
fn wallets() -> (Devnet, tempfile::TempDir) {
    let (d, dir) = devnet();
    for name in ["platform", "issuer", "other"] {
        call(&d, None, "createwallet", json!([name]));
    }
    let fund = call(&d, Some("issuer"), "getnewaddress", json!([]));
    call(&d, Some("platform"), "sendtoaddress", json!([fund, 10]));
    let miner = call(&d, Some("platform"), "getnewaddress", json!([]));
    call(&d, None, "generatetoaddress", json!([1, miner]));
    (d, dir)
}

/// Builds and signs the issuance with `platform` at `fee_rate` sat/vB; returns the signed
/// hex and the `rawissueasset` entry.
fn build(d: &Devnet, fee_rate: u64, asset_to: &Value, token_to: &Value) -> (String, Value) {
    let raw = call(
        d,
        None,
        "createrawtransaction",
        json!([[], [{"data": "00"}]]),
    );
    let funded = call(
        d,
        Some("platform"),
        "fundrawtransaction",
        json!([raw, {"fee_rate": fee_rate}]),
    );
    assert_eq!(
        keys(&funded),
        keys(&recorded_result("raw-issuance", "fundrawtransaction"))
    );
    let issuance = json!([{"asset_amount": 25, "asset_address": asset_to, "token_amount": 1,
        "token_address": token_to, "blind": true, "contract_hash": "ef".repeat(32)}]);
    let issued = call(
        d,
        Some("platform"),
        "rawissueasset",
        json!([funded["hex"], issuance]),
    );
    let entry = issued[0].clone();
    assert_eq!(
        keys(&entry),
        keys(&recorded_result("raw-issuance", "rawissueasset")[0])
    );
    let blinded = call(
        d,
        Some("platform"),
        "blindrawtransaction",
        json!([entry["hex"], true, [], true]),
    );
    let signed = call(
        d,
        Some("platform"),
        "signrawtransactionwithwallet",
        json!([blinded]),
    );
    assert_eq!(
        keys(&signed),
        keys(&recorded_result(
            "raw-issuance",
            "signrawtransactionwithwallet"
        ))
    );
    assert_eq!(signed["complete"], true);
    (signed["hex"].as_str().unwrap().to_owned(), entry)
}

#[test]
fn createrawtransaction_writes_the_bytes_the_node_writes() {
    let (d, _dir) = devnet();
    let raw = call(
        &d,
        None,
        "createrawtransaction",
        json!([[], [{"data": "00"}]]),
    );
    assert_eq!(raw, recorded_result("raw-issuance", "createrawtransaction"));
    let no_fee = call_err(
        &d,
        None,
        "rawissueasset",
        json!([raw, [{"asset_amount": 1,
        "asset_address": "el1qq08rwfqgvlrty32xernfc5ppl0p840pvw5vd25r6p7laxx3vg5y5rzx5692arl8yl449jdt2uzhqdhcktcarvvulhmceg3rum"}]]),
    );
    assert_eq!(
        (no_fee.code, no_fee.message.as_str()),
        (-8, "Last transaction output must be fee.")
    );
}

#[test]
fn an_issuance_to_another_wallet_lets_that_wallet_reissue_and_no_other() {
    let (d, _dir) = wallets();
    let asset_to = call(&d, Some("issuer"), "getnewaddress", json!([]));
    let token_to = call(&d, Some("issuer"), "getnewaddress", json!([]));

    // Funded at 1 sat/vB before blinding: the proofs make it too large for its fee, and the
    // mempool refuses it as the node does ("min relay fee not met, 250 < 487").
    let (short, _) = build(&d, 1, &asset_to, &token_to);
    let refused = call_err(&d, None, "sendrawtransaction", json!([short]));
    assert_eq!(refused.code, -26);
    assert!(
        refused.message.starts_with("min relay fee not met"),
        "{}",
        refused.message
    );

    let (hex, entry) = build(&d, 10, &asset_to, &token_to);
    let txid = call(&d, None, "sendrawtransaction", json!([hex]));
    let asset = entry["asset"].as_str().unwrap().to_owned();
    let pending = call(&d, Some("issuer"), "gettransaction", json!([txid]));
    assert_eq!(
        (pending["confirmations"].clone(), pending["trusted"].clone()),
        (json!(0), json!(false))
    );
    let own = call(&d, Some("platform"), "gettransaction", json!([txid]));
    assert_eq!(own["trusted"], true);
    call(&d, None, "generatetoaddress", json!([1, asset_to]));

    // The issuer sees the issuance, blinded for it (-1), and both balances.
    let seen = call(&d, Some("issuer"), "listissuances", json!([]));
    let seen = seen
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["asset"] == asset)
        .unwrap();
    assert_eq!(
        (seen["assetamount"].clone(), seen["tokenamount"].clone()),
        (json!(-1), json!(-1))
    );
    let balance = call(&d, Some("issuer"), "getbalance", json!([]));
    assert_eq!(sats(&balance[&asset]), 2_500_000_000);
    assert_eq!(
        sats(&balance[entry["token"].as_str().unwrap()]),
        100_000_000
    );
    // The server wallet made it and knows the amounts and blinders.
    let made = call(&d, Some("platform"), "listissuances", json!([asset]));
    assert_eq!(sats(&made[0]["assetamount"]), 2_500_000_000);
    assert_ne!(made[0]["assetblinds"], json!("0".repeat(64)));

    let foreign = call_err(&d, Some("other"), "reissueasset", json!([asset, 1]));
    assert_eq!(
        (foreign.code, foreign.message.as_str()),
        (
            -4,
            "Asset reissuance token definition could not be found in wallet."
        )
    );
    let reissued = call(&d, Some("issuer"), "reissueasset", json!([asset, 5]));
    assert_eq!(
        keys(&reissued),
        keys(&recorded_result("reissue-by-issuer", "reissueasset"))
    );
    let history = call(&d, Some("issuer"), "listissuances", json!([asset]));
    let mut kinds: Vec<bool> = history
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["isreissuance"].as_bool().unwrap())
        .collect();
    // The node lists a wallet's issuances in no defined order (its wallet map is unordered).
    kinds.sort();
    assert_eq!(kinds, [false, true]);
}

#[test]
fn holding_the_token_is_not_enough_to_reissue() {
    let (d, _dir) = wallets();
    let issued = call(&d, Some("platform"), "issueasset", json!([10, 1]));
    call(
        &d,
        None,
        "generatetoaddress",
        json!([1, call(&d, Some("platform"), "getnewaddress", json!([]))]),
    );
    let to = call(&d, Some("issuer"), "getnewaddress", json!([]));
    call(
        &d,
        Some("platform"),
        "sendmany",
        json!(["", {to.as_str().unwrap(): 1}, 0, "", [], false, 1, "UNSET", {to.as_str().unwrap(): issued["token"]}]),
    );
    call(&d, None, "generatetoaddress", json!([1, to]));
    let refused = call_err(
        &d,
        Some("issuer"),
        "reissueasset",
        json!([issued["asset"], 1]),
    );
    assert_eq!(refused.code, -4);
    assert_eq!(
        refused.message,
        "Asset reissuance token definition could not be found in wallet."
    );
}

#[test]
fn unconfirmed_coins_from_another_wallet_are_not_spent() {
    let (d, _dir) = wallets();
    let to = call(&d, Some("other"), "getnewaddress", json!([]));
    let paid = call(&d, Some("platform"), "sendtoaddress", json!([to, 2]));
    let pending = call(&d, Some("other"), "gettransaction", json!([paid]));
    assert_eq!(pending["trusted"], false);
    let balances = call(&d, Some("other"), "getbalances", json!([]));
    assert_eq!(
        sats(&balances["mine"]["untrusted_pending"]["bitcoin"]),
        200_000_000
    );
    let back = call(&d, Some("platform"), "getnewaddress", json!([]));
    let refused = call_err(&d, Some("other"), "sendtoaddress", json!([back, 1]));
    assert_eq!(
        (refused.code, refused.message.as_str()),
        (-6, "Insufficient funds")
    );
    let raw = call(
        &d,
        None,
        "createrawtransaction",
        json!([[], [{back.as_str().unwrap(): 1}]]),
    );
    let unfunded = call_err(&d, Some("other"), "fundrawtransaction", json!([raw]));
    assert_eq!(unfunded.code, -4);
    call(&d, None, "generatetoaddress", json!([1, back]));
    call(&d, Some("other"), "sendtoaddress", json!([back, 1]));
    // Its own unconfirmed change is spendable.
    call(&d, Some("other"), "sendtoaddress", json!([back, "0.5"]));
}

#[test]
fn listtransactions_and_listsinceblock_print_the_entries_the_node_prints() {
    let (d, _dir) = wallets();
    let before = call(&d, None, "getbestblockhash", json!([]));
    let to = call(&d, Some("issuer"), "getnewaddress", json!([]));
    let paid = call(&d, Some("platform"), "sendtoaddress", json!([to, 3]));
    let pending = call(
        &d,
        Some("issuer"),
        "listtransactions",
        json!(["*", 10, 0, false]),
    );
    let last = pending.as_array().unwrap().last().unwrap().clone();
    assert_eq!(
        (last["txid"].clone(), last["trusted"].clone()),
        (paid.clone(), json!(false))
    );
    call(
        &d,
        None,
        "generatetoaddress",
        json!([1, call(&d, Some("platform"), "getnewaddress", json!([]))]),
    );

    let listed = call(
        &d,
        Some("issuer"),
        "listtransactions",
        json!(["*", 10, 0, false]),
    );
    let entries = listed.as_array().unwrap();
    assert_eq!(entries.len(), 2, "the funding and this payment: {listed}");
    let recorded = recorded_result("raw-issuance", "listtransactions");
    let recorded_receive = recorded
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["category"] == "receive")
        .unwrap();
    let receive = entries.iter().find(|e| e["txid"] == paid).unwrap();
    assert_eq!(keys(receive), keys(recorded_receive));
    assert_eq!(sats(&receive["amount"]), 300_000_000);
    let one = call(
        &d,
        Some("issuer"),
        "listtransactions",
        json!(["*", 1, 0, false]),
    );
    assert_eq!(one[0]["txid"], paid, "count keeps the most recent");
    let skipped = call(
        &d,
        Some("issuer"),
        "listtransactions",
        json!(["*", 1, 1, false]),
    );
    assert_ne!(skipped[0]["txid"], paid, "skip drops the most recent");

    let since = call(&d, Some("issuer"), "listsinceblock", json!([before]));
    assert_eq!(
        keys(&since),
        keys(&recorded_result("raw-issuance", "listsinceblock"))
    );
    let txids: Vec<&Value> = since["transactions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| &e["txid"])
        .collect();
    assert_eq!(txids, [&paid]);
    assert_eq!(
        since["lastblock"],
        call(&d, None, "getbestblockhash", json!([]))
    );
    let all = call(&d, Some("issuer"), "listsinceblock", json!([]));
    assert_eq!(all["transactions"].as_array().unwrap().len(), 2);
    let unknown = call_err(
        &d,
        Some("issuer"),
        "listsinceblock",
        json!(["00".repeat(32)]),
    );
    assert_eq!(unknown.code, -5);
}
