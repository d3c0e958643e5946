//! Helpers of `transfers_e2e.rs`: a server allowing loopback authorization endpoints, an
//! issuer's API client, `tessera wallet send`, and a scriptable authorization endpoint.

use axum::extract::State;
use axum::routing::post;
use axum::{Json, Router};
use serde_json::{json, Value};
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tessera_elements_rpc::{ElementsRpc, NodeUrl, Options};
use tessera_test_util::Chain;

/// `tessera serve` on `chain` with `--authorizer-allow-http-loopback --authorizer-allow-ip
/// 127.0.0.1 --authorizer-timeout 1`.
pub struct Server {
    child: Child,
    pub api: String,
    pub node: ElementsRpc,
}

impl Server {
    pub fn start(data: &Path, chain: &Chain) -> Self {
        Self::start_allowing(data, chain, &["127.0.0.1"])
    }

    /// Like [`Server::start`], allowing authorization endpoints only on these non-public
    /// addresses (none: loopback endpoints are refused like any private address).
    pub fn start_allowing(data: &Path, chain: &Chain, ips: &[&str]) -> Self {
        let mut child = Command::new(env!("CARGO_BIN_EXE_tessera"))
            .args([
                "--json",
                "serve",
                "--logins-per-address",
                "10000",
                "--wallet-writes-per-address",
                "10000",
                "--data-dir",
            ])
            .arg(data)
            .args(["--listen", "127.0.0.1:0"])
            .args(chain.serve_args())
            .args([
                "--authorizer-allow-http-loopback",
                "--authorizer-timeout",
                "1",
            ])
            .args(ips.iter().flat_map(|ip| ["--authorizer-allow-ip", ip]))
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("tessera serve starts");
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        let mut next = || -> Value {
            let line = lines.next().expect("a line").expect("readable");
            serde_json::from_str(&line).unwrap_or_else(|_| panic!("not JSON: {line}"))
        };
        let printed = next();
        let api = next();
        let url = NodeUrl::parse(&chain.node_url(printed["node"].as_str().unwrap())).unwrap();
        Self {
            child,
            api: format!("http://{}", api["listen"].as_str().unwrap()),
            node: ElementsRpc::new(url, Options::default()).unwrap(),
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The issuer's side of the API.
pub struct Issuer {
    pub api: String,
    pub token: String,
}

impl Issuer {
    pub async fn call(&self, method: &str, path: &str, body: Option<Value>) -> (u16, Value) {
        let http = reqwest::Client::new();
        let url = format!("{}/api/{path}", self.api);
        let req = match method {
            "GET" => http.get(url),
            "PUT" => http.put(url),
            "DELETE" => http.delete(url),
            _ => http.post(url),
        };
        let req = req.header("authorization", format!("token {}", self.token));
        let req = match body {
            Some(b) => req.json(&b),
            None => req,
        };
        let resp = req.send().await.unwrap();
        let status = resp.status().as_u16();
        let bytes = resp.bytes().await.unwrap();
        (
            status,
            serde_json::from_slice(&bytes).unwrap_or(Value::Null),
        )
    }

    /// Like [`Issuer::call`], asserting a 2xx answer.
    pub async fn ok(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        let (status, value) = self.call(method, path, body).await;
        assert!(
            (200..300).contains(&status),
            "{method} {path}: {status} {value}"
        );
        value
    }
}

/// Runs `tessera --json wallet --wallet-dir DIR send ...`: (exit success, JSON line, stderr).
pub async fn send(dir: &Path, asset: &str, to: &str, amount: &str) -> (bool, Value, String) {
    let out = tokio::process::Command::new(env!("CARGO_BIN_EXE_tessera"))
        .args(["--json", "wallet", "--wallet-dir"])
        .arg(dir)
        .args(["send", "--asset", asset, "--to", to, "--amount", amount])
        .env_remove("TESSERA_WALLET_PASSPHRASE")
        .stdin(Stdio::null())
        .output()
        .await
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    let value = serde_json::from_str(text.trim()).unwrap_or(Value::Null);
    (
        out.status.success(),
        value,
        String::from_utf8_lossy(&out.stderr).to_string(),
    )
}

/// Waits until `check` holds (the chain watcher polls every second).
pub async fn eventually<F, Fut>(what: &str, mut check: F)
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    let deadline = Instant::now() + Duration::from_secs(30);
    while !check().await {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

/// What the scripted endpoint does with the next requests.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Behaviour {
    Allow,
    Deny,
    Sleep,
    Fail,
    /// A "yes" padded past the answer size the platform reads.
    Huge,
}

/// A small authorization endpoint on 127.0.0.1:0 that records what it receives.
#[derive(Clone)]
pub struct Endpoint {
    pub url: String,
    pub behaviour: Arc<Mutex<Behaviour>>,
    pub received: Arc<Mutex<Vec<Value>>>,
}

impl Endpoint {
    pub async fn start() -> Self {
        let endpoint = Self {
            url: String::new(),
            behaviour: Arc::new(Mutex::new(Behaviour::Allow)),
            received: Arc::new(Mutex::new(Vec::new())),
        };
        let app = Router::new()
            .route("/hook/issuerauthorizer", post(answer))
            .with_state(endpoint.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}/hook", listener.local_addr().unwrap());
        tokio::spawn(async move { axum::serve(listener, app).await });
        Self { url, ..endpoint }
    }

    pub fn set(&self, b: Behaviour) {
        *self.behaviour.lock().unwrap() = b;
    }

    pub fn last(&self) -> Value {
        self.received
            .lock()
            .unwrap()
            .last()
            .cloned()
            .expect("a request")
    }
}

async fn answer(
    State(e): State<Endpoint>,
    Json(body): Json<Value>,
) -> (axum::http::StatusCode, Json<Value>) {
    e.received.lock().unwrap().push(body);
    let behaviour = *e.behaviour.lock().unwrap();
    let ok = axum::http::StatusCode::OK;
    match behaviour {
        Behaviour::Allow => (ok, Json(json!({"result": true, "error": ""}))),
        Behaviour::Deny => (
            ok,
            Json(json!({"result": false, "error": "not on our list"})),
        ),
        Behaviour::Sleep => {
            tokio::time::sleep(Duration::from_secs(3)).await;
            (ok, Json(json!({"result": true, "error": ""})))
        }
        Behaviour::Fail => (
            axum::http::StatusCode::INTERNAL_SERVER_ERROR,
            Json(json!({})),
        ),
        Behaviour::Huge => (
            ok,
            Json(json!({"result": true, "padding": "x".repeat(10_000)})),
        ),
    }
}

/// `value` as compact JSON with sorted keys, written independently of the server (what an
/// issuer's `json.dumps(m, separators=(',', ':'), sort_keys=True)` gives for ASCII data).
pub fn sorted_compact(value: &Value) -> String {
    match value {
        Value::Object(map) => {
            let mut keys: Vec<_> = map.keys().collect();
            keys.sort();
            let parts: Vec<String> = keys
                .into_iter()
                .map(|k| format!("{}:{}", Value::String(k.clone()), sorted_compact(&map[k])))
                .collect();
            format!("{{{}}}", parts.join(","))
        }
        Value::Array(items) => {
            let parts: Vec<String> = items.iter().map(sorted_compact).collect();
            format!("[{}]", parts.join(","))
        }
        other => other.to_string(),
    }
}
