//! Replies of node-level (non-wallet) calls: network, chain, blocks, mempool, UTXO set.
//!
//! Fields are the ones Tessera reads; the node prints more, and unknown fields are ignored so a
//! newer node does not break decoding. Elements-only header fields whose shape varies by
//! block (`signblock_witness_hex` is a list, or a string in the genesis block;
//! `dynamic_parameters`) are left out rather than guessed.

use elements::{BlockHash, TxMerkleNode, Txid, Wtxid};
use serde::{Deserialize, Serialize};

use crate::amount::Sats;
use crate::types::tx::ScriptPubKey;

/// `getnetworkinfo`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NetworkInfo {
    /// Numeric node version, e.g. `230303` for 23.3.3.
    pub version: u64,
    /// User agent, e.g. `/Elements Core:23.3.3/`.
    pub subversion: String,
    /// P2P protocol version.
    pub protocolversion: u64,
    /// Peer connections.
    pub connections: u64,
    /// Whether P2P networking is on.
    pub networkactive: bool,
    /// Minimum relay fee rate, in coins per kvB.
    pub relayfee: Sats,
    /// Incremental relay fee rate, in coins per kvB.
    pub incrementalfee: Sats,
    /// Node warnings (empty when none).
    pub warnings: String,
}

impl NetworkInfo {
    /// `true` for an Elements node (not bitcoind), as the AMP confirm tool checks.
    pub fn is_elements(&self) -> bool {
        self.subversion.contains("Elements Core")
    }
}

/// `getblockchaininfo`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BlockchainInfo {
    /// Chain name: `liquidv1`, `liquidtestnet`, `elementsregtest`, …
    pub chain: String,
    /// Height of the best validated block.
    pub blocks: u64,
    /// Height of the best known header.
    pub headers: u64,
    /// Hash of the best validated block.
    pub bestblockhash: BlockHash,
    /// Best block time (UNIX seconds).
    pub time: u64,
    /// Median time past of the best block.
    pub mediantime: u64,
    /// Sync progress estimate, 0..=1 (not money, so a float).
    pub verificationprogress: f64,
    /// Initial block download still running.
    pub initialblockdownload: bool,
    /// Bytes on disk.
    pub size_on_disk: u64,
    /// Pruned node.
    pub pruned: bool,
    /// Node warnings.
    pub warnings: String,
}

/// `getblockheader` (verbose).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BlockHeaderInfo {
    /// Block hash.
    pub hash: BlockHash,
    /// Confirmations; -1 when the block is not on the best chain.
    pub confirmations: i64,
    /// Height.
    pub height: u64,
    /// Header version.
    pub version: i64,
    /// Merkle root of the transactions.
    pub merkleroot: TxMerkleNode,
    /// Block time (UNIX seconds).
    pub time: u64,
    /// Median time past.
    pub mediantime: u64,
    /// Number of transactions.
    #[serde(rename = "nTx")]
    pub n_tx: u64,
    /// Previous block (absent for genesis).
    #[serde(default)]
    pub previousblockhash: Option<BlockHash>,
    /// Next block on the best chain (absent at the tip).
    #[serde(default)]
    pub nextblockhash: Option<BlockHash>,
}

/// `getblock` with verbosity 1 (`Block<Txid>`, see [`BlockInfo`]) or 2 (`Block<RawTransaction>`,
/// see [`BlockVerbose`]): the header fields plus sizes and the transactions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Block<T> {
    /// Block hash.
    pub hash: BlockHash,
    /// Confirmations; -1 when the block is not on the best chain.
    pub confirmations: i64,
    /// Height.
    pub height: u64,
    /// Header version.
    pub version: i64,
    /// Merkle root of the transactions.
    pub merkleroot: TxMerkleNode,
    /// Block time (UNIX seconds).
    pub time: u64,
    /// Median time past.
    pub mediantime: u64,
    /// Number of transactions.
    #[serde(rename = "nTx")]
    pub n_tx: u64,
    /// Previous block (absent for genesis).
    #[serde(default)]
    pub previousblockhash: Option<BlockHash>,
    /// Next block on the best chain (absent at the tip).
    #[serde(default)]
    pub nextblockhash: Option<BlockHash>,
    /// Size without witness data, bytes.
    pub strippedsize: u64,
    /// Size, bytes.
    pub size: u64,
    /// Weight units.
    pub weight: u64,
    /// The transactions: txids (verbosity 1) or decoded transactions (verbosity 2).
    pub tx: Vec<T>,
}

/// `getblock HASH 1`.
pub type BlockInfo = Block<Txid>;

/// `getblock HASH 2`.
pub type BlockVerbose = Block<crate::types::tx::RawTransaction>;

/// `getmempoolentry`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MempoolEntry {
    /// Virtual size, vB.
    pub vsize: u64,
    /// Weight units.
    pub weight: u64,
    /// Time it entered the mempool (UNIX seconds).
    pub time: u64,
    /// Chain height when it entered.
    pub height: u64,
    /// In-mempool descendants, itself included.
    pub descendantcount: u64,
    /// Their total vsize.
    pub descendantsize: u64,
    /// In-mempool ancestors, itself included.
    pub ancestorcount: u64,
    /// Their total vsize.
    pub ancestorsize: u64,
    /// Witness txid.
    pub wtxid: Wtxid,
    /// Fees, in the policy asset.
    pub fees: MempoolFees,
    /// Unconfirmed parents.
    #[serde(default)]
    pub depends: Vec<Txid>,
    /// Unconfirmed children.
    #[serde(default)]
    pub spentby: Vec<Txid>,
    /// Signals BIP125 replaceability.
    #[serde(rename = "bip125-replaceable")]
    pub bip125_replaceable: bool,
    /// Not yet announced to peers.
    #[serde(default)]
    pub unbroadcast: bool,
}

/// `getmempoolentry.fees`: bare amounts of the policy asset.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct MempoolFees {
    /// The transaction's own fee.
    pub base: Sats,
    /// Fee with prioritisation deltas.
    pub modified: Sats,
    /// Fees of it and its in-mempool ancestors.
    pub ancestor: Sats,
    /// Fees of it and its in-mempool descendants.
    pub descendant: Sats,
}

/// `gettxout` for an unspent output (the call returns `null` when it is spent or unknown).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TxOutInfo {
    /// Best block when answered.
    pub bestblock: BlockHash,
    /// Confirmations (0 in the mempool).
    pub confirmations: u64,
    /// Explicit value (absent when blinded).
    #[serde(default)]
    pub value: Option<Sats>,
    /// Explicit asset (absent when blinded).
    #[serde(default)]
    pub asset: Option<elements::AssetId>,
    /// Value commitment, hex (blinded outputs).
    #[serde(default)]
    pub valuecommitment: Option<String>,
    /// Asset commitment, hex (blinded outputs).
    #[serde(default)]
    pub assetcommitment: Option<String>,
    /// Nonce commitment, hex (empty for explicit outputs).
    #[serde(default)]
    pub commitmentnonce: String,
    /// The output script.
    #[serde(rename = "scriptPubKey")]
    pub script_pub_key: ScriptPubKey,
    /// Coinbase output.
    pub coinbase: bool,
}
