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
}

impl ErrorBody {
    /// An error body with `detail` = `message`.
    pub fn new(code: impl Into<String>, message: impl Into<String>) -> Self {
        let message = message.into();
        Self {
            code: code.into(),
            detail: message.clone(),
            message,
        }
    }
}
