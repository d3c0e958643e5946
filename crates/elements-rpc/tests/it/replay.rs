//! Replays every recorded exchange: each request goes through the typed method (or the
//! generic call where no typed method fits the recorded arguments), the mock answers with the
//! node's recorded status and body, and the outcome must match — success parses, errors map
//! to the expected variant — while the request the client built must equal the recorded one.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;
use tessera_elements_rpc::amount::parse_base_units;
use tessera_elements_rpc::Error;

use crate::dispatch::dispatch;
use crate::support::{fixture_files, load, MockNode};

/// Expected error variant of every recorded error line (`file:line` → variant).
const EXPECTED_ERRORS: &[(&str, &str)] = &[
    ("02-wallets.jsonl:8", "WalletNotSpecified"),
    ("02-wallets.jsonl:9", "WalletNotSpecified"),
    ("02-wallets.jsonl:12", "WalletNotLoaded"),
    ("02-wallets.jsonl:13", "WalletNotLoaded"),
    ("02-wallets.jsonl:16", "Node(-4)"),
    ("02-wallets.jsonl:23", "WalletLocked"),
    ("02-wallets.jsonl:24", "WrongPassphrase"),
    ("02-wallets.jsonl:27", "InvalidAddress"),
    ("02-wallets.jsonl:32", "Node(-3)"),
    ("02-wallets.jsonl:35", "WalletLocked"),
    ("02-wallets.jsonl:36", "WalletNotEncrypted"),
    ("03-addresses.jsonl:26", "Node(-5)"),
    ("04-issuance.jsonl:18", "NotInMempool"),
    ("08-errors.jsonl:1", "InsufficientFunds"),
    ("08-errors.jsonl:2", "InsufficientFunds"),
    ("08-errors.jsonl:3", "InvalidAddress"),
    ("08-errors.jsonl:4", "InvalidAddress"),
    ("08-errors.jsonl:5", "MethodNotFound"),
    ("08-errors.jsonl:6", "MethodNotFound"),
    ("08-errors.jsonl:7", "Node(-1)"),
    ("08-errors.jsonl:8", "Node(-1)"),
    ("08-errors.jsonl:9", "Node(-3)"),
    ("08-errors.jsonl:10", "Node(-3)"),
    ("08-errors.jsonl:11", "Node(-3)"),
    ("08-errors.jsonl:12", "Node(-1)"),
    ("08-errors.jsonl:13", "Node(-1)"),
    ("08-errors.jsonl:14", "Node(-1)"),
    ("08-errors.jsonl:15", "Node(-4)"),
    ("08-errors.jsonl:16", "NoReissuanceToken"),
    ("08-errors.jsonl:17", "InsufficientFunds"),
    ("08-errors.jsonl:18", "InsufficientFunds"),
    ("08-errors.jsonl:19", "NotWalletTransaction"),
    ("08-errors.jsonl:20", "TransactionNotFound"),
    ("08-errors.jsonl:21", "BlockNotFound"),
    ("08-errors.jsonl:22", "Node(-8)"),
    ("08-errors.jsonl:23", "Unauthorized"),
    ("08-errors.jsonl:24", "Unauthorized"),
    ("10-batch-weight.jsonl:6", "TransactionTooLarge"),
    ("10-batch-weight.jsonl:7", "TransactionTooLarge"),
    ("10-batch-weight.jsonl:8", "TransactionTooLarge"),
    ("10-batch-weight.jsonl:9", "TransactionTooLarge"),
    ("10-batch-weight.jsonl:12", "TransactionTooLarge"),
    ("10-batch-weight.jsonl:15", "TransactionTooLarge"),
    ("10-batch-weight.jsonl:16", "TransactionTooLarge"),
    ("10-batch-weight.jsonl:31", "TransactionTooLarge"),
    ("10-batch-weight.jsonl:32", "TransactionTooLarge"),
    ("10-batch-weight.jsonl:33", "TransactionTooLarge"),
    ("10-batch-weight.jsonl:40", "TransactionTooLarge"),
    ("10-batch-weight.jsonl:47", "TransactionTooLarge"),
];

/// The typed methods the issue asks for; the replay must have used each at least once.
const REQUIRED_TYPED: &[&str] = &[
    "getnetworkinfo",
    "getblockchaininfo",
    "getblockcount",
    "getbestblockhash",
    "getblockhash",
    "getblock/0",
    "getblock/2",
    "getblockheader",
    "getrawtransaction",
    "gettxout",
    "sendrawtransaction",
    "getmempoolentry",
    "decoderawtransaction",
    "createwallet",
    "loadwallet",
    "unloadwallet",
    "listwallets",
    "getnewaddress",
    "getaddressinfo",
    "validateaddress",
    "getbalance/map",
    "getbalance/asset",
    "getbalances",
    "listunspent",
    "gettransaction",
    "sendtoaddress",
    "sendmany",
    "issueasset",
    "reissueasset",
    "listissuances",
    "destroyamount",
    "signmessage",
    "walletpassphrase",
    "walletlock",
    "dumpblindingkey",
    "generatetoaddress",
];

/// A short name of an error variant, with the code for `Node`.
pub fn variant(error: &Error) -> String {
    match error {
        Error::WalletNotSpecified { .. } => "WalletNotSpecified".into(),
        Error::WalletNotLoaded { .. } => "WalletNotLoaded".into(),
        Error::WalletLocked { .. } => "WalletLocked".into(),
        Error::WrongPassphrase { .. } => "WrongPassphrase".into(),
        Error::WalletNotEncrypted { .. } => "WalletNotEncrypted".into(),
        Error::InvalidAddress { .. } => "InvalidAddress".into(),
        Error::NotInMempool { .. } => "NotInMempool".into(),
        Error::InsufficientFunds { .. } => "InsufficientFunds".into(),
        Error::MethodNotFound { .. } => "MethodNotFound".into(),
        Error::NoReissuanceToken { .. } => "NoReissuanceToken".into(),
        Error::NotWalletTransaction { .. } => "NotWalletTransaction".into(),
        Error::TransactionNotFound { .. } => "TransactionNotFound".into(),
        Error::BlockNotFound { .. } => "BlockNotFound".into(),
        Error::TransactionTooLarge { .. } => "TransactionTooLarge".into(),
        Error::Unauthorized { .. } => "Unauthorized".into(),
        Error::Node { code, .. } => format!("Node({code})"),
        other => format!("{other:?}"),
    }
}

/// Numbers compared by exact value (the client writes `1.50000000` where the capture had
/// `1.5`).
pub fn normalized(value: &Value) -> Value {
    match value {
        Value::Number(n) => match parse_base_units(&n.to_string()) {
            Ok(units) => Value::String(format!("#{units}")),
            Err(_) => value.clone(),
        },
        Value::Array(items) => Value::Array(items.iter().map(normalized).collect()),
        Value::Object(map) => Value::Object(
            map.iter()
                .map(|(k, v)| (k.clone(), normalized(v)))
                .collect(),
        ),
        other => other.clone(),
    }
}

#[tokio::test]
async fn every_recorded_exchange_replays_through_the_typed_client() {
    let node = MockNode::start().await;
    let expected: BTreeMap<&str, &str> = EXPECTED_ERRORS.iter().copied().collect();
    let mut routes = BTreeSet::new();
    let mut error_lines = BTreeSet::new();
    let mut replayed = 0;
    let mut generic = BTreeSet::new();
    for file in fixture_files() {
        for line in load(&file) {
            let rpc = node.client_for(&line);
            let (route, outcome) = dispatch(&rpc, &line).await;
            routes.extend(route);
            if route.is_none() {
                generic.insert(line.request.method.clone());
            }
            replayed += 1;

            let seen = node.seen().pop().expect("the client sent a request");
            let path = match &line.wallet {
                Some(w) => format!("/wallet/{}", w.replace(' ', "%20")),
                None => "/".to_owned(),
            };
            assert_eq!(seen.path, path, "{}", line.at);
            let sent = seen.json();
            assert_eq!(sent["method"], line.request.method.as_str(), "{}", line.at);
            assert_eq!(
                normalized(&sent["params"]),
                normalized(&line.request.params),
                "{}: the client must send the recorded parameters",
                line.at
            );

            if line.is_success() {
                let value =
                    outcome.unwrap_or_else(|e| panic!("{} ({}): {e}", line.at, line.scenario));
                assert!(!value.is_empty(), "{}", line.at);
            } else {
                let error = outcome.expect_err(&line.at);
                let want = expected
                    .get(line.at.as_str())
                    .unwrap_or_else(|| panic!("{}: no expectation for error {error:?}", line.at));
                assert_eq!(variant(&error), *want, "{}: {error}", line.at);
                error_lines.insert(line.at.clone());
            }
        }
    }
    let missing: Vec<_> = REQUIRED_TYPED
        .iter()
        .filter(|r| !routes.contains(**r))
        .collect();
    assert!(
        missing.is_empty(),
        "typed methods never exercised: {missing:?}"
    );
    let unused: Vec<_> = expected
        .keys()
        .filter(|k| !error_lines.contains(**k))
        .collect();
    assert!(
        unused.is_empty(),
        "expected errors that did not occur: {unused:?}"
    );
    assert!(replayed >= 241, "only {replayed} lines replayed");
    eprintln!("replayed {replayed} lines; typed routes {routes:?}; generic calls for {generic:?}");
}
