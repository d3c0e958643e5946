//! The JSON-RPC HTTP server, in Elements' dialect.
//!
//! POST `/` and `/wallet/NAME`, HTTP basic auth (401 with an empty body otherwise),
//! `{"result","error","id"}` bodies whatever the request's `jsonrpc` says, HTTP 500 for RPC
//! errors and 404 for unknown methods, batches as JSON arrays. Calls run on the blocking pool
//! because wallet operations (range proofs) are CPU-bound.

use axum::body::Bytes;
use axum::extract::{Path, State as AxumState};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::Router;
use base64::Engine;
use serde_json::{json, Value};

use crate::error::RpcError;
use crate::params::named_to_positional;
use crate::Devnet;

/// The router serving `devnet`.
pub fn router(devnet: Devnet) -> Router {
    Router::new()
        .route("/", post(root))
        .route("/wallet/{name}", post(wallet))
        .with_state(devnet)
}

async fn root(AxumState(devnet): AxumState<Devnet>, headers: HeaderMap, body: Bytes) -> Response {
    handle(devnet, None, headers, body).await
}

async fn wallet(
    AxumState(devnet): AxumState<Devnet>,
    Path(name): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    handle(devnet, Some(name), headers, body).await
}

fn authorized(devnet: &Devnet, headers: &HeaderMap) -> bool {
    let Some(value) = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
    else {
        return false;
    };
    let Some(encoded) = value.strip_prefix("Basic ") else {
        return false;
    };
    let Ok(decoded) = base64::engine::general_purpose::STANDARD.decode(encoded.trim()) else {
        return false;
    };
    let expected = format!(
        "{}:{}",
        devnet.config().rpc_user,
        devnet.config().rpc_password
    );
    decoded == expected.as_bytes()
}

async fn handle(
    devnet: Devnet,
    wallet: Option<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    if !authorized(&devnet, &headers) {
        return (
            StatusCode::UNAUTHORIZED,
            [(header::WWW_AUTHENTICATE, "Basic realm=\"jsonrpc\"")],
            "",
        )
            .into_response();
    }
    let request: Value = match serde_json::from_slice(&body) {
        Ok(v) => v,
        Err(_) => {
            let body = json!({"result": null, "error": {"code": -32700, "message": "Parse error"}, "id": null});
            return json_response(StatusCode::INTERNAL_SERVER_ERROR, &body);
        }
    };
    let outcome = tokio::task::spawn_blocking(move || match request {
        Value::Array(batch) => {
            let replies: Vec<Value> = batch
                .into_iter()
                .map(|r| one(&devnet, wallet.as_deref(), r).1)
                .collect();
            (StatusCode::OK, Value::Array(replies))
        }
        single => one(&devnet, wallet.as_deref(), single),
    })
    .await;
    match outcome {
        Ok((status, body)) => json_response(status, &body),
        Err(_) => json_response(
            StatusCode::INTERNAL_SERVER_ERROR,
            &json!({"result": null, "error": {"code": -32603, "message": "Internal error"}, "id": null}),
        ),
    }
}

/// Runs one request object; returns the HTTP status and the reply object.
fn one(devnet: &Devnet, wallet: Option<&str>, request: Value) -> (StatusCode, Value) {
    let id = request.get("id").cloned().unwrap_or(Value::Null);
    let Some(method) = request.get("method").and_then(Value::as_str) else {
        let err = RpcError::new(-32600, "Method must be a string");
        return error_reply(&err, id);
    };
    let params = match request.get("params") {
        None | Some(Value::Null) => Ok(Vec::new()),
        Some(Value::Array(a)) => Ok(a.clone()),
        Some(Value::Object(named)) => named_to_positional(method, named),
        Some(_) => Err(RpcError::new(-32600, "Params must be an array or object")),
    };
    let result = params.and_then(|params| devnet.call(wallet, method, params));
    match result {
        Ok(result) => (
            StatusCode::OK,
            json!({"result": result, "error": null, "id": id}),
        ),
        Err(err) => error_reply(&err, id),
    }
}

fn error_reply(err: &RpcError, id: Value) -> (StatusCode, Value) {
    let status =
        StatusCode::from_u16(err.http_status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    (
        status,
        json!({"result": null, "error": {"code": err.code, "message": err.message}, "id": id}),
    )
}

/// Prints reply envelopes as `{"result","error","id"}` in Elements' member order
/// (serde_json maps sort their keys otherwise).
fn envelope_text(body: &Value) -> String {
    match body {
        Value::Object(m) if m.len() == 3 && m.contains_key("result") && m.contains_key("id") => {
            let get = |k: &str| {
                serde_json::to_string(m.get(k).unwrap_or(&Value::Null)).unwrap_or_default()
            };
            format!(
                "{{\"result\":{},\"error\":{},\"id\":{}}}",
                get("result"),
                get("error"),
                get("id")
            )
        }
        Value::Array(items) => format!(
            "[{}]",
            items
                .iter()
                .map(envelope_text)
                .collect::<Vec<_>>()
                .join(",")
        ),
        other => serde_json::to_string(other).unwrap_or_default(),
    }
}

fn json_response(status: StatusCode, body: &Value) -> Response {
    let mut text = envelope_text(body);
    text.push('\n');
    (status, [(header::CONTENT_TYPE, "application/json")], text).into_response()
}
