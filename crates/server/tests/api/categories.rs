use crate::harness::*;
use axum::http::StatusCode;
use serde_json::json;

#[tokio::test]
async fn categories_can_be_added_listed_read_edited_and_deleted() {
    let t = spawn_app().await;
    let token = t.issuer("acme").await;
    let body = t
        .post(
            "/api/categories/add",
            &token,
            json!({ "name": "Accredited", "description": "KYC done" }),
        )
        .await
        .expect(StatusCode::CREATED);
    let id = body["id"].as_i64().unwrap();
    assert_eq!(
        body,
        json!({ "id": id, "name": "Accredited", "description": "KYC done", "registered_users": [], "assets": [] })
    );
    assert_eq!(
        t.get("/api/categories", &token)
            .await
            .expect(StatusCode::OK),
        json!([body.clone()])
    );
    assert_eq!(
        t.get(&format!("/api/categories/{id}"), &token)
            .await
            .expect(StatusCode::OK),
        body
    );

    let edited = t
        .put(
            &format!("/api/categories/{id}/edit"),
            &token,
            Some(json!({ "description": "KYC and AML" })),
        )
        .await
        .expect(StatusCode::OK);
    assert_eq!(edited["name"], "Accredited");
    assert_eq!(edited["description"], "KYC and AML");
    let edited = t
        .put(
            &format!("/api/categories/{id}/edit"),
            &token,
            Some(json!({ "name": "Qualified" })),
        )
        .await
        .expect(StatusCode::OK);
    assert_eq!(edited["name"], "Qualified");
    assert_eq!(edited["description"], "KYC and AML");

    t.delete(&format!("/api/categories/{id}/delete"), &token)
        .await
        .expect(StatusCode::NO_CONTENT);
    t.get(&format!("/api/categories/{id}"), &token)
        .await
        .expect_error(StatusCode::NOT_FOUND, "category_not_found");
}

#[tokio::test]
async fn description_is_optional_on_creation() {
    let t = spawn_app().await;
    let token = t.issuer("acme").await;
    let body = t
        .post("/api/categories/add", &token, json!({ "name": "Plain" }))
        .await
        .expect(StatusCode::CREATED);
    assert_eq!(body["description"], "");
}

#[tokio::test]
async fn invalid_or_duplicate_categories_change_nothing() {
    let t = spawn_app().await;
    let token = t.issuer("acme").await;
    let first = t.category(&token, "one").await;
    t.category(&token, "two").await;
    let before = t.snapshot(&token).await;
    for (body, code) in [
        (json!({ "name": "" }), "invalid_name"),
        (
            json!({ "name": "ok", "description": "d".repeat(1001) }),
            "invalid_description",
        ),
        (json!({ "name": null }), "invalid_body"),
        (json!({}), "invalid_body"),
    ] {
        t.post("/api/categories/add", &token, body)
            .await
            .expect_error(StatusCode::BAD_REQUEST, code);
    }
    t.post("/api/categories/add", &token, json!({ "name": "one" }))
        .await
        .expect_error(StatusCode::BAD_REQUEST, "category_name_taken");
    t.put(
        &format!("/api/categories/{first}/edit"),
        &token,
        Some(json!({ "name": "two" })),
    )
    .await
    .expect_error(StatusCode::BAD_REQUEST, "category_name_taken");
    t.put(
        &format!("/api/categories/{first}/edit"),
        &token,
        Some(json!({ "name": " " })),
    )
    .await
    .expect_error(StatusCode::BAD_REQUEST, "invalid_name");
    t.put(
        "/api/categories/999/edit",
        &token,
        Some(json!({ "name": "x" })),
    )
    .await
    .expect_error(StatusCode::NOT_FOUND, "category_not_found");
    assert_eq!(t.snapshot(&token).await, before);
}

#[tokio::test]
async fn membership_is_added_and_removed_idempotently() {
    let t = spawn_app().await;
    let token = t.issuer("acme").await;
    let cat = t.category(&token, "c").await;
    let alice = t.user(&token, "Alice", None).await;
    let add = format!("/api/categories/{cat}/registered_users/{alice}/add");
    let remove = format!("/api/categories/{cat}/registered_users/{alice}/remove");
    for _ in 0..2 {
        let body = t.put(&add, &token, None).await.expect(StatusCode::OK);
        assert_eq!(body["registered_users"], json!([alice]));
    }
    let user = t
        .get(&format!("/api/registered_users/{alice}"), &token)
        .await
        .expect(StatusCode::OK);
    assert_eq!(user["categories"], json!([cat]));
    for _ in 0..2 {
        let body = t.put(&remove, &token, None).await.expect(StatusCode::OK);
        assert_eq!(body["registered_users"], json!([]));
    }
    t.put(
        &format!("/api/categories/{cat}/registered_users/999/add"),
        &token,
        None,
    )
    .await
    .expect_error(StatusCode::NOT_FOUND, "registered_user_not_found");
    t.put(
        &format!("/api/categories/999/registered_users/{alice}/add"),
        &token,
        None,
    )
    .await
    .expect_error(StatusCode::NOT_FOUND, "category_not_found");
}

#[tokio::test]
async fn deleting_a_user_removes_it_from_categories() {
    let t = spawn_app().await;
    let token = t.issuer("acme").await;
    let cat = t.category(&token, "c").await;
    let alice = t.user(&token, "Alice", None).await;
    t.put(
        &format!("/api/categories/{cat}/registered_users/{alice}/add"),
        &token,
        None,
    )
    .await
    .expect(StatusCode::OK);
    t.delete(&format!("/api/registered_users/{alice}/delete"), &token)
        .await
        .expect(StatusCode::NO_CONTENT);
    let body = t
        .get(&format!("/api/categories/{cat}"), &token)
        .await
        .expect(StatusCode::OK);
    assert_eq!(body["registered_users"], json!([]));
}

/// Issue 11: AMP's R client sends `"description": null`.
#[tokio::test]
async fn a_category_added_with_a_null_description_has_an_empty_one() {
    let t = spawn_app().await;
    let token = t.issuer("acme").await;
    let body = t
        .post(
            "/api/categories/add",
            &token,
            json!({ "name": "Accredited", "description": null }),
        )
        .await
        .expect(StatusCode::CREATED);
    assert_eq!(body["description"], "");
}
