//! Login, token refresh and password change.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// `POST /api/user/obtain_token` body (JSON or form-encoded).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ObtainToken {
    /// Issuer username.
    pub username: String,
    /// Password.
    pub password: String,
}

/// A token to send as `Authorization: token <token>`.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, PartialEq, Eq)]
pub struct TokenResponse {
    /// The token.
    pub token: String,
}

/// `POST /api/user/change-password` body.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ChangePassword {
    /// The new password (8 to 1024 characters).
    pub password: String,
    /// The current password: a stolen token alone cannot take the account over.
    pub current_password: String,
}

/// `POST /api/managers/{id}/change-password` body: the issuer sets its manager's password
/// (the issuer's own token proves the right; no current password).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SetPassword {
    /// The new password (8 to 1024 characters).
    pub password: String,
}

/// Answer to a password change: every earlier token is revoked; use this one.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, PartialEq, Eq)]
pub struct ChangePasswordResponse {
    /// The issuer's username.
    pub username: String,
    /// Never the password: a fixed mask, for clients that expect the field.
    pub password: String,
    /// A new token.
    pub token: String,
}
