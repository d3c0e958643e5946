//! Registered users, categories and GAIDs of an issuer.
//!
//! Thin on purpose: the store enforces scoping and uniqueness; this layer turns "not
//! found" into errors that name the id, and checks GAIDs against the account directory
//! before they are attached to anyone. Changes take the [`Actor`]: a manager's are held
//! to its grants and audited (`manager_scope`).

use crate::{Actor, App, GaidCheck, RegistryError};
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
    /// categories refuse the whole request before anything is written; a manager may
    /// use only categories and a GAID within its grants (see `manager_scope`).
    #[tracing::instrument(skip(self, actor, user), fields(issuer = %actor.issuer()))]
    pub async fn add_registered_user(
        &self,
        actor: &Actor,
        user: &NewRegisteredUser,
        categories: &[CategoryId],
    ) -> Result<RegisteredUser, RegistryError> {
        let issuer = actor.issuer();
        if let Some(gaid) = &user.gaid {
            self.require_known_gaid(gaid).await?;
            self.require_gaid_in_reach(actor, gaid).await?;
        }
        for id in categories {
            let category = self.category(issuer, *id).await?;
            self.require_category_in_reach(actor, &category)?;
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
        let after = self.registered_user(issuer, created.id).await?;
        self.audit_user_change(actor, "registered_user.add", None, &after)
            .await?;
        Ok(after)
    }

    /// A registered user a manager may change (every user, for the issuer).
    async fn user_in_reach(
        &self,
        actor: &Actor,
        id: RegisteredUserId,
    ) -> Result<RegisteredUser, RegistryError> {
        let user = self.registered_user(actor.issuer(), id).await?;
        self.require_user_in_reach(actor, &user).await?;
        Ok(user)
    }

    /// Renames a registered user.
    pub async fn rename_registered_user(
        &self,
        actor: &Actor,
        id: RegisteredUserId,
        name: &Name,
    ) -> Result<RegisteredUser, RegistryError> {
        let before = self.user_in_reach(actor, id).await?;
        let after = self
            .store
            .rename_registered_user(actor.issuer(), id, name)
            .await?
            .ok_or(RegistryError::UserNotFound(id))?;
        self.audit_user_change(actor, "registered_user.rename", Some(&before), &after)
            .await?;
        Ok(after)
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
        actor: &Actor,
        id: RegisteredUserId,
        gaid: &Gaid,
    ) -> Result<RegisteredUser, RegistryError> {
        let before = self.user_in_reach(actor, id).await?;
        self.require_known_gaid(gaid).await?;
        self.require_gaid_in_reach(actor, gaid).await?;
        let after = self
            .store
            .add_gaid(actor.issuer(), id, gaid)
            .await?
            .ok_or(RegistryError::UserNotFound(id))?;
        self.audit_user_change(actor, "registered_user.add_gaid", Some(&before), &after)
            .await?;
        Ok(after)
    }

    /// Makes a GAID the registered user's default.
    pub async fn set_default_gaid(
        &self,
        actor: &Actor,
        id: RegisteredUserId,
        gaid: &Gaid,
    ) -> Result<RegisteredUser, RegistryError> {
        let before = self.user_in_reach(actor, id).await?;
        self.require_known_gaid(gaid).await?;
        self.require_gaid_in_reach(actor, gaid).await?;
        let after = self
            .store
            .set_default_gaid(actor.issuer(), id, gaid)
            .await?
            .ok_or(RegistryError::UserNotFound(id))?;
        let action = "registered_user.set_default_gaid";
        self.audit_user_change(actor, action, Some(&before), &after)
            .await?;
        Ok(after)
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
    /// checked (and, for a manager, their reach) before anything changes.
    pub async fn set_user_categories(
        &self,
        actor: &Actor,
        id: RegisteredUserId,
        categories: &[CategoryId],
        add: bool,
    ) -> Result<RegisteredUser, RegistryError> {
        let issuer = actor.issuer();
        let before = self.user_in_reach(actor, id).await?;
        for category in categories {
            let category = self.category(issuer, *category).await?;
            self.require_category_in_reach(actor, &category)?;
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
        let after = self.registered_user(issuer, id).await?;
        let action = if add {
            "registered_user.add_categories"
        } else {
            "registered_user.remove_categories"
        };
        self.audit_user_change(actor, action, Some(&before), &after)
            .await?;
        Ok(after)
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
        actor: &Actor,
        id: CategoryId,
        user: RegisteredUserId,
        add: bool,
    ) -> Result<Category, RegistryError> {
        let issuer = actor.issuer();
        let category = self.category(issuer, id).await?;
        let before = self.user_in_reach(actor, user).await?;
        self.require_category_in_reach(actor, &category)?;
        let changed = if add {
            self.store.add_category_member(issuer, id, user).await?
        } else {
            self.store.remove_category_member(issuer, id, user).await?
        };
        let changed = changed.ok_or(RegistryError::CategoryNotFound(id))?;
        if let Actor::Manager(_) = actor {
            let after = self.registered_user(issuer, user).await?;
            let action = if add {
                "category.add_member"
            } else {
                "category.remove_member"
            };
            self.audit_user_change(actor, action, Some(&before), &after)
                .await?;
        }
        Ok(changed)
    }
}
