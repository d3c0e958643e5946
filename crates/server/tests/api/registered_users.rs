use crate::harness::*;
use axum::http::StatusCode;
use serde_json::json;

#[tokio::test]
async fn registered_users_can_be_added_listed_read_renamed_and_deleted() {
    let t = spawn_app().await;
    let token = t.issuer("acme").await;
    let body = t
        .post(
            "/api/registered_users/add",
            &token,
            json!({ "name": "ACME Ltd", "GAID": GAID_A, "is_company": true }),
        )
        .await
        .expect(StatusCode::CREATED);
    let id = body["id"].as_i64().unwrap();
    assert_eq!(body["GAID"], GAID_A);
    assert_eq!(body["is_company"], true);
    assert_eq!(body["categories"], json!([]));
    assert!(body["creator"].as_i64().unwrap() > 0);

    let list = t
        .get("/api/registered_users", &token)
        .await
        .expect(StatusCode::OK);
    assert_eq!(list, json!([body.clone()]));
    assert_eq!(
        t.get(&format!("/api/registered_users/{id}"), &token)
            .await
            .expect(StatusCode::OK),
        body
    );

    let renamed = t
        .put(
            &format!("/api/registered_users/{id}/edit"),
            &token,
            Some(json!({ "name": "ACME plc" })),
        )
        .await
        .expect(StatusCode::OK);
    assert_eq!(renamed["name"], "ACME plc");

    let gone = t
        .delete(&format!("/api/registered_users/{id}/delete"), &token)
        .await
        .expect(StatusCode::NO_CONTENT);
    assert_eq!(gone, serde_json::Value::Null);
    t.get(&format!("/api/registered_users/{id}"), &token)
        .await
        .expect_error(StatusCode::NOT_FOUND, "registered_user_not_found");
    t.delete(&format!("/api/registered_users/{id}/delete"), &token)
        .await
        .expect_error(StatusCode::NOT_FOUND, "registered_user_not_found");
}

#[tokio::test]
async fn users_may_be_created_without_gaid_and_with_categories() {
    let t = spawn_app().await;
    let token = t.issuer("acme").await;
    let cat = t.category(&token, "accredited").await;
    let body = t
        .post(
            "/api/registered_users/add",
            &token,
            json!({ "name": "Bob", "categories": [cat] }),
        )
        .await
        .expect(StatusCode::CREATED);
    assert_eq!(body["GAID"], serde_json::Value::Null);
    assert_eq!(body["is_company"], false);
    assert_eq!(body["categories"], json!([cat]));
}

#[tokio::test]
async fn an_unknown_category_refuses_the_whole_creation() {
    let t = spawn_app().await;
    let token = t.issuer("acme").await;
    let before = t.snapshot(&token).await;
    t.post(
        "/api/registered_users/add",
        &token,
        json!({ "name": "Bob", "categories": [999] }),
    )
    .await
    .expect_error(StatusCode::NOT_FOUND, "category_not_found");
    assert_eq!(t.snapshot(&token).await, before);
}

#[tokio::test]
async fn invalid_users_are_refused_and_change_nothing() {
    let t = spawn_app().await;
    let token = t.issuer("acme").await;
    t.user(&token, "Alice", Some(GAID_A)).await;
    let before = t.snapshot(&token).await;
    let cases = [
        (json!({ "name": "" }), "invalid_name"),
        (json!({ "name": "x".repeat(256) }), "invalid_name"),
        (json!({ "name": "Bob", "GAID": "GAnope" }), "invalid_gaid"),
        (json!({ "name": 5 }), "invalid_body"),
        (
            json!({ "name": "Bob", "is_company": "yes" }),
            "invalid_body",
        ),
        (json!({ "name": "Bob", "colour": "red" }), "invalid_body"),
        (json!(["Bob"]), "invalid_body"),
    ];
    for (body, code) in cases {
        t.post("/api/registered_users/add", &token, body)
            .await
            .expect_error(StatusCode::BAD_REQUEST, code);
    }
    t.post(
        "/api/registered_users/add",
        &token,
        json!({ "name": "Bob", "GAID": GAID_A }),
    )
    .await
    .expect_error(StatusCode::BAD_REQUEST, "gaid_taken");
    assert_eq!(t.snapshot(&token).await, before);
}

#[tokio::test]
async fn gaids_can_be_added_listed_and_made_default() {
    let t = spawn_app().await;
    let token = t.issuer("acme").await;
    let id = t.user(&token, "Alice", Some(GAID_A)).await;
    let base = format!("/api/registered_users/{id}");
    let body = t
        .post(&format!("{base}/gaids/add"), &token, json!(GAID_B))
        .await
        .expect(StatusCode::OK);
    assert_eq!(body["GAID"], GAID_A, "the first GAID stays the default");
    assert_eq!(
        t.get(&format!("{base}/gaids"), &token)
            .await
            .expect(StatusCode::OK),
        json!([GAID_A, GAID_B])
    );
    let body = t
        .post(&format!("{base}/gaids/set-default"), &token, json!(GAID_B))
        .await
        .expect(StatusCode::OK);
    assert_eq!(body["GAID"], GAID_B);
    // A GAID the user does not have yet is added and made default.
    let body = t
        .post(&format!("{base}/gaids/set-default"), &token, json!(GAID_C))
        .await
        .expect(StatusCode::OK);
    assert_eq!(body["GAID"], GAID_C);
    assert_eq!(
        t.get(&format!("{base}/gaids"), &token)
            .await
            .expect(StatusCode::OK),
        json!([GAID_A, GAID_B, GAID_C])
    );
}

#[tokio::test]
async fn gaid_endpoints_refuse_bad_input_without_change() {
    let t = spawn_app().await;
    let token = t.issuer("acme").await;
    let alice = t.user(&token, "Alice", Some(GAID_A)).await;
    let bob = t.user(&token, "Bob", None).await;
    let before = t.snapshot(&token).await;
    let add = format!("/api/registered_users/{bob}/gaids/add");
    t.post(&add, &token, json!("GA0"))
        .await
        .expect_error(StatusCode::BAD_REQUEST, "invalid_gaid");
    t.post(&add, &token, json!({ "gaid": GAID_B }))
        .await
        .expect_error(StatusCode::BAD_REQUEST, "invalid_body");
    t.post(&add, &token, json!(GAID_A))
        .await
        .expect_error(StatusCode::BAD_REQUEST, "gaid_taken");
    t.post(
        &format!("/api/registered_users/{bob}/gaids/set-default"),
        &token,
        json!(GAID_A),
    )
    .await
    .expect_error(StatusCode::BAD_REQUEST, "gaid_taken");
    t.post("/api/registered_users/999/gaids/add", &token, json!(GAID_B))
        .await
        .expect_error(StatusCode::NOT_FOUND, "registered_user_not_found");
    assert_eq!(t.snapshot(&token).await, before);
    assert!(alice > 0);
}

#[tokio::test]
async fn bulk_category_membership_on_the_user() {
    let t = spawn_app().await;
    let token = t.issuer("acme").await;
    let id = t.user(&token, "Alice", None).await;
    let a = t.category(&token, "a").await;
    let b = t.category(&token, "b").await;
    let path = format!("/api/registered_users/{id}/categories");
    let body = t
        .put(
            &format!("{path}/add"),
            &token,
            Some(json!({ "categories": [a, b] })),
        )
        .await
        .expect(StatusCode::OK);
    assert_eq!(body["categories"], json!([a, b]));
    let before = t.snapshot(&token).await;
    t.put(
        &format!("{path}/add"),
        &token,
        Some(json!({ "categories": [a, 999] })),
    )
    .await
    .expect_error(StatusCode::NOT_FOUND, "category_not_found");
    assert_eq!(t.snapshot(&token).await, before);
    let body = t
        .put(
            &format!("{path}/delete"),
            &token,
            Some(json!({ "categories": [a] })),
        )
        .await
        .expect(StatusCode::OK);
    assert_eq!(body["categories"], json!([b]));
}

#[tokio::test]
async fn summary_is_empty_until_assets_exist() {
    let t = spawn_app().await;
    let token = t.issuer("acme").await;
    let id = t.user(&token, "Alice", None).await;
    assert_eq!(
        t.get(&format!("/api/registered_users/{id}/summary"), &token)
            .await
            .expect(StatusCode::OK),
        json!([])
    );
    t.get("/api/registered_users/77/summary", &token)
        .await
        .expect_error(StatusCode::NOT_FOUND, "registered_user_not_found");
}

#[tokio::test]
async fn legacy_investor_paths_work() {
    let t = spawn_app().await;
    let token = t.issuer("acme").await;
    let body = t
        .post(
            "/api/investors/add",
            &token,
            json!({ "name": "Old client" }),
        )
        .await
        .expect(StatusCode::CREATED);
    let id = body["id"].as_i64().unwrap();
    assert_eq!(
        t.get(&format!("/api/investors/{id}"), &token)
            .await
            .expect(StatusCode::OK)["name"],
        "Old client"
    );
    assert_eq!(
        t.get("/api/investors", &token)
            .await
            .expect(StatusCode::OK)
            .as_array()
            .unwrap()
            .len(),
        1
    );
}

#[tokio::test]
async fn a_deleted_user_can_be_created_again_with_its_gaid() {
    // AMP bug (amp-api.md §7): a user added to categories, removed and deleted could not be re-created.
    let t = spawn_app().await;
    let token = t.issuer("acme").await;
    let cat = t.category(&token, "c").await;
    let id = t.user(&token, "Alice", Some(GAID_A)).await;
    t.put(
        &format!("/api/categories/{cat}/registered_users/{id}/add"),
        &token,
        None,
    )
    .await
    .expect(StatusCode::OK);
    t.put(
        &format!("/api/categories/{cat}/registered_users/{id}/remove"),
        &token,
        None,
    )
    .await
    .expect(StatusCode::OK);
    t.delete(&format!("/api/registered_users/{id}/delete"), &token)
        .await
        .expect(StatusCode::NO_CONTENT);
    let again = t.user(&token, "Alice", Some(GAID_A)).await;
    assert_ne!(again, id);
}
