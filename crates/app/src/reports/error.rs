//! Why a report or a record could not be made.

use crate::assets::AssetError;
use tessera_core::{AmountError, DividendError, RegisteredUserId};
use tessera_store::StoreError;

/// Errors of the report use cases, each naming the offending value.
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    /// The asset is unknown (or another issuer's), or its data is inconsistent.
    #[error(transparent)]
    Asset(#[from] AssetError),
    /// No such registered user for this issuer.
    #[error("registered user {0} not found")]
    UserNotFound(RegisteredUserId),
    /// No such dividend of the asset.
    #[error("dividend {0} not found")]
    DividendNotFound(i64),
    /// No such payment record of the asset.
    #[error("payment {0} not found")]
    PaymentNotFound(i64),
    /// A height the chain watcher has not reached.
    #[error("block height {height} is above the followed tip ({tip:?})")]
    HeightAboveTip {
        /// The height asked for.
        height: u32,
        /// The followed tip, if any block was followed.
        tip: Option<u32>,
    },
    /// A time before the first followed block.
    #[error("no followed block at or before time {0}")]
    NoBlockAtTime(i64),
    /// The dividend cannot be split.
    #[error(transparent)]
    Dividend(#[from] DividendError),
    /// Sums left the money range.
    #[error("amounts out of range: {0}")]
    Amount(#[from] AmountError),
    /// An e-mail address that does not parse.
    #[error("{0:?} is not an e-mail address")]
    InvalidEmail(String),
    /// Notice days outside 0 to 365.
    #[error("notice_days {0} is outside 0 to 365")]
    NoticeDays(u32),
    /// A text field empty or too long.
    #[error("{field} must have 1 to {max} characters, not {len}")]
    TextLength {
        /// The field.
        field: &'static str,
        /// Its length in characters.
        len: usize,
        /// The largest length allowed.
        max: usize,
    },
    /// The ledger contradicts itself (a negative balance).
    #[error("the ownership ledger of asset {asset_id} gives {owner} a balance of {balance}")]
    Ledger {
        /// The asset.
        asset_id: String,
        /// The owner concerned.
        owner: String,
        /// The balance found.
        balance: i64,
    },
    /// The store failed.
    #[error("store: {0}")]
    Store(#[from] StoreError),
}

/// Checks that `text` has 1 to `max` characters.
pub(crate) fn check_len(field: &'static str, text: &str, max: usize) -> Result<(), ReportError> {
    let len = text.chars().count();
    if len == 0 || len > max {
        return Err(ReportError::TextLength { field, len, max });
    }
    Ok(())
}
