//! Registered users, categories and GAIDs of an issuer.
//!
//! Thin on purpose: the store enforces scoping and uniqueness; this layer turns "not
//! found" into errors that name the id, and checks GAIDs against the account directory
//! before they are attached to anyone.

use crate::{App, GaidCheck, RegistryError};
use tessera_core::{
    Category, CategoryId, Gaid, IssuerId, Name, NewCategory, NewRegisteredUser, RegisteredUser,
    RegisteredUserId,
};
use tessera_store::CategoryEdit;

impl App {
    /// Refuses GAIDs that are not managed accounts of this server.
    pub async fn require_known_gaid(&self, gaid: &Gaid) -> Result<(), RegistryError> {
        match self.accounts.check(gaid).await? {
            GaidCheck::Known => Ok(()),
            GaidCheck::Unknown => Err(RegistryError::UnknownGaid(gaid.clone())),
        }
    }

    /// Whether a GAID is a managed account of this server.
    pub async fn check_gaid(&self, gaid: &Gaid) -> Result<GaidCheck, RegistryError> {
        Ok(self.accounts.check(gaid).await?)
    }

    /// All registered users of the issuer.
    pub async fn registered_users(
        &self,
        issuer: IssuerId,
    ) -> Result<Vec<RegisteredUser>, RegistryError> {
        Ok(self.store.registered_users(issuer).await?)
    }

    /// One registered user.
    pub async fn registered_user(
        &self,
        issuer: IssuerId,
        id: RegisteredUserId,
    ) -> Result<RegisteredUser, RegistryError> {
        self.store
            .registered_user(issuer, id)
            .await?
            .ok_or(RegistryError::UserNotFound(id))
    }

    /// Creates a registered user, optionally putting it into categories at once. Unknown
    /// categories refuse the whole request before anything is written.
    #[tracing::instrument(skip(self, user), fields(issuer = %issuer))]
    pub async fn add_registered_user(
        &self,
        issuer: IssuerId,
        user: &NewRegisteredUser,
        categories: &[CategoryId],
    ) -> Result<RegisteredUser, RegistryError> {
        if let Some(gaid) = &user.gaid {
            self.require_known_gaid(gaid).await?;
        }
        for id in categories {
            self.category(issuer, *id).await?;
        }
        let created = self
            .store
            .add_registered_user(issuer, user, self.now())
            .await?;
        for id in categories {
            self.store
                .add_category_member(issuer, *id, created.id)
                .await?;
        }
        self.registered_user(issuer, created.id).await
    }

    /// Renames a registered user.
    pub async fn rename_registered_user(
        &self,
        issuer: IssuerId,
        id: RegisteredUserId,
        name: &Name,
    ) -> Result<RegisteredUser, RegistryError> {
        self.store
            .rename_registered_user(issuer, id, name)
            .await?
            .ok_or(RegistryError::UserNotFound(id))
    }

    /// Deletes a registered user.
    pub async fn delete_registered_user(
        &self,
        issuer: IssuerId,
        id: RegisteredUserId,
    ) -> Result<(), RegistryError> {
        if self.store.delete_registered_user(issuer, id).await? {
            Ok(())
        } else {
            Err(RegistryError::UserNotFound(id))
        }
    }

    /// Adds a GAID to a registered user.
    pub async fn add_gaid(
        &self,
        issuer: IssuerId,
        id: RegisteredUserId,
        gaid: &Gaid,
    ) -> Result<RegisteredUser, RegistryError> {
        self.registered_user(issuer, id).await?;
        self.require_known_gaid(gaid).await?;
        self.store
            .add_gaid(issuer, id, gaid)
            .await?
            .ok_or(RegistryError::UserNotFound(id))
    }

    /// Makes a GAID the registered user's default.
    pub async fn set_default_gaid(
        &self,
        issuer: IssuerId,
        id: RegisteredUserId,
        gaid: &Gaid,
    ) -> Result<RegisteredUser, RegistryError> {
        self.registered_user(issuer, id).await?;
        self.require_known_gaid(gaid).await?;
        self.store
            .set_default_gaid(issuer, id, gaid)
            .await?
            .ok_or(RegistryError::UserNotFound(id))
    }

    /// The registered user holding a GAID.
    pub async fn registered_user_by_gaid(
        &self,
        issuer: IssuerId,
        gaid: &Gaid,
    ) -> Result<RegisteredUser, RegistryError> {
        self.store
            .registered_user_by_gaid(issuer, gaid)
            .await?
            .ok_or_else(|| RegistryError::GaidNotRegistered(gaid.clone()))
    }

    /// Puts a user into several categories, or takes it out (`add = false`). All ids are
    /// checked before anything changes.
    pub async fn set_user_categories(
        &self,
        issuer: IssuerId,
        id: RegisteredUserId,
        categories: &[CategoryId],
        add: bool,
    ) -> Result<RegisteredUser, RegistryError> {
        self.registered_user(issuer, id).await?;
        for category in categories {
            self.category(issuer, *category).await?;
        }
        for category in categories {
            if add {
                self.store
                    .add_category_member(issuer, *category, id)
                    .await?;
            } else {
                self.store
                    .remove_category_member(issuer, *category, id)
                    .await?;
            }
        }
        self.registered_user(issuer, id).await
    }

    /// All categories of the issuer.
    pub async fn categories(&self, issuer: IssuerId) -> Result<Vec<Category>, RegistryError> {
        Ok(self.store.categories(issuer).await?)
    }

    /// One category.
    pub async fn category(
        &self,
        issuer: IssuerId,
        id: CategoryId,
    ) -> Result<Category, RegistryError> {
        self.store
            .category(issuer, id)
            .await?
            .ok_or(RegistryError::CategoryNotFound(id))
    }

    /// Creates a category.
    pub async fn add_category(
        &self,
        issuer: IssuerId,
        category: &NewCategory,
    ) -> Result<Category, RegistryError> {
        Ok(self
            .store
            .add_category(issuer, category, self.now())
            .await?)
    }

    /// Edits a category's name and/or description.
    pub async fn edit_category(
        &self,
        issuer: IssuerId,
        id: CategoryId,
        edit: &CategoryEdit,
    ) -> Result<Category, RegistryError> {
        self.store
            .edit_category(issuer, id, edit)
            .await?
            .ok_or(RegistryError::CategoryNotFound(id))
    }

    /// Deletes a category.
    pub async fn delete_category(
        &self,
        issuer: IssuerId,
        id: CategoryId,
    ) -> Result<(), RegistryError> {
        if self.store.delete_category(issuer, id).await? {
            Ok(())
        } else {
            Err(RegistryError::CategoryNotFound(id))
        }
    }

    /// Adds (or removes, with `add = false`) one member of a category.
    pub async fn set_category_member(
        &self,
        issuer: IssuerId,
        id: CategoryId,
        user: RegisteredUserId,
        add: bool,
    ) -> Result<Category, RegistryError> {
        self.category(issuer, id).await?;
        self.registered_user(issuer, user).await?;
        let changed = if add {
            self.store.add_category_member(issuer, id, user).await?
        } else {
            self.store.remove_category_member(issuer, id, user).await?
        };
        changed.ok_or(RegistryError::CategoryNotFound(id))
    }
}
