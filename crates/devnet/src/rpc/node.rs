//! Node RPCs that need no wallet: chain info, blocks, mining, address validation.

use elements::{BlockHash, Script};
use serde_json::{json, Value};

use super::util::parse_address;
use crate::decode;
use crate::error::RpcError;
use crate::params::{parse_hash, Params};
use crate::state::{now, State};

/// Handles the method if it is a node RPC.
pub fn handle(
    state: &mut State,
    method: &str,
    params: &[Value],
) -> Option<Result<Value, RpcError>> {
    let result = match method {
        "getnetworkinfo" => Params::new(method, params, 0, 0).map(|_| network_info()),
        // As a fresh regtest node answers: no estimate (callers fall back to `relayfee`).
        "estimatesmartfee" => Params::new(method, params, 1, 2)
            .map(|_| json!({"errors": ["Insufficient data or no feerate found"], "blocks": 0})),
        "getblockchaininfo" => Params::new(method, params, 0, 0).map(|_| blockchain_info(state)),
        "getblockcount" => {
            Params::new(method, params, 0, 0).map(|_| json!(state.chain.tip_height()))
        }
        "getbestblockhash" => Params::new(method, params, 0, 0)
            .map(|_| json!(state.chain.tip().block_hash().to_string())),
        "getblockhash" => block_hash(state, method, params),
        "getblockheader" => block_header(state, method, params),
        "getblock" => block(state, method, params),
        "getmempoolinfo" => Params::new(method, params, 0, 0).map(|_| mempool_info(state)),
        "uptime" => {
            Params::new(method, params, 0, 0).map(|_| json!(now().saturating_sub(state.started)))
        }
        "validateaddress" => validate_address(state, method, params),
        "dumpassetlabels" => Params::new(method, params, 0, 0)
            .map(|_| json!({"bitcoin": state.chain.policy_asset().to_string()})),
        "generatetoaddress" => generate(state, method, params),
        "verifymessage" => verify_message(method, params),
        "help" => Params::new(method, params, 0, 1).map(|p| {
            json!(crate::help::usage(
                p.get(0).and_then(Value::as_str).unwrap_or("help")
            ))
        }),
        _ => return None,
    };
    Some(result)
}

fn network_info() -> Value {
    let networks: Vec<Value> = [
        ("ipv4", false),
        ("ipv6", false),
        ("onion", true),
        ("i2p", true),
        ("cjdns", true),
    ]
    .iter()
    .map(|(name, limited)| {
        json!({"name": name, "limited": limited, "reachable": !limited, "proxy": "",
                   "proxy_randomize_credentials": false})
    })
    .collect();
    json!({
        "version": 230303,
        "subversion": "/Elements Core:23.3.3/",
        "protocolversion": 70016,
        "localservices": "0000000000000409",
        "localservicesnames": ["NETWORK", "WITNESS", "NETWORK_LIMITED"],
        "localrelay": true,
        "timeoffset": 0,
        "networkactive": true,
        "connections": 0,
        "connections_in": 0,
        "connections_out": 0,
        "networks": networks,
        "relayfee": crate::amount::sats_to_value(100),
        "incrementalfee": crate::amount::sats_to_value(100),
        "localaddresses": [],
        "warnings": "",
    })
}

fn blockchain_info(state: &State) -> Value {
    let tip = state.chain.tip_height();
    let size: usize = state.chain.blocks().iter().map(|b| b.size()).sum();
    json!({
        "chain": "elementsregtest",
        "blocks": tip,
        "headers": tip,
        "bestblockhash": state.chain.tip().block_hash().to_string(),
        "time": state.chain.tip().header.time,
        "mediantime": state.chain.median_time(tip),
        "verificationprogress": 1,
        "initialblockdownload": false,
        "size_on_disk": size,
        "pruned": false,
        "trim_headers": false,
        "current_params_root": "0".repeat(64),
        "current_signblock_asm": "1",
        "current_signblock_hex": "51",
        "max_block_witness": 74,
        "current_fedpeg_program": "",
        "current_fedpeg_script": "51",
        "extension_space": [],
        "epoch_length": 10,
        "total_valid_epochs": 2,
        "epoch_age": tip % 10,
        "warnings": "",
    })
}

fn mempool_info(state: &State) -> Value {
    let bytes: usize = state
        .chain
        .mempool
        .entries()
        .iter()
        .map(|e| e.tx.vsize())
        .sum();
    let fees: u64 = state.chain.mempool.entries().iter().map(|e| e.fee).sum();
    json!({
        "loaded": true, "size": state.chain.mempool.len(), "bytes": bytes, "usage": bytes,
        "total_fee": crate::amount::sats_to_value(fees), "maxmempool": 300_000_000,
        "mempoolminfee": crate::amount::sats_to_value(100), "minrelaytxfee": crate::amount::sats_to_value(100),
        "unbroadcastcount": 0,
    })
}

fn block_hash(state: &State, method: &str, params: &[Value]) -> Result<Value, RpcError> {
    let p = Params::new(method, params, 1, 1)?;
    let height = p.u64(0)?;
    let block = u32::try_from(height)
        .ok()
        .and_then(|h| state.chain.block_at(h))
        .ok_or_else(|| RpcError::new(-8, "Block height out of range"))?;
    Ok(json!(block.block_hash().to_string()))
}

fn find_block(state: &State, hash: &str) -> Result<u32, RpcError> {
    let hash: BlockHash = parse_hash("blockhash", hash)?;
    state
        .chain
        .height_of(&hash)
        .ok_or_else(|| RpcError::new(-5, "Block not found"))
}

fn block_header(state: &State, method: &str, params: &[Value]) -> Result<Value, RpcError> {
    let p = Params::new(method, params, 1, 2)?;
    let height = find_block(state, p.str(0)?)?;
    if !p.bool_or(1, true)? {
        let block = state
            .chain
            .block_at(height)
            .ok_or_else(|| RpcError::new(-5, "Block not found"))?;
        return Ok(json!(elements::encode::serialize_hex(&block.header)));
    }
    Ok(Value::Object(decode::header_json(&state.chain, height)))
}

fn block(state: &State, method: &str, params: &[Value]) -> Result<Value, RpcError> {
    let p = Params::new(method, params, 1, 2)?;
    let hash = p.str(0)?;
    let verbosity = match p.get(1) {
        Some(Value::Bool(b)) => u64::from(*b),
        Some(v) => crate::params::as_u64(v)?,
        None => 1,
    };
    let height = find_block(state, hash)?;
    if verbosity == 0 {
        let block = state
            .chain
            .block_at(height)
            .ok_or_else(|| RpcError::new(-5, "Block not found"))?;
        return Ok(json!(elements::encode::serialize_hex(block)));
    }
    Ok(decode::block_json(&state.chain, height, verbosity))
}

fn validate_address(state: &State, method: &str, params: &[Value]) -> Result<Value, RpcError> {
    let p = Params::new(method, params, 1, 1)?;
    let s = p.str(0)?;
    let Ok(address) = parse_address(s) else {
        let error = "Invalid checksum or length of Base58 address";
        return Ok(
            json!({"isvalid": false, "isvalid_parent": false, "error_locations": [],
                         "error": error, "error_parent": error}),
        );
    };
    let _ = state;
    let mut m = serde_json::Map::new();
    m.insert("isvalid".into(), json!(true));
    m.insert("isvalid_parent".into(), json!(false));
    m.insert("address".into(), json!(s));
    super::addresses::script_fields(&mut m, &address.script_pubkey());
    m.insert(
        "confidential_key".into(),
        json!(address
            .blinding_pubkey
            .map(|k| k.to_string())
            .unwrap_or_default()),
    );
    m.insert(
        "unconfidential".into(),
        json!(address.to_unconfidential().to_string()),
    );
    Ok(Value::Object(m))
}

fn generate(state: &mut State, method: &str, params: &[Value]) -> Result<Value, RpcError> {
    let p = Params::new(method, params, 2, 3)?;
    let count = p.u64(0)?;
    let address =
        parse_address(p.str(1)?).map_err(|_| RpcError::new(-5, "Error: Invalid address"))?;
    let script: Script = address.script_pubkey();
    let count = u32::try_from(count.min(10_000)).unwrap_or(0);
    let hashes = state.mine(count, &script);
    Ok(json!(hashes
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()))
}

fn verify_message(method: &str, params: &[Value]) -> Result<Value, RpcError> {
    let p = Params::new(method, params, 3, 3)?;
    let address = parse_address(p.str(0)?).map_err(|_| RpcError::new(-3, "Invalid address"))?;
    let script = address.script_pubkey();
    if !script.is_p2pkh() {
        return Err(RpcError::new(-3, "Address does not refer to key"));
    }
    let sig = p.str(1)?;
    let message = p.str(2)?;
    match crate::message::recover(sig, message) {
        Some(pk) => Ok(json!(
            crate::keys::pubkey_hash(&pk).as_byte_array()[..] == script.as_bytes()[3..23]
        )),
        None => Err(RpcError::new(-3, "Malformed base64 encoding")),
    }
}
