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

/// One entry of `GET /api/audit-log`: a change a manager made to data all of the issuer's
/// assets share (registered users, their GAIDs, category memberships).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, PartialEq)]
pub struct AuditEntry {
    /// Ascending id.
    pub id: i64,
    /// When, unix seconds.
    pub created_at: i64,
    /// The manager's id.
    pub manager_id: i64,
    /// The manager's username at the time.
    pub manager_username: String,
    /// What was done, e.g. `registered_user.set_default_gaid`, `category.add_member`.
    pub action: String,
    /// What it was done to, e.g. `registered_user:4`.
    pub subject: String,
    /// The registered user before (`null` when the change created it).
    #[schema(value_type = Option<Object>)]
    pub before: Option<serde_json::Value>,
    /// The registered user after.
    #[schema(value_type = Option<Object>)]
    pub after: Option<serde_json::Value>,
}
