//! Transfers of managed assets (extensions): the wallet's co-signing request, the issuer's
//! described-transfer authorization, the decision log, locked outputs and the key that
//! signs authorization-endpoint requests. (`utxos/blacklist` bodies are `asset::Outpoint`s.)

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// `POST /api/wallet/transfers` body.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SubmitTransfer {
    /// The PSET, base64, signed by the investor.
    pub pset: String,
}

/// The platform's answer to a submitted transfer.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, PartialEq, Eq)]
pub struct TransferResult {
    /// `broadcast` or `refused`.
    pub result: String,
    /// The transaction, once co-signed and broadcast.
    pub txid: Option<String>,
    /// Why it was refused (stable code).
    pub reason_code: Option<String>,
    /// One line for people.
    pub message: String,
}

/// `POST /api/assets/{uuid}/transfers/authorize` body.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AuthorizeTransfer {
    /// Sending GAID.
    pub sender: String,
    /// Receiving GAID or address.
    pub receiver: String,
    /// Base units.
    #[serde(deserialize_with = "crate::base_units::base_units")]
    pub amount: u64,
}

/// The decision about a described transfer.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, PartialEq, Eq)]
pub struct AuthorizeResult {
    /// Allowed.
    pub result: bool,
    /// Why not (stable code).
    pub reason_code: Option<String>,
    /// One line for people.
    pub message: String,
}

/// The authorization endpoint's answer as logged.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, PartialEq, Eq)]
pub struct EndpointAnswerLog {
    /// `enforce` or `shadow`.
    pub mode: String,
    /// `allowed`, `refused` or `unavailable`.
    pub answer: String,
    /// The endpoint's error text, or why it was unavailable.
    pub detail: String,
    /// Milliseconds the call took.
    pub latency_ms: u64,
}

/// One entry of `GET /api/assets/{uuid}/transfers/decisions`.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, PartialEq, Eq)]
pub struct TransferDecision {
    /// Ascending id.
    pub id: u64,
    /// Unix seconds.
    pub created_at: i64,
    /// `cosign` (a wallet's PSET) or `authorize` (a described transfer).
    pub source: String,
    /// The asset.
    pub asset_uuid: String,
    /// Its on-chain id.
    pub asset_id: String,
    /// Sending GAID.
    pub sender: Option<String>,
    /// Receivers: GAIDs, `treasury:<address>`, or `script:<hex>` for others.
    pub receivers: Vec<String>,
    /// Amount leaving the sender, base units.
    pub amount: u64,
    /// Whether the transfer was allowed.
    pub allowed: bool,
    /// Why not.
    pub reason_code: Option<String>,
    /// One line for people.
    pub message: String,
    /// The category rules' verdict (`allowed` or a code); null when a hard check refused.
    pub category_verdict: Option<String>,
    /// The authorization endpoint's answer, if asked.
    pub endpoint: Option<EndpointAnswerLog>,
    /// Shadow mode: the endpoint disagreed with the category verdict.
    pub shadow_disagreement: bool,
    /// The co-signed transaction.
    pub txid: Option<String>,
}

/// `GET /api/authorizer-key`: what signs authorization-endpoint requests.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, PartialEq, Eq)]
pub struct AuthorizerKey {
    /// Compressed public key, hex.
    pub pubkey: String,
    /// Its P2PKH address (for `verifymessage`).
    pub address: String,
    /// How requests are signed.
    pub scheme: String,
}

/// An asset the wallet holds, with what `wallet send` needs to parse amounts.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, PartialEq, Eq)]
pub struct WalletAsset {
    /// Asset id.
    pub asset_id: String,
    /// Asset uuid when managed here.
    pub asset_uuid: Option<String>,
    /// Ticker, when managed here.
    pub ticker: Option<String>,
    /// Decimals (8 for L-BTC and unknown assets).
    pub precision: u8,
    /// Balance in base units.
    pub balance: u64,
    /// Whether this is the policy asset (L-BTC).
    pub is_policy_asset: bool,
}

/// An output the wallet may spend, with what a PSET input needs.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, PartialEq, Eq)]
pub struct SpendableOutput {
    /// Transaction id.
    pub txid: String,
    /// Output index.
    pub vout: u32,
    /// Asset id.
    pub asset_id: String,
    /// Amount, base units.
    pub amount: u64,
    /// Asset blinder, hex.
    pub asset_blinder: String,
    /// Amount blinder, hex.
    pub amount_blinder: String,
    /// `external` or `internal` (change).
    pub chain: String,
    /// Address index.
    pub index: u32,
    /// The output as on chain, consensus-serialized hex.
    pub txout: String,
}
