//! Issue 12: the issuer authorization webhook is no probe of the server's own network, and
//! its requests cannot be replayed.
//!
//! The issuer chooses the endpoint URL, so an issuer could aim it at loopback, private or
//! cloud-metadata addresses and read the outcome from the decision log. Without the
//! operator's allowance (`--authorizer-allow-ip`) such endpoints are never contacted; with
//! it, failures are logged as fixed codes (never the transport's error text or the HTTP
//! status), answers are read up to a few KB, and every signed request carries a timestamp
//! and a fresh nonce. Every refused transfer leaves the node's mempool empty.

#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

#[allow(dead_code)]
#[path = "wallet_e2e_support/mod.rs"]
mod support;
#[allow(dead_code)]
#[path = "transfers_e2e_support/mod.rs"]
mod transfers_support;
#[allow(dead_code)]
#[path = "transfers_tamper_support/mod.rs"]
mod world;

use serde_json::{json, Value};
use transfers_support::{sorted_compact, Behaviour, Endpoint};
use world::{world, world_allowing, World};

impl World {
    async fn set_endpoint(&self, url: &str) {
        let body =
            json!({"issuer_authorization_endpoint": url, "issuer_authorization_mode": "enforce"});
        let path = format!("assets/{}/edit", self.asset.0);
        self.issuer.ok("PUT", &path, Some(body)).await;
    }

    /// Alice's transfer to Bob is refused for the endpoint; returns the decision's
    /// endpoint record.
    async fn refused_by_endpoint(&self) -> Value {
        let bob = self.receive(1).await;
        let pset = self.signed(0, &bob, "10").await;
        self.assert_refused(0, &pset, "issuer_authorization_unavailable")
            .await;
        let path = format!("assets/{}/transfers/decisions", self.asset.0);
        let log = self.issuer.ok("GET", &path, None).await;
        let last = log.as_array().unwrap().last().unwrap().clone();
        assert_eq!(
            last["reason_code"], "issuer_authorization_unavailable",
            "{last}"
        );
        last
    }
}

#[tokio::test]
async fn endpoints_on_loopback_private_or_metadata_addresses_are_never_contacted() {
    let w = world_allowing(&[]).await;
    let endpoint = Endpoint::start().await;
    for url in [
        endpoint.url.as_str(),
        "https://localhost:9/hook",
        "https://169.254.169.254/latest/meta-data",
        "https://10.0.0.1/",
        "https://[::1]:9/",
    ] {
        w.set_endpoint(url).await;
        let decision = w.refused_by_endpoint().await;
        assert_eq!(decision["endpoint"]["answer"], "unavailable", "{decision}");
        assert_eq!(
            decision["endpoint"]["detail"], "endpoint_address_refused",
            "{decision}"
        );
    }
    assert!(
        endpoint.received.lock().unwrap().is_empty(),
        "a request got through"
    );
}

#[tokio::test]
async fn endpoint_failures_show_as_codes_answers_are_capped_and_requests_carry_a_nonce() {
    let w = world().await;
    let endpoint = Endpoint::start().await;
    w.set_endpoint(&endpoint.url).await;
    let cases = [
        (Behaviour::Huge, "endpoint_answer_too_large"),
        (Behaviour::Fail, "endpoint_http_error"),
    ];
    for (behaviour, code) in cases {
        endpoint.set(behaviour);
        let decision = w.refused_by_endpoint().await;
        assert_eq!(decision["endpoint"]["detail"], code, "{decision}");
        assert!(
            !decision["message"].as_str().unwrap().contains("500"),
            "{decision}"
        );
    }
    w.set_endpoint("http://127.0.0.1:9/nothing-listens").await;
    let decision = w.refused_by_endpoint().await;
    assert_eq!(
        decision["endpoint"]["detail"], "endpoint_unreachable",
        "{decision}"
    );
    let text = decision.to_string().to_lowercase();
    for leak in ["connection", "refused", "error sending", "tcp"] {
        assert!(
            !text.contains(leak),
            "transport text {leak:?} leaked: {decision}"
        );
    }

    // Each signed request carries a timestamp and its own nonce, under the signature.
    let requests = endpoint.received.lock().unwrap().clone();
    assert_eq!(requests.len(), 2);
    let key = w.issuer.ok("GET", "authorizer-key", None).await;
    for request in &requests {
        let message = &request["message"];
        let signed = sorted_compact(message);
        let signer =
            tessera_custody::recover_signer(&signed, request["signature"].as_str().unwrap());
        assert_eq!(
            signer.map(|k| k.to_string()).as_deref(),
            key["pubkey"].as_str()
        );
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_secs();
        let age = now.abs_diff(message["timestamp"].as_u64().unwrap());
        assert!(age < 120, "timestamp {} is not now", message["timestamp"]);
        assert_eq!(message["nonce"].as_str().unwrap().len(), 32);
    }
    assert_ne!(
        requests[0]["message"]["nonce"],
        requests[1]["message"]["nonce"]
    );
}
