//! The supply area of the store: reissuances and burns, requested then confirmed.
//!
//! A request is only the issuer's intent; the confirmation is what the server saw on
//! chain, and is idempotent by txid (the confirm tool retries, and a transaction can
//! change the supply only once). Confirming records the activity in the same transaction.
//! All methods are scoped by issuer.

use crate::{Burn, Reissuance, StoreError, SupplyTotals};
use async_trait::async_trait;
use elements::Txid;
use tessera_core::{Amount, AssetUuid, IssuerId};

/// Reissuances and burns of each issuer's assets.
#[async_trait]
pub trait SupplyStore: Send + Sync {
    /// Records a reissuance request.
    async fn request_reissuance(
        &self,
        issuer: IssuerId,
        uuid: AssetUuid,
        amount: Amount,
        now: i64,
    ) -> Result<Option<Reissuance>, StoreError>;

    /// Confirms a reissuance seen on chain: the oldest open request of that amount, or a
    /// new confirmed row without request. The same confirmation again returns it
    /// unchanged; `Conflict::TransactionRecorded` if the txid confirmed something else.
    #[allow(clippy::too_many_arguments)]
    async fn confirm_reissuance(
        &self,
        issuer: IssuerId,
        uuid: AssetUuid,
        txid: &Txid,
        vin: u32,
        amount: Amount,
        height: u32,
        now: i64,
    ) -> Result<Option<Reissuance>, StoreError>;

    /// The asset's reissuances, oldest first.
    async fn reissuances(
        &self,
        issuer: IssuerId,
        uuid: AssetUuid,
    ) -> Result<Option<Vec<Reissuance>>, StoreError>;

    /// Records a burn request.
    async fn request_burn(
        &self,
        issuer: IssuerId,
        uuid: AssetUuid,
        amount: Amount,
        now: i64,
    ) -> Result<Option<Burn>, StoreError>;

    /// Confirms a burn seen on chain, like [`SupplyStore::confirm_reissuance`].
    async fn confirm_burn(
        &self,
        issuer: IssuerId,
        uuid: AssetUuid,
        txid: &Txid,
        amount: Amount,
        height: u32,
        now: i64,
    ) -> Result<Option<Burn>, StoreError>;

    /// The asset's burns, oldest first.
    async fn burns(
        &self,
        issuer: IssuerId,
        uuid: AssetUuid,
    ) -> Result<Option<Vec<Burn>>, StoreError>;

    /// Issued, and confirmed reissued and burned amounts.
    async fn supply_totals(
        &self,
        issuer: IssuerId,
        uuid: AssetUuid,
    ) -> Result<Option<SupplyTotals>, StoreError>;
}
