//! Why a distribution, reissuance or burn operation was refused.
//!
//! Each refusal of a confirmation has its own variant (and the server its own machine
//! code), naming the transaction and the value that did not match, so that an operator
//! can tell a slow chain (`NotConfirmed`) from a wrong report (`Mismatch`).

use elements::Txid;
use tessera_core::{Amount, AssetUuid, DistributionUuid, PlanError, SupplyError};
use tessera_store::{Conflict, StoreError};

/// Errors of the supply operations.
#[derive(Debug, thiserror::Error)]
pub enum SupplyOpError {
    /// No such asset for this issuer.
    #[error("asset {0} not found")]
    AssetNotFound(AssetUuid),
    /// No such distribution of this asset.
    #[error("distribution {0} not found")]
    DistributionNotFound(DistributionUuid),
    /// No assignment can be distributed now.
    #[error("nothing to distribute: {0}")]
    NothingToDistribute(PlanError),
    /// A receiver's default GAID is not a managed account of this server.
    #[error("GAID {0} is not a managed account of this server")]
    UnknownAccount(String),
    /// An amount of zero, or out of range.
    #[error("{0}")]
    Amount(String),
    /// The asset has no reissuance token.
    #[error("asset {0} is not reissuable")]
    NotReissuable(AssetUuid),
    /// The treasury outputs needed are not known (or all spent).
    #[error("no unspent {what} of asset {asset} is known to the server")]
    NoTreasuryOutputs {
        /// `reissuance token outputs` or `treasury outputs`.
        what: &'static str,
        /// The asset.
        asset: AssetUuid,
    },
    /// More than the treasury holds.
    #[error(transparent)]
    Supply(#[from] SupplyError),
    /// The server's node does not know the transaction.
    #[error("transaction {0} is not known to the server's node")]
    TransactionNotFound(Txid),
    /// The transaction has fewer confirmations than required.
    #[error("transaction {txid} has {confirmations} confirmations; {required} are required")]
    NotConfirmed {
        /// The transaction.
        txid: Txid,
        /// Confirmations seen.
        confirmations: u64,
        /// Confirmations required.
        required: u64,
    },
    /// The transaction does not do what was asked or reported.
    #[error("transaction {txid} does not match: {reason}")]
    Mismatch {
        /// The transaction.
        txid: Txid,
        /// What did not match, with the values.
        reason: String,
    },
    /// A field of the report cannot be parsed.
    #[error("invalid {field}: {value:?}")]
    InvalidReport {
        /// The field.
        field: &'static str,
        /// The value sent.
        value: String,
    },
    /// The reissued amount has no open request.
    #[error("no open request to {kind} {amount} base units of asset {asset}")]
    NoOpenRequest {
        /// `reissue` or `burn`.
        kind: &'static str,
        /// The amount found on chain.
        amount: Amount,
        /// The asset.
        asset: AssetUuid,
    },
    /// The distribution's state does not allow it.
    #[error("distribution {0}: {1}")]
    State(DistributionUuid, tessera_core::DistributionStateError),
    /// The chain watcher is too far behind the node to tell whether a distribution was paid.
    #[error("the chain watcher is {behind} blocks behind the node: it cannot yet tell whether the distribution was paid; try again when it has caught up")]
    ChainBehind {
        /// Blocks not yet followed.
        behind: u64,
    },
    /// The server runs without an Elements node.
    #[error("this server has no Elements node configured")]
    NoNode,
    /// The node failed.
    #[error("the Elements node failed: {0}")]
    Node(tessera_elements_rpc::Error),
    /// A managed account could not be used.
    #[error(transparent)]
    Account(#[from] crate::AccountError),
    /// The write conflicts with stored data.
    #[error(transparent)]
    Conflict(Conflict),
    /// The store failed.
    #[error(transparent)]
    Store(StoreError),
}

impl From<StoreError> for SupplyOpError {
    fn from(value: StoreError) -> Self {
        match value {
            StoreError::Conflict(c) => Self::Conflict(c),
            other => Self::Store(other),
        }
    }
}

impl From<tessera_elements_rpc::Error> for SupplyOpError {
    fn from(value: tessera_elements_rpc::Error) -> Self {
        Self::Node(value)
    }
}

impl SupplyOpError {
    pub(crate) fn mismatch(txid: Txid, reason: impl Into<String>) -> Self {
        Self::Mismatch {
            txid,
            reason: reason.into(),
        }
    }
}
