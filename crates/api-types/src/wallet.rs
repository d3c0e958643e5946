//! The wallet API (extension): managed accounts register, log in and get addresses here.
//!
//! AMP has no public equivalent (Green speaks WAMP to Blockstream's backend); these paths
//! live under `/api/wallet/` and are used by `tessera wallet`.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// `POST /api/wallet/cosigner-key`: a platform key reserved for a new account.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, PartialEq, Eq)]
pub struct CosignerKey {
    /// Index to send back when registering.
    pub cosigner_index: u32,
    /// The key with its origin: `[fingerprint/87'/coin'/index']xpub…`.
    pub key: String,
    /// Network of the platform: `liquid`, `liquidtestnet` or `elementsregtest`.
    pub network: String,
}

/// `POST /api/wallet/accounts` body.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RegisterAccount {
    /// `ct(slip77(…),elwsh(multi(2,<platform key>/<0;1>/*,<investor key>/<0;1>/*)))`.
    pub descriptor: String,
    /// The index from `cosigner-key`.
    pub cosigner_index: u32,
}

/// A registered managed account.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, PartialEq, Eq)]
pub struct Account {
    /// Its GAID.
    pub gaid: String,
    /// Canonical descriptor.
    pub descriptor: String,
}

/// `POST /api/wallet/challenge` body.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ChallengeRequest {
    /// The account's GAID.
    pub gaid: String,
}

/// A login challenge to sign.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, PartialEq, Eq)]
pub struct ChallengeResponse {
    /// 32 bytes, hex.
    pub challenge: String,
}

/// `POST /api/wallet/login` body.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct WalletLogin {
    /// The account's GAID.
    pub gaid: String,
    /// The challenge received.
    pub challenge: String,
    /// DER signature, hex, by the account's authentication key.
    pub signature: String,
}

/// An address of an account (also AMP's `GET /gaids/{gaid}/address`, which reads `address`).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, PartialEq, Eq)]
pub struct AddressResponse {
    /// Confidential address.
    pub address: String,
    /// Derivation index.
    pub index: u32,
}

/// An unspent output of an account, as the platform reads it.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, PartialEq, Eq)]
pub struct WalletUtxo {
    /// Transaction id.
    pub txid: String,
    /// Output index.
    pub vout: u32,
    /// Asset id.
    pub asset_id: String,
    /// Amount, base units.
    pub amount: u64,
    /// Asset blinder (64 zeros when explicit).
    pub asset_blinder: String,
    /// Amount blinder (64 zeros when explicit).
    pub amount_blinder: String,
    /// Block height.
    pub height: u32,
}

/// A balance of one asset.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, PartialEq, Eq)]
pub struct AssetBalance {
    /// Asset uuid when the asset is managed here.
    pub asset_uuid: Option<String>,
    /// Asset id.
    pub asset_id: String,
    /// Balance, base units.
    pub balance: i64,
}
