//! The raw issuance path and the wallet history calls, replayed from a real node's replies
//! (`tests/fixtures/11-raw-issuance.jsonl`, recorded with `record-raw-issuance.py` on
//! Elements 23.3.3): each request goes through its typed method, must be sent exactly as
//! recorded, and the recorded reply must parse (or map to the expected error).

use std::path::PathBuf;
use std::str::FromStr;

use elements::{AssetId, BlockHash, Txid};
use serde_json::Value;
use tessera_elements_rpc::{Error, FeeRate, FundOptions, RawInput, RawIssuance, RawOutput, Sats};

use crate::dispatch::dispatch;
use crate::replay::normalized;
use crate::support::{load_path, Line, MockNode};

fn fixture() -> Vec<Line> {
    let path =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/11-raw-issuance.jsonl");
    load_path(&path)
}

fn sats(value: &Value) -> Sats {
    Sats::from_str(&value.to_string()).expect("amount")
}

fn raw_output(value: &Value) -> RawOutput {
    let object = value.as_object().expect("output object");
    if let Some(data) = object.get("data") {
        return RawOutput::Data(data.as_str().expect("hex").to_owned());
    }
    if let Some(fee) = object.get("fee") {
        return RawOutput::Fee(sats(fee));
    }
    let asset = object
        .get("asset")
        .map(|a| AssetId::from_str(a.as_str().expect("asset")).expect("asset id"));
    let (address, amount) = object.iter().find(|(k, _)| *k != "asset").expect("address");
    RawOutput::Pay {
        address: address.clone(),
        amount: sats(amount),
        asset,
    }
}

fn raw_issuance(value: &Value) -> RawIssuance {
    let text = |k: &str| value.get(k).and_then(Value::as_str).map(str::to_owned);
    RawIssuance {
        asset_amount: value.get("asset_amount").map(sats),
        asset_address: text("asset_address"),
        token_amount: value.get("token_amount").map(sats),
        token_address: text("token_address"),
        blind: value.get("blind").and_then(Value::as_bool),
        contract_hash: text("contract_hash"),
    }
}

/// Runs the typed method for the new calls; everything else goes through the general
/// dispatcher of the replay test.
async fn call(node: &MockNode, line: &Line) -> (String, Result<String, Error>) {
    let rpc = node.client_for(line);
    let params = line.request.params.as_array().cloned().unwrap_or_default();
    let text = |i: usize| params[i].as_str().expect("string").to_owned();
    let method = line.request.method.as_str();
    let shown = |r: Result<String, Error>| (method.to_owned(), r);
    macro_rules! typed {
        ($call:expr) => {
            return shown($call.await.map(|v| format!("{v:?}")))
        };
    }
    match method {
        "createrawtransaction" => {
            let inputs: Vec<RawInput> = params[0]
                .as_array()
                .expect("inputs")
                .iter()
                .map(|i| RawInput {
                    txid: Txid::from_str(i["txid"].as_str().expect("txid")).expect("txid"),
                    vout: u32::try_from(i["vout"].as_u64().expect("vout")).expect("u32"),
                    sequence: None,
                })
                .collect();
            let outputs: Vec<RawOutput> = params[1]
                .as_array()
                .expect("outputs")
                .iter()
                .map(raw_output)
                .collect();
            typed!(rpc.create_raw_transaction(&inputs, &outputs))
        }
        "fundrawtransaction" => {
            let fee_rate = params.get(1).map(|o| {
                let text = o["fee_rate"].to_string();
                let (whole, frac) = text.split_once('.').unwrap_or((&text, "0"));
                let msat = whole.parse::<u64>().expect("rate") * 1000
                    + format!("{frac:0<3}")[..3].parse::<u64>().expect("rate");
                FeeRate::from_msat_per_vb(msat)
            });
            typed!(rpc.fund_raw_transaction(&text(0), &FundOptions { fee_rate }))
        }
        "rawissueasset" => {
            let issuances: Vec<RawIssuance> = params[1]
                .as_array()
                .expect("issuances")
                .iter()
                .map(raw_issuance)
                .collect();
            typed!(rpc.raw_issue_asset(&text(0), &issuances))
        }
        "blindrawtransaction" => {
            let blind = params[3].as_bool().expect("blind_issuances");
            typed!(rpc.blind_raw_transaction(&text(0), blind))
        }
        "signrawtransactionwithwallet" => {
            typed!(rpc.sign_raw_transaction_with_wallet(&text(0)))
        }
        "listtransactions" => {
            let n = |i: usize| u32::try_from(params[i].as_u64().expect("n")).expect("u32");
            typed!(rpc.list_transactions(n(1), n(2)))
        }
        "listsinceblock" => {
            let since = params
                .first()
                .map(|h| BlockHash::from_str(h.as_str().expect("hash")).expect("hash"));
            typed!(rpc.list_since_block(since.as_ref()))
        }
        _ => {
            let (route, outcome) = dispatch(&rpc, line).await;
            (route.unwrap_or("generic").to_owned(), outcome)
        }
    }
}

#[tokio::test]
async fn the_raw_issuance_path_replays_through_the_typed_client() {
    let node = MockNode::start().await;
    let mut typed_new = std::collections::BTreeSet::new();
    for line in fixture() {
        let defaults = line.request.params.as_array().is_some_and(Vec::is_empty);
        if line.request.method == "listtransactions" && defaults {
            // The typed call always names its arguments ("*" COUNT SKIP false); the
            // defaults form is covered by the recorded line with arguments.
            continue;
        }
        let before = node.seen().len();
        let (route, outcome) = call(&node, &line).await;
        let seen = node.seen();
        assert_eq!(seen.len(), before + 1, "{}: one request", line.at);
        let sent = seen.last().expect("request").json();
        assert_eq!(sent["method"], line.request.method.as_str(), "{}", line.at);
        assert_eq!(
            normalized(&sent["params"]),
            normalized(&line.request.params),
            "{}: the client must send the recorded parameters",
            line.at
        );
        if line.is_success() {
            outcome.unwrap_or_else(|e| panic!("{} ({}): {e}", line.at, line.scenario));
            typed_new.insert(route);
        } else {
            let error = outcome.expect_err(&line.at);
            let (code, message) = line.node_error().expect("recorded error");
            match (&error, code) {
                (Error::Node { code: -8, .. }, -8) => {
                    assert!(message.contains("Last transaction output must be fee"))
                }
                (Error::NoReissuanceToken { .. }, -4) => {}
                (Error::InsufficientFunds { .. }, -6) => {}
                other => panic!("{}: unexpected {other:?}", line.at),
            }
        }
    }
    for method in [
        "createrawtransaction",
        "fundrawtransaction",
        "rawissueasset",
        "blindrawtransaction",
        "signrawtransactionwithwallet",
        "listtransactions",
        "listsinceblock",
        "sendrawtransaction",
        "gettransaction",
    ] {
        assert!(
            typed_new.contains(method),
            "{method} was not replayed typed"
        );
    }
}
