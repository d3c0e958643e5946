//! What a console request can fail with, and the page each failure shows.
//!
//! Failures of use cases arrive as the API's [`ApiError`], so the console shows the same
//! status, machine code and message as the API would; internals stay in the log.

use crate::layout;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use maud::html;
use tessera_server::ApiError;

/// A failed console request.
#[derive(Debug)]
pub enum ConsoleError {
    /// No session, or it expired: log in first, then come back to `next`.
    LoggedOut {
        /// The page asked for.
        next: String,
    },
    /// A form arrived without the session's CSRF token (or with another one).
    Csrf,
    /// What the API would have answered.
    Api(ApiError),
}

macro_rules! from_app_errors {
    ($($t:ty),* $(,)?) => {$(
        impl From<$t> for ConsoleError {
            fn from(e: $t) -> Self {
                Self::Api(ApiError::from(e))
            }
        }
    )*};
}

from_app_errors!(
    ApiError,
    tessera_app::AuthError,
    tessera_app::RegistryError,
    tessera_app::AccountError,
    tessera_app::ManagerError,
    tessera_app::assets::AssetError,
    tessera_app::assignments::AssignError,
    tessera_app::supply_ops::SupplyOpError,
    tessera_app::transfers::TransferError,
    tessera_app::reports::ReportError,
);

impl From<tessera_store::StoreError> for ConsoleError {
    fn from(e: tessera_store::StoreError) -> Self {
        tessera_app::assets::AssetError::from(e).into()
    }
}

impl ConsoleError {
    /// A 404 for an id that does not parse (it cannot name anything).
    pub fn not_found(what: &str, id: &str) -> Self {
        Self::Api(ApiError::NotFound {
            code: "not_found",
            message: format!("{what} {id} not found"),
        })
    }
}

impl IntoResponse for ConsoleError {
    fn into_response(self) -> Response {
        match self {
            Self::LoggedOut { next } => {
                let to = format!("/login?next={}", urlencode(&next));
                (StatusCode::SEE_OTHER, [(header::LOCATION, to)]).into_response()
            }
            Self::Csrf => page(
                StatusCode::FORBIDDEN,
                "csrf_token_invalid",
                "This form was refused: it carried no valid security token. Reload the page \
                 and submit it again."
                    .to_owned(),
            ),
            Self::Api(e) => {
                let (status, code, message) = e.public();
                page(status, code, message)
            }
        }
    }
}

fn page(status: StatusCode, code: &str, message: String) -> Response {
    let body = html! {
        h1 { (status.canonical_reason().unwrap_or("Error")) }
        p.error-box role="alert" { (message) }
        p.muted { "Code: " code { (code) } }
        p { a href="/" { "Back to the assets" } }
    };
    (status, layout::bare("Error", body)).into_response()
}

/// Percent-encodes a query value.
pub fn urlencode(text: &str) -> String {
    serde_urlencoded::to_string([("v", text)])
        .map(|s| s.trim_start_matches("v=").to_owned())
        .unwrap_or_default()
}
