//! Address RPCs: new addresses of each type, address info, blinding keys, message signing.

use elements::{Address, Script};
use serde_json::{json, Map, Value};

use super::util::{ensure_unlocked, parse_address, wallet, wallet_mut};
use crate::error::RpcError;
use crate::keys::{self, KeyKind};
use crate::params::Params;
use crate::state::State;

const METHODS: &[&str] = &[
    "getnewaddress",
    "getrawchangeaddress",
    "getaddressinfo",
    "dumpblindingkey",
    "dumpmasterblindingkey",
    "signmessage",
];

/// Whether this module handles `method`.
pub fn handles(method: &str) -> bool {
    METHODS.contains(&method)
}

/// Handles an address RPC for wallet `name`.
pub fn handle(
    state: &mut State,
    name: &str,
    method: &str,
    params: &[Value],
) -> Option<Result<Value, RpcError>> {
    let result = match method {
        "getnewaddress" => new_address(state, name, method, params, false),
        "getrawchangeaddress" => new_address(state, name, method, params, true),
        "getaddressinfo" => address_info(state, name, method, params),
        "dumpblindingkey" => blinding_key(state, name, method, params),
        "dumpmasterblindingkey" => Params::new(method, params, 0, 0).and_then(|_| {
            Ok(json!(hex::encode(
                wallet(state, name)?.keys().master_blinding_key()
            )))
        }),
        "signmessage" => sign_message(state, name, method, params),
        _ => return None,
    };
    Some(result)
}

fn new_address(
    state: &mut State,
    name: &str,
    method: &str,
    params: &[Value],
    change: bool,
) -> Result<Value, RpcError> {
    let p = Params::new(method, params, 0, 2)?;
    let (label, kind_arg) = if change {
        (None, p.opt_str(0)?)
    } else {
        (Some(p.opt_str(0)?.unwrap_or("")), p.opt_str(1)?)
    };
    let (kind, confidential) = match kind_arg {
        None | Some("blech32") => (KeyKind::Wpkh, true),
        Some("bech32") => (KeyKind::Wpkh, false),
        Some("legacy") => (KeyKind::Pkh, true),
        Some("p2sh-segwit") => (KeyKind::ShWpkh, true),
        Some("bech32m") => {
            return Err(RpcError::invalid_parameter(
                "bech32m (taproot) addresses are not supported by the devnet",
            ))
        }
        Some(other) => return Err(RpcError::new(-5, format!("Unknown address type '{other}'"))),
    };
    let secp = state.secp.clone();
    let w = wallet_mut(state, name)?;
    let script = w.next_script(&secp, kind, change, label);
    let address = if confidential {
        w.confidential_address(&secp, &script)
    } else {
        crate::wallet::Wallet::unconfidential_address(&script)
    };
    address
        .map(|a| json!(a.to_string()))
        .ok_or_else(|| RpcError::internal("address derivation failed"))
}

/// scriptPubKey / isscript / iswitness / witness_version / witness_program fields.
pub fn script_fields(m: &mut Map<String, Value>, script: &Script) {
    m.insert("scriptPubKey".into(), json!(hex::encode(script.as_bytes())));
    let witness = script.is_witness_program();
    m.insert(
        "isscript".into(),
        json!(script.is_p2sh() || script.is_v0_p2wsh() || script.is_v1_p2tr()),
    );
    m.insert("iswitness".into(), json!(witness));
    if witness {
        let bytes = script.as_bytes();
        let version = if bytes[0] == 0 {
            0
        } else {
            u32::from(bytes[0]) - 0x50
        };
        m.insert("witness_version".into(), json!(version));
        m.insert("witness_program".into(), json!(hex::encode(&bytes[2..])));
    }
}

fn address_info(
    state: &State,
    name: &str,
    method: &str,
    params: &[Value],
) -> Result<Value, RpcError> {
    let p = Params::new(method, params, 1, 1)?;
    let text = p.str(0)?;
    let address = parse_address(text)?;
    let w = wallet(state, name)?;
    let secp = &state.secp;
    let script = address.script_pubkey();
    let mut m = Map::new();
    m.insert("address".into(), json!(text));
    m.insert("scriptPubKey".into(), json!(hex::encode(script.as_bytes())));
    let entry = w.entry(&script).cloned();
    m.insert("ismine".into(), json!(entry.is_some()));
    m.insert("solvable".into(), json!(entry.is_some()));
    if let Some(entry) = &entry {
        m.insert(
            "desc".into(),
            json!(w.keys().key_descriptor(secp, entry.kind, &entry.key)),
        );
        m.insert(
            "parent_desc".into(),
            json!(w.keys().parent_descriptor(secp, entry.kind, entry.change)),
        );
    }
    m.insert("iswatchonly".into(), json!(false));
    let mut fields = Map::new();
    script_fields(&mut fields, &script);
    fields.remove("scriptPubKey");
    m.extend(fields);
    if let Some(entry) = &entry {
        let pubkey = entry.key.public.to_string();
        match entry.kind {
            KeyKind::Wpkh => {
                m.insert("pubkey".into(), json!(pubkey));
            }
            KeyKind::Pkh => {
                m.insert("pubkey".into(), json!(pubkey));
                m.insert("iscompressed".into(), json!(true));
            }
            KeyKind::ShWpkh => {
                let redeem = keys::script_for(KeyKind::Wpkh, &entry.key.public);
                m.insert("script".into(), json!("witness_v0_keyhash"));
                m.insert("hex".into(), json!(hex::encode(redeem.as_bytes())));
                m.insert("pubkey".into(), json!(pubkey));
                let mut embedded = Map::new();
                script_fields(&mut embedded, &redeem);
                embedded.remove("scriptPubKey");
                embedded.insert("pubkey".into(), json!(pubkey));
                let inner = Address::from_script(&redeem, None, &elements::AddressParams::ELEMENTS);
                embedded.insert(
                    "address".into(),
                    json!(inner.map(|a| a.to_string()).unwrap_or_default()),
                );
                embedded.insert("scriptPubKey".into(), json!(hex::encode(redeem.as_bytes())));
                m.insert("embedded".into(), Value::Object(embedded));
            }
        }
    }
    let confidential = match address.blinding_pubkey {
        Some(_) => Some(address.clone()),
        None => w.confidential_address(secp, &script),
    };
    m.insert(
        "confidential".into(),
        json!(confidential.map(|a| a.to_string()).unwrap_or_default()),
    );
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
    m.insert(
        "ischange".into(),
        json!(entry.as_ref().is_some_and(|e| e.change)),
    );
    if let Some(entry) = &entry {
        m.insert("timestamp".into(), json!(w.record.created));
        m.insert("hdkeypath".into(), json!(entry.key.path));
        m.insert("hdseedid".into(), json!("0".repeat(40)));
        m.insert(
            "hdmasterfingerprint".into(),
            json!(w.keys().fingerprint(secp).to_string()),
        );
    }
    let labels: Vec<&str> = w
        .label(&script)
        .into_iter()
        .filter(|_| entry.as_ref().is_some_and(|e| !e.change))
        .collect();
    m.insert("labels".into(), json!(labels));
    Ok(Value::Object(m))
}

fn blinding_key(
    state: &State,
    name: &str,
    method: &str,
    params: &[Value],
) -> Result<Value, RpcError> {
    let p = Params::new(method, params, 1, 1)?;
    let address = parse_address(p.str(0)?)?;
    let w = wallet(state, name)?;
    let script = address.script_pubkey();
    let key = w.keys().blinding_key(&script);
    if let Some(pk) = address.blinding_pubkey {
        if pk != w.blinding_pubkey(&state.secp, &script) {
            return Err(RpcError::new(-5, "Blinding key for address is unknown"));
        }
    }
    Ok(json!(hex::encode(key.secret_bytes())))
}

fn sign_message(
    state: &State,
    name: &str,
    method: &str,
    params: &[Value],
) -> Result<Value, RpcError> {
    let p = Params::new(method, params, 2, 2)?;
    ensure_unlocked(state, name)?;
    let address = parse_address(p.str(0)?).map_err(|_| RpcError::new(-5, "Invalid address"))?;
    let message = p.str(1)?;
    let script = address.script_pubkey();
    if !script.is_p2pkh() {
        return Err(RpcError::new(-3, "Address does not refer to key"));
    }
    let w = wallet(state, name)?;
    let entry = w
        .entry(&script)
        .ok_or_else(|| RpcError::wallet("Private key not available"))?;
    Ok(json!(crate::message::sign(&entry.key.secret, message)))
}
