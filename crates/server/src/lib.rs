//! Tessera's HTTP API server (axum), following Blockstream AMP's paths and JSON fields.
//!
//! Handlers are thin: they authenticate, parse the request into domain types (the only
//! place input is validated), call one use case of `tessera_app::App`, and convert the
//! result into a wire type of `tessera_api_types`. Errors go through [`ApiError`], which
//! owns the status map and never leaks internals.

mod convert;
mod convert_assets;
mod error;
mod extract;
pub mod manager_policy;
pub mod openapi;
mod openapi_common;
mod routes;
mod serve;

pub use error::ApiError;
pub use extract::ClientAddr;
pub use serve::{node_unavailable, run_with_limits, ServeLimits};

/// The files `tessera confirm` executes (AMP §3), built exactly as the API hands them out,
/// for other front ends of the same app (the console).
pub mod files {
    pub use crate::routes::dividends::{csv_text as dividends_csv, wire as dividend};
    pub use crate::routes::supply_ops::wire::{burn_file, distribution_file, reissue_file};
    pub use crate::routes::supply_ops::BaseUrl;
}

use axum::extract::Request;
use axum::Router;
use std::future::Future;
use tessera_app::App;
use tower::Layer;
use tower_http::normalize_path::NormalizePathLayer;

/// Largest request body accepted, in bytes.
pub const MAX_BODY_BYTES: usize = 1024 * 1024;

/// The API routes, without the trailing-slash normalisation (see [`service`]).
pub fn router(app: App) -> Router {
    routes::router()
        .layer(axum::extract::DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(tower_http::trace::TraceLayer::new_for_http())
        .with_state(app)
}

/// The complete HTTP service: routes plus AMP's optional trailing slashes
/// (`/api/assets/` and `/api/assets` are the same call), with the default request limits.
pub fn service(
    app: App,
) -> impl tower::Service<
    Request,
    Response = axum::response::Response,
    Error = std::convert::Infallible,
    Future = impl Send,
> + Clone
       + Send
       + 'static {
    service_with_limits(app, ServeLimits::default())
}

/// [`service`] with these limits on requests in flight and their duration.
pub fn service_with_limits(
    app: App,
    limits: ServeLimits,
) -> impl tower::Service<
    Request,
    Response = axum::response::Response,
    Error = std::convert::Infallible,
    Future = impl Send,
> + Clone
       + Send
       + 'static {
    NormalizePathLayer::trim_trailing_slash().layer(serve::with_request_limits(router(app), limits))
}

/// Serves the API on `listener` with the default [`ServeLimits`] until `shutdown`
/// completes, then finishes the requests in flight (graceful shutdown).
pub async fn run(
    listener: tokio::net::TcpListener,
    app: App,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    run_with(listener, app, Router::new(), shutdown).await
}

/// Like [`run`], with more routes beside the API (the web console at `/`); the API's
/// routes and its JSON 404 for unknown paths are unchanged.
pub async fn run_with(
    listener: tokio::net::TcpListener,
    app: App,
    beside: Router,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    run_with_limits(listener, app, beside, ServeLimits::default(), shutdown).await
}
