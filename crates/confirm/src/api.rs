//! The few AMP API calls the tool makes, exactly as the original script makes them.
//!
//! Every URL is `base_url.replace("{}", path)`; the login is `POST user/obtain_token` with
//! `{"username", "password"}`; every other call carries `Authorization: token <token>`; and, as
//! in the script, only HTTP 200 counts as success.

use std::time::Duration;

use reqwest::header::{AUTHORIZATION, CONTENT_TYPE};
use serde_json::{json, Value};

use crate::base_url::BaseUrl;
use crate::error::ConfirmError;

/// A logged-in AMP API session.
#[derive(Debug, Clone)]
pub struct Api {
    http: reqwest::Client,
    base_url: BaseUrl,
    token: String,
}

/// A non-200 answer kept for callers that tolerate some failures (`distributions/create`).
#[derive(Debug, Clone)]
pub struct ApiReply {
    /// The URL called.
    pub url: String,
    /// The HTTP status.
    pub status: u16,
    /// The body, parsed if JSON (else a JSON string of the text).
    pub body: Value,
}

fn truncate(text: &str) -> String {
    text.chars().take(300).collect()
}

impl Api {
    /// Logs in (`POST user/obtain_token`).
    pub async fn login(
        base_url: BaseUrl,
        username: &str,
        password: &str,
    ) -> Result<Self, ConfirmError> {
        let http = reqwest::Client::builder()
            .timeout(Duration::from_secs(120))
            .build()
            .map_err(|source| ConfirmError::ApiUnreachable {
                url: base_url.to_string(),
                source,
            })?;
        let url = base_url.url("user/obtain_token");
        tracing::debug!(%url, "obtaining API token");
        let response = http
            .post(&url)
            .json(&json!({"username": username, "password": password}))
            .send()
            .await
            .map_err(|source| ConfirmError::ApiUnreachable {
                url: url.clone(),
                source,
            })?;
        let status = response.status().as_u16();
        if status != 200 {
            return Err(ConfirmError::LoginFailed {
                url,
                username: username.to_owned(),
                status,
            });
        }
        let text = response
            .text()
            .await
            .map_err(|source| ConfirmError::ApiUnreachable {
                url: url.clone(),
                source,
            })?;
        let token = serde_json::from_str::<Value>(&text)
            .ok()
            .and_then(|v| v.get("token").and_then(Value::as_str).map(str::to_owned))
            .ok_or_else(|| ConfirmError::ApiBody {
                url: url.clone(),
                reason: "no \"token\" string".to_owned(),
                body: "(not shown: login reply)".to_owned(),
            })?;
        Ok(Api {
            http,
            base_url,
            token,
        })
    }

    /// The URL template in use.
    pub fn base_url(&self) -> &BaseUrl {
        &self.base_url
    }

    /// `GET path`, any status.
    pub async fn get_reply(&self, path: &str) -> Result<ApiReply, ConfirmError> {
        let url = self.base_url.url(path);
        tracing::debug!(%url, "GET");
        let request = self.http.get(&url);
        self.send(request, url).await
    }

    /// `POST path` with a JSON body, any status.
    pub async fn post_reply(&self, path: &str, body: &Value) -> Result<ApiReply, ConfirmError> {
        let url = self.base_url.url(path);
        tracing::debug!(%url, %body, "POST");
        let request = self.http.post(&url).json(body);
        self.send(request, url).await
    }

    async fn send(
        &self,
        request: reqwest::RequestBuilder,
        url: String,
    ) -> Result<ApiReply, ConfirmError> {
        let response = request
            .header(AUTHORIZATION, format!("token {}", self.token))
            .header(CONTENT_TYPE, "application/json")
            .send()
            .await
            .map_err(|source| ConfirmError::ApiUnreachable {
                url: url.clone(),
                source,
            })?;
        let status = response.status().as_u16();
        let text = response
            .text()
            .await
            .map_err(|source| ConfirmError::ApiUnreachable {
                url: url.clone(),
                source,
            })?;
        let body = serde_json::from_str(&text).unwrap_or(Value::String(text));
        Ok(ApiReply { url, status, body })
    }

    /// `GET path`, requiring 200.
    pub async fn get(&self, path: &str) -> Result<Value, ConfirmError> {
        self.get_reply(path).await?.ok("GET")
    }

    /// `POST path`, requiring 200.
    pub async fn post(&self, path: &str, body: &Value) -> Result<Value, ConfirmError> {
        self.post_reply(path, body).await?.ok("POST")
    }

    /// `GET assets/{uuid}/balance`: refuses unless `lost_outputs == []` (the script's
    /// `check_lost_output`, without its fixed 60 s sleep).
    pub async fn check_lost_outputs(&self, asset_uuid: &str) -> Result<(), ConfirmError> {
        let path = format!("assets/{asset_uuid}/balance");
        let body = self.get(&path).await?;
        match body.get("lost_outputs") {
            Some(Value::Array(lost)) if lost.is_empty() => Ok(()),
            Some(lost) => Err(ConfirmError::LostOutputs {
                asset_uuid: asset_uuid.to_owned(),
                outputs: truncate(&lost.to_string()),
            }),
            None => Err(ConfirmError::ApiBody {
                url: self.base_url.url(&path),
                reason: "no lost_outputs".to_owned(),
                body: truncate(&body.to_string()),
            }),
        }
    }
}

impl ApiReply {
    /// The body when the status is 200, else [`ConfirmError::ApiStatus`].
    pub fn ok(self, method: &'static str) -> Result<Value, ConfirmError> {
        if self.status == 200 {
            Ok(self.body)
        } else {
            Err(ConfirmError::ApiStatus {
                method,
                url: self.url,
                status: self.status,
                body: truncate(&self.body.to_string()),
            })
        }
    }

    /// A short rendering of the body for messages.
    pub fn body_text(&self) -> String {
        truncate(&self.body.to_string())
    }
}
