//! Maps a recorded request to the client's typed method for it, falling back to the generic
//! call when the recorded arguments are ones no typed method can express (a wrong type, too
//! many decimals: the error-path recordings).

use std::str::FromStr;

use elements::{AssetId, BlockHash, Txid};
use secrecy::SecretString;
use serde_json::Value;
use tessera_elements_rpc::{
    AddressType, AssetKey, BlockInfo, CreateWalletOptions, ElementsRpc, Error, IssueAssetOptions,
    Recipient, Sats, UnspentFilter, WalletLoaded,
};

use crate::support::Line;

fn arg(params: &[Value], i: usize) -> Option<&Value> {
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
pub async fn dispatch(
    rpc: &ElementsRpc,
    line: &Line,
) -> (Option<&'static str>, Result<String, Error>) {
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
