//! Test support: the recorded exchanges and a mock node that answers with them.
//!
//! The mock is a real HTTP server on 127.0.0.1:0 (axum), so the client's whole path — URL,
//! auth header, reqwest, status handling, body decoding — is exercised. It answers requests
//! in order from a queue of canned replies and records what it received.

use std::collections::VecDeque;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::body::Body;
use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode, Uri};
use axum::response::Response;
use serde::Deserialize;
use serde_json::Value;
use tessera_elements_rpc::{ElementsRpc, NodeUrl, Options};

/// One line of a recorded `*.jsonl` file.
#[derive(Debug, Clone, Deserialize)]
pub struct Line {
    pub scenario: String,
    pub wallet: Option<String>,
    pub request: RecordedRequest,
    pub http_status: u16,
    pub response: Option<Value>,
    #[serde(default)]
    pub raw_body: Option<String>,
    /// File name and 1-based line number, filled in by [`load`].
    #[serde(skip)]
    pub at: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct RecordedRequest {
    pub method: String,
    pub params: Value,
}

impl Line {
    /// The body the node sent, verbatim as far as JSON goes (arbitrary_precision keeps the
    /// number texts).
    pub fn reply_body(&self) -> String {
        match (&self.response, &self.raw_body) {
            (Some(response), _) => serde_json::to_string(response).expect("re-serialize"),
            (None, Some(raw)) => raw.clone(),
            (None, None) => String::new(),
        }
    }

    /// `Some((code, message))` when the node answered with an error.
    pub fn node_error(&self) -> Option<(i64, String)> {
        let error = self.response.as_ref()?.get("error")?;
        if error.is_null() {
            return None;
        }
        Some((
            error["code"].as_i64().expect("code"),
            error["message"].as_str().expect("message").to_owned(),
        ))
    }

    /// `true` when the line records a successful call.
    pub fn is_success(&self) -> bool {
        self.http_status == 200 && self.node_error().is_none()
    }
}

/// The folder of recorded exchanges: `$TESSERA_RPC_FIXTURES`, or the repository's
/// `testdata/elements-rpc`.
pub fn fixtures_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("TESSERA_RPC_FIXTURES") {
        return PathBuf::from(dir);
    }
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../testdata/elements-rpc")
}

/// Every `*.jsonl` file name, sorted.
pub fn fixture_files() -> Vec<String> {
    let dir = fixtures_dir();
    let entries = std::fs::read_dir(&dir).unwrap_or_else(|e| {
        panic!(
            "recorded Elements exchanges not found in {}: {e} (set TESSERA_RPC_FIXTURES)",
            dir.display()
        )
    });
    let mut names: Vec<String> = entries
        .map(|entry| {
            entry
                .expect("dir entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .filter(|name| name.ends_with(".jsonl"))
        .collect();
    names.sort();
    assert!(!names.is_empty(), "no *.jsonl in {}", dir.display());
    names
}

/// All lines of one recorded file.
pub fn load(file: &str) -> Vec<Line> {
    load_path(&fixtures_dir().join(file))
}

/// All lines of a recorded file at `path`.
pub fn load_path(path: &std::path::Path) -> Vec<Line> {
    let file = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let text = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    text.lines()
        .enumerate()
        .map(|(i, raw)| {
            let mut line: Line =
                serde_json::from_str(raw).unwrap_or_else(|e| panic!("{file}:{}: {e}", i + 1));
            line.at = format!("{file}:{}", i + 1);
            line
        })
        .collect()
}

/// One line, by file and 1-based number.
pub fn line(file: &str, number: usize) -> Line {
    load(file).swap_remove(number - 1)
}

/// What the mock received.
#[derive(Debug, Clone)]
pub struct Seen {
    pub path: String,
    pub authorization: Option<String>,
    pub content_type: Option<String>,
    pub body: String,
}

impl Seen {
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.body).expect("request body is JSON")
    }
}

#[derive(Default)]
struct MockState {
    replies: VecDeque<(u16, String)>,
    seen: Vec<Seen>,
}

/// A mock Elements node on 127.0.0.1:0.
pub struct MockNode {
    pub addr: SocketAddr,
    state: Arc<Mutex<MockState>>,
    task: tokio::task::JoinHandle<()>,
}

impl Drop for MockNode {
    fn drop(&mut self) {
        self.task.abort();
    }
}

async fn answer(
    State(state): State<Arc<Mutex<MockState>>>,
    uri: Uri,
    headers: HeaderMap,
    body: String,
) -> Response {
    let text = |name| {
        headers
            .get(name)
            .map(|v: &header::HeaderValue| v.to_str().expect("ascii header").to_owned())
    };
    let mut state = state.lock().expect("mock state");
    state.seen.push(Seen {
        path: uri.path().to_owned(),
        authorization: text(header::AUTHORIZATION),
        content_type: text(header::CONTENT_TYPE),
        body,
    });
    let (status, body) = state
        .replies
        .pop_front()
        .unwrap_or((599, "mock: no canned reply".to_owned()));
    Response::builder()
        .status(StatusCode::from_u16(status).expect("status"))
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(body))
        .expect("response")
}

impl MockNode {
    pub async fn start() -> MockNode {
        let state = Arc::new(Mutex::new(MockState::default()));
        let app = axum::Router::new()
            .fallback(answer)
            .with_state(Arc::clone(&state));
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let addr = listener.local_addr().expect("addr");
        let task = tokio::spawn(async move {
            axum::serve(listener, app).await.expect("serve");
        });
        MockNode { addr, state, task }
    }

    /// Queues a reply.
    pub fn reply(&self, status: u16, body: impl Into<String>) {
        let mut state = self.state.lock().expect("mock state");
        state.replies.push_back((status, body.into()));
    }

    /// Queues the recorded reply of `line`.
    pub fn reply_with(&self, line: &Line) {
        self.reply(line.http_status, line.reply_body());
    }

    /// Requests received so far.
    pub fn seen(&self) -> Vec<Seen> {
        self.state.lock().expect("mock state").seen.clone()
    }

    /// `http://user:pass@ADDR`.
    pub fn url(&self) -> String {
        format!("http://user:pass@{}", self.addr)
    }

    /// A client for this mock with quick options.
    pub fn client(&self) -> ElementsRpc {
        ElementsRpc::new(NodeUrl::parse(&self.url()).expect("url"), quick_options())
            .expect("client")
    }

    /// A client addressed like the recorded `line` (its wallet path, if any), with its
    /// recorded reply queued.
    pub fn client_for(&self, line: &Line) -> ElementsRpc {
        self.reply_with(line);
        let base = self.client();
        match &line.wallet {
            Some(wallet) => base.wallet(wallet),
            None => base,
        }
    }
}

/// Options for tests: short delays and timeouts.
pub fn quick_options() -> Options {
    Options {
        connect_retries: 2,
        retry_delay: Duration::from_millis(10),
        connect_timeout: Duration::from_secs(2),
        request_timeout: Duration::from_secs(10),
    }
}
