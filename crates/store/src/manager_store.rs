//! The manager area of the store: manager logins, their granted assets and API tokens.
//!
//! Kept apart from [`IssuerStore`](crate::IssuerStore) because a manager is issuer-scoped
//! data (another issuer's manager id behaves as unknown) while its login and tokens are
//! global, like an issuer's. Usernames are one namespace across issuers and managers.
//! The audit log of what managers changed in data shared by all of the issuer's assets
//! lives here too (`0010_audit_log.sql`): it exists because of managers.

use crate::StoreError;
use async_trait::async_trait;
use tessera_core::{AssetUuid, IssuerId, Manager, ManagerId, Username};

/// A manager with its stored password hash, for logging in.
#[derive(Debug, Clone)]
pub struct ManagerCredentials {
    /// The manager.
    pub manager: Manager,
    /// Its password hash (PHC string, argon2).
    pub password_hash: String,
}

/// One change a manager made to shared data, to append to the audit log.
#[derive(Debug, Clone, PartialEq)]
pub struct NewAuditEntry {
    /// The issuer whose data changed.
    pub issuer: IssuerId,
    /// The manager who changed it.
    pub manager: ManagerId,
    /// Its username at the time (kept, so the entry reads alone).
    pub manager_username: String,
    /// What was done, e.g. `registered_user.set_default_gaid`.
    pub action: String,
    /// What it was done to, e.g. `registered_user:4`.
    pub subject: String,
    /// The record before (`None` when it was created).
    pub before: Option<serde_json::Value>,
    /// The record after.
    pub after: Option<serde_json::Value>,
}

/// A recorded audit entry.
#[derive(Debug, Clone, PartialEq)]
pub struct AuditEntry {
    /// Ascending id.
    pub id: i64,
    /// Unix seconds.
    pub created_at: i64,
    /// The entry as recorded.
    pub entry: NewAuditEntry,
}

/// Managers, their assets and tokens. Times are unix seconds passed in by the caller.
#[async_trait]
pub trait ManagerStore: Send + Sync {
    /// Creates a locked manager of `issuer`. `Conflict::UsernameTaken` if an issuer or a
    /// manager already has the username.
    async fn create_manager(
        &self,
        issuer: IssuerId,
        username: &Username,
        password_hash: &str,
        now: i64,
    ) -> Result<Manager, StoreError>;

    /// The issuer's managers, by id.
    async fn managers(&self, issuer: IssuerId) -> Result<Vec<Manager>, StoreError>;

    /// One manager of the issuer.
    async fn manager(&self, issuer: IssuerId, id: ManagerId)
        -> Result<Option<Manager>, StoreError>;

    /// The manager with this username (any issuer) and its password hash.
    async fn manager_credentials(
        &self,
        username: &Username,
    ) -> Result<Option<ManagerCredentials>, StoreError>;

    /// Locks or unlocks a manager. `false` if the issuer has no such manager.
    async fn set_manager_locked(
        &self,
        issuer: IssuerId,
        id: ManagerId,
        locked: bool,
    ) -> Result<bool, StoreError>;

    /// Replaces a manager's password hash. `false` if the issuer has no such manager.
    async fn set_manager_password_hash(
        &self,
        issuer: IssuerId,
        id: ManagerId,
        password_hash: &str,
    ) -> Result<bool, StoreError>;

    /// Grants an asset of the issuer to its manager. `false` if nothing was added: the
    /// manager or the asset is unknown (for this issuer) or the grant exists already.
    async fn grant_manager_asset(
        &self,
        issuer: IssuerId,
        id: ManagerId,
        asset: AssetUuid,
    ) -> Result<bool, StoreError>;

    /// Revokes a grant. `false` if there was none.
    async fn revoke_manager_asset(
        &self,
        issuer: IssuerId,
        id: ManagerId,
        asset: AssetUuid,
    ) -> Result<bool, StoreError>;

    /// Stores a manager token (by its hash) valid until `expires_at`.
    async fn insert_manager_token(
        &self,
        manager: ManagerId,
        token_hash: &str,
        expires_at: i64,
    ) -> Result<(), StoreError>;

    /// The manager of an unexpired token (`expires_at > now`), only while unlocked.
    async fn token_manager(
        &self,
        token_hash: &str,
        now: i64,
    ) -> Result<Option<Manager>, StoreError>;

    /// Deletes one manager token. `false` if it did not exist.
    async fn delete_manager_token(&self, token_hash: &str) -> Result<bool, StoreError>;

    /// Deletes every token of a manager. Returns how many.
    async fn delete_manager_tokens(&self, manager: ManagerId) -> Result<u64, StoreError>;

    /// Appends an entry to the issuer's audit log.
    async fn record_audit(&self, entry: &NewAuditEntry, now: i64)
        -> Result<AuditEntry, StoreError>;

    /// Up to `count` entries of the issuer's audit log, oldest first, skipping the first
    /// `start`.
    async fn audit_log(
        &self,
        issuer: IssuerId,
        start: u64,
        count: u32,
    ) -> Result<Vec<AuditEntry>, StoreError>;
}
