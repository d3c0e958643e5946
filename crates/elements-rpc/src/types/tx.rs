//! Decoded transactions: `getrawtransaction TXID true`, `decoderawtransaction`, the
//! transactions of `getblock HASH 2`, and `gettransaction`'s `decoded`.
//!
//! Confidential outputs carry commitments instead of `value`/`asset`, so both are optional;
//! unblinding needs the wallet (`gettransaction`, `listunspent`) or the blinding key. Ids and
//! blinders are printed byte-reversed relative to the wire, like txids; hex fields are kept as
//! the node prints them.

use elements::{AssetId, BlockHash, Txid, Wtxid};
use serde::{Deserialize, Serialize};

use crate::amount::Sats;
use crate::asset_map::AssetAmounts;

/// A decoded transaction.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RawTransaction {
    /// Transaction id.
    pub txid: Txid,
    /// Witness transaction id.
    pub hash: Wtxid,
    /// Version.
    pub version: u32,
    /// Size, bytes.
    pub size: u64,
    /// Virtual size, vB.
    pub vsize: u64,
    /// Weight units.
    pub weight: u64,
    /// Lock time.
    pub locktime: u32,
    /// Inputs.
    pub vin: Vec<TxIn>,
    /// Outputs.
    pub vout: Vec<TxOut>,
    /// Explicit fee outputs, keyed by asset **hex id** even for L-BTC (`{}` for a coinbase).
    #[serde(default)]
    pub fee: AssetAmounts,
    /// The serialized transaction (absent from `decoderawtransaction` and `decoded`).
    #[serde(default)]
    pub hex: Option<String>,
    /// Containing block (`getrawtransaction` of a confirmed transaction).
    #[serde(default)]
    pub blockhash: Option<BlockHash>,
    /// Confirmations (`getrawtransaction` of a confirmed transaction).
    #[serde(default)]
    pub confirmations: Option<u64>,
    /// Block time (`getrawtransaction` of a confirmed transaction).
    #[serde(default)]
    pub blocktime: Option<u64>,
}

/// A transaction input.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TxIn {
    /// Coinbase data, hex (coinbase inputs only; they have no `txid`).
    #[serde(default)]
    pub coinbase: Option<String>,
    /// Spent transaction.
    #[serde(default)]
    pub txid: Option<Txid>,
    /// Spent output index.
    #[serde(default)]
    pub vout: Option<u32>,
    /// Peg-in input.
    #[serde(default)]
    pub is_pegin: bool,
    /// Sequence number.
    pub sequence: u32,
    /// Witness stack, hex items.
    #[serde(default)]
    pub txinwitness: Vec<String>,
    /// An issuance or reissuance carried by this input.
    #[serde(default)]
    pub issuance: Option<TxInIssuance>,
}

/// The issuance part of an input.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TxInIssuance {
    /// All zeros for a new issuance; the token's blinding factor for a reissuance.
    #[serde(rename = "assetBlindingNonce")]
    pub asset_blinding_nonce: String,
    /// Entropy: for a new issuance the derived asset entropy (not the contract hash).
    #[serde(rename = "assetEntropy")]
    pub asset_entropy: String,
    /// Reissuance of an existing asset.
    pub isreissuance: bool,
    /// The asset.
    pub asset: AssetId,
    /// The reissuance token (new issuances only).
    #[serde(default)]
    pub token: Option<AssetId>,
    /// Explicit issued amount (absent when blinded).
    #[serde(default)]
    pub assetamount: Option<Sats>,
    /// Blinded issued amount, hex.
    #[serde(default)]
    pub assetamountcommitment: Option<String>,
    /// Explicit token amount (absent when blinded).
    #[serde(default)]
    pub tokenamount: Option<Sats>,
    /// Blinded token amount, hex.
    #[serde(default)]
    pub tokenamountcommitment: Option<String>,
}

/// A transaction output.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TxOut {
    /// Output index.
    pub n: u32,
    /// Explicit value (absent when blinded).
    #[serde(default)]
    pub value: Option<Sats>,
    /// Explicit asset (absent when blinded).
    #[serde(default)]
    pub asset: Option<AssetId>,
    /// Value commitment, hex (blinded outputs).
    #[serde(default)]
    pub valuecommitment: Option<String>,
    /// Asset commitment, hex (blinded outputs).
    #[serde(default)]
    pub assetcommitment: Option<String>,
    /// Nonce commitment (the ECDH public key), hex; empty for explicit outputs.
    #[serde(default)]
    pub commitmentnonce: String,
    /// Smallest value the range proof allows (blinded outputs).
    #[serde(default, rename = "value-minimum")]
    pub value_minimum: Option<Sats>,
    /// Largest value the range proof allows (blinded outputs).
    #[serde(default, rename = "value-maximum")]
    pub value_maximum: Option<Sats>,
    /// Surjection proof, hex (blinded outputs).
    #[serde(default)]
    pub surjectionproof: Option<String>,
    /// The output script; type `"fee"` with an empty script for the fee output.
    #[serde(rename = "scriptPubKey")]
    pub script_pub_key: ScriptPubKey,
}

impl TxOut {
    /// `true` for the explicit fee output.
    pub fn is_fee(&self) -> bool {
        self.script_pub_key.kind == "fee"
    }
}

/// An output script as the node describes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScriptPubKey {
    /// Disassembly.
    pub asm: String,
    /// The script, hex.
    pub hex: String,
    /// Output descriptor.
    #[serde(default)]
    pub desc: Option<String>,
    /// The (unconfidential) address, for standard scripts.
    #[serde(default)]
    pub address: Option<String>,
    /// Script type: `witness_v0_keyhash`, `nulldata`, `fee`, `true`, …
    #[serde(rename = "type")]
    pub kind: String,
}
