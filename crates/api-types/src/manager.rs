//! Managers (AMP §2.4): logins an issuer creates for people who run some of its assets.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// A manager as AMP shows it.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, PartialEq, Eq)]
pub struct Manager {
    /// Its id.
    pub id: i64,
    /// Its login name.
    pub username: String,
    /// A locked manager can neither log in nor use its tokens (new managers are locked).
    pub is_locked: bool,
    /// The `asset_uuid`s it may act on.
    pub assets: Vec<String>,
}

/// Body of `POST /api/managers/create`.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateManager {
    /// Login name: 3 to 150 letters, digits and `@.+-_`, unused by issuers and managers.
    pub username: String,
    /// Password, 8 to 1024 characters.
    pub password: String,
}
