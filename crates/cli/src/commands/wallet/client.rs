//! The wallet's HTTP client of the Tessera wallet API.
//!
//! Every failing call becomes one line: the server's message and machine code.

use anyhow::{bail, Context};
use serde::de::DeserializeOwned;
use serde_json::Value;
use tessera_api_types::ErrorBody;

/// A Tessera server as the wallet sees it.
pub struct Server {
    base: String,
    http: reqwest::Client,
    token: Option<String>,
}

impl Server {
    /// A client of the server at `base` (e.g. `http://127.0.0.1:8080`).
    pub fn new(base: &str) -> anyhow::Result<Self> {
        let base = base
            .trim_end_matches('/')
            .trim_end_matches("/api")
            .to_owned();
        if !(base.starts_with("http://") || base.starts_with("https://")) {
            bail!("server URL {base:?} must start with http:// or https://");
        }
        let http = reqwest::Client::builder()
            .timeout(std::time::Duration::from_secs(60))
            .build()?;
        Ok(Self {
            base,
            http,
            token: None,
        })
    }

    /// Uses `token` for the following calls.
    pub fn with_token(mut self, token: String) -> Self {
        self.token = Some(token);
        self
    }

    /// POSTs JSON to `/api/{path}`.
    pub async fn post<T: DeserializeOwned>(&self, path: &str, body: Value) -> anyhow::Result<T> {
        let req = self.http.post(self.url(path)).json(&body);
        self.send(path, req).await
    }

    /// GETs `/api/{path}`.
    pub async fn get<T: DeserializeOwned>(&self, path: &str) -> anyhow::Result<T> {
        let req = self.http.get(self.url(path));
        self.send(path, req).await
    }

    fn url(&self, path: &str) -> String {
        format!("{}/api/{path}", self.base)
    }

    async fn send<T: DeserializeOwned>(
        &self,
        path: &str,
        mut req: reqwest::RequestBuilder,
    ) -> anyhow::Result<T> {
        if let Some(token) = &self.token {
            req = req.header("authorization", format!("wallet {token}"));
        }
        let resp = req
            .send()
            .await
            .with_context(|| format!("cannot reach the Tessera server at {}", self.base))?;
        let status = resp.status();
        let bytes = resp.bytes().await?;
        if !status.is_success() {
            if let Ok(err) = serde_json::from_slice::<ErrorBody>(&bytes) {
                bail!("{} ({})", err.message, err.code);
            }
            bail!("the server answered {status} to /api/{path}");
        }
        serde_json::from_slice(&bytes).with_context(|| format!("unexpected answer to /api/{path}"))
    }
}
