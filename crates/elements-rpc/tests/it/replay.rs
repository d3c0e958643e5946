//! Replays every recorded exchange: each request goes through the typed method (or the
//! generic call where no typed method fits the recorded arguments), the mock answers with the
//! node's recorded status and body, and the outcome must match — success parses, errors map
//! to the expected variant — while the request the client built must equal the recorded one.

use std::collections::{BTreeMap, BTreeSet};
use std::str::FromStr;

use elements::{AssetId, BlockHash, Txid};
use secrecy::SecretString;
use serde_json::Value;
use tessera_elements_rpc::amount::parse_base_units;
use tessera_elements_rpc::{
    AddressType, AssetKey, BlockInfo, CreateWalletOptions, ElementsRpc, Error, IssueAssetOptions,
    Recipient, Sats, UnspentFilter, WalletLoaded,
};

use crate::support::{fixture_files, load, Line, MockNode};

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

fn arg<'a>(params: &'a [Value], i: usize) -> Option<&'a Value> {
    params.get(i)
}
fn text(params: &[Value], i: usize) -> Option<&str> {
    arg(params, i)?.as_str()
}
fn txid(params: &[Value], i: usize) -> Option<Txid> {
    Txid::from_str(text(params, i)?).ok()
}
fn hash(params: &[Value], i: usize) -> Option<BlockHash> {
    BlockHash::from_str(text(params, i)?).ok()
}
fn asset(params: &[Value], i: usize) -> Option<AssetId> {
    AssetId::from_str(text(params, i)?).ok()
}
fn sats(params: &[Value], i: usize) -> Option<Sats> {
    match arg(params, i)? {
        Value::Number(n) => n.to_string().parse().ok(),
        _ => None,
    }
}
fn uint(params: &[Value], i: usize) -> Option<u64> {
    arg(params, i)?.as_u64()
}

fn address_type(name: &str) -> Option<AddressType> {
    Some(match name {
        "bech32" => AddressType::Bech32,
        "blech32" => AddressType::Blech32,
        "bech32m" => AddressType::Bech32m,
        "p2sh-segwit" => AddressType::P2shSegwit,
        "legacy" => AddressType::Legacy,
        _ => return None,
    })
}

/// The AMP `sendmany` arguments as recipients, when the recorded call has that form.
fn recipients(params: &[Value]) -> Option<Vec<Recipient>> {
    let amounts = arg(params, 1)?.as_object()?;
    let assets = arg(params, 8)?.as_object()?;
    amounts
        .iter()
        .map(|(address, amount)| {
            Some(Recipient {
                address: address.clone(),
                amount: amount.to_string().parse().ok()?,
                asset: assets
                    .get(address)
                    .and_then(Value::as_str)
                    .map(AssetKey::parse),
            })
        })
        .collect()
}

fn shown<T: std::fmt::Debug>(result: Result<T, Error>) -> Result<String, Error> {
    result.map(|value| format!("{value:?}"))
}

/// Calls the typed method matching the recorded request. Returns the route used
/// (`None`: the generic call) and the outcome.
async fn dispatch(rpc: &ElementsRpc, line: &Line) -> (Option<&'static str>, Result<String, Error>) {
    let method = line.request.method.as_str();
    let empty = Vec::new();
    let params: &[Value] = line.request.params.as_array().unwrap_or(&empty);
    let n = params.len();
    macro_rules! typed {
        ($route:expr, $call:expr) => {
            return (Some($route), shown($call.await))
        };
    }
    match method {
        "getnetworkinfo" if n == 0 => typed!("getnetworkinfo", rpc.get_network_info()),
        "getblockchaininfo" if n == 0 => typed!("getblockchaininfo", rpc.get_blockchain_info()),
        "getblockcount" if n == 0 => typed!("getblockcount", rpc.get_block_count()),
        "getbestblockhash" if n == 0 => typed!("getbestblockhash", rpc.get_best_block_hash()),
        "getrawmempool" if n == 0 => typed!("getrawmempool", rpc.get_raw_mempool()),
        "getblockhash" if n == 1 => {
            if let Some(height) = uint(params, 0) {
                typed!("getblockhash", rpc.get_block_hash(height))
            }
        }
        "getblockheader" if n == 1 => {
            if let Some(h) = hash(params, 0) {
                typed!("getblockheader", rpc.get_block_header(&h))
            }
        }
        "getblock" => match (hash(params, 0), arg(params, 1).and_then(Value::as_u64), n) {
            (Some(h), _, 1) => typed!("getblock/1", rpc.get_block(&h)),
            (Some(_), Some(1), 2) => {
                let result = rpc.call::<BlockInfo>(method, params.to_vec()).await;
                return (Some("getblock/1"), shown(result));
            }
            (Some(h), Some(2), 2) => typed!("getblock/2", rpc.get_block_verbose(&h)),
            (Some(h), Some(0), 2) => typed!("getblock/0", rpc.get_block_raw(&h)),
            _ => {}
        },
        "getrawtransaction" if n == 2 && arg(params, 1) == Some(&Value::Bool(true)) => {
            if let Some(t) = txid(params, 0) {
                typed!("getrawtransaction", rpc.get_raw_transaction(&t))
            }
        }
        "decoderawtransaction" if n == 1 => {
            if let Some(hex) = text(params, 0) {
                typed!("decoderawtransaction", rpc.decode_raw_transaction(hex))
            }
        }
        "sendrawtransaction" if n == 1 => {
            if let Some(hex) = text(params, 0) {
                typed!("sendrawtransaction", rpc.send_raw_transaction(hex))
            }
        }
        "gettxout" if n == 2 => {
            if let (Some(t), Some(vout)) = (txid(params, 0), uint(params, 1)) {
                let vout = u32::try_from(vout).expect("vout");
                typed!("gettxout", rpc.get_tx_out(&t, vout))
            }
        }
        "getmempoolentry" if n == 1 => {
            if let Some(t) = txid(params, 0) {
                typed!("getmempoolentry", rpc.get_mempool_entry(&t))
            }
        }
        "generatetoaddress" if n == 2 => {
            if let (Some(blocks), Some(address)) = (uint(params, 0), text(params, 1)) {
                typed!(
                    "generatetoaddress",
                    rpc.generate_to_address(blocks, address)
                )
            }
        }
        "createwallet" if n == 6 && text(params, 3) == Some("") => {
            let flag = |i| arg(params, i).and_then(Value::as_bool).expect("bool");
            let options = CreateWalletOptions {
                disable_private_keys: flag(1),
                blank: flag(2),
                passphrase: None,
                avoid_reuse: flag(4),
                descriptors: flag(5),
            };
            let name = text(params, 0).expect("name");
            typed!("createwallet", rpc.create_wallet(name, &options))
        }
        "createwallet" if line.request.params.is_object() => {
            let named = line.request.params.as_object().expect("object").clone();
            let result = rpc.call_named::<WalletLoaded>(method, named).await;
            return (Some("createwallet/named"), shown(result));
        }
        "loadwallet" if n == 1 => typed!(
            "loadwallet",
            rpc.load_wallet(text(params, 0).expect("name"))
        ),
        "unloadwallet" if n <= 1 => typed!("unloadwallet", rpc.unload_wallet(text(params, 0))),
        "listwallets" if n == 0 => typed!("listwallets", rpc.list_wallets()),
        "getwalletinfo" if n == 0 => typed!("getwalletinfo", rpc.get_wallet_info()),
        "getnewaddress" if n == 0 => typed!("getnewaddress", rpc.get_new_address()),
        "getnewaddress" if n == 2 && text(params, 0) == Some("") => {
            if let Some(kind) = text(params, 1).and_then(address_type) {
                typed!("getnewaddress", rpc.get_new_address_of_type(kind))
            }
        }
        "getrawchangeaddress" if n == 0 => {
            typed!("getrawchangeaddress", rpc.get_raw_change_address())
        }
        "getaddressinfo" if n == 1 => typed!(
            "getaddressinfo",
            rpc.get_address_info(text(params, 0).expect("address"))
        ),
        "validateaddress" if n == 1 => typed!(
            "validateaddress",
            rpc.validate_address(text(params, 0).expect("address"))
        ),
        "dumpblindingkey" if n == 1 => typed!(
            "dumpblindingkey",
            rpc.dump_blinding_key(text(params, 0).expect("address"))
        ),
        "dumpassetlabels" if n == 0 => typed!("dumpassetlabels", rpc.dump_asset_labels()),
        "getbalance" if n == 0 => typed!("getbalance/map", rpc.get_balance()),
        "getbalance" if n == 3 => {
            let min_conf = u32::try_from(uint(params, 1).expect("minconf")).expect("u32");
            let watch = arg(params, 2).and_then(Value::as_bool).expect("bool");
            typed!("getbalance/map", rpc.get_balance_with(min_conf, watch))
        }
        "getbalance" if n == 5 => {
            let min_conf = u32::try_from(uint(params, 1).expect("minconf")).expect("u32");
            let key = AssetKey::parse(text(params, 4).expect("asset"));
            typed!("getbalance/asset", rpc.get_asset_balance(&key, min_conf))
        }
        "getbalances" if n == 0 => typed!("getbalances", rpc.get_balances()),
        "listunspent" if n <= 3 => {
            let conf = |i| uint(params, i).map(|c| u32::try_from(c).expect("u32"));
            let filter = UnspentFilter {
                min_conf: conf(0),
                max_conf: conf(1),
                addresses: arg(params, 2)
                    .map(|a| serde_json::from_value(a.clone()).expect("addresses"))
                    .unwrap_or_default(),
            };
            typed!("listunspent", rpc.list_unspent(&filter))
        }
        "gettransaction" if n == 1 => {
            if let Some(t) = txid(params, 0) {
                typed!("gettransaction", rpc.get_transaction(&t))
            }
        }
        "gettransaction" if n == 3 => {
            if let Some(t) = txid(params, 0) {
                typed!("gettransaction", rpc.get_transaction_verbose(&t))
            }
        }
        "abandontransaction" if n == 1 => {
            if let Some(t) = txid(params, 0) {
                typed!("abandontransaction", rpc.abandon_transaction(&t))
            }
        }
        "sendtoaddress" => {
            if let Some(named) = line.request.params.as_object() {
                let address = named["address"].as_str().expect("address");
                let amount: Sats = named["amount"].to_string().parse().expect("amount");
                let key = named
                    .get("assetlabel")
                    .and_then(Value::as_str)
                    .map(AssetKey::parse);
                typed!(
                    "sendtoaddress",
                    rpc.send_to_address(address, amount, key.as_ref())
                )
            }
            if let (2, Some(address), Some(amount)) = (n, text(params, 0), sats(params, 1)) {
                typed!("sendtoaddress", rpc.send_to_address(address, amount, None))
            }
        }
        "sendmany" if n == 9 => {
            if let Some(recipients) = recipients(params) {
                typed!("sendmany", rpc.send_many(&recipients))
            }
        }
        "issueasset" if (2..=4).contains(&n) => {
            if let (Some(amount), Some(tokens)) = (sats(params, 0), sats(params, 1)) {
                let options = IssueAssetOptions {
                    blind: arg(params, 2).and_then(Value::as_bool),
                    contract_hash: text(params, 3).map(str::to_owned),
                };
                typed!("issueasset", rpc.issue_asset(amount, tokens, &options))
            }
        }
        "reissueasset" if n == 2 => {
            if let (Some(a), Some(amount)) = (asset(params, 0), sats(params, 1)) {
                typed!("reissueasset", rpc.reissue_asset(&a, amount))
            }
        }
        "listissuances" if n <= 1 => {
            let a = asset(params, 0);
            typed!("listissuances", rpc.list_issuances(a.as_ref()))
        }
        "destroyamount" if n == 2 => {
            if let (Some(a), Some(amount)) = (asset(params, 0), sats(params, 1)) {
                typed!("destroyamount", rpc.destroy_amount(&a, amount))
            }
        }
        "signmessage" if n == 2 => {
            let (address, message) = (text(params, 0).expect("a"), text(params, 1).expect("m"));
            typed!("signmessage", rpc.sign_message(address, message))
        }
        "walletpassphrase" if n == 2 => {
            let passphrase = SecretString::from(text(params, 0).expect("passphrase").to_owned());
            typed!(
                "walletpassphrase",
                rpc.wallet_passphrase(&passphrase, uint(params, 1).expect("secs"))
            )
        }
        "walletlock" if n == 0 => typed!("walletlock", rpc.wallet_lock()),
        _ => {}
    }
    let result = match &line.request.params {
        Value::Object(named) => rpc.call_named::<Value>(method, named.clone()).await,
        _ => rpc.call::<Value>(method, params.to_vec()).await,
    };
    (None, shown(result))
}

/// Numbers compared by exact value (the client writes `1.50000000` where the capture had
/// `1.5`).
fn normalized(value: &Value) -> Value {
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
