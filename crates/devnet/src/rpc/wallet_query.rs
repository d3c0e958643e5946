//! Wallet queries: balances, unspent outputs, transactions, issuances, wallet info.

use std::collections::BTreeMap;

use elements::encode::serialize_hex;
use elements::{AssetId, Txid};
use serde_json::{json, Map, Value};

use super::util::{asset_label, parse_address, parse_asset, wallet};
use crate::amount::{sats_to_value, signed_to_value};
use crate::blinding::{asset_blinder_hex, value_blinder_hex};
use crate::error::RpcError;
use crate::params::{parse_hash, Params};
use crate::state::State;
use crate::wallet::Wallet;
use crate::wallet_view::balances;

const METHODS: &[&str] = &[
    "getbalance",
    "getbalances",
    "listunspent",
    "gettransaction",
    "listissuances",
    "getwalletinfo",
];

/// Whether this module handles `method`.
pub fn handles(method: &str) -> bool {
    METHODS.contains(&method)
}

/// Handles a wallet query for wallet `name`.
pub fn handle(
    state: &mut State,
    name: &str,
    method: &str,
    params: &[Value],
) -> Option<Result<Value, RpcError>> {
    let result = match method {
        "getbalance" => get_balance(state, name, method, params),
        "getbalances" => get_balances(state, name, method, params),
        "listunspent" => super::unspent::list_unspent(state, name, method, params),
        "gettransaction" => super::transaction::get_transaction(state, name, method, params),
        "listissuances" => list_issuances(state, name, method, params),
        "getwalletinfo" => wallet_info(state, name, method, params),
        _ => return None,
    };
    Some(result)
}

/// `{"bitcoin": x, "<asset hex>": y}` with a bitcoin entry always present.
pub fn asset_map(state: &State, amounts: &BTreeMap<AssetId, u64>) -> Value {
    let policy = state.chain.policy_asset();
    let mut m = Map::new();
    m.insert(
        "bitcoin".into(),
        sats_to_value(amounts.get(&policy).copied().unwrap_or(0)),
    );
    for (asset, v) in amounts {
        if *asset != policy && *v > 0 {
            m.insert(asset_label(state, asset), sats_to_value(*v));
        }
    }
    Value::Object(m)
}

fn get_balance(
    state: &State,
    name: &str,
    method: &str,
    params: &[Value],
) -> Result<Value, RpcError> {
    let p = Params::new(method, params, 0, 5)?;
    if let Some(dummy) = p.opt_str(0)? {
        if dummy != "*" {
            return Err(RpcError::new(
                -32,
                "dummy first argument must be excluded or set to \"*\".",
            ));
        }
    }
    let minconf = u32::try_from(p.u64_or(1, 0)?).unwrap_or(u32::MAX);
    let w = wallet(state, name)?;
    let b = balances(w, &state.chain, minconf);
    match p.opt_str(4)? {
        Some(label) => {
            let asset = parse_asset(state, label)?;
            Ok(sats_to_value(b.trusted.get(&asset).copied().unwrap_or(0)))
        }
        None => Ok(asset_map(state, &b.trusted)),
    }
}

fn get_balances(
    state: &State,
    name: &str,
    method: &str,
    params: &[Value],
) -> Result<Value, RpcError> {
    Params::new(method, params, 0, 0)?;
    let b = balances(wallet(state, name)?, &state.chain, 0);
    Ok(json!({"mine": {
        "trusted": asset_map(state, &b.trusted),
        "untrusted_pending": asset_map(state, &b.untrusted_pending),
        "immature": asset_map(state, &b.immature),
    }}))
}

fn wallet_info(
    state: &State,
    name: &str,
    method: &str,
    params: &[Value],
) -> Result<Value, RpcError> {
    Params::new(method, params, 0, 0)?;
    let w = wallet(state, name)?;
    let b = balances(w, &state.chain, 0);
    let mut m = Map::new();
    m.insert("walletname".into(), json!(name));
    m.insert("walletversion".into(), json!(169_900));
    m.insert("format".into(), json!("sqlite"));
    m.insert("balance".into(), asset_map(state, &b.trusted));
    m.insert(
        "unconfirmed_balance".into(),
        asset_map(state, &b.untrusted_pending),
    );
    m.insert("immature_balance".into(), asset_map(state, &b.immature));
    m.insert("txcount".into(), json!(w.record.tx_times.len()));
    m.insert("keypoolsize".into(), json!(4000));
    m.insert("keypoolsize_hd_internal".into(), json!(4000));
    if w.record.encryption.is_some() {
        let now = crate::state::now();
        m.insert(
            "unlocked_until".into(),
            json!(if w.unlocked_until > now {
                w.unlocked_until
            } else {
                0
            }),
        );
    }
    m.insert("paytxfee".into(), sats_to_value(0));
    m.insert("private_keys_enabled".into(), json!(true));
    m.insert("avoid_reuse".into(), json!(false));
    m.insert("scanning".into(), json!(false));
    m.insert("descriptors".into(), json!(true));
    m.insert("external_signer".into(), json!(false));
    Ok(Value::Object(m))
}

fn list_issuances(
    state: &State,
    name: &str,
    method: &str,
    params: &[Value],
) -> Result<Value, RpcError> {
    let p = Params::new(method, params, 0, 1)?;
    let filter = match p.opt_str(0)? {
        Some(a) => Some(parse_asset(state, a)?),
        None => None,
    };
    let w = wallet(state, name)?;
    let mut out = Vec::new();
    // Oldest first (ties by txid), so the answer does not depend on hash-map order.
    let mut txids: Vec<(&_, &Txid)> = w.record.tx_times.iter().map(|(t, at)| (at, t)).collect();
    txids.sort();
    for (_, txid) in txids {
        let Some(tx) = state.chain.transaction(txid) else {
            continue;
        };
        for (vin, input) in tx.input.iter().enumerate() {
            // Issuances the wallet made, and new issuances in transactions it received (as
            // Elements lists them: amounts it cannot unblind print as -1).
            let made = w.outputs().contains_key(&input.previous_output);
            let received = input.asset_issuance.asset_blinding_nonce.is_null();
            if !input.has_issuance() || !(made || received) {
                continue;
            }
            let (asset, token) = input.issuance_ids();
            if filter.is_some_and(|f| f != asset) {
                continue;
            }
            out.push(issuance_entry(w, txid, vin, input, asset, token));
        }
    }
    Ok(Value::Array(out))
}

fn issuance_entry(
    w: &Wallet,
    txid: &Txid,
    vin: usize,
    input: &elements::TxIn,
    asset: AssetId,
    token: AssetId,
) -> Value {
    let iss = &input.asset_issuance;
    let reissuance = !iss.asset_blinding_nonce.is_null();
    let entropy = if reissuance {
        iss.asset_entropy
    } else {
        let contract = elements::ContractHash::from_byte_array(iss.asset_entropy.to_byte_array());
        AssetId::generate_asset_entropy(input.previous_output, contract)
    };
    let record = w.record.issuances.get(&format!("{txid}:{vin}"));
    let zero = "0".repeat(64);
    let known = |amount: Option<u64>| amount.map_or(json!(-1), sats_to_value);
    let asset_amount = known(record.map(|r| r.asset_amount).or(iss.amount.explicit()));
    let token_amount = known(
        record
            .map(|r| r.token_amount)
            .or(iss.inflation_keys.explicit()),
    );
    let mut m = Map::new();
    m.insert("isreissuance".into(), json!(reissuance));
    if !reissuance {
        m.insert("token".into(), json!(token.to_string()));
        if iss.inflation_keys.is_null() {
            m.insert("tokenamount".into(), json!(-1));
        } else {
            m.insert("tokenamount".into(), token_amount);
        }
        m.insert(
            "tokenblinds".into(),
            json!(record.map_or(zero.clone(), |r| r.token_blinds.clone())),
        );
    }
    m.insert(
        "entropy".into(),
        json!(crate::blinding::display_hex(&entropy.to_byte_array())),
    );
    m.insert("txid".into(), json!(txid.to_string()));
    m.insert("vin".into(), json!(vin));
    m.insert("asset".into(), json!(asset.to_string()));
    m.insert("assetamount".into(), asset_amount);
    m.insert(
        "assetblinds".into(),
        json!(record.map_or(zero, |r| r.asset_blinds.clone())),
    );
    Value::Object(m)
}

/// Parses a txid argument of a wallet RPC.
pub fn parse_txid(s: &str) -> Result<Txid, RpcError> {
    parse_hash("parameter 1", s)
}

/// Unconfidential address text of an output script, if any.
pub fn address_of(script: &elements::Script) -> Option<String> {
    crate::decode::script_address(script).map(|a| a.to_string())
}

/// Blinder strings of secrets.
pub fn blinders(s: &elements::TxOutSecrets) -> (String, String) {
    (value_blinder_hex(s), asset_blinder_hex(s))
}

/// Signed amount value helper re-exported for sibling modules.
pub fn signed(v: i128) -> Value {
    signed_to_value(v)
}

/// Checks an address filter argument (`listunspent` addresses).
pub fn filter_scripts(
    list: Option<&Vec<Value>>,
) -> Result<Option<Vec<elements::Script>>, RpcError> {
    let Some(list) = list else { return Ok(None) };
    let mut scripts = Vec::new();
    for v in list {
        let s = v.as_str().ok_or_else(|| RpcError::type_error("a string"))?;
        let a = parse_address(s).map_err(|_| {
            RpcError::new(
                -8,
                format!("Invalid parameter, invalid Bitcoin address: {s}"),
            )
        })?;
        scripts.push(a.script_pubkey());
    }
    Ok(Some(scripts))
}

/// Raw hex of a transaction (for `gettransaction.hex`).
pub fn tx_hex(tx: &elements::Transaction) -> String {
    serialize_hex(tx)
}
