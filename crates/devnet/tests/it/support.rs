//! Shared helpers: a fresh devnet per test, call helpers, HTTP server spawning.

use serde_json::Value;
use tessera_devnet::{Devnet, DevnetConfig, RpcError};

/// A fresh devnet in a temporary directory.
pub fn devnet() -> (Devnet, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let devnet = Devnet::open(DevnetConfig::new(dir.path(), "user", "pass")).unwrap();
    (devnet, dir)
}

/// Calls and unwraps.
pub fn call(d: &Devnet, wallet: Option<&str>, method: &str, params: Value) -> Value {
    let params = match params {
        Value::Array(a) => a,
        Value::Null => vec![],
        other => vec![other],
    };
    match d.call(wallet, method, params) {
        Ok(v) => v,
        Err(e) => panic!("{method} failed: {e}"),
    }
}

/// Calls and expects an error.
pub fn call_err(d: &Devnet, wallet: Option<&str>, method: &str, params: Value) -> RpcError {
    let params = match params {
        Value::Array(a) => a,
        Value::Null => vec![],
        other => vec![other],
    };
    match d.call(wallet, method, params) {
        Ok(v) => panic!("{method} unexpectedly succeeded: {v}"),
        Err(e) => e,
    }
}

/// Amount text to base units.
pub fn sats(v: &Value) -> u64 {
    tessera_devnet::parse_decimal(&v.to_string()).unwrap()
}

/// Where the recorded Elements exchanges live: `$TESSERA_RPC_FIXTURES` or `testdata/elements-rpc`.
pub fn fixtures_dir() -> std::path::PathBuf {
    if let Ok(dir) = std::env::var("TESSERA_RPC_FIXTURES") {
        return dir.into();
    }
    std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../testdata/elements-rpc")
}

/// A devnet served over HTTP on a random local port; dropped senders stop it.
pub struct Served {
    pub url: String,
    pub devnet: Devnet,
    pub stop: Option<tokio::sync::oneshot::Sender<()>>,
    pub handle: tokio::task::JoinHandle<()>,
    pub dir: tempfile::TempDir,
}

/// Starts a devnet over HTTP (user "user", password "pass").
pub async fn serve() -> Served {
    let dir = tempfile::tempdir().unwrap();
    serve_in(dir).await
}

/// Starts a devnet over HTTP in an existing data directory.
pub async fn serve_in(dir: tempfile::TempDir) -> Served {
    let devnet = Devnet::open(DevnetConfig::new(dir.path(), "user", "pass")).unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let (tx, rx) = tokio::sync::oneshot::channel::<()>();
    let d = devnet.clone();
    let handle = tokio::spawn(async move {
        d.serve(listener, async move {
            let _ = rx.await;
        })
        .await
        .unwrap();
    });
    Served {
        url,
        devnet,
        stop: Some(tx),
        handle,
        dir,
    }
}

/// One JSON-RPC POST; returns (HTTP status, body text).
pub async fn post(
    client: &reqwest::Client,
    url: &str,
    auth: Option<(&str, &str)>,
    body: &Value,
) -> (u16, String) {
    let mut req = client.post(url).body(body.to_string());
    if let Some((u, p)) = auth {
        req = req.basic_auth(u, Some(p));
    }
    let resp = req.send().await.unwrap();
    let status = resp.status().as_u16();
    (status, resp.text().await.unwrap())
}
