//! Assets of an issuer: issuance through the server's node, and the records around it.
//!
//! The chain is the authority (DESIGN.md §5): an issuance counts once the node has taken
//! the transaction into its mempool or a block.

mod error;
mod history;
mod history_build;
mod history_node;
mod issuance_tx;
mod issue;
mod manage;
mod reports;

pub use error::AssetError;
pub use history::{
    ActivityLine, AssetTx, HistoryPage, SortColumn, TxInputLine, TxKind, TxOutputLine,
    UNKNOWN_BLINDER,
};
pub use issue::{IssueRequest, Issued};
pub use manage::AuthorizationMode;
pub use reports::{AssetReport, HolderLine};

use crate::App;
use tessera_core::{Asset, AssetUuid, IssuerId};

impl App {
    /// One asset of the issuer.
    pub async fn asset(&self, issuer: IssuerId, uuid: AssetUuid) -> Result<Asset, AssetError> {
        self.store
            .asset(issuer, uuid)
            .await?
            .ok_or(AssetError::NotFound(uuid))
    }

    /// All assets of the issuer.
    pub async fn assets(&self, issuer: IssuerId) -> Result<Vec<Asset>, AssetError> {
        Ok(self.store.assets(issuer).await?)
    }
}
