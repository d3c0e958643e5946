//! The issuer area of the store: issuers, their password hashes and API tokens.
//!
//! Split from the other areas so each trait (and its one implementation in `backend/`)
//! stays readable; callers holding `Arc<dyn Store>` reach these methods through
//! [`Store`](crate::Store), whose supertrait this is.

use crate::StoreError;
use async_trait::async_trait;
use tessera_core::{Issuer, IssuerId, Username};

/// An issuer with its stored password hash, for logging in.
#[derive(Debug, Clone)]
pub struct IssuerCredentials {
    /// The issuer.
    pub issuer: Issuer,
    /// Its password hash (PHC string, argon2).
    pub password_hash: String,
}

/// Issuers and their API tokens. Times are unix seconds passed in by the caller.
#[async_trait]
pub trait IssuerStore: Send + Sync {
    /// Creates an issuer. `Conflict::UsernameTaken` if the username exists.
    async fn create_issuer(
        &self,
        username: &Username,
        password_hash: &str,
        now: i64,
    ) -> Result<Issuer, StoreError>;

    /// The issuer with this username and its password hash.
    async fn issuer_credentials(
        &self,
        username: &Username,
    ) -> Result<Option<IssuerCredentials>, StoreError>;

    /// The issuer with this id.
    async fn issuer(&self, id: IssuerId) -> Result<Option<Issuer>, StoreError>;

    /// Replaces the password hash. `false` if the issuer does not exist.
    async fn set_password_hash(
        &self,
        id: IssuerId,
        password_hash: &str,
    ) -> Result<bool, StoreError>;

    /// Stores a token (by its hash) valid until `expires_at`.
    async fn insert_token(
        &self,
        issuer: IssuerId,
        token_hash: &str,
        expires_at: i64,
    ) -> Result<(), StoreError>;

    /// The issuer of an unexpired token (`expires_at > now`).
    async fn token_issuer(
        &self,
        token_hash: &str,
        now: i64,
    ) -> Result<Option<IssuerId>, StoreError>;

    /// Deletes one token. `false` if it did not exist.
    async fn delete_token(&self, token_hash: &str) -> Result<bool, StoreError>;

    /// Deletes every token of an issuer (after a password change). Returns how many.
    async fn delete_issuer_tokens(&self, issuer: IssuerId) -> Result<u64, StoreError>;
}
