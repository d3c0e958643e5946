//! The issuer's side: validation, unknown ids, other issuers' managers, one username
//! namespace, and password changes.

use crate::harness::*;
use axum::http::{Method, StatusCode};
use serde_json::json;

#[tokio::test]
async fn invalid_requests_are_refused_and_change_nothing() {
    let t = spawn_app().await;
    let issuer = t.issuer("abcompany").await;
    let a = t.asset("abcompany", 1).await;
    let id = t.manager(&issuer, "carol").await;
    let before = t.get("/api/managers", &issuer).await.expect(StatusCode::OK);
    let create = |u: &str, p: &str| json!({"username": u, "password": p});

    t.post(
        "/api/managers/create",
        &issuer,
        create("bad name", PASSWORD),
    )
    .await
    .expect_error(StatusCode::BAD_REQUEST, "invalid_username");
    t.post("/api/managers/create", &issuer, create("dave", "short"))
        .await
        .expect_error(StatusCode::BAD_REQUEST, "invalid_password");
    t.post("/api/managers/create", &issuer, json!({"username": "dave"}))
        .await
        .expect_error(StatusCode::BAD_REQUEST, "invalid_body");
    t.post("/api/managers/create", &issuer, create("carol", PASSWORD))
        .await
        .expect_error(StatusCode::BAD_REQUEST, "username_taken");
    t.post(
        "/api/managers/create",
        &issuer,
        create("abcompany", PASSWORD),
    )
    .await
    .expect_error(StatusCode::BAD_REQUEST, "username_taken");
    t.get("/api/managers/4242", &issuer)
        .await
        .expect_error(StatusCode::NOT_FOUND, "manager_not_found");
    t.put("/api/managers/4242/unlock", &issuer, None)
        .await
        .expect_error(StatusCode::NOT_FOUND, "manager_not_found");
    t.put(&format!("/api/managers/4242/assets/{a}/add"), &issuer, None)
        .await
        .expect_error(StatusCode::NOT_FOUND, "manager_not_found");
    let unknown = "0e0e0e0e-1111-4222-8333-444455556666";
    t.put(
        &format!("/api/managers/{id}/assets/{unknown}/add"),
        &issuer,
        None,
    )
    .await
    .expect_error(StatusCode::NOT_FOUND, "asset_not_found");
    t.put(
        &format!("/api/managers/{id}/assets/nope/add"),
        &issuer,
        None,
    )
    .await
    .expect_error(StatusCode::BAD_REQUEST, "invalid_path");
    let pw = json!({"password": "short"});
    t.post(&format!("/api/managers/{id}/change-password"), &issuer, pw)
        .await
        .expect_error(StatusCode::BAD_REQUEST, "invalid_password");
    t.get("/api/managers/me", &issuer)
        .await
        .expect_error(StatusCode::NOT_FOUND, "manager_not_found");
    assert_eq!(
        t.get("/api/managers", &issuer).await.expect(StatusCode::OK),
        before
    );
}

#[tokio::test]
async fn another_issuers_managers_behave_as_unknown() {
    let t = spawn_app().await;
    let issuer = t.issuer("abcompany").await;
    let other = t.issuer("othercorp").await;
    let theirs = t.asset("othercorp", 2).await;
    let mine = t.asset("abcompany", 1).await;
    let id = t.manager(&issuer, "carol").await;
    assert_eq!(
        t.get("/api/managers", &other).await.expect(StatusCode::OK),
        json!([])
    );
    for (method, path) in [
        (Method::GET, format!("/api/managers/{id}")),
        (Method::PUT, format!("/api/managers/{id}/unlock")),
        (
            Method::PUT,
            format!("/api/managers/{id}/assets/{theirs}/add"),
        ),
        (
            Method::POST,
            format!("/api/managers/{id}/assets/{theirs}/remove"),
        ),
    ] {
        t.call(method, &path, Some(&other), None)
            .await
            .expect_error(StatusCode::NOT_FOUND, "manager_not_found");
    }
    // Nor can an issuer grant another issuer's asset to its own manager.
    t.put(
        &format!("/api/managers/{id}/assets/{theirs}/add"),
        &issuer,
        None,
    )
    .await
    .expect_error(StatusCode::NOT_FOUND, "asset_not_found");
    let m = t
        .get(&format!("/api/managers/{id}"), &issuer)
        .await
        .expect(StatusCode::OK);
    assert_eq!(m["is_locked"], true);
    assert_eq!(m["assets"], json!([]));
    // Grants are idempotent and `remove` accepts PUT.
    for _ in 0..2 {
        t.put(
            &format!("/api/managers/{id}/assets/{mine}/add"),
            &issuer,
            None,
        )
        .await
        .expect(StatusCode::OK);
    }
    let m = t
        .put(
            &format!("/api/managers/{id}/assets/{mine}/remove"),
            &issuer,
            None,
        )
        .await;
    assert_eq!(m.expect(StatusCode::OK)["assets"], json!([]));
}

#[tokio::test]
async fn issuer_usernames_cannot_reuse_a_managers() {
    let t = spawn_app().await;
    let issuer = t.issuer("abcompany").await;
    t.manager(&issuer, "carol").await;
    let err = t
        .app
        .create_issuer(
            &tessera_core::Username::parse("carol").unwrap(),
            &tessera_app::Password::new(PASSWORD),
        )
        .await
        .unwrap_err();
    assert!(
        matches!(err, tessera_app::AuthError::Conflict(_)),
        "{err:?}"
    );
}

#[tokio::test]
async fn changing_a_managers_password_revokes_its_tokens() {
    let t = spawn_app().await;
    let issuer = t.issuer("abcompany").await;
    let id = t.manager(&issuer, "carol").await;
    t.put(&format!("/api/managers/{id}/unlock"), &issuer, None)
        .await
        .expect(StatusCode::OK);
    let old = t.token("carol").await;
    let pw = json!({"password": "a brand new password"});
    let reply = t
        .post(&format!("/api/managers/{id}/change-password"), &issuer, pw)
        .await
        .expect(StatusCode::OK);
    assert_eq!(reply["username"], "carol");
    let fresh = reply["token"].as_str().unwrap();
    t.get("/api/managers/me", &old)
        .await
        .expect_error(StatusCode::UNAUTHORIZED, "invalid_token");
    t.get("/api/managers/me", fresh)
        .await
        .expect(StatusCode::OK);
    t.login("carol", PASSWORD)
        .await
        .expect_error(StatusCode::BAD_REQUEST, "invalid_credentials");
    t.login("carol", "a brand new password")
        .await
        .expect(StatusCode::OK);
    // The issuer's own login is untouched.
    t.token("abcompany").await;
}
