//! Distributions, reissuances and burns: the files the `*-request`/`create` endpoints hand
//! out, the bodies `tessera confirm` (and Blockstream's confirm script) post back, and the
//! history records.
//!
//! The files and confirm bodies follow `amp-api.md` §3 to the letter, because the confirm
//! script parses them: amounts meant for Elements RPC are JSON numbers in 8-decimal coin
//! units (exact text, never `f64`), outpoints are exactly `{txid, vout}`, and `base_url`
//! carries a literal `{}` placeholder. The confirm bodies embed raw Elements wallet entries
//! (`gettransaction.details`, `listunspent`, `listissuances`), so they accept unknown fields;
//! the server reads only the fields named here and trusts none of them until it has checked
//! them against the chain.

use serde::{Deserialize, Serialize};
use serde_json::Number;
use std::collections::BTreeMap;
use utoipa::ToSchema;

use crate::asset::Outpoint;

/// The confirm script version this server's files require (`CLIENT_SCRIPT_VERSION` = 2).
pub const MIN_SUPPORTED_CLIENT_SCRIPT_VERSION: u32 = 2;

/// §3.2: what `distributions/create` returns (the `distribute` file).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct DistributionFile {
    /// Always `"distribute"`.
    pub command: String,
    /// Always 2.
    pub min_supported_client_script_version: u32,
    /// `"<scheme>://<host>/api/{}"`.
    pub base_url: String,
    /// The asset.
    pub asset_uuid: String,
    /// Its on-chain id.
    pub asset_id: String,
    /// The distribution.
    pub distribution_uuid: String,
    /// Fresh managed address → amount in coin units (8 decimals).
    #[schema(value_type = BTreeMap<String, f64>)]
    pub map_address_amount: BTreeMap<String, Number>,
    /// Fresh managed address → asset id.
    pub map_address_asset: BTreeMap<String, String>,
}

/// §3.1: what `reissue-request` returns (the `reissue` file).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct ReissueFile {
    /// Always `"reissue"`.
    pub command: String,
    /// Always 2.
    pub min_supported_client_script_version: u32,
    /// `"<scheme>://<host>/api/{}"`.
    pub base_url: String,
    /// The asset.
    pub asset_uuid: String,
    /// Its on-chain id.
    pub asset_id: String,
    /// Amount to reissue in coin units (8 decimals).
    #[schema(value_type = f64)]
    pub amount: Number,
    /// The unspent reissuance-token outputs of the treasury.
    pub reissuance_utxos: Vec<Outpoint>,
}

/// §3.3: what `burn-request` returns (the `burn` file).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct BurnFile {
    /// Always `"burn"`.
    pub command: String,
    /// Always 2.
    pub min_supported_client_script_version: u32,
    /// `"<scheme>://<host>/api/{}"`.
    pub base_url: String,
    /// The asset.
    pub asset_uuid: String,
    /// Its on-chain id.
    pub asset_id: String,
    /// Amount to burn in coin units (8 decimals).
    #[schema(value_type = f64)]
    pub amount: Number,
    /// Unspent treasury outputs of the asset known to the server.
    pub utxos: Vec<Outpoint>,
}

/// `POST assets/{uuid}/reissue-request` body.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReissueRequest {
    /// Base units to create.
    #[serde(deserialize_with = "crate::base_units::base_units")]
    pub amount_to_reissue: u64,
}

/// `POST assets/{uuid}/burn-request` body.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct BurnRequest {
    /// Base units to destroy.
    #[serde(deserialize_with = "crate::base_units::base_units")]
    pub amount: u64,
}

/// One `gettransaction.details[]` entry, as far as the server reads it.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct WalletDetail {
    /// `send`, `receive`, …
    pub category: String,
    /// Coin units; negative for sends.
    #[schema(value_type = f64)]
    pub amount: Number,
    /// Asset id (hex).
    #[serde(default)]
    pub asset: Option<String>,
    /// Output index.
    pub vout: u32,
    /// Value blinding factor (Elements' display order).
    #[serde(default)]
    pub amountblinder: Option<String>,
    /// Asset blinding factor (Elements' display order).
    #[serde(default)]
    pub assetblinder: Option<String>,
    /// The address paid (checked against the output's script on chain).
    #[serde(default)]
    pub address: Option<String>,
}

/// One `listunspent` entry posted as `change_data`, as far as the server reads it.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ChangeEntry {
    /// Transaction id.
    pub txid: String,
    /// Output index.
    pub vout: u32,
    /// Asset id (hex).
    pub asset: String,
    /// Coin units.
    #[schema(value_type = f64)]
    pub amount: Number,
    /// Value blinding factor (Elements' display order).
    #[serde(default)]
    pub amountblinder: Option<String>,
    /// Asset blinding factor (Elements' display order).
    #[serde(default)]
    pub assetblinder: Option<String>,
}

/// `tx_data` of a distribution confirmation.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct DistributionTxData {
    /// `gettransaction(txid).details`.
    #[serde(default)]
    pub details: Vec<WalletDetail>,
    /// The paying transaction.
    pub txid: String,
}

/// §3.5: `POST distributions/{uuid}/confirm` body.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct DistributionConfirm {
    /// The transaction and the wallet's view of it.
    pub tx_data: DistributionTxData,
    /// The treasury's asset change outputs in that transaction.
    #[serde(default)]
    pub change_data: Vec<ChangeEntry>,
}

/// `reissuance_output` of a reissuance confirmation (the `reissueasset` result).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ReissuanceOutput {
    /// The reissuance transaction.
    pub txid: String,
    /// Its input carrying the reissuance.
    pub vin: u32,
}

/// One `listissuances` entry, as far as the server reads it.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct IssuanceEntry {
    /// Transaction.
    pub txid: String,
    /// Input.
    pub vin: u32,
    /// Whether it is a reissuance.
    #[serde(default)]
    pub isreissuance: bool,
    /// Blinding factor of the issued amount (display order; zeros when explicit).
    #[serde(default)]
    pub assetblinds: Option<String>,
}

/// §3.4: `POST reissue-confirm` body.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ReissueConfirm {
    /// `gettransaction(txid).details`.
    pub details: Vec<WalletDetail>,
    /// Where the reissuance is.
    pub reissuance_output: ReissuanceOutput,
    /// `listissuances` entries of that transaction.
    #[serde(default)]
    pub listissuances: Vec<IssuanceEntry>,
}

/// `tx_data` of a burn confirmation.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct BurnTxData {
    /// The burn transaction.
    pub txid: String,
}

/// §3.6: `POST burn-confirm` body.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct BurnConfirm {
    /// The transaction.
    pub tx_data: BurnTxData,
    /// The treasury's asset change outputs in that transaction.
    #[serde(default)]
    pub change_data: Vec<ChangeEntry>,
}

/// §3.7: `POST update-blinders` body.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateBlinders {
    /// Transaction.
    pub txid: String,
    /// Output.
    pub vout: u32,
    /// Asset blinding factor (display order).
    pub asset_blinder: String,
    /// Value blinding factor (display order).
    pub amount_blinder: String,
}

/// What a distribution output paid (AMP's `transactions[].assignments[]`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct DistributionAssignment {
    /// Registered user paid.
    pub registered_user: i64,
    /// Base units.
    pub amount: u64,
    /// Output index in the transaction.
    pub vout: Option<u32>,
}

/// One transaction of a distribution.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct DistributionTransaction {
    /// Transaction id.
    pub txid: String,
    /// `"CONFIRMED"`.
    pub transaction_status: String,
    /// Block height.
    pub included_blockheight: u32,
    /// When the server confirmed it (RFC 3339).
    pub confirmed_datetime: Option<String>,
    /// What it paid.
    pub assignments: Vec<DistributionAssignment>,
}

/// AMP's Distribution.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Distribution {
    /// Its id.
    pub distribution_uuid: String,
    /// `UNCONFIRMED`, `CONFIRMED` or `CANCELLED`.
    pub distribution_status: String,
    /// Paying transactions (empty until confirmed).
    pub transactions: Vec<DistributionTransaction>,
    /// Extension: when it was created (RFC 3339).
    pub created: Option<String>,
    /// Extension: address → amount in coin units it pays, exactly as its file says
    /// (`tessera confirm` checks the file against it before paying).
    #[serde(default)]
    #[schema(value_type = BTreeMap<String, f64>)]
    pub map_address_amount: BTreeMap<String, Number>,
}

/// A confirmed reissuance: an entry of `GET assets/{uuid}/reissuances` and the reply of
/// `reissue-confirm` (requested reissuances are not listed: only what happened is).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Reissuance {
    /// Reissuance transaction.
    pub txid: String,
    /// Its input carrying the reissuance.
    pub vin: u32,
    /// Output receiving the new amount; `null` only when the issuer's wallet reported no
    /// receive entry of the asset (it went to an address outside the wallet).
    pub vout: Option<u32>,
    /// The address of that output, as the wallet reported it and checked against the
    /// output's script; `null` exactly when `vout` is, or for reissuances confirmed before
    /// Tessera recorded addresses.
    pub destination_address: Option<String>,
    /// Base units.
    pub reissuance_amount: u64,
    /// Hash of the block that confirmed it.
    pub confirmed_in_block: String,
    /// Extension: that block's height.
    pub confirmed_height: u32,
    /// When it was requested (RFC 3339).
    pub created: String,
    /// Extension: always `confirmed`.
    pub status: String,
}

/// Extension: an entry of `GET assets/{uuid}/reissuance-requests`, a reissuance requested
/// and not confirmed yet (`tessera confirm reissue` checks its file against these).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct OpenReissuance {
    /// Base units.
    pub reissuance_amount: u64,
    /// When it was requested (RFC 3339).
    pub created: String,
}

/// Reply of `burn-confirm` (and an entry of `GET assets/{uuid}/burns`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Burn {
    /// Burn transaction (`null` while only requested).
    pub txid: Option<String>,
    /// Base units.
    pub amount: u64,
    /// Block height.
    pub confirmed_in_block: Option<u32>,
    /// When it was requested (RFC 3339).
    pub created: Option<String>,
    /// `requested` or `confirmed`.
    pub status: String,
}

/// Reply of `update-blinders`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct BlindersUpdated {
    /// Transaction.
    pub txid: String,
    /// Output.
    pub vout: u32,
    /// Asset blinding factor (display order).
    pub asset_blinder: String,
    /// Value blinding factor (display order).
    pub amount_blinder: String,
}
