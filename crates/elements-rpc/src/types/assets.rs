//! Issued assets: issuance, reissuance, burn and the AMP payout (`sendmany` with per-output
//! assets).

use elements::{AssetId, Txid};
use serde::{Deserialize, Serialize};

use crate::amount::{self, Sats};
use crate::asset_map::AssetKey;

/// Options of `issueasset`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IssueAssetOptions {
    /// Blind the issuance (node default `true`).
    pub blind: Option<bool>,
    /// Contract hash as 64 hex digits, **in the node's display order**: the node reverses it
    /// on the wire, so pass the reversed digest to put `sha256(contract)` on chain (see the
    /// recorded issuance vectors).
    pub contract_hash: Option<String>,
}

/// `issueasset`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IssuedAsset {
    /// Issuing transaction. It may still be refused by the mempool (an explicit issuance over
    /// 21 M is): check `getmempoolentry` before counting on it.
    pub txid: Txid,
    /// Input carrying the issuance.
    pub vin: u32,
    /// Asset entropy, hex.
    pub entropy: String,
    /// New asset id.
    pub asset: AssetId,
    /// Its reissuance token id.
    pub token: AssetId,
}

/// `reissueasset`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reissued {
    /// Reissuing transaction.
    pub txid: Txid,
    /// Input carrying the reissuance.
    pub vin: u32,
}

/// A `listissuances` entry (issuance or reissuance known to the wallet).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Issuance {
    /// Reissuance entry (then the token fields are absent).
    pub isreissuance: bool,
    /// The asset.
    pub asset: AssetId,
    /// Amount issued or reissued; `None` when the node prints `-1`: a blinded issuance this
    /// wallet received but did not make (it cannot unblind the issuance amounts).
    #[serde(deserialize_with = "amount::token_amount::deserialize")]
    pub assetamount: Option<Sats>,
    /// Asset blinding factor, hex (zeros when explicit).
    pub assetblinds: String,
    /// The reissuance token (issuances only).
    #[serde(default)]
    pub token: Option<AssetId>,
    /// Tokens created; `None` for reissuances, for issuances made with 0 tokens and for
    /// blinded issuances made by another wallet (the node prints `-1`).
    #[serde(default, deserialize_with = "amount::token_amount::deserialize")]
    pub tokenamount: Option<Sats>,
    /// Token blinding factor, hex.
    #[serde(default)]
    pub tokenblinds: Option<String>,
    /// Asset entropy, hex.
    pub entropy: String,
    /// Transaction.
    pub txid: Txid,
    /// Input.
    pub vin: u32,
}

/// One output of an AMP payout (`sendmany` with `output_assets`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recipient {
    /// Receiving address (confidential for a blinded output).
    pub address: String,
    /// Amount of `asset`.
    pub amount: Sats,
    /// The asset; `None` pays the policy asset.
    pub asset: Option<AssetKey>,
}

impl Recipient {
    /// `amount` of `asset` to `address`.
    pub fn new(address: impl Into<String>, amount: Sats, asset: AssetId) -> Self {
        Recipient {
            address: address.into(),
            amount,
            asset: Some(AssetKey::Id(asset)),
        }
    }
}
