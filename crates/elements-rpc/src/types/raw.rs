//! Raw transactions the wallet helps build: create, fund, attach issuances, blind, sign.
//!
//! This is how a wallet issues an asset **to someone else's addresses** in one transaction
//! (`createrawtransaction` → `fundrawtransaction` → `rawissueasset` → `blindrawtransaction`
//! → `signrawtransactionwithwallet` → `sendrawtransaction`): `issueasset` only pays the
//! wallet itself, and a receiver's wallet can reissue only an issuance it saw as its own.

use std::fmt;

use elements::{AssetId, Txid};
use serde::{Deserialize, Serialize, Serializer};
use serde_json::{Map, Value};

use crate::amount::Sats;
use crate::client::param;

/// An input of `createrawtransaction`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawInput {
    /// Transaction holding the output spent.
    pub txid: Txid,
    /// Its index.
    pub vout: u32,
    /// Sequence (node default when `None`).
    pub sequence: Option<u32>,
}

/// An output of `createrawtransaction`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RawOutput {
    /// `{ADDRESS: AMOUNT, "asset": HEX}`: pays `amount` of `asset` (`None`: the policy asset).
    /// A confidential address makes the output blindable by `blindrawtransaction`.
    Pay {
        /// Receiving address.
        address: String,
        /// Amount.
        amount: Sats,
        /// Asset, `None` for L-BTC.
        asset: Option<AssetId>,
    },
    /// `{"data": HEX}`: an OP_RETURN output carrying `HEX`, value 0.
    Data(String),
    /// `{"fee": AMOUNT}`: the explicit fee output (L-BTC).
    Fee(Sats),
}

impl RawOutput {
    /// The JSON object the node expects for this output.
    pub(crate) fn to_json(&self) -> Value {
        let mut object = Map::new();
        match self {
            RawOutput::Pay {
                address,
                amount,
                asset,
            } => {
                object.insert(address.clone(), param(amount));
                if let Some(asset) = asset {
                    object.insert("asset".to_owned(), param(asset));
                }
            }
            RawOutput::Data(hex) => {
                object.insert("data".to_owned(), param(hex));
            }
            RawOutput::Fee(amount) => {
                object.insert("fee".to_owned(), param(amount));
            }
        }
        Value::Object(object)
    }
}

/// A fee rate in thousandths of a satoshi per virtual byte (1 sat/kvB = 1 msat/vB), so the
/// node's rates (`relayfee` 0.00000100 coins/kvB = 100 = 0.1 sat/vB) are exact integers.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FeeRate(u64);

impl FeeRate {
    /// `msat` thousandths of a satoshi per vbyte.
    pub const fn from_msat_per_vb(msat: u64) -> Self {
        FeeRate(msat)
    }

    /// A rate the node prints in coins per kvB (`relayfee`, `estimatesmartfee.feerate`).
    pub const fn from_coins_per_kvb(rate: Sats) -> Self {
        FeeRate(rate.to_sat())
    }

    /// Thousandths of a satoshi per vbyte.
    pub const fn msat_per_vb(self) -> u64 {
        self.0
    }

    /// The fee for `vsize` vbytes at this rate, rounded up (never below what the node asks).
    pub fn fee_for(self, vsize: u64) -> Option<Sats> {
        let msat = self.0.checked_mul(vsize)?;
        Some(Sats::from_sat(msat.div_ceil(1000)))
    }
}

impl fmt::Display for FeeRate {
    /// Satoshis per vbyte with three decimals (`0.100`), the unit of `fee_rate` options.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{:03}", self.0 / 1000, self.0 % 1000)
    }
}

impl Serialize for FeeRate {
    /// As a JSON number written from its decimal text (no float on the way).
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let number: serde_json::Number = self
            .to_string()
            .parse()
            .map_err(serde::ser::Error::custom)?;
        number.serialize(serializer)
    }
}

/// Options of `fundrawtransaction`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FundOptions {
    /// `fee_rate` in sat/vB; the wallet's own estimate when `None`.
    pub fee_rate: Option<FeeRate>,
}

impl FundOptions {
    /// The options object, or `None` when every option is the node's default.
    pub(crate) fn to_json(&self) -> Option<Value> {
        let rate = self.fee_rate?;
        let mut object = Map::new();
        object.insert("fee_rate".to_owned(), param(rate));
        Some(Value::Object(object))
    }
}

/// `fundrawtransaction`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FundedTransaction {
    /// The funded transaction (inputs added, change and fee outputs set), unsigned.
    pub hex: String,
    /// Fee it pays. The wallet sizes it without the range and surjection proofs blinding
    /// adds later, so a transaction blinded afterwards may pay less than the relay minimum.
    pub fee: Sats,
    /// Position of the added change output, -1 when none.
    pub changepos: i64,
}

/// One issuance of `rawissueasset`. The transaction must already have an input for it (fund
/// first) and end with its fee output.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct RawIssuance {
    /// Amount of the new asset.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub asset_amount: Option<Sats>,
    /// Receiver of the asset (required with `asset_amount`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub asset_address: Option<String>,
    /// Reissuance tokens created.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub token_amount: Option<Sats>,
    /// Receiver of the tokens (required with `token_amount`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub token_address: Option<String>,
    /// Mark the issuance for blinding (node default `true`; decides the token id); blind it
    /// with `blindrawtransaction … blind_issuances=true`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub blind: Option<bool>,
    /// Contract hash, 64 hex digits in the node's display order (reversed on the wire).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contract_hash: Option<String>,
}

/// A `rawissueasset` result entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RawIssued {
    /// The transaction with the issuances attached (on the last entry only).
    #[serde(default)]
    pub hex: Option<String>,
    /// Input carrying this issuance.
    pub vin: u32,
    /// Asset entropy, hex.
    pub entropy: String,
    /// The new asset.
    pub asset: AssetId,
    /// Its reissuance token.
    pub token: AssetId,
}

/// `signrawtransactionwithwallet`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignedTransaction {
    /// The transaction with the signatures the wallet could make.
    pub hex: String,
    /// Every input is signed.
    pub complete: bool,
    /// Inputs the wallet could not sign.
    #[serde(default)]
    pub errors: Vec<SigningError>,
}

/// An input `signrawtransactionwithwallet` could not sign.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SigningError {
    /// Transaction of the spent output.
    pub txid: String,
    /// Index of the spent output.
    pub vout: u32,
    /// Why.
    pub error: String,
}

/// `estimatesmartfee`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeeEstimate {
    /// Estimated rate in coins per kvB; absent when the node has no estimate (regtest, and
    /// often Liquid itself).
    #[serde(default)]
    pub feerate: Option<Sats>,
    /// Why there is no estimate.
    #[serde(default)]
    pub errors: Vec<String>,
    /// Blocks the estimate is for.
    pub blocks: u64,
}
