//! Why an asset operation failed.

use tessera_core::AssetUuid;
use tessera_store::{Conflict, StoreError};

/// Errors of asset use cases, each naming the offending value.
#[derive(Debug, thiserror::Error)]
pub enum AssetError {
    /// No such asset for this issuer.
    #[error("asset {0} not found")]
    NotFound(AssetUuid),
    /// No such category for this issuer.
    #[error("category {0} not found")]
    CategoryNotFound(tessera_core::CategoryId),
    /// An address of the wrong network or syntax.
    #[error("{field} {address:?} is not a valid address on {network}")]
    Address {
        /// Which field.
        field: &'static str,
        /// The input.
        address: String,
        /// The server's network.
        network: &'static str,
    },
    /// A treasury address that is a managed account's address of this server.
    #[error("treasury address {0:?} is a managed-account address of this server; use an address of the issuer's own wallet")]
    ManagedTreasuryAddress(String),
    /// An amount outside what the operation allows.
    #[error("{0}")]
    Amount(String),
    /// The server runs without an Elements node wallet.
    #[error("this server has no Elements node wallet configured")]
    NoNode,
    /// The node refused or failed.
    #[error("the Elements node refused: {0}")]
    Node(#[from] tessera_elements_rpc::Error),
    /// The node returned a transaction that it did not accept into its mempool.
    #[error("the node returned transaction {0} but did not accept it into its mempool")]
    NotBroadcast(String),
    /// The node wallet built an issuance transaction that cannot be used as is.
    #[error("the issuance transaction could not be built: {0}")]
    IssuanceTx(String),
    /// The write conflicts with stored data.
    #[error(transparent)]
    Conflict(Conflict),
    /// The store failed.
    #[error(transparent)]
    Store(StoreError),
}

impl From<StoreError> for AssetError {
    fn from(value: StoreError) -> Self {
        match value {
            StoreError::Conflict(c) => Self::Conflict(c),
            other => Self::Store(other),
        }
    }
}
