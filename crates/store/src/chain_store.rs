//! The chain area of the store: the chain watcher's persistence.
//!
//! The watcher follows the node block by block. Each block's effect is one transaction
//! ([`ChainStore::apply_block`]) that only succeeds on top of the stored tip, and a reorg
//! is undone by [`ChainStore::rollback_to`]; so the stored tip, tracked outputs and ledger
//! always agree, whatever crashed when. Balances are sums over the ledger, which is
//! indexed for sums by GAID and for snapshots of an asset as of a height.

use crate::{BlockChanges, BlockRef, OwnerRef, StoreError, TrackedOutput, UnreadableOutput};
use async_trait::async_trait;
use tessera_core::{AccountId, Gaid};

/// Blocks, tracked outputs and the ownership ledger.
#[async_trait]
pub trait ChainStore: Send + Sync {
    /// The highest applied block.
    async fn chain_tip(&self) -> Result<Option<BlockRef>, StoreError>;

    /// The applied block at this height.
    async fn block_at(&self, height: u32) -> Result<Option<BlockRef>, StoreError>;

    /// Applies one block in one transaction: the block, its new outputs, its spends and
    /// its ledger rows. Refused with nothing changed when the block does not extend the
    /// tip (`StoreError::NotNextBlock`; any block is accepted on an empty chain), is stored
    /// already (`Conflict::BlockExists`), adds an output that exists
    /// (`Conflict::OutputExists`), spends an unknown or spent output
    /// (`StoreError::UnknownOutpoint`, `StoreError::OutpointAlreadySpent`), or has rows of
    /// another height or amounts out of range (`StoreError::InconsistentBlock`).
    async fn apply_block(&self, changes: &BlockChanges) -> Result<(), StoreError> {
        self.apply_block_noting(changes, &[]).await
    }

    /// [`Self::apply_block`], also recording the block's outputs the watcher could not read
    /// (their `height` must be the block's), in the same transaction.
    async fn apply_block_noting(
        &self,
        changes: &BlockChanges,
        unreadable: &[UnreadableOutput],
    ) -> Result<(), StoreError>;

    /// Every recorded unreadable output (rolled back with its block), by height, txid and
    /// vout: the lost outputs of the platform.
    async fn unreadable_outputs(&self) -> Result<Vec<UnreadableOutput>, StoreError>;

    /// The holding of `asset_id` by `owner` summed over the ledger (0 if none).
    async fn holding(&self, owner: &OwnerRef, asset_id: &str) -> Result<i64, StoreError>;

    /// Undoes every block above `height` in one transaction: deletes those blocks, their
    /// outputs and ledger rows, and makes outputs they spent unspent again. Returns the
    /// number of blocks removed (0 when `height` is the tip or above).
    async fn rollback_to(&self, height: u32) -> Result<u64, StoreError>;

    /// The unspent tracked outputs of an account, by height, txid and vout.
    async fn unspent_outputs(&self, account: AccountId) -> Result<Vec<TrackedOutput>, StoreError>;

    /// Every unspent tracked outpoint `(txid, vout)` (the watcher's spend filter), by txid
    /// and vout.
    async fn unspent_outpoints(&self) -> Result<Vec<(String, u32)>, StoreError>;

    /// One tracked output, spent or not.
    async fn tracked_output(
        &self,
        txid: &str,
        vout: u32,
    ) -> Result<Option<TrackedOutput>, StoreError>;

    /// The non-zero balances of a GAID summed over the ledger, `(asset id, balance)` by
    /// asset id.
    async fn balances_of_gaid(&self, gaid: &Gaid) -> Result<Vec<(String, i64)>, StoreError>;

    /// The balance of one asset of a GAID summed over the ledger (0 if none).
    async fn balance_of_gaid(&self, gaid: &Gaid, asset_id: &str) -> Result<i64, StoreError>;

    /// Holders of an asset as of the end of block `at_height` (the tip when `None`):
    /// every owner with a non-zero balance, summed from the ownership ledger.
    async fn asset_holdings(
        &self,
        asset_id: &str,
        at_height: Option<u32>,
    ) -> Result<Vec<(crate::OwnerRef, i64)>, StoreError>;

    /// Unspent tracked outputs of an asset, oldest first.
    async fn asset_unspent_outputs(&self, asset_id: &str)
        -> Result<Vec<TrackedOutput>, StoreError>;

    /// Every tracked output of an asset (spent ones included), by height, txid and vout:
    /// the asset's movements among managed accounts and treasury addresses.
    async fn asset_tracked_outputs(&self, asset_id: &str)
        -> Result<Vec<TrackedOutput>, StoreError>;

    /// The applied blocks at these heights (absent heights are left out), by height.
    async fn blocks_at(&self, heights: &[u32]) -> Result<Vec<BlockRef>, StoreError>;

    /// The last stored block with `time <= time`.
    async fn block_at_or_before_time(&self, time: i64) -> Result<Option<BlockRef>, StoreError>;
}
