//! JSON-RPC over HTTP: one POST per call, bounded connection retries, reply decoding.
//!
//! Retrying is only safe when the node cannot have seen the request. A refused or timed-out
//! *connection* proves that, so those are retried (count and pause from [`Options`]). Once a
//! request may have been written — a reset mid-request, a reply timeout — the call fails at
//! once with [`Error::Transport`] or [`Error::Timeout`]: repeating a `sendmany`,
//! `issueasset` or `destroyamount` could pay or issue twice. Callers that know a call is
//! read-only may retry it themselves.

use std::sync::atomic::{AtomicU64, Ordering};

use reqwest::header::{AUTHORIZATION, CONTENT_TYPE};
use reqwest::StatusCode;
use serde::de::{DeserializeOwned, IgnoredAny};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::config::{NodeUrl, Options};
use crate::error::{CallContext, Error};

/// Parameters of one call: positional (the usual form) or named.
#[derive(Debug, Clone, Serialize)]
#[serde(untagged)]
pub(crate) enum Params {
    Positional(Vec<Value>),
    Named(serde_json::Map<String, Value>),
}

impl Params {
    fn positional(&self) -> &[Value] {
        match self {
            Params::Positional(values) => values,
            Params::Named(_) => &[],
        }
    }
}

#[derive(Serialize)]
struct Request<'a> {
    jsonrpc: &'static str,
    id: u64,
    method: &'a str,
    params: &'a Params,
}

#[derive(Deserialize)]
struct Reply<T> {
    #[serde(default = "Option::default")]
    result: Option<T>,
    #[serde(default)]
    error: Option<RpcError>,
}

#[derive(Deserialize)]
struct RpcError {
    code: i64,
    message: String,
}

/// The shared HTTP side of every client derived from one [`crate::ElementsRpc::new`]: one
/// connection pool, one id counter.
#[derive(Debug)]
pub(crate) struct Transport {
    http: reqwest::Client,
    options: Options,
    next_id: AtomicU64,
}

impl Transport {
    pub(crate) fn new(options: Options) -> Result<Self, Error> {
        let http = reqwest::Client::builder()
            .connect_timeout(options.connect_timeout)
            .timeout(options.request_timeout)
            .pool_max_idle_per_host(4)
            // Talk to the node directly: an HTTP(S)_PROXY from the environment must not see
            // the RPC credentials.
            .no_proxy()
            .build()
            .map_err(|source| Error::Client { source })?;
        Ok(Transport {
            http,
            options,
            next_id: AtomicU64::new(1),
        })
    }

    /// Sends one call to `node` and decodes its result.
    pub(crate) async fn call<T: DeserializeOwned>(
        &self,
        node: &NodeUrl,
        method: &str,
        params: &Params,
    ) -> Result<T, Error> {
        let id = self.next_id.fetch_add(1, Ordering::Relaxed);
        let request = Request {
            jsonrpc: "1.0",
            id,
            method,
            params,
        };
        let body = serde_json::to_vec(&request).map_err(|source| Error::Decode {
            method: method.to_owned(),
            source,
        })?;
        let (status, bytes) = self.post(node, method, body).await?;
        let call = CallContext {
            method,
            params: params.positional(),
            wallet: node.wallet(),
        };
        decode_reply(call, &node.to_string(), status, &bytes)
    }

    /// POSTs `body`, retrying only while the connection cannot be made.
    async fn post(
        &self,
        node: &NodeUrl,
        method: &str,
        body: Vec<u8>,
    ) -> Result<(StatusCode, Vec<u8>), Error> {
        let endpoint = node.endpoint();
        let mut attempts = 0;
        loop {
            attempts += 1;
            let mut request = self
                .http
                .post(endpoint.clone())
                .header(CONTENT_TYPE, "application/json")
                .body(body.clone());
            if let Some(auth) = node.auth().header()? {
                request = request.header(AUTHORIZATION, auth);
            }
            let outcome = match request.send().await {
                Ok(response) => {
                    let status = response.status();
                    response.bytes().await.map(|bytes| (status, bytes.to_vec()))
                }
                Err(e) => Err(e),
            };
            match outcome {
                Ok(reply) => return Ok(reply),
                Err(e) if e.is_connect() && attempts <= self.options.connect_retries => {
                    tracing::debug!(%node, method, attempts, error = %e, "node not reachable, retrying");
                    tokio::time::sleep(self.options.retry_delay).await;
                }
                Err(source) if source.is_connect() => {
                    return Err(Error::NodeUnreachable {
                        url: node.to_string(),
                        attempts,
                        source,
                    })
                }
                Err(e) if e.is_timeout() => {
                    return Err(Error::Timeout {
                        method: method.to_owned(),
                        url: node.to_string(),
                        timeout: self.options.request_timeout,
                    })
                }
                Err(source) => {
                    return Err(Error::Transport {
                        method: method.to_owned(),
                        url: node.to_string(),
                        source,
                    })
                }
            }
        }
    }
}

/// Turns an HTTP reply into the call's result or the most specific [`Error`].
pub(crate) fn decode_reply<T: DeserializeOwned>(
    call: CallContext<'_>,
    url: &str,
    status: StatusCode,
    body: &[u8],
) -> Result<T, Error> {
    if status == StatusCode::UNAUTHORIZED {
        return Err(Error::Unauthorized {
            url: url.to_owned(),
        });
    }
    let decode_error = |source| Error::Decode {
        method: call.method.to_owned(),
        source,
    };
    let first_try = serde_json::from_slice::<Reply<T>>(body);
    if let Ok(Reply {
        error: Some(error), ..
    }) = &first_try
    {
        return Err(Error::from_node(call, error.code, &error.message));
    }
    if !status.is_success() {
        // An error reply whose shape T did not like, or no JSON-RPC reply at all.
        if let Ok(Reply {
            error: Some(error), ..
        }) = serde_json::from_slice::<Reply<IgnoredAny>>(body)
        {
            return Err(Error::from_node(call, error.code, &error.message));
        }
        let text = String::from_utf8_lossy(body);
        return Err(Error::Http {
            method: call.method.to_owned(),
            url: url.to_owned(),
            status: status.as_u16(),
            body: text.chars().take(200).collect(),
        });
    }
    match first_try {
        Ok(Reply {
            result: Some(result),
            ..
        }) => Ok(result),
        // `null` result: fine for `()` and `Option<_>`, a decode error otherwise.
        Ok(Reply { result: None, .. }) => T::deserialize(Value::Null).map_err(decode_error),
        Err(source) => Err(decode_error(source)),
    }
}
