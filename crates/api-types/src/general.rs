//! `/info` and `/changelog`.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// `GET /api/info`: the API version.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, PartialEq, Eq)]
pub struct Info {
    /// API version (AMP's numbering, followed by Tessera's).
    pub version: String,
    /// Free text about this server.
    pub notes: String,
}
