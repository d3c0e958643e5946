//! The wallet's history: `listtransactions` and `listsinceblock`, one entry per
//! wallet-relevant output (the `gettransaction` details) with the transaction's
//! confirmation data, as Elements prints them.

use elements::{BlockHash, Transaction};
use serde_json::{json, Map, Value};

use super::transaction::{details, tx_fields};
use super::util::wallet;
use crate::error::RpcError;
use crate::params::{parse_hash, Params};
use crate::state::State;
use crate::wallet::Wallet;
use crate::wallet_view;

const METHODS: &[&str] = &["listtransactions", "listsinceblock"];

/// Whether this module handles `method`.
pub fn handles(method: &str) -> bool {
    METHODS.contains(&method)
}

/// Handles a history RPC of wallet `name`.
pub fn handle(
    state: &State,
    name: &str,
    method: &str,
    params: &[Value],
) -> Option<Result<Value, RpcError>> {
    let result = match method {
        "listtransactions" => list_transactions(state, name, method, params),
        "listsinceblock" => list_since_block(state, name, method, params),
        _ => return None,
    };
    Some(result)
}

/// The wallet's transactions, oldest first (by first-seen time, then chain position).
fn wallet_txs<'a>(state: &'a State, w: &Wallet) -> Vec<(&'a Transaction, u64)> {
    let mut txs: Vec<(&Transaction, u64, (u32, usize))> = w
        .record
        .tx_times
        .iter()
        .filter_map(|(txid, time)| {
            let tx = state.chain.transaction(txid)?;
            let position = wallet_view::confirmation(&state.chain, tx)
                .map_or((u32::MAX, usize::MAX), |(_, height, index)| (height, index));
            Some((tx, *time, position))
        })
        .collect();
    txs.sort_by_key(|(tx, time, position)| (*time, *position, tx.txid()));
    txs.into_iter().map(|(tx, time, _)| (tx, time)).collect()
}

/// The entries of one transaction.
fn entries(state: &State, w: &Wallet, tx: &Transaction, time: u64) -> Vec<Value> {
    let summary = wallet_view::summarize(w, &state.chain, tx);
    let confirmations = wallet_view::confirmation(&state.chain, tx).map_or(0, |c| c.0);
    let fields = tx_fields(state, w, tx, time);
    details(state, w, tx, &summary, confirmations)
        .into_iter()
        .map(|detail| {
            let mut entry: Map<String, Value> = match detail {
                Value::Object(m) => m,
                _ => Map::new(),
            };
            let abandoned = entry.remove("abandoned");
            entry.extend(fields.clone());
            if let Some(abandoned) = abandoned {
                entry.insert("abandoned".into(), abandoned);
            }
            Value::Object(entry)
        })
        .collect()
}

fn list_transactions(
    state: &State,
    name: &str,
    method: &str,
    params: &[Value],
) -> Result<Value, RpcError> {
    let p = Params::new(method, params, 0, 4)?;
    if let Some(label) = p.opt_str(0)? {
        if label != "*" {
            return Err(RpcError::new(
                -8,
                "devnet: listtransactions supports only the label \"*\"",
            ));
        }
    }
    let count = usize::try_from(p.u64_or(1, 10)?).unwrap_or(usize::MAX);
    let skip = usize::try_from(p.u64_or(2, 0)?).unwrap_or(usize::MAX);
    let w = wallet(state, name)?;
    let all: Vec<Value> = wallet_txs(state, w)
        .into_iter()
        .flat_map(|(tx, time)| entries(state, w, tx, time))
        .collect();
    // The `count` most recent after skipping the `skip` most recent, oldest first.
    let end = all.len().saturating_sub(skip);
    let start = end.saturating_sub(count);
    Ok(Value::Array(all[start..end].to_vec()))
}

fn list_since_block(
    state: &State,
    name: &str,
    method: &str,
    params: &[Value],
) -> Result<Value, RpcError> {
    let p = Params::new(method, params, 0, 4)?;
    let since = match p.opt_str(0)? {
        Some(text) => {
            let hash: BlockHash = parse_hash("blockhash", text)?;
            let height = state
                .chain
                .height_of(&hash)
                .ok_or_else(|| RpcError::new(-5, "Block not found"))?;
            Some(height)
        }
        None => None,
    };
    let target = u32::try_from(p.u64_or(1, 1)?).unwrap_or(u32::MAX);
    if target < 1 {
        return Err(RpcError::invalid_parameter("Invalid parameter"));
    }
    let w = wallet(state, name)?;
    let after = |tx: &Transaction| match wallet_view::confirmation(&state.chain, tx) {
        Some((_, height, _)) => since.is_none_or(|s| height > s),
        None => true,
    };
    let transactions: Vec<Value> = wallet_txs(state, w)
        .into_iter()
        .filter(|(tx, _)| after(tx))
        .flat_map(|(tx, time)| entries(state, w, tx, time))
        .collect();
    let tip = state.chain.tip_height();
    let last = state
        .chain
        .block_at(tip.saturating_sub(target - 1))
        .map(|b| b.block_hash().to_string())
        .unwrap_or_default();
    Ok(json!({"transactions": transactions, "removed": [], "lastblock": last}))
}
