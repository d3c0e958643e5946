//! Issuer authentication, compatible with AMP's token scheme.
//!
//! Passwords are hashed with argon2 (PHC strings). Tokens are 32 random bytes shown once
//! to the client as hex; only their SHA-256 is stored, so a copy of the database does not
//! let anyone log in. Tokens expire after a configurable time (default 24 h).

use crate::hashing::{verify_reusing_memory, with_hashing_slot};
pub use crate::hashing::{HASH_WAIT, MAX_CONCURRENT_HASHES};
use crate::{App, AuthError};
use argon2::password_hash::{rand_core::OsRng, PasswordHasher, SaltString};
use argon2::Argon2;
use rand::RngCore;
use secrecy::{ExposeSecret, SecretString};
use sha2::{Digest, Sha256};
use std::net::IpAddr;
use tessera_core::{Issuer, IssuerId, Username};

/// Authentication settings.
#[derive(Debug, Clone, Copy)]
pub struct AuthConfig {
    /// How long a token stays valid, in seconds.
    pub token_ttl_seconds: i64,
}

impl Default for AuthConfig {
    fn default() -> Self {
        Self {
            token_ttl_seconds: 24 * 3600,
        }
    }
}

/// A password as typed, never logged.
#[derive(Clone)]
pub struct Password(SecretString);

impl Password {
    /// Shortest password accepted for new passwords.
    pub const MIN: usize = 8;
    /// Longest password accepted (characters, for new passwords).
    pub const MAX: usize = 1024;
    /// Longest password a login hashes, in bytes (4 per character at most); longer ones
    /// are refused without hashing.
    pub const MAX_BYTES: usize = 4 * Self::MAX;

    /// Wraps a password (any text; rules apply when setting a new one).
    pub fn new(text: impl Into<String>) -> Self {
        Self(SecretString::from(text.into()))
    }

    pub(crate) fn check_new(&self) -> Result<(), AuthError> {
        let len = self.0.expose_secret().chars().count();
        if (Self::MIN..=Self::MAX).contains(&len) {
            Ok(())
        } else {
            Err(AuthError::WeakPassword {
                len,
                min: Self::MIN,
                max: Self::MAX,
            })
        }
    }
}

impl std::fmt::Debug for Password {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Password(***)")
    }
}

/// An API token as handed to the client.
#[derive(Clone, PartialEq, Eq)]
pub struct Token(String);

impl Token {
    pub(crate) fn generate() -> Self {
        let mut bytes = [0u8; 32];
        rand::thread_rng().fill_bytes(&mut bytes);
        Self(hex::encode(bytes))
    }

    /// Wraps a token received from a client.
    pub fn from_client(text: &str) -> Self {
        Self(text.to_owned())
    }

    /// The token text to send to the client.
    pub fn reveal(&self) -> &str {
        &self.0
    }

    pub(crate) fn hash(&self) -> String {
        hex::encode(Sha256::digest(self.0.as_bytes()))
    }
}

impl std::fmt::Debug for Token {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Token(***)")
    }
}

pub(crate) async fn hash_password(password: &Password) -> Result<String, AuthError> {
    let secret = password.0.clone();
    with_hashing_slot(move || {
        let salt = SaltString::generate(&mut OsRng);
        Argon2::default()
            .hash_password(secret.expose_secret().as_bytes(), &salt)
            .map(|h| h.to_string())
            .map_err(|e| AuthError::Hashing(e.to_string()))
    })
    .await?
}

/// Whether `password` matches `hash`; `Err` only when no hashing slot became free.
pub(crate) async fn verify_password(password: &Password, hash: String) -> Result<bool, AuthError> {
    if password.0.expose_secret().len() > Password::MAX_BYTES {
        // Never hashed: no stored password is that long.
        return Ok(false);
    }
    let secret = password.0.clone();
    with_hashing_slot(move || verify_reusing_memory(secret.expose_secret().as_bytes(), &hash)).await
}

/// A valid PHC hash of a random password, verified against when the username is unknown
/// so that both failures take the same time.
pub(crate) const DUMMY_HASH: &str = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$3J7wKQm4zfVYd0e3i9c1pP2cgnjS8v8s4yIl2o8C4bA";

impl App {
    /// Creates an issuer account (used by `tessera issuer add`).
    #[tracing::instrument(skip(self, password), fields(username = %username))]
    pub async fn create_issuer(
        &self,
        username: &Username,
        password: &Password,
    ) -> Result<Issuer, AuthError> {
        password.check_new()?;
        // Managers share the login namespace (see `managers.rs`).
        if self.store.manager_credentials(username).await?.is_some() {
            return Err(tessera_store::Conflict::UsernameTaken(username.clone()).into());
        }
        let hash = hash_password(password).await?;
        Ok(self
            .store
            .create_issuer(username, &hash, self.now())
            .await?)
    }

    /// Logs in from `client` (its address; `None` for in-process callers): admitted by
    /// the throttle, then the password is checked and a fresh token handed out. Usernames
    /// no issuer has are tried as managers'.
    pub async fn obtain_token(
        &self,
        client: Option<IpAddr>,
        username: &str,
        password: &Password,
    ) -> Result<Token, AuthError> {
        self.throttle
            .admit_login(client, username)
            .map_err(AuthError::Throttled)?;
        let outcome = self.check_login(username, password).await;
        match &outcome {
            Ok(_) | Err(AuthError::AccountLocked(_)) => {
                self.throttle.record_login(client, username, true);
            }
            Err(AuthError::InvalidCredentials) => {
                self.throttle.record_login(client, username, false);
            }
            Err(_) => {}
        }
        outcome
    }

    async fn check_login(&self, username: &str, password: &Password) -> Result<Token, AuthError> {
        let name = Username::parse(username).ok();
        let credentials = match &name {
            Some(name) => self.store.issuer_credentials(name).await?,
            None => None,
        };
        let Some(credentials) = credentials else {
            return self.obtain_manager_token(name.as_ref(), password).await;
        };
        if !verify_password(password, credentials.password_hash).await? {
            return Err(AuthError::InvalidCredentials);
        }
        self.issue_token(credentials.issuer.id).await
    }

    /// Deletes expired tokens (issuer, manager, wallet) and wallet challenges; returns how
    /// many rows went. The purge job of `tessera serve` calls it periodically.
    pub async fn purge_expired_sessions(&self) -> Result<u64, AuthError> {
        Ok(self.store.purge_expired_sessions(self.now()).await?)
    }

    /// Runs [`App::purge_expired_sessions`] every `interval` until `shutdown`.
    pub async fn run_session_purge(
        self,
        interval: std::time::Duration,
        shutdown: impl std::future::Future<Output = ()>,
    ) {
        tokio::pin!(shutdown);
        loop {
            match self.purge_expired_sessions().await {
                Ok(n) if n > 0 => tracing::info!(purged = n, "expired sessions purged"),
                Ok(_) => {}
                Err(err) => tracing::warn!(error = %err, "session purge failed"),
            }
            tokio::select! {
                () = &mut shutdown => break,
                () = tokio::time::sleep(interval) => {}
            }
        }
    }

    /// The issuer a token belongs to, if the token is valid and unexpired.
    pub async fn authenticate(&self, token: &Token) -> Result<IssuerId, AuthError> {
        self.store
            .token_issuer(&token.hash(), self.now())
            .await?
            .ok_or(AuthError::InvalidToken)
    }

    /// Replaces a valid token (an issuer's or a manager's) by a new one with a fresh
    /// lifetime.
    pub async fn refresh_token(&self, token: &Token) -> Result<Token, AuthError> {
        let issuer = match self.authenticate(token).await {
            Err(AuthError::InvalidToken) => return self.refresh_manager_token(token).await,
            other => other?,
        };
        let fresh = self.issue_token(issuer).await?;
        self.store.delete_token(&token.hash()).await?;
        Ok(fresh)
    }

    /// Logs out: the token (an issuer's or a manager's) stops working at once. Unknown or
    /// expired tokens are no error (logging out twice is fine).
    pub async fn revoke_token(&self, token: &Token) -> Result<(), AuthError> {
        if !self.store.delete_token(&token.hash()).await? {
            self.store.delete_manager_token(&token.hash()).await?;
        }
        Ok(())
    }

    /// Sets a new password once `current` is proven, revokes every token of the issuer and
    /// returns a new one. Attempts count against the login throttle of the account.
    pub async fn change_password(
        &self,
        client: Option<IpAddr>,
        issuer: IssuerId,
        current: &Password,
        password: &Password,
    ) -> Result<(Issuer, Token), AuthError> {
        password.check_new()?;
        let account = self
            .store
            .issuer(issuer)
            .await?
            .ok_or(AuthError::InvalidToken)?;
        let username = account.username.to_string();
        self.throttle
            .admit_login(client, &username)
            .map_err(AuthError::Throttled)?;
        let credentials = self
            .store
            .issuer_credentials(&account.username)
            .await?
            .ok_or(AuthError::InvalidToken)?;
        let proven = verify_password(current, credentials.password_hash).await?;
        self.throttle.record_login(client, &username, proven);
        if !proven {
            return Err(AuthError::WrongCurrentPassword);
        }
        let hash = hash_password(password).await?;
        if !self.store.set_password_hash(issuer, &hash).await? {
            return Err(AuthError::InvalidToken);
        }
        self.store.delete_issuer_tokens(issuer).await?;
        let token = self.issue_token(issuer).await?;
        Ok((account, token))
    }

    async fn issue_token(&self, issuer: IssuerId) -> Result<Token, AuthError> {
        let token = Token::generate();
        let expires_at = self.now().saturating_add(self.auth.token_ttl_seconds);
        self.store
            .insert_token(issuer, &token.hash(), expires_at)
            .await?;
        Ok(token)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn dummy_hash_is_a_valid_phc_string() {
        assert!(argon2::password_hash::PasswordHash::new(DUMMY_HASH).is_ok());
    }

    #[test]
    fn tokens_are_stored_hashed() {
        let token = Token::generate();
        assert_eq!(token.reveal().len(), 64);
        assert_ne!(token.hash(), token.reveal());
        assert_eq!(token.hash(), Token::from_client(token.reveal()).hash());
    }

    #[test]
    fn new_passwords_have_bounds() {
        assert!(Password::new("short").check_new().is_err());
        assert!(Password::new("long enough").check_new().is_ok());
        assert_eq!(format!("{:?}", Password::new("secret")), "Password(***)");
    }
}
