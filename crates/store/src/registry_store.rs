//! The registry area of the store: registered users (investors), their GAIDs, and
//! categories with their members.
//!
//! Every method is scoped by issuer: another issuer's ids behave exactly like unknown ids
//! (`None` / `false`), so the API answers 404 and never leaks their existence.

use crate::StoreError;
use async_trait::async_trait;
use tessera_core::{
    Category, CategoryDescription, CategoryId, Gaid, IssuerId, Name, NewCategory,
    NewRegisteredUser, RegisteredUser, RegisteredUserId,
};

/// Changes to a category; `None` keeps the current value.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CategoryEdit {
    /// New name.
    pub name: Option<Name>,
    /// New description.
    pub description: Option<CategoryDescription>,
}

/// Registered users, GAIDs and categories of each issuer.
#[async_trait]
pub trait RegistryStore: Send + Sync {
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
    /// unknown to this issuer; `Conflict::UserHasAssignments` if it has assignments. The
    /// same name and GAIDs can be registered again afterwards.
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
    /// Same conflicts and `None` as [`RegistryStore::add_gaid`].
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
