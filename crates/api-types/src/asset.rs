//! Assets (AMP §2.2).

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// An asset as AMP shows it.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, PartialEq, Eq)]
pub struct Asset {
    /// Name.
    pub name: String,
    /// Tessera's id.
    pub asset_uuid: String,
    /// The issuer's id.
    pub issuer: i64,
    /// On-chain id (hex).
    pub asset_id: String,
    /// Reissuance token id, when reissuable.
    pub reissuance_token_id: Option<String>,
    /// Required category ids.
    pub requirements: Vec<i64>,
    /// Ticker.
    pub ticker: Option<String>,
    /// Display precision (0..8).
    pub precision: u8,
    /// Issuer domain.
    pub domain: Option<String>,
    /// Issuer public key of the registry contract.
    pub pubkey: Option<String>,
    /// Published in the registry (`GET /registry/{asset_id}` here).
    pub is_registered: bool,
    /// Authorized for managed accounts.
    pub is_authorized: bool,
    /// All transfers suspended.
    pub is_locked: bool,
    /// Issuer authorization endpoint.
    pub issuer_authorization_endpoint: Option<String>,
    /// `enforce` (the endpoint decides) or `shadow` (logged only) — extension.
    pub issuer_authorization_mode: String,
    /// Transfer-restricted (true) or issuer-tracked (false).
    pub transfer_restricted: bool,
    /// Whether a reissuance token exists.
    pub is_reissuable: bool,
}

/// `POST /api/assets/issue` body.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct IssueAsset {
    /// Name (1 to 255 printable ASCII characters).
    pub name: String,
    /// Amount in base units (any JSON spelling of a whole number).
    #[serde(deserialize_with = "crate::base_units::base_units")]
    pub amount: u64,
    /// Treasury address receiving the asset (confidential or not).
    pub destination_address: String,
    /// Issuer domain.
    pub domain: String,
    /// Ticker (3 to 24 of letters, digits, `.` and `-`).
    pub ticker: String,
    /// Compressed public key, hex (registry contract).
    pub pubkey: String,
    /// Display precision 0..8 (default 0).
    #[serde(default)]
    pub precision: i64,
    /// Blind the issuance (default true).
    #[serde(default = "yes")]
    pub is_confidential: bool,
    /// Create a reissuance token (default false).
    #[serde(default)]
    pub is_reissuable: bool,
    /// Reissuance tokens, base units (default 1 when reissuable).
    #[serde(default, deserialize_with = "crate::base_units::optional_base_units")]
    pub reissuance_amount: Option<u64>,
    /// Address receiving the token (default: the destination address).
    #[serde(default)]
    pub reissuance_address: Option<String>,
    /// Transfer-restricted (default false: issuer-tracked).
    #[serde(default)]
    pub transfer_restricted: bool,
}

fn yes() -> bool {
    true
}

/// `POST /api/assets/issue` answer: the request echoed plus the issuance.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, PartialEq, Eq)]
pub struct Issuance {
    /// Name.
    pub name: String,
    /// Amount issued, base units.
    pub amount: u64,
    /// Treasury address.
    pub destination_address: String,
    /// Domain.
    pub domain: String,
    /// Ticker.
    pub ticker: String,
    /// Public key.
    pub pubkey: String,
    /// Precision.
    pub precision: u8,
    /// Blinded issuance.
    pub is_confidential: bool,
    /// Reissuable.
    pub is_reissuable: bool,
    /// Tokens created.
    pub reissuance_amount: u64,
    /// Token address.
    pub reissuance_address: String,
    /// On-chain asset id.
    pub asset_id: String,
    /// Reissuance token id.
    pub reissuance_token_id: Option<String>,
    /// Tessera's id.
    pub asset_uuid: String,
    /// Issuance transaction.
    pub txid: String,
    /// Input holding the issuance.
    pub vin: u32,
    /// Output of the asset in the issuance transaction.
    pub asset_vout: u32,
    /// Output of the token in the issuance transaction.
    pub reissuance_vout: Option<u32>,
    /// Issuer authorization endpoint.
    pub issuer_authorization_endpoint: Option<String>,
    /// Transfer-restricted.
    pub transfer_restricted: bool,
    /// Value blinder of the issued amount (zeros for an explicit issuance).
    pub issuance_assetblinder: String,
    /// Value blinder of the issued reissuance tokens (zeros when explicit or none).
    pub issuance_tokenblinder: String,
}

/// `PUT /api/assets/{uuid}/edit` body.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EditAsset {
    /// Endpoint URL (`https://…`; `null` or `""` removes it).
    pub issuer_authorization_endpoint: Option<String>,
    /// `enforce` (default) or `shadow` — extension.
    #[serde(default)]
    pub issuer_authorization_mode: Option<String>,
}

/// `GET /api/assets/{uuid}/summary`.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, PartialEq, Eq)]
pub struct AssetSummary {
    /// On-chain id.
    pub asset_id: String,
    /// Token id.
    pub reissuance_token_id: Option<String>,
    /// Issued, base units.
    pub issued: u64,
    /// Reissued, base units.
    pub reissued: u64,
    /// Assigned and not yet distributed.
    pub assigned: u64,
    /// Distributed.
    pub distributed: u64,
    /// Burned.
    pub burned: u64,
    /// Held in locked outputs.
    pub blacklisted: u64,
    /// Registered users with assignments of this asset.
    pub registered_users: u64,
    /// Registered users holding the asset now.
    pub active_registered_users: u64,
    /// Managed accounts holding the asset now.
    pub active_green_subaccounts: u64,
    /// Reissuance tokens created.
    pub reissuance_tokens: u64,
    /// issued + reissued − burned (extension).
    pub circulation: u64,
    /// circulation − assigned − distributed (extension).
    pub treasury_balance: u64,
}

/// A holder (`ownerships`, `balance.confirmed_balance`).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, PartialEq, Eq)]
pub struct Ownership {
    /// Registered user name, `treasury`, or null when unknown.
    pub owner: Option<String>,
    /// Amount, base units.
    pub amount: u64,
    /// The GAID, when a managed account holds it.
    pub GAID: Option<String>,
}

/// An outpoint.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Outpoint {
    /// Transaction id.
    pub txid: String,
    /// Output index.
    pub vout: u32,
}

/// `GET /api/assets/{uuid}/balance`.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, PartialEq, Eq)]
pub struct AssetBalanceReport {
    /// Holders.
    pub confirmed_balance: Vec<Ownership>,
    /// Outputs that can no longer be tracked.
    pub lost_outputs: Vec<Outpoint>,
    /// Reissuance-token outputs that can no longer be tracked.
    pub reissuance_lost_outputs: Vec<Outpoint>,
}

/// `GET /api/assets/{uuid}/lost-outputs`.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, PartialEq, Eq)]
pub struct LostOutputs {
    /// Outputs of the asset.
    pub lost_outputs: Vec<Outpoint>,
    /// Outputs of the token.
    pub reissuance_lost_outputs: Vec<Outpoint>,
}

/// One unspent output of the asset (`GET /api/assets/{uuid}/utxos`).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, PartialEq, Eq)]
pub struct AssetUtxo {
    /// Transaction id.
    pub txid: String,
    /// Output index.
    pub vout: u32,
    /// Amount, base units.
    pub amount: u64,
    /// Holder's GAID (lower-case key, as AMP).
    pub gaid: Option<String>,
    /// Holder's registered user id (`null` for a treasury output or an account of no
    /// registered user).
    pub registered_user: Option<i64>,
    /// The same id under AMP's pre-0.1.7 name, which W and V read.
    pub investor: Option<i64>,
    /// Locked by the issuer.
    pub blacklisted: bool,
    /// The asset id.
    pub asset: String,
}
