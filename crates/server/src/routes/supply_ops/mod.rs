//! Distributions, reissuances and burns (AMP §2.2, §2.3): the `*-request`/`create`
//! endpoints answer the files of AMP §3 that `tessera confirm` (or Blockstream's confirm
//! script) executes, and the `*-confirm` endpoints take its report, which the app checks
//! on chain before anything changes.

pub mod distributions;
pub mod reissue_burn;
pub mod wire;

use axum::extract::FromRequestParts;
use axum::http::header::HOST;
use axum::http::request::Parts;

/// `"<scheme>://<host>/api/{}"` as the client reached us: the `Host` header, and the
/// scheme from `X-Forwarded-Proto` (a TLS proxy in front) or plain `http`. The files carry
/// it so the confirm tool calls back the same server.
pub struct BaseUrl(pub String);

impl<S: Send + Sync> FromRequestParts<S> for BaseUrl {
    type Rejection = crate::ApiError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        let header = |name: &str| {
            parts
                .headers
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(|v| v.split(',').next().unwrap_or(v).trim().to_owned())
                .filter(|v| !v.is_empty())
        };
        let scheme = match header("x-forwarded-proto").as_deref() {
            Some("https") => "https",
            _ => "http",
        };
        let host = header(HOST.as_str())
            .or_else(|| parts.uri.authority().map(ToString::to_string))
            .unwrap_or_else(|| "localhost".to_owned());
        Ok(Self(format!("{scheme}://{host}/api/{{}}")))
    }
}
