//! Spending RPCs: sendtoaddress, sendmany (with per-output assets), issueasset,
//! reissueasset, destroyamount.

use std::str::FromStr;

use elements::{AssetId, ContractHash, Script};
use serde_json::{json, Value};

use super::util::{ensure_unlocked, parse_address, parse_asset, wallet, wallet_mut};
use crate::builder::{self, IssuancePlan, Payment, Plan};
use crate::error::RpcError;
use crate::params::Params;
use crate::state::State;

const METHODS: &[&str] = &[
    "sendtoaddress",
    "sendmany",
    "issueasset",
    "reissueasset",
    "destroyamount",
];

/// Whether this module handles `method`.
pub fn handles(method: &str) -> bool {
    METHODS.contains(&method)
}

/// Handles a spending RPC for wallet `name`.
pub fn handle(
    state: &mut State,
    name: &str,
    method: &str,
    params: &[Value],
) -> Option<Result<Value, RpcError>> {
    let result = match method {
        "sendtoaddress" => send_to_address(state, name, method, params),
        "sendmany" => send_many(state, name, method, params),
        "issueasset" => issue(state, name, method, params),
        "reissueasset" => reissue(state, name, method, params),
        "destroyamount" => destroy(state, name, method, params),
        _ => return None,
    };
    Some(result)
}

fn payment(state: &State, address: &str, value: u64, asset: AssetId) -> Result<Payment, RpcError> {
    let address = parse_address(address)?;
    if value == 0 {
        return Err(RpcError::new(-3, "Invalid amount for send"));
    }
    let script = address.script_pubkey();
    let confidential = address.blinding_pubkey.is_some();
    crate::dust::check(
        state.chain.policy_asset(),
        asset,
        value,
        &script,
        confidential,
        -6,
    )?;
    Ok(Payment {
        script,
        blinder: address.blinding_pubkey,
        asset,
        value,
    })
}

/// Builds, signs and broadcasts a plan; returns the txid and the built transaction.
fn commit(
    state: &mut State,
    name: &str,
    plan: &Plan,
) -> Result<(elements::Txid, builder::Built), RpcError> {
    ensure_unlocked(state, name)?;
    let secp = state.secp.clone();
    let built = {
        let chain = &state.chain;
        let w = state
            .wallets
            .get_mut(name)
            .ok_or_else(RpcError::wallet_not_found)?;
        builder::build(w, chain, &secp, plan)?
    };
    let txid = state.accept(built.tx.clone(), true)?;
    wallet_mut(state, name)?
        .record
        .sent
        .insert(txid, built.outputs.clone());
    Ok((txid, built))
}

fn send_to_address(
    state: &mut State,
    name: &str,
    method: &str,
    params: &[Value],
) -> Result<Value, RpcError> {
    let p = Params::new(method, params, 2, 13)?;
    let address = p.str(0)?;
    parse_address(address)?;
    let value = p.amount(1)?;
    let replaceable = p.bool_or(5, true)?;
    let asset = match p.opt_str(9)? {
        Some(label) => parse_asset(state, label)?,
        None => state.chain.policy_asset(),
    };
    let plan = Plan {
        payments: vec![payment(state, address, value, asset)?],
        replaceable,
        ..Plan::default()
    };
    let (txid, _) = commit(state, name, &plan)?;
    Ok(json!(txid.to_string()))
}

fn send_many(
    state: &mut State,
    name: &str,
    method: &str,
    params: &[Value],
) -> Result<Value, RpcError> {
    let p = Params::new(method, params, 2, 12)?;
    let amounts = p.object(1)?;
    let replaceable = p.bool_or(5, true)?;
    let assets = p.opt_object(8)?;
    let mut payments = Vec::new();
    for (address, amount) in amounts {
        parse_address(address)?;
        let value = crate::amount::value_to_sats(amount)?;
        let asset = match assets.and_then(|a| a.get(address)) {
            Some(Value::String(label)) => parse_asset(state, label)?,
            Some(_) => return Err(RpcError::type_error("a string")),
            None => state.chain.policy_asset(),
        };
        payments.push(payment(state, address, value, asset)?);
    }
    if payments.is_empty() {
        return Err(RpcError::invalid_parameter(
            "Transaction must have at least one recipient",
        ));
    }
    let plan = Plan {
        payments,
        replaceable,
        ..Plan::default()
    };
    let (txid, _) = commit(state, name, &plan)?;
    Ok(json!(txid.to_string()))
}

fn issue(state: &mut State, name: &str, method: &str, params: &[Value]) -> Result<Value, RpcError> {
    let p = Params::new(method, params, 2, 4)?;
    let amount = p.amount(0)?;
    let token_amount = p.amount(1)?;
    let blind = p.bool_or(2, true)?;
    let contract_hash = match p.opt_str(3)? {
        Some(h) => ContractHash::from_str(h)
            .map_err(|_| RpcError::invalid_parameter("contract_hash must be hexadecimal string"))?,
        None => ContractHash::from_byte_array([0; 32]),
    };
    if amount == 0 && token_amount == 0 {
        return Err(RpcError::invalid_parameter(
            "Issuance must have one non-zero component",
        ));
    }
    let plan = Plan {
        issuance: Some(IssuancePlan::Issue {
            amount,
            token_amount,
            blind,
            contract_hash,
        }),
        replaceable: true,
        insufficient_code: Some(-4),
        ..Plan::default()
    };
    let (txid, built) = commit(state, name, &plan)?;
    let input = built
        .tx
        .input
        .first()
        .ok_or_else(|| RpcError::internal("issuance without input"))?;
    let entropy = elements::AssetId::generate_asset_entropy(input.previous_output, contract_hash);
    let (asset, token) = input.issuance_ids();
    if let Some(record) = built.issuance {
        wallet_mut(state, name)?
            .record
            .issuances
            .insert(format!("{txid}:0"), record);
    }
    Ok(json!({
        "txid": txid.to_string(), "vin": 0,
        "entropy": crate::blinding::display_hex(&entropy.to_byte_array()),
        "asset": asset.to_string(), "token": token.to_string(),
    }))
}

fn reissue(
    state: &mut State,
    name: &str,
    method: &str,
    params: &[Value],
) -> Result<Value, RpcError> {
    let p = Params::new(method, params, 2, 2)?;
    let asset = parse_asset(state, p.str(0)?)?;
    let amount = p.amount(1)?;
    let not_found =
        || RpcError::wallet("Asset reissuance token definition could not be found in wallet.");
    // As Elements: only an issuance the wallet saw as its own transaction can be reissued;
    // holding the token is not enough.
    let info = crate::wallet_view::known_issuance(wallet(state, name)?, &state.chain, asset)
        .ok_or_else(not_found)?;
    let token_outpoint = {
        let w = wallet(state, name)?;
        crate::coin_selection::spendable(w, &state.chain)
            .into_iter()
            .find(|c| c.2.asset == info.token)
            .map(|c| c.0)
            .ok_or_else(not_found)?
    };
    let plan = Plan {
        issuance: Some(IssuancePlan::Reissue {
            entropy: info.entropy,
            token_outpoint,
            amount,
        }),
        replaceable: true,
        ..Plan::default()
    };
    let (txid, built) = commit(state, name, &plan)?;
    if let Some(record) = built.issuance {
        wallet_mut(state, name)?
            .record
            .issuances
            .insert(format!("{txid}:0"), record);
    }
    Ok(json!({"txid": txid.to_string(), "vin": 0}))
}

fn destroy(
    state: &mut State,
    name: &str,
    method: &str,
    params: &[Value],
) -> Result<Value, RpcError> {
    let p = Params::new(method, params, 2, 3)?;
    let asset = parse_asset(state, p.str(0)?)?;
    let value = p.amount(1)?;
    if value == 0 {
        return Err(RpcError::new(-3, "Invalid amount for send"));
    }
    let burn = Payment {
        script: Script::from(vec![0x6a]),
        blinder: None,
        asset,
        value,
    };
    let plan = Plan {
        payments: vec![burn],
        replaceable: true,
        ..Plan::default()
    };
    let (txid, _) = commit(state, name, &plan)?;
    Ok(json!(txid.to_string()))
}
