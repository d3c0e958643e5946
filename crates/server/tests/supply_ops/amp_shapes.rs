//! Issue 11: AMP's wire shapes on the lifecycle endpoints.

use crate::harness::*;
use axum::http::StatusCode;

#[tokio::test]
async fn the_issuance_is_element_0_of_txs_with_its_outputs() {
    let w = World::start().await;
    let (uuid, _) = w.issue(100_000).await;
    w.mine(1).await;
    let txs = w
        .get(&format!("/api/assets/{uuid}/txs"))
        .await
        .expect(StatusCode::OK);
    assert_eq!(txs[0]["is_issuance"], true, "{txs}");
    assert!(!txs[0]["outputs"].as_array().unwrap().is_empty(), "{txs}");
}

#[tokio::test]
async fn registering_a_registered_asset_answers_amps_error_key() {
    let w = World::start().await;
    let (uuid, _) = w.issue(100_000).await;
    w.get(&format!("/api/assets/{uuid}/register"))
        .await
        .expect(StatusCode::OK);
    let again = w
        .get(&format!("/api/assets/{uuid}/register"))
        .await
        .expect_error(StatusCode::BAD_REQUEST, "already_registered");
    assert_eq!(again["Error"], "The asset is already registered.");
}
