//! Registered users (investors).

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// A registered user as AMP shows it.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, PartialEq, Eq)]
pub struct RegisteredUser {
    /// Id.
    pub id: i64,
    /// Default GAID, if any.
    pub GAID: Option<String>,
    /// Whether it is a company.
    pub is_company: bool,
    /// Name.
    pub name: String,
    /// Category ids it belongs to.
    pub categories: Vec<i64>,
    /// The issuer that created it.
    pub creator: i64,
}

/// `POST /api/registered_users/add` body.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AddRegisteredUser {
    /// Name (1 to 255 characters).
    pub name: String,
    /// A first GAID (becomes the default).
    #[serde(default)]
    pub GAID: Option<String>,
    /// Whether it is a company (default false).
    #[serde(default)]
    pub is_company: bool,
    /// Categories to put the user in at once (extension).
    #[serde(default)]
    pub categories: Vec<i64>,
}

/// `PUT /api/registered_users/{id}/edit` body.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EditRegisteredUser {
    /// New name.
    pub name: String,
}

/// `PUT /api/registered_users/{id}/categories/add|delete` body.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CategoryIds {
    /// Category ids.
    pub categories: Vec<i64>,
}

/// One asset line of `GET /api/registered_users/{id}/summary`.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, PartialEq, Eq)]
pub struct RegisteredUserAssetSummary {
    /// Asset uuid.
    pub asset_uuid: String,
    /// Asset id on chain.
    pub asset_id: String,
    /// Number of assignments.
    pub assignments: u64,
    /// Sum of assignments, base units.
    pub assignments_sum: u64,
    /// Number of distributions.
    pub distributions: u64,
    /// Sum distributed, base units.
    pub distributions_sum: u64,
    /// Current balance, base units.
    pub balance: u64,
}
