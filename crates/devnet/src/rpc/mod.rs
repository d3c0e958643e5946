//! JSON-RPC dispatch: method name → handler, split by area (node, wallets, addresses,
//! sends, wallet queries).
//!
//! Handlers take the locked [`State`] and positional parameters and return the `result`
//! value; [`dispatch`] also says whether the call changed persistent state, so the caller
//! knows when to write a snapshot.

mod addresses;
mod construct;
mod fund;
mod history;
mod node;
mod raw;
mod send;
mod transaction;
mod unspent;
mod util;
mod wallet_query;
mod wallets;

use serde_json::Value;

use crate::error::RpcError;
use crate::state::State;

/// Methods that change persistent state (a snapshot is written after them).
const MUTATING: &[&str] = &[
    "createwallet",
    "loadwallet",
    "unloadwallet",
    "encryptwallet",
    "getnewaddress",
    "getrawchangeaddress",
    "sendtoaddress",
    "sendmany",
    "issueasset",
    "reissueasset",
    "destroyamount",
    "sendrawtransaction",
    "fundrawtransaction",
    "blindrawtransaction",
    "generatetoaddress",
    "generatetodescriptor",
];

/// Whether `method` can change persistent state.
pub fn is_mutating(method: &str) -> bool {
    MUTATING.contains(&method)
}

/// Runs one RPC call against the state.
pub fn dispatch(
    state: &mut State,
    wallet: Option<&str>,
    method: &str,
    params: &[Value],
) -> Result<Value, RpcError> {
    if let Some(result) = node::handle(state, method, params) {
        return result;
    }
    if let Some(result) = raw::handle(state, method, params) {
        return result;
    }
    if let Some(result) = construct::handle(state, method, params) {
        return result;
    }
    if let Some(result) = wallets::handle(state, wallet, method, params) {
        return result;
    }
    let wallet_method = addresses::handles(method)
        || send::handles(method)
        || wallet_query::handles(method)
        || fund::handles(method)
        || history::handles(method);
    if !wallet_method {
        return Err(RpcError::method_not_found());
    }
    let name = state.wallet_name(wallet)?;
    if let Some(result) = addresses::handle(state, &name, method, params) {
        return result;
    }
    if let Some(result) = send::handle(state, &name, method, params) {
        return result;
    }
    if let Some(result) = wallet_query::handle(state, &name, method, params) {
        return result;
    }
    if let Some(result) = fund::handle(state, &name, method, params) {
        return result;
    }
    if let Some(result) = history::handle(state, &name, method, params) {
        return result;
    }
    Err(RpcError::method_not_found())
}
