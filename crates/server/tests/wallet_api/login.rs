//! Wallet login: a single-use, expiring challenge signed by the account's own key.

use crate::harness::{spawn_app, Auth, Investor, T0};
use axum::http::StatusCode;
use serde_json::json;
use tessera_app::managed::CHALLENGE_TTL_SECONDS;

#[tokio::test]
async fn a_login_signed_by_another_accounts_key_is_refused() {
    let t = spawn_app().await;
    let alice = t.wallet().await;
    let bob = t.wallet().await;
    let challenge = t.challenge(&alice.gaid).await.expect(StatusCode::OK)["challenge"]
        .as_str()
        .unwrap()
        .to_owned();

    let message = t
        .login(&alice.gaid, &challenge, &bob.investor.keys)
        .await
        .expect_error(StatusCode::UNAUTHORIZED, "invalid_signature");
    assert!(message.contains(&alice.gaid), "{message}");

    // A key that belongs to no account at all is refused the same way.
    let challenge = t.challenge(&alice.gaid).await.expect(StatusCode::OK)["challenge"]
        .as_str()
        .unwrap()
        .to_owned();
    t.login(&alice.gaid, &challenge, &Investor::generate().keys)
        .await
        .expect_error(StatusCode::UNAUTHORIZED, "invalid_signature");
}

#[tokio::test]
async fn a_challenge_is_accepted_once_only() {
    let t = spawn_app().await;
    let w = t.wallet().await;
    let challenge = t.challenge(&w.gaid).await.expect(StatusCode::OK)["challenge"]
        .as_str()
        .unwrap()
        .to_owned();

    let token = t
        .login(&w.gaid, &challenge, &w.investor.keys)
        .await
        .expect(StatusCode::OK)["token"]
        .as_str()
        .unwrap()
        .to_owned();
    t.get("/api/wallet/account", Auth::Wallet(&token))
        .await
        .expect(StatusCode::OK);

    t.login(&w.gaid, &challenge, &w.investor.keys)
        .await
        .expect_error(StatusCode::UNAUTHORIZED, "invalid_challenge");
}

#[tokio::test]
async fn a_challenge_refused_for_a_wrong_signature_cannot_be_retried() {
    let t = spawn_app().await;
    let w = t.wallet().await;
    let challenge = t.challenge(&w.gaid).await.expect(StatusCode::OK)["challenge"]
        .as_str()
        .unwrap()
        .to_owned();
    t.login(&w.gaid, &challenge, &Investor::generate().keys)
        .await
        .expect_error(StatusCode::UNAUTHORIZED, "invalid_signature");

    t.login(&w.gaid, &challenge, &w.investor.keys)
        .await
        .expect_error(StatusCode::UNAUTHORIZED, "invalid_challenge");
}

#[tokio::test]
async fn an_expired_challenge_is_refused() {
    let t = spawn_app().await;
    let w = t.wallet().await;
    let challenge = t.challenge(&w.gaid).await.expect(StatusCode::OK)["challenge"]
        .as_str()
        .unwrap()
        .to_owned();

    t.clock.advance(CHALLENGE_TTL_SECONDS);

    t.login(&w.gaid, &challenge, &w.investor.keys)
        .await
        .expect_error(StatusCode::UNAUTHORIZED, "invalid_challenge");
}

#[tokio::test]
async fn a_challenge_issued_to_one_account_does_not_log_in_another() {
    let t = spawn_app().await;
    let alice = t.wallet().await;
    let bob = t.wallet().await;
    let challenge = t.challenge(&alice.gaid).await.expect(StatusCode::OK)["challenge"]
        .as_str()
        .unwrap()
        .to_owned();

    t.login(&bob.gaid, &challenge, &bob.investor.keys)
        .await
        .expect_error(StatusCode::UNAUTHORIZED, "invalid_challenge");
}

#[tokio::test]
async fn challenges_for_unknown_or_malformed_gaids_are_refused() {
    let t = spawn_app().await;
    let unknown = Investor::generate()
        .descriptor(&t.cosigner.account_key(3).unwrap())
        .gaid();
    let message = t
        .challenge(unknown.as_str())
        .await
        .expect_error(StatusCode::NOT_FOUND, "unknown_account");
    assert!(message.contains(unknown.as_str()), "{message}");

    let reply = t.challenge("GAnotagaid").await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{}", reply.body);
}

#[tokio::test]
async fn malformed_challenges_and_signatures_are_bad_requests() {
    let t = spawn_app().await;
    let w = t.wallet().await;
    let body = json!({ "gaid": w.gaid, "challenge": "zz", "signature": "3044" });
    t.post("/api/wallet/login", Auth::None, body)
        .await
        .expect_error(StatusCode::BAD_REQUEST, "invalid_challenge");
    let challenge = t.challenge(&w.gaid).await.expect(StatusCode::OK)["challenge"]
        .as_str()
        .unwrap()
        .to_owned();
    let body = json!({ "gaid": w.gaid, "challenge": challenge, "signature": "not hex" });
    t.post("/api/wallet/login", Auth::None, body)
        .await
        .expect_error(StatusCode::BAD_REQUEST, "invalid_signature");
}

#[tokio::test]
async fn a_wallet_token_expires_with_the_configured_lifetime() {
    let t = spawn_app().await;
    let w = t.wallet().await;
    t.clock.advance(24 * 3600 - 1);
    t.get("/api/wallet/account", Auth::Wallet(&w.token))
        .await
        .expect(StatusCode::OK);
    t.clock.advance(1);
    assert_eq!(t.app.now(), T0 + 24 * 3600);
    t.get("/api/wallet/account", Auth::Wallet(&w.token))
        .await
        .expect_error(StatusCode::UNAUTHORIZED, "invalid_token");
}
