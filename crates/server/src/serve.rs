//! The connection loop and the per-request limits that keep slow or many clients from
//! exhausting the server.
//!
//! `axum::serve` has no header-read timeout and no connection limit, so the server runs
//! hyper's HTTP/1 connections itself:
//! - at most [`ServeLimits::max_connections`] open connections; further ones wait in the
//!   kernel's accept queue (back-pressure, no memory spent on them);
//! - a client must send its request head within [`ServeLimits::header_read_timeout`]
//!   (slowloris);
//! - at most [`ServeLimits::max_in_flight`] requests run at once; more are answered 503
//!   `server_busy` at once instead of queueing;
//! - a request taking longer than [`ServeLimits::request_timeout`] is answered 503
//!   `request_timeout` (its work is dropped at the next await point).
//!
//! The client's address reaches handlers as `ConnectInfo` (the login throttle keys on it).

use crate::ApiError;
use axum::extract::{ConnectInfo, Request};
use axum::middleware::Next;
use axum::response::IntoResponse;
use hyper_util::rt::{TokioIo, TokioTimer};
use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;
use tessera_app::App;
use tokio::sync::Semaphore;
use tower::ServiceExt;

/// Limits of the HTTP server (the README lists the defaults).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ServeLimits {
    /// Open connections at most.
    pub max_connections: usize,
    /// Requests handled at once at most.
    pub max_in_flight: usize,
    /// Time a client has to send a request head.
    pub header_read_timeout: Duration,
    /// Time a request may take, body included.
    pub request_timeout: Duration,
    /// Time in-flight requests get to finish at shutdown.
    pub shutdown_grace: Duration,
}

impl Default for ServeLimits {
    fn default() -> Self {
        Self {
            max_connections: 1024,
            max_in_flight: 256,
            header_read_timeout: Duration::from_secs(10),
            request_timeout: Duration::from_secs(60),
            shutdown_grace: Duration::from_secs(30),
        }
    }
}

/// Wraps the router with the in-flight limit and the request timeout.
pub(crate) fn with_request_limits(router: axum::Router, limits: ServeLimits) -> axum::Router {
    let slots = Arc::new(Semaphore::new(limits.max_in_flight));
    router.layer(axum::middleware::from_fn(
        move |req: Request, next: Next| {
            let slots = slots.clone();
            async move {
                let Ok(_slot) = slots.try_acquire_owned() else {
                    return ApiError::Unavailable {
                        code: "server_busy",
                        message: "the server is handling too many requests; try again".to_owned(),
                    }
                    .into_response();
                };
                match tokio::time::timeout(limits.request_timeout, next.run(req)).await {
                    Ok(response) => response,
                    Err(_) => ApiError::Unavailable {
                        code: "request_timeout",
                        message: format!(
                            "the request took longer than {} s",
                            limits.request_timeout.as_secs()
                        ),
                    }
                    .into_response(),
                }
            }
        },
    ))
}

/// Serves `app` (and the routes `beside` it) on `listener` with `limits` until `shutdown` completes, then lets the
/// requests in flight finish (at most [`ServeLimits::shutdown_grace`]).
pub async fn run_with_limits(
    listener: tokio::net::TcpListener,
    app: App,
    beside: axum::Router,
    limits: ServeLimits,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let routes = beside.merge(crate::router(app));
    let service = tower::Layer::layer(
        &tower_http::normalize_path::NormalizePathLayer::trim_trailing_slash(),
        with_request_limits(routes, limits),
    );
    let connections = Arc::new(Semaphore::new(limits.max_connections));
    let graceful = hyper_util::server::graceful::GracefulShutdown::new();
    let mut builder = hyper::server::conn::http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(limits.header_read_timeout);
    tokio::pin!(shutdown);
    loop {
        let Ok(permit) = connections.clone().acquire_owned().await else {
            break;
        };
        let (stream, peer) = tokio::select! {
            () = &mut shutdown => break,
            accepted = listener.accept() => match accepted {
                Ok(pair) => pair,
                Err(err) => {
                    // EMFILE and friends: wait a little instead of spinning.
                    tracing::warn!(error = %err, "accept failed");
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    continue;
                }
            },
        };
        let service = service.clone();
        let hyper_service = hyper::service::service_fn(move |req: hyper::Request<_>| {
            let mut req = req.map(axum::body::Body::new);
            req.extensions_mut().insert(ConnectInfo::<SocketAddr>(peer));
            service.clone().oneshot(req)
        });
        let connection = builder.serve_connection(TokioIo::new(stream), hyper_service);
        let connection = graceful.watch(connection);
        tokio::spawn(async move {
            if let Err(err) = connection.await {
                tracing::debug!(error = %err, %peer, "connection ended with an error");
            }
            drop(permit);
        });
    }
    drop(listener);
    if tokio::time::timeout(limits.shutdown_grace, graceful.shutdown())
        .await
        .is_err()
    {
        tracing::warn!("requests still in flight after the shutdown grace period");
    }
    Ok(())
}

/// The 503 of a request that needs the Elements node while it does not answer.
pub fn node_unavailable(detail: impl std::fmt::Display) -> ApiError {
    ApiError::Unavailable {
        code: "node_unavailable",
        message: format!("the Elements node is unavailable ({detail}); try again later"),
    }
}
