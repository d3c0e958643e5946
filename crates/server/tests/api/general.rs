use crate::harness::*;
use axum::http::{Method, StatusCode};

#[tokio::test]
async fn info_needs_no_token_and_names_the_version() {
    let t = spawn_app().await;
    let body = t
        .call(Method::GET, "/api/info", None, None)
        .await
        .expect(StatusCode::OK);
    assert_eq!(body["version"], "0.1.13");
    assert!(body["notes"].as_str().unwrap().contains("Tessera"));
}

#[tokio::test]
async fn changelog_needs_a_token() {
    let t = spawn_app().await;
    t.call(Method::GET, "/api/changelog", None, None)
        .await
        .expect_error(StatusCode::UNAUTHORIZED, "unauthenticated");
    let token = t.issuer("acme").await;
    let body = t.get("/api/changelog", &token).await.expect(StatusCode::OK);
    assert!(body["tessera-0.1.0"]
        .as_str()
        .unwrap()
        .contains("registered users"));
}

#[tokio::test]
async fn trailing_slashes_are_accepted() {
    let t = spawn_app().await;
    let token = t.issuer("acme").await;
    t.user(&token, "Alice", None).await;
    let body = t
        .get("/api/registered_users/", &token)
        .await
        .expect(StatusCode::OK);
    assert_eq!(body.as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn unknown_paths_answer_json_404() {
    let t = spawn_app().await;
    t.call(Method::GET, "/api/nothing/here", None, None)
        .await
        .expect_error(StatusCode::NOT_FOUND, "no_such_endpoint");
}

#[tokio::test]
async fn unpublished_assets_are_not_in_the_registry() {
    let t = spawn_app().await;
    let id = "ab".repeat(32);
    t.call(Method::GET, &format!("/registry/{id}"), None, None)
        .await
        .expect_error(StatusCode::NOT_FOUND, "asset_not_registered");
    t.call(Method::GET, "/registry/not-an-asset-id", None, None)
        .await
        .expect_error(StatusCode::NOT_FOUND, "asset_not_registered");
}
