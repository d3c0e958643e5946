//! A mock of the platform API: only the endpoints `tessera confirm` calls, recording every
//! confirmation body it receives.

use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex};

use axum::body::Bytes;
use axum::http::{HeaderMap, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Value};

pub const TOKEN: &str = "test-token";

#[derive(Default)]
pub struct MockData {
    /// Assignments returned by `GET assets/{uuid}/assignments`.
    pub assignments: Vec<Value>,
    /// `lost_outputs` of `GET assets/{uuid}/balance`.
    pub lost_outputs: Vec<Value>,
    /// Bodies of `distributions/create/` in order; then "nothing to distribute".
    pub create_queue: VecDeque<Value>,
    /// `GET assets/{uuid}/txs`.
    pub txs: Value,
    /// Every POST received: (path, body).
    pub posts: Vec<(String, Value)>,
    /// Fail this many confirm POSTs with 500 before accepting.
    pub fail_confirms: usize,
    /// Every request line, for debugging.
    pub log: Vec<String>,
    /// The server's records the tool checks files against, by GET path (`assets/{uuid}`,
    /// `.../distributions/{duuid}`, `.../reissuances`, `.../burns`).
    pub records: HashMap<String, Value>,
}

impl MockData {
    /// Records what the server would have recorded when handing out request file `doc`.
    pub fn record_request(&mut self, doc: &Value) {
        let uuid = doc["asset_uuid"].as_str().unwrap_or_default().to_owned();
        self.records.insert(
            format!("assets/{uuid}"),
            json!({"asset_uuid": uuid, "asset_id": doc["asset_id"]}),
        );
        let units = |v: &Value| {
            v.to_string()
                .parse::<tessera_elements_rpc::Sats>()
                .map(|s| s.to_sat())
                .unwrap_or_default()
        };
        let mut push = |list: &str, entry: Value| {
            let all = self
                .records
                .entry(format!("assets/{uuid}/{list}"))
                .or_insert_with(|| json!([]));
            if let Some(all) = all.as_array_mut() {
                all.push(entry);
            }
        };
        match doc["command"].as_str() {
            Some("reissue") => push(
                "reissuance-requests",
                json!({"reissuance_amount": units(&doc["amount"])}),
            ),
            Some("burn") => push(
                "burns",
                json!({"txid": null, "amount": units(&doc["amount"])}),
            ),
            Some("distribute") => {
                let duuid = doc["distribution_uuid"].as_str().unwrap_or_default();
                self.records.insert(
                    format!("assets/{uuid}/distributions/{duuid}"),
                    json!({"distribution_uuid": duuid, "distribution_status": "UNCONFIRMED",
                           "transactions": [], "map_address_amount": doc["map_address_amount"]}),
                );
            }
            _ => {}
        }
    }
}

#[derive(Clone)]
pub struct MockApi {
    pub data: Arc<Mutex<MockData>>,
    pub base_url: String,
}

impl MockApi {
    pub async fn start() -> MockApi {
        let data = Arc::new(Mutex::new(MockData::default()));
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let state = Arc::clone(&data);
        let app = axum::Router::new().fallback(move |method, uri, headers, body| {
            let state = Arc::clone(&state);
            async move { handle(state, method, uri, headers, body) }
        });
        tokio::spawn(async move { axum::serve(listener, app).await });
        MockApi {
            data,
            base_url: format!("http://{addr}/api/{{}}"),
        }
    }

    pub fn with<T>(&self, f: impl FnOnce(&mut MockData) -> T) -> T {
        f(&mut self.data.lock().unwrap())
    }

    /// Confirmation POSTs (not logins, not update-blinders) received.
    pub fn confirms(&self) -> Vec<(String, Value)> {
        self.with(|d| {
            d.posts
                .iter()
                .filter(|(p, _)| p.ends_with("confirm"))
                .cloned()
                .collect()
        })
    }
}

fn handle(
    state: Arc<Mutex<MockData>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let path = uri.path().trim_start_matches("/api/").to_owned();
    let mut data = state.lock().unwrap();
    data.log.push(format!("{method} {path}"));
    if method == Method::POST && path == "user/obtain_token" {
        let creds: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
        if creds["username"] == "issuer" && creds["password"] == "secret" {
            return Json(json!({"token": TOKEN})).into_response();
        }
        return (
            StatusCode::BAD_REQUEST,
            Json(json!({"detail": "bad credentials"})),
        )
            .into_response();
    }
    let auth = headers.get("authorization").and_then(|v| v.to_str().ok());
    if auth != Some(&format!("token {TOKEN}")) {
        return (
            StatusCode::UNAUTHORIZED,
            Json(json!({"detail": "no token"})),
        )
            .into_response();
    }
    if method == Method::GET {
        if let Some(record) = data.records.get(path.trim_end_matches('/')) {
            return Json(record.clone()).into_response();
        }
    }
    let parts: Vec<&str> = path.trim_end_matches('/').split('/').collect();
    match (method.as_str(), parts.as_slice()) {
        ("GET", ["assets", _, "balance"]) => {
            Json(json!({"confirmed_balance": [], "lost_outputs": data.lost_outputs}))
                .into_response()
        }
        ("GET", ["assets", _, "assignments"]) => Json(json!(data.assignments)).into_response(),
        ("GET", ["assets", _, "txs"]) => Json(data.txs.clone()).into_response(),
        ("GET", ["assets", _, "distributions", "create"]) => match data.create_queue.pop_front() {
            Some(file) => {
                data.record_request(&file);
                let duuid = file["distribution_uuid"].clone();
                let next_id = data.assignments.len() + 1;
                data.assignments.push(json!({
                    "id": next_id, "distribution_uuid": duuid, "is_distributed": false,
                    "amount": 1, "registered_user": 1, "ready_for_distribution": true
                }));
                Json(file).into_response()
            }
            None => (
                StatusCode::BAD_REQUEST,
                Json(json!({"code": "nothing_to_distribute", "detail": "no assignment is ready"})),
            )
                .into_response(),
        },
        ("POST", _) => {
            let body: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
            let is_confirm = path.ends_with("confirm");
            if is_confirm && data.fail_confirms > 0 {
                data.fail_confirms -= 1;
                return (StatusCode::INTERNAL_SERVER_ERROR, "boom").into_response();
            }
            if let ["assets", _, "distributions", duuid, "confirm"] = parts.as_slice() {
                for a in data.assignments.iter_mut() {
                    if a["distribution_uuid"] == *duuid {
                        a["is_distributed"] = json!(true);
                    }
                }
            }
            data.posts.push((path.clone(), body));
            Json(json!({})).into_response()
        }
        _ => (StatusCode::NOT_FOUND, Json(json!({"detail": "not found"}))).into_response(),
    }
}
