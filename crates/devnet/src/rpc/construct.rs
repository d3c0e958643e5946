//! Building raw transactions without a wallet: `createrawtransaction` and `rawissueasset`.
//!
//! Outputs to confidential addresses carry the receiver's blinding pubkey in their nonce,
//! as Elements does, so `blindrawtransaction` knows what to blind. `rawissueasset` attaches
//! issuance *i* to input *i* and inserts the issued outputs just before the fee output,
//! which must be last (Elements' -8 otherwise). DIFFERENCE: Elements may place the token
//! output elsewhere (it was seen at vout 0); callers find outputs by script, not position.

use std::str::FromStr;

use elements::encode::serialize_hex;
use elements::issuance::AssetBlindingNonce;
use elements::{
    confidential, AssetEntropy, AssetId, AssetIssuance, ContractHash, LockTime, OutPoint, Script,
    Sequence, Transaction, TxIn, TxInWitness, TxOut, Txid,
};
use serde_json::{json, Map, Value};

use super::raw::decode_hex;
use super::util::parse_address;
use crate::amount::value_to_sats;
use crate::chain::explicit_out;
use crate::error::RpcError;
use crate::params::{parse_hash, Params};
use crate::state::State;

/// Handles the method if it is one of these node-level builders.
pub fn handle(state: &State, method: &str, params: &[Value]) -> Option<Result<Value, RpcError>> {
    let result = match method {
        "createrawtransaction" => create(state, method, params),
        "rawissueasset" => raw_issue(method, params),
        _ => return None,
    };
    Some(result)
}

fn create(state: &State, method: &str, params: &[Value]) -> Result<Value, RpcError> {
    let p = Params::new(method, params, 2, 4)?;
    let locktime =
        u32::try_from(p.u64_or(2, 0)?).map_err(|_| RpcError::type_error("an integer"))?;
    let replaceable = p.bool_or(3, false)?;
    let default_sequence = if replaceable {
        0xffff_fffd
    } else if locktime != 0 {
        0xffff_fffe
    } else {
        0xffff_ffff
    };
    let Some(Value::Array(inputs)) = p.get(0) else {
        return Err(RpcError::type_error("an array"));
    };
    let mut tx_inputs = Vec::with_capacity(inputs.len());
    for input in inputs {
        let txid: Txid = parse_hash("txid", input["txid"].as_str().unwrap_or_default())?;
        let vout = input["vout"]
            .as_u64()
            .and_then(|v| u32::try_from(v).ok())
            .ok_or_else(|| RpcError::invalid_parameter("Invalid parameter, missing vout key"))?;
        let sequence = match input.get("sequence") {
            Some(s) => s
                .as_u64()
                .and_then(|v| u32::try_from(v).ok())
                .ok_or_else(|| {
                    RpcError::invalid_parameter(
                        "Invalid parameter, sequence number is out of range",
                    )
                })?,
            None => default_sequence,
        };
        tx_inputs.push(new_input(OutPoint::new(txid, vout), Sequence(sequence)));
    }
    let policy = state.chain.policy_asset();
    let objects: Vec<Map<String, Value>> = match p.get(1) {
        Some(Value::Array(list)) => list
            .iter()
            .map(|o| {
                o.as_object()
                    .cloned()
                    .ok_or_else(|| RpcError::type_error("an object"))
            })
            .collect::<Result<_, _>>()?,
        Some(Value::Object(map)) => map
            .iter()
            .map(|(k, v)| Map::from_iter([(k.clone(), v.clone())]))
            .collect(),
        _ => return Err(RpcError::type_error("an array")),
    };
    let mut outputs = Vec::new();
    for object in &objects {
        let asset = match object.get("asset").and_then(Value::as_str) {
            Some(hex) => AssetId::from_str(hex).map_err(|_| {
                RpcError::invalid_parameter(format!("Unknown label and invalid asset hex: {hex}"))
            })?,
            None => policy,
        };
        for (key, value) in object {
            match key.as_str() {
                "asset" => {}
                "data" => {
                    let data = value
                        .as_str()
                        .and_then(|h| hex::decode(h).ok())
                        .ok_or_else(|| {
                            RpcError::invalid_parameter("Data must be hexadecimal string")
                        })?;
                    let script = elements::script::Builder::new()
                        .push_opcode(elements::opcodes::all::OP_RETURN)
                        .push_slice(&data)
                        .into_script();
                    outputs.push(explicit_out(policy, 0, script));
                }
                "fee" => outputs.push(TxOut::new_fee(value_to_sats(value)?, policy)),
                address => {
                    let parsed = parse_address(address).map_err(|_| {
                        RpcError::new(-5, format!("Invalid Bitcoin address: {address}"))
                    })?;
                    let mut out =
                        explicit_out(asset, value_to_sats(value)?, parsed.script_pubkey());
                    if let Some(blinder) = parsed.blinding_pubkey {
                        out.nonce = confidential::Nonce::Confidential(blinder);
                    }
                    outputs.push(out);
                }
            }
        }
    }
    let tx = Transaction {
        version: 2,
        lock_time: LockTime::from_consensus(locktime),
        input: tx_inputs,
        output: outputs,
    };
    Ok(json!(serialize_hex(&tx)))
}

fn raw_issue(method: &str, params: &[Value]) -> Result<Value, RpcError> {
    let p = Params::new(method, params, 2, 2)?;
    let mut tx = decode_hex(p.str(0)?)?;
    let Some(Value::Array(issuances)) = p.get(1) else {
        return Err(RpcError::type_error("an array"));
    };
    if tx.output.is_empty() {
        return Err(RpcError::invalid_parameter(
            "Transaction must have at least one output.",
        ));
    }
    if !tx.output.last().is_some_and(TxOut::is_fee) {
        return Err(RpcError::invalid_parameter(
            "Last transaction output must be fee.",
        ));
    }
    if issuances.len() > tx.input.len() {
        return Err(RpcError::invalid_parameter(
            "Invalid parameter, transaction must have at least as many inputs as issuances",
        ));
    }
    let mut results = Vec::with_capacity(issuances.len());
    for (vin, issuance) in issuances.iter().enumerate() {
        let amount = |key: &str| issuance.get(key).map(value_to_sats).transpose();
        let asset_amount = amount("asset_amount")?.filter(|a| *a > 0);
        let token_amount = amount("token_amount")?.filter(|a| *a > 0);
        if asset_amount.is_none() && token_amount.is_none() {
            return Err(RpcError::invalid_parameter(
                "Issuance must have one non-zero component",
            ));
        }
        let address = |key: &str, what: &str| -> Result<Option<elements::Address>, RpcError> {
            match issuance.get(key).and_then(Value::as_str) {
                Some(text) => parse_address(text).map(Some).map_err(|_| {
                    RpcError::invalid_parameter(format!("Invalid {what} address provided: {text}"))
                }),
                None => Ok(None),
            }
        };
        let asset_address = address("asset_address", "asset")?;
        let token_address = address("token_address", "token")?;
        if asset_amount.is_some() && asset_address.is_none() {
            return Err(RpcError::invalid_parameter(
                "Invalid parameter, missing corresponding asset_address",
            ));
        }
        if token_amount.is_some() && token_address.is_none() {
            return Err(RpcError::invalid_parameter(
                "Invalid parameter, missing corresponding token_address",
            ));
        }
        let blind = issuance
            .get("blind")
            .and_then(Value::as_bool)
            .unwrap_or(true);
        let contract_hash = match issuance.get("contract_hash").and_then(Value::as_str) {
            Some(h) => ContractHash::from_str(h).map_err(|_| {
                RpcError::invalid_parameter("contract_hash must be hexadecimal string")
            })?,
            None => ContractHash::from_byte_array([0; 32]),
        };
        let input = &mut tx.input[vin];
        input.asset_issuance = AssetIssuance {
            asset_blinding_nonce: AssetBlindingNonce::from_byte_array([0; 32]),
            asset_entropy: AssetEntropy::from_byte_array(contract_hash.to_byte_array()),
            amount: asset_amount.map_or(confidential::Value::Null, confidential::Value::Explicit),
            inflation_keys: token_amount
                .map_or(confidential::Value::Null, confidential::Value::Explicit),
        };
        let entropy = AssetId::generate_asset_entropy(input.previous_output, contract_hash);
        let asset = AssetId::from_entropy(entropy);
        let token = AssetId::reissuance_token_from_entropy(entropy, blind);
        let fee_at = tx.output.len() - 1;
        let mut issued = Vec::new();
        if let (Some(value), Some(address)) = (asset_amount, &asset_address) {
            issued.push(issued_out(asset, value, address));
        }
        if let (Some(value), Some(address)) = (token_amount, &token_address) {
            issued.push(issued_out(token, value, address));
        }
        tx.output.splice(fee_at..fee_at, issued);
        results.push(json!({
            "vin": vin,
            "entropy": crate::blinding::display_hex(&entropy.to_byte_array()),
            "asset": asset.to_string(),
            "token": token.to_string(),
        }));
    }
    if let Some(Value::Object(last)) = results.last_mut() {
        last.insert("hex".into(), json!(serialize_hex(&tx)));
    }
    Ok(Value::Array(results))
}

fn issued_out(asset: AssetId, value: u64, address: &elements::Address) -> TxOut {
    let mut out = explicit_out(asset, value, address.script_pubkey());
    if let Some(blinder) = address.blinding_pubkey {
        out.nonce = confidential::Nonce::Confidential(blinder);
    }
    out
}

fn new_input(previous_output: OutPoint, sequence: Sequence) -> TxIn {
    TxIn {
        previous_output,
        is_pegin: false,
        script_sig: Script::new(),
        sequence,
        asset_issuance: AssetIssuance::null(),
        witness: TxInWitness::empty(),
    }
}
