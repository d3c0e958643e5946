//! Cross-cutting error behaviour: content types, malformed JSON, sizes, isolation.

use crate::harness::*;
use axum::body::Body;
use axum::http::{Method, Request, StatusCode};
use serde_json::json;

#[tokio::test]
async fn wrong_content_type_and_malformed_json_get_400() {
    let t = spawn_app().await;
    let token = t.issuer("acme").await;
    let before = t.snapshot(&token).await;
    let send = |ct: Option<&str>, body: &str| {
        let mut req = Request::builder()
            .method(Method::POST)
            .uri("/api/registered_users/add")
            .header("authorization", format!("token {token}"));
        if let Some(ct) = ct {
            req = req.header("content-type", ct);
        }
        req.body(Body::from(body.to_owned())).unwrap()
    };
    t.raw(send(None, r#"{"name":"A"}"#))
        .await
        .expect_error(StatusCode::BAD_REQUEST, "unsupported_content_type");
    t.raw(send(Some("text/plain"), r#"{"name":"A"}"#))
        .await
        .expect_error(StatusCode::BAD_REQUEST, "unsupported_content_type");
    t.raw(send(Some("application/json"), r#"{"name":"#))
        .await
        .expect_error(StatusCode::BAD_REQUEST, "malformed_json");
    t.raw(send(Some("application/json"), ""))
        .await
        .expect_error(StatusCode::BAD_REQUEST, "malformed_json");
    assert_eq!(t.snapshot(&token).await, before);
}

#[tokio::test]
async fn oversized_bodies_are_refused() {
    let t = spawn_app().await;
    let token = t.issuer("acme").await;
    let huge = json!({ "name": "x".repeat(tessera_server::MAX_BODY_BYTES + 1) });
    t.post("/api/registered_users/add", &token, huge)
        .await
        .expect_error(StatusCode::PAYLOAD_TOO_LARGE, "payload_too_large");
}

#[tokio::test]
async fn non_numeric_and_overflowing_ids_get_400() {
    let t = spawn_app().await;
    let token = t.issuer("acme").await;
    t.get("/api/registered_users/abc", &token)
        .await
        .expect_error(StatusCode::BAD_REQUEST, "invalid_path");
    t.get("/api/registered_users/99999999999999999999", &token)
        .await
        .expect_error(StatusCode::BAD_REQUEST, "invalid_path");
    t.get("/api/categories/-1", &token)
        .await
        .expect_error(StatusCode::NOT_FOUND, "category_not_found");
    t.put("/api/categories/1/registered_users/x/add", &token, None)
        .await
        .expect_error(StatusCode::BAD_REQUEST, "invalid_path");
}

#[tokio::test]
async fn another_issuers_data_is_invisible_and_untouchable() {
    let t = spawn_app().await;
    let a = t.issuer("alpha").await;
    let b = t.issuer("bravo").await;
    let user = t.user(&a, "Alice", Some(GAID_A)).await;
    let cat = t.category(&a, "cat").await;
    t.put(
        &format!("/api/categories/{cat}/registered_users/{user}/add"),
        &a,
        None,
    )
    .await
    .expect(StatusCode::OK);
    let before = t.snapshot(&a).await;

    assert_eq!(
        t.get("/api/registered_users", &b)
            .await
            .expect(StatusCode::OK),
        json!([])
    );
    assert_eq!(
        t.get("/api/categories", &b).await.expect(StatusCode::OK),
        json!([])
    );
    let u = format!("/api/registered_users/{user}");
    let c = format!("/api/categories/{cat}");
    t.get(&u, &b)
        .await
        .expect_error(StatusCode::NOT_FOUND, "registered_user_not_found");
    t.put(&format!("{u}/edit"), &b, Some(json!({ "name": "Mallory" })))
        .await
        .expect_error(StatusCode::NOT_FOUND, "registered_user_not_found");
    t.delete(&format!("{u}/delete"), &b)
        .await
        .expect_error(StatusCode::NOT_FOUND, "registered_user_not_found");
    t.get(&format!("{u}/gaids"), &b)
        .await
        .expect_error(StatusCode::NOT_FOUND, "registered_user_not_found");
    t.post(&format!("{u}/gaids/add"), &b, json!(GAID_B))
        .await
        .expect_error(StatusCode::NOT_FOUND, "registered_user_not_found");
    t.post(&format!("{u}/gaids/set-default"), &b, json!(GAID_B))
        .await
        .expect_error(StatusCode::NOT_FOUND, "registered_user_not_found");
    t.get(&format!("{u}/summary"), &b)
        .await
        .expect_error(StatusCode::NOT_FOUND, "registered_user_not_found");
    t.get(&c, &b)
        .await
        .expect_error(StatusCode::NOT_FOUND, "category_not_found");
    t.put(&format!("{c}/edit"), &b, Some(json!({ "name": "x" })))
        .await
        .expect_error(StatusCode::NOT_FOUND, "category_not_found");
    t.delete(&format!("{c}/delete"), &b)
        .await
        .expect_error(StatusCode::NOT_FOUND, "category_not_found");
    t.put(&format!("{c}/registered_users/{user}/remove"), &b, None)
        .await
        .expect_error(StatusCode::NOT_FOUND, "category_not_found");
    // B's own category cannot take A's user either.
    let b_cat = t.category(&b, "cat").await;
    t.put(
        &format!("/api/categories/{b_cat}/registered_users/{user}/add"),
        &b,
        None,
    )
    .await
    .expect_error(StatusCode::NOT_FOUND, "registered_user_not_found");
    t.get(&format!("/api/gaids/{GAID_A}/registered_user"), &b)
        .await
        .expect_error(StatusCode::NOT_FOUND, "gaid_not_registered");
    // B may register the same investor GAID for itself: GAIDs are unique per issuer.
    t.user(&b, "Alice at B", Some(GAID_A)).await;

    assert_eq!(t.snapshot(&a).await, before);
}
