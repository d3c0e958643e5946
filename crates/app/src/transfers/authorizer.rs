//! The outbound call to an issuer's authorization endpoint (AMP's `issuerauthorizer`).
//!
//! An issuer who sets an endpoint takes over the category rules for its asset, so this
//! call is part of the co-signer's decision and must never approve by accident: it FAILS
//! CLOSED (no answer in time, an error status, a redirect, a body that is not
//! `{"result": bool}` all refuse), it is made once (a retry could approve a request the
//! first call refused, or approve twice), redirects are not followed, and it only goes to
//! `https` endpoints — `http` only to a loopback host when the server was started with the
//! development flag.
//!
//! The endpoint URL is the issuer's to choose, so the call must not make the server a probe
//! of its own network: the host is resolved first and every address it resolves to must be
//! public — loopback, private, link-local (cloud metadata), shared, documentation,
//! multicast and unspecified addresses are refused unless the operator lists them
//! (`--authorizer-allow-ip`) — and the connection is pinned to the address that was checked
//! (no second lookup that could answer differently). The answer is read up to
//! [`MAX_ANSWER_BYTES`]. What goes back to callers (decision log, transfer answer) is a
//! fixed [`Unavailable`](EndpointAnswer::Unavailable) code, never the transport's error
//! text or the HTTP status; the details go to the server's own log.
//!
//! The request is signed with the platform's message key over the message's canonical
//! JSON (compact, keys sorted: Python's `json.dumps(m, separators=(',', ':'),
//! sort_keys=True)`), so the issuer can check it came from this platform; the message
//! carries a `timestamp` (unix seconds) and a random `nonce` (32 hex digits) so a captured
//! request cannot be replayed (see the README, "Issuer authorization endpoints").

use rand::RngCore;
use serde_json::Value;
use std::fmt::Write as _;
use std::net::{IpAddr, SocketAddr};
use std::time::{Duration, Instant};
use tessera_custody::MessageKey;

/// The longest answer read from an endpoint; `{"result": false, "error": "…"}` fits easily.
pub const MAX_ANSWER_BYTES: usize = 4096;

/// How the platform calls authorization endpoints.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuthorizerConfig {
    /// How long to wait for an answer.
    pub timeout: Duration,
    /// Accept `http://` endpoints on a loopback host (development only).
    pub allow_http_loopback: bool,
    /// Non-public addresses the operator allows endpoints to resolve to (e.g. `127.0.0.1`
    /// for a local test endpoint, or an issuer's endpoint on a private network).
    pub allowed_ips: Vec<IpAddr>,
}

impl Default for AuthorizerConfig {
    fn default() -> Self {
        Self {
            timeout: Duration::from_secs(5),
            allow_http_loopback: false,
            allowed_ips: Vec::new(),
        }
    }
}

/// Why an endpoint gave no usable answer. The codes are all a caller sees: they say what
/// kind of failure it was without echoing anything the network said.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unavailable {
    /// The endpoint is not an allowed URL (scheme, syntax).
    EndpointNotAllowed,
    /// The host did not resolve.
    EndpointUnresolved,
    /// The host resolves to an address that is not public and not allowed.
    EndpointAddressRefused,
    /// No connection, or the connection failed.
    EndpointUnreachable,
    /// No answer within the timeout.
    EndpointTimeout,
    /// A status other than 2xx (redirects included).
    EndpointHttpError,
    /// The answer is larger than [`MAX_ANSWER_BYTES`].
    EndpointAnswerTooLarge,
    /// The answer is not `{"result": bool}`.
    EndpointBadAnswer,
    /// The platform could not make an HTTP client.
    PlatformError,
}

impl Unavailable {
    /// The stable code (shown in the decision log's `detail`).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::EndpointNotAllowed => "endpoint_not_allowed",
            Self::EndpointUnresolved => "endpoint_unresolved",
            Self::EndpointAddressRefused => "endpoint_address_refused",
            Self::EndpointUnreachable => "endpoint_unreachable",
            Self::EndpointTimeout => "endpoint_timeout",
            Self::EndpointHttpError => "endpoint_http_error",
            Self::EndpointAnswerTooLarge => "endpoint_answer_too_large",
            Self::EndpointBadAnswer => "endpoint_bad_answer",
            Self::PlatformError => "platform_error",
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
        /// Why, as a code.
        why: Unavailable,
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
    config: AuthorizerConfig,
}

impl Authorizer {
    /// A client with this configuration (no proxy from the environment, no redirects).
    pub fn new(config: AuthorizerConfig) -> Self {
        Self { config }
    }

    /// The configuration.
    pub fn config(&self) -> &AuthorizerConfig {
        &self.config
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

    /// Whether an endpoint may connect to `ip`: a public address, or one the operator
    /// listed.
    pub fn may_connect(&self, ip: IpAddr) -> bool {
        self.config.allowed_ips.contains(&ip) || is_public(ip)
    }

    /// The address to connect to for `url`: its host resolved, every address checked.
    pub async fn checked_address(&self, url: &url::Url) -> Result<SocketAddr, Unavailable> {
        let port = url
            .port_or_known_default()
            .ok_or(Unavailable::EndpointNotAllowed)?;
        let addresses: Vec<SocketAddr> = match url.host() {
            Some(url::Host::Ipv4(ip)) => vec![SocketAddr::new(IpAddr::V4(ip), port)],
            Some(url::Host::Ipv6(ip)) => vec![SocketAddr::new(IpAddr::V6(ip), port)],
            Some(url::Host::Domain(name)) => tokio::net::lookup_host((name, port))
                .await
                .map_err(|_| Unavailable::EndpointUnresolved)?
                .collect(),
            None => return Err(Unavailable::EndpointNotAllowed),
        };
        // All of them, not just the first: a name answering one public and one private
        // address is refused whole.
        if addresses.iter().any(|a| !self.may_connect(a.ip())) {
            return Err(Unavailable::EndpointAddressRefused);
        }
        addresses
            .first()
            .copied()
            .ok_or(Unavailable::EndpointUnresolved)
    }

    /// Adds `timestamp` (`now`, unix seconds) and a fresh `nonce` to `message`, signs it
    /// and POSTs `{"message", "signature"}` to the endpoint, once.
    pub async fn ask(
        &self,
        endpoint: &str,
        message: &Value,
        key: &MessageKey,
        now: i64,
    ) -> EndpointCall {
        let started = Instant::now();
        let message = stamped(message, now);
        let answer = match self.ask_inner(endpoint, &message, key).await {
            Ok(answer) => answer,
            Err(why) => {
                tracing::warn!(
                    endpoint,
                    why = why.as_str(),
                    "authorization endpoint unavailable"
                );
                EndpointAnswer::Unavailable { why }
            }
        };
        let latency_ms = u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX);
        EndpointCall { answer, latency_ms }
    }

    async fn ask_inner(
        &self,
        endpoint: &str,
        message: &Value,
        key: &MessageKey,
    ) -> Result<EndpointAnswer, Unavailable> {
        let url = self.target(endpoint).map_err(|why| {
            tracing::warn!(%why, "authorization endpoint not allowed");
            Unavailable::EndpointNotAllowed
        })?;
        let address = self.checked_address(&url).await?;
        let mut builder = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .timeout(self.config.timeout)
            .no_proxy();
        if let Some(url::Host::Domain(name)) = url.host() {
            // Pinned: the connection goes to the address just checked, whatever a second
            // lookup would say (DNS rebinding).
            builder = builder.resolve(name, address);
        }
        let http = builder.build().map_err(|_| Unavailable::PlatformError)?;
        let signature = key.sign(&canonical_json(message));
        let body = serde_json::json!({ "message": message, "signature": signature });
        let mut response = http.post(url).json(&body).send().await.map_err(|e| {
            tracing::warn!(error = %e, "authorization endpoint call failed");
            if e.is_timeout() {
                Unavailable::EndpointTimeout
            } else {
                Unavailable::EndpointUnreachable
            }
        })?;
        let status = response.status();
        if !status.is_success() {
            tracing::warn!(%status, "authorization endpoint answered an error status");
            return Err(Unavailable::EndpointHttpError);
        }
        if response
            .content_length()
            .is_some_and(|n| n > MAX_ANSWER_BYTES as u64)
        {
            return Err(Unavailable::EndpointAnswerTooLarge);
        }
        let mut bytes = Vec::new();
        while let Some(chunk) = response.chunk().await.map_err(|e| {
            if e.is_timeout() {
                Unavailable::EndpointTimeout
            } else {
                Unavailable::EndpointUnreachable
            }
        })? {
            if bytes.len() + chunk.len() > MAX_ANSWER_BYTES {
                return Err(Unavailable::EndpointAnswerTooLarge);
            }
            bytes.extend_from_slice(&chunk);
        }
        Ok(parse_answer(&bytes))
    }
}

/// `message` with `timestamp` and a fresh random `nonce` (16 bytes as hex) added.
fn stamped(message: &Value, now: i64) -> Value {
    let mut nonce = [0u8; 16];
    rand::thread_rng().fill_bytes(&mut nonce);
    let mut message = message.clone();
    if let Value::Object(map) = &mut message {
        map.insert("timestamp".into(), Value::from(now));
        map.insert("nonce".into(), Value::from(hex::encode(nonce)));
    }
    message
}

/// Whether `ip` is an ordinary public unicast address (RFC 6890 special-purpose ranges,
/// cloud metadata at 169.254.169.254 and IPv4-mapped forms of them are not).
pub fn is_public(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => {
            let [a, b, ..] = v4.octets();
            !(v4.is_unspecified()
                || v4.is_loopback()
                || v4.is_private()
                || v4.is_link_local()
                || v4.is_broadcast()
                || v4.is_documentation()
                || v4.is_multicast()
                || a == 0
                || (a == 100 && (64..128).contains(&b)) // shared address space (CGNAT)
                || (a == 192 && b == 0 && v4.octets()[2] == 0) // IETF protocol assignments
                || (a == 198 && (18..20).contains(&b)) // benchmarking
                || a >= 240) // reserved
        }
        IpAddr::V6(v6) => {
            if let Some(v4) = v6.to_ipv4_mapped() {
                return is_public(IpAddr::V4(v4));
            }
            let first = v6.segments()[0];
            !(v6.is_unspecified()
                || v6.is_loopback()
                || v6.is_multicast()
                || (first & 0xfe00) == 0xfc00 // unique local
                || (first & 0xffc0) == 0xfe80 // link local
                || (first == 0x2001 && v6.segments()[1] == 0x0db8) // documentation
                || (first == 0x0064 && v6.segments()[1] == 0xff9b)) // NAT64 to anything
        }
    }
}

/// Reads `{"result": bool, "error": str}`; anything else is unavailable.
pub fn parse_answer(bytes: &[u8]) -> EndpointAnswer {
    let Ok(Value::Object(map)) = serde_json::from_slice::<Value>(bytes) else {
        return EndpointAnswer::Unavailable {
            why: Unavailable::EndpointBadAnswer,
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
            why: Unavailable::EndpointBadAnswer,
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
    fn only_public_or_listed_addresses_may_be_called() {
        let strict = Authorizer::new(AuthorizerConfig::default());
        for private in [
            "127.0.0.1",
            "10.1.2.3",
            "172.16.0.1",
            "192.168.1.1",
            "169.254.169.254",
            "100.64.0.1",
            "0.0.0.0",
            "255.255.255.255",
            "::1",
            "::",
            "fe80::1",
            "fd00::1",
            "::ffff:127.0.0.1",
            "::ffff:169.254.169.254",
        ] {
            let ip: IpAddr = private.parse().unwrap();
            assert!(!strict.may_connect(ip), "{private} must be refused");
        }
        for public in ["93.184.216.34", "1.1.1.1", "2606:4700:4700::1111"] {
            assert!(strict.may_connect(public.parse().unwrap()), "{public}");
        }
        let listed = Authorizer::new(AuthorizerConfig {
            allowed_ips: vec!["127.0.0.1".parse().unwrap()],
            ..AuthorizerConfig::default()
        });
        assert!(listed.may_connect("127.0.0.1".parse().unwrap()));
        assert!(!listed.may_connect("127.0.0.2".parse().unwrap()));
    }

    #[tokio::test]
    async fn a_host_resolving_to_a_private_address_is_refused_before_any_connection() {
        let strict = Authorizer::new(AuthorizerConfig::default());
        for endpoint in [
            "https://localhost:9/",
            "https://127.0.0.1:9/",
            "https://[::1]:9/",
        ] {
            let url = strict.target(endpoint).unwrap();
            assert_eq!(
                strict.checked_address(&url).await,
                Err(Unavailable::EndpointAddressRefused),
                "{endpoint}"
            );
        }
    }

    #[test]
    fn the_signed_message_carries_a_timestamp_and_a_fresh_nonce() {
        let m = json!({"server_result": true, "request": {}});
        let (a, b) = (stamped(&m, 1_800_000_000), stamped(&m, 1_800_000_000));
        assert_eq!(a["timestamp"], 1_800_000_000);
        assert_eq!(a["nonce"].as_str().unwrap().len(), 32);
        assert_ne!(a["nonce"], b["nonce"]);
        assert_eq!(a["request"], m["request"]);
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
            assert_eq!(
                parse_answer(bad),
                EndpointAnswer::Unavailable {
                    why: Unavailable::EndpointBadAnswer
                }
            );
        }
    }
}
