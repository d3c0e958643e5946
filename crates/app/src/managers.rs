//! Managers: logins an issuer creates so other people can run some of its assets.
//!
//! A manager logs in like an issuer (`obtain_token`) and is then served *as its issuer*,
//! limited to the assets granted to it; which calls it may make is the server's policy
//! (`tessera_server`'s `manager_policy`), decided from the [`Actor`] resolved here. Managers are
//! created locked; a locked manager cannot log in, and its tokens stop working at once
//! because the store's token lookup skips locked managers.

use crate::auth::{hash_password, verify_password, Password, Token, DUMMY_HASH};
use crate::{App, AuthError};
use tessera_core::{AssetUuid, IssuerId, Manager, ManagerId, Username};
use tessera_store::StoreError;

/// Who is calling the API: an issuer, or one of its managers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Actor {
    /// The issuer itself: everything of its own.
    Issuer(IssuerId),
    /// A manager: its issuer's data, limited to `Manager::assets`.
    Manager(Manager),
}

impl Actor {
    /// The issuer whose data the call works on.
    pub fn issuer(&self) -> IssuerId {
        match self {
            Self::Issuer(id) => *id,
            Self::Manager(m) => m.issuer,
        }
    }

    /// Whether the caller may see and act on this asset (the issuer's own asset is
    /// checked by the use case as usual).
    pub fn may_act_on(&self, asset: AssetUuid) -> bool {
        match self {
            Self::Issuer(_) => true,
            Self::Manager(m) => m.may_act_on(asset),
        }
    }

    /// The category as this caller may see it: a manager sees only the required assets
    /// it was granted (the uuids of others would tell it they exist).
    pub fn view_category(&self, mut category: tessera_core::Category) -> tessera_core::Category {
        category.assets.retain(|a| self.may_act_on(*a));
        category
    }
}

/// Why a manager operation failed.
#[derive(Debug, thiserror::Error)]
pub enum ManagerError {
    /// No such manager for this issuer.
    #[error("manager {0} not found")]
    NotFound(ManagerId),
    /// No such asset for this issuer.
    #[error("asset {0} not found")]
    AssetNotFound(AssetUuid),
    /// Password rules, username taken, or a store failure.
    #[error(transparent)]
    Auth(#[from] AuthError),
}

impl From<StoreError> for ManagerError {
    fn from(value: StoreError) -> Self {
        Self::Auth(value.into())
    }
}

impl App {
    /// Creates a locked manager of `issuer`.
    #[tracing::instrument(skip(self, password), fields(issuer = %issuer, username = %username))]
    pub async fn create_manager(
        &self,
        issuer: IssuerId,
        username: &Username,
        password: &Password,
    ) -> Result<Manager, ManagerError> {
        password.check_new()?;
        let hash = hash_password(password).await?;
        Ok(self
            .store
            .create_manager(issuer, username, &hash, self.now())
            .await?)
    }

    /// The issuer's managers.
    pub async fn managers(&self, issuer: IssuerId) -> Result<Vec<Manager>, ManagerError> {
        Ok(self.store.managers(issuer).await?)
    }

    /// One manager of the issuer.
    pub async fn manager(&self, issuer: IssuerId, id: ManagerId) -> Result<Manager, ManagerError> {
        self.store
            .manager(issuer, id)
            .await?
            .ok_or(ManagerError::NotFound(id))
    }

    /// Locks or unlocks a manager; locking also deletes its tokens.
    #[tracing::instrument(skip(self), fields(issuer = %issuer, manager = %id))]
    pub async fn set_manager_locked(
        &self,
        issuer: IssuerId,
        id: ManagerId,
        locked: bool,
    ) -> Result<Manager, ManagerError> {
        if !self.store.set_manager_locked(issuer, id, locked).await? {
            return Err(ManagerError::NotFound(id));
        }
        if locked {
            self.store.delete_manager_tokens(id).await?;
        }
        self.manager(issuer, id).await
    }

    /// Grants (`grant`) or revokes an asset of the issuer to its manager; idempotent.
    #[tracing::instrument(skip(self), fields(issuer = %issuer, manager = %id, asset = %asset))]
    pub async fn set_manager_asset(
        &self,
        issuer: IssuerId,
        id: ManagerId,
        asset: AssetUuid,
        grant: bool,
    ) -> Result<Manager, ManagerError> {
        self.manager(issuer, id).await?;
        if self.store.asset(issuer, asset).await?.is_none() {
            return Err(ManagerError::AssetNotFound(asset));
        }
        if grant {
            self.store.grant_manager_asset(issuer, id, asset).await?;
        } else {
            self.store.revoke_manager_asset(issuer, id, asset).await?;
        }
        self.manager(issuer, id).await
    }

    /// Sets a manager's password (by its issuer), revokes its tokens and returns a new one.
    pub async fn change_manager_password(
        &self,
        issuer: IssuerId,
        id: ManagerId,
        password: &Password,
    ) -> Result<(Manager, Token), ManagerError> {
        password.check_new()?;
        let manager = self.manager(issuer, id).await?;
        let hash = hash_password(password).await?;
        if !self
            .store
            .set_manager_password_hash(issuer, id, &hash)
            .await?
        {
            return Err(ManagerError::NotFound(id));
        }
        self.store.delete_manager_tokens(id).await?;
        let token = self.issue_manager_token(id).await?;
        Ok((manager, token))
    }

    /// The caller of a token: an issuer, or an unlocked manager with its granted assets.
    pub async fn authenticate_actor(&self, token: &Token) -> Result<Actor, AuthError> {
        match self.authenticate(token).await {
            Ok(issuer) => return Ok(Actor::Issuer(issuer)),
            Err(AuthError::InvalidToken) => {}
            Err(other) => return Err(other),
        }
        self.store
            .token_manager(&token.hash(), self.now())
            .await?
            .map(Actor::Manager)
            .ok_or(AuthError::InvalidToken)
    }

    /// Logs a manager in (after no issuer had the username). A locked manager with the
    /// right password gets [`AuthError::AccountLocked`]; a wrong password never learns
    /// whether the account is locked.
    pub(crate) async fn obtain_manager_token(
        &self,
        username: Option<&Username>,
        password: &Password,
    ) -> Result<Token, AuthError> {
        let credentials = match username {
            Some(name) => self.store.manager_credentials(name).await?,
            None => None,
        };
        let Some(credentials) = credentials else {
            verify_password(password, DUMMY_HASH.to_owned()).await?;
            return Err(AuthError::InvalidCredentials);
        };
        if !verify_password(password, credentials.password_hash).await? {
            return Err(AuthError::InvalidCredentials);
        }
        if credentials.manager.is_locked {
            return Err(AuthError::AccountLocked(credentials.manager.username));
        }
        self.issue_manager_token(credentials.manager.id).await
    }

    /// Replaces a valid manager token by a new one with a fresh lifetime.
    pub(crate) async fn refresh_manager_token(&self, token: &Token) -> Result<Token, AuthError> {
        let manager = self
            .store
            .token_manager(&token.hash(), self.now())
            .await?
            .ok_or(AuthError::InvalidToken)?;
        let fresh = self.issue_manager_token(manager.id).await?;
        self.store.delete_manager_token(&token.hash()).await?;
        Ok(fresh)
    }

    async fn issue_manager_token(&self, manager: ManagerId) -> Result<Token, AuthError> {
        let token = Token::generate();
        let expires_at = self.now().saturating_add(self.auth.token_ttl_seconds);
        self.store
            .insert_manager_token(manager, &token.hash(), expires_at)
            .await?;
        Ok(token)
    }
}
