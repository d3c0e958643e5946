//! What the chain watcher persists: blocks, the outputs it tracks, and the ownership
//! ledger.
//!
//! These are store-level records, not domain decisions: the watcher (app layer) decides
//! which outputs are whose after unblinding them, and hands the store one
//! [`BlockChanges`] per block, applied in one transaction so that the tip, the outputs
//! and the ledger always describe the same chain. On-chain ids are kept as lower-case hex
//! text, the form Elements RPC and block explorers show.

use tessera_core::{AccountId, Gaid};

/// A block the watcher has applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BlockRef {
    /// Its height.
    pub height: u32,
    /// Its hash (hex).
    pub hash: String,
    /// The hash of its parent (hex).
    pub prev_hash: String,
    /// Its header time (unix seconds).
    pub time: i64,
}

/// Who holds an output or a ledger entry.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum OwnerRef {
    /// A managed account.
    Account {
        /// The account.
        account: AccountId,
        /// Its GAID (kept beside the id so balances by GAID need no join).
        gaid: Gaid,
    },
    /// A treasury address of an issuer.
    Treasury {
        /// The address.
        address: String,
    },
    /// Someone Tessera does not know (e.g. an output leaving the managed set).
    Unknown,
}

/// An output the watcher tracks (it belongs to a managed account or a treasury address).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrackedOutput {
    /// Transaction id (hex).
    pub txid: String,
    /// Output index.
    pub vout: u32,
    /// Who holds it.
    pub owner: OwnerRef,
    /// Asset id (hex), unblinded.
    pub asset_id: String,
    /// Amount in base units, unblinded.
    pub amount: u64,
    /// Asset blinding factor (hex; 64 zeros if the output is explicit).
    pub asset_blinder: String,
    /// Amount blinding factor (hex; 64 zeros if the output is explicit).
    pub amount_blinder: String,
    /// Its output script.
    pub script_pubkey: Vec<u8>,
    /// Height of the block that created it.
    pub height: u32,
    /// The input spending it, `(txid, vin)`, once spent.
    pub spent_by: Option<(String, u32)>,
    /// Height of the block that spent it.
    pub spent_height: Option<u32>,
}

/// An output to a followed script that the watcher could not read: no or wrong blinding
/// key, or an amount that does not fit the ledger. Recorded with its block instead of
/// stopping the watcher, so it can be reported as a lost output.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnreadableOutput {
    /// Transaction id (hex).
    pub txid: String,
    /// Output index.
    pub vout: u32,
    /// Whose script it pays.
    pub owner: OwnerRef,
    /// Asset id (hex), when it could be read.
    pub asset_id: Option<String>,
    /// Amount in base units, when it could be read.
    pub amount: Option<u64>,
    /// Its output script.
    pub script_pubkey: Vec<u8>,
    /// Why it could not be read.
    pub reason: String,
    /// Height of the block that created it.
    pub height: u32,
}

/// A tracked output spent by an input of the block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spend {
    /// Transaction id of the spent output (hex).
    pub txid: String,
    /// Index of the spent output.
    pub vout: u32,
    /// Transaction id of the spending transaction (hex).
    pub spent_by_txid: String,
    /// Input index in the spending transaction.
    pub spent_by_vin: u32,
}

/// One entry of the ownership ledger: an owner's holding of an asset changed by `delta`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LedgerRow {
    /// Asset id (hex).
    pub asset_id: String,
    /// Whose holding changed.
    pub owner: OwnerRef,
    /// Change in base units (negative when an output is spent).
    pub delta: i64,
    /// Transaction of the change (hex).
    pub txid: String,
    /// Output concerned (created, or spent when `delta` is negative).
    pub vout: u32,
    /// Block height of the change.
    pub height: u32,
    /// Block time of the change (unix seconds).
    pub time: i64,
}

/// Everything one block changes, applied at once by
/// [`ChainStore::apply_block`](crate::ChainStore::apply_block).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BlockChanges {
    /// The block; it must extend the stored tip.
    pub block: BlockRef,
    /// New outputs to track (unspent; `height` is the block's). An output created and
    /// spent in the same block goes here and in `spends`.
    pub outputs: Vec<TrackedOutput>,
    /// Tracked outputs spent by this block.
    pub spends: Vec<Spend>,
    /// Ledger entries of this block (`height` is the block's).
    pub ledger: Vec<LedgerRow>,
}
