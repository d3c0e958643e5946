//! Turning one block into ledger changes: pure, so it is tested without a node.
//!
//! Outputs are filtered by script first (a hash lookup) and only our own are unblinded:
//! unblinding costs milliseconds, a lookup nanoseconds (DESIGN.md §6).
//!
//! No output can stop the watcher: one that cannot be read (no or wrong blinding key), whose
//! amount does not fit the ledger's signed 64-bit columns, or that would push its owner's
//! holding of the asset past them, is left out of the ledger and returned as
//! [`Unreadable`], which the watcher records with the block (a lost output).

use elements::secp256k1_zkp::SecretKey;
use std::collections::HashMap;
use tessera_store::{
    BlockChanges, BlockRef, LedgerRow, OwnerRef, Spend, TrackedOutput, UnreadableOutput,
};

/// An output script the platform follows, with what is needed to read its outputs.
#[derive(Clone)]
pub struct Watched {
    /// Who owns outputs paying this script.
    pub owner: OwnerRef,
    /// The blinding key of the script's confidential address, if any.
    pub blinding: Option<SecretKey>,
}

/// Scripts followed, keyed by script bytes.
pub type Watchlist = HashMap<Vec<u8>, Watched>;

/// A tracked output that a transaction of the block may spend.
pub type Unspent = HashMap<(String, u32), TrackedOutput>;

/// An output to our script that could not be read (wrong or missing blinding key, or an
/// amount that does not fit).
pub type Unreadable = UnreadableOutput;

/// Holdings `(owner, asset id) → balance` before a block, for every owner and asset the
/// block credits: with them, [`process_block_within`] refuses outputs that would overflow.
pub type Holdings = HashMap<(OwnerRef, String), i64>;

const ZERO_BLINDER: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// The ledger changes of `block` at `height`, given the followed scripts and the tracked
/// outputs its transactions may spend. Outputs created and spent inside the same block are
/// handled in order. Amounts are checked one by one only; see [`process_block_within`].
pub fn process_block(
    height: u32,
    block: &elements::Block,
    watch: &Watchlist,
    unspent: &Unspent,
) -> (BlockChanges, Vec<Unreadable>) {
    process_block_within(height, block, watch, unspent, None)
}

/// [`process_block`], also treating as unreadable an output that would take its owner's
/// holding past `i64::MAX`, given the holdings before the block (`holdings` must hold every
/// owner and asset the block credits; missing ones count as 0).
pub fn process_block_within(
    height: u32,
    block: &elements::Block,
    watch: &Watchlist,
    unspent: &Unspent,
    holdings: Option<&Holdings>,
) -> (BlockChanges, Vec<Unreadable>) {
    let mut running = holdings.cloned();
    let time = i64::from(block.header.time);
    let mut created: HashMap<(String, u32), TrackedOutput> = HashMap::new();
    let mut changes = BlockChanges {
        block: BlockRef {
            height,
            hash: block.block_hash().to_string(),
            prev_hash: block.header.prev_blockhash.to_string(),
            time,
        },
        outputs: Vec::new(),
        spends: Vec::new(),
        ledger: Vec::new(),
    };
    let mut unreadable = Vec::new();
    for tx in &block.txdata {
        let txid = tx.txid().to_string();
        for (vin, input) in tx.input.iter().enumerate() {
            if input.is_coinbase() {
                continue;
            }
            let key = (
                input.previous_output.txid.to_string(),
                input.previous_output.vout,
            );
            let vin = u32::try_from(vin).unwrap_or(u32::MAX);
            let spent = if let Some(same_block) = created.remove(&key) {
                // Created earlier in this block: it never becomes a stored output.
                changes
                    .outputs
                    .retain(|o| (o.txid.as_str(), o.vout) != (key.0.as_str(), key.1));
                same_block
            } else if let Some(earlier) = unspent.get(&key) {
                changes.spends.push(Spend {
                    txid: key.0.clone(),
                    vout: key.1,
                    spent_by_txid: txid.clone(),
                    spent_by_vin: vin,
                });
                earlier.clone()
            } else {
                continue;
            };
            let delta = -i64::try_from(spent.amount).unwrap_or(i64::MAX);
            if let Some(running) = running.as_mut() {
                let key = (spent.owner.clone(), spent.asset_id.clone());
                let held = running.entry(key).or_default();
                *held = held.saturating_add(delta);
            }
            changes.ledger.push(LedgerRow {
                asset_id: spent.asset_id.clone(),
                owner: spent.owner.clone(),
                delta,
                txid: txid.clone(),
                vout: vin,
                height,
                time,
            });
        }
        for (vout, output) in tx.output.iter().enumerate() {
            let script = output.script_pubkey.as_bytes();
            let Some(watched) = watch.get(script) else {
                continue;
            };
            let vout = u32::try_from(vout).unwrap_or(u32::MAX);
            let unreadable_output = |asset_id: Option<String>, amount, reason| Unreadable {
                txid: txid.clone(),
                vout,
                owner: watched.owner.clone(),
                asset_id,
                amount,
                script_pubkey: script.to_vec(),
                reason,
                height,
            };
            let read = read_output(output, watched).and_then(|read| {
                match fits(&read.0, read.1, &watched.owner, running.as_mut()) {
                    Ok(delta) => Ok((read, delta)),
                    Err(reason) => Err((Some((read.0, read.1)), reason)),
                }
            });
            match read {
                Ok(((asset_id, amount, asset_blinder, amount_blinder), delta)) => {
                    let tracked = TrackedOutput {
                        txid: txid.clone(),
                        vout,
                        owner: watched.owner.clone(),
                        asset_id: asset_id.clone(),
                        amount,
                        asset_blinder,
                        amount_blinder,
                        script_pubkey: script.to_vec(),
                        height,
                        spent_by: None,
                        spent_height: None,
                    };
                    changes.ledger.push(LedgerRow {
                        asset_id,
                        owner: watched.owner.clone(),
                        delta,
                        txid: txid.clone(),
                        vout,
                        height,
                        time,
                    });
                    created.insert((txid.clone(), vout), tracked.clone());
                    changes.outputs.push(tracked);
                }
                Err((read, reason)) => {
                    let (asset_id, amount) = read.map_or((None, None), |(a, v)| (Some(a), Some(v)));
                    tracing::warn!(%txid, vout, %reason, "output to a followed script left out of the ledger");
                    unreadable.push(unreadable_output(asset_id, amount, reason));
                }
            }
        }
    }
    (changes, unreadable)
}

/// The ledger delta of crediting `amount` of `asset_id` to `owner`, and the owner's running
/// holding updated (when followed); why not, when the amount or the holding would not fit.
fn fits(
    asset_id: &str,
    amount: u64,
    owner: &OwnerRef,
    running: Option<&mut Holdings>,
) -> Result<i64, String> {
    let delta = i64::try_from(amount)
        .map_err(|_| format!("amount {amount} of asset {asset_id} does not fit the ledger"))?;
    if let Some(running) = running {
        let held = running
            .entry((owner.clone(), asset_id.to_owned()))
            .or_default();
        *held = held.checked_add(delta).ok_or_else(|| {
            format!("amount {amount} of asset {asset_id} would take the holding {held} past the ledger's limit")
        })?;
    }
    Ok(delta)
}

/// An output read: asset id, amount, asset blinder, amount blinder.
type Read = (String, u64, String, String);

/// Why an output is unreadable: what was read of it (asset id and amount), and why.
type NotRead = (Option<(String, u64)>, String);

/// The output's asset, amount and blinders; on failure why (with nothing read).
fn read_output(output: &elements::TxOut, watched: &Watched) -> Result<Read, NotRead> {
    if let (Some(asset), Some(value)) = (output.asset.explicit(), output.value.explicit()) {
        return Ok((
            asset.to_string(),
            value,
            ZERO_BLINDER.to_owned(),
            ZERO_BLINDER.to_owned(),
        ));
    }
    let key = watched
        .blinding
        .ok_or_else(|| (None, "confidential output but no blinding key".to_owned()))?;
    let u = tessera_custody::unblind(output, &key).map_err(|e| (None, e.to_string()))?;
    Ok((
        u.asset.to_string(),
        u.value,
        u.asset_blinder.to_string(),
        u.value_blinder.to_string(),
    ))
}
