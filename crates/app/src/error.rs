//! Errors of the use cases, one enum per area, each naming the offending value.

use tessera_core::{CategoryId, Gaid, RegisteredUserId};
use tessera_store::{Conflict, StoreError};

/// Why logging in or using a token failed.
#[derive(Debug, thiserror::Error)]
pub enum AuthError {
    /// Unknown username or wrong password (deliberately not saying which).
    #[error("unable to log in with the provided credentials")]
    InvalidCredentials,
    /// Right password, but the account (a manager) is locked by its issuer.
    #[error("the account {0} is locked; ask its issuer to unlock it")]
    AccountLocked(tessera_core::Username),
    /// The token is unknown, malformed or expired.
    #[error(
        "the token is invalid or has expired; obtain a new one with POST /api/user/obtain_token"
    )]
    InvalidToken,
    /// A password change whose `current_password` is wrong.
    #[error("the current password is wrong")]
    WrongCurrentPassword,
    /// A new password that does not meet the rules.
    #[error("the password must be {min} to {max} characters long (got {len})")]
    WeakPassword {
        /// Its length.
        len: usize,
        /// Minimum.
        min: usize,
        /// Maximum.
        max: usize,
    },
    /// Username taken when creating an issuer.
    #[error(transparent)]
    Conflict(#[from] Conflict),
    /// Too many attempts (or logins in progress): try again later.
    #[error(transparent)]
    Throttled(crate::throttle::Throttled),
    /// Password hashing failed (should not happen).
    #[error("password hashing failed: {0}")]
    Hashing(String),
    /// The store failed.
    #[error(transparent)]
    Store(StoreError),
}

impl From<StoreError> for AuthError {
    fn from(value: StoreError) -> Self {
        match value {
            StoreError::Conflict(c) => Self::Conflict(c),
            other => Self::Store(other),
        }
    }
}

/// Why a registered-user, category or GAID operation failed.
#[derive(Debug, thiserror::Error)]
pub enum RegistryError {
    /// No such registered user for this issuer.
    #[error("registered user {0} not found")]
    UserNotFound(RegisteredUserId),
    /// No such category for this issuer.
    #[error("category {0} not found")]
    CategoryNotFound(CategoryId),
    /// No registered user holds this GAID.
    #[error("no registered user has GAID {0}")]
    GaidNotRegistered(Gaid),
    /// The GAID is well formed but no managed account of this server has it.
    #[error("GAID {0} is not a managed account of this server")]
    UnknownGaid(Gaid),
    /// A manager tried to change shared data that affects assets it was not granted.
    #[error("manager {manager} may not change {what}: it affects assets not granted to it; ask the issuer")]
    OutsideGrants {
        /// The manager's username.
        manager: String,
        /// What it tried to change (`registered user 4`, `category 3`, `GAID GA…`).
        what: String,
    },
    /// The write conflicts with stored data.
    #[error(transparent)]
    Conflict(#[from] Conflict),
    /// The store failed.
    #[error(transparent)]
    Store(StoreError),
}

impl From<StoreError> for RegistryError {
    fn from(value: StoreError) -> Self {
        match value {
            StoreError::Conflict(c) => Self::Conflict(c),
            other => Self::Store(other),
        }
    }
}
