use crate::harness::*;
use axum::http::StatusCode;

#[tokio::test]
async fn validate_reports_syntax_errors_in_the_body() {
    let t = spawn_app().await;
    let token = t.issuer("acme").await;
    let ok = t
        .get(&format!("/api/gaids/{GAID_A}/validate"), &token)
        .await
        .expect(StatusCode::OK);
    assert_eq!(ok, serde_json::json!({ "is_valid": true, "error": "" }));
    for bad in [
        "GAshort",
        "XAbYScu6jkWUND2jo3L4KJxyvo55d",
        "GAbYScu6jkWUND2jo3L4KJxyvo550",
    ] {
        let body = t
            .get(&format!("/api/gaids/{bad}/validate"), &token)
            .await
            .expect(StatusCode::OK);
        assert_eq!(body["is_valid"], false);
        assert!(body["error"].as_str().unwrap().contains(bad), "{body}");
    }
}

#[tokio::test]
async fn registered_user_by_gaid() {
    let t = spawn_app().await;
    let token = t.issuer("acme").await;
    let id = t.user(&token, "Alice", Some(GAID_A)).await;
    let body = t
        .get(&format!("/api/gaids/{GAID_A}/registered_user"), &token)
        .await
        .expect(StatusCode::OK);
    assert_eq!(body["id"], id);
    let legacy = t
        .get(&format!("/api/gaids/{GAID_A}/investor"), &token)
        .await
        .expect(StatusCode::OK);
    assert_eq!(legacy, body);
    t.get(&format!("/api/gaids/{GAID_B}/registered_user"), &token)
        .await
        .expect_error(StatusCode::NOT_FOUND, "gaid_not_registered");
    t.get("/api/gaids/GAbad/registered_user", &token)
        .await
        .expect_error(StatusCode::BAD_REQUEST, "invalid_gaid");
}
