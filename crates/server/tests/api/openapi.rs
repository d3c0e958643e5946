//! The OpenAPI document is served and matches the committed copy in docs/openapi.json.

use crate::harness::*;
use axum::http::{Method, StatusCode};

fn committed_path() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/openapi.json")
}

#[tokio::test]
async fn openapi_document_is_served_without_a_token() {
    let t = spawn_app().await;
    let body = t
        .call(Method::GET, "/api/openapi.json", None, None)
        .await
        .expect(StatusCode::OK);
    assert!(body["paths"]["/api/registered_users/add"]["post"].is_object());
    assert!(body["paths"]["/api/user/obtain_token"]["post"].is_object());
    assert!(body["components"]["securitySchemes"]["token"].is_object());
}

#[test]
fn committed_openapi_document_is_current() {
    let current =
        serde_json::to_string_pretty(&tessera_server::openapi::document()).unwrap() + "\n";
    let path = committed_path();
    if std::env::var_os("UPDATE_OPENAPI").is_some() {
        std::fs::write(&path, &current).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == current,
        "docs/openapi.json is stale: run `UPDATE_OPENAPI=1 cargo test -p tessera-server openapi` and commit it"
    );
}
