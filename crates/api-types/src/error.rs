//! The one error body every failing call returns.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// Error body: a stable machine `code`, a human `message`, and `detail` (the same text,
/// for AMP clients written against Django REST Framework's `{"detail": ...}`).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, PartialEq, Eq)]
pub struct ErrorBody {
    /// Stable machine-readable code, e.g. `not_found`, `invalid_gaid`.
    pub code: String,
    /// What went wrong, naming the offending value.
    pub message: String,
    /// Same as `message`.
    pub detail: String,
    /// Same as `message`, only where AMP answers `{"Error": ...}` (registering an
    /// already registered asset, which AMP clients treat as success).
    #[serde(rename = "Error", default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

impl ErrorBody {
    /// An error body with `detail` = `message`.
    pub fn new(code: impl Into<String>, message: impl Into<String>) -> Self {
        let message = message.into();
        Self {
            code: code.into(),
            detail: message.clone(),
            message,
            error: None,
        }
    }
}
