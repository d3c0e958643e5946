//! Shared helpers for the devnet integration tests.
#![allow(dead_code, clippy::unwrap_used, missing_docs)]

use serde_json::Value;
use tessera_devnet::{Devnet, DevnetConfig, RpcError};

/// A fresh devnet in a temporary directory.
pub fn devnet() -> (Devnet, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let devnet = Devnet::open(DevnetConfig::new(dir.path(), "user", "pass")).unwrap();
    (devnet, dir)
}

/// Calls and unwraps.
pub fn call(d: &Devnet, wallet: Option<&str>, method: &str, params: Value) -> Value {
    let params = match params {
        Value::Array(a) => a,
        Value::Null => vec![],
        other => vec![other],
    };
    match d.call(wallet, method, params) {
        Ok(v) => v,
        Err(e) => panic!("{method} failed: {e}"),
    }
}

/// Calls and expects an error.
pub fn call_err(d: &Devnet, wallet: Option<&str>, method: &str, params: Value) -> RpcError {
    let params = match params {
        Value::Array(a) => a,
        Value::Null => vec![],
        other => vec![other],
    };
    match d.call(wallet, method, params) {
        Ok(v) => panic!("{method} unexpectedly succeeded: {v}"),
        Err(e) => e,
    }
}

/// Amount text to base units.
pub fn sats(v: &Value) -> u64 {
    tessera_devnet::parse_decimal(&v.to_string()).unwrap()
}
