//! The API tests' harness (`tests/api/harness.rs`: `spawn_app()` on a fresh database with a
//! controllable clock), plus manager fixtures.

#[allow(dead_code)]
#[path = "../api/harness.rs"]
mod base;
#[path = "../common/stored_asset.rs"]
mod stored_asset;

use axum::http::StatusCode;
pub use base::*;
use tessera_core::Username;

/// Manager fixtures: assets created through the store (no node needed).
impl TestApp {
    /// The id of the issuer `name`.
    pub async fn issuer_id(&self, name: &str) -> tessera_core::IssuerId {
        self.store
            .issuer_credentials(&Username::parse(name).unwrap())
            .await
            .unwrap()
            .unwrap()
            .issuer
            .id
    }

    /// Records asset `n` of issuer `name` directly in the store; returns its uuid.
    pub async fn asset(&self, name: &str, n: u8) -> String {
        let issuer = self.issuer_id(name).await;
        stored_asset::record(&*self.store, issuer, n, T0).await
    }

    /// Creates manager `name` for the issuer token; returns its id (still locked).
    pub async fn manager(&self, issuer_token: &str, name: &str) -> i64 {
        let body = serde_json::json!({ "username": name, "password": PASSWORD });
        let m = self
            .post("/api/managers/create", issuer_token, body)
            .await
            .expect(StatusCode::OK);
        assert_eq!(m["is_locked"], true);
        m["id"].as_i64().unwrap()
    }

    /// Logs in and returns the token (panics unless 200).
    pub async fn token(&self, name: &str) -> String {
        self.login(name, PASSWORD).await.expect(StatusCode::OK)["token"]
            .as_str()
            .unwrap()
            .to_owned()
    }
}
