use crate::harness::*;
use axum::body::Body;
use axum::http::{Method, Request, StatusCode};
use serde_json::json;

#[tokio::test]
async fn login_hands_out_a_token_that_opens_the_api() {
    let t = spawn_app().await;
    let token = t.issuer("acme").await;
    assert_eq!(token.len(), 64);
    t.get("/api/registered_users", &token)
        .await
        .expect(StatusCode::OK);
}

#[tokio::test]
async fn wrong_password_and_unknown_user_are_refused_alike() {
    let t = spawn_app().await;
    t.issuer("acme").await;
    let wrong = t
        .login("acme", "not the password")
        .await
        .expect_error(StatusCode::BAD_REQUEST, "invalid_credentials");
    let unknown = t
        .login("nobody", PASSWORD)
        .await
        .expect_error(StatusCode::BAD_REQUEST, "invalid_credentials");
    assert_eq!(wrong, unknown);
    t.login("x y", PASSWORD)
        .await
        .expect_error(StatusCode::BAD_REQUEST, "invalid_credentials");
}

#[tokio::test]
async fn login_accepts_a_form_body() {
    let t = spawn_app().await;
    t.issuer("acme").await;
    let req = Request::builder()
        .method(Method::POST)
        .uri("/api/user/obtain_token")
        .header("content-type", "application/x-www-form-urlencoded")
        .body(Body::from("username=acme&password=correct+horse+battery"))
        .unwrap();
    let body = t.raw(req).await.expect(StatusCode::OK);
    assert_eq!(body["token"].as_str().unwrap().len(), 64);
}

#[tokio::test]
async fn missing_malformed_and_unknown_tokens_get_401() {
    let t = spawn_app().await;
    t.issuer("acme").await;
    t.call(Method::GET, "/api/registered_users", None, None)
        .await
        .expect_error(StatusCode::UNAUTHORIZED, "unauthenticated");
    t.get("/api/registered_users", "deadbeef")
        .await
        .expect_error(StatusCode::UNAUTHORIZED, "invalid_token");
    let req = Request::builder()
        .uri("/api/registered_users")
        .header("authorization", "Basic abc")
        .body(Body::empty())
        .unwrap();
    t.raw(req)
        .await
        .expect_error(StatusCode::UNAUTHORIZED, "unauthenticated");
}

#[tokio::test]
async fn tokens_expire_after_24_hours() {
    let t = spawn_app().await;
    let token = t.issuer("acme").await;
    t.clock.advance(24 * 3600 - 1);
    t.get("/api/registered_users", &token)
        .await
        .expect(StatusCode::OK);
    t.clock.advance(1);
    t.get("/api/registered_users", &token)
        .await
        .expect_error(StatusCode::UNAUTHORIZED, "invalid_token");
}

#[tokio::test]
async fn refresh_replaces_the_token_under_both_spellings() {
    let t = spawn_app().await;
    let first = t.issuer("acme").await;
    for path in ["/api/user/refresh-token", "/api/user/refresh_token"] {
        let old = t.login("acme", PASSWORD).await.expect(StatusCode::OK)["token"]
            .as_str()
            .unwrap()
            .to_owned();
        t.clock.advance(3600);
        let fresh = t.post(path, &old, json!({})).await.expect(StatusCode::OK)["token"]
            .as_str()
            .unwrap()
            .to_owned();
        assert_ne!(fresh, old);
        t.get("/api/registered_users", &old)
            .await
            .expect_error(StatusCode::UNAUTHORIZED, "invalid_token");
        t.get("/api/registered_users", &fresh)
            .await
            .expect(StatusCode::OK);
    }
    // Other sessions are unaffected by a refresh.
    t.get("/api/registered_users", &first)
        .await
        .expect(StatusCode::OK);
    t.call(Method::POST, "/api/user/refresh-token", None, None)
        .await
        .expect_error(StatusCode::UNAUTHORIZED, "unauthenticated");
}

#[tokio::test]
async fn change_password_revokes_old_tokens_under_both_spellings() {
    let t = spawn_app().await;
    let token = t.issuer("acme").await;
    let body = t
        .post(
            "/api/user/change-password",
            &token,
            json!({ "password": "a new passphrase", "current_password": PASSWORD }),
        )
        .await
        .expect(StatusCode::OK);
    assert_eq!(body["username"], "acme");
    assert_ne!(body["password"], "a new passphrase");
    let fresh = body["token"].as_str().unwrap().to_owned();
    t.get("/api/registered_users", &token)
        .await
        .expect_error(StatusCode::UNAUTHORIZED, "invalid_token");
    t.get("/api/registered_users", &fresh)
        .await
        .expect(StatusCode::OK);
    t.login("acme", PASSWORD)
        .await
        .expect_error(StatusCode::BAD_REQUEST, "invalid_credentials");
    t.login("acme", "a new passphrase")
        .await
        .expect(StatusCode::OK);
    t.post(
        "/api/user/change_password",
        &fresh,
        json!({ "password": "third passphrase", "current_password": "a new passphrase" }),
    )
    .await
    .expect(StatusCode::OK);
    t.login("acme", "third passphrase")
        .await
        .expect(StatusCode::OK);
}

#[tokio::test]
async fn a_refused_password_change_changes_nothing() {
    let t = spawn_app().await;
    let token = t.issuer("acme").await;
    t.post(
        "/api/user/change-password",
        &token,
        json!({ "password": "short", "current_password": PASSWORD }),
    )
    .await
    .expect_error(StatusCode::BAD_REQUEST, "invalid_password");
    t.post(
        "/api/user/change-password",
        &token,
        json!({ "pasword": "typo in field", "current_password": PASSWORD }),
    )
    .await
    .expect_error(StatusCode::BAD_REQUEST, "invalid_body");
    // Issue 13: a token alone cannot change the password.
    t.post(
        "/api/user/change-password",
        &token,
        json!({ "password": "a new passphrase" }),
    )
    .await
    .expect_error(StatusCode::BAD_REQUEST, "invalid_body");
    t.post(
        "/api/user/change-password",
        &token,
        json!({ "password": "a new passphrase", "current_password": "not the password" }),
    )
    .await
    .expect_error(StatusCode::BAD_REQUEST, "wrong_current_password");
    t.get("/api/registered_users", &token)
        .await
        .expect(StatusCode::OK);
    t.login("acme", PASSWORD).await.expect(StatusCode::OK);
}
