//! Server information, changelog and the OpenAPI document.

use crate::extract::CurrentIssuer;
use crate::ApiError;
use axum::Json;
use std::collections::BTreeMap;
use tessera_api_types::{ErrorBody, Info};

/// The AMP API version Tessera follows.
pub const AMP_VERSION: &str = "0.1.13";

/// API version (no authentication).
#[utoipa::path(get, path = "/api/info", tag = "general",
    responses((status = 200, body = Info)))]
pub async fn info() -> Json<Info> {
    Json(Info {
        version: AMP_VERSION.to_owned(),
        notes: format!(
            "Tessera {} - self-hosted asset management for the Liquid Network, \
             compatible with the Blockstream AMP API {AMP_VERSION}",
            env!("CARGO_PKG_VERSION")
        ),
    })
}

/// Changes of the API by version.
#[utoipa::path(get, path = "/api/changelog", tag = "general", security(("token" = [])),
    responses((status = 200, body = BTreeMap<String, String>), (status = 401, body = ErrorBody)))]
pub async fn changelog(_issuer: CurrentIssuer) -> Json<BTreeMap<String, String>> {
    let entries = [(
        "tessera-0.1.0",
        "First Tessera API: issuer authentication (obtain_token, refresh-token, \
             change-password), registered users with several GAIDs, categories and \
             memberships, GAID validation, OpenAPI document at /api/openapi.json.",
    )];
    Json(
        entries
            .into_iter()
            .map(|(k, v)| (k.to_owned(), v.to_owned()))
            .collect(),
    )
}

/// The OpenAPI document of this API (no authentication).
pub async fn openapi() -> Json<utoipa::openapi::OpenApi> {
    Json(crate::openapi::document())
}

/// Unknown paths answer JSON too.
pub async fn not_found(uri: axum::http::Uri) -> ApiError {
    ApiError::NotFound {
        code: "no_such_endpoint",
        message: format!("no endpoint at {}", uri.path()),
    }
}
