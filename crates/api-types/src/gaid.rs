//! GAID checks.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// `GET /api/gaids/{gaid}/validate`.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, PartialEq, Eq)]
pub struct GaidValidation {
    /// Whether the GAID is well formed and a managed account of this server.
    pub is_valid: bool,
    /// Why not (empty when valid).
    pub error: String,
}
