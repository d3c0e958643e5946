//! `gettransaction`: amounts and fee per asset, confirmation data and per-output details, as
//! Elements computes them for the wallet.

use std::collections::BTreeMap;

use elements::{AssetId, OutPoint, Transaction};
use serde_json::{json, Map, Value};

use super::util::{asset_label, wallet};
use super::wallet_query::{address_of, blinders, parse_txid, signed, tx_hex};
use crate::amount::sats_to_value;
use crate::chain::COINBASE_MATURITY;
use crate::error::RpcError;
use crate::params::Params;
use crate::state::State;
use crate::wallet::Wallet;
use crate::wallet_view::{self, TxSummary};

/// The transaction-level members `gettransaction`, `listtransactions` and `listsinceblock`
/// share: confirmation data (or `trusted` while unconfirmed), txid, times, replaceability.
pub fn tx_fields(state: &State, w: &Wallet, tx: &Transaction, time: u64) -> Map<String, Value> {
    let mut m = Map::new();
    let confirmation = wallet_view::confirmation(&state.chain, tx);
    match confirmation {
        Some((confirmations, height, index)) => {
            let block = state.chain.block_at(height);
            m.insert("confirmations".into(), json!(confirmations));
            m.insert(
                "blockhash".into(),
                json!(block
                    .map(|b| b.block_hash().to_string())
                    .unwrap_or_default()),
            );
            m.insert("blockheight".into(), json!(height));
            m.insert("blockindex".into(), json!(index));
            m.insert(
                "blocktime".into(),
                json!(block.map_or(0, |b| b.header.time)),
            );
        }
        None => {
            m.insert("confirmations".into(), json!(0));
            // Elements trusts an unconfirmed transaction only if it is the wallet's own.
            m.insert("trusted".into(), json!(w.is_from_me(tx)));
        }
    }
    if tx.is_coinbase() {
        m.insert("generated".into(), json!(true));
    }
    m.insert("txid".into(), json!(tx.txid().to_string()));
    m.insert("walletconflicts".into(), json!([]));
    m.insert("time".into(), json!(time));
    m.insert("timereceived".into(), json!(time));
    let replaceable = confirmation.is_none() && tx.input.iter().any(|i| i.sequence.0 < 0xffff_fffe);
    m.insert(
        "bip125-replaceable".into(),
        json!(if replaceable { "yes" } else { "no" }),
    );
    m
}

/// `gettransaction txid include_watchonly verbose`.
pub fn get_transaction(
    state: &State,
    name: &str,
    method: &str,
    params: &[Value],
) -> Result<Value, RpcError> {
    let p = Params::new(method, params, 1, 3)?;
    let txid = parse_txid(p.str(0)?)?;
    let verbose = p.bool_or(2, false)?;
    let w = wallet(state, name)?;
    let not_found = || RpcError::new(-5, "Invalid or non-wallet transaction id");
    let time = *w.record.tx_times.get(&txid).ok_or_else(not_found)?;
    let tx = state.chain.transaction(&txid).ok_or_else(not_found)?;
    let summary = wallet_view::summarize(w, &state.chain, tx);
    let policy = state.chain.policy_asset();
    let mut m = Map::new();
    m.insert("amount".into(), amounts(state, &summary, policy));
    if summary.from_me {
        m.insert(
            "fee".into(),
            json!({"bitcoin": signed(-i128::from(summary.fee))}),
        );
    }
    m.extend(tx_fields(state, w, tx, time));
    let confirmation = wallet_view::confirmation(&state.chain, tx);
    let confirmations = confirmation.map_or(0, |c| c.0);
    m.insert(
        "details".into(),
        Value::Array(details(state, w, tx, &summary, confirmations)),
    );
    m.insert("hex".into(), json!(tx_hex(tx)));
    if verbose {
        m.insert("decoded".into(), Value::Object(crate::decode::tx_json(tx)));
    }
    Ok(Value::Object(m))
}

fn amounts(state: &State, s: &TxSummary, policy: AssetId) -> Value {
    let mut assets: BTreeMap<AssetId, i128> = BTreeMap::new();
    assets.insert(policy, 0);
    for (a, v) in &s.credit {
        *assets.entry(*a).or_default() += i128::from(*v);
    }
    for (a, v) in &s.debit {
        *assets.entry(*a).or_default() -= i128::from(*v);
    }
    if s.from_me {
        *assets.entry(policy).or_default() += i128::from(s.fee);
    }
    let mut m = Map::new();
    m.insert(
        "bitcoin".into(),
        signed(assets.get(&policy).copied().unwrap_or(0)),
    );
    for (a, v) in assets {
        if a != policy {
            m.insert(asset_label(state, &a), signed(v));
        }
    }
    Value::Object(m)
}

pub fn details(
    state: &State,
    w: &Wallet,
    tx: &Transaction,
    s: &TxSummary,
    confirmations: u32,
) -> Vec<Value> {
    let txid = tx.txid();
    let sent = w.record.sent.get(&txid);
    let mut out = Vec::new();
    if s.from_me {
        for (vout, o) in tx.output.iter().enumerate() {
            if o.is_fee() {
                continue;
            }
            let entry = w.entry(&o.script_pubkey);
            if entry.is_some_and(|e| e.change) {
                continue;
            }
            let op = OutPoint::new(txid, u32::try_from(vout).unwrap_or(u32::MAX));
            let secrets = w.outputs().get(&op).map(|owned| owned.secrets);
            let (asset, value, amount_blinder, asset_blinder) =
                match (secrets, sent.and_then(|v| v.get(vout))) {
                    (Some(sec), _) => {
                        let (vb, ab) = blinders(&sec);
                        (sec.asset.to_string(), sec.value, vb, ab)
                    }
                    (None, Some(rec)) => (
                        rec.asset.clone(),
                        rec.value,
                        rec.value_blinder.clone(),
                        rec.asset_blinder.clone(),
                    ),
                    (None, None) => match (o.asset.explicit(), o.value.explicit()) {
                        (Some(a), Some(v)) => (a.to_string(), v, "0".repeat(64), "0".repeat(64)),
                        _ => continue,
                    },
                };
            let mut m = Map::new();
            if let Some(addr) = address_of(&o.script_pubkey) {
                m.insert("address".into(), json!(addr));
            }
            m.insert("category".into(), json!("send"));
            m.insert("amount".into(), signed(-i128::from(value)));
            m.insert("amountblinder".into(), json!(amount_blinder));
            m.insert("asset".into(), json!(asset));
            m.insert("assetblinder".into(), json!(asset_blinder));
            if entry.is_some() {
                m.insert(
                    "label".into(),
                    json!(w.label(&o.script_pubkey).unwrap_or("")),
                );
            }
            m.insert("vout".into(), json!(vout));
            m.insert("fee".into(), sats_to_value(s.fee));
            m.insert("abandoned".into(), json!(false));
            out.push(Value::Object(m));
        }
    }
    for (vout, o) in tx.output.iter().enumerate() {
        let op = OutPoint::new(txid, u32::try_from(vout).unwrap_or(u32::MAX));
        let (Some(owned), Some(entry)) = (w.outputs().get(&op), w.entry(&o.script_pubkey)) else {
            continue;
        };
        if entry.change && !tx.is_coinbase() {
            continue;
        }
        let category = if !tx.is_coinbase() {
            "receive"
        } else if confirmations < COINBASE_MATURITY {
            "immature"
        } else {
            "generate"
        };
        let (amount_blinder, asset_blinder) = blinders(&owned.secrets);
        let mut m = Map::new();
        m.insert(
            "address".into(),
            json!(address_of(&o.script_pubkey).unwrap_or_default()),
        );
        m.insert("category".into(), json!(category));
        m.insert("amount".into(), sats_to_value(owned.secrets.value));
        m.insert("amountblinder".into(), json!(amount_blinder));
        m.insert("asset".into(), json!(owned.secrets.asset.to_string()));
        m.insert("assetblinder".into(), json!(asset_blinder));
        m.insert(
            "label".into(),
            json!(w.label(&o.script_pubkey).unwrap_or("")),
        );
        m.insert("vout".into(), json!(vout));
        out.push(Value::Object(m));
    }
    let _ = state;
    out
}
