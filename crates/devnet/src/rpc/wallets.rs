//! Wallet management RPCs: create, load, unload, list, encrypt, unlock, lock.

use elements::hashes::sha256;
use serde_json::{json, Value};

use super::util::{wallet, wallet_mut};
use crate::error::{codes, RpcError};
use crate::params::Params;
use crate::state::{now, State};
use crate::wallet::Wallet;

/// Handles the method if it is a wallet-management RPC.
pub fn handle(
    state: &mut State,
    wallet_path: Option<&str>,
    method: &str,
    params: &[Value],
) -> Option<Result<Value, RpcError>> {
    let result = match method {
        "createwallet" => create(state, method, params),
        "loadwallet" => load(state, method, params),
        "unloadwallet" => unload(state, wallet_path, method, params),
        "listwallets" => Params::new(method, params, 0, 0).map(|_| json!(state.loaded)),
        "listwalletdir" => Params::new(method, params, 0, 0)
            .map(|_| json!({"wallets": state.wallets.keys().map(|n| json!({"name": n})).collect::<Vec<_>>()})),
        "encryptwallet" => with_wallet(state, wallet_path, |s, n| encrypt(s, n, method, params)),
        "walletpassphrase" => with_wallet(state, wallet_path, |s, n| unlock(s, n, method, params)),
        "walletlock" => with_wallet(state, wallet_path, |s, n| lock(s, n, method, params)),
        _ => return None,
    };
    Some(result)
}

fn with_wallet(
    state: &mut State,
    wallet_path: Option<&str>,
    f: impl FnOnce(&mut State, &str) -> Result<Value, RpcError>,
) -> Result<Value, RpcError> {
    let name = state.wallet_name(wallet_path)?;
    f(state, &name)
}

fn create(state: &mut State, method: &str, params: &[Value]) -> Result<Value, RpcError> {
    let p = Params::new(method, params, 1, 8)?;
    let name = p.str(0)?.to_string();
    let passphrase = p.opt_str(3)?;
    if state.wallets.contains_key(&name) {
        return Err(RpcError::wallet(format!(
            "Wallet file verification failed. Failed to create database path '{name}'. Database already exists."
        )));
    }
    let mut wallet = Wallet::create(&name, now(), &state.secp);
    let warning = match passphrase {
        Some("") => "Empty string given as passphrase, wallet will not be encrypted.",
        Some(pass) => {
            wallet.record.encryption = Some(encryption(pass));
            ""
        }
        None => "",
    };
    state.add_wallet(wallet);
    state.sweep_free_coins(&name)?;
    Ok(json!({"name": name, "warning": warning}))
}

fn load(state: &mut State, method: &str, params: &[Value]) -> Result<Value, RpcError> {
    let p = Params::new(method, params, 1, 2)?;
    let name = p.str(0)?.to_string();
    if state.loaded.contains(&name) {
        return Err(RpcError::wallet(
            "Wallet file verification failed. SQLiteDatabase: Unable to obtain an exclusive lock on the database, is it being used by another instance of Elements Core?\n",
        ));
    }
    let w = state.wallets.get_mut(&name).ok_or_else(|| {
        RpcError::new(
            codes::WALLET_NOT_FOUND,
            format!("Wallet file verification failed. Failed to load database path '{name}'. Path does not exist."),
        )
    })?;
    w.record.loaded = true;
    state.loaded.push(name.clone());
    Ok(json!({"name": name, "warning": ""}))
}

fn unload(
    state: &mut State,
    wallet_path: Option<&str>,
    method: &str,
    params: &[Value],
) -> Result<Value, RpcError> {
    let p = Params::new(method, params, 0, 2)?;
    let name = match p.opt_str(0)? {
        Some(n) => n.to_string(),
        None => state.wallet_name(wallet_path)?,
    };
    let pos = state
        .loaded
        .iter()
        .position(|n| *n == name)
        .ok_or_else(RpcError::wallet_not_found)?;
    state.loaded.remove(pos);
    if let Some(w) = state.wallets.get_mut(&name) {
        w.record.loaded = false;
    }
    Ok(json!({"warning": ""}))
}

/// (salt, sha256(salt || passphrase)) — the devnet only needs to check passphrases.
fn encryption(passphrase: &str) -> (String, String) {
    let salt: [u8; 16] = rand::random();
    (hex::encode(salt), passphrase_hash(&salt, passphrase))
}

fn passphrase_hash(salt: &[u8], passphrase: &str) -> String {
    let mut data = salt.to_vec();
    data.extend_from_slice(passphrase.as_bytes());
    hex::encode(sha256::Hash::hash(&data).to_byte_array())
}

fn encrypt(
    state: &mut State,
    name: &str,
    method: &str,
    params: &[Value],
) -> Result<Value, RpcError> {
    let p = Params::new(method, params, 1, 1)?;
    let pass = p.str(0)?;
    if pass.is_empty() {
        return Err(RpcError::invalid_parameter("passphrase can not be empty"));
    }
    let w = wallet_mut(state, name)?;
    if w.record.encryption.is_some() {
        return Err(RpcError::new(
            codes::WALLET_WRONG_ENC_STATE,
            "Error: running with an encrypted wallet, but encryptwallet was called.",
        ));
    }
    w.record.encryption = Some(encryption(pass));
    w.unlocked_until = 0;
    Ok(json!(
        "wallet encrypted; The keypool has been flushed and a new HD seed was generated (if you are using HD). You need to make a new backup."
    ))
}

fn unlock(
    state: &mut State,
    name: &str,
    method: &str,
    params: &[Value],
) -> Result<Value, RpcError> {
    let p = Params::new(method, params, 2, 2)?;
    let pass = p.str(0)?;
    let timeout = p.u64(1)?;
    let Some((salt, hash)) = wallet(state, name)?.record.encryption.clone() else {
        return Err(RpcError::new(
            codes::WALLET_WRONG_ENC_STATE,
            "Error: running with an unencrypted wallet, but walletpassphrase was called.",
        ));
    };
    let salt = hex::decode(salt).unwrap_or_default();
    if passphrase_hash(&salt, pass) != hash {
        return Err(RpcError::new(
            codes::WALLET_PASSPHRASE_INCORRECT,
            "Error: The wallet passphrase entered was incorrect.",
        ));
    }
    wallet_mut(state, name)?.unlocked_until = now() + timeout.min(100_000_000);
    Ok(Value::Null)
}

fn lock(state: &mut State, name: &str, method: &str, params: &[Value]) -> Result<Value, RpcError> {
    Params::new(method, params, 0, 0)?;
    let w = wallet_mut(state, name)?;
    if w.record.encryption.is_none() {
        return Err(RpcError::new(
            codes::WALLET_WRONG_ENC_STATE,
            "Error: running with an unencrypted wallet, but walletlock was called.",
        ));
    }
    w.unlocked_until = 0;
    Ok(Value::Null)
}
