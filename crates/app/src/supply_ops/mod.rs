//! Distributions, reissuances and burns: hand out the file, then believe only the chain.
//!
//! The `*-request`/`create` use cases reserve what the issuer asked for and return what
//! the issuer's node must do (addresses and amounts, token or treasury outpoints). The
//! `*-confirm` use cases take the confirm tool's report as a pointer only: the transaction
//! is fetched from the server's own node, must have [`REQUIRED_CONFIRMATIONS`], and must
//! do exactly what was asked (checked by unblinding with our keys, or by recomputing the
//! commitments from the blinders the tool sent) before anything is written (DESIGN.md §5).
//! A refused confirmation changes nothing; the same confirmation twice succeeds twice and
//! changes nothing the second time.

mod blinders;
mod burn;
mod chain;
mod distributions;
mod error;
mod paid;
mod reissue;
mod treasury;
pub mod verify;

/// On-chain ids as the reports carry them (re-exported for the server).
pub use elements::{AssetId, Txid};
pub use error::SupplyOpError;
pub use reissue::ReissuanceLine;

use elements::confidential::{AssetBlindingFactor, ValueBlindingFactor};
use tessera_core::Amount;

/// Confirmations a transaction needs before a confirm endpoint accepts it (DESIGN.md §5
/// decision 4: the tool waits for 2 as well).
pub const REQUIRED_CONFIRMATIONS: u64 = 2;

/// An output of a reported transaction with the asset, amount and blinders the issuer's
/// wallet claims for it (a `details` or `change_data` entry, parsed). Nothing in it is
/// believed until [`verify::opens`] recomputed the output's commitments from it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClaimedOutput {
    /// Output index.
    pub vout: u32,
    /// The asset claimed.
    pub asset: AssetId,
    /// The amount claimed, base units.
    pub amount: Amount,
    /// Asset blinding factor (zero for explicit outputs).
    pub asset_blinder: AssetBlindingFactor,
    /// Value blinding factor (zero for explicit outputs).
    pub amount_blinder: ValueBlindingFactor,
}

/// A distribution confirmation (§3.5), parsed.
#[derive(Debug, Clone)]
pub struct DistributionReport {
    /// The paying transaction.
    pub txid: Txid,
    /// The treasury's change outputs of the asset (`change_data`).
    pub change: Vec<ClaimedOutput>,
}

/// A reissuance confirmation (§3.4), parsed.
#[derive(Debug, Clone)]
pub struct ReissuanceReport {
    /// The reissuance transaction.
    pub txid: Txid,
    /// Its input carrying the reissuance.
    pub vin: u32,
    /// The wallet's receive entries (new asset and token outputs).
    pub received: Vec<ClaimedOutput>,
    /// `listissuances`' `assetblinds` for that input, if sent.
    pub issuance_blinder: Option<ValueBlindingFactor>,
    /// The addresses the receive entries name, `(vout, address)`.
    pub addresses: Vec<(u32, String)>,
}

/// A burn confirmation (§3.6), parsed.
#[derive(Debug, Clone)]
pub struct BurnReport {
    /// The burn transaction.
    pub txid: Txid,
    /// The treasury's change outputs of the asset (`change_data`).
    pub change: Vec<ClaimedOutput>,
}
