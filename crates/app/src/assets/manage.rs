//! Everyday asset settings: lock, registration, authorization endpoint, memo, treasury
//! addresses, category requirements, deletion.

use super::AssetError;
use crate::App;
use tessera_core::{Asset, AssetUuid, AuthorizationEndpoint, CategoryId, IssuerId};
use tessera_store::AssetFlags;

pub use tessera_store::AuthorizationMode;

impl App {
    /// Sets lock / registration / authorization flags.
    pub async fn set_asset_flags(
        &self,
        issuer: IssuerId,
        uuid: AssetUuid,
        flags: AssetFlags,
    ) -> Result<Asset, AssetError> {
        self.store
            .set_asset_flags(issuer, uuid, flags)
            .await?
            .ok_or(AssetError::NotFound(uuid))
    }

    /// Sets (or clears) the issuer authorization endpoint.
    pub async fn set_authorization_endpoint(
        &self,
        issuer: IssuerId,
        uuid: AssetUuid,
        endpoint: Option<&AuthorizationEndpoint>,
        mode: AuthorizationMode,
    ) -> Result<Asset, AssetError> {
        self.store
            .set_authorization_endpoint(issuer, uuid, endpoint, mode)
            .await?
            .ok_or(AssetError::NotFound(uuid))
    }

    /// Deletes an asset record (refused once it has assignments or supply changes).
    pub async fn delete_asset(&self, issuer: IssuerId, uuid: AssetUuid) -> Result<(), AssetError> {
        if self.store.delete_asset(issuer, uuid).await? {
            Ok(())
        } else {
            Err(AssetError::NotFound(uuid))
        }
    }

    /// The asset's memo.
    pub async fn memo(&self, issuer: IssuerId, uuid: AssetUuid) -> Result<String, AssetError> {
        self.store
            .memo(issuer, uuid)
            .await?
            .ok_or(AssetError::NotFound(uuid))
    }

    /// Replaces the asset's memo.
    pub async fn set_memo(
        &self,
        issuer: IssuerId,
        uuid: AssetUuid,
        memo: &str,
    ) -> Result<(), AssetError> {
        if memo.chars().count() > 10_000 {
            return Err(AssetError::Amount(format!(
                "memo is {} characters long; at most 10000 are allowed",
                memo.chars().count()
            )));
        }
        if self.store.set_memo(issuer, uuid, memo).await? {
            Ok(())
        } else {
            Err(AssetError::NotFound(uuid))
        }
    }

    /// The asset's treasury addresses.
    pub async fn treasury_addresses(
        &self,
        issuer: IssuerId,
        uuid: AssetUuid,
    ) -> Result<Vec<String>, AssetError> {
        self.store
            .treasury_addresses(issuer, uuid)
            .await?
            .ok_or(AssetError::NotFound(uuid))
    }

    /// Adds treasury addresses: each must be an address of the server's network and must
    /// not be a managed account's address of this server (its script would then be both an
    /// investor's holding and a redemption target). All are checked before any is added.
    pub async fn add_treasury_addresses(
        &self,
        issuer: IssuerId,
        uuid: AssetUuid,
        addresses: &[String],
    ) -> Result<Vec<String>, AssetError> {
        self.asset(issuer, uuid).await?;
        let mut parsed = Vec::with_capacity(addresses.len());
        for a in addresses {
            let script = self
                .checked_address("treasury address", a)?
                .script_pubkey()
                .to_bytes();
            if self.store.address_by_script(&script).await?.is_some() {
                return Err(AssetError::ManagedTreasuryAddress(a.clone()));
            }
            parsed.push((a.clone(), script));
        }
        self.store
            .add_treasury_addresses(issuer, uuid, &parsed)
            .await?
            .ok_or(AssetError::NotFound(uuid))
    }

    /// Removes treasury addresses.
    pub async fn delete_treasury_addresses(
        &self,
        issuer: IssuerId,
        uuid: AssetUuid,
        addresses: &[String],
    ) -> Result<Vec<String>, AssetError> {
        self.store
            .delete_treasury_addresses(issuer, uuid, addresses)
            .await?
            .ok_or(AssetError::NotFound(uuid))
    }

    /// Makes a category a requirement of the asset (or removes it, `add = false`).
    pub async fn set_requirement(
        &self,
        issuer: IssuerId,
        category: CategoryId,
        uuid: AssetUuid,
        add: bool,
    ) -> Result<(), AssetError> {
        self.asset(issuer, uuid).await?;
        let done = if add {
            self.store.add_requirement(issuer, category, uuid).await?
        } else {
            self.store
                .remove_requirement(issuer, category, uuid)
                .await?
        };
        done.ok_or(AssetError::CategoryNotFound(category))
    }
}
