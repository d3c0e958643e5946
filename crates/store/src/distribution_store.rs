//! The distribution area of the store: batches of assignments paid from the treasury.
//!
//! Creating a distribution reserves its assignments in the same transaction, so an
//! assignment can never be in two distributions even when two servers create at once (the
//! database settles it: one unconfirmed distribution per asset, and an assignment is taken
//! only while still pending). Confirm and cancel follow core's `DistributionState` and are
//! idempotent, since the confirm tool retries. All methods are scoped by issuer.

use crate::{Distribution, NewDistribution, StoreError};
use async_trait::async_trait;
use elements::Txid;
use tessera_core::{AssetUuid, DistributionUuid, IssuerId};

/// Distributions of each issuer's assets.
#[async_trait]
pub trait DistributionStore: Send + Sync {
    /// Creates an unconfirmed distribution and takes its assignments, all or nothing.
    /// `Conflict::DistributionOpen` if the asset has an unconfirmed one;
    /// `Conflict::AssignmentTaken` / `AssignmentUnavailable` naming the first assignment
    /// that is not pending and unlocked in this asset; `Conflict::DistributionExists` if
    /// the uuid is used; `Conflict::AddressExists` if an address repeats. `None` if the
    /// asset is unknown.
    async fn create_distribution(
        &self,
        issuer: IssuerId,
        uuid: AssetUuid,
        distribution: &NewDistribution,
        now: i64,
    ) -> Result<Option<Distribution>, StoreError>;

    /// The asset's distributions in every state, oldest first.
    async fn distributions(
        &self,
        issuer: IssuerId,
        uuid: AssetUuid,
    ) -> Result<Option<Vec<Distribution>>, StoreError>;

    /// One distribution of the asset.
    async fn distribution(
        &self,
        issuer: IssuerId,
        uuid: AssetUuid,
        distribution: DistributionUuid,
    ) -> Result<Option<Distribution>, StoreError>;

    /// Cancels an unconfirmed distribution and makes its assignments pending again, so a
    /// new distribution can take them. Cancelling a cancelled one changes nothing;
    /// `Conflict::DistributionConfirmed` for a confirmed one; `Conflict::DistributionPaid`
    /// when a tracked output already pays one of its addresses exactly its asset and amount
    /// (checked in the same transaction, so a block applied meanwhile is seen).
    async fn cancel_distribution(
        &self,
        issuer: IssuerId,
        uuid: AssetUuid,
        distribution: DistributionUuid,
    ) -> Result<Option<Distribution>, StoreError>;

    /// Marks an unconfirmed distribution confirmed by `txid` at `height`, its outputs'
    /// `vouts` (by address) and its assignments distributed, and records one distribution
    /// activity per output. The same txid again returns it unchanged;
    /// `Conflict::DistributionConfirmed` for another txid, `Conflict::DistributionCancelled`
    /// for a cancelled one.
    #[allow(clippy::too_many_arguments)]
    async fn confirm_distribution(
        &self,
        issuer: IssuerId,
        uuid: AssetUuid,
        distribution: DistributionUuid,
        txid: &Txid,
        height: u32,
        vouts: &[(String, u32)],
        now: i64,
    ) -> Result<Option<Distribution>, StoreError>;
}
