//! The outbound call to an issuer's authorization endpoint (AMP's `issuerauthorizer`).
//!
//! An issuer who sets an endpoint takes over the category rules for its asset, so this
//! call is part of the co-signer's decision and must never approve by accident: it FAILS
//! CLOSED (no answer in time, an error status, a redirect, a body that is not
//! `{"result": bool}` all refuse), it is made once (a retry could approve a request the
//! first call refused, or approve twice), redirects are not followed, and it only goes to
//! `https` endpoints — `http` only to a loopback host when the server was started with the
//! development flag. The request is signed with the platform's message key over the
//! message's canonical JSON (compact, keys sorted: Python's
//! `json.dumps(m, separators=(',', ':'), sort_keys=True)`), so the issuer can check it
//! came from this platform.

use serde_json::Value;
use std::fmt::Write as _;
use std::net::IpAddr;
use std::time::{Duration, Instant};
use tessera_custody::MessageKey;

/// How the platform calls authorization endpoints.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AuthorizerConfig {
    /// How long to wait for an answer.
    pub timeout: Duration,
    /// Accept `http://` endpoints on a loopback host (development only).
    pub allow_http_loopback: bool,
}

impl Default for AuthorizerConfig {
    fn default() -> Self {
        Self {
            timeout: Duration::from_secs(5),
            allow_http_loopback: false,
        }
    }
}

/// What the endpoint said.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EndpointAnswer {
    /// `{"result": true}`.
    Allowed,
    /// `{"result": false, "error": ...}`.
    Refused {
        /// The issuer's `error` text.
        error: String,
    },
    /// No usable answer (fail closed).
    Unavailable {
        /// Why.
        why: String,
    },
}

impl EndpointAnswer {
    /// Stable name for logs and the decision log.
    pub fn as_str(&self) -> &'static str {
        match self {
            Self::Allowed => "allowed",
            Self::Refused { .. } => "refused",
            Self::Unavailable { .. } => "unavailable",
        }
    }

    /// The answer as the core decision takes it.
    pub fn to_core(&self) -> tessera_core::transfer_rules::AuthorizerAnswer {
        use tessera_core::transfer_rules::AuthorizerAnswer as A;
        match self {
            Self::Allowed => A::Allowed,
            Self::Refused { .. } => A::Refused,
            Self::Unavailable { .. } => A::Unavailable,
        }
    }
}

/// One call's outcome.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EndpointCall {
    /// The answer.
    pub answer: EndpointAnswer,
    /// Milliseconds from sending to the answer (or the failure).
    pub latency_ms: u64,
}

/// The HTTP client of authorization endpoints.
#[derive(Debug, Clone)]
pub struct Authorizer {
    http: Option<reqwest::Client>,
    config: AuthorizerConfig,
}

impl Authorizer {
    /// A client with this configuration (no proxy from the environment, no redirects).
    pub fn new(config: AuthorizerConfig) -> Self {
        let http = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .timeout(config.timeout)
            .no_proxy()
            .build()
            .ok();
        Self { http, config }
    }

    /// The configuration.
    pub fn config(&self) -> AuthorizerConfig {
        self.config
    }

    /// The URL that receives requests for `endpoint`, or why it may not be called.
    pub fn target(&self, endpoint: &str) -> Result<url::Url, String> {
        let base = endpoint.trim_end_matches('/');
        let url = url::Url::parse(&format!("{base}/issuerauthorizer"))
            .map_err(|e| format!("endpoint {endpoint:?} is not a URL: {e}"))?;
        match url.scheme() {
            "https" => Ok(url),
            "http" if self.config.allow_http_loopback && is_loopback(&url) => Ok(url),
            "http" => Err(format!(
                "endpoint {endpoint:?} is plain http; only https endpoints are called (http to a loopback host only with --authorizer-allow-http-loopback)"
            )),
            other => Err(format!("endpoint {endpoint:?} has unsupported scheme {other:?}")),
        }
    }

    /// Signs `message` and POSTs `{"message", "signature"}` to the endpoint, once.
    pub async fn ask(&self, endpoint: &str, message: &Value, key: &MessageKey) -> EndpointCall {
        let started = Instant::now();
        let answer = self.ask_inner(endpoint, message, key).await;
        let latency_ms = u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX);
        EndpointCall { answer, latency_ms }
    }

    async fn ask_inner(&self, endpoint: &str, message: &Value, key: &MessageKey) -> EndpointAnswer {
        let unavailable = |why: String| EndpointAnswer::Unavailable { why };
        let url = match self.target(endpoint) {
            Ok(url) => url,
            Err(why) => return unavailable(why),
        };
        let Some(http) = &self.http else {
            return unavailable("the platform has no HTTP client".into());
        };
        let signature = key.sign(&canonical_json(message));
        let body = serde_json::json!({ "message": message, "signature": signature });
        let response = match http.post(url).json(&body).send().await {
            Ok(r) => r,
            Err(e) if e.is_timeout() => return unavailable("no answer within the timeout".into()),
            Err(e) => return unavailable(format!("endpoint unreachable: {e}")),
        };
        let status = response.status();
        if !status.is_success() {
            return unavailable(format!("endpoint answered HTTP {status}"));
        }
        match response.bytes().await {
            Ok(bytes) => parse_answer(&bytes),
            Err(e) if e.is_timeout() => unavailable("no answer within the timeout".into()),
            Err(e) => unavailable(format!("reading the answer failed: {e}")),
        }
    }
}

/// Reads `{"result": bool, "error": str}`; anything else is unavailable.
pub fn parse_answer(bytes: &[u8]) -> EndpointAnswer {
    let Ok(Value::Object(map)) = serde_json::from_slice::<Value>(bytes) else {
        return EndpointAnswer::Unavailable {
            why: "the answer is not a JSON object".into(),
        };
    };
    let error = map
        .get("error")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned();
    match map.get("result") {
        Some(Value::Bool(true)) => EndpointAnswer::Allowed,
        Some(Value::Bool(false)) => EndpointAnswer::Refused { error },
        _ => EndpointAnswer::Unavailable {
            why: "the answer has no boolean \"result\"".into(),
        },
    }
}

fn is_loopback(url: &url::Url) -> bool {
    match url.host() {
        Some(url::Host::Ipv4(ip)) => IpAddr::V4(ip).is_loopback(),
        Some(url::Host::Ipv6(ip)) => IpAddr::V6(ip).is_loopback(),
        Some(url::Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
        None => false,
    }
}

/// `value` as Python's `json.dumps(value, separators=(',', ':'), sort_keys=True)` writes
/// it (ASCII only: other characters as `\uXXXX` escapes, as Python's default does).
pub fn canonical_json(value: &Value) -> String {
    let mut out = String::new();
    write_canonical(value, &mut out);
    out
}

fn write_canonical(value: &Value, out: &mut String) {
    match value {
        Value::Object(map) => {
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort();
            out.push('{');
            for (i, key) in keys.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_string(key, out);
                out.push(':');
                if let Some(v) = map.get(key) {
                    write_canonical(v, out);
                }
            }
            out.push('}');
        }
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_canonical(item, out);
            }
            out.push(']');
        }
        Value::String(s) => write_string(s, out),
        other => out.push_str(&other.to_string()),
    }
}

fn write_string(s: &str, out: &mut String) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{08}' => out.push_str("\\b"),
            '\u{0c}' => out.push_str("\\f"),
            c if (c as u32) < 0x20 || (c as u32) > 0x7e => {
                let mut units = [0u16; 2];
                for unit in c.encode_utf16(&mut units) {
                    let _ = write!(out, "\\u{unit:04x}");
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use serde_json::json;

    #[test]
    fn canonical_json_is_pythons_sorted_compact_form() {
        let v = json!({"b": [1, true, null], "a": {"z": "é\"", "y": 2}});
        assert_eq!(
            canonical_json(&v),
            r#"{"a":{"y":2,"z":"\u00e9\""},"b":[1,true,null]}"#
        );
    }

    #[test]
    fn only_https_or_allowed_loopback_http_endpoints_are_called() {
        let strict = Authorizer::new(AuthorizerConfig::default());
        assert!(strict.target("https://issuer.example/api").is_ok());
        assert!(strict.target("http://127.0.0.1:9/").is_err());
        let dev = Authorizer::new(AuthorizerConfig {
            allow_http_loopback: true,
            ..AuthorizerConfig::default()
        });
        let url = dev.target("http://127.0.0.1:9/hook/").unwrap();
        assert_eq!(url.as_str(), "http://127.0.0.1:9/hook/issuerauthorizer");
        assert!(dev.target("http://issuer.example/").is_err());
        assert!(dev.target("ftp://127.0.0.1/").is_err());
    }

    #[test]
    fn answers_other_than_a_boolean_result_fail_closed() {
        assert_eq!(parse_answer(br#"{"result":true}"#), EndpointAnswer::Allowed);
        assert_eq!(
            parse_answer(br#"{"result":false,"error":"no"}"#),
            EndpointAnswer::Refused { error: "no".into() }
        );
        for bad in [
            &br#"{"result":"true"}"#[..],
            b"[]",
            b"",
            br#"{"error":"x"}"#,
        ] {
            assert_eq!(parse_answer(bad).as_str(), "unavailable");
        }
    }
}
