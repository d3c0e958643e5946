//! The wallet's history: `listtransactions` and `listsinceblock`, which tools use to find
//! what the wallet already did (e.g. a payment broadcast before a crash).

use elements::{AssetId, BlockHash, Txid};
use serde::{Deserialize, Serialize};

use crate::amount::SignedSats;
use crate::types::wallet::TxCategory;

/// One entry of `listtransactions` / `listsinceblock`: one wallet-relevant output of a
/// transaction, with the transaction's confirmation data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListedTransaction {
    /// Unconfidential address (the node never prints the confidential form here); absent for
    /// outputs without one (burns, fee-only entries).
    #[serde(default)]
    pub address: Option<String>,
    /// Send, receive, …
    pub category: TxCategory,
    /// Signed amount of `asset` (negative for sends).
    pub amount: SignedSats,
    /// The asset (all zeros for a send the wallet cannot unblind).
    pub asset: AssetId,
    /// Value blinding factor, hex, display order.
    pub amountblinder: String,
    /// Asset blinding factor, hex, display order.
    pub assetblinder: String,
    /// Output index.
    pub vout: u32,
    /// Fee (sends only), a bare negative L-BTC amount.
    #[serde(default)]
    pub fee: Option<SignedSats>,
    /// Address label.
    #[serde(default)]
    pub label: Option<String>,
    /// Confirmations: 0 unconfirmed, negative when conflicted.
    pub confirmations: i64,
    /// Unconfirmed but trusted (own transaction); absent once confirmed.
    #[serde(default)]
    pub trusted: Option<bool>,
    /// Containing block.
    #[serde(default)]
    pub blockhash: Option<BlockHash>,
    /// Height of the containing block.
    #[serde(default)]
    pub blockheight: Option<u64>,
    /// Position in the block.
    #[serde(default)]
    pub blockindex: Option<u64>,
    /// Block time.
    #[serde(default)]
    pub blocktime: Option<u64>,
    /// The transaction.
    pub txid: Txid,
    /// Conflicting wallet transactions.
    #[serde(default)]
    pub walletconflicts: Vec<Txid>,
    /// Time the wallet saw it.
    pub time: u64,
    /// Time it was received.
    pub timereceived: u64,
    /// `"yes"`, `"no"` or `"unknown"`.
    #[serde(rename = "bip125-replaceable")]
    pub bip125_replaceable: String,
    /// Abandoned (sends).
    #[serde(default)]
    pub abandoned: Option<bool>,
}

/// `listsinceblock`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SinceBlock {
    /// Entries of transactions in blocks after the given one, and unconfirmed ones.
    pub transactions: Vec<ListedTransaction>,
    /// Entries removed by a reorganisation since that block.
    #[serde(default)]
    pub removed: Vec<ListedTransaction>,
    /// Pass this to the next call to continue from here.
    pub lastblock: BlockHash,
}
