//! The asset area of the store: asset records and what hangs on them (requirements,
//! memo, treasury addresses, locked outputs, activity history).
//!
//! Every method taking an issuer is scoped by it: another issuer's asset behaves exactly
//! like an unknown one (`None` / `false`). The few unscoped methods serve the chain side
//! (watcher and co-signer), which meets assets by their on-chain id.

use crate::{Activity, AssetFlags, AuthorizationMode, NewActivity, StoreError};
use async_trait::async_trait;
use elements::{AssetId, Txid};
use tessera_core::{Amount, Asset, AssetUuid, AuthorizationEndpoint, CategoryId, IssuerId};

/// Assets of each issuer.
#[async_trait]
pub trait AssetStore: Send + Sync {
    /// Records an issued asset (owned by `issuer`, whatever `asset.issuer` says) with its
    /// issued amount, and its issuance activity. `asset.requirements` is ignored (see
    /// [`AssetStore::add_requirement`]). `Conflict::AssetExists` if its uuid or asset id is
    /// recorded already.
    async fn create_asset(
        &self,
        issuer: IssuerId,
        asset: &Asset,
        issued_amount: Amount,
        now: i64,
    ) -> Result<Asset, StoreError>;

    /// One asset of this issuer, with its requirements (ascending).
    async fn asset(&self, issuer: IssuerId, uuid: AssetUuid) -> Result<Option<Asset>, StoreError>;

    /// The asset with this on-chain id, whoever issued it (for the chain side).
    async fn asset_by_asset_id(&self, asset_id: &AssetId) -> Result<Option<Asset>, StoreError>;

    /// All assets of an issuer, oldest first.
    async fn assets(&self, issuer: IssuerId) -> Result<Vec<Asset>, StoreError>;

    /// Changes flags; the asset afterwards.
    async fn set_asset_flags(
        &self,
        issuer: IssuerId,
        uuid: AssetUuid,
        flags: AssetFlags,
    ) -> Result<Option<Asset>, StoreError>;

    /// Sets (or with `None` removes) the authorization endpoint and its mode.
    async fn set_authorization_endpoint(
        &self,
        issuer: IssuerId,
        uuid: AssetUuid,
        endpoint: Option<&AuthorizationEndpoint>,
        mode: AuthorizationMode,
    ) -> Result<Option<Asset>, StoreError>;

    /// The mode of the asset's authorization endpoint.
    async fn authorization_mode(
        &self,
        issuer: IssuerId,
        uuid: AssetUuid,
    ) -> Result<Option<AuthorizationMode>, StoreError>;

    /// Deletes an asset with its requirements, treasury addresses, locked outputs and
    /// history. `Conflict::AssetInUse` if it has any assignment, distribution, reissuance
    /// or burn; `false` if unknown.
    async fn delete_asset(&self, issuer: IssuerId, uuid: AssetUuid) -> Result<bool, StoreError>;

    /// The asset's memo (empty until set).
    async fn memo(&self, issuer: IssuerId, uuid: AssetUuid) -> Result<Option<String>, StoreError>;

    /// Replaces the memo. `false` if the asset is unknown.
    async fn set_memo(
        &self,
        issuer: IssuerId,
        uuid: AssetUuid,
        memo: &str,
    ) -> Result<bool, StoreError>;

    /// Makes a category a requirement of the asset (idempotent). `None` if either is
    /// unknown to this issuer.
    async fn add_requirement(
        &self,
        issuer: IssuerId,
        category: CategoryId,
        uuid: AssetUuid,
    ) -> Result<Option<()>, StoreError>;

    /// Drops a requirement (idempotent). `None` if either is unknown to this issuer.
    async fn remove_requirement(
        &self,
        issuer: IssuerId,
        category: CategoryId,
        uuid: AssetUuid,
    ) -> Result<Option<()>, StoreError>;

    // ---- treasury addresses ----

    /// The asset's treasury addresses (ascending).
    async fn treasury_addresses(
        &self,
        issuer: IssuerId,
        uuid: AssetUuid,
    ) -> Result<Option<Vec<String>>, StoreError>;

    /// Adds `(address, script_pubkey)` pairs (idempotent); the addresses afterwards.
    async fn add_treasury_addresses(
        &self,
        issuer: IssuerId,
        uuid: AssetUuid,
        addresses: &[(String, Vec<u8>)],
    ) -> Result<Option<Vec<String>>, StoreError>;

    /// Removes addresses (unknown ones are ignored); the addresses afterwards.
    async fn delete_treasury_addresses(
        &self,
        issuer: IssuerId,
        uuid: AssetUuid,
        addresses: &[String],
    ) -> Result<Option<Vec<String>>, StoreError>;

    /// Every treasury address of every asset with its script (for the chain watcher).
    async fn all_treasury_scripts(&self) -> Result<Vec<(AssetUuid, String, Vec<u8>)>, StoreError>;

    // ---- locked outputs (blacklist) ----

    /// Locks outputs of the asset (idempotent); the locked outputs afterwards.
    async fn lock_outputs(
        &self,
        issuer: IssuerId,
        uuid: AssetUuid,
        outputs: &[(Txid, u32)],
    ) -> Result<Option<Vec<(Txid, u32)>>, StoreError>;

    /// Unlocks outputs (idempotent); the locked outputs afterwards.
    async fn unlock_outputs(
        &self,
        issuer: IssuerId,
        uuid: AssetUuid,
        outputs: &[(Txid, u32)],
    ) -> Result<Option<Vec<(Txid, u32)>>, StoreError>;

    /// The asset's locked outputs, by txid then vout.
    async fn locked_outputs(
        &self,
        issuer: IssuerId,
        uuid: AssetUuid,
    ) -> Result<Option<Vec<(Txid, u32)>>, StoreError>;

    /// Whether the co-signer must refuse to spend this output of the asset.
    async fn is_output_locked(
        &self,
        asset: AssetUuid,
        txid: &Txid,
        vout: u32,
    ) -> Result<bool, StoreError>;

    // ---- activities ----

    /// Records an activity of the asset; `None` if the asset is unknown.
    async fn add_activity(
        &self,
        issuer: IssuerId,
        uuid: AssetUuid,
        activity: &NewActivity,
        now: i64,
    ) -> Result<Option<Activity>, StoreError>;

    /// A page of the asset's history: `count` entries after skipping `start`, oldest first
    /// if `ascending`, else newest first.
    async fn activities(
        &self,
        issuer: IssuerId,
        uuid: AssetUuid,
        start: u64,
        count: u64,
        ascending: bool,
    ) -> Result<Option<Vec<Activity>>, StoreError>;
}
