//! Persistence for Tessera: one [`Store`] trait speaking domain types, two implementations.
//!
//! SQLite is the embedded default (a file in the data directory); PostgreSQL is the
//! production store, shared by several server instances. Both run the same contract test
//! suite (`tests/contract/`; the PostgreSQL half runs when `TEST_DATABASE_URL` is set, e.g.
//! `postgres://postgres@127.0.0.1:5432/postgres`, with a fresh database per test). The
//! method bodies are written once (`backend/`) and instantiated per backend; each backend
//! has its own migrations (`migrations/sqlite`, `migrations/postgres`).
//!
//! Every method is scoped by issuer where the data belongs to one: another issuer's ids
//! behave exactly like unknown ids (`None` / `false`), so the API answers 404 and never
//! leaks their existence.

mod backend;
mod conflict;
mod error;
mod open;
mod postgres;
mod rows;
mod sql;
mod sqlite;

pub use error::{Conflict, StoreError};
pub use open::{open, StoreConfig, SQLITE_FILE_NAME};
pub use postgres::PgStore;
pub use sqlite::{SqliteStore, BUSY_TIMEOUT};

use async_trait::async_trait;
use tessera_core::{
    Category, CategoryDescription, CategoryId, Gaid, Issuer, IssuerId, Name, NewCategory,
    NewRegisteredUser, RegisteredUser, RegisteredUserId, Username,
};

/// An issuer with its stored password hash, for logging in.
#[derive(Debug, Clone)]
pub struct IssuerCredentials {
    /// The issuer.
    pub issuer: Issuer,
    /// Its password hash (PHC string, argon2).
    pub password_hash: String,
}

/// Changes to a category; `None` keeps the current value.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CategoryEdit {
    /// New name.
    pub name: Option<Name>,
    /// New description.
    pub description: Option<CategoryDescription>,
}

/// Everything Tessera keeps. Times are unix seconds, passed in by the caller (the store
/// never reads the clock, so tests control time).
#[async_trait]
pub trait Store: Send + Sync + 'static {
    // ---- issuers and tokens ----

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

    // ---- registered users ----

    /// All registered users of an issuer, by ascending id.
    async fn registered_users(&self, issuer: IssuerId) -> Result<Vec<RegisteredUser>, StoreError>;

    /// One registered user of this issuer.
    async fn registered_user(
        &self,
        issuer: IssuerId,
        id: RegisteredUserId,
    ) -> Result<Option<RegisteredUser>, StoreError>;

    /// Creates a registered user (its GAID, if any, becomes the default).
    /// `Conflict::GaidTaken` if another user of this issuer has that GAID.
    async fn add_registered_user(
        &self,
        issuer: IssuerId,
        user: &NewRegisteredUser,
        now: i64,
    ) -> Result<RegisteredUser, StoreError>;

    /// Renames a registered user. `None` if unknown to this issuer.
    async fn rename_registered_user(
        &self,
        issuer: IssuerId,
        id: RegisteredUserId,
        name: &Name,
    ) -> Result<Option<RegisteredUser>, StoreError>;

    /// Deletes a registered user with its GAIDs and category memberships. `false` if
    /// unknown to this issuer. The same name and GAIDs can be registered again afterwards.
    async fn delete_registered_user(
        &self,
        issuer: IssuerId,
        id: RegisteredUserId,
    ) -> Result<bool, StoreError>;

    /// Adds a GAID to a user (the default if it is the first). Adding a GAID the user
    /// already has changes nothing. `Conflict::GaidTaken` if another user of this issuer
    /// has it; `None` if the user is unknown to this issuer.
    async fn add_gaid(
        &self,
        issuer: IssuerId,
        id: RegisteredUserId,
        gaid: &Gaid,
    ) -> Result<Option<RegisteredUser>, StoreError>;

    /// Makes a GAID the user's default, adding it first if the user does not have it.
    /// Same conflicts and `None` as [`Store::add_gaid`].
    async fn set_default_gaid(
        &self,
        issuer: IssuerId,
        id: RegisteredUserId,
        gaid: &Gaid,
    ) -> Result<Option<RegisteredUser>, StoreError>;

    /// The registered user of this issuer holding a GAID.
    async fn registered_user_by_gaid(
        &self,
        issuer: IssuerId,
        gaid: &Gaid,
    ) -> Result<Option<RegisteredUser>, StoreError>;

    // ---- categories ----

    /// All categories of an issuer, by ascending id.
    async fn categories(&self, issuer: IssuerId) -> Result<Vec<Category>, StoreError>;

    /// One category of this issuer.
    async fn category(
        &self,
        issuer: IssuerId,
        id: CategoryId,
    ) -> Result<Option<Category>, StoreError>;

    /// Creates a category. `Conflict::CategoryNameTaken` if this issuer has one so named.
    async fn add_category(
        &self,
        issuer: IssuerId,
        category: &NewCategory,
        now: i64,
    ) -> Result<Category, StoreError>;

    /// Edits a category. `None` if unknown to this issuer; same conflict as add.
    async fn edit_category(
        &self,
        issuer: IssuerId,
        id: CategoryId,
        edit: &CategoryEdit,
    ) -> Result<Option<Category>, StoreError>;

    /// Deletes a category with its memberships and asset requirements. `false` if unknown.
    async fn delete_category(&self, issuer: IssuerId, id: CategoryId) -> Result<bool, StoreError>;

    /// Puts a registered user into a category (idempotent). `None` if either is unknown
    /// to this issuer.
    async fn add_category_member(
        &self,
        issuer: IssuerId,
        category: CategoryId,
        user: RegisteredUserId,
    ) -> Result<Option<Category>, StoreError>;

    /// Takes a registered user out of a category (idempotent). `None` if either is
    /// unknown to this issuer.
    async fn remove_category_member(
        &self,
        issuer: IssuerId,
        category: CategoryId,
        user: RegisteredUserId,
    ) -> Result<Option<Category>, StoreError>;
}
