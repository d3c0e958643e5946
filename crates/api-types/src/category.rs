//! Categories.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// A category as AMP shows it.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, PartialEq, Eq)]
pub struct Category {
    /// Id.
    pub id: i64,
    /// Name.
    pub name: String,
    /// Description.
    pub description: String,
    /// Member registered user ids.
    pub registered_users: Vec<i64>,
    /// Uuids of assets that require this category.
    pub assets: Vec<String>,
}

/// `POST /api/categories/add` body.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AddCategory {
    /// Name (unique per issuer).
    pub name: String,
    /// Description (may be empty; `null` or absent is empty, as AMP's R client sends
    /// `"description": null`).
    #[serde(default)]
    pub description: Option<String>,
}

/// `PUT /api/categories/{id}/edit` body; absent fields stay as they are.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EditCategory {
    /// New name.
    #[serde(default)]
    pub name: Option<String>,
    /// New description.
    #[serde(default)]
    pub description: Option<String>,
}
