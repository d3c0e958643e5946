//! Raw transaction and mempool RPCs.

use elements::encode::{deserialize, serialize_hex};
use elements::{OutPoint, Transaction, Txid};
use serde_json::{json, Value};

use crate::amount::sats_to_value;
use crate::decode;
use crate::error::RpcError;
use crate::params::{parse_hash, Params};
use crate::state::State;
use crate::validation;

/// Handles the method if it is a raw-transaction or mempool RPC.
pub fn handle(
    state: &mut State,
    method: &str,
    params: &[Value],
) -> Option<Result<Value, RpcError>> {
    let result = match method {
        "getrawtransaction" => get_raw(state, method, params),
        "decoderawtransaction" => Params::new(method, params, 1, 2)
            .and_then(|p| decode_hex(p.str(0)?))
            .map(|tx| Value::Object(decode::tx_json(&tx))),
        "gettxout" => tx_out(state, method, params),
        "getmempoolentry" => mempool_entry(state, method, params),
        "getrawmempool" => Params::new(method, params, 0, 2).map(|_| {
            json!(state
                .chain
                .mempool
                .entries()
                .iter()
                .map(|e| e.tx.txid().to_string())
                .collect::<Vec<_>>())
        }),
        "sendrawtransaction" => Params::new(method, params, 1, 2)
            .and_then(|p| decode_hex(p.str(0)?))
            .and_then(|tx| state.accept(tx, false))
            .map(|txid| json!(txid.to_string())),
        "testmempoolaccept" => test_accept(state, method, params),
        _ => return None,
    };
    Some(result)
}

/// Decodes transaction hex (-22 "TX decode failed" otherwise).
pub fn decode_hex(s: &str) -> Result<Transaction, RpcError> {
    let bytes = hex::decode(s).map_err(|_| RpcError::deserialization("TX decode failed"))?;
    deserialize(&bytes).map_err(|_| RpcError::deserialization("TX decode failed"))
}

fn get_raw(state: &State, method: &str, params: &[Value]) -> Result<Value, RpcError> {
    let p = Params::new(method, params, 1, 3)?;
    let txid: Txid = parse_hash("parameter 1", p.str(0)?)?;
    let verbose = match p.get(1) {
        Some(Value::Bool(b)) => *b,
        Some(v) => crate::params::as_u64(v)? != 0,
        None => false,
    };
    let tx = state.chain.transaction(&txid).ok_or_else(|| {
        RpcError::new(-5, "No such mempool or blockchain transaction. Use gettransaction for wallet transactions.")
    })?;
    if verbose {
        Ok(decode::raw_tx_json(&state.chain, tx))
    } else {
        Ok(json!(serialize_hex(tx)))
    }
}

fn tx_out(state: &State, method: &str, params: &[Value]) -> Result<Value, RpcError> {
    let p = Params::new(method, params, 2, 3)?;
    let txid: Txid = parse_hash("txid", p.str(0)?)?;
    let vout = u32::try_from(p.u64(1)?).map_err(|_| RpcError::type_error("an integer"))?;
    let include_mempool = p.bool_or(2, true)?;
    let outpoint = OutPoint::new(txid, vout);
    let view = if include_mempool {
        state.chain.unspent_output(&outpoint)
    } else {
        state.chain.confirmed_utxo(&outpoint).cloned()
    };
    let Some(view) = view else {
        return Ok(Value::Null);
    };
    let mut out = decode::output_json(&view.txout, 0);
    if let Value::Object(m) = &mut out {
        m.remove("n");
        m.remove("commitmentnonce_fully_valid");
        let mut ordered = serde_json::Map::new();
        ordered.insert(
            "bestblock".into(),
            json!(state.chain.tip().block_hash().to_string()),
        );
        ordered.insert(
            "confirmations".into(),
            json!(view.height.map_or(0, |h| state.chain.confirmations(h))),
        );
        ordered.extend(std::mem::take(m));
        ordered.insert("coinbase".into(), json!(view.coinbase));
        return Ok(Value::Object(ordered));
    }
    Ok(out)
}

fn mempool_entry(state: &State, method: &str, params: &[Value]) -> Result<Value, RpcError> {
    let p = Params::new(method, params, 1, 1)?;
    let txid: Txid = parse_hash("parameter 1", p.str(0)?)?;
    let entry = state
        .chain
        .mempool
        .get(&txid)
        .ok_or_else(|| RpcError::new(-5, "Transaction not in mempool"))?;
    let vsize = entry.tx.vsize();
    let fee = sats_to_value(entry.fee);
    let depends: Vec<String> = entry
        .tx
        .input
        .iter()
        .map(|i| i.previous_output.txid)
        .filter(|t| state.chain.mempool.get(t).is_some())
        .map(|t| t.to_string())
        .collect();
    let spent_by: Vec<String> = state
        .chain
        .mempool
        .children_of(&txid)
        .iter()
        .map(ToString::to_string)
        .collect();
    Ok(json!({
        "vsize": vsize, "weight": entry.tx.weight(), "time": entry.time, "height": entry.height,
        "descendantcount": 1 + spent_by.len(), "descendantsize": vsize, "ancestorcount": 1 + depends.len(),
        "ancestorsize": vsize, "wtxid": entry.tx.wtxid().to_string(),
        "fees": {"base": fee, "modified": fee, "ancestor": fee, "descendant": fee},
        "depends": depends, "spentby": spent_by,
        "bip125-replaceable": entry.tx.input.iter().any(|i| i.sequence.0 < 0xffff_fffe),
        "unbroadcast": true,
    }))
}

fn test_accept(state: &State, method: &str, params: &[Value]) -> Result<Value, RpcError> {
    let p = Params::new(method, params, 1, 2)?;
    let Some(Value::Array(hexes)) = p.get(0) else {
        return Err(RpcError::type_error("an array"));
    };
    let mut results = Vec::new();
    for h in hexes {
        let tx = decode_hex(h.as_str().unwrap_or_default())?;
        let txid = tx.txid().to_string();
        let wtxid = tx.wtxid().to_string();
        match validation::check_transaction(&state.chain, &tx, &state.secp, true) {
            Ok((_, fee)) => results.push(json!({"txid": txid, "wtxid": wtxid, "allowed": true,
                "vsize": tx.vsize(), "fees": {"base": sats_to_value(fee)}})),
            Err(e) => results.push(json!({"txid": txid, "wtxid": wtxid, "allowed": false,
                "reject-reason": e.message})),
        }
    }
    Ok(Value::Array(results))
}
