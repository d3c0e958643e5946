//! A wallet's help with raw transactions: `fundrawtransaction`, `blindrawtransaction` and
//! `signrawtransactionwithwallet`.
//!
//! As on Elements, funding sizes the fee for the transaction as it is (signed, unblinded):
//! the range and surjection proofs that blinding adds later are not paid for, so a raw
//! transaction blinded afterwards can fall below the relay fee (the node then refuses it
//! with "min relay fee not met"). Callers fund again at a higher `fee_rate`. Funding spends
//! only coins the wallet may spend: confirmed ones and its own unconfirmed change.

use std::collections::BTreeMap;

use elements::confidential::{AssetBlindingFactor, ValueBlindingFactor};
use elements::encode::serialize_hex;
use elements::secp256k1_zkp::SecretKey;
use elements::{confidential, AssetId, OutPoint, Sequence, TxOut, TxOutSecrets};
use serde_json::{json, Value};

use super::raw::decode_hex;
use super::util::{ensure_unlocked, wallet, wallet_mut};
use crate::amount::{parse_decimal, sats_to_value};
use crate::builder::FEE_PER_VB;
use crate::chain::explicit_out;
use crate::coin_selection::{select_for, spendable};
use crate::error::RpcError;
use crate::keys::KeyKind;
use crate::params::Params;
use crate::state::State;
use crate::wallet::IssuanceRecord;

const METHODS: &[&str] = &[
    "fundrawtransaction",
    "blindrawtransaction",
    "signrawtransactionwithwallet",
];

/// A spent output with the wallet's secrets.
type Coin = (OutPoint, TxOut, TxOutSecrets);

/// Whether this module handles `method`.
pub fn handles(method: &str) -> bool {
    METHODS.contains(&method)
}

/// Handles a raw-transaction RPC of wallet `name`.
pub fn handle(
    state: &mut State,
    name: &str,
    method: &str,
    params: &[Value],
) -> Option<Result<Value, RpcError>> {
    let result = match method {
        "fundrawtransaction" => fund(state, name, method, params),
        "blindrawtransaction" => blind(state, name, method, params),
        "signrawtransactionwithwallet" => sign(state, name, method, params),
        _ => return None,
    };
    Some(result)
}

/// The fee rate of a `fundrawtransaction` options object, in msat/vB.
fn fee_rate(options: Option<&Value>) -> Result<u64, RpcError> {
    let text = |v: &Value| match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    let Some(Value::Object(options)) = options else {
        return Ok(FEE_PER_VB * 1000);
    };
    if let Some(rate) = options.get("fee_rate") {
        // sat/vB with up to 3 decimals: parse as coins and rescale (1e-8 coin = 1 unit).
        let units = parse_decimal(&text(rate))?;
        return Ok(units / 100_000);
    }
    if let Some(rate) = options.get("feeRate") {
        // coins per kvB: base units per kvB = msat per vB.
        return parse_decimal(&text(rate));
    }
    Ok(FEE_PER_VB * 1000)
}

fn fund(state: &mut State, name: &str, method: &str, params: &[Value]) -> Result<Value, RpcError> {
    let p = Params::new(method, params, 1, 3)?;
    let mut tx = decode_hex(p.str(0)?)?;
    let rate = fee_rate(p.get(1))?;
    let policy = state.chain.policy_asset();
    tx.output.retain(|o| !o.is_fee());
    let mut needs: BTreeMap<AssetId, u64> = BTreeMap::new();
    for out in &tx.output {
        let (Some(asset), Some(value)) = (out.asset.explicit(), out.value.explicit()) else {
            return Err(RpcError::invalid_parameter(
                "devnet: outputs to fund must be explicit",
            ));
        };
        crate::dust::check(
            policy,
            asset,
            value,
            &out.script_pubkey,
            !out.nonce.is_null(),
            -4,
        )?;
        let need = needs.entry(asset).or_default();
        *need = need
            .checked_add(value)
            .ok_or_else(RpcError::amount_out_of_range)?;
    }
    let secp = state.secp.clone();
    let chain = &state.chain;
    let w = state
        .wallets
        .get_mut(name)
        .ok_or_else(RpcError::wallet_not_found)?;
    let owned = spendable(w, chain);
    let mut preset: Vec<Coin> = Vec::new();
    for input in &tx.input {
        let coin = owned
            .iter()
            .find(|c| c.0 == input.previous_output)
            .ok_or_else(|| RpcError::wallet("Input not found or already spent"))?;
        preset.push(coin.clone());
    }
    let mut change_scripts = BTreeMap::new();
    let mut fee = 0u64;
    for _ in 0..6 {
        let mut wanted = needs.clone();
        *wanted.entry(policy).or_default() += fee;
        let coins = select_for(w, chain, &wanted, preset.clone())
            .ok_or_else(|| RpcError::wallet("Insufficient funds"))?;
        let mut candidate = tx.clone();
        for coin in coins.iter().skip(preset.len()) {
            candidate.input.push(empty_input(coin.0));
        }
        let mut surplus: BTreeMap<AssetId, u64> = BTreeMap::new();
        for coin in &coins {
            *surplus.entry(coin.2.asset).or_default() += coin.2.value;
        }
        for (asset, need) in &wanted {
            let have = surplus.entry(*asset).or_default();
            *have = have
                .checked_sub(*need)
                .ok_or_else(|| RpcError::wallet("Insufficient funds"))?;
        }
        let mut changepos: i64 = -1;
        for (asset, value) in surplus.iter().filter(|(_, v)| **v > 0) {
            let script = change_scripts
                .entry(*asset)
                .or_insert_with(|| w.next_script(&secp, KeyKind::Wpkh, true, None))
                .clone();
            let mut out = explicit_out(*asset, *value, script.clone());
            out.nonce = confidential::Nonce::Confidential(w.blinding_pubkey(&secp, &script));
            if *asset == policy {
                changepos = i64::try_from(candidate.output.len()).unwrap_or(-1);
            }
            candidate.output.push(out);
        }
        candidate.output.push(TxOut::new_fee(fee, policy));
        let mut signed = candidate.clone();
        crate::signing::sign_inputs(&mut signed, w, &secp, &coins)?;
        let needed = (signed.vsize() as u64 * rate).div_ceil(1000);
        if needed <= fee {
            return Ok(json!({
                "hex": serialize_hex(&candidate),
                "fee": sats_to_value(fee),
                "changepos": changepos,
            }));
        }
        fee = needed;
    }
    Err(RpcError::wallet("fee estimation did not converge"))
}

fn empty_input(previous_output: OutPoint) -> elements::TxIn {
    elements::TxIn {
        previous_output,
        is_pegin: false,
        script_sig: elements::Script::new(),
        sequence: Sequence(0xffff_fffd),
        asset_issuance: elements::AssetIssuance::null(),
        witness: elements::TxInWitness::empty(),
    }
}

fn blind(state: &mut State, name: &str, method: &str, params: &[Value]) -> Result<Value, RpcError> {
    let p = Params::new(method, params, 1, 5)?;
    let mut tx = decode_hex(p.str(0)?)?;
    let blind_issuances = p.bool_or(3, true)?;
    let secp = state.secp.clone();
    let w = wallet(state, name)?;
    let not_represented = || {
        RpcError::new(
            -8,
            "Unable to blind transaction: Are you sure each asset type to blind is represented in the inputs?",
        )
    };
    let mut domain: Vec<TxOutSecrets> = Vec::new();
    let mut records: Vec<(usize, IssuanceRecord)> = Vec::new();
    for (vin, input) in tx.input.iter_mut().enumerate() {
        let owned = w
            .outputs()
            .get(&input.previous_output)
            .ok_or_else(not_represented)?;
        domain.push(owned.secrets);
        if !input.has_issuance() {
            continue;
        }
        let issuance = input.asset_issuance;
        let is_new = issuance.asset_blinding_nonce.is_null();
        let amount = issuance.amount.explicit().unwrap_or(0);
        let tokens = issuance.inflation_keys.explicit().unwrap_or(0);
        let entropy = if is_new {
            let contract =
                elements::ContractHash::from_byte_array(issuance.asset_entropy.to_byte_array());
            AssetId::generate_asset_entropy(input.previous_output, contract)
        } else {
            issuance.asset_entropy
        };
        let blinding = blind_issuances && is_new && amount > 0;
        let asset = AssetId::from_entropy(entropy);
        let token = AssetId::reissuance_token_from_entropy(
            entropy,
            blinding || !issuance.amount.is_explicit(),
        );
        let (vbf_a, vbf_t) = if blinding {
            let vbf_a = ValueBlindingFactor::new(&mut rand::thread_rng());
            let vbf_t = ValueBlindingFactor::new(&mut rand::thread_rng());
            let keys = (
                SecretKey::new(&mut rand::thread_rng()),
                SecretKey::new(&mut rand::thread_rng()),
            );
            input
                .blind_issuances_with_bfs(&secp, vbf_a, vbf_t, keys.0, keys.1)
                .map_err(|e| RpcError::wallet(format!("issuance blinding failed: {e}")))?;
            (vbf_a, vbf_t)
        } else {
            (ValueBlindingFactor::zero(), ValueBlindingFactor::zero())
        };
        if amount > 0 {
            domain.push(TxOutSecrets::new(
                asset,
                AssetBlindingFactor::zero(),
                amount,
                vbf_a,
            ));
        }
        if tokens > 0 {
            domain.push(TxOutSecrets::new(
                token,
                AssetBlindingFactor::zero(),
                tokens,
                vbf_t,
            ));
        }
        if is_new {
            let hex = |vbf: ValueBlindingFactor, used: bool| {
                if used && blinding {
                    crate::blinding::display_hex(&vbf.into_inner()[..])
                } else {
                    "0".repeat(64)
                }
            };
            records.push((
                vin,
                IssuanceRecord {
                    asset_amount: amount,
                    token_amount: tokens,
                    asset_blinds: hex(vbf_a, amount > 0),
                    token_blinds: hex(vbf_t, tokens > 0),
                },
            ));
        }
    }
    crate::blinding::blind_outputs(&mut tx, &secp, &domain)?;
    let txid = tx.txid();
    let w = wallet_mut(state, name)?;
    for (vin, record) in records {
        w.record.issuances.insert(format!("{txid}:{vin}"), record);
    }
    Ok(json!(serialize_hex(&tx)))
}

fn sign(state: &mut State, name: &str, method: &str, params: &[Value]) -> Result<Value, RpcError> {
    let p = Params::new(method, params, 1, 3)?;
    let mut tx = decode_hex(p.str(0)?)?;
    ensure_unlocked(state, name)?;
    let w = wallet(state, name)?;
    let mut coins: Vec<Coin> = Vec::new();
    let mut errors = Vec::new();
    for input in &tx.input {
        let op = input.previous_output;
        match (w.outputs().get(&op), state.chain.unspent_output(&op)) {
            (Some(owned), Some(_)) => coins.push((op, owned.txout.clone(), owned.secrets)),
            _ => errors.push(json!({
                "txid": op.txid.to_string(), "vout": op.vout, "witness": [],
                "scriptSig": "", "sequence": input.sequence.0,
                "error": "Input not found or already spent",
            })),
        }
    }
    if !errors.is_empty() {
        return Ok(json!({"hex": serialize_hex(&tx), "complete": false, "errors": errors}));
    }
    crate::signing::sign_inputs(&mut tx, w, &state.secp, &coins)?;
    Ok(json!({"hex": serialize_hex(&tx), "complete": true}))
}
